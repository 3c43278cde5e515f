//! Criterion benchmarks of the C ABI (issue #6): the typed call and the JSON call, next to
//! the Rust typed call they wrap, so the ratio (budget: C typed ≤ 1.2× Rust) comes from one
//! run on one machine. Run: `cargo bench -p yibao-c --bench ffi`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use std::ptr::null_mut;
use yibao_c::engine::*;
use yibao_c::typed::*;
use yibao_c::yibao_status as S;

const POLICY: &str = "140400-2024";
const QUOTE: &str = r#"{"policy":"140400-2024","paid_on":"2023-10-10","person":{"birth_date":"1980-05-01","categories":["minimum_living"]}}"#;

fn benches(c: &mut Criterion) {
    let mut engine = null_mut();
    // SAFETY: `engine` is writable.
    assert_eq!(unsafe { yibao_engine_new(&mut engine) }, S::Ok);
    let minimum_living = 1u32 << (yibao_core::Category::MinimumLiving as u32);

    let rust = yibao_core::Engine::builtin();
    let mut facts = yibao_core::Facts::born(NaiveDate::from_ymd_opt(1980, 5, 1).unwrap());
    facts.categories = yibao_core::CategorySet::from_bits(u64::from(minimum_living));
    let paid = NaiveDate::from_ymd_opt(2023, 10, 10).unwrap();
    c.bench_function("rust_typed_quote", |b| {
        b.iter(|| rust.quote_typed(black_box(POLICY), black_box(&facts), black_box(paid)))
    });

    c.bench_function("c_typed_quote", |b| {
        let mut out = yibao_quote_result::default();
        b.iter(|| {
            // SAFETY: every pointer is valid for its length; `out` is writable.
            unsafe {
                yibao_quote(
                    engine,
                    black_box(POLICY).as_ptr().cast(),
                    POLICY.len(),
                    std::ptr::null(),
                    0,
                    black_box(19800501),
                    black_box(minimum_living),
                    std::ptr::null(),
                    0,
                    black_box(20231010),
                    &mut out,
                )
            }
        })
    });

    // The same question through yibao_quote_ex (no grade: 长治 has none), and a grade:
    // 綦江 (test fixture) 低保 in 二档, aided at the 一档 standard.
    let request = yibao_quote_request {
        policy: POLICY.as_ptr().cast(),
        policy_len: POLICY.len(),
        birth_date: 19800501,
        category_bits: minimum_living,
        paid_on: 20231010,
        ..yibao_quote_request::default()
    };
    c.bench_function("c_typed_quote_ex", |b| {
        let mut out = yibao_quote_result::default();
        // SAFETY: the request's pointers are valid for their lengths; `out` is writable.
        b.iter(|| unsafe { yibao_quote_ex(engine, black_box(&request), &mut out) })
    });
    let (file, text) = (
        "500110-2017.toml",
        include_str!("../../tests/vectors/policies/500110-2017.toml"),
    );
    let mut id = [0 as std::ffi::c_char; 32];
    let mut needed = 0usize;
    // SAFETY: every pointer is valid for its length.
    let loaded = unsafe {
        yibao_engine_load_policy(
            engine,
            file.as_ptr().cast(),
            file.len(),
            text.as_ptr().cast(),
            text.len(),
            id.as_mut_ptr(),
            id.len(),
            &mut needed,
        )
    };
    assert_eq!(loaded, S::Ok);
    let (qijiang, grade) = ("500110-2017", "grade_2");
    let graded = yibao_quote_request {
        policy: qijiang.as_ptr().cast(),
        policy_len: qijiang.len(),
        grade: grade.as_ptr().cast(),
        grade_len: grade.len(),
        paid_on: 20161010,
        ..request
    };
    c.bench_function("c_typed_quote_ex_graded", |b| {
        let mut out = yibao_quote_result::default();
        // SAFETY: the request's pointers are valid for their lengths; `out` is writable.
        b.iter(|| unsafe { yibao_quote_ex(engine, black_box(&graded), &mut out) })
    });

    c.bench_function("c_json_quote", |b| {
        let mut buf = vec![0u8; 16384];
        let mut needed = 0usize;
        b.iter(|| {
            // SAFETY: every pointer is valid for its length.
            unsafe {
                yibao_quote_json(
                    engine,
                    black_box(QUOTE).as_ptr().cast(),
                    QUOTE.len(),
                    buf.as_mut_ptr().cast(),
                    buf.len(),
                    &mut needed,
                )
            }
        })
    });

    // SAFETY: made by `yibao_engine_new`, freed once.
    unsafe { yibao_engine_free(engine) };
}

criterion_group!(ffi_benches, benches);
criterion_main!(ffi_benches);
