//! 责令改正通知书 as issued: each numbered once, in the same transaction that takes its
//! number from the counter of its pattern and year, so numbers are consecutive and
//! never given twice; never changed afterwards. Their service (送达) is append only.

use super::items::{counter_next, insert_entry, Entry};
use super::{json, text, Arg, Conditions, Db, Scope, ScopeColumns};
use serde_json::Value;
use sqlx::any::AnyRow;

const SCOPE: ScopeColumns = ScopeColumns {
    owner: None,
    org: "org",
    region: "region",
};

/// What a notice is issued for and by whom; the number and body come from its serial.
pub struct Issue<'a> {
    /// The counter the serial comes from: one per pattern and year.
    pub counter: String,
    pub pattern: &'a str,
    pub year: i32,
    pub org: &'a str,
    pub region: &'a str,
    /// The history entry each item gets (its note becomes the number).
    pub entry: Entry,
    /// (id, status, revision) of each item.
    pub items: Vec<(String, String, i64)>,
}

/// A stored notice.
#[derive(Debug, Clone)]
pub struct StoredNotice {
    pub number: String,
    /// The pattern its number was made from.
    pub pattern: String,
    pub org: String,
    pub region: String,
    pub issued_by: String,
    pub issued_at: String,
    pub items: Vec<String>,
    /// The engine's notice.
    pub body: Value,
}

fn stored(row: &AnyRow) -> Result<StoredNotice, sqlx::Error> {
    Ok(StoredNotice {
        number: text(row, "number")?,
        pattern: text(row, "pattern")?,
        org: text(row, "org")?,
        region: text(row, "region")?,
        issued_by: text(row, "issued_by")?,
        issued_at: text(row, "issued_at")?,
        items: serde_json::from_value(json(row, "items")?).unwrap_or_default(),
        body: json(row, "body")?,
    })
}

/// Issues a notice: takes the next serial, `build` makes its number and body from it,
/// stores it and records it in each item's history, all in one transaction.
pub async fn issue(
    db: &Db,
    issue: Issue<'_>,
    build: impl FnOnce(i64) -> Result<(String, Value), String>,
) -> Result<Result<StoredNotice, String>, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let serial = counter_next(&mut tx, &issue.counter).await?;
    let (number, body) = match build(serial) {
        Ok(b) => b,
        Err(why) => return Ok(Err(why)),
    };
    let ids: Vec<&str> = issue.items.iter().map(|(id, _, _)| id.as_str()).collect();
    let row = sqlx::query(
        "INSERT INTO notices (number, pattern, year, serial, org, region, issued_by, issued_at, \
         items, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         RETURNING number, pattern, org, region, issued_by, issued_at, items, body",
    )
    .bind(&number)
    .bind(issue.pattern)
    .bind(issue.year)
    .bind(serial)
    .bind(issue.org)
    .bind(issue.region)
    .bind(&issue.entry.actor.sub)
    .bind(&issue.entry.at)
    .bind(serde_json::to_string(&ids).unwrap_or_else(|_| "[]".into()))
    .bind(body.to_string())
    .fetch_one(&mut *tx)
    .await?;
    for (id, status, revision) in &issue.items {
        let e = Entry {
            from: status.clone(),
            to: status.clone(),
            note: number.clone(),
            revision: *revision,
            ..issue.entry.clone()
        };
        insert_entry(&mut tx, id, &e).await?;
    }
    tx.commit().await?;
    Ok(Ok(stored(&row)?))
}

/// One notice by number, when it is inside the scope.
pub async fn one(
    db: &Db,
    scope: &Scope,
    number: &str,
) -> Result<Option<StoredNotice>, sqlx::Error> {
    let mut w = Conditions::default();
    scope.limit(&mut w, &SCOPE);
    w.push("number = ?", Arg::Text(number.to_string()));
    let sql = format!(
        "SELECT number, pattern, org, region, issued_by, issued_at, items, body FROM notices{}",
        w.sql()
    );
    let row = w.bind(sql).fetch_optional(&db.pool).await?;
    row.as_ref().map(stored).transpose()
}

/// A recorded service (送达) of a notice: the engine's `Service` and who recorded it when.
#[derive(Debug, Clone)]
pub struct RecordedService {
    pub service: Value,
    pub recorded_by: String,
    pub recorded_at: String,
}

/// Records a service of the notice `number`.
pub async fn record_service(
    db: &Db,
    number: &str,
    service: &Value,
    by: &str,
    at: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO notice_services (number, body, recorded_by, recorded_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(number)
    .bind(service.to_string())
    .bind(by)
    .bind(at)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// The services recorded for the notice `number`, oldest first.
pub async fn services(db: &Db, number: &str) -> Result<Vec<RecordedService>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT body, recorded_by, recorded_at FROM notice_services WHERE number = $1 ORDER BY seq",
    )
    .bind(number)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(RecordedService {
                service: json(r, "body")?,
                recorded_by: text(r, "recorded_by")?,
                recorded_at: text(r, "recorded_at")?,
            })
        })
        .collect()
}
