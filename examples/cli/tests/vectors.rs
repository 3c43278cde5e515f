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
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors");
    // The built-ins and the fixture policies, loaded with `--policy-file`.
    let mut engine = yibao::Engine::try_builtin().unwrap();
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(dir.join("policies"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    fixtures.sort();
    let mut global: Vec<String> = Vec::new();
    for f in &fixtures {
        let text = std::fs::read_to_string(f).unwrap();
        engine.load_policy(f.to_str().unwrap(), &text).unwrap();
        global.push("--policy-file".into());
        global.push(f.to_str().unwrap().into());
    }
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        for case in parse_cases(&std::fs::read_to_string(&path).unwrap()).unwrap() {
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
