//! Filing to `yaojian-server` (`endpoint` set): the submission the engine built is kept
//! in `localStorage` with its idempotency key before it is sent, sent, and removed once
//! the server answers. Without an answer it stays queued, the form says so, and it is
//! sent again (every 15 s, when the browser comes back online, on the next visit, or
//! when the user asks) with the same key, so the server stores it once. When the server
//! answers 401 (the portal's token expired) it stays kept too, and is sent again as soon
//! as the portal hands over a new token. Before anyone signed in (no token, and not
//! `auth="cookie"`) a filing is kept and not sent: the form says "请先登录" and sends it
//! once the portal sets a token. With a token, the outbox belongs to the person it
//! names (`outbox_key` takes the form's slot), like the draft.

use super::state::{FormState, Msg, Outgoing, Sending};
use crate::common::events::{json_of, Emitted};
use crate::common::server::{Endpoint, Reply};
use serde_json::Value;
use std::rc::Rc;
use yaojian::form::answers::Submission;
use yaojian::form::Template;
use yaojian::{FieldError, Lang};
use yew::prelude::*;

/// Seconds between tries while a filing is queued.
pub const RETRY_SECONDS: u32 = 15;

/// The `localStorage` key of the filing waiting for this form and respondent (`slot`:
/// the host's storage key, and the person when a token names one).
pub fn outbox_key(t: &Template, slot: &str) -> String {
    format!("yaojian:outbox:{}:{}:{slot}", t.id, t.version)
}

/// The filing kept under `key`, if any.
pub fn kept(key: &str) -> Option<Outgoing> {
    let st = crate::common::local_storage().ok()?;
    Outgoing::read(&st.get_item(key).ok()??)
}

/// Keeps a filing before it is sent; an error means it could not be kept (it is still sent).
pub fn keep(key: &str, o: &Outgoing) -> Result<(), String> {
    crate::common::store_set(key, &serde_json::to_string(o).unwrap_or_default())
}

fn forget(key: &str) {
    if let Ok(st) = crate::common::local_storage() {
        let _ = st.remove_item(key);
    }
}

/// What a send needs besides the filing.
#[derive(Clone)]
pub struct Sender {
    pub endpoint: Endpoint,
    pub lang: Lang,
    pub outbox_key: String,
    /// The outbox of no one (filed before a sign-in), which this signed-in person takes over.
    pub adopt_from: Option<String>,
    /// Filing needs the `token` property (not `auth="cookie"`): without one, wait.
    pub needs_token: bool,
    pub on_emit: Callback<Value>,
    pub dispatch: UseReducerDispatcher<FormState>,
}

impl Sender {
    /// Sends `o` and records the outcome: the server's receipt, its refusal in the
    /// error summary, or a queued filing.
    pub fn send(&self, o: Rc<Outgoing>) {
        if self.waits_for_sign_in() {
            let why = crate::common::t(self.lang, "si.signin_first_detail");
            self.dispatch
                .dispatch(Msg::Sending(Sending::AwaitingSignIn(o, why, None)));
            return;
        }
        self.take_over(&o);
        let me = self.clone();
        me.dispatch.dispatch(Msg::Sending(Sending::InFlight(o.clone())));
        yew::platform::spawn_local(async move {
            let body = serde_json::to_string(&o.submission).unwrap_or_default();
            let url = me.endpoint.url("/submissions", me.lang);
            let reply = me.endpoint.request("POST", &url, Some(&body), &[("Idempotency-Key", &o.idempotency_key)]).await;
            me.settle(o, reply);
        });
    }

    /// Nobody is signed in yet: a filing waits on the device for a token.
    pub fn waits_for_sign_in(&self) -> bool {
        self.needs_token && self.endpoint.token.is_none()
    }

    /// A filing kept for no one (made before the sign-in) moves to this person's outbox
    /// as it is sent, so that it is never sent again under another sign-in.
    fn take_over(&self, o: &Outgoing) {
        let Some(unowned) = &self.adopt_from else {
            return;
        };
        if kept(unowned).is_some_and(|k| k.idempotency_key == o.idempotency_key) {
            let _ = keep(&self.outbox_key, o);
            forget(unowned);
        }
    }

    fn settle(&self, o: Rc<Outgoing>, reply: Reply) {
        let d = &self.dispatch;
        match reply {
            Reply::Ok(_, v) => match Submission::read(&v["submission"], "$.submission") {
                Ok(s) => {
                    forget(&self.outbox_key);
                    Emitted::FormSubmit { submission: json_of(&v["submission"]) }.send(&self.on_emit);
                    d.dispatch(Msg::Sending(Sending::Idle));
                    d.dispatch(Msg::Submitted(Rc::new(s)));
                }
                Err(e) => d.dispatch(Msg::Sending(Sending::Queued(o, format!("{}: {}", e.path, e.message(self.lang))))),
            },
            Reply::Refused(401, errs) => {
                let why = crate::common::server::refusal_text(&errs, self.lang);
                let refused = self.endpoint.token.clone();
                d.dispatch(Msg::Sending(Sending::AwaitingSignIn(o, why, refused)));
            }
            Reply::Refused(_, errs) => {
                // The server will not take it as it is: the user fixes it and submits again.
                forget(&self.outbox_key);
                d.dispatch(Msg::Sending(Sending::Idle));
                d.dispatch(Msg::SubmitFailed(errs));
            }
            Reply::Unreachable(why) => d.dispatch(Msg::Sending(Sending::Queued(o, why))),
        }
    }
}

/// Keeps and sends a filing the engine just built.
pub fn file(sender: &Sender, submission: Submission) -> Result<(), Vec<FieldError>> {
    let o = Outgoing {
        submission,
        idempotency_key: crate::common::server::new_idempotency_key(),
    };
    // A filing that cannot be kept is still sent; it just would not survive a reload.
    let _ = keep(&sender.outbox_key, &o);
    sender.send(Rc::new(o));
    Ok(())
}

/// Sends what a previous visit left kept, sends a filing refused for its sign-in again
/// once the portal hands over another token, and tries a queued filing again every
/// [`RETRY_SECONDS`] and when the browser comes back online.
#[hook]
pub fn use_outbox(state: &UseReducerHandle<FormState>, sender: Option<Sender>) {
    let key = sender.as_ref().map(|s| s.outbox_key.clone());
    let endpoint = sender.as_ref().map(|s| s.endpoint.clone());
    {
        let sender = sender.clone();
        use_effect_with(key, move |key| {
            if let (Some(s), Some(k)) = (sender, key) {
                if let Some(o) = kept(k) {
                    s.send(Rc::new(o));
                }
            }
        });
    }
    // Refused for its sign-in, and the portal has handed over another token since
    // (also when the token came while the refused try was on its way): send again.
    let awaiting = match &state.sending {
        Sending::AwaitingSignIn(o, _, refused) => Some((o.clone(), refused.clone())),
        _ => None,
    };
    {
        let sender = sender.clone();
        use_effect_with((awaiting, endpoint.clone()), move |(awaiting, _)| {
            match (awaiting, sender) {
                (Some((o, refused)), Some(s)) if s.endpoint.token != *refused => s.send(o.clone()),
                _ => {}
            }
        });
    }
    let queued = match &state.sending {
        Sending::Queued(o, _) => Some(o.clone()),
        _ => None,
    };
    use_effect_with((queued, endpoint), move |(queued, _)| {
        let mut cleanup: Option<gloo_events::EventListener> = None;
        let alive = Rc::new(std::cell::Cell::new(true));
        if let (Some(o), Some(s)) = (queued.clone(), sender) {
            if let Some(w) = web_sys::window() {
                let (s2, o2, alive2) = (s.clone(), o.clone(), alive.clone());
                cleanup = Some(gloo_events::EventListener::once(&w, "online", move |_| {
                    if alive2.replace(false) {
                        s2.send(o2.clone());
                    }
                }));
            }
            let alive3 = alive.clone();
            yew::platform::spawn_local(async move {
                crate::common::sleep_ms(RETRY_SECONDS as i32 * 1000).await;
                if alive3.replace(false) {
                    s.send(o);
                }
            });
        }
        move || {
            alive.set(false);
            drop(cleanup);
        }
    });
}
