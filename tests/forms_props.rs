//! Arbitrary JSON into the form template parser and the submission validator: an error
//! result naming a path, or a result, never a panic. Besides random documents, valid
//! ones are mutated at a random node, which reaches much deeper into both.
use proptest::prelude::*;
use serde_json::{json, Value};
use yaojian::form::answers::{check_submission, evaluate, submit, validate, Findings};
use yaojian::form::summary::summarize;
use yaojian::form::{built_in, built_in_source, parse_submission, Template};
use yaojian::{Lang, MAX_DOCUMENT_BYTES};

mod common;

/// Words the template parser and the validator react to.
const WORDS: &[&str] = &[
    "today",
    "2026-11-22",
    "yes_no",
    "group",
    "name",
    "id",
    "kind",
    "equals",
    "agreed",
    "questions",
];

fn arb_json() -> impl Strategy<Value = Value> {
    common::arb_json(WORDS, true, 5)
}

/// Replaces the `n`-th node (pre-order, modulo the node count) with `with`.
fn mutate(v: &mut Value, n: usize, with: Value) {
    fn count(v: &Value) -> usize {
        1 + match v {
            Value::Array(a) => a.iter().map(count).sum(),
            Value::Object(o) => o.values().map(count).sum(),
            _ => 0,
        }
    }
    fn walk(v: &mut Value, n: &mut usize, with: &mut Option<Value>) {
        if *n == 0 {
            if let Some(w) = with.take() {
                *v = w;
            }
            return;
        }
        *n -= 1;
        match v {
            Value::Array(a) => a.iter_mut().for_each(|x| walk(x, n, with)),
            Value::Object(o) => o.values_mut().for_each(|x| walk(x, n, with)),
            _ => {}
        }
    }
    let mut n = n % count(v);
    walk(v, &mut n, &mut Some(with));
}

fn good_submission() -> Value {
    let t = built_in("representative-personal").unwrap();
    let a = json!({
        "name": "张三", "id_number": "11010519491231002X", "phone": "13800138000",
        "mah_name": "示例药业", "mah_uscc": "91350100M000100Y43",
        "filed": true, "filing_date": "2025-03-01", "contract": "labour_contract",
        "b_unfiled": false, "b_no_consent": false, "b_sales": true, "b_prescriptions": false,
        "b_funding": false, "b_misleading": false, "b_kickbacks": false,
        "activity_count": 1,
        "activities": [{"activity_date": "2026-10-01", "institution": "某医院", "activity_form": "meeting", "consent": true}],
        "attestation": {"agreed": true, "name": "张三", "date": "2026-11-22"}
    });
    let f: Findings = yaojian::form::answers::read_findings(
        &json!({"b_sales": {"explanation": "x", "measure": "y", "deadline": "2026-12-01"}}),
        "$",
    )
    .unwrap();
    let s = submit(
        &t,
        a.as_object().unwrap(),
        &f,
        None,
        Some("2026-11-22T09:00:00+08:00"),
        1_795_312_800_000,
        Lang::ZhCn,
    )
    .unwrap();
    let v = serde_json::to_value(&s).unwrap();
    // Every field written reads back under its name.
    assert_eq!(yaojian::form::Submission::read(&v, "$").unwrap(), s);
    v
}

/// The validator's day in these tests: the day the good submission was made.
fn day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn clean(errs: &[yaojian::FieldError]) -> bool {
    !errs.is_empty()
        && errs
            .iter()
            .all(|e| e.path.starts_with('$') && !e.message(Lang::En).is_empty())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn random_templates_parse_or_fail_cleanly(v in arb_json()) {
        if let Err(errs) = Template::from_value(v) {
            prop_assert!(clean(&errs));
        }
    }

    #[test]
    fn mutated_templates_parse_or_fail_cleanly(n in any::<usize>(), with in arb_json()) {
        let mut v: Value = serde_json::from_str(built_in_source("mah-representative-management").unwrap()).unwrap();
        mutate(&mut v, n, with);
        match Template::from_value(v) {
            Ok(t) => { let _ = evaluate(&t, &serde_json::Map::new()); }
            Err(errs) => prop_assert!(clean(&errs)),
        }
    }

    #[test]
    fn mutated_submissions_validate_or_fail_cleanly(n in any::<usize>(), with in arb_json()) {
        let t = built_in("representative-personal").unwrap();
        let mut v = good_submission();
        mutate(&mut v, n, with);
        if let Err(errs) = check_submission(&t, v.clone(), day()) {
            prop_assert!(clean(&errs));
        }
        // The summary takes anything without panicking.
        let s = summarize(&t, vec![v], Lang::En);
        prop_assert_eq!(s.counted + s.rejected.len(), 1);
    }

    #[test]
    fn arbitrary_answers_validate_cleanly(answers in prop::collection::btree_map(
        prop_oneof![Just("filed".to_string()), Just("activities".to_string()), Just("attestation".to_string()), Just("b_sales".to_string()), "[a-z_]{1,8}"],
        arb_json(), 0..6))
    {
        let t = built_in("representative-personal").unwrap();
        let a: serde_json::Map<String, Value> = answers.into_iter().collect();
        let errs = validate(&t, &a, &Findings::new(), chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
        prop_assert!(clean(&errs), "required questions are missing, so there are errors");
    }
}

#[test]
fn the_unmutated_submission_is_valid() {
    let t = built_in("representative-personal").unwrap();
    check_submission(&t, good_submission(), day()).unwrap();
}

#[test]
fn oversized_templates_and_submissions_are_refused() {
    let big = format!("{{\"pad\": \"{}\"}}", "x".repeat(MAX_DOCUMENT_BYTES));
    assert_eq!(
        Template::from_json(&big).unwrap_err()[0].code,
        "json.too_large"
    );
    let t = built_in("representative-personal").unwrap();
    assert_eq!(
        parse_submission(&t, &big, day()).unwrap_err()[0].code,
        "json.too_large"
    );
}
