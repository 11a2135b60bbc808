//! XLSForm spreadsheets in and out (feature `xlsx`): bureau staff write a self-inspection
//! template in Excel or WPS, as Kobo and ODK users do, and get every mistake back by
//! cell (`survey!D7`), in their language.
//!
//! - [`from_xlsx`]: a spreadsheet → the `yaojian/form/1` document, checked by the same
//!   parser as every template; [`to_xlsx`]: a template → a spreadsheet that reads back
//!   as the same template.
//! - `sheets`: the file as named sheets of text cells (calamine reads xlsx, xls and ods;
//!   rust_xlsxwriter writes xlsx). `columns`: the sheets' and columns' English and
//!   Chinese names. `read` and `survey`: sheets → document. `write`: template → sheets.
//!   `condition` and `constraint`: XLSForm's expressions ↔ conditions and bounds.
//!
//! The CLI (`yaojian form from-xlsx`, `to-xlsx`) and the server
//! (`POST /templates/from-xlsx`) call these functions; no widget's wasm carries them.

mod columns;
mod condition;
mod constraint;
mod read;
mod sheets;
mod survey;
mod write;

pub use columns::Headers;
pub use sheets::{column_letters, read_workbook, write_workbook, Sheet, Workbook, MAX_XLSX_BYTES};

use crate::form::Template;
use crate::Errors;
use serde_json::Value;

/// Reads a spreadsheet (xlsx, xls or ods, at most [`MAX_XLSX_BYTES`]) into a template
/// document; every problem found, each at its cell.
pub fn from_xlsx(bytes: &[u8]) -> Result<Value, Errors> {
    from_workbook(&read_workbook(bytes)?)
}

/// Reads sheets of text cells into a template document, checked by the engine.
pub fn from_workbook(book: &Workbook) -> Result<Value, Errors> {
    read::read(book)
}

/// The template as an xlsx file whose sheets and columns are named in `headers`.
pub fn to_xlsx(template: &Template, headers: Headers) -> Result<Vec<u8>, Errors> {
    write_workbook(&to_workbook(template, headers)?)
}

/// The template as sheets of text cells.
pub fn to_workbook(template: &Template, headers: Headers) -> Result<Workbook, Errors> {
    write::workbook(template, headers)
}
