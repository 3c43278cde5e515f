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
    /// Not a decimal number at all.
    #[error("not an amount of yuan (expected a decimal string such as \"380.00\")")]
    NotANumber,
    /// More than two decimals: a fen is the smallest unit.
    #[error("an amount has at most two decimals (fen)")]
    TooPrecise,
    /// Amounts in notices are never negative.
    #[error("an amount cannot be negative")]
    Negative,
    /// Far beyond any contribution; guards the fen conversion.
    #[error("an amount cannot exceed 1000000000.00")]
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
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        // Only plain decimal notation: no exponents, no signs other than a leading '-'.
        if t.is_empty()
            || !t
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
        {
            return Err(MoneyError::NotANumber);
        }
        let d = Decimal::from_str(t).map_err(|_| MoneyError::NotANumber)?;
        if d.is_sign_negative() && !d.is_zero() {
            return Err(MoneyError::Negative);
        }
        if d.scale() > 2 && d.normalize().scale() > 2 {
            return Err(MoneyError::TooPrecise);
        }
        if d > Money::limit() {
            return Err(MoneyError::TooLarge);
        }
        Ok(Money(d.abs()))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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
        assert_eq!("152.5".parse::<Money>().unwrap().to_string(), "152.50");
        assert_eq!("0".parse::<Money>().unwrap().to_string(), "0.00");
        assert_eq!("1.230".parse::<Money>().unwrap().to_string(), "1.23");
    }

    #[test]
    fn refuses_bad_amounts() {
        assert_eq!("-1".parse::<Money>(), Err(MoneyError::Negative));
        assert_eq!("1.234".parse::<Money>(), Err(MoneyError::TooPrecise));
        assert_eq!("1e3".parse::<Money>(), Err(MoneyError::NotANumber));
        assert_eq!("".parse::<Money>(), Err(MoneyError::NotANumber));
        assert_eq!("abc".parse::<Money>(), Err(MoneyError::NotANumber));
        assert_eq!("2000000000".parse::<Money>(), Err(MoneyError::TooLarge));
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
