//! What the form tests share: the built-in personal template, a clean filing of it and
//! one with a finding, the day and time they are made.
use serde_json::{json, Value};
use yaojian::date::{parse_date, Date};
use yaojian::form::answers::{FindingAnswer, Findings};
use yaojian::form::{self, built_in, Template};

pub const ID: &str = "11010519491231002X";
pub const USCC: &str = "91350100M000100Y43";

pub fn day(s: &str) -> Date {
    parse_date(s).unwrap()
}

/// 2026-11-22 10:00:00 +08:00 in Unix milliseconds.
pub const NOW: i64 = 1_795_312_800_000;
/// When the drafts of these tests were started, and the validator's day (NOW's).
pub const STARTED: &str = "2026-11-22T09:30:00+08:00";
pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

pub fn answers(v: Value) -> form::Answers {
    v.as_object().unwrap().clone()
}

pub fn personal() -> Template {
    built_in("representative-personal").unwrap()
}

/// A complete, clean personal self-inspection.
pub fn clean_personal() -> form::Answers {
    answers(json!({
        "name": "张三", "id_number": ID, "phone": "13800138000",
        "mah_name": "示例药业有限公司", "mah_uscc": USCC,
        "filed": true, "filing_date": "2025-03-01", "contract": "labour_contract",
        "b_unfiled": false, "b_no_consent": false, "b_sales": false, "b_prescriptions": false,
        "b_funding": false, "b_misleading": false, "b_kickbacks": false,
        "activity_count": 0,
        "attestation": {"agreed": true, "name": "张三", "date": "2026-11-22"}
    }))
}

pub fn with_finding() -> (form::Answers, Findings) {
    let mut a = clean_personal();
    a.insert("b_kickbacks".into(), json!(true));
    // A draft keeps a hidden answer; the submission must drop it.
    a.insert("filed".into(), json!(false));
    let mut f = Findings::new();
    f.insert(
        "b_kickbacks".into(),
        FindingAnswer {
            explanation: " 节日向药剂科人员赠送购物卡 ".into(),
            measure: "收回并登记，全员培训".into(),
            deadline: "2026-12-15".into(),
            ..Default::default()
        },
    );
    (a, f)
}
