//! The store: every SQL statement of the server, the row mapping and the seeding, one
//! file per resource. SQLite (one file, WAL) or PostgreSQL behind sqlx's `Any` driver,
//! the migrations shipped in this crate (run at start, in order, once), and the seeding
//! of the engine's built-in templates.
//!
//! The store knows rows, not requests: it never imports the handlers, `auth` or the
//! state (`tests/layering.rs`). What a caller may see reaches it as a [`Scope`].

pub mod items;
pub mod notices;
pub mod submissions;
pub mod templates;

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Row};

/// Which database the URL named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The migrations, per backend: (version, name, SQL). Append only: a shipped migration
/// never changes.
const MIGRATIONS: &[(i64, &str, &str, &str)] = &[
    (
        1,
        "submissions",
        include_str!("../../migrations/sqlite/0001_submissions.sql"),
        include_str!("../../migrations/postgres/0001_submissions.sql"),
    ),
    (
        2,
        "items",
        include_str!("../../migrations/sqlite/0002_items.sql"),
        include_str!("../../migrations/postgres/0002_items.sql"),
    ),
    (
        3,
        "notices",
        include_str!("../../migrations/sqlite/0003_notices.sql"),
        include_str!("../../migrations/postgres/0003_notices.sql"),
    ),
    (
        4,
        "ready_for_close_out",
        include_str!("../../migrations/sqlite/0004_ready_for_close_out.sql"),
        include_str!("../../migrations/postgres/0004_ready_for_close_out.sql"),
    ),
    (
        5,
        "template_publisher",
        include_str!("../../migrations/sqlite/0005_template_publisher.sql"),
        include_str!("../../migrations/postgres/0005_template_publisher.sql"),
    ),
];

/// A pool on the database the server stores everything in.
#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
}

/// `sqlite:PATH` (created when missing) or `postgres://…`.
pub fn backend_of(url: &str) -> Result<Backend, String> {
    if url.starts_with("sqlite:") {
        Ok(Backend::Sqlite)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Backend::Postgres)
    } else {
        Err(format!(
            "--database must be sqlite:PATH or postgres://…, not {url:?}"
        ))
    }
}

impl Db {
    /// Connects, without migrating.
    pub async fn connect(url: &str) -> Result<Db, String> {
        sqlx::any::install_default_drivers();
        let backend = backend_of(url)?;
        let url = match backend {
            Backend::Sqlite if !url.contains('?') => format!("{url}?mode=rwc"),
            _ => url.to_string(),
        };
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 8 } else { 16 })
            .acquire_timeout(std::time::Duration::from_secs(10))
            .connect(&url)
            .await
            .map_err(|e| format!("cannot open the database: {e}"))?;
        if backend == Backend::Sqlite {
            // WAL lets readers go on while one writer commits; the setting stays in the file.
            sqlx::query("PRAGMA journal_mode=WAL")
                .fetch_all(&pool)
                .await
                .map_err(|e| format!("cannot switch SQLite to WAL: {e}"))?;
        }
        Ok(Db { pool, backend })
    }

    /// Connects and brings the schema up to date.
    pub async fn open(url: &str) -> Result<Db, String> {
        let db = Db::connect(url).await?;
        db.migrate().await?;
        db.seed_templates().await?;
        Ok(db)
    }

    /// Runs the migrations not yet applied, each in its own transaction. On PostgreSQL an
    /// advisory lock lets several servers start at once.
    pub async fn migrate(&self) -> Result<Vec<i64>, String> {
        let fail = |e: sqlx::Error| format!("migration failed: {e}");
        let mut conn = self.pool.acquire().await.map_err(fail)?;
        if self.backend == Backend::Postgres {
            sqlx::query("SELECT pg_advisory_lock(72610015)")
                .execute(&mut *conn)
                .await
                .map_err(fail)?;
        }
        let result = async {
            sqlx::raw_sql(
                "CREATE TABLE IF NOT EXISTS schema_migrations \
                 (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
            )
            .execute(&mut *conn)
            .await?;
            let done: Vec<i64> = sqlx::query("SELECT version FROM schema_migrations")
                .fetch_all(&mut *conn)
                .await?
                .iter()
                .map(|r| r.try_get::<i64, _>(0))
                .collect::<Result<_, _>>()?;
            let mut applied = Vec::new();
            for (version, name, sqlite, postgres) in MIGRATIONS {
                if done.contains(version) {
                    continue;
                }
                let sql = if self.backend == Backend::Sqlite {
                    sqlite
                } else {
                    postgres
                };
                let mut tx = sqlx::Acquire::begin(&mut *conn).await?;
                // Shipped with the crate, never built from input.
                sqlx::raw_sql(sqlx::AssertSqlSafe(*sql))
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                )
                .bind(*version)
                .bind(*name)
                .bind(now_cst())
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                applied.push(*version);
            }
            Ok::<_, sqlx::Error>(applied)
        }
        .await;
        if self.backend == Backend::Postgres {
            let _ = sqlx::query("SELECT pg_advisory_unlock(72610015)")
                .execute(&mut *conn)
                .await;
        }
        result.map_err(fail)
    }

    /// `SELECT 1`: whether the database answers.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1")
            .fetch_one(&self.pool)
            .await
            .map(|_| ())
    }

    /// Stores each built-in template version that is not there yet.
    async fn seed_templates(&self) -> Result<(), String> {
        for id in yaojian::form::built_in_ids() {
            let Some(src) = yaojian::form::built_in_source(id) else {
                continue;
            };
            let t = yaojian::form::Template::from_json(src)
                .map_err(|e| format!("built-in template {id}: {e:?}"))?;
            let value: serde_json::Value =
                serde_json::from_str(src).map_err(|e| format!("built-in template {id}: {e}"))?;
            templates::publish(self, &t.id, &t.version, &value, templates::BUILT_IN)
                .await
                .map_err(|e| format!("cannot store built-in template {id}: {e}"))?;
        }
        Ok(())
    }
}

/// The server's time for what it stamps, `YYYY-MM-DDTHH:MM:SS+08:00`.
fn now_cst() -> String {
    yaojian::date::cst_timestamp(yaojian::date::now_unix_millis())
}

/// Which stored filings a read may return. The store applies it to every read of
/// filings; `auth::Caller::scope` is the one place that makes it from a role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every filing (an admin).
    All,
    /// The filings of one person (the token's `sub`).
    Owner(String),
    /// The filings of one enterprise (its 统一社会信用代码).
    Org(String),
    /// The filings counted in a region: the prefix of the 行政区划代码 it covers
    /// (`yaojian::ident::Region::prefix`, digits only).
    RegionPrefix(String),
}

/// The columns a [`Scope`] limits: whose a row is, of which enterprise, in which region.
struct ScopeColumns {
    /// `None` where rows have no single owner (items): a person's scope sees none.
    owner: Option<&'static str>,
    org: &'static str,
    region: &'static str,
}

impl Scope {
    /// Adds the condition that keeps rows inside the scope.
    fn limit(&self, w: &mut Conditions, cols: &ScopeColumns) {
        match self {
            Scope::All => {}
            Scope::Owner(sub) => match cols.owner {
                Some(owner) => w.push(&format!("{owner} = ?"), Arg::Text(sub.clone())),
                None => w.push_fixed("1 = 0"),
            },
            Scope::Org(org) => w.push(&format!("{} = ?", cols.org), Arg::Text(org.clone())),
            // The codes that start with the prefix: a range of text, which an index on the
            // column serves (a LIKE would read every row).
            Scope::RegionPrefix(p) => {
                let digits: String = p.chars().filter(char::is_ascii_digit).collect();
                w.push(&format!("{} >= ?", cols.region), Arg::Text(digits.clone()));
                if let Some(next) = next_prefix(&digits) {
                    w.push(&format!("{} < ?", cols.region), Arg::Text(next));
                }
            }
        }
    }
}

/// The first string of digits after every string that starts with `digits` ("35" →
/// "36", "3509" → "3510"); `None` when there is none ("99", ""): no upper bound then.
fn next_prefix(digits: &str) -> Option<String> {
    let n: u64 = digits.parse().ok()?;
    let next = format!("{:0width$}", n + 1, width = digits.len());
    (next.len() == digits.len()).then_some(next)
}

/// A text column of a row (a read error is a server fault).
fn text(row: &AnyRow, col: &str) -> Result<String, sqlx::Error> {
    row.try_get::<String, _>(col)
}

/// A JSON column of a row (a stored submission's body). One that does not parse is a
/// fault of the store: an error (answered 500, and logged), never served as `null`.
fn json(row: &AnyRow, col: &str) -> Result<serde_json::Value, sqlx::Error> {
    serde_json::from_str(&text(row, col)?)
        .map_err(|e| sqlx::Error::Decode(format!("the stored {col} is not JSON: {e}").into()))
}

/// A row's `seq`, the order of insertion (the cursor of every page).
fn seq(row: &AnyRow) -> Result<i64, sqlx::Error> {
    row.try_get::<i64, _>("seq")
}

/// One bound value of [`Conditions`].
#[derive(Debug, Clone)]
enum Arg {
    Text(String),
    Int(i64),
}

/// A WHERE clause built from conditions, each with its `?` turned into `$n`.
#[derive(Debug, Default, Clone)]
struct Conditions {
    clauses: Vec<String>,
    args: Vec<Arg>,
}

impl Conditions {
    /// Adds a clause that takes no argument (a constant).
    fn push_fixed(&mut self, clause: &'static str) {
        self.clauses.push(clause.to_string());
    }

    /// Adds `clause`, whose `?` (at most one) takes `arg`.
    fn push(&mut self, clause: &str, arg: Arg) {
        self.args.push(arg);
        self.clauses
            .push(clause.replacen('?', &format!("${}", self.args.len()), 1));
    }

    fn sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.clauses.join(" AND "))
        }
    }

    /// A query of `sql` with these arguments bound in order.
    /// `sql` must be built from constants and this builder's placeholders only: every
    /// value goes in as a bound argument.
    fn bind<'q>(&self, sql: String) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for a in &self.args {
            q = match a {
                Arg::Text(s) => q.bind(s.clone()),
                Arg::Int(i) => q.bind(*i),
            };
        }
        q
    }
}

#[cfg(test)]
mod tests {
    use super::next_prefix;

    #[test]
    fn a_region_prefix_ends_before_the_next_one() {
        assert_eq!(next_prefix("35").as_deref(), Some("36"));
        assert_eq!(next_prefix("3509").as_deref(), Some("3510"));
        assert_eq!(next_prefix("0599").as_deref(), Some("0600"));
        assert_eq!(next_prefix("99"), None);
        assert_eq!(next_prefix(""), None);
    }
}
