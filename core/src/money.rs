//! Exact money in yuan.
//!
//! # Design
//! Contributions are small sums that must match a notice to the fen, so they are
//! `rust_decimal` values, never floats. On the wire (JSON, policy files) money is a
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
pub struct Money(Decimal);

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
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// Upper bound for any amount this library reads (one billion yuan).
    fn limit() -> Decimal {
        Decimal::new(1_000_000_000, 0)
    }

    /// Builds an amount from integer fen.
    pub fn from_fen(fen: i64) -> Money {
        Money(Decimal::new(fen, 2))
    }

    /// The amount in fen, or `None` if it does not fit (never for amounts read by this library).
    pub fn fen(self) -> Option<i64> {
        // From the decimal's integer mantissa and scale: integer operations only, as this
        // runs five times per typed C quote.
        let mantissa = self.0.mantissa();
        let fen = match self.0.scale() {
            0 => mantissa.checked_mul(100)?,
            1 => mantissa.checked_mul(10)?,
            2 => mantissa,
            // Truncated toward zero, like the decimal's own `trunc`.
            s => mantissa / 10i128.checked_pow(s - 2)?,
        };
        i64::try_from(fen).ok()
    }

    /// The underlying decimal.
    pub fn decimal(self) -> Decimal {
        self.0
    }

    /// `self - other`, but never below zero.
    pub fn saturating_sub(self, other: Money) -> Money {
        if other.0 >= self.0 {
            Money::ZERO
        } else {
            Money(self.0 - other.0)
        }
    }

    /// `percent` % of the amount, rounded half-up to the fen (the usual 四舍五入).
    pub fn percent(self, percent: Decimal) -> Money {
        let raw = self.0 * percent / Decimal::ONE_HUNDRED;
        Money(raw.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
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
        self.0.is_zero()
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
        let amount = Decimal::new(fen, 2);
        if amount > Money::limit() {
            return Err(MoneyError::TooLarge);
        }
        Ok(Money(amount))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(written) = self.write_fen(f) {
            return written;
        }
        let mut d = self
            .0
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        d.rescale(2);
        write!(f, "{d}")
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
    /// Writes the amount as `Display` does, from the integer fen, when it is a whole number
    /// of fen (every amount the library computes: an answer shows seven, and the decimal's
    /// own formatting was the costliest part of writing them); `None`, having written
    /// nothing, otherwise.
    fn write_fen<W: fmt::Write + ?Sized>(self, w: &mut W) -> Option<fmt::Result> {
        if self.0.scale() > 2 {
            return None;
        }
        let fen = u64::try_from(self.fen()?).ok()?;
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
        assert_eq!(Money(Decimal::new(12_345, 3)).fen(), Some(1_234));
        assert_eq!(Money(Decimal::MAX).fen(), None);
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
