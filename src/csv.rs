//! The one CSV writer: every CSV the engine produces (checklists, submission summaries)
//! goes through [`to_csv`], so every cell is quoted and neutralised the same way.

/// Characters that make a spreadsheet read a cell as a formula when they come first
/// (OWASP "CSV injection"): `=`, `+`, `-`, `@`, tab and carriage return.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a spreadsheet would read `s` as a formula.
pub fn is_formula_like(s: &str) -> bool {
    s.starts_with(FORMULA_STARTS)
}

/// One CSV field. A cell that a spreadsheet would read as a formula gets a leading
/// single quote (so `=HYPERLINK(…)` stays text); the field is quoted when it holds a
/// comma, quote, CR or LF, with quotes doubled.
pub fn field(s: &str) -> String {
    let text = if is_formula_like(s) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// One CSV line (CRLF-terminated) of `cells`.
fn push_line<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>) {
    for (n, c) in cells.enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push_str(&field(c));
    }
    out.push_str("\r\n");
}

/// CSV rows (UTF-8 with BOM, CRLF) so Excel opens Chinese text correctly.
pub fn to_csv(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::from('\u{feff}');
    push_line(&mut out, header.iter().copied());
    out.push_str(&csv_lines(rows));
    out
}

/// The rows alone, without BOM or header: what follows [`to_csv`]'s output when a CSV
/// is written in parts (a server streaming a large export).
pub fn csv_lines(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for r in rows {
        push_line(&mut out, r.iter().map(String::as_str));
    }
    out
}
