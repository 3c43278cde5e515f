//! One input row: the CSV header, CSV fields, JSON Lines objects, and the dates in them.
//!
//! # Design
//! Rows are read into [`Fields`] that borrow from the input chunk, so the hot path copies
//! nothing for an ordinary row (a quoted CSV field with `""` inside, or a JSON string with
//! escapes, is the exception and owns its text). Both formats land in the same `Fields`,
//! and everything after that is shared.
//!
//! CSV is RFC 4180, read by `csv_core` ([`FieldReader`]): a field may be quoted
//! (`"a,b"`, `""` for a quote) and a quoted field may hold line ends, so one record can
//! span lines ([`super::reader::Records`] cuts the input only where records end). Where
//! RFC 4180 and `csv_core` would read a malformed field *somehow* (`csv_core` never
//! fails), a field this tool reads is refused instead, so that no row is quoted on a
//! value the file did not mean: a quote inside an unquoted field (which is how
//! `, "a|b" ,`, with spaces before the quote, reads), text after a closing quote
//! (`"x"y`), and a quoted field never closed. Unquoted fields are trimmed of spaces and
//! tabs; blank and whitespace-only records are skipped.

use crate::words::{words, Words};
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::fmt;
use yibao::message::{Excerpt, Message};
use yibao::{Error, ErrorCode, Lang};

/// What a column of the input means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// `id_number`: the ID number (gives the birth date).
    IdNumber,
    /// `birth_date`: YYYY-MM-DD.
    BirthDate,
    /// `categories`: category ids separated by `|`.
    Categories,
    /// `paid_on`: the payment date.
    PaidOn,
    /// `household`: the household key.
    Household,
    /// `policy`: the policy id of the row.
    Policy,
    /// `insured_elsewhere`: true/false.
    InsuredElsewhere,
    /// `transfer`: true/false.
    Transfer,
    /// `parent_insured`: true/false.
    ParentInsured,
    /// `newly_aided`: true/false.
    NewlyAided,
    /// `employee_insurance_ended_on`: YYYY-MM-DD.
    EmployeeInsuranceEndedOn,
    /// `grade`: the contribution grade chosen, an id of the policy's `grades`.
    Grade,
}

/// Column names and their roles (the documented column reference).
pub const COLUMNS: &[(&str, Role)] = &[
    ("id_number", Role::IdNumber),
    ("birth_date", Role::BirthDate),
    ("categories", Role::Categories),
    ("paid_on", Role::PaidOn),
    ("household", Role::Household),
    ("policy", Role::Policy),
    ("insured_elsewhere", Role::InsuredElsewhere),
    ("transfer", Role::Transfer),
    ("parent_insured", Role::ParentInsured),
    ("newly_aided", Role::NewlyAided),
    (
        "employee_insurance_ended_on",
        Role::EmployeeInsuranceEndedOn,
    ),
    ("grade", Role::Grade),
];

/// The columns of a CSV file, from its header line.
#[derive(Debug, Clone)]
pub struct Header {
    /// The role of each column; `None` for a column this tool does not read.
    roles: Vec<Option<Role>>,
    /// Names of the columns not read (a bank export has names, phone numbers...).
    pub ignored: Vec<String>,
}

/// Ignored columns named in the notice at most; the rest are counted.
const IGNORED_SHOWN: usize = 8;

/// Characters of an ignored column's name shown at most.
const IGNORED_NAME_CHARS: usize = 24;

impl Header {
    /// Reads a header line. Column names are matched without regard to case or
    /// surrounding spaces; a name given twice, or a file that cannot give a payment date
    /// and a birth date, is refused before any row is read.
    pub fn parse(line: &str, policy_flag: bool) -> Result<Header, Words> {
        let mut reader = FieldReader::default();
        let count = reader.read(line.as_bytes());
        check_quotes(line.as_bytes(), |_| true).map_err(|e| {
            let (zh, en) = (e.text(Lang::Zh), e.text(Lang::En));
            words!("表头行：{zh}", "header line: {en}")
        })?;
        let names: Vec<String> = (0..count)
            .map(|i| String::from_utf8_lossy(reader.field(i)).into_owned())
            .collect();
        let mut roles = Vec::with_capacity(names.len());
        let mut ignored = Vec::new();
        for name in &names {
            let key = name.trim().to_ascii_lowercase();
            let role = COLUMNS.iter().find(|(n, _)| *n == key).map(|(_, r)| *r);
            if let Some(r) = role {
                if roles.contains(&Some(r)) {
                    return Err(words!(
                        "表头行：{key} 列出现了两次",
                        "header line: column {key:?} appears twice"
                    ));
                }
            } else {
                ignored.push(name.trim().to_string());
            }
            roles.push(role);
        }
        let has = |r: Role| roles.contains(&Some(r));
        if !has(Role::PaidOn) {
            return Err(words!(
                "表头行：没有缴费日期列 paid_on",
                "header line: no `paid_on` column"
            ));
        }
        if !has(Role::IdNumber) && !has(Role::BirthDate) {
            return Err(words!(
                "表头行：既没有身份证号码列 id_number，也没有出生日期列 birth_date",
                "header line: no `id_number` or `birth_date` column"
            ));
        }
        if !has(Role::Policy) && !policy_flag {
            return Err(words!(
                "表头行：没有政策编号列 policy，也未给出 --policy 政策编号",
                "header line: no `policy` column and no --policy ID"
            ));
        }
        Ok(Header { roles, ignored })
    }

    /// The notice naming the columns not read, or `None` when every column is read.
    ///
    /// A header is caller text, and a file that is not split into records the way it
    /// was meant to be (Excel's CR-only "CSV (Macintosh)" read by a line reader) makes
    /// its data rows look like column names: so the notice gives the columns' positions
    /// and count, and of at most [`IGNORED_SHOWN`] of them the name, shortened to
    /// [`IGNORED_NAME_CHARS`] characters and redacted. It never echoes a whole row.
    pub fn ignored_notice(&self) -> Option<Words> {
        use std::fmt::Write as _;
        if self.ignored.is_empty() {
            return None;
        }
        let positions = self
            .roles
            .iter()
            .enumerate()
            .filter(|(_, r)| r.is_none())
            .map(|(i, _)| i + 1);
        let (ignored, all) = (self.ignored.len(), self.roles.len());
        let mut zh = format!("共 {all} 列，其中 {ignored} 列不读取：");
        let mut s = format!("ignoring {ignored} of {all} columns:");
        for (k, (position, name)) in positions.zip(&self.ignored).enumerate() {
            if k == IGNORED_SHOWN {
                let more = ignored - IGNORED_SHOWN;
                let _ = write!(zh, "，另有 {more} 列");
                let _ = write!(s, " and {more} more");
                break;
            }
            let mut shown: String = name
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .take(IGNORED_NAME_CHARS)
                .collect();
            if name.chars().count() > IGNORED_NAME_CHARS {
                shown.push('…');
            }
            let shown = yibao::id::redact(&shown);
            let sep = if k == 0 { " " } else { ", " };
            let _ = write!(s, "{sep}#{position} {shown:?}");
            let sep = if k == 0 { "" } else { "、" };
            let _ = write!(zh, "{sep}第 {position} 列 “{shown}”");
        }
        zh.push_str("（读取哪些列见 yibao help batch）");
        s.push_str(" (the columns read are listed in `yibao help batch`)");
        Some(Words { zh, en: s })
    }

    /// True when the file has a household column.
    pub fn has_household(&self) -> bool {
        self.roles.contains(&Some(Role::Household))
    }

    /// Reads one CSV record (its bytes as the input holds them, record end included)
    /// into fields by role, borrowed from `reader`'s buffer.
    pub fn fields<'r>(&self, reader: &'r mut FieldReader, raw: &[u8]) -> Result<Fields<'r>, Error> {
        if memchr::memchr(b'"', raw).is_some() {
            check_quotes(raw, |i| self.roles.get(i).is_some_and(Option::is_some))?;
        }
        let count = reader.read(raw);
        if count != self.roles.len() {
            // A wrong count is most often an unquoted comma that shifted every column
            // after it: refusing the row is safer than quoting the wrong person.
            return Err(Error::request(Message::FieldCount {
                count,
                expected: self.roles.len(),
            }));
        }
        let reader: &'r FieldReader = reader;
        let mut f = Fields::default();
        for (i, role) in self.roles.iter().enumerate() {
            let Some(role) = role else { continue };
            // The record was checked to be UTF-8 and unquoting removes only ASCII
            // quotes, so this never fails; an empty value would be the fallback.
            let value = std::str::from_utf8(reader.field(i)).unwrap_or_default();
            f.set(*role, Cow::Borrowed(value.trim_matches([' ', '\t'])))?;
        }
        Ok(f)
    }
}

/// One CSV record's fields, read by `csv_core` into a buffer reused from record to
/// record (a worker keeps one for its piece of rows).
#[derive(Debug)]
pub struct FieldReader {
    parser: csv_core::Reader,
    /// The fields' bytes, unquoted, one after the other.
    out: Vec<u8>,
    /// Where each field ends in `out`.
    ends: Vec<usize>,
    /// Fields of the last record read.
    count: usize,
}

impl Default for FieldReader {
    fn default() -> FieldReader {
        FieldReader {
            parser: csv_core::Reader::new(),
            out: vec![0; 1024],
            ends: vec![0; 32],
            count: 0,
        }
    }
}

impl FieldReader {
    /// Reads one record (leading blank lines and a byte-order mark skipped, reading
    /// stops at its record end); returns how many fields it has.
    pub fn read(&mut self, raw: &[u8]) -> usize {
        self.parser.reset();
        let (mut nin, mut nout, mut nend) = (0usize, 0usize, 0usize);
        loop {
            let (res, i, o, e) = self.parser.read_record(
                raw.get(nin..).unwrap_or_default(),
                self.out.get_mut(nout..).unwrap_or_default(),
                self.ends.get_mut(nend..).unwrap_or_default(),
            );
            nin += i;
            nout += o;
            nend += e;
            match res {
                csv_core::ReadRecordResult::OutputFull => {
                    let n = self.out.len().max(1) * 2;
                    self.out.resize(n, 0);
                }
                csv_core::ReadRecordResult::OutputEndsFull => {
                    let n = self.ends.len().max(1) * 2;
                    self.ends.resize(n, 0);
                }
                // Given no bytes next, the parser ends the record.
                csv_core::ReadRecordResult::InputEmpty => {}
                csv_core::ReadRecordResult::Record | csv_core::ReadRecordResult::End => break,
            }
        }
        self.count = nend;
        nend
    }

    /// Field `i` of the last record read (empty past its last field).
    pub fn field(&self, i: usize) -> &[u8] {
        if i >= self.count {
            return &[];
        }
        let start = match i.checked_sub(1) {
            Some(p) => self.ends.get(p).copied().unwrap_or(0),
            None => 0,
        };
        let end = self.ends.get(i).copied().unwrap_or(start);
        self.out.get(start..end).unwrap_or_default()
    }
}

/// Checks how a record uses quotes, where `csv_core` would read a malformed field
/// somehow: in a field that `read(index)` says is read, a quote inside an unquoted field
/// (also how spaces before an opening quote read) and text after a closing quote are
/// refused; in any field, a quoted field that the input ends inside.
fn check_quotes(raw: &[u8], read: impl Fn(usize) -> bool) -> Result<(), Error> {
    #[derive(Clone, Copy)]
    enum S {
        Start,
        Plain,
        Quoted,
        AfterQuote,
    }
    // As the parser does: a byte-order mark opening the input, then blank lines.
    let raw = raw.strip_prefix("\u{feff}".as_bytes()).unwrap_or(raw);
    let body = match raw.iter().position(|b| !matches!(b, b'\r' | b'\n')) {
        Some(i) => raw.get(i..).unwrap_or_default(),
        None => return Ok(()),
    };
    let mut s = S::Start;
    let mut field = 0usize;
    for &b in body {
        s = match (s, b) {
            (S::Start, b'"') => S::Quoted,
            (S::Start | S::Plain | S::AfterQuote, b',') => {
                field += 1;
                S::Start
            }
            (S::Start | S::Plain | S::AfterQuote, b'\r' | b'\n') => return Ok(()),
            (S::Plain, b'"') if read(field) => {
                return Err(Error::request(Message::QuoteInsideField {
                    field: field + 1,
                }))
            }
            (S::Start | S::Plain, _) => S::Plain,
            (S::Quoted, b'"') => S::AfterQuote,
            (S::Quoted, _) => S::Quoted,
            (S::AfterQuote, b'"') => S::Quoted,
            (S::AfterQuote, _) if read(field) => {
                return Err(Error::request(Message::TextAfterQuote { field: field + 1 }))
            }
            (S::AfterQuote, _) => S::Plain,
        };
    }
    match s {
        S::Quoted => Err(Error::request(Message::QuoteNotClosed { field: field + 1 })),
        _ => Ok(()),
    }
}

/// The categories of a row as written.
#[derive(Debug, Clone, Default)]
pub enum RawCategories<'a> {
    /// None given.
    #[default]
    None,
    /// CSV: ids separated by `|` (or a JSON string written the same way).
    Piped(Cow<'a, str>),
    /// JSON: an array of ids.
    List(Vec<Cow<'a, str>>),
}

/// The fields of one row, borrowed from the input where possible.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Fields<'a> {
    /// `id_number`.
    #[serde(borrow, default)]
    pub id_number: Option<Cow<'a, str>>,
    /// `birth_date`.
    #[serde(borrow, default)]
    pub birth_date: Option<Cow<'a, str>>,
    /// `categories`.
    #[serde(borrow, default, deserialize_with = "categories")]
    pub categories: RawCategories<'a>,
    /// `paid_on`.
    #[serde(borrow, default)]
    pub paid_on: Option<Cow<'a, str>>,
    /// `household`.
    #[serde(borrow, default)]
    pub household: Option<Cow<'a, str>>,
    /// `policy`.
    #[serde(borrow, default)]
    pub policy: Option<Cow<'a, str>>,
    /// `insured_elsewhere`.
    #[serde(default)]
    pub insured_elsewhere: Option<bool>,
    /// `transfer`.
    #[serde(default)]
    pub transfer: Option<bool>,
    /// `parent_insured`.
    #[serde(default)]
    pub parent_insured: Option<bool>,
    /// `newly_aided`.
    #[serde(default)]
    pub newly_aided: Option<bool>,
    /// `employee_insurance_ended_on`.
    #[serde(borrow, default)]
    pub employee_insurance_ended_on: Option<Cow<'a, str>>,
    /// `grade`.
    #[serde(borrow, default)]
    pub grade: Option<Cow<'a, str>>,
}

impl<'a> Fields<'a> {
    /// Reads one JSON Lines object. Unknown keys are ignored, as unknown CSV columns are.
    pub fn from_json(line: &'a str) -> Result<Fields<'a>, Error> {
        yibao::json::parse_request(line)
    }

    fn set(&mut self, role: Role, value: Cow<'a, str>) -> Result<(), Error> {
        // An empty CSV field is an absent value.
        if value.is_empty() {
            return Ok(());
        }
        match role {
            Role::IdNumber => self.id_number = Some(value),
            Role::BirthDate => self.birth_date = Some(value),
            Role::Categories => self.categories = RawCategories::Piped(value),
            Role::PaidOn => self.paid_on = Some(value),
            Role::Household => self.household = Some(value),
            Role::Policy => self.policy = Some(value),
            Role::InsuredElsewhere => self.insured_elsewhere = Some(flag(&value)?),
            Role::Transfer => self.transfer = Some(flag(&value)?),
            Role::ParentInsured => self.parent_insured = Some(flag(&value)?),
            Role::NewlyAided => self.newly_aided = Some(flag(&value)?),
            Role::EmployeeInsuranceEndedOn => self.employee_insurance_ended_on = Some(value),
            Role::Grade => self.grade = Some(value),
        }
        Ok(())
    }
}

/// A true/false CSV value: `true`/`false`, `1`/`0`, `yes`/`no` (any case).
fn flag(value: &str) -> Result<bool, Error> {
    match value.to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" => Ok(true),
        "false" | "0" | "no" => Ok(false),
        _ => Err(Error::request(Message::NotAFlag {
            given: Excerpt::of(value),
        })),
    }
}

/// `categories` in JSON: an array of ids, or one string of ids separated by `|`.
fn categories<'de: 'a, 'a, D: Deserializer<'de>>(d: D) -> Result<RawCategories<'a>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = RawCategories<'de>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an array of category ids, or ids separated by `|`")
        }
        fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
            Ok(RawCategories::Piped(Cow::Borrowed(v)))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(RawCategories::Piped(Cow::Owned(v.to_string())))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(RawCategories::None)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut ids = Vec::new();
            while let Some(id) = seq.next_element::<Cow<'de, str>>()? {
                ids.push(id);
            }
            Ok(RawCategories::List(ids))
        }
    }
    d.deserialize_any(V)
}

/// Reads a date written `YYYY-MM-DD` within 1900-01-01..=2199-12-31, the bounds the core
/// accepts in JSON. Written by hand because it runs once or twice on every row and
/// chrono's format-driven parser costs several times more.
pub fn parse_date(s: &str) -> Option<chrono::NaiveDate> {
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = <[u8; 10]>::try_from(s.as_bytes()).ok()?
    else {
        return None;
    };
    let digit = |b: u8| b.is_ascii_digit().then(|| u32::from(b - b'0'));
    let year = digit(y0)? * 1000 + digit(y1)? * 100 + digit(y2)? * 10 + digit(y3)?;
    let month = digit(m0)? * 10 + digit(m1)?;
    let day = digit(d0)? * 10 + digit(d1)?;
    if !(1900..=2199).contains(&year) {
        return None;
    }
    chrono::NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// [`parse_date`], with the contract's `invalid_date` error naming the column.
pub fn date(column: &str, value: &str) -> Result<chrono::NaiveDate, Error> {
    parse_date(value).ok_or_else(|| {
        let _ = value;
        Error::new(
            ErrorCode::InvalidDate,
            Message::InvalidDate {
                field: column.to_string(),
            },
        )
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn header_roles_and_requirements() {
        let h = Header::parse(" ID_Number ,name,paid_on,categories", true).unwrap();
        assert_eq!(h.ignored, vec!["name"]);
        let notice = h.ignored_notice().unwrap();
        assert_eq!(
            notice.get(Lang::En),
            "ignoring 1 of 4 columns: #2 \"name\" (the columns read are listed in `yibao help batch`)"
        );
        assert_eq!(
            notice.get(Lang::Zh),
            "共 4 列，其中 1 列不读取：第 2 列 “name”（读取哪些列见 yibao help batch）"
        );
        assert_eq!(
            Header::parse("paid_on,birth_date", true)
                .unwrap()
                .ignored_notice(),
            None
        );
        assert!(!h.has_household());
        assert!(Header::parse("id_number,paid_on", false).is_err());
        assert!(Header::parse("id_number,categories", true).is_err());
        assert!(Header::parse("household,paid_on", true).is_err());
        assert!(Header::parse("paid_on,birth_date,paid_on", true).is_err());
    }

    #[test]
    fn the_ignored_columns_notice_is_short_and_masked() {
        // Twelve ignored columns, one an ID number written apart, one very long.
        let long = "地址".repeat(100);
        let line = format!("paid_on,birth_date,110105 19491231 002X,{long},a,b,c,d,e,f,g,h,i,j");
        let h = Header::parse(&line, true).unwrap();
        let notice = h.ignored_notice().unwrap().get(Lang::En);
        assert!(
            notice.starts_with("ignoring 12 of 14 columns: #3 \"110105 ******** 002X\", #4 \""),
            "{notice}"
        );
        assert!(notice.contains("…\""), "{notice}");
        assert!(notice.contains(", #10 \"f\" and 4 more ("), "{notice}");
        assert!(!notice.contains(&long));
        assert!(notice.chars().count() < 200, "{notice}");
        let zh = h.ignored_notice().unwrap().get(Lang::Zh);
        assert!(
            zh.starts_with("共 14 列，其中 12 列不读取：第 3 列 “110105 ******** 002X”、第 4 列 “"),
            "{zh}"
        );
        assert!(zh.contains("、第 10 列 “f”，另有 4 列（"), "{zh}");
        assert!(!zh.contains(&long) && zh.chars().count() < 200, "{zh}");
    }

    /// Reads one record with a fresh reader.
    fn read<'r>(h: &Header, r: &'r mut FieldReader, raw: &str) -> Result<Fields<'r>, Error> {
        h.fields(r, raw.as_bytes())
    }

    #[test]
    fn csv_fields_quoted_and_plain() {
        let h = Header::parse("birth_date,categories,paid_on,household", true).unwrap();
        let mut r = FieldReader::default();
        let f = read(
            &h,
            &mut r,
            "1980-05-01,\"minimum_living|orphan\", 2023-10-10 ,\"H \"\"1\"\", east\"\r\n",
        )
        .unwrap();
        assert_eq!(f.birth_date.as_deref(), Some("1980-05-01"));
        assert!(matches!(&f.categories, RawCategories::Piped(c) if c == "minimum_living|orphan"));
        assert_eq!(f.paid_on.as_deref(), Some("2023-10-10"));
        assert_eq!(f.household.as_deref(), Some(r#"H "1", east"#));
        // A quoted field may hold line ends and commas.
        let f = read(&h, &mut r, "1980-05-01,,2023-10-10,\"No. 5\r\nEast, 2\"\n").unwrap();
        assert_eq!(f.household.as_deref(), Some("No. 5\r\nEast, 2"));
        let empty = read(&h, &mut r, "1980-05-01,,2023-10-10,").unwrap();
        assert!(matches!(empty.categories, RawCategories::None));
        assert!(empty.household.is_none());
        for (bad, why) in [
            (
                "1980-05-01,,2023-10-10",
                "the row has 3 fields, the header has 4",
            ),
            (
                "1980-05-01,a,b,c,d",
                "the row has 5 fields, the header has 4",
            ),
            (
                r#"1980-05-01,"open,2023-10-10,"#,
                "field 2: a quoted field is not closed before the end of the input",
            ),
            (
                r#"1980-05-01,"x"y,2023-10-10,"#,
                "field 2: text after a closing quote",
            ),
            // RFC 4180 (and the csv crate) read a space before the quote as part of the
            // field, quotes and all: refused rather than read as `"minimum_living`.
            (
                r#"1980-05-01, "minimum_living|orphan" ,2023-10-10,"#,
                "field 2: a quote inside an unquoted field",
            ),
            (
                r#"1980-05-01,a"b,2023-10-10,"#,
                "field 2: a quote inside an unquoted field",
            ),
        ] {
            let e = read(&h, &mut r, bad).unwrap_err();
            assert_eq!(e.code().as_str(), "invalid_request", "{bad}");
            let en = e.text(yibao::Lang::En);
            assert!(en.contains(why), "{bad}: {en}");
        }
        // In a column not read, a stray quote is left alone (only an open one matters).
        let h = Header::parse("paid_on,name,birth_date", true).unwrap();
        let f = read(&h, &mut r, r#"2023-10-10,O"Brien "Jr"x,1980-05-01"#).unwrap();
        assert_eq!(f.birth_date.as_deref(), Some("1980-05-01"));
    }

    #[test]
    fn json_rows() {
        let f = Fields::from_json(
            r#"{"birth_date":"1980-05-01","categories":["minimum_living"],"paid_on":"2023-10-10","name":"x","transfer":true}"#,
        )
        .unwrap();
        assert!(matches!(&f.categories, RawCategories::List(v) if v.len() == 1));
        assert_eq!(f.transfer, Some(true));
        let piped = Fields::from_json(r#"{"categories":"a|b","paid_on":null}"#).unwrap();
        assert!(matches!(piped.categories, RawCategories::Piped(_)));
        assert_eq!(
            Fields::from_json("{oops").unwrap_err().code().as_str(),
            "invalid_json"
        );
        assert_eq!(
            Fields::from_json(r#"{"transfer":"yes"}"#)
                .unwrap_err()
                .code()
                .as_str(),
            "invalid_request"
        );
    }

    #[test]
    fn dates() {
        assert_eq!(
            parse_date("2023-10-10"),
            chrono::NaiveDate::from_ymd_opt(2023, 10, 10)
        );
        for bad in [
            "2023-13-01",
            "2023-02-29",
            "2023/10/10",
            "1899-12-31",
            "2200-01-01",
            "23-10-10",
            "2023-1-010",
            "２０２３-10-10",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert_eq!(
            date("paid_on", "x").unwrap_err().code().as_str(),
            "invalid_date"
        );
        assert!(flag("YES").unwrap());
        assert!(!flag("0").unwrap());
        assert!(flag("maybe").is_err());
    }
}
