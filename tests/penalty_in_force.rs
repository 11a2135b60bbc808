//! The law in force on the day (行政处罚法第三十七条, issue 19.2), computed by hand.
//!
//! Only the 2019 药品管理法 is encoded. The comparison of two versions is tested with a
//! **test fixture**, not law: a copy of the 2019 table relabelled as an earlier
//! version in force until 2019-11-30, with 第一百一十六条's multiple changed to make
//! it lighter or heavier. Its figures stand for nothing in any statute.
use serde_json::json;
use yaojian::date::parse_date;
use yaojian::money::Fen;
use yaojian::penalty::*;
use yaojian::Lang;

fn case(v: serde_json::Value) -> Case {
    Case::from_value(&v).unwrap().0
}

fn wan(n: i64) -> Fen {
    Fen::from_yuan(n * 10_000)
}

/// A fixture "earlier version" of the table: 116's fine `min_pct`–`max_pct` of 货值.
fn earlier(min_pct: i64, max_pct: i64) -> RuleTable {
    let mut t = rule_table().clone();
    t.law.id = "dal-fixture-earlier".into();
    t.law.edition = "测试用旧版（非法律文本）".into();
    t.law.effective_from = parse_date("2015-04-24").unwrap();
    t.law.effective_to = Some(parse_date("2019-11-30").unwrap());
    let r = t.rules.iter_mut().find(|r| r.id == "dal-116").unwrap();
    let f = r.fine.as_mut().unwrap();
    (f.min_pct, f.max_pct) = (Some(min_pct), Some(max_pct));
    t
}

fn bm() -> &'static Benchmark {
    default_benchmark()
}

#[test]
fn an_act_on_or_after_2019_12_01_takes_the_2019_law_without_comment() {
    for day in ["2019-12-01", "2025-03-01"] {
        let a = assess(
            &case(json!({"rule": "dal-116", "goods_value": "20万", "violation_date": day})),
            bm(),
            Lang::ZhCn,
        )
        .unwrap();
        assert_eq!(a.law.basis, LawBasis::InForce, "{day}");
        assert_eq!(a.law.effective_from, parse_date("2019-12-01").unwrap());
        assert_eq!(a.outcome, Outcome::Fine);
        assert!(a.steps.iter().all(|s| s.kind != "law_version"));
        // 货值 20万 × 15–30 = 300万–600万.
        assert_eq!(
            (a.statutory_min, a.statutory_max),
            (Some(wan(300)), Some(wan(600)))
        );
    }
    let a = assess(
        &case(json!({"rule": "dal-116", "goods_value": "20万"})),
        bm(),
        Lang::ZhCn,
    )
    .unwrap();
    assert_eq!(a.law.basis, LawBasis::NoDate);
}

/// With only the 2019 table, an act that ended on 2019-11-30 must be compared with the
/// law of its time: the outcome says so, citing 第三十七条, and the 2019 figures stay as
/// the ceiling. A continuing act that ended on 2019-12-05 is under the 2019 law.
#[test]
fn an_act_before_2019_12_01_says_the_earlier_law_must_be_compared() {
    let a = assess(
        &case(json!({"rule": "dal-116", "goods_value": "20万", "violation_date": "2019-11-30"})),
        bm(),
        Lang::ZhCn,
    )
    .unwrap();
    assert_eq!(
        (a.outcome, a.law.basis),
        (Outcome::EarlierLaw, LawBasis::EarlierUnknown)
    );
    assert_eq!(a.outcome_label, "须比较违法行为发生时的法律");
    assert_eq!(
        a.statutory_max,
        Some(wan(600)),
        "the ceiling the new law allows"
    );
    let s = &a.steps[0];
    assert_eq!(s.kind, "law_version");
    assert_eq!(
        s.citation.as_ref().unwrap().label,
        "《中华人民共和国行政处罚法》第三十七条"
    );
    assert!(
        s.text.contains("2019-11-30") && s.text.contains("2019-12-01") && s.text.contains("上限"),
        "{}",
        s.text
    );
    assert!(
        common_law_text().contains(s.quote.as_deref().unwrap()),
        "the quote is verbatim"
    );
    let a = assess(&case(json!({"rule": "dal-116", "goods_value": "20万", "violation_date": "2019-10-01", "violation_end_date": "2019-12-05"})), bm(), Lang::ZhCn).unwrap();
    assert_eq!((a.outcome, a.law.basis), (Outcome::Fine, LawBasis::InForce));
}

fn common_law_text() -> &'static str {
    include_str!("../data/law/administrative-penalty-law-2021.md")
}

/// Two versions: the one of the day applies (货值 20万 × 2–5 = 40万–100万 under the
/// fixture), since the 2019 law (300万–600万) is not lighter.
#[test]
fn of_two_versions_the_one_of_the_day_applies_unless_the_later_is_lighter() {
    let old = earlier(200, 500);
    let tables = [&old, rule_table()];
    let c = case(json!({"rule": "dal-116", "goods_value": "20万", "violation_date": "2019-06-01"}));
    let a = assess_in(&c, &tables, bm(), Lang::ZhCn).unwrap();
    assert_eq!(a.law.basis, LawBasis::InForce);
    assert_eq!(a.law.edition, "测试用旧版（非法律文本）");
    assert_eq!(
        (a.statutory_min, a.statutory_max),
        (Some(wan(40)), Some(wan(100)))
    );
    let s = &a.steps[0];
    assert!(
        s.text.contains("40万元—100万元") && s.text.contains("300万元—600万元"),
        "both shown: {}",
        s.text
    );
    assert!(a
        .law
        .compared_with
        .as_deref()
        .unwrap()
        .contains("2019年8月26日修订"));
    // A heavier earlier version (40–50 times: 800万–1000万): the later, lighter one applies.
    let heavy = earlier(4000, 5000);
    let a = assess_in(&c, &[&heavy, rule_table()], bm(), Lang::ZhCn).unwrap();
    assert_eq!(a.law.basis, LawBasis::LighterLater);
    assert_eq!(
        (a.statutory_min, a.statutory_max),
        (Some(wan(300)), Some(wan(600)))
    );
    assert!(a.steps[0].text.contains("处罚较轻"), "{}", a.steps[0].text);
    // The order tables come in does not matter; an act in 2020 takes the 2019 law alone.
    let later =
        case(json!({"rule": "dal-116", "goods_value": "20万", "violation_date": "2020-06-01"}));
    let a = assess_in(&later, &[rule_table(), &heavy], bm(), Lang::ZhCn).unwrap();
    assert_eq!(
        (a.law.basis, a.statutory_max),
        (LawBasis::InForce, Some(wan(600)))
    );
}

/// A provision the version of the day lacks is named, not guessed at.
#[test]
fn a_rule_missing_from_the_version_of_the_day_is_an_error_naming_it() {
    let mut old = earlier(200, 500);
    old.rules.retain(|r| r.id != "dal-127-3");
    let c = case(json!({"rule": "dal-127-3", "violation_date": "2019-06-01"}));
    let e = assess_in(&c, &[&old, rule_table()], bm(), Lang::ZhCn).unwrap_err();
    assert_eq!(
        (e[0].path.as_str(), e[0].code.as_str()),
        ("$.rule", "penalty.rule_not_in_version")
    );
}

/// The benchmark carries its own 文号 and dates, and the assessment says which it used.
#[test]
fn the_benchmark_applied_is_named_with_its_document_and_dates() {
    let mut b: serde_json::Value =
        serde_json::from_str(include_str!("../data/penalty/benchmark.default.json")).unwrap();
    b["document"] = json!("示例药监规〔2026〕1号");
    b["effective_from"] = json!("2026-01-01");
    let v = json!({"rule": "dal-116", "goods_value": "20万", "benchmark": b});
    let a = assess_json(&v.to_string(), Lang::ZhCn).unwrap();
    assert_eq!(
        a.benchmark.document.as_deref(),
        Some("示例药监规〔2026〕1号")
    );
    assert_eq!(
        a.benchmark.effective_from,
        Some(parse_date("2026-01-01").unwrap())
    );
    b["effective_to"] = json!("2025-01-01");
    let e = assess_json(
        &json!({"rule": "dal-116", "benchmark": b}).to_string(),
        Lang::ZhCn,
    )
    .unwrap_err();
    assert_eq!(e[0].path, "$.benchmark.effective_to");
}

/// Versions that overlap cannot both be the law of a day.
#[test]
fn overlapping_versions_are_refused() {
    let mut old = earlier(200, 500);
    old.law.effective_to = Some(parse_date("2019-12-01").unwrap());
    let c = case(json!({"rule": "dal-116", "goods_value": "20万", "violation_date": "2019-06-01"}));
    let e = assess_in(&c, &[&old, rule_table()], bm(), Lang::ZhCn).unwrap_err();
    assert_eq!(
        (e[0].path.as_str(), e[0].code.as_str()),
        ("$.law", "penalty.law_versions")
    );
}

/// The CLI loads another version with --law; the case's date chooses.
#[cfg(feature = "cli")]
#[test]
fn the_cli_assesses_against_a_version_given_with_law() {
    let dir = std::env::temp_dir().join(format!("yaojian-law-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("earlier.json");
    std::fs::write(&file, serde_json::to_string(&earlier(200, 500)).unwrap()).unwrap();
    let run = |stdin: &str| {
        use std::io::Write;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_yaojian"))
            .args(["penalty", "assess", "--law", file.to_str().unwrap()])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
        let out = child.wait_with_output().unwrap();
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let v = run(
        &json!({"rule": "dal-116", "goods_value": "20万", "violation_date": "2019-06-01"})
            .to_string(),
    );
    assert_eq!(v["law"]["basis"], "in_force");
    assert_eq!(v["law"]["edition"], "测试用旧版（非法律文本）");
    assert_eq!(v["statutory_max"], "1000000.00");
    let v = run(
        &json!({"rule": "dal-116", "goods_value": "20万", "violation_date": "2020-06-01"})
            .to_string(),
    );
    assert_eq!(v["statutory_max"], "6000000.00");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A later version that fines less but revokes more cannot be ranked by rule: the
/// outcome says the two must be compared, with the figures of the version of the day.
#[test]
fn versions_lighter_in_one_way_and_heavier_in_another_are_left_to_the_officer() {
    // Under the fixture, 116 fines 40–50 times (800万–1000万) but revokes nothing.
    let mut old = earlier(4000, 5000);
    let r = old.rules.iter_mut().find(|r| r.id == "dal-116").unwrap();
    r.sanctions.retain(|s| s.kind == "confiscation");
    let c = case(json!({"rule": "dal-116", "goods_value": "20万", "violation_date": "2019-06-01"}));
    let a = assess_in(&c, &[&old, rule_table()], bm(), Lang::ZhCn).unwrap();
    assert_eq!(
        (a.outcome, a.law.basis),
        (Outcome::CompareVersions, LawBasis::Undecided)
    );
    assert_eq!(
        a.statutory_max,
        Some(wan(1000)),
        "the version of the day's figures"
    );
    assert!(a.steps[0].text.contains("轻重不一"), "{}", a.steps[0].text);
}

/// A later version with no such provision no longer punishes the act (不认为是违法的).
#[test]
fn a_provision_the_later_version_repealed_is_not_punished() {
    let old = earlier(200, 500);
    let mut new = rule_table().clone();
    new.rules.retain(|r| r.id != "dal-116");
    let c = case(json!({"rule": "dal-116", "goods_value": "20万", "violation_date": "2019-06-01"}));
    let a = assess_in(&c, &[&old, &new], bm(), Lang::ZhCn).unwrap();
    assert_eq!(
        (a.outcome, a.law.basis),
        (Outcome::NoPenalty, LawBasis::LighterLater)
    );
    assert_eq!((a.fine_suggested, a.sanctions.len()), (None, 0));
    assert!(
        a.steps[0].text.contains("不认为是违法"),
        "{}",
        a.steps[0].text
    );
}

/// An act in a gap between loaded versions is not said to come before the law.
#[test]
fn an_act_in_a_gap_between_versions_says_so() {
    let mut old = earlier(200, 500);
    old.law.effective_to = Some(parse_date("2019-06-30").unwrap());
    let c = case(json!({"rule": "dal-116", "goods_value": "20万", "violation_date": "2019-08-01"}));
    let a = assess_in(&c, &[&old, rule_table()], bm(), Lang::ZhCn).unwrap();
    assert_eq!(a.outcome, Outcome::EarlierLaw);
    assert!(
        a.steps[0].text.contains("均未在当日施行"),
        "{}",
        a.steps[0].text
    );
}

/// A version loaded from outside is checked before it is used.
#[test]
fn a_rule_table_from_outside_is_checked() {
    let mut t = earlier(500, 200);
    t.rules.push(t.rules[0].clone());
    let e = rule_table_from_json(&serde_json::to_string(&t).unwrap()).unwrap_err();
    let got: Vec<_> = e.iter().map(|e| e.code.as_str()).collect();
    assert!(
        got.contains(&"penalty.rules_duplicate") && got.contains(&"penalty.rules_range"),
        "{got:?}"
    );
    assert!(rule_table_from_json(&serde_json::to_string(&earlier(200, 500)).unwrap()).is_ok());
}
