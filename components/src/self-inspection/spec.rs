//! The self-inspection form's contract, and the template property it shares with the
//! submissions summary.
//!
//! words: si
//! data: penalty-rules form-representative-personal
//! data-on-demand: form-mah-representative-management

use super::{SelfInspection, SelfInspectionProps};
use crate::common::properties::{
    form_template_id, template_of, template_on_its_way, template_property, TEMPLATE, TEMPLATE_ID,
};
use crate::contract::{self, EventDoc, Property, Setting, Spec, Widget};
use serde_json::Value;
use std::rc::Rc;

use yaojian::{FieldError, Lang};
use yew::{AttrValue, Callback};

static SPEC: Spec = Spec {
    kind: "self-inspection",
    title: "自查表 self-inspection form (the built-in sample templates via `template-id`, or yours via `template` / `template-src`)",
    settings: &[
        TEMPLATE_ID,
        Setting {
            name: "storage-key",
            values: "any text, e.g. the respondent's account id",
            effect: "drafts are kept in `localStorage` under template id + version + this key (and, with a `token`, the person it names), so two people on one computer do not share a draft; saved once a change is on screen (one save per frame) and at once when the page is hidden or left",
        },
        Setting {
            name: "endpoint",
            values: "the URL of `yaojian-server`'s API, e.g. `/api/v1` (docs/server.md)",
            effect: "the template is read from the server, and submitting files it there with an idempotency key: the receipt shows the server's reference; without a connection, or before anyone signed in, the filing stays queued on this device and is sent again (never twice); the server's refusals appear in the error summary. Without `endpoint` the form stays in the page: its receipt says that nothing was sent",
        },
        Setting {
            name: "auth",
            values: "`token` (default), `cookie`",
            effect: "with `endpoint`: `token` files with the `token` property, and keeps drafts and queued filings per person (the token's `sub`), so people sharing a browser never see each other's; without a token a filing waits on this device (\"请先登录\") and goes once a token is set. `cookie` files at once, signed in by the `yaojian_token` cookie the portal set on the server's own origin (give each person their own `storage-key`)",
        },
        Setting {
            name: "readonly",
            values: "present or absent",
            effect: "show the submission in `value` read-only and printable (for bureau staff)",
        },
    ],
    properties: &[
        TEMPLATE,
        Property {
            name: "value",
            meaning: "read: the detail of the latest `yj-change`; write: `{answers, findings}` to start from, which must fit the template; with `readonly`, a submission to show",
            text: false,
        },
        Property {
            name: "token",
            meaning: "with `endpoint`: the portal's signed token (a string), sent as `Authorization: Bearer`; a portal on the server's origin may set the `yaojian_token` cookie instead (docs/server.md)",
            text: true,
        },
    ],
    events: &[
        EventDoc {
            name: "yj-change",
            detail: "`{type: \"form.change\", template, answers, findings, progress: {answered, required}}`, on every change",
        },
        EventDoc {
            name: "yj-submit",
            detail: "`{type: \"form.submit\", submission}`: the submission document ([schema](../schemas/submission.schema.json))",
        },
        EventDoc {
            name: "yj-draft-saved",
            detail: "`{type: \"form.draft_saved\", storage_key, saved_at}`",
        },
        contract::ERROR_EVENT,
    ],
};

/// A `value` is checked against the form's template (`check_draft`) before it replaces
/// what the respondent typed: a bad one changes nothing. A read-only form's value is a
/// submission: it must be an object, and the read-only view checks the rest itself. A
/// built-in template whose file is not here yet cannot check it: it is then taken as it
/// is and checked once the file is (`Ok(true)`: it waits).
fn check_value(p: &SelfInspectionProps, parsed: &Value) -> Result<bool, Vec<FieldError>> {
    if parsed.is_null() {
        return Ok(false);
    }
    if p.readonly {
        return match parsed.is_object() {
            true => Ok(false),
            false => Err(vec![FieldError::new("$", "form.value_shape")]),
        };
    }
    let id = p.template_id.as_deref();
    if template_on_its_way(&p.template, id) {
        return Ok(true);
    }
    let t = template_of(&p.template, id).ok_or_else(|| {
        let id = id.unwrap_or_default();
        vec![FieldError::new("$", "requirements.no_template").with("name", id)]
    })?;
    yaojian::form::draft::check_draft(&t, parsed).map(|_| false).map_err(Vec::from)
}

impl Widget for SelfInspection {
    fn spec() -> &'static Spec {
        &SPEC
    }

    fn props(lang: Lang, on_emit: Callback<Value>) -> SelfInspectionProps {
        SelfInspectionProps {
            lang,
            on_emit,
            template: None,
            template_id: None,
            template_errors: None,
            storage_key: None,
            readonly: false,
            value: None,
            value_waits: false,
            server: Default::default(),
        }
    }

    fn lang(props: &mut SelfInspectionProps) -> &mut Lang {
        &mut props.lang
    }

    fn set(p: &mut SelfInspectionProps, name: &str, value: Option<&str>) -> Result<(), FieldError> {
        match name {
            "storage-key" => p.storage_key = value.map(|v| AttrValue::from(v.to_string())),
            "readonly" => p.readonly = value.is_some(),
            "endpoint" | "auth" => p.server.set(name, value)?,
            "template-id" => p.template_id = form_template_id(name, value, p.server.endpoint.as_deref().is_some_and(|e| !e.is_empty()))?,
            _ => return Err(contract::unknown_setting(name)),
        }
        Ok(())
    }

    fn put(p: &mut SelfInspectionProps, name: &str, json: &str) -> Result<(), Vec<FieldError>> {
        if name == "token" {
            return crate::common::server::token_property(json, &mut p.server.token);
        }
        let parsed = contract::parse_property(json)?;
        match name {
            "template" => template_property(parsed, &mut p.template, &mut p.template_errors),
            "value" => {
                p.value_waits = check_value(p, &parsed)?;
                p.value = Some(Rc::new(parsed));
                Ok(())
            }
            _ => Err(contract::unknown_property(name)),
        }
    }

    fn shows_refused(name: &str) -> bool {
        name == "template"
    }
}
