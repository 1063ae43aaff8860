//! Time expressions that scope metrics (ANNOTATION_GUIDE.md §4).
//!
//! A hand-written scanner over the characters of the analysis view. It finds
//!
//! * absolute dates and periods: `2023年`, `2023年度`, `2025年9月`,
//!   `2025年11月3日`, `2025-04-15`, `2024年初`, `2025年冬`, `2025年前三季度`,
//!   `2021—2025年`;
//! * periods without a year: `6月14日`, `13日`, `1至11月`, `1-5月`,
//!   `前三季度`, `三季度`, `上半年`, `年底`, `“十四五”期间`;
//! * relative years: `今年`, `去年`, `明年`, `全年`, `上年`, `今年4月`,
//!   `今年以来`, `近三年`, `近年来`.
//!
//! Each candidate carries a [`Time`] whose `value` is normalised where it can
//! be resolved: ISO 8601 dates (`2025-06-14`), months (`2025-09`), years,
//! intervals (`2025-01/2025-11`), quarters (`2025-Q3`, `2025-Q1/2025-Q3`),
//! halves (`2025-H1`), and seasons as in EDTF (`2025-24` is winter 2025).
//! Expressions without a year are resolved against the article's reference
//! year (see [`reference_year`]) and marked `relative: true`.
use super::model::{Candidate, Kind, Time};
use super::text::{CharPositions, CharSet};
use super::{CharIndex, Context, START_TIME};
use std::sync::LazyLock;

pub fn extract(ctx: &Context) -> Vec<Candidate> {
    let s = Scanner::new(&ctx.chars.chars);
    let refy = reference_year(&s, ctx.text, ctx.chars);
    let byte = |i: usize| ctx.chars.offs.get(i).copied().unwrap_or(ctx.text.len());
    let starts = &*MAY_START;
    let mut out = Vec::new();
    let mut i = 0;
    // (most characters start nothing: the engine's pass over the characters
    // says which may, and one bit test says which do)
    while let Some(k) = ctx.chars.next_start(i, START_TIME) {
        i = k;
        let c = s.chars[i];
        if !starts.contains(c) {
            i += 1;
            continue;
        }
        // Do not start inside a run of digits or latin letters.
        if i > 0 && s.chars[i - 1].is_ascii_alphanumeric() && c.is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        if let Some(m) = s.time_at(i, refy) {
            let mut c = Candidate::new(byte(i)..byte(m.end), Kind::Time);
            c.time = Some(Time {
                value: m.value,
                relative: m.relative,
            });
            c.priority = 1;
            out.push(c);
            i = m.end;
        } else {
            i += 1;
        }
    }
    out
}

/// The characters of [`may_start`].
static MAY_START: LazyLock<CharSet> = LazyLock::new(|| CharSet::new(MAY_START_CHARS));

/// The characters of [`MAY_START`] (the engine's [`super::START_TIME`] too).
pub(crate) const MAY_START_CHARS: &str =
    "0123456789“\"「‘十今本去上明前全近下年第〇零O一二两三四五六七八九";

/// Whether a time expression can start with `c`: the first characters of every
/// branch of [`Scanner::time_at`] (digits, quotes of `“十四五”`, `十`, the
/// relative years, halves, quarters and numerals of months). Most characters
/// of a text start nothing, and this one test skips them without trying each
/// pattern in turn (`time_at` is `None` for every other character).
#[cfg(test)]
fn may_start(c: char) -> bool {
    // (digits, the quotes of `“十四五”`, `十`, the relative years, halves,
    // quarters and numerals of months: the digits of `cn_digit`)
    MAY_START.contains(c)
}

/// True when the whole of `phrase` is one time expression (`十四五`, `2023年`).
/// The slogan extractor uses this to leave quoted periods to this module.
pub fn is_time_phrase(phrase: &str) -> bool {
    is_time_chars(&phrase.chars().collect::<Vec<char>>())
}

/// [`is_time_phrase`] for a phrase given as its characters.
pub fn is_time_chars(chars: &[char]) -> bool {
    let s = Scanner::new(chars);
    s.n > 0 && s.time_at(0, None).is_some_and(|m| m.end == s.n)
}

/// A match: end (char index, exclusive), normalised value, relative flag.
struct Match {
    end: usize,
    value: Option<String>,
    relative: bool,
}

/// What the year part of an expression says.
#[derive(Clone, Copy)]
struct Year {
    y: Option<i32>,
    relative: bool,
}

/// A scanner over the characters of a text (the characters past the end
/// read as `'\0'`).
struct Scanner<'a> {
    chars: &'a [char],
    n: usize,
}

const SEP_RANGE: &[char] = &['至', '到', '-', '—', '–', '~', '～', '－'];

fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | 'O' => 0,
        '一' => 1,
        '二' | '两' => 2,
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

impl<'a> Scanner<'a> {
    fn new(chars: &'a [char]) -> Self {
        Scanner {
            chars,
            n: chars.len(),
        }
    }
    fn c(&self, i: usize) -> char {
        if i < self.n {
            self.chars[i]
        } else {
            '\0'
        }
    }
    /// Whether the characters at `i` are `lit`.
    fn is(&self, i: usize, lit: &[char]) -> bool {
        lit.iter().enumerate().all(|(k, &ch)| self.c(i + k) == ch)
    }

    /// ASCII digits at `i`: (value, end). At most `max` digits; fails on more.
    fn digits(&self, i: usize, max: usize) -> Option<(u32, usize)> {
        let mut j = i;
        let mut v: u32 = 0;
        while self.c(j).is_ascii_digit() {
            v = v * 10 + self.c(j).to_digit(10).unwrap();
            j += 1;
            if j - i > max {
                return None;
            }
        }
        (j > i).then_some((v, j))
    }

    /// A small number written in ASCII digits or Chinese numerals (1..=31).
    fn small(&self, i: usize) -> Option<(u32, usize)> {
        if self.c(i).is_ascii_digit() {
            return self.digits(i, 2);
        }
        // 十, 十一, 二十, 二十三, 三
        let mut j = i;
        let mut v = 0u32;
        if let Some(d) = cn_digit(self.c(j)) {
            if d == 0 {
                return None;
            }
            v = d;
            j += 1;
        }
        if self.c(j) == '十' {
            v = if v == 0 { 10 } else { v * 10 };
            j += 1;
            if let Some(d) = cn_digit(self.c(j)).filter(|&d| d > 0) {
                v += d;
                j += 1;
            }
        }
        (j > i && v > 0).then_some((v, j))
    }

    /// A four-digit year 1900..=2100 not glued to further digits.
    fn year4(&self, i: usize) -> Option<(i32, usize)> {
        if i > 0 && self.c(i - 1).is_ascii_digit() {
            return None;
        }
        let (v, j) = self.digits(i, 4)?;
        (j - i == 4 && (1900..=2100).contains(&v)).then_some((v as i32, j))
    }

    fn time_at(&self, i: usize, refy: Option<i32>) -> Option<Match> {
        let c = self.c(i);
        if c.is_ascii_digit() {
            if let Some(m) = self.iso_date(i) {
                return Some(m);
            }
        }
        // 十四五 (a five-year plan), optionally quoted and followed by 期间/时期.
        if let Some(m) = self.five_year_plan(i) {
            return Some(m);
        }
        // Explicit year: 2023年, 2021-2025年, 2021年至2025年
        // (a year starts with a digit: the others are not read as one)
        if let Some((y, j)) = c.is_ascii_digit().then(|| self.year4(i)).flatten() {
            if self.c(j) == '年' {
                return Some(self.after_year(
                    j + 1,
                    Year {
                        y: Some(y),
                        relative: false,
                    },
                    refy,
                ));
            }
            if SEP_RANGE.contains(&self.c(j)) {
                if let Some((y2, k)) = self.year4(j + 1) {
                    if self.c(k) == '年' && y2 > y && y2 - y < 50 {
                        return Some(Match {
                            end: k + 1,
                            value: Some(format!("{y}/{y2}")),
                            relative: false,
                        });
                    }
                }
            }
            return None;
        }
        // Relative years
        let rel = |off: i32| Year {
            y: refy.map(|r| r + off),
            relative: true,
        };
        // (the first characters of these: other characters try none)
        if matches!(c, '今' | '本' | '去' | '上' | '明' | '前') {
            for (lit, off) in [
                (['今', '年'], 0),
                (['本', '年'], 0),
                (['去', '年'], -1),
                (['上', '年'], -1),
                (['明', '年'], 1),
                (['前', '年'], -2),
            ] {
                if self.is(i, &lit) {
                    // 上年度 / 今年度
                    let mut j = i + 2;
                    if self.c(j) == '度' {
                        j += 1;
                    }
                    // 去年同期 is a period too
                    if self.is(j, &['同', '期']) {
                        j += 2;
                    }
                    if self.is(j, &['以', '来']) {
                        let y = rel(off).y;
                        return Some(Match {
                            end: j + 2,
                            value: y.map(|y| y.to_string()),
                            relative: true,
                        });
                    }
                    return Some(self.after_year(j, rel(off), refy));
                }
            }
        }
        if self.is(i, &['全', '年']) && !self.is(i + 2, &['级']) {
            return Some(Match {
                end: i + 2,
                value: refy.map(|y| y.to_string()),
                relative: true,
            });
        }
        // 近三年, 近5年, 近年来
        if c == '近' {
            // 长达近6年 is a duration, not a period
            // as is 闲置近6年: a verb of lasting right before 近 makes it a duration
            const LASTING: [[char; 2]; 12] = [
                ['长', '达'],
                ['历', '时'],
                ['耗', '时'],
                ['闲', '置'],
                ['持', '续'],
                ['连', '续'],
                ['坚', '持'],
                ['停', '产'],
                ['空', '置'],
                ['荒', '废'],
                ['搁', '置'],
                ['运', '营'],
            ];
            if i >= 2 && LASTING.iter().any(|w| self.is(i - 2, w)) {
                return None;
            }
            if self.is(i + 1, &['年']) {
                let end = if self.c(i + 2) == '来' { i + 3 } else { i + 2 };
                return Some(Match {
                    end,
                    value: None,
                    relative: true,
                });
            }
            if let Some((k, j)) = self.small(i + 1) {
                let j = if self.c(j) == '个' { j + 1 } else { j };
                if self.c(j) == '年' && (2..=20).contains(&k) {
                    let end = if self.c(j + 1) == '来' { j + 2 } else { j + 1 };
                    return Some(Match {
                        end,
                        value: refy.map(|y| format!("{}/{}", y - k as i32 + 1, y)),
                        relative: true,
                    });
                }
            }
            return None;
        }
        // A period with the year left implicit.
        if i > 0 && (self.c(i - 1).is_ascii_digit() || self.c(i - 1) == '.') {
            return None;
        }
        // At a number (digits or numerals), `year_part`, `month_part` and
        // `bare_day` all read the same small number at `i` and need 季, 月, 日
        // or a range separator right after it: the character there is checked
        // once, before the number is read again by each (most numbers of a
        // text are none of these).
        if c.is_ascii_digit() || c == '十' || cn_digit(c).is_some() {
            let (_, j) = self.small(i)?;
            let next = self.c(j);
            if !matches!(next, '季' | '月' | '日') && !SEP_RANGE.contains(&next) {
                return None;
            }
        }
        // (`year_part` and `month_part` start with a number, or with 上/下
        // (半年), 年 (底, 末, 初), 前/第 (a number): at any other character,
        // a quote or 全 of 全省, neither finds anything)
        if !(c.is_ascii_digit()
            || c == '十'
            || cn_digit(c).is_some()
            || matches!(c, '上' | '下' | '年' | '前' | '第'))
        {
            return None;
        }
        let y = Year {
            y: refy,
            relative: true,
        };
        if let Some(m) = self.year_part(i, y) {
            return Some(m);
        }
        if let Some(m) = self.month_part(i, y) {
            return Some(m);
        }
        None
    }

    /// 2025-04-15, 2025/4/15, 2025.04.15 (and 2025-04).
    fn iso_date(&self, i: usize) -> Option<Match> {
        let (y, j) = self.year4(i)?;
        let sep = self.c(j);
        if !matches!(sep, '-' | '/' | '.') {
            return None;
        }
        let (m, k) = self.digits(j + 1, 2)?;
        if !(1..=12).contains(&m) {
            return None;
        }
        if self.c(k) == sep {
            if let Some((d, l)) = self.digits(k + 1, 2) {
                if (1..=31).contains(&d) && !self.c(l).is_ascii_digit() {
                    return Some(Match {
                        end: l,
                        value: Some(format!("{y:04}-{m:02}-{d:02}")),
                        relative: false,
                    });
                }
            }
            return None;
        }
        // Year-month only with a dash (2025.04 could be a number).
        if sep == '-' && k - (j + 1) == 2 && !self.c(k).is_ascii_alphanumeric() {
            return Some(Match {
                end: k,
                value: Some(format!("{y:04}-{m:02}")),
                relative: false,
            });
        }
        None
    }

    fn five_year_plan(&self, i: usize) -> Option<Match> {
        let q = matches!(self.c(i), '“' | '"' | '「' | '‘');
        let s = if q { i + 1 } else { i };
        if self.c(s) != '十' || self.c(s + 2) != '五' {
            return None;
        }
        let k = match self.c(s + 1) {
            '一' => 11,
            '二' => 12,
            '三' => 13,
            '四' => 14,
            '五' => 15,
            '六' => 16,
            _ => return None,
        };
        let mut j = s + 3;
        if q {
            if !matches!(self.c(j), '”' | '"' | '」' | '’') {
                return None;
            }
            j += 1;
        }
        let mut ended = false;
        for suf in [
            &['期', '间'][..],
            &['时', '期'],
            &['末'],
            &['初'],
            &['以', '来'],
        ] {
            if self.is(j, suf) {
                j += suf.len();
                ended = true;
                break;
            }
        }
        // A bare quoted “十四五” is found again from the inner position, so
        // that its span excludes the quotes.
        if q && !ended {
            return None;
        }
        let end = j;
        let first = 2006 + (k - 11) * 5;
        Some(Match {
            end,
            value: Some(format!("{}/{}", first, first + 4)),
            relative: false,
        })
    }

    /// What may follow `年`: 度, 初/底/末/中, a season, a half, quarters, months.
    fn after_year(&self, j: usize, y: Year, refy: Option<i32>) -> Match {
        let _ = refy;
        let ys = y.y.map(|v| v.to_string());
        let plain = Match {
            end: j,
            value: ys.clone(),
            relative: y.relative,
        };
        if self.c(j) == '度' {
            return Match {
                end: j + 1,
                ..plain
            };
        }
        if let Some(yv) = y.y {
            match self.c(j) {
                '初' => {
                    return Match {
                        end: j + 1,
                        value: Some(format!("{yv}-01")),
                        relative: y.relative,
                    }
                }
                '底' | '末' => {
                    let end = if self.c(j + 1) == '前' { j + 2 } else { j + 1 };
                    return Match {
                        end,
                        value: Some(format!("{yv}-12")),
                        relative: y.relative,
                    };
                }
                '中' if !self.is(j + 1, &['国']) => {
                    return Match {
                        end: j + 1,
                        value: Some(format!("{yv}-06")),
                        relative: y.relative,
                    }
                }
                _ => {}
            }
            let season = match self.c(j) {
                '春' => Some(21),
                '夏' => Some(22),
                '秋' => Some(23),
                '冬' => Some(24),
                _ => None,
            };
            if let Some(se) = season {
                if !matches!(self.c(j + 1), '节' | '耕' | '播' | '运' | '闱' | '晚') {
                    let end = if matches!(self.c(j + 1), '季' | '天') {
                        j + 2
                    } else {
                        j + 1
                    };
                    return Match {
                        end,
                        value: Some(format!("{yv}-{se}")),
                        relative: y.relative,
                    };
                }
            }
        }
        if let Some(m) = self.year_part(j, y) {
            return m;
        }
        if let Some(m) = self.month_part(j, y) {
            return m;
        }
        plain
    }

    /// Halves, quarters, year ends without a month: 上半年, 前三季度, 三季度, 第一季度, 年底.
    fn year_part(&self, i: usize, y: Year) -> Option<Match> {
        let mk = |end: usize, f: &dyn Fn(i32) -> String| Match {
            end,
            value: y.y.map(f),
            relative: y.relative,
        };
        if self.is(i, &['上', '半', '年']) {
            return Some(mk(i + 3, &|y| format!("{y}-H1")));
        }
        if self.is(i, &['下', '半', '年']) {
            return Some(mk(i + 3, &|y| format!("{y}-H2")));
        }
        for (lit, month) in [(['年', '底'], 12), (['年', '末'], 12), (['年', '初'], 1)] {
            if self.c(i) != '年' {
                // (none of these can start here)
                break;
            }
            if self.is(i, &lit) && !self.is(i + 2, &['考']) {
                let end = if self.c(i + 2) == '前' { i + 3 } else { i + 2 };
                return Some(mk(end, &|y| format!("{y}-{month:02}")));
            }
        }
        // 前三季度 / 前3季度 / 第一季度 / 一季度 / 1季度 / 三季度末
        let (first, k0) = match self.c(i) {
            '前' => (true, i + 1),
            '第' => (false, i + 1),
            _ => (false, i),
        };
        if let Some((q, k)) = self.small(k0) {
            if (1..=4).contains(&q) && self.is(k, &['季', '度']) {
                let mut end = k + 2;
                if matches!(self.c(end), '末' | '初') {
                    end += 1;
                }
                return Some(if first {
                    mk(end, &|y| format!("{y}-Q1/{y}-Q{q}"))
                } else {
                    mk(end, &|y| format!("{y}-Q{q}"))
                });
            }
            // 前三个月 / 前10个月
            if first && self.is(k, &['个', '月']) && (1..=12).contains(&q) {
                return Some(mk(k + 2, &|y| format!("{y}-01/{y}-{q:02}")));
            }
        }
        None
    }

    /// 9月, 10月份, 6月14日, 1至11月, 1-5月, 6月14日至16日.
    fn month_part(&self, i: usize, y: Year) -> Option<Match> {
        // 两月 is "two months", never February
        if self.c(i) == '两' {
            return None;
        }
        let (m1, j) = self.small(i)?;
        if !(1..=12).contains(&m1) {
            // maybe a bare day: 13日
            return self.bare_day(i, y);
        }
        // range of months
        if SEP_RANGE.contains(&self.c(j)) {
            if let Some((m2, k)) = self.small(j + 1) {
                if self.c(k) == '月' && m2 > m1 && m2 <= 12 {
                    let mut end = k + 1;
                    if self.c(end) == '份' {
                        end += 1;
                    }
                    return Some(Match {
                        end,
                        value: y.y.map(|y| format!("{y}-{m1:02}/{y}-{m2:02}")),
                        relative: y.relative,
                    });
                }
            }
        }
        if self.c(j) != '月' {
            return self.bare_day(i, y);
        }
        // 一月一督办: a formula, not a month
        if cn_digit(self.c(j + 1)).is_some() && !self.c(j + 2).is_ascii_digit() {
            let after = self.c(j + 2);
            if after != '日'
                && after != '号'
                && self
                    .small(j + 1)
                    .is_none_or(|(_, e)| !matches!(self.c(e), '日' | '号'))
            {
                return None;
            }
        }
        let mut end = j + 1;
        if self.c(end) == '份' {
            end += 1;
        }
        let month_val = y.y.map(|y| format!("{y}-{m1:02}"));
        // day
        if let Some((d, k)) = self.small(end) {
            if (1..=31).contains(&d) && matches!(self.c(k), '日' | '号') {
                let mut e = k + 1;
                let mut val = y.y.map(|y| format!("{y}-{m1:02}-{d:02}"));
                // 6月14日至16日
                if SEP_RANGE.contains(&self.c(e)) {
                    if let Some((d2, l)) = self.small(e + 1) {
                        if d2 > d && d2 <= 31 && matches!(self.c(l), '日' | '号') {
                            val =
                                y.y.map(|y| format!("{y}-{m1:02}-{d:02}/{y}-{m1:02}-{d2:02}"));
                            e = l + 1;
                        }
                    }
                }
                return Some(Match {
                    end: e,
                    value: val,
                    relative: y.relative,
                });
            }
        }
        // 上旬/中旬/下旬/底/初/末
        if matches!(self.c(end), '初' | '底' | '末' | '中') && !self.is(end, &['中', '国']) {
            end += 1;
        } else if self.is(end, &['上', '旬'])
            || self.is(end, &['中', '旬'])
            || self.is(end, &['下', '旬'])
        {
            end += 2;
        }
        // 1月一通报 style formula: leave it to slogans
        Some(Match {
            end,
            value: month_val,
            relative: y.relative,
        })
    }

    /// 13日 (a day of the current month: not resolved).
    fn bare_day(&self, i: usize, y: Year) -> Option<Match> {
        if !self.c(i).is_ascii_digit() {
            return None;
        }
        let (d, k) = self.digits(i, 2)?;
        if (1..=31).contains(&d)
            && self.c(k) == '日'
            && !matches!(
                self.c(k + 1),
                '均' | '产' | '常' | '益' | '前' | '内' | '起'
            )
        {
            let _ = y;
            return Some(Match {
                end: k + 1,
                value: None,
                relative: true,
            });
        }
        None
    }
}

/// The year that relative expressions (`今年`, `6月14日`) are resolved against:
/// a publication date (`发布时间: 2026-01-21`), else the first full date near the
/// top of the text, else the most frequent explicit year.
fn reference_year(s: &Scanner, text: &str, index: &CharIndex) -> Option<i32> {
    // 1. a labelled publication date
    const LABELS: [&str; 6] = [
        "发布时间",
        "发布日期",
        "發布時間",
        "发表时间",
        "日期",
        "时间",
    ];
    // (one pass over the characters for every label, rather than a search
    // of the whole text for each)
    let firsts = CharPositions::indexed(text, index);
    for label in LABELS {
        if let Some(pos) = firsts.match_indices(label).next() {
            let ci = index.offs[..s.n].partition_point(|&b| b < pos) + label.chars().count();
            for k in ci..(ci + 8).min(s.n) {
                if let Some((y, _)) = s.year4(k) {
                    return Some(y);
                }
            }
        }
    }
    // 2. a full date in the first lines (a dateline)
    let head = s.n.min(300);
    // (both start with a digit: other characters are skipped without a call)
    for k in (0..head).filter(|&k| s.c(k).is_ascii_digit()) {
        if let Some(m) = s.iso_date(k) {
            if m.value.as_ref().is_some_and(|v| v.len() == 10) {
                return s.year4(k).map(|(y, _)| y);
            }
        }
        if let Some((y, j)) = s.year4(k) {
            if s.c(j) == '年' {
                if let Some((_, e)) = s.small(j + 1) {
                    if s.c(e) == '月' {
                        if let Some((_, e2)) = s.small(e + 1) {
                            if s.c(e2) == '日' {
                                return Some(y);
                            }
                        }
                    }
                }
            }
        }
    }
    // 3. the dominant explicit year
    let mut counts: Vec<(i32, usize)> = Vec::new();
    // (as `s.year4(k)` followed by `年` or `-` at every character `k`, from
    // the occurrences of `年` and `-` in the character index: four ASCII
    // digits are the four bytes before, not glued to a digit before them, so
    // the text is not read character by character for the few years in it)
    let bytes = text.as_bytes();
    for after in ['年', '-'] {
        for &p in index.positions(after) {
            let Some(d) = p.checked_sub(4).map(|k| &bytes[k..p]) else {
                continue;
            };
            if !d.iter().all(u8::is_ascii_digit) || p >= 5 && bytes[p - 5].is_ascii_digit() {
                continue;
            }
            let y = d.iter().fold(0, |v, &b| v * 10 + i32::from(b - b'0'));
            if !(1900..=2100).contains(&y) {
                continue;
            }
            match counts.iter_mut().find(|(v, _)| *v == y) {
                Some(e) => e.1 += 1,
                None => counts.push((y, 1)),
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(y, n)| (n, y))
        .map(|(y, _)| y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::segment;

    #[test]
    fn nothing_starts_where_may_start_says_no() {
        let tails = [
            "",
            "年",
            "2025年",
            "半年",
            "年底",
            "季度",
            "三季度",
            "个月",
            "月",
            "1月",
            "日",
            "十四五”期间",
            "四五期间",
            "近年来",
            "同期以来",
        ];
        // ASCII to CJK punctuation, and the CJK ideographs
        for c in (0..0x3100u32)
            .chain(0x4E00..0xA000)
            .filter_map(char::from_u32)
        {
            if may_start(c) {
                continue;
            }
            for t in tails {
                for head in ["", "1", "在"] {
                    let text = format!("{head}{c}{t}");
                    let chars = CharIndex::new(&text);
                    let s = Scanner::new(&chars.chars);
                    let i = head.chars().count();
                    assert!(s.time_at(i, Some(2025)).is_none(), "{text:?}");
                }
            }
        }
    }

    fn run(text: &str) -> Vec<(String, Option<String>, bool)> {
        let tokens = segment::tag(text);
        let chars = crate::engine::CharIndex::new(text);
        let ctx = Context {
            text,
            tokens: &tokens,
            chars: &chars,
        };
        extract(&ctx)
            .into_iter()
            .map(|c| {
                let t = c.time.unwrap();
                (text[c.range].to_string(), t.value, t.relative)
            })
            .collect()
    }

    fn spans(text: &str) -> Vec<String> {
        run(text).into_iter().map(|t| t.0).collect()
    }

    #[test]
    fn absolute_dates() {
        let r = run("发布时间: 2026-01-21。2025年9月完成,2023年度成绩,2025年前三季度增长,2024年初提出,2025年冬开工。");
        let got: Vec<(&str, &str)> = r
            .iter()
            .map(|(s, v, _)| (s.as_str(), v.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            got,
            vec![
                ("2026-01-21", "2026-01-21"),
                ("2025年9月", "2025-09"),
                ("2023年度", "2023"),
                ("2025年前三季度", "2025-Q1/2025-Q3"),
                ("2024年初", "2024-01"),
                ("2025年冬", "2025-24"),
            ]
        );
    }

    #[test]
    fn relative_resolved_against_publication_date() {
        let r = run("发布时间:2024-03-01\n今年4月,去年全年,明年6月,1至11月,今年6月14日,上半年");
        let got: Vec<(&str, &str, bool)> = r
            .iter()
            .map(|(s, v, rel)| (s.as_str(), v.as_deref().unwrap_or(""), *rel))
            .collect();
        assert_eq!(
            got,
            vec![
                ("2024-03-01", "2024-03-01", false),
                ("今年4月", "2024-04", true),
                ("去年", "2023", true),
                ("全年", "2024", true),
                ("明年6月", "2025-06", true),
                ("1至11月", "2024-01/2024-11", true),
                ("今年6月14日", "2024-06-14", true),
                ("上半年", "2024-H1", true),
            ]
        );
    }

    #[test]
    fn dominant_year_and_periods() {
        let r =
            run("2023年增长,2023年下降,2022年持平。三季度,1-5月,10月31日,13日上午,“十四五”期间");
        let got: Vec<&str> = r.iter().map(|t| t.0.as_str()).collect();
        assert_eq!(
            got,
            vec![
                "2023年",
                "2023年",
                "2022年",
                "三季度",
                "1-5月",
                "10月31日",
                "13日",
                "“十四五”期间"
            ]
        );
        assert_eq!(r[3].1.as_deref(), Some("2023-Q3"));
        assert_eq!(r[7].1.as_deref(), Some("2021/2025"));
    }

    #[test]
    fn not_times() {
        assert!(spans("增长12.5月").is_empty() || spans("增长12.5月") != vec!["5月"]);
        assert!(spans("3个月").is_empty());
        assert!(spans("1月一督办、1月一通报").is_empty());
        assert!(spans("编号20231年").is_empty());
        assert!(spans("全年级").is_empty());
    }

    #[test]
    fn more_forms() {
        // the first full date near the top (a dateline) gives the reference year
        let r = run("2024年12月31日,2025年1-11月,2025年上半年,第一季度,前10个月,去年同期,近三年,今年以来,“十四五”时期,十四五规划,两月一次");
        let got: Vec<(&str, &str)> = r
            .iter()
            .map(|(s, v, _)| (s.as_str(), v.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            got,
            vec![
                ("2024年12月31日", "2024-12-31"),
                ("2025年1-11月", "2025-01/2025-11"),
                ("2025年上半年", "2025-H1"),
                ("第一季度", "2024-Q1"),
                ("前10个月", "2024-01/2024-10"),
                ("去年同期", "2023"),
                ("近三年", "2022/2024"),
                ("今年以来", "2024"),
                ("“十四五”时期", "2021/2025"),
                ("十四五", "2021/2025"),
            ]
        );
    }

    #[test]
    fn quoted_plan_is_a_time_phrase() {
        assert!(is_time_phrase("十四五"));
        assert!(is_time_phrase("2023年"));
        assert!(!is_time_phrase("三抓一优"));
    }
}
