//! The XLSForm converter: committed spreadsheets (made by openpyxl, as a spreadsheet
//! program writes them, from `tests/xlsform/*.sheets.json`) with their expected template
//! or errors, the built-in templates and generated ones round-tripped through xlsx.
#![cfg(feature = "xlsx")]

use proptest::prelude::*;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use yaojian::form::xlsform::{from_xlsx, read_workbook, to_xlsx, Headers, MAX_XLSX_BYTES};
use yaojian::form::{built_in, built_in_ids, Template};
use yaojian::Lang;

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/xlsform");
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/xlsform")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .collect();
    out.sort();
    assert!(out.len() >= 6, "fixtures missing in {}", dir.display());
    out
}

fn companion(xlsx: &Path, suffix: &str) -> PathBuf {
    let stem = xlsx
        .file_stem()
        .expect("stem")
        .to_string_lossy()
        .to_string();
    xlsx.with_file_name(format!("{stem}.{suffix}"))
}

fn read_json(p: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(p).expect("read")).expect("json")
}

/// A described cell as the converter reads it: numbers without a needless `.0`.
fn described(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[test]
fn each_fixture_holds_what_its_description_says() {
    for xlsx in fixtures() {
        let book = read_workbook(&std::fs::read(&xlsx).expect("xlsx"));
        let description = read_json(&companion(&xlsx, "sheets.json"));
        let described_sheets = description.as_object().expect("sheets");
        let Ok(book) = book else {
            // Only the fixture of a cell holding an error value is refused as a whole.
            assert!(xlsx.ends_with("cell-error.xlsx"), "{}", xlsx.display());
            continue;
        };
        let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
        let mut expected: Vec<&str> = described_sheets.keys().map(String::as_str).collect();
        expected.sort();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(sorted, expected, "{}", xlsx.display());
        for sheet in &book.sheets {
            let rows = described_sheets[&sheet.name].as_array().expect("rows");
            for (r, row) in rows.iter().enumerate() {
                for (c, v) in row.as_array().expect("cells").iter().enumerate() {
                    assert_eq!(
                        sheet.cell(r, c),
                        described(v),
                        "{} {}",
                        xlsx.display(),
                        sheet.address(r, c)
                    );
                }
            }
        }
    }
}

#[test]
fn fixtures_read_as_their_expected_template() {
    let mut checked = 0;
    for xlsx in fixtures() {
        let expected = companion(&xlsx, "template.json");
        if !expected.exists() {
            continue;
        }
        let doc = from_xlsx(&std::fs::read(&xlsx).expect("xlsx"))
            .unwrap_or_else(|e| panic!("{}: {:?}", xlsx.display(), e.0));
        assert_eq!(doc, read_json(&expected), "{}", xlsx.display());
        Template::from_value(doc).expect("a valid template");
        checked += 1;
    }
    assert_eq!(checked, 2);
}

#[test]
fn fixtures_report_every_error_at_its_cell_in_every_language() {
    let mut checked = 0;
    for xlsx in fixtures() {
        let expected = companion(&xlsx, "errors.json");
        if !expected.exists() {
            continue;
        }
        let errors = match read_workbook(&std::fs::read(&xlsx).expect("xlsx")) {
            Err(e) => e,
            Ok(book) => yaojian::form::xlsform::from_workbook(&book).expect_err("errors"),
        };
        let got: Vec<Value> = errors.iter().map(|e| json!([e.path, e.code])).collect();
        assert_eq!(
            Value::Array(got),
            read_json(&expected),
            "{}",
            xlsx.display()
        );
        for e in errors.iter() {
            for lang in Lang::ALL {
                let m = e.message(lang);
                assert!(
                    !m.starts_with("error.") && !has_placeholder(&m),
                    "{} {lang:?}: {m}",
                    e.code
                );
            }
        }
        checked += 1;
    }
    assert_eq!(checked, 4);
}

/// Whether a message still holds a `{name}` its parameters did not fill.
fn has_placeholder(m: &str) -> bool {
    m.split('{').skip(1).any(|rest| {
        rest.split_once('}').is_some_and(|(name, _)| {
            !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        })
    })
}

#[test]
fn the_errors_fixture_covers_every_kind_of_mistake() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/xlsform/errors.errors.json");
    let codes: Vec<String> = read_json(&path)
        .as_array()
        .expect("list")
        .iter()
        .map(|e| e[1].as_str().expect("code").to_string())
        .collect();
    for code in [
        "yes_no",
        "filer",
        "unknown_type",
        "no_type",
        "unknown_list",
        "expected_value",
        "yes_no_value",
        "inclusive",
        "money",
        "note",
        "nested_group",
        "severity",
        "comparison",
        "unclosed_ref",
        "unclosed_string",
        "unmatched_end",
        "duplicate_bound",
        "expected",
        "unclosed",
        "duplicate_column",
    ] {
        assert!(
            codes.contains(&format!("xlsform.{code}")),
            "no fixture shows xlsform.{code}"
        );
    }
    for code in [
        "form.id",
        "form.text_zh_cn",
        "expr.unknown_question",
        "form.bound",
        "form.unknown_rule",
    ] {
        assert!(codes.iter().any(|c| c == code), "no fixture shows {code}");
    }
}

#[test]
fn a_file_that_is_not_a_spreadsheet_is_refused() {
    for bytes in [
        &b"type,name,label\ntext,q1,Q\n"[..],
        &b"PK\x03\x04 not really a zip"[..],
        &[][..],
    ] {
        let e = from_xlsx(bytes).expect_err("refused");
        assert_eq!(
            (e[0].path.as_str(), e[0].code.as_str()),
            ("$", "xlsform.not_spreadsheet")
        );
    }
    let e = from_xlsx(&vec![b'P'; MAX_XLSX_BYTES + 1]).expect_err("refused");
    assert_eq!(e[0].code, "xlsform.too_large");
}

#[test]
fn built_in_templates_round_trip_through_xlsx() {
    for id in built_in_ids() {
        let t = built_in(id).expect("built-in parses");
        for headers in [Headers::English, Headers::Chinese] {
            let bytes = to_xlsx(&t, headers).expect("writes");
            let doc = from_xlsx(&bytes).unwrap_or_else(|e| panic!("{id} {headers:?}: {:?}", e.0));
            let back = Template::from_value(doc).expect("reads back");
            assert_eq!(back, t, "{id} with {headers:?} headers");
        }
    }
}

#[test]
fn writing_is_deterministic() {
    let t = built_in("representative-personal").expect("built-in");
    assert_eq!(
        to_xlsx(&t, Headers::English).expect("a"),
        to_xlsx(&t, Headers::English).expect("b")
    );
}

#[path = "xlsform/generated.rs"]
mod generated;
#[path = "common/rng.rs"]
mod rng;

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]
    #[test]
    fn generated_templates_round_trip_through_xlsx(seed in any::<u64>(), chinese in any::<bool>()) {
        let doc = generated::template(seed);
        let shown = serde_json::to_string_pretty(&doc).expect("json");
        let t = Template::from_value(doc)
            .unwrap_or_else(|e| panic!("generator made an invalid template: {:?}\n{shown}", e.0));
        let headers = if chinese { Headers::Chinese } else { Headers::English };
        let bytes = to_xlsx(&t, headers).expect("writes");
        let back = from_xlsx(&bytes).unwrap_or_else(|e| panic!("{:?}\n{shown}", e.0));
        prop_assert_eq!(Template::from_value(back).expect("reads back"), t);
    }
}

/// `docs/xlsform/*.xlsx`, the examples `docs/xlsform.md` offers, are what `to-xlsx` writes
/// for the built-in template today (`YAOJIAN_UPDATE_DOCS=1` rewrites them).
#[test]
fn the_documented_example_spreadsheets_are_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/xlsform");
    let t = built_in("representative-personal").expect("built-in");
    for (file, headers) in [
        ("representative-personal.xlsx", Headers::English),
        ("representative-personal.zh.xlsx", Headers::Chinese),
    ] {
        let bytes = to_xlsx(&t, headers).expect("writes");
        let path = dir.join(file);
        if std::env::var_os("YAOJIAN_UPDATE_DOCS").is_some() {
            std::fs::create_dir_all(&dir).expect("docs/xlsform");
            std::fs::write(&path, &bytes).expect("write");
        }
        let committed = std::fs::read(&path).unwrap_or_default();
        assert!(committed == bytes, "{file} is out of date: YAOJIAN_UPDATE_DOCS=1 cargo test --features xlsx --test xlsform");
    }
}
