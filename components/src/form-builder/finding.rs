//! A question's finding (问题): whether an answer raises one, its severity, title,
//! provision, the penalty rule it points to (the rule table's rules, offered by article)
//! and when it is raised (the condition pickers).

use super::condition::{condition, Place};
use super::fields::{text_input, Ctx, TextField};
use crate::common::{error_message, t};
use serde_json::{json, Value};
use yaojian::form::builder::Edit;
use yew::prelude::*;

const SEVERITIES: [&str; 3] = ["high", "medium", "low"];

/// The finding part of question `q` at `path` (element ids start with `sfx`).
pub fn finding(ctx: &Ctx, q: &Value, path: &str, sfx: &str) -> Html {
    let lang = ctx.lang;
    let f = &q["finding"];
    let fp = format!("{path}.finding");
    let on = !f.is_null();
    let toggle = {
        let value = if on { Value::Null } else { json!({"severity": "medium", "title": {"zh-CN": ""}}) };
        let (d, fp) = (ctx.d.clone(), fp.clone());
        Callback::from(move |_: Event| d.dispatch(super::Msg::Edit(Edit::Set { path: fp.clone(), value: value.clone() })))
    };
    let box_id = ctx.id(&format!("{sfx}-finding"));
    let error = ctx.error(&format!("{sfx}-finding"));
    let error_id = error.as_ref().map(|_| format!("{box_id}-error"));
    let yes_no = q["kind"] == "yes_no";
    html! {
        <div class="yj-fb__finding">
            if let (Some(e), Some(eid)) = (&error, &error_id) { { error_message(eid, e, lang) } }
            <div class="yj-checkbox">
                <input type="checkbox" class="yj-checkbox__input" id={box_id.clone()} checked={on} onchange={toggle} aria-describedby={error_id} />
                <label class="yj-checkbox__label" for={box_id}>{ t(lang, "fb.finding.raises") }</label>
            </div>
            if on {
                <fieldset class="yj-fb__finding-fields">
                    <legend class="yj-label">{ t(lang, "fb.finding") }</legend>
                    { severity(ctx, f, &fp, sfx) }
                    { text_input(ctx, &TextField::i18n(format!("{sfx}-finding-title"), t(lang, "fb.finding.title"), format!("{fp}.title")), &f["title"]) }
                    { text_input(ctx, &TextField::i18n(format!("{sfx}-finding-provision"), t(lang, "fb.finding.provision"), format!("{fp}.provision")).optional(), &f["provision"]) }
                    { rule(ctx, f, &fp, sfx) }
                    { condition(ctx, &Place {
                        path: format!("{fp}.when"),
                        suffix: format!("{sfx}-finding-when"),
                        legend: t(lang, "fb.finding.when"),
                        without: t(lang, if yes_no { "fb.finding.when_yes" } else { "fb.finding.when_needed" }),
                    }) }
                </fieldset>
            }
        </div>
    }
}

/// A select for the field at `path`; its empty option removes the field.
fn select(ctx: &Ctx, suffix: String, label: String, path: String, options: Html) -> Html {
    let id = ctx.id(&suffix);
    let error = ctx.error(&suffix);
    let error_id = error.as_ref().map(|_| format!("{id}-error"));
    let on = {
        let d = ctx.d.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            let value = if v.is_empty() { Value::Null } else { Value::String(v) };
            d.dispatch(super::Msg::Edit(Edit::Set { path: path.clone(), value }));
        })
    };
    html! {
        <div class={classes!("yj-field", error.is_some().then_some("yj-field--error"))}>
            <label class="yj-label" for={id.clone()}>{ label }</label>
            if let (Some(e), Some(eid)) = (&error, &error_id) { { error_message(eid, e, ctx.lang) } }
            <select class="yj-select" {id} onchange={on} aria-describedby={error_id}
                    aria-invalid={error.is_some().then_some("true")}>{ options }</select>
        </div>
    }
}

fn severity(ctx: &Ctx, f: &Value, fp: &str, sfx: &str) -> Html {
    let current = f["severity"].as_str().unwrap_or_default();
    let options = SEVERITIES
        .iter()
        .map(|s| html! { <option value={*s} selected={*s == current}>{ t(ctx.lang, &format!("form.severity.{s}")) }</option> })
        .collect::<Html>();
    select(ctx, format!("{sfx}-finding-severity"), t(ctx.lang, "fb.finding.severity"), format!("{fp}.severity"), options)
}

/// The penalty rule, offered by article ("第一百一十五条"), each with its paragraph and title.
fn rule(ctx: &Ctx, f: &Value, fp: &str, sfx: &str) -> Html {
    let lang = ctx.lang;
    let current = f["rule"].as_str().unwrap_or_default();
    let rules = &yaojian::penalty::rules::rule_table().rules;
    let mut articles: Vec<u32> = rules.iter().map(|r| r.article).collect();
    articles.dedup();
    let known = current.is_empty() || rules.iter().any(|r| r.id == current);
    let options = html! {
        <>
            <option value="" selected={current.is_empty()}>{ t(lang, "fb.finding.no_rule") }</option>
            if !known {
                <option value={current.to_string()} selected=true>{ current.to_string() }</option>
            }
            { for articles.iter().map(|a| {
                let mut in_article = rules.iter().filter(|r| r.article == *a).peekable();
                let law = in_article.peek().map(|r| r.citation().law).unwrap_or_default();
                let label = yaojian::penalty::citation::Citation::new(&law, *a, None, None).label_in(lang);
                html! {
                    <optgroup label={label}>
                        { for in_article.map(|r| html! {
                            <option value={r.id.clone()} selected={r.id == current}>
                                { yaojian::penalty::translations::in_lang(&r.title, lang) }
                            </option>
                        }) }
                    </optgroup>
                }
            }) }
        </>
    };
    select(ctx, format!("{sfx}-finding-rule"), t(lang, "fb.finding.rule"), format!("{fp}.rule"), options)
}
