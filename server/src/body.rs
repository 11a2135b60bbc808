//! Request bodies: JSON only, capped, read with the engine's strict parser (a key named
//! twice, nesting past its cap or a document over the size cap is refused with a path).

use crate::auth::language_of;
use crate::error::ApiError;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use serde_json::Value;

/// Largest request body, bytes: the engine's document cap.
pub const MAX_BODY_BYTES: usize = yaojian::MAX_DOCUMENT_BYTES;

/// A JSON body and the SHA-256 of its bytes (what an idempotency key is held to).
#[derive(Debug)]
pub struct JsonBody {
    pub value: Value,
    pub digest: String,
}

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, _: &S) -> Result<Self, ApiError> {
        let (parts, body) = req.into_parts();
        let lang = language_of(&parts);
        let json = media_type(&parts).is_some_and(|m| {
            m == "application/json" || (m.starts_with("application/") && m.ends_with("+json"))
        });
        if !json {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "$.headers.content-type",
                "request.content_type",
                lang,
            ));
        }
        let bytes = read_capped(body, MAX_BODY_BYTES, lang).await?;
        let text = std::str::from_utf8(&bytes).map_err(|_| {
            ApiError::engine(
                StatusCode::BAD_REQUEST,
                &[yaojian::FieldError::new("$", "json.invalid").with("detail", "not UTF-8")],
                lang,
            )
        })?;
        let value = yaojian::json::parse_document(text, "$")
            .map_err(|e| ApiError::engine(StatusCode::BAD_REQUEST, &[e], lang))?;
        Ok(JsonBody {
            value,
            digest: crate::digest::sha256_hex(&bytes),
        })
    }
}

/// The request's media type, lower-cased, without parameters.
fn media_type(parts: &axum::http::request::Parts) -> Option<String> {
    parts
        .headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase())
}

/// The body's bytes, at most `cap`: over it 413 `request.too_large`, a broken body 400.
async fn read_capped(
    body: axum::body::Body,
    cap: usize,
    lang: yaojian::Lang,
) -> Result<axum::body::Bytes, ApiError> {
    axum::body::to_bytes(body, cap).await.map_err(|e| {
        let too_large = std::error::Error::source(&e)
            .is_some_and(|s| s.is::<http_body_util::LengthLimitError>())
            || e.to_string().contains("length limit");
        if too_large {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "$",
                "request.too_large",
                lang,
            )
        } else {
            ApiError::new(StatusCode::BAD_REQUEST, "$", "request.body", lang)
        }
    })
}

/// The media types a spreadsheet upload may declare: xlsx, xls, ods, or plain bytes.
pub const SPREADSHEET_TYPES: [&str; 4] = [
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.ms-excel",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/octet-stream",
];

/// A spreadsheet file as the body, at most `yaojian::form::xlsform::MAX_XLSX_BYTES`,
/// declared as one of [`SPREADSHEET_TYPES`] (415 otherwise: never a form post).
#[derive(Debug)]
pub struct SpreadsheetBody(pub axum::body::Bytes);

impl<S: Send + Sync> FromRequest<S> for SpreadsheetBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, _: &S) -> Result<Self, ApiError> {
        let (parts, body) = req.into_parts();
        let lang = language_of(&parts);
        if !media_type(&parts).is_some_and(|m| SPREADSHEET_TYPES.contains(&m.as_str())) {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "$.headers.content-type",
                "request.content_type",
                lang,
            ));
        }
        let cap = yaojian::form::xlsform::MAX_XLSX_BYTES;
        Ok(SpreadsheetBody(read_capped(body, cap, lang).await?))
    }
}
