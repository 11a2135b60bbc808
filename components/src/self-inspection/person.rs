//! Who the form belongs to. With a token, what is kept in the browser (the draft, a
//! queued filing) belongs to the person the token names ([`super::slot`]); this module
//! handles the moment the person changes while the form is on the page:
//! - someone signs out, or another person signs in: the form starts afresh, and only
//!   the new person's own draft is offered; the previous person's draft and queued
//!   filing stay kept under their name, out of sight, until they sign in again;
//! - someone signs in on a form filled in before any sign-in: what they typed is theirs,
//!   kept from now on under their name, and no longer under no one's.

use super::state::{FormState, Msg};
use super::{slot, storage_key};
use crate::common::server::Person;
use yaojian::form::Template;
use yew::prelude::*;

/// What a change of person does to the form on the page.
#[derive(Debug, PartialEq, Eq)]
pub enum Change {
    None,
    /// Signed out, or another person signed in: start afresh.
    StartAfresh,
    /// Signed in on a form filled in before: keep it as the new person's.
    TakeOver,
}

/// What going from person `before` to `now` does.
pub fn change(before: Option<&str>, now: Option<&str>) -> Change {
    match (before, now) {
        (b, n) if b == n => Change::None,
        (None, Some(_)) => Change::TakeOver,
        _ => Change::StartAfresh,
    }
}

#[hook]
pub fn use_person_change(
    state: &UseReducerHandle<FormState>,
    person: Option<&Person>,
    template: Option<&Template>,
    key: Option<&str>,
) {
    let sub = person.map(|p| p.sub.clone());
    let last = use_mut_ref(|| sub.clone());
    let d = state.dispatcher();
    let typed = !state.draft.answers.is_empty() || !state.draft.findings.is_empty();
    // The draft kept for no one, which a person signing in takes over.
    let unowned = template.map(|t| storage_key(t, &slot(key, None)));
    use_effect_with(sub, move |now| {
        let before = last.replace(now.clone());
        match change(before.as_deref(), now.as_deref()) {
            Change::None => {}
            Change::StartAfresh => d.dispatch(Msg::StartAfresh(crate::common::now_cst_timestamp())),
            // What was typed is saved again under the person's name, and no longer
            // kept for no one. A form still empty takes nothing over.
            Change::TakeOver if typed => {
                if let (Some(k), Ok(st)) = (unowned, crate::common::local_storage()) {
                    let _ = st.remove_item(&k);
                }
                d.dispatch(Msg::TakenOver);
            }
            Change::TakeOver => {}
        }
    });
}
