//! Answers to a template: which questions are visible and required, progress, raised
//! findings, validation (the submission document itself is in [`super::submission`]).
//!
//! The browser widget and `yaojian form validate` call the same functions, so a
//! submission the form accepted is accepted by the server and the reverse.
//!
//! Answer paths: `$.answers.<id>`, a group's cell `$.answers.<group>[<row>].<column>`,
//! a finding's field `$.findings.<id>.explanation`.

use super::template::{Bound, Kind, Question, Severity, Template};
use crate::date::{format_date, parse_date, Date};
use crate::error::FieldError;
use crate::expr::{self, is_answered};
use crate::Lang;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashSet};

pub const SUBMISSION_SCHEMA: &str = "yaojian/submission/1";

/// Question id → answer.
pub type Answers = Map<String, Value>;

/// Longest text answer accepted when a template sets no `max_length`.
pub const DEFAULT_MAX_TEXT: usize = 2_000;
pub const DEFAULT_MAX_LONG_TEXT: usize = 20_000;

/// What the respondent says about a raised finding.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingAnswer {
    /// Filled in from the template on submission, for readers without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// 情况说明
    #[serde(default)]
    pub explanation: String,
    /// 整改措施
    #[serde(default)]
    pub measure: String,
    /// 整改期限, `YYYY-MM-DD`.
    #[serde(default)]
    pub deadline: String,
}

/// Question id → finding answer.
pub type Findings = BTreeMap<String, FindingAnswer>;

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Progress {
    pub answered: usize,
    pub required: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct SectionState {
    pub visible: bool,
    /// Required questions answered / required questions now visible.
    pub progress: Progress,
}

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
    pub fn visible(&self, q: &str) -> bool {
        !self.hidden.contains(q)
    }
    pub fn is_required(&self, q: &str) -> bool {
        self.required.contains(q)
    }
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

/// Normalises full-width digits and punctuation typed with a Chinese IME.
fn half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            '．' | '。' => '.',
            '－' | '−' => '-',
            '＋' => '+',
            '＠' => '@',
            _ => c,
        })
        .collect()
}

/// Turns what was typed into a field into its answer value: money into fen, a number
/// into a JSON number, an identifier trimmed and upper-cased. Empty text is no answer
/// (`null`). A value that cannot be read is an error at `path`, and the caller keeps
/// the text.
pub fn parse_input(kind: Kind, text: &str, path: &str) -> Result<Value, FieldError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(Value::Null);
    }
    match kind {
        Kind::Money => crate::money::parse_yuan(trimmed)
            .map(|f| Value::from(f.0))
            .map_err(|e| e.at(path)),
        Kind::Number => {
            let s = half_width(trimmed).replace([',', '，'], "");
            if let Ok(i) = s.parse::<i64>() {
                return Ok(Value::from(i));
            }
            s.parse::<f64>()
                .ok()
                .filter(|f| f.is_finite())
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number)
                .ok_or_else(|| FieldError::new(path, "form.number"))
        }
        Kind::Uscc | Kind::ResidentId => {
            Ok(Value::String(half_width(trimmed).to_ascii_uppercase()))
        }
        Kind::Phone | Kind::Email | Kind::Date => Ok(Value::String(half_width(trimmed))),
        _ => Ok(Value::String(text.to_string())),
    }
}

/// Writes every identifier answer (统一社会信用代码, 身份证号码, at the top level and in
/// group rows) as [`parse_input`] does: half-width, trimmed, upper case. For answers
/// that did not come through typing (a host's value, an older draft).
pub fn normalise_identifiers(t: &Template, answers: &mut Answers) {
    let fix = |kind: Kind, v: &mut Value| {
        if let (Kind::Uscc | Kind::ResidentId, Value::String(s)) = (kind, &*v) {
            *v = Value::String(half_width(s.trim()).to_ascii_uppercase());
        }
    };
    for q in t.questions() {
        let Some(v) = answers.get_mut(&q.id) else {
            continue;
        };
        fix(q.kind, v);
        for row in v.as_array_mut().into_iter().flatten() {
            for c in &q.questions {
                if let Some(cell) = row.get_mut(&c.id) {
                    fix(c.kind, cell);
                }
            }
        }
    }
}

/// Mainland mobile (optionally +86), or a landline with area code and extension.
pub fn valid_phone(s: &str) -> bool {
    let s: String = s.chars().filter(|c| *c != ' ').collect();
    let digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
    let mobile = s
        .strip_prefix("+86")
        .or_else(|| s.strip_prefix("+86-"))
        .unwrap_or(&s);
    if mobile.len() == 11
        && digits(mobile)
        && mobile.starts_with('1')
        && (b'3'..=b'9').contains(&mobile.as_bytes()[1])
    {
        return true;
    }
    // 0AA(A)-NNNNNNN(N)[-EXT]
    let mut parts = s.split('-');
    let (Some(area), Some(num)) = (parts.next(), parts.next()) else {
        return s.starts_with('0') && digits(&s) && (10..=12).contains(&s.len());
    };
    let ext = parts.next();
    parts.next().is_none()
        && area.starts_with('0')
        && digits(area)
        && (3..=4).contains(&area.len())
        && digits(num)
        && (7..=8).contains(&num.len())
        && ext.is_none_or(|e| digits(e) && e.len() <= 6)
}

/// An address of the form local@domain.tld, without spaces.
pub fn valid_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    let ok_chars = |x: &str| {
        x.chars()
            .all(|c| !c.is_whitespace() && c != '@' && c != ',')
    };
    s.len() <= 254
        && !local.is_empty()
        && local.len() <= 64
        && ok_chars(local)
        && ok_chars(domain)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
}

/// Strict `YYYY-MM-DDTHH:MM:SS+08:00`; returns the date.
pub fn parse_cst_timestamp(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    let digits = [0..4, 5..7, 8..10, 11..13, 14..16, 17..19];
    if b.len() != 25 || b[10] != b'T' || !s.ends_with("+08:00") {
        return None;
    }
    // Digits only ("+9" would parse as a number and break the text order of times).
    if !digits
        .iter()
        .all(|r| b[r.clone()].iter().all(u8::is_ascii_digit))
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
    let shape = b[13] == b':' && b[16] == b':';
    let (h, m, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !shape || h > 23 || m > 59 || sec > 59 {
        return None;
    }
    parse_date(&s[..10]).ok()
}

fn kind_error(q: &Question, path: &str) -> FieldError {
    FieldError::new(path, "form.type").with("kind", q.kind.key())
}

fn compare_bound(q: &Question, path: &str, v: &Value, today: Date, errs: &mut Vec<FieldError>) {
    enum X {
        N(f64),
        F(i64),
        D(Date),
    }
    let x = match q.kind {
        Kind::Number => v.as_f64().map(X::N),
        Kind::Money => v.as_i64().map(X::F),
        Kind::Date => v.as_str().and_then(|s| parse_date(s).ok()).map(X::D),
        _ => None,
    };
    let Some(x) = x else { return };
    let show = |b: Bound| match b {
        Bound::Number(n) => n.to_string(),
        Bound::Fen(f) => crate::Fen(f).to_display(),
        Bound::Date(d) => format_date(d),
        Bound::Today => format_date(today),
    };
    let below = |b: Bound| match (&x, b) {
        (X::N(n), Bound::Number(m)) => *n < m,
        (X::F(n), Bound::Fen(m)) => *n < m,
        (X::D(d), Bound::Date(m)) => *d < m,
        (X::D(d), Bound::Today) => *d < today,
        _ => false,
    };
    let above = |b: Bound| match (&x, b) {
        (X::N(n), Bound::Number(m)) => *n > m,
        (X::F(n), Bound::Fen(m)) => *n > m,
        (X::D(d), Bound::Date(m)) => *d > m,
        (X::D(d), Bound::Today) => *d > today,
        _ => false,
    };
    if let Some(b) = q.min.filter(|b| below(*b)) {
        let code = if q.kind == Kind::Date {
            "form.date_min"
        } else {
            "form.min"
        };
        errs.push(FieldError::new(path, code).with("min", show(b)));
    }
    if let Some(b) = q.max.filter(|b| above(*b)) {
        let code = match (q.kind, b) {
            (Kind::Date, Bound::Today) => "form.date_future",
            (Kind::Date, _) => "form.date_max",
            _ => "form.max",
        };
        errs.push(FieldError::new(path, code).with("max", show(b)));
    }
}

/// Checks one answer that is present (not null) against its question.
pub(crate) fn check_value(
    q: &Question,
    v: &Value,
    path: &str,
    today: Date,
    outer: &dyn expr::Answers,
    errs: &mut Vec<FieldError>,
) {
    match q.kind {
        Kind::YesNo => {
            if !v.is_boolean() {
                errs.push(kind_error(q, path));
            }
        }
        Kind::SingleChoice => match v.as_str() {
            Some(s) if q.options.iter().any(|o| o.value == s) => {}
            Some(s) => errs.push(FieldError::new(path, "form.option").with("value", s)),
            None => errs.push(kind_error(q, path)),
        },
        Kind::MultipleChoice => match v.as_array() {
            Some(items) => {
                let mut seen = HashSet::new();
                for (i, x) in items.iter().enumerate() {
                    let p = format!("{path}[{i}]");
                    match x.as_str() {
                        Some(s) if !seen.insert(s) => {
                            errs.push(FieldError::new(p, "form.duplicate_option").with("value", s))
                        }
                        Some(s) if q.options.iter().any(|o| o.value == s) => {}
                        Some(s) => errs.push(FieldError::new(p, "form.option").with("value", s)),
                        None => errs.push(kind_error(q, &p)),
                    }
                }
            }
            None => errs.push(kind_error(q, path)),
        },
        Kind::Text | Kind::LongText => {
            let Some(s) = v.as_str() else {
                return errs.push(kind_error(q, path));
            };
            if let Err(e) = crate::text::check_hidden(s, q.kind == Kind::Text, path) {
                errs.push(e);
            }
            let n = s.trim().chars().count();
            let default_max = if q.kind == Kind::Text {
                DEFAULT_MAX_TEXT
            } else {
                DEFAULT_MAX_LONG_TEXT
            };
            if let Some(min) = q.min_length.filter(|m| n < *m) {
                errs.push(
                    FieldError::new(path, "form.min_length")
                        .with("min", min)
                        .with("count", n),
                );
            }
            let max = q.max_length.unwrap_or(default_max);
            if n > max {
                errs.push(
                    FieldError::new(path, "form.max_length")
                        .with("max", max)
                        .with("count", n),
                );
            }
            if let Some(p) = &q.pattern {
                if !p.re.is_match(s.trim()) {
                    errs.push(FieldError::new(path, "form.pattern"));
                }
            }
        }
        Kind::Number => match v.as_f64() {
            Some(_) if q.integer && v.as_i64().is_none() => {
                errs.push(FieldError::new(path, "form.integer"))
            }
            Some(_) => compare_bound(q, path, v, today, errs),
            None => errs.push(kind_error(q, path)),
        },
        Kind::Money => match v.as_i64() {
            Some(f) if f < 0 => errs.push(FieldError::new(path, "money.negative")),
            Some(f) if f > crate::money::MAX_FEN => {
                errs.push(FieldError::new(path, "money.too_large"))
            }
            Some(_) => compare_bound(q, path, v, today, errs),
            None => errs.push(kind_error(q, path)),
        },
        Kind::Date => match v.as_str().map(parse_date) {
            Some(Ok(_)) => compare_bound(q, path, v, today, errs),
            Some(Err(e)) => errs.push(e.at(path)),
            None => errs.push(kind_error(q, path)),
        },
        Kind::Uscc | Kind::ResidentId => match v.as_str() {
            Some(s) => {
                let (kind, checked) = if q.kind == Kind::Uscc {
                    ("uscc", crate::ident::validate_uscc(s))
                } else {
                    let id = crate::ident::validate_resident_id(s, Some(today));
                    ("resident_id", id.map(|id| id.number))
                };
                match checked {
                    Err(e) => errs.push(FieldError::new(path, e.code(kind))),
                    // Stored as typed, a lower-case x would make one person two.
                    Ok(n) if n != s => errs.push(
                        FieldError::new(path, format!("{kind}.not_normalised"))
                            .with("normalised", n),
                    ),
                    Ok(_) => {}
                }
            }
            None => errs.push(kind_error(q, path)),
        },
        Kind::Phone => match v.as_str() {
            Some(s) if valid_phone(s) => {}
            Some(_) => errs.push(FieldError::new(path, "form.phone")),
            None => errs.push(kind_error(q, path)),
        },
        Kind::Email => match v.as_str() {
            Some(s) if valid_email(s) => {}
            Some(_) => errs.push(FieldError::new(path, "form.email")),
            None => errs.push(kind_error(q, path)),
        },
        Kind::Attestation => {
            let Some(o) = v.as_object() else {
                return errs.push(kind_error(q, path));
            };
            for k in o.keys() {
                if !matches!(k.as_str(), "agreed" | "name" | "date") {
                    errs.push(FieldError::new(format!("{path}.{k}"), "form.unknown_field"));
                }
            }
            if o.get("agreed") != Some(&Value::Bool(true)) {
                errs.push(FieldError::new(
                    format!("{path}.agreed"),
                    "form.attestation_agree",
                ));
            }
            let name = o.get("name").and_then(Value::as_str).unwrap_or("");
            if name.trim().is_empty() {
                errs.push(FieldError::new(
                    format!("{path}.name"),
                    "form.attestation_name",
                ));
            } else if let Err(e) = crate::text::check_hidden(name, true, &format!("{path}.name")) {
                errs.push(e);
            }
            let dp = format!("{path}.date");
            match o.get("date").and_then(Value::as_str).map(parse_date) {
                Some(Ok(d)) if d > today => errs
                    .push(FieldError::new(dp, "form.date_future").with("max", format_date(today))),
                Some(Ok(_)) => {}
                Some(Err(e)) => errs.push(e.at(dp)),
                None => errs.push(FieldError::new(dp, "date.empty")),
            }
        }
        Kind::Group => {
            let Some(rows) = v.as_array() else {
                return errs.push(kind_error(q, path));
            };
            if let Some(min) = q.min_rows.filter(|m| rows.len() < *m) {
                errs.push(FieldError::new(path, "form.min_rows").with("min", min));
            }
            if let Some(max) = q.max_rows.filter(|m| rows.len() > *m) {
                errs.push(FieldError::new(path, "form.max_rows").with("max", max));
            }
            for (i, row) in rows.iter().enumerate() {
                let rp = format!("{path}[{i}]");
                let Some(row) = row.as_object() else {
                    errs.push(FieldError::new(rp, "form.row"));
                    continue;
                };
                for k in row.keys() {
                    if q.questions.iter().all(|c| &c.id != k) {
                        errs.push(FieldError::new(
                            format!("{rp}.{k}"),
                            "form.unknown_question",
                        ));
                    }
                }
                let (hidden, required) = row_state_in(q, row, outer);
                for c in &q.questions {
                    let cp = format!("{rp}.{}", c.id);
                    let cell = row.get(&c.id);
                    if hidden.contains(&c.id) {
                        if is_answered(cell) {
                            errs.push(FieldError::new(cp, "form.hidden_answer"));
                        }
                    } else if is_answered(cell)
                        || cell.is_some_and(|x| !x.is_null() && !x.is_string())
                    {
                        check_value(c, cell.unwrap_or(&Value::Null), &cp, today, outer, errs);
                    } else if required.contains(&c.id) {
                        errs.push(FieldError::new(cp, "form.required"));
                    }
                }
            }
        }
    }
}

/// Every problem with `answers` and `findings`, in template order. `today` (UTC+8) is
/// the day of answering: dates "not in the future" and finding deadlines use it.
pub fn validate(
    t: &Template,
    answers: &Answers,
    findings: &Findings,
    today: Date,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for k in answers.keys() {
        if t.question(k).is_none() {
            errs.push(FieldError::new(
                format!("$.answers.{k}"),
                "form.unknown_question",
            ));
        }
    }
    let ev = evaluate(t, answers);
    let view = View {
        answers,
        hidden: &ev.hidden,
    };
    for q in t.questions() {
        let v = answers.get(&q.id);
        if ev.hidden.contains(&q.id) {
            if is_answered(v) {
                errs.push(FieldError::new(
                    format!("$.answers.{}", q.id),
                    "form.hidden_answer",
                ));
            }
            continue;
        }
        answer_errors(q, v, ev.required.contains(&q.id), today, &view, &mut errs);
    }
    for k in findings.keys() {
        if ev.raised(k).is_none() {
            errs.push(FieldError::new(
                format!("$.findings.{k}"),
                "form.finding_unknown",
            ));
        }
    }
    for r in &ev.raised {
        finding_errors(r, findings.get(&r.question), today, &mut errs);
    }
    errs
}

/// The errors of a visible question's answer `v` (`required` now or not).
pub(crate) fn answer_errors(
    q: &Question,
    v: Option<&Value>,
    required: bool,
    today: Date,
    view: &dyn expr::Answers,
    errs: &mut Vec<FieldError>,
) {
    let path = format!("$.answers.{}", q.id);
    // A non-text value that is "empty" ([] or {}) still gets a type check.
    let present = v.is_some_and(|x| !x.is_null() && (!x.is_string() || is_answered(Some(x))));
    if present {
        check_value(q, v.unwrap_or(&Value::Null), &path, today, view, errs);
    }
    if required && !filled(q, v) && !(present && q.kind == Kind::Attestation) {
        errs.push(FieldError::new(path, "form.required"));
    }
}

/// The errors of what the respondent says (`f`) about raised finding `r`.
pub(crate) fn finding_errors(
    r: &Raised,
    f: Option<&FindingAnswer>,
    today: Date,
    errs: &mut Vec<FieldError>,
) {
    let p = format!("$.findings.{}", r.question);
    let empty = FindingAnswer::default();
    let f = f.unwrap_or(&empty);
    if let Some(s) = f.severity.filter(|s| *s != r.severity) {
        errs.push(
            FieldError::new(format!("{p}.severity"), "form.finding_severity")
                .with("severity", crate::json::wire_name(&s)),
        );
    }
    for (field, text, missing) in [
        ("explanation", &f.explanation, "form.finding_explanation"),
        ("measure", &f.measure, "form.finding_measure"),
    ] {
        let n = text.trim().chars().count();
        if let Err(e) = crate::text::check_hidden(text, false, &format!("{p}.{field}")) {
            errs.push(e);
        }
        if n == 0 {
            errs.push(FieldError::new(format!("{p}.{field}"), missing));
        } else if n > DEFAULT_MAX_LONG_TEXT {
            errs.push(
                FieldError::new(format!("{p}.{field}"), "form.max_length")
                    .with("max", DEFAULT_MAX_LONG_TEXT)
                    .with("count", n),
            );
        }
    }
    let dp = format!("{p}.deadline");
    match parse_date(&f.deadline) {
        Ok(d) if d < today => errs.push(
            FieldError::new(dp, "form.finding_deadline_past").with("min", format_date(today)),
        ),
        Ok(_) => {}
        Err(crate::date::DateError::Empty) => {
            errs.push(FieldError::new(dp, "form.finding_deadline"))
        }
        Err(e) => errs.push(e.at(dp)),
    }
}

/// The top-level question an answer or finding path belongs to:
/// `$.answers.rows[2].name` → `rows`, `$.findings.q.measure` → `q`.
pub fn question_of_path(path: &str) -> Option<&str> {
    let rest = path
        .strip_prefix("$.answers.")
        .or_else(|| path.strip_prefix("$.findings."))?;
    rest.split(['.', '[']).next()
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
            .join(if lang == Lang::En { ", " } else { "、" }),
        (Kind::Money, Value::Number(n)) => n
            .as_i64()
            .map(|f| crate::Fen(f).to_display())
            .unwrap_or_default(),
        (Kind::Group, Value::Array(rows)) => crate::i18n::t_with(
            lang,
            "form.rows",
            &BTreeMap::from([("count".into(), rows.len().to_string())]),
        ),
        (Kind::Attestation, Value::Object(o)) => {
            let agreed = o.get("agreed") == Some(&Value::Bool(true));
            let name = o.get("name").and_then(Value::as_str).unwrap_or("");
            let date = o.get("date").and_then(Value::as_str).unwrap_or("");
            if agreed {
                crate::i18n::t_with(
                    lang,
                    "form.attested",
                    &BTreeMap::from([
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
    check_issued_submission, check_submission, keyed_reference, parse_submission, reference,
    submit, verify_keyed_reference, Submission, TemplateRef,
};
