//! Which version of the law applies (行政处罚法第三十七条): the one in force when the act
//! was done (for a continuing act, when it ended), unless a later version, in force when
//! the decision is made, punishes more lightly. Each version is a rule table with its
//! law's effective dates; the same rule id names the same provision in every version.

use super::assess::{assess_under, Assessment, CitedSanction, LawApplied, LawBasis, Outcome, Step};
use super::rules::{rule_tables, Benchmark, Citation, RuleTable, LAW_APL};
use crate::error::FieldError;
use crate::i18n::tf;
use crate::sorted::SortedSet;
use crate::Lang;

/// Assesses `case` under the built-in versions of the law ([`rule_tables`]).
pub fn assess(case: &super::Case, bm: &Benchmark, lang: Lang) -> Result<Assessment, crate::Errors> {
    assess_in(case, &rule_tables(), bm, lang)
}

/// Assesses `case` under the version of the law `tables` say was in force, comparing
/// it with the latest version when that is another (第三十七条). `tables` may come in
/// any order; the latest is the one in force last.
pub fn assess_in(
    case: &super::Case,
    tables: &[&RuleTable],
    bm: &Benchmark,
    lang: Lang,
) -> Result<Assessment, crate::Errors> {
    let mut a = assess_by_version(case, tables, bm, lang)?;
    // The rule table's words and every citation, in the language, once for all paths.
    super::assess::in_language(&mut a, lang);
    Ok(a)
}

fn assess_by_version(
    case: &super::Case,
    tables: &[&RuleTable],
    bm: &Benchmark,
    lang: Lang,
) -> Result<Assessment, crate::Errors> {
    if let Some(e) = overlap(tables) {
        return Err(vec![e].into());
    }
    let Some(latest) = tables.iter().copied().max_by_key(|t| t.law.effective_from) else {
        return Err(
            vec![FieldError::new("$.rule", "penalty.unknown_rule").with("id", &case.rule)].into(),
        );
    };
    // The version applied is in `law` of every assessment; a step says so only when
    // 第三十七条 had something to decide.
    let Some(day) = case.violation_end_date.or(case.violation_date) else {
        let mut a = assess_under(case, latest, bm, lang)?;
        a.law.basis = LawBasis::NoDate;
        return Ok(a);
    };
    let day_text = crate::date::format_date(day);
    let then = tables.iter().copied().find(|t| t.law.in_force_on(day));
    match then {
        Some(t) if std::ptr::eq(t, latest) => assess_under(case, latest, bm, lang),
        Some(t) => compare(case, t, latest, &day_text, bm, lang),
        None => {
            let mut a = assess_under(case, latest, bm, lang)?;
            a.law.basis = LawBasis::EarlierUnknown;
            if !matches!(a.outcome, Outcome::NoPenalty | Outcome::TimeBarred) {
                a.outcome = Outcome::EarlierLaw;
                a.outcome_label = tf(lang, Outcome::EarlierLaw.key(), &[]);
            }
            // Before every version loaded, or in a gap between them (or after the last
            // one ended): no version of the day is loaded.
            let earliest = tables.iter().map(|t| t.law.effective_from).min();
            let key = if earliest.is_some_and(|e| day < e) {
                "penalty.step.law_earlier"
            } else {
                "penalty.step.law_gap"
            };
            let from = crate::date::format_date(latest.law.effective_from);
            Ok(law_step(
                a,
                key,
                &[("day", &day_text), ("from", &from)],
                lang,
            ))
        }
    }
}

/// Two versions in force on one day (or one that ends before it starts) cannot both be
/// the law of that day.
fn overlap(tables: &[&RuleTable]) -> Option<FieldError> {
    let mut laws: Vec<&super::LawRef> = tables.iter().map(|t| &t.law).collect();
    crate::sorted::sort_by_key(&mut laws, |l| l.effective_from);
    let bad =
        |l: &super::LawRef| FieldError::new("$.law", "penalty.law_versions").with("law", l.label());
    if let Some(l) = laws
        .iter()
        .find(|l| l.effective_to.is_some_and(|to| to < l.effective_from))
    {
        return Some(bad(l));
    }
    laws.windows(2)
        .find(|w| w[0].effective_to.is_none_or(|to| to >= w[1].effective_from))
        .map(|w| bad(w[1]))
}

/// 第三十七条 with two versions: the one of the day, unless the later one is lighter or
/// no longer punishes the act.
fn compare(
    case: &super::Case,
    then: &RuleTable,
    later: &RuleTable,
    day: &str,
    bm: &Benchmark,
    lang: Lang,
) -> Result<Assessment, crate::Errors> {
    let missing = |t: &RuleTable| {
        std::iter::once(&case.rule)
            .chain(&case.also_rules)
            .find(|id| t.get(id).is_none())
            .cloned()
    };
    if let Some(id) = missing(then) {
        let e = FieldError::new("$.rule", "penalty.rule_not_in_version")
            .with("id", id)
            .with("law", then.law.label());
        return Err(vec![e].into());
    }
    let old = assess_under(case, then, bm, lang)?;
    if missing(later).is_some() {
        // 不认为是违法的: the later version has no such provision.
        let a = not_punished(old, later, lang);
        return Ok(law_step(
            a,
            "penalty.step.law_repealed",
            &[("day", day)],
            lang,
        ));
    }
    let new = assess_under(case, later, bm, lang)?;
    let sep = if lang == Lang::En { "; " } else { "；" };
    let compared = format!("{}{sep}{}", figures(&old, lang), figures(&new, lang));
    let (mut chosen, other, basis, key) = if no_heavier(&old, &new) {
        (old, new, LawBasis::InForce, "penalty.step.law_of_the_day")
    } else if no_heavier(&new, &old) {
        (
            new,
            old,
            LawBasis::LighterLater,
            "penalty.step.law_lighter_later",
        )
    } else {
        (old, new, LawBasis::Undecided, "penalty.step.law_undecided")
    };
    if basis == LawBasis::Undecided && !not_punishing(&chosen) {
        chosen.outcome = Outcome::CompareVersions;
        chosen.outcome_label = tf(lang, Outcome::CompareVersions.key(), &[]);
    }
    chosen.law.basis = basis;
    chosen.law.compared_with = Some(other.law.name(lang));
    Ok(law_step(
        chosen,
        key,
        &[("day", day), ("compared", &compared)],
        lang,
    ))
}

/// A version's range or outcome, for the step that compares two.
fn figures(a: &Assessment, lang: Lang) -> String {
    let range = match (a.statutory_min, a.statutory_max) {
        (Some(min), Some(max)) => format!("{}—{}", min.in_lang(lang), max.in_lang(lang)),
        _ => a.outcome_label.clone(),
    };
    let colon = crate::i18n::label_separator(lang);
    format!("{}{colon}{range}", a.law.name(lang))
}

fn not_punishing(a: &Assessment) -> bool {
    matches!(a.outcome, Outcome::NoPenalty | Outcome::TimeBarred)
}

/// The kinds of sanction in a list.
fn kinds(list: &[CitedSanction]) -> SortedSet<&str> {
    list.iter().map(|s| s.kind.as_str()).collect()
}

/// Whether `a` punishes no more than `b` in every respect: not at all, or with a fine
/// range no higher, no sanction `b` lacks, and the same for the responsible persons.
/// When neither is no heavier than the other they cannot be ranked by rule (one fines
/// more, the other revokes): 第三十七条 then needs the officer's comparison.
fn no_heavier(a: &Assessment, b: &Assessment) -> bool {
    if not_punishing(a) {
        return true;
    }
    if not_punishing(b) {
        return false;
    }
    let fen = |f: Option<crate::Fen>| f.map_or(0, |f| f.0);
    let fine = fen(a.statutory_max) <= fen(b.statutory_max)
        && fen(a.statutory_min) <= fen(b.statutory_min);
    let persons = match (&a.individual, &b.individual) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(p), Some(q)) => {
            fen(p.statutory_max) <= fen(q.statutory_max)
                && kinds(&p.sanctions).is_subset(&kinds(&q.sanctions))
        }
    };
    fine && persons && kinds(&a.sanctions).is_subset(&kinds(&b.sanctions))
}

/// The assessment when the later version no longer punishes the act: no penalty.
fn not_punished(mut a: Assessment, later: &RuleTable, lang: Lang) -> Assessment {
    let compared = a.law.name(lang);
    a.outcome = Outcome::NoPenalty;
    a.outcome_label = tf(lang, Outcome::NoPenalty.key(), &[]);
    (a.statutory_min, a.statutory_max, a.band, a.band_label) = (None, None, None, None);
    (a.fine_min, a.fine_max, a.fine_suggested) = (None, None, None);
    a.sanctions.clear();
    (a.individual, a.hearing, a.payment) = (None, None, None);
    a.law = LawApplied::of(&later.law);
    a.law.basis = LawBasis::LighterLater;
    a.law.compared_with = Some(compared);
    a.steps.clear();
    a
}

/// Puts the step that says which version applied first, citing 第三十七条.
fn law_step(mut a: Assessment, key: &str, params: &[(&str, &str)], lang: Lang) -> Assessment {
    let law = a.law.name(lang);
    let mut all: Vec<(&str, &str)> = vec![("law", &law)];
    all.extend_from_slice(params);
    let step = Step {
        n: 1,
        kind: super::assess::StepKind::LawVersion,
        text: tf(lang, key, &all),
        citation: Some(Citation::new(LAW_APL, 37, None, None)),
        quote: super::quotes::LAW_IN_FORCE.quoted(),
    };
    a.steps.insert(0, step);
    for (n, s) in a.steps.iter_mut().enumerate() {
        s.n = n + 1;
    }
    a
}
