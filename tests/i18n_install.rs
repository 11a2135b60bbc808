//! Issue 37: a catalog file is read by one reader, whoever the caller: the files compiled
//! in (CLI, server) and the files a widget's page fetches (`install_catalog`). This file
//! is its own test binary: installing words changes the process's catalogs.
use yaojian::i18n::{self, Lang};

#[test]
fn the_catalogs_compiled_in_read_without_an_error() {
    let errors: Vec<String> = i18n::embedded_catalog_errors()
        .into_iter()
        .map(|(file, e)| format!("{file}: {e:?}"))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert!(i18n::has_catalog(Lang::En));
}

#[test]
fn a_bad_catalog_is_refused_with_the_path_of_each_mistake() {
    let e = i18n::read_catalog(r#"{"fs.ok": "好", "Bad Key": "x", "fs.count": 3}"#).unwrap_err();
    let found: Vec<(String, String)> = e.iter().map(|e| (e.path.clone(), e.code.clone())).collect();
    assert_eq!(
        found,
        [
            (r#"$["Bad Key"]"#.to_string(), "i18n.bad_key".to_string()),
            (r#"$["fs.count"]"#.to_string(), "i18n.not_text".to_string()),
        ]
    );
    let e = i18n::read_catalog(r#"{"fs.a": "1", "fs.a": "2"}"#).unwrap_err();
    assert_eq!(e[0].code, "json.duplicate_key");
    let e = i18n::read_catalog("[1]").unwrap_err();
    assert_eq!(e[0].code, "i18n.not_object");
    let e = i18n::read_catalog("{\"fs.a\": ").unwrap_err();
    assert_eq!(e[0].code, "json.syntax");
    // The messages are words in every language, not keys.
    assert!(!e[0].message(Lang::En).starts_with("error."));
}

#[test]
fn installed_words_join_the_language_and_a_bad_file_changes_nothing() {
    assert_eq!(i18n::t(Lang::En, "zz.installed"), "zz.installed");
    i18n::install_catalog(Lang::En, r#"{"zz.installed": "Installed {n}"}"#).unwrap();
    assert_eq!(
        i18n::tf(Lang::En, "zz.installed", &[("n", "1")]),
        "Installed 1"
    );
    // The words compiled in are still there beside them.
    assert_eq!(
        i18n::t(Lang::En, "error.money.negative"),
        "The amount cannot be negative"
    );
    assert!(i18n::install_catalog(Lang::En, r#"{"zz.installed": 1}"#).is_err());
    assert_eq!(i18n::t(Lang::En, "zz.installed"), "Installed {n}");
    // A key given again takes the new text.
    i18n::install_catalog(Lang::En, r#"{"zz.installed": "Again"}"#).unwrap();
    assert_eq!(i18n::t(Lang::En, "zz.installed"), "Again");
}
