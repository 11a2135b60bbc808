//! Issue 31: the engine and the API agree on random action sequences; two people acting
//! on one revision at once never both win; hostile input is refused with its path.
mod common;

use axum::http::StatusCode;
use common::*;
use serde_json::{json, Value};
use yaojian::checklist::{self as cl, Item, ItemInput, ItemList};
use yaojian::Lang;
use yaojian_server::token::Role;

/// A small seeded generator (xorshift64*), so a failing sequence can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

fn new_item() -> Value {
    json!({"org": ORG_A, "list": "rectification", "source": "inspection", "problem": "冷库记录不全",
        "measures": ["补全记录"], "unit": "示例医药", "person": "李四", "mode": "deadline", "deadline": "2099-12-31"})
}

/// An item whose list, deadline (overdue, due soon, far off) and rule vary with `seed`,
/// so that the report has something to group.
fn new_item_of(seed: u64) -> Value {
    let mut v = new_item();
    let soon = yaojian::date::add_days(yaojian::date::parse_date(&today()).unwrap(), 3);
    let deadline = match seed % 3 {
        0 => "2020-01-01".to_string(),
        1 => yaojian::date::format_date(soon),
        _ => "2099-12-31".to_string(),
    };
    v["deadline"] = json!(deadline);
    v["list"] = json!(["rectification", "problem_lead"][(seed % 2) as usize]);
    if seed.is_multiple_of(4) {
        v["rule"] = json!("dal-126");
    }
    v
}

/// One step: who does it (a token's `sub`) and what, as the API's body.
fn step(rng: &mut Rng) -> (&'static str, Value) {
    let who = ["ent-a", "i-fz", "i-fj", "admin"][rng.below(4) as usize];
    let body = match rng.below(6) {
        0 => json!({"action": "start", "note": format!("n{}", rng.below(100))}),
        1 => {
            json!({"action": "report", "evidence": [{"date": today(), "text": format!("证明{}", rng.below(9))}]})
        }
        2 => {
            let c = ["corrected", "partly_corrected", "not_corrected"][rng.below(3) as usize];
            json!({"action": "reinspect", "date": today(), "inspector": "王五", "conclusion": c})
        }
        3 => json!({"action": "close_out", "approver": "赵六", "date": today()}),
        _ => json!({"edit": {"person": format!("责任人{}", rng.below(3))}}),
    };
    (who, body)
}

/// What the API would allow `who` by role, before the engine is asked.
fn role_allows(who: &str, body: &Value) -> bool {
    let bureau = matches!(body["action"].as_str(), Some("reinspect" | "close_out"))
        || body.get("edit").is_some();
    match who {
        "admin" => true,
        "ent-a" => !bureau,
        _ => bureau,
    }
}

/// The step applied by the engine directly; whether it took.
fn apply(item: &mut Item, who: &str, body: &Value) -> bool {
    if !role_allows(who, body) {
        return false;
    }
    if let Some(patch) = body.get("edit") {
        let form = ItemInput::from_item(item).patched(patch.clone()).unwrap();
        let mut list = ItemList {
            items: vec![item.clone()],
            ..ItemList::default()
        };
        let label = |f: &str| yaojian::i18n::t(Lang::ZhCn, &format!("checklist.column.{f}"));
        let took = matches!(list.edit(&item.id, &form, who, "t", label), Ok(true));
        *item = list.items.remove(0);
        return took;
    }
    let (action, note) = cl::action_of(body.clone()).unwrap();
    if cl::check_actor(item, &action, who).is_err() {
        return false;
    }
    item.apply(action, who, "t", &note).is_ok()
}

/// The parts of an item the two must agree on: status, records, and the history's
/// transitions without actor and time (the creation entry is the server's own).
fn comparable(v: &Value) -> Value {
    let history: Vec<Value> = v["history"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|h| h["action"] != "create")
        .map(|h| {
            json!([
                h["from"],
                h["to"],
                h["note"],
                h["edit"].as_bool().unwrap_or(false)
            ])
        })
        .collect();
    json!([
        v["status"],
        v["evidence"],
        v["reinspections"],
        v["close_out"],
        v["person"],
        history
    ])
}

#[tokio::test]
async fn random_action_sequences_end_alike_through_the_engine_and_the_api() {
    let s = server(&sqlite_url()).await;
    let tokens: std::collections::HashMap<&str, String> = [
        (
            "ent-a",
            s.token(Role::Enterprise, "ent-a", Some(ORG_A), None),
        ),
        (
            "i-fz",
            s.token(Role::Inspector, "i-fz", None, Some("350100")),
        ),
        (
            "i-fj",
            s.token(Role::Inspector, "i-fj", None, Some("350000")),
        ),
        ("admin", s.token(Role::Admin, "admin", None, None)),
    ]
    .into_iter()
    .collect();
    let mut directs = Vec::new();
    for seed in 1..=40u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let r = s
            .call("POST", "/items")
            .token(&tokens["i-fz"])
            .json(&new_item_of(seed))
            .send()
            .await;
        let id = r.json["id"].as_str().unwrap().to_string();
        let mut direct = yaojian::checklist::read::item(&r.json, "$").unwrap();
        direct.history.clear();
        let mut revision = 1;
        for n in 0..16 {
            let (who, body) = step(&mut rng);
            let took = apply(&mut direct, who, &body);
            let call = match body.get("edit") {
                Some(patch) => s.call("PATCH", &format!("/items/{id}")).json(patch),
                None => s.call("POST", &format!("/items/{id}/actions")).json(&body),
            };
            let r = call
                .token(&tokens[who])
                .header("if-match", &revision.to_string())
                .send()
                .await;
            let changed =
                r.status == StatusCode::OK && r.json["revision"].as_i64() != Some(revision);
            assert_eq!(
                changed, took,
                "seed {seed} step {n}: {who} {body} → {} {}",
                r.status, r.text
            );
            assert!(
                matches!(r.status.as_u16(), 200 | 403 | 409),
                "seed {seed} step {n}: {}",
                r.text
            );
            if changed {
                revision += 1;
            }
        }
        let stored = s
            .get(&format!("/items/{id}"), &tokens["admin"])
            .send()
            .await
            .json;
        directs.push(direct.clone());
        let direct = serde_json::to_value(&direct).unwrap();
        assert_eq!(comparable(&stored), comparable(&direct), "seed {seed}");
    }
    // The report the server counts from its columns is the engine's over the items.
    let list = ItemList {
        items: directs,
        ..ItemList::default()
    };
    let day = yaojian::date::parse_date(&today()).unwrap();
    let expected = cl::report(&list, day, cl::DUE_SOON_DAYS, Lang::ZhCn);
    let r = s.get("/report", &tokens["admin"]).send().await;
    assert_eq!(r.json, serde_json::to_value(&expected).unwrap());
    assert!(expected.counts.overdue > 0 && expected.counts.due_soon > 0);
    assert!(!expected.open_case.is_empty());
}

#[tokio::test]
async fn two_people_acting_on_one_revision_at_once_never_both_win() {
    for s in servers().await {
        let insp = s.token(Role::Inspector, "i-fz", None, Some("350100"));
        let other = s.token(Role::Inspector, "i-fj", None, Some("350000"));
        for round in 0..20 {
            let r = s
                .call("POST", "/items")
                .token(&insp)
                .json(&new_item())
                .send()
                .await;
            let id = r.json["id"].as_str().unwrap().to_string();
            let edit = |token: &String, person: String| {
                let (s, token, id) = (s.clone(), token.clone(), id.clone());
                tokio::spawn(async move {
                    let call = s.call("PATCH", &format!("/items/{id}")).token(&token);
                    call.header("if-match", "1")
                        .json(&json!({"person": person}))
                        .send()
                        .await
                        .status
                })
            };
            let (a, b) = (
                edit(&insp, format!("甲{round}")),
                edit(&other, format!("乙{round}")),
            );
            let mut got = [a.await.unwrap().as_u16(), b.await.unwrap().as_u16()];
            got.sort();
            assert_eq!(got, [200, 409], "{} round {round}", s.url);
            let item = s.get(&format!("/items/{id}"), &insp).send().await.json;
            assert_eq!(
                (
                    item["revision"].as_i64(),
                    item["history"].as_array().unwrap().len()
                ),
                (Some(2), 2)
            );
        }
    }
}

#[tokio::test]
async fn hostile_input_is_refused_with_its_path() {
    let s = server(&sqlite_url()).await;
    let insp = s.token(Role::Inspector, "i-fz", None, Some("350100"));
    let post = |body: Value| s.call("POST", "/items").token(&insp).json(&body).send();
    for (field, value, code) in [
        ("problem", json!("问".repeat(2_001)), "checklist.too_long"),
        ("unit", json!("单".repeat(201)), "checklist.too_long"),
        ("person", json!("李\u{0000}四"), "text.hidden_char"),
        ("unit", json!("示例\u{202e}医药"), "text.hidden_char"),
        ("id", json!("ZG\nX"), "text.hidden_char"),
        ("deadline", json!("2099-02-30"), "date.no_such_date"),
        ("org", json!("91350100M000100Y44"), "uscc.checksum"),
    ] {
        let mut body = new_item();
        body[field] = value;
        let r = post(body).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}: {}",
            r.text
        );
        assert_eq!(
            r.codes()[0],
            (format!("$.{field}"), code.to_string()),
            "{field}"
        );
    }
    let mut measures = new_item();
    measures["measures"] = json!(["措".repeat(4_001)]);
    assert_eq!(post(measures).await.codes()[0].1, "checklist.too_long");
    let mut unknown = new_item();
    unknown["owner"] = json!("x");
    assert_eq!(post(unknown).await.codes()[0].0, "$.owner");
    let id = post(new_item()).await.json["id"]
        .as_str()
        .unwrap()
        .to_string();
    let ent = s.token(Role::Enterprise, "ent-a", Some(ORG_A), None);
    for tag in [
        "abc",
        "-1",
        "1.5",
        "\"1",
        "1, 2",
        "99999999999999999999",
        "",
    ] {
        let r = s
            .call("POST", &format!("/items/{id}/actions"))
            .token(&ent)
            .header("if-match", tag)
            .json(&json!({"action": "start"}))
            .send()
            .await;
        assert_eq!(
            r.status,
            StatusCode::BAD_REQUEST,
            "If-Match {tag:?}: {}",
            r.text
        );
    }
    let r = s
        .call("POST", &format!("/items/{id}/actions"))
        .token(&ent)
        .header("if-match", "1")
        .json(&json!({"action": "start", "note": "注".repeat(1_001)}))
        .send()
        .await;
    assert_eq!(
        r.codes()[0],
        ("$.note".to_string(), "checklist.too_long".to_string())
    );
}
