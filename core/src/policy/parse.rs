//! Reading a policy file: TOML syntax and keys first, then the meaning (`validate`).
//!
//! # Design
//! The text is read in two steps: TOML into a `toml::Table` (syntax errors carry their
//! position), then the table into the policy's types through one deserializer, the
//! table's own, whose errors name the keys they sit under (`in tiers.to`). Only when a
//! file is wrong is its text read a third time, into toml's spanned tree, to turn those
//! keys into a line and column: the unknown key itself, or among the values at those keys
//! (every element of an array of tables) the one the message quotes.
//!
//! Why not `toml::from_str::<Policy>` directly, which keeps positions itself: serde
//! instantiates every policy type once per deserializer it can arrive through, and toml's
//! own has three (document, table, value). In the npm package that was over 35 KB of the
//! 256 000-byte gzipped budget (issue #4); one family costs a sixth.

use super::Policy;
use crate::error::{Error, ErrorCode};
use crate::message::{DocKind, Message, TomlDetail};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// Reads and validates a policy file. `file` names it in error messages.
///
/// ```
/// let text = yibao::policy::builtin_text("140400-2024.toml").unwrap();
/// let p = yibao::policy::parse_policy("builtin", text).unwrap();
/// assert_eq!(p.id, "140400-2024");
///
/// let err = yibao::policy::parse_policy("mine.toml", "id = 1\n").unwrap_err();
/// assert_eq!(err.code().as_str(), "policy_syntax");
/// assert!(err.message().starts_with("mine.toml:1:6:"), "{}", err.message());
/// ```
pub fn parse_policy(file: &str, text: &str) -> Result<Policy, Error> {
    let mut policy: Policy = read_toml(file, text, DocKind::Policy)?;
    super::validate::resolve(file, &mut policy)?;
    super::validate::validate(file, &policy)?;
    Ok(policy)
}

/// Reads a TOML file of the project's (a policy file or a case file) into `T`: syntax,
/// keys and types, each error at its line and column. `file` names it in messages.
pub fn read_toml<T: serde::de::DeserializeOwned>(
    file: &str,
    text: &str,
    kind: DocKind,
) -> Result<T, Error> {
    if text.len() > MAX_FILE_BYTES {
        return Err(Error::new(
            ErrorCode::PolicySyntax,
            Message::PolicyTooLarge {
                file: file.to_string(),
                bytes: text.len(),
                max: MAX_FILE_BYTES,
            },
        ));
    }
    let syntax = |message: String, offset: Option<usize>| {
        let (line, column) = offset.map(|o| line_column(text, o)).unwrap_or((1, 1));
        Error::new(
            ErrorCode::PolicySyntax,
            Message::PolicySyntax {
                file: file.to_string(),
                line,
                column,
                detail: TomlDetail {
                    text: message,
                    kind,
                },
            },
        )
    };
    if let Some(offset) = too_deep(text) {
        return Err(syntax(
            format!("arrays and inline tables nested more than {MAX_NESTING} levels deep"),
            Some(offset),
        ));
    }
    // One parse: toml's spanned document tree, read by `lean` into the types, so that
    // every error has the span of the key or value it is about.
    let root = DeTable::parse(text)
        .map_err(|e| syntax(e.message().trim().to_string(), e.span().map(|s| s.start)))?;
    // Dates are quoted strings: a TOML date literal would otherwise be read as its text,
    // and a file would mean different things to other TOML readers.
    if let Some(offset) = first_datetime(root.get_ref()) {
        return Err(syntax(
            "invalid type: a TOML date literal, expected a date as a quoted string \"YYYY-MM-DD\""
                .into(),
            Some(offset),
        ));
    }
    super::lean::from_table(root.get_ref())
        .map_err(|e| syntax(e.message.trim().to_string(), e.span.map(|s| s.start)))
}

fn first_datetime(table: &DeTable<'_>) -> Option<usize> {
    fn value(v: &Spanned<DeValue<'_>>) -> Option<usize> {
        match v.get_ref() {
            DeValue::Datetime(_) => Some(v.span().start),
            DeValue::Array(a) => a.iter().find_map(value),
            DeValue::Table(t) => first_datetime(t),
            _ => None,
        }
    }
    table.values().find_map(value)
}

/// How deep arrays and inline tables may nest in a policy file (the seed files nest 2).
/// toml's parser recurses once per level with frames of a kilobyte or more, so a few
/// dozen levels overflow a 64 KiB thread stack before toml's own limit (about 80) is
/// met: a bank's thread with a small stack must get an error, never a crash.
pub const MAX_NESTING: usize = 8;

/// The largest policy or case file read, in bytes (the largest built-in is under 40 KiB):
/// with [`MAX_RULES`] and the request limits, it bounds every answer.
pub const MAX_FILE_BYTES: usize = 256 * 1024;

/// The most entries of any one table of a policy file (`[[tiers]]`, `[[aid]]`, …).
pub const MAX_RULES: usize = 1000;

/// The byte offset of the first `[` or `{` nested deeper than [`MAX_NESTING`], outside
/// strings and comments; a scan without recursion, before toml parses.
pub(crate) fn too_deep(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let at = |i: usize| b.get(i).copied();
    let starts = |i: usize, pat: &[u8]| b.get(i..).is_some_and(|s| s.starts_with(pat));
    let find = |i: usize, pat: &[u8]| {
        b.get(i..)
            .and_then(|s| s.windows(pat.len()).position(|w| w == pat))
            .map(|p| p + i)
    };
    let mut i = 0;
    let mut depth = 0usize;
    while let Some(c) = at(i) {
        match c {
            b'#' => {
                i = find(i, b"\n").unwrap_or(b.len());
                continue;
            }
            b'"' if starts(i, b"\"\"\"") => {
                i += 3;
                loop {
                    match at(i) {
                        None => return None,
                        Some(b'\\') => i += 2,
                        Some(b'"') if starts(i, b"\"\"\"") => {
                            // Up to two more quotes belong to the string.
                            i += 3;
                            while at(i) == Some(b'"') {
                                i += 1;
                            }
                            break;
                        }
                        Some(_) => i += 1,
                    }
                }
                continue;
            }
            b'\'' if starts(i, b"'''") => {
                i = find(i + 3, b"'''")? + 3;
                while at(i) == Some(b'\'') {
                    i += 1;
                }
                continue;
            }
            b'"' => {
                i += 1;
                loop {
                    match at(i) {
                        None | Some(b'\n') => break,
                        Some(b'\\') => i += 2,
                        Some(b'"') => {
                            i += 1;
                            break;
                        }
                        Some(_) => i += 1,
                    }
                }
                continue;
            }
            b'\'' => {
                i = find(i + 1, b"'").map_or(b.len(), |j| j + 1);
                continue;
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut line = 1;
    let mut column = 1;
    for (i, ch) in text.char_indices() {
        if i >= offset {
            break;
        }
        if ch == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    (line, column)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn line_column_counts_characters() {
        let t = "a = 1\n名称 = 2\n";
        assert_eq!(line_column(t, 0), (1, 1));
        assert_eq!(line_column(t, 6), (2, 1));
        // "名称 " is 3 characters but 7 bytes.
        assert_eq!(line_column(t, 6 + 7), (2, 4));
    }

    fn error_at(text: &str) -> (usize, usize, String) {
        match parse_policy("t.toml", text).unwrap_err().what() {
            Message::PolicySyntax {
                line,
                column,
                detail,
                ..
            } => (*line, *column, detail.text.clone()),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_misplaced_key_and_a_bad_value_are_found_where_they_are() {
        let text = crate::policy::builtin_text("140400-2024.toml").unwrap();
        // The late tier of 长治 (the second [[tiers]]) with a misspelt key.
        let misspelt = text.replacen(
            "payer = \"personal_and_fiscal\"",
            "payerx = \"personal_and_fiscal\"",
            1,
        );
        let line = misspelt
            .lines()
            .position(|l| l.starts_with("payerx"))
            .unwrap()
            + 1;
        let (l, c, m) = error_at(&misspelt);
        assert_eq!((l, c), (line, 1), "{m}");
        assert!(m.starts_with("unknown field `payerx`"), "{m}");
        // A date that is no date, inside a table of an array of tables.
        let bad = text.replacen("to = \"2023-12-25\"", "to = \"2023-12-32\"", 1);
        let line = bad
            .lines()
            .position(|l| l == "to = \"2023-12-32\"")
            .unwrap()
            + 1;
        let (l, c, _) = error_at(&bad);
        assert_eq!((l, c), (line, 6));
        // A syntax error.
        let (l, c, _) = error_at("id = \n");
        assert_eq!((l, c), (1, 6));
    }
}
