//! The stages of one assessment, in the order it runs (the parent's `assess_one` calls
//! them): limitation, no penalty, may exempt, tier and deadline, statutory range,
//! circumstances and band, then sanctions, persons, hearing and payment. Each adds its
//! cited steps; a stage that ends the assessment says so.

use super::*;

/// What every stage reads: the case, its rule and citation, the benchmark, the
/// circumstances catalog and the language.
pub(super) struct Ctx<'a> {
    pub case: &'a Case,
    pub rule: &'a Rule,
    pub rc: Citation,
    pub bm: &'a Benchmark,
    pub circ: &'a Circumstances,
    pub lang: Lang,
}

impl Ctx<'_> {
    /// Whether the case lists circumstance `id`.
    pub fn has(&self, id: &str) -> bool {
        self.case.circumstances.iter().any(|c| c == id)
    }
}

/// The tier the case falls in and the fine it has, if any.
pub(super) struct Tier<'a> {
    pub serious: Option<&'a Serious>,
    pub serious_fine: Option<&'a Fine>,
    pub fine: Option<&'a Fine>,
    /// The rule fines only after a missed deadline, and it was not missed.
    pub waiting_for_deadline: bool,
}

/// Stage 1: Limitation (第三十六条). True when the act is time-barred.
pub(super) fn limitation(cx: &Ctx, a: &mut Assessment, steps: &mut Steps) -> bool {
    let (case, lang) = (cx.case, cx.lang);
    let has = |id: &str| cx.has(id);
    let years = if has("life_health_harm") { 5 } else { 2 };
    a.limitation.years = years;
    let start = case.violation_end_date.or(case.violation_date);
    match (start, case.discovery_date) {
        (Some(from), Some(found)) => {
            let until = add_years(from, years as i32);
            a.limitation = Limitation {
                checked: true,
                years,
                from: Some(format_date(from)),
                until: Some(format_date(until)),
                within: found <= until,
            };
            let key = if found <= until {
                "penalty.step.limitation_ok"
            } else {
                "penalty.step.limitation_expired"
            };
            let continuing = if case.violation_end_date.is_some() {
                tf(lang, "penalty.limitation.from_end", &[])
            } else {
                tf(lang, "penalty.limitation.from_act", &[])
            };
            steps.push(
                StepKind::Limitation,
                key,
                &[
                    ("years", &years.to_string()),
                    ("from", &format_date(from)),
                    ("until", &format_date(until)),
                    ("found", &format_date(found)),
                    ("counted", &continuing),
                ],
                Some(apl(36, None, None)),
                crate::penalty::quotes::LIMITATION.quoted(),
            );
            if found > until {
                a.outcome = Outcome::TimeBarred;
                return true;
            }
        }
        _ => steps.push(
            StepKind::Limitation,
            "penalty.step.limitation_unchecked",
            &[("years", &years.to_string())],
            Some(apl(36, None, None)),
            None,
        ),
    }
    false
}

/// Stage 2: No penalty: mandatory exemptions, 第三十三条第一款, the loaded list; true when
/// one of them applies.
pub(super) fn no_penalty_applies(cx: &Ctx, steps: &mut Steps) -> bool {
    let (case, rule, bm, circ, lang) = (cx.case, cx.rule, cx.bm, cx.circ, cx.lang);
    let has = |id: &str| cx.has(id);
    let exempting: Vec<&Circumstance> = case
        .circumstances
        .iter()
        .filter_map(|c| circ.get(c))
        .filter(|c| c.group == Group::Exempting)
        .collect();
    if let Some(c) = exempting.first() {
        steps.push(
            StepKind::NoPenalty,
            "penalty.step.exempt",
            &[
                ("label", c.label(lang)),
                ("citation", &c.citation().label_in(lang)),
            ],
            Some(c.citation()),
            Some(c.text.clone()),
        );
        return true;
    }
    if has("minor") && has("corrected") && has("no_harm") {
        steps.push(
            StepKind::NoPenalty,
            "penalty.step.minor_no_harm",
            &[],
            Some(apl(33, Some(1), None)),
            crate::penalty::quotes::MINOR_NO_HARM.quoted(),
        );
        return true;
    }
    if let Some(list) = &bm.no_penalty_list {
        let hit = list
            .items
            .iter()
            .find(|i| i.rules.iter().any(|r| r == &rule.id) && i.conditions.iter().all(|c| has(c)));
        if let Some(item) = hit {
            let kind = tf(lang, &format!("penalty.no_penalty_kind.{}", item.kind), &[]);
            let conds: Vec<&str> = item
                .conditions
                .iter()
                .filter_map(|c| circ.get(c))
                .map(|c| c.label(lang))
                .collect();
            steps.push(
                StepKind::NoPenaltyList,
                "penalty.step.no_penalty_list",
                &[
                    ("list", &pick(&list.title, lang)),
                    ("name", &in_lang(&item.name, lang)),
                    ("kind", &kind),
                    (
                        "conditions",
                        &conds.join(crate::i18n::enumeration_separator(lang)),
                    ),
                    ("basis", &in_lang(&item.basis, lang)),
                ],
                Some(apl(33, Some(1), None)),
                None,
            );
            return true;
        }
    }
    false
}

/// 第三十三条第一款 second sentence and 第一百二十四条第三款: the fine is still computed
/// and flagged. Returns whether 第一百二十四条第三款 counts for this rule.
pub(super) fn may_exempt(cx: &Ctx, a: &mut Assessment, steps: &mut Steps) -> bool {
    let (rule, bm) = (cx.rule, cx.bm);
    let has = |id: &str| cx.has(id);
    if has("first_offence") && has("minor_harm") && has("corrected") {
        a.may_exempt = true;
        steps.push(
            StepKind::MayExempt,
            "penalty.step.first_offence",
            &[("years", &bm.first_offence_years.to_string())],
            Some(apl(33, Some(1), None)),
            crate::penalty::quotes::FIRST_OFFENCE.quoted(),
        );
    }
    let small_import = has("dal124_3") && rule.id == "dal-124-1-1";
    if small_import {
        a.may_exempt = true;
        steps.push(
            StepKind::MayExempt,
            "penalty.step.small_import",
            &[],
            Some(dal(124, Some(3), None)),
            crate::penalty::quotes::SMALL_IMPORT.quoted(),
        );
    }

    small_import
}

/// Stage 3: Which tier, the sanctions, and whether a fine is possible yet.
pub(super) fn tier<'a>(cx: &Ctx<'a>, a: &mut Assessment, steps: &mut Steps) -> Tier<'a> {
    let (case, rule, rc) = (cx.case, cx.rule, &cx.rc);
    let serious_tier = if case.serious {
        rule.serious.as_ref()
    } else {
        None
    };
    if case.serious {
        match serious_tier {
            Some(_) => steps.push(
                StepKind::Serious,
                "penalty.step.serious",
                &[("citation", &rc.label_in(cx.lang))],
                Some(rc.clone()),
                None,
            ),
            None => steps.push(
                StepKind::Serious,
                "penalty.step.serious_no_tier",
                &[],
                Some(rc.clone()),
                None,
            ),
        }
    }
    let serious_fine = serious_tier.and_then(|s| s.fine.as_ref());
    let fine = serious_fine.or(rule.fine.as_ref());

    a.sanctions = cite_all(&rule.sanctions, rc, "ordinary");
    if let Some(s) = serious_tier {
        a.sanctions.extend(cite_all(&s.sanctions, rc, "serious"));
    }

    let waiting_for_deadline =
        rule.fine_requires_deadline_missed && !case.deadline_missed && serious_fine.is_none();
    if rule.depends_on_deadline() {
        if case.deadline_missed {
            steps.push(
                StepKind::Deadline,
                "penalty.step.deadline_missed",
                &[("order", &order_in(rule, "责令限期改正", cx.lang))],
                Some(rc.clone()),
                None,
            );
            a.sanctions.extend(cite_all(
                &rule.deadline_missed_sanctions,
                rc,
                "deadline_missed",
            ));
        } else if serious_fine.is_some() {
            steps.push(
                StepKind::Deadline,
                "penalty.step.deadline_serious",
                &[],
                Some(rc.clone()),
                None,
            );
        } else {
            steps.push(
                StepKind::Deadline,
                "penalty.step.deadline_pending",
                &[("order", &order_in(rule, "责令限期改正", cx.lang))],
                Some(rc.clone()),
                None,
            );
        }
    }
    Tier {
        serious: serious_tier,
        serious_fine,
        fine,
        waiting_for_deadline,
    }
}

/// The rule's order to correct (`default` when it names none) in `lang`.
fn order_in(rule: &Rule, default: &str, lang: Lang) -> String {
    in_lang(rule.order.as_deref().unwrap_or(default), lang)
}

/// The 警告 (with the order to correct) of a rule that warns.
fn warning_step(cx: &Ctx, steps: &mut Steps) {
    if cx.rule.warning {
        let order = order_in(cx.rule, "责令改正", cx.lang);
        let key = "penalty.step.warning";
        steps.push(
            StepKind::Warning,
            key,
            &[("order", &order)],
            Some(cx.rc.clone()),
            None,
        );
    }
}

/// A warning or other sanctions, no fine: the persons and the hearing.
pub(super) fn without_fine(cx: &Ctx, a: &mut Assessment, t: &Tier, steps: &mut Steps) {
    let (case, rule, bm) = (cx.case, cx.rule, cx.bm);
    let serious_tier = t.serious;
    a.outcome = if rule.warning {
        Outcome::Warning
    } else {
        Outcome::SanctionsOnly
    };
    warning_step(cx, steps);
    individual(a, rule, serious_tier, case, bm, Band::Ordinary, steps);
    hearing(a, case, bm, steps);
}

/// The outcome of a case that is fined, and the warning beside it.
pub(super) fn fine_outcome(cx: &Ctx, a: &mut Assessment, t: &Tier, steps: &mut Steps) {
    let (case, rule) = (cx.case, cx.rule);
    let serious_fine = t.serious_fine;
    a.outcome =
        if rule.fine_requires_deadline_missed && case.deadline_missed && serious_fine.is_none() {
            Outcome::FineAfterDeadline
        } else {
            Outcome::Fine
        };
    warning_step(cx, steps);
}

/// Stage 4: The statutory range, with the floor on the base applied once.
pub(super) fn range(
    cx: &Ctx,
    a: &mut Assessment,
    fine: &Fine,
    steps: &mut Steps,
) -> Result<(Fen, Fen), FieldError> {
    let (case, rc, lang) = (cx.case, &cx.rc, cx.lang);
    let StatutoryRange {
        min,
        max,
        value,
        used,
        floor,
    } = statutory_range(fine, case)?;
    a.base = value;
    a.base_used = used;
    a.floor_applied = floor.is_some();
    if let (Some(b), Some(v), Some(u)) = (fine.base, value, used) {
        let label = base_label(b, lang);
        match floor {
            Some(f) => steps.push(
                StepKind::Floor,
                "penalty.step.floor",
                &[
                    ("base", &label),
                    ("value", &v.in_lang(lang)),
                    ("floor", &f.in_lang(lang)),
                ],
                Some(rc.clone()),
                Some(fine.source.clone()),
            ),
            None => steps.push(
                StepKind::Base,
                "penalty.step.base",
                &[("base", &label), ("value", &u.in_lang(lang))],
                Some(rc.clone()),
                None,
            ),
        }
        steps.push(
            StepKind::Range,
            "penalty.step.range_multiple",
            &[
                ("base", &label),
                ("used", &u.in_lang(lang)),
                ("min_x", &pct_text(fine.min_pct.unwrap_or(0))),
                ("max_x", &pct_text(fine.max_pct.unwrap_or(0))),
                ("min", &min.in_lang(lang)),
                ("max", &max.in_lang(lang)),
            ],
            Some(rc.clone()),
            Some(fine.source.clone()),
        );
    } else {
        steps.push(
            StepKind::Range,
            "penalty.step.range_fixed",
            &[("min", &min.in_lang(lang)), ("max", &max.in_lang(lang))],
            Some(rc.clone()),
            Some(fine.source.clone()),
        );
    }
    if fine.discretionary {
        steps.push(
            StepKind::Discretionary,
            "penalty.step.discretionary_fine",
            &[],
            Some(rc.clone()),
            None,
        );
    }
    a.statutory_min = Some(min);
    a.statutory_max = Some(max);

    Ok((min, max))
}

/// Stage 5: Circumstances and the band; the suggested amount.
pub(super) fn band(
    cx: &Ctx,
    a: &mut Assessment,
    (min, max): (Fen, Fen),
    small_import: bool,
    steps: &mut Steps,
) -> (Band, Fen) {
    let (case, bm, circ, lang) = (cx.case, cx.bm, cx.circ, cx.lang);
    let has = |id: &str| cx.has(id);
    let counted: Vec<&Circumstance> = case
        .circumstances
        .iter()
        .filter_map(|c| circ.get(c))
        .collect();
    let agg: Vec<&&Circumstance> = counted
        .iter()
        .filter(|c| c.group == Group::Aggravating)
        .collect();
    let mit: Vec<&&Circumstance> = counted
        .iter()
        .filter(|c| c.group == Group::Mitigating && (c.id != "dal124_3" || small_import))
        .collect();
    for c in &agg {
        steps.push(
            StepKind::Aggravating,
            "penalty.step.aggravating",
            &[
                ("label", c.label(lang)),
                ("citation", &c.citation().label_in(lang)),
            ],
            Some(c.citation()),
            Some(c.text.clone()),
        );
    }
    for c in &mit {
        steps.push(
            StepKind::Mitigating,
            "penalty.step.mitigating",
            &[
                ("label", c.label(lang)),
                ("citation", &c.citation().label_in(lang)),
            ],
            Some(c.citation()),
            Some(c.text.clone()),
        );
    }
    if has("dal124_3") && !small_import {
        steps.push(
            StepKind::Ignored,
            "penalty.step.small_import_other_rule",
            &[],
            Some(dal(124, Some(3), None)),
            None,
        );
    }
    let reduced_possible = min.0 > bm.rounding_fen.max(1);
    let band = match (agg.is_empty(), mit.is_empty()) {
        (false, false) => {
            let b = Band::from_id(&bm.conflict_band);
            steps.push(
                StepKind::BandConflict,
                "penalty.step.band_conflict",
                &[("band", &tf(lang, b.key(), &[]))],
                Some(apl(34, None, None)),
                None,
            );
            b
        }
        (false, true) => Band::Heavier,
        (true, false) if case.mitigation == Mitigation::Reduced && reduced_possible => {
            Band::Reduced
        }
        (true, false) => Band::Lighter,
        (true, true) => Band::Ordinary,
    };
    let (lo, hi, s) = banded(min, max, bm, band);
    a.band = Some(band);
    a.band_label = Some(tf(lang, band.key(), &[]));
    a.fine_min = Some(lo);
    a.fine_max = Some(hi);
    a.fine_suggested = Some(s);
    let bm_title = pick(&bm.title, lang);
    if band == Band::Reduced {
        steps.push(
            StepKind::Band,
            "penalty.step.band_reduced",
            &[
                ("pct", &bm.reduced_floor_pct.to_string()),
                ("min", &lo.in_lang(lang)),
                ("max", &hi.in_lang(lang)),
                ("benchmark", &bm_title),
            ],
            Some(apl(32, None, None)),
            None,
        );
    } else {
        steps.push(
            StepKind::Band,
            "penalty.step.band",
            &[
                ("band", &tf(lang, band.key(), &[])),
                ("min", &lo.in_lang(lang)),
                ("max", &hi.in_lang(lang)),
                ("benchmark", &bm_title),
            ],
            Some(apl(34, None, None)),
            None,
        );
    }
    steps.push(
        StepKind::Suggested,
        "penalty.step.suggested",
        &[("amount", &s.in_lang(lang)), ("display", &s.to_display())],
        None,
        None,
    );

    (band, s)
}

/// Stage 6: Sanctions beside the fine, individual liability, hearing, payment.
pub(super) fn finish_fined(
    cx: &Ctx,
    a: &mut Assessment,
    t: &Tier,
    (band, s): (Band, Fen),
    steps: &mut Steps,
) {
    let (case, rule, rc, bm) = (cx.case, cx.rule, &cx.rc, cx.bm);
    let serious_tier = t.serious;
    if !a.sanctions.is_empty() {
        let lang = steps.lang;
        let list: Vec<String> = a.sanctions.iter().map(|x| in_lang(&x.text, lang)).collect();
        steps.push(
            StepKind::Sanctions,
            "penalty.step.sanctions",
            &[("list", &list.join(list_separator(lang)))],
            Some(rc.clone()),
            None,
        );
    }
    individual(a, rule, serious_tier, case, bm, band, steps);
    hearing(a, case, bm, steps);
    let fee = s.percent(3);
    a.payment = Some(Payment {
        due_within_days: 15,
        late_fee_per_day: fee,
        late_fee_cap: s,
    });
    steps.push(
        StepKind::Payment,
        "penalty.step.payment",
        &[
            ("fee", &fee.in_lang(steps.lang)),
            ("cap", &s.in_lang(steps.lang)),
        ],
        Some(apl(72, Some(1), Some(1))),
        crate::penalty::quotes::LATE_FEE.quoted(),
    );
}
