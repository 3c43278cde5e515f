//! Criterion benchmarks of every core path (issue #6): typed quote, full quote with
//! citations, household of four, JSON quote, policy load and validation, ID parsing.
//! Run: `cargo bench -p yibao --bench engine`. Results and budgets: BENCHMARKS.md.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use yibao::{Category, Engine, Facts};

const QUOTE: &str = r#"{"policy":"140400-2024","paid_on":"2023-10-10","person":{"birth_date":"1980-05-01","categories":["minimum_living"]}}"#;

fn benches(c: &mut Criterion) {
    let engine = Engine::builtin();
    let paid = NaiveDate::from_ymd_opt(2023, 10, 10).unwrap();
    let mut facts = Facts::born(NaiveDate::from_ymd_opt(1980, 5, 1).unwrap());
    facts.categories = [Category::MinimumLiving].into_iter().collect();

    c.bench_function("typed_quote", |b| {
        b.iter(|| engine.quote_typed(black_box("140400-2024"), black_box(&facts), black_box(paid)))
    });
    // A grade named by its id (the C yibao_quote_ex): 綦江 (test fixture) 低保 in 二档,
    // aided at the 一档 standard (`against_grade`), with the basis of each figure.
    let mut graded = Engine::builtin();
    graded
        .load_policy(
            "500110-2017.toml",
            include_str!("../../tests/vectors/policies/500110-2017.toml"),
        )
        .unwrap();
    let paid_2016 = NaiveDate::from_ymd_opt(2016, 10, 10).unwrap();
    c.bench_function("typed_quote_graded", |b| {
        b.iter(|| {
            graded.quote_typed_graded(
                black_box("500110-2017"),
                black_box(&facts),
                black_box(Some("grade_2")),
                black_box(paid_2016),
            )
        })
    });
    let req: yibao::QuoteRequest = serde_json::from_str(QUOTE).unwrap();
    c.bench_function("quote_with_explanation", |b| {
        b.iter(|| engine.quote(black_box(&req)))
    });
    let household: yibao::HouseholdRequest = serde_json::from_str(
        r#"{"policy":"211382-2022","paid_on":"2022-02-15","members":[{"birth_date":"1980-05-01"},{"birth_date":"1982-07-01"},{"birth_date":"2010-09-01"},{"birth_date":"1950-01-01","categories":["minimum_living"]}]}"#,
    )
    .unwrap();
    c.bench_function("household_of_four", |b| {
        b.iter(|| engine.household(black_box(&household)))
    });
    // The two halves of the JSON path, to see where its time goes.
    c.bench_function("json_parse_quote_request", |b| {
        b.iter(|| yibao::json::parse_request::<yibao::QuoteRequest>(black_box(QUOTE)))
    });
    let answer = engine.quote(&req).unwrap();
    c.bench_function("json_serialise_quote", |b| {
        b.iter(|| serde_json::to_string(black_box(&answer)))
    });
    c.bench_function("json_quote", |b| {
        b.iter(|| yibao::json::respond(&engine, "quote", black_box(QUOTE)))
    });
    let (file, text) = (
        "140400-2024.toml",
        yibao::policy::builtin_text("140400-2024.toml").unwrap(),
    );
    c.bench_function("policy_load_and_validate", |b| {
        b.iter(|| yibao::policy::parse_policy(file, black_box(text)))
    });
    c.bench_function("id_parse", |b| {
        b.iter(|| yibao::id::parse(black_box("11010519491231002X"), None))
    });
}

criterion_group!(engine_benches, benches);
criterion_main!(engine_benches);
