//! The incremental evaluation of a form being filled in (`form::live`): after any
//! sequence of edits it equals a fresh `evaluate` and a fresh `validate` of the
//! submittable answers, and one answer re-evaluates only what depends on it.

use proptest::prelude::*;
use serde_json::{json, Map, Value};
use yaojian::date::Date;
use yaojian::form::answers::{question_of_path, submittable};
use yaojian::form::live::{Live, BLOCK};
use yaojian::form::{evaluate, validate, Answers, FindingAnswer, Findings, Template};
use yaojian::FieldError;

#[path = "common/rng.rs"]
mod rng;
use rng::Rng;

const KINDS: &[&str] = &[
    "yes_no",
    "yes_no",
    "single_choice",
    "multiple_choice",
    "text",
    "number",
    "date",
    "group",
    "attestation",
];

/// A condition on earlier questions `earlier` (id, kind).
fn condition(rng: &mut Rng, earlier: &[(String, String)], depth: usize) -> Value {
    let (id, kind) = rng.pick(earlier).clone();
    let leaf = match (kind.as_str(), rng.below(3)) {
        ("yes_no", 0 | 1) => json!({ "equals": [id, rng.chance(50)] }),
        ("single_choice" | "multiple_choice", 0) => json!({ "equals": [id, "a"] }),
        ("single_choice" | "multiple_choice", 1) => json!({ "one_of": [id, ["b", "c"]] }),
        _ => json!({ "answered": id }),
    };
    if depth == 0 {
        return leaf;
    }
    match rng.below(5) {
        0 => json!({ "not": condition(rng, earlier, depth - 1) }),
        1 => json!({ "and": [leaf, condition(rng, earlier, depth - 1)] }),
        2 => json!({ "or": [leaf, condition(rng, earlier, depth - 1)] }),
        _ => leaf,
    }
}

fn options() -> Value {
    json!([{ "value": "a", "label": "甲" }, { "value": "b", "label": "乙" }, { "value": "c", "label": "丙" }])
}

fn random_template(rng: &mut Rng) -> Template {
    let mut earlier: Vec<(String, String)> = Vec::new();
    let mut sections = Vec::new();
    for si in 0..1 + rng.below(3) {
        let mut section = json!({ "id": format!("s{si}"), "title": format!("第{si}部分") });
        if !earlier.is_empty() && rng.chance(30) {
            section["visible_if"] = condition(rng, &earlier, 1);
        }
        let mut questions = Vec::new();
        for qi in 0..1 + rng.below(6) {
            let id = format!("q{si}_{qi}");
            let kind = *rng.pick(KINDS);
            let mut q = json!({ "id": id, "kind": kind, "label": format!("问题{si}-{qi}") });
            q["required"] = json!(rng.chance(50));
            if !earlier.is_empty() && rng.chance(40) {
                q["visible_if"] = condition(rng, &earlier, 2);
            }
            if !earlier.is_empty() && rng.chance(20) && kind != "attestation" {
                q["required_if"] = condition(rng, &earlier, 1);
            }
            match kind {
                "single_choice" | "multiple_choice" => q["options"] = options(),
                "text" => q["min_length"] = json!(2),
                "number" => {
                    q["min"] = json!(0);
                    q["max"] = json!(10);
                }
                "date" => q["max"] = json!("today"),
                "attestation" => q["statement"] = json!("本人承诺所填内容真实。"),
                "group" => {
                    let mut detail = json!({ "id": format!("{id}_detail"), "kind": "text", "label": "说明",
                        "visible_if": { "equals": [format!("{id}_flag"), true] }, "required": true });
                    if !earlier.is_empty() && rng.chance(50) {
                        detail["required_if"] = condition(rng, &earlier, 0);
                        detail["required"] = json!(false);
                    }
                    let mut columns = vec![
                        json!({ "id": format!("{id}_name"), "kind": "text", "label": "姓名", "required": true }),
                        json!({ "id": format!("{id}_flag"), "kind": "yes_no", "label": "是否" }),
                        detail,
                    ];
                    // A column shown by an outer answer: the group depends on it.
                    if !earlier.is_empty() {
                        columns.push(
                            json!({ "id": format!("{id}_extra"), "kind": "text", "label": "补充",
                            "required": true, "visible_if": condition(rng, &earlier, 1) }),
                        );
                    }
                    q["questions"] = json!(columns);
                }
                _ => {}
            }
            if kind == "yes_no" && rng.chance(50) {
                q["finding"] = json!({ "when": { "equals": [id, true] }, "severity": *rng.pick(&["low", "medium", "high"]), "title": "发现的问题" });
            }
            questions.push(q);
            earlier.push((id, kind.to_string()));
        }
        section["questions"] = json!(questions);
        sections.push(section);
    }
    let t = json!({ "schema": "yaojian/form/1", "id": "live-test", "version": "1", "title": "增量测试", "sections": sections });
    Template::from_value(t.clone())
        .unwrap_or_else(|e| panic!("generated template rejected: {e:?}\n{t:#}"))
}

/// A value for a question of `kind`: usually a fitting one, sometimes wrong or empty.
fn random_value(rng: &mut Rng, kind: &str, id: &str) -> Value {
    if rng.chance(10) {
        return Value::Null;
    }
    if rng.chance(8) {
        return rng
            .pick(&[json!("乱写"), json!(42), json!([]), json!({}), json!(true)])
            .clone();
    }
    match kind {
        "yes_no" => json!(rng.chance(50)),
        "single_choice" => json!(*rng.pick(&["a", "b", "c", "z"])),
        "multiple_choice" => {
            let all = ["a", "b", "c"];
            Value::Array(
                all.iter()
                    .filter(|_| rng.chance(40))
                    .map(|s| json!(s))
                    .collect(),
            )
        }
        "text" => json!(*rng.pick(&["好", "两个字", "一段说明文字", "  "])),
        "number" => json!(*rng.pick(&[-1, 0, 5, 11])),
        "date" => json!(*rng.pick(&["2026-11-01", "2026-11-22", "2027-01-01", "2026-02-30"])),
        "attestation" => {
            json!({ "agreed": rng.chance(60), "name": *rng.pick(&["张三", ""]), "date": *rng.pick(&["2026-11-20", "2027-01-01"]) })
        }
        "group" => Value::Array(
            (0..rng.below(3))
                .map(|_| {
                    let mut row = Map::new();
                    if rng.chance(70) {
                        row.insert(format!("{id}_name"), json!("李四"));
                    }
                    if rng.chance(60) {
                        row.insert(format!("{id}_flag"), json!(rng.chance(50)));
                    }
                    if rng.chance(50) {
                        row.insert(format!("{id}_detail"), json!("有说明"));
                    }
                    Value::Object(row)
                })
                .collect(),
        ),
        _ => Value::Null,
    }
}

fn today() -> Date {
    yaojian::date::parse_date("2026-11-22").unwrap()
}

/// What `validate` says of the submittable answers, in the order `Live` keeps.
fn expected_errors(t: &Template, answers: &Answers, findings: &Findings) -> Vec<FieldError> {
    let (a, f) = submittable(t, answers, findings);
    let mut errs = validate(t, &a, &f, today());
    errs.sort_by_key(|e| {
        let q = question_of_path(&e.path).and_then(|q| t.position(q));
        (q, e.path.starts_with("$.findings."))
    });
    errs
}

fn check(t: &Template, live: &Live, answers: &Answers, findings: &Findings, step: &str) {
    assert_eq!(
        live.evaluation(),
        &evaluate(t, answers),
        "evaluation after {step}"
    );
    let got: Vec<FieldError> = live.errors().cloned().collect();
    assert_eq!(
        got,
        expected_errors(t, answers, findings),
        "errors after {step}"
    );
    for (si, _) in t.sections.iter().enumerate() {
        let n = live.section_errors(t, si).count();
        assert_eq!(
            live.section_has_errors(si),
            n > 0,
            "section {si} after {step}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn live_equals_a_fresh_evaluation_after_any_edits(seed in any::<u64>()) {
        let mut rng = Rng(seed);
        let t = random_template(&mut rng);
        let ids: Vec<(String, String)> = t
            .questions()
            // `form.kind.yes_no` → `yes_no`
            .map(|q| (q.id.clone(), q.kind.key().rsplit('.').next().unwrap_or_default().to_string()))
            .collect();
        let mut answers = Answers::new();
        let mut findings = Findings::new();
        // Start from some answers already given (a restored draft).
        for (id, kind) in &ids {
            if rng.chance(30) {
                answers.insert(id.clone(), random_value(&mut rng, kind, id));
            }
        }
        let mut live = Live::new(&t, &answers, &findings, today());
        check(&t, &live, &answers, &findings, "start");
        for step in 0..25 {
            let (id, kind) = rng.pick(&ids).clone();
            if rng.chance(25) {
                let f: &mut FindingAnswer = findings.entry(id.clone()).or_default();
                match rng.below(3) {
                    0 => f.explanation = rng.pick(&["", "已说明"]).to_string(),
                    1 => f.measure = rng.pick(&["", "已整改"]).to_string(),
                    _ => f.deadline = rng.pick(&["", "2026-12-31", "2026-01-01", "明天"]).to_string(),
                }
                live.finding_changed(&t, &answers, &findings, &id);
                check(&t, &live, &answers, &findings, &format!("step {step}: finding of {id}"));
                continue;
            }
            let v = random_value(&mut rng, &kind, &id);
            if v.is_null() {
                answers.remove(&id);
            } else {
                answers.insert(id.clone(), v.clone());
            }
            let before: Vec<u32> = ids.iter().map(|(q, _)| live.version(&t, q)).collect();
            let touched = live.changed(&t, &answers, &findings, &id);
            check(&t, &live, &answers, &findings, &format!("step {step}: {id} = {v}"));
            // The changed question is always redrawn; a version moves exactly when the
            // question is reported as touched.
            prop_assert!(touched.contains(&id));
            for ((q, _), old) in ids.iter().zip(before) {
                prop_assert_eq!(live.version(&t, q) != old, touched.contains(q), "version of {}", q);
            }
        }
    }
}

/// The benchmark's template: `groups` × (yes/no, explanation shown after "yes", note).
fn bench_template(groups: usize) -> Template {
    let questions: Vec<Value> = (0..groups)
        .flat_map(|i| {
            [
                json!({ "id": format!("q{i}"), "kind": "yes_no", "label": "是否存在问题", "required": true }),
                json!({ "id": format!("q{i}_why"), "kind": "long_text", "label": "情况说明", "required": true,
                        "visible_if": { "equals": [format!("q{i}"), true] } }),
                json!({ "id": format!("q{i}_note"), "kind": "text", "label": "备注" }),
            ]
        })
        .collect();
    Template::from_value(
        json!({ "schema": "yaojian/form/1", "id": "bench", "version": "1", "title": "基准",
        "sections": [{ "id": "all", "title": "全部", "questions": questions }] }),
    )
    .unwrap()
}

#[test]
fn one_answer_re_evaluates_what_depends_on_it_whatever_the_size() {
    for groups in [50, 500] {
        let t = bench_template(groups);
        let mut answers = Answers::new();
        let findings = Findings::new();
        let mut live = Live::new(&t, &answers, &findings, today());
        let required_before = live.evaluation().progress.required;
        let block_before = live.block_version(0, 1);

        answers.insert("q20".into(), json!(true));
        let touched = live.changed(&t, &answers, &findings, "q20");
        assert_eq!(touched, ["q20", "q20_why"], "{groups} groups");
        assert_eq!(
            live.recomputed(),
            2,
            "{groups} groups: the question and its dependant"
        );
        assert!(live.evaluation().visible("q20_why"));
        assert_eq!(live.evaluation().progress.required, required_before + 1);
        assert_eq!(live.errors_of(&t, "q20_why")[0].code, "form.required");
        // q20 (index 60) and q20_why lie in the second block; the first does not move.
        assert_eq!(60 / BLOCK, 1);
        assert_ne!(live.block_version(0, 1), block_before);
        assert_eq!(live.block_version(0, 0), 0);

        answers.insert("q20".into(), json!(false));
        live.changed(&t, &answers, &findings, "q20");
        assert!(!live.evaluation().visible("q20_why"));
        assert!(live.errors_of(&t, "q20_why").is_empty());
        assert_eq!(live.evaluation().progress.required, required_before);
        assert_eq!(live.evaluation(), &evaluate(&t, &answers));
    }
}

#[test]
fn a_hidden_section_hides_its_questions_and_their_findings() {
    let t = Template::from_value(json!({
        "schema": "yaojian/form/1", "id": "s", "version": "1", "title": "分节",
        "sections": [
            { "id": "a", "title": "甲", "questions": [{ "id": "sells", "kind": "yes_no", "label": "是否销售", "required": true }] },
            { "id": "b", "title": "乙", "visible_if": { "equals": ["sells", true] }, "questions": [
                { "id": "target", "kind": "yes_no", "label": "是否下达销售指标", "required": true,
                  "finding": { "when": { "equals": ["target", true] }, "severity": "high", "title": "下达销售指标" } },
                { "id": "why", "kind": "text", "label": "说明", "visible_if": { "equals": ["target", true] }, "required": true }
            ] }
        ]
    }))
    .unwrap();
    let mut answers = Answers::new();
    let findings = Findings::new();
    let mut live = Live::new(&t, &answers, &findings, today());
    answers.insert("target".into(), json!(true));
    live.changed(&t, &answers, &findings, "target");
    assert!(live.evaluation().raised.is_empty(), "section b is hidden");
    answers.insert("sells".into(), json!(true));
    let touched = live.changed(&t, &answers, &findings, "sells");
    assert_eq!(touched, ["sells", "target", "why"]);
    assert_eq!(live.evaluation().raised.len(), 1);
    let codes: Vec<&str> = live
        .section_errors(&t, 1)
        .map(|e| e.code.as_str())
        .collect();
    assert_eq!(
        codes,
        [
            "form.finding_explanation",
            "form.finding_measure",
            "form.finding_deadline",
            "form.required"
        ]
    );
    assert_eq!(live.evaluation(), &evaluate(&t, &answers));
}

#[test]
fn a_group_column_condition_on_an_outer_answer_is_followed() {
    let t = Template::from_value(json!({
        "schema": "yaojian/form/1", "id": "g", "version": "1", "title": "表格",
        "sections": [{ "id": "a", "title": "甲", "questions": [
            { "id": "online", "kind": "yes_no", "label": "是否线上推广" },
            { "id": "reps", "kind": "group", "label": "医药代表", "questions": [
                { "id": "name", "kind": "text", "label": "姓名", "required": true },
                { "id": "url", "kind": "text", "label": "推广网址", "required_if": { "equals": ["online", true] } }
            ] }
        ] }]
    }))
    .unwrap();
    let mut answers = Answers::new();
    answers.insert("reps".into(), json!([{ "name": "王五" }]));
    let findings = Findings::new();
    let mut live = Live::new(&t, &answers, &findings, today());
    assert!(live.errors_of(&t, "reps").is_empty());
    answers.insert("online".into(), json!(true));
    let touched = live.changed(&t, &answers, &findings, "online");
    assert_eq!(touched, ["online", "reps"]);
    assert_eq!(live.errors_of(&t, "reps")[0].path, "$.answers.reps[0].url");
}
