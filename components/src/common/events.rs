//! What widgets emit, typed: one enum, serialised with its `type` to the JSON that
//! `docs/embedding.md` documents and `schemas/events.schema.json` describes. A widget
//! never writes an event's JSON by hand; `embed` picks the DOM event name from it.

use serde::Serialize;
use serde_json::Value;
use yew::Callback;

/// The id and version of the template a form event is about.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct TemplateRef {
    pub id: String,
    pub version: String,
}

/// Every document a widget sends to its host.
#[derive(Serialize, Clone, Debug, PartialEq)]
#[serde(tag = "type")]
pub enum Emitted {
    /// Every change of a self-inspection form.
    #[serde(rename = "form.change")]
    FormChange {
        template: TemplateRef,
        answers: Value,
        findings: Value,
        progress: Value,
    },
    /// A self-inspection submitted: the submission document.
    #[serde(rename = "form.submit")]
    FormSubmit { submission: Value },
    #[serde(rename = "form.draft_saved")]
    FormDraftSaved {
        storage_key: String,
        saved_at: String,
    },
    /// The whole rectification list after a change.
    #[serde(rename = "checklist.change")]
    ChecklistChange { list: Value },
    #[serde(rename = "checklist.draft_saved")]
    ChecklistDraftSaved {
        storage_key: String,
        saved_at: String,
    },
    #[serde(rename = "penalty.assessment")]
    PenaltyAssessment { case: Value, assessment: Value },
    /// A case the engine refused: `errors` as `[{path, code, message}]`.
    #[serde(rename = "penalty.invalid")]
    PenaltyInvalid { case: Value, errors: Value },
    #[serde(rename = "requirements.result")]
    RequirementsResult {
        template: String,
        answers: Value,
        have: Value,
        result: Value,
    },
    /// The summary's counts (not its rows) each time its batch changes.
    #[serde(rename = "summary.change")]
    SummaryChange {
        template: TemplateRef,
        total: usize,
        counted: usize,
        with_findings: usize,
        missing_attestation: usize,
        invalid: usize,
        rejected: usize,
        findings: Value,
        questions: Value,
        /// Which versions it counts, and those the server holds it does not count.
        versions: Value,
    },
    #[serde(rename = "summary.export")]
    SummaryExport { file: String, rows: usize },
    /// The template being written, after every change in the form builder.
    #[serde(rename = "builder.change")]
    BuilderChange {
        template: Value,
        valid: bool,
        errors: usize,
    },
    /// A template version the form builder published on the server: 201 published now,
    /// 200 published before with the same content.
    #[serde(rename = "builder.publish")]
    BuilderPublish {
        id: String,
        version: String,
        status: u16,
    },
    /// A kept draft that could not be read, moved aside unchanged to `kept_as`.
    #[serde(rename = "draft.unreadable")]
    DraftUnreadable {
        storage_key: String,
        kept_as: String,
    },
}

/// The DOM event a document of `type` goes out as.
pub fn event_name(event_type: &str) -> &'static str {
    match event_type {
        "form.submit" | "builder.publish" => "yj-submit",
        "form.draft_saved" | "checklist.draft_saved" => "yj-draft-saved",
        // A property refused late (the requirement checker's value or benchmark, checked
        // once the data they need was fetched).
        "draft.unreadable" | "value.invalid" | "benchmark.invalid" => "yj-error",
        // Taken by yaojian.js, never dispatched (`common::data`).
        "data.wanted" => "yj-data-wanted",
        _ => "yj-change",
    }
}

impl Emitted {
    /// The JSON the host receives.
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// Sends this document to the host.
    pub fn send(self, on_emit: &Callback<Value>) {
        on_emit.emit(self.to_value());
    }
}

/// The `yj-error` a refused property or setting gives: `{type: "<name>.invalid",
/// property | setting: name, errors: [{path, code, message}]}`. The embedding layer
/// sends it when it refuses; a widget, when it can check a property only later (the
/// requirement checker's value, once its template is fetched).
pub fn refusal(
    kind: &str,
    name: &str,
    errors: &[yaojian::FieldError],
    lang: yaojian::Lang,
) -> Value {
    let errors: Vec<Value> = errors.iter().map(|e| json_of(&e.localized(lang))).collect();
    serde_json::json!({ "type": format!("{name}.invalid"), kind: name, "errors": errors })
}

/// Any serialisable engine value as JSON (the payload of an event).
pub fn json_of<T: Serialize + ?Sized>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}
