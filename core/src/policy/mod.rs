//! Policy files: one region × benefit year, written by policy analysts in TOML.
//!
//! # Design
//! A notice becomes data, never code: adding a region or a year is a new file. The format
//! is strict (every table denies unknown keys, so a misplaced key is an error with file,
//! line and column) and every rule carries its citation (`cite`) and, where the notice is
//! silent, the assumption made (`assume`), which every answer that used the rule repeats.
//! `docs/policy-format.md` is the reference; the built-in files live in `core/policies/`.

mod builtin;
mod categories;
mod lean;
mod lint;
pub mod packed;
mod parse;
pub(crate) mod prepared;
#[cfg(feature = "schema")]
mod schema;
mod texts;
mod validate;

pub use builtin::{builtin_text, BUILTIN};
pub use categories::{CategoryDecl, CategoryTable};
pub use lint::{lint, locate, Lint};
pub use parse::{parse_policy, read_toml, MAX_FILE_BYTES, MAX_NESTING, MAX_RULES};
pub use prepared::{PreparedReminder, TierRules};
#[cfg(feature = "schema")]
pub use schema::schema;

use crate::category::CategorySet;
use crate::dates::{iso, Period};
use crate::lang::{Lang, Text};
use crate::money::Money;
use crate::shared::SharedStr;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A whole policy file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// `<region code>-<benefit year>`, e.g. `140400-2024`.
    pub id: String,
    /// `id` as answers show it (made at load).
    #[serde(skip)]
    pub shared_id: Derived<Option<SharedStr>>,
    /// GB/T 2260 code of the region, six digits.
    pub region_code: String,
    /// Region name in Chinese, e.g. `长治市`.
    pub region_name: String,
    /// The calendar year the contributions buy cover for.
    pub benefit_year: i32,
    /// Title of the notice (the document of every citation that names no other).
    pub title: SharedStr,
    /// Who issued it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Document number, e.g. `凌医保发〔2022〕1号`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_number: Option<String>,
    /// Date of issue.
    #[serde(default, with = "iso::option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub published: Option<NaiveDate>,
    /// Set when no notice backs the file: why, in Chinese. Every quote then warns
    /// `policy_estimate` with it, and `policies` marks the policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimate: Option<Text>,
    /// The notice's clause saying that a person who meets several aid rules gets the most
    /// favourable one only (就高不就低，不重复资助); without it the answer states that reading
    /// as an assumption (`aid.highest`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aid_highest: Option<Cite>,
    /// Set when the file holds no (or not every) aid rule of its notice because that part
    /// was not read (a notice known only in part): why, in Chinese. A category without an
    /// aid rule is then unknown (`aid_unknown`, basis `unknown`), never "not aided".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Text>"))]
    pub aid_unknown: Option<Text>,
    /// Set when the notice's list of refund grounds is open ("因重复缴费等符合退费情形的"):
    /// a ground without a `[[refunds]]` rule is then unknown (`refundable: null`), not
    /// refused. Its citation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refunds_open: Option<Cite>,
    /// The notice's own names for funding sources (通河: `government = "政府"`); an answer
    /// shows them as `source_name`, the library's shared name otherwise.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub source_names: BTreeMap<FundingSource, Text>,
    /// The notice's own categories, and its own names for national ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<CategoryDecl>,
    /// The categories resolved into bits (built at load from `categories`).
    #[serde(skip)]
    pub table: Derived<CategoryTable>,
    /// The standard for everyone without a group standard.
    pub standard: Standard,
    /// Separate standards for groups (e.g. students).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub group_standards: Vec<GroupStandard>,
    /// Contribution grades the resident chooses (成年居民 400 / 520元两档): where a policy
    /// has them, a person without a group standard names one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grades: Vec<Grade>,
    /// Payment periods in date order: the collection window and any late tiers.
    pub tiers: Vec<Tier>,
    /// Aid rules; a person gets the single most favourable one (就高不就低, 不重复资助).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aid: Vec<AidRule>,
    /// Facts that take all aid away (鄢陵: insured elsewhere).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aid_exclusions: Vec<AidExclusion>,
    /// Who is exempt from a tier's wait.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wait_exemptions: Vec<WaitExemption>,
    /// Newborn rules, tried in order; the first that matches applies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub newborns: Vec<NewbornRule>,
    /// Refund rules, one per reason at most.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refunds: Vec<RefundRule>,
    /// Household enrolment rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub household: Option<HouseholdRule>,
    /// Payment channels, collecting banks, service points, hotlines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Contact>,
    /// Participation targets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<Target>,
    /// Changes to the national continuity waits (国办发〔2024〕38号), from their first year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub continuity: Option<crate::national::ContinuityOverride>,
    /// Changes to the national enrolment incentives (大病保险 cap raises).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incentives: Option<crate::national::IncentivesOverride>,
    /// A payment shows in the records after this many working days (长治: 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_visible_after: Option<WorkingDays>,
    /// What the notice tells a person in a situation (长治: 资助对象 choose 特殊缴费), said in
    /// every quote where the situation holds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reminders: Vec<Reminder>,
    /// Other stated facts no computation uses (benefit caps, processing times).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

/// The standard a person pays under: the figures and the rule they come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// 个人缴费标准.
    pub personal: Money,
    /// 财政补助标准.
    pub fiscal: Money,
    /// Index into `group_standards`, when a group standard applies.
    pub group: Option<usize>,
    /// Index into `grades`, when a grade applies.
    pub grade: Option<u8>,
}

/// State computed from the file at load ([`parse_policy`]), never read from or written to
/// it. It takes no part in equality: two policies are equal when their files say the
/// same. A `Policy` deserialized by other means than [`parse_policy`] lacks it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Derived<T>(pub T);

impl<T> PartialEq for Derived<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<T> Eq for Derived<T> {}

impl<T> std::ops::Deref for Derived<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// A citation: the clause of the notice (or of another document) a rule comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Cite {
    /// The clause, e.g. `二、缴费标准`.
    pub clause: SharedStr,
    /// Another document than the policy's notice, if the rule comes from one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<SharedStr>,
    /// The words of the clause, quoted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<SharedStr>,
    /// Its JSON in answers after the rule's name (`,"document":…,"clause":…,"text":…}`),
    /// made when first shown.
    #[serde(skip)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    pub json: Derived<crate::shared::KeptJson>,
}

/// Personal and fiscal standard per person and year. In a file, `national_year = N`
/// takes both figures (and the citation) from the national minimum of year N.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, try_from = "RawStandard")]
pub struct Standard {
    /// 个人缴费标准.
    pub personal: Money,
    /// 财政补助标准 (per capita).
    pub fiscal: Money,
    /// Where the figures come from.
    pub cite: Cite,
    /// Assumption, where the notice is silent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assume: Option<Text>,
    /// An assumption about the fiscal figure alone, where the notice states the personal
    /// standard but not the subsidy (凌源, 牡丹江).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fiscal_assume: Option<Text>,
    /// The national minimum year the figures were taken from (`national_year`), if any:
    /// the figures are then a national default, not the notice's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub national_year: Option<i32>,
    /// Set when the notice states the personal standard but not the fiscal subsidy and the
    /// file leaves `fiscal` out: the fiscal figure is then the national minimum of the
    /// benefit year (the one rule for every policy, docs/policy-format.md), cited to the
    /// national notice. Filled at load.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fiscal_national: Option<NationalFiscal>,
}

/// The national minimum fiscal subsidy a `[standard]` takes for its benefit year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NationalFiscal {
    /// The benefit year whose national minimum it is.
    pub year: i32,
    /// The national notice.
    pub cite: Cite,
}

/// A `[standard]` as written: figures, or a national year to inherit them from.
// `default`: a key left out is none, in a file and in the packed form alike (which reads a
// struct's fields in order and gives the default for one the writer skipped).
#[derive(Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
struct RawStandard {
    personal: Option<Money>,
    fiscal: Option<Money>,
    national_year: Option<i32>,
    cite: Option<Cite>,
    assume: Option<Text>,
    fiscal_assume: Option<Text>,
    fiscal_national: Option<NationalFiscal>,
}

impl TryFrom<RawStandard> for Standard {
    type Error = String;
    fn try_from(r: RawStandard) -> Result<Standard, String> {
        let national = match r.national_year {
            Some(year) => Some(
                crate::national::National::builtin()
                    .and_then(|n| n.standard(year).cloned())
                    .ok_or_else(|| format!("no national standard for {year}"))?,
            ),
            None => None,
        };
        let personal = r
            .personal
            .or(national.as_ref().map(|n| n.personal))
            .ok_or("missing field `personal` (or `national_year`)")?;
        // Without `fiscal` (and without `national_year`) the fiscal figure is the national
        // minimum of the benefit year, filled in at load (`validate::resolve`), which
        // knows the year; zero until then.
        let fiscal = r
            .fiscal
            .or(national.as_ref().map(|n| n.fiscal))
            .unwrap_or(Money::ZERO);
        let fiscal_national = match (&r.fiscal, &national) {
            (None, None) => Some(r.fiscal_national.unwrap_or(NationalFiscal {
                year: 0,
                cite: Cite {
                    clause: SharedStr::default(),
                    document: None,
                    text: None,
                    json: Derived::default(),
                },
            })),
            _ => r.fiscal_national,
        };
        let cite = r
            .cite
            .or(national.as_ref().map(|n| n.cite.clone()))
            .ok_or("missing field `cite`")?;
        // Figures written beside `national_year` must be that year's (a policy read back
        // from its JSON has both); anything else would hide which is the notice's.
        if let Some(n) = &national {
            if r.personal.is_some_and(|p| p != n.personal)
                || r.fiscal.is_some_and(|f| f != n.fiscal)
            {
                return Err(format!(
                    "`personal` and `fiscal` differ from the national minimum of {}: give the notice's figures or `national_year`, not both",
                    r.national_year.unwrap_or_default()
                ));
            }
        }
        let national_year = r.national_year;
        Ok(Standard {
            personal,
            fiscal,
            cite,
            assume: r.assume,
            fiscal_assume: r.fiscal_assume,
            national_year,
            fiscal_national,
        })
    }
}

/// A separate standard for one category (e.g. `student`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GroupStandard {
    /// The group (a category id, national or the policy's own); absent: everyone the
    /// `age` condition selects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// A condition on age (少儿 by age, 60周岁以上).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<AgeCondition>,
    /// The categories the standard applies to (built at load).
    #[serde(skip)]
    pub mask: Derived<CategorySet>,
    /// 个人缴费标准 of the group.
    pub personal: Money,
    /// 财政补助标准 of the group.
    pub fiscal: Money,
    /// Citation.
    pub cite: Cite,
    /// Assumption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assume: Option<Text>,
}

/// The day a condition on age is taken on: notices say 60周岁以上 without the day, so the
/// file names it (and says in `assume` that it chose).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AgeOn {
    /// The benefit year's 1 January.
    BenefitStart,
    /// The benefit year's 31 December.
    BenefitEnd,
    /// The payment day.
    PaymentDay,
}

/// A condition on age (周岁) on a reference day: `age = { at_least = 60, on =
/// "benefit_start" }`, `{ under = 18, on = "payment_day" }`.
///
/// N 周岁 are reached when the N-year period counted from birth ends (民法典 第二百零一条、
/// 第二百零二条, as [`Period::end_from`]): on the N-th birthday, and for a birthday on
/// 29 February on 28 February of a common year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AgeCondition {
    /// At least this age on the day (N周岁以上, 年满N周岁).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<u32>,
    /// Below this age on the day (未满N周岁).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub under: Option<u32>,
    /// The day the age is taken on.
    pub on: AgeOn,
}

/// The days a condition on age can be taken on, for one person and payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgeDays {
    /// Birth date.
    pub birth: NaiveDate,
    /// Payment day.
    pub paid_on: NaiveDate,
    /// The benefit year's first day.
    pub year_start: NaiveDate,
    /// The benefit year's last day.
    pub year_end: NaiveDate,
    /// The day the person was recognised in their aided category (认定日期), if the
    /// request gives it (for aid lists with a cut-off, 凌源: 2021年12月31日前认定).
    pub aided_since: Option<NaiveDate>,
}

impl AgeCondition {
    /// Whether the person meets the condition.
    pub fn holds(&self, d: &AgeDays) -> bool {
        let on = match self.on {
            AgeOn::BenefitStart => d.year_start,
            AgeOn::BenefitEnd => d.year_end,
            AgeOn::PaymentDay => d.paid_on,
        };
        let reached = |years: u32| {
            years
                .checked_mul(12)
                .and_then(|m| Period::Months(m).end_from(d.birth))
        };
        self.at_least
            .is_none_or(|n| reached(n).is_some_and(|r| r <= on))
            && self.under.is_none_or(|n| reached(n).is_none_or(|r| r > on))
    }
}

/// A contribution grade (缴费档次) the resident chooses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Grade {
    /// Stable ASCII id, e.g. `low`, `grade_1`.
    pub id: String,
    /// The notice's name, e.g. `一档`, `每人每年400元档`.
    pub name: Text,
    /// 个人缴费标准 of the grade.
    pub personal: Money,
    /// 财政补助标准 of the grade (default: the `[standard]`'s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fiscal: Option<Money>,
    /// Citation.
    pub cite: Cite,
    /// Assumption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assume: Option<Text>,
}

/// Who pays what in a tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Payer {
    /// The person pays the personal share; the government pays the fiscal share.
    #[default]
    Personal,
    /// The person pays both shares (late payers in 长治, 牡丹江's second half).
    PersonalAndFiscal,
}

/// Where cover starts: one vocabulary for payment periods, wait exemptions and newborn
/// rules, evaluated by one function (`engine::compute::cover_start`).
///
/// In a file: `cover = "benefit_start"`, `"payment_day"`, `"day_after_payment"`,
/// `"next_month"`, `"birth"`, `"birth_in_benefit_year"`, `"after_unstated_wait"`,
/// `cover = { after = { days = 30 } }` / `{ after = { months = 3 } }`, or
/// `{ months_from_payment_month = 2 }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CoverStart {
    /// The first day of the benefit year: cover for the whole year (a collection window).
    BenefitStart,
    /// The payment day itself (自缴费之日起).
    PaymentDay,
    /// The day after payment (自缴费次日起).
    DayAfterPayment,
    /// The first day of the month after the payment (缴费次月起, 次月1日起).
    NextMonth,
    /// The first day of the month N months after the payment's month: a wait counted in
    /// calendar months from the month of payment (无锡: 从实际缴费到账之月起实行2个月待遇
    /// 等待期 — paid in January, covered from 1 March).
    MonthsFromPaymentMonth(u32),
    /// From birth, even before the benefit year (通河: 自出生之日起至2023年12月31日).
    Birth,
    /// From birth, but not before the benefit year (牡丹江: 自出生之日起享受当年医保待遇).
    BirthInBenefitYear,
    /// After a wait counted per the Civil Code from the payment; cover the next day.
    After(Period),
    /// After a wait whose length the notice does not state: the date is unknown.
    AfterUnstatedWait,
}

impl CoverStart {
    /// The wait as a period, where it is one.
    pub fn wait(self) -> Option<Period> {
        match self {
            CoverStart::After(p) => Some(p),
            _ => None,
        }
    }

    /// True for the starts that only a newborn rule can use.
    pub fn is_birth(self) -> bool {
        matches!(self, CoverStart::Birth | CoverStart::BirthInBenefitYear)
    }
}

fn benefit_start() -> CoverStart {
    CoverStart::BenefitStart
}

fn is_benefit_start(c: &CoverStart) -> bool {
    *c == CoverStart::BenefitStart
}

fn day_after_payment() -> CoverStart {
    CoverStart::DayAfterPayment
}

/// Which waits a payment period follows where the national continuity rules of
/// 国办发〔2024〕38号 are in force (benefit years from 2025).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ContinuityTerms {
    /// The national fixed and variable waits replace the period's own `cover`.
    National,
    /// The period's own `cover` (the notice's fixed wait, e.g. 90天, or none) replaces the
    /// national fixed wait; the variable wait of a break in insurance still follows it.
    Tier,
    /// The period's own `cover` for a continuous payer; the national waits for one with a
    /// break in insurance (河北 2026: 1月1日至2月底缴费的，自缴费到账之日起享受；2025年没有
    /// 缴费参保的，自规定的待遇等待期结束后享受).
    TierIfContinuous,
}

/// A number of working days, with its citation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WorkingDays {
    /// Working days (statutory calendar).
    pub working_days: u32,
    /// Citation.
    pub cite: Cite,
    /// Assumption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assume: Option<Text>,
}

/// Days of the month on which payments are taken (长治: 1–25).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PaymentDays {
    /// First day, 1–31.
    pub from: u32,
    /// Last day, 1–31.
    pub to: u32,
    /// Further ranges of days in the same month (`also = [{ from = 20, to = 25 }]`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<DayRange>,
    /// Citation.
    pub cite: Cite,
    /// Assumption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assume: Option<Text>,
}

/// A range of days of the month, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DayRange {
    /// First day, 1–31.
    pub from: u32,
    /// Last day, 1–31.
    pub to: u32,
}

impl PaymentDays {
    /// Every range of days, the first one first.
    pub fn ranges(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        std::iter::once((self.from, self.to)).chain(self.also.iter().map(|r| (r.from, r.to)))
    }

    /// Whether `day` (of the month) is a payment day.
    pub fn contains(&self, day: u32) -> bool {
        self.ranges().any(|(a, b)| a <= day && day <= b)
    }

    /// The first day of a range after `day` in the same month, if any.
    pub fn next_start_after(&self, day: u32) -> Option<u32> {
        self.ranges().map(|(a, _)| a).filter(|a| *a > day).min()
    }

    /// The ranges as a person reads them: `1–25`, or `1–10, 20–25`.
    pub fn describe(&self) -> String {
        self.ranges()
            .map(|(a, b)| format!("{a}–{b}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Kinds of person a rule can exempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Exemption {
    /// A person who receives aid above zero under the policy.
    Aided,
    /// A person whose insurance is transferred (医保关系转移接续).
    Transfer,
    /// A person who left employee insurance (职工医保) within the policy's limit.
    EmployeeSwitch,
    /// A person newly identified as aided this year (新增资助对象).
    NewlyAided,
}

/// A payment period with its terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// Stable ASCII id, e.g. `window`, `late`.
    pub id: String,
    /// The notice's name, e.g. `集中缴费期` (Chinese, with an optional English one).
    pub name: Text,
    /// First day (inclusive).
    #[serde(with = "iso")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub from: NaiveDate,
    /// Last day (inclusive).
    #[serde(with = "iso")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub to: NaiveDate,
    /// Payment days of the month, if restricted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_days: Option<PaymentDays>,
    /// Who pays what.
    #[serde(default)]
    pub payer: Payer,
    /// Who pays only the personal share even in a `personal_and_fiscal` tier.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub payer_exempt: Vec<Exemption>,
    /// Where cover starts for a payment in this period (default: the whole benefit year).
    #[serde(default = "benefit_start", skip_serializing_if = "is_benefit_start")]
    pub cover: CoverStart,
    /// Where the national continuity rules are in force, whether they or this period's
    /// `cover` set the wait; required then for a period whose cover is not the whole year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub continuity: Option<ContinuityTerms>,
    /// Whether aid applies in this tier.
    #[serde(default = "yes")]
    pub aid: bool,
    /// 民法典 第二百零三条: when the last day falls on a statutory day off, the period runs
    /// to the next working day (the statutory calendar must cover that year).
    #[serde(default, skip_serializing_if = "is_false")]
    pub deadline_moves: bool,
    /// Date by which the notice advises paying (牡丹江: 12月20日前).
    #[serde(default, with = "iso::option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub advise_by: Option<NaiveDate>,
    /// Citation.
    pub cite: Cite,
    /// Assumption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assume: Option<Text>,
    /// Its rule names, as answers show them (made at load).
    #[serde(skip)]
    pub rules: Derived<Option<TierRules>>,
}

fn yes() -> bool {
    true
}

/// What an aid rule grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Grant {
    /// The whole personal share (全额资助).
    Full,
    /// A fixed amount (定额资助).
    Fixed(Money),
    /// A percentage of the personal share, 0–100 with at most two decimals (`percent =
    /// 70` or `percent = "12.5"`), rounded half-up to the fen.
    Percent(Percentage),
    /// The person pays this much; aid is the rest (个人缴纳 N 元).
    PersonalShare(Money),
}

/// A percentage with at most two decimals, kept exactly as hundredths of a percent (never a
/// float). In a file: a whole number (`70`) or a quoted decimal (`"12.5"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Percentage(u32);

impl Percentage {
    /// A whole percentage.
    pub fn whole(n: u32) -> Percentage {
        Percentage(n.saturating_mul(100))
    }

    /// The percentage as an exact decimal (12.5 for 12.5%).
    pub fn decimal(self) -> rust_decimal::Decimal {
        rust_decimal::Decimal::new(i64::from(self.0), 2)
    }

    /// Hundredths of a percent (1250 for 12.5%).
    pub fn hundredths(self) -> u32 {
        self.0
    }

    /// At most 100%.
    pub fn is_at_most_100(self) -> bool {
        self.0 <= 10_000
    }
}

impl Serialize for Percentage {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0 % 100 == 0 {
            s.serialize_u32(self.0 / 100)
        } else {
            s.serialize_str(&self.decimal().normalize().to_string())
        }
    }
}

impl<'de> Deserialize<'de> for Percentage {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Percentage;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a percentage: a whole number (70) or a quoted decimal with at most two decimals (\"12.5\")")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Percentage, E> {
                u32::try_from(v)
                    .ok()
                    .and_then(|n| n.checked_mul(100))
                    .map(Percentage)
                    .ok_or_else(|| E::custom("a percentage is 0..=100"))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Percentage, E> {
                u64::try_from(v)
                    .map_err(|_| E::custom("a percentage is 0..=100"))
                    .and_then(|v| self.visit_u64(v))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Percentage, E> {
                // Digits, then at most two decimals: exact, never rounded.
                let (whole, frac) = v.split_once('.').unwrap_or((v, ""));
                let digits = |t: &str| {
                    !t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit())
                };
                let frac_ok = frac.is_empty()
                    || (frac.len() <= 2 && frac.bytes().all(|b| b.is_ascii_digit()));
                if !digits(whole) || !frac_ok || (v.contains('.') && frac.is_empty()) {
                    return Err(E::custom(format!(
                        "invalid percentage {:?}: a whole number or at most two decimals, e.g. \"12.5\"",
                        v.chars().take(20).collect::<String>()
                    )));
                }
                let w: u32 = whole.parse().map_err(E::custom)?;
                let f: u32 = format!("{frac:0<2}").parse().map_err(E::custom)?;
                Ok(Percentage(w * 100 + f))
            }
        }
        d.deserialize_any(V)
    }
}

/// Who funds an aid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FundingSource {
    /// 医疗救助资金.
    MedicalAssistance,
    /// 残疾人就业保障金.
    DisabilityEmploymentSecurityFund,
    /// 政府（各级财政）.
    Government,
    /// 县财政.
    CountyFinance,
}

impl FundingSource {
    /// The id, as JSON writes it (`medical_assistance`).
    pub fn as_str(self) -> &'static str {
        match self {
            FundingSource::MedicalAssistance => "medical_assistance",
            FundingSource::DisabilityEmploymentSecurityFund => {
                "disability_employment_security_fund"
            }
            FundingSource::Government => "government",
            FundingSource::CountyFinance => "county_finance",
        }
    }

    /// Chinese name.
    pub fn name_zh(self) -> &'static str {
        match self {
            FundingSource::MedicalAssistance => "医疗救助资金",
            FundingSource::DisabilityEmploymentSecurityFund => "残疾人就业保障金",
            FundingSource::Government => "政府资助（各级财政）",
            FundingSource::CountyFinance => "县财政",
        }
    }

    /// English name.
    pub fn name_en(self) -> &'static str {
        match self {
            FundingSource::MedicalAssistance => "medical assistance fund",
            FundingSource::DisabilityEmploymentSecurityFund => {
                "disability employment security fund"
            }
            FundingSource::Government => "government (finance at every level)",
            FundingSource::CountyFinance => "county finance",
        }
    }
}

impl Policy {
    /// The policy's id as a shared text an answer holds: the one made at load, unless
    /// `id` was changed since.
    pub fn id_text(&self) -> SharedStr {
        match &self.shared_id.0 {
            Some(id) if *id == self.id => id.clone(),
            _ => self.id.as_str().into(),
        }
    }

    /// A funding source's name in `lang`: the notice's own where the policy gives it.
    pub fn source_name(&self, source: FundingSource, lang: Lang) -> SharedStr {
        match self.source_names.get(&source) {
            Some(t) => t.shared(lang).clone(),
            None => SharedStr::from_static(match lang {
                Lang::Zh => source.name_zh(),
                Lang::En => source.name_en(),
            }),
        }
    }
}

/// The cut-off of an aid list, with the clause that states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RecognizedBy {
    /// The last day of recognition the list holds.
    #[serde(with = "iso")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub date: NaiveDate,
    /// Citation.
    pub cite: Cite,
}

impl RecognizedBy {
    /// Whether a person recognised on `since` (unknown: assumed in time) is on the list.
    pub fn holds(&self, since: Option<NaiveDate>) -> bool {
        since.is_none_or(|s| s <= self.date)
    }
}

/// Aid for one or more categories.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AidRule {
    /// The categories aided, national or the policy's own (a family includes its members).
    pub categories: Vec<String>,
    /// Every category the rule applies to (built at load).
    #[serde(skip)]
    pub mask: Derived<CategorySet>,
    /// Categories the person must have as well (低保边缘家庭中的重度残疾人: `categories =
    /// ["low_income"], with = ["severe_disability"]`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub with: Vec<String>,
    /// The `with` categories as bits, one mask per id (built at load).
    #[serde(skip)]
    pub with_masks: Derived<Vec<CategorySet>>,
    /// A condition on age (低收入家庭中的60周岁以上老年人).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<AgeCondition>,
    /// The aid lists hold persons recognised by this day (凌源: 2021年12月31日前认定): one
    /// recognised later (`person.aided_since`) is not granted the aid by this rule, and
    /// is told to ask.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recognized_by: Option<RecognizedBy>,
    /// What is granted (by `source`).
    pub grant: Grant,
    /// Who funds it.
    pub source: FundingSource,
    /// Further shares of the same aid from other sources, each granted on what the
    /// person would still pay (临沂: 医疗救助资金 150, `also = [{ grant = "full", source =
    /// "county_finance" }]` for the difference).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<AidPart>,
    /// The id of a grade (`[[grades]]`) whose personal standard the aid is computed on,
    /// instead of the person's own; the aid never exceeds what the person's own standard
    /// asks (綦江: 自愿参加二档的……按居民医保个人缴费一档140元的标准给予资助，超过资助标准的
    /// 部分由救助对象自行负担).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub against_grade: Option<String>,
    /// The personal standard of `against_grade` (resolved at load).
    #[serde(skip)]
    pub against: Derived<Option<Money>>,
    /// Citation.
    pub cite: Cite,
    /// Assumption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assume: Option<Text>,
    /// Its rule name, `aid[<i>]`, as answers show it (made at load).
    #[serde(skip)]
    pub rule_name: Derived<Option<SharedStr>>,
}

/// A further share of an aid, from another funding source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AidPart {
    /// What is granted, on what the person would still pay after the shares before it.
    pub grant: Grant,
    /// Who funds it.
    pub source: FundingSource,
}

impl AidRule {
    /// The shares of this aid for a person whose personal standard (of the benefit year)
    /// is `personal`, in order: `(source, amount)` for the rule's own grant, then each of
    /// `also` on what remains. They are computed on the standard of `against_grade` where
    /// the rule names one, else on `personal`; never more than `personal` in all (the
    /// shares listed first are kept whole).
    pub fn shares(&self, personal: Money) -> impl Iterator<Item = (FundingSource, Money)> + '_ {
        let mut owed = personal;
        self.shares_on(self.against.unwrap_or(personal))
            .map(move |(source, amount)| {
                let amount = amount.min(owed);
                owed = owed - amount;
                (source, amount)
            })
    }

    /// The shares of this aid computed on `base` itself (a prior year collected with a
    /// newborn's is aided on that year's own standard, whatever `against_grade` says).
    pub fn shares_on(&self, base: Money) -> impl Iterator<Item = (FundingSource, Money)> + '_ {
        let first = (self.grant, self.source);
        let mut remaining = base;
        std::iter::once(first)
            .chain(self.also.iter().map(|p| (p.grant, p.source)))
            .map(move |(grant, source)| {
                let amount = grant.on(remaining);
                remaining = remaining - amount;
                (source, amount)
            })
    }

    /// The whole aid for a person whose personal standard is `personal` (the sum of
    /// [`AidRule::shares`]).
    pub fn amount(&self, personal: Money) -> Money {
        self.shares(personal).map(|(_, m)| m).sum()
    }
}

impl Grant {
    /// What this grant gives against a personal standard: never below zero, never above it.
    pub fn on(self, personal: Money) -> Money {
        let amount = match self {
            Grant::Full => personal,
            Grant::Fixed(m) => m,
            Grant::Percent(p) => personal.percent(p.decimal()),
            Grant::PersonalShare(s) => personal - s,
        };
        amount.max(Money::ZERO).min(personal)
    }
}

/// Facts about a person a rule can test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Fact {
    /// Insured in employee insurance or in another region's resident insurance.
    InsuredElsewhere,
}

/// A fact that takes all aid away.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AidExclusion {
    /// The fact.
    pub fact: Fact,
    /// Citation.
    pub cite: Cite,
    /// Assumption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assume: Option<Text>,
}

/// An exemption from a tier's wait.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WaitExemption {
    /// Who.
    pub kind: Exemption,
    /// For `employee_switch`: the longest gap since leaving employee insurance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<Period>,
    /// Where the exempt person's cover starts (default: the day after payment).
    #[serde(default = "day_after_payment")]
    pub cover: CoverStart,
    /// Citation.
    pub cite: Cite,
    /// Assumption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assume: Option<Text>,
}

/// What a newborn pays under a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum NewbornCharge {
    /// Nothing (长治: 出生当年不缴费).
    Free,
    /// The personal standard of the benefit year, fiscal subsidy included.
    Standard,
}

/// A previous year's contribution collected together with the benefit year's (通河: 350).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PriorYear {
    /// The earlier benefit year.
    pub year: i32,
    /// Its personal standard.
    pub personal: Money,
    /// Its fiscal subsidy. Left out, it is the national minimum of that year (the one
    /// rule, as for `[standard]`), filled at load and cited to the national notice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fiscal: Option<Money>,
    /// Set at load when `fiscal` came from the national minimum: its citation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fiscal_national: Option<Cite>,
}

/// A newborn rule: conditions, then terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NewbornRule {
    /// Stable ASCII id.
    pub id: String,
    /// The rule in the notice's words, e.g. `2023年出生、2024年3月底前参保缴费的新生儿`.
    pub name: Text,
    /// Born on or after.
    #[serde(default, with = "iso::option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub born_from: Option<NaiveDate>,
    /// Born on or before.
    #[serde(default, with = "iso::option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub born_to: Option<NaiveDate>,
    /// Registered (paid) on or after.
    #[serde(default, with = "iso::option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub registered_from: Option<NaiveDate>,
    /// Registered (paid) on or before.
    #[serde(default, with = "iso::option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub registered_to: Option<NaiveDate>,
    /// Registered within this period after birth (the last day included).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<Period>,
    /// Registration in the birth year itself (凌源: 不跨年度).
    #[serde(default, skip_serializing_if = "is_false")]
    pub same_year: bool,
    /// Only when a parent is insured.
    #[serde(default, skip_serializing_if = "is_false")]
    pub parent_insured: bool,
    /// What is charged.
    pub charge: NewbornCharge,
    /// An earlier year collected at the same time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prior_year: Option<PriorYear>,
    /// Where cover starts.
    pub cover: CoverStart,
    /// Citation.
    pub cite: Cite,
    /// Assumption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assume: Option<Text>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Why a refund is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RefundReason {
    /// Paid twice.
    Duplicate,
    /// The insured person died.
    Death,
    /// Joined employee insurance (职工医保).
    EmployeeInsurance,
    /// An aided person paid the share the aid covers.
    AidConfirmed,
}

impl RefundReason {
    /// Every reason.
    pub const ALL: &'static [RefundReason] = &[
        RefundReason::Duplicate,
        RefundReason::Death,
        RefundReason::EmployeeInsurance,
        RefundReason::AidConfirmed,
    ];
}

/// When a refund is possible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RefundWhen {
    /// At any time.
    #[default]
    Any,
    /// Only when the event falls before the paid cover starts (待遇享受期前).
    BeforeBenefit,
    /// Never: the notice rules the refund out.
    Never,
}

/// How much is refunded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RefundAmount {
    /// The whole payment.
    #[default]
    Paid,
    /// What was paid above what was due.
    Excess,
}

/// A refund rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RefundRule {
    /// Reason.
    pub reason: RefundReason,
    /// When.
    #[serde(default)]
    pub when: RefundWhen,
    /// How much.
    #[serde(default)]
    pub amount: RefundAmount,
    /// The refund is made on or after this day (鄢陵: "在征缴期结束后" → the day after the
    /// collection period), shown as `refund_from`.
    #[serde(default, with = "iso::option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub not_before: Option<NaiveDate>,
    /// Who makes the refund, in the notice's words (鄢陵: 行业部门), shown as `handled_by`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handled_by: Option<Text>,
    /// Citation.
    pub cite: Cite,
    /// Assumption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assume: Option<Text>,
}

/// Household enrolment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct HouseholdRule {
    /// The whole household enrols together (以家庭为单位整户参保); members insured
    /// elsewhere are excepted.
    pub whole: bool,
    /// Citation.
    pub cite: Cite,
    /// Assumption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assume: Option<Text>,
}

/// Kind of a contact entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    /// A way to pay (app, WeChat, counter...).
    Channel,
    /// A collecting bank (代征银行).
    Bank,
    /// A registration or service point.
    ServicePoint,
    /// A telephone hotline.
    Hotline,
}

/// Where and how to pay or ask.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Kind.
    pub kind: ContactKind,
    /// Name.
    pub name: String,
    /// District or county it serves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// Address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Telephone or WeChat number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// How to use it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// A participation target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// Whom it concerns.
    pub group: String,
    /// Percentage of the group to be insured, 0–100.
    pub percent: u32,
    /// Citation.
    pub cite: Cite,
}

/// When a reminder is said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReminderWhen {
    /// In every quote.
    Always,
    /// The person is granted aid, or has a category some aid rule names.
    Aided,
    /// The person is insured elsewhere (`insured_elsewhere`).
    InsuredElsewhere,
    /// A newborn rule applies.
    Newborn,
    /// The payment falls outside the collection window (a tier whose cover is not the
    /// whole year, or whose payer pays the fiscal share too).
    Late,
}

/// Something the notice tells people in a situation, in its own words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Reminder {
    /// When it is said.
    pub when: ReminderWhen,
    /// The notice's words (Chinese, with an optional English one).
    pub text: Text,
    /// Citation.
    pub cite: Cite,
    /// Its rule name and warning, as answers show them (made at load).
    #[serde(skip)]
    pub prepared: Derived<Option<PreparedReminder>>,
}

/// A stated fact no computation uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// Stable ASCII topic, e.g. `annual_cap`, `payment_visible_after`.
    pub topic: String,
    /// The fact in words.
    pub text: Text,
    /// Citation.
    pub cite: Cite,
}

impl Policy {
    /// Its entry in `policies`.
    pub fn summary(&self) -> crate::contract::PolicySummary {
        crate::contract::PolicySummary {
            id: self.id.clone(),
            region_code: self.region_code.clone(),
            region_name: self.region_name.clone(),
            province: crate::region::province_of(&self.region_code).map(str::to_string),
            benefit_year: self.benefit_year,
            title: self.title.to_string(),
            estimate: self.estimate.is_some(),
        }
    }

    /// The standard that applies to someone with these categories and this grade: a group
    /// standard if one matches (the first listed; a family includes its members, as in aid
    /// rules), else the grade's (index into `grades`), else the general one.
    pub fn standard_for(&self, cats: CategorySet, grade: Option<u8>, days: &AgeDays) -> Standing {
        for (i, g) in self.group_standards.iter().enumerate() {
            let in_group = g.category.is_none() || !cats.intersection(*g.mask).is_empty();
            if in_group && g.age.is_none_or(|a| a.holds(days)) {
                return Standing {
                    personal: g.personal,
                    fiscal: g.fiscal,
                    group: Some(i),
                    grade: None,
                };
            }
        }
        if let Some((i, g)) = grade.and_then(|i| self.grades.get(usize::from(i)).map(|g| (i, g))) {
            return Standing {
                personal: g.personal,
                fiscal: g.fiscal.unwrap_or(self.standard.fiscal),
                group: None,
                grade: Some(i),
            };
        }
        Standing {
            personal: self.standard.personal,
            fiscal: self.standard.fiscal,
            group: None,
            grade: None,
        }
    }

    /// The number of the grade with this id (its index in `grades`), as
    /// [`crate::Facts::grade`] holds it.
    pub fn grade_index(&self, id: &str) -> Option<u8> {
        self.grades
            .iter()
            .position(|g| g.id == id)
            .and_then(|i| u8::try_from(i).ok())
    }

    /// The tier whose period contains `date`.
    pub fn tier_on(&self, date: NaiveDate) -> Option<(usize, &Tier)> {
        self.tiers
            .iter()
            .enumerate()
            .find(|(_, t)| t.from <= date && date <= t.to)
    }

    /// First and last day of the benefit year.
    pub fn benefit_bounds(&self) -> Option<(NaiveDate, NaiveDate)> {
        crate::dates::year_bounds(self.benefit_year)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn days(birth: NaiveDate, paid_on: NaiveDate) -> AgeDays {
        AgeDays {
            birth,
            paid_on,
            year_start: d(2024, 1, 1),
            year_end: d(2024, 12, 31),
            aided_since: None,
        }
    }

    #[test]
    fn percentages_are_exact_with_at_most_two_decimals() {
        let read = |t: &str| {
            toml::from_str::<toml::Table>(&format!("p = {t}"))
                .ok()
                .and_then(|v| {
                    v.get("p")
                        .cloned()
                        .and_then(|x| Percentage::deserialize(x).ok())
                })
        };
        assert_eq!(read("70").map(Percentage::hundredths), Some(7_000));
        assert_eq!(read("\"12.5\"").map(Percentage::hundredths), Some(1_250));
        assert_eq!(read("\"33.33\"").map(Percentage::hundredths), Some(3_333));
        for bad in [
            "\"12.345\"",
            "\"12.\"",
            "\".5\"",
            "\"-5\"",
            "\"1e2\"",
            "-5",
            "12.5",
        ] {
            assert_eq!(read(bad), None, "{bad}");
        }
        assert!(!read("\"100.01\"").unwrap().is_at_most_100());
        // 12.5% of 380 = 47.50; 33.33% of 380 = 126.654 → 126.65 (half up to the fen).
        let personal: Money = "380.00".parse().unwrap();
        assert_eq!(
            personal
                .percent(read("\"12.5\"").unwrap().decimal())
                .to_string(),
            "47.50"
        );
        assert_eq!(
            personal
                .percent(read("\"33.33\"").unwrap().decimal())
                .to_string(),
            "126.65"
        );
        // Written back as the file wrote it.
        assert_eq!(serde_json::to_string(&read("70").unwrap()).unwrap(), "70");
        assert_eq!(
            serde_json::to_string(&read("\"12.5\"").unwrap()).unwrap(),
            "\"12.5\""
        );
    }

    #[test]
    fn ages_are_reached_on_the_birthday_and_29_february_on_28_february() {
        let sixty = AgeCondition {
            at_least: Some(60),
            under: None,
            on: AgeOn::PaymentDay,
        };
        assert!(sixty.holds(&days(d(1963, 10, 10), d(2023, 10, 10))));
        assert!(!sixty.holds(&days(d(1963, 10, 11), d(2023, 10, 10))));
        // Born 29 February 1964: 60 on 29 February 2024 (a leap year) …
        assert!(sixty.holds(&days(d(1964, 2, 29), d(2024, 2, 29))));
        assert!(!sixty.holds(&days(d(1964, 2, 29), d(2024, 2, 28))));
        // … and 18 on 28 February 2022 (民法典 第二百零二条: no 29th, the month's last day).
        let minor = AgeCondition {
            at_least: None,
            under: Some(18),
            on: AgeOn::PaymentDay,
        };
        assert!(minor.holds(&days(d(2004, 2, 29), d(2022, 2, 27))));
        assert!(!minor.holds(&days(d(2004, 2, 29), d(2022, 2, 28))));
        // Taken on the benefit year's first day, whatever the payment day.
        let on_start = AgeCondition {
            at_least: Some(60),
            under: None,
            on: AgeOn::BenefitStart,
        };
        assert!(!on_start.holds(&days(d(1964, 6, 1), d(2024, 9, 1))));
        assert!(on_start.holds(&days(d(1964, 1, 1), d(2023, 10, 1))));
    }
}
