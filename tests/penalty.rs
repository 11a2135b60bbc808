//! Penalty engine: every rule computed by hand, and the general rules of the 行政处罚法
//! (the statute table itself: `tests/penalty_table.rs`).
use serde_json::json;
use yaojian::money::Fen;
use yaojian::penalty::*;
use yaojian::Lang;

mod common;

fn wan(n: i64) -> Fen {
    Fen::from_yuan(n * 10_000)
}

fn run(case: serde_json::Value) -> Assessment {
    assess_json(&case.to_string(), Lang::ZhCn).unwrap_or_else(|e| panic!("{case}: {e:?}"))
}

#[test]
fn every_fining_rule_computed_by_hand() {
    let cases: Vec<(&str, serde_json::Value, Fen, Fen, bool)> = vec![
        (
            "dal-115",
            json!({"goods_value": "5万"}),
            wan(150),
            wan(300),
            true,
        ),
        (
            "dal-115",
            json!({"goods_value": "20万"}),
            wan(300),
            wan(600),
            false,
        ),
        (
            "dal-116",
            json!({"goods_value": "99999.99"}),
            wan(150),
            wan(300),
            true,
        ),
        (
            "dal-116",
            json!({"goods_value": "100000"}),
            wan(150),
            wan(300),
            false,
        ),
        (
            "dal-116",
            json!({"goods_value": "1000000.01"}),
            Fen(1_500_000_015),
            Fen(3_000_000_030),
            false,
        ),
        (
            "dal-117-1",
            json!({"goods_value": "5000", "channel": "retail"}),
            wan(10),
            wan(20),
            true,
        ),
        (
            "dal-117-1",
            json!({"goods_value": "5000", "channel": "wholesale"}),
            wan(100),
            wan(200),
            true,
        ),
        (
            "dal-117-1",
            json!({"goods_value": "5000", "channel": "production"}),
            wan(100),
            wan(200),
            true,
        ),
        (
            "dal-117-1",
            json!({"goods_value": "2万", "channel": "retail"}),
            wan(20),
            wan(40),
            false,
        ),
        ("dal-117-2", json!({}), wan(10), wan(50), false),
        (
            "dal-118",
            json!({"unit_income": "10万"}),
            wan(3),
            wan(30),
            false,
        ),
        (
            "dal-119-fake",
            json!({"goods_value": "1万"}),
            wan(150),
            wan(300),
            true,
        ),
        (
            "dal-119-substandard",
            json!({"goods_value": "1000"}),
            wan(10),
            wan(20),
            true,
        ),
        ("dal-120", json!({"income": "1万"}), wan(5), wan(25), true),
        (
            "dal-120",
            json!({"income": "1万", "serious": true}),
            wan(25),
            wan(75),
            true,
        ),
        (
            "dal-120",
            json!({"income": "10万"}),
            wan(10),
            wan(50),
            false,
        ),
        (
            "dal-122",
            json!({"illegal_income": "20万"}),
            wan(20),
            wan(100),
            false,
        ),
        (
            "dal-122",
            json!({"illegal_income": "3万", "serious": true}),
            wan(50),
            wan(150),
            true,
        ),
        ("dal-123", json!({}), wan(50), wan(500), false),
        (
            "dal-124-1-1",
            json!({"goods_value": "1万"}),
            wan(150),
            wan(300),
            true,
        ),
        (
            "dal-124-1-7",
            json!({"goods_value": "50万"}),
            wan(750),
            wan(1500),
            false,
        ),
        (
            "dal-124-2-sale",
            json!({"goods_value": "1万"}),
            wan(150),
            wan(300),
            true,
        ),
        (
            "dal-124-2-use",
            json!({"goods_value": "1万"}),
            wan(150),
            wan(300),
            true,
        ),
        ("dal-125-1", json!({}), wan(50), wan(500), false),
        ("dal-125-3", json!({}), wan(50), wan(500), false),
        (
            "dal-126",
            json!({"deadline_missed": true}),
            wan(10),
            wan(50),
            false,
        ),
        (
            "dal-126",
            json!({"serious": true}),
            wan(50),
            wan(200),
            false,
        ),
        (
            "dal-127-1",
            json!({"deadline_missed": true}),
            wan(10),
            wan(50),
            false,
        ),
        (
            "dal-127-7",
            json!({"deadline_missed": true}),
            wan(10),
            wan(50),
            false,
        ),
        (
            "dal-129",
            json!({"goods_value": "1万"}),
            wan(10),
            wan(50),
            true,
        ),
        (
            "dal-129",
            json!({"goods_value": "1万", "serious": true}),
            wan(50),
            wan(150),
            true,
        ),
        ("dal-131", json!({}), wan(20), wan(200), false),
        (
            "dal-131",
            json!({"serious": true}),
            wan(200),
            wan(500),
            false,
        ),
        (
            "dal-133",
            json!({"goods_value": "1万"}),
            wan(10),
            wan(25),
            true,
        ),
        (
            "dal-133",
            json!({"goods_value": "1万", "serious": true}),
            wan(25),
            wan(75),
            true,
        ),
        (
            "dal-134-1",
            json!({"deadline_missed": true}),
            wan(10),
            wan(100),
            false,
        ),
        (
            "dal-134-2",
            json!({"deadline_missed": true}),
            wan(5),
            wan(50),
            false,
        ),
        (
            "dal-134-3",
            json!({"deadline_missed": true}),
            wan(5),
            wan(50),
            false,
        ),
        (
            "dal-135-mah",
            json!({"goods_value": "1万"}),
            wan(50),
            wan(100),
            true,
        ),
        ("dal-135-others", json!({}), wan(10), wan(50), false),
        ("dal-138", json!({}), wan(20), wan(100), false),
        ("dal-140", json!({}), wan(5), wan(20), false),
        ("dal-141-1", json!({}), wan(30), wan(300), false),
    ];
    // The numbered items of 124 ¶1, 125 and 127 share their article's numbers.
    let mut cases: Vec<(String, serde_json::Value, Fen, Fen, bool)> = cases
        .into_iter()
        .map(|(id, v, a, b, f)| (id.to_string(), v, a, b, f))
        .collect();
    for i in 1..=7 {
        cases.push((
            format!("dal-124-1-{i}"),
            json!({"goods_value": "20万"}),
            wan(300),
            wan(600),
            false,
        ));
        cases.push((
            format!("dal-127-{i}"),
            json!({"deadline_missed": true}),
            wan(10),
            wan(50),
            false,
        ));
    }
    for i in 1..=3 {
        cases.push((
            format!("dal-125-{i}"),
            json!({"serious": true}),
            wan(50),
            wan(500),
            false,
        ));
    }
    for r in rule_table().rules.iter().filter(|r| r.fine.is_some()) {
        assert!(
            cases.iter().any(|c| c.0 == r.id),
            "{} has no hand-computed case",
            r.id
        );
    }
    for (rule, mut fields, min, max, floor) in cases {
        fields["rule"] = json!(rule);
        let a = run(fields.clone());
        assert_eq!(
            (a.statutory_min, a.statutory_max),
            (Some(min), Some(max)),
            "{fields}"
        );
        assert_eq!(a.floor_applied, floor, "{fields}");
        assert!(
            matches!(a.outcome, Outcome::Fine | Outcome::FineAfterDeadline),
            "{fields}: {:?}",
            a.outcome
        );
    }
}

#[test]
fn bands_split_the_range_in_three_equal_steps_by_default() {
    // 116, 货值 5万 → 150万..300万; thirds of 150万: 150..200, 200..250, 250..300.
    let base = json!({"rule": "dal-116", "goods_value": "5万"});
    let a = run(base.clone());
    assert_eq!(a.band, Some(Band::Ordinary));
    assert_eq!(
        (a.fine_min, a.fine_max, a.fine_suggested),
        (Some(wan(200)), Some(wan(250)), Some(wan(225)))
    );

    let mut c = base.clone();
    c["circumstances"] = json!(["apl32_1"]);
    let a = run(c);
    assert_eq!(a.band, Some(Band::Lighter));
    assert_eq!(
        (a.fine_min, a.fine_max, a.fine_suggested),
        (Some(wan(150)), Some(wan(200)), Some(wan(175)))
    );

    let mut c = base.clone();
    c["circumstances"] = json!(["dal137_2"]);
    let a = run(c);
    assert_eq!(a.band, Some(Band::Heavier));
    assert_eq!(a.fine_suggested, Some(wan(275)));

    // Both: weighed together, the benchmark's conflict band (ordinary).
    let mut c = base.clone();
    c["circumstances"] = json!(["dal137_2", "apl32_3"]);
    assert_eq!(run(c).band, Some(Band::Ordinary));

    // 减轻: below 150万 but not below 10% of it: 15万..149.9999万; midpoint 82.499995万 → 82.5万.
    let mut c = base.clone();
    c["circumstances"] = json!(["apl32_1"]);
    c["mitigation"] = json!("reduced");
    let a = run(c);
    assert_eq!(a.band, Some(Band::Reduced));
    assert_eq!(a.fine_min, Some(wan(15)));
    assert_eq!(a.fine_max, Some(Fen::from_yuan(1_499_999)));
    assert_eq!(a.fine_suggested, Some(Fen::from_yuan(825_000)));
}

#[test]
fn a_loaded_benchmark_changes_the_split_and_rounding() {
    let mut bm: serde_json::Value =
        serde_json::from_str(yaojian::penalty::rules::DEFAULT_BENCHMARK_JSON).unwrap();
    // 1:2:1 → 150..187.5..262.5..300万; ordinary midpoint 225万; heavier 281.25万.
    bm["bands"] = json!([{"id": "lighter", "weight": 1}, {"id": "ordinary", "weight": 2}, {"id": "heavier", "weight": 1}]);
    bm["rounding_fen"] = json!(1_000_000); // whole 万
    bm["id"] = json!("province-x");
    bm["is_default"] = json!(false);
    let a = run(
        json!({"rule": "dal-116", "goods_value": "5万", "circumstances": ["dal137_4"], "benchmark": bm}),
    );
    assert_eq!(
        (a.fine_min, a.fine_max),
        (Some(Fen::from_yuan(2_625_000)), Some(wan(300)))
    );
    assert_eq!(a.fine_suggested, Some(wan(281))); // 281.25万 rounded to whole 万
    assert!(!a.benchmark.is_default);
    assert_eq!(a.benchmark.id, "province-x");
}

#[test]
fn a_bad_benchmark_names_the_path() {
    let mut bm: serde_json::Value =
        serde_json::from_str(yaojian::penalty::rules::DEFAULT_BENCHMARK_JSON).unwrap();
    bm["bands"][1]["weight"] = json!(0);
    bm["no_penalty_list"]["items"][0]["rules"][0] = json!("dal-999");
    let e = assess_json(
        &json!({"rule": "dal-116", "goods_value": "1", "benchmark": bm}).to_string(),
        Lang::ZhCn,
    )
    .unwrap_err();
    let paths: Vec<&str> = e.iter().map(|x| x.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "$.benchmark.bands[1].weight",
            "$.benchmark.no_penalty_list.items[0].rules[0]"
        ]
    );
}

#[test]
fn deadline_rules_warn_first_and_fine_only_after_a_missed_deadline() {
    let a = run(json!({"rule": "dal-127-3"}));
    assert_eq!(a.outcome, Outcome::Warning);
    assert_eq!(a.fine_suggested, None);
    let a = run(json!({"rule": "dal-127-3", "deadline_missed": true}));
    assert_eq!(a.outcome, Outcome::FineAfterDeadline);
    assert_eq!(a.fine_suggested, Some(wan(30)));
    // 132: after a missed deadline the registration certificate is revoked; still no fine.
    let a = run(json!({"rule": "dal-132", "deadline_missed": true}));
    assert_eq!(a.outcome, Outcome::Warning);
    assert!(a
        .sanctions
        .iter()
        .any(|s| s.text.contains("吊销药品注册证书") && s.when == "deadline_missed"));
    assert!(!run(json!({"rule": "dal-132"}))
        .sanctions
        .iter()
        .any(|s| s.when == "deadline_missed"));
    // 134 ¶1: 责令停产停业整顿 comes with the fine after the deadline.
    let a = run(json!({"rule": "dal-134-1", "deadline_missed": true}));
    assert!(a.sanctions.iter().any(|s| s.text == "责令停产停业整顿"));
}

#[test]
fn warning_only_rules_never_fine() {
    for id in ["dal-128", "dal-130"] {
        let a = run(json!({"rule": id, "serious": true}));
        assert_eq!(a.outcome, Outcome::Warning);
        assert_eq!(a.statutory_max, None);
        assert!(
            a.sanctions
                .iter()
                .any(|s| s.when == "serious" && s.kind == "revocation"),
            "{id}"
        );
    }
    assert_eq!(
        run(json!({"rule": "dal-141-2"})).outcome,
        Outcome::SanctionsOnly
    );
}

#[test]
fn inputs_a_rule_needs_are_required_by_name() {
    let e = assess_json(&json!({"rule": "dal-116"}).to_string(), Lang::ZhCn).unwrap_err();
    assert_eq!(
        (e[0].path.as_str(), e[0].code.as_str()),
        ("$.goods_value", "required")
    );
    let e = assess_json(
        &json!({"rule": "dal-117-1", "goods_value": "1"}).to_string(),
        Lang::ZhCn,
    )
    .unwrap_err();
    assert_eq!(e[0].path, "$.channel");
    let e = assess_json(
        &json!({"rule": "dal-116", "goods_value": "-1", "serious": "yes", "colour": 1}).to_string(),
        Lang::En,
    )
    .unwrap_err();
    let paths: Vec<&str> = e.iter().map(|x| x.path.as_str()).collect();
    // In the order of the document's fields.
    assert_eq!(paths, ["$.goods_value", "$.serious", "$.colour"]);
    assert_eq!(e[0].message(Lang::En), "The amount cannot be negative");
    let e = assess_json(&json!({"rule": "dal-999"}).to_string(), Lang::ZhCn).unwrap_err();
    assert_eq!(e[0].code, "penalty.unknown_rule");
    let e = assess_json(
        &json!({"rule": "dal-116", "goods_value": "1", "circumstances": ["x"]}).to_string(),
        Lang::ZhCn,
    )
    .unwrap_err();
    assert_eq!(e[0].path, "$.circumstances[0]");
    assert_eq!(
        assess_json("[1,2]", Lang::ZhCn).unwrap_err()[0].code,
        "case.not_object"
    );
    assert_eq!(
        assess_json("{", Lang::ZhCn).unwrap_err()[0].code,
        "json.syntax"
    );
}

#[test]
fn individual_liability_is_its_own_computation() {
    // 116 → 118: 所获收入 20万 × 30%..300% = 6万..60万, ordinary third 24万..42万 → 33万.
    let a = run(json!({"rule": "dal-116", "goods_value": "1万", "unit_income": "20万"}));
    let ind = a.individual.expect("118 applies to 假药");
    assert_eq!(
        (ind.statutory_min, ind.statutory_max),
        (Some(wan(6)), Some(wan(60)))
    );
    assert_eq!(ind.fine_suggested, Some(wan(33)));
    assert_eq!(ind.citation.article, 118);
    // Without 所获收入 the widget is told what to ask for.
    let a = run(json!({"rule": "dal-116", "goods_value": "1万"}));
    assert_eq!(a.individual.unwrap().missing, Some("unit_income"));
    // 劣药: 118 only when serious.
    let a = run(json!({"rule": "dal-117-1", "goods_value": "1万", "channel": "retail"}));
    assert!(a.individual.is_none());
    let a = run(
        json!({"rule": "dal-117-1", "goods_value": "1万", "channel": "retail", "serious": true, "unit_income": "1万"}),
    );
    assert_eq!(a.individual.unwrap().statutory_max, Some(wan(3)));
    // 122 serious: 二万元以上二十万元以下.
    let a = run(json!({"rule": "dal-122", "illegal_income": "1万", "serious": true}));
    assert_eq!(a.individual.unwrap().statutory_min, Some(wan(2)));
    // 138: 五万元以下 for the person in charge, always.
    let ind = run(json!({"rule": "dal-138"})).individual.unwrap();
    assert_eq!(
        (ind.statutory_min, ind.statutory_max),
        (Some(Fen::ZERO), Some(wan(5)))
    );
}

#[test]
fn limitation_is_two_years_or_five_with_harm_to_life_and_health() {
    let c =
        json!({"rule": "dal-140", "violation_date": "2023-01-01", "discovery_date": "2025-01-02"});
    let a = run(c.clone());
    assert_eq!(a.outcome, Outcome::TimeBarred);
    assert_eq!(a.limitation.until.as_deref(), Some("2025-01-01"));
    assert_eq!(a.fine_suggested, None);
    let mut c2 = c.clone();
    c2["discovery_date"] = json!("2025-01-01");
    assert_eq!(run(c2).outcome, Outcome::Fine);
    let mut c3 = c.clone();
    c3["circumstances"] = json!(["life_health_harm"]);
    let a = run(c3);
    assert_eq!((a.outcome, a.limitation.years), (Outcome::Fine, 5));
    // A continuing act counts from its end.
    let a = run(
        json!({"rule": "dal-140", "violation_date": "2020-01-01", "violation_end_date": "2024-06-01", "discovery_date": "2025-01-01"}),
    );
    assert_eq!(a.outcome, Outcome::Fine);
    assert_eq!(a.limitation.from.as_deref(), Some("2024-06-01"));
    let e = assess_json(&json!({"rule": "dal-140", "violation_date": "2024-06-01", "violation_end_date": "2024-01-01"}).to_string(), Lang::ZhCn).unwrap_err();
    assert_eq!(e[0].path, "$.violation_end_date");
    assert!(!run(json!({"rule": "dal-140"})).limitation.checked);
}

#[test]
fn no_penalty_paths_cite_their_basis() {
    let a = run(json!({"rule": "dal-140", "circumstances": ["minor", "corrected", "no_harm"]}));
    assert_eq!(a.outcome, Outcome::NoPenalty);
    assert!(a.steps.iter().any(|s| s
        .citation
        .as_ref()
        .is_some_and(|c| c.article == 33 && c.paragraph == Some(3))));
    // Two of three conditions are not enough.
    assert_eq!(
        run(json!({"rule": "dal-140", "circumstances": ["minor", "corrected"]})).outcome,
        Outcome::Fine
    );
    // The sample list: 127(三) first violation.
    let a = run(
        json!({"rule": "dal-127-3", "deadline_missed": true, "circumstances": ["first_offence", "minor_harm", "corrected"]}),
    );
    assert_eq!(a.outcome, Outcome::NoPenalty);
    assert!(a
        .steps
        .iter()
        .any(|s| s.kind == "no_penalty_list" && s.text.contains("首违不罚")));
    // The same facts on a rule the list does not cover: 可以不予, the fine is still computed.
    let a = run(
        json!({"rule": "dal-140", "circumstances": ["first_offence", "minor_harm", "corrected"]}),
    );
    assert_eq!(a.outcome, Outcome::Fine);
    assert!(a.may_exempt);
    for id in ["apl30_child", "apl31_incapable", "apl33_no_fault"] {
        assert_eq!(
            run(json!({"rule": "dal-116", "goods_value": "1", "circumstances": [id]})).outcome,
            Outcome::NoPenalty,
            "{id}"
        );
    }
    // 124 ¶3 only mitigates 124(1)(1).
    assert!(
        run(json!({"rule": "dal-124-1-1", "goods_value": "1", "circumstances": ["dal124_3"]}))
            .may_exempt
    );
    let a = run(json!({"rule": "dal-124-1-2", "goods_value": "1", "circumstances": ["dal124_3"]}));
    assert!(!a.may_exempt);
    assert_eq!(a.band, Some(Band::Ordinary));
}

#[test]
fn several_norms_take_the_highest_fine() {
    let a = run(json!({"rule": "dal-140", "also_rules": ["dal-141-1"]}));
    assert_eq!(a.rule.id, "dal-141-1");
    assert!(a
        .steps
        .iter()
        .any(|s| s.kind == "several_norms" && s.citation.as_ref().unwrap().article == 29));
}

#[test]
fn hearing_and_payment() {
    let a = run(json!({"rule": "dal-140"})); // 5万..20万, ordinary 10万..15万 → 12.5万 ≥ 10万
    assert!(a.hearing.as_ref().unwrap().required);
    let p = a.payment.unwrap();
    assert_eq!(
        (p.due_within_days, p.late_fee_per_day),
        (15, Fen::from_yuan(3_750))
    );
    let a = run(json!({"rule": "dal-140", "circumstances": ["apl32_1"], "mitigation": "reduced"})); // < 5万
    assert!(!a.hearing.unwrap().required);
    assert_eq!(late_fee(Fen::from_yuan(10_000), 10), Fen::from_yuan(3_000));
    assert_eq!(late_fee(Fen::from_yuan(10_000), 40), Fen::from_yuan(10_000));
    // A licence revocation needs a hearing whatever the amount.
    let a = run(json!({"rule": "dal-128", "serious": true}));
    assert!(a.hearing.unwrap().required);
}

#[test]
fn every_rule_assesses_in_every_combination_with_cited_steps() {
    for r in &rule_table().rules {
        for serious in [false, true] {
            for missed in [false, true] {
                let c = json!({"rule": r.id, "goods_value": "1", "illegal_income": "1", "income": "1", "unit_income": "1",
                    "channel": "retail", "serious": serious, "deadline_missed": missed});
                for lang in Lang::ALL {
                    let a =
                        assess_json(&c.to_string(), lang).unwrap_or_else(|e| panic!("{c}: {e:?}"));
                    assert!(!a.steps.is_empty());
                    assert_eq!(a.steps[0].citation.as_ref().unwrap().article, r.article);
                    for s in &a.steps {
                        assert!(
                            s.citation.is_some() || s.kind == "suggested",
                            "{} step {} uncited",
                            r.id,
                            s.kind
                        );
                        assert!(!s.text.contains('{'), "unfilled placeholder: {}", s.text);
                    }
                }
            }
        }
    }
}
