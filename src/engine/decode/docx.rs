//! The paragraph text of a Word `.docx` file: a small zip directory reader
//! (stored or deflated entries, inflated with `miniz_oxide`) and a tiny
//! reader of `word/document.xml` (`<w:p>` paragraphs, `<w:t>` text, tabs and breaks).
use super::{DecodeError, Decoded};
use crate::engine::model::Source;
use crate::engine::text::html::decode_entity;

const DOCUMENT: &str = "word/document.xml";
/// Refuse to inflate a document.xml beyond this (a zip bomb guard).
const MAX_XML: usize = 256 << 20;

fn bad(reason: &str) -> DecodeError {
    DecodeError::BadDocx {
        reason: reason.into(),
    }
}

fn u16le(b: &[u8], at: usize) -> Option<usize> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?) as usize)
}

fn u32le(b: &[u8], at: usize) -> Option<usize> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?) as usize)
}

/// An entry of the zip's central directory.
struct Entry<'a> {
    name: &'a [u8],
    method: usize,
    flags: usize,
    compressed: usize,
    size: usize,
    local: usize,
}

fn entries(zip: &[u8]) -> Result<Vec<Entry<'_>>, DecodeError> {
    // End of central directory: the last `PK\5\6` within the last 64 KiB + 22 bytes.
    let from = zip.len().saturating_sub(65_557);
    let eocd = (from..zip.len().saturating_sub(21))
        .rev()
        .find(|&i| zip[i..].starts_with(b"PK\x05\x06"))
        .ok_or_else(|| bad("the zip directory is missing (the file is cut short?)"))?;
    let count = u16le(zip, eocd + 10).unwrap_or(0);
    let mut at = u32le(zip, eocd + 16).unwrap_or(usize::MAX);
    if at == 0xFFFF_FFFF {
        return Err(bad("zip64 archives are not supported"));
    }
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        if !zip.get(at..).is_some_and(|s| s.starts_with(b"PK\x01\x02")) {
            return Err(bad("the zip directory is damaged"));
        }
        let f = |o| u16le(zip, at + o).ok_or_else(|| bad("the zip directory is damaged"));
        let g = |o| u32le(zip, at + o).ok_or_else(|| bad("the zip directory is damaged"));
        let (nlen, xlen, clen) = (f(28)?, f(30)?, f(32)?);
        out.push(Entry {
            flags: f(8)?,
            method: f(10)?,
            compressed: g(20)?,
            size: g(24)?,
            local: g(42)?,
            name: zip
                .get(at + 46..at + 46 + nlen)
                .ok_or_else(|| bad("the zip directory is damaged"))?,
        });
        at += 46 + nlen + xlen + clen;
    }
    Ok(out)
}

/// True when the zip's directory lists `word/document.xml`.
pub fn is_docx(zip: &[u8]) -> bool {
    entries(zip).is_ok_and(|es| es.iter().any(|e| e.name == DOCUMENT.as_bytes()))
}

/// The bytes of one zip entry, inflated.
fn read_entry(zip: &[u8], e: &Entry) -> Result<Vec<u8>, DecodeError> {
    if e.flags & 1 != 0 {
        return Err(bad("it is encrypted (password-protected)"));
    }
    if !zip
        .get(e.local..)
        .is_some_and(|s| s.starts_with(b"PK\x03\x04"))
    {
        return Err(bad("a zip entry is damaged"));
    }
    let nlen = u16le(zip, e.local + 26).unwrap_or(0);
    let xlen = u16le(zip, e.local + 28).unwrap_or(0);
    let start = e.local + 30 + nlen + xlen;
    let data = zip
        .get(start..start.saturating_add(e.compressed))
        .ok_or_else(|| bad("the file is cut short"))?;
    match e.method {
        0 => Ok(data.to_vec()),
        8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, MAX_XML.max(e.size))
            .map_err(|_| bad("its compressed data is damaged")),
        m => Err(bad(&format!("zip compression method {m} is not supported"))),
    }
}

/// Extracts the paragraph text of a `.docx`.
pub fn extract(zip: &[u8]) -> Result<Decoded, DecodeError> {
    let es = entries(zip)?;
    let e = es
        .iter()
        .find(|e| e.name == DOCUMENT.as_bytes())
        .ok_or_else(|| bad("it has no word/document.xml (is it a Word document?)"))?;
    let xml = read_entry(zip, e)?;
    let xml = String::from_utf8(xml).map_err(|_| bad("word/document.xml is not UTF-8"))?;
    let text = paragraphs(&xml);
    if text.trim().is_empty() {
        return Err(DecodeError::NoText {
            format: "Word (.docx)".into(),
        });
    }
    Ok(Decoded {
        text,
        source: Source {
            encoding: "utf-8".into(),
            extraction: "docx".into(),
        },
        replaced: 0,
    })
}

/// Text of `<w:t>` runs, one line per `<w:p>`; `<w:tab/>` → tab, `<w:br/>` → line break.
pub fn paragraphs(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len() / 4);
    let mut i = 0;
    let mut in_text = false;
    while i < xml.len() {
        let rest = &xml[i..];
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(xml.len(), |k| i + k + 1);
            let tag = &xml[i + 1..end.saturating_sub(1).max(i + 1)];
            let name = tag
                .trim_start_matches('/')
                .split(|c: char| c.is_whitespace() || c == '/')
                .next()
                .unwrap_or("");
            let closing = tag.starts_with('/');
            let self_closing = tag.ends_with('/');
            match name {
                "w:t" => in_text = !closing && !self_closing,
                "w:tab" if !closing => out.push('\t'),
                "w:br" | "w:cr" if !closing => out.push('\n'),
                "w:p" if closing || self_closing => out.push('\n'),
                _ => {}
            }
            i = end;
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        if in_text {
            if c == '&' {
                if let Some((d, n)) = decode_entity(rest) {
                    out.push(d);
                    i += n;
                    continue;
                }
            }
            out.push(c);
        }
        i += c.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_text() {
        let xml = r#"<w:document><w:body><w:p><w:r><w:t>咸安区</w:t></w:r><w:r><w:t xml:space="preserve"> 增长&lt;12%&gt;</w:t></w:r></w:p><w:p/><w:p><w:r><w:tab/><w:t>第二段</w:t><w:br/><w:t>A&amp;B</w:t></w:r></w:p></w:body></w:document>"#;
        assert_eq!(paragraphs(xml), "咸安区 增长<12%>\n\n\t第二段\nA&B\n");
    }
}
