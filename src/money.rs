//! Money as integer fen (分). Never floating point.
//!
//! Parsing accepts what people type into Chinese forms: `1500000`, `1,500,000.00`,
//! `150万`, `150万元`, `1.5万元`, `¥1,500,000.00`, full-width digits and punctuation.
//! Formatting gives `¥1,500,000.00` ([`Fen::yuan_string`] without the sign) and
//! `150万元` ([`Fen::to_cn`]).

use crate::error::FieldError;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Fen in one yuan.
pub const FEN_PER_YUAN: i64 = 100;
/// Largest accepted amount: 10^13 yuan, in fen (10^15). Anything above is an input error.
pub const MAX_YUAN: i64 = 10_000_000_000_000;
/// The largest amount the engine reads, in fen.
pub const MAX_FEN: i64 = MAX_YUAN * FEN_PER_YUAN;

/// An amount of money in fen. Non-negative in every value the parser produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Fen(pub i64);

impl Fen {
    /// Nothing.
    pub const ZERO: Fen = Fen(0);

    /// `yuan` whole yuan.
    pub const fn from_yuan(yuan: i64) -> Fen {
        Fen(yuan * FEN_PER_YUAN)
    }

    /// The amount in fen.
    pub const fn fen(self) -> i64 {
        self.0
    }

    /// `1500000.00`: plain yuan with two decimals, no grouping (the CLI's JSON format).
    pub fn yuan_string(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", a / 100, a % 100)
    }

    /// `¥1,500,000.00`
    pub fn to_display(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        format!("{sign}¥{}.{:02}", group_thousands(a / 100), a % 100)
    }

    /// `150万元`, `1.5万元`, or `12,345.67元` when the amount is not a round number of 万.
    pub fn to_cn(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        // 1万元 = 1,000,000 fen. Use 万 when the amount is at least 1万 and a whole
        // number of hundreds of yuan (so at most two decimals of 万 are needed).
        if a >= 1_000_000 && a % 10_000 == 0 {
            let wan = a / 1_000_000;
            let rest = (a % 1_000_000) / 10_000; // hundreds of yuan: 0..=99
            if rest == 0 {
                format!("{sign}{wan}万元")
            } else if rest % 10 == 0 {
                format!("{sign}{wan}.{}万元", rest / 10)
            } else {
                format!("{sign}{wan}.{rest:02}万元")
            }
        } else if a % 100 == 0 {
            format!("{sign}{}元", group_thousands(a / 100))
        } else {
            format!("{sign}{}.{:02}元", group_thousands(a / 100), a % 100)
        }
    }

    /// The amount as a reader of `lang` writes it: `150万元` (zh-CN), `150萬元` (zh-TW),
    /// `¥1,500,000` or `¥1,500,000.50` (en).
    pub fn in_lang(self, lang: crate::Lang) -> String {
        match lang {
            crate::Lang::ZhCn => self.to_cn(),
            crate::Lang::ZhTw => self.to_cn().replace('万', "萬"),
            crate::Lang::En => {
                let sign = if self.0 < 0 { "-" } else { "" };
                let a = self.0.unsigned_abs();
                match a % 100 {
                    0 => format!("{sign}¥{}", group_thousands(a / 100)),
                    f => format!("{sign}¥{}.{f:02}", group_thousands(a / 100)),
                }
            }
        }
    }

    /// The sum, or `None` when it overflows.
    pub fn checked_add(self, other: Fen) -> Option<Fen> {
        self.0.checked_add(other.0).map(Fen)
    }

    /// `self × pct / 100`, rounded half up to a whole fen; i128 inside so no overflow
    /// for any amount up to [`MAX_FEN`] and any percentage a statute uses.
    pub fn percent(self, pct: i64) -> Fen {
        Fen(mul_div_round(self.0, pct, 100))
    }

    /// Round to a multiple of `step` fen (half up). `step` ≤ 0 returns the value unchanged.
    pub fn round_to(self, step: i64) -> Fen {
        if step <= 1 {
            return self;
        }
        Fen(mul_div_round(self.0, 1, step) * step)
    }

    /// Round down to a multiple of `step` fen.
    pub fn floor_to(self, step: i64) -> Fen {
        if step <= 1 {
            return self;
        }
        Fen(self.0.div_euclid(step) * step)
    }

    /// Round up to a multiple of `step` fen.
    pub fn ceil_to(self, step: i64) -> Fen {
        if step <= 1 {
            return self;
        }
        Fen(-((-self.0).div_euclid(step)) * step)
    }
}

/// `a × b / d` rounded half away from zero, computed in i128 and saturated to i64.
pub fn mul_div_round(a: i64, b: i64, d: i64) -> i64 {
    let n = a as i128 * b as i128;
    let d = d as i128;
    let q = n / d;
    let r = n % d;
    let q = if (r.abs() * 2) >= d.abs() {
        q + n.signum() * d.signum()
    } else {
        q
    };
    q.clamp(i64::MIN as i128, i64::MAX as i128) as i64
}

fn group_thousands(mut n: u64) -> String {
    if n == 0 {
        return "0".into();
    }
    let mut parts = Vec::new();
    while n > 0 {
        parts.push(n % 1000);
        n /= 1000;
    }
    let mut s = parts.pop().map(|p| p.to_string()).unwrap_or_default();
    while let Some(p) = parts.pop() {
        s.push_str(&format!(",{p:03}"));
    }
    s
}

impl fmt::Display for Fen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_display())
    }
}

/// Why an amount was refused. Each has an i18n key `error.money.<code>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyError {
    Empty,
    Invalid,
    Negative,
    TooManyDecimals,
    TooLarge,
}

impl MoneyError {
    /// The error's code (`money.<code>` in the catalogs).
    pub fn code(self) -> &'static str {
        match self {
            MoneyError::Empty => "money.empty",
            MoneyError::Invalid => "money.invalid",
            MoneyError::Negative => "money.negative",
            MoneyError::TooManyDecimals => "money.too_many_decimals",
            MoneyError::TooLarge => "money.too_large",
        }
    }

    /// The error at a JSON path, ready to show or print.
    pub fn at(self, path: impl Into<String>) -> FieldError {
        FieldError::new(path, self.code())
    }
}

/// Maps full-width digits and punctuation to ASCII so `１５０，０００．００` parses.
fn normalise_char(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '，' => ',',
        '．' | '。' => '.',
        '－' | '−' => '-',
        '＋' => '+',
        '￥' => '¥',
        _ => c,
    }
}

/// Parses an amount of yuan into fen. See the module documentation for accepted forms.
pub fn parse_yuan(input: &str) -> Result<Fen, MoneyError> {
    let s: String = input
        .trim()
        .chars()
        .map(normalise_char)
        .filter(|c| !c.is_whitespace())
        .collect();
    if s.is_empty() {
        return Err(MoneyError::Empty);
    }
    let mut rest = s.as_str();
    let negative = rest.starts_with('-');
    if let Some(r) = rest.strip_prefix('-').or_else(|| rest.strip_prefix('+')) {
        rest = r;
    }
    rest = rest.strip_prefix('¥').unwrap_or(rest);
    if !negative && rest.starts_with('-') {
        // "¥-5"
        return Err(MoneyError::Negative);
    }
    rest = rest.strip_suffix('元').unwrap_or(rest);
    let (rest, wan) = match rest.strip_suffix('万') {
        Some(r) => (r, true),
        None => (rest, false),
    };
    if rest.is_empty() {
        return Err(MoneyError::Invalid);
    }
    let (int_part, frac_part) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    if !valid_integer_part(int_part) {
        return Err(MoneyError::Invalid);
    }
    let digits: String = int_part.chars().filter(|c| *c != ',').collect();
    let frac = frac_part.unwrap_or("");
    if frac_part.is_some() && frac.is_empty() || !frac.chars().all(|c| c.is_ascii_digit()) {
        return Err(MoneyError::Invalid);
    }
    // In yuan two decimals make a fen; in 万 six do.
    let max_decimals = if wan { 6 } else { 2 };
    if frac.len() > max_decimals {
        return Err(if negative {
            MoneyError::Negative
        } else {
            MoneyError::TooManyDecimals
        });
    }
    if negative {
        return Err(MoneyError::Negative);
    }
    // Value in units of 10^-max_decimals of the unit, then scale to fen.
    let digits = digits.trim_start_matches('0');
    if digits.len() > 20 {
        return Err(MoneyError::TooLarge);
    }
    let int_val: i128 = if digits.is_empty() {
        0
    } else {
        digits.parse().map_err(|_| MoneyError::Invalid)?
    };
    let mut frac_padded = frac.to_string();
    while frac_padded.len() < max_decimals {
        frac_padded.push('0');
    }
    let frac_val: i128 = frac_padded.parse().unwrap_or(0);
    let fen: i128 = if wan {
        // 1万 = 10^6 fen; six decimals of 万 = whole fen.
        int_val * 1_000_000 + frac_val
    } else {
        int_val * 100 + frac_val
    };
    if fen > MAX_FEN as i128 {
        return Err(MoneyError::TooLarge);
    }
    Ok(Fen(fen as i64))
}

/// Digits, optionally grouped by commas in threes (`1,500,000`); no leading/trailing comma.
fn valid_integer_part(s: &str) -> bool {
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || c == ',') {
        return false;
    }
    if !s.contains(',') {
        return true;
    }
    let groups: Vec<&str> = s.split(',').collect();
    let first = groups[0];
    !first.is_empty() && first.len() <= 3 && groups[1..].iter().all(|g| g.len() == 3)
}

/// Serialises as a yuan string with two decimals (`"1500000.00"`), the CLI and event format.
impl Serialize for Fen {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.yuan_string())
    }
}

/// Deserialises from a yuan string in any form [`parse_yuan`] accepts.
impl<'de> Deserialize<'de> for Fen {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Fen, D::Error> {
        let s = String::deserialize(d)?;
        parse_yuan(&s).map_err(|e| serde::de::Error::custom(e.code()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_each_language_writes_them() {
        use crate::Lang;
        let a = Fen::from_yuan(1_500_000);
        assert_eq!(a.in_lang(Lang::ZhCn), "150万元");
        assert_eq!(a.in_lang(Lang::ZhTw), "150萬元");
        assert_eq!(a.in_lang(Lang::En), "¥1,500,000");
        assert_eq!(Fen(123_456_789).in_lang(Lang::En), "¥1,234,567.89");
        assert_eq!(Fen(5).in_lang(Lang::En), "¥0.05");
        assert_eq!(Fen(-150).in_lang(Lang::En), "-¥1.50");
    }

    #[test]
    fn parses_the_forms_people_type() {
        assert_eq!(parse_yuan("1500000"), Ok(Fen::from_yuan(1_500_000)));
        assert_eq!(parse_yuan("1,500,000.00"), Ok(Fen::from_yuan(1_500_000)));
        assert_eq!(parse_yuan("150万"), Ok(Fen::from_yuan(1_500_000)));
        assert_eq!(parse_yuan("150万元"), Ok(Fen::from_yuan(1_500_000)));
        assert_eq!(parse_yuan("1.5万元"), Ok(Fen::from_yuan(15_000)));
        assert_eq!(parse_yuan("¥1,234.5"), Ok(Fen(123_450)));
        assert_eq!(parse_yuan(" 12.34元 "), Ok(Fen(1234)));
        assert_eq!(parse_yuan("１５０，０００．０１"), Ok(Fen(15_000_001)));
        assert_eq!(parse_yuan("0.01"), Ok(Fen(1)));
        assert_eq!(parse_yuan("0"), Ok(Fen(0)));
        assert_eq!(parse_yuan("1.234567万"), Ok(Fen(1_234_567)));
    }

    #[test]
    fn rejects_bad_amounts_with_the_reason() {
        assert_eq!(parse_yuan(""), Err(MoneyError::Empty));
        assert_eq!(parse_yuan("   "), Err(MoneyError::Empty));
        assert_eq!(parse_yuan("-5"), Err(MoneyError::Negative));
        assert_eq!(parse_yuan("¥-5"), Err(MoneyError::Negative));
        assert_eq!(parse_yuan("-1.234"), Err(MoneyError::Negative));
        assert_eq!(parse_yuan("1.234"), Err(MoneyError::TooManyDecimals));
        assert_eq!(parse_yuan("1.2345678万"), Err(MoneyError::TooManyDecimals));
        assert_eq!(parse_yuan("abc"), Err(MoneyError::Invalid));
        assert_eq!(parse_yuan("12a"), Err(MoneyError::Invalid));
        assert_eq!(parse_yuan("1,50,000"), Err(MoneyError::Invalid));
        assert_eq!(parse_yuan(",100"), Err(MoneyError::Invalid));
        assert_eq!(parse_yuan("1."), Err(MoneyError::Invalid));
        assert_eq!(parse_yuan("万"), Err(MoneyError::Invalid));
        assert_eq!(parse_yuan("1e5"), Err(MoneyError::Invalid));
        // The cap: 10^13 yuan is accepted, one fen more is not.
        assert_eq!(parse_yuan("10000000000000"), Ok(Fen(MAX_FEN)));
        assert_eq!(parse_yuan("10000000000000.01"), Err(MoneyError::TooLarge));
        assert_eq!(parse_yuan("1000000001万"), Err(MoneyError::TooLarge));
        assert_eq!(
            parse_yuan("99999999999999999999999999999"),
            Err(MoneyError::TooLarge)
        );
    }

    #[test]
    fn formats_both_ways() {
        assert_eq!(Fen::from_yuan(1_500_000).to_display(), "¥1,500,000.00");
        assert_eq!(Fen(5).to_display(), "¥0.05");
        assert_eq!(Fen::from_yuan(1_500_000).to_cn(), "150万元");
        assert_eq!(Fen::from_yuan(15_000).to_cn(), "1.5万元");
        assert_eq!(Fen::from_yuan(12_300).to_cn(), "1.23万元");
        assert_eq!(Fen(1_234_567).to_cn(), "12,345.67元");
        assert_eq!(Fen::from_yuan(500).to_cn(), "500元");
        assert_eq!(Fen::from_yuan(1_500_000).yuan_string(), "1500000.00");
        assert_eq!(Fen(MAX_FEN).to_display(), "¥10,000,000,000,000.00");
    }

    #[test]
    fn arithmetic_rounds_half_up_without_overflow() {
        assert_eq!(Fen(MAX_FEN).percent(3000), Fen(MAX_FEN * 30));
        assert_eq!(Fen(1).percent(50), Fen(1)); // 0.5 fen rounds up
        assert_eq!(Fen(1).percent(49), Fen(0));
        assert_eq!(Fen(12_345).round_to(100), Fen(12_300));
        assert_eq!(Fen(12_350).round_to(100), Fen(12_400));
        assert_eq!(Fen(12_399).floor_to(100), Fen(12_300));
        assert_eq!(Fen(12_301).ceil_to(100), Fen(12_400));
        assert_eq!(Fen(12_300).ceil_to(100), Fen(12_300));
    }

    #[test]
    fn serde_round_trip_uses_yuan_strings() {
        let v: Fen = serde_json::from_str("\"150万\"").unwrap();
        assert_eq!(v, Fen::from_yuan(1_500_000));
        assert_eq!(serde_json::to_string(&v).unwrap(), "\"1500000.00\"");
        assert!(serde_json::from_str::<Fen>("\"-1\"").is_err());
    }
}
