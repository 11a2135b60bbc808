//! Errors for templates, cases and inputs: each names the JSON path of what is wrong,
//! a stable code, and parameters; the message is rendered in the user's language from
//! the i18n catalogs, so the same error reads correctly in every widget and in the CLI.

use crate::i18n::{self, Lang};
use crate::sorted::SortedMap;
use serde::Serialize;
use std::fmt;

/// One problem with one value, at a JSON path such as `$.goods_value` or
/// `$.sections[2].questions[0].kind`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub path: String,
    /// Stable code; the catalog key is `error.<code>`.
    pub code: String,
    /// Values substituted into the message, e.g. `{"max": "100"}`.
    pub params: SortedMap<String, String>,
}

impl FieldError {
    /// An error at `path` with catalog code `code` and no parameters.
    pub fn new(path: impl Into<String>, code: impl Into<String>) -> Self {
        FieldError {
            path: path.into(),
            code: code.into(),
            params: SortedMap::new(),
        }
    }

    /// Adds a parameter the message substitutes (`{key}`).
    pub fn with(mut self, key: &str, value: impl fmt::Display) -> Self {
        self.param(key, value);
        self
    }

    /// [`FieldError::with`] on an error already in a list (`errs.last_mut()`).
    pub fn param(&mut self, key: &str, value: impl fmt::Display) {
        self.params.insert(key.to_string(), value.to_string());
    }

    /// The message in `lang`, e.g. "金额不能为负数".
    pub fn message(&self, lang: Lang) -> String {
        i18n::t_with(lang, &format!("error.{}", self.code), &self.params)
    }

    /// The serialisable form: path, code and message in `lang`.
    pub fn localized(&self, lang: Lang) -> LocalizedError {
        LocalizedError {
            path: self.path.clone(),
            code: self.code.clone(),
            message: self.message(lang),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message(Lang::default()))
    }
}

impl std::error::Error for FieldError {}

/// Every problem with one document, case or input, each with its JSON path: the error
/// of the engine's fallible functions. It reads as the list it carries (`errors[0]`,
/// `errors.iter()`), converts from and to `Vec<FieldError>` and from one `FieldError`
/// (so `?` works either way), and is a `std::error::Error` for callers that box errors.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Errors(pub Vec<FieldError>);

impl std::ops::Deref for Errors {
    type Target = Vec<FieldError>;
    fn deref(&self) -> &Vec<FieldError> {
        &self.0
    }
}

impl std::ops::DerefMut for Errors {
    fn deref_mut(&mut self) -> &mut Vec<FieldError> {
        &mut self.0
    }
}

impl From<Vec<FieldError>> for Errors {
    fn from(v: Vec<FieldError>) -> Errors {
        Errors(v)
    }
}

impl From<FieldError> for Errors {
    fn from(e: FieldError) -> Errors {
        Errors(vec![e])
    }
}

impl From<Errors> for Vec<FieldError> {
    fn from(e: Errors) -> Vec<FieldError> {
        e.0
    }
}

impl PartialEq<Vec<FieldError>> for Errors {
    fn eq(&self, other: &Vec<FieldError>) -> bool {
        &self.0 == other
    }
}

impl FromIterator<FieldError> for Errors {
    fn from_iter<I: IntoIterator<Item = FieldError>>(iter: I) -> Errors {
        Errors(iter.into_iter().collect())
    }
}

impl IntoIterator for Errors {
    type Item = FieldError;
    type IntoIter = std::vec::IntoIter<FieldError>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Errors {
    type Item = &'a FieldError;
    type IntoIter = std::slice::Iter<'a, FieldError>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}

/// What the CLI prints and widgets emit: `{"path": "$.x", "code": "...", "message": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LocalizedError {
    pub path: String,
    pub code: String,
    pub message: String,
}

/// Appends a field to a JSON path: `join("$", "a")` is `$.a`.
pub fn join(path: &str, field: &str) -> String {
    format!("{path}.{field}")
}

/// Appends an index: `index("$.rows", 2)` is `$.rows[2]`.
pub fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

/// Turns a serde_json error into a FieldError. serde_json reports line and column but
/// not the path; callers that need the path use [`crate::json::parse_str_at`].
pub fn json_syntax(path: &str, e: &serde_json::Error) -> FieldError {
    FieldError::new(path, "json.syntax")
        .with("line", e.line())
        .with("column", e.column())
        .with("detail", e)
}
