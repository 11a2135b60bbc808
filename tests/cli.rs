//! The command-line contract: JSON out, non-zero exit and a JSON error naming the field.
#![cfg(feature = "cli")]
use std::process::Command;

fn yaojian(args: &[&str]) -> (i32, serde_json::Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_yaojian"))
        .args(args)
        .output()
        .expect("run yaojian");
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let json = serde_json::from_str(&stdout).unwrap_or(serde_json::Value::Null);
    (out.status.code().unwrap_or(-1), json, stdout)
}

#[test]
fn help_lists_the_subcommands() {
    let (code, _, out) = yaojian(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("money") && out.contains("id"), "{out}");
}

#[test]
fn money_prints_fen_and_both_formats() {
    let (code, v, _) = yaojian(&["money", "150万元"]);
    assert_eq!(code, 0);
    assert_eq!(v["fen"], 150_000_000);
    assert_eq!(v["display"], "¥1,500,000.00");
    assert_eq!(v["cn"], "150万元");
}

#[test]
fn a_bad_amount_exits_non_zero_naming_the_field() {
    let (code, v, _) = yaojian(&["--lang", "en", "money", "1.234"]);
    assert_eq!(code, 1);
    assert_eq!(v["errors"][0]["path"], "$.amount");
    assert_eq!(v["errors"][0]["code"], "money.too_many_decimals");
    assert!(v["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("two decimal"));
}

#[test]
fn identifiers() {
    assert_eq!(yaojian(&["id", "uscc", "91350100M000100Y43"]).0, 0);
    let (code, v, _) = yaojian(&["id", "resident-id", "110105194912310021"]);
    assert_eq!(code, 1);
    assert_eq!(v["errors"][0]["code"], "resident_id.checksum");
}

/// Runs the CLI with `stdin` as its input. A command that rejects its arguments exits
/// without reading stdin; the broken pipe that causes is not the test's failure.
fn run_with_stdin(args: &[&str], stdin: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_yaojian"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run yaojian");
    let written = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    if let Err(e) = written {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().unwrap()
}

fn yaojian_stdin(args: &[&str], stdin: &str) -> (i32, serde_json::Value) {
    let out = run_with_stdin(args, stdin);
    (
        out.status.code().unwrap_or(-1),
        serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null),
    )
}

#[test]
fn penalty_rules_lists_every_rule_with_its_article() {
    let (code, v, _) = yaojian(&["penalty", "rules"]);
    assert_eq!(code, 0);
    let rules = v.as_array().unwrap();
    assert_eq!(rules.len(), 45);
    let r = rules.iter().find(|r| r["id"] == "dal-127-3").unwrap();
    assert_eq!(
        (
            r["article"].as_u64(),
            r["paragraph"].as_u64(),
            r["item"].as_u64()
        ),
        (Some(127), Some(1), Some(3))
    );
    assert_eq!(r["title"], "未按照规定建立并实施药品追溯制度");
}

#[test]
fn penalty_circumstances_lists_ids() {
    let (code, v, _) = yaojian(&["penalty", "circumstances"]);
    assert_eq!(code, 0);
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == "dal137_4" && c["group"] == "aggravating"));
}

#[test]
fn penalty_assess_reads_a_case_and_prints_amount_strings() {
    let case = r#"{"rule": "dal-116", "goods_value": "50000", "circumstances": ["apl32_1"],
                   "violation_date": "2025-01-01", "discovery_date": "2025-06-01"}"#;
    let (code, v) = yaojian_stdin(&["penalty", "assess"], case);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["outcome"], "fine");
    assert_eq!(v["statutory_min"], "1500000.00");
    assert_eq!(v["statutory_max"], "3000000.00");
    assert_eq!(v["band"], "lighter");
    assert_eq!(v["fine_min"], "1500000.00");
    assert_eq!(v["fine_max"], "2000000.00");
    assert_eq!(v["fine_suggested"], "1750000.00");
    assert!(v["sanctions"].as_array().unwrap().len() >= 3);
    assert!(v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["text"].is_string()));
}

#[test]
fn penalty_assess_with_a_bad_case_exits_non_zero_naming_the_field() {
    let (code, v) = yaojian_stdin(
        &["penalty", "assess"],
        r#"{"rule": "dal-116", "goods_value": "1.234"}"#,
    );
    assert_eq!(code, 1);
    assert_eq!(v["errors"][0]["path"], "$.goods_value");
    let (code, v) = yaojian_stdin(
        &["--lang", "en", "penalty", "assess"],
        r#"{"rule": "dal-117-1", "goods_value": "1"}"#,
    );
    assert_eq!(code, 1);
    assert_eq!(v["errors"][0]["path"], "$.channel");
    let (code, v) = yaojian_stdin(&["penalty", "assess"], "not json");
    assert_eq!(code, 1);
    assert_eq!(v["errors"][0]["code"], "json.syntax");
}

#[test]
fn penalty_assess_accepts_a_bureau_benchmark_in_the_case() {
    let (_, bm, _) = yaojian(&["penalty", "benchmark"]);
    let mut bm = bm;
    bm["rounding_fen"] = serde_json::json!(1_000_000);
    let case = serde_json::json!({"rule": "dal-120", "income": "1万", "benchmark": bm});
    let (code, v) = yaojian_stdin(&["penalty", "assess"], &case.to_string());
    assert_eq!(code, 0, "{v}");
    // 5万..25万, ordinary 11.666667万..18.333333万, midpoint 15万 → whole 万: 15万.
    assert_eq!(v["fine_suggested"], "150000.00");
}

#[test]
fn requirements_check_reads_answers_and_prints_the_result() {
    let (code, v, _) = yaojian(&["requirements", "templates"]);
    assert_eq!(code, 0);
    assert_eq!(v.as_array().unwrap().len(), 4);
    let (code, v) = yaojian_stdin(
        &[
            "requirements",
            "check",
            "--template",
            "no-penalty-eligibility",
        ],
        r#"{"answers": {"q_route": "minor"}, "have": ["r_minor"]}"#,
    );
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["summary"]["met"], 1);
    assert_eq!(v["summary"]["missing"], 2);
    // A template file works the same way.
    let (_, t, _) = yaojian(&["requirements", "show", "drug-trading-licence"]);
    let path = std::env::temp_dir().join("yaojian-cli-template.json");
    std::fs::write(&path, t.to_string()).unwrap();
    let (code, v) = yaojian_stdin(
        &[
            "requirements",
            "check",
            "--template",
            path.to_str().unwrap(),
        ],
        "{}",
    );
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["template"], "drug-trading-licence");
    let (code, v) = yaojian_stdin(
        &[
            "requirements",
            "check",
            "--template",
            "no-penalty-eligibility",
        ],
        r#"{"have": ["x"]}"#,
    );
    assert_eq!(code, 1);
    assert_eq!(v["errors"][0]["path"], "$.have[0]");
}

#[test]
fn requirements_use_a_loaded_benchmarks_no_penalty_list() {
    let (_, mut bm, _) = yaojian(&["penalty", "benchmark"]);
    bm["id"] = serde_json::json!("province-x");
    bm["no_penalty_list"]["items"] = serde_json::json!([{
        "id": "np-130", "name": "购销药品未按照规定进行记录", "rules": ["dal-130"], "kind": "minor",
        "basis": "《中华人民共和国药品管理法》第一百三十条", "conditions": ["minor", "corrected", "no_harm"]
    }]);
    let path = std::env::temp_dir().join("yaojian-cli-benchmark.json");
    std::fs::write(&path, bm.to_string()).unwrap();
    let (code, v) = yaojian_stdin(
        &[
            "requirements",
            "check",
            "--template",
            "no-penalty-eligibility",
            "--benchmark",
            path.to_str().unwrap(),
        ],
        r#"{"answers": {"q_route": "listed", "q_item": "np-130"}}"#,
    );
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["version"], "province-x");
    assert_eq!(v["summary"]["missing"], 4);
    assert!(v["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["status"] == "missing"
            && i["title"]
                .as_str()
                .unwrap()
                .contains("购销药品未按照规定进行记录")));
}

#[test]
fn checklist_report_and_csv() {
    let item = serde_json::json!({
        "id": "A", "list": "rectification", "source": "inspection", "problem": "冷库温度记录不全",
        "provision": "药品经营质量管理规范", "legal_basis": "药品管理法第一百二十六条", "rule": "dal-126",
        "measures": ["补全记录"], "unit": "某医药公司", "person": "张三", "mode": "deadline",
        "deadline": "2026-12-01", "status": "in_progress"
    });
    let list = serde_json::json!({"schema": "yaojian/checklist/1", "items": [item]}).to_string();
    let (code, v) = yaojian_stdin(&["checklist", "report", "--today", "2026-12-05"], &list);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["counts"]["overdue"], 1);
    assert_eq!(v["open_case"][0]["rule"], "dal-126");
    let (code, v) = yaojian_stdin(&["checklist", "report", "--today", "2026-13-01"], &list);
    assert_eq!(
        (code, v["errors"][0]["path"].as_str()),
        (1, Some("$.today"))
    );
    let out = run_with_stdin(&["checklist", "csv", "--today", "2026-11-22"], &list);
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with("\u{feff}编号,"), "{csv}");
    assert!(csv.contains("A,整改销号清单,监督检查,冷库温度记录不全"));
}

/// A valid submission to the built-in personal template, made by the engine the widget uses.
fn personal_submission() -> serde_json::Value {
    let t = yaojian::form::built_in("representative-personal").unwrap();
    let a = serde_json::json!({
        "name": "张三", "id_number": "11010519491231002X", "phone": "13800138000",
        "mah_name": "示例药业", "mah_uscc": "91350100M000100Y43",
        "filed": true, "filing_date": "2025-03-01", "contract": "authorisation",
        "b_unfiled": false, "b_no_consent": false, "b_sales": false, "b_prescriptions": true,
        "b_funding": false, "b_misleading": false, "b_kickbacks": false, "activity_count": 0,
        "attestation": {"agreed": true, "name": "张三", "date": "2026-11-22"}
    });
    let f = serde_json::json!({"b_prescriptions": {"explanation": "统计过一次", "measure": "停止并培训", "deadline": "2026-12-31"}});
    let f = yaojian::form::answers::read_findings(&f, "$").unwrap();
    let s = yaojian::form::submit(
        &t,
        a.as_object().unwrap(),
        &f,
        None,
        Some("2026-11-22T09:00:00+08:00"),
        1_795_312_800_000,
        yaojian::Lang::ZhCn,
    )
    .unwrap();
    serde_json::to_value(s).unwrap()
}

#[test]
fn form_validate_accepts_a_good_submission_and_lists_errors_for_a_bad_one() {
    let good = personal_submission();
    let (code, v) = yaojian_stdin(
        &["form", "validate", "--template", "representative-personal"],
        &good.to_string(),
    );
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["valid"], true);
    assert_eq!(v["reference"], good["reference"]);
    // The template can be a file too.
    let (code, _) = yaojian_stdin(
        &[
            "form",
            "validate",
            "--template",
            "data/forms/representative-personal.json",
        ],
        &good.to_string(),
    );
    assert_eq!(code, 0);
    let mut bad = good.clone();
    bad["answers"]["unknown_q"] = serde_json::json!(true);
    bad["answers"]["phone"] = serde_json::json!("12345");
    bad["findings"]["b_prescriptions"]["measure"] = serde_json::json!("");
    let (code, v) = yaojian_stdin(
        &[
            "--lang",
            "en",
            "form",
            "validate",
            "--template",
            "representative-personal",
        ],
        &bad.to_string(),
    );
    assert_eq!(code, 1);
    let list = v.as_array().expect("a bare JSON list of errors");
    let got: Vec<(&str, &str)> = list
        .iter()
        .map(|e| (e["path"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            ("$.answers.unknown_q", "form.unknown_question"),
            ("$.answers.phone", "form.phone"),
            ("$.findings.b_prescriptions.measure", "form.finding_measure"),
        ]
    );
    assert_eq!(list[2]["message"], "Describe the rectification measure");
    let (code, v) = yaojian_stdin(
        &[
            "form",
            "validate",
            "--template",
            "mah-representative-management",
        ],
        &good.to_string(),
    );
    assert_eq!(code, 1);
    assert_eq!(v[0]["code"], "form.template_mismatch");
}

/// Issue 14.6: a submission could bring its own "today", its own finding labels, a key
/// twice, and a reference anyone can recompute.
#[test]
fn forged_submissions_fail_form_validate() {
    let good = personal_submission();
    let validate = |v: &serde_json::Value, extra: &[&str]| {
        let mut args = vec!["form", "validate", "--template", "representative-personal"];
        args.extend_from_slice(extra);
        yaojian_stdin(&args, &v.to_string())
    };
    let first_code = |v: &serde_json::Value| {
        (
            v[0]["path"].as_str().unwrap_or("").to_string(),
            v[0]["code"].as_str().unwrap_or("").to_string(),
        )
    };
    // "Today" is the validator's: a submission dated after it is refused.
    let (code, v) = validate(&good, &["--today", "2026-11-21"]);
    assert_eq!(
        (code, first_code(&v)),
        (1, ("$.submitted_at".into(), "form.submitted_future".into()))
    );
    let mut future = good.clone();
    future["submitted_at"] = serde_json::json!("2099-01-01T00:00:00+08:00");
    let (code, v) = validate(&future, &[]);
    assert_eq!(
        (code, first_code(&v)),
        (1, ("$.submitted_at".into(), "form.submitted_future".into()))
    );
    // A draft cannot be started after it was submitted, and must say when it was.
    let mut late = good.clone();
    late["started_at"] = serde_json::json!("2026-11-22T11:00:00+08:00");
    let (code, v) = validate(&late, &[]);
    assert_eq!(
        (code, first_code(&v)),
        (
            1,
            ("$.started_at".into(), "form.started_after_submitted".into())
        )
    );
    let mut none = good.clone();
    none.as_object_mut().unwrap().remove("started_at");
    assert_eq!(
        first_code(&validate(&none, &[]).1),
        ("$.started_at".into(), "form.timestamp".into())
    );
    // What the template defines comes from the template.
    let mut relabelled = good.clone();
    relabelled["findings"]["b_prescriptions"]["title"] = serde_json::json!("无问题");
    assert_eq!(
        first_code(&validate(&relabelled, &[]).1),
        (
            "$.findings.b_prescriptions.title".into(),
            "form.finding_title".into()
        )
    );
    let mut milder = good.clone();
    milder["findings"]["b_prescriptions"]["severity"] = serde_json::json!("low");
    assert_eq!(
        first_code(&validate(&milder, &[]).1),
        (
            "$.findings.b_prescriptions.severity".into(),
            "form.finding_severity".into()
        )
    );
    // One key twice is two documents in one: refused.
    let text = good
        .to_string()
        .replacen("\"answers\":{", "\"answers\":{\"name\":\"李四\",", 1);
    let (code, v) = yaojian_stdin(
        &["form", "validate", "--template", "representative-personal"],
        &text,
    );
    assert_eq!(
        (code, first_code(&v)),
        (1, ("$.answers".into(), "json.duplicate_key".into()))
    );
}

#[test]
fn a_keyed_receipt_verifies_only_with_its_key() {
    let dir = std::env::temp_dir().join(format!("yaojian-key-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (key, other) = (dir.join("key"), dir.join("other"));
    std::fs::write(&key, "a-secret-of-thirty-two-bytes-ok!\n").unwrap();
    std::fs::write(&other, "another-secret-thirty-two-bytes!").unwrap();
    let good = personal_submission();
    let k = key.to_str().unwrap();
    let (code, issued) = yaojian_stdin(
        &[
            "form",
            "receipt",
            "--template",
            "representative-personal",
            "--key",
            k,
        ],
        &good.to_string(),
    );
    assert_eq!(code, 0, "{issued}");
    let r = issued["reference"].as_str().unwrap();
    assert!(
        r.starts_with("ZC20261122-") && r.len() == 27 && r != good["reference"],
        "{r}"
    );
    let check = |file: &str, v: &serde_json::Value| {
        yaojian_stdin(
            &[
                "form",
                "validate",
                "--template",
                "representative-personal",
                "--key",
                file,
            ],
            &v.to_string(),
        )
    };
    assert_eq!(check(k, &issued).0, 0);
    assert_eq!(
        check(other.to_str().unwrap(), &issued).1[0]["code"],
        "form.reference"
    );
    // The unkeyed content hash, which anyone can compute, is not a receipt.
    assert_eq!(check(k, &good).1[0]["code"], "form.reference");
    let mut changed = issued.clone();
    changed["answers"]["phone"] = serde_json::json!("13900139000");
    assert_eq!(check(k, &changed).1[0]["code"], "form.reference");
    std::fs::write(&other, "short").unwrap();
    assert_eq!(
        check(other.to_str().unwrap(), &issued).1[0]["code"],
        "cli.key_short"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn form_schema_templates_summary_and_items() {
    let (code, v, _) = yaojian(&["form", "schema"]);
    assert_eq!(code, 0);
    assert_eq!(v["$id"], "https://yaojian.invalid/schemas/form.schema.json");
    let (_, v, _) = yaojian(&["form", "schema", "--submission"]);
    assert_eq!(v["properties"]["schema"]["const"], "yaojian/submission/1");
    let (_, v, _) = yaojian(&["form", "templates"]);
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert_eq!(v[1]["sample"], true);
    let batch = serde_json::json!([personal_submission(), personal_submission()]);
    let (code, v) = yaojian_stdin(
        &["form", "summary", "--template", "representative-personal"],
        &batch.to_string(),
    );
    assert_eq!(code, 0);
    assert_eq!(v["counted"], 2);
    assert_eq!(v["with_findings"], 2);
    let (code, v) = yaojian_stdin(
        &["form", "items", "--template", "representative-personal"],
        &personal_submission().to_string(),
    );
    assert_eq!(code, 0);
    assert_eq!(v["schema"], "yaojian/checklist/1");
    assert_eq!(v["items"][0]["source"], "self_inspection");
    let (code, v) = yaojian_stdin(
        &["checklist", "report", "--today", "2026-11-22"],
        &v.to_string(),
    );
    assert_eq!(code, 0, "imported items are a valid checklist: {v}");
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    use std::io::{Read, Write};
    // A list (under the 4 MB cap) whose CSV is far larger than a pipe's buffer.
    let one = serde_json::json!({
        "id": "x", "list": "rectification", "source": "inspection", "problem": "冷库温度记录不全",
        "provision": "", "legal_basis": "", "measures": ["补全记录"], "unit": "某医药公司",
        "person": "张三", "mode": "immediate", "deadline": null, "status": "pending"
    });
    let items: Vec<_> = (0..8_000)
        .map(|n| {
            let mut i = one.clone();
            i["id"] = format!("ZG-{n}").into();
            i
        })
        .collect();
    let list = serde_json::json!({ "schema": "yaojian/checklist/1", "items": items }).to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_yaojian"))
        .args(["checklist", "csv"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run yaojian");
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(list.as_bytes());
    });
    let mut head = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut head).unwrap();
    // stdout is dropped here: like `| head -c 16`.
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(out.status.success(), "{:?} {stderr}", out.status);
}
