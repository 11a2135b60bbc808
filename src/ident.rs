//! Chinese identifiers that forms validate.
//! - 统一社会信用代码: 18 characters, GB 32100-2015, check character mod 31.
//! - 居民身份证号码: 18 characters, GB 11643-1999, ISO 7064 MOD 11-2, a real birth date.
//! - 行政区划代码 ([`Region`]): six digits, GB/T 2260; a province's code covers its cities
//!   and counties, and a 统一社会信用代码 carries the code of its registration authority.

use crate::date::Date;
use chrono::NaiveDate;

/// The 31 characters a 统一社会信用代码 may use (no I, O, Z, S, V), in value order.
const USCC_CHARS: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weights of positions 1–17: 3^(i-1) mod 31.
const USCC_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// Why an identifier is not valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentError {
    Length,
    Character,
    Checksum,
    BirthDate,
}

impl IdentError {
    /// Catalog key suffix; the full code is `uscc.<x>` or `resident_id.<x>`.
    pub fn code(self, kind: &str) -> String {
        let x = match self {
            IdentError::Length => "length",
            IdentError::Character => "character",
            IdentError::Checksum => "checksum",
            IdentError::BirthDate => "birth_date",
        };
        format!("{kind}.{x}")
    }
}

fn uscc_value(c: u8) -> Option<u32> {
    USCC_CHARS.iter().position(|&x| x == c).map(|p| p as u32)
}

/// The GB 32100-2015 check character for the first 17 characters.
pub fn uscc_check_char(first17: &str) -> Option<char> {
    let b = first17.as_bytes();
    if b.len() != 17 {
        return None;
    }
    let mut sum = 0u32;
    for (i, &c) in b.iter().enumerate() {
        sum += uscc_value(c)? * USCC_WEIGHTS[i];
    }
    let check = (31 - sum % 31) % 31;
    Some(USCC_CHARS[check as usize] as char)
}

/// Validates a 统一社会信用代码; returns it normalised (trimmed, upper case).
pub fn validate_uscc(input: &str) -> Result<String, IdentError> {
    if crate::text::hidden_char(input, true).is_some() {
        return Err(IdentError::Character);
    }
    let s = input.trim().to_ascii_uppercase();
    if s.chars().count() != 18 {
        return Err(IdentError::Length);
    }
    if !s.bytes().all(|c| uscc_value(c).is_some()) {
        return Err(IdentError::Character);
    }
    match uscc_check_char(&s[..17]) {
        Some(c) if s.as_bytes()[17] as char == c => Ok(s),
        _ => Err(IdentError::Checksum),
    }
}

/// Weights of positions 1–17: 2^(18-i) mod 11.
const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// Check character for sum mod 11 = 0..10.
const ID_CHECK: &[u8; 11] = b"10X98765432";

/// The GB 11643-1999 check character for the first 17 digits.
pub fn resident_id_check_char(first17: &str) -> Option<char> {
    let b = first17.as_bytes();
    if b.len() != 17 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = b
        .iter()
        .zip(ID_WEIGHTS)
        .map(|(c, w)| (c - b'0') as u32 * w)
        .sum();
    Some(ID_CHECK[(sum % 11) as usize] as char)
}

/// A validated 居民身份证号码.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResidentId {
    pub number: String,
    pub birth_date: Date,
}

/// Validates a 居民身份证号码 (lower-case x accepted). `today`, when given, rejects birth
/// dates in the future.
pub fn validate_resident_id(input: &str, today: Option<Date>) -> Result<ResidentId, IdentError> {
    if crate::text::hidden_char(input, true).is_some() {
        return Err(IdentError::Character);
    }
    let s = input.trim().to_ascii_uppercase();
    if s.chars().count() != 18 {
        return Err(IdentError::Length);
    }
    let b = s.as_bytes();
    if !b[..17].iter().all(u8::is_ascii_digit) || !(b[17].is_ascii_digit() || b[17] == b'X') {
        return Err(IdentError::Character);
    }
    let birth = crate::date::ymd(&s[6..10], &s[10..12], &s[12..14]).ok_or(IdentError::BirthDate)?;
    let too_old = birth < NaiveDate::from_ymd_opt(1800, 1, 1).unwrap_or(NaiveDate::MIN);
    if too_old || today.is_some_and(|t| birth > t) {
        return Err(IdentError::BirthDate);
    }
    if resident_id_check_char(&s[..17]) != Some(b[17] as char) {
        return Err(IdentError::Checksum);
    }
    Ok(ResidentId {
        number: s,
        birth_date: birth,
    })
}

/// A question or item id, as conditions name them: lower-case ASCII letters, digits
/// and `_`, starting with a letter, at most 64 bytes. Requirement and form templates
/// share it.
pub fn valid_id(s: &str) -> bool {
    let mut c = s.chars();
    s.len() <= 64
        && c.next().is_some_and(|f| f.is_ascii_lowercase())
        && c.all(|x| x.is_ascii_lowercase() || x.is_ascii_digit() || x == '_')
}

/// A 行政区划代码 (GB/T 2260): six digits. `350000` is a province (福建省), `350100` a
/// city in it (福州市), `350102` a district of that city; `000000` stands for the
/// whole country.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Region(String);

impl Region {
    /// Six ASCII digits, or nothing.
    pub fn parse(code: &str) -> Option<Region> {
        (code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()))
            .then(|| Region(code.to_string()))
    }

    /// The 登记管理机关行政区划码 inside a 统一社会信用代码: its characters 3–8 (GB
    /// 32100-2015). The code is not checked here: [`validate_uscc`] does that.
    pub fn of_uscc(uscc: &str) -> Option<Region> {
        Region::parse(uscc.get(2..8)?)
    }

    /// The six digits.
    pub fn code(&self) -> &str {
        &self.0
    }

    /// The part of the code that names the area, trailing pairs of zeros dropped:
    /// `350000` → `35`, `350100` → `3501`, `350102` → `350102`, `000000` → ``. Every
    /// region the area covers starts with it.
    pub fn prefix(&self) -> &str {
        let mut p = self.0.as_str();
        while p.len() >= 2 && p.ends_with("00") {
            p = &p[..p.len() - 2];
        }
        p
    }

    /// Whether this region is `other` or contains it: a province covers its cities and
    /// counties, a city its counties, the country everything.
    pub fn covers(&self, other: &Region) -> bool {
        other.0.starts_with(self.prefix())
    }
}

impl std::fmt::Display for Region {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
