//! The core's answers in each language, for the npm package's tests to compare with: every
//! conformance vector (`tests/vectors/*.json`) asked in Chinese and in English through
//! [`yibao::json::respond`] (the entry point every binding shares), each answer written to
//! `$CARGO_TARGET_TMPDIR/conformance-lang/<name>.<lang>.json`; and what
//! [`yibao::lang::english_phrase`] and [`yibao::lang::chinese_sentence`] find in every text
//! of the catalogue and of those answers, written to `$CARGO_TARGET_TMPDIR/lang-rules.json`,
//! so that the JavaScript port of the rules (`tests/lang.mjs`, used by the page's test too)
//! is checked against the Rust ones on real texts.
//!
//! A case is asked in a language as `core/tests/languages.rs` asks it: `"lang"` put into
//! its request object (`null`, the `policies` request, becomes `{"lang": …}`); a case that
//! names its language is asked in that one only. A malformed request (`raw_request`) is
//! sent as it is, and its error told in the language asked, as the npm package tells it
//! from its `{ lang }` option.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;
use yibao::conformance::parse_file;
use yibao::{Lang, Message};

#[path = "../../tests/vectors/fixtures.rs"]
mod fixtures;

fn engine() -> yibao::Engine {
    yibao::conformance::engine_with(fixtures::fixture_policies()).unwrap()
}

fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(m) => m.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

#[test]
fn every_vector_in_each_language() {
    let engine = engine();
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("conformance-lang");
    std::fs::create_dir_all(&out).unwrap();
    let files = fixtures::vector_files();
    let mut texts: Vec<String> = Vec::new();
    for (_, zh, en) in Message::templates() {
        texts.push(zh.to_string());
        texts.push(en.to_string());
    }
    let mut written = BTreeMap::new();
    for f in files {
        for case in fixtures::cases_of(&f, parse_file) {
            for lang in Lang::ALL {
                if case.own_lang().is_some_and(|o| o != *lang) {
                    continue;
                }
                let answer = match (&case.raw_request, case.request_in(*lang)) {
                    (Some(raw), _) => match yibao::json::handle(&engine, &case.op, raw) {
                        Ok(a) => a,
                        Err(e) => e.to_json_in(*lang),
                    },
                    (None, Some(r)) => yibao::json::respond(&engine, &case.op, &r).1,
                    (None, None) => continue,
                };
                strings(&serde_json::from_str(&answer).unwrap(), &mut texts);
                let file = format!("{}.{}.json", case.name, lang.as_str());
                std::fs::write(out.join(&file), &answer).unwrap();
                written.insert(file, ());
            }
        }
    }
    assert!(written.len() > 200, "only {} answers", written.len());

    texts.sort();
    texts.dedup();
    let found: Vec<Value> = texts
        .iter()
        .map(|t| {
            json!([
                t,
                yibao::lang::english_phrase(t),
                yibao::lang::chinese_sentence(t)
            ])
        })
        .collect();
    std::fs::write(
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("lang-rules.json"),
        Value::Array(found).to_string(),
    )
    .unwrap();
}
