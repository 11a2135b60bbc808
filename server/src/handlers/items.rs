//! Rectification items that the bureau and the enterprise share: created by the bureau,
//! listed and read by both parties within their scope. Changes are in `item_changes.rs`.
//! `yaojian::checklist` checks every item; the server adds who, when and the revision.

use crate::auth::{Caller, Language};
use crate::body::JsonBody;
use crate::error::{ApiError, ApiResult};
use crate::identity::Identity;
use crate::state::AppState;
use crate::store::items::{self as stored, Actor, Entry, Filter, StoredItem};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};
use yaojian::checklist::{self as cl, Item, ItemInput, Status};
use yaojian::ident::Region;
use yaojian::Lang;

/// The server's time, `YYYY-MM-DDTHH:MM:SS+08:00`, and its day in UTC+8.
pub fn now() -> (String, yaojian::date::Date) {
    let ms = yaojian::date::now_unix_millis();
    (
        yaojian::date::cst_timestamp(ms),
        yaojian::date::cst_date_from_unix_millis(ms),
    )
}

/// Who the caller is, as a history entry records it.
pub fn actor(caller: &Caller) -> Actor {
    let id = &caller.identity;
    let (org, region) = match id {
        Identity::Representative(f) | Identity::Enterprise(f) => (
            f.org.clone(),
            f.region.as_ref().map_or("", |r| r.code()).to_string(),
        ),
        Identity::Inspector { region, .. } => (String::new(), region.code().to_string()),
        Identity::Admin { .. } => (String::new(), String::new()),
    };
    Actor {
        sub: id.sub().to_string(),
        role: caller.role().as_str().to_string(),
        org,
        region,
    }
}

/// One history entry as the API shows it: the engine's transition (`by`, `at`, `from`,
/// `to`, `note`, `edit`) with the action, the actor and the fields an edit changed.
fn entry_json(e: &Entry) -> Value {
    json!({
        "action": e.action,
        "by": e.actor.sub,
        "at": e.at,
        "from": e.from,
        "to": e.to,
        "note": e.note,
        "edit": e.action == "edit",
        "fields": e.fields,
        "actor": {"sub": e.actor.sub, "role": e.actor.role, "org": e.actor.org, "region": e.actor.region},
        "revision": e.revision,
    })
}

/// An item as the API shows it: the engine's item (`yaojian/checklist/1`) with `org`,
/// `region` and `revision`; with its history when `history` is given.
pub fn item_json(s: &StoredItem, history: Option<&[Entry]>) -> Value {
    let mut v = serde_json::to_value(&s.item).unwrap_or_default();
    v["org"] = json!(s.org);
    v["region"] = json!(s.region);
    v["revision"] = json!(s.revision);
    v["created_at"] = json!(s.created_at);
    v["updated_at"] = json!(s.updated_at);
    match history {
        Some(h) => v["history"] = Value::Array(h.iter().map(entry_json).collect()),
        None => {
            if let Some(o) = v.as_object_mut() {
                o.shift_remove("history");
            }
        }
    }
    v
}

/// `ETag: "<revision>"`, which `If-Match` gives back.
pub fn etag(revision: i64) -> HeaderMap {
    let mut h = HeaderMap::new();
    if let Ok(v) = HeaderValue::from_str(&format!("\"{revision}\"")) {
        h.insert(header::ETAG, v);
    }
    h
}

/// The engine's item with its history as transitions, for the engine's checks.
pub fn with_history(s: &StoredItem, history: &[Entry]) -> Item {
    let status = |w: &str| cl::read::named(&cl::read::STATUSES, w).unwrap_or(Status::Pending);
    let mut item = s.item.clone();
    item.history = history
        .iter()
        .map(|e| cl::Transition {
            by: e.actor.sub.clone(),
            at: e.at.clone(),
            from: status(&e.from),
            to: status(&e.to),
            note: e.note.clone(),
            edit: e.action == "edit",
            notice: (e.action == "notice").then(|| e.note.clone()),
        })
        .collect();
    item
}

/// The enterprise an item is about: its 统一社会信用代码 (`org` of the body), checked,
/// and the region it is counted in. An inspector creates items of its region only.
fn org_of(caller: &Caller, body: &Value, lang: Lang) -> ApiResult<(String, Region)> {
    let unprocessable =
        |code: &str| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "$.org", code, lang);
    let raw = body.get("org").and_then(Value::as_str).unwrap_or("");
    let org = yaojian::ident::validate_uscc(raw).map_err(|e| {
        let e = yaojian::FieldError::new("$.org", e.code("uscc"));
        ApiError::engine(StatusCode::UNPROCESSABLE_ENTITY, &[e], lang)
    })?;
    let region = Region::of_uscc(&org).ok_or_else(|| unprocessable("item.org_region"))?;
    if let Identity::Inspector { region: own, .. } = &caller.identity {
        if !own.covers(&region) {
            return Err(unprocessable("item.org_outside_region"));
        }
    }
    Ok((org, region))
}

/// Gives a new item an id when the body left it empty: the next number of the year,
/// unique across the database, as `ItemList::next_id` numbers them.
async fn assign_id(state: &AppState, item: &mut Item, today: yaojian::date::Date) -> ApiResult<()> {
    let counter = format!("item:{}", cl::id_prefix(today));
    let n = stored::next_number(&state.db, &counter).await?;
    item.id = cl::numbered_id(today, n.max(1) as u64);
    Ok(())
}

/// `POST /items` (inspector, admin): one item as in `yaojian/checklist/1` plus `org`.
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Language(lang): Language,
    body: JsonBody,
) -> ApiResult<(StatusCode, HeaderMap, Json<Value>)> {
    let (org, region) = org_of(&caller, &body.value, lang)?;
    let unprocessable =
        |e: yaojian::Errors| ApiError::engine(StatusCode::UNPROCESSABLE_ENTITY, &e, lang);
    let input = ItemInput::from_item_value(
        body.value.clone(),
        &["org", "region", "revision", "created_at", "updated_at"],
    )
    .map_err(unprocessable)?;
    let (mut item, numbered) = cl::new_unnumbered_item(&input).map_err(unprocessable)?;
    let (at, today) = now();
    let created = Entry {
        action: "create".into(),
        actor: actor(&caller),
        at,
        from: "pending".into(),
        to: "pending".into(),
        fields: vec![],
        note: String::new(),
        revision: 1,
    };
    // A number someone typed by hand may be taken: the next one is tried.
    for _ in 0..100 {
        if numbered {
            assign_id(&state, &mut item, today).await?;
        }
        if let Some(s) = stored::insert(&state.db, &item, &org, region.code(), &created).await? {
            let v = item_json(&s, Some(std::slice::from_ref(&created)));
            return Ok((StatusCode::CREATED, etag(s.revision), Json(v)));
        }
        if !numbered {
            let e = yaojian::FieldError::new("$.id", "checklist.id").with("id", &item.id);
            return Err(ApiError::engine(StatusCode::CONFLICT, &[e], lang));
        }
    }
    Err(ApiError::internal("no free item number after 100 tries"))
}

/// Item `id` and its history, when the caller may see it (404 at `$.path.id` otherwise).
pub async fn load(
    state: &AppState,
    caller: &Caller,
    id: &str,
    lang: Lang,
) -> ApiResult<(StoredItem, Vec<Entry>)> {
    let s = stored::one(&state.db, &caller.scope(), id)
        .await?
        .ok_or_else(|| ApiError::not_found("$.path.id", lang))?;
    let history = stored::history(&state.db, id).await?;
    Ok((s, history))
}

/// `GET /items/{id}`: the item with its whole history; 404 when it is not there or not
/// the caller's to see.
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Language(lang): Language,
    Path(id): Path<String>,
) -> ApiResult<(HeaderMap, Json<Value>)> {
    let (s, history) = load(&state, &caller, &id, lang).await?;
    Ok((etag(s.revision), Json(item_json(&s, Some(&history)))))
}

/// `?status=&list=&source=&unit=&org=&overdue=&q=&after=&limit=` of the listing.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemQuery {
    pub status: Option<String>,
    pub list: Option<String>,
    pub source: Option<String>,
    pub unit: Option<String>,
    pub org: Option<String>,
    pub overdue: Option<String>,
    pub q: Option<String>,
    pub after: Option<String>,
    pub limit: Option<String>,
    pub lang: Option<String>,
}

/// The engine's wire name `v` of `T` (`in_progress`), or 422 at `$.query.<field>`.
fn wire_value<T: Copy>(
    v: &Option<String>,
    names: &[(&str, T)],
    field: &str,
    lang: Lang,
) -> ApiResult<Option<T>> {
    let Some(v) = v else { return Ok(None) };
    cl::read::named(names, v).map(Some).ok_or_else(|| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            &format!("$.query.{field}"),
            "request.query",
            lang,
        )
    })
}

/// The engine's filter of a listing's query (the same as the widget's filters).
pub fn engine_filter(q: &ItemQuery, lang: Lang) -> ApiResult<cl::Filter> {
    let overdue_only = match q.overdue.as_deref() {
        None | Some("") | Some("false") => false,
        Some("true") => true,
        Some(_) => {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "$.query.overdue",
                "request.query",
                lang,
            ))
        }
    };
    Ok(cl::Filter {
        status: wire_value(&q.status, &cl::read::STATUSES, "status", lang)?,
        list: wire_value(&q.list, &cl::read::LIST_KINDS, "list", lang)?,
        source: wire_value(&q.source, &cl::read::SOURCES, "source", lang)?,
        unit: q.unit.clone(),
        overdue_only,
        search: q.q.clone().unwrap_or_default(),
    })
}

/// What the store's columns hold exactly of a listing's filters, within the caller's
/// scope; the engine's filter is the judge of the rest.
pub fn columns(caller: &Caller, q: &ItemQuery, filter: &cl::Filter) -> Filter {
    Filter {
        scope: caller.scope(),
        status: filter.status.map(|s| cl::wire_name(&s)),
        list: filter.list.map(|l| cl::wire_name(&l)),
        source: filter.source.map(|s| cl::wire_name(&s)),
        unit: q.unit.clone(),
        org: q.org.clone(),
        // Overdue items are among those not closed whose deadline is before today:
        // read only those, and let the engine's filter decide.
        due_by: filter
            .overdue_only
            .then(|| cl::deadline_lists_until(now().1, -1)),
    }
}

/// `GET /items`: `{items, next, counts}`, oldest first, within the caller's scope. The
/// engine's `Filter` decides which items pass; `counts` are by status over every item
/// the other filters let through.
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Language(lang): Language,
    query: Result<Query<ItemQuery>, axum::extract::rejection::QueryRejection>,
) -> ApiResult<Json<Value>> {
    let Query(q) = query.map_err(|_| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "$.query",
            "request.query",
            lang,
        )
    })?;
    let limit = super::submissions::page_size(q.limit.as_deref(), lang)?;
    let after = super::submissions::cursor(q.after.as_deref(), lang)?;
    let filter = engine_filter(&q, lang)?;
    let columns = columns(&caller, &q, &filter);
    let page = if filter.overdue_only || !filter.search.trim().is_empty() {
        filtered_page(&state, &columns, &filter, after, limit).await?
    } else {
        column_page(&state, &columns, after, limit).await?
    };
    let next = page
        .more
        .then_some(page.last_seq)
        .flatten()
        .map(|s| s.to_string());
    Ok(Json(
        json!({ "items": page.items, "next": next, "counts": page.counts }),
    ))
}

/// One page of a listing and the counts by status.
struct ItemPage {
    items: Vec<Value>,
    last_seq: Option<i64>,
    more: bool,
    counts: std::collections::BTreeMap<String, i64>,
}

/// A listing every filter of which is a stored column: the store pages and counts.
async fn column_page(
    state: &AppState,
    columns: &Filter,
    after: i64,
    limit: i64,
) -> ApiResult<ItemPage> {
    let mut rows = stored::page(&state.db, columns, after, limit + 1).await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let counts = stored::status_counts(&state.db, &columns.any_status()).await?;
    Ok(ItemPage {
        items: rows.iter().map(|s| item_json(s, None)).collect(),
        last_seq: rows.last().map(|s| s.seq),
        more,
        counts: counts.into_iter().collect(),
    })
}

/// A listing with a filter that reads more than the store's columns can match (overdue
/// on the server's day, words to find): the engine's `Filter::matches` over the items
/// as their columns hold them; then the page's items in full.
async fn filtered_page(
    state: &AppState,
    columns: &Filter,
    filter: &cl::Filter,
    after: i64,
    limit: i64,
) -> ApiResult<ItemPage> {
    let (_, today) = now();
    let any_status = cl::Filter {
        status: None,
        ..filter.clone()
    };
    let all = columns.any_status();
    let mut page = ItemPage {
        items: vec![],
        last_seq: None,
        more: false,
        counts: Default::default(),
    };
    let mut ids = Vec::new();
    let texts = !filter.search.trim().is_empty();
    let all = stored::summaries(&state.db, &all, texts).await?;
    for (seq, item) in all.iter().filter(|(_, i)| any_status.matches(i, today)) {
        *page.counts.entry(cl::wire_name(&item.status)).or_default() += 1;
        if *seq <= after || !filter.matches(item, today) {
            continue;
        }
        if (ids.len() as i64) < limit {
            ids.push(item.id.clone());
            page.last_seq = Some(*seq);
        } else {
            page.more = true;
        }
    }
    for id in ids {
        if let Some(s) = stored::one(&state.db, &columns.scope, &id).await? {
            page.items.push(item_json(&s, None));
        }
    }
    Ok(page)
}
