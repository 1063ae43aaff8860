//! People: names next to titles (市长熊炜, 熊炜市长, 负责人张庆堂, 作者:吴勇前) and bylines.
//! The title is not part of the span. jieba's `nr` tag is supporting evidence only.
use super::lexicon::LEX;
use super::{is_cjk, nchars, Doc};
use crate::engine::model::{Candidate, EntityType};

fn surname_len(w: &str) -> usize {
    let lex = &*LEX;
    let mut it = w.char_indices();
    if let Some((_, _)) = it.next() {
        if let Some((b, _)) = it.next() {
            if let Some((c, _)) = it.next() {
                let _ = c;
            }
            if lex.surnames.contains(&w[..b]) {
                return 1;
            }
        }
    }
    let two: String = w.chars().take(2).collect();
    if nchars(w) >= 3 && lex.surnames.contains(two.as_str()) {
        return 2;
    }
    0
}

/// Is `w` shaped like a Chinese personal name (surname + 1..2 characters)?
pub(crate) fn looks_like_name(w: &str) -> bool {
    let n = nchars(w);
    (2..=4).contains(&n) && w.chars().all(is_cjk) && surname_len(w) > 0 && !LEX.generic.contains(w)
}

pub fn extract(doc: &Doc, out: &mut Vec<Candidate>) {
    let lex = &*LEX;
    let toks = doc.tokens;
    // (the tokens whose last character may end a title: `Doc::title_ends`)
    for &c in &doc.title_ends {
        let i = doc.token_of(doc.offs[c as usize]);
        let t = &toks[i];
        let w = &doc.text[t.range.clone()];
        let is_title = lex.titles.contains(w) || title_tail(w);
        if is_title {
            // title + name (skip a colon or spaces)
            let mut k = i + 1;
            while k < toks.len()
                && matches!(&doc.text[toks[k].range.clone()], ":" | " " | "\u{3000}")
            {
                k += 1;
            }
            if let Some(r) = name_at(doc, k) {
                push(out, r);
            }
            // name + title
            if i > 0 {
                let p = &toks[i - 1];
                let pw = &doc.text[p.range.clone()];
                // (not a place glued to the title: 盛泽镇党委书记)
                if p.tag.starts_with("nr")
                    && looks_like_name(pw)
                    && nchars(pw) <= 3
                    && !pw.ends_with(['镇', '乡', '村', '区', '县', '市', '省', '州'])
                {
                    push(out, p.range.clone());
                }
            }
        }
    }
    bylines(doc, out);
    photo_credits(doc, out);
}

/// `孙毅 摄`, `记者 孙毅 摄`: a name right before 摄 (photo by) at the end of a line or
/// sentence.
fn photo_credits(doc: &Doc, out: &mut Vec<Candidate>) {
    let t = doc.text;
    // (where 摄 is, from the character index: a search for a CJK character
    // stops at every character sharing its last byte)
    for &i in doc.index.positions('摄') {
        let after = &t[i + '摄'.len_utf8()..];
        if !(after.is_empty() || after.starts_with(['\n', ')', '）', ' ', '\u{3000}', '/', '|'])) {
            continue;
        }
        let before = t[..i].trim_end_matches([' ', '\u{3000}']);
        let start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_cjk(*c))
            .last()
            .map_or(before.len(), |(j, _)| j);
        let w = &before[start..];
        if looks_like_name(w) && nchars(w) <= 3 && !LEX.titles.contains(w) {
            push(out, start..before.len());
        }
    }
}

/// The last characters of the endings [`title_tail`] looks for (every ending
/// there ends with one of these).
pub(crate) const TITLE_TAIL_ENDS: &[char] = &['记', '长', '任', '管', '理', '监'];

/// Titles that end a longer token (市委书记, 区长 in 副区长 ...).
fn title_tail(w: &str) -> bool {
    w.ends_with(TITLE_TAIL_ENDS)
        && nchars(w) <= 5
        && (w.ends_with("书记")
            || w.ends_with("市长")
            || w.ends_with("局长")
            || w.ends_with("主任")
            || w.ends_with("主管")
            || w.ends_with("经理")
            || w.ends_with("总监"))
}

/// A name starting at token `k`: an `nr` token shaped like a name, or a surname token
/// followed by one or two characters.
fn name_at(doc: &Doc, k: usize) -> Option<std::ops::Range<usize>> {
    let toks = doc.tokens;
    let t = toks.get(k)?;
    let w = &doc.text[t.range.clone()];
    // a double surname alone as a token (欧阳/明日)
    if nchars(w) == 2 && LEX.surnames.contains(w) {
        if let Some(nx) = toks.get(k + 1) {
            let nw = &doc.text[nx.range.clone()];
            if (1..=2).contains(&nchars(nw)) && nw.chars().all(is_cjk) && !LEX.titles.contains(nw) {
                return Some(t.range.start..nx.range.end);
            }
        }
    }
    if looks_like_name(w) && nchars(w) <= 3 && !LEX.titles.contains(w) && !LEX.breakers.contains(w)
    {
        return Some(t.range.clone());
    }
    // a name with the next character glued to it by jieba (颜世平点/赞): a one-character
    // surname and a two-character given name, when the token is no known word
    if nchars(w) == 4
        && t.tag.starts_with("nr")
        && !crate::engine::segment::is_word(w)
        && surname_len(w) == 1
    {
        let three = w.char_indices().nth(3).map_or(w.len(), |(i, _)| i);
        if looks_like_name(&w[..three]) {
            return Some(t.range.start..t.range.start + three);
        }
    }
    // surname alone as a token, then a one/two-character given name
    if nchars(w) == 1 && LEX.surnames.contains(w) {
        let nx = toks.get(k + 1)?;
        let nw = &doc.text[nx.range.clone()];
        if (1..=2).contains(&nchars(nw)) && nw.chars().all(is_cjk) && !LEX.titles.contains(nw) {
            return Some(t.range.start..nx.range.end);
        }
    }
    None
}

fn push(out: &mut Vec<Candidate>, r: std::ops::Range<usize>) {
    let mut c = Candidate::entity(r, EntityType::Person);
    c.priority = 2;
    out.push(c);
}

/// Could `body` be a byline: at most six words of at most three CJK characters
/// (nine bytes) between spaces, ideographic spaces or tabs? A byte scan that
/// gives up at the first long word, where splitting would decode every
/// character of every line; the names themselves are checked after.
fn byline_shaped(body: &str) -> bool {
    let b = body.as_bytes();
    let (mut words, mut len, mut i) = (0, 0, 0);
    while i < b.len() {
        let sep = match b[i] {
            b' ' | b'\t' => 1,
            0xe3 if b[i..].starts_with("\u{3000}".as_bytes()) => 3,
            _ => 0,
        };
        if sep > 0 {
            len = 0;
            i += sep;
            continue;
        }
        if len == 0 {
            words += 1;
            if words > 6 {
                return false;
            }
        }
        len += 1;
        if len > 9 {
            return false;
        }
        i += 1;
    }
    true
}

/// A line that holds only names (2..4 characters each, separated by spaces): a byline.
fn bylines(doc: &Doc, out: &mut Vec<Candidate>) {
    let t = doc.text;
    // the lines as `t.split_inclusive('\n')`, from the line breaks' positions
    // in the character index (no search of the text)
    let ends = doc
        .index
        .positions('\n')
        .iter()
        .map(|&p| p + 1)
        .chain((!t.is_empty() && !t.ends_with('\n')).then_some(t.len()));
    let mut off = 0;
    for end in ends {
        let line = &t[off..end];
        let body = line.trim_end_matches(['\n', '\r']);
        if !byline_shaped(body) {
            off += line.len();
            continue;
        }
        let words: Vec<(usize, &str)> = body
            .split([' ', '\u{3000}', '\t'])
            .scan(0usize, |pos, w| {
                let s = *pos;
                *pos += w.len() + 1;
                Some((s, w))
            })
            .filter(|(_, w)| !w.is_empty())
            .collect();
        if !words.is_empty()
            && words.len() <= 6
            && words
                .iter()
                .all(|(_, w)| looks_like_name(w) && nchars(w) <= 3)
        {
            // at least one must be an nr token, so a lone short word is not taken for a name
            let any_nr = words.iter().any(|(s, _)| {
                let b = off + s;
                doc.tokens
                    .get(doc.token_of(b))
                    .is_some_and(|t| t.tag.starts_with("nr"))
            });
            if any_nr {
                for (s, w) in words {
                    push(out, off + s..off + s + w.len());
                }
            }
        }
        off += line.len();
    }
}
