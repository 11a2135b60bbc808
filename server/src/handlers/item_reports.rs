//! What the bureau publishes and exports over the items the caller may see: `GET
//! /report` (the engine's report: 核查问题线索N件、实施整改措施N项、整改销号N件, per list and
//! unit, overdue and due soon, as of the server's day in UTC+8) and `GET /items.csv` (the
//! engine's CSV, streamed 500 items at a time).

use super::items::{columns, engine_filter, now, ItemQuery};
use crate::auth::{Caller, Language};
use crate::error::ApiResult;
use crate::state::AppState;
use crate::store::items::{self as stored, Filter};
use axum::extract::{Query, State};
use axum::response::Response;
use axum::Json;
use yaojian::checklist::{self as cl, Item, ItemList};
use yaojian::Lang;

/// Items read from the store at a time.
const BATCH: i64 = 500;

/// The items after `after` the store's columns and the engine's filter let through, and
/// the last `seq` read (`None` at the end).
async fn batch(
    state: &AppState,
    columns: &Filter,
    filter: &cl::Filter,
    after: i64,
) -> Result<(Vec<Item>, Option<i64>), sqlx::Error> {
    let (_, today) = now();
    let rows = stored::page(&state.db, columns, after, BATCH).await?;
    let last = rows.last().map(|s| s.seq);
    let items = rows
        .into_iter()
        .map(|s| s.item)
        .filter(|i| filter.matches(i, today))
        .collect();
    Ok((items, last))
}

/// The store's columns and the engine's filter of a query, within the caller's scope.
fn filters(caller: &Caller, q: &ItemQuery, lang: Lang) -> ApiResult<(Filter, cl::Filter)> {
    super::submissions::whole(&q.after, &q.limit, lang)?;
    let filter = engine_filter(q, lang)?;
    Ok((columns(caller, q, &filter), filter))
}

/// `GET /report`: the engine's report over the items the caller may see (and the filters
/// of `GET /items`, when given).
pub async fn report(
    State(state): State<AppState>,
    caller: Caller,
    Language(lang): Language,
    query: Result<Query<ItemQuery>, axum::extract::rejection::QueryRejection>,
) -> ApiResult<Json<cl::Report>> {
    let q = super::submissions::parse_query(query, lang)?;
    let (columns, filter) = filters(&caller, &q, lang)?;
    let (_, today) = now();
    let soon = cl::DUE_SOON_DAYS;
    let texts = !filter.search.trim().is_empty();
    if filter.overdue_only || texts {
        // The engine's filter decides item by item: read each item's columns.
        let all = stored::summaries(&state.db, &columns, texts).await?;
        let items = all.into_iter().map(|(_, i)| i);
        let list = ItemList {
            items: items.filter(|i| filter.matches(i, today)).collect(),
            ..ItemList::default()
        };
        return Ok(Json(cl::report(&list, today, soon, lang)));
    }
    // The stored columns decide: count groups, and read only the items that may be
    // on the deadline lists.
    let groups = stored::groups(&state.db, &columns).await?;
    let due_by = Some(cl::deadline_lists_until(today, soon));
    let dated = Filter { due_by, ..columns };
    let dated = stored::summaries(&state.db, &dated, false).await?;
    let dated: Vec<Item> = dated.into_iter().map(|(_, i)| i).collect();
    let groups = groups.iter().map(|(i, n)| (i, *n));
    Ok(Json(cl::report_of_groups(
        groups, &dated, today, soon, lang,
    )))
}

/// `GET /items.csv`: the items as CSV (UTF-8 with BOM, Excel-safe), streamed.
pub async fn csv(
    State(state): State<AppState>,
    caller: Caller,
    Language(lang): Language,
    query: Result<Query<ItemQuery>, axum::extract::rejection::QueryRejection>,
) -> ApiResult<Response> {
    let q = super::submissions::parse_query(query, lang)?;
    let (columns, filter) = filters(&caller, &q, lang)?;
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<String, std::io::Error>>(2);
    tokio::spawn(async move {
        if tx.send(Ok(cl::items_csv_start(lang))).await.is_err() {
            return;
        }
        let mut after = 0;
        loop {
            let (items, last) = match batch(&state, &columns, &filter, after).await {
                Ok(b) => b,
                Err(e) => {
                    tracing::error!(target: "yaojian_server", "items.csv: {e}");
                    let _ = tx.send(Err(std::io::Error::other(e.to_string()))).await;
                    return;
                }
            };
            let (_, today) = now();
            if tx
                .send(Ok(cl::items_csv_continued(&items, today, lang)))
                .await
                .is_err()
            {
                return; // the client went away
            }
            match last {
                Some(l) => after = l,
                None => return,
            }
        }
    });
    let name = format!("items-{}.csv", yaojian::date::format_date(now().1));
    Ok(super::csv_stream::csv_response(&name, rx))
}
