//! The embedding layer's Rust half. `yaojian.js` (components/js/) defines the custom
//! elements and the `mount`/`unmount` API; for each widget it creates a container and
//! calls [`mount_widget`], which renders the Yew widget there and returns a
//! [`WidgetHandle`] for live updates (language, structured properties) and teardown.
//! Everything a widget emits goes to the JS `emit(eventName, json)` callback, which
//! dispatches a `CustomEvent` on the host element.

use crate::checklist::{ChecklistBoard, ChecklistProps};
use crate::forms::{SelfInspection, SelfInspectionProps};
use crate::penalty::{PenaltyCalculator, PenaltyProps};
use crate::requirements::{RequirementsChecker, RequirementsProps};
use crate::summary::{SubmissionsSummary, SubmissionsSummaryProps};
use serde_json::{json, Value};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yaojian::penalty::Benchmark;
use yaojian::requirements::Template;
use yaojian::{FieldError, Lang};
use yew::prelude::*;
use yew::AppHandle;

/// The widgets the bundle can mount, by kind: the custom element `yj-<kind>` maps here.
pub const KINDS: &[&str] = &[
    "self-inspection",
    "submissions-summary",
    "rectification",
    "penalty-calculator",
    "requirements",
];

/// Event names a widget may emit; `yaojian.js` dispatches them as `CustomEvent`s.
pub const EVENT_CHANGE: &str = "yj-change";
pub const EVENT_ERROR: &str = "yj-error";
pub const EVENT_SUBMIT: &str = "yj-submit";
pub const EVENT_DRAFT_SAVED: &str = "yj-draft-saved";

/// The event a widget document goes out as, by its `type`.
fn event_for(v: &Value) -> &'static str {
    match v["type"].as_str() {
        Some("form.submit") => EVENT_SUBMIT,
        Some("form.draft_saved" | "checklist.draft_saved") => EVENT_DRAFT_SAVED,
        _ => EVENT_CHANGE,
    }
}

/// Sends `(event name, detail)` to the JS side.
type Emit = Rc<dyn Fn(&str, &Value)>;

fn emitter(emit: js_sys::Function) -> Emit {
    Rc::new(move |name: &str, detail: &Value| {
        let _ = emit.call2(
            &JsValue::NULL,
            &JsValue::from_str(name),
            &JsValue::from_str(&detail.to_string()),
        );
    })
}

enum Mounted {
    Penalty(AppHandle<PenaltyCalculator>, PenaltyProps),
    Requirements(AppHandle<RequirementsChecker>, RequirementsProps),
    Checklist(AppHandle<ChecklistBoard>, ChecklistProps),
    Form(AppHandle<SelfInspection>, SelfInspectionProps),
    Summary(AppHandle<SubmissionsSummary>, SubmissionsSummaryProps),
}

/// Sets a property of a widget built on a form template (the form, the summary).
/// `template`: `null` clears it; a bad one is kept as errors, which the widget shows in
/// a panel naming each JSON path, and returned so the host hears of them too.
/// `value`: returned as the new value. Anything else is an unknown property.
fn form_property(
    name: &str,
    parsed: Value,
    template: &mut Option<Rc<yaojian::form::Template>>,
    errors: &mut Option<Rc<Vec<FieldError>>>,
) -> Result<Option<Rc<Value>>, Vec<FieldError>> {
    match name {
        "value" => Ok(Some(Rc::new(parsed))),
        "template" => {
            *template = None;
            *errors = None;
            if !parsed.is_null() {
                let t = yaojian::form::Template::from_value(parsed)
                    .inspect_err(|e| *errors = Some(Rc::new(e.clone())))?;
                *template = Some(Rc::new(t));
            }
            Ok(None)
        }
        _ => Err(vec![
            FieldError::new("$", "embed.unknown_property").with("name", name)
        ]),
    }
}

/// A mounted widget, held by `yaojian.js` until the element is removed.
#[wasm_bindgen]
pub struct WidgetHandle {
    mounted: Option<Mounted>,
    emit: Emit,
}

fn errors_json(errors: &[FieldError], lang: Lang) -> Value {
    json!(errors.iter().map(|e| e.localized(lang)).collect::<Vec<_>>())
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Switches the widget's language live (`zh-CN`, `zh-TW`, `en`; anything else: zh-CN).
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&mut self, tag: &str) {
        let lang = Lang::parse(tag);
        match &mut self.mounted {
            Some(Mounted::Penalty(app, props)) => {
                props.lang = lang;
                app.update(props.clone());
            }
            Some(Mounted::Requirements(app, props)) => {
                props.lang = lang;
                app.update(props.clone());
            }
            Some(Mounted::Checklist(app, props)) => {
                props.lang = lang;
                app.update(props.clone());
            }
            Some(Mounted::Form(app, props)) => {
                props.lang = lang;
                app.update(props.clone());
            }
            Some(Mounted::Summary(app, props)) => {
                props.lang = lang;
                app.update(props.clone());
            }
            None => {}
        }
    }

    /// Sets a structured property from JSON text: `value` (the widget's data),
    /// `benchmark` (penalty) or `template` (requirements). A malformed value is reported
    /// as a `yj-error` event naming the JSON path, and the widget keeps what it had.
    #[wasm_bindgen(js_name = setProperty)]
    pub fn set_property(&mut self, name: &str, json_text: &str) {
        let emit = self.emit.clone();
        let lang = match &self.mounted {
            Some(Mounted::Penalty(_, p)) => p.lang,
            Some(Mounted::Requirements(_, p)) => p.lang,
            Some(Mounted::Checklist(_, p)) => p.lang,
            Some(Mounted::Form(_, p)) => p.lang,
            Some(Mounted::Summary(_, p)) => p.lang,
            None => return,
        };
        let report = |errors: Vec<FieldError>| {
            emit(
                EVENT_ERROR,
                &json!({ "type": format!("{name}.invalid"), "property": name, "errors": errors_json(&errors, lang) }),
            );
        };
        // A checklist is read straight into the engine's list: thousands of items are
        // parsed once, not into a JSON value first.
        if let Some(Mounted::Checklist(app, props)) = &mut self.mounted {
            if name != "value" {
                return report(vec![
                    FieldError::new("$", "embed.unknown_property").with("name", name)
                ]);
            }
            match yaojian::checklist::ItemList::from_json(json_text) {
                Ok(list) => props.value = Some(Rc::new(list)),
                Err(e) => return report(e),
            }
            app.update(props.clone());
            return;
        }
        let parsed = match yaojian::json::parse_document(json_text, "$") {
            Ok(v) => v,
            Err(e) => return report(vec![e]),
        };
        let unknown = || vec![FieldError::new("$", "embed.unknown_property").with("name", name)];
        match &mut self.mounted {
            Some(Mounted::Penalty(app, props)) => {
                match name {
                    "benchmark" if parsed.is_null() => props.benchmark = None,
                    "benchmark" => match Benchmark::from_value(parsed, "$") {
                        Ok(b) => props.benchmark = Some(Rc::new(b)),
                        Err(e) => return report(e),
                    },
                    "value" => {
                        // Check the shape now so the host hears about a bad case at once.
                        if let Err(e) = yaojian::penalty::Case::from_value(&parsed) {
                            return report(e);
                        }
                        props.value = Some(Rc::new(parsed));
                    }
                    _ => return report(unknown()),
                }
                app.update(props.clone());
            }
            Some(Mounted::Requirements(app, props)) => {
                match name {
                    "template" if parsed.is_null() => props.template = None,
                    "template" => match Template::from_value(parsed) {
                        Ok(t) => props.template = Some(Rc::new(t)),
                        Err(e) => return report(e),
                    },
                    "value" => props.value = Some(Rc::new(parsed)),
                    "benchmark" if parsed.is_null() => props.benchmark = None,
                    "benchmark" => match Benchmark::from_value(parsed, "$") {
                        Ok(b) => props.benchmark = Some(Rc::new(b)),
                        Err(e) => return report(e),
                    },
                    _ => return report(unknown()),
                }
                app.update(props.clone());
            }
            // Handled above.
            Some(Mounted::Checklist(..)) => {}
            // `value`: answers (form) or submissions, an array or one (summary).
            Some(Mounted::Form(app, p)) => {
                let r = form_property(name, parsed, &mut p.template, &mut p.template_errors);
                let r = r.map(|v| p.value = v.or(p.value.take()));
                app.update(p.clone());
                if let Err(e) = r {
                    report(e);
                }
            }
            Some(Mounted::Summary(app, p)) => {
                let r = form_property(name, parsed, &mut p.template, &mut p.template_errors);
                let r = r.map(|v| p.value = v.or(p.value.take()));
                app.update(p.clone());
                if let Err(e) = r {
                    report(e);
                }
            }
            None => {}
        }
    }

    /// Sets a scalar setting from an attribute (`null` when removed): for the
    /// self-inspection form `storage-key`, `readonly` and `template-id`; for the
    /// checklist `storage-key`, `notice-pattern`, `notice-seq` and `page-size`; for the submissions
    /// summary `template-id`.
    #[wasm_bindgen(js_name = setSetting)]
    pub fn set_setting(&mut self, name: &str, value: Option<String>) {
        match &mut self.mounted {
            Some(Mounted::Form(app, props)) => {
                match name {
                    "storage-key" => props.storage_key = value.map(AttrValue::from),
                    "readonly" => props.readonly = value.is_some(),
                    "template-id" => props.template_id = value.map(AttrValue::from),
                    _ => return,
                }
                app.update(props.clone());
            }
            Some(Mounted::Checklist(app, props)) => {
                match name {
                    "storage-key" => props.storage_key = value.map(AttrValue::from),
                    "notice-pattern" => props.notice_pattern = value.map(AttrValue::from),
                    "notice-seq" => props.notice_seq = value.and_then(|v| v.trim().parse().ok()),
                    "page-size" => props.page_size = value.and_then(|v| v.trim().parse().ok()),
                    _ => return,
                }
                app.update(props.clone());
            }
            Some(Mounted::Summary(app, props)) if name == "template-id" => {
                props.template_id = value.map(AttrValue::from);
                app.update(props.clone());
            }
            _ => {}
        }
    }

    /// Unmounts the widget and frees everything it holds.
    pub fn destroy(&mut self) {
        match self.mounted.take() {
            Some(Mounted::Penalty(app, _)) => app.destroy(),
            Some(Mounted::Requirements(app, _)) => app.destroy(),
            Some(Mounted::Checklist(app, _)) => app.destroy(),
            Some(Mounted::Form(app, _)) => app.destroy(),
            Some(Mounted::Summary(app, _)) => app.destroy(),
            None => {}
        }
    }
}

/// Mounts widget `kind` in `container`. `emit(eventName, json)` receives everything the
/// widget emits. Unknown kinds are an error the JS side reports as `yj-error`.
#[wasm_bindgen(js_name = mountWidget)]
pub fn mount_widget(
    kind: &str,
    container: web_sys::Element,
    emit: js_sys::Function,
    lang: &str,
) -> Result<WidgetHandle, JsValue> {
    let emit = emitter(emit);
    let lang = Lang::parse(lang);
    let on_emit = {
        let emit = emit.clone();
        Callback::from(move |v: Value| emit(event_for(&v), &v))
    };
    let mounted = match kind {
        "penalty-calculator" => {
            let props = PenaltyProps {
                lang,
                on_emit,
                value: None,
                benchmark: None,
            };
            let app =
                yew::Renderer::<PenaltyCalculator>::with_root_and_props(container, props.clone())
                    .render();
            Mounted::Penalty(app, props)
        }
        "requirements" => {
            let props = RequirementsProps {
                lang,
                on_emit,
                template: None,
                value: None,
                benchmark: None,
            };
            let app =
                yew::Renderer::<RequirementsChecker>::with_root_and_props(container, props.clone())
                    .render();
            Mounted::Requirements(app, props)
        }
        "rectification" => {
            let props = ChecklistProps {
                lang,
                on_emit,
                value: None,
                today: None,
                ..ChecklistProps::default()
            };
            let app =
                yew::Renderer::<ChecklistBoard>::with_root_and_props(container, props.clone())
                    .render();
            Mounted::Checklist(app, props)
        }
        "self-inspection" => {
            let props = SelfInspectionProps {
                lang,
                on_emit,
                template: None,
                template_id: None,
                template_errors: None,
                storage_key: None,
                readonly: false,
                value: None,
            };
            let app =
                yew::Renderer::<SelfInspection>::with_root_and_props(container, props.clone())
                    .render();
            Mounted::Form(app, props)
        }
        "submissions-summary" => {
            let props = SubmissionsSummaryProps {
                lang,
                on_emit,
                template: None,
                template_id: None,
                template_errors: None,
                value: None,
            };
            let app =
                yew::Renderer::<SubmissionsSummary>::with_root_and_props(container, props.clone())
                    .render();
            Mounted::Summary(app, props)
        }
        other => {
            return Err(JsValue::from_str(&format!(
                "yaojian: unknown widget kind \"{other}\"; known: {}",
                KINDS.join(", ")
            )))
        }
    };
    Ok(WidgetHandle {
        mounted: Some(mounted),
        emit,
    })
}

/// The widget kinds this bundle carries.
#[wasm_bindgen(js_name = widgetKinds)]
pub fn widget_kinds() -> Vec<String> {
    KINDS.iter().map(|k| k.to_string()).collect()
}

/// Installed once: a panic is logged with a clear prefix instead of Yew replacing the
/// hook on every render (several widgets share one module instance).
pub fn install_panic_hook() {
    yew::set_custom_panic_hook(Box::new(|info| {
        web_sys::console::error_1(&JsValue::from_str(&format!(
            "yaojian: internal error: {info}"
        )));
    }));
}
