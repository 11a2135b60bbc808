//! The form builder's contract: `storage-key`; a template document as `value`.
//!
//! uses widget: self-inspection
//!
//! words: fb
//! data: penalty-rules penalty-titles
//! data-on-demand: form-mah-representative-management form-representative-personal

use super::{FormBuilder, FormBuilderProps};
use crate::contract::{self, EventDoc, Property, Setting, Spec, Widget};
use serde_json::Value;
use std::rc::Rc;
use yaojian::{FieldError, Lang};
use yew::{AttrValue, Callback};

static SPEC: Spec = Spec {
    kind: "form-builder",
    title: "自查表编辑器 form builder: bureau staff write a self-inspection template (`yaojian/form/1`) with its live preview; the engine's checks at each field",
    settings: &[
        Setting {
            name: "storage-key",
            values: "any text",
            effect: "where the draft is kept in `localStorage` (`yaojian:builder:<key>`), so nothing typed is lost on reload; several builders on one site keep separate drafts",
        },
        Setting {
            name: "endpoint",
            values: "the URL of `yaojian-server`'s API, e.g. `/api/v1` (docs/server.md)",
            effect: "adds publishing: an inspector or admin publishes the version being written (`PUT /templates/{id}/{version}`; a published version never changes) and sees the versions published so far with who published each",
        },
        Setting {
            name: "auth",
            values: "`token` (default), `cookie`",
            effect: "with `endpoint`: `token` publishes once the `token` property is set; `cookie` publishes signed in by the `yaojian_token` cookie the portal set on the server's own origin",
        },
        Setting {
            name: "view",
            values: "`edit` (default), `translations`",
            effect: "what the left pane shows first: the editor, or the table of every text in zh-CN, zh-TW and en with the missing ones marked (a button switches)",
        },
    ],
    properties: &[
        Property {
            name: "value",
            meaning: "read: the template document being written; write: a template document (`yaojian/form/1`, valid or not) to start from, in place of the draft (undo goes back to what was there)",
            text: false,
        },
        Property {
            name: "token",
            meaning: "with `endpoint`: the portal's signed token (a string), sent as `Authorization: Bearer`; the draft is then kept for the person it names (`…:by:<sub>`), so people sharing a browser never see each other's",
            text: true,
        },
    ],
    events: &[
        EventDoc {
            name: "yj-change",
            detail: "`{type: \"builder.change\", template, valid, errors}` on every change: the document, whether it can be published, and how many problems it has",
        },
        EventDoc {
            name: "yj-submit",
            detail: "`{type: \"builder.publish\", id, version, status}` when the server published the version (201) or had it already with the same content (200)",
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
            translations: false,
            server: Default::default(),
        }
    }

    fn lang(props: &mut FormBuilderProps) -> &mut Lang {
        &mut props.lang
    }

    fn set(p: &mut FormBuilderProps, name: &str, value: Option<&str>) -> Result<(), FieldError> {
        match name {
            "endpoint" | "auth" => p.server.set(name, value)?,
            "storage-key" => p.storage_key = value.map(|v| AttrValue::from(v.to_string())),
            "view" => p.translations = contract::choice_setting(name, value, &["edit", "translations"])? == Some("translations"),
            _ => return Err(contract::unknown_setting(name)),
        }
        Ok(())
    }

    /// A value is any JSON object: the builder shows what is wrong with it at its fields.
    fn put(p: &mut FormBuilderProps, name: &str, json: &str) -> Result<(), Vec<FieldError>> {
        if name == "token" {
            return crate::common::server::token_property(json, &mut p.server.token);
        }
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
