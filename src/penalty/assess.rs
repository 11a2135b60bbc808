//! Assessment of one case: outcome, statutory range, band, suggested amount, other
//! sanctions, individual liability, limitation, hearing notice and payment, with every
//! step cited. Integer fen throughout.

use super::rules::*;
use crate::date::{add_years, format_date, parse_date, Date};
use crate::error::FieldError;
use crate::i18n::tf;
use crate::money::{parse_yuan, Fen};
use crate::Lang;
use serde::Serialize;
use serde_json::Value;

mod stages;

/// Who is penalised: decides the hearing threshold (第六十三条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    #[default]
    Organisation,
    Individual,
}

/// How mitigation (应当从轻或者减轻) is applied when it applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Mitigation {
    /// 从轻: the lowest band of the statutory range.
    #[default]
    Lighter,
    /// 减轻: below the statutory minimum, never zero.
    Reduced,
}

/// One case, as the CLI reads it and the widget builds it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Case {
    pub rule: String,
    /// Other rules the same act breaches (第二十九条: the highest fine applies).
    pub also_rules: Vec<String>,
    pub goods_value: Option<Fen>,
    pub illegal_income: Option<Fen>,
    pub income: Option<Fen>,
    pub unit_income: Option<Fen>,
    pub channel: Option<Channel>,
    pub serious: bool,
    pub deadline_missed: bool,
    pub circumstances: Vec<String>,
    pub violation_date: Option<Date>,
    pub violation_end_date: Option<Date>,
    pub discovery_date: Option<Date>,
    pub party: Party,
    pub mitigation: Mitigation,
}

impl Case {
    pub fn base(&self, b: Base) -> Option<Fen> {
        match b {
            Base::GoodsValue => self.goods_value,
            Base::IllegalIncome => self.illegal_income,
            Base::Income => self.income,
            Base::UnitIncome => self.unit_income,
        }
    }

    /// Reads a case from JSON. Returns the case and, if present, the raw `benchmark`
    /// value; errors name every field that is wrong, not just the first.
    pub fn from_value(v: &Value) -> Result<(Case, Option<Value>), Vec<FieldError>> {
        let mut errs = Vec::new();
        let mut case = Case::default();
        let mut benchmark = None;
        let Some(obj) = v.as_object() else {
            return Err(vec![FieldError::new("$", "case.not_object")]);
        };
        for (k, val) in obj {
            let path = format!("$.{k}");
            match k.as_str() {
                "rule" => match val.as_str() {
                    Some(s) => case.rule = s.to_string(),
                    None => errs.push(FieldError::new(path, "case.string")),
                },
                "also_rules" => match string_list(val, &path) {
                    Ok(l) => case.also_rules = l,
                    Err(e) => errs.push(e),
                },
                "circumstances" => match string_list(val, &path) {
                    Ok(l) => case.circumstances = l,
                    Err(e) => errs.push(e),
                },
                "goods_value" | "illegal_income" | "income" | "unit_income" => {
                    match amount(val, &path) {
                        Ok(a) => match k.as_str() {
                            "goods_value" => case.goods_value = a,
                            "illegal_income" => case.illegal_income = a,
                            "income" => case.income = a,
                            _ => case.unit_income = a,
                        },
                        Err(e) => errs.push(e),
                    }
                }
                "channel" => match val.as_str() {
                    Some("production") => case.channel = Some(Channel::Production),
                    Some("wholesale") => case.channel = Some(Channel::Wholesale),
                    Some("retail") => case.channel = Some(Channel::Retail),
                    _ if val.is_null() => {}
                    _ => errs.push(FieldError::new(path, "case.channel")),
                },
                "serious" | "deadline_missed" => match val.as_bool() {
                    Some(b) if k == "serious" => case.serious = b,
                    Some(b) => case.deadline_missed = b,
                    None => errs.push(FieldError::new(path, "case.bool")),
                },
                "violation_date" | "violation_end_date" | "discovery_date" => {
                    let d = match val {
                        Value::Null => Ok(None),
                        Value::String(s) if s.trim().is_empty() => Ok(None),
                        Value::String(s) => parse_date(s).map(Some).map_err(|e| e.at(&path)),
                        _ => Err(FieldError::new(&path, "date.format")),
                    };
                    match d {
                        Ok(d) => match k.as_str() {
                            "violation_date" => case.violation_date = d,
                            "violation_end_date" => case.violation_end_date = d,
                            _ => case.discovery_date = d,
                        },
                        Err(e) => errs.push(e),
                    }
                }
                "party" => match val.as_str() {
                    Some("organisation") => case.party = Party::Organisation,
                    Some("individual") => case.party = Party::Individual,
                    _ => errs.push(FieldError::new(path, "case.party")),
                },
                "mitigation" => match val.as_str() {
                    Some("lighter") => case.mitigation = Mitigation::Lighter,
                    Some("reduced") => case.mitigation = Mitigation::Reduced,
                    _ => errs.push(FieldError::new(path, "case.mitigation")),
                },
                "benchmark" => {
                    if !val.is_null() {
                        benchmark = Some(val.clone());
                    }
                }
                _ => errs.push(FieldError::new(path, "case.unknown_field").with("field", k)),
            }
        }
        if !obj.contains_key("rule") {
            errs.push(FieldError::new("$.rule", "required"));
        }
        if errs.is_empty() {
            Ok((case, benchmark))
        } else {
            Err(errs)
        }
    }
}

fn string_list(v: &Value, path: &str) -> Result<Vec<String>, FieldError> {
    let arr = v
        .as_array()
        .ok_or_else(|| FieldError::new(path, "case.string_list"))?;
    arr.iter()
        .enumerate()
        .map(|(i, x)| {
            x.as_str()
                .map(str::to_string)
                .ok_or_else(|| FieldError::new(format!("{path}[{i}]"), "case.string"))
        })
        .collect()
}

/// An amount of yuan: a string in any form the money parser takes, or a whole number.
fn amount(v: &Value, path: &str) -> Result<Option<Fen>, FieldError> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) if s.trim().is_empty() => Ok(None),
        Value::String(s) => parse_yuan(s).map(Some).map_err(|e| e.at(path)),
        Value::Number(n) => match n.as_u64() {
            Some(y) => parse_yuan(&y.to_string()).map(Some).map_err(|e| e.at(path)),
            None if n.as_i64().is_some_and(|x| x < 0) => {
                Err(FieldError::new(path, "money.negative"))
            }
            None => Err(FieldError::new(path, "case.amount_string")),
        },
        _ => Err(FieldError::new(path, "money.invalid")),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// 不予处罚
    NoPenalty,
    /// 警告 (and an order to correct), no fine
    Warning,
    /// 罚款
    Fine,
    /// 罚款, because the rectification deadline was missed
    FineAfterDeadline,
    /// Other sanctions only (no fine, no warning)
    SanctionsOnly,
    /// 超出时效: 不再给予行政处罚
    TimeBarred,
    /// The act ended before the earliest version of the law loaded: the law of that
    /// time must be compared (行政处罚法第三十七条); the figures are the ceiling the
    /// later law allows, not the decision.
    EarlierLaw,
    /// Two versions of the law differ in ways that cannot be ranked (one fines more,
    /// the other revokes): the officer compares them and applies the lighter.
    CompareVersions,
}

impl Outcome {
    pub fn key(self) -> &'static str {
        match self {
            Outcome::NoPenalty => "penalty.outcome.no_penalty",
            Outcome::Warning => "penalty.outcome.warning",
            Outcome::Fine => "penalty.outcome.fine",
            Outcome::FineAfterDeadline => "penalty.outcome.fine_after_deadline",
            Outcome::SanctionsOnly => "penalty.outcome.sanctions_only",
            Outcome::TimeBarred => "penalty.outcome.time_barred",
            Outcome::EarlierLaw => "penalty.outcome.earlier_law",
            Outcome::CompareVersions => "penalty.outcome.compare_versions",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    Reduced,
    Lighter,
    Ordinary,
    Heavier,
}

impl Band {
    fn from_id(id: &str) -> Band {
        match id {
            "lighter" => Band::Lighter,
            "heavier" => Band::Heavier,
            _ => Band::Ordinary,
        }
    }
    pub fn key(self) -> &'static str {
        match self {
            Band::Reduced => "penalty.band.reduced",
            Band::Lighter => "penalty.band.lighter",
            Band::Ordinary => "penalty.band.ordinary",
            Band::Heavier => "penalty.band.heavier",
        }
    }
    fn index(self) -> usize {
        match self {
            Band::Lighter | Band::Reduced => 0,
            Band::Ordinary => 1,
            Band::Heavier => 2,
        }
    }
}

/// One numbered step of the explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub n: usize,
    /// Stable code of the step kind, e.g. `rule`, `floor`, `range`, `band`.
    pub kind: &'static str,
    pub text: String,
    pub citation: Option<Citation>,
    /// The statute's own words behind this step, verbatim.
    pub quote: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CitedSanction {
    pub kind: String,
    pub text: String,
    pub citation: Citation,
    /// `ordinary`, `serious` or `deadline_missed`.
    pub when: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndividualLiability {
    pub who: String,
    pub citation: Citation,
    pub statutory_min: Option<Fen>,
    pub statutory_max: Option<Fen>,
    pub fine_min: Option<Fen>,
    pub fine_max: Option<Fen>,
    pub fine_suggested: Option<Fen>,
    /// Set when 所获收入 is needed and was not given.
    pub missing: Option<&'static str>,
    pub sanctions: Vec<CitedSanction>,
    /// The persons' own right to a hearing (第六十三条), on the individual amounts.
    pub hearing: Option<Hearing>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Limitation {
    pub checked: bool,
    pub years: u32,
    pub from: Option<String>,
    pub until: Option<String>,
    pub within: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hearing {
    pub required: bool,
    /// 较大数额罚款 for this party (item 一).
    pub threshold: Fen,
    /// 较大数额/较大价值 of what is confiscated (item 二).
    pub confiscation_threshold: Fen,
    /// The items of 第六十三条第一款 that apply (1 to 4), in order.
    pub items: Vec<u32>,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Payment {
    pub due_within_days: u32,
    pub late_fee_per_day: Fen,
    pub late_fee_cap: Fen,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleSummary {
    pub id: String,
    pub article: u32,
    pub paragraph: u32,
    pub item: Option<u32>,
    pub title: String,
    pub enforcer: String,
    pub citation: Citation,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BenchmarkSummary {
    pub id: String,
    pub title: String,
    pub is_default: bool,
    /// Its 文号, when the benchmark has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_from: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_to: Option<Date>,
}

/// Why a version of the law was applied (行政处罚法第三十七条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LawBasis {
    /// In force on the day of the act (or its end, for a continuing act).
    InForce,
    /// The case gives no date of the act: the latest version loaded.
    NoDate,
    /// A later version punishes more lightly: it applies (第三十七条 但书).
    LighterLater,
    /// The act ended before every version loaded: the earlier law must be compared.
    EarlierUnknown,
    /// The version of the day and the later one cannot be ranked; figures are those of
    /// the version of the day, for the comparison.
    Undecided,
}

/// The version of the law an assessment applied, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LawApplied {
    pub id: String,
    pub title: String,
    pub edition: String,
    pub effective_from: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_to: Option<Date>,
    pub basis: LawBasis,
    /// The other version compared under 第三十七条, by its label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compared_with: Option<String>,
}

impl LawApplied {
    pub fn of(law: &LawRef) -> LawApplied {
        LawApplied {
            id: law.id.clone(),
            title: law.title.clone(),
            edition: law.edition.clone(),
            effective_from: law.effective_from,
            effective_to: law.effective_to,
            basis: LawBasis::InForce,
            compared_with: None,
        }
    }

    /// "中华人民共和国药品管理法（2019年8月26日修订）".
    pub fn name(&self) -> String {
        version_name(&self.title, &self.edition)
    }

    /// The name with the version's dates, as the widget shows it.
    pub fn label(&self) -> String {
        version_label(
            &self.title,
            &self.edition,
            self.effective_from,
            self.effective_to,
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub rule: RuleSummary,
    pub outcome: Outcome,
    pub outcome_label: String,
    pub warning: bool,
    /// 可以不予处罚 applies: the authority may decide not to penalise.
    pub may_exempt: bool,
    pub base: Option<Fen>,
    pub base_used: Option<Fen>,
    pub floor_applied: bool,
    pub statutory_min: Option<Fen>,
    pub statutory_max: Option<Fen>,
    pub band: Option<Band>,
    pub band_label: Option<String>,
    pub fine_min: Option<Fen>,
    pub fine_max: Option<Fen>,
    pub fine_suggested: Option<Fen>,
    pub sanctions: Vec<CitedSanction>,
    pub individual: Option<IndividualLiability>,
    pub limitation: Limitation,
    pub hearing: Option<Hearing>,
    pub payment: Option<Payment>,
    pub benchmark: BenchmarkSummary,
    /// The version of the law applied.
    pub law: LawApplied,
    pub steps: Vec<Step>,
}

struct Steps {
    lang: Lang,
    list: Vec<Step>,
}

impl Steps {
    fn push(
        &mut self,
        kind: &'static str,
        key: &str,
        params: &[(&str, &str)],
        citation: Option<Citation>,
        quote: Option<String>,
    ) {
        let n = self.list.len() + 1;
        self.list.push(Step {
            n,
            kind,
            text: tf(self.lang, key, params),
            citation,
            quote,
        });
    }
}

fn apl(article: u32, paragraph: Option<u32>, item: Option<u32>) -> Citation {
    Citation::new(LAW_APL, article, paragraph, item)
}

fn dal(article: u32, paragraph: Option<u32>, item: Option<u32>) -> Citation {
    Citation::new(LAW_DAL, article, paragraph, item)
}

/// Splits the range into the benchmark's bands and returns the bounds of `band`.
fn band_bounds(min: Fen, max: Fen, bm: &Benchmark, band: Band) -> (Fen, Fen) {
    let total: i64 = bm.bands.iter().map(|b| b.weight as i64).sum::<i64>().max(1);
    let i = band.index().min(bm.bands.len().saturating_sub(1));
    let before: i64 = bm.bands.iter().take(i).map(|b| b.weight as i64).sum();
    let through = before + bm.bands.get(i).map(|b| b.weight as i64).unwrap_or(total);
    let span = max.0 - min.0;
    let lo = min.0 + crate::money::mul_div_round(span, before, total);
    let hi = min.0 + crate::money::mul_div_round(span, through, total);
    (Fen(lo), Fen(hi))
}

/// The recommended range and suggested point for `band` in [min, max].
fn banded(min: Fen, max: Fen, bm: &Benchmark, band: Band) -> (Fen, Fen, Fen) {
    let step = bm.rounding_fen.max(1);
    let (lo, hi) = if band == Band::Reduced {
        // Below the statutory minimum, never zero.
        let lo = min
            .percent(bm.reduced_floor_pct)
            .ceil_to(step)
            .max(Fen(step));
        let hi = Fen((min.0 - step).max(lo.0));
        (lo, hi)
    } else {
        band_bounds(min, max, bm, band)
    };
    let mid = Fen(lo.0 + (hi.0 - lo.0) / 2);
    let mut s = mid.round_to(step);
    if s < lo {
        s = lo.ceil_to(step);
    }
    if s > hi {
        s = hi.floor_to(step);
    }
    if s < lo || s > hi {
        s = mid;
    }
    (lo, hi, s)
}

fn verbatim(rule: &Rule) -> String {
    match &rule.item_text {
        Some(item) => format!("{}\n{}", rule.text, item),
        None => rule.text.clone(),
    }
}

fn cite_all(list: &[Sanction], citation: &Citation, when: &'static str) -> Vec<CitedSanction> {
    list.iter()
        .map(|s| CitedSanction {
            kind: s.kind.clone(),
            text: s.text.clone(),
            citation: match s.article {
                Some(article) => Citation::new(LAW_DAL, article, s.paragraph, None),
                None => citation.clone(),
            },
            when,
        })
        .collect()
}

/// A statutory range and, for multiples, the base it was computed from.
struct StatutoryRange {
    min: Fen,
    max: Fen,
    /// The base as given.
    value: Option<Fen>,
    /// The base after the floor.
    used: Option<Fen>,
    /// The floor, when it replaced a smaller base.
    floor: Option<Fen>,
}

/// The statutory range of `fine` for this case, or the error naming the missing input.
/// The floor on the base is applied here and nowhere else.
fn statutory_range(fine: &Fine, case: &Case) -> Result<StatutoryRange, FieldError> {
    let fixed = |min: Fen, max: Fen| StatutoryRange {
        min,
        max,
        value: None,
        used: None,
        floor: None,
    };
    match fine.kind {
        FineKind::Fixed => Ok(fixed(
            fine.min.unwrap_or_default(),
            fine.max.unwrap_or_default(),
        )),
        FineKind::UpTo => Ok(fixed(Fen::ZERO, fine.max.unwrap_or_default())),
        FineKind::Multiple => {
            let b = fine.base.unwrap_or(Base::GoodsValue);
            let value = case
                .base(b)
                .ok_or_else(|| FieldError::new(format!("$.{}", b.case_key()), "required"))?;
            let floor = match (&fine.floor_by_channel, fine.floor) {
                (Some(by), _) => {
                    let ch = case
                        .channel
                        .ok_or_else(|| FieldError::new("$.channel", "case.channel_required"))?;
                    by.get(&ch).copied()
                }
                (None, f) => f,
            };
            let used = floor.map_or(value, |f| value.max(f));
            Ok(StatutoryRange {
                min: used.percent(fine.min_pct.unwrap_or(0)),
                max: used.percent(fine.max_pct.unwrap_or(0)),
                value: Some(value),
                used: Some(used),
                floor: floor.filter(|f| value < *f),
            })
        }
    }
}

fn pct_text(pct: i64) -> String {
    if pct % 100 == 0 {
        format!("{}", pct / 100)
    } else {
        format!("{}.{:02}", pct / 100, pct % 100)
            .trim_end_matches('0')
            .to_string()
    }
}

fn base_label(b: Base, lang: Lang) -> String {
    crate::i18n::t(lang, &format!("penalty.base.{}", b.case_key()))
}

/// Assesses `case` under one version of the law (`table`), the circumstances catalog
/// and a benchmark; [`super::assess`] chooses the version in force on the day
/// (行政处罚法第三十七条) and calls this. With `also_rules`, every rule is assessed and
/// the one with the highest statutory maximum is returned (第二十九条).
pub fn assess_under(
    case: &Case,
    table: &RuleTable,
    bm: &Benchmark,
    lang: Lang,
) -> Result<Assessment, Vec<FieldError>> {
    let mut errs = Vec::new();
    if table.get(&case.rule).is_none() {
        errs.push(FieldError::new("$.rule", "penalty.unknown_rule").with("id", &case.rule));
    }
    for (i, r) in case.also_rules.iter().enumerate() {
        if table.get(r).is_none() {
            errs.push(
                FieldError::new(format!("$.also_rules[{i}]"), "penalty.unknown_rule").with("id", r),
            );
        }
    }
    let circ = circumstances();
    for (i, c) in case.circumstances.iter().enumerate() {
        if circ.get(c).is_none() {
            errs.push(
                FieldError::new(
                    format!("$.circumstances[{i}]"),
                    "penalty.unknown_circumstance",
                )
                .with("id", c),
            );
        }
    }
    if let (Some(a), Some(b)) = (case.violation_date, case.violation_end_date) {
        if b < a {
            errs.push(FieldError::new(
                "$.violation_end_date",
                "penalty.end_before_start",
            ));
        }
    }
    if let (Some(a), Some(d)) = (case.violation_date, case.discovery_date) {
        if d < a {
            errs.push(FieldError::new(
                "$.discovery_date",
                "penalty.discovery_before_violation",
            ));
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    if case.also_rules.is_empty() {
        return assess_one(case, table, bm, lang).map_err(|e| vec![e]);
    }
    // 第二十九条: one act, one fine; the norm with the highest fine applies.
    let mut all = Vec::new();
    for id in std::iter::once(&case.rule).chain(case.also_rules.iter()) {
        let c = Case {
            rule: id.clone(),
            also_rules: Vec::new(),
            ..case.clone()
        };
        all.push(assess_one(&c, table, bm, lang).map_err(|e| vec![e])?);
    }
    let compared: Vec<String> = all
        .iter()
        .map(|a| {
            format!(
                "{}（{}）",
                a.rule.citation.label,
                a.statutory_max
                    .map(|m| m.to_cn())
                    .unwrap_or_else(|| "—".into())
            )
        })
        .collect();
    let mut best = all
        .into_iter()
        .max_by_key(|a| {
            (
                a.statutory_max.unwrap_or_default(),
                a.fine_suggested.unwrap_or_default(),
            )
        })
        .ok_or_else(Vec::new)?;
    let n = best.steps.len() + 1;
    best.steps.push(Step {
        n,
        kind: "several_norms",
        text: tf(
            lang,
            "penalty.step.several_norms",
            &[
                ("compared", &compared.join("；")),
                ("chosen", &best.rule.citation.label),
            ],
        ),
        citation: Some(apl(29, None, None)),
        quote: super::quotes::SEVERAL_NORMS.quoted(),
    });
    Ok(best)
}

fn assess_one(
    case: &Case,
    table: &RuleTable,
    bm: &Benchmark,
    lang: Lang,
) -> Result<Assessment, FieldError> {
    let circ = circumstances();
    let rule = table
        .get(&case.rule)
        .ok_or_else(|| FieldError::new("$.rule", "penalty.unknown_rule").with("id", &case.rule))?;
    let rc = rule.citation();
    let mut steps = Steps {
        lang,
        list: Vec::new(),
    };

    steps.push(
        "rule",
        "penalty.step.rule",
        &[("title", &rule.title), ("citation", &rc.label)],
        Some(rc.clone()),
        Some(verbatim(rule)),
    );
    if rule.enforcer != "药品监督管理部门" {
        steps.push(
            "enforcer",
            "penalty.step.enforcer",
            &[("enforcer", &rule.enforcer)],
            Some(rc.clone()),
            None,
        );
    }

    let summary = RuleSummary {
        id: rule.id.clone(),
        article: rule.article,
        paragraph: rule.paragraph,
        item: rule.item,
        title: rule.title.clone(),
        enforcer: rule.enforcer.clone(),
        citation: rc.clone(),
    };
    let mut a = Assessment {
        rule: summary,
        outcome: Outcome::Fine,
        outcome_label: String::new(),
        warning: rule.warning,
        may_exempt: false,
        base: None,
        base_used: None,
        floor_applied: false,
        statutory_min: None,
        statutory_max: None,
        band: None,
        band_label: None,
        fine_min: None,
        fine_max: None,
        fine_suggested: None,
        sanctions: Vec::new(),
        individual: None,
        limitation: Limitation {
            checked: false,
            years: 2,
            from: None,
            until: None,
            within: true,
        },
        hearing: None,
        payment: None,
        benchmark: BenchmarkSummary {
            id: bm.id.clone(),
            title: pick(&bm.title, lang),
            is_default: bm.is_default,
            document: bm.document.clone(),
            effective_from: bm.effective_from,
            effective_to: bm.effective_to,
        },
        law: LawApplied::of(&table.law),
        steps: Vec::new(),
    };

    let cx = stages::Ctx {
        case,
        rule,
        rc,
        bm,
        circ,
        lang,
    };
    if stages::limitation(&cx, &mut a, &mut steps) {
        return Ok(finish(a, steps, lang));
    }
    if stages::no_penalty_applies(&cx, &mut steps) {
        return Ok(no_penalty(a, steps, lang));
    }
    let small_import = stages::may_exempt(&cx, &mut a, &mut steps);
    let tier = stages::tier(&cx, &mut a, &mut steps);
    let fine = match tier.fine {
        Some(fine) if !tier.waiting_for_deadline => fine,
        _ => {
            stages::without_fine(&cx, &mut a, &tier, &mut steps);
            return Ok(finish(a, steps, lang));
        }
    };
    stages::fine_outcome(&cx, &mut a, &tier, &mut steps);
    let range = stages::range(&cx, &mut a, fine, &mut steps)?;
    let band = stages::band(&cx, &mut a, range, small_import, &mut steps);
    stages::finish_fined(&cx, &mut a, &tier, band, &mut steps);
    Ok(finish(a, steps, lang))
}

fn no_penalty(mut a: Assessment, mut steps: Steps, lang: Lang) -> Assessment {
    a.outcome = Outcome::NoPenalty;
    a.warning = false;
    steps.push(
        "education",
        "penalty.step.education",
        &[],
        Some(apl(33, Some(3), None)),
        super::quotes::EDUCATE.quoted(),
    );
    finish(a, steps, lang)
}

fn individual(
    a: &mut Assessment,
    rule: &Rule,
    serious: Option<&Serious>,
    case: &Case,
    bm: &Benchmark,
    band: Band,
    steps: &mut Steps,
) {
    let Some(ind) = serious
        .and_then(|s| s.individual.as_ref())
        .or(rule.individual.as_ref())
    else {
        return;
    };
    let citation = Citation::new(LAW_DAL, ind.article, Some(ind.paragraph), None);
    let mut li = IndividualLiability {
        who: ind.who.clone(),
        citation: citation.clone(),
        statutory_min: None,
        statutory_max: None,
        fine_min: None,
        fine_max: None,
        fine_suggested: None,
        missing: None,
        hearing: None,
        sanctions: cite_all(
            &ind.sanctions,
            &citation,
            if serious.is_some() {
                "serious"
            } else {
                "ordinary"
            },
        ),
    };
    if let Some(f) = &ind.fine {
        match statutory_range(f, case) {
            Ok(StatutoryRange { min, max, .. }) => {
                let b = if band == Band::Reduced && min.0 <= bm.rounding_fen {
                    Band::Lighter
                } else {
                    band
                };
                let (lo, hi, s) = banded(min, max, bm, b);
                li.statutory_min = Some(min);
                li.statutory_max = Some(max);
                li.fine_min = Some(lo);
                li.fine_max = Some(hi);
                li.fine_suggested = Some(s);
                steps.push(
                    "individual",
                    "penalty.step.individual",
                    &[
                        ("who", &ind.who),
                        ("min", &min.to_cn()),
                        ("max", &max.to_cn()),
                        ("suggested", &s.to_cn()),
                    ],
                    Some(citation),
                    Some(ind.source.clone()),
                );
            }
            Err(_) => {
                li.missing = Some("unit_income");
                steps.push(
                    "individual",
                    "penalty.step.individual_missing",
                    &[("who", &ind.who)],
                    Some(citation),
                    Some(ind.source.clone()),
                );
            }
        }
    } else {
        steps.push(
            "individual",
            "penalty.step.individual_sanctions",
            &[("who", &ind.who)],
            Some(citation),
            Some(ind.source.clone()),
        );
    }
    a.individual = Some(li);
}

/// Sanctions of 第六十三条第一款第（三）项: 降低资质等级、吊销许可证件 (撤销检验资格 is a
/// qualification taken away; 撤销许可 in `revocation` is read with them).
const REVOKING: [&str; 4] = [
    "revocation",
    "licence_cancellation",
    "business_licence_revocation",
    "qualification_revocation",
];
/// Sanctions of 第（四）项: 责令停产停业、责令关闭、限制从业.
const STOPPING: [&str; 3] = ["suspension", "closure", "practice_ban"];
/// Sanctions read as 第（五）项 其他较重的行政处罚: bans on applying, importing or
/// running clinical trials for years.
const OTHER_HEAVY: [&str; 3] = ["application_ban", "import_ban", "other"];

/// 第六十三条第一款's items for one party: (一) its fine at or above the threshold,
/// (二) confiscation of `confiscated` at or above the confiscation threshold, (三) a
/// revocation, (四) a suspension, closure or ban from practice. Item numbers and texts.
fn hearing_items(
    fine: Option<Fen>,
    confiscated: Option<Fen>,
    sanctions: &[CitedSanction],
    threshold: (Fen, Fen),
    lang: Lang,
) -> (Vec<u32>, Vec<String>) {
    let has = |kinds: &[&str]| sanctions.iter().any(|s| kinds.contains(&s.kind.as_str()));
    let (fine_t, conf_t) = (threshold.0.to_cn(), threshold.1.to_cn());
    let checks = [
        (
            fine.is_some_and(|f| f >= threshold.0),
            "penalty.hearing.large_fine",
            String::new(),
        ),
        (
            confiscated.is_some_and(|c| c >= threshold.1),
            "penalty.hearing.large_confiscation",
            confiscated.map(Fen::to_cn).unwrap_or_default(),
        ),
        (has(&REVOKING), "penalty.hearing.revocation", String::new()),
        (has(&STOPPING), "penalty.hearing.stopping", String::new()),
        (
            has(&OTHER_HEAVY),
            "penalty.hearing.other_heavy",
            String::new(),
        ),
    ];
    let mut out = (Vec::new(), Vec::new());
    for (n, (applies, key, amount)) in (1..).zip(checks) {
        if applies {
            out.0.push(n);
            out.1.push(tf(
                lang,
                key,
                &[
                    ("threshold", &fine_t),
                    ("amount", &amount),
                    ("conf_threshold", &conf_t),
                ],
            ));
        }
    }
    out
}

fn hearing(a: &mut Assessment, case: &Case, bm: &Benchmark, steps: &mut Steps) {
    let org = case.party == Party::Organisation;
    let t = &bm.hearing_threshold;
    let unit_bases = [Base::GoodsValue, Base::IllegalIncome, Base::Income];
    let confiscated = confiscated_amount(case, &a.sanctions, &unit_bases);
    let threshold = (t.fine(org), t.confiscation(org));
    let (items, reasons) = hearing_items(
        a.fine_suggested,
        confiscated,
        &a.sanctions,
        threshold,
        steps.lang,
    );
    a.hearing = Some(hearing_step(
        steps,
        "hearing",
        "penalty.step.hearing",
        threshold,
        items,
        reasons,
    ));
    // The persons are parties to their own decisions: their own check, on the
    // individual amounts (of what is confiscated from them, their 所获收入).
    let Some(li) = a.individual.as_mut() else {
        return;
    };
    let threshold = (t.fine(false), t.confiscation(false));
    let income = confiscated_amount(case, &li.sanctions, &[Base::UnitIncome]);
    let (items, reasons) = hearing_items(
        li.fine_suggested,
        income,
        &li.sanctions,
        threshold,
        steps.lang,
    );
    li.hearing = Some(hearing_step(
        steps,
        "hearing_individual",
        "penalty.step.hearing_individual",
        threshold,
        items,
        reasons,
    ));
}

/// What `sanctions` confiscate, added up over the case's amounts for the bases they
/// name (each base once) among `allowed`; none when nothing with an amount is taken.
/// The persons' own 违法所得 is no field of a case, so only their 所获收入 counts.
fn confiscated_amount(case: &Case, sanctions: &[CitedSanction], allowed: &[Base]) -> Option<Fen> {
    let mut bases: Vec<Base> = Vec::new();
    for s in sanctions {
        for b in confiscated_bases(&s.kind, &s.text) {
            if allowed.contains(&b) && !bases.contains(&b) {
                bases.push(b);
            }
        }
    }
    let total = bases
        .into_iter()
        .filter_map(|b| case.base(b))
        .try_fold(Fen::ZERO, Fen::checked_add);
    total.filter(|f| *f > Fen::ZERO)
}

/// The hearing of one party, and its step when it has the right to one.
fn hearing_step(
    steps: &mut Steps,
    kind: &'static str,
    key: &str,
    threshold: (Fen, Fen),
    items: Vec<u32>,
    reasons: Vec<String>,
) -> Hearing {
    let required = !items.is_empty();
    if required {
        let quote = crate::penalty::quotes::HEARING.text;
        let cite = Citation::new(LAW_APL, 63, Some(1), (items.len() == 1).then(|| items[0]));
        steps.push(
            kind,
            key,
            &[("reasons", &reasons.join("；"))],
            Some(cite),
            Some(quote.into()),
        );
    }
    Hearing {
        required,
        threshold: threshold.0,
        confiscation_threshold: threshold.1,
        items,
        reasons,
    }
}

fn finish(mut a: Assessment, steps: Steps, lang: Lang) -> Assessment {
    a.outcome_label = tf(lang, a.outcome.key(), &[]);
    a.steps = steps.list;
    a
}

/// 加处罚款 for `days_late` days: 3% of the fine a day, never more than the fine (第七十二条).
pub fn late_fee(fine: Fen, days_late: u32) -> Fen {
    Fen(fine.percent(3).0.saturating_mul(days_late as i64)).min(fine)
}
