//! The built-in self-inspection templates as data files (`form-<id>`): named, installed
//! and titled as the widgets that fetch them expect.

use yaojian::form;
use yaojian::Lang;

#[test]
fn the_template_titles_in_the_catalogs_are_the_templates_own() {
    // The builder's "start from" menu and the list's server import name every built-in
    // before its file is fetched, from the catalog (`form.template.<id>`).
    for id in form::built_in_ids() {
        let t = form::built_in(id).unwrap();
        for lang in [Lang::ZhCn, Lang::ZhTw, Lang::En] {
            let menu = yaojian::i18n::t(lang, &format!("form.template.{id}"));
            assert_eq!(menu, yaojian::i18n::pick(&t.title, lang), "{id} {lang:?}");
        }
    }
}

#[test]
fn a_form_template_file_is_installed_under_its_own_name_only() {
    let id = "representative-personal";
    let src = form::built_in_source(id).unwrap();
    assert_eq!(
        form::built_in_file(id).as_deref(),
        Some("form-representative-personal")
    );
    assert_eq!(form::built_in_file("nonesuch"), None);
    assert_eq!(form::chosen_id(None), form::DEFAULT_ID);
    assert_eq!(form::chosen_id(Some("x")), "x");
    // Compiled in here (feature `embedded-data`): nothing to fetch.
    assert!(form::files_wanted(form::BUILT_IN_IDS).is_empty());
    let codes = |r: Result<(), yaojian::Errors>| -> Vec<(String, String)> {
        let e = r.unwrap_err();
        e.iter().map(|e| (e.path.clone(), e.code.clone())).collect()
    };
    // Another template's text under this name is refused, naming the id.
    assert_eq!(
        codes(form::install_built_in(
            "form-mah-representative-management",
            src
        )),
        [("$.id".to_string(), "data.other_template".to_string())]
    );
    assert_eq!(
        codes(form::install_built_in("form-nonesuch", src)),
        [("$".to_string(), "data.unknown_file".to_string())]
    );
    // A template that does not read is refused.
    let broken = src.replacen("\"questions\"", "\"questionz\"", 1);
    assert!(form::install_built_in("form-representative-personal", &broken).is_err());
    // Its own text is accepted, twice.
    form::install_built_in("form-representative-personal", src).unwrap();
    form::install_built_in("form-representative-personal", src).unwrap();
}

/// A template's text in `lang` and zh-CN only, as `scripts/dist-manifest.mjs` cuts a
/// built-in template's file for a page in that language.
fn cut(v: &serde_json::Value, lang: &str) -> serde_json::Value {
    use serde_json::Value;
    const LANGS: [&str; 3] = ["zh-CN", "zh-TW", "en"];
    match v {
        Value::Array(a) => Value::Array(a.iter().map(|x| cut(x, lang)).collect()),
        Value::Object(m) if !m.is_empty() && m.keys().all(|k| LANGS.contains(&k.as_str())) => {
            let keep = |k: &String| k == "zh-CN" || k == lang;
            Value::Object(
                m.iter()
                    .filter(|(k, _)| keep(k))
                    .map(|(k, x)| (k.clone(), x.clone()))
                    .collect(),
            )
        }
        Value::Object(m) => {
            Value::Object(m.iter().map(|(k, x)| (k.clone(), cut(x, lang))).collect())
        }
        other => other.clone(),
    }
}

/// The personal template's family of files under `prefix` (the reader the form templates
/// use, under names no widget uses), and its whole document.
fn personal_under(prefix: &'static str) -> (yaojian::data::BuiltInFiles, serde_json::Value) {
    let files = yaojian::data::BuiltInFiles {
        prefix,
        ids: &["representative-personal"],
        embedded: &[],
    };
    let whole = serde_json::from_str(form::built_in_source("representative-personal").unwrap());
    (files, whole.unwrap())
}

fn read_id(t: &str) -> Result<String, yaojian::Errors> {
    form::Template::from_json(t).map(|t| t.id)
}

#[test]
fn a_template_cut_per_language_gains_each_language_installed() {
    let (files, whole) = personal_under("cut-");
    let name = "cut-representative-personal";
    let installed =
        || form::Template::from_json(files.source("representative-personal").unwrap()).unwrap();
    let title = |t: &form::Template, lang| yaojian::i18n::pick(&t.title, lang);

    files
        .install(name, &cut(&whole, "zh-CN").to_string(), read_id)
        .unwrap();
    let zh = installed();
    assert_eq!(title(&zh, Lang::ZhCn), "医药代表个人自查表");
    assert_eq!(
        title(&zh, Lang::En),
        "医药代表个人自查表",
        "no English yet: zh-CN shows"
    );
    let before = yaojian::data::generation();

    files
        .install(name, &cut(&whole, "en").to_string(), read_id)
        .unwrap();
    assert!(
        yaojian::data::generation() > before,
        "a widget must see the template grew"
    );
    let both = installed();
    assert_eq!(
        title(&both, Lang::En),
        "Medical representative self-inspection (individual)"
    );
    assert_eq!(title(&both, Lang::ZhCn), "医药代表个人自查表");
    assert_eq!(
        title(&both, Lang::ZhTw),
        "医药代表个人自查表",
        "zh-TW not fetched yet"
    );

    files
        .install(name, &cut(&whole, "zh-TW").to_string(), read_id)
        .unwrap();
    let all = installed();
    assert_eq!(
        all.sections.len(),
        form::built_in("representative-personal")
            .unwrap()
            .sections
            .len()
    );
    for lang in [Lang::ZhCn, Lang::ZhTw, Lang::En] {
        let whole_t = form::Template::from_json(&whole.to_string()).unwrap();
        assert_eq!(title(&all, lang), title(&whole_t, lang), "{lang:?}");
    }
    // The same file again changes nothing: the text kept is the one kept before.
    let settled = files.source("representative-personal").unwrap();
    files
        .install(name, &cut(&whole, "en").to_string(), read_id)
        .unwrap();
    assert!(std::ptr::eq(
        files.source("representative-personal").unwrap(),
        settled
    ));
}

#[test]
fn another_version_of_a_template_is_not_merged_into_the_one_kept() {
    let (files, whole) = personal_under("version-");
    let name = "version-representative-personal";
    files
        .install(name, &cut(&whole, "zh-CN").to_string(), read_id)
        .unwrap();
    let mut newer = cut(&whole, "en");
    newer["version"] = "2099.1".into();
    let e = files
        .install(name, &newer.to_string(), read_id)
        .unwrap_err();
    assert_eq!(
        e.iter().map(|e| e.code.as_str()).collect::<Vec<_>>(),
        ["data.already_installed"]
    );
    // What was kept stays as it was.
    let kept = form::Template::from_json(files.source("representative-personal").unwrap()).unwrap();
    assert_eq!(kept.version, whole["version"].as_str().unwrap());
    assert_eq!(
        yaojian::i18n::pick(&kept.title, Lang::En),
        "医药代表个人自查表"
    );
}

#[test]
fn merging_adds_members_and_refuses_what_differs() {
    use serde_json::json;
    let mut kept = json!({"a": {"zh-CN": "甲"}, "list": [{"zh-CN": "一"}], "n": 1});
    assert!(yaojian::data::merge_json(
        &mut kept,
        &json!({"a": {"en": "A"}, "list": [{"en": "one"}], "n": 1}),
    ));
    assert_eq!(
        kept,
        json!({"a": {"zh-CN": "甲", "en": "A"}, "list": [{"zh-CN": "一", "en": "one"}], "n": 1})
    );
    for differs in [json!({"n": 2}), json!({"list": []}), json!({"a": "A"})] {
        assert!(
            !yaojian::data::merge_json(&mut kept.clone(), &differs),
            "{differs}"
        );
    }
}
