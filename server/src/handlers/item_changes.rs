//! Changes to a shared rectification item: an edit (`PATCH /items/{id}`) or an action
//! (`POST /items/{id}/actions`). Both need `If-Match: <revision>`; the engine decides
//! whether the change is allowed, and the store keeps it only if nobody changed the item
//! meanwhile (409 with the current item otherwise).

use super::items::{actor, etag, item_json, load, now, with_history};
use crate::auth::{Caller, Language};
use crate::body::JsonBody;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::items::{self as stored, Entry, StoredItem};
use crate::token::Role;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde_json::Value;
use yaojian::checklist::{self as cl, Item, ItemInput, ItemList, Party};
use yaojian::Lang;

/// The revision `If-Match` names: `3` or `"3"`. 428 without it, 400 when it is not one.
fn if_match(headers: &HeaderMap, lang: Lang) -> ApiResult<i64> {
    let path = "$.headers.if-match";
    let Some(v) = headers.get(axum::http::header::IF_MATCH) else {
        return Err(ApiError::new(
            StatusCode::PRECONDITION_REQUIRED,
            path,
            "request.if_match_missing",
            lang,
        ));
    };
    v.to_str()
        .ok()
        .map(str::trim)
        .map(|s| {
            s.strip_prefix('"')
                .and_then(|s| s.strip_suffix('"'))
                .unwrap_or(s)
        })
        .filter(|s| !s.is_empty() && s.len() <= 18 && s.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|s| s.parse::<i64>().ok())
        .ok_or_else(|| ApiError::new(StatusCode::BAD_REQUEST, path, "request.if_match", lang))
}

/// The item and its history, when the caller may see it, at the revision `If-Match`
/// names (409 with the current item when it is another).
async fn current(
    state: &AppState,
    caller: &Caller,
    id: &str,
    revision: i64,
    lang: Lang,
) -> ApiResult<(StoredItem, Vec<Entry>)> {
    let (s, history) = load(state, caller, id, lang).await?;
    if s.revision != revision {
        return Err(stale(&s, &history, lang));
    }
    Ok((s, history))
}

/// 409: the item changed since the revision the request was made on.
fn stale(s: &StoredItem, history: &[Entry], lang: Lang) -> ApiError {
    let mut e = ApiError::new(
        StatusCode::CONFLICT,
        "$.headers.if-match",
        "item.stale",
        lang,
    );
    e.current = Some(item_json(s, Some(history)));
    e
}

/// Stores `item` as the change `entry` made to the revision `before`; answers the new
/// item, or 409 with the current one when someone changed it first.
async fn keep(
    state: &AppState,
    caller: &Caller,
    item: &Item,
    before: i64,
    mut entry: Entry,
    lang: Lang,
) -> ApiResult<(HeaderMap, Json<Value>)> {
    entry.revision = before + 1;
    match stored::update(&state.db, item, before, &entry).await? {
        Some(s) => {
            let history = stored::history(&state.db, &item.id).await?;
            Ok((etag(s.revision), Json(item_json(&s, Some(&history)))))
        }
        None => {
            let (s, history) = load(state, caller, &item.id, lang).await?;
            Err(stale(&s, &history, lang))
        }
    }
}

/// `PATCH /items/{id}` (inspector, admin): the fields of `ItemInput` that change.
pub async fn edit(
    State(state): State<AppState>,
    caller: Caller,
    Language(lang): Language,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: JsonBody,
) -> ApiResult<(HeaderMap, Json<Value>)> {
    let revision = if_match(&headers, lang)?;
    let (s, history) = current(&state, &caller, &id, revision, lang).await?;
    let unprocessable =
        |e: yaojian::Errors| ApiError::engine(StatusCode::UNPROCESSABLE_ENTITY, &e, lang);
    let form = ItemInput::from_item(&s.item)
        .patched(body.value)
        .map_err(unprocessable)?;
    let mut list = ItemList {
        items: vec![with_history(&s, &history)],
        ..ItemList::default()
    };
    let (at, _) = now();
    // The engine names each field it found changed; the history keeps their names.
    let fields = std::cell::RefCell::new(Vec::new());
    let label = |f: &str| {
        fields.borrow_mut().push(f.to_string());
        yaojian::i18n::t(Lang::ZhCn, &format!("checklist.column.{f}"))
    };
    let who = caller.identity.sub().to_string();
    let changed = list.edit(&id, &form, &who, &at, label).map_err(|e| {
        let status = if e.iter().any(|f| f.code == "checklist.closed") {
            StatusCode::CONFLICT
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        ApiError::engine(status, &e, lang)
    })?;
    if !changed {
        return Ok((etag(s.revision), Json(item_json(&s, Some(&history)))));
    }
    let item = list.items.remove(0);
    let note = item
        .history
        .last()
        .map(|t| t.note.clone())
        .unwrap_or_default();
    let status = cl::wire_name(&item.status);
    let entry = Entry {
        action: "edit".into(),
        actor: actor(&caller),
        at,
        from: status.clone(),
        to: status,
        fields: fields.into_inner(),
        note,
        revision: 0,
    };
    keep(&state, &caller, &item, revision, entry, lang).await
}

/// `POST /items/{id}/actions`: `{"action": "start" | "report" | "reinspect" |
/// "close_out", …}`. The rectifying party (the enterprise) starts and reports; the
/// bureau re-inspects and closes out; nobody closes out what they reported.
pub async fn act(
    State(state): State<AppState>,
    caller: Caller,
    Language(lang): Language,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: JsonBody,
) -> ApiResult<(HeaderMap, Json<Value>)> {
    let revision = if_match(&headers, lang)?;
    let (action, note) = cl::action_of(body.value)
        .map_err(|e| ApiError::engine(StatusCode::UNPROCESSABLE_ENTITY, &e, lang))?;
    let allowed = match (action.party(), caller.role()) {
        (_, Role::Admin) => true,
        (Party::Rectifying, role) => role == Role::Enterprise,
        (Party::Bureau, role) => role == Role::Inspector,
    };
    let (s, history) = current(&state, &caller, &id, revision, lang).await?;
    if !allowed {
        return Err(ApiError::forbidden(lang));
    }
    let mut item = with_history(&s, &history);
    let who = caller.identity.sub().to_string();
    let refused = |e: yaojian::FieldError, status| ApiError::engine(status, &[e], lang);
    cl::check_actor(&item, &action, &who).map_err(|e| refused(e, StatusCode::FORBIDDEN))?;
    let name = action.name().to_string();
    let (at, _) = now();
    let from = cl::wire_name(&item.status);
    let to = item
        .apply(action, &who, &at, &note)
        .map_err(|e| refused(e, StatusCode::CONFLICT))?;
    let entry = Entry {
        action: name,
        actor: actor(&caller),
        at,
        from,
        to: cl::wire_name(&to),
        fields: vec![],
        note,
        revision: 0,
    };
    keep(&state, &caller, &item, revision, entry, lang).await
}
