//! Migrations that change what is stored: 0004 gives the items an earlier version left
//! 待复查 after a passing re-inspection their own status, 待销号 (ready_for_close_out).

mod common;
use axum::http::StatusCode;
use common::*;
use serde_json::json;
use yaojian_server::token::Role;

/// Runs SQL on the server's database, binding `id` as `$1`.
async fn sql(s: &TestServer, query: &'static str, id: &str) {
    sqlx::query(query)
        .bind(id)
        .execute(&s.db.pool)
        .await
        .unwrap_or_else(|e| panic!("{query}: {e}"));
}

#[tokio::test]
async fn an_item_found_corrected_under_the_old_status_becomes_ready_for_close_out() {
    for s in servers().await {
        let inspector = s.token(Role::Inspector, "i-fz", None, Some("350100"));
        let enterprise = s.token(Role::Enterprise, "ent-a", Some(ORG_A), None);
        let item = json!({
            "org": ORG_A, "list": "rectification", "source": "inspection",
            "problem": "冷库温度记录不全", "provision": "药品经营质量管理规范第八十三条",
            "legal_basis": "", "measures": ["补全记录"], "unit": "示例医药有限公司",
            "person": "李四", "mode": "deadline", "deadline": "2099-12-31"
        });
        let mut ids = Vec::new();
        for _ in 0..2 {
            let r = s
                .call("POST", "/items")
                .token(&inspector)
                .json(&item)
                .send()
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
            let id = r.json["id"].as_str().unwrap().to_string();
            let report =
                json!({"action": "report", "evidence": [{"date": today(), "text": "已补全"}]});
            assert_eq!(
                act(&s, &enterprise, &id, 1, json!({"action": "start"}))
                    .await
                    .status,
                StatusCode::OK
            );
            assert_eq!(
                act(&s, &enterprise, &id, 2, report).await.status,
                StatusCode::OK
            );
            ids.push(id);
        }
        let reinspect = json!({"action": "reinspect", "date": today(), "inspector": "王五", "conclusion": "corrected"});
        let r = act(&s, &inspector, &ids[0], 3, reinspect).await;
        assert_eq!(r.json["status"], "ready_for_close_out", "{}", r.text);
        // Written back as an earlier version stored it: still 待复查, the re-inspection
        // recorded as 待复查 → 待复查.
        sql(
            &s,
            "UPDATE items SET status = 'awaiting_reinspection' WHERE id = $1",
            &ids[0],
        )
        .await;
        sql(
            &s,
            "UPDATE item_bodies SET body = replace(body, '\"status\":\"ready_for_close_out\"', \
             '\"status\":\"awaiting_reinspection\"') WHERE item_id = $1",
            &ids[0],
        )
        .await;
        sql(
            &s,
            "INSERT INTO item_history (item_id, action, actor_sub, actor_role, actor_org, \
             actor_region, at, from_status, to_status, fields, note, revision) VALUES ($1, \
             'reinspect', 'i-fz', 'inspector', '', '350100', '2026-12-01T10:00:00+08:00', \
             'awaiting_reinspection', 'awaiting_reinspection', '[]', '', 4)",
            &ids[0],
        )
        .await;
        let old = s
            .get(&format!("/items/{}", ids[0]), &inspector)
            .send()
            .await;
        assert_eq!(old.json["status"], "awaiting_reinspection", "{}", old.text);
        sql(
            &s,
            "DELETE FROM schema_migrations WHERE version = 4 AND $1 <> ''",
            "x",
        )
        .await;
        assert_eq!(s.db.migrate().await.unwrap(), vec![4]);
        let now = s
            .get(&format!("/items/{}", ids[0]), &inspector)
            .send()
            .await;
        assert_eq!(now.json["status"], "ready_for_close_out", "{}", now.text);
        let listed = s
            .get("/items?status=ready_for_close_out", &inspector)
            .send()
            .await;
        assert_eq!(
            listed.json["items"].as_array().map(Vec::len),
            Some(1),
            "{}",
            listed.text
        );
        // The item only reported stays 待复查; the migrated one closes out.
        let other = s
            .get(&format!("/items/{}", ids[1]), &inspector)
            .send()
            .await;
        assert_eq!(other.json["status"], "awaiting_reinspection");
        let close = json!({"action": "close_out", "approver": "赵六", "date": today()});
        let rev = now.json["revision"].as_i64().unwrap();
        let r = act(&s, &inspector, &ids[0], rev, close).await;
        assert_eq!(
            (r.status, r.json["status"].as_str()),
            (StatusCode::OK, Some("closed")),
            "{}",
            r.text
        );
    }
}
