//! The self-inspection template format (`yaojian/form/1`, schema
//! `schemas/form.schema.json`): sections of questions, rules, conditions and findings.
//!
//! Parsing checks everything a template author can get wrong and names the JSON path of
//! each mistake: unknown fields, duplicate ids, options missing for a choice, a bound of
//! the wrong kind, a pattern that does not compile, and conditions that refer to a
//! question not asked *before* them (so visibility is decided in one pass, and a
//! condition can never depend on itself).

use crate::expr::Expr;
use crate::i18n::{pick, I18nText};
use crate::json::parse_document;
use crate::Lang;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;

mod parse;

pub(crate) use parse::read::SEVERITIES;
use parse::Parser;

/// The `schema` of a form template (`schemas/form.schema.json`).
pub const SCHEMA: &str = "yaojian/form/1";

/// Whether `id` may be a template's id: 1–64 lower-case letters, digits, `-` and `_`
/// (it goes into URLs and storage keys as it is).
pub fn valid_template_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// The 14 kinds of question a template may ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// `true` / `false`.
    YesNo,
    /// One option's `value`.
    SingleChoice,
    /// A list of option values.
    MultipleChoice,
    Text,
    LongText,
    /// A JSON number.
    Number,
    /// Integer fen (分).
    Money,
    /// `YYYY-MM-DD`, China Standard Time.
    Date,
    /// 统一社会信用代码
    Uscc,
    /// 居民身份证号码
    ResidentId,
    Phone,
    Email,
    /// Rows of sub-answers: `[{"name": "…", "id_number": "…"}, …]`.
    Group,
    /// 承诺: `{"agreed": true, "name": "…", "date": "YYYY-MM-DD"}`.
    Attestation,
}

impl Kind {
    /// Catalog key of the kind's name, for messages like "should be a date".
    pub fn key(self) -> String {
        format!("form.kind.{}", crate::json::wire_name(&self))
    }
}

/// How serious a finding is (高、中、低).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// 严重
    High,
    /// 一般
    Medium,
    /// 轻微
    Low,
}

/// One option of a choice question.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub value: String,
    pub label: I18nText,
}

/// A lower or upper bound, typed by the question's kind.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bound {
    Number(f64),
    Fen(i64),
    Date(crate::date::Date),
    /// The day of answering (for dates: "not in the future").
    Today,
}

/// A regular expression an answer must match in full.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub source: String,
    pub re: regex_lite::Regex,
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

/// What an answer raises when its condition holds.
#[derive(Debug, Clone, PartialEq)]
pub struct FindingSpec {
    /// When the finding is raised; default for a yes/no question: answered "yes".
    pub when: Expr,
    pub severity: Severity,
    pub title: I18nText,
    /// Provision breached and its basis, copied onto the rectification item.
    pub provision: Option<I18nText>,
    /// The penalty rule (`yaojian penalty rules`) that applies if it is not corrected.
    pub rule: Option<String>,
}

/// One question, as parsed and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: String,
    pub kind: Kind,
    pub label: I18nText,
    pub help: Option<I18nText>,
    pub options: Vec<Choice>,
    pub required: bool,
    pub required_if: Option<Expr>,
    pub visible_if: Option<Expr>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub min: Option<Bound>,
    pub max: Option<Bound>,
    pub integer: bool,
    pub pattern: Option<Pattern>,
    /// What the pattern means, shown when it fails ("6 digits").
    pub pattern_hint: Option<I18nText>,
    /// A group's columns.
    pub questions: Vec<Question>,
    pub min_rows: Option<usize>,
    pub max_rows: Option<usize>,
    /// An attestation's statement.
    pub statement: Option<I18nText>,
    pub finding: Option<FindingSpec>,
}

impl Question {
    /// The question's label in `lang`.
    pub fn label(&self, lang: Lang) -> String {
        pick(&self.label, lang)
    }

    /// The label of option `value` in `lang` (the value itself if there is no such option).
    pub fn option_label(&self, value: &str, lang: Lang) -> String {
        self.options
            .iter()
            .find(|o| o.value == value)
            .map(|o| pick(&o.label, lang))
            .unwrap_or_else(|| value.to_string())
    }
}

/// A section of the form: its title, description and questions.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub id: String,
    pub title: I18nText,
    pub help: Option<I18nText>,
    pub visible_if: Option<Expr>,
    pub questions: Vec<Question>,
}

/// Which answers identify the submitter, for the bureau summary and rectification items.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct SubmitterFields {
    /// The person or company name.
    pub name: Option<String>,
    /// The organisation (for a representative: the MAH).
    pub organisation: Option<String>,
    /// An identifier (统一社会信用代码 or 身份证号).
    pub identifier: Option<String>,
}

/// A role of the portal's signed token that files forms: who a template is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Filer {
    /// An enterprise (药品上市许可持有人, a wholesaler, a pharmacy …).
    Enterprise,
    /// A medical representative (医药代表), filing for themselves.
    Representative,
}

impl Filer {
    /// The role's code in tokens and templates (`enterprise`, `representative`).
    pub fn code(self) -> &'static str {
        match self {
            Filer::Enterprise => "enterprise",
            Filer::Representative => "representative",
        }
    }

    /// The role's name in `lang`.
    pub fn name(self, lang: Lang) -> String {
        crate::i18n::t(lang, &format!("form.filer.{}", self.code()))
    }
}

/// A self-inspection template (`yaojian/form/1`), parsed and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub id: String,
    pub version: String,
    /// Sample content (示例), not an official form: the UI says so.
    pub sample: bool,
    pub title: I18nText,
    pub description: Option<I18nText>,
    pub sections: Vec<Section>,
    pub submitter: SubmitterFields,
    /// The roles that file this form; empty: any role that files.
    pub filers: Vec<Filer>,
    /// Top-level question id → (section, position).
    index: HashMap<String, (usize, usize)>,
}

impl Template {
    /// Parses and checks a template; every error names its JSON path.
    pub fn from_json(src: &str) -> Result<Template, crate::Errors> {
        let v = parse_document(src, "$")?;
        Template::from_value(v)
    }

    /// Reads a template from a JSON value; every problem with its JSON path.
    pub fn from_value(v: Value) -> Result<Template, crate::Errors> {
        let raw = parse::read::template(&v, "$")?;
        Parser::default().template(raw)
    }

    /// Whether a caller of token role `role` may file this form: refused (`form.filer`,
    /// at `$.template.id`, naming the roles that file it) when the template names its
    /// filers and `role` is not one of them. The server and the form ask the same.
    pub fn check_filer(&self, role: &str, lang: Lang) -> Result<(), crate::FieldError> {
        if self.filers.is_empty() || self.filers.iter().any(|f| f.code() == role) {
            return Ok(());
        }
        let sep = crate::i18n::enumeration_separator(lang);
        let names: Vec<String> = self.filers.iter().map(|f| f.name(lang)).collect();
        Err(crate::FieldError::new("$.template.id", "form.filer").with("filers", names.join(sep)))
    }

    /// The template's title in `lang`.
    pub fn title(&self, lang: Lang) -> String {
        pick(&self.title, lang)
    }

    /// A top-level question by id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        let &(s, q) = self.index.get(id)?;
        Some(&self.sections[s].questions[q])
    }

    /// Section index and position of a top-level question.
    pub fn position(&self, id: &str) -> Option<(usize, usize)> {
        self.index.get(id).copied()
    }

    /// Every top-level question in order.
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|s| s.questions.iter())
    }

    /// How many questions the template has, group columns included.
    pub fn question_count(&self) -> usize {
        self.sections
            .iter()
            .flat_map(|s| &s.questions)
            .map(|q| 1 + q.questions.len())
            .sum()
    }
}
