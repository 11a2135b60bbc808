//! 责令改正通知书 on the server: issued for items the bureau chose (or every open item of
//! a unit), numbered from the bureau's pattern by the database, recorded in each item's
//! history, never renumbered; their service (送达) recorded after.

use super::items::{actor, now};
use crate::auth::{Caller, Language};
use crate::body::JsonBody;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::items::{self as stored_items, Entry, Filter, StoredItem};
use crate::store::notices::{self as stored, Issue, StoredNotice};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};
use yaojian::checklist::{self as cl, Item, Status};
use yaojian::Lang;

/// Most items one notice names.
const MAX_ITEMS: usize = 500;

/// `{"items": [ids]}` or `{"unit": "…", "org": "…"}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoticeRequest {
    items: Option<Vec<String>>,
    unit: Option<String>,
    org: Option<String>,
}

/// A notice as the API shows it: the engine's notice (its items included) with who
/// issued it, when, whether its number came from the sample pattern, and its services.
fn notice_json(n: &StoredNotice, services: &[stored::RecordedService]) -> Value {
    let sample = n.pattern == cl::SAMPLE_NUMBER_PATTERN;
    let mut v = n.body.clone();
    v["org"] = json!(n.org);
    v["region"] = json!(n.region);
    v["issued_by"] = json!(n.issued_by);
    v["issued_at"] = json!(n.issued_at);
    v["sample_pattern"] = json!(sample);
    v["services"] = services
        .iter()
        .map(|s| {
            let mut v = s.service.clone();
            v["recorded_by"] = json!(s.recorded_by);
            v["recorded_at"] = json!(s.recorded_at);
            v
        })
        .collect();
    v
}

/// The items a request names, as the caller may see them.
async fn requested_items(
    state: &AppState,
    caller: &Caller,
    req: NoticeRequest,
    lang: Lang,
) -> ApiResult<Vec<StoredItem>> {
    let unprocessable =
        |path: &str, code: &str| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, path, code, lang);
    let scope = caller.scope();
    match (req.items, req.unit, req.org) {
        (Some(ids), None, None) => {
            if ids.len() > MAX_ITEMS {
                return Err(unprocessable("$.items", "notice.too_many"));
            }
            let mut out = Vec::new();
            for (n, id) in ids.iter().enumerate() {
                let s = stored_items::one(&state.db, &scope, id).await?;
                out.push(s.ok_or_else(|| ApiError::not_found(&format!("$.items[{n}]"), lang))?);
            }
            Ok(out)
        }
        (None, Some(unit), Some(org)) => {
            let filter = Filter {
                scope,
                status: None,
                list: None,
                source: None,
                unit: Some(unit),
                org: Some(org),
                due_by: None,
            };
            let mut out = Vec::new();
            let mut after = 0;
            loop {
                let page = stored_items::page(&state.db, &filter, after, 500).await?;
                let Some(last) = page.last() else { break };
                after = last.seq;
                out.extend(page.into_iter().filter(|s| s.item.status != Status::Closed));
            }
            if out.len() > MAX_ITEMS {
                return Err(unprocessable("$.unit", "notice.too_many"));
            }
            Ok(out)
        }
        _ => Err(unprocessable("$", "notice.request")),
    }
}

/// `POST /notices` (inspector, admin): 201 with the notice, its number taken from the
/// bureau's pattern and the next serial of its year.
pub async fn issue(
    State(state): State<AppState>,
    caller: Caller,
    Language(lang): Language,
    body: JsonBody,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let req: NoticeRequest = yaojian::json::parse_value_at(body.value, "$")
        .map_err(|e| ApiError::engine(StatusCode::UNPROCESSABLE_ENTITY, &[e], lang))?;
    let found = requested_items(&state, &caller, req, lang).await?;
    let first = found.first().ok_or_else(|| {
        ApiError::engine(
            StatusCode::UNPROCESSABLE_ENTITY,
            &[yaojian::FieldError::new(
                "$.items",
                "checklist.notice_empty",
            )],
            lang,
        )
    })?;
    if found.iter().any(|s| s.org != first.org) {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "$.items",
            "notice.orgs",
            lang,
        ));
    }
    let items: Vec<&Item> = found.iter().map(|s| &s.item).collect();
    let pattern = state.notice_pattern();
    let (at, today) = now();
    // Checked before a number is taken: a refused notice spends none.
    cl::notice_for(&items, pattern, 0, today)
        .map_err(|e| ApiError::engine(StatusCode::UNPROCESSABLE_ENTITY, &[e], lang))?;
    let year = yaojian::date::year_of(today);
    let issue = Issue {
        counter: format!("notice:{pattern}:{year}"),
        pattern,
        year,
        org: &first.org,
        region: &first.region,
        entry: Entry {
            action: "notice".into(),
            actor: actor(&caller),
            at,
            from: String::new(),
            to: String::new(),
            fields: vec![],
            note: String::new(),
            revision: 0,
        },
        items: found
            .iter()
            .map(|s| (s.item.id.clone(), cl::wire_name(&s.item.status), s.revision))
            .collect(),
    };
    let built = stored::issue(&state.db, issue, |serial| {
        let serial = u32::try_from(serial).map_err(|e| e.to_string())?;
        let mut n = cl::notice_for(&items, pattern, serial, today).map_err(|e| e.code)?;
        n.bureau = state.bureau.clone();
        n.party_code = Some(first.org.clone()).filter(|o| !o.is_empty());
        Ok((
            n.number.clone(),
            serde_json::to_value(&n).map_err(|e| e.to_string())?,
        ))
    })
    .await?;
    let n = built.map_err(ApiError::internal)?;
    Ok((StatusCode::CREATED, Json(notice_json(&n, &[]))))
}

/// `GET /notices/{number}`: the notice as issued, with its services.
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Language(lang): Language,
    Path(number): Path<String>,
) -> ApiResult<Json<Value>> {
    let n = stored::one(&state.db, &caller.scope(), &number)
        .await?
        .ok_or_else(|| ApiError::not_found("$.path.number", lang))?;
    let services = stored::services(&state.db, &number).await?;
    Ok(Json(notice_json(&n, &services)))
}

/// `POST /notices/{number}/service` (inspector, admin): records a service (送达), `{date,
/// method, recipient}`; 201 with the notice and every service recorded.
pub async fn serve(
    State(state): State<AppState>,
    caller: Caller,
    Language(lang): Language,
    Path(number): Path<String>,
    body: JsonBody,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let service = cl::service_of(body.value)
        .map_err(|e| ApiError::engine(StatusCode::UNPROCESSABLE_ENTITY, &e, lang))?;
    let n = stored::one(&state.db, &caller.scope(), &number)
        .await?
        .ok_or_else(|| ApiError::not_found("$.path.number", lang))?;
    let (at, _) = now();
    let value = serde_json::to_value(&service).map_err(ApiError::internal)?;
    stored::record_service(&state.db, &number, &value, caller.identity.sub(), &at).await?;
    let services = stored::services(&state.db, &number).await?;
    Ok((StatusCode::CREATED, Json(notice_json(&n, &services))))
}
