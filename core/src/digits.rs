//! Numbers written two digits at a time, as `&'static str` pieces: amounts and dates are
//! most of an answer's numbers, and a buffer of digits would need a UTF-8 check (no
//! `unsafe` here) that cost more than the digits themselves.

/// "00" to "99".
const PAIRS: &str = "00010203040506070809101112131415161718192021222324252627282930313233343536373839\
                     40414243444546474849505152535455565758596061626364656667686970717273747576777879\
                     8081828384858687888990919293949596979899";

/// The two digits of `n % 100`.
pub(crate) fn pair(n: u32) -> &'static str {
    let at = (n % 100) as usize * 2;
    PAIRS.get(at..at + 2).unwrap_or("00")
}

/// The digits of `n`, without leading zeros ("0" for zero).
pub(crate) fn write_u64<W: std::fmt::Write + ?Sized>(n: u64, w: &mut W) -> std::fmt::Result {
    // Pairs from the least significant; a u64 has at most ten.
    let mut pairs = [0u32; 10];
    let mut count = 0;
    let mut rest = n;
    while rest >= 100 && count < pairs.len() {
        if let Some(p) = pairs.get_mut(count) {
            *p = (rest % 100) as u32;
        }
        rest /= 100;
        count += 1;
    }
    let lead = (rest % 100) as u32;
    if lead >= 10 {
        w.write_str(pair(lead))?;
    } else {
        w.write_str(pair(lead).get(1..).unwrap_or("0"))?;
    }
    for p in pairs.iter().take(count).rev() {
        w.write_str(pair(*p))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_display_writes_them() {
        let mut cases: Vec<u64> = (0..100_000).collect();
        cases.extend([999_999, 1_000_000, 123_456_789_012, u64::MAX - 1, u64::MAX]);
        for n in cases {
            let mut s = String::new();
            write_u64(n, &mut s).unwrap_or_default();
            assert_eq!(s, n.to_string());
        }
        assert_eq!(pair(7), "07");
        assert_eq!(pair(2024), "24");
    }
}
