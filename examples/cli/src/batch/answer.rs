//! One row's answer: the facts read from its fields, the engine's typed quote, and the
//! output line (CSV or JSON Lines).
//!
//! # Design
//! This is the hot path, run once per resident on every core, so it uses the engine's
//! allocation-free [`yibao::Engine::quote_typed`] and writes straight into the piece's
//! output buffer: dates and line numbers by hand, money through [`Money`]'s `Display`
//! (memoised per worker, because a county has only a handful of distinct amounts and
//! formatting an exact decimal costs more than the rest of the row). Error rows take the
//! slow, allocating paths (messages, masking of a malformed ID): they are rare.

use super::row::{self, Fields, RawCategories};
use crate::args::Format;
use chrono::NaiveDate;
use std::io::Write;
use yibao::id::IdNumber;
use yibao::message::{Excerpt, Message};
use yibao::policy::{FundingSource, Policy};
use yibao::{CategorySet, Engine, Error, ErrorCode, Facts, Lang, Money, Outcome};

/// The CSV output columns, in order (the documented column reference).
pub const CSV_COLUMNS: &[&str] = &[
    "line",
    "status",
    "id_masked",
    "birth_date",
    "policy",
    "window",
    "personal_standard",
    "fiscal_subsidy",
    "aid_total",
    "aid_source",
    "personal_due",
    "benefit_start",
    "benefit_end",
    "error_code",
    "error_message",
];

/// The stable id of a funding source, as the contract's JSON spells it.
pub fn source_id(s: FundingSource) -> &'static str {
    match s {
        FundingSource::MedicalAssistance => "medical_assistance",
        FundingSource::DisabilityEmploymentSecurityFund => "disability_employment_security_fund",
        FundingSource::Government => "government",
        FundingSource::CountyFinance => "county_finance",
    }
}

/// Every funding source, in the order of the summary (and of [`source_index`]).
pub const SOURCES: [FundingSource; 4] = [
    FundingSource::MedicalAssistance,
    FundingSource::DisabilityEmploymentSecurityFund,
    FundingSource::Government,
    FundingSource::CountyFinance,
];

/// Position of a source in [`SOURCES`].
pub fn source_index(s: FundingSource) -> usize {
    match s {
        FundingSource::MedicalAssistance => 0,
        FundingSource::DisabilityEmploymentSecurityFund => 1,
        FundingSource::Government => 2,
        FundingSource::CountyFinance => 3,
    }
}

/// How the ID column is shown: never the number itself.
#[derive(Debug, Clone)]
pub enum Shown {
    /// No ID number in the row.
    None,
    /// A valid number, shown by its first six and last four characters.
    Valid(IdNumber),
    /// An invalid input, masked as a whole ([`yibao::id::mask`]).
    Invalid(String),
}

/// What a row came to.
#[derive(Debug)]
pub struct Evaluated<'e> {
    /// The ID number as it may be shown.
    pub id: Shown,
    /// The birth date, when known.
    pub birth: Option<NaiveDate>,
    /// The policy, when known.
    pub policy: Option<&'e Policy>,
    /// The policy id as written, for an unknown one (shown redacted and shortened).
    pub policy_text: Option<String>,
    /// The quote, or why there is none.
    pub result: Result<Outcome, Error>,
}

/// Reads the facts of a row and quotes it.
pub fn evaluate<'e>(
    engine: &'e Engine,
    default_policy: Option<&str>,
    f: &Fields<'_>,
) -> Evaluated<'e> {
    let mut ev = Evaluated {
        id: Shown::None,
        birth: None,
        policy: None,
        policy_text: None,
        result: Err(Error::request(Message::RowNeedsBirth {})),
    };
    ev.result = quote(engine, default_policy, f, &mut ev);
    ev
}

fn quote<'e>(
    engine: &'e Engine,
    default_policy: Option<&str>,
    f: &Fields<'_>,
    ev: &mut Evaluated<'e>,
) -> Result<Outcome, Error> {
    let policy_id = f.policy.as_deref().or(default_policy);
    if let Some(p) = policy_id {
        match engine.policy(p) {
            Ok(policy) => ev.policy = Some(policy),
            Err(_) => {
                let shown: String = p.chars().take(40).collect();
                ev.policy_text = Some(yibao::id::redact(&shown));
            }
        }
    }
    // The birth date: from the ID number or `birth_date`; both must agree.
    let from_id = match f.id_number.as_deref() {
        None => None,
        Some(text) => match yibao::id::parse(text, None) {
            Ok(n) => {
                ev.id = Shown::Valid(n);
                Some(n.birth_date())
            }
            Err(e) => {
                ev.id = Shown::Invalid(yibao::id::mask(text.trim()));
                return Err(Error::from(e));
            }
        },
    };
    let written = f
        .birth_date
        .as_deref()
        .map(|b| row::date("birth_date", b))
        .transpose()?;
    let birth = match (from_id, written) {
        (Some(a), Some(b)) if a != b => {
            ev.birth = Some(a);
            return Err(Error::request(Message::BirthMismatch {}));
        }
        (Some(a), _) | (None, Some(a)) => a,
        (None, None) => return Err(Error::request(Message::RowNeedsBirth {})),
    };
    ev.birth = Some(birth);
    let paid_on = match f.paid_on.as_deref() {
        Some(d) => row::date("paid_on", d)?,
        None => return Err(Error::request(Message::RowNeedsPaidOn {})),
    };
    let mut facts = Facts::born(birth);
    if let Some(p) = ev.policy {
        facts.categories = categories(p, &f.categories)?;
    } else if !matches!(f.categories, RawCategories::None) {
        // Without a policy no category can be resolved: the engine reports the policy.
        facts.categories = CategorySet::EMPTY;
    }
    facts.insured_elsewhere = f.insured_elsewhere.unwrap_or(false);
    facts.transfer = f.transfer.unwrap_or(false);
    facts.parent_insured = f.parent_insured.unwrap_or(false);
    facts.newly_aided = f.newly_aided.unwrap_or(false);
    facts.employee_insurance_ended_on = f
        .employee_insurance_ended_on
        .as_deref()
        .map(|d| row::date("employee_insurance_ended_on", d))
        .transpose()?;
    // A grade (缴费档次) is resolved by the engine, which words an unknown one.
    let grade = f.grade.as_deref().map(str::trim).filter(|g| !g.is_empty());
    let typed = |policy: &str| match grade {
        None => engine.quote_typed(policy, &facts, paid_on),
        Some(g) => engine
            .quote_typed_graded(policy, &facts, Some(g), paid_on)
            .map(|(o, _)| o),
    };
    match (ev.policy, policy_id) {
        (Some(p), _) => typed(&p.id),
        // The engine words the unknown-policy error; it never echoes more than 40 chars.
        (None, Some(p)) => typed(p),
        (None, None) => Err(Error::request(Message::RowNeedsPolicy {})),
    }
}

fn categories(policy: &Policy, raw: &RawCategories<'_>) -> Result<CategorySet, Error> {
    let mut set = CategorySet::EMPTY;
    let mut add = |id: &str| -> Result<(), Error> {
        let id = id.trim();
        if id.is_empty() {
            return Ok(());
        }
        let bit = policy.table.bit(id).ok_or_else(|| {
            Error::new(
                ErrorCode::UnknownCategory,
                Message::UnknownCategory {
                    policy: policy.id.clone(),
                    category: Excerpt::of(id),
                },
            )
        })?;
        set.insert_bit(bit);
        Ok(())
    };
    match raw {
        RawCategories::None => {}
        RawCategories::Piped(s) => s.split('|').try_for_each(&mut add)?,
        RawCategories::List(v) => v.iter().try_for_each(|s| add(s))?,
    }
    Ok(set)
}

/// Formats money through its `Display`, remembering the amounts seen: a county's rows
/// repeat a handful of figures (380.00, 76.00, 640.00...) and household totals a few
/// dozen, while formatting an exact decimal costs more than the rest of a row.
///
/// The memory is a direct-mapped table keyed on the decimal's 16 raw bytes: equal bytes
/// are an equal amount, so a hit prints exactly what `Display` printed; an equal amount
/// with other bytes (another scale) only misses.
#[derive(Debug)]
pub struct MoneyText {
    slots: Vec<Option<([u8; 16], Vec<u8>)>>,
}

impl Default for MoneyText {
    fn default() -> MoneyText {
        MoneyText {
            slots: vec![None; Self::SLOTS],
        }
    }
}

impl MoneyText {
    /// Slots of the table (a power of two).
    const SLOTS: usize = 256;

    /// Appends `m` as `Display` writes it (two decimals).
    pub fn push(&mut self, out: &mut Vec<u8>, m: Money) {
        let raw = m.decimal().serialize();
        // One multiply of the two halves: cheap, and enough to spread a few dozen amounts.
        let (lo, hi) = raw.split_at(8);
        let half = |b: &[u8]| u64::from_le_bytes(<[u8; 8]>::try_from(b).unwrap_or_default());
        let hash = (half(lo) ^ half(hi).rotate_left(29)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let index = usize::try_from(hash >> 56).unwrap_or(0) % Self::SLOTS;
        let Some(slot) = self.slots.get_mut(index) else {
            // The index is below the table's length; this only avoids a panic path.
            let _ = write!(out, "{m}");
            return;
        };
        match slot {
            Some((key, text)) if *key == raw => out.extend_from_slice(text),
            _ => {
                let mut text = Vec::with_capacity(16);
                // Writing to a Vec cannot fail.
                let _ = write!(text, "{m}");
                out.extend_from_slice(&text);
                *slot = Some((raw, text));
            }
        }
    }
}

/// Appends `YYYY-MM-DD`.
pub fn push_date(out: &mut Vec<u8>, d: NaiveDate) {
    /// The core's text writers, onto the bytes of a row.
    struct Bytes<'a>(&'a mut Vec<u8>);
    impl std::fmt::Write for Bytes<'_> {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0.extend_from_slice(s.as_bytes());
            Ok(())
        }
    }
    if yibao::dates::write_iso(d, &mut Bytes(out)).is_none() {
        // Out of the four-digit range no row can reach; chrono's Display is still right.
        let _ = write!(out, "{d}");
    }
}

/// Appends the masked ID: `140402********1234` for a valid number.
fn push_masked(out: &mut Vec<u8>, id: &Shown) -> bool {
    match id {
        Shown::None => false,
        Shown::Valid(n) => {
            // Equal to `yibao::id::mask(n.normalized())` for the 18 ASCII characters of a
            // normalised number, without its allocation.
            let d = n.normalized().as_bytes();
            out.extend_from_slice(d.get(..6).unwrap_or_default());
            out.extend_from_slice(b"********");
            out.extend_from_slice(d.get(d.len().saturating_sub(4)..).unwrap_or_default());
            true
        }
        Shown::Invalid(s) => {
            out.extend_from_slice(s.as_bytes());
            true
        }
    }
}

/// Appends a CSV field, quoted when it holds a comma, a quote or a line end.
fn push_csv_text(out: &mut Vec<u8>, s: &str) {
    if s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        out.push(b'"');
        for part in s.split('"').enumerate() {
            if part.0 > 0 {
                out.extend_from_slice(b"\"\"");
            }
            // Line ends inside a message would split the record: spaces instead.
            out.extend(part.1.bytes().map(|b| match b {
                b'\n' | b'\r' => b' ',
                _ => b,
            }));
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(s.as_bytes());
    }
}

/// Appends a JSON string (quoted and escaped).
fn push_json_text(out: &mut Vec<u8>, s: &str) {
    // serde_json writes to a Vec without failing; its escaping is the standard one.
    let _ = serde_json::to_writer(&mut *out, s);
}

/// Writes one row's output line.
pub struct Writer<'m> {
    /// The output format.
    pub format: Format,
    /// The money formatter of this worker.
    pub money: &'m mut MoneyText,
    /// The language of `error_message` (`--lang`).
    pub lang: Lang,
}

impl Writer<'_> {
    /// Appends the output line of row `line`.
    pub fn row(&mut self, out: &mut Vec<u8>, line: u64, ev: &Evaluated<'_>) {
        match self.format {
            Format::Csv => self.csv(out, line, ev),
            Format::Jsonl => self.json(out, line, ev),
        }
    }

    fn csv(&mut self, out: &mut Vec<u8>, line: u64, ev: &Evaluated<'_>) {
        out.extend_from_slice(itoa::Buffer::new().format(line).as_bytes());
        out.extend_from_slice(if ev.result.is_ok() {
            b",ok,"
        } else {
            b",error,"
        });
        if let Shown::Invalid(s) = &ev.id {
            push_csv_text(out, s);
        } else {
            push_masked(out, &ev.id);
        }
        out.push(b',');
        if let Some(b) = ev.birth {
            push_date(out, b);
        }
        out.push(b',');
        match (ev.policy, &ev.policy_text) {
            (Some(p), _) => out.extend_from_slice(p.id.as_bytes()),
            (None, Some(t)) => push_csv_text(out, t),
            (None, None) => {}
        }
        out.push(b',');
        match &ev.result {
            Ok(o) => {
                if let Some(t) = tier_id(ev.policy, o) {
                    push_csv_text(out, t);
                }
                out.push(b',');
                // Asked before aid: a late payer's fiscal share included (the JSON
                // contract shows it apart as `fiscal_share_paid_by_person`).
                self.money.push(out, o.personal_standard + o.fiscal_share);
                out.push(b',');
                self.money.push(out, o.fiscal_subsidy);
                out.push(b',');
                self.money.push(out, o.aid_total());
                out.push(b',');
                if let Some(s) = aid_source(ev.policy, o) {
                    out.extend_from_slice(source_id(s).as_bytes());
                }
                out.push(b',');
                self.money.push(out, o.personal_due);
                out.push(b',');
                if let Some(d) = o.benefit_start {
                    push_date(out, d);
                }
                out.push(b',');
                if let Some(d) = o.benefit_end {
                    push_date(out, d);
                }
                out.extend_from_slice(b",,\n");
            }
            Err(e) => {
                out.extend_from_slice(b",,,,,,,,");
                out.extend_from_slice(e.code().as_str().as_bytes());
                out.push(b',');
                push_csv_text(out, &e.text(self.lang));
                out.push(b'\n');
            }
        }
    }

    fn json(&mut self, out: &mut Vec<u8>, line: u64, ev: &Evaluated<'_>) {
        out.extend_from_slice(b"{\"line\":");
        out.extend_from_slice(itoa::Buffer::new().format(line).as_bytes());
        out.extend_from_slice(if ev.result.is_ok() {
            b",\"status\":\"ok\",\"id_masked\":"
        } else {
            b",\"status\":\"error\",\"id_masked\":"
        });
        match &ev.id {
            Shown::None => out.extend_from_slice(b"null"),
            Shown::Invalid(s) => push_json_text(out, s),
            valid => {
                out.push(b'"');
                push_masked(out, valid);
                out.push(b'"');
            }
        }
        out.extend_from_slice(b",\"birth_date\":");
        self.json_date(out, ev.birth);
        out.extend_from_slice(b",\"policy\":");
        match (ev.policy, &ev.policy_text) {
            (Some(p), _) => push_json_text(out, &p.id),
            (None, Some(t)) => push_json_text(out, t),
            (None, None) => out.extend_from_slice(b"null"),
        }
        match &ev.result {
            Ok(o) => {
                out.extend_from_slice(b",\"window\":");
                match tier_id(ev.policy, o) {
                    Some(t) => push_json_text(out, t),
                    None => out.extend_from_slice(b"null"),
                }
                for (key, m) in [
                    (
                        &b",\"personal_standard\":\""[..],
                        o.personal_standard + o.fiscal_share,
                    ),
                    (b"\",\"fiscal_subsidy\":\"", o.fiscal_subsidy),
                    (b"\",\"aid_total\":\"", o.aid_total()),
                ] {
                    out.extend_from_slice(key);
                    self.money.push(out, m);
                }
                out.extend_from_slice(b"\",\"aid_source\":");
                match aid_source(ev.policy, o) {
                    Some(s) => {
                        out.push(b'"');
                        out.extend_from_slice(source_id(s).as_bytes());
                        out.push(b'"');
                    }
                    None => out.extend_from_slice(b"null"),
                }
                out.extend_from_slice(b",\"personal_due\":\"");
                self.money.push(out, o.personal_due);
                out.extend_from_slice(b"\",\"benefit_start\":");
                self.json_date(out, o.benefit_start);
                out.extend_from_slice(b",\"benefit_end\":");
                self.json_date(out, o.benefit_end);
                out.extend_from_slice(b",\"error\":null}\n");
            }
            Err(e) => {
                out.extend_from_slice(
                    b",\"window\":null,\"personal_standard\":null,\"fiscal_subsidy\":null,\
                      \"aid_total\":null,\"aid_source\":null,\"personal_due\":null,\
                      \"benefit_start\":null,\"benefit_end\":null,\"error\":{\"code\":\"",
                );
                out.extend_from_slice(e.code().as_str().as_bytes());
                out.extend_from_slice(b"\",\"message\":");
                push_json_text(out, &e.text(self.lang));
                out.extend_from_slice(b"}}\n");
            }
        }
    }

    fn json_date(&self, out: &mut Vec<u8>, d: Option<NaiveDate>) {
        match d {
            Some(d) => {
                out.push(b'"');
                push_date(out, d);
                out.push(b'"');
            }
            None => out.extend_from_slice(b"null"),
        }
    }
}

/// The id of the payment period used (none for a newborn registering outside every one).
fn tier_id<'p>(policy: Option<&'p Policy>, o: &Outcome) -> Option<&'p str> {
    policy?.tiers.get(o.tier?).map(|t| t.id.as_str())
}

/// Who funds the aid granted.
pub fn aid_source(policy: Option<&Policy>, o: &Outcome) -> Option<FundingSource> {
    policy?.aid.get(o.aid?.rule).map(|r| r.source)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn source_ids_match_the_contract() {
        for s in SOURCES {
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", source_id(s))
            );
            assert_eq!(SOURCES[source_index(s)], s);
        }
    }

    #[test]
    fn dates_and_money_print_as_the_core_does() {
        let mut out = Vec::new();
        push_date(&mut out, NaiveDate::from_ymd_opt(2024, 1, 9).unwrap());
        assert_eq!(out, b"2024-01-09");
        let mut text = MoneyText::default();
        let mut out = Vec::new();
        for fen in [38_000, 7_600, 38_000, 0] {
            text.push(&mut out, Money::from_fen(fen));
            out.push(b' ');
        }
        assert_eq!(String::from_utf8(out).unwrap(), "380.00 76.00 380.00 0.00 ");
    }

    #[test]
    fn csv_text_is_quoted_when_needed() {
        let mut out = Vec::new();
        push_csv_text(&mut out, "plain");
        out.push(b'|');
        push_csv_text(&mut out, "a \"b\", c\nd");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "plain|\"a \"\"b\"\", c d\""
        );
    }

    #[test]
    fn masked_matches_the_core() {
        let n = yibao::id::parse("11010519491231002X", None).unwrap();
        let mut out = Vec::new();
        push_masked(&mut out, &Shown::Valid(n));
        assert_eq!(out, yibao::id::mask("11010519491231002X").as_bytes());
    }
}
