//! Reading JSON documents from outside (templates, cases, benchmarks, submissions):
//! a size cap, syntax errors with line and column, and type errors that name the JSON
//! path of the offending value (`$.rules[3].fine.kind`).

use crate::error::FieldError;
use crate::MAX_DOCUMENT_BYTES;
use serde::de::DeserializeOwned;

/// Parses text into a JSON value, refusing documents over [`MAX_DOCUMENT_BYTES`].
pub fn parse_document(src: &str, path: &str) -> Result<serde_json::Value, FieldError> {
    if src.len() > MAX_DOCUMENT_BYTES {
        return Err(FieldError::new(path, "json.too_large").with("max", MAX_DOCUMENT_BYTES));
    }
    serde_json::from_str(src).map_err(|e| crate::error::json_syntax(path, &e))
}

/// Deserialises a value, reporting the path of the first value that does not fit.
pub fn parse_value_at<T: DeserializeOwned>(
    v: serde_json::Value,
    path: &str,
) -> Result<T, FieldError> {
    serde_path_to_error::deserialize(v).map_err(|e| {
        let inner = e.path().to_string();
        let full = if inner == "." || inner.is_empty() {
            path.to_string()
        } else if inner.starts_with('[') {
            format!("{path}{inner}")
        } else {
            format!("{path}.{inner}")
        };
        FieldError::new(full, "json.invalid").with("detail", e.inner())
    })
}

/// Reads a document straight into `T`. The fast way first (one pass, no path kept);
/// only a document that does not fit is read again to name where it went wrong, so a
/// good document costs one parse and a bad one gets the same errors as
/// [`parse_document`] followed by [`parse_value_at`].
pub fn parse_str_at<T: DeserializeOwned>(src: &str, path: &str) -> Result<T, FieldError> {
    if src.len() > MAX_DOCUMENT_BYTES {
        return Err(FieldError::new(path, "json.too_large").with("max", MAX_DOCUMENT_BYTES));
    }
    match serde_json::from_str(src) {
        Ok(t) => Ok(t),
        Err(_) => parse_value_at(parse_document(src, path)?, path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Doc {
        items: Vec<Item>,
    }
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Item {
        n: u32,
    }

    #[test]
    fn the_fast_read_reports_as_the_slow_one() {
        let ok = parse_str_at::<Doc>(r#"{"items":[{"n":1}]}"#, "$").unwrap();
        assert_eq!(ok.items.len(), 1);
        for bad in [r#"{"items":[{"n":1},{"n":"x"}]}"#, "{\n  \"a\": }", "[]"] {
            let slow = parse_document(bad, "$").and_then(|v| parse_value_at::<Doc>(v, "$"));
            assert_eq!(
                parse_str_at::<Doc>(bad, "$").unwrap_err(),
                slow.unwrap_err()
            );
        }
        let big = " ".repeat(MAX_DOCUMENT_BYTES + 1);
        assert_eq!(
            parse_str_at::<Doc>(&big, "$").unwrap_err().code,
            "json.too_large"
        );
    }

    #[test]
    fn type_errors_name_the_path() {
        let v = parse_document(r#"{"items":[{"n":1},{"n":"x"}]}"#, "$").unwrap();
        let e = parse_value_at::<Doc>(v, "$").unwrap_err();
        assert_eq!(e.path, "$.items[1].n");
        assert_eq!(e.code, "json.invalid");
    }

    #[test]
    fn syntax_errors_give_line_and_column() {
        let e = parse_document("{\n  \"a\": }", "$").unwrap_err();
        assert_eq!(e.code, "json.syntax");
        assert_eq!(e.params["line"], "2");
    }

    #[test]
    fn oversized_documents_are_refused() {
        let big = " ".repeat(MAX_DOCUMENT_BYTES + 1);
        assert_eq!(
            parse_document(&big, "$").unwrap_err().code,
            "json.too_large"
        );
    }
}
