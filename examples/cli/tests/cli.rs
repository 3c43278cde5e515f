//! The built `yibao` binary, run as a user runs it: arguments, stdin, stdout, exit code.
//!
//! Figures are those of the seed notices (design.md), so a wrong answer fails here even
//! when the core's own tests are changed alongside it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

mod common;
use common::{yibao, Run};

fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {:?}", run.stdout))
}

fn error_code(run: &Run) -> String {
    json(run)["error"]["code"]
        .as_str()
        .unwrap_or_else(|| panic!("no error code in {:?}", run.stdout))
        .to_string()
}

const CHANGZHI_LOW_INCOME: &str = r#"{"policy":"140400-2024","paid_on":"2023-10-10",
    "person":{"birth_date":"1980-05-01","categories":["minimum_living"]}}"#;

fn core_policy(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../core/policies")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A scratch directory of this test process, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        // The process id keeps parallel test runs apart; it is short, so the path is
        // never masked as an ID-number-like run of digits in error messages.
        let dir = std::env::temp_dir().join(format!("yibao-cli-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn write(&self, file: &str, text: &str) -> String {
        let path = self.0.join(file);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

// ------------------------------------------------------------------ operations on stdin

#[test]
fn quote_prints_exactly_the_library_answer() {
    let run = yibao(&["quote"], CHANGZHI_LOW_INCOME.as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(r#""personal_due":"76.00""#),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(r#""benefit_start":"2024-01-01""#));
    let (ok, answer) =
        yibao::json::respond(&yibao::Engine::builtin(), "quote", CHANGZHI_LOW_INCOME);
    assert!(ok);
    assert_eq!(run.stdout, format!("{answer}\n"));
}

#[test]
fn household_of_three_in_lingyuan() {
    let request = r#"{"policy":"211382-2022","paid_on":"2022-02-15","members":[
        {"birth_date":"1980-01-01"},{"birth_date":"1982-03-04"},{"birth_date":"2010-06-07"}]}"#;
    let run = yibao(&["household"], request.as_bytes());
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.contains(r#""personal_due_total":"960.00""#),
        "{}",
        run.stdout
    );
    assert_eq!(json(&run)["members"].as_array().map(Vec::len), Some(3));
}

#[test]
fn refund_of_a_duplicate_in_changzhi() {
    let request = r#"{"policy":"140400-2024","person":{"birth_date":"1980-01-01"},
        "payment":{"paid_on":"2023-10-10","amount":"380.00"},
        "reason":"duplicate","event_on":"2023-10-11"}"#;
    let run = yibao(&["refund"], request.as_bytes());
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout
            .contains(r#""refundable":true,"amount":"380.00""#),
        "{}",
        run.stdout
    );
}

#[test]
fn window_on_the_26th_in_changzhi_is_no_payment_day() {
    let run = yibao(
        &["window"],
        br#"{"policy":"140400-2024","date":"2023-10-26"}"#,
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.contains(r#""payment_day":false"#),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(r#""next_payment_day":"2023-11-01""#));
}

#[test]
fn id_gets_today_from_the_clock_only_when_absent() {
    // Born 2199-12-31: in the future for the clock of any machine running this test.
    let future = "110105219912310028";
    let run = yibao(&["id"], format!(r#"{{"id_number":"{future}"}}"#).as_bytes());
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(json(&run)["valid"], false, "{}", run.stdout);
    assert_eq!(json(&run)["reason"], "future_birth", "{}", run.stdout);

    // A `today` in the request wins over the clock.
    let request = format!(r#"{{"id_number":"{future}","today":"2199-12-31"}}"#);
    let run = yibao(&["id"], request.as_bytes());
    assert_eq!(json(&run)["valid"], true, "{}", run.stdout);
    assert_eq!(json(&run)["masked"], "110105********0028");

    let run = yibao(&["id"], br#"{"id_number":"11010519491231002X"}"#);
    assert_eq!(json(&run)["valid"], true, "{}", run.stdout);
    assert_eq!(json(&run)["birth_date"], "1949-12-31");
}

#[test]
fn policies_needs_no_request() {
    let ids = |run: &Run| -> Vec<String> {
        json(run)
            .as_array()
            .expect("a list")
            .iter()
            .map(|p| p["id"].as_str().expect("id").to_string())
            .collect()
    };
    let run = yibao(&["policies"], b"");
    assert_eq!(run.code, 0, "{}", run.stdout);
    // Every built-in, by province and region, a region's newest year first.
    let listed = ids(&run);
    for seed in ["140400-2024", "211382-2022", "230128-2023", "231000-2023"] {
        assert!(listed.contains(&seed.to_string()), "{listed:?}");
    }
    let pos = |id: &str| listed.iter().position(|x| x == id).unwrap();
    assert_eq!(pos("411024-2024"), pos("411024-2026") + 1);
    assert!(pos("140400-2024") < pos("211382-2022"));
    // No stdin at all.
    let out = Command::new(env!("CARGO_BIN_EXE_yibao"))
        .arg("policies")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), run.stdout);
}

#[test]
fn policy_gives_the_whole_file() {
    let run = yibao(&["policy"], br#"{"policy":"140400-2024"}"#);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let p = json(&run);
    assert_eq!(p["region_name"], "长治市");
    assert_eq!(p["standard"]["personal"], "380.00");
}

#[test]
fn pretty_indents_without_reordering() {
    let compact = yibao(&["quote"], CHANGZHI_LOW_INCOME.as_bytes());
    let pretty = yibao(&["quote", "--pretty"], CHANGZHI_LOW_INCOME.as_bytes());
    assert_eq!(pretty.code, 0);
    assert!(pretty
        .stdout
        .starts_with("{\n  \"policy\": \"140400-2024\",\n  \"window\": {\n"));
    assert_eq!(json(&pretty), json(&compact));
    let squeezed: String = pretty.stdout.lines().map(str::trim_start).collect();
    assert_eq!(
        squeezed.replace("\": ", "\":"),
        compact.stdout.trim_end(),
        "only whitespace may differ"
    );
}

// ------------------------------------------------------------------ request errors

#[test]
fn unknown_policy_is_an_error_json_with_exit_1() {
    let run = yibao(
        &["window"],
        br#"{"policy":"999999-2024","date":"2023-10-26"}"#,
    );
    assert_eq!(run.code, 1);
    assert_eq!(error_code(&run), "unknown_policy");
    assert!(run.stdout.ends_with("}\n"));
}

#[test]
fn malformed_json_is_invalid_json() {
    let run = yibao(&["quote"], br#"{"policy": "140400-2024","#);
    assert_eq!(run.code, 1);
    assert_eq!(error_code(&run), "invalid_json");
}

#[test]
fn invalid_utf8_on_stdin_is_invalid_json() {
    for op in ["quote", "id"] {
        let bytes = b"{\"policy\":\"\xff\xfe\"}";
        let run = yibao(&[op], bytes);
        assert_eq!(run.code, 1, "{op}");
        assert_eq!(error_code(&run), "invalid_json", "{op}");
        // Not read, so no `lang` of its own: Chinese, or the --lang given.
        let message = json(&run)["error"]["message"].as_str().unwrap().to_string();
        assert_eq!(message, "请求不是 UTF-8 文本：第11字节起编码无效");
        let run = yibao(&[op, "--lang", "en"], bytes);
        assert_eq!(error_code(&run), "invalid_json", "{op}");
        let message = json(&run)["error"]["message"].as_str().unwrap().to_string();
        assert!(message.contains("not UTF-8"), "{message}");
        assert!(message.contains("byte offset 11"), "{message}");
    }
}

#[test]
fn empty_stdin_is_invalid_json_for_an_operation_that_needs_a_request() {
    let run = yibao(&["window"], b"");
    assert_eq!(run.code, 1);
    assert_eq!(error_code(&run), "invalid_json");
}

// ------------------------------------------------------------------ --policy-file

#[test]
fn misplaced_key_in_a_policy_file_names_line_and_column() {
    let dir = TempDir::new("broken");
    // `benefit_year` moved into the [standard] table, the line after `personal`.
    let original = core_policy("211382-2022.toml");
    let mut lines: Vec<&str> = original.lines().collect();
    let personal = lines
        .iter()
        .position(|l| l.starts_with("personal = "))
        .expect("a personal line");
    lines.insert(personal + 1, "benefit_year = 2022");
    let path = dir.write("broken.toml", &lines.join("\n"));

    let run = yibao(&["--policy-file", &path, "policies"], b"");
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(error_code(&run), "policy_syntax");
    let message = json(&run)["error"]["message"].as_str().unwrap().to_string();
    // The inserted line is line personal + 2 (1-based), the key starts in column 1.
    let at = format!("{path}:{}:1:", personal + 2);
    assert!(message.starts_with(&at), "{message} should start with {at}");
    assert!(message.contains("benefit_year"), "{message}");
}

#[test]
fn missing_policy_file_is_a_policy_error() {
    let dir = TempDir::new("missing");
    let path = dir.0.join("nope.toml");
    let run = yibao(&["--policy-file", path.to_str().unwrap(), "policies"], b"");
    assert_eq!(run.code, 1);
    assert_eq!(error_code(&run), "policy_syntax");
}

#[test]
fn custom_policy_file_is_loaded_before_the_operation() {
    let dir = TempDir::new("custom");
    let text = core_policy("211382-2022.toml")
        .replace(r#"id = "211382-2022""#, r#"id = "999901-2022""#)
        .replace(r#"region_code = "211382""#, r#"region_code = "999901""#)
        .replace(r#"region_name = "凌源市""#, r#"region_name = "测试市""#);
    let path = dir.write("mine.toml", &text);

    let builtin = json(&yibao(&["policies"], b"")).as_array().map(Vec::len);
    let run = yibao(&["policies", "--policy-file", &path], b"");
    assert_eq!(run.code, 0, "{}", run.stdout);
    let list = json(&run);
    // The built-ins (their number grows with new notices) and this one.
    assert_eq!(list.as_array().map(Vec::len), builtin.map(|n| n + 1));
    assert!(run
        .stdout
        .contains(r#""id":"999901-2022","region_code":"999901","region_name":"测试市""#));

    let run = yibao(
        &["--policy-file", &path, "quote"],
        br#"{"policy":"999901-2022","paid_on":"2022-02-15","person":{"birth_date":"1990-01-01"}}"#,
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.contains(r#""personal_due":"320.00""#),
        "{}",
        run.stdout
    );

    let run = yibao(
        &[
            "quote",
            "--policy",
            "999901-2022",
            "--paid-on",
            "2022-02-15",
            "--policy-file",
            &path,
        ],
        b"",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("测试市 2022年度"), "{}", run.stdout);
}

// ------------------------------------------------------------------ human flags

#[test]
fn chinese_quote_summary_for_changzhi() {
    let run = yibao(
        &[
            "quote",
            "--policy",
            "140400-2024",
            "--category",
            "minimum_living",
            "--paid-on",
            "2023-10-10",
        ],
        b"",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    for expected in [
        "长治市 2024年度",
        "缴费日期：2023-10-10\n",
        "缴费期：集中征缴期（2023-09-01 至 2023-12-25）",
        "个人缴费标准：380.00 元",
        "财政补助：640.00 元",
        // 长治's notice names the fund 医疗救助 (its `source_names`).
        "资助：304.00 元（低保人员，医疗救助）",
        "类别：低保人员",
        "个人应缴：76.00 元",
        "待遇期：2024-01-01 至 2024-12-31",
        "依据（关于长治市2023年城乡居民基本医疗保险缴费的通告）：",
        "二、缴费标准（表）",
        "假设：",
        "1980-01-01",
    ] {
        assert!(
            run.stdout.contains(expected),
            "{expected:?} missing in\n{}",
            run.stdout
        );
    }
}

#[test]
fn english_quote_summary_for_changzhi() {
    let run = yibao(
        &[
            "quote",
            "--policy=140400-2024",
            "--category=minimum_living",
            "--paid-on=2023-10-10",
            "--birth-date=1975-03-03",
            "--lang=en",
        ],
        b"",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    for expected in [
        "Personal due: 76.00 yuan",
        "Cover: 2024-01-01 to 2024-12-31",
        "Aid: 304.00 yuan for minimum living allowance recipients (minimum_living), funded by medical assistance (medical_assistance)",
        "born 1975-03-03",
        "Sources",
    ] {
        assert!(
            run.stdout.contains(expected),
            "{expected:?} missing in\n{}",
            run.stdout
        );
    }
    // A given birth date is not an assumption.
    assert!(!run.stdout.contains("assumed an adult"), "{}", run.stdout);
}

#[test]
fn late_payment_summary_says_no_cover_and_warns() {
    let run = yibao(
        &[
            "quote",
            "--policy",
            "140400-2024",
            "--paid-on",
            "2024-12-10",
        ],
        b"",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("个人应缴：1020.00 元"),
        "{}",
        run.stdout
    );
    assert!(run
        .stdout
        .contains("待遇期：本次缴费在本待遇年度内不产生待遇"));
    assert!(run.stdout.contains("提示：\n"), "{}", run.stdout);
    assert!(run.stdout.contains("[no_cover]"), "{}", run.stdout);
}

#[test]
fn categories_may_be_comma_separated_and_the_highest_aid_wins() {
    let run = yibao(
        &[
            "quote",
            "--policy",
            "140400-2024",
            "--category",
            "minimum_living,extreme_poverty",
            "--paid-on",
            "2023-10-10",
            "--json",
        ],
        b"",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let q = json(&run);
    assert_eq!(q["personal_due"], "0.00", "{}", run.stdout);
    assert_eq!(q["aid"].as_array().map(Vec::len), Some(1));
}

#[test]
fn quote_json_flag_prints_the_same_answer_as_stdin() {
    let by_flags = yibao(
        &[
            "quote",
            "--policy",
            "140400-2024",
            "--category",
            "minimum_living",
            "--paid-on",
            "2023-10-10",
            "--birth-date",
            "1980-05-01",
            "--json",
        ],
        // Garbage on stdin proves that human flags do not read it.
        b"\xff not json",
    );
    let by_stdin = yibao(&["quote"], CHANGZHI_LOW_INCOME.as_bytes());
    assert_eq!(by_flags.code, 0, "{}", by_flags.stdout);
    assert_eq!(by_flags.stdout, by_stdin.stdout);
}

#[test]
fn default_birth_date_is_announced_with_json_too() {
    let run = yibao(
        &[
            "quote",
            "--policy",
            "211382-2022",
            "--paid-on",
            "2022-02-15",
            "--json",
        ],
        b"",
    );
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains(r#""personal_due":"320.00""#));
    assert!(run.stderr.contains("1980-01-01"), "{}", run.stderr);
}

#[test]
fn id_numbers_are_masked_in_summaries_and_errors() {
    let valid = "11010519491231002X";
    let run = yibao(
        &[
            "quote",
            "--policy",
            "140400-2024",
            "--paid-on",
            "2023-10-10",
            "--id-number",
            valid,
        ],
        b"",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("110105********002X"), "{}", run.stdout);
    assert!(!run.stdout.contains(valid) && !run.stderr.contains(valid));

    // A wrong check digit: an error in words, then as JSON.
    let invalid = "110105194912310021";
    let args = ["quote", "--policy", "140400-2024", "--id-number", invalid];
    let run = yibao(&args, b"");
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("[invalid_id]"), "{}", run.stderr);
    assert!(!run.stdout.contains(invalid) && !run.stderr.contains(invalid));
    let run = yibao(&[&args[..], &["--json"]].concat(), b"");
    assert_eq!(error_code(&run), "invalid_id");
    assert!(!run.stdout.contains(invalid) && !run.stderr.contains(invalid));
}

#[test]
fn bad_flag_values_are_request_errors_naming_the_flag() {
    let run = yibao(
        &[
            "quote",
            "--policy",
            "140400-2024",
            "--paid-on",
            "2023-02-29",
            "--json",
        ],
        b"",
    );
    assert_eq!(run.code, 1);
    assert_eq!(error_code(&run), "invalid_date");
    assert!(run.stdout.contains("--paid-on"), "{}", run.stdout);

    let run = yibao(
        &["quote", "--policy", "140400-2024", "--category", "vip"],
        b"",
    );
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("错误 [unknown_category]"),
        "{}",
        run.stderr
    );

    let run = yibao(&["window", "--policy", "000000-2024", "--lang", "en"], b"");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("error [unknown_policy]"),
        "{}",
        run.stderr
    );
}

#[test]
fn window_summaries() {
    let args = ["window", "--policy", "140400-2024", "--date", "2023-10-26"];
    let run = yibao(&args, b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    for expected in [
        "可以缴费：否",
        "缴费日：否",
        "下一个缴费日：2023-11-01",
        "集中征缴期",
    ] {
        assert!(
            run.stdout.contains(expected),
            "{expected:?} missing in\n{}",
            run.stdout
        );
    }
    let run = yibao(&[&args[..], &["--lang", "en"]].concat(), b"");
    assert!(
        run.stdout.contains("Open for payment: no"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Next payment day: 2023-11-01"));

    let run = yibao(
        &["window", "--policy", "140400-2024", "--date", "2023-10-25"],
        b"",
    );
    assert!(run.stdout.contains("可以缴费：是"), "{}", run.stdout);

    let run = yibao(&[&args[..], &["--json"]].concat(), b"");
    assert!(
        run.stdout.contains(r#""payment_day":false"#),
        "{}",
        run.stdout
    );
}

// ------------------------------------------------------------------ usage

#[test]
fn usage_errors_exit_2_with_a_message_on_stderr() {
    for args in [
        &["quote", "--frobnicate"][..],
        &["frobnicate"],
        &[],
        &["household", "--policy", "211382-2022"],
        &["quote", "--policy"],
        &["help", "nope"],
    ] {
        let run = yibao(args, b"");
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
        assert!(
            run.stderr.contains("\n用法：yibao"),
            "{args:?}: {}",
            run.stderr
        );
        let run = yibao(&[args, &["--lang", "en"]].concat(), b"");
        assert_eq!(run.code, 2, "{args:?}");
        assert!(
            run.stderr.contains("\nusage: yibao"),
            "{args:?}: {}",
            run.stderr
        );
    }
    let run = yibao(&["quote", "--frobnicate"], b"");
    assert!(
        run.stderr.starts_with("yibao: 没有选项 --frobnicate\n"),
        "{}",
        run.stderr
    );
    let run = yibao(&["quote", "--frobnicate", "--lang", "en"], b"");
    assert!(
        run.stderr.starts_with("yibao: unknown flag --frobnicate\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn help_and_version() {
    let run = yibao(&["--help"], b"");
    assert_eq!(run.code, 0);
    for op in yibao::json::OPERATIONS {
        assert!(
            run.stdout.contains(&format!("\n  {op} ")),
            "{op} missing in help"
        );
    }
    assert!(run.stdout.contains("minimum_living"));

    for args in [&["help", "quote"][..], &["quote", "--help"]] {
        let run = yibao(args, b"");
        assert_eq!(run.code, 0);
        assert!(
            run.stdout.contains("yibao quote --policy 140400-2024"),
            "{}",
            run.stdout
        );
    }

    let run = yibao(&["--version"], b"");
    assert_eq!(run.code, 0);
    assert!(run
        .stdout
        .starts_with(&format!("yibao {}", env!("CARGO_PKG_VERSION"))));
}

#[test]
fn summary_shows_the_2026_wait_and_the_working_days() {
    // 鄢陵 2026 (国办发〔2024〕38号): paid late on 2026-02-10, no history given: the
    // fixed 3 months, 2026-02-10 + 3 months = 2026-05-10, cover from 2026-05-11.
    let run = yibao(
        &[
            "quote",
            "--policy",
            "411024-2026",
            "--paid-on",
            "2026-02-10",
        ],
        b"",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("待遇期：2026-05-11 至 2026-12-31"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("等待期：3 个月"), "{}", run.stdout);
    assert!(run.stdout.contains("[history_not_given]"), "{}", run.stdout);
    // 长治: a payment shows after 5 working days (Tuesday 2023-10-10 → Tuesday 10-17).
    let run = yibao(
        &[
            "quote",
            "--policy",
            "140400-2024",
            "--paid-on",
            "2023-10-10",
            "--lang",
            "en",
        ],
        b"",
    );
    assert!(
        run.stdout
            .contains("Payment visible in the records from: 2023-10-18"),
        "{}",
        run.stdout
    );
}

/// A byte-order mark is dropped once, by the core, as in every binding: a second one is the
/// request's (found by the fuzz target `cli_json`; kept in tests/fuzz-crashes/cli_json/).
#[test]
fn a_byte_order_mark_is_dropped_once_as_every_binding_does() {
    let engine = yibao::Engine::builtin();
    for text in [
        "\u{feff}\u{feff}",
        "\u{feff}{\"policy\":\"140400-2024\",\"date\":\"2023-10-26\"}",
        "\u{feff}\u{feff}{\"policy\":\"140400-2024\",\"date\":\"2023-10-26\"}",
    ] {
        let run = yibao(&["window"], text.as_bytes());
        let (ok, expected) = yibao::json::respond(&engine, "window", text);
        assert_eq!(run.stdout.trim_end(), expected, "{text:?}");
        assert_eq!(run.code, if ok { 0 } else { 1 }, "{text:?}");
    }
    // --lang is written past the mark.
    let run = yibao(
        &["window", "--lang", "en"],
        "\u{feff}{\"policy\":\"999999-2024\",\"date\":\"2023-10-26\"}".as_bytes(),
    );
    assert!(run.stdout.contains("unknown policy"), "{}", run.stdout);
}
