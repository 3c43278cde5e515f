//! Property tests for `yibao::id`.
//!
//! The generator builds identity numbers from their parts and computes the
//! check digit with its own copy of the algorithm, so a bug in the library's
//! `check_digit` cannot hide itself.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use yibao::id::*;

const PROVINCES: &[u32] = &[
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
    53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
];

/// Independent GB 11643-1999 check character, written from the standard's
/// formula (weight = 2^(17-i) mod 11) rather than copied from the library.
fn reference_check(first17: &str) -> char {
    let sum: u32 = first17
        .chars()
        .enumerate()
        .map(|(i, c)| c.to_digit(10).unwrap() * (2u32.pow(17 - i as u32) % 11))
        .sum();
    ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][(sum % 11) as usize]
}

#[derive(Debug, Clone)]
struct Valid {
    text: String,
    province: u32,
    birth: NaiveDate,
    male: bool,
}

fn valid_date() -> impl Strategy<Value = NaiveDate> {
    (1900i32..=2026, 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| {
        // Clamp the day to the month's length so every draw is a real date,
        // including 29 Feb in leap years.
        (1..=d)
            .rev()
            .find_map(|day| NaiveDate::from_ymd_opt(y, m, day))
            .unwrap()
    })
}

fn valid_resident() -> impl Strategy<Value = Valid> {
    (
        proptest::sample::select(PROVINCES),
        0u32..10_000,
        valid_date(),
        0u32..1000,
    )
        .prop_map(|(province, county, birth, seq)| {
            let first17 = format!(
                "{province:02}{county:04}{:04}{:02}{:02}{seq:03}",
                birth.year(),
                birth.month(),
                birth.day()
            );
            let text = format!("{first17}{}", reference_check(&first17));
            Valid {
                text,
                province,
                birth,
                male: seq % 2 == 1,
            }
        })
}

/// Maximal runs of `0-9Xx` of at least ten characters.
fn long_runs(s: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut cur = String::new();
    for c in s.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() || c == 'X' || c == 'x' {
            cur.push(c);
        } else {
            if cur.len() >= 10 {
                runs.push(cur.clone());
            }
            cur.clear();
        }
    }
    runs
}

/// Zero of each digit script a written form may use: ASCII, full-width, Arabic-Indic,
/// Devanagari, Bengali, Thai, mathematical bold. Written here, not taken from the library,
/// so that the oracle below folds independently of `redact`.
const ZEROS: &[u32] = &[0x30, 0xFF10, 0x660, 0x966, 0x9E6, 0xE50, 0x1D7CE];

/// Separators people put between the groups of an ID number.
const SEPARATORS: &[&str] = &[" ", "\u{3000}", "-", "‐", "－", "—", "_", ".", " - "];

/// How one ID number is written.
#[derive(Debug, Clone)]
enum Form {
    Ascii,
    FullWidth,
    /// Groups 6-8-4 with one separator.
    Apart(&'static str),
    /// Every character in a script of its own, and groups of random sizes apart.
    Mixed(Vec<usize>, Vec<usize>, &'static str),
}

fn form() -> impl Strategy<Value = Form> {
    prop_oneof![
        Just(Form::Ascii),
        Just(Form::FullWidth),
        proptest::sample::select(SEPARATORS).prop_map(Form::Apart),
        (
            proptest::collection::vec(0..ZEROS.len(), 18),
            proptest::collection::vec(1usize..18, 0..4),
            proptest::sample::select(SEPARATORS),
        )
            .prop_map(|(scripts, cuts, sep)| Form::Mixed(scripts, cuts, sep)),
    ]
}

fn digit_in(script: usize, c: char) -> char {
    match c.to_digit(10) {
        Some(d) => char::from_u32(ZEROS[script] + d).unwrap(),
        None if script == 1 => 'Ｘ',
        None => c,
    }
}

fn render(id: &str, form: &Form) -> String {
    match form {
        Form::Ascii => id.to_string(),
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

/// The text folded: digits of the scripts above to ASCII, every X to `X`, and every
/// separator dropped (wherever it is: stricter than `redact`'s gap rule).
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '‐' | '－' | '—' | '_' | '.'))
        .map(|c| {
            let u = u32::from(c);
            match ZEROS.iter().find(|&&z| (z..z + 10).contains(&u)) {
                Some(z) => char::from_digit(u - z, 10).unwrap(),
                None if matches!(c, 'x' | 'Ｘ' | 'ｘ') => 'X',
                None => c,
            }
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn redact_hides_every_written_form(
        ids in proptest::collection::vec((valid_resident(), form(), any::<bool>()), 1..4),
        filler in proptest::collection::vec("[a-wyz ,:身份证号码]{1,6}", 4),
    ) {
        let mut message = filler[0].clone();
        let mut folded_ids = Vec::new();
        for (k, (v, form, legacy)) in ids.iter().enumerate() {
            // Some as the 15-digit first-generation form (19xx births only).
            let id = if *legacy && v.birth.year() < 2000 {
                format!("{}{}", &v.text[..6], &v.text[8..17])
            } else {
                v.text.clone()
            };
            let written = render(&id, form);
            prop_assert_eq!(fold(&written), id.clone(), "the oracle folds {:?}", written);
            message.push_str(&written);
            message.push_str(&filler[(k + 1) % filler.len()]);
            folded_ids.push(id);
        }
        let out = redact(&message);
        prop_assert_eq!(out.chars().count(), message.chars().count());
        let folded = fold(&out);
        // No ten consecutive ID characters once folded and with separators dropped ...
        prop_assert!(long_runs(&folded).is_empty(), "{:?} -> {:?}", message, out);
        // ... so no ten consecutive characters of any number.
        for id in &folded_ids {
            for window in id.as_bytes().windows(10) {
                let window = std::str::from_utf8(window).unwrap();
                prop_assert!(!folded.contains(window), "{} leaked from {:?}", window, out);
            }
        }
        prop_assert!(!has_id_run(&out));
    }

    #[test]
    fn generated_valid_ids_parse(v in valid_resident()) {
        let today = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        for input in [v.text.clone(), v.text.to_lowercase(), format!(" {}\t", v.text)] {
            let id = parse(&input, Some(today)).unwrap();
            prop_assert_eq!(id.kind(), IdKind::Resident);
            prop_assert_eq!(id.normalized(), v.text.as_str());
            prop_assert_eq!(id.birth_date(), v.birth);
            prop_assert_eq!(id.sex(), if v.male { Sex::Male } else { Sex::Female });
            prop_assert_eq!(id.region_code(), &v.text[..6]);
            let province = format!("{:02}", v.province);
            prop_assert_eq!(&id.region_code()[..2], province.as_str());
            prop_assert_eq!(id.masked(), format!("{}********{}", &v.text[..6], &v.text[14..]));
            let first17: [u8; 17] = v.text.as_bytes()[..17].try_into().unwrap();
            prop_assert_eq!(check_digit(&first17), v.text.as_bytes()[17]);
        }
    }

    #[test]
    fn legacy_form_upgrades_to_the_same_number(v in valid_resident()) {
        // Only 19xx births have a 15-digit form.
        prop_assume!(v.birth.year() < 2000);
        let legacy = format!("{}{}", &v.text[..6], &v.text[8..17]);
        let id = parse(&legacy, None).unwrap();
        prop_assert_eq!(id.kind(), IdKind::ResidentLegacy15);
        prop_assert_eq!(id.normalized(), v.text.as_str());
        prop_assert_eq!(id.birth_date(), v.birth);
    }

    #[test]
    fn every_single_substitution_is_rejected(
        v in valid_resident(),
        pos in 0usize..18,
        replacement in proptest::sample::select(b"0123456789X".to_vec()),
    ) {
        let mut bytes = v.text.clone().into_bytes();
        prop_assume!(bytes[pos] != replacement);
        bytes[pos] = replacement;
        let changed = String::from_utf8(bytes).unwrap();
        prop_assert!(parse(&changed, None).is_err(), "accepted a one-character change");
    }

    #[test]
    fn parse_never_panics_on_any_string(s in any::<String>(), days in -100_000i64..100_000) {
        let today = NaiveDate::from_ymd_opt(2000, 1, 1)
            .unwrap()
            .checked_add_signed(chrono::Duration::days(days));
        let _ = parse(&s, today);
        let _ = parse(&s, None);
    }

    #[test]
    fn parse_never_panics_on_near_misses(s in "[0-9Xx \t\u{3000}１]{0,24}") {
        if let Ok(id) = parse(&s, None) {
            prop_assert_eq!(id.normalized().len(), 18);
        }
    }

    #[test]
    fn redact_hides_every_long_run(
        parts in proptest::collection::vec(
            prop_oneof![
                "[0-9Xx]{0,30}",
                "[a-z ,:身份证]{0,8}",
                valid_resident().prop_map(|v| v.text),
            ],
            0..8,
        )
    ) {
        let message: String = parts.concat();
        let out = redact(&message);
        prop_assert_eq!(out.chars().count(), message.chars().count());
        // No run of ten or more candidate characters survives at all ...
        prop_assert!(long_runs(&out).is_empty(), "long run left in {:?}", out);
        // ... so in particular no ten consecutive characters of an original run.
        for run in long_runs(&message) {
            for window in run.as_bytes().windows(10) {
                let window = std::str::from_utf8(window).unwrap();
                prop_assert!(!out.contains(window), "window {} leaked", window);
            }
        }
    }

    #[test]
    fn mask_keeps_the_char_count(s in any::<String>()) {
        let masked = mask(&s);
        let n = s.chars().count();
        prop_assert_eq!(masked.chars().count(), n);
        let chars: Vec<char> = s.chars().collect();
        let expected: String = if n >= 15 {
            chars[..6]
                .iter()
                .chain(std::iter::repeat_n(&'*', n - 10))
                .chain(&chars[n - 4..])
                .collect()
        } else {
            "*".repeat(n)
        };
        prop_assert_eq!(masked, expected);
    }
}
