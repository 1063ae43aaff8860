//! Property tests: `annotate` never panics and always returns valid output, over
//! generated mixes of the genre's characters, numbers, units, quotes, markup,
//! noise and slices of the seed texts; `decode_file` never panics on any bytes.
//!
//! The case count is kept small enough for CI (`cargo test --test properties`
//! in debug well under a minute); set `PROPTEST_CASES` to run more locally.
mod support;

use proptest::prelude::*;
use proptest::test_runner::Config;
use std::sync::OnceLock;
use support::invariants::{check_decode, check_text};

/// Cases per property: `PROPTEST_CASES` if set, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn config(default: u32) -> Config {
    Config {
        cases: cases(default),
        failure_persistence: None,
        ..Config::default()
    }
}

/// The seed texts, as chars.
fn seeds() -> &'static [Vec<char>] {
    static SEEDS: OnceLock<Vec<Vec<char>>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap().chars().collect())
            .collect()
    })
}

/// Words, units, numerals and noise of the genre.
#[rustfmt::skip]
const FRAGMENTS: &[&str] = &[
    // indicators and verbs
    "一般公共预算收入", "地区生产总值", "固定资产投资", "社会消费品零售总额", "规上工业增加值", "同比增长", "同比下降", "增长", "提高", "下降",
    "达到", "完成", "占", "比重", "居全省第", "位", "力争", "目标", "实现", "累计", "其中", "约", "超", "近", "余", "以上",
    "左右", "至", "到", "每", "立方米", "平方米", "公里", "人次", "户", "家", "项", "倍", "个百分点",
    // units and multipliers
    "亿元", "万元", "元", "万", "亿", "万亿", "千万", "百万", "千", "%", "％", "个", "亩", "吨", "万吨", "千瓦",
    "万千瓦时", "美元", "億元", "萬", "‰", "bp",
    // Chinese numerals
    "一", "二", "两", "三千", "两万五千", "百亿", "二〇二三", "十一", "一两", "三四", "零", "〇", "第一", "兩", "萬億",
    "一千零五",
    // time
    "2023年", "2025年1-9月", "今年", "去年", "上半年", "第一季度", "前三季度", "1月", "12月31日", "2026-01-21", "年底",
    "同期", "十四五", "“十四五”",
    // entities and slogans
    "咸宁市", "咸安区", "湖北省", "武汉", "国务院", "市委", "市政府", "发改委", "有限公司", "集团", "产业园", "工业园", "项目",
    "工程", "公司", "河", "江", "湖", "镇", "乡", "村", "山", "区", "县", "省", "局", "委", "厅", "办", "中心",
    "大道", "路", "街道", "淦河", "张三", "吴勇前", "《政府工作报告》", "高质量发展", "放管服", "六个一批", "一带一路", "新质生产力",
    "七證同發",
    // Traditional and pinyin debris
    "網(wǎng)", "關(guān)注", "發(fā)展", "經濟", "億資產(chǎn)", "區(qū)", "臺",
    // quotes and punctuation
    "“", "”", "「", "」", "『", "』", "\"", "'", "‘", "’", "《", "》", "（", "）", "(", ")", "，", "。",
    "、", "；", "：", "！", "？", ",", ".", ";", ":", "—", "……", "·", "|", "【", "】", "-", "~", "～",
    "/", "+", "±",
    // whitespace and layout
    " ", "  ", "\u{3000}", "\t", "\n", "\n\n", "\r\n", "\r",
    // markup and entities
    "<p>", "</p>", "<br>", "<br/>", "&nbsp;", "&amp;", "&lt;p", "&#12345;", "&#x4E00;", "&#;",
    "&#99999999999;", "<script>x</script>", "<!--", "-->", "?/p>", "<div class=\"a\">", "<",
    ">", "&",
    // astral, emoji, controls, bidi, odd spaces
    "𠀀", "😀", "👨‍👩‍👧", "\u{0}", "\u{1}", "\u{7}", "\u{1b}", "\u{7f}", "\u{85}", "\u{200B}",
    "\u{200D}", "\u{200E}", "\u{200F}", "\u{202E}", "\u{2066}", "\u{FEFF}", "\u{00AD}",
    "\u{FFFD}", "\u{FFFF}", "\u{10FFFF}", "\u{2028}", "\u{0301}",
    // full-width digits and letters
    "１２３", "０", "．", "，", "ＧＤＰ", "Ａ",
];

/// An Arabic number in the genre's forms (maybe full-width, with separators).
fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[0-9]{1,6}",
        3 => "[0-9]{1,4}\\.[0-9]{1,3}",
        1 => "[0-9]{1,3}(,[0-9]{3}){1,3}(\\.[0-9]{1,2})?",
        1 => "[0-9 .,]{1,12}",
        1 => "[0-9]{15,40}",
        1 => "[0-9]{300,1100}",
        // near f64::MAX: rounding and multipliers overflow here
        1 => "179769313486231[0-9]{294}",
        1 => "0\\.[0-9]{300,400}",
    ]
    .prop_flat_map(|s| {
        (Just(s), any::<bool>()).prop_map(|(s, wide)| {
            if wide {
                s.chars()
                    .map(|c| match c {
                        '0'..='9' => char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap(),
                        '.' => '．',
                        ',' => '，',
                        c => c,
                    })
                    .collect()
            } else {
                s
            }
        })
    })
}

/// A slice of a seed text: `len` chars from a random place.
fn seed_slice(max: usize) -> impl Strategy<Value = String> {
    (
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        1..max,
    )
        .prop_map(|(which, at, len)| {
            let s = which.get(seeds());
            let start = at.index(s.len());
            s[start..(start + len).min(s.len())].iter().collect()
        })
}

/// One piece of generated text.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(FRAGMENTS).prop_map(str::to_string),
        3 => number(),
        1 => "[\\u4e00-\\u9fff]{1,4}",
        1 => any::<char>().prop_map(String::from),
        1 => "[a-zA-Z]{1,6}",
        2 => seed_slice(60),
    ]
}

/// Generated text: a mix of pieces.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
}

fn check(text: &str) -> Result<(), TestCaseError> {
    check_text(text).map(drop).map_err(TestCaseError::fail)
}

proptest! {
    #![proptest_config(config(300))]

    #[test]
    fn annotate_gives_valid_output(t in text()) {
        check(&t)?;
    }

    #[test]
    fn annotate_any_string(t in any::<String>()) {
        check(&t)?;
    }
}

proptest! {
    #![proptest_config(config(40))]

    /// Longer slices of the real texts, with noise spliced in.
    #[test]
    fn annotate_seed_slices_with_noise(
        base in seed_slice(3000),
        noise in prop::collection::vec((any::<prop::sample::Index>(), piece()), 0..8),
    ) {
        let mut chars: Vec<char> = base.chars().collect();
        for (at, p) in noise {
            let i = at.index(chars.len() + 1);
            chars.splice(i..i, p.chars());
        }
        let t: String = chars.into_iter().collect();
        check(&t)?;
    }
}

/// File starts that `decode_file` sniffs.
const HEADS: &[&[u8]] = &[
    b"PK\x03\x04",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\xFE\xFF",
    b"<html><meta charset=gbk>",
    b"<!DOCTYPE html><p>",
    b"%PDF",
    b"\x89PNG",
    b"BM",
    b"MZ",
    b"{\\rtf",
    b"",
];

proptest! {
    #![proptest_config(config(400))]

    #[test]
    fn decode_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        check_decode(&bytes).map_err(TestCaseError::fail)?;
    }

    /// Bytes that start like the formats `decode_file` sniffs.
    #[test]
    fn decode_sniffed_formats(
        head in prop::sample::select(HEADS),
        tail in prop::collection::vec(any::<u8>(), 0..400),
    ) {
        let mut b = head.to_vec();
        b.extend_from_slice(&tail);
        check_decode(&b).map_err(TestCaseError::fail)?;
    }

    /// Real text in legacy encodings, cut anywhere.
    #[test]
    fn decode_cut_encoded_text(s in seed_slice(400), cut in any::<prop::sample::Index>(), enc in 0..4usize) {
        let bytes: Vec<u8> = match enc {
            0 => s.as_bytes().to_vec(),
            1 => encoding_rs::GBK.encode(&s).0.into_owned(),
            2 => encoding_rs::BIG5.encode(&s).0.into_owned(),
            _ => s.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        };
        let n = cut.index(bytes.len() + 1);
        check_decode(&bytes[..n]).map_err(TestCaseError::fail)?;
    }
}
