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
