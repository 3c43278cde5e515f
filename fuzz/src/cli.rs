//! Target `cli_json`: the CLI's request path (`yibao [--lang L] <op> < request`), from the
//! bytes on stdin to the answer: `examples/cli/src/input.rs` (compiled here as a module)
//! decodes them (UTF-8, a byte-order mark dropped), writes `today` into an `id` request
//! and `--lang` into a request that names no language, in the request's own text, then
//! the core answers.
//!
//! Input: byte 0 the operation (as the `json` target), byte 1 the `--lang` flag (`z`
//! zh, `e` en, anything else none), the rest the bytes on stdin. The oracle: the answer
//! passes `harness::check_response`; without `--lang` (and but for `id`, which gains
//! `today`) it is byte for byte what every other binding answers to the same text; with
//! it, a request that parses as an object keeps every key it had.

#[allow(dead_code)]
#[path = "../../examples/cli/src/input.rs"]
mod input;

use crate::harness;
use yibao::Lang;

pub fn cli_json(data: &[u8]) {
    let (op, rest) = harness::split_op(data);
    let (lang, stdin) = match rest.split_first() {
        Some((b'z', r)) => (Some(Lang::Zh), r),
        Some((b'e', r)) => (Some(Lang::En), r),
        Some((_, r)) => (None, r),
        None => (None, rest),
    };
    let engine = harness::engine();
    let request = match input::decode(stdin.to_vec()) {
        Ok(r) => r,
        Err(e) => {
            assert!(
                std::str::from_utf8(stdin).is_err(),
                "only bytes that are not UTF-8 fail"
            );
            assert_eq!(e.code(), yibao::ErrorCode::InvalidJson);
            return;
        }
    };
    let today = chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap_or_default();
    let request = if op == "id" {
        input::fill_today(&request, today)
    } else {
        request
    };
    let Some(lang) = lang else {
        let (ok, answer) = yibao::json::respond(engine, op, &request);
        if op != "id" {
            // One behaviour everywhere: the core ignores a BOM as the CLI drops it.
            let text = String::from_utf8_lossy(stdin);
            let other = yibao::json::respond(engine, op, &text);
            assert_eq!(
                (ok, answer.as_str()),
                (other.0, other.1.as_str()),
                "the CLI answers what the other bindings answer"
            );
        }
        harness::check_response(op, &request, ok, &answer);
        return;
    };
    let filled = input::fill_lang(&request, lang);
    if let (Ok(serde_json::Value::Object(before)), Ok(serde_json::Value::Object(after))) = (
        serde_json::from_str::<serde_json::Value>(&request),
        serde_json::from_str::<serde_json::Value>(&filled),
    ) {
        for (k, v) in &before {
            assert_eq!(after.get(k), Some(v), "--lang keeps the request's {k}");
        }
        assert!(after.contains_key("lang"), "--lang is written in");
    }
    let (ok, answer) = match yibao::json::handle(engine, op, &filled) {
        Ok(a) => (true, a),
        Err(e) => (false, e.to_json_in(input::lang_of(&filled, lang))),
    };
    harness::check_response(op, &filled, ok, &answer);
}
