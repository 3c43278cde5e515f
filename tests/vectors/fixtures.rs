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

/// Every file of cases, in name order: the vectors (`*.json`) and the built-in policies'
/// case files (`core/policies/*.cases.toml`, docs/cases.md). Read each with
/// `yibao::conformance::parse_file`.
pub fn vector_files() -> Vec<PathBuf> {
    let mut files = sorted(vector_dir(), "json");
    files.extend(
        sorted(vector_dir().join("../../core/policies"), "toml")
            .into_iter()
            .filter(|p| p.to_string_lossy().ends_with(".cases.toml")),
    );
    files
}

/// The cases of a file `vector_files` names, read by `parse` (the core's
/// `conformance::parse_file`, which tells the two kinds by the file name).
pub fn cases_of<C>(
    path: &std::path::Path,
    parse: fn(&str, &str) -> Result<Vec<C>, String>,
) -> Vec<C> {
    let name = path.file_name().unwrap().to_str().unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    parse(name, &text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
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
