//! Property tests over random *valid policy files* (issue #5): a strategy builds
//! [`yibao::Policy`] values that are valid by construction, serialises them with
//! `toml::to_string` and loads the text with [`Engine::load_policy`], so the strict parser
//! and the semantic validation run on every one. Then random persons and dates near the
//! payment periods go through every operation, and the answers are checked against an
//! oracle written here from the policy's rules (design.md), independently of the engine.
//!
//! Budget: the whole file runs in well under 20 s in debug on 2 cores; the case counts
//! are the constants `CASES_*` below.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::{Datelike, Days, Months, NaiveDate};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestError, TestRunner};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use yibao::policy::{
    AidExclusion, AidPart, AidRule, Cite, Contact, ContactKind, ContinuityTerms, CoverStart,
    Exemption, Fact, FundingSource, Grant, GroupStandard, HouseholdRule, NewbornCharge,
    NewbornRule, Note, Payer, PaymentDays, Policy, PriorYear, RefundAmount, RefundReason,
    RefundRule, RefundWhen, Target, Tier, WaitExemption,
};
use yibao::{Category, Engine, Money, Period, Person, Quote, QuoteRequest, WindowRequest};

const CASES_VALIDATE: u32 = 256;
const CASES_ORACLE: u32 = 160;
const CASES_MONOTONE: u32 = 128;
const CASES_WINDOW: u32 = 160;
/// Persons × dates tried on each generated policy.
const PAIRS: usize = 10;

// ------------------------------------------------------------------------------------
// Small helpers

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn plus(date: NaiveDate, n: i64) -> NaiveDate {
    if n >= 0 {
        date + Days::new(n as u64)
    } else {
        date - Days::new(n.unsigned_abs())
    }
}

fn fen(n: i64) -> Money {
    Money::from_fen(n)
}

fn fen_of(m: Money) -> i64 {
    m.fen().unwrap()
}

fn cite(clause: &str) -> Cite {
    Cite {
        clause: clause.into(),
        document: None,
        text: None,
        json: Default::default(),
    }
}

/// Builds a struct from the JSON of its required fields, so that optional fields added
/// to the format later take their defaults here too; the test then sets what it varies.
fn build<T: DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v).unwrap()
}

/// Free text with characters a TOML writer must escape.
const TEXTS: &[&str] = &[
    "甲市",
    "乙县 \"引号\" 与 'apostrophe'",
    "第一行\n第二行",
    "制表\t符, 反\\斜杠",
    "# 不是注释 = [x]",
    "'''三引号''' \"\"\"引号\"\"\"",
    "🏥 医保 ✓",
    "一 two 三",
];

fn text(i: u8) -> String {
    TEXTS[usize::from(i) % TEXTS.len()].to_string()
}

fn cats_of(mask: u32) -> Vec<String> {
    Category::ALL
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, c)| c.id().to_string())
        .collect()
}

/// The national categories of ids (the generated policies declare none of their own).
fn national(ids: &[String]) -> Vec<Category> {
    ids.iter()
        .map(|id| id.parse::<Category>().unwrap())
        .collect()
}

// ------------------------------------------------------------------------------------
// The strategy: raw random values (`*Spec`), turned into a valid policy by `build_policy`
// (so proptest shrinks the raw values and the policy shrinks with them).

#[derive(Debug, Clone)]
struct TierSpec {
    /// 0: every day; 1: days 1–25 (长治); 2: `pd_a`..=`pd_b`.
    days: u8,
    pd_a: u32,
    pd_b: u32,
    personal_and_fiscal: bool,
    payer_exempt: u8,
    /// Cover: 0 the whole year; 1 after days; 2 after months; 3 after an unstated wait;
    /// 4 the payment day; 5 the day after payment; 6 the next month.
    wait: u8,
    wait_n: u32,
    aid: bool,
    advise: Option<u32>,
    name: u8,
}

fn tier_spec() -> impl Strategy<Value = TierSpec> {
    (
        prop_oneof![Just(0u8), Just(1u8), Just(1u8), Just(2u8)],
        1u32..=31,
        1u32..=31,
        any::<bool>(),
        0u8..8,
        0u8..8,
        prop_oneof![0u32..=120, 0u32..=731],
        prop::bool::weighted(0.8),
        prop::option::of(0u32..=1000),
        any::<u8>(),
    )
        .prop_map(
            |(days, pd_a, pd_b, pf, payer_exempt, wait, wait_n, aid, advise, name)| TierSpec {
                days,
                pd_a,
                pd_b,
                personal_and_fiscal: pf,
                payer_exempt,
                wait,
                wait_n,
                aid,
                advise,
                name,
            },
        )
}

/// Where the payment periods lie.
#[derive(Debug, Clone)]
enum Layout {
    /// 1–3 periods at random offsets (days from 1 January of the year before the benefit
    /// year); the flags snap the first to that day and the last to 31 December.
    Random {
        cuts: BTreeSet<u32>,
        snap_start: bool,
        snap_end: bool,
    },
    /// Shapes of real notices: 0 a window in the autumn before and a late tier to the
    /// year's end (长治); 1 a window across the new year; 2 a window in the benefit year
    /// itself (凌源); 3 window, first half, second half (牡丹江).
    Real { kind: u8, a: u32, b: u32 },
}

fn layout() -> impl Strategy<Value = Layout> {
    prop_oneof![
        (1usize..=3)
            .prop_flat_map(|n| prop::collection::btree_set(0u32..731, 2 * n))
            .prop_flat_map(|cuts| (Just(cuts), any::<bool>(), any::<bool>()))
            .prop_map(|(cuts, snap_start, snap_end)| Layout::Random {
                cuts,
                snap_start,
                snap_end
            }),
        (0u8..4, 0u32..60, 0u32..60).prop_map(|(kind, a, b)| Layout::Real { kind, a, b }),
    ]
}

#[derive(Debug, Clone)]
struct AidSpec {
    cats: BTreeSet<usize>,
    /// 0 full, 1 fixed, 2 percent, 3 personal share.
    grant: u8,
    permille: u32,
    percent: u32,
    source: u8,
    /// A condition on age: (at least, else under; the age; the day it is taken on).
    age: Option<(bool, u32, u8)>,
    /// A second share, the rest in full, from this source.
    also: Option<u8>,
    /// Computed on the standard of this grade (its index modulo the policy's grades), where
    /// the policy has grades (`against_grade`).
    against: Option<u8>,
}

fn aid_spec() -> impl Strategy<Value = AidSpec> {
    (
        prop::collection::btree_set(0usize..19, 1..=3),
        0u8..4,
        prop_oneof![Just(0u32), Just(1000u32), 0u32..=1000],
        prop_oneof![Just(0u32), Just(100u32), 0u32..=100],
        0u8..4,
        prop::option::weighted(
            0.3,
            (
                any::<bool>(),
                prop_oneof![0u32..=3, 16u32..=20, 58u32..=62, 0u32..=120],
                0u8..3,
            ),
        ),
        prop::option::weighted(0.2, 0u8..4),
        prop::option::weighted(0.5, 0u8..3),
    )
        .prop_map(
            |(cats, grant, permille, percent, source, age, also, against)| AidSpec {
                cats,
                grant,
                permille,
                percent,
                source,
                age,
                also,
                against,
            },
        )
}

const SOURCES: [FundingSource; 4] = [
    FundingSource::MedicalAssistance,
    FundingSource::DisabilityEmploymentSecurityFund,
    FundingSource::Government,
    FundingSource::CountyFinance,
];

const AGE_ON: [yibao::policy::AgeOn; 3] = [
    yibao::policy::AgeOn::BenefitStart,
    yibao::policy::AgeOn::BenefitEnd,
    yibao::policy::AgeOn::PaymentDay,
];

#[derive(Debug, Clone)]
struct NewbornSpec {
    /// 0: `within`; 1: `born_from`; 2: `born_from` and `born_to`; 3: `within` and `born_from`.
    cond: u8,
    within_months: bool,
    within_n: u32,
    born_from: u32,
    born_len: u32,
    /// 0: none; 1: from; 2: to; 3: both.
    reg: u8,
    reg_a: u32,
    reg_b: u32,
    same_year: bool,
    parent_insured: bool,
    free: bool,
    prior_fen: Option<i64>,
    cover: u8,
}

fn newborn_spec() -> impl Strategy<Value = NewbornSpec> {
    (
        (0u8..4, any::<bool>(), 0u32..=731, 0u32..731, 0u32..400),
        (0u8..4, 0u32..731, 0u32..731),
        (
            prop::bool::weighted(0.2),
            prop::bool::weighted(0.2),
            any::<bool>(),
            prop::option::of(0i64..=50_000),
            0u8..3,
        ),
    )
        .prop_map(
            |(
                (cond, within_months, within_n, born_from, born_len),
                (reg, reg_a, reg_b),
                (same_year, parent_insured, free, prior_fen, cover),
            )| NewbornSpec {
                cond,
                within_months,
                within_n,
                born_from,
                born_len,
                reg,
                reg_a,
                reg_b,
                same_year,
                parent_insured,
                free,
                prior_fen,
                cover,
            },
        )
}

#[derive(Debug, Clone)]
struct PolicySpec {
    region: u32,
    year: i32,
    personal_fen: i64,
    fiscal_fen: i64,
    layout: Layout,
    tiers: Vec<TierSpec>,
    /// (category index into [`GROUP_CATS`], personal fen, fiscal fen).
    groups: Vec<(usize, i64, i64)>,
    aid: Vec<AidSpec>,
    exclusion: bool,
    /// Bits: aided, transfer, employee_switch.
    exemptions: u8,
    switch_months: bool,
    switch_n: u32,
    newborns: Vec<NewbornSpec>,
    /// (reason, when, amount) indices.
    refunds: Vec<(usize, u8, u8)>,
    household: Option<bool>,
    published: Option<u32>,
    texts: (u8, u8, u8),
    contacts: u8,
    targets: Vec<u32>,
    /// 0: the national continuity waits as they are (from 2025); 1: `applies = false`;
    /// 2: the fixed wait changed to `fixed_wait` months.
    continuity: u8,
    fixed_wait: u32,
    /// Contribution grades (`[[grades]]`): (personal fen, fiscal fen if the grade's own).
    grades: Vec<(i64, Option<i64>)>,
}

const GROUP_CATS: &[Category] = &[
    Category::Student,
    Category::SevereDisability,
    Category::MonitoredAtRisk,
    Category::UnstableOutOfPoverty,
];

fn money_fen() -> impl Strategy<Value = i64> {
    prop_oneof![Just(0i64), Just(38_000i64), 0i64..=120_000]
}

fn policy_spec() -> impl Strategy<Value = PolicySpec> {
    (
        (
            0u32..1_000_000,
            2022i32..=2030,
            money_fen(),
            money_fen(),
            layout(),
        ),
        (
            prop::collection::vec(tier_spec(), 3),
            prop::collection::vec((0usize..GROUP_CATS.len(), money_fen(), money_fen()), 0..=2),
            prop::collection::vec(aid_spec(), 0..=4),
            any::<bool>(),
            0u8..8,
            any::<bool>(),
            0u32..=24,
        ),
        (
            prop::collection::vec(newborn_spec(), 0..=3),
            prop::collection::vec((0usize..4, 0u8..3, 0u8..2), 0..=4),
            prop::option::of(any::<bool>()),
            prop::option::of(0u32..1000),
            (any::<u8>(), any::<u8>(), any::<u8>()),
            0u8..3,
            prop::collection::vec(0u32..=100, 0..=2),
        ),
        (
            0u8..3,
            0u32..=6,
            prop_oneof![
                3 => Just(Vec::new()),
                2 => prop::collection::vec((money_fen(), prop::option::of(money_fen())), 1..=3),
            ],
        ),
    )
        .prop_map(
            |(
                (region, year, personal_fen, fiscal_fen, layout),
                (tiers, groups, aid, exclusion, exemptions, switch_months, switch_n),
                (newborns, refunds, household, published, texts, contacts, targets),
                (continuity, fixed_wait, grades),
            )| PolicySpec {
                region,
                year,
                personal_fen,
                fiscal_fen,
                layout,
                tiers,
                groups,
                aid,
                exclusion,
                exemptions,
                switch_months,
                switch_n,
                newborns,
                refunds,
                household,
                published,
                texts,
                contacts,
                targets,
                continuity,
                fixed_wait,
                grades,
            },
        )
}

/// First and last day any date of the policy may take: 1 January of the year before the
/// benefit year, 31 December of the benefit year.
fn bounds(year: i32) -> (NaiveDate, NaiveDate) {
    (d(year - 1, 1, 1), d(year, 12, 31))
}

/// A date `off` days after the earliest, kept inside the bounds.
fn at(year: i32, off: u32) -> NaiveDate {
    let (lo, hi) = bounds(year);
    plus(lo, i64::from(off)).min(hi)
}

/// The periods of a layout as (from, to), in order and disjoint.
fn periods(year: i32, layout: &Layout) -> Vec<(NaiveDate, NaiveDate)> {
    let (lo, hi) = bounds(year);
    let y0 = year - 1;
    match layout {
        Layout::Random {
            cuts,
            snap_start,
            snap_end,
        } => {
            let cuts: Vec<NaiveDate> = cuts.iter().map(|o| at(year, *o)).collect();
            let mut out: Vec<(NaiveDate, NaiveDate)> =
                cuts.chunks(2).map(|c| (c[0], c[1])).collect();
            // `at` clamps to the last day, so two cuts may meet there: drop such a period.
            out.dedup_by(|b, a| b.0 <= a.1);
            if *snap_start {
                out[0].0 = lo;
            }
            if *snap_end {
                let n = out.len();
                out[n - 1].1 = hi;
            }
            out
        }
        Layout::Real { kind, a, b } => match kind {
            0 => {
                let from = plus(d(y0, 9, 1), i64::from(a % 30));
                let to = plus(d(y0, 12, 20), i64::from(b % 12));
                vec![(from, to), (plus(to, 1), hi)]
            }
            1 => {
                let from = plus(d(y0, 10, 1), i64::from(*a));
                let to = plus(d(year, 1, 1), i64::from(*b));
                vec![(from, to), (plus(to, 1), hi)]
            }
            2 => {
                let from = plus(d(year, 1, 1), i64::from(a % 20));
                let to = plus(d(year, 2, 27), i64::from(*b));
                vec![(from, to)]
            }
            _ => {
                let from = plus(d(y0, 9, 1), i64::from(a % 30));
                let to = plus(d(y0, 12, 1), i64::from(b % 31));
                vec![
                    (from, to),
                    (plus(to, 1), d(year, 6, 30)),
                    (d(year, 7, 1), hi),
                ]
            }
        },
    }
}

fn build_policy(s: &PolicySpec) -> Policy {
    let year = s.year;
    let (lo, hi) = bounds(year);
    let region = format!("{:06}", s.region);
    let std_personal = fen(s.personal_fen);
    let mut p: Policy = build(json!({
        "id": format!("{region}-{year}"),
        "region_code": region,
        "region_name": text(s.texts.0),
        "benefit_year": year,
        "title": format!("关于{}城乡居民医保缴费的通知 {}", text(s.texts.1), text(s.texts.2)),
        "standard": {
            "personal": std_personal.to_string(),
            "fiscal": fen(s.fiscal_fen).to_string(),
            "cite": {"clause": "一、缴费标准"},
        },
        "tiers": [],
    }));
    p.issuer = Some(text(s.texts.2));
    p.published = s.published.map(|o| plus(lo, -i64::from(o)));

    // Group standards: one per category.
    let mut seen = BTreeSet::new();
    for (i, personal, fiscal) in &s.groups {
        let category = GROUP_CATS[*i];
        if seen.insert(category) {
            p.group_standards.push(GroupStandard {
                category: Some(category.id().to_string()),
                age: None,
                mask: Default::default(),
                personal: fen(*personal),
                fiscal: fen(*fiscal),
                cite: cite("二、学生标准"),
                assume: None,
            });
        }
    }

    // Wait exemptions.
    let switch_within = if s.switch_months {
        Period::Months(s.switch_n)
    } else {
        Period::Days(s.switch_n * 30)
    };
    for (bit, kind) in [
        (1, Exemption::Aided),
        (2, Exemption::Transfer),
        (4, Exemption::EmployeeSwitch),
    ] {
        if s.exemptions & bit != 0 {
            p.wait_exemptions.push(WaitExemption {
                kind,
                within: (kind == Exemption::EmployeeSwitch).then_some(switch_within),
                cover: CoverStart::DayAfterPayment,
                cite: cite("四、待遇享受"),
                assume: None,
            });
        }
    }
    let has_switch = s.exemptions & 4 != 0;

    // Tiers.
    for (i, ((from, to), t)) in periods(year, &s.layout)
        .into_iter()
        .zip(&s.tiers)
        .enumerate()
    {
        let mut tier: Tier = build(json!({
            "id": format!("t{i}"),
            "name": text(t.name),
            "from": from.to_string(),
            "to": to.to_string(),
            "cite": {"clause": format!("三、缴费期 {i}"), "text": text(t.name)},
        }));
        tier.payment_days = match t.days {
            0 => None,
            1 => Some(PaymentDays {
                from: 1,
                to: 25,
                also: Vec::new(),
                cite: cite("三、每月1-25日"),
                assume: None,
            }),
            _ => Some(PaymentDays {
                from: t.pd_a.min(t.pd_b),
                to: t.pd_a.max(t.pd_b),
                also: Vec::new(),
                cite: cite("三、缴费日"),
                assume: Some(text(t.name).into()),
            }),
        };
        tier.payer = if t.personal_and_fiscal {
            Payer::PersonalAndFiscal
        } else {
            Payer::Personal
        };
        if t.personal_and_fiscal {
            for (bit, kind) in [
                (1, Exemption::Aided),
                (2, Exemption::Transfer),
                (4, Exemption::EmployeeSwitch),
            ] {
                if t.payer_exempt & bit != 0 && (kind != Exemption::EmployeeSwitch || has_switch) {
                    tier.payer_exempt.push(kind);
                }
            }
        }
        tier.cover = match t.wait {
            0 => CoverStart::BenefitStart,
            1 => CoverStart::After(Period::Days(t.wait_n)),
            2 => CoverStart::After(Period::Months(t.wait_n % 25)),
            3 => CoverStart::AfterUnstatedWait,
            4 => CoverStart::PaymentDay,
            5 => CoverStart::DayAfterPayment,
            6 => CoverStart::NextMonth,
            _ => CoverStart::MonthsFromPaymentMonth(t.wait_n % 13),
        };
        tier.aid = t.aid;
        let len = (to - from).num_days();
        tier.advise_by = t.advise.map(|pm| plus(from, len * i64::from(pm) / 1000));
        p.tiers.push(tier);
    }

    // Grades the resident chooses, each with its citation.
    for (i, (personal, fiscal)) in s.grades.iter().enumerate() {
        p.grades.push(build(json!({
            "id": format!("grade_{i}"),
            "name": format!("{}档", i + 1),
            "personal": fen(*personal).to_string(),
            "fiscal": fiscal.map(|f| fen(f).to_string()),
            "cite": {"clause": "一、缴费档次"},
        })));
    }
    let cheapest_grade = p.grades.iter().map(|g| g.personal).min();

    // Aid, each grant at most the ceiling validation computes: the general personal
    // standard, that of every group the rule names and the cheapest grade.
    for a in &s.aid {
        let categories: Vec<Category> = a.cats.iter().map(|i| Category::ALL[*i]).collect();
        let ceiling = p
            .group_standards
            .iter()
            .filter(|g| {
                let gc: Category = g.category.as_deref().unwrap().parse().unwrap();
                categories.iter().any(|r| r.includes(gc) || gc.includes(*r))
            })
            .map(|g| g.personal)
            .chain(cheapest_grade)
            .fold(std_personal, Money::min);
        let amount = fen(fen_of(ceiling) * i64::from(a.permille) / 1000);
        let grant = match a.grant {
            0 => Grant::Full,
            1 => Grant::Fixed(amount),
            2 => Grant::Percent(yibao::policy::Percentage::whole(a.percent)),
            _ => Grant::PersonalShare(amount),
        };
        let source = SOURCES[usize::from(a.source)];
        p.aid.push(AidRule {
            categories: categories.iter().map(|c| c.id().to_string()).collect(),
            mask: Default::default(),
            with: Vec::new(),
            with_masks: Default::default(),
            age: a.age.map(|(at_least, n, on)| yibao::policy::AgeCondition {
                at_least: at_least.then_some(n),
                under: (!at_least).then_some(n),
                on: AGE_ON[usize::from(on)],
            }),
            recognized_by: None,
            also: a
                .also
                .map(|s| AidPart {
                    grant: Grant::Full,
                    source: SOURCES[usize::from(s)],
                })
                .into_iter()
                .collect(),
            grant,
            source,
            against_grade: a
                .against
                .filter(|_| !s.grades.is_empty())
                .map(|k| format!("grade_{}", usize::from(k) % s.grades.len())),
            against: Default::default(),
            cite: cite("五、资助"),
            assume: None,
            rule_name: Default::default(),
        });
    }
    if s.exclusion {
        p.aid_exclusions.push(AidExclusion {
            fact: Fact::InsuredElsewhere,
            cite: cite("五、资助（已在外地参保）"),
            assume: None,
        });
    }

    // Newborns: always a condition on birth (validation requires one).
    for (i, n) in s.newborns.iter().enumerate() {
        let within = if n.within_months {
            Period::Months(n.within_n % 25)
        } else {
            Period::Days(n.within_n)
        };
        let born_from = at(year, n.born_from);
        let cover = ["birth", "birth_in_benefit_year", "benefit_start"][usize::from(n.cover)];
        let mut rule: NewbornRule = build(json!({
            "id": format!("n{i}"),
            "name": "新生儿",
            "charge": if n.free { "free" } else { "standard" },
            "cover": cover,
            "cite": {"clause": "一、新生儿"},
        }));
        rule.within = matches!(n.cond, 0 | 3).then_some(within);
        rule.born_from = matches!(n.cond, 1..=3).then_some(born_from);
        rule.born_to = (n.cond == 2).then(|| plus(born_from, i64::from(n.born_len)).min(hi));
        let (ra, rb) = (
            at(year, n.reg_a.min(n.reg_b)),
            at(year, n.reg_a.max(n.reg_b)),
        );
        rule.registered_from = matches!(n.reg, 1 | 3).then_some(ra);
        rule.registered_to = matches!(n.reg, 2 | 3).then_some(rb);
        rule.same_year = n.same_year;
        rule.parent_insured = n.parent_insured;
        if !n.free {
            rule.prior_year = n.prior_fen.map(|f| PriorYear {
                year: year - 1,
                personal: fen(f),
                // Given, so that a year the national table lacks loads too.
                fiscal: Some(fen(f * 2)),
                fiscal_national: None,
            });
        }
        p.newborns.push(rule);
    }

    // Refunds: one rule per reason.
    let mut reasons = BTreeSet::new();
    for (r, when, amount) in &s.refunds {
        if reasons.insert(*r) {
            p.refunds.push(RefundRule {
                reason: RefundReason::ALL[*r],
                when: [
                    RefundWhen::Any,
                    RefundWhen::BeforeBenefit,
                    RefundWhen::Never,
                ][usize::from(*when)],
                amount: [RefundAmount::Paid, RefundAmount::Excess][usize::from(*amount)],
                not_before: None,
                handled_by: None,
                cite: cite("六、退费"),
                assume: None,
            });
        }
    }
    p.household = s.household.map(|whole| HouseholdRule {
        whole,
        cite: cite("七、以户参保"),
        assume: Some("整户".into()),
    });
    for i in 0..s.contacts {
        p.contacts.push(Contact {
            kind: [
                ContactKind::Channel,
                ContactKind::Bank,
                ContactKind::ServicePoint,
                ContactKind::Hotline,
            ][usize::from(i % 4)],
            name: text(i),
            area: Some(text(i + 1)),
            address: None,
            phone: Some("0355-12345678".into()),
            note: None,
        });
    }
    for (i, percent) in s.targets.iter().enumerate() {
        p.targets.push(Target {
            group: text(i as u8),
            percent: *percent,
            cite: cite("八、目标"),
        });
    }
    p.continuity = match s.continuity {
        0 => None,
        1 => Some(build(
            json!({"applies": false, "cite": {"clause": "不执行"}}),
        )),
        _ => Some(build(json!({"fixed_wait_months": s.fixed_wait}))),
    };
    // The national continuity rules replace a period's own cover where they are in force.
    if continuity_of(&p).is_some() {
        for t in &mut p.tiers {
            if t.cover != CoverStart::BenefitStart {
                t.continuity = Some(ContinuityTerms::National);
            }
        }
    }
    p.notes.push(Note {
        topic: "annual_cap".into(),
        text: text(s.texts.1).into(),
        cite: cite("九、其他"),
    });
    p
}

/// A generated policy as TOML, loaded into a fresh engine; a policy that does not
/// validate is a bug of the strategy (or of validation), so it fails the test.
fn load(p: &Policy) -> Result<Engine, TestCaseError> {
    let text = toml::to_string(p).map_err(|e| TestCaseError::fail(format!("toml: {e}")))?;
    let mut e = Engine::empty();
    match e.load_policy("generated.toml", &text) {
        Ok(id) if id == p.id => Ok(e),
        Ok(id) => Err(TestCaseError::fail(format!("loaded as {id}"))),
        Err(err) => Err(TestCaseError::fail(format!(
            "a generated policy does not validate: {}\n{text}",
            err.message()
        ))),
    }
}

// ------------------------------------------------------------------------------------
// Persons and dates

#[derive(Debug, Clone)]
struct PersonSpec {
    /// 0: newborn (0–120 days); 1: child; 2: anyone; 3: born on 29 February.
    age_kind: u8,
    age: u32,
    cats: u32,
    insured_elsewhere: bool,
    transfer: bool,
    parent_insured: bool,
    /// Days before the payment that employee insurance ended (negative: after).
    employee_ended: Option<i64>,
    use_id: bool,
    newly_aided: bool,
    /// The grade named where the policy has grades ([`graded`]).
    grade: u8,
}

fn person_spec() -> impl Strategy<Value = PersonSpec> {
    (
        0u8..4,
        0u32..36_500,
        prop_oneof![
            Just(0u32),
            (0usize..19).prop_map(|i| 1u32 << i),
            (0usize..19, 0usize..19).prop_map(|(a, b)| (1u32 << a) | (1 << b)),
            0u32..(1 << 19),
        ],
        prop::bool::weighted(0.15),
        prop::bool::weighted(0.2),
        any::<bool>(),
        prop::option::of(-30i64..800),
        prop::bool::weighted(0.2),
        prop::bool::weighted(0.1),
        any::<u8>(),
    )
        .prop_map(
            |(
                age_kind,
                age,
                cats,
                insured_elsewhere,
                transfer,
                parent_insured,
                employee_ended,
                use_id,
                newly_aided,
                grade,
            )| {
                PersonSpec {
                    age_kind,
                    age,
                    cats,
                    insured_elsewhere,
                    transfer,
                    parent_insured,
                    employee_ended,
                    use_id,
                    newly_aided,
                    grade,
                }
            },
        )
}

#[derive(Debug, Clone)]
struct DateSpec {
    tier: usize,
    /// 0: inside or near the tier; 1: its first day; 2: its last; 3: the day before;
    /// 4: the day after; 5: 29 February; 6: 31 December; 7: 1 January; 8: the last
    /// payment day of a month and 9: the day after it.
    kind: u8,
    off: u32,
}

fn date_spec() -> impl Strategy<Value = DateSpec> {
    (0usize..3, 0u8..10, 0u32..800).prop_map(|(tier, kind, off)| DateSpec { tier, kind, off })
}

fn date_for(p: &Policy, s: &DateSpec) -> NaiveDate {
    let t = &p.tiers[s.tier % p.tiers.len()];
    let len = (t.to - t.from).num_days() + 80;
    let y = p.benefit_year;
    let leap = [y - 1, y]
        .into_iter()
        .find_map(|yy| NaiveDate::from_ymd_opt(yy, 2, 29))
        .unwrap_or(t.from);
    match s.kind {
        0 => plus(t.from, i64::from(s.off) % len - 40),
        1 => t.from,
        2 => t.to,
        3 => plus(t.from, -1),
        4 => plus(t.to, 1),
        5 => leap,
        6 => d(y - 1, 12, 31),
        7 => d(y, 1, 1),
        k => {
            let base = plus(t.from, i64::from(s.off) % (len - 79));
            let last = t.payment_days.as_ref().map_or(25, |pd| pd.to);
            let day = NaiveDate::from_ymd_opt(base.year(), base.month(), last).unwrap_or(base);
            if k == 8 {
                day
            } else {
                plus(day, 1)
            }
        }
    }
}

fn person_for(s: &PersonSpec, paid_on: NaiveDate) -> Person {
    let birth = match s.age_kind {
        0 => plus(paid_on, -i64::from(s.age % 121)),
        1 => plus(paid_on, -i64::from(s.age % 6000)),
        2 => plus(paid_on, -i64::from(s.age)),
        _ => {
            // The latest 29 February on or before the payment.
            let mut y = paid_on.year();
            loop {
                if let Some(b) = NaiveDate::from_ymd_opt(y, 2, 29) {
                    if b <= paid_on {
                        break b;
                    }
                }
                y -= 1;
            }
        }
    };
    let id_number = (s.use_id && birth.year() >= 1901).then(|| {
        let first17 = format!("110105{}123", birth.format("%Y%m%d"));
        let mut digits = [0u8; 17];
        digits.copy_from_slice(first17.as_bytes());
        format!("{first17}{}", yibao::id::check_digit(&digits) as char)
    });
    Person {
        birth_date: if id_number.is_some() {
            None
        } else {
            Some(birth)
        },
        id_number,
        categories: cats_of(s.cats),
        insured_elsewhere: s.insured_elsewhere,
        transfer: s.transfer,
        parent_insured: s.parent_insured,
        employee_insurance_ended_on: s.employee_ended.map(|n| plus(paid_on, -n)),
        newly_aided: s.newly_aided,
        ..Person::default()
    }
}

/// The person naming a grade where the policy has grades: mostly one of them, at times
/// none (which only a group standard makes valid) or one the policy does not have.
fn graded(p: &Policy, s: &PersonSpec, mut person: Person) -> Person {
    let n = p.grades.len();
    if n > 0 {
        person.grade = match usize::from(s.grade) % (n + 2) {
            k if k < n => Some(format!("grade_{k}")),
            k if k == n && s.grade >= 128 => Some("grade_9".to_string()),
            _ => None,
        };
    }
    person
}

fn birth_of(p: &Person) -> NaiveDate {
    p.birth_date.unwrap_or_else(|| {
        yibao::id::parse(p.id_number.as_deref().unwrap(), None)
            .unwrap()
            .birth_date()
    })
}

// ------------------------------------------------------------------------------------
// The oracle: what the design and the policy's rules say, computed here.

fn includes(rule: Category, c: Category) -> bool {
    rule == c
        || (rule == Category::MonitoredAtRisk
            && matches!(
                c,
                Category::UnstableOutOfPoverty
                    | Category::MarginalAtRisk
                    | Category::SuddenHardship
            ))
}

/// (personal, fiscal, group index) for a person's categories: the first group standard
/// one of them falls under, else the general standard.
fn standard_of(p: &Policy, cats: &[Category]) -> (Money, Money, Option<usize>) {
    for (i, g) in p.group_standards.iter().enumerate() {
        if cats
            .iter()
            .any(|c| includes(g.category.as_deref().unwrap().parse().unwrap(), *c))
        {
            return (g.personal, g.fiscal, Some(i));
        }
    }
    (p.standard.personal, p.standard.fiscal, None)
}

/// What a grant gives against a personal standard, in fen.
fn grant_fen(g: Grant, personal: Money) -> i64 {
    let base = fen_of(personal);
    match g {
        Grant::Full => base,
        Grant::Fixed(m) => fen_of(m).min(base),
        // Half up to the fen (四舍五入); amounts are never negative.
        // Hundredths of a percent, exactly: half up to the fen.
        Grant::Percent(pc) => {
            let bp = i64::from(pc.hundredths());
            ((base * bp + 5_000) / 10_000).min(base)
        }
        Grant::PersonalShare(s) => (base - fen_of(s)).max(0),
    }
}

/// The single most favourable aid among the rules naming one of the person's categories
/// (ties: the rule listed first), as (rule, category, amount); None when it is zero.
/// Whether a person born on `birth` meets an age condition (the oracle's own counting:
/// the N-th birthday, 28 February for 29 February in a common year).
fn age_holds(a: &yibao::policy::AgeCondition, birth: NaiveDate, days: [NaiveDate; 3]) -> bool {
    let on = match a.on {
        yibao::policy::AgeOn::BenefitStart => days[0],
        yibao::policy::AgeOn::BenefitEnd => days[1],
        yibao::policy::AgeOn::PaymentDay => days[2],
    };
    let reached = |n: u32| {
        let y = birth.year() + i32::try_from(n).unwrap();
        NaiveDate::from_ymd_opt(y, birth.month(), birth.day()).unwrap_or_else(|| d(y, 2, 28))
    };
    a.at_least.is_none_or(|n| reached(n) <= on) && a.under.is_none_or(|n| reached(n) > on)
}

/// `days`: the benefit year's first and last day and the payment day, for age conditions.
fn best_aid(
    p: &Policy,
    cats: &[Category],
    birth: NaiveDate,
    days: [NaiveDate; 3],
    personal: Money,
    prior: Money,
) -> Option<(usize, Category, Money)> {
    let mut best: Option<(usize, Category, i64)> = None;
    for (i, rule) in p.aid.iter().enumerate() {
        let Some(c) = Category::ALL.iter().copied().find(|c| {
            cats.contains(c) && national(&rule.categories).iter().any(|r| includes(*r, *c))
        }) else {
            continue;
        };
        if rule.age.is_some_and(|a| !age_holds(&a, birth, days)) {
            continue;
        }
        // A second share of "the rest in full" makes the aid the whole base.
        let of = |base: Money| {
            if rule.also.is_empty() {
                grant_fen(rule.grant, base)
            } else {
                fen_of(base)
            }
        };
        // On the standard of the grade the rule names, never above the person's own.
        let mut amount = match rule
            .against_grade
            .as_deref()
            .and_then(|g| p.grades.iter().find(|x| x.id == g))
        {
            // With a second share (the rest in full), the shares add up to the grade's
            // whole standard, kept within the person's.
            Some(g) => of(g.personal).min(fen_of(personal)),
            None => of(personal),
        };
        if !prior.is_zero() {
            amount += of(prior);
        }
        if best.is_none_or(|b| amount > b.2) {
            best = Some((i, c, amount));
        }
    }
    best.filter(|b| b.2 > 0).map(|(i, c, a)| (i, c, fen(a)))
}

/// Where cover starts (the oracle's own reading of the vocabulary): never before birth,
/// not before the benefit year except from birth, none after it.
fn start_of(
    c: CoverStart,
    paid: NaiveDate,
    birth: NaiveDate,
    ys: NaiveDate,
    ye: NaiveDate,
) -> Option<NaiveDate> {
    let s = match c {
        CoverStart::BenefitStart => ys,
        CoverStart::PaymentDay => paid.max(ys),
        CoverStart::DayAfterPayment => plus(paid, 1).max(ys),
        CoverStart::NextMonth => {
            let (y, m) = if paid.month() == 12 {
                (paid.year() + 1, 1)
            } else {
                (paid.year(), paid.month() + 1)
            };
            d(y, m, 1).max(ys)
        }
        CoverStart::MonthsFromPaymentMonth(n) => {
            let months = paid.year() * 12 + i32::try_from(paid.month0() + n).unwrap();
            d(
                months.div_euclid(12),
                u32::try_from(months.rem_euclid(12)).unwrap() + 1,
                1,
            )
            .max(ys)
        }
        CoverStart::Birth => birth,
        CoverStart::BirthInBenefitYear => birth.max(ys),
        CoverStart::After(p) => plus(period_end(p, paid), 1).max(ys),
        CoverStart::AfterUnstatedWait => return None,
    };
    Some(s.max(birth)).filter(|s| *s <= ye)
}

/// The first birthday: the same day a year later (29 February: the 28th).
fn first_birthday(birth: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(birth.year() + 1, birth.month(), birth.day())
        .unwrap_or_else(|| d(birth.year() + 1, 2, 28))
}

fn period_end(p: Period, from: NaiveDate) -> NaiveDate {
    match p {
        Period::Days(n) => from + Days::new(u64::from(n)),
        Period::Months(n) => from.checked_add_months(Months::new(n)).unwrap(),
    }
}

fn within(p: Period, event: NaiveDate, date: NaiveDate) -> bool {
    date >= event && date <= period_end(p, event)
}

fn newborn_rule_matches(
    r: &NewbornRule,
    birth: NaiveDate,
    person: &Person,
    paid: NaiveDate,
) -> bool {
    r.born_from.is_none_or(|x| birth >= x)
        && r.born_to.is_none_or(|x| birth <= x)
        && r.registered_from.is_none_or(|x| paid >= x)
        && r.registered_to.is_none_or(|x| paid <= x)
        && r.within.is_none_or(|w| within(w, birth, paid))
        && (!r.same_year || paid.year() == birth.year())
        && (!r.parent_insured || person.parent_insured)
}

/// Whether a person fits an exemption kind; `limit` is the employee-switch period.
fn fits(
    kind: Exemption,
    limit: Option<Period>,
    person: &Person,
    aided: bool,
    paid: NaiveDate,
) -> bool {
    match kind {
        Exemption::Aided => aided,
        Exemption::Transfer => person.transfer,
        Exemption::EmployeeSwitch => match (person.employee_insurance_ended_on, limit) {
            (Some(ended), Some(w)) => within(w, ended, paid),
            _ => false,
        },
        Exemption::NewlyAided => person.newly_aided,
    }
}

fn switch_limit(p: &Policy) -> Option<Period> {
    p.wait_exemptions
        .iter()
        .find(|w| w.kind == Exemption::EmployeeSwitch)
        .and_then(|w| w.within)
}

/// The national continuity waits (国办发〔2024〕38号) in force for a policy, with its
/// changes; `None` before their first year or where the policy opts out.
fn continuity_of(p: &Policy) -> Option<yibao::national::Continuity> {
    let n = yibao::national::National::builtin().unwrap();
    if p.benefit_year < n.continuity.from_year {
        return None;
    }
    n.continuity.merged(p.continuity.as_ref())
}

#[derive(Debug, PartialEq)]
struct Expected {
    window: String,
    newborn: Option<String>,
    total: Money,
    personal_standard: Money,
    fiscal_share: Money,
    fiscal_subsidy: Money,
    aid: Option<(Category, FundingSource, Money)>,
    personal_due: Money,
    benefit_start: Option<NaiveDate>,
    benefit_end: Option<NaiveDate>,
}

/// The subtypes of 防贫监测对象.
const MONITORED_SUBTYPES: [Category; 3] = [
    Category::UnstableOutOfPoverty,
    Category::MarginalAtRisk,
    Category::SuddenHardship,
];

/// A person given as 防贫监测对象 is one of its subtypes: the answer is the subtypes'
/// common answer, or `ambiguous_category` when they differ (design.md, category families).
fn expected(p: &Policy, person: &Person, paid: NaiveDate) -> Result<Expected, &'static str> {
    let family = Category::MonitoredAtRisk;
    if !national(&person.categories).contains(&family) {
        return expected_one(p, person, paid);
    }
    let mut agreed: Option<Expected> = None;
    for sub in MONITORED_SUBTYPES {
        let mut one = person.clone();
        one.categories.retain(|c| c != family.id());
        one.categories.push(sub.id().to_string());
        let mut e = expected_one(p, &one, paid)?;
        if let Some(a) = e.aid.as_mut() {
            if a.0 == sub {
                a.0 = family;
            }
        }
        match &agreed {
            None => agreed = Some(e),
            Some(first) if *first == e => {}
            Some(_) => return Err("ambiguous_category"),
        }
    }
    Ok(agreed.unwrap())
}

fn expected_one(p: &Policy, person: &Person, paid: NaiveDate) -> Result<Expected, &'static str> {
    // A grade the policy does not have is refused before anything else is read.
    let grade = match &person.grade {
        Some(g) => Some(
            p.grades
                .iter()
                .find(|x| &x.id == g)
                .ok_or("invalid_grade")?,
        ),
        None => None,
    };
    let birth = birth_of(person);
    if birth > paid {
        return Err("birth_after_payment");
    }
    let (ys, ye) = (d(p.benefit_year, 1, 1), d(p.benefit_year, 12, 31));
    let tier = p.tiers.iter().find(|t| t.from <= paid && paid <= t.to);
    let newborn = p
        .newborns
        .iter()
        .find(|r| newborn_rule_matches(r, birth, person, paid))
        // No newborn registers for a benefit year that is over.
        .filter(|_| paid <= ye)
        .filter(|r| tier.is_some() || r.registered_from.is_some() || r.registered_to.is_some());
    if tier.is_none() && newborn.is_none() {
        return Err("no_window");
    }
    let cats = &national(&person.categories);
    // A group standard, else the grade named (its fiscal figure, or the standard's), else
    // the standard; where the policy has grades, one without a group must name one.
    let (personal, fiscal) = match (standard_of(p, cats), grade) {
        ((personal, fiscal, Some(_)), _) => (personal, fiscal),
        (_, Some(g)) => (g.personal, g.fiscal.unwrap_or(p.standard.fiscal)),
        (_, None) if !p.grades.is_empty() => return Err("invalid_grade"),
        ((personal, fiscal, None), None) => (personal, fiscal),
    };
    let excluded = person.insured_elsewhere && !p.aid_exclusions.is_empty();
    let aid_applies = !excluded && tier.is_none_or(|t| t.aid);
    let rule_line =
        |a: Option<(usize, Category, Money)>| a.map(|(i, c, m)| (c, p.aid[i].source, m));

    let e = if let Some(r) = newborn {
        let prior = r.prior_year.as_ref().map_or(Money::ZERO, |y| y.personal);
        let prior_fiscal = r
            .prior_year
            .as_ref()
            .and_then(|y| y.fiscal)
            .unwrap_or(Money::ZERO);
        let standard = r.charge == NewbornCharge::Standard;
        let (ps, fs) = if standard {
            (personal + prior, fiscal + prior_fiscal)
        } else {
            (Money::ZERO, Money::ZERO)
        };
        let aid = if aid_applies && standard {
            best_aid(p, cats, birth, [ys, ye, paid], personal, prior)
        } else {
            None
        };
        let aid_m = aid.map_or(Money::ZERO, |a| a.2);
        let start = start_of(r.cover, paid, birth, ys, ye);
        Expected {
            window: tier.map_or_else(|| format!("newborn.{}", r.id), |t| t.id.clone()),
            newborn: Some(r.id.clone()),
            total: ps + fs,
            personal_standard: ps,
            fiscal_share: Money::ZERO,
            fiscal_subsidy: fs,
            aid: rule_line(aid),
            personal_due: fen(fen_of(ps) - fen_of(aid_m)),
            benefit_start: start,
            benefit_end: start.map(|_| ye),
        }
    } else {
        let t = tier.unwrap();
        let aid = if aid_applies {
            best_aid(p, cats, birth, [ys, ye, paid], personal, Money::ZERO)
        } else {
            None
        };
        let aided = aid.is_some();
        let exempt_payer = t.payer == Payer::PersonalAndFiscal
            && t.payer_exempt
                .iter()
                .any(|k| fits(*k, switch_limit(p), person, aided, paid));
        // A late payer pays the fiscal share too, shown apart from the personal standard.
        let (share, fs) = if t.payer == Payer::PersonalAndFiscal && !exempt_payer {
            (fiscal, Money::ZERO)
        } else {
            (Money::ZERO, fiscal)
        };
        let ps = personal;
        // The wait exemption of the aided goes with who the person is: one insured
        // elsewhere loses the aid, not the exemption.
        let aided_person = aided
            || (excluded
                && best_aid(p, cats, birth, [ys, ye, paid], personal, Money::ZERO)
                    .is_some_and(|a| !a.2.is_zero()));
        let exempt_wait = p
            .wait_exemptions
            .iter()
            .any(|w| fits(w.kind, w.within, person, aided_person, paid));
        let own = start_of(t.cover, paid, birth, ys, ye);
        let start = match (continuity_of(p), t.cover) {
            // From 2025 (persons without a history: no break years): a fixed wait outside
            // the window, counted from the payment; the national exemptions, then the
            // region's.
            (Some(c), _) => {
                let exempt = exempt_wait
                    || c.exemptions
                        .iter()
                        .any(|k| fits(*k, Some(c.employee_switch_within), person, aided, paid));
                let whole_year = t.cover == CoverStart::BenefitStart;
                let months = if whole_year { 0 } else { c.fixed_wait_months };
                if whole_year {
                    // The window without a break: the whole year, as before 2025.
                    Some(ys)
                } else if exempt || months == 0 {
                    Some(plus(paid, 1).max(ys))
                } else if p.newborns.is_empty() && paid < first_birthday(birth) {
                    // A child under one would wait; the national rules exempt newborns and
                    // the policy says nothing of them: unknown.
                    None
                } else {
                    // Outside the window the wait runs from the payment, even one made
                    // before the benefit year (南通 2026); cover never before the year.
                    Some(plus(period_end(Period::Months(months), paid), 1).max(ys))
                }
            }
            (None, CoverStart::BenefitStart) => Some(ys),
            // An exemption (the day after payment) never makes cover later than the tier's.
            (None, _) if exempt_wait => {
                let e = Some(plus(paid, 1).max(ys).max(birth)).filter(|e| *e <= ye);
                match (own, e) {
                    (Some(t), Some(e)) if t < e => Some(t),
                    (Some(t), None) => Some(t),
                    (_, e) => e,
                }
            }
            (None, _) => own,
        }
        // Nobody is covered before birth.
        .map(|s| s.max(birth))
        .filter(|s| *s <= ye);
        let aid_m = aid.map_or(Money::ZERO, |a| a.2);
        Expected {
            window: t.id.clone(),
            newborn: None,
            total: personal + fiscal,
            personal_standard: ps,
            fiscal_share: share,
            fiscal_subsidy: fs,
            aid: rule_line(aid),
            personal_due: fen(fen_of(ps) - fen_of(aid_m) + fen_of(share)),
            benefit_start: start,
            benefit_end: start.map(|_| ye),
        }
    };
    // A newborn rule with registration dates of its own is not bound by the tier's days.
    let own_period =
        newborn.is_some_and(|r| r.registered_from.is_some() || r.registered_to.is_some());
    if !e.personal_due.is_zero() && !own_period {
        if let Some(pd) = tier.and_then(|t| t.payment_days.as_ref()) {
            if !(pd.from..=pd.to).contains(&paid.day()) {
                return Err("not_payment_day");
            }
        }
    }
    Ok(e)
}

fn as_expected(q: &Quote) -> Expected {
    Expected {
        window: q.window.id.to_string(),
        newborn: q.newborn.clone(),
        total: q.total,
        personal_standard: q.personal_standard,
        fiscal_share: q.fiscal_share_paid_by_person,
        fiscal_subsidy: q.fiscal_subsidy,
        // The aid as a whole: its category, its first source, the total of its lines.
        aid: q
            .aid
            .first()
            .map(|a| (a.category.parse().unwrap(), a.source, q.aid_total)),
        personal_due: q.personal_due,
        benefit_start: q.benefit_start,
        benefit_end: q.benefit_end,
    }
}

/// Whether payments are taken on `date` (oracle).
fn open_on(p: &Policy, date: NaiveDate) -> bool {
    p.tiers.iter().any(|t| {
        t.from <= date
            && date <= t.to
            && t.payment_days
                .as_ref()
                .is_none_or(|pd| (pd.from..=pd.to).contains(&date.day()))
    })
}

/// The first payment day on or after `date` (oracle: day by day).
fn next_open(p: &Policy, date: NaiveDate) -> Option<NaiveDate> {
    let last = p.tiers.last().unwrap().to;
    let mut x = date;
    while x <= last {
        if open_on(p, x) {
            return Some(x);
        }
        x = plus(x, 1);
    }
    None
}

fn quote(
    e: &Engine,
    p: &Policy,
    paid_on: NaiveDate,
    person: Person,
) -> Result<Quote, yibao::Error> {
    e.quote(&QuoteRequest {
        policy: p.id.clone(),
        paid_on,
        person,
        lang: yibao::Lang::Zh,
    })
}

/// Runs `f` on `cases` values of `strategy`; on failure, panics with the shrunk value.
fn check<S: Strategy>(cases: u32, strategy: S, f: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    match runner.run(&strategy, f) {
        Ok(()) => {}
        Err(TestError::Fail(why, value)) => panic!("{why}\nminimal input: {value:#?}"),
        Err(e) => panic!("{e}"),
    }
}

macro_rules! ensure {
    ($cond:expr, $($fmt:tt)+) => {
        if !$cond {
            return Err(TestCaseError::fail(format!($($fmt)+)));
        }
    };
}

// ------------------------------------------------------------------------------------
// The properties

#[test]
fn generated_policies_validate_and_round_trip() {
    check(CASES_VALIDATE, policy_spec(), |s| {
        let p = build_policy(&s);
        let e = load(&p)?;
        // What was loaded is what was written.
        let loaded = e.policy(&p.id).unwrap();
        ensure!(loaded == &p, "TOML round trip changed the policy");
        // And the `policy` operation gives the same policy as JSON.
        let answer = yibao::json::handle(&e, "policy", &json!({"policy": p.id}).to_string())
            .map_err(|e| TestCaseError::fail(e.to_json()))?;
        let back: Policy = serde_json::from_str(&answer).unwrap();
        ensure!(back == p, "JSON round trip changed the policy");
        Ok(())
    });
}

static NEWBORN_QUOTES: AtomicUsize = AtomicUsize::new(0);
static AIDED_QUOTES: AtomicUsize = AtomicUsize::new(0);
static GRADED_QUOTES: AtomicUsize = AtomicUsize::new(0);
/// Quotes aided by a rule computed on another grade's standard (`against_grade`).
static AGAINST_GRADE_QUOTES: AtomicUsize = AtomicUsize::new(0);

#[test]
fn quotes_follow_the_rules_and_every_operation_answers() {
    let pairs = prop::collection::vec((person_spec(), date_spec()), PAIRS);
    check(CASES_ORACLE, (policy_spec(), pairs), |(s, pairs)| {
        let p = build_policy(&s);
        let e = load(&p)?;
        for (ps, ds) in &pairs {
            let paid = date_for(&p, ds);
            let person = graded(&p, ps, person_for(ps, paid));
            let got = quote(&e, &p, paid, person.clone());
            let want = expected(&p, &person, paid);
            match (&got, &want) {
                (Ok(q), Ok(w)) => {
                    // The shares add up and the due is bounded.
                    ensure!(
                        q.personal_due + q.aid_total + q.fiscal_subsidy == q.total,
                        "shares do not add up: {q:?}"
                    );
                    let asked = q.personal_standard + q.fiscal_share_paid_by_person;
                    ensure!(
                        q.personal_due + q.aid_total == asked,
                        "due + aid != standard + fiscal share: {q:?}"
                    );
                    ensure!(q.personal_due <= asked, "due above what is asked");
                    ensure!(
                        q.aid_total <= q.personal_standard,
                        "aid above the personal standard: {q:?}"
                    );
                    // One aid (never stacked), one line per funding source of it.
                    ensure!(
                        q.aid.windows(2).all(|w| w[0].category == w[1].category),
                        "aid stacked: {:?}",
                        q.aid
                    );
                    ensure!(
                        q.aid.iter().map(|a| a.amount).sum::<Money>() == q.aid_total,
                        "aid_total is not the sum of the aid"
                    );
                    if let (Some(a), Some(b)) = (q.benefit_start, q.benefit_end) {
                        ensure!(a <= b, "cover starts {a} after it ends {b}");
                    }
                    ensure!(
                        q.benefit_start.is_some() == q.benefit_end.is_some(),
                        "cover dates are both set or both null"
                    );
                    if q.benefit_start.is_none() {
                        ensure!(!q.warnings.is_empty(), "no cover without a warning");
                    }
                    // The oracle: the highest single aid, payer terms, Civil Code cover.
                    let got = as_expected(q);
                    ensure!(
                        &got == w,
                        "paid {paid}, person {person:?}\n engine {got:?}\n oracle {w:?}"
                    );
                    if q.newborn.is_some() {
                        NEWBORN_QUOTES.fetch_add(1, Ordering::Relaxed);
                    }
                    if !q.aid.is_empty() {
                        AIDED_QUOTES.fetch_add(1, Ordering::Relaxed);
                    }
                    if q.grade.is_some() {
                        GRADED_QUOTES.fetch_add(1, Ordering::Relaxed);
                    }
                    // The rule applied is the first aid rule cited (`aid[i]`).
                    let applied = q.citations.iter().find_map(|c| {
                        c.rule
                            .strip_prefix("aid[")?
                            .strip_suffix(']')?
                            .parse::<usize>()
                            .ok()
                    });
                    if !q.aid.is_empty()
                        && applied.is_some_and(|i| p.aid[i].against_grade.is_some())
                    {
                        AGAINST_GRADE_QUOTES.fetch_add(1, Ordering::Relaxed);
                    }
                }
                (Err(g), Err(w)) => {
                    ensure!(
                        g.code().as_str() == *w,
                        "paid {paid}: engine {g:?}, oracle {w}"
                    );
                }
                (g, w) => {
                    return Err(TestCaseError::fail(format!(
                        "paid {paid}, person {person:?}\n engine {:?}\n oracle {w:?}",
                        g.as_ref().map(as_expected)
                    )))
                }
            }

            // Every operation answers through the JSON entry point without panicking.
            let pj = serde_json::to_value(&person).unwrap();
            let id = &p.id;
            let reqs = [
                (
                    "quote",
                    json!({"policy": id, "paid_on": paid, "person": pj}),
                ),
                (
                    "household",
                    json!({"policy": id, "paid_on": paid, "members": [pj, {"birth_date": "1980-01-01"}, {"birth_date": "1990-01-01", "enrolling": false, "insured_elsewhere": ps.insured_elsewhere}]}),
                ),
                ("window", json!({"policy": id, "date": paid})),
                (
                    "id",
                    json!({"id_number": person.id_number.clone().unwrap_or_default(), "today": paid}),
                ),
                ("policy", json!({"policy": id})),
                ("policies", Value::Null),
            ];
            for (op, req) in reqs {
                let (ok, answer) = yibao::json::respond(&e, op, &req.to_string());
                let v: Value = serde_json::from_str(&answer).unwrap();
                ensure!(ok || v["error"]["code"].is_string(), "{op}: {answer}");
                if op == "household" && ok {
                    let total: Money = v["members"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .filter(|m| !m.is_null())
                        .map(|m| {
                            m["personal_due"]
                                .as_str()
                                .unwrap()
                                .parse::<Money>()
                                .unwrap()
                        })
                        .sum();
                    ensure!(
                        v["personal_due_total"]
                            .as_str()
                            .unwrap()
                            .parse::<Money>()
                            .unwrap()
                            == total,
                        "household total is not the sum: {answer}"
                    );
                }
                if op == "household" && !ok {
                    let code = v["error"]["code"].as_str().unwrap();
                    let whole = p.household.as_ref().is_some_and(|h| h.whole);
                    if code == "household_incomplete" {
                        ensure!(
                            whole && !ps.insured_elsewhere,
                            "household_incomplete: {answer}"
                        );
                    }
                }
            }
            // Refunds: never more than was paid; refundable exactly when the amount is
            // above zero; a reason without a rule (or ruled out) refunds nothing.
            for reason in RefundReason::ALL {
                let paid_amount = fen(i64::from(ds.off) * 100);
                let req = yibao::RefundRequest {
                    policy: id.clone(),
                    person: person.clone(),
                    payment: yibao::Payment {
                        paid_on: paid,
                        amount: paid_amount,
                    },
                    reason: *reason,
                    event_on: plus(paid, i64::from(ds.off % 400) - 30),
                    lang: yibao::Lang::En,
                };
                if let Ok(r) = e.refund(&req) {
                    ensure!(r.amount <= paid_amount, "refund above the payment: {r:?}");
                    // Refundable exactly when something is refunded; unknown only without
                    // a rule, where the notice's list is open.
                    ensure!(
                        r.refundable.unwrap_or(false) != r.amount.is_zero(),
                        "refundable flag: {r:?}"
                    );
                    let rule = p.refunds.iter().find(|x| x.reason == *reason);
                    if rule.is_none_or(|x| x.when == RefundWhen::Never) {
                        ensure!(r.refundable != Some(true), "refund without a rule: {r:?}");
                    }
                    if r.refundable.is_none() {
                        ensure!(
                            rule.is_none() && p.refunds_open.is_some(),
                            "unknown refund with a rule: {r:?}"
                        );
                    }
                }
            }
        }
        Ok(())
    });
    assert!(
        NEWBORN_QUOTES.load(Ordering::Relaxed) > 0,
        "no newborn quote was tried"
    );
    assert!(
        AIDED_QUOTES.load(Ordering::Relaxed) > 0,
        "no aided quote was tried"
    );
    assert!(
        GRADED_QUOTES.load(Ordering::Relaxed) > 0,
        "no quote with a grade was tried"
    );
    assert!(
        AGAINST_GRADE_QUOTES.load(Ordering::Relaxed) > 0,
        "no quote aided on another grade's standard was tried"
    );
}

#[test]
fn adding_a_category_never_raises_personal_due() {
    let cases = prop::collection::vec((person_spec(), date_spec(), 0usize..19), PAIRS);
    check(CASES_MONOTONE, (policy_spec(), cases), |(s, cases)| {
        let p = build_policy(&s);
        let e = load(&p)?;
        for (ps, ds, extra) in &cases {
            let paid = date_for(&p, ds);
            let before = graded(&p, ps, person_for(ps, paid));
            let mut after = before.clone();
            let c = Category::ALL[*extra];
            if !after.categories.iter().any(|x| x == c.id()) {
                after.categories.push(c.id().to_string());
            }
            // A category with a standard of its own (students) changes what is asked
            // before aid; the promise is about aid, so the standard must stay the same.
            if standard_of(&p, &national(&before.categories)).2
                != standard_of(&p, &national(&after.categories)).2
            {
                continue;
            }
            if let (Ok(a), Ok(b)) = (
                quote(&e, &p, paid, before.clone()),
                quote(&e, &p, paid, after),
            ) {
                ensure!(
                    b.personal_due <= a.personal_due,
                    "adding {c} raised the due from {} to {} (paid {paid}, {before:?})",
                    a.personal_due,
                    b.personal_due
                );
            }
        }
        Ok(())
    });
}

#[test]
fn a_later_payment_in_the_same_tier_never_gets_earlier_cover() {
    let cases = prop::collection::vec((person_spec(), date_spec(), 1u32..200), PAIRS);
    check(CASES_MONOTONE, (policy_spec(), cases), |(s, cases)| {
        let p = build_policy(&s);
        let e = load(&p)?;
        for (ps, ds, later) in &cases {
            let d1 = date_for(&p, ds);
            let d2 = plus(d1, i64::from(*later));
            let (Some(t1), Some(t2)) = (p.tier_on(d1), p.tier_on(d2)) else {
                continue;
            };
            if t1.0 != t2.0 {
                continue;
            }
            // The same person: facts fixed in time (employee insurance ended, if at all,
            // on or before the first payment).
            let mut person = graded(&p, ps, person_for(ps, d1));
            if let Some(ended) = person.employee_insurance_ended_on {
                person.employee_insurance_ended_on = Some(ended.min(d1));
            }
            let (Ok(a), Ok(b)) = (
                quote(&e, &p, d1, person.clone()),
                quote(&e, &p, d2, person.clone()),
            ) else {
                continue;
            };
            // A newborn rule replaces the tier's terms, and may start only later (its own
            // registration dates): compare like with like.
            if a.newborn != b.newborn {
                continue;
            }
            // A date the policy leaves unknown (a child under one without a newborn rule)
            // is no date to compare.
            let unknown = |q: &yibao::Quote| {
                q.warnings
                    .iter()
                    .any(|w| w.code == "newborn_terms_unstated")
            };
            if unknown(&a) || unknown(&b) {
                continue;
            }
            match (a.benefit_start, b.benefit_start) {
                (Some(x), Some(y)) => ensure!(
                    x <= y,
                    "paid {d1} covers from {x}, paid {d2} from {y} ({person:?})"
                ),
                (None, Some(y)) => {
                    return Err(TestCaseError::fail(format!(
                        "paid {d1}: no cover; paid {d2}: cover from {y}"
                    )))
                }
                _ => {}
            }
        }
        Ok(())
    });
}

static LEAP_DAYS: AtomicUsize = AtomicUsize::new(0);
static NEW_YEAR_CROSSINGS: AtomicUsize = AtomicUsize::new(0);
static DAY_25_26: AtomicUsize = AtomicUsize::new(0);

fn window_check(
    e: &Engine,
    p: &Policy,
    date: NaiveDate,
) -> Result<yibao::WindowStatus, TestCaseError> {
    let w = e
        .window(&WindowRequest {
            policy: p.id.clone(),
            date,
            lang: yibao::Lang::Zh,
        })
        .unwrap();
    let tier = p.tier_on(date).map(|(_, t)| t.id.clone());
    ensure!(
        w.window.as_ref().map(|x| x.id.to_string()) == tier,
        "{date}: window {:?}, expected {tier:?}",
        w.window
    );
    ensure!(w.open == open_on(p, date), "{date}: open {}", w.open);
    ensure!(w.payment_day == w.open, "{date}: payment_day != open");
    let next = next_open(p, date);
    ensure!(
        w.next_payment_day == next,
        "{date}: next payment day {:?}, expected {next:?}",
        w.next_payment_day
    );
    Ok(w)
}

#[test]
fn window_edges() {
    let adult = || Person {
        birth_date: Some(d(1980, 1, 1)),
        ..Person::default()
    };
    check(
        CASES_WINDOW,
        (policy_spec(), prop::collection::vec(0u32..800, 8)),
        |(s, offsets)| {
            let p = build_policy(&s);
            let e = load(&p)?;
            let first = p.tiers[0].from;
            let last = p.tiers.last().unwrap().to;
            // Every tier's first and last day are inside it.
            for t in &p.tiers {
                for day in [t.from, t.to] {
                    let w = window_check(&e, &p, day)?;
                    ensure!(
                        w.window.is_some_and(|x| x.id == t.id),
                        "{day} not in {}",
                        t.id
                    );
                }
            }
            // The day before the first period and the day after the last are not.
            for day in [plus(first, -1), plus(last, 1)] {
                let w = window_check(&e, &p, day)?;
                ensure!(
                    !w.open && w.window.is_none(),
                    "{day} is outside every period"
                );
                let q = quote(&e, &p, day, adult());
                ensure!(
                    q.as_ref().is_err_and(|e| e.code().as_str() == "no_window"),
                    "an adult paying on {day} (outside every period): {:?}",
                    q.map(|q| q.window)
                );
            }
            ensure!(
                window_check(&e, &p, plus(last, 1))?
                    .next_payment_day
                    .is_none(),
                "no payment day after the last period"
            );
            // The last payment day of each month and the day after it (25 and 26).
            for t in &p.tiers {
                let Some(pd) = &t.payment_days else { continue };
                let mut m = d(t.from.year(), t.from.month(), 1);
                while m <= t.to {
                    if let Some(day) = NaiveDate::from_ymd_opt(m.year(), m.month(), pd.to) {
                        let next = plus(day, 1);
                        if t.from <= day && next <= t.to && next.month() == day.month() {
                            ensure!(window_check(&e, &p, day)?.open, "{day} is a payment day");
                            ensure!(!window_check(&e, &p, next)?.open, "{next} is not");
                            let q = quote(&e, &p, next, adult());
                            let want = expected(&p, &adult(), next);
                            ensure!(
                                q.as_ref().err().map(|e| e.code().as_str())
                                    == want.as_ref().err().copied(),
                                "adult paying on {next}: {:?} vs oracle {want:?}",
                                q.map(|q| q.personal_due)
                            );
                            if pd.to == 25 {
                                DAY_25_26.fetch_add(1, Ordering::Relaxed);
                            }
                        }
                    }
                    m = m.checked_add_months(Months::new(1)).unwrap();
                }
            }
            // 29 February, and 31 December / 1 January, when a period holds them.
            for y in [p.benefit_year - 1, p.benefit_year] {
                if let Some(leap) = NaiveDate::from_ymd_opt(y, 2, 29) {
                    window_check(&e, &p, leap)?;
                    let q = quote(&e, &p, leap, adult());
                    let want = expected(&p, &adult(), leap);
                    let got = q.as_ref().ok().map(as_expected);
                    ensure!(
                        got.as_ref() == want.as_ref().ok(),
                        "29 February {y}: engine {got:?} oracle {want:?}"
                    );
                    if p.tier_on(leap).is_some() {
                        LEAP_DAYS.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
            let (eve, new_year) = (d(p.benefit_year - 1, 12, 31), d(p.benefit_year, 1, 1));
            let a = window_check(&e, &p, eve)?;
            let b = window_check(&e, &p, new_year)?;
            if let (Some(x), Some(y)) = (p.tier_on(eve), p.tier_on(new_year)) {
                if x.0 == y.0 {
                    ensure!(a.window == b.window, "31 Dec and 1 Jan in one period");
                    NEW_YEAR_CROSSINGS.fetch_add(1, Ordering::Relaxed);
                }
            }
            // And random days around the periods.
            for off in offsets {
                window_check(&e, &p, plus(first, i64::from(off) - 40))?;
            }
            Ok(())
        },
    );
    assert!(
        LEAP_DAYS.load(Ordering::Relaxed) > 0,
        "no period held a 29 February"
    );
    assert!(
        NEW_YEAR_CROSSINGS.load(Ordering::Relaxed) > 0,
        "no period crossed the new year"
    );
    assert!(
        DAY_25_26.load(Ordering::Relaxed) > 0,
        "no period had days 1-25"
    );
}

// ------------------------------------------------------------------------------------
// Findings: inputs the properties above led to, kept as plain tests.

fn engine_with(toml_text: &str) -> Result<Engine, yibao::Error> {
    let mut e = Engine::empty();
    e.load_policy("finding.toml", toml_text)?;
    Ok(e)
}

/// A policy with one window (2023-09-01..2023-12-31, benefit year 2024) and `extra`.
fn window_policy(year: i32, from: &str, to: &str, extra: &str) -> String {
    format!(
        r#"
id = "990300-{year}"
region_code = "990300"
region_name = "测试市"
benefit_year = {year}
title = "测试"

[standard]
personal = "380.00"
fiscal = "640.00"
cite = {{ clause = "一、标准" }}

[[tiers]]
id = "window"
name = "集中缴费期"
from = "{from}"
to = "{to}"
cite = {{ clause = "二、缴费期" }}
{extra}
"#
    )
}

fn quote_in(
    e: &Engine,
    policy: &str,
    paid_on: NaiveDate,
    person: Person,
) -> Result<Quote, yibao::Error> {
    e.quote(&QuoteRequest {
        policy: policy.into(),
        paid_on,
        person,
        lang: yibao::Lang::Zh,
    })
}

#[test]

fn a_newborn_rule_with_only_born_to_does_not_make_adults_newborns() {
    let text = window_policy(
        2024,
        "2023-09-01",
        "2023-12-31",
        r#"
[[newborns]]
id = "born_by_2024"
born_to = "2024-12-31"
charge = "free"
cover = "birth"
cite = { clause = "三、新生儿" }
"#,
    );
    // Either validation refuses the rule (the fix proposed), or an adult is not a newborn.
    let Ok(e) = engine_with(&text) else { return };
    let adult = Person {
        birth_date: Some(d(1980, 5, 1)),
        ..Person::default()
    };
    let q = quote_in(&e, "990300-2024", d(2023, 10, 10), adult).unwrap();
    assert_eq!(q.newborn, None, "a 43-year-old is treated as a newborn");
    assert_eq!(q.personal_due.to_string(), "380.00");
}

#[test]

fn a_newborn_registering_after_the_benefit_year_gets_no_inverted_cover() {
    let text = window_policy(
        2024,
        "2023-09-01",
        "2023-12-31",
        r#"
[[newborns]]
id = "within_90_days"
name = "新生儿"
within = { days = 90 }
registered_from = "2024-01-01"
charge = "standard"
cover = "birth"
cite = { clause = "三、新生儿" }
"#,
    );
    let e = engine_with(&text).unwrap();
    let baby = Person {
        birth_date: Some(d(2025, 3, 1)),
        ..Person::default()
    };
    // Paid in 2025 for the 2024 benefit year: no payment period holds the date.
    match quote_in(&e, "990300-2024", d(2025, 3, 10), baby) {
        Err(err) => assert_eq!(err.code().as_str(), "no_window"),
        Ok(q) => {
            if let (Some(s), Some(end)) = (q.benefit_start, q.benefit_end) {
                assert!(s <= end, "cover from {s} to {end}");
            }
        }
    }
}

#[test]

fn an_exemption_never_delays_cover() {
    // 凌源-like window inside the benefit year; the national continuity rules apply (2025).
    let text = window_policy(
        2025,
        "2025-01-01",
        "2025-03-31",
        r#"
[[wait_exemptions]]
kind = "transfer"
cite = { clause = "四、转移接续" }
"#,
    );
    let e = engine_with(&text).unwrap();
    let paid = d(2025, 2, 15);
    let plain = Person {
        birth_date: Some(d(1980, 5, 1)),
        ..Person::default()
    };
    let start = |p: Person| quote_in(&e, "990300-2025", paid, p).unwrap().benefit_start;
    let base = start(plain.clone());
    for exempt in [
        Person {
            transfer: true,
            ..plain.clone()
        },
        Person {
            newly_aided: true,
            ..plain.clone()
        },
    ] {
        let s = start(exempt.clone());
        assert!(
            s.is_some() && s <= base,
            "without an exemption cover starts {base:?}, with {exempt:?} it starts {s:?}"
        );
    }
}
