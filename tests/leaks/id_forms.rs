//! ID numbers in every written form, placed in requests, and the oracle that finds one in
//! an answer (issue #13's acceptance property: no answer or message of any binding ever
//! holds a full ID number in any written form).
//!
//! Included with `#[path]` by the leak tests of the core (JSON entry point), the CLI and
//! the C library, so that every binding is asked the same requests and judged by the same
//! oracle. The npm package has its own copy in JavaScript (`bindings-wasm/tests/leaks.test.mjs`).
//! Written from the ID standard and the issue, not from `yibao::id`, so that a bug there
//! shows here.

#![allow(dead_code)]

use proptest::prelude::*;

const PROVINCES: &[u32] = &[
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
    53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
];

/// GB 11643-1999 check character of seventeen ASCII digits.
pub fn check_char(first17: &str) -> char {
    let sum: u32 = first17
        .chars()
        .enumerate()
        .map(|(i, c)| c.to_digit(10).unwrap_or(0) * (2u32.pow(17 - i as u32) % 11))
        .sum();
    ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][(sum % 11) as usize]
}

/// A valid 18-character resident number (births 1900–2019, days 1–28).
pub fn valid_id() -> impl Strategy<Value = String> {
    (
        proptest::sample::select(PROVINCES),
        0u32..10_000,
        1900u32..2020,
        1u32..=12,
        1u32..=28,
        0u32..1000,
    )
        .prop_map(|(p, county, y, m, d, seq)| {
            let first17 = format!("{p:02}{county:04}{y:04}{m:02}{d:02}{seq:03}");
            format!("{first17}{}", check_char(&first17))
        })
}

/// Zero of each digit script a written form may use: ASCII, full-width, Arabic-Indic,
/// Devanagari, mathematical bold.
const ZEROS: &[u32] = &[0x30, 0xFF10, 0x660, 0x966, 0x1D7CE];

/// Separators people put between the groups of an ID number.
const SEPARATORS: &[&str] = &[" ", "\u{3000}", "-", "－", "—", "_", ".", " - "];

/// How one ID number is written.
#[derive(Debug, Clone)]
pub enum Form {
    Ascii,
    Lower,
    FullWidth,
    /// Groups 6-8-4 with one separator.
    Apart(&'static str),
    /// Each character in a script of its own, cut at random places.
    Mixed(Vec<usize>, Vec<usize>, &'static str),
}

pub fn form() -> impl Strategy<Value = Form> {
    prop_oneof![
        Just(Form::Ascii),
        Just(Form::Lower),
        Just(Form::FullWidth),
        proptest::sample::select(SEPARATORS).prop_map(Form::Apart),
        (
            proptest::collection::vec(0..ZEROS.len(), 18),
            proptest::collection::vec(1usize..18, 0..4),
            proptest::sample::select(SEPARATORS),
        )
            .prop_map(|(s, c, sep)| Form::Mixed(s, c, sep)),
    ]
}

fn digit_in(script: usize, c: char) -> char {
    match c.to_digit(10) {
        Some(d) => char::from_u32(ZEROS[script] + d).unwrap_or(c),
        None if script == 1 => 'Ｘ',
        None => c,
    }
}

/// `id` written in `form`.
pub fn render(id: &str, form: &Form) -> String {
    match form {
        Form::Ascii => id.to_string(),
        Form::Lower => id.to_lowercase(),
        Form::FullWidth => id.chars().map(|c| digit_in(1, c)).collect(),
        Form::Apart(sep) => format!("{}{sep}{}{sep}{}", &id[..6], &id[6..14], &id[14..]),
        Form::Mixed(scripts, cuts, sep) => {
            let mut out = String::new();
            for (i, c) in id.chars().enumerate() {
                if cuts.contains(&i) {
                    out.push_str(sep);
                }
                out.push(digit_in(scripts[i % scripts.len()], c));
            }
            out
        }
    }
}

/// `s` folded: every digit of the scripts above to ASCII, every X to `X`, every
/// whitespace and separator mark (and the `\u3000` a JSON writer may escape) dropped. An
/// ID number written in any form above folds to its ASCII form.
pub fn fold(s: &str) -> String {
    s.replace("\\u3000", "")
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '‐' | '－' | '—' | '_' | '.'))
        .map(|c| {
            let u = u32::from(c);
            match ZEROS.iter().find(|&&z| (z..z + 10).contains(&u)) {
                Some(z) => char::from_digit(u - z, 10).unwrap_or(c),
                None if matches!(c, 'x' | 'Ｘ' | 'ｘ') => 'X',
                None => c,
            }
        })
        .collect()
}

/// Panics when `text` (an answer, a message, a row, a notice) holds `id` in any written
/// form: its 18 characters once folded, or its 15-digit first-generation form.
pub fn assert_no_id(text: &str, id: &str, what: &str) {
    let folded = fold(text);
    assert!(
        !folded.contains(id),
        "{what}: the ID number {id} came back in full: {text}"
    );
    let legacy = format!("{}{}", &id[..6], &id[8..17]);
    if id[6..8] == *"19" {
        assert!(
            !folded.contains(&legacy),
            "{what}: the ID number {id} came back in its 15-digit form: {text}"
        );
    }
}

/// `s` as a JSON string literal.
pub fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Requests (operation, JSON text) that put the written ID number `w` wherever a caller
/// might: as the ID, as a policy id, a category, a date, an amount, a grade, a reason, a
/// language, a key, a wrong type, an operation name, a household member, inside malformed
/// JSON. `policy` is a built-in policy id whose window holds `paid_on`.
pub fn requests(w: &str, policy: &str, paid_on: &str) -> Vec<(String, String)> {
    let q = json_str(w);
    let p = json_str(policy);
    let d = json_str(paid_on);
    let person = |field: &str| format!(r#"{{{field}}}"#);
    let quote = |body: String| ("quote".to_string(), body);
    vec![
        quote(format!(
            r#"{{"policy":{p},"paid_on":{d},"person":{}}}"#,
            person(&format!(r#""id_number":{q}"#))
        )),
        quote(format!(
            r#"{{"policy":{q},"paid_on":{d},"person":{{"birth_date":"1980-01-01"}}}}"#
        )),
        quote(format!(
            r#"{{"policy":{p},"paid_on":{d},"person":{{"birth_date":"1980-01-01","categories":[{q}]}}}}"#
        )),
        quote(format!(
            r#"{{"policy":{p},"paid_on":{q},"person":{{"birth_date":"1980-01-01"}}}}"#
        )),
        quote(format!(
            r#"{{"policy":{p},"paid_on":{d},"person":{{"birth_date":{q}}}}}"#
        )),
        quote(format!(
            r#"{{"policy":{p},"paid_on":{d},"grade":{q},"person":{{"birth_date":"1980-01-01"}}}}"#
        )),
        quote(format!(
            r#"{{"policy":{p},"paid_on":{d},"lang":{q},"person":{{"birth_date":"1980-01-01"}}}}"#
        )),
        quote(format!(
            r#"{{"policy":{p},"paid_on":{d},{q}:1,"person":{{"birth_date":"1980-01-01"}}}}"#
        )),
        quote(format!(
            r#"{{"policy":{p},"paid_on":{d},"person":{{{q}:{{}},"birth_date":"1980-01-01"}}}}"#
        )),
        quote(format!(r#"{{"policy":{p},"paid_on":{d},"person":{q}}}"#)),
        quote(format!(r#"{{"policy":{p},"paid_on":{d},"person":[{q}]}}"#)),
        quote(format!(
            r#"{{"policy":{p},"paid_on":{d},"person":{{"id_number":{q}"#
        )),
        quote(format!(r#"{{"policy":{p},"paid_on":{d},"person":{w}}}"#)),
        (
            "household".to_string(),
            format!(
                r#"{{"policy":{p},"paid_on":{d},"members":[{{"birth_date":"1980-01-01"}},{{"id_number":{q}}}]}}"#
            ),
        ),
        (
            "refund".to_string(),
            format!(
                r#"{{"policy":{p},"person":{{"id_number":{q}}},"payment":{{"paid_on":{d},"amount":{q}}},"reason":{q},"event_on":{d}}}"#
            ),
        ),
        (
            "window".to_string(),
            format!(r#"{{"policy":{q},"date":{d}}}"#),
        ),
        (
            "window".to_string(),
            format!(r#"{{"policy":{p},"date":{q}}}"#),
        ),
        ("policy".to_string(), format!(r#"{{"policy":{q}}}"#)),
        ("policies".to_string(), format!(r#"{{{q}:1}}"#)),
        (w.to_string(), format!(r#"{{"policy":{p}}}"#)),
    ]
}
