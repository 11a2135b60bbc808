//! The shipped data validates against the published JSON Schemas, and the schemas
//! reject the mistakes they exist to catch.
use serde_json::{json, Value};

fn load(path: &str) -> Value {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    serde_json::from_str(&std::fs::read_to_string(&p).unwrap())
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Resolves `https://yaojian.invalid/schemas/X` to the repository's `schemas/X`; nothing
/// is fetched from a network.
struct LocalSchemas;

impl jsonschema::Retrieve for LocalSchemas {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let name = uri.as_str().rsplit('/').next().unwrap_or_default();
        Ok(load(&format!("schemas/{name}")))
    }
}

fn errors(schema: &str, doc: &Value) -> Vec<String> {
    let v = jsonschema::options()
        .with_retriever(LocalSchemas)
        .build(&load(schema))
        .unwrap_or_else(|e| panic!("{schema}: {e}"));
    v.iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn shipped_penalty_data_matches_its_schemas() {
    for (schema, data) in [
        (
            "schemas/penalty-rules.schema.json",
            "data/penalty/drug-law-2019.rules.json",
        ),
        (
            "schemas/penalty-circumstances.schema.json",
            "data/penalty/circumstances.json",
        ),
        (
            "schemas/penalty-benchmark.schema.json",
            "data/penalty/benchmark.default.json",
        ),
        (
            "schemas/penalty-i18n.schema.json",
            "data/penalty/drug-law-2019.i18n.json",
        ),
    ] {
        let e = errors(schema, &load(data));
        assert!(e.is_empty(), "{data}: {e:#?}");
    }
}

#[test]
fn widget_examples_are_valid_cases() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("components/src/penalty-calculator/examples");
    for entry in std::fs::read_dir(dir).unwrap() {
        let ex: Value =
            serde_json::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap();
        // The invalid example is valid JSON of the right shape: its amount is what is wrong.
        let case = &ex["properties"]["value"];
        if case.is_null() {
            continue;
        }
        assert!(
            errors("schemas/penalty-case.schema.json", case).is_empty(),
            "{case}"
        );
    }
}

#[test]
fn the_schemas_catch_typical_mistakes() {
    let mut bm = load("data/penalty/benchmark.default.json");
    bm["bands"][0]["id"] = json!("light");
    bm["rounding_fen"] = json!(0);
    assert_eq!(
        errors("schemas/penalty-benchmark.schema.json", &bm).len(),
        2
    );
    let mut texts = load("data/penalty/drug-law-2019.i18n.json");
    texts["texts"]["责令关闭"]["en"] = json!("责令关闭");
    texts["texts"]["没收违法所得"] = json!({"en": "Confiscation of the illegal gains"});
    let schema = "schemas/penalty-i18n.schema.json";
    assert_eq!(errors(schema, &texts).len(), 2, "Chinese in en; no zh-TW");
    let mut rules = load("data/penalty/drug-law-2019.rules.json");
    rules["rules"][0]["fine"]["kind"] = json!("percent");
    assert!(!errors("schemas/penalty-rules.schema.json", &rules).is_empty());
    assert!(!errors(
        "schemas/penalty-case.schema.json",
        &json!({"rule": "dal-116", "colour": "red"})
    )
    .is_empty());
}

#[test]
fn requirement_templates_match_their_schema() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/requirements");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let e = errors(
                "schemas/requirements.schema.json",
                &load(
                    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
                        .unwrap()
                        .to_str()
                        .unwrap(),
                ),
            );
            assert!(e.is_empty(), "{}: {e:#?}", path.display());
            n += 1;
        }
    }
    assert_eq!(n, 3);
    // The generated 不予处罚 template fits the same schema.
    let t = yaojian::requirements::no_penalty_template(yaojian::penalty::default_benchmark());
    let e = errors(
        "schemas/requirements.schema.json",
        &serde_json::to_value(&t).unwrap(),
    );
    assert!(e.is_empty(), "{e:#?}");
    assert!(!errors(
        "schemas/expression.schema.json",
        &json!({"equals": ["q1", "x"], "not": {}})
    )
    .is_empty());
    assert!(errors(
        "schemas/expression.schema.json",
        &json!({"and": [{"answered": "q1"}, {"one_of": ["q2", ["a"]]}]})
    )
    .is_empty());
}

#[test]
fn a_checklist_the_engine_writes_matches_its_schema() {
    use yaojian::checklist::*;
    let d = |s: &str| yaojian::date::parse_date(s).unwrap();
    let mut item = Item {
        id: "A".into(),
        list: ListKind::Rectification,
        source: Source::SelfInspection,
        problem: "未建立追溯制度".into(),
        provision: "药品管理法第十二条".into(),
        legal_basis: "药品管理法第一百二十七条".into(),
        rule: Some("dal-127-3".into()),
        measures: vec!["建立追溯制度".into()],
        unit: "某公司".into(),
        person: "张三".into(),
        mode: Mode::Deadline,
        deadline: Some(d("2026-12-01")),
        status: Status::Pending,
        evidence: vec![],
        reinspections: vec![],
        close_out: None,
        history: vec![],
    };
    item.apply(Action::Start, "张三", "2026-11-22T10:00:00+08:00", "")
        .unwrap();
    item.apply(
        Action::Report {
            evidence: vec![Evidence {
                date: d("2026-11-25"),
                text: "制度文件".into(),
                file: None,
            }],
        },
        "张三",
        "2026-11-25T10:00:00+08:00",
        "",
    )
    .unwrap();
    let list = ItemList {
        schema: SCHEMA.into(),
        items: vec![item],
    };
    let v = serde_json::to_value(&list).unwrap();
    let e = errors("schemas/checklist.schema.json", &v);
    assert!(e.is_empty(), "{e:#?}");
    assert!(ItemList::from_json(&v.to_string()).is_ok());
}

#[test]
fn built_in_forms_and_a_submission_match_their_schemas() {
    for id in yaojian::form::built_in_ids() {
        let e = errors(
            "schemas/form.schema.json",
            &load(&format!("data/forms/{id}.json")),
        );
        assert!(e.is_empty(), "{id}: {e:#?}");
    }
    let t = yaojian::form::built_in("mah-representative-management").unwrap();
    let a = json!({
        "company_name": "示例药业", "uscc": "91350100M000100Y43", "contact_name": "李四",
        "contact_phone": "010-12345678", "rep_count": 12, "all_filed": true, "contracts": true,
        "sales_targets": false, "prescription_stats": false, "promotion_forms": ["meeting"],
        "academic_records": "complete", "expense_records": true, "training": false,
        "adr_feedback": true, "promotion_spend": 1_000_000,
        "attestation": {"agreed": true, "name": "李四", "date": "2026-11-22"}
    });
    let f = yaojian::form::answers::read_findings(
        &json!({"training": {"explanation": "新入职", "measure": "补训", "deadline": "2026-12-31"}}),
        "$",
    )
    .unwrap();
    let s = yaojian::form::submit(
        &t,
        a.as_object().unwrap(),
        &f,
        Some("k1"),
        None,
        1_795_312_800_000,
        yaojian::Lang::ZhCn,
    )
    .unwrap();
    let doc = serde_json::to_value(&s).unwrap();
    let e = errors("schemas/submission.schema.json", &doc);
    assert!(e.is_empty(), "{e:#?}");
}

#[test]
fn the_form_schema_rejects_typical_mistakes() {
    let mut doc = load("data/forms/representative-personal.json");
    doc["sections"][0]["questions"][0]["kind"] = json!("slider");
    doc["sections"][0]["questions"][1]["visble_if"] = json!({"answered": "name"});
    doc["sections"][1]["questions"][0]["finding"] = json!({"severity": "fatal", "title": "x"});
    let e = errors("schemas/form.schema.json", &doc);
    assert!(e.len() >= 3, "{e:#?}");
}
