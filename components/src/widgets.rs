//! The widget list: every widget the bundle carries, once. A widget is a folder named
//! after its element (`src/<kind>/`, with `spec.rs` implementing
//! [`crate::contract::Widget`] and `examples/*.json`); `build.rs` makes the list from
//! the folders (`$OUT_DIR/widgets.rs`: each widget's module and its [`Entry`]).

use crate::contract::{Entry, Spec};

include!(concat!(env!("OUT_DIR"), "/widgets.rs"));

include!(concat!(env!("OUT_DIR"), "/examples.rs"));

/// The widget of `kind`.
pub fn entry(kind: &str) -> Option<&'static Entry> {
    WIDGETS.iter().find(|e| (e.spec)().kind == kind)
}

/// Every widget's spec, in list order.
pub fn specs() -> impl Iterator<Item = &'static Spec> {
    WIDGETS.iter().map(|e| (e.spec)())
}

/// The examples of widget `kind`: (name, JSON text), by name. Only the tests read them
/// all; a widget that shows its own examples names its static (`examples::PENALTY_CALCULATOR`).
#[cfg(test)]
pub fn examples(kind: &str) -> impl Iterator<Item = (&'static str, &'static str)> {
    examples::by_kind(kind).iter().copied()
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn the_data_files_are_listed_in_the_order_the_engine_installs_them() {
        let order: Vec<&str> = yaojian::penalty::data::FILES
            .into_iter()
            .filter(|f| super::DATA.contains(f))
            .collect();
        assert_eq!(&super::DATA[..order.len()], order.as_slice());
        assert!(
            super::DATA.contains(&yaojian::penalty::data::RULES),
            "the calculator needs the rule table"
        );
    }

    #[wasm_bindgen_test]
    fn the_checker_has_its_first_template_at_once_and_asks_for_the_others() {
        use yaojian::requirements::{built_in_file, BUILT_IN_FILES};
        let file = |id| built_in_file(id).unwrap();
        let first = file(BUILT_IN_FILES[0]);
        assert!(super::DATA.contains(&first.as_str()), "{first}");
        for id in &BUILT_IN_FILES[1..] {
            assert!(super::DATA_ON_DEMAND.contains(&file(id).as_str()), "{id}");
            assert!(!super::DATA.contains(&file(id).as_str()), "{id}");
        }
        for name in super::DATA.iter().chain(super::DATA_ON_DEMAND) {
            let (_, text) = yaojian::penalty::data::EMBEDDED
                .into_iter()
                .find(|(n, _)| n == name)
                .unwrap_or_else(|| match name.strip_prefix("form-") {
                    Some(id) => (name, yaojian::form::built_in_source(id).unwrap()),
                    None => {
                        let id = name.trim_start_matches("requirements-");
                        (name, yaojian::requirements::built_in_source(id).unwrap())
                    }
                });
            let installed = super::install_data(name, text).expect("an installer");
            assert!(installed.is_ok(), "{name}: {installed:?}");
        }
        assert!(super::install_data("requirements-nonesuch", "{}").is_none());
    }

    #[wasm_bindgen_test]
    fn the_form_has_its_default_template_at_once_and_asks_for_the_others() {
        use yaojian::form::{built_in_file, BUILT_IN_IDS, DEFAULT_ID};
        let default = built_in_file(DEFAULT_ID).unwrap();
        assert!(super::DATA.contains(&default.as_str()), "{default}");
        for id in BUILT_IN_IDS.into_iter().filter(|id| *id != DEFAULT_ID) {
            let file = built_in_file(id).unwrap();
            assert!(super::DATA_ON_DEMAND.contains(&file.as_str()), "{id}");
            assert!(!super::DATA.contains(&file.as_str()), "{id}");
        }
    }
}
