//! Helpers shared by the Rust tests of the C ABI: an owned engine handle, the
//! size-query-then-call buffer protocol, and the typed quote.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::too_many_arguments
)]

use std::ffi::c_char;
use std::ptr::{null, null_mut};
use yibao_c::engine::*;
use yibao_c::typed::*;
use yibao_c::yibao_status as S;

pub struct Engine(pub *mut yibao_engine);

impl Engine {
    pub fn builtin() -> Engine {
        let mut e = null_mut();
        // SAFETY: `e` is writable.
        assert_eq!(unsafe { yibao_engine_new(&mut e) }, S::Ok);
        assert!(!e.is_null());
        Engine(e)
    }
}

impl Engine {
    /// The built-ins and the fixture policies of `tests/vectors/policies/`, as the
    /// conformance vectors need them.
    pub fn with_fixtures() -> Engine {
        let e = Engine::builtin();
        for (name, text) in fixture_policies() {
            let mut needed = 0usize;
            let mut id = [0 as c_char; 64];
            // SAFETY: every pointer is valid for its length.
            let status = unsafe {
                yibao_engine_load_policy(
                    e.0,
                    name.as_ptr().cast(),
                    name.len(),
                    text.as_ptr().cast(),
                    text.len(),
                    id.as_mut_ptr(),
                    id.len(),
                    &mut needed,
                )
            };
            assert_eq!(status, S::Ok, "{name}");
        }
        e
    }
}

#[path = "../../../tests/vectors/fixtures.rs"]
mod fixtures;
// Each test binary uses its own part of this module.
#[allow(unused_imports)]
pub use fixtures::{cases_of, fixture_policies, vector_files};

/// A Rust engine with the same policies as [`Engine::with_fixtures`].
pub fn rust_engine_with_fixtures() -> yibao_core::Engine {
    yibao_core::conformance::engine_with(fixture_policies()).unwrap()
}

impl Drop for Engine {
    fn drop(&mut self) {
        // SAFETY: made by `yibao_engine_new`, freed once.
        unsafe { yibao_engine_free(self.0) }
    }
}

/// Calls a buffer-writing function twice: size query, then with the exact size.
pub fn with_buffer(f: impl Fn(*mut c_char, usize, *mut usize) -> S) -> (S, String) {
    let mut needed = 0usize;
    let s = f(null_mut(), 0, &mut needed);
    if s != S::BufferTooSmall {
        return (s, String::new());
    }
    let mut buf = vec![0u8; needed];
    let mut needed2 = 0usize;
    let s = f(buf.as_mut_ptr().cast(), buf.len(), &mut needed2);
    assert_eq!(needed, needed2);
    assert_eq!(buf[needed - 1], 0, "NUL-terminated");
    buf.truncate(needed - 1);
    (s, String::from_utf8(buf).unwrap())
}

pub fn json(e: &Engine, op: &str, req: &str) -> (S, String) {
    with_buffer(|buf, cap, needed| {
        // SAFETY: every pointer is valid for its length.
        unsafe {
            yibao_json(
                e.0,
                op.as_ptr().cast(),
                op.len(),
                req.as_ptr().cast(),
                req.len(),
                buf,
                cap,
                needed,
            )
        }
    })
}

pub fn quote(
    e: &Engine,
    policy: &str,
    id: Option<&str>,
    birth: u32,
    bits: u32,
    cats: &[u32],
    paid: u32,
) -> Result<yibao_quote_result, S> {
    let mut out = yibao_quote_result::default();
    let (id_ptr, id_len) = id.map_or((null(), 0), |s| (s.as_ptr().cast(), s.len()));
    let (c_ptr, c_len) = if cats.is_empty() {
        (null(), 0)
    } else {
        (cats.as_ptr(), cats.len())
    };
    // SAFETY: every pointer is valid for its length; `out` is writable.
    let s = unsafe {
        yibao_quote(
            e.0,
            policy.as_ptr().cast(),
            policy.len(),
            id_ptr,
            id_len,
            birth,
            bits,
            c_ptr,
            c_len,
            paid,
            &mut out,
        )
    };
    if s == S::Ok {
        Ok(out)
    } else {
        assert_eq!(
            out,
            yibao_quote_result::default(),
            "written only on success"
        );
        Err(s)
    }
}

/// `yibao_quote_ex`: the typed quote with a grade, through a request struct.
pub fn quote_ex(
    e: &Engine,
    policy: &str,
    birth: u32,
    cats: &[u32],
    grade: Option<&str>,
    paid: u32,
) -> Result<yibao_quote_result, S> {
    let mut out = yibao_quote_result::default();
    let (g_ptr, g_len) = grade.map_or((null(), 0), |s| (s.as_ptr().cast(), s.len()));
    let (c_ptr, c_len) = if cats.is_empty() {
        (null(), 0)
    } else {
        (cats.as_ptr(), cats.len())
    };
    let request = yibao_quote_request {
        policy: policy.as_ptr().cast(),
        policy_len: policy.len(),
        categories: c_ptr,
        categories_len: c_len,
        grade: g_ptr,
        grade_len: g_len,
        birth_date: birth,
        paid_on: paid,
        ..yibao_quote_request::default()
    };
    // SAFETY: every pointer of the request is valid for its length; `out` is writable.
    let s = unsafe { yibao_quote_ex(e.0, &request, &mut out) };
    if s == S::Ok {
        Ok(out)
    } else {
        assert_eq!(
            out,
            yibao_quote_result::default(),
            "written only on success"
        );
        Err(s)
    }
}

/// A valid 18-digit ID number from region, birth date and sequence.
pub fn id_number(region: &str, birth: u32, seq: u32) -> String {
    let first: String = format!("{region}{birth}{seq:03}");
    let bytes: [u8; 17] = first.as_bytes().try_into().unwrap();
    let check = yibao_core::id::check_digit(&bytes);
    format!("{first}{}", check as char)
}

pub fn fen(s: &serde_json::Value) -> i64 {
    let t = s.as_str().unwrap();
    let (y, f) = t.split_once('.').unwrap();
    y.parse::<i64>().unwrap() * 100 + f.parse::<i64>().unwrap()
}

pub fn ymd(v: &serde_json::Value) -> u32 {
    match v.as_str() {
        None => 0,
        Some(s) => s.replace('-', "").parse().unwrap(),
    }
}

pub fn iso(d: u32) -> String {
    format!("{:04}-{:02}-{:02}", d / 10000, d / 100 % 100, d % 100)
}
