//! What an answer must be, by the question's kind: lengths of a text, rows of a group,
//! bounds of a number, an amount (typed in yuan, kept in fen) or a date, whole numbers
//! only, a text's pattern and what the pattern means.

use super::fields::{text_input, Ctx, TextField};
use crate::common::{error_message, t};
use serde_json::{json, Value};
use yaojian::form::builder::{shown_value, typed_value, Edit};
use yew::prelude::*;

/// The bound fields a kind takes, with the catalog key of each label.
fn bounds(kind: &str) -> &'static [(&'static str, &'static str)] {
    match kind {
        "text" | "long_text" => &[("min_length", "fb.limit.min_length"), ("max_length", "fb.limit.max_length")],
        "number" => &[("min", "fb.limit.min"), ("max", "fb.limit.max")],
        "money" => &[("min", "fb.limit.min_money"), ("max", "fb.limit.max_money")],
        "date" => &[("min", "fb.limit.min_date"), ("max", "fb.limit.max_date")],
        "group" => &[("min_rows", "fb.limit.min_rows"), ("max_rows", "fb.limit.max_rows")],
        _ => &[],
    }
}

/// The value a bound field keeps for what was typed: a count, a number, fen, or the text
/// (which the parser then names as wrong); nothing when blank.
fn bound_value(kind: &str, field: &str, text: &str) -> Value {
    let t = text.trim();
    if t.is_empty() {
        return Value::Null;
    }
    match (field, kind) {
        ("min_length" | "max_length" | "min_rows" | "max_rows", _) => t.parse::<u64>().map(Value::from).unwrap_or_else(|_| json!(t)),
        (_, "number" | "money") => typed_value(&json!(kind), t),
        _ => json!(t),
    }
}

/// The limits of question `q` at `path` (element ids start with `sfx`).
pub fn limits(ctx: &Ctx, q: &Value, path: &str, sfx: &str) -> Html {
    let lang = ctx.lang;
    let kind = q["kind"].as_str().unwrap_or_default().to_string();
    let integer = {
        let (d, p, on) = (ctx.d.clone(), format!("{path}.integer"), !q["integer"].as_bool().unwrap_or(false));
        Callback::from(move |_: Event| {
            let value = if on { json!(true) } else { Value::Null };
            d.dispatch(super::Msg::Edit(Edit::Set { path: p.clone(), value }));
        })
    };
    html! {
        <>
            { for bounds(&kind).iter().map(|(field, key)| bound(ctx, q, path, sfx, &kind, field, t(lang, key))) }
            if kind == "number" {
                <div class="yj-checkbox">
                    <input type="checkbox" class="yj-checkbox__input" id={ctx.id(&format!("{sfx}-integer"))}
                           checked={q["integer"].as_bool().unwrap_or(false)} onchange={integer} />
                    <label class="yj-checkbox__label" for={ctx.id(&format!("{sfx}-integer"))}>{ t(lang, "fb.limit.integer") }</label>
                </div>
            }
            if kind == "text" {
                { text_input(ctx, &TextField::plain(format!("{sfx}-pattern"), t(lang, "fb.limit.pattern"), format!("{path}.pattern")).optional(), &q["pattern"]) }
                { text_input(ctx, &TextField::i18n(format!("{sfx}-pattern_hint"), t(lang, "fb.limit.pattern_hint"), format!("{path}.pattern_hint")).optional(), &q["pattern_hint"]) }
            }
        </>
    }
}

/// One bound, kept when the field is left (a number is not cut short while typed).
fn bound(ctx: &Ctx, q: &Value, path: &str, sfx: &str, kind: &str, field: &'static str, label: String) -> Html {
    let suffix = format!("{sfx}-{field}");
    let id = ctx.id(&suffix);
    let error = ctx.error(&suffix);
    let error_id = error.as_ref().map(|_| format!("{id}-error"));
    let current = &q[field];
    let shown = if current.is_null() { String::new() } else { shown_value(&json!(kind), current) };
    let onchange = {
        let (d, p, kind) = (ctx.d.clone(), format!("{path}.{field}"), kind.to_string());
        Callback::from(move |e: Event| {
            let text = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            d.dispatch(super::Msg::Edit(Edit::Set { path: p.clone(), value: bound_value(&kind, field, &text) }));
        })
    };
    let inputmode = match (field, kind) {
        ("min_length" | "max_length" | "min_rows" | "max_rows", _) => Some("numeric"),
        (_, "number" | "money") => Some("decimal"),
        _ => None,
    };
    html! {
        <div class={classes!("yj-field", error.is_some().then_some("yj-field--error"))}>
            <label class="yj-label" for={id.clone()}>{ label }</label>
            if let (Some(e), Some(eid)) = (&error, &error_id) { { error_message(eid, e, ctx.lang) } }
            <input type="text" class="yj-input" {id} value={shown} {onchange} {inputmode}
                   aria-invalid={error.is_some().then_some("true")} aria-describedby={error_id} />
        </div>
    }
}
