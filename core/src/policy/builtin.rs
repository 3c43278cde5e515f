//! The built-in policies, compiled into the library (the embedded default).

/// `(file name, text)` of every built-in policy file, in id order.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "140400-2024.toml",
        include_str!("../../policies/140400-2024.toml"),
    ),
    (
        "211382-2022.toml",
        include_str!("../../policies/211382-2022.toml"),
    ),
    (
        "230128-2023.toml",
        include_str!("../../policies/230128-2023.toml"),
    ),
    (
        "231000-2023.toml",
        include_str!("../../policies/231000-2023.toml"),
    ),
    (
        "411024-2024.toml",
        include_str!("../../policies/411024-2024.toml"),
    ),
    (
        "411024-2026.toml",
        include_str!("../../policies/411024-2026.toml"),
    ),
];
