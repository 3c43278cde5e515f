//! The files of the conformance vectors, for every runner that reads them from Rust
//! (`#[path]`-included by the core's, the C library's and the npm package's tests: the core
//! does no I/O itself).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

/// `tests/vectors/`, found from the crate's own folder upwards.
pub fn vector_dir() -> PathBuf {
    let mut dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    while !dir.join("tests/vectors/fixtures.rs").is_file() {
        assert!(dir.pop(), "tests/vectors not found above the crate");
    }
    dir.join("tests/vectors")
}

/// Every vector file (`*.json`), in name order.
pub fn vector_files() -> Vec<PathBuf> {
    sorted(vector_dir(), "json")
}

/// `(file name, text)` of every fixture policy (`policies/*.toml`), in name order.
pub fn fixture_policies() -> Vec<(String, String)> {
    sorted(vector_dir().join("policies"), "toml")
        .into_iter()
        .map(|f| {
            let name = f.file_name().unwrap().to_str().unwrap().to_string();
            (name, std::fs::read_to_string(&f).unwrap())
        })
        .collect()
}

fn sorted(dir: PathBuf, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    files
}
