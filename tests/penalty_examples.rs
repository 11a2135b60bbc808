//! The widget's example cases (components/src/penalty-calculator/examples) with an `expect`
//! hold hand-computed expectations; the engine must meet them. The browser tests render the same files.
use yaojian::penalty::assess_json;
use yaojian::Lang;

#[test]
fn every_widget_example_meets_its_hand_computed_expectation() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("components/src/penalty-calculator/examples");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let ex: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let expect = &ex["expect"];
        if expect.is_null() {
            continue;
        }
        let result = assess_json(&ex["properties"]["value"].to_string(), Lang::ZhCn);
        if let Some(p) = expect.get("error_path") {
            let e = result.expect_err(&path.display().to_string());
            assert_eq!(e[0].path, p.as_str().unwrap(), "{}", path.display());
            assert_eq!(e[0].code, expect["error_code"].as_str().unwrap());
        } else {
            let a = serde_json::to_value(
                result.unwrap_or_else(|e| panic!("{}: {e:?}", path.display())),
            )
            .unwrap();
            for key in [
                "outcome",
                "statutory_min",
                "statutory_max",
                "fine_suggested",
            ] {
                if let Some(v) = expect.get(key) {
                    assert_eq!(&a[key], v, "{}: {key}", path.display());
                }
            }
        }
        n += 1;
    }
    assert_eq!(n, 7);
}
