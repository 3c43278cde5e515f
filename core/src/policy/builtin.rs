//! The built-in policies, compiled into the library (the embedded default): the files of
//! `core/policies/` with their whole-line comments blanked by `build.rs`, which also writes
//! the list (every `*.toml` there but the case files).

/// `(file name, text)` of every built-in policy file, in id order.
pub const BUILTIN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

/// The text of the built-in policy file `file` (`140400-2024.toml`).
///
/// ```
/// assert!(yibao::policy::builtin_text("140400-2024.toml").unwrap().contains("长治"));
/// assert!(yibao::policy::builtin_text("nope.toml").is_none());
/// ```
pub fn builtin_text(file: &str) -> Option<&'static str> {
    BUILTIN.iter().find(|(f, _)| *f == file).map(|(_, t)| *t)
}
