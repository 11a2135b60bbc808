//! What people type, read into answer values: full-width characters, money, numbers,
//! identifiers; phone and e-mail checks; timestamps.

use super::*;
use crate::date::{parse_date, Date};
use crate::error::FieldError;
use crate::form::template::{Kind, Template};
use serde_json::Value;

/// Normalises full-width digits and punctuation typed with a Chinese IME.
fn half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            '．' | '。' => '.',
            '－' | '−' => '-',
            '＋' => '+',
            '＠' => '@',
            _ => c,
        })
        .collect()
}

/// Turns what was typed into a field into its answer value: money into fen, a number
/// into a JSON number, an identifier trimmed and upper-cased. Empty text is no answer
/// (`null`). A value that cannot be read is an error at `path`, and the caller keeps
/// the text.
pub fn parse_input(kind: Kind, text: &str, path: &str) -> Result<Value, FieldError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(Value::Null);
    }
    match kind {
        Kind::Money => crate::money::parse_yuan(trimmed)
            .map(|f| Value::from(f.0))
            .map_err(|e| e.at(path)),
        Kind::Number => {
            let s = half_width(trimmed).replace([',', '，'], "");
            if let Ok(i) = s.parse::<i64>() {
                return Ok(Value::from(i));
            }
            s.parse::<f64>()
                .ok()
                .filter(|f| f.is_finite())
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number)
                .ok_or_else(|| FieldError::new(path, "form.number"))
        }
        Kind::Uscc | Kind::ResidentId => {
            Ok(Value::String(half_width(trimmed).to_ascii_uppercase()))
        }
        Kind::Phone | Kind::Email | Kind::Date => Ok(Value::String(half_width(trimmed))),
        _ => Ok(Value::String(text.to_string())),
    }
}

/// Writes every identifier answer (统一社会信用代码, 身份证号码, at the top level and in
/// group rows) as [`parse_input`] does: half-width, trimmed, upper case. For answers
/// that did not come through typing (a host's value, an older draft).
pub fn normalise_identifiers(t: &Template, answers: &mut Answers) {
    let fix = |kind: Kind, v: &mut Value| {
        if let (Kind::Uscc | Kind::ResidentId, Value::String(s)) = (kind, &*v) {
            *v = Value::String(half_width(s.trim()).to_ascii_uppercase());
        }
    };
    for q in t.questions() {
        let Some(v) = answers.get_mut(&q.id) else {
            continue;
        };
        fix(q.kind, v);
        for row in v.as_array_mut().into_iter().flatten() {
            for c in &q.questions {
                if let Some(cell) = row.get_mut(&c.id) {
                    fix(c.kind, cell);
                }
            }
        }
    }
}

/// Mainland mobile (optionally +86), or a landline with area code and extension.
pub fn valid_phone(s: &str) -> bool {
    let s: String = s.chars().filter(|c| *c != ' ').collect();
    let digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
    let mobile = s
        .strip_prefix("+86")
        .or_else(|| s.strip_prefix("+86-"))
        .unwrap_or(&s);
    if mobile.len() == 11
        && digits(mobile)
        && mobile.starts_with('1')
        && (b'3'..=b'9').contains(&mobile.as_bytes()[1])
    {
        return true;
    }
    // 0AA(A)-NNNNNNN(N)[-EXT]
    let mut parts = s.split('-');
    let (Some(area), Some(num)) = (parts.next(), parts.next()) else {
        return s.starts_with('0') && digits(&s) && (10..=12).contains(&s.len());
    };
    let ext = parts.next();
    parts.next().is_none()
        && area.starts_with('0')
        && digits(area)
        && (3..=4).contains(&area.len())
        && digits(num)
        && (7..=8).contains(&num.len())
        && ext.is_none_or(|e| digits(e) && e.len() <= 6)
}

/// An address of the form local@domain.tld, without spaces.
pub fn valid_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    let ok_chars = |x: &str| {
        x.chars()
            .all(|c| !c.is_whitespace() && c != '@' && c != ',')
    };
    s.len() <= 254
        && !local.is_empty()
        && local.len() <= 64
        && ok_chars(local)
        && ok_chars(domain)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
}

/// Strict `YYYY-MM-DDTHH:MM:SS+08:00`; returns the date.
pub fn parse_cst_timestamp(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    let digits = [0..4, 5..7, 8..10, 11..13, 14..16, 17..19];
    if b.len() != 25 || b[10] != b'T' || !s.ends_with("+08:00") {
        return None;
    }
    // Digits only ("+9" would parse as a number and break the text order of times).
    if !digits
        .iter()
        .all(|r| b[r.clone()].iter().all(u8::is_ascii_digit))
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
    let shape = b[13] == b':' && b[16] == b':';
    let (h, m, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !shape || h > 23 || m > 59 || sec > 59 {
        return None;
    }
    parse_date(&s[..10]).ok()
}
