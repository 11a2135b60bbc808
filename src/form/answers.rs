//! Answers to a template: which questions are visible and required, progress, raised
//! findings, validation (the submission document itself is in [`super::submission`]).
//!
//! The browser widget and `yaojian form validate` call the same functions, so a
//! submission the form accepted is accepted by the server and the reverse.
//!
//! Answer paths: `$.answers.<id>`, a group's cell `$.answers.<group>[<row>].<column>`,
//! a finding's field `$.findings.<id>.explanation`.

use super::field::FieldRef;
use super::template::{Kind, Question, Severity, Template};
use crate::error::FieldError;
use crate::expr::{self, is_answered};
use crate::sorted::SortedMap;
use crate::Lang;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::HashSet;

mod input;
mod validation;

pub use input::*;
pub use validation::*;

/// The `schema` of a submission document (`schemas/submission.schema.json`).
pub const SUBMISSION_SCHEMA: &str = "yaojian/submission/1";

/// Question id → answer.
pub type Answers = Map<String, Value>;

/// Longest text answer accepted when a template sets no `max_length`.
pub const DEFAULT_MAX_TEXT: usize = 2_000;
/// The default longest long-text answer, in characters.
pub const DEFAULT_MAX_LONG_TEXT: usize = 20_000;

/// What the respondent says about a raised finding.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct FindingAnswer {
    /// Filled in from the template on submission, for readers without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// 情况说明
    pub explanation: String,
    /// 整改措施
    pub measure: String,
    /// 整改期限, `YYYY-MM-DD`.
    pub deadline: String,
}

/// Question id → finding answer.
pub type Findings = SortedMap<String, FindingAnswer>;

/// Reads what the respondent says about the findings raised (`{question id: answer}`);
/// every problem with its JSON path.
pub fn read_findings(v: &Value, path: &str) -> crate::json::read::Read<Findings> {
    use crate::form::template::SEVERITIES;
    use crate::json::read::{one_of, string, Object};
    Object::of(v, path)?.map(|v, path| {
        let o = Object::of(v, path)?;
        o.only(&["severity", "title", "explanation", "measure", "deadline"])?;
        Ok(FindingAnswer {
            severity: o.optional("severity", |v, p| one_of(v, p, &SEVERITIES))?,
            title: o.optional("title", string)?,
            explanation: o.or_default("explanation", string)?,
            measure: o.or_default("measure", string)?,
            deadline: o.or_default("deadline", string)?,
        })
    })
}

/// Answers with hidden questions masked, for conditions.
pub(crate) struct View<'a> {
    pub(crate) answers: &'a Answers,
    pub(crate) hidden: &'a HashSet<String>,
}

impl expr::Answers for View<'_> {
    fn answer(&self, q: &str) -> Option<&Value> {
        if self.hidden.contains(q) {
            None
        } else {
            self.answers.get(q)
        }
    }
}

/// One row of a group: its visible cells first, then the outer answers.
struct RowView<'a> {
    group: &'a Question,
    row: &'a Map<String, Value>,
    hidden: &'a HashSet<String>,
    outer: &'a dyn expr::Answers,
}

impl expr::Answers for RowView<'_> {
    fn answer(&self, q: &str) -> Option<&Value> {
        if self.group.questions.iter().any(|c| c.id == q) {
            if self.hidden.contains(q) {
                None
            } else {
                self.row.get(q)
            }
        } else {
            self.outer.answer(q)
        }
    }
}

/// Is this answer "given" for progress and required checks? An attestation counts only
/// once agreed to.
pub fn filled(q: &Question, v: Option<&Value>) -> bool {
    match q.kind {
        Kind::Attestation => v
            .and_then(|v| v.get("agreed"))
            .is_some_and(|a| a == &Value::Bool(true)),
        _ => is_answered(v),
    }
}

/// Required questions answered, of those required (hidden ones do not count).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Progress {
    pub answered: usize,
    pub required: usize,
}

/// What one section shows: whether visible, and its progress.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct SectionState {
    pub visible: bool,
    /// Required questions answered / required questions now visible.
    pub progress: Progress,
}

/// A finding the answers raise: its question, severity and title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Raised {
    pub question: String,
    pub severity: Severity,
}

/// Where a set of answers stands: computed in one pass over the template.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Evaluation {
    pub sections: Vec<SectionState>,
    /// Top-level questions hidden by their own or their section's condition.
    pub hidden: HashSet<String>,
    /// Visible top-level questions that must be answered now.
    pub required: HashSet<String>,
    /// Findings raised, in template order.
    pub raised: Vec<Raised>,
    pub progress: Progress,
}

impl Evaluation {
    /// Whether question `q` is shown.
    pub fn visible(&self, q: &str) -> bool {
        !self.hidden.contains(q)
    }
    /// Whether question `q` must be answered.
    pub fn is_required(&self, q: &str) -> bool {
        self.required.contains(q)
    }
    /// The finding question `q` raises, if any.
    pub fn raised(&self, q: &str) -> Option<&Raised> {
        self.raised.iter().find(|r| r.question == q)
    }
}

/// Visibility, requirement, progress and findings for `answers`. Conditions refer only
/// to earlier questions (the parser enforces it), so one pass in order decides all.
pub fn evaluate(t: &Template, answers: &Answers) -> Evaluation {
    let n = t.question_count();
    let mut ev = Evaluation {
        hidden: HashSet::with_capacity(n),
        required: HashSet::with_capacity(n),
        ..Evaluation::default()
    };
    for s in &t.sections {
        let shown = s.visible_if.as_ref().is_none_or(|e| {
            e.eval(&View {
                answers,
                hidden: &ev.hidden,
            })
        });
        let mut st = SectionState {
            visible: shown,
            progress: Progress::default(),
        };
        for q in &s.questions {
            let view = View {
                answers,
                hidden: &ev.hidden,
            };
            let visible = shown && q.visible_if.as_ref().is_none_or(|e| e.eval(&view));
            if !visible {
                ev.hidden.insert(q.id.clone());
                continue;
            }
            let required = q.required || q.required_if.as_ref().is_some_and(|e| e.eval(&view));
            let answer = answers.get(&q.id);
            if required {
                ev.required.insert(q.id.clone());
                st.progress.required += 1;
                if filled(q, answer) {
                    st.progress.answered += 1;
                }
            }
            if let Some(f) = &q.finding {
                if f.when.eval(&view) {
                    ev.raised.push(Raised {
                        question: q.id.clone(),
                        severity: f.severity,
                    });
                }
            }
        }
        if shown {
            ev.progress.answered += st.progress.answered;
            ev.progress.required += st.progress.required;
        }
        ev.sections.push(st);
    }
    ev
}

/// A group row's hidden and required columns, given the evaluation of all answers.
pub fn row_state(
    ev: &Evaluation,
    answers: &Answers,
    group: &Question,
    row: &Map<String, Value>,
) -> (HashSet<String>, HashSet<String>) {
    let outer = View {
        answers,
        hidden: &ev.hidden,
    };
    row_state_in(group, row, &outer)
}

fn row_state_in(
    group: &Question,
    row: &Map<String, Value>,
    outer: &dyn expr::Answers,
) -> (HashSet<String>, HashSet<String>) {
    let mut hidden = HashSet::new();
    let mut required = HashSet::new();
    for c in &group.questions {
        let view = RowView {
            group,
            row,
            hidden: &hidden,
            outer,
        };
        if c.visible_if.as_ref().is_some_and(|e| !e.eval(&view)) {
            hidden.insert(c.id.clone());
            continue;
        }
        if c.required || c.required_if.as_ref().is_some_and(|e| e.eval(&view)) {
            required.insert(c.id.clone());
        }
    }
    (hidden, required)
}

/// The top-level question an answer or finding path belongs to:
/// `$.answers.rows[2].name` → `rows`, `$.findings.q.measure` → `q`.
/// (The borrowing form of [`FieldRef::parse`]`(path)?.question()`.)
pub fn question_of_path(path: &str) -> Option<&str> {
    let field = FieldRef::parse(path)?;
    let q = field.question();
    let start = path.find('.').map(|i| i + 1)?;
    let start = start + path[start..].find('.')? + 1;
    path.get(start..start + q.len())
}

/// What a draft would submit: the visible answers ([`visible_answers`]) and the
/// finding answers of the findings those answers raise.
pub fn submittable(t: &Template, answers: &Answers, findings: &Findings) -> (Answers, Findings) {
    let answers = visible_answers(t, answers);
    let ev = evaluate(t, &answers);
    let findings = ev
        .raised
        .iter()
        .map(|r| {
            let f = findings.get(&r.question).cloned().unwrap_or_default();
            (r.question.clone(), f)
        })
        .collect();
    (answers, findings)
}

/// The errors of one field (for validation on blur): those whose path is `path` or
/// lies inside it.
pub fn errors_at<'a>(errs: &'a [FieldError], path: &str) -> Vec<&'a FieldError> {
    errs.iter()
        .filter(|e| {
            e.path == path
                || e.path
                    .strip_prefix(path)
                    .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
        })
        .collect()
}

/// The answers to send: only visible, answered questions (and visible cells of each
/// row). A draft keeps hidden answers so that re-showing a question restores them; a
/// submission must not carry them.
pub fn visible_answers(t: &Template, answers: &Answers) -> Answers {
    let ev = evaluate(t, answers);
    let view = View {
        answers,
        hidden: &ev.hidden,
    };
    t.questions()
        .filter(|q| !ev.hidden.contains(&q.id))
        .filter_map(|q| Some((q.id.clone(), visible_value(q, answers.get(&q.id)?, &view)?)))
        .collect()
}

/// A visible question's answer as submitted: none when unanswered; a group's rows
/// without their hidden or unanswered cells. `view` reads the other answers.
pub(crate) fn visible_value(q: &Question, v: &Value, view: &dyn expr::Answers) -> Option<Value> {
    if !is_answered(Some(v)) {
        return None;
    }
    Some(match (q.kind, v) {
        (Kind::Group, Value::Array(rows)) => Value::Array(
            rows.iter()
                .map(|row| match row.as_object() {
                    Some(r) => {
                        let (hidden, _) = row_state_in(q, r, view);
                        Value::Object(
                            r.iter()
                                .filter(|(k, v)| !hidden.contains(*k) && is_answered(Some(v)))
                                .map(|(k, v)| (k.clone(), v.clone()))
                                .collect(),
                        )
                    }
                    None => row.clone(),
                })
                .collect(),
        ),
        _ => v.clone(),
    })
}

/// How an answer reads on the review page, the receipt and in CSV: yes/no in words,
/// option labels, money in yuan, an attestation with name and date. Groups are shown
/// row by row by the caller; here they read as a count.
pub fn display(q: &Question, v: &Value, lang: Lang) -> String {
    let t = |k: &str| crate::i18n::t(lang, k);
    match (q.kind, v) {
        (_, Value::Null) => String::new(),
        (Kind::YesNo, Value::Bool(b)) => t(if *b { "form.yes" } else { "form.no" }),
        (Kind::SingleChoice, Value::String(s)) => q.option_label(s, lang),
        (Kind::MultipleChoice, Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(|s| q.option_label(s, lang))
            .collect::<Vec<_>>()
            .join(crate::i18n::enumeration_separator(lang)),
        (Kind::Money, Value::Number(n)) => n
            .as_i64()
            .map(|f| crate::Fen(f).to_display())
            .unwrap_or_default(),
        (Kind::Group, Value::Array(rows)) => crate::i18n::t_with(
            lang,
            "form.rows",
            &SortedMap::from([("count".into(), rows.len().to_string())]),
        ),
        (Kind::Attestation, Value::Object(o)) => {
            let agreed = o.get("agreed") == Some(&Value::Bool(true));
            let name = o.get("name").and_then(Value::as_str).unwrap_or("");
            let date = o.get("date").and_then(Value::as_str).unwrap_or("");
            if agreed {
                crate::i18n::t_with(
                    lang,
                    "form.attested",
                    &SortedMap::from([
                        ("name".into(), name.to_string()),
                        ("date".into(), date.to_string()),
                    ]),
                )
            } else {
                t("form.not_attested")
            }
        }
        (_, Value::String(s)) => s.clone(),
        (_, other) => other.to_string(),
    }
}

pub use super::submission::{
    check_held_submission, check_issued_submission, check_received_submission, check_submission,
    keyed_reference, parse_submission, reference, submit, unwrap_record, verify_keyed_reference,
    ReferenceStatus, Submission, TemplateRef,
};
