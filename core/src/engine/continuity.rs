//! The continuity waits and incentives of 国办发〔2024〕38号, as a region applies them.
//!
//! # Design
//! The wait is `fixed + variable − repaired`, never below the floor after a long break,
//! counted per the Civil Code from the payment (or from the benefit year's start for a
//! payment in the collection window). Everything here is `Copy` and allocation-free so the
//! typed quote stays on the hot path; the explanation turns it into the contract's
//! [`ContinuityInfo`](crate::ContinuityInfo) and [`CapRaise`](crate::CapRaise).

use super::compute::Facts;
use crate::dates::{next_day, Period};
use crate::money::Money;
use crate::national::{ContinuityParams, IncentiveParams};
use crate::policy::Exemption;
use chrono::{Datelike, Days, NaiveDate};

/// First year a history bit can stand for.
pub const HISTORY_BASE_YEAR: i32 = 1950;
/// Last year a history bit can stand for.
pub const HISTORY_LAST_YEAR: i32 = HISTORY_BASE_YEAR + 127;

/// A person's history as bit sets over the years 1950..=2077 (copying it never allocates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HistoryBits {
    /// Bit `y - 1950`: insured in year `y`.
    pub insured: u128,
    /// Bit `y - 1950`: no reimbursement in year `y`.
    pub zero_claim: u128,
    /// Years repaired now.
    pub repair_years: u32,
    /// Last year a raised cap was used.
    pub raised_cap_used_in: Option<i32>,
}

impl HistoryBits {
    /// The bit of a year, or `None` outside 1950..=2077.
    pub fn bit(year: i32) -> Option<u128> {
        let i = u32::try_from(year.checked_sub(HISTORY_BASE_YEAR)?).ok()?;
        1u128.checked_shl(i)
    }

    fn has(set: u128, year: i32) -> bool {
        Self::bit(year).is_some_and(|b| set & b != 0)
    }

    /// Whether insured in `year`.
    pub fn insured_in(&self, year: i32) -> bool {
        Self::has(self.insured, year)
    }

    /// The last insured year before `year`.
    pub fn last_insured_before(&self, year: i32) -> Option<i32> {
        (HISTORY_BASE_YEAR..year)
            .rev()
            .find(|y| self.insured_in(*y))
    }
}

/// The continuity wait of one quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContinuityOutcome {
    /// Whether the caller gave a history.
    pub history_given: bool,
    /// Years of break.
    pub break_years: u32,
    /// Fixed wait applied, months.
    pub fixed: u32,
    /// Variable wait before repair, months.
    pub variable: u32,
    /// Years repaired.
    pub repaired: u32,
    /// Months removed by repair.
    pub removed: u32,
    /// Repair payment.
    pub repair_due: Money,
    /// The floor raised the wait.
    pub floor_applied: bool,
    /// Total wait, months.
    pub wait_months: u32,
    /// Counted from (not included).
    pub counted_from: Option<NaiveDate>,
    /// Exemption that waived it.
    pub exemption: Option<Exemption>,
    /// First day of cover (None: after the year, checked by the caller).
    pub start: Option<NaiveDate>,
    /// The payment period's own cover replaced the national fixed wait
    /// (`continuity = "tier"`).
    pub local_terms: bool,
}

/// Applies the continuity rules to a payment.
#[allow(clippy::too_many_arguments)]
pub(crate) fn wait(
    c: &ContinuityParams,
    facts: &Facts,
    benefit_year: i32,
    year_start: NaiveDate,
    paid_on: NaiveDate,
    in_window: bool,
    exemption: Option<Exemption>,
    personal: Money,
    local: Option<Option<NaiveDate>>,
    local_only_continuous: bool,
    exempt_start: Option<Option<NaiveDate>>,
) -> ContinuityOutcome {
    let history = facts.history.unwrap_or_default();
    let counted_from = c.breaks_counted_from.unwrap_or(HISTORY_BASE_YEAR);
    let break_years = match history.last_insured_before(benefit_year) {
        // A first enrolment has no break (stated assumption of the national file), unless
        // the region's notice waits it as a year's break (`first_enrolment_waits`). Without
        // a history given at all, no break is assumed (and the answer says so).
        // One born in the year before the benefit year or later had no year to miss (铜仁:
        // 2025年出生的新生儿除外).
        None if c.first_enrolment_waits
            && facts.history.is_some()
            && facts.birth.year() < benefit_year - 1 =>
        {
            1
        }
        None => 0,
        Some(last) => {
            let from = (last + 1).max(counted_from);
            u32::try_from(benefit_year - from).unwrap_or(0)
        }
    };
    // `tier_if_continuous`: the period's own terms hold for a continuous payer only.
    let local = local.filter(|_| !(local_only_continuous && break_years > 0));
    let repaired = history.repair_years.min(break_years);
    // "未连续参保的，每多断保1年 … 增加变动待遇等待期1个月": the first year of a break
    // is what makes the fixed wait apply; each year more adds a month. Local notices read
    // it so: 咸宁, 铜仁 and 衡山 (2026) give a person uninsured in 2025 alone the 3 months.
    let variable = break_years
        .saturating_sub(1)
        .saturating_mul(c.variable_months_per_break_year);
    let removed = repaired
        .saturating_mul(c.repair_months_per_year)
        .min(variable);
    let fixed = if local.is_some() || (in_window && break_years == 0) {
        0
    } else {
        c.fixed_wait_months
    };
    let mut wait_months = fixed + (variable - removed);
    let mut floor_applied = false;
    if break_years >= c.floor_after_break_years && wait_months < c.floor_months {
        wait_months = c.floor_months;
        floor_applied = true;
    }
    let repair_due = (0..repaired).map(|_| personal).sum();
    // In the window the wait runs from the benefit year's first day, whenever in the
    // window the payment is made (咸宁 2026: paid in February, covered from 1 April);
    // outside it, from the payment date (the national file's stated reading).
    let event = if in_window {
        year_start
            .checked_sub_days(Days::new(1))
            .unwrap_or(year_start)
    } else if c.wait_counts_payment_day {
        // The payment day is the wait's first day (阜新): counted from its eve.
        paid_on.pred_opt().unwrap_or(paid_on)
    } else {
        paid_on
    };
    let (start, counted_from, wait_months) = match (exemption, local) {
        // The period's own terms: its own start, then the variable wait of a break (after
        // repair and floor) counted from the day before it.
        (None, Some(own)) if wait_months > 0 => {
            let from = own.and_then(|s| s.pred_opt());
            (
                from.and_then(|f| Period::Months(wait_months).end_from(f))
                    .and_then(next_day),
                from,
                wait_months,
            )
        }
        (None, Some(own)) => (own, None, 0),
        (exemption, _) => match exemption {
            // In the window without a wait, or exempt: the window's cover (the whole year),
            // or outside it the day after payment.
            _ if in_window && (wait_months == 0 || exemption.is_some()) => {
                (Some(year_start), None, 0)
            }
            // Exempt outside the window: the region's own start for the exemption, else
            // the day after payment.
            Some(_) => (
                exempt_start
                    .unwrap_or_else(|| next_day(paid_on))
                    .map(|d| d.max(year_start)),
                None,
                0,
            ),
            None if wait_months == 0 => (next_day(paid_on).map(|d| d.max(year_start)), None, 0),
            None => (
                Period::Months(wait_months)
                    .end_from(event)
                    .and_then(next_day),
                Some(event),
                wait_months,
            ),
        },
    };
    ContinuityOutcome {
        history_given: facts.history.is_some(),
        break_years,
        fixed,
        variable,
        repaired,
        removed,
        repair_due,
        floor_applied,
        wait_months,
        counted_from,
        exemption,
        start: start.map(|s| s.max(year_start)),
        local_terms: local.is_some(),
    }
}

/// The cap raise of one quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CapOutcome {
    /// Continuous years, the benefit year included.
    pub continuous_years: u32,
    /// Steps for continuity.
    pub continuity_steps: u32,
    /// Steps for zero claims.
    pub zero_claim_steps: u32,
    /// Per step.
    pub step: Money,
    /// Before the ceiling.
    pub uncapped: Money,
    /// The ceiling.
    pub limit: Option<Money>,
    /// After the ceiling.
    pub raise: Money,
}

/// Computes the raise of the 大病保险 cap for the benefit year.
pub(crate) fn cap_raise(
    i: &IncentiveParams,
    history: &HistoryBits,
    benefit_year: i32,
) -> CapOutcome {
    let first = i.counted_from.unwrap_or(HISTORY_BASE_YEAR);
    // The continuous run ending with the year before the benefit year.
    let mut run_start = benefit_year;
    while run_start > first && history.insured_in(run_start - 1) {
        run_start -= 1;
    }
    let continuous_years = u32::try_from(benefit_year - run_start + 1).unwrap_or(0);
    let continuity_steps = continuous_years.saturating_sub(i.after_continuous_years);
    let cleared_until = history.raised_cap_used_in.unwrap_or(i32::MIN);
    let zero_claim_steps = (run_start..benefit_year)
        .filter(|y| *y > cleared_until && HistoryBits::has(history.zero_claim, *y))
        .count();
    let zero_claim_steps = u32::try_from(zero_claim_steps).unwrap_or(0);
    let step = i.step.unwrap_or(i.min_step).max(i.min_step);
    let uncapped: Money = (0..continuity_steps + zero_claim_steps).map(|_| step).sum();
    let by_percent = i
        .base_cap
        .map(|cap| cap.percent(rust_decimal::Decimal::from(i.max_total_percent)));
    let limit = match (by_percent, i.max_total) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let raise = limit.map_or(uncapped, |l| uncapped.min(l));
    CapOutcome {
        continuous_years,
        continuity_steps,
        zero_claim_steps,
        step,
        uncapped,
        limit,
        raise,
    }
}
