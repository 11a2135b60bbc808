//! 自查表编辑器 widget: bureau staff write a self-inspection template: sections and
//! questions added, moved, copied and removed with buttons, each field checked by the
//! engine's template parser (errors at the field and in a summary), undo and redo
//! (Ctrl+Z, Ctrl+Shift+Z), the form itself as a live preview (phone width on request),
//! a built-in template as a start, JSON export, and the draft kept in `localStorage`.
//! The engine's `form::builder` holds the document and every rule; this folder renders.

mod editor;
mod spec;
#[cfg(all(test, target_arch = "wasm32"))]
mod tests;

use crate::common::events::Emitted;
use crate::common::{t, tf, use_id_prefix, ErrorItem, ErrorSummary};
use crate::widgets::self_inspection::SelfInspection;
use serde_json::Value;
use std::rc::Rc;
use yaojian::form::builder::{Builder, Edit};
use yaojian::form::Template;
use yaojian::{FieldError, Lang};
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct FormBuilderProps {
    #[prop_or_default]
    pub lang: Lang,
    #[prop_or_default]
    pub on_emit: Callback<Value>,
    /// A template document to start from, in place of the draft.
    #[prop_or_default]
    pub value: Option<Rc<Value>>,
    /// Where the draft is kept (`yaojian:builder:<key>`).
    #[prop_or_default]
    pub storage_key: Option<AttrValue>,
}

/// The builder's state: the engine's document with its undo steps, and the view's.
#[derive(Clone, PartialEq)]
pub struct State {
    pub builder: Builder,
    /// Bumped on every change of the document.
    pub revision: u32,
    /// The preview at phone width.
    pub phone: bool,
    /// Why the last edit was not made, if it was not.
    pub refused: Option<String>,
    /// The built-in template chosen to start from (empty: a blank form).
    pub chosen: String,
}

pub enum Msg {
    Edit(Edit),
    Undo,
    Redo,
    /// A whole document (the host's value, a built-in template, a new blank one).
    Load(Value),
    Phone(bool),
    Choose(String),
}

impl Reducible for State {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut s = (*self).clone();
        s.refused = None;
        let changed = match msg {
            Msg::Edit(e) => match s.builder.apply(e) {
                Ok(()) => true,
                Err(r) => {
                    s.refused = Some(r.path);
                    false
                }
            },
            Msg::Undo => s.builder.undo(),
            Msg::Redo => s.builder.redo(),
            Msg::Load(doc) => {
                s.builder.replace(doc);
                true
            }
            Msg::Phone(on) => {
                s.phone = on;
                false
            }
            Msg::Choose(id) => {
                s.chosen = id;
                false
            }
        };
        if changed {
            s.revision += 1;
        }
        Rc::new(s)
    }
}

fn draft_key(props: &FormBuilderProps) -> String {
    format!("yaojian:builder:{}", props.storage_key.as_deref().unwrap_or("default"))
}

/// The document to start from: the host's value, else the kept draft, else a blank form.
fn initial(props: &FormBuilderProps) -> State {
    let kept = || match crate::common::read_kept(&draft_key(props), |t| serde_json::from_str::<Value>(t).ok()) {
        crate::common::Kept::Found(v) if v.is_object() => Some(v),
        _ => None,
    };
    let builder = match props.value.as_deref().cloned().or_else(kept) {
        Some(doc) => Builder::new(doc),
        None => Builder::blank("my-form", "1"),
    };
    State {
        builder,
        revision: 0,
        phone: false,
        refused: None,
        chosen: String::new(),
    }
}

/// The element id suffix of the field a JSON path names (`$.sections[0].questions[2].label`
/// → `s0-q2-label`); a path inside a field goes to the field. The path is read by the
/// engine (`form::builder::steps`), as it writes it.
pub(crate) fn field_suffix(path: &str) -> String {
    use yaojian::form::builder::Step;
    let steps = yaojian::form::builder::steps(path).unwrap_or_default();
    let mut parts: Vec<String> = Vec::new();
    let mut field = "";
    let mut it = steps.iter().peekable();
    while let Some(step) = it.next() {
        let Step::Key(key) = step else { break };
        let letter = match (key.as_str(), parts.len()) {
            ("sections", 0) => "s",
            ("questions", 1) => "q",
            ("options", 2) => "o",
            _ => "",
        };
        match it.peek() {
            Some(Step::Index(n)) if !letter.is_empty() => {
                parts.push(format!("{letter}{n}"));
                it.next();
            }
            _ => {
                field = key;
                break;
            }
        }
    }
    let field = match (parts.len(), field) {
        (0, "id") => "form-id",
        (0, "version") => "version",
        (0, "sections") => "add-section",
        (0, _) => "form-title",
        (1, _) => "title",
        (2, "id" | "label" | "statement" | "required") => field,
        (2, _) => "kind",
        (3, "label") => "label",
        (3, _) => "value",
        _ => "form-title",
    };
    parts.push(field.to_string());
    parts.join("-")
}

#[function_component(FormBuilder)]
pub fn form_builder(props: &FormBuilderProps) -> Html {
    let lang = props.lang;
    let prefix = use_id_prefix("yj-fb");
    let state = use_reducer(|| initial(props));
    let d = state.dispatcher();
    {
        let d = d.clone();
        crate::common::use_host_value(props.value.clone(), move |v| d.dispatch(Msg::Load(v.clone())));
    }
    // The template parsed once per change: the preview's template, or every error.
    let checked = use_memo(state.revision, {
        let b = state.builder.clone();
        move |_| match b.template() {
            Ok(t) => (Some(Rc::new(t)), Rc::new(Vec::new())),
            Err(e) => (None, Rc::new(e.0)),
        }
    });
    let (template, errors) = (checked.0.clone(), checked.1.clone());
    // Every change: kept as the draft (or why it could not be), and the host hears of it.
    let save_error = use_state(|| None::<String>);
    {
        let (doc, on_emit, key) = (state.builder.document().clone(), props.on_emit.clone(), draft_key(props));
        let (errors, save_error) = (errors.len(), save_error.clone());
        use_effect_with(state.revision, move |_| {
            save_error.set(crate::common::store_set(&key, &doc.to_string()).err());
            Emitted::BuilderChange { valid: errors == 0, errors, template: doc }.send(&on_emit);
        });
    }
    let id = |s: &str| format!("{prefix}-{s}");
    let items: Vec<ErrorItem> = errors
        .iter()
        .map(|e: &FieldError| ErrorItem { field_id: id(&field_suffix(&e.path)), message: e.message(lang) })
        .collect();
    let onkeydown = {
        let d = d.clone();
        Callback::from(move |e: KeyboardEvent| {
            if !(e.ctrl_key() || e.meta_key()) {
                return;
            }
            match (e.key().to_lowercase().as_str(), e.shift_key()) {
                ("z", false) => d.dispatch(Msg::Undo),
                ("z", true) | ("y", _) => d.dispatch(Msg::Redo),
                _ => return,
            }
            e.prevent_default();
        })
    };
    let ctx = editor::Ctx { lang, prefix: prefix.clone(), errors: errors.clone(), d: d.clone() };
    html! {
        <div class="yj-widget yj-fb" lang={lang.tag()} {onkeydown}>
            <h2 class="yj-fb__title">{ t(lang, "fb.title") }</h2>
            { toolbar(&state, lang, &id, &d) }
            <ErrorSummary id={id("errors")} title={t(lang, "fb.errors_title")} errors={items} focus_token={0} />
            if let Some(e) = &*save_error {
                <p class="yj-error-message" role="alert">{ tf(lang, "fb.not_saved", &[("detail", e)]) }</p>
            }
            if let Some(path) = &state.refused {
                <p class="yj-error-message" role="alert">{ tf(lang, "fb.refused", &[("path", path)]) }</p>
            }
            <div class="yj-fb__panes">
                <div class="yj-fb__editor">{ editor::document(&ctx, state.builder.document()) }</div>
                { preview(&state, template, lang, &id, &d) }
            </div>
        </div>
    }
}

/// Start from a built-in template or a blank form, undo, redo, export.
fn toolbar(state: &State, lang: Lang, id: &dyn Fn(&str) -> String, d: &UseReducerDispatcher<State>) -> Html {
    let start = {
        let (d, chosen) = (d.clone(), state.chosen.clone());
        Callback::from(move |_: MouseEvent| {
            let doc = yaojian::form::built_in_source(&chosen)
                .and_then(|src| serde_json::from_str::<Value>(src).ok())
                .unwrap_or_else(|| Builder::blank("my-form", "1").document().clone());
            d.dispatch(Msg::Load(doc));
        })
    };
    let choose = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            d.dispatch(Msg::Choose(v));
        })
    };
    let export = {
        let doc = state.builder.document().clone();
        Callback::from(move |_: MouseEvent| {
            let name = format!("{}.json", doc["id"].as_str().unwrap_or("form"));
            let text = serde_json::to_string_pretty(&doc).unwrap_or_default();
            let _ = crate::common::download_text(&name, &text, "application/json");
        })
    };
    let (undo, redo) = (d.clone(), d.clone());
    html! {
        <div class="yj-fb__toolbar yj-button-row">
            <div class="yj-field yj-fb__start">
                <label class="yj-label" for={id("start")}>{ t(lang, "fb.start_from") }</label>
                <select class="yj-select" id={id("start")} onchange={choose}>
                    <option value="">{ t(lang, "fb.blank") }</option>
                    { for yaojian::form::built_in_ids().into_iter().filter_map(yaojian::form::built_in).map(|t: Template| html! {
                        <option value={t.id.clone()}>{ t.title(lang) }</option>
                    }) }
                </select>
            </div>
            <button type="button" class="yj-button yj-button--secondary" id={id("load")} onclick={start}>{ t(lang, "fb.load") }</button>
            <button type="button" class="yj-button yj-button--secondary" id={id("undo")} disabled={!state.builder.can_undo()}
                    onclick={Callback::from(move |_: MouseEvent| undo.dispatch(Msg::Undo))}>{ t(lang, "fb.undo") }</button>
            <button type="button" class="yj-button yj-button--secondary" id={id("redo")} disabled={!state.builder.can_redo()}
                    onclick={Callback::from(move |_: MouseEvent| redo.dispatch(Msg::Redo))}>{ t(lang, "fb.redo") }</button>
            <button type="button" class="yj-button yj-button--secondary" id={id("export")} onclick={export}>{ t(lang, "fb.export") }</button>
        </div>
    }
}

/// The form as it will be filled in, or why it cannot be shown yet.
fn preview(state: &State, template: Option<Rc<Template>>, lang: Lang, id: &dyn Fn(&str) -> String, d: &UseReducerDispatcher<State>) -> Html {
    let phone = {
        let (d, on) = (d.clone(), !state.phone);
        Callback::from(move |_: Event| d.dispatch(Msg::Phone(on)))
    };
    let class = classes!("yj-fb__preview", state.phone.then_some("yj-fb__preview--phone"));
    html! {
        <section class={class} aria-labelledby={id("preview-title")}>
            <h3 class="yj-fb__pane-title" id={id("preview-title")}>{ t(lang, "fb.preview") }</h3>
            <div class="yj-checkbox">
                <input type="checkbox" class="yj-checkbox__input" id={id("phone")} checked={state.phone} onchange={phone} />
                <label class="yj-checkbox__label" for={id("phone")}>{ t(lang, "fb.phone_width") }</label>
            </div>
            if let Some(t) = template {
                <SelfInspection {lang} template={Some(t)} storage_key={Some(AttrValue::from("yaojian-builder-preview"))} />
            } else {
                <p class="yj-hint" id={id("preview-blocked")}>{ crate::common::t(lang, "fb.preview_blocked") }</p>
            }
        </section>
    }
}
