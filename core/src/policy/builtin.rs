//! The built-in policies, compiled into the library (the embedded default): the files of
//! `core/policies/` with their whole-line comments blanked by `build.rs`.

/// `(file name, text)` of every built-in policy file, in id order.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "140400-2024.toml",
        include_str!(concat!(env!("OUT_DIR"), "/policies/140400-2024.toml")),
    ),
    (
        "211382-2022.toml",
        include_str!(concat!(env!("OUT_DIR"), "/policies/211382-2022.toml")),
    ),
    (
        "230128-2023.toml",
        include_str!(concat!(env!("OUT_DIR"), "/policies/230128-2023.toml")),
    ),
    (
        "231000-2023.toml",
        include_str!(concat!(env!("OUT_DIR"), "/policies/231000-2023.toml")),
    ),
    (
        "411024-2024.toml",
        include_str!(concat!(env!("OUT_DIR"), "/policies/411024-2024.toml")),
    ),
    (
        "411024-2026.toml",
        include_str!(concat!(env!("OUT_DIR"), "/policies/411024-2026.toml")),
    ),
];
