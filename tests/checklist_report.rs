//! The report over groups of items (as a store counts them with `GROUP BY`) is the
//! report over the items themselves.
use proptest::prelude::*;
use std::collections::BTreeMap;
use yaojian::checklist::*;
use yaojian::date::add_days;
use yaojian::Lang;

mod common;
use common::checklist::{d, item};

const STATUSES: [Status; 4] = [
    Status::Pending,
    Status::InProgress,
    Status::AwaitingReinspection,
    Status::Closed,
];
const LISTS: [ListKind; 3] = [
    ListKind::RiskHazard,
    ListKind::ProblemLead,
    ListKind::Rectification,
];
const RULES: [Option<&str>; 3] = [Some("dal-126"), Some("dal-115"), None];

/// An item made of small numbers: which list, status, unit, person, deadline (days from
/// today, or none), rule and how many measures.
type Shape = (usize, usize, usize, usize, Option<i64>, usize, usize);

fn shaped(n: usize, (list, status, unit, person, days, rule, measures): Shape) -> Item {
    let mut i = item(STATUSES[status]);
    i.id = format!("ZG-{n:04}");
    i.list = LISTS[list];
    i.unit = format!("单位{unit}");
    i.person = ["张三", ""][person].to_string();
    i.deadline = days.map(|k| add_days(today(), k));
    i.rule = RULES[rule].map(str::to_string);
    i.measures = vec!["补全记录".to_string(); measures];
    i
}

fn today() -> yaojian::date::Date {
    d("2026-12-04")
}

/// The items grouped by what the report counts, as a store's `GROUP BY` would.
fn grouped(items: &[Item]) -> Vec<(Item, usize)> {
    let mut groups: BTreeMap<String, (Item, usize)> = BTreeMap::new();
    for i in items {
        let key = format!(
            "{:?}|{:?}|{}|{}|{:?}|{:?}|{}",
            i.list,
            i.status,
            i.unit,
            i.person,
            i.deadline,
            i.rule,
            i.measures.len()
        );
        groups.entry(key).or_insert_with(|| (i.clone(), 0)).1 += 1;
    }
    groups.into_values().collect()
}

fn shape() -> impl Strategy<Value = Shape> {
    (
        0..3usize,
        0..4usize,
        0..4usize,
        0..2usize,
        proptest::option::of(-20..40i64),
        0..3usize,
        0..3usize,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn grouped_report_is_the_report_of_the_items(
        shapes in proptest::collection::vec(shape(), 0..60),
        soon in 0..10i64,
    ) {
        let items: Vec<Item> = shapes.into_iter().enumerate().map(|(n, s)| shaped(n, s)).collect();
        let list = ItemList { items: items.clone(), ..ItemList::default() };
        let whole = report(&list, today(), soon, Lang::ZhCn);
        let groups = grouped(&items);
        let until = deadline_lists_until(today(), soon);
        let dated: Vec<Item> = items
            .iter()
            .filter(|i| i.status != Status::Closed && i.deadline.is_some_and(|d| d <= until))
            .cloned()
            .collect();
        let by_groups = report_of_groups(
            groups.iter().map(|(i, n)| (i, *n)),
            &dated,
            today(),
            soon,
            Lang::ZhCn,
        );
        prop_assert_eq!(by_groups, whole);
    }
}

#[test]
fn groups_count_every_item_they_stand_for() {
    let mut closed = item(Status::Closed);
    closed.list = ListKind::ProblemLead;
    let groups = [(&closed, 3), (&item(Status::Pending), 2)];
    let c = counts_of_groups(groups.iter().map(|(i, n)| (*i, *n)), today(), 7);
    assert_eq!(c.items, 5);
    assert_eq!(c.closed, 3);
    assert_eq!(c.leads_verified, 3);
    assert_eq!(c.measures_implemented, 6);
    // The pending items' deadline (2026-12-01) has passed.
    assert_eq!(c.overdue, 2);
}
