//! JSON in, JSON out: the one entry point every binding calls.
//!
//! # Design
//! The CLI, the C JSON functions and the npm package all go through [`respond`], so an
//! answer is byte-identical whichever binding asked. Serde's errors are sorted into the
//! contract's codes: syntax → `invalid_json`; a bad date → `invalid_date`; any other missing, mistyped or unknown field → `invalid_request`.

use crate::contract::{
    HouseholdRequest, IdRequest, PolicyRequest, QuoteRequest, RefundRequest, WindowRequest,
};
use crate::dates::DATE_ERROR_MARK;
use crate::engine::Engine;
use crate::error::Error;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The largest request any operation reads: 1 MiB. A county's household fits many times
/// over; a larger text is refused (`invalid_request`) before it is parsed, so that no
/// request can hold a binding's memory.
pub const MAX_REQUEST_BYTES: usize = 1 << 20;

/// The operations of the contract.
pub const OPERATIONS: &[&str] = &[
    "quote",
    "household",
    "refund",
    "window",
    "id",
    "policies",
    "policy",
];

/// Reads a request, sorting serde's errors into the contract's codes.
pub fn parse_request<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    serde_json::from_str(text).map_err(|e| {
        use serde_json::error::Category;
        let msg = e.to_string();
        match e.classify() {
            Category::Syntax | Category::Eof | Category::Io => Error::InvalidJson(msg),
            Category::Data if msg.contains(DATE_ERROR_MARK) => Error::InvalidDate(msg),
            Category::Data => Error::InvalidRequest(msg),
        }
    })
}

fn to_json<T: Serialize>(value: &T) -> Result<String, Error> {
    serde_json::to_string(value).map_err(|e| Error::InvalidRequest(e.to_string()))
}

/// Runs operation `op` on a JSON request and returns the JSON answer.
///
/// ```
/// let engine = yibao::Engine::builtin();
/// let answer = yibao::json::handle(&engine, "window",
///     r#"{"policy": "140400-2024", "date": "2023-10-26"}"#).unwrap();
/// assert!(answer.contains(r#""payment_day":false"#));
/// assert!(answer.contains(r#""next_payment_day":"2023-11-01""#));
/// ```
pub fn handle(engine: &Engine, op: &str, request: &str) -> Result<String, Error> {
    if request.len() > MAX_REQUEST_BYTES {
        return Err(Error::InvalidRequest(format!(
            "the request is {} bytes; at most {MAX_REQUEST_BYTES} are read",
            request.len()
        )));
    }
    match op {
        "quote" => to_json(&engine.quote(&parse_request::<QuoteRequest>(request)?)?),
        "household" => to_json(&engine.household(&parse_request::<HouseholdRequest>(request)?)?),
        "refund" => to_json(&engine.refund(&parse_request::<RefundRequest>(request)?)?),
        "window" => to_json(&engine.window(&parse_request::<WindowRequest>(request)?)?),
        "id" => to_json(&engine.id(&parse_request::<IdRequest>(request)?)),
        "policies" => {
            // No request is needed; an empty body, `null` or `{}` are all accepted.
            let t = request.trim();
            if !(t.is_empty() || t == "null" || t == "{}") {
                parse_request::<serde::de::IgnoredAny>(t)?;
                return Err(Error::InvalidRequest("`policies` takes no fields".into()));
            }
            to_json(&engine.policies())
        }
        "policy" => {
            let req = parse_request::<PolicyRequest>(request)?;
            to_json(engine.policy(&req.policy)?)
        }
        other => {
            let shown: String = other.chars().take(40).collect();
            Err(Error::UnknownOperation(shown))
        }
    }
}

/// Like [`handle`], but an error is returned as the contract's error JSON. The flag
/// tells which it is.
pub fn respond(engine: &Engine, op: &str, request: &str) -> (bool, String) {
    match handle(engine, op, request) {
        Ok(s) => (true, s),
        Err(e) => (false, e.to_json()),
    }
}
