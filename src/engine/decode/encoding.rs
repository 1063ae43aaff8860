//! Detecting a text file's encoding: BOM, BOM-less UTF-16 (by its NUL bytes),
//! UTF-8, then the legacy Chinese encodings GB18030/GBK and Big5. Between
//! GB18030 and Big5 (most GB2312 text is also valid Big5, and the reverse) the
//! one whose text holds more common Chinese characters wins; a hand-written
//! check instead of `chardetng`, which would add ~80 KB to the wasm build.
//!
//! UTF-8 and UTF-16 are decoded here; legacy encodings by a [`Codec`]:
//! `encoding_rs` natively ([`EncodingRs`]), the browser's own `TextDecoder` in
//! the page. Both implement the WHATWG Encoding Standard, so they agree, and
//! the page does not download encoding tables the browser already has.
use super::{DecodeError, Decoded};
use crate::engine::model::Source;

/// Decodes bytes of a legacy encoding, named by its WHATWG name (lower case).
pub trait Codec {
    /// The encoding's WHATWG name for a label (`gb2312` -> `gb18030`, `BIG5` ->
    /// `big5`), or `None` if the label is unknown or names the replacement encoding.
    fn canonical(&self, label: &str) -> Option<String>;
    /// The text, or `None` if the bytes are malformed in that encoding.
    fn decode_strict(&self, encoding: &str, bytes: &[u8]) -> Option<String>;
    /// The text with U+FFFD for malformed sequences.
    fn decode_lossy(&self, encoding: &str, bytes: &[u8]) -> String;
}

/// The native [`Codec`]: `encoding_rs`.
#[cfg(not(target_arch = "wasm32"))]
pub struct EncodingRs;

#[cfg(not(target_arch = "wasm32"))]
impl Codec for EncodingRs {
    fn canonical(&self, label: &str) -> Option<String> {
        let e = encoding_rs::Encoding::for_label(label.trim().as_bytes())?;
        (e != encoding_rs::REPLACEMENT).then(|| canonical_name(e.name()))
    }
    fn decode_strict(&self, encoding: &str, bytes: &[u8]) -> Option<String> {
        encoding_rs::Encoding::for_label(encoding.as_bytes())?
            .decode_without_bom_handling_and_without_replacement(bytes)
            .map(|s| s.into_owned())
    }
    fn decode_lossy(&self, encoding: &str, bytes: &[u8]) -> String {
        match encoding_rs::Encoding::for_label(encoding.as_bytes()) {
            Some(e) => e.decode_without_bom_handling(bytes).0.into_owned(),
            None => String::from_utf8_lossy(bytes).into_owned(),
        }
    }
}

/// The name pizhu reports for an encoding: WHATWG's, lower case; GBK is
/// reported as `gb18030` (WHATWG decodes GBK with the GB18030 decoder).
pub fn canonical_name(name: &str) -> String {
    let n = name.to_ascii_lowercase();
    if n == "gbk" {
        "gb18030".into()
    } else {
        n
    }
}

/// Decodes plain text of unknown encoding.
pub fn decode_text(bytes: &[u8], codec: &dyn Codec) -> Result<Decoded, DecodeError> {
    let (text, enc, replaced) = detect(bytes, None, codec)?;
    Ok(Decoded {
        text,
        source: Source {
            encoding: enc,
            extraction: "plain".into(),
        },
        replaced,
    })
}

const UTF_16LE: &str = "utf-16le";
const UTF_16BE: &str = "utf-16be";

/// BOM-less UTF-16, recognised by NUL bytes on one side of the code units
/// (ASCII characters, line breaks) and none on the other.
fn utf16_without_bom(b: &[u8]) -> Option<&'static str> {
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

/// Strict UTF-16 (`utf-16le`/`utf-16be`): `None` for an odd length or an
/// unpaired surrogate.
fn utf16(encoding: &str, b: &[u8]) -> Option<String> {
    if b.len() % 2 != 0 {
        return None;
    }
    let le = encoding == UTF_16LE;
    let units: Vec<u16> = b
        .chunks_exact(2)
        .map(|c| {
            if le {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        })
        .collect();
    String::from_utf16(&units).ok()
}

/// Strict decoding in any encoding: UTF-8 and UTF-16 here, others by `codec`.
fn strict(codec: &dyn Codec, e: &str, b: &[u8]) -> Option<String> {
    match e {
        "utf-8" => std::str::from_utf8(b).ok().map(str::to_string),
        UTF_16LE | UTF_16BE => utf16(e, b),
        _ => codec.decode_strict(e, b),
    }
}

/// The encoding a byte-order mark names, and the mark's length.
fn for_bom(b: &[u8]) -> Option<(&'static str, usize)> {
    if b.starts_with(b"\xEF\xBB\xBF") {
        Some(("utf-8", 3))
    } else if b.starts_with(b"\xFF\xFE") {
        Some((UTF_16LE, 2))
    } else if b.starts_with(b"\xFE\xFF") {
        Some((UTF_16BE, 2))
    } else {
        None
    }
}

/// UTF-8 with a few invalid sequences (a file cut mid-character, a stray
/// byte): the lossy text and how many sequences were replaced, when the valid
/// multi-byte characters outnumber the invalid sequences 10 to 1. Such text
/// would otherwise pass as GB18030 or Big5 and come out as mojibake.
fn damaged_utf8(b: &[u8]) -> Option<(String, usize)> {
    let (mut wide, mut bad) = (0usize, 0usize);
    for chunk in b.utf8_chunks() {
        wide += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    (wide >= 1 && bad * 10 <= wide).then(|| (String::from_utf8_lossy(b).into_owned(), bad))
}

/// Decoded text, the encoding's name and how many invalid sequences were
/// replaced by U+FFFD; `declared` is an encoding the file itself names (an
/// HTML `<meta charset>`, as a WHATWG name), tried after BOM and UTF-8.
pub fn detect(
    bytes: &[u8],
    declared: Option<&str>,
    codec: &dyn Codec,
) -> Result<(String, String, usize), DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some((e, bom)) = for_bom(bytes) {
        return strict(codec, e, &bytes[bom..])
            .map(|s| (s, e.to_string(), 0))
            .ok_or(DecodeError::Invalid {
                encoding: bom_display(e).into(),
            });
    }
    if let Some(e) = utf16_without_bom(bytes) {
        if let Some(s) = strict(codec, e, bytes).filter(|s| !s.contains('\0') && plausible(s)) {
            return Ok((s, e.into(), 0));
        }
    }
    if bytes.iter().take(8192).any(|&x| x == 0) {
        // UTF-16 with too few ASCII characters to show by its NULs
        // (`一` is 4E 00): accept it if it reads as text.
        for e in [UTF_16LE, UTF_16BE] {
            if let Some(s) = strict(codec, e, bytes).filter(|s| plausible(s)) {
                return Ok((s, e.into(), 0));
            }
        }
        return Err(DecodeError::Binary);
    }
    if control_heavy(bytes) {
        return Err(DecodeError::Binary);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), "utf-8".into(), 0));
    }
    if declared.is_none_or(|e| e == "utf-8") {
        if let Some((s, bad)) = damaged_utf8(bytes) {
            return Ok((s, "utf-8".into(), bad));
        }
    }
    let declared = declared.filter(|&e| e != "utf-8" && e != UTF_16LE && e != UTF_16BE);
    let mut tries: Vec<&str> = Vec::with_capacity(3);
    if let Some(e) = declared {
        tries.push(e);
    }
    let legacy: Vec<(&str, Option<String>)> = ["gb18030", "big5"]
        .into_iter()
        .filter(|e| !tries.contains(e))
        .map(|e| (e, strict(codec, e, bytes)))
        .collect();
    if let Some(e) = declared {
        if let Some(s) = strict(codec, e, bytes) {
            return Ok((s, e.into(), 0));
        }
    }
    // The valid decoding with the most common characters (GB18030 on a tie).
    let best = legacy
        .iter()
        .filter_map(|(e, s)| s.as_ref().map(|s| (*e, s, common_score(s))))
        .fold(None::<(&str, &String, usize)>, |b, x| match b {
            Some(b) if b.2 >= x.2 => Some(b),
            _ => Some(x),
        });
    if let Some((e, s, _)) = best {
        return Ok((s.clone(), e.into(), 0));
    }
    // Neither is valid: the one with fewer broken characters, tried below.
    let mut lossy: Vec<(&str, usize)> = legacy
        .iter()
        .map(|(e, _)| {
            let s = codec.decode_lossy(e, bytes);
            (*e, s.chars().filter(|&c| c == '\u{FFFD}').count())
        })
        .collect();
    lossy.sort_by_key(|x| x.1);
    tries.extend(lossy.into_iter().map(|x| x.0));
    // A few broken bytes (a truncated file, a stray byte): accept with
    // replacement characters if they are rare.
    let e = tries[0];
    let s = codec.decode_lossy(e, bytes);
    let bad = s.chars().filter(|&c| c == '\u{FFFD}').count();
    if bad * 200 <= s.chars().count() {
        return Ok((s, e.into(), 0));
    }
    Err(DecodeError::Invalid { encoding: e.into() })
}

/// How an invalid file with a BOM names its encoding in the error message.
fn bom_display(e: &str) -> &'static str {
    match e {
        "utf-8" => "UTF-8",
        UTF_16LE => "UTF-16LE",
        _ => "UTF-16BE",
    }
}

/// The 500 commonest Han characters of the seed articles (Simplified) and
/// their Traditional forms (from the T→S table inverted): text decoded with
/// the wrong legacy encoding is made of rare characters.
const COMMON: &str = "业区的一产资新市建大全化工发作项展力中设进务动目成提地实商合等为企高生个推政服在创国年重升人和加增城能保行家开公引现点制元汉持心有强级经长体民通社园方招效改以不金造部会程湖完理亿机上省入投域安三平深江质量管水用源出施益领阳优了批式治对度与文面过活济规色品共同整调标供万科医融时结位营要武基坚办态定划集环道主到向事续小性落精善村应北模带策代支是构专障法多技分协干立下府解物信期范计委示准数关咸显好及老总更学题电路特本场乡境台各步来综系四战型流配抓绿山气联组先速收群将导交居易户研打局单第明快贸利农达健间内线外突率团革镇众问扶首前防游件功街于放次两约二景运美日得旅际做空网案任意统司育额门助员子格五表比超房转核天决疫求这消正其积海余扩略极值置情院聚备责养套口才车举复难监执断把智近稳预十药厂广础清培果着无黄变获土签处名贫疗查之风自围议所层县旧常可取链双相康需后接据争维紧权我料种占月千类并具党织确措急当福破验限担试排督队云就从住考宁南形河花教护素央感如字华列手控州帮由险周石光响然证们费东驻六势术再贷布让原青息最习思指张桥红头燃片探索站使盖严庭幼激短装酒该米军影今至筹启底评均促龙库节兴牌注键审班挥此竞参業區產産資發髮項設進務動實閤為爲個箇創國昇陞傢開現點製漢強級經長體園會億機質齣領陽優對與麪麫麵過濟規衕調標萬醫時結營堅辦態劃環嚮曏續應帶構專協乾幹榦範計準數關鹹顯總學題電場鄉檯臺颱來綜係繫戰綠緑氣聯組羣將導戶侷單貿農達間內綫線團糰鎭鎮眾衆問遊於兩約運際網統額門員錶轉覈決這積餘擴極備責養纔車舉復複難監執斷穩預葯藥廠廣礎無黃變獲穫簽籤處貧療査風圍議層縣舊鏈雙後據爭維緊權種佔韆類並併黨織確噹當驗擔試隊雲從寧甯敎護華幫險週響証證們費東駐勢朮術貸佈讓習張橋紅頭蓋嚴裝該軍籌啓啟評龍庫節興註鍵審揮競參蔘";

fn common_score(s: &str) -> usize {
    use std::collections::HashSet;
    use std::sync::OnceLock;
    static SET: OnceLock<HashSet<char>> = OnceLock::new();
    let set = SET.get_or_init(|| COMMON.chars().collect());
    s.chars().filter(|c| set.contains(c)).count()
}

/// Text made of Han characters, CJK punctuation, printable ASCII and line breaks.
fn plausible(s: &str) -> bool {
    let n = s.chars().count();
    let good = s
        .chars()
        .filter(|&c| {
            crate::engine::text::is_han(c)
                || (' '..='~').contains(&c)
                || matches!(c, '\n' | '\r' | '\t')
                || ('\u{3000}'..='\u{303F}').contains(&c)
                || ('\u{FF00}'..='\u{FFEF}').contains(&c)
                || ('\u{2010}'..='\u{2027}').contains(&c)
                || ('\u{A0}'..='\u{24F}').contains(&c)
        })
        .count();
    n > 0 && good * 100 >= n * 95
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
/// `content="text/html; charset=gb2312"`), as a WHATWG name, if the codec knows it.
pub fn html_declared(bytes: &[u8], codec: &dyn Codec) -> Option<String> {
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
    let label = std::str::from_utf8(&label).ok()?;
    let e = match label {
        "utf-8" | "utf8" => "utf-8".to_string(),
        _ => codec.canonical(label)?,
    };
    // A page saved as UTF-16 may still say UTF-8; the BOM check comes first anyway.
    (e != UTF_16LE && e != UTF_16BE).then_some(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_and_utf16() {
        let t = "咸寧市2025年財政收入增長12.3%,發展態勢良好。咸宁市一般公共预算收入15.48亿元。";
        for e in ["gb18030", UTF_16LE, UTF_16BE] {
            let b: Vec<u8> = if e == UTF_16LE {
                t.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
            } else if e == UTF_16BE {
                t.encode_utf16().flat_map(|u| u.to_be_bytes()).collect()
            } else {
                encoding_rs::GB18030.encode(t).0.into_owned()
            };
            let (s, name, _) = detect(&b, None, &EncodingRs).unwrap();
            assert_eq!(s, t);
            assert_eq!(name, e);
        }
    }

    #[test]
    fn damaged_utf8_stays_utf8() {
        let t = "咸宁市一般公共预算收入15.48亿元，同比增长12.3%。税收收入增长8.1%。";
        // a stray byte in the middle, and the file cut inside its last character
        let mut b = t.as_bytes().to_vec();
        b.insert(9, 0xFF);
        b.extend_from_slice(&"增".as_bytes()[..2]);
        let (s, name, bad) = detect(&b, None, &EncodingRs).unwrap();
        assert_eq!(name, "utf-8");
        assert_eq!(bad, 2);
        assert_eq!(s, format!("咸宁市\u{FFFD}{}\u{FFFD}", &t[9..]));
        // real GB18030 is still GB18030
        let g = encoding_rs::GB18030.encode(t).0.into_owned();
        assert_eq!(detect(&g, None, &EncodingRs).unwrap().1, "gb18030");
    }

    #[test]
    fn utf16_is_strict_like_encoding_rs() {
        for b in [
            &b"\x00\xD8a\x00"[..],
            b"a\x00b",
            b"\x00\xDC\x00\xD8",
            b"a\x00\x3D\xD8\x00\xDE",
        ] {
            for (e, rs) in [
                (UTF_16LE, encoding_rs::UTF_16LE),
                (UTF_16BE, encoding_rs::UTF_16BE),
            ] {
                let ours = utf16(e, b);
                let theirs = rs
                    .decode_without_bom_handling_and_without_replacement(b)
                    .map(|s| s.into_owned());
                assert_eq!(ours, theirs, "{e} {b:?}");
            }
        }
    }

    #[test]
    fn labels_are_whatwg_names() {
        assert_eq!(EncodingRs.canonical("GBK").as_deref(), Some("gb18030"));
        assert_eq!(EncodingRs.canonical("gb2312").as_deref(), Some("gb18030"));
        assert_eq!(EncodingRs.canonical("x-x-big5").as_deref(), Some("big5"));
        assert_eq!(
            EncodingRs.canonical("shift_jis").as_deref(),
            Some("shift_jis")
        );
        assert_eq!(EncodingRs.canonical("iso-2022-kr"), None);
        assert_eq!(EncodingRs.canonical("nonsense"), None);
    }

    #[test]
    fn utf16_of_han_only_text() {
        let t = "一二三万丈专业东丝两严丧个中丰串临丹为主丽举久么义之乌乎乏";
        let b: Vec<u8> = t.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(
            detect(&b, None, &EncodingRs).unwrap(),
            (t.to_string(), "utf-16le".into(), 0)
        );
        let b: Vec<u8> = t.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(
            detect(&b, None, &EncodingRs).unwrap(),
            (t.to_string(), "utf-16be".into(), 0)
        );
    }

    #[test]
    fn declared_charset() {
        assert_eq!(
            html_declared(
                b"<meta http-equiv=x content=\"text/html; charset=gb2312\">",
                &EncodingRs
            )
            .as_deref(),
            Some("gb18030")
        );
        assert_eq!(
            html_declared(b"<meta charset='Big5'>", &EncodingRs).as_deref(),
            Some("big5")
        );
    }
}
