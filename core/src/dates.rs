//! Periods and the 民法典 (Civil Code) counting rules, arts. 201–203.
//!
//! # Design
//! A period counted from an event does not count the event's own day (art. 201): a wait of
//! N days from a payment on day D ends on D + N; a wait of N months ends on the same day
//! N months later, or on that month's last day when it has no such day (art. 202).
//! Cover then starts the next day. Every such computation in the library goes through
//! [`Period::end_from`], so the rule lives in one place.

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// Earliest date the library accepts anywhere (policy files, requests).
pub fn min_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// Latest date the library accepts anywhere.
pub fn max_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2199, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// A length of time in days or in months, as a notice states it.
///
/// In a policy file: `{ days = 90 }` or `{ months = 3 }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub enum Period {
    /// N calendar days.
    Days(u32),
    /// N calendar months.
    Months(u32),
}

impl Period {
    /// The last day of a period of this length that starts counting after `event`
    /// (the event's own day is not counted). `None` past the calendar's range.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use yibao::Period;
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// // 鄢陵: 30 days from 2024-01-10 end on 2024-02-09.
    /// assert_eq!(Period::Days(30).end_from(d(2024, 1, 10)), Some(d(2024, 2, 9)));
    /// // 3 months from 2023-11-30 end on 2024-02-29 (no 30 February).
    /// assert_eq!(Period::Months(3).end_from(d(2023, 11, 30)), Some(d(2024, 2, 29)));
    /// ```
    pub fn end_from(self, event: NaiveDate) -> Option<NaiveDate> {
        match self {
            Period::Days(n) => event.checked_add_days(Days::new(u64::from(n))),
            // chrono clamps to the month's last day, which is exactly art. 202.
            Period::Months(n) => event.checked_add_months(Months::new(n)),
        }
    }

    /// True when `date` is no later than the end of this period counted from `event`:
    /// "within 90 days of birth" includes the 90th day.
    pub fn contains(self, event: NaiveDate, date: NaiveDate) -> bool {
        match self.end_from(event) {
            Some(end) => date >= event && date <= end,
            None => date >= event,
        }
    }

    /// Short human form, e.g. `90 days`, `3 months`.
    pub fn describe(self) -> String {
        match self {
            Period::Days(n) => format!("{n} days"),
            Period::Months(n) => format!("{n} months"),
        }
    }

    /// Chinese form, e.g. `90天`, `3个月`.
    pub fn describe_zh(self) -> String {
        match self {
            Period::Days(n) => format!("{n}天"),
            Period::Months(n) => format!("{n}个月"),
        }
    }

    /// The number without its unit (for sanity bounds).
    pub fn count(self) -> u32 {
        match self {
            Period::Days(n) | Period::Months(n) => n,
        }
    }
}

/// First and last day of a calendar year.
pub fn year_bounds(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(year, 1, 1)?,
        NaiveDate::from_ymd_opt(year, 12, 31)?,
    ))
}

/// The day after `d`, if there is one.
pub fn next_day(d: NaiveDate) -> Option<NaiveDate> {
    d.succ_opt()
}

/// Writes a date as `YYYY-MM-DD`, two digits at a time (answers and the CLI's batch write
/// many), for the years 0..=9999; `None`, having written nothing, outside them (dates are
/// kept within 1900..=2199).
///
/// ```
/// let d = chrono::NaiveDate::from_ymd_opt(2024, 1, 9).unwrap();
/// let mut s = String::new();
/// assert!(yibao::dates::write_iso(d, &mut s).is_some_and(|r| r.is_ok()));
/// assert_eq!(s, "2024-01-09");
/// ```
pub fn write_iso<W: std::fmt::Write + ?Sized>(
    date: NaiveDate,
    w: &mut W,
) -> Option<std::fmt::Result> {
    use crate::digits::pair;
    use chrono::Datelike;
    let y = u32::try_from(date.year()).ok().filter(|y| *y <= 9999)?;
    Some((|| {
        w.write_str(pair(y / 100))?;
        w.write_str(pair(y))?;
        w.write_str("-")?;
        w.write_str(pair(date.month()))?;
        w.write_str("-")?;
        w.write_str(pair(date.day()))
    })())
}

/// The words every serde error about a date starts with. Requests classify a bad date by
/// its field (`json.rs`); a policy file's syntax error is told in Chinese by these words
/// (`message::TomlDetail`).
pub(crate) const DATE_ERROR_MARK: &str = "invalid date";

/// Serde for ISO `YYYY-MM-DD` dates that names the problem precisely (impossible dates
/// such as 2023-02-29 included) and refuses dates outside [`min_date`]..=[`max_date`].
pub(crate) mod iso {
    use super::{max_date, min_date, DATE_ERROR_MARK};
    use chrono::NaiveDate;
    use serde::{de, Deserializer, Serializer};

    pub fn parse(s: &str) -> Result<NaiveDate, String> {
        // Echo at most a short excerpt of what was given: it is caller text. Made only
        // when there is an error to tell (a request's dates are read on every quote).
        let shown = || {
            let shown: String = s.chars().take(24).collect();
            if shown.len() < s.len() {
                format!("{shown:?}…")
            } else {
                format!("{shown:?}")
            }
        };
        let shape_ok = s.len() == 10
            && s.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        if !shape_ok {
            return Err(format!(
                "{DATE_ERROR_MARK} {}: expected YYYY-MM-DD",
                shown()
            ));
        }
        // The shape is checked above, so the fields are ASCII digits; parsing them by hand
        // keeps chrono's format machinery out of the npm package (code size).
        let field = |r: std::ops::Range<usize>| s.get(r).and_then(|f| f.parse::<u32>().ok());
        let d = match (field(0..4), field(5..7), field(8..10)) {
            (Some(y), Some(m), Some(day)) => i32::try_from(y)
                .ok()
                .and_then(|y| NaiveDate::from_ymd_opt(y, m, day)),
            _ => None,
        }
        .ok_or_else(|| format!("{DATE_ERROR_MARK} {}: no such day in the calendar", shown()))?;
        if d < min_date() || d > max_date() {
            return Err(format!(
                "{DATE_ERROR_MARK} {}: outside 1900-01-01..2199-12-31",
                shown()
            ));
        }
        Ok(d)
    }

    /// `YYYY-MM-DD`, written by hand for the same reason as `parse`.
    pub struct Iso(pub NaiveDate);

    impl std::fmt::Display for Iso {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            use chrono::Datelike;
            match super::write_iso(self.0, f) {
                Some(written) => written,
                None => write!(
                    f,
                    "{:04}-{:02}-{:02}",
                    self.0.year(),
                    self.0.month(),
                    self.0.day()
                ),
            }
        }
    }

    /// Appends `YYYY-MM-DD` to `out`.
    pub fn push(out: &mut String, d: NaiveDate) {
        if super::write_iso(d, out).is_none() {
            out.push_str(&Iso(d).to_string());
        }
    }

    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&Iso(*d))
    }

    /// Reads a quoted `YYYY-MM-DD`; anything else (a TOML date literal, a number) is
    /// refused with a message that says dates are quoted strings.
    struct DateVisitor;

    impl de::Visitor<'_> for DateVisitor {
        type Value = NaiveDate;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a date as a quoted string \"YYYY-MM-DD\"")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<NaiveDate, E> {
            parse(v).map_err(E::custom)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        d.deserialize_str(DateVisitor)
    }

    /// The same for `Option<NaiveDate>` (null or absent = None).
    pub mod option {
        use chrono::NaiveDate;
        use serde::{Deserialize, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
            match d {
                Some(d) => super::serialize(d, s),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
            struct Wrapped(NaiveDate);
            impl<'de> Deserialize<'de> for Wrapped {
                fn deserialize<D2: Deserializer<'de>>(d: D2) -> Result<Self, D2::Error> {
                    super::deserialize(d).map(Wrapped)
                }
            }
            Ok(Option::<Wrapped>::deserialize(d)?.map(|w| w.0))
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn iso_dates_are_written_as_chrono_writes_them() {
        let mut day = d(1900, 1, 1);
        while day <= d(2199, 12, 31) {
            assert_eq!(
                iso::Iso(day).to_string(),
                day.format("%Y-%m-%d").to_string()
            );
            day = day + chrono::Days::new(97);
        }
        assert_eq!(iso::Iso(d(2024, 2, 29)).to_string(), "2024-02-29");
        assert_eq!(iso::Iso(d(12024, 2, 9)).to_string(), "12024-02-09");
        assert_eq!(iso::Iso(d(-1, 2, 9)).to_string(), "-001-02-09");
    }

    #[test]
    fn design_examples() {
        // design.md: 鄢陵 30 days, paid 2024-01-10 → cover from 2024-02-10.
        let end = Period::Days(30).end_from(d(2024, 1, 10)).unwrap();
        assert_eq!(next_day(end), Some(d(2024, 2, 10)));
        // design.md: 长治 3 months, paid 2024-02-10 → cover from 2024-05-11.
        let end = Period::Months(3).end_from(d(2024, 2, 10)).unwrap();
        assert_eq!(next_day(end), Some(d(2024, 5, 11)));
    }

    #[test]
    fn months_clamp_to_last_day() {
        assert_eq!(
            Period::Months(1).end_from(d(2023, 1, 31)),
            Some(d(2023, 2, 28))
        );
        assert_eq!(
            Period::Months(1).end_from(d(2024, 1, 31)),
            Some(d(2024, 2, 29))
        );
        assert_eq!(
            Period::Months(12).end_from(d(2024, 2, 29)),
            Some(d(2025, 2, 28))
        );
    }

    #[test]
    fn within_includes_last_day() {
        // 通河: 出生0-90天（含90天）.
        let birth = d(2022, 10, 1);
        assert!(Period::Days(90).contains(birth, d(2022, 12, 30)));
        assert!(!Period::Days(90).contains(birth, d(2022, 12, 31)));
        assert!(!Period::Days(90).contains(birth, d(2022, 9, 30)));
    }

    #[test]
    fn iso_dates() {
        assert_eq!(iso::parse("2024-02-29"), Ok(d(2024, 2, 29)));
        assert!(iso::parse("2023-02-29")
            .unwrap_err()
            .starts_with(DATE_ERROR_MARK));
        assert!(iso::parse("2023-2-1").is_err());
        assert!(iso::parse("1899-12-31").is_err());
        assert!(iso::parse("２０２３-01-01").is_err());
    }
}
