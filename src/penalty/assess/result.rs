//! What an assessment says: outcome, band, cited steps, sanctions, individual
//! liability, limitation, hearing and payment.

use super::*;
use crate::date::Date;
use crate::money::Fen;
use serde::Serialize;

/// What the assessment concludes: a fine, a warning, no penalty, time-barred, ….
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
    /// The outcome's catalog key.
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

/// The discretion band (从轻、一般、从重) the circumstances lead to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    Reduced,
    Lighter,
    Ordinary,
    Heavier,
}

impl Band {
    pub(super) fn from_id(id: &str) -> Band {
        match id {
            "lighter" => Band::Lighter,
            "heavier" => Band::Heavier,
            _ => Band::Ordinary,
        }
    }
    /// The band's catalog key.
    pub fn key(self) -> &'static str {
        match self {
            Band::Reduced => "penalty.band.reduced",
            Band::Lighter => "penalty.band.lighter",
            Band::Ordinary => "penalty.band.ordinary",
            Band::Heavier => "penalty.band.heavier",
        }
    }
    pub(super) fn index(self) -> usize {
        match self {
            Band::Lighter | Band::Reduced => 0,
            Band::Ordinary => 1,
            Band::Heavier => 2,
        }
    }
}

/// Declares [`StepKind`]: each variant with its stable code.
macro_rules! step_kinds {
    ($($variant:ident => $code:literal,)*) => {
        /// What a step of the explanation is about, serialised as its stable code
        /// (`rule`, `floor`, `range`, `band`, …) that hosts may test for.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        pub enum StepKind {
            $(#[serde(rename = $code)] $variant,)*
        }

        impl StepKind {
            /// The stable code, as serialised.
            pub fn code(self) -> &'static str {
                match self {
                    $(StepKind::$variant => $code,)*
                }
            }
        }
    };
}

step_kinds! {
    Aggravating => "aggravating",
    Band => "band",
    BandConflict => "band_conflict",
    Base => "base",
    Deadline => "deadline",
    Discretionary => "discretionary",
    Education => "education",
    Enforcer => "enforcer",
    Floor => "floor",
    Hearing => "hearing",
    HearingIndividual => "hearing_individual",
    Ignored => "ignored",
    Individual => "individual",
    LawVersion => "law_version",
    Limitation => "limitation",
    MayExempt => "may_exempt",
    Mitigating => "mitigating",
    NoPenalty => "no_penalty",
    NoPenaltyList => "no_penalty_list",
    Payment => "payment",
    Range => "range",
    Rule => "rule",
    Sanctions => "sanctions",
    Serious => "serious",
    SeveralNorms => "several_norms",
    Suggested => "suggested",
    Warning => "warning",
}

impl PartialEq<&str> for StepKind {
    fn eq(&self, other: &&str) -> bool {
        self.code() == *other
    }
}

impl std::fmt::Display for StepKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// One numbered step of the explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub n: usize,
    /// What the step is about (serialised as its stable code).
    pub kind: StepKind,
    pub text: String,
    pub citation: Option<Citation>,
    /// The statute's own words behind this step, verbatim.
    pub quote: Option<String>,
}

/// A sanction beside the fine, with its text and citation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CitedSanction {
    pub kind: String,
    pub text: String,
    pub citation: Citation,
    /// `ordinary`, `serious` or `deadline_missed`.
    pub when: &'static str,
}

/// What the responsible persons face (责任人员).
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

/// Whether the act is still within the time limit for a penalty (追责时效).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Limitation {
    pub checked: bool,
    pub years: u32,
    pub from: Option<String>,
    pub until: Option<String>,
    pub within: bool,
}

/// Whether the party must be told of a right to a hearing, and why.
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

/// When and how a fine is paid, and the late fee.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Payment {
    pub due_within_days: u32,
    pub late_fee_per_day: Fen,
    pub late_fee_cap: Fen,
}

/// The rule applied, as the result shows it.
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

/// The benchmark applied, as the result shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BenchmarkSummary {
    pub id: String,
    pub title: String,
    pub is_default: bool,
    /// Its 文号, when the benchmark has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::date::iso_opt"
    )]
    pub effective_from: Option<Date>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::date::iso_opt"
    )]
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
    #[serde(with = "crate::date::iso")]
    pub effective_from: Date,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::date::iso_opt"
    )]
    pub effective_to: Option<Date>,
    pub basis: LawBasis,
    /// The other version compared under 第三十七条, by its label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compared_with: Option<String>,
}

impl LawApplied {
    /// What the assessment says of the law version `law`.
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

    /// "中华人民共和国药品管理法（2019年8月26日修订）", in `lang`.
    pub fn name(&self, lang: crate::Lang) -> String {
        version_name(&self.title, &self.edition, lang)
    }

    /// The name with the version's dates, as the widget shows it, in `lang`.
    pub fn label(&self, lang: crate::Lang) -> String {
        version_label(
            &self.title,
            &self.edition,
            (self.effective_from, self.effective_to),
            lang,
        )
    }
}

/// The assessment of one case: outcome, ranges, band, suggestion, sanctions and cited steps.
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
