//! Fuzz targets of yibao: the core's bodies ([`harness`]) and the C JSON entry point.
//!
//! `bash scripts/fuzz.sh [seconds]` runs every target for a bounded time; inputs worth
//! keeping go to `tests/fuzz-crashes/<target>/`, which `core/tests/fuzz_regressions.rs`
//! replays in the normal test suite.

pub mod harness;

use std::ffi::c_char;
use std::sync::OnceLock;
use yibao_c::engine::{yibao_engine_new, yibao_json};
use yibao_c::{yibao_engine, yibao_status};

/// The C engine handle with the built-in policies, created once (never freed).
fn c_engine() -> *const yibao_engine {
    static E: OnceLock<usize> = OnceLock::new();
    *E.get_or_init(|| {
        let mut e: *mut yibao_engine = std::ptr::null_mut();
        // SAFETY: `e` is a valid, writable out-pointer.
        let status = unsafe { yibao_engine_new(&mut e) };
        assert_eq!(status, yibao_status::Ok);
        e as usize
    }) as *const yibao_engine
}

/// Calls `yibao_json` with a buffer of `cap` bytes; returns the status, `*needed` and
/// the buffer.
fn call(op: &str, request: &[u8], cap: usize) -> (yibao_status, usize, Vec<u8>) {
    let mut buf = vec![0xAAu8; cap];
    let mut needed = usize::MAX;
    let buf_ptr = if cap == 0 {
        std::ptr::null_mut()
    } else {
        buf.as_mut_ptr().cast::<c_char>()
    };
    // SAFETY: every pointer is valid for the length given with it; the engine is live.
    let status = unsafe {
        yibao_json(
            c_engine(),
            op.as_ptr().cast::<c_char>(),
            op.len(),
            request.as_ptr().cast::<c_char>(),
            request.len(),
            buf_ptr,
            cap,
            &mut needed,
        )
    };
    (status, needed, buf)
}

/// Target `c_json`: `yibao_json` on raw bytes. Byte 0 selects the operation as in the
/// `json` target, byte 1 the buffer size (0: NULL with capacity 0, 255: 64 KiB, else
/// 8 × the byte), the rest is the request, passed as is (invalid UTF-8 included). The
/// answer must be byte-identical to the core's `json::respond`.
pub fn c_json(data: &[u8]) {
    let (op, rest) = harness::split_op(data);
    let (cap_sel, request) = match rest.split_first() {
        Some((b, r)) => (*b, r),
        None => (255, rest),
    };
    let cap = match cap_sel {
        255 => 1 << 16,
        n => usize::from(n) * 8,
    };
    let (mut status, mut needed, mut buf) = call(op, request, cap);
    assert_ne!(status, yibao_status::Panic, "the library panicked");
    let Ok(text) = std::str::from_utf8(request) else {
        assert_eq!(status, yibao_status::InvalidUtf8);
        return;
    };
    if status == yibao_status::BufferTooSmall {
        assert!(
            needed > cap,
            "BUFFER_TOO_SMALL with needed {needed} <= cap {cap}"
        );
        assert!(
            buf.iter().all(|b| *b == 0xAA),
            "nothing written on BUFFER_TOO_SMALL"
        );
        let retry = needed;
        (status, needed, buf) = call(op, request, retry);
        assert_eq!(needed, retry, "the size needed is stable");
    }
    let code = status as u32;
    assert!(code <= 13, "unexpected status {status:?}");
    assert!(needed >= 1 && needed <= buf.len());
    assert_eq!(buf[needed - 1], 0, "NUL-terminated");
    let answer = std::str::from_utf8(&buf[..needed - 1]).expect("the answer is UTF-8");
    let (ok, expected) = yibao::json::respond(harness::engine(), op, text);
    assert_eq!(ok, code == 0);
    assert_eq!(answer, expected, "C and core answers are byte-identical");
    harness::check_response(op, text, ok, answer);
}
