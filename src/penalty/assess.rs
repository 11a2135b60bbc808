//! Assessment of one case: outcome, statutory range, band, suggested amount, other
//! sanctions, individual liability, limitation, hearing notice and payment, with every
//! step cited. Integer fen throughout.

use super::rules::*;
use super::translations::in_lang;
use crate::date::{add_years, format_date};
use crate::error::FieldError;
use crate::i18n::{bracketed, list_separator, tf};
use crate::money::Fen;
use crate::Lang;

mod case;
mod hearing;
mod result;
mod stages;

pub use case::*;
use hearing::*;
pub use result::*;

struct Steps {
    lang: Lang,
    list: Vec<Step>,
}

impl Steps {
    fn push(
        &mut self,
        kind: StepKind,
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
/// and a benchmark; [`super::assess`](fn@super::assess) chooses the version in force on the day
/// (行政处罚法第三十七条) and calls this. With `also_rules`, every rule is assessed and
/// the one with the highest statutory maximum is returned (第二十九条).
pub fn assess_under(
    case: &Case,
    table: &RuleTable,
    bm: &Benchmark,
    lang: Lang,
) -> Result<Assessment, crate::Errors> {
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
        return Err(errs.into());
    }
    if case.also_rules.is_empty() {
        return assess_one(case, table, bm, lang).map_err(crate::Errors::from);
    }
    // 第二十九条: one act, one fine; the norm with the highest fine applies.
    let mut all = Vec::new();
    for id in std::iter::once(&case.rule).chain(case.also_rules.iter()) {
        let c = Case {
            rule: id.clone(),
            also_rules: Vec::new(),
            ..case.clone()
        };
        all.push(assess_one(&c, table, bm, lang)?);
    }
    let compared: Vec<String> = all
        .iter()
        .map(|a| {
            let max = a.statutory_max.map(|m| m.in_lang(lang));
            let max = max.unwrap_or_else(|| "—".into());
            format!(
                "{}{}",
                a.rule.citation.label_in(lang),
                bracketed(&max, lang)
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
        kind: StepKind::SeveralNorms,
        text: tf(
            lang,
            "penalty.step.several_norms",
            &[
                ("compared", &compared.join(list_separator(lang))),
                ("chosen", &best.rule.citation.label_in(lang)),
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
        StepKind::Rule,
        "penalty.step.rule",
        &[
            ("title", &in_lang(&rule.title, lang)),
            ("citation", &rc.label_in(lang)),
        ],
        Some(rc.clone()),
        Some(rule.verbatim()),
    );
    if rule.enforcer != "药品监督管理部门" {
        steps.push(
            StepKind::Enforcer,
            "penalty.step.enforcer",
            &[("enforcer", &in_lang(&rule.enforcer, lang))],
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
        StepKind::Education,
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
                    StepKind::Individual,
                    "penalty.step.individual",
                    &[
                        ("who", &in_lang(&ind.who, steps.lang)),
                        ("min", &min.in_lang(steps.lang)),
                        ("max", &max.in_lang(steps.lang)),
                        ("suggested", &s.in_lang(steps.lang)),
                    ],
                    Some(citation),
                    Some(ind.source.clone()),
                );
            }
            Err(_) => {
                li.missing = Some("unit_income");
                steps.push(
                    StepKind::Individual,
                    "penalty.step.individual_missing",
                    &[("who", &in_lang(&ind.who, steps.lang))],
                    Some(citation),
                    Some(ind.source.clone()),
                );
            }
        }
    } else {
        steps.push(
            StepKind::Individual,
            "penalty.step.individual_sanctions",
            &[("who", &in_lang(&ind.who, steps.lang))],
            Some(citation),
            Some(ind.source.clone()),
        );
    }
    a.individual = Some(li);
}

fn finish(mut a: Assessment, steps: Steps, lang: Lang) -> Assessment {
    a.outcome_label = tf(lang, a.outcome.key(), &[]);
    a.steps = steps.list;
    a
}

/// The rule table's words in the assessment (title, enforcer, sanctions, persons) and
/// every citation, in `lang`; the quotes of the statute stay as written. Run once, on
/// the assessment [`super::assess_in`] returns: the steps cite in the language as they
/// are made.
pub(super) fn in_language(a: &mut Assessment, lang: Lang) {
    if lang == Lang::ZhCn {
        return;
    }
    let cite = |c: &mut Citation| c.label = c.label_in(lang);
    let sanction = |s: &mut CitedSanction| {
        s.text = in_lang(&s.text, lang);
        s.citation.label = s.citation.label_in(lang);
    };
    a.rule.title = in_lang(&a.rule.title, lang);
    a.rule.enforcer = in_lang(&a.rule.enforcer, lang);
    cite(&mut a.rule.citation);
    a.sanctions.iter_mut().for_each(sanction);
    a.steps
        .iter_mut()
        .filter_map(|s| s.citation.as_mut())
        .for_each(cite);
    if let Some(ind) = a.individual.as_mut() {
        ind.who = in_lang(&ind.who, lang);
        cite(&mut ind.citation);
        ind.sanctions.iter_mut().for_each(sanction);
    }
}

/// 加处罚款 for `days_late` days: 3% of the fine a day, never more than the fine (第七十二条).
pub fn late_fee(fine: Fen, days_late: u32) -> Fen {
    Fen(fine.percent(3).0.saturating_mul(days_late as i64)).min(fine)
}
