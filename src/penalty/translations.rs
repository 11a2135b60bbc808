//! The rule table's titles, sanctions, enforcers, responsible persons and the law's
//! name in zh-TW and English (`data/penalty/drug-law-2019.i18n.json`, keyed by the
//! Chinese text). Not law: the Chinese is the original, which statute quotes keep.

use crate::error::{Errors, FieldError};
use crate::i18n::I18nText;
use crate::Lang;
use std::collections::HashMap;
use std::sync::RwLock;

/// The file (`yaojian/penalty-i18n/1`): Chinese text → its translations.
struct Translations {
    schema: String,
    texts: HashMap<String, I18nText>,
}

/// A translations file's shape, read field by field ([`crate::json::read`]).
fn read_file(text: &str) -> Result<Translations, FieldError> {
    use crate::json::read::{string, string_map, Object};
    let v = crate::json::parse_document(text, "$")?;
    let o = Object::of(&v, "$")?;
    let texts = o.field("texts", |v, path| {
        let mut texts = HashMap::new();
        for (key, v, path) in Object::of(v, path)?.fields() {
            texts.insert(key.to_string(), string_map(v, &path)?);
        }
        Ok(texts)
    })?;
    Ok(Translations {
        schema: o.field("schema", string)?,
        texts,
    })
}

/// The translations installed (`None` until a file is: with the data compiled in, until
/// first read). Files add to each other: the release ships one per language.
static TEXTS: RwLock<Option<HashMap<String, I18nText>>> = RwLock::new(None);
/// The languages a file has given texts in.
static LANGS: RwLock<Vec<String>> = RwLock::new(Vec::new());

/// Reads a translations file and adds its texts to those installed.
pub fn install(text: &str) -> Result<(), Errors> {
    let file = read_file(text)?;
    if file.schema != "yaojian/penalty-i18n/1" {
        let e = FieldError::new("$.schema", "penalty.titles_schema");
        return Err(e.with("expected", "yaojian/penalty-i18n/1").into());
    }
    let mut texts = TEXTS.write().unwrap_or_else(|e| e.into_inner());
    let mut langs = LANGS.write().unwrap_or_else(|e| e.into_inner());
    let all = texts.get_or_insert_with(HashMap::new);
    for (chinese, given) in file.texts {
        for lang in given.keys() {
            if !langs.contains(lang) {
                langs.push(lang.clone());
            }
        }
        all.entry(chinese).or_default().extend(given);
    }
    Ok(())
}

/// The translation of `text` in `lang`, when one is installed.
fn lookup(text: &str, lang: Lang) -> Option<String> {
    #[cfg(feature = "embedded-data")]
    if TEXTS.read().map_or(true, |t| t.is_none()) {
        let _ = super::data::install(super::data::TITLES, super::data::TITLES_JSON);
    }
    let texts = TEXTS.read().unwrap_or_else(|e| e.into_inner());
    texts.as_ref()?.get(text)?.get(lang.tag()).cloned()
}

/// `text` (a title, sanction, enforcer or person of the rule table) in `lang`; the
/// Chinese itself in zh-CN and for a text with no translation (a rule table from
/// outside). Asked in a language no file was installed for, the file is missing
/// ([`crate::data::missing`]): a widget whose `//! data:` leaves out `penalty-titles`.
pub fn in_lang(text: &str, lang: Lang) -> String {
    if lang == Lang::ZhCn {
        return text.to_string();
    }
    lookup(text, lang).unwrap_or_else(|| {
        let langs = LANGS.read().unwrap_or_else(|e| e.into_inner());
        if !langs.iter().any(|l| l == lang.tag()) {
            crate::data::missing(super::data::TITLES);
        }
        text.to_string()
    })
}

/// The translation of `text` in `lang` if one is installed, without asking for one: the
/// rule search looks in whatever languages the page has.
pub fn translated(text: &str, lang: Lang) -> Option<String> {
    lookup(text, lang)
}

/// Whether `text` has a translation in every language.
pub fn is_translated(text: &str) -> bool {
    [Lang::ZhTw, Lang::En]
        .into_iter()
        .all(|l| lookup(text, l).is_some_and(|s| !s.trim().is_empty()))
}
