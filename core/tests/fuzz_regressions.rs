//! Replays every input kept under `tests/fuzz-crashes/<target>/` through the function the
//! fuzz target of that name calls (`fuzz/src/harness.rs`, compiled here as a module), so a
//! crash found by `scripts/fuzz.sh` stays fixed. Each input must give an answer or an
//! error with a contract code, never a panic; the harness checks the answer too (JSON,
//! shares adding up, no unmasked ID number).
//!
//! The `c_json` inputs are replayed through the core: the C entry point refuses a request
//! that is not UTF-8 (`YIBAO_STATUS_INVALID_UTF8`) and otherwise answers exactly what
//! `yibao::json::respond` answers, which the fuzz target itself asserts byte for byte.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    dead_code
)]

#[path = "../../fuzz/src/harness.rs"]
mod harness;

use std::path::PathBuf;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fuzz-crashes")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let mut all: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    all.extend(generated(target));
    all
}

/// Large inputs are made here rather than kept as files (megabytes in the repository
/// would test nothing more).
fn generated(target: &str) -> Vec<(String, Vec<u8>)> {
    const HEAD: &str = "id = \"990300-2024\"\nregion_code = \"990300\"\nregion_name = \"测试市\"\nbenefit_year = 2024\ntitle = \"fuzz\"\n\n[standard]\npersonal = \"380.00\"\nfiscal = \"640.00\"\n";
    let one_day_tiers = |n: u64| {
        let first = chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
        let mut t = format!("{HEAD}cite = {{ clause = \"一\" }}\n");
        for i in 0..n {
            let d = first + chrono::Days::new(i);
            t.push_str(&format!(
                "[[tiers]]\nid = \"t{i}\"\nname = \"第{i}期\"\nfrom = \"{d}\"\nto = \"{d}\"\npayment_days = {{ from = {}, to = {}, cite = {{ clause = \"x\" }} }}\ncover = {{ after = {{ days = {} }} }}\ncite = {{ clause = \"二\" }}\n",
                1 + i % 5,
                10 + i % 20,
                i % 731
            ));
        }
        t.into_bytes()
    };
    match target {
        "id" => vec![("ten-megabytes-of-digits".into(), vec![b'1'; 10 << 20])],
        "json" => {
            let member = r#"{"birth_date":"1980-05-01","categories":["minimum_living","orphan"]}"#;
            let members = vec![member; 10_000].join(",");
            vec![
                (
                    "household-ten-thousand-members".into(),
                    format!(r#"h{{"policy":"211382-2022","paid_on":"2022-02-15","members":[{members}]}}"#).into_bytes(),
                ),
                (
                    "id-one-megabyte-of-digits".into(),
                    format!(r#"i{{"id_number":"{}"}}"#, "1".repeat(1 << 20)).into_bytes(),
                ),
            ]
        }
        "policy" => vec![
            // 731 one-day tiers fill 2023-01-01..2024-12-31: valid.
            ("731-one-day-tiers.toml".into(), one_day_tiers(731)),
            // 3000 run past the benefit year: policy_invalid.
            ("3000-tiers.toml".into(), one_day_tiers(3000)),
            (
                "deeply-nested-inline-tables.toml".into(),
                format!(
                    "{HEAD}cite = {}1{}\n",
                    "{ a = ".repeat(20_000),
                    " }".repeat(20_000)
                )
                .into_bytes(),
            ),
        ],
        _ => Vec::new(),
    }
}

/// Kept inputs that still fail because of an open core bug: `replay` skips them and
/// `open_core_bugs` (ignored) replays them. Remove an entry once the bug is fixed.
const OPEN_CORE_BUGS: &[(&str, &str)] =
    &[("policy", "newborn-registered-after-the-benefit-year.toml")];

fn replay(target: &str, run: impl Fn(&[u8])) {
    let all: Vec<_> = inputs(target)
        .into_iter()
        .filter(|(name, _)| !OPEN_CORE_BUGS.contains(&(target, name.as_str())))
        .collect();
    assert!(
        all.len() >= 3,
        "tests/fuzz-crashes/{target}/ holds only {} inputs",
        all.len()
    );
    for (name, data) in all {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&data)));
        assert!(
            outcome.is_ok(),
            "tests/fuzz-crashes/{target}/{name} panicked"
        );
    }
}

#[test]
fn policy_inputs() {
    replay("policy", harness::policy);
}

#[test]

fn open_core_bugs() {
    for (target, name) in OPEN_CORE_BUGS {
        let data = inputs(target)
            .into_iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("{target}/{name} missing"))
            .1;
        match *target {
            "policy" => harness::policy(&data),
            "json" => harness::json(&data),
            "id" => harness::id(&data),
            other => panic!("no replay for {other}"),
        }
    }
}

#[test]
fn amounts_that_would_sum_beyond_money_are_refused() {
    // Found by fuzzing: a file whose amounts each read, but whose sums in an answer
    // (standard + fiscal share + prior year) left the range `Money` reads back. Policy
    // amounts are now bounded (1 000 000.00 yuan), so the file is refused at load.
    let text = String::from_utf8(
        inputs("policy")
            .into_iter()
            .find(|(n, _)| n == "amounts-summing-above-the-money-limit.toml")
            .unwrap()
            .1,
    )
    .unwrap();
    let mut e = yibao::Engine::empty();
    let error = e.load_policy("amounts.toml", &text).unwrap_err();
    assert_eq!(error.code(), yibao::ErrorCode::PolicyInvalid);
    assert!(
        error.message().contains("金额至多1000000.00元"),
        "{}",
        error.message()
    );
}

#[test]
fn json_inputs() {
    replay("json", harness::json);
}

#[test]
fn id_inputs() {
    replay("id", harness::id);
}

#[test]
fn c_json_inputs_through_the_core() {
    replay("c_json", |data| {
        let (op, rest) = harness::split_op(data);
        let request = rest.split_first().map_or(rest, |(_, r)| r);
        if let Ok(text) = std::str::from_utf8(request) {
            let (ok, answer) = yibao::json::respond(harness::engine(), op, text);
            harness::check_response(op, text, ok, &answer);
        }
    });
}

/// What some of the kept inputs must give, beyond "no panic".
#[test]
fn kept_inputs_give_the_expected_codes() {
    let code = |target: &str, name: &str| -> String {
        let data = inputs(target)
            .into_iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("{target}/{name} missing"))
            .1;
        match target {
            "policy" => {
                match yibao::policy::parse_policy(name, &String::from_utf8(data).unwrap()) {
                    Ok(_) => "ok".into(),
                    Err(e) => e.code().as_str().into(),
                }
            }
            _ => {
                let (op, rest) = harness::split_op(&data);
                let (ok, answer) =
                    yibao::json::respond(harness::engine(), op, &String::from_utf8_lossy(rest));
                if ok {
                    "ok".into()
                } else {
                    let v: serde_json::Value = serde_json::from_str(&answer).unwrap();
                    v["error"]["code"].as_str().unwrap().into()
                }
            }
        }
    };
    assert_eq!(code("policy", "731-one-day-tiers.toml"), "ok");
    // 3 000 tiers are over the file size limit before they could be over MAX_RULES.
    assert_eq!(code("policy", "3000-tiers.toml"), "policy_syntax");
    assert_eq!(code("policy", "deeply-nested-arrays.toml"), "policy_syntax");
    assert_eq!(code("policy", "huge-numbers.toml"), "policy_syntax");
    assert_eq!(code("policy", "toml-date-literals.toml"), "policy_syntax");
    assert_eq!(
        code("json", "quote-deeply-nested-arrays"),
        "invalid_request"
    );
    assert_eq!(
        code("json", "policies-deeply-nested-arrays"),
        "invalid_request"
    );
    // serde_json reads a number too large for any type as a syntax error.
    assert_eq!(code("json", "refund-huge-numbers"), "invalid_json");
    assert_eq!(
        code("json", "quote-invalid-utf8-in-strings"),
        "unknown_category"
    );
    assert_eq!(code("json", "window-extreme-dates"), "invalid_date");
    assert_eq!(
        code("json", "unknown-operation-nul-bytes"),
        "unknown_operation"
    );
    assert_eq!(code("json", "empty"), "invalid_json");
    // Over the 1 MiB request limit: refused before it is read (issue #13).
    assert_eq!(code("json", "id-one-megabyte-of-digits"), "invalid_request");
}

/// The leak oracle of the fuzz targets finds an ID number echoed in any written form,
/// wherever the request put it (issue #13: it was ASCII-only and looked at `id_number`).
#[test]
fn the_leak_oracle_sees_every_written_form() {
    let leaks = [
        // (request, an answer that echoes its number)
        (
            r#"{"policy":"１１０１０５１９４９１２３１００２Ｘ"}"#,
            r#"{"error":{"code":"unknown_policy","message":"１１０１０５１９４９１２３１００２Ｘ"}}"#,
        ),
        (
            r#"{"person":{"categories":["110105 19491231 002X"]}}"#,
            r#"{"error":{"code":"unknown_category","message":"110105-19491231-002x"}}"#,
        ),
        (
            r#"{"٣١٠١٠٥١٩٨٠٠١٠١٠٠٢١":1}"#,
            r#"{"error":{"code":"invalid_request","message":"310105 19800101 0021"}}"#,
        ),
        (
            r#"{"paid_on":"110105491231002"#,
            r#"{"error":{"code":"invalid_json","message":"110105491231002"}}"#,
        ),
    ];
    for (request, answer) in leaks {
        let caught = std::panic::catch_unwind(|| {
            harness::check_response("policy", request, false, answer);
        });
        assert!(caught.is_err(), "not caught: {answer}");
    }
    // The masked forms pass.
    harness::check_response(
        "policy",
        r#"{"policy":"110105 19491231 002X"}"#,
        false,
        r#"{"error":{"code":"unknown_policy","message":"110105 ******** 002X"}}"#,
    );
}
