//! Penalty calculation (处罚裁量) for 药品管理法 chapter 11 under the 行政处罚法.
//!
//! - [`rules`]: the statute table, circumstances and discretion benchmark (all data).
//! - [`assess`]: one case → outcome, ranges, band, suggestion, sanctions, cited steps.

pub mod assess;
pub mod rules;

pub use assess::{assess, late_fee, Assessment, Band, Case, Mitigation, Outcome, Party, Step};
pub use rules::{
    circumstances, default_benchmark, rule_table, Benchmark, Channel, Circumstance, Group, Rule,
    RuleTable,
};

/// Reads a case (and its optional benchmark) from JSON text and assesses it: the CLI's
/// `penalty assess` and the widget's "load a case" both go through here.
pub fn assess_json(src: &str, lang: crate::Lang) -> Result<Assessment, Vec<crate::FieldError>> {
    let v = crate::json::parse_document(src, "$").map_err(|e| vec![e])?;
    let (case, bm) = Case::from_value(&v)?;
    let owned;
    let benchmark = match bm {
        Some(v) => {
            owned = Benchmark::from_value(v, "$.benchmark")?;
            &owned
        }
        None => default_benchmark(),
    };
    assess(&case, benchmark, lang)
}
