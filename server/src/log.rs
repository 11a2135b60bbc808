//! The server's logs: one line per request (method, route, status, duration, the
//! caller's `sub`), never a token or a body; faults as errors. Written as text or as
//! JSON lines (`serve --log json`), on standard error.

use crate::auth::SignedInAs;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

/// How the lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "text" => Some(Format::Text),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// Installs the process's log writer (once, at start).
pub fn init(format: Format) {
    let base = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_max_level(tracing::Level::INFO);
    let _ = match format {
        Format::Text => base.try_init(),
        Format::Json => base.json().flatten_event(true).try_init(),
    };
}

/// Answers the request and writes its line: `route` is the endpoint table's path (the
/// template, not the path asked for, so no reference or id is logged).
pub async fn request(route: &'static str, req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let started = std::time::Instant::now();
    let response = next.run(req).await;
    let sub = response
        .extensions()
        .get::<SignedInAs>()
        .map_or("-", |s| s.0.as_str());
    tracing::info!(
        target: "yaojian_server::request",
        method = %method,
        route,
        status = response.status().as_u16(),
        duration_ms = started.elapsed().as_secs_f64() * 1000.0,
        sub,
        "request"
    );
    response
}
