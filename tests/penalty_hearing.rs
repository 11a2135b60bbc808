//! 第六十三条 in full (issue 19.3): each item of its first paragraph, for the party and
//! for the responsible persons on their own amounts, computed by hand.
use serde_json::{json, Value};
use yaojian::penalty::*;
use yaojian::Lang;

/// The default benchmark with its hearing thresholds replaced.
fn benchmark(thresholds: Value) -> Value {
    let mut b: Value =
        serde_json::from_str(include_str!("../data/penalty/benchmark.default.json")).unwrap();
    b["hearing_threshold"] = thresholds;
    b
}

fn run(case: Value) -> Assessment {
    assess_json(&case.to_string(), Lang::ZhCn).unwrap_or_else(|e| panic!("{case}: {e:?}"))
}

/// Fines set out of reach, so only item (二) can apply.
fn confiscation_only() -> Value {
    benchmark(json!({
        "organisation": "100000000", "individual": "100000000",
        "confiscation": {"organisation": "100000", "individual": "10000"}
    }))
}

/// 第一百二十条 confiscates 全部储存、运输收入 (the case's 违法收入, `income`), no drugs:
/// 收入 12万 is at or above the unit's 10万: item (二), and only it. 违法所得 and 货值 are
/// not what it confiscates and do not count.
#[test]
fn confiscating_a_large_amount_gives_a_hearing_under_item_two() {
    let a = run(json!({
        "rule": "dal-120", "income": "12万", "illegal_income": "1万", "goods_value": "1万",
        "benchmark": confiscation_only()
    }));
    let h = a.hearing.unwrap();
    assert_eq!((h.required, h.items.clone()), (true, vec![2]));
    assert!(
        h.reasons[0].starts_with("（二）没收较大数额违法所得"),
        "{:?}",
        h.reasons
    );
    assert!(
        h.reasons[0].contains("12万元") && h.reasons[0].contains("10万元"),
        "{:?}",
        h.reasons
    );
    let step = a.steps.iter().find(|s| s.kind == "hearing").unwrap();
    assert_eq!(
        step.citation.as_ref().unwrap().label,
        "《中华人民共和国行政处罚法》第六十三条第一款第二项"
    );
    // 收入 4万 is below it, however large 违法所得 and 货值 are: no hearing.
    let a = run(json!({
        "rule": "dal-120", "income": "4万", "illegal_income": "50万", "goods_value": "30万",
        "benchmark": confiscation_only()
    }));
    assert_eq!(a.hearing.unwrap().items, Vec::<u32>::new());
}

/// Every item that applies, in order: a fine of 收入 12万 × 1–5 = 12万–60万 suggested
/// above 10万 (一), 12万 of 收入 confiscated (二). A benchmark without a confiscation
/// block uses its fine amounts for item (二).
#[test]
fn the_items_come_in_order_and_the_fine_thresholds_serve_for_confiscation_by_default() {
    let plain = benchmark(json!({"organisation": "100000", "individual": "10000"}));
    let a = run(json!({"rule": "dal-120", "income": "12万", "benchmark": plain}));
    let h = a.hearing.unwrap();
    assert_eq!(h.items, vec![1, 2]);
    assert_eq!(h.confiscation_threshold, h.threshold);
    // 第一百一十六条 confiscates the drugs and 违法所得 (货值 3万 + 8万 = 11万: 二), and
    // also 责令停产停业整顿 (四) and 吊销药品批准证明文件 (三).
    let a = run(
        json!({"rule": "dal-116", "goods_value": "3万", "illegal_income": "8万", "unit_income": "2万"}),
    );
    assert_eq!(a.hearing.unwrap().items, vec![1, 2, 3, 4]);
}

/// The persons of 第一百一十八条 (所获收入 2万): their fine 30%–3倍 = 0.6万–6万, the
/// ordinary band's suggestion above the individual 1万 (一); 2万 of 所获收入 confiscated
/// (二); 终身禁止从事药品生产经营活动 is 限制从业 (四).
#[test]
fn the_responsible_persons_get_their_own_hearing_check() {
    let a = run(
        json!({"rule": "dal-116", "goods_value": "3万", "illegal_income": "8万", "unit_income": "2万"}),
    );
    let p = a.individual.unwrap();
    assert_eq!(p.statutory_min, Some(yaojian::Fen::from_yuan(6_000)));
    assert_eq!(p.statutory_max, Some(yaojian::Fen::from_yuan(60_000)));
    let h = p.hearing.unwrap();
    assert_eq!(h.threshold, yaojian::Fen::from_yuan(10_000));
    assert_eq!(h.items, vec![1, 2, 4]);
    assert!(a.steps.iter().any(|s| s.kind == "hearing_individual"));
    // A small 所获收入 (0.5万: fine 0.15万–1.5万, suggested in the ordinary band, 0.6万–1.05万)
    // is below the individual 1万 when the persons' fine is set out of reach.
    let a = run(json!({
        "rule": "dal-116", "goods_value": "3万", "illegal_income": "8万", "unit_income": "5000",
        "benchmark": confiscation_only()
    }));
    assert_eq!(
        a.individual.unwrap().hearing.unwrap().items,
        vec![4],
        "only the ban remains"
    );
}

/// A benchmark's confiscation block is checked like the rest of it.
#[test]
fn a_bad_confiscation_threshold_names_its_path() {
    let b = benchmark(
        json!({"organisation": "100000", "individual": "10000", "confiscation": {"organisation": "x"}}),
    );
    let e = assess_json(
        &json!({"rule": "dal-120", "income": "4万", "benchmark": b}).to_string(),
        Lang::ZhCn,
    )
    .unwrap_err();
    assert!(
        e[0].path
            .starts_with("$.benchmark.hearing_threshold.confiscation"),
        "{e:?}"
    );
}

/// Every confiscation in the table takes something a case can give an amount for.
#[test]
fn every_confiscation_names_what_it_takes() {
    for r in &rule_table().rules {
        let mut all: Vec<&yaojian::penalty::rules::Sanction> = r.sanctions.iter().collect();
        all.extend(r.individual.iter().flat_map(|i| &i.sanctions));
        if let Some(s) = &r.serious {
            all.extend(&s.sanctions);
            all.extend(s.individual.iter().flat_map(|i| &i.sanctions));
        }
        for s in all.into_iter().filter(|s| s.kind == "confiscation") {
            assert!(!s.confiscated_bases().is_empty(), "{}: {}", r.id, s.text);
        }
    }
}

/// 撤销其检验资格 (第一百三十八条, 情节严重) is item (三); 十年内不受理其相应申请 (第一百一十六条,
/// 情节严重) is read as (五) 其他较重的行政处罚.
#[test]
fn qualification_revocations_and_bans_have_their_items() {
    let a = run(json!({"rule": "dal-138", "serious": true, "illegal_income": "1万"}));
    assert!(a.hearing.unwrap().items.contains(&3));
    let a = run(
        json!({"rule": "dal-116", "serious": true, "goods_value": "3万", "unit_income": "2万"}),
    );
    assert!(a.hearing.unwrap().items.contains(&5));
}
