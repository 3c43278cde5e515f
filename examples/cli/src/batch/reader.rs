//! The input, cut into chunks of whole records (CSV) or whole lines (JSON Lines).
//!
//! # Design
//! Memory must not grow with the file, so the input is read a chunk at a time (a few
//! MiB, some 64 000 rows) and cut after its last whole record; the partial record is
//! carried into the next chunk. A record longer than [`MAX_LINE`] never fits in memory
//! on its own terms: it is skipped up to its end and reported as an error row, so even
//! a file without a single record end is read in bounded memory.
//!
//! CSV ([`Records`]) is cut where the CSV parser itself (`csv_core`, RFC 4180) ends a
//! record, never at a bare newline: a quoted field may hold newlines (an address
//! exported by Excel) and stays one record, and records may end in CRLF, LF or CR alone
//! (Excel's "CSV (Macintosh)"). The chunk's pieces then hold whole records, which the
//! workers parse again field by field ([`super::row::FieldReader`]). JSON Lines
//! ([`Chunker`]) is cut at line ends, which JSON text never holds unescaped: LF, CRLF
//! or a CR alone (a file saved with classic Mac line ends), as for CSV ([`super::split_lines`]).

use std::io::{self, Read};

/// The longest line (JSON Lines) or record (CSV) read; longer ones are reported, not read.
pub const MAX_LINE: usize = 1 << 20;

/// One CSV record of a [`Piece::Records`]: where it ends and on which line it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rec {
    /// Offset just past its last byte in the piece (the next record starts there).
    pub end: usize,
    /// The line its first field starts on (1-based; blank lines before it skipped).
    pub line: u64,
}

/// A piece of the input, in file order.
#[derive(Debug)]
pub enum Piece {
    /// Whole lines, the first of which is line `first_line` (1-based).
    Lines {
        /// The bytes; every line but possibly the file's last ends with a line end (LF,
        /// CRLF or CR alone; a CR ending the piece is never the first half of a CRLF).
        data: Vec<u8>,
        /// Line number of the first line.
        first_line: u64,
    },
    /// Whole CSV records, in order; the first starts at byte 0. A record's bytes may
    /// start with the blank lines before it and end with its record end.
    Records {
        /// The bytes.
        data: Vec<u8>,
        /// Each record's end and line.
        records: Vec<Rec>,
    },
    /// A line or record longer than [`MAX_LINE`], skipped.
    Overlong {
        /// Its line number.
        line: u64,
        /// Its length in bytes (for the progress bar).
        bytes: u64,
    },
}

/// The input, with what both readers need to know of it: whether it has ended and how
/// many bytes it gave.
struct Source<R> {
    src: R,
    eof: bool,
    read_bytes: u64,
}

impl<R: Read> Source<R> {
    fn new(src: R) -> Source<R> {
        Source {
            src,
            eof: false,
            read_bytes: 0,
        }
    }

    /// Appends up to `want` bytes from the source to `buf`.
    fn fill(&mut self, buf: &mut Vec<u8>, want: usize) -> io::Result<()> {
        let before = buf.len();
        (&mut self.src)
            .take(u64::try_from(want).unwrap_or(u64::MAX))
            .read_to_end(buf)?;
        if buf.len() == before {
            self.eof = true;
        }
        self.read_bytes += u64::try_from(buf.len() - before).unwrap_or(0);
        Ok(())
    }
}

/// Reads chunks of whole lines.
pub struct Chunker<R> {
    src: Source<R>,
    /// Bytes read but not yet handed out (a partial line).
    carry: Vec<u8>,
    /// Line number of the first line in `carry`.
    next_line: u64,
    /// Bytes to read per chunk.
    chunk_bytes: usize,
    /// The last piece was cut after a CR that ended what had been read: a LF opening
    /// the next read is its CRLF's second half, not a line of its own.
    after_cr: bool,
    /// Nothing has been handed out yet (a byte-order mark may open the input).
    at_start: bool,
}

impl<R: Read> Chunker<R> {
    /// A chunker reading about `chunk_bytes` at a time.
    pub fn new(src: R, chunk_bytes: usize) -> Chunker<R> {
        Chunker {
            src: Source::new(src),
            carry: Vec::new(),
            next_line: 1,
            chunk_bytes: chunk_bytes.max(1),
            after_cr: false,
            at_start: true,
        }
    }

    /// Bytes read from the source so far.
    pub fn bytes_read(&self) -> u64 {
        self.src.read_bytes
    }

    /// The next piece, or `None` at the end of the input. `buf` is an empty buffer to
    /// fill (a recycled one saves the allocator and the kernel from zeroing fresh pages).
    pub fn next_piece(&mut self, mut buf: Vec<u8>) -> io::Result<Option<Piece>> {
        buf.clear();
        buf.extend_from_slice(&self.carry);
        self.carry.clear();
        loop {
            if !self.src.eof {
                let want = self.chunk_bytes.saturating_sub(buf.len()).max(64 * 1024);
                buf.reserve(want);
                self.src.fill(&mut buf, want)?;
            }
            if self.at_start && (buf.len() >= 3 || self.src.eof) {
                // A byte-order mark (Notepad's UTF-8) is no part of the first line.
                self.at_start = false;
                if buf.starts_with("\u{feff}".as_bytes()) {
                    buf.drain(..3);
                }
            }
            if self.after_cr && !buf.is_empty() {
                self.after_cr = false;
                if buf.first() == Some(&b'\n') {
                    buf.drain(..1);
                }
            }
            // Only the first line can be cut short (every piece ends after a line end),
            // so only it needs checking here; the computing stage checks whole lines.
            let first_end = memchr::memchr2(b'\n', b'\r', &buf);
            if first_end.unwrap_or(buf.len()) > MAX_LINE {
                return match first_end {
                    Some(i) => {
                        let after = end_after(&buf, i);
                        self.after_cr = after == buf.len() && buf.last() == Some(&b'\r');
                        self.carry
                            .extend_from_slice(buf.get(after..).unwrap_or_default());
                        let line = self.next_line;
                        self.next_line += 1;
                        let bytes = u64::try_from(after).unwrap_or(u64::MAX);
                        Ok(Some(Piece::Overlong { line, bytes }))
                    }
                    None => self.skip_line(buf.len()).map(Some),
                };
            }
            if self.src.eof {
                if buf.is_empty() {
                    return Ok(None);
                }
                return Ok(Some(self.lines(buf)));
            }
            // A CR closing what was read may be the first half of a CRLF: it waits for
            // the next read.
            let whole = buf.len() - usize::from(buf.last() == Some(&b'\r'));
            if let Some(last) = memchr::memrchr2(b'\n', b'\r', buf.get(..whole).unwrap_or_default())
            {
                let cut = end_after(&buf, last);
                self.carry
                    .extend_from_slice(buf.get(cut..).unwrap_or_default());
                buf.truncate(cut);
                return Ok(Some(self.lines(buf)));
            }
        }
    }

    fn lines(&mut self, data: Vec<u8>) -> Piece {
        let first_line = self.next_line;
        let count = line_spans(&data).count();
        self.next_line += u64::try_from(count).unwrap_or(u64::MAX);
        Piece::Lines { data, first_line }
    }

    /// Discards the rest of an overlong line, of which `seen` bytes were read.
    fn skip_line(&mut self, seen: usize) -> io::Result<Piece> {
        let line = self.next_line;
        self.next_line += 1;
        let mut bytes = u64::try_from(seen).unwrap_or(u64::MAX);
        let mut buf = Vec::with_capacity(64 * 1024);
        while !self.src.eof {
            buf.clear();
            self.src.fill(&mut buf, 64 * 1024)?;
            if let Some(i) = memchr::memchr2(b'\n', b'\r', &buf) {
                let after = end_after(&buf, i);
                self.after_cr = after == buf.len() && buf.last() == Some(&b'\r');
                bytes += u64::try_from(after).unwrap_or(u64::MAX);
                self.carry = buf.split_off(after);
                break;
            }
            bytes += u64::try_from(buf.len()).unwrap_or(u64::MAX);
        }
        Ok(Piece::Overlong { line, bytes })
    }
}

/// Offset just past the line end found at `at` (a LF, or a CR and the LF after it).
fn end_after(buf: &[u8], at: usize) -> usize {
    if buf.get(at) == Some(&b'\r') && buf.get(at + 1) == Some(&b'\n') {
        at + 2
    } else {
        at + 1
    }
}

/// The lines of a piece of JSON Lines, each without its line end: lines end in LF, CRLF
/// or CR alone; the last may have none.
pub fn line_spans(data: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut start = 0usize;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let rest = data.get(start..).unwrap_or_default();
        match memchr::memchr2(b'\n', b'\r', rest) {
            Some(i) => {
                let line = rest.get(..i).unwrap_or_default();
                start += end_after(rest, i);
                Some(line)
            }
            None => {
                done = true;
                (!rest.is_empty()).then_some(rest)
            }
        }
    })
}

/// Counts lines the way a reader of the file does: LF, CRLF and a CR alone each end one.
#[derive(Debug, Clone, Copy)]
struct LineCount {
    /// The line of the next byte.
    line: u64,
    /// Whether the last byte counted was a CR (so that a LF right after it is the same
    /// line end, even across two calls).
    after_cr: bool,
}

impl LineCount {
    /// Counts over `bytes`; returns the line of their first byte that is not a line end
    /// (the line after them all when there is none).
    fn advance(&mut self, bytes: &[u8]) -> u64 {
        let mut content: Option<u64> = None;
        let mut next = 0usize;
        for p in memchr::memchr2_iter(b'\r', b'\n', bytes) {
            if p > next {
                self.after_cr = false;
                content.get_or_insert(self.line);
            }
            if bytes.get(p) == Some(&b'\n') {
                if !self.after_cr {
                    self.line += 1;
                }
                self.after_cr = false;
            } else {
                self.line += 1;
                self.after_cr = true;
            }
            next = p + 1;
        }
        if bytes.len() > next {
            self.after_cr = false;
            content.get_or_insert(self.line);
        }
        content.unwrap_or(self.line)
    }
}

/// Reads chunks of whole CSV records.
pub struct Records<R> {
    src: Source<R>,
    /// Bytes read but not yet handed out: the start of a record not yet complete.
    carry: Vec<u8>,
    /// How many bytes of `carry` the parser has already read.
    fed: usize,
    /// The parser that decides where records end; it keeps its state across chunks.
    parser: csv_core::Reader,
    /// Scratch for the fields, which this stage does not keep (the workers parse the
    /// record again into their own buffers).
    out: Vec<u8>,
    ends: Vec<usize>,
    lines: LineCount,
    chunk_bytes: usize,
    /// The parser said the input has ended.
    done: bool,
    /// No record has been found yet (a byte-order mark may open the input).
    at_start: bool,
}

/// What one parser call found.
enum Found {
    /// A record ends after the bytes read.
    Record,
    /// Every byte given was read without ending a record.
    NeedInput,
    /// The input has ended (only when given no bytes).
    End,
}

impl<R: Read> Records<R> {
    /// A record reader reading about `chunk_bytes` at a time.
    pub fn new(src: R, chunk_bytes: usize) -> Records<R> {
        Records {
            src: Source::new(src),
            carry: Vec::new(),
            fed: 0,
            parser: csv_core::Reader::new(),
            out: vec![0; 64 * 1024],
            ends: vec![0; 1024],
            lines: LineCount {
                line: 1,
                after_cr: false,
            },
            chunk_bytes: chunk_bytes.max(1),
            done: false,
            at_start: true,
        }
    }

    /// Counts the lines of a record's bytes; returns the line it starts on.
    fn count_lines(&mut self, bytes: &[u8]) -> u64 {
        let bytes = match std::mem::take(&mut self.at_start) {
            true => bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes),
            false => bytes,
        };
        self.lines.advance(bytes)
    }

    /// Bytes read from the source so far.
    pub fn bytes_read(&self) -> u64 {
        self.src.read_bytes
    }

    /// Feeds `input` to the parser until it ends a record or wants more; returns what it
    /// found and how many bytes it read.
    fn parse(&mut self, input: &[u8]) -> (Found, usize) {
        let mut nin = 0usize;
        loop {
            let rest = input.get(nin..).unwrap_or_default();
            let (res, n, _, _) = self.parser.read_record(rest, &mut self.out, &mut self.ends);
            nin += n;
            match res {
                // The fields are not kept here: the same scratch again.
                csv_core::ReadRecordResult::OutputFull
                | csv_core::ReadRecordResult::OutputEndsFull => {}
                csv_core::ReadRecordResult::Record => return (Found::Record, nin),
                csv_core::ReadRecordResult::InputEmpty => return (Found::NeedInput, nin),
                csv_core::ReadRecordResult::End => return (Found::End, nin),
            }
        }
    }

    /// The first record that is not blank (the CSV header) as its bytes, with its line
    /// number; `None` for an input without one. Its bytes may hold a byte-order mark and
    /// its record end, which [`super::row::FieldReader`] reads past.
    pub fn header(&mut self) -> io::Result<Option<(u64, Vec<u8>)>> {
        loop {
            match self.take(Vec::new(), 1)? {
                None => return Ok(None),
                Some(Piece::Records { data, records }) => {
                    let Some(rec) = records.first() else {
                        continue;
                    };
                    let raw = data.get(..rec.end).unwrap_or_default();
                    let body = raw.strip_prefix("\u{feff}".as_bytes()).unwrap_or(raw);
                    if body.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Ok(Some((rec.line, raw.to_vec())));
                }
                Some(_) => {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        "the header record is longer than 1 MiB",
                    ))
                }
            }
        }
    }

    /// The next piece of whole records, or `None` at the end of the input. `buf` is an
    /// empty buffer to fill (recycled buffers spare the allocator and the kernel).
    pub fn next_piece(&mut self, buf: Vec<u8>) -> io::Result<Option<Piece>> {
        self.take(buf, usize::MAX)
    }

    /// Up to `most` records (a chunk's worth at most).
    fn take(&mut self, mut buf: Vec<u8>, most: usize) -> io::Result<Option<Piece>> {
        buf.clear();
        buf.extend_from_slice(&self.carry);
        self.carry.clear();
        let mut records = Vec::new();
        // Where the record being read starts, and how far the parser has read.
        let mut start = 0usize;
        let mut pos = self.fed;
        while !self.done {
            if pos == buf.len() && !self.src.eof {
                if !records.is_empty() && buf.len() >= self.chunk_bytes {
                    break;
                }
                if buf.len() - start > MAX_LINE {
                    if records.is_empty() {
                        return self.skip_record(&buf, start, pos).map(Some);
                    }
                    // Hand out the records before it first.
                    break;
                }
                let want = self.chunk_bytes.saturating_sub(buf.len()).max(64 * 1024);
                buf.reserve(want);
                self.src.fill(&mut buf, want)?;
                continue;
            }
            let (found, n) = self.parse(buf.get(pos..).unwrap_or_default());
            pos += n;
            match found {
                Found::Record => {
                    let line = self.count_lines(buf.get(start..pos).unwrap_or_default());
                    records.push(Rec { end: pos, line });
                    start = pos;
                    if records.len() >= most {
                        break;
                    }
                }
                // At the end of the input the parser is given no bytes next: it then
                // ends the last record or says the input has ended (and should it ask
                // for more after that, the input has ended all the same).
                Found::NeedInput => self.done = self.src.eof && n == 0 && pos == buf.len(),
                Found::End => self.done = true,
            }
        }
        self.carry
            .extend_from_slice(buf.get(start..).unwrap_or_default());
        self.fed = pos - start;
        buf.truncate(start);
        if records.is_empty() {
            return Ok(None);
        }
        Ok(Some(Piece::Records { data: buf, records }))
    }

    /// Discards a record longer than [`MAX_LINE`] (`buf[start..]`, of which the parser
    /// has read up to `pos`) up to its end, counting its lines, and reports it.
    fn skip_record(&mut self, buf: &[u8], start: usize, pos: usize) -> io::Result<Piece> {
        let line = self.count_lines(buf.get(start..pos).unwrap_or_default());
        let mut bytes = u64::try_from(pos - start).unwrap_or(u64::MAX);
        let mut chunk = Vec::with_capacity(64 * 1024);
        loop {
            chunk.clear();
            if !self.src.eof {
                self.src.fill(&mut chunk, 64 * 1024)?;
            }
            let (found, n) = self.parse(&chunk);
            self.lines.advance(chunk.get(..n).unwrap_or_default());
            bytes += u64::try_from(n).unwrap_or(u64::MAX);
            match found {
                Found::Record => {
                    self.carry = chunk.get(n..).unwrap_or_default().to_vec();
                    self.fed = 0;
                    break;
                }
                Found::End => {
                    self.done = true;
                    break;
                }
                Found::NeedInput if self.src.eof && n == 0 => {
                    self.done = true;
                    break;
                }
                Found::NeedInput => {}
            }
        }
        Ok(Piece::Overlong { line, bytes })
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )]
    use super::*;

    /// JSON Lines: every piece of lines, in order.
    fn line_pieces(input: &[u8], chunk: usize) -> Vec<Piece> {
        let mut c = Chunker::new(input, chunk);
        let mut out = Vec::new();
        while let Some(p) = c.next_piece(Vec::new()).unwrap() {
            out.push(p);
        }
        out
    }

    /// CSV: the header, then every record as (line, bytes) and every overlong record
    /// as (line, byte count).
    type Read = (Option<(u64, Vec<u8>)>, Vec<(u64, Vec<u8>)>, Vec<(u64, u64)>);

    fn records(input: &[u8], chunk: usize) -> Read {
        let mut r = Records::new(input, chunk);
        let header = r.header().unwrap();
        let (mut recs, mut long) = (Vec::new(), Vec::new());
        while let Some(p) = r.next_piece(Vec::new()).unwrap() {
            match p {
                Piece::Records { data, records } => {
                    let mut start = 0;
                    for rec in records {
                        recs.push((rec.line, data[start..rec.end].to_vec()));
                        start = rec.end;
                    }
                    assert_eq!(start, data.len(), "a piece is whole records");
                }
                Piece::Overlong { line, bytes } => long.push((line, bytes)),
                Piece::Lines { .. } => panic!("lines from the CSV reader"),
            }
        }
        assert_eq!(r.bytes_read(), input.len() as u64);
        (header, recs, long)
    }

    fn texts(recs: &[(u64, Vec<u8>)]) -> Vec<(u64, String)> {
        recs.iter()
            .map(|(l, b)| (*l, String::from_utf8(b.clone()).unwrap()))
            .collect()
    }

    #[test]
    fn header_skips_bom_and_blank_lines() {
        let (h, rest, _) = records(b"\xef\xbb\xbf\r\n\nid,paid_on\r\n1,2\n", 4);
        let (line, raw) = h.unwrap();
        assert_eq!(line, 3);
        assert!(raw.ends_with(b"id,paid_on\r"), "{raw:?}");
        assert_eq!(texts(&rest), [(4, "\n1,2\n".to_string())]);
        assert_eq!(records(b"\n\n", 4).0, None);
        assert_eq!(records(b"", 4).0, None);
        assert_eq!(records(b"h", 4).0, Some((1, b"h".to_vec())));
        // A whitespace-only line is not a header.
        assert_eq!(records(b"  \nh\n", 4).0.map(|h| h.0), Some(2));
    }

    #[test]
    fn records_end_with_lf_crlf_or_cr_alone() {
        for (input, ending) in [
            (&b"h\na\nbb\n\nccc\nd"[..], "\n"),
            (b"h\r\na\r\nbb\r\n\r\nccc\r\nd", "\r\n"),
            (b"h\ra\rbb\r\rccc\rd", "\r"),
        ] {
            for chunk in [1, 3, 64 * 1024] {
                let (h, recs, long) = records(input, chunk);
                assert_eq!(h.unwrap().0, 1);
                assert!(long.is_empty());
                let got: Vec<(u64, String)> = texts(&recs)
                    .into_iter()
                    .map(|(l, t)| (l, t.trim_matches(['\r', '\n']).to_string()))
                    .collect();
                assert_eq!(
                    got,
                    [
                        (2, "a".to_string()),
                        (3, "bb".to_string()),
                        (5, "ccc".to_string()),
                        (6, "d".to_string())
                    ],
                    "{ending:?} in chunks of {chunk}"
                );
            }
        }
    }

    #[test]
    fn a_quoted_line_end_stays_in_its_record() {
        let input = b"h,address\r\n1,\"No. 5\r\n110105 19491231 002X\"\r\n2,\"a\nb\rc\"\n3,x\n";
        for chunk in [1, 7, 64 * 1024] {
            let (_, recs, _) = records(input, chunk);
            // A CRLF record ends at its CR; the LF opens the next record's bytes.
            let got: Vec<(u64, String)> = texts(&recs)
                .into_iter()
                .map(|(l, t)| (l, t.trim_matches(['\r', '\n']).to_string()))
                .collect();
            assert_eq!(
                got,
                [
                    (2, "1,\"No. 5\r\n110105 19491231 002X\"".to_string()),
                    (4, "2,\"a\nb\rc\"".to_string()),
                    (7, "3,x".to_string()),
                ],
                "chunks of {chunk}"
            );
        }
    }

    #[test]
    fn an_open_quote_runs_to_the_end_within_the_limit_and_is_cut_beyond_it() {
        // Within the limit: one record to the end (the row reader reports it).
        let (_, recs, long) = records(b"h\n1,\"open\n2,x\n3,y\n", 4);
        assert_eq!(texts(&recs), [(2, "1,\"open\n2,x\n3,y\n".to_string())]);
        assert!(long.is_empty());
        // Beyond it: reported as one overlong record, in bounded memory, lines counted.
        let mut input = b"h\nok,1\n1,\"open\n".to_vec();
        let lines = 2 * MAX_LINE / 8;
        for _ in 0..lines {
            input.extend_from_slice(b"2,xyzw\n");
        }
        input.extend_from_slice(b"\"\nafter,1\n");
        let (_, recs, long) = records(&input, 64 * 1024);
        assert_eq!(texts(&recs)[0], (2, "ok,1\n".to_string()));
        assert_eq!(long.len(), 1);
        assert_eq!(long[0].0, 3);
        assert_eq!(
            texts(&recs)[1],
            (4 + lines as u64 + 1, "after,1\n".to_string())
        );
        assert_eq!(recs.len(), 2);
    }

    #[test]
    fn jsonl_chunks_hold_whole_lines_and_count_them() {
        let input = b"a\nbb\nccc\nd";
        let ps = line_pieces(input, 1);
        let mut seen = Vec::new();
        for p in ps {
            let Piece::Lines { data, first_line } = p else {
                panic!("overlong")
            };
            for (i, l) in data
                .split(|b| *b == b'\n')
                .filter(|l| !l.is_empty())
                .enumerate()
            {
                seen.push((
                    first_line + i as u64,
                    String::from_utf8(l.to_vec()).unwrap(),
                ));
            }
        }
        assert_eq!(
            seen,
            vec![
                (1, "a".to_string()),
                (2, "bb".to_string()),
                (3, "ccc".to_string()),
                (4, "d".to_string())
            ]
        );
    }

    /// JSON Lines as the workers see them: each non-blank line with its number.
    fn numbered_lines(input: &[u8], chunk: usize) -> Vec<(u64, String)> {
        let mut seen = Vec::new();
        for p in line_pieces(input, chunk) {
            match p {
                Piece::Lines { data, first_line } => {
                    for (n, l) in (first_line..).zip(line_spans(&data)) {
                        if !l.is_empty() {
                            seen.push((n, String::from_utf8(l.to_vec()).unwrap()));
                        }
                    }
                }
                Piece::Overlong { line, .. } => seen.push((line, "<overlong>".to_string())),
                Piece::Records { .. } => panic!("records from the line reader"),
            }
        }
        seen
    }

    #[test]
    fn jsonl_lines_end_in_lf_crlf_or_cr_alone() {
        let want: Vec<(u64, String)> = (1..=5).map(|i| (i, format!("{{\"n\":{i}}}"))).collect();
        for end in ["\n", "\r\n", "\r"] {
            let text: String = want.iter().map(|(_, l)| format!("{l}{end}")).collect();
            assert_eq!(numbered_lines(text.as_bytes(), 1), want, "{end:?}");
            let unterminated = text.strip_suffix(end).unwrap();
            assert_eq!(numbered_lines(unterminated.as_bytes(), 1), want, "{end:?}");
        }
        // A byte-order mark opens the file, not its first line.
        assert_eq!(
            numbered_lines("\u{feff}a\rb".as_bytes(), 1),
            [(1, "a".to_string()), (2, "b".to_string())]
        );
        // Mixed, with blank lines of each kind.
        let mixed = b"a\r\rb\r\n\r\nc\n\nd";
        assert_eq!(
            numbered_lines(mixed, 1),
            [(1, "a"), (3, "b"), (5, "c"), (7, "d")].map(|(n, l)| (n, l.to_string()))
        );
    }

    #[test]
    fn a_crlf_split_between_two_reads_is_one_line_end() {
        // Reads come in 64 KiB: the CR is the last byte of the first, the LF the first of
        // the next.
        let read = 64 * 1024;
        let mut input = vec![b'x'; read - 1];
        input.extend_from_slice(b"\r\nsecond\r\nthird");
        let got = numbered_lines(&input, 1);
        assert_eq!(got.len(), 3);
        assert_eq!((got[1].0, got[2].0), (2, 3));
        assert_eq!(got[2].1, "third");
        // The same after an overlong line whose CR ends a read.
        let mut input = vec![b'x'; MAX_LINE + read - 1];
        input.extend_from_slice(b"\r\nsecond\rthird\r\n");
        assert_eq!(
            numbered_lines(&input, 1),
            [(1, "<overlong>"), (2, "second"), (3, "third")].map(|(n, l)| (n, l.to_string()))
        );
    }

    #[test]
    fn overlong_lines_are_skipped() {
        let mut input = b"short\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', MAX_LINE + 10));
        input.extend_from_slice(b"\nafter\n");
        let ps = line_pieces(&input, 4096);
        let mut lines = Vec::new();
        for p in ps {
            match p {
                Piece::Lines { data, first_line } => lines.push((first_line, data)),
                Piece::Overlong { line, bytes } => {
                    assert_eq!(line, 2);
                    assert_eq!(bytes, (MAX_LINE + 11) as u64);
                }
                Piece::Records { .. } => panic!("records from the line reader"),
            }
        }
        // Compared by length first: a failure must not print a megabyte.
        assert_eq!(lines.iter().map(|l| l.1.len()).collect::<Vec<_>>(), [6, 6]);
        assert_eq!(
            lines,
            vec![(1, b"short\n".to_vec()), (3, b"after\n".to_vec())]
        );
        // The same through the CSV reader (long enough that it must skip it).
        let mut csv = b"h\nshort\n".to_vec();
        csv.extend(std::iter::repeat_n(b'x', 3 * MAX_LINE));
        csv.extend_from_slice(b"\nafter\n");
        let (_, recs, long) = records(&csv, 4096);
        assert_eq!(long, [(3, (3 * MAX_LINE + 1) as u64)]);
        assert_eq!(
            texts(&recs),
            [(2, "short\n".to_string()), (4, "after\n".to_string())]
        );
    }
}
