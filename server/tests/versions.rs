//! Filings stay pinned to the template version they were made on; the summary of a
//! version says which versions it counts and names, without counting, the filings the
//! caller may see on the template's other versions. The first page of a template's
//! filings says how many each version has, for the widget's summary.

mod common;
use common::*;
use serde_json::{json, Value};
use yaojian::form::{submit, Findings, Template};
use yaojian::Lang;
use yaojian_server::token::Role;

fn versioned(version: &str) -> Value {
    let mut t = open_template();
    t["version"] = json!(version);
    t
}

fn filing(version: &str, text: &str) -> Value {
    let t = Template::from_value(versioned(version)).unwrap();
    let a = json!({"q": text}).as_object().unwrap().clone();
    let now = yaojian::date::now_unix_millis();
    serde_json::to_value(submit(&t, &a, &Findings::new(), None, None, now, Lang::ZhCn).unwrap())
        .unwrap()
}

fn versions(v: &Value) -> Vec<(String, i64, Option<bool>)> {
    v.as_array()
        .unwrap_or_else(|| panic!("no versions: {v}"))
        .iter()
        .map(|x| {
            (
                x["version"].as_str().unwrap().into(),
                x["count"].as_i64().unwrap(),
                x["counted"].as_bool(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_summary_of_a_version_names_the_filings_on_others() {
    for s in servers().await {
        let admin = s.token(Role::Admin, "admin", None, None);
        let ent_a = s.token(Role::Enterprise, "ent-a", Some(ORG_A), None);
        let ent_b = s.token(Role::Enterprise, "ent-b", Some(ORG_B), None);
        for v in ["1", "2"] {
            let r = s
                .call("PUT", &format!("/templates/t-open/{v}"))
                .token(&admin)
                .json(&versioned(v))
                .send()
                .await;
            assert!(r.status.is_success(), "{}", r.text);
        }
        file(&s, &ent_a, "a1", &filing("1", "甲")).await;
        file(&s, &ent_a, "a2", &filing("1", "乙")).await;
        file(&s, &ent_b, "b1", &filing("1", "丙")).await;
        file(&s, &ent_a, "a3", &filing("2", "丁")).await;
        // The bureau's summary of the latest version counts it and names version 1.
        let sum = s.get("/summary?template=t-open", &admin).send().await;
        assert_eq!(sum.status, 200, "{}", sum.text);
        assert_eq!(
            (sum.json["version"].as_str(), sum.json["counted"].as_i64()),
            (Some("2"), Some(1))
        );
        let expected = vec![
            ("2".to_string(), 1, Some(true)),
            ("1".to_string(), 3, Some(false)),
        ];
        assert_eq!(versions(&sum.json["versions"]), expected);
        // A filing stays on its version: the summary of version 1 counts those three.
        let v1 = s
            .get("/summary?template=t-open&version=1", &admin)
            .send()
            .await;
        assert_eq!(
            versions(&v1.json["versions"]),
            vec![("1".into(), 3, Some(true)), ("2".into(), 1, Some(false))]
        );
        // An enterprise's counts are its own.
        let own = s.get("/summary?template=t-open", &ent_b).send().await;
        assert_eq!(
            versions(&own.json["versions"]),
            vec![("2".into(), 0, Some(true)), ("1".into(), 1, Some(false))]
        );
        // The first page of a template's filings carries the counts; later pages do not.
        let page = s
            .get("/submissions?template=t-open&version=2&limit=1", &admin)
            .send()
            .await;
        assert_eq!(
            versions(&page.json["versions"]),
            vec![("1".into(), 3, None), ("2".into(), 1, None)]
        );
        let all = s
            .get("/submissions?template=t-open&limit=1", &admin)
            .send()
            .await;
        let next = all.json["next"].as_str().unwrap().to_string();
        let later = s
            .get(
                &format!("/submissions?template=t-open&limit=1&after={next}"),
                &admin,
            )
            .send()
            .await;
        assert!(later.json.get("versions").is_none(), "{}", later.text);
        let untemplated = s.get("/submissions?limit=1", &admin).send().await;
        assert!(untemplated.json.get("versions").is_none());
    }
}

#[tokio::test]
async fn the_bureau_sees_what_changed_between_two_versions() {
    for s in servers().await {
        let admin = s.token(Role::Admin, "admin", None, None);
        let mut v2 = versioned("2");
        v2["sections"][0]["questions"][0]["label"] = json!("问题（修订）");
        v2["sections"][0]["questions"]
            .as_array_mut()
            .unwrap()
            .push(json!({"id": "extra", "kind": "yes_no", "label": {"zh-CN": "新增的问题", "en": "A new question"}}));
        for (v, doc) in [("1", versioned("1")), ("2", v2)] {
            let r = s
                .call("PUT", &format!("/templates/t-open/{v}"))
                .token(&admin)
                .json(&doc)
                .send()
                .await;
            assert!(r.status.is_success(), "{}", r.text);
        }
        let d = s
            .get("/templates/t-open/diff?from=1&to=2", &admin)
            .send()
            .await;
        assert_eq!(d.status, 200, "{}", d.text);
        assert_eq!(
            (d.json["from"].as_str(), d.json["to"].as_str()),
            (Some("1"), Some("2"))
        );
        assert_eq!(d.json["added"][0]["id"], "extra");
        assert_eq!(d.json["added"][0]["label"]["en"], "A new question");
        assert_eq!(d.json["removed"], json!([]));
        assert_eq!(d.json["changed"][0]["id"], "q");
        assert_eq!(d.json["changed"][0]["before"]["zh-CN"], "Q");
        assert_eq!(d.json["changed"][0]["fields"], json!(["label"]));
        let back = s
            .get("/templates/t-open/diff?from=2&to=1", &admin)
            .send()
            .await;
        assert_eq!(back.json["removed"][0]["id"], "extra");
        // Both versions named, both published; the bureau's only.
        let missing = s.get("/templates/t-open/diff?from=1", &admin).send().await;
        assert_eq!(
            missing.codes(),
            [("$.query".to_string(), "template.diff_versions".to_string())]
        );
        let unknown = s
            .get("/templates/t-open/diff?from=1&to=9", &admin)
            .send()
            .await;
        assert_eq!(
            (unknown.status.as_u16(), unknown.codes()[0].0.as_str()),
            (404, "$.query.to")
        );
        let ent = s.token(Role::Enterprise, "e", Some(ORG_A), None);
        assert_eq!(
            s.get("/templates/t-open/diff?from=1&to=2", &ent)
                .send()
                .await
                .status,
            403
        );
    }
}
