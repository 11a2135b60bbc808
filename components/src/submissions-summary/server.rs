//! The summary over `yaojian-server` (`endpoint` set): the submissions the caller may
//! see are read page by page (`GET /submissions`, 500 a page) into the batch, which the
//! engine summarises as it does files; the full CSV comes from the server
//! (`GET /submissions.csv`), streamed there, downloaded here.

use super::state::{Msg, State};
use super::{download, SubmissionsSummaryProps};
use crate::common::events::Emitted;
use crate::common::server::{refusal_text, Endpoint, Reply};
use crate::common::{t, tf};
use serde_json::Value;
use yaojian::form::Template;
use yaojian::Lang;
use yew::prelude::*;

fn query(t: &Template) -> String {
    format!(
        "template={}&version={}",
        js_sys::encode_uri_component(&t.id),
        js_sys::encode_uri_component(&t.version)
    )
}

/// Reads every page into the batch, in place of what was loaded.
pub fn load(endpoint: Endpoint, template: &Template, lang: Lang, d: UseReducerDispatcher<State>) {
    let q = query(template);
    d.dispatch(Msg::Clear);
    d.dispatch(Msg::Reading(1));
    yew::platform::spawn_local(async move {
        let mut all = Vec::new();
        let mut after: Option<String> = None;
        let source = crate::common::t(lang, "fs.server");
        loop {
            let cursor = after.as_deref().map(|a| format!("&after={}", js_sys::encode_uri_component(a))).unwrap_or_default();
            let url = endpoint.url(&format!("/submissions?{q}&limit=500{cursor}"), lang);
            let page = match endpoint.request("GET", &url, None, &[]).await {
                Reply::Ok(_, v) => v,
                Reply::Refused(_, errs) => {
                    let detail = refusal_text(&errs, lang);
                    return d.dispatch(Msg::Loaded { source, text: Err(detail), field: "reload" });
                }
                Reply::Unreachable(why) => {
                    let detail = tf(lang, "fs.server_unreachable", &[("detail", &why)]);
                    return d.dispatch(Msg::Loaded { source, text: Err(detail), field: "reload" });
                }
            };
            if let Some(versions) = page["versions"].as_array() {
                let count = |v: &Value| usize::try_from(v["count"].as_u64()?).ok();
                let read = |v: &Value| Some((v["version"].as_str()?.to_string(), count(v)?));
                d.dispatch(Msg::ServerVersions(versions.iter().filter_map(read).collect()));
            }
            if let Some(items) = page["items"].as_array() {
                all.extend(items.iter().map(|i| i["submission"].clone()));
            }
            match page["next"].as_str() {
                Some(n) => after = Some(n.to_string()),
                None => break,
            }
        }
        let text = Value::Array(all).to_string();
        d.dispatch(Msg::Loaded { source, text: Ok(text), field: "reload" });
    });
}

/// Loads when the server, the token or the template changes.
#[hook]
pub fn use_server_batch(
    props: &SubmissionsSummaryProps,
    template: Option<std::rc::Rc<Template>>,
    d: UseReducerDispatcher<State>,
) {
    // Nothing to read until the portal has handed over its token (or said it set a
    // cookie instead).
    let endpoint = props.server.endpoint().filter(|e| e.token.is_some() || props.server.auth_cookie);
    let lang = props.lang;
    use_effect_with((endpoint, template), move |(endpoint, template)| {
        if let (Some(e), Some(t)) = (endpoint.clone(), template.clone()) {
            load(e, &t, lang, d);
        }
    });
}

/// The server's line: where the batch comes from, reload, and the full CSV.
pub fn server_panel(
    props: &SubmissionsSummaryProps,
    template: &std::rc::Rc<Template>,
    id: &dyn Fn(&str) -> String,
    d: &UseReducerDispatcher<State>,
    export_error: &UseStateHandle<Option<String>>,
) -> Html {
    let Some(endpoint) = props.server.endpoint() else {
        return html! {};
    };
    let lang = props.lang;
    let reload = {
        let (e, t, d) = (endpoint.clone(), template.clone(), d.clone());
        Callback::from(move |_: MouseEvent| load(e.clone(), &t, lang, d.clone()))
    };
    let csv = {
        let (e, t) = (endpoint.clone(), template.clone());
        let on_emit = props.on_emit.clone();
        let export_error = export_error.clone();
        Callback::from(move |_: MouseEvent| {
            let (e, t, on_emit, export_error) = (e.clone(), t.clone(), on_emit.clone(), export_error.clone());
            yew::platform::spawn_local(async move {
                let url = e.url(&format!("/submissions.csv?{}", query(&t)), lang);
                let name = format!("{}-{}-{}.csv", crate::common::t(lang, "fs.file_prefix"), t.id, crate::common::today());
                let result = match e.fetch("GET", &url, None, &[]).await {
                    Ok((200, text)) => {
                        // `Response.text()` drops the BOM the server sent; Excel needs it.
                        let text = format!("\u{feff}{}", text.trim_start_matches('\u{feff}'));
                        download(&name, &text).map(|()| text.matches("\r\n").count().saturating_sub(1))
                    }
                    Ok((status, text)) => Err(match crate::common::server::reply_of(status, &text) {
                        Reply::Refused(_, errs) => refusal_text(&errs, lang),
                        _ => format!("HTTP {status}"),
                    }),
                    Err(why) => Err(why),
                };
                match result {
                    Ok(rows) => {
                        export_error.set(None);
                        Emitted::SummaryExport { file: name, rows }.send(&on_emit);
                    }
                    Err(why) => export_error.set(Some(why)),
                }
            });
        })
    };
    html! {
        <section class="yj-fs__server yj-no-print" aria-labelledby={id("server-title")}>
            <h3 id={id("server-title")}>{ t(lang, "fs.server_title") }</h3>
            <p class="yj-hint">{ tf(lang, "fs.server_hint", &[("endpoint", &endpoint.base)]) }</p>
            <div class="yj-button-row">
                <button type="button" class="yj-button yj-button--secondary" id={id("reload")} onclick={reload}>{ t(lang, "fs.server_reload") }</button>
                <button type="button" class="yj-button yj-button--secondary" id={id("server-csv")} onclick={csv}>{ t(lang, "fs.server_csv") }</button>
            </div>
        </section>
    }
}
