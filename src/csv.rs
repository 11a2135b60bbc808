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

/// CSV rows (UTF-8 with BOM, CRLF) so Excel opens Chinese text correctly.
pub fn to_csv(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::from('\u{feff}');
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        for (n, c) in cells.enumerate() {
            if n > 0 {
                out.push(',');
            }
            out.push_str(&field(c));
        }
        out.push_str("\r\n");
    };
    line(&mut header.iter().copied());
    for r in rows {
        line(&mut r.iter().map(String::as_str));
    }
    out
}
