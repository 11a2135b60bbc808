//! Spreadsheet → template: the `settings`, `choices` and `survey` sheets read into a
//! `yaojian/form/1` document, every field's cell remembered so that the engine's own
//! checks of the document are reported at the cell they came from.

use super::columns::{
    Columns, CHOICES, CHOICE_COLUMNS, SETTINGS, SETTING_COLUMNS, SURVEY, SURVEY_COLUMNS,
};
use super::sheets::{Sheet, Workbook};
use super::{condition, constraint};
use crate::error::FieldError;
use crate::form::Kind;
use crate::sorted::SortedMap;
use serde_json::{json, Map, Value};
use std::collections::{HashMap, HashSet};

/// One row of a sheet being read: the sheet, its columns and the row's index.
#[derive(Clone, Copy)]
pub(super) struct Row<'a> {
    pub sheet: &'a Sheet,
    pub cols: &'a Columns,
    pub at: usize,
}

impl Row<'_> {
    /// The trimmed text of column `name` (default language), blank when absent.
    pub fn get(&self, name: &str) -> &str {
        self.cols
            .get(name)
            .map(|c| self.sheet.cell(self.at, c).trim())
            .unwrap_or("")
    }

    /// The address of column `name` in this row; the row's first cell when the sheet has
    /// no such column.
    pub fn cell(&self, name: &str) -> String {
        let col = self
            .cols
            .get(name)
            .or_else(|| self.cols.langs(name).map(|(_, c)| c).next())
            .unwrap_or(0);
        self.sheet.address(self.at, col)
    }

    fn is_blank(&self) -> bool {
        self.sheet
            .rows
            .get(self.at)
            .is_none_or(|r| r.iter().all(|c| c.trim().is_empty()))
    }
}

/// An option of a choice list, with the cells it came from.
struct Choice {
    value: String,
    label: Value,
    value_cell: String,
    label_cell: String,
}

/// The reader's state: errors so far, where each JSON path came from, the kinds of the
/// questions read (for conditions on yes/no answers) and the choice lists.
pub(super) struct Reader {
    pub errs: Vec<FieldError>,
    cells: SortedMap<String, String>,
    default_lang: String,
    pub kinds: HashMap<String, Kind>,
    lists: HashMap<String, Vec<Choice>>,
    form_title: Option<Value>,
    form_title_cell: String,
}

impl Reader {
    fn new() -> Reader {
        Reader {
            errs: Vec::new(),
            cells: SortedMap::new(),
            default_lang: "zh-CN".into(),
            kinds: HashMap::new(),
            lists: HashMap::new(),
            form_title: None,
            form_title_cell: "settings".into(),
        }
    }

    pub(super) fn err(&mut self, cell: String, code: &str) -> &mut FieldError {
        self.errs
            .push(FieldError::new(cell, format!("xlsform.{code}")));
        self.errs.last_mut().expect("just pushed")
    }

    fn syntax_error(&mut self, cell: String, e: condition::SyntaxError) {
        let err = self.err(cell, e.code);
        err.param("near", e.near);
        if !e.want.is_empty() {
            err.param("want", e.want);
        }
    }

    /// Remembers that the document's `path` came from `cell`.
    pub(super) fn at(&mut self, path: &str, cell: String) {
        self.cells.insert(path.to_string(), cell);
    }

    /// The texts of column `base` in every language of `row`, as the template writes
    /// them (`{"zh-CN": "…", "en": "…"}`); none when every cell is blank.
    pub(super) fn text(&mut self, row: Row, base: &str, path: &str) -> Option<Value> {
        let mut map = Map::new();
        for (lang, col) in row.cols.langs(base) {
            let v = row.sheet.cell(row.at, col);
            if !v.trim().is_empty() {
                let lang = lang.unwrap_or(&self.default_lang).to_string();
                map.insert(lang, Value::String(v.to_string()));
            }
        }
        self.at(path, row.cell(base));
        (!map.is_empty()).then_some(Value::Object(map))
    }

    /// A condition in column `column` of `row`, read for the document's `path`.
    pub(super) fn condition(&mut self, row: Row, column: &str, path: &str) -> Option<Value> {
        let src = row.get(column);
        if src.is_empty() {
            return None;
        }
        let cell = row.cell(column);
        let kinds = &self.kinds;
        match condition::read(src, &|q| kinds.get(q).copied()) {
            Ok(v) => {
                self.at(path, cell);
                Some(v)
            }
            Err(e) => {
                self.syntax_error(cell, e);
                None
            }
        }
    }

    /// A yes/no cell (yes/no, true/false, 1/0, 是/否); blank is no.
    pub(super) fn flag(&mut self, row: Row, column: &str) -> bool {
        let v = row.get(column);
        if v.is_empty() {
            return false;
        }
        condition::yes_no_value(v).unwrap_or_else(|| {
            let cell = row.cell(column);
            self.err(cell, "yes_no").param("value", v);
            false
        })
    }

    /// A question's bounds from its `constraint` cell, merged into `q`.
    pub(super) fn constraint(
        &mut self,
        row: Row,
        kind: Kind,
        q: &mut Map<String, Value>,
        path: &str,
    ) {
        let src = row.get("constraint");
        if src.is_empty() {
            return;
        }
        let cell = row.cell("constraint");
        match constraint::read(src, kind) {
            Ok(fields) => {
                for (k, v) in fields {
                    self.at(&format!("{path}.{k}"), cell.clone());
                    q.insert(k, v);
                }
            }
            Err(e) => self.syntax_error(cell, e),
        }
    }

    /// A choice list's options for the question at `path`; an error at `type_cell` when
    /// there is no such list.
    pub(super) fn options(&mut self, list: &str, path: &str, type_cell: String) -> Vec<Value> {
        self.at(&format!("{path}.options"), type_cell.clone());
        let Some(choices) = self.lists.get(list) else {
            self.err(type_cell, "unknown_list").param("list", list);
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut cells = Vec::new();
        for (i, c) in choices.iter().enumerate() {
            out.push(json!({ "value": c.value, "label": c.label }));
            cells.push((format!("{path}.options[{i}].value"), c.value_cell.clone()));
            cells.push((format!("{path}.options[{i}].label"), c.label_cell.clone()));
        }
        for (p, c) in cells {
            self.at(&p, c);
        }
        out
    }

    /// The form's title, for a section the survey opens without a group.
    pub(super) fn form_title(&mut self, path: &str) -> Value {
        self.at(path, self.form_title_cell.clone());
        self.form_title.clone().unwrap_or_else(|| json!({}))
    }

    /// The cell a JSON path came from: the longest recorded prefix of it.
    fn cell_of(&self, path: &str) -> String {
        let mut p = path;
        loop {
            if let Some(c) = self.cells.get(p) {
                return c.clone();
            }
            match p.rfind(['.', '[']) {
                Some(i) if i > 1 => p = &p[..i],
                _ => break,
            }
        }
        let sheet = if path.starts_with("$.sections") {
            SURVEY[0]
        } else {
            SETTINGS[0]
        };
        sheet.to_string()
    }
}

/// Reads the settings sheet into the document's head (id, version, title, …).
fn settings(r: &mut Reader, book: &Workbook, doc: &mut Map<String, Value>) {
    let Some(sheet) = book.sheet(&SETTINGS) else {
        r.err(SETTINGS[0].into(), "no_sheet")
            .param("sheet", SETTINGS.join(" / "));
        return;
    };
    let cols = Columns::read(sheet, SETTING_COLUMNS, &mut r.errs);
    let row = Row {
        sheet,
        cols: &cols,
        at: 1,
    };
    let lang = row.get("default_language");
    if !lang.is_empty() {
        r.default_lang = super::columns::lang_tag(lang);
    }
    for (column, field) in [("form_id", "id"), ("version", "version")] {
        doc.insert(field.into(), Value::String(row.get(column).to_string()));
        r.at(&format!("$.{field}"), row.cell(column));
    }
    if let Some(title) = r.text(row, "form_title", "$.title") {
        r.form_title = Some(title.clone());
        doc.insert("title".into(), title);
    }
    r.form_title_cell = row.cell("form_title");
    if let Some(d) = r.text(row, "description", "$.description") {
        doc.insert("description".into(), d);
    }
    if r.flag(row, "sample") {
        doc.insert("sample".into(), Value::Bool(true));
    }
    filers(r, row, doc);
    let mut submitter = Map::new();
    for field in ["name", "organisation", "identifier"] {
        let column = format!("submitter_{field}");
        let id = row.get(&column);
        if !id.is_empty() {
            submitter.insert(field.into(), Value::String(id.into()));
            r.at(&format!("$.submitter.{field}"), row.cell(&column));
        }
    }
    if !submitter.is_empty() {
        doc.insert("submitter".into(), Value::Object(submitter));
    }
}

/// The roles that file the form: `enterprise`/企业, `representative`/医药代表.
fn filers(r: &mut Reader, row: Row, doc: &mut Map<String, Value>) {
    let mut out = Vec::new();
    for word in row
        .get("filers")
        .split([' ', ',', '，', '、', ';'])
        .filter(|w| !w.is_empty())
    {
        match word.to_lowercase().as_str() {
            "enterprise" | "企业" => out.push(json!("enterprise")),
            "representative" | "医药代表" => out.push(json!("representative")),
            other => {
                let cell = row.cell("filers");
                r.err(cell, "filer").param("value", other);
            }
        }
    }
    if !out.is_empty() {
        doc.insert("filers".into(), Value::Array(out));
    }
}

/// Reads the choices sheet into lists by name.
fn choices(r: &mut Reader, book: &Workbook) {
    let Some(sheet) = book.sheet(&CHOICES) else {
        return;
    };
    let cols = Columns::read(sheet, CHOICE_COLUMNS, &mut r.errs);
    let used = (1..sheet.rows.len()).any(|at| {
        !Row {
            sheet,
            cols: &cols,
            at,
        }
        .is_blank()
    });
    for (column, names) in [
        ("list_name", "list_name / 列表名"),
        ("name", "name / 编号"),
        ("label", "label / 选项"),
    ] {
        if used && !cols.has(column) {
            r.err(sheet.address(0, 0), "no_column")
                .param("column", names);
        }
    }
    for at in 1..sheet.rows.len() {
        let row = Row {
            sheet,
            cols: &cols,
            at,
        };
        if row.is_blank() {
            continue;
        }
        let list = row.get("list_name").to_string();
        let label_cell = row.cell("label");
        let label = r
            .text(row, "label", "$choices")
            .unwrap_or_else(|| json!({}));
        r.lists.entry(list).or_default().push(Choice {
            value: row.get("name").to_string(),
            label,
            value_cell: row.cell("name"),
            label_cell,
        });
    }
}

/// Reads a workbook into a `yaojian/form/1` document, checked by the engine; every
/// problem at its cell (`survey!D7`), all of them.
pub(super) fn read(book: &Workbook) -> Result<Value, crate::Errors> {
    let mut r = Reader::new();
    let mut doc = Map::new();
    doc.insert("schema".into(), json!(crate::form::template::SCHEMA));
    doc.insert("id".into(), json!(""));
    doc.insert("version".into(), json!(""));
    doc.insert("title".into(), json!({}));
    settings(&mut r, book, &mut doc);
    choices(&mut r, book);
    let sections = match book.sheet(&SURVEY) {
        Some(sheet) => super::survey::sections(&mut r, sheet),
        None => {
            r.err(SURVEY[0].into(), "no_sheet")
                .param("sheet", SURVEY.join(" / "));
            Vec::new()
        }
    };
    doc.insert("sections".into(), Value::Array(sections));
    let doc = Value::Object(doc);
    // Without a sheet or a column the document is incomplete: the engine's view of it
    // would only repeat those errors row by row.
    let incomplete = r
        .errs
        .iter()
        .any(|e| e.code == "xlsform.no_sheet" || e.code == "xlsform.no_column");
    let checked = if incomplete {
        Ok(())
    } else {
        crate::form::Template::from_value(doc.clone()).map(drop)
    };
    if let Err(engine) = checked {
        let reported: HashSet<String> = r.errs.iter().map(|e| e.path.clone()).collect();
        for e in engine {
            let cell = r.cell_of(&e.path);
            if !reported.contains(&cell) {
                r.errs.push(FieldError { path: cell, ..e });
            }
        }
    }
    if r.errs.is_empty() {
        return Ok(doc);
    }
    let order: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
    crate::sorted::sort_by_key(&mut r.errs, |e| cell_order(&e.path, &order));
    Err(r.errs.into())
}

/// Sorts cells by sheet, then row, then column.
fn cell_order(address: &str, sheets: &[&str]) -> (usize, u32, u32) {
    let (sheet, cell) = address.rsplit_once('!').unwrap_or((address, ""));
    let sheet = sheets
        .iter()
        .position(|s| *s == sheet.trim_matches('\''))
        .unwrap_or(usize::MAX);
    let letters = cell.chars().take_while(char::is_ascii_alphabetic);
    let col = letters.fold(0u32, |n, c| n * 26 + (c as u32 - 'A' as u32 + 1));
    let row = cell
        .trim_start_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .unwrap_or(0);
    (sheet, row, col)
}

/// The column names the survey must have, for the message when one is missing.
pub(super) fn required_survey_columns() -> impl Iterator<Item = (&'static str, String)> {
    SURVEY_COLUMNS
        .iter()
        .filter(|(en, _)| ["type", "name", "label"].contains(en))
        .map(|(en, zh)| (*en, format!("{en} / {}", zh.unwrap_or(en))))
}
