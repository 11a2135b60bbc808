//! 自查表编辑器 widget: bureau staff write a self-inspection template: sections and
//! questions added, moved, copied and removed with buttons, each field checked by the
//! engine's template parser (errors at the field and in a summary), undo and redo
//! (Ctrl+Z, Ctrl+Shift+Z), the form itself as a live preview (phone width on request),
//! a built-in template as a start, JSON export, and the draft kept in `localStorage`.
//! The engine's `form::builder` holds the document and every rule; this folder renders.

mod condition;
mod diff;
mod editor;
mod fields;
mod import;
mod finding;
mod limits;
mod publish;
mod spec;
mod translations;
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
    /// Opens on the translation table rather than the editor.
    #[prop_or_default]
    pub translations: bool,
    /// `yaojian-server` (`endpoint`, `auth`, `token`): publishing, and drafts kept per
    /// signed-in person.
    #[prop_or_default]
    pub server: crate::common::server::ServerSettings,
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
    /// The translation table in place of the editor.
    pub translating: bool,
}

pub enum Msg {
    Edit(Edit),
    Undo,
    Redo,
    /// A whole document (the host's value, a built-in template, a new blank one).
    Load(Value),
    Phone(bool),
    Choose(String),
    Translate(bool),
    /// Another person's document: loaded with no way back to the one before.
    Reset(Value),
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
            Msg::Translate(on) => {
                s.translating = on;
                false
            }
            Msg::Reset(doc) => {
                s.builder = Builder::new(doc);
                true
            }
        };
        if changed {
            s.revision += 1;
        }
        Rc::new(s)
    }
}

/// Where the draft is kept: the host's `storage-key` and, when a token names a person,
/// that person (`…:by:<sub>`), so people sharing a browser never see each other's.
fn draft_key(props: &FormBuilderProps) -> String {
    let key = props.storage_key.as_deref().unwrap_or("default");
    match props.server.token.as_deref().and_then(crate::common::server::person_of_token) {
        Some(p) => format!("yaojian:builder:{key}:by:{}", p.sub),
        None => format!("yaojian:builder:{key}"),
    }
}

/// The draft kept under `key`, when there is a readable one.
fn kept_draft(key: &str) -> Option<Value> {
    match crate::common::read_kept(key, |t| serde_json::from_str::<Value>(t).ok()) {
        crate::common::Kept::Found(v) if v.is_object() => Some(v),
        _ => None,
    }
}

/// The document to start from: the host's value, else the kept draft, else a blank form.
fn initial(props: &FormBuilderProps) -> State {
    let builder = match props.value.as_deref().cloned().or_else(|| kept_draft(&draft_key(props))) {
        Some(doc) => Builder::new(doc),
        None => Builder::blank("my-form", "1"),
    };
    State {
        builder,
        revision: 0,
        phone: false,
        refused: None,
        chosen: String::new(),
        translating: props.translations,
    }
}

/// The element id suffix of the field a JSON path names (`$.sections[0].questions[2].label`
/// → `s0-q2-label`, `….finding.when.equals[0]` → `s0-q2-finding-when`); a path inside a
/// field goes to the field. The path is read by the engine (`form::builder::steps`), as
/// it writes it.
pub(crate) fn field_suffix(path: &str) -> String {
    use yaojian::form::builder::Step;
    let steps = yaojian::form::builder::steps(path).unwrap_or_default();
    let mut parts: Vec<String> = Vec::new();
    let mut keys: Vec<&str> = Vec::new();
    // What the last indexed step names: a section, a question (or a group's column), an option.
    let mut level = ' ';
    let mut it = steps.iter().peekable();
    while let Some(step) = it.next() {
        let Step::Key(key) = step else { break };
        let letter = match (key.as_str(), level) {
            ("sections", ' ') => 's',
            ("questions", 's') => 'q',
            ("questions", 'q') => 'c',
            ("options", 'q' | 'c') => 'o',
            _ => ' ',
        };
        match it.peek() {
            Some(Step::Index(n)) if letter != ' ' && keys.is_empty() => {
                parts.push(format!("{letter}{n}"));
                level = letter;
                it.next();
            }
            _ => keys.push(key),
        }
    }
    parts.push(field_of(level, keys.first().copied().unwrap_or(""), keys.get(1).copied()));
    parts.join("-")
}

/// The field of a form (`level` ' '), section ('s'), question ('q'), column ('c') or
/// option ('o') that `field` (and its `sub` field) is shown at.
fn field_of(level: char, field: &str, sub: Option<&str>) -> String {
    let shown = match (level, field, sub) {
        (' ', "id", _) => "form-id",
        (' ', "version", _) => "version",
        (' ', "sections", _) => "add-section",
        (' ', _, _) => "form-title",
        ('s', "help" | "visible_if", _) => field,
        ('s', _, _) => "title",
        ('q' | 'c', "finding", Some(part @ ("when" | "severity" | "title" | "provision" | "rule"))) => {
            return format!("finding-{part}")
        }
        ('q' | 'c', "finding", _) => "finding",
        ('q' | 'c', "questions", _) => "add-column",
        ('q' | 'c', "id" | "label" | "statement" | "required" | "help" | "visible_if" | "required_if" | "min" | "max"
            | "min_length" | "max_length" | "integer" | "pattern" | "pattern_hint" | "min_rows" | "max_rows", _) => field,
        ('q' | 'c', _, _) => "kind",
        (_, "label", _) => "label",
        _ => "value",
    };
    shown.to_string()
}

#[function_component(FormBuilder)]
pub fn form_builder(props: &FormBuilderProps) -> Html {
    let lang = props.lang;
    let prefix = use_id_prefix("yj-fb");
    let state = use_reducer(|| initial(props));
    let d = state.dispatcher();
    // Another person signed in (or another storage key): their draft (or a blank form),
    // never the last one's. Before the host's value below: when both change at once,
    // the value given with them is what shows.
    {
        let (d, key) = (d.clone(), draft_key(props));
        let seen = use_mut_ref(|| key.clone());
        use_effect_with(key, move |key| {
            if *seen.borrow() != *key {
                *seen.borrow_mut() = key.clone();
                d.dispatch(Msg::Reset(kept_draft(key).unwrap_or_else(|| Builder::blank("my-form", "1").document().clone())));
            }
        });
    }
    {
        let d = d.clone();
        crate::common::use_host_value(props.value.clone(), move |v| d.dispatch(Msg::Load(v.clone())));
    }
    {
        let d = d.clone();
        use_effect_with(props.translations, move |on| d.dispatch(Msg::Translate(*on)));
    }
    // The template parsed once per change: the preview's template, or every error.
    let checked = use_memo(state.revision, {
        let b = state.builder.clone();
        move |_| match b.template() {
            Ok(t) => (Some(Rc::new(t)), Rc::new(Vec::new()), Rc::default()),
            Err(e) => {
                let by_field = Rc::new(fields::errors_by_field(&e.0));
                (None, Rc::new(e.0), by_field)
            }
        }
    });
    let (template, errors, by_field) = (checked.0.clone(), checked.1.clone(), checked.2.clone());
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
            match (e.key().to_ascii_lowercase().as_str(), e.shift_key()) {
                ("z", false) => d.dispatch(Msg::Undo),
                ("z", true) | ("y", _) => d.dispatch(Msg::Redo),
                _ => return,
            }
            e.prevent_default();
        })
    };
    let endpoint = props.server.endpoint();
    let imported = use_state(import::Imported::default);
    let on_import = {
        let (d, endpoint, imported) = (d.clone(), endpoint.clone(), imported.clone());
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                import::import(file, endpoint.clone(), lang, d.clone(), imported.clone());
            }
            // The same file chosen again is read again.
            input.set_value("");
        })
    };
    // The built-in template chosen to start from is fetched when chosen.
    let wanted = yaojian::form::files_wanted([state.chosen.as_str()]);
    let loading = !wanted.is_empty();
    crate::common::data::use_data_wanted(wanted, &props.on_emit);
    let ctx = fields::Ctx { lang, doc: Rc::new(state.builder.document().clone()), prefix: prefix.clone(), errors: by_field, d: d.clone() };
    html! {
        <div class="yj-widget yj-fb" lang={lang.tag()} {onkeydown}>
            <h2 class="yj-fb__title">{ t(lang, "fb.title") }</h2>
            { toolbar(&state, loading, lang, &id, &d) }
            { import::picker(&id, lang, endpoint.is_some(), &imported, on_import) }
            <ErrorSummary id={id("errors")} title={t(lang, "fb.errors_title")} errors={items} focus_token={0} />
            if let Some(e) = &*save_error {
                <p class="yj-error-message" role="alert">{ tf(lang, "fb.not_saved", &[("detail", e)]) }</p>
            }
            if let Some(endpoint) = endpoint.clone() {
                <publish::Publish {lang} {endpoint} signed_in={props.server.signed_in()} doc={ctx.doc.clone()}
                                  valid={errors.is_empty()} prefix={prefix.clone()} on_emit={props.on_emit.clone()} />
            }
            if let Some(path) = &state.refused {
                <p class="yj-error-message" role="alert">{ tf(lang, "fb.refused", &[("path", path)]) }</p>
            }
            <div class="yj-fb__panes">
                <div class="yj-fb__editor">
                    { view_switch(&state, lang, &id, &d) }
                    if state.translating { { translations::table(&ctx) } } else { { editor::document(&ctx) } }
                </div>
                { preview(&state, template, &draft_key(props), lang, &id, &d) }
            </div>
        </div>
    }
}

/// Start from a built-in template (once its file is here: not `loading`) or a blank
/// form, undo, redo, export.
fn toolbar(state: &State, loading: bool, lang: Lang, id: &dyn Fn(&str) -> String, d: &UseReducerDispatcher<State>) -> Html {
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
                    { for yaojian::form::built_in_ids().into_iter().map(|tid| html! {
                        <option value={tid}>{ t(lang, &format!("form.template.{tid}")) }</option>
                    }) }
                </select>
            </div>
            <button type="button" class="yj-button yj-button--secondary" id={id("load")} disabled={loading} onclick={start}
                    aria-describedby={id("load-status")}>{ t(lang, "fb.load") }</button>
            <p role="status" class="yj-fb__loading" id={id("load-status")}>{ if loading { t(lang, "fb.loading_built_in") } else { String::new() } }</p>
            <button type="button" class="yj-button yj-button--secondary" id={id("undo")} disabled={!state.builder.can_undo()}
                    onclick={Callback::from(move |_: MouseEvent| undo.dispatch(Msg::Undo))}>{ t(lang, "fb.undo") }</button>
            <button type="button" class="yj-button yj-button--secondary" id={id("redo")} disabled={!state.builder.can_redo()}
                    onclick={Callback::from(move |_: MouseEvent| redo.dispatch(Msg::Redo))}>{ t(lang, "fb.redo") }</button>
            <button type="button" class="yj-button yj-button--secondary" id={id("export")} onclick={export}>{ t(lang, "fb.export") }</button>
        </div>
    }
}

/// The editor or the translation table.
fn view_switch(state: &State, lang: Lang, id: &dyn Fn(&str) -> String, d: &UseReducerDispatcher<State>) -> Html {
    let button = |on: bool, key: &str, suffix: &str| {
        let d = d.clone();
        let pressed = state.translating == on;
        html! {
            <button type="button" id={id(suffix)} aria-pressed={if pressed { "true" } else { "false" }}
                    class={classes!("yj-button", (!pressed).then_some("yj-button--secondary"))}
                    onclick={Callback::from(move |_: MouseEvent| d.dispatch(Msg::Translate(on)))}>{ t(lang, key) }</button>
        }
    };
    html! {
        <div class="yj-button-row yj-fb__views">
            { button(false, "fb.view.edit", "view-edit") }
            { button(true, "fb.view.translate", "view-translate") }
        </div>
    }
}

/// The form as it will be filled in, or why it cannot be shown yet. What is tried in it
/// is kept beside the builder's draft (`draft`), so it is the signed-in person's too; a
/// new person gets a new preview (its key), never the last one's answers on screen.
fn preview(state: &State, template: Option<Rc<Template>>, draft: &str, lang: Lang, id: &dyn Fn(&str) -> String, d: &UseReducerDispatcher<State>) -> Html {
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
                <SelfInspection key={format!("{draft}:preview")} {lang} template={Some(t)} storage_key={Some(AttrValue::from(format!("{draft}:preview")))} />
            } else {
                <p class="yj-hint" id={id("preview-blocked")}>{ crate::common::t(lang, "fb.preview_blocked") }</p>
            }
        </section>
    }
}
