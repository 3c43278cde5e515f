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
use yibao::conformance::{parse_file, subset_mismatch};

#[path = "../../../tests/vectors/fixtures.rs"]
mod fixtures;

#[test]
fn every_vector_through_the_cli() {
    // The built-ins and the fixture policies, loaded with `--policy-file`.
    let mut engine = yibao::Engine::try_builtin().unwrap();
    let fixtures = fixtures::vector_dir().join("policies");
    let mut global: Vec<String> = Vec::new();
    for (name, text) in fixtures::fixture_policies() {
        let path = fixtures.join(&name);
        engine.load_policy(path.to_str().unwrap(), &text).unwrap();
        global.push("--policy-file".into());
        global.push(path.to_str().unwrap().into());
    }
    let mut count = 0;
    for path in fixtures::vector_files() {
        for case in fixtures::cases_of(&path, parse_file) {
            let request = case.request_text();
            let mut args: Vec<&str> = global.iter().map(String::as_str).collect();
            args.push(&case.op);
            let out = yibao(&args, request.as_bytes());
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
