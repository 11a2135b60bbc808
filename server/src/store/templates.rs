//! Published template versions: stored once, never changed, read by version or latest.

use super::{now_cst, text, Db};
use serde_json::Value;

/// What publishing a version did.
#[derive(Debug, PartialEq, Eq)]
pub enum Published {
    Created,
    /// The same content was already published.
    Unchanged,
    /// Other content is published under this version.
    Conflict,
}

/// Stores a template version unless it is there; compares content when it is.
pub async fn publish(
    db: &Db,
    id: &str,
    version: &str,
    value: &Value,
) -> Result<Published, sqlx::Error> {
    let body = serde_json::to_string(value).unwrap_or_default();
    let digest = crate::digest::sha256_hex(body.as_bytes());
    let inserted = sqlx::query(
        "INSERT INTO templates (id, version, body, digest, published_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT DO NOTHING",
    )
    .bind(id)
    .bind(version)
    .bind(&body)
    .bind(&digest)
    .bind(now_cst())
    .execute(&db.pool)
    .await?;
    if inserted.rows_affected() == 1 {
        return Ok(Published::Created);
    }
    let row = sqlx::query("SELECT digest FROM templates WHERE id = $1 AND version = $2")
        .bind(id)
        .bind(version)
        .fetch_one(&db.pool)
        .await?;
    Ok(if text(&row, "digest")? == digest {
        Published::Unchanged
    } else {
        Published::Conflict
    })
}

/// A stored template version: its version and its source (JSON text).
#[derive(Debug, Clone)]
pub struct Source {
    pub version: String,
    pub json: String,
}

/// One version, or the latest published when `version` is `None`.
pub async fn source(
    db: &Db,
    id: &str,
    version: Option<&str>,
) -> Result<Option<Source>, sqlx::Error> {
    let row = match version {
        Some(v) => {
            sqlx::query("SELECT version, body FROM templates WHERE id = $1 AND version = $2")
                .bind(id)
                .bind(v)
                .fetch_optional(&db.pool)
                .await?
        }
        None => {
            sqlx::query(
                "SELECT version, body FROM templates WHERE id = $1 ORDER BY seq DESC LIMIT 1",
            )
            .bind(id)
            .fetch_optional(&db.pool)
            .await?
        }
    };
    row.map(|r| {
        Ok(Source {
            version: text(&r, "version")?,
            json: text(&r, "body")?,
        })
    })
    .transpose()
}

/// `(id, version)` of the latest version of each template, by id.
pub async fn latest_versions(db: &Db) -> Result<Vec<(String, String)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, version FROM templates t \
         WHERE seq = (SELECT MAX(seq) FROM templates u WHERE u.id = t.id) ORDER BY id",
    )
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| Ok((text(r, "id")?, text(r, "version")?)))
        .collect()
}
