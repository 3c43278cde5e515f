//! Exact money in yuan.
//!
//! # Design
//! Contributions are small sums that must match a notice to the fen, so they are kept
//! as an integer number of fen, never floats: every amount a notice, a policy file or a
//! request gives has at most two decimals (more are refused), so the integer is exact, and
//! its sums and comparisons are single instructions (as a `rust_decimal` value they were a
//! tenth of a quote's cost). A percentage is applied through `rust_decimal` and rounded
//! half-up to the fen. On the wire (JSON, policy files) money is a
//! string with two decimals (`"380.00"`): JSON numbers are read by many clients as
//! binary floats, a string is not. The typed C API carries integer fen instead.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, Sub};
use std::str::FromStr;

/// An exact amount of yuan, kept to the fen.
///
/// ```
/// use yibao::Money;
/// let m: Money = "380".parse().unwrap();
/// assert_eq!(m.to_string(), "380.00");
/// assert_eq!(m.fen(), Some(38_000));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(i64);

/// Why a string is not an amount of money.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// Not written as digits with an optional point and decimals (see [`Money::from_str`]).
    #[error("not an amount of yuan (expected digits with at most two decimals such as \"380.00\", no spaces or sign)")]
    NotANumber,
    /// More than two decimals: a fen is the smallest unit.
    #[error("an amount has at most two decimals (fen)")]
    TooPrecise,
    /// Amounts are never signed: a minus sign, even on zero (`"-0"`), is refused.
    #[error("an amount cannot be negative (it has no sign, not even on zero)")]
    Negative,
    /// Far beyond any contribution; guards the fen conversion. The limit is written with
    /// thousands separators so that [`crate::id::redact`] does not take it for an ID number.
    #[error("an amount cannot exceed 1,000,000,000.00 yuan")]
    TooLarge,
}

impl Money {
    /// Zero yuan.
    pub const ZERO: Money = Money(0);

    /// Upper bound for any amount this library reads (one billion yuan), in fen.
    const LIMIT_FEN: i64 = 100_000_000_000;

    /// Builds an amount from integer fen.
    pub fn from_fen(fen: i64) -> Money {
        Money(fen)
    }

    /// The amount in fen, or `None` if it does not fit: a sum that saturated (sums stop at
    /// `i64::MAX` fen, which no answer reaches: each amount read is at most one billion
    /// yuan).
    pub fn fen(self) -> Option<i64> {
        (self.0 != i64::MAX).then_some(self.0)
    }

    /// The amount as an exact decimal with two places.
    pub fn decimal(self) -> Decimal {
        Decimal::new(self.0, 2)
    }

    /// `self - other`, but never below zero.
    pub fn saturating_sub(self, other: Money) -> Money {
        if other.0 >= self.0 {
            Money::ZERO
        } else {
            Money(self.0 - other.0)
        }
    }

    /// `percent` % of the amount, rounded half-up to the fen (the usual 四舍五入); never
    /// below zero (a negative percentage gives zero), saturating where it would not fit.
    pub fn percent(self, percent: Decimal) -> Money {
        // In fen: fen × percent / 100, rounded half-up to a whole fen.
        let fen = Decimal::from(self.0)
            .checked_mul(percent)
            .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
            .map(|x| x.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero));
        match fen {
            Some(fen) => Money(i64::try_from(fen).unwrap_or(i64::MAX).max(0)),
            None => Money(i64::MAX),
        }
    }

    /// Smaller of two amounts.
    pub fn min(self, other: Money) -> Money {
        if self <= other {
            self
        } else {
            other
        }
    }

    /// True when the amount is zero.
    pub fn is_zero(self) -> bool {
        self.0 == 0
    }
}

impl FromStr for Money {
    type Err = MoneyError;

    /// Reads an amount exactly: the digits are read one by one into integer fen, so
    /// nothing is ever rounded (a decimal type rounds past 28 significant digits, which
    /// turned `"999999999.999999999999999999999999"` into 1000000000.00).
    ///
    /// The grammar is `DIGITS [ "." DIGITS ]`, ASCII only:
    ///
    /// * at least one digit before the point and, when there is a point, at least one
    ///   after it: `"380."` and `".5"` are refused ([`MoneyError::NotANumber`]), as a
    ///   typing slip is likelier than an intended amount;
    /// * nothing around the digits: `" 380 "` is refused (a caller trims if it means to);
    ///   no `+`, no exponent, no thousands separator;
    /// * no sign at all: `"-1"` and also `"-0"` / `"-0.00"` are [`MoneyError::Negative`].
    ///   `-0` is refused rather than read as zero because an amount in a notice or a
    ///   payment is never signed: a minus sign means the figure was typed into the
    ///   wrong field (a refund written as a negative payment), and reading it as zero
    ///   would hide that. One rule ("no sign") is also simpler to state for every binding;
    /// * at most two decimals; more are accepted only when they are all zeros
    ///   (`"1.230"` is 1.23, exact), otherwise [`MoneyError::TooPrecise`];
    /// * at most 1,000,000,000.00 ([`MoneyError::TooLarge`]); leading zeros are allowed.
    ///
    /// ```
    /// use yibao::money::{Money, MoneyError};
    /// assert_eq!("152.5".parse::<Money>().map(|m| m.to_string()), Ok("152.50".to_string()));
    /// assert_eq!("999999999.999999999999999999999999".parse::<Money>(), Err(MoneyError::TooPrecise));
    /// assert_eq!("-0".parse::<Money>(), Err(MoneyError::Negative));
    /// assert_eq!(" 380 ".parse::<Money>(), Err(MoneyError::NotANumber));
    /// assert_eq!("380.".parse::<Money>(), Err(MoneyError::NotANumber));
    /// assert_eq!(".5".parse::<Money>(), Err(MoneyError::NotANumber));
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (unsigned, negative) = match s.strip_prefix('-') {
            Some(rest) => (rest, true),
            None => (s, false),
        };
        let (whole, fraction) = match unsigned.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (unsigned, None),
        };
        let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || !fraction.is_none_or(digits) {
            return Err(MoneyError::NotANumber);
        }
        if negative {
            return Err(MoneyError::Negative);
        }
        let fraction = fraction.unwrap_or_default().as_bytes();
        let (cents, beyond) = fraction.split_at(fraction.len().min(2));
        if beyond.iter().any(|&b| b != b'0') {
            return Err(MoneyError::TooPrecise);
        }
        // Leading zeros carry nothing; what is left must fit the limit's ten digits.
        let whole = whole.trim_start_matches('0');
        if whole.len() > 10 {
            return Err(MoneyError::TooLarge);
        }
        let mut fen: i64 = 0;
        for &b in whole.as_bytes() {
            fen = fen * 10 + i64::from(b - b'0');
        }
        for i in 0..2 {
            fen = fen * 10 + cents.get(i).map_or(0, |&b| i64::from(b - b'0'));
        }
        if fen > Money::LIMIT_FEN {
            return Err(MoneyError::TooLarge);
        }
        Ok(Money(fen))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(written) = self.write_fen(f) {
            return written;
        }
        // A negative amount (only `from_fen` makes one): the decimal's own formatting.
        write!(f, "{}", self.decimal())
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0.saturating_add(rhs.0))
    }
}

impl Sub for Money {
    type Output = Money;
    /// Saturates at zero: amounts are never negative.
    fn sub(self, rhs: Money) -> Money {
        self.saturating_sub(rhs)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, |a, b| a + b)
    }
}

impl Money {
    /// Writes the amount as `Display` does, from the integer fen (two digits at a time);
    /// `None`, having written nothing, for a negative amount.
    fn write_fen<W: fmt::Write + ?Sized>(self, w: &mut W) -> Option<fmt::Result> {
        let fen = u64::try_from(self.0).ok()?;
        Some(
            crate::digits::write_u64(fen / 100, w)
                .and_then(|()| w.write_str("."))
                .and_then(|()| w.write_str(crate::digits::pair((fen % 100) as u32))),
        )
    }

    /// Appends the amount as `Display` writes it.
    pub(crate) fn push_to(self, out: &mut String) {
        if self.write_fen(out).is_none() {
            out.push_str(&self.to_string());
        }
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Money;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "an amount of yuan as a string with at most two decimals, e.g. \"380.00\"",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Money, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Money, E> {
                // Whole yuan as an integer is exact; floats are refused (see module docs).
                v.to_string().parse().map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn parses_and_prints_two_decimals() {
        assert_eq!("380".parse::<Money>().unwrap().to_string(), "380.00");
        // The integer writer and the decimal's own formatting agree.
        for fen in (0..2_000_000i64)
            .step_by(7)
            .chain([99_999_999_999, 100_000_000_000])
        {
            let m = Money::from_fen(fen);
            let mut d = m.decimal();
            d.rescale(2);
            assert_eq!(m.to_string(), d.to_string(), "{fen}");
            assert_eq!(serde_json::to_string(&m).unwrap(), format!("\"{d}\""));
        }
        assert_eq!("152.5".parse::<Money>().unwrap().to_string(), "152.50");
        assert_eq!("0".parse::<Money>().unwrap().to_string(), "0.00");
        assert_eq!("1.230".parse::<Money>().unwrap().to_string(), "1.23");
    }

    #[test]
    fn refuses_bad_amounts() {
        assert_eq!("-1".parse::<Money>(), Err(MoneyError::Negative));
        assert_eq!("1.5e3".parse::<Money>(), Err(MoneyError::NotANumber));
        assert_eq!("1.234".parse::<Money>(), Err(MoneyError::TooPrecise));
        assert_eq!("1e3".parse::<Money>(), Err(MoneyError::NotANumber));
        assert_eq!("".parse::<Money>(), Err(MoneyError::NotANumber));
        assert_eq!("abc".parse::<Money>(), Err(MoneyError::NotANumber));
        assert_eq!("2000000000".parse::<Money>(), Err(MoneyError::TooLarge));
    }

    #[test]
    fn parses_exactly_and_never_rounds() {
        // Past 28 significant digits a decimal type rounds: this was 1000000000.00.
        assert_eq!(
            "999999999.999999999999999999999999".parse::<Money>(),
            Err(MoneyError::TooPrecise)
        );
        assert_eq!(
            "0.0000000000000000000000000000001".parse::<Money>(),
            Err(MoneyError::TooPrecise)
        );
        assert_eq!(
            "1000000000.001".parse::<Money>(),
            Err(MoneyError::TooPrecise)
        );
        // Trailing zeros are exact, however many.
        let zeros = format!("7.50{}", "0".repeat(400));
        assert_eq!(zeros.parse::<Money>().unwrap().fen(), Some(750));
        // The limit itself, and one fen above it.
        assert_eq!(
            "1000000000.00".parse::<Money>().unwrap().fen(),
            Some(100_000_000_000)
        );
        assert_eq!("1000000000.01".parse::<Money>(), Err(MoneyError::TooLarge));
        assert_eq!("99999999999".parse::<Money>(), Err(MoneyError::TooLarge));
        assert_eq!("9".repeat(400).parse::<Money>(), Err(MoneyError::TooLarge));
        // Leading zeros carry nothing.
        let padded = format!("{}380", "0".repeat(100));
        assert_eq!(padded.parse::<Money>().unwrap().fen(), Some(38_000));
        assert_eq!("00.5".parse::<Money>().unwrap().to_string(), "0.50");
    }

    #[test]
    fn the_decided_edge_forms() {
        // No sign, not even on zero.
        for s in ["-0", "-0.00", "-0.0", "-380", "--1", "+380", "+0"] {
            assert!(
                matches!(
                    s.parse::<Money>(),
                    Err(MoneyError::Negative | MoneyError::NotANumber)
                ),
                "{s}"
            );
        }
        assert_eq!("-0".parse::<Money>(), Err(MoneyError::Negative));
        assert_eq!("-0.00".parse::<Money>(), Err(MoneyError::Negative));
        assert_eq!("+380".parse::<Money>(), Err(MoneyError::NotANumber));
        // Nothing around the digits, a digit on both sides of the point.
        for s in [
            " 380 ",
            " 380",
            "380 ",
            "\t380",
            "380\n",
            "380.",
            ".5",
            ".",
            "-",
            "-.5",
            "1.2.3",
            "3 80",
            "1,000",
            "１２３",
            "380元",
            "0x10",
            "NaN",
            "inf",
        ] {
            assert_eq!(s.parse::<Money>(), Err(MoneyError::NotANumber), "{s:?}");
        }
    }

    #[test]
    fn the_limit_message_is_not_masked_as_an_id_number() {
        let msg = MoneyError::TooLarge.to_string();
        assert_eq!(crate::id::redact(&msg), msg);
        assert!(msg.contains("1,000,000,000.00"));
    }

    #[test]
    fn sixty_percent_of_380_is_228() {
        // 牡丹江 and 通河: 60% 定额资助 of the 380 yuan personal standard.
        let p = "380".parse::<Money>().unwrap();
        assert_eq!(p.percent(Decimal::new(60, 0)).to_string(), "228.00");
        assert_eq!((p - p.percent(Decimal::new(60, 0))).to_string(), "152.00");
    }

    #[test]
    fn fen_of_every_scale() {
        assert_eq!("380".parse::<Money>().unwrap().fen(), Some(38_000));
        assert_eq!("152.5".parse::<Money>().unwrap().fen(), Some(15_250));
        assert_eq!("0.01".parse::<Money>().unwrap().fen(), Some(1));
    }

    #[test]
    fn a_percentage_is_rounded_half_up_to_the_fen() {
        // Against the decimal computation the library made before amounts were fen.
        for fen in (0..200_000i64)
            .step_by(37)
            .chain([1, 5, 50, 99_999_999_999])
        {
            for hundredths in [1u32, 50, 1250, 3333, 5000, 6000, 7050, 9999, 10_000, 12_000] {
                let percent = Decimal::new(i64::from(hundredths), 2);
                let m = Money::from_fen(fen);
                let by_decimal = (m.decimal() * percent / Decimal::ONE_HUNDRED)
                    .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
                assert_eq!(m.percent(percent).decimal(), by_decimal, "{fen} {percent}");
            }
        }
        assert_eq!(
            Money::from_fen(1).percent(Decimal::new(50, 0)),
            Money::from_fen(1)
        );
        assert_eq!(
            Money::from_fen(38_000).percent(Decimal::new(-5, 0)),
            Money::ZERO
        );
        assert_eq!(
            Money::from_fen(i64::MAX / 2)
                .percent(Decimal::new(300, 0))
                .fen(),
            None
        );
    }

    #[test]
    fn fen_round_trip() {
        assert_eq!(Money::from_fen(102_000).to_string(), "1020.00");
        assert_eq!("76.00".parse::<Money>().unwrap().fen(), Some(7600));
    }

    #[test]
    fn json_is_a_string_and_floats_are_refused() {
        let m: Money = serde_json::from_str("\"380.00\"").unwrap();
        assert_eq!(serde_json::to_string(&m).unwrap(), "\"380.00\"");
        assert!(serde_json::from_str::<Money>("380.5").is_err());
        assert_eq!(
            serde_json::from_str::<Money>("380").unwrap().to_string(),
            "380.00"
        );
    }
}
