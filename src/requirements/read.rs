//! The requirement template document's shape, read field by field
//! ([`crate::json::read`]) before its checks.

use super::*;
use crate::json::read::{self as r, list, one_of, Object, Read};

const QUESTION_KINDS: [(&str, QuestionKind); 2] = [
    ("yes_no", QuestionKind::YesNo),
    ("single_choice", QuestionKind::SingleChoice),
];

const REQUIREMENT_KINDS: [(&str, RequirementKind); 3] = [
    ("condition", RequirementKind::Condition),
    ("material", RequirementKind::Material),
    ("note", RequirementKind::Note),
];

fn choice(v: &Value, path: &str) -> Read<Choice> {
    let o = Object::of(v, path)?;
    Ok(Choice {
        value: o.field("value", r::string)?,
        label: o.field("label", r::string_map)?,
    })
}

fn question(v: &Value, path: &str) -> Read<Question> {
    let o = Object::of(v, path)?;
    Ok(Question {
        id: o.field("id", r::string)?,
        kind: o.field("kind", |v, p| one_of(v, p, &QUESTION_KINDS))?,
        label: o.field("label", r::string_map)?,
        help: o.optional("help", r::string_map)?,
        options: o.or_default("options", |v, p| list(v, p, choice))?,
    })
}

fn basis(v: &Value, path: &str) -> Read<Basis> {
    let o = Object::of(v, path)?;
    Ok(Basis {
        law: o.field("law", r::string)?,
        article: o.field("article", r::u32)?,
        paragraph: o.optional("paragraph", r::u32)?,
        item: o.optional("item", r::u32)?,
        text: o.field("text", r::string)?,
    })
}

fn requirement(v: &Value, path: &str) -> Read<RawRequirement> {
    let o = Object::of(v, path)?;
    Ok(RawRequirement {
        id: o.field("id", r::string)?,
        kind: o.field("kind", |v, p| one_of(v, p, &REQUIREMENT_KINDS))?,
        title: o.field("title", r::string_map)?,
        explanation: o.field("explanation", r::string_map)?,
        basis: o.optional("basis", basis)?,
        applies_if: o.optional("applies_if", r::value)?,
        sample: o.or_default("sample", r::boolean)?,
    })
}

/// A requirement template's shape (`yaojian/requirements/1`).
pub(super) fn template(v: &Value, path: &str) -> Read<RawTemplate> {
    let o = Object::of(v, path)?;
    Ok(RawTemplate {
        schema: o.field("schema", r::string)?,
        id: o.field("id", r::string)?,
        version: o.field("version", r::string)?,
        title: o.field("title", r::string_map)?,
        description: o.field("description", r::string_map)?,
        notes: o.optional("notes", r::string_map)?,
        questions: o.field("questions", |v, p| list(v, p, question))?,
        requirements: o.field("requirements", |v, p| list(v, p, requirement))?,
    })
}
