//! The request log: one line per request, with method, route, status, duration and the
//! caller's `sub`; never a token, a body or the path's own values.

mod common;
use common::*;
use serde_json::Value;
use std::sync::{Arc, Mutex};
use yaojian_server::token::Role;

/// Where the test's log lines go.
#[derive(Clone, Default)]
struct Lines(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Lines {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Lines {
    type Writer = Lines;
    fn make_writer(&'a self) -> Lines {
        self.clone()
    }
}

#[tokio::test]
async fn each_request_is_one_line_with_its_route_status_and_sub_and_no_secret() {
    let lines = Lines::default();
    let subscriber = tracing_subscriber::fmt()
        .json()
        .flatten_event(true)
        .with_writer(lines.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let s = server(&sqlite_url()).await;
    let rep = s.token(Role::Representative, "rep-logged", Some(ORG_A), None);
    let filed = s
        .call("POST", "/submissions")
        .token(&rep)
        .header("idempotency-key", "log-1")
        .json(&submission("甲乙丙", ORG_A, false))
        .send()
        .await;
    assert_eq!(filed.status, 201, "{}", filed.text);
    let reference = filed.json["reference"].as_str().unwrap().to_string();
    let asked = [
        s.get(&format!("/submissions/{reference}"), &rep)
            .send()
            .await
            .status,
        s.call("GET", "/healthz").send().await.status,
        s.call("GET", "/submissions").send().await.status,
    ];
    assert_eq!(asked.map(|s| s.as_u16()), [200, 200, 401]);
    let text = String::from_utf8(lines.0.lock().unwrap().clone()).unwrap();
    let requests: Vec<Value> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|v| v["target"] == "yaojian_server::request")
        .collect();
    let seen: Vec<(String, String, u64, String)> = requests
        .iter()
        .map(|v| {
            assert!(v["duration_ms"].as_f64().is_some_and(|d| d >= 0.0), "{v}");
            (
                v["method"].as_str().unwrap().to_string(),
                v["route"].as_str().unwrap().to_string(),
                v["status"].as_u64().unwrap(),
                v["sub"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want =
        |m: &str, r: &str, st: u64, sub: &str| (m.to_string(), r.to_string(), st, sub.to_string());
    assert_eq!(
        seen,
        vec![
            want("POST", "/submissions", 201, "rep-logged"),
            want("GET", "/submissions/{reference}", 200, "rep-logged"),
            want("GET", "/healthz", 200, "-"),
            want("GET", "/submissions", 401, "-"),
        ]
    );
    for secret in [
        rep.as_str(),
        "甲乙丙",
        reference.as_str(),
        "11010519491231002X",
    ] {
        assert!(!text.contains(secret), "the log holds {secret:?}:\n{text}");
    }
}
