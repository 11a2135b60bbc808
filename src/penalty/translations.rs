//! The rule table's titles, sanctions, enforcers, responsible persons and the law's
//! name in zh-TW and English (`data/penalty/drug-law-2019.i18n.json`, keyed by the
//! Chinese text). Not law: the Chinese is the original, which statute quotes keep.

use crate::i18n::{pick, I18nText};
use crate::Lang;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Deserialize)]
struct Translations {
    texts: HashMap<String, I18nText>,
}

fn texts() -> &'static HashMap<String, I18nText> {
    static TEXTS: OnceLock<HashMap<String, I18nText>> = OnceLock::new();
    // Compiled in and checked by a test (every text of the table has both languages),
    // so a parse failure is a build defect: the Chinese then shows through.
    TEXTS.get_or_init(|| {
        serde_json::from_str::<Translations>(include_str!(
            "../../data/penalty/drug-law-2019.i18n.json"
        ))
        .map(|t| t.texts)
        .unwrap_or_default()
    })
}

/// `text` (a title, sanction, enforcer or person of the rule table) in `lang`; the
/// Chinese itself in zh-CN and for a text with no translation (a rule table from
/// outside).
pub fn in_lang(text: &str, lang: Lang) -> String {
    match (lang, texts().get(text)) {
        (Lang::ZhCn, _) | (_, None) => text.to_string(),
        (_, Some(t)) => pick(t, lang),
    }
}

/// Whether `text` has a translation in every language.
pub fn is_translated(text: &str) -> bool {
    texts().get(text).is_some_and(|t| {
        ["zh-TW", "en"]
            .iter()
            .all(|l| t.get(*l).is_some_and(|s| !s.trim().is_empty()))
    })
}
