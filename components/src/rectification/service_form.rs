//! Recording a notice's service (送达) on the server: date, method and recipient,
//! checked by the engine (`service_of`) as the server will check them, each error at its
//! field and in an error summary; what was typed stays until the server accepts it.

use super::issued::{failure, issued_of, notice_path, Issued};
use crate::common::{ErrorItem, ErrorSummary, Field};
use crate::common::server::{said, Endpoint, Reply};
use crate::common::t;
use serde_json::json;
use yaojian::checklist::{self as cl, ServiceMethod};
use yaojian::date::{format_date, Date};
use yaojian::{FieldError, Lang};
use yew::prelude::*;

const METHODS: [ServiceMethod; 6] = [
    ServiceMethod::Direct,
    ServiceMethod::Left,
    ServiceMethod::Post,
    ServiceMethod::Electronic,
    ServiceMethod::Entrusted,
    ServiceMethod::Announcement,
];
const FIELDS: [&str; 3] = ["date", "method", "recipient"];

#[derive(Properties, PartialEq)]
pub struct ServiceFormProps {
    pub lang: Lang,
    pub prefix: String,
    pub endpoint: Endpoint,
    pub number: String,
    pub today: Date,
    /// The notice with the service recorded.
    pub on_served: Callback<Issued>,
}

/// What was typed: date, method (wire name) and recipient.
#[derive(Clone, PartialEq)]
struct Typed {
    fields: [String; 3],
}

/// A form that records one service of the notice.
#[function_component(ServiceForm)]
pub fn service_form(p: &ServiceFormProps) -> Html {
    let lang = p.lang;
    let typed = use_state(|| Typed {
        fields: [format_date(p.today), "direct".into(), String::new()],
    });
    let errors = use_state(Vec::<FieldError>::new);
    let sending = use_state(|| false);
    let submits = use_state(|| 0u32);
    let set = |n: usize| {
        let typed = typed.clone();
        Callback::from(move |e: Event| {
            let mut x = (*typed).clone();
            x.fields[n] = crate::common::target_value(&e);
            typed.set(x);
        })
    };
    let typing = |n: usize| {
        let cb = set(n);
        Callback::from(move |e: InputEvent| cb.emit(e.into()))
    };
    let onsubmit = {
        let (typed, errors, sending, submits) = (typed.clone(), errors.clone(), sending.clone(), submits.clone());
        let (e, number, on_served) = (p.endpoint.clone(), p.number.clone(), p.on_served.clone());
        Callback::from(move |ev: SubmitEvent| {
            ev.prevent_default();
            if *sending {
                return;
            }
            submits.set(*submits + 1);
            let [date, method, recipient] = &typed.fields;
            let body = json!({ "date": date.trim(), "method": method, "recipient": recipient.trim() });
            if let Err(errs) = cl::service_of(body.clone()) {
                return errors.set(errs.0);
            }
            sending.set(true);
            let (e, number, on_served, errors, sending) = (e.clone(), number.clone(), on_served.clone(), errors.clone(), sending.clone());
            yew::platform::spawn_local(async move {
                let url = e.url(&format!("{}/service", notice_path(&number)), lang);
                let reply = e.request("POST", &url, Some(&body.to_string()), &[]).await;
                sending.set(false);
                match reply {
                    Reply::Ok(_, v) => match issued_of(&v) {
                        Some(now) => {
                            errors.set(Vec::new());
                            on_served.emit(now);
                        }
                        None => errors.set(vec![said(t(lang, "cl.notice_unreachable"))]),
                    },
                    Reply::Refused(422, errs) if !errs.is_empty() => errors.set(errs),
                    other => errors.set(vec![said(failure(other, lang))]),
                }
            });
        })
    };
    let id = |f: &str| format!("{}-sv-{f}", p.prefix);
    let error_at = |f: &str| {
        let path = format!("$.{f}");
        errors.iter().find(|e| e.path == path).map(|e| e.message(lang))
    };
    let field = |f: &str| Field::new(id(f), t(lang, &format!("cl.service_{f}"))).error(error_at(f));
    let summary: Vec<ErrorItem> = errors
        .iter()
        .map(|e| {
            let f = e.path.trim_start_matches("$.");
            let field_id = if FIELDS.contains(&f) { id(f) } else { id("recipient") };
            ErrorItem { field_id, message: e.message(lang) }
        })
        .collect();
    let (date, method, recipient) = (field("date"), field("method"), field("recipient"));
    let [date_v, method_v, recipient_v] = &typed.fields;
    html! {
        <form class="yj-cl__service-form yj-no-print" novalidate=true {onsubmit} aria-labelledby={id("title")}>
            <h4 id={id("title")}>{ t(lang, "cl.service_add") }</h4>
            <ErrorSummary id={id("errors")} title={t(lang, "cl.service_errors")} errors={summary} focus_token={*submits} />
            { date.view(lang, html! {
                <input class={date.input_class()} type="date" id={date.id.clone()} value={date_v.clone()} oninput={typing(0)}
                       aria-invalid={date.aria_invalid()} aria-describedby={date.described_by()} />
            }) }
            { method.view(lang, html! {
                <select class={classes!("yj-select", method.invalid().then_some("yj-input--error"))} id={method.id.clone()} onchange={set(1)}
                        aria-invalid={method.aria_invalid()} aria-describedby={method.described_by()}>
                    { for METHODS.iter().map(|m| {
                        let w = cl::wire_name(m);
                        html! { <option value={w.clone()} selected={*method_v == w}>{ t(lang, &format!("cl.service_method.{w}")) }</option> }
                    }) }
                </select>
            }) }
            { recipient.view(lang, html! {
                <input class={recipient.input_class()} type="text" id={recipient.id.clone()} value={recipient_v.clone()} oninput={typing(2)}
                       autocomplete="off" aria-invalid={recipient.aria_invalid()} aria-describedby={recipient.described_by()} />
            }) }
            <button type="submit" class="yj-button" disabled={*sending} aria-busy={sending.to_string()}>{ t(lang, "cl.service_save") }</button>
        </form>
    }
}
