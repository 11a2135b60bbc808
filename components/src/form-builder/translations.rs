//! The translation table: every text of the template (`form::builder::texts`) in
//! zh-CN, zh-TW and en, each editable, the missing ones marked and counted.

use super::fields::Ctx;
use super::Msg;
use crate::common::{t, tf};
use serde_json::{Map, Value};
use yaojian::form::builder::{steps, texts, Edit, Step, TextEntry};
use yaojian::Lang;
use yew::prelude::*;

/// A language's name in itself, the column heads of the table.
fn autonym(l: Lang) -> &'static str {
    match l {
        Lang::ZhCn => "简体中文",
        Lang::ZhTw => "繁體中文",
        Lang::En => "English",
    }
}

/// Where a text is, as people say it: "第 2 节 · 第 3 题 · 选项 1 · 文字".
fn place_name(path: &str, lang: Lang) -> String {
    let s = steps(path).unwrap_or_default();
    let mut parts: Vec<String> = Vec::new();
    let mut it = s.iter().peekable();
    let mut owner = "";
    while let Some(step) = it.next() {
        let Step::Key(k) = step else { continue };
        match (k.as_str(), it.peek()) {
            (key @ ("sections" | "questions" | "options"), Some(Step::Index(n))) => {
                let (name, what) = match key {
                    "sections" => ("fb.section_n", "section"),
                    "questions" => ("fb.question_n", "question"),
                    _ => ("fb.option_n", "option"),
                };
                parts.push(tf(lang, name, &[("n", &(n + 1).to_string())]));
                owner = what;
                it.next();
            }
            ("finding", _) => owner = "finding",
            (field, _) => {
                let key = match (owner, field) {
                    ("option", "label") => "fb.tr.option_label".to_string(),
                    ("finding", f) => format!("fb.tr.finding_{f}"),
                    (_, f) => format!("fb.tr.{f}"),
                };
                parts.push(t(lang, &key));
            }
        }
    }
    if parts.len() == 1 {
        parts.insert(0, t(lang, "fb.form"));
    }
    parts.join(" · ")
}

/// The text at `entry` with `lang` set to `typed` (a blank translation removed; the
/// zh-CN text kept even blank, for the parser to name).
fn with_text(entry: &TextEntry, lang: &str, typed: String) -> Value {
    let mut m: Map<String, Value> = entry.texts.clone();
    if typed.trim().is_empty() && lang != "zh-CN" {
        m.shift_remove(lang);
    } else {
        m.insert(lang.into(), Value::String(typed));
    }
    Value::Object(m)
}

/// The table, with how many translations are missing.
pub fn table(ctx: &Ctx) -> Html {
    let lang = ctx.lang;
    let entries = texts(&ctx.doc);
    let missing: usize = entries.iter().map(|e| e.missing.len()).sum();
    let langs = Lang::ALL;
    html! {
        <section class="yj-fb__translations" aria-labelledby={ctx.id("tr-title")}>
            <h3 class="yj-fb__pane-title" id={ctx.id("tr-title")}>{ t(lang, "fb.tr.heading") }</h3>
            <p class="yj-hint" id={ctx.id("tr-count")}>{
                if missing == 0 { t(lang, "fb.tr.complete") } else { tf(lang, "fb.tr.missing_count", &[("n", &missing.to_string())]) }
            }</p>
            <table class="yj-fb__tr-table yj-cards" role="table">
                <thead><tr role="row">
                    <th scope="col" role="columnheader">{ t(lang, "fb.tr.where") }</th>
                    { for langs.into_iter().map(|l| html! { <th scope="col" role="columnheader" lang={l.tag()}>{ autonym(l) }</th> }) }
                </tr></thead>
                <tbody>
                    { for entries.iter().enumerate().map(|(i, e)| row(ctx, i, e)) }
                </tbody>
            </table>
        </section>
    }
}

fn row(ctx: &Ctx, i: usize, e: &TextEntry) -> Html {
    let lang = ctx.lang;
    let place = place_name(&e.path, lang);
    let cell = |l: Lang| {
        let tag = l.tag();
        let id = ctx.id(&format!("tr{i}-{tag}"));
        let missing = e.missing.contains(&tag);
        let mark_id = missing.then(|| format!("{id}-missing"));
        let oninput = {
            let (d, e) = (ctx.d.clone(), e.clone());
            Callback::from(move |ev: InputEvent| {
                let typed = ev.target_unchecked_into::<web_sys::HtmlInputElement>().value();
                d.dispatch(Msg::Edit(Edit::Set { path: e.path.clone(), value: with_text(&e, tag, typed) }));
            })
        };
        let value = e.texts.get(tag).and_then(Value::as_str).unwrap_or_default().to_string();
        html! {
            <td role="cell" data-label={autonym(l)} class={classes!(missing.then_some("yj-fb__tr-missing"))}>
                <label class="yj-visually-hidden" for={id.clone()}>{ format!("{place}（{}）", autonym(l)) }</label>
                if let Some(m) = &mark_id {
                    <span class="yj-fb__tr-mark" id={m.clone()}>{ t(lang, "fb.tr.missing") }</span>
                }
                <input type="text" class="yj-input" {id} lang={tag} {value} {oninput} aria-describedby={mark_id} />
            </td>
        }
    };
    html! {
        <tr role="row">
            <th scope="row" role="rowheader">{ place.clone() }</th>
            { for Lang::ALL.into_iter().map(cell) }
        </tr>
    }
}
