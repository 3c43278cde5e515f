//! The `quote` and `household` answers written straight into their JSON text.
//!
//! # Design
//! These two answers are the hot path of every binding (a bank counter quotes one person
//! at a time; the npm package quotes on every keystroke). Through serde's derive, two
//! thirds of a quote's cost was serde_json escaping the answer's sixty-odd keys and short
//! strings one byte at a time; here the keys are literals and the policy's texts are
//! copied from their kept JSON ([`SharedStr`]). The output is byte for byte what
//! `serde_json::to_string` gives for the same value: the test below and the property
//! tests (`core/tests/properties.rs`) compare the two on every built-in case and on random
//! requests, so a field added to a contract type and not here fails them. The rarer parts
//! (continuity, cap raise, prior years) are written by serde_json.

use crate::contract::{
    AidLine, Assumption, Bases, Basis, Citation, Household, Quote, Warning, WindowRef,
};
use crate::engine::explain::{Said, Trail};
use crate::money::Money;
use crate::shared::{KeptJson, SharedStr};
use chrono::NaiveDate;
use serde::Serialize;

/// Where an answer's JSON is written: a `String`, or [`Pieces`], which keep the pieces a
/// policy keeps apart.
pub(crate) trait Out {
    /// The text written so far.
    fn text(&mut self) -> &mut String;

    /// A piece of JSON a policy keeps (`serial` names it for as long as the process
    /// lives); `hold` gives a handle on it. Copied into the text, but for [`Pieces`].
    fn kept(&mut self, serial: u64, json: &str, hold: impl FnOnce() -> Held) {
        let _ = (serial, hold);
        self.text().push_str(json);
    }
}

impl Out for String {
    fn text(&mut self) -> &mut String {
        self
    }
}

/// The character the text of [`Pieces`] holds where a kept piece goes (never in an answer's
/// JSON: a control character is escaped in a JSON string and is none of JSON's own).
pub const PIECE_MARK: char = '\u{1}';

/// An answer with the pieces its policy keeps apart ([`super::handle_pieces`]): the
/// text with [`PIECE_MARK`] where each of `kept` goes, in order.
#[derive(Debug, Default)]
pub struct Pieces {
    /// The answer's JSON but for the kept pieces.
    pub text: String,
    /// The kept pieces, in the order of the marks.
    pub kept: Vec<KeptPiece>,
}

impl Pieces {
    /// The whole answer: each mark replaced by its piece.
    pub fn join(&self) -> String {
        let mut out = String::with_capacity(self.len());
        let mut kept = self.kept.iter();
        for (i, part) in self.text.split(PIECE_MARK).enumerate() {
            if i > 0 {
                out.push_str(kept.next().map(KeptPiece::json).unwrap_or_default());
            }
            out.push_str(part);
        }
        out
    }

    /// The length of the whole answer, in bytes.
    pub fn len(&self) -> usize {
        // The text holds one mark a piece.
        let marks = self.kept.len() * PIECE_MARK.len_utf8();
        self.text.len().saturating_sub(marks)
            + self.kept.iter().map(|k| k.json().len()).sum::<usize>()
    }

    /// Whether the answer is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Out for Pieces {
    fn text(&mut self) -> &mut String {
        &mut self.text
    }

    fn kept(&mut self, serial: u64, _json: &str, hold: impl FnOnce() -> Held) {
        self.text.push(PIECE_MARK);
        self.kept.push(KeptPiece {
            serial,
            held: hold(),
        });
    }
}

/// A kept piece of an answer: its serial, never given to another piece in this process,
/// and its JSON.
#[derive(Debug, Clone)]
pub struct KeptPiece {
    /// The piece's number: a piece with the same serial is the same JSON.
    pub serial: u64,
    held: Held,
}

impl KeptPiece {
    /// The piece's JSON.
    pub fn json(&self) -> &str {
        match &self.held {
            Held::Tail(t) => t,
            Held::Text(t) => t.json().map(|raw| raw.get()).unwrap_or_default(),
        }
    }
}

/// A handle on a kept piece.
#[derive(Debug, Clone)]
pub(crate) enum Held {
    /// A citation's JSON after its rule's name ([`KeptJson`]).
    Tail(std::sync::Arc<str>),
    /// A text of the policy, as its JSON string.
    Text(SharedStr),
}

/// The JSON of a quote answer.
#[cfg(test)]
pub(crate) fn quote(q: &Quote) -> Result<String, serde_json::Error> {
    // Most answers are 2–4 KB: one allocation for the usual case.
    let mut out = String::with_capacity(4096);
    write_quote(&mut out, q, Trails::of(q))?;
    Ok(out)
}

/// The JSON of a quote answer from the quote and the trail of its explanation (whose
/// citations, assumptions and warnings the quote does not hold).
pub(crate) fn quote_of(q: Quote, trail: &mut Trail<'_>) -> Result<String, serde_json::Error> {
    let mut out = String::with_capacity(4096);
    write_quote(&mut out, &q, Trails::Borrowed(trail))?;
    Ok(out)
}

/// [`quote_of`], with the pieces the policy keeps apart.
pub(crate) fn quote_pieces(q: Quote, trail: &mut Trail<'_>) -> Result<Pieces, serde_json::Error> {
    let mut out = Pieces {
        text: String::with_capacity(1536),
        kept: Vec::with_capacity(12),
    };
    write_quote(&mut out, &q, Trails::Borrowed(trail))?;
    Ok(out)
}

/// The JSON of a household answer.
pub(crate) fn household(h: &Household) -> Result<String, serde_json::Error> {
    let mut out = String::with_capacity(1024 + 3072 * h.members.len());
    out.push_str("{\"policy\":");
    string(&mut out, &h.policy);
    out.push_str(",\"members\":[");
    for (i, m) in h.members.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match m {
            Some(q) => write_quote(&mut out, q, Trails::of(q))?,
            None => out.push_str("null"),
        }
    }
    out.push_str("],\"personal_due_total\":");
    money(&mut out, h.personal_due_total);
    Trails::Own(&h.citations, &h.assumptions, &h.warnings).write(&mut out);
    out.push('}');
    Ok(out)
}

/// A citation, an assumption and a warning as the writer reads them, from an answer's own
/// types or from the trail that borrows the policy's texts.
struct CiteView<'a> {
    rule: &'a SharedStr,
    document: &'a SharedStr,
    clause: &'a SharedStr,
    text: Option<&'a SharedStr>,
    /// Where the JSON after the rule's name is kept (a citation of a policy).
    json: Option<&'a KeptJson>,
}

struct AssumeView<'a> {
    rule: &'a SharedStr,
    text: &'a SharedStr,
    /// Whether the text is the policy's own (kept as long as it is).
    kept: bool,
}

struct WarnView<'a> {
    code: &'a str,
    message: &'a SharedStr,
    kept: bool,
}

/// Where the writer finds a quote's citations, assumptions and warnings.
#[derive(Clone, Copy)]
enum Trails<'a, 'p> {
    /// In the quote (an owned answer, or a household's member).
    Own(&'a [Citation], &'a [Assumption], &'a [Warning]),
    /// In the trail of its explanation.
    Borrowed(&'a Trail<'p>),
}

impl<'a> Trails<'a, 'a> {
    fn of(q: &'a Quote) -> Trails<'a, 'a> {
        Trails::Own(&q.citations, &q.assumptions, &q.warnings)
    }
}

impl<'a, 'p: 'a> Trails<'a, 'p> {
    fn write(self, out: &mut impl Out) {
        out.text().push_str(",\"citations\":");
        match self {
            Trails::Own(cs, _, _) => citations(
                out,
                cs.iter().map(|c| CiteView {
                    rule: &c.rule,
                    document: &c.document,
                    clause: &c.clause,
                    text: c.text.as_ref(),
                    json: None,
                }),
            ),
            Trails::Borrowed(t) => citations(
                out,
                t.citations.iter().map(|c| CiteView {
                    rule: c.rule.get(),
                    document: c.document,
                    clause: c.clause,
                    text: c.text,
                    json: Some(c.json),
                }),
            ),
        }
        out.text().push_str(",\"assumptions\":");
        match self {
            Trails::Own(_, xs, _) => assumptions(
                out,
                xs.iter().map(|a| AssumeView {
                    rule: &a.rule,
                    text: &a.text,
                    kept: false,
                }),
            ),
            Trails::Borrowed(t) => assumptions(
                out,
                t.assumptions.iter().map(|a| AssumeView {
                    rule: a.rule.get(),
                    text: a.text.get(),
                    kept: matches!(a.text, Said::Policy(_)),
                }),
            ),
        }
        out.text().push_str(",\"warnings\":");
        match self {
            Trails::Own(_, _, ws) => warnings(
                out,
                ws.iter().map(|w| WarnView {
                    code: &w.code,
                    message: &w.message,
                    kept: false,
                }),
            ),
            Trails::Borrowed(t) => warnings(
                out,
                t.warnings.iter().map(|w| WarnView {
                    code: w.code,
                    message: w.message.get(),
                    kept: matches!(w.message, Said::Policy(_)),
                }),
            ),
        }
    }
}

fn write_quote(
    sink: &mut impl Out,
    q: &Quote,
    trails: Trails<'_, '_>,
) -> Result<(), serde_json::Error> {
    let out = sink.text();
    out.push_str("{\"policy\":");
    shared(out, &q.policy);
    out.push_str(",\"window\":");
    window(out, &q.window);
    out.push_str(",\"newborn\":");
    opt_string(out, q.newborn.as_deref());
    out.push_str(",\"newborn_name\":");
    match &q.newborn_name {
        Some(name) => shared(out, name),
        None => out.push_str("null"),
    }
    out.push_str(",\"grade\":");
    opt_string(out, q.grade.as_deref());
    out.push_str(",\"total\":");
    money(out, q.total);
    out.push_str(",\"personal_standard\":");
    money(out, q.personal_standard);
    if !q.prior_years.is_empty() {
        out.push_str(",\"prior_years\":");
        serde(out, &q.prior_years)?;
    }
    out.push_str(",\"fiscal_subsidy\":");
    money(out, q.fiscal_subsidy);
    out.push_str(",\"fiscal_share_paid_by_person\":");
    money(out, q.fiscal_share_paid_by_person);
    out.push_str(",\"aid\":[");
    for (i, a) in q.aid.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        aid_line(out, a);
    }
    out.push_str("],\"aid_total\":");
    money(out, q.aid_total);
    out.push_str(",\"personal_due\":");
    money(out, q.personal_due);
    out.push_str(",\"benefit_start\":");
    opt_date(out, q.benefit_start);
    out.push_str(",\"benefit_end\":");
    opt_date(out, q.benefit_end);
    out.push_str(",\"basis\":");
    bases(out, &q.basis);
    trails.write(sink);
    let out = sink.text();
    out.push_str(",\"continuity\":");
    match &q.continuity {
        Some(c) => serde(out, c)?,
        None => out.push_str("null"),
    }
    out.push_str(",\"cap_raise\":");
    match &q.cap_raise {
        Some(c) => serde(out, c)?,
        None => out.push_str("null"),
    }
    out.push_str(",\"payment_visible_on\":");
    opt_date(out, q.payment_visible_on);
    out.push('}');
    Ok(())
}

fn window(out: &mut String, w: &WindowRef) {
    out.push_str("{\"id\":");
    shared(out, &w.id);
    out.push_str(",\"name\":");
    shared(out, &w.name);
    out.push_str(",\"from\":");
    date(out, w.from);
    out.push_str(",\"to\":");
    date(out, w.to);
    out.push('}');
}

fn aid_line(out: &mut String, a: &AidLine) {
    out.push_str("{\"category\":");
    shared(out, &a.category);
    out.push_str(",\"category_name\":");
    shared(out, &a.category_name);
    out.push_str(",\"source\":");
    out.push('"');
    out.push_str(a.source.as_str());
    out.push('"');
    out.push_str(",\"source_name\":");
    shared(out, &a.source_name);
    out.push_str(",\"amount\":");
    money(out, a.amount);
    out.push('}');
}

fn bases(out: &mut String, b: &Bases) {
    out.push_str("{\"personal_standard\":");
    basis(out, Some(b.personal_standard));
    out.push_str(",\"fiscal_subsidy\":");
    basis(out, Some(b.fiscal_subsidy));
    out.push_str(",\"aid\":");
    basis(out, b.aid);
    out.push_str(",\"benefit_start\":");
    basis(out, Some(b.benefit_start));
    out.push('}');
}

fn basis(out: &mut String, b: Option<Basis>) {
    out.push_str(match b {
        Some(Basis::Stated) => "\"stated\"",
        Some(Basis::National) => "\"national\"",
        Some(Basis::Assumed) => "\"assumed\"",
        Some(Basis::Unknown) => "\"unknown\"",
        None => "null",
    });
}

fn citations<'a>(sink: &mut impl Out, cs: impl Iterator<Item = CiteView<'a>>) {
    sink.text().push('[');
    for (i, c) in cs.enumerate() {
        let out = sink.text();
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"rule\":");
        shared(out, c.rule);
        // The rest as the citation kept it for this document (the policy's own notice,
        // unless the citation names another), else written here.
        let kept = c.json.and_then(|kept| {
            kept.get(crate::shared::identity(c.document), || {
                let mut tail = String::new();
                cite_tail(&mut tail, &c);
                tail
            })
        });
        match kept {
            Some((serial, tail)) => sink.kept(serial, tail, || Held::Tail(tail.clone())),
            None => cite_tail(sink.text(), &c),
        }
    }
    sink.text().push(']');
}

/// A citation's JSON after its rule's name.
fn cite_tail(out: &mut String, c: &CiteView<'_>) {
    out.push_str(",\"document\":");
    shared(out, c.document);
    out.push_str(",\"clause\":");
    shared(out, c.clause);
    if let Some(text) = c.text {
        out.push_str(",\"text\":");
        shared(out, text);
    }
    out.push('}');
}

/// A text of the policy, kept apart where the sink keeps pieces; any other text copied.
fn policy_text(sink: &mut impl Out, s: &SharedStr, kept: bool) {
    match s.kept_json() {
        Some((serial, raw)) if kept => sink.kept(serial, raw.get(), || Held::Text(s.clone())),
        _ => shared(sink.text(), s),
    }
}

fn assumptions<'a>(sink: &mut impl Out, xs: impl Iterator<Item = AssumeView<'a>>) {
    sink.text().push('[');
    for (i, a) in xs.enumerate() {
        let out = sink.text();
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"rule\":");
        shared(out, a.rule);
        out.push_str(",\"text\":");
        policy_text(sink, a.text, a.kept);
        sink.text().push('}');
    }
    sink.text().push(']');
}

fn warnings<'a>(sink: &mut impl Out, ws: impl Iterator<Item = WarnView<'a>>) {
    sink.text().push('[');
    for (i, w) in ws.enumerate() {
        let out = sink.text();
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"code\":");
        string(out, w.code);
        out.push_str(",\"message\":");
        policy_text(sink, w.message, w.kept);
        sink.text().push('}');
    }
    sink.text().push(']');
}

/// A part written by serde_json (with the shared texts from their kept JSON).
fn serde<T: Serialize + ?Sized>(out: &mut String, value: &T) -> Result<(), serde_json::Error> {
    out.push_str(&crate::shared::raw_json(|| serde_json::to_string(value))?);
    Ok(())
}

fn shared(out: &mut String, s: &SharedStr) {
    match s.json() {
        Some(raw) => out.push_str(raw.get()),
        None => string(out, s),
    }
}

fn money(out: &mut String, m: Money) {
    out.push('"');
    m.push_to(out);
    out.push('"');
}

fn date(out: &mut String, d: NaiveDate) {
    out.push('"');
    crate::dates::iso::push(out, d);
    out.push('"');
}

fn opt_date(out: &mut String, d: Option<NaiveDate>) {
    match d {
        Some(d) => date(out, d),
        None => out.push_str("null"),
    }
}

fn opt_string(out: &mut String, s: Option<&str>) {
    match s {
        Some(s) => string(out, s),
        None => out.push_str("null"),
    }
}

/// The offset of the first byte of `bytes` a JSON string escapes (`"`, `\\`, a control
/// character). Eight bytes at a time (SWAR: "has a byte less than n" and "has a zero byte"
/// on a `u64`, both exact for the question whether there is one), as most texts have none.
fn first_escaped(bytes: &[u8]) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let is_escaped = |b: &u8| matches!(*b, 0x00..=0x1F | b'"' | b'\\');
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let x = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or([0; 8]));
        let control = x.wrapping_sub(LO * 0x20) & !x & HI;
        let q = x ^ (LO * u64::from(b'"'));
        let quote = q.wrapping_sub(LO) & !q & HI;
        let b = x ^ (LO * u64::from(b'\\'));
        let backslash = b.wrapping_sub(LO) & !b & HI;
        if control | quote | backslash != 0 {
            return chunk.iter().position(is_escaped).map(|p| at + p);
        }
        at += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(is_escaped)
        .map(|p| at + p)
}

/// A JSON string, escaped as serde_json escapes: `"` and `\`, the five short forms, other
/// control characters as `\u00XX` (lower-case hex); everything else as it is.
pub(crate) fn string(out: &mut String, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    let mut start = 0;
    while let Some(at) = bytes.get(start..).and_then(first_escaped) {
        let i = start + at;
        let b = bytes.get(i).copied().unwrap_or(0);
        // `i` is at an ASCII byte: a character boundary.
        out.push_str(s.get(start..i).unwrap_or_default());
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0C => out.push_str("\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(
                    HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0'),
                ));
                out.push(char::from(
                    HEX.get(usize::from(b & 0xF)).copied().unwrap_or(b'0'),
                ));
            }
        }
        start = i + 1;
    }
    out.push_str(s.get(start..).unwrap_or_default());
    out.push('"');
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use chrono::Datelike;

    #[test]
    fn amounts_and_dates_are_written_as_serde_writes_them() {
        for fen in (0..3_000_000i64).step_by(13).chain([
            99,
            100,
            999_999,
            1_000_000,
            99_999_999_999,
            100_000_000_000,
        ]) {
            let m = Money::from_fen(fen);
            let mut out = String::new();
            money(&mut out, m);
            assert_eq!(out, serde_json::to_string(&m).unwrap(), "{fen}");
        }
        let mut d = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
        while d.year() < 2200 {
            let mut out = String::new();
            date(&mut out, d);
            assert_eq!(out, format!("\"{}\"", d.format("%Y-%m-%d")));
            d = d + chrono::Days::new(3);
        }
    }

    #[test]
    fn funding_sources_are_written_as_serde_writes_them() {
        use crate::policy::FundingSource as F;
        for f in [
            F::MedicalAssistance,
            F::DisabilityEmploymentSecurityFund,
            F::Government,
            F::CountyFinance,
        ] {
            assert_eq!(
                format!("\"{}\"", f.as_str()),
                serde_json::to_string(&f).unwrap()
            );
        }
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let every_ascii: String = (0u8..0x80).map(char::from).collect();
        for s in [
            every_ascii.as_str(),
            "",
            "长治市“低保”\\对象\"\n",
            "\u{7f}\u{80}\u{2028}\u{fffd}😀",
        ] {
            let mut out = String::new();
            string(&mut out, s);
            assert_eq!(out, serde_json::to_string(s).unwrap());
        }
        // Every ASCII byte at every place of the eight-byte chunks and their remainder.
        for len in 1..20 {
            for at in 0..len {
                for b in 0u8..0x80 {
                    let mut s = "长".repeat(len / 3) + &"a".repeat(len - (len / 3) * 3);
                    let at = at.min(s.len() - 1);
                    if !s.is_char_boundary(at) {
                        continue;
                    }
                    s.insert(at, char::from(b));
                    let mut out = String::new();
                    string(&mut out, &s);
                    assert_eq!(out, serde_json::to_string(&s).unwrap(), "{s:?}");
                }
            }
        }
    }

    #[test]
    #[cfg(feature = "builtin-policies")]
    fn every_built_in_case_is_written_as_serde_json_writes_it() {
        // Every case of every built-in policy's case file, in both languages.
        let engine = crate::Engine::builtin();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("policies");
        let (mut quotes, mut households) = (0, 0);
        let mut seen = std::collections::HashMap::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            if !name.ends_with(".cases.toml") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for case in crate::conformance::parse_case_file(&name, &text).unwrap() {
                for lang in crate::Lang::ALL {
                    let mut request = case.request.clone();
                    if let Some(o) = request.as_object_mut() {
                        o.insert("lang".into(), lang.as_str().into());
                    }
                    let request = request.to_string();
                    if case.op == "quote" {
                        let Ok(req) = crate::json::parse_request(&request) else {
                            continue;
                        };
                        let Ok(q) = engine.quote(&req) else { continue };
                        let serde = serde_json::to_string(&q).unwrap();
                        assert_eq!(quote(&q).unwrap(), serde);
                        // Written from the trail that borrows the policy's texts, as
                        // `json::handle` does.
                        assert_eq!(engine.quote_with(&req, quote_of).unwrap().unwrap(), serde);
                        // And with the policy's kept pieces apart (the npm package): the
                        // same answer once joined, a mark for each piece, and a serial
                        // that always names the same JSON.
                        let pieces = engine.quote_with(&req, quote_pieces).unwrap().unwrap();
                        // Every citation of a loaded policy is kept (its document is the
                        // policy's own or the one it names), besides its texts.
                        assert!(pieces.kept.len() >= q.citations.len());
                        assert_eq!(pieces.join(), serde);
                        assert_eq!(pieces.len(), serde.len());
                        assert_eq!(pieces.text.matches(PIECE_MARK).count(), pieces.kept.len());
                        for k in &pieces.kept {
                            let json = seen.entry(k.serial).or_insert_with(|| k.json().to_string());
                            assert_eq!(json, k.json());
                        }
                        quotes += 1;
                    } else if case.op == "household" {
                        let Ok(req) = crate::json::parse_request(&request) else {
                            continue;
                        };
                        let Ok(h) = engine.household(&req) else {
                            continue;
                        };
                        assert_eq!(household(&h).unwrap(), serde_json::to_string(&h).unwrap());
                        households += 1;
                    }
                }
            }
        }
        assert!(
            quotes > 300 && households > 4,
            "{quotes} quotes, {households} households"
        );
    }
}
