//! 情节严重 never weighs less than the ordinary case (issue 19.1): for every rule with a
//! serious tier, the serious assessment keeps every consequence of the ordinary one,
//! for the unit and for the persons.
use serde_json::json;
use std::collections::BTreeSet;
use yaojian::penalty::assess::CitedSanction;
use yaojian::penalty::*;
use yaojian::Lang;

fn assess_with(rule: &str, serious: bool) -> Assessment {
    let case = json!({
        "rule": rule, "serious": serious, "deadline_missed": true, "channel": "retail",
        "goods_value": "20万", "illegal_income": "5万", "income": "8万", "unit_income": "6万"
    });
    assess_json(&case.to_string(), Lang::ZhCn).unwrap_or_else(|e| panic!("{rule}: {e:?}"))
}

fn kinds(list: &[CitedSanction]) -> BTreeSet<(String, String)> {
    list.iter()
        .map(|s| (s.kind.clone(), s.text.clone()))
        .collect()
}

#[test]
fn the_serious_tier_never_has_fewer_consequences() {
    let rules: Vec<_> = rule_table()
        .rules
        .iter()
        .filter(|r| r.has_serious_tier())
        .collect();
    assert!(
        rules.len() >= 10,
        "{} rules with a serious tier",
        rules.len()
    );
    for r in rules {
        let (plain, grave) = (assess_with(&r.id, false), assess_with(&r.id, true));
        let lost: Vec<_> = kinds(&plain.sanctions)
            .difference(&kinds(&grave.sanctions))
            .cloned()
            .collect();
        assert!(lost.is_empty(), "{}: the serious tier drops {lost:?}", r.id);
        // The unit's sanctions of both tiers are added by construction; the ranges and the
        // persons' liability are where a tier can lose something.
        assert!(
            grave.statutory_max >= plain.statutory_max,
            "{}: a lower ceiling",
            r.id
        );
        assert!(
            grave.statutory_min >= plain.statutory_min,
            "{}: a lower minimum",
            r.id
        );
        let Some(pi) = &plain.individual else {
            continue;
        };
        let gi = grave
            .individual
            .as_ref()
            .unwrap_or_else(|| panic!("{}: the persons' liability is gone", r.id));
        if pi.statutory_max.is_some() {
            assert!(
                gi.statutory_max >= pi.statutory_max,
                "{}: the persons' fine shrinks or goes",
                r.id
            );
        }
        let lost: Vec<_> = kinds(&pi.sanctions)
            .difference(&kinds(&gi.sanctions))
            .cloned()
            .collect();
        assert!(
            lost.is_empty(),
            "{}: the persons' serious tier drops {lost:?}",
            r.id
        );
    }
}

/// 第一百一十九条 applies 第一百一十八条 to the persons and, 情节严重, adds (还应当)
/// 吊销执业证书: computed by hand for 所获收入 6万: 30% = 1.8万, 3倍 = 18万.
#[test]
fn a_unit_using_fake_drugs_seriously_keeps_article_118_for_its_persons() {
    let a = assess_with("dal-119-fake", true);
    let i = a.individual.expect("the persons' liability");
    assert_eq!(i.statutory_min, Some(yaojian::Fen::from_yuan(18_000)));
    assert_eq!(i.statutory_max, Some(yaojian::Fen::from_yuan(180_000)));
    let k: BTreeSet<String> = i.sanctions.iter().map(|s| s.kind.clone()).collect();
    for want in [
        "confiscation",
        "practice_ban",
        "detention_referral",
        "licence_cancellation",
    ] {
        assert!(k.contains(want), "{want} missing: {k:?}");
    }
}

/// Each consequence of the persons is cited to the article it comes from: 118 for the
/// income, fine, ban and detention, 119 for 吊销执业证书.
#[test]
fn the_persons_of_119_are_cited_to_118_and_119() {
    for rule in ["dal-119-fake", "dal-119-substandard"] {
        let i = assess_with(rule, true).individual.unwrap();
        for s in &i.sanctions {
            let want = if s.kind == "licence_cancellation" {
                "第一百一十九条"
            } else {
                "第一百一十八条"
            };
            assert!(
                s.citation.label.contains(want),
                "{rule}: {} cited as {}",
                s.text,
                s.citation.label
            );
        }
        assert!(
            i.citation.label.contains("第一百一十八条"),
            "{rule}: {}",
            i.citation.label
        );
    }
}
