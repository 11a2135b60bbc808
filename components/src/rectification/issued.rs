//! A 责令改正通知书 as the server issued it, with its services (送达), and the calls that
//! get one: issue it (`POST /notices`, which numbers it) or read it back
//! (`GET /notices/{number}`).

use crate::common::server::{Endpoint, Reply};
use crate::common::t;
use serde_json::{json, Value};
use std::rc::Rc;
use yaojian::checklist as cl;
use yaojian::Lang;

/// Which notice to show: one to issue, for items or every open item of one unit of one
/// enterprise, or one issued before.
#[derive(Clone, PartialEq, Debug)]
pub enum NoticeOf {
    Items(Vec<String>),
    Unit { unit: String, org: String },
    Number(String),
}

/// A notice as the server issued it, with its services.
#[derive(Clone, PartialEq, Debug)]
pub struct Issued {
    pub notice: Rc<cl::Notice>,
    /// Numbered from the engine's sample pattern (the server has no `--notice-pattern`).
    pub sample_pattern: bool,
    pub services: Vec<Served>,
}

/// A service (送达) as the server recorded it: who recorded it and when.
#[derive(Clone, PartialEq, Debug)]
pub struct Served {
    pub service: cl::Service,
    pub by: String,
    pub at: String,
}

/// The notice of a server's answer; `None` when it is not one.
pub fn issued_of(v: &Value) -> Option<Issued> {
    let notice = cl::read::notice(v, "$").ok()?;
    let services = v["services"].as_array().map_or(&[][..], Vec::as_slice);
    let services = services
        .iter()
        .filter_map(|s| {
            Some(Served {
                service: cl::read::service(
                    &json!({"date": s["date"], "method": s["method"], "recipient": s["recipient"]}),
                    "$",
                )
                .ok()?,
                by: s["recorded_by"].as_str()?.to_string(),
                at: s["recorded_at"].as_str()?.to_string(),
            })
        })
        .collect();
    Some(Issued {
        notice: Rc::new(notice),
        sample_pattern: v["sample_pattern"].as_bool().unwrap_or(false),
        services,
    })
}

/// `/notices/{number}`, the number encoded.
pub fn notice_path(number: &str) -> String {
    format!("/notices/{}", js_sys::encode_uri_component(number))
}

/// What became of asking: the notice, or the words saying why there is none.
pub type Asked = Result<Issued, String>;

/// The words for an answer that is not a notice.
pub fn failure(reply: Reply, lang: Lang) -> String {
    match reply {
        Reply::Refused(401, _) => t(lang, "cl.signed_out"),
        Reply::Refused(_, errs) => crate::common::server::refusal_text(&errs, lang),
        Reply::Ok(..) | Reply::Unreachable(_) => t(lang, "cl.notice_unreachable"),
    }
}

/// Issues the notice (or reads it back) from the server.
pub async fn ask(e: &Endpoint, of: &NoticeOf, lang: Lang) -> Asked {
    let reply = match of {
        NoticeOf::Number(n) => e.request("GET", &e.url(&notice_path(n), lang), None, &[]).await,
        NoticeOf::Items(ids) => {
            let body = json!({ "items": ids }).to_string();
            let url = e.url("/notices", lang);
            e.request("POST", &url, Some(&body), &[]).await
        }
        NoticeOf::Unit { unit, org } => {
            let body = json!({ "unit": unit, "org": org }).to_string();
            let url = e.url("/notices", lang);
            e.request("POST", &url, Some(&body), &[]).await
        }
    };
    match reply {
        Reply::Ok(_, v) => issued_of(&v).ok_or_else(|| t(lang, "cl.notice_unreachable")),
        other => Err(failure(other, lang)),
    }
}
