//! Replays the inputs kept under `tests/fuzz-crashes/batch_csv/` and `batch_jsonl/`
//! through the functions the fuzz targets of those names call (`fuzz/src/batch.rs`,
//! compiled here as a module with the batch reader it tests), so what a fuzz run found
//! stays fixed.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    dead_code
)]

#[path = "../../../fuzz/src/batch.rs"]
mod batch;

use std::path::PathBuf;

fn replay(target: &str, run: impl Fn(&[u8])) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fuzz-crashes")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} holds no input", dir.display());
    for f in files {
        // Named first, so that a failure says which input.
        eprintln!("replaying {}", f.display());
        run(&std::fs::read(&f).unwrap());
    }
}

#[test]
fn batch_csv_inputs() {
    replay("batch_csv", batch::csv);
}

#[test]
fn batch_jsonl_inputs() {
    replay("batch_jsonl", batch::jsonl);
}

/// A few forms written here: every line end, a BOM, a quote left open, blank lines.
#[test]
fn batch_reader_forms() {
    for input in [
        &b""[..],
        b"\xEF\xBB\xBF",
        b"h\r",
        b"h\r\n\r\n\r\n",
        b"a,b\r\"x\ry\",2\r\"open",
        b"\xEF\xBB\xBFa\n\"\"\"\n,\r\n",
        b"{\"a\":1}\r\r\n\n\r{\"b\":\"\\r\"}",
    ] {
        batch::csv(input);
        batch::jsonl(input);
    }
}
