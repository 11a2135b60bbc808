//! Prints the server's figures (never asserts them): filings accepted per second
//! (validated and committed) from 50 concurrent clients with p50/p99 latency, on SQLite
//! and, when `YAOJIAN_TEST_POSTGRES` names a cluster, on PostgreSQL; the summary of
//! 100,000 stored submissions; the CSV export of 100,000 rows with the server's peak
//! memory. `cargo bench -p yaojian-server --bench figures`.

#[path = "../tests/common/mod.rs"]
mod common;
use common::http::http;
use common::*;
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use yaojian_server::token::Role;

const CLIENTS: usize = 50;
const FILINGS: usize = 2_000;
const STORED: usize = 100_000;

struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(database: &str, key: &std::path::Path) -> Server {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let child = Command::new(env!("CARGO_BIN_EXE_yaojian-server"))
        .args(["serve", "--listen", &addr, "--database", database, "--key"])
        .arg(key)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    while http(&addr, "GET", "/api/v1/healthz", None, &[]).map(|r| r.0) != Some(200) {
        std::thread::sleep(Duration::from_millis(50));
    }
    Server { child, addr }
}

/// The server's peak resident memory so far, KiB (Linux).
fn peak_kib(s: &Server) -> u64 {
    std::fs::read_to_string(format!("/proc/{}/status", s.child.id()))
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn filings(s: &Server, label: &str) {
    let key = yaojian_server::token::Key::from_secret(SECRET).unwrap();
    let docs: Vec<String> = (0..FILINGS)
        .map(|i| submission(&format!("代表{i}"), ORG_A, i % 4 == 0).to_string())
        .collect();
    let next = Mutex::new(0usize);
    let latencies = Mutex::new(Vec::with_capacity(FILINGS));
    let started = Instant::now();
    std::thread::scope(|scope| {
        for c in 0..CLIENTS {
            let (next, latencies, docs, key) = (&next, &latencies, &docs, &key);
            scope.spawn(move || {
                let auth = format!(
                    "Bearer {}",
                    key.sign(&claims(
                        Role::Representative,
                        &format!("client-{c}"),
                        Some(ORG_A),
                        None
                    ))
                );
                loop {
                    let i = {
                        let mut n = next.lock().unwrap();
                        *n += 1;
                        *n - 1
                    };
                    if i >= docs.len() {
                        return;
                    }
                    let t0 = Instant::now();
                    let r = http(
                        &s.addr,
                        "POST",
                        "/api/v1/submissions",
                        Some(&docs[i]),
                        &[
                            ("Authorization", &auth),
                            ("Idempotency-Key", &format!("f{i}")),
                        ],
                    );
                    assert_eq!(r.map(|r| r.0), Some(201));
                    latencies.lock().unwrap().push(t0.elapsed());
                }
            });
        }
    });
    let total = started.elapsed().as_secs_f64();
    let mut l = latencies.into_inner().unwrap();
    l.sort();
    println!("figure: {label}: {:.0} filings/s accepted (validated and committed), {FILINGS} filings from {CLIENTS} clients", FILINGS as f64 / total);
    println!(
        "figure: {label}: filing latency p50 {:.1} ms, p99 {:.1} ms",
        percentile(&l, 0.5),
        percentile(&l, 0.99)
    );
}

async fn store_many(url: &str) {
    let db = yaojian_server::store::Db::connect(url).await.unwrap();
    let t = yaojian::form::built_in("representative-personal").unwrap();
    let docs: Vec<String> = (0..50)
        .map(|i| submission(&format!("批量{i}"), ORG_A, i % 3 == 0).to_string())
        .collect();
    let mut tx = db.pool.begin().await.unwrap();
    for i in 0..STORED {
        sqlx::query("INSERT INTO submissions (reference, template_id, template_version, owner_sub, owner_role, owner_org, owner_region, idempotency_key, request_digest, received_at, body) VALUES ($1, $2, $3, 'bulk', 'representative', $4, '350100', $5, 'd', 'now', $6)")
            .bind(format!("ZC-BULK-{i}")).bind(&t.id).bind(&t.version).bind(ORG_A).bind(format!("bulk-{i}")).bind(&docs[i % docs.len()])
            .execute(&mut *tx).await.unwrap();
    }
    tx.commit().await.unwrap();
    db.pool.close().await;
}

fn reads(s: &Server, label: &str) {
    let key = yaojian_server::token::Key::from_secret(SECRET).unwrap();
    let auth = format!(
        "Bearer {}",
        key.sign(&claims(Role::Admin, "admin", None, None))
    );
    // The CSV first, so its peak is not the summary's: the high-water mark only rises.
    let before = peak_kib(s);
    let t0 = Instant::now();
    let (status, len) = csv_len(&s.addr, &auth);
    assert_eq!(status, 200);
    println!("figure: {label}: CSV export of {STORED}+ rows, {:.1} MiB, in {:.2} s (server peak memory {} → {} MiB)", len as f64 / 1048576.0, t0.elapsed().as_secs_f64(), before / 1024, peak_kib(s) / 1024);
    let before = peak_kib(s);
    let t0 = Instant::now();
    let (status, sum) = http(
        &s.addr,
        "GET",
        "/api/v1/summary?template=representative-personal",
        None,
        &[("Authorization", &auth)],
    )
    .unwrap();
    assert_eq!(status, 200);
    println!("figure: {label}: summary of {} stored submissions in {:.2} s, {} rows (server peak memory {} → {} MiB)", sum["total"], t0.elapsed().as_secs_f64(), sum["rows"].as_array().map_or(0, Vec::len), before / 1024, peak_kib(s) / 1024);
}

/// Reads the CSV as it streams, keeping only its length.
fn csv_len(addr: &str, auth: &str) -> (u16, usize) {
    use std::io::{Read, Write};
    let mut c = std::net::TcpStream::connect(addr).unwrap();
    write!(c, "GET /api/v1/submissions.csv?template=representative-personal HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: {auth}\r\n\r\n").unwrap();
    let mut buf = [0u8; 65536];
    let mut head = Vec::new();
    let mut total = 0;
    loop {
        let n = c.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        if head.len() < 64 {
            head.extend_from_slice(&buf[..n.min(64)]);
        }
        total += n;
    }
    let status = String::from_utf8_lossy(&head)
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, total)
}

fn run(url: &str, label: &str) {
    let dir = std::env::temp_dir().join(unique("yaojian-figures"));
    std::fs::create_dir_all(&dir).unwrap();
    let key = dir.join("key");
    std::fs::write(&key, SECRET).unwrap();
    let s = start(url, &key);
    filings(&s, label);
    tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(store_many(url));
    reads(&s, label);
}

fn main() {
    let sqlite = sqlite_url();
    run(&sqlite, "server (SQLite)");
    remove_sqlite(&sqlite);
    let rt = tokio::runtime::Runtime::new().unwrap();
    if let Some(admin) = std::env::var("YAOJIAN_TEST_POSTGRES")
        .ok()
        .filter(|u| !u.is_empty())
    {
        let url = rt.block_on(new_postgres_database(&admin));
        run(&url, "server (PostgreSQL)");
    }
}
