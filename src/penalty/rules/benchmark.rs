//! The circumstances catalog (情节) and the discretion benchmark (裁量基准): bands,
//! hearing thresholds, the no-penalty list, each read and checked with its path.

use super::*;
use crate::error::FieldError;
use crate::json::parse_document;
use crate::money::Fen;
use crate::sorted::SortedMap;
use crate::Lang;
use serde::{Deserialize, Serialize};

/// The groups in which circumstances are offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    /// 从重 (药品管理法第一百三十七条)
    Aggravating,
    /// 应当从轻或者减轻 (行政处罚法第三十条、第三十二条; 药品管理法第一百二十四条第三款)
    Mitigating,
    /// 不予处罚 on its own (行政处罚法第三十条、第三十一条、第三十三条第二款)
    Exempting,
    /// Facts that together may make a case 不予处罚 (行政处罚法第三十三条第一款, no-penalty lists)
    Condition,
    /// Facts that change the limitation period (行政处罚法第三十六条)
    Limitation,
}

/// One circumstance (情节) a case may have, with its legal effect and citation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Circumstance {
    pub id: String,
    pub group: Group,
    pub law: String,
    pub article: u32,
    pub paragraph: Option<u32>,
    pub item: Option<u32>,
    /// Verbatim clause.
    pub text: String,
    pub label: SortedMap<String, String>,
}

impl Circumstance {
    /// Where the law provides for it.
    pub fn citation(&self) -> Citation {
        Citation::new(&self.law, self.article, self.paragraph, self.item)
    }
    /// Its label in `lang`.
    pub fn label(&self, lang: Lang) -> &str {
        self.label
            .get(lang.tag())
            .or_else(|| self.label.get("zh-CN"))
            .map(String::as_str)
            .unwrap_or(&self.id)
    }
}

/// The circumstances catalog.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Circumstances {
    pub schema: String,
    pub circumstances: Vec<Circumstance>,
}

impl Circumstances {
    /// The circumstance with id `id`.
    pub fn get(&self, id: &str) -> Option<&Circumstance> {
        self.circumstances.iter().find(|c| c.id == id)
    }
}

// Translated texts of the data (titles, labels) are the i18n module's.

/// One discretion band of a benchmark: its share of the statutory range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BandSpec {
    /// `lighter`, `ordinary` or `heavier`.
    pub id: String,
    /// Share of the statutory range, relative to the other bands' weights.
    pub weight: u32,
}

/// The amounts from which 第六十三条 gives a right to a hearing [practice: each province
/// sets its own].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HearingThreshold {
    /// 较大数额罚款 (item 一) for a unit.
    pub organisation: Fen,
    /// 较大数额罚款 (item 一) for a natural person, the responsible persons included.
    pub individual: Fen,
    /// 没收较大数额违法所得、没收较大价值非法财物 (item 二); without it, the fine amounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confiscation: Option<PartyAmounts>,
}

/// One amount for a unit and one for a natural person.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PartyAmounts {
    pub organisation: Fen,
    pub individual: Fen,
}

impl HearingThreshold {
    /// 较大数额罚款 for a unit (`organisation`) or a natural person.
    pub fn fine(&self, organisation: bool) -> Fen {
        if organisation {
            self.organisation
        } else {
            self.individual
        }
    }

    /// 较大数额/较大价值 of what is confiscated, for a unit or a natural person.
    pub fn confiscation(&self, organisation: bool) -> Fen {
        match self.confiscation {
            Some(c) if organisation => c.organisation,
            Some(c) => c.individual,
            None => self.fine(organisation),
        }
    }
}

/// One item of a no-penalty list (不予处罚清单): the act, its basis and conditions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoPenaltyItem {
    pub id: String,
    pub name: String,
    /// Rule ids the item covers.
    pub rules: Vec<String>,
    /// `minor` (轻微不罚) or `first` (首违不罚).
    pub kind: String,
    /// 法律依据, as published.
    pub basis: String,
    /// 适用条件: circumstance ids that must all hold.
    pub conditions: Vec<String>,
}

/// A bureau's no-penalty list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoPenaltyList {
    pub title: I18nText,
    #[serde(default)]
    pub sample: bool,
    pub items: Vec<NoPenaltyItem>,
}

/// A discretion benchmark (裁量基准): a bureau loads its own in place of the default.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Benchmark {
    pub schema: String,
    pub id: String,
    pub title: I18nText,
    #[serde(default)]
    pub is_default: bool,
    #[serde(default)]
    pub note: I18nText,
    /// The benchmark's 文号 (document number), as published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// The days it is in force, as published.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::date::iso_opt"
    )]
    pub effective_from: Option<crate::date::Date>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::date::iso_opt"
    )]
    pub effective_to: Option<crate::date::Date>,
    /// From the statutory minimum up: lighter, ordinary, heavier.
    pub bands: Vec<BandSpec>,
    /// Band used when aggravating and mitigating circumstances both apply.
    pub conflict_band: String,
    /// 减轻: the lowest fine as a percentage of the statutory minimum (never zero).
    pub reduced_floor_pct: i64,
    /// Suggested amounts are rounded to this many fen (100 = whole yuan).
    pub rounding_fen: i64,
    /// 较大数额罚款 for 第六十三条 hearing rights.
    pub hearing_threshold: HearingThreshold,
    /// How many years back "初次违法" looks (5 when the document does not say).
    pub first_offence_years: u32,
    pub no_penalty_list: Option<NoPenaltyList>,
}

pub(crate) const BAND_IDS: [&str; 3] = ["lighter", "ordinary", "heavier"];

impl Benchmark {
    /// Parses and checks a benchmark document; errors name the JSON path.
    pub fn from_json(src: &str) -> Result<Benchmark, crate::Errors> {
        let v = parse_document(src, "$")?;
        Benchmark::from_value(v, "$")
    }

    /// Reads a benchmark from a JSON value; every problem with its path under `path`.
    pub fn from_value(v: serde_json::Value, path: &str) -> Result<Benchmark, crate::Errors> {
        Benchmark::read_checked(&v, path, true)
    }

    /// Reads a benchmark and checks all of it but whether the rules and circumstances its
    /// no-penalty list names exist: what a widget can check before it has fetched the
    /// rule table and the circumstances (it checks the rest, [`Benchmark::from_value`],
    /// once it has them).
    pub fn from_value_unlinked(
        v: &serde_json::Value,
        path: &str,
    ) -> Result<Benchmark, crate::Errors> {
        Benchmark::read_checked(v, path, false)
    }

    /// Reads and checks a benchmark; `linked`: also the ids its no-penalty list names.
    fn read_checked(
        v: &serde_json::Value,
        path: &str,
        linked: bool,
    ) -> Result<Benchmark, crate::Errors> {
        let b = super::read::benchmark(v, path)?;
        let mut errs = Vec::new();
        if b.schema != "yaojian/penalty-benchmark/1" {
            errs.push(
                FieldError::new(format!("{path}.schema"), "benchmark.schema")
                    .with("expected", "yaojian/penalty-benchmark/1"),
            );
        }
        let ids: Vec<&str> = b.bands.iter().map(|x| x.id.as_str()).collect();
        if ids != BAND_IDS {
            errs.push(FieldError::new(format!("{path}.bands"), "benchmark.bands"));
        }
        for (i, band) in b.bands.iter().enumerate() {
            if band.weight == 0 || band.weight > 1000 {
                errs.push(FieldError::new(
                    format!("{path}.bands[{i}].weight"),
                    "benchmark.weight",
                ));
            }
        }
        if !BAND_IDS.contains(&b.conflict_band.as_str()) {
            errs.push(FieldError::new(
                format!("{path}.conflict_band"),
                "benchmark.conflict_band",
            ));
        }
        if !(1..=99).contains(&b.reduced_floor_pct) {
            errs.push(FieldError::new(
                format!("{path}.reduced_floor_pct"),
                "benchmark.reduced_floor_pct",
            ));
        }
        if let (Some(from), Some(to)) = (b.effective_from, b.effective_to) {
            if to < from {
                errs.push(FieldError::new(
                    format!("{path}.effective_to"),
                    "penalty.end_before_start",
                ));
            }
        }
        if !(1..=1_000_000).contains(&b.rounding_fen) {
            errs.push(FieldError::new(
                format!("{path}.rounding_fen"),
                "benchmark.rounding_fen",
            ));
        }
        if let Some(list) = &b.no_penalty_list {
            for (i, item) in list.items.iter().enumerate() {
                let p = format!("{path}.no_penalty_list.items[{i}]");
                if linked {
                    errs.extend(unknown_ids(item, &p));
                }
                if item.conditions.is_empty() {
                    errs.push(FieldError::new(
                        format!("{p}.conditions"),
                        "benchmark.no_conditions",
                    ));
                }
                if item.kind != "minor" && item.kind != "first" {
                    errs.push(FieldError::new(
                        format!("{p}.kind"),
                        "benchmark.no_penalty_kind",
                    ));
                }
            }
        }
        if errs.is_empty() {
            Ok(b)
        } else {
            Err(errs.into())
        }
    }
}

/// The rules and circumstances no-penalty list item `item` (at `p`) names that the rule
/// table and the circumstances catalog do not have.
fn unknown_ids(item: &NoPenaltyItem, p: &str) -> Vec<FieldError> {
    let (rules, circ) = (rule_table(), circumstances());
    let mut errs = Vec::new();
    for (j, r) in item.rules.iter().enumerate() {
        if rules.get(r).is_none() {
            let e = FieldError::new(format!("{p}.rules[{j}]"), "benchmark.unknown_rule");
            errs.push(e.with("id", r));
        }
    }
    for (j, c) in item.conditions.iter().enumerate() {
        if circ.get(c).is_none() {
            let e = FieldError::new(
                format!("{p}.conditions[{j}]"),
                "benchmark.unknown_circumstance",
            );
            errs.push(e.with("id", c));
        }
    }
    errs
}
