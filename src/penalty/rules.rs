//! The statute table (data/penalty/drug-law-2019.rules.json), the circumstances catalog
//! (data/penalty/circumstances.json) and the discretion benchmark
//! (data/penalty/benchmark.default.json): types, loading and checks.
//! Schemas: schemas/penalty-*.schema.json.

use crate::money::Fen;
use crate::sorted::SortedMap;
use serde::{Deserialize, Serialize};

mod benchmark;
pub(crate) mod read;

pub use super::citation::*;
pub use benchmark::*;

/// What a multiple is a multiple of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Base {
    /// 货值金额 (第一百五十一条: marked price, else market price of the same kind)
    GoodsValue,
    /// 违法所得
    IllegalIncome,
    /// 违法收入
    Income,
    /// 所获收入 (of a responsible person, from the unit, during the violation)
    UnitIncome,
}

impl Base {
    /// The case key that supplies this base.
    pub fn case_key(self) -> &'static str {
        match self {
            Base::GoodsValue => "goods_value",
            Base::IllegalIncome => "illegal_income",
            Base::Income => "income",
            Base::UnitIncome => "unit_income",
        }
    }
}

/// How a rule's fine is set: a multiple of a base, a fixed range, ….
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FineKind {
    /// min_pct..max_pct percent of a base, with an optional floor on the base.
    Multiple,
    /// min..max yuan.
    Fixed,
    /// up to max yuan (五万元以下).
    UpTo,
}

/// Where in the chain the act happened (生产、批发、零售), for rules that depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Production,
    Wholesale,
    Retail,
}

/// A rule's fine: its kind, bases, multiples or amounts, and floor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fine {
    pub kind: FineKind,
    pub base: Option<Base>,
    pub min_pct: Option<i64>,
    pub max_pct: Option<i64>,
    pub min: Option<Fen>,
    pub max: Option<Fen>,
    pub floor: Option<Fen>,
    pub floor_by_channel: Option<SortedMap<Channel, Fen>>,
    #[serde(default)]
    pub discretionary: bool,
    /// The verbatim fragment of the statute that states this fine.
    pub source: String,
}

/// A sanction beside the fine, as the statute words it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sanction {
    pub kind: String,
    /// Verbatim fragment of the statute.
    pub text: String,
    /// The article this sanction comes from, when it is not the one of the liability it
    /// belongs to (第一百一十九条's 吊销执业证书 beside 第一百一十八条's consequences).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<u32>,
}

impl Sanction {
    /// What a confiscation takes, by the bases a case gives amounts for: the drugs
    /// (货值 of 药品 or 制剂), 违法所得, 收入 (储存、运输收入) or a person's 所获收入.
    /// Raw materials, packaging and equipment have no amount in a case and are not
    /// counted. Empty for other sanctions.
    pub fn confiscated_bases(&self) -> Vec<Base> {
        confiscated_bases(&self.kind, &self.text)
    }
}

/// [`Sanction::confiscated_bases`] of a sanction's kind and verbatim text.
pub fn confiscated_bases(kind: &str, t: &str) -> Vec<Base> {
    {
        if kind != "confiscation" {
            return Vec::new();
        }
        if t.contains("自本单位所获收入") {
            return vec![Base::UnitIncome];
        }
        let mut out = Vec::new();
        if t.contains("药品") || t.contains("制剂") {
            out.push(Base::GoodsValue);
        }
        if t.contains("违法所得") {
            out.push(Base::IllegalIncome);
        }
        if t.contains("收入") {
            out.push(Base::Income);
        }
        out
    }
}

/// What a rule says of the responsible persons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Individual {
    pub article: u32,
    pub paragraph: u32,
    pub who: String,
    pub fine: Option<Fine>,
    #[serde(default)]
    pub sanctions: Vec<Sanction>,
    pub source: String,
}

/// What a rule provides for serious circumstances (情节严重).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Serious {
    pub fine: Option<Fine>,
    #[serde(default)]
    pub sanctions: Vec<Sanction>,
    pub individual: Option<Individual>,
}

/// One rule of the statute table: one paragraph or item that fines, warns or sanctions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rule {
    pub id: String,
    pub article: u32,
    pub paragraph: u32,
    pub item: Option<u32>,
    pub title: String,
    #[serde(default)]
    pub keywords: Vec<String>,
    /// The whole paragraph, verbatim.
    pub text: String,
    pub item_text: Option<String>,
    pub enforcer: String,
    pub order: Option<String>,
    pub warning: bool,
    pub fine: Option<Fine>,
    #[serde(default)]
    pub fine_requires_deadline_missed: bool,
    #[serde(default)]
    pub sanctions: Vec<Sanction>,
    #[serde(default)]
    pub deadline_missed_sanctions: Vec<Sanction>,
    pub serious: Option<Serious>,
    pub individual: Option<Individual>,
    #[serde(default)]
    pub see_also: Vec<u32>,
    #[serde(default)]
    pub notes: Vec<String>,
}

impl Rule {
    /// The paragraph verbatim, and the item after it when the rule is one item of a list.
    pub fn verbatim(&self) -> String {
        match &self.item_text {
            Some(item) => format!("{}\n{}", self.text, item),
            None => self.text.clone(),
        }
    }

    /// 第一百一十七条第一款 style citation of this rule.
    pub fn citation(&self) -> Citation {
        Citation::new(LAW_DAL, self.article, Some(self.paragraph), self.item)
    }

    /// Which bases a case must supply for this rule (ordinary and serious tier).
    pub fn bases(&self) -> Vec<Base> {
        let mut v = Vec::new();
        let tiers = [
            self.fine.as_ref(),
            self.serious.as_ref().and_then(|s| s.fine.as_ref()),
        ];
        for f in tiers.into_iter().flatten() {
            if let Some(b) = f.base {
                if !v.contains(&b) {
                    v.push(b);
                }
            }
        }
        v
    }

    /// Whether the rule's penalty depends on where in the chain the act happened.
    pub fn needs_channel(&self) -> bool {
        self.fine
            .as_ref()
            .is_some_and(|f| f.floor_by_channel.is_some())
    }

    /// Whether the rule has a heavier tier for serious circumstances.
    pub fn has_serious_tier(&self) -> bool {
        self.serious.is_some()
    }

    /// Does a missed rectification deadline (逾期不改正) change the outcome here: the fine
    /// waits for it, or it brings sanctions of its own?
    pub fn depends_on_deadline(&self) -> bool {
        self.fine_requires_deadline_missed || !self.deadline_missed_sanctions.is_empty()
    }

    /// Does a responsible person's liability depend on 所获收入 here?
    pub fn needs_unit_income(&self) -> bool {
        let ind = [
            self.individual.as_ref(),
            self.serious.as_ref().and_then(|s| s.individual.as_ref()),
        ];
        ind.into_iter()
            .flatten()
            .any(|i| i.fine.as_ref().and_then(|f| f.base) == Some(Base::UnitIncome))
            || self.fine.as_ref().and_then(|f| f.base) == Some(Base::UnitIncome)
    }
}

/// A version of a law: its id, title, edition and dates in force.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LawRef {
    pub id: String,
    pub title: String,
    pub edition: String,
    /// The first day this version is in force.
    #[serde(with = "crate::date::iso")]
    pub effective_from: crate::date::Date,
    /// The last day it is in force, once a later version replaced it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::date::iso_opt"
    )]
    pub effective_to: Option<crate::date::Date>,
}

impl LawRef {
    /// Whether this version is in force on `day`.
    pub fn in_force_on(&self, day: crate::date::Date) -> bool {
        self.effective_from <= day && self.effective_to.is_none_or(|to| day <= to)
    }

    /// "中华人民共和国药品管理法（2019年8月26日修订，2019-12-01起施行）".
    pub fn label(&self) -> String {
        self.label_in(crate::Lang::ZhCn)
    }

    /// [`LawRef::label`] in `lang`.
    pub fn label_in(&self, lang: crate::Lang) -> String {
        version_label(
            &self.title,
            &self.edition,
            (self.effective_from, self.effective_to),
            lang,
        )
    }
}

/// A law version as people name it: "title（edition）", in `lang` (the title and edition
/// translated where [`super::translations`] has them).
pub fn version_name(title: &str, edition: &str, lang: crate::Lang) -> String {
    use super::translations::in_lang;
    let (title, edition) = (in_lang(title, lang), in_lang(edition, lang));
    match lang {
        crate::Lang::En => format!("{title} ({edition})"),
        _ => format!("{title}（{edition}）"),
    }
}

/// A law version with its dates: "title（edition，from起施行\[至to\]）", in `lang`.
pub fn version_label(
    title: &str,
    edition: &str,
    (from, to): (crate::date::Date, Option<crate::date::Date>),
    lang: crate::Lang,
) -> String {
    use super::translations::in_lang;
    use crate::date::format_date;
    let (title, edition, from) = (
        in_lang(title, lang),
        in_lang(edition, lang),
        format_date(from),
    );
    match (lang, to.map(format_date)) {
        (crate::Lang::En, None) => format!("{title} ({edition}, in force from {from})"),
        (crate::Lang::En, Some(to)) => format!("{title} ({edition}, in force from {from} to {to})"),
        (_, to) => {
            let to = to.map(|t| format!("至{t}")).unwrap_or_default();
            format!("{title}（{edition}，{from}起施行{to}）")
        }
    }
}

/// The statute table of one law version: its rules.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleTable {
    pub schema: String,
    pub law: LawRef,
    pub rules: Vec<Rule>,
}

impl RuleTable {
    /// The rule with id `id`.
    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Rules matching a search: an article number (`116`, `第116条`, `第一百一十六条`)
    /// or words found in the title (in any language), keywords or text. All words must
    /// match.
    pub fn search(&self, query: &str) -> Vec<&Rule> {
        let q = query.trim();
        if q.is_empty() {
            return self.rules.iter().collect();
        }
        if let Some(n) = article_number(q) {
            return self.rules.iter().filter(|r| r.article == n).collect();
        }
        let words: Vec<&str> = q
            .split(|c: char| c.is_whitespace() || c == ',' || c == '，')
            .filter(|w| !w.is_empty())
            .collect();
        let mut hits: Vec<(usize, &Rule)> = self
            .rules
            .iter()
            .filter_map(|r| {
                let mut score = 0;
                // The title in the languages installed (every one natively; in a widget's
                // page, the page's): a reader of English searches in English.
                let titles = [crate::Lang::ZhTw, crate::Lang::En].map(|l| {
                    super::translations::translated(&r.title, l)
                        .unwrap_or_default()
                        .to_ascii_lowercase()
                });
                for w in &words {
                    let lower = w.to_ascii_lowercase();
                    if r.title.contains(w) || titles.iter().any(|t| t.contains(&lower)) {
                        score += 3;
                    } else if r
                        .keywords
                        .iter()
                        .any(|k| k.contains(w) || w.contains(k.as_str()))
                    {
                        score += 2;
                    } else if r.text.contains(w)
                        || r.item_text.as_deref().is_some_and(|t| t.contains(w))
                    {
                        score += 1;
                    } else {
                        return None;
                    }
                }
                Some((score, r))
            })
            .collect();
        crate::sorted::sort_by_key(&mut hits, |h| std::cmp::Reverse(h.0));
        hits.into_iter().map(|(_, r)| r).collect()
    }
}

pub use crate::i18n::{pick, I18nText};

pub use super::data::{circumstances, default_benchmark, rule_table};
#[cfg(feature = "embedded-data")]
pub use super::data::{CIRCUMSTANCES_JSON, DEFAULT_BENCHMARK_JSON, RULES_JSON};

/// Every built-in version of the statute table, oldest first. Only the 2019 law is
/// encoded; a bureau's back end can assess against more with [`super::assess_in`].
pub fn rule_tables() -> Vec<&'static RuleTable> {
    vec![rule_table()]
}
