//! Self-inspection submissions: received with an idempotency key, re-validated by the
//! engine against the stored template, given a keyed reference and the server's time,
//! stored with the owner from the token, and read back only by those who may see them.

use crate::auth::{Caller, Language};
use crate::body::JsonBody;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::submissions::{self as stored, Filing, Filter, NewFiling, Owner};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};
use yaojian::Lang;

/// A stored submission as the API shows it.
pub fn record(f: &Filing) -> Value {
    json!({
        "reference": f.reference,
        "received_at": f.received_at,
        "template": {"id": f.template_id, "version": f.template_version},
        "owner": {
            "sub": f.owner.sub,
            "role": f.owner.role,
            "org": f.owner.org,
            "region": f.owner.region,
        },
        "submission": f.body,
    })
}

/// The receipt a POST answers (the same again for the same key).
fn receipt(f: &Filing) -> Value {
    json!({"reference": f.reference, "received_at": f.received_at, "submission": f.body})
}

/// The `Idempotency-Key` header: 1–200 visible ASCII characters.
fn idempotency_key(headers: &HeaderMap, lang: Lang) -> ApiResult<String> {
    headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| !k.is_empty() && k.len() <= 200 && k.bytes().all(|b| b.is_ascii_graphic()))
        .map(str::to_string)
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "$.headers.idempotency-key",
                "idempotency.missing",
                lang,
            )
        })
}

/// The template a submission names, as stored; 422 naming the field when there is none.
async fn template_of(
    state: &AppState,
    v: &Value,
    lang: Lang,
) -> ApiResult<std::sync::Arc<yaojian::form::Template>> {
    let field = |k: &str| {
        v.get("template")
            .and_then(|t| t.get(k))
            .and_then(Value::as_str)
    };
    let (Some(id), Some(version)) = (field("id"), field("version")) else {
        // Not shaped like a submission: the engine's reader says where.
        if let Err(e) = yaojian::form::Submission::read(v, "$") {
            return Err(ApiError::engine(
                StatusCode::UNPROCESSABLE_ENTITY,
                &[e],
                lang,
            ));
        }
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "$.template",
            "template.unknown",
            lang,
        ));
    };
    if let Some(t) = state.template(id, Some(version)).await? {
        return Ok(t);
    }
    let known = crate::store::templates::source(&state.db, id, None)
        .await?
        .is_some();
    Err(if known {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "$.template.version",
            "template.unknown_version",
            lang,
        )
    } else {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "$.template.id",
            "template.unknown",
            lang,
        )
    })
}

/// `POST /submissions` (enterprise or representative).
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Language(lang): Language,
    headers: HeaderMap,
    body: JsonBody,
) -> ApiResult<(StatusCode, Json<Value>)> {
    // The table's `Filers` access lets only filers get here.
    let Some(party) = caller.identity.filing_party() else {
        return Err(ApiError::forbidden(lang));
    };
    let key = idempotency_key(&headers, lang)?;
    if let Some(done) = replay(&state, &caller, &key, &body.digest, lang).await? {
        return Ok(done);
    }
    let t = template_of(&state, &body.value, lang).await?;
    // The template names who files it (`filers`): the engine decides, from the token's role.
    t.check_filer(caller.role().as_str(), lang)
        .map_err(|e| ApiError::engine(StatusCode::FORBIDDEN, &[e], lang))?;
    let now = yaojian::date::now_unix_millis();
    let today = yaojian::date::cst_date_from_unix_millis(now);
    let mut s = yaojian::form::answers::check_received_submission(&t, body.value, today)
        .map_err(|e| ApiError::engine(StatusCode::UNPROCESSABLE_ENTITY, &e, lang))?;
    s.reference = yaojian::form::answers::keyed_reference(&s, state.key.secret());
    let body_json = serde_json::to_string(&s).map_err(ApiError::internal)?;
    let owner = Owner {
        sub: party.sub.clone(),
        role: caller.role().as_str().to_string(),
        org: party.org.clone(),
        region: party.region.as_ref().map_or("", |r| r.code()).to_string(),
    };
    let received_at = yaojian::date::cst_timestamp(now);
    let new = NewFiling {
        reference: &s.reference,
        template_id: &s.template.id,
        template_version: &s.template.version,
        owner: &owner,
        idempotency_key: &key,
        request_digest: &body.digest,
        received_at: &received_at,
        body: &body_json,
    };
    if let Some(f) = stored::insert(&state.db, &new).await? {
        return Ok((StatusCode::CREATED, Json(receipt(&f))));
    }
    // A conflict: the same key at the same moment, or the same content under another key.
    if let Some(done) = replay(&state, &caller, &key, &body.digest, lang).await? {
        return Ok(done);
    }
    let own = crate::store::Scope::Owner(party.sub.clone());
    match stored::one(&state.db, &own, &s.reference).await? {
        Some(f) => Ok((StatusCode::OK, Json(receipt(&f)))),
        None => Err(ApiError::new(
            StatusCode::CONFLICT,
            "$",
            "submission.duplicate",
            lang,
        )),
    }
}

/// The stored answer to an earlier request with this key: the same receipt for the same
/// body, 409 for another body.
async fn replay(
    state: &AppState,
    caller: &Caller,
    key: &str,
    digest: &str,
    lang: Lang,
) -> ApiResult<Option<(StatusCode, Json<Value>)>> {
    let found = stored::by_idempotency_key(&state.db, caller.identity.sub(), key).await?;
    let Some((f, earlier)) = found else {
        return Ok(None);
    };
    if earlier != digest {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "$.headers.idempotency-key",
            "idempotency.reused",
            lang,
        ));
    }
    Ok(Some((StatusCode::CREATED, Json(receipt(&f)))))
}

/// `?template=&version=&after=&limit=` of the listing.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    pub template: Option<String>,
    pub version: Option<String>,
    pub after: Option<String>,
    pub limit: Option<String>,
    pub lang: Option<String>,
}

/// Default and largest page.
pub const PAGE: i64 = 50;
pub const MAX_PAGE: i64 = 500;

/// What a listing reads: what the caller may see, of a template (and version).
pub fn filter(caller: &Caller, q: &ListQuery) -> Filter {
    Filter {
        scope: caller.scope(),
        template: q.template.clone(),
        version: q.version.clone(),
    }
}

/// The cursor of `?after=` (0: from the first).
pub fn cursor(after: Option<&str>, lang: Lang) -> ApiResult<i64> {
    let Some(after) = after else { return Ok(0) };
    after.parse().ok().filter(|n| *n >= 0).ok_or_else(|| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "$.query.after",
            "request.cursor",
            lang,
        )
    })
}

/// The listing's query, or 422 naming `$.query`.
pub fn parse_query<T>(
    query: Result<Query<T>, axum::extract::rejection::QueryRejection>,
    lang: Lang,
) -> ApiResult<T> {
    query.map(|Query(q)| q).map_err(|_| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "$.query",
            "request.query",
            lang,
        )
    })
}

/// 422 at `$.query` when an export or a report is asked for a page (`after`, `limit`):
/// it covers everything the caller may see.
pub fn whole(after: &Option<String>, limit: &Option<String>, lang: Lang) -> ApiResult<()> {
    if after.is_some() || limit.is_some() {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "$.query",
            "request.query",
            lang,
        ));
    }
    Ok(())
}

/// The page size of `?limit=`.
pub fn page_size(limit: Option<&str>, lang: Lang) -> ApiResult<i64> {
    match limit {
        None => Ok(PAGE),
        Some(l) => l
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=MAX_PAGE).contains(n))
            .ok_or_else(|| {
                ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "$.query.limit",
                    "request.limit",
                    lang,
                )
            }),
    }
}

/// `GET /submissions`: `{items, next}`, oldest first; `next` is the cursor for `after`
/// (null on the last page).
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Language(lang): Language,
    query: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> ApiResult<Json<Value>> {
    let q = parse_query(query, lang)?;
    let limit = page_size(q.limit.as_deref(), lang)?;
    let after = cursor(q.after.as_deref(), lang)?;
    let f = filter(&caller, &q);
    let mut rows = stored::page(&state.db, &f, after, limit + 1).await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let items: Vec<Value> = rows.iter().map(record).collect();
    let next = match (more, rows.last()) {
        (true, Some(last)) => Some(last.seq.to_string()),
        _ => None,
    };
    let mut page = json!({ "items": items, "next": next });
    // The first page of one template's filings says how many each of its versions has,
    // so a summary of one version can name the filings it does not count.
    if q.template.is_some() && after == 0 {
        let counts = stored::version_counts(&state.db, &f).await?;
        let versions: Vec<Value> = counts
            .iter()
            .map(|(v, n)| json!({"version": v, "count": n}))
            .collect();
        page["versions"] = Value::Array(versions);
    }
    Ok(Json(page))
}

/// `GET /submissions/{reference}`: 404 when it is not there or not the caller's to see.
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Language(lang): Language,
    Path(reference): Path<String>,
) -> ApiResult<Json<Value>> {
    match stored::one(&state.db, &caller.scope(), &reference).await? {
        Some(f) => Ok(Json(record(&f))),
        None => Err(ApiError::not_found("$.path.reference", lang)),
    }
}
