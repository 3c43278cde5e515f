//! One input row: the CSV header, CSV fields, JSON Lines objects, and the dates in them.
//!
//! # Design
//! Rows are read into [`Fields`] that borrow from the input chunk, so the hot path copies
//! nothing for an ordinary row (a quoted CSV field with `""` inside, or a JSON string with
//! escapes, is the exception and owns its text). Both formats land in the same `Fields`,
//! and everything after that is shared. A record is one line: CSV fields may be quoted
//! (`"a,b"`, `""` for a quote) but may not span lines, which no column of this file
//! needs, and which keeps the input splittable into chunks at any newline.

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::fmt;
use yibao::Error;

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
    pub fn parse(line: &str, policy_flag: bool) -> Result<Header, String> {
        let names = split_csv(line).map_err(|e| format!("header line: {e}"))?;
        let mut roles = Vec::with_capacity(names.len());
        let mut ignored = Vec::new();
        for name in &names {
            let key = name.trim().to_ascii_lowercase();
            let role = COLUMNS.iter().find(|(n, _)| *n == key).map(|(_, r)| *r);
            if let Some(r) = role {
                if roles.contains(&Some(r)) {
                    return Err(format!("header line: column {key:?} appears twice"));
                }
            } else {
                ignored.push(name.trim().to_string());
            }
            roles.push(role);
        }
        let has = |r: Role| roles.contains(&Some(r));
        if !has(Role::PaidOn) {
            return Err("header line: no `paid_on` column".into());
        }
        if !has(Role::IdNumber) && !has(Role::BirthDate) {
            return Err("header line: no `id_number` or `birth_date` column".into());
        }
        if !has(Role::Policy) && !policy_flag {
            return Err("header line: no `policy` column and no --policy ID".into());
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
    pub fn ignored_notice(&self) -> Option<String> {
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
        let mut s = format!(
            "ignoring {} of {} columns:",
            self.ignored.len(),
            self.roles.len()
        );
        for (k, (position, name)) in positions.zip(&self.ignored).enumerate() {
            if k == IGNORED_SHOWN {
                let _ = write!(s, " and {} more", self.ignored.len() - IGNORED_SHOWN);
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
            let sep = if k == 0 { " " } else { ", " };
            let _ = write!(s, "{sep}#{position} {:?}", yibao::id::redact(&shown));
        }
        s.push_str(" (the columns read are listed in `yibao help batch`)");
        Some(s)
    }

    /// True when the file has a household column.
    pub fn has_household(&self) -> bool {
        self.roles.contains(&Some(Role::Household))
    }

    /// Splits one CSV line (without its line end) into fields by role.
    pub fn fields<'a>(&self, line: &'a str) -> Result<Fields<'a>, Error> {
        let mut f = Fields::default();
        let mut rest = line;
        let mut count = 0usize;
        loop {
            let (value, next) = csv_field(rest)?;
            if let Some(Some(role)) = self.roles.get(count) {
                f.set(*role, value)?;
            }
            count += 1;
            match next {
                Some(n) => rest = n,
                None => break,
            }
        }
        if count != self.roles.len() {
            // A wrong count is most often an unquoted comma that shifted every column
            // after it: refusing the row is safer than quoting the wrong person.
            return Err(Error::InvalidRequest(format!(
                "the row has {count} fields, the header has {}",
                self.roles.len()
            )));
        }
        Ok(f)
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
}

impl<'a> Fields<'a> {
    /// Reads one JSON Lines object. Unknown keys are ignored, as unknown CSV columns are.
    pub fn from_json(line: &'a str) -> Result<Fields<'a>, Error> {
        serde_json::from_str(line).map_err(|e| {
            let msg = yibao::id::redact(&e.to_string());
            if e.is_data() {
                Error::InvalidRequest(msg)
            } else {
                Error::InvalidJson(msg)
            }
        })
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
        }
        Ok(())
    }
}

/// A true/false CSV value: `true`/`false`, `1`/`0`, `yes`/`no` (any case).
fn flag(value: &str) -> Result<bool, Error> {
    match value.to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" => Ok(true),
        "false" | "0" | "no" => Ok(false),
        _ => {
            let shown: String = value.chars().take(20).collect();
            Err(Error::InvalidRequest(format!(
                "{shown:?} is not true or false (true/false, 1/0, yes/no)"
            )))
        }
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

/// The first field of `rest` (unquoted, trimmed of spaces) and what follows its comma,
/// or `None` after the last field.
fn csv_field(rest: &str) -> Result<(Cow<'_, str>, Option<&str>), Error> {
    let start = rest.trim_start_matches([' ', '\t']);
    let Some(quoted) = start.strip_prefix('"') else {
        // memchr: the generic `split_once(',')` costs several times more per field.
        return Ok(match memchr::memchr(b',', rest.as_bytes()) {
            Some(i) => (
                Cow::Borrowed(rest.get(..i).unwrap_or_default().trim_matches([' ', '\t'])),
                Some(rest.get(i + 1..).unwrap_or_default()),
            ),
            None => (Cow::Borrowed(rest.trim_matches([' ', '\t'])), None),
        });
    };
    // A quoted field: up to the quote that is not doubled.
    let mut owned: Option<String> = None;
    let mut from = 0usize;
    let bytes = quoted.as_bytes();
    let mut i = 0usize;
    while let Some(pos) = memchr::memchr(b'"', bytes.get(i..).unwrap_or_default()) {
        let q = i + pos;
        if bytes.get(q + 1) == Some(&b'"') {
            let o = owned.get_or_insert_with(String::new);
            o.push_str(quoted.get(from..=q).unwrap_or_default());
            from = q + 2;
            i = q + 2;
            continue;
        }
        let tail = quoted.get(q + 1..).unwrap_or_default();
        let value = match owned {
            Some(mut o) => {
                o.push_str(quoted.get(from..q).unwrap_or_default());
                Cow::Owned(o)
            }
            None => Cow::Borrowed(quoted.get(..q).unwrap_or_default()),
        };
        let after = tail.trim_start_matches([' ', '\t']);
        return match after.strip_prefix(',') {
            Some(next) => Ok((value, Some(next))),
            None if after.is_empty() => Ok((value, None)),
            None => Err(Error::InvalidRequest(
                "text after a closing quote (a CSV field is either quoted whole or not at all)"
                    .into(),
            )),
        };
    }
    Err(Error::InvalidRequest(
        "a quoted field is not closed on its line (a record is one line)".into(),
    ))
}

/// Every field of a line as text (for the header).
fn split_csv(line: &str) -> Result<Vec<String>, Error> {
    let mut out = Vec::new();
    let mut rest = line;
    loop {
        let (value, next) = csv_field(rest)?;
        out.push(value.into_owned());
        match next {
            Some(n) => rest = n,
            None => return Ok(out),
        }
    }
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
        let shown: String = value.chars().take(40).collect();
        Error::InvalidDate(format!(
            "invalid date {shown:?} in {column}: expected a calendar day as YYYY-MM-DD within 1900-01-01..2199-12-31"
        ))
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
        assert_eq!(
            h.ignored_notice().as_deref(),
            Some("ignoring 1 of 4 columns: #2 \"name\" (the columns read are listed in `yibao help batch`)")
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
        let notice = h.ignored_notice().unwrap();
        assert!(
            notice.starts_with("ignoring 12 of 14 columns: #3 \"110105 ******** 002X\", #4 \""),
            "{notice}"
        );
        assert!(notice.contains("…\""), "{notice}");
        assert!(notice.contains(", #10 \"f\" and 4 more ("), "{notice}");
        assert!(!notice.contains(&long));
        assert!(notice.chars().count() < 200, "{notice}");
    }

    #[test]
    fn csv_fields_quoted_and_plain() {
        let h = Header::parse("birth_date,categories,paid_on,household", true).unwrap();
        let f = h
            .fields(r#"1980-05-01, "minimum_living|orphan" ,2023-10-10,"H ""1"", east""#)
            .unwrap();
        assert_eq!(f.birth_date.as_deref(), Some("1980-05-01"));
        assert!(matches!(&f.categories, RawCategories::Piped(c) if c == "minimum_living|orphan"));
        assert_eq!(f.paid_on.as_deref(), Some("2023-10-10"));
        assert_eq!(f.household.as_deref(), Some(r#"H "1", east"#));
        let empty = h.fields("1980-05-01,,2023-10-10,").unwrap();
        assert!(matches!(empty.categories, RawCategories::None));
        assert!(empty.household.is_none());
        for bad in [
            "1980-05-01,,2023-10-10",
            "1980-05-01,a,b,c,d",
            r#"1980-05-01,"open,2023-10-10,"#,
            r#"1980-05-01,"x"y,2023-10-10,"#,
        ] {
            assert_eq!(
                h.fields(bad).unwrap_err().code().as_str(),
                "invalid_request",
                "{bad}"
            );
        }
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
