//! Who sees what: every endpoint × every role × someone else's record, and tokens that
//! are missing, expired, forged or incomplete.

mod common;
use common::*;
use serde_json::json;
use yaojian_server::token::{Claims, Key, Role};

struct People {
    rep_a: String,
    rep_a2: String,
    ent_a: String,
    rep_b: String,
    ent_b: String,
    insp_fujian: String,
    insp_fuzhou: String,
    insp_beijing: String,
    admin: String,
}

fn people(s: &TestServer) -> People {
    People {
        rep_a: s.token(Role::Representative, "rep-a", Some(ORG_A), None),
        rep_a2: s.token(Role::Representative, "rep-a2", Some(ORG_A), None),
        ent_a: s.token(Role::Enterprise, "ent-a", Some(ORG_A), None),
        rep_b: s.token(Role::Representative, "rep-b", Some(ORG_B), None),
        ent_b: s.token(Role::Enterprise, "ent-b", Some(ORG_B), None),
        insp_fujian: s.token(Role::Inspector, "i-fj", None, Some("350000")),
        insp_fuzhou: s.token(Role::Inspector, "i-fz", None, Some("350100")),
        insp_beijing: s.token(Role::Inspector, "i-bj", None, Some("110000")),
        admin: s.token(Role::Admin, "admin", None, None),
    }
}

#[tokio::test]
async fn each_role_sees_exactly_its_own_and_nothing_else_exists_for_it() {
    for s in servers().await {
        let p = people(&s);
        publish_open_template(&s).await;
        let by_rep_a = file(&s, &p.rep_a, "1", &submission("甲", ORG_A, false)).await;
        // The personal form is the representatives' (`filers`): the enterprise files another.
        let by_ent_a = file(&s, &p.ent_a, "2", &open_submission("乙")).await;
        let by_rep_b = file(&s, &p.rep_b, "3", &submission("丙", ORG_B, false)).await;
        // (who, sees rep_a's, sees ent_a's, sees rep_b's)
        let matrix = [
            ("rep_a", &p.rep_a, true, false, false),
            ("rep_a2", &p.rep_a2, false, false, false),
            ("ent_a", &p.ent_a, true, true, false),
            ("rep_b", &p.rep_b, false, false, true),
            ("ent_b", &p.ent_b, false, false, true),
            ("insp_fujian", &p.insp_fujian, true, true, false),
            ("insp_fuzhou", &p.insp_fuzhou, true, true, false),
            ("insp_beijing", &p.insp_beijing, false, false, true),
            ("admin", &p.admin, true, true, true),
        ];
        for (who, token, a, e, b) in matrix {
            let mut expected = Vec::new();
            for (reference, visible) in [(&by_rep_a, a), (&by_ent_a, e), (&by_rep_b, b)] {
                let r = s
                    .get(&format!("/submissions/{reference}"), token)
                    .send()
                    .await;
                assert_eq!(
                    r.status,
                    if visible { 200 } else { 404 },
                    "{who} GET {reference}: {}",
                    r.text
                );
                if visible {
                    expected.push(reference.clone());
                } else {
                    // Someone else's record is answered exactly as one that does not exist.
                    let nowhere = s
                        .get("/submissions/ZC20000101-0000000000000000", token)
                        .send()
                        .await;
                    assert_eq!(r.json, nowhere.json, "{who}");
                }
            }
            let list = s.get("/submissions", token).send().await.json;
            let listed: Vec<String> = list["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["reference"].as_str().unwrap().to_string())
                .collect();
            assert_eq!(listed, expected, "{who} list");
            // Summaries and CSVs are per template: the personal form's, then the open one's.
            let personal: Vec<&String> = expected.iter().filter(|r| **r != by_ent_a).collect();
            let open: Vec<&String> = expected.iter().filter(|r| **r == by_ent_a).collect();
            for (template, expected) in [("representative-personal", personal), ("t-open", open)] {
                let sum = s
                    .get(&format!("/summary?template={template}"), token)
                    .send()
                    .await
                    .json;
                assert_eq!(
                    sum["total"].as_u64(),
                    Some(expected.len() as u64),
                    "{who} summary of {template}"
                );
                let csv = s
                    .get(&format!("/submissions.csv?template={template}"), token)
                    .send()
                    .await
                    .text;
                assert_eq!(
                    csv.matches("\r\n").count(),
                    expected.len() + 1,
                    "{who} csv of {template}"
                );
                for r in &expected {
                    assert!(
                        csv.contains(r.as_str()),
                        "{who} csv of {template} lacks {r}"
                    );
                }
            }
        }
    }
}

#[tokio::test]
async fn who_may_file_and_who_may_publish() {
    for s in servers().await {
        let p = people(&s);
        let template = json!({"schema": "yaojian/form/1", "id": "t-roles", "version": "1", "title": "T",
            "sections": [{"id": "s", "title": "S", "questions": [{"id": "q", "kind": "text", "label": "Q"}]}]});
        publish_open_template(&s).await;
        for (who, token, files, publishes) in [
            ("representative", &p.rep_a, true, false),
            ("enterprise", &p.ent_a, true, false),
            ("inspector", &p.insp_fujian, false, true),
            ("admin", &p.admin, false, true),
        ] {
            let f = s
                .call("POST", "/submissions")
                .token(token)
                .header("idempotency-key", who)
                .json(&open_submission(who))
                .send()
                .await;
            assert_eq!(
                f.status,
                if files { 201 } else { 403 },
                "{who} files: {}",
                f.text
            );
            let t = s
                .call("PUT", "/templates/t-roles/1")
                .token(token)
                .json(&template)
                .send()
                .await;
            assert!(
                if publishes {
                    t.status.is_success()
                } else {
                    t.status == 403
                },
                "{who} publishes: {}",
                t.text
            );
        }
    }
}

#[tokio::test]
async fn missing_expired_forged_and_incomplete_tokens_are_401_everywhere() {
    let s = server(&sqlite_url()).await;
    let mut expired = claims(Role::Admin, "a", None, None);
    expired.exp = yaojian_server::token::now_secs() - 1;
    let other_key = Key::from_secret(b"not the server's secret at all").unwrap();
    let no_org = Claims {
        org: None,
        ..claims(Role::Enterprise, "e", None, None)
    };
    let bad_org = claims(Role::Enterprise, "e", Some("91350100M000100Y44"), None);
    let admin = s.token(Role::Admin, "a", None, None);
    let parts: Vec<&str> = admin.split('.').collect();
    let alg_none = format!("eyJhbGciOiJub25lIn0.{}.", parts[1]);
    let tokens = [
        ("expired", s.key.sign(&expired), "auth.expired"),
        (
            "forged",
            other_key.sign(&claims(Role::Admin, "a", None, None)),
            "auth.invalid",
        ),
        ("alg none", alg_none, "auth.invalid"),
        ("garbage", "x.y.z".to_string(), "auth.invalid"),
        ("no org", s.key.sign(&no_org), "auth.claims"),
        ("bad org", s.key.sign(&bad_org), "auth.claims"),
    ];
    for e in yaojian_server::routes::endpoints() {
        if e.access == yaojian_server::routes::Access::Open {
            continue;
        }
        let path = concrete(e.path);
        let method = e.method.to_uppercase();
        let r = s.call(&method, &path).json(&json!({})).send().await;
        assert_eq!(
            (r.status.as_u16(), r.codes()[0].1.as_str()),
            (401, "auth.missing"),
            "{method} {path}"
        );
        let r = s
            .call(&method, &path)
            .header("authorization", &format!("Basic {admin}"))
            .json(&json!({}))
            .send()
            .await;
        assert_eq!(r.status, 401, "{method} {path} with Basic");
        for (what, token, code) in &tokens {
            // The same token, in the header and in the cookie.
            let ways = [
                ("authorization", format!("Bearer {token}"), "header"),
                (
                    "cookie",
                    format!("theme=dark; yaojian_token={token}"),
                    "cookie",
                ),
            ];
            for (name, value, way) in &ways {
                let r = s
                    .call(&method, &path)
                    .header(name, value)
                    .json(&json!({}))
                    .send()
                    .await;
                assert_eq!(
                    (r.status.as_u16(), r.codes()[0].1.as_str()),
                    (401, *code),
                    "{method} {path} with {what} in the {way}"
                );
            }
        }
    }
}

/// A `Cookie` header carrying `token` between two other cookies.
fn cookie(token: &str) -> String {
    format!("lang=zh; yaojian_token={token}; other=1")
}

/// Files as `token` with the token in the cookie, from a page the browser says is `site`.
async fn file_by_cookie(s: &TestServer, token: &str, site: &str, key: &str, name: &str) -> Reply {
    s.call("POST", "/submissions")
        .header("cookie", &cookie(token))
        .header("sec-fetch-site", site)
        .header("idempotency-key", key)
        .json(&submission(name, ORG_A, false))
        .send()
        .await
}

#[tokio::test]
async fn a_same_origin_cookie_signs_in_like_the_header_but_not_for_another_site() {
    let s = server(&sqlite_url()).await;
    let p = people(&s);
    let filed = file_by_cookie(&s, &p.rep_a, "same-origin", "cookie-1", "甲").await;
    assert_eq!(filed.status, 201, "{}", filed.text);
    let reference = filed.json["reference"].as_str().unwrap();
    let path = format!("/submissions/{reference}");
    let mine = s
        .call("GET", &path)
        .header("cookie", &cookie(&p.rep_a))
        .send()
        .await;
    assert_eq!(mine.status, 200, "{}", mine.text);
    assert_eq!(mine.json["owner"]["sub"], "rep-a", "{}", mine.text);
    let theirs = s
        .call("GET", &path)
        .header("cookie", &cookie(&p.rep_b))
        .send()
        .await;
    assert_eq!(theirs.status, 404);
    // The header wins over a cookie left behind by another user.
    let both = s
        .call("GET", &path)
        .token(&p.rep_b)
        .header("cookie", &cookie(&p.rep_a))
        .send()
        .await;
    assert_eq!(both.status, 404);
    // Reading from another site is harmless (the browser keeps the answer from it);
    // a write with the cookie from another site is refused and stores nothing.
    let read = s
        .call("GET", &path)
        .header("cookie", &cookie(&p.rep_a))
        .header("sec-fetch-site", "cross-site")
        .send()
        .await;
    assert_eq!(read.status, 200);
    let forged = file_by_cookie(&s, &p.rep_a, "cross-site", "cookie-2", "乙").await;
    assert_eq!(
        (forged.status.as_u16(), forged.codes()),
        (
            403,
            vec![(
                "$.headers.cookie".to_string(),
                "auth.cross_site".to_string()
            )]
        )
    );
    let listed = s
        .call("GET", "/submissions?template=representative-personal")
        .token(&p.rep_a)
        .send()
        .await;
    assert_eq!(
        listed.json["items"].as_array().map(Vec::len),
        Some(1),
        "{}",
        listed.text
    );
}

#[tokio::test]
async fn a_template_that_names_its_filers_is_filed_by_them_alone() {
    for s in servers().await {
        let p = people(&s);
        // The personal self-inspection is the representative's own (`filers`).
        let refused = s
            .call("POST", "/submissions")
            .token(&p.ent_a)
            .header("idempotency-key", "ent-personal")
            .json(&submission("乙", ORG_A, false))
            .send()
            .await;
        assert_eq!(refused.status, 403, "{}", refused.text);
        assert_error_shape(&refused.json, &refused.text);
        assert_eq!(
            refused.codes(),
            vec![("$.template.id".to_string(), "form.filer".to_string())]
        );
        assert!(
            refused.text.contains("医药代表"),
            "names who files it: {}",
            refused.text
        );
        let admin = s.get("/submissions", &p.admin).send().await.json;
        assert_eq!(
            admin["items"].as_array().map(Vec::len),
            Some(0),
            "nothing stored"
        );
        // The representative files it.
        file(
            &s,
            &p.rep_a,
            "rep-personal",
            &submission("甲", ORG_A, false),
        )
        .await;
        // In English, the refusal names the role in English.
        let en = s
            .call("POST", "/submissions?lang=en")
            .token(&p.ent_a)
            .header("idempotency-key", "ent-personal-en")
            .json(&submission("乙", ORG_A, false))
            .send()
            .await;
        assert_eq!(en.status, 403);
        assert!(en.text.contains("medical representatives"), "{}", en.text);
    }
}

/// Issue 30: the endpoint table's `access` column decides, before the handler and its
/// body: every role outside it is 403 on every endpoint, whatever the body.
#[tokio::test]
async fn the_tables_access_column_decides_who_gets_in() {
    use yaojian_server::routes::Access;
    let s = server(&sqlite_url()).await;
    let p = people(&s);
    let mut checked = 0;
    for e in yaojian_server::routes::endpoints() {
        let outsiders: Vec<(&str, &String)> = match e.access {
            Access::Open | Access::SignedIn => continue,
            Access::Filers => vec![("inspector", &p.insp_fujian), ("admin", &p.admin)],
            Access::Bureau => vec![("representative", &p.rep_a), ("enterprise", &p.ent_a)],
            Access::ItemParties => vec![("representative", &p.rep_a)],
        };
        let path = concrete(e.path);
        let method = e.method.to_uppercase();
        for (who, token) in outsiders {
            // A body the handler would refuse with 400: the access check comes first.
            let r = s
                .call(&method, &path)
                .token(token)
                .raw("application/json", "{not json")
                .send()
                .await;
            assert_eq!(
                (r.status.as_u16(), r.codes()[0].1.as_str()),
                (403, "auth.forbidden"),
                "{who} {method} {path}: {}",
                r.text
            );
            checked += 1;
        }
    }
    assert!(checked >= 4, "checked {checked}");
}

/// An endpoint's path with its parameters filled in.
fn concrete(path: &str) -> String {
    path.replace("{id}", "representative-personal")
        .replace("{version}", "9")
        .replace("{reference}", "ZC")
        .replace("{number}", "N1")
}
