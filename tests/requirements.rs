//! Requirement checks: every built-in template, its applicable and not-applicable
//! paths, verbatim legal bases, the 不予处罚 template built from the benchmark, and
//! input errors by JSON path.
use serde_json::json;
use yaojian::penalty::default_benchmark;
use yaojian::requirements::*;
use yaojian::Lang;

mod common;
use common::{article_text, APL, DAL};

fn all() -> Vec<Template> {
    built_in_ids()
        .into_iter()
        .map(|id| built_in(id, None).unwrap_or_else(|| panic!("{id} does not parse")))
        .collect()
}

fn run(t: &Template, input: serde_json::Value) -> CheckResult {
    check_json(t, &input.to_string(), Lang::ZhCn).unwrap_or_else(|e| panic!("{}: {e:?}", t.id))
}

fn status(r: &CheckResult, id: &str) -> Status {
    r.items
        .iter()
        .find(|i| i.id == id)
        .unwrap_or_else(|| panic!("no {id}"))
        .status
}

#[test]
fn every_built_in_template_parses_and_cites_verbatim() {
    let ts = all();
    assert_eq!(ts.len(), 4);
    for t in &ts {
        assert!(
            t.requirements.iter().any(|r| r.applies_if.is_some()),
            "{}: nothing conditional",
            t.id
        );
        // The 不予处罚 template asks for a route first; the data templates have a core
        // that applies to every applicant.
        let core = t.requirements.iter().any(|r| r.applies_if.is_none());
        assert_eq!(core, t.id != NO_PENALTY_ID, "{}", t.id);
        for r in &t.requirements {
            if let Some(b) = &r.basis {
                let law = if b.law == "apl-2021" { APL } else { DAL };
                let article = article_text(law, b.article);
                assert!(
                    article.contains(&b.text),
                    "{} {}: basis not verbatim in article {}: {}",
                    t.id,
                    r.id,
                    b.article,
                    b.text
                );
            } else {
                assert!(
                    r.sample,
                    "{} {}: no legal basis, so it must be labelled sample",
                    t.id, r.id
                );
            }
            assert!(
                r.title.contains_key("zh-CN") && r.title.contains_key("en"),
                "{} {}",
                t.id,
                r.id
            );
        }
    }
}

#[test]
fn every_template_has_applicable_and_not_applicable_paths() {
    for t in all() {
        // With nothing answered and nothing ticked, everything unconditional is missing.
        let r = run(&t, json!({}));
        assert_eq!(r.summary.met, 0);
        assert_eq!(r.unanswered.len(), t.questions.len());
        let unconditional = t
            .requirements
            .iter()
            .filter(|x| x.applies_if.is_none() && x.kind != RequirementKind::Note)
            .count();
        assert!(r.summary.missing >= unconditional);
        // A note (须知) is to read: never missing, never met.
        for i in r.items.iter().filter(|i| i.kind == RequirementKind::Note) {
            assert!(
                matches!(i.status, Status::ToRead | Status::NotApplicable),
                "{}",
                i.id
            );
        }
        // Some answer to some question flips some requirement between applicable and not.
        let mut flipped = false;
        for q in &t.questions {
            let values: Vec<serde_json::Value> = match q.kind {
                QuestionKind::YesNo => vec![json!(true), json!(false)],
                QuestionKind::SingleChoice => q.options.iter().map(|o| json!(o.value)).collect(),
            };
            let results: Vec<CheckResult> = values
                .iter()
                .map(|v| run(&t, json!({"answers": {q.id.clone(): v}})))
                .collect();
            for w in results.windows(2) {
                flipped |= w[0].items.iter().zip(&w[1].items).any(|(a, b)| {
                    (a.status == Status::NotApplicable) != (b.status == Status::NotApplicable)
                });
            }
        }
        assert!(flipped, "{}: no answer changes what applies", t.id);
        // Ticking everything that applies leaves nothing missing.
        let have: Vec<&str> = t.requirements.iter().map(|r| r.id.as_str()).collect();
        let r = run(&t, json!({"have": have}));
        assert_eq!(r.summary.missing, 0, "{}", t.id);
    }
}

#[test]
fn trading_licence_wholesale_and_retail_are_approved_at_different_levels() {
    let t = built_in("drug-trading-licence", None).unwrap();
    let q = t
        .questions
        .iter()
        .find(|q| q.options.iter().any(|o| o.value == "wholesale"))
        .expect("channel question");
    let art51: Vec<&Requirement> = t
        .requirements
        .iter()
        .filter(|r| r.basis.as_ref().is_some_and(|b| b.article == 51) && r.applies_if.is_some())
        .collect();
    assert!(
        art51.len() >= 2,
        "51 has a wholesale and a retail requirement"
    );
    let w = run(&t, json!({"answers": {q.id.clone(): "wholesale"}}));
    let r = run(&t, json!({"answers": {q.id.clone(): "retail"}}));
    let applies = |res: &CheckResult, text: &str| {
        art51.iter().any(|x| {
            x.basis.as_ref().unwrap().text.contains(text)
                && status(res, &x.id) != Status::NotApplicable
        })
    };
    assert!(applies(&w, "批发") && !applies(&w, "零售"));
    assert!(applies(&r, "零售") && !applies(&r, "批发"));
    // Every numbered item of 第五十二条 is its own condition.
    for item in 1..=4 {
        assert!(
            t.requirements.iter().any(|r| r
                .basis
                .as_ref()
                .is_some_and(|b| b.article == 52 && b.item == Some(item))),
            "52({item})"
        );
    }
}

#[test]
fn the_licence_applied_for_is_a_note_never_a_condition_to_meet() {
    // Issue 34: 取得许可证 was listed as a condition the applicant must already meet, for
    // the very licence being applied for.
    for id in ["drug-production-licence", "drug-trading-licence"] {
        let t = built_in(id, None).unwrap();
        for r in &t.requirements {
            let zh = &r.title["zh-CN"];
            if r.kind != RequirementKind::Note {
                assert!(
                    !zh.contains("取得药品"),
                    "{id}/{}: {zh} is not a condition to meet",
                    r.id
                );
            }
        }
        assert!(
            t.requirements
                .iter()
                .any(|r| r.kind == RequirementKind::Note),
            "{id}"
        );
    }
    let t = built_in("drug-trading-licence", None).unwrap();
    let r = run(&t, json!({"answers": {"q_channel": "wholesale"}}));
    assert_eq!(status(&r, "r_wholesale_approval"), Status::ToRead);
    assert_eq!(status(&r, "r_retail_approval"), Status::NotApplicable);
    assert!(r
        .items
        .iter()
        .filter(|i| i.status == Status::Missing)
        .all(|i| i.kind != RequirementKind::Note));
}

#[test]
fn production_licence_lists_every_item_of_article_42() {
    let t = built_in("drug-production-licence", None).unwrap();
    for item in 1..=4 {
        assert!(
            t.requirements.iter().any(|r| r
                .basis
                .as_ref()
                .is_some_and(|b| b.article == 42 && b.item == Some(item))),
            "42({item})"
        );
    }
}

#[test]
fn no_penalty_routes_follow_article_33_and_the_loaded_list() {
    let t = no_penalty_template(default_benchmark());
    let r = run(
        &t,
        json!({"answers": {"q_route": "minor"}, "have": ["r_minor", "r_minor_corrected"]}),
    );
    assert_eq!(status(&r, "r_no_harm"), Status::Missing);
    assert_eq!(status(&r, "r_minor"), Status::Met);
    assert_eq!(status(&r, "r_first_offence"), Status::NotApplicable);
    assert_eq!(r.summary.missing, 1);
    let r = run(&t, json!({"answers": {"q_route": "first"}}));
    assert_eq!(r.summary.missing, 3);
    assert!(r
        .items
        .iter()
        .filter(|i| i.status != Status::NotApplicable)
        .all(|i| i.citation.as_ref().unwrap().article == 33));
    // The list's item for 127(三): its act plus its three conditions.
    let r = run(
        &t,
        json!({"answers": {"q_route": "listed", "q_item": "np-127-3"}}),
    );
    assert_eq!(r.summary.missing, 4);
    assert!(r.items.iter().any(
        |i| i.status == Status::Missing && i.title.contains("未按照规定建立并实施药品追溯制度")
    ));
    assert!(
        r.items
            .iter()
            .filter(|i| i.status == Status::Missing)
            .all(|i| i.sample),
        "the sample list is labelled"
    );
    // A benchmark without a list offers no "listed" route.
    let mut bm = default_benchmark().clone();
    bm.no_penalty_list = None;
    let t = no_penalty_template(&bm);
    assert!(!t.questions[0].options.iter().any(|o| o.value == "listed"));
}

#[test]
fn bad_input_names_the_path() {
    let t = built_in("drug-trading-licence", None).unwrap();
    let q = &t.questions[0];
    let e = check_json(&t, &json!({"answers": {"nope": true, q.id.clone(): "not-an-option"}, "have": ["zzz", 3], "x": 1}).to_string(), Lang::En).unwrap_err();
    let paths: Vec<&str> = e.iter().map(|x| x.path.as_str()).collect();
    assert!(paths.contains(&"$.x"));
    assert!(paths.contains(&"$.answers.nope"));
    assert!(paths.contains(&format!("$.answers.{}", q.id).as_str()));
    assert!(paths.contains(&"$.have[0]") && paths.contains(&"$.have[1]"));
    assert_eq!(
        check_json(&t, "{", Lang::ZhCn).unwrap_err()[0].code,
        "json.syntax"
    );
}

#[test]
fn a_bad_template_names_the_path() {
    let e = Template::from_json(
        &json!({
            "schema": "yaojian/requirements/1", "id": "t", "version": "1", "title": {"zh-CN": "x"}, "description": {"zh-CN": "x"},
            "questions": [{"id": "q", "kind": "single_choice", "label": {"zh-CN": "x"}, "options": []}],
            "requirements": [
                {"id": "a", "kind": "condition", "title": {"zh-CN": "x"}, "explanation": {"zh-CN": "x"}, "applies_if": {"equals": ["ghost", 1]}},
                {"id": "a", "kind": "condition", "title": {"zh-CN": "x"}, "explanation": {"zh-CN": "x"}}
            ]
        })
        .to_string(),
    )
    .unwrap_err();
    let paths: Vec<&str> = e.iter().map(|x| x.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "$.questions[0].options",
            "$.requirements[0].applies_if.equals[0]",
            "$.requirements[1].id"
        ]
    );
    let e = Template::from_json(r#"{"schema": "yaojian/requirements/1", "id": 5}"#).unwrap_err();
    assert_eq!(e[0].path, "$.id");
}

#[test]
fn a_lenient_read_keeps_what_fits_and_reports_the_rest() {
    let t = built_in("drug-trading-licence", None).unwrap();
    let (input, errs) = Input::lenient(
        &json!({"answers": {"q_channel": "retail", "ghost": 1}, "have": ["r_pharmacist", "zzz"]}),
        &t,
    );
    assert_eq!(input.answers.get("q_channel"), Some(&json!("retail")));
    assert_eq!(input.have, ["r_pharmacist"]);
    let paths: Vec<&str> = errs.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["$.answers.ghost", "$.have[1]"]);
    assert_eq!(check(&t, &input, Lang::ZhCn).summary.met, 1);
}

#[test]
fn the_menu_titles_in_the_catalogs_are_the_templates_own() {
    // The checker's menu names every built-in before its file is fetched, from the
    // catalog (`rq.template.<id>`): the words must be the template's title.
    for t in all() {
        for lang in [Lang::ZhCn, Lang::ZhTw, Lang::En] {
            let menu = yaojian::i18n::t(lang, &format!("rq.template.{}", t.id));
            assert_eq!(
                menu,
                yaojian::i18n::pick(&t.title, lang),
                "{} {lang:?}",
                t.id
            );
        }
    }
}

#[test]
fn a_template_file_is_installed_under_its_own_name_only() {
    let src = built_in_source("drug-trading-licence").unwrap();
    assert_eq!(
        built_in_file("drug-trading-licence").as_deref(),
        Some("requirements-drug-trading-licence")
    );
    assert_eq!(built_in_file(NO_PENALTY_ID), None);
    assert_eq!(built_in_file("nonesuch"), None);
    let codes = |r: Result<(), yaojian::Errors>| -> Vec<(String, String)> {
        let e = r.unwrap_err();
        e.iter().map(|e| (e.path.clone(), e.code.clone())).collect()
    };
    // Another template's text under this name is refused, naming the id.
    assert_eq!(
        codes(install_built_in(
            "requirements-drug-production-licence",
            src
        )),
        [("$.id".to_string(), "data.other_template".to_string())]
    );
    assert_eq!(
        codes(install_built_in("requirements-nonesuch", src)),
        [("$".to_string(), "data.unknown_file".to_string())]
    );
    // A template that does not read is refused at its path.
    let broken = src.replacen("\"questions\"", "\"questionz\"", 1);
    assert!(install_built_in("requirements-drug-trading-licence", &broken).is_err());
    // Its own text is accepted, twice.
    install_built_in("requirements-drug-trading-licence", src).unwrap();
    install_built_in("requirements-drug-trading-licence", src).unwrap();
}
