//! Rectification items: one row per item with a revision, and their history, append
//! only. Every change writes the new item and its history entry in one transaction,
//! and only when the revision is still the one the change was made on.

use super::{json, seq, text, Arg, Conditions, Db, Scope, ScopeColumns};
use sqlx::any::AnyRow;
use sqlx::Row;
use yaojian::checklist::{wire_name, Item};

/// What a scope limits in `items`: an enterprise its own (`org`), an inspector its
/// region; a person alone owns no item.
const SCOPE: ScopeColumns = ScopeColumns {
    owner: None,
    org: "org",
    region: "region",
};

const COLUMNS: &str = "seq, id, org, region, revision, created_at, updated_at, body";

/// The items with their documents (`item_bodies`, apart so that lists and reports read
/// small rows).
const WITH_BODIES: &str = "items JOIN item_bodies ON item_bodies.item_id = items.id";

/// What `INSERT` and `UPDATE` give back: [`COLUMNS`] but the document, which the caller
/// has.
const RETURNED: &str = "seq, id, org, region, revision, created_at, updated_at";

/// A stored item: the engine's item (its history is in [`history`]) and what the server
/// keeps beside it.
#[derive(Debug, Clone)]
pub struct StoredItem {
    pub seq: i64,
    /// 统一社会信用代码 of the enterprise the item is about.
    pub org: String,
    /// 行政区划代码 the item is counted in ("" when none).
    pub region: String,
    /// Moves on with every change; `If-Match` names it.
    pub revision: i64,
    pub created_at: String,
    pub updated_at: String,
    pub item: Item,
}

fn stored_item(row: &AnyRow) -> Result<StoredItem, sqlx::Error> {
    let item = yaojian::checklist::read::item(&json(row, "body")?, "$")
        .map_err(|e| sqlx::Error::Decode(format!("the stored item is not an item: {e}").into()))?;
    written_item(row, item)
}

/// A row [`RETURNED`] by a write, with the item written.
fn written_item(row: &AnyRow, item: Item) -> Result<StoredItem, sqlx::Error> {
    Ok(StoredItem {
        seq: seq(row)?,
        org: text(row, "org")?,
        region: text(row, "region")?,
        revision: row.try_get::<i64, _>("revision")?,
        created_at: text(row, "created_at")?,
        updated_at: text(row, "updated_at")?,
        item,
    })
}

/// Who did something, as the verified token said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub sub: String,
    pub role: String,
    pub org: String,
    pub region: String,
}

/// One entry of an item's history.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// `create`, `edit`, or the action's name (`start`, `report`, …).
    pub action: String,
    pub actor: Actor,
    pub at: String,
    pub from: String,
    pub to: String,
    /// The fields an edit changed.
    pub fields: Vec<String>,
    pub note: String,
    /// The item's revision after this entry.
    pub revision: i64,
}

fn entry(row: &AnyRow) -> Result<Entry, sqlx::Error> {
    let fields: Vec<String> = serde_json::from_value(json(row, "fields")?).unwrap_or_default();
    Ok(Entry {
        action: text(row, "action")?,
        actor: Actor {
            sub: text(row, "actor_sub")?,
            role: text(row, "actor_role")?,
            org: text(row, "actor_org")?,
            region: text(row, "actor_region")?,
        },
        at: text(row, "at")?,
        from: text(row, "from_status")?,
        to: text(row, "to_status")?,
        fields,
        note: text(row, "note")?,
        revision: row.try_get::<i64, _>("revision")?,
    })
}

/// The next number of the counter `name` (1 the first time), handed out atomically.
pub async fn next_number(db: &Db, name: &str) -> Result<i64, sqlx::Error> {
    let mut conn = db.pool.acquire().await?;
    counter_next(&mut conn, name).await
}

/// [`next_number`] on a connection (or in a transaction, so that a number is spent only
/// when what it numbers is stored).
pub(super) async fn counter_next(
    conn: &mut sqlx::AnyConnection,
    name: &str,
) -> Result<i64, sqlx::Error> {
    let row = sqlx::query(
        "INSERT INTO counters (name, value) VALUES ($1, 1) \
         ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value",
    )
    .bind(name)
    .fetch_one(conn)
    .await?;
    row.try_get::<i64, _>("value")
}

/// The item's body as stored: the item without its history (that is in its own table).
fn body_of(item: &Item) -> Result<String, sqlx::Error> {
    let mut item = item.clone();
    item.history.clear();
    serde_json::to_string(&item).map_err(|e| sqlx::Error::Encode(Box::new(e)))
}

pub(super) async fn insert_entry(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    item_id: &str,
    e: &Entry,
) -> Result<(), sqlx::Error> {
    let fields = serde_json::to_string(&e.fields).unwrap_or_else(|_| "[]".into());
    sqlx::query(
        "INSERT INTO item_history (item_id, action, actor_sub, actor_role, actor_org, \
         actor_region, at, from_status, to_status, fields, note, revision) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(item_id)
    .bind(&e.action)
    .bind(&e.actor.sub)
    .bind(&e.actor.role)
    .bind(&e.actor.org)
    .bind(&e.actor.region)
    .bind(&e.at)
    .bind(&e.from)
    .bind(&e.to)
    .bind(fields)
    .bind(&e.note)
    .bind(e.revision)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The fields of an item kept in their own columns, so that lists filter and reports
/// count without reading the document ([`summaries`]).
const FIELDS: &str =
    "list, source, status, unit, person, deadline, rule, problem, provision, measures";

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>;

/// Binds the values of [`FIELDS`], in order.
fn bind_fields<'q>(q: AnyQuery<'q>, item: &Item) -> AnyQuery<'q> {
    q.bind(wire_name(&item.list))
        .bind(wire_name(&item.source))
        .bind(wire_name(&item.status))
        .bind(item.unit.clone())
        .bind(item.person.clone())
        .bind(item.deadline.map(yaojian::date::format_date))
        .bind(item.rule.clone())
        .bind(item.problem.clone())
        .bind(item.provision.clone())
        .bind(item.measures.len() as i64)
}

/// A new item with its creation entry; `None` (nothing stored) when its id is taken.
pub async fn insert(
    db: &Db,
    item: &Item,
    org: &str,
    region: &str,
    created: &Entry,
) -> Result<Option<StoredItem>, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let stored = insert_in(&mut tx, item, org, region, created).await?;
    tx.commit().await?;
    Ok(stored)
}

/// An item to store with [`insert_all`]: the item, its enterprise, its region and its
/// creation entry.
pub struct NewItem {
    pub item: Item,
    pub org: String,
    pub region: String,
    pub created: Entry,
}

/// Items stored at a time by [`insert_all`], in one transaction.
const INSERTED_AT_ONCE: usize = 500;

/// Many new items, each with its creation entry, a few hundred to a transaction: for
/// each, whether it was stored (`false` when its id is taken).
pub async fn insert_all(db: &Db, items: &[NewItem]) -> Result<Vec<bool>, sqlx::Error> {
    let mut stored = Vec::with_capacity(items.len());
    for chunk in items.chunks(INSERTED_AT_ONCE) {
        let mut tx = db.pool.begin().await?;
        for n in chunk {
            let added = insert_in(&mut tx, &n.item, &n.org, &n.region, &n.created).await?;
            stored.push(added.is_some());
        }
        tx.commit().await?;
    }
    Ok(stored)
}

/// [`insert`] within a transaction.
async fn insert_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    item: &Item,
    org: &str,
    region: &str,
    created: &Entry,
) -> Result<Option<StoredItem>, sqlx::Error> {
    let sql = format!(
        "INSERT INTO items (id, org, region, {FIELDS}, revision, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1, $14, $14) \
         ON CONFLICT DO NOTHING RETURNING {RETURNED}"
    );
    let q = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(&item.id)
        .bind(org)
        .bind(region);
    let row = bind_fields(q, item)
        .bind(&created.at)
        .fetch_optional(&mut **tx)
        .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    sqlx::query("INSERT INTO item_bodies (item_id, body) VALUES ($1, $2)")
        .bind(&item.id)
        .bind(body_of(item)?)
        .execute(&mut **tx)
        .await?;
    insert_entry(tx, &item.id, created).await?;
    Ok(Some(written_item(&row, item.clone())?))
}

/// Replaces the item stored at `revision` with `item`, recording `change`; `None`
/// (nothing changed) when the stored revision is another by now.
pub async fn update(
    db: &Db,
    item: &Item,
    revision: i64,
    change: &Entry,
) -> Result<Option<StoredItem>, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let sql = format!(
        "UPDATE items SET ({FIELDS}, revision, updated_at) = \
         ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, revision + 1, $11) \
         WHERE id = $12 AND revision = $13 RETURNING {RETURNED}"
    );
    let row = bind_fields(sqlx::query(sqlx::AssertSqlSafe(sql)), item)
        .bind(&change.at)
        .bind(&item.id)
        .bind(revision)
        .fetch_optional(&mut *tx)
        .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    sqlx::query("UPDATE item_bodies SET body = $1 WHERE item_id = $2")
        .bind(body_of(item)?)
        .bind(&item.id)
        .execute(&mut *tx)
        .await?;
    insert_entry(&mut tx, &item.id, change).await?;
    tx.commit().await?;
    Ok(Some(written_item(&row, item.clone())?))
}

/// One item by id, when it is inside the scope.
pub async fn one(db: &Db, scope: &Scope, id: &str) -> Result<Option<StoredItem>, sqlx::Error> {
    let mut w = Conditions::default();
    scope.limit(&mut w, &SCOPE);
    w.push("id = ?", Arg::Text(id.to_string()));
    let sql = format!("SELECT {COLUMNS} FROM {WITH_BODIES}{}", w.sql());
    let row = w.bind(sql).fetch_optional(&db.pool).await?;
    row.as_ref().map(stored_item).transpose()
}

/// An item's history, oldest first.
pub async fn history(db: &Db, id: &str) -> Result<Vec<Entry>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT action, actor_sub, actor_role, actor_org, actor_region, at, from_status, \
         to_status, fields, note, revision FROM item_history WHERE item_id = $1 ORDER BY seq",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(entry).collect()
}

/// Which items a listing reads: a scope and the stored columns a list filters on
/// (each `None` matches all).
#[derive(Debug, Clone)]
pub struct Filter {
    pub scope: Scope,
    pub status: Option<String>,
    pub list: Option<String>,
    pub source: Option<String>,
    pub unit: Option<String>,
    pub org: Option<String>,
    /// Only items not closed out (已销号) whose deadline is on or before this day: what
    /// the engine's deadline lists and overdue filter can pass, read without the rest.
    pub due_by: Option<yaojian::date::Date>,
}

impl Filter {
    fn conditions(&self) -> Conditions {
        let mut w = Conditions::default();
        self.scope.limit(&mut w, &SCOPE);
        let columns = [
            ("status", &self.status),
            ("list", &self.list),
            ("source", &self.source),
            ("unit", &self.unit),
            ("org", &self.org),
        ];
        for (col, v) in columns {
            if let Some(v) = v {
                w.push(&format!("{col} = ?"), Arg::Text(v.clone()));
            }
        }
        if let Some(until) = self.due_by {
            let closed = wire_name(&yaojian::checklist::Status::Closed);
            w.push("status <> ?", Arg::Text(closed));
            let until = yaojian::date::format_date(until);
            w.push("deadline <= ?", Arg::Text(until));
        }
        w
    }

    /// This filter without its status: the set the counts by status are over.
    pub fn any_status(&self) -> Filter {
        Filter {
            status: None,
            ..self.clone()
        }
    }
}

/// Up to `count` items after the cursor `after` (a `seq`), oldest first.
pub async fn page(
    db: &Db,
    filter: &Filter,
    after: i64,
    count: i64,
) -> Result<Vec<StoredItem>, sqlx::Error> {
    let mut w = filter.conditions();
    w.push("seq > ?", Arg::Int(after));
    let sql = format!(
        "SELECT {COLUMNS} FROM {WITH_BODIES}{} ORDER BY seq LIMIT {}",
        w.sql(),
        count.max(0)
    );
    let rows = w.bind(sql).fetch_all(&db.pool).await?;
    rows.iter().map(stored_item).collect()
}

/// How many items of each status (wire name) the filter lets through.
pub async fn status_counts(db: &Db, filter: &Filter) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let w = filter.conditions();
    let sql = format!(
        "SELECT status, COUNT(*) AS n FROM items{} GROUP BY status ORDER BY status",
        w.sql()
    );
    let rows = w.bind(sql).fetch_all(&db.pool).await?;
    rows.iter()
        .map(|r| Ok((text(r, "status")?, r.try_get::<i64, _>("n")?)))
        .collect()
}

/// An item as its columns hold it: what a list view filters on and a report counts
/// (id, list, source, status, problem, provision, unit, person, deadline, rule, and as
/// many blank measures as it has); no records, no history.
fn summary(row: &AnyRow) -> Result<(i64, Item), sqlx::Error> {
    Ok((seq(row)?, columns_item(row)?))
}

/// The item of a row of [`FIELDS`] and `id` (see [`summary`]).
fn columns_item(row: &AnyRow) -> Result<Item, sqlx::Error> {
    use yaojian::checklist::read::{named, LIST_KINDS, SOURCES, STATUSES};
    fn wire_of<T: Copy>(row: &AnyRow, col: &str, names: &[(&str, T)]) -> Result<T, sqlx::Error> {
        let v = text(row, col)?;
        named(names, &v)
            .ok_or_else(|| sqlx::Error::Decode(format!("a stored item's column {col}: {v}").into()))
    }
    let deadline: Option<String> = row.try_get("deadline")?;
    let item = Item {
        id: text(row, "id")?,
        list: wire_of(row, "list", &LIST_KINDS)?,
        source: wire_of(row, "source", &SOURCES)?,
        problem: text(row, "problem")?,
        provision: text(row, "provision")?,
        legal_basis: String::new(),
        rule: row.try_get("rule")?,
        measures: vec![String::new(); row.try_get::<i64, _>("measures")?.max(0) as usize],
        unit: text(row, "unit")?,
        person: text(row, "person")?,
        mode: yaojian::checklist::Mode::Deadline,
        deadline: deadline.and_then(|d| yaojian::date::parse_date(&d).ok()),
        status: wire_of(row, "status", &STATUSES)?,
        evidence: vec![],
        reinspections: vec![],
        close_out: None,
        history: vec![],
    };
    Ok(item)
}

/// Every item the filter lets through as its columns hold it ([`summary`]), oldest
/// first, with its `seq`, in one query (read as it comes). Without `texts`, problem and
/// provision are left empty (a report counts without them; words to find need them).
pub async fn summaries(
    db: &Db,
    filter: &Filter,
    texts: bool,
) -> Result<Vec<(i64, Item)>, sqlx::Error> {
    use futures_util::TryStreamExt;
    let w = filter.conditions();
    let fields = if texts {
        FIELDS
    } else {
        "list, source, status, unit, person, deadline, rule, '' AS problem, '' AS provision, measures"
    };
    let sql = format!(
        "SELECT seq, id, {fields} FROM items{} ORDER BY seq",
        w.sql()
    );
    let mut rows = w.bind(sql).fetch(&db.pool);
    let mut out = Vec::new();
    while let Some(row) = rows.try_next().await? {
        out.push(summary(&row)?);
    }
    Ok(out)
}

/// The columns a report counts by, problem and provision left empty.
const COUNTED: &str = "list, source, status, unit, person, deadline, rule, measures";

/// The items the filter lets through, grouped by what a report counts ([`COUNTED`]):
/// one item of each group (no id, problem or provision) and how many there are.
pub async fn groups(db: &Db, filter: &Filter) -> Result<Vec<(Item, usize)>, sqlx::Error> {
    let w = filter.conditions();
    let sql = format!(
        "SELECT '' AS id, {COUNTED}, '' AS problem, '' AS provision, COUNT(*) AS n \
         FROM items{} GROUP BY {COUNTED}",
        w.sql()
    );
    let rows = w.bind(sql).fetch_all(&db.pool).await?;
    rows.iter()
        .map(|r| Ok((columns_item(r)?, r.try_get::<i64, _>("n")?.max(0) as usize)))
        .collect()
}
