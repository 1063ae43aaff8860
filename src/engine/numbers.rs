//! Reading numbers as the genre writes them.
//!
//! Arabic numbers with decimals and thousands separators (`1,234.5`). The
//! analysis view has already folded full-width digits to ASCII.

/// Parses an Arabic number with optional thousands separators (`1,234.5`).
pub fn parse_arabic(s: &str) -> Option<f64> {
    let cleaned: String = s.chars().filter(|&c| c != ',').collect();
    if cleaned.is_empty() || cleaned.starts_with('.') || cleaned.ends_with('.') {
        return None;
    }
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Length in bytes of the Arabic number at the start of `s` (digits, `,` between
/// digit groups, one decimal point), or 0.
pub fn arabic_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    let mut seen_dot = false;
    while i < b.len() {
        match b[i] {
            b'0'..=b'9' => i += 1,
            b',' if i > 0
                && b.get(i + 1..i + 4)
                    .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
                && !seen_dot =>
            {
                i += 1
            }
            b'.' if !seen_dot && i > 0 && b.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                seen_dot = true;
                i += 1
            }
            _ => break,
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_with_separators_and_decimals() {
        assert_eq!(parse_arabic("1,234.5"), Some(1234.5));
        assert_eq!(parse_arabic("15.48"), Some(15.48));
        assert_eq!(arabic_len("1,234.5亿元"), 7);
        assert_eq!(arabic_len("12.3%。"), 4);
        assert_eq!(arabic_len("3.元"), 1);
        assert_eq!(arabic_len("12,3"), 2);
    }
}
