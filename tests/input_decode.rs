//! Files of any encoding and format: fixtures are built here from the seeds.
use encoding_rs::{BIG5, GBK};
use pizhu::engine::decode::{decode, decode_file, DecodeError};
use pizhu::engine::text::t2s;

fn seed(prefix: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let entry = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap();
    std::fs::read_to_string(entry).unwrap()
}

/// Seed text that every legacy encoding can hold (GBK has no `ǎ`-style pinyin
/// in all cases and Big5 has no Simplified characters).
fn simplified() -> String {
    seed("001").chars().filter(|&c| c != '\u{FFFD}').collect()
}

fn traditional() -> String {
    // Seed 000 without its pinyin annotations and mojibake, as pure Big5 text.
    let t = seed("000");
    let (b, _, _) = BIG5.encode(&t);
    let (back, _, _) = BIG5.decode(&b);
    back.lines()
        .filter(|l| !l.contains("&#"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn utf8_with_and_without_bom() {
    let t = simplified();
    let d = decode_file("a.txt", t.as_bytes()).unwrap();
    assert_eq!(
        (d.text.as_str(), d.source.encoding.as_str()),
        (t.as_str(), "utf-8")
    );
    let mut b = b"\xEF\xBB\xBF".to_vec();
    b.extend_from_slice(t.as_bytes());
    let d = decode_file("a.txt", &b).unwrap();
    assert_eq!(d.text, t);
    assert_eq!(d.source.extraction, "plain");
}

#[test]
fn utf16_with_and_without_bom() {
    let t = simplified();
    for (le, bom) in [(true, true), (true, false), (false, true), (false, false)] {
        let mut b: Vec<u8> = Vec::new();
        let units = if bom { "\u{FEFF}" } else { "" }
            .encode_utf16()
            .chain(t.encode_utf16());
        for u in units {
            b.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        let d = decode_file("a.txt", &b).unwrap();
        assert_eq!(d.text, t, "le={le} bom={bom}");
        assert_eq!(d.source.encoding, if le { "utf-16le" } else { "utf-16be" });
    }
}

#[test]
fn gbk_and_big5_are_detected() {
    for p in ["001", "002", "003", "004"] {
        let t: String = seed(p).chars().filter(|&c| c != '\u{FFFD}').collect();
        let (b, _, unmappable) = GBK.encode(&t);
        assert!(!unmappable, "seed {p}");
        let d = decode(&b).unwrap();
        assert_eq!(d.source.encoding, "gb18030", "seed {p}");
        assert_eq!(d.text, t, "seed {p}");
    }
    let t = traditional();
    let (b, _, unmappable) = BIG5.encode(&t);
    assert!(!unmappable);
    let d = decode_file("big5.txt", &b).unwrap();
    assert_eq!(d.source.encoding, "big5");
    assert_eq!(d.text, t);
    // A short GBK snippet too.
    let (b, _, _) = GBK.encode("咸安区一般公共预算收入15.48亿元,同比增长12.3%。");
    assert_eq!(
        decode(&b).unwrap().text,
        "咸安区一般公共预算收入15.48亿元,同比增长12.3%。"
    );
}

#[test]
fn html_pages_give_their_visible_text() {
    let body = "<html><head><meta charset=\"gbk\"><title>标题</title>\
        <script>document.write('<p>x</p>')</script></head><body>\
        <h1>咸安:争创绿色崛起先行区</h1><p>签约了,30亿元!&nbsp;13日,鄂旅投公司&amp;咸安区签约。</p>\
        <p>三季度,咸安经济开发区<br/>总投资150余亿元</p></body></html>";
    let (b, _, _) = GBK.encode(body);
    let d = decode_file("page.HTML", &b).unwrap();
    assert_eq!(d.source.encoding, "gb18030");
    assert_eq!(d.source.extraction, "html");
    assert_eq!(
        d.text,
        "咸安:争创绿色崛起先行区\n\n签约了,30亿元! 13日,鄂旅投公司&咸安区签约。\n\n三季度,咸安经济开发区\n总投资150余亿元\n"
    );
    // Without an extension, a page is recognised by its start.
    let d = decode_file("page", "<!DOCTYPE html><p>咸宁</p>".as_bytes()).unwrap();
    assert_eq!(
        (d.text.as_str(), d.source.extraction.as_str()),
        ("咸宁\n", "html")
    );
    assert!(matches!(
        decode_file("x.htm", b"<html><script>1</script></html>"),
        Err(DecodeError::NoText { .. })
    ));
}

/// A minimal zip with the given entries (`deflate`: compress them).
fn zip(entries: &[(&str, &[u8])], deflate: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let mut dir = Vec::new();
    for (name, data) in entries {
        let packed = if deflate {
            miniz_oxide::deflate::compress_to_vec(data, 6)
        } else {
            data.to_vec()
        };
        let method: u16 = if deflate { 8 } else { 0 };
        let local = out.len() as u32;
        let mut hdr = Vec::new();
        hdr.extend_from_slice(&0u16.to_le_bytes()); // flags
        hdr.extend_from_slice(&method.to_le_bytes());
        hdr.extend_from_slice(&[0; 4]); // time, date
        hdr.extend_from_slice(&0u32.to_le_bytes()); // crc (not checked)
        hdr.extend_from_slice(&(packed.len() as u32).to_le_bytes());
        hdr.extend_from_slice(&(data.len() as u32).to_le_bytes());
        hdr.extend_from_slice(&(name.len() as u16).to_le_bytes());
        hdr.extend_from_slice(&0u16.to_le_bytes()); // extra
        out.extend_from_slice(b"PK\x03\x04\x14\x00");
        out.extend_from_slice(&hdr);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&packed);
        dir.extend_from_slice(b"PK\x01\x02\x14\x00\x14\x00");
        dir.extend_from_slice(&hdr);
        dir.extend_from_slice(&[0; 6]); // comment len, disk, internal attrs
        dir.extend_from_slice(&0u32.to_le_bytes()); // external attrs
        dir.extend_from_slice(&local.to_le_bytes());
        dir.extend_from_slice(name.as_bytes());
    }
    let at = out.len() as u32;
    out.extend_from_slice(&dir);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(dir.len() as u32).to_le_bytes());
    out.extend_from_slice(&at.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

fn document_xml(paras: &[&str]) -> String {
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>",
    );
    for p in paras {
        x.push_str("<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr>");
        // Split each paragraph into two runs, as Word does.
        let cut = p
            .char_indices()
            .nth(p.chars().count() / 2)
            .map_or(0, |c| c.0);
        for run in [&p[..cut], &p[cut..]] {
            let esc = run.replace('&', "&amp;").replace('<', "&lt;");
            x.push_str(&format!(
                "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{esc}</w:t></w:r>"
            ));
        }
        x.push_str("</w:p>");
    }
    x.push_str("</w:body></w:document>");
    x
}

#[test]
fn docx_paragraphs_stored_and_deflated() {
    let seed = seed("004");
    let paras: Vec<&str> = seed.lines().filter(|l| !l.trim().is_empty()).collect();
    let xml = document_xml(&paras);
    for deflate in [false, true] {
        let z = zip(
            &[
                ("[Content_Types].xml", b"<Types/>"),
                ("word/document.xml", xml.as_bytes()),
            ],
            deflate,
        );
        let d = decode_file("report.docx", &z).unwrap();
        assert_eq!(d.source.extraction, "docx");
        assert_eq!(d.text, paras.join("\n") + "\n", "deflate={deflate}");
        // Recognised by content whatever the name.
        assert_eq!(decode_file("report.bin", &z).unwrap().text, d.text);
    }
    // Zips that are not Word documents, and broken ones.
    let z = zip(&[("a.txt", b"hello")], true);
    let e = decode_file("a.zip", &z).unwrap_err();
    assert!(e.to_string().contains("zip archive"), "{e}");
    let e = decode_file("a.docx", &z).unwrap_err();
    assert!(e.to_string().contains("word/document.xml"), "{e}");
    let z = zip(&[("word/document.xml", xml.as_bytes())], true);
    let e = decode_file("cut.docx", &z[..z.len() / 2]).unwrap_err();
    assert!(matches!(e, DecodeError::BadDocx { .. }), "{e}");
    let e = decode_file("old.docx", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1").unwrap_err();
    assert!(e.to_string().contains("not a zip"), "{e}");
}

#[test]
fn markdown_is_text() {
    let d = decode_file("notes.md", "# 咸安\n\n**增长**12%".as_bytes()).unwrap();
    assert_eq!(d.text, "# 咸安\n\n**增长**12%");
    assert_eq!(d.source.extraction, "markdown");
}

#[test]
fn binary_files_are_refused_with_a_reason() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
    let e = decode_file("photo.txt", png).unwrap_err();
    assert_eq!(
        e.to_string(),
        "the file is a PNG image, which pizhu cannot read; pizhu reads text, not images"
    );
    let e = decode_file("a.pdf", b"%PDF-1.7\n...").unwrap_err();
    assert!(e.to_string().contains("PDF document"));
    let e = decode_file("a.txt", b"\x01\x02\x03\x04\0\0\0\x05\x06 binary junk").unwrap_err();
    assert_eq!(e, DecodeError::Binary);
    assert_eq!(decode_file("a.txt", b""), Err(DecodeError::Empty));
    assert!(DecodeError::Empty.to_string().contains("empty"));
}

#[test]
fn decoded_traditional_converts_like_the_table() {
    // The Big5 fixture, decoded and converted, equals the converted original.
    let t = traditional();
    let (b, _, _) = BIG5.encode(&t);
    let d = decode(&b).unwrap();
    assert_eq!(t2s::to_simplified(&d.text), t2s::to_simplified(&t));
}

#[test]
fn short_legacy_snippets_pick_the_right_encoding() {
    for t in [
        "咸宁市财政局",
        "一般公共预算收入15.48亿元",
        "关于印发《咸安区金融扶贫小额贷款实施意见》的通知",
    ] {
        let (b, _, _) = GBK.encode(t);
        assert_eq!(decode(&b).unwrap().text, t);
    }
    for t in [
        "咸寧市財政局",
        "一般公共預算收入15.48億元",
        "關於印發《咸安區金融扶貧小額貸款實施意見》的通知",
    ] {
        let (b, _, _) = BIG5.encode(t);
        let d = decode(&b).unwrap();
        assert_eq!((d.text.as_str(), d.source.encoding.as_str()), (t, "big5"));
    }
}
