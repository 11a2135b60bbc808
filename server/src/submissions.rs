//! Self-inspection submissions: received with an idempotency key, re-validated by the
//! engine against the stored template, given a keyed reference and the server's time,
//! stored with the owner from the token, and read back only by those who may see them.

use crate::auth::{Caller, Language};
use crate::body::JsonBody;
use crate::db::{text, Arg, Conditions};
use crate::error::{ApiError, ApiResult};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};
use yaojian::Lang;

/// The columns a stored submission is read back with.
pub const COLUMNS: &str = "seq, reference, template_id, template_version, owner_sub, owner_role, owner_org, owner_region, received_at, body";

/// A stored submission as the API shows it.
pub fn record(row: &sqlx::any::AnyRow) -> Result<Value, sqlx::Error> {
    let submission = crate::db::json(row, "body")?;
    Ok(json!({
        "reference": text(row, "reference")?,
        "received_at": text(row, "received_at")?,
        "template": {"id": text(row, "template_id")?, "version": text(row, "template_version")?},
        "owner": {
            "sub": text(row, "owner_sub")?,
            "role": text(row, "owner_role")?,
            "org": text(row, "owner_org")?,
            "region": text(row, "owner_region")?,
        },
        "submission": submission,
    }))
}

/// The receipt a POST answers (the same again for the same key).
fn receipt(row: &sqlx::any::AnyRow) -> Result<Value, sqlx::Error> {
    let r = record(row)?;
    Ok(
        json!({"reference": r["reference"], "received_at": r["received_at"], "submission": r["submission"]}),
    )
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
        if let Err(e) = yaojian::json::parse_value_at::<yaojian::form::Submission>(v.clone(), "$") {
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
    if let Some(t) = crate::templates::load(state, id, Some(version)).await? {
        return Ok(t);
    }
    let known = crate::templates::body(&state.db, id, None).await?.is_some();
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
    let mut s = yaojian::form::answers::check_submission(&t, body.value, today)
        .map_err(|e| ApiError::engine(StatusCode::UNPROCESSABLE_ENTITY, &e, lang))?;
    s.reference = yaojian::form::answers::keyed_reference(&s, state.key.secret());
    let stored = serde_json::to_string(&s).map_err(ApiError::internal)?;
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO submissions (reference, template_id, template_version, owner_sub, owner_role, owner_org, \
         owner_region, idempotency_key, request_digest, received_at, body) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING RETURNING {COLUMNS}"
    )))
    .bind(&s.reference)
    .bind(&s.template.id)
    .bind(&s.template.version)
    .bind(&party.sub)
    .bind(caller.role().as_str())
    .bind(&party.org)
    .bind(party.region.as_ref().map_or("", |r| r.code()))
    .bind(&key)
    .bind(&body.digest)
    .bind(yaojian::date::cst_timestamp(now))
    .bind(&stored)
    .fetch_optional(&state.db.pool)
    .await?;
    if let Some(row) = row {
        return Ok((StatusCode::CREATED, Json(receipt(&row)?)));
    }
    // A conflict: the same key at the same moment, or the same content under another key.
    if let Some(done) = replay(&state, &caller, &key, &body.digest, lang).await? {
        return Ok(done);
    }
    let same = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM submissions WHERE reference = $1 AND owner_sub = $2"
    )))
    .bind(&s.reference)
    .bind(&party.sub)
    .fetch_optional(&state.db.pool)
    .await?;
    match same {
        Some(row) => Ok((StatusCode::OK, Json(receipt(&row)?))),
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
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS}, request_digest FROM submissions WHERE owner_sub = $1 AND idempotency_key = $2"
    )))
    .bind(caller.identity.sub())
    .bind(key)
    .fetch_optional(&state.db.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    if text(&row, "request_digest")? != digest {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "$.headers.idempotency-key",
            "idempotency.reused",
            lang,
        ));
    }
    Ok(Some((StatusCode::CREATED, Json(receipt(&row)?))))
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

/// The conditions of a listing: what the caller may see, of a template, after a cursor.
pub fn conditions(caller: &Caller, q: &ListQuery, lang: Lang) -> ApiResult<Conditions> {
    let mut w = Conditions::default();
    caller.limit_to_visible(&mut w);
    if let Some(t) = &q.template {
        w.push("template_id = ?", Arg::Text(t.clone()));
    }
    if let Some(v) = &q.version {
        w.push("template_version = ?", Arg::Text(v.clone()));
    }
    if let Some(after) = &q.after {
        let seq: i64 = after.parse().ok().filter(|n| *n >= 0).ok_or_else(|| {
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "$.query.after",
                "request.cursor",
                lang,
            )
        })?;
        w.push("seq > ?", Arg::Int(seq));
    }
    Ok(w)
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
    let Query(q) = query.map_err(|_| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "$.query",
            "request.query",
            lang,
        )
    })?;
    let limit = page_size(q.limit.as_deref(), lang)?;
    let w = conditions(&caller, &q, lang)?;
    let sql = format!(
        "SELECT {COLUMNS} FROM submissions{} ORDER BY seq LIMIT {}",
        w.sql(),
        limit + 1
    );
    let rows = w.bind(sql).fetch_all(&state.db.pool).await?;
    let more = rows.len() as i64 > limit;
    let mut items = Vec::new();
    let mut last = None;
    for row in rows.iter().take(limit as usize) {
        items.push(record(row)?);
        last = Some(crate::templates::seq(row)?);
    }
    let next = if more {
        last.map(|s| s.to_string())
    } else {
        None
    };
    Ok(Json(json!({ "items": items, "next": next })))
}

/// `GET /submissions/{reference}`: 404 when it is not there or not the caller's to see.
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Language(lang): Language,
    Path(reference): Path<String>,
) -> ApiResult<Json<Value>> {
    let mut w = Conditions::default();
    caller.limit_to_visible(&mut w);
    w.push("reference = ?", Arg::Text(reference));
    let sql = format!("SELECT {COLUMNS} FROM submissions{}", w.sql());
    match w.bind(sql).fetch_optional(&state.db.pool).await? {
        Some(row) => Ok(Json(record(&row)?)),
        None => Err(ApiError::not_found("$.path.reference", lang)),
    }
}
