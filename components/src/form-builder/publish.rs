//! Publishing on `yaojian-server` (with `endpoint`): the version being written is sent to
//! `PUT /templates/{id}/{version}` (a published version never changes: the same content
//! again is accepted, other content refused), and the versions published so far are
//! listed with who published each (`GET /templates/{id}/versions`).

use crate::common::events::Emitted;
use crate::common::server::{refusal_text, Endpoint, Reply};
use crate::common::{t, tf};
use serde_json::Value;
use std::rc::Rc;
use yaojian::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct PublishProps {
    pub lang: Lang,
    pub endpoint: Endpoint,
    pub signed_in: bool,
    /// The template document as it stands.
    pub doc: Rc<Value>,
    /// Whether the engine finds nothing wrong with it.
    pub valid: bool,
    pub prefix: Rc<String>,
    pub on_emit: Callback<Value>,
}

/// How the last publishing went.
#[derive(Clone, PartialEq)]
enum Outcome {
    Idle,
    Busy,
    /// Published now (`true`) or already, with the same content (`false`).
    Published { id: String, version: String, created: bool },
    /// Refused or unreachable, in words.
    Failed(String),
}

/// The versions of one template published so far.
#[derive(Clone, PartialEq)]
enum Versions {
    NotAsked,
    Loading,
    Loaded { id: String, items: Vec<Value> },
    Failed(String),
}

/// Reads the versions of template `id` into `into`; a template never published has none.
fn load_versions(endpoint: Endpoint, id: String, lang: Lang, into: UseStateHandle<Versions>) {
    into.set(Versions::Loading);
    wasm_bindgen_futures::spawn_local(async move {
        let url = endpoint.url(&format!("/templates/{}/versions", js_sys::encode_uri_component(&id)), lang);
        let next = match endpoint.request("GET", &url, None, &[]).await {
            Reply::Ok(_, v) => Versions::Loaded { id, items: v["items"].as_array().cloned().unwrap_or_default() },
            Reply::Refused(404, _) => Versions::Loaded { id, items: Vec::new() },
            Reply::Refused(_, errs) => Versions::Failed(refusal_text(&errs, lang)),
            Reply::Unreachable(_) => Versions::Failed(t(lang, "fb.pub.unreachable")),
        };
        into.set(next);
    });
}

#[function_component(Publish)]
pub fn publish(p: &PublishProps) -> Html {
    let lang = p.lang;
    let id = |s: &str| format!("{}-{s}", p.prefix);
    let outcome = use_state(|| Outcome::Idle);
    let versions = use_state(|| Versions::NotAsked);
    let form_id = p.doc["id"].as_str().unwrap_or_default().to_string();
    let version = p.doc["version"].as_str().unwrap_or_default().to_string();
    {
        let (endpoint, versions, form_id, signed_in) = (p.endpoint.clone(), versions.clone(), form_id.clone(), p.signed_in);
        use_effect_with((p.endpoint.clone(), signed_in), move |_| {
            if signed_in && !form_id.is_empty() {
                load_versions(endpoint, form_id, lang, versions);
            }
        });
    }
    let on_publish = {
        let (endpoint, doc, outcome, versions, on_emit) = (p.endpoint.clone(), p.doc.clone(), outcome.clone(), versions.clone(), p.on_emit.clone());
        let (form_id, version) = (form_id.clone(), version.clone());
        Callback::from(move |_: MouseEvent| {
            let (endpoint, doc, outcome, versions, on_emit) = (endpoint.clone(), doc.clone(), outcome.clone(), versions.clone(), on_emit.clone());
            let (form_id, version) = (form_id.clone(), version.clone());
            outcome.set(Outcome::Busy);
            wasm_bindgen_futures::spawn_local(async move {
                let url = endpoint.url(&format!("/templates/{}/{}", js_sys::encode_uri_component(&form_id), js_sys::encode_uri_component(&version)), lang);
                let next = match endpoint.request("PUT", &url, Some(&doc.to_string()), &[]).await {
                    Reply::Ok(status, _) => {
                        Emitted::BuilderPublish { id: form_id.clone(), version: version.clone(), status }.send(&on_emit);
                        load_versions(endpoint, form_id.clone(), lang, versions);
                        Outcome::Published { id: form_id, version, created: status == 201 }
                    }
                    Reply::Refused(_, errs) => Outcome::Failed(refusal_text(&errs, lang)),
                    Reply::Unreachable(_) => Outcome::Failed(t(lang, "fb.pub.unreachable")),
                };
                outcome.set(next);
            });
        })
    };
    let busy = *outcome == Outcome::Busy;
    let why_not = if !p.signed_in {
        Some(t(lang, "fb.pub.sign_in"))
    } else if !p.valid {
        Some(t(lang, "fb.pub.fix_first"))
    } else {
        None
    };
    let why_id = why_not.as_ref().map(|_| id("publish-why"));
    let refresh = {
        let (endpoint, versions, form_id) = (p.endpoint.clone(), versions.clone(), form_id.clone());
        Callback::from(move |_: MouseEvent| load_versions(endpoint.clone(), form_id.clone(), lang, versions.clone()))
    };
    html! {
        <section class="yj-fb__publish" aria-labelledby={id("publish-title")}>
            <h3 class="yj-fb__pane-title" id={id("publish-title")}>{ t(lang, "fb.pub.title") }</h3>
            if let Some(w) = &why_not {
                <p class="yj-hint" id={why_id.clone()}>{ w.clone() }</p>
            }
            <button type="button" class="yj-button" id={id("publish")} disabled={why_not.is_some() || busy}
                    aria-describedby={why_id} onclick={on_publish}>
                { tf(lang, "fb.pub.button", &[("version", &version)]) }
            </button>
            <div role="status" id={id("publish-status")}>
                { match &*outcome {
                    Outcome::Idle => html! {},
                    Outcome::Busy => html! { <p class="yj-hint">{ t(lang, "fb.pub.busy") }</p> },
                    Outcome::Published { id: f, version: v, created } => html! {
                        <p class="yj-fb__published">{ tf(lang, if *created { "fb.pub.published" } else { "fb.pub.already" }, &[("id", f), ("version", v)]) }</p>
                    },
                    Outcome::Failed(why) => html! { <p class="yj-error-message">{ tf(lang, "fb.pub.failed", &[("detail", why)]) }</p> },
                } }
            </div>
            { versions_list(&versions, &form_id, lang, &id, refresh) }
            if let Versions::Loaded { id: of, items } = &*versions {
                if *of == form_id && items.len() > 1 {
                    <super::diff::VersionDiff key={items.len()} {lang} endpoint={p.endpoint.clone()} form_id={form_id.clone()} prefix={p.prefix.to_string()}
                        versions={items.iter().filter_map(|v| v["version"].as_str().map(str::to_string)).collect::<Vec<_>>()} />
                }
            }
        </section>
    }
}

/// A server timestamp (`2026-12-05T13:05:09+08:00`, Beijing time) as people read it:
/// `2026-12-05 13:05`.
fn shown_time(ts: &str) -> String {
    ts.get(..16).map(|s| s.replacen('T', " ", 1)).unwrap_or_else(|| ts.to_string())
}

/// The versions published so far: version, when, by whom.
fn versions_list(v: &Versions, form_id: &str, lang: Lang, id: &dyn Fn(&str) -> String, refresh: Callback<MouseEvent>) -> Html {
    let body = match v {
        Versions::Loaded { id: of, items } if of == form_id && items.is_empty() => {
            html! { <p class="yj-hint">{ tf(lang, "fb.pub.none_yet", &[("id", form_id)]) }</p> }
        }
        Versions::Loaded { id: of, items } if of == form_id => html! {
            <table class="yj-fb__versions yj-cards" role="table">
                <caption class="yj-visually-hidden">{ tf(lang, "fb.pub.versions_of", &[("id", form_id)]) }</caption>
                <thead><tr role="row">
                    <th scope="col" role="columnheader">{ t(lang, "fb.pub.version") }</th>
                    <th scope="col" role="columnheader">{ t(lang, "fb.pub.at") }</th>
                    <th scope="col" role="columnheader">{ t(lang, "fb.pub.by") }</th>
                </tr></thead>
                <tbody>
                    { for items.iter().map(|it| html! {
                        <tr role="row">
                            <th scope="row" role="rowheader">{ it["version"].as_str().unwrap_or_default().to_string() }</th>
                            <td role="cell" data-label={t(lang, "fb.pub.at")}>{ shown_time(it["published_at"].as_str().unwrap_or_default()) }</td>
                            <td role="cell" data-label={t(lang, "fb.pub.by")}>{ it["published_by"].as_str().unwrap_or("—").to_string() }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        },
        Versions::Loading => html! { <p class="yj-hint">{ t(lang, "fb.pub.loading") }</p> },
        Versions::Failed(why) => html! { <p class="yj-error-message">{ why.clone() }</p> },
        _ => html! {},
    };
    html! {
        <div class="yj-fb__versions-pane">
            <h4 class="yj-fb__subtitle">{ tf(lang, "fb.pub.versions_of", &[("id", form_id)]) }</h4>
            { body }
            <button type="button" class="yj-button yj-button--secondary" id={id("versions-refresh")} onclick={refresh}>{ t(lang, "fb.pub.refresh") }</button>
        </div>
    }
}
