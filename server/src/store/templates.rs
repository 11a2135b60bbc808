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

/// Who published the templates the server ships.
pub const BUILT_IN: &str = "built-in";

/// Stores a template version unless it is there, with who published it (`by`: the
/// token's subject, or [`BUILT_IN`]); compares content when it is.
pub async fn publish(
    db: &Db,
    id: &str,
    version: &str,
    value: &Value,
    by: &str,
) -> Result<Published, sqlx::Error> {
    let body = serde_json::to_string(value).unwrap_or_default();
    // Of the content, whatever the order of its keys: the same template sent again with
    // its fields in another order is the same version (and the digests stored when
    // objects were written sorted still match).
    let digest = crate::digest::sha256_hex(yaojian::json::canonical_text(value).as_bytes());
    let inserted = sqlx::query(
        "INSERT INTO templates (id, version, body, digest, published_at, published_by) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
    )
    .bind(id)
    .bind(version)
    .bind(&body)
    .bind(&digest)
    .bind(now_cst())
    .bind(by)
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

/// One published version of a template, as the list of versions shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct VersionInfo {
    pub version: String,
    pub published_at: String,
    /// `None` for a version published before the server recorded who did.
    pub published_by: Option<String>,
    /// SHA-256 of the template's canonical text (`yaojian::json::canonical_text`: keys
    /// sorted, compact), whatever the order it was sent in: two versions with one digest
    /// have one content.
    pub digest: String,
}

/// Every published version of `id`, oldest first (empty: no such template).
pub async fn versions(db: &Db, id: &str) -> Result<Vec<VersionInfo>, sqlx::Error> {
    use sqlx::Row;
    let rows = sqlx::query(
        "SELECT version, published_at, published_by, digest FROM templates \
         WHERE id = $1 ORDER BY seq",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(VersionInfo {
                version: text(r, "version")?,
                published_at: text(r, "published_at")?,
                published_by: r.try_get("published_by")?,
                digest: text(r, "digest")?,
            })
        })
        .collect()
}
