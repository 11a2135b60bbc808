//! Prints the figures of shared rectification items (never asserts them): with 50,000
//! items stored, on SQLite and, when `YAOJIAN_TEST_POSTGRES` names a cluster, on
//! PostgreSQL, the p50/p99 on loopback of the first page with counts, a filter change
//! (by stored columns, and overdue), a transition, and `/report`; and the time to import
//! the findings of 10,000 stored filings in one request.
//! `cargo bench -p yaojian-server --bench items`.

#[path = "../tests/common/mod.rs"]
mod common;
use common::http::http;
use common::process::{free_port, key_file, start, start_with};
use common::*;
use serde_json::json;
use std::time::{Duration, Instant};
use yaojian_server::token::Role;

const STORED: usize = 50_000;
/// Filings with one finding each, imported in one request.
const FILINGS: usize = 10_000;
const ROUNDS: usize = 60;

/// One stored item's row: (id, status, unit, deadline, body, problem).
fn row(n: usize) -> (String, &'static str, String, String, String, String) {
    let status = ["pending", "in_progress", "awaiting_reinspection", "closed"][n % 4];
    let deadline = if n.is_multiple_of(10) {
        "2020-06-30"
    } else {
        "2099-06-30"
    };
    let unit = format!("单位{}", n % 200);
    let id = format!("ZG-2026-{n:05}");
    let close_out = if status == "closed" {
        json!({"approver": "赵六", "date": "2026-01-02"})
    } else {
        json!(null)
    };
    let body = json!({"id": id, "list": "rectification", "source": "inspection",
        "problem": format!("冷库温度记录不全{n}"), "provision": "药品经营质量管理规范第八十三条",
        "legal_basis": "《中华人民共和国药品管理法》第一百二十六条", "rule": "dal-126",
        "measures": ["补全记录", "培训保管员"], "unit": unit, "person": "李四", "mode": "deadline",
        "deadline": deadline, "status": status, "evidence": [], "reinspections": [], "close_out": close_out});
    let problem = format!("冷库温度记录不全{n}");
    (
        id,
        status,
        unit,
        deadline.to_string(),
        body.to_string(),
        problem,
    )
}

/// Stores the items straight into the database, 200 rows a statement.
async fn store_items(url: &str) {
    let db = yaojian_server::store::Db::open(url).await.unwrap();
    let mut tx = db.pool.begin().await.unwrap();
    for start in (0..STORED).step_by(200) {
        let rows: Vec<_> = (start..(start + 200).min(STORED)).map(row).collect();
        // Constants of the bench and placeholders only; every value is bound.
        let item = |i: usize| {
            let p = |k: usize| format!("${}", i * 5 + k);
            let (id, status, unit, deadline, problem) = (p(1), p(2), p(3), p(4), p(5));
            format!(
                "({id}, '{ORG_A}', '350100', 'rectification', 'inspection', {status}, {unit}, \
                 '李四', {deadline}, 'dal-126', {problem}, '药品经营质量管理规范第八十三条', 2, 1, \
                 'now', 'now')"
            )
        };
        let values: Vec<String> = (0..rows.len()).map(item).collect();
        let sql = format!(
            "INSERT INTO items (id, org, region, list, source, status, unit, person, deadline, \
             rule, problem, provision, measures, revision, created_at, updated_at) VALUES {}",
            values.join(", ")
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (id, status, unit, deadline, _, problem) in &rows {
            q = q.bind(id.clone()).bind(*status).bind(unit.clone());
            q = q.bind(deadline.clone()).bind(problem.clone());
        }
        q.execute(&mut *tx).await.unwrap();
        let bodies: Vec<String> = (0..rows.len())
            .map(|i| format!("(${}, ${})", i * 2 + 1, i * 2 + 2))
            .collect();
        let sql = format!(
            "INSERT INTO item_bodies (item_id, body) VALUES {}",
            bodies.join(", ")
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (id, _, _, _, body, _) in rows {
            q = q.bind(id).bind(body);
        }
        q.execute(&mut *tx).await.unwrap();
    }
    tx.commit().await.unwrap();
    // PostgreSQL's statistics, as autovacuum keeps them on a database in use.
    if url.starts_with("postgres") {
        sqlx::query("ANALYZE").execute(&db.pool).await.unwrap();
    }
    db.pool.close().await;
}

/// Stores `FILINGS` filings of the personal self-inspection, each with one finding,
/// straight into the database.
async fn store_filings(url: &str) {
    let db = yaojian_server::store::Db::open(url).await.unwrap();
    let t = yaojian::form::built_in("representative-personal").unwrap();
    let mut tx = db.pool.begin().await.unwrap();
    let mut references = std::collections::HashSet::new();
    for i in 0..FILINGS {
        // A filing's own reference has 32 bits (the server issues 64-bit keyed ones): two
        // of 10,000 filed on one day share one about once in 90 runs, which the table's
        // UNIQUE refuses. Such a filing is made again under another name.
        let reference_of =
            |body: &serde_json::Value| body["reference"].as_str().unwrap().to_string();
        let body = (0..)
            .map(|n| submission(&format!("代表{i}{}", "乙".repeat(n)), ORG_A, true))
            .find(|body| references.insert(reference_of(body)))
            .unwrap();
        let reference = reference_of(&body);
        sqlx::query(
            "INSERT INTO submissions (reference, template_id, template_version, owner_sub, \
             owner_role, owner_org, owner_region, idempotency_key, request_digest, received_at, \
             body) VALUES ($1, $2, $3, 'bulk', 'representative', $4, '350100', $5, 'd', 'now', $6)",
        )
        .bind(reference)
        .bind(&t.id)
        .bind(&t.version)
        .bind(ORG_A)
        .bind(format!("bulk-{i}"))
        .bind(body.to_string())
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    db.pool.close().await;
}

/// Imports the findings of every stored filing in one request, then again (each one
/// already there): the time of each, and what the answers counted.
fn import_figure(addr: &str, auth: &str, label: &str) {
    for round in ["first", "again"] {
        let t0 = Instant::now();
        let body = json!({"template": "representative-personal"}).to_string();
        let (status, v) = http(
            addr,
            "POST",
            "/api/v1/items/import",
            Some(&body),
            &[("Authorization", auth)],
        )
        .unwrap();
        let took = t0.elapsed().as_secs_f64();
        assert_eq!(status, 200, "{v}");
        let (added, already) = (v["added"].as_u64().unwrap(), v["already"].as_u64().unwrap());
        let expected = if round == "first" {
            (FILINGS, 0)
        } else {
            (0, FILINGS)
        };
        assert_eq!((added as usize, already as usize), expected);
        println!(
            "figure: {label}: import of {FILINGS} findings from {FILINGS} filings ({round}: \
             {added} added, {already} already): {took:.2} s"
        );
    }
}

fn percentiles(mut l: Vec<Duration>) -> (f64, f64) {
    l.sort();
    let at = |p: f64| l[((l.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1000.0;
    (at(0.5), at(0.99))
}

/// p50/p99 of `ROUNDS` requests made by `request` (given the round's number).
fn timed(label: &str, what: &str, request: impl Fn(usize) -> u16) {
    let mut l = Vec::with_capacity(ROUNDS);
    for n in 0..ROUNDS {
        let t0 = Instant::now();
        let status = request(n);
        l.push(t0.elapsed());
        assert!(status == 200, "{what}: {status}");
    }
    let (p50, p99) = percentiles(l);
    println!(
        "figure: {label}: {what} with {STORED} items stored: p50 {p50:.1} ms, p99 {p99:.1} ms"
    );
}

fn run(url: &str, label: &str) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(store_items(url));
    rt.block_on(store_filings(url));
    let s = start(url, &key_file(), free_port());
    let k = yaojian_server::token::Key::from_secret(SECRET).unwrap();
    let insp = format!(
        "Bearer {}",
        k.sign(&claims(Role::Inspector, "i-fj", None, Some("350000")))
    );
    let ent = format!(
        "Bearer {}",
        k.sign(&claims(Role::Enterprise, "ent-a", Some(ORG_A), None))
    );
    let get = |path: &str, auth: &str| {
        http(
            &s.addr,
            "GET",
            &format!("/api/v1{path}"),
            None,
            &[("Authorization", auth)],
        )
        .map_or(0, |r| r.0)
    };
    timed(label, "first page of 50 with counts", |_| {
        get("/items?limit=50", &insp)
    });
    timed(label, "filter change (status and unit)", |n| {
        get(
            &format!(
                "/items?status=in_progress&unit=%E5%8D%95%E4%BD%8D{}",
                n % 200
            ),
            &insp,
        )
    });
    timed(label, "filter change (overdue)", |_| {
        get("/items?overdue=true", &insp)
    });
    timed(label, "transition (start)", |n| {
        let id = format!("ZG-2026-{:05}", n * 4);
        let path = format!("/api/v1/items/{id}/actions");
        let body = json!({"action": "start"}).to_string();
        http(
            &s.addr,
            "POST",
            &path,
            Some(&body),
            &[("Authorization", &ent), ("If-Match", "1")],
        )
        .map_or(0, |r| r.0)
    });
    timed(label, "/report", |_| get("/report", &insp));
    if url.starts_with("sqlite") {
        widget_figures(url, &insp, &ent);
    }
    import_figure(&s.addr, &insp, label);
}

/// The figures through `<yj-rectification endpoint>` in headless Chromium
/// (`scripts/widget-figures.mjs`), the server serving the release bundle (`dist/`) and the
/// bench pages; said not measured when there is no bundle.
fn widget_figures(url: &str, insp: &str, ent: &str) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let (dist, bench) = (root.join("dist"), root.join("bench"));
    if !dist.join("yaojian.js").exists() {
        println!("figure: rectification widget: not measured (no dist/: run scripts/release.sh)");
        return;
    }
    let (dist, bench) = (dist.to_string_lossy(), bench.to_string_lossy());
    let more = ["--dist", &dist, "--site", &bench];
    let w = start_with(url, &key_file(), free_port(), &more);
    let token = |bearer: &str| bearer.trim_start_matches("Bearer ").to_string();
    let ran = std::process::Command::new("node")
        .current_dir(&root)
        .args(["scripts/widget-figures.mjs", &format!("http://{}", w.addr)])
        .args([token(insp), token(ent)])
        .arg(format!("rectification widget (SQLite, {STORED} items)"))
        .status();
    assert!(
        ran.as_ref().is_ok_and(|s| s.success()),
        "node scripts/widget-figures.mjs: {ran:?}"
    );
}

fn main() {
    let sqlite = sqlite_url();
    run(&sqlite, "items (SQLite)");
    remove_sqlite(&sqlite);
    if let Some(admin) = std::env::var("YAOJIAN_TEST_POSTGRES")
        .ok()
        .filter(|u| !u.is_empty())
    {
        let rt = tokio::runtime::Runtime::new().unwrap();
        let url = rt.block_on(new_postgres_database(&admin));
        run(&url, "items (PostgreSQL)");
    }
}
