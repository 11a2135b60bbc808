//! The template document's shape, read field by field ([`crate::json::read`]) straight
//! from the parsed value: no serde state machine per type in a widget's wasm, and no
//! trip through the text on the way to the checks.

use super::*;
use crate::json::read::{self as r, list, one_of, Object, Read};
use crate::sorted::SortedMap;

/// The names of the question kinds, as templates write them.
pub(crate) const KINDS: [(&str, Kind); 14] = [
    ("yes_no", Kind::YesNo),
    ("single_choice", Kind::SingleChoice),
    ("multiple_choice", Kind::MultipleChoice),
    ("text", Kind::Text),
    ("long_text", Kind::LongText),
    ("number", Kind::Number),
    ("money", Kind::Money),
    ("date", Kind::Date),
    ("uscc", Kind::Uscc),
    ("resident_id", Kind::ResidentId),
    ("phone", Kind::Phone),
    ("email", Kind::Email),
    ("group", Kind::Group),
    ("attestation", Kind::Attestation),
];

/// The names of the severities.
pub(crate) const SEVERITIES: [(&str, Severity); 3] = [
    ("high", Severity::High),
    ("medium", Severity::Medium),
    ("low", Severity::Low),
];

/// The names of the roles that file.
pub(crate) const FILERS: [(&str, Filer); 2] = [
    ("enterprise", Filer::Enterprise),
    ("representative", Filer::Representative),
];

fn text(v: &Value, path: &str) -> Read<RawText> {
    match v {
        Value::String(s) => Ok(RawText::One(s.clone())),
        Value::Object(_) => r::string_map(v, path).map(RawText::Many),
        _ => Err(r::detail(
            path,
            "data did not match any variant of untagged enum RawText".to_string(),
        )),
    }
}

fn choice(v: &Value, path: &str) -> Read<RawChoice> {
    let o = Object::of(v, path)?;
    o.only(&["value", "label"])?;
    Ok(RawChoice {
        value: o.field("value", r::string)?,
        label: o.field("label", text)?,
    })
}

fn finding(v: &Value, path: &str) -> Read<RawFinding> {
    let o = Object::of(v, path)?;
    o.only(&["when", "severity", "title", "provision", "rule"])?;
    Ok(RawFinding {
        when: o.optional("when", r::value)?,
        severity: o.field("severity", |v, p| one_of(v, p, &SEVERITIES))?,
        title: o.field("title", text)?,
        provision: o.optional("provision", text)?,
        rule: o.optional("rule", r::string)?,
    })
}

const QUESTION_FIELDS: [&str; 20] = [
    "id",
    "kind",
    "label",
    "help",
    "options",
    "required",
    "required_if",
    "visible_if",
    "min_length",
    "max_length",
    "min",
    "max",
    "integer",
    "pattern",
    "pattern_hint",
    "questions",
    "min_rows",
    "max_rows",
    "statement",
    "finding",
];

fn question(v: &Value, path: &str) -> Read<RawQuestion> {
    let o = Object::of(v, path)?;
    o.only(&QUESTION_FIELDS)?;
    Ok(RawQuestion {
        id: o.field("id", r::string)?,
        kind: o.field("kind", |v, p| one_of(v, p, &KINDS))?,
        label: o.field("label", text)?,
        help: o.optional("help", text)?,
        options: o.or_default("options", |v, p| list(v, p, choice))?,
        required: o.or_default("required", r::boolean)?,
        required_if: o.optional("required_if", r::value)?,
        visible_if: o.optional("visible_if", r::value)?,
        min_length: o.optional("min_length", r::u32)?,
        max_length: o.optional("max_length", r::u32)?,
        min: o.optional("min", r::value)?,
        max: o.optional("max", r::value)?,
        integer: o.or_default("integer", r::boolean)?,
        pattern: o.optional("pattern", r::string)?,
        pattern_hint: o.optional("pattern_hint", text)?,
        questions: o.or_default("questions", |v, p| list(v, p, question))?,
        min_rows: o.optional("min_rows", r::u32)?,
        max_rows: o.optional("max_rows", r::u32)?,
        statement: o.optional("statement", text)?,
        finding: o.optional("finding", finding)?,
    })
}

fn section(v: &Value, path: &str) -> Read<RawSection> {
    let o = Object::of(v, path)?;
    o.only(&["id", "title", "help", "visible_if", "questions"])?;
    Ok(RawSection {
        id: o.field("id", r::string)?,
        title: o.field("title", text)?,
        help: o.optional("help", text)?,
        visible_if: o.optional("visible_if", r::value)?,
        questions: o.field("questions", |v, p| list(v, p, question))?,
    })
}

/// Which questions say who submitted.
fn submitter(v: &Value, path: &str) -> Read<SubmitterFields> {
    let o = Object::of(v, path)?;
    o.only(&["name", "organisation", "identifier"])?;
    Ok(SubmitterFields {
        name: o.optional("name", r::string)?,
        organisation: o.optional("organisation", r::string)?,
        identifier: o.optional("identifier", r::string)?,
    })
}

fn translations(v: &Value, path: &str) -> Read<SortedMap<String, SortedMap<String, String>>> {
    Object::of(v, path)?.map(r::string_map)
}

/// A template document's shape (`yaojian/form/1`), before its checks.
pub(in crate::form::template) fn template(v: &Value, path: &str) -> Read<RawTemplate> {
    let o = Object::of(v, path)?;
    let known = [
        "schema",
        "id",
        "version",
        "sample",
        "title",
        "description",
        "sections",
        "submitter",
        "filers",
        "translations",
    ];
    o.only(&known)?;
    Ok(RawTemplate {
        schema: o.field("schema", r::string)?,
        id: o.field("id", r::string)?,
        version: o.field("version", r::string)?,
        sample: o.or_default("sample", r::boolean)?,
        title: o.field("title", text)?,
        description: o.optional("description", text)?,
        sections: o.field("sections", |v, p| list(v, p, section))?,
        submitter: o.or_default("submitter", submitter)?,
        filers: o.or_default("filers", |v, p| list(v, p, |v, p| one_of(v, p, &FILERS)))?,
        translations: o.or_default("translations", translations)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_names_read_are_the_names_written() {
        use crate::json::wire_name;
        assert!(KINDS.iter().all(|(name, k)| wire_name(k) == *name));
        assert!(SEVERITIES.iter().all(|(name, s)| wire_name(s) == *name));
        assert!(FILERS
            .iter()
            .all(|(name, f)| wire_name(f) == *name && f.code() == *name));
    }

    #[test]
    fn every_kind_the_schema_names_is_read() {
        let schema: Value = serde_json::from_str(crate::form::TEMPLATE_SCHEMA).unwrap();
        let kinds = &schema["$defs"]["question"]["properties"]["kind"]["enum"];
        let named: Vec<&str> = kinds
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let read: Vec<&str> = KINDS.iter().map(|(name, _)| *name).collect();
        assert_eq!(named, read);
    }
}
