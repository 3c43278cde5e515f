//! Errors with stable codes.
//!
//! # Design
//! Every binding reports an error as `{"error": {"code": ..., "message": ...}}`; the code is
//! the contract, the message is for people. [`ErrorCode`] gives each code a number that is
//! never reused, which the C ABI returns as its status. Messages never carry an ID number:
//! anything that might echo caller input goes through [`crate::id::redact`].

use crate::id::IdError;
use crate::lang::Lang;
use crate::message::Message;
use serde::Serialize;

/// The stable error codes, with numbers that are never reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[repr(u32)]
pub enum ErrorCode {
    /// The request is not JSON (or not UTF-8).
    InvalidJson = 1,
    /// A field is missing, mistyped or unknown.
    InvalidRequest = 2,
    /// No policy has this id.
    UnknownPolicy = 3,
    /// A category id is not in the design's table.
    UnknownCategory = 4,
    /// A date is malformed, impossible or out of range.
    InvalidDate = 5,
    /// The date lies in no payment period of the policy.
    NoWindow = 6,
    /// The date is in a payment period but not on a payment day of the month.
    NotPaymentDay = 7,
    /// The ID number is not valid.
    InvalidId = 8,
    /// The person was born after the payment date.
    BirthAfterPayment = 9,
    /// A policy file cannot be read (syntax, unknown or misplaced key).
    PolicySyntax = 10,
    /// A policy file reads but contradicts itself.
    PolicyInvalid = 11,
    /// A household rule is not met (凌源: the whole household enrols together).
    HouseholdIncomplete = 12,
    /// The operation name is not part of the contract.
    UnknownOperation = 13,
    /// A person is given as a family of categories (防贫监测对象) whose subtypes the
    /// policy aids differently: the caller must name the subtype.
    AmbiguousCategory = 14,
    /// The policy has contribution grades and the person names none, or one it does not have.
    InvalidGrade = 15,
}

impl ErrorCode {
    /// Every code, for documentation and tests.
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::InvalidJson,
        ErrorCode::InvalidRequest,
        ErrorCode::UnknownPolicy,
        ErrorCode::UnknownCategory,
        ErrorCode::InvalidDate,
        ErrorCode::NoWindow,
        ErrorCode::NotPaymentDay,
        ErrorCode::InvalidId,
        ErrorCode::BirthAfterPayment,
        ErrorCode::PolicySyntax,
        ErrorCode::PolicyInvalid,
        ErrorCode::HouseholdIncomplete,
        ErrorCode::UnknownOperation,
        ErrorCode::AmbiguousCategory,
        ErrorCode::InvalidGrade,
    ];

    /// The stable string code.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidJson => "invalid_json",
            ErrorCode::InvalidRequest => "invalid_request",
            ErrorCode::UnknownPolicy => "unknown_policy",
            ErrorCode::UnknownCategory => "unknown_category",
            ErrorCode::InvalidDate => "invalid_date",
            ErrorCode::NoWindow => "no_window",
            ErrorCode::NotPaymentDay => "not_payment_day",
            ErrorCode::InvalidId => "invalid_id",
            ErrorCode::BirthAfterPayment => "birth_after_payment",
            ErrorCode::PolicySyntax => "policy_syntax",
            ErrorCode::PolicyInvalid => "policy_invalid",
            ErrorCode::HouseholdIncomplete => "household_incomplete",
            ErrorCode::UnknownOperation => "unknown_operation",
            ErrorCode::AmbiguousCategory => "ambiguous_category",
            ErrorCode::InvalidGrade => "invalid_grade",
        }
    }

    /// What the code means, in `lang` (for a status line, or a page that styles errors).
    pub fn describe(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            ErrorCode::InvalidJson => ("请求不是有效的 JSON", "the request is not valid JSON"),
            ErrorCode::InvalidRequest => (
                "请求中的字段缺失、类型不对或不存在",
                "a field of the request is missing, mistyped or unknown",
            ),
            ErrorCode::UnknownPolicy => ("没有这个编号的政策", "no policy has this id"),
            ErrorCode::UnknownCategory => (
                "类别编号不在类别表中",
                "a category id or number is not in the table",
            ),
            ErrorCode::InvalidDate => (
                "日期格式不对、不存在或超出范围",
                "a date is malformed, impossible or out of range",
            ),
            ErrorCode::NoWindow => (
                "该日期不在政策的任何缴费期内",
                "the date lies in no payment period of the policy",
            ),
            ErrorCode::NotPaymentDay => (
                "该日期在缴费期内，但不是缴费日",
                "the date is in a payment period but not on a payment day",
            ),
            ErrorCode::InvalidId => ("身份证号码无效", "the ID number is not valid"),
            ErrorCode::BirthAfterPayment => (
                "出生日期晚于缴费日期",
                "the person was born after the payment date",
            ),
            ErrorCode::PolicySyntax => (
                "政策文件无法读取（语法错误、未知或位置不对的键）",
                "a policy file cannot be read (syntax, unknown or misplaced key)",
            ),
            ErrorCode::PolicyInvalid => (
                "政策文件可以读取，但内容自相矛盾",
                "a policy file reads but contradicts itself",
            ),
            ErrorCode::HouseholdIncomplete => {
                ("不符合以户参保的规定", "a household rule is not met")
            }
            ErrorCode::UnknownOperation => {
                ("没有这个操作", "the operation is not part of the contract")
            }
            ErrorCode::AmbiguousCategory => (
                "该类别包含资助不同的几类人员，请指明其一",
                "the category includes subtypes the policy aids differently; give the subtype",
            ),
            ErrorCode::InvalidGrade => (
                "本政策由参保人选择缴费档次：未选或所选档次不存在",
                "the policy has contribution grades: none or an unknown one was given",
            ),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// The stable number (the C status).
    pub fn number(self) -> u32 {
        self as u32
    }
}

/// Everything that can go wrong in the library: a stable code and the sentence that says
/// what, in the catalogue ([`Message`]), rendered in the language of the request.
///
/// `Display` renders the default language (Chinese); [`Error::text`] any language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    code: ErrorCode,
    message: Message,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::default()))
    }
}

impl std::error::Error for Error {}

impl Error {
    /// An error of `code` that says `message`.
    pub fn new(code: ErrorCode, message: Message) -> Error {
        Error { code, message }
    }

    /// `invalid_request` saying `message`.
    pub fn request(message: Message) -> Error {
        Error::new(ErrorCode::InvalidRequest, message)
    }

    /// The stable code of this error.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// What the error says, before it is rendered.
    pub fn what(&self) -> &Message {
        &self.message
    }

    /// The message in the default language (Chinese), ID numbers masked.
    pub fn message(&self) -> String {
        self.text(Lang::default())
    }

    /// The message in `lang`, with anything that looks like an ID number masked.
    pub fn text(&self, lang: Lang) -> String {
        crate::id::redact(&self.message.render(lang))
    }

    /// The error as the contract's JSON in the default language (Chinese).
    pub fn to_json(&self) -> String {
        self.to_json_in(Lang::default())
    }

    /// The error as the contract's JSON in `lang`: `{"error": {"code": ..., "message": ...}}`.
    pub fn to_json_in(&self, lang: Lang) -> String {
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code(),
                message: self.text(lang),
            },
        };
        serde_json::to_string(&body).unwrap_or_else(|_| {
            String::from(r#"{"error":{"code":"invalid_request","message":"unserialisable error"}}"#)
        })
    }
}

/// The error object of the contract.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// Code and message.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorDetail {
    /// Stable code.
    pub code: ErrorCode,
    /// Human message (never an unmasked ID number).
    pub message: String,
}

impl From<IdError> for Error {
    fn from(reason: IdError) -> Self {
        Error::new(ErrorCode::InvalidId, Message::InvalidId { reason })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::Excerpt;

    #[test]
    fn numbers_are_unique_and_stable() {
        let mut seen = std::collections::BTreeSet::new();
        for c in ErrorCode::ALL {
            assert!(seen.insert(c.number()));
        }
        assert_eq!(ErrorCode::InvalidJson.number(), 1);
        assert_eq!(ErrorCode::UnknownOperation.number(), 13);
    }

    #[test]
    fn json_shape() {
        let e = Error::new(
            ErrorCode::UnknownPolicy,
            Message::UnknownPolicy {
                policy: Excerpt::of("999999-2024"),
            },
        );
        assert_eq!(
            e.to_json_in(Lang::En),
            r#"{"error":{"code":"unknown_policy","message":"unknown policy \"999999-2024\"; the `policies` operation lists the ids"}}"#
        );
        assert_eq!(
            e.to_json_in(Lang::Zh),
            r#"{"error":{"code":"unknown_policy","message":"没有编号为 “999999-2024” 的政策；policies 操作列出全部编号"}}"#
        );
    }
}
