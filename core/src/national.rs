//! National defaults: the minimum standards by year and the 国办发〔2024〕38号 rules
//! (continuity waits and enrolment incentives) that every region's policy inherits.
//!
//! # Design
//! A region's file states only what it changes: `[continuity]` and `[incentives]` in a
//! policy override the national values key by key (see [`Continuity::merged`]), and a
//! `[standard]` may take the national minimum of a year (`national_year`). The national
//! data lives in `core/data/national.toml` so a new year is data, not code.

use crate::dates::Period;
use crate::money::Money;
use crate::policy::{Cite, Exemption};
use serde::{Deserialize, Serialize};

const NATIONAL: &str = include_str!("../data/national.toml");

/// The national defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct National {
    /// Minimum standards by year.
    pub standards: Vec<NationalStandard>,
    /// Continuity waits.
    pub continuity: Continuity,
    /// Enrolment incentives.
    pub incentives: Incentives,
}

/// The national minimum of one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NationalStandard {
    /// Year of the national notice.
    pub year: i32,
    /// Minimum per-capita fiscal subsidy.
    pub fiscal: Money,
    /// Minimum personal standard.
    pub personal: Money,
    /// The national notice.
    pub cite: Cite,
}

/// The continuity waits (固定待遇等待期, 变动待遇等待期, 修复).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Continuity {
    /// First benefit year the rules apply to.
    pub from_year: i32,
    /// Fixed wait, months.
    pub fixed_wait_months: u32,
    /// Variable wait per year of break, months.
    pub variable_months_per_break_year: u32,
    /// Months removed per repaired year.
    pub repair_months_per_year: u32,
    /// Break length (years) from which the floor applies.
    pub floor_after_break_years: u32,
    /// Floor of fixed + variable after repair, months.
    pub floor_months: u32,
    /// Who is exempt (newborns always are, by the newborn rules).
    pub exemptions: Vec<Exemption>,
    /// Limit for `employee_switch`.
    pub employee_switch_within: Period,
    /// Years of break before this one are not counted (none: all are).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breaks_counted_from: Option<i32>,
    /// Citation.
    pub cite: Cite,
    /// Assumption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assume: Option<crate::lang::Text>,
}

/// The incentives (大病保险最高支付限额 raises).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Incentives {
    /// First benefit year the rules apply to.
    pub from_year: i32,
    /// Years before this one do not count towards continuity or zero claims.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counted_from: Option<i32>,
    /// Continuous years before the first raise.
    pub after_continuous_years: u32,
    /// Smallest raise per step.
    pub min_step: Money,
    /// All raises together at most this percentage of the original cap.
    pub max_total_percent: u32,
    /// The region's raise per step (at least `min_step`), when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<Money>,
    /// The region's ceiling of all raises together, when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_total: Option<Money>,
    /// The region's original 大病保险 annual cap, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_cap: Option<Money>,
    /// Citation.
    pub cite: Cite,
    /// Assumption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assume: Option<crate::lang::Text>,
}

/// A region's changes to [`Continuity`]; every key optional.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ContinuityOverride {
    /// `false` to state that the region does not apply the rules (cite why).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies: Option<bool>,
    /// See [`Continuity::fixed_wait_months`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed_wait_months: Option<u32>,
    /// See [`Continuity::variable_months_per_break_year`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variable_months_per_break_year: Option<u32>,
    /// See [`Continuity::repair_months_per_year`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repair_months_per_year: Option<u32>,
    /// See [`Continuity::floor_after_break_years`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor_after_break_years: Option<u32>,
    /// See [`Continuity::floor_months`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor_months: Option<u32>,
    /// Replaces the exemption list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exemptions: Option<Vec<Exemption>>,
    /// See [`Continuity::employee_switch_within`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employee_switch_within: Option<Period>,
    /// See [`Continuity::breaks_counted_from`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breaks_counted_from: Option<i32>,
    /// `true` where the notice waits a first enrolment as it waits a year's break (铜仁
    /// 2026: 2025年未参保缴费的人员，2026年集中征缴期缴费，待遇从2026年4月1日起享受). The
    /// national reading (no key): a first enrolment has no break. One born in the year
    /// before the benefit year or later never waits so (铜仁: 2025年出生的新生儿除外).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_enrolment_waits: Option<bool>,
    /// `true` where the notice counts a wait outside the collection window from the payment
    /// day itself, that day the wait's first (阜新 2026 例1: 2025年7月3日至2025年10月2日为
    /// 待遇等待期，自2025年10月3日起享受). The national reading (no key): from the day after
    /// payment, as the Civil Code counts (民法典 第二百零一条).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wait_counts_payment_day: Option<bool>,
    /// Citation of the region's rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<Cite>,
    /// Assumption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assume: Option<crate::lang::Text>,
}

/// A region's changes to [`Incentives`]; every key optional.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct IncentivesOverride {
    /// `false` to state that the region grants none (cite why).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies: Option<bool>,
    /// The raise per step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<Money>,
    /// Ceiling of all raises together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_total: Option<Money>,
    /// The original 大病保险 annual cap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_cap: Option<Money>,
    /// See [`Incentives::counted_from`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counted_from: Option<i32>,
    /// Citation of the region's rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<Cite>,
    /// Assumption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assume: Option<crate::lang::Text>,
}

/// The numbers of [`Continuity`] after a region's changes, without the citation: `Copy`,
/// so that the typed quote allocates nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContinuityParams {
    /// See [`Continuity::fixed_wait_months`].
    pub fixed_wait_months: u32,
    /// See [`Continuity::variable_months_per_break_year`].
    pub variable_months_per_break_year: u32,
    /// See [`Continuity::repair_months_per_year`].
    pub repair_months_per_year: u32,
    /// See [`Continuity::floor_after_break_years`].
    pub floor_after_break_years: u32,
    /// See [`Continuity::floor_months`].
    pub floor_months: u32,
    /// The exemptions in the order listed (at most one of each kind counts).
    pub exemptions: [Option<Exemption>; 4],
    /// See [`Continuity::employee_switch_within`].
    pub employee_switch_within: Period,
    /// See [`Continuity::breaks_counted_from`].
    pub breaks_counted_from: Option<i32>,
    /// See [`ContinuityOverride::first_enrolment_waits`].
    pub first_enrolment_waits: bool,
    /// See [`ContinuityOverride::wait_counts_payment_day`].
    pub wait_counts_payment_day: bool,
}

/// The numbers of [`Incentives`] after a region's changes (`Copy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IncentiveParams {
    /// See [`Incentives::counted_from`].
    pub counted_from: Option<i32>,
    /// See [`Incentives::after_continuous_years`].
    pub after_continuous_years: u32,
    /// See [`Incentives::min_step`].
    pub min_step: Money,
    /// See [`Incentives::max_total_percent`].
    pub max_total_percent: u32,
    /// The region's raise per step.
    pub step: Option<Money>,
    /// The region's ceiling.
    pub max_total: Option<Money>,
    /// The original cap.
    pub base_cap: Option<Money>,
}

impl National {
    /// The built-in national defaults, from `core/data/national.toml` as compiled in by
    /// `core/build.rs`. (An `Option` so that an engine can be built without them.)
    pub fn builtin() -> Option<National> {
        Some(crate::data::national_data())
    }

    /// Reads a national defaults file (the format of `core/data/national.toml`).
    pub fn parse(text: &str) -> Result<National, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }

    /// The text of the built-in national defaults file.
    pub const BUILTIN_TEXT: &'static str = NATIONAL;

    /// The national minimum of a year.
    pub fn standard(&self, year: i32) -> Option<&NationalStandard> {
        self.standards.iter().find(|s| s.year == year)
    }
}

impl Continuity {
    /// The numbers in force for a benefit year with a region's changes; `None` before
    /// the rules start or when the region opts out. Allocates nothing.
    pub fn params(
        &self,
        benefit_year: i32,
        o: Option<&ContinuityOverride>,
    ) -> Option<ContinuityParams> {
        if benefit_year < self.from_year || o.is_some_and(|o| o.applies == Some(false)) {
            return None;
        }
        let list = o
            .and_then(|o| o.exemptions.as_deref())
            .unwrap_or(&self.exemptions);
        let mut exemptions = [None; 4];
        for (slot, kind) in exemptions.iter_mut().zip(list) {
            *slot = Some(*kind);
        }
        Some(ContinuityParams {
            fixed_wait_months: o
                .and_then(|o| o.fixed_wait_months)
                .unwrap_or(self.fixed_wait_months),
            variable_months_per_break_year: o
                .and_then(|o| o.variable_months_per_break_year)
                .unwrap_or(self.variable_months_per_break_year),
            repair_months_per_year: o
                .and_then(|o| o.repair_months_per_year)
                .unwrap_or(self.repair_months_per_year),
            floor_after_break_years: o
                .and_then(|o| o.floor_after_break_years)
                .unwrap_or(self.floor_after_break_years),
            floor_months: o.and_then(|o| o.floor_months).unwrap_or(self.floor_months),
            exemptions,
            employee_switch_within: o
                .and_then(|o| o.employee_switch_within)
                .unwrap_or(self.employee_switch_within),
            breaks_counted_from: o
                .and_then(|o| o.breaks_counted_from)
                .or(self.breaks_counted_from),
            first_enrolment_waits: o.and_then(|o| o.first_enrolment_waits).unwrap_or(false),
            wait_counts_payment_day: o.and_then(|o| o.wait_counts_payment_day).unwrap_or(false),
        })
    }

    /// The national rules with a region's changes, as a whole; `None` when the region
    /// opts out.
    pub fn merged(&self, o: Option<&ContinuityOverride>) -> Option<Continuity> {
        let p = self.params(self.from_year, o)?;
        Some(Continuity {
            from_year: self.from_year,
            fixed_wait_months: p.fixed_wait_months,
            variable_months_per_break_year: p.variable_months_per_break_year,
            repair_months_per_year: p.repair_months_per_year,
            floor_after_break_years: p.floor_after_break_years,
            floor_months: p.floor_months,
            exemptions: p.exemptions.iter().flatten().copied().collect(),
            employee_switch_within: p.employee_switch_within,
            breaks_counted_from: p.breaks_counted_from,
            cite: self.cite.clone(),
            assume: self.assume.clone(),
        })
    }
}

impl Incentives {
    /// The numbers in force for a benefit year with a region's changes; `None` before the
    /// incentives start or when the region opts out. Allocates nothing.
    pub fn params(
        &self,
        benefit_year: i32,
        o: Option<&IncentivesOverride>,
    ) -> Option<IncentiveParams> {
        if benefit_year < self.from_year || o.is_some_and(|o| o.applies == Some(false)) {
            return None;
        }
        Some(IncentiveParams {
            counted_from: o.and_then(|o| o.counted_from).or(self.counted_from),
            after_continuous_years: self.after_continuous_years,
            min_step: self.min_step,
            max_total_percent: self.max_total_percent,
            step: o.and_then(|o| o.step).or(self.step),
            max_total: o.and_then(|o| o.max_total).or(self.max_total),
            base_cap: o.and_then(|o| o.base_cap).or(self.base_cap),
        })
    }

    /// The national rules with a region's changes, as a whole; `None` when the region
    /// opts out.
    pub fn merged(&self, o: Option<&IncentivesOverride>) -> Option<Incentives> {
        let p = self.params(self.from_year, o)?;
        Some(Incentives {
            counted_from: p.counted_from,
            step: p.step,
            max_total: p.max_total,
            base_cap: p.base_cap,
            ..self.clone()
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn compiled_national_data_is_the_file() {
        assert_eq!(
            National::builtin(),
            Some(National::parse(NATIONAL).unwrap())
        );
    }

    #[test]
    fn national_data_reads() {
        let n = National::builtin().unwrap();
        let figures: Vec<(i32, String, String)> = n
            .standards
            .iter()
            .map(|s| (s.year, s.fiscal.to_string(), s.personal.to_string()))
            .collect();
        assert_eq!(
            figures,
            vec![
                (2021, "580.00".into(), "320.00".into()),
                (2022, "610.00".into(), "350.00".into()),
                (2023, "640.00".into(), "380.00".into()),
                (2024, "670.00".into(), "400.00".into()),
                (2025, "700.00".into(), "400.00".into()),
            ]
        );
        assert_eq!(n.continuity.fixed_wait_months, 3);
        assert_eq!(n.continuity.floor_months, 6);
        assert_eq!(n.incentives.min_step.to_string(), "1000.00");
    }

    #[test]
    fn overrides_merge_key_by_key() {
        let n = National::builtin().unwrap();
        let o = ContinuityOverride {
            fixed_wait_months: Some(2),
            ..ContinuityOverride::default()
        };
        let m = n.continuity.merged(Some(&o)).unwrap();
        assert_eq!(m.fixed_wait_months, 2);
        assert_eq!(m.floor_months, 6);
        let off = ContinuityOverride {
            applies: Some(false),
            ..ContinuityOverride::default()
        };
        assert!(n.continuity.merged(Some(&off)).is_none());
    }
}
