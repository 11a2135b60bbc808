//! Self-inspection templates: listed, read (latest or one version) and published, with
//! who published each version. A published version never changes: publishing it again
//! with other content is 409.

use crate::auth::{Caller, Language};
/// The media types `POST /templates/from-xlsx` takes, for the API document.
pub use crate::body::SPREADSHEET_TYPES;
use crate::body::{JsonBody, SpreadsheetBody};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::templates::{self as stored, Published};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};
use yaojian::form::Template;

fn listing(t: &Template, lang: yaojian::Lang) -> Value {
    json!({"id": t.id, "version": t.version, "title": t.title(lang), "sample": t.sample})
}

/// `GET /templates`: the latest version of each.
pub async fn list(
    State(state): State<AppState>,
    Language(lang): Language,
) -> ApiResult<Json<Value>> {
    let mut items = Vec::new();
    for (id, version) in stored::latest_versions(&state.db).await? {
        if let Some(t) = state.template(&id, Some(&version)).await? {
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
    let Some(src) = stored::source(&state.db, id, version).await? else {
        return Err(ApiError::not_found("$.path", lang));
    };
    let v: Value = serde_json::from_str(&src.json).map_err(ApiError::internal)?;
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

/// `GET /templates/{id}/versions` (inspector or admin): every published version, oldest
/// first, with when and by whom.
pub async fn versions(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Language(lang): Language,
) -> ApiResult<Json<Value>> {
    let items = stored::versions(&state.db, &id).await?;
    if items.is_empty() {
        return Err(ApiError::not_found("$.path.id", lang));
    }
    Ok(Json(json!({ "id": id, "items": items })))
}

/// `PUT /templates/{id}/{version}` (inspector or admin): 201 when published, 200 when
/// the same content already was, 409 when other content was. The publisher is the
/// token's subject.
pub async fn publish(
    State(state): State<AppState>,
    caller: Caller,
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
    let by = caller.identity.sub();
    let status = match stored::publish(&state.db, &id, &version, &body.value, by).await? {
        Published::Created => StatusCode::CREATED,
        Published::Unchanged => StatusCode::OK,
        Published::Conflict => {
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

/// `POST /templates/from-xlsx` (inspector or admin): an XLSForm spreadsheet → the
/// template it writes, checked as publishing would check it; 422 with every mistake at
/// its cell (`survey!D7`). Nothing is stored: publishing is `PUT`.
pub async fn from_xlsx(
    Language(lang): Language,
    SpreadsheetBody(bytes): SpreadsheetBody,
) -> ApiResult<Json<Value>> {
    // Reading a large sheet takes milliseconds of CPU: off the async workers.
    let converted = tokio::task::spawn_blocking(move || yaojian::form::xlsform::from_xlsx(&bytes))
        .await
        .map_err(ApiError::internal)?;
    converted
        .map(Json)
        .map_err(|e| ApiError::engine(StatusCode::UNPROCESSABLE_ENTITY, &e, lang))
}

/// `?from=&to=` of a diff.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiffQuery {
    pub from: Option<String>,
    pub to: Option<String>,
    pub lang: Option<String>,
}

/// `GET /templates/{id}/diff?from=V&to=W` (inspector or admin): the questions added,
/// removed and changed from version V to version W, with their texts (the engine's
/// `form::builder::diff`); 404 when either version is not published.
pub async fn diff(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Language(lang): Language,
    query: Result<Query<DiffQuery>, axum::extract::rejection::QueryRejection>,
) -> ApiResult<Json<Value>> {
    let q = super::submissions::parse_query(query, lang)?;
    let (Some(from), Some(to)) = (q.from, q.to) else {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "$.query",
            "template.diff_versions",
            lang,
        ));
    };
    let mut versions = Vec::new();
    for (field, version) in [("from", &from), ("to", &to)] {
        match state.template(&id, Some(version)).await? {
            Some(t) => versions.push(t),
            None => {
                let path = format!("$.query.{field}");
                return Err(ApiError::new(
                    StatusCode::NOT_FOUND,
                    &path,
                    "template.unknown_version",
                    lang,
                ));
            }
        }
    }
    let d = yaojian::form::builder::diff(&versions[0], &versions[1]);
    Ok(Json(
        json!({ "id": id, "from": from, "to": to, "added": d.added, "removed": d.removed, "changed": d.changed }),
    ))
}
