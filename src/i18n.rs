//! UI and error strings in zh-CN (default), zh-TW and en. The catalogs are data
//! (`data/i18n/*.json`, flat maps of key to text with `{name}` placeholders), read by
//! one reader ([`read_catalog`]) whoever the caller is:
//! - with feature `embedded-data` (the CLI, the server, the engine's tests) they are
//!   compiled in and read on first use;
//! - a widget's wasm carries none: `yaojian.js` fetches its module's catalog in the
//!   page's language (`dist/<module>.<lang>.<hash>.json`, only the words that
//!   module uses) and hands it to [`install_catalog`] before the widget renders.
//!
//! A test checks every key exists in all three.

use crate::error::{Errors, FieldError};
use crate::sorted::SortedMap;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::RwLock;

/// A language of the catalogs: Simplified Chinese (default), Traditional Chinese, English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "zh-TW")]
    ZhTw,
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// Every language, default first.
    pub const ALL: [Lang; 3] = [Lang::ZhCn, Lang::ZhTw, Lang::En];

    /// BCP 47 tag, for `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::ZhTw => "zh-TW",
            Lang::En => "en",
        }
    }

    /// Reads a language tag loosely: `zh`, `zh-Hans`, `zh-CN` are simplified;
    /// `zh-TW`, `zh-HK`, `zh-MO`, `zh-Hant` traditional; `en`, `en-GB` English.
    /// Anything else falls back to the default, zh-CN.
    pub fn parse(tag: &str) -> Lang {
        let t = tag.trim().to_ascii_lowercase().replace('_', "-");
        if t.starts_with("en") {
            Lang::En
        } else if t.starts_with("zh-tw")
            || t.starts_with("zh-hk")
            || t.starts_with("zh-mo")
            || t.starts_with("zh-hant")
        {
            Lang::ZhTw
        } else {
            Lang::ZhCn
        }
    }

    fn index(self) -> usize {
        match self {
            Lang::ZhCn => 0,
            Lang::ZhTw => 1,
            Lang::En => 2,
        }
    }
}

/// The catalogs compiled in, for the callers that carry them (feature `embedded-data`).
#[cfg(feature = "embedded-data")]
mod embedded {
    use super::Lang;

    /// The catalog files of `lang`, with their paths (for the errors of a broken one).
    pub(super) fn sources(lang: Lang) -> Vec<(&'static str, &'static str)> {
        #[allow(unused_mut)]
        let mut files = vec![match lang {
            Lang::ZhCn => (
                "data/i18n/zh-CN.json",
                include_str!("../data/i18n/zh-CN.json"),
            ),
            Lang::ZhTw => (
                "data/i18n/zh-TW.json",
                include_str!("../data/i18n/zh-TW.json"),
            ),
            Lang::En => ("data/i18n/en.json", include_str!("../data/i18n/en.json")),
        }];
        // The spreadsheet converter's messages, compiled in only where it is (CLI, server).
        #[cfg(feature = "xlsx")]
        files.push(match lang {
            Lang::ZhCn => (
                "data/i18n/xlsform/zh-CN.json",
                include_str!("../data/i18n/xlsform/zh-CN.json"),
            ),
            Lang::ZhTw => (
                "data/i18n/xlsform/zh-TW.json",
                include_str!("../data/i18n/xlsform/zh-TW.json"),
            ),
            Lang::En => (
                "data/i18n/xlsform/en.json",
                include_str!("../data/i18n/xlsform/en.json"),
            ),
        });
        files
    }
}

/// One language's words: key → text.
pub type Catalog = HashMap<String, String>;

/// The catalogs in use, by [`Lang::index`]; `None` until one is installed (or, with the
/// data compiled in, first read).
static CATALOGS: RwLock<[Option<Catalog>; 3]> = RwLock::new([None, None, None]);

/// Reads a catalog file: one JSON object of dotted lowercase keys (`fs.loading`) to
/// texts, no key twice. Every error names its JSON path.
pub fn read_catalog(text: &str) -> Result<Catalog, Errors> {
    let serde_json::Value::Object(object) = crate::json::parse_document(text, "$")? else {
        return Err(FieldError::new("$", "i18n.not_object").into());
    };
    let mut catalog = Catalog::with_capacity(object.len());
    let mut errors = Vec::new();
    let at = |key: &str, code: &str| {
        let path = format!("$[{}]", serde_json::Value::from(key));
        FieldError::new(path, code).with("key", key)
    };
    for (key, text) in object {
        if !valid_key(&key) {
            errors.push(at(&key, "i18n.bad_key"));
        }
        match text {
            serde_json::Value::String(t) => {
                catalog.insert(key, t);
            }
            _ => errors.push(at(&key, "i18n.not_text")),
        }
    }
    if errors.is_empty() {
        Ok(catalog)
    } else {
        Err(errors.into())
    }
}

/// `section.name[.more]`: lowercase ASCII letters, digits, `_` and `-`; the first part
/// starts with a letter, every part with a letter or digit; at least two parts.
fn valid_key(key: &str) -> bool {
    let mut parts = 0;
    for part in key.split('.') {
        let first_ok = match part.bytes().next() {
            Some(b) if parts == 0 => b.is_ascii_lowercase(),
            Some(b) => b.is_ascii_lowercase() || b.is_ascii_digit(),
            None => false,
        };
        let ok = first_ok
            && part
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
        if !ok {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}

/// Adds the words of a catalog file (see [`read_catalog`]) to `lang`'s catalog: the
/// widgets' way of getting their words. A key given again takes the new text. A file
/// that does not read changes nothing.
pub fn install_catalog(lang: Lang, text: &str) -> Result<(), Errors> {
    let words = read_catalog(text)?;
    let mut catalogs = CATALOGS.write().unwrap_or_else(|e| e.into_inner());
    catalogs[lang.index()]
        .get_or_insert_with(Catalog::new)
        .extend(words);
    Ok(())
}

/// Whether `lang` has any words yet (installed, or compiled in).
pub fn has_catalog(lang: Lang) -> bool {
    with_catalog(lang, |c| c.is_some_and(|c| !c.is_empty()))
}

/// Runs `f` on `lang`'s catalog. With the data compiled in, the first call reads it; a
/// compiled-in file that does not read is a build defect the tests catch: its words are
/// missing (keys show through) rather than a panic.
fn with_catalog<R>(lang: Lang, f: impl FnOnce(Option<&Catalog>) -> R) -> R {
    #[cfg(feature = "embedded-data")]
    {
        static READ: [std::sync::Once; 3] = [const { std::sync::Once::new() }; 3];
        READ[lang.index()].call_once(|| {
            for (_, text) in embedded::sources(lang) {
                let _ = install_catalog(lang, text);
            }
        });
    }
    let catalogs = CATALOGS.read().unwrap_or_else(|e| e.into_inner());
    f(catalogs[lang.index()].as_ref())
}

/// The errors of the catalog files compiled in, by file (none when they all read).
#[cfg(feature = "embedded-data")]
pub fn embedded_catalog_errors() -> Vec<(&'static str, Errors)> {
    Lang::ALL
        .into_iter()
        .flat_map(embedded::sources)
        .filter_map(|(path, text)| read_catalog(text).err().map(|e| (path, e)))
        .collect()
}

/// All keys of one catalog, for tests and tooling.
pub fn keys(lang: Lang) -> Vec<String> {
    let mut k: Vec<String> =
        with_catalog(lang, |c| c.map(|c| c.keys().cloned().collect())).unwrap_or_default();
    crate::sorted::sort(&mut k);
    k
}

fn lookup(lang: Lang, key: &str) -> Option<String> {
    with_catalog(lang, |c| c.and_then(|c| c.get(key).cloned()))
}

/// The text for `key` in `lang`; falls back to zh-CN, then to the key itself so a
/// missing string is visible rather than blank.
pub fn t(lang: Lang, key: &str) -> String {
    lookup(lang, key)
        .or_else(|| lookup(Lang::ZhCn, key))
        .unwrap_or_else(|| key.to_string())
}

/// [`t`] with `{name}` placeholders filled from `params`.
pub fn t_with(lang: Lang, key: &str, params: &SortedMap<String, String>) -> String {
    let mut s = t(lang, key);
    for (k, v) in params {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

/// [`t_with`] for a literal list of pairs.
pub fn tf(lang: Lang, key: &str, params: &[(&str, &str)]) -> String {
    let mut s = t(lang, key);
    for (k, v) in params {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

/// What separates the items of a list in running text: `；` in Chinese, `; ` in English.
pub fn list_separator(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "; ",
        _ => "；",
    }
}

/// What separates the items of an enumeration: `、` in Chinese, `, ` in English.
pub fn enumeration_separator(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ", ",
        _ => "、",
    }
}

/// What follows a label before its value: `：` in Chinese, `: ` in English.
pub fn label_separator(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ": ",
        _ => "：",
    }
}

/// `text` in brackets as `lang` writes them: `（…）` in Chinese, ` (…)` in English.
pub fn bracketed(text: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!(" ({text})"),
        _ => format!("（{text}）"),
    }
}

/// A text of the data in several languages (`{"zh-CN": …, "en": …}`), falling back to
/// zh-CN.
pub type I18nText = SortedMap<String, String>;

/// The text of `text` in `lang`, else in zh-CN, else empty.
pub fn pick(text: &I18nText, lang: Lang) -> String {
    text.get(lang.tag())
        .or_else(|| text.get("zh-CN"))
        .cloned()
        .unwrap_or_default()
}
