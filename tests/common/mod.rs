//! Shared by the engine's integration tests.
#![allow(dead_code)]

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
