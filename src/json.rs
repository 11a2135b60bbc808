//! Reading JSON documents from outside (templates, cases, benchmarks, submissions):
//! a size cap, syntax errors with line and column, and type errors that name the JSON
//! path of the offending value (`$.rules[3].fine.kind`).

use crate::error::FieldError;
use crate::MAX_DOCUMENT_BYTES;
use serde::de::DeserializeOwned;

/// Parses text into a JSON value, refusing documents over [`MAX_DOCUMENT_BYTES`] and
/// objects that name a key twice (`{"a":1,"a":2}` would otherwise keep the last, so two
/// readers could see two different documents). A UTF-8 byte-order mark is skipped.
pub fn parse_document(src: &str, path: &str) -> Result<serde_json::Value, FieldError> {
    parse_document_capped(src, path, MAX_DOCUMENT_BYTES)
}

/// [`parse_document`] with another size cap (a batch of many submissions).
pub fn parse_document_capped(
    src: &str,
    path: &str,
    max: usize,
) -> Result<serde_json::Value, FieldError> {
    if src.len() > max {
        return Err(FieldError::new(path, "json.too_large").with("max", max));
    }
    let mut de = serde_json::Deserializer::from_str(without_bom(src));
    DUPLICATE.with(|d| d.take());
    match serde_path_to_error::deserialize::<_, Strict>(&mut de) {
        Ok(Strict(v)) => de
            .end()
            .map(|()| v)
            .map_err(|e| crate::error::json_syntax(path, &e)),
        Err(e) => Err(match DUPLICATE.with(|d| d.take()) {
            Some(key) => {
                FieldError::new(join_path(path, &e.path().to_string()), "json.duplicate_key")
                    .with("key", key)
            }
            None => crate::error::json_syntax(path, e.inner()),
        }),
    }
}

/// The serde name of an enum value (`Status::InProgress` → `in_progress`).
pub fn wire_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|x| x.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The text without a leading UTF-8 byte-order mark (Windows editors write one).
pub fn without_bom(src: &str) -> &str {
    src.strip_prefix('\u{feff}').unwrap_or(src)
}

thread_local! {
    /// The key a document named twice, set by the reader as it refuses the document, so
    /// [`parse_document`] can tell that refusal from a syntax error.
    static DUPLICATE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// A JSON value read with a check for duplicate keys.
struct Strict(serde_json::Value);

impl<'de> serde::Deserialize<'de> for Strict {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = serde_json::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, b: bool) -> Result<Self::Value, E> {
        Ok(b.into())
    }
    fn visit_i64<E>(self, n: i64) -> Result<Self::Value, E> {
        Ok(n.into())
    }
    fn visit_u64<E>(self, n: u64) -> Result<Self::Value, E> {
        Ok(n.into())
    }
    fn visit_f64<E>(self, n: f64) -> Result<Self::Value, E> {
        Ok(serde_json::Number::from_f64(n).map_or(serde_json::Value::Null, Into::into))
    }
    fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
        Ok(s.into())
    }
    fn visit_string<E>(self, s: String) -> Result<Self::Value, E> {
        Ok(s.into())
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(Strict(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(out.into())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                let e = serde::de::Error::custom(format!("duplicate key \"{key}\""));
                DUPLICATE.with(|d| *d.borrow_mut() = Some(key));
                return Err(e);
            }
            let Strict(v) = map.next_value()?;
            out.insert(key, v);
        }
        Ok(out.into())
    }
}

/// `path` followed by serde_path_to_error's inner path (`.`, `a.b`, `[2].c`).
fn join_path(path: &str, inner: &str) -> String {
    if inner == "." || inner.is_empty() {
        path.to_string()
    } else if inner.starts_with('[') {
        format!("{path}{inner}")
    } else {
        format!("{path}.{inner}")
    }
}

/// Deserialises a value, reporting the path of the first value that does not fit.
pub fn parse_value_at<T: DeserializeOwned>(
    v: serde_json::Value,
    path: &str,
) -> Result<T, FieldError> {
    serde_path_to_error::deserialize(v).map_err(|e| {
        FieldError::new(join_path(path, &e.path().to_string()), "json.invalid")
            .with("detail", e.inner())
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
    match serde_json::from_str(without_bom(src)) {
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

    /// Issue 14.6: `{"a":1,"a":2}` was read as `{"a":2}`.
    #[test]
    fn duplicate_keys_are_refused_with_their_path() {
        let e = parse_document(r#"{"answers":{"q1":"yes","q1":"no"}}"#, "$").unwrap_err();
        assert_eq!(
            (e.path.as_str(), e.code.as_str()),
            ("$.answers", "json.duplicate_key")
        );
        assert_eq!(e.params["key"], "q1");
        let e = parse_document(r#"[{"a":1},{"b":1,"b":2}]"#, "$.x").unwrap_err();
        assert_eq!(e.path, "$.x[1]");
        let e = parse_document(r#"{"a":1,"a":1}"#, "$").unwrap_err();
        assert_eq!((e.path.as_str(), e.params["key"].as_str()), ("$", "a"));
        let e = parse_document(r#"{"x at line 3":1,"x at line 3":2}"#, "$").unwrap_err();
        assert_eq!(
            e.params["key"], "x at line 3",
            "the whole key, whatever it says"
        );
        let v = parse_document(r#"{"a":{"a":[1,-2,3.5,true,null,"x"]},"b":{}}"#, "$").unwrap();
        assert_eq!(
            v,
            serde_json::json!({"a":{"a":[1,-2,3.5,true,null,"x"]},"b":{}})
        );
        assert_eq!(parse_document("{} x", "$").unwrap_err().code, "json.syntax");
        assert_eq!(
            parse_document("{\"a\":", "$").unwrap_err().code,
            "json.syntax"
        );
    }

    /// Issue 14.8: a document saved by a Windows editor starts with a BOM.
    #[test]
    fn a_byte_order_mark_is_skipped() {
        assert_eq!(
            parse_document("\u{feff}{\"a\":1}", "$").unwrap(),
            serde_json::json!({"a":1})
        );
        assert_eq!(
            parse_str_at::<Doc>("\u{feff}{\"items\":[]}", "$")
                .unwrap()
                .items
                .len(),
            0
        );
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
