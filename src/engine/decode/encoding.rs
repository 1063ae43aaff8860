//! Detecting a text file's encoding: BOM, BOM-less UTF-16 (by its NUL bytes),
//! UTF-8, then `chardetng` for legacy encodings (GB18030/GBK, Big5 ...),
//! decoded with `encoding_rs`.
use super::{DecodeError, Decoded};
use crate::engine::model::Source;
use encoding_rs::{Encoding, BIG5, GB18030, UTF_16BE, UTF_16LE, UTF_8};

/// The name pizhu reports for an encoding (`utf-8`, `utf-16le`, `gb18030`, `big5` ...).
pub fn name_of(e: &'static Encoding) -> String {
    if e == encoding_rs::GBK || e == GB18030 {
        // encoding_rs decodes GBK with the GB18030 decoder (a superset).
        return "gb18030".into();
    }
    e.name().to_ascii_lowercase()
}

/// Decodes plain text of unknown encoding.
pub fn decode_text(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let (text, enc) = detect(bytes, None)?;
    Ok(Decoded {
        text,
        source: Source {
            encoding: enc,
            extraction: "plain".into(),
        },
    })
}

/// BOM-less UTF-16, recognised by NUL bytes on one side of the code units
/// (ASCII characters, line breaks) and none on the other.
fn utf16_without_bom(b: &[u8]) -> Option<&'static Encoding> {
    let n = b.len().min(8192) & !1;
    if n < 4 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &x) in b[..n].iter().enumerate() {
        if x == 0 {
            if i % 2 == 0 {
                even += 1
            } else {
                odd += 1
            }
        }
    }
    let units = n / 2;
    let enough = |z: usize| z >= 1 && z * 50 >= units.min(500);
    if enough(odd) && even * 10 <= odd {
        Some(UTF_16LE)
    } else if enough(even) && odd * 10 <= even {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn strict(e: &'static Encoding, b: &[u8]) -> Option<String> {
    e.decode_without_bom_handling_and_without_replacement(b)
        .map(|s| s.into_owned())
}

/// Decoded text and the encoding's name; `declared` is an encoding the file
/// itself names (an HTML `<meta charset>`), tried after BOM and UTF-8.
pub fn detect(
    bytes: &[u8],
    declared: Option<&'static Encoding>,
) -> Result<(String, String), DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some((e, bom)) = Encoding::for_bom(bytes) {
        return strict(e, &bytes[bom..])
            .map(|s| (s, name_of(e)))
            .ok_or(DecodeError::Invalid {
                encoding: e.name().into(),
            });
    }
    if let Some(e) = utf16_without_bom(bytes) {
        if let Some(s) = strict(e, bytes).filter(|s| !s.contains('\0')) {
            return Ok((s, name_of(e)));
        }
    }
    if bytes.iter().take(8192).any(|&x| x == 0) || control_heavy(bytes) {
        return Err(DecodeError::Binary);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), "utf-8".into()));
    }
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    let guess = det.guess(None, false);
    let mut tries: Vec<&'static Encoding> = Vec::with_capacity(4);
    for e in [declared, Some(guess), Some(GB18030), Some(BIG5)]
        .into_iter()
        .flatten()
    {
        if e != UTF_8 && !tries.contains(&e) {
            tries.push(e);
        }
    }
    for &e in &tries {
        if let Some(s) = strict(e, bytes) {
            return Ok((s, name_of(e)));
        }
    }
    // A few broken bytes (a truncated file, a stray byte): accept with
    // replacement characters if they are rare.
    let e = tries[0];
    let (s, _) = e.decode_without_bom_handling(bytes);
    let bad = s.chars().filter(|&c| c == '\u{FFFD}').count();
    if bad * 200 <= s.chars().count() {
        return Ok((s.into_owned(), name_of(e)));
    }
    Err(DecodeError::Invalid {
        encoding: name_of(e),
    })
}

/// Many C0 control characters other than tab, line breaks and form feed.
fn control_heavy(b: &[u8]) -> bool {
    let head = &b[..b.len().min(8192)];
    let ctl = head
        .iter()
        .filter(|&&x| x < 0x20 && !matches!(x, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    ctl * 20 > head.len()
}

/// The encoding an HTML page declares in its first 2 KiB (`<meta charset="gbk">`,
/// `content="text/html; charset=gb2312"`), if encoding_rs knows it.
pub fn html_declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(2048)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let rest = &lower[at..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let label: Vec<u8> = rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
        .copied()
        .collect();
    let e = Encoding::for_label(&label)?;
    // A page saved as UTF-16 may still say UTF-8; the BOM check comes first anyway.
    (e != UTF_16LE && e != UTF_16BE).then_some(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_and_utf16() {
        let t = "咸寧市2025年財政收入增長12.3%,發展態勢良好。咸宁市一般公共预算收入15.48亿元。";
        for e in [GB18030, UTF_16LE, UTF_16BE] {
            let b: Vec<u8> = if e == UTF_16LE {
                t.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
            } else if e == UTF_16BE {
                t.encode_utf16().flat_map(|u| u.to_be_bytes()).collect()
            } else {
                e.encode(t).0.into_owned()
            };
            let (s, name) = detect(&b, None).unwrap();
            assert_eq!(s, t);
            assert_eq!(name, name_of(e));
        }
    }

    #[test]
    fn declared_charset() {
        assert_eq!(
            html_declared(b"<meta http-equiv=x content=\"text/html; charset=gb2312\">"),
            Some(encoding_rs::GBK)
        );
        assert_eq!(html_declared(b"<meta charset='Big5'>"), Some(BIG5));
    }
}
