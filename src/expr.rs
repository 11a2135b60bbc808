//! The condition language of templates: `visible_if` and `required_if` in
//! self-inspection forms, and requirement conditions in the requirement checker. One
//! small language, written as JSON so bureaus can author it without a parser:
//!
//! | form | true when |
//! |---|---|
//! | `{"equals": ["q1", "yes"]}` | the answer to `q1` is `"yes"` (for a multiple choice: includes it) |
//! | `{"one_of": ["q2", ["a", "b"]]}` | the answer to `q2` is one of the values (or includes one) |
//! | `{"answered": "q3"}` | `q3` has an answer that is not empty |
//! | `{"not": E}` | `E` is false |
//! | `{"and": [E, …]}` / `{"or": [E, …]}` | all / any of them hold (an empty `and` is true, an empty `or` false) |
//!
//! Parsing names the JSON path of every mistake and, given the known question ids,
//! rejects references to questions that do not exist.

use crate::error::FieldError;
use crate::sorted::SortedMap;
use serde::{Serialize, Serializer};
use serde_json::Value;

/// Deepest nesting accepted (a hostile template cannot exhaust the stack).
pub const MAX_DEPTH: usize = 32;

/// A condition over earlier answers, as templates write it (`schemas/expression.schema.json`).
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Equals(String, Value),
    OneOf(String, Vec<Value>),
    Answered(String),
    Not(Box<Expr>),
    And(Vec<Expr>),
    Or(Vec<Expr>),
}

/// Where answers come from: a map of question id to JSON value.
pub trait Answers {
    /// The answer to `question`, if any.
    fn answer(&self, question: &str) -> Option<&Value>;
}

impl Answers for serde_json::Map<String, Value> {
    fn answer(&self, question: &str) -> Option<&Value> {
        self.get(question)
    }
}

impl Answers for SortedMap<String, Value> {
    fn answer(&self, question: &str) -> Option<&Value> {
        self.get(question)
    }
}

/// Is this value an answer at all? Null, blank text and empty lists are not.
pub fn is_answered(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !s.trim().is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
        Some(_) => true,
    }
}

fn matches(answer: Option<&Value>, wanted: &Value) -> bool {
    match answer {
        Some(Value::Array(items)) => items.iter().any(|x| x == wanted),
        Some(a) => a == wanted,
        None => false,
    }
}

impl Expr {
    /// Whether the condition holds for `answers`.
    pub fn eval(&self, answers: &dyn Answers) -> bool {
        match self {
            Expr::Equals(q, v) => matches(answers.answer(q), v),
            Expr::OneOf(q, vs) => vs.iter().any(|v| matches(answers.answer(q), v)),
            Expr::Answered(q) => is_answered(answers.answer(q)),
            Expr::Not(e) => !e.eval(answers),
            Expr::And(es) => es.iter().all(|e| e.eval(answers)),
            Expr::Or(es) => es.iter().any(|e| e.eval(answers)),
        }
    }

    /// Every question id the expression reads, for dependency tracking.
    pub fn questions(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect(&mut out);
        out
    }

    fn collect<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Expr::Equals(q, _) | Expr::OneOf(q, _) | Expr::Answered(q) => {
                if !out.contains(&q.as_str()) {
                    out.push(q);
                }
            }
            Expr::Not(e) => e.collect(out),
            Expr::And(es) | Expr::Or(es) => es.iter().for_each(|e| e.collect(out)),
        }
    }

    /// The JSON form, as parsed.
    pub fn to_json(&self) -> Value {
        match self {
            Expr::Equals(q, v) => serde_json::json!({ "equals": [q, v] }),
            Expr::OneOf(q, vs) => serde_json::json!({ "one_of": [q, vs] }),
            Expr::Answered(q) => serde_json::json!({ "answered": q }),
            Expr::Not(e) => serde_json::json!({ "not": e.to_json() }),
            Expr::And(es) => {
                serde_json::json!({ "and": es.iter().map(Expr::to_json).collect::<Vec<_>>() })
            }
            Expr::Or(es) => {
                serde_json::json!({ "or": es.iter().map(Expr::to_json).collect::<Vec<_>>() })
            }
        }
    }

    /// Parses an expression at `path`. `known`, when given, is the set of question ids
    /// the expression may refer to.
    pub fn parse(
        v: &Value,
        path: &str,
        known: Option<&dyn Fn(&str) -> bool>,
    ) -> Result<Expr, crate::Errors> {
        let mut errs = Vec::new();
        let e = parse_at(v, path, known, 0, &mut errs);
        match e {
            Some(e) if errs.is_empty() => Ok(e),
            _ => Err(errs.into()),
        }
    }
}

impl Serialize for Expr {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(s)
    }
}

fn scalar(v: &Value) -> bool {
    matches!(v, Value::String(_) | Value::Bool(_) | Value::Number(_))
}

fn question_ref(
    v: &Value,
    path: &str,
    known: Option<&dyn Fn(&str) -> bool>,
    errs: &mut Vec<FieldError>,
) -> Option<String> {
    match v.as_str() {
        Some(q) if known.is_none_or(|k| k(q)) => Some(q.to_string()),
        Some(q) => {
            errs.push(FieldError::new(path, "expr.unknown_question").with("id", q));
            None
        }
        None => {
            errs.push(FieldError::new(path, "expr.question_id"));
            None
        }
    }
}

fn parse_at(
    v: &Value,
    path: &str,
    known: Option<&dyn Fn(&str) -> bool>,
    depth: usize,
    errs: &mut Vec<FieldError>,
) -> Option<Expr> {
    if depth > MAX_DEPTH {
        errs.push(FieldError::new(path, "expr.too_deep").with("max", MAX_DEPTH));
        return None;
    }
    let Some(obj) = v.as_object().filter(|o| o.len() == 1) else {
        errs.push(FieldError::new(path, "expr.shape"));
        return None;
    };
    let (op, arg) = obj.iter().next()?;
    let here = format!("{path}.{op}");
    match op.as_str() {
        "equals" | "one_of" => {
            let Some([q, val]) = arg.as_array().map(Vec::as_slice) else {
                errs.push(FieldError::new(&here, "expr.pair").with("op", op));
                return None;
            };
            let q = question_ref(q, &format!("{here}[0]"), known, errs);
            if op == "equals" {
                if !scalar(val) {
                    errs.push(FieldError::new(format!("{here}[1]"), "expr.scalar"));
                    return None;
                }
                Some(Expr::Equals(q?, val.clone()))
            } else {
                let Some(list) = val
                    .as_array()
                    .filter(|l| !l.is_empty() && l.iter().all(scalar))
                else {
                    errs.push(FieldError::new(format!("{here}[1]"), "expr.value_list"));
                    return None;
                };
                Some(Expr::OneOf(q?, list.clone()))
            }
        }
        "answered" => question_ref(arg, &here, known, errs).map(Expr::Answered),
        "not" => parse_at(arg, &here, known, depth + 1, errs).map(|e| Expr::Not(Box::new(e))),
        "and" | "or" => {
            let Some(list) = arg.as_array() else {
                errs.push(FieldError::new(&here, "expr.list"));
                return None;
            };
            let parts: Vec<Option<Expr>> = list
                .iter()
                .enumerate()
                .map(|(i, x)| parse_at(x, &format!("{here}[{i}]"), known, depth + 1, errs))
                .collect();
            let parts: Option<Vec<Expr>> = parts.into_iter().collect();
            let parts = parts?;
            Some(if op == "and" {
                Expr::And(parts)
            } else {
                Expr::Or(parts)
            })
        }
        _ => {
            errs.push(FieldError::new(path, "expr.unknown_operator").with("op", op));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn answers(v: Value) -> serde_json::Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    fn parse(v: Value) -> Expr {
        Expr::parse(&v, "$", None).unwrap()
    }

    #[test]
    fn evaluates_each_operator() {
        let a = answers(json!({"q1": "yes", "q2": ["a", "c"], "q3": "", "q4": 3, "q5": true}));
        assert!(parse(json!({"equals": ["q1", "yes"]})).eval(&a));
        assert!(!parse(json!({"equals": ["q1", "no"]})).eval(&a));
        assert!(
            parse(json!({"equals": ["q2", "c"]})).eval(&a),
            "a multiple choice includes the value"
        );
        assert!(parse(json!({"equals": ["q4", 3]})).eval(&a));
        assert!(parse(json!({"equals": ["q5", true]})).eval(&a));
        assert!(!parse(json!({"equals": ["missing", "yes"]})).eval(&a));
        assert!(parse(json!({"one_of": ["q1", ["no", "yes"]]})).eval(&a));
        assert!(parse(json!({"one_of": ["q2", ["b", "c"]]})).eval(&a));
        assert!(!parse(json!({"one_of": ["q2", ["b", "d"]]})).eval(&a));
        assert!(parse(json!({"answered": "q1"})).eval(&a));
        assert!(
            !parse(json!({"answered": "q3"})).eval(&a),
            "blank text is no answer"
        );
        assert!(!parse(json!({"answered": "missing"})).eval(&a));
        assert!(parse(json!({"not": {"answered": "q3"}})).eval(&a));
        assert!(parse(json!({"and": [{"answered": "q1"}, {"equals": ["q4", 3]}]})).eval(&a));
        assert!(!parse(json!({"and": [{"answered": "q1"}, {"answered": "q3"}]})).eval(&a));
        assert!(parse(json!({"or": [{"answered": "q3"}, {"answered": "q1"}]})).eval(&a));
        assert!(parse(json!({"and": []})).eval(&a));
        assert!(!parse(json!({"or": []})).eval(&a));
    }

    #[test]
    fn mistakes_name_their_path() {
        let known = |q: &str| q == "q1";
        let e = Expr::parse(
            &json!({"and": [{"equals": ["q1", "yes"]}, {"answered": "nope"}]}),
            "$.visible_if",
            Some(&known),
        )
        .unwrap_err();
        assert_eq!(e[0].path, "$.visible_if.and[1].answered");
        assert_eq!(e[0].code, "expr.unknown_question");
        let cases = [
            (json!({"equals": ["q1"]}), "$.equals", "expr.pair"),
            (
                json!({"equals": ["q1", {"x": 1}]}),
                "$.equals[1]",
                "expr.scalar",
            ),
            (
                json!({"one_of": ["q1", []]}),
                "$.one_of[1]",
                "expr.value_list",
            ),
            (json!({"answered": 5}), "$.answered", "expr.question_id"),
            (json!({"xor": []}), "$", "expr.unknown_operator"),
            (json!({"not": {}, "and": []}), "$", "expr.shape"),
            (json!("q1"), "$", "expr.shape"),
            (json!({"or": {"answered": "q1"}}), "$.or", "expr.list"),
        ];
        for (v, path, code) in cases {
            let e = Expr::parse(&v, "$", Some(&known)).unwrap_err();
            assert_eq!(
                (e[0].path.as_str(), e[0].code.as_str()),
                (path, code),
                "{v}"
            );
        }
        // Every mistake is reported, not only the first.
        let e = Expr::parse(&json!({"or": [{"answered": 1}, {"xor": 1}]}), "$", None).unwrap_err();
        assert_eq!(e.len(), 2);
    }

    #[test]
    fn nesting_is_capped() {
        let mut v = json!({"answered": "q1"});
        for _ in 0..(MAX_DEPTH + 5) {
            v = json!({ "not": v });
        }
        let e = Expr::parse(&v, "$", None).unwrap_err();
        assert_eq!(e[0].code, "expr.too_deep");
    }

    #[test]
    fn round_trips_and_lists_its_questions() {
        let v = json!({"and": [{"equals": ["q1", "yes"]}, {"not": {"one_of": ["q2", ["a"]]}}, {"answered": "q1"}]});
        let e = parse(v.clone());
        assert_eq!(e.to_json(), v);
        assert_eq!(e.questions(), ["q1", "q2"]);
    }
}
