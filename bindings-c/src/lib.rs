//! # yibao-c — the C ABI of yibao for bank systems
//!
//! Builds `libyibao.a` and `libyibao.so`; the header `include/yibao.h` is generated from
//! this crate by cbindgen (`cbindgen.toml`) and checked in. Every exported symbol starts
//! with `yibao_`. The conventions (statuses, buffers, ownership, threads) are in the
//! crate's `README.md`, "API conventions".
//!
//! # Design
//! * One boundary (`ffi::boundary`) wraps every exported body: panics become
//!   `YIBAO_STATUS_PANIC`, NULL pointers `YIBAO_STATUS_NULL_POINTER`; nothing unwinds into
//!   C or aborts the host.
//! * Fallible functions return [`yibao_status`]: the core's error numbers 1–15 with the
//!   same meaning, C-only failures from 100. Outputs are written only on success.
//! * Two ways to ask: JSON entry points, byte-identical to the CLI and the npm package,
//!   and a typed, allocation-free `yibao_quote` for the counter's hot path.
//! * The engine handle is shared by threads: queries take a read lock, loads a write lock.
// Types exported to C carry their C names (`yibao_engine`, `yibao_status`, ...).
#![allow(non_camel_case_types)]
#![warn(missing_docs)]
#![deny(unsafe_op_in_unsafe_fn)]
#![warn(clippy::undocumented_unsafe_blocks)]

pub mod engine;
mod ffi;
pub mod status;
pub mod typed;

pub use engine::yibao_engine;
pub use status::yibao_status;
pub use typed::{yibao_category, yibao_quote_request, yibao_quote_result, yibao_window_result};

use std::ffi::c_char;

/// Major version of the library this header belongs to (Cargo.toml).
pub const YIBAO_VERSION_MAJOR: u32 = 0;
/// Minor version of the library this header belongs to.
pub const YIBAO_VERSION_MINOR: u32 = 1;
/// Patch version of the library this header belongs to.
pub const YIBAO_VERSION_PATCH: u32 = 0;
/// The compiled library's version, NUL-terminated; `YIBAO_VERSION` in the header (written
/// by `cbindgen.toml`) must be the same, which a test checks.
const VERSION_C: &std::ffi::CStr = c"0.1.0";

/// The version of the linked library, `"MAJOR.MINOR.PATCH"`, as a static NUL-terminated
/// string that must not be freed. Compare it with `YIBAO_VERSION` to detect a header that
/// does not match the library.
#[no_mangle]
pub extern "C" fn yibao_version() -> *const c_char {
    ffi::guard(VERSION_C.as_ptr(), || VERSION_C.as_ptr())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn version_constants_match_cargo_toml() {
        let define = format!("#define YIBAO_VERSION \"{}\"", env!("CARGO_PKG_VERSION"));
        assert!(include_str!("../cbindgen.toml").contains(&define));
        assert!(include_str!("../include/yibao.h").contains(&define));
        assert_eq!(VERSION_C.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
        assert_eq!(
            YIBAO_VERSION_MAJOR.to_string(),
            env!("CARGO_PKG_VERSION_MAJOR")
        );
        assert_eq!(
            YIBAO_VERSION_MINOR.to_string(),
            env!("CARGO_PKG_VERSION_MINOR")
        );
        assert_eq!(
            YIBAO_VERSION_PATCH.to_string(),
            env!("CARGO_PKG_VERSION_PATCH")
        );
        assert_eq!(env!("CARGO_PKG_VERSION"), yibao_core::VERSION);
    }
}
