//! Properties of the assessment over random cases.
mod common;

use proptest::prelude::*;
use yaojian::money::{Fen, MAX_FEN};
use yaojian::penalty::*;
use yaojian::Lang;

/// Rules whose fine is a multiple of a base.
fn multiple_rules() -> Vec<&'static Rule> {
    rule_table()
        .rules
        .iter()
        .filter(|r| r.fine.as_ref().is_some_and(|f| f.base.is_some()))
        .collect()
}

const SHAPING: [&str; 8] = [
    "dal137_1",
    "dal137_4",
    "dal137_5",
    "apl32_1",
    "apl32_3",
    "apl30_minor",
    "first_offence",
    "corrected",
];

fn case(rule: &Rule, base: i64, serious: bool, circ: &[&str], reduced: bool) -> Case {
    let b = Some(Fen(base));
    Case {
        rule: rule.id.clone(),
        goods_value: b,
        illegal_income: b,
        income: b,
        unit_income: b,
        channel: Some(Channel::Retail),
        serious,
        deadline_missed: true,
        circumstances: circ.iter().map(|s| s.to_string()).collect(),
        mitigation: if reduced {
            Mitigation::Reduced
        } else {
            Mitigation::Lighter
        },
        ..Case::default()
    }
}

fn pick<'a>(mask: u8) -> Vec<&'a str> {
    SHAPING
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, s)| *s)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_fine_stays_in_the_statutory_range_unless_reduced(
        r in 0usize..64, base in 0i64..=MAX_FEN, serious: bool, mask: u8, reduced: bool,
    ) {
        let all: Vec<&Rule> = rule_table().rules.iter().collect();
        let rule = all[r % all.len()];
        let a = assess(&case(rule, base, serious, &pick(mask), reduced), default_benchmark(), Lang::ZhCn).unwrap();
        if let (Some(min), Some(max), Some(s)) = (a.statutory_min, a.statutory_max, a.fine_suggested) {
            let (lo, hi) = (a.fine_min.unwrap(), a.fine_max.unwrap());
            prop_assert!(lo <= s && s <= hi, "{}: {lo:?} <= {s:?} <= {hi:?}", rule.id);
            if a.band == Some(Band::Reduced) {
                prop_assert!(s < min, "reduced must go below the minimum");
                prop_assert!(s > Fen::ZERO, "reduced never reaches zero");
            } else {
                prop_assert!(min <= lo && hi <= max, "{}: band outside the statutory range", rule.id);
            }
        } else {
            prop_assert!(a.fine_suggested.is_none());
            prop_assert!(a.outcome != Outcome::Fine && a.outcome != Outcome::FineAfterDeadline);
        }
    }

    #[test]
    fn the_fine_is_monotone_in_the_base(r in 0usize..64, a in 0i64..=MAX_FEN, b in 0i64..=MAX_FEN, serious: bool, mask: u8) {
        let rules = multiple_rules();
        let rule = rules[r % rules.len()];
        let (lo, hi) = (a.min(b), a.max(b));
        let circ = pick(mask);
        let x = assess(&case(rule, lo, serious, &circ, false), default_benchmark(), Lang::ZhCn).unwrap();
        let y = assess(&case(rule, hi, serious, &circ, false), default_benchmark(), Lang::ZhCn).unwrap();
        prop_assert!(x.statutory_min <= y.statutory_min && x.statutory_max <= y.statutory_max);
        prop_assert!(x.fine_suggested <= y.fine_suggested, "{}: {:?} > {:?}", rule.id, x.fine_suggested, y.fine_suggested);
    }

    #[test]
    fn the_floor_is_applied_exactly_once(r in 0usize..64, base in 0i64..=MAX_FEN, serious: bool) {
        let rules = multiple_rules();
        let rule = rules[r % rules.len()];
        let a = assess(&case(rule, base, serious, &[], false), default_benchmark(), Lang::ZhCn).unwrap();
        let fine = if serious { rule.serious.as_ref().and_then(|s| s.fine.as_ref()).or(rule.fine.as_ref()) } else { rule.fine.as_ref() };
        let fine = fine.unwrap();
        let floor = fine.floor_by_channel.as_ref().and_then(|m| m.get(&Channel::Retail).copied()).or(fine.floor);
        if let Some(min) = a.statutory_min {
            let used = floor.map_or(Fen(base), |f| Fen(base).max(f));
            prop_assert_eq!(a.base_used, Some(used));
            prop_assert_eq!(a.floor_applied, floor.is_some_and(|f| Fen(base) < f));
            prop_assert_eq!(min, used.percent(fine.min_pct.unwrap()));
            prop_assert_eq!(a.statutory_max, Some(used.percent(fine.max_pct.unwrap())));
            prop_assert_eq!(a.steps.iter().filter(|s| s.kind == "floor").count(), usize::from(a.floor_applied));
        }
    }
}

#[test]
fn the_largest_base_does_not_overflow() {
    for rule in multiple_rules() {
        for serious in [false, true] {
            let a = assess(
                &case(rule, MAX_FEN, serious, &["dal137_4"], false),
                default_benchmark(),
                Lang::ZhCn,
            )
            .unwrap();
            if let Some(max) = a.statutory_max {
                assert!(max.0 > 0 && max >= a.fine_suggested.unwrap(), "{}", rule.id);
                assert_eq!(
                    max,
                    Fen(MAX_FEN).percent(max.0 / MAX_FEN * 100),
                    "{}",
                    rule.id
                );
            }
        }
    }
}

/// Words the case reader and the benchmark loader react to.
const WORDS: &[&str] = &[
    "dal-116",
    "150万",
    "2026-02-30",
    "retail",
    "rule",
    "goods_value",
    "channel",
    "serious",
    "circumstances",
    "violation_date",
    "benchmark",
    "bands",
    "also_rules",
];

/// Floats are in: they must be rejected as amounts (the engine itself never uses one).
fn arb_json() -> impl Strategy<Value = serde_json::Value> {
    common::arb_json(WORDS, true, 5)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(800))]

    /// Any JSON as a case, with or without a benchmark: an assessment or errors with paths.
    #[test]
    fn arbitrary_cases_assess_or_fail_cleanly(v in arb_json(), rule in 0usize..45) {
        let mut v = v;
        if let Some(o) = v.as_object_mut() {
            if rule % 2 == 0 {
                o.insert("rule".into(), serde_json::json!(rule_table().rules[rule].id));
            }
        }
        match assess_json(&v.to_string(), Lang::ZhCn) {
            Ok(a) => prop_assert!(!a.steps.is_empty()),
            Err(errs) => prop_assert!(!errs.is_empty() && errs.iter().all(|e| e.path.starts_with('$'))),
        }
    }

    #[test]
    fn arbitrary_benchmarks_load_or_fail_cleanly(v in arb_json()) {
        if let Err(errs) = Benchmark::from_value(v, "$") {
            prop_assert!(!errs.is_empty() && errs.iter().all(|e| e.path.starts_with('$')));
        }
    }
}
