//! Reading numbers as the genre writes them.
//!
//! - Arabic numbers with decimals and thousands separators (`1,234.5`); the
//!   analysis view has already folded full-width digits to ASCII.
//! - Chinese numerals (`三千`, `两`, `十一`, `二百`, `一千二百三十四`, `百亿`),
//!   Simplified and Traditional (`兩`, `萬`, `億`).
//! - Multipliers after an Arabic number (`1.2万`, `15.48亿`, `3万4000`).
//!
//! Everything works on byte offsets into `&str`; no allocation on the hot path.

/// Parses an Arabic number with optional thousands separators (`1,234.5`).
pub fn parse_arabic(s: &str) -> Option<f64> {
    // Most numbers have 15 significant digits or fewer: their digits make an
    // integer exact in an `f64`, and one division by an exact power of ten
    // rounds correctly, to the value `str::parse` gives (its own fast path).
    if let Some(v) = parse_short(s) {
        return Some(v);
    }
    // (most numbers have no separator: they are parsed without a copy)
    let cleaned: std::borrow::Cow<str> = if s.contains(',') {
        s.chars().filter(|&c| c != ',').collect::<String>().into()
    } else {
        s.into()
    };
    if cleaned.is_empty() || cleaned.starts_with('.') || cleaned.ends_with('.') {
        return None;
    }
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// [`parse_arabic`] for digits with one decimal point inside them at most, 15
/// digits or fewer and no separator; `None` for anything else (left to the
/// full parse).
fn parse_short(s: &str) -> Option<f64> {
    const POW10: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let b = s.as_bytes();
    if b.is_empty() || b.len() > 16 || b[0] == b'.' || b[b.len() - 1] == b'.' {
        return None;
    }
    let (mut m, mut digits, mut dot) = (0u64, 0usize, None);
    for (k, &c) in b.iter().enumerate() {
        match c {
            b'0'..=b'9' => {
                m = m * 10 + u64::from(c - b'0');
                digits += 1;
            }
            b'.' if dot.is_none() => dot = Some(k),
            _ => return None,
        }
    }
    if digits > 15 {
        return None;
    }
    // (below 10^15 < 2^53: exact as an `f64`)
    let frac = dot.map_or(0, |k| b.len() - k - 1);
    Some(m as f64 / POW10[frac])
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
                && !b.get(i + 4).is_some_and(u8::is_ascii_digit)
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

/// The value of a Chinese digit character (`一`..`九`, `两`, `零`).
pub fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' | '兩' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// The value of a Chinese place or multiplier character (`十`, `百`, `千`, `万`, `亿`).
pub fn cn_unit(c: char) -> Option<f64> {
    Some(match c {
        '十' => 10.0,
        '百' => 100.0,
        '千' => 1e3,
        '万' | '萬' => 1e4,
        '亿' | '億' => 1e8,
        _ => return None,
    })
}

/// True for any character of a Chinese numeral.
pub fn is_cn_numeral(c: char) -> bool {
    cn_digit(c).is_some() || cn_unit(c).is_some()
}

/// Length in bytes of the run of Chinese numeral characters at the start of `s`.
pub fn chinese_len(s: &str) -> usize {
    s.char_indices()
        .find(|&(_, c)| !is_cn_numeral(c))
        .map_or(s.len(), |(k, _)| k)
}

/// Parses a Chinese numeral (`三千`, `十一`, `二百`, `一千二百三十四`, `百亿`,
/// `两万五千`, `二〇二三`). Two adjacent digits that are not a positional
/// reading (`一两`, `三四`: "one or two") give `None`, and so does a numeral too
/// large for an `f64` (`亿亿亿…`).
pub fn parse_chinese(s: &str) -> Option<f64> {
    parse_chinese_any(s).filter(|v| v.is_finite())
}

fn parse_chinese_any(s: &str) -> Option<f64> {
    if s.is_empty() {
        return None;
    }
    // (the characters are read from `s` each time: no vector of them is
    // allocated for every number)
    let chars = || s.chars();
    // positional digits only: 二〇二三
    if chars().nth(1).is_some() && chars().all(|c| cn_digit(c).is_some()) {
        if chars().any(|c| c == '〇' || c == '零') {
            let mut v = 0.0;
            for c in chars() {
                v = v * 10.0 + f64::from(cn_digit(c)?);
            }
            return Some(v);
        }
        return None;
    }
    let mut total = 0.0; // finished 亿 groups
    let mut group = 0.0; // finished 万 group
    let mut section = 0.0; // below 万
    let mut digit: Option<f64> = None;
    let mut prev_digit = false;
    for c in chars() {
        if let Some(d) = cn_digit(c) {
            if prev_digit && d != 0 && digit.is_some_and(|x| x != 0.0) {
                return None;
            }
            if d != 0 {
                digit = Some(f64::from(d));
            }
            prev_digit = true;
            continue;
        }
        prev_digit = false;
        let u = cn_unit(c)?;
        if u < 1e4 {
            section += digit.unwrap_or(1.0) * u;
        } else if u == 1e4 {
            let v = section + digit.unwrap_or(0.0);
            group += if v == 0.0 { 1.0 } else { v } * 1e4;
            section = 0.0;
        } else {
            let v = group + section + digit.unwrap_or(0.0);
            total = (total + if v == 0.0 { 1.0 } else { v }) * 1e8;
            group = 0.0;
            section = 0.0;
        }
        digit = None;
    }
    Some(total + group + section + digit.unwrap_or(0.0))
}

/// Multipliers written after a number: (surface, factor), longest first.
pub const MULTIPLIERS: &[(&str, f64)] = &[
    ("万亿", 1e12),
    ("萬億", 1e12),
    ("千万", 1e7),
    ("千萬", 1e7),
    ("百万", 1e6),
    ("百萬", 1e6),
    ("亿", 1e8),
    ("億", 1e8),
    ("万", 1e4),
    ("萬", 1e4),
    ("千", 1e3),
];

/// The multiplier at the start of `s`: (length in bytes, factor).
pub fn multiplier_at(s: &str) -> Option<(usize, f64)> {
    MULTIPLIERS
        .iter()
        .find(|(m, _)| s.starts_with(m))
        .map(|(m, f)| (m.len(), *f))
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
        assert_eq!(arabic_len("12,3456"), 2);
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(parse_chinese("三千"), Some(3000.0));
        assert_eq!(parse_chinese("两"), Some(2.0));
        assert_eq!(parse_chinese("十一"), Some(11.0));
        assert_eq!(parse_chinese("二百"), Some(200.0));
        assert_eq!(parse_chinese("一千二百三十四"), Some(1234.0));
        assert_eq!(parse_chinese("一千零五"), Some(1005.0));
        assert_eq!(parse_chinese("百亿"), Some(1e10));
        assert_eq!(parse_chinese("千万"), Some(1e7));
        assert_eq!(parse_chinese("两万五千"), Some(25000.0));
        assert_eq!(parse_chinese("三十万"), Some(300000.0));
        assert_eq!(parse_chinese("二〇二三"), Some(2023.0));
        assert_eq!(parse_chinese("一两"), None);
        assert_eq!(parse_chinese("十縣"), None);
        assert_eq!(chinese_len("十縣"), 3);
    }

    #[test]
    fn numbers_too_large_for_f64_are_not_numbers() {
        assert_eq!(parse_arabic(&"1".repeat(1000)), None);
        assert_eq!(parse_arabic(&format!("{}.5", "9".repeat(400))), None);
        assert_eq!(parse_chinese(&"亿".repeat(60)), None);
        assert_eq!(parse_chinese(&"二〇".repeat(200)), None);
        assert!(parse_chinese(&"亿".repeat(4)).is_some_and(f64::is_finite));
    }

    #[test]
    fn short_numbers_parse_as_str_parse_does() {
        for s in [
            "0",
            "7",
            "15.48",
            "0.1",
            "0.3",
            "1234.5",
            "999999999999999",
            "12345678.9012345",
            "0.00000000000001",
            "3.14159",
            "100",
            "007",
            "2.675",
        ] {
            assert_eq!(parse_short(s), s.parse::<f64>().ok(), "{s}");
        }
        for s in ["", ".5", "5.", "1.2.3", "1,234", "1234567890123456", "1e5"] {
            assert_eq!(parse_short(s), None, "{s}");
        }
    }

    #[test]
    fn multipliers() {
        assert_eq!(multiplier_at("亿元"), Some((3, 1e8)));
        assert_eq!(multiplier_at("千万元"), Some((6, 1e7)));
        assert_eq!(multiplier_at("元"), None);
    }
}
