//! One test per error code, and the promise that messages never carry an ID number.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::*;
use yibao::{Engine, ErrorCode};

const Q_OK: &str =
    r#"{"policy":"140400-2024","paid_on":"2023-10-10","person":{"birth_date":"1980-05-01"}}"#;

#[test]
fn the_reference_request_is_valid() {
    assert!(yibao::json::handle(engine(), "quote", Q_OK).is_ok());
}

#[test]
fn invalid_json() {
    for bad in ["{", "", "nul", r#"{"policy": "140400-2024",}"#] {
        assert_eq!(err("quote", bad).0, "invalid_json", "{bad:?}");
    }
}

#[test]
fn invalid_request_missing_mistyped_or_unknown_field() {
    let cases = [
        // missing paid_on
        r#"{"policy":"140400-2024","person":{"birth_date":"1980-05-01"}}"#,
        // mistyped: categories is not a list
        r#"{"policy":"140400-2024","paid_on":"2023-10-10","person":{"birth_date":"1980-05-01","categories":"minimum_living"}}"#,
        // misspelt field
        r#"{"policy":"140400-2024","paid_on":"2023-10-10","person":{"birth_date":"1980-05-01","categorys":["minimum_living"]}}"#,
        // neither birth date nor ID number
        r#"{"policy":"140400-2024","paid_on":"2023-10-10","person":{}}"#,
        // an amount as a float
        r#"{"policy":"140400-2024","person":{"birth_date":"1980-05-01"},"payment":{"paid_on":"2023-10-10","amount":380.5},"reason":"duplicate","event_on":"2023-10-11"}"#,
        // JSON that is not an object
        "[1,2]",
    ];
    for (i, c) in cases.iter().enumerate() {
        let op = if i == 4 { "refund" } else { "quote" };
        assert_eq!(err(op, c).0, "invalid_request", "{c}");
    }
    // An unknown refund reason is a request error too.
    let (code, _) = err(
        "refund",
        r#"{"policy":"140400-2024","person":{"birth_date":"1980-05-01"},"payment":{"paid_on":"2023-10-10","amount":"380.00"},"reason":"bored","event_on":"2023-10-11"}"#,
    );
    assert_eq!(code, "invalid_request");
    // ID number and birth date that disagree.
    let id = id18("14040219800501123");
    let req = format!(
        r#"{{"policy":"140400-2024","paid_on":"2023-10-10","person":{{"id_number":"{id}","birth_date":"1980-05-02"}}}}"#
    );
    assert_eq!(err("quote", &req).0, "invalid_request");
}

#[test]
fn unknown_policy() {
    let (code, msg) = err("quote", &Q_OK.replace("140400-2024", "140400-2099"));
    assert_eq!(code, "unknown_policy");
    assert!(msg.contains("140400-2099"));
    assert_eq!(
        err("window", r#"{"policy":"nope","date":"2023-10-10"}"#).0,
        "unknown_policy"
    );
}

#[test]
fn unknown_category() {
    let (code, msg) = err(
        "quote",
        r#"{"policy":"140400-2024","paid_on":"2023-10-10","person":{"birth_date":"1980-05-01","categories":["dibao"]}}"#,
    );
    assert_eq!(code, "unknown_category");
    assert!(msg.contains("dibao"), "{msg}");
}

#[test]
fn ambiguous_category() {
    // 长治's table aids the three subtypes of 防贫监测对象 alike (280 yuan); a copy that aids
    // 突发严重困难人口 by 300 instead cannot say what a person given as the family pays.
    let text = yibao::policy::BUILTIN
        .iter()
        .find(|(f, _)| f.starts_with("140400"))
        .unwrap()
        .1
        .replace(
            "categories = [\"unstable_out_of_poverty\", \"marginal_at_risk\", \"sudden_hardship\"]\ngrant = { fixed = \"280.00\" }",
            "categories = [\"unstable_out_of_poverty\", \"marginal_at_risk\"]\ngrant = { fixed = \"280.00\" }\nsource = \"medical_assistance\"\ncite = { clause = \"x\" }\n\n[[aid]]\ncategories = [\"sudden_hardship\"]\ngrant = { fixed = \"300.00\" }",
        );
    let mut e = Engine::empty();
    e.load_policy("changed.toml", &text).unwrap();
    let (ok, json) = yibao::json::respond(
        &e,
        "quote",
        r#"{"policy":"140400-2024","paid_on":"2023-10-10","person":{"birth_date":"1980-05-01","categories":["monitored_at_risk"]}}"#,
    );
    assert!(!ok);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["error"]["code"], "ambiguous_category");
    let msg = v["error"]["message"].as_str().unwrap();
    for sub in [
        "unstable_out_of_poverty",
        "marginal_at_risk",
        "sudden_hardship",
    ] {
        assert!(msg.contains(sub), "{msg}");
    }
    // A subtype given as such is answered.
    let (ok, json) = yibao::json::respond(
        &e,
        "quote",
        r#"{"policy":"140400-2024","paid_on":"2023-10-10","person":{"birth_date":"1980-05-01","categories":["sudden_hardship"]}}"#,
    );
    assert!(ok, "{json}");
    assert!(json.contains(r#""personal_due":"80.00""#), "{json}");
}

#[test]
fn invalid_grade() {
    // 成都 2025 (fixture): 成年居民 choose 400 or 520 yuan; none, or another, is refused.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/policies/510100-2025.toml"
    );
    let mut e = Engine::empty();
    e.load_policy("510100-2025.toml", &std::fs::read_to_string(path).unwrap())
        .unwrap();
    let ask = |person: &str| {
        let req = format!(r#"{{"policy":"510100-2025","paid_on":"2024-10-10","person":{person}}}"#);
        let (ok, json) = yibao::json::respond(&e, "quote", &req);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        (ok, v)
    };
    let (ok, v) = ask(r#"{"birth_date":"1980-05-01"}"#);
    assert!(!ok);
    assert_eq!(v["error"]["code"], "invalid_grade");
    let msg = v["error"]["message"].as_str().unwrap();
    assert!(
        msg.contains("成年居民每人每年400元档（adult_400）"),
        "{msg}"
    );
    assert!(msg.contains("adult_520"), "{msg}");
    let (_, v) = ask(r#"{"birth_date":"1980-05-01","grade":"grade_3"}"#);
    assert_eq!(v["error"]["code"], "invalid_grade");
    assert!(v["error"]["message"]
        .as_str()
        .unwrap()
        .contains("“grade_3”"));
    let (ok, v) = ask(r#"{"birth_date":"1980-05-01","grade":"adult_520"}"#);
    assert!(ok);
    assert_eq!(v["personal_due"], "520.00");
}

#[test]
fn aid_against_an_unknown_grade_is_refused_at_its_key() {
    // 綦江 (fixture 500110-2017): 二档 payers aided at the 一档 standard, `against_grade`.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/policies/500110-2017.toml"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let mut e = Engine::empty();
    e.load_policy("500110-2017.toml", &text).unwrap();
    // A grade the policy does not have: policy_invalid at that key, in Chinese, with the
    // grades to choose from.
    let wrong = text.replacen(
        "against_grade = \"grade_1\"",
        "against_grade = \"grade_3\"",
        1,
    );
    let err = e.load_policy("w.toml", &wrong).unwrap_err();
    assert_eq!(err.code(), ErrorCode::PolicyInvalid);
    let msg = err.message();
    assert!(msg.contains("aid[0].against_grade:"), "{msg}");
    assert!(msg.contains("没有缴费档次“grade_3”"), "{msg}");
    assert!(msg.contains("一档（grade_1）"), "{msg}");
    assert!(msg.contains("二档（grade_2）"), "{msg}");
    // In a policy without grades there is no grade to compute on.
    let changzhi = yibao::policy::builtin_text("140400-2024.toml")
        .unwrap()
        .replacen(
            "grant = { fixed = \"304.00\" }",
            "grant = { fixed = \"304.00\" }\nagainst_grade = \"grade_1\"",
            1,
        );
    let err = e.load_policy("c.toml", &changzhi).unwrap_err();
    assert_eq!(err.code(), ErrorCode::PolicyInvalid);
    assert!(
        err.message().contains(".against_grade:"),
        "{}",
        err.message()
    );
    assert!(
        err.message().contains("本政策没有缴费档次"),
        "{}",
        err.message()
    );
}

#[test]
fn invalid_date_malformed_or_impossible() {
    for d in [
        "2023-02-29",
        "2023-13-01",
        "2023/10/10",
        "10-10-2023",
        "2023-10-1",
        "1899-12-31",
    ] {
        let req = Q_OK.replace("2023-10-10", d);
        assert_eq!(err("quote", &req).0, "invalid_date", "{d}");
    }
    assert_eq!(
        err("window", r#"{"policy":"140400-2024","date":"2024-02-30"}"#).0,
        "invalid_date"
    );
}

#[test]
fn no_window() {
    let (code, msg) = err("quote", &Q_OK.replace("2023-10-10", "2023-08-15"));
    assert_eq!(code, "no_window");
    assert!(msg.contains("2023-08-15"));
}

#[test]
fn not_payment_day() {
    let (code, msg) = err("quote", &Q_OK.replace("2023-10-10", "2023-11-30"));
    assert_eq!(code, "not_payment_day");
    assert!(msg.contains("2023-12-01"), "{msg}");
}

#[test]
fn invalid_id_without_echoing_it() {
    let good = id18("14040219800501123");
    // Corrupt the check digit.
    let last = good.chars().last().unwrap();
    let other = if last == '0' { '1' } else { '0' };
    let bad = format!("{}{other}", &good[..17]);
    let req = format!(
        r#"{{"policy":"140400-2024","paid_on":"2023-10-10","person":{{"id_number":"{bad}"}}}}"#
    );
    let (code, msg) = err("quote", &req);
    assert_eq!(code, "invalid_id");
    assert!(!msg.contains(&bad));
    assert!(!msg.contains(&bad[..15]));
    // The same through the error JSON.
    let json = yibao::json::respond(engine(), "quote", &req).1;
    assert!(!json.contains(&bad[..12]), "{json}");
}

#[test]
fn id_number_in_a_mistyped_field_is_masked() {
    // Serde echoes a wrongly typed value; the message must still hide the number.
    let req = r#"{"policy":"140400-2024","paid_on":"2023-10-10","person":{"id_number":140402198005011234}}"#;
    let (code, msg) = err("quote", req);
    assert_eq!(code, "invalid_request");
    assert!(!msg.contains("140402198005011234"), "{msg}");
    assert!(!msg.contains("1980050112"), "{msg}");
    // An unknown category holding an ID number.
    let req = r#"{"policy":"140400-2024","paid_on":"2023-10-10","person":{"birth_date":"1980-05-01","categories":["140402198005011234"]}}"#;
    let (_, msg) = err("quote", req);
    assert!(!msg.contains("1980050112"), "{msg}");
}

#[test]
fn birth_after_payment() {
    let (code, _) = err("quote", &Q_OK.replace("1980-05-01", "2023-10-11"));
    assert_eq!(code, "birth_after_payment");
}

#[test]
fn policy_syntax_misplaced_key_names_line_and_column() {
    let text = yibao::policy::builtin_text("140400-2024.toml").unwrap();
    // Put a key that belongs to [standard] into the first [[tiers]] table.
    let broken = text.replacen(
        "id = \"window\"",
        "id = \"window\"\npersonal = \"380.00\"",
        1,
    );
    let line = broken
        .lines()
        .position(|l| l.starts_with("personal = \"380.00\""))
        .unwrap();
    // The first match is in [standard]; find the one after [[tiers]].
    let tiers_at = broken.lines().position(|l| l == "[[tiers]]").unwrap();
    let bad_line = broken
        .lines()
        .enumerate()
        .skip(tiers_at)
        .find(|(_, l)| l.starts_with("personal = "))
        .unwrap()
        .0
        + 1;
    assert!(bad_line > line);
    let mut e = Engine::empty();
    let error = e.load_policy("changzhi.toml", &broken).unwrap_err();
    assert_eq!(error.code(), ErrorCode::PolicySyntax);
    let msg = error.message();
    assert!(
        msg.starts_with(&format!("changzhi.toml:{bad_line}:1:")),
        "{msg}"
    );
    assert!(msg.contains("personal"), "{msg}");
    // Broken TOML.
    let error = e.load_policy("x.toml", "id = \n").unwrap_err();
    assert_eq!(error.code(), ErrorCode::PolicySyntax);
    assert!(error.message().starts_with("x.toml:1:"));
}

#[test]
fn policy_invalid_contradictions() {
    let text = yibao::policy::builtin_text("140400-2024.toml").unwrap();
    let mut e = Engine::empty();
    // Overlapping windows: the late tier starts inside the window.
    let overlap = text.replace("from = \"2023-12-26\"", "from = \"2023-12-20\"");
    let error = e.load_policy("o.toml", &overlap).unwrap_err();
    assert_eq!(error.code(), ErrorCode::PolicyInvalid);
    assert!(error.message().contains("tiers[1]"), "{}", error.message());
    // Aid above the standard.
    let above = text.replace(
        "grant = { fixed = \"304.00\" }",
        "grant = { fixed = \"400.00\" }",
    );
    let error = e.load_policy("a.toml", &above).unwrap_err();
    assert_eq!(error.code(), ErrorCode::PolicyInvalid);
    assert!(error.message().contains("aid[2]"), "{}", error.message());
    // A window that ends before it starts.
    let reversed = text.replace("to = \"2023-12-25\"", "to = \"2023-08-25\"");
    assert_eq!(
        e.load_policy("r.toml", &reversed).unwrap_err().code(),
        ErrorCode::PolicyInvalid
    );
    // An id that does not match region and year.
    let id = text.replace("id = \"140400-2024\"", "id = \"140400-2023\"");
    assert_eq!(
        e.load_policy("i.toml", &id).unwrap_err().code(),
        ErrorCode::PolicyInvalid
    );
    // An unknown category in a policy file (neither national nor declared) names the rule.
    let cat = text.replace(
        "categories = [\"minimum_living\"]",
        "categories = [\"dibao\"]",
    );
    let error = e.load_policy("c.toml", &cat).unwrap_err();
    assert_eq!(error.code(), ErrorCode::PolicyInvalid);
    assert!(
        error.message().contains("aid[2].categories"),
        "{}",
        error.message()
    );
    assert!(error.message().contains("dibao"));
    // A newborn rule without any condition on birth would make every adult a newborn.
    let adults = text.replace(
        "born_from = \"2024-01-01\"\nborn_to = \"2024-12-31\"\ncharge = \"free\"",
        "charge = \"free\"",
    );
    assert_ne!(adults, text);
    let error = e.load_policy("n.toml", &adults).unwrap_err();
    assert_eq!(error.code(), ErrorCode::PolicyInvalid);
    assert!(
        error.message().contains("newborns[0]"),
        "{}",
        error.message()
    );
    // A date as a number says how to write it.
    let number = text.replace("published = \"2023-08-31\"", "published = 20230831");
    let error = e.load_policy("d.toml", &number).unwrap_err();
    assert_eq!(error.code(), ErrorCode::PolicySyntax);
    assert!(
        error.text(yibao::Lang::En).contains("quoted string"),
        "{}",
        error.text(yibao::Lang::En)
    );
    assert!(
        error.message().contains("带引号的字符串"),
        "{}",
        error.message()
    );
    // Nothing was loaded by any failure.
    assert!(e.policies().is_empty());
    // A TOML date literal (unquoted) is refused with the same hint, at its position.
    let literal = text.replace("published = \"2023-08-31\"", "published = 2023-08-31");
    let error = e.load_policy("l.toml", &literal).unwrap_err();
    assert!(
        error.message().starts_with("l.toml:12:13:"),
        "{}",
        error.message()
    );
    assert!(
        error.text(yibao::Lang::En).contains("quoted string"),
        "{}",
        error.text(yibao::Lang::En)
    );
    assert!(
        error.message().contains("带引号的字符串"),
        "{}",
        error.message()
    );
}

#[test]
fn household_incomplete() {
    let (code, _) = err(
        "household",
        r#"{"policy":"211382-2022","paid_on":"2022-02-15","members":[{"birth_date":"1980-05-01"},{"birth_date":"2010-01-01","enrolling":false}]}"#,
    );
    assert_eq!(code, "household_incomplete");
}

#[test]
fn unknown_operation() {
    assert_eq!(err("quotes", "{}").0, "unknown_operation");
}

#[test]
fn every_code_has_a_test_above() {
    // Keeps this file honest when a code is added.
    let tested = [
        "invalid_json",
        "invalid_request",
        "unknown_policy",
        "unknown_category",
        "invalid_date",
        "no_window",
        "not_payment_day",
        "invalid_id",
        "birth_after_payment",
        "policy_syntax",
        "policy_invalid",
        "household_incomplete",
        "unknown_operation",
        "ambiguous_category",
        "invalid_grade",
    ];
    let all: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(all, tested);
}

#[test]
fn error_json_shape() {
    let (ok, json) = yibao::json::respond(engine(), "quote", "{");
    assert!(!ok);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["error"]["code"], "invalid_json");
    assert!(v["error"]["message"].as_str().unwrap().len() > 10);
}

#[test]
fn a_tier_ending_after_the_benefit_year_is_reported_at_its_to() {
    // 长治's late period moved to end on 2025-01-31, after the benefit year 2024.
    let text = yibao::policy::builtin_text("140400-2024.toml")
        .unwrap()
        .replace("to = \"2024-12-31\"", "to = \"2025-01-31\"");
    let err = Engine::empty().load_policy("t.toml", &text).unwrap_err();
    assert_eq!(err.code(), ErrorCode::PolicyInvalid);
    assert!(err.message().contains("tiers[1].to:"), "{}", err.message());
}

#[test]
fn limits_are_clear_errors_and_echoes_are_short() {
    // A request over 1 MiB is refused before it is read.
    let big = format!(
        r#"{{"policy":"140400-2024","paid_on":"2023-10-10","person":{{"birth_date":"1980-05-01"}},"x":"{}"}}"#,
        "a".repeat(yibao::json::MAX_REQUEST_BYTES)
    );
    let (code, msg) = err("quote", &big);
    assert_eq!(code, "invalid_request");
    assert!(msg.len() < 200, "{msg}");
    // A household of more members than a 户口簿 has.
    let members: Vec<String> = (0..=yibao::engine::MAX_MEMBERS)
        .map(|_| r#"{"birth_date":"1980-05-01"}"#.to_string())
        .collect();
    let req = format!(
        r#"{{"policy":"211382-2022","paid_on":"2022-02-15","members":[{}]}}"#,
        members.join(",")
    );
    let (code, msg) = err("household", &req);
    assert_eq!(code, "invalid_request");
    assert!(msg.contains("一户至多100名成员"), "{msg}");
    // A date of 100 000 characters is echoed as a short excerpt.
    let long = format!(
        r#"{{"policy":"140400-2024","paid_on":"{}","person":{{"birth_date":"1980-05-01"}}}}"#,
        "9".repeat(100_000)
    );
    let (code, msg) = err("quote", &long);
    assert_eq!(code, "invalid_date");
    assert!(msg.len() < 300, "{} bytes", msg.len());
}

#[test]
fn a_policy_text_in_english_is_refused_where_it_is() {
    // Every text of a file is Chinese first: English goes under `en` (issue #12).
    let text = yibao::policy::builtin_text("140400-2024.toml").unwrap();
    let cases = [
        (
            "name = { zh = \"2024年出生的新生儿\"",
            "name = { zh = \"newborns born in 2024\"",
            "newborns[0].name",
        ),
        (
            "assume = { zh = \"参保资助对象不适用",
            "assume = { zh = \"aided persons are excluded 参保资助对象不适用",
            "wait_exemptions[0].assume",
        ),
        (
            "source_names = { medical_assistance = { zh = \"医疗救助\"",
            "source_names = { medical_assistance = { zh = \"medical\"",
            "source_names.medical_assistance",
        ),
    ];
    for (from, to, path) in cases {
        let broken = text.replacen(from, to, 1);
        assert_ne!(broken, text, "{from}");
        let err = Engine::empty().load_policy("t.toml", &broken).unwrap_err();
        assert_eq!(err.code(), ErrorCode::PolicyInvalid);
        assert!(
            err.message().starts_with(&format!("t.toml: {path}: ")),
            "{}",
            err.message()
        );
    }
}

/// A policy file and each of its tables are bounded (issue #13, "Limits"): the file before
/// it is parsed, the tables after.
#[test]
fn policy_files_and_their_tables_are_bounded() {
    let text = yibao::policy::builtin_text("140400-2024.toml").unwrap();
    let big = format!(
        "{text}\n{}",
        "# 注释\n".repeat(yibao::policy::MAX_FILE_BYTES / 8)
    );
    assert!(big.len() > yibao::policy::MAX_FILE_BYTES);
    let e = Engine::empty().load_policy("big.toml", &big).unwrap_err();
    assert_eq!(e.code(), ErrorCode::PolicySyntax);
    assert!(
        e.message().starts_with("big.toml: 文件共"),
        "{}",
        e.message()
    );
    assert!(e.text(yibao::Lang::En).contains("at most 262144 are read"));
    // 201 notes: refused at `notes`; 200 load.
    let note = "\n[[notes]]\ntopic = \"x\"\ntext = \"通知的话。\"\ncite = { clause = \"一\" }\n";
    let many = format!("{text}{}", note.repeat(yibao::policy::MAX_RULES + 1));
    let e = Engine::empty().load_policy("many.toml", &many).unwrap_err();
    assert_eq!(e.code(), ErrorCode::PolicyInvalid);
    assert!(
        e.message().starts_with("many.toml: notes: 此表最多1000条"),
        "{}",
        e.message()
    );
    let existing = text.matches("[[notes]]").count();
    let fits = format!("{text}{}", note.repeat(yibao::policy::MAX_RULES - existing));
    assert!(Engine::empty().load_policy("fits.toml", &fits).is_ok());
}
