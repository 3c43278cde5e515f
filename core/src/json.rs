//! JSON in, JSON out: the one entry point every binding calls.
//!
//! # Design
//! The CLI, the C JSON functions and the npm package all go through [`respond`], so an
//! answer is byte-identical whichever binding asked. Serde's errors are sorted into the
//! contract's codes: syntax → `invalid_json`; a bad date → `invalid_date`; any other missing, mistyped or unknown field → `invalid_request`.

use crate::contract::{
    HouseholdRequest, IdRequest, PolicyRequest, QuoteRequest, RefundRequest, WindowRequest,
};
use crate::engine::Engine;
use crate::error::{Error, ErrorCode};
use crate::lang::Lang;
use crate::message::{Excerpt, Expected, List, Message};
use serde::Deserialize;
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

/// The names of the request fields that hold a date: a value refused there is
/// `invalid_date` (the error is classified by the field, never by serde's text).
const DATE_FIELDS: &[&str] = &[
    "paid_on",
    "birth_date",
    "employee_insurance_ended_on",
    "event_on",
    "date",
    "today",
];

/// The names of the request fields that hold an amount of money.
const AMOUNT_FIELDS: &[&str] = &["amount"];

/// Reads a request, sorting serde's errors into the contract's codes, each naming the
/// field of the request it is about (`person.birth_date`, `members[1].categories[0]`).
pub fn parse_request<'de, T: Deserialize<'de>>(text: &'de str) -> Result<T, Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| request_error(&e.path().to_string(), e.inner()))?;
    de.end().map_err(|e| request_error(".", &e))?;
    Ok(value)
}

/// The words between backticks in serde's own texts (`unknown field `x`, expected one of
/// `a`, `b``): serde writes them for these kinds in its default `de::Error` methods.
fn ticked(msg: &str) -> Vec<String> {
    msg.split('`')
        .skip(1)
        .step_by(2)
        .map(|w| crate::id::redact(&w.chars().take(40).collect::<String>()))
        .collect()
}

fn request_error(path: &str, e: &serde_json::Error) -> Error {
    use serde_json::error::Category;
    let (code, message) = match e.classify() {
        Category::Syntax | Category::Eof => (
            ErrorCode::InvalidJson,
            Message::InvalidJson {
                line: e.line(),
                column: e.column(),
            },
        ),
        Category::Io => (ErrorCode::InvalidJson, Message::RequestUnreadable {}),
        Category::Data => data_error(path, &e.to_string()),
    };
    Error::new(code, message)
}

/// A data error at `path`. The kinds serde itself names (unknown or missing field, wrong
/// type, unknown value) are told apart by the fixed words serde's default `de::Error`
/// methods start with; the library's own values (dates, amounts) by the field they are in.
fn data_error(path: &str, msg: &str) -> (ErrorCode, Message) {
    // A path holds the caller's keys: shortened and masked like any caller text.
    let path = crate::id::redact(&path.chars().take(120).collect::<String>());
    let field_in = |name: &str| match path.as_str() {
        "." | "" => name.to_string(),
        p => format!("{p}.{name}"),
    };
    let here = match path.as_str() {
        "." | "" => "(request)".to_string(),
        p => p.to_string(),
    };
    let last = here
        .rsplit('.')
        .next()
        .unwrap_or("")
        .split('[')
        .next()
        .unwrap_or("");
    let words = ticked(msg);
    if msg.starts_with("missing field") {
        let name = words.first().cloned().unwrap_or_default();
        return (
            ErrorCode::InvalidRequest,
            Message::MissingField {
                field: field_in(&name),
            },
        );
    }
    if msg.starts_with("unknown field") {
        // serde_path_to_error's path already ends with the unknown key.
        let name = words.first().cloned().unwrap_or_default();
        let field = if last == name { here } else { field_in(&name) };
        return (
            ErrorCode::InvalidRequest,
            Message::UnknownField {
                field,
                expected: List(words.into_iter().skip(1).collect()),
            },
        );
    }
    if DATE_FIELDS.contains(&last) {
        return (ErrorCode::InvalidDate, Message::InvalidDate { field: here });
    }
    if AMOUNT_FIELDS.contains(&last) {
        return (
            ErrorCode::InvalidRequest,
            Message::InvalidAmount { field: here },
        );
    }
    if msg.starts_with("unknown variant") {
        let mut words = words.into_iter();
        let given = words.next().unwrap_or_default();
        return (
            ErrorCode::InvalidRequest,
            Message::UnknownVariant {
                field: here,
                given: Excerpt::of(&given),
                expected: List(words.collect()),
            },
        );
    }
    // "invalid type: string \"x\", expected u32": what was expected, never what was given.
    let expected = msg
        .rsplit_once("expected ")
        .map(|(_, e)| e.split(" at line").next().unwrap_or(e).to_string())
        .unwrap_or_default();
    (
        ErrorCode::InvalidRequest,
        Message::InvalidValue {
            field: here,
            expected: Expected(expected),
        },
    )
}

/// The language a request asks for (`"lang": "en"`), read only when an error must be
/// told: any request that does not say, or cannot be read, is answered in Chinese.
pub fn request_lang(text: &str) -> Lang {
    #[derive(serde::Deserialize)]
    struct LangOnly {
        #[serde(default)]
        lang: Lang,
    }
    if text.len() > MAX_REQUEST_BYTES {
        return Lang::default();
    }
    serde_json::from_str::<LangOnly>(text)
        .map(|l| l.lang)
        .unwrap_or_default()
}

fn to_json<T: Serialize>(value: &T) -> Result<String, Error> {
    serde_json::to_string(value).map_err(|_| Error::request(Message::RequestUnreadable {}))
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
        return Err(Error::request(Message::RequestTooLarge {
            bytes: request.len(),
            max: MAX_REQUEST_BYTES,
        }));
    }
    match op {
        "quote" => to_json(&engine.quote(&parse_request::<QuoteRequest>(request)?)?),
        "household" => to_json(&engine.household(&parse_request::<HouseholdRequest>(request)?)?),
        "refund" => to_json(&engine.refund(&parse_request::<RefundRequest>(request)?)?),
        "window" => to_json(&engine.window(&parse_request::<WindowRequest>(request)?)?),
        "id" => to_json(&engine.id(&parse_request::<IdRequest>(request)?)),
        "policies" => {
            // No request is needed; an empty body, `null` or an object with at most
            // `lang` are all accepted.
            let t = request.trim();
            if !(t.is_empty() || t == "null") {
                // Anything but an object is no `policies` request (nor deep JSON to walk).
                if !t.starts_with('{') {
                    return Err(Error::request(Message::PoliciesTakesNoFields {}));
                }
                parse_request::<crate::contract::PoliciesRequest>(t)?;
            }
            to_json(&engine.policies())
        }
        "policy" => {
            let req = parse_request::<PolicyRequest>(request)?;
            to_json(engine.policy(&req.policy)?)
        }
        other => Err(Error::new(
            ErrorCode::UnknownOperation,
            Message::UnknownOperation {
                op: Excerpt::of(other),
            },
        )),
    }
}

/// Like [`handle`], but an error is returned as the contract's error JSON, in the
/// language the request asks for. The flag tells which it is.
pub fn respond(engine: &Engine, op: &str, request: &str) -> (bool, String) {
    match handle(engine, op, request) {
        Ok(s) => (true, s),
        Err(e) => (false, e.to_json_in(request_lang(request))),
    }
}
