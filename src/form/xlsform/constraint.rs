//! The `constraint` column: a question's bounds, as XLSForm writes them, joined by `and`:
//!
//! | spreadsheet | template |
//! |---|---|
//! | `. >= 0`, `. <= 100` | `min`, `max` (money in yuan: `. <= 1500000.50`; dates `'2024-01-01'`, `date('2024-01-01')` or `today()`) |
//! | `string-length(.) >= 2`, `string-length(.) <= 50` | `min_length`, `max_length` |
//! | `regex(., '[0-9]{6}')` | `pattern` (the whole answer must match) |
//! | `count(.) >= 1`, `count(.) <= 10` (on `begin_repeat`) | `min_rows`, `max_rows` |
//!
//! Bounds are inclusive, as the engine's are: `>` and `<` are refused with a message.

use super::condition::{quote, syntax, Cursor, SyntaxError, Token};
use crate::form::template::{Bound, Kind, Question};
use serde_json::{Map, Value};

/// Reads a constraint of a question of `kind` into the template's fields.
pub(super) fn read(src: &str, kind: Kind) -> Result<Map<String, Value>, SyntaxError> {
    let mut c = Cursor::new(src)?;
    let mut out = Map::new();
    loop {
        let (field, v) = atom(&mut c, kind)?;
        if out.insert(field.into(), v).is_some() {
            return Err(syntax("duplicate_bound", field));
        }
        if !c.word("and") {
            break;
        }
    }
    c.done()?;
    Ok(out)
}

/// One comparison or `regex(…)`: the template field it sets and its value.
fn atom(c: &mut Cursor, kind: Kind) -> Result<(&'static str, Value), SyntaxError> {
    let near = c.near();
    let (subject, field_pair): (&str, [&'static str; 2]) = match c.next() {
        Some(Token::Dot) => (".", ["min", "max"]),
        Some(Token::Word(w)) if w == "string-length" || w == "count" => {
            c.expect(Token::Open)?;
            c.expect(Token::Dot)?;
            c.expect(Token::Close)?;
            if w == "count" {
                ("count", ["min_rows", "max_rows"])
            } else {
                ("length", ["min_length", "max_length"])
            }
        }
        Some(Token::Word(w)) if w == "regex" => {
            c.expect(Token::Open)?;
            c.expect(Token::Dot)?;
            c.expect(Token::Comma)?;
            let Some(Token::Str(p)) = c.next() else {
                return Err(syntax("expected_value", near));
            };
            c.expect(Token::Close)?;
            return Ok(("pattern", Value::String(p)));
        }
        _ => return Err(syntax("constraint", near)),
    };
    let field = match c.next() {
        Some(Token::Op(">=")) => field_pair[0],
        Some(Token::Op("<=")) => field_pair[1],
        Some(Token::Op(_)) => return Err(syntax("inclusive", near)),
        _ => return Err(syntax("constraint", near)),
    };
    let v = if subject == "." {
        bound(c, kind)?
    } else {
        match c.next() {
            Some(Token::Num(n)) => n
                .parse::<u32>()
                .map(Value::from)
                .map_err(|_| syntax("count", n))?,
            _ => return Err(syntax("count", near)),
        }
    };
    Ok((field, v))
}

/// A bound's value, as the template writes it for `kind`.
fn bound(c: &mut Cursor, kind: Kind) -> Result<Value, SyntaxError> {
    let near = c.near();
    match (kind, c.next()) {
        (Kind::Money, Some(Token::Num(n) | Token::Str(n))) => crate::money::parse_yuan(&n)
            .map(|f| Value::from(f.fen()))
            .map_err(|_| syntax("money", n)),
        (_, Some(Token::Num(n))) => serde_json::from_str::<serde_json::Number>(&n)
            .map(Value::Number)
            .map_err(|_| syntax("expected_value", n)),
        (_, Some(Token::Str(s))) => Ok(Value::String(s)),
        (_, Some(Token::Word(w))) if w == "today" || w == "date" => {
            c.expect(Token::Open)?;
            let v = if w == "today" {
                Value::String("today".into())
            } else {
                let Some(Token::Str(s)) = c.next() else {
                    return Err(syntax("expected_value", near));
                };
                Value::String(s)
            };
            c.expect(Token::Close)?;
            Ok(v)
        }
        _ => Err(syntax("expected_value", near)),
    }
}

/// What a question's constraint cell says, or none; `None` in the error when a pattern
/// holds both kinds of quote.
pub(super) fn write(q: &Question) -> Result<Option<String>, String> {
    let mut parts = Vec::new();
    for (op, b) in [(">=", q.min), ("<=", q.max)] {
        if let Some(b) = b {
            parts.push(format!(". {op} {}", bound_text(b)));
        }
    }
    for (subject, op, n) in [
        ("string-length(.)", ">=", q.min_length),
        ("string-length(.)", "<=", q.max_length),
        ("count(.)", ">=", q.min_rows),
        ("count(.)", "<=", q.max_rows),
    ] {
        if let Some(n) = n {
            parts.push(format!("{subject} {op} {n}"));
        }
    }
    if let Some(p) = &q.pattern {
        let quoted = quote(&p.source).ok_or_else(|| p.source.clone())?;
        parts.push(format!("regex(., {quoted})"));
    }
    Ok((!parts.is_empty()).then(|| parts.join(" and ")))
}

fn bound_text(b: Bound) -> String {
    match b {
        Bound::Number(n) => crate::json::number_text(n),
        Bound::Fen(f) => {
            let yuan = crate::money::Fen(f).yuan_string();
            yuan.strip_suffix(".00").map(str::to_string).unwrap_or(yuan)
        }
        Bound::Date(d) => format!("date('{d}')"),
        Bound::Today => "today()".into(),
    }
}
