//! Reading a template: the raw document as [`read`] reads it, then every check, each
//! error with its JSON path.

pub(crate) mod read;

use super::*;
use crate::error::FieldError;
use crate::expr::Expr;
use crate::i18n::I18nText;
use crate::ident::valid_id;
use crate::sorted::SortedMap;
use crate::Lang;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// Text in one language (zh-CN) or a map of language to text.
pub(super) enum RawText {
    One(String),
    Many(I18nText),
}

impl RawText {
    fn into_text(self) -> I18nText {
        match self {
            RawText::One(s) => SortedMap::from([("zh-CN".to_string(), s)]),
            RawText::Many(m) => m,
        }
    }
}

pub(super) struct RawTemplate {
    schema: String,
    id: String,
    version: String,
    sample: bool,
    title: RawText,
    description: Option<RawText>,
    sections: Vec<RawSection>,
    submitter: SubmitterFields,
    filers: Vec<super::Filer>,
    /// `{"en": {"title": "…", "questions.q1.label": "…"}}`: merged into the texts.
    translations: SortedMap<String, SortedMap<String, String>>,
}

pub(super) struct RawSection {
    id: String,
    title: RawText,
    help: Option<RawText>,
    visible_if: Option<Value>,
    questions: Vec<RawQuestion>,
}

pub(super) struct RawChoice {
    value: String,
    label: RawText,
}

pub(super) struct RawFinding {
    when: Option<Value>,
    severity: Severity,
    title: RawText,
    provision: Option<RawText>,
    rule: Option<String>,
}

pub(super) struct RawQuestion {
    id: String,
    kind: Kind,
    label: RawText,
    help: Option<RawText>,
    options: Vec<RawChoice>,
    required: bool,
    required_if: Option<Value>,
    visible_if: Option<Value>,
    min_length: Option<u32>,
    max_length: Option<u32>,
    min: Option<Value>,
    max: Option<Value>,
    integer: bool,
    pattern: Option<String>,
    pattern_hint: Option<RawText>,
    questions: Vec<RawQuestion>,
    min_rows: Option<u32>,
    max_rows: Option<u32>,
    statement: Option<RawText>,
    finding: Option<RawFinding>,
}

/// The languages a translation block may add.
fn known_lang(tag: &str) -> bool {
    Lang::ALL.iter().any(|l| l.tag() == tag)
}

#[derive(Default)]
pub(super) struct Parser {
    errs: Vec<FieldError>,
    /// Each top-level question parsed so far, by id: where it is (the template's index),
    /// and the ids a condition may refer to.
    index: HashMap<String, (usize, usize)>,
    /// Every id in the template, groups' columns included: ids are unique template-wide.
    /// A set, not a list: a template of 1,500 questions looked each id up in all the
    /// others (a quadratic scan, 5-8 ms of a big form's first draw in the browser).
    all: HashSet<String>,
    /// translation key → language → text, consumed as texts are built.
    translations: SortedMap<String, SortedMap<String, String>>,
}

/// Where a text is: its translation key and its JSON path, each `prefix.field` (a key
/// with no prefix is the field alone), written out only when needed: the key when the
/// template has translations, the path when the text is wrong. A 1,500-question
/// template wrote some 20,000 of them, nearly all for nothing.
#[derive(Clone, Copy)]
struct TextAt<'s> {
    key: (&'s str, &'s str),
    path: (&'s str, &'s str),
}

/// The text `field` of what has translation key `key` and JSON path `path`.
fn at<'s>(key: &'s str, path: &'s str, field: &'s str) -> TextAt<'s> {
    TextAt {
        key: (key, field),
        path: (path, field),
    }
}

impl TextAt<'_> {
    fn key(&self) -> String {
        match self.key {
            ("", field) => field.to_string(),
            key => joined(key),
        }
    }
}

/// `prefix.field`, a path written out.
fn joined((prefix, field): (&str, &str)) -> String {
    format!("{prefix}.{field}")
}

impl Parser {
    fn err(&mut self, path: String, code: &str) -> &mut FieldError {
        self.errs
            .push(FieldError::new(path, format!("form.{code}")));
        self.errs.last_mut().expect("just pushed")
    }

    /// Builds a text, adding any translations given for its key.
    fn text(&mut self, raw: RawText, at: TextAt) -> I18nText {
        let mut t = raw.into_text();
        if t.get("zh-CN").is_none_or(|s| s.trim().is_empty()) {
            self.err(joined(at.path), "text_zh_cn");
        }
        if !self.translations.is_empty() {
            if let Some(extra) = self.translations.remove(&at.key()) {
                t.extend(extra);
            }
        }
        t
    }

    fn opt_text(&mut self, raw: Option<RawText>, at: TextAt) -> Option<I18nText> {
        raw.map(|r| self.text(r, at))
    }

    /// The condition at `prefix.field`, when there is one.
    fn expr(&mut self, v: Option<Value>, path: (&str, &str), row: &[String]) -> Option<Expr> {
        let v = v.filter(|v| !v.is_null())?;
        let known = |q: &str| self.index.contains_key(q) || row.iter().any(|s| s == q);
        match Expr::parse(&v, &joined(path), Some(&known)) {
            Ok(e) => Some(e),
            Err(mut e) => {
                self.errs.append(&mut e);
                None
            }
        }
    }

    pub(super) fn template(mut self, raw: RawTemplate) -> Result<Template, crate::Errors> {
        if raw.schema != SCHEMA {
            self.err("$.schema".into(), "schema")
                .param("expected", SCHEMA);
        }
        if !super::valid_template_id(&raw.id) {
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
        let title = self.text(raw.title, at("", "$", "title"));
        let description = self.opt_text(raw.description, at("", "$", "description"));
        if raw.sections.is_empty() {
            self.err("$.sections".into(), "no_sections");
        }
        let mut sections = Vec::new();
        let mut section_ids: Vec<String> = Vec::new();
        for (si, s) in raw.sections.into_iter().enumerate() {
            let p = format!("$.sections[{si}]");
            if !valid_id(&s.id) || section_ids.contains(&s.id) {
                self.err(format!("{p}.id"), "id").param("id", &s.id);
            }
            section_ids.push(s.id.clone());
            let key = format!("sections.{}", s.id);
            let title = self.text(s.title, at(&key, &p, "title"));
            let help = self.opt_text(s.help, at(&key, &p, "help"));
            let visible_if = self.expr(s.visible_if, (&p, "visible_if"), &[]);
            let mut questions = Vec::new();
            for (qi, q) in s.questions.into_iter().enumerate() {
                let qp = format!("{p}.questions[{qi}]");
                let id = q.id.clone();
                let parsed = self.question(q, &qp, None);
                self.index.insert(id, (si, qi));
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
                if !self.index.contains_key(id) {
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
            return Err(self.errs.into());
        }
        Ok(Template {
            id: raw.id,
            version: raw.version,
            sample: raw.sample,
            title,
            description,
            sections,
            submitter,
            filers: raw.filers,
            index: self.index,
        })
    }

    /// One question; `row` holds the earlier columns when it is a group's column.
    fn question(&mut self, q: RawQuestion, p: &str, row: Option<&[String]>) -> Question {
        if !valid_id(&q.id) || !self.all.insert(q.id.clone()) {
            self.err(format!("{p}.id"), "id").param("id", &q.id);
        }
        let key = format!("questions.{}", q.id);
        let label = self.text(q.label, at(&key, p, "label"));
        let help = self.opt_text(q.help, at(&key, p, "help"));
        let row_ids = row.unwrap_or(&[]);
        let visible_if = self.expr(q.visible_if, (p, "visible_if"), row_ids);
        let required_if = self.expr(q.required_if, (p, "required_if"), row_ids);
        let choice = matches!(q.kind, Kind::SingleChoice | Kind::MultipleChoice);
        if choice && q.options.is_empty() {
            self.err(format!("{p}.options"), "no_options");
        }
        if !choice && !q.options.is_empty() {
            self.err(format!("{p}.options"), "not_allowed")
                .param("field", "options");
        }
        let options = self.options(q.options, &key, p);
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
        let min = self.bound(q.kind, q.min, (p, "min"));
        let max = self.bound(q.kind, q.max, (p, "max"));
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
        let pattern_hint = self.opt_text(q.pattern_hint, at(&key, p, "pattern_hint"));
        let questions = self.columns(q.questions, q.kind, p, row.is_some());
        if q.kind != Kind::Group && (q.min_rows.is_some() || q.max_rows.is_some()) {
            self.err(format!("{p}.min_rows"), "not_allowed")
                .param("field", "min_rows");
        }
        if let (Some(a), Some(b)) = (q.min_rows, q.max_rows) {
            if a > b {
                self.err(format!("{p}.max_rows"), "bounds_order");
            }
        }
        let statement = self.opt_text(q.statement, at(&key, p, "statement"));
        if q.kind == Kind::Attestation && statement.is_none() {
            self.err(format!("{p}.statement"), "no_statement");
        }
        let finding = q
            .finding
            .and_then(|f| self.finding(f, &q.id, q.kind, p, row.is_some()));
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

    /// A choice question's options: each value non-empty and once, each label translated.
    fn options(&mut self, raw: Vec<RawChoice>, key: &str, p: &str) -> Vec<Choice> {
        let mut options = Vec::new();
        let mut values: Vec<String> = Vec::new();
        let options_key = format!("{key}.options");
        for (i, o) in raw.into_iter().enumerate() {
            let op = format!("{p}.options[{i}]");
            if o.value.is_empty() || values.contains(&o.value) {
                self.err(format!("{op}.value"), "option_value")
                    .param("value", &o.value);
            }
            values.push(o.value.clone());
            let at = TextAt {
                key: (&options_key, &o.value),
                path: (&op, "label"),
            };
            let label = self.text(o.label, at);
            options.push(Choice {
                value: o.value,
                label,
            });
        }
        options
    }

    /// A group's columns, each a question of its own that may refer to the columns
    /// before it; only a group has them, and groups do not nest.
    fn columns(
        &mut self,
        raw: Vec<RawQuestion>,
        kind: Kind,
        p: &str,
        in_row: bool,
    ) -> Vec<Question> {
        let mut questions = Vec::new();
        if kind == Kind::Group {
            if in_row {
                self.err(format!("{p}.kind"), "nested_group");
            }
            if raw.is_empty() {
                self.err(format!("{p}.questions"), "no_columns");
            }
            let mut cols: Vec<String> = Vec::new();
            for (i, c) in raw.into_iter().enumerate() {
                let cp = format!("{p}.questions[{i}]");
                let id = c.id.clone();
                questions.push(self.question(c, &cp, Some(&cols)));
                cols.push(id);
            }
        } else if !raw.is_empty() {
            self.err(format!("{p}.questions"), "not_allowed")
                .param("field", "questions");
        }
        questions
    }

    /// A question's finding: when it is raised (a yes/no question: on "yes"), its title,
    /// provision and the rule it points to; not inside a group.
    fn finding(
        &mut self,
        f: RawFinding,
        id: &str,
        kind: Kind,
        p: &str,
        in_row: bool,
    ) -> Option<FindingSpec> {
        let fp = format!("{p}.finding");
        if in_row {
            self.err(fp.clone(), "not_allowed")
                .param("field", "finding");
        }
        let key = format!("findings.{id}");
        let title = self.text(f.title, at(&key, &fp, "title"));
        let provision = self.opt_text(f.provision, at(&key, &fp, "provision"));
        // The finding may look at the question itself.
        let when = match f.when {
            Some(w) => self.expr(Some(w), (&fp, "when"), &[id.to_string()]),
            None if kind == Kind::YesNo => Some(Expr::Equals(id.to_string(), Value::Bool(true))),
            None => {
                self.err(format!("{fp}.when"), "finding_when");
                None
            }
        };
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
    }

    /// The bound at `prefix.field`, when there is one.
    fn bound(&mut self, kind: Kind, v: Option<Value>, path: (&str, &str)) -> Option<Bound> {
        let v = v?;
        let b = match (kind, &v) {
            (Kind::Number, Value::Number(n)) => n.as_f64().map(Bound::Number),
            (Kind::Money, Value::Number(n)) => n.as_i64().map(Bound::Fen),
            (Kind::Date, Value::String(s)) if s == "today" => Some(Bound::Today),
            (Kind::Date, Value::String(s)) => crate::date::parse_date(s).ok().map(Bound::Date),
            _ => None,
        };
        if b.is_none() {
            self.err(joined(path), "bound")
                .param("kind", crate::json::wire_name(&kind));
        }
        b
    }
}
