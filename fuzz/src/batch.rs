//! Targets `batch_csv` and `batch_jsonl`: the CLI's batch reader (`examples/cli/src/batch/
//! reader.rs`, compiled here as a module), which cuts a county file into chunks of whole
//! records (CSV, RFC 4180) or lines (JSON Lines).
//!
//! The input is repeated until it passes the reader's first read (64 KiB), so that chunk
//! boundaries fall inside records, quotes and line ends. The oracle is differential: read
//! in chunks, the file gives the same records (their bytes and line numbers) as read in
//! one piece; JSON Lines also agree with a reference split written here (LF, CRLF and CR
//! alone end a line, a leading byte-order mark is skipped). Records in = rows out.
//!
//! This file depends only on `memchr` and `csv-core` (besides the reader), so that
//! `examples/cli/tests/fuzz_regressions.rs` can compile it too and replay kept inputs.

#[allow(dead_code)]
#[path = "../../examples/cli/src/batch/reader.rs"]
mod reader;

use reader::{line_spans, Chunker, Piece, Records};

/// The input repeated past the reader's first read (at most 80 KiB in all).
fn repeated(data: &[u8]) -> Vec<u8> {
    if data.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(80 * 1024);
    while out.len() < 66 * 1024 + data.len() % 4096 {
        out.extend_from_slice(data);
    }
    out
}

/// What the CSV reader gives: the header, every record (line, bytes), every overlong one.
type CsvRead = (Option<(u64, Vec<u8>)>, Vec<(u64, Vec<u8>)>, Vec<(u64, u64)>);

fn read_csv(input: &[u8], chunk: usize) -> CsvRead {
    let mut r = Records::new(input, chunk);
    let header = r.header().ok().flatten();
    let (mut recs, mut long) = (Vec::new(), Vec::new());
    while let Ok(Some(p)) = r.next_piece(Vec::new()) {
        match p {
            Piece::Records { data, records } => {
                let mut start = 0;
                assert!(!records.is_empty(), "a piece holds a record");
                for rec in records {
                    assert!(rec.end > start && rec.end <= data.len(), "records in order");
                    recs.push((rec.line, data[start..rec.end].to_vec()));
                    start = rec.end;
                }
                assert_eq!(start, data.len(), "a piece is whole records");
            }
            Piece::Overlong { line, bytes } => long.push((line, bytes)),
            Piece::Lines { .. } => panic!("lines from the CSV reader"),
        }
    }
    assert_eq!(r.bytes_read(), input.len() as u64, "every byte read");
    (header, recs, long)
}

/// Target `batch_csv`.
pub fn csv(data: &[u8]) {
    let input = repeated(data);
    let chunked = read_csv(&input, 1);
    let whole = read_csv(&input, input.len() + 1);
    assert_eq!(chunked, whole, "chunks change nothing");
    let (header, recs, long) = chunked;
    // Line numbers grow; the header and the records are the input's end, byte for byte
    // (but for blank lines before the header and after the last record).
    let mut last = header.as_ref().map_or(0, |h| h.0);
    for (line, _) in &recs {
        assert!(*line > last, "record lines grow");
        last = *line;
    }
    if long.is_empty() {
        let mut tail: Vec<u8> = header.map(|h| h.1).unwrap_or_default();
        for (_, r) in &recs {
            tail.extend_from_slice(r);
        }
        // Blank lines after the last record belong to no record.
        let trim = |b: &[u8]| -> usize {
            b.len()
                - b.iter()
                    .rev()
                    .take_while(|c| matches!(c, b'\r' | b'\n'))
                    .count()
        };
        let (input_end, tail_end) = (trim(&input), trim(&tail));
        assert!(
            input[..input_end].ends_with(&tail[..tail_end]),
            "no byte lost after the header"
        );
    }
}

/// The lines a reader of the file sees, each non-blank one with its number: the
/// reference split (LF, CRLF, CR alone; a leading byte-order mark skipped).
fn reference_lines(input: &[u8]) -> Vec<(u64, Vec<u8>)> {
    let input = input.strip_prefix("\u{feff}".as_bytes()).unwrap_or(input);
    let mut out = Vec::new();
    let (mut line, mut cur) = (1u64, Vec::new());
    let mut i = 0;
    while i < input.len() {
        match input[i] {
            b'\r' | b'\n' => {
                if input[i] == b'\r' && input.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                if !cur.is_empty() {
                    out.push((line, std::mem::take(&mut cur)));
                }
                line += 1;
            }
            b => cur.push(b),
        }
        i += 1;
    }
    if !cur.is_empty() {
        out.push((line, cur));
    }
    out
}

fn read_lines(input: &[u8], chunk: usize) -> Vec<(u64, Vec<u8>)> {
    let mut c = Chunker::new(input, chunk);
    let mut out = Vec::new();
    while let Ok(Some(p)) = c.next_piece(Vec::new()) {
        match p {
            Piece::Lines { data, first_line } => {
                for (n, l) in (first_line..).zip(line_spans(&data)) {
                    if !l.is_empty() {
                        out.push((n, l.to_vec()));
                    }
                }
            }
            Piece::Overlong { .. } => panic!("no line of this input is overlong"),
            Piece::Records { .. } => panic!("records from the line reader"),
        }
    }
    assert_eq!(c.bytes_read(), input.len() as u64, "every byte read");
    out
}

/// Target `batch_jsonl`.
pub fn jsonl(data: &[u8]) {
    let input = repeated(data);
    let want = reference_lines(&input);
    assert_eq!(read_lines(&input, 1), want, "lines read in chunks");
    assert_eq!(
        read_lines(&input, input.len() + 1),
        want,
        "lines read at once"
    );
}
