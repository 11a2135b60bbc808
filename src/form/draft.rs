//! What a host may set as a form's `value`: the answers and findings of a draft, as the
//! form's own `form.change` event gives them. Checked before it replaces what the
//! respondent typed, so a bad value changes nothing and names its path.

use super::answers::{check_value, normalise_identifiers, Answers, Findings};
use super::field::FieldRef;
use super::template::Template;
use crate::error::FieldError;
use serde_json::Value;

/// Top-level keys of a `form.change` event detail, all accepted so a host can set back
/// what it was sent; only `answers` and `findings` are read.
const KEYS: [&str; 5] = ["type", "template", "answers", "findings", "progress"];

/// Reads a draft value for `t`: an object whose `answers` are keyed by the template's
/// questions with values of the right type (unanswered and incomplete is fine: it is a
/// draft) and whose `findings` belong to questions that raise one. Identifiers come
/// back normalised. Every error names its JSON path.
pub fn check_draft(t: &Template, v: &Value) -> Result<(Answers, Findings), crate::Errors> {
    let Some(o) = v.as_object() else {
        return Err(vec![FieldError::new("$", "form.value_shape")].into());
    };
    let mut errs: Vec<FieldError> = o
        .keys()
        .filter(|k| !KEYS.contains(&k.as_str()))
        .map(|k| FieldError::new(format!("$.{k}"), "form.unknown_field"))
        .collect();
    let mut answers = match o.get("answers") {
        None | Some(Value::Null) => Answers::new(),
        Some(Value::Object(a)) => a.clone(),
        Some(_) => return Err(vec![FieldError::new("$.answers", "form.value_answers")].into()),
    };
    let today = chrono::NaiveDate::MAX;
    for (k, v) in &answers {
        let path = FieldRef::answer(k).path();
        match t.question(k) {
            None => errs.push(FieldError::new(path, "form.unknown_question")),
            Some(_) if v.is_null() => {}
            Some(q) => {
                let mut found = Vec::new();
                check_value(q, v, &path, today, &answers, &mut found);
                // Shape only: a value of the wrong type, a group row that is no row or
                // names a column the group lacks. Missing and invalid answers are
                // what a draft is allowed to have.
                let shape = [
                    "form.type",
                    "form.row",
                    "form.unknown_question",
                    "form.unknown_field",
                ];
                errs.extend(
                    found
                        .into_iter()
                        .filter(|e| shape.contains(&e.code.as_str())),
                );
            }
        }
    }
    let findings: Findings = match o.get("findings") {
        None | Some(Value::Null) => Findings::new(),
        Some(f) => super::answers::read_findings(f, "$.findings")?,
    };
    for k in findings.keys() {
        if t.question(k).and_then(|q| q.finding.as_ref()).is_none() {
            errs.push(FieldError::new(
                FieldRef::finding(k, None).path(),
                "form.finding_unknown",
            ));
        }
    }
    if !errs.is_empty() {
        return Err(errs.into());
    }
    normalise_identifiers(t, &mut answers);
    Ok((answers, findings))
}
