//! Sending a change of an item and, when the network lost it, sending it again: it is
//! kept first (`outbox.rs`), sent with its revision, forgotten once the server has
//! answered, and tried again while it waits.

use super::board::{Board, BoardAction};
use super::outbox::{self, Queued, RETRY_SECONDS};
use super::remote::{self, Answer};
use super::shared::ServerEvent;
use super::RectificationProps;
use crate::common::server::Endpoint;
use std::rc::Rc;
use yaojian::date::Date;
use yaojian::Lang;
use yew::prelude::*;

/// Where and how a change is sent, and told.
#[derive(Clone)]
pub struct Sending {
    pub endpoint: Endpoint,
    /// The outbox of the person signed in (none with `auth="cookie"`).
    pub key: Option<String>,
    pub lang: Lang,
    pub today: Date,
    pub prefix: Rc<String>,
}

impl Sending {
    /// Sending to `endpoint`, for the person its token names.
    pub fn new(endpoint: &Endpoint, props: &RectificationProps, today: Date, prefix: Rc<String>) -> Sending {
        Sending {
            key: outbox::outbox_key(endpoint, props.storage_key.as_deref()),
            endpoint: endpoint.clone(),
            lang: props.lang,
            today,
            prefix,
        }
    }

    /// Sends `q` (kept first, unless it is a retry of a kept one); the board learns the
    /// answer, `retried` when it was sent again after the network lost it.
    pub fn send(&self, d: &UseReducerDispatcher<Board>, person: u32, q: Queued, retried: bool) {
        if let (Some(k), false) = (&self.key, retried) {
            outbox::keep(k, &q);
        }
        let saving = Box::new(ServerEvent::Saving(q.id.clone()));
        d.dispatch(BoardAction::Server(saving, self.prefix.clone()));
        let (me, d) = (self.clone(), d.clone());
        yew::platform::spawn_local(async move {
            let e = &me.endpoint;
            let answer = remote::send(e, &q.method, &q.path, Some(q.revision), &q.body, me.lang).await;
            // Without an answer, or refused for an expired sign-in, it waits on the
            // device; any other answer settles it.
            let waits = matches!(answer, Answer::Unreachable | Answer::SignedOut);
            if let (Some(k), false) = (&me.key, waits) {
                outbox::forget(k, &q.id);
            }
            let answered = ServerEvent::Answered {
                person,
                id: q.id.clone(),
                edit: q.what == "edit",
                answer: Box::new(answer),
                lang: me.lang,
                today: me.today,
                queued: Some(Box::new(q)),
                retried,
            };
            d.dispatch(BoardAction::Server(Box::new(answered), me.prefix.clone()));
        });
    }
}


/// Sends again what this person left waiting (on a sign-in, and on each new token), and,
/// while changes wait, every [`RETRY_SECONDS`], when the browser is back online and when
/// the user asks.
#[hook]
pub fn use_retries(board: &UseReducerHandle<Board>, sending: Option<Sending>) {
    {
        // Told to the board, which sends them for the person signed in now.
        let d = board.dispatcher();
        let on = sending.as_ref().map(|s| (s.endpoint.clone(), s.key.clone(), s.prefix.clone()));
        use_effect_with(on, move |on| {
            if let Some((_, Some(key), prefix)) = on {
                let kept = outbox::kept(key);
                if !kept.is_empty() {
                    let e = Box::new(ServerEvent::Kept(kept));
                    d.dispatch(BoardAction::Server(e, prefix.clone()));
                }
            }
        });
    }
    let (waiting, tries) = board.shared.as_ref().map_or((false, 0), |s| (!s.outbox.is_empty(), s.tries));
    {
        let d = board.dispatcher();
        let prefix = sending.as_ref().map(|s| s.prefix.clone());
        use_effect_with((waiting, tries), move |(waiting, _)| {
            let alive = Rc::new(std::cell::Cell::new(true));
            let mut online = None;
            if let (true, Some(prefix)) = (*waiting, prefix) {
                let again = {
                    let alive = alive.clone();
                    move || {
                        if alive.replace(false) {
                            let e = Box::new(ServerEvent::Retry);
                            d.dispatch(BoardAction::Server(e, prefix.clone()));
                        }
                    }
                };
                if let Some(w) = web_sys::window() {
                    let again = again.clone();
                    online = Some(gloo_events::EventListener::once(&w, "online", move |_| again()));
                }
                yew::platform::spawn_local(async move {
                    crate::common::sleep_ms(RETRY_SECONDS as i32 * 1000).await;
                    again();
                });
            }
            move || {
                alive.set(false);
                drop(online);
            }
        });
    }
    // Each try sends every waiting change not on its way already.
    let d = board.dispatcher();
    let shared = board.shared.clone();
    use_effect_with(tries, move |_| {
        let (Some(s), Some(sending)) = (shared, sending) else {
            return;
        };
        for q in s.outbox.values().filter(|q| !s.saving.contains(&q.id)) {
            sending.send(&d, s.person, q.clone(), true);
        }
    });
}
