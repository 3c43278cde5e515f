//! The typed calls: the counter's hot question without JSON, plus small helpers.
//!
//! # Design
//! `yibao_quote` (and `yibao_quote_ex`, the same with a request struct and the grade)
//! reads its arguments in place (`&str` over the caller's bytes, the ID
//! number parsed without allocating, categories as a bit set) and calls
//! [`yibao_core::Engine::quote_typed`], which allocates nothing on success, so a quote costs
//! no heap allocation. The figures are the same as the JSON `quote`'s (the tests compare
//! both paths), as integer fen and yyyymmdd numbers.

use crate::engine::{engine_in, yibao_engine};
use crate::ffi::{
    boundary, date_in, date_out, index_out, non_null, optional_slice_in, read_sized, str_in,
    struct_size_in, write_out, write_sized, FfiResult, Field, OutBuf, SizedResult,
};
use crate::status::yibao_status;
use std::ffi::c_char;
use yibao_core::policy::Payer;
use yibao_core::{Category, CategorySet, Facts, Money, Outcome};

/// A category of person (design.md "Category ids"); its number is its bit in a category
/// mask (`YIBAO_CATEGORY_BIT(c)`). Read from C as `uint32_t`: a number outside the table is
/// `YIBAO_STATUS_UNKNOWN_CATEGORY`.
#[allow(non_camel_case_types)]
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum yibao_category {
    /// `extreme_poverty` 特困人员（特困供养人员）
    ExtremePoverty = 0,
    /// `orphan` 孤儿
    Orphan = 1,
    /// `unsupported_child` 事实无人抚养儿童
    UnsupportedChild = 2,
    /// `welfare_institution_child` 儿童福利机构收留抚养儿童
    WelfareInstitutionChild = 3,
    /// `minimum_living` 低保对象
    MinimumLiving = 4,
    /// `low_income` 低保边缘家庭成员（低收入家庭成员）
    LowIncome = 5,
    /// `returned_to_poverty` 返贫致贫人口
    ReturnedToPoverty = 6,
    /// `monitored_at_risk` 纳入监测范围的易返贫致贫人口（防贫监测对象）; includes the three below
    MonitoredAtRisk = 7,
    /// `unstable_out_of_poverty` 脱贫不稳定人员（户）
    UnstableOutOfPoverty = 8,
    /// `marginal_at_risk` 边缘易致贫人员（户）
    MarginalAtRisk = 9,
    /// `sudden_hardship` 突发严重困难人口（户）
    SuddenHardship = 10,
    /// `out_of_poverty` 脱贫人口（稳定脱贫人员、档内脱贫人口）
    OutOfPoverty = 11,
    /// `severe_disability` 重度残疾人（一、二级）
    SevereDisability = 12,
    /// `model_worker` 市级及以上劳动模范
    ModelWorker = 13,
    /// `priority_entitled` 重点优抚对象
    PriorityEntitled = 14,
    /// `policy_insured` 政策保人员
    PolicyInsured = 15,
    /// `child_in_distress` 困境儿童
    ChildInDistress = 16,
    /// `critically_ill` 重症病人
    CriticallyIll = 17,
    /// `student` 在校学生
    Student = 18,
}

/// Number of categories; valid numbers are `0..YIBAO_CATEGORY_COUNT`.
pub const YIBAO_CATEGORY_COUNT: u32 = 19;

/// The mask of every category bit; a mask with any other bit is
/// `YIBAO_STATUS_UNKNOWN_CATEGORY`.
pub const YIBAO_CATEGORY_MASK_ALL: u32 = 0x7_FFFF;

/// `yibao_quote_result.flags`: from benefit year 2025 (国办发〔2024〕38号) the cover dates
/// assume no break in insurance, as this call takes no enrolment history. A person with
/// years uninsured waits longer: ask the JSON entry point with `person.history`.
pub const YIBAO_QUOTE_HISTORY_ASSUMED: u32 = 1;
/// `yibao_quote_result.flags`: the notice states a wait without its length, so no cover
/// date can be given (`benefit_start` is 0 for that reason).
pub const YIBAO_QUOTE_COVER_UNKNOWN: u32 = 2;
/// `yibao_quote_result.flags`: paid outside the window where the person pays the fiscal
/// share too (`fiscal_subsidy` is 0).
pub const YIBAO_QUOTE_PAYS_FISCAL_SHARE: u32 = 4;
/// `yibao_quote_result.flags`: a figure (the standard, the fiscal subsidy, the aid or the
/// cover start) is not stated by the notice but assumed by the policy file: the JSON
/// answer's `basis` says which and `assumptions` what. Show it as an estimate.
pub const YIBAO_QUOTE_FIGURE_ASSUMED: u32 = 8;
/// `yibao_quote_result.flags`: a figure comes from a national default (the national
/// minimum standard, the continuity rules of 国办发〔2024〕38号), not from the notice.
pub const YIBAO_QUOTE_FIGURE_NATIONAL: u32 = 16;

/// The category with number `n`, if any.
fn category(n: u32) -> Result<Category, yibao_status> {
    usize::try_from(n)
        .ok()
        .and_then(|i| Category::ALL.get(i))
        .copied()
        .ok_or(yibao_status::UnknownCategory)
}

/// A quote, as the typed call returns it. Amounts are integer fen (1 yuan = 100 fen),
/// dates are yyyymmdd numbers (0 = none).
///
/// Caller-allocated and versioned by size: set `struct_size` to `sizeof(yibao_quote_result)`
/// before the call (`yibao_quote_result q = YIBAO_QUOTE_RESULT_INIT;`). The library writes
/// only the fields that lie wholly within `struct_size` bytes, so a newer library (which
/// may append fields) never writes past an older caller's struct; on success it sets
/// `struct_size` to the bytes it filled (test a field with `YIBAO_RESULT_HAS`). A
/// `struct_size` below `YIBAO_QUOTE_RESULT_MIN_SIZE` is `INVALID_STRUCT_SIZE`.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct yibao_quote_result {
    /// Set by the caller to `sizeof(yibao_quote_result)` (`YIBAO_QUOTE_RESULT_INIT`); on
    /// success, the bytes the library filled.
    pub struct_size: usize,
    /// Everything paid for the person (personal standard + fiscal subsidy).
    pub total: i64,
    /// Asked of the person before aid: the personal standard, plus in the late tiers of
    /// some regions the fiscal share the person pays too (the JSON answer shows the two as
    /// `personal_standard` and `fiscal_share_paid_by_person`).
    pub personal_standard: i64,
    /// Paid by the government for the person.
    pub fiscal_subsidy: i64,
    /// Aid on the personal part (医疗救助 etc.): the single highest aid, never stacked.
    pub aid_total: i64,
    /// What the bank collects from the person: `personal_standard - aid_total`.
    pub personal_due: i64,
    /// First day of cover, yyyymmdd; 0 when the payment buys no cover this benefit year.
    pub benefit_start: u32,
    /// Last day of cover, yyyymmdd; 0 when the payment buys no cover this benefit year.
    pub benefit_end: u32,
    /// Index of the payment period in the policy's `tiers` (`yibao_policy_json`); -1 for a
    /// newborn registering outside every period.
    pub tier: i32,
    /// Index of the newborn rule applied in the policy's `newborns`; -1 when none.
    pub newborn: i32,
    /// The category number (`yibao_category`, or a policy's own from
    /// `yibao_policy_category_parse`) the aid was granted for; -1 when no aid.
    pub aid_category: i32,
    /// `YIBAO_QUOTE_*` bits: what the figures assume or mean beyond the numbers.
    pub flags: u32,
    /// Index of the contribution grade (缴费档次) applied in the policy's `grades`
    /// (`yibao_policy_json`); -1 when none (a policy without grades, or a group standard
    /// applied). Appended after the first published layout: a caller built against this
    /// header tests it with `YIBAO_RESULT_HAS(yibao_quote_result, &q, grade)` before
    /// reading it (an older library leaves it unwritten).
    pub grade: i32,
    /// Index of the group standard (分类缴费标准, e.g. students) applied in the policy's
    /// `group_standards`; -1 when none. Appended with `grade`.
    pub group: i32,
}

/// The smallest `struct_size` `yibao_quote` accepts: the end of the last field of the
/// first published layout (0.1.0, through `flags`). Fields are only ever appended.
pub const YIBAO_QUOTE_RESULT_MIN_SIZE: usize = 72;

impl Default for yibao_quote_result {
    /// Zeroes, with `struct_size` set to this library's size (as `YIBAO_QUOTE_RESULT_INIT`).
    fn default() -> Self {
        yibao_quote_result {
            struct_size: std::mem::size_of::<yibao_quote_result>(),
            total: 0,
            personal_standard: 0,
            fiscal_subsidy: 0,
            aid_total: 0,
            personal_due: 0,
            benefit_start: 0,
            benefit_end: 0,
            tier: 0,
            newborn: 0,
            aid_category: 0,
            flags: 0,
            grade: 0,
            group: 0,
        }
    }
}

/// `(offset, size)` of each named field of a `#[repr(C)]` struct, in the order given.
macro_rules! fields {
    ($t:ty { $($f:ident: $ft:ty),* $(,)? }) => {
        &[$((std::mem::offset_of!($t, $f), std::mem::size_of::<$ft>())),*]
    };
}

impl SizedResult for yibao_quote_result {
    const MIN_SIZE: usize = YIBAO_QUOTE_RESULT_MIN_SIZE;
    const FIELDS: &'static [Field] = fields!(yibao_quote_result {
        struct_size: usize,
        total: i64,
        personal_standard: i64,
        fiscal_subsidy: i64,
        aid_total: i64,
        personal_due: i64,
        benefit_start: u32,
        benefit_end: u32,
        tier: i32,
        newborn: i32,
        aid_category: i32,
        flags: u32,
        grade: i32,
        group: i32,
    });
    fn with_struct_size(self, struct_size: usize) -> Self {
        yibao_quote_result {
            struct_size,
            ..self
        }
    }
}

fn flags(o: &Outcome, b: yibao_core::Bases) -> u32 {
    let mut f = 0;
    let all = [
        Some(b.personal_standard),
        Some(b.fiscal_subsidy),
        b.aid,
        Some(b.benefit_start),
    ];
    if all.contains(&Some(yibao_core::Basis::Assumed)) {
        f |= YIBAO_QUOTE_FIGURE_ASSUMED;
    }
    if all.contains(&Some(yibao_core::Basis::National)) {
        f |= YIBAO_QUOTE_FIGURE_NATIONAL;
    }
    if o.continuity.is_some_and(|c| !c.history_given) {
        f |= YIBAO_QUOTE_HISTORY_ASSUMED;
    }
    if o.cover_unknown {
        f |= YIBAO_QUOTE_COVER_UNKNOWN;
    }
    if o.payer == Payer::PersonalAndFiscal {
        f |= YIBAO_QUOTE_PAYS_FISCAL_SHARE;
    }
    f
}

fn fen(m: Money) -> Result<i64, yibao_status> {
    m.fen().ok_or(yibao_status::OutOfRange)
}

/// The typed quote, allocation-free on success.
#[allow(clippy::too_many_arguments)]
fn quote(
    engine: &yibao_engine,
    policy: &str,
    id_number: Option<&str>,
    birth_date: u32,
    category_bits: u32,
    categories: &[u32],
    grade: Option<&str>,
    paid_on: u32,
) -> Result<yibao_quote_result, yibao_status> {
    let from_id = match id_number {
        Some(n) => Some(
            yibao_core::id::parse(n, None)
                .map_err(|_| yibao_status::InvalidId)?
                .birth_date(),
        ),
        None => None,
    };
    let from_date = match birth_date {
        0 => None,
        d => Some(date_in(d)?),
    };
    let birth = match (from_id, from_date) {
        (Some(a), Some(b)) if a != b => return Err(yibao_status::InvalidRequest),
        (Some(a), _) | (None, Some(a)) => a,
        (None, None) => return Err(yibao_status::InvalidRequest),
    };
    if category_bits & !YIBAO_CATEGORY_MASK_ALL != 0 {
        return Err(yibao_status::UnknownCategory);
    }
    let mut set = CategorySet::from_bits(u64::from(category_bits));
    for n in categories {
        // National numbers, or a policy's own (`yibao_policy_category_parse`); the core
        // refuses a number the policy does not know.
        let bit = u8::try_from(*n)
            .ok()
            .filter(|b| *b < yibao_core::category::CATEGORY_BITS)
            .ok_or(yibao_status::UnknownCategory)?;
        set.insert_bit(bit);
    }
    let paid_on = date_in(paid_on)?;
    let mut facts = Facts::born(birth);
    facts.categories = set;
    let (o, basis) = engine
        .read()
        .quote_typed_graded(policy, &facts, grade, paid_on)
        .map_err(|e| yibao_status::from_code(e.code()))?;
    let aid_category = match o.aid {
        None => -1,
        Some(a) => i32::from(a.category),
    };
    Ok(yibao_quote_result {
        struct_size: std::mem::size_of::<yibao_quote_result>(),
        total: fen(o.total)?,
        personal_standard: fen(o.personal_standard + o.fiscal_share)?,
        fiscal_subsidy: fen(o.fiscal_subsidy)?,
        aid_total: fen(o.aid_total())?,
        personal_due: fen(o.personal_due)?,
        benefit_start: date_out(o.benefit_start),
        benefit_end: date_out(o.benefit_end),
        tier: index_out(o.tier)?,
        newborn: index_out(o.newborn)?,
        aid_category,
        flags: flags(&o, basis),
        grade: index_out(o.grade.map(usize::from))?,
        group: index_out(o.group)?,
    })
}

/// The counter's hot question: what does this person pay on `paid_on` under `policy`, and
/// from when to when are they covered? No JSON and no heap allocation.
///
/// - `policy`, `policy_len`: the policy id, e.g. `"140400-2024"` (UTF-8, no NUL needed).
/// - `id_number`, `id_number_len`: the ID number (居民身份证 18 or 15 characters, or a
///   permit); NULL with length 0 when not given.
/// - `birth_date`: yyyymmdd, or 0 when not given. At least one of ID number and birth
///   date is needed; when both are given they must agree.
/// - `category_bits`: a mask of `YIBAO_CATEGORY_BIT(c)`; 0 for an ordinary resident.
/// - `categories`, `categories_len`: category numbers (`yibao_category`, or a policy's
///   own categories' numbers from `yibao_policy_category_parse`), added to the mask; NULL
///   with length 0 when none.
/// - `paid_on`: the payment date, yyyymmdd.
/// - `out`: receives the quote, only on success; its `struct_size` must be set
///   (`YIBAO_QUOTE_RESULT_INIT`), and only the fields within it are written.
///
/// This call takes no contribution grade: for a policy with grades (成都 一档/二档) it
/// answers `INVALID_GRADE` unless a group standard applies. `yibao_quote_ex` takes the same
/// arguments in a `yibao_quote_request`, the grade among them.
///
/// Status: `OK`; `INVALID_REQUEST` (no ID number and no birth date, or they disagree);
/// `UNKNOWN_POLICY`; `INVALID_GRADE` (the policy has grades); `UNKNOWN_CATEGORY` (a number the policy does not know or a bit outside
/// `YIBAO_CATEGORY_MASK_ALL`); `AMBIGUOUS_CATEGORY` (a family such as `MonitoredAtRisk`
/// whose subtypes the policy aids differently: pass the subtype); `INVALID_DATE`; `NO_WINDOW`; `NOT_PAYMENT_DAY`; `INVALID_ID`;
/// `BIRTH_AFTER_PAYMENT`; `NULL_POINTER` (engine, policy or out NULL, or a NULL optional
/// pointer with a length); `INVALID_UTF8`; `INVALID_ARGUMENT` (a length above
/// `PTRDIFF_MAX`, a misaligned `categories`); `OUT_OF_RANGE`; `INVALID_STRUCT_SIZE`
/// (`out->struct_size` not set, or below `YIBAO_QUOTE_RESULT_MIN_SIZE`).
///
/// # Safety
/// Pointers must be NULL or valid (README, "API conventions").
#[allow(clippy::too_many_arguments)]
#[no_mangle]
pub unsafe extern "C" fn yibao_quote(
    engine: *const yibao_engine,
    policy: *const c_char,
    policy_len: usize,
    id_number: *const c_char,
    id_number_len: usize,
    birth_date: u32,
    category_bits: u32,
    categories: *const u32,
    categories_len: usize,
    paid_on: u32,
    out: *mut yibao_quote_result,
) -> yibao_status {
    boundary(|| {
        // SAFETY: the caller promises a live engine (or NULL).
        let engine = unsafe { engine_in(engine) }?;
        // SAFETY: the caller promises `policy_len` readable bytes (or NULL).
        let policy = unsafe { str_in(policy, policy_len) }?;
        let id_number = if id_number.is_null() && id_number_len == 0 {
            None
        } else {
            // SAFETY: the caller promises `id_number_len` readable bytes.
            Some(unsafe { str_in(id_number, id_number_len) }?)
        };
        // SAFETY: the caller promises `categories_len` readable numbers (or NULL, 0).
        let categories = unsafe { optional_slice_in(categories, categories_len) }?;
        // SAFETY: the caller promises `out` is NULL or a result struct whose
        // `struct_size` it set.
        let size = unsafe { struct_size_in(out) }?;
        let q = quote(
            engine,
            policy,
            id_number,
            birth_date,
            category_bits,
            categories,
            None,
            paid_on,
        )?;
        // SAFETY: `out` is non-null and the caller promises `size` writable bytes.
        unsafe { write_sized(out, size, q) };
        Ok(())
    })
}

/// The question of `yibao_quote_ex`: `yibao_quote`'s arguments, and the contribution grade.
///
/// Caller-allocated and versioned by size, as the result structs: set `struct_size` to
/// `sizeof(yibao_quote_request)` (`yibao_quote_request r = YIBAO_QUOTE_REQUEST_INIT;`, which
/// also makes every optional field "not given"). The library reads only the fields that
/// lie wholly within `struct_size` bytes; a field a later library appends is "not given"
/// for a caller whose struct lacks it. A `struct_size` short of the first layout (through
/// `paid_on`, `YIBAO_QUOTE_REQUEST_MIN_SIZE`) is `INVALID_STRUCT_SIZE`. Strings are
/// pointer + length (UTF-8, no NUL needed); an optional one is NULL with length 0 when not
/// given. The library keeps no pointer after the call.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct yibao_quote_request {
    /// Set by the caller to `sizeof(yibao_quote_request)` (`YIBAO_QUOTE_REQUEST_INIT`).
    pub struct_size: usize,
    /// The policy id, e.g. `"510100-2025"`; required.
    pub policy: *const c_char,
    /// Bytes at `policy`.
    pub policy_len: usize,
    /// The ID number (居民身份证 18 or 15 characters, or a permit); NULL, 0 when not given.
    pub id_number: *const c_char,
    /// Bytes at `id_number`.
    pub id_number_len: usize,
    /// Category numbers (`yibao_category`, or a policy's own from
    /// `yibao_policy_category_parse`), added to `category_bits`; NULL, 0 when none.
    pub categories: *const u32,
    /// Numbers at `categories`.
    pub categories_len: usize,
    /// The contribution grade (缴费档次) the person chose, by its id in the policy's
    /// `grades` (`yibao_policy_json`; 成都 `"adult_520"`), as the JSON `person.grade`;
    /// NULL, 0 when not given (a policy without grades, or a person with a group standard).
    pub grade: *const c_char,
    /// Bytes at `grade`.
    pub grade_len: usize,
    /// Birth date, yyyymmdd; 0 when not given. At least one of ID number and birth date
    /// is needed; when both are given they must agree.
    pub birth_date: u32,
    /// A mask of `YIBAO_CATEGORY_BIT(c)`; 0 for an ordinary resident.
    pub category_bits: u32,
    /// The payment date, yyyymmdd; required.
    pub paid_on: u32,
}

/// The end of the last field of the first layout of `yibao_quote_request` (through
/// `paid_on`): the header's `YIBAO_QUOTE_REQUEST_MIN_SIZE` computes the same from the C
/// layout.
pub(crate) const QUOTE_REQUEST_MIN_SIZE: usize =
    std::mem::offset_of!(yibao_quote_request, paid_on) + std::mem::size_of::<u32>();

impl Default for yibao_quote_request {
    /// Every field "not given", with `struct_size` set to this library's size (as
    /// `YIBAO_QUOTE_REQUEST_INIT`).
    fn default() -> Self {
        yibao_quote_request {
            struct_size: std::mem::size_of::<yibao_quote_request>(),
            policy: std::ptr::null(),
            policy_len: 0,
            id_number: std::ptr::null(),
            id_number_len: 0,
            categories: std::ptr::null(),
            categories_len: 0,
            grade: std::ptr::null(),
            grade_len: 0,
            birth_date: 0,
            category_bits: 0,
            paid_on: 0,
        }
    }
}

impl SizedResult for yibao_quote_request {
    const MIN_SIZE: usize = QUOTE_REQUEST_MIN_SIZE;
    const FIELDS: &'static [Field] = fields!(yibao_quote_request {
        struct_size: usize,
        policy: *const c_char,
        policy_len: usize,
        id_number: *const c_char,
        id_number_len: usize,
        categories: *const u32,
        categories_len: usize,
        grade: *const c_char,
        grade_len: usize,
        birth_date: u32,
        category_bits: u32,
        paid_on: u32,
    });
    fn with_struct_size(self, struct_size: usize) -> Self {
        yibao_quote_request {
            struct_size,
            ..self
        }
    }
}

/// Reads an optional string: NULL with length 0 is not given.
///
/// # Safety
/// As `str_in`.
unsafe fn optional_str_in<'a>(
    ptr: *const c_char,
    len: usize,
) -> Result<Option<&'a str>, yibao_status> {
    if ptr.is_null() && len == 0 {
        Ok(None)
    } else {
        // SAFETY: forwarded from the caller.
        Some(unsafe { str_in(ptr, len) }).transpose()
    }
}

/// The counter's hot question with every fact of the typed path, the contribution grade
/// among them: `yibao_quote` with its arguments in a `yibao_quote_request` (which grows by
/// `struct_size`, as the results do). The same figures as the JSON `quote` with
/// `person.grade`; no JSON and no heap allocation.
///
/// - `request`: the question (`YIBAO_QUOTE_REQUEST_INIT`, then the fields).
/// - `out`: receives the quote, only on success; its `struct_size` must be set
///   (`YIBAO_QUOTE_RESULT_INIT`), and only the fields within it are written. `out->grade`
///   is the grade applied (its index in the policy's `grades`), -1 when a group standard
///   applied instead.
///
/// Status: those of `yibao_quote`, and `INVALID_GRADE` (the policy has grades and the
/// request names none, or one the policy does not have; a person with a group standard,
/// such as a student, needs none); `INVALID_STRUCT_SIZE` also for `request->struct_size`
/// (not set, or below `YIBAO_QUOTE_REQUEST_MIN_SIZE`); `NULL_POINTER` also for `request`,
/// `request->policy`, and a NULL optional pointer with a length.
///
/// # Safety
/// Pointers must be NULL or valid (README, "API conventions"), those inside `*request`
/// too, for the lengths it gives.
#[no_mangle]
pub unsafe extern "C" fn yibao_quote_ex(
    engine: *const yibao_engine,
    request: *const yibao_quote_request,
    out: *mut yibao_quote_result,
) -> yibao_status {
    boundary(|| {
        // SAFETY: the caller promises a live engine (or NULL).
        let engine = unsafe { engine_in(engine) }?;
        // SAFETY: the caller promises `request` is NULL or a request struct whose
        // `struct_size` it set, readable for those bytes.
        let r = unsafe { read_sized(request) }?;
        // SAFETY: the caller promises `policy_len` readable bytes (or NULL).
        let policy = unsafe { str_in(r.policy, r.policy_len) }?;
        // SAFETY: the caller promises `id_number_len` readable bytes (or NULL, 0).
        let id_number = unsafe { optional_str_in(r.id_number, r.id_number_len) }?;
        // SAFETY: the caller promises `categories_len` readable numbers (or NULL, 0).
        let categories = unsafe { optional_slice_in(r.categories, r.categories_len) }?;
        // SAFETY: the caller promises `grade_len` readable bytes (or NULL, 0).
        let grade = unsafe { optional_str_in(r.grade, r.grade_len) }?;
        // SAFETY: the caller promises `out` is NULL or a result struct whose
        // `struct_size` it set.
        let size = unsafe { struct_size_in(out) }?;
        let q = quote(
            engine,
            policy,
            id_number,
            r.birth_date,
            r.category_bits,
            categories,
            grade,
            r.paid_on,
        )?;
        // SAFETY: `out` is non-null and the caller promises `size` writable bytes.
        unsafe { write_sized(out, size, q) };
        Ok(())
    })
}

/// Whether payments are taken on a date, as the typed window check returns it.
///
/// Caller-allocated and versioned by size, as `yibao_quote_result`: set `struct_size` to
/// `sizeof(yibao_window_result)` (`YIBAO_WINDOW_RESULT_INIT`) before the call.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct yibao_window_result {
    /// Set by the caller to `sizeof(yibao_window_result)` (`YIBAO_WINDOW_RESULT_INIT`); on
    /// success, the bytes the library filled.
    pub struct_size: usize,
    /// True when a payment can be taken on the date (in a period, on a payment day).
    pub open: bool,
    /// True when the date is a payment day of its period (长治: days 1–25).
    pub payment_day: bool,
    /// Index of the period the date lies in (the policy's `tiers`); -1 when none.
    pub tier: i32,
    /// The first payment day on or after the date, yyyymmdd; 0 when none is left.
    pub next_payment_day: u32,
}

/// The smallest `struct_size` `yibao_window` accepts: the end of the last field of the
/// first published layout (0.1.0, through `next_payment_day`; `sizeof` is 24 with the
/// padding). Fields are only ever appended.
pub const YIBAO_WINDOW_RESULT_MIN_SIZE: usize = 20;

impl Default for yibao_window_result {
    /// Zeroes, with `struct_size` set to this library's size (as `YIBAO_WINDOW_RESULT_INIT`).
    fn default() -> Self {
        yibao_window_result {
            struct_size: std::mem::size_of::<yibao_window_result>(),
            open: false,
            payment_day: false,
            tier: 0,
            next_payment_day: 0,
        }
    }
}

impl SizedResult for yibao_window_result {
    const MIN_SIZE: usize = YIBAO_WINDOW_RESULT_MIN_SIZE;
    const FIELDS: &'static [Field] = fields!(yibao_window_result {
        struct_size: usize,
        open: bool,
        payment_day: bool,
        tier: i32,
        next_payment_day: u32,
    });
    fn with_struct_size(self, struct_size: usize) -> Self {
        yibao_window_result {
            struct_size,
            ..self
        }
    }
}

/// Is the window open on `date` (yyyymmdd) under `policy`? Same answer as the JSON
/// `window` (which adds the period's name and citations). `out` is written on success,
/// only the fields within its `struct_size` (`YIBAO_WINDOW_RESULT_INIT`).
///
/// Status: `OK`, `UNKNOWN_POLICY`, `INVALID_DATE`, `NULL_POINTER` (engine, policy or out),
/// `INVALID_UTF8`, `INVALID_ARGUMENT`, `INVALID_STRUCT_SIZE` (`out->struct_size` not set,
/// or below `YIBAO_WINDOW_RESULT_MIN_SIZE`).
///
/// # Safety
/// Pointers must be NULL or valid (README, "API conventions").
#[no_mangle]
pub unsafe extern "C" fn yibao_window(
    engine: *const yibao_engine,
    policy: *const c_char,
    policy_len: usize,
    date: u32,
    out: *mut yibao_window_result,
) -> yibao_status {
    boundary(|| {
        // SAFETY: the caller promises a live engine (or NULL).
        let engine = unsafe { engine_in(engine) }?;
        // SAFETY: the caller promises `policy_len` readable bytes (or NULL).
        let policy = unsafe { str_in(policy, policy_len) }?;
        // SAFETY: the caller promises `out` is NULL or a result struct whose
        // `struct_size` it set.
        let size = unsafe { struct_size_in(out) }?;
        let date = date_in(date)?;
        let engine = engine.read();
        let err = |e: yibao_core::Error| yibao_status::from_code(e.code());
        let status = engine
            .window(&yibao_core::WindowRequest {
                policy: policy.to_owned(),
                date,
                lang: yibao_core::Lang::default(),
            })
            .map_err(err)?;
        let tier = engine
            .policy(policy)
            .map_err(err)?
            .tier_on(date)
            .map(|(i, _)| i);
        let w = yibao_window_result {
            struct_size: std::mem::size_of::<yibao_window_result>(),
            open: status.open,
            payment_day: status.payment_day,
            tier: index_out(tier)?,
            next_payment_day: date_out(status.next_payment_day),
        };
        // SAFETY: `out` is non-null and the caller promises `size` writable bytes.
        unsafe { write_sized(out, size, w) };
        Ok(())
    })
}

/// The number of a category id (e.g. `"minimum_living"` → 4), for reading category lists
/// from files. `*out` is written on success.
///
/// Status: `OK`, `UNKNOWN_CATEGORY`, `NULL_POINTER` (id or out), `INVALID_UTF8`,
/// `INVALID_ARGUMENT`.
///
/// # Safety
/// Pointers must be NULL or valid (README, "API conventions").
#[no_mangle]
pub unsafe extern "C" fn yibao_category_parse(
    id: *const c_char,
    id_len: usize,
    out: *mut u32,
) -> yibao_status {
    boundary(|| {
        // SAFETY: the caller promises `id_len` readable bytes (or NULL).
        let id = unsafe { str_in(id, id_len) }?;
        non_null(out)?;
        let c: Category = id.parse().map_err(|()| yibao_status::UnknownCategory)?;
        let n = Category::ALL
            .iter()
            .position(|x| *x == c)
            .and_then(|i| u32::try_from(i).ok())
            .ok_or(yibao_status::UnknownCategory)?;
        // SAFETY: `out` is non-null and the caller promises it is writable.
        unsafe { write_out(out, n) };
        Ok(())
    })
}

/// The number of a category id under one policy: a national id (as
/// `yibao_category_parse`) or one of the categories the policy declares itself (三、四级残疾人
/// …), whose numbers are `YIBAO_CATEGORY_COUNT` and above and hold for that policy only.
/// `*out` is written on success.
///
/// Status: `OK`, `UNKNOWN_POLICY`, `UNKNOWN_CATEGORY`, `NULL_POINTER` (engine, policy, id
/// or out), `INVALID_UTF8`, `INVALID_ARGUMENT`.
///
/// # Safety
/// Pointers must be NULL or valid (README, "API conventions").
#[no_mangle]
pub unsafe extern "C" fn yibao_policy_category_parse(
    engine: *const yibao_engine,
    policy: *const c_char,
    policy_len: usize,
    id: *const c_char,
    id_len: usize,
    out: *mut u32,
) -> yibao_status {
    boundary(|| {
        // SAFETY: the caller promises a live engine (or NULL).
        let engine = unsafe { engine_in(engine) }?;
        // SAFETY: the caller promises `policy_len` readable bytes (or NULL).
        let policy = unsafe { str_in(policy, policy_len) }?;
        // SAFETY: the caller promises `id_len` readable bytes (or NULL).
        let id = unsafe { str_in(id, id_len) }?;
        non_null(out)?;
        let guard = engine.read();
        let p = guard
            .policy(policy)
            .map_err(|e| yibao_status::from_code(e.code()))?;
        let n = p.table.bit(id).ok_or(yibao_status::UnknownCategory)?;
        // SAFETY: `out` is non-null and the caller promises it is writable.
        unsafe { write_out(out, u32::from(n)) };
        Ok(())
    })
}

/// The stable id of a category number (4 → `"minimum_living"`), as a static
/// NUL-terminated string that must not be freed; NULL for a number outside the table.
#[no_mangle]
pub extern "C" fn yibao_category_id(category: u32) -> *const c_char {
    crate::ffi::guard(std::ptr::null(), || {
        self::category(category)
            .ok()
            .and_then(|c| CATEGORY_IDS.iter().find(|(x, _)| *x == c))
            .map_or(std::ptr::null(), |(_, id)| id.as_ptr())
    })
}

/// NUL-terminated ids (checked against the core's ids by a test).
const CATEGORY_IDS: &[(Category, &std::ffi::CStr)] = &[
    (Category::ExtremePoverty, c"extreme_poverty"),
    (Category::Orphan, c"orphan"),
    (Category::UnsupportedChild, c"unsupported_child"),
    (
        Category::WelfareInstitutionChild,
        c"welfare_institution_child",
    ),
    (Category::MinimumLiving, c"minimum_living"),
    (Category::LowIncome, c"low_income"),
    (Category::ReturnedToPoverty, c"returned_to_poverty"),
    (Category::MonitoredAtRisk, c"monitored_at_risk"),
    (Category::UnstableOutOfPoverty, c"unstable_out_of_poverty"),
    (Category::MarginalAtRisk, c"marginal_at_risk"),
    (Category::SuddenHardship, c"sudden_hardship"),
    (Category::OutOfPoverty, c"out_of_poverty"),
    (Category::SevereDisability, c"severe_disability"),
    (Category::ModelWorker, c"model_worker"),
    (Category::PriorityEntitled, c"priority_entitled"),
    (Category::PolicyInsured, c"policy_insured"),
    (Category::ChildInDistress, c"child_in_distress"),
    (Category::CriticallyIll, c"critically_ill"),
    (Category::Student, c"student"),
];

/// Writes the masked form of an ID number (`140402********1236`) to `buf`, for receipts and
/// logs: the first six and last four characters of the normalized number when it is
/// valid, else of the input with surrounding spaces removed (all `*` when shorter than 15
/// characters). Buffer rules as `yibao_json`.
///
/// Status: `OK`, `NULL_POINTER` (id_number or needed; buf NULL with cap > 0),
/// `INVALID_UTF8`, `BUFFER_TOO_SMALL`, `INVALID_ARGUMENT`.
///
/// # Safety
/// Pointers must be NULL or valid (README, "API conventions").
#[no_mangle]
pub unsafe extern "C" fn yibao_id_mask(
    id_number: *const c_char,
    id_number_len: usize,
    buf: *mut c_char,
    cap: usize,
    needed: *mut usize,
) -> yibao_status {
    boundary(|| -> FfiResult {
        // SAFETY: the caller promises `id_number_len` readable bytes (or NULL).
        let id = unsafe { str_in(id_number, id_number_len) }?;
        let out = OutBuf::new(buf, cap, needed)?;
        let masked = match yibao_core::id::parse(id, None) {
            Ok(n) => n.masked(),
            Err(_) => yibao_core::id::mask(id.trim_matches(|c: char| c.is_ascii_whitespace())),
        };
        // SAFETY: the caller promises `buf`/`needed`.
        unsafe { out.write(&masked) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amount_beyond_int64_fen_is_out_of_range() {
        let huge = Money::from_fen(i64::MAX) + Money::from_fen(1);
        assert_eq!(fen(huge), Err(yibao_status::OutOfRange));
        assert_eq!(fen(Money::from_fen(38000)), Ok(38000));
        assert_eq!(index_out(Some(usize::MAX)), Err(yibao_status::OutOfRange));
    }

    /// The field lists name every field once, in layout order, with nothing between them
    /// but alignment padding, and the minimum sizes are the ends of the published fields.
    fn check_fields<T: SizedResult>(min: usize) {
        let fields = T::FIELDS;
        assert_eq!(fields.first(), Some(&(0, std::mem::size_of::<usize>())));
        let mut end = 0;
        for (offset, len) in fields {
            assert!(
                *offset >= end && *offset - end < *len,
                "gap before {offset}"
            );
            end = offset + len;
        }
        let align = std::mem::align_of::<T>();
        assert_eq!(end.div_ceil(align) * align, std::mem::size_of::<T>());
        assert!(min <= end);
        assert!(
            fields.iter().any(|(o, l)| o + l == min),
            "{min} ends no field"
        );
        assert_eq!(crate::ffi::filled_size::<T>(std::mem::size_of::<T>()), end);
        assert_eq!(crate::ffi::filled_size::<T>(usize::MAX), end);
    }

    #[test]
    fn result_layouts() {
        check_fields::<yibao_quote_result>(YIBAO_QUOTE_RESULT_MIN_SIZE);
        check_fields::<yibao_window_result>(YIBAO_WINDOW_RESULT_MIN_SIZE);
        check_fields::<yibao_quote_request>(QUOTE_REQUEST_MIN_SIZE);
        // The quote result is written in one copy when the caller's struct holds it all;
        // the window result has padding, which is never written.
        const { assert!(<yibao_quote_result as SizedResult>::UNPADDED) };
        const { assert!(!<yibao_window_result as SizedResult>::UNPADDED) };
        // The first published layouts (0.1.0) are the minimum sizes, which callers
        // compiled against them keep; the quote result has grown by `grade` and `group`.
        assert_eq!(YIBAO_QUOTE_RESULT_MIN_SIZE, 72);
        assert_eq!(std::mem::size_of::<yibao_quote_result>(), 80);
        assert_eq!(std::mem::size_of::<yibao_window_result>(), 24);
        #[cfg(target_pointer_width = "64")]
        assert_eq!(
            (
                QUOTE_REQUEST_MIN_SIZE,
                std::mem::size_of::<yibao_quote_request>()
            ),
            (84, 88)
        );
    }

    /// A newer library's result (two fields appended) written for a caller that knows
    /// only the first layout: the appended fields are not written, nor is anything past
    /// the caller's `struct_size`.
    #[test]
    fn only_the_fields_within_struct_size_are_written() {
        #[repr(C)]
        #[derive(Clone, Copy)]
        struct Grown {
            struct_size: usize,
            a: u32,
            b: u32,
            c: u64,
        }
        impl SizedResult for Grown {
            const MIN_SIZE: usize = 12;
            const FIELDS: &'static [Field] = fields!(Grown {
                struct_size: usize,
                a: u32,
                b: u32,
                c: u64
            });
            fn with_struct_size(self, struct_size: usize) -> Self {
                Grown {
                    struct_size,
                    ..self
                }
            }
        }
        let value = Grown {
            struct_size: 24,
            a: 1,
            b: 2,
            c: 3,
        };
        for (caller, filled, want_a, want_b, want_c) in [
            (12, 12, 1, 0xAAAA_AAAA, u64::MAX),
            (15, 12, 1, 0xAAAA_AAAA, u64::MAX),
            (16, 16, 1, 2, u64::MAX),
            (23, 16, 1, 2, u64::MAX),
            (24, 24, 1, 2, 3),
            (4096, 24, 1, 2, 3),
        ] {
            let mut out = Grown {
                struct_size: caller,
                a: 0xAAAA_AAAA,
                b: 0xAAAA_AAAA,
                c: u64::MAX,
            };
            let p = std::ptr::from_mut(&mut out);
            // SAFETY: `out` is a live `Grown`, writable for all of its bytes.
            let size = unsafe { crate::ffi::struct_size_in(p) }.unwrap_or(0);
            assert_eq!(size, caller);
            // SAFETY: `write_sized` writes only within `size_of::<Grown>()`, all of which
            // `out` owns, whatever `size` says.
            unsafe { write_sized(p, size, value) };
            assert_eq!(
                (out.struct_size, out.a, out.b, out.c),
                (filled, want_a, want_b, want_c),
                "{caller}"
            );
        }
        for bad in [0, 8, 11, 4097, usize::MAX] {
            let mut out = Grown {
                struct_size: bad,
                a: 0,
                b: 0,
                c: 0,
            };
            // SAFETY: `out` is a live `Grown`.
            let r = unsafe { crate::ffi::struct_size_in(std::ptr::from_mut(&mut out)) };
            assert_eq!(r, Err(yibao_status::InvalidStructSize), "{bad}");
        }
    }
}
