//! Issue #13's acceptance property through the CLI: no answer, error, usage text, batch
//! row (the `error_message` and `id_masked` columns included), `--household-totals` key or
//! "ignoring columns" notice ever holds a full ID number in any written form.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::yibao;

#[path = "../../../tests/leaks/id_forms.rs"]
mod id_forms;

use id_forms::{assert_no_id, form, json_str, render, requests, valid_id};
use proptest::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Everything a run printed.
fn all(run: &common::Run) -> String {
    format!("{}\n{}", run.stdout, run.stderr)
}

fn csv_field(v: &str) -> String {
    format!("\"{}\"", v.replace('"', "\"\""))
}

/// A county file holding `w` in every column, under a header that has it as a column
/// name too, with `end` as the record end.
fn csv_with(w: &str, end: &str) -> String {
    let f = csv_field(w);
    let rows = [
        format!("{f},,,2023-10-10,h1,,x"),
        format!(",1980-01-01,{f},2023-10-10,h1,,x"),
        format!(",1980-01-01,,{f},h2,,x"),
        format!(",1980-01-01,,2023-10-10,{f},,{f}"),
        format!(",1980-01-01,,2023-10-10,{f},{f},x"),
        format!("{f}{f},,,2023-10-10,,,"),
    ];
    let mut text = format!("id_number,birth_date,categories,paid_on,household,policy,{f}{end}");
    for r in rows {
        text.push_str(&r);
        text.push_str(end);
    }
    text
}

fn jsonl_with(w: &str) -> String {
    let q = json_str(w);
    [
        format!(r#"{{"id_number":{q},"paid_on":"2023-10-10","household":"h1"}}"#),
        format!(r#"{{"birth_date":"1980-01-01","categories":[{q}],"paid_on":"2023-10-10"}}"#),
        format!(r#"{{"birth_date":"1980-01-01","categories":{q},"paid_on":{q}}}"#),
        format!(r#"{{"birth_date":"1980-01-01","paid_on":"2023-10-10","household":{q},{q}:1}}"#),
        format!(r#"{{"birth_date":"1980-01-01","paid_on":"2023-10-10","policy":{q}}}"#),
        format!(r#"{{"birth_date":{q},"paid_on":"2023-10-10","household":{q}}}"#),
        format!(r#"{{"id_number":{q}"#),
    ]
    .join("\n")
}

static RUN: AtomicUsize = AtomicUsize::new(0);

/// A batch run with `--household-totals` to a file: what it printed and the file.
fn batch(args: &[&str], input: &str) -> String {
    let n = RUN.fetch_add(1, Ordering::Relaxed);
    let path = std::env::temp_dir().join(format!("yibao-leak-{}-{n}.csv", std::process::id()));
    let p = path.to_str().unwrap();
    let mut full = vec!["batch", "--policy", "140400-2024", "--household-totals", p];
    full.extend_from_slice(args);
    let run = yibao(&full, input.as_bytes());
    let totals = std::fs::read_to_string(&path).unwrap_or_default();
    let _ = std::fs::remove_file(&path);
    format!("{}\n{totals}", all(&run))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn no_cli_output_holds_an_id_number(id in valid_id(), form in form()) {
        let w = render(&id, &form);
        // JSON requests on stdin, every operation, both languages.
        for (op, request) in requests(&w, "140400-2024", "2023-10-10") {
            let run = yibao(&["--lang", "en", &op], request.as_bytes());
            assert_no_id(&all(&run), &id, &format!("yibao {op} < {request}"));
        }
        // Flags, with the human output and with --json.
        let flags: [&[&str]; 6] = [
            &["quote", "--policy", "140400-2024", "--paid-on", "2023-10-10", "--id-number", &w],
            &["quote", "--policy", &w, "--paid-on", "2023-10-10", "--birth-date", "1980-01-01"],
            &["quote", "--policy", "140400-2024", "--paid-on", &w, "--birth-date", "1980-01-01"],
            &["quote", "--policy", "140400-2024", "--category", &w, "--birth-date", "1980-01-01"],
            &["window", "--policy", &w, "--date", "2023-10-10"],
            &["window", "--policy", "140400-2024", "--date", &w],
        ];
        for args in flags {
            for extra in [&[][..], &["--json"][..]] {
                let mut a = args.to_vec();
                a.extend_from_slice(extra);
                let run = yibao(&a, b"");
                assert_no_id(&all(&run), &id, &format!("yibao {a:?}"));
            }
        }
        let run = yibao(&[&w], b"{}");
        assert_no_id(&all(&run), &id, "yibao <the number as an operation>");
        let run = yibao(&["--lang", &w, "quote"], b"{}");
        assert_no_id(&all(&run), &id, "yibao --lang <the number>");
        // Batch: CSV with LF, CRLF and CR-only record ends, and JSON Lines; both
        // output formats and both languages.
        for end in ["\n", "\r\n", "\r"] {
            let input = csv_with(&w, end);
            for args in [&[][..], &["--output-format", "jsonl", "--lang", "en"][..]] {
                assert_no_id(&batch(args, &input), &id, &format!("batch csv {end:?} {args:?}"));
            }
        }
        let input = jsonl_with(&w);
        for args in [&["--input-format", "jsonl"][..], &["--input-format", "jsonl", "--output-format", "jsonl", "--lang", "en"][..]] {
            assert_no_id(&batch(args, &input), &id, &format!("batch jsonl {args:?}"));
        }
    }
}
