//! The packed form of a policy (`policy::packed`, the npm package's built-ins): every
//! built-in and fixture policy comes back equal, and an engine of packed policies answers
//! every vector and case byte for byte as the engine that read the files, reading a
//! policy only when first asked for.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use yibao::conformance::parse_file;
use yibao::policy::{packed, parse_policy, BUILTIN};

#[path = "../../tests/vectors/fixtures.rs"]
mod fixtures;
use fixtures::{fixture_policies, vector_files};

fn every_policy_file() -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = BUILTIN
        .iter()
        .map(|(f, t)| (f.to_string(), t.to_string()))
        .collect();
    all.extend(fixture_policies());
    all
}

#[test]
fn every_policy_packs_and_unpacks_equal() {
    let all = every_policy_file();
    assert!(all.len() >= 18 + 5, "{}", all.len());
    for (file, text) in &all {
        let p = parse_policy(file, text).unwrap();
        let form = packed::pack_policy(file, &p).unwrap();
        let (summary, bytes) = packed::unpack_summary(file, &form).unwrap();
        assert_eq!(summary, p.summary(), "{file}");
        let back = packed::unpack_policy(file, &bytes).unwrap();
        assert_eq!(back, p, "{file}");
        // What load computes (no part of equality) is computed on unpacking too.
        assert_eq!(
            format!("{:?}", back.table),
            format!("{:?}", p.table),
            "{file}"
        );
        for (a, b) in back.aid.iter().zip(&p.aid) {
            assert_eq!(*a.mask, *b.mask, "{file}");
        }
    }
}

#[test]
fn an_engine_of_packed_policies_answers_as_the_files_do_and_reads_lazily() {
    let all = every_policy_file();
    let mut read = yibao::Engine::empty();
    let mut lazy = yibao::Engine::empty();
    for (file, text) in &all {
        let id = read.load_policy(file, text).unwrap();
        let form = packed::pack_policy(file, read.policy(&id).unwrap()).unwrap();
        assert_eq!(lazy.load_packed(file, &form).unwrap(), id);
    }
    assert_eq!(lazy.policies_read(), 0);
    // The listing reads nothing.
    let list = yibao::json::handle(&lazy, "policies", "");
    assert_eq!(list, yibao::json::handle(&read, "policies", ""));
    assert_eq!(lazy.policies_read(), 0);
    let mut count = 0;
    for f in vector_files() {
        for case in fixtures::cases_of(&f, parse_file) {
            let request = case.request_text();
            assert_eq!(
                yibao::json::respond(&lazy, &case.op, &request),
                yibao::json::respond(&read, &case.op, &request),
                "{}",
                case.name
            );
            count += 1;
        }
    }
    assert!(count > 100, "{count}");
    for (_, text) in &all {
        // Every policy, as JSON, the same.
        let id = parse_policy("x.toml", text).unwrap().id;
        let request = format!(r#"{{"policy": "{id}"}}"#);
        assert_eq!(
            yibao::json::handle(&lazy, "policy", &request).unwrap(),
            yibao::json::handle(&read, "policy", &request).unwrap()
        );
    }
    assert_eq!(lazy.policies_read(), all.len());
}

#[test]
fn a_damaged_packed_policy_is_refused() {
    let (file, text) = &BUILTIN[0];
    let p = parse_policy(file, text).unwrap();
    let form = packed::pack_policy(file, &p).unwrap();
    let mut e = yibao::Engine::empty();
    let err = e.load_packed("x", "not base64!").unwrap_err();
    assert_eq!(err.code().as_str(), "policy_syntax");
    assert_eq!(
        err.message(),
        "x: 预处理的政策数据已损坏或来自其他版本，无法读取"
    );
    // The summary intact, the rest cut: refused when first used.
    let (_, bytes) = packed::unpack_summary(file, &form).unwrap();
    let cut = packed::to_base64(&bytes[..bytes.len() - 10]);
    let id = e.load_packed(file, &cut).unwrap();
    let err = e.policy(&id).unwrap_err();
    assert_eq!(err.code().as_str(), "policy_syntax");
    assert!(e.policies().iter().any(|s| s.id == id));
}
