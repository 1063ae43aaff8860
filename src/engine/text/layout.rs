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

fn is_title_like(s: &str) -> bool {
    let n = s.chars().count();
    s.starts_with(['#', '【', '■', '●', '◆', '▲', '>'])
        || s.contains('】')
        || s.contains("——")
        || is_caption(s)
        || (n < 40 && s.chars().any(|c| c == ' ' || c == '\u{3000}' || c == '\t'))
}

fn has_sentence_punct(s: &str) -> bool {
    s.contains(['，', ',', '、', '；', ';', '。', '！', '？', '!', '?'])
}

pub(crate) fn join_lines(mut v: Vec<Ch>) -> Vec<Ch> {
    // Split into lines of non-blank content.
    let mut lines: Vec<Line> = Vec::new();
    let mut s = 0;
    let mut tag_breaks = false;
    for k in 0..=v.len() {
        if k == v.len() || v[k].c == '\n' || v[k].c == TAG_BREAK {
            tag_breaks |= k < v.len() && v[k].c == TAG_BREAK;
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
    }
    // The stretches of the stream to drop (in no order; they may overlap).
    let mut drop: Vec<std::ops::Range<usize>> = Vec::new();
    // Page headers go, so the words around them can join. (A header is short:
    // the text of a long line is not built for this test.)
    lines.retain(|&l| {
        if l.end - l.start < 30 && is_page_header(&text(&v, l)) {
            drop.push(l.start..l.end);
            false
        } else {
            true
        }
    });
    let mut continued = false;
    // The text of the line before, carried over from the previous step when it
    // was built there. A line's text is built only when the characters around
    // the break allow a join (most breaks follow a full stop), and at most once.
    let mut next_text: Option<String> = None;
    for w in lines.windows(2) {
        let (p, n) = (w[0], w[1]);
        let cached = next_text.take();
        let last = v[p.end - 1].c;
        let first = v[n.start].c;
        let ends_open = is_word(last) || matches!(last, '，' | ',' | '、');
        let body = |pt: &str| {
            !is_title_like(pt) && (pt.chars().count() >= 40 || has_sentence_punct(pt) || continued)
        };
        let hard = v[p.end..n.start].iter().any(|c| c.c == TAG_BREAK);
        let starts_word = is_han(first) || (is_word(first) && !is_han(last) && is_word(last));
        // A line never starts with `、` or `，` on its own: the break is layout.
        let starts_tail = matches!(first, '、' | '，' | ',' | '；' | ';' | '。' | '）' | ')');
        let join = !hard
            && ((ends_open && starts_word) || starts_tail)
            && body(&cached.unwrap_or_else(|| text(&v, p)))
            && !is_caption(next_text.insert(text(&v, n)));
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
    if tag_breaks {
        for c in v.iter_mut().filter(|c| c.c == TAG_BREAK) {
            c.c = '\n';
        }
    }
    v
}
