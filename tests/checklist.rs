//! Rectification items: every legal and illegal transition, deadlines across the UTC+8
//! date line, bureau counts, CSV escaping.
use yaojian::checklist::*;
use yaojian::csv::{field as csv_field, to_csv};
use yaojian::date::{cst_date_from_unix_millis, DeadlineState};

mod common;
use common::checklist::{d, evidence, item, AT};

fn reinspect(date: &str, c: Conclusion) -> Action {
    Action::Reinspect(Reinspection {
        date: d(date),
        inspector: "李四".into(),
        conclusion: c,
        notes: String::new(),
    })
}

fn close() -> Action {
    Action::CloseOut(CloseOut {
        approver: "王五".into(),
        date: d("2026-12-05"),
    })
}

#[test]
fn the_whole_path_to_close_out_is_recorded() {
    let mut i = item(Status::Pending);
    assert_eq!(
        i.apply(Action::Start, "张三", AT, ""),
        Ok(Status::InProgress)
    );
    assert_eq!(
        i.apply(
            Action::Report {
                evidence: evidence("2026-11-28")
            },
            "张三",
            AT,
            "已整改"
        ),
        Ok(Status::AwaitingReinspection)
    );
    assert_eq!(
        i.apply(
            reinspect("2026-11-30", Conclusion::Corrected),
            "李四",
            AT,
            ""
        ),
        Ok(Status::ReadyForCloseOut)
    );
    assert_eq!(i.allowed_actions(), ["close_out"]);
    assert_eq!(i.apply(close(), "王五", AT, "同意销号"), Ok(Status::Closed));
    let path: Vec<(Status, Status)> = i.history.iter().map(|t| (t.from, t.to)).collect();
    // Every step changes the status: no 待复查 → 待复查 step is recorded.
    assert!(i.history.iter().all(|t| !t.edit && t.from != t.to));
    assert_eq!(
        path,
        [
            (Status::Pending, Status::InProgress),
            (Status::InProgress, Status::AwaitingReinspection),
            (Status::AwaitingReinspection, Status::ReadyForCloseOut),
            (Status::ReadyForCloseOut, Status::Closed),
        ]
    );
    assert_eq!(
        (i.history[3].by.as_str(), i.history[3].note.as_str()),
        ("王五", "同意销号")
    );
    assert_eq!(i.close_out.as_ref().unwrap().approver, "王五");
}

#[test]
fn partly_or_not_corrected_goes_back_to_rectification() {
    for c in [Conclusion::PartlyCorrected, Conclusion::NotCorrected] {
        let mut i = item(Status::AwaitingReinspection);
        i.evidence = evidence("2026-11-28");
        assert_eq!(
            i.apply(reinspect("2026-11-30", c), "李四", AT, ""),
            Ok(Status::InProgress)
        );
        // And the next report must bring new evidence, then a new passing re-inspection.
        assert_eq!(
            i.apply(
                Action::Report {
                    evidence: evidence("2026-12-02")
                },
                "张三",
                AT,
                ""
            ),
            Ok(Status::AwaitingReinspection)
        );
        assert_eq!(
            i.apply(close(), "王五", AT, "").unwrap_err().code,
            "checklist.reinspection_required",
            "the old pass is before the new report"
        );
        assert_eq!(
            i.apply(
                reinspect("2026-12-03", Conclusion::Corrected),
                "李四",
                AT,
                ""
            ),
            Ok(Status::ReadyForCloseOut)
        );
        assert_eq!(i.apply(close(), "王五", AT, ""), Ok(Status::Closed));
    }
}

#[test]
fn every_illegal_transition_is_refused_with_a_reason_and_changes_nothing() {
    let all = || {
        vec![
            Action::Start,
            Action::Report {
                evidence: evidence("2026-11-28"),
            },
            reinspect("2026-11-30", Conclusion::Corrected),
            close(),
        ]
    };
    // (status, action name) → expected refusal; everything not listed is legal.
    let refusals = [
        (Status::Pending, "report", "checklist.not_in_progress"),
        (
            Status::Pending,
            "reinspect",
            "checklist.nothing_to_reinspect",
        ),
        (
            Status::Pending,
            "close_out",
            "checklist.reinspection_required",
        ),
        (Status::InProgress, "start", "checklist.already_started"),
        (
            Status::InProgress,
            "reinspect",
            "checklist.nothing_to_reinspect",
        ),
        (
            Status::InProgress,
            "close_out",
            "checklist.reinspection_required",
        ),
        (
            Status::AwaitingReinspection,
            "start",
            "checklist.already_started",
        ),
        (
            Status::AwaitingReinspection,
            "report",
            "checklist.not_in_progress",
        ),
        (
            Status::AwaitingReinspection,
            "close_out",
            "checklist.reinspection_required",
        ),
        (
            Status::ReadyForCloseOut,
            "start",
            "checklist.already_started",
        ),
        (
            Status::ReadyForCloseOut,
            "report",
            "checklist.not_in_progress",
        ),
        (
            Status::ReadyForCloseOut,
            "reinspect",
            "checklist.nothing_to_reinspect",
        ),
        (Status::Closed, "start", "checklist.closed"),
        (Status::Closed, "report", "checklist.closed"),
        (Status::Closed, "reinspect", "checklist.closed"),
        (Status::Closed, "close_out", "checklist.closed"),
    ];
    let mut legal = 0;
    for status in Status::ALL {
        for action in all() {
            let mut i = item(status);
            let before = i.clone();
            let name = action.name();
            match refusals.iter().find(|r| r.0 == status && r.1 == name) {
                Some((_, _, code)) => {
                    let e = i.apply(action, "x", AT, "").unwrap_err();
                    assert_eq!(e.code, *code, "{status:?} {name}");
                    assert_eq!(e.path, "$.action");
                    assert_eq!(i, before, "a refused action changes nothing");
                }
                None => {
                    assert!(
                        i.allowed_actions().contains(&name),
                        "{status:?} {name} is legal, so it is offered"
                    );
                    assert!(
                        i.apply(action, "x", AT, "").is_ok(),
                        "{status:?} {name} should be legal"
                    );
                    assert_eq!(i.history.len(), 1);
                    legal += 1;
                }
            }
        }
    }
    assert_eq!(
        legal, 4,
        "start, report, reinspect and close-out are the legal single steps"
    );
    // What is offered is exactly what is legal.
    let offered: usize = Status::ALL
        .iter()
        .map(|s| item(*s).allowed_actions().len())
        .sum();
    assert_eq!(offered, legal);
}

#[test]
fn what_a_transition_needs_is_checked() {
    let mut i = item(Status::InProgress);
    assert_eq!(
        i.apply(Action::Report { evidence: vec![] }, "x", AT, "")
            .unwrap_err()
            .code,
        "checklist.evidence_required"
    );
    let blank = vec![Evidence {
        date: d("2026-11-28"),
        text: "  ".into(),
        file: None,
    }];
    assert_eq!(
        i.apply(Action::Report { evidence: blank }, "x", AT, "")
            .unwrap_err()
            .code,
        "checklist.evidence_required"
    );
    let mut i = item(Status::AwaitingReinspection);
    let nobody = Action::Reinspect(Reinspection {
        date: d("2026-11-30"),
        inspector: " ".into(),
        conclusion: Conclusion::Corrected,
        notes: String::new(),
    });
    assert_eq!(
        i.apply(nobody, "x", AT, "").unwrap_err().code,
        "checklist.inspector_required"
    );
    i.apply(reinspect("2026-11-30", Conclusion::Corrected), "x", AT, "")
        .unwrap();
    let anonymous = Action::CloseOut(CloseOut {
        approver: "".into(),
        date: d("2026-12-01"),
    });
    assert_eq!(
        i.apply(anonymous, "x", AT, "").unwrap_err().code,
        "checklist.approver_required"
    );
}

#[test]
fn deadlines_turn_at_midnight_in_beijing_whatever_the_clock_zone() {
    let i = item(Status::InProgress); // deadline 2026-12-01
                                      // 2026-12-01T15:59:59Z is 23:59:59 on the 1st in Beijing: still in time.
    let last_moment = cst_date_from_unix_millis(1_796_140_799_000);
    assert_eq!(last_moment, d("2026-12-01"));
    assert!(!i.is_overdue(last_moment));
    // One second later it is the 2nd in Beijing (still the 1st in UTC): overdue.
    let next = cst_date_from_unix_millis(1_796_140_800_000);
    assert_eq!(next, d("2026-12-02"));
    assert!(i.is_overdue(next));
    assert_eq!(
        i.deadline_state(d("2026-11-26"), 7),
        Some(DeadlineState::DueSoon { days: 5 })
    );
    // Closed items are never overdue.
    let mut closed = item(Status::Closed);
    closed.deadline = Some(d("2020-01-01"));
    assert!(!closed.is_overdue(d("2026-11-22")));
}

#[test]
fn an_overdue_item_names_the_rule_to_open_a_case_under() {
    let i = item(Status::InProgress);
    assert_eq!(
        i.suggested_case_rule(d("2026-11-30")),
        None,
        "not overdue yet"
    );
    assert_eq!(i.suggested_case_rule(d("2026-12-02")), Some("dal-126"));
    let mut other = item(Status::InProgress);
    other.rule = Some("dal-116".into()); // fines at once: no deadline logic
    assert_eq!(other.suggested_case_rule(d("2026-12-02")), None);
}

#[test]
fn counts_as_bureaus_report_them() {
    let today = d("2026-11-28");
    let mut lead = item(Status::InProgress);
    lead.list = ListKind::ProblemLead;
    let mut untouched_lead = item(Status::Pending);
    untouched_lead.list = ListKind::ProblemLead;
    let reported = item(Status::AwaitingReinspection);
    let mut closed = item(Status::Closed);
    closed.measures.push("第三项".into());
    let mut late = item(Status::InProgress);
    late.deadline = Some(d("2026-11-20"));
    let c = counts(
        [&lead, &untouched_lead, &reported, &closed, &late],
        today,
        7,
    );
    assert_eq!(
        c,
        Counts {
            items: 5,
            leads_verified: 1,
            measures_implemented: 2 + 3,
            closed: 1,
            overdue: 1,
            due_soon: 3
        }
    );
}

#[test]
fn csv_escapes_commas_quotes_newlines_and_keeps_chinese() {
    assert_eq!(csv_field("冷库温度记录不全"), "冷库温度记录不全");
    assert_eq!(csv_field("甲,乙"), "\"甲,乙\"");
    assert_eq!(csv_field("他说\"好\""), "\"他说\"\"好\"\"\"");
    assert_eq!(csv_field("第一行\n第二行"), "\"第一行\n第二行\"");
    assert_eq!(csv_field("a\r\nb"), "\"a\r\nb\"");
    let csv = to_csv(
        &["问题", "责任人"],
        &[vec!["温度,湿度".into(), "张三".into()]],
    );
    assert!(csv.starts_with('\u{feff}'), "BOM for Excel");
    assert_eq!(csv, "\u{feff}问题,责任人\r\n\"温度,湿度\",张三\r\n");
}

#[test]
fn items_round_trip_as_json() {
    let mut i = item(Status::Pending);
    i.apply(Action::Start, "张三", AT, "").unwrap();
    i.evidence.push(Evidence {
        date: d("2026-11-28"),
        text: "照片".into(),
        file: Some(FileRef {
            name: "a.jpg".into(),
            size: 1024,
            mime: "image/jpeg".into(),
            checksum: "sha256:ab".into(),
        }),
    });
    let v = serde_json::to_value(&i).unwrap();
    assert_eq!(v["status"], "in_progress");
    assert_eq!(v["evidence"][0]["file"]["type"], "image/jpeg");
    assert_eq!(v["deadline"], "2026-12-01");
    let back = yaojian::checklist::read::item(&v, "$").unwrap();
    assert_eq!(back, i);
}

fn list_json() -> serde_json::Value {
    let mut a = serde_json::to_value(item(Status::InProgress)).unwrap();
    a["id"] = "A".into();
    let mut b = serde_json::to_value(item(Status::Pending)).unwrap();
    b["id"] = "B".into();
    b["list"] = "problem_lead".into();
    b["deadline"] = "2026-12-20".into();
    b["person"] = "赵六".into();
    serde_json::json!({"schema": "yaojian/checklist/1", "items": [a, b]})
}

#[test]
fn a_list_is_checked_with_paths() {
    let list = ItemList::from_json(&list_json().to_string()).unwrap();
    assert_eq!(list.items.len(), 2);
    let mut bad = list_json();
    bad["items"][1]["id"] = "A".into();
    bad["items"][0]["mode"] = "deadline".into();
    bad["items"][0]["deadline"] = serde_json::Value::Null;
    bad["items"][1]["rule"] = "dal-999".into();
    let e = ItemList::from_json(&bad.to_string()).unwrap_err();
    let paths: Vec<&str> = e.iter().map(|x| x.path.as_str()).collect();
    assert_eq!(
        paths,
        ["$.items[0].deadline", "$.items[1].id", "$.items[1].rule"]
    );
    let mut wrong = list_json();
    wrong["items"][0]["status"] = "done".into();
    assert_eq!(
        ItemList::from_json(&wrong.to_string()).unwrap_err()[0].path,
        "$.items[0].status"
    );
}

#[test]
fn the_report_counts_lists_owners_and_flags_overdue_items() {
    let list = ItemList::from_json(&list_json().to_string()).unwrap();
    let r = report(&list, d("2026-12-05"), 30, yaojian::Lang::ZhCn);
    assert_eq!(r.counts.items, 2);
    assert_eq!(r.counts.overdue, 1);
    assert_eq!(r.overdue[0].id, "A");
    assert_eq!(r.overdue[0].days, 4);
    assert_eq!(r.due_soon[0].id, "B");
    assert_eq!(r.by_list["problem_lead"].items, 1);
    assert_eq!(r.by_owner["某医药公司 张三"].overdue, 1);
    assert_eq!(r.open_case[0].rule, "dal-126");
    assert_eq!(
        r.open_case[0].citation.label,
        "《中华人民共和国药品管理法》第一百二十六条第一款"
    );
    assert_eq!(r.summary, "核查问题线索0件，实施整改措施0项，整改销号0件");
}

#[test]
fn the_csv_export_has_chinese_headers_and_labels() {
    let list = ItemList::from_json(&list_json().to_string()).unwrap();
    let csv = items_csv(&list, d("2026-12-05"), yaojian::Lang::ZhCn);
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert!(lines[0].starts_with("编号,清单,来源,问题"));
    assert_eq!(lines[1], "A,整改销号清单,监督检查,冷库温度记录不全,药品经营质量管理规范,《中华人民共和国药品管理法》第一百二十六条,补全记录；培训保管员,某医药公司,张三,限期改正,2026-12-01,整改中,逾期");
    assert_eq!(lines.len(), 4, "header, two rows, trailing CRLF");
}

#[test]
fn notices_number_themselves_and_merge_items_of_one_party() {
    assert_eq!(
        document_number("某药监责改〔{year}〕{seq:3}号", 2026, 7),
        "某药监责改〔2026〕007号"
    );
    assert_eq!(document_number("责改{seq}号", 2026, 12), "责改12号");
    let a = item(Status::Pending);
    let mut b = item(Status::Pending);
    b.problem = "未按规定验收".into();
    b.deadline = Some(d("2026-11-30"));
    let n = notice(
        &[&a, &b],
        "某药监责改〔{year}〕{seq:3}号",
        3,
        d("2026-11-22"),
    )
    .unwrap();
    assert_eq!(n.number, "某药监责改〔2026〕003号");
    assert_eq!(n.party, "某医药公司");
    assert_eq!((n.bureau.as_deref(), n.party_code.as_deref()), (None, None));
    let problems: Vec<&str> = n.items.iter().map(|i| i.problem.as_str()).collect();
    assert_eq!(problems, ["冷库温度记录不全", "未按规定验收"]);
    assert_eq!(
        n.items[1].provision, "药品经营质量管理规范",
        "each item states its own"
    );
    assert_eq!(n.items[0].deadline, Some(d("2026-12-01")));
    assert_eq!(n.items[1].deadline, Some(d("2026-11-30")));
    assert_eq!(n.deadline, Some(d("2026-11-30")), "the earliest deadline");
    assert_eq!(n.items[0].measures, ["补全记录", "培训保管员"]);
    assert!(notice(&[], "x", 1, d("2026-11-22")).is_none());
}

#[test]
fn a_notice_quotes_what_follows_from_each_items_rule() {
    let a = item(Status::Pending);
    let mut b = item(Status::Pending);
    b.rule = None;
    b.mode = Mode::Immediate;
    let n = notice(&[&a, &b], "责改{seq}号", 1, d("2026-11-22")).unwrap();
    let q = n.items[0].consequence.as_ref().expect("dal-126 is quoted");
    assert_eq!(q.rule, "dal-126");
    assert_eq!(
        q.citation,
        "《中华人民共和国药品管理法》第一百二十六条第一款"
    );
    assert!(
        q.text
            .contains("责令限期改正，给予警告；逾期不改正的，处十万元以上五十万元以下的罚款"),
        "the article as written: {}",
        q.text
    );
    let law = std::fs::read_to_string("data/law/drug-administration-law-2019.md").unwrap();
    assert!(law.contains(&q.text), "quoted verbatim from data/law");
    assert_eq!(n.items[1].consequence, None, "no rule, nothing quoted");
    assert_eq!(n.items[1].deadline, None, "立即改正 has no deadline");
    let back = yaojian::checklist::read::notice(&serde_json::to_value(&n).unwrap(), "$").unwrap();
    assert_eq!(back, n, "a stored notice reads back as issued");
}

#[test]
fn filters_combine_status_list_source_unit_overdue_and_search() {
    let today = d("2026-11-22");
    let mut a = item(Status::Pending);
    a.id = "A".into();
    a.source = Source::SelfInspection;
    a.unit = "甲药业".into();
    a.deadline = Some(d("2026-11-21"));
    let mut b = item(Status::InProgress);
    b.id = "B".into();
    b.source = Source::Inspection;
    b.unit = "乙药房".into();
    b.deadline = Some(d("2026-11-22"));
    b.problem = "Cold-chain RECORDS missing".into();
    let list = ItemList {
        schema: SCHEMA.into(),
        items: vec![a.clone(), b.clone()],
    };
    let ids = |f: &Filter| -> Vec<String> {
        list.items
            .iter()
            .filter(|i| f.matches(i, today))
            .map(|i| i.id.clone())
            .collect()
    };
    assert_eq!(ids(&Filter::default()), ["A", "B"]);
    assert_eq!(
        ids(&Filter {
            source: Some(Source::SelfInspection),
            ..Filter::default()
        }),
        ["A"]
    );
    assert_eq!(
        ids(&Filter {
            unit: Some("乙药房".into()),
            ..Filter::default()
        }),
        ["B"]
    );
    assert_eq!(
        ids(&Filter {
            status: Some(Status::InProgress),
            ..Filter::default()
        }),
        ["B"]
    );
    // Due today is not overdue (UTC+8 calendar dates); yesterday is.
    assert_eq!(
        ids(&Filter {
            overdue_only: true,
            ..Filter::default()
        }),
        ["A"]
    );
    assert_eq!(
        ids(&Filter {
            search: " records ".into(),
            ..Filter::default()
        }),
        ["B"],
        "search ignores case and spaces"
    );
    assert_eq!(
        ids(&Filter {
            search: "ＲＥＣＯＲＤＳ".into(),
            ..Filter::default()
        }),
        ["B"],
        "search ignores full-width forms (as Chinese input methods type Latin letters)"
    );
    assert_eq!(
        ids(&Filter {
            source: Some(Source::Inspection),
            unit: Some("甲药业".into()),
            ..Filter::default()
        }),
        Vec::<String>::new()
    );
    assert_eq!(list.units(), ["乙药房", "甲药业"]);
}

/// Issue 14.1: a name typed as `=HYPERLINK(…)` must reach the bureau's sheet as text.
#[test]
fn csv_formula_injection_is_neutralised() {
    for (typed, cell) in [
        (
            "=HYPERLINK(\"http://x\",\"a\")",
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"a\"\")\"",
        ),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "\"'\rcmd\""),
        ("张=三", "张=三"),
    ] {
        assert_eq!(csv_field(typed), cell, "{typed:?}");
    }
    let mut list = ItemList::default();
    let mut i = item(Status::Pending);
    i.person = "=cmd|' /C calc'!A0".into();
    i.unit = "@unit".into();
    list.items.push(i);
    let csv = items_csv(&list, d("2026-11-20"), yaojian::Lang::ZhCn);
    assert!(csv.contains(",'=cmd|' /C calc'!A0,"), "{csv}");
    assert!(csv.contains(",'@unit,"), "{csv}");
    assert!(!csv.contains(",=") && !csv.contains(",@"), "{csv}");
}

/// Issue 14.2: `{seq:65536}` made `format!` panic and took every widget with it.
#[test]
fn notice_pattern_with_huge_width_does_not_panic() {
    assert_eq!(
        document_number("责改{seq:65536}号", 2026, 7),
        "责改0000000007号"
    );
    assert_eq!(
        document_number("责改{seq:99999999999999999999}号", 2026, 7),
        "责改7号"
    );
    assert_eq!(document_number("{year}{seq", 2026, 7), "2026{seq");
    assert_eq!(document_number("{x}{seq:2}", 2026, 7), "{x}07");
    let a = item(Status::Pending);
    let n = notice(&[&a], "责改{seq:65536}号", 3, d("2026-11-20")).unwrap();
    assert_eq!(n.number, "责改0000000003号");
    for (p, code) in [
        ("责改{seq:65536}号", "checklist.pattern_width"),
        ("责改{seq:0}号", "checklist.pattern_width"),
        ("责改{seq:x}号", "checklist.pattern_width"),
        ("责改{seq号", "checklist.pattern_unclosed"),
        ("责改}{seq}号", "checklist.pattern_unclosed"),
        ("责改{name}{seq}号", "checklist.pattern_placeholder"),
        ("责改〔{year}〕号", "checklist.pattern_no_seq"),
    ] {
        let e = check_number_pattern(p, "notice-pattern").unwrap_err();
        assert_eq!(
            (e.path.as_str(), e.code.as_str()),
            ("notice-pattern", code),
            "{p}"
        );
    }
    for p in ["某药监责改〔{year}〕{seq:3}号", "{seq}", "{seq:10}"] {
        assert!(check_number_pattern(p, "$").is_ok(), "{p}");
    }
}
