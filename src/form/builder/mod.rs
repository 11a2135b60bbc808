//! Editing a template (`yaojian/form/1`) as the form builder does: one document, changed
//! by edits at JSON paths (the same paths the template parser names in its errors), with
//! undo and redo, ids suggested and kept unique, the questions a condition may read, the
//! table of every text in every language, and what changed between two versions.
//!
//! The document may be wrong while it is being written: [`Builder::errors`] is the
//! parser's list of everything wrong, each at its path, and a template with errors is not
//! one to publish ([`Builder::template`]).

mod condition;

pub use condition::{choices, shown_value, typed_value, Clause, Condition, Test, OPERATORS};

use super::template::{Question, Template};
use crate::error::FieldError;
use crate::i18n::I18nText;
use crate::Lang;
use serde::Serialize;
use serde_json::{json, Map, Value};

/// How many steps undo goes back.
pub const UNDO_DEPTH: usize = 100;

/// One step of a JSON path: a key or an index.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// Reads `$.sections[0].questions[2].label` into its steps; none when it is not a path.
pub fn steps(path: &str) -> Option<Vec<Step>> {
    let mut rest = path.strip_prefix('$')?;
    let mut out = Vec::new();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            if end == 0 {
                return None;
            }
            out.push(Step::Key(r[..end].to_string()));
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            out.push(Step::Index(r[..end].parse().ok()?));
            rest = &r[end + 1..];
        } else {
            return None;
        }
    }
    Some(out)
}

/// The value at `path` in `doc`, if there is one.
pub fn value_at<'a>(doc: &'a Value, path: &str) -> Option<&'a Value> {
    steps(path)?.iter().try_fold(doc, |v, s| match s {
        Step::Key(k) => v.get(k),
        Step::Index(i) => v.get(i),
    })
}

fn at_mut<'a>(doc: &'a mut Value, steps: &[Step]) -> Option<&'a mut Value> {
    steps.iter().try_fold(doc, |v, s| match s {
        Step::Key(k) => v.get_mut(k),
        Step::Index(i) => v.get_mut(i),
    })
}

/// The array at `path` and the index its last step names (`$.sections[1]` → sections, 1).
fn parent_array<'a>(doc: &'a mut Value, path: &str) -> Option<(&'a mut Vec<Value>, usize)> {
    let s = steps(path)?;
    let (Step::Index(i), parent) = s.split_last()? else {
        return None;
    };
    let array = at_mut(doc, parent)?.as_array_mut()?;
    (*i <= array.len()).then_some((array, *i))
}

/// A change to the document. Paths are the parser's (`$.sections[0].questions[2]`).
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Sets the field at `path` (its object must exist); `Null` removes it.
    Set { path: String, value: Value },
    /// Inserts `value` into an array at the index `path` ends with (`…questions[3]`).
    Insert { path: String, value: Value },
    /// Removes the array element at `path`.
    Remove { path: String },
    /// Moves the array element at `path` by `by` places (−1 up, 1 down), within its array.
    Move { path: String, by: isize },
    /// Inserts a copy of the array element at `path` after it, its ids made unique.
    Duplicate { path: String },
}

/// Why an edit was not made: its path names nothing it could change.
#[derive(Debug, Clone, PartialEq)]
pub struct EditRefused {
    pub path: String,
}

/// A template being written: the document, and the steps to undo and redo.
#[derive(Debug, Clone, PartialEq)]
pub struct Builder {
    doc: Value,
    undo: Vec<Value>,
    redo: Vec<Value>,
}

impl Builder {
    /// A builder on `doc` (a template document, valid or not).
    pub fn new(doc: Value) -> Builder {
        Builder {
            doc,
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }

    /// A new template: one section with one yes/no question.
    pub fn blank(id: &str, version: &str) -> Builder {
        Builder::new(json!({
            "schema": super::template::SCHEMA, "id": id, "version": version,
            "title": {"zh-CN": ""},
            "sections": [{"id": "s1", "title": {"zh-CN": ""}, "questions": [
                {"id": "q1", "kind": "yes_no", "label": {"zh-CN": ""}}
            ]}]
        }))
    }

    /// The document as it stands.
    pub fn document(&self) -> &Value {
        &self.doc
    }

    /// Makes `edit`; it can be undone.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditRefused> {
        let before = self.doc.clone();
        let refused = |path: &str| EditRefused {
            path: path.to_string(),
        };
        match &edit {
            Edit::Set { path, value } => {
                set(&mut self.doc, path, value.clone()).ok_or_else(|| refused(path))?
            }
            Edit::Insert { path, value } => {
                let (array, i) = parent_array(&mut self.doc, path).ok_or_else(|| refused(path))?;
                array.insert(i, value.clone());
            }
            Edit::Remove { path } => {
                let (array, i) = parent_array(&mut self.doc, path).ok_or_else(|| refused(path))?;
                (i < array.len())
                    .then(|| array.remove(i))
                    .ok_or_else(|| refused(path))?;
            }
            Edit::Move { path, by } => {
                let (array, i) = parent_array(&mut self.doc, path).ok_or_else(|| refused(path))?;
                let to = i as isize + by;
                if i >= array.len() || to < 0 || to as usize >= array.len() {
                    return Err(refused(path));
                }
                let item = array.remove(i);
                array.insert(to as usize, item);
            }
            Edit::Duplicate { path } => {
                let taken = ids(&self.doc);
                let (array, i) = parent_array(&mut self.doc, path).ok_or_else(|| refused(path))?;
                let mut copy = array.get(i).cloned().ok_or_else(|| refused(path))?;
                renumber(&mut copy, &taken);
                array.insert(i + 1, copy);
            }
        }
        self.record(before);
        Ok(())
    }

    /// Keeps `before` as the step undo goes back to; a new edit drops what was undone.
    fn record(&mut self, before: Value) {
        self.undo.push(before);
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// Puts `doc` in place of the whole document (a template to start from); it can be
    /// undone.
    pub fn replace(&mut self, doc: Value) {
        let before = std::mem::replace(&mut self.doc, doc);
        self.record(before);
    }

    /// Goes back one edit; false when there is none.
    pub fn undo(&mut self) -> bool {
        match self.undo.pop() {
            Some(before) => {
                self.redo.push(std::mem::replace(&mut self.doc, before));
                true
            }
            None => false,
        }
    }

    /// Makes again the edit last undone; false when there is none.
    pub fn redo(&mut self) -> bool {
        match self.redo.pop() {
            Some(after) => {
                self.undo.push(std::mem::replace(&mut self.doc, after));
                true
            }
            None => false,
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The template, or everything wrong with it, each at its path.
    pub fn template(&self) -> Result<Template, crate::Errors> {
        Template::from_value(self.doc.clone())
    }

    /// Everything wrong with the document, each at its path; empty when it can be published.
    pub fn errors(&self) -> Vec<FieldError> {
        self.template().err().map(|e| e.0).unwrap_or_default()
    }
}

/// Sets the field `path` names in an existing object, or removes it for `Null`; a path
/// ending in an index replaces that element.
fn set(doc: &mut Value, path: &str, value: Value) -> Option<()> {
    let s = steps(path)?;
    let (last, parent) = s.split_last()?;
    let target = at_mut(doc, parent)?;
    match (last, target) {
        (Step::Key(k), Value::Object(m)) if value.is_null() => {
            m.shift_remove(k);
        }
        (Step::Key(k), Value::Object(m)) => {
            m.insert(k.clone(), value);
        }
        (Step::Index(i), Value::Array(a)) if *i < a.len() => a[*i] = value,
        _ => return None,
    }
    Some(())
}

/// Every section and question id in the document, group columns included.
pub fn ids(doc: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for s in doc["sections"].as_array().into_iter().flatten() {
        out.extend(s["id"].as_str().map(str::to_string));
        for q in s["questions"].as_array().into_iter().flatten() {
            out.extend(q["id"].as_str().map(str::to_string));
            for c in q["questions"].as_array().into_iter().flatten() {
                out.extend(c["id"].as_str().map(str::to_string));
            }
        }
    }
    out
}

/// Gives a copied section or question (and what it holds) ids not in `taken`.
fn renumber(v: &mut Value, taken: &[String]) {
    let mut taken = taken.to_vec();
    let mut fresh = |v: &mut Value| {
        if let Some(id) = v["id"].as_str() {
            let new = unique_id(id, &taken);
            taken.push(new.clone());
            crate::json::set(v, "id", Value::String(new));
        }
    };
    fresh(v);
    for q in questions_mut(v) {
        fresh(q);
        for c in questions_mut(q) {
            fresh(c);
        }
    }
}

/// The questions a section or group holds (`get_mut`, not indexing: indexing a missing
/// key would insert a null).
fn questions_mut(v: &mut Value) -> impl Iterator<Item = &mut Value> {
    v.get_mut("questions")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
}

/// `base` if it is free; else the next number free (`s1` → `s2`, `name` → `name_2`,
/// `name_2` → `name_3`): always an id the engine accepts.
pub fn unique_id(base: &str, taken: &[String]) -> String {
    let free = |c: &str| crate::ident::valid_id(c) && !taken.iter().any(|t| t == c);
    if free(base) {
        return base.to_string();
    }
    let digits = base.len() - base.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (stem, n) = match base[base.len() - digits..].parse::<u64>() {
        Ok(n) if digits > 0 => (&base[..base.len() - digits], n + 1),
        _ => (base, 2),
    };
    let sep = if digits > 0 { "" } else { "_" };
    let stem = if crate::ident::valid_id(&format!("{stem}{sep}1")) {
        stem
    } else {
        "q"
    };
    (n..)
        .map(|k| format!("{stem}{sep}{k}"))
        .find(|c| free(c))
        .expect("an unused number")
}

/// An id for a question labelled `label`: its ASCII words (`Full name` → `full_name`),
/// or `q` for a label with none (a Chinese one), made unique among `taken`.
pub fn suggest_id(label: &str, taken: &[String]) -> String {
    let words: Vec<String> = label
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(4)
        .map(str::to_ascii_lowercase)
        .collect();
    let mut base = words.join("_");
    base.truncate(40);
    if !base.starts_with(|c: char| c.is_ascii_lowercase()) {
        base = if base.is_empty() {
            "q".into()
        } else {
            format!("q_{base}")
        };
    }
    if base == "q" {
        return (1..)
            .map(|n| format!("q{n}"))
            .find(|c| !taken.contains(c))
            .expect("an unused number");
    }
    unique_id(&base, taken)
}

/// A question a condition may read, for the builder's pickers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Readable {
    pub id: String,
    pub kind: Value,
    pub label: Value,
    /// A choice question's options.
    pub options: Vec<ReadableOption>,
}

/// An option of a question a condition may read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadableOption {
    pub value: String,
    pub label: Value,
}

/// A text of the document in `lang`, else in zh-CN (a plain string as it is); empty when
/// there is none.
pub fn text_in(v: &Value, lang: Lang) -> String {
    let text = match v {
        Value::String(s) => Some(s.as_str()),
        _ => v[lang.tag()].as_str().or_else(|| v["zh-CN"].as_str()),
    };
    text.unwrap_or_default().to_string()
}

/// The questions a condition at `path` may read, as the parser allows: the top-level
/// questions before it (for a section's condition: those of earlier sections), a group
/// column's earlier columns, and for a finding the question itself.
pub fn readable(doc: &Value, path: &str) -> Vec<Readable> {
    let Some(s) = steps(path) else {
        return Vec::new();
    };
    let index = |i: usize| match s.get(i) {
        Some(Step::Index(n)) => Some(*n),
        _ => None,
    };
    let (Some(section), question) = (index(1), index(3)) else {
        return Vec::new();
    };
    let column = index(5);
    let finding = s.iter().any(|x| *x == Step::Key("finding".into()));
    let read = |q: &Value| Readable {
        id: q["id"].as_str().unwrap_or_default().to_string(),
        kind: q["kind"].clone(),
        label: q["label"].clone(),
        options: q["options"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|o| {
                Some(ReadableOption {
                    value: o["value"].as_str()?.to_string(),
                    label: o["label"].clone(),
                })
            })
            .collect(),
    };
    let mut out: Vec<Readable> = Vec::new();
    let sections = doc["sections"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    for (si, sec) in sections.iter().enumerate().take(section + 1) {
        let qs = sec["questions"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default();
        let upto = match (si == section, question) {
            (false, _) => qs.len(),
            (true, None) => 0,
            (true, Some(q)) if finding => q + 1,
            (true, Some(q)) => q,
        };
        out.extend(qs.iter().take(upto).map(read));
    }
    if let (Some(q), Some(c)) = (question, column) {
        let cols = &doc["sections"][section]["questions"][q]["questions"];
        out.extend(cols.as_array().into_iter().flatten().take(c).map(read));
    }
    out
}

/// One text of the template in every language: where it is, and the languages missing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextEntry {
    pub path: String,
    pub texts: Map<String, Value>,
    pub missing: Vec<&'static str>,
}

/// Every text of the document (titles, labels, help, options, statements, findings …),
/// in reading order (an object's own texts, then what it holds, in the document's order:
/// the form's title before its sections, a question's label before its help and options),
/// with the languages it lacks.
pub fn texts(doc: &Value) -> Vec<TextEntry> {
    let mut out = Vec::new();
    walk_texts(doc, "$".into(), &mut out);
    out
}

/// The fields that hold a text, in the order a reader meets them.
const TEXT_FIELDS: [&str; 7] = [
    "title",
    "label",
    "description",
    "help",
    "statement",
    "pattern_hint",
    "provision",
];

fn walk_texts(v: &Value, path: String, out: &mut Vec<TextEntry>) {
    match v {
        Value::Object(m) => {
            for k in TEXT_FIELDS {
                match m.get(k) {
                    Some(Value::String(s)) => out.push(entry(
                        format!("{path}.{k}"),
                        Map::from_iter([("zh-CN".into(), json!(s))]),
                    )),
                    Some(Value::Object(t)) if t.values().all(Value::is_string) => {
                        out.push(entry(format!("{path}.{k}"), t.clone()))
                    }
                    _ => {}
                }
            }
            for (k, child) in m {
                let text = TEXT_FIELDS.contains(&k.as_str()) && !child.is_array();
                if !text && k != "translations" {
                    walk_texts(child, format!("{path}.{k}"), out);
                }
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                walk_texts(child, format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

fn entry(path: String, texts: Map<String, Value>) -> TextEntry {
    let missing = Lang::ALL
        .iter()
        .map(|l| l.tag())
        .filter(|t| {
            texts
                .get(*t)
                .and_then(Value::as_str)
                .is_none_or(|s| s.trim().is_empty())
        })
        .collect();
    TextEntry {
        path,
        texts,
        missing,
    }
}

/// What changed between two versions of a template.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct VersionDiff {
    pub added: Vec<DiffQuestion>,
    pub removed: Vec<DiffQuestion>,
    pub changed: Vec<DiffQuestion>,
}

/// A question of a diff: its id and label in both versions, and what differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiffQuestion {
    pub id: String,
    pub label: I18nText,
    /// For a changed question: its label before, and the fields that differ.
    pub before: Option<I18nText>,
    pub fields: Vec<&'static str>,
}

/// The questions added, removed and changed from `old` to `new` (by id, group columns
/// included), each with its texts.
pub fn diff(old: &Template, new: &Template) -> VersionDiff {
    let all = |t: &Template| -> Vec<Question> {
        t.questions()
            .flat_map(|q| std::iter::once(q.clone()).chain(q.questions.iter().cloned()))
            .collect()
    };
    let (before, after) = (all(old), all(new));
    let find = |list: &[Question], id: &str| list.iter().find(|q| q.id == id).cloned();
    let one = |q: &Question, before: Option<I18nText>, fields| DiffQuestion {
        id: q.id.clone(),
        label: q.label.clone(),
        before,
        fields,
    };
    let mut d = VersionDiff::default();
    for q in &after {
        match find(&before, &q.id) {
            None => d.added.push(one(q, None, Vec::new())),
            Some(b) => {
                let fields = changed_fields(&b, q);
                if !fields.is_empty() {
                    d.changed.push(one(q, Some(b.label.clone()), fields));
                }
            }
        }
    }
    d.removed = before
        .iter()
        .filter(|q| find(&after, &q.id).is_none())
        .map(|q| one(q, None, Vec::new()))
        .collect();
    d
}

/// The fields a diff names as changed, in the order it names them.
pub const DIFF_FIELDS: [&str; 11] = [
    "kind",
    "label",
    "help",
    "options",
    "required",
    "visible_if",
    "bounds",
    "pattern",
    "rows",
    "statement",
    "finding",
];

/// Which of [`DIFF_FIELDS`] differ between `a` and `b`.
fn changed_fields(a: &Question, b: &Question) -> Vec<&'static str> {
    let differs = [
        ("kind", a.kind != b.kind),
        ("label", a.label != b.label),
        ("help", a.help != b.help),
        ("options", a.options != b.options),
        (
            "required",
            a.required != b.required || a.required_if != b.required_if,
        ),
        ("visible_if", a.visible_if != b.visible_if),
        (
            "bounds",
            (a.min, a.max, a.min_length, a.max_length)
                != (b.min, b.max, b.min_length, b.max_length),
        ),
        (
            "pattern",
            a.pattern != b.pattern || a.pattern_hint != b.pattern_hint,
        ),
        ("rows", (a.min_rows, a.max_rows) != (b.min_rows, b.max_rows)),
        ("statement", a.statement != b.statement),
        ("finding", a.finding != b.finding),
    ];
    debug_assert!(differs.iter().map(|(f, _)| f).eq(DIFF_FIELDS.iter()));
    differs
        .into_iter()
        .filter(|(_, differs)| *differs)
        .map(|(f, _)| f)
        .collect()
}
