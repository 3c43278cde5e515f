//! The typed quote (the C counter's hot path) makes no heap allocation: counted by a
//! counting global allocator, per thread so the test harness's own threads don't count.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use yibao::{Category, CategorySet, Engine, Facts};

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: delegates to the system allocator; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|c| c.set(c.get() + 1));
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|c| c.set(c.get() + 1));
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations() -> usize {
    ALLOCATIONS.with(Cell::get)
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn typed_quote_and_id_parsing_allocate_nothing() {
    let engine = Engine::builtin();
    let mut facts = Facts::born(d(1980, 5, 1));
    facts.categories = [Category::MinimumLiving]
        .into_iter()
        .collect::<CategorySet>();
    let cases = [
        ("140400-2024", d(2023, 10, 10)),
        ("140400-2024", d(2024, 2, 10)),
        ("231000-2023", d(2023, 7, 10)),
        ("230128-2023", d(2022, 10, 1)),
        ("411024-2024", d(2024, 1, 10)),
        ("211382-2022", d(2022, 2, 15)),
        ("411024-2026", d(2026, 2, 10)),
    ];
    let before = allocations();
    let mut due = 0i64;
    for _ in 0..100 {
        for (policy, paid) in cases {
            let o = engine.quote_typed(policy, &facts, paid).unwrap();
            due += o.personal_due.fen().unwrap();
        }
        let id = yibao::id::parse("11010519491231002X", None).unwrap();
        assert_eq!(id.birth_date(), d(1949, 12, 31));
    }
    let after = allocations();
    assert_eq!(
        after - before,
        0,
        "typed quotes allocated {} times",
        after - before
    );
    // 76 + 76 (aided late payer, window terms) + 152 (牡丹江's second half: the aided pay
    // their own part only) + 152 + 0 + 0 + 0 yuan, 100 times, in fen.
    assert_eq!(due, 100 * (7_600 + 7_600 + 15_200 + 15_200));
    // A grade named by its id (the C `yibao_quote_ex`): 成都's 520 grade, and 綦江's 二档
    // aided at the 一档 standard (`against_grade`), with the basis of each figure.
    let mut graded = Engine::builtin();
    for file in ["510100-2025.toml", "500110-2017.toml"] {
        let path = format!(
            "{}/../tests/vectors/policies/{file}",
            env!("CARGO_MANIFEST_DIR")
        );
        graded
            .load_policy(file, &std::fs::read_to_string(path).unwrap())
            .unwrap();
    }
    let ordinary = Facts::born(d(1980, 5, 1));
    let before = allocations();
    let mut due = 0i64;
    for _ in 0..100 {
        for (policy, f, grade, paid) in [
            ("510100-2025", &ordinary, "adult_520", d(2024, 10, 10)),
            ("500110-2017", &facts, "grade_2", d(2016, 10, 10)),
        ] {
            let (o, _) = graded
                .quote_typed_graded(policy, f, Some(grade), paid)
                .unwrap();
            due += o.personal_due.fen().unwrap();
        }
    }
    assert_eq!(allocations() - before, 0, "graded typed quotes allocated");
    // 520 (成都), and 450 − 140 = 310 (綦江 低保 in 二档), 100 times, in fen.
    assert_eq!(due, 100 * (52_000 + 31_000));

    // The full quote, by contrast, builds citations.
    let req: yibao::QuoteRequest = serde_json::from_str(
        r#"{"policy":"140400-2024","paid_on":"2023-10-10","person":{"birth_date":"1980-05-01"}}"#,
    )
    .unwrap();
    let before = allocations();
    engine.quote(&req).unwrap();
    assert!(allocations() > before);
}
