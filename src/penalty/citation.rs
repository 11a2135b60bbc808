//! Statute citations (第N条第N款第（N）项) and the numbers they are written in, shared
//! by the statute table, the circumstances and every cited step.

use serde::{Deserialize, Serialize};

/// Reads `116`, `第116条`, `116条` or `第一百一十六条` as an article number.
pub fn article_number(q: &str) -> Option<u32> {
    let s = q.trim().trim_start_matches('第').trim_end_matches('条');
    if let Ok(n) = s.parse::<u32>() {
        return Some(n);
    }
    chinese_number(s)
}

/// Chinese numerals up to 999 (一百一十六, 一百二十, 十五).
pub fn chinese_number(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|p| p as u32)
    };
    let (mut total, mut current) = (0u32, 0u32);
    for c in s.chars() {
        match c {
            '百' => {
                total += current.max(1) * 100;
                current = 0;
            }
            '十' => {
                total += current.max(1) * 10;
                current = 0;
            }
            '〇' => {}
            _ => current = digit(c)?,
        }
    }
    Some(total + current)
}

/// Writes a number in Chinese numerals (1–999), as statutes cite articles.
pub fn to_chinese_number(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if n == 0 || n > 999 {
        return n.to_string();
    }
    let (h, t, u) = (n / 100, (n / 10) % 10, n % 10);
    let mut s = String::new();
    if h > 0 {
        s.push_str(D[h as usize]);
        s.push('百');
    }
    if t > 0 {
        if !(h == 0 && t == 1) {
            s.push_str(D[t as usize]);
        }
        s.push('十');
    } else if h > 0 && u > 0 {
        s.push('零');
    }
    if u > 0 {
        s.push_str(D[u as usize]);
    }
    s
}

/// The id of the 药品管理法 (2019) in citations.
pub const LAW_DAL: &str = "dal-2019";
/// The id of the 行政处罚法 (2021) in citations.
pub const LAW_APL: &str = "apl-2021";

/// A statute reference: law, article, paragraph, item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citation {
    pub law: String,
    pub article: u32,
    pub paragraph: Option<u32>,
    pub item: Option<u32>,
    /// 《中华人民共和国药品管理法》第一百一十七条第一款
    pub label: String,
}

impl Citation {
    /// A citation of `law`, article, paragraph and item.
    pub fn new(law: &str, article: u32, paragraph: Option<u32>, item: Option<u32>) -> Citation {
        let title = match law {
            LAW_DAL => "《中华人民共和国药品管理法》",
            LAW_APL => "《中华人民共和国行政处罚法》",
            _ => "",
        };
        let mut label = format!("{title}第{}条", to_chinese_number(article));
        if let Some(p) = paragraph {
            label.push_str(&format!("第{}款", to_chinese_number(p)));
        }
        if let Some(i) = item {
            label.push_str(&format!("第{}项", to_chinese_number(i)));
        }
        Citation {
            law: law.to_string(),
            article,
            paragraph,
            item,
            label,
        }
    }

    /// The citation as a reader of `lang` writes it: [`Citation::label`] in zh-CN,
    /// 《中華人民共和國藥品管理法》第一百一十七條第一款 in zh-TW, and
    /// "Drug Administration Law, Article 117, paragraph 1" in English.
    pub fn label_in(&self, lang: crate::Lang) -> String {
        use crate::Lang;
        match lang {
            Lang::ZhCn => self.label.clone(),
            Lang::ZhTw => self
                .label
                .replace("中华人民共和国", "中華人民共和國")
                .replace("药品管理法", "藥品管理法")
                .replace("行政处罚法", "行政處罰法")
                .replace('条', "條")
                .replace('项', "項"),
            Lang::En => {
                let mut s = match self.law.as_str() {
                    LAW_DAL => "Drug Administration Law, ".to_string(),
                    LAW_APL => "Administrative Penalty Law, ".to_string(),
                    _ => String::new(),
                };
                s.push_str(&format!("Article {}", self.article));
                if let Some(p) = self.paragraph {
                    s.push_str(&format!(", paragraph {p}"));
                }
                if let Some(i) = self.item {
                    s.push_str(&format!(", item {i}"));
                }
                s
            }
        }
    }
}
