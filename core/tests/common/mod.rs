//! Helpers shared by the integration tests.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::{json, Value};
use std::sync::OnceLock;
use yibao::Engine;

pub fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::try_builtin().expect("built-in policies validate"))
}

/// Runs an operation and returns the answer, panicking with the error JSON on failure.
pub fn ok(op: &str, req: Value) -> Value {
    match yibao::json::handle(engine(), op, &req.to_string()) {
        Ok(s) => serde_json::from_str(&s).unwrap(),
        Err(e) => panic!("{op} {req} failed: {}", e.to_json()),
    }
}

/// Runs an operation that must fail and returns the error code and message.
pub fn err(op: &str, req: &str) -> (String, String) {
    match yibao::json::handle(engine(), op, req) {
        Ok(s) => panic!("{op} {req} should fail but gave {s}"),
        Err(e) => (e.code().as_str().to_string(), e.message()),
    }
}

/// A quote for a person born on `birth` with `cats`, paid on `paid_on`.
pub fn quote(policy: &str, paid_on: &str, birth: &str, cats: &[&str]) -> Value {
    ok(
        "quote",
        json!({"policy": policy, "paid_on": paid_on, "person": {"birth_date": birth, "categories": cats}}),
    )
}

/// The rule names cited by an answer.
pub fn rules(answer: &Value) -> Vec<String> {
    answer["citations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["rule"].as_str().unwrap().to_string())
        .collect()
}

pub fn assumption_rules(answer: &Value) -> Vec<String> {
    answer["assumptions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["rule"].as_str().unwrap().to_string())
        .collect()
}

pub fn warning_codes(answer: &Value) -> Vec<String> {
    answer["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap().to_string())
        .collect()
}

/// Computes a valid 18-digit ID number from its first 17 characters.
pub fn id18(first17: &str) -> String {
    let mut digits = [0u8; 17];
    digits.copy_from_slice(first17.as_bytes());
    let c = yibao::id::check_digit(&digits);
    format!("{first17}{}", c as char)
}
