//! The editor pane: the form's id, version and title, then each section and its
//! questions, every field an edit at its JSON path, its error (the engine's) beside it.

use super::condition::{condition, Place};
use super::finding::finding;
use super::limits::limits;
use super::fields::{text_input, Ctx, TextField};
use super::Msg;
use crate::common::{error_message, t, tf};
use serde_json::{json, Map, Value};
use yaojian::form::builder::{ids, suggest_id, unique_id, Edit};
use yew::prelude::*;

/// The question kinds the builder offers; a group's columns may be any but a group.
const KINDS: [&str; 14] = [
    "yes_no", "single_choice", "multiple_choice", "text", "long_text", "number", "money", "date",
    "uscc", "resident_id", "phone", "email", "attestation", "group",
];

/// Where a question is drawn: its JSON path, the suffix of its element ids, what it is
/// called for screen readers ("第 2 题"), its place among its siblings, and whether it is
/// a group's column (no group inside it, no finding).
struct Slot {
    path: String,
    sfx: String,
    what: String,
    index: usize,
    count: usize,
    column: bool,
}

/// Buttons that move, copy and remove the element at `path` (`what` names it for
/// screen readers: "第 2 题").
fn item_buttons(ctx: &Ctx, path: &str, what: &str, index: usize, count: usize, suffix: &str) -> Html {
    let lang = ctx.lang;
    let hidden = |key: &str| html! { <>{ t(lang, key) }<span class="yj-visually-hidden">{ format!(" {what}") }</span></> };
    html! {
        <div class="yj-button-row yj-fb__item-buttons">
            <button type="button" class="yj-button yj-button--secondary" id={ctx.id(&format!("{suffix}-up"))}
                    disabled={index == 0} onclick={ctx.edit(Edit::Move { path: path.into(), by: -1 })}>{ hidden("fb.up") }</button>
            <button type="button" class="yj-button yj-button--secondary" id={ctx.id(&format!("{suffix}-down"))}
                    disabled={index + 1 >= count} onclick={ctx.edit(Edit::Move { path: path.into(), by: 1 })}>{ hidden("fb.down") }</button>
            <button type="button" class="yj-button yj-button--secondary" id={ctx.id(&format!("{suffix}-copy"))}
                    onclick={ctx.edit(Edit::Duplicate { path: path.into() })}>{ hidden("fb.duplicate") }</button>
            <button type="button" class="yj-button yj-button--secondary" id={ctx.id(&format!("{suffix}-delete"))}
                    onclick={ctx.edit(Edit::Remove { path: path.into() })}>{ hidden("fb.delete") }</button>
        </div>
    }
}

/// A new question of `kind` with an id not yet taken.
fn new_question(doc: &Value, kind: &str) -> Value {
    json!({"id": suggest_id("", &ids(doc)), "kind": kind, "label": {"zh-CN": ""}})
}

/// The whole document.
pub fn document(ctx: &Ctx) -> Html {
    let lang = ctx.lang;
    let doc = &*ctx.doc;
    let sections = doc["sections"].as_array().map(Vec::as_slice).unwrap_or_default();
    let add_section = {
        let taken = ids(doc);
        let section = json!({"id": unique_id("s1", &taken), "title": {"zh-CN": ""}, "questions": []});
        let mut section = section;
        let mut with = taken.clone();
        with.push(section["id"].as_str().unwrap_or_default().to_string());
        yaojian::json::set(&mut section, "questions", json!([{"id": suggest_id("", &with), "kind": "yes_no", "label": {"zh-CN": ""}}]));
        ctx.edit(Edit::Insert { path: format!("$.sections[{}]", sections.len()), value: section })
    };
    html! {
        <>
            <fieldset class="yj-fb__form">
                <legend class="yj-label">{ t(lang, "fb.form") }</legend>
                { text_input(ctx, &TextField::plain("form-id".into(), t(lang, "fb.form_id"), "$.id".into()), &doc["id"]) }
                { text_input(ctx, &TextField::plain("version".into(), t(lang, "fb.version"), "$.version".into()), &doc["version"]) }
                { text_input(ctx, &TextField::i18n("form-title".into(), t(lang, "fb.form_title"), "$.title".into()), &doc["title"]) }
            </fieldset>
            { for sections.iter().enumerate().map(|(si, s)| section(ctx, doc, s, si, sections.len())) }
            if let Some(e) = ctx.error("add-section") {
                { error_message(&ctx.id("add-section-error"), &e, lang) }
            }
            <button type="button" class="yj-button" id={ctx.id("add-section")} onclick={add_section}>{ t(lang, "fb.add_section") }</button>
        </>
    }
}

fn section(ctx: &Ctx, doc: &Value, s: &Value, si: usize, count: usize) -> Html {
    let lang = ctx.lang;
    let path = format!("$.sections[{si}]");
    let what = tf(lang, "fb.section_n", &[("n", &(si + 1).to_string())]);
    let questions = s["questions"].as_array().map(Vec::as_slice).unwrap_or_default();
    let add = ctx.edit(Edit::Insert { path: format!("{path}.questions[{}]", questions.len()), value: new_question(doc, "yes_no") });
    html! {
        <fieldset class="yj-fb__section" id={ctx.id(&format!("s{si}"))}>
            <legend class="yj-fb__legend">{ what.clone() }</legend>
            { text_input(ctx, &TextField::i18n(format!("s{si}-title"), t(lang, "fb.section_title"), format!("{path}.title")), &s["title"]) }
            { text_input(ctx, &TextField::i18n(format!("s{si}-help"), t(lang, "fb.section_help"), format!("{path}.help")).optional(), &s["help"]) }
            { condition(ctx, &Place { path: format!("{path}.visible_if"), suffix: format!("s{si}-visible_if"), legend: t(lang, "fb.section_visible_if"), without: t(lang, "fb.cond.shown_always") }) }
            { item_buttons(ctx, &path, &what, si, count, &format!("s{si}")) }
            { for questions.iter().enumerate().map(|(qi, q)| question(ctx, q, &Slot {
                path: format!("{path}.questions[{qi}]"), sfx: format!("s{si}-q{qi}"),
                what: tf(lang, "fb.question_n", &[("n", &(qi + 1).to_string())]), index: qi, count: questions.len(), column: false,
            })) }
            <button type="button" class="yj-button yj-button--secondary" id={ctx.id(&format!("s{si}-add"))} onclick={add}>
                { t(lang, "fb.add_question") }<span class="yj-visually-hidden">{ format!(" {what}") }</span>
            </button>
        </fieldset>
    }
}

/// The question `q` as kind `kind`: fields of its old kind that the new one does not
/// take are dropped, options, a statement and a column added where the new kind needs
/// them (`doc` gives the ids taken).
fn with_kind(doc: &Value, q: &Value, kind: &str) -> Value {
    let mut out = Map::new();
    for k in ["id", "label", "help", "required", "visible_if", "required_if", "finding"] {
        if let Some(v) = q.get(k) {
            out.insert(k.into(), v.clone());
        }
    }
    out.insert("kind".into(), json!(kind));
    if kind.ends_with("_choice") {
        let options = q.get("options").cloned().unwrap_or_else(|| {
            json!([{"value": "a", "label": {"zh-CN": ""}}, {"value": "b", "label": {"zh-CN": ""}}])
        });
        out.insert("options".into(), options);
    }
    if kind == "attestation" {
        out.insert("statement".into(), q.get("statement").cloned().unwrap_or_else(|| json!({"zh-CN": ""})));
    }
    if kind == "group" {
        let columns = q.get("questions").cloned().unwrap_or_else(|| json!([new_question(doc, "text")]));
        out.insert("questions".into(), columns);
        out.shift_remove("finding");
    }
    Value::Object(out)
}

fn question(ctx: &Ctx, q: &Value, slot: &Slot) -> Html {
    let lang = ctx.lang;
    let Slot { path, sfx, what, .. } = slot;
    let kind = q["kind"].as_str().unwrap_or_default().to_string();
    let required = q["required"].as_bool().unwrap_or(false);
    let on_required = {
        let (d, path, on) = (ctx.d.clone(), format!("{path}.required"), !required);
        Callback::from(move |_: Event| d.dispatch(Msg::Edit(Edit::Set { path: path.clone(), value: if on { json!(true) } else { Value::Null } })))
    };
    html! {
        <fieldset class={classes!("yj-fb__question", slot.column.then_some("yj-fb__question--column"))} id={ctx.id(sfx)}>
            <legend class="yj-fb__legend">{ what.clone() }</legend>
            { kind_select(ctx, q, slot) }
            { text_input(ctx, &TextField::plain(format!("{sfx}-id"), t(lang, "fb.question_id"), format!("{path}.id")), &q["id"]) }
            { text_input(ctx, &TextField::i18n(format!("{sfx}-label"), t(lang, "fb.question_label"), format!("{path}.label")), &q["label"]) }
            <div class="yj-checkbox">
                <input type="checkbox" class="yj-checkbox__input" id={ctx.id(&format!("{sfx}-required"))}
                       checked={required} onchange={on_required} />
                <label class="yj-checkbox__label" for={ctx.id(&format!("{sfx}-required"))}>{ t(lang, "fb.required") }</label>
            </div>
            { text_input(ctx, &TextField::i18n(format!("{sfx}-help"), t(lang, "fb.question_help"), format!("{path}.help")).optional(), &q["help"]) }
            if !required {
                { condition(ctx, &Place { path: format!("{path}.required_if"), suffix: format!("{sfx}-required_if"), legend: t(lang, "fb.required_if"), without: t(lang, "fb.cond.never_required") }) }
            }
            { condition(ctx, &Place { path: format!("{path}.visible_if"), suffix: format!("{sfx}-visible_if"), legend: t(lang, "fb.visible_if"), without: t(lang, "fb.cond.shown_always") }) }
            { limits(ctx, q, path, sfx) }
            if kind == "attestation" {
                { text_input(ctx, &TextField::i18n(format!("{sfx}-statement"), t(lang, "fb.statement"), format!("{path}.statement")), &q["statement"]) }
            }
            if kind.ends_with("_choice") { { options(ctx, q, path, sfx) } }
            if kind == "group" && !slot.column { { columns(ctx, q, slot) } }
            if !slot.column && kind != "group" { { finding(ctx, q, path, sfx) } }
            { item_buttons(ctx, path, what, slot.index, slot.count, sfx) }
        </fieldset>
    }
}

/// The kind of the question at `slot`: changing it keeps what the new kind takes.
fn kind_select(ctx: &Ctx, q: &Value, slot: &Slot) -> Html {
    let lang = ctx.lang;
    let kind = q["kind"].as_str().unwrap_or_default().to_string();
    let on_kind = {
        let (d, doc, q, path) = (ctx.d.clone(), ctx.doc.clone(), q.clone(), slot.path.clone());
        Callback::from(move |e: Event| {
            let k = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            d.dispatch(Msg::Edit(Edit::Set { path: path.clone(), value: with_kind(&doc, &q, &k) }));
        })
    };
    let kind_id = ctx.id(&format!("{}-kind", slot.sfx));
    let kind_error = ctx.error(&format!("{}-kind", slot.sfx));
    let kind_error_id = kind_error.as_ref().map(|_| format!("{kind_id}-error"));
    html! {
        <div class={classes!("yj-field", kind_error.is_some().then_some("yj-field--error"))}>
            <label class="yj-label" for={kind_id.clone()}>{ t(lang, "fb.kind") }</label>
            if let (Some(e), Some(eid)) = (&kind_error, &kind_error_id) { { error_message(eid, e, lang) } }
            <select class="yj-select" id={kind_id} onchange={on_kind} aria-describedby={kind_error_id}
                    aria-invalid={kind_error.is_some().then_some("true")}>
                <KindOptions kind={AttrValue::from(kind)} column={slot.column} {lang} />
            </select>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct KindOptionsProps {
    kind: AttrValue,
    column: bool,
    lang: yaojian::Lang,
}

/// The kinds offered, as options: a component, drawn again only when the kind changes
/// (not for every question of a long form on every edit). A column that is (wrongly) a
/// group still shows its kind, so it can be changed.
#[function_component(KindOptions)]
fn kind_options(p: &KindOptionsProps) -> Html {
    let offered = KINDS.iter().filter(|k| !p.column || **k != "group" || p.kind == **k);
    html! {
        { for offered.map(|k| html! {
            <option value={*k} selected={p.kind == *k}>{ t(p.lang, &format!("fb.kind.{k}")) }</option>
        }) }
    }
}

/// A group's columns, each a question of its own, and one more; its rows are bounded by
/// the group's limits.
fn columns(ctx: &Ctx, q: &Value, slot: &Slot) -> Html {
    let lang = ctx.lang;
    let Slot { path, sfx, what, .. } = slot;
    let list = q["questions"].as_array().map(Vec::as_slice).unwrap_or_default();
    let add = ctx.edit(Edit::Insert { path: format!("{path}.questions[{}]", list.len()), value: new_question(&ctx.doc, "text") });
    let add_id = format!("{sfx}-add-column");
    let error = ctx.error(&add_id);
    let error_id = error.as_ref().map(|_| ctx.id(&format!("{add_id}-error")));
    html! {
        <fieldset class="yj-fb__columns">
            <legend class="yj-label">{ t(lang, "fb.columns") }</legend>
            <p class="yj-hint">{ t(lang, "fb.columns_hint") }</p>
            { for list.iter().enumerate().map(|(ci, c)| question(ctx, c, &Slot {
                path: format!("{path}.questions[{ci}]"), sfx: format!("{sfx}-c{ci}"),
                what: tf(lang, "fb.column_n", &[("n", &(ci + 1).to_string())]), index: ci, count: list.len(), column: true,
            })) }
            if let (Some(e), Some(eid)) = (&error, &error_id) { { error_message(eid, e, lang) } }
            <button type="button" class="yj-button yj-button--secondary" id={ctx.id(&add_id)} onclick={add} aria-describedby={error_id.clone()}>
                { t(lang, "fb.add_column") }<span class="yj-visually-hidden">{ format!(" {what}") }</span>
            </button>
        </fieldset>
    }
}

/// A choice question's options: value and label of each, removable, and one more.
fn options(ctx: &Ctx, q: &Value, path: &str, sfx: &str) -> Html {
    let lang = ctx.lang;
    let list = q["options"].as_array().cloned().unwrap_or_default();
    let taken: Vec<String> = list.iter().filter_map(|o| o["value"].as_str().map(str::to_string)).collect();
    let next = unique_id("option1", &taken);
    let add = ctx.edit(Edit::Insert { path: format!("{path}.options[{}]", list.len()), value: json!({"value": next, "label": {"zh-CN": ""}}) });
    html! {
        <fieldset class="yj-fb__options">
            <legend class="yj-label">{ t(lang, "fb.options") }</legend>
            { for list.iter().enumerate().map(|(oi, o)| {
                let op = format!("{path}.options[{oi}]");
                let n = (oi + 1).to_string();
                html! {
                    <div class="yj-fb__option">
                        { text_input(ctx, &TextField::plain(format!("{sfx}-o{oi}-value"), tf(lang, "fb.option_value", &[("n", &n)]), format!("{op}.value")), &o["value"]) }
                        { text_input(ctx, &TextField::i18n(format!("{sfx}-o{oi}-label"), tf(lang, "fb.option_label", &[("n", &n)]), format!("{op}.label")), &o["label"]) }
                        <button type="button" class="yj-button yj-button--secondary" id={ctx.id(&format!("{sfx}-o{oi}-delete"))}
                                onclick={ctx.edit(Edit::Remove { path: op.clone() })}>
                            { t(lang, "fb.delete") }<span class="yj-visually-hidden">{ format!(" {}", tf(lang, "fb.option_n", &[("n", &n)])) }</span>
                        </button>
                    </div>
                }
            }) }
            <button type="button" class="yj-button yj-button--secondary" id={ctx.id(&format!("{sfx}-add-option"))} onclick={add}>{ t(lang, "fb.add_option") }</button>
        </fieldset>
    }
}
