//! The typed quote allocates nothing: a counting global allocator watches this thread
//! while it quotes (ID number, categories, late tier with a wait, aid).

#![allow(clippy::unwrap_used, clippy::panic)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::ptr::null_mut;
use yibao_c::engine::{yibao_engine_free, yibao_engine_load_policy, yibao_engine_new};
use yibao_c::typed::{yibao_quote, yibao_quote_ex, yibao_quote_request, yibao_quote_result};
use yibao_c::yibao_status;

struct Counting;

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static COUNT: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards to the system allocator; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.with(Cell::get) {
            COUNT.with(|c| c.set(c.get() + 1));
        }
        // SAFETY: the caller's layout contract is forwarded.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[test]
fn typed_quote_allocates_nothing() {
    let mut engine = null_mut();
    // SAFETY: `engine` is writable.
    assert_eq!(unsafe { yibao_engine_new(&mut engine) }, yibao_status::Ok);
    let policy = "140400-2024";
    let id = "14040219800501123"; // completed below with its check digit
    let first: [u8; 17] = id.as_bytes().try_into().unwrap();
    let id = format!("{id}{}", yibao_core::id::check_digit(&first) as char);
    let cats = [4u32, 12];
    let mut out = yibao_quote_result::default();
    COUNTING.with(|c| c.set(true));
    for paid in [20231010u32, 20240210, 20231110] {
        for _ in 0..100 {
            // SAFETY: valid pointers.
            let s = unsafe {
                yibao_quote(
                    engine,
                    policy.as_ptr().cast(),
                    policy.len(),
                    id.as_ptr().cast(),
                    id.len(),
                    0,
                    1 << 6,
                    cats.as_ptr(),
                    cats.len(),
                    paid,
                    &mut out,
                )
            };
            assert_eq!(s, yibao_status::Ok);
        }
    }
    COUNTING.with(|c| c.set(false));
    assert_eq!(
        COUNT.with(Cell::get),
        0,
        "heap allocations in 300 typed quotes"
    );
    // 返贫致贫 (aid 342) beats 低保 and 重度残疾 (aid 304 each): 就高不就低.
    assert_eq!(out.personal_due, 3800);

    // `yibao_quote_ex` with a grade: 綦江 (fixture) 低保 in 二档, aided at the 一档 standard.
    let (file, text) = (
        "500110-2017.toml",
        include_str!("../../tests/vectors/policies/500110-2017.toml"),
    );
    let mut id_buf = [0 as std::ffi::c_char; 32];
    let mut needed = 0usize;
    // SAFETY: valid pointers and lengths.
    let s = unsafe {
        yibao_engine_load_policy(
            engine,
            file.as_ptr().cast(),
            file.len(),
            text.as_ptr().cast(),
            text.len(),
            id_buf.as_mut_ptr(),
            id_buf.len(),
            &mut needed,
        )
    };
    assert_eq!(s, yibao_status::Ok);
    let (policy, grade) = ("500110-2017", "grade_2");
    let request = yibao_quote_request {
        policy: policy.as_ptr().cast(),
        policy_len: policy.len(),
        grade: grade.as_ptr().cast(),
        grade_len: grade.len(),
        birth_date: 19800501,
        category_bits: 1 << 4,
        paid_on: 20161010,
        ..yibao_quote_request::default()
    };
    COUNTING.with(|c| c.set(true));
    for _ in 0..100 {
        // SAFETY: valid pointers.
        let s = unsafe { yibao_quote_ex(engine, &request, &mut out) };
        assert_eq!(s, yibao_status::Ok);
    }
    COUNTING.with(|c| c.set(false));
    assert_eq!(
        COUNT.with(Cell::get),
        0,
        "heap allocations in 100 typed quotes with a grade"
    );
    // 450 − 140 = 310.
    assert_eq!((out.personal_due, out.grade), (31000, 1));
    // SAFETY: made by `yibao_engine_new`.
    unsafe { yibao_engine_free(engine) };
}
