//! Requirement checks (办事指南自检): an applicant answers a few situation questions,
//! sees which legal conditions and materials apply, ticks what they have, and gets what
//! is missing, each item with its legal basis.
//!
//! Templates are data (`data/requirements/*.json`, schema
//! `schemas/requirements.schema.json`); conditions use the forms' language ([`crate::expr`]).
//! The 不予处罚 eligibility template is built from the penalty benchmark's no-penalty list.

use crate::error::FieldError;
use crate::expr::Expr;
use crate::i18n::{pick, I18nText};
use crate::json::parse_document;
use crate::penalty::rules::{Benchmark, Citation};
use crate::Lang;
use serde::Serialize;
use serde_json::Value;

mod built_in;
mod no_penalty;
mod read;

pub use built_in::*;
pub use no_penalty::*;

/// The `schema` of a requirement template (`schemas/requirements.schema.json`).
pub const SCHEMA: &str = "yaojian/requirements/1";

/// The kinds of situation question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// Answered with JSON `true` / `false`.
    YesNo,
    /// Answered with one option's `value`.
    SingleChoice,
}

/// One option of a situation question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Choice {
    pub value: String,
    pub label: I18nText,
}

/// One situation question of a requirement template.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    pub id: String,
    pub kind: QuestionKind,
    pub label: I18nText,
    pub help: Option<I18nText>,
    pub options: Vec<Choice>,
}

/// Whether a requirement is a condition to meet, a material to hand in, or a note to
/// read (须知).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RequirementKind {
    /// A legal condition (条件).
    Condition,
    /// A document to prepare (申请材料).
    Material,
    /// 须知: what the licence applied for is or how it is granted (its approval, its
    /// scope and validity). Shown to read, never a condition the applicant must already
    /// meet: nothing to tick, never missing.
    Note,
}

/// The legal basis of a requirement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Basis {
    pub law: String,
    pub article: u32,
    pub paragraph: Option<u32>,
    pub item: Option<u32>,
    /// The statute's words, verbatim.
    pub text: String,
}

impl Basis {
    /// The basis as a citation.
    pub fn citation(&self) -> Citation {
        Citation::new(&self.law, self.article, self.paragraph, self.item)
    }
}

/// One requirement: what it asks, why, and when it applies.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Requirement {
    pub id: String,
    pub kind: RequirementKind,
    pub title: I18nText,
    pub explanation: I18nText,
    pub basis: Option<Basis>,
    pub applies_if: Option<Expr>,
    /// Sample content (示例), not verbatim law: the UI says so.
    pub sample: bool,
}

/// A requirement-check template (`yaojian/requirements/1`), parsed and checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Template {
    pub schema: String,
    pub id: String,
    pub version: String,
    pub title: I18nText,
    pub description: I18nText,
    pub notes: Option<I18nText>,
    pub questions: Vec<Question>,
    pub requirements: Vec<Requirement>,
}

/// The template as written, before conditions are parsed.
struct RawTemplate {
    schema: String,
    id: String,
    version: String,
    title: I18nText,
    description: I18nText,
    notes: Option<I18nText>,
    questions: Vec<Question>,
    requirements: Vec<RawRequirement>,
}

struct RawRequirement {
    id: String,
    kind: RequirementKind,
    title: I18nText,
    explanation: I18nText,
    basis: Option<Basis>,
    applies_if: Option<Value>,
    sample: bool,
}

use crate::ident::valid_id;

impl Template {
    /// Parses and checks a template; every error names its JSON path.
    pub fn from_json(src: &str) -> Result<Template, crate::Errors> {
        let v = parse_document(src, "$")?;
        Template::from_value(v)
    }

    /// Reads a template from a JSON value; every problem with its JSON path.
    pub fn from_value(v: Value) -> Result<Template, crate::Errors> {
        let raw = read::template(&v, "$")?;
        let mut errs = Vec::new();
        if raw.schema != SCHEMA {
            errs.push(FieldError::new("$.schema", "requirements.schema").with("expected", SCHEMA));
        }
        let mut seen = Vec::new();
        for (i, q) in raw.questions.iter().enumerate() {
            let p = format!("$.questions[{i}]");
            if !valid_id(&q.id) || seen.contains(&q.id.as_str()) {
                errs.push(FieldError::new(format!("{p}.id"), "requirements.id").with("id", &q.id));
            }
            seen.push(&q.id);
            if q.kind == QuestionKind::SingleChoice && q.options.is_empty() {
                errs.push(FieldError::new(
                    format!("{p}.options"),
                    "requirements.no_options",
                ));
            }
            if !q.label.contains_key("zh-CN") {
                errs.push(FieldError::new(format!("{p}.label"), "requirements.label"));
            }
        }
        let known = |q: &str| raw.questions.iter().any(|x| x.id == q);
        let mut requirements = Vec::new();
        let mut ids: Vec<&str> = Vec::new();
        for (i, r) in raw.requirements.iter().enumerate() {
            let p = format!("$.requirements[{i}]");
            if !valid_id(&r.id) || ids.contains(&r.id.as_str()) {
                errs.push(FieldError::new(format!("{p}.id"), "requirements.id").with("id", &r.id));
            }
            ids.push(&r.id);
            let applies_if = match &r.applies_if {
                None | Some(Value::Null) => None,
                Some(e) => match Expr::parse(e, &format!("{p}.applies_if"), Some(&known)) {
                    Ok(e) => Some(e),
                    Err(mut e) => {
                        errs.append(&mut e);
                        None
                    }
                },
            };
            requirements.push(Requirement {
                id: r.id.clone(),
                kind: r.kind,
                title: r.title.clone(),
                explanation: r.explanation.clone(),
                basis: r.basis.clone(),
                applies_if,
                sample: r.sample,
            });
        }
        if !errs.is_empty() {
            return Err(errs.into());
        }
        Ok(Template {
            schema: raw.schema,
            id: raw.id,
            version: raw.version,
            title: raw.title,
            description: raw.description,
            notes: raw.notes,
            questions: raw.questions,
            requirements,
        })
    }

    /// The question with id `id`.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
}

/// Where one requirement stands for this applicant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Met,
    Missing,
    NotApplicable,
    /// A note (须知) that applies: to read, not to meet.
    ToRead,
}

/// One requirement as checked: met, missing or not applicable.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemResult {
    pub id: String,
    pub kind: RequirementKind,
    pub title: String,
    pub explanation: String,
    pub status: Status,
    pub citation: Option<Citation>,
    pub basis_text: Option<String>,
    pub sample: bool,
}

/// How many requirements are met, missing and not applicable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct Summary {
    pub met: usize,
    pub missing: usize,
    pub not_applicable: usize,
}

/// The check of one applicant's answers against a template.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckResult {
    pub template: String,
    pub version: String,
    pub title: String,
    /// Questions still unanswered: until they are, some requirements may change.
    pub unanswered: Vec<String>,
    pub items: Vec<ItemResult>,
    pub summary: Summary,
}

/// What the applicant said: answers to the questions and the requirements they have.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Input {
    pub answers: serde_json::Map<String, Value>,
    pub have: Vec<String>,
}

impl Input {
    /// Reads `{"answers": {...}, "have": [...]}` and checks it against the template.
    pub fn from_value(v: &Value, t: &Template) -> Result<Input, crate::Errors> {
        match Input::lenient(v, t) {
            (input, errs) if errs.is_empty() => Ok(input),
            (_, errs) => Err(errs.into()),
        }
    }

    /// Like [`Input::from_value`], but keeps every part that fits the template and
    /// returns the rest as errors: a widget keeps working on a host's partly wrong value.
    pub fn lenient(v: &Value, t: &Template) -> (Input, Vec<FieldError>) {
        let mut errs = Vec::new();
        let Some(obj) = v.as_object() else {
            return (
                Input::default(),
                vec![FieldError::new("$", "case.not_object")],
            );
        };
        for k in obj.keys() {
            if k != "answers" && k != "have" {
                errs.push(FieldError::new(format!("$.{k}"), "case.unknown_field").with("field", k));
            }
        }
        let mut input = Input::default();
        match obj.get("answers") {
            None | Some(Value::Null) => {}
            Some(Value::Object(a)) => {
                for (q, val) in a {
                    let p = format!("$.answers.{q}");
                    match t.question(q) {
                        None => errs.push(
                            FieldError::new(p, "requirements.unknown_question").with("id", q),
                        ),
                        Some(_) if val.is_null() => {}
                        Some(question) => match question.kind {
                            QuestionKind::YesNo if !val.is_boolean() => {
                                errs.push(FieldError::new(p, "case.bool"))
                            }
                            QuestionKind::SingleChoice
                                if !question
                                    .options
                                    .iter()
                                    .any(|o| val.as_str() == Some(&o.value)) =>
                            {
                                errs.push(
                                    FieldError::new(p, "requirements.not_an_option")
                                        .with("value", val),
                                )
                            }
                            _ => {
                                input.answers.insert(q.clone(), val.clone());
                            }
                        },
                    }
                }
            }
            Some(_) => errs.push(FieldError::new("$.answers", "requirements.answers_object")),
        }
        match obj.get("have") {
            None | Some(Value::Null) => {}
            Some(Value::Array(list)) => {
                for (i, x) in list.iter().enumerate() {
                    match x.as_str() {
                        Some(id) if t.requirements.iter().any(|r| r.id == id) => {
                            input.have.push(id.to_string())
                        }
                        Some(id) => errs.push(
                            FieldError::new(
                                format!("$.have[{i}]"),
                                "requirements.unknown_requirement",
                            )
                            .with("id", id),
                        ),
                        None => errs.push(FieldError::new(format!("$.have[{i}]"), "case.string")),
                    }
                }
            }
            Some(_) => errs.push(FieldError::new("$.have", "case.string_list")),
        }
        (input, errs)
    }
}

/// Which requirements apply, which are met, which are missing.
pub fn check(t: &Template, input: &Input, lang: Lang) -> CheckResult {
    let mut summary = Summary::default();
    let items = t
        .requirements
        .iter()
        .map(|r| {
            let applies = r.applies_if.as_ref().is_none_or(|e| e.eval(&input.answers));
            let status = match (applies, r.kind, input.have.contains(&r.id)) {
                (false, _, _) => Status::NotApplicable,
                (true, RequirementKind::Note, _) => Status::ToRead,
                (true, _, true) => Status::Met,
                (true, _, false) => Status::Missing,
            };
            match status {
                Status::Met => summary.met += 1,
                Status::Missing => summary.missing += 1,
                Status::NotApplicable => summary.not_applicable += 1,
                Status::ToRead => {}
            }
            ItemResult {
                id: r.id.clone(),
                kind: r.kind,
                title: pick(&r.title, lang),
                explanation: pick(&r.explanation, lang),
                status,
                citation: r.basis.as_ref().map(Basis::citation),
                basis_text: r.basis.as_ref().map(|b| b.text.clone()),
                sample: r.sample,
            }
        })
        .collect();
    let unanswered = t
        .questions
        .iter()
        .filter(|q| !crate::expr::is_answered(input.answers.get(&q.id)))
        .map(|q| q.id.clone())
        .collect();
    CheckResult {
        template: t.id.clone(),
        version: t.version.clone(),
        title: pick(&t.title, lang),
        unanswered,
        items,
        summary,
    }
}

/// Reads `{"answers", "have"}` JSON and checks it: the CLI's `requirements check`.
pub fn check_json(t: &Template, src: &str, lang: Lang) -> Result<CheckResult, crate::Errors> {
    let v = parse_document(src, "$")?;
    let input = Input::from_value(&v, t)?;
    Ok(check(t, &input, lang))
}

/// Checks what a host sets as the checker's `value`: `{"template": id, "answers": {…},
/// "have": […]}`, where `template` (optional) names a built-in template (with `own`, the
/// host's template is the one used),
/// and the answers and items fit that template ([`Input::from_value`]). The checker's
/// own `requirements.result` event is accepted as it is (its `type` and `result` are
/// not read), so a host can set back what it was sent. `benchmark` is the one the
/// 不予处罚 template is built from (`None`: the default). A built-in template whose files
/// a widget's wasm has not installed yet ([`files_wanted`]) cannot be read: the value is
/// then accepted as it is, and checked again once they are there.
pub fn check_start(
    v: &Value,
    own: Option<&Template>,
    benchmark: Option<&Benchmark>,
) -> Result<(), crate::Errors> {
    let Some(obj) = v.as_object() else {
        return Err(vec![FieldError::new("$", "case.not_object")].into());
    };
    let id = match obj.get("template") {
        None | Some(Value::Null) => None,
        Some(Value::String(id)) => Some(id.as_str()),
        Some(_) => return Err(vec![FieldError::new("$.template", "case.string")].into()),
    };
    let built;
    let t = match (own, id) {
        // The checker shows the host's own template whatever the id says.
        (Some(t), _) => t,
        (None, id) => {
            let id = chosen_id(id);
            if !files_wanted(id).is_empty() {
                // Its files are not fetched yet: the widget checks the rest when they are.
                return Ok(());
            }
            built = built_in(id, benchmark).ok_or_else(|| {
                vec![FieldError::new("$.template", "requirements.no_template").with("name", id)]
            })?;
            &built
        }
    };
    let mut rest = obj.clone();
    for k in ["template", "type", "result"] {
        rest.shift_remove(k);
    }
    Input::from_value(&Value::Object(rest), t).map(|_| ())
}
