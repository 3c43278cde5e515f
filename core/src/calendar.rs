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
///
/// Kept as one bit per day of each year (set: a working day), as a quote asks it up to a
/// dozen times (a payment that shows after 5 working days) and three ordered-set lookups
/// per day were a tenth of a typed quote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    /// By year, in order.
    years: Vec<YearDays>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct YearDays {
    year: i32,
    /// Bit `n` (of word `n / 64`): the day of the year with ordinal `n + 1`.
    working: [u64; 6],
}

impl Calendar {
    /// The calendar of `years`, from its statutory days off and adjusted working days (an
    /// adjusted working day wins over a day off given for the same date).
    fn of(
        years: impl IntoIterator<Item = i32>,
        days_off: impl IntoIterator<Item = NaiveDate>,
        workdays: impl IntoIterator<Item = NaiveDate>,
    ) -> Calendar {
        let years: BTreeSet<i32> = years.into_iter().collect();
        let days_off: BTreeSet<NaiveDate> = days_off.into_iter().collect();
        let workdays: BTreeSet<NaiveDate> = workdays.into_iter().collect();
        let years = years
            .into_iter()
            .map(|year| {
                let mut working = [0u64; 6];
                let mut day = NaiveDate::from_ymd_opt(year, 1, 1);
                while let Some(d) = day.filter(|d| d.year() == year) {
                    let is_working = workdays.contains(&d)
                        || (!days_off.contains(&d)
                            && !matches!(d.weekday(), Weekday::Sat | Weekday::Sun));
                    let n = d.ordinal0() as usize;
                    if let Some(word) = working.get_mut(n / 64) {
                        *word |= u64::from(is_working) << (n % 64);
                    }
                    day = d.succ_opt();
                }
                YearDays { year, working }
            })
            .collect();
        Calendar { years }
    }

    /// The built-in calendar (2022–2026), from `core/data/calendar.toml` as compiled in
    /// by `core/build.rs`.
    pub fn builtin() -> Calendar {
        let day = |&(y, m, d): &(i32, u32, u32)| NaiveDate::from_ymd_opt(y, m, d);
        Calendar::of(
            crate::data::CALENDAR_YEARS.iter().copied(),
            crate::data::DAYS_OFF.iter().filter_map(day),
            crate::data::WORKDAYS.iter().filter_map(day),
        )
    }

    /// The text of the built-in calendar file.
    pub const BUILTIN_TEXT: &'static str = CALENDAR;

    /// Reads a calendar file (the format of `core/data/calendar.toml`).
    pub fn parse(text: &str) -> Result<Calendar, String> {
        let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
        let (mut years, mut days_off, mut workdays) = (Vec::new(), Vec::new(), Vec::new());
        for y in file.years {
            years.push(y.year);
            days_off.extend(y.days_off.into_iter().map(|d| d.0));
            workdays.extend(y.workdays.into_iter().map(|d| d.0));
        }
        Ok(Calendar::of(years, days_off, workdays))
    }

    /// The years the calendar covers.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.iter().map(|y| y.year)
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
        let year = d.year();
        let days = self.years.iter().find(|y| y.year == year)?;
        let n = d.ordinal0() as usize;
        days.working.get(n / 64).map(|w| (w >> (n % 64)) & 1 == 1)
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
    fn the_bits_are_the_rule_of_the_lists() {
        // Every day of every year: an adjusted working day works, a day off does not,
        // any other day works from Monday to Friday.
        let c = Calendar::builtin();
        let day = |&(y, m, d): &(i32, u32, u32)| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let off: BTreeSet<NaiveDate> = crate::data::DAYS_OFF.iter().map(day).collect();
        let work: BTreeSet<NaiveDate> = crate::data::WORKDAYS.iter().map(day).collect();
        let mut x = NaiveDate::from_ymd_opt(2021, 12, 1).unwrap();
        while x.year() < 2028 {
            let expected = (2022..=2026).contains(&x.year()).then(|| {
                work.contains(&x)
                    || (!off.contains(&x) && !matches!(x.weekday(), Weekday::Sat | Weekday::Sun))
            });
            assert_eq!(c.is_working_day(x), expected, "{x}");
            x = x.succ_opt().unwrap();
        }
        assert_eq!(c.is_working_day(d(2024, 12, 31)), Some(true));
        assert_eq!(c.is_working_day(d(2024, 2, 29)), Some(true));
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
