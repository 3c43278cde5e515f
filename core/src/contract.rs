//! The JSON contract: request and answer types of every operation.
//!
//! # Design
//! These serde types *are* the JSON of every binding (design.md, "One contract for every
//! binding"): field names, order and formats here are what the CLI prints, what the C JSON
//! entry points return and what the npm package gives. Requests deny unknown fields so a
//! misspelt field is an error, not a silently ordinary resident. Field order is the
//! canonical serialisation that the conformance vectors compare byte for byte.

use crate::dates::iso;
use crate::id::{IdKind, Sex};
use crate::lang::Lang;
use crate::money::Money;
use crate::policy::{FundingSource, RefundReason};
use crate::shared::SharedStr;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_default_lang(l: &Lang) -> bool {
    *l == Lang::default()
}

/// `policies` request: nothing but the language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PoliciesRequest {
    /// The language of the answer's texts (default `zh`).
    #[serde(default, skip_serializing_if = "is_default_lang")]
    pub lang: Lang,
}

/// A person as the caller describes them. `Person::default()` is an ordinary resident
/// who enrols (as the JSON defaults say), with neither ID number nor birth date yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// ID number (居民身份证 or permit); gives the birth date. Never echoed unmasked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_number: Option<String>,
    /// Birth date, when no ID number is given (or to check it).
    #[serde(default, with = "iso::option", skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<NaiveDate>,
    /// Category ids (national, or the policy's own); none for an ordinary resident.
    #[serde(default)]
    pub categories: Vec<String>,
    /// Already insured in employee insurance or in another region's resident insurance.
    #[serde(default, skip_serializing_if = "is_false")]
    pub insured_elsewhere: bool,
    /// Insured in employee insurance (职工医保) now: the one exception to 凌源's whole-
    /// household rule; implies `insured_elsewhere`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub employee_insured: bool,
    /// In a household: already enrolled and paid for the benefit year (a household that
    /// paid before a newborn joins it).
    #[serde(default, skip_serializing_if = "is_false")]
    pub already_enrolled: bool,
    /// The day employee insurance (职工医保) ended, for the switch exemption.
    #[serde(default, with = "iso::option", skip_serializing_if = "Option::is_none")]
    pub employee_insurance_ended_on: Option<NaiveDate>,
    /// Insurance transferred from another region (医保关系转移接续).
    #[serde(default, skip_serializing_if = "is_false")]
    pub transfer: bool,
    /// A parent is insured (for newborn rules that ask it).
    #[serde(default, skip_serializing_if = "is_false")]
    pub parent_insured: bool,
    /// In a household: whether this member enrols now (default true).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub enrolling: bool,
    /// The day the person was recognised in their aided category (认定日期), for aid lists
    /// with a cut-off (凌源: 2021年12月31日前认定).
    #[serde(default, with = "iso::option", skip_serializing_if = "Option::is_none")]
    pub aided_since: Option<NaiveDate>,
    /// Newly identified as aided this year (新增资助对象): exempt from continuity waits.
    #[serde(default, skip_serializing_if = "is_false")]
    pub newly_aided: bool,
    /// Enrolment history, for the continuity waits and incentives of 国办发〔2024〕38号.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<History>,
    /// The contribution grade chosen (缴费档次), where the policy has grades: its id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
}

/// A person's enrolment history (resident or employee insurance).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct History {
    /// Calendar years the person was insured (any scheme); an empty list is a first
    /// enrolment.
    #[serde(default)]
    pub insured_years: Vec<i32>,
    /// Years of missed contributions paid now to repair the variable wait (修复).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub repair_years: u32,
    /// Insured years with no reimbursement from the fund (零报销).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub zero_claim_years: Vec<i32>,
    /// The last year a raised cap was used after a major illness (clears earlier
    /// zero-claim raises).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raised_cap_used_in: Option<i32>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// How the continuity rules of 国办发〔2024〕38号 set the wait.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContinuityInfo {
    /// Whether the history was given (without it, no break is assumed).
    pub history_given: bool,
    /// Years without insurance between the last insured year and the benefit year.
    pub break_years: u32,
    /// 固定待遇等待期, months (0 when paid in the window without a break).
    pub fixed_wait_months: u32,
    /// 变动待遇等待期 before repair, months.
    pub variable_wait_months: u32,
    /// Years repaired (at most the break).
    pub repaired_years: u32,
    /// Months the repair removed.
    pub months_removed: u32,
    /// What the repair costs: repaired years × the personal standard.
    pub repair_due: Money,
    /// The 6-month floor after 4 or more years of break raised the wait.
    pub floor_applied: bool,
    /// The wait in months, after repair and floor (0: none).
    pub wait_months: u32,
    /// The day the wait is counted from (its own day not counted).
    #[serde(with = "iso::option")]
    pub wait_counted_from: Option<NaiveDate>,
    /// The exemption that waived the wait, if any.
    pub exemption: Option<crate::policy::Exemption>,
    /// The payment period's own cover (the notice's fixed wait, or none) replaced the
    /// national fixed wait (`continuity = "tier"` in the policy file).
    pub local_terms: bool,
}

/// The year's raise of the 大病保险 annual cap (参保激励).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapRaise {
    /// Continuous insured years, the benefit year included.
    pub continuous_years: u32,
    /// Steps for continuity (after the first `after_continuous_years`).
    pub continuity_steps: u32,
    /// Steps for zero-claim years.
    pub zero_claim_steps: u32,
    /// Raise per step.
    pub step: Money,
    /// The raise before the ceiling.
    pub uncapped: Money,
    /// The ceiling of all raises (20% of the original cap, or the region's total), if known.
    pub limit: Option<Money>,
    /// The raise of the year.
    pub raise: Money,
}

impl Default for Person {
    fn default() -> Self {
        Person {
            id_number: None,
            birth_date: None,
            categories: Vec::new(),
            insured_elsewhere: false,
            employee_insured: false,
            already_enrolled: false,
            employee_insurance_ended_on: None,
            transfer: false,
            parent_insured: false,
            enrolling: true,
            newly_aided: false,
            aided_since: None,
            history: None,
            grade: None,
        }
    }
}

/// `quote` request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteRequest {
    /// Policy id, e.g. `140400-2024`.
    pub policy: String,
    /// Payment (or registration) date.
    #[serde(with = "iso")]
    pub paid_on: NaiveDate,
    /// Who pays.
    pub person: Person,
    /// The language of the answer's texts: `zh` (default) or `en`.
    #[serde(default, skip_serializing_if = "is_default_lang")]
    pub lang: Lang,
}

/// The payment period a date falls in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowRef {
    /// Stable id, e.g. `window`, `late`.
    pub id: SharedStr,
    /// Name, in the answer's language.
    pub name: SharedStr,
    /// First day.
    #[serde(with = "iso")]
    pub from: NaiveDate,
    /// Last day.
    #[serde(with = "iso")]
    pub to: NaiveDate,
}

/// One aid granted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AidLine {
    /// The category it is granted for (its id).
    pub category: SharedStr,
    /// The category's name, as the policy's notice writes it.
    pub category_name: SharedStr,
    /// Who funds it.
    pub source: FundingSource,
    /// The funder's name in the answer's language, as the notice writes it.
    pub source_name: SharedStr,
    /// How much.
    pub amount: Money,
}

/// Where a figure comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citation {
    /// The rule in the policy file, e.g. `tiers.late`, `aid[2]`.
    pub rule: SharedStr,
    /// The document.
    pub document: SharedStr,
    /// The clause.
    pub clause: SharedStr,
    /// The clause's words, where the file quotes them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<SharedStr>,
}

/// An assumption the policy file makes where its notice is silent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assumption {
    /// The rule that makes it.
    pub rule: SharedStr,
    /// The assumption in words.
    pub text: SharedStr,
}

/// Something the caller should know that is not an error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// Stable code, e.g. `no_cover`, `not_aided_here`.
    pub code: Cow<'static, str>,
    /// In words.
    pub message: SharedStr,
}

/// An earlier year collected with this payment (通河's newborns).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriorYearLine {
    /// The year.
    pub year: i32,
    /// Its personal standard (before aid).
    pub amount: Money,
    /// Its fiscal subsidy (included in the answer's `fiscal_subsidy` and `total`).
    pub fiscal_subsidy: Money,
}

/// How a figure of an answer is known (design.md: "never more certain than the notice").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The notice states it (the rule's citation gives the clause).
    Stated,
    /// A national default gives it (the national minimum, the rules of 国办发〔2024〕38号).
    National,
    /// The policy file assumes it where the notice is silent (the answer's `assumptions`
    /// say what).
    Assumed,
    /// It is not known: the figure is null, and a warning says why and whom to ask.
    Unknown,
}

/// The basis of each figure of a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bases {
    /// Of `personal_standard` (and `total`).
    pub personal_standard: Basis,
    /// Of `fiscal_subsidy` (and `fiscal_share_paid_by_person`).
    pub fiscal_subsidy: Basis,
    /// Of the aid granted; null when none is.
    pub aid: Option<Basis>,
    /// Of `benefit_start` and `benefit_end`.
    pub benefit_start: Basis,
}

/// `quote` answer.
///
/// The shares add up: `personal_due + aid_total + fiscal_subsidy == total`, and
/// `personal_due + aid_total == personal_standard + fiscal_share_paid_by_person`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Policy id.
    pub policy: SharedStr,
    /// The payment period.
    pub window: WindowRef,
    /// The newborn rule applied, if any: its id.
    pub newborn: Option<String>,
    /// The newborn rule in the notice's words.
    pub newborn_name: Option<SharedStr>,
    /// The contribution grade applied, if any: its id.
    pub grade: Option<String>,
    /// Everything paid for this person by anyone.
    pub total: Money,
    /// The personal standard (个人缴费标准) the rules ask before aid, with a prior year
    /// where one is collected; aid is computed on it.
    pub personal_standard: Money,
    /// Prior years included in `personal_standard`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prior_years: Vec<PriorYearLine>,
    /// What the government pays.
    pub fiscal_subsidy: Money,
    /// The fiscal share the person pays as well (长治: late payers pay the 640 yuan of
    /// the fiscal subsidy on top of the 380 personal standard); "0.00" otherwise.
    pub fiscal_share_paid_by_person: Money,
    /// Aid granted: the single most favourable aid (就高不就低), one line per funding source
    /// of it (most aids have one; 临沂's has 医疗救助资金 and 县区财政).
    pub aid: Vec<AidLine>,
    /// Sum of the aid.
    pub aid_total: Money,
    /// What the person pays.
    pub personal_due: Money,
    /// First day of cover, or null when the payment buys none.
    #[serde(with = "iso::option")]
    pub benefit_start: Option<NaiveDate>,
    /// Last day of cover, or null when the payment buys none.
    #[serde(with = "iso::option")]
    pub benefit_end: Option<NaiveDate>,
    /// How each figure is known: stated by the notice, a national default, assumed by the
    /// policy file, or unknown.
    pub basis: Bases,
    /// Where every figure comes from.
    pub citations: Vec<Citation>,
    /// What the policy assumes where the notice is silent.
    pub assumptions: Vec<Assumption>,
    /// Things to know.
    pub warnings: Vec<Warning>,
    /// The continuity waits, where the policy applies them (benefit years from 2025).
    pub continuity: Option<ContinuityInfo>,
    /// The 大病保险 cap raise, where the policy applies incentives and a history is given.
    pub cap_raise: Option<CapRaise>,
    /// When the payment shows in the records (N working days, statutory calendar).
    #[serde(with = "iso::option")]
    pub payment_visible_on: Option<NaiveDate>,
}

/// `household` request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HouseholdRequest {
    /// Policy id.
    pub policy: String,
    /// Payment date.
    #[serde(with = "iso")]
    pub paid_on: NaiveDate,
    /// Every member of the household (户口簿), enrolling or not.
    pub members: Vec<Person>,
    /// The language of the answer's texts: `zh` (default) or `en`.
    #[serde(default, skip_serializing_if = "is_default_lang")]
    pub lang: Lang,
}

/// `household` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Household {
    /// Policy id.
    pub policy: String,
    /// One entry per member in request order: the quote, or null for a member not
    /// enrolling now.
    pub members: Vec<Option<Quote>>,
    /// Sum of the members' `personal_due`.
    pub personal_due_total: Money,
    /// Household rule citations.
    pub citations: Vec<Citation>,
    /// Household rule assumptions.
    pub assumptions: Vec<Assumption>,
    /// Things to know.
    pub warnings: Vec<Warning>,
}

/// A payment being refunded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Payment {
    /// When it was paid.
    #[serde(with = "iso")]
    pub paid_on: NaiveDate,
    /// How much was paid.
    pub amount: Money,
}

/// `refund` request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefundRequest {
    /// Policy id.
    pub policy: String,
    /// Who paid.
    pub person: Person,
    /// The payment.
    pub payment: Payment,
    /// Why a refund is asked.
    pub reason: RefundReason,
    /// When the event happened (death, joining employee insurance, the duplicate, the
    /// aid confirmation).
    #[serde(with = "iso")]
    pub event_on: NaiveDate,
    /// The language of the answer's texts: `zh` (default) or `en`.
    #[serde(default, skip_serializing_if = "is_default_lang")]
    pub lang: Lang,
}

/// `refund` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refund {
    /// Policy id.
    pub policy: String,
    /// Whether anything is refunded; null when the notice does not say (its list of
    /// grounds is open, 长治 “因重复缴费等”): the warning `refund_unknown` says whom to ask.
    pub refundable: Option<bool>,
    /// How much (0.00 when not refundable).
    pub amount: Money,
    /// The first day the refund is made, where the notice says (鄢陵: after the collection
    /// period).
    #[serde(with = "iso::option")]
    pub refund_from: Option<NaiveDate>,
    /// Who makes the refund, where the notice says (鄢陵: 行业部门).
    pub handled_by: Option<String>,
    /// Where the answer comes from.
    pub citations: Vec<Citation>,
    /// Assumptions.
    pub assumptions: Vec<Assumption>,
    /// Things to know.
    pub warnings: Vec<Warning>,
}

/// `window` request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WindowRequest {
    /// Policy id.
    pub policy: String,
    /// The date asked about.
    #[serde(with = "iso")]
    pub date: NaiveDate,
    /// The language of the answer's texts: `zh` (default) or `en`.
    #[serde(default, skip_serializing_if = "is_default_lang")]
    pub lang: Lang,
}

/// `window` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowStatus {
    /// Policy id.
    pub policy: String,
    /// A payment is accepted on this date (in a payment period, on a payment day), on the
    /// terms of `terms`: in the collection window or in a later period.
    pub open: bool,
    /// The date lies in the collection window proper (集中征缴期): cover for the whole
    /// benefit year at the personal standard. False in a late period, where payments may
    /// still be accepted (`open`) on other terms.
    pub collection_window: bool,
    /// The terms of a payment in the period the date lies in, if any.
    pub terms: Option<PaymentTerms>,
    /// The payment period the date falls in, if any.
    pub window: Option<WindowRef>,
    /// The date is a payment day of its month (false on the 26th in 长治, and outside
    /// every period).
    pub payment_day: bool,
    /// The first payment day on or after the date, if any.
    #[serde(with = "iso::option")]
    pub next_payment_day: Option<NaiveDate>,
    /// Where the answer comes from.
    pub citations: Vec<Citation>,
    /// Assumptions.
    pub assumptions: Vec<Assumption>,
}

/// The terms of a payment in one period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentTerms {
    /// Who pays what: `personal`, or `personal_and_fiscal` (the person pays the fiscal
    /// share too).
    pub payer: crate::policy::Payer,
    /// Where cover starts for a payment then.
    pub cover: crate::policy::CoverStart,
    /// Whether aid applies.
    pub aid: bool,
}

/// `id` request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdRequest {
    /// The number to check.
    pub id_number: String,
    /// Today, to refuse birth dates in the future (the core has no clock).
    #[serde(default, with = "iso::option", skip_serializing_if = "Option::is_none")]
    pub today: Option<NaiveDate>,
    /// The language of the answer's texts: `zh` (default) or `en`.
    #[serde(default, skip_serializing_if = "is_default_lang")]
    pub lang: Lang,
}

/// `id` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdInfo {
    /// Whether the number is valid.
    pub valid: bool,
    /// Why not, when invalid (`checksum`, `length`, ...).
    pub reason: Option<String>,
    /// Kind of document.
    pub kind: Option<IdKind>,
    /// The 18-character form.
    pub normalized: Option<String>,
    /// Birth date.
    #[serde(with = "iso::option")]
    pub birth_date: Option<NaiveDate>,
    /// Sex.
    pub sex: Option<Sex>,
    /// First six characters.
    pub region_code: Option<String>,
    /// Masked form, e.g. `140402********1234`.
    pub masked: String,
}

/// One entry of `policies`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicySummary {
    /// Policy id.
    pub id: String,
    /// Region code.
    pub region_code: String,
    /// Region name.
    pub region_name: String,
    /// The province (省级行政区) of the region code, by GB/T 2260; none for a code outside it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// Benefit year.
    pub benefit_year: i32,
    /// Notice title.
    pub title: String,
    /// No notice backs the policy: its figures are an estimate.
    #[serde(default, skip_serializing_if = "is_false")]
    pub estimate: bool,
}

/// `policy` request: the whole policy file as JSON (for calculators: categories,
/// contacts, targets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyRequest {
    /// Policy id.
    pub policy: String,
    /// The language of the answer's texts: `zh` (default) or `en`.
    #[serde(default, skip_serializing_if = "is_default_lang")]
    pub lang: Lang,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn default_person_matches_the_json_defaults() {
        let from_json: Person = serde_json::from_str("{}").unwrap();
        assert_eq!(Person::default(), from_json);
        assert!(Person::default().enrolling);
    }
}
