//! Import: a template from a JSON file, or (with `endpoint`) from a spreadsheet through
//! the server's converter (`POST /templates/from-xlsx`), whose mistakes come back by
//! cell (`survey!D7`). What was there can be had back with undo.

use super::Msg;
use crate::common::server::{Endpoint, Reply};
use crate::common::{t, tf};
use serde_json::Value;
use yaojian::Lang;
use yew::prelude::*;

/// How the last import went.
#[derive(Clone, PartialEq, Default)]
pub enum Imported {
    #[default]
    Nothing,
    Reading(String),
    Done(String),
    /// The file's name and each mistake (where, what).
    Failed(String, Vec<(String, String)>),
}

/// The content type a spreadsheet is declared as, by its name; none for anything else.
fn spreadsheet_type(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit('.').next()?;
    Some(match ext {
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xls" => "application/vnd.ms-excel",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        _ => return None,
    })
}

/// Reads `file` into the builder, telling `status` how it went.
pub fn import(file: web_sys::File, endpoint: Option<Endpoint>, lang: Lang, d: UseReducerDispatcher<super::State>, status: UseStateHandle<Imported>) {
    let name = file.name();
    status.set(Imported::Reading(name.clone()));
    wasm_bindgen_futures::spawn_local(async move {
        let outcome = match (spreadsheet_type(&name), endpoint) {
            (Some(kind), Some(ep)) => {
                let url = ep.url("/templates/from-xlsx", lang);
                match ep.post_file(&url, &file, kind).await {
                    Reply::Ok(_, v) => Ok(v),
                    Reply::Refused(_, errs) => Err(errs.iter().map(|e| (e.path.clone(), e.message(lang))).collect()),
                    Reply::Unreachable(_) => Err(vec![(String::new(), t(lang, "fb.pub.unreachable"))]),
                }
            }
            (Some(_), None) => Err(vec![(String::new(), t(lang, "fb.import.needs_server"))]),
            (None, _) => read_json(&file, lang).await,
        };
        match outcome {
            Ok(doc) => {
                d.dispatch(Msg::Load(doc));
                status.set(Imported::Done(name));
            }
            Err(mistakes) => status.set(Imported::Failed(name, mistakes)),
        }
    });
}

async fn read_json(file: &web_sys::File, lang: Lang) -> Result<Value, Vec<(String, String)>> {
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    match serde_json::from_str::<Value>(&text) {
        Ok(v) if v.is_object() => Ok(v),
        Ok(_) => Err(vec![("$".into(), t(lang, "error.builder.not_object"))]),
        Err(e) => Err(vec![(
            String::new(),
            tf(lang, "fb.import.not_json", &[("line", &e.line().to_string()), ("column", &e.column().to_string())]),
        )]),
    }
}

/// The file picker and what came of the last import.
pub fn picker(id: &dyn Fn(&str) -> String, lang: Lang, server: bool, status: &Imported, onchange: Callback<Event>) -> Html {
    let hint_id = id("import-hint");
    let accept = if server { ".json,.xlsx,.xls,.ods" } else { ".json" };
    html! {
        <div class="yj-field yj-fb__import">
            <label class="yj-label" for={id("import")}>{ t(lang, "fb.import.label") }</label>
            <p class="yj-hint" id={hint_id.clone()}>{ t(lang, if server { "fb.import.hint_server" } else { "fb.import.hint" }) }</p>
            <input type="file" class="yj-fb__file" id={id("import")} {accept} aria-describedby={hint_id} {onchange} />
            <div role="status" id={id("import-status")}>
                { match status {
                    Imported::Nothing => html! {},
                    Imported::Reading(f) => html! { <p class="yj-hint">{ tf(lang, "fb.import.reading", &[("file", f)]) }</p> },
                    Imported::Done(f) => html! { <p class="yj-fb__published">{ tf(lang, "fb.import.done", &[("file", f)]) }</p> },
                    Imported::Failed(f, mistakes) => html! {
                        <div class="yj-error-message">
                            <p>{ tf(lang, "fb.import.failed", &[("file", f)]) }</p>
                            <ul class="yj-fb__mistakes">
                                { for mistakes.iter().map(|(at, what)| html! {
                                    <li>{ match (at.as_str(), lang) {
                                        ("" | "$", _) => what.clone(),
                                        (at, Lang::En) => format!("{at}: {what}"),
                                        (at, _) => format!("{at}：{what}"),
                                    } }</li>
                                }) }
                            </ul>
                        </div>
                    },
                } }
            </div>
        </div>
    }
}
