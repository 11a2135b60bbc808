//! Every statute quote an assessment step carries is in the statute, verbatim, in the
//! article it is cited to (issue 18: the quotes are data, checked like the rule table).
mod common;

use yaojian::penalty::quotes::ALL;
use yaojian::penalty::rules::{LAW_APL, LAW_DAL};

#[test]
fn every_quote_is_verbatim_in_its_article() {
    for q in ALL {
        let law = match q.law {
            LAW_APL => common::APL,
            LAW_DAL => common::DAL,
            other => panic!("unknown law {other}"),
        };
        let article = common::article_text(law, q.article);
        assert!(
            article.contains(q.text),
            "not in article {} of {}: {}",
            q.article,
            q.law,
            q.text
        );
    }
}

/// The quotes the steps carry are those of the table (none typed anywhere else).
#[test]
fn the_steps_quote_only_the_table_or_the_rule() {
    use serde_json::json;
    let cases = [
        json!({"rule": "dal-116", "goods_value": "20万", "violation_date": "2019-11-30", "discovery_date": "2020-01-01"}),
        json!({"rule": "dal-116", "goods_value": "20万", "also_rules": ["dal-117-1"], "channel": "retail"}),
        json!({"rule": "dal-124-1-1", "goods_value": "1万", "circumstances": ["dal124_3", "first_offence", "minor_harm", "corrected"]}),
        json!({"rule": "dal-140", "circumstances": ["minor", "corrected", "no_harm"]}),
    ];
    for c in cases {
        let a = yaojian::penalty::assess_json(&c.to_string(), yaojian::Lang::ZhCn).unwrap();
        for s in a
            .steps
            .iter()
            .filter(|s| s.quote.is_some() && s.kind != "rule")
        {
            let q = s.quote.as_deref().unwrap();
            let known = ALL.iter().any(|x| x.text == q)
                || common::DAL.contains(q)
                || common::APL.contains(q);
            assert!(known, "{}: {q}", s.kind);
        }
    }
}
