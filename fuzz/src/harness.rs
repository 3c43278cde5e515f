//! The bodies of the fuzz targets over the core crate.
//!
//! # Design
//! Each function takes the raw bytes a fuzzer (or a kept input under
//! `tests/fuzz-crashes/<target>/`) gives and checks more than "no panic": every answer is
//! JSON, every error carries one of the contract's codes, the shares of a quote add up,
//! and an ID number never comes back unmasked outside the `id` operation.
//!
//! This file depends only on `yibao`, `serde_json`, `toml` and `chrono`, so that
//! `core/tests/fuzz_regressions.rs` can compile it too (`#[path]`) and replay every kept
//! input through the very function the fuzz target calls.
//!
//! Input formats:
//! * `policy`: the bytes of a policy file; input that is not UTF-8 is skipped (a file is
//!   read as UTF-8 before parsing in every binding).
//! * `json`: the first byte selects the operation ([`op_for`]: `q`uote, `h`ousehold,
//!   `r`efund, `w`indow, `i`d, `P`olicies, `p`olicy, `x` an unknown operation, any other
//!   byte by its value modulo 8); the rest is the request, decoded as lossy UTF-8 (what
//!   the CLI and the npm package can receive; the C entry point is fuzzed on raw bytes).
//! * `id`: the bytes of an ID number, decoded as lossy UTF-8.

use chrono::{Days, NaiveDate};
use serde_json::Value;
use std::sync::OnceLock;
use yibao::policy::Policy;
use yibao::{json, Engine, ErrorCode};

/// The engine with the built-in policies, built once.
pub fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(Engine::builtin)
}

/// The operation a selector byte names.
pub fn op_for(b: u8) -> &'static str {
    const BY_VALUE: [&str; 8] = [
        "quote",
        "household",
        "refund",
        "window",
        "id",
        "policies",
        "policy",
        "no_such_operation",
    ];
    match b {
        b'q' => "quote",
        b'h' => "household",
        b'r' => "refund",
        b'w' => "window",
        b'i' => "id",
        b'P' => "policies",
        b'p' => "policy",
        b'x' => "no_such_operation",
        other => BY_VALUE[usize::from(other) % BY_VALUE.len()],
    }
}

/// Splits a `json` input into its operation and request bytes.
pub fn split_op(data: &[u8]) -> (&'static str, &[u8]) {
    match data.split_first() {
        Some((b, rest)) => (op_for(*b), rest),
        None => ("quote", data),
    }
}

/// Target `json`: one JSON operation on the built-in policies.
pub fn json(data: &[u8]) {
    let (op, rest) = split_op(data);
    let text = String::from_utf8_lossy(rest);
    let (ok, answer) = json::respond(engine(), op, &text);
    check_response(op, &text, ok, &answer);
}

/// Target `policy`: parse and validate a policy file; one that loads is then round-tripped
/// and every operation is run on dates around its payment periods.
pub fn policy(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match yibao::policy::parse_policy("fuzz.toml", text) {
        Ok(p) => exercise_policy(&p, text),
        Err(e) => {
            assert!(
                matches!(e.code(), ErrorCode::PolicySyntax | ErrorCode::PolicyInvalid),
                "a policy file fails with policy_syntax or policy_invalid, not {:?}",
                e.code()
            );
            let v: Value = serde_json::from_str(&e.to_json()).expect("error JSON");
            assert!(v["error"]["message"].is_string());
        }
    }
}

/// Target `id`: parse, mask and redact an ID number.
pub fn id(data: &[u8]) {
    let s = String::from_utf8_lossy(data);
    let today = NaiveDate::from_ymd_opt(2025, 1, 1);
    for t in [None, today] {
        match yibao::id::parse(&s, t) {
            Ok(n) => {
                assert_eq!(
                    n.normalized().len(),
                    18,
                    "normalized form has 18 characters"
                );
                let again = yibao::id::parse(n.normalized(), t).expect("normalized form parses");
                assert_eq!(again.birth_date(), n.birth_date());
                assert_eq!(again.normalized(), n.normalized());
                assert!(!has_id_run(&n.masked()), "masked form hides the number");
                if let Some(t) = t {
                    assert!(n.birth_date() <= t, "no birth date after today");
                }
            }
            Err(e) => {
                assert!(!e.reason().is_empty());
                let err = yibao::Error::from(e);
                assert!(!has_id_run(&err.message()));
            }
        }
    }
    let masked = yibao::id::mask(&s);
    assert_eq!(masked.chars().count(), s.chars().count());
    assert!(!has_id_run(&masked), "mask leaves no ID-like run");
    let redacted = yibao::id::redact(&s);
    assert_eq!(redacted.chars().count(), s.chars().count());
    assert!(!has_id_run(&redacted), "redact leaves no ID-like run");
}

/// Whether `c` is a character of an ID number in some written form: a Unicode number
/// character (every script's digits, full-width included) or an X.
fn id_char(c: char) -> bool {
    c.is_numeric() || matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ')
}

/// The separators people write between the groups of an ID number, other than
/// whitespace.
fn id_mark(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '－' | '—' | '_' | '.')
}

/// True when `s` holds an unmasked ID number in any written form: ten or more
/// consecutive ID characters ([`id_char`]), or fifteen or more in groups joined by gaps
/// of at most three separators (whitespace or [`id_mark`], at most one mark per gap), as
/// in `110105 19491231 002X` or `１１０１０５-…`. Written here from the rule in
/// `yibao::id::redact`'s documentation, not by calling it, so that a bug there shows.
pub fn has_id_run(s: &str) -> bool {
    let (mut group, mut total) = (0usize, 0usize);
    let (mut gap, mut marks) = (0usize, 0usize);
    for c in s.chars() {
        if id_char(c) {
            if gap > 0 {
                group = 0;
            }
            group += 1;
            total += 1;
            gap = 0;
            marks = 0;
            if group >= 10 || total >= 15 {
                return true;
            }
        } else if total > 0
            && (c.is_whitespace() || id_mark(c))
            && gap < 3
            && marks + usize::from(id_mark(c)) <= 1
        {
            gap += 1;
            marks += usize::from(id_mark(c));
        } else {
            (group, total, gap, marks) = (0, 0, 0, 0);
        }
    }
    false
}

/// Zero of each digit script folded by [`fold`]: ASCII, full-width, Arabic-Indic,
/// Extended Arabic-Indic, Devanagari, Bengali, Thai, mathematical bold, double-struck,
/// sans-serif, sans-serif bold, monospace.
const ZEROS: &[u32] = &[
    0x30, 0xFF10, 0x660, 0x6F0, 0x966, 0x9E6, 0xE50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6,
];

/// `s` folded for a search: the digits of every script of [`ZEROS`] to ASCII, every X
/// to `X`, and the gaps people write between the groups of a number dropped (at most
/// three separators, whitespace or [`id_mark`], at most one of them a mark: the rule of
/// `yibao::id::redact`); a longer gap becomes `|`. An ID number echoed in any written
/// form folds to the same text as the request's.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let (mut gap, mut marks) = (0usize, 0usize);
    let mut after_id = false;
    for c in s.chars() {
        if c.is_whitespace() || id_mark(c) {
            gap += 1;
            marks += usize::from(id_mark(c));
            continue;
        }
        let u = u32::from(c);
        let folded = match ZEROS.iter().find(|&&z| (z..z + 10).contains(&u)) {
            Some(z) => char::from_digit(u - z, 10).unwrap_or(c),
            None if matches!(c, 'x' | 'Ｘ' | 'ｘ') => 'X',
            None => c,
        };
        let is_id = folded_id_char(folded);
        if gap > 0 && !(is_id && after_id && gap <= 3 && marks <= 1) {
            out.push('|');
        }
        (gap, marks) = (0, 0);
        out.push(folded);
        after_id = is_id;
    }
    out
}

/// Whether `c` is a folded ID character: an ASCII digit or `X`.
fn folded_id_char(c: char) -> bool {
    c.is_ascii_digit() || c == 'X'
}

/// Every run of fifteen or more ID characters in the request's strings (keys and values),
/// folded: what a full ID number in any written form leaves once folded.
fn id_runs(v: &Value, out: &mut Vec<String>) {
    fn add(s: &str, out: &mut Vec<String>) {
        let folded = fold(s);
        for run in folded.split(|c: char| !folded_id_char(c)) {
            if run.len() >= 15 {
                out.push(run.to_string());
            }
        }
    }
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                add(k, out);
                id_runs(x, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| id_runs(x, out)),
        Value::String(s) => add(s, out),
        _ => {}
    }
}

/// An amount of the contract ("380.00") in fen. Parsed here rather than with `Money`,
/// whose reader refuses amounts above its input limit: an answer may legitimately sum
/// figures (see `docs/bad-inputs.md`).
fn money(v: &Value, what: &str) -> i128 {
    let s = v
        .as_str()
        .unwrap_or_else(|| panic!("{what} is a string: {v}"));
    let (whole, cents) = s
        .split_once('.')
        .unwrap_or_else(|| panic!("{what} has two decimals: {s}"));
    assert!(
        cents.len() == 2
            && !whole.is_empty()
            && whole.bytes().all(|b| b.is_ascii_digit())
            && cents.bytes().all(|b| b.is_ascii_digit()),
        "{what} is money with two decimals: {s}"
    );
    let whole: i128 = whole.parse().unwrap_or_else(|e| panic!("{what}: {s}: {e}"));
    let cents: i128 = cents.parse().unwrap_or_else(|e| panic!("{what}: {s}: {e}"));
    whole * 100 + cents
}

/// Checks one quote answer: the shares add up, at most one aid, cover dates paired.
pub fn check_quote(q: &Value) {
    let total = money(&q["total"], "total");
    let standard = money(&q["personal_standard"], "personal_standard");
    let fiscal = money(&q["fiscal_subsidy"], "fiscal_subsidy");
    let aid_total = money(&q["aid_total"], "aid_total");
    let due = money(&q["personal_due"], "personal_due");
    // Late in some regions the person pays the fiscal share too (`fiscal_share_paid_by_person`).
    let share = match &q["fiscal_share_paid_by_person"] {
        Value::Null => 0,
        v => money(v, "fiscal_share_paid_by_person"),
    };
    assert_eq!(due + aid_total + fiscal, total, "shares add up: {q}");
    assert_eq!(
        due + aid_total,
        standard + share,
        "due + aid = standard (+ the fiscal share paid by the person): {q}"
    );
    let aid = q["aid"].as_array().expect("aid is a list");
    assert!(aid.len() <= 1, "the highest aid only: {q}");
    let sum: i128 = aid.iter().map(|a| money(&a["amount"], "aid amount")).sum();
    assert_eq!(sum, aid_total);
    match (&q["benefit_start"], &q["benefit_end"]) {
        (Value::Null, Value::Null) => {}
        (Value::String(s), Value::String(e)) => {
            assert!(s <= e, "cover starts {s} after it ends {e}: {q}");
        }
        other => panic!("cover dates both set or both null: {other:?}"),
    }
}

/// Checks the answer of `op` to `request`: JSON, a known error code or a sane answer.
pub fn check_response(op: &str, request: &str, ok: bool, answer: &str) {
    let v: Value = serde_json::from_str(answer).expect("every answer is JSON");
    if !ok {
        let code = v["error"]["code"].as_str().expect("error.code");
        assert!(
            ErrorCode::ALL.iter().any(|c| c.as_str() == code),
            "unknown error code {code}"
        );
        assert!(v["error"]["message"].is_string());
    } else {
        match op {
            "quote" => check_quote(&v),
            "household" => {
                let mut sum = 0;
                for m in v["members"].as_array().expect("members") {
                    if !m.is_null() {
                        check_quote(m);
                        sum += money(&m["personal_due"], "personal_due");
                    }
                }
                assert_eq!(sum, money(&v["personal_due_total"], "personal_due_total"));
            }
            "refund" => {
                let amount = money(&v["amount"], "amount");
                // `null`: the notice's list of refund cases is open and does not name this
                // one (`refund_unknown`); nothing is promised back.
                match &v["refundable"] {
                    Value::Null => assert_eq!(amount, 0, "{v}"),
                    r => assert_eq!(r.as_bool(), Some(amount != 0), "{v}"),
                }
            }
            "window" => {
                assert_eq!(v["open"], v["payment_day"]);
                if v["open"] == Value::Bool(true) {
                    assert!(v["window"].is_object());
                }
            }
            _ => {}
        }
    }
    // ID numbers are personal data: only the `id` operation gives one back (normalized).
    // Any fifteen ID characters of the request in a row, wherever it put them and in
    // whatever written form, are a whole number (15 or 18 characters), which no figure of
    // the answer folds to by chance (a policy id folds to ten, a date to eight).
    if op != "id" {
        let mut runs = Vec::new();
        match serde_json::from_str::<Value>(request) {
            Ok(req) => id_runs(&req, &mut runs),
            // Malformed JSON: its text as a whole, its `\uXXXX` escapes not taken for digits.
            Err(_) => id_runs(&Value::String(without_escapes(request)), &mut runs),
        }
        // The answer's strings as decoded (a NUL is written `\u0000`, which is no digit of
        // the caller's), joined by a character that is neither an ID character nor a
        // separator.
        let mut texts = Vec::new();
        strings(&v, &mut texts);
        let folded_answer = fold(&texts.join("|"));
        for run in runs {
            let chars: Vec<char> = run.chars().collect();
            for window in chars.windows(15) {
                let w: String = window.iter().collect();
                assert!(
                    !folded_answer.contains(&w),
                    "an ID number came back unmasked from {op}"
                );
            }
        }
    }
}

/// Every string (keys and values) of a JSON value.
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                out.push(k.clone());
                strings(x, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::String(s) => out.push(s.clone()),
        _ => {}
    }
}

/// JSON text with each `\uXXXX` escape replaced by `|`.
fn without_escapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("\\u") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let hex = after
            .chars()
            .take(4)
            .take_while(char::is_ascii_hexdigit)
            .count();
        out.push('|');
        rest = &after[hex..];
    }
    out.push_str(rest);
    out
}

fn days_before(d: NaiveDate, n: u64) -> Option<NaiveDate> {
    d.checked_sub_days(Days::new(n))
}

/// Runs every operation on a policy that loaded, on dates around its payment periods.
pub fn exercise_policy(p: &Policy, text: &str) {
    let again = toml::to_string(p).expect("a valid policy serialises to TOML");
    let back = yibao::policy::parse_policy("again.toml", &again).expect("and reads back");
    assert_eq!(&back, p, "TOML round trip");
    let mut engine = Engine::empty();
    let id = engine
        .load_policy("fuzz.toml", text)
        .expect("loads as it parsed");
    assert_eq!(id, p.id);

    let run = |op: &str, req: String| {
        let (ok, answer) = json::respond(&engine, op, &req);
        check_response(op, &req, ok, &answer);
    };
    run("policy", format!(r#"{{"policy":"{id}"}}"#));
    run("policies", String::new());

    let mut dates = Vec::new();
    for t in &p.tiers {
        dates.extend([t.from.pred_opt(), Some(t.from), Some(t.to), t.to.succ_opt()]);
        if let Some(a) = t.advise_by {
            dates.extend([Some(a), a.succ_opt()]);
        }
    }
    for n in &p.newborns {
        dates.extend([n.registered_from, n.registered_to, n.born_from, n.born_to]);
    }
    let cats = [
        "[]",
        r#"["minimum_living"]"#,
        r#"["student"]"#,
        r#"["extreme_poverty","severe_disability","sudden_hardship"]"#,
    ];
    for (i, d) in dates.into_iter().flatten().take(40).enumerate() {
        run("window", format!(r#"{{"policy":"{id}","date":"{d}"}}"#));
        let births = [
            NaiveDate::from_ymd_opt(1980, 1, 1),
            Some(d),
            days_before(d, 45),
            days_before(d, 400),
        ];
        let c = cats[i % cats.len()];
        for b in births.into_iter().flatten() {
            let person = format!(
                r#"{{"birth_date":"{b}","categories":{c},"parent_insured":{},"transfer":{},"insured_elsewhere":{}}}"#,
                i % 2 == 0,
                i % 3 == 0,
                i % 5 == 0
            );
            run(
                "quote",
                format!(r#"{{"policy":"{id}","paid_on":"{d}","person":{person}}}"#),
            );
            for reason in ["duplicate", "death", "employee_insurance", "aid_confirmed"] {
                run(
                    "refund",
                    format!(
                        r#"{{"policy":"{id}","person":{person},"payment":{{"paid_on":"{d}","amount":"380.00"}},"reason":"{reason}","event_on":"{d}"}}"#
                    ),
                );
            }
        }
        run(
            "household",
            format!(
                r#"{{"policy":"{id}","paid_on":"{d}","members":[{{"birth_date":"1980-01-01"}},{{"birth_date":"{d}"}},{{"birth_date":"1990-01-01","enrolling":false}}]}}"#
            ),
        );
    }
}
