//! The API against SQLite and PostgreSQL: templates, filing with idempotency keys,
//! re-validation, paging, summary and CSV, the open engine endpoints and the OpenAPI
//! document.

mod common;
use common::*;
use serde_json::{json, Value};
use yaojian_server::token::Role;

#[tokio::test]
async fn health_and_the_built_in_templates_are_there_from_the_first_start() {
    for s in servers().await {
        assert_eq!(
            s.call("GET", "/healthz").send().await.json,
            json!({"status": "ok"})
        );
        let list = s.call("GET", "/templates").send().await.json;
        let ids: Vec<&str> = list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_str().unwrap())
            .collect();
        assert_eq!(
            ids,
            ["mah-representative-management", "representative-personal"],
            "{}",
            s.url
        );
        let latest = s
            .call("GET", "/templates/representative-personal")
            .send()
            .await;
        assert_eq!(latest.json["id"], "representative-personal");
        let v = latest.json["version"].as_str().unwrap().to_string();
        let one = s
            .call("GET", &format!("/templates/representative-personal/{v}"))
            .send()
            .await;
        assert_eq!(one.json, latest.json);
        let none = s
            .call("GET", "/templates/representative-personal/1999.9")
            .send()
            .await;
        assert_eq!(none.status, 404);
        assert_eq!(s.call("GET", "/templates/nothing").send().await.status, 404);
        // A second start migrates nothing and seeds nothing twice.
        let again = yaojian_server::store::Db::open(&s.url).await.unwrap();
        assert_eq!(again.migrate().await.unwrap(), Vec::<i64>::new());
        let n: i64 = sqlx::Row::get(
            &sqlx::query("SELECT COUNT(*) AS n FROM templates")
                .fetch_one(&again.pool)
                .await
                .unwrap(),
            "n",
        );
        assert_eq!(n, 2);
    }
}

fn own_template(version: &str, title: &str) -> Value {
    json!({
        "schema": "yaojian/form/1", "id": "bureau-check", "version": version, "title": title,
        "sections": [{"id": "s", "title": "基本情况", "questions": [
            {"id": "name", "kind": "text", "label": "姓名", "required": true}
        ]}]
    })
}

#[tokio::test]
async fn a_published_template_version_never_changes() {
    for s in servers().await {
        let inspector = s.token(Role::Inspector, "i1", None, Some("350000"));
        let put = |v: &str, t: &Value, tok: &str| {
            let tok = tok.to_string();
            let t = t.clone();
            let path = format!("/templates/bureau-check/{v}");
            let s = &s;
            async move { s.call("PUT", &path).token(&tok).json(&t).send().await }
        };
        let r = put("1", &own_template("1", "检查表"), &inspector).await;
        assert_eq!(r.status, 201, "{}", r.text);
        assert_eq!(
            put("1", &own_template("1", "检查表"), &inspector)
                .await
                .status,
            200
        );
        // The same content with its keys in another order is the same version.
        let reordered = r#"{"sections": [{"questions": [{"required": true, "label": "姓名",
            "kind": "text", "id": "name"}], "title": "基本情况", "id": "s"}], "title": "检查表",
            "version": "1", "id": "bureau-check", "schema": "yaojian/form/1"}"#;
        let again = s
            .call("PUT", "/templates/bureau-check/1")
            .token(&inspector)
            .raw("application/json", reordered)
            .send()
            .await;
        assert_eq!(again.status, 200, "{}", again.text);
        let changed = put("1", &own_template("1", "改过的检查表"), &inspector).await;
        assert_eq!(changed.status, 409);
        assert_eq!(
            changed.codes(),
            [("$".to_string(), "template.published".to_string())]
        );
        let mismatch = put("2", &own_template("1", "检查表"), &inspector).await;
        assert_eq!(mismatch.status, 422);
        let bad = put(
            "3",
            &json!({"schema": "yaojian/form/1", "id": "bureau-check", "version": "3"}),
            &inspector,
        )
        .await;
        assert_eq!(bad.status, 422);
        assert!(bad.codes().iter().all(|(p, _)| p.starts_with('$')));
        let rep = s.token(Role::Representative, "r1", Some(ORG_A), None);
        assert_eq!(put("4", &own_template("4", "x"), &rep).await.status, 403);
        assert_eq!(
            s.call("PUT", "/templates/bureau-check/5")
                .json(&own_template("5", "x"))
                .send()
                .await
                .status,
            401
        );
        // The latest is the last published.
        let admin = s.token(Role::Admin, "a1", None, None);
        assert_eq!(
            put("1.1", &own_template("1.1", "检查表"), &admin)
                .await
                .status,
            201
        );
        assert_eq!(
            s.call("GET", "/templates/bureau-check").send().await.json["version"],
            "1.1"
        );
        assert_eq!(
            s.call("GET", "/templates/bureau-check/1").send().await.json["title"],
            "检查表"
        );
    }
}

#[tokio::test]
async fn the_versions_of_a_template_say_who_published_each_and_when() {
    for s in servers().await {
        let inspector = s.token(Role::Inspector, "inspector-fz", None, Some("350100"));
        let admin = s.token(Role::Admin, "admin-1", None, None);
        for (v, tok) in [("1", &inspector), ("1.1", &admin), ("2", &inspector)] {
            let r = s
                .call("PUT", &format!("/templates/bureau-check/{v}"))
                .token(tok)
                .json(&own_template(v, "检查表"))
                .send()
                .await;
            assert_eq!(r.status, 201, "{}", r.text);
        }
        // Publishing the same content again records nothing new.
        let again = s
            .call("PUT", "/templates/bureau-check/1")
            .token(&admin)
            .json(&own_template("1", "检查表"))
            .send()
            .await;
        assert_eq!(again.status, 200);
        let r = s
            .call("GET", "/templates/bureau-check/versions")
            .token(&inspector)
            .send()
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let items = r.json["items"].as_array().unwrap();
        let seen: Vec<(&str, &str)> = items
            .iter()
            .map(|i| {
                (
                    i["version"].as_str().unwrap(),
                    i["published_by"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                ("1", "inspector-fz"),
                ("1.1", "admin-1"),
                ("2", "inspector-fz")
            ]
        );
        for i in items {
            let at = i["published_at"].as_str().unwrap();
            assert!(at.ends_with("+08:00") && at.len() == 25, "{at}");
            assert_eq!(i["digest"].as_str().unwrap().len(), 64);
        }
        // The server's own templates say so; the latest is still the last published.
        let built_in = s
            .call("GET", "/templates/representative-personal/versions")
            .token(&admin)
            .send()
            .await;
        assert_eq!(built_in.json["items"][0]["published_by"], "built-in");
        assert_eq!(
            s.call("GET", "/templates/bureau-check").send().await.json["version"],
            "2"
        );
        // Only the bureau reads who published; an unknown template is 404.
        let rep = s.token(Role::Representative, "r1", Some(ORG_A), None);
        let path = "/templates/bureau-check/versions";
        assert_eq!(s.call("GET", path).token(&rep).send().await.status, 403);
        assert_eq!(s.call("GET", path).send().await.status, 401);
        let none = s
            .call("GET", "/templates/nothing/versions")
            .token(&admin)
            .send()
            .await;
        assert_eq!(none.status, 404);
        assert_eq!(
            none.codes(),
            [("$.path.id".to_string(), "not_found".to_string())]
        );
    }
}

#[tokio::test]
async fn a_filing_is_revalidated_stamped_and_stored_once_per_key() {
    for s in servers().await {
        let rep = s.token(Role::Representative, "rep-1", Some(ORG_A), None);
        let doc = submission("张三", ORG_A, true);
        let post = |key: &str, body: &Value| {
            s.call("POST", "/submissions")
                .token(&rep)
                .header("idempotency-key", key)
                .json(body)
                .send()
        };
        let first = post("k-1", &doc).await;
        assert_eq!(first.status, 201, "{}", first.text);
        let reference = first.json["reference"].as_str().unwrap().to_string();
        // The server's reference is keyed with its secret and verifies with it.
        let stored = yaojian::form::Submission::read(&first.json["submission"], "$").unwrap();
        assert_eq!(stored.reference, reference);
        assert!(yaojian::form::answers::verify_keyed_reference(
            &stored, SECRET
        ));
        assert_ne!(reference, doc["reference"], "not the browser's reference");
        let received = first.json["received_at"].as_str().unwrap();
        assert!(
            received.ends_with("+08:00") && received.starts_with(&today()),
            "{received}"
        );
        // The same key again: the same answer, nothing stored twice.
        let again = post("k-1", &doc).await;
        assert_eq!((again.status, &again.json), (first.status, &first.json));
        // The same key with other content is refused.
        let other = post("k-1", &submission("李四", ORG_A, false)).await;
        assert_eq!(other.status, 409);
        assert_eq!(other.codes()[0].1, "idempotency.reused");
        // The same content under a new key is the same filing.
        let same = post("k-2", &doc).await;
        assert_eq!(
            (same.status.as_u16(), same.json["reference"].as_str()),
            (200, Some(reference.as_str()))
        );
        let list = s.get("/submissions", &rep).send().await.json;
        assert_eq!(list["items"].as_array().unwrap().len(), 1);
        let one = s
            .get(&format!("/submissions/{reference}"), &rep)
            .send()
            .await
            .json;
        assert_eq!(
            one["owner"],
            json!({"sub": "rep-1", "role": "representative", "org": ORG_A, "region": "350100"})
        );
        assert_eq!(one["submission"], first.json["submission"]);
        // No key, or a key that is not visible ASCII.
        let none = s
            .call("POST", "/submissions")
            .token(&rep)
            .json(&doc)
            .send()
            .await;
        assert_eq!(
            (none.status.as_u16(), none.codes()[0].0.as_str()),
            (400, "$.headers.idempotency-key")
        );
        // The bureau does not file.
        let inspector = s.token(Role::Inspector, "i1", None, Some("350000"));
        let r = s
            .call("POST", "/submissions")
            .token(&inspector)
            .header("idempotency-key", "x")
            .json(&doc)
            .send()
            .await;
        assert_eq!(r.status, 403);
    }
}

/// Issue 31: a back end that files without the widget leaves the reference out and the
/// server assigns it; a reference that does not match the content stays 422.
#[tokio::test]
async fn a_filing_without_a_reference_is_given_one() {
    for s in servers().await {
        let rep = s.token(Role::Representative, "rep-1", Some(ORG_A), None);
        let post = |key: &'static str, body: Value| {
            let call = s.call("POST", "/submissions").token(&rep);
            call.header("idempotency-key", key).json(&body).send()
        };
        let mut doc = submission("张三", ORG_A, false);
        doc.as_object_mut().unwrap().remove("reference");
        let r = post("no-ref", doc.clone()).await;
        assert_eq!(r.status, 201, "{}", r.text);
        let stored = yaojian::form::Submission::read(&r.json["submission"], "$").unwrap();
        assert!(yaojian::form::answers::verify_keyed_reference(
            &stored, SECRET
        ));
        doc["reference"] = json!("ZC20260101-00000000");
        let wrong = post("wrong-ref", doc).await;
        assert_eq!(wrong.status, 422);
        assert_eq!(
            wrong.codes(),
            [("$.reference".to_string(), "form.reference".to_string())]
        );
    }
}

#[tokio::test]
async fn an_invalid_filing_is_422_with_every_error_path() {
    for s in servers().await {
        let rep = s.token(Role::Representative, "rep-1", Some(ORG_A), None);
        let good = submission("张三", ORG_A, true);
        type Edit = Box<dyn Fn(&mut Value)>;
        let cases: Vec<(Edit, Vec<(&str, &str)>)> = vec![
            (
                Box::new(|v| v["answers"]["favourite"] = json!(1)),
                vec![("$.answers.favourite", "form.unknown_question")],
            ),
            (
                Box::new(|v| {
                    v["answers"]["filed"] = json!(false);
                    v["answers"]["filing_date"] = json!("2025-01-01");
                }),
                vec![("$.answers.filing_date", "form.hidden_answer")],
            ),
            (
                Box::new(|v| v["answers"]["id_number"] = json!("110105194912310021")),
                vec![("$.answers.id_number", "resident_id.checksum")],
            ),
            (
                Box::new(|v| v["findings"]["b_kickbacks"]["measure"] = json!("")),
                vec![("$.findings.b_kickbacks.measure", "form.finding_measure")],
            ),
            (
                Box::new(|v| v["template"]["version"] = json!("2025.1")),
                vec![("$.template.version", "template.unknown_version")],
            ),
            (
                Box::new(|v| v["template"]["id"] = json!("nothing")),
                vec![("$.template.id", "template.unknown")],
            ),
            (
                Box::new(|v| v["owner"] = json!("someone else")),
                vec![("$.owner", "json.invalid")],
            ),
            (
                Box::new(|v| {
                    v["answers"]["favourite"] = json!(1);
                    v["answers"]["phone"] = json!("12");
                }),
                vec![
                    ("$.answers.favourite", "form.unknown_question"),
                    ("$.answers.phone", "form.phone"),
                ],
            ),
        ];
        for (n, (edit, want)) in cases.iter().enumerate() {
            let mut v = good.clone();
            edit(&mut v);
            let r = s
                .call("POST", "/submissions")
                .token(&rep)
                .header("idempotency-key", &format!("bad-{n}"))
                .json(&v)
                .send()
                .await;
            assert_eq!(r.status, 422, "case {n}: {}", r.text);
            let mut got = r.codes();
            got.sort();
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(p, c)| (p.to_string(), c.to_string()))
                .collect();
            assert!(
                want.iter().all(|w| got.contains(w)),
                "case {n}: got {got:?}, want {want:?}"
            );
        }
        assert!(s.get("/submissions", &rep).send().await.json["items"]
            .as_array()
            .unwrap()
            .is_empty());
    }
}

#[tokio::test]
async fn pages_follow_the_cursor_to_the_end() {
    for s in servers().await {
        let rep = s.token(Role::Representative, "rep-p", Some(ORG_A), None);
        for i in 0..7 {
            let r = s
                .call("POST", "/submissions")
                .token(&rep)
                .header("idempotency-key", &format!("p{i}"))
                .json(&submission(&format!("代表{i}"), ORG_A, false))
                .send()
                .await;
            assert_eq!(r.status, 201, "{}", r.text);
        }
        let mut seen = Vec::new();
        let mut path = "/submissions?template=representative-personal&limit=3".to_string();
        let mut pages = 0;
        loop {
            let page = s.get(&path, &rep).send().await.json;
            pages += 1;
            for item in page["items"].as_array().unwrap() {
                seen.push(
                    item["submission"]["answers"]["name"]
                        .as_str()
                        .unwrap()
                        .to_string(),
                );
            }
            match page["next"].as_str() {
                Some(next) => {
                    path = format!(
                        "/submissions?template=representative-personal&limit=3&after={next}"
                    )
                }
                None => break,
            }
        }
        assert_eq!(pages, 3);
        assert_eq!(seen, (0..7).map(|i| format!("代表{i}")).collect::<Vec<_>>());
        for bad in [
            "limit=0",
            "limit=501",
            "limit=x",
            "after=-1",
            "after=abc",
            "colour=red",
        ] {
            let r = s.get(&format!("/submissions?{bad}"), &rep).send().await;
            assert_eq!(r.status, 422, "{bad}");
        }
        let other = s
            .get("/submissions?template=mah-representative-management", &rep)
            .send()
            .await
            .json;
        assert!(other["items"].as_array().unwrap().is_empty());
    }
}

#[tokio::test]
async fn summary_and_csv_count_what_the_caller_may_see() {
    for s in servers().await {
        let rep_a = s.token(Role::Representative, "rep-a", Some(ORG_A), None);
        let rep_b = s.token(Role::Representative, "rep-b", Some(ORG_B), None);
        for (i, (tok, org, finding)) in [
            (&rep_a, ORG_A, true),
            (&rep_a, ORG_A, false),
            (&rep_b, ORG_B, true),
        ]
        .into_iter()
        .enumerate()
        {
            let r = s
                .call("POST", "/submissions")
                .token(tok)
                .header("idempotency-key", &format!("s{i}"))
                .json(&submission(&format!("人{i}"), org, finding))
                .send()
                .await;
            assert_eq!(r.status, 201, "{}", r.text);
        }
        let fujian = s.token(Role::Inspector, "i-fj", None, Some("350000"));
        let admin = s.token(Role::Admin, "adm", None, None);
        let sum = |tok: &str| {
            s.get("/summary?template=representative-personal", tok)
                .send()
        };
        let f = sum(&fujian).await.json;
        assert_eq!(
            (f["total"].as_u64(), f["with_findings"].as_u64()),
            (Some(2), Some(1)),
            "{f}"
        );
        let all = sum(&admin).await.json;
        assert_eq!(
            (all["total"].as_u64(), all["with_findings"].as_u64()),
            (Some(3), Some(2))
        );
        // The same document as `yaojian form summary` over the same submissions.
        let docs: Vec<Value> = s.get("/submissions?limit=500", &admin).send().await.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["submission"].clone())
            .collect();
        let t = yaojian::form::built_in("representative-personal").unwrap();
        let engine = yaojian::form::summary::summarize(&t, docs, yaojian::Lang::ZhCn);
        assert_eq!(all, serde_json::to_value(engine).unwrap());
        let csv = s
            .get("/submissions.csv?template=representative-personal", &fujian)
            .send()
            .await;
        assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
        assert!(csv.text.starts_with('\u{feff}'));
        assert_eq!(
            csv.text.matches("\r\n").count(),
            3,
            "a header and two rows: {}",
            csv.text
        );
        let missing = s.get("/summary", &admin).send().await;
        assert_eq!(missing.status, 422);
        assert_eq!(
            s.get("/summary?template=nothing", &admin)
                .send()
                .await
                .status,
            404
        );
    }
}

#[tokio::test]
async fn the_csv_streams_past_one_batch_with_one_header() {
    for s in servers().await {
        let admin = s.token(Role::Admin, "adm", None, None);
        let t = yaojian::form::built_in("representative-personal").unwrap();
        // Stored directly: 1,203 rows is more than two database batches.
        let doc = submission("批量", ORG_A, false);
        let mut tx = s.db.pool.begin().await.unwrap();
        for i in 0..1203 {
            let mut d = doc.clone();
            d["reference"] = json!(format!("ZC-{i}"));
            sqlx::query("INSERT INTO submissions (reference, template_id, template_version, owner_sub, owner_role, owner_org, owner_region, idempotency_key, request_digest, received_at, body) VALUES ($1, $2, $3, 'r', 'representative', $4, '350100', $5, 'd', 'now', $6)")
                .bind(format!("ZC-{i}")).bind(&t.id).bind(&t.version).bind(ORG_A).bind(format!("k{i}")).bind(d.to_string())
                .execute(&mut *tx).await.unwrap();
        }
        tx.commit().await.unwrap();
        let csv = s
            .get(
                "/submissions.csv?template=representative-personal&lang=en",
                &admin,
            )
            .send()
            .await;
        assert_eq!(csv.status, 200);
        assert_eq!(csv.text.matches('\u{feff}').count(), 1);
        assert_eq!(csv.text.matches("Reference").count(), 1, "one header");
        assert_eq!(csv.text.matches("\r\n").count(), 1204);
        assert!(csv.text.contains("ZC-0,") && csv.text.contains("ZC-1202,"));
        // Compressed on the way, polled to its end and past it, as a browser reads it.
        let zipped = s
            .get("/submissions.csv?template=representative-personal", &admin)
            .header("accept-encoding", "gzip, br")
            .send()
            .await;
        assert_eq!(zipped.status, 200);
        assert_eq!(zipped.headers["content-encoding"], "br");
        assert!(
            zipped.text.len() > 100 && zipped.text.len() < csv.text.len() / 4,
            "{} of {}",
            zipped.text.len(),
            csv.text.len()
        );
    }
}

#[tokio::test]
async fn the_engine_endpoints_need_no_sign_in() {
    for s in servers().await {
        // The CLI's own case (tests/cli.rs), the CLI's own answer.
        let case = json!({"rule": "dal-116", "goods_value": "50000", "circumstances": ["apl32_1"],
                          "violation_date": "2025-01-01", "discovery_date": "2025-06-01"});
        let r = s.call("POST", "/penalty/assess").json(&case).send().await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(
            (
                r.json["statutory_min"].as_str(),
                r.json["fine_suggested"].as_str()
            ),
            (Some("1500000.00"), Some("1750000.00"))
        );
        let bad = s
            .call("POST", "/penalty/assess")
            .json(&json!({"rule": "dal-116", "goods_value": "1.234"}))
            .send()
            .await;
        assert_eq!(bad.codes()[0].0, "$.goods_value");
        assert_eq!(bad.status, 422);
        let check = s
            .call("POST", "/requirements/check?template=drug-trading-licence")
            .json(&json!({"answers": {}, "have": []}))
            .send()
            .await;
        assert_eq!(check.status, 200, "{}", check.text);
        let t = yaojian::requirements::built_in("drug-trading-licence", None).unwrap();
        let engine = yaojian::requirements::check_json(
            &t,
            r#"{"answers": {}, "have": []}"#,
            yaojian::Lang::ZhCn,
        )
        .unwrap();
        assert_eq!(check.json, serde_json::to_value(engine).unwrap());
        assert_eq!(check.json["summary"]["met"], 0);
        let unknown = s
            .call("POST", "/requirements/check?template=nothing")
            .json(&json!({}))
            .send()
            .await;
        assert_eq!(
            unknown.codes(),
            [(
                "$.query.template".to_string(),
                "template.unknown".to_string()
            )]
        );
    }
}

#[tokio::test]
async fn the_openapi_document_lists_exactly_the_routes_served() {
    let s = server(&sqlite_url()).await;
    let doc = s.call("GET", "/openapi.json").send().await.json;
    assert_eq!(doc["openapi"], "3.1.0");
    let endpoints = yaojian_server::routes::endpoints();
    let documented: usize = doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .map(|p| p.as_object().unwrap().len())
        .sum();
    assert_eq!(documented, endpoints.len());
    for e in &endpoints {
        let path = e
            .path
            .replace("{id}", "representative-personal")
            .replace("{version}", "2026.3")
            .replace("{reference}", "ZC-none")
            .replace("{number}", "N-none");
        let r = s.call(&e.method.to_uppercase(), &path).send().await;
        // Routed: whatever it answers, it is not "no such path" or "no such method".
        assert!(
            !(r.status == 404 && r.json["errors"][0]["path"] == "$.path") && r.status != 405,
            "{} {}: {}",
            e.method,
            e.path,
            r.text
        );
        assert!(doc["paths"][e.path][e.method]["responses"].is_object());
        if e.body == Some(yaojian_server::routes::SPREADSHEET) {
            let content = &doc["paths"][e.path][e.method]["requestBody"]["content"];
            assert!(content["application/vnd.ms-excel"].is_object(), "{content}");
        } else if let Some(schema) = e.body {
            assert!(
                doc["components"]["schemas"][schema]["$id"].is_string(),
                "{schema}"
            );
        }
    }
    let nowhere = s.call("GET", "/nowhere").send().await;
    assert_eq!(nowhere.status, 404);
    assert_eq!(s.call("DELETE", "/templates").send().await.status, 405);
}

/// `docs/openapi.json` is the document the server serves, byte for byte; set
/// `YAOJIAN_UPDATE_DOCS=1` to write it anew after changing an endpoint.
#[test]
fn the_openapi_document_in_docs_is_the_one_served() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/openapi.json");
    let served = serde_json::to_string_pretty(&yaojian_server::routes::openapi()).unwrap() + "\n";
    if std::env::var_os("YAOJIAN_UPDATE_DOCS").is_some() {
        std::fs::write(path, &served).unwrap();
    }
    let in_docs = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        in_docs == served,
        "docs/openapi.json differs from the served document: run \
         YAOJIAN_UPDATE_DOCS=1 cargo test -p yaojian-server --test api openapi"
    );
}
