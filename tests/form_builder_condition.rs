//! The builder's condition pickers (`form::builder::Condition`): every expression the
//! built-in templates use reads as tests and writes back the same; the tests a picker
//! makes are expressions the parser accepts; what the pickers cannot show is left alone.

use serde_json::{json, Value};
use yaojian::expr::Expr;
use yaojian::form::builder::{
    choices, shown_value, typed_value, Builder, Clause, Condition, Edit, ReadableOption, Test,
    OPERATORS,
};
use yaojian::form::{built_in_ids, built_in_source};

/// Every condition in `doc`: visible_if, required_if and finding.when, wherever they are.
fn conditions(doc: &Value, out: &mut Vec<Value>) {
    match doc {
        Value::Object(m) => {
            for (k, v) in m {
                if k == "visible_if" || k == "required_if" || k == "when" {
                    out.push(v.clone());
                } else {
                    conditions(v, out);
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|v| conditions(v, out)),
        _ => {}
    }
}

#[test]
fn every_built_in_condition_reads_as_tests_and_writes_back_the_same() {
    let mut found = Vec::new();
    for id in built_in_ids() {
        let doc: Value = serde_json::from_str(built_in_source(id).unwrap()).unwrap();
        conditions(&doc, &mut found);
    }
    assert!(found.len() >= 10, "{} conditions", found.len());
    for c in found {
        let read = Condition::read(&c).unwrap_or_else(|| panic!("not read: {c}"));
        assert_eq!(read.to_value(), c);
    }
}

#[test]
fn each_operator_writes_the_expression_it_names() {
    let clause = |test| Condition {
        any: false,
        clauses: vec![Clause {
            question: "q1".into(),
            test,
        }],
    };
    let cases = [
        (Test::Is(json!(true)), json!({"equals": ["q1", true]})),
        (
            Test::IsNot(json!("a")),
            json!({"not": {"equals": ["q1", "a"]}}),
        ),
        (
            Test::OneOf(vec![json!("a"), json!("b")]),
            json!({"one_of": ["q1", ["a", "b"]]}),
        ),
        (Test::Answered, json!({"answered": "q1"})),
        (Test::NotAnswered, json!({"not": {"answered": "q1"}})),
    ];
    assert_eq!(cases.len(), OPERATORS.len());
    for (test, expected) in cases {
        let op = test.operator();
        let c = clause(test);
        assert_eq!(c.to_value(), expected, "{op}");
        assert_eq!(Condition::read(&expected), Some(c), "{op}");
        assert!(Expr::parse(&expected, "$", Some(&|q: &str| q == "q1")).is_ok());
    }
}

#[test]
fn several_tests_join_in_and_or_or() {
    let two = |any| Condition {
        any,
        clauses: vec![
            Clause {
                question: "a".into(),
                test: Test::Is(json!(true)),
            },
            Clause {
                question: "b".into(),
                test: Test::Answered,
            },
        ],
    };
    let and = json!({"and": [{"equals": ["a", true]}, {"answered": "b"}]});
    let or = json!({"or": [{"equals": ["a", true]}, {"answered": "b"}]});
    assert_eq!(two(false).to_value(), and);
    assert_eq!(two(true).to_value(), or);
    assert_eq!(Condition::read(&or), Some(two(true)));
}

#[test]
fn what_the_pickers_cannot_show_is_not_read() {
    for v in [
        json!({"and": [{"or": [{"answered": "a"}, {"answered": "b"}]}, {"answered": "c"}]}),
        json!({"not": {"one_of": ["a", ["x"]]}}),
        json!({"and": []}),
        json!({"equals": ["a"]}),
        json!("a = 1"),
    ] {
        assert_eq!(Condition::read(&v), None, "{v}");
    }
}

#[test]
fn changing_the_operator_keeps_the_values_it_can() {
    let first = json!("x");
    let is = Test::Is(json!("a"));
    assert_eq!(
        is.with_operator("one_of", &first),
        Some(Test::OneOf(vec![json!("a")]))
    );
    assert_eq!(
        is.with_operator("is_not", &first),
        Some(Test::IsNot(json!("a")))
    );
    let one_of = Test::OneOf(vec![json!("b"), json!("c")]);
    assert_eq!(
        one_of.with_operator("is", &first),
        Some(Test::Is(json!("b")))
    );
    assert_eq!(
        Test::Answered.with_operator("is", &first),
        Some(Test::Is(first.clone()))
    );
    assert_eq!(
        Test::Answered.with_operator("one_of", &first),
        Some(Test::OneOf(vec![first.clone()]))
    );
    assert_eq!(is.with_operator("equals", &first), None);
}

#[test]
fn values_offered_and_typed_follow_the_question_kind() {
    assert_eq!(
        choices(&json!("yes_no"), &[]),
        vec![json!(true), json!(false)]
    );
    let opt = |v: &str| ReadableOption {
        value: v.into(),
        label: json!({"zh-CN": v}),
    };
    let opts = [opt("a"), opt("b")];
    assert_eq!(
        choices(&json!("multiple_choice"), &opts),
        vec![json!("a"), json!("b")]
    );
    assert!(choices(&json!("text"), &opts).is_empty());
    assert_eq!(typed_value(&json!("number"), " 12 "), json!(12));
    assert_eq!(typed_value(&json!("number"), "1.5"), json!(1.5));
    assert_eq!(typed_value(&json!("money"), "12.50"), json!(1250));
    assert_eq!(shown_value(&json!("money"), &json!(1250)), "12.50");
    assert_eq!(typed_value(&json!("money"), "十二元"), json!("十二元"));
    assert_eq!(typed_value(&json!("text"), "12"), json!("12"));
    assert_eq!(shown_value(&json!("text"), &json!("12")), "12");
}

/// A condition picked in the builder on an earlier question makes a template that
/// publishes and behaves as the test says.
#[test]
fn a_picked_condition_publishes_and_holds_when_it_should() {
    let mut b = Builder::blank("picked", "1");
    let q = |id: &str, kind: &str| json!({"id": id, "kind": kind, "label": {"zh-CN": id}});
    let mut choice = q("channel", "single_choice");
    choice["options"] = json!([{"value": "online", "label": {"zh-CN": "线上"}}, {"value": "shop", "label": {"zh-CN": "门店"}}]);
    for e in [
        Edit::Set {
            path: "$.title".into(),
            value: json!({"zh-CN": "表"}),
        },
        Edit::Set {
            path: "$.sections[0].title".into(),
            value: json!({"zh-CN": "一"}),
        },
        Edit::Set {
            path: "$.sections[0].questions[0].label".into(),
            value: json!({"zh-CN": "是否"}),
        },
        Edit::Insert {
            path: "$.sections[0].questions[1]".into(),
            value: choice,
        },
        Edit::Insert {
            path: "$.sections[0].questions[2]".into(),
            value: q("why", "text"),
        },
    ] {
        b.apply(e).unwrap();
    }
    let picked = Condition {
        any: true,
        clauses: vec![
            Clause {
                question: "q1".into(),
                test: Test::Is(json!(false)),
            },
            Clause {
                question: "channel".into(),
                test: Test::OneOf(vec![json!("online")]),
            },
        ],
    };
    b.apply(Edit::Set {
        path: "$.sections[0].questions[2].visible_if".into(),
        value: picked.to_value(),
    })
    .unwrap();
    let t = b.template().unwrap_or_else(|e| panic!("{:?}", e.0));
    let when = t.question("why").unwrap().visible_if.clone().unwrap();
    let answers = |v: Value| v.as_object().unwrap().clone();
    assert!(when.eval(&answers(json!({"q1": false}))));
    assert!(when.eval(&answers(json!({"q1": true, "channel": "online"}))));
    assert!(!when.eval(&answers(json!({"q1": true, "channel": "shop"}))));
}
