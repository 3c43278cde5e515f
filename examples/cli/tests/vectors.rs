//! Every conformance vector (`tests/vectors/`) through `yibao <op>` on stdin: the answer
//! printed is byte-identical to the Rust JSON entry point's, the exit status says whether
//! it is an error, and it matches the person-written expectation.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::yibao;
use std::path::PathBuf;
use yibao::conformance::{parse_cases, subset_mismatch};

#[test]
fn every_vector_through_the_cli() {
    let engine = yibao::Engine::try_builtin().unwrap();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        for case in parse_cases(&std::fs::read_to_string(&path).unwrap()).unwrap() {
            let request = case.request_text();
            let out = yibao(&[&case.op], request.as_bytes());
            let printed = out.stdout;
            let (ok, expected) = yibao::json::respond(&engine, &case.op, &request);
            // An unknown operation is a usage error of the CLI (exit 2, message on
            // stderr); every other case prints the contract's answer.
            if case.op == "quotes" {
                assert_eq!(out.code, 2, "{}", case.name);
                count += 1;
                continue;
            }
            assert_eq!(
                printed.strip_suffix('\n'),
                Some(expected.as_str()),
                "{}",
                case.name
            );
            assert_eq!(out.code == 0, ok, "{}: exit status", case.name);
            let value: serde_json::Value = serde_json::from_str(&printed).unwrap();
            if let Some(why) = subset_mismatch(&case.expected, &value) {
                panic!("{} ({}): {why}", case.name, case.source);
            }
            count += 1;
        }
    }
    assert!(count >= 60, "only {count} vectors");
}
