//! Every error the API answers: `{"errors":[{path, code, message}]}` with its status.
//! Engine errors keep their JSON paths and catalog messages; the server's own codes
//! (tokens, roles, headers, conflicts) are worded in [`crate::messages`].

use crate::messages::message;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use yaojian::Lang;

/// One problem: where (a JSON path, or `$.query.x` / `$.headers.x`), a stable code and
/// a message for people.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub path: String,
    pub code: String,
    pub message: String,
}

/// An error response: a status and at least one problem.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub errors: Vec<Problem>,
    /// The current record, for a conflict (409) that should show it.
    pub current: Option<serde_json::Value>,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    /// One problem with the server's own code, worded in `lang`.
    pub fn new(status: StatusCode, path: &str, code: &str, lang: Lang) -> ApiError {
        ApiError {
            status,
            errors: vec![Problem {
                path: path.to_string(),
                code: code.to_string(),
                message: message(code, lang),
            }],
            current: None,
        }
    }

    /// The engine's errors, each with its path and catalog message.
    pub fn engine(status: StatusCode, errors: &[yaojian::FieldError], lang: Lang) -> ApiError {
        ApiError {
            status,
            errors: errors
                .iter()
                .map(|e| {
                    let l = e.localized(lang);
                    Problem {
                        path: l.path,
                        code: l.code,
                        message: l.message,
                    }
                })
                .collect(),
            current: None,
        }
    }

    pub fn unauthorized(code: &str, lang: Lang) -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "$.headers.authorization",
            code,
            lang,
        )
    }

    pub fn forbidden(lang: Lang) -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, "$", "auth.forbidden", lang)
    }

    /// Not there, or not the caller's to see: the two are never told apart.
    pub fn not_found(path: &str, lang: Lang) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, path, "not_found", lang)
    }

    /// A fault of the server or its database: logged in full, answered without detail.
    pub fn internal(detail: impl std::fmt::Display) -> ApiError {
        tracing::error!(target: "yaojian_server", "internal error: {detail}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "$",
            "server.internal",
            Lang::default(),
        )
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> ApiError {
        if matches!(e, sqlx::Error::PoolTimedOut) {
            return ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "$",
                "server.busy",
                Lang::default(),
            );
        }
        ApiError::internal(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = serde_json::json!({ "errors": self.errors });
        if let Some(current) = self.current {
            body["current"] = current;
        }
        (self.status, axum::Json(body)).into_response()
    }
}
