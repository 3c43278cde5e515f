//! The computation of a quote, free of heap allocation on success.
//!
//! # Design
//! The order of the rules follows the notices: a newborn rule first (it replaces the tier's
//! terms), then the tier of the payment date (who pays what, and the wait), aid on the
//! personal part (the highest single aid wins, never stacked), exemptions from the wait,
//! and the Civil Code for the cover dates. The outcome keeps indices of the rules used so
//! that the explanation can cite them without this step allocating.

use super::continuity::{
    self, CapOutcome, ContinuityOutcome, HistoryBits, HISTORY_BASE_YEAR, HISTORY_LAST_YEAR,
};
use crate::calendar::Calendar;
use crate::category::CategorySet;
use crate::contract::Person;
use crate::dates::{next_day, Period};
use crate::error::{Error, ErrorCode};
use crate::id;
use crate::message::{Choices, Excerpt, Message};
use crate::money::Money;
use crate::national::{ContinuityParams, IncentiveParams, National};
use crate::policy::{
    AgeDays, ContinuityTerms, CoverStart, Exemption, Fact, NewbornCharge, NewbornRule, Payer,
    Policy, Tier,
};
use chrono::{Datelike, NaiveDate};

/// What the rules need to know about a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    /// Birth date.
    pub birth: NaiveDate,
    /// Categories.
    pub categories: CategorySet,
    /// Insured in employee insurance or elsewhere.
    pub insured_elsewhere: bool,
    /// Day employee insurance ended.
    pub employee_insurance_ended_on: Option<NaiveDate>,
    /// Insurance transferred in.
    pub transfer: bool,
    /// A parent is insured.
    pub parent_insured: bool,
    /// Newly identified as aided this year.
    pub newly_aided: bool,
    /// The day the person was recognised in their aided category, if given.
    pub aided_since: Option<NaiveDate>,
    /// Enrolment history, when given.
    pub history: Option<HistoryBits>,
    /// The contribution grade chosen (index into the policy's `grades`).
    pub grade: Option<u8>,
}

impl Facts {
    /// Facts of an ordinary resident born on `birth`.
    pub fn born(birth: NaiveDate) -> Facts {
        Facts {
            birth,
            categories: CategorySet::EMPTY,
            insured_elsewhere: false,
            employee_insurance_ended_on: None,
            transfer: false,
            parent_insured: false,
            newly_aided: false,
            aided_since: None,
            history: None,
            grade: None,
        }
    }

    /// Reads a [`Person`]: the birth date from the ID number or `birth_date` (both must
    /// agree when both are given).
    pub fn from_person(policy: &Policy, p: &Person) -> Result<Facts, Error> {
        let from_id = match &p.id_number {
            Some(n) => Some(id::parse(n, None)?.birth_date()),
            None => None,
        };
        let birth = match (from_id, p.birth_date) {
            (Some(a), Some(b)) if a != b => return Err(Error::request(Message::BirthMismatch {})),
            (Some(a), _) => a,
            (None, Some(b)) => b,
            (None, None) => return Err(Error::request(Message::NeedsBirth {})),
        };
        let history = match &p.history {
            None => None,
            Some(h) => {
                let bits = |years: &[i32], what: &str| -> Result<u128, Error> {
                    years.iter().try_fold(0u128, |acc, y| {
                        HistoryBits::bit(*y).map(|b| acc | b).ok_or_else(|| {
                            Error::request(Message::HistoryYearOutOfRange {
                                field: what.to_string(),
                                year: *y,
                                first: HISTORY_BASE_YEAR,
                                last: HISTORY_LAST_YEAR,
                            })
                        })
                    })
                };
                Some(HistoryBits {
                    insured: bits(&h.insured_years, "insured_years")?,
                    zero_claim: bits(&h.zero_claim_years, "zero_claim_years")?,
                    repair_years: h.repair_years.min(100),
                    raised_cap_used_in: h.raised_cap_used_in,
                })
            }
        };
        Ok(Facts {
            birth,
            categories: resolve_categories(policy, &p.categories)?,
            insured_elsewhere: p.insured_elsewhere || p.employee_insured,
            employee_insurance_ended_on: p.employee_insurance_ended_on,
            transfer: p.transfer,
            parent_insured: p.parent_insured,
            newly_aided: p.newly_aided,
            aided_since: p.aided_since,
            history,
            grade: match &p.grade {
                None => None,
                Some(id) => Some(
                    policy
                        .grade_index(id)
                        .ok_or_else(|| grade_error(policy, Some(id)))?,
                ),
            },
        })
    }
}

/// A person's category ids as bits of the policy's table; an id the policy does not know
/// is `unknown_category`.
pub fn resolve_categories(policy: &Policy, ids: &[String]) -> Result<CategorySet, Error> {
    ids.iter().try_fold(CategorySet::EMPTY, |mut set, id| {
        let bit = policy.table.bit(id).ok_or_else(|| {
            Error::new(
                ErrorCode::UnknownCategory,
                Message::UnknownCategory {
                    policy: policy.id.clone(),
                    category: Excerpt::of(id),
                },
            )
        })?;
        set.insert_bit(bit);
        Ok(set)
    })
}

/// `invalid_grade`: the grade given is not the policy's, or none is given where one is
/// needed; the message lists the grades.
pub(crate) fn grade_error(policy: &Policy, given: Option<&str>) -> Error {
    let grades = Choices(
        policy
            .grades
            .iter()
            .map(|g| (g.id.clone(), g.name.clone()))
            .collect(),
    );
    let policy = policy.id.clone();
    Error::new(
        ErrorCode::InvalidGrade,
        match given {
            None => Message::GradeMissing { policy, grades },
            Some(g) => Message::GradeUnknown {
                policy,
                given: Excerpt::of(g),
                grades,
            },
        },
    )
}

/// `no_window`: the date is in no payment period of the policy.
fn no_window(policy: &Policy, date: NaiveDate) -> Error {
    Error::new(
        ErrorCode::NoWindow,
        Message::NoWindow {
            policy: policy.id.clone(),
            date,
        },
    )
}

/// How the cover dates were reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cover {
    /// The whole benefit year (paid in the collection window).
    FullYear,
    /// By the tier's own `cover` (a wait, the payment day, the next month …).
    Tier(CoverStart),
    /// By the `cover` of `wait_exemptions[i]`, which waives the tier's.
    Exempted(usize),
    /// By the newborn rule.
    Newborn,
    /// By the continuity rules of 国办发〔2024〕38号 (see `Outcome::continuity`).
    Continuity,
}

impl Cover {
    /// The tier or exemption states a wait without its length: no cover date can be
    /// known (a newborn rule's is read from the rule itself).
    fn unknown(self, policy: &Policy) -> bool {
        let start = match self {
            Cover::Tier(c) => Some(c),
            Cover::Exempted(i) => policy.wait_exemptions.get(i).map(|w| w.cover),
            Cover::Newborn | Cover::FullYear | Cover::Continuity => None,
        };
        start == Some(CoverStart::AfterUnstatedWait)
    }
}

/// The first day of cover a [`CoverStart`] gives for a payment on `paid_on` by someone
/// born on `birth`: the one place the vocabulary is evaluated. Cover never starts
/// before birth, nor before the benefit year (except `birth`, which may: 通河), and a
/// start after the benefit year is none (`None`), as is a wait of unstated length.
pub fn cover_start(
    c: CoverStart,
    paid_on: NaiveDate,
    birth: NaiveDate,
    year_start: NaiveDate,
    year_end: NaiveDate,
) -> Option<NaiveDate> {
    let start = match c {
        CoverStart::BenefitStart => Some(year_start),
        CoverStart::PaymentDay => Some(paid_on.max(year_start)),
        CoverStart::DayAfterPayment => next_day(paid_on).map(|d| d.max(year_start)),
        CoverStart::NextMonth => first_of_next_month(paid_on).map(|d| d.max(year_start)),
        CoverStart::MonthsFromPaymentMonth(n) => paid_on
            .with_day(1)
            .and_then(|first| first.checked_add_months(chrono::Months::new(n)))
            .map(|d| d.max(year_start)),
        CoverStart::Birth => Some(birth),
        CoverStart::BirthInBenefitYear => Some(birth.max(year_start)),
        CoverStart::After(p) => p
            .end_from(paid_on)
            .and_then(next_day)
            .map(|d| d.max(year_start)),
        CoverStart::AfterUnstatedWait => None,
    }?;
    Some(start.max(birth)).filter(|s| *s <= year_end)
}

/// The aid granted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AidGranted {
    /// Index into `policy.aid`.
    pub rule: usize,
    /// The person's category it was granted for (its bit in the policy's table).
    pub category: u8,
    /// Amount (over every year collected).
    pub amount: Money,
    /// Another aid rule held too, and this one was chosen as the highest (the reading
    /// `aid.highest` decides it unless the policy cites its notice).
    pub rivals: bool,
}

/// The figures of a quote and the rules that produced them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// Index into `policy.tiers` (None: a newborn registering outside every tier).
    pub tier: Option<usize>,
    /// Index into `policy.newborns`.
    pub newborn: Option<usize>,
    /// Index into `policy.group_standards`.
    pub group: Option<usize>,
    /// Index into `policy.grades`.
    pub grade: Option<u8>,
    /// Who pays what, after exemptions.
    pub payer: Payer,
    /// The tier asked for personal + fiscal but the person is exempt (`payer_exempt`).
    pub payer_exempted: bool,
    /// Everything paid for the person.
    pub total: Money,
    /// The personal standard (个人缴费标准, with a prior year where one is collected):
    /// what aid is computed on.
    pub personal_standard: Money,
    /// The fiscal share the person pays as well, in a `personal_and_fiscal` tier (长治:
    /// late payers pay 640 on top of 380); zero otherwise.
    pub fiscal_share: Money,
    /// Prior year collected (zero when none).
    pub prior_year: Money,
    /// Paid by the government.
    pub fiscal_subsidy: Money,
    /// The single aid granted.
    pub aid: Option<AidGranted>,
    /// Index of the aid exclusion that took aid away.
    pub aid_excluded: Option<usize>,
    /// What the person pays.
    pub personal_due: Money,
    /// First day of cover.
    pub benefit_start: Option<NaiveDate>,
    /// Last day of cover.
    pub benefit_end: Option<NaiveDate>,
    /// How the cover was reached.
    pub cover: Cover,
    /// The notice states a wait without its length: `benefit_start` is unknown, not none.
    pub cover_unknown: bool,
    /// Unknown because a child under one would wait under the national rules, which exempt
    /// newborns, in a policy that has no newborn rule to say until when.
    pub newborn_unstated: bool,
    /// The continuity waits, where they apply.
    pub continuity: Option<ContinuityOutcome>,
    /// The cap raise, where incentives apply and a history is given.
    pub cap_raise: Option<CapOutcome>,
}

impl Outcome {
    /// Sum of the aid.
    pub fn aid_total(&self) -> Money {
        self.aid.map(|a| a.amount).unwrap_or(Money::ZERO)
    }
}

/// The single most favourable aid (就高不就低, 不重复资助); ties go to the rule listed first.
fn best_aid(
    policy: &Policy,
    cats: CategorySet,
    days: &AgeDays,
    personal: Money,
    prior: Money,
) -> Option<AidGranted> {
    let mut best: Option<AidGranted> = None;
    let mut held = 0usize;
    for (i, rule) in policy.aid.iter().enumerate() {
        let Some(category) = cats.intersection(*rule.mask).first() else {
            continue;
        };
        // The rule's further conditions: the categories it asks as well, the age.
        if rule
            .with_masks
            .iter()
            .any(|m| cats.intersection(*m).is_empty())
            || rule.age.is_some_and(|a| !a.holds(days))
            || rule
                .recognized_by
                .as_ref()
                .is_some_and(|r| !r.holds(days.aided_since))
        {
            continue;
        }
        // The benefit year's aid (on the standard of the grade the rule names, if any,
        // never above the person's own), and a prior year's on that year's standard.
        let amount = match (rule.also.is_empty(), *rule.against) {
            (true, None) => rule.grant.on(personal),
            (true, Some(grade)) => rule.grant.on(grade).min(personal),
            (false, _) => rule.amount(personal),
        } + if prior.is_zero() {
            Money::ZERO
        } else if rule.also.is_empty() {
            rule.grant.on(prior)
        } else {
            rule.shares_on(prior).map(|(_, m)| m).sum::<Money>()
        };
        held += 1;
        if best.is_none_or(|b| amount > b.amount) {
            best = Some(AidGranted {
                rule: i,
                category,
                amount,
                rivals: false,
            });
        }
    }
    best.map(|b| AidGranted {
        rivals: held > 1,
        ..b
    })
}

fn newborn_matches(rule: &NewbornRule, facts: &Facts, paid_on: NaiveDate) -> bool {
    let birth = facts.birth;
    rule.born_from.is_none_or(|d| birth >= d)
        && rule.born_to.is_none_or(|d| birth <= d)
        && rule.registered_from.is_none_or(|d| paid_on >= d)
        && rule.registered_to.is_none_or(|d| paid_on <= d)
        && rule.within.is_none_or(|w| w.contains(birth, paid_on))
        && (!rule.same_year || paid_on.year() == birth.year())
        && (!rule.parent_insured || facts.parent_insured)
}

/// The first payment day on or after `date` in `tier`, if any.
pub(crate) fn next_payment_day_in(
    tier: &Tier,
    to: NaiveDate,
    date: NaiveDate,
) -> Option<NaiveDate> {
    let mut d = if date < tier.from { tier.from } else { date };
    let Some(days) = &tier.payment_days else {
        return (d <= to).then_some(d);
    };
    // At most one step per month of the tier (validated to span under two years).
    for _ in 0..40 {
        if d > to {
            return None;
        }
        if days.contains(d.day()) {
            return Some(d);
        }
        d = match days.next_start_after(d.day()).and_then(|s| d.with_day(s)) {
            Some(x) => x,
            None => first_of_next_month(d)?,
        };
    }
    None
}

fn first_of_next_month(d: NaiveDate) -> Option<NaiveDate> {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
}

/// True when `date` is a payment day of `tier` (every day when the tier has no restriction).
pub(crate) fn is_payment_day(tier: &Tier, date: NaiveDate) -> bool {
    tier.payment_days
        .as_ref()
        .is_none_or(|d| d.contains(date.day()))
}

/// Whether a person fits an exemption kind.
fn fits(
    kind: Exemption,
    within: Option<Period>,
    facts: &Facts,
    aided: bool,
    paid_on: NaiveDate,
) -> bool {
    match kind {
        Exemption::Aided => aided,
        Exemption::Transfer => facts.transfer,
        Exemption::EmployeeSwitch => match (facts.employee_insurance_ended_on, within) {
            (Some(ended), Some(w)) => w.contains(ended, paid_on),
            _ => false,
        },
        Exemption::NewlyAided => facts.newly_aided,
    }
}

/// What a computation needs besides the policy: the statutory calendar and the national
/// defaults the policy inherits.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx<'a> {
    pub calendar: &'a Calendar,
    pub national: Option<&'a National>,
}

impl Ctx<'_> {
    /// The continuity rules in force for the policy, if any (no allocation).
    pub fn continuity(&self, policy: &Policy) -> Option<ContinuityParams> {
        self.national?
            .continuity
            .params(policy.benefit_year, policy.continuity.as_ref())
    }

    /// The incentives in force for the policy, if any (no allocation).
    pub fn incentives(&self, policy: &Policy) -> Option<IncentiveParams> {
        self.national?
            .incentives
            .params(policy.benefit_year, policy.incentives.as_ref())
    }
}

/// A tier's last day, moved to the next working day when the tier asks for
/// 民法典 第二百零三条 and the calendar covers the year.
pub(crate) fn effective_to(calendar: &Calendar, tier: &Tier) -> NaiveDate {
    if tier.deadline_moves {
        calendar.working_day_on_or_after(tier.to).unwrap_or(tier.to)
    } else {
        tier.to
    }
}

/// The tier whose (effective) period contains `date`; an earlier tier's moved deadline
/// takes precedence over the next tier's first days.
pub(crate) fn tier_at<'p>(
    calendar: &Calendar,
    policy: &'p Policy,
    date: NaiveDate,
) -> Option<(usize, &'p Tier)> {
    policy
        .tiers
        .iter()
        .enumerate()
        .find(|(_, t)| t.from <= date && date <= effective_to(calendar, t))
}

/// Most subtype combinations tried for a person given as families (one family of
/// three subtypes needs 3).
const MAX_FAMILY_CASES: u32 = 64;

/// Computes a quote. `check_payment_day` is false when re-computing a past payment
/// (refunds), where the bank's record is the fact.
///
/// A person given as a family (防贫监测对象) is one of its subtypes, unknown which: the
/// quote is computed for each, and given when all agree; when they differ the answer is
/// `ambiguous_category`, naming the subtypes to choose from.
pub(crate) fn compute(
    ctx: Ctx<'_>,
    policy: &Policy,
    facts: &Facts,
    paid_on: NaiveDate,
    check_payment_day: bool,
) -> Result<Outcome, Error> {
    let unknown = facts.categories.bits() & !policy.table.known().bits();
    if let Some(bit) = CategorySet::from_bits(unknown).first() {
        return Err(Error::new(
            ErrorCode::UnknownCategory,
            Message::UnknownCategory {
                policy: policy.id.clone(),
                category: Excerpt::of(&format!("#{bit}")),
            },
        ));
    }
    let families = facts.categories.intersection(policy.table.families());
    let Some(family) = families.first() else {
        return compute_one(ctx, policy, facts, paid_on, check_payment_day);
    };
    let cases = families
        .bits_iter()
        .map(|f| policy.table.leaves(f).len().max(1))
        .try_fold(1u32, |n, k| {
            n.checked_mul(k).filter(|n| *n <= MAX_FAMILY_CASES)
        });
    let leaves = policy.table.leaves(family);
    let name = |bit: u8| policy.table.text_of(bit);
    let ambiguous = || {
        Error::new(
            ErrorCode::AmbiguousCategory,
            Message::AmbiguousCategory {
                category: name(family),
                subtypes: Choices(
                    leaves
                        .bits_iter()
                        .filter_map(|b| policy.table.id_of(b).map(|id| (id.to_string(), name(b))))
                        .collect(),
                ),
            },
        )
    };
    if cases.is_none() {
        return Err(ambiguous());
    }
    let mut agreed: Option<Outcome> = None;
    for leaf in leaves.bits_iter() {
        let mut f = *facts;
        f.categories.remove_bit(family);
        f.categories.insert_bit(leaf);
        let mut o = compute(ctx, policy, &f, paid_on, check_payment_day)?;
        // The aid is granted for the family as given.
        if let Some(a) = o.aid.as_mut() {
            if a.category == leaf {
                a.category = family;
            }
        }
        match &agreed {
            None => agreed = Some(o),
            Some(first) if same_figures(policy, first, &o) => {}
            Some(_) => return Err(ambiguous()),
        }
    }
    match agreed {
        Some(o) => Ok(o),
        // A family with no subtypes of its own to try: as given.
        None => compute_one(ctx, policy, facts, paid_on, check_payment_day),
    }
}

/// Whether two outcomes give the same answer: the figures, the funder and the cover
/// (which rule gave them may differ, e.g. two group standards of equal amounts).
fn same_figures(policy: &Policy, a: &Outcome, b: &Outcome) -> bool {
    let aid = |o: &Outcome| {
        o.aid.map(|g| {
            (
                g.amount,
                g.category,
                policy.aid.get(g.rule).map(|r| r.source),
            )
        })
    };
    a.total == b.total
        && a.personal_standard == b.personal_standard
        && a.fiscal_share == b.fiscal_share
        && a.fiscal_subsidy == b.fiscal_subsidy
        && a.personal_due == b.personal_due
        && a.benefit_start == b.benefit_start
        && a.benefit_end == b.benefit_end
        && aid(a) == aid(b)
}

#[inline(never)] // one copy: the family expansion calls it too (wasm size)
fn compute_one(
    ctx: Ctx<'_>,
    policy: &Policy,
    facts: &Facts,
    paid_on: NaiveDate,
    check_payment_day: bool,
) -> Result<Outcome, Error> {
    if facts.birth > paid_on {
        return Err(Error::new(
            ErrorCode::BirthAfterPayment,
            Message::BirthAfterPayment {
                birth: facts.birth,
                paid_on,
            },
        ));
    }
    let (year_start, year_end) = policy.benefit_bounds().ok_or_else(|| {
        Error::new(
            ErrorCode::UnknownPolicy,
            Message::UnknownPolicy {
                policy: Excerpt::of(&policy.id),
            },
        )
    })?;

    let tier_hit = tier_at(ctx.calendar, policy, paid_on);
    let newborn_hit = policy
        .newborns
        .iter()
        .enumerate()
        .find(|(_, r)| newborn_matches(r, facts, paid_on))
        // No newborn registers for a benefit year that is over, unless the rule's own
        // registration dates run past it (西安: born in the last 90 days of the year, the
        // birth year's contribution within 90 days of birth, in the next year).
        .filter(|(_, r)| paid_on <= year_end || r.registered_to.is_some())
        // A newborn rule applies on a tier's day or inside its own registration dates.
        .filter(|(_, r)| {
            tier_hit.is_some() || r.registered_from.is_some() || r.registered_to.is_some()
        });

    let (tier_index, tier) = match (tier_hit, newborn_hit) {
        (Some((i, t)), _) => (Some(i), Some(t)),
        (None, Some(_)) => (None, None),
        (None, None) => return Err(no_window(policy, paid_on)),
    };

    let days = AgeDays {
        birth: facts.birth,
        paid_on,
        year_start,
        year_end,
        aided_since: facts.aided_since,
    };
    let standing = policy.standard_for(facts.categories, facts.grade, &days);
    // Where a policy has grades, everyone without a group standard names one.
    if standing.group.is_none() && standing.grade.is_none() && !policy.grades.is_empty() {
        return Err(grade_error(policy, None));
    }
    let (personal, fiscal, group, grade) = (
        standing.personal,
        standing.fiscal,
        standing.group,
        standing.grade,
    );
    let aid_excluded = policy.aid_exclusions.iter().position(|x| match x.fact {
        Fact::InsuredElsewhere => facts.insured_elsewhere,
    });
    let aid_applies = aid_excluded.is_none() && tier.is_none_or(|t| t.aid);

    let paying = Paying {
        ctx,
        policy,
        facts,
        paid_on,
        year_start,
        year_end,
        days,
        personal,
        fiscal,
        group,
        grade,
        aid_excluded,
        aid_applies,
        tier_index,
    };
    let mut out = match (newborn_hit, tier) {
        (Some((n_index, rule)), _) => paying.newborn(n_index, rule),
        (None, Some(tier)) => paying.tier(tier),
        (None, None) => return Err(no_window(policy, paid_on)),
    };
    out.cap_raise = match (ctx.incentives(policy), facts.history) {
        (Some(i), Some(h)) => Some(continuity::cap_raise(&i, &h, policy.benefit_year)),
        _ => None,
    };

    // Aid of zero (长治's 稳定脱贫人员 row) is no aid.
    if out.aid.is_some_and(|a| a.amount.is_zero()) {
        out.aid = None;
    }

    // A newborn rule with registration dates of its own is a period of its own: the payment
    // days of the tier the date falls in do not restrict it (长治: the grace to 2024-03-31
    // runs every day; days 1-25 are stated for the collection window).
    let own_period = out
        .newborn
        .and_then(|i| policy.newborns.get(i))
        .is_some_and(|r| r.registered_from.is_some() || r.registered_to.is_some());
    if check_payment_day && !out.personal_due.is_zero() && !own_period {
        if let Some(t) = tier {
            payment_day(ctx, t, paid_on)?;
        }
    }
    Ok(out)
}

/// `not_payment_day` (with the next payment day) for a day outside the tier's payment days
/// of the month.
fn payment_day(ctx: Ctx<'_>, t: &Tier, paid_on: NaiveDate) -> Result<(), Error> {
    let Some(days) = &t.payment_days else {
        return Ok(());
    };
    if days.contains(paid_on.day()) {
        return Ok(());
    }
    let (window, days) = (t.name.clone(), days.describe());
    let next = next_payment_day_in(t, effective_to(ctx.calendar, t), paid_on);
    let message = match next {
        Some(next) => Message::NotPaymentDay {
            date: paid_on,
            window,
            days,
            next,
        },
        None => Message::NotPaymentDayLast {
            date: paid_on,
            window,
            days,
        },
    };
    Err(Error::new(ErrorCode::NotPaymentDay, message))
}

/// What a payment's outcome is computed from, once the period, the standard and whether aid
/// applies are known: [`compute_one`]'s two ways to an outcome read it.
struct Paying<'a> {
    ctx: Ctx<'a>,
    policy: &'a Policy,
    facts: &'a Facts,
    paid_on: NaiveDate,
    year_start: NaiveDate,
    year_end: NaiveDate,
    days: AgeDays,
    personal: Money,
    fiscal: Money,
    group: Option<usize>,
    grade: Option<u8>,
    aid_excluded: Option<usize>,
    aid_applies: bool,
    tier_index: Option<usize>,
}

impl Paying<'_> {
    /// A newborn registering under `policy.newborns[n_index]`: the rule's charge and cover.
    fn newborn(&self, n_index: usize, rule: &NewbornRule) -> Outcome {
        let Paying {
            policy,
            facts,
            paid_on,
            year_start,
            year_end,
            personal,
            fiscal,
            group,
            grade,
            aid_excluded,
            aid_applies,
            tier_index,
            ..
        } = *self;
        let days = &self.days;
        let prior = rule
            .prior_year
            .as_ref()
            .map(|p| p.personal)
            .unwrap_or(Money::ZERO);
        // Each year has its fiscal subsidy: the prior year's too (通河: 2022 and 2023).
        let prior_fiscal = rule
            .prior_year
            .as_ref()
            .and_then(|p| p.fiscal)
            .unwrap_or(Money::ZERO);
        let (personal_standard, fiscal_subsidy) = match rule.charge {
            NewbornCharge::Free => (Money::ZERO, Money::ZERO),
            NewbornCharge::Standard => (personal + prior, fiscal + prior_fiscal),
        };
        // Filtered rather than `if .. { best_aid(..) } else { None }`: the same answer,
        // and the release build's code for the branch left the Option's niche byte
        // uninitialised to valgrind (issue #15 item 3).
        let standard = aid_applies && rule.charge == NewbornCharge::Standard;
        let aid = best_aid(policy, facts.categories, days, personal, prior)
            .filter(|a| standard && !a.amount.is_zero());
        let start = cover_start(rule.cover, paid_on, facts.birth, year_start, year_end);
        let aid_total = aid.map(|a| a.amount).unwrap_or(Money::ZERO);
        Outcome {
            tier: tier_index,
            newborn: Some(n_index),
            group,
            grade,
            payer: Payer::Personal,
            payer_exempted: false,
            total: personal_standard + fiscal_subsidy,
            personal_standard,
            fiscal_share: Money::ZERO,
            prior_year: if rule.charge == NewbornCharge::Standard {
                prior
            } else {
                Money::ZERO
            },
            fiscal_subsidy,
            aid,
            aid_excluded,
            personal_due: personal_standard - aid_total,
            benefit_start: start,
            benefit_end: start.map(|_| year_end),
            cover: Cover::Newborn,
            cover_unknown: rule.cover == CoverStart::AfterUnstatedWait,
            newborn_unstated: false,
            continuity: None,
            cap_raise: None,
        }
    }

    /// A payment in `tier`: who pays what, the aid, and the cover (the tier's terms, an
    /// exemption, or the national continuity waits).
    fn tier(&self, tier: &Tier) -> Outcome {
        let Paying {
            ctx,
            policy,
            facts,
            paid_on,
            year_start,
            year_end,
            personal,
            fiscal,
            group,
            grade,
            aid_excluded,
            aid_applies,
            tier_index,
            ..
        } = *self;
        let days = &self.days;
        let aid = if aid_applies {
            best_aid(policy, facts.categories, days, personal, Money::ZERO)
        } else {
            None
        };
        let aided = aid.is_some_and(|a| !a.amount.is_zero());
        let exempt_from_payer = tier.payer == Payer::PersonalAndFiscal
            && tier.payer_exempt.iter().any(|k| {
                let within = policy
                    .wait_exemptions
                    .iter()
                    .find(|w| w.kind == *k)
                    .and_then(|w| w.within);
                fits(*k, within, facts, aided, paid_on)
            });
        let payer = if exempt_from_payer {
            Payer::Personal
        } else {
            tier.payer
        };
        // Late payers of some notices pay the fiscal share too: a line of its own, so the
        // personal standard stays the notice's figure.
        let (fiscal_share, fiscal_subsidy) = match payer {
            Payer::Personal => (Money::ZERO, fiscal),
            Payer::PersonalAndFiscal => (fiscal, Money::ZERO),
        };
        let aid_total = aid.map(|a| a.amount).unwrap_or(Money::ZERO);

        // The wait exemption of 困难群众 goes with who the person is, not with the aid:
        // one insured elsewhere loses the aid (鄢陵 特别提醒五), not the exemption (三).
        let aided_person = aided
            || (aid_excluded.is_some()
                && best_aid(policy, facts.categories, days, personal, Money::ZERO)
                    .is_some_and(|a| !a.amount.is_zero()));
        let exemption = policy
            .wait_exemptions
            .iter()
            .position(|w| fits(w.kind, w.within, facts, aided_person, paid_on));
        let own = |c: CoverStart| cover_start(c, paid_on, facts.birth, year_start, year_end);
        let continuity = ctx
            .continuity(policy)
            .map(|c| self.waits(&c, tier, aided, exemption));
        let (start, cover) = match (continuity, tier.cover, exemption) {
            (Some(c), _, _) => (c.start, Cover::Continuity),
            (None, CoverStart::BenefitStart, _) => (Some(year_start), Cover::FullYear),
            // An exemption waives the tier's terms; it never makes cover later than them.
            (None, c, Some(i)) => {
                let by_tier = own(c);
                let by_exemption = policy.wait_exemptions.get(i).and_then(|w| own(w.cover));
                match (by_tier, by_exemption) {
                    (Some(t), e) if e.is_none_or(|e| t < e) => (Some(t), Cover::Tier(c)),
                    (_, e) => (e, Cover::Exempted(i)),
                }
            }
            (None, c, None) => (own(c), Cover::Tier(c)),
        };
        let start = start.map(|s| s.max(facts.birth)).filter(|s| *s <= year_end);
        // 国办发〔2024〕38号 exempts newborns from the waits ("除新生儿等特殊群体外") without
        // saying until when one is a newborn, and a policy without a newborn rule of its own
        // does not say either: for a child under one (未满1周岁) on the payment day who would
        // wait, the cover date is unknown, never the adult's wait.
        let newborn_unstated = policy.newborns.is_empty()
            && continuity.is_some_and(|c| c.exemption.is_none() && c.wait_months > 0)
            && facts
                .birth
                .checked_add_months(chrono::Months::new(12))
                .is_some_and(|first_birthday| paid_on < first_birthday);
        let start = start.filter(|_| !newborn_unstated);
        Outcome {
            tier: tier_index,
            newborn: None,
            group,
            grade,
            payer,
            payer_exempted: exempt_from_payer,
            total: personal + fiscal,
            personal_standard: personal,
            fiscal_share,
            prior_year: Money::ZERO,
            fiscal_subsidy,
            aid: aid.filter(|a| !a.amount.is_zero()),
            aid_excluded,
            personal_due: personal - aid_total + fiscal_share,
            benefit_start: start,
            benefit_end: start.map(|_| year_end),
            cover,
            cover_unknown: cover.unknown(policy) || newborn_unstated,
            newborn_unstated,
            continuity,
            cap_raise: None,
        }
    }

    /// The national continuity waits for a payment in `tier`: the exemption found (the
    /// national list first, then the region's), the tier's own terms where the file says
    /// they hold, and the region's own start for its exemption.
    fn waits(
        &self,
        c: &ContinuityParams,
        tier: &Tier,
        aided: bool,
        exemption: Option<usize>,
    ) -> ContinuityOutcome {
        let Paying {
            policy,
            facts,
            paid_on,
            year_start,
            year_end,
            personal,
            ..
        } = *self;
        let own = |c: CoverStart| cover_start(c, paid_on, facts.birth, year_start, year_end);
        // The national list first, then the region's own exemptions.
        let kind = c
            .exemptions
            .iter()
            .flatten()
            .copied()
            .find(|k| fits(*k, Some(c.employee_switch_within), facts, aided, paid_on))
            .or_else(|| {
                exemption
                    .and_then(|i| policy.wait_exemptions.get(i))
                    .map(|w| w.kind)
            });
        // The tier's own terms replace the national fixed wait where the file says so.
        let local = matches!(
            tier.continuity,
            Some(ContinuityTerms::Tier | ContinuityTerms::TierIfContinuous)
        )
        .then(|| own(tier.cover));
        let only_continuous = tier.continuity == Some(ContinuityTerms::TierIfContinuous);
        // The region's own rule for the exemption found, where it has one, says when its
        // cover starts (铜仁 2026: 职工医保转居民医保 … 缴费当月即可享受): the national
        // list only says who is exempt.
        let exempt_start = exemption
            .and_then(|i| policy.wait_exemptions.get(i))
            .filter(|w| Some(w.kind) == kind)
            .map(|w| own(w.cover));
        continuity::wait(
            c,
            facts,
            policy.benefit_year,
            year_start,
            paid_on,
            tier.cover == CoverStart::BenefitStart,
            kind,
            personal,
            local,
            only_continuous,
            exempt_start,
        )
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::policy::{Cite, DayRange, PaymentDays};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn several_ranges_of_payment_days_in_one_period() {
        // Days 1–10 and 20–25 of each month, 2023-09-01..2023-12-25 (worked by hand).
        let mut p = crate::policy::parse_policy(
            "b",
            crate::policy::builtin_text("140400-2024.toml").unwrap(),
        )
        .unwrap();
        let t = &mut p.tiers[0];
        t.payment_days = Some(PaymentDays {
            from: 1,
            to: 10,
            also: vec![DayRange { from: 20, to: 25 }],
            cite: Cite {
                clause: "x".into(),
                document: None,
                text: None,
                json: Default::default(),
            },
            assume: None,
        });
        let t = &p.tiers[0];
        assert!(is_payment_day(t, d(2023, 10, 10)));
        assert!(!is_payment_day(t, d(2023, 10, 11)));
        assert!(is_payment_day(t, d(2023, 10, 20)));
        assert!(!is_payment_day(t, d(2023, 10, 26)));
        let next = |date| next_payment_day_in(t, t.to, date);
        assert_eq!(next(d(2023, 10, 11)), Some(d(2023, 10, 20)));
        assert_eq!(next(d(2023, 10, 26)), Some(d(2023, 11, 1)));
        assert_eq!(next(d(2023, 10, 22)), Some(d(2023, 10, 22)));
        assert_eq!(t.payment_days.as_ref().unwrap().describe(), "1–10, 20–25");
    }
}
