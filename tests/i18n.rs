//! Every catalog has exactly the same keys, no empty text, and the same placeholders.
mod common;

use common::languages::{is_cjk, outside_quotations, SIMPLIFIED_ONLY};
use yaojian::i18n::{self, Lang};

fn placeholders(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(start) = rest.find('{') {
        match rest[start..].find('}') {
            Some(end) => {
                out.push(rest[start + 1..start + end].to_string());
                rest = &rest[start + end + 1..];
            }
            None => break,
        }
    }
    out.sort();
    out
}

#[test]
fn every_key_exists_in_all_three_languages() {
    let zh = i18n::keys(Lang::ZhCn);
    assert!(zh.len() > 20, "the zh-CN catalog failed to load");
    for lang in [Lang::ZhTw, Lang::En] {
        let other = i18n::keys(lang);
        let missing: Vec<_> = zh.iter().filter(|k| !other.contains(k)).collect();
        let extra: Vec<_> = other.iter().filter(|k| !zh.contains(k)).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{lang:?}: missing {missing:?}, extra {extra:?}"
        );
    }
}

#[test]
fn texts_are_non_empty_and_keep_their_placeholders() {
    for key in i18n::keys(Lang::ZhCn) {
        let base = placeholders(&i18n::t(Lang::ZhCn, &key));
        for lang in Lang::ALL {
            let text = i18n::t(lang, &key);
            assert!(!text.trim().is_empty(), "{lang:?} {key} is empty");
            assert_eq!(
                placeholders(&text),
                base,
                "{lang:?} {key} placeholders differ"
            );
        }
    }
}

#[test]
fn errors_render_in_the_users_language() {
    let e = yaojian::money::parse_yuan("-1")
        .unwrap_err()
        .at("$.goods_value");
    assert_eq!(e.path, "$.goods_value");
    assert_eq!(e.message(Lang::ZhCn), "金额不能为负数");
    assert_eq!(e.message(Lang::ZhTw), "金額不能為負數");
    assert_eq!(e.message(Lang::En), "The amount cannot be negative");
    let j = serde_json::to_value(e.localized(Lang::En)).unwrap();
    assert_eq!(j["path"], "$.goods_value");
    assert_eq!(j["code"], "money.negative");
}

#[test]
fn language_tags_are_read_loosely() {
    assert_eq!(Lang::parse("zh-TW"), Lang::ZhTw);
    assert_eq!(Lang::parse("zh-Hant-HK"), Lang::ZhTw);
    assert_eq!(Lang::parse("zh_hk"), Lang::ZhTw);
    assert_eq!(Lang::parse("en-GB"), Lang::En);
    assert_eq!(Lang::parse("zh"), Lang::ZhCn);
    assert_eq!(Lang::parse("fr"), Lang::ZhCn);
    assert_eq!(Lang::parse(""), Lang::ZhCn);
}

#[test]
fn english_texts_have_no_chinese_outside_marked_quotations() {
    let bad: Vec<String> = i18n::keys(Lang::En)
        .into_iter()
        .map(|k| {
            let v = i18n::t(Lang::En, &k);
            (k, v)
        })
        .filter(|(_, v)| outside_quotations(v).chars().any(is_cjk))
        .map(|(k, v)| format!("{k} = {v}"))
        .collect();
    assert!(
        bad.is_empty(),
        "Chinese in English texts:\n{}",
        bad.join("\n")
    );
}

#[test]
fn traditional_chinese_texts_use_no_simplified_characters() {
    let bad: Vec<String> = i18n::keys(Lang::ZhTw)
        .into_iter()
        .map(|k| {
            let v = i18n::t(Lang::ZhTw, &k);
            (k, v)
        })
        .filter(|(_, v)| {
            outside_quotations(v)
                .chars()
                .any(|c| SIMPLIFIED_ONLY.contains(c))
        })
        .map(|(k, v)| format!("{k} = {v}"))
        .collect();
    assert!(
        bad.is_empty(),
        "simplified characters in zh-TW:\n{}",
        bad.join("\n")
    );
    // The list is of characters zh-CN really uses (a typo in it would test nothing).
    let zh: String = i18n::keys(Lang::ZhCn)
        .into_iter()
        .map(|k| i18n::t(Lang::ZhCn, &k))
        .collect();
    let unused: String = SIMPLIFIED_ONLY
        .chars()
        .filter(|c| !zh.contains(*c))
        .collect();
    assert!(unused.is_empty(), "not in the zh-CN catalog: {unused}");
}

/// Every `"en"` text of a JSON document, with its path.
fn english_texts(v: &serde_json::Value, path: String, out: &mut Vec<(String, String)>) {
    match v {
        serde_json::Value::Object(m) => {
            if let Some(serde_json::Value::String(en)) = m.get("en") {
                out.push((path.clone(), en.clone()));
            }
            for (k, x) in m {
                english_texts(x, format!("{path}.{k}"), out);
            }
        }
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                english_texts(x, format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn the_built_in_data_in_english_has_no_chinese_outside_marked_quotations() {
    let mut bad = Vec::new();
    for dir in ["data/forms", "data/requirements", "data/penalty"] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let file = entry.unwrap().path();
            let doc: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
            let mut texts = Vec::new();
            english_texts(&doc, "$".into(), &mut texts);
            bad.extend(
                texts
                    .into_iter()
                    .filter(|(_, v)| outside_quotations(v).chars().any(is_cjk))
                    .map(|(p, v)| format!("{} {p}: {v}", file.display())),
            );
        }
    }
    assert!(
        bad.is_empty(),
        "Chinese in English data:\n{}",
        bad.join("\n")
    );
}
