//! Issue 31: every rectification endpoint × every role × someone else's item. An
//! enterprise, an inspector of another region and a representative each try every item,
//! notice, import, report and CSV endpoint on enterprise A's records: nothing of them is
//! shown or changed, and what they may not see answers as what does not exist.
mod common;

use axum::http::StatusCode;
use common::*;
use serde_json::{json, Value};
use yaojian_server::token::Role;

/// Enterprise A's item, notice and filing, made by those who may.
async fn records_of_a(s: &TestServer) -> (String, String, String) {
    let insp = s.token(Role::Inspector, "i-fz", None, Some("350100"));
    let body = json!({"org": ORG_A, "list": "rectification", "source": "inspection", "problem": "甲的问题",
        "measures": ["补全"], "unit": "甲单位", "person": "李四", "mode": "deadline", "deadline": "2099-12-31"});
    let item = s
        .call("POST", "/items")
        .token(&insp)
        .json(&body)
        .send()
        .await
        .json["id"]
        .as_str()
        .unwrap()
        .to_string();
    let notice = s
        .call("POST", "/notices")
        .token(&insp)
        .json(&json!({"items": [item]}))
        .send()
        .await;
    let rep = s.token(Role::Representative, "rep-a", Some(ORG_A), None);
    let filing = s
        .call("POST", "/submissions")
        .token(&rep)
        .header("idempotency-key", "a")
        .json(&submission("张三", ORG_A, true))
        .send()
        .await;
    let number = notice.json["number"].as_str().unwrap();
    let encoded: String = number.bytes().map(|b| format!("%{b:02X}")).collect();
    (
        item,
        encoded,
        filing.json["reference"].as_str().unwrap().to_string(),
    )
}

#[tokio::test]
async fn nobody_else_sees_or_changes_enterprise_as_records() {
    for s in servers().await {
        let (item, notice, filing) = records_of_a(&s).await;
        let others = [
            (
                "enterprise B",
                s.token(Role::Enterprise, "ent-b", Some(ORG_B), None),
            ),
            (
                "inspector of Beijing",
                s.token(Role::Inspector, "i-bj", None, Some("110000")),
            ),
            (
                "representative of A",
                s.token(Role::Representative, "rep-a", Some(ORG_A), None),
            ),
        ];
        let start = json!({"action": "start"});
        let service = json!({"date": today(), "method": "direct", "recipient": "张三"});
        // (method, path, body): one call per endpoint of the table that touches items.
        let calls: Vec<(&str, String, Option<Value>)> = vec![
            (
                "post",
                "/items".into(),
                Some(
                    json!({"org": ORG_A, "list": "rectification", "source": "inspection", "problem": "x", "measures": ["x"], "unit": "u", "person": "p", "mode": "immediate"}),
                ),
            ),
            ("get", "/items".into(), None),
            ("get", format!("/items/{item}"), None),
            (
                "patch",
                format!("/items/{item}"),
                Some(json!({"person": "x"})),
            ),
            ("post", format!("/items/{item}/actions"), Some(start)),
            (
                "post",
                "/items/import".into(),
                Some(json!({"submissions": [filing]})),
            ),
            ("get", "/items.csv".into(), None),
            ("get", "/report".into(), None),
            ("post", "/notices".into(), Some(json!({"items": [item]}))),
            ("get", format!("/notices/{notice}"), None),
            ("post", format!("/notices/{notice}/service"), Some(service)),
        ];
        let touched: std::collections::BTreeSet<(String, String)> =
            yaojian_server::routes::endpoints()
                .into_iter()
                .filter(|e| {
                    ["/items", "/notices", "/report"]
                        .iter()
                        .any(|p| e.path.starts_with(p))
                })
                .map(|e| (e.method.to_string(), e.path.to_string()))
                .collect();
        assert_eq!(
            touched.len(),
            calls.len(),
            "every rectification endpoint is called: {touched:?}"
        );
        for (who, token) in &others {
            for (method, path, body) in &calls {
                let mut c = s
                    .call(&method.to_uppercase(), path)
                    .token(token)
                    .header("if-match", "1");
                if let Some(b) = body {
                    c = c.json(b);
                }
                let r = c.send().await;
                let what = format!("{who} {method} {path}: {} {}", r.status, r.text);
                match r.status {
                    // Refused for the role, or answered as if A's records did not exist.
                    StatusCode::FORBIDDEN | StatusCode::NOT_FOUND => {}
                    StatusCode::UNPROCESSABLE_ENTITY => {
                        assert_eq!(r.codes()[0].1, "item.org_outside_region", "{what}");
                    }
                    StatusCode::OK => {
                        assert!(!r.text.contains(&item) && !r.text.contains("甲"), "{what}");
                    }
                    _ => panic!("{what}"),
                }
            }
        }
        // A's item is as it was: one creation entry and one notice.
        let admin = s.token(Role::Admin, "admin", None, None);
        let got = s.get(&format!("/items/{item}"), &admin).send().await.json;
        assert_eq!(
            (
                got["revision"].as_i64(),
                got["history"].as_array().map(Vec::len)
            ),
            (Some(1), Some(2))
        );
    }
}
