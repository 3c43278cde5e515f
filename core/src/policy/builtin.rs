//! The built-in policies, compiled into the library (the embedded default): the files of
//! `core/policies/` with their whole-line comments blanked by `build.rs`, which also writes
//! the list (every `*.toml` there but the case files). Without the `builtin-policies`
//! feature (the npm package's build) the list is empty: the package ships the same files
//! read and packed ([`super::packed`]) in its data module.

/// `(file name, text)` of every built-in policy file, in id order.
#[cfg(feature = "builtin-policies")]
pub const BUILTIN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

/// `(file name, text)` of every built-in policy file: none in this build.
#[cfg(not(feature = "builtin-policies"))]
pub const BUILTIN: &[(&str, &str)] = &[];

/// The text of the built-in policy file `file` (`140400-2024.toml`).
///
/// ```
/// # #[cfg(feature = "builtin-policies")] {
/// assert!(yibao::policy::builtin_text("140400-2024.toml").unwrap().contains("长治"));
/// # }
/// assert!(yibao::policy::builtin_text("nope.toml").is_none());
/// ```
pub fn builtin_text(file: &str) -> Option<&'static str> {
    BUILTIN.iter().find(|(f, _)| *f == file).map(|(_, t)| *t)
}
