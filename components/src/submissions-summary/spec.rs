//! The submissions summary's contract: a built-in or given template, and submissions.
//!
//! words: fs
//! data: penalty-rules form-representative-personal
//! data-on-demand: form-mah-representative-management

use super::{SubmissionsSummary, SubmissionsSummaryProps};
use crate::common::properties::{form_template_id, template_property, TEMPLATE, TEMPLATE_ID};
use crate::contract::{self, EventDoc, Property, Setting, Spec, Widget};
use serde_json::Value;
use std::rc::Rc;
use yaojian::{FieldError, Lang};
use yew::Callback;

static SPEC: Spec = Spec {
    kind: "submissions-summary",
    title: "自查汇总 the bureau's summary of many submissions to one template: counts per question and finding, submitters with findings, missing attestations, filters, CSV download. Staff load JSON files or paste JSON; or set `value`",
    settings: &[
        TEMPLATE_ID,
        Setting {
            name: "endpoint",
            values: "the URL of `yaojian-server`'s API, e.g. `/api/v1` (docs/server.md)",
            effect: "the submissions are read from the server (what the token may see, page by page) and the full CSV downloads from it; files and pasted JSON still add to what is loaded",
        },
        Setting {
            name: "auth",
            values: "`token` (default), `cookie`",
            effect: "with `endpoint`: `token` waits for the `token` property before reading; `cookie` reads at once, signed in by the `yaojian_token` cookie the portal set on the server's own origin",
        },
    ],
    properties: &[
        TEMPLATE,
        Property {
            name: "value",
            meaning: "read: the detail of the latest `yj-change`; write: submissions to summarise, an array of submission documents (or one), replacing what is loaded. Submissions to another template, or not shaped like one, are listed as set aside; ones failing validation are counted and flagged",
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
            detail: "`{type: \"summary.change\", template, total, counted, with_findings, missing_attestation, invalid, rejected, findings: [{question, title, severity, count}], questions: [{id, label, kind, answered, values}], versions: [{version, count, counted}]}` each time the batch changes (the counts, not the rows); `{type: \"summary.export\", file, rows}` after a CSV download",
        },
        contract::ERROR_EVENT,
    ],
};

impl Widget for SubmissionsSummary {
    fn spec() -> &'static Spec {
        &SPEC
    }

    fn props(lang: Lang, on_emit: Callback<Value>) -> SubmissionsSummaryProps {
        SubmissionsSummaryProps {
            lang,
            on_emit,
            template: None,
            template_id: None,
            template_errors: None,
            value: None,
            server: Default::default(),
        }
    }

    fn lang(props: &mut SubmissionsSummaryProps) -> &mut Lang {
        &mut props.lang
    }

    fn set(
        p: &mut SubmissionsSummaryProps,
        name: &str,
        value: Option<&str>,
    ) -> Result<(), FieldError> {
        match name {
            "template-id" => p.template_id = form_template_id(name, value, p.server.endpoint.as_deref().is_some_and(|e| !e.is_empty()))?,
            "endpoint" | "auth" => p.server.set(name, value)?,
            _ => return Err(contract::unknown_setting(name)),
        }
        Ok(())
    }

    fn put(p: &mut SubmissionsSummaryProps, name: &str, json: &str) -> Result<(), Vec<FieldError>> {
        if name == "token" {
            return crate::common::server::token_property(json, &mut p.server.token);
        }
        let parsed = contract::parse_property(json)?;
        match name {
            "template" => template_property(parsed, &mut p.template, &mut p.template_errors),
            "value" => {
                p.value = Some(Rc::new(parsed));
                Ok(())
            }
            _ => Err(contract::unknown_property(name)),
        }
    }

    /// Nothing: the last change holds counts, not the submissions (the page's `value`
    /// is set again after a restart).
    fn restore(_: &Value) -> Option<Value> {
        None
    }

    fn shows_refused(name: &str) -> bool {
        name == "template"
    }
}
