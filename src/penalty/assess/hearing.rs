//! The hearing notice (行政处罚法第六十三条): which sanctions and amounts give the party a
//! right to a hearing.

use super::*;
use crate::i18n::tf;
use crate::money::Fen;
use crate::Lang;

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
pub(super) fn hearing_items(
    fine: Option<Fen>,
    confiscated: Option<Fen>,
    sanctions: &[CitedSanction],
    threshold: (Fen, Fen),
    lang: Lang,
) -> (Vec<u32>, Vec<String>) {
    let has = |kinds: &[&str]| sanctions.iter().any(|s| kinds.contains(&s.kind.as_str()));
    let (fine_t, conf_t) = (threshold.0.in_lang(lang), threshold.1.in_lang(lang));
    let checks = [
        (
            fine.is_some_and(|f| f >= threshold.0),
            "penalty.hearing.large_fine",
            String::new(),
        ),
        (
            confiscated.is_some_and(|c| c >= threshold.1),
            "penalty.hearing.large_confiscation",
            confiscated.map(|c| c.in_lang(lang)).unwrap_or_default(),
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

pub(super) fn hearing(a: &mut Assessment, case: &Case, bm: &Benchmark, steps: &mut Steps) {
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
        StepKind::Hearing,
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
        StepKind::HearingIndividual,
        "penalty.step.hearing_individual",
        threshold,
        items,
        reasons,
    ));
}

/// What `sanctions` confiscate, added up over the case's amounts for the bases they
/// name (each base once) among `allowed`; none when nothing with an amount is taken.
/// The persons' own 违法所得 is no field of a case, so only their 所获收入 counts.
pub(super) fn confiscated_amount(
    case: &Case,
    sanctions: &[CitedSanction],
    allowed: &[Base],
) -> Option<Fen> {
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
pub(super) fn hearing_step(
    steps: &mut Steps,
    kind: StepKind,
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
            &[(
                "reasons",
                &reasons.join(crate::i18n::list_separator(steps.lang)),
            )],
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
