//! Penalty calculation (处罚裁量) for 药品管理法 chapter 11 under the 行政处罚法.
//!
//! - [`rules`]: the statute table, circumstances and discretion benchmark (all data).
//! - [`assess`]: one case under one version of the law → outcome, ranges, band,
//!   suggestion, sanctions, cited steps.
//! - [`in_force`]: which version applies on the day (行政处罚法第三十七条).

pub mod assess;
pub mod in_force;
pub mod rules;

pub use assess::{
    late_fee, Assessment, Band, Case, LawApplied, LawBasis, Mitigation, Outcome, Party, Step,
};
pub use in_force::{assess, assess_in};
pub use rules::{
    circumstances, default_benchmark, rule_table, rule_tables, Benchmark, Channel, Circumstance,
    Group, LawRef, Rule, RuleTable,
};

/// Reads a case (and its optional benchmark) from JSON text and assesses it: the CLI's
/// `penalty assess` and the widget's "load a case" both go through here.
pub fn assess_json(src: &str, lang: crate::Lang) -> Result<Assessment, Vec<crate::FieldError>> {
    assess_json_in(src, &rule_tables(), lang)
}

/// Reads a rule table from outside (another version of the law, `--law` of the CLI),
/// every error naming its path.
pub fn rule_table_from_json(src: &str) -> Result<RuleTable, Vec<crate::FieldError>> {
    let t: RuleTable = crate::json::parse_str_at(src, "$").map_err(|e| vec![e])?;
    if t.schema != "yaojian/penalty-rules/1" {
        let e = crate::FieldError::new("$.schema", "benchmark.schema")
            .with("expected", "yaojian/penalty-rules/1");
        return Err(vec![e]);
    }
    Ok(t)
}

/// [`assess_json`] under the versions of the law in `tables` (第三十七条).
pub fn assess_json_in(
    src: &str,
    tables: &[&RuleTable],
    lang: crate::Lang,
) -> Result<Assessment, Vec<crate::FieldError>> {
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
    assess_in(&case, tables, benchmark, lang)
}
