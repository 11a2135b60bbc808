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
        Some("draft.unreadable") => EVENT_ERROR,
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

/// The props of a widget, by kind: settings and properties change these, then the app
/// is given them again.
enum Props {
    Penalty(PenaltyProps),
    Requirements(RequirementsProps),
    Checklist(ChecklistProps),
    Form(SelfInspectionProps),
    Summary(SubmissionsSummaryProps),
}

/// The running Yew app of a widget.
enum App {
    Penalty(AppHandle<PenaltyCalculator>),
    Requirements(AppHandle<RequirementsChecker>),
    Checklist(AppHandle<ChecklistBoard>),
    Form(AppHandle<SelfInspection>),
    Summary(AppHandle<SubmissionsSummary>),
}

impl Props {
    fn for_kind(kind: &str, lang: Lang, on_emit: Callback<Value>) -> Option<Props> {
        Some(match kind {
            "penalty-calculator" => Props::Penalty(PenaltyProps {
                lang,
                on_emit,
                value: None,
                benchmark: None,
            }),
            "requirements" => Props::Requirements(RequirementsProps {
                lang,
                on_emit,
                template: None,
                value: None,
                benchmark: None,
            }),
            "rectification" => Props::Checklist(ChecklistProps {
                lang,
                on_emit,
                ..ChecklistProps::default()
            }),
            "self-inspection" => Props::Form(SelfInspectionProps {
                lang,
                on_emit,
                template: None,
                template_id: None,
                template_errors: None,
                storage_key: None,
                readonly: false,
                value: None,
            }),
            "submissions-summary" => Props::Summary(SubmissionsSummaryProps {
                lang,
                on_emit,
                template: None,
                template_id: None,
                template_errors: None,
                value: None,
            }),
            _ => return None,
        })
    }

    fn lang_mut(&mut self) -> &mut Lang {
        match self {
            Props::Penalty(p) => &mut p.lang,
            Props::Requirements(p) => &mut p.lang,
            Props::Checklist(p) => &mut p.lang,
            Props::Form(p) => &mut p.lang,
            Props::Summary(p) => &mut p.lang,
        }
    }

    /// Renders these props in `container`.
    fn render(&self, container: web_sys::Element) -> App {
        use yew::Renderer;
        match self {
            Props::Penalty(p) => {
                App::Penalty(Renderer::with_root_and_props(container, p.clone()).render())
            }
            Props::Requirements(p) => {
                App::Requirements(Renderer::with_root_and_props(container, p.clone()).render())
            }
            Props::Checklist(p) => {
                App::Checklist(Renderer::with_root_and_props(container, p.clone()).render())
            }
            Props::Form(p) => {
                App::Form(Renderer::with_root_and_props(container, p.clone()).render())
            }
            Props::Summary(p) => {
                App::Summary(Renderer::with_root_and_props(container, p.clone()).render())
            }
        }
    }
}

impl App {
    fn update(&mut self, props: &Props) {
        match (self, props) {
            (App::Penalty(a), Props::Penalty(p)) => a.update(p.clone()),
            (App::Requirements(a), Props::Requirements(p)) => a.update(p.clone()),
            (App::Checklist(a), Props::Checklist(p)) => a.update(p.clone()),
            (App::Form(a), Props::Form(p)) => a.update(p.clone()),
            (App::Summary(a), Props::Summary(p)) => a.update(p.clone()),
            _ => {}
        }
    }

    fn destroy(self) {
        match self {
            App::Penalty(a) => a.destroy(),
            App::Requirements(a) => a.destroy(),
            App::Checklist(a) => a.destroy(),
            App::Form(a) => a.destroy(),
            App::Summary(a) => a.destroy(),
        }
    }
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
        _ => Err(unknown_property(name)),
    }
}

fn unknown_property(name: &str) -> Vec<FieldError> {
    vec![FieldError::new("$", "embed.unknown_property").with("name", name)]
}

/// The self-inspection form's properties. A `value` is checked against the form's
/// template (`check_draft`) before it replaces what the respondent typed: a bad one
/// changes nothing. A read-only form's value is a submission: it must be an object, and
/// the read-only view checks the rest itself (and shows what is wrong with it).
fn self_inspection_property(
    p: &mut SelfInspectionProps,
    name: &str,
    parsed: Value,
) -> Result<(), Vec<FieldError>> {
    if name == "value" && p.readonly && !(parsed.is_null() || parsed.is_object()) {
        return Err(vec![FieldError::new("$", "form.value_shape")]);
    }
    if name == "value" && !parsed.is_null() && !p.readonly {
        let id = p.template_id.as_deref();
        let t = crate::forms::template_of(&p.template, id).ok_or_else(|| {
            let id = id.unwrap_or_default();
            vec![FieldError::new("$", "requirements.no_template").with("name", id)]
        })?;
        yaojian::form::draft::check_draft(&t, &parsed)?;
    }
    let r = form_property(name, parsed, &mut p.template, &mut p.template_errors);
    r.map(|v| p.value = v.or(p.value.take()))
}

/// The requirement checker's properties; a `value` names a template the checker has
/// and fits it (`yaojian::requirements::check_start`).
fn requirements_property(
    p: &mut RequirementsProps,
    name: &str,
    parsed: Value,
) -> Result<(), Vec<FieldError>> {
    match name {
        "template" if parsed.is_null() => p.template = None,
        "template" => p.template = Some(Rc::new(Template::from_value(parsed)?)),
        "value" if parsed.is_null() => p.value = None,
        "value" => {
            let bench = p
                .benchmark
                .as_deref()
                .unwrap_or_else(|| yaojian::penalty::default_benchmark());
            yaojian::requirements::check_start(&parsed, p.template.as_deref(), bench)?;
            p.value = Some(Rc::new(parsed));
        }
        "benchmark" => p.benchmark = benchmark_property(parsed)?,
        _ => return Err(unknown_property(name)),
    }
    Ok(())
}

/// A `benchmark` property: `null` returns to the default.
fn benchmark_property(parsed: Value) -> Result<Option<Rc<Benchmark>>, Vec<FieldError>> {
    match parsed {
        Value::Null => Ok(None),
        v => Ok(Some(Rc::new(Benchmark::from_value(v, "$")?))),
    }
}

fn penalty_property(
    p: &mut PenaltyProps,
    name: &str,
    parsed: Value,
) -> Result<(), Vec<FieldError>> {
    match name {
        "benchmark" => p.benchmark = benchmark_property(parsed)?,
        "value" => {
            // Check the shape now so the host hears about a bad case at once.
            yaojian::penalty::Case::from_value(&parsed)?;
            p.value = Some(Rc::new(parsed));
        }
        _ => return Err(unknown_property(name)),
    }
    Ok(())
}

/// A setting's value as a whole number (`None`: the attribute was removed).
fn number_setting<T: std::str::FromStr>(
    name: &str,
    value: Option<&str>,
) -> Result<Option<T>, FieldError> {
    match value.map(str::trim) {
        None => Ok(None),
        Some(v) => v
            .parse()
            .map(Some)
            .map_err(|_| FieldError::new(name, "embed.setting_number").with("value", v)),
    }
}

/// A `template-id` setting: the id of a built-in form template, or none.
fn built_in_form(name: &str, id: Option<&str>) -> Result<Option<AttrValue>, FieldError> {
    match id {
        Some(id) if yaojian::form::built_in_source(id).is_none() => {
            Err(FieldError::new(name, "requirements.no_template").with("name", id))
        }
        id => Ok(id.map(|id| AttrValue::from(id.to_string()))),
    }
}

/// Applies one setting to a widget's props, without rendering. `Ok(false)`: the widget
/// has no such setting. A bad value is an error naming the setting, and the props keep
/// what they had.
fn apply_setting(props: &mut Props, name: &str, value: Option<String>) -> Result<bool, FieldError> {
    let attr = || value.clone().map(AttrValue::from);
    match props {
        Props::Form(p) => match name {
            "storage-key" => p.storage_key = attr(),
            "readonly" => p.readonly = value.is_some(),
            "template-id" => p.template_id = built_in_form(name, value.as_deref())?,
            _ => return Ok(false),
        },
        Props::Checklist(p) => match name {
            "storage-key" => p.storage_key = attr(),
            "notice-pattern" => {
                if let Some(v) = &value {
                    yaojian::checklist::check_number_pattern(v, name)?;
                }
                p.notice_pattern = attr();
            }
            "notice-seq" => p.notice_seq = number_setting(name, value.as_deref())?,
            "page-size" => {
                let n: Option<usize> = number_setting(name, value.as_deref())?;
                if n == Some(0) {
                    return Err(FieldError::new(name, "embed.setting_number").with("value", 0));
                }
                p.page_size = n;
            }
            _ => return Ok(false),
        },
        Props::Summary(p) if name == "template-id" => {
            p.template_id = built_in_form(name, value.as_deref())?
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// A mounted widget, held by `yaojian.js` until the element is removed.
#[wasm_bindgen]
pub struct WidgetHandle {
    app: Option<App>,
    props: Props,
    emit: Emit,
}

fn errors_json(errors: &[FieldError], lang: Lang) -> Value {
    json!(errors.iter().map(|e| e.localized(lang)).collect::<Vec<_>>())
}

/// The `yj-error` a refused property or setting gives: `{type: "<name>.invalid",
/// property | setting: name, errors: [{path, code, message}]}`.
fn refusal(kind: &str, name: &str, errors: &[FieldError], lang: Lang) -> Value {
    json!({ "type": format!("{name}.invalid"), kind: name, "errors": errors_json(errors, lang) })
}

impl WidgetHandle {
    fn lang(&mut self) -> Lang {
        *self.props.lang_mut()
    }

    fn rerender(&mut self) {
        if let Some(app) = &mut self.app {
            app.update(&self.props);
        }
    }

    /// Applies a property to the props; the error list when it is refused.
    fn apply_property(&mut self, name: &str, json_text: &str) -> Result<(), Vec<FieldError>> {
        // A checklist is read straight into the engine's list: thousands of items are
        // parsed once, not into a JSON value first.
        if let Props::Checklist(p) = &mut self.props {
            if name != "value" {
                return Err(unknown_property(name));
            }
            p.value = Some(Rc::new(yaojian::checklist::ItemList::from_json(json_text)?));
            return Ok(());
        }
        let parsed = yaojian::json::parse_document(json_text, "$").map_err(|e| vec![e])?;
        match &mut self.props {
            Props::Penalty(p) => penalty_property(p, name, parsed),
            Props::Requirements(p) => requirements_property(p, name, parsed),
            Props::Form(p) => self_inspection_property(p, name, parsed),
            // `value`: submissions, an array or one.
            Props::Summary(p) => {
                let r = form_property(name, parsed, &mut p.template, &mut p.template_errors);
                r.map(|v| p.value = v.or(p.value.take()))
            }
            Props::Checklist(_) => Ok(()),
        }
    }
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Switches the widget's language live (`zh-CN`, `zh-TW`, `en`; anything else: zh-CN).
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&mut self, tag: &str) {
        *self.props.lang_mut() = Lang::parse(tag);
        self.rerender();
    }

    /// Sets a structured property from JSON text: `value` (the widget's data),
    /// `benchmark` (penalty) or `template` (requirements, forms). A refused value is
    /// reported as a `yj-error` event naming the JSON path, and the widget keeps what it
    /// had (a bad form template is shown too, as a panel naming each path). Returns
    /// whether the value was accepted.
    #[wasm_bindgen(js_name = setProperty)]
    pub fn set_property(&mut self, name: &str, json_text: &str) -> bool {
        let r = self.apply_property(name, json_text);
        let template_shown =
            matches!(&self.props, Props::Form(_) | Props::Summary(_)) && name == "template";
        if r.is_ok() || template_shown {
            self.rerender();
        }
        match r {
            Ok(()) => true,
            Err(e) => {
                let lang = self.lang();
                (self.emit)(EVENT_ERROR, &refusal("property", name, &e, lang));
                false
            }
        }
    }

    /// Reports a property the page set that is not JSON (a BigInt, a cycle): the same
    /// `yj-error` as any refused value, with `detail` the browser's reason.
    #[wasm_bindgen(js_name = refuseProperty)]
    pub fn refuse_property(&mut self, name: &str, detail: &str) {
        let e = FieldError::new("$", "embed.not_json").with("detail", detail);
        let lang = self.lang();
        (self.emit)(EVENT_ERROR, &refusal("property", name, &[e], lang));
    }

    /// Sets a scalar setting from an attribute (`null` when removed): for the
    /// self-inspection form `storage-key`, `readonly` and `template-id`; for the
    /// checklist `storage-key`, `notice-pattern`, `notice-seq` and `page-size`; for the
    /// submissions summary `template-id`. A bad value is a `yj-error` naming the setting.
    #[wasm_bindgen(js_name = setSetting)]
    pub fn set_setting(&mut self, name: &str, value: Option<String>) {
        match apply_setting(&mut self.props, name, value) {
            Ok(true) => self.rerender(),
            Ok(false) => {}
            Err(e) => {
                let lang = self.lang();
                (self.emit)(EVENT_ERROR, &refusal("setting", name, &[e], lang));
            }
        }
    }

    /// Unmounts the widget and frees everything it holds.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

/// Mounts widget `kind` in `container`. `emit(eventName, json)` receives everything the
/// widget emits. `settings` is a JSON object of the settings the element has at mount
/// (`{"storage-key": "k"}`): applied before the first render, so the widget starts from
/// them (a kept draft is found at once). Unknown kinds are an error the JS side reports
/// as `yj-error`.
#[wasm_bindgen(js_name = mountWidget)]
pub fn mount_widget(
    kind: &str,
    container: web_sys::Element,
    emit: js_sys::Function,
    lang: &str,
    settings: &str,
) -> Result<WidgetHandle, JsValue> {
    let emit = emitter(emit);
    let lang = Lang::parse(lang);
    let on_emit = {
        let emit = emit.clone();
        Callback::from(move |v: Value| emit(event_for(&v), &v))
    };
    let mut props = Props::for_kind(kind, lang, on_emit).ok_or_else(|| {
        JsValue::from_str(&format!(
            "yaojian: unknown widget kind \"{kind}\"; known: {}",
            KINDS.join(", ")
        ))
    })?;
    let settings: serde_json::Map<String, Value> =
        serde_json::from_str(settings).unwrap_or_default();
    let mut refused = Vec::new();
    for (name, v) in settings {
        if let Err(e) = apply_setting(&mut props, &name, v.as_str().map(str::to_string)) {
            refused.push(refusal("setting", &name, &[e], lang));
        }
    }
    let app = props.render(container);
    for r in refused {
        emit(EVENT_ERROR, &r);
    }
    Ok(WidgetHandle {
        app: Some(app),
        props,
        emit,
    })
}

/// The widget kinds this bundle carries.
#[wasm_bindgen(js_name = widgetKinds)]
pub fn widget_kinds() -> Vec<String> {
    KINDS.iter().map(|k| k.to_string()).collect()
}

thread_local! {
    /// The page's panic handler (`setPanicHandler`), told of a panic before the wasm
    /// instance stops.
    static PANIC_HANDLER: std::cell::RefCell<Option<js_sys::Function>> = const { std::cell::RefCell::new(None) };
}

/// Registers `handler(message)`, called when the engine or a widget panics. After a
/// panic this wasm instance is unusable (the panic aborts); `yaojian.js` uses the call
/// to tell each element, show the failure in words and start the other widgets again
/// on a fresh instance. The handler must not call back into this instance.
#[wasm_bindgen(js_name = setPanicHandler)]
pub fn set_panic_handler(handler: js_sys::Function) {
    PANIC_HANDLER.with(|h| {
        if let Ok(mut h) = h.try_borrow_mut() {
            *h = Some(handler);
        }
    });
}

/// Installed once: a panic is logged with a clear prefix and handed to the page's panic
/// handler, instead of Yew replacing the hook on every render (several widgets share
/// one module instance).
pub fn install_panic_hook() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = format!("yaojian: internal error: {info}");
        web_sys::console::error_1(&JsValue::from_str(&message));
        PANIC_HANDLER.with(|h| {
            if let Ok(h) = h.try_borrow() {
                if let Some(f) = h.as_ref() {
                    let _ = f.call1(&JsValue::NULL, &JsValue::from_str(&message));
                }
            }
        });
    }));
}

/// Panics on purpose, for the e2e test of panic containment (it imports
/// `yaojian_core.js` itself; `yaojian.js` does not re-export this).
#[wasm_bindgen(js_name = panicForTest)]
pub fn panic_for_test(message: &str) {
    panic!("test panic: {message}");
}
