//! `POST /items/import` (inspector, admin): the findings of stored filings the caller may
//! see become items (the engine's `rectification_items`, id `<reference>-<question>`).
//! A finding already imported is skipped, and the answer says so for each one.

use super::items::{actor, now};
use crate::auth::{Caller, Language};
use crate::body::JsonBody;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::items::{self as stored_items, Entry, NewItem};
use crate::store::submissions::{self as filings, Filing, Filter};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};
use yaojian::ident::Region;
use yaojian::Lang;

/// Most filings one import reads.
pub const MAX_FILINGS: usize = 10_000;

/// `{"submissions": [references]}` or `{"template": id}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ImportRequest {
    submissions: Option<Vec<String>>,
    template: Option<String>,
}

/// The filings a request names, as the caller may see them.
async fn requested(
    state: &AppState,
    caller: &Caller,
    req: ImportRequest,
    lang: Lang,
) -> ApiResult<Vec<Filing>> {
    let scope = caller.scope();
    let too_many = |path: &str| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            path,
            "import.too_many",
            lang,
        )
    };
    match (req.submissions, req.template) {
        (Some(refs), None) => {
            if refs.len() > MAX_FILINGS {
                return Err(too_many("$.submissions"));
            }
            let mut out = Vec::with_capacity(refs.len());
            for (n, r) in refs.iter().enumerate() {
                let f = filings::one(&state.db, &scope, r).await?;
                out.push(
                    f.ok_or_else(|| ApiError::not_found(&format!("$.submissions[{n}]"), lang))?,
                );
            }
            Ok(out)
        }
        (None, Some(template)) => {
            let filter = Filter {
                scope,
                template: Some(template),
                version: None,
            };
            let mut out = Vec::new();
            let mut after = 0;
            loop {
                let page = filings::page(&state.db, &filter, after, 500).await?;
                let Some(last) = page.last() else { break };
                after = last.seq;
                out.extend(page);
                if out.len() > MAX_FILINGS {
                    return Err(too_many("$.template"));
                }
            }
            Ok(out)
        }
        _ => Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "$",
            "import.request",
            lang,
        )),
    }
}

/// The region an imported item is counted in: its filing's, else the one in `org`.
fn region_of(f: &Filing) -> String {
    if !f.owner.region.is_empty() {
        return f.owner.region.clone();
    }
    Region::of_uscc(&f.owner.org).map_or_else(String::new, |r| r.code().to_string())
}

/// The items of one filing's findings, to store, with the filing's reference.
async fn items_of(
    state: &AppState,
    caller: &Caller,
    f: Filing,
    lang: Lang,
) -> ApiResult<Vec<(String, NewItem)>> {
    let t = state
        .template(&f.template_id, Some(&f.template_version))
        .await?
        .ok_or_else(|| {
            ApiError::internal(format!("filing {} names no stored template", f.reference))
        })?;
    let s = yaojian::form::Submission::read(&f.body, "$")
        .map_err(|e| ApiError::internal(format!("{}: {}", e.path, e.code)))?;
    let region = region_of(&f);
    let (at, _) = now();
    let new = |item| NewItem {
        item,
        org: f.owner.org.clone(),
        region: region.clone(),
        created: Entry {
            action: "import".into(),
            actor: actor(caller),
            at: at.clone(),
            from: "pending".into(),
            to: "pending".into(),
            fields: vec![],
            note: f.reference.clone(),
            revision: 1,
        },
    };
    Ok(yaojian::form::rectification_items(&t, &s, lang)
        .into_iter()
        .map(|item| (f.reference.clone(), new(item)))
        .collect())
}

/// `POST /items/import`: `{added, already, results: [{submission, question, id, result}]}`.
pub async fn import(
    State(state): State<AppState>,
    caller: Caller,
    Language(lang): Language,
    body: JsonBody,
) -> ApiResult<Json<Value>> {
    let req: ImportRequest = yaojian::json::parse_value_at(body.value, "$")
        .map_err(|e| ApiError::engine(StatusCode::UNPROCESSABLE_ENTITY, &[e], lang))?;
    let mut found = Vec::new();
    for f in requested(&state, &caller, req, lang).await? {
        found.extend(items_of(&state, &caller, f, lang).await?);
    }
    let (references, items): (Vec<String>, Vec<NewItem>) = found.into_iter().unzip();
    let stored = stored_items::insert_all(&state.db, &items).await?;
    let results: Vec<Value> = references
        .iter()
        .zip(&items)
        .zip(stored)
        .map(|((reference, n), added)| {
            let question = n
                .item
                .id
                .strip_prefix(&format!("{reference}-"))
                .unwrap_or("");
            json!({
                "submission": reference, "question": question, "id": n.item.id,
                "result": if added { "added" } else { "already" },
            })
        })
        .collect();
    let added = results.iter().filter(|r| r["result"] == "added").count();
    Ok(Json(
        json!({ "added": added, "already": results.len() - added, "results": results }),
    ))
}
