//! Stored self-inspection filings: inserted once per idempotency key and content, read
//! back in pages or one by one, always inside a [`Scope`].

use super::{json, seq, text, Arg, Conditions, Db, Scope, ScopeColumns};
use serde_json::Value;
use sqlx::any::AnyRow;
use sqlx::Row;

/// The columns a stored filing is read back with.
const COLUMNS: &str = "seq, reference, template_id, template_version, owner_sub, owner_role, \
                       owner_org, owner_region, received_at, body";

/// What a scope limits in `submissions`.
const SCOPE: ScopeColumns = ScopeColumns {
    owner: Some("owner_sub"),
    org: "owner_org",
    region: "owner_region",
};

/// Who filed, as the verified token said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    pub sub: String,
    pub role: String,
    /// 统一社会信用代码.
    pub org: String,
    /// 行政区划代码 the filing is counted in ("" when none).
    pub region: String,
}

/// A filing to store: the engine's checked submission (as JSON text) and what the server
/// adds to it.
#[derive(Debug, Clone)]
pub struct NewFiling<'a> {
    pub reference: &'a str,
    pub template_id: &'a str,
    pub template_version: &'a str,
    pub owner: &'a Owner,
    pub idempotency_key: &'a str,
    /// SHA-256 of the request body, to tell a replay from another body under the key.
    pub request_digest: &'a str,
    pub received_at: &'a str,
    pub body: &'a str,
}

/// A stored filing.
#[derive(Debug, Clone)]
pub struct Filing {
    /// Order of insertion: the cursor of pages.
    pub seq: i64,
    pub reference: String,
    pub received_at: String,
    pub template_id: String,
    pub template_version: String,
    pub owner: Owner,
    /// The submission as the engine checked it.
    pub body: Value,
}

fn filing(row: &AnyRow) -> Result<Filing, sqlx::Error> {
    Ok(Filing {
        seq: seq(row)?,
        reference: text(row, "reference")?,
        received_at: text(row, "received_at")?,
        template_id: text(row, "template_id")?,
        template_version: text(row, "template_version")?,
        owner: Owner {
            sub: text(row, "owner_sub")?,
            role: text(row, "owner_role")?,
            org: text(row, "owner_org")?,
            region: text(row, "owner_region")?,
        },
        body: json(row, "body")?,
    })
}

/// Stores a filing; `None` when one with the same key or the same reference and owner is
/// there already (nothing is stored then).
pub async fn insert(db: &Db, f: &NewFiling<'_>) -> Result<Option<Filing>, sqlx::Error> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO submissions (reference, template_id, template_version, owner_sub, \
         owner_role, owner_org, owner_region, idempotency_key, request_digest, received_at, body) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
         ON CONFLICT DO NOTHING RETURNING {COLUMNS}"
    )))
    .bind(f.reference)
    .bind(f.template_id)
    .bind(f.template_version)
    .bind(&f.owner.sub)
    .bind(&f.owner.role)
    .bind(&f.owner.org)
    .bind(&f.owner.region)
    .bind(f.idempotency_key)
    .bind(f.request_digest)
    .bind(f.received_at)
    .bind(f.body)
    .fetch_optional(&db.pool)
    .await?;
    row.as_ref().map(filing).transpose()
}

/// The filing a person stored under an idempotency key, with its request's digest.
pub async fn by_idempotency_key(
    db: &Db,
    sub: &str,
    key: &str,
) -> Result<Option<(Filing, String)>, sqlx::Error> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS}, request_digest FROM submissions \
         WHERE owner_sub = $1 AND idempotency_key = $2"
    )))
    .bind(sub)
    .bind(key)
    .fetch_optional(&db.pool)
    .await?;
    row.map(|r| Ok((filing(&r)?, text(&r, "request_digest")?)))
        .transpose()
}

/// Which filings a listing reads: a scope, optionally one template (and version).
#[derive(Debug, Clone)]
pub struct Filter {
    pub scope: Scope,
    pub template: Option<String>,
    pub version: Option<String>,
}

impl Filter {
    fn conditions(&self) -> Conditions {
        let mut w = Conditions::default();
        self.scope.limit(&mut w, &SCOPE);
        if let Some(t) = &self.template {
            w.push("template_id = ?", Arg::Text(t.clone()));
        }
        if let Some(v) = &self.version {
            w.push("template_version = ?", Arg::Text(v.clone()));
        }
        w
    }
}

/// The rows of `columns` after the cursor `after` (a `seq`), oldest first, at most `count`.
async fn after(
    db: &Db,
    filter: &Filter,
    columns: &str,
    after: i64,
    count: i64,
) -> Result<Vec<AnyRow>, sqlx::Error> {
    let mut w = filter.conditions();
    w.push("seq > ?", Arg::Int(after));
    let sql = format!(
        "SELECT {columns} FROM submissions{} ORDER BY seq LIMIT {}",
        w.sql(),
        count.max(0)
    );
    w.bind(sql).fetch_all(&db.pool).await
}

/// Up to `count` filings after the cursor `after` (a `seq`), oldest first.
pub async fn page(
    db: &Db,
    filter: &Filter,
    after_seq: i64,
    count: i64,
) -> Result<Vec<Filing>, sqlx::Error> {
    let rows = after(db, filter, COLUMNS, after_seq, count).await?;
    rows.iter().map(filing).collect()
}

/// Up to `count` submission bodies after `after`, oldest first, with the last `seq` read.
pub async fn bodies(
    db: &Db,
    filter: &Filter,
    after_seq: i64,
    count: i64,
) -> Result<(Vec<Value>, Option<i64>), sqlx::Error> {
    let rows = after(db, filter, "seq, body", after_seq, count).await?;
    let mut last = None;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        last = Some(seq(r)?);
        out.push(json(r, "body")?);
    }
    Ok((out, last))
}

/// How many filings of the filter's template each version has, in the scope, whatever
/// version the filter names; the versions in the order they were first filed on.
pub async fn version_counts(db: &Db, filter: &Filter) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let every_version = Filter {
        version: None,
        ..filter.clone()
    };
    let w = every_version.conditions();
    let sql = format!(
        "SELECT template_version, COUNT(*) AS n FROM submissions{} \
         GROUP BY template_version ORDER BY MIN(seq)",
        w.sql()
    );
    let rows = w.bind(sql).fetch_all(&db.pool).await?;
    rows.iter()
        .map(|r| Ok((text(r, "template_version")?, r.try_get::<i64, _>("n")?)))
        .collect()
}

/// One filing by its reference, when it is inside the scope.
pub async fn one(db: &Db, scope: &Scope, reference: &str) -> Result<Option<Filing>, sqlx::Error> {
    let mut w = Conditions::default();
    scope.limit(&mut w, &SCOPE);
    w.push("reference = ?", Arg::Text(reference.to_string()));
    let sql = format!("SELECT {COLUMNS} FROM submissions{}", w.sql());
    let row = w.bind(sql).fetch_optional(&db.pool).await?;
    row.as_ref().map(filing).transpose()
}
