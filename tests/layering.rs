//! The engine's layering, as ARCHITECTURE.md states it, checked on the source: every
//! `crate::<module>` a file names must be allowed for the module the file is in. And the
//! files of each widget folder form no loop (`super::<sibling>`).
mod common;

use common::layering::{a_loop, module_uses, named_after};
use std::collections::{BTreeMap, BTreeSet};

/// The foundation: small modules that depend only on each other.
const FOUNDATION: [&str; 11] = [
    "error", "i18n", "json", "csv", "text", "money", "date", "ident", "expr", "data", "sorted",
];

/// What each domain module may use besides the foundation and itself.
fn allowed(module: &str) -> Option<Vec<&'static str>> {
    match module {
        m if FOUNDATION.contains(&m) => Some(vec![]),
        "penalty" => Some(vec![]),
        "requirements" | "checklist" => Some(vec!["penalty"]),
        "form" => Some(vec!["penalty", "checklist"]),
        "lib" | "bin" => None, // the crate root and the CLI see everything
        _ => Some(vec![]),
    }
}

/// The crate modules a source text names: `crate::x…` and `use crate::{x, y::…}`.
fn named(text: &str) -> BTreeSet<String> {
    named_after(text, "crate::")
}

#[test]
fn each_module_uses_only_what_its_layer_allows() {
    let uses = module_uses(std::path::Path::new("src"));
    assert!(uses.len() >= 12, "found only {:?}", uses.keys());
    let mut broken = Vec::new();
    for (module, names) in &uses {
        let Some(extra) = allowed(module) else {
            continue;
        };
        for n in names {
            let ok = n == module || FOUNDATION.contains(&n.as_str()) || extra.contains(&n.as_str());
            if !ok {
                broken.push(format!("{module} uses {n}"));
            }
        }
    }
    assert!(broken.is_empty(), "layering broken:\n{}", broken.join("\n"));
}

/// The check itself reads both forms of a path.
#[test]
fn named_modules_are_read_from_paths_and_groups() {
    let got = named(
        "use crate::{form, checklist::Item};\nlet x = crate::penalty::rules::pick(); crate::Lang",
    );
    assert_eq!(
        got,
        ["checklist", "form", "penalty"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    );
}

/// The sibling files (`super::x`) each file of a widget folder names, tests aside: the
/// folder's `mod.rs` is the widget, and its other files are its parts.
fn sibling_graph(dir: &std::path::Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph = BTreeMap::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        let name = p.file_stem().unwrap().to_string_lossy().to_string();
        if p.extension().is_none_or(|x| x != "rs") || name == "mod" || name == "tests" {
            continue;
        }
        let text = std::fs::read_to_string(&p).unwrap();
        let siblings: BTreeSet<String> = named_after(&text, "super::")
            .into_iter()
            .filter(|n| *n != name && dir.join(format!("{n}.rs")).exists())
            .collect();
        graph.insert(name, siblings);
    }
    graph
}

/// Issue 30: the parts of a widget depend one way (board ← table ← forms, state ←
/// outbox), so each can be read and tested on its own.
#[test]
fn the_files_of_each_widget_folder_form_no_loop() {
    let mut widgets = 0;
    for e in std::fs::read_dir("components/src").unwrap().flatten() {
        let dir = e.path();
        if !dir.join("spec.rs").exists() {
            continue;
        }
        widgets += 1;
        let graph = sibling_graph(&dir);
        assert!(
            a_loop(&graph).is_none(),
            "{}: {:?}",
            dir.display(),
            a_loop(&graph)
        );
    }
    assert!(widgets >= 5, "found {widgets} widget folders");
}

/// The loop finder finds a loop, and only a loop.
#[test]
fn a_back_edge_is_a_loop() {
    let g = |edges: &[(&str, &str)]| {
        let mut m: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (a, b) in edges {
            m.entry(a.to_string()).or_default().insert(b.to_string());
            m.entry(b.to_string()).or_default();
        }
        m
    };
    assert_eq!(
        a_loop(&g(&[
            ("table", "board"),
            ("forms", "board"),
            ("table", "forms")
        ])),
        None
    );
    let l = a_loop(&g(&[("table", "board"), ("board", "table")])).unwrap();
    assert_eq!(l.first(), l.last());
    assert!(a_loop(&g(&[("a", "b"), ("b", "c"), ("c", "a")])).is_some());
}

/// The Rust files under `dir`, recursively, tests aside (`tests.rs`, `tests/`).
fn shipped_sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if p.is_dir() && name != "tests" {
            shipped_sources(&p, out);
        } else if name.ends_with(".rs") && name != "tests.rs" {
            out.push(p);
        }
    }
}

/// The B-tree collections and `slice` sorts a widget's wasm no longer carries: each type
/// they are used with compiles their code again (about 19 KB brotli on the review page's
/// module); `yaojian::sorted` serves every type with one copy of the algorithm. The CLI
/// (`src/bin`) and test helpers are native and may use them.
#[test]
fn engine_and_widgets_use_sorted_collections_and_one_sort() {
    let mut files = Vec::new();
    shipped_sources(std::path::Path::new("src"), &mut files);
    shipped_sources(std::path::Path::new("components/src"), &mut files);
    assert!(files.len() > 60, "found only {} files", files.len());
    let banned = [
        "BTreeMap",
        "BTreeSet",
        ".sort()",
        ".sort_by(",
        ".sort_by_key(",
        ".sort_unstable",
    ];
    let mut found = Vec::new();
    for f in &files {
        let path = f.to_string_lossy().replace('\\', "/");
        if path.starts_with("src/bin/")
            || path == "src/sorted.rs"
            || path.ends_with("common/examples.rs")
        {
            continue;
        }
        let text = std::fs::read_to_string(f).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for b in banned.iter().filter(|b| code.contains(**b)) {
                found.push(format!("{path}:{}: {b}", n + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "use yaojian::sorted instead:\n{}",
        found.join("\n")
    );
}
