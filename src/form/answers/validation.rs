//! Every problem with the answers and findings of a submission, each with its JSON
//! path: kinds, options, lengths, bounds, identifiers, attestations, group rows.

use super::*;
use crate::date::{format_date, parse_date, Date};
use crate::error::FieldError;
use crate::expr::{self, is_answered};
use crate::form::field::FieldRef;
use crate::form::template::{Bound, Kind, Question, Template};
use serde_json::Value;
use std::collections::HashSet;

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
        Bound::Number(n) => crate::json::number_text(n),
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
        Kind::MultipleChoice => check_choices(q, v, path, errs),
        Kind::Text | Kind::LongText => check_text(q, v, path, errs),
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
        Kind::Uscc | Kind::ResidentId => check_identifier(q, v, path, today, errs),
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
        Kind::Attestation => check_attestation(q, v, path, today, errs),
        Kind::Group => check_group(q, v, path, today, outer, errs),
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
                FieldRef::answer(k).path(),
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
                    FieldRef::answer(&q.id).path(),
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
                FieldRef::finding(k, None).path(),
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
    let path = FieldRef::answer(&q.id).path();
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
    let p = FieldRef::finding(&r.question, None).path();
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

/// A multiple choice: an array of the question's options, each once.
fn check_choices(q: &Question, v: &Value, path: &str, errs: &mut Vec<FieldError>) {
    match v.as_array() {
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
    }
}

/// Text: no hidden characters, within its lengths, matching its pattern.
fn check_text(q: &Question, v: &Value, path: &str, errs: &mut Vec<FieldError>) {
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

/// A 统一社会信用代码 or 居民身份证号码: valid and stored as normalised.
fn check_identifier(q: &Question, v: &Value, path: &str, today: Date, errs: &mut Vec<FieldError>) {
    match v.as_str() {
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
                    FieldError::new(path, format!("{kind}.not_normalised")).with("normalised", n),
                ),
                Ok(_) => {}
            }
        }
        None => errs.push(kind_error(q, path)),
    }
}

/// An attestation: agreed, a name, a date not in the future.
fn check_attestation(q: &Question, v: &Value, path: &str, today: Date, errs: &mut Vec<FieldError>) {
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
        Some(Ok(d)) if d > today => {
            errs.push(FieldError::new(dp, "form.date_future").with("max", format_date(today)))
        }
        Some(Ok(_)) => {}
        Some(Err(e)) => errs.push(e.at(dp)),
        None => errs.push(FieldError::new(dp, "date.empty")),
    }
}

/// A group: its rows within bounds, each cell checked as a question of its own
/// (hidden cells unanswered, required ones answered).
fn check_group(
    q: &Question,
    v: &Value,
    path: &str,
    today: Date,
    outer: &dyn expr::Answers,
    errs: &mut Vec<FieldError>,
) {
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
            } else if is_answered(cell) || cell.is_some_and(|x| !x.is_null() && !x.is_string()) {
                check_value(c, cell.unwrap_or(&Value::Null), &cp, today, outer, errs);
            } else if required.contains(&c.id) {
                errs.push(FieldError::new(cp, "form.required"));
            }
        }
    }
}
