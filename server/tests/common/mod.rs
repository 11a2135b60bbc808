//! What the server's tests share: a server on each database (SQLite always; PostgreSQL
//! when `YAOJIAN_TEST_POSTGRES` names a cluster, which `scripts/test.sh` starts), tokens
//! for each role, and valid submissions built with the engine.
#![allow(dead_code)]

pub mod http;
pub mod process;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};
use tower::ServiceExt;
use yaojian::form::answers::{submit, FindingAnswer, Findings};
use yaojian::form::{built_in, Answers};
use yaojian::Lang;
use yaojian_server::token::{now_secs, Claims, Key, Role};
use yaojian_server::{store::Db, AppState, Options};

pub const SECRET: &[u8] = b"test secret of the yaojian server 0123";
/// Two enterprises in two regions.
pub const ORG_A: &str = "91350100M000100Y43";
pub const ORG_B: &str = "91110000MA0123456P";

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A unique name for a database or file.
pub fn unique(prefix: &str) -> String {
    format!(
        "{prefix}_{}_{}_{}",
        std::process::id(),
        now_secs(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// The PostgreSQL cluster to test on, if any. Under CI one is required: the test
/// command starts it, and a missing one must fail rather than pass unseen.
pub fn postgres_admin_url() -> Option<String> {
    match std::env::var("YAOJIAN_TEST_POSTGRES") {
        Ok(u) if !u.is_empty() => Some(u),
        _ => {
            assert!(
                std::env::var("CI").is_err(),
                "CI must run the PostgreSQL tests: set YAOJIAN_TEST_POSTGRES"
            );
            None
        }
    }
}

/// A new SQLite database file's URL.
pub fn sqlite_url() -> String {
    let dir = std::env::temp_dir().join(unique("yaojian-server-test"));
    std::fs::create_dir_all(&dir).unwrap();
    format!("sqlite:{}", dir.join("db.sqlite").display())
}

/// Removes the folder of a SQLite database made by [`sqlite_url`] (a bench's holds
/// hundreds of megabytes); other URLs are left alone.
pub fn remove_sqlite(url: &str) {
    if let Some(dir) = url
        .strip_prefix("sqlite:")
        .and_then(|p| std::path::Path::new(p).parent())
    {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// Every database URL a test runs against, each a new empty database.
pub async fn database_urls() -> Vec<String> {
    let mut urls = vec![sqlite_url()];
    if let Some(admin) = postgres_admin_url() {
        urls.push(new_postgres_database(&admin).await);
    }
    urls
}

/// Creates an empty database on the cluster and returns its URL.
pub async fn new_postgres_database(admin: &str) -> String {
    let name = unique("yj").to_lowercase();
    let db = Db::connect(admin)
        .await
        .expect("the PostgreSQL cluster answers");
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&db.pool)
        .await
        .unwrap();
    db.pool.close().await;
    let (base, _) = admin.rsplit_once('/').unwrap();
    format!("{base}/{name}")
}

/// A server in this process on one database.
#[derive(Clone)]
pub struct TestServer {
    pub url: String,
    pub router: axum::Router,
    pub key: Key,
    pub db: Db,
}

pub async fn server(url: &str) -> TestServer {
    let db = Db::open(url).await.unwrap_or_else(|e| panic!("{url}: {e}"));
    let key = Key::from_secret(SECRET).unwrap();
    let router = yaojian_server::app(
        AppState::new(db.clone(), key.clone(), false),
        &Options::default(),
    );
    TestServer {
        url: url.to_string(),
        router,
        key,
        db,
    }
}

/// A server on each database.
pub async fn servers() -> Vec<TestServer> {
    let mut out = Vec::new();
    for url in database_urls().await {
        out.push(server(&url).await);
    }
    out
}

/// A response: status, headers, body as text and (when JSON) as a value.
pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub text: String,
    pub json: Value,
}

impl Reply {
    /// The error codes of an error reply, after checking it has the one error shape.
    pub fn codes(&self) -> Vec<(String, String)> {
        assert_error_shape(&self.json, &self.text);
        self.json["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["path"].as_str().unwrap().to_string(),
                    e["code"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    }
}

/// `{"errors":[{path, code, message}]}` with at least one error, each message worded.
pub fn assert_error_shape(v: &Value, text: &str) {
    let errors = v["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("not the error shape: {text}"));
    assert!(!errors.is_empty(), "{text}");
    for e in errors {
        for k in ["path", "code", "message"] {
            assert!(
                e[k].as_str().is_some_and(|s| !s.is_empty()),
                "{k} missing in {text}"
            );
        }
        assert_ne!(
            e["message"], e["code"],
            "a message is words, not the code: {text}"
        );
    }
}

/// A request builder on a [`TestServer`].
pub struct Call<'a> {
    server: &'a TestServer,
    req: axum::http::request::Builder,
    body: Body,
}

impl TestServer {
    pub fn call(&self, method: &str, path: &str) -> Call<'_> {
        Call {
            server: self,
            req: Request::builder()
                .method(method)
                .uri(format!("/api/v1{path}")),
            body: Body::empty(),
        }
    }

    pub fn get(&self, path: &str, token: &str) -> Call<'_> {
        self.call("GET", path).token(token)
    }

    /// A token for `role` signed with this server's key.
    pub fn token(&self, role: Role, sub: &str, org: Option<&str>, region: Option<&str>) -> String {
        self.key.sign(&claims(role, sub, org, region))
    }

    pub fn is_postgres(&self) -> bool {
        self.url.starts_with("postgres")
    }
}

pub fn claims(role: Role, sub: &str, org: Option<&str>, region: Option<&str>) -> Claims {
    Claims {
        sub: sub.into(),
        role,
        org: org.map(Into::into),
        region: region.map(Into::into),
        exp: now_secs() + 600,
        iat: None,
        nbf: None,
    }
}

impl Call<'_> {
    pub fn token(mut self, token: &str) -> Self {
        self.req = self.req.header("authorization", format!("Bearer {token}"));
        self
    }

    pub fn header(mut self, k: &str, v: &str) -> Self {
        self.req = self.req.header(k, v);
        self
    }

    pub fn json(mut self, v: &Value) -> Self {
        self.req = self.req.header("content-type", "application/json");
        self.body = Body::from(v.to_string());
        self
    }

    pub fn raw(mut self, content_type: &str, body: impl Into<Body>) -> Self {
        self.req = self.req.header("content-type", content_type);
        self.body = body.into();
        self
    }

    pub async fn send(self) -> Reply {
        let req = self.req.body(self.body).unwrap();
        let res = self.server.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let json = serde_json::from_str(&text).unwrap_or(Value::Null);
        if status.is_client_error() || status.is_server_error() {
            assert_error_shape(&json, &text);
        }
        Reply {
            status,
            headers,
            text,
            json,
        }
    }
}

/// Today in China Standard Time, `YYYY-MM-DD`.
pub fn today() -> String {
    yaojian::date::cst_date_from_unix_millis(yaojian::date::now_unix_millis()).to_string()
}

/// A complete, clean personal self-inspection for the representative `name`.
pub fn clean_answers(name: &str, org: &str) -> Answers {
    json!({
        "name": name, "id_number": "11010519491231002X", "phone": "13800138000",
        "mah_name": "示例药业有限公司", "mah_uscc": org,
        "filed": true, "filing_date": "2025-03-01", "contract": "labour_contract",
        "b_unfiled": false, "b_no_consent": false, "b_sales": false, "b_prescriptions": false,
        "b_funding": false, "b_misleading": false, "b_kickbacks": false,
        "activity_count": 0,
        "attestation": {"agreed": true, "name": name, "date": today()}
    })
    .as_object()
    .unwrap()
    .clone()
}

/// A valid submission document of the personal template, as the widget builds it.
pub fn submission(name: &str, org: &str, finding: bool) -> Value {
    let t = built_in("representative-personal").unwrap();
    let mut a = clean_answers(name, org);
    let mut f = Findings::new();
    if finding {
        a.insert("b_kickbacks".into(), json!(true));
        f.insert(
            "b_kickbacks".into(),
            FindingAnswer {
                explanation: "节日向药剂科人员赠送购物卡".into(),
                measure: "收回并登记，全员培训".into(),
                deadline: today(),
                ..Default::default()
            },
        );
    }
    let now = yaojian::date::now_unix_millis();
    let s = submit(&t, &a, &f, None, None, now, Lang::ZhCn).unwrap_or_else(|e| panic!("{e:?}"));
    serde_json::to_value(s).unwrap()
}

/// A template that names no `filers`, so every role that files may file it: one text
/// question, `q`.
pub fn open_template() -> Value {
    json!({"schema": "yaojian/form/1", "id": "t-open", "version": "1", "title": "T",
        "sections": [{"id": "s", "title": "S", "questions": [{"id": "q", "kind": "text", "label": "Q"}]}]})
}

/// Publishes [`open_template`] (as an admin).
pub async fn publish_open_template(s: &TestServer) {
    let admin = s.token(Role::Admin, "admin", None, None);
    let r = s
        .call("PUT", "/templates/t-open/1")
        .token(&admin)
        .json(&open_template())
        .send()
        .await;
    assert!(r.status.is_success(), "{}", r.text);
}

/// A valid submission of [`open_template`], answering `q` with `text`.
pub fn open_submission(text: &str) -> Value {
    let t = yaojian::form::Template::from_value(open_template()).unwrap();
    let a = json!({"q": text}).as_object().unwrap().clone();
    let now = yaojian::date::now_unix_millis();
    let s = submit(&t, &a, &Findings::new(), None, None, now, Lang::ZhCn).unwrap();
    serde_json::to_value(s).unwrap()
}

/// An action on item `id` made on revision `rev` (`If-Match`), by `token`.
pub async fn act(s: &TestServer, token: &str, id: &str, rev: i64, body: Value) -> Reply {
    s.call("POST", &format!("/items/{id}/actions"))
        .token(token)
        .header("if-match", &format!("\"{rev}\""))
        .json(&body)
        .send()
        .await
}

/// Files `doc` as `token` with idempotency key `key`; its reference (201 expected).
pub async fn file(s: &TestServer, token: &str, key: &str, doc: &Value) -> String {
    let r = s
        .call("POST", "/submissions")
        .token(token)
        .header("idempotency-key", key)
        .json(doc)
        .send()
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    r.json["reference"].as_str().unwrap().to_string()
}
