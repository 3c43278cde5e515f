//! Fuzz targets of yibao: the core's bodies ([`harness`]), the CLI's batch reader
//! ([`batch`]) and request path ([`cli`]), and the C entry points (JSON and typed).
//!
//! `bash scripts/fuzz.sh [seconds]` runs every target for a bounded time; inputs worth
//! keeping go to `tests/fuzz-crashes/<target>/`, which `core/tests/fuzz_regressions.rs`
//! replays in the normal test suite.

pub mod batch;
pub mod cli;
pub mod harness;

use std::ffi::c_char;
use std::sync::OnceLock;
use yibao_c::engine::{yibao_engine_new, yibao_json};
use yibao_c::typed::{
    yibao_category_parse, yibao_id_mask, yibao_quote, yibao_quote_result, yibao_window,
    yibao_window_result,
};
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

/// The built-in policy ids, listed once.
fn policy_ids() -> &'static [String] {
    static IDS: OnceLock<Vec<String>> = OnceLock::new();
    IDS.get_or_init(|| {
        harness::engine()
            .policies()
            .into_iter()
            .map(|p| p.id)
            .collect()
    })
}

/// Reads the fuzzer's bytes as the typed calls' arguments.
struct Args<'a>(&'a [u8]);

impl<'a> Args<'a> {
    fn byte(&mut self) -> u8 {
        let (b, rest) = self.0.split_first().map_or((0, &[][..]), |(b, r)| (*b, r));
        self.0 = rest;
        b
    }
    fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.byte(), self.byte(), self.byte(), self.byte()])
    }
    /// A date: mostly a real one near the policies' years, sometimes any number.
    fn date(&mut self) -> u32 {
        match self.byte() % 4 {
            0 => self.u32(),
            _ => {
                let y = 1900 + u32::from(self.byte()) + u32::from(self.byte() % 2) * 100;
                let m = 1 + u32::from(self.byte() % 13);
                let d = 1 + u32::from(self.byte() % 32);
                y * 10000 + m * 100 + d
            }
        }
    }
    fn bytes(&mut self, n: usize) -> &'a [u8] {
        let n = n.min(self.0.len());
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        a
    }
    /// A policy id: a built-in one by index, or raw bytes.
    fn policy(&mut self) -> Vec<u8> {
        let sel = self.byte();
        let ids = policy_ids();
        if sel < 0xF0 && !ids.is_empty() {
            ids[usize::from(sel) % ids.len()].as_bytes().to_vec()
        } else {
            let n = usize::from(self.byte() % 48);
            self.bytes(n).to_vec()
        }
    }
}

/// Target `c_typed`: the typed C calls (`yibao_quote`, `yibao_window`, `yibao_id_mask`,
/// `yibao_category_parse`) with arguments read from the bytes: policy, ID number (raw
/// bytes, invalid UTF-8 included), dates, category mask and numbers, `struct_size`.
/// Never a panic status; a result written only on success and only within
/// `struct_size`; the shares of a quote add up; a masked ID holds no ID-like run.
pub fn c_typed(data: &[u8]) {
    let mut a = Args(data);
    let policy = a.policy();
    let id_len = usize::from(a.byte() % 24);
    let id = a.bytes(id_len).to_vec();
    let use_id = a.byte() % 2 == 0;
    let birth = a.date();
    let bits = match a.byte() % 3 {
        0 => 0,
        1 => 1 << (a.byte() % 32),
        _ => a.u32(),
    };
    let n_cats = usize::from(a.byte() % 4);
    let cats: Vec<u32> = (0..n_cats).map(|_| u32::from(a.byte())).collect();
    let paid_on = a.date();
    let size_sel = a.byte();
    let struct_size = match size_sel {
        0..=199 => std::mem::size_of::<yibao_quote_result>(),
        200..=249 => usize::from(size_sel - 200) * 2,
        _ => usize::from(a.byte()) * 32,
    };

    let mut out = yibao_quote_result {
        struct_size,
        ..Default::default()
    };
    let guard = out;
    let (id_ptr, id_n) = if use_id {
        (id.as_ptr().cast::<c_char>(), id.len())
    } else {
        (std::ptr::null(), 0)
    };
    let (c_ptr, c_n) = if cats.is_empty() {
        (std::ptr::null(), 0)
    } else {
        (cats.as_ptr(), cats.len())
    };
    // SAFETY: every pointer is valid for its length (or NULL with 0); `out` is writable
    // and `struct_size` never exceeds its size unless the library is to refuse it: sizes
    // above the struct are refused or filled only up to this library's struct.
    let status = unsafe {
        yibao_quote(
            c_engine(),
            policy.as_ptr().cast::<c_char>(),
            policy.len(),
            id_ptr,
            id_n,
            birth,
            bits,
            c_ptr,
            c_n,
            paid_on,
            &mut out,
        )
    };
    assert_ne!(status, yibao_status::Panic, "the library panicked");
    if status == yibao_status::Ok {
        assert!(out.struct_size <= std::mem::size_of::<yibao_quote_result>());
        if out.struct_size == std::mem::size_of::<yibao_quote_result>() {
            assert_eq!(
                out.personal_due + out.aid_total,
                out.personal_standard,
                "due + aid = standard"
            );
            assert!(out.personal_due >= 0 && out.aid_total >= 0 && out.fiscal_subsidy >= 0);
        }
    } else {
        assert_eq!(out, guard, "nothing written on failure");
    }

    let mut w = yibao_window_result {
        struct_size: if size_sel % 7 == 0 {
            usize::from(size_sel) / 4
        } else {
            std::mem::size_of::<yibao_window_result>()
        },
        ..Default::default()
    };
    let wguard = w;
    // SAFETY: as above.
    let status = unsafe {
        yibao_window(
            c_engine(),
            policy.as_ptr().cast::<c_char>(),
            policy.len(),
            paid_on,
            &mut w,
        )
    };
    assert_ne!(status, yibao_status::Panic, "the library panicked");
    if status != yibao_status::Ok {
        assert_eq!(w, wguard, "nothing written on failure");
    }

    let mut buf = [0u8; 64];
    let mut needed = 0usize;
    // SAFETY: `buf` holds 64 bytes; the ID bytes are valid for their length.
    let status = unsafe {
        yibao_id_mask(
            id.as_ptr().cast::<c_char>(),
            id.len(),
            buf.as_mut_ptr().cast::<c_char>(),
            buf.len(),
            &mut needed,
        )
    };
    assert_ne!(status, yibao_status::Panic, "the library panicked");
    if status == yibao_status::Ok {
        let masked = std::str::from_utf8(&buf[..needed - 1]).expect("the mask is UTF-8");
        assert!(!harness::has_id_run(masked), "the mask hides the number");
    }

    let mut category = u32::MAX;
    // SAFETY: the ID bytes are valid for their length; `category` is writable.
    let status =
        unsafe { yibao_category_parse(id.as_ptr().cast::<c_char>(), id.len(), &mut category) };
    assert_ne!(status, yibao_status::Panic, "the library panicked");
}
