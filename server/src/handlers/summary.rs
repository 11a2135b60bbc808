//! The bureau's counts and export over what the caller may see: `GET /summary` gives
//! the document `yaojian form summary` prints; `GET /submissions.csv` streams its rows
//! page by page, so memory stays flat however many submissions there are.

use super::submissions::{filter, parse_query, ListQuery};
use crate::auth::{Caller, Language};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::submissions::{bodies, Filter};

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use serde_json::Value;
use std::sync::Arc;
use yaojian::form::Template;
use yaojian::Lang;

/// Rows read from the database at a time.
const BATCH: i64 = 500;

/// `?template=ID[&version=V]`: the template (its latest version by default).
async fn template_for(state: &AppState, q: &mut ListQuery, lang: Lang) -> ApiResult<Arc<Template>> {
    let Some(id) = q.template.clone() else {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "$.query.template",
            "template.unknown",
            lang,
        ));
    };
    let t = state
        .template(&id, q.version.as_deref())
        .await?
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                "$.query.template",
                "template.unknown",
                lang,
            )
        })?;
    q.version = Some(t.version.clone());
    super::submissions::whole(&q.after, &q.limit, lang)?;
    Ok(t)
}

/// One batch of stored submission bodies after `after`, with the last `seq` read.
async fn batch(state: &AppState, f: &Filter, after: i64) -> ApiResult<(Vec<Value>, Option<i64>)> {
    Ok(bodies(&state.db, f, after, BATCH).await?)
}

/// `GET /summary?template=ID[&version=V]`.
pub async fn summary(
    State(state): State<AppState>,
    caller: Caller,
    Language(lang): Language,
    query: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> ApiResult<Json<yaojian::form::summary::Summary>> {
    let mut q = parse_query(query, lang)?;
    let t = template_for(&state, &mut q, lang).await?;
    let w = filter(&caller, &q);
    // One batch of documents in memory at a time; the summary keeps only their rows.
    let mut sum = yaojian::form::summary::Summarizer::new(&t, lang);
    let mut after = 0;
    loop {
        let (part, last) = batch(&state, &w, after).await?;
        part.into_iter().for_each(|v| sum.add(v));
        match last {
            Some(l) => after = l,
            None => break,
        }
    }
    let mut sum = sum.finish();
    // The summary counts one version; it names the others the caller's filings are on.
    for (version, n) in crate::store::submissions::version_counts(&state.db, &w).await? {
        if version != t.version {
            sum.add_uncounted(&version, usize::try_from(n).unwrap_or(0));
        }
    }
    Ok(Json(sum))
}

/// `GET /submissions.csv?template=ID[&version=V]`: UTF-8 with BOM, streamed.
pub async fn csv(
    State(state): State<AppState>,
    caller: Caller,
    Language(lang): Language,
    query: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> ApiResult<Response> {
    let mut q = parse_query(query, lang)?;
    let t = template_for(&state, &mut q, lang).await?;
    let w = filter(&caller, &q);
    // A bounded channel: the producer waits while the client is slow.
    let safe = |s: &str| {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric() || "-_.".contains(*c))
            .collect::<String>()
    };
    let name = format!("{}-{}.csv", safe(&t.id), safe(&t.version));
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<String, std::io::Error>>(2);
    tokio::spawn(async move {
        let mut after = 0;
        let mut first = true;
        loop {
            let (part, last) = match batch(&state, &w, after).await {
                Ok(b) => b,
                Err(e) => {
                    let _ = tx
                        .send(Err(std::io::Error::other(format!("{:?}", e.errors))))
                        .await;
                    return;
                }
            };
            let sum = yaojian::form::summary::summarize(&t, part, lang);
            let rows: Vec<_> = sum.rows.iter().collect();
            let chunk = if first {
                yaojian::form::summary::rows_csv(&t, &rows, lang)
            } else {
                yaojian::form::summary::rows_csv_continued(&t, &rows, lang)
            };
            first = false;
            if tx.send(Ok(chunk)).await.is_err() {
                return; // the client went away
            }
            match last {
                Some(l) => after = l,
                None => return,
            }
        }
    });
    Ok(super::csv_stream::csv_response(&name, rx))
}
