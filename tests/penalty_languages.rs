//! The penalty assessment in English and Traditional Chinese: the rule table's words
//! are translated, amounts and citations are written as each language writes them, and
//! only the statute's own words (each step's `quote`) stay in the original.

use serde_json::Value;
use yaojian::money::Fen;
use yaojian::penalty::translations::{in_lang, is_translated};
use yaojian::penalty::*;
use yaojian::Lang;

mod common;

use common::languages::{is_cjk, SIMPLIFIED_ONLY};
use yaojian::penalty::assess::StepKind;

/// Every display text of the table: titles, enforcers, orders, persons, sanctions.
fn table_texts() -> Vec<String> {
    let mut out = Vec::new();
    for r in &rule_table().rules {
        out.extend([r.title.clone(), r.enforcer.clone()]);
        out.extend(r.order.clone());
        let serious = r.serious.as_ref();
        let people = [
            r.individual.as_ref(),
            serious.and_then(|s| s.individual.as_ref()),
        ];
        for ind in people.into_iter().flatten() {
            out.push(ind.who.clone());
            out.extend(ind.sanctions.iter().map(|s| s.text.clone()));
        }
        let lists = [&r.sanctions, &r.deadline_missed_sanctions];
        out.extend(lists.into_iter().flatten().map(|s| s.text.clone()));
        out.extend(
            serious
                .into_iter()
                .flat_map(|s| s.sanctions.iter().map(|x| x.text.clone())),
        );
    }
    out
}

#[test]
fn every_text_of_the_rule_table_has_both_translations() {
    let missing: Vec<String> = table_texts()
        .into_iter()
        .filter(|t| !is_translated(t))
        .collect();
    assert!(missing.is_empty(), "untranslated: {missing:?}");
    assert_eq!(in_lang("责令关闭", Lang::En), "Order to close");
    assert_eq!(in_lang("责令关闭", Lang::ZhTw), "責令關閉");
    assert_eq!(in_lang("责令关闭", Lang::ZhCn), "责令关闭");
    assert_eq!(in_lang("not in the table", Lang::En), "not in the table");
}

/// Every string of the assessment's JSON with its path, but the statute's own words.
fn shown(v: &Value, path: String, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(m) => m
            .iter()
            // The law's own name (the widget writes it in the language) and the quotes.
            .filter(|(k, _)| {
                k.as_str() != "quote"
                    && !(path == "$.law" && matches!(k.as_str(), "title" | "edition"))
            })
            .for_each(|(k, x)| shown(x, format!("{path}.{k}"), out)),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| shown(x, format!("{path}[{i}]"), out)),
        Value::String(s) => out.push((path, s.clone())),
        _ => {}
    }
}

/// The texts of the assessment but the statute's own words that have a character `bad`
/// matches, with their JSON paths.
fn texts_with(a: &Assessment, bad: impl Fn(char) -> bool) -> Vec<(String, String)> {
    let mut texts = Vec::new();
    shown(&serde_json::to_value(a).unwrap(), "$".into(), &mut texts);
    texts.retain(|(_, s)| s.chars().any(&bad));
    texts
}

fn case(rule: &Rule, serious: bool) -> Case {
    let b = Some(Fen::from_yuan(30_000));
    Case {
        rule: rule.id.clone(),
        goods_value: b,
        illegal_income: b,
        income: b,
        unit_income: b,
        channel: Some(Channel::Retail),
        serious,
        deadline_missed: !serious,
        circumstances: vec!["first_offence".into(), "corrected".into()],
        ..Case::default()
    }
}

#[test]
fn an_english_assessment_of_every_rule_has_no_chinese_but_the_statutes_words() {
    for rule in &rule_table().rules {
        for serious in [false, true] {
            let a = assess(&case(rule, serious), default_benchmark(), Lang::En).unwrap();
            let mut texts = Vec::new();
            shown(&serde_json::to_value(&a).unwrap(), "$".into(), &mut texts);
            let chinese: Vec<_> = texts
                .iter()
                .filter(|(_, s)| s.chars().any(is_cjk))
                .collect();
            assert!(
                chinese.is_empty(),
                "{} (serious {serious}): {chinese:#?}",
                rule.id
            );
            let quoted = a.steps.iter().filter_map(|s| s.quote.as_deref());
            assert!(
                quoted.clone().count() > 0 && quoted.into_iter().all(|q| q.chars().any(is_cjk))
            );
        }
    }
}

#[test]
fn a_traditional_chinese_assessment_of_every_rule_has_no_simplified_characters() {
    for rule in &rule_table().rules {
        let a = assess(&case(rule, false), default_benchmark(), Lang::ZhTw).unwrap();
        let simplified = texts_with(&a, |c| SIMPLIFIED_ONLY.contains(c));
        assert!(simplified.is_empty(), "{}: {simplified:#?}", rule.id);
    }
}

#[test]
fn amounts_and_citations_read_as_each_language_writes_them() {
    let rule = rule_table().get("dal-141-1").unwrap();
    let en = assess(&case(rule, false), default_benchmark(), Lang::En).unwrap();
    assert_eq!(
        en.rule.citation.label,
        "Drug Administration Law, Article 141, paragraph 1"
    );
    assert_eq!(
        en.rule.title,
        "Giving or accepting kickbacks or other improper benefits in drug purchases and sales"
    );
    let range = en.steps.iter().find(|s| s.kind == StepKind::Range).unwrap();
    assert_eq!(range.text, "Statutory range: ¥300,000 to ¥3,000,000.");
    let tw = assess(&case(rule, false), default_benchmark(), Lang::ZhTw).unwrap();
    assert_eq!(
        tw.rule.citation.label,
        "《中華人民共和國藥品管理法》第一百四十一條第一款"
    );
    let zh = assess(&case(rule, false), default_benchmark(), Lang::ZhCn).unwrap();
    assert_eq!(
        zh.rule.citation.label,
        "《中华人民共和国药品管理法》第一百四十一条第一款"
    );
    assert_eq!(zh.rule.title, "药品购销中给予、收受回扣或者其他不正当利益");
}

#[test]
fn the_step_choosing_among_several_rules_is_in_english_too() {
    let rule = rule_table().get("dal-141-1").unwrap();
    let c = Case {
        also_rules: vec!["dal-116".into()],
        ..case(rule, false)
    };
    let a = assess(&c, default_benchmark(), Lang::En).unwrap();
    let mut texts = Vec::new();
    shown(&serde_json::to_value(&a).unwrap(), "$".into(), &mut texts);
    let chinese: Vec<_> = texts
        .iter()
        .filter(|(_, s)| s.chars().any(is_cjk))
        .collect();
    assert!(chinese.is_empty(), "{chinese:#?}");
    assert!(a.steps.iter().any(|s| s.kind == StepKind::SeveralNorms
        && s.text.contains("Drug Administration Law, Article 116")));
}
