//! Issue 37: the penalty engine's data files (rule table, circumstances, default
//! benchmark, translations) are read by one checked reader each, whoever the caller: the
//! files compiled in (CLI, server, tests) and the files a widget's page fetches
//! (`install_data`). This file is its own test binary: installing changes the process's
//! data.
use yaojian::penalty::data::{self, BENCHMARK, CIRCUMSTANCES, RULES, TITLES};
use yaojian::penalty::translations::in_lang;
use yaojian::{install_data, Lang};

fn codes(name: &str, text: &str) -> Vec<(String, String)> {
    let e = install_data(name, text).unwrap_err();
    e.iter().map(|e| (e.path.clone(), e.code.clone())).collect()
}

#[test]
fn the_files_compiled_in_read_and_nothing_is_missing() {
    for (name, text) in data::EMBEDDED {
        assert_eq!(install_data(name, text), Ok(()), "{name}");
    }
    // The other tests of this binary run beside this one and may ask for a file before
    // it is installed here: what counts is that nothing is said missing from now on.
    let said_before = yaojian::data::said_missing();
    assert!(yaojian::penalty::rule_table().rules.len() >= 45);
    assert!(!yaojian::penalty::circumstances().circumstances.is_empty());
    assert_eq!(yaojian::penalty::default_benchmark().id, "default");
    assert_eq!(
        in_lang("药品监督管理部门", Lang::En),
        "drug regulatory department"
    );
    assert_eq!(data::FILES, [RULES, CIRCUMSTANCES, BENCHMARK, TITLES]);
    assert_eq!(yaojian::data::said_missing(), said_before);
}

#[test]
fn a_bad_file_is_refused_with_the_path_of_each_mistake() {
    assert_eq!(codes(RULES, "{"), [("$".into(), "json.syntax".into())]);
    let twice = r#"{"schema":"yaojian/penalty-circumstances/0","circumstances":[
        {"id":"a","group":"mitigating","law":"dal-2019","article":1,"text":"甲","label":{"zh-CN":"甲"}},
        {"id":"a","group":"mitigating","law":"dal-2019","article":2,"text":"乙","label":{"zh-CN":"乙"}}]}"#;
    let found = codes(CIRCUMSTANCES, twice);
    assert_eq!(
        found,
        [
            (
                "$.schema".to_string(),
                "penalty.circumstances_schema".to_string()
            ),
            (
                "$.circumstances[1].id".into(),
                "penalty.circumstances_duplicate".into()
            ),
        ],
        "{found:?}"
    );
    assert_eq!(
        codes(TITLES, r#"{"schema":"x","texts":{}}"#),
        [("$.schema".into(), "penalty.titles_schema".into())]
    );
    assert_eq!(
        codes("penalty-nothing", "{}"),
        [("$".into(), "data.unknown_file".into())]
    );
    let e = codes(BENCHMARK, r#"{"schema":"yaojian/penalty-benchmark/1"}"#);
    assert!(
        e.iter().all(|(p, _)| p.starts_with('$')) && !e.is_empty(),
        "{e:?}"
    );
}

#[test]
fn a_file_is_installed_once_and_another_version_is_refused() {
    assert_eq!(install_data(RULES, data::RULES_JSON), Ok(()));
    let mut other: serde_json::Value = serde_json::from_str(data::RULES_JSON).unwrap();
    other["rules"].as_array_mut().unwrap().pop();
    let found = codes(RULES, &other.to_string());
    assert_eq!(found, [("$".into(), "data.already_installed".into())]);
    assert!(yaojian::penalty::rule_table().rules.len() >= 45);
}

#[test]
fn translations_files_add_to_each_other_one_language_at_a_time() {
    let en = r#"{"schema":"yaojian/penalty-i18n/1","texts":{"测试用语甲":{"en":"Test words A"}}}"#;
    let tw = r#"{"schema":"yaojian/penalty-i18n/1","texts":{"测试用语甲":{"zh-TW":"測試用語甲"}}}"#;
    install_data(TITLES, en).unwrap();
    assert_eq!(in_lang("测试用语甲", Lang::En), "Test words A");
    // No zh-TW text yet: the Chinese shows through; zh-CN is always the table's own.
    assert_eq!(in_lang("测试用语甲", Lang::ZhTw), "测试用语甲");
    install_data(TITLES, tw).unwrap();
    assert_eq!(in_lang("测试用语甲", Lang::ZhTw), "測試用語甲");
    assert_eq!(in_lang("测试用语甲", Lang::En), "Test words A");
    assert_eq!(in_lang("测试用语甲", Lang::ZhCn), "测试用语甲");
}

#[test]
fn a_benchmark_is_checked_but_for_the_ids_it_names_before_the_data_is_there() {
    use yaojian::penalty::Benchmark;
    let mut v: serde_json::Value = serde_json::from_str(data::DEFAULT_BENCHMARK_JSON).unwrap();
    v["no_penalty_list"]["items"][0]["rules"][0] = "dal-999".into();
    let paths = |r: Result<Benchmark, yaojian::Errors>| -> Vec<(String, String)> {
        let e = r.unwrap_err();
        e.iter().map(|e| (e.path.clone(), e.code.clone())).collect()
    };
    // Without the rule table a widget can take it; with it, the unknown rule is refused.
    assert!(Benchmark::from_value_unlinked(&v, "$").is_ok());
    let unknown = vec![(
        "$.no_penalty_list.items[0].rules[0]".to_string(),
        "benchmark.unknown_rule".to_string(),
    )];
    assert_eq!(paths(Benchmark::from_value(v.clone(), "$")), unknown);
    // What needs no data is refused either way, at the same paths.
    v["rounding_fen"] = 0.into();
    let unlinked = paths(Benchmark::from_value_unlinked(&v, "$"));
    assert_eq!(
        unlinked,
        [(
            "$.rounding_fen".to_string(),
            "benchmark.rounding_fen".to_string()
        )]
    );
    let linked = paths(Benchmark::from_value(v, "$"));
    assert_eq!(linked.len(), 2, "{linked:?}");
    assert!(linked.contains(&unlinked[0]) && linked.contains(&unknown[0]));
}
