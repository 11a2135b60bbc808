//! The components' invariants, as ARCHITECTURE.md states them, checked on the source of
//! `components/src`: widgets do not depend on `embed`, on the portal or on each other;
//! the markup rules (no raw HTML, no `style=`, every `<button>` has a `type`); and one
//! field layout (`common::Field`) writes every field's error message.
mod common;

use common::layering::{files, named_after};
use std::path::{Path, PathBuf};

/// Each widget folder (it has a `spec.rs`) and its module name in `crate::widgets`.
fn widget_folders() -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir("components/src").unwrap().flatten() {
        let dir = e.path();
        if dir.join("spec.rs").exists() {
            let module = dir.file_name().unwrap().to_string_lossy().replace('-', "_");
            out.push((dir, module));
        }
    }
    assert!(out.len() >= 5, "found {out:?}");
    out
}

/// Every `.rs` file under `dir` with its text, browser tests aside.
fn sources(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut all = Vec::new();
    files(dir, &mut all);
    all.into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n != "tests.rs"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect()
}

/// What a widget's source names that a widget must not: `crate::embed`,
/// `crate::portal`, another widget (`crate::widgets::<other>`).
fn forbidden_names(text: &str, own: &str, uses: &[String]) -> Vec<String> {
    let mut out: Vec<String> = named_after(text, "crate::")
        .into_iter()
        .filter(|m| m == "embed" || m == "portal")
        .collect();
    out.extend(
        named_after(text, "crate::widgets::")
            .into_iter()
            .filter(|m| m != own && m != "examples" && !uses.contains(m))
            .map(|m| format!("widgets::{m}")),
    );
    out
}

/// The widgets a widget's `spec.rs` declares it renders (`//! uses widget: kind`, the
/// form builder's preview is the form itself), as module names.
fn declared_uses(dir: &Path) -> Vec<String> {
    let spec = std::fs::read_to_string(dir.join("spec.rs")).unwrap();
    spec.lines()
        .filter_map(|l| {
            l.trim_start_matches("//!")
                .trim()
                .strip_prefix("uses widget:")
        })
        .map(|k| k.trim().replace('-', "_"))
        .collect()
}

#[test]
fn widgets_depend_on_neither_embedding_nor_the_portal_nor_each_other() {
    let mut broken = Vec::new();
    for (dir, module) in widget_folders() {
        let uses = declared_uses(&dir);
        for (p, text) in sources(&dir) {
            for n in forbidden_names(&text, &module, &uses) {
                broken.push(format!("{} names crate::{n}", p.display()));
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

/// The markup rules a source text breaks: raw HTML, a `style=` attribute, a `<button`
/// whose tag has no `type=`.
fn markup_faults(text: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    if text.contains("from_html_unchecked") {
        out.push("raw HTML");
    }
    if text.contains(" style=") || text.contains("\tstyle=") {
        out.push("a style= attribute");
    }
    for (i, _) in text.match_indices("<button") {
        let tag = &text[i..];
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        if !tag.contains("type=") {
            out.push("a <button> without a type");
        }
    }
    out
}

#[test]
fn no_raw_html_no_style_attribute_and_every_button_has_a_type() {
    let mut broken = Vec::new();
    for (p, text) in sources(Path::new("components/src")) {
        for f in markup_faults(&text) {
            broken.push(format!("{}: {f}", p.display()));
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

/// Issue 30: the field layout (label, hint, error with its hidden prefix, the ids that
/// tie them) is written once, in `common/field.rs`.
#[test]
fn only_the_common_field_writes_a_fields_error_message() {
    let mut writers = Vec::new();
    for (p, text) in sources(Path::new("components/src")) {
        if text.contains("common.error_prefix") {
            writers.push(p.display().to_string());
        }
    }
    assert_eq!(writers, ["components/src/common/field.rs"]);
}

/// Where code outside the tests reads a typed value with `serde_json::from_value`.
fn value_readers(text: &str) -> usize {
    text.matches("serde_json::from_value").count()
}

/// The engine and the widgets read a typed value field by field (`yaojian::json::read`),
/// or for a type with a derived reader through serde_json's text reader
/// (`yaojian::json::parse_value_at`): a `serde_json::from_value` would compile that
/// type's reading code a second time, for `Value`'s deserializer, in every wasm using it.
#[test]
fn typed_values_are_read_by_one_reader() {
    let mut found = Vec::new();
    for dir in ["src", "components/src"] {
        for (path, text) in sources(Path::new(dir)) {
            let doc_line = |l: &&str| l.trim_start().starts_with("//");
            let code: String = text.lines().filter(|l| !doc_line(l)).collect();
            if value_readers(&code) > 0 && !path.components().any(|c| c.as_os_str() == "tests") {
                found.push(path.display().to_string());
            }
        }
    }
    assert!(found.is_empty(), "serde_json::from_value in {found:?}");
    assert_eq!(value_readers("let x: T = serde_json::from_value(v)?;"), 1);
}

/// The checks find what they look for.
#[test]
fn the_checks_find_a_back_edge_and_broken_markup() {
    assert_eq!(
        forbidden_names(
            "use crate::widgets::rectification::board;",
            "self_inspection",
            &[]
        ),
        ["widgets::rectification"]
    );
    assert!(forbidden_names("crate::widgets::examples::X; crate::common::t", "x", &[]).is_empty());
    assert_eq!(forbidden_names("crate::embed::mount", "x", &[]), ["embed"]);
    // A widget its spec declares it renders is allowed, and only that one.
    let uses = declared_uses(Path::new("components/src/form-builder"));
    assert_eq!(uses, ["self_inspection"]);
    let text = "crate::widgets::self_inspection::SelfInspection; crate::widgets::rectification::X";
    assert_eq!(
        forbidden_names(text, "form_builder", &uses),
        ["widgets::rectification"]
    );
    assert_eq!(
        markup_faults("html! { <button class=\"a\">{ x }</button> <p style=\"\"/> }"),
        ["a style= attribute", "a <button> without a type"]
    );
    assert!(markup_faults("<button type=\"button\" class=\"b\">").is_empty());
}

#[test]
fn the_built_in_templates_a_widget_has_at_once_are_the_engines_defaults() {
    // A spec's `//! data:` line names the built-in template a widget shows before one is
    // picked: the engine's default form and the checker's first; the rest come on demand.
    let at_once = |spec: &str| -> Vec<String> {
        spec.lines()
            .filter_map(|l| l.trim_start_matches("//!").trim().strip_prefix("data:"))
            .flat_map(|names| names.split_whitespace().map(str::to_string))
            .collect()
    };
    let mut named = 0;
    for (dir, _) in widget_folders() {
        let spec = std::fs::read_to_string(dir.join("spec.rs")).unwrap();
        for name in at_once(&spec) {
            let default = match name.split_once('-') {
                Some(("form", id)) => (id, yaojian::form::DEFAULT_ID),
                Some(("requirements", id)) => (id, yaojian::requirements::chosen_id(None)),
                _ => continue,
            };
            assert_eq!(default.0, default.1, "{}: {name}", dir.display());
            named += 1;
        }
    }
    assert!(
        named >= 3,
        "the form, the summary and the checker each name one"
    );
    // The contract says which form is the default.
    let props = std::fs::read_to_string("components/src/common/properties.rs").unwrap();
    let said = format!("`{}` (default)", yaojian::form::DEFAULT_ID);
    assert!(props.contains(&said), "TEMPLATE_ID should say {said}");
}
