//! Export: from candidates on the analysis view to the JSON document.
//!
//! This is the only place where byte ranges become character offsets: Unicode
//! scalar offsets (`start`/`end`, what Rust `char` and Python `str` count) and
//! UTF-16 offsets (`utf16_start`/`utf16_end`, what JavaScript counts).
use super::model::{Annotation, Candidate, Counts, Document, Kind, Metric, Source, FORMAT};
use super::text::{CharPositions, CleanText};
use rustc_hash::FxHashMap as HashMap;
use sha2::{Digest, Sha256};

/// Converts byte offsets of one text into scalar and UTF-16 offsets.
pub struct Offsets {
    /// Sorted byte offsets with their (scalar, utf16) offsets.
    table: Vec<(usize, usize, usize)>,
    /// For each byte offset given to [`Offsets::new`], in the order given,
    /// its row of `table` (see [`Offsets::nth`]).
    rows: Vec<u32>,
}

impl Offsets {
    /// Precomputes the offsets for `bytes` (any order, duplicates allowed) in one pass.
    pub fn new(text: &str, bytes: impl IntoIterator<Item = usize>) -> Self {
        // (each with its place in the order given, so that the offsets are
        // then had by that place rather than searched for)
        let mut want: Vec<(usize, u32)> = bytes
            .into_iter()
            .enumerate()
            .map(|(k, b)| (b, k as u32))
            .collect();
        want.sort_unstable();
        let mut rows = vec![0; want.len()];
        let mut table: Vec<(usize, usize, usize)> = Vec::with_capacity(want.len());
        // (without a character of four bytes, most texts, every character is
        // one UTF-16 unit: the bytes need not be looked at for them; one pass
        // that the compiler vectorises says so)
        let wide = text
            .as_bytes()
            .chunks(64)
            .any(|c| c.iter().fold(0, |a: u8, &x| a.max(x)) >= 0xF0);
        let (mut chars, mut units) = (0usize, 0usize);
        // (the characters between two wanted offsets counted, not decoded:
        // every character is one scalar, and one UTF-16 unit but for those of
        // four bytes, two; an offset inside a character counts it as before)
        let mut at = 0;
        for (b, k) in want {
            if table.last().is_none_or(|t| t.0 != b) {
                let b_at = (b..=text.len())
                    .find(|&k| text.is_char_boundary(k))
                    .unwrap_or(text.len());
                if b_at > at {
                    let piece = &text[at..b_at];
                    let n = count_chars(piece);
                    chars += n;
                    units += n;
                    if wide {
                        units += piece.bytes().filter(|&x| x >= 0xF0).count();
                    }
                    at = b_at;
                }
                table.push((b, chars, units));
            }
            rows[k as usize] = (table.len() - 1) as u32;
        }
        Offsets { table, rows }
    }

    /// (scalar, utf16) offsets of the `k`th byte offset given to `new`.
    pub fn nth(&self, k: usize) -> (usize, usize) {
        let t = self.table[self.rows[k] as usize];
        (t.1, t.2)
    }
}

/// `piece.chars().count()`: its bytes less its continuation bytes
/// (`0b10xx_xxxx`), counted eight bytes a step. (The pieces between two
/// offsets are short, a few dozen bytes, where `chars().count()` takes one
/// to four bytes a step.)
fn count_chars(piece: &str) -> usize {
    let bytes = piece.as_bytes();
    let mut chunks = bytes.chunks_exact(8);
    let mut cont = 0;
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        // (bit 7 set and bit 6 clear, in every byte of `w & !(w << 1)`; moved
        // to bit 0 of its byte, and the bytes summed into the top one by a
        // multiply: at most 8)
        let m = ((w & !(w << 1)) >> 7) & 0x0101_0101_0101_0101;
        cont += (m.wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize;
    }
    cont += chunks
        .remainder()
        .iter()
        .filter(|&&b| (b as i8) < -64)
        .count();
    bytes.len() - cont
}

/// A value rounded to 15 significant digits, so float noise from multiplying by
/// 万/亿 (`1.12 × 1e8` = 112000000.00000001) never shows, and native and wasm
/// builds (whose float code may be scheduled differently) print the same JSON.
/// Formatting and parsing are Rust's own, identical on every target.
pub fn canonical(v: f64) -> f64 {
    if !v.is_finite() {
        return 0.0;
    }
    // An integer of at most 15 digits (most values: counts, amounts in 元)
    // prints and parses back as itself: no need to format it.
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return v;
    }
    // Rounding up near f64::MAX (1.7976931348623157e308 → 1.79769313486232e308)
    // overflows to infinity: keep the finite value then.
    format!("{v:.14e}")
        .parse()
        .ok()
        .filter(|r: &f64| r.is_finite())
        .unwrap_or(v)
}

/// SHA-256 of the text's UTF-8 bytes, lower-case hex.
pub fn sha256_hex(text: &str) -> String {
    use std::fmt::Write;
    let digest = Sha256::digest(text.as_bytes());
    let mut hex = String::with_capacity(64);
    for b in digest {
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

/// `a17`: a prefix and a number (as `format!("{prefix}{n}")`, without the
/// formatting machinery: there is one per annotation).
fn label(prefix: char, mut n: usize) -> String {
    let mut digits = [0u8; 20];
    let mut k = digits.len();
    loop {
        k -= 1;
        digits[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let mut s = String::with_capacity(1 + digits.len() - k);
    s.push(prefix);
    s.extend(digits[k..].iter().map(|&d| char::from(d)));
    s
}

/// Builds the exported document from flat candidates on `clean`.
pub fn document(name: &str, original: &str, clean: &CleanText, flat: Vec<Candidate>) -> Document {
    let mut hint = 0;
    let ranges: Vec<_> = flat
        .iter()
        .map(|c| clean.to_original_near(c.range.clone(), &mut hint))
        .collect();
    let n_ranges = ranges.len();
    let offsets = Offsets::new(
        original,
        ranges
            .iter()
            .flat_map(|r| [r.start, r.end])
            .chain([original.len()]),
    );
    // ids in text order; metrics refer to their period by id: the index of
    // the (last) candidate with the period's span, found in a sorted list of
    // spans (a string is made only for the periods asked for)
    let mut spans: Vec<((usize, usize), usize)> = flat
        .iter()
        .enumerate()
        .map(|(i, c)| ((c.range.start, c.range.end), i))
        .collect();
    spans.sort_by_key(|&(span, _)| span);
    let id_of = |span: (usize, usize)| match spans.partition_point(|&(s, _)| s <= span) {
        k if k > 0 && spans[k - 1].0 == span => Some(label('a', spans[k - 1].1 + 1)),
        _ => None,
    };
    // where the indicators' first characters are in the view, to find each
    // indicator there (see `CleanText::original_of_at`)
    let indicator_chars = CharPositions::indexed(&clean.text, clean.chars());
    let mut groups: HashMap<String, String> = HashMap::default();
    let mut counts = Counts::default();
    let mut annotations = Vec::with_capacity(flat.len());
    for (i, (c, r)) in flat.into_iter().zip(ranges).enumerate() {
        // (the offsets were given in this order: start and end of each range)
        let (start, utf16_start) = offsets.nth(2 * i);
        let (end, utf16_end) = offsets.nth(2 * i + 1);
        match c.kind {
            Kind::Metric => counts.metric += 1,
            Kind::Entity => counts.entity += 1,
            Kind::Slogan => counts.slogan += 1,
            Kind::Time => counts.time += 1,
        }
        let metric = c.metric.map(|m| Metric {
            value: canonical(m.value),
            value_max: m.value_max.map(canonical),
            unit: m.unit,
            // As written in the original (Traditional, with its noise).
            indicator: m.indicator.map(|s| {
                clean
                    .original_of_at(original, &indicator_chars, &s, c.range.start)
                    .map_or(s, str::to_string)
            }),
            role: m.role,
            approx: m.approx,
            period: m.period.and_then(|p| id_of((p.start, p.end))),
        });
        let n = groups.len();
        let group = c
            .group
            .map(|g| groups.entry(g).or_insert_with(|| label('g', n + 1)).clone());
        annotations.push(Annotation {
            id: label('a', i + 1),
            kind: c.kind,
            etype: c.etype,
            start,
            end,
            utf16_start,
            utf16_end,
            text: original[r].to_string(),
            metric,
            time: c.time,
            group,
            norm: c.norm,
            origin: Default::default(),
        });
    }
    let (chars, utf16_len) = offsets.nth(2 * n_ranges);
    Document {
        format: FORMAT.to_string(),
        name: name.to_string(),
        engine: concat!("pizhu ", env!("CARGO_PKG_VERSION")).to_string(),
        offset_unit: "unicode_scalar".to_string(),
        chars,
        utf16_len,
        text_sha256: sha256_hex(original),
        source: Source::default(),
        counts,
        annotations,
        text: original.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_scalars_and_utf16_units() {
        let t = "𠀀a咸";
        let o = Offsets::new(t, [0, 4, 5, 8]);
        assert_eq!(o.nth(0), (0, 0));
        assert_eq!(o.nth(1), (1, 2));
        assert_eq!(o.nth(2), (2, 3));
        assert_eq!(o.nth(3), (3, 4));
        let o = Offsets::new(t, [8, 0, 5, 0, 4]);
        let got: Vec<_> = (0..5).map(|k| o.nth(k)).collect();
        assert_eq!(got, [(3, 4), (0, 0), (2, 3), (0, 0), (1, 2)]);
        let t = "ab咸";
        let o = Offsets::new(t, [5, 1]);
        assert_eq!((o.nth(0), o.nth(1)), ((3, 3), (1, 1)));
    }

    #[test]
    fn count_chars_is_chars_count() {
        let t = "a咸𠀀é宁市2023年，同比增长12.3%。\n«»𝄞xyz";
        for s in 0..=t.len() {
            for e in s..=t.len() {
                if let Some(p) = t.get(s..e) {
                    assert_eq!(count_chars(p), p.chars().count(), "{p:?}");
                }
            }
        }
    }

    #[test]
    fn canonical_values_drop_float_noise() {
        assert_eq!(canonical(1.12 * 1e8), 112_000_000.0);
        assert_eq!(canonical(12.3), 12.3);
        assert_eq!(canonical(0.1 + 0.2), 0.3);
        assert_eq!(canonical(f64::INFINITY), 0.0);
        assert_eq!(canonical(f64::NAN), 0.0);
        for v in [
            0.0,
            -0.0,
            1.0,
            -7.0,
            123_456_789_012_345.0,
            999_999_999_999_999.0,
        ] {
            let slow: f64 = format!("{v:.14e}").parse().unwrap();
            assert_eq!(canonical(v).to_bits(), slow.to_bits(), "{v}");
        }
    }

    #[test]
    fn canonical_near_f64_max_stays_finite() {
        assert_eq!(canonical(f64::MAX), f64::MAX);
        assert_eq!(canonical(-f64::MAX), -f64::MAX);
        assert_eq!(canonical(1.7976931348623e308), 1.7976931348623e308);
    }

    #[test]
    fn labels_are_formatted_numbers() {
        for n in [0, 1, 9, 10, 99, 100, 12345, usize::MAX] {
            assert_eq!(label('a', n), format!("a{n}"));
        }
    }

    #[test]
    fn sha256_of_empty_text() {
        assert_eq!(
            sha256_hex(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
