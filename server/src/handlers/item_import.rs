//! `POST /items/import` (inspector, admin): the findings of stored filings the caller may
//! see become items (the engine's `rectification_items`, id `<reference>-<question>`).
//! A finding already imported is skipped, and the answer says so for each one.

use super::items::{actor, now};
use crate::auth::{Caller, Language};
use crate::body::JsonBody;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::items::{self as stored_items, Entry};
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

/// Stores the items of one filing's findings; one result per finding.
async fn import_one(
    state: &AppState,
    caller: &Caller,
    f: Filing,
    lang: Lang,
) -> ApiResult<Vec<Value>> {
    let t = state
        .template(&f.template_id, Some(&f.template_version))
        .await?
        .ok_or_else(|| {
            ApiError::internal(format!("filing {} names no stored template", f.reference))
        })?;
    let s: yaojian::form::Submission =
        serde_json::from_value(f.body.clone()).map_err(ApiError::internal)?;
    let region = region_of(&f);
    let mut out = Vec::new();
    for item in yaojian::form::rectification_items(&t, &s, lang) {
        let (at, _) = now();
        let entry = Entry {
            action: "import".into(),
            actor: actor(caller),
            at,
            from: "pending".into(),
            to: "pending".into(),
            fields: vec![],
            note: f.reference.clone(),
            revision: 1,
        };
        let added = stored_items::insert(&state.db, &item, &f.owner.org, &region, &entry).await?;
        let question = item
            .id
            .strip_prefix(&format!("{}-", f.reference))
            .unwrap_or("");
        out.push(json!({
            "submission": f.reference, "question": question, "id": item.id,
            "result": if added.is_some() { "added" } else { "already" },
        }));
    }
    Ok(out)
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
    let mut results = Vec::new();
    for f in requested(&state, &caller, req, lang).await? {
        results.extend(import_one(&state, &caller, f, lang).await?);
    }
    let added = results.iter().filter(|r| r["result"] == "added").count();
    Ok(Json(
        json!({ "added": added, "already": results.len() - added, "results": results }),
    ))
}
