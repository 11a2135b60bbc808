//! The server as a process: killed with SIGKILL in the middle of a burst of 1,000
//! filings and restarted, every acknowledged filing is stored exactly once; and two
//! processes on one PostgreSQL serve the same data.

mod common;
use common::http::http;
use common::process::{free_port, key_file, on_new_postgres, start, Process};
use common::*;
use std::sync::{Arc, Mutex};
use yaojian_server::token::Role;

/// Files `n` submissions from `workers` threads; kills the server after `kill_after`
/// acknowledgements. Returns the acknowledged (key → reference).
fn burst(
    p: &Mutex<Process>,
    token: &str,
    docs: &[String],
    kill_after: usize,
) -> Vec<(usize, String)> {
    let next = Arc::new(Mutex::new(0usize));
    let acked = Arc::new(Mutex::new(Vec::new()));
    let addr = p.lock().unwrap().addr.clone();
    std::thread::scope(|scope| {
        for _ in 0..16 {
            scope.spawn(|| loop {
                let i = {
                    let mut n = next.lock().unwrap();
                    if *n >= docs.len() {
                        return;
                    }
                    *n += 1;
                    *n - 1
                };
                let key = format!("burst-{i}");
                let auth = format!("Bearer {token}");
                let r = http(
                    &addr,
                    "POST",
                    "/api/v1/submissions",
                    Some(&docs[i]),
                    &[("Authorization", &auth), ("Idempotency-Key", &key)],
                );
                if let Some((201, v)) = r {
                    let mut a = acked.lock().unwrap();
                    a.push((i, v["reference"].as_str().unwrap().to_string()));
                    if a.len() == kill_after {
                        // SIGKILL, by the process id this test started.
                        let _ = p.lock().unwrap().child.kill();
                    }
                }
            });
        }
    });
    Arc::try_unwrap(acked).unwrap().into_inner().unwrap()
}

fn stored(addr: &str, admin: &str) -> Vec<String> {
    let mut refs = Vec::new();
    let mut path = "/api/v1/submissions?limit=500".to_string();
    loop {
        let (status, page) = http(
            addr,
            "GET",
            &path,
            None,
            &[("Authorization", &format!("Bearer {admin}"))],
        )
        .unwrap();
        assert_eq!(status, 200);
        refs.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["reference"].as_str().unwrap().to_string()),
        );
        match page["next"].as_str() {
            Some(n) => path = format!("/api/v1/submissions?limit=500&after={n}"),
            None => return refs,
        }
    }
}

fn killed_and_restarted(database: &str) {
    let key = key_file();
    let port = free_port();
    let p = Mutex::new(start(database, &key, port));
    let k = yaojian_server::token::Key::from_secret(SECRET).unwrap();
    let rep = k.sign(&claims(Role::Representative, "burst", Some(ORG_A), None));
    let admin = k.sign(&claims(Role::Admin, "admin", None, None));
    let docs: Vec<String> = (0..1000)
        .map(|i| submission(&format!("代表{i}"), ORG_A, i % 3 == 0).to_string())
        .collect();
    let before = burst(&p, &rep, &docs, 300);
    assert!(
        before.len() >= 300 && before.len() < 1000,
        "killed mid-burst: {} acknowledged",
        before.len()
    );
    p.lock().unwrap().child.wait().unwrap();
    // Restart on the same database and retry everything not acknowledged, same keys.
    let restarted = Mutex::new(start(database, &key, port));
    let done: std::collections::HashSet<usize> = before.iter().map(|(i, _)| *i).collect();
    let rest: Vec<(usize, String)> = (0..1000)
        .filter(|i| !done.contains(i))
        .map(|i| (i, docs[i].clone()))
        .collect();
    let retry_docs: Vec<String> = rest.iter().map(|(_, d)| d.clone()).collect();
    // The retry reuses each filing's own key: index back into the original numbering.
    let after: Vec<(usize, String)> = {
        let addr = restarted.lock().unwrap().addr.clone();
        rest.iter()
            .map(|(i, d)| {
                let auth = format!("Bearer {rep}");
                let key = format!("burst-{i}");
                let (status, v) = http(
                    &addr,
                    "POST",
                    "/api/v1/submissions",
                    Some(d),
                    &[("Authorization", &auth), ("Idempotency-Key", &key)],
                )
                .unwrap();
                assert!(status == 201, "{status} {v}");
                (*i, v["reference"].as_str().unwrap().to_string())
            })
            .collect()
    };
    assert_eq!(after.len(), retry_docs.len());
    let addr = restarted.lock().unwrap().addr.clone();
    let all = stored(&addr, &admin);
    assert_eq!(all.len(), 1000, "every filing stored exactly once");
    let unique: std::collections::HashSet<&String> = all.iter().collect();
    assert_eq!(unique.len(), 1000);
    for (_, r) in before.iter().chain(after.iter()) {
        assert!(unique.contains(r), "acknowledged {r} is stored");
    }
    // An acknowledged filing retried after the restart is answered, not stored again.
    let (i, r) = &before[0];
    let (status, v) = http(
        &addr,
        "POST",
        "/api/v1/submissions",
        Some(&docs[*i]),
        &[
            ("Authorization", &format!("Bearer {rep}")),
            ("Idempotency-Key", &format!("burst-{i}")),
        ],
    )
    .unwrap();
    assert_eq!((status, v["reference"].as_str()), (201, Some(r.as_str())));
    assert_eq!(stored(&addr, &admin).len(), 1000);
}

#[test]
fn sigkill_mid_burst_loses_and_doubles_nothing_on_sqlite() {
    killed_and_restarted(&sqlite_url());
}

#[tokio::test(flavor = "multi_thread")]
async fn sigkill_mid_burst_loses_and_doubles_nothing_on_postgres() {
    on_new_postgres(|url| killed_and_restarted(&url)).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn two_servers_on_one_postgres_serve_the_same_data() {
    on_new_postgres(move |url| {
        let key = key_file();
        // Both start at once: the migration lock lets exactly one migrate.
        let (a, b) = std::thread::scope(|s| {
            let a = s.spawn(|| start(&url, &key, free_port()));
            let b = s.spawn(|| start(&url, &key, free_port()));
            (a.join().unwrap(), b.join().unwrap())
        });
        let k = yaojian_server::token::Key::from_secret(SECRET).unwrap();
        let rep = format!(
            "Bearer {}",
            k.sign(&claims(Role::Representative, "two", Some(ORG_A), None))
        );
        let admin = k.sign(&claims(Role::Admin, "admin", None, None));
        let doc = submission("两台", ORG_A, false).to_string();
        let (s1, v1) = http(
            &a.addr,
            "POST",
            "/api/v1/submissions",
            Some(&doc),
            &[("Authorization", &rep), ("Idempotency-Key", "one")],
        )
        .unwrap();
        // The same key at the other server: the same answer, one row.
        let (s2, v2) = http(
            &b.addr,
            "POST",
            "/api/v1/submissions",
            Some(&doc),
            &[("Authorization", &rep), ("Idempotency-Key", "one")],
        )
        .unwrap();
        assert_eq!((s1, s2), (201, 201));
        assert_eq!(v1, v2);
        assert_eq!(stored(&b.addr, &admin), stored(&a.addr, &admin));
        assert_eq!(stored(&b.addr, &admin).len(), 1);
    })
    .await;
}
