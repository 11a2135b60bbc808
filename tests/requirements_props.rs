//! Arbitrary JSON into the condition parser, the template parser and the check: an
//! error result or a result, never a panic.
use proptest::prelude::*;
use serde_json::Value;
use yaojian::expr::Expr;
use yaojian::requirements::{built_in, check_json, Template};
use yaojian::Lang;

mod common;

/// Words the condition and template parsers react to.
const WORDS: &[&str] = &[
    "q1",
    "equals",
    "one_of",
    "answered",
    "not",
    "and",
    "or",
    "answers",
    "have",
    "questions",
    "requirements",
];

fn arb_json() -> impl Strategy<Value = Value> {
    common::arb_json(WORDS, false, 6)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn conditions_parse_or_fail_cleanly(v in arb_json()) {
        let known = |q: &str| q == "q1";
        match Expr::parse(&v, "$", Some(&known)) {
            Ok(e) => { let _ = e.eval(&serde_json::Map::new()); prop_assert_eq!(Expr::parse(&e.to_json(), "$", None), Ok(e)); }
            Err(errs) => prop_assert!(!errs.is_empty() && errs.iter().all(|x| x.path.starts_with('$'))),
        }
    }

    #[test]
    fn templates_parse_or_fail_cleanly(v in arb_json()) {
        if let Err(errs) = Template::from_value(v) {
            prop_assert!(!errs.is_empty() && errs.iter().all(|x| x.path.starts_with('$')));
        }
    }

    #[test]
    fn checks_answer_or_fail_cleanly(v in arb_json()) {
        let t = built_in("no-penalty-eligibility", None).unwrap();
        match check_json(&t, &v.to_string(), Lang::ZhCn) {
            Ok(r) => prop_assert_eq!(r.items.len(), t.requirements.len()),
            Err(errs) => prop_assert!(errs.iter().all(|x| x.path.starts_with('$'))),
        }
    }
}
