//! The CLI's contracts over HTTP, open to anyone: `POST /penalty/assess` takes a case as
//! `yaojian penalty assess` does; `POST /requirements/check?template=ID` takes
//! `{answers, have}` as `yaojian requirements check` does.

use crate::auth::Language;
use crate::body::JsonBody;
use crate::error::{ApiError, ApiResult};
use axum::extract::Query;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::Value;

/// `POST /penalty/assess`.
pub async fn assess(Language(lang): Language, body: JsonBody) -> ApiResult<Json<Value>> {
    let src = body.value.to_string();
    let tables = yaojian::penalty::rule_tables();
    let a = yaojian::penalty::assess_json_in(&src, &tables, lang)
        .map_err(|e| ApiError::engine(StatusCode::UNPROCESSABLE_ENTITY, &e, lang))?;
    Ok(Json(serde_json::to_value(a).map_err(ApiError::internal)?))
}

#[derive(Debug, Deserialize)]
pub struct CheckQuery {
    pub template: Option<String>,
    pub lang: Option<String>,
}

/// `POST /requirements/check?template=ID`.
pub async fn check(
    Language(lang): Language,
    query: Result<Query<CheckQuery>, axum::extract::rejection::QueryRejection>,
    body: JsonBody,
) -> ApiResult<Json<Value>> {
    let unknown = || {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "$.query.template",
            "template.unknown",
            lang,
        )
    };
    let Ok(Query(q)) = query else {
        return Err(unknown());
    };
    let id = q.template.ok_or_else(unknown)?;
    let t = yaojian::requirements::built_in(&id, None).ok_or_else(unknown)?;
    let r = yaojian::requirements::check_json(&t, &body.value.to_string(), lang)
        .map_err(|e| ApiError::engine(StatusCode::UNPROCESSABLE_ENTITY, &e, lang))?;
    Ok(Json(serde_json::to_value(r).map_err(ApiError::internal)?))
}
