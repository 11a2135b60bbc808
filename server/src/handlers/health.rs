//! `GET /healthz`.

use crate::error::ApiResult;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};

/// `GET /healthz`: 200 when the database answers.
pub async fn health(State(state): State<AppState>) -> ApiResult<Json<Value>> {
    state.db.ping().await?;
    Ok(Json(json!({"status": "ok"})))
}
