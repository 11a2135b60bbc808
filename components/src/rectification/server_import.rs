//! 导入自查发现 on the server (`POST /items/import`, inspector and admin): the findings
//! of filings stored on the server become items, by template or by reference. The
//! server reads the filings the token may see and skips what is there already; this
//! form says what was added and what was skipped, and asks for the page again.

use crate::common::server::{Endpoint, Reply};
use crate::common::{t, tf, ErrorItem};
use serde_json::{json, Value};
use yaojian::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(super) struct ServerImportProps {
    pub lang: Lang,
    /// Prefix of element ids, unique per widget.
    pub prefix: String,
    pub endpoint: Endpoint,
    /// Called once items were added: the page is asked for again.
    pub on_added: Callback<()>,
}

/// The request: the references typed (one a line), else every filing of the template.
fn request(template: &str, references: &str) -> Value {
    let refs: Vec<&str> = references
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if refs.is_empty() {
        json!({ "template": template })
    } else {
        json!({ "submissions": refs })
    }
}

/// What the last import came to: its words, and the server's errors at their fields.
#[derive(Clone, PartialEq, Default)]
struct Said {
    status: String,
    errors: Vec<ErrorItem>,
}

/// The answer in words: counts, or each error at the field it names.
fn said_of(reply: Reply, prefix: &str, lang: Lang) -> Said {
    match reply {
        Reply::Ok(_, v) => {
            let n = |k: &str| v[k].as_u64().unwrap_or(0).to_string();
            let counts = [("added", n("added")), ("already", n("already"))];
            let counts: Vec<(&str, &str)> = counts.iter().map(|(k, v)| (*k, v.as_str())).collect();
            Said {
                status: tf(lang, "cl.imported", &counts),
                errors: vec![],
            }
        }
        Reply::Refused(401, _) => at_form(t(lang, "cl.signed_out"), prefix),
        Reply::Refused(_, errs) => {
            let errors = errs
                .iter()
                .map(|e| ErrorItem {
                    field_id: field_of(&e.path, prefix),
                    message: e.message(lang),
                })
                .collect();
            Said {
                status: String::new(),
                errors,
            }
        }
        Reply::Unreachable(_) => at_form(t(lang, "cl.unreachable"), prefix),
    }
}

fn at_form(message: String, prefix: &str) -> Said {
    Said {
        status: String::new(),
        errors: vec![ErrorItem {
            field_id: format!("{prefix}-simport-refs"),
            message,
        }],
    }
}

/// The field an error's path names: the references, or the template.
fn field_of(path: &str, prefix: &str) -> String {
    if path.starts_with("$.template") {
        format!("{prefix}-simport-template")
    } else {
        format!("{prefix}-simport-refs")
    }
}

#[function_component(ServerImport)]
pub(super) fn server_import(p: &ServerImportProps) -> Html {
    let lang = p.lang;
    let template = use_state(|| yaojian::form::DEFAULT_ID.to_string());
    let refs = use_state(String::new);
    let said = use_state(Said::default);
    let busy = use_state(|| false);
    let focus = use_state(|| 0u32);
    let on_import = {
        let (template, refs, said, busy, focus) = (
            template.clone(),
            refs.clone(),
            said.clone(),
            busy.clone(),
            focus.clone(),
        );
        let (e, prefix, on_added) = (p.endpoint.clone(), p.prefix.clone(), p.on_added.clone());
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            busy.set(true);
            let body = request(&template, &refs).to_string();
            let (said, busy, focus, refs) = (said.clone(), busy.clone(), focus.clone(), refs.clone());
            let (e, prefix, on_added) = (e.clone(), prefix.clone(), on_added.clone());
            yew::platform::spawn_local(async move {
                let url = e.url("/items/import", lang);
                let reply = e.request("POST", &url, Some(&body), &[]).await;
                let took = matches!(reply, Reply::Ok(..));
                let now = said_of(reply, &prefix, lang);
                if took {
                    refs.set(String::new());
                    on_added.emit(());
                } else {
                    focus.set(*focus + 1);
                }
                said.set(now);
                busy.set(false);
            });
        })
    };
    let on_template = {
        let template = template.clone();
        Callback::from(move |e: Event| {
            template.set(e.target_unchecked_into::<web_sys::HtmlSelectElement>().value())
        })
    };
    let error_at = |id: &str| said.errors.iter().find(|e| e.field_id == id).map(|e| e.message.clone());
    let which = crate::common::Field::new(format!("{}-simport-template", p.prefix), t(lang, "cl.simport_template"))
        .error(error_at(&format!("{}-simport-template", p.prefix)));
    let refs_field = crate::common::Field::new(format!("{}-simport-refs", p.prefix), t(lang, "cl.simport_refs"))
        .hint(Some(t(lang, "cl.simport_refs_hint")))
        .error(error_at(&format!("{}-simport-refs", p.prefix)));
    // The server reads the filings: the menu needs only the templates' titles.
    let options = yaojian::form::built_in_ids().into_iter().map(|id| {
        let title = t(lang, &format!("form.template.{id}"));
        html! { <option value={id} selected={*template == id}>{ format!("{title}{}", yaojian::i18n::bracketed(id, lang)) }</option> }
    });
    html! {
        <details class="yj-cl__import yj-no-print">
            <summary>{ t(lang, "cl.simport") }</summary>
            <crate::common::ErrorSummary id={format!("{}-simport-errors", p.prefix)} title={t(lang, "cl.import_errors")} errors={said.errors.clone()} focus_token={*focus} />
            { which.view(lang, html! {
                <select class="yj-select" id={which.id.clone()} aria-describedby={which.described_by()} aria-invalid={which.aria_invalid()} onchange={on_template}>{ for options }</select>
            }) }
            { refs_field.view(lang, html! {
                <textarea id={refs_field.id.clone()} class="yj-input" rows="3" aria-describedby={refs_field.described_by()} aria-invalid={refs_field.aria_invalid()}
                          value={(*refs).clone()} oninput={crate::common::bind_text(&refs)} />
            }) }
            <button type="button" class="yj-button yj-button--secondary" id={format!("{}-simport", p.prefix)}
                    disabled={*busy} onclick={on_import}>{ t(lang, "cl.import_button") }</button>
            <p role="status" id={format!("{}-simport-status", p.prefix)}>{ said.status.clone() }</p>
        </details>
    }
}
