//! Self-inspection templates: listed, read (latest or one version) and published. A
//! published version never changes: publishing it again with other content is 409.

use crate::auth::Language;
use crate::body::JsonBody;
use crate::db::{text, Db};
use crate::error::{ApiError, ApiResult};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};
use sqlx::Row;
use std::sync::Arc;
use yaojian::form::Template;

/// What storing a version did.
#[derive(Debug, PartialEq, Eq)]
pub enum Stored {
    Created,
    /// The same content was already published.
    Unchanged,
    /// Other content is published under this version.
    Conflict,
}

/// Stores a template version unless it is there; compares content when it is.
pub async fn store(db: &Db, id: &str, version: &str, value: &Value) -> Result<Stored, sqlx::Error> {
    let body = serde_json::to_string(value).unwrap_or_default();
    let digest = crate::sha256_hex(body.as_bytes());
    let inserted = sqlx::query(
        "INSERT INTO templates (id, version, body, digest, published_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT DO NOTHING",
    )
    .bind(id)
    .bind(version)
    .bind(&body)
    .bind(&digest)
    .bind(crate::now_cst())
    .execute(&db.pool)
    .await?;
    if inserted.rows_affected() == 1 {
        return Ok(Stored::Created);
    }
    let row = sqlx::query("SELECT digest FROM templates WHERE id = $1 AND version = $2")
        .bind(id)
        .bind(version)
        .fetch_one(&db.pool)
        .await?;
    Ok(if text(&row, "digest")? == digest {
        Stored::Unchanged
    } else {
        Stored::Conflict
    })
}

/// The body of one version, or of the latest published when `version` is `None`.
pub async fn body(
    db: &Db,
    id: &str,
    version: Option<&str>,
) -> Result<Option<(String, String)>, sqlx::Error> {
    let row = match version {
        Some(v) => {
            sqlx::query("SELECT version, body FROM templates WHERE id = $1 AND version = $2")
                .bind(id)
                .bind(v)
                .fetch_optional(&db.pool)
                .await?
        }
        None => {
            sqlx::query(
                "SELECT version, body FROM templates WHERE id = $1 ORDER BY seq DESC LIMIT 1",
            )
            .bind(id)
            .fetch_optional(&db.pool)
            .await?
        }
    };
    row.map(|r| Ok((text(&r, "version")?, text(&r, "body")?)))
        .transpose()
}

/// A parsed template version, from the cache (versions never change) or the database.
pub async fn load(
    state: &AppState,
    id: &str,
    version: Option<&str>,
) -> ApiResult<Option<Arc<Template>>> {
    if let Some(v) = version {
        if let Some(t) = state
            .templates
            .read()
            .ok()
            .and_then(|c| c.get(&(id.to_string(), v.to_string())).cloned())
        {
            return Ok(Some(t));
        }
    }
    let Some((v, src)) = body(&state.db, id, version).await? else {
        return Ok(None);
    };
    let t = Arc::new(
        Template::from_json(&src)
            .map_err(|e| ApiError::internal(format!("stored template {id} {v}: {e:?}")))?,
    );
    if let Ok(mut cache) = state.templates.write() {
        cache.insert((id.to_string(), v), t.clone());
    }
    Ok(Some(t))
}

fn listing(t: &Template, lang: yaojian::Lang) -> Value {
    json!({"id": t.id, "version": t.version, "title": t.title(lang), "sample": t.sample})
}

/// `GET /templates`: the latest version of each.
pub async fn list(
    State(state): State<AppState>,
    Language(lang): Language,
) -> ApiResult<Json<Value>> {
    let rows = sqlx::query(
        "SELECT id, version FROM templates t WHERE seq = (SELECT MAX(seq) FROM templates u WHERE u.id = t.id) ORDER BY id",
    )
    .fetch_all(&state.db.pool)
    .await?;
    let mut items = Vec::new();
    for r in rows {
        let (id, version) = (text(&r, "id")?, text(&r, "version")?);
        if let Some(t) = load(&state, &id, Some(&version)).await? {
            items.push(listing(&t, lang));
        }
    }
    Ok(Json(json!({ "items": items })))
}

async fn one(
    state: &AppState,
    id: &str,
    version: Option<&str>,
    lang: yaojian::Lang,
) -> ApiResult<Json<Value>> {
    let Some((_, src)) = body(&state.db, id, version).await? else {
        return Err(ApiError::not_found("$.path", lang));
    };
    let v: Value = serde_json::from_str(&src).map_err(ApiError::internal)?;
    Ok(Json(v))
}

/// `GET /templates/{id}`: the latest version.
pub async fn latest(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Language(lang): Language,
) -> ApiResult<Json<Value>> {
    one(&state, &id, None, lang).await
}

/// `GET /templates/{id}/{version}`.
pub async fn version(
    State(state): State<AppState>,
    Path((id, version)): Path<(String, String)>,
    Language(lang): Language,
) -> ApiResult<Json<Value>> {
    one(&state, &id, Some(&version), lang).await
}

/// `PUT /templates/{id}/{version}` (inspector or admin): 201 when published, 200 when
/// the same content already was, 409 when other content was.
pub async fn publish(
    State(state): State<AppState>,
    Path((id, version)): Path<(String, String)>,
    Language(lang): Language,
    body: JsonBody,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let t = Template::from_value(body.value.clone())
        .map_err(|e| ApiError::engine(StatusCode::UNPROCESSABLE_ENTITY, &e, lang))?;
    if t.id != id || t.version != version {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "$.id",
            "template.mismatch",
            lang,
        ));
    }
    let status = match store(&state.db, &id, &version, &body.value).await? {
        Stored::Created => StatusCode::CREATED,
        Stored::Unchanged => StatusCode::OK,
        Stored::Conflict => {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "$",
                "template.published",
                lang,
            ));
        }
    };
    Ok((status, Json(listing(&t, lang))))
}

/// Reads a row's `seq` (used by callers that page).
pub fn seq(row: &sqlx::any::AnyRow) -> Result<i64, sqlx::Error> {
    row.try_get::<i64, _>("seq")
}
