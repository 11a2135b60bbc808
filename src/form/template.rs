//! The self-inspection template format (`yaojian/form/1`, schema
//! `schemas/form.schema.json`): sections of questions, rules, conditions and findings.
//!
//! Parsing checks everything a template author can get wrong and names the JSON path of
//! each mistake: unknown fields, duplicate ids, options missing for a choice, a bound of
//! the wrong kind, a pattern that does not compile, and conditions that refer to a
//! question not asked *before* them (so visibility is decided in one pass, and a
//! condition can never depend on itself).

use crate::error::FieldError;
use crate::expr::valid_id;
use crate::expr::Expr;
use crate::i18n::{pick, I18nText};
use crate::json::{parse_document, parse_value_at};
use crate::Lang;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

pub const SCHEMA: &str = "yaojian/form/1";

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
    pub fn label(&self, lang: Lang) -> String {
        pick(&self.label, lang)
    }

    pub fn option_label(&self, value: &str, lang: Lang) -> String {
        self.options
            .iter()
            .find(|o| o.value == value)
            .map(|o| pick(&o.label, lang))
            .unwrap_or_else(|| value.to_string())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub id: String,
    pub title: I18nText,
    pub help: Option<I18nText>,
    pub visible_if: Option<Expr>,
    pub questions: Vec<Question>,
}

/// Which answers identify the submitter, for the bureau summary and rectification items.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmitterFields {
    /// The person or company name.
    #[serde(default)]
    pub name: Option<String>,
    /// The organisation (for a representative: the MAH).
    #[serde(default)]
    pub organisation: Option<String>,
    /// An identifier (统一社会信用代码 or 身份证号).
    #[serde(default)]
    pub identifier: Option<String>,
}

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
    /// Top-level question id → (section, position).
    index: HashMap<String, (usize, usize)>,
}

impl Template {
    /// Parses and checks a template; every error names its JSON path.
    pub fn from_json(src: &str) -> Result<Template, Vec<FieldError>> {
        let v = parse_document(src, "$").map_err(|e| vec![e])?;
        Template::from_value(v)
    }

    pub fn from_value(v: Value) -> Result<Template, Vec<FieldError>> {
        let raw: RawTemplate = parse_value_at(v, "$").map_err(|e| vec![e])?;
        Parser::default().template(raw)
    }

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

    pub fn question_count(&self) -> usize {
        self.sections
            .iter()
            .flat_map(|s| &s.questions)
            .map(|q| 1 + q.questions.len())
            .sum()
    }
}

/// Text in one language (zh-CN) or a map of language to text.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawText {
    One(String),
    Many(I18nText),
}

impl RawText {
    fn into_text(self) -> I18nText {
        match self {
            RawText::One(s) => BTreeMap::from([("zh-CN".to_string(), s)]),
            RawText::Many(m) => m,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTemplate {
    schema: String,
    id: String,
    version: String,
    #[serde(default)]
    sample: bool,
    title: RawText,
    #[serde(default)]
    description: Option<RawText>,
    sections: Vec<RawSection>,
    #[serde(default)]
    submitter: SubmitterFields,
    /// `{"en": {"title": "…", "questions.q1.label": "…"}}`: merged into the texts.
    #[serde(default)]
    translations: BTreeMap<String, BTreeMap<String, String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    id: String,
    title: RawText,
    #[serde(default)]
    help: Option<RawText>,
    #[serde(default)]
    visible_if: Option<Value>,
    questions: Vec<RawQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoice {
    value: String,
    label: RawText,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFinding {
    #[serde(default)]
    when: Option<Value>,
    severity: Severity,
    title: RawText,
    #[serde(default)]
    provision: Option<RawText>,
    #[serde(default)]
    rule: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: String,
    kind: Kind,
    label: RawText,
    #[serde(default)]
    help: Option<RawText>,
    #[serde(default)]
    options: Vec<RawChoice>,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    required_if: Option<Value>,
    #[serde(default)]
    visible_if: Option<Value>,
    #[serde(default)]
    min_length: Option<u32>,
    #[serde(default)]
    max_length: Option<u32>,
    #[serde(default)]
    min: Option<Value>,
    #[serde(default)]
    max: Option<Value>,
    #[serde(default)]
    integer: bool,
    #[serde(default)]
    pattern: Option<String>,
    #[serde(default)]
    pattern_hint: Option<RawText>,
    #[serde(default)]
    questions: Vec<RawQuestion>,
    #[serde(default)]
    min_rows: Option<u32>,
    #[serde(default)]
    max_rows: Option<u32>,
    #[serde(default)]
    statement: Option<RawText>,
    #[serde(default)]
    finding: Option<RawFinding>,
}

/// The languages a translation block may add.
fn known_lang(tag: &str) -> bool {
    Lang::ALL.iter().any(|l| l.tag() == tag)
}

trait Param {
    fn param(&mut self, key: &str, value: impl std::fmt::Display);
}

impl Param for FieldError {
    fn param(&mut self, key: &str, value: impl std::fmt::Display) {
        self.params.insert(key.to_string(), value.to_string());
    }
}

#[derive(Default)]
struct Parser {
    errs: Vec<FieldError>,
    /// Top-level ids seen so far (conditions may refer to these).
    seen: Vec<String>,
    /// Every id in the template, groups' columns included: ids are unique template-wide.
    all: Vec<String>,
    /// translation key → language → text, consumed as texts are built.
    translations: BTreeMap<String, BTreeMap<String, String>>,
}

impl Parser {
    fn err(&mut self, path: String, code: &str) -> &mut FieldError {
        self.errs
            .push(FieldError::new(path, format!("form.{code}")));
        self.errs.last_mut().expect("just pushed")
    }

    /// Builds a text, adding any translations given for `key`.
    fn text(&mut self, raw: RawText, key: &str, path: &str) -> I18nText {
        let mut t = raw.into_text();
        if !t.contains_key("zh-CN") {
            self.err(path.to_string(), "text_zh_cn");
        }
        if let Some(extra) = self.translations.remove(key) {
            t.extend(extra);
        }
        t
    }

    fn opt_text(&mut self, raw: Option<RawText>, key: &str, path: &str) -> Option<I18nText> {
        raw.map(|r| self.text(r, key, path))
    }

    fn expr(&mut self, v: Option<Value>, path: String, row: &[String]) -> Option<Expr> {
        let v = v.filter(|v| !v.is_null())?;
        let known = |q: &str| self.seen.iter().any(|s| s == q) || row.iter().any(|s| s == q);
        match Expr::parse(&v, &path, Some(&known)) {
            Ok(e) => Some(e),
            Err(mut e) => {
                self.errs.append(&mut e);
                None
            }
        }
    }

    fn template(mut self, raw: RawTemplate) -> Result<Template, Vec<FieldError>> {
        if raw.schema != SCHEMA {
            self.err("$.schema".into(), "schema")
                .param("expected", SCHEMA);
        }
        let id_ok = !raw.id.is_empty()
            && raw.id.len() <= 64
            && raw
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !id_ok {
            self.err("$.id".into(), "id").param("id", &raw.id);
        }
        if raw.version.trim().is_empty() {
            self.err("$.version".into(), "version");
        }
        for (lang, block) in raw.translations {
            if !known_lang(&lang) {
                self.err(format!("$.translations.{lang}"), "translation_lang")
                    .param("lang", &lang);
                continue;
            }
            for (key, text) in block {
                self.translations
                    .entry(key)
                    .or_default()
                    .insert(lang.clone(), text);
            }
        }
        let title = self.text(raw.title, "title", "$.title");
        let description = self.opt_text(raw.description, "description", "$.description");
        if raw.sections.is_empty() {
            self.err("$.sections".into(), "no_sections");
        }
        let mut sections = Vec::new();
        let mut section_ids: Vec<String> = Vec::new();
        let mut index = HashMap::new();
        for (si, s) in raw.sections.into_iter().enumerate() {
            let p = format!("$.sections[{si}]");
            if !valid_id(&s.id) || section_ids.contains(&s.id) {
                self.err(format!("{p}.id"), "id").param("id", &s.id);
            }
            section_ids.push(s.id.clone());
            let key = format!("sections.{}", s.id);
            let title = self.text(s.title, &format!("{key}.title"), &format!("{p}.title"));
            let help = self.opt_text(s.help, &format!("{key}.help"), &format!("{p}.help"));
            let visible_if = self.expr(s.visible_if, format!("{p}.visible_if"), &[]);
            let mut questions = Vec::new();
            for (qi, q) in s.questions.into_iter().enumerate() {
                let qp = format!("{p}.questions[{qi}]");
                let id = q.id.clone();
                let parsed = self.question(q, &qp, None);
                index.insert(id.clone(), (si, qi));
                self.seen.push(id);
                questions.push(parsed);
            }
            sections.push(Section {
                id: s.id,
                title,
                help,
                visible_if,
                questions,
            });
        }
        let submitter = raw.submitter;
        for (field, id) in [
            ("name", &submitter.name),
            ("organisation", &submitter.organisation),
            ("identifier", &submitter.identifier),
        ] {
            if let Some(id) = id {
                if !index.contains_key(id) {
                    self.err(format!("$.submitter.{field}"), "unknown_question")
                        .param("id", id);
                }
            }
        }
        for key in self.translations.keys().cloned().collect::<Vec<_>>() {
            self.err(format!("$.translations.*.{key}"), "translation_key")
                .param("key", &key);
        }
        if !self.errs.is_empty() {
            return Err(self.errs);
        }
        Ok(Template {
            id: raw.id,
            version: raw.version,
            sample: raw.sample,
            title,
            description,
            sections,
            submitter,
            index,
        })
    }

    /// One question; `row` holds the earlier columns when it is a group's column.
    fn question(&mut self, q: RawQuestion, p: &str, row: Option<&[String]>) -> Question {
        if !valid_id(&q.id) || self.all.contains(&q.id) {
            self.err(format!("{p}.id"), "id").param("id", &q.id);
        }
        self.all.push(q.id.clone());
        let key = format!("questions.{}", q.id);
        let label = self.text(q.label, &format!("{key}.label"), &format!("{p}.label"));
        let help = self.opt_text(q.help, &format!("{key}.help"), &format!("{p}.help"));
        let row_ids = row.unwrap_or(&[]);
        let visible_if = self.expr(q.visible_if, format!("{p}.visible_if"), row_ids);
        let required_if = self.expr(q.required_if, format!("{p}.required_if"), row_ids);
        let choice = matches!(q.kind, Kind::SingleChoice | Kind::MultipleChoice);
        if choice && q.options.is_empty() {
            self.err(format!("{p}.options"), "no_options");
        }
        if !choice && !q.options.is_empty() {
            self.err(format!("{p}.options"), "not_allowed")
                .param("field", "options");
        }
        let mut options = Vec::new();
        let mut values: Vec<String> = Vec::new();
        for (i, o) in q.options.into_iter().enumerate() {
            let op = format!("{p}.options[{i}]");
            if o.value.is_empty() || values.contains(&o.value) {
                self.err(format!("{op}.value"), "option_value")
                    .param("value", &o.value);
            }
            values.push(o.value.clone());
            let label = self.text(
                o.label,
                &format!("{key}.options.{}", o.value),
                &format!("{op}.label"),
            );
            options.push(Choice {
                value: o.value,
                label,
            });
        }
        let texty = matches!(q.kind, Kind::Text | Kind::LongText);
        if !texty {
            for (field, present) in [
                ("min_length", q.min_length.is_some()),
                ("max_length", q.max_length.is_some()),
                ("pattern", q.pattern.is_some()),
            ] {
                if present {
                    self.err(format!("{p}.{field}"), "not_allowed")
                        .param("field", field);
                }
            }
        }
        if let (Some(a), Some(b)) = (q.min_length, q.max_length) {
            if a > b {
                self.err(format!("{p}.max_length"), "bounds_order");
            }
        }
        let min = self.bound(q.kind, q.min, &format!("{p}.min"));
        let max = self.bound(q.kind, q.max, &format!("{p}.max"));
        if let (Some(a), Some(b)) = (min, max) {
            let inverted = match (a, b) {
                (Bound::Number(a), Bound::Number(b)) => a > b,
                (Bound::Fen(a), Bound::Fen(b)) => a > b,
                (Bound::Date(a), Bound::Date(b)) => a > b,
                _ => false,
            };
            if inverted {
                self.err(format!("{p}.max"), "bounds_order");
            }
        }
        if q.integer && q.kind != Kind::Number {
            self.err(format!("{p}.integer"), "not_allowed")
                .param("field", "integer");
        }
        let pattern =
            q.pattern.and_then(
                |src| match regex_lite::Regex::new(&format!("^(?:{src})$")) {
                    Ok(re) => Some(Pattern { source: src, re }),
                    Err(_) => {
                        self.err(format!("{p}.pattern"), "pattern_syntax");
                        None
                    }
                },
            );
        let pattern_hint = self.opt_text(
            q.pattern_hint,
            &format!("{key}.pattern_hint"),
            &format!("{p}.pattern_hint"),
        );
        let mut questions = Vec::new();
        if q.kind == Kind::Group {
            if row.is_some() {
                self.err(format!("{p}.kind"), "nested_group");
            }
            if q.questions.is_empty() {
                self.err(format!("{p}.questions"), "no_columns");
            }
            let mut cols: Vec<String> = Vec::new();
            for (i, c) in q.questions.into_iter().enumerate() {
                let cp = format!("{p}.questions[{i}]");
                let id = c.id.clone();
                questions.push(self.question(c, &cp, Some(&cols)));
                cols.push(id);
            }
        } else if !q.questions.is_empty() {
            self.err(format!("{p}.questions"), "not_allowed")
                .param("field", "questions");
        }
        if q.kind != Kind::Group && (q.min_rows.is_some() || q.max_rows.is_some()) {
            self.err(format!("{p}.min_rows"), "not_allowed")
                .param("field", "min_rows");
        }
        if let (Some(a), Some(b)) = (q.min_rows, q.max_rows) {
            if a > b {
                self.err(format!("{p}.max_rows"), "bounds_order");
            }
        }
        let statement = self.opt_text(
            q.statement,
            &format!("{key}.statement"),
            &format!("{p}.statement"),
        );
        if q.kind == Kind::Attestation && statement.is_none() {
            self.err(format!("{p}.statement"), "no_statement");
        }
        let finding = q.finding.and_then(|f| {
            let fp = format!("{p}.finding");
            if row.is_some() {
                self.err(fp.clone(), "not_allowed")
                    .param("field", "finding");
            }
            let title = self.text(
                f.title,
                &format!("findings.{}.title", q.id),
                &format!("{fp}.title"),
            );
            let provision = self.opt_text(
                f.provision,
                &format!("findings.{}.provision", q.id),
                &format!("{fp}.provision"),
            );
            // The finding may look at the question itself.
            self.seen.push(q.id.clone());
            let when = match f.when {
                Some(w) => self.expr(Some(w), format!("{fp}.when"), &[]),
                None if q.kind == Kind::YesNo => {
                    Some(Expr::Equals(q.id.clone(), Value::Bool(true)))
                }
                None => {
                    self.err(format!("{fp}.when"), "finding_when");
                    None
                }
            };
            self.seen.pop();
            if let Some(r) = &f.rule {
                if crate::penalty::rules::rule_table().get(r).is_none() {
                    self.err(format!("{fp}.rule"), "unknown_rule")
                        .param("rule", r);
                }
            }
            Some(FindingSpec {
                when: when?,
                severity: f.severity,
                title,
                provision,
                rule: f.rule,
            })
        });
        Question {
            id: q.id,
            kind: q.kind,
            label,
            help,
            options,
            required: q.required,
            required_if,
            visible_if,
            min_length: q.min_length.map(|n| n as usize),
            max_length: q.max_length.map(|n| n as usize),
            min,
            max,
            integer: q.integer,
            pattern,
            pattern_hint,
            questions,
            min_rows: q.min_rows.map(|n| n as usize),
            max_rows: q.max_rows.map(|n| n as usize),
            statement,
            finding,
        }
    }

    fn bound(&mut self, kind: Kind, v: Option<Value>, path: &str) -> Option<Bound> {
        let v = v?;
        let b = match (kind, &v) {
            (Kind::Number, Value::Number(n)) => n.as_f64().map(Bound::Number),
            (Kind::Money, Value::Number(n)) => n.as_i64().map(Bound::Fen),
            (Kind::Date, Value::String(s)) if s == "today" => Some(Bound::Today),
            (Kind::Date, Value::String(s)) => crate::date::parse_date(s).ok().map(Bound::Date),
            _ => None,
        };
        if b.is_none() {
            self.err(path.to_string(), "bound")
                .param("kind", crate::json::wire_name(&kind));
        }
        b
    }
}
