//! What changed between two published versions (`GET /templates/{id}/diff`): the
//! questions added, removed and changed, with their texts and the fields that differ.

use crate::common::server::{refusal_text, Endpoint, Reply};
use crate::common::{t, tf};
use serde_json::Value;
use yaojian::form::builder::text_in;
use yaojian::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct DiffProps {
    pub lang: Lang,
    pub endpoint: Endpoint,
    pub form_id: String,
    /// The versions published, oldest first.
    pub versions: Vec<String>,
    pub prefix: String,
}

#[derive(Clone, PartialEq)]
enum Compared {
    NotAsked,
    Loading,
    Done(Value),
    Failed(String),
}

#[function_component(VersionDiff)]
pub fn version_diff(p: &DiffProps) -> Html {
    let lang = p.lang;
    let id = |s: &str| format!("{}-{s}", p.prefix);
    let n = p.versions.len();
    let from = use_state(|| p.versions.get(n.saturating_sub(2)).cloned().unwrap_or_default());
    let to = use_state(|| p.versions.last().cloned().unwrap_or_default());
    let compared = use_state(|| Compared::NotAsked);
    let pick = |h: &UseStateHandle<String>| {
        let h = h.clone();
        Callback::from(move |e: Event| h.set(e.target_unchecked_into::<web_sys::HtmlSelectElement>().value()))
    };
    let compare = {
        let (endpoint, form_id, from, to, compared) = (p.endpoint.clone(), p.form_id.clone(), from.clone(), to.clone(), compared.clone());
        Callback::from(move |_: MouseEvent| {
            let (endpoint, compared) = (endpoint.clone(), compared.clone());
            let path = format!("/templates/{}/diff?from={}&to={}", js_sys::encode_uri_component(&form_id), js_sys::encode_uri_component(&from), js_sys::encode_uri_component(&to));
            compared.set(Compared::Loading);
            wasm_bindgen_futures::spawn_local(async move {
                let url = endpoint.url(&path, lang);
                compared.set(match endpoint.request("GET", &url, None, &[]).await {
                    Reply::Ok(_, v) => Compared::Done(v),
                    Reply::Refused(_, errs) => Compared::Failed(refusal_text(&errs, lang)),
                    Reply::Unreachable(_) => Compared::Failed(t(lang, "fb.pub.unreachable")),
                });
            });
        })
    };
    let select = |suffix: &str, key: &str, h: &UseStateHandle<String>| html! {
        <div class="yj-field">
            <label class="yj-label" for={id(suffix)}>{ t(lang, key) }</label>
            <select class="yj-select" id={id(suffix)} onchange={pick(h)}>
                { for p.versions.iter().map(|v| html! { <option value={v.clone()} selected={*v == **h}>{ v.clone() }</option> }) }
            </select>
        </div>
    };
    html! {
        <div class="yj-fb__diff">
            <h4 class="yj-fb__subtitle">{ t(lang, "fb.diff.title") }</h4>
            <div class="yj-fb__clause">
                { select("diff-from", "fb.diff.from", &from) }
                { select("diff-to", "fb.diff.to", &to) }
                <button type="button" class="yj-button yj-button--secondary" id={id("diff-compare")} onclick={compare}>{ t(lang, "fb.diff.compare") }</button>
            </div>
            <div role="status" id={id("diff-result")}>
                { match &*compared {
                    Compared::NotAsked => html! {},
                    Compared::Loading => html! { <p class="yj-hint">{ t(lang, "fb.pub.loading") }</p> },
                    Compared::Failed(why) => html! { <p class="yj-error-message">{ why.clone() }</p> },
                    Compared::Done(v) => changes(v, lang),
                } }
            </div>
        </div>
    }
}

/// The questions added, removed and changed; "no change" when there are none.
fn changes(v: &Value, lang: Lang) -> Html {
    let list = |key: &str| v[key].as_array().cloned().unwrap_or_default();
    let (added, removed, changed) = (list("added"), list("removed"), list("changed"));
    if added.is_empty() && removed.is_empty() && changed.is_empty() {
        return html! { <p class="yj-hint">{ t(lang, "fb.diff.same") }</p> };
    }
    let group = |key: &str, items: &[Value]| {
        if items.is_empty() {
            return html! {};
        }
        html! {
            <>
                <h5 class="yj-fb__subtitle">{ tf(lang, key, &[("n", &items.len().to_string())]) }</h5>
                <ul class="yj-fb__mistakes">
                    { for items.iter().map(|q| html! { <li>{ line(q, lang) }</li> }) }
                </ul>
            </>
        }
    };
    html! {
        <>
            { group("fb.diff.added", &added) }
            { group("fb.diff.removed", &removed) }
            { group("fb.diff.changed", &changed) }
        </>
    }
}

/// One question: its id and label; for a changed one, the label before and what differs,
/// in words (`fb.diff.field.*`, one for each field the engine's diff names).
fn line(q: &Value, lang: Lang) -> String {
    let mut s = format!("{} {}", q["id"].as_str().unwrap_or_default(), text_in(&q["label"], lang));
    if let Some(before) = q.get("before").filter(|b| !b.is_null()) {
        s.push_str(&tf(lang, "fb.diff.before", &[("label", &text_in(before, lang))]));
    }
    let fields: Vec<String> =
        q["fields"].as_array().into_iter().flatten().filter_map(Value::as_str).map(|f| t(lang, &format!("fb.diff.field.{f}"))).collect();
    if !fields.is_empty() {
        let sep = yaojian::i18n::enumeration_separator(lang);
        s.push_str(&tf(lang, "fb.diff.fields", &[("fields", &fields.join(sep))]));
    }
    s
}
