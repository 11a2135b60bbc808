//! Shared by the engine's integration tests: statute lookups and the arbitrary-JSON
//! strategy of the property tests.
#![allow(dead_code)]

pub mod checklist;
pub mod forms;
pub mod languages;
pub mod layering;

pub const DAL: &str = include_str!("../../data/law/drug-administration-law-2019.md");
pub const APL: &str = include_str!("../../data/law/administrative-penalty-law-2021.md");

/// The text of one article of `law`: from its heading to the next line that starts with
/// 第 (the next article) or the next chapter heading.
pub fn article_text(law: &'static str, article: u32) -> &'static str {
    let head = format!(
        "第{}条 ",
        yaojian::penalty::rules::to_chinese_number(article)
    );
    let start = law
        .find(&head)
        .unwrap_or_else(|| panic!("article {article} not in the statute"));
    let rest = &law[start + head.len()..];
    let end = [rest.find("\n第"), rest.find("\n## ")]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(rest.len());
    &rest[..end]
}

/// The paragraphs (款) of an article, numbered items folded into their paragraph.
pub fn paragraphs(law: &'static str, article: u32) -> Vec<String> {
    article_text(law, article)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('（'))
        .map(str::to_string)
        .collect()
}

/// Arbitrary JSON for the "never panics" property tests: nested arrays and objects whose
/// strings and keys are often `words` (what the parser under test reacts to) and otherwise
/// random; numbers include floats when `floats` (amounts must reject them).
pub fn arb_json(
    words: &'static [&'static str],
    floats: bool,
    depth: u32,
) -> proptest::strategy::BoxedStrategy<serde_json::Value> {
    use proptest::prelude::*;
    use serde_json::{json, Value};
    let text = prop_oneof![
        prop::sample::select(words).prop_map(str::to_string),
        "[a-z_]{0,6}",
        ".{0,10}",
    ];
    let mut leaves: Vec<BoxedStrategy<Value>> = vec![
        Just(Value::Null).boxed(),
        any::<bool>().prop_map(Value::Bool).boxed(),
        any::<i64>().prop_map(|n| json!(n)).boxed(),
        text.prop_map(Value::String).boxed(),
    ];
    if floats {
        leaves.push(any::<f64>().prop_map(|n| json!(n)).boxed());
    }
    let key = prop_oneof![
        prop::sample::select(words).prop_map(str::to_string),
        "[a-z_]{1,8}",
    ];
    proptest::strategy::Union::new(leaves)
        .prop_recursive(depth, 64, 6, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                prop::collection::btree_map(key.clone(), inner, 0..5)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
        .boxed()
}
