//! The status every fallible function returns.
//!
//! # Design
//! Numbers 1–15 are the core's [`yibao_core::ErrorCode`] numbers, with the same meanings
//! (the JSON `error.code` of the same failure). Numbers from 100 are failures only the C
//! boundary can have. A number is never reused: a retired status keeps its number forever.

use std::ffi::{c_char, CStr};
use yibao_core::ErrorCode;

/// The result of a call: `YIBAO_STATUS_OK` (0) or why it failed.
///
/// 1–15 are the contract's error codes (the same failure as the JSON `error.code`); 100 and
/// above are failures of the C boundary. Numbers are stable and never reused.
#[allow(non_camel_case_types)]
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum yibao_status {
    /// Success; every output was written.
    Ok = 0,
    /// `invalid_json`: the request is not JSON.
    InvalidJson = 1,
    /// `invalid_request`: a field is missing, mistyped or unknown (typed calls: neither ID
    /// number nor birth date, or the two disagree).
    InvalidRequest = 2,
    /// `unknown_policy`: no policy has this id.
    UnknownPolicy = 3,
    /// `unknown_category`: a category id or number is not in the table.
    UnknownCategory = 4,
    /// `invalid_date`: a date is malformed, impossible or outside 1900-01-01..2199-12-31.
    InvalidDate = 5,
    /// `no_window`: the date lies in no payment period of the policy.
    NoWindow = 6,
    /// `not_payment_day`: in a payment period but not on a payment day of the month.
    NotPaymentDay = 7,
    /// `invalid_id`: the ID number is not valid.
    InvalidId = 8,
    /// `birth_after_payment`: the person was born after the payment date.
    BirthAfterPayment = 9,
    /// `policy_syntax`: a policy file cannot be read (the message gives file:line:column).
    PolicySyntax = 10,
    /// `policy_invalid`: a policy file reads but contradicts itself.
    PolicyInvalid = 11,
    /// `household_incomplete`: a household rule is not met.
    HouseholdIncomplete = 12,
    /// `unknown_operation`: the operation name is not part of the contract.
    UnknownOperation = 13,
    /// `ambiguous_category`: a family of categories (防贫监测对象) whose subtypes the
    /// policy aids differently; give the subtype.
    AmbiguousCategory = 14,
    /// `invalid_grade`: the policy has contribution grades (缴费档次) and none, or an unknown
    /// one, was given. `yibao_quote` takes no grade: for a policy with grades use
    /// `yibao_quote_ex` (`yibao_quote_request.grade`) or the JSON entry point.
    InvalidGrade = 15,
    /// A required pointer argument is NULL.
    NullPointer = 100,
    /// A string argument (or a policy file) is not valid UTF-8.
    InvalidUtf8 = 101,
    /// The output buffer is too small; `*needed` holds the size it needs.
    BufferTooSmall = 102,
    /// The library panicked (a bug); the call had no effect on its outputs.
    Panic = 103,
    /// An argument is out of its domain (e.g. a length above `PTRDIFF_MAX`).
    InvalidArgument = 104,
    /// A figure does not fit its C type.
    OutOfRange = 105,
    /// A file cannot be read.
    Io = 106,
    /// The `struct_size` of a result (or request) struct is not set, or smaller than the
    /// first published layout of that struct (initialise it with `YIBAO_QUOTE_RESULT_INIT` /
    /// `YIBAO_WINDOW_RESULT_INIT` / `YIBAO_QUOTE_REQUEST_INIT`, or set it to `sizeof`);
    /// nothing was written.
    InvalidStructSize = 107,
}

impl yibao_status {
    /// Every status, in number order.
    pub const ALL: &'static [yibao_status] = &[
        yibao_status::Ok,
        yibao_status::InvalidJson,
        yibao_status::InvalidRequest,
        yibao_status::UnknownPolicy,
        yibao_status::UnknownCategory,
        yibao_status::InvalidDate,
        yibao_status::NoWindow,
        yibao_status::NotPaymentDay,
        yibao_status::InvalidId,
        yibao_status::BirthAfterPayment,
        yibao_status::PolicySyntax,
        yibao_status::PolicyInvalid,
        yibao_status::HouseholdIncomplete,
        yibao_status::UnknownOperation,
        yibao_status::AmbiguousCategory,
        yibao_status::InvalidGrade,
        yibao_status::NullPointer,
        yibao_status::InvalidUtf8,
        yibao_status::BufferTooSmall,
        yibao_status::Panic,
        yibao_status::InvalidArgument,
        yibao_status::OutOfRange,
        yibao_status::Io,
        yibao_status::InvalidStructSize,
    ];

    /// The status of a core error code (same number).
    pub fn from_code(code: ErrorCode) -> yibao_status {
        match code {
            ErrorCode::InvalidJson => yibao_status::InvalidJson,
            ErrorCode::InvalidRequest => yibao_status::InvalidRequest,
            ErrorCode::UnknownPolicy => yibao_status::UnknownPolicy,
            ErrorCode::UnknownCategory => yibao_status::UnknownCategory,
            ErrorCode::InvalidDate => yibao_status::InvalidDate,
            ErrorCode::NoWindow => yibao_status::NoWindow,
            ErrorCode::NotPaymentDay => yibao_status::NotPaymentDay,
            ErrorCode::InvalidId => yibao_status::InvalidId,
            ErrorCode::BirthAfterPayment => yibao_status::BirthAfterPayment,
            ErrorCode::PolicySyntax => yibao_status::PolicySyntax,
            ErrorCode::PolicyInvalid => yibao_status::PolicyInvalid,
            ErrorCode::HouseholdIncomplete => yibao_status::HouseholdIncomplete,
            ErrorCode::UnknownOperation => yibao_status::UnknownOperation,
            ErrorCode::AmbiguousCategory => yibao_status::AmbiguousCategory,
            ErrorCode::InvalidGrade => yibao_status::InvalidGrade,
        }
    }

    /// The status with this number, if any (numbers come from C as `uint32_t`).
    pub fn from_number(n: u32) -> Option<yibao_status> {
        yibao_status::ALL.iter().copied().find(|s| *s as u32 == n)
    }

    /// The stable snake_case code (the core's string code for 1–15).
    pub fn code(self) -> &'static CStr {
        match self {
            yibao_status::Ok => c"ok",
            yibao_status::InvalidJson => c"invalid_json",
            yibao_status::InvalidRequest => c"invalid_request",
            yibao_status::UnknownPolicy => c"unknown_policy",
            yibao_status::UnknownCategory => c"unknown_category",
            yibao_status::InvalidDate => c"invalid_date",
            yibao_status::NoWindow => c"no_window",
            yibao_status::NotPaymentDay => c"not_payment_day",
            yibao_status::InvalidId => c"invalid_id",
            yibao_status::BirthAfterPayment => c"birth_after_payment",
            yibao_status::PolicySyntax => c"policy_syntax",
            yibao_status::PolicyInvalid => c"policy_invalid",
            yibao_status::HouseholdIncomplete => c"household_incomplete",
            yibao_status::UnknownOperation => c"unknown_operation",
            yibao_status::AmbiguousCategory => c"ambiguous_category",
            yibao_status::InvalidGrade => c"invalid_grade",
            yibao_status::NullPointer => c"null_pointer",
            yibao_status::InvalidUtf8 => c"invalid_utf8",
            yibao_status::BufferTooSmall => c"buffer_too_small",
            yibao_status::Panic => c"panic",
            yibao_status::InvalidArgument => c"invalid_argument",
            yibao_status::OutOfRange => c"out_of_range",
            yibao_status::Io => c"io",
            yibao_status::InvalidStructSize => c"invalid_struct_size",
        }
    }

    /// A short description in `lang`: the core's for the contract's codes, this
    /// binding's own for the statuses only C has.
    pub fn message_in(self, lang: yibao_core::Lang) -> &'static CStr {
        if lang == yibao_core::Lang::En {
            return self.message();
        }
        if let Some(code) = ErrorCode::ALL.iter().find(|c| c.number() == self as u32) {
            return described_zh(*code);
        }
        match self {
            yibao_status::Ok => c"成功",
            yibao_status::NullPointer => c"必需的指针参数为 NULL",
            yibao_status::InvalidUtf8 => c"字符串参数不是有效的 UTF-8",
            yibao_status::BufferTooSmall => c"输出缓冲区太小；*needed 给出所需大小",
            yibao_status::Panic => c"内部错误：库发生了 panic（请报告）",
            yibao_status::InvalidArgument => c"参数超出取值范围",
            yibao_status::OutOfRange => c"数值超出其 C 类型的范围",
            yibao_status::Io => c"无法读取文件",
            yibao_status::InvalidStructSize => {
                c"结果（或请求）结构体的 struct_size 未设置或小于首个发布版本的大小（请用 YIBAO_*_INIT 初始化）"
            }
            _ => c"未知状态",
        }
    }

    /// A short English description.
    pub fn message(self) -> &'static CStr {
        match self {
            yibao_status::Ok => c"success",
            yibao_status::InvalidJson => c"the request is not valid JSON",
            yibao_status::InvalidRequest => {
                c"a field of the request is missing, mistyped or unknown"
            }
            yibao_status::UnknownPolicy => c"no policy has this id",
            yibao_status::UnknownCategory => c"a category id or number is not in the table",
            yibao_status::InvalidDate => c"a date is malformed, impossible or out of range",
            yibao_status::NoWindow => c"the date lies in no payment period of the policy",
            yibao_status::NotPaymentDay => {
                c"the date is in a payment period but not on a payment day"
            }
            yibao_status::InvalidId => c"the ID number is not valid",
            yibao_status::BirthAfterPayment => c"the person was born after the payment date",
            yibao_status::PolicySyntax => {
                c"a policy file cannot be read (syntax, unknown or misplaced key)"
            }
            yibao_status::PolicyInvalid => c"a policy file reads but contradicts itself",
            yibao_status::HouseholdIncomplete => c"a household rule is not met",
            yibao_status::UnknownOperation => c"the operation is not part of the contract",
            yibao_status::AmbiguousCategory => {
                c"the category includes subtypes the policy aids differently; give the subtype"
            }
            yibao_status::InvalidGrade => {
                c"the policy has contribution grades: none or an unknown one was given"
            }
            yibao_status::NullPointer => c"a required pointer argument is NULL",
            yibao_status::InvalidUtf8 => c"a string argument is not valid UTF-8",
            yibao_status::BufferTooSmall => {
                c"the output buffer is too small; *needed holds the size needed"
            }
            yibao_status::Panic => c"internal error: the library panicked (please report it)",
            yibao_status::InvalidArgument => c"an argument is out of its domain",
            yibao_status::OutOfRange => c"a figure does not fit its C type",
            yibao_status::Io => c"a file cannot be read",
            yibao_status::InvalidStructSize => {
                c"struct_size of the result (or request) is not set or below its first published size (use YIBAO_*_INIT)"
            }
        }
    }
}

/// `lang` of `yibao_status_message_lang`: Chinese (the default of every answer).
pub const YIBAO_LANG_ZH: u32 = 0;
/// `lang` of `yibao_status_message_lang`: English.
pub const YIBAO_LANG_EN: u32 = 1;

/// A short description of a status in a language (`YIBAO_LANG_ZH` or `YIBAO_LANG_EN`), as a
/// static NUL-terminated UTF-8 string that must not be freed. Never NULL: an unknown
/// status gives `"未知状态"` / `"unknown status"`, an unknown language the Chinese text.
#[no_mangle]
pub extern "C" fn yibao_status_message_lang(status: u32, lang: u32) -> *const c_char {
    crate::ffi::guard(c"unknown status".as_ptr(), || {
        let lang = yibao_core::Lang::from_number(lang).unwrap_or_default();
        yibao_status::from_number(status)
            .map_or_else(
                || match lang {
                    yibao_core::Lang::Zh => c"未知状态",
                    yibao_core::Lang::En => c"unknown status",
                },
                |s| s.message_in(lang),
            )
            .as_ptr()
    })
}

/// A short English description of a status, as a static NUL-terminated string that must
/// not be freed. Never NULL: an unknown number gives `"unknown status"`. The same as
/// `yibao_status_message_lang(status, 1)`.
#[no_mangle]
pub extern "C" fn yibao_status_message(status: u32) -> *const c_char {
    crate::ffi::guard(c"unknown status".as_ptr(), || {
        yibao_status::from_number(status)
            .map_or(c"unknown status", yibao_status::message)
            .as_ptr()
    })
}

/// The stable snake_case code of a status (`"unknown_policy"`, `"null_pointer"`, ...), as
/// a static NUL-terminated string that must not be freed. For 1–15 it is the JSON
/// `error.code`. Never NULL: an unknown number gives `"unknown_status"`.
#[no_mangle]
pub extern "C" fn yibao_status_code(status: u32) -> *const c_char {
    crate::ffi::guard(c"unknown_status".as_ptr(), || {
        yibao_status::from_number(status)
            .map_or(c"unknown_status", yibao_status::code)
            .as_ptr()
    })
}

/// The core's Chinese description of a code, NUL-terminated once and kept.
fn described_zh(code: ErrorCode) -> &'static CStr {
    static TEXTS: std::sync::OnceLock<Vec<(ErrorCode, std::ffi::CString)>> =
        std::sync::OnceLock::new();
    let texts = TEXTS.get_or_init(|| {
        ErrorCode::ALL
            .iter()
            .filter_map(|c| {
                std::ffi::CString::new(c.describe(yibao_core::Lang::Zh))
                    .ok()
                    .map(|t| (*c, t))
            })
            .collect()
    });
    texts
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(c"未知状态", |(_, t)| t.as_c_str())
}
