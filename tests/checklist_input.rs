//! The add/edit form of a rectification item as typed (`ItemInput`): checks, trimming,
//! every error in form order, edits recorded in the history, the next id.
use yaojian::checklist::*;

mod common;
use common::checklist::{d, evidence, item, AT};

fn input() -> ItemInput {
    ItemInput {
        id: "ZG-2026-010".into(),
        problem: "  阴凉库温湿度超标未处置 ".into(),
        provision: "《药品经营质量管理规范》第八十三条".into(),
        legal_basis: "《中华人民共和国药品管理法》第一百二十六条".into(),
        rule: "dal-126".into(),
        measures: "调整空调设定\n\n  补记温湿度记录  \n".into(),
        unit: "某医药公司".into(),
        person: "赵六".into(),
        deadline: "2026-12-31".into(),
        ..ItemInput::default()
    }
}

fn paths(r: Result<impl std::fmt::Debug, yaojian::Errors>) -> Vec<(String, String)> {
    r.unwrap_err()
        .into_iter()
        .map(|e| (e.path, e.code))
        .collect()
}

#[test]
fn an_added_item_is_checked_trimmed_and_starts_pending() {
    let mut list = ItemList {
        schema: SCHEMA.into(),
        items: vec![item(Status::InProgress)],
    };
    let at = list.add(&input()).unwrap();
    let added = &list.items[at];
    assert_eq!(added.id, "ZG-2026-010");
    assert_eq!(added.problem, "阴凉库温湿度超标未处置");
    assert_eq!(added.measures, vec!["调整空调设定", "补记温湿度记录"]);
    assert_eq!(added.deadline, Some(d("2026-12-31")));
    assert_eq!(added.rule.as_deref(), Some("dal-126"));
    assert_eq!(added.status, Status::Pending);
    assert!(added.history.is_empty() && added.evidence.is_empty());
    // What the engine accepts as a form, it accepts as a list.
    let json = serde_json::to_string(&list).unwrap();
    assert_eq!(ItemList::from_json(&json).unwrap(), list);

    // The same id again is refused, and nothing is added.
    assert_eq!(
        paths(list.add(&input())),
        vec![("$.id".into(), "checklist.id".into())]
    );
    assert_eq!(list.items.len(), 2);
}

#[test]
fn an_empty_or_wrong_form_names_every_field_in_form_order() {
    let mut list = ItemList {
        schema: SCHEMA.into(),
        items: vec![],
    };
    let empty = ItemInput {
        measures: " \n ".into(),
        ..ItemInput::default()
    };
    assert_eq!(
        paths(list.add(&empty)),
        [
            ("$.id", "required"),
            ("$.problem", "required"),
            ("$.measures", "checklist.measures_required"),
            ("$.unit", "required"),
            ("$.person", "required"),
            ("$.deadline", "checklist.deadline_required"),
        ]
        .map(|(p, c)| (p.to_string(), c.to_string()))
    );
    for (typed, code) in [
        ("2026-02-30", "date.no_such_date"),
        ("2026/12/31", "date.format"),
        ("明天", "date.format"),
    ] {
        let bad = ItemInput {
            deadline: typed.into(),
            ..input()
        };
        assert_eq!(
            paths(list.add(&bad)),
            vec![("$.deadline".into(), code.into())],
            "{typed}"
        );
    }
    let unknown_rule = ItemInput {
        rule: "dal-999".into(),
        ..input()
    };
    assert_eq!(
        paths(list.add(&unknown_rule)),
        vec![("$.rule".into(), "penalty.unknown_rule".into())]
    );
    assert!(list.items.is_empty(), "a refused form adds nothing");
    // 立即改正 needs no deadline; one typed before switching is not kept.
    let immediate = ItemInput {
        mode: Mode::Immediate,
        deadline: "不是日期".into(),
        ..input()
    };
    let at = list.add(&immediate).unwrap();
    assert_eq!(list.items[at].deadline, None);
}

#[test]
fn an_edit_keeps_id_status_and_records_and_is_itself_recorded() {
    let mut original = item(Status::InProgress);
    original.evidence = evidence("2026-11-20");
    let mut list = ItemList {
        schema: SCHEMA.into(),
        items: vec![original.clone()],
    };
    let label = |f: &str| format!("<{f}>");
    // Unchanged: nothing recorded.
    let same = ItemInput::from_item(&original);
    assert_eq!(list.edit("i1", &same, "科员", AT, label), Ok(false));
    assert!(list.items[0].history.is_empty());

    let moved = ItemInput {
        id: "another-id".into(),
        deadline: "2026-12-15".into(),
        person: "钱七".into(),
        ..same.clone()
    };
    assert_eq!(list.edit("i1", &moved, "科员", AT, label), Ok(true));
    let edited = &list.items[0];
    assert_eq!(edited.id, "i1", "the id does not change");
    // Not even by the trimming of what the form reads.
    let mut padded = list.clone();
    padded.items[0].id = " i1 ".into();
    let form = ItemInput::from_item(&padded.items[0]);
    assert_eq!(
        padded.edit(
            " i1 ",
            &ItemInput {
                person: "孙八".into(),
                ..form
            },
            "科员",
            AT,
            label
        ),
        Ok(true)
    );
    assert_eq!(padded.items[0].id, " i1 ");
    assert_eq!(edited.deadline, Some(d("2026-12-15")));
    assert_eq!(edited.person, "钱七");
    assert_eq!(edited.status, Status::InProgress);
    assert_eq!(edited.evidence, original.evidence);
    let h = edited.history.last().unwrap();
    assert!(h.edit);
    assert_eq!((h.from, h.to), (Status::InProgress, Status::InProgress));
    assert_eq!(h.note, "<person>、<deadline>（2026-12-01 → 2026-12-15）");
    assert_eq!((h.by.as_str(), h.at.as_str()), ("科员", AT));

    // A bad edit changes nothing.
    let bad = ItemInput {
        problem: " ".into(),
        ..same.clone()
    };
    let before = list.clone();
    assert_eq!(
        paths(list.edit("i1", &bad, "科员", AT, label)),
        vec![("$.problem".into(), "required".into())]
    );
    assert_eq!(list, before);

    // Closed items and unknown ids are refused.
    list.items[0].status = Status::Closed;
    assert_eq!(
        paths(list.edit("i1", &same, "科员", AT, label)),
        vec![("$.action".into(), "checklist.closed".into())]
    );
    assert_eq!(
        paths(list.edit("nope", &same, "科员", AT, label)),
        vec![("$.id".into(), "checklist.id".into())]
    );
}

#[test]
fn the_next_id_follows_the_highest_of_the_year() {
    let mut list = ItemList {
        schema: SCHEMA.into(),
        items: vec![],
    };
    assert_eq!(list.next_id(d("2026-11-22")), "ZG-2026-001");
    for id in ["ZG-2026-009", "ZG-2026-002", "ZG-2025-040", "sub-1-b_sales"] {
        let mut i = item(Status::Pending);
        i.id = id.into();
        list.items.push(i);
    }
    assert_eq!(list.next_id(d("2026-11-22")), "ZG-2026-010");
    assert_eq!(list.next_id(d("2025-01-01")), "ZG-2025-041");
}

#[test]
fn a_list_kept_before_ready_for_close_out_reads_its_passed_items_as_ready() {
    // Kept by an earlier version: re-inspected and found corrected, still 待复查.
    let mut passed = item(Status::ReadyForCloseOut);
    passed.status = Status::AwaitingReinspection;
    let reported = {
        let mut i = item(Status::AwaitingReinspection);
        i.id = "i2".into();
        i.evidence = evidence("2026-11-28");
        i
    };
    let doc = |items: Vec<Item>| {
        serde_json::to_string(&ItemList {
            schema: SCHEMA.into(),
            items,
        })
        .unwrap()
    };
    let list = ItemList::from_json(&doc(vec![passed.clone(), reported])).unwrap();
    assert_eq!(
        list.items.iter().map(|i| i.status).collect::<Vec<_>>(),
        [Status::ReadyForCloseOut, Status::AwaitingReinspection]
    );
    // 待销号 claimed without a passing re-inspection is refused, by path.
    let mut claimed = item(Status::ReadyForCloseOut);
    claimed.reinspections[0].conclusion = Conclusion::PartlyCorrected;
    assert_eq!(
        paths(ItemList::from_json(&doc(vec![claimed]))),
        [(
            "$.items[0].reinspections".to_string(),
            "checklist.reinspection_required".to_string()
        )]
    );
}
