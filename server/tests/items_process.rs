//! Items and notices across server processes (issue 31): two processes on one
//! PostgreSQL never let two changes on one revision both win and number 1,000 notices
//! 1 to 1,000; a server killed with SIGKILL in a burst of actions keeps every
//! acknowledged action exactly once.

mod common;
use common::http::http;
use common::process::{free_port, key_file, on_new_postgres, start, Process};
use common::*;
use serde_json::{json, Value};
use std::sync::Mutex;
use yaojian_server::token::Role;

fn bearer(role: Role, sub: &str, org: Option<&str>, region: Option<&str>) -> String {
    let k = yaojian_server::token::Key::from_secret(SECRET).unwrap();
    format!("Bearer {}", k.sign(&claims(role, sub, org, region)))
}

fn call(
    addr: &str,
    method: &str,
    path: &str,
    body: &Value,
    auth: &str,
    rev: Option<i64>,
) -> Option<(u16, Value)> {
    let tag = rev.map(|r| format!("\"{r}\""));
    let mut headers = vec![("Authorization", auth)];
    if let Some(t) = &tag {
        headers.push(("If-Match", t));
    }
    let body = body.to_string();
    http(
        addr,
        method,
        &format!("/api/v1{path}"),
        Some(&body),
        &headers,
    )
}

fn new_item(addr: &str, auth: &str, n: usize) -> String {
    let body = json!({"org": ORG_A, "list": "rectification", "source": "inspection",
        "problem": format!("问题{n}"), "measures": ["补全记录"], "unit": "示例医药", "person": "李四",
        "mode": "deadline", "deadline": "2099-12-31"});
    let (status, v) = call(addr, "POST", "/items", &body, auth, None).unwrap();
    assert_eq!(status, 201, "{v}");
    v["id"].as_str().unwrap().to_string()
}

/// The number of `action` entries in item `id`'s history.
fn entries(addr: &str, auth: &str, id: &str, action: &str) -> usize {
    let (status, v) = http(
        addr,
        "GET",
        &format!("/api/v1/items/{id}"),
        None,
        &[("Authorization", auth)],
    )
    .unwrap();
    assert_eq!(status, 200, "{v}");
    v["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["action"] == action)
        .count()
}

/// Starts every item from 16 threads; SIGKILL after `kill_after` acknowledgements.
/// Returns the items whose start was acknowledged.
fn burst_of_starts(
    p: &Mutex<Process>,
    ent: &str,
    ids: &[String],
    kill_after: usize,
) -> Vec<String> {
    let next = Mutex::new(0usize);
    let acked = Mutex::new(Vec::new());
    let addr = p.lock().unwrap().addr.clone();
    std::thread::scope(|scope| {
        for _ in 0..16 {
            scope.spawn(|| loop {
                let i = {
                    let mut n = next.lock().unwrap();
                    *n += 1;
                    *n - 1
                };
                let Some(id) = ids.get(i) else { return };
                let path = format!("/items/{id}/actions");
                if let Some((200, _)) = call(
                    &addr,
                    "POST",
                    &path,
                    &json!({"action": "start"}),
                    ent,
                    Some(1),
                ) {
                    let mut a = acked.lock().unwrap();
                    a.push(id.clone());
                    if a.len() == kill_after {
                        let _ = p.lock().unwrap().child.kill();
                    }
                }
            });
        }
    });
    acked.into_inner().unwrap()
}

fn killed_in_a_burst_of_actions(database: &str) {
    let (key, port) = (key_file(), free_port());
    let p = Mutex::new(start(database, &key, port));
    let insp = bearer(Role::Inspector, "i-fz", None, Some("350100"));
    let ent = bearer(Role::Enterprise, "ent-a", Some(ORG_A), None);
    let addr = p.lock().unwrap().addr.clone();
    let ids: Vec<String> = (0..600).map(|n| new_item(&addr, &insp, n)).collect();
    let acked = burst_of_starts(&p, &ent, &ids, 200);
    assert!(
        acked.len() >= 200 && acked.len() < 600,
        "killed mid-burst: {}",
        acked.len()
    );
    p.lock().unwrap().child.wait().unwrap();
    let restarted = start(database, &key, port);
    let addr = restarted.addr.clone();
    // Every acknowledged start is there once; the rest are started once by a retry on
    // revision 1, which is refused as stale where the killed server had done it.
    for id in &ids {
        if !acked.contains(id) {
            let (status, v) = call(
                &addr,
                "POST",
                &format!("/items/{id}/actions"),
                &json!({"action": "start"}),
                &ent,
                Some(1),
            )
            .unwrap();
            assert!(
                status == 200 || (status == 409 && v["current"]["status"] == "in_progress"),
                "{status} {v}"
            );
        }
        assert_eq!(entries(&addr, &ent, id, "start"), 1, "{id}");
    }
}

#[test]
fn sigkill_in_a_burst_of_actions_keeps_each_once_on_sqlite() {
    killed_in_a_burst_of_actions(&sqlite_url());
}

#[tokio::test(flavor = "multi_thread")]
async fn sigkill_in_a_burst_of_actions_keeps_each_once_on_postgres() {
    on_new_postgres(|url| killed_in_a_burst_of_actions(&url)).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn two_servers_on_one_postgres_share_revisions_and_notice_numbers() {
    on_new_postgres(move |url| {
        let key = key_file();
        let a = start(&url, &key, free_port());
        let b = start(&url, &key, free_port());
        let fz = bearer(Role::Inspector, "i-fz", None, Some("350100"));
        let fj = bearer(Role::Inspector, "i-fj", None, Some("350000"));
        for round in 0..20 {
            let id = new_item(&a.addr, &fz, round);
            let path = format!("/items/{id}");
            let (sa, sb) = std::thread::scope(|s| {
                let x = s.spawn(|| {
                    call(
                        &a.addr,
                        "PATCH",
                        &path,
                        &json!({"person": "甲"}),
                        &fz,
                        Some(1),
                    )
                    .unwrap()
                    .0
                });
                let y = s.spawn(|| {
                    call(
                        &b.addr,
                        "PATCH",
                        &path,
                        &json!({"person": "乙"}),
                        &fj,
                        Some(1),
                    )
                    .unwrap()
                    .0
                });
                (x.join().unwrap(), y.join().unwrap())
            });
            let mut got = [sa, sb];
            got.sort();
            assert_eq!(got, [200, 409], "round {round}");
        }
        // 1,000 notices from 16 threads across the two servers: 1 to 1,000.
        let id = new_item(&a.addr, &fz, 99);
        let next = Mutex::new(0usize);
        let numbers = Mutex::new(Vec::new());
        std::thread::scope(|s| {
            for t in 0..16 {
                let (next, numbers, fz, id) = (&next, &numbers, &fz, &id);
                let addr = if t % 2 == 0 {
                    a.addr.clone()
                } else {
                    b.addr.clone()
                };
                s.spawn(move || loop {
                    {
                        let mut n = next.lock().unwrap();
                        if *n >= 1000 {
                            return;
                        }
                        *n += 1;
                    }
                    let (status, v) =
                        call(&addr, "POST", "/notices", &json!({"items": [id]}), fz, None).unwrap();
                    assert_eq!(status, 201, "{v}");
                    let serial: u32 = v["number"]
                        .as_str()
                        .unwrap()
                        .trim_end_matches('号')
                        .rsplit('〕')
                        .next()
                        .unwrap()
                        .parse()
                        .unwrap();
                    numbers.lock().unwrap().push(serial);
                });
            }
        });
        let mut numbers = numbers.into_inner().unwrap();
        numbers.sort();
        assert_eq!(numbers, (1..=1000).collect::<Vec<u32>>());
    })
    .await;
}
