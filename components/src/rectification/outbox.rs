//! Changes the network lost: an action or an edit that the server did not answer (no
//! answer, or a 5xx) is kept on this device for the person signed in, and sent again
//! with the same revision: every 15 s, when the browser is back online, on the next
//! visit, and when the user asks. The server decides again, so a retry that meets 409
//! is a conflict, told with what was typed, never applied over the other change. Kept
//! in `localStorage` under the person the token names; with `auth="cookie"` (no token
//! to read) only while the page is open.

use crate::common::server::Endpoint;
use serde::Serialize;
use serde_json::Value;

/// Seconds between tries while changes wait.
pub const RETRY_SECONDS: u32 = 15;

/// A change waiting for the server.
#[derive(Clone, PartialEq, Debug, Serialize)]
pub struct Queued {
    /// The item changed.
    pub id: String,
    /// The item's revision the change was made on (`If-Match`).
    pub revision: i64,
    /// `POST` (an action) or `PATCH` (an edit), with its path and body.
    pub method: String,
    pub path: String,
    pub body: Value,
    /// What the change does: the action's wire name, or `edit`.
    pub what: String,
}

impl Queued {
    /// The changes kept as `text`: none when it is not a list of them.
    fn read_all(text: &str) -> Vec<Queued> {
        use yaojian::json::read::{i64, list, string, value, Object};
        let one = |v: &Value, path: &str| {
            let o = Object::of(v, path)?;
            Ok(Queued {
                id: o.field("id", string)?,
                revision: o.field("revision", i64)?,
                method: o.field("method", string)?,
                path: o.field("path", string)?,
                body: o.field("body", value)?,
                what: o.field("what", string)?,
            })
        };
        let Ok(v) = yaojian::json::parse_document(text, "$") else {
            return Vec::new();
        };
        list(&v, "$", one).unwrap_or_default()
    }

    /// What the user typed into the change, for when it cannot be applied: every text it
    /// carries but the action's name.
    pub fn typed(&self) -> String {
        let mut out = Vec::new();
        texts(&self.body, &mut out);
        out.join("；")
    }
}

fn texts(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) if !s.trim().is_empty() => out.push(s.trim().to_string()),
        Value::Array(xs) => xs.iter().for_each(|x| texts(x, out)),
        Value::Object(m) => m
            .iter()
            .filter(|(k, _)| *k != "action")
            .for_each(|(_, x)| texts(x, out)),
        _ => {}
    }
}

/// Where the changes of the person the token names wait (`slot`: the host's storage
/// key); `None` without a token to read (nothing is kept across visits then).
pub fn outbox_key(e: &Endpoint, slot: Option<&str>) -> Option<String> {
    let person = crate::common::server::person_of_token(e.token.as_deref()?)?;
    let slot = slot.unwrap_or("default");
    Some(format!("yaojian:cl-outbox:{slot}:{}:by:{}", e.base, person.sub))
}

/// The changes kept under `key` (none when unreadable).
pub fn kept(key: &str) -> Vec<Queued> {
    let Ok(st) = crate::common::local_storage() else {
        return Vec::new();
    };
    let text = st.get_item(key).ok().flatten().unwrap_or_default();
    Queued::read_all(&text)
}

fn write(key: &str, all: &[Queued]) {
    if all.is_empty() {
        if let Ok(st) = crate::common::local_storage() {
            let _ = st.remove_item(key);
        }
    } else {
        let _ = crate::common::store_set(key, &serde_json::to_string(all).unwrap_or_default());
    }
}

/// Keeps `q` (in place of a change of the same item kept before).
pub fn keep(key: &str, q: &Queued) {
    let mut all = kept(key);
    all.retain(|x| x.id != q.id);
    all.push(q.clone());
    write(key, &all);
}

/// The change of item `id` has been answered: it is kept no more.
pub fn forget(key: &str, id: &str) {
    let mut all = kept(key);
    let before = all.len();
    all.retain(|x| x.id != id);
    if all.len() != before {
        write(key, &all);
    }
}
