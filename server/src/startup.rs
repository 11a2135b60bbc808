//! Builds the application: the API router from the endpoint table (each endpoint wrapped
//! in its log line and its access check), the widgets' files, compression and CORS.

use crate::handlers::demo;
use crate::state::AppState;
use crate::{auth, error, log, routes};
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, StatusCode};
use std::path::PathBuf;
use tower_http::set_header::SetResponseHeaderLayer;

/// Options of [`app`] beyond the state.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The widgets' files (`dist/`), served at `/`.
    pub dist: Option<PathBuf>,
    /// A folder served at `/` before `dist` (the demo portal's pages).
    pub site: Option<PathBuf>,
}

async fn api_not_found(parts: axum::http::request::Parts) -> error::ApiError {
    error::ApiError::not_found("$.path", auth::language_of(&parts))
}

async fn api_method_not_allowed(parts: axum::http::request::Parts) -> error::ApiError {
    error::ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "$.method",
        "method_not_allowed",
        auth::language_of(&parts),
    )
}

/// The API router, under `/api/v1`.
pub fn api(state: AppState) -> axum::Router {
    let mut r = axum::Router::new();
    for e in routes::endpoints() {
        // The table's access column decides who gets to the handler.
        let access = e.access;
        let check =
            axum::middleware::from_fn_with_state(state.clone(), move |State(s), req, next| {
                auth::require(access, s, req, next)
            });
        // Outside the check: refusals are logged too.
        let route = e.path;
        let log = axum::middleware::from_fn(move |req, next| log::request(route, req, next));
        r = r.route(e.path, (e.handler)().route_layer(check).route_layer(log));
    }
    if state.demo {
        r = r
            .route("/demo/users", axum::routing::get(demo::users))
            .route("/demo/token", axum::routing::post(demo::token));
    }
    r.fallback(api_not_found)
        .method_not_allowed_fallback(api_method_not_allowed)
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .with_state(state)
}

/// The whole application: the API, the widgets' files, compression and CORS.
pub fn app(state: AppState, options: &Options) -> axum::Router {
    use tower_http::cors::{Any, CorsLayer};
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::PATCH])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::ACCEPT_LANGUAGE,
            header::IF_MATCH,
            header::HeaderName::from_static("idempotency-key"),
        ])
        .expose_headers([header::CONTENT_DISPOSITION, header::ETAG]);
    let demo = state.demo;
    let mut router = axum::Router::new().nest("/api/v1", api(state));
    if let (true, Some(site)) = (demo, options.site.clone()) {
        let index = move || demo::portal_index(site.clone());
        router = router
            .route("/", axum::routing::get(index.clone()))
            .route("/index.html", axum::routing::get(index));
    }
    use tower_http::services::ServeDir;
    // The site's pages first, then the widgets' files; each with its cache header.
    let files = match (options.site.as_ref(), options.dist.as_ref()) {
        (Some(site), Some(dist)) => Some(
            axum::Router::new().fallback_service(ServeDir::new(site).fallback(ServeDir::new(dist))),
        ),
        (Some(one), None) | (None, Some(one)) => {
            Some(axum::Router::new().fallback_service(ServeDir::new(one)))
        }
        (None, None) => None,
    };
    if let Some(files) = files {
        router = router.fallback_service(files.layer(axum::middleware::from_fn(cache_control)));
    }
    router
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(tower_http::compression::CompressionLayer::new())
        .layer(cors)
}

/// How long a browser may keep a file it was served: a name with a content hash
/// (`<module>.<hash>.wasm`, as `scripts/dist-manifest.mjs` names them) never changes, so a
/// year; anything else (`yaojian.js`, the manifest, the CSS, pages) is asked again each time.
async fn cache_control(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let hashed = is_content_named(request.uri().path());
    let mut response = next.run(request).await;
    if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
        let value = if hashed {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

/// Whether a path names a file by its content: `<name>.<hash>.<ext>`, the hash 8 to 64
/// lowercase hexadecimal digits.
pub fn is_content_named(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let mut parts = file.rsplitn(3, '.').skip(1);
    match (parts.next(), parts.next()) {
        (Some(hash), Some(name)) => {
            !name.is_empty()
                && (8..=64).contains(&hash.len())
                && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        }
        _ => false,
    }
}
