//! What a party asks of a shared list (issue 31): a new item, an edit, an action, read
//! from JSON with the path of every error, and who may do which.
mod common;

use common::checklist::{d, evidence, item, AT};
use serde_json::json;
use yaojian::checklist::*;

fn paths(e: &yaojian::Errors) -> Vec<(String, String)> {
    e.iter().map(|f| (f.path.clone(), f.code.clone())).collect()
}

#[test]
fn the_body_of_each_action_reads_back_as_that_action() {
    let actions = [
        Action::Start,
        Action::Report {
            evidence: evidence("2026-11-28"),
        },
        Action::Reinspect(Reinspection {
            date: d("2026-12-02"),
            inspector: "王五".into(),
            conclusion: Conclusion::PartlyCorrected,
            notes: "温控仍缺".into(),
        }),
        Action::CloseOut(CloseOut {
            approver: "赵六".into(),
            date: d("2026-12-03"),
        }),
    ];
    for a in actions {
        for note in ["", "已安排"] {
            let body = action_body(&a, note);
            assert_eq!(body["action"], a.name());
            assert_eq!(action_of(body), Ok((a.clone(), note.to_string())));
        }
    }
}

#[test]
fn each_action_is_read_from_its_body_with_its_note() {
    let (a, note) = action_of(json!({"action": "start", "note": "已安排"})).unwrap();
    assert_eq!((a, note.as_str()), (Action::Start, "已安排"));
    let (a, _) = action_of(
        json!({"action": "report", "evidence": [{"date": "2026-12-01", "text": "已整改"}]}),
    )
    .unwrap();
    assert_eq!(a.name(), "report");
    let (a, _) = action_of(json!({"action": "reinspect", "date": "2026-12-02", "inspector": "王五", "conclusion": "corrected"})).unwrap();
    assert_eq!(
        a,
        Action::Reinspect(Reinspection {
            date: d("2026-12-02"),
            inspector: "王五".into(),
            conclusion: Conclusion::Corrected,
            notes: String::new()
        })
    );
    let (a, _) =
        action_of(json!({"action": "close_out", "approver": "赵六", "date": "2026-12-03"}))
            .unwrap();
    assert_eq!(
        a,
        Action::CloseOut(CloseOut {
            approver: "赵六".into(),
            date: d("2026-12-03")
        })
    );
}

#[test]
fn a_bad_action_names_the_field() {
    for (body, path, code) in [
        (
            json!({"action": "approve"}),
            "$.action",
            "checklist.unknown_action",
        ),
        (json!({"note": "x"}), "$.action", "checklist.unknown_action"),
        (
            json!({"action": "start", "extra": 1}),
            "$.extra",
            "json.invalid",
        ),
        (
            json!({"action": "reinspect", "date": "2026-13-01", "inspector": "王", "conclusion": "corrected"}),
            "$.date",
            "json.invalid",
        ),
        (
            json!({"action": "reinspect", "date": "2026-12-01", "inspector": "王\u{202e}", "conclusion": "corrected"}),
            "$.inspector",
            "text.hidden_char",
        ),
        (
            json!({"action": "start", "note": "长".repeat(1_001)}),
            "$.note",
            "checklist.too_long",
        ),
        (
            json!({"action": "report", "evidence": [{"date": "2026-12-01", "text": "x".repeat(2_001)}]}),
            "$.evidence[0].text",
            "checklist.too_long",
        ),
    ] {
        let e = action_of(body.clone()).unwrap_err();
        assert_eq!(paths(&e)[0], (path.to_string(), code.to_string()), "{body}");
    }
}

#[test]
fn the_enterprise_rectifies_and_the_bureau_judges() {
    assert_eq!(Action::Start.party(), Party::Rectifying);
    assert_eq!(
        Action::Report { evidence: vec![] }.party(),
        Party::Rectifying
    );
    let r = Reinspection {
        date: d("2026-12-02"),
        inspector: "王".into(),
        conclusion: Conclusion::Corrected,
        notes: String::new(),
    };
    assert_eq!(Action::Reinspect(r).party(), Party::Bureau);
    assert_eq!(
        Action::CloseOut(CloseOut {
            approver: "赵".into(),
            date: d("2026-12-03")
        })
        .party(),
        Party::Bureau
    );
}

#[test]
fn nobody_closes_out_what_they_reported() {
    let mut i = item(Status::Pending);
    i.apply(Action::Start, "ent", AT, "").unwrap();
    i.apply(
        Action::Report {
            evidence: evidence("2026-11-25"),
        },
        "admin",
        AT,
        "",
    )
    .unwrap();
    let close = Action::CloseOut(CloseOut {
        approver: "赵".into(),
        date: d("2026-11-27"),
    });
    assert_eq!(
        check_actor(&i, &close, "admin").unwrap_err().code,
        "checklist.own_report"
    );
    assert!(check_actor(&i, &close, "inspector").is_ok());
    assert!(
        check_actor(&i, &Action::Start, "admin").is_ok(),
        "only a close-out is checked"
    );
    // A later report by someone else is the one that counts.
    let back = Reinspection {
        date: d("2026-11-26"),
        inspector: "王".into(),
        conclusion: Conclusion::NotCorrected,
        notes: String::new(),
    };
    i.apply(Action::Reinspect(back), "inspector", AT, "")
        .unwrap();
    i.apply(
        Action::Report {
            evidence: evidence("2026-11-28"),
        },
        "ent",
        AT,
        "",
    )
    .unwrap();
    assert!(check_actor(&i, &close, "admin").is_ok());
}

#[test]
fn a_new_item_is_read_from_a_list_documents_item_without_its_status_or_history() {
    let v = json!({"org": "x", "list": "rectification", "source": "inspection", "problem": "记录不全",
        "measures": ["补全"], "unit": "某公司", "person": "张三", "mode": "deadline", "deadline": "2026-12-31",
        "status": "closed", "history": [{"by": "x", "at": "y", "from": "closed", "to": "closed"}]});
    let input = ItemInput::from_item_value(v.clone(), &["org"]).unwrap();
    let mut with_id = input.clone();
    with_id.id = "ZG-2026-001".into();
    let i = new_item(&with_id).unwrap();
    assert_eq!(
        (i.status, i.history.len(), i.deadline),
        (Status::Pending, 0, Some(d("2026-12-31")))
    );
    assert_eq!(
        paths(&new_item(&input).unwrap_err()),
        [("$.id".into(), "required".into())]
    );
    // `org` is the caller's to read: not named, it is an unknown field.
    assert!(ItemInput::from_item_value(v, &[]).is_err());
    let long = ItemInput {
        problem: "问".repeat(2_001),
        ..with_id
    };
    assert_eq!(
        paths(&new_item(&long).unwrap_err()),
        [("$.problem".into(), "checklist.too_long".into())]
    );
}

#[test]
fn an_edit_names_only_what_changes() {
    let form = ItemInput::from_item(&item(Status::Pending));
    let changed = form
        .patched(json!({"person": "李四", "deadline": "2027-01-31"}))
        .unwrap();
    assert_eq!(
        (
            changed.person.as_str(),
            changed.deadline.as_str(),
            changed.problem.as_str()
        ),
        ("李四", "2027-01-31", form.problem.as_str())
    );
    let e = form
        .patched(json!({"id": "X", "status": "closed"}))
        .unwrap_err();
    assert_eq!(
        paths(&e),
        [
            ("$.id".into(), "checklist.not_editable".into()),
            ("$.status".into(), "checklist.not_editable".into())
        ]
    );
    assert!(form.patched(json!(["person"])).is_err());
    assert!(form.patched(json!({"mode": "soon"})).is_err());
}

#[test]
fn ids_are_numbered_per_year_as_next_id_numbers_them() {
    assert_eq!(numbered_id(d("2026-03-01"), 7), "ZG-2026-007");
    assert_eq!(numbered_id(d("2026-03-01"), 1234), "ZG-2026-1234");
    let list = ItemList {
        items: vec![Item {
            id: "ZG-2026-041".into(),
            ..item(Status::Pending)
        }],
        ..ItemList::default()
    };
    assert_eq!(
        list.next_id(d("2026-05-01")),
        numbered_id(d("2026-05-01"), 42)
    );
    assert_eq!(list.next_id(d("2027-01-01")), "ZG-2027-001");
}

#[test]
fn a_notice_goes_to_one_unit_for_items_not_closed_out() {
    let a = item(Status::Pending);
    let other_unit = Item {
        id: "i2".into(),
        unit: "另一公司".into(),
        ..item(Status::InProgress)
    };
    let closed = Item {
        id: "i3".into(),
        ..item(Status::Closed)
    };
    let p = SAMPLE_NUMBER_PATTERN;
    let n = notice_for(&[&a], p, 7, d("2026-12-04")).unwrap();
    assert_eq!(n.number, "示例药监责改〔2026〕007号");
    let code = |items: &[&Item]| notice_for(items, p, 1, d("2026-12-04")).unwrap_err().code;
    assert_eq!(code(&[&a, &other_unit]), "checklist.notice_parties");
    assert_eq!(code(&[&a, &closed]), "checklist.notice_closed");
    assert_eq!(code(&[]), "checklist.notice_empty");
    assert!(check_number_pattern(p, "$").is_ok());
}

#[test]
fn a_notice_issued_is_recorded_in_each_items_history_once_per_number() {
    let other = Item {
        id: "i2".into(),
        ..item(Status::InProgress)
    };
    let mut list = ItemList {
        schema: SCHEMA.into(),
        items: vec![item(Status::Pending), other],
    };
    let both: Vec<&Item> = list.items.iter().collect();
    let n = notice(&both, SAMPLE_NUMBER_PATTERN, 3, d("2026-12-04")).unwrap();
    assert_eq!(list.record_notice(&n, "科员甲", AT), 2);
    let entry = list.items[1].history.last().unwrap().clone();
    assert_eq!(
        (
            entry.notice.as_deref(),
            entry.from,
            entry.to,
            entry.edit,
            entry.by.as_str()
        ),
        (
            Some("示例药监责改〔2026〕003号"),
            Status::InProgress,
            Status::InProgress,
            false,
            "科员甲"
        )
    );
    // Shown again: nothing more is recorded. Another number is another notice.
    assert_eq!(list.record_notice(&n, "科员甲", AT), 0);
    let again = notice(&[&list.items[0]], SAMPLE_NUMBER_PATTERN, 4, d("2026-12-04")).unwrap();
    assert_eq!(list.record_notice(&again, "科员甲", AT), 1);
    assert_eq!(
        list.items
            .iter()
            .map(|i| i.history.len())
            .collect::<Vec<_>>(),
        [2, 1]
    );
    // The entry is part of the list document and reads back.
    let doc = serde_json::to_string(&list).unwrap();
    assert!(doc.contains("\"notice\":\"示例药监责改〔2026〕003号\""));
    assert_eq!(ItemList::from_json(&doc).unwrap(), list);
}

#[test]
fn a_service_names_its_way_and_recipient() {
    let s =
        service_of(json!({"date": "2026-12-04", "method": "post", "recipient": "张三"})).unwrap();
    assert_eq!(
        (s.method, s.recipient.as_str()),
        (ServiceMethod::Post, "张三")
    );
    for (body, path) in [
        (
            json!({"date": "2026-12-04", "method": "fax", "recipient": "张三"}),
            "$.method",
        ),
        (
            json!({"date": "2026-12-04", "method": "post", "recipient": " "}),
            "$.recipient",
        ),
        (
            json!({"date": "2026-12-04", "method": "post", "recipient": "张\u{0007}"}),
            "$.recipient",
        ),
        (
            json!({"date": "2026-12-04", "method": "post", "recipient": "名".repeat(101)}),
            "$.recipient",
        ),
        (
            json!({"date": "2026-12-04", "method": "post", "recipient": "张", "by": "x"}),
            "$.by",
        ),
    ] {
        assert_eq!(
            paths(&service_of(body.clone()).unwrap_err())[0].0,
            path,
            "{body}"
        );
    }
}

#[test]
fn a_csv_written_in_parts_is_the_csv_written_at_once() {
    let items: Vec<Item> = (0..5)
        .map(|n| Item {
            id: format!("i{n}"),
            ..item(Status::Pending)
        })
        .collect();
    let list = ItemList {
        items: items.clone(),
        ..ItemList::default()
    };
    let today = d("2026-12-04");
    let lang = yaojian::Lang::ZhCn;
    let parts = items_csv_start(lang)
        + &items_csv_continued(&items[..2], today, lang)
        + &items_csv_continued(&items[2..], today, lang);
    assert_eq!(parts, items_csv(&list, today, lang));
    let r = report(&list, today, DUE_SOON_DAYS, lang);
    assert_eq!(r.by_unit["某医药公司"].items, 5);
}

#[test]
fn what_changed_names_the_status_the_fields_and_the_records() {
    let before = item(Status::InProgress);
    let mut now = before.clone();
    assert!(what_changed(&before, &now, yaojian::Lang::ZhCn).is_empty());
    now.apply(
        Action::Report {
            evidence: evidence("2026-11-28"),
        },
        "张三",
        AT,
        "",
    )
    .unwrap();
    now.person = "王五".into();
    now.deadline = Some(d("2026-12-20"));
    assert_eq!(
        what_changed(&before, &now, yaojian::Lang::ZhCn),
        [
            "状态：整改中 → 待复查",
            "责任人",
            "整改期限（2026-12-01 → 2026-12-20）",
            "新增整改证据"
        ]
    );
    let en = what_changed(&before, &now, yaojian::Lang::En);
    assert_eq!(en[0], "status: Rectifying → Awaiting re-inspection");
}

#[test]
fn a_new_items_body_is_checked_and_an_empty_id_is_left_to_the_server() {
    let mut input = ItemInput::from_item(&item(Status::Pending));
    input.id = String::new();
    let body = item_body(&input).unwrap();
    assert_eq!(body["id"], "");
    assert_eq!(body["measures"], json!(["补全记录", "培训保管员"]));
    assert!(body.get("history").is_none() && body.get("evidence").is_none());
    // What the server reads back is the form.
    let back = ItemInput::from_item_value(body, &[]).unwrap();
    assert_eq!(back.problem, input.problem);
    input.problem = " ".into();
    let e = item_body(&input).unwrap_err();
    assert_eq!(paths(&e)[0].0, "$.problem");
}
