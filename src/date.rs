//! Calendar dates in China Standard Time (UTC+8), whatever the time zone of the machine
//! or browser. The engine never reads a clock: callers pass the current instant as Unix
//! milliseconds (`Date.now()` in the browser, `SystemTime` natively), so results are
//! reproducible and the engine needs no web dependency.

use crate::error::FieldError;
use chrono::{Datelike, Duration, NaiveDate};

pub use chrono::NaiveDate as Date;

/// UTC+8, no daylight saving.
pub const CST_OFFSET_MILLIS: i64 = 8 * 3600 * 1000;

/// The year of a calendar date (the `{year}` of document numbers and item ids).
pub fn year_of(d: Date) -> i32 {
    d.year()
}

/// The calendar date in China Standard Time at the instant `unix_millis`.
pub fn cst_date_from_unix_millis(unix_millis: i64) -> Date {
    let days = (unix_millis + CST_OFFSET_MILLIS).div_euclid(86_400_000);
    // 1970-01-01 + days; out-of-range instants clamp to chrono's limits.
    NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|epoch| epoch.checked_add_signed(Duration::days(days)))
        .unwrap_or(if days < 0 {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        })
}

/// An ISO 8601 timestamp with the +08:00 offset, e.g. `2026-11-22T21:05:09+08:00`.
pub fn cst_timestamp(unix_millis: i64) -> String {
    let local = unix_millis + CST_OFFSET_MILLIS;
    let date = cst_date_from_unix_millis(unix_millis);
    let secs_of_day = local.div_euclid(1000).rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}:{:02}+08:00",
        format_date(date),
        secs_of_day / 3600,
        (secs_of_day / 60) % 60,
        secs_of_day % 60
    )
}

/// The current instant in Unix milliseconds, for native callers (the CLI).
#[cfg(not(target_arch = "wasm32"))]
pub fn now_unix_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// Parses `YYYY-MM-DD` strictly (a real calendar date, four-digit year).
pub fn parse_date(s: &str) -> Result<Date, DateError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(DateError::Empty);
    }
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return Err(DateError::Format);
    }
    ymd(&s[0..4], &s[5..7], &s[8..10]).ok_or(DateError::NoSuchDate)
}

/// Dates in documents, as `YYYY-MM-DD`, read and written by the engine itself
/// (chrono's serde goes through its general parser, RFC 2822 and time zones included:
/// about 14 KB of every widget's wasm). A field says `#[serde(with = "crate::date::iso")]`;
/// an optional one [`iso_opt`]. Text around the date is refused, as `parse_date` refuses
/// every other shape.
pub mod iso {
    use super::{format_date, parse_date, Date};
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format_date(*d))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        read(&String::deserialize(d)?).map_err(D::Error::custom)
    }

    /// The date `text` is, or why not (serde's error message).
    pub(crate) fn read(text: &str) -> Result<Date, String> {
        match parse_date(text) {
            Ok(d) if text.trim() == text => Ok(d),
            _ => Err(format!("invalid date `{text}`, expected YYYY-MM-DD")),
        }
    }
}

/// An optional date in a document (see [`iso`]); `null` is none.
pub mod iso_opt {
    use super::Date;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => super::iso::serialize(d, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|text| super::iso::read(&text).map_err(D::Error::custom))
            .transpose()
    }
}

/// Why text is not a calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    Empty,
    Format,
    NoSuchDate,
}

impl DateError {
    /// The error's code (`date.<code>` in the catalogs).
    pub fn code(self) -> &'static str {
        match self {
            DateError::Empty => "date.empty",
            DateError::Format => "date.format",
            DateError::NoSuchDate => "date.no_such_date",
        }
    }
    /// The error at JSON path `path`.
    pub fn at(self, path: impl Into<String>) -> FieldError {
        FieldError::new(path, self.code())
    }
}

/// Whole calendar days from `today` to `deadline`: 0 on the day, negative once passed.
pub fn days_until(today: Date, deadline: Date) -> i64 {
    (deadline - today).num_days()
}

/// Where a deadline stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum DeadlineState {
    /// The deadline day has passed (the deadline day itself is still in time).
    Overdue {
        days: i64,
    },
    /// Due within `soon_days` days, today included.
    DueSoon {
        days: i64,
    },
    Later {
        days: i64,
    },
}

/// Whether `deadline` is overdue, due within `soon_days`, or neither, on `today`.
pub fn deadline_state(today: Date, deadline: Date, soon_days: i64) -> DeadlineState {
    let d = days_until(today, deadline);
    if d < 0 {
        DeadlineState::Overdue { days: -d }
    } else if d <= soon_days {
        DeadlineState::DueSoon { days: d }
    } else {
        DeadlineState::Later { days: d }
    }
}

/// The date `n` calendar years after `d` (29 Feb goes to 28 Feb in a common year).
pub fn add_years(d: Date, n: i32) -> Date {
    let y = d.year() + n;
    NaiveDate::from_ymd_opt(y, d.month(), d.day())
        .or_else(|| NaiveDate::from_ymd_opt(y, d.month(), 28))
        .unwrap_or(d)
}

/// The date `n` days after `d` (before, for negative `n`).
pub fn add_days(d: Date, n: i64) -> Date {
    d.checked_add_signed(Duration::days(n)).unwrap_or(d)
}

/// `YYYY-MM-DD`. Written out by hand: chrono's strftime machinery is large in wasm.
pub fn format_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// A date from decimal year, month and day strings (already known to be digits).
pub fn ymd(y: &str, m: &str, d: &str) -> Option<Date> {
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        parse_date(s).unwrap()
    }

    #[test]
    fn cst_date_turns_at_utc_16_00() {
        // 2026-11-22T15:59:59.999Z is 23:59:59.999 in Beijing; one ms later it is the 23rd.
        let before = 1_795_363_199_999; // 2026-11-22T15:59:59.999Z
        assert_eq!(cst_date_from_unix_millis(before), d("2026-11-22"));
        assert_eq!(cst_date_from_unix_millis(before + 1), d("2026-11-23"));
        assert_eq!(cst_date_from_unix_millis(0), d("1970-01-01"));
        assert_eq!(
            cst_date_from_unix_millis(-8 * 3600 * 1000 - 1),
            d("1969-12-31")
        );
        assert_eq!(cst_timestamp(before), "2026-11-22T23:59:59+08:00");
        assert_eq!(cst_timestamp(before + 1), "2026-11-23T00:00:00+08:00");
    }

    #[test]
    fn parses_strictly() {
        assert_eq!(parse_date("2024-02-29"), Ok(d("2024-02-29")));
        assert_eq!(parse_date("2023-02-29"), Err(DateError::NoSuchDate));
        assert_eq!(parse_date("2023-2-1"), Err(DateError::Format));
        assert_eq!(parse_date("2023/02/01"), Err(DateError::Format));
        assert_eq!(parse_date(""), Err(DateError::Empty));
        assert_eq!(parse_date("二〇二三年"), Err(DateError::Format));
    }

    #[test]
    fn deadlines() {
        let today = d("2026-11-22");
        assert_eq!(days_until(today, d("2026-11-25")), 3);
        assert_eq!(
            deadline_state(today, today, 7),
            DeadlineState::DueSoon { days: 0 }
        );
        assert_eq!(
            deadline_state(today, d("2026-11-21"), 7),
            DeadlineState::Overdue { days: 1 }
        );
        assert_eq!(
            deadline_state(today, d("2026-11-29"), 7),
            DeadlineState::DueSoon { days: 7 }
        );
        assert_eq!(
            deadline_state(today, d("2026-11-30"), 7),
            DeadlineState::Later { days: 8 }
        );
        assert_eq!(add_years(d("2024-02-29"), 2), d("2026-02-28"));
        assert_eq!(add_days(d("2026-12-31"), 1), d("2027-01-01"));
    }

    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    struct Dated {
        #[serde(with = "iso")]
        on: Date,
        #[serde(default, with = "iso_opt")]
        until: Option<Date>,
    }

    #[test]
    fn documents_carry_dates_as_yyyy_mm_dd() {
        let read = |s: &str| serde_json::from_str::<Dated>(s);
        let x = read(r#"{"on":"2026-02-28","until":"2026-12-31"}"#).unwrap();
        assert_eq!((x.on, x.until), (d("2026-02-28"), Some(d("2026-12-31"))));
        let text = serde_json::to_string(&x).unwrap();
        assert_eq!(text, r#"{"on":"2026-02-28","until":"2026-12-31"}"#);
        // Missing or null: none.
        assert_eq!(read(r#"{"on":"2026-01-01"}"#).unwrap().until, None);
        assert_eq!(
            read(r#"{"on":"2026-01-01","until":null}"#).unwrap().until,
            None
        );
        assert_eq!(
            serde_json::to_string(&read(r#"{"on":"2026-01-01"}"#).unwrap()).unwrap(),
            r#"{"on":"2026-01-01","until":null}"#
        );
        // Every other shape, a day that does not exist, text around it: refused, saying why.
        for bad in [
            "2026-1-1",
            "2026-02-30",
            " 2026-01-01",
            "2026/01/01",
            "",
            "+2026-01-01",
        ] {
            let e = read(&format!(r#"{{"on":"{bad}"}}"#))
                .unwrap_err()
                .to_string();
            assert!(e.contains("expected YYYY-MM-DD"), "{bad}: {e}");
        }
        assert!(read(r#"{"on":"2026-01-01","until":"2026-13-01"}"#).is_err());
        assert!(read(r#"{"on":20260101}"#).is_err());
    }
}
