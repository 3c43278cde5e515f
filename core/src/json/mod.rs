//! JSON in, JSON out: the one entry point every binding calls.
//!
//! # Design
//! The CLI, the C JSON functions and the npm package all go through [`respond`], so an
//! answer is byte-identical whichever binding asked. Serde's errors are sorted into the
//! contract's codes: syntax → `invalid_json`; a bad date → `invalid_date`; any other missing, mistyped or unknown field → `invalid_request`.

mod answer;

pub use answer::{KeptPiece, Pieces, PIECE_MARK};

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

/// The largest answer given, in bytes: a household of [`crate::engine::MAX_MEMBERS`] under
/// the largest policy stays well below it; past it the answer is an `invalid_request`, never
/// an allocation a caller did not expect.
pub const MAX_ANSWER_BYTES: usize = 8 << 20;

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
    serde_json::from_str(text).map_err(|e| request_error(&path_at(text, e.line(), e.column()), &e))
}

/// The field of the request at serde_json's error position (`person.categories[0]`): the
/// keys and indices open where reading stopped. Found on the error path only, by walking
/// the text up to there, so the successful parse pays nothing and no second deserializer
/// is compiled in (a path-tracking wrapper costs the npm module 43 KB).
fn path_at(text: &str, line: usize, column: usize) -> String {
    // serde_json counts lines from 1 and the bytes consumed on the line as the column.
    let start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let end = (start + column).min(text.len());
    let bytes = text.as_bytes().get(..end).unwrap_or_default();
    enum Frame {
        Object(Option<String>),
        Array(usize),
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut closed: Option<String> = None;
    let render = |stack: &[Frame]| {
        let mut out = String::new();
        for f in stack {
            match f {
                Frame::Object(Some(k)) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Frame::Object(None) => {}
                Frame::Array(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    };
    let mut i = 0usize;
    while i < bytes.len() {
        let b = bytes.get(i).copied().unwrap_or(0);
        match b {
            b'"' => {
                let mut j = i + 1;
                let mut s = Vec::new();
                while j < bytes.len() {
                    match bytes.get(j).copied().unwrap_or(0) {
                        b'\\' => {
                            s.push(b'\\');
                            j += 1;
                            if let Some(c) = bytes.get(j) {
                                s.push(*c);
                            }
                        }
                        b'"' => break,
                        c => s.push(c),
                    }
                    j += 1;
                }
                // A string where an object expects its key is that key.
                if let Some(Frame::Object(k @ None)) = stack.last_mut() {
                    *k = Some(String::from_utf8_lossy(&s).into_owned());
                }
                closed = None;
                i = j + 1;
                continue;
            }
            b'{' => {
                stack.push(Frame::Object(None));
                closed = None;
            }
            b'[' => {
                stack.push(Frame::Array(0));
                closed = None;
            }
            b'}' | b']' => {
                // The closed container's own path: its parents' keys and indices.
                stack.pop();
                closed = Some(render(&stack));
            }
            b',' => {
                match stack.last_mut() {
                    Some(Frame::Object(k)) => *k = None,
                    Some(Frame::Array(n)) => *n += 1,
                    None => {}
                }
                closed = None;
            }
            _ => {}
        }
        i += 1;
    }
    // "missing field" is told after the object's `}`: the object just closed is meant.
    match closed {
        Some(p) if bytes.last() == Some(&b'}') => p,
        _ => render(&stack),
    }
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
    if msg.starts_with("duplicate field") {
        let name = words.first().cloned().unwrap_or_default();
        let field = if last == name { here } else { field_in(&name) };
        return (ErrorCode::InvalidRequest, Message::DuplicateField { field });
    }
    if msg.starts_with("unknown field") {
        // The path already ends with the unknown key.
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
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str::<LangOnly>(text)
        .map(|l| l.lang)
        .unwrap_or_default()
}

fn to_json<T: Serialize>(value: &T) -> Result<String, Error> {
    // The policy's shared texts are copied in from their kept JSON (shared.rs).
    checked(crate::shared::raw_json(|| serde_json::to_string(value)))
}

/// An answer's text, refused when it is over [`MAX_ANSWER_BYTES`].
fn checked(text: Result<String, serde_json::Error>) -> Result<String, Error> {
    let text = written(text)?;
    within_limit(text.len())?;
    Ok(text)
}

/// An answer as written, or the error of one that could not be.
fn written<T>(answer: Result<T, serde_json::Error>) -> Result<T, Error> {
    answer.map_err(|_| Error::request(Message::RequestUnreadable {}))
}

/// Refuses an answer of `bytes` over [`MAX_ANSWER_BYTES`].
fn within_limit(bytes: usize) -> Result<(), Error> {
    if bytes > MAX_ANSWER_BYTES {
        return Err(Error::request(Message::AnswerTooLarge {
            bytes,
            max: MAX_ANSWER_BYTES,
        }));
    }
    Ok(())
}

/// The request without a leading byte-order mark (Windows editors, PowerShell pipes: no
/// part of the request, in every binding alike), refused over [`MAX_REQUEST_BYTES`].
fn request_text(request: &str) -> Result<&str, Error> {
    let request = request.strip_prefix('\u{feff}').unwrap_or(request);
    if request.len() > MAX_REQUEST_BYTES {
        return Err(Error::request(Message::RequestTooLarge {
            bytes: request.len(),
            max: MAX_REQUEST_BYTES,
        }));
    }
    Ok(request)
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
    let request = request_text(request)?;
    match op {
        "quote" => {
            checked(engine.quote_with(&parse_request::<QuoteRequest>(request)?, answer::quote_of)?)
        }
        "household" => {
            checked(answer::household(&engine.household(&parse_request::<
                HouseholdRequest,
            >(
                request
            )?)?))
        }
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

/// [`handle`], with the pieces of the answer that its policy keeps (the notice's quoted
/// clauses and reminders, written into every answer that cites them) kept apart: each is
/// named by a serial that no other piece has while the process lives.
///
/// # Design
/// For the npm package (issue #14): turning an answer's UTF-8 into a JavaScript string
/// was half of a quote in Node, and most of an answer's non-ASCII text is these pieces.
/// The wrapper keeps the string of each piece by its serial, decoded once, and decodes
/// only the rest of each answer. Only the `quote` operation keeps pieces apart; any other
/// answer is all text.
///
/// ```
/// let engine = yibao::Engine::builtin();
/// let request = r#"{"policy":"140400-2024","paid_on":"2023-10-10","person":{"birth_date":"1980-05-01"}}"#;
/// let pieces = yibao::json::handle_pieces(&engine, "quote", request).unwrap();
/// assert!(!pieces.kept.is_empty());
/// assert_eq!(pieces.join(), yibao::json::handle(&engine, "quote", request).unwrap());
/// ```
pub fn handle_pieces(engine: &Engine, op: &str, request: &str) -> Result<Pieces, Error> {
    if op != "quote" {
        return handle(engine, op, request).map(|text| Pieces {
            text,
            kept: Vec::new(),
        });
    }
    let request = request_text(request)?;
    let pieces = written(engine.quote_with(
        &parse_request::<QuoteRequest>(request)?,
        answer::quote_pieces,
    )?)?;
    within_limit(pieces.len())?;
    Ok(pieces)
}

/// Like [`handle`], but an error is returned as the contract's error JSON, in the
/// language the request asks for. The flag tells which it is.
pub fn respond(engine: &Engine, op: &str, request: &str) -> (bool, String) {
    match handle(engine, op, request) {
        Ok(s) => (true, s),
        Err(e) => (false, e.to_json_in(request_lang(request))),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn an_answer_over_the_limit_is_refused() {
        let big = "长".repeat(MAX_ANSWER_BYTES / 3 + 1);
        let e = to_json(&big).unwrap_err();
        assert_eq!(e.code().as_str(), "invalid_request");
        assert!(matches!(
            e.what(),
            Message::AnswerTooLarge {
                max: MAX_ANSWER_BYTES,
                ..
            }
        ));
        assert!(to_json(&"长".repeat(1000)).is_ok());
    }
    use crate::contract::{HouseholdRequest, QuoteRequest};

    fn field_of<T: for<'de> Deserialize<'de>>(text: &str) -> String {
        match parse_request::<T>(text) {
            Ok(_) => String::from("ok"),
            Err(e) => e.text(Lang::En),
        }
    }

    #[test]
    fn the_field_is_found_where_reading_stopped() {
        let q = r#"{"policy":"140400-2024","paid_on":"2023-10-10","person":{"birth_date":"1980-05-01","x":1}}"#;
        assert!(field_of::<QuoteRequest>(q).starts_with("unknown field person.x "));
        let q = r#"{"policy":"140400-2024","person":{"birth_date":"1980-05-01"}}"#;
        assert_eq!(field_of::<QuoteRequest>(q), "missing field paid_on");
        let q = "{\n \"policy\": \"p\",\n \"paid_on\": \"2023-10-10\",\n \"person\": {\"categories\": [\"a\", 7]}\n}";
        assert_eq!(
            field_of::<QuoteRequest>(q),
            "field person.categories[1] has an invalid value: expected a string"
        );
        let h = r#"{"policy":"p","paid_on":"2023-10-10","members":[{"birth_date":"1980-05-01"},{"birth_date":"1980-02-30"}]}"#;
        assert!(
            field_of::<HouseholdRequest>(h).starts_with("invalid date in members[1].birth_date")
        );
        let h = r#"{"policy":"p","paid_on":"2023-10-10","members":[{},{"history":{}}]}"#;
        assert_eq!(field_of::<HouseholdRequest>(h), "ok");
        let q = r#"{"policy":"p","policy":"q","paid_on":"2023-10-10","person":{}}"#;
        assert_eq!(field_of::<QuoteRequest>(q), "field policy is given twice");
        // A key holding an escaped quote does not end the key early.
        let q = r#"{"policy":"p","paid_on":"2023-10-10","person":{"a\"b":1,"birth_date":"x"}}"#;
        assert!(field_of::<QuoteRequest>(q).starts_with("unknown field person.a"));
    }
}
