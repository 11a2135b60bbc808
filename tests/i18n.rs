//! Every catalog has exactly the same keys, no empty text, and the same placeholders.
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
        let base = placeholders(&i18n::t(Lang::ZhCn, key));
        for lang in Lang::ALL {
            let text = i18n::t(lang, key);
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
