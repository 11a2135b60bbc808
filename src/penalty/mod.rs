//! Penalty calculation (处罚裁量) for 药品管理法 chapter 11 under the 行政处罚法.
//!
//! - [`rules`]: the statute table, circumstances and discretion benchmark (all data).
//! - [`assess`](mod@assess): one case under one version of the law → outcome, ranges, band,
//!   suggestion, sanctions, cited steps.
//! - [`in_force`]: which version applies on the day (行政处罚法第三十七条).
//! - [`citation`]: statute citations and the numbers they are written in.
//! - [`quotes`]: the statute's own words the steps quote, checked verbatim by a test.
//! - [`translations`]: the table's titles, sanctions and persons in zh-TW and English.
//! - [`data`](mod@data): those files, compiled in or installed at run time.

pub mod assess;
pub mod citation;
pub mod data;
pub mod in_force;
pub mod quotes;
pub mod rules;
pub mod translations;

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
pub fn assess_json(src: &str, lang: crate::Lang) -> Result<Assessment, crate::Errors> {
    assess_json_in(src, &rule_tables(), lang)
}

/// Reads a rule table from outside (another version of the law, `--law` of the CLI),
/// every error naming its path.
pub fn rule_table_from_json(src: &str) -> Result<RuleTable, crate::Errors> {
    use crate::FieldError;
    let t = rules::read::rule_table(&crate::json::parse_document(src, "$")?, "$")?;
    let mut errs = Vec::new();
    if t.schema != "yaojian/penalty-rules/1" {
        let e = FieldError::new("$.schema", "penalty.rules_schema");
        errs.push(e.with("expected", "yaojian/penalty-rules/1"));
    }
    if t.law
        .effective_to
        .is_some_and(|to| to < t.law.effective_from)
    {
        errs.push(FieldError::new(
            "$.law.effective_to",
            "penalty.end_before_start",
        ));
    }
    for (i, r) in t.rules.iter().enumerate() {
        if t.rules[..i].iter().any(|o| o.id == r.id) {
            let e = FieldError::new(format!("$.rules[{i}].id"), "penalty.rules_duplicate");
            errs.push(e.with("id", &r.id));
        }
        let serious = r.serious.as_ref().and_then(|s| s.fine.as_ref());
        for (at, f) in [("fine", r.fine.as_ref()), ("serious.fine", serious)] {
            let Some(f) = f else { continue };
            let pct = matches!((f.min_pct, f.max_pct), (Some(a), Some(b)) if a > b);
            let amount = matches!((f.min, f.max), (Some(a), Some(b)) if a > b);
            if pct || amount {
                errs.push(FieldError::new(
                    format!("$.rules[{i}].{at}"),
                    "penalty.rules_range",
                ));
            }
        }
    }
    if errs.is_empty() {
        Ok(t)
    } else {
        Err(errs.into())
    }
}

/// [`assess_json`] under the versions of the law in `tables` (第三十七条).
pub fn assess_json_in(
    src: &str,
    tables: &[&RuleTable],
    lang: crate::Lang,
) -> Result<Assessment, crate::Errors> {
    let v = crate::json::parse_document(src, "$")?;
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
