//! The `survey` sheet, row by row: `begin_group`/`end_group` open and close a section,
//! `begin_repeat`/`end_repeat` a group question whose rows are its columns, a `note`
//! first in a group is the section's description, and every other row is a question.

use super::columns::{Columns, SURVEY_COLUMNS};
use super::read::{required_survey_columns, Reader, Row};
use super::sheets::Sheet;
use crate::form::{Kind, Severity};
use serde_json::{json, Map, Value};

/// What a survey row's `type` says.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum RowType {
    BeginGroup,
    EndGroup,
    BeginRepeat,
    EndRepeat,
    Note,
    /// A question: its kind, whether a number is whole, and its choice list.
    Question(Kind, bool, Option<String>),
}

/// Reads a `type` cell: XLSForm's types (`begin group` with a space too) and ours.
pub(super) fn row_type(src: &str) -> Option<RowType> {
    let words: Vec<String> = src.split_whitespace().map(str::to_lowercase).collect();
    let first = words.first()?.as_str();
    let list = words.get(1).cloned();
    let one = |t: RowType| (words.len() == 1).then_some(t);
    let q = |k: Kind| one(RowType::Question(k, false, None));
    match (first, words.get(1).map(String::as_str)) {
        ("begin", Some("group"))
        | ("end", Some("group"))
        | ("begin", Some("repeat"))
        | ("end", Some("repeat")) => (words.len() == 2).then(|| row_type(&words.join("_")))?,
        ("begin_group", _) => one(RowType::BeginGroup),
        ("end_group", _) => one(RowType::EndGroup),
        ("begin_repeat", _) => one(RowType::BeginRepeat),
        ("end_repeat", _) => one(RowType::EndRepeat),
        ("note", _) => one(RowType::Note),
        ("select_one", Some(_)) if words.len() == 2 => {
            Some(RowType::Question(Kind::SingleChoice, false, list))
        }
        ("select_multiple", Some(_)) if words.len() == 2 => {
            Some(RowType::Question(Kind::MultipleChoice, false, list))
        }
        ("integer", _) => one(RowType::Question(Kind::Number, true, None)),
        ("decimal", _) => q(Kind::Number),
        ("text", _) => q(Kind::Text),
        ("date", _) => q(Kind::Date),
        ("yes_no", _) => q(Kind::YesNo),
        ("long_text", _) => q(Kind::LongText),
        ("money", _) => q(Kind::Money),
        ("uscc", _) => q(Kind::Uscc),
        ("resident_id", _) => q(Kind::ResidentId),
        ("phone", _) => q(Kind::Phone),
        ("email", _) => q(Kind::Email),
        ("attestation", _) => q(Kind::Attestation),
        _ => None,
    }
}

/// What is open at a row: a section, a group question, or a group that could not open
/// (its rows still read, its end still matched).
enum Open {
    Section {
        type_cell: String,
    },
    Repeat {
        type_cell: String,
        question: Map<String, Value>,
        path: String,
    },
    Refused {
        repeat: bool,
    },
}

struct Survey<'a> {
    sheet: &'a Sheet,
    cols: Columns,
    sections: Vec<Map<String, Value>>,
    open: Vec<Open>,
    /// Whether the last section was opened by questions outside any group.
    loose: bool,
}

/// Reads the survey's rows into sections.
pub(super) fn sections(r: &mut Reader, sheet: &Sheet) -> Vec<Value> {
    let cols = Columns::read(sheet, SURVEY_COLUMNS, &mut r.errs);
    for (column, names) in required_survey_columns() {
        if !cols.has(column) {
            r.err(sheet.address(0, 0), "no_column")
                .param("column", names);
        }
    }
    let mut s = Survey {
        sheet,
        cols,
        sections: Vec::new(),
        open: Vec::new(),
        loose: false,
    };
    for at in 1..sheet.rows.len() {
        s.row(r, at);
    }
    for open in std::mem::take(&mut s.open) {
        match open {
            Open::Section { type_cell } | Open::Repeat { type_cell, .. } => {
                r.err(type_cell, "unclosed");
            }
            Open::Refused { .. } => {}
        }
    }
    s.sections.into_iter().map(Value::Object).collect()
}

impl Survey<'_> {
    fn row(&mut self, r: &mut Reader, at: usize) {
        let cols = std::mem::take(&mut self.cols);
        let row = Row {
            sheet: self.sheet,
            cols: &cols,
            at,
        };
        let blank = self.sheet.rows[at].iter().all(|c| c.trim().is_empty());
        if !blank {
            match row_type(row.get("type")) {
                Some(t) => self.typed_row(r, row, t),
                None if row.get("type").is_empty() => {
                    r.err(row.cell("type"), "no_type");
                }
                None => {
                    r.err(row.cell("type"), "unknown_type")
                        .param("type", row.get("type"));
                }
            }
        }
        self.cols = cols;
    }

    fn typed_row(&mut self, r: &mut Reader, row: Row, t: RowType) {
        let type_cell = row.cell("type");
        match t {
            RowType::BeginGroup if self.open.is_empty() => self.begin_section(r, row),
            RowType::BeginGroup => {
                r.err(type_cell, "nested_group");
                self.open.push(Open::Refused { repeat: false });
            }
            RowType::EndGroup => match self.open.last() {
                Some(Open::Section { .. } | Open::Refused { repeat: false }) => {
                    self.open.pop();
                }
                _ => {
                    r.err(type_cell, "unmatched_end");
                }
            },
            RowType::BeginRepeat => self.begin_repeat(r, row),
            RowType::EndRepeat => match self.open.pop() {
                Some(Open::Repeat { question, path, .. }) => self.push_question(path, question),
                Some(Open::Refused { repeat: true }) => {}
                other => {
                    self.open.extend(other);
                    r.err(type_cell, "unmatched_end");
                }
            },
            RowType::Note => self.note(r, row),
            RowType::Question(kind, integer, list) => {
                let path = self.next_path(r);
                let q = question(r, row, &path, kind, integer, list.as_deref());
                self.push_question(path, q);
            }
        }
    }

    fn begin_section(&mut self, r: &mut Reader, row: Row) {
        let si = self.sections.len();
        let p = format!("$.sections[{si}]");
        let mut s = Map::new();
        s.insert("id".into(), json!(row.get("name")));
        r.at(&format!("{p}.id"), row.cell("name"));
        let title = r.text(row, "label", &format!("{p}.title"));
        s.insert("title".into(), title.unwrap_or_else(|| json!({})));
        if let Some(h) = r.text(row, "hint", &format!("{p}.help")) {
            s.insert("help".into(), h);
        }
        if let Some(c) = r.condition(row, "relevant", &format!("{p}.visible_if")) {
            s.insert("visible_if".into(), c);
        }
        s.insert("questions".into(), json!([]));
        r.at(&p, row.cell("type"));
        self.sections.push(s);
        self.loose = false;
        self.open.push(Open::Section {
            type_cell: row.cell("type"),
        });
    }

    fn begin_repeat(&mut self, r: &mut Reader, row: Row) {
        if self
            .open
            .iter()
            .any(|o| matches!(o, Open::Repeat { .. } | Open::Refused { repeat: true }))
        {
            r.err(row.cell("type"), "nested_repeat");
            self.open.push(Open::Refused { repeat: true });
            return;
        }
        let path = self.next_path(r);
        let mut q = question(r, row, &path, Kind::Group, false, None);
        q.insert("questions".into(), json!([]));
        self.open.push(Open::Repeat {
            type_cell: row.cell("type"),
            question: q,
            path,
        });
    }

    /// A note opening a group is the section's description; anywhere else it has no
    /// place in the form.
    fn note(&mut self, r: &mut Reader, row: Row) {
        let fresh = matches!(self.open.last(), Some(Open::Section { .. }))
            && self.sections.last().is_some_and(|s| {
                !s.contains_key("help") && s["questions"].as_array().is_some_and(Vec::is_empty)
            });
        if !fresh {
            r.err(row.cell("type"), "note");
            return;
        }
        let si = self.sections.len() - 1;
        if let Some(h) = r.text(row, "label", &format!("$.sections[{si}].help")) {
            self.sections[si].insert("help".into(), h);
        }
    }

    /// The JSON path the next question takes, opening a section for questions outside
    /// any group.
    fn next_path(&mut self, r: &mut Reader) -> String {
        if let Some(Open::Repeat { question, path, .. }) = self
            .open
            .iter()
            .rev()
            .find(|o| matches!(o, Open::Repeat { .. }))
        {
            let n = question["questions"].as_array().map_or(0, Vec::len);
            return format!("{path}.questions[{n}]");
        }
        if self.open.is_empty() && !self.loose {
            let si = self.sections.len();
            let p = format!("$.sections[{si}]");
            let title = r.form_title(&format!("{p}.title"));
            self.sections.push(
                json!({ "id": format!("section_{}", si + 1), "title": title, "questions": [] })
                    .as_object()
                    .cloned()
                    .expect("an object"),
            );
            self.loose = true;
        }
        let si = self.sections.len().saturating_sub(1);
        let n = self
            .sections
            .get(si)
            .map_or(0, |s| s["questions"].as_array().map_or(0, Vec::len));
        format!("$.sections[{si}].questions[{n}]")
    }

    fn push_question(&mut self, _path: String, q: Map<String, Value>) {
        let repeat = self.open.iter_mut().rev().find_map(|o| match o {
            Open::Repeat { question, .. } => Some(question),
            _ => None,
        });
        let list = match repeat {
            Some(question) => question.get_mut("questions"),
            None => self
                .sections
                .last_mut()
                .and_then(|s| s.get_mut("questions")),
        };
        if let Some(Value::Array(list)) = list {
            list.push(Value::Object(q));
        }
    }
}

/// One question row as the template writes it.
fn question(
    r: &mut Reader,
    row: Row,
    p: &str,
    kind: Kind,
    integer: bool,
    list: Option<&str>,
) -> Map<String, Value> {
    let mut q = Map::new();
    let id = row.get("name").to_string();
    q.insert("id".into(), json!(id));
    r.at(&format!("{p}.id"), row.cell("name"));
    q.insert("kind".into(), json!(crate::json::wire_name(&kind)));
    r.at(p, row.cell("type"));
    r.at(&format!("{p}.kind"), row.cell("type"));
    r.at(&format!("{p}.questions"), row.cell("type"));
    r.kinds.insert(id.clone(), kind);
    let label = r.text(row, "label", &format!("{p}.label"));
    q.insert("label".into(), label.unwrap_or_else(|| json!({})));
    for (column, field) in [
        ("hint", "help"),
        ("constraint_message", "pattern_hint"),
        ("statement", "statement"),
    ] {
        if let Some(t) = r.text(row, column, &format!("{p}.{field}")) {
            q.insert(field.into(), t);
        }
    }
    if integer {
        q.insert("integer".into(), json!(true));
    }
    if r.flag(row, "required") {
        q.insert("required".into(), json!(true));
    }
    for (column, field) in [("relevant", "visible_if"), ("required_if", "required_if")] {
        if let Some(c) = r.condition(row, column, &format!("{p}.{field}")) {
            q.insert(field.into(), c);
        }
    }
    r.constraint(row, kind, &mut q, p);
    if let Some(list) = list {
        let options = r.options(list, p, row.cell("type"));
        q.insert("options".into(), Value::Array(options));
    }
    if let Some(f) = finding(r, row, &format!("{p}.finding")) {
        q.insert("finding".into(), f);
    }
    q
}

/// `high`, `medium`, `low`; 高/中/低 and 严重/一般/轻微 as the catalogs name them.
fn severity(s: &str) -> Option<Severity> {
    match s.to_lowercase().as_str() {
        "high" | "高" | "严重" | "嚴重" => Some(Severity::High),
        "medium" | "中" | "一般" => Some(Severity::Medium),
        "low" | "低" | "轻微" | "輕微" => Some(Severity::Low),
        _ => None,
    }
}

/// A question's finding, when any of its columns is filled in.
fn finding(r: &mut Reader, row: Row, fp: &str) -> Option<Value> {
    let columns = [
        "finding",
        "finding_when",
        "finding_title",
        "finding_provision",
        "finding_rule",
    ];
    let any = columns.iter().any(|c| {
        row.cols
            .langs(c)
            .any(|(_, col)| !row.sheet.cell(row.at, col).trim().is_empty())
    });
    if !any {
        return None;
    }
    let mut f = Map::new();
    r.at(fp, row.cell("finding"));
    match severity(row.get("finding")) {
        Some(s) => {
            f.insert("severity".into(), json!(s));
        }
        None => {
            r.err(row.cell("finding"), "severity")
                .param("value", row.get("finding"));
        }
    }
    let title = r.text(row, "finding_title", &format!("{fp}.title"));
    f.insert("title".into(), title.unwrap_or_else(|| json!({})));
    if let Some(p) = r.text(row, "finding_provision", &format!("{fp}.provision")) {
        f.insert("provision".into(), p);
    }
    if let Some(w) = r.condition(row, "finding_when", &format!("{fp}.when")) {
        f.insert("when".into(), w);
    }
    let rule = row.get("finding_rule");
    if !rule.is_empty() {
        f.insert("rule".into(), json!(rule));
        r.at(&format!("{fp}.rule"), row.cell("finding_rule"));
    }
    if !f.contains_key("severity") {
        return None;
    }
    Some(Value::Object(f))
}
