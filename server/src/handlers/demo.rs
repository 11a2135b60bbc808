//! The demo portal's sign-in (`serve --demo` only): a few labelled sample users, each
//! handed a short-lived token signed with the server's key, exactly as a portal would.

use crate::auth::Language;
use crate::body::JsonBody;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::token::{now_secs, Claims, Role};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};

/// A labelled sample user of the demo portal.
pub struct SampleUser {
    pub id: &'static str,
    pub role: Role,
    pub name: &'static str,
    /// 统一社会信用代码.
    pub org: Option<&'static str>,
    pub region: Option<&'static str>,
}

pub const SAMPLE_USERS: &[SampleUser] = &[
    SampleUser {
        id: "demo-representative",
        role: Role::Representative,
        name: "示例医药代表 王敏（示例药业）",
        org: Some("91350100M000100Y43"),
        region: Some("350100"),
    },
    SampleUser {
        id: "demo-enterprise",
        role: Role::Enterprise,
        name: "示例药业有限公司",
        org: Some("91350100M000100Y43"),
        region: Some("350100"),
    },
    SampleUser {
        id: "demo-inspector",
        role: Role::Inspector,
        name: "示例省药监局检查员",
        org: None,
        region: Some("350000"),
    },
];

/// How long a demo token lasts, seconds.
const DEMO_TTL: i64 = 8 * 3600;

/// `GET /demo/users`.
pub async fn users() -> Json<Value> {
    let list: Vec<Value> = SAMPLE_USERS
        .iter()
        .map(|u| json!({"id": u.id, "role": u.role, "name": u.name, "org": u.org, "region": u.region, "sample": true}))
        .collect();
    Json(json!({ "items": list }))
}

/// `POST /demo/token` with `{"user": ID}` → `{token, claims}`.
pub async fn token(
    State(state): State<AppState>,
    Language(lang): Language,
    body: JsonBody,
) -> ApiResult<Json<Value>> {
    let id = body.value.get("user").and_then(Value::as_str).unwrap_or("");
    let Some(user) = SAMPLE_USERS.iter().find(|u| u.id == id) else {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "$.user",
            "demo.user",
            lang,
        ));
    };
    let now = now_secs();
    let claims = Claims {
        sub: user.id.to_string(),
        role: user.role,
        org: user.org.map(str::to_string),
        region: user.region.map(str::to_string),
        exp: now + DEMO_TTL,
        iat: Some(now),
        nbf: None,
    };
    Ok(Json(
        json!({"token": state.key.sign(&claims), "claims": claims}),
    ))
}

/// The demo portal's page with `<meta name="yaojian-demo-api">` added, which tells the
/// portal to offer the sample sign-in (a page from a static host has no such tag, so
/// the portal never probes for a server that is not there).
pub async fn portal_index(site: std::path::PathBuf) -> axum::response::Response {
    use axum::response::IntoResponse;
    match tokio::fs::read_to_string(site.join("index.html")).await {
        Ok(page) => {
            let tag = r#"<meta name="yaojian-demo-api" content="/api/v1">"#;
            let page = page.replacen("</head>", &format!("  {tag}\n</head>"), 1);
            axum::response::Html(page).into_response()
        }
        Err(e) => ApiError::internal(format!("the demo portal's index.html: {e}")).into_response(),
    }
}
