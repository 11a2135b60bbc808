//! The demo portal's choice of form on the self-inspection and summary pages, when the
//! demo server serves it: every template the server has published (`GET /templates`,
//! the built-in ones and those written in the form builder), as a bureau's page would
//! offer them. The widget is told the one chosen through its `template-id` setting.

use super::signin::DEMO_ENDPOINT;
use crate::common::server::{Endpoint, Reply};
use crate::common::{t, tf};
use serde_json::Value;
use std::rc::Rc;
use yaojian::Lang;
use yew::prelude::*;

/// The templates the server has published (latest version of each), once read.
#[hook]
fn use_published(lang: Lang) -> Rc<Vec<Value>> {
    let list = use_state(|| Rc::new(Vec::new()));
    {
        let list = list.clone();
        use_effect_with(lang, move |lang| {
            let lang = *lang;
            yew::platform::spawn_local(async move {
                let e = Endpoint::new(DEMO_ENDPOINT, None);
                if let Reply::Ok(_, v) = e
                    .request("GET", &e.url("/templates", lang), None, &[])
                    .await
                {
                    list.set(Rc::new(v["items"].as_array().cloned().unwrap_or_default()));
                }
            });
        });
    }
    (*list).clone()
}

#[derive(Properties, PartialEq)]
pub struct FormChoiceProps {
    pub lang: Lang,
    /// The template id shown now.
    pub chosen: AttrValue,
    pub on_choose: Callback<String>,
}

/// A labelled select of the published forms.
#[function_component(FormChoice)]
pub fn form_choice(p: &FormChoiceProps) -> Html {
    let l = p.lang;
    let published = use_published(l);
    let onchange = {
        let on_choose = p.on_choose.clone();
        Callback::from(move |e: Event| {
            on_choose.emit(
                e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                    .value(),
            )
        })
    };
    let listed = published
        .iter()
        .any(|f| f["id"].as_str() == Some(p.chosen.as_str()));
    html! {
        <div class="yj-portal__form-choice">
            <label for="yj-portal-form">{ t(l, "portal.form_choice") }</label>
            <select id="yj-portal-form" {onchange}>
                if !listed { <option value={p.chosen.clone()} selected=true>{ p.chosen.clone() }</option> }
                { for published.iter().map(|f| {
                    let id = f["id"].as_str().unwrap_or_default().to_string();
                    let words = tf(l, "portal.form_option", &[
                        ("title", f["title"].as_str().unwrap_or_default()),
                        ("id", &id),
                        ("version", f["version"].as_str().unwrap_or_default()),
                    ]);
                    html! { <option value={id.clone()} selected={id == p.chosen.as_str()}>{ words }</option> }
                }) }
            </select>
        </div>
    }
}
