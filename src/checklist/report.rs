//! What bureaus report: counts, deadlines, the rule to open a case under when overdue,
//! and the CSV.

use super::*;
use crate::csv::to_csv;
use crate::date::{Date, DeadlineState};
use crate::sorted::SortedMap;
use serde::Serialize;

/// Progress as bureaus report it: 核查问题线索N件，实施整改措施N项，整改销号N件.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Counts {
    pub items: usize,
    /// Items on the 问题线索 list that have been taken up (no longer 待整改).
    pub leads_verified: usize,
    /// Measures of items whose rectification has been reported (待复查 or 已销号).
    pub measures_implemented: usize,
    pub closed: usize,
    pub overdue: usize,
    pub due_soon: usize,
}

/// Counts over `items` on `today`; `soon_days` sets "due soon".
pub fn counts<'a>(
    items: impl IntoIterator<Item = &'a Item>,
    today: Date,
    soon_days: i64,
) -> Counts {
    counts_of_groups(items.into_iter().map(|i| (i, 1)), today, soon_days)
}

/// [`counts`] over groups of items alike in all it reads: each `(item, n)` stands for
/// `n` items like `item` (see [`Group`]).
pub fn counts_of_groups<'a>(
    groups: impl IntoIterator<Item = Group<'a>>,
    today: Date,
    soon_days: i64,
) -> Counts {
    let mut c = Counts::default();
    for (i, n) in groups {
        c.items += n;
        if i.list == ListKind::ProblemLead && i.status != Status::Pending {
            c.leads_verified += n;
        }
        if matches!(
            i.status,
            Status::AwaitingReinspection | Status::ReadyForCloseOut | Status::Closed
        ) {
            c.measures_implemented += i.measures.len() * n;
        }
        if i.status == Status::Closed {
            c.closed += n;
        }
        match i.deadline_state(today, soon_days) {
            Some(DeadlineState::Overdue { .. }) => c.overdue += n,
            Some(DeadlineState::DueSoon { .. }) => c.due_soon += n,
            _ => {}
        }
    }
    c
}

/// `n` items alike in everything the report counts by: list, status, unit, person,
/// deadline, rule and the number of measures. A store that counts with `GROUP BY` over
/// those hands the report its groups instead of every item.
pub type Group<'a> = (&'a Item, usize);

/// The last deadline an item of the report's deadline lists (overdue, due soon, cases to
/// open) can have on `today`. Those lists hold only items not closed out whose deadline
/// is on or before this day, so a store need read no other item one by one. With
/// `soon_days` of -1 it is the last deadline an overdue item can have (`Filter`'s
/// `overdue_only`).
pub fn deadline_lists_until(today: Date, soon_days: i64) -> Date {
    crate::date::add_days(today, soon_days)
}

/// An open item with a deadline, for the report's deadline list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeadlineEntry {
    pub id: String,
    pub person: String,
    #[serde(with = "crate::date::iso")]
    pub deadline: Date,
    pub days: i64,
}

/// An overdue item and the rule to open a case under (逾期不改正).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseSuggestion {
    pub id: String,
    pub rule: String,
    pub citation: crate::penalty::rules::Citation,
}

/// What a bureau reports over a list: counts per list and unit, deadlines, cases to open.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    #[serde(with = "crate::date::iso")]
    pub today: Date,
    pub counts: Counts,
    /// `核查问题线索N件，实施整改措施N项，整改销号N件`
    pub summary: String,
    pub by_list: SortedMap<String, Counts>,
    pub by_owner: SortedMap<String, Counts>,
    /// Per responsible unit (责任单位).
    pub by_unit: SortedMap<String, Counts>,
    pub overdue: Vec<DeadlineEntry>,
    pub due_soon: Vec<DeadlineEntry>,
    /// 未按期整改: overdue items whose rule allows a case once the deadline is missed.
    pub open_case: Vec<CaseSuggestion>,
}

/// The progress line as bureaus write it: 核查问题线索N件，实施整改措施N项，整改销号N件.
pub fn summary_line(counts: &Counts, lang: crate::Lang) -> String {
    crate::i18n::tf(
        lang,
        "checklist.summary",
        &[
            ("leads", &counts.leads_verified.to_string()),
            ("measures", &counts.measures_implemented.to_string()),
            ("closed", &counts.closed.to_string()),
        ],
    )
}

/// Counts, overdue and due-soon items, and case suggestions for a list on `today`.
pub fn report(list: &ItemList, today: Date, soon_days: i64, lang: crate::Lang) -> Report {
    let groups = list.items.iter().map(|i| (i, 1));
    report_of_groups(groups, &list.items, today, soon_days, lang)
}

/// [`report`] over groups of items (see [`Group`]) and the items that may belong on its
/// deadline lists: at least every item not closed out whose deadline is on or before
/// [`deadline_lists_until`], in the order to list them. Items that do not belong there
/// are passed over.
pub fn report_of_groups<'a>(
    groups: impl IntoIterator<Item = Group<'a>>,
    dated: &[Item],
    today: Date,
    soon_days: i64,
    lang: crate::Lang,
) -> Report {
    type ByKey<'a> = SortedMap<String, Vec<Group<'a>>>;
    let (mut by_list, mut by_owner, mut by_unit) = (ByKey::new(), ByKey::new(), ByKey::new());
    let mut all = Vec::new();
    for (i, n) in groups {
        by_list.entry(wire_name(&i.list)).or_default().push((i, n));
        by_owner
            .entry(format!("{} {}", i.unit, i.person).trim().to_string())
            .or_default()
            .push((i, n));
        by_unit.entry(i.unit.clone()).or_default().push((i, n));
        all.push((i, n));
    }
    let counts = counts_of_groups(all, today, soon_days);
    let group = |m: ByKey| {
        m.into_iter()
            .map(|(k, v)| (k, counts_of_groups(v, today, soon_days)))
            .collect()
    };
    let (overdue, due_soon, open_case) = deadline_lists(dated, today, soon_days);
    Report {
        today,
        counts,
        summary: summary_line(&counts, lang),
        by_list: group(by_list),
        by_owner: group(by_owner),
        by_unit: group(by_unit),
        overdue,
        due_soon,
        open_case,
    }
}

type DeadlineLists = (Vec<DeadlineEntry>, Vec<DeadlineEntry>, Vec<CaseSuggestion>);

/// Overdue items (longest overdue first), items due soon (soonest first) and the cases
/// to open, among `items`.
fn deadline_lists(items: &[Item], today: Date, soon_days: i64) -> DeadlineLists {
    let (mut overdue, mut due_soon, mut open_case) = (Vec::new(), Vec::new(), Vec::new());
    for i in items {
        let entry = |days| DeadlineEntry {
            id: i.id.clone(),
            person: i.person.clone(),
            deadline: i.deadline.unwrap_or(today),
            days,
        };
        match i.deadline_state(today, soon_days) {
            Some(DeadlineState::Overdue { days }) => overdue.push(entry(days)),
            Some(DeadlineState::DueSoon { days }) => due_soon.push(entry(days)),
            _ => {}
        }
        if let Some(rule) = i.suggested_case_rule(today) {
            if let Some(r) = crate::penalty::rule_table().get(rule) {
                open_case.push(CaseSuggestion {
                    id: i.id.clone(),
                    rule: rule.to_string(),
                    citation: r.citation(),
                });
            }
        }
    }
    crate::sorted::sort_by_key(&mut overdue, |e| std::cmp::Reverse(e.days));
    crate::sorted::sort_by_key(&mut due_soon, |e| e.days);
    (overdue, due_soon, open_case)
}

/// The list as CSV (UTF-8 with BOM), one row an item, headers in `lang`.
pub fn items_csv(list: &ItemList, today: Date, lang: crate::Lang) -> String {
    let header = items_csv_header(lang);
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    to_csv(&header, &items_csv_cells(&list.items, today, lang))
}

/// The rows of more items after [`items_csv`] (no BOM, no header): a CSV written in
/// parts, as a server streams a long list.
pub fn items_csv_continued(items: &[Item], today: Date, lang: crate::Lang) -> String {
    crate::csv::csv_lines(&items_csv_cells(items, today, lang))
}

/// The CSV of a list begun with no items: the BOM and the header.
pub fn items_csv_start(lang: crate::Lang) -> String {
    let header = items_csv_header(lang);
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    to_csv(&header, &[])
}

fn items_csv_header(lang: crate::Lang) -> Vec<String> {
    let keys = [
        "id",
        "list",
        "source",
        "problem",
        "provision",
        "legal_basis",
        "measures",
        "unit",
        "person",
        "mode",
        "deadline",
        "status",
        "overdue",
    ];
    keys.iter()
        .map(|k| crate::i18n::t(lang, &format!("checklist.column.{k}")))
        .collect()
}

fn items_csv_cells(items: &[Item], today: Date, lang: crate::Lang) -> Vec<Vec<String>> {
    let label = |group: &str, v: String| crate::i18n::t(lang, &format!("{group}{v}"));
    items
        .iter()
        .map(|i| {
            vec![
                i.id.clone(),
                label("checklist.list.", wire_name(&i.list)),
                label("checklist.source.", wire_name(&i.source)),
                i.problem.clone(),
                i.provision.clone(),
                i.legal_basis.clone(),
                i.measures.join("；"),
                i.unit.clone(),
                i.person.clone(),
                label("checklist.mode.", wire_name(&i.mode)),
                i.deadline.map(crate::date::format_date).unwrap_or_default(),
                label("checklist.status.", wire_name(&i.status)),
                if i.is_overdue(today) {
                    crate::i18n::t(lang, "checklist.overdue")
                } else {
                    String::new()
                },
            ]
        })
        .collect()
}
