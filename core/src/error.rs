//! Errors with stable codes.
//!
//! # Design
//! Every binding reports an error as `{"error": {"code": ..., "message": ...}}`; the code is
//! the contract, the message is for people. [`ErrorCode`] gives each code a number that is
//! never reused, which the C ABI returns as its status. Messages never carry an ID number:
//! anything that might echo caller input goes through [`crate::id::redact`].

use crate::id::IdError;
use chrono::NaiveDate;
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

    /// The stable number (the C status).
    pub fn number(self) -> u32 {
        self as u32
    }
}

/// Everything that can go wrong in the library.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// See [`ErrorCode::InvalidJson`].
    #[error("the request is not valid JSON: {0}")]
    InvalidJson(String),
    /// See [`ErrorCode::InvalidRequest`].
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// See [`ErrorCode::UnknownPolicy`].
    #[error("unknown policy {0:?}; the `policies` operation lists the ids")]
    UnknownPolicy(String),
    /// See [`ErrorCode::UnknownCategory`].
    #[error("unknown category {category:?}: policy {policy} knows the national ids (design.md) and the categories it declares (the `policy` operation lists them)")]
    UnknownCategory {
        /// Policy id.
        policy: String,
        /// The id as given (at most 40 characters).
        category: String,
    },
    /// See [`ErrorCode::InvalidGrade`].
    #[error("{}policy {policy} asks each person to choose a contribution grade (person.grade): {grades}", given.as_ref().map(|g| format!("unknown grade {g:?}: ")).unwrap_or_default())]
    InvalidGrade {
        /// Policy id.
        policy: String,
        /// The grade given, if any (at most 40 characters).
        given: Option<String>,
        /// The policy's grades, `id (name)`, comma-separated.
        grades: String,
    },
    /// See [`ErrorCode::AmbiguousCategory`].
    #[error("category {category:?} includes subtypes that this policy aids differently; give one of: {subtypes}")]
    AmbiguousCategory {
        /// The family as given.
        category: String,
        /// Its subtypes, comma-separated.
        subtypes: String,
    },
    /// See [`ErrorCode::InvalidDate`].
    #[error("{0}")]
    InvalidDate(String),
    /// See [`ErrorCode::NoWindow`].
    #[error("policy {policy} has no payment period on {date}")]
    NoWindow {
        /// Policy id.
        policy: String,
        /// The date asked about.
        date: NaiveDate,
    },
    /// See [`ErrorCode::NotPaymentDay`].
    #[error("{date} is not a payment day of period {window:?} (payments on days {days} of each month){}", next.map(|n| format!("; next payment day {n}")).unwrap_or_default())]
    NotPaymentDay {
        /// The date asked about.
        date: NaiveDate,
        /// The period's id.
        window: String,
        /// The payment days of the month, e.g. `1–25` or `1–10, 20–25`.
        days: String,
        /// The next payment day, if any.
        next: Option<NaiveDate>,
    },
    /// See [`ErrorCode::InvalidId`].
    #[error("invalid ID number: {0}")]
    InvalidId(IdError),
    /// See [`ErrorCode::BirthAfterPayment`].
    #[error("the birth date {birth} is after the payment date {paid_on}")]
    BirthAfterPayment {
        /// Birth date.
        birth: NaiveDate,
        /// Payment date.
        paid_on: NaiveDate,
    },
    /// See [`ErrorCode::PolicySyntax`].
    #[error("{file}:{line}:{column}: {message}")]
    PolicySyntax {
        /// File name as the caller gave it.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column (in characters).
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// See [`ErrorCode::PolicyInvalid`].
    #[error("{file}: {path}: {message}")]
    PolicyInvalid {
        /// File name as the caller gave it.
        file: String,
        /// Where in the file, e.g. `tiers[1].to`.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// See [`ErrorCode::HouseholdIncomplete`].
    #[error("{0}")]
    HouseholdIncomplete(String),
    /// See [`ErrorCode::UnknownOperation`].
    #[error("unknown operation {0:?}; operations: quote, household, refund, window, id, policies, policy")]
    UnknownOperation(String),
}

impl Error {
    /// The stable code of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::InvalidJson(_) => ErrorCode::InvalidJson,
            Error::InvalidRequest(_) => ErrorCode::InvalidRequest,
            Error::UnknownPolicy(_) => ErrorCode::UnknownPolicy,
            Error::UnknownCategory { .. } => ErrorCode::UnknownCategory,
            Error::AmbiguousCategory { .. } => ErrorCode::AmbiguousCategory,
            Error::InvalidGrade { .. } => ErrorCode::InvalidGrade,
            Error::InvalidDate(_) => ErrorCode::InvalidDate,
            Error::NoWindow { .. } => ErrorCode::NoWindow,
            Error::NotPaymentDay { .. } => ErrorCode::NotPaymentDay,
            Error::InvalidId(_) => ErrorCode::InvalidId,
            Error::BirthAfterPayment { .. } => ErrorCode::BirthAfterPayment,
            Error::PolicySyntax { .. } => ErrorCode::PolicySyntax,
            Error::PolicyInvalid { .. } => ErrorCode::PolicyInvalid,
            Error::HouseholdIncomplete(_) => ErrorCode::HouseholdIncomplete,
            Error::UnknownOperation(_) => ErrorCode::UnknownOperation,
        }
    }

    /// The message, with anything that looks like an ID number masked.
    pub fn message(&self) -> String {
        crate::id::redact(&self.to_string())
    }

    /// The error as the contract's JSON: `{"error": {"code": ..., "message": ...}}`.
    pub fn to_json(&self) -> String {
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code(),
                message: self.message(),
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
    fn from(e: IdError) -> Self {
        Error::InvalidId(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let e = Error::UnknownPolicy("999999-2024".into());
        assert_eq!(
            e.to_json(),
            r#"{"error":{"code":"unknown_policy","message":"unknown policy \"999999-2024\"; the `policies` operation lists the ids"}}"#
        );
    }
}
