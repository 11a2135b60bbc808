//! Rectification items on the server (issue 31): created by the bureau, worked through
//! 待整改 → 整改中 → 待复查 → 待销号 → 已销号 by the two parties, each change recorded with who did
//! it and made only on the revision it names.
mod common;

use axum::http::StatusCode;
use common::*;
use serde_json::{json, Value};
use yaojian_server::token::Role;

/// The parties of the tests: enterprises A (Fuzhou) and B (Beijing), inspectors of
/// Fujian, Fuzhou and Beijing, a representative and an admin.
struct Parties {
    ent_a: String,
    ent_b: String,
    insp_fj: String,
    insp_fz: String,
    insp_bj: String,
    rep_a: String,
    admin: String,
}

fn parties(s: &TestServer) -> Parties {
    Parties {
        ent_a: s.token(Role::Enterprise, "ent-a", Some(ORG_A), None),
        ent_b: s.token(Role::Enterprise, "ent-b", Some(ORG_B), None),
        insp_fj: s.token(Role::Inspector, "i-fj", None, Some("350000")),
        insp_fz: s.token(Role::Inspector, "i-fz", None, Some("350100")),
        insp_bj: s.token(Role::Inspector, "i-bj", None, Some("110000")),
        rep_a: s.token(Role::Representative, "rep-a", Some(ORG_A), None),
        admin: s.token(Role::Admin, "admin", None, None),
    }
}

/// An item about `org` as a list document writes it, with no id.
fn new_item(org: &str, problem: &str) -> Value {
    json!({
        "org": org, "list": "rectification", "source": "inspection",
        "problem": problem, "provision": "药品经营质量管理规范第八十三条",
        "legal_basis": "《中华人民共和国药品管理法》第一百二十六条", "rule": "dal-126",
        "measures": ["补全冷库温度记录", "培训保管员"], "unit": "示例医药有限公司",
        "person": "李四", "mode": "deadline", "deadline": "2099-12-31",
        "status": "closed", "history": [{"by": "forged", "at": "x", "from": "closed", "to": "closed"}]
    })
}

async fn create(s: &TestServer, token: &str, body: &Value) -> Reply {
    s.call("POST", "/items")
        .token(token)
        .json(body)
        .send()
        .await
}

/// The id of a new item `create` stored.
async fn created(s: &TestServer, token: &str, body: &Value) -> String {
    let r = create(s, token, body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json["id"].as_str().unwrap().to_string()
}

fn report() -> Value {
    json!({"action": "report", "evidence": [{"date": today(), "text": "已补全记录并培训"}]})
}

fn reinspect(conclusion: &str) -> Value {
    json!({"action": "reinspect", "date": today(), "inspector": "王五", "conclusion": conclusion})
}

fn close_out() -> Value {
    json!({"action": "close_out", "approver": "赵六", "date": today()})
}

fn year() -> String {
    today()[..4].to_string()
}

#[tokio::test]
async fn the_server_numbers_a_new_item_as_pending_with_its_creation_recorded() {
    for s in servers().await {
        let p = parties(&s);
        let r = create(&s, &p.insp_fj, &new_item(ORG_A, "冷库温度记录不全")).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        assert_eq!(r.json["id"], format!("ZG-{}-001", year()));
        assert_eq!(
            r.json["status"], "pending",
            "the body's status is not taken"
        );
        assert_eq!(
            (r.json["org"].as_str(), r.json["region"].as_str()),
            (Some(ORG_A), Some("350100"))
        );
        assert_eq!(r.json["revision"], 1);
        assert_eq!(r.headers["etag"], "\"1\"");
        let h = r.json["history"].as_array().unwrap();
        assert_eq!(h.len(), 1, "the body's history is not taken: {h:?}");
        assert_eq!(
            (h[0]["action"].as_str(), h[0]["by"].as_str()),
            (Some("create"), Some("i-fj"))
        );
        assert_eq!(h[0]["actor"]["region"], "350000");
        let second = create(&s, &p.admin, &new_item(ORG_B, "未按规定储存")).await;
        assert_eq!(second.json["id"], format!("ZG-{}-002", year()));
        // An id typed by hand is kept, and taken only once.
        let mut typed = new_item(ORG_A, "手写编号");
        typed["id"] = json!("FZ-2026-7");
        assert_eq!(create(&s, &p.insp_fz, &typed).await.json["id"], "FZ-2026-7");
        let again = create(&s, &p.insp_fz, &typed).await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        assert_eq!(
            again.codes(),
            [("$.id".to_string(), "checklist.id".to_string())]
        );
    }
}

#[tokio::test]
async fn the_two_parties_take_an_item_to_close_out_and_the_history_names_each() {
    for s in servers().await {
        let p = parties(&s);
        let id = created(&s, &p.insp_fz, &new_item(ORG_A, "冷库温度记录不全")).await;
        let steps = [
            (
                &p.ent_a,
                json!({"action": "start", "note": "已安排"}),
                "in_progress",
            ),
            (&p.ent_a, report(), "awaiting_reinspection"),
            (&p.insp_fz, reinspect("partly_corrected"), "in_progress"),
            (&p.ent_a, report(), "awaiting_reinspection"),
            (&p.insp_fj, reinspect("corrected"), "ready_for_close_out"),
            (&p.insp_fz, close_out(), "closed"),
        ];
        for (n, (token, body, status)) in steps.into_iter().enumerate() {
            let r = act(&s, token, &id, n as i64 + 1, body).await;
            assert_eq!(r.status, StatusCode::OK, "step {n}: {}", r.text);
            assert_eq!(r.json["status"], status);
            assert_eq!(r.json["revision"], n as i64 + 2);
        }
        let r = s.get(&format!("/items/{id}"), &p.ent_a).send().await;
        let by: Vec<&str> = r.json["history"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["by"].as_str().unwrap())
            .collect();
        assert_eq!(
            by,
            ["i-fz", "ent-a", "ent-a", "i-fz", "ent-a", "i-fj", "i-fz"]
        );
        assert_eq!(r.json["history"][1]["note"], "已安排");
        assert_eq!(r.json["close_out"]["approver"], "赵六");
        assert_eq!(r.json["evidence"].as_array().unwrap().len(), 2);
        // Closed out: nothing more happens to it.
        let late = act(&s, &p.ent_a, &id, 7, json!({"action": "start"})).await;
        assert_eq!(late.status, StatusCode::CONFLICT);
        assert_eq!(late.codes()[0].1, "checklist.closed");
    }
}

#[tokio::test]
async fn a_change_needs_the_current_revision() {
    for s in servers().await {
        let p = parties(&s);
        let id = created(&s, &p.insp_fz, &new_item(ORG_A, "记录不全")).await;
        let path = format!("/items/{id}/actions");
        let none = s
            .call("POST", &path)
            .token(&p.ent_a)
            .json(&json!({"action": "start"}))
            .send()
            .await;
        assert_eq!(none.status, StatusCode::PRECONDITION_REQUIRED);
        let bad = s
            .call("POST", &path)
            .token(&p.ent_a)
            .header("if-match", "W/abc")
            .json(&json!({"action": "start"}))
            .send()
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert_eq!(
            bad.codes()[0],
            ("$.headers.if-match".into(), "request.if_match".into())
        );
        assert_eq!(
            act(&s, &p.ent_a, &id, 1, json!({"action": "start"}))
                .await
                .status,
            StatusCode::OK
        );
        // Made on revision 1, which is gone: 409 with the item as it is now.
        let stale = act(&s, &p.ent_a, &id, 1, report()).await;
        assert_eq!(stale.status, StatusCode::CONFLICT);
        assert_eq!(stale.codes()[0].1, "item.stale");
        assert_eq!(
            (
                stale.json["current"]["revision"].as_i64(),
                stale.json["current"]["status"].as_str()
            ),
            (Some(2), Some("in_progress"))
        );
        // Not allowed from its status: the engine's reason.
        let twice = act(&s, &p.ent_a, &id, 2, json!({"action": "start"})).await;
        assert_eq!(twice.status, StatusCode::CONFLICT);
        assert_eq!(
            twice.codes()[0],
            ("$.action".into(), "checklist.already_started".into())
        );
        let unknown = act(&s, &p.ent_a, &id, 2, json!({"action": "approve"})).await;
        assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            unknown.codes()[0],
            ("$.action".into(), "checklist.unknown_action".into())
        );
    }
}

#[tokio::test]
async fn each_party_sees_and_does_only_its_part() {
    for s in servers().await {
        let p = parties(&s);
        let a = created(&s, &p.insp_fj, &new_item(ORG_A, "甲的问题")).await;
        let b = created(&s, &p.insp_bj, &new_item(ORG_B, "乙的问题")).await;
        // An inspector records items of its region only; enterprises and representatives none.
        let outside = create(&s, &p.insp_fz, &new_item(ORG_B, "越界")).await;
        assert_eq!(
            outside.codes(),
            [("$.org".to_string(), "item.org_outside_region".to_string())]
        );
        for t in [&p.ent_a, &p.rep_a] {
            assert_eq!(
                create(&s, t, &new_item(ORG_A, "x")).await.status,
                StatusCode::FORBIDDEN
            );
        }
        // A representative sees nothing here.
        assert_eq!(
            s.get("/items", &p.rep_a).send().await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            s.get(&format!("/items/{a}"), &p.rep_a).send().await.status,
            StatusCode::FORBIDDEN
        );
        // Another's item answers as one that does not exist.
        for (t, hidden) in [
            (&p.ent_a, &b),
            (&p.ent_b, &a),
            (&p.insp_fz, &b),
            (&p.insp_bj, &a),
        ] {
            assert_eq!(
                s.get(&format!("/items/{hidden}"), t).send().await.status,
                StatusCode::NOT_FOUND
            );
            assert_eq!(
                act(&s, t, hidden, 1, json!({"action": "start"}))
                    .await
                    .status,
                StatusCode::NOT_FOUND
            );
        }
        let ids = |r: &Reply| -> Vec<String> {
            r.json["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["id"].as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(ids(&s.get("/items", &p.ent_a).send().await), [a.as_str()]);
        assert_eq!(ids(&s.get("/items", &p.insp_bj).send().await), [b.as_str()]);
        assert_eq!(
            ids(&s.get("/items", &p.admin).send().await),
            [a.clone(), b.clone()]
        );
        // The enterprise starts and reports; the bureau re-inspects and closes out.
        assert_eq!(
            act(&s, &p.insp_fz, &a, 1, json!({"action": "start"}))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            act(&s, &p.ent_a, &a, 1, json!({"action": "start"}))
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(
            act(&s, &p.ent_a, &a, 2, report()).await.status,
            StatusCode::OK
        );
        assert_eq!(
            act(&s, &p.ent_a, &a, 3, reinspect("corrected"))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            act(&s, &p.insp_fz, &a, 3, reinspect("corrected"))
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(
            act(&s, &p.ent_a, &a, 4, close_out()).await.status,
            StatusCode::FORBIDDEN
        );
        let edit = s
            .call("PATCH", &format!("/items/{a}"))
            .token(&p.ent_a)
            .header("if-match", "4")
            .json(&json!({"person": "x"}))
            .send()
            .await;
        assert_eq!(edit.status, StatusCode::FORBIDDEN);
        // Nobody closes out an item whose last report they made: an admin may do all else.
        for body in [json!({"action": "start"}), report()] {
            let rev = s.get(&format!("/items/{b}"), &p.admin).send().await.json["revision"]
                .as_i64()
                .unwrap();
            assert_eq!(
                act(&s, &p.admin, &b, rev, body).await.status,
                StatusCode::OK
            );
        }
        assert_eq!(
            act(&s, &p.admin, &b, 3, reinspect("corrected"))
                .await
                .status,
            StatusCode::OK
        );
        let own = act(&s, &p.admin, &b, 4, close_out()).await;
        assert_eq!(own.status, StatusCode::FORBIDDEN);
        assert_eq!(own.codes()[0].1, "checklist.own_report");
        assert_eq!(
            act(&s, &p.insp_bj, &b, 4, close_out()).await.status,
            StatusCode::OK
        );
    }
}

#[tokio::test]
async fn an_edit_records_the_fields_it_changed() {
    for s in servers().await {
        let p = parties(&s);
        let id = created(&s, &p.insp_fz, &new_item(ORG_A, "记录不全")).await;
        let path = format!("/items/{id}");
        let r = s
            .call("PATCH", &path)
            .token(&p.insp_fz)
            .header("if-match", "1")
            .json(&json!({"deadline": "2099-06-30", "person": "张三"}))
            .send()
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert_eq!(
            (
                r.json["deadline"].as_str(),
                r.json["person"].as_str(),
                r.json["revision"].as_i64()
            ),
            (Some("2099-06-30"), Some("张三"), Some(2))
        );
        let last = &r.json["history"][1];
        assert_eq!(
            (last["action"].as_str(), last["edit"].as_bool()),
            (Some("edit"), Some(true))
        );
        assert_eq!(last["fields"], json!(["person", "deadline"]));
        assert_eq!(last["note"], "责任人、整改期限（2099-12-31 → 2099-06-30）");
        // Nothing changed: nothing recorded, the revision stays.
        let same = s
            .call("PATCH", &path)
            .token(&p.insp_fz)
            .header("if-match", "2")
            .json(&json!({"person": "张三"}))
            .send()
            .await;
        assert_eq!(
            (same.status, same.json["revision"].as_i64()),
            (StatusCode::OK, Some(2))
        );
        let bad = s
            .call("PATCH", &path)
            .token(&p.insp_fz)
            .header("if-match", "2")
            .json(&json!({"id": "X", "problem": " "}))
            .send()
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            bad.codes(),
            [("$.id".to_string(), "checklist.not_editable".to_string())]
        );
        let blank = s
            .call("PATCH", &path)
            .token(&p.insp_fz)
            .header("if-match", "2")
            .json(&json!({"problem": " "}))
            .send()
            .await;
        assert_eq!(
            blank.codes(),
            [("$.problem".to_string(), "required".to_string())]
        );
    }
}

#[tokio::test]
async fn a_listing_filters_pages_and_counts_by_status() {
    for s in servers().await {
        let p = parties(&s);
        let mut ids = Vec::new();
        for n in 0..5 {
            let mut item = new_item(ORG_A, &format!("问题{n}"));
            if n == 4 {
                item["deadline"] = json!("2020-01-01");
                item["unit"] = json!("另一单位");
            }
            ids.push(
                create(&s, &p.insp_fz, &item).await.json["id"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            );
        }
        assert_eq!(
            act(&s, &p.ent_a, &ids[1], 1, json!({"action": "start"}))
                .await
                .status,
            StatusCode::OK
        );
        let list = |q: &str| s.get(&format!("/items?{q}"), &p.insp_fj).send();
        let all = list("limit=2").await;
        assert_eq!(all.json["items"].as_array().unwrap().len(), 2);
        assert_eq!(all.json["counts"], json!({"in_progress": 1, "pending": 4}));
        let next = all.json["next"].as_str().unwrap().to_string();
        let rest = list(&format!("limit=2&after={next}")).await;
        assert_eq!(rest.json["items"][0]["id"], ids[2].as_str());
        let started = list("status=in_progress").await;
        assert_eq!(started.json["items"].as_array().unwrap().len(), 1);
        assert_eq!(
            started.json["counts"],
            json!({"in_progress": 1, "pending": 4}),
            "counts are over every status"
        );
        let overdue = list("overdue=true").await;
        assert_eq!(overdue.json["items"][0]["id"], ids[4].as_str());
        assert_eq!(overdue.json["counts"], json!({"pending": 1}));
        assert_eq!(
            list("q=问题3").await.json["items"][0]["id"],
            ids[3].as_str()
        );
        assert_eq!(
            list("unit=另一单位").await.json["items"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
        assert!(list("q=问题&limit=4").await.json["next"].is_string());
        assert_eq!(
            list("status=finished").await.status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert!(
            list("items").await.json["items"].is_null(),
            "an unknown parameter is refused"
        );
    }
}

#[tokio::test]
async fn the_history_is_append_only_in_the_database_itself() {
    for s in servers().await {
        let p = parties(&s);
        create(&s, &p.insp_fz, &new_item(ORG_A, "记录不全")).await;
        for sql in [
            "UPDATE item_history SET note = 'x'",
            "DELETE FROM item_history",
        ] {
            let r = sqlx::query(sql).execute(&s.db.pool).await;
            assert!(r.is_err(), "{sql} went through on {}", s.url);
        }
        let r = sqlx::query("SELECT COUNT(*) FROM item_history")
            .fetch_one(&s.db.pool)
            .await
            .unwrap();
        assert_eq!(sqlx::Row::get::<i64, _>(&r, 0), 1);
    }
}
