//! Hostile input: bodies over the cap, deep nesting, the wrong content type, bytes that
//! are not UTF-8, keys named twice, and SQL metacharacters in every text a caller sends.

mod common;
use common::*;
use serde_json::{json, Value};
use yaojian_server::token::Role;

#[tokio::test]
async fn malformed_bodies_are_refused_with_the_right_status() {
    for s in servers().await {
        let rep = s.token(Role::Representative, "rep", Some(ORG_A), None);
        let post = |ct: &str, body: Vec<u8>| {
            s.call("POST", "/submissions")
                .token(&rep)
                .header("idempotency-key", "h")
                .raw(ct, body)
                .send()
        };
        let huge = format!(
            "{{\"pad\": \"{}\"}}",
            "x".repeat(yaojian::MAX_DOCUMENT_BYTES + 1)
        );
        let r = post("application/json", huge.into_bytes()).await;
        assert_eq!(
            (r.status.as_u16(), r.codes()[0].1.as_str()),
            (413, "request.too_large")
        );
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let r = post("application/json", deep.into_bytes()).await;
        assert_eq!(r.status, 400, "{}", r.text);
        for ct in [
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
        ] {
            assert_eq!(post(ct, b"{}".to_vec()).await.status, 415, "{ct}");
        }
        let no_type = s
            .call("POST", "/submissions")
            .token(&rep)
            .header("idempotency-key", "h")
            .send()
            .await;
        assert_eq!(no_type.status, 415);
        assert_eq!(
            post("application/json", vec![b'"', 0xff, 0xfe, b'"'])
                .await
                .status,
            400
        );
        let twice = post(
            "application/json; charset=utf-8",
            br#"{"schema": "a", "schema": "b"}"#.to_vec(),
        )
        .await;
        assert_eq!(twice.status, 400, "{}", twice.text);
        assert_eq!(
            post("application/json", b"{\"unterminated".to_vec())
                .await
                .status,
            400
        );
        let n: i64 = sqlx::Row::get(
            &sqlx::query("SELECT COUNT(*) AS n FROM submissions")
                .fetch_one(&s.db.pool)
                .await
                .unwrap(),
            "n",
        );
        assert_eq!(n, 0, "nothing hostile was stored");
    }
}

const SQL: &str = "x'); DROP TABLE submissions; -- \" OR 1=1 %_\\";

#[tokio::test]
async fn sql_metacharacters_are_data_everywhere() {
    for s in servers().await {
        let rep = s
            .key
            .sign(&claims(Role::Representative, SQL, Some(ORG_A), None));
        let mut doc = submission(SQL, ORG_A, true);
        // Every free text of the submission carries the metacharacters; the names stay
        // consistent so the content reference still matches.
        let t = yaojian::form::built_in("representative-personal").unwrap();
        let mut a = doc["answers"].as_object().unwrap().clone();
        a.insert("mah_name".into(), json!(SQL));
        let mut f = yaojian::form::answers::read_findings(&doc["findings"], "$").unwrap();
        for x in f.values_mut() {
            x.explanation = SQL.into();
            x.measure = SQL.into();
        }
        let built = yaojian::form::answers::submit(
            &t,
            &a,
            &f,
            Some(SQL),
            None,
            yaojian::date::now_unix_millis(),
            yaojian::Lang::ZhCn,
        )
        .unwrap();
        doc = serde_json::to_value(built).unwrap();
        let key = "k'\";--%_";
        let r = s
            .call("POST", "/submissions")
            .token(&rep)
            .header("idempotency-key", key)
            .json(&doc)
            .send()
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
        let reference = r.json["reference"].as_str().unwrap().to_string();
        let again = s
            .call("POST", "/submissions")
            .token(&rep)
            .header("idempotency-key", key)
            .json(&doc)
            .send()
            .await;
        assert_eq!(again.json, r.json, "the key is compared as data");
        let one = s
            .get(&format!("/submissions/{reference}"), &rep)
            .send()
            .await
            .json;
        assert_eq!(one["owner"]["sub"], SQL);
        assert_eq!(one["submission"]["answers"]["mah_name"], SQL);
        assert_eq!(one["submission"]["findings"]["b_kickbacks"]["measure"], SQL);
        assert_eq!(one["submission"]["key"], SQL);
        // In query parameters and paths too: nothing matches, nothing breaks.
        for q in ["template", "version", "after"] {
            let path = format!("/submissions?{q}={}", urlencode(SQL));
            let res = s.get(&path, &rep).send().await;
            if q == "after" {
                assert_eq!(res.status, 422);
            } else {
                assert_eq!(res.json["items"], json!([]), "{q}");
            }
        }
        assert_eq!(
            s.get(&format!("/submissions/{}", urlencode(SQL)), &rep)
                .send()
                .await
                .status,
            404
        );
        assert_eq!(
            s.get(&format!("/summary?template={}", urlencode(SQL)), &rep)
                .send()
                .await
                .status,
            404
        );
        // Another representative whose subject is a LIKE pattern sees nothing of it.
        let pattern = s
            .key
            .sign(&claims(Role::Representative, "%", Some(ORG_A), None));
        assert_eq!(
            s.get("/submissions", &pattern).send().await.json["items"],
            json!([])
        );
        let admin = s.token(Role::Admin, "a", None, None);
        let all: Value = s.get("/submissions", &admin).send().await.json;
        assert_eq!(
            all["items"].as_array().unwrap().len(),
            1,
            "the table is intact"
        );
    }
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// A stored body that no longer parses (a damaged database) is a fault, answered 500 in
/// the one error shape, never served as `null` or counted as an empty filing.
#[tokio::test]
async fn a_corrupt_stored_body_is_a_500_not_null() {
    for s in servers().await {
        let rep = s.token(Role::Representative, "rep", Some(ORG_A), None);
        let admin = s.token(Role::Admin, "admin", None, None);
        let r = s
            .call("POST", "/submissions")
            .token(&rep)
            .header("idempotency-key", "c")
            .json(&submission("甲", ORG_A, false))
            .send()
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
        let reference = r.json["reference"].as_str().unwrap().to_string();
        sqlx::query("UPDATE submissions SET body = $1 WHERE reference = $2")
            .bind("{\"schema\": \"yaojian/submission/1\", \"answers\": {")
            .bind(&reference)
            .execute(&s.db.pool)
            .await
            .unwrap();
        for path in [
            format!("/submissions/{reference}"),
            "/submissions".to_string(),
            "/summary?template=representative-personal".to_string(),
        ] {
            let got = s.get(&path, &admin).send().await;
            assert_eq!(got.status, 500, "{path}: {}", got.text);
            assert_eq!(got.codes().len(), 1, "{path}");
            assert!(
                !got.text.contains("answers"),
                "no detail of the store: {}",
                got.text
            );
        }
    }
}
