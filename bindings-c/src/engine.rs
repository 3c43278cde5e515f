//! The engine handle and the JSON entry points.
//!
//! # Design
//! The handle owns a [`yibao_core::Engine`] behind a read-write lock: queries take the
//! read lock (no allocation, many threads at once), loading a policy takes the write lock.
//! So one engine can be shared by every thread of a bank's server, loads included. The JSON
//! functions call [`yibao_core::json::handle`], whose answers and error JSON are
//! byte-identical to [`yibao_core::json::respond`] and to the CLI.
//!
//! A JSON answer that does not fit the caller's buffer is kept for the calling thread
//! (`Pending`), so the usual size query (`buf` NULL, then a second call with a buffer of
//! `*needed` bytes) computes the answer once: the second call, from the same thread with
//! the same operation and request, writes the kept bytes.

use crate::ffi::{boundary, non_null, str_in, write_out, FfiResult, OutBuf};
use crate::status::yibao_status;
use std::ffi::c_char;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};
use yibao_core::Engine;

/// At most this many answers are kept for size queries (one per thread, the oldest
/// dropped first), so the memory held is bounded whatever the callers do.
const MAX_PENDING: usize = 16;

/// The calling thread, as the address of a thread-local byte: unique among live threads,
/// and free (`std::thread::current()` would allocate a handle for a C thread, never
/// freed). A dead thread's address may be reused by a new one; the kept answer is then
/// still right, as an answer depends only on the engine, the operation and the request.
fn thread_key() -> usize {
    thread_local! {
        static SLOT: u8 = const { 0 };
    }
    SLOT.try_with(|s| std::ptr::from_ref(s) as usize)
        .unwrap_or(0)
}

/// A JSON response that did not fit the caller's buffer, kept for the second call.
struct Pending {
    thread: usize,
    op: String,
    request: String,
    response: String,
    status: yibao_status,
}

/// The policies in force and the operations on them. Opaque: create it with
/// `yibao_engine_new` (or `yibao_engine_new_empty`), free it with `yibao_engine_free`.
///
/// Thread safety: every function taking a `const yibao_engine *` may be called from many
/// threads at once on the same engine; `yibao_engine_load_policy*` may run concurrently
/// with them too (it takes an internal write lock). Only `yibao_engine_free` must not race
/// with any other use of the engine.
pub struct yibao_engine {
    inner: RwLock<Engine>,
    /// Responses kept after `BUFFER_TOO_SMALL` (see the module's doc); emptied by a load.
    pending: Mutex<Vec<Pending>>,
    /// How many JSON responses were computed (not taken from `pending`).
    computed: AtomicU64,
}

impl yibao_engine {
    /// The engine for reading; a poisoned lock is recovered (a load that panicked left
    /// the engine as it was before or after the insert, both consistent).
    pub(crate) fn read(&self) -> RwLockReadGuard<'_, Engine> {
        self.inner
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn write(&self) -> RwLockWriteGuard<'_, Engine> {
        self.inner
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn new(engine: Engine) -> Self {
        yibao_engine {
            inner: RwLock::new(engine),
            pending: Mutex::new(Vec::new()),
            computed: AtomicU64::new(0),
        }
    }

    fn pending(&self) -> std::sync::MutexGuard<'_, Vec<Pending>> {
        self.pending
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The response kept for this thread's same request, taken out of the cache.
    fn take_pending(&self, op: &str, request: &str) -> Option<(String, yibao_status)> {
        let thread = thread_key();
        let mut pending = self.pending();
        let i = pending
            .iter()
            .position(|p| p.thread == thread && p.op == op && p.request == request)?;
        let p = pending.remove(i);
        Some((p.response, p.status))
    }

    /// Keeps a response that did not fit, replacing this thread's previous one.
    fn keep_pending(&self, op: &str, request: &str, response: String, status: yibao_status) {
        let thread = thread_key();
        let mut pending = self.pending();
        pending.retain(|p| p.thread != thread);
        if pending.len() >= MAX_PENDING {
            pending.remove(0);
        }
        pending.push(Pending {
            thread,
            op: op.to_owned(),
            request: request.to_owned(),
            response,
            status,
        });
    }

    /// How many JSON responses this engine has computed; a second call after a size query
    /// takes the kept one and computes nothing (for tests).
    pub fn json_computations(&self) -> u64 {
        self.computed.load(Ordering::Relaxed)
    }
}

/// Reads an engine pointer.
///
/// # Safety
/// When not NULL, `engine` must come from `yibao_engine_new*` and not have been freed.
pub(crate) unsafe fn engine_in<'a>(
    engine: *const yibao_engine,
) -> Result<&'a yibao_engine, yibao_status> {
    non_null(engine)?;
    // SAFETY: non-null, and the caller promises a live engine from `yibao_engine_new*`.
    Ok(unsafe { &*engine })
}

/// Creates an engine handle into `*out`.
///
/// # Safety
/// `out` must be NULL or writable.
unsafe fn new_engine(out: *mut *mut yibao_engine, engine: impl FnOnce() -> Engine) -> yibao_status {
    boundary(|| {
        non_null(out)?;
        let handle = Box::into_raw(Box::new(yibao_engine::new(engine())));
        // SAFETY: `out` is non-null and the caller promises it is writable.
        unsafe { write_out(out, handle) };
        Ok(())
    })
}

/// Creates an engine with the built-in policies (the five seed notices and any added
/// since). On success `*out` receives the engine, which `yibao_engine_free` frees.
///
/// Status: `NULL_POINTER` when `out` is NULL.
///
/// # Safety
/// Pointers must be NULL or valid (README, "API conventions").
#[no_mangle]
pub unsafe extern "C" fn yibao_engine_new(out: *mut *mut yibao_engine) -> yibao_status {
    // SAFETY: forwarded from this function's caller.
    unsafe { new_engine(out, Engine::builtin) }
}

/// Creates an engine with no policies, for callers that load only their own files.
///
/// Status: `NULL_POINTER` when `out` is NULL.
///
/// # Safety
/// Pointers must be NULL or valid (README, "API conventions").
#[no_mangle]
pub unsafe extern "C" fn yibao_engine_new_empty(out: *mut *mut yibao_engine) -> yibao_status {
    // SAFETY: forwarded from this function's caller.
    unsafe { new_engine(out, Engine::empty) }
}

/// Frees an engine. NULL is accepted and ignored. The engine must not be used afterwards,
/// nor freed twice.
///
/// # Safety
/// Pointers must be NULL or valid (README, "API conventions").
#[no_mangle]
pub unsafe extern "C" fn yibao_engine_free(engine: *mut yibao_engine) {
    crate::ffi::guard((), || {
        if !engine.is_null() {
            // SAFETY: the caller promises `engine` came from `yibao_engine_new*` and is
            // freed once; it was made by `Box::into_raw`.
            drop(unsafe { Box::from_raw(engine) });
        }
    });
}

/// Loads `text` as a policy file: parse, validate, then insert (a file with the same
/// policy id replaces the old one).
fn load(engine: &yibao_engine, file: &str, text: &str, out: &OutBuf) -> FfiResult {
    match yibao_core::policy::parse_policy(file, text) {
        Ok(policy) => {
            // The id is written only if it fits, and nothing is loaded when it does not.
            if !out.fits(&policy.id) {
                // SAFETY: the exported function's caller promises `buf`/`needed`.
                return unsafe { out.write(&policy.id) };
            }
            let id = {
                let mut inner = engine.write();
                // Answers kept for size queries may be the old policy's: drop them.
                engine.pending().clear();
                inner
                    .load_policy(file, text)
                    .map_err(|e| yibao_status::from_code(e.code()))?
            };
            // SAFETY: as above.
            unsafe { out.write(&id) }
        }
        // Policy files are read by analysts: their errors are in Chinese, the default.
        // SAFETY: as above.
        Err(e) => unsafe { out.write_error(&e, yibao_core::Lang::default()) },
    }
}

/// Loads a policy file given as text (TOML, UTF-8): `file_name` names it in messages.
///
/// On success the policy id (e.g. `"140400-2024"`) is written to `buf`, NUL-terminated;
/// on `POLICY_SYNTAX` / `POLICY_INVALID` the error JSON is written instead, whose message
/// gives `file:line:column`. `*needed` always receives the size the text needs (NUL
/// included); when it exceeds `cap` nothing else is written, nothing is loaded, and the
/// status is `BUFFER_TOO_SMALL`. A policy with an id already loaded replaces it.
///
/// Status: `OK`, `POLICY_SYNTAX`, `POLICY_INVALID`, `NULL_POINTER` (engine, file_name,
/// text or needed NULL; buf NULL with cap > 0), `INVALID_UTF8`, `BUFFER_TOO_SMALL`.
///
/// # Safety
/// Pointers must be NULL or valid (README, "API conventions").
#[no_mangle]
pub unsafe extern "C" fn yibao_engine_load_policy(
    engine: *mut yibao_engine,
    file_name: *const c_char,
    file_name_len: usize,
    text: *const c_char,
    text_len: usize,
    buf: *mut c_char,
    cap: usize,
    needed: *mut usize,
) -> yibao_status {
    boundary(|| {
        // SAFETY: the caller promises a live engine (or NULL).
        let engine = unsafe { engine_in(engine) }?;
        // SAFETY: the caller promises `file_name_len` readable bytes (or NULL).
        let file = unsafe { str_in(file_name, file_name_len) }?;
        // SAFETY: the caller promises `text_len` readable bytes (or NULL).
        let text = unsafe { str_in(text, text_len) }?;
        let out = OutBuf::new(buf, cap, needed)?;
        load(engine, file, text, &out)
    })
}

/// Loads a policy file from a path (UTF-8, no NUL needed); the path names the file in
/// messages. Otherwise as `yibao_engine_load_policy`.
///
/// Status: as `yibao_engine_load_policy`, plus `IO` when the file cannot be read
/// (nothing is written to `buf` then) and `INVALID_UTF8` when its content is not UTF-8.
///
/// # Safety
/// Pointers must be NULL or valid (README, "API conventions").
#[no_mangle]
pub unsafe extern "C" fn yibao_engine_load_policy_file(
    engine: *mut yibao_engine,
    path: *const c_char,
    path_len: usize,
    buf: *mut c_char,
    cap: usize,
    needed: *mut usize,
) -> yibao_status {
    boundary(|| {
        // SAFETY: the caller promises a live engine (or NULL).
        let engine = unsafe { engine_in(engine) }?;
        // SAFETY: the caller promises `path_len` readable bytes (or NULL).
        let path = unsafe { str_in(path, path_len) }?;
        let out = OutBuf::new(buf, cap, needed)?;
        let bytes = std::fs::read(path).map_err(|_| yibao_status::Io)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| yibao_status::InvalidUtf8)?;
        load(engine, path, text, &out)
    })
}

/// Runs a JSON operation and writes its answer or error JSON.
///
/// # Safety
/// As the exported JSON functions.
unsafe fn json_call(
    engine: *const yibao_engine,
    op: &str,
    request: *const c_char,
    request_len: usize,
    buf: *mut c_char,
    cap: usize,
    needed: *mut usize,
) -> FfiResult {
    // SAFETY: the caller promises a live engine (or NULL).
    let engine = unsafe { engine_in(engine) }?;
    // SAFETY: the caller promises `request_len` readable bytes (or NULL).
    let request = unsafe { str_in(request, request_len) }?;
    let out = OutBuf::new(buf, cap, needed)?;
    let (response, status) = match engine.take_pending(op, request) {
        Some(kept) => kept,
        None => {
            engine.computed.fetch_add(1, Ordering::Relaxed);
            match yibao_core::json::handle(&engine.read(), op, request) {
                Ok(answer) => (answer, yibao_status::Ok),
                // The error in the language the request asks for (`"lang"`), as
                // `json::respond`.
                Err(e) => (
                    e.to_json_in(yibao_core::json::request_lang(request)),
                    yibao_status::from_code(e.code()),
                ),
            }
        }
    };
    if !out.fits(&response) {
        // SAFETY: the caller promises `buf`/`needed`; this writes `*needed` only.
        let too_small = unsafe { out.write(&response) };
        engine.keep_pending(op, request, response, status);
        return too_small;
    }
    // SAFETY: the caller promises `buf`/`needed`.
    unsafe { out.write(&response) }?;
    match status {
        yibao_status::Ok => Ok(()),
        s => Err(s),
    }
}

/// Runs operation `op` (`"quote"`, `"household"`, `"refund"`, `"window"`, `"id"`,
/// `"policies"`, `"policy"`) on a JSON request, exactly as the CLI's `yibao <op>`.
///
/// The response is written to `buf`, NUL-terminated: the answer with status `OK`, or the
/// contract's error JSON `{"error":{"code":..,"message":..}}` with the status of that code
/// (1–15). `*needed` always receives the size the response needs (NUL included); when it
/// exceeds `cap` nothing else is written and the status is `BUFFER_TOO_SMALL` (call again
/// with a larger buffer; `buf` may be NULL when `cap` is 0). For statuses from 100 nothing
/// is written.
///
/// Status: `OK`, 1–15, `NULL_POINTER` (engine, op, request or needed NULL; buf NULL with
/// cap > 0), `INVALID_UTF8`, `BUFFER_TOO_SMALL`.
///
/// # Safety
/// Pointers must be NULL or valid (README, "API conventions").
#[no_mangle]
pub unsafe extern "C" fn yibao_json(
    engine: *const yibao_engine,
    op: *const c_char,
    op_len: usize,
    request: *const c_char,
    request_len: usize,
    buf: *mut c_char,
    cap: usize,
    needed: *mut usize,
) -> yibao_status {
    boundary(|| {
        // SAFETY: the caller promises `op_len` readable bytes (or NULL).
        let op = unsafe { str_in(op, op_len) }?;
        // SAFETY: forwarded from this function's caller.
        unsafe { json_call(engine, op, request, request_len, buf, cap, needed) }
    })
}

/// `quote`: what a person pays on a date, who pays the rest, and the cover bought, with citations, assumptions and warnings.
///
/// Same as `yibao_json` with op `"quote"`: the answer (status `OK`) or the error JSON
/// (status 1–15) is written to `buf`; `*needed` always receives the size needed.
///
/// # Safety
/// Pointers must be NULL or valid (README, "API conventions").
#[no_mangle]
pub unsafe extern "C" fn yibao_quote_json(
    engine: *const yibao_engine,
    request: *const c_char,
    request_len: usize,
    buf: *mut c_char,
    cap: usize,
    needed: *mut usize,
) -> yibao_status {
    // SAFETY: forwarded from this function's caller.
    boundary(|| unsafe { json_call(engine, "quote", request, request_len, buf, cap, needed) })
}

/// `household`: every member's quote and the household's `personal_due_total`.
///
/// Same as `yibao_json` with op `"household"`: the answer (status `OK`) or the error JSON
/// (status 1–15) is written to `buf`; `*needed` always receives the size needed.
///
/// # Safety
/// Pointers must be NULL or valid (README, "API conventions").
#[no_mangle]
pub unsafe extern "C" fn yibao_household_json(
    engine: *const yibao_engine,
    request: *const c_char,
    request_len: usize,
    buf: *mut c_char,
    cap: usize,
    needed: *mut usize,
) -> yibao_status {
    // SAFETY: forwarded from this function's caller.
    boundary(|| unsafe { json_call(engine, "household", request, request_len, buf, cap, needed) })
}

/// `refund`: whether and how much of a payment is refunded.
///
/// Same as `yibao_json` with op `"refund"`: the answer (status `OK`) or the error JSON
/// (status 1–15) is written to `buf`; `*needed` always receives the size needed.
///
/// # Safety
/// Pointers must be NULL or valid (README, "API conventions").
#[no_mangle]
pub unsafe extern "C" fn yibao_refund_json(
    engine: *const yibao_engine,
    request: *const c_char,
    request_len: usize,
    buf: *mut c_char,
    cap: usize,
    needed: *mut usize,
) -> yibao_status {
    // SAFETY: forwarded from this function's caller.
    boundary(|| unsafe { json_call(engine, "refund", request, request_len, buf, cap, needed) })
}

/// `window`: whether payments are taken on a date, and the next payment day.
///
/// Same as `yibao_json` with op `"window"`: the answer (status `OK`) or the error JSON
/// (status 1–15) is written to `buf`; `*needed` always receives the size needed.
///
/// # Safety
/// Pointers must be NULL or valid (README, "API conventions").
#[no_mangle]
pub unsafe extern "C" fn yibao_window_json(
    engine: *const yibao_engine,
    request: *const c_char,
    request_len: usize,
    buf: *mut c_char,
    cap: usize,
    needed: *mut usize,
) -> yibao_status {
    // SAFETY: forwarded from this function's caller.
    boundary(|| unsafe { json_call(engine, "window", request, request_len, buf, cap, needed) })
}

/// `id`: checks an ID number (the answer shows it masked and normalized).
///
/// Same as `yibao_json` with op `"id"`: the answer (status `OK`) or the error JSON
/// (status 1–15) is written to `buf`; `*needed` always receives the size needed.
///
/// # Safety
/// Pointers must be NULL or valid (README, "API conventions").
#[no_mangle]
pub unsafe extern "C" fn yibao_id_json(
    engine: *const yibao_engine,
    request: *const c_char,
    request_len: usize,
    buf: *mut c_char,
    cap: usize,
    needed: *mut usize,
) -> yibao_status {
    // SAFETY: forwarded from this function's caller.
    boundary(|| unsafe { json_call(engine, "id", request, request_len, buf, cap, needed) })
}

/// `policies`: every policy loaded (the request is empty, `{}` or `null`).
///
/// Same as `yibao_json` with op `"policies"`: the answer (status `OK`) or the error JSON
/// (status 1–15) is written to `buf`; `*needed` always receives the size needed.
///
/// # Safety
/// Pointers must be NULL or valid (README, "API conventions").
#[no_mangle]
pub unsafe extern "C" fn yibao_policies_json(
    engine: *const yibao_engine,
    request: *const c_char,
    request_len: usize,
    buf: *mut c_char,
    cap: usize,
    needed: *mut usize,
) -> yibao_status {
    // SAFETY: forwarded from this function's caller.
    boundary(|| unsafe { json_call(engine, "policies", request, request_len, buf, cap, needed) })
}

/// `policy`: a whole policy as data; the `tier` and `newborn` indices of the typed calls index its `tiers` and `newborns`.
///
/// Same as `yibao_json` with op `"policy"`: the answer (status `OK`) or the error JSON
/// (status 1–15) is written to `buf`; `*needed` always receives the size needed.
///
/// # Safety
/// Pointers must be NULL or valid (README, "API conventions").
#[no_mangle]
pub unsafe extern "C" fn yibao_policy_json(
    engine: *const yibao_engine,
    request: *const c_char,
    request_len: usize,
    buf: *mut c_char,
    cap: usize,
    needed: *mut usize,
) -> yibao_status {
    // SAFETY: forwarded from this function's caller.
    boundary(|| unsafe { json_call(engine, "policy", request, request_len, buf, cap, needed) })
}
