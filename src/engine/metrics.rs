//! Metrics: quantities with units, and what they measure (ANNOTATION_GUIDE.md §1).
//!
//! A hand-written scanner over the analysis view:
//! 1. a number ([`numbers`]: Arabic, Chinese, mixed), or one of the special
//!    forms `第N位` / `前N位` / `第一` (rank), `半年` (0.5), `两成` (20%),
//!    `翻一番` (2 times);
//! 2. optionally `余`/`多`, a multiplier (`万`, `亿`), `余`/`多` again;
//! 3. a unit or counter from [`units`] (longest match), or, for a bare number,
//!    a range (`0.4至0.6元`, `3-5%`) or a list sharing the unit (`70、50个`);
//! 4. a rate (`1000元/户`, `每立方米节省0.4元`).
//!
//! The span is number..unit; approximators before it (`超`, `近`) and after it
//! (`以上`, `左右`) go in `approx`. Dates and periods (`2023年`, `6月14日`,
//! `1至11月`) are refused here even without the time extractor, and so are
//! numbers inside names (`PM2.5`, `5G`, `4A级`), list markers, ordinals and
//! idioms. Chinese numerals are held to stricter rules (a real counter, not
//! inside a short quotation, not `一` except for durations).
//!
//! The indicator is the noun phrase right after the quantity when it
//! modifies one (`15家科创企业`), else the clause before the number stripped of
//! verbs, approximators and change words; a figure with nothing of its own
//! before it (`同比增长12.3%`, `分别达到46400元、23649元`) inherits the
//! indicator of the figure before it in the same sentence.
use super::model::{Candidate, Kind, MetricCandidate, Role};
use super::numbers::{
    arabic_len, chinese_len, cn_digit, cn_unit, multiplier_at, parse_arabic, parse_chinese,
};
use super::text::{ends_with_word, has_char, starts_with_word, CharSet};
use super::units::{rate_denominator, unit_at, Class, Unit};
use super::{Context, START_NUMBER};
use std::ops::Range;
use std::sync::LazyLock;

const LEAD_APPROX: &[&str] = &[
    "不少于",
    "不低于",
    "不超过",
    "超过",
    "将近",
    "接近",
    "大约",
    "至少",
    "高达",
    "多达",
    "长达",
    "突破",
    "不到",
    "不足",
    "达到",
    "约",
    "近",
    "超",
    "逾",
    "达",
    "過",
    "过",
    "上",
    "約",
    "達",
];
const TRAIL_APPROX: &[&str] = &["以上", "左右", "上下", "之多", "多", "余", "餘"];
const CHANGE_WORDS: &[&str] = &[
    "增长", "增加", "下降", "减少", "提高", "提升", "回落", "增幅", "增速", "降低", "高于", "低于",
    "上涨", "上升", "扩大", "缩小", "扩充", "增長", "增加", "減少", "提高", "降低", "高於", "低於",
    "增", "降",
];
/// Words stripped from the end of the text before a number to get the indicator.
const TRAIL_STRIP: &[&str] = &[
    "同比分别",
    "分别达到",
    "分别为",
    "分别",
    "分別",
    "同比",
    "比上年",
    "较上年",
    "比去年",
    "较去年",
    "全省平均",
    "全国平均",
    "全市平均",
    "全省",
    "全国",
    "全市",
    "全区",
    "平均水平",
    "提升至",
    "提高到",
    "提高至",
    "增加到",
    "增加至",
    "增至",
    "降至",
    "下降到",
    "减少到",
    "压缩至",
    "压缩到",
    "缩短至",
    "缩短到",
    "扩大到",
    "扩大至",
    "达到",
    "达",
    "到",
    "至",
    "为",
    "是",
    "有",
    "共计",
    "合计",
    "总计",
    "累计",
    "共",
    "由",
    "从",
    "仅",
    "只",
    "了",
    "的",
    "完成",
    "实现",
    "已",
    "将",
    "可",
    "并",
    "均",
    "都",
    "超过",
    "超",
    "近",
    "逾",
    "约",
    "突破",
    "高达",
    "多达",
    "长达",
    "不少于",
    "不低于",
    "不超过",
    "不到",
    "不足",
    "至少",
    "接近",
    "将近",
    "大约",
    "过",
    "上",
    "年均",
    "達到",
    "達",
    "為",
    "約",
    "過",
    "從",
    "僅",
    "將",
    "實現",
];
const RANK_WORDS: &[&str] = &[
    "位居",
    "稳居",
    "跃居",
    "位列",
    "排名",
    "名列",
    "居",
    "列",
    "排",
    "分居",
    "分别居",
];
const LEAD_STRIP: &[&str] = &[
    "其中",
    "全年",
    "今年",
    "去年",
    "当年",
    "同期",
    "目前",
    "截至目前",
    "截至",
    "同时",
    "此外",
    "另外",
    "并且",
    "并",
    "而",
    "共",
    "当前",
    "已",
];
/// Set phrases whose numerals are not quantities.
const IDIOMS: &[&str] = &[
    "三天两头",
    "三番五次",
    "千家万户",
    "千方百计",
    "一心一意",
    "万众一心",
    "四个意识",
    "四个自信",
    "两个维护",
    "两个确立",
    "三个代表",
    "四个全面",
    "五位一体",
    "两个一百年",
    "三个务必",
    "四个首善",
    "九牛一毛",
    "一年四季",
    "四面八方",
    "五湖四海",
    "三年五载",
    "千千万万",
    "千万千万",
    "千万别",
    "千万不",
    "千万要",
    "十年树木",
    "百年大计",
    "三个提升年",
];
static CN_PREV_BLOCK_SET: LazyLock<CharSet> = LazyLock::new(|| CharSet::new(CN_PREV_BLOCK));
/// A Chinese numeral right after one of these is part of a word (`统一`, `之一`, `周一`).
const CN_PREV_BLOCK: &str =
    "几幾数數第统統唯之其初周週星期每同单單专專合逐归歸划劃不万萬百千亿億十";

/// The ranges of some candidates, for overlap tests by binary search rather
/// than a pass over every candidate for every figure.
struct Spans {
    /// The ranges' starts, in order.
    starts: Vec<usize>,
    /// `max_end[k]`: the largest end among the first `k + 1` ranges.
    max_end: Vec<usize>,
}

impl Spans {
    fn new(cands: &[Candidate]) -> Self {
        let mut rs: Vec<(usize, usize)> =
            cands.iter().map(|c| (c.range.start, c.range.end)).collect();
        rs.sort_unstable();
        let mut top = 0;
        let max_end = rs
            .iter()
            .map(|&(_, e)| {
                top = top.max(e);
                top
            })
            .collect();
        Spans {
            starts: rs.iter().map(|&(s, _)| s).collect(),
            max_end,
        }
    }

    /// Whether a range overlaps `r` (one that starts before `r` ends and
    /// ends after `r` starts).
    fn overlap(&self, r: &Range<usize>) -> bool {
        match self.starts.partition_point(|&s| s < r.end) {
            0 => false,
            k => self.max_end[k - 1] > r.start,
        }
    }
}

fn starts_with_any<'a>(s: &str, words: &'a [&'a str]) -> Option<&'a str> {
    words
        .iter()
        .copied()
        .filter(|w| starts_with_word(s, w))
        .max_by_key(|w| w.len())
}

/// A word list by the last character of its words: the words that may end a
/// text are those under its last character (the lists are long, and are
/// tried at the end of every clause before a figure).
struct Endings(rustc_hash::FxHashMap<char, Vec<&'static str>>);

impl Endings {
    fn new(words: &[&'static str]) -> Self {
        let mut m: rustc_hash::FxHashMap<char, Vec<&'static str>> = Default::default();
        for w in words {
            if let Some(c) = w.chars().next_back() {
                m.entry(c).or_default().push(w);
            }
        }
        Endings(m)
    }

    /// The longest word of the list that ends `s`.
    fn longest_end(&self, s: &str) -> Option<&'static str> {
        let last = s.chars().next_back()?;
        self.0
            .get(&last)?
            .iter()
            .copied()
            .filter(|w| ends_with_word(s, w))
            .max_by_key(|w| w.len())
    }
}

static LEAD_APPROX_ENDS: LazyLock<Endings> = LazyLock::new(|| Endings::new(LEAD_APPROX));
static TRAIL_STRIP_ENDS: LazyLock<Endings> = LazyLock::new(|| Endings::new(TRAIL_STRIP));
static CHANGE_WORDS_ENDS: LazyLock<Endings> = LazyLock::new(|| Endings::new(CHANGE_WORDS));
static RANK_WORDS_ENDS: LazyLock<Endings> = LazyLock::new(|| Endings::new(RANK_WORDS));

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

fn char_before(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

/// `余`, `多` or `餘` at the start of `s` (as `starts_with_any(s, &["余", "多",
/// "餘"])`, on the first character alone).
fn more_at(s: &str) -> Option<&'static str> {
    match s.chars().next()? {
        '余' => Some("余"),
        '多' => Some("多"),
        '餘' => Some("餘"),
        _ => None,
    }
}

/// A number read at some position.
#[derive(Clone, Debug)]
struct Num {
    end: usize,
    value: f64,
    chinese: bool,
    /// A Chinese run made only of 百/千/万/亿 (`百亿`, `千万`).
    only_mult: bool,
    /// The Chinese run is `一` alone.
    single_one: bool,
    /// An Arabic number with a decimal point and no multiplier.
    decimal: bool,
    has_mult: bool,
    approx: Option<&'static str>,
}

/// Reads a number at `i`: digits or Chinese numerals, then `余`/`多`, a multiplier,
/// `余`/`多`, and an Arabic remainder after 万 (`3万4000`).
fn read_number(text: &str, i: usize) -> Option<Num> {
    let rest = &text[i..];
    let n = arabic_len(rest);
    let (mut end, mut value, chinese, only_mult, single_one) = if n > 0 {
        (i + n, parse_arabic(&rest[..n])?, false, false, false)
    } else {
        let n = chinese_len(rest);
        if n == 0 {
            return None;
        }
        let run = &rest[..n];
        let only_mult = run
            .chars()
            .all(|c| cn_digit(c).is_none() && cn_unit(c).is_some_and(|u| u >= 100.0));
        (i + n, parse_chinese(run)?, true, only_mult, run == "一")
    };
    let decimal = !chinese && text[i..end].contains('.');
    let mut approx = None;
    if let Some(a) = more_at(&text[end..]) {
        // `余`/`多` before a multiplier or a unit only
        let after = &text[end + a.len()..];
        if multiplier_at(after).is_some() || unit_at(after).is_some() {
            approx = Some(a);
            end += a.len();
        }
    }
    let mut has_mult = false;
    if !chinese {
        let skip =
            usize::from(text[end..].starts_with(' ') && multiplier_at(&text[end + 1..]).is_some());
        if let Some((ml, f)) = multiplier_at(&text[end + skip..]) {
            value *= f;
            end += skip + ml;
            has_mult = true;
            // 3万4000
            let n2 = arabic_len(&text[end..]);
            if n2 > 0 && approx.is_none() {
                if let Some(v2) = parse_arabic(&text[end..end + n2]) {
                    if v2 < f && !text[end..end + n2].contains('.') {
                        value += v2;
                        end += n2;
                    }
                }
            }
        }
        if approx.is_none() {
            if let Some(a) = more_at(&text[end..]) {
                if unit_at(&text[end + a.len()..]).is_some() {
                    approx = Some(a);
                    end += a.len();
                }
            }
        }
    }
    Some(Num {
        end,
        value,
        chinese,
        only_mult,
        single_one,
        decimal,
        has_mult,
        approx,
    })
}

/// May a number start at `i`? Not inside a word, a code or a date.
fn number_may_start(text: &str, i: usize) -> bool {
    let c = char_at(text, i);
    let prev = char_before(text, i);
    match c {
        Some(c) if c.is_ascii_digit() => !prev.is_some_and(|p| {
            p.is_ascii_alphanumeric() || matches!(p, '.' | '-' | '/' | '_' | '#' | ':' | '－')
        }),
        Some(c) if super::numbers::is_cn_numeral(c) => {
            !prev.is_some_and(|p| CN_PREV_BLOCK_SET.contains(p) || super::numbers::is_cn_numeral(p))
        }
        _ => false,
    }
}

/// A found quantity before the indicator pass.
struct Found {
    range: Range<usize>,
    value: f64,
    value_max: Option<f64>,
    unit: String,
    role: Option<Role>,
    approx: Option<String>,
    class: Option<Class>,
}

fn found(range: Range<usize>, value: f64, unit: &str) -> Found {
    Found {
        range,
        value,
        value_max: None,
        unit: unit.to_string(),
        role: None,
        approx: None,
        class: None,
    }
}

/// Is byte `i` inside a short quotation (`“六个一批”`)? Chinese numerals there are slogans.
fn in_short_quote(text: &str, index: &super::CharIndex, i: usize) -> bool {
    // The quotes nearest `i` from the character index (as `rfind` and `find`
    // on the text before and after `i`, which read it back to the last quote).
    let last_before = |cs: &[char]| {
        cs.iter()
            .filter_map(|&c| {
                let ps = index.positions(c);
                ps[..ps.partition_point(|&p| p < i)].last().copied()
            })
            .max()
    };
    let before = &text[..i];
    let open = last_before(&['“', '「', '"', '『']);
    let close = last_before(&['”', '」', '』']);
    match open {
        Some(o) if close.is_none_or(|c| c < o) => {
            let after = &text[i..];
            let closing = ['”', '」', '"', '』']
                .iter()
                .filter_map(|&c| {
                    let ps = index.positions(c);
                    ps.get(ps.partition_point(|&p| p < i)).map(|&p| p - i)
                })
                .min();
            before[o..].chars().count() <= 8
                && closing.is_some_and(|k| after[..k].chars().count() <= 8)
        }
        _ => false,
    }
}

fn in_idiom(text: &str, r: &Range<usize>) -> bool {
    // An idiom that covers the range holds its text: most ranges (`3.5亿元`)
    // are in no idiom, and this is checked on the idiom alone instead of
    // searching the text around the range for every idiom.
    // The characters of the idioms: a range starting with any other character
    // (a digit, most numerals) is in none.
    // (by character: an idiom that holds the range holds its first character,
    // and only those are searched for it)
    #[allow(clippy::type_complexity)]
    static BY_CHAR: LazyLock<rustc_hash::FxHashMap<char, Vec<&'static str>>> =
        LazyLock::new(|| {
            let mut m: rustc_hash::FxHashMap<char, Vec<&'static str>> = Default::default();
            for w in IDIOMS {
                for c in w.chars() {
                    let v = m.entry(c).or_default();
                    if !v.contains(w) {
                        v.push(w);
                    }
                }
            }
            m
        });
    let inner = text.get(r.clone());
    let idioms: &[&str] = match inner.and_then(|s| s.chars().next()) {
        Some(first) => match BY_CHAR.get(&first) {
            Some(v) => v,
            None => return false,
        },
        None => IDIOMS,
    };
    idioms.iter().any(|w| {
        if inner.is_some_and(|inner| !w.contains(inner)) {
            return false;
        }
        let lo = r.start.saturating_sub(w.len());
        let hi = (r.end + w.len()).min(text.len());
        let (mut lo, mut hi) = (lo, hi);
        while !text.is_char_boundary(lo) {
            lo -= 1;
        }
        while !text.is_char_boundary(hi) {
            hi += 1;
        }
        let win = &text[lo..hi];
        let mut from = 0;
        while let Some(k) = win[from..].find(w) {
            let s = lo + from + k;
            if s <= r.start && r.end <= s + w.len() {
                return true;
            }
            from += k + w.len();
        }
        false
    })
}

/// Rank context before `第一`: `位列全市第一`, `居全省第一`, `排名第一`.
fn rank_context(text: &str, i: usize) -> bool {
    let mut b = &text[..i];
    for p in [
        "全国",
        "全省",
        "全市",
        "全区",
        "全县",
        "同类",
        "全球",
        "全行业",
    ] {
        if let Some(t) = b.strip_suffix(p) {
            b = t;
            break;
        }
    }
    [
        "位列", "排名", "位居", "名列", "居", "列", "排", "跃居", "稳居", "保持",
    ]
    .iter()
    .any(|w| b.ends_with(w))
}

/// Reads the special forms at `i`: ranks, `半`, `翻一番`, `两成`. Returns the
/// quantity and the byte where scanning resumes.
fn special_at(text: &str, i: usize) -> Option<(Found, usize)> {
    let rest = &text[i..];
    // 第N位 / 第N名 / 第N、第M位 / 第一 (rank context)
    if let Some(r) = rest.strip_prefix('第').or_else(|| rest.strip_prefix("前")) {
        let head = rest.len() - r.len();
        let is_first = rest.starts_with('第');
        let num = read_number(text, i + head)?;
        if num.has_mult || num.decimal || num.approx.is_some() || num.value < 1.0 {
            return None;
        }
        let after = &text[num.end..];
        if let Some(u) = ["位", "名"].iter().find(|u| after.starts_with(**u)) {
            let mut f = found(i..num.end + u.len(), num.value, "rank");
            f.role = Some(Role::Rank);
            return Some((f, num.end + u.len()));
        }
        if is_first {
            // 第3、第2位
            if let Some(a) = after.strip_prefix('、') {
                if a.starts_with('第') {
                    if let Some(n2) = read_number(text, num.end + '、'.len_utf8() + '第'.len_utf8())
                    {
                        if ["位", "名"].iter().any(|u| text[n2.end..].starts_with(u)) {
                            let mut f = found(i..num.end, num.value, "rank");
                            f.role = Some(Role::Rank);
                            return Some((f, num.end));
                        }
                    }
                }
            }
            if num.single_one && rank_context(text, i) {
                let next = char_at(text, num.end);
                if !next.is_some_and(is_cjk) || text[num.end..].starts_with("名") {
                    let mut f = found(i..num.end, 1.0, "rank");
                    f.role = Some(Role::Rank);
                    return Some((f, num.end));
                }
            }
        }
        return None;
    }
    // 半年, 半小时, 半天, 半日, 半个月
    if let Some(r) = rest.strip_prefix('半') {
        let prev = char_before(text, i);
        if prev.is_some_and(|p| has_char("上下前后後大多一两兩三四五六七八九十个個", p))
        {
            return None;
        }
        for (w, unit) in [
            ("个小时", "hour"),
            ("小时", "hour"),
            ("小時", "hour"),
            ("个月", "month"),
            ("個月", "month"),
            ("天", "day"),
            ("日", "day"),
            ("年", "year"),
        ] {
            if r.starts_with(w) {
                let end = i + '半'.len_utf8() + w.len();
                if unit == "year"
                    && char_at(text, end).is_some_and(|c| has_char("度内底末初来", c) && c != '内')
                {
                    return None;
                }
                return Some((found(i..end, 0.5, unit), end));
            }
        }
        return None;
    }
    // 翻一番, 翻两番
    if let Some(r) = rest.strip_prefix('翻') {
        let mut it = r.chars();
        let d = it.next().and_then(cn_digit)?;
        if it.next() == Some('番') {
            let end = i + rest.len() - r.len() + 2 * '番'.len_utf8();
            let mut f = found(i..end, 2f64.powi(d as i32), "times");
            f.role = Some(Role::Change);
            return Some((f, end));
        }
    }
    None
}

/// The characters a figure may start with: digits, Chinese numerals and the
/// characters of `special_at`.
static NUMBER_STARTS: LazyLock<CharSet> = LazyLock::new(|| CharSet::new(NUMBER_START_CHARS));

/// The characters of [`NUMBER_STARTS`] (the engine's [`super::START_NUMBER`] too).
pub(crate) const NUMBER_START_CHARS: &str =
    "0123456789第前半翻零〇一二两兩三四五六七八九十百千万萬亿億";

/// Finds metric candidates on the analysis view.
pub fn extract(ctx: &Context, times: &[Candidate], slogans: &[Candidate]) -> Vec<Candidate> {
    let text = ctx.text;
    let sents = &Sentences::new(ctx);
    let mut found_all: Vec<Found> = Vec::new();
    // (the characters come decoded from the index: `k` is a char index, `i`
    // its byte)
    let (offs, chars) = (&ctx.chars.offs, &ctx.chars.chars);
    let starts = &*NUMBER_STARTS;
    // Everything below starts at a digit, a Chinese numeral or one of the
    // characters of `special_at` (第, 前, 半, 翻): other characters, most of a
    // text, are passed over at once (by the engine's pass over the characters,
    // and one bit test of those it finds).
    let next_start = |mut k: usize| {
        while let Some(p) = ctx.chars.next_start(k, START_NUMBER) {
            if starts.contains(chars[p]) {
                return Some(p);
            }
            k = p + 1;
        }
        None
    };
    let mut k = 0;
    while let Some(p) = next_start(k) {
        k = p;
        let c = chars[k];
        let i = offs[k];
        let step = c.len_utf8();
        let next = if let Some((f, next)) = special_at(text, i) {
            found_all.push(f);
            next
        } else if c == '第' {
            // an ordinal that is not a rank: skip its number
            let k = i + step;
            k + arabic_len(&text[k..]).max(chinese_len(&text[k..]))
        } else if !number_may_start(text, i) {
            i + step
        } else {
            match scan_number(text, sents, i) {
                Scan::Found(f, second, next) => {
                    found_all.push(f);
                    found_all.extend(second);
                    next
                }
                Scan::Skip(next) => next.max(i + step),
            }
        };
        // (`next` is past `i`, and a figure is a few characters long: the
        // character it falls on is walked to rather than searched for)
        k += 1;
        while k < chars.len() && offs[k] < next {
            k += 1;
        }
    }
    // A number times its multiplier and unit factor can overflow (`1.7e308万元`):
    // such a figure has no value to give, so it is no metric.
    found_all.retain(|f| f.value.is_finite() && f.value_max.is_none_or(f64::is_finite));
    let (times, slogans) = (Spans::new(times), Spans::new(slogans));
    found_all.retain(|f| !times.overlap(&f.range) && !slogans.overlap(&f.range));
    found_all.retain(|f| !in_idiom(text, &f.range));

    let mut out: Vec<Candidate> = Vec::with_capacity(found_all.len());
    for f in found_all {
        // The figure before this one, and its indicator: the last one put
        // out (read there rather than kept in a copy of its indicator).
        let prev = out.last().map(|c: &Candidate| {
            let ind = c.metric.as_ref().and_then(|m| m.indicator.as_ref());
            (c.range.clone(), ind)
        });
        let mut approx = f.approx;
        if approx.is_none() {
            approx = LEAD_APPROX_ENDS
                .longest_end(&text[..f.range.start])
                .or_else(|| starts_with_any(&text[f.range.end..], TRAIL_APPROX))
                .map(str::to_string);
        }
        // (the clause is read back once, for `per_before` and the region)
        let cs = clause_start(text, f.range.start);
        let mut unit = f.unit;
        if unit == "CNY" {
            if let Some(d) = per_before(text, cs, f.range.start) {
                unit = format!("CNY/{d}");
            }
        }
        let region_start = match &prev {
            Some((r, _)) if r.end > cs && r.end <= f.range.start => r.end,
            _ => cs,
        };
        let region = &text[region_start..f.range.start];
        let role = f
            .role
            .unwrap_or_else(|| role_of(text, sents, region, f.range.start, &unit));
        let same_sentence = prev
            .as_ref()
            .is_some_and(|(r, _)| r.end <= f.range.start && sents.start(f.range.start) <= r.start);
        // the second of a pair joined by a conjunction (2.4亿和2.6亿美元) measures
        // what the first does: the conjunction is not its indicator
        let joined = prev.as_ref().is_some_and(|(r, _)| r.end == region_start)
            && matches!(region, "和" | "与" | "與" | "及" | "以及");
        let indicator = after_phrase(ctx, f.range.end, f.class)
            .or_else(|| (!joined).then(|| before_phrase(ctx, region_start, f.range.start))?)
            .or_else(|| {
                if same_sentence {
                    prev.as_ref().and_then(|(_, ind)| ind.cloned())
                } else {
                    None
                }
            });
        let mut c = Candidate::new(f.range, Kind::Metric);
        c.metric = Some(MetricCandidate {
            value: f.value,
            value_max: f.value_max,
            unit,
            indicator,
            role,
            approx,
            period: None,
        });
        out.push(c);
    }
    out
}

enum Scan {
    /// A figure, the second of a pair sharing its unit (`70、50个`), and
    /// the byte where scanning resumes (no vector for the one or two).
    Found(Found, Option<Found>, usize),
    Skip(usize),
}

/// The unit at `k` (allowing one space after an Arabic number), with rates.
/// (The canonical unit is borrowed from the table unless it is a rate: most
/// units found are refused or copied once into their figure.)
fn unit_after(
    text: &str,
    k: usize,
    allow_space: bool,
) -> Option<(Unit, usize, std::borrow::Cow<'static, str>)> {
    let k = if allow_space && text[k..].starts_with(' ') {
        k + 1
    } else {
        k
    };
    let u = unit_at(&text[k..])?;
    let mut end = k + u.surface.len();
    let mut canon: std::borrow::Cow<'static, str> = u.canon.into();
    if u.class == Class::Money && text[end..].starts_with('/') {
        let r = &text[end + 1..];
        if let Some((d, l)) = rate_denominator(r) {
            canon = format!("{canon}/{d}").into();
            end += 1 + l;
        } else if let Some(u2) = unit_at(r) {
            if matches!(u2.class, Class::Count | Class::Measure | Class::Duration) {
                canon = format!("{canon}/{}", u2.canon).into();
                end += 1 + u2.surface.len();
            }
        }
    }
    Some((u, end, canon))
}

fn scan_number(text: &str, sents: &Sentences, i: usize) -> Scan {
    let Some(num) = read_number(text, i) else {
        // Digits too many for an `f64` (`9999…万亿元`): skip them and their
        // multiplier, which is no number of its own here.
        let n = arabic_len(&text[i..]);
        if n > 0 {
            return Scan::Skip(i + n + multiplier_at(&text[i + n..]).map_or(0, |(ml, _)| ml));
        }
        return Scan::Skip(i + 1);
    };
    let skip_all = Scan::Skip(num.end);
    // a number glued to Latin letters is a name or code: 5G, 4A级, 4S店
    if char_at(text, num.end).is_some_and(|c| c.is_ascii_alphabetic()) {
        return skip_all;
    }
    let unit = unit_after(
        text,
        num.end,
        !num.chinese && (!num.has_mult || text[num.end..].starts_with(' ')),
    );
    let Some((u, end, canon)) = unit else {
        return bare_number(text, sents, i, &num);
    };
    // list marker `1.32个营业厅` → `1.` + `32个`
    if num.decimal && u.class == Class::Count {
        let prev = char_before(text, i);
        if prev.is_none_or(|p| p.is_whitespace() || has_char(":：;；。(（", p)) {
            if let Some(dot) = text[i..num.end].find('.') {
                return match scan_number(text, sents, i + dot + 1) {
                    Scan::Skip(_) => Scan::Skip(i + dot + 1),
                    found => found,
                };
            }
        }
    }
    if !accept(text, sents, i, &num, &u, end) {
        return skip_all;
    }
    let mut f = found(i..end, num.value * u.factor, &canon);
    if has_char(u.surface, '亿') || has_char(u.surface, '億') {
        f.value = num.value * if num.has_mult { 1.0 } else { u.factor };
    }
    f.approx = num.approx.map(str::to_string);
    f.class = Some(u.class);
    Scan::Found(f, None, end)
}

/// Date, name and idiom filters for a number with a unit.
fn accept(text: &str, sents: &Sentences, i: usize, num: &Num, u: &Unit, end: usize) -> bool {
    let next = char_at(text, end);
    match u.canon {
        "year" => {
            // 2023年, 23年6月: calendar years
            if num.value >= 100.0 || num.value.fract() != 0.0 || num.has_mult {
                return false;
            }
            if next.is_some_and(|c| c.is_ascii_digit()) {
                return false;
            }
        }
        "day" if u.surface == "日" => return false,
        _ => {}
    }
    // a time of day or a date: 6月14日 handled above; 8时 is not a unit here
    if num.chinese {
        if num.single_one && !(u.class == Class::Duration && u.canon != "year") {
            return false;
        }
        if num.only_mult && (u.class != Class::Money || text[i..num.end].chars().count() < 2) {
            return false;
        }
        if enumerated(text, sents, i, num.value) {
            return false;
        }
        if next == Some('一') || in_short_quote(text, sents.index, i) {
            return false;
        }
        if u.canon == "item" && next.is_some_and(|c| c == '大') {
            return false;
        }
    }
    if num.value == 0.0 && !num.chinese {
        return true;
    }
    true
}

/// Is a Chinese numeral the next item of a counted formula
/// (`三大服务业、四个重大工程、五个千亿产业`)? Those are slogans, not quantities.
fn enumerated(text: &str, sents: &Sentences, i: usize, value: f64) -> bool {
    if !(2.0..=10.0).contains(&value) || value.fract() != 0.0 {
        return false;
    }
    const CN: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let prev = &text[sents.start(i)..i];
    let v = value as usize - 1;
    let words: &[&str] = if v == 2 {
        &["二", "两", "兩"]
    } else {
        &[CN[v]]
    };
    // (as `prev.contains(&format!("{d}{w}"))` for every delimiter `d`: each
    // occurrence of `w`, one character, checked for a delimiter before it)
    words.iter().any(|w| {
        prev.match_indices(w).any(|(p, _)| {
            ["、", "，", ",", "围绕", "圍繞"]
                .iter()
                .any(|d| prev[..p].ends_with(d))
        })
    })
}

/// A number with no unit of its own: a range (`0.4至0.6元`), a list sharing
/// the unit (`70、50个工作日`, `2.4亿和2.6亿美元`), `两成`, `百亿级`.
fn bare_number(text: &str, sents: &Sentences, i: usize, num: &Num) -> Scan {
    let rest = &text[num.end..];
    // 两成 = 20%
    if num.chinese && !num.single_one && num.value < 10.0 && rest.starts_with('成') {
        let after = char_at(text, num.end + '成'.len_utf8());
        if !after.is_some_and(|c| has_char("为為立功果本效绩績熟交员員就长長型片套群倍", c))
        {
            let end = num.end + '成'.len_utf8();
            return Scan::Found(found(i..end, num.value * 10.0, "%"), None, end);
        }
    }
    // 百亿级
    if rest.starts_with('级') || rest.starts_with('級') {
        let run = &text[i..num.end];
        if run.ends_with('亿') || run.ends_with('億') {
            let end = num.end + '级'.len_utf8();
            let mut f = found(i..end, num.value, "CNY");
            if !num.chinese {
                f.value = num.value;
            }
            return Scan::Found(f, None, end);
        }
    }
    for sep in [
        "至", "到", "-", "~", "～", "—", "－", "、", "和", "与", "與", "及",
    ] {
        let Some(r) = rest.strip_prefix(sep) else {
            continue;
        };
        let k = text.len() - r.len();
        if num.chinese != char_at(text, k).is_some_and(|c| !c.is_ascii_digit()) {
            break;
        }
        let Some(n2) = read_number(text, k) else {
            break;
        };
        if n2.value < 1e-12 {
            break;
        }
        let Some((u, end, canon)) = unit_after(text, n2.end, false) else {
            break;
        };
        if !accept(text, sents, k, &n2, &u, end) {
            break;
        }
        let mult = if num.has_mult {
            1.0
        } else {
            // the multiplier of the second number applies to the first: 3至5万
            let m = &text[k..n2.end];
            m.char_indices()
                .find_map(|(p, _)| multiplier_at(&m[p..]).map(|(_, f)| f))
                .unwrap_or(1.0)
        };
        let v1 = num.value * mult * u.factor;
        let v2 = n2.value * u.factor;
        // a list: 70、50个工作日, 2.4亿和2.6亿美元
        if matches!(sep, "、" | "和" | "与" | "與" | "及") {
            let first = found(i..num.end, v1, &canon);
            let second = found(k..end, v2, &canon);
            return Scan::Found(first, Some(second), end);
        }
        if v2 <= v1 {
            break;
        }
        let mut f = found(i..end, v1, &canon);
        f.value_max = Some(v2);
        return Scan::Found(f, None, end);
    }
    Scan::Skip(num.end)
}

const CLAUSE_DELIMS: &[char] = &[
    '。', '，', ',', '；', ';', '：', ':', '\n', '！', '？', '!', '?', '、', '【', '】', '（', '(',
    '）', ')', '—', '…', '|',
];
/// [`CLAUSE_DELIMS`] as a set, for the reads back to a clause's start.
static CLAUSE_SET: LazyLock<CharSet> =
    LazyLock::new(|| CharSet::new(&CLAUSE_DELIMS.iter().collect::<String>()));
/// The characters that end a sentence.
const SENTENCE_DELIMS: &[char] = &['。', '；', ';', '！', '？', '!', '?', '\n'];

/// Byte where the clause holding byte `i` starts.
fn clause_start(text: &str, i: usize) -> usize {
    text[..i]
        .char_indices()
        .rev()
        .find(|&(k, c)| {
            CLAUSE_SET.contains(c)
                || (c == ' ' && !text[..k].ends_with(|p: char| p.is_ascii_alphanumeric()))
        })
        .map_or(0, |(k, c)| k + c.len_utf8())
}

/// Where the sentences of a text end (after one of [`SENTENCE_DELIMS`]), in
/// order, from the delimiters' positions in the character index: the start of
/// the sentence that holds a byte is found there, not by reading the text back
/// (a sentence can be long, and most numbers ask).
/// (It carries the character index too, for the other look-ups of the
/// figures' surroundings.)
struct Sentences<'a> {
    ends: Vec<usize>,
    index: &'a super::CharIndex,
}

impl<'a> Sentences<'a> {
    fn new(ctx: &Context<'a>) -> Self {
        let mut ends: Vec<usize> = SENTENCE_DELIMS
            .iter()
            .flat_map(|&c| {
                ctx.chars
                    .positions(c)
                    .iter()
                    .map(move |&k| k + c.len_utf8())
            })
            .collect();
        // (a stable sort: the positions come as one sorted run a delimiter,
        // which it merges rather than sorting them all again)
        ends.sort();
        Sentences {
            ends,
            index: ctx.chars,
        }
    }

    /// Byte where the sentence holding byte `i` starts: after the last
    /// delimiter before it, else 0.
    fn start(&self, i: usize) -> usize {
        match self.ends.partition_point(|&e| e <= i) {
            0 => 0,
            n => self.ends[n - 1],
        }
    }
}

/// `每立方米节省0.4元` → `m3`: a `每` + unit shortly before a money figure.
/// (`cs`: the start of the clause that holds `i`, [`clause_start`])
fn per_before(text: &str, cs: usize, i: usize) -> Option<&'static str> {
    let region = &text[cs..i];
    let k = region.rfind('每')?;
    if region[k..].chars().count() > 10 {
        return None;
    }
    rate_denominator(&region[k + '每'.len_utf8()..]).map(|(d, _)| d)
}

/// Whether `hay` contains any of `words` (none empty), whose first characters
/// are `firsts`: one pass over `hay`, trying the words only where one of them
/// can start, instead of one substring search per word.
fn contains_any(hay: &str, words: &[&str], firsts: &CharSet) -> bool {
    hay.char_indices()
        .any(|(k, c)| firsts.contains(c) && words.iter().any(|w| starts_with_word(&hay[k..], w)))
}

/// The first characters of `words`.
fn firsts(words: &[&str]) -> CharSet {
    CharSet::new(
        &words
            .iter()
            .filter_map(|w| w.chars().next())
            .collect::<String>(),
    )
}

fn role_of(text: &str, sents: &Sentences, region: &str, start: usize, unit: &str) -> Role {
    const TARGET: &[&str] = &["目标", "力争", "争取", "目標", "爭取"];
    static CHANGE_FIRSTS: LazyLock<CharSet> = LazyLock::new(|| firsts(CHANGE_WORDS));
    let from = sents.start(start);
    if unit == "rank" {
        return Role::Rank;
    }
    // (as `contains_any(&text[from..start], TARGET, …)`, from the occurrences
    // of the words' first characters in the sentence: a sentence can be long,
    // and is read again for every figure in it)
    let target = TARGET.iter().any(|w| {
        let first = w.chars().next().expect("a word");
        let ps = sents.index.positions(first);
        ps[ps.partition_point(|&p| p < from)..]
            .iter()
            .take_while(|&&p| p < start)
            .any(|&p| starts_with_word(&text[p..start], w))
    });
    if target {
        return Role::Target;
    }
    if unit == "pp" || unit == "bp" || unit == "times" {
        return Role::Change;
    }
    // the last 8 characters of the region (all of it if shorter)
    let tail = &region[region.char_indices().rev().nth(7).map_or(0, |(k, _)| k)..];
    if unit == "%"
        && ["占", "比重", "占比", "佔"]
            .iter()
            .any(|w| region.contains(w))
    {
        return Role::Share;
    }
    if contains_any(tail, CHANGE_WORDS, &CHANGE_FIRSTS) && !tail.contains("增加到") {
        return Role::Change;
    }
    if unit == "%" && region.ends_with('的') && region.contains("完成") {
        return Role::Share;
    }
    Role::Level
}

fn token_index(ctx: &Context, pos: usize) -> usize {
    ctx.tokens.partition_point(|t| t.range.end <= pos)
}

fn nounish(tag: &str) -> bool {
    tag.starts_with('n')
        || matches!(
            tag,
            "vn" | "an" | "j" | "b" | "eng" | "l" | "ng" | "nz" | "g"
        )
}

/// The noun phrase right after a quantity that modifies it (`15家科创企业入驻`).
fn after_phrase(ctx: &Context, end: usize, class: Option<Class>) -> Option<String> {
    let text = ctx.text;
    let mut pos = end;
    if let Some(a) = starts_with_any(&text[pos..], &["以上", "左右", "多", "余"]) {
        pos += a.len();
    }
    if text[pos..].starts_with('的') {
        if class != Some(Class::Count) {
            // `闲置两年的冷链仓库`, `投资过10亿元的大项目`: the figure belongs to the verb before
            return None;
        }
        // `6年的88亩`: the next figure is no noun phrase
        let k = pos + '的'.len_utf8();
        if char_at(text, k).is_some_and(|c| c.is_ascii_digit() || super::numbers::is_cn_numeral(c))
        {
            return None;
        }
        pos = k;
    }
    let mut quoted = false;
    let mut first = char_at(text, pos)?;
    if first == '“' || first == '"' {
        quoted = true;
        first = char_at(text, pos + first.len_utf8())?;
    }
    if !is_cjk(first) && !first.is_ascii_alphabetic() {
        return None;
    }
    let mut k = token_index(ctx, pos);
    let mut phrase_end = pos;
    let mut n = 0;
    while k < ctx.tokens.len() && n < 6 {
        let t = &ctx.tokens[k];
        let start = t.range.start.max(pos);
        let word = &text[start..t.range.end];
        if word.is_empty() {
            k += 1;
            continue;
        }
        if word == "“" || word == "”" || word == "\"" {
            // a quoted name inside the phrase: `“渔光互补”光伏发电项目`
            if word == "“"
                || (quoted
                    && k + 1 < ctx.tokens.len()
                    && ctx.tokens.get(k + 1).is_some_and(|x| nounish(x.tag)))
            {
                quoted = word == "“" || word == "\"";
                phrase_end = t.range.end;
                k += 1;
                continue;
            }
            if quoted {
                phrase_end = t.range.end;
            }
            break;
        }
        let modifier = matches!(t.tag, "a" | "b" | "v" | "vn" | "d")
            && (n > 0 || !t.tag.starts_with('v') || class == Some(Class::Count))
            && !(n == 0 && t.tag == "vn" && class != Some(Class::Count))
            && !word.starts_with('内')
            && ctx.tokens.get(k + 1).is_some_and(|x| nounish(x.tag));
        let ok = (nounish(t.tag) && !(n == 0 && t.tag == "vn" && class != Some(Class::Count)))
            || modifier
            || (quoted && !word.chars().any(|c| CLAUSE_DELIMS.contains(&c)));
        if !ok
            || word
                .chars()
                .all(|c| !is_cjk(c) && !c.is_ascii_alphanumeric())
        {
            break;
        }
        if is_unit_or_number(word) && n == 0 {
            return None;
        }
        phrase_end = t.range.end;
        n += 1;
        k += 1;
    }
    if phrase_end <= pos {
        return None;
    }
    let p = &text[pos..phrase_end];
    (p.chars().count() >= 2).then(|| p.to_string())
}

fn is_unit_or_number(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// The indicator from the clause before the number: verbs, approximators and
/// change words stripped from its end, connectives and time words from its start.
fn before_phrase(ctx: &Context, from: usize, to: usize) -> Option<String> {
    let text = ctx.text;
    let mut s = text[from..to].trim();
    let base = text.as_ptr() as usize;
    let at_token = |s: &str, w: &str| {
        let cut = s.as_ptr() as usize - base + s.len() - w.len();
        w.chars().count() > 1
            || ctx
                .tokens
                .binary_search_by_key(&cut, |t| t.range.start)
                .is_ok()
    };
    loop {
        let before = s;
        for list in [&*TRAIL_STRIP_ENDS, &*CHANGE_WORDS_ENDS, &*RANK_WORDS_ENDS] {
            if let Some(w) = list.longest_end(s) {
                if at_token(s, w) {
                    s = s[..s.len() - w.len()].trim_end();
                }
            }
        }
        if s == before {
            break;
        }
    }
    // leading time words and connectives
    loop {
        let before = s;
        if let Some(w) = starts_with_any(s, LEAD_STRIP) {
            s = s[w.len()..].trim_start();
        }
        let off = s.as_ptr() as usize - text.as_ptr() as usize;
        let k = token_index(ctx, off);
        if let Some(t) = ctx.tokens.get(k) {
            if t.range.start == off && (t.tag == "t" || t.tag == "m") && t.range.end < off + s.len()
            {
                s = &text[t.range.end..off + s.len()];
            }
        }
        // (the characters of `"年月日至底初,."`, matched as chars rather than
        // searched for in that string at every character)
        s = s.trim_start_matches(|c: char| {
            c.is_ascii_digit() || matches!(c, '年' | '月' | '日' | '至' | '底' | '初' | ',' | '.')
        });
        if s == before {
            break;
        }
    }
    let s = s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '。' | '，' | '、')
    });
    if !s.chars().any(is_cjk) {
        return None;
    }
    // (its last 20 characters, or all of it if shorter)
    let cut = s.char_indices().rev().nth(19).map_or(0, |(k, _)| k);
    Some(s[cut..].to_string())
}

/// Points each metric at the time expression that scopes it: the last one before
/// it in the same sentence, else the last one earlier in the same paragraph.
/// `flat` is as [`super::resolve::flatten`] leaves it: in text order, disjoint.
pub fn link_periods(ctx: &Context, mut flat: Vec<Candidate>) -> Vec<Candidate> {
    let times: Vec<Range<usize>> = flat
        .iter()
        .filter(|c| c.kind == Kind::Time)
        .map(|c| c.range.clone())
        .collect();
    if times.is_empty() {
        return flat;
    }
    // Line breaks and sentence ends from the character index: a paragraph
    // can be long, and searching back from every metric to its start scanned
    // it again and again.
    let breaks = ctx.chars.positions('\n');
    let ends = ['。', '！', '？', '；', '\n'].map(|c| ctx.chars.positions(c));
    for c in flat.iter_mut().filter(|c| c.kind == Kind::Metric) {
        let s = c.range.start;
        // (the last line break before `s`, as `text[..s].rfind('\n')`)
        let para_start = match breaks.partition_point(|&k| k < s) {
            0 => 0,
            n => breaks[n - 1] + 1,
        };
        // (as `text[..s].rfind(['。', '！', '？', '；', '\n'])`)
        let sent_start = ends
            .iter()
            .filter_map(|ps| ps[..ps.partition_point(|&k| k < s)].last())
            .max()
            .map_or(0, |&k| {
                k + ctx.text[k..].chars().next().map_or(1, char::len_utf8)
            });
        // (the last time span ending by `s`, if it starts at `from` or after:
        // the spans are flat, in text order and disjoint, so their ends are in
        // order too, and any earlier span starts earlier still)
        let before = &times[..times.partition_point(|t| t.end <= s)];
        let pick = |from: usize| before.last().filter(|t| t.start >= from).cloned();
        if let Some(m) = c.metric.as_mut() {
            m.period = pick(sent_start).or_else(|| pick(para_start));
        }
    }
    flat
}

#[cfg(test)]
mod tests {
    #[test]
    fn sentence_start_is_after_the_last_delimiter() {
        use super::{Context, Sentences, SENTENCE_DELIMS};
        let t = "前言。增长12%；目标！问？a;b!c?d\n后文，半句、完";
        let chars = crate::engine::CharIndex::new(t);
        let ctx = Context {
            text: t,
            tokens: &[],
            chars: &chars,
        };
        let sents = Sentences::new(&ctx);
        for (i, _) in t.char_indices().chain([(t.len(), ' ')]) {
            let want = t[..i]
                .char_indices()
                .rev()
                .find(|&(_, c)| SENTENCE_DELIMS.contains(&c))
                .map_or(0, |(k, c)| k + c.len_utf8());
            assert_eq!(sents.start(i), want, "{i}");
        }
    }

    use crate::engine::annotate;

    #[test]
    fn number_starts_are_digits_numerals_and_specials() {
        for c in (0..0x10000u32).filter_map(char::from_u32) {
            let want = c.is_ascii_digit()
                || matches!(c, '第' | '前' | '半' | '翻')
                || crate::engine::numbers::is_cn_numeral(c);
            assert_eq!(super::NUMBER_STARTS.contains(c), want, "{c}");
        }
    }

    #[test]
    fn contains_any_is_any_contains() {
        use super::{contains_any, firsts, CHANGE_WORDS};
        let set = firsts(CHANGE_WORDS);
        for hay in [
            "",
            "同比增长",
            "增",
            "比上年下降了",
            "规模以上工业",
            "高於去年",
            "abc降",
        ] {
            let want = CHANGE_WORDS.iter().any(|w| hay.contains(w));
            assert_eq!(contains_any(hay, CHANGE_WORDS, &set), want, "{hay}");
        }
    }

    #[test]
    fn numbers_too_large_give_no_metric_and_no_infinity() {
        let max = format!("{:.0}", f64::MAX);
        // parses to f64::MAX, which rounding to 15 digits must not turn into inf
        assert_eq!(
            metrics(&format!("收入{max}元")),
            [(max.clone() + "元", f64::MAX, "CNY".into())]
        );
        // overflow by the multiplier or the unit factor: no metric, no 0 or inf value
        assert_eq!(metrics(&format!("收入{max}万元")), []);
        assert_eq!(metrics(&format!("收入{max}至{max}亿元")), []);
        assert_eq!(metrics(&format!("收入{}亿元", "1".repeat(1000))), []);
        assert_eq!(metrics(&format!("{}元", "亿".repeat(60))), []);
        assert_eq!(metrics(&format!("共{}个", "二〇".repeat(200))), []);
        // the multiplier after too many digits is not a number of its own
        assert_eq!(metrics(&format!("收入{}万亿元", "9".repeat(309))), []);
        assert_eq!(
            metrics("收入15亿元"),
            [("15亿元".into(), 1.5e9, "CNY".into())]
        );
    }

    /// Look-backs (indicator, approximator, role, clause and sentence starts) far
    /// into multi-byte text must cut at character boundaries, whatever the byte
    /// distance (a lost fix once snapped a 3000-byte window here).
    #[test]
    fn long_multibyte_lookback_cuts_at_char_boundaries() {
        for pad in ["", "a", "ab", "𠀀", "a𠀀"] {
            for n in [999, 1000, 1001, 1500] {
                let t = format!(
                    "{pad}{}一般公共预算收入15.48亿元，同比增长12.3%",
                    "啊".repeat(n)
                );
                let m = metrics(&t);
                assert_eq!(m.len(), 2, "{pad} {n}");
                assert_eq!(m[0].1, 1_548_000_000.0);
            }
        }
    }

    fn metrics(text: &str) -> Vec<(String, f64, String)> {
        annotate("t", text)
            .annotations
            .into_iter()
            .filter_map(|a| a.metric.map(|m| (a.text, m.value, m.unit)))
            .collect()
    }

    fn full(text: &str) -> Vec<(String, crate::engine::Metric)> {
        annotate("t", text)
            .annotations
            .into_iter()
            .filter_map(|a| a.metric.map(|m| (a.text, m)))
            .collect()
    }

    fn spans(text: &str) -> Vec<String> {
        metrics(text).into_iter().map(|(s, _, _)| s).collect()
    }

    #[test]
    fn chinese_and_mixed_numbers() {
        let m = metrics(
            "引进项目三千个，用时两个月，新增就业3万4000人，投资3个亿，撬动社会资本近百亿元。",
        );
        assert_eq!(m[0], ("三千个".into(), 3000.0, "item".into()));
        assert_eq!(m[1], ("两个月".into(), 2.0, "month".into()));
        assert_eq!(m[2], ("3万4000人".into(), 34000.0, "person".into()));
        assert_eq!(m[3], ("3个亿".into(), 3e8, "CNY".into()));
        assert_eq!(m[4], ("百亿元".into(), 1e10, "CNY".into()));
        let m = metrics("培训二百余人次，签约十一个项目。");
        assert_eq!(m[0], ("二百余人次".into(), 200.0, "人次".into()));
        assert_eq!(m[1], ("十一个".into(), 11.0, "item".into()));
    }

    #[test]
    fn approximators_inside_and_outside() {
        let m = full(
            "总投资150余亿元的16个项目开工，吸引1800多个农户，累计供应超100吨，年产值5亿元以上。",
        );
        assert_eq!(m[0].0, "150余亿元");
        assert_eq!(m[0].1.value, 1.5e10);
        assert_eq!(m[0].1.approx.as_deref(), Some("余"));
        assert_eq!(m[2].0, "1800多个");
        assert_eq!(m[3].0, "100吨");
        assert_eq!(m[3].1.approx.as_deref(), Some("超"));
        assert_eq!(m[4].1.approx.as_deref(), Some("以上"));
    }

    #[test]
    fn ranges_lists_and_rates() {
        let m = full("每立方米节省0.4至0.6元，利率下调3-5%，审批时限压缩至70、50个工作日。");
        assert_eq!(m[0].0, "0.4至0.6元");
        assert_eq!((m[0].1.value, m[0].1.value_max), (0.4, Some(0.6)));
        assert_eq!(m[0].1.unit, "CNY/m3");
        assert_eq!(m[1].0, "3-5%");
        assert_eq!(m[1].1.value_max, Some(5.0));
        assert_eq!((m[2].0.as_str(), m[2].1.unit.as_str()), ("70", "day"));
        assert_eq!((m[3].0.as_str(), m[3].1.value), ("50个工作日", 50.0));
        // a pair joined by 和 shares the unit and the indicator
        let m = full("美韩资本实际投资额分别突破2.4亿和2.6亿美元。");
        assert_eq!((m[0].0.as_str(), m[0].1.value), ("2.4亿", 2.4e8));
        assert_eq!((m[1].0.as_str(), m[1].1.value), ("2.6亿美元", 2.6e8));
        assert_eq!((m[0].1.unit.as_str(), m[1].1.unit.as_str()), ("USD", "USD"));
        assert!(m[0]
            .1
            .indicator
            .as_deref()
            .is_some_and(|i| i.ends_with("实际投资额")));
        assert_eq!(m[1].1.indicator, m[0].1.indicator);
        let m =
            metrics("奖补标准由50元/户提高到1000元/户，助力增收1200元/亩，比LNG供气节省2元/立方。");
        assert_eq!(m[0], ("50元/户".into(), 50.0, "CNY/household".into()));
        assert_eq!(m[2].2, "CNY/mu");
        assert_eq!(m[3].2, "CNY/m3");
    }

    #[test]
    fn units_of_the_genre() {
        let m = metrics("平均利率下降60个基点，建起200兆瓦光伏电站，供应天然气86万立方米，厂房13719.8平方米，产能扩充7倍，用时半年。");
        let units: Vec<&str> = m.iter().map(|x| x.2.as_str()).collect();
        assert_eq!(units, ["bp", "MW", "m3", "m2", "times", "year"]);
        assert_eq!(m[2].1, 860000.0);
        assert_eq!(m[5].1, 0.5);
        let m = metrics("外出务工脱贫45户1451人，新发展市场主体6100户，两成农户，经济总量翻一番。");
        assert_eq!(m[0].2, "household");
        assert_eq!(m[1].2, "person");
        assert_eq!(m[3], ("两成".into(), 20.0, "%".into()));
        assert_eq!(m[4], ("翻一番".into(), 2.0, "times".into()));
    }

    #[test]
    fn ranks() {
        let m = full("制造业增加值占地区生产总值比重达34.4%、居全省第2位，固定资产投资增速稳居全省前四位，综合考评位列全市第一。");
        assert_eq!(m[0].1.role, crate::engine::Role::Share);
        assert_eq!(m[1].0, "第2位");
        assert_eq!(
            (m[1].1.unit.as_str(), m[1].1.role),
            ("rank", crate::engine::Role::Rank)
        );
        assert_eq!(m[2].0, "前四位");
        assert_eq!(m[2].1.value, 4.0);
        assert_eq!(m[3].0, "第一");
        assert!(spans("他是驻村第一书记，第一批试点，第三福利院。").is_empty());
    }

    #[test]
    fn dates_and_periods_are_not_metrics() {
        assert!(spans(
            "2023年，2025年9月，1至11月，前三季度，6月14日，2025-04-15，十四五期间，上半年。"
        )
        .is_empty());
        assert_eq!(
            spans("连续3年排名第一，闲置近6年的厂房"),
            ["3年", "第一", "6年"]
        );
    }

    #[test]
    fn short_quotes_in_every_quote_style() {
        for t in [
            "坚持“三篇文章”一起做",
            "坚持「三篇文章」一起做",
            "坚持『三篇文章』一起做",
            "坚持\"三篇文章\"一起做",
        ] {
            let index = crate::engine::CharIndex::new(t);
            assert!(
                super::in_short_quote(t, &index, t.find('三').unwrap()),
                "{t}"
            );
            // after the quote has closed
            let t = format!("{t}，三个项目");
            let index = crate::engine::CharIndex::new(&t);
            assert!(
                !super::in_short_quote(&t, &index, t.rfind('三').unwrap()),
                "{t}"
            );
        }
    }

    #[test]
    fn names_markers_slogans_and_idioms_are_not_metrics() {
        assert!(spans("84消毒液、12345热线、PM2.5、4A级景区、5G基站、G107国道").is_empty());
        assert!(spans("一、政企联动 (三)加强保障 1.强化组织").is_empty());
        assert!(spans(
            "一是统一思想，一方面千方百计，万众一心，一心一意，一流企业，一带一路，唯一"
        )
        .is_empty());
        assert!(spans("推行“一企一策”“七证同发”，做到“六个一批”，一批项目").is_empty());
        assert!(
            spans("围绕一个示范区、两带建设、三大服务业、四个重大工程、五个千亿产业").is_empty()
        );
        assert_eq!(spans("1.32个营业厅实行值班"), ["32个"]);
    }

    #[test]
    fn indicators_follow_the_genre() {
        let m = full("一般公共预算收入15.48亿元，同比增长12.3%，高于全省2.1个百分点。");
        for (_, x) in &m {
            assert_eq!(x.indicator.as_deref(), Some("一般公共预算收入"));
        }
        let m = full("城乡常住居民人均可支配收入分别达到46400元、23649元，同比分别增长6%、8%。");
        assert_eq!(m.len(), 4);
        for (_, x) in &m {
            assert!(
                x.indicator
                    .as_deref()
                    .is_some_and(|i| i.contains("人均可支配收入")),
                "{x:?}"
            );
        }
        let m = full("半年来，共吸引15家科创企业入驻，改造完成45个老旧小区，新增学位1570个。");
        assert_eq!(m[0].1.indicator.as_deref(), Some("科创企业"));
        assert_eq!(m[1].1.indicator.as_deref(), Some("老旧小区"));
        assert_eq!(m[2].1.indicator.as_deref(), Some("新增学位"));
        let m = full("汀泗桥镇深圳西凯集团签约3个亿开发吕仙洞");
        assert!(m[0]
            .1
            .indicator
            .as_deref()
            .is_some_and(|i| i.ends_with("签约")));
    }

    #[test]
    fn money_percent_and_points() {
        let m = metrics("一般公共预算收入15.48亿元,同比增长12.3%,高于全省2.1个百分点。");
        assert_eq!(
            m,
            vec![
                ("15.48亿元".into(), 1_548_000_000.0, "CNY".into()),
                ("12.3%".into(), 12.3, "%".into()),
                ("2.1个百分点".into(), 2.1, "pp".into()),
            ]
        );
    }

    #[test]
    fn counters_and_thousands_separators() {
        let m = metrics("新签约项目117个，引进企业1,234家，粮食产量3.5万吨，种植1.2万亩。");
        assert_eq!(m[0], ("117个".into(), 117.0, "item".into()));
        assert_eq!(m[1], ("1,234家".into(), 1234.0, "enterprise".into()));
        assert_eq!(m[2], ("3.5万吨".into(), 35000.0, "t".into()));
        assert_eq!(m[3], ("1.2万亩".into(), 12000.0, "mu".into()));
    }

    #[test]
    fn offsets_after_astral_characters_count_scalars() {
        let doc = annotate("t", "𠀀𠀀收入15.48亿元");
        let a = &doc.annotations[0];
        assert_eq!((a.start, a.end), (4, 11));
        assert_eq!((a.utf16_start, a.utf16_end), (6, 13));
        assert_eq!(a.text, "15.48亿元");
    }

    #[test]
    fn indicator_and_role() {
        let doc = annotate("t", "全年完成固定资产投资120亿元，同比增长8%。");
        let m: Vec<_> = doc
            .annotations
            .iter()
            .filter_map(|a| a.metric.clone())
            .collect();
        assert!(
            m[0].indicator
                .as_deref()
                .is_some_and(|i| i.ends_with("固定资产投资")),
            "{:?}",
            m[0].indicator
        );
        assert_eq!(m[0].role, crate::engine::Role::Level);
        assert_eq!(m[1].role, crate::engine::Role::Change);
    }

    #[test]
    fn numbers_in_names_are_not_metrics() {
        assert!(metrics("PM2.5浓度下降").is_empty());
        assert!(metrics("拨打12345热线").is_empty());
    }
}
