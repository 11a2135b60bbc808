//! A condition as the builder's pickers edit it: tests on earlier questions, joined by
//! "all of" or "any of". It reads and writes the expression language of
//! [`crate::expr`]; an expression it cannot show as such tests (nested `and`/`or`) is
//! left as written.

use crate::expr::Expr;
use serde::Serialize;
use serde_json::{json, Value};

/// What a test asks of the answer to its question.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "op", content = "values")]
pub enum Test {
    /// The answer is (for a multiple choice: includes) this value.
    Is(Value),
    /// The answer is not (does not include) this value.
    IsNot(Value),
    /// The answer is (includes) one of these values.
    OneOf(Vec<Value>),
    /// The question has an answer.
    Answered,
    /// The question has no answer.
    NotAnswered,
}

/// The operators a test may use, in the order the builder offers them.
pub const OPERATORS: [&str; 5] = ["is", "is_not", "one_of", "answered", "not_answered"];

impl Test {
    /// The operator's code (one of [`OPERATORS`]).
    pub fn operator(&self) -> &'static str {
        match self {
            Test::Is(_) => "is",
            Test::IsNot(_) => "is_not",
            Test::OneOf(_) => "one_of",
            Test::Answered => "answered",
            Test::NotAnswered => "not_answered",
        }
    }

    /// The values it compares with.
    pub fn values(&self) -> Vec<Value> {
        match self {
            Test::Is(v) | Test::IsNot(v) => vec![v.clone()],
            Test::OneOf(vs) => vs.clone(),
            Test::Answered | Test::NotAnswered => Vec::new(),
        }
    }

    /// The test comparing with `v` in place of its value ("is" and "is not"; the others as
    /// they are).
    pub fn with_value(&self, v: Value) -> Test {
        match self {
            Test::Is(_) => Test::Is(v),
            Test::IsNot(_) => Test::IsNot(v),
            other => other.clone(),
        }
    }

    /// The test with operator `op`, keeping what values it can (the first of a list for a
    /// single value; `first` when there was none); none for an unknown operator.
    pub fn with_operator(&self, op: &str, first: &Value) -> Option<Test> {
        let values = self.values();
        let one = values.first().cloned().unwrap_or_else(|| first.clone());
        Some(match op {
            "is" => Test::Is(one),
            "is_not" => Test::IsNot(one),
            "one_of" if values.is_empty() => Test::OneOf(vec![first.clone()]),
            "one_of" => Test::OneOf(values),
            "answered" => Test::Answered,
            "not_answered" => Test::NotAnswered,
            _ => return None,
        })
    }
}

/// One test on one question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Clause {
    pub question: String,
    pub test: Test,
}

impl Clause {
    fn read(e: &Expr) -> Option<Clause> {
        let clause = |q: &String, test| {
            Some(Clause {
                question: q.clone(),
                test,
            })
        };
        match e {
            Expr::Equals(q, v) => clause(q, Test::Is(v.clone())),
            Expr::OneOf(q, vs) => clause(q, Test::OneOf(vs.clone())),
            Expr::Answered(q) => clause(q, Test::Answered),
            Expr::Not(inner) => match &**inner {
                Expr::Equals(q, v) => clause(q, Test::IsNot(v.clone())),
                Expr::Answered(q) => clause(q, Test::NotAnswered),
                _ => None,
            },
            Expr::And(_) | Expr::Or(_) => None,
        }
    }

    fn to_value(&self) -> Value {
        let q = &self.question;
        match &self.test {
            Test::Is(v) => json!({"equals": [q, v]}),
            Test::IsNot(v) => json!({"not": {"equals": [q, v]}}),
            Test::OneOf(vs) => json!({"one_of": [q, vs]}),
            Test::Answered => json!({"answered": q}),
            Test::NotAnswered => json!({"not": {"answered": q}}),
        }
    }
}

/// A condition made of tests: all of them must hold, or (`any`) one of them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Condition {
    pub any: bool,
    pub clauses: Vec<Clause>,
}

impl Condition {
    /// Reads an expression as tests; none when it is not one the pickers can show
    /// (malformed, or `and`/`or` nested inside another).
    pub fn read(v: &Value) -> Option<Condition> {
        let e = Expr::parse(v, "$", None).ok()?;
        let (any, parts) = match &e {
            Expr::And(es) => (false, es.as_slice()),
            Expr::Or(es) => (true, es.as_slice()),
            _ => (false, std::slice::from_ref(&e)),
        };
        let clauses = parts.iter().map(Clause::read).collect::<Option<Vec<_>>>()?;
        (!clauses.is_empty()).then_some(Condition { any, clauses })
    }

    /// The expression it stands for: a single test alone, several in `and` or `or`.
    pub fn to_value(&self) -> Value {
        let parts: Vec<Value> = self.clauses.iter().map(Clause::to_value).collect();
        match (parts.len(), self.any) {
            (1, _) => parts.into_iter().next().unwrap_or(Value::Null),
            (_, false) => json!({ "and": parts }),
            (_, true) => json!({ "or": parts }),
        }
    }
}

/// The values a test on a question of `kind` with `options` compares with, for a picker:
/// yes and no for a yes/no question, the option values for a choice; empty when the
/// value is typed.
pub fn choices(kind: &Value, options: &[super::ReadableOption]) -> Vec<Value> {
    match kind.as_str() {
        Some("yes_no") => vec![Value::Bool(true), Value::Bool(false)],
        Some("single_choice" | "multiple_choice") => options
            .iter()
            .map(|o| Value::String(o.value.clone()))
            .collect(),
        _ => Vec::new(),
    }
}

/// A typed value as a test on a question of `kind` compares it: a number for a number,
/// whole fen for money typed in yuan ("12.50" → 1250), text otherwise (and for what does
/// not read as its kind, so the parser can say what is wrong).
pub fn typed_value(kind: &Value, text: &str) -> Value {
    let t = text.trim();
    let number = match kind.as_str() {
        Some("number") => t.parse::<i64>().map(Value::from).ok().or_else(|| {
            t.parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number)
        }),
        Some("money") => crate::money::parse_yuan(t).ok().map(|f| Value::from(f.0)),
        _ => None,
    };
    number.unwrap_or_else(|| Value::String(text.to_string()))
}

/// A compared value as the builder shows it for typing: money in yuan, text as it is.
pub fn shown_value(kind: &Value, v: &Value) -> String {
    match (kind.as_str(), v) {
        (Some("money"), Value::Number(n)) => n
            .as_i64()
            .map(|f| crate::money::Fen(f).yuan_string())
            .unwrap_or_else(|| n.to_string()),
        (_, Value::String(s)) => s.clone(),
        (_, other) => other.to_string(),
    }
}
