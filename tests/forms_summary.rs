//! What a bureau makes of filed self-inspections: the summary and its two CSVs, and
//! findings turned into rectification items (once each).
use serde_json::json;
use yaojian::form::answers::{submit, Findings};
use yaojian::form::summary::{findings_csv, parse_batch, rows_csv, summarize, Filter};
use yaojian::form::{self, Severity};
use yaojian::Lang;

mod common;
use common::forms::*;

#[test]
fn findings_become_rectification_items() {
    let t = personal();
    let (a, f) = with_finding();
    let s = submit(&t, &a, &f, None, Some(STARTED), NOW, Lang::ZhCn).unwrap();
    let items = form::rectification_items(&t, &s, Lang::ZhCn);
    assert_eq!(items.len(), 1);
    let i = &items[0];
    assert_eq!(i.id, format!("{}-b_kickbacks", s.reference));
    assert_eq!(i.source, yaojian::checklist::Source::SelfInspection);
    assert_eq!(i.status, yaojian::checklist::Status::Pending);
    assert_eq!(i.person, "张三");
    assert_eq!(i.unit, "示例药业有限公司");
    assert_eq!(i.deadline, Some(day("2026-12-15")));
    assert_eq!(i.measures, ["收回并登记，全员培训"]);
    assert_eq!(i.rule.as_deref(), Some("dal-141-2"));
    assert!(i.problem.contains("节日向药剂科人员赠送购物卡"));
    // The items form a valid checklist document.
    let doc = json!({"schema": "yaojian/checklist/1", "items": items});
    yaojian::checklist::ItemList::from_json(&doc.to_string()).unwrap();
}

#[test]
fn importing_submissions_adds_each_finding_once_and_names_bad_ones() {
    let t = personal();
    let (a, f) = with_finding();
    let s = serde_json::to_value(submit(&t, &a, &f, None, Some(STARTED), NOW, Lang::ZhCn).unwrap())
        .unwrap();
    let mut tampered = s.clone();
    tampered["answers"]["name"] = json!("李四"); // the reference no longer matches
    let batch = vec![s.clone(), json!({"template": {"id": "nope"}}), tampered];
    let empty = yaojian::checklist::ItemList {
        schema: "yaojian/checklist/1".into(),
        items: vec![],
    };
    let got = form::import_findings(&empty, batch, None, today(), Lang::ZhCn);
    assert_eq!(got.added.len(), 1);
    assert_eq!(
        got.added[0].id,
        format!("{}-b_kickbacks", s["reference"].as_str().unwrap())
    );
    assert_eq!(got.already, 0);
    let paths: Vec<_> = got
        .errors
        .iter()
        .map(|e| (e.path.as_str(), e.code.as_str()))
        .collect();
    assert!(
        paths.contains(&("$[1].template.id", "requirements.no_template")),
        "{paths:?}"
    );
    assert!(
        paths.iter().any(|(p, _)| p.starts_with("$[2]")),
        "{paths:?}"
    );
    assert!(
        paths.iter().all(|(p, _)| !p.starts_with("$[0]")),
        "{paths:?}"
    );
    // Importing again into the list that has it adds nothing.
    let list = yaojian::checklist::ItemList {
        schema: "yaojian/checklist/1".into(),
        items: got.added,
    };
    let again = form::import_findings(&list, vec![s], None, today(), Lang::ZhCn);
    assert!(again.added.is_empty());
    assert_eq!(again.already, 1);
    assert!(again.errors.is_empty());
}

#[test]
fn the_summary_counts_answers_findings_and_attestations() {
    let t = personal();
    let (a, f) = with_finding();
    let with = submit(&t, &a, &f, None, Some(STARTED), NOW, Lang::ZhCn).unwrap();
    let clean = submit(
        &t,
        &clean_personal(),
        &Findings::new(),
        None,
        None,
        NOW + 1000,
        Lang::ZhCn,
    )
    .unwrap();
    let mut unattested = serde_json::to_value(&clean).unwrap();
    unattested["answers"]["attestation"]["agreed"] = json!(false);
    let batch = json!([with, clean, unattested, {"not": "a submission"}, {"schema": "yaojian/submission/1", "template": {"id": "x", "version": "1"}, "reference": "r", "submitted_at": "2026-11-22T10:00:00+08:00", "answers": {}}]);
    let sum = summarize(&t, parse_batch(&batch.to_string()).unwrap(), Lang::ZhCn);
    assert_eq!((sum.total, sum.counted, sum.rejected.len()), (5, 3, 2));
    assert_eq!(sum.with_findings, 1);
    assert_eq!(sum.missing_attestation, 1);
    assert_eq!(sum.invalid, 1, "the unattested one is counted but flagged");
    let kick = sum
        .findings
        .iter()
        .find(|f| f.question == "b_kickbacks")
        .unwrap();
    assert_eq!(kick.count, 1);
    let q = sum
        .questions
        .iter()
        .find(|q| q.id == "b_kickbacks")
        .unwrap();
    assert_eq!(
        (q.answered, q.values[0].count, q.values[1].count),
        (3, 1, 2)
    );
    assert_eq!(sum.rows[0].name, "张三");
    assert_eq!(sum.rows[0].highest, Some(Severity::High));
    let only = Filter {
        with_findings: true,
        ..Default::default()
    };
    let rows: Vec<_> = sum.rows.iter().filter(|r| only.matches(r)).collect();
    assert_eq!(rows.len(), 1);
    let csv = rows_csv(&t, &rows, Lang::ZhCn);
    assert!(csv.starts_with('\u{feff}'));
    assert!(csv.contains("给予医疗机构有关人员财物或者其他不正当利益"));
    assert_eq!(csv.lines().count(), 2);
    // The findings CSV: one line per finding, with what the filer wrote of it.
    let findings = findings_csv(&t, &sum.rows.iter().collect::<Vec<_>>(), Lang::ZhCn);
    let lines: Vec<&str> = findings.lines().collect();
    assert_eq!(lines.len(), 2, "a header and the one finding: {findings}");
    assert!(
        lines[0].ends_with("违反的规定,情况说明,整改措施,整改期限"),
        "{}",
        lines[0]
    );
    for said in [
        "张三",
        "给予医疗机构有关人员财物或者其他不正当利益",
        "收回并登记，全员培训",
        "2026-12-15",
    ] {
        assert!(lines[1].contains(said), "{said} in {}", lines[1]);
    }
    let search = Filter {
        search: "示例药业".into(),
        ..Default::default()
    };
    assert_eq!(sum.rows.iter().filter(|r| search.matches(r)).count(), 3);
}

/// Issue 14.1: a representative who types `=HYPERLINK(…)` as their name must not get a
/// live formula into the bureau's sheet.
#[test]
fn summary_csv_neutralises_formulas_typed_by_respondents() {
    let t = personal();
    let mut a = clean_personal();
    a["name"] = json!("=HYPERLINK(\"http://x\",\"点我\")");
    a["mah_name"] = json!("@SUM(1+1)");
    let s = submit(
        &t,
        &a,
        &Findings::new(),
        None,
        Some(STARTED),
        NOW,
        Lang::ZhCn,
    )
    .unwrap();
    let sum = summarize(&t, vec![serde_json::to_value(&s).unwrap()], Lang::ZhCn);
    let rows: Vec<_> = sum.rows.iter().collect();
    let csv = rows_csv(&t, &rows, Lang::ZhCn);
    assert!(
        csv.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\","),
        "{csv}"
    );
    assert!(csv.contains(",'@SUM(1+1),"), "{csv}");
}

/// A summary says which versions it counts: the template's, always first; any other its
/// submissions were filed on (counted, with a version problem); and those a server knows
/// of without counting them.
#[test]
fn the_summary_says_which_versions_it_counts() {
    let t = personal();
    let clean = submit(
        &t,
        &clean_personal(),
        &Findings::new(),
        None,
        None,
        NOW,
        Lang::ZhCn,
    )
    .unwrap();
    let mut older = serde_json::to_value(&clean).unwrap();
    older["template"]["version"] = json!("2026.1");
    let batch = json!([older.clone(), clean, older]);
    let mut sum = summarize(&t, parse_batch(&batch.to_string()).unwrap(), Lang::ZhCn);
    let seen = |s: &yaojian::form::summary::Summary| -> Vec<(String, usize, bool)> {
        s.versions
            .iter()
            .map(|v| (v.version.clone(), v.count, v.counted))
            .collect()
    };
    let current = t.version.clone();
    assert_eq!(
        seen(&sum),
        [(current.clone(), 1, true), ("2026.1".to_string(), 2, true)]
    );
    assert_eq!(
        sum.invalid, 2,
        "the older filings are counted with a version problem"
    );
    sum.add_uncounted("2025.9", 7);
    sum.add_uncounted("2026.1", 5); // already counted: not listed twice
    sum.add_uncounted("2024.1", 0); // none: not listed
    assert_eq!(seen(&sum).len(), 3);
    assert_eq!(seen(&sum)[2], ("2025.9".to_string(), 7, false));
    // An empty batch still names the version it would count.
    let empty = summarize(&t, Vec::new(), Lang::ZhCn);
    assert_eq!(seen(&empty), [(current, 0, true)]);
}
