//! Totals of a batch: rows, money by who pays it, errors by code, and households.
//!
//! # Design
//! Each worker tallies its own piece of rows ([`Tally`], [`Households`]) and the writer
//! thread adds the pieces up in input order, so no lock is taken per row and the first
//! line of each error code is the first in the file. Money is [`Money`] throughout.
//!
//! Households (凌源's 整户参保, and any file with a `household` column): rows that share a
//! household key are one household, wherever they stand in the file. The batch cannot
//! see members who are not in the file, so what it can say is which households have a
//! member whose row failed: under a whole-household rule such a household is
//! `incomplete` (it cannot enrol as a whole until that row is fixed), elsewhere it has
//! `member_errors`. The map of households is the one thing that grows with the input,
//! by a few hundred bytes per household at its peak (the hash table doubling).

use super::answer::{self, SOURCES};
use crate::args::Format;
use crate::words::pick;
use std::collections::HashMap;
use std::io::Write;
use yibao::policy::Policy;
use yibao::{ErrorCode, Lang, Money};

/// Rows and money of one funding source.
#[derive(Debug, Clone, Copy, Default)]
pub struct SourceTotal {
    /// Rows aided from this source.
    pub rows: u64,
    /// Aid paid from it.
    pub amount: Money,
}

/// Rows of one error code.
#[derive(Debug, Clone, Copy, Default)]
pub struct CodeCount {
    /// How many rows.
    pub rows: u64,
    /// The first line with it.
    pub first_line: u64,
}

/// Totals over rows.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    /// Rows read (blank lines are not rows).
    pub rows: u64,
    /// Rows quoted.
    pub quoted: u64,
    /// Sum of what was asked before aid (personal standards, late payers' fiscal shares).
    pub personal_standard: Money,
    /// Sum of the fiscal subsidies.
    pub fiscal_subsidy: Money,
    /// Sum of the aid.
    pub aid_total: Money,
    /// Sum of what the residents pay.
    pub personal_due: Money,
    /// Aid by funding source, in [`SOURCES`] order.
    pub by_source: [SourceTotal; SOURCES.len()],
    /// Errors by code, in [`ErrorCode::ALL`] order.
    pub errors: Vec<CodeCount>,
}

impl Tally {
    /// Counts a quoted row.
    pub fn quoted(&mut self, policy: Option<&Policy>, o: &yibao::Outcome) {
        self.rows += 1;
        self.quoted += 1;
        self.personal_standard = self.personal_standard + o.personal_standard + o.fiscal_share;
        self.fiscal_subsidy = self.fiscal_subsidy + o.fiscal_subsidy;
        self.personal_due = self.personal_due + o.personal_due;
        let aid = o.aid_total();
        if !aid.is_zero() {
            self.aid_total = self.aid_total + aid;
            // Each funding source its own share (临沂: 医疗救助资金 150, 县区财政 200).
            let rule = o.aid.and_then(|a| policy?.aid.get(a.rule));
            if let Some(rule) = rule {
                let personal = o.personal_standard - o.prior_year;
                let shares = rule.shares(personal).zip(rule.shares_on(o.prior_year));
                for ((source, now), (_, prior)) in shares {
                    let amount = now + prior;
                    if amount.is_zero() {
                        continue;
                    }
                    if let Some(s) = self.by_source.get_mut(answer::source_index(source)) {
                        s.rows += 1;
                        s.amount = s.amount + amount;
                    }
                }
            }
        }
    }

    /// Counts a failed row.
    pub fn failed(&mut self, code: ErrorCode, line: u64) {
        self.rows += 1;
        let Some(i) = ErrorCode::ALL.iter().position(|c| *c == code) else {
            return;
        };
        if self.errors.len() < ErrorCode::ALL.len() {
            self.errors
                .resize(ErrorCode::ALL.len(), CodeCount::default());
        }
        if let Some(c) = self.errors.get_mut(i) {
            if c.rows == 0 {
                c.first_line = line;
            }
            c.rows += 1;
        }
    }

    /// Adds a later piece of the file.
    pub fn add(&mut self, other: &Tally) {
        self.rows += other.rows;
        self.quoted += other.quoted;
        self.personal_standard = self.personal_standard + other.personal_standard;
        self.fiscal_subsidy = self.fiscal_subsidy + other.fiscal_subsidy;
        self.aid_total = self.aid_total + other.aid_total;
        self.personal_due = self.personal_due + other.personal_due;
        for (a, b) in self.by_source.iter_mut().zip(&other.by_source) {
            a.rows += b.rows;
            a.amount = a.amount + b.amount;
        }
        if other.errors.is_empty() {
            return;
        }
        if self.errors.len() < other.errors.len() {
            self.errors.resize(other.errors.len(), CodeCount::default());
        }
        for (a, b) in self.errors.iter_mut().zip(&other.errors) {
            if a.rows == 0 {
                a.first_line = b.first_line;
            }
            a.rows += b.rows;
        }
    }

    /// Rows that failed.
    pub fn failed_rows(&self) -> u64 {
        self.rows - self.quoted
    }
}

/// One household's totals.
#[derive(Debug, Clone)]
pub struct Household<'e> {
    /// Line of its first member.
    pub first_line: u64,
    /// Its policy: the first member's known policy (borrowed from the engine).
    pub policy: Option<&'e str>,
    /// Members' policies differ.
    pub mixed_policy: bool,
    /// The policy requires the whole household to enrol together.
    pub whole: bool,
    /// Rows.
    pub members: u32,
    /// Rows quoted.
    pub quoted: u32,
    /// First line of a failed member.
    pub first_error_line: Option<u64>,
    /// What the household pays.
    pub personal_due: Money,
    /// Aid to its members.
    pub aid_total: Money,
}

impl<'e> Household<'e> {
    /// A household seen first on `line`.
    pub fn new(line: u64) -> Household<'e> {
        Household {
            first_line: line,
            policy: None,
            mixed_policy: false,
            whole: false,
            members: 0,
            quoted: 0,
            first_error_line: None,
            personal_due: Money::ZERO,
            aid_total: Money::ZERO,
        }
    }

    /// Adds a member's row.
    pub fn member(
        &mut self,
        line: u64,
        policy: Option<&'e Policy>,
        outcome: Option<&yibao::Outcome>,
    ) {
        self.members += 1;
        if let Some(p) = policy {
            self.whole |= p.household.as_ref().is_some_and(|h| h.whole);
            match self.policy {
                None => self.policy = Some(&p.id),
                Some(id) if id != p.id => self.mixed_policy = true,
                Some(_) => {}
            }
        }
        match outcome {
            Some(o) => {
                self.quoted += 1;
                self.personal_due = self.personal_due + o.personal_due;
                self.aid_total = self.aid_total + o.aid_total();
            }
            None => {
                self.first_error_line.get_or_insert(line);
            }
        }
    }

    /// Adds the same household's members from a later piece of the file.
    fn absorb(&mut self, later: Household<'e>) {
        self.members += later.members;
        self.quoted += later.quoted;
        self.whole |= later.whole;
        match (self.policy, later.policy) {
            (None, p) => self.policy = p,
            (Some(a), Some(b)) if a != b => self.mixed_policy = true,
            _ => {}
        }
        self.mixed_policy |= later.mixed_policy;
        if self.first_error_line.is_none() {
            self.first_error_line = later.first_error_line;
        }
        self.personal_due = self.personal_due + later.personal_due;
        self.aid_total = self.aid_total + later.aid_total;
    }

    /// `complete`, `member_errors` or `incomplete` (see the module documentation).
    pub fn status(&self) -> &'static str {
        match (self.first_error_line, self.whole) {
            (None, _) => "complete",
            (Some(_), true) => "incomplete",
            (Some(_), false) => "member_errors",
        }
    }
}

/// The households of a piece of rows, in order of first appearance. Members of a
/// household usually stand together, so a run of equal keys is one entry.
#[derive(Debug, Default)]
pub struct PieceHouseholds<'e> {
    /// Key and totals.
    pub entries: Vec<(String, Household<'e>)>,
}

impl<'e> PieceHouseholds<'e> {
    /// Adds a member's row.
    pub fn member(
        &mut self,
        key: &str,
        line: u64,
        policy: Option<&'e Policy>,
        outcome: Option<&yibao::Outcome>,
    ) {
        match self.entries.last_mut() {
            Some((k, h)) if k == key => h.member(line, policy, outcome),
            _ => {
                let mut h = Household::new(line);
                h.member(line, policy, outcome);
                self.entries.push((key.to_string(), h));
            }
        }
    }
}

/// FNV-1a: household keys are short, and SipHash's protection against chosen keys is
/// not needed for a file its own office prepared (and costs a fifth of the merge).
#[derive(Debug, Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Every household of the file.
#[derive(Debug, Default)]
pub struct Households<'e> {
    map: HashMap<String, Household<'e>, std::hash::BuildHasherDefault<Fnv>>,
}

impl<'e> Households<'e> {
    /// Adds a piece's households (pieces come in file order).
    pub fn add(&mut self, piece: PieceHouseholds<'e>) {
        for (key, h) in piece.entries {
            match self.map.get_mut(&key) {
                Some(known) => known.absorb(h),
                None => {
                    self.map.insert(key, h);
                }
            }
        }
    }

    /// How many.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Households by status: (complete, member_errors, incomplete).
    pub fn by_status(&self) -> (usize, usize, usize) {
        self.map
            .values()
            .fold((0, 0, 0), |(c, m, i), h| match h.status() {
                "complete" => (c + 1, m, i),
                "incomplete" => (c, m, i + 1),
                _ => (c, m + 1, i),
            })
    }

    /// The policies with a whole-household rule that households here are under.
    pub fn whole_rule_policies(&self) -> Vec<&str> {
        let set: std::collections::BTreeSet<&str> = self
            .map
            .values()
            .filter(|h| h.whole)
            .filter_map(|h| h.policy)
            .collect();
        set.into_iter().collect()
    }

    /// Households whose members' policies differ.
    pub fn mixed(&self) -> usize {
        self.map.values().filter(|h| h.mixed_policy).count()
    }

    /// Writes one line per household, in order of first appearance. Keys are shown
    /// through [`yibao::id::redact`]: a head of household's ID number is a common key.
    pub fn write(&self, out: &mut impl Write, format: Format) -> std::io::Result<()> {
        // The line inline: sorting by a key behind two pointers misses the cache on
        // every comparison.
        let mut all: Vec<(u64, &String, &Household<'e>)> =
            self.map.iter().map(|(k, h)| (h.first_line, k, h)).collect();
        all.sort_unstable_by_key(|(line, _, _)| *line);
        if format == Format::Csv {
            out.write_all(
                b"household,policy,members,quoted,errors,personal_due_total,aid_total,status,first_line,first_error_line\n",
            )?;
        }
        let mut line = Vec::with_capacity(128);
        let mut money = answer::MoneyText::default();
        for (_, key, h) in all {
            line.clear();
            // Borrowed unless there is something to mask (in any written form).
            let key = yibao::id::redact_cow(key);
            let policy = if h.mixed_policy {
                Some("mixed")
            } else {
                h.policy
            };
            let errors = h.members - h.quoted;
            match format {
                Format::Csv => {
                    // Written field by field: a county has hundreds of thousands of
                    // households and `format!` per line cost a fifth of the batch.
                    if key
                        .bytes()
                        .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
                    {
                        let quoted = key.replace('"', "\"\"").replace(['\n', '\r'], " ");
                        line.push(b'"');
                        line.extend_from_slice(quoted.as_bytes());
                        line.push(b'"');
                    } else {
                        line.extend_from_slice(key.as_bytes());
                    }
                    line.push(b',');
                    line.extend_from_slice(policy.unwrap_or_default().as_bytes());
                    let mut number = itoa::Buffer::new();
                    for n in [h.members, h.quoted, errors] {
                        line.push(b',');
                        line.extend_from_slice(number.format(n).as_bytes());
                    }
                    line.push(b',');
                    money.push(&mut line, h.personal_due);
                    line.push(b',');
                    money.push(&mut line, h.aid_total);
                    line.push(b',');
                    line.extend_from_slice(h.status().as_bytes());
                    line.push(b',');
                    line.extend_from_slice(number.format(h.first_line).as_bytes());
                    line.push(b',');
                    if let Some(l) = h.first_error_line {
                        line.extend_from_slice(number.format(l).as_bytes());
                    }
                    line.push(b'\n');
                }
                Format::Jsonl => {
                    let v = serde_json::json!({
                        "household": key.as_ref(),
                        "policy": policy,
                        "members": h.members,
                        "quoted": h.quoted,
                        "errors": errors,
                        "personal_due_total": h.personal_due,
                        "aid_total": h.aid_total,
                        "status": h.status(),
                        "first_line": h.first_line,
                        "first_error_line": h.first_error_line,
                    });
                    serde_json::to_writer(&mut line, &v)?;
                    line.push(b'\n');
                }
            }
            out.write_all(&line)?;
        }
        out.flush()
    }
}

/// The summary printed on stderr at the end, in `lang`. Codes, ids and statuses are
/// those of the output files, in both languages; funding sources are named as the
/// library names them (a policy's own names differ from one file to another).
pub fn summary(t: &Tally, households: Option<&Households>, seconds: f64, lang: Lang) -> String {
    use std::fmt::Write as _;
    let zh = lang == Lang::Zh;
    let mut s = String::new();
    let rate = if seconds > 0.0 {
        // Display only: the rate is not money.
        (t.rows as f64 / seconds).round()
    } else {
        0.0
    };
    let (rows, quoted, failed) = (t.rows, t.quoted, t.failed_rows());
    let _ = if zh {
        writeln!(
            s,
            "yibao batch: 共 {rows} 行，用时 {seconds:.2} 秒（每秒 {rate} 行）：{quoted} 行已计算，{failed} 行出错"
        )
    } else {
        writeln!(
            s,
            "yibao batch: {rows} rows in {seconds:.2} s ({rate} rows/s): {quoted} quoted, {failed} with errors"
        )
    };
    let totals = [
        (
            "个人应缴合计",
            "personal due (个人应缴) total: ",
            t.personal_due,
        ),
        (
            "个人缴费标准合计",
            "personal standard total:      ",
            t.personal_standard,
        ),
        (
            "财政补助合计",
            "fiscal subsidy total:         ",
            t.fiscal_subsidy,
        ),
        ("资助合计", "aid (资助) total:              ", t.aid_total),
    ];
    for (label_zh, label_en, amount) in totals {
        let _ = if zh {
            writeln!(s, "  {label_zh}：{amount} 元")
        } else {
            writeln!(s, "  {label_en}{amount}")
        };
    }
    for (source, total) in SOURCES.iter().zip(&t.by_source) {
        if total.rows > 0 {
            let id = answer::source_id(*source);
            let (amount, rows) = (total.amount, total.rows);
            let _ = if zh {
                writeln!(
                    s,
                    "    {}（{id}）：{amount} 元，{rows} 行",
                    source.name_zh()
                )
            } else {
                writeln!(
                    s,
                    "    {} ({id}): {amount} for {rows} rows",
                    source.name_en()
                )
            };
        }
    }
    if t.failed_rows() > 0 {
        let _ = writeln!(s, "  {}", pick(lang, "按错误代码：", "errors by code:"));
        for (code, count) in ErrorCode::ALL.iter().zip(&t.errors) {
            if count.rows > 0 {
                let (code, rows, first) = (code.as_str(), count.rows, count.first_line);
                let _ = if zh {
                    writeln!(s, "    {code}：{rows} 行，首见于第 {first} 行")
                } else {
                    writeln!(s, "    {code}: {rows} (first on line {first})")
                };
            }
        }
    }
    if let Some(h) = households {
        let (complete, member_errors, incomplete) = h.by_status();
        let all = h.len();
        let _ = if zh {
            writeln!(
                s,
                "  户数：{all}（complete 完整 {complete} 户，member_errors 有成员出错 {member_errors} 户，incomplete 不完整 {incomplete} 户）"
            )
        } else {
            writeln!(
                s,
                "  households: {all} ({complete} complete, {member_errors} with member errors, {incomplete} incomplete)"
            )
        };
        let whole_rule = h.whole_rule_policies();
        if !whole_rule.is_empty() {
            let _ = if zh {
                writeln!(
                    s,
                    "    不完整：有成员的行出错，而政策 {} 要求以家庭为单位整户参保",
                    whole_rule.join("、")
                )
            } else {
                writeln!(
                    s,
                    "    incomplete: a member's row failed and policy {} requires the whole household to enrol together (整户参保)",
                    whole_rule.join(", ")
                )
            };
        }
        let mixed = h.mixed();
        if mixed > 0 {
            let _ = if zh {
                writeln!(s, "    {mixed} 户的成员适用不同的政策")
            } else {
                writeln!(
                    s,
                    "    {mixed} households have members under different policies"
                )
            };
        }
    }
    s
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn tallies_add_in_file_order() {
        let mut a = Tally::default();
        a.failed(ErrorCode::InvalidId, 7);
        let mut b = Tally::default();
        b.failed(ErrorCode::InvalidId, 20);
        b.failed(ErrorCode::NotPaymentDay, 21);
        let mut total = Tally::default();
        total.add(&a);
        total.add(&b);
        let i = ErrorCode::ALL
            .iter()
            .position(|c| *c == ErrorCode::InvalidId)
            .unwrap();
        assert_eq!(total.errors[i].rows, 2);
        assert_eq!(total.errors[i].first_line, 7);
        assert_eq!(total.rows, 3);
        assert_eq!(total.failed_rows(), 3);
    }

    #[test]
    fn households_merge_across_pieces() {
        let mut p1 = PieceHouseholds::default();
        p1.member("H1", 2, None, None);
        p1.member("H1", 3, None, None);
        p1.member("H2", 4, None, None);
        let mut p2 = PieceHouseholds::default();
        p2.member("H1", 9, None, None);
        assert_eq!(p1.entries.len(), 2);
        let mut all = Households::default();
        all.add(p1);
        all.add(p2);
        assert_eq!(all.len(), 2);
        let mut out = Vec::new();
        all.write(&mut out, Format::Csv).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("\nH1,,3,0,3,0.00,0.00,member_errors,2,2\n"),
            "{text}"
        );
    }
}
