//! The form builder's contract: `storage-key`; a template document as `value`.
//!
//! uses widget: self-inspection

use super::{FormBuilder, FormBuilderProps};
use crate::contract::{self, EventDoc, Property, Setting, Spec, Widget};
use serde_json::Value;
use std::rc::Rc;
use yaojian::{FieldError, Lang};
use yew::{AttrValue, Callback};

static SPEC: Spec = Spec {
    kind: "form-builder",
    title: "自查表编辑器 form builder: bureau staff write a self-inspection template (`yaojian/form/1`) with its live preview; the engine's checks at each field",
    settings: &[Setting {
        name: "storage-key",
        values: "any text",
        effect: "where the draft is kept in `localStorage` (`yaojian:builder:<key>`), so nothing typed is lost on reload; several builders on one site keep separate drafts",
    }],
    properties: &[Property {
        name: "value",
        meaning: "read: the template document being written; write: a template document (`yaojian/form/1`, valid or not) to start from, in place of the draft (undo goes back to what was there)",
        text: false,
    }],
    events: &[
        EventDoc {
            name: "yj-change",
            detail: "`{type: \"builder.change\", template, valid, errors}` on every change: the document, whether it can be published, and how many problems it has",
        },
        contract::ERROR_EVENT,
    ],
};

impl Widget for FormBuilder {
    fn spec() -> &'static Spec {
        &SPEC
    }

    fn props(lang: Lang, on_emit: Callback<Value>) -> FormBuilderProps {
        FormBuilderProps {
            lang,
            on_emit,
            value: None,
            storage_key: None,
        }
    }

    fn lang(props: &mut FormBuilderProps) -> &mut Lang {
        &mut props.lang
    }

    fn set(p: &mut FormBuilderProps, name: &str, value: Option<&str>) -> Result<(), FieldError> {
        match name {
            "storage-key" => p.storage_key = value.map(|v| AttrValue::from(v.to_string())),
            _ => return Err(contract::unknown_setting(name)),
        }
        Ok(())
    }

    /// A value is any JSON object: the builder shows what is wrong with it at its fields.
    fn put(p: &mut FormBuilderProps, name: &str, json: &str) -> Result<(), Vec<FieldError>> {
        let parsed = contract::parse_property(json)?;
        match name {
            "value" if parsed.is_null() => p.value = None,
            "value" if parsed.is_object() => p.value = Some(Rc::new(parsed)),
            "value" => return Err(vec![FieldError::new("$", "builder.not_object")]),
            _ => return Err(contract::unknown_property(name)),
        }
        Ok(())
    }
}
