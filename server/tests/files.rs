//! The widgets' files (`--dist`): a file named by its content is kept a year, everything
//! else (`yaojian.js`, the manifest, the CSS, the demo's pages) is asked again each time;
//! the API's answers are not touched.

mod common;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::*;
use tower::ServiceExt;
use yaojian_server::startup::is_content_named;
use yaojian_server::token::Key;
use yaojian_server::{store::Db, AppState, Options};

const HASHED_WASM: &str = "penalty-calculator.0a1b2c3d4e.wasm";
const HASHED_JS: &str = "submissions-summary_rectification.9f8e7d6c5b.js";

async fn files_app() -> axum::Router {
    let dist = std::env::temp_dir().join(unique("yaojian-dist"));
    std::fs::create_dir_all(&dist).unwrap();
    for (name, body) in [
        ("yaojian.js", "export {};"),
        ("yaojian-manifest.json", "{}"),
        ("yaojian.css", ".yj{}"),
        (HASHED_WASM, "\0asm"),
        (HASHED_JS, "export default 1;"),
    ] {
        std::fs::write(dist.join(name), body).unwrap();
    }
    let db = Db::open(&sqlite_url()).await.unwrap();
    let state = AppState::new(db, Key::from_secret(SECRET).unwrap(), false);
    yaojian_server::app(
        state,
        &Options {
            dist: Some(dist),
            site: None,
        },
    )
}

async fn get(app: &axum::Router, path: &str) -> (StatusCode, Option<String>, Option<String>) {
    let req = Request::builder().uri(path).body(Body::empty()).unwrap();
    let res = app.clone().oneshot(req).await.unwrap();
    let header = |h| {
        res.headers()
            .get(h)
            .map(|v: &axum::http::HeaderValue| v.to_str().unwrap().to_string())
    };
    (
        res.status(),
        header(header::CACHE_CONTROL),
        header(header::CONTENT_TYPE),
    )
}

#[tokio::test]
async fn hashed_files_are_kept_a_year_and_the_rest_is_asked_again() {
    let app = files_app().await;
    let year = Some("public, max-age=31536000, immutable".to_string());
    let again = Some("no-cache".to_string());
    let (status, cache, kind) = get(&app, &format!("/{HASHED_WASM}")).await;
    assert_eq!(
        (status, cache, kind.as_deref()),
        (StatusCode::OK, year.clone(), Some("application/wasm"))
    );
    assert_eq!(get(&app, &format!("/{HASHED_JS}")).await.1, year);
    for path in ["/yaojian.js", "/yaojian-manifest.json", "/yaojian.css"] {
        let (status, cache, _) = get(&app, path).await;
        assert_eq!((status, cache), (StatusCode::OK, again.clone()), "{path}");
    }
    // A file that is not there is not cached; the API's answers keep their own header.
    let (status, cache, _) = get(&app, "/nothing.0a1b2c3d4e.wasm").await;
    assert_eq!((status, cache), (StatusCode::NOT_FOUND, None));
    let (status, cache, _) = get(&app, "/api/v1/healthz").await;
    assert_eq!(
        (status, cache.as_deref()),
        (StatusCode::OK, Some("no-store"))
    );
}

#[test]
fn a_content_name_has_a_hash_before_its_extension() {
    for yes in [HASHED_WASM, HASHED_JS, "/x/a.deadbeef.css"] {
        assert!(is_content_named(yes), "{yes}");
    }
    for no in [
        "yaojian.js",
        "yaojian-manifest.json",
        ".0a1b2c3d4e.js",
        "a.0A1B2C3D4E.js",
        "a.0a1b2c.js",
        "a.0a1b2c3d4g.js",
        "0a1b2c3d4e.js",
    ] {
        assert!(!is_content_named(no), "{no}");
    }
}
