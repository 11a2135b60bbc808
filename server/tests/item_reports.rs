//! Items from filings, the report bureaus publish and the CSV export (issue 31).
mod common;

use axum::http::StatusCode;
use common::*;
use serde_json::{json, Value};
use yaojian_server::token::Role;

/// Files a personal self-inspection with one finding as `sub` of `org`; its reference.
async fn file_finding(s: &TestServer, sub: &str, org: &str, name: &str) -> String {
    let rep = s.token(Role::Representative, sub, Some(org), None);
    let r = s
        .call("POST", "/submissions")
        .token(&rep)
        .header("idempotency-key", sub)
        .json(&submission(name, org, true))
        .send()
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json["reference"].as_str().unwrap().to_string()
}

async fn import(s: &TestServer, token: &str, body: Value) -> Reply {
    s.call("POST", "/items/import")
        .token(token)
        .json(&body)
        .send()
        .await
}

#[tokio::test]
async fn findings_of_filings_become_items_once() {
    for s in servers().await {
        let insp = s.token(Role::Inspector, "i-fj", None, Some("350000"));
        let a = file_finding(&s, "rep-a", ORG_A, "张三").await;
        let b = file_finding(&s, "rep-b", ORG_B, "李四").await;
        let r = import(&s, &insp, json!({"submissions": [a]})).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert_eq!(
            (r.json["added"].as_i64(), r.json["already"].as_i64()),
            (Some(1), Some(0))
        );
        let id = format!("{a}-b_kickbacks");
        assert_eq!(
            r.json["results"][0],
            json!({"submission": a, "question": "b_kickbacks", "id": id, "result": "added"})
        );
        let item = s.get(&format!("/items/{id}"), &insp).send().await;
        assert_eq!(
            (item.json["source"].as_str(), item.json["org"].as_str()),
            (Some("self_inspection"), Some(ORG_A))
        );
        assert_eq!(item.json["history"][0]["action"], "import");
        // Again, by template this time: already there.
        let again = import(&s, &insp, json!({"template": "representative-personal"})).await;
        assert_eq!(
            (again.json["added"].as_i64(), again.json["already"].as_i64()),
            (Some(0), Some(1))
        );
        assert_eq!(again.json["results"][0]["result"], "already");
        // Beijing's filing is not Fujian's to import.
        assert_eq!(
            import(&s, &insp, json!({"submissions": [b]})).await.codes()[0].0,
            "$.submissions[0]"
        );
        assert_eq!(
            import(&s, &insp, json!({})).await.codes()[0].1,
            "import.request"
        );
        let too_many: Vec<String> = (0..10_001).map(|n| format!("ZC{n}")).collect();
        assert_eq!(
            import(&s, &insp, json!({"submissions": too_many}))
                .await
                .codes()[0]
                .1,
            "import.too_many"
        );
        let ent = s.token(Role::Enterprise, "ent-a", Some(ORG_A), None);
        assert_eq!(
            import(&s, &ent, json!({"submissions": [a]})).await.status,
            StatusCode::FORBIDDEN
        );
    }
}

fn item(org: &str, unit: &str, deadline: &str) -> Value {
    json!({"org": org, "list": "rectification", "source": "inspection", "problem": "记录不全",
        "measures": ["补全记录", "培训"], "unit": unit, "person": "李四", "mode": "deadline", "deadline": deadline})
}

#[tokio::test]
async fn the_report_and_the_csv_cover_what_the_caller_may_see() {
    for s in servers().await {
        let insp = s.token(Role::Inspector, "i-fz", None, Some("350100"));
        let bj = s.token(Role::Inspector, "i-bj", None, Some("110000"));
        for (token, org, unit, deadline) in [
            (&insp, ORG_A, "甲单位", "2020-01-01"),
            (&insp, ORG_A, "乙单位", "2099-01-01"),
            (&bj, ORG_B, "京单位", "2099-01-01"),
        ] {
            let r = s
                .call("POST", "/items")
                .token(token)
                .json(&item(org, unit, deadline))
                .send()
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        }
        let r = s.get("/report", &insp).send().await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert_eq!(
            r.json["counts"]["items"], 2,
            "Beijing's item is not Fuzhou's"
        );
        assert_eq!(r.json["counts"]["overdue"], 1);
        assert_eq!(r.json["today"], today());
        assert_eq!(
            r.json["summary"],
            "核查问题线索0件，实施整改措施0项，整改销号0件"
        );
        let units: Vec<&String> = r.json["by_unit"].as_object().unwrap().keys().collect();
        assert_eq!(units, ["乙单位", "甲单位"]);
        assert_eq!(r.json["overdue"][0]["deadline"], "2020-01-01");
        let unit = s
            .get("/report?unit=%E7%94%B2%E5%8D%95%E4%BD%8D", &insp)
            .send()
            .await;
        assert_eq!(unit.json["counts"]["items"], 1);
        // The CSV: BOM, header, one line an item; filtered as the listing is.
        let csv = s.get("/items.csv?overdue=true", &insp).send().await;
        assert_eq!(csv.status, StatusCode::OK);
        assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
        assert!(
            csv.text.starts_with("\u{feff}编号,清单,来源,问题"),
            "{}",
            csv.text
        );
        let lines: Vec<&str> = csv.text.trim_end().split("\r\n").collect();
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(
            lines[1].contains("甲单位") && lines[1].ends_with(",逾期"),
            "{}",
            lines[1]
        );
        assert_eq!(
            s.get("/items.csv?limit=5", &insp).send().await.status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        let rep = s.token(Role::Representative, "rep", Some(ORG_A), None);
        assert_eq!(
            s.get("/report", &rep).send().await.status,
            StatusCode::FORBIDDEN
        );
    }
}

#[tokio::test]
async fn the_csv_streams_past_one_batch() {
    let s = server(&sqlite_url()).await;
    let insp = s.token(Role::Inspector, "i-fz", None, Some("350100"));
    for n in 0..1_203 {
        let r = s
            .call("POST", "/items")
            .token(&insp)
            .json(&item(ORG_A, &format!("单位{n}"), "2099-01-01"))
            .send()
            .await;
        assert_eq!(r.status, StatusCode::CREATED);
    }
    let csv = s.get("/items.csv", &insp).send().await;
    assert_eq!(csv.text.matches('\u{feff}').count(), 1);
    assert_eq!(csv.text.trim_end().split("\r\n").count(), 1 + 1_203);
    assert_eq!(csv.text.matches("编号,清单").count(), 1, "one header");
}
