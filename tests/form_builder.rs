//! The form builder's engine (`form::builder`): edits at the parser's paths, undo and
//! redo, ids kept unique, what a condition may read, the translation table and the diff
//! between versions.

use serde_json::{json, Value};
use yaojian::form::builder::{
    diff, readable, suggest_id, texts, unique_id, value_at, Builder, Edit, DIFF_FIELDS, UNDO_DEPTH,
};
use yaojian::form::{built_in, built_in_source, Template};

fn set(path: &str, value: Value) -> Edit {
    Edit::Set {
        path: path.into(),
        value,
    }
}

fn question(id: &str, kind: &str, label: &str) -> Value {
    json!({"id": id, "kind": kind, "label": {"zh-CN": label}})
}

/// A three-question form with a condition and a finding, built edit by edit.
fn three_questions() -> Builder {
    let mut b = Builder::blank("pharmacy-check", "1");
    let edits = [
        set(
            "$.title",
            json!({"zh-CN": "药店自查表", "en": "Pharmacy check"}),
        ),
        set("$.sections[0].title", json!({"zh-CN": "基本情况"})),
        set(
            "$.sections[0].questions[0].label",
            json!({"zh-CN": "是否有执业药师在岗？"}),
        ),
        Edit::Insert {
            path: "$.sections[0].questions[1]".into(),
            value: question("absent_reason", "long_text", "说明原因"),
        },
        set(
            "$.sections[0].questions[1].visible_if",
            json!({"equals": ["q1", false]}),
        ),
        Edit::Insert {
            path: "$.sections[0].questions[2]".into(),
            value: question("cold_chain", "yes_no", "冷链药品是否有温度记录缺失？"),
        },
        set(
            "$.sections[0].questions[2].finding",
            json!({"severity": "medium", "title": {"zh-CN": "温度记录缺失"}, "rule": "dal-126"}),
        ),
    ];
    for e in edits {
        b.apply(e.clone())
            .unwrap_or_else(|r| panic!("{e:?} refused at {}", r.path));
    }
    b
}

#[test]
fn a_form_built_edit_by_edit_is_a_valid_template() {
    let b = three_questions();
    assert_eq!(b.errors(), vec![], "{:#}", b.document());
    let t = b.template().expect("valid");
    assert_eq!(t.question_count(), 3);
    assert!(t.question("cold_chain").unwrap().finding.is_some());
    assert_eq!(
        value_at(b.document(), "$.sections[0].questions[1].id"),
        Some(&json!("absent_reason"))
    );
}

#[test]
fn errors_name_the_path_of_the_field_to_fix_and_block_publishing() {
    let mut b = three_questions();
    b.apply(set("$.sections[0].questions[1].id", json!("q1")))
        .unwrap();
    b.apply(set(
        "$.sections[0].questions[2].label",
        json!({"en": "No Chinese"}),
    ))
    .unwrap();
    let paths: Vec<String> = b
        .errors()
        .into_iter()
        .map(|e| format!("{} {}", e.path, e.code))
        .collect();
    assert!(
        paths.contains(&"$.sections[0].questions[1].id form.id".to_string()),
        "{paths:?}"
    );
    assert!(
        paths.contains(&"$.sections[0].questions[2].label form.text_zh_cn".to_string()),
        "{paths:?}"
    );
    assert!(b.template().is_err());
}

#[test]
fn undo_and_redo_walk_the_edits_and_a_new_edit_drops_the_redo() {
    let mut b = three_questions();
    let full = b.document().clone();
    assert!(b.undo() && b.undo());
    assert!(value_at(b.document(), "$.sections[0].questions[2]").is_none());
    assert!(b.redo() && b.redo());
    assert_eq!(b.document(), &full);
    assert!(!b.redo() && b.can_undo());
    b.undo();
    b.apply(set("$.version", json!("2"))).unwrap();
    assert!(!b.can_redo(), "a new edit drops what was undone");
    for _ in 0..UNDO_DEPTH + 20 {
        b.apply(set("$.version", json!("3"))).unwrap();
    }
    let mut steps = 0;
    while b.undo() {
        steps += 1;
    }
    assert_eq!(steps, UNDO_DEPTH);
}

#[test]
fn moves_duplicates_and_removals_keep_ids_unique_and_refuse_nonsense() {
    let mut b = three_questions();
    b.apply(Edit::Move {
        path: "$.sections[0].questions[2]".into(),
        by: -2,
    })
    .unwrap();
    assert_eq!(
        value_at(b.document(), "$.sections[0].questions[0].id"),
        Some(&json!("cold_chain"))
    );
    assert!(b
        .apply(Edit::Move {
            path: "$.sections[0].questions[0]".into(),
            by: -1
        })
        .is_err());
    b.apply(Edit::Duplicate {
        path: "$.sections[0]".into(),
    })
    .unwrap();
    let copy = value_at(b.document(), "$.sections[1]").unwrap();
    assert_eq!(copy["id"], "s2");
    assert_eq!(copy["questions"][0]["id"], "cold_chain_2");
    // The copy's condition still reads the original's question: a valid template, and
    // the copy's absent_reason_2 is shown by the first section's q1.
    assert_eq!(b.errors(), vec![]);
    b.apply(Edit::Remove {
        path: "$.sections[1]".into(),
    })
    .unwrap();
    assert_eq!(b.document()["sections"].as_array().unwrap().len(), 1);
    for bad in [
        "$.sections[9]",
        "$.nothing[0]",
        "sections[0]",
        "$.sections[0].questions[x]",
    ] {
        let e = b.apply(Edit::Remove { path: bad.into() }).unwrap_err();
        assert_eq!(e.path, bad);
    }
    assert!(
        b.apply(set("$.sections[0].questions[1].finding.title", json!("x")))
            .is_err(),
        "no finding there"
    );
    assert_eq!(b.errors(), vec![], "refused edits changed nothing");
}

#[test]
fn ids_are_suggested_from_labels_and_kept_unique() {
    let taken: Vec<String> = ["q1", "full_name", "q_2024_sales"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(suggest_id("Full name", &taken), "full_name_2");
    assert_eq!(suggest_id("Phone (mobile)", &taken), "phone_mobile");
    assert_eq!(suggest_id("姓名", &taken), "q2");
    assert_eq!(suggest_id("2024 sales", &taken), "q_2024_sales_2");
    assert_eq!(unique_id("s1", &taken), "s1");
    assert_eq!(unique_id("q1", &taken), "q2");
    assert_eq!(unique_id("full_name", &taken), "full_name_2");
    for id in [
        suggest_id("Ünïcode ⟨label⟩ with many many words here", &taken),
        unique_id("Bad Id", &taken),
    ] {
        assert!(yaojian::ident::valid_id(&id), "{id}");
    }
}

#[test]
fn a_condition_may_read_only_earlier_questions() {
    let b = three_questions();
    let doc = b.document();
    let ids =
        |path: &str| -> Vec<String> { readable(doc, path).into_iter().map(|r| r.id).collect() };
    assert_eq!(
        ids("$.sections[0].questions[0].visible_if"),
        Vec::<String>::new()
    );
    assert_eq!(
        ids("$.sections[0].questions[2].visible_if"),
        ["q1", "absent_reason"]
    );
    assert_eq!(
        ids("$.sections[0].questions[2].finding.when"),
        ["q1", "absent_reason", "cold_chain"]
    );
    assert_eq!(ids("$.sections[0].visible_if"), Vec::<String>::new());
    let personal =
        serde_json::from_str::<Value>(built_in_source("representative-personal").unwrap()).unwrap();
    let second = readable(&personal, "$.sections[1].visible_if");
    assert_eq!(
        second.len(),
        personal["sections"][0]["questions"]
            .as_array()
            .unwrap()
            .len()
    );
    let choice = readable(&personal, "$.sections[9].questions[0].visible_if");
    assert!(
        choice.iter().any(|r| !r.options.is_empty()),
        "choice questions carry their options"
    );
}

#[test]
fn the_translation_table_lists_every_text_and_what_it_lacks() {
    let b = three_questions();
    let table = texts(b.document());
    let at = |p: &str| {
        table
            .iter()
            .find(|e| e.path == p)
            .unwrap_or_else(|| panic!("no {p}"))
    };
    assert_eq!(at("$.title").missing, ["zh-TW"]);
    assert_eq!(
        at("$.sections[0].questions[2].finding.title").missing,
        ["zh-TW", "en"]
    );
    assert!(table.iter().all(|e| !e.path.contains("visible_if")));
    let personal =
        serde_json::from_str::<Value>(built_in_source("representative-personal").unwrap()).unwrap();
    let all = texts(&personal);
    assert!(all.len() > 40, "{}", all.len());
    assert!(all.iter().any(|e| e.path.ends_with(".options[0].label")));
}

#[test]
fn the_diff_between_versions_names_questions_added_removed_and_changed() {
    let old = built_in("representative-personal").unwrap();
    let mut doc: Value =
        serde_json::from_str(built_in_source("representative-personal").unwrap()).unwrap();
    let mut b = Builder::new(doc.clone());
    b.apply(set("$.version", json!("2027.1"))).unwrap();
    b.apply(set(
        "$.sections[0].questions[0].label",
        json!({"zh-CN": "姓名（与身份证一致）"}),
    ))
    .unwrap();
    b.apply(Edit::Remove {
        path: "$.sections[0].questions[3]".into(),
    })
    .unwrap();
    b.apply(Edit::Insert {
        path: "$.sections[0].questions[0]".into(),
        value: question("nickname", "text", "常用名"),
    })
    .unwrap();
    let new = b.template().expect("valid");
    let d = diff(&old, &new);
    let ids = |l: &[yaojian::form::builder::DiffQuestion]| {
        l.iter().map(|q| q.id.clone()).collect::<Vec<_>>()
    };
    assert_eq!(ids(&d.added), ["nickname"]);
    assert_eq!(ids(&d.removed), ["email"]);
    assert_eq!(ids(&d.changed), ["name"]);
    assert_eq!(d.changed[0].fields, ["label"]);
    assert_eq!(d.changed[0].before.as_ref().unwrap()["zh-CN"], "姓名");
    doc["version"] = json!("same");
    let same = Template::from_value(doc).unwrap();
    assert_eq!(diff(&old, &same), Default::default());
}

#[test]
fn every_field_a_diff_names_has_words_in_every_language() {
    for lang in ["zh-CN", "zh-TW", "en"] {
        let path = format!("{}/data/i18n/{lang}.json", env!("CARGO_MANIFEST_DIR"));
        let catalog: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for f in DIFF_FIELDS {
            let words = catalog[format!("fb.diff.field.{f}")]
                .as_str()
                .unwrap_or_default();
            assert!(!words.trim().is_empty(), "{lang}: no words for {f}");
        }
    }
}

#[test]
fn a_field_cleared_leaves_the_others_in_their_order() {
    let q = json!({"id": "a", "kind": "text", "label": {"zh-CN": "甲"}, "help": {"zh-CN": "帮助"},
                   "finding": {"title": {"zh-CN": "问题"}}, "required": true});
    let mut b = Builder::new(
        json!({"title": {"zh-CN": "表"}, "sections": [{"id": "s1", "questions": [q]}]}),
    );
    b.apply(set("$.sections[0].questions[0].help", Value::Null))
        .unwrap();
    let keys: Vec<&String> = b.document()["sections"][0]["questions"][0]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(keys, ["id", "kind", "label", "finding", "required"]);
}

#[test]
fn texts_come_in_reading_order() {
    // An object's own texts in reading order, then what it holds in the document's order.
    let doc = json!({"title": {"zh-CN": "表"}, "sections": [{"id": "s1", "help": "说明", "title": {"zh-CN": "一"},
        "questions": [{"id": "a", "help": {"zh-CN": "帮助"}, "label": {"zh-CN": "甲"},
                       "options": [{"value": "x", "label": "X"}],
                       "finding": {"title": {"zh-CN": "问题"}, "provision": {"zh-CN": "依据"}}}]}]});
    let paths: Vec<String> = texts(&doc).into_iter().map(|e| e.path).collect();
    assert_eq!(
        paths,
        [
            "$.title",
            "$.sections[0].title",
            "$.sections[0].help",
            "$.sections[0].questions[0].label",
            "$.sections[0].questions[0].help",
            "$.sections[0].questions[0].options[0].label",
            "$.sections[0].questions[0].finding.title",
            "$.sections[0].questions[0].finding.provision",
        ]
    );
}
