//! Reading JSON documents from outside (templates, cases, benchmarks, submissions):
//! a size cap, syntax errors with line and column, and type errors that name the JSON
//! path of the offending value (`$.rules[3].fine.kind`).
//!
//! The path of a type error is found without a path-tracking deserializer (which would
//! be compiled again for every type read, in every widget's wasm): the document is read
//! as text, serde_json says where in it the error is, and [`path_at`] walks the text
//! to that place.

pub mod read;

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
    match <Strict as serde::Deserialize>::deserialize(&mut de) {
        Ok(Strict(v)) => de
            .end()
            .map(|()| v)
            .map_err(|e| crate::error::json_syntax(path, &e)),
        Err(e) => Err(match DUPLICATE.with(|d| d.take()) {
            Some(Duplicate { key, within }) => {
                let inner = path_text(within.iter().rev());
                FieldError::new(format!("{path}{inner}"), "json.duplicate_key").with("key", key)
            }
            None => crate::error::json_syntax(path, &e),
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

/// A number as a person reads it: a whole number without a decimal point (`5`), any
/// other as JSON writes it (`0.5`, `1e+300`). Not `f64`'s `Display`: its formatter
/// (`flt2dec`, ~12 KB) would be compiled into every wasm that shows a number, where
/// serde_json's own float writer is there already.
pub fn number_text(n: f64) -> String {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53: every integer below is exact
    if n.fract() == 0.0 && n.abs() < EXACT {
        (n as i64).to_string()
    } else {
        serde_json::Number::from_f64(n).map_or_else(String::new, |x| x.to_string())
    }
}

/// Sets `key` of the object `v` to `x`; nothing when `v` is not an object. Where
/// `v[key] = x` would panic on a non-object, and bring serde_json's panic message (with
/// `str`'s `Debug` and its Unicode tables) into the wasm.
pub fn set(v: &mut serde_json::Value, key: &str, x: serde_json::Value) {
    if let Some(object) = v.as_object_mut() {
        object.insert(key.to_string(), x);
    }
}

/// `v` as one text whatever the order of its objects' keys: compact, each object's keys
/// sorted (the text serde_json wrote when its objects were sorted maps). What a hash or
/// a comparison of documents takes: a receipt reference, a published template's digest.
pub fn canonical_text(v: &serde_json::Value) -> String {
    let mut out = String::new();
    write_canonical(v, &mut out);
    out
}

fn write_canonical(v: &serde_json::Value, out: &mut String) {
    match v {
        serde_json::Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            crate::sorted::sort(&mut keys);
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::Value::String(k.clone()).to_string());
                out.push(':');
                write_canonical(&m[k], out);
            }
            out.push('}');
        }
        serde_json::Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(x, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// The text without a leading UTF-8 byte-order mark (Windows editors write one).
pub fn without_bom(src: &str) -> &str {
    src.strip_prefix('\u{feff}').unwrap_or(src)
}

/// A key a document named twice, and where: the steps from the object that has it up
/// to the document, added by each enclosing object and array as the refusal passes
/// through it (nothing is kept while a document reads well).
struct Duplicate {
    key: String,
    within: Vec<Step>,
}

/// One step of a JSON path: a key of an object or an index of an array.
enum Step {
    Key(String),
    Index(usize),
}

impl std::fmt::Display for Step {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Step::Key(k) => write!(f, ".{k}"),
            Step::Index(i) => write!(f, "[{i}]"),
        }
    }
}

thread_local! {
    /// The duplicate the reader refused the document for, so [`parse_document`] can tell
    /// that refusal from a syntax error and name where it is.
    static DUPLICATE: std::cell::RefCell<Option<Duplicate>> = const { std::cell::RefCell::new(None) };
}

/// A refusal passing out of the value at `step`: a duplicate inside it is there.
fn passing_out(step: Step) {
    DUPLICATE.with(|d| {
        if let Some(dup) = d.borrow_mut().as_mut() {
            dup.within.push(step);
        }
    });
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
        loop {
            match seq.next_element() {
                Ok(Some(Strict(v))) => out.push(v),
                Ok(None) => return Ok(out.into()),
                Err(e) => {
                    passing_out(Step::Index(out.len()));
                    return Err(e);
                }
            }
        }
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                let e = serde::de::Error::custom(format!("duplicate key \"{key}\""));
                DUPLICATE.with(|d| {
                    *d.borrow_mut() = Some(Duplicate {
                        key,
                        within: Vec::new(),
                    })
                });
                return Err(e);
            }
            match map.next_value() {
                Ok(Strict(v)) => {
                    out.insert(key, v);
                }
                Err(e) => {
                    passing_out(Step::Key(key));
                    return Err(e);
                }
            }
        }
        Ok(out.into())
    }
}

/// Deserialises a value, reporting the path of the first value that does not fit.
pub fn parse_value_at<T: DeserializeOwned>(
    v: serde_json::Value,
    path: &str,
) -> Result<T, FieldError> {
    // Read as text, as parse_str_at reads, so each type is compiled for one reader.
    let text = v.to_string();
    serde_json::from_str(&text).map_err(|e| type_error(&text, path, &e))
}

/// Reads a document straight into `T`, in one pass. Only a document that does not fit
/// is read again, to tell a syntax error or a duplicate key ([`parse_document`]) from a
/// value of the wrong type, so a bad one gets the same errors as [`parse_document`]
/// followed by [`parse_value_at`].
pub fn parse_str_at<T: DeserializeOwned>(src: &str, path: &str) -> Result<T, FieldError> {
    if src.len() > MAX_DOCUMENT_BYTES {
        return Err(FieldError::new(path, "json.too_large").with("max", MAX_DOCUMENT_BYTES));
    }
    let text = without_bom(src);
    serde_json::from_str(text).map_err(|e| match parse_document(src, path) {
        Err(syntax_or_duplicate) => syntax_or_duplicate,
        Ok(_) => type_error(text, path, &e),
    })
}

/// `json.invalid` at the path of the place in `text` (well-formed JSON) where serde_json
/// stopped with `e`, with serde_json's words as the detail.
fn type_error(text: &str, path: &str, e: &serde_json::Error) -> FieldError {
    let offset = offset_of(text, e.line(), e.column());
    let words = e.to_string();
    let at = format!(" at line {} column {}", e.line(), e.column());
    let detail = words.strip_suffix(&at).unwrap_or(&words);
    FieldError::new(format!("{path}{}", path_at(text, offset)), "json.invalid")
        .with("detail", detail)
}

/// The byte offset of serde_json's (line, column): the column counts bytes.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start = match line {
        0 | 1 => 0,
        n => text
            .match_indices('\n')
            .nth(n - 2)
            .map_or(text.len(), |(i, _)| i + 1),
    };
    (start + column).min(text.len())
}

/// Where the reader is in a document: in an object or an array, with the step to the
/// value being read there (the key last read, the element's index; none before an
/// object's first key) and, in an object, whether a key comes next.
struct Frame {
    step: Option<Step>,
    key_next: bool,
}

/// The inner path of `steps` (`.items[1].n`).
fn path_text<'a>(steps: impl Iterator<Item = &'a Step>) -> String {
    steps.map(Step::to_string).collect()
}

fn path_of(stack: &[Frame]) -> String {
    path_text(stack.iter().filter_map(|f| f.step.as_ref()))
}

/// The inner JSON path (`.items[1].n`, or empty for the document) of what ends at byte
/// `offset` of `text`, a well-formed document: serde_json stops just after the value of
/// the wrong type, after an unknown key (its path names it), or after the `}` of an
/// object that lacks a field (the object's path).
pub fn path_at(text: &str, offset: usize) -> String {
    let b = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        match b[i] {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b',' | b':' => {
                if let Some(frame) = stack.last_mut() {
                    match &mut frame.step {
                        Some(Step::Index(index)) => *index += 1,
                        _ => frame.key_next = b[i] == b',',
                    }
                }
                i += 1;
                continue;
            }
            b'{' | b'[' => {
                if i + 1 >= offset {
                    return path_of(&stack);
                }
                stack.push(match b[i] {
                    b'{' => Frame {
                        step: None,
                        key_next: true,
                    },
                    _ => Frame {
                        step: Some(Step::Index(0)),
                        key_next: false,
                    },
                });
                i += 1;
                continue;
            }
            b'}' | b']' => {
                stack.pop();
                if i + 1 >= offset {
                    return path_of(&stack);
                }
                i += 1;
                continue;
            }
            b'"' => i = string_end(b, i),
            _ => {
                while i < b.len()
                    && !matches!(b[i], b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                {
                    i += 1;
                }
            }
        }
        // A key or a scalar value, text[start..i].
        if let Some(frame) = stack.last_mut().filter(|f| f.key_next) {
            // A `Value`, whose reader is compiled in anyway, not a typed `String`.
            frame.step = match serde_json::from_str::<serde_json::Value>(&text[start..i]) {
                Ok(serde_json::Value::String(key)) => Some(Step::Key(key)),
                _ => None,
            };
        }
        if i >= offset {
            return path_of(&stack);
        }
    }
    String::new()
}

/// The index just past the string that starts at `start` (its opening quote).
fn string_end(b: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_text_sorts_every_objects_keys() {
        let a: serde_json::Value =
            serde_json::from_str(r#"{"b": [{"y": 1, "x": "\"引\""}], "a": null}"#).unwrap();
        let b: serde_json::Value =
            serde_json::from_str(r#"{"a": null, "b": [{"x": "\"引\"", "y": 1}]}"#).unwrap();
        assert_ne!(
            a.to_string(),
            b.to_string(),
            "objects keep their document's order"
        );
        assert_eq!(
            canonical_text(&a),
            r#"{"a":null,"b":[{"x":"\"引\"","y":1}]}"#
        );
        assert_eq!(canonical_text(&b), canonical_text(&a));
    }

    #[test]
    fn set_writes_objects_only() {
        let mut v = serde_json::json!({"a": 1});
        set(&mut v, "b", serde_json::json!("x"));
        set(&mut v, "a", serde_json::json!(2));
        assert_eq!(v, serde_json::json!({"a": 2, "b": "x"}));
        let mut not_object = serde_json::json!([1]);
        set(&mut not_object, "b", serde_json::json!(1));
        assert_eq!(not_object, serde_json::json!([1]));
    }

    #[test]
    fn numbers_read_as_written() {
        let cases = [
            (5.0, "5"),
            (-3.0, "-3"),
            (0.0, "0"),
            (-0.0, "0"),
            (0.5, "0.5"),
            (-2.25, "-2.25"),
            (100.125, "100.125"),
            (1e300, "1e+300"),
            (9_007_199_254_740_991.0, "9007199254740991"),
            (f64::NAN, ""),
        ];
        for (n, text) in cases {
            assert_eq!(number_text(n), text, "{n}");
        }
    }

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

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Strictly {
        name: String,
        #[serde(default)]
        tags: Vec<u8>,
    }

    fn error_of<T: DeserializeOwned + std::fmt::Debug>(text: &str) -> (String, String) {
        let e = parse_str_at::<T>(text, "$").unwrap_err();
        let slow = parse_value_at::<T>(parse_document(text, "$").unwrap(), "$").unwrap_err();
        assert_eq!(e, slow, "the same error read as text or as a value");
        (e.path, e.params["detail"].clone())
    }

    /// Issue 37: the path comes from where serde_json stopped in the text.
    #[test]
    fn the_path_is_found_for_every_kind_of_type_error() {
        // A value of the wrong type, deep, in text with line breaks and Chinese.
        let text = "{\n \"items\": [ {\"n\": 1},\n  {\"名\": \"王\", \"n\": \"x\"} ]\n}";
        let (path, detail) = error_of::<Doc>(text);
        assert_eq!(path, "$.items[1].n");
        assert!(detail.starts_with("invalid type: string"), "{detail}");
        assert!(
            !detail.contains("line"),
            "no position in the detail: {detail}"
        );
        // An unknown key names itself; a missing field names its object.
        assert_eq!(
            error_of::<Vec<Strictly>>(r#"[{"name":"a"},{"name":"b","colour":1}]"#).0,
            "$[1].colour"
        );
        assert_eq!(
            error_of::<Vec<Strictly>>(r#"[{"name":"a"},{"tags":[1]}]"#).0,
            "$[1]"
        );
        // An element of an array, an object where a number goes, the document itself.
        assert_eq!(
            error_of::<Vec<Strictly>>(r#"[{"name":"a","tags":[1,2,300]}]"#).0,
            "$[0].tags[2]"
        );
        assert_eq!(
            error_of::<Vec<Strictly>>(r#"[{"name":"a","tags":[1,{"x":[]}]}]"#).0,
            "$[0].tags[1]"
        );
        assert_eq!(error_of::<Doc>("[]").0, "$");
        assert_eq!(error_of::<Doc>("7").0, "$");
        // Keys with escapes, commas and brackets inside strings do not mislead the walk.
        let text = r#"{"items":[{"n":1,"x\"],{":"a,]}"},{"n":-1}]}"#;
        assert_eq!(error_of::<Doc>(text).0, "$.items[1].n");
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
