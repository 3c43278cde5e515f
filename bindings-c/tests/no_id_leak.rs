//! Issue #13's acceptance property through the C library: no answer of `yibao_json` (every
//! operation, both languages) and no `yibao_id_mask` output ever holds a full ID number
//! in any written form; the typed quote refuses a number written apart with INVALID_ID.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::*;

#[path = "../../tests/leaks/id_forms.rs"]
mod id_forms;

use id_forms::{assert_no_id, form, json_str, render, requests, valid_id, Form};
use proptest::prelude::*;
use std::sync::OnceLock;
use yibao_c::typed::yibao_id_mask;
use yibao_c::yibao_status as S;

fn engine() -> &'static Engine {
    struct Shared(Engine);
    // SAFETY: the C engine is immutable after creation and documented as shareable
    // between threads (README, "Threads").
    unsafe impl Sync for Shared {}
    unsafe impl Send for Shared {}
    static E: OnceLock<Shared> = OnceLock::new();
    &E.get_or_init(|| Shared(Engine::builtin())).0
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn no_c_answer_holds_an_id_number(id in valid_id(), form in form()) {
        let w = render(&id, &form);
        for (op, request) in requests(&w, "140400-2024", "2023-10-10") {
            for lang in ["zh", "en"] {
                let request = match request.strip_prefix('{') {
                    Some(rest) => format!(r#"{{"lang":"{lang}",{rest}"#),
                    None => request.clone(),
                };
                let (status, answer) = json(engine(), &op, &request);
                prop_assert_ne!(status, S::Panic);
                assert_no_id(&answer, &id, &format!("yibao_json {op} {request}"));
            }
        }
        if !matches!(form, Form::Ascii | Form::Lower) {
            let (_, answer) = json(engine(), "id", &format!(r#"{{"id_number":{}}}"#, json_str(&w)));
            assert_no_id(&answer, &id, "yibao_json id");
            let (status, masked) = with_buffer(|buf, cap, needed| {
                // SAFETY: every pointer is valid for its length.
                unsafe { yibao_id_mask(w.as_ptr().cast(), w.len(), buf, cap, needed) }
            });
            prop_assert_eq!(status, S::Ok);
            assert_no_id(&masked, &id, "yibao_id_mask");
            let typed = quote(engine(), "140400-2024", Some(&w), 0, 0, &[], 20231010);
            prop_assert_eq!(typed.err(), Some(S::InvalidId));
        }
    }
}
