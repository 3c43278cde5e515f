//! Issue #13's acceptance property through the JSON entry point (which the CLI, C and
//! npm share): no answer or message ever holds a full ID number in any written form,
//! wherever the request puts it, in either language.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../../tests/leaks/id_forms.rs"]
mod id_forms;

use id_forms::{assert_no_id, form, json_str, render, requests, valid_id, Form};
use proptest::prelude::*;
use std::sync::OnceLock;
use yibao::{json, Engine};

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(Engine::builtin)
}

/// The request with `"lang"` first (a request's own `lang` wins; one that names its own
/// keeps it).
fn in_lang(request: &str, lang: &str) -> String {
    match request.strip_prefix('{') {
        Some(rest) => format!(r#"{{"lang":"{lang}",{rest}"#),
        None => request.to_string(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn no_answer_or_message_holds_an_id_number(id in valid_id(), form in form()) {
        let w = render(&id, &form);
        for (op, request) in requests(&w, "140400-2024", "2023-10-10") {
            for lang in ["zh", "en"] {
                let request = in_lang(&request, lang);
                let (_, answer) = json::respond(engine(), &op, &request);
                assert_no_id(&answer, &id, &format!("{op} {request}"));
            }
        }
        // The `id` operation gives back the normalized number of a valid one, and
        // nothing of one it cannot read.
        if !matches!(form, Form::Ascii | Form::Lower) {
            let (_, answer) = json::respond(engine(), "id", &format!(r#"{{"id_number":{}}}"#, json_str(&w)));
            assert_no_id(&answer, &id, "id");
        }
    }
}

#[test]
#[should_panic(expected = "came back in full")]
fn the_oracle_finds_a_number_written_apart() {
    // The oracle itself: an answer holding the number in another written form is caught.
    let id = "11010519491231002X";
    assert_no_id("号码 １１０１０５ 19491231-002ｘ 重复", id, "oracle");
}

#[test]
#[should_panic(expected = "15-digit form")]
fn the_oracle_finds_a_first_generation_number() {
    assert_no_id("110105 491231 002", "11010519491231002X", "oracle");
}
