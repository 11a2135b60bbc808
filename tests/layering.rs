//! The engine's layering, as ARCHITECTURE.md states it, checked on the source: every
//! `crate::<module>` a file names must be allowed for the module the file is in.
use std::collections::{BTreeMap, BTreeSet};

/// The foundation: small modules that depend only on each other.
const FOUNDATION: [&str; 9] = [
    "error", "i18n", "json", "csv", "text", "money", "date", "ident", "expr",
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
    let mut out = BTreeSet::new();
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + 7..];
        let heads: Vec<&str> = match rest.strip_prefix('{') {
            Some(group) => group[..group.find('}').unwrap_or(group.len())]
                .split(',')
                .map(|p| p.trim())
                .collect(),
            None => vec![rest],
        };
        for h in heads {
            let name: String = h
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if name.chars().next().is_some_and(|c| c.is_ascii_lowercase()) {
                out.insert(name);
            }
        }
    }
    out
}

fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn each_module_uses_only_what_its_layer_allows() {
    let mut all = Vec::new();
    files(std::path::Path::new("src"), &mut all);
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for p in &all {
        let rel = p.strip_prefix("src").unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .to_string();
        let module = first.trim_end_matches(".rs").to_string();
        let text = std::fs::read_to_string(p).unwrap();
        uses.entry(module).or_default().extend(named(&text));
    }
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
