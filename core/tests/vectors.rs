//! Runs every conformance vector (`tests/vectors/*.json`) through the Rust JSON entry
//! point, checks it against the person-written expectation, and writes each canonical
//! answer to `$CARGO_TARGET_TMPDIR/conformance/<name>.json` for the other bindings'
//! runners to compare byte for byte.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;
use std::path::PathBuf;
use yibao::conformance::{parse_file, subset_mismatch};

#[path = "../../tests/vectors/fixtures.rs"]
mod fixtures;
use fixtures::{fixture_policies, vector_files};

/// The built-in policies and the test-only fixture policies of `tests/vectors/policies/`.
fn engine_with_fixtures() -> yibao::Engine {
    let fixtures = fixture_policies();
    assert!(!fixtures.is_empty(), "no fixture policies");
    yibao::conformance::engine_with(fixtures).unwrap()
}

#[test]
fn every_vector_passes_and_is_written_canonically() {
    let engine = engine_with_fixtures();
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("conformance");
    std::fs::create_dir_all(&out).unwrap();
    let files = vector_files();
    assert!(files.len() >= 6, "vector files missing: {files:?}");
    let mut names = BTreeSet::new();
    let mut failures = Vec::new();
    let mut count = 0;
    let mut codes = BTreeSet::new();
    for f in files {
        let cases = fixtures::cases_of(&f, parse_file);
        for case in cases {
            assert!(
                names.insert(case.name.clone()),
                "duplicate vector name {}",
                case.name
            );
            let (_, answer) = yibao::json::respond(&engine, &case.op, &case.request_text());
            let value: serde_json::Value = serde_json::from_str(&answer).unwrap();
            if let Some(code) = value["error"]["code"].as_str() {
                codes.insert(code.to_string());
            }
            if let Some(why) = subset_mismatch(&case.expected, &value) {
                failures.push(format!(
                    "{} ({}): {why}\n  answer: {answer}",
                    case.name, case.source
                ));
            }
            std::fs::write(out.join(format!("{}.json", case.name)), &answer).unwrap();
            count += 1;
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {count} vectors failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(count >= 60, "only {count} vectors");
    // Every error code a request can produce has a vector (policy file errors are
    // covered by the policy-loading tests of each binding).
    for code in yibao::ErrorCode::ALL {
        let c = code.as_str();
        if matches!(c, "policy_syntax" | "policy_invalid") {
            continue;
        }
        assert!(codes.contains(c), "no vector for error code {c}");
    }
}
