//! The C ABI called from Rust: the typed path agrees with the JSON path on the seed cases,
//! the JSON entry points are byte-identical to `yibao::json::respond`, and every status is
//! reachable and means what the README says.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::too_many_arguments,
    clippy::type_complexity
)]

use std::ffi::{c_char, CStr};
use std::ptr::{null, null_mut};
use yibao_c::engine::*;
use yibao_c::typed::*;
use yibao_c::yibao_status as S;
use yibao_core::{Category, ErrorCode};

mod common;
use common::*;

/// (policy, birth, categories, paid_on, personal_due, fiscal_subsidy, total, start, end)
const SEED_CASES: &[(&str, u32, &[&str], u32, i64, i64, i64, u32, u32)] = &[
    (
        "140400-2024",
        19800501,
        &[],
        20231010,
        38000,
        64000,
        102000,
        20240101,
        20241231,
    ),
    (
        "140400-2024",
        19800501,
        &["minimum_living"],
        20231010,
        7600,
        64000,
        102000,
        20240101,
        20241231,
    ),
    (
        "140400-2024",
        19800501,
        &["severe_disability"],
        20231010,
        7600,
        64000,
        102000,
        20240101,
        20241231,
    ),
    (
        "140400-2024",
        19800501,
        &["extreme_poverty"],
        20231010,
        0,
        64000,
        102000,
        20240101,
        20241231,
    ),
    (
        "140400-2024",
        19800501,
        &["returned_to_poverty"],
        20231010,
        3800,
        64000,
        102000,
        20240101,
        20241231,
    ),
    (
        "140400-2024",
        19800501,
        &[],
        20240210,
        102000,
        0,
        102000,
        20240511,
        20241231,
    ),
    (
        "411024-2024",
        19800501,
        &[],
        20240110,
        38000,
        64000,
        102000,
        20240210,
        20241231,
    ),
    (
        "211382-2022",
        19900101,
        &[],
        20220215,
        32000,
        // The fiscal subsidy by the one rule: the national minimum of benefit year 2022.
        61000,
        93000,
        20220101,
        20221231,
    ),
];

#[test]
fn typed_quote_agrees_with_json_quote_on_the_seed_cases() {
    let e = Engine::builtin();
    let core = yibao_core::Engine::builtin();
    for &(policy, birth, cats, paid, due, fiscal, total, start, end) in SEED_CASES {
        let nums: Vec<u32> = cats
            .iter()
            .map(|c| {
                let mut n = 0;
                // SAFETY: valid string and output.
                let s = unsafe { yibao_category_parse(c.as_ptr().cast(), c.len(), &mut n) };
                assert_eq!(s, S::Ok);
                n
            })
            .collect();
        let case = format!("{policy} {birth} {cats:?} {paid}");
        let typed = quote(&e, policy, None, birth, 0, &nums, paid).expect(&case);
        assert_eq!(typed.personal_due, due, "{case}");
        assert_eq!(typed.fiscal_subsidy, fiscal, "{case}");
        assert_eq!(typed.total, total, "{case}");
        assert_eq!(
            (typed.benefit_start, typed.benefit_end),
            (start, end),
            "{case}"
        );

        // The same person by bit mask, and by ID number: the same answer.
        let bits = nums.iter().fold(0, |a, n| a | 1 << n);
        assert_eq!(quote(&e, policy, None, birth, bits, &[], paid), Ok(typed));
        let id = id_number("140402", birth, 123);
        assert_eq!(quote(&e, policy, Some(&id), 0, bits, &[], paid), Ok(typed));
        assert_eq!(
            quote(&e, policy, Some(&id), birth, bits, &nums, paid),
            Ok(typed)
        );

        let request = serde_json::json!({
            "policy": policy,
            "paid_on": iso(paid),
            "person": {"birth_date": iso(birth), "categories": cats},
        })
        .to_string();
        let (s, answer) = json(&e, "quote", &request);
        assert_eq!(s, S::Ok, "{case}: {answer}");
        assert_eq!(
            yibao_core::json::respond(&core, "quote", &request),
            (true, answer.clone()),
            "byte-identical to respond"
        );
        let v: serde_json::Value = serde_json::from_str(&answer).unwrap();
        assert_eq!(fen(&v["personal_due"]), typed.personal_due, "{case}");
        assert_eq!(
            fen(&v["personal_standard"]) + fen(&v["fiscal_share_paid_by_person"]),
            typed.personal_standard,
            "{case}"
        );
        assert_eq!(fen(&v["fiscal_subsidy"]), typed.fiscal_subsidy, "{case}");
        assert_eq!(fen(&v["aid_total"]), typed.aid_total, "{case}");
        assert_eq!(fen(&v["total"]), typed.total, "{case}");
        assert_eq!(ymd(&v["benefit_start"]), typed.benefit_start, "{case}");
        assert_eq!(ymd(&v["benefit_end"]), typed.benefit_end, "{case}");
        let aid = v["aid"].as_array().unwrap();
        match aid.first() {
            None => assert_eq!(typed.aid_category, -1),
            Some(a) => {
                // SAFETY: a valid category number gives a static string.
                let id = unsafe { CStr::from_ptr(yibao_category_id(typed.aid_category as u32)) };
                assert_eq!(a["category"].as_str(), id.to_str().ok());
            }
        }
        // The tier index names the period the JSON answer reports.
        let (s, pol) = json(&e, "policy", &format!(r#"{{"policy":"{policy}"}}"#));
        assert_eq!(s, S::Ok);
        let pol: serde_json::Value = serde_json::from_str(&pol).unwrap();
        assert_eq!(
            pol["tiers"][typed.tier as usize]["id"], v["window"]["id"],
            "{case}"
        );
    }
}

/// `yibao_quote_ex` names the grade: the same figures as the JSON `quote` with
/// `person.grade` (成都 400/520 with the 710 subsidy; 綦江 二档 payers aided at the 一档
/// standard), the grade's index in the result, and `yibao_quote`'s answer where no grade
/// is needed.
#[test]
fn the_typed_call_with_a_grade_agrees_with_json() {
    let e = Engine::with_fixtures();
    let core = rust_engine_with_fixtures();
    let policy_number = |policy: &str, id: &str| {
        let mut n = 0;
        let (p, c) = (policy.as_bytes(), id.as_bytes());
        // SAFETY: valid strings and output.
        let s = unsafe {
            yibao_policy_category_parse(
                e.0,
                p.as_ptr().cast(),
                p.len(),
                c.as_ptr().cast(),
                c.len(),
                &mut n,
            )
        };
        assert_eq!(s, S::Ok, "{id}");
        n
    };
    // (policy, categories, grade, paid_on, personal_due, aid_total, grade index, group index)
    let cases: &[(&str, &[&str], Option<&str>, u32, i64, i64, i32, i32)] = &[
        (
            "510100-2025",
            &[],
            Some("adult_400"),
            20241010,
            40000,
            0,
            0,
            -1,
        ),
        (
            "510100-2025",
            &[],
            Some("adult_520"),
            20241010,
            52000,
            0,
            1,
            -1,
        ),
        ("510100-2025", &["student"], None, 20241010, 40000, 0, -1, 0),
        // A student's group standard takes no grade; one given is not applied.
        (
            "510100-2025",
            &["student"],
            Some("adult_520"),
            20241010,
            40000,
            0,
            -1,
            0,
        ),
        (
            "500110-2017",
            &[],
            Some("grade_1"),
            20161010,
            14000,
            0,
            0,
            -1,
        ),
        (
            "500110-2017",
            &[],
            Some("grade_2"),
            20161010,
            45000,
            0,
            1,
            -1,
        ),
        (
            "500110-2017",
            &["minimum_living"],
            Some("grade_1"),
            20161010,
            0,
            14000,
            0,
            -1,
        ),
        (
            "500110-2017",
            &["minimum_living"],
            Some("grade_2"),
            20161010,
            31000,
            14000,
            1,
            -1,
        ),
        (
            "500110-2017",
            &["old_demobilized_veteran"],
            Some("grade_2"),
            20161010,
            0,
            45000,
            1,
            -1,
        ),
        (
            "500110-2017",
            &["old_demobilized_veteran"],
            Some("grade_1"),
            20161010,
            0,
            14000,
            0,
            -1,
        ),
        // No grades: the same answer as yibao_quote.
        (
            "140400-2024",
            &["minimum_living"],
            None,
            20231010,
            7600,
            30400,
            -1,
            -1,
        ),
    ];
    for &(policy, cats, grade, paid, due, aid, grade_index, group) in cases {
        let case = format!("{policy} {cats:?} {grade:?}");
        let nums: Vec<u32> = cats.iter().map(|c| policy_number(policy, c)).collect();
        let typed = quote_ex(&e, policy, 19800501, &nums, grade, paid).expect(&case);
        assert_eq!(
            (
                typed.personal_due,
                typed.aid_total,
                typed.grade,
                typed.group
            ),
            (due, aid, grade_index, group),
            "{case}"
        );
        if grade.is_none() {
            assert_eq!(
                quote(&e, policy, None, 19800501, 0, &nums, paid),
                Ok(typed),
                "{case}"
            );
        }
        let mut person = serde_json::json!({"birth_date": "1980-05-01", "categories": cats});
        if let Some(g) = grade {
            person["grade"] = g.into();
        }
        let request = serde_json::json!({"policy": policy, "paid_on": iso(paid), "person": person})
            .to_string();
        let (ok, answer) = yibao_core::json::respond(&core, "quote", &request);
        assert!(ok, "{case}: {answer}");
        let v: serde_json::Value = serde_json::from_str(&answer).unwrap();
        assert_eq!(fen(&v["personal_due"]), typed.personal_due, "{case}");
        assert_eq!(
            fen(&v["personal_standard"]),
            typed.personal_standard,
            "{case}"
        );
        assert_eq!(fen(&v["fiscal_subsidy"]), typed.fiscal_subsidy, "{case}");
        assert_eq!(fen(&v["aid_total"]), typed.aid_total, "{case}");
        assert_eq!(fen(&v["total"]), typed.total, "{case}");
        assert_eq!(ymd(&v["benefit_start"]), typed.benefit_start, "{case}");
        // The grade index names the grade the JSON answer reports.
        let (s, pol) = json(&e, "policy", &format!(r#"{{"policy":"{policy}"}}"#));
        assert_eq!(s, S::Ok);
        let pol: serde_json::Value = serde_json::from_str(&pol).unwrap();
        match usize::try_from(typed.grade) {
            Ok(i) => assert_eq!(pol["grades"][i]["id"], v["grade"], "{case}"),
            Err(_) => assert!(v["grade"].is_null(), "{case}"),
        }
    }
    // No grade, or one the policy does not have: INVALID_GRADE, as the JSON answers.
    for grade in [None, Some("grade_3"), Some("")] {
        assert_eq!(
            quote_ex(&e, "500110-2017", 19800501, &[], grade, 20161010),
            Err(S::InvalidGrade),
            "{grade:?}"
        );
    }
}

/// The request struct is read by its `struct_size`, as the results are written.
#[test]
fn the_request_struct_is_versioned_by_its_size() {
    let e = Engine::with_fixtures();
    let policy = "510100-2025";
    let grade = "adult_520";
    let request = yibao_quote_request {
        policy: policy.as_ptr().cast(),
        policy_len: policy.len(),
        grade: grade.as_ptr().cast(),
        grade_len: grade.len(),
        birth_date: 19800501,
        paid_on: 20241010,
        ..yibao_quote_request::default()
    };
    let run = |r: &yibao_quote_request| {
        let mut out = yibao_quote_result::default();
        // SAFETY: the request's pointers are valid; `out` is writable.
        let s = unsafe { yibao_quote_ex(e.0, r, &mut out) };
        (s, out.personal_due)
    };
    assert_eq!(run(&request), (S::Ok, 52000));
    // The first layout's end (through `paid_on`) is enough; the padding after it is not read.
    let min = std::mem::offset_of!(yibao_quote_request, paid_on) + 4;
    assert_eq!(
        run(&yibao_quote_request {
            struct_size: min,
            ..request
        }),
        (S::Ok, 52000)
    );
    for bad in [0, min - 1, 4097, usize::MAX] {
        let r = yibao_quote_request {
            struct_size: bad,
            ..request
        };
        assert_eq!(run(&r).0, S::InvalidStructSize, "{bad}");
    }
    let mut out = yibao_quote_result::default();
    // SAFETY: a NULL request is checked.
    assert_eq!(
        unsafe { yibao_quote_ex(e.0, null(), &mut out) },
        S::NullPointer
    );
    // A NULL optional pointer with a length, and a NULL policy.
    let r = yibao_quote_request {
        grade: null(),
        ..request
    };
    assert_eq!(run(&r).0, S::NullPointer);
    let r = yibao_quote_request {
        policy: null(),
        ..request
    };
    assert_eq!(run(&r).0, S::NullPointer);
    // Invalid UTF-8 in the grade.
    let bad = b"adult_\xff";
    let r = yibao_quote_request {
        grade: bad.as_ptr().cast(),
        grade_len: bad.len(),
        ..request
    };
    assert_eq!(run(&r).0, S::InvalidUtf8);
}

#[test]
fn household_of_three_in_linyuan() {
    let e = Engine::builtin();
    let req = r#"{"policy":"211382-2022","paid_on":"2022-02-15","members":[
        {"birth_date":"1980-03-01"},{"birth_date":"1982-07-09"},{"birth_date":"2010-11-30"}]}"#;
    // SAFETY: valid pointers.
    let (s, answer) = with_buffer(|b, c, n| unsafe {
        yibao_household_json(e.0, req.as_ptr().cast(), req.len(), b, c, n)
    });
    assert_eq!(s, S::Ok);
    assert!(
        answer.contains(r#""personal_due_total":"960.00""#),
        "{answer}"
    );
}

#[test]
fn every_json_entry_point_is_respond() {
    let e = Engine::builtin();
    let core = yibao_core::Engine::builtin();
    type JsonFn = unsafe extern "C" fn(
        *const yibao_engine,
        *const c_char,
        usize,
        *mut c_char,
        usize,
        *mut usize,
    ) -> S;
    let id = id_number("140402", 19800501, 123);
    let cases: &[(&str, JsonFn, String)] = &[
        (
            "quote",
            yibao_quote_json,
            r#"{"policy":"140400-2024","paid_on":"2023-10-26","person":{"birth_date":"1980-05-01"}}"#.into(),
        ),
        (
            "household",
            yibao_household_json,
            r#"{"policy":"211382-2022","paid_on":"2022-02-15","members":[{"birth_date":"1980-03-01","enrolling":false}]}"#.into(),
        ),
        (
            "refund",
            yibao_refund_json,
            format!(
                r#"{{"policy":"140400-2024","person":{{"id_number":"{id}"}},"payment":{{"paid_on":"2023-10-10","amount":"380.00"}},"reason":"duplicate","event_on":"2023-10-12"}}"#
            ),
        ),
        (
            "window",
            yibao_window_json,
            r#"{"policy":"140400-2024","date":"2023-10-26"}"#.into(),
        ),
        ("id", yibao_id_json, format!(r#"{{"id_number":"{id}"}}"#)),
        ("policies", yibao_policies_json, String::new()),
        ("policy", yibao_policy_json, r#"{"policy":"231000-2023"}"#.into()),
    ];
    for (op, f, req) in cases {
        // SAFETY: valid pointers.
        let (s, answer) =
            with_buffer(|b, c, n| unsafe { f(e.0, req.as_ptr().cast(), req.len(), b, c, n) });
        let (ok, expected) = yibao_core::json::respond(&core, op, req);
        assert_eq!(answer, expected, "{op}");
        assert_eq!(s == S::Ok, ok, "{op}: {answer}");
        assert_eq!(json(&e, op, req), (s, expected), "{op} by name");
        // `id` answers with the normalized number by contract; everything else masks it.
        if *op != "id" {
            assert!(!answer.contains(&id), "{op}: the ID number is masked");
        }
    }
}

#[test]
fn every_status_is_reachable_and_named() {
    let e = Engine::builtin();
    let p = "140400-2024";
    let q = |id: Option<&str>, birth, bits, cats: &[u32], paid| {
        quote(&e, p, id, birth, bits, cats, paid).err()
    };
    let bad_check = {
        let mut id = id_number("140402", 19800501, 123).into_bytes();
        id[17] = if id[17] == b'1' { b'2' } else { b'1' };
        String::from_utf8(id).unwrap()
    };
    let ok = |s: Option<S>| s.unwrap_or(S::Ok);
    let checks: Vec<(S, S)> = vec![
        (S::Ok, ok(q(None, 19800501, 0, &[], 20231010))),
        (S::InvalidJson, json(&e, "quote", "{").0),
        (S::InvalidRequest, ok(q(None, 0, 0, &[], 20231010))),
        (
            S::InvalidRequest,
            ok(q(Some(&id_number("140402", 19800501, 1)), 19800502, 0, &[], 20231010)),
        ),
        (S::UnknownPolicy, ok(quote(&e, "999999-2024", None, 19800501, 0, &[], 20231010).err())),
        (S::UnknownCategory, ok(q(None, 19800501, 0, &[19], 20231010))),
        (S::UnknownCategory, ok(q(None, 19800501, 1 << 19, &[], 20231010))),
        (S::UnknownCategory, ok(q(None, 19800501, 0, &[u32::MAX], 20231010))),
        (S::InvalidDate, ok(q(None, 19800501, 0, &[], 20230230))),
        (S::InvalidDate, ok(q(None, 19800230, 0, &[], 20231010))),
        (S::InvalidDate, ok(q(None, 19800501, 0, &[], 0))),
        (S::NoWindow, ok(q(None, 19800501, 0, &[], 20230801))),
        (S::NotPaymentDay, ok(q(None, 19800501, 0, &[], 20231026))),
        (S::InvalidId, ok(q(Some(&bad_check), 0, 0, &[], 20231010))),
        (S::InvalidId, ok(q(Some(""), 0, 0, &[], 20231010))),
        (S::BirthAfterPayment, ok(q(None, 20231011, 0, &[], 20231010))),
        (S::PolicySyntax, load(&e, "bad.toml", "id = \n").0),
        (S::PolicyInvalid, load(&e, "x.toml", &invalid_policy()).0),
        (
            S::HouseholdIncomplete,
            json(
                &e,
                "household",
                r#"{"policy":"211382-2022","paid_on":"2022-02-15","members":[{"birth_date":"1980-03-01"},{"birth_date":"1981-03-01","enrolling":false}]}"#,
            )
            .0,
        ),
        (S::UnknownOperation, json(&e, "frobnicate", "{}").0),
        (
            S::AmbiguousCategory,
            ok(quote(&Engine::with_fixtures(), "999901-2024", None, 19800501, 0, &[7], 20231010).err()),
        ),
        // 成都 2025 (fixture) has grades; `yibao_quote` names none, `yibao_quote_ex` an
        // unknown one.
        (
            S::InvalidGrade,
            ok(quote(&Engine::with_fixtures(), "510100-2025", None, 19800501, 0, &[], 20241010).err()),
        ),
        (
            S::InvalidGrade,
            ok(quote_ex(&Engine::with_fixtures(), "510100-2025", 19800501, &[], Some("adult_600"), 20241010).err()),
        ),
        // SAFETY: a NULL engine is checked.
        (S::NullPointer, unsafe { yibao_window(null(), p.as_ptr().cast(), p.len(), 20231010, null_mut()) }),
        (S::InvalidUtf8, invalid_utf8(&e)),
        (S::BufferTooSmall, small_buffer(&e)),
        (S::InvalidArgument, huge_length(&e)),
        (S::Io, io_error(&e)),
        (S::InvalidStructSize, struct_size_unset(&e)),
    ];
    for (want, got) in &checks {
        assert_eq!(want, got);
    }
    // Panic and OutOfRange cannot be reached through valid policies: unit tests in the crate.
    for s in S::ALL {
        let covered = checks.iter().any(|(w, _)| w == s) || matches!(s, S::Panic | S::OutOfRange);
        assert!(covered, "{s:?} is not covered");
        // SAFETY: static strings.
        let (code, msg) = unsafe {
            (
                CStr::from_ptr(yibao_c::status::yibao_status_code(*s as u32)),
                CStr::from_ptr(yibao_c::status::yibao_status_message(*s as u32)),
            )
        };
        assert!(!code.is_empty() && !msg.is_empty());
    }
    // SAFETY: static strings.
    unsafe {
        assert_eq!(
            CStr::from_ptr(yibao_c::status::yibao_status_code(99)).to_str(),
            Ok("unknown_status")
        );
        assert_eq!(
            CStr::from_ptr(yibao_c::status::yibao_status_message(u32::MAX)).to_str(),
            Ok("unknown status")
        );
    }
}

fn invalid_utf8(e: &Engine) -> S {
    let bad = b"140400-\xff";
    let mut out = yibao_quote_result::default();
    // SAFETY: valid pointers.
    unsafe {
        yibao_quote(
            e.0,
            bad.as_ptr().cast(),
            bad.len(),
            null(),
            0,
            19800501,
            0,
            null(),
            0,
            20231010,
            &mut out,
        )
    }
}

/// A result whose `struct_size` is 0 (not set) or one byte short of the first published
/// layout: refused, nothing written, for both typed calls.
fn struct_size_unset(e: &Engine) -> S {
    let p = "140400-2024";
    let mut statuses = vec![];
    for size in [0, YIBAO_QUOTE_RESULT_MIN_SIZE - 1, 4097] {
        let mut q = yibao_quote_result {
            struct_size: size,
            ..yibao_quote_result::default()
        };
        let before = q;
        // SAFETY: valid pointers.
        statuses.push(unsafe {
            yibao_quote(
                e.0,
                p.as_ptr().cast(),
                p.len(),
                null(),
                0,
                19800501,
                0,
                null(),
                0,
                20231010,
                &mut q,
            )
        });
        assert_eq!(q, before, "nothing written");
    }
    for size in [0, YIBAO_WINDOW_RESULT_MIN_SIZE - 1] {
        let mut w = yibao_window_result {
            struct_size: size,
            ..yibao_window_result::default()
        };
        let before = w;
        // SAFETY: valid pointers.
        statuses.push(unsafe { yibao_window(e.0, p.as_ptr().cast(), p.len(), 20231010, &mut w) });
        assert_eq!(w, before, "nothing written");
    }
    assert!(statuses.iter().all(|s| *s == statuses[0]), "{statuses:?}");
    statuses[0]
}

fn small_buffer(e: &Engine) -> S {
    let req = r#"{"policy":"140400-2024","date":"2023-10-10"}"#;
    let mut buf = [0x55u8; 8];
    let mut needed = 0;
    // SAFETY: valid pointers; `buf` has 8 bytes.
    let s = unsafe {
        yibao_window_json(
            e.0,
            req.as_ptr().cast(),
            req.len(),
            buf.as_mut_ptr().cast(),
            8,
            &mut needed,
        )
    };
    assert!(needed > 8);
    assert_eq!(buf, [0x55u8; 8], "nothing written");
    s
}

fn huge_length(e: &Engine) -> S {
    let p = "140400-2024";
    let mut out = yibao_quote_result::default();
    // SAFETY: the length is rejected before the pointer is read.
    unsafe {
        yibao_quote(
            e.0,
            p.as_ptr().cast(),
            usize::MAX,
            null(),
            0,
            19800501,
            0,
            null(),
            0,
            20231010,
            &mut out,
        )
    }
}

fn io_error(e: &Engine) -> S {
    let path = "/nonexistent/yibao/policy.toml";
    let mut buf = [0u8; 64];
    let mut needed = 0;
    // SAFETY: valid pointers.
    unsafe {
        yibao_engine_load_policy_file(
            e.0,
            path.as_ptr().cast(),
            path.len(),
            buf.as_mut_ptr().cast(),
            64,
            &mut needed,
        )
    }
}

fn load(e: &Engine, file: &str, text: &str) -> (S, String) {
    with_buffer(|b, c, n| {
        // SAFETY: valid pointers.
        unsafe {
            yibao_engine_load_policy(
                e.0,
                file.as_ptr().cast(),
                file.len(),
                text.as_ptr().cast(),
                text.len(),
                b,
                c,
                n,
            )
        }
    })
}

fn invalid_policy() -> String {
    include_str!("../../core/policies/140400-2024.toml")
        .replace(r#"id = "140400-2024""#, r#"id = "140400-2025""#)
}

#[test]
fn loading_policies() {
    let mut e = null_mut();
    // SAFETY: `e` is writable.
    assert_eq!(unsafe { yibao_engine_new_empty(&mut e) }, S::Ok);
    let e = Engine(e);
    assert_eq!(json(&e, "policies", "").1, "[]");
    assert_eq!(
        quote(&e, "140400-2024", None, 19800501, 0, &[], 20231010),
        Err(S::UnknownPolicy)
    );
    let text = include_str!("../../core/policies/140400-2024.toml");
    assert_eq!(
        load(&e, "changzhi.toml", text),
        (S::Ok, "140400-2024".into())
    );
    assert_eq!(
        quote(&e, "140400-2024", None, 19800501, 0, &[], 20231010).map(|q| q.personal_due),
        Ok(38000)
    );
    // A syntax error names file, line and column; the error JSON is the contract's.
    let (s, err) = load(&e, "mine.toml", "id = \"x\"\nregion_code = \n");
    assert_eq!(s, S::PolicySyntax);
    let v: serde_json::Value = serde_json::from_str(&err).unwrap();
    assert_eq!(v["error"]["code"], "policy_syntax");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("mine.toml:2:"),
        "{err}"
    );
    // Too small a buffer for the id: nothing is loaded.
    let other = include_str!("../../core/policies/411024-2024.toml");
    let mut buf = [0u8; 4];
    let mut needed = 0;
    // SAFETY: valid pointers.
    let s = unsafe {
        yibao_engine_load_policy(
            e.0,
            c"f".as_ptr(),
            1,
            other.as_ptr().cast(),
            other.len(),
            buf.as_mut_ptr().cast(),
            4,
            &mut needed,
        )
    };
    assert_eq!((s, needed), (S::BufferTooSmall, "411024-2024".len() + 1));
    assert_eq!(
        quote(&e, "411024-2024", None, 19800501, 0, &[], 20240110),
        Err(S::UnknownPolicy)
    );
}

#[test]
fn categories_match_the_core_table() {
    assert_eq!(YIBAO_CATEGORY_COUNT as usize, Category::ALL.len());
    assert_eq!(YIBAO_CATEGORY_MASK_ALL, (1u32 << Category::ALL.len()) - 1);
    let numbered = [
        yibao_category::ExtremePoverty,
        yibao_category::Orphan,
        yibao_category::UnsupportedChild,
        yibao_category::WelfareInstitutionChild,
        yibao_category::MinimumLiving,
        yibao_category::LowIncome,
        yibao_category::ReturnedToPoverty,
        yibao_category::MonitoredAtRisk,
        yibao_category::UnstableOutOfPoverty,
        yibao_category::MarginalAtRisk,
        yibao_category::SuddenHardship,
        yibao_category::OutOfPoverty,
        yibao_category::SevereDisability,
        yibao_category::ModelWorker,
        yibao_category::PriorityEntitled,
        yibao_category::PolicyInsured,
        yibao_category::ChildInDistress,
        yibao_category::CriticallyIll,
        yibao_category::Student,
    ];
    for (i, c) in Category::ALL.iter().enumerate() {
        assert_eq!(numbered[i] as u32, i as u32);
        assert!(format!("{:?}", numbered[i]) == format!("{c:?}"));
        // SAFETY: static string for a valid number.
        let id = unsafe { CStr::from_ptr(yibao_category_id(i as u32)) };
        assert_eq!(id.to_str(), Ok(c.id()));
        let mut n = u32::MAX;
        // SAFETY: valid pointers.
        let s = unsafe { yibao_category_parse(c.id().as_ptr().cast(), c.id().len(), &mut n) };
        assert_eq!((s, n), (S::Ok, i as u32));
    }
    assert!(yibao_category_id(19).is_null());
    let mut n = 7;
    // SAFETY: valid pointers.
    let s = unsafe { yibao_category_parse(c"Student".as_ptr(), 7, &mut n) };
    assert_eq!((s, n), (S::UnknownCategory, 7));
}

#[test]
fn a_policys_own_categories_have_numbers_for_the_typed_call() {
    let e = Engine::with_fixtures();
    let number = |policy: &str, id: &str| {
        let mut n = u32::MAX;
        // SAFETY: valid pointers and lengths.
        let s = unsafe {
            yibao_policy_category_parse(
                e.0,
                policy.as_ptr().cast(),
                policy.len(),
                id.as_ptr().cast(),
                id.len(),
                &mut n,
            )
        };
        (s, n)
    };
    // 曾都 (fixture 421303-2023): 丧失劳动能力的残疾人 is the notice's own category, the first
    // after the 19 national ones; national ids keep their numbers.
    assert_eq!(
        number("421303-2023", "disabled_unable_to_work"),
        (S::Ok, 19)
    );
    assert_eq!(
        number("421303-2023", "family_planning_hardship"),
        (S::Ok, 21)
    );
    assert_eq!(number("421303-2023", "minimum_living"), (S::Ok, 4));
    assert_eq!(
        number("140400-2024", "disabled_unable_to_work"),
        (S::UnknownCategory, u32::MAX)
    );
    assert_eq!(
        number("999999-2024", "minimum_living"),
        (S::UnknownPolicy, u32::MAX)
    );
    // The typed quote takes the number: 全额资助 of the 350 yuan, funded by the government.
    let q = quote(&e, "421303-2023", None, 19800501, 0, &[19], 20221010).unwrap();
    assert_eq!(
        (q.personal_standard, q.aid_total, q.personal_due),
        (35_000, 35_000, 0)
    );
    assert_eq!(q.aid_category, 19);
    assert_eq!((q.benefit_start, q.benefit_end), (20230101, 20231231));
    // 防贫监测对象 as the family: 175 aid and 175 to pay, like each subtype.
    let q = quote(&e, "421303-2023", None, 19800501, 0, &[7], 20221010).unwrap();
    assert_eq!(
        (q.aid_total, q.personal_due, q.aid_category),
        (17_500, 17_500, 7)
    );
    // The same number under a policy that has no category of its own is refused.
    assert_eq!(
        quote(&e, "140400-2024", None, 19800501, 0, &[19], 20231010).err(),
        Some(S::UnknownCategory)
    );
}

#[test]
fn flags_say_which_figures_the_notice_does_not_state() {
    let e = Engine::builtin();
    // 长治 低保 in the window: every figure stated.
    let q = quote(&e, "140400-2024", None, 19800501, 0, &[4], 20231010).unwrap();
    assert_eq!(
        q.flags & (YIBAO_QUOTE_FIGURE_ASSUMED | YIBAO_QUOTE_FIGURE_NATIONAL),
        0
    );
    // 长治 late: the period's dates and the counting of 3个月后 are the file's assumptions.
    let q = quote(&e, "140400-2024", None, 19800501, 0, &[], 20240210).unwrap();
    assert_ne!(q.flags & YIBAO_QUOTE_FIGURE_ASSUMED, 0);
    assert_ne!(q.flags & YIBAO_QUOTE_PAYS_FISCAL_SHARE, 0);
    // 凌源 late: a wait of unstated length, the cover date unknown.
    let q = quote(&e, "211382-2022", None, 19800501, 0, &[], 20220510).unwrap();
    assert_ne!(q.flags & YIBAO_QUOTE_COVER_UNKNOWN, 0);
    assert_eq!(q.benefit_start, 0);
}

#[test]
fn a_request_over_the_limit_is_invalid_request() {
    let e = Engine::builtin();
    let big = format!(
        r#"{{"policy":"{}"}}"#,
        "x".repeat(yibao_core::json::MAX_REQUEST_BYTES)
    );
    let (status, answer) = json(&e, "quote", &big);
    assert_eq!(status, S::InvalidRequest);
    assert!(answer.len() < 300, "{answer}");
}

#[test]
fn statuses_are_the_core_codes() {
    for code in ErrorCode::ALL {
        let s = S::from_code(*code);
        assert_eq!(s as u32, code.number());
        assert_eq!(s.code().to_str(), Ok(code.as_str()));
    }
    let numbers: Vec<u32> = S::ALL.iter().map(|s| *s as u32).collect();
    assert_eq!(
        numbers,
        [
            0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 100, 101, 102, 103, 104, 105,
            106, 107
        ]
    );
}

#[test]
fn window_typed_agrees_with_json() {
    let e = Engine::builtin();
    for (policy, date) in [
        ("140400-2024", 20231010),
        ("140400-2024", 20231026),
        ("140400-2024", 20230801),
        ("140400-2024", 20240210),
        ("211382-2022", 20220401),
        ("411024-2024", 20240110),
    ] {
        let mut w = yibao_window_result::default();
        // SAFETY: valid pointers.
        let s = unsafe { yibao_window(e.0, policy.as_ptr().cast(), policy.len(), date, &mut w) };
        assert_eq!(s, S::Ok);
        let (s, answer) = json(
            &e,
            "window",
            &format!(r#"{{"policy":"{policy}","date":"{}"}}"#, iso(date)),
        );
        assert_eq!(s, S::Ok);
        let v: serde_json::Value = serde_json::from_str(&answer).unwrap();
        assert_eq!(v["open"].as_bool(), Some(w.open));
        assert_eq!(v["payment_day"].as_bool(), Some(w.payment_day));
        assert_eq!(ymd(&v["next_payment_day"]), w.next_payment_day);
        assert_eq!(v["window"].is_null(), w.tier == -1);
    }
    let mut w = yibao_window_result::default();
    let p = "140400-2024";
    // SAFETY: valid pointers.
    let s = unsafe { yibao_window(e.0, p.as_ptr().cast(), p.len(), 20231026, &mut w) };
    assert_eq!(s, S::Ok);
    assert_eq!(
        (w.open, w.payment_day, w.tier, w.next_payment_day),
        (false, false, 0, 20231101)
    );
}

#[test]
fn masking() {
    let id = id_number("140402", 19800501, 123);
    let (s, masked) = with_buffer(|b, c, n| {
        // SAFETY: valid pointers.
        unsafe { yibao_id_mask(id.as_ptr().cast(), id.len(), b, c, n) }
    });
    assert_eq!(s, S::Ok);
    assert_eq!(masked, format!("140402********{}", &id[14..]));
    let short = "12345";
    // SAFETY: valid pointers.
    let (_, m) = with_buffer(|b, c, n| unsafe { yibao_id_mask(short.as_ptr().cast(), 5, b, c, n) });
    assert_eq!(m, "*****");
}

/// One JSON call through the size query: `buf` NULL for the size, then the buffer.
fn size_query(e: &Engine, op: &str, req: &str) -> usize {
    let mut needed = 0usize;
    // SAFETY: valid pointers; `buf` NULL with `cap` 0 asks the size.
    let s = unsafe {
        yibao_json(
            e.0,
            op.as_ptr().cast(),
            op.len(),
            req.as_ptr().cast(),
            req.len(),
            null_mut(),
            0,
            &mut needed,
        )
    };
    assert_eq!(s, S::BufferTooSmall);
    needed
}

fn computations(e: &Engine) -> u64 {
    // SAFETY: a live engine.
    unsafe { &*e.0 }.json_computations()
}

#[test]
fn a_size_query_and_its_second_call_compute_the_answer_once() {
    let e = Engine::builtin();
    let core = yibao_core::Engine::builtin();
    let a =
        r#"{"policy":"140400-2024","paid_on":"2023-10-10","person":{"birth_date":"1980-05-01"}}"#;
    let b =
        r#"{"policy":"140400-2024","paid_on":"2023-10-10","person":{"birth_date":"1990-05-01"}}"#;
    let n = computations(&e);
    // Answers and error JSON alike: one computation for the two calls.
    assert_eq!(
        json(&e, "quote", a),
        (S::Ok, yibao_core::json::respond(&core, "quote", a).1)
    );
    assert_eq!(computations(&e), n + 1);
    assert_eq!(json(&e, "quote", "{").0, S::InvalidJson);
    assert_eq!(computations(&e), n + 2);

    // A second call with another request is computed afresh, never given the kept bytes;
    // one answer is kept per thread, so B's own size query replaced A's.
    let needed_a = size_query(&e, "quote", a);
    assert_eq!(
        json(&e, "quote", b).1,
        yibao_core::json::respond(&core, "quote", b).1
    );
    assert_eq!(computations(&e), n + 4);
    let mut buf = vec![0u8; needed_a];
    let mut needed = 0;
    // SAFETY: valid pointers; `buf` has `needed_a` bytes.
    let s = unsafe {
        yibao_quote_json(
            e.0,
            a.as_ptr().cast(),
            a.len(),
            buf.as_mut_ptr().cast(),
            needed_a,
            &mut needed,
        )
    };
    assert_eq!((s, needed), (S::Ok, needed_a));
    assert_eq!(computations(&e), n + 5);
    assert_eq!(
        std::str::from_utf8(&buf[..needed_a - 1]).unwrap(),
        yibao_core::json::respond(&core, "quote", a).1
    );

    // Another thread's second call computes its own answer.
    size_query(&e, "quote", a);
    let shared = e.0 as usize; // the engine is shared by threads (README, "Threads")
    let other = std::thread::spawn(move || {
        // Not owned here: the test's `e` frees it.
        let e = std::mem::ManuallyDrop::new(Engine(shared as *mut yibao_engine));
        let before = computations(&e);
        let r = json(&e, "quote", a);
        (r, computations(&e) - before)
    })
    .join()
    .unwrap();
    assert_eq!(other.0 .1, yibao_core::json::respond(&core, "quote", a).1);
    assert_eq!(other.1, 1);

    // A load in between drops the kept answers: the second call computes again.
    let needed_a = size_query(&e, "quote", a);
    let text = include_str!("../../core/policies/411024-2024.toml");
    assert_eq!(load(&e, "411024-2024.toml", text).0, S::Ok);
    let before = computations(&e);
    let mut buf = vec![0u8; needed_a];
    // SAFETY: valid pointers; `buf` has `needed_a` bytes.
    let s = unsafe {
        yibao_quote_json(
            e.0,
            a.as_ptr().cast(),
            a.len(),
            buf.as_mut_ptr().cast(),
            needed_a,
            &mut needed,
        )
    };
    assert_eq!(s, S::Ok);
    assert_eq!(computations(&e) - before, 1);
}
