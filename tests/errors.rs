//! The engine's one error type (issue 18): a list of field errors that is a
//! `std::error::Error`, so a back end can `?` it into its own error and still read
//! every path.
use yaojian::prelude::*;

fn assess_in_a_back_end(src: &str) -> Result<Outcome, Box<dyn std::error::Error>> {
    Ok(penalty::assess_json(src, Lang::En)?.outcome)
}

#[test]
fn a_refused_case_is_an_error_that_names_every_path() {
    let e = penalty::assess_json(r#"{"rule": "dal-116", "goods_value": "12.345"}"#, Lang::En)
        .unwrap_err();
    assert_eq!(e[0].path, "$.goods_value");
    assert_eq!(e[0].code, "money.too_many_decimals");
    // Displayed as "path: message", one after another.
    let shown = e.to_string();
    assert!(shown.starts_with("$.goods_value: "), "{shown}");
    // Boxed as any error, it still says what is wrong.
    let boxed =
        assess_in_a_back_end(r#"{"rule": "dal-116", "goods_value": "12.345"}"#).unwrap_err();
    assert_eq!(boxed.to_string(), shown);
    assert_eq!(
        assess_in_a_back_end(r#"{"rule": "dal-141-1"}"#).unwrap(),
        Outcome::Fine
    );
}

#[test]
fn errors_convert_to_and_from_a_list() {
    let one = FieldError::new("$.a", "json.type");
    let errs = Errors::from(one.clone());
    assert_eq!(errs, vec![one.clone()]);
    let list: Vec<FieldError> = errs.clone().into();
    assert_eq!(list, vec![one.clone()]);
    let collected: Errors = vec![one.clone(), one].into_iter().collect();
    assert_eq!(collected.len(), 2);
    assert_eq!((&collected).into_iter().count(), 2);
}
