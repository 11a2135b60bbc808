//! The case as read: every field by name, so each error has its JSON path.

use super::*;
use crate::date::{parse_date, Date};
use crate::error::FieldError;
use crate::money::{parse_yuan, Fen};
use serde::Serialize;
use serde_json::Value;

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
    /// The case's amount for base `b` (货值金额, 违法所得, …), if given.
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
    pub fn from_value(v: &Value) -> Result<(Case, Option<Value>), crate::Errors> {
        let mut errs = Vec::new();
        let mut case = Case::default();
        let mut benchmark = None;
        let Some(obj) = v.as_object() else {
            return Err(vec![FieldError::new("$", "case.not_object")].into());
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
            Err(errs.into())
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
