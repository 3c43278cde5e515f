//! Semantic validation of a policy: what TOML syntax cannot say.
//!
//! # Design
//! A policy that validates must never make an operation panic or produce a negative or
//! contradictory figure, so the checks here are the preconditions the engine relies on:
//! tiers ordered and disjoint and near the benefit year, aid never above what it aids,
//! periods of sane length, ids that are stable ASCII.

use super::{CoverStart, Exemption, Grant, Policy, RefundReason};
use crate::dates::{max_date, min_date, Period};
use crate::error::Error;
use crate::money::Money;
use chrono::NaiveDate;
use std::collections::BTreeSet;

struct Check<'a> {
    file: &'a str,
}

impl Check<'_> {
    fn fail(&self, path: impl Into<String>, message: impl Into<String>) -> Error {
        Error::PolicyInvalid {
            file: self.file.to_string(),
            path: path.into(),
            message: message.into(),
        }
    }

    fn ensure(
        &self,
        ok: bool,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Result<(), Error> {
        if ok {
            Ok(())
        } else {
            Err(self.fail(path, message))
        }
    }

    fn date(&self, d: NaiveDate, path: impl Into<String>) -> Result<(), Error> {
        self.ensure(
            d >= min_date() && d <= max_date(),
            path,
            "date outside 1900-01-01..2199-12-31",
        )
    }

    fn ascii_id(&self, id: &str, path: impl Into<String>) -> Result<(), Error> {
        self.ensure(
            !id.is_empty()
                && id.len() <= 40
                && id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            path,
            "ids are 1-40 characters of a-z, 0-9 and _",
        )
    }

    fn period(&self, p: Period, path: impl Into<String>) -> Result<(), Error> {
        let ok = match p {
            Period::Days(n) => n <= 731,
            Period::Months(n) => n <= 24,
        };
        self.ensure(ok, path, "a period is at most 731 days or 24 months")
    }
}

/// Resolves what the engine reads as bits: the category table and every rule's mask.
pub(super) fn resolve(file: &str, p: &mut Policy) -> Result<(), Error> {
    let c = Check { file };
    for (i, d) in p.categories.iter().enumerate() {
        c.ascii_id(&d.id, format!("categories[{i}].id"))?;
        c.ensure(
            !d.name.trim().is_empty(),
            format!("categories[{i}].name"),
            "a category needs the notice's name",
        )?;
    }
    p.table.0 = super::CategoryTable::build(&p.categories)
        .map_err(|(i, key, message)| c.fail(format!("categories[{i}].{key}"), message))?;
    let unknown = |id: &str| {
        format!("unknown category {id:?}: a national id (design.md) or one declared under [[categories]]")
    };
    for (i, g) in p.group_standards.iter_mut().enumerate() {
        let Some(category) = &g.category else {
            c.ensure(
                g.age.is_some(),
                format!("group_standards[{i}].category"),
                "a group standard names its group: a `category`, an `age` condition, or both",
            )?;
            continue;
        };
        g.mask.0 = p
            .table
            .mask(std::slice::from_ref(category))
            .map_err(|id| c.fail(format!("group_standards[{i}].category"), unknown(id)))?;
    }
    for (i, a) in p.aid.iter_mut().enumerate() {
        a.mask.0 = p
            .table
            .mask(&a.categories)
            .map_err(|id| c.fail(format!("aid[{i}].categories"), unknown(id)))?;
        a.with_masks.0 = a
            .with
            .iter()
            .map(|id| p.table.mask(std::slice::from_ref(id)))
            .collect::<Result<_, _>>()
            .map_err(|id| c.fail(format!("aid[{i}].with"), unknown(id)))?;
    }
    Ok(())
}

/// An age condition says at least one bound, of a human age, with `at_least < under`.
fn age(c: &Check<'_>, a: super::AgeCondition, path: &str) -> Result<(), Error> {
    c.ensure(
        a.at_least.is_some() || a.under.is_some(),
        path,
        "an age condition needs `at_least` or `under`",
    )?;
    c.ensure(
        a.at_least.is_none_or(|n| n <= 150) && a.under.is_none_or(|n| n <= 150),
        path,
        "an age is at most 150",
    )?;
    c.ensure(
        match (a.at_least, a.under) {
            (Some(l), Some(u)) => l < u,
            _ => true,
        },
        path,
        "`at_least` is below `under`",
    )
}

/// Checks everything the engine relies on.
pub(super) fn validate(file: &str, p: &Policy) -> Result<(), Error> {
    let c = Check { file };
    let continuity_in_force = crate::national::National::builtin()
        .and_then(|n| n.continuity.params(p.benefit_year, p.continuity.as_ref()))
        .is_some();

    // Identity.
    c.ensure(
        p.region_code.len() == 6 && p.region_code.bytes().all(|b| b.is_ascii_digit()),
        "region_code",
        "a GB/T 2260 region code has six digits",
    )?;
    c.ensure(
        (2000..=2100).contains(&p.benefit_year),
        "benefit_year",
        "benefit year outside 2000..=2100",
    )?;
    c.ensure(
        p.id == format!("{}-{}", p.region_code, p.benefit_year),
        "id",
        format!("the id must be \"{}-{}\"", p.region_code, p.benefit_year),
    )?;
    if let Some(d) = p.published {
        c.date(d, "published")?;
    }
    let (year_start, year_end) = p
        .benefit_bounds()
        .ok_or_else(|| c.fail("benefit_year", "no such year"))?;
    // Collection may start in the previous calendar year; nothing earlier makes sense.
    let earliest = NaiveDate::from_ymd_opt(p.benefit_year - 1, 1, 1).unwrap_or(year_start);

    // Standards.
    let mut groups = BTreeSet::new();
    for (i, g) in p.group_standards.iter().enumerate() {
        c.ensure(
            groups.insert((g.category.as_deref(), g.age.map(|a| (a.at_least, a.under)))),
            format!("group_standards[{i}].category"),
            "a group (category and age) has at most one group standard",
        )?;
        if let Some(a) = g.age {
            age(&c, a, &format!("group_standards[{i}].age"))?;
        }
    }
    for (i, a) in p.aid.iter().enumerate() {
        if let Some(cond) = a.age {
            age(&c, cond, &format!("aid[{i}].age"))?;
        }
    }

    // Every amount of a file within a sane bound, so that no sum an answer makes (standard
    // plus fiscal share plus a prior year, repair over the years, cap raises) leaves the
    // range `Money` reads back.
    let bound: Money = Money::from_fen(100_000_000);
    let mut amounts: Vec<(String, Money)> = vec![
        ("standard.personal".into(), p.standard.personal),
        ("standard.fiscal".into(), p.standard.fiscal),
    ];
    for (i, g) in p.group_standards.iter().enumerate() {
        amounts.push((format!("group_standards[{i}].personal"), g.personal));
        amounts.push((format!("group_standards[{i}].fiscal"), g.fiscal));
    }
    for (i, n) in p.newborns.iter().enumerate() {
        if let Some(prior) = &n.prior_year {
            amounts.push((format!("newborns[{i}].prior_year.personal"), prior.personal));
        }
    }
    let mut grade_ids = BTreeSet::new();
    for (i, g) in p.grades.iter().enumerate() {
        c.ascii_id(&g.id, format!("grades[{i}].id"))?;
        c.ensure(
            grade_ids.insert(g.id.as_str()),
            format!("grades[{i}].id"),
            "grade ids are unique",
        )?;
        amounts.push((format!("grades[{i}].personal"), g.personal));
        if let Some(f) = g.fiscal {
            amounts.push((format!("grades[{i}].fiscal"), f));
        }
    }
    c.ensure(
        p.grades.len() <= usize::from(u8::MAX),
        "grades",
        "at most 255 grades",
    )?;
    if let Some(inc) = &p.incentives {
        for (k, v) in [
            ("step", inc.step),
            ("max_total", inc.max_total),
            ("base_cap", inc.base_cap),
        ] {
            if let Some(v) = v {
                amounts.push((format!("incentives.{k}"), v));
            }
        }
    }
    for (path, amount) in amounts {
        c.ensure(
            amount <= bound,
            path,
            format!("an amount is at most {bound}"),
        )?;
    }

    // Tiers: ordered, disjoint, inside [previous year's 1 January, benefit year's end].
    c.ensure(
        !p.tiers.is_empty(),
        "tiers",
        "a policy needs at least one payment period",
    )?;
    let mut ids = BTreeSet::new();
    let mut previous_end: Option<NaiveDate> = None;
    for (i, t) in p.tiers.iter().enumerate() {
        let at = |k: &str| format!("tiers[{i}].{k}");
        c.ascii_id(&t.id, at("id"))?;
        c.ensure(ids.insert(t.id.as_str()), at("id"), "tier ids are unique")?;
        c.date(t.from, at("from"))?;
        c.date(t.to, at("to"))?;
        c.ensure(
            t.from <= t.to,
            at("to"),
            "a period ends on or after its first day",
        )?;
        // The key that is wrong is the one reported.
        c.ensure(
            t.from >= earliest,
            at("from"),
            format!("a payment period lies within {earliest}..={year_end}"),
        )?;
        c.ensure(
            t.to <= year_end,
            at("to"),
            format!("a payment period lies within {earliest}..={year_end}"),
        )?;
        if let Some(end) = previous_end {
            c.ensure(
                t.from > end,
                at("from"),
                format!("payment periods are in date order and do not overlap (the previous one ends {end})"),
            )?;
        }
        previous_end = Some(t.to);
        if let Some(days) = &t.payment_days {
            c.ensure(
                days.ranges()
                    .all(|(a, b)| (1..=31).contains(&a) && (1..=31).contains(&b) && a <= b),
                at("payment_days"),
                "payment days are 1..=31 with from <= to",
            )?;
            c.ensure(
                days.also.len() <= 30,
                at("payment_days.also"),
                "at most 30 further ranges",
            )?;
        }
        if let Some(w) = t.cover.wait() {
            c.period(w, at("cover"))?;
        }
        c.ensure(
            !t.cover.is_birth(),
            at("cover"),
            "cover from birth is for newborn rules; a payment period's cover starts from the payment or the benefit year",
        )?;
        // Where the national continuity rules are in force, a period with terms of its own
        // says whether they or the national waits apply: nothing is replaced silently.
        if continuity_in_force {
            c.ensure(
                t.cover == CoverStart::BenefitStart || t.continuity.is_some(),
                at("continuity"),
                "the national continuity waits (国办发〔2024〕38号) are in force for this benefit year: say whether they replace this period's `cover` (continuity = \"national\") or the period's own terms apply with the variable wait after them (continuity = \"tier\")",
            )?;
        } else {
            c.ensure(
                t.continuity.is_none(),
                at("continuity"),
                "`continuity` only applies where the national continuity rules are in force (benefit years from 2025, unless [continuity] applies = false)",
            )?;
        }

        if let Some(a) = t.advise_by {
            c.ensure(
                t.from <= a && a <= t.to,
                at("advise_by"),
                "the advised date lies inside its period",
            )?;
        }
        c.ensure(
            !t.payer_exempt.contains(&Exemption::EmployeeSwitch)
                || p.wait_exemptions.iter().any(|w| w.kind == Exemption::EmployeeSwitch),
            at("payer_exempt"),
            "employee_switch takes its `within` from a [[wait_exemptions]] entry of that kind; add one",
        )?;
        c.ensure(
            t.payer_exempt.is_empty() || t.payer == super::Payer::PersonalAndFiscal,
            at("payer_exempt"),
            "payer_exempt only makes sense when payer = \"personal_and_fiscal\"",
        )?;
    }

    // Aid: never above what it aids — the general personal standard, and the standard of
    // every group the rule names.
    for (i, a) in p.aid.iter().enumerate() {
        let at = |k: &str| format!("aid[{i}].{k}");
        c.ensure(
            !a.categories.is_empty(),
            at("categories"),
            "list at least one category",
        )?;
        let ceiling = p
            .group_standards
            .iter()
            // A standard by age alone may apply to anyone the rule aids.
            .filter(|g| g.category.is_none() || !g.mask.intersection(*a.mask).is_empty())
            .map(|g| g.personal)
            // Aid never exceeds the cheapest grade a person of the rule may choose.
            .chain(p.grades.iter().map(|g| g.personal))
            .fold(p.standard.personal, Money::min);
        match a.grant {
            Grant::Full => {}
            Grant::Fixed(m) => c.ensure(
                m <= ceiling,
                at("grant"),
                format!("aid of {m} is above the personal standard {ceiling}"),
            )?,
            Grant::PersonalShare(m) => c.ensure(
                m <= ceiling,
                at("grant"),
                format!("a personal share of {m} is above the personal standard {ceiling}"),
            )?,
            Grant::Percent(n) => {
                c.ensure(n.is_at_most_100(), at("grant"), "a percentage is 0..=100")?
            }
        }
        for (k, part) in a.also.iter().enumerate() {
            if let Grant::Percent(n) = part.grant {
                c.ensure(
                    n.is_at_most_100(),
                    at(&format!("also[{k}].grant")),
                    "a percentage is 0..=100",
                )?;
            }
        }
    }

    // Exemptions.
    for (i, w) in p.wait_exemptions.iter().enumerate() {
        let at = |k: &str| format!("wait_exemptions[{i}].{k}");
        c.ensure(
            !w.cover.is_birth() && w.cover != CoverStart::BenefitStart,
            at("cover"),
            "an exemption's cover starts from the payment (payment_day, day_after_payment, next_month or after a wait)",
        )?;
        if let Some(p) = w.cover.wait() {
            c.period(p, at("cover"))?;
        }
        match (w.kind, w.within) {
            (Exemption::EmployeeSwitch, Some(within)) => c.period(within, at("within"))?,
            (Exemption::EmployeeSwitch, None) => {
                return Err(c.fail(
                    at("within"),
                    "employee_switch needs `within`, e.g. { months = 3 }",
                ))
            }
            (_, Some(_)) => {
                return Err(c.fail(at("within"), "`within` only applies to employee_switch"))
            }
            (_, None) => {}
        }
    }

    // Newborn rules.
    let mut ids = BTreeSet::new();
    for (i, n) in p.newborns.iter().enumerate() {
        let at = |k: &str| format!("newborns[{i}].{k}");
        c.ascii_id(&n.id, at("id"))?;
        c.ensure(
            ids.insert(n.id.as_str()),
            at("id"),
            "newborn rule ids are unique",
        )?;
        // Without a lower bound on birth every adult would be a "newborn".
        c.ensure(
            n.within.is_some() || n.born_from.is_some(),
            at("within"),
            "a newborn rule needs `within` or `born_from` (a lower bound on the birth date)",
        )?;
        for (d, k) in [
            (n.born_from, "born_from"),
            (n.born_to, "born_to"),
            (n.registered_from, "registered_from"),
            (n.registered_to, "registered_to"),
        ] {
            if let Some(d) = d {
                c.date(d, at(k))?;
                c.ensure(
                    d >= earliest && d <= year_end,
                    at(k),
                    format!("a newborn date lies within {earliest}..={year_end}"),
                )?;
            }
        }
        if let (Some(a), Some(b)) = (n.born_from, n.born_to) {
            c.ensure(a <= b, at("born_to"), "born_to is on or after born_from")?;
        }
        if let (Some(a), Some(b)) = (n.registered_from, n.registered_to) {
            c.ensure(
                a <= b,
                at("registered_to"),
                "registered_to is on or after registered_from",
            )?;
        }
        if let Some(w) = n.within {
            c.period(w, at("within"))?;
        }
        if let Some(w) = n.cover.wait() {
            c.period(w, at("cover"))?;
        }
        if let Some(prior) = &n.prior_year {
            c.ensure(
                prior.year < p.benefit_year && prior.year >= p.benefit_year - 1,
                at("prior_year.year"),
                "the prior year is the year before the benefit year",
            )?;
            c.ensure(
                n.charge == super::NewbornCharge::Standard,
                at("prior_year"),
                "a prior year is only collected with charge = \"standard\"",
            )?;
        }
    }

    // Refunds: one rule per reason.
    let mut reasons: BTreeSet<&str> = BTreeSet::new();
    for (i, r) in p.refunds.iter().enumerate() {
        let name = match r.reason {
            RefundReason::Duplicate => "duplicate",
            RefundReason::Death => "death",
            RefundReason::EmployeeInsurance => "employee_insurance",
            RefundReason::AidConfirmed => "aid_confirmed",
        };
        c.ensure(
            reasons.insert(name),
            format!("refunds[{i}].reason"),
            "one rule per reason",
        )?;
    }

    // Continuity and incentives overrides: months and years of sane size.
    if let Some(o) = &p.continuity {
        for (v, k) in [
            (o.fixed_wait_months, "fixed_wait_months"),
            (
                o.variable_months_per_break_year,
                "variable_months_per_break_year",
            ),
            (o.repair_months_per_year, "repair_months_per_year"),
            (o.floor_months, "floor_months"),
            (o.floor_after_break_years, "floor_after_break_years"),
        ] {
            c.ensure(
                v.is_none_or(|n| n <= 24),
                format!("continuity.{k}"),
                "at most 24",
            )?;
        }
        if let Some(w) = o.employee_switch_within {
            c.period(w, "continuity.employee_switch_within")?;
        }
    }
    if let Some(v) = &p.payment_visible_after {
        c.ensure(
            (1..=60).contains(&v.working_days),
            "payment_visible_after.working_days",
            "1..=60 working days",
        )?;
    }

    for (i, t) in p.targets.iter().enumerate() {
        c.ensure(
            t.percent <= 100,
            format!("targets[{i}].percent"),
            "a percentage is 0..=100",
        )?;
    }
    for (i, r) in p.reminders.iter().enumerate() {
        c.ensure(
            !r.text.trim().is_empty(),
            format!("reminders[{i}].text"),
            "a reminder says something",
        )?;
    }
    for (i, n) in p.notes.iter().enumerate() {
        c.ascii_id(&n.topic, format!("notes[{i}].topic"))?;
    }
    Ok(())
}
