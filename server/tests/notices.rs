//! 责令改正通知书 on the server (issue 31): numbered once from the bureau's pattern by the
//! database, consecutive and never given twice, recorded in each item's history, never
//! renumbered; their service (送达) appended.
mod common;

use axum::http::StatusCode;
use common::*;
use serde_json::{json, Value};
use yaojian_server::token::Role;

fn item(org: &str, unit: &str, problem: &str) -> Value {
    json!({"org": org, "list": "rectification", "source": "inspection", "problem": problem,
        "provision": "药品经营质量管理规范", "legal_basis": "《中华人民共和国药品管理法》第一百二十六条",
        "measures": ["补全记录"], "unit": unit, "person": "李四", "mode": "deadline", "deadline": "2099-12-31"})
}

async fn new_item(s: &TestServer, token: &str, body: Value) -> String {
    let r = s
        .call("POST", "/items")
        .token(token)
        .json(&body)
        .send()
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json["id"].as_str().unwrap().to_string()
}

async fn issue(s: &TestServer, token: &str, body: Value) -> Reply {
    s.call("POST", "/notices")
        .token(token)
        .json(&body)
        .send()
        .await
}

fn year() -> String {
    today()[..4].to_string()
}

#[tokio::test]
async fn a_notice_is_numbered_once_recorded_on_its_items_and_served() {
    for s in servers().await {
        let insp = s.token(Role::Inspector, "i-fz", None, Some("350100"));
        let a1 = new_item(&s, &insp, item(ORG_A, "示例医药", "冷库记录不全")).await;
        let a2 = new_item(&s, &insp, item(ORG_A, "示例医药", "培训不足")).await;
        let r = issue(&s, &insp, json!({"items": [a1, a2]})).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        assert_eq!(r.json["number"], format!("示例药监责改〔{}〕001号", year()));
        assert_eq!(r.json["sample_pattern"], true);
        let problems: Vec<&Value> = r.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| &i["problem"])
            .collect();
        assert_eq!(problems, [&json!("冷库记录不全"), &json!("培训不足")]);
        assert_eq!(r.json["party_code"], ORG_A, "the party's 统一社会信用代码");
        assert_eq!(
            r.json["bureau"],
            Value::Null,
            "no --bureau: a line to fill in"
        );
        assert_eq!(
            (r.json["party"].as_str(), r.json["issued_by"].as_str()),
            (Some("示例医药"), Some("i-fz"))
        );
        // The next is the next number; every open item of the unit.
        let second = issue(&s, &insp, json!({"unit": "示例医药", "org": ORG_A})).await;
        assert_eq!(
            second.json["number"],
            format!("示例药监责改〔{}〕002号", year())
        );
        let ids: Vec<&Value> = second.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| &i["id"])
            .collect();
        assert_eq!(ids, [&json!(a1), &json!(a2)]);
        // Each item's history says so, and the item did not change.
        let got = s.get(&format!("/items/{a1}"), &insp).send().await;
        let notes: Vec<&str> = got.json["history"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|h| h["action"] == "notice")
            .map(|h| h["note"].as_str().unwrap())
            .collect();
        assert_eq!(notes.len(), 2);
        assert_eq!(notes[0], r.json["number"].as_str().unwrap());
        assert_eq!(got.json["revision"], 1);
        // The enterprise reads it; the number never changes; service is appended.
        let ent = s.token(Role::Enterprise, "ent-a", Some(ORG_A), None);
        let number = r.json["number"].as_str().unwrap();
        let path = format!("/notices/{}", urlencode(number));
        let read = s.get(&path, &ent).send().await;
        assert_eq!(
            (read.status, &read.json["number"]),
            (StatusCode::OK, &r.json["number"])
        );
        let service =
            json!({"date": today(), "method": "direct", "recipient": "张三（法定代表人）"});
        let served = s
            .call("POST", &format!("{path}/service"))
            .token(&insp)
            .json(&service)
            .send()
            .await;
        assert_eq!(served.status, StatusCode::CREATED, "{}", served.text);
        assert_eq!(served.json["services"][0]["method"], "direct");
        assert_eq!(served.json["services"][0]["recorded_by"], "i-fz");
        let bad = s
            .call("POST", &format!("{path}/service"))
            .token(&insp)
            .json(&json!({"date": today(), "method": "fax", "recipient": "x"}))
            .send()
            .await;
        assert_eq!(bad.codes()[0].0, "$.method");
        // Another enterprise, another region: as if it did not exist.
        let ent_b = s.token(Role::Enterprise, "ent-b", Some(ORG_B), None);
        let insp_bj = s.token(Role::Inspector, "i-bj", None, Some("110000"));
        for t in [&ent_b, &insp_bj] {
            assert_eq!(s.get(&path, t).send().await.status, StatusCode::NOT_FOUND);
        }
        assert_eq!(
            issue(&s, &insp_bj, json!({"items": [a1]})).await.codes()[0].0,
            "$.items[0]"
        );
        assert_eq!(
            issue(&s, &ent, json!({"items": [a1]})).await.status,
            StatusCode::FORBIDDEN
        );
        // A notice is never changed in the database itself.
        assert!(sqlx::query("UPDATE notices SET number = 'x'")
            .execute(&s.db.pool)
            .await
            .is_err());
    }
}

/// What a URL path needs of a notice number (its Chinese characters and brackets).
fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b == b'-' {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test]
async fn a_notice_goes_to_one_party_for_open_items() {
    for s in servers().await {
        let insp = s.token(Role::Inspector, "i-fj", None, Some("350000"));
        let one = new_item(&s, &insp, item(ORG_A, "甲单位", "问题一")).await;
        let other = new_item(&s, &insp, item(ORG_A, "乙单位", "问题二")).await;
        let mixed = issue(&s, &insp, json!({"items": [one, other]})).await;
        assert_eq!(
            mixed.codes(),
            [(
                "$.items".to_string(),
                "checklist.notice_parties".to_string()
            )]
        );
        for body in [
            json!({"items": []}),
            json!({"unit": "无此单位", "org": ORG_A}),
        ] {
            assert_eq!(
                issue(&s, &insp, body).await.codes()[0].1,
                "checklist.notice_empty"
            );
        }
        assert_eq!(
            issue(&s, &insp, json!({"unit": "甲单位"})).await.codes()[0].1,
            "notice.request"
        );
        // Refused notices spent no number.
        let ok = issue(&s, &insp, json!({"items": [one]})).await;
        assert_eq!(
            ok.json["number"],
            format!("示例药监责改〔{}〕001号", year())
        );
    }
}

#[tokio::test]
async fn the_bureaus_pattern_numbers_and_a_bad_one_is_refused_at_start() {
    let s = server(&sqlite_url()).await;
    let state = yaojian_server::AppState::new(s.db.clone(), s.key.clone(), false);
    assert!(
        state
            .clone()
            .with_notice_pattern("闽药监责改〔{year}〕")
            .is_err(),
        "no {{seq}}"
    );
    assert!(state.clone().with_bureau("福州市\n市场监督管理局").is_err());
    let state = state
        .with_notice_pattern("闽药监责改〔{year}〕{seq:4}号")
        .unwrap()
        .with_bureau(" 福州市市场监督管理局 ")
        .unwrap();
    let router = yaojian_server::app(state, &yaojian_server::Options::default());
    let s = TestServer { router, ..s };
    let insp = s.token(Role::Inspector, "i", None, Some("350000"));
    let id = new_item(&s, &insp, item(ORG_A, "甲单位", "问题")).await;
    let r = issue(&s, &insp, json!({"items": [id]})).await;
    assert_eq!(r.json["number"], format!("闽药监责改〔{}〕0001号", year()));
    assert_eq!(r.json["sample_pattern"], false);
    assert_eq!(r.json["bureau"], "福州市市场监督管理局");
}

#[tokio::test]
async fn concurrent_notices_get_distinct_consecutive_numbers() {
    for s in servers().await {
        let insp = s.token(Role::Inspector, "i", None, Some("350000"));
        let id = new_item(&s, &insp, item(ORG_A, "甲单位", "问题")).await;
        let mut tasks = Vec::new();
        for _ in 0..1000 {
            let (t, insp, id) = (s.clone(), insp.clone(), id.clone());
            tasks.push(tokio::spawn(async move {
                issue(&t, &insp, json!({"items": [id]})).await
            }));
        }
        let mut serials = Vec::new();
        for t in tasks {
            let r = t.await.unwrap();
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
            let n = r.json["number"].as_str().unwrap();
            serials.push(
                n.trim_end_matches('号')
                    .rsplit('〕')
                    .next()
                    .unwrap()
                    .parse::<u32>()
                    .unwrap(),
            );
        }
        serials.sort();
        assert_eq!(serials, (1..=1000).collect::<Vec<u32>>(), "{}", s.url);
    }
}
