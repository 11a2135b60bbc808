//! 责令改正通知书 on the server: issued there (`issued.rs`), shown as the legal document
//! `notice.rs` draws, with its services (送达), to which an inspector adds one
//! (`service_form.rs`). The widget never numbers a notice itself.

use super::issued::{ask, Asked, Issued, NoticeOf};
use super::notice::NoticeView;
use super::service_form::ServiceForm;
use crate::common::server::Endpoint;
use crate::common::{t, tf};
use std::rc::Rc;
use yaojian::checklist as cl;
use yaojian::date::{format_date, Date};
use yaojian::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ServerNoticeProps {
    pub lang: Lang,
    pub prefix: String,
    pub endpoint: Endpoint,
    pub of: Rc<NoticeOf>,
    /// The role may record services (an inspector or admin; unknown with a cookie).
    pub may_serve: bool,
    pub today: Date,
    pub on_close: Callback<()>,
}

/// The notice the server issued (or issues now), with its services.
#[function_component(ServerNotice)]
pub fn server_notice(p: &ServerNoticeProps) -> Html {
    let lang = p.lang;
    let asked = use_state(|| None::<Asked>);
    {
        let (asked, e) = (asked.clone(), p.endpoint.clone());
        use_effect_with(p.of.clone(), move |of| {
            asked.set(None);
            let of = of.clone();
            yew::platform::spawn_local(async move { asked.set(Some(ask(&e, &of, lang).await)) });
        });
    }
    let close = {
        let c = p.on_close.clone();
        Callback::from(move |_: MouseEvent| c.emit(()))
    };
    match &*asked {
        None => html! {
            <p class="yj-hint" role="status" data-testid="cl-notice-waiting">{ t(lang, "cl.notice_waiting") }</p>
        },
        Some(Err(why)) => html! {
            <div class="yj-cl__notice-failed" role="alert" data-testid="cl-notice-failed">
                <p class="yj-error-message">{ why }</p>
                <button type="button" class="yj-button yj-button--secondary" id={format!("{}-notice-close", p.prefix)} onclick={close}>{ t(lang, "cl.notice_close") }</button>
            </div>
        },
        Some(Ok(issued)) => {
            let on_served = {
                let asked = asked.clone();
                Callback::from(move |now: Issued| asked.set(Some(Ok(now))))
            };
            html! {
                <NoticeView lang={lang} prefix={p.prefix.clone()} notice={issued.notice.clone()} sample_pattern={issued.sample_pattern} pattern_setting="--notice-pattern" on_close={p.on_close.clone()}>
                    { services(issued, lang) }
                    if p.may_serve {
                        <ServiceForm lang={lang} prefix={p.prefix.clone()} endpoint={p.endpoint.clone()} number={issued.notice.number.clone()} today={p.today} {on_served} />
                    }
                </NoticeView>
            }
        }
    }
}

/// The services recorded (送达回证): when, how, to whom, recorded by whom.
fn services(issued: &Issued, lang: Lang) -> Html {
    let rows = issued.services.iter().map(|s| {
        let line = tf(
            lang,
            "cl.service_entry",
            &[
                ("date", &format_date(s.service.date)),
                ("method", &t(lang, &format!("cl.service_method.{}", cl::wire_name(&s.service.method)))),
                ("recipient", &s.service.recipient),
                ("by", &s.by),
                ("at", &s.at.replace('T', " ").replace("+08:00", "")),
            ],
        );
        html! { <li>{ line }</li> }
    });
    html! {
        <div class="yj-cl__services yj-no-print" data-testid="cl-notice-services">
            <h4>{ t(lang, "cl.services_title") }</h4>
            if issued.services.is_empty() {
                <p>{ t(lang, "cl.services_none") }</p>
            } else {
                <ul>{ for rows }</ul>
            }
        </div>
    }
}
