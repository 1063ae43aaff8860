//! Undoing layout: line breaks that a PDF or newspaper dump put inside words
//! (`国贸三角\n\n洲广场`), and newspaper page headers (`4版 | 咸宁日报`).
//!
//! A break is joined when the line before it ends inside a sentence (with a
//! character, a digit, or `，`/`、`) and the next line starts with a
//! character or digit, and the line before is body text: long (40+
//! characters), or holding sentence punctuation, or itself the continuation
//! of a joined line. Short title lines (`重点改革激活力`), lines with spaces
//! or brackets of headings (`三抓一优 做强绿色工业`, `【湖北招商】`), photo
//! captions and bylines keep their breaks.
use super::noise::TAG_BREAK;
use super::{is_han, t2s, Ch};

fn is_space(c: char) -> bool {
    c.is_whitespace() && c != '\n' && c != TAG_BREAK
}

fn is_word(c: char) -> bool {
    is_han(c) || c.is_ascii_alphanumeric() || ('\u{FF10}'..='\u{FF5A}').contains(&c)
}

/// A line of the stream: `start..end` its non-blank content (indices into the stream).
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
}

/// The line's text, in Simplified characters (the tests below are written in
/// Simplified; Traditional input must behave the same).
fn text(v: &[Ch], l: Line) -> String {
    v[l.start..l.end]
        .iter()
        .map(|c| t2s::char_to_simplified(c.c))
        .collect()
}

/// `4版 | 咸宁日报`, `A3版｜要闻`: a newspaper page header.
fn is_page_header(s: &str) -> bool {
    let s = s.trim();
    let digits = s.chars().take_while(|c| c.is_ascii_alphanumeric()).count();
    s.chars().count() < 30
        && digits > 0
        && s.chars().nth(digits) == Some('版')
        && s.contains(['|', '｜'])
}

fn is_caption(s: &str) -> bool {
    let s = s.trim_end();
    s.ends_with("供图)") || s.ends_with("供图）") || s.ends_with(" 摄") || s.ends_with("　摄")
}

/// A title, heading or caption line, by its text ([`is_body`] tests the same in
/// the stream; this is its reference in the tests).
#[cfg(test)]
fn is_title_like(s: &str) -> bool {
    let n = s.chars().count();
    s.starts_with(['#', '【', '■', '●', '◆', '▲', '>'])
        || s.contains('】')
        || s.contains("——")
        || is_caption(s)
        || (n < 40 && s.chars().any(|c| c == ' ' || c == '\u{3000}' || c == '\t'))
}

#[cfg(test)]
fn has_sentence_punct(s: &str) -> bool {
    s.contains(['，', ',', '、', '；', ';', '。', '！', '？', '!', '?'])
}

/// The characters that [`is_body`] looks at besides the caption endings.
/// None is Traditional or the Simplified form of one (a test checks), so
/// they are read in the stream as they are, without converting the line.
#[cfg(test)]
const LINE_MARKS: &str = "#【■●◆▲>】— \u{3000}\t，,、；;。！？!?";

/// Is line `l` a caption ([`is_caption`] of its text)? Only the last
/// characters are converted, and only for a line that ends as a caption can
/// (`)`, `）`, or `摄` or its Traditional form).
fn may_be_caption(v: &[Ch], l: Line) -> bool {
    matches!(t2s::char_to_simplified(v[l.end - 1].c), ')' | '）' | '摄')
        && is_caption(&text(v, tail(l)))
}

/// The last characters of line `l` (enough for [`is_caption`]'s endings).
fn tail(l: Line) -> Line {
    Line {
        start: l.start.max(l.end.saturating_sub(4)),
        end: l.end,
    }
}

/// Is line `l` body text: not title-like (see [`is_title_like`]), and long,
/// or holding sentence punctuation, or `continued`? The same as testing
/// `text(v, l)`, read in the stream (a line can be a whole paragraph).
fn is_body(v: &[Ch], l: Line, continued: bool) -> bool {
    let cs = &v[l.start..l.end];
    let n = cs.len();
    let title_like = cs
        .first()
        .is_some_and(|c| matches!(c.c, '#' | '【' | '■' | '●' | '◆' | '▲' | '>'))
        || cs.iter().any(|c| c.c == '】')
        || cs.windows(2).any(|w| w[0].c == '—' && w[1].c == '—')
        || may_be_caption(v, l)
        || (n < 40 && cs.iter().any(|c| matches!(c.c, ' ' | '\u{3000}' | '\t')));
    let punct = || {
        cs.iter().any(|c| {
            matches!(
                c.c,
                '，' | ',' | '、' | '；' | ';' | '。' | '！' | '？' | '!' | '?'
            )
        })
    };
    !title_like && (n >= 40 || punct() || continued)
}

/// The positions of the line breaks of the stream (`\n` and tag breaks), for
/// [`join_lines`].
pub(crate) fn breaks(v: &[Ch]) -> Vec<usize> {
    (0..v.len())
        .filter(|&k| matches!(v[k].c, '\n' | TAG_BREAK))
        .collect()
}

/// Joins the lines that layout broke inside words and drops page headers
/// (see above). `breaks`: the positions of the stream's line breaks (see
/// [`breaks`]). The tag breaks stay in the stream (the view writes them as `\n`).
pub(crate) fn join_lines(mut v: Vec<Ch>, breaks: &[usize]) -> Vec<Ch> {
    // Split into lines of non-blank content.
    let mut lines: Vec<Line> = Vec::with_capacity(breaks.len() + 1);
    let mut s = 0;
    for k in breaks.iter().copied().chain([v.len()]) {
        let mut a = s;
        let mut b = k;
        while a < b && is_space(v[a].c) {
            a += 1;
        }
        while b > a && is_space(v[b - 1].c) {
            b -= 1;
        }
        if a < b {
            lines.push(Line { start: a, end: b });
        }
        s = k + 1;
    }
    // The stretches of the stream to drop (in no order; they may overlap).
    let mut drop: Vec<std::ops::Range<usize>> = Vec::new();
    // Page headers go, so the words around them can join. (A header is short:
    // the text of a long line is not built for this test.)
    lines.retain(|&l| {
        // (and only a line that starts with a letter or digit can be one:
        // the conversion to Simplified changes no ASCII character and makes none)
        if l.end - l.start < 30
            && v[l.start].c.is_ascii_alphanumeric()
            && is_page_header(&text(&v, l))
        {
            drop.push(l.start..l.end);
            false
        } else {
            true
        }
    });
    let mut continued = false;
    // (the lines are read in the stream, not built as strings: only the
    // characters around the break and a line's marks matter)
    for w in lines.windows(2) {
        let (p, n) = (w[0], w[1]);
        let last = v[p.end - 1].c;
        let first = v[n.start].c;
        let ends_open = is_word(last) || matches!(last, '，' | ',' | '、');
        let hard = v[p.end..n.start].iter().any(|c| c.c == TAG_BREAK);
        let starts_word = is_han(first) || (is_word(first) && !is_han(last) && is_word(last));
        // A line never starts with `、` or `，` on its own: the break is layout.
        let starts_tail = matches!(first, '、' | '，' | ',' | '；' | ';' | '。' | '）' | ')');
        let join = !hard
            && ((ends_open && starts_word) || starts_tail)
            && is_body(&v, p, continued)
            && !may_be_caption(&v, n);
        if join {
            drop.push(p.end..n.start);
        }
        continued = join;
    }
    // (in place: the stream only shrinks, the kept stretches moved in one go)
    if !drop.is_empty() {
        drop.sort_unstable_by_key(|r| r.start);
        let (mut w, mut from) = (0, 0);
        for r in drop.into_iter().chain(std::iter::once(v.len()..v.len())) {
            if r.start > from {
                v.copy_within(from..r.start, w);
                w += r.start - from;
            }
            from = from.max(r.end);
        }
        v.truncate(w);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_marks_are_never_converted() {
        for &(t, s) in t2s::char_pairs() {
            assert!(!LINE_MARKS.contains(t) && !LINE_MARKS.contains(s), "{t}{s}");
        }
    }

    #[test]
    fn is_body_is_the_test_of_the_text() {
        let lines = [
            "重点改革激活力",
            "三抓一优 做强绿色工业",
            "【湖北招商】",
            "#话题",
            "发展——新篇章",
            "园区开园仪式现场。孙毅 摄",
            "（记者供圖）",
            "咸寧市一般公共預算收入增長，居全省第2位",
            "这是一段很长的正文没有任何标点符号但是它的长度超过了四十个字符所以也算作正文内容的一部分吧",
            "短句",
            "a",
        ];
        for line in lines {
            let v: Vec<Ch> = line.chars().map(|c| Ch { c, s: 0, e: 0 }).collect();
            let l = Line {
                start: 0,
                end: v.len(),
            };
            for continued in [false, true] {
                let pt = text(&v, l);
                let want = !is_title_like(&pt)
                    && (pt.chars().count() >= 40 || has_sentence_punct(&pt) || continued);
                assert_eq!(is_body(&v, l, continued), want, "{line}");
            }
        }
    }
}
