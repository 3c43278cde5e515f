//! Semantic validation of a policy: what TOML syntax cannot say.
//!
//! # Design
//! A policy that validates must never make an operation panic or produce a negative or
//! contradictory figure, so the checks here are the preconditions the engine relies on:
//! tiers ordered and disjoint and near the benefit year, aid never above what it aids,
//! periods of sane length, ids that are stable ASCII.

use super::{CoverStart, Exemption, Grant, Policy, RefundReason};
use crate::dates::{max_date, min_date, Period};
use crate::error::{Error, ErrorCode};
use crate::message::{Choices, Excerpt, Message, Message as M};
use crate::money::Money;
use chrono::NaiveDate;
use std::collections::BTreeSet;

struct Check<'a> {
    file: &'a str,
}

impl Check<'_> {
    fn fail(&self, path: impl Into<String>, problem: Message) -> Error {
        Error::new(
            ErrorCode::PolicyInvalid,
            Message::PolicyInvalid {
                file: self.file.to_string(),
                path: path.into(),
                problem: Box::new(problem),
            },
        )
    }

    fn ensure(&self, ok: bool, path: impl Into<String>, message: Message) -> Result<(), Error> {
        if ok {
            Ok(())
        } else {
            Err(self.fail(path, message))
        }
    }

    fn date(&self, d: NaiveDate, path: impl Into<String>) -> Result<(), Error> {
        self.ensure(d >= min_date() && d <= max_date(), path, M::DateRange {})
    }

    fn ascii_id(&self, id: &str, path: impl Into<String>) -> Result<(), Error> {
        self.ensure(
            !id.is_empty()
                && id.len() <= 40
                && id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            path,
            M::IdShape {},
        )
    }

    fn period(&self, p: Period, path: impl Into<String>) -> Result<(), Error> {
        let ok = match p {
            Period::Days(n) => n <= 731,
            Period::Months(n) => n <= 24,
        };
        self.ensure(ok, path, M::PeriodTooLong {})
    }
}

/// Resolves what the engine reads as bits: the category table and every rule's mask.
/// Every table within [`super::MAX_RULES`] entries (the bound on what an answer can cite).
fn rule_counts(file: &str, p: &Policy) -> Result<(), Error> {
    let c = Check { file };
    for (len, key) in [
        (p.categories.len(), "categories"),
        (p.grades.len(), "grades"),
        (p.group_standards.len(), "group_standards"),
        (p.tiers.len(), "tiers"),
        (p.aid.len(), "aid"),
        (p.aid_exclusions.len(), "aid_exclusions"),
        (p.wait_exemptions.len(), "wait_exemptions"),
        (p.newborns.len(), "newborns"),
        (p.refunds.len(), "refunds"),
        (p.contacts.len(), "contacts"),
        (p.targets.len(), "targets"),
        (p.reminders.len(), "reminders"),
        (p.notes.len(), "notes"),
    ] {
        c.ensure(
            len <= super::MAX_RULES,
            key,
            M::TooManyRules {
                max: super::MAX_RULES,
            },
        )?;
    }
    Ok(())
}

pub(super) fn resolve(file: &str, p: &mut Policy) -> Result<(), Error> {
    let c = Check { file };
    // A prior year collected with a newborn's (通河): its fiscal subsidy, where the
    // notice does not state it, by the same one rule.
    for (i, n) in p.newborns.iter_mut().enumerate() {
        if let Some(prior) = n.prior_year.as_mut() {
            if prior.fiscal.is_none() || prior.fiscal_national.is_some() {
                let national = crate::national::National::builtin()
                    .and_then(|nat| nat.standard(prior.year).cloned())
                    .ok_or_else(|| {
                        c.fail(
                            format!("newborns[{i}].prior_year.fiscal"),
                            M::NoNationalMinimum { year: prior.year },
                        )
                    })?;
                prior.fiscal = Some(national.fiscal);
                prior.fiscal_national = Some(national.cite.clone());
            }
        }
    }
    // The one rule for a fiscal subsidy the notice does not state: the national minimum of
    // the benefit year (the national notice on that year's resident insurance sets it).
    if let Some(n) = p.standard.fiscal_national.as_mut() {
        let national = crate::national::National::builtin()
            .and_then(|nat| nat.standard(p.benefit_year).cloned())
            .ok_or_else(|| {
                c.fail(
                    "standard.fiscal",
                    M::NoNationalMinimum {
                        year: p.benefit_year,
                    },
                )
            })?;
        if n.year != 0 && (n.year != p.benefit_year || p.standard.fiscal != national.fiscal) {
            return Err(c.fail(
                "standard.fiscal_national",
                M::NoNationalMinimum {
                    year: p.benefit_year,
                },
            ));
        }
        n.year = p.benefit_year;
        n.cite = national.cite.clone();
        p.standard.fiscal = national.fiscal;
    }
    for (i, d) in p.categories.iter().enumerate() {
        c.ascii_id(&d.id, format!("categories[{i}].id"))?;
        c.ensure(
            !d.name.trim().is_empty(),
            format!("categories[{i}].name"),
            M::CategoryNameMissing {},
        )?;
        chinese(&c, &d.name, &format!("categories[{i}].name"))?;
    }
    p.table.0 = super::CategoryTable::build(&p.categories)
        .map_err(|(i, key, message)| c.fail(format!("categories[{i}].{key}"), message))?;
    let unknown = |id: &str| M::UndeclaredCategory {
        id: Excerpt::of(id),
    };
    for (i, g) in p.group_standards.iter_mut().enumerate() {
        let Some(category) = &g.category else {
            c.ensure(
                g.age.is_some(),
                format!("group_standards[{i}].category"),
                M::GroupNeedsGroup {},
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
        // The grade whose standard the aid is computed on must be one of the policy's.
        a.against.0 = match &a.against_grade {
            None => None,
            Some(id) => Some(
                p.grades
                    .iter()
                    .find(|g| g.id == *id)
                    .map(|g| g.personal)
                    .ok_or_else(|| {
                        let given = Excerpt::of(id);
                        let message = if p.grades.is_empty() {
                            M::AgainstGradeWithoutGrades { given }
                        } else {
                            M::AgainstUnknownGrade {
                                given,
                                grades: Choices(
                                    p.grades
                                        .iter()
                                        .map(|g| (g.id.clone(), g.name.clone()))
                                        .collect(),
                                ),
                            }
                        };
                        c.fail(format!("aid[{i}].against_grade"), message)
                    })?,
            ),
        };
    }
    super::prepared::prepare(p);
    Ok(())
}

/// An age condition says at least one bound, of a human age, with `at_least < under`.
fn age(c: &Check<'_>, a: super::AgeCondition, path: &str) -> Result<(), Error> {
    c.ensure(
        a.at_least.is_some() || a.under.is_some(),
        path,
        M::AgeNeedsBound {},
    )?;
    c.ensure(
        a.at_least.is_none_or(|n| n <= 150) && a.under.is_none_or(|n| n <= 150),
        path,
        M::AgeTooHigh {},
    )?;
    c.ensure(
        match (a.at_least, a.under) {
            (Some(l), Some(u)) => l < u,
            _ => true,
        },
        path,
        M::AgeOrder {},
    )
}

/// Checks everything the engine relies on.
pub(super) fn validate(file: &str, p: &Policy) -> Result<(), Error> {
    rule_counts(file, p)?;
    let c = Check { file };
    let continuity_in_force = crate::national::National::builtin()
        .and_then(|n| n.continuity.params(p.benefit_year, p.continuity.as_ref()))
        .is_some();

    // Identity.
    c.ensure(
        p.region_code.len() == 6 && p.region_code.bytes().all(|b| b.is_ascii_digit()),
        "region_code",
        M::RegionCode {},
    )?;
    c.ensure(
        (2000..=2100).contains(&p.benefit_year),
        "benefit_year",
        M::BenefitYearRange {},
    )?;
    c.ensure(
        p.id == format!("{}-{}", p.region_code, p.benefit_year),
        "id",
        M::PolicyIdForm {
            id: format!("{}-{}", p.region_code, p.benefit_year),
        },
    )?;
    if let Some(d) = p.published {
        c.date(d, "published")?;
    }
    let (year_start, year_end) = p
        .benefit_bounds()
        .ok_or_else(|| c.fail("benefit_year", M::NoSuchYear {}))?;
    // Collection may start in the previous calendar year; nothing earlier makes sense.
    let earliest = NaiveDate::from_ymd_opt(p.benefit_year - 1, 1, 1).unwrap_or(year_start);

    // Standards.
    let mut groups = BTreeSet::new();
    for (i, g) in p.group_standards.iter().enumerate() {
        c.ensure(
            groups.insert((g.category.as_deref(), g.age.map(|a| (a.at_least, a.under)))),
            format!("group_standards[{i}].category"),
            M::GroupTwice {},
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
            M::GradeTwice {},
        )?;
        amounts.push((format!("grades[{i}].personal"), g.personal));
        if let Some(f) = g.fiscal {
            amounts.push((format!("grades[{i}].fiscal"), f));
        }
    }
    c.ensure(
        p.grades.len() <= usize::from(u8::MAX),
        "grades",
        M::TooManyGrades {},
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
        c.ensure(amount <= bound, path, M::AmountTooLarge { max: bound })?;
    }

    // Tiers: ordered, disjoint, inside [previous year's 1 January, benefit year's end].
    c.ensure(!p.tiers.is_empty(), "tiers", M::NoTiers {})?;
    let mut ids = BTreeSet::new();
    let mut previous_end: Option<NaiveDate> = None;
    for (i, t) in p.tiers.iter().enumerate() {
        let at = |k: &str| format!("tiers[{i}].{k}");
        c.ascii_id(&t.id, at("id"))?;
        c.ensure(ids.insert(t.id.as_str()), at("id"), M::TierTwice {})?;
        c.date(t.from, at("from"))?;
        c.date(t.to, at("to"))?;
        c.ensure(t.from <= t.to, at("to"), M::EndsBeforeStart {})?;
        // The key that is wrong is the one reported.
        c.ensure(
            t.from >= earliest,
            at("from"),
            M::TierOutsideYear {
                first: earliest,
                last: year_end,
            },
        )?;
        c.ensure(
            t.to <= year_end,
            at("to"),
            M::TierOutsideYear {
                first: earliest,
                last: year_end,
            },
        )?;
        if let Some(end) = previous_end {
            c.ensure(t.from > end, at("from"), M::TiersOverlap { end })?;
        }
        previous_end = Some(t.to);
        if let Some(days) = &t.payment_days {
            c.ensure(
                days.ranges()
                    .all(|(a, b)| (1..=31).contains(&a) && (1..=31).contains(&b) && a <= b),
                at("payment_days"),
                M::PaymentDaysRange {},
            )?;
            c.ensure(
                days.also.len() <= 30,
                at("payment_days.also"),
                M::PaymentDaysTooMany {},
            )?;
        }
        if let Some(w) = t.cover.wait() {
            c.period(w, at("cover"))?;
        }
        c.ensure(!t.cover.is_birth(), at("cover"), M::TierCoverBirth {})?;
        // Where the national continuity rules are in force, a period with terms of its own
        // says whether they or the national waits apply: nothing is replaced silently.
        if continuity_in_force {
            c.ensure(
                t.cover == CoverStart::BenefitStart || t.continuity.is_some(),
                at("continuity"),
                M::TierContinuityNeeded {},
            )?;
        } else {
            c.ensure(
                t.continuity.is_none(),
                at("continuity"),
                M::TierContinuityNotInForce {},
            )?;
        }

        if let Some(a) = t.advise_by {
            c.ensure(
                t.from <= a && a <= t.to,
                at("advise_by"),
                M::AdviseByOutside {},
            )?;
        }
        c.ensure(
            !t.payer_exempt.contains(&Exemption::EmployeeSwitch)
                || p.wait_exemptions
                    .iter()
                    .any(|w| w.kind == Exemption::EmployeeSwitch),
            at("payer_exempt"),
            M::EmployeeSwitchNeedsExemption {},
        )?;
        c.ensure(
            t.payer_exempt.is_empty() || t.payer == super::Payer::PersonalAndFiscal,
            at("payer_exempt"),
            M::PayerExemptNeedsFiscal {},
        )?;
    }

    // Aid: never above what it aids — the general personal standard, and the standard of
    // every group the rule names.
    for (i, a) in p.aid.iter().enumerate() {
        let at = |k: &str| format!("aid[{i}].{k}");
        c.ensure(
            !a.categories.is_empty(),
            at("categories"),
            M::AidNeedsCategory {},
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
                M::AidAboveStandard {
                    aid: m,
                    standard: ceiling,
                },
            )?,
            Grant::PersonalShare(m) => c.ensure(
                m <= ceiling,
                at("grant"),
                M::ShareAboveStandard {
                    share: m,
                    standard: ceiling,
                },
            )?,
            Grant::Percent(n) => c.ensure(n.is_at_most_100(), at("grant"), M::PercentRange {})?,
        }
        for (k, part) in a.also.iter().enumerate() {
            if let Grant::Percent(n) = part.grant {
                c.ensure(
                    n.is_at_most_100(),
                    at(&format!("also[{k}].grant")),
                    M::PercentRange {},
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
            M::ExemptionCover {},
        )?;
        if let Some(p) = w.cover.wait() {
            c.period(p, at("cover"))?;
        }
        match (w.kind, w.within) {
            (Exemption::EmployeeSwitch, Some(within)) => c.period(within, at("within"))?,
            (Exemption::EmployeeSwitch, None) => {
                return Err(c.fail(at("within"), M::EmployeeSwitchNeedsWithin {}))
            }
            (_, Some(_)) => return Err(c.fail(at("within"), M::WithinOnlyEmployeeSwitch {})),
            (_, None) => {}
        }
    }

    // Newborn rules.
    let mut ids = BTreeSet::new();
    for (i, n) in p.newborns.iter().enumerate() {
        let at = |k: &str| format!("newborns[{i}].{k}");
        c.ascii_id(&n.id, at("id"))?;
        c.ensure(ids.insert(n.id.as_str()), at("id"), M::NewbornTwice {})?;
        // Without a lower bound on birth every adult would be a "newborn".
        c.ensure(
            n.within.is_some() || n.born_from.is_some(),
            at("within"),
            M::NewbornNeedsBound {},
        )?;
        // Registration may run into the next year (a child born late in the year pays the
        // birth year's contribution within 90 days of birth); births may not.
        let next_year_end = NaiveDate::from_ymd_opt(p.benefit_year + 1, 12, 31).unwrap_or(year_end);
        for (d, k, last) in [
            (n.born_from, "born_from", year_end),
            (n.born_to, "born_to", year_end),
            (n.registered_from, "registered_from", next_year_end),
            (n.registered_to, "registered_to", next_year_end),
        ] {
            if let Some(d) = d {
                c.date(d, at(k))?;
                c.ensure(
                    d >= earliest && d <= last,
                    at(k),
                    M::NewbornDateOutside {
                        first: earliest,
                        last,
                    },
                )?;
            }
        }
        if let (Some(a), Some(b)) = (n.born_from, n.born_to) {
            c.ensure(a <= b, at("born_to"), M::BornOrder {})?;
        }
        if let (Some(a), Some(b)) = (n.registered_from, n.registered_to) {
            c.ensure(a <= b, at("registered_to"), M::RegisteredOrder {})?;
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
                M::PriorYearYear {},
            )?;
            c.ensure(
                n.charge == super::NewbornCharge::Standard,
                at("prior_year"),
                M::PriorYearCharge {},
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
            M::RefundTwice {},
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
                M::AtMost24 {},
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
            M::WorkingDaysRange {},
        )?;
    }

    for (i, t) in p.targets.iter().enumerate() {
        c.ensure(
            t.percent <= 100,
            format!("targets[{i}].percent"),
            M::PercentRange {},
        )?;
    }
    for (i, r) in p.reminders.iter().enumerate() {
        c.ensure(
            !r.text.zh.trim().is_empty(),
            format!("reminders[{i}].text"),
            M::ReminderEmpty {},
        )?;
    }
    for (i, n) in p.notes.iter().enumerate() {
        c.ascii_id(&n.topic, format!("notes[{i}].topic"))?;
    }
    texts(&c, p)
}

/// What is wrong with a Chinese text, if anything: no Chinese at all, or an English phrase.
fn not_chinese(zh: &str) -> Option<Message> {
    if !zh.chars().any(crate::lang::is_han) {
        return Some(M::TextNotChinese {});
    }
    crate::lang::english_phrase(zh).map(|phrase| M::TextEnglishPhrase {
        phrase: Excerpt::of(phrase),
    })
}

/// A Chinese text: some Chinese, and no English phrase.
fn chinese(c: &Check<'_>, zh: &str, path: &str) -> Result<(), Error> {
    match not_chinese(zh) {
        Some(problem) => Err(c.fail(path, problem)),
        None => Ok(()),
    }
}

/// Every text of the file (`assume`, names, notes, reminders…) is Chinese, with English
/// only under `en`. The texts are found by walking the policy's own serialisation, where
/// each is the struct `Text` (`texts.rs`), so that a text added to the format later is
/// checked too.
fn texts(c: &Check<'_>, p: &Policy) -> Result<(), Error> {
    match super::texts::first_bad(p, &not_chinese) {
        Some((path, problem)) => Err(c.fail(path, problem)),
        None => Ok(()),
    }
}
