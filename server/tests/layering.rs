//! The server's layering, as ARCHITECTURE.md states it, checked on the source: data
//! flows one way (startup → routes → handlers → state → store), the store never imports
//! the handlers, `auth` or the state, handlers write no SQL, and no module loop exists.
#[path = "../../tests/common/layering.rs"]
mod layering;

use layering::{a_loop, module_uses};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The modules each server module may name besides itself (`lib` and `main` see all).
fn allowed(module: &str) -> Option<&'static [&'static str]> {
    Some(match module {
        "digest" | "messages" | "token" => &[],
        "error" => &["messages"],
        "identity" => &["token"],
        "store" => &["digest"],
        "state" => &["store", "token"],
        "auth" => &["error", "identity", "token", "state", "store"],
        "body" => &["auth", "error", "digest"],
        "log" => &["auth"],
        "listen" => &["auth", "error"],
        "handlers" => &[
            "auth", "body", "error", "identity", "state", "store", "token",
        ],
        "routes" => &["auth", "handlers", "state"],
        "startup" => &["auth", "error", "handlers", "log", "routes", "state"],
        "lib" | "main" => return None,
        _ => &[],
    })
}

fn server_src() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Each name a module uses that its layer does not allow, as `module uses name`.
fn broken(uses: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let mut out = Vec::new();
    for (module, names) in uses {
        let Some(extra) = allowed(module) else {
            continue;
        };
        for n in names {
            if n != module && !extra.contains(&n.as_str()) {
                out.push(format!("{module} uses {n}"));
            }
        }
    }
    out
}

#[test]
fn each_server_module_uses_only_what_its_layer_allows() {
    let uses = module_uses(&server_src());
    for m in ["store", "handlers", "state", "startup", "auth", "routes"] {
        assert!(uses.contains_key(m), "no module {m}: {:?}", uses.keys());
    }
    let broken = broken(&uses);
    assert!(broken.is_empty(), "layering broken:\n{}", broken.join("\n"));
}

#[test]
fn the_server_modules_form_no_loop() {
    let mut uses = module_uses(&server_src());
    uses.remove("lib");
    uses.remove("main");
    for names in uses.values_mut() {
        names.retain(|n| n != "lib" && n != "main");
    }
    let graph: BTreeMap<String, BTreeSet<String>> = uses
        .into_iter()
        .map(|(m, names)| {
            let names = names.into_iter().filter(|n| *n != m).collect();
            (m, names)
        })
        .collect();
    assert_eq!(a_loop(&graph), None);
}

/// What only the store may write: SQL statements and the pool.
const SQL: [&str; 9] = [
    "sqlx::query",
    "raw_sql",
    "AssertSqlSafe",
    ".pool",
    "SELECT ",
    "INSERT ",
    "UPDATE ",
    "DELETE ",
    " WHERE ",
];

/// Each SQL fragment a source text holds.
fn sql_in(text: &str) -> Vec<&'static str> {
    SQL.into_iter().filter(|s| text.contains(s)).collect()
}

#[test]
fn handlers_write_no_sql() {
    let mut files = Vec::new();
    layering::files(&server_src().join("handlers"), &mut files);
    assert!(files.len() >= 5, "found {files:?}");
    let mut found = Vec::new();
    for p in files {
        let text = std::fs::read_to_string(&p).unwrap();
        for s in sql_in(&text) {
            found.push(format!("{}: {s}", p.display()));
        }
    }
    assert!(
        found.is_empty(),
        "SQL outside the store:\n{}",
        found.join("\n")
    );
}

/// The checks fail on a back edge and on SQL in a handler.
#[test]
fn a_back_edge_or_a_query_in_a_handler_is_refused() {
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    uses.entry("store".into())
        .or_default()
        .insert("auth".into());
    uses.entry("handlers".into())
        .or_default()
        .insert("store".into());
    assert_eq!(broken(&uses), ["store uses auth"]);
    uses.entry("state".into())
        .or_default()
        .insert("handlers".into());
    assert_eq!(broken(&uses).len(), 2);
    assert_eq!(
        sql_in("let r = sqlx::query(\"SELECT 1\")"),
        ["sqlx::query", "SELECT "]
    );
    assert!(sql_in("state.db.ping().await?").is_empty());
}
