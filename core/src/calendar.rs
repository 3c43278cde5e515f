//! China's statutory calendar: days off and adjusted working days, as data.
//!
//! # Design
//! Working days matter twice: notices count processing in working days (长治: a payment
//! shows after 5 working days), and 民法典 第二百零三条 moves the last day of a period that
//! falls on a statutory day off to the day after it. The dates come from the yearly
//! 国务院办公厅 notices (`core/data/calendar.toml`); a year the file does not cover is
//! unknown, and the functions say so (`None`) rather than guess from weekdays.

use crate::dates::iso;
use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;
use std::collections::BTreeSet;

const CALENDAR: &str = include_str!("../data/calendar.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    years: Vec<Year>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Year {
    year: i32,
    #[allow(dead_code)]
    source: String,
    days_off: Vec<Day>,
    workdays: Vec<Day>,
}

#[derive(Deserialize)]
struct Day(#[serde(with = "iso")] NaiveDate);

/// The statutory calendar of the years it covers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    years: BTreeSet<i32>,
    days_off: BTreeSet<NaiveDate>,
    workdays: BTreeSet<NaiveDate>,
}

impl Calendar {
    /// The built-in calendar (2022–2026), from `core/data/calendar.toml` as compiled in
    /// by `core/build.rs`.
    pub fn builtin() -> Calendar {
        let day = |&(y, m, d): &(i32, u32, u32)| NaiveDate::from_ymd_opt(y, m, d);
        Calendar {
            years: crate::data::CALENDAR_YEARS.iter().copied().collect(),
            days_off: crate::data::DAYS_OFF.iter().filter_map(day).collect(),
            workdays: crate::data::WORKDAYS.iter().filter_map(day).collect(),
        }
    }

    /// The text of the built-in calendar file.
    pub const BUILTIN_TEXT: &'static str = CALENDAR;

    /// Reads a calendar file (the format of `core/data/calendar.toml`).
    pub fn parse(text: &str) -> Result<Calendar, String> {
        let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut c = Calendar::default();
        for y in file.years {
            c.years.insert(y.year);
            c.days_off.extend(y.days_off.into_iter().map(|d| d.0));
            c.workdays.extend(y.workdays.into_iter().map(|d| d.0));
        }
        Ok(c)
    }

    /// The years the calendar covers.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.iter().copied()
    }

    /// Whether `d` is a working day; `None` for a year the calendar does not cover.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let cal = yibao::calendar::Calendar::builtin();
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert_eq!(cal.is_working_day(d(2023, 10, 2)), Some(false)); // 国庆节
    /// assert_eq!(cal.is_working_day(d(2023, 10, 7)), Some(true)); // a Saturday worked (调休)
    /// assert_eq!(cal.is_working_day(d(2030, 1, 2)), None);
    /// ```
    pub fn is_working_day(&self, d: NaiveDate) -> Option<bool> {
        if !self.years.contains(&d.year()) {
            return None;
        }
        if self.workdays.contains(&d) {
            return Some(true);
        }
        if self.days_off.contains(&d) {
            return Some(false);
        }
        Some(!matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
    }

    /// The `n`-th working day after `d` (the day itself not counted); `None` when the
    /// calendar runs out.
    pub fn add_working_days(&self, d: NaiveDate, n: u32) -> Option<NaiveDate> {
        let mut day = d;
        let mut left = n;
        // A year has about 250 working days; the bound keeps the loop finite.
        for _ in 0..(n.saturating_mul(3).saturating_add(40)) {
            if left == 0 {
                return Some(day);
            }
            day = day.succ_opt()?;
            if self.is_working_day(day)? {
                left -= 1;
            }
        }
        (left == 0).then_some(day)
    }

    /// `d` if it is a working day, else the first working day after it
    /// (民法典 第二百零三条 for a period's last day).
    pub fn working_day_on_or_after(&self, d: NaiveDate) -> Option<NaiveDate> {
        let mut day = d;
        for _ in 0..40 {
            if self.is_working_day(day)? {
                return Some(day);
            }
            day = day.succ_opt()?;
        }
        None
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
    fn compiled_calendar_is_the_file() {
        assert_eq!(Calendar::builtin(), Calendar::parse(CALENDAR).unwrap());
    }

    #[test]
    fn builtin_covers_2022_to_2026() {
        let c = Calendar::builtin();
        assert_eq!(
            c.years().collect::<Vec<_>>(),
            vec![2022, 2023, 2024, 2025, 2026]
        );
    }

    #[test]
    fn five_working_days_after_a_payment() {
        let c = Calendar::builtin();
        // Paid Friday 2023-09-22: 25 (Mon) … 28 (Thu) are 4; 29 Sep – 6 Oct are 中秋/国庆,
        // 7 Oct (Saturday) is worked (调休): the fifth working day.
        assert_eq!(c.add_working_days(d(2023, 9, 22), 5), Some(d(2023, 10, 7)));
        // An ordinary week: Monday 2023-11-06 + 5 → Monday 2023-11-13.
        assert_eq!(c.add_working_days(d(2023, 11, 6), 5), Some(d(2023, 11, 13)));
        assert_eq!(c.add_working_days(d(2026, 12, 30), 5), None);
    }

    #[test]
    fn deadline_on_a_holiday_moves() {
        let c = Calendar::builtin();
        // 2023-12-31 is a Sunday and 2024-01-01 元旦: the next working day is 2024-01-02.
        assert_eq!(
            c.working_day_on_or_after(d(2023, 12, 31)),
            Some(d(2024, 1, 2))
        );
        assert_eq!(
            c.working_day_on_or_after(d(2023, 12, 29)),
            Some(d(2023, 12, 29))
        );
    }
}
