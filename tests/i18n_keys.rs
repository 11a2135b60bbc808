//! Every catalog key the code names literally exists (issue 18): messages looked up with
//! `t`, `tf`, `t_str` and `t_with`, and the `error.<code>` of every `FieldError` built with
//! a literal code. Keys built at run time from a wire name (`checklist.status.{…}`) are
//! enumerated from their enums by the tests of those modules.
use std::collections::BTreeSet;
use yaojian::i18n::{self, Lang};

fn sources(dir: &str, out: &mut Vec<(String, String)>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            sources(p.to_str().unwrap(), out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push((
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            ));
        }
    }
}

#[test]
fn every_key_named_in_the_code_is_in_the_catalogs() {
    let mut files = Vec::new();
    sources("src", &mut files);
    sources("components/src", &mut files);
    let lookup = regex_lite::Regex::new(
        r#"\b(?:t|tf|t_str|t_with)\(\s*[\w.*]+,\s*"([a-z][\w]*(?:\.[\w]+)+)""#,
    )
    .unwrap();
    let code = regex_lite::Regex::new(r#"FieldError::new\(\s*(?:"[^"]*"|[^,()]+(?:\([^()]*\))?),\s*"([a-z][\w]*(?:\.[\w]+)+)"\s*\)"#).unwrap();
    let known: BTreeSet<String> = i18n::keys(Lang::ZhCn).into_iter().collect();
    let mut missing = Vec::new();
    let mut seen = 0;
    for (file, text) in &files {
        let keys = lookup
            .captures_iter(text)
            .map(|c| c[1].to_string())
            .chain(code.captures_iter(text).map(|c| format!("error.{}", &c[1])));
        for k in keys {
            seen += 1;
            if !known.contains(&k) {
                missing.push(format!("{file}: {k}"));
            }
        }
    }
    assert!(
        seen > 200,
        "the scan found only {seen} keys: the patterns are off"
    );
    assert!(
        missing.is_empty(),
        "keys missing from the catalogs:\n{}",
        missing.join("\n")
    );
}

/// The first segment of every key `files` look up by name.
fn prefixes_looked_up(files: &[(String, String)]) -> Vec<(String, String)> {
    let lookup =
        regex_lite::Regex::new(r#"\b(?:t|tf|t_str|t_with)\(\s*[\w.*]+,\s*"([a-z][\w]*)\.[\w.]+""#)
            .unwrap();
    files
        .iter()
        .flat_map(|(file, text)| {
            lookup
                .captures_iter(text)
                .map(|c| (file.clone(), c[1].to_string()))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Issue 30: a widget's own words are under its prefix, the words widgets share under
/// `common.`, and the engine's vocabulary (checklist statuses, form kinds) under the
/// engine's prefixes; a widget never borrows another widget's words.
#[test]
fn each_widget_uses_its_own_words_the_common_ones_and_the_engines() {
    // The engine's vocabulary: a key named after an engine module (`form.yes`,
    // `checklist.column.id`) is the engine's, shared by every caller.
    let engine: BTreeSet<String> = std::fs::read_dir("src")
        .unwrap()
        .flatten()
        .map(|e| {
            e.file_name()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_string()
        })
        .collect();
    // Each widget's prefix is the `//! words:` line of its spec.rs (build.rs and the
    // release read it too: a module's catalog carries its widgets' words).
    let mut own: Vec<(String, String)> = vec![
        ("common".into(), "common".into()),
        ("portal".into(), "portal".into()),
    ];
    for dir in std::fs::read_dir("components/src").unwrap().flatten() {
        let Ok(spec) = std::fs::read_to_string(dir.path().join("spec.rs")) else {
            continue;
        };
        let folder = dir.file_name().to_string_lossy().into_owned();
        let words = spec
            .lines()
            .find_map(|l| l.trim_start_matches("//!").trim().strip_prefix("words:"))
            .unwrap_or_else(|| panic!("{folder}/spec.rs: no `//! words:` line"));
        own.push((folder, words.trim().to_string()));
    }
    let mut borrowed = Vec::new();
    let mut seen = 0;
    for (folder, prefix) in &own {
        let mut files = Vec::new();
        sources(&format!("components/src/{folder}"), &mut files);
        for (file, p) in prefixes_looked_up(&files) {
            seen += 1;
            if p != *prefix && p != "common" && !engine.contains(&p) {
                borrowed.push(format!("{file}: {p}."));
            }
        }
    }
    assert!(seen > 200, "the scan found only {seen} keys");
    // No two widgets share a prefix (a module's catalog is cut by prefix).
    let mut prefixes: Vec<&String> = own.iter().map(|(_, p)| p).collect();
    prefixes.sort();
    prefixes.dedup();
    assert_eq!(
        prefixes.len(),
        own.len(),
        "two folders share a prefix: {own:?}"
    );
    assert!(own.len() >= 8, "the widget folders were not found: {own:?}");
    assert!(
        borrowed.is_empty(),
        "words borrowed from another widget:\n{}",
        borrowed.join("\n")
    );
}

/// Issue 37: the words under `penalty.`, `form.` and `checklist.` are named in full in the code
/// (`"penalty.step.rule"`) or by their group (`format!("penalty.base.{}")`,
/// `label(lang, "checklist.status.", s)`), never built from a shorter piece
/// (`format!("form.{x}")`): the release keeps such a word in a
/// module's catalog only when its wasm holds the word or its group
/// (`keptWord` in scripts/dist-manifest.mjs). Error codes (`FieldError::new`) are
/// not words: their messages are kept by the parts of the code.
#[test]
fn the_named_words_are_built_only_from_their_group() {
    let mut files = Vec::new();
    sources("src", &mut files);
    sources("components/src", &mut files);
    let piece = regex_lite::Regex::new(r#""((?:penalty|form|checklist)\.[\w.]*)(\{|")"#).unwrap();
    let mut built = Vec::new();
    let mut seen = 0;
    for (file, text) in &files {
        let lines: Vec<&str> = text.lines().collect();
        for (n, line) in lines.iter().enumerate() {
            let code = lines[n.saturating_sub(2)..=n].join(" ");
            for c in piece.captures_iter(line) {
                let (lit, end) = (&c[1], &c[2]);
                let piece_only = end == "{" || lit.ends_with('.') || lit.ends_with('_');
                if !piece_only || code.contains("FieldError::new") {
                    continue;
                }
                seen += 1;
                let group = lit.ends_with('.') && lit.matches('.').count() >= 2;
                if !group {
                    built.push(format!("{file}:{}: \"{lit}{end}…", n + 1));
                }
            }
        }
    }
    assert!(
        seen >= 5,
        "the groups used (penalty.base., form.severity.): {seen}"
    );
    assert!(
        built.is_empty(),
        "words built from a piece shorter than their group:\n{}",
        built.join("\n")
    );
}
