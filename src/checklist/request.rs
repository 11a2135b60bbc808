//! What a party asks of a list that the bureau and the enterprise share (on
//! `yaojian-server`): a new item, an edit, an action. Each is read from JSON with the
//! path of every error, and checked here, so the server adds no rule of its own.

use super::item::refuse;
use super::*;
use crate::error::FieldError;
use crate::Errors;
use serde_json::Value;

/// The longest text of each field \[practice\]: what a person types, with room to spare.
pub const MAX_CHARS: &[(&str, usize)] = &[
    ("id", 64),
    ("problem", 2_000),
    ("provision", 1_000),
    ("legal_basis", 1_000),
    ("rule", 64),
    ("measures", 4_000),
    ("unit", 200),
    ("person", 100),
    ("deadline", 32),
    ("text", 2_000),
    ("inspector", 100),
    ("approver", 100),
    ("recipient", 100),
    ("notes", 2_000),
    ("note", 1_000),
];

/// The limit of `field` in [`MAX_CHARS`].
pub fn max_chars(field: &str) -> usize {
    MAX_CHARS
        .iter()
        .find(|(f, _)| *f == field)
        .map_or(2_000, |(_, n)| *n)
}

/// `checklist.too_long` at `path` when `s` is longer than `field` may be.
pub fn check_length(s: &str, field: &str, path: &str) -> Result<(), FieldError> {
    let (count, max) = (s.chars().count(), max_chars(field));
    if count > max {
        return Err(FieldError::new(path, "checklist.too_long")
            .with("max", max)
            .with("count", count));
    }
    Ok(())
}

/// Who does an action on a shared list: the party that rectifies (the enterprise) or
/// the bureau that re-inspects and closes out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    Rectifying,
    Bureau,
}

impl Action {
    /// Who does it: starting and reporting are the rectifying party's; re-inspection
    /// and close-out the bureau's.
    pub fn party(&self) -> Party {
        match self {
            Action::Start | Action::Report { .. } => Party::Rectifying,
            Action::Reinspect(_) | Action::CloseOut(_) => Party::Bureau,
        }
    }
}

/// A text of a body to check: its path, the text, its field in [`MAX_CHARS`], whether it
/// is one line.
type Text = (String, String, &'static str, bool);

/// The action and its note, with the texts to check. Each action's body has its
/// `action`, what its transition needs and the note recorded in the history, and no
/// other field.
fn read_action(name: &str, v: Value) -> Result<(Action, String, Vec<Text>), FieldError> {
    use super::read::{conclusion, evidence};
    use crate::json::read::{date, list, string, Object};
    let o = Object::of(&v, "$")?;
    let note = || o.or_default("note", string);
    Ok(match name {
        "start" => {
            o.only(&["action", "note"])?;
            (Action::Start, note()?, vec![])
        }
        "report" => {
            o.only(&["action", "evidence", "note"])?;
            let evidence = o.field("evidence", |v, p| list(v, p, evidence))?;
            let texts = (evidence.iter().enumerate())
                .map(|(n, e)| {
                    (
                        format!("$.evidence[{n}].text"),
                        e.text.clone(),
                        "text",
                        false,
                    )
                })
                .collect();
            (Action::Report { evidence }, note()?, texts)
        }
        "reinspect" => {
            o.only(&["action", "date", "inspector", "conclusion", "notes", "note"])?;
            let r = Reinspection {
                date: o.field("date", date)?,
                inspector: o.field("inspector", string)?,
                conclusion: o.field("conclusion", conclusion)?,
                notes: o.or_default("notes", string)?,
            };
            let texts = vec![
                ("$.inspector".into(), r.inspector.clone(), "inspector", true),
                ("$.notes".into(), r.notes.clone(), "notes", false),
            ];
            (Action::Reinspect(r), note()?, texts)
        }
        _ => {
            o.only(&["action", "approver", "date", "note"])?;
            let c = CloseOut {
                approver: o.field("approver", string)?,
                date: o.field("date", date)?,
            };
            let texts = vec![("$.approver".into(), c.approver.clone(), "approver", true)];
            (Action::CloseOut(c), note()?, texts)
        }
    })
}

/// The id a new item is checked with when its id was left empty.
const UNNUMBERED_STAND_IN: &str = "ZG-0000-000";

/// A new item from its form, checked as [`new_item`] checks it, and whether its id was
/// left empty for the server to number: such an item is checked with a stand-in id
/// (a number is handed out only to an item that is valid) and comes back with an empty
/// id.
pub fn new_unnumbered_item(input: &ItemInput) -> Result<(Item, bool), Errors> {
    let numbered = input.id.trim().is_empty();
    if !numbered {
        return Ok((new_item(input)?, false));
    }
    let form = ItemInput {
        id: UNNUMBERED_STAND_IN.into(),
        ..input.clone()
    };
    let mut item = new_item(&form)?;
    item.id.clear();
    Ok((item, true))
}

/// The body of a new item for a shared list (`POST /items`, without its `org`): the
/// form checked as [`new_unnumbered_item`] checks it, each error at its field. An id
/// left empty stays empty, for the server to number.
pub fn item_body(input: &ItemInput) -> Result<Value, Errors> {
    let (item, _) = new_unnumbered_item(input)?;
    let mut v = serde_json::to_value(item).unwrap_or_default();
    if let Some(o) = v.as_object_mut() {
        // A new item has no records: the server starts its history.
        for k in ["evidence", "reinspections", "close_out", "history"] {
            o.shift_remove(k);
        }
    }
    Ok(v)
}

/// The body [`action_of`] reads back as `action` and `note`: what a client of the
/// shared list sends.
pub fn action_body(action: &Action, note: &str) -> Value {
    let mut body = match action {
        Action::Start => serde_json::json!({}),
        Action::Report { evidence } => serde_json::json!({ "evidence": evidence }),
        Action::Reinspect(r) => serde_json::to_value(r).unwrap_or_default(),
        Action::CloseOut(c) => serde_json::to_value(c).unwrap_or_default(),
    };
    crate::json::set(&mut body, "action", Value::from(action.name()));
    if !note.is_empty() {
        crate::json::set(&mut body, "note", Value::from(note));
    }
    body
}

/// The action of a body `{"action": "start" | "report" | "reinspect" | "close_out", …}`
/// and its note. Every text is checked for hidden characters and length.
pub fn action_of(v: Value) -> Result<(Action, String), Errors> {
    let known = ["start", "report", "reinspect", "close_out"];
    let name = match v.get("action").and_then(Value::as_str) {
        Some(a) if known.contains(&a) => a.to_string(),
        other => {
            let e = FieldError::new("$.action", "checklist.unknown_action")
                .with("action", other.unwrap_or(""));
            return Err(e.into());
        }
    };
    let (action, note, mut texts) = read_action(&name, v)?;
    texts.push(("$.note".into(), note.clone(), "note", false));
    let errs: Vec<FieldError> = texts
        .iter()
        .flat_map(|(path, s, field, single)| {
            let hidden = crate::text::check_hidden(s, *single, path).err();
            hidden.or_else(|| check_length(s, field, path).err())
        })
        .collect();
    if errs.is_empty() {
        Ok((action, note))
    } else {
        Err(errs.into())
    }
}

/// Refuses what one person may not do alone on a shared list: closing out an item
/// whose last report they made (`checklist.own_report`).
pub fn check_actor(item: &Item, action: &Action, by: &str) -> Result<(), FieldError> {
    if !matches!(action, Action::CloseOut(_)) {
        return Ok(());
    }
    let last_report =
        item.history.iter().rev().find(|t| {
            !t.edit && t.from == Status::InProgress && t.to == Status::AwaitingReinspection
        });
    match last_report {
        Some(t) if t.by == by => Err(refuse("own_report")),
        _ => Ok(()),
    }
}

impl ItemInput {
    /// The add form of an item written as in a list document. Keys of the item's status,
    /// records and history are ignored; `extra` names keys the caller reads itself.
    pub fn from_item_value(mut v: Value, extra: &[&str]) -> Result<ItemInput, Errors> {
        if let Some(o) = v.as_object_mut() {
            for k in extra.iter().chain(&[
                "status",
                "evidence",
                "reinspections",
                "close_out",
                "history",
            ]) {
                o.shift_remove(*k);
            }
        }
        read_new_item(&v)
    }

    /// This form with the fields `patch` (an object of [`INPUT_FIELDS`] but `id`)
    /// replaced: an edit that names only what changes.
    pub fn patched(&self, patch: Value) -> Result<ItemInput, Errors> {
        let Value::Object(fields) = patch else {
            return Err(FieldError::new("$", "json.invalid")
                .with("detail", "an object of the fields to change")
                .into());
        };
        let mut form = serde_json::to_value(self).unwrap_or_default();
        let mut errs = Vec::new();
        for (k, v) in fields {
            if k == "id" || !INPUT_FIELDS.contains(&k.as_str()) {
                errs.push(FieldError::new(format!("$.{k}"), "checklist.not_editable"));
            } else {
                form[k.as_str()] = v;
            }
        }
        if !errs.is_empty() {
            return Err(errs.into());
        }
        Ok(super::read::item_input(&form, "$")?)
    }
}

/// A new item as a list document writes it (`yaojian/checklist/1`), read as the add
/// form reads it: its status, records and history are not taken from the body (the
/// caller removed them).
fn read_new_item(v: &Value) -> Result<ItemInput, Errors> {
    use super::read::{list_kind, mode, source};
    use crate::json::read::{string, strings, Object};
    let o = Object::of(v, "$")?;
    o.only(&INPUT_FIELDS)?;
    Ok(ItemInput {
        id: o.or_default("id", string)?,
        list: o.field("list", list_kind)?,
        source: o.field("source", source)?,
        problem: o.field("problem", string)?,
        provision: o.or_default("provision", string)?,
        legal_basis: o.or_default("legal_basis", string)?,
        rule: o.optional("rule", string)?.unwrap_or_default(),
        measures: o.field("measures", strings)?.join("\n"),
        unit: o.field("unit", string)?,
        person: o.field("person", string)?,
        mode: o.field("mode", mode)?,
        deadline: o.optional("deadline", string)?.unwrap_or_default(),
    })
}

/// The item the add form describes, as 待整改 with no records and no history.
pub fn new_item(input: &ItemInput) -> Result<Item, Errors> {
    let base = Item {
        id: String::new(),
        list: input.list,
        source: input.source,
        problem: String::new(),
        provision: String::new(),
        legal_basis: String::new(),
        rule: None,
        measures: vec![],
        unit: String::new(),
        person: String::new(),
        mode: input.mode,
        deadline: None,
        status: Status::Pending,
        evidence: vec![],
        reinspections: vec![],
        close_out: None,
        history: vec![],
    };
    input.to_item(base)
}
