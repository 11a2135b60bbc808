//! The spreadsheet as the converter sees it: named sheets of text cells, each cell with
//! the address Excel shows (`survey!D7`); reading (calamine: xlsx, xls, ods) and writing
//! (rust_xlsxwriter: xlsx) files of that shape.

use crate::error::FieldError;
use crate::Errors;
use std::io::Cursor;

/// The largest spreadsheet file read.
pub const MAX_XLSX_BYTES: usize = 5 * 1024 * 1024;

/// The most a spreadsheet's archive may unpack to: a 5 MB file of real text unpacks to a
/// few tens of MB, while a decompression bomb claims far more.
const MAX_UNPACKED_BYTES: u64 = 200 * 1024 * 1024;

/// One sheet: its name and its cells as text, `rows[0][0]` being the cell at `origin`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    pub name: String,
    /// Zero-based (row, column) of the first cell held.
    pub origin: (u32, u32),
    pub rows: Vec<Vec<String>>,
}

impl Sheet {
    /// A sheet whose first row is `rows[0]`, at A1.
    pub fn new(name: &str, rows: Vec<Vec<String>>) -> Sheet {
        Sheet {
            name: name.into(),
            origin: (0, 0),
            rows,
        }
    }

    /// The cell at `row`, `col` (indexes into `rows`), blank when absent.
    pub fn cell(&self, row: usize, col: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .map(String::as_str)
            .unwrap_or("")
    }

    /// The address Excel shows for `rows[row][col]`: `survey!D7`.
    pub fn address(&self, row: usize, col: usize) -> String {
        let r = self.origin.0 as usize + row + 1;
        let c = self.origin.1 as usize + col;
        format!("{}!{}{r}", sheet_ref(&self.name), column_letters(c))
    }
}

/// A sheet's name as a reference writes it: quoted when it holds anything but letters,
/// digits and underscores.
fn sheet_ref(name: &str) -> String {
    if name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

/// `0` → `A`, `25` → `Z`, `26` → `AA`.
pub fn column_letters(mut col: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

/// A workbook: its sheets in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
}

impl Workbook {
    /// The first sheet called one of `names` (compared without case).
    pub fn sheet(&self, names: &[&str]) -> Option<&Sheet> {
        self.sheets
            .iter()
            .find(|s| names.iter().any(|n| s.name.trim().eq_ignore_ascii_case(n)))
    }
}

fn not_spreadsheet(detail: impl std::fmt::Display) -> Errors {
    FieldError::new("$", "xlsform.not_spreadsheet")
        .with("detail", detail)
        .into()
}

/// Refuses an archive that claims to unpack to more than `MAX_UNPACKED_BYTES`.
fn check_unpacked_size(bytes: &[u8]) -> Result<(), Errors> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(not_spreadsheet)?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(not_spreadsheet)?;
        total = total.saturating_add(entry.size());
    }
    if total > MAX_UNPACKED_BYTES {
        return Err(FieldError::new("$", "xlsform.too_large")
            .with("max", MAX_UNPACKED_BYTES / (1024 * 1024))
            .into());
    }
    Ok(())
}

/// Reads an xlsx, xls or ods file into text cells.
pub fn read_workbook(bytes: &[u8]) -> Result<Workbook, Errors> {
    use calamine::Reader;
    if bytes.len() > MAX_XLSX_BYTES {
        return Err(FieldError::new("$", "xlsform.too_large")
            .with("max", MAX_XLSX_BYTES / (1024 * 1024))
            .into());
    }
    if bytes.starts_with(b"PK") {
        check_unpacked_size(bytes)?;
    }
    let mut book =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(not_spreadsheet)?;
    let mut sheets = Vec::new();
    let mut errs = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(not_spreadsheet)?;
        sheets.push(sheet_of(name, &range, &mut errs));
    }
    if errs.is_empty() {
        Ok(Workbook { sheets })
    } else {
        Err(errs.into())
    }
}

fn sheet_of(
    name: String,
    range: &calamine::Range<calamine::Data>,
    errs: &mut Vec<FieldError>,
) -> Sheet {
    let mut sheet = Sheet {
        name,
        origin: range.start().unwrap_or((0, 0)),
        rows: Vec::new(),
    };
    for (r, row) in range.rows().enumerate() {
        let mut cells = Vec::with_capacity(row.len());
        for (c, data) in row.iter().enumerate() {
            let text = cell_text(data).unwrap_or_else(|| {
                errs.push(FieldError::new(sheet.address(r, c), "xlsform.cell_error"));
                String::new()
            });
            cells.push(text);
        }
        sheet.rows.push(cells);
    }
    sheet
}

/// A cell as text: whole numbers without a decimal point, dates as `YYYY-MM-DD`; none
/// for a cell holding a spreadsheet error (`#DIV/0!`).
fn cell_text(data: &calamine::Data) -> Option<String> {
    use calamine::Data;
    Some(match data {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(d) if d.time() == chrono::NaiveTime::MIN => d.date().to_string(),
            Some(d) => d.to_string(),
            None => dt.as_f64().to_string(),
        },
        Data::Error(_) => return None,
    })
}

/// Writes the workbook as an xlsx file: headers bold and frozen, columns sized to their
/// text, every cell text (so `2026.10` stays `2026.10`), the same bytes for the same
/// workbook.
pub fn write_workbook(book: &Workbook) -> Result<Vec<u8>, Errors> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook as Xlsx};
    let failed = |e: rust_xlsxwriter::XlsxError| -> Errors {
        FieldError::new("$", "xlsform.write")
            .with("detail", e)
            .into()
    };
    let mut out = Xlsx::new();
    let created = ExcelDateTime::from_ymd(2026, 1, 1).map_err(failed)?;
    out.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    for sheet in &book.sheets {
        let ws = out.add_worksheet();
        ws.set_name(&sheet.name).map_err(failed)?;
        ws.set_freeze_panes(1, 0).map_err(failed)?;
        let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
        for col in 0..width {
            let longest = sheet
                .rows
                .iter()
                .map(|r| display_width(r.get(col)))
                .max()
                .unwrap_or(0);
            let col = col as u16;
            ws.set_column_width(col, longest.clamp(8, 60) as f64)
                .map_err(failed)?;
            ws.set_column_format(col, &text).map_err(failed)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let format = if r == 0 { &bold } else { &text };
            for (c, v) in row.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
                ws.write_string_with_format(r as u32, c as u16, v, format)
                    .map_err(failed)?;
            }
        }
    }
    out.save_to_buffer().map_err(failed)
}

/// About how many character widths a cell's text takes (CJK counts twice).
fn display_width(s: Option<&String>) -> usize {
    s.map(|s| s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum())
        .unwrap_or(0)
}
