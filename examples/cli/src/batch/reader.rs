//! The input, cut into chunks of whole lines.
//!
//! # Design
//! Memory must not grow with the file, so the input is read a chunk at a time (a few
//! MiB, some 64 000 rows) and cut after its last newline; the partial line is carried
//! into the next chunk. A line longer than [`MAX_LINE`] never fits in memory on its own
//! terms: it is skipped up to its newline and reported as an error row, so even a file
//! without a single newline is read in bounded memory.

use std::io::{self, Read};

/// The longest line read; longer lines are reported, not read.
pub const MAX_LINE: usize = 1 << 20;

/// A piece of the input, in file order.
#[derive(Debug)]
pub enum Piece {
    /// Whole lines, the first of which is line `first_line` (1-based).
    Lines {
        /// The bytes; every line but possibly the file's last ends with `\n`.
        data: Vec<u8>,
        /// Line number of the first line.
        first_line: u64,
    },
    /// A line longer than [`MAX_LINE`], skipped.
    Overlong {
        /// Its line number.
        line: u64,
        /// Its length in bytes (for the progress bar).
        bytes: u64,
    },
}

/// Reads chunks of whole lines.
pub struct Chunker<R> {
    src: R,
    /// Bytes read but not yet handed out (a partial line).
    carry: Vec<u8>,
    /// Line number of the first line in `carry`.
    next_line: u64,
    /// Bytes to read per chunk.
    chunk_bytes: usize,
    eof: bool,
}

impl<R: Read> Chunker<R> {
    /// A chunker reading about `chunk_bytes` at a time.
    pub fn new(src: R, chunk_bytes: usize) -> Chunker<R> {
        Chunker {
            src,
            carry: Vec::new(),
            next_line: 1,
            chunk_bytes: chunk_bytes.max(1),
            eof: false,
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
        Ok(())
    }

    /// The first line that is not blank (the CSV header), without its line end and a
    /// leading byte-order mark, with its line number; `None` for an empty input.
    pub fn header(&mut self) -> io::Result<Option<(u64, Vec<u8>)>> {
        loop {
            let newline = loop {
                if let Some(i) = memchr::memchr(b'\n', &self.carry) {
                    break Some(i);
                }
                if self.eof {
                    break None;
                }
                if self.carry.len() > MAX_LINE {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        "the header line is longer than 1 MiB",
                    ));
                }
                let mut buf = std::mem::take(&mut self.carry);
                self.fill(&mut buf, 64 * 1024)?;
                self.carry = buf;
            };
            let end = newline.unwrap_or(self.carry.len());
            let rest = self.carry.split_off((end + 1).min(self.carry.len()));
            let mut line = std::mem::replace(&mut self.carry, rest);
            line.truncate(end);
            let number = self.next_line;
            self.next_line += 1;
            if let Some(stripped) = line.strip_prefix("\u{feff}".as_bytes()) {
                line = stripped.to_vec();
            }
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            if !line.iter().all(u8::is_ascii_whitespace) {
                return Ok(Some((number, line)));
            }
            if newline.is_none() {
                return Ok(None);
            }
        }
    }

    /// The next piece, or `None` at the end of the input. `buf` is an empty buffer to
    /// fill (a recycled one saves the allocator and the kernel from zeroing fresh pages).
    pub fn next_piece(&mut self, mut buf: Vec<u8>) -> io::Result<Option<Piece>> {
        buf.clear();
        buf.extend_from_slice(&self.carry);
        self.carry.clear();
        loop {
            if !self.eof {
                let want = self.chunk_bytes.saturating_sub(buf.len()).max(64 * 1024);
                buf.reserve(want);
                self.fill(&mut buf, want)?;
            }
            // Only the first line can be cut short (every piece ends after a newline),
            // so only it needs checking here; the computing stage checks whole lines.
            let first_newline = memchr::memchr(b'\n', &buf);
            if first_newline.unwrap_or(buf.len()) > MAX_LINE {
                return match first_newline {
                    Some(i) => {
                        self.carry
                            .extend_from_slice(buf.get(i + 1..).unwrap_or_default());
                        let line = self.next_line;
                        self.next_line += 1;
                        let bytes = u64::try_from(i + 1).unwrap_or(u64::MAX);
                        Ok(Some(Piece::Overlong { line, bytes }))
                    }
                    None => self.skip_line(buf.len()).map(Some),
                };
            }
            if self.eof {
                if buf.is_empty() {
                    return Ok(None);
                }
                return Ok(Some(self.lines(buf)));
            }
            if let Some(last) = memchr::memrchr(b'\n', &buf) {
                self.carry
                    .extend_from_slice(buf.get(last + 1..).unwrap_or_default());
                buf.truncate(last + 1);
                return Ok(Some(self.lines(buf)));
            }
        }
    }

    fn lines(&mut self, data: Vec<u8>) -> Piece {
        let first_line = self.next_line;
        let newlines = memchr::memchr_iter(b'\n', &data).count();
        // The file's last line may have no newline of its own.
        let count = newlines + usize::from(data.last().is_some_and(|b| *b != b'\n'));
        self.next_line += u64::try_from(count).unwrap_or(u64::MAX);
        Piece::Lines { data, first_line }
    }

    /// Discards the rest of an overlong line, of which `seen` bytes were read.
    fn skip_line(&mut self, seen: usize) -> io::Result<Piece> {
        let line = self.next_line;
        self.next_line += 1;
        let mut bytes = u64::try_from(seen).unwrap_or(u64::MAX);
        let mut buf = Vec::with_capacity(64 * 1024);
        while !self.eof {
            buf.clear();
            self.fill(&mut buf, 64 * 1024)?;
            if let Some(i) = memchr::memchr(b'\n', &buf) {
                bytes += u64::try_from(i + 1).unwrap_or(u64::MAX);
                self.carry = buf.split_off(i + 1);
                break;
            }
            bytes += u64::try_from(buf.len()).unwrap_or(u64::MAX);
        }
        Ok(Piece::Overlong { line, bytes })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    fn pieces(input: &[u8], chunk: usize) -> (Option<(u64, Vec<u8>)>, Vec<Piece>) {
        let mut c = Chunker::new(input, chunk);
        let header = c.header().unwrap();
        let mut out = Vec::new();
        while let Some(p) = c.next_piece(Vec::new()).unwrap() {
            out.push(p);
        }
        (header, out)
    }

    #[test]
    fn header_skips_bom_and_blank_lines() {
        let (h, rest) = pieces(b"\xef\xbb\xbf\r\n\nid,paid_on\r\n1,2\n", 4);
        assert_eq!(h, Some((3, b"id,paid_on".to_vec())));
        let Some(Piece::Lines { data, first_line }) = rest.first() else {
            panic!("{rest:?}")
        };
        assert_eq!((data.as_slice(), *first_line), (&b"1,2\n"[..], 4));
        assert_eq!(pieces(b"\n\n", 4).0, None);
        assert_eq!(pieces(b"", 4).0, None);
        assert_eq!(pieces(b"h", 4).0, Some((1, b"h".to_vec())));
    }

    #[test]
    fn chunks_hold_whole_lines_and_count_them() {
        let input = b"h\na\nbb\nccc\nd";
        let (_, ps) = pieces(input, 1);
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
                (2, "a".to_string()),
                (3, "bb".to_string()),
                (4, "ccc".to_string()),
                (5, "d".to_string())
            ]
        );
    }

    #[test]
    fn overlong_lines_are_skipped() {
        let mut input = b"h\nshort\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', MAX_LINE + 10));
        input.extend_from_slice(b"\nafter\n");
        let (_, ps) = pieces(&input, 4096);
        let mut lines = Vec::new();
        for p in ps {
            match p {
                Piece::Lines { data, first_line } => lines.push((first_line, data)),
                Piece::Overlong { line, bytes } => {
                    assert_eq!(line, 3);
                    assert_eq!(bytes, (MAX_LINE + 11) as u64);
                }
            }
        }
        // Compared by length first: a failure must not print a megabyte.
        assert_eq!(lines.iter().map(|l| l.1.len()).collect::<Vec<_>>(), [6, 6]);
        assert_eq!(
            lines,
            vec![(2, b"short\n".to_vec()), (4, b"after\n".to_vec())]
        );
    }
}
