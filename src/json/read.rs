//! Reading a document's objects field by field, one small reader per type, in place of
//! serde's derived readers: those are compiled once per type into a state machine of
//! several kilobytes, which every widget's wasm that reads the type carries (the penalty
//! data's were 44 KB of the calculator's). The readers here read a `serde_json::Value`
//! already parsed (with the duplicate-key check of [`super::parse_document`]) and stop
//! at the first value that does not fit, as serde's do, with the same error: `json.invalid`
//! at its JSON path, serde's words as the detail.
//!
//! A field's or element's path is written out only when its value does not fit: each is
//! read first with no path ([`UNWRITTEN`]; everything below it then too), and only if that
//! fails read again at its path, which gives the error. A reader is a plain function whose
//! result depends on the value alone (the path is for its errors), so both readings agree.
//! A document that reads is read once and writes no path (a 1,500-question template
//! wrote about 20,000); one that does not is read again along the path of the value that
//! does not fit: each value on it at most twice more, so never more than twice the
//! document for each step of that path.
//!
//! ```
//! use yaojian::json::read::{self, Object};
//! let v = serde_json::json!({"id": "a", "n": 3});
//! let o = Object::of(&v, "$").unwrap();
//! assert_eq!(o.field("id", read::string).unwrap(), "a");
//! assert_eq!(o.optional("m", read::u32).unwrap(), None);
//! let e = o.field("n", read::string).unwrap_err();
//! assert_eq!((e.path.as_str(), e.code.as_str()), ("$.n", "json.invalid"));
//! ```

use crate::error::FieldError;
use crate::sorted::SortedMap;
use serde_json::{Map, Value};

/// What reading a value gives: the value, or the error at its path.
pub type Read<T> = Result<T, FieldError>;

/// A reader of one kind of value: `(value, its path)`. A function, not a closure, so
/// the helpers below are compiled once per type read, not once per call.
pub type Reader<T> = fn(&Value, &str) -> Read<T>;

/// The path a value is read at the first time: none written (see the module's doc).
/// A reader given it passes it on to what it reads, and its error is not the one kept.
pub const UNWRITTEN: &str = "";

/// One step below a value: a field of an object, or an element of an array.
#[derive(Clone, Copy)]
enum Step<'k> {
    Field(&'k str),
    Element(usize),
}

/// `read` on `v`, which is `step` below the value at `parent`: read with no path first,
/// and again at its path only when that fails (see the module's doc). Below a value read
/// with no path, its parts are read with none either.
fn read_below<T>(v: &Value, parent: &str, step: Step, read: Reader<T>) -> Read<T> {
    let first = read(v, UNWRITTEN);
    if first.is_ok() || parent == UNWRITTEN {
        return first;
    }
    let path = match step {
        Step::Field(key) => format!("{parent}.{key}"),
        Step::Element(i) => format!("{parent}[{i}]"),
    };
    read(v, &path)
}

/// An object being read, and its path.
pub struct Object<'a> {
    map: &'a Map<String, Value>,
    path: &'a str,
}

impl<'a> Object<'a> {
    /// `v` as an object, or `json.invalid` at `path`.
    pub fn of(v: &'a Value, path: &'a str) -> Read<Object<'a>> {
        match v {
            Value::Object(map) => Ok(Object { map, path }),
            _ => Err(invalid(v, path, "an object")),
        }
    }

    /// The path of field `key`.
    pub fn path_of(&self, key: &str) -> String {
        format!("{}.{key}", self.path)
    }

    /// Field `key`, which must be there (`null` is read as a value).
    pub fn field<T>(&self, key: &str, read: Reader<T>) -> Read<T> {
        match self.map.get(key) {
            Some(v) => read_below(v, self.path, Step::Field(key), read),
            None => Err(detail(self.path, format!("missing field `{key}`"))),
        }
    }

    /// Field `key`, or none when it is absent or `null`.
    pub fn optional<T>(&self, key: &str, read: Reader<T>) -> Read<Option<T>> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => read_below(v, self.path, Step::Field(key), read).map(Some),
        }
    }

    /// Field `key`, or `T`'s default when it is absent (`null` is read as a value).
    pub fn or_default<T: Default>(&self, key: &str, read: Reader<T>) -> Read<T> {
        Ok(self.optional_present(key, read)?.unwrap_or_default())
    }

    /// Field `key`, or none when it is absent (`null` is read as a value).
    pub fn optional_present<T>(&self, key: &str, read: Reader<T>) -> Read<Option<T>> {
        self.map
            .get(key)
            .map(|v| read_below(v, self.path, Step::Field(key), read))
            .transpose()
    }

    /// Every field, read by `read(value, path)`, by its key. Built key by key: a
    /// `collect()` into a map would compile a sort for every type of value.
    pub fn map<T>(&self, read: Reader<T>) -> Read<SortedMap<String, T>> {
        let mut out = SortedMap::new();
        for (k, v) in self.map {
            out.insert(k.clone(), read_below(v, self.path, Step::Field(k), read)?);
        }
        Ok(out)
    }

    /// Every field as (key, value, its path), for a map keyed otherwise.
    pub fn fields(&self) -> impl Iterator<Item = (&'a str, &'a Value, String)> + '_ {
        self.map
            .iter()
            .map(|(k, v)| (k.as_str(), v, self.path_of(k)))
    }

    /// Refuses a field not in `known`, as `#[serde(deny_unknown_fields)]` does.
    pub fn only(&self, known: &[&str]) -> Read<()> {
        match self.map.keys().find(|k| !known.contains(&k.as_str())) {
            Some(k) => Err(detail(
                &self.path_of(k),
                format!("unknown field `{k}`, expected one of {}", quoted(known)),
            )),
            None => Ok(()),
        }
    }
}

/// `json.invalid` at `path` with `words` as the detail.
pub fn detail(path: &str, words: String) -> FieldError {
    FieldError::new(path, "json.invalid").with("detail", words)
}

/// `json.invalid` at `path`: `v` is not `expected`.
pub fn invalid(v: &Value, path: &str, expected: &str) -> FieldError {
    let got = match v {
        Value::Null => "null".to_string(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) => format!("number `{n}`"),
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "sequence".to_string(),
        Value::Object(_) => "map".to_string(),
    };
    detail(path, format!("invalid type: {got}, expected {expected}"))
}

fn quoted(names: &[&str]) -> String {
    let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    names.join(", ")
}

/// A string.
pub fn string(v: &Value, path: &str) -> Read<String> {
    v.as_str()
        .map(str::to_string)
        .ok_or_else(|| invalid(v, path, "a string"))
}

/// A boolean.
pub fn boolean(v: &Value, path: &str) -> Read<bool> {
    v.as_bool().ok_or_else(|| invalid(v, path, "a boolean"))
}

/// A whole number from 0 to `u32::MAX`.
pub fn u32(v: &Value, path: &str) -> Read<u32> {
    v.as_u64()
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| invalid(v, path, "u32"))
}

/// A whole number from 0 to `u64::MAX`.
pub fn u64(v: &Value, path: &str) -> Read<u64> {
    v.as_u64().ok_or_else(|| invalid(v, path, "u64"))
}

/// A whole number that fits `i64`.
pub fn i64(v: &Value, path: &str) -> Read<i64> {
    v.as_i64().ok_or_else(|| invalid(v, path, "i64"))
}

/// An array, each element read by `read` at `path[i]`.
pub fn list<T>(v: &Value, path: &str, read: Reader<T>) -> Read<Vec<T>> {
    let Value::Array(items) = v else {
        return Err(invalid(v, path, "a sequence"));
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, x) in items.iter().enumerate() {
        out.push(read_below(x, path, Step::Element(i), read)?);
    }
    Ok(out)
}

/// An array of strings.
pub fn strings(v: &Value, path: &str) -> Read<Vec<String>> {
    list(v, path, string)
}

/// An object of strings (a text in several languages).
pub fn string_map(v: &Value, path: &str) -> Read<SortedMap<String, String>> {
    Object::of(v, path)?.map(string)
}

/// One of the names in `names`, as the value paired with it.
pub fn one_of<T: Copy>(v: &Value, path: &str, names: &[(&str, T)]) -> Read<T> {
    let Some(s) = v.as_str() else {
        return Err(invalid(v, path, "a string"));
    };
    named(names, s).ok_or_else(|| {
        let known: Vec<&str> = names.iter().map(|(n, _)| *n).collect();
        detail(
            path,
            format!("unknown variant `{s}`, expected one of {}", quoted(&known)),
        )
    })
}

/// The value named `name` in `names` (a select's value, a filter's, a stored column's).
pub fn named<T: Copy>(names: &[(&str, T)], name: &str) -> Option<T> {
    names.iter().find(|(n, _)| *n == name).map(|(_, x)| *x)
}

/// Any value, as it is (a condition, a request body).
pub fn value(v: &Value, _: &str) -> Read<Value> {
    Ok(v.clone())
}

/// An object, as it is (answers by question id).
pub fn object(v: &Value, path: &str) -> Read<Map<String, Value>> {
    match v {
        Value::Object(m) => Ok(m.clone()),
        _ => Err(invalid(v, path, "a map")),
    }
}

/// A calendar date, `YYYY-MM-DD` ([`crate::date::iso`]).
pub fn date(v: &Value, path: &str) -> Read<crate::date::Date> {
    crate::date::iso::read(&string(v, path)?).map_err(|words| detail(path, words))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn at(e: FieldError) -> (String, String, String) {
        let words = e.params.get("detail").cloned().unwrap_or_default();
        (e.path, e.code, words)
    }

    #[test]
    fn each_problem_is_named_by_its_path_in_serdes_words() {
        let v = json!({"a": "x", "n": -1, "list": [1, "two"], "kind": "big", "extra": 1});
        let o = Object::of(&v, "$.doc").unwrap();
        let e = at(o.field("b", string).unwrap_err());
        assert_eq!(
            e,
            (
                "$.doc".into(),
                "json.invalid".into(),
                "missing field `b`".into()
            )
        );
        let e = at(o.field("n", u32).unwrap_err());
        assert_eq!(e.0, "$.doc.n");
        assert_eq!(e.2, "invalid type: number `-1`, expected u32");
        let e = at(o.field("list", |v, p| list(v, p, u32)).unwrap_err());
        assert_eq!(e.0, "$.doc.list[1]");
        assert_eq!(e.2, "invalid type: string \"two\", expected u32");
        const KINDS: [(&str, u8); 2] = [("small", 1), ("medium", 2)];
        let e = at(o.field("kind", |v, p| one_of(v, p, &KINDS)).unwrap_err());
        assert_eq!(
            e.2,
            "unknown variant `big`, expected one of `small`, `medium`"
        );
        let e = at(o.only(&["a", "n", "list", "kind"]).unwrap_err());
        assert_eq!(e.0, "$.doc.extra");
        assert_eq!(
            at(Object::of(&json!([]), "$").err().unwrap()).2,
            "invalid type: sequence, expected an object"
        );
    }

    thread_local! {
        static GIVEN: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
    }

    /// Reads `{"b": u32}`, noting the path it is given.
    fn noted_b(v: &Value, path: &str) -> Read<u32> {
        GIVEN.with(|g| g.borrow_mut().push(path.to_string()));
        Object::of(v, path)?.field("b", u32)
    }

    fn given() -> Vec<String> {
        GIVEN.with(|g| g.take())
    }

    #[test]
    fn a_path_is_written_only_for_the_value_that_does_not_fit() {
        let read = |v: &Value| Object::of(v, "$")?.field("items", |v, p| list(v, p, noted_b));
        assert_eq!(
            read(&json!({"items": [{"b": 1}, {"b": 2}]})).unwrap(),
            [1, 2]
        );
        assert_eq!(given(), ["", ""], "a document that reads writes no path");
        let e = read(&json!({"items": [{"b": 1}, {"b": "x"}, {"b": 3}]})).unwrap_err();
        assert_eq!(e.path, "$.items[1].b");
        assert_eq!(at(e).2, "invalid type: string \"x\", expected u32");
        // Read with no path, then again: the element before with none, this one at its path.
        assert_eq!(given(), ["", "", "", "", "$.items[1]"]);
        let texts = json!({"t": {"zh-CN": "甲", "en": 1}, "o": {"n": [true]}});
        let o = Object::of(&texts, "$.doc").unwrap();
        assert_eq!(o.field("t", string_map).unwrap_err().path, "$.doc.t.en");
        let e = o.optional("o", |v, p| Object::of(v, p)?.field("n", strings));
        assert_eq!(e.unwrap_err().path, "$.doc.o.n[0]");
    }

    #[test]
    fn absent_null_and_default_fields_read_as_serde_reads_them() {
        let v = json!({"a": null, "n": 4, "words": ["x"]});
        let o = Object::of(&v, "$").unwrap();
        assert_eq!(o.optional("a", string).unwrap(), None);
        assert_eq!(o.optional("z", string).unwrap(), None);
        assert_eq!(o.or_default("z", strings).unwrap(), Vec::<String>::new());
        assert_eq!(
            o.or_default("words", strings).unwrap(),
            vec!["x".to_string()]
        );
        assert!(o.or_default("a", strings).is_err(), "null is not a list");
        assert!(o.field("a", string).is_err(), "null is not a string");
        assert_eq!(o.field("n", i64).unwrap(), 4);
        assert_eq!(o.field("n", u32).unwrap(), 4);
        assert!(u32(&json!(4_294_967_296u64), "$").is_err());
        assert!(u32(&json!(1.5), "$").is_err());
    }
}
