//! The invariants every output of `pizhu::engine::annotate` must hold, shared by
//! the property tests (`tests/properties.rs`) and the fuzz targets (`fuzz/`).
//!
//! [`check`] returns the first violation as a message, so a property test can
//! report it and a fuzz target can panic with it.
#![allow(dead_code)]

use pizhu::engine::formats::Format;
use pizhu::engine::model::Document;
use pizhu::engine::{annotate, Kind};

/// Annotates `text` twice and checks the document: offsets, order, span texts,
/// UTF-16 offsets, finite values, JSON round trip, determinism, every export.
pub fn check_text(text: &str) -> Result<Document, String> {
    let doc = annotate("prop", text);
    check(text, &doc)?;
    check_exports(&doc)?;
    let json = doc.to_json();
    let again = annotate("prop", text).to_json();
    if json != again {
        return Err("a second run gives different JSON".into());
    }
    Ok(doc)
}

/// Checks one document made from `text`.
pub fn check(text: &str, doc: &Document) -> Result<(), String> {
    if doc.text != text {
        return Err("document text differs from the input".into());
    }
    let chars: Vec<char> = text.chars().collect();
    if doc.chars != chars.len() {
        return Err(format!("chars {} != {}", doc.chars, chars.len()));
    }
    // utf16[i] = UTF-16 offset of scalar offset i
    let mut utf16 = Vec::with_capacity(chars.len() + 1);
    let mut u = 0;
    utf16.push(0);
    for c in &chars {
        u += c.len_utf16();
        utf16.push(u);
    }
    if doc.utf16_len != u {
        return Err(format!("utf16_len {} != {u}", doc.utf16_len));
    }
    let mut counts = [0usize; 4];
    let mut prev_end = 0;
    let mut ids = std::collections::HashSet::new();
    for (i, a) in doc.annotations.iter().enumerate() {
        let at = |m: &str| {
            format!(
                "annotation {} {:?} [{}..{}]: {m}",
                a.id, a.text, a.start, a.end
            )
        };
        if !(a.start < a.end && a.end <= chars.len()) {
            return Err(at("offsets out of range or empty"));
        }
        if a.start < prev_end {
            return Err(at(&format!(
                "overlaps or precedes the previous span (end {prev_end})"
            )));
        }
        prev_end = a.end;
        let span: String = chars[a.start..a.end].iter().collect();
        if span != a.text {
            return Err(at(&format!("text differs from the span {span:?}")));
        }
        if a.utf16_start != utf16[a.start] || a.utf16_end != utf16[a.end] {
            return Err(at(&format!(
                "utf16 {}..{} != {}..{}",
                a.utf16_start, a.utf16_end, utf16[a.start], utf16[a.end]
            )));
        }
        if a.id != format!("a{}", i + 1) || !ids.insert(a.id.clone()) {
            return Err(at("id not a1, a2, ... in order"));
        }
        counts[a.kind as usize] += 1;
        match (a.kind, &a.metric, &a.etype, &a.time) {
            (Kind::Metric, Some(m), None, None) => {
                if !m.value.is_finite() || m.value_max.is_some_and(|v| !v.is_finite()) {
                    return Err(at(&format!("value not finite: {m:?}")));
                }
                if m.unit.is_empty() {
                    return Err(at("metric without a unit"));
                }
            }
            (Kind::Entity, None, Some(_), None) => {}
            (Kind::Time, None, None, _) | (Kind::Slogan, None, None, None) => {}
            _ => return Err(at("attributes do not fit the kind")),
        }
    }
    for a in &doc.annotations {
        if let Some(p) = a.metric.as_ref().and_then(|m| m.period.as_ref()) {
            if !doc
                .annotations
                .iter()
                .any(|t| &t.id == p && t.kind == Kind::Time)
            {
                return Err(format!("metric {} refers to period {p}, not a time", a.id));
            }
        }
    }
    let c = &doc.counts;
    if [c.metric, c.entity, c.slogan, c.time] != counts {
        return Err(format!("counts {c:?} != {counts:?}"));
    }
    let json = doc.to_json();
    let back: Document =
        serde_json::from_str(&json).map_err(|e| format!("JSON does not parse back: {e}"))?;
    if &back != doc {
        return Err("JSON does not round-trip to the same document".into());
    }
    Ok(())
}

/// The page's import accepts the JSON export, and every export format is written
/// (the JSON ones parse).
pub fn check_exports(doc: &Document) -> Result<(), String> {
    let json = doc.to_json();
    pizhu::engine::edit::import(&json).map_err(|e| format!("import refuses the export: {e}"))?;
    for f in Format::ALL {
        for file in f.export(doc) {
            if file.suffix.ends_with(".json") {
                serde_json::from_str::<serde_json::Value>(&file.content)
                    .map_err(|e| format!("{} export is not JSON: {e}", f.as_str()))?;
            }
        }
    }
    Ok(())
}

/// Decodes `bytes` under a few file names: must return Ok with text or an Err
/// whose message is not empty; never panic.
pub fn check_decode(bytes: &[u8]) -> Result<(), String> {
    use pizhu::engine::decode::decode_file;
    for name in ["a.txt", "a.html", "a.docx", "a.md", "a", "a.pdf"] {
        match decode_file(name, bytes) {
            Ok(d) => {
                if d.source.encoding.is_empty() || d.source.extraction.is_empty() {
                    return Err(format!("{name}: empty source {:?}", d.source));
                }
            }
            Err(e) => {
                if e.to_string().trim().is_empty() {
                    return Err(format!("{name}: an error without a message: {e:?}"));
                }
            }
        }
    }
    Ok(())
}
