//! The list shared on `yaojian-server` (docs/server.md, "Rectification items"): one page
//! at a time with its filters and counts, and each change sent with `If-Match`. The
//! server decides with the engine; this file asks and reads the answers.

use crate::common::server::{Endpoint, Reply};
use serde_json::Value;
use yaojian::checklist::{self as cl, Item};
use yaojian::{FieldError, Lang};

/// An item as the server holds it: the engine's item and the revision a change names.
#[derive(Clone, PartialEq, Debug)]
pub struct Stored {
    pub item: Item,
    pub revision: i64,
    /// The enterprise's 统一社会信用代码.
    pub org: String,
    /// The numbers of the notices issued for it, as its history records them (none when
    /// the answer has no history).
    pub notices: Vec<String>,
}

/// The item of a server's answer (`GET /items`, `GET /items/{id}`, an action's 200, a
/// 409's `current`); `None` for anything else. The history, when the answer has it, is
/// the server's: each entry names who did it (`by`, the token's `sub`) and when.
pub fn stored_of(v: &Value) -> Option<Stored> {
    let revision = v["revision"].as_i64()?;
    let item = cl::read::item(v, "$").or_else(|_| {
        // A history this widget cannot read does not hide the item.
        let mut v = v.clone();
        if let Some(o) = v.as_object_mut() {
            o.shift_remove("history");
        }
        cl::read::item(&v, "$")
    });
    let history = v["history"].as_array().map_or(&[][..], Vec::as_slice);
    let notices = history
        .iter()
        .filter(|h| h["action"] == "notice")
        .filter_map(|h| h["note"].as_str().map(str::to_string))
        .collect();
    Some(Stored {
        item: item.ok()?,
        revision,
        org: v["org"].as_str().unwrap_or_default().to_string(),
        notices,
    })
}

/// The item with its whole history (`GET /items/{id}`).
pub async fn load_item(e: &Endpoint, id: &str, lang: Lang) -> Option<Stored> {
    let url = e.url(&item_path(id), lang);
    match e.request("GET", &url, None, &[]).await {
        Reply::Ok(_, v) => stored_of(&v),
        _ => None,
    }
}

/// One page of the list.
#[derive(Clone, PartialEq, Debug)]
pub struct Page {
    pub items: Vec<Stored>,
    /// The cursor of the next page, when there is one.
    pub next: Option<String>,
}

/// The counts of every item the filters let through, as the server's report gives them.
#[derive(Clone, PartialEq, Debug)]
pub struct Counted {
    pub counts: cl::Counts,
    /// The responsible units of the items the filters let through (the report's
    /// `by_unit`).
    pub units: Vec<String>,
}

/// The query of the listing's filters (`status`, `list`, `source`, `unit`, `overdue`,
/// `q`), each only when set, as `GET /items` and `GET /report` read them.
pub fn filter_query(f: &cl::Filter) -> Vec<(&'static str, String)> {
    let mut q = Vec::new();
    if let Some(s) = &f.status {
        q.push(("status", cl::wire_name(s)));
    }
    if let Some(l) = &f.list {
        q.push(("list", cl::wire_name(l)));
    }
    if let Some(s) = &f.source {
        q.push(("source", cl::wire_name(s)));
    }
    if let Some(u) = &f.unit {
        q.push(("unit", u.clone()));
    }
    if f.overdue_only {
        q.push(("overdue", "true".into()));
    }
    if !f.search.trim().is_empty() {
        q.push(("q", f.search.trim().to_string()));
    }
    q
}

/// `path?name=value&…`, each value percent-encoded.
pub fn with_query(path: &str, query: &[(&str, String)]) -> String {
    let parts: Vec<String> = query
        .iter()
        .map(|(k, v)| format!("{k}={}", js_sys::encode_uri_component(v)))
        .collect();
    if parts.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", parts.join("&"))
    }
}

/// Why a page could not be shown.
#[derive(Clone, PartialEq, Debug)]
pub enum LoadFailed {
    /// 401: the sign-in has expired (or there is none).
    SignedOut,
    /// Another refusal, with the server's errors.
    Refused(Vec<FieldError>),
    /// No answer, or a 5xx.
    Unreachable,
}

fn failed(reply: Reply) -> LoadFailed {
    match reply {
        Reply::Refused(401, _) => LoadFailed::SignedOut,
        Reply::Refused(_, errs) => LoadFailed::Refused(errs),
        _ => LoadFailed::Unreachable,
    }
}

/// The page after `after` (the first without it), with the filters.
pub async fn load_page(
    e: &Endpoint,
    f: &cl::Filter,
    after: Option<&str>,
    limit: usize,
    lang: Lang,
) -> Result<Page, LoadFailed> {
    let mut query = filter_query(f);
    query.push(("limit", limit.to_string()));
    if let Some(a) = after {
        query.push(("after", a.to_string()));
    }
    let list = e.url(&with_query("/items", &query), lang);
    let page = match e.request("GET", &list, None, &[]).await {
        Reply::Ok(_, v) => v,
        other => return Err(failed(other)),
    };
    let items = page["items"].as_array().map_or(&[][..], Vec::as_slice);
    Ok(Page {
        items: items.iter().filter_map(stored_of).collect(),
        next: page["next"].as_str().map(str::to_string),
    })
}

/// The counts of every item the filters let through (`GET /report`), asked beside the
/// page so the rows are drawn as soon as they come.
pub async fn load_counts(e: &Endpoint, f: &cl::Filter, lang: Lang) -> Result<Counted, LoadFailed> {
    let report = e.url(&with_query("/report", &filter_query(f)), lang);
    let report = match e.request("GET", &report, None, &[]).await {
        Reply::Ok(_, v) => v,
        other => return Err(failed(other)),
    };
    Ok(Counted {
        counts: cl::read::counts(&report["counts"], "$.counts").unwrap_or_default(),
        units: report["by_unit"].as_object().map_or_else(Vec::new, |m| {
            m.keys().filter(|u| !u.is_empty()).cloned().collect()
        }),
    })
}

/// What the server made of a change.
#[derive(Clone, PartialEq, Debug)]
pub enum Answer {
    /// Accepted: the item as it is now.
    Done(Stored),
    /// 409 with the item as it is now: someone else changed it first (or the action is
    /// not allowed from its status), with the server's reason.
    Conflict(Stored, Vec<FieldError>),
    /// 401: sign in again; what was typed stays.
    SignedOut,
    /// 403, 422, or a 409 without the item: the server's reasons.
    Refused(Vec<FieldError>),
    /// No answer, or a 5xx.
    Unreachable,
}

/// `/items/{id}`, the id encoded.
pub fn item_path(id: &str) -> String {
    format!("/items/{}", js_sys::encode_uri_component(id))
}

/// Sends a change: of an item as of `revision` (`If-Match`), or a new item (none).
pub async fn send(
    e: &Endpoint,
    method: &str,
    path: &str,
    revision: Option<i64>,
    body: &Value,
    lang: Lang,
) -> Answer {
    let revision = revision.map(|r| r.to_string());
    let headers: Vec<(&str, &str)> = revision.iter().map(|r| ("If-Match", r.as_str())).collect();
    let (url, body) = (e.url(path, lang), body.to_string());
    match e.fetch(method, &url, Some(&body), &headers).await {
        Ok((status, text)) => answer_of(status, &text),
        Err(_) => Answer::Unreachable,
    }
}

/// Reads the server's answer to a change.
pub fn answer_of(status: u16, text: &str) -> Answer {
    match crate::common::server::reply_of(status, text) {
        Reply::Ok(_, v) => stored_of(&v).map_or(Answer::Unreachable, Answer::Done),
        Reply::Refused(401, _) => Answer::SignedOut,
        Reply::Refused(409, errs) => {
            let v: Value = serde_json::from_str(text).unwrap_or(Value::Null);
            match stored_of(&v["current"]) {
                Some(now) => Answer::Conflict(now, errs),
                None => Answer::Refused(errs),
            }
        }
        Reply::Refused(_, errs) => Answer::Refused(errs),
        Reply::Unreachable(_) => Answer::Unreachable,
    }
}
