//! The penalty statute table against the statute: every verbatim field is in it, every
//! article of chapter 11 that fines or warns has its rules, ids and fines are
//! consistent, citations read as statutes do, and rules are found by article or words.
use serde_json::json;
use yaojian::penalty::*;
use yaojian::Lang;

mod common;

const LAW: &str = common::DAL;

fn run(case: serde_json::Value) -> Assessment {
    assess_json(&case.to_string(), Lang::ZhCn).unwrap_or_else(|e| panic!("{case}: {e:?}"))
}

fn paragraphs(article: u32) -> Vec<String> {
    common::paragraphs(LAW, article)
}

#[test]
fn every_verbatim_field_is_in_the_statute() {
    let table = rule_table();
    assert_eq!(table.rules.len(), 45);
    for r in &table.rules {
        let paras = paragraphs(r.article);
        let para = paras
            .get(r.paragraph as usize - 1)
            .unwrap_or_else(|| panic!("{}: no paragraph {}", r.id, r.paragraph));
        assert_eq!(
            &r.text, para,
            "{}: text is not paragraph {} verbatim",
            r.id, r.paragraph
        );
        if let Some(item) = &r.item_text {
            assert!(
                LAW.contains(item.as_str()),
                "{}: item text not verbatim",
                r.id
            );
        }
        let mut fragments: Vec<&str> = r
            .sanctions
            .iter()
            .chain(r.deadline_missed_sanctions.iter())
            .map(|s| s.text.as_str())
            .collect();
        let fines = [
            r.fine.as_ref(),
            r.serious.as_ref().and_then(|s| s.fine.as_ref()),
        ];
        fragments.extend(fines.iter().flatten().map(|f| f.source.as_str()));
        if let Some(s) = &r.serious {
            fragments.extend(s.sanctions.iter().map(|x| x.text.as_str()));
        }
        for ind in [
            r.individual.as_ref(),
            r.serious.as_ref().and_then(|s| s.individual.as_ref()),
        ]
        .into_iter()
        .flatten()
        {
            fragments.push(&ind.source);
            fragments.push(&ind.who);
            fragments.extend(ind.sanctions.iter().map(|x| x.text.as_str()));
        }
        for f in fragments {
            assert!(LAW.contains(f), "{}: not verbatim: {f}", r.id);
        }
    }
}

#[test]
fn every_article_of_chapter_11_that_fines_or_warns_is_in_the_table() {
    let table = rule_table();
    // Articles 115-141 whose text fines (罚款) or warns (警告), or bans (141 ¶2).
    for article in 115..=141u32 {
        let text = paragraphs(article).join("");
        let punishes = text.contains("罚款") || text.contains("警告") || text.contains("禁止从事");
        let has_rule = table.rules.iter().any(|r| r.article == article);
        // 119 refers to 116/117 ("按照销售假药、零售劣药的规定处罚").
        let refers = text.contains("的规定处罚");
        assert_eq!(
            has_rule,
            punishes || refers,
            "article {article}: in table {has_rule}, punishes {punishes}"
        );
    }
    // Every numbered item with its own consequence.
    for (article, items) in [(124, 7), (125, 3), (127, 7)] {
        for i in 1..=items {
            assert!(
                table
                    .rules
                    .iter()
                    .any(|r| r.article == article && r.item == Some(i)),
                "{article}({i}) missing"
            );
        }
    }
}

#[test]
fn ids_are_unique_and_fines_consistent() {
    let table = rule_table();
    let mut ids: Vec<&str> = table.rules.iter().map(|r| r.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), table.rules.len());
    for r in &table.rules {
        assert!(
            r.fine.is_some() || r.warning || !r.sanctions.is_empty(),
            "{} does nothing",
            r.id
        );
    }
}

/// (rule, case fields, statutory min, statutory max, floor applied), computed by hand
/// from the statute: e.g. 116: 货值 5万 < 10万 → 10万 × 15..30 = 150万..300万.
#[test]
fn citations_read_as_statutes_do() {
    let a = run(json!({"rule": "dal-124-1-3", "goods_value": "1"}));
    assert_eq!(
        a.rule.citation.label,
        "《中华人民共和国药品管理法》第一百二十四条第一款第三项"
    );
    assert_eq!(yaojian::penalty::rules::to_chinese_number(110), "一百一十");
    assert_eq!(yaojian::penalty::rules::to_chinese_number(105), "一百零五");
    assert_eq!(yaojian::penalty::rules::to_chinese_number(15), "十五");
    assert_eq!(
        yaojian::penalty::rules::article_number("第一百一十六条"),
        Some(116)
    );
    assert_eq!(yaojian::penalty::rules::article_number("116"), Some(116));
}

#[test]
fn search_finds_rules_by_article_or_words() {
    let t = rule_table();
    assert_eq!(t.search("116")[0].id, "dal-116");
    assert_eq!(t.search("第一百二十七条").len(), 7);
    assert_eq!(t.search("追溯")[0].id, "dal-127-3");
    assert!(t.search("劣药 零售").iter().any(|r| r.id == "dal-117-1"));
    assert!(t.search("回扣").iter().any(|r| r.id == "dal-141-1"));
    assert!(t.search("不存在的词语").is_empty());
    // In English and Traditional Chinese too.
    assert!(t.search("Kickbacks").iter().any(|r| r.id == "dal-141-1"));
    assert_eq!(t.search("traceability")[0].id, "dal-127-3");
    assert!(t
        .search("回扣 kickbacks")
        .iter()
        .any(|r| r.id == "dal-141-1"));
    assert!(t.search("藥品追溯").iter().any(|r| r.id == "dal-127-3"));
}
