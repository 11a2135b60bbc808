//! Arbitrary JSON into the condition parser, the template parser and the check: an
//! error result or a result, never a panic.
use proptest::prelude::*;
use serde_json::{json, Value};
use yaojian::expr::Expr;
use yaojian::penalty::default_benchmark;
use yaojian::requirements::{built_in, check_json, Template};
use yaojian::Lang;

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        prop_oneof![
            Just("q1".to_string()),
            Just("equals".to_string()),
            Just("and".to_string()),
            "[a-z_]{0,6}",
            ".{0,8}"
        ]
        .prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("equals".to_string()),
                    Just("one_of".to_string()),
                    Just("answered".to_string()),
                    Just("not".to_string()),
                    Just("and".to_string()),
                    Just("or".to_string()),
                    Just("answers".to_string()),
                    Just("have".to_string()),
                    Just("questions".to_string()),
                    Just("requirements".to_string()),
                    "[a-z_]{1,8}"
                ],
                inner,
                0..4
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
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
        let t = built_in("no-penalty-eligibility", default_benchmark()).unwrap();
        match check_json(&t, &v.to_string(), Lang::ZhCn) {
            Ok(r) => prop_assert_eq!(r.items.len(), t.requirements.len()),
            Err(errs) => prop_assert!(errs.iter().all(|x| x.path.starts_with('$'))),
        }
    }
}
