//! The widget with `endpoint`: asking for the page on show whenever the filters, the
//! page, the sign-in or a change call for it (only the newest answer is shown), sending
//! each change with the item's revision, and what the board says while it waits.

use super::board::{Board, BoardAction, Change};
use super::outbox::Queued;
use super::remote::{self, LoadFailed};
use super::retries::Sending;
use super::server_notice::ServerNotice;
use super::shared::{ServerEvent, Shared};
use super::RectificationProps;
use crate::common::server::Endpoint;
use crate::common::{t, tf};
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
        // The page and its counts are asked at once; the rows are drawn as soon as they
        // come. A newer request gone out since has the answers to show.
        let (asked2, d2, event2, e2, filters2) =
            (asked.clone(), d.clone(), event.clone(), e.clone(), filters.clone());
        yew::platform::spawn_local(async move {
            let got = remote::load_page(&e, &filters, cursor.as_deref(), page_size, lang).await;
            if *asked.borrow() == n {
                d.dispatch(event(got.map_or_else(ServerEvent::LoadFailed, ServerEvent::Loaded)));
            }
        });
        yew::platform::spawn_local(async move {
            let got = remote::load_counts(&e2, &filters2, lang).await;
            if *asked2.borrow() == n {
                d2.dispatch(event2(got.map_or_else(ServerEvent::LoadFailed, ServerEvent::Counted)));
            }
        });
    });
}

/// Sends a change of the list to the server, once: an action or an edit of an item on
/// the page, with its revision (kept on the device until the server answers), or a new
/// item.
pub fn send_change(board: &UseReducerHandle<Board>, sending: &Sending, c: Change) {
    let Some(shared) = board.shared.as_ref() else {
        return;
    };
    if let Change::AddOnServer(input, org) = c {
        let (e, told) = (sending.endpoint.clone(), (sending.lang, sending.today));
        return add(board, e, input, org, told, sending.prefix.clone());
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
    let q = match &c {
        Change::Transition(_, action, note) => Queued {
            path: format!("{}/actions", remote::item_path(&id)),
            method: "POST".into(),
            body: yaojian::checklist::action_body(action, note),
            what: action.name().to_string(),
            id,
            revision,
        },
        Change::Save(_, input) => Queued {
            path: remote::item_path(&id),
            method: "PATCH".into(),
            body: edit_body(input),
            what: "edit".into(),
            id,
            revision,
        },
        Change::Import(_) | Change::AddOnServer(..) | Change::Notice(_) => return,
    };
    sending.send(&board.dispatcher(), shared.person, q, false);
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
        queued: None,
        retried: false,
    };
    let mut body = match yaojian::checklist::item_body(&input) {
        Ok(b) => b,
        Err(errs) => {
            let answer = remote::Answer::Refused(errs.into());
            return d.dispatch(event(answered(answer)));
        }
    };
    yaojian::json::set(&mut body, "org", serde_json::Value::from(org.trim()));
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

/// The body of `PATCH /items/{id}`: the form's fields.
fn edit_body(input: &ItemInput) -> serde_json::Value {
    let mut body = serde_json::to_value(input).unwrap_or_default();
    if let Some(o) = body.as_object_mut() {
        o.shift_remove("id");
    }
    body
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
            { waiting_changes(board, s, lang, prefix) }
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

/// The notice the server issues (or issued) while one is asked for; on closing it, the
/// open details are read again, so their history names it.
pub fn server_notice(
    board: &UseReducerHandle<Board>,
    props: &RectificationProps,
    prefix: &Rc<String>,
    today: Date,
    may_serve: bool,
) -> Html {
    let (Some(of), Some(endpoint)) = (
        board.shared.as_ref().and_then(|s| s.notice.clone()),
        endpoint_of(props),
    ) else {
        return html! {};
    };
    let on_close = {
        let (board, e, prefix, lang) = (board.clone(), endpoint.clone(), prefix.clone(), props.lang);
        Callback::from(move |_| {
            for id in board.expanded.iter() {
                fetch_item(&board, e.clone(), id.clone(), lang, prefix.clone());
            }
            let event = Box::new(ServerEvent::Notice(None));
            board.dispatch(BoardAction::Server(event, prefix.clone()));
        })
    };
    html! {
        <ServerNotice lang={props.lang} prefix={prefix.to_string()} {endpoint} {of} {may_serve} {today} {on_close} />
    }
}

/// The changes waiting on the device for the server, with a way to try them now, and
/// what became of those sent again that the server did not take, with what was typed.
fn waiting_changes(board: &UseReducerHandle<Board>, s: &Shared, lang: Lang, prefix: &str) -> Html {
    let prefix = Rc::new(prefix.to_string());
    let tell = |e: fn(usize) -> ServerEvent, n: usize| {
        let (d, prefix) = (board.dispatcher(), prefix.clone());
        Callback::from(move |_: MouseEvent| d.dispatch(BoardAction::Server(Box::new(e(n)), prefix.clone())))
    };
    let retry = {
        let (d, prefix) = (board.dispatcher(), prefix.clone());
        Callback::from(move |_: MouseEvent| {
            d.dispatch(BoardAction::Server(Box::new(ServerEvent::Retry), prefix.clone()))
        })
    };
    let notes = s.retry_notes.iter().enumerate().map(|(n, text)| {
        let onclick = tell(ServerEvent::DismissRetryNote, n);
        html! {
            <li>
                { text }{ " " }
                <button type="button" class="yj-link-button" {onclick}>{ t(lang, "cl.retry_dismiss") }</button>
            </li>
        }
    });
    let n = s.outbox.len().to_string();
    html! {
        <>
            if !s.outbox.is_empty() {
                <p class="yj-cl__waiting yj-no-print" role="status" data-testid="cl-waiting">
                    { tf(lang, "cl.waiting", &[("n", &n)]) }{ " " }
                    <button type="button" class="yj-link-button" id={format!("{prefix}-retry-now")} onclick={retry}>{ t(lang, "cl.retry_now") }</button>
                </p>
            }
            if !s.retry_notes.is_empty() {
                <ul class="yj-error-message yj-cl__retry-notes yj-no-print" role="alert" data-testid="cl-retry-notes">{ for notes }</ul>
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
