//! Self-inspection forms: template parsing, conditions, validation of every kind,
//! findings and the submission round trip (the summary and the import into the checklist
//! are in `forms_summary.rs`).
use serde_json::{json, Value};
use yaojian::form::answers::{
    display, errors_at, evaluate, parse_input, reference, submit, valid_email, valid_phone,
    validate, visible_answers, FindingAnswer, Findings,
};
use yaojian::form::{self, built_in, parse_submission, Kind, Severity, Template};
use yaojian::Lang;

mod common;
use common::forms::*;

fn mah() -> Template {
    built_in("mah-representative-management").unwrap()
}

fn codes(errs: &[yaojian::FieldError]) -> Vec<(String, String)> {
    errs.iter()
        .map(|e| (e.path.clone(), e.code.clone()))
        .collect()
}

#[test]
fn built_in_templates_parse_and_are_labelled_sample() {
    assert_eq!(
        form::built_in_ids(),
        ["mah-representative-management", "representative-personal"]
    );
    for id in form::built_in_ids() {
        let t = built_in(id).unwrap_or_else(|| {
            panic!(
                "{id}: {:?}",
                Template::from_json(form::built_in_source(id).unwrap()).err()
            )
        });
        assert!(t.sample, "{id} must say it is sample content");
        assert_eq!(t.id, id);
        // Every text is in all three languages.
        for q in t.questions() {
            for lang in ["zh-CN", "zh-TW", "en"] {
                assert!(q.label.contains_key(lang), "{id}.{} lacks {lang}", q.id);
            }
        }
    }
}

#[test]
fn the_kickback_finding_quotes_article_88_verbatim() {
    let t = personal();
    let f = t.question("b_kickbacks").unwrap().finding.as_ref().unwrap();
    let law = std::fs::read_to_string("data/law/drug-administration-law-2019.md").unwrap();
    let text = &f.provision.as_ref().unwrap()["zh-CN"];
    let quoted = text.split_once('：').unwrap().1;
    assert!(law.contains(quoted), "not verbatim: {quoted}");
    assert_eq!(f.rule.as_deref(), Some("dal-141-2"));
}

#[test]
fn template_mistakes_name_their_path() {
    let bad = json!({
        "schema": "yaojian/form/1", "id": "t", "version": "1",
        "title": "T",
        "sections": [{"id": "s", "title": "S", "questions": [
            {"id": "a", "kind": "yes_no", "label": "A", "visible_if": {"equals": ["b", true]}},
            {"id": "b", "kind": "single_choice", "label": "B"},
            {"id": "b", "kind": "text", "label": "B2", "pattern": "(", "min": 3},
            {"id": "d", "kind": "date", "label": "D", "min": "yesterday"},
            {"id": "e", "kind": "text", "label": {"en": "E"}},
            {"id": "g", "kind": "group", "label": "G", "questions": [
                {"id": "g1", "kind": "group", "label": "G1", "questions": [{"id": "g2", "kind": "text", "label": "x"}]}
            ]},
            {"id": "f", "kind": "text", "label": "F", "finding": {"severity": "high", "title": "x"}}
        ]}],
        "translations": {"fr": {"title": "T"}, "en": {"questions.zz.label": "?"}}
    });
    let errs = Template::from_value(bad).unwrap_err();
    let c = codes(&errs);
    for (path, code) in [
        // `a` refers to `b`, which comes later.
        (
            "$.sections[0].questions[0].visible_if.equals[0]",
            "expr.unknown_question",
        ),
        ("$.sections[0].questions[1].options", "form.no_options"),
        ("$.sections[0].questions[2].id", "form.id"),
        ("$.sections[0].questions[2].pattern", "form.pattern_syntax"),
        ("$.sections[0].questions[2].min", "form.bound"),
        ("$.sections[0].questions[3].min", "form.bound"),
        ("$.sections[0].questions[4].label", "form.text_zh_cn"),
        (
            "$.sections[0].questions[5].questions[0].kind",
            "form.nested_group",
        ),
        (
            "$.sections[0].questions[6].finding.when",
            "form.finding_when",
        ),
        ("$.translations.fr", "form.translation_lang"),
        (
            "$.translations.*.questions.zz.label",
            "form.translation_key",
        ),
    ] {
        assert!(
            c.contains(&(path.to_string(), code.to_string())),
            "missing {path} {code} in {c:#?}"
        );
    }
}

#[test]
fn unknown_fields_and_wrong_types_are_caught_with_their_path() {
    let e = Template::from_value(json!({
        "schema": "yaojian/form/1", "id": "t", "version": "1", "title": "T",
        "sections": [{"id": "s", "title": "S", "questions": [
            {"id": "a", "kind": "yes_no", "label": "A", "visble_if": {"answered": "a"}}
        ]}]
    }))
    .unwrap_err();
    assert_eq!(e[0].path, "$.sections[0].questions[0].visble_if");
    assert!(
        e[0].params["detail"].contains("unknown field"),
        "{:?}",
        e[0]
    );
    let e = Template::from_value(json!({
        "schema": "yaojian/form/1", "id": "t", "version": "1", "title": "T",
        "sections": [{"id": "s", "title": "S", "questions": [{"id": "a", "kind": "slider", "label": "A"}]}]
    }))
    .unwrap_err();
    assert_eq!(e[0].path, "$.sections[0].questions[0].kind");
}

#[test]
fn translation_blocks_merge_into_texts() {
    let t = Template::from_value(json!({
        "schema": "yaojian/form/1", "id": "t", "version": "1", "title": "自查", "description": "说明",
        "sections": [{"id": "s", "title": "部分", "questions": [
            {"id": "a", "kind": "single_choice", "label": "甲", "help": "提示", "options": [{"value": "x", "label": "选项"}]}
        ]}],
        "translations": {"en": {"title": "Check", "description": "About", "sections.s.title": "Part", "questions.a.label": "A",
                                "questions.a.help": "Hint", "questions.a.options.x": "Option"}}
    }))
    .unwrap();
    assert_eq!(t.description.as_ref().unwrap()["en"], "About");
    assert_eq!(
        t.question("a").unwrap().help.as_ref().unwrap()["en"],
        "Hint"
    );
    assert_eq!(t.title(Lang::En), "Check");
    assert_eq!(t.title(Lang::ZhTw), "自查", "falls back to zh-CN");
    assert_eq!(t.sections[0].title["en"], "Part");
    let q = t.question("a").unwrap();
    assert_eq!(q.label(Lang::En), "A");
    assert_eq!(q.option_label("x", Lang::En), "Option");
}

#[test]
fn visibility_requirement_and_progress_follow_the_answers() {
    let t = personal();
    let mut a = answers(json!({}));
    let ev = evaluate(&t, &a);
    assert!(!ev.visible("filing_date"), "hidden until 'filed' is yes");
    assert!(!ev.is_required("filing_date"));
    let before = ev.progress;
    assert_eq!(before.answered, 0);
    a.insert("filed".into(), json!(true));
    let ev = evaluate(&t, &a);
    assert!(ev.visible("filing_date") && ev.is_required("filing_date"));
    assert_eq!(ev.progress.required, before.required + 1);
    assert_eq!(ev.progress.answered, 1);
    // Per-section counts add up to the total.
    let sum: usize = ev.sections.iter().map(|s| s.progress.required).sum();
    assert_eq!(sum, ev.progress.required);
    // A hidden question's draft answer does not reveal what depends on it.
    a.insert("filed".into(), json!(false));
    a.insert("filing_date".into(), json!("2025-01-01"));
    let ev = evaluate(&t, &a);
    assert!(!ev.visible("filing_date"));
    assert!(
        ev.visible("activities"),
        "activity_count unanswered is not 0"
    );
    a.insert("activity_count".into(), json!(0));
    assert!(!evaluate(&t, &a).visible("activities"));
}

#[test]
fn a_clean_self_inspection_validates() {
    let t = personal();
    let errs = validate(&t, &clean_personal(), &Findings::new(), day("2026-11-22"));
    assert!(errs.is_empty(), "{errs:#?}");
}

#[test]
fn missing_required_answers_are_listed_in_template_order() {
    let t = personal();
    let errs = validate(&t, &answers(json!({})), &Findings::new(), day("2026-11-22"));
    let paths: Vec<&str> = errs.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths[0], "$.answers.name");
    assert_eq!(paths[1], "$.answers.id_number");
    assert!(paths.contains(&"$.answers.attestation"));
    assert!(!paths.contains(&"$.answers.email"), "email is optional");
    assert!(!paths.contains(&"$.answers.filing_date"), "hidden");
    assert!(errs.iter().all(|e| e.code == "form.required"));
}

#[test]
fn each_kind_checks_its_values() {
    let t = Template::from_value(json!({
        "schema": "yaojian/form/1", "id": "kinds", "version": "1", "title": "K",
        "sections": [{"id": "s", "title": "S", "questions": [
            {"id": "yn", "kind": "yes_no", "label": "x"},
            {"id": "one", "kind": "single_choice", "label": "x", "options": [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}]},
            {"id": "many", "kind": "multiple_choice", "label": "x", "options": [{"value": "a", "label": "A"}]},
            {"id": "txt", "kind": "text", "label": "x", "min_length": 2, "max_length": 4, "pattern": "[0-9]+"},
            {"id": "num", "kind": "number", "label": "x", "integer": true, "min": 1, "max": 10},
            {"id": "fen", "kind": "money", "label": "x", "max": 100000},
            {"id": "day", "kind": "date", "label": "x", "min": "2026-01-01", "max": "today"},
            {"id": "uscc", "kind": "uscc", "label": "x"},
            {"id": "rid", "kind": "resident_id", "label": "x"},
            {"id": "tel", "kind": "phone", "label": "x"},
            {"id": "mail", "kind": "email", "label": "x"},
            {"id": "rows", "kind": "group", "label": "x", "max_rows": 1, "questions": [
                {"id": "c1", "kind": "text", "label": "c1", "required": true},
                {"id": "c2", "kind": "text", "label": "c2", "visible_if": {"answered": "c1"}}
            ]},
            {"id": "att", "kind": "attestation", "label": "x", "statement": "我承诺"}
        ]}]
    }))
    .unwrap();
    let today = day("2026-11-22");
    let check = |id: &str, v: Value| -> Vec<String> {
        let a = answers(json!({ id: v }));
        validate(&t, &a, &Findings::new(), today)
            .into_iter()
            .map(|e| format!("{} {}", e.path, e.code))
            .collect()
    };
    assert_eq!(check("yn", json!("yes")), ["$.answers.yn form.type"]);
    assert!(check("yn", json!(false)).is_empty());
    assert_eq!(check("one", json!("c")), ["$.answers.one form.option"]);
    assert_eq!(
        check("many", json!(["a", "a"])),
        ["$.answers.many[1] form.duplicate_option"]
    );
    assert_eq!(
        check("many", json!(["z"])),
        ["$.answers.many[0] form.option"]
    );
    assert_eq!(check("txt", json!("1")), ["$.answers.txt form.min_length"]);
    assert_eq!(
        check("txt", json!("12345")),
        ["$.answers.txt form.max_length"]
    );
    assert_eq!(check("txt", json!("12a")), ["$.answers.txt form.pattern"]);
    assert!(
        check("txt", json!(" 123 ")).is_empty(),
        "trimmed before checking"
    );
    assert_eq!(check("num", json!(1.5)), ["$.answers.num form.integer"]);
    assert_eq!(check("num", json!(11)), ["$.answers.num form.max"]);
    assert_eq!(check("num", json!(0)), ["$.answers.num form.min"]);
    assert_eq!(check("fen", json!(100001)), ["$.answers.fen form.max"]);
    assert_eq!(check("fen", json!(-1)), ["$.answers.fen money.negative"]);
    assert_eq!(check("fen", json!("10")), ["$.answers.fen form.type"]);
    assert_eq!(
        check("day", json!("2026-11-23")),
        ["$.answers.day form.date_future"]
    );
    assert_eq!(
        check("day", json!("2025-12-31")),
        ["$.answers.day form.date_min"]
    );
    assert_eq!(
        check("day", json!("2026-02-30")),
        ["$.answers.day date.no_such_date"]
    );
    assert!(check("day", json!("2026-11-22")).is_empty());
    assert_eq!(
        check("uscc", json!("91350100M000100Y44")),
        ["$.answers.uscc uscc.checksum"]
    );
    assert!(check("uscc", json!(USCC)).is_empty());
    assert_eq!(
        check("rid", json!("110105194912310021")),
        ["$.answers.rid resident_id.checksum"]
    );
    assert!(check("rid", json!(ID)).is_empty());
    assert_eq!(check("tel", json!("12345")), ["$.answers.tel form.phone"]);
    for ok in [
        "13800138000",
        "+8613800138000",
        "010-12345678",
        "0755-1234567-123",
    ] {
        assert!(valid_phone(ok), "{ok}");
    }
    for bad in ["23800138000", "1380013800", "010-123", "abc"] {
        assert!(!valid_phone(bad), "{bad}");
    }
    assert_eq!(check("mail", json!("a@b")), ["$.answers.mail form.email"]);
    assert!(valid_email("zhang.san@example.com.cn") && !valid_email("a b@c.com"));
    assert_eq!(
        check("rows", json!([{"c2": "x"}, {"c1": "y", "zz": 1}])),
        [
            "$.answers.rows form.max_rows",
            "$.answers.rows[0].c1 form.required",
            "$.answers.rows[0].c2 form.hidden_answer",
            "$.answers.rows[1].zz form.unknown_question",
        ]
    );
    assert_eq!(
        check(
            "att",
            json!({"agreed": false, "name": " ", "date": "2026-11-23"})
        ),
        [
            "$.answers.att.agreed form.attestation_agree",
            "$.answers.att.name form.attestation_name",
            "$.answers.att.date form.date_future",
        ]
    );
    assert_eq!(
        check("zz", json!(1)),
        ["$.answers.zz form.unknown_question"]
    );
}

#[test]
fn typed_input_becomes_answer_values() {
    assert_eq!(
        parse_input(Kind::Money, "1,234.5", "$").unwrap(),
        json!(123450)
    );
    assert_eq!(
        parse_input(Kind::Money, "3万", "$").unwrap(),
        json!(3_000_000)
    );
    assert_eq!(
        parse_input(Kind::Money, "abc", "$.x").unwrap_err().path,
        "$.x"
    );
    assert_eq!(parse_input(Kind::Number, "１２", "$").unwrap(), json!(12));
    assert_eq!(parse_input(Kind::Number, "2.5", "$").unwrap(), json!(2.5));
    assert_eq!(
        parse_input(Kind::Number, "two", "$").unwrap_err().code,
        "form.number"
    );
    assert_eq!(
        parse_input(Kind::ResidentId, " 11010519491231002x ", "$").unwrap(),
        json!(ID)
    );
    assert_eq!(parse_input(Kind::Text, "  ", "$").unwrap(), Value::Null);
    assert_eq!(parse_input(Kind::Text, " a ", "$").unwrap(), json!(" a "));
}

#[test]
fn a_yes_raises_a_finding_that_needs_explanation_measure_and_deadline() {
    let t = personal();
    let mut a = clean_personal();
    a.insert("b_prescriptions".into(), json!(true));
    let ev = evaluate(&t, &a);
    assert_eq!(ev.raised.len(), 1);
    assert_eq!(ev.raised[0].question, "b_prescriptions");
    assert_eq!(ev.raised[0].severity, Severity::High);
    let today = day("2026-11-22");
    let errs = validate(&t, &a, &Findings::new(), today);
    assert_eq!(
        codes(&errs),
        [
            (
                "$.findings.b_prescriptions.explanation".into(),
                "form.finding_explanation".into()
            ),
            (
                "$.findings.b_prescriptions.measure".into(),
                "form.finding_measure".into()
            ),
            (
                "$.findings.b_prescriptions.deadline".into(),
                "form.finding_deadline".into()
            ),
        ]
    );
    let mut f = Findings::new();
    f.insert(
        "b_prescriptions".into(),
        FindingAnswer {
            explanation: "应医院科室要求统计过一次".into(),
            measure: "停止统计，删除数据并培训".into(),
            deadline: "2026-11-21".into(),
            ..Default::default()
        },
    );
    let errs = validate(&t, &a, &f, today);
    assert_eq!(
        codes(&errs),
        [(
            "$.findings.b_prescriptions.deadline".into(),
            "form.finding_deadline_past".into()
        )]
    );
    f.get_mut("b_prescriptions").unwrap().deadline = "2026-12-31".into();
    assert!(validate(&t, &a, &f, today).is_empty());
    // A finding for a question that raised none is refused.
    f.insert("b_sales".into(), FindingAnswer::default());
    assert_eq!(
        codes(&validate(&t, &a, &f, today)),
        [("$.findings.b_sales".into(), "form.finding_unknown".into())]
    );
}

#[test]
fn findings_can_be_raised_by_a_no_or_a_choice() {
    let t = mah();
    let a = answers(json!({"all_filed": false, "academic_records": "partial", "training": true}));
    let ev = evaluate(&t, &a);
    let raised: Vec<&str> = ev.raised.iter().map(|r| r.question.as_str()).collect();
    assert_eq!(raised, ["all_filed", "academic_records"]);
    assert!(ev.is_required("unfiled_count") && ev.is_required("training_date"));
}

#[test]
fn submit_drops_hidden_answers_labels_findings_and_round_trips() {
    let t = personal();
    let (a, f) = with_finding();
    assert!(a.contains_key("filing_date"));
    let s = submit(
        &t,
        &a,
        &f,
        Some("rep-001"),
        Some("2026-11-22T09:30:00+08:00"),
        NOW,
        Lang::ZhCn,
    )
    .unwrap();
    assert!(
        !s.answers.contains_key("filing_date"),
        "hidden answers are not sent"
    );
    assert_eq!(s.submitted_at, "2026-11-22T10:00:00+08:00");
    assert_eq!(s.template.id, "representative-personal");
    let fk = &s.findings["b_kickbacks"];
    assert_eq!(fk.severity, Some(Severity::High));
    assert_eq!(
        fk.title.as_deref(),
        Some("给予医疗机构有关人员财物或者其他不正当利益")
    );
    assert_eq!(fk.explanation, "节日向药剂科人员赠送购物卡", "trimmed");
    assert!(
        s.reference.starts_with("ZC20261122-") && s.reference.len() == 19,
        "{}",
        s.reference
    );
    // Same content, same reference; the server accepts what the browser built.
    assert_eq!(reference(&s), s.reference);
    let text = serde_json::to_string(&s).unwrap();
    let back = parse_submission(&t, &text, today()).unwrap();
    assert_eq!(back, s);
}

#[test]
fn the_server_rejects_what_the_issue_lists() {
    let t = personal();
    let (a, f) = with_finding();
    let s = submit(&t, &a, &f, None, Some(STARTED), NOW, Lang::ZhCn).unwrap();
    let good = serde_json::to_value(&s).unwrap();
    let reject = |edit: &dyn Fn(&mut Value)| -> Vec<(String, String)> {
        let mut v = good.clone();
        edit(&mut v);
        codes(&parse_submission(&t, &v.to_string(), today()).unwrap_err())
    };
    let one = |p: &str, c: &str| vec![(p.to_string(), c.to_string())];
    assert_eq!(
        reject(&|v| v["answers"]["favourite"] = json!(1)),
        one("$.answers.favourite", "form.unknown_question")
    );
    assert_eq!(
        reject(&|v| v["answers"]["filing_date"] = json!("2025-01-01")),
        one("$.answers.filing_date", "form.hidden_answer")
    );
    assert_eq!(
        reject(&|v| v["answers"]["activity_count"] = json!("0")),
        one("$.answers.activity_count", "form.type")
    );
    assert_eq!(
        reject(&|v| {
            v["answers"].as_object_mut().unwrap().remove("name");
        }),
        one("$.answers.name", "form.required")
    );
    assert_eq!(
        reject(&|v| v["answers"]["id_number"] = json!("110105194912310021")),
        one("$.answers.id_number", "resident_id.checksum")
    );
    assert_eq!(
        reject(&|v| v["findings"]["b_kickbacks"]["measure"] = json!("")),
        one("$.findings.b_kickbacks.measure", "form.finding_measure")
    );
    assert_eq!(
        reject(&|v| v["findings"]["b_kickbacks"]["explanation"] = json!(" ")),
        one(
            "$.findings.b_kickbacks.explanation",
            "form.finding_explanation"
        )
    );
    assert_eq!(
        reject(&|v| v["template"]["version"] = json!("2025.1")),
        one("$.template.version", "form.template_mismatch")
    );
    assert_eq!(
        reject(&|v| v["template"]["id"] = json!("other")),
        one("$.template.id", "form.template_mismatch")
    );
    assert_eq!(
        reject(&|v| v["submitted_at"] = json!("2026-11-22T02:00:00Z")),
        one("$.submitted_at", "form.timestamp")
    );
    // An answer changed after submission no longer matches its reference.
    assert_eq!(
        reject(&|v| v["answers"]["name"] = json!("李四")),
        one("$.reference", "form.reference")
    );
    assert_eq!(reject(&|v| v["extra"] = json!(1))[0].0, "$.extra");
    // Messages name what to fix, in each language.
    let e = parse_submission(&t, "{\"schema\": 1}", today()).unwrap_err();
    assert_eq!(e[0].path, "$.schema");
}

#[test]
fn submitting_an_incomplete_form_returns_every_error_and_no_submission() {
    let t = personal();
    let errs = submit(
        &t,
        &answers(json!({"name": "张三"})),
        &Findings::new(),
        None,
        None,
        NOW,
        Lang::En,
    )
    .unwrap_err();
    assert!(errs.len() > 5);
    assert!(errs.iter().all(|e| e.path != "$.answers.name"));
    assert_eq!(errors_at(&errs, "$.answers.attestation").len(), 1);
    assert_eq!(errs[0].message(Lang::En), "This question must be answered");
}

#[test]
fn group_cells_are_pruned_and_validated_per_row() {
    let t = personal();
    let mut a = clean_personal();
    a.insert("activity_count".into(), json!(2));
    a.insert(
        "activities".into(),
        json!([{"activity_date": "2026-10-01", "institution": "某医院", "activity_form": "meeting", "consent": true},
               {"activity_date": "2026-13-01", "institution": "", "activity_form": "meeting", "consent": false}]),
    );
    let errs = validate(&t, &a, &Findings::new(), day("2026-11-22"));
    assert_eq!(
        codes(&errs),
        [
            (
                "$.answers.activities[1].activity_date".into(),
                "date.no_such_date".into()
            ),
            (
                "$.answers.activities[1].institution".into(),
                "form.required".into()
            ),
        ]
    );
    let pruned = visible_answers(&t, &a);
    assert_eq!(
        pruned["activities"][1].get("institution"),
        None,
        "blank cells dropped"
    );
}

#[test]
fn answers_read_back_in_words() {
    let t = mah();
    let q = |id: &str| t.question(id).unwrap();
    assert_eq!(display(q("training"), &json!(true), Lang::ZhCn), "是");
    assert_eq!(display(q("training"), &json!(false), Lang::En), "No");
    assert_eq!(
        display(
            q("promotion_forms"),
            &json!(["meeting", "remote"]),
            Lang::ZhCn
        ),
        "举办或参加学术会议、讲座、通过互联网或电话会议"
    );
    assert_eq!(
        display(q("promotion_spend"), &json!(123_456_789), Lang::ZhCn),
        "¥1,234,567.89"
    );
    assert_eq!(
        display(
            q("attestation"),
            &json!({"agreed": true, "name": "王五", "date": "2026-11-22"}),
            Lang::ZhCn
        ),
        "已承诺：王五，2026-11-22"
    );
}

#[test]
fn paths_name_their_question_and_drafts_reduce_to_what_would_be_sent() {
    use yaojian::form::answers::{question_of_path, submittable};
    assert_eq!(question_of_path("$.answers.rows[2].name"), Some("rows"));
    assert_eq!(question_of_path("$.findings.q.measure"), Some("q"));
    assert_eq!(question_of_path("$.schema"), None);
    let t = personal();
    let (a, mut f) = with_finding();
    f.insert("b_sales".into(), FindingAnswer::default());
    let (sent, findings) = submittable(&t, &a, &f);
    assert!(!sent.contains_key("filing_date"), "hidden");
    assert_eq!(
        findings.keys().collect::<Vec<_>>(),
        ["b_kickbacks"],
        "only raised findings"
    );
}

/// Issue 34: "电子邮箱（选填）（选填）". The form marks an optional question itself, so a
/// built-in label never says it again.
#[test]
fn a_built_in_label_never_says_optional_the_form_does() {
    for id in form::built_in_ids() {
        let t = form::built_in(id).unwrap();
        for q in t.questions() {
            for (lang, text) in &q.label {
                let said = ["选填", "選填", "optional"]
                    .iter()
                    .any(|w| text.contains(w));
                assert!(!said, "{id}/{}: {lang} {text}", q.id);
            }
        }
    }
}
