//! Chinese identity numbers as used for resident medical insurance enrolment.
//!
//! Enrolment (城乡居民医保参保登记) keys every insured person on an identity
//! number, so this module validates the formats a local insurance office
//! accepts and extracts what contribution rules need (birth date for age
//! bands, region for the paying jurisdiction):
//!
//! * the 18-character resident identity card number (GB 11643-1999),
//! * the legacy 15-digit number, upgraded to its 18-character form,
//! * the residence permits for Hong Kong, Macao and Taiwan residents
//!   (港澳台居民居住证, region prefix `810000`/`820000`/`830000`),
//! * the 2017 foreign permanent resident identity card
//!   (外国人永久居留身份证, leading `9`).
//!
//! An identity number is personal data. Nothing in this module puts a full
//! number into an error, a `Debug` string or a log line: errors carry only a
//! variant, `Debug` shows the [`mask`]ed form, and [`redact`] exists for
//! cleaning messages produced by code outside this module.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Which document an [`IdNumber`] belongs to.
///
/// Serialized as the snake_case strings `"resident"`, `"resident_legacy15"`,
/// `"hong_kong_permit"`, `"macao_permit"`, `"taiwan_permit"` and
/// `"foreign_permanent_resident"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdKind {
    /// An 18-character resident identity card number (居民身份证).
    Resident,
    /// A 15-digit first-generation resident identity card number, which
    /// [`parse`] upgrades to the 18-character form.
    // Pinned explicitly although `rename_all` yields the same string: the
    // wire name is part of the contract and must survive a variant rename.
    #[serde(rename = "resident_legacy15")]
    ResidentLegacy15,
    /// A residence permit for Hong Kong residents (港澳台居民居住证, prefix `810000`).
    HongKongPermit,
    /// A residence permit for Macao residents (港澳台居民居住证, prefix `820000`).
    MacaoPermit,
    /// A residence permit for Taiwan residents (港澳台居民居住证, prefix `830000`).
    TaiwanPermit,
    /// A 2017-format foreign permanent resident identity card
    /// (外国人永久居留身份证, leading `9`).
    ForeignPermanentResident,
}

/// Sex as encoded in the 17th character of an identity number
/// (odd for male, even for female).
///
/// Serialized as `"male"` / `"female"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// Odd 17th character.
    Male,
    /// Even 17th character.
    Female,
}

/// A validated identity number in its normalized 18-character form.
///
/// Built only by [`parse`], so every value has a valid region, a real birth
/// date and a matching check digit.
///
/// `Debug` prints only the [`masked`](IdNumber::masked) form, so a value that
/// ends up in a log or a panic message does not leak the number. There is
/// deliberately no `Display` or `Serialize`: the full number leaves this type
/// only through an explicit call to [`normalized`](IdNumber::normalized).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct IdNumber {
    // Fixed-size storage keeps `parse` allocation-free and the type `Copy`.
    // Invariant: all 18 bytes are ASCII (`0`-`9`, or `X` in the last place).
    digits: [u8; 18],
    kind: IdKind,
    birth_date: NaiveDate,
    sex: Sex,
}

impl IdNumber {
    /// The kind of document this number belongs to.
    pub fn kind(&self) -> IdKind {
        self.kind
    }

    /// The normalized 18-character form: a 15-digit number is upgraded and a
    /// trailing lower-case `x` is upper-cased.
    pub fn normalized(&self) -> &str {
        // `parse` only stores ASCII, so this never falls back; the fallback
        // exists because a panic path is not allowed here.
        std::str::from_utf8(&self.digits).unwrap_or_default()
    }

    /// The birth date encoded in characters 7 to 14.
    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date
    }

    /// The sex encoded in the 17th character (odd for male).
    pub fn sex(&self) -> Sex {
        self.sex
    }

    /// The first six characters of the normalized form: the administrative
    /// division code for resident numbers, `810000`/`820000`/`830000` for the
    /// Hong Kong/Macao/Taiwan residence permits, and `9` + province +
    /// country code for the foreign permanent resident card.
    pub fn region_code(&self) -> &str {
        self.normalized().get(..6).unwrap_or_default()
    }

    /// The first six and last four characters with eight `*` between, for
    /// example `"140402********1236"`.
    pub fn masked(&self) -> String {
        mask(self.normalized())
    }
}

impl fmt::Debug for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Only the masked form: a derived Debug would print the digits, and
        // the birth date and sex are personal data as well.
        f.debug_tuple("IdNumber").field(&self.masked()).finish()
    }
}

/// Why [`parse`] rejected an input.
///
/// The messages never contain any part of the input, so they are safe to
/// log and to show to a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// Nothing but whitespace was given.
    #[error("the ID number is empty")]
    Empty,
    /// The input is neither 18 nor 15 characters long.
    #[error("the ID number must be 18 characters long (15 for a first-generation card)")]
    Length,
    /// A character other than a digit, or an `X` other than in the last place
    /// of an 18-character number.
    #[error("the ID number may contain only digits, with X allowed as the last character")]
    Character,
    /// The first digits are not a known province or permit prefix.
    #[error("the region code is not a known province code")]
    Region,
    /// The birth date is not a real calendar date from 1900 on.
    #[error("the birth date is not a valid calendar date on or after 1900-01-01")]
    BirthDate,
    /// The birth date lies after the given `today`.
    #[error("the birth date is in the future")]
    FutureBirth,
    /// The check digit does not match the other seventeen characters.
    #[error("the check digit does not match (ISO 7064 MOD 11-2)")]
    Checksum,
}

impl IdError {
    /// A stable snake_case code for the error, for API responses and metrics:
    /// `"empty"`, `"length"`, `"character"`, `"region"`, `"birth_date"`,
    /// `"future_birth"` or `"checksum"`.
    pub fn reason(&self) -> &'static str {
        match self {
            IdError::Empty => "empty",
            IdError::Length => "length",
            IdError::Character => "character",
            IdError::Region => "region",
            IdError::BirthDate => "birth_date",
            IdError::FutureBirth => "future_birth",
            IdError::Checksum => "checksum",
        }
    }
}

/// GB 11643-1999 weights: 2^(17-i) mod 11 for positions 1 to 17.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// Check character for each remainder of the weighted sum modulo 11.
const CHECK_CHARS: [u8; 11] = *b"10X98765432";

/// Parses and validates an identity number.
///
/// Leading and trailing ASCII whitespace is ignored. Accepted are
/// 18-character numbers (17 digits and a digit or `X`/`x` check character)
/// and 15-digit first-generation numbers, which are upgraded by inserting
/// the century `19` after the region code and appending the check digit.
///
/// The kind follows from the first characters: `810000`, `820000` and
/// `830000` are the Hong Kong, Macao and Taiwan residence permits, a leading
/// `9` is the foreign permanent resident card (whose characters 2-3 must be a
/// province code), anything else is a resident number whose first two digits
/// must be a province code (11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71, 81
/// or 82).
///
/// When `today` is given, a birth date after it is rejected.
///
/// Checks run in this order and the first failure is returned, so the error
/// names the most basic problem: [`IdError::Empty`], [`IdError::Length`],
/// [`IdError::Character`], [`IdError::Region`], [`IdError::BirthDate`],
/// [`IdError::FutureBirth`], [`IdError::Checksum`].
///
/// Never panics, and does not allocate when it succeeds.
///
/// # Examples
///
/// ```
/// use chrono::NaiveDate;
/// use yibao::id::{parse, IdError, IdKind, Sex};
///
/// # fn main() -> Result<(), IdError> {
/// // The sample number from GB 11643-1999, with a lower-case check character.
/// let id = parse(" 11010519491231002x ", None)?;
/// assert_eq!(id.kind(), IdKind::Resident);
/// assert_eq!(id.normalized(), "11010519491231002X");
/// assert_eq!(id.region_code(), "110105");
/// assert_eq!(id.birth_date(), NaiveDate::from_ymd_opt(1949, 12, 31).unwrap_or_default());
/// assert_eq!(id.sex(), Sex::Female);
/// assert_eq!(id.masked(), "110105********002X");
///
/// // The same person's first-generation number.
/// let old = parse("110105491231002", None)?;
/// assert_eq!(old.kind(), IdKind::ResidentLegacy15);
/// assert_eq!(old.normalized(), "11010519491231002X");
///
/// // One changed digit breaks the check digit.
/// assert_eq!(parse("11010519491231003X", None), Err(IdError::Checksum));
/// # Ok(())
/// # }
/// ```
pub fn parse(input: &str, today: Option<NaiveDate>) -> Result<IdNumber, IdError> {
    let trimmed = input.trim_matches(|c: char| c.is_ascii_whitespace());
    if trimmed.is_empty() {
        return Err(IdError::Empty);
    }

    // Length is counted in characters, not bytes, so that e.g. eighteen
    // full-width digits report `Character` rather than a confusing `Length`.
    // `take(19)` keeps the count cheap on huge inputs.
    let char_count = trimmed.chars().take(19).count();
    let legacy = match char_count {
        18 => false,
        15 => true,
        _ => return Err(IdError::Length),
    };

    let bytes = trimmed.as_bytes();
    let mut digits = [0u8; 18];
    if legacy {
        if !bytes.iter().all(u8::is_ascii_digit) {
            return Err(IdError::Character);
        }
        // Upgrade: region (6) + "19" + YYMMDD and sequence (9); the check
        // digit is filled in below. Every byte is ASCII, so 15 chars are
        // 15 bytes.
        let upgraded = bytes
            .iter()
            .take(6)
            .chain(b"19")
            .chain(bytes.iter().skip(6));
        for (slot, &b) in digits.iter_mut().zip(upgraded) {
            *slot = b;
        }
        let check = check_digit(&first17(&digits));
        if let Some(last) = digits.last_mut() {
            *last = check;
        }
    } else {
        // A non-ASCII character makes the byte length differ from the char
        // count; the per-byte test below rejects it because its bytes are
        // all >= 0x80.
        if bytes.len() != 18 {
            return Err(IdError::Character);
        }
        for (i, (slot, &b)) in digits.iter_mut().zip(bytes).enumerate() {
            *slot = match b {
                b'0'..=b'9' => b,
                b'X' | b'x' if i == 17 => b'X',
                _ => return Err(IdError::Character),
            };
        }
    }

    let [r0, r1, r2, r3, r4, r5, y0, y1, y2, y3, m0, m1, d0, d1, _, _, s, check] = digits;

    let kind = if legacy {
        if !is_province(two(r0, r1)) {
            return Err(IdError::Region);
        }
        IdKind::ResidentLegacy15
    } else {
        match [r0, r1, r2, r3, r4, r5] {
            [b'8', b'1', b'0', b'0', b'0', b'0'] => IdKind::HongKongPermit,
            [b'8', b'2', b'0', b'0', b'0', b'0'] => IdKind::MacaoPermit,
            [b'8', b'3', b'0', b'0', b'0', b'0'] => IdKind::TaiwanPermit,
            [b'9', ..] => {
                if !is_province(two(r1, r2)) {
                    return Err(IdError::Region);
                }
                IdKind::ForeignPermanentResident
            }
            _ => {
                if !is_province(two(r0, r1)) {
                    return Err(IdError::Region);
                }
                IdKind::Resident
            }
        }
    };

    let year = two(y0, y1) * 100 + two(y2, y3);
    if year < 1900 {
        return Err(IdError::BirthDate);
    }
    let birth_date = i32::try_from(year)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, two(m0, m1), two(d0, d1)))
        .ok_or(IdError::BirthDate)?;
    if today.is_some_and(|t| birth_date > t) {
        return Err(IdError::FutureBirth);
    }

    // For a legacy number the check digit was computed above, so this only
    // ever rejects an 18-character input.
    if check != check_digit(&first17(&digits)) {
        return Err(IdError::Checksum);
    }

    let sex = if s.wrapping_sub(b'0') % 2 == 1 {
        Sex::Male
    } else {
        Sex::Female
    };

    Ok(IdNumber {
        digits,
        kind,
        birth_date,
        sex,
    })
}

/// Computes the GB 11643-1999 check character (ISO 7064 MOD 11-2) for the
/// first seventeen characters of a number.
///
/// Returns an ASCII byte `b'0'..=b'9'` or `b'X'`. The input is expected to
/// be ASCII digits; any other byte is still accepted (so this never panics)
/// but gives a meaningless result.
///
/// # Examples
///
/// ```
/// assert_eq!(yibao::id::check_digit(b"11010519491231002"), b'X');
/// assert_eq!(yibao::id::check_digit(b"44030819990101001"), b'2');
/// ```
pub fn check_digit(first17: &[u8; 17]) -> u8 {
    let sum: u32 = first17
        .iter()
        .zip(WEIGHTS)
        .map(|(&b, w)| u32::from(b.wrapping_sub(b'0')) * w)
        .sum();
    // The remainder is always below 11, so the lookup cannot miss; the
    // fallback only exists to avoid an indexing panic path.
    let r = usize::try_from(sum % 11).unwrap_or_default();
    CHECK_CHARS.get(r).copied().unwrap_or(b'X')
}

/// Masks any string for display or logging.
///
/// A string of 15 or more characters keeps its first six and last four
/// characters with `*` for every character between (eight for an
/// 18-character number); a shorter string becomes all `*`, because keeping
/// ten of fewer than fifteen characters would reveal most of it. The result
/// always has as many characters as the input.
///
/// # Examples
///
/// ```
/// use yibao::id::mask;
///
/// assert_eq!(mask("11010519491231002X"), "110105********002X");
/// assert_eq!(mask("110105491231002"), "110105*****1002");
/// assert_eq!(mask("12345"), "*****");
/// ```
pub fn mask(input: &str) -> String {
    let count = input.chars().count();
    if count < 15 {
        return "*".repeat(count);
    }
    // Byte offsets of the end of the first six and the start of the last
    // four characters, so multi-byte characters are kept whole.
    let head_end = input.char_indices().nth(6).map_or(input.len(), |(i, _)| i);
    let tail_start = input.char_indices().rev().nth(3).map_or(0, |(i, _)| i);
    let head = input.get(..head_end).unwrap_or_default();
    let tail = input.get(tail_start..).unwrap_or_default();
    let mut out = String::with_capacity(head.len() + (count - 10) + tail.len());
    out.push_str(head);
    for _ in 0..count - 10 {
        out.push('*');
    }
    out.push_str(tail);
    out
}

/// Masks identity-number-like runs inside free text, in every way a number is written.
///
/// Meant for messages that may echo caller input (a serde error, a database driver, a
/// remote service). Characters are first *folded*: every Unicode number character
/// ([`char::is_numeric`]: the decimal digits of every script, full-width `１２３`
/// included, and other number forms such as `①`) and `X`, `x`, `Ｘ`, `ｘ` count as ID
/// characters. Then two kinds of run are masked:
///
/// * a *contiguous* run of ten or more ID characters, masked like [`mask`] (all `*`
///   below fifteen characters, else the first six and last four kept);
/// * a *written-apart* run: ID characters in groups separated by short gaps of
///   separators, as people write `110105 19491231 002X` or `110105-19491231-002X`,
///   when the groups hold fifteen or more ID characters in all (a 15- or 18-character
///   number). The first six and last four ID characters are kept, every other one
///   becomes `*`, and the separators are kept where they were. A gap is at most three
///   characters, each whitespace (U+3000 and NBSP included) or one of `-` `‐` `‑` `－`
///   `—` `_` `.`, and at most one of them not whitespace.
///
/// The gap rule and the fifteen-character floor keep the library's own figures readable:
/// a policy id `140400-2024` (ten characters apart), a date range
/// `1900-01-01..2199-12-31` (the `..` is two separators) and amounts (`380.00`) are not
/// touched; amount limits are written with thousands separators (`1,000,000,000.00`).
///
/// The result has as many characters as the message. It never holds ten consecutive ID
/// characters, nor fifteen written apart ([`has_id_run`] is false on it).
///
/// # Examples
///
/// ```
/// use yibao::id::redact;
///
/// assert_eq!(
///     redact("duplicate key 11010519491231002X for insured 42"),
///     "duplicate key 110105********002X for insured 42",
/// );
/// assert_eq!(redact("id 110105 19491231 002X"), "id 110105 ******** 002X");
/// assert_eq!(redact("id 110105-19491231-002x."), "id 110105-********-002x.");
/// assert_eq!(
///     redact("号码１１０１０５１９４９１２３１００２Ｘ"),
///     "号码１１０１０５********００２Ｘ",
/// );
/// assert_eq!(redact("policy 140400-2024"), "policy 140400-2024");
/// ```
pub fn redact(message: &str) -> String {
    redact_cow(message).into_owned()
}

/// [`redact`], borrowing the message when there is nothing to mask (the usual case), so
/// that hot paths pay no allocation.
pub fn redact_cow(message: &str) -> std::borrow::Cow<'_, str> {
    if !has_id_run(message) {
        return std::borrow::Cow::Borrowed(message);
    }
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(run) = next_run(rest) {
        out.push_str(rest.get(..run.start).unwrap_or_default());
        push_run(
            &mut out,
            rest.get(run.start..run.end).unwrap_or_default(),
            &run,
        );
        rest = rest.get(run.end..).unwrap_or_default();
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// True when [`redact`] would mask something in `s`: a contiguous run of ten or more ID
/// characters, or fifteen or more written apart (see [`redact`] for both).
pub fn has_id_run(s: &str) -> bool {
    let mut rest = s;
    while let Some(run) = next_run(rest) {
        if run.masked() {
            return true;
        }
        rest = rest.get(run.end..).unwrap_or_default();
    }
    false
}

/// Whether `c` counts as a character of an ID number once folded: any Unicode number
/// character (every script's decimal digits, full-width ones included) or an X.
pub fn is_id_char(c: char) -> bool {
    // Answers are mostly Chinese text: ASCII, CJK ideographs and punctuation are told apart
    // by their code point, without the Unicode table lookup of `is_numeric` (which was a
    // sixth of a JSON quote's cost). `the_fast_path_of_is_id_char_agrees_with_unicode`
    // checks every character.
    match c as u32 {
        0..=0x7F => c.is_ascii_digit() || c == 'X' || c == 'x',
        // General punctuation (dashes, quotation marks), CJK punctuation before 〇 (U+3007,
        // a number) and CJK ideographs: no number characters.
        // Full-width punctuation (，：；？！) likewise; the full-width digits are U+FF10–FF19.
        0x2000..=0x206F
        | 0x3000..=0x3006
        | 0x3008..=0x3020
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xFF01..=0xFF0F
        | 0xFF1A..=0xFF20 => false,
        _ => c.is_numeric() || matches!(c, 'Ｘ' | 'ｘ'),
    }
}

/// Whether `c` may stand between the groups of a written-apart ID number.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || is_mark(c)
}

/// The separators other than whitespace: at most one of them per gap.
fn is_mark(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}' | '\u{2011}' | '\u{ff0d}' | '\u{2014}' | '_' | '.'
    )
}

/// The longest gap between two groups, in characters.
const MAX_GAP: usize = 3;

/// One run of ID characters, written apart or not, as byte offsets into the text
/// [`next_run`] was given.
struct Run {
    start: usize,
    end: usize,
    /// ID characters in all groups.
    total: usize,
    /// ID characters of the longest group.
    longest: usize,
}

impl Run {
    /// Whether [`redact`] masks (some of) it.
    fn masked(&self) -> bool {
        self.longest >= 10 || self.total >= 15
    }
}

/// The first ID character of `s` and its offset. Scans bytes: a lead byte of a CJK
/// ideograph (U+4000–9FFF, never a number) skips its character undecoded, since most texts
/// masked are Chinese sentences.
fn first_id_char(s: &str) -> Option<(usize, char)> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'0'..=b'9' | b'X' | b'x' => return Some((i, char::from(b))),
            0x00..=0x7F => i += 1,
            0xE4..=0xE9 => i += 3,
            _ => {
                let c = s.get(i..).and_then(|r| r.chars().next())?;
                if is_id_char(c) {
                    return Some((i, c));
                }
                i += c.len_utf8();
            }
        }
    }
    None
}

/// The next run of ID characters in `s`: groups of them joined by gaps of separators.
fn next_run(s: &str) -> Option<Run> {
    let (start, first) = first_id_char(s)?;
    let chars = s.get(start + first.len_utf8()..)?.char_indices();
    let mut run = Run {
        start,
        end: s.len(),
        total: 1,
        longest: 1,
    };
    let mut group = 1usize;
    // A candidate gap: its length in characters and how many non-whitespace marks.
    let mut gap = 0usize;
    let mut marks = 0usize;
    let mut last_end = start + first.len_utf8();
    let base = start + first.len_utf8();
    for (i, c) in chars {
        let i = base + i;
        if is_id_char(c) {
            if gap > 0 {
                group = 0;
            }
            gap = 0;
            marks = 0;
            group += 1;
            run.total += 1;
            run.longest = run.longest.max(group);
            last_end = i + c.len_utf8();
        } else if is_separator(c) && gap < MAX_GAP && marks + usize::from(is_mark(c)) <= 1 {
            gap += 1;
            marks += usize::from(is_mark(c));
        } else {
            break;
        }
    }
    // A trailing gap is not part of the run.
    run.end = last_end;
    Some(run)
}

/// Appends one run (its text and its counts): unchanged when it is short, otherwise
/// with every ID character but the kept ones replaced by `*`, separators unchanged.
fn push_run(out: &mut String, text: &str, run: &Run) {
    if !run.masked() {
        out.push_str(text);
        return;
    }
    if run.total >= 15 {
        // The whole run, written apart or not: keep the first six and the last four.
        let mut k = 0usize;
        for c in text.chars() {
            if is_id_char(c) {
                out.push(if k < 6 || k + 4 >= run.total { c } else { '*' });
                k += 1;
            } else {
                out.push(c);
            }
        }
        return;
    }
    // Fewer than fifteen in all, but a group of ten or more: mask each such group whole
    // (fewer than fifteen characters keep none, as in `mask`).
    let mut groups = text.split(|c: char| !is_id_char(c)).peekable();
    let mut rest = text;
    while let Some(g) = groups.next() {
        let n = g.chars().count();
        if n >= 10 {
            out.push_str(&mask(g));
        } else {
            out.push_str(g);
        }
        rest = rest.get(g.len()..).unwrap_or_default();
        if groups.peek().is_some() {
            if let Some(sep) = rest.chars().next() {
                out.push(sep);
                rest = rest.get(sep.len_utf8()..).unwrap_or_default();
            }
        }
    }
}

/// Whether a two-digit number is a province-level code accepted on
/// identity numbers (GB/T 2260), including 71 (Taiwan), 81 (Hong Kong) and
/// 82 (Macao).
fn is_province(code: u32) -> bool {
    matches!(
        code,
        11..=15 | 21..=23 | 31..=37 | 41..=46 | 50..=54 | 61..=65 | 71 | 81 | 82
    )
}

/// The value of two ASCII digits. Callers have already checked that they
/// are digits; `wrapping_sub` keeps other bytes panic-free.
fn two(tens: u8, ones: u8) -> u32 {
    u32::from(tens.wrapping_sub(b'0')) * 10 + u32::from(ones.wrapping_sub(b'0'))
}

fn first17(digits: &[u8; 18]) -> [u8; 17] {
    let mut out = [0u8; 17];
    for (slot, &b) in out.iter_mut().zip(digits) {
        *slot = b;
    }
    out
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_path_of_is_id_char_agrees_with_unicode() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let unicode = c.is_numeric() || matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ');
            assert_eq!(is_id_char(c), unicode, "{c:?} U+{:04X}", c as u32);
        }
        assert!(is_id_char('〇') && is_id_char('９') && !is_id_char('一'));
        // The characters whose lead byte `first_id_char` skips (0xE4–0xE9) hold none.
        assert!((0x4000..=0x9FFFu32)
            .filter_map(char::from_u32)
            .all(|c| !is_id_char(c)));
        for s in [
            "",
            "无",
            "缴费“2024年”",
            "〇一",
            "身份证：１１０１０５",
            "x",
            "éX٣",
            "—７",
        ] {
            let naive = s.char_indices().find(|(_, c)| is_id_char(*c));
            assert_eq!(first_id_char(s), naive, "{s}");
        }
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn err(input: &str) -> IdError {
        parse(input, None).unwrap_err()
    }

    // Hand check of the GB 11643-1999 sample 11010519491231002X:
    //   digits   1  1  0  1  0  5  1  9  4  9  1  2  3  1  0  0  2
    //   weights  7  9 10  5  8  4  2  1  6  3  7  9 10  5  8  4  2
    //   products 7  9  0  5  0 20  2  9 24 27  7 18 30  5  0  0  4
    //   sum 167 = 15 * 11 + 2, remainder 2 -> "10X98765432"[2] = 'X'.
    #[test]
    fn gb_sample_is_valid() {
        assert_eq!(check_digit(b"11010519491231002"), b'X');
        let id = parse("11010519491231002X", None).unwrap();
        assert_eq!(id.kind(), IdKind::Resident);
        assert_eq!(id.normalized(), "11010519491231002X");
        assert_eq!(id.region_code(), "110105");
        assert_eq!(id.birth_date(), date(1949, 12, 31));
        // 17th character '2' is even.
        assert_eq!(id.sex(), Sex::Female);
    }

    // Hand check of 440308199901010012 (Shenzhen Yantian, 1999-01-01):
    //   digits   4  4  0  3  0  8  1  9  9  9  0  1  0  1  0  0  1
    //   weights  7  9 10  5  8  4  2  1  6  3  7  9 10  5  8  4  2
    //   products 28 36 0 15  0 32  2  9 54 27  0  9  0  5  0  0  2
    //   sum 219 = 19 * 11 + 10, remainder 10 -> "10X98765432"[10] = '2'.
    #[test]
    fn second_hand_checked_example() {
        assert_eq!(check_digit(b"44030819990101001"), b'2');
        let id = parse("440308199901010012", None).unwrap();
        assert_eq!(id.kind(), IdKind::Resident);
        assert_eq!(id.birth_date(), date(1999, 1, 1));
        // 17th character '1' is odd.
        assert_eq!(id.sex(), Sex::Male);
        assert_eq!(id.region_code(), "440308");
    }

    #[test]
    fn more_residents() {
        let id = parse("140402196507061236", None).unwrap();
        assert_eq!(id.birth_date(), date(1965, 7, 6));
        assert_eq!(id.sex(), Sex::Male);
        assert_eq!(id.masked(), "140402********1236");
        let id = parse("310105198001010021", None).unwrap();
        assert_eq!(id.sex(), Sex::Female);
        assert_eq!(id.region_code(), "310105");
    }

    #[test]
    fn lower_case_x_is_normalized() {
        let id = parse("11010519491231002x", None).unwrap();
        assert_eq!(id.normalized(), "11010519491231002X");
        assert_eq!(id, parse("11010519491231002X", None).unwrap());
    }

    #[test]
    fn surrounding_ascii_whitespace_is_trimmed() {
        let id = parse(" \t\r\n11010519491231002X \n", None).unwrap();
        assert_eq!(id.normalized(), "11010519491231002X");
        // Inner whitespace is not removed.
        assert_eq!(err("110105 19491231002X"), IdError::Length);
        // Non-ASCII whitespace is not trimmed: U+3000 and U+00A0.
        assert_eq!(err("\u{3000}11010519491231002X"), IdError::Length);
        assert_eq!(err("11010519491231002X\u{a0}"), IdError::Length);
    }

    #[test]
    fn legacy_15_is_upgraded() {
        // 110105 + 19 + 491231002 -> 11010519491231002, check 'X' (see above).
        let id = parse("110105491231002", None).unwrap();
        assert_eq!(id.kind(), IdKind::ResidentLegacy15);
        assert_eq!(id.normalized(), "11010519491231002X");
        assert_eq!(id.birth_date(), date(1949, 12, 31));
        assert_eq!(id.sex(), Sex::Female);
        assert_eq!(id.region_code(), "110105");
        assert_eq!(id.masked(), "110105********002X");

        let id = parse("  440308990101001\t", None).unwrap();
        assert_eq!(id.normalized(), "440308199901010012");
        assert_eq!(id.sex(), Sex::Male);
    }

    #[test]
    fn legacy_15_errors() {
        assert_eq!(err("11010549123100X"), IdError::Character);
        assert_eq!(err("990105491231002"), IdError::Region);
        // 81 is a valid province code; a legacy number is never a permit.
        assert_eq!(
            parse("810000491231002", None).map(|i| i.kind()),
            Ok(IdKind::ResidentLegacy15)
        );
        assert_eq!(err("110105490229002"), IdError::BirthDate);
        assert_eq!(err("110105491301002"), IdError::BirthDate);
        // 1948 is a leap year, so 29 Feb is fine.
        assert!(parse("110105480229002", None).is_ok());
    }

    #[test]
    fn permits() {
        let hk = parse("810000198808081235", None).unwrap();
        assert_eq!(hk.kind(), IdKind::HongKongPermit);
        assert_eq!(hk.region_code(), "810000");
        assert_eq!(hk.birth_date(), date(1988, 8, 8));
        assert_eq!(hk.sex(), Sex::Male);

        let mo = parse("820000199503154567", None).unwrap();
        assert_eq!(mo.kind(), IdKind::MacaoPermit);
        assert_eq!(mo.sex(), Sex::Female);

        let tw = parse("830000197001010021", None).unwrap();
        assert_eq!(tw.kind(), IdKind::TaiwanPermit);
        assert_eq!(tw.birth_date(), date(1970, 1, 1));

        // 83 is not a province, so it is only valid as the exact permit prefix.
        assert_eq!(err("830001197001010021"), IdError::Region);
        // 81xxxx other than 810000 is an ordinary resident number.
        assert_eq!(
            parse("810100198808081235", None).map(|i| i.kind()),
            Err(IdError::Checksum)
        );
    }

    #[test]
    fn foreign_permanent_resident() {
        // 9 + province 31 + country 156 + 1980-01-01 + sequence 001 + 'X'.
        let id = parse("93115619800101001x", None).unwrap();
        assert_eq!(id.kind(), IdKind::ForeignPermanentResident);
        assert_eq!(id.normalized(), "93115619800101001X");
        assert_eq!(id.region_code(), "931156");
        assert_eq!(id.birth_date(), date(1980, 1, 1));
        assert_eq!(id.sex(), Sex::Male);
        // Province 99 is not valid.
        assert_eq!(err("991156198001010010"), IdError::Region);
    }

    #[test]
    fn february_29() {
        assert_eq!(
            parse("110105200002290013", None).unwrap().birth_date(),
            date(2000, 2, 29)
        );
        // 2001 is not a leap year; 1900 is not either (century rule).
        assert_eq!(err("110105200102290013"), IdError::BirthDate);
        assert_eq!(err("110105190002290013"), IdError::BirthDate);
    }

    #[test]
    fn birth_date_errors() {
        assert_eq!(err("110105189912310015"), IdError::BirthDate);
        assert_eq!(err("110105190013010017"), IdError::BirthDate);
        assert_eq!(err("110105190001000017"), IdError::BirthDate);
        assert_eq!(err("110105190004310017"), IdError::BirthDate);
        assert!(parse("110105190001010017", None).is_err_and(|e| e == IdError::Checksum));
    }

    #[test]
    fn future_birth() {
        let id = "110105202606150010";
        assert!(parse(id, None).is_ok());
        assert!(parse(id, Some(date(2026, 6, 15))).is_ok());
        assert_eq!(
            parse(id, Some(date(2026, 6, 14))),
            Err(IdError::FutureBirth)
        );
    }

    #[test]
    fn each_error_variant() {
        assert_eq!(err(""), IdError::Empty);
        assert_eq!(err(" \t\n "), IdError::Empty);
        assert_eq!(err("1101051949123100"), IdError::Length);
        assert_eq!(err("11010519491231002X1"), IdError::Length);
        assert_eq!(err("1101051949123100XX"), IdError::Character);
        assert_eq!(err("11010519491231002Y"), IdError::Character);
        assert_eq!(err("00010519491231002X"), IdError::Region);
        assert_eq!(err("11010519491232002X"), IdError::BirthDate);
        assert_eq!(
            parse("11010519491231002X", Some(date(1949, 12, 30))),
            Err(IdError::FutureBirth)
        );
        assert_eq!(err("110105194912310021"), IdError::Checksum);
    }

    #[test]
    fn check_order() {
        // Bad region, bad date and bad check digit: region is reported.
        assert_eq!(err("00010519491332002"), IdError::Length);
        assert_eq!(err("000105194913320021"), IdError::Region);
        // Bad date and bad check digit: date is reported.
        assert_eq!(err("110105194913320021"), IdError::BirthDate);
        // Future date and bad check digit: future is reported.
        assert_eq!(
            parse("110105202606150011", Some(date(2020, 1, 1))),
            Err(IdError::FutureBirth)
        );
        // Bad character beats a bad region.
        assert_eq!(err("00010519491231A02X"), IdError::Character);
    }

    #[test]
    fn non_ascii_input() {
        // Eighteen full-width digits: right length, wrong characters.
        assert_eq!(
            err("１１０１０５１９４９１２３１００２Ｘ"),
            IdError::Character
        );
        assert_eq!(err("一二三"), IdError::Length);
        assert_eq!(err("11010519491231002é"), IdError::Character);
        assert_eq!(err("1101051949123100🦀"), IdError::Length);
        assert_eq!(err("11010519491231002🦀"), IdError::Character);
        assert_eq!(err("\u{0}"), IdError::Length);
        let huge = "1".repeat(1_000_000);
        assert_eq!(err(&huge), IdError::Length);
    }

    #[test]
    fn mask_examples() {
        assert_eq!(mask(""), "");
        assert_eq!(mask("12345678901234"), "**************");
        assert_eq!(mask("123456789012345"), "123456*****2345");
        assert_eq!(mask("11010519491231002X"), "110105********002X");
        assert_eq!(
            mask("一二三四五六七八九十一二三四五"),
            "一二三四五六*****二三四五"
        );
        assert_eq!(mask("ab"), "**");
    }

    #[test]
    fn redact_examples() {
        assert_eq!(redact(""), "");
        assert_eq!(redact("no numbers here"), "no numbers here");
        assert_eq!(redact("code 123456789 ok"), "code 123456789 ok");
        assert_eq!(redact("code 1234567890 ok"), "code ********** ok");
        assert_eq!(
            redact("身份证11010519491231002x重复"),
            "身份证110105********002x重复"
        );
        assert_eq!(
            redact("11010519491231002X,440308199901010012"),
            "110105********002X,440308********0012"
        );
    }

    #[test]
    fn redact_every_written_form() {
        let cases = [
            // Spaced, as on a form: 6 8 4.
            (
                "身份证 110105 19491231 002X 重复",
                "身份证 110105 ******** 002X 重复",
            ),
            (
                "110105\u{3000}19491231\u{3000}002X",
                "110105\u{3000}********\u{3000}002X",
            ),
            ("110105 - 19491231 - 002X", "110105 - ******** - 002X"),
            ("110105-19491231-002X", "110105-********-002X"),
            ("110105‐19491231‐002X", "110105‐********‐002X"),
            ("110105－19491231－002X", "110105－********－002X"),
            ("110105—19491231—002X", "110105—********—002X"),
            ("110105_19491231_002X", "110105_********_002X"),
            ("110105.19491231.002X", "110105.********.002X"),
            ("1101 0519 4912 3100 2X", "1101 05** **** **00 2X"),
            // Full-width digits and X, and mixed with ASCII.
            (
                "１１０１０５１９４９１２３１００２Ｘ",
                "１１０１０５********００２Ｘ",
            ),
            (
                "１１０１０５19491231００２ｘ",
                "１１０１０５********００２ｘ",
            ),
            // Other scripts' decimal digits: Arabic-Indic, Devanagari.
            ("٣١٠١٠٥١٩٨٠٠١٠١٠٠٢١", "٣١٠١٠٥********٠٠٢١"),
            ("३१०१०५१९८००१०१००२१", "३१०१०५********००२१"),
            // A 15-digit first-generation number written apart.
            ("110105 491231 002", "110105 *****1 002"),
        ];
        for (input, want) in cases {
            let got = redact(input);
            assert_eq!(got.chars().count(), input.chars().count(), "{input}");
            assert_eq!(got, want, "{input}");
            assert!(!has_id_run(&got), "{input} -> {got}");
        }
    }

    #[test]
    fn redact_leaves_the_librarys_own_numbers() {
        for own in [
            "policy 140400-2024 has no payment period on 2025-10-10",
            "invalid date \"2023-02-30\": outside 1900-01-01..2199-12-31",
            "a payment period lies within 2023-01-01..=2024-12-31",
            "aid of 400.00 is above the personal standard 380.00",
            "an amount cannot exceed 1,000,000,000.00 yuan",
            "2023-10-26 is not a payment day of period \"window\" (payments on days 1–25 of each month); next payment day 2023-11-01",
            "line 1234567 of 9876543",
        ] {
            assert_eq!(redact(own), own);
            assert!(!has_id_run(own), "{own}");
        }
        // The old limit message was masked: that is why it is written with separators now.
        assert_eq!(redact("exceed 1000000000.00"), "exceed **********.00");
    }

    #[test]
    fn redact_gap_rules() {
        // Ten apart is not ID-shaped; ten together is, as before.
        assert_eq!(redact("12345 67890"), "12345 67890");
        assert_eq!(redact("1234567890 12"), "********** 12");
        // A gap of four, or of two marks, separates two runs.
        assert_eq!(redact("12345678    9012345"), "12345678    9012345");
        assert_eq!(redact("12345678-.9012345"), "12345678-.9012345");
        // Three with one mark still joins.
        assert_eq!(redact("1234567 - 89012345"), "123456* - ****2345");
        // A trailing separator stays outside the run.
        assert_eq!(redact("123456789012345- end"), "123456*****2345- end");
        assert_eq!(redact_cow("nothing here 12"), "nothing here 12");
        assert!(matches!(redact_cow("plain"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn debug_does_not_leak() {
        let id = parse("140402196507061236", None).unwrap();
        let debug = format!("{id:?}");
        assert_eq!(debug, "IdNumber(\"140402********1236\")");
        assert!(!debug.contains("19650706"));
        assert!(!debug.contains("1965"));
        let alt = format!("{id:#?}");
        assert!(!alt.contains("19650706"));
        let wrapped = format!("{:?}", Ok::<_, IdError>(id));
        assert!(!wrapped.contains("196507061236"));
    }

    #[test]
    fn error_messages_and_reasons() {
        let all = [
            (IdError::Empty, "empty"),
            (IdError::Length, "length"),
            (IdError::Character, "character"),
            (IdError::Region, "region"),
            (IdError::BirthDate, "birth_date"),
            (IdError::FutureBirth, "future_birth"),
            (IdError::Checksum, "checksum"),
        ];
        for (e, reason) in all {
            assert_eq!(e.reason(), reason);
            let msg = e.to_string();
            assert!(!msg.is_empty());
            // No message is long on digits, so none could carry a number.
            assert_eq!(redact(&msg), msg);
        }
        assert_eq!(
            IdError::Checksum.to_string(),
            "the check digit does not match (ISO 7064 MOD 11-2)"
        );
    }

    #[test]
    fn serde_names() {
        let kinds = [
            (IdKind::Resident, "\"resident\""),
            (IdKind::ResidentLegacy15, "\"resident_legacy15\""),
            (IdKind::HongKongPermit, "\"hong_kong_permit\""),
            (IdKind::MacaoPermit, "\"macao_permit\""),
            (IdKind::TaiwanPermit, "\"taiwan_permit\""),
            (
                IdKind::ForeignPermanentResident,
                "\"foreign_permanent_resident\"",
            ),
        ];
        for (kind, json) in kinds {
            assert_eq!(serde_json::to_string(&kind).unwrap(), json);
            assert_eq!(serde_json::from_str::<IdKind>(json).unwrap(), kind);
        }
        assert_eq!(serde_json::to_string(&Sex::Male).unwrap(), "\"male\"");
        assert_eq!(serde_json::to_string(&Sex::Female).unwrap(), "\"female\"");
        assert_eq!(
            serde_json::from_str::<Sex>("\"female\"").unwrap(),
            Sex::Female
        );
    }
}
