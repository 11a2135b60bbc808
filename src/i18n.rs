//! UI and error strings in zh-CN (default), zh-TW and en. The catalogs are data
//! (`data/i18n/*.json`, flat maps of key to text with `{name}` placeholders), compiled
//! in and parsed once. A test checks every key exists in all three.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

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

    fn source(self) -> &'static str {
        match self {
            Lang::ZhCn => include_str!("../data/i18n/zh-CN.json"),
            Lang::ZhTw => include_str!("../data/i18n/zh-TW.json"),
            Lang::En => include_str!("../data/i18n/en.json"),
        }
    }
}

#[cfg(feature = "xlsx")]
impl Lang {
    /// The spreadsheet converter's messages, compiled in only where it is (CLI, server).
    fn xlsform_source(self) -> &'static str {
        match self {
            Lang::ZhCn => include_str!("../data/i18n/xlsform/zh-CN.json"),
            Lang::ZhTw => include_str!("../data/i18n/xlsform/zh-TW.json"),
            Lang::En => include_str!("../data/i18n/xlsform/en.json"),
        }
    }
}

type Catalog = HashMap<String, String>;

fn catalog(lang: Lang) -> &'static Catalog {
    static CATALOGS: [OnceLock<Catalog>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let i = match lang {
        Lang::ZhCn => 0,
        Lang::ZhTw => 1,
        Lang::En => 2,
    };
    // The catalogs are compiled in and checked by tests, so a parse failure is a build
    // defect; degrade to an empty catalog (keys show through) rather than panic.
    CATALOGS[i].get_or_init(|| {
        #[allow(unused_mut)]
        let mut c: Catalog = serde_json::from_str(lang.source()).unwrap_or_default();
        #[cfg(feature = "xlsx")]
        c.extend(serde_json::from_str::<Catalog>(lang.xlsform_source()).unwrap_or_default());
        c
    })
}

/// All keys of one catalog, for tests and tooling.
pub fn keys(lang: Lang) -> Vec<&'static str> {
    let mut k: Vec<&str> = catalog(lang).keys().map(String::as_str).collect();
    k.sort_unstable();
    k
}

/// The text for `key` in `lang`; falls back to zh-CN, then to the key itself so a
/// missing string is visible rather than blank.
pub fn t(lang: Lang, key: &str) -> String {
    catalog(lang)
        .get(key)
        .or_else(|| catalog(Lang::ZhCn).get(key))
        .cloned()
        .unwrap_or_else(|| key.to_string())
}

/// [`t`] with `{name}` placeholders filled from `params`.
pub fn t_with(lang: Lang, key: &str, params: &BTreeMap<String, String>) -> String {
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
pub type I18nText = BTreeMap<String, String>;

/// The text of `text` in `lang`, else in zh-CN, else empty.
pub fn pick(text: &I18nText, lang: Lang) -> String {
    text.get(lang.tag())
        .or_else(|| text.get("zh-CN"))
        .cloned()
        .unwrap_or_default()
}
