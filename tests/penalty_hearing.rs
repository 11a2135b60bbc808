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

/// 第一百二十条 confiscates 违法所得; with 药品 of 货值 the 非法财物 too. 违法所得 8万 + 货值
/// 3万 = 11万, at or above the unit's 10万: item (二), and only it.
#[test]
fn confiscating_a_large_amount_gives_a_hearing_under_item_two() {
    let a = run(json!({
        "rule": "dal-120", "income": "4万", "illegal_income": "8万", "goods_value": "3万",
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
        h.reasons[0].contains("11万元") && h.reasons[0].contains("10万元"),
        "{:?}",
        h.reasons
    );
    let step = a.steps.iter().find(|s| s.kind == "hearing").unwrap();
    assert_eq!(
        step.citation.as_ref().unwrap().label,
        "《中华人民共和国行政处罚法》第六十三条第一款第二项"
    );
    // 5万 + 3万 = 8万 is below it: no hearing.
    let a = run(json!({
        "rule": "dal-120", "income": "4万", "illegal_income": "5万", "goods_value": "3万",
        "benchmark": confiscation_only()
    }));
    assert_eq!(a.hearing.unwrap().items, Vec::<u32>::new());
}

/// Without a confiscation threshold the benchmark's fine amounts serve; the default
/// gives every item that applies, in order: a fine of 4万 × 1–5 (floor 5万) suggested
/// above 10万 (一), 11万 confiscated (二).
#[test]
fn the_items_come_in_order_and_the_fine_thresholds_serve_for_confiscation_by_default() {
    let a = run(
        json!({"rule": "dal-120", "income": "4万", "illegal_income": "8万", "goods_value": "3万"}),
    );
    let h = a.hearing.unwrap();
    assert_eq!(h.items, vec![1, 2]);
    assert_eq!(h.confiscation_threshold, h.threshold);
    // 第一百一十六条 also 责令停产停业整顿 (四) and 吊销药品批准证明文件 (三).
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
