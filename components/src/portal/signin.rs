//! The demo portal's sign-in, shown only when the page is served by
//! `yaojian-server serve --demo` (which marks the page and answers
//! `/api/v1/demo/users`): pick one of the
//! labelled sample users and the server hands out a token for it, as a real portal's
//! sign-in would. The self-inspection and summary pages then file to and read from the
//! server with that token.

use crate::common::server::{Endpoint, Reply};
use crate::common::t;
use serde_json::{json, Value};
use std::rc::Rc;
use yaojian::Lang;
use yew::prelude::*;

/// The demo API, relative to the portal.
pub const DEMO_ENDPOINT: &str = "/api/v1";

/// Who is signed in.
#[derive(Clone, PartialEq, Debug)]
pub struct Session {
    pub name: String,
    pub token: String,
}

/// Whether the page came from `yaojian-server --demo`, which adds
/// `<meta name="yaojian-demo-api">` to it.
fn served_by_demo_server() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector("meta[name='yaojian-demo-api']")
                .ok()
                .flatten()
        })
        .is_some()
}

/// The sample users, when the server offers them (`None` on a static host).
#[hook]
pub fn use_sample_users() -> Option<Rc<Vec<Value>>> {
    let users = use_state(|| None::<Rc<Vec<Value>>>);
    {
        let users = users.clone();
        use_effect_with((), move |_| {
            if !served_by_demo_server() {
                return;
            }
            yew::platform::spawn_local(async move {
                let e = Endpoint::new(DEMO_ENDPOINT, None);
                if let Reply::Ok(_, v) = e
                    .request("GET", &format!("{DEMO_ENDPOINT}/demo/users"), None, &[])
                    .await
                {
                    if let Some(list) = v["items"].as_array() {
                        users.set(Some(Rc::new(list.clone())));
                    }
                }
            });
        });
    }
    (*users).clone()
}

#[derive(Properties, PartialEq)]
pub struct SignInProps {
    pub lang: Lang,
    pub users: Rc<Vec<Value>>,
    pub session: Option<Session>,
    pub on_change: Callback<Option<Session>>,
}

#[function_component(SignIn)]
pub fn sign_in(p: &SignInProps) -> Html {
    let l = p.lang;
    let chosen = use_state(|| {
        p.users
            .first()
            .and_then(|u| u["id"].as_str())
            .unwrap_or("")
            .to_string()
    });
    let failed = use_state(|| false);
    let on_pick = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            chosen.set(
                e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                    .value(),
            )
        })
    };
    let on_sign_in = {
        let (chosen, users, on_change, failed) = (
            chosen.clone(),
            p.users.clone(),
            p.on_change.clone(),
            failed.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let id = (*chosen).clone();
            let name = users
                .iter()
                .find(|u| u["id"] == id.as_str())
                .and_then(|u| u["name"].as_str())
                .unwrap_or("")
                .to_string();
            let (on_change, failed) = (on_change.clone(), failed.clone());
            yew::platform::spawn_local(async move {
                let e = Endpoint::new(DEMO_ENDPOINT, None);
                let body = json!({ "user": id }).to_string();
                match e
                    .request(
                        "POST",
                        &format!("{DEMO_ENDPOINT}/demo/token"),
                        Some(&body),
                        &[],
                    )
                    .await
                {
                    Reply::Ok(_, v) => {
                        failed.set(false);
                        on_change.emit(v["token"].as_str().map(|token| Session {
                            name,
                            token: token.to_string(),
                        }));
                    }
                    _ => failed.set(true),
                }
            });
        })
    };
    let on_sign_out = {
        let on_change = p.on_change.clone();
        Callback::from(move |_: MouseEvent| on_change.emit(None))
    };
    html! {
        <section class="yj-portal__signin" aria-labelledby="yj-portal-signin-title">
            <h2 id="yj-portal-signin-title" class="yj-portal__signin-title">
                { t(l, "portal.signin.title") }<span class="yj-sample-notice">{ t(l, "portal.signin.sample") }</span>
            </h2>
            if let Some(s) = &p.session {
                <p role="status" id="yj-portal-signed-in">{ format!("{}{}", t(l, "portal.signin.as"), s.name) }</p>
                <button type="button" class="yj-button yj-button--secondary" id="yj-portal-sign-out" onclick={on_sign_out}>{ t(l, "portal.signin.out") }</button>
            } else {
                <div class="yj-field">
                    <label class="yj-label" for="yj-portal-user">{ t(l, "portal.signin.user") }</label>
                    <select id="yj-portal-user" class="yj-input" onchange={on_pick}>
                        { for p.users.iter().map(|u| {
                            let id = u["id"].as_str().unwrap_or("").to_string();
                            html! { <option value={id.clone()} selected={*chosen == id}>{ u["name"].as_str().unwrap_or("") }</option> }
                        }) }
                    </select>
                </div>
                <button type="button" class="yj-button" id="yj-portal-sign-in" onclick={on_sign_in}>{ t(l, "portal.signin.in") }</button>
                if *failed { <p class="yj-error-message" role="alert">{ t(l, "portal.signin.failed") }</p> }
            }
        </section>
    }
}
