//! Hostile input at every engine entry point a page or a back end can reach: a
//! regression test for each defect of the red-team pass (issue 14), named after it, and
//! property tests that throw arbitrary input at every entry point and require an answer
//! (a result or errors with paths), never a panic.

mod common;

use common::arb_json;
use proptest::prelude::*;
use serde_json::json;
use yaojian::checklist::{self, ItemInput, ItemList};
use yaojian::form::{self, built_in, draft::check_draft};
use yaojian::{penalty, requirements, Lang};

fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn paths(errs: &[yaojian::FieldError]) -> Vec<(String, String)> {
    errs.iter()
        .map(|e| (e.path.clone(), e.code.clone()))
        .collect()
}

fn has_paths(errs: &[yaojian::FieldError]) -> bool {
    !errs.is_empty()
        && errs
            .iter()
            .all(|e| e.path.starts_with('$') || !e.path.is_empty())
}

/// Issue 14.4: these values wiped the typed answers; each must be refused with a path.
#[test]
fn a_bad_self_inspection_value_is_refused_with_its_path() {
    let t = built_in("representative-personal").unwrap();
    for (v, path, code) in [
        (json!(42), "$", "form.value_shape"),
        (json!([1, 2]), "$", "form.value_shape"),
        (json!({"answers": "x"}), "$.answers", "form.value_answers"),
        (
            json!({"answers": {"nope": 1}}),
            "$.answers.nope",
            "form.unknown_question",
        ),
        (
            json!({"answers": {"filed": "yes"}}),
            "$.answers.filed",
            "form.type",
        ),
        (
            json!({"answers": {}, "findings": {"name": {}}}),
            "$.findings.name",
            "form.finding_unknown",
        ),
        (
            json!({"answers": {}, "extra": 1}),
            "$.extra",
            "form.unknown_field",
        ),
    ] {
        let errs = check_draft(&t, &v).unwrap_err();
        assert_eq!(paths(&errs)[0], (path.to_string(), code.to_string()), "{v}");
    }
    // A draft is a draft: unanswered, incomplete and the form's own change event are fine.
    let (a, _) = check_draft(
        &t,
        &json!({"answers": {"name": "张三", "id_number": " 11010519491231002x "}}),
    )
    .unwrap();
    assert_eq!(
        a["id_number"], "11010519491231002X",
        "identifiers come back normalised"
    );
    check_draft(&t, &json!({"type": "form.change", "template": {}, "answers": {}, "findings": {}, "progress": {}})).unwrap();
}

/// Issue 14.5: an unknown template id collapsed the checker with no error.
#[test]
fn a_requirements_value_naming_no_template_is_refused() {
    let bm = penalty::default_benchmark();
    let e = requirements::check_start(&json!({"template": "nope"}), None, Some(bm)).unwrap_err();
    assert_eq!(
        paths(&e),
        [(
            "$.template".to_string(),
            "requirements.no_template".to_string()
        )]
    );
    let e = requirements::check_start(&json!({"template": 3}), None, Some(bm)).unwrap_err();
    assert_eq!(e[0].path, "$.template");
    let e = requirements::check_start(&json!([]), None, Some(bm)).unwrap_err();
    assert_eq!(e[0].path, "$");
    let id = requirements::built_in_ids()[0];
    let e = requirements::check_start(
        &json!({"template": id, "answers": {"zz": true}}),
        None,
        Some(bm),
    )
    .unwrap_err();
    assert_eq!(e[0].path, "$.answers.zz");
    requirements::check_start(&json!({"template": id, "answers": {}, "have": [], "type": "requirements.result", "result": {}}), None, Some(bm)).unwrap();
}

/// Issue 14.8: a 身份证 ending in a lower-case x was stored as typed.
#[test]
fn a_resident_id_with_lower_case_x_is_normalised_or_refused() {
    let t = built_in("representative-personal").unwrap();
    let mut a = serde_json::Map::new();
    a.insert("id_number".into(), json!("11010519491231002x"));
    form::answers::normalise_identifiers(&t, &mut a);
    assert_eq!(a["id_number"], "11010519491231002X");
    a.insert("id_number".into(), json!("11010519491231002x"));
    let errs = form::validate(&t, &a, &Default::default(), day(2026, 11, 22));
    let e = errs
        .iter()
        .find(|e| e.path == "$.answers.id_number")
        .unwrap();
    assert_eq!(e.code, "resident_id.not_normalised");
    assert_eq!(e.params["normalised"], "11010519491231002X");
    assert_eq!(
        yaojian::ident::validate_resident_id("11010519491231002x", None)
            .unwrap()
            .number,
        "11010519491231002X"
    );
}

/// Issue 14.8: NUL, bidi overrides and zero-width characters in names and identifiers.
#[test]
fn hidden_characters_in_names_and_identifiers_are_refused() {
    let t = built_in("representative-personal").unwrap();
    for name in ["张\u{0}三", "张三\u{202e}", "张\u{200b}三"] {
        let mut a = serde_json::Map::new();
        a.insert("name".into(), json!(name));
        let errs = form::validate(&t, &a, &Default::default(), day(2026, 11, 22));
        let e = errs.iter().find(|e| e.path == "$.answers.name").unwrap();
        assert_eq!(e.code, "text.hidden_char", "{name:?}");
    }
    use yaojian::ident::{validate_uscc, IdentError};
    assert_eq!(
        validate_uscc("91350100M000100Y4\u{202e}3"),
        Err(IdentError::Character)
    );
    assert_eq!(
        validate_uscc("\u{200b}91350100M000100Y43"),
        Err(IdentError::Character)
    );
    let input = ItemInput {
        unit: "某公司\u{202e}".into(),
        person: "张\u{0}三".into(),
        ..valid_input()
    };
    let errs = ItemList::default().add(&input).unwrap_err();
    assert_eq!(
        paths(&errs),
        [
            ("$.unit".to_string(), "text.hidden_char".to_string()),
            ("$.person".to_string(), "text.hidden_char".to_string())
        ]
    );
}

/// Issue 14.8: one reading of an amount given as a JSON number, for the CLI and the widget.
#[test]
fn a_penalty_amount_as_a_json_number_is_whole_yuan() {
    let a = penalty::Case::from_value(&json!({"rule": "dal-116", "goods_value": 50000})).unwrap();
    let b = penalty::Case::from_value(&json!({"rule": "dal-116", "goods_value": "50000"})).unwrap();
    assert_eq!(a, b);
    let e = penalty::Case::from_value(&json!({"rule": "dal-116", "goods_value": 1.5})).unwrap_err();
    assert_eq!(
        paths(&e),
        [(
            "$.goods_value".to_string(),
            "case.amount_string".to_string()
        )]
    );
}

fn valid_input() -> ItemInput {
    ItemInput {
        id: "ZG-1".into(),
        problem: "问题".into(),
        measures: "措施".into(),
        unit: "某公司".into(),
        person: "张三".into(),
        mode: checklist::Mode::Immediate,
        ..ItemInput::default()
    }
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,12}",
        "[{}a-z:0-9]{0,12}",
        Just("{seq:65536}".to_string()),
        Just("{seq:99999999999999999999}".to_string()),
        "[\u{0}-\u{1f}\u{202a}-\u{202e}\u{200b}-\u{200f}]{1,4}",
    ]
}

const WORDS: &[&str] = &[
    "schema",
    "rule",
    "goods_value",
    "answers",
    "findings",
    "have",
    "template",
    "items",
    "id",
    "status",
    "deadline",
    "yaojian/checklist/1",
    "yaojian/submission/1",
    "dal-116",
    "name",
    "id_number",
    "b_sales",
    "attestation",
    "submitted_at",
    "started_at",
    "reference",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Everything a page or back end can hand the engine as JSON: a result or errors
    /// with paths, never a panic.
    #[test]
    fn every_json_entry_point_answers_without_panicking(v in arb_json(WORDS, true, 4)) {
        let text = v.to_string();
        let today = day(2026, 11, 22);
        let bm = penalty::default_benchmark();
        if let Ok((case, _)) = penalty::Case::from_value(&v) {
            let _ = penalty::assess(&case, bm, Lang::ZhCn);
        }
        if let Err(e) = penalty::Benchmark::from_value(v.clone(), "$") { prop_assert!(has_paths(&e)); }
        if let Err(e) = requirements::Template::from_value(v.clone()) { prop_assert!(has_paths(&e)); }
        if let Err(e) = requirements::check_start(&v, None, Some(bm)) { prop_assert!(has_paths(&e)); }
        if let Err(e) = form::Template::from_value(v.clone()) { prop_assert!(has_paths(&e)); }
        for id in form::built_in_ids() {
            let t = built_in(id).unwrap();
            if let Err(e) = check_draft(&t, &v) { prop_assert!(has_paths(&e)); }
            if let Err(e) = form::answers::check_submission(&t, v.clone(), today) { prop_assert!(has_paths(&e)); }
            let _ = form::summary::summarize(&t, vec![v.clone()], Lang::En);
            let _ = form::import_findings(&ItemList::default(), vec![v.clone()], None, today, Lang::En);
        }
        match ItemList::from_json(&text) {
            Ok(list) => { let _ = checklist::items_csv(&list, today, Lang::ZhCn); }
            Err(e) => prop_assert!(has_paths(&e)),
        }
        let _ = yaojian::json::parse_document(&text, "$");
    }

    /// Settings and typed text: number patterns, item forms, amounts, identifiers.
    #[test]
    fn every_text_entry_point_answers_without_panicking(
        pattern in any_text(), seq in any::<u32>(), texts in prop::collection::vec(any_text(), 8)
    ) {
        let _ = checklist::check_number_pattern(&pattern, "notice-pattern");
        let n = checklist::document_number(&pattern, 2026, seq);
        let bound = pattern.len() + 4 * checklist::MAX_SEQ_WIDTH * pattern.matches('{').count() + 4;
        prop_assert!(n.len() <= bound, "{} bytes from a {}-byte pattern", n.len(), pattern.len());
        let mut one = ItemList::default();
        one.add(&valid_input()).unwrap();
        one.items[0].unit = texts[0].clone();
        let _ = checklist::notice(&[&one.items[0]], &pattern, seq, day(2026, 11, 22));
        let input = ItemInput {
            id: texts[1].clone(), problem: texts[2].clone(), measures: texts[3].clone(),
            unit: texts[4].clone(), person: texts[5].clone(), deadline: texts[6].clone(),
            rule: texts[7].clone(), ..ItemInput::default()
        };
        let mut list = ItemList::default();
        if let Err(e) = list.add(&input) { prop_assert!(has_paths(&e)); }
        let _ = yaojian::money::parse_yuan(&texts[0]);
        let _ = yaojian::ident::validate_uscc(&texts[1]);
        let _ = yaojian::ident::validate_resident_id(&texts[2], Some(day(2026, 11, 22)));
        for kind in [form::Kind::Money, form::Kind::Number, form::Kind::Uscc, form::Kind::Date] {
            let _ = form::answers::parse_input(kind, &texts[3], "$.answers.q");
        }
        let _ = yaojian::json::parse_document(&texts[4], "$");
    }
}

/// Issue 14.8, by the other door: a list from outside (a host's value, a kept draft,
/// the CLI) with hidden characters is refused as the add/edit form refuses them.
#[test]
fn a_list_from_outside_with_hidden_characters_is_refused() {
    let mut list = ItemList::default();
    list.add(&valid_input()).unwrap();
    list.items[0].person = "张\u{202e}三".into();
    list.items[0].measures = vec!["整改".into(), "培训\u{0}".into()];
    let text = serde_json::to_string(&list).unwrap();
    let errs = ItemList::from_json(&text).unwrap_err();
    assert_eq!(
        paths(&errs),
        [
            (
                "$.items[0].person".to_string(),
                "text.hidden_char".to_string()
            ),
            (
                "$.items[0].measures[1]".to_string(),
                "text.hidden_char".to_string()
            ),
        ]
    );
}

/// Issue 14.6, by the other door: a batch of submissions with a key named twice.
#[test]
fn a_batch_with_a_key_named_twice_is_refused() {
    let e = form::summary::parse_batch(r#"[{"answers":{"name":"a","name":"b"}}]"#).unwrap_err();
    assert_eq!(
        (e.path.as_str(), e.code.as_str()),
        ("$[0].answers", "json.duplicate_key")
    );
    assert_eq!(form::summary::parse_batch("\u{feff}[]").unwrap().len(), 0);
}

/// A timestamp with a sign in it is no timestamp (it would sort before every real one).
#[test]
fn timestamps_take_digits_only() {
    use form::answers::parse_cst_timestamp;
    assert!(parse_cst_timestamp("2026-11-22T10:00:00+08:00").is_some());
    assert!(parse_cst_timestamp("2026-11-22T+9:00:00+08:00").is_none());
    assert!(parse_cst_timestamp("+026-11-22T10:00:00+08:00").is_none());
}

/// A keyed receipt covers when the draft was started, and only its one spelling verifies.
#[test]
fn a_keyed_reference_covers_the_start_and_has_one_spelling() {
    use form::answers::{keyed_reference, verify_keyed_reference};
    let t = built_in("representative-personal").unwrap();
    let a = json!({"name": "张三"}).as_object().unwrap().clone();
    let draft = check_draft(&t, &json!({"answers": a})).unwrap();
    // A submission needs no valid answers for its reference to be computed.
    let mut s = form::Submission {
        schema: "yaojian/submission/1".into(),
        template: form::answers::TemplateRef {
            id: t.id.clone(),
            version: t.version.clone(),
        },
        reference: String::new(),
        key: None,
        started_at: Some("2026-11-22T09:00:00+08:00".into()),
        submitted_at: "2026-11-22T10:00:00+08:00".into(),
        answers: draft.0,
        findings: draft.1,
    };
    let key = b"a-secret-of-thirty-two-bytes-ok!";
    s.reference = keyed_reference(&s, key);
    assert!(verify_keyed_reference(&s, key));
    let good = s.reference.clone();
    s.reference = good.to_lowercase().replacen("zc", "ZC", 1);
    assert!(
        !verify_keyed_reference(&s, key),
        "lower-case hex is another spelling"
    );
    s.reference = good.clone();
    s.started_at = Some("2026-11-22T09:59:00+08:00".into());
    assert!(!verify_keyed_reference(&s, key), "the start is covered");
}
