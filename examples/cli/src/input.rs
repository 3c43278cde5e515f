//! What the CLI brings that the core must not have: stdin, files and the clock.
//!
//! # Design
//! The core is pure (design.md: no I/O, no clock). Everything that touches the outside
//! world lives here, and turns its failures into the core's own [`yibao::Error`]s so that
//! they print as the same `{"error": ...}` JSON as any other failure.

use chrono::NaiveDate;
use std::io::{IsTerminal, Read};
use std::path::Path;
use yibao::message::Message;
use yibao::{Engine, Error, ErrorCode, Lang};

/// Today's date on the local clock: residents and bank counters think in local dates.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Reads the whole request from stdin as UTF-8.
///
/// `policies` needs no request: with a terminal on stdin it does not wait for one (a
/// person typing `yibao policies` expects an answer, not a prompt), and an unreadable
/// stdin counts as empty.
pub fn read_request(op: &str, lang: Lang) -> Result<String, Error> {
    let mut stdin = std::io::stdin();
    let needs_request = op != "policies";
    if stdin.is_terminal() {
        if !needs_request {
            return Ok(String::new());
        }
        match lang {
            Lang::Zh => eprintln!("yibao: 从标准输入读取 {op} 的请求 JSON（以 Ctrl-D 结束）"),
            Lang::En => {
                eprintln!("yibao: reading the {op} request JSON from stdin (end with Ctrl-D)")
            }
        }
    }
    let mut bytes = Vec::new();
    if let Err(e) = stdin.read_to_end(&mut bytes) {
        if !needs_request {
            return Ok(String::new());
        }
        let _ = e;
        return Err(Error::new(
            ErrorCode::InvalidJson,
            Message::RequestUnreadable {},
        ));
    }
    decode(bytes)
}

/// UTF-8 text from bytes, as they are: a leading byte-order mark (Windows editors and
/// PowerShell pipes add one) is the core's to drop, once, as in every binding; the CLI's
/// own edits of the text look past it (`split_bom`).
pub fn decode(bytes: Vec<u8>) -> Result<String, Error> {
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::new(
            ErrorCode::InvalidJson,
            Message::InvalidUtf8 {
                offset: e.utf8_error().valid_up_to(),
            },
        )
    })?;
    Ok(text)
}

/// A leading byte-order mark and the text after it.
fn split_bom(text: &str) -> (&str, &str) {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    }
}

/// Adds `"today"` (the local date) to an `id` request that has none, so that birth
/// dates in the future are refused. Anything that is not a JSON object is passed on
/// untouched: the core then reports it with its own error code.
pub fn fill_today(request: &str, today: NaiveDate) -> String {
    with_key(
        request,
        "today",
        &format!("\"{}\"", today.format("%Y-%m-%d")),
    )
}

/// Writes `"key": value` into the request's own text when it is a JSON object without
/// `key`; anything else is passed on as it is, for the core to report. The text is not
/// re-serialised, so the core sees what every other binding sees (a key given twice, say).
fn with_key(text: &str, key: &str, value: &str) -> String {
    if text.len() > yibao::json::MAX_REQUEST_BYTES {
        return text.to_string();
    }
    let (bom, request) = split_bom(text);
    let Ok(serde_json::Value::Object(object)) = serde_json::from_str(request) else {
        return text.to_string();
    };
    if object.contains_key(key) {
        return text.to_string();
    }
    let sep = if object.is_empty() { "" } else { "," };
    // A JSON object's text starts with its `{` (after white space).
    match request.split_once('{') {
        Some((before, after)) => format!("{bom}{before}{{\"{key}\":{value}{sep}{after}"),
        None => text.to_string(),
    }
}

/// Adds `"lang"` (the `--lang` of the command line) to a request that has none: the
/// request's own language, when it names one, decides, as in every binding. An empty
/// request (`policies` needs none) becomes `{"lang": ...}`; anything else that is not a
/// JSON object is passed on untouched, for the core to report.
///
/// The key is written into the request's own text, which is otherwise left as it is
/// (a re-serialised request would lose what the core reports on, a key given twice).
pub fn fill_lang(request: &str, lang: Lang) -> String {
    let t = split_bom(request).1.trim();
    let only = format!("{{\"lang\":\"{}\"}}", lang.as_str());
    if t.is_empty() || t == "null" {
        return only;
    }
    with_key(request, "lang", &format!("\"{}\"", lang.as_str()))
}

/// The language to report an error of `request` in: the request's own `"lang"` when it
/// is an object that names one, else `fallback` (the command line's `--lang`).
pub fn lang_of(request: &str, fallback: Lang) -> Lang {
    if request.len() > yibao::json::MAX_REQUEST_BYTES {
        return fallback;
    }
    serde_json::from_str::<serde_json::Value>(split_bom(request).1)
        .ok()
        .and_then(|v| v.get("lang")?.as_str().and_then(Lang::parse))
        .unwrap_or(fallback)
}

/// Loads the `--policy-file`s into the engine, in order.
pub fn load_policy_files(engine: &mut Engine, paths: &[impl AsRef<Path>]) -> Result<(), Error> {
    for path in paths {
        let path = path.as_ref();
        let text = read_text_file(path)?;
        engine.load_policy(&path.display().to_string(), &text)?;
    }
    Ok(())
}

/// The text of a policy or case file: `policy_unreadable` when it cannot be read,
/// `PolicyNotUtf8` (with where) when it is not UTF-8.
pub fn read_text_file(path: &Path) -> Result<String, Error> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|_| {
        Error::new(
            ErrorCode::PolicySyntax,
            Message::PolicyUnreadable { file: name.clone() },
        )
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.as_bytes().get(..e.utf8_error().valid_up_to());
        let (line, column) = valid
            .and_then(|v| std::str::from_utf8(v).ok())
            .map(end_position)
            .unwrap_or((1, 1));
        Error::new(
            ErrorCode::PolicySyntax,
            Message::PolicyNotUtf8 {
                file: name,
                line,
                column,
            },
        )
    })
}

/// 1-based line and column (in characters) just after `text`: where the next byte sits.
fn end_position(text: &str) -> (usize, usize) {
    let line = text.matches('\n').count() + 1;
    let last_line = text.rsplit('\n').next().unwrap_or(text);
    (line, last_line.chars().count() + 1)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn decode_rejects_invalid_utf8_and_keeps_the_bom_for_the_core() {
        let e = decode(vec![b'{', 0xff, b'}']).unwrap_err();
        assert_eq!(e.code().as_str(), "invalid_json");
        assert!(e.text(yibao::Lang::En).contains("byte offset 1"), "{e}");
        assert!(e.to_string().contains("第1字节起"), "{e}");
        // The BOM stays for the core to drop once, as every binding does (a second one is
        // the request's: fuzz target cli_json); the CLI's edits look past it.
        assert_eq!(
            decode("\u{feff}{}".as_bytes().to_vec()).unwrap(),
            "\u{feff}{}"
        );
        let bom = "\u{feff}{\"id_number\":\"x\"}";
        let d = NaiveDate::from_ymd_opt(2024, 5, 6).unwrap();
        assert_eq!(
            fill_today(bom, d),
            "\u{feff}{\"today\":\"2024-05-06\",\"id_number\":\"x\"}"
        );
        assert_eq!(
            fill_lang("\u{feff}{}", Lang::En),
            "\u{feff}{\"lang\":\"en\"}"
        );
        assert_eq!(lang_of("\u{feff}{\"lang\":\"en\"}", Lang::Zh), Lang::En);
    }

    #[test]
    fn today_is_added_only_when_absent() {
        let d = NaiveDate::from_ymd_opt(2024, 5, 6).unwrap();
        let filled = fill_today(r#"{"id_number":"x"}"#, d);
        let v: serde_json::Value = serde_json::from_str(&filled).unwrap();
        assert_eq!(v["today"], "2024-05-06");
        assert_eq!(v["id_number"], "x");
        let kept = r#"{"id_number":"x","today":"2020-01-01"}"#;
        assert_eq!(fill_today(kept, d), kept);
        assert_eq!(fill_today("[1]", d), "[1]");
        assert_eq!(fill_today("{oops", d), "{oops");
    }

    #[test]
    fn lang_is_added_only_when_absent() {
        let filled = fill_lang(r#"{"policy":"140400-2024"}"#, Lang::En);
        let v: serde_json::Value = serde_json::from_str(&filled).unwrap();
        assert_eq!(v["lang"], "en");
        assert_eq!(v["policy"], "140400-2024");
        let kept = r#"{"policy":"x","lang":"zh"}"#;
        assert_eq!(fill_lang(kept, Lang::En), kept);
        assert_eq!(fill_lang("", Lang::En), r#"{"lang":"en"}"#);
        assert_eq!(fill_lang(" null ", Lang::Zh), r#"{"lang":"zh"}"#);
        assert_eq!(fill_lang(" {} ", Lang::En), r#" {"lang":"en"} "#);
        // `today` is written into the text the same way: a key given twice stays for the
        // core to refuse, as C and npm do.
        let d = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(
            fill_today(r#"{"id_number":"1","id_number":"2"}"#, d),
            r#"{"today":"2026-12-01","id_number":"1","id_number":"2"}"#
        );
        assert_eq!(
            fill_today(r#"{"today":"2020-01-01"}"#, d),
            r#"{"today":"2020-01-01"}"#
        );
        assert_eq!(
            fill_lang("\n { \"policy\": \"x\", \"policy\": \"y\" }", Lang::En),
            "\n {\"lang\":\"en\", \"policy\": \"x\", \"policy\": \"y\" }"
        );
        assert_eq!(fill_lang("[1]", Lang::En), "[1]");
        assert_eq!(fill_lang("{oops", Lang::En), "{oops");
        assert_eq!(lang_of(r#"{"lang":"en"}"#, Lang::Zh), Lang::En);
        assert_eq!(lang_of(r#"{"lang":"zh"}"#, Lang::En), Lang::Zh);
        assert_eq!(lang_of("{oops", Lang::En), Lang::En);
        assert_eq!(lang_of(r#"{"lang":"fr"}"#, Lang::En), Lang::En);
    }

    #[test]
    fn end_position_counts_characters() {
        assert_eq!(end_position(""), (1, 1));
        assert_eq!(end_position("ab\n名称"), (2, 3));
    }
}
