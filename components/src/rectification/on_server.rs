//! The widget with `endpoint`: asking for the page on show whenever the filters, the
//! page, the sign-in or a change call for it (only the newest answer is shown), sending
//! each change with the item's revision, and what the board says while it waits.

use super::board::{Board, BoardAction, Change};
use super::remote::{self, LoadFailed};
use super::shared::ServerEvent;
use super::RectificationProps;
use crate::common::server::Endpoint;
use crate::common::t;
use std::rc::Rc;
use yaojian::checklist::ItemInput;
use yaojian::date::Date;
use yaojian::Lang;
use yew::prelude::*;

/// The server the widget works on: its `endpoint`, called with the `token` (none with
/// `auth="cookie"`: the browser sends the cookie).
pub fn endpoint_of(props: &RectificationProps) -> Option<Endpoint> {
    let s = &props.server;
    let token = s.token.as_deref().filter(|_| !s.auth_cookie);
    Endpoint::configured(s.endpoint.as_deref(), token)
}

/// Asks for the page on show whenever what it depends on changes.
#[hook]
pub fn use_server_page(
    board: &UseReducerHandle<Board>,
    props: &RectificationProps,
    page_size: usize,
    prefix: Rc<String>,
) {
    let asked = use_mut_ref(|| 0u64);
    // Who the rows on show were read for (none before the first reading).
    let read_for = use_mut_ref(|| None::<Option<Endpoint>>);
    // Nobody signed in: nothing to ask for (the board says "sign in").
    let endpoint = endpoint_of(props).filter(|_| props.server.signed_in());
    let shared = board.shared.as_ref();
    let key = (
        endpoint.clone(),
        board.filters.clone(),
        shared.map(|s| (s.cursor(), s.loads)),
        props.lang,
    );
    let d = board.dispatcher();
    use_effect_with(key, move |(endpoint, filters, at, lang)| {
        let n = {
            let mut a = asked.borrow_mut();
            *a += 1; // an answer still on its way is no longer the one to show
            *a
        };
        let event = move |e: ServerEvent| BoardAction::Server(Box::new(e), prefix.clone());
        let before = read_for.borrow_mut().replace(endpoint.clone());
        if before.is_some_and(|b| b != *endpoint) {
            // Someone else (or nobody) is signed in: nothing of the list before stays.
            d.dispatch(event(ServerEvent::Forget));
        }
        let (Some(e), Some((cursor, _))) = (endpoint.clone(), at.clone()) else {
            return;
        };
        let (filters, lang) = (filters.clone(), *lang);
        d.dispatch(event(ServerEvent::Loading));
        yew::platform::spawn_local(async move {
            let got = remote::load_page(&e, &filters, cursor.as_deref(), page_size, lang).await;
            // A newer request has gone out since: its answer is the one to show.
            if *asked.borrow() != n {
                return;
            }
            d.dispatch(event(match got {
                Ok(page) => ServerEvent::Loaded(page),
                Err(f) => ServerEvent::LoadFailed(f),
            }));
        });
    });
}

/// Sends a change of the list to the server, once: an action or an edit of an item on
/// the page, with its revision, or a new item.
pub fn send_change(
    board: &UseReducerHandle<Board>,
    endpoint: Endpoint,
    c: Change,
    lang: Lang,
    today: Date,
    prefix: Rc<String>,
) {
    let Some(shared) = board.shared.as_ref() else {
        return;
    };
    if let Change::AddOnServer(input, org) = c {
        return add(board, endpoint, input, org, (lang, today), prefix);
    }
    let id = match &c {
        Change::Transition(id, ..) | Change::Save(Some(id), _) => id.clone(),
        _ => return,
    };
    if shared.saving.contains(&id) {
        return;
    }
    let Some(revision) = shared.revisions.get(&id).copied() else {
        return;
    };
    let d = board.dispatcher();
    let event = move |e: ServerEvent| BoardAction::Server(Box::new(e), prefix.clone());
    let person = shared.person;
    d.dispatch(event(ServerEvent::Saving(id.clone())));
    yew::platform::spawn_local(async move {
        let (answer, edit) = match &c {
            Change::Transition(_, action, note) => (
                remote::send_action(&endpoint, &id, revision, action, note, lang).await,
                false,
            ),
            Change::Save(_, input) => (edit(&endpoint, &id, revision, input, lang).await, true),
            Change::Import(_) | Change::AddOnServer(..) => return,
        };
        d.dispatch(event(ServerEvent::Answered {
            person,
            id,
            answer: Box::new(answer),
            edit,
            lang,
            today,
        }));
    });
}

/// Sends a new item (`POST /items`) with its enterprise; the engine checks the form
/// first, as the server will.
fn add(
    board: &UseReducerHandle<Board>,
    endpoint: Endpoint,
    input: ItemInput,
    org: String,
    (lang, today): (Lang, Date),
    prefix: Rc<String>,
) {
    let Some(person) = board.shared.as_ref().map(|s| s.person) else {
        return;
    };
    let d = board.dispatcher();
    let event = move |e: ServerEvent| BoardAction::Server(Box::new(e), prefix.clone());
    let answered = move |answer| ServerEvent::Answered {
        person,
        id: String::new(),
        answer: Box::new(answer),
        edit: true,
        lang,
        today,
    };
    let mut body = match yaojian::checklist::item_body(&input) {
        Ok(b) => b,
        Err(errs) => {
            let answer = remote::Answer::Refused(errs.into());
            return d.dispatch(event(answered(answer)));
        }
    };
    body["org"] = serde_json::Value::from(org.trim());
    yew::platform::spawn_local(async move {
        let answer = remote::send(&endpoint, "POST", "/items", None, &body, lang).await;
        d.dispatch(event(answered(answer)));
    });
}

/// Reads item `id` again with its whole history, for its details.
pub fn fetch_item(
    board: &UseReducerHandle<Board>,
    endpoint: Endpoint,
    id: String,
    lang: Lang,
    prefix: Rc<String>,
) {
    let Some(person) = board.shared.as_ref().map(|s| s.person) else {
        return;
    };
    let d = board.dispatcher();
    yew::platform::spawn_local(async move {
        if let Some(now) = remote::load_item(&endpoint, &id, lang).await {
            let e = Box::new(ServerEvent::Fetched(person, Box::new(now)));
            d.dispatch(BoardAction::Server(e, prefix));
        }
    });
}

/// `PATCH /items/{id}` with the form's fields.
async fn edit(
    e: &Endpoint,
    id: &str,
    revision: i64,
    input: &ItemInput,
    lang: Lang,
) -> remote::Answer {
    let mut body = serde_json::to_value(input).unwrap_or_default();
    if let Some(o) = body.as_object_mut() {
        o.remove("id");
    }
    remote::send(e, "PATCH", &remote::item_path(id), Some(revision), &body, lang).await
}

/// What the board says of the list on the server: loading, a page that did not come
/// (with a retry), an expired sign-in.
pub fn server_notes(
    board: &UseReducerHandle<Board>,
    props: &RectificationProps,
    prefix: &str,
) -> Html {
    let lang = props.lang;
    let Some(s) = board.shared.as_ref() else {
        return html! {};
    };
    let retry = {
        let (d, prefix) = (board.dispatcher(), Rc::new(prefix.to_string()));
        Callback::from(move |_: MouseEvent| {
            d.dispatch(BoardAction::Server(Box::new(ServerEvent::Reload), prefix.clone()))
        })
    };
    let failed = match &s.load_failed {
        Some(LoadFailed::SignedOut) | None => None,
        Some(LoadFailed::Refused(errs)) => Some(crate::common::server::refusal_text(errs, lang)),
        Some(LoadFailed::Unreachable) => Some(t(lang, "cl.load_failed")),
    };
    html! {
        <>
            if !props.server.signed_in() {
                <p class="yj-cl__sign-in yj-no-print" role="status" data-testid="cl-sign-in">{ t(lang, "cl.sign_in_first") }</p>
            }
            if s.loading { <p class="yj-hint yj-no-print" role="status">{ t(lang, "cl.loading") }</p> }
            if s.signed_out {
                <p class="yj-error-message yj-no-print" role="alert" data-testid="cl-signed-out">{ t(lang, "cl.signed_out") }</p>
            }
            if let Some(text) = failed {
                <p class="yj-error-message yj-no-print" role="alert">
                    { text }{ " " }
                    <button type="button" class="yj-link-button" id={format!("{prefix}-retry")} onclick={retry}>{ t(lang, "cl.retry") }</button>
                </p>
            }
        </>
    }
}

/// Previous and next page of the list on the server (it pages by cursor).
pub fn server_pages(board: &UseReducerHandle<Board>, lang: Lang, prefix: &str) -> Html {
    let Some(s) = board.shared.as_ref() else {
        return html! {};
    };
    let turn = |forward: bool| {
        let (d, prefix) = (board.dispatcher(), Rc::new(prefix.to_string()));
        Callback::from(move |_: MouseEvent| {
            d.dispatch(BoardAction::Server(
                Box::new(ServerEvent::Turn(forward)),
                prefix.clone(),
            ))
        })
    };
    html! {
        <nav class="yj-pagination yj-no-print" aria-label={t(lang, "common.pager.label")}>
            if s.cursors.len() > 1 {
                <button type="button" class="yj-button yj-button--secondary" id={format!("{prefix}-prev")} onclick={turn(false)}>{ t(lang, "cl.page_prev") }</button>
            }
            if s.next.is_some() {
                <button type="button" class="yj-button yj-button--secondary" id={format!("{prefix}-next")} onclick={turn(true)}>{ t(lang, "cl.page_next") }</button>
            }
        </nav>
    }
}

/// Asks the server for the page again.
pub fn reload(d: &UseReducerDispatcher<Board>, prefix: &Rc<String>) -> Callback<()> {
    let (d, prefix) = (d.clone(), prefix.clone());
    Callback::from(move |_| {
        let e = Box::new(ServerEvent::Reload);
        d.dispatch(BoardAction::Server(e, prefix.clone()))
    })
}
