//! Passes that remove noise from the analysis view: HTML entities, tags and
//! their debris, pinyin annotations, stray spaces in numbers.
use super::html::{decode_entity, is_block_tag, is_hidden_tag, is_known_tag};
use super::{is_han, Ch};

/// Decodes HTML character references; the decoded character covers the whole reference.
pub(crate) fn entities(mut v: Vec<Ch>) -> Vec<Ch> {
    // In place: `v[..w]` is the output so far, and reading (at `i` and after)
    // stays ahead of writing (a reference becomes one character).
    let n = v.len();
    let mut w = 0;
    let mut i = 0;
    let mut buf = String::new();
    while i < n {
        // (the characters up to the next `&` stay: moved in one go)
        (i, w) = keep_until(&mut v, i, w, |c| c == '&');
        if i == n {
            break;
        }
        buf.clear();
        buf.extend(v[i..].iter().take(16).map(|c| c.c));
        if let Some((c, k)) = decode_entity(&buf) {
            // The reference is ASCII: bytes = characters.
            v[w] = Ch::span(c, &v[i], &v[i + k - 1]);
            w += 1;
            i += k;
            continue;
        }
        v[w] = v[i];
        w += 1;
        i += 1;
    }
    v.truncate(w);
    v
}

fn tag_name(v: &[Ch]) -> usize {
    v.iter()
        .take(12)
        .take_while(|c| c.c.is_ascii_alphanumeric())
        .count()
}

fn name_of(v: &[Ch]) -> String {
    v.iter().map(|c| c.c.to_ascii_lowercase()).collect()
}

/// A paragraph break made by a block tag: layout never joins across it, and
/// it becomes `\n` in the analysis view.
pub(crate) const TAG_BREAK: char = '\u{2029}';

/// Writes a paragraph break for a block tag at `v[*w]` (the output being
/// `v[..*w]`) unless the output already ends one; `from` and `to`: the tag.
fn push_break(v: &mut [Ch], w: &mut usize, from: Ch, to: Ch) {
    if *w > 0 && v[*w - 1].c != TAG_BREAK {
        v[*w] = Ch::span(TAG_BREAK, &from, &to);
        *w += 1;
    }
}

/// Removes HTML tags, comments, script/style content and tag debris that lost
/// its `<` (`?/p>`, the `?` being what a broken encoding left of `。”`) or its
/// `>` (`<p` before text). Block tags become line breaks.
pub(crate) fn tags(mut v: Vec<Ch>) -> Vec<Ch> {
    // Every change below starts at a `<` or ends at a `>`: without either
    // (most plain texts) the stream stays as it is, and is not copied.
    if !v.iter().any(|c| matches!(c.c, '<' | '>')) {
        return v;
    }
    // In place: `v[..w]` is the output so far, and reading (at `i` and after)
    // stays ahead of writing (a tag becomes one break at most).
    let n = v.len();
    let mut w = 0;
    let mut i = 0;
    while i < n {
        // (the characters up to the next `<` or `/` stay: moved in one go)
        (i, w) = keep_until(&mut v, i, w, |c| matches!(c, '<' | '/'));
        if i == n {
            break;
        }
        let c = v[i].c;
        if c == '<' {
            // Comment.
            if v[i..].iter().take(4).map(|c| c.c).eq("<!--".chars()) {
                if let Some(k) = find(&v, i + 4, "-->") {
                    i = k + 3;
                    continue;
                }
            }
            let closing = v.get(i + 1).is_some_and(|c| c.c == '/');
            let ns = i + 1 + usize::from(closing);
            let nl = if v
                .get(ns)
                .is_some_and(|c| c.c.is_ascii_alphabetic() || c.c == '!')
            {
                tag_name(&v[ns..]).max(1)
            } else {
                0
            };
            if nl > 0 {
                let name = name_of(&v[ns..ns + nl]);
                // Find the closing `>` (no `<` or blank line in between).
                let mut k = ns + nl;
                let mut end = None;
                while k < n && k < i + 1000 {
                    match v[k].c {
                        '>' => {
                            end = Some(k);
                            break;
                        }
                        '<' => break,
                        _ => k += 1,
                    }
                }
                let attr_ok = v
                    .get(ns + nl)
                    .is_some_and(|c| !c.c.is_alphanumeric() || c.c == '>');
                if let (Some(e), true) = (end, attr_ok) {
                    if !closing && is_hidden_tag(&name) {
                        let close = format!("</{name}");
                        if let Some(k2) = find_ci(&v, e + 1, &close) {
                            let e2 = (k2..n).find(|&j| v[j].c == '>').unwrap_or(n - 1);
                            i = e2 + 1;
                            continue;
                        }
                    }
                    if is_block_tag(&name) {
                        let (from, to) = (v[i], v[e]);
                        push_break(&mut v, &mut w, from, to);
                    }
                    i = e + 1;
                    continue;
                }
                // `<p` without its `>`, before text or at the end.
                if is_known_tag(&name)
                    && v.get(ns + nl).is_none_or(|c| !c.c.is_ascii_alphanumeric())
                {
                    i = ns + nl;
                    continue;
                }
            }
        } else if c == '/' {
            // `/p>` that lost its `<` (and the `?` a broken encoding left before it).
            let nl = tag_name(&v[i + 1..]);
            if nl > 0
                && v.get(i + 1 + nl).is_some_and(|c| c.c == '>')
                && is_known_tag(&name_of(&v[i + 1..i + 1 + nl]))
            {
                let mut k = w;
                while k > 0 && matches!(v[k - 1].c, '?' | '!') {
                    k -= 1;
                }
                let from = if v[k..w].iter().any(|c| c.c == '?') {
                    w = k;
                    v[k]
                } else {
                    v[i]
                };
                if is_block_tag(&name_of(&v[i + 1..i + 1 + nl])) {
                    let to = v[i + nl + 1];
                    push_break(&mut v, &mut w, from, to);
                }
                i += nl + 2;
                continue;
            }
        }
        v[w] = v[i];
        w += 1;
        i += 1;
    }
    v.truncate(w);
    v
}

fn find(v: &[Ch], from: usize, pat: &str) -> Option<usize> {
    let p: Vec<char> = pat.chars().collect();
    (from..v.len().saturating_sub(p.len() - 1))
        .find(|&k| v[k..k + p.len()].iter().zip(&p).all(|(a, b)| a.c == *b))
}

fn find_ci(v: &[Ch], from: usize, pat: &str) -> Option<usize> {
    let p: Vec<char> = pat.chars().collect();
    (from..v.len().saturating_sub(p.len() - 1)).find(|&k| {
        v[k..k + p.len()]
            .iter()
            .zip(&p)
            .all(|(a, b)| a.c.to_ascii_lowercase() == *b)
    })
}

fn is_tone_mark(c: char) -> bool {
    !c.is_ascii() && "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ".contains(c)
}

/// Is the parenthesis after the character `prev` a pinyin annotation of it
/// (see [`pinyin`])? `after` is the stream after the parenthesis; if so, the
/// number of its characters the annotation takes (its syllable and closing
/// parenthesis) and the closing parenthesis.
pub(crate) fn annotation(prev: char, after: impl Iterator<Item = Ch>) -> Option<(usize, Ch)> {
    const NEUTRAL: [&str; 9] = ["de", "le", "me", "men", "ma", "ne", "ba", "zi", "zhe"];
    let mut syl = ['\0'; 8];
    let mut body = 0;
    let mut toned = false;
    for ch in after {
        let c = ch.c;
        if body < syl.len() && (c.is_ascii_lowercase() || is_tone_mark(c)) {
            syl[body] = c;
            toned |= is_tone_mark(c);
            body += 1;
            continue;
        }
        if body == 0 || !matches!(c, ')' | '）') {
            return None;
        }
        let neutral = || {
            NEUTRAL
                .iter()
                .any(|w| w.len() == body && w.chars().eq(syl[..body].iter().copied()))
        };
        return (toned && body <= 7 || is_han(prev) && neutral()).then_some((body + 1, ch));
    }
    None
}

/// Removes pinyin annotations inserted after characters: `網(wǎng)`, `發（fā）`;
/// the character's range grows to cover its annotation.
/// The parenthesis must hold one lower-case syllable with a tone mark (or a
/// neutral-tone particle after a Han character), so `(GDP)` or `(2024)` stay.
pub(crate) fn pinyin(mut v: Vec<Ch>) -> Vec<Ch> {
    // (no parenthesis, no annotation: keep the stream as it is)
    if !v.iter().any(|c| matches!(c.c, '(' | '（')) {
        return v;
    }
    // In place: `v[..w]` is the output so far, and reading (at `i` and after)
    // stays ahead of writing.
    let n = v.len();
    let mut w = 0;
    let mut i = 0;
    while i < n {
        // (the characters up to the next parenthesis stay: moved in one go)
        (i, w) = keep_until(&mut v, i, w, |c| matches!(c, '(' | '（'));
        if i == n {
            break;
        }
        if w > 0 {
            if let Some((k, close)) = annotation(v[w - 1].c, v[i + 1..].iter().copied()) {
                // The annotation belongs to its character: a span ending
                // on `發` covers `發(fā)`.
                v[w - 1].e = close.e;
                i += k + 1;
                continue;
            }
        }
        if w != i {
            v[w] = v[i];
        }
        w += 1;
        i += 1;
    }
    v.truncate(w);
    v
}

/// For the passes that edit `v` in place, writing at `w` behind where they read
/// at `i`: moves the characters from `i` up to the next one that is `stop` (or
/// the end) to `w`, in one go, and returns where reading and writing go on.
fn keep_until(v: &mut [Ch], i: usize, w: usize, stop: impl Fn(char) -> bool) -> (usize, usize) {
    let next = v[i..]
        .iter()
        .position(|c| stop(c.c))
        .map_or(v.len(), |k| i + k);
    if w != i {
        v.copy_within(i..next, w);
    }
    (next, w + next - i)
}

/// The spaces that [`drop_spaces`] may drop.
pub(crate) fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{A0}' | '\u{3000}' | '\u{2002}' | '\u{2003}'
    )
}

/// Are the `run` spaces between `p` (the character written before them) and
/// the characters `after` stray spaces in a number, to drop? They split a
/// number (`1760 0元`) or separate a number from the characters around it
/// (`500 億`, `增长 12%`). `line_start`: do the digits that end with `p`
/// start a line (a section number, `1 看速度`, keeps its space)?
pub(crate) fn drop_spaces(
    p: char,
    line_start: impl FnOnce() -> bool,
    run: usize,
    mut after: impl Iterator<Item = char>,
) -> bool {
    let Some(nx) = after.next() else {
        return false;
    };
    (p.is_ascii_digit() && is_han(nx) && !line_start())
        || (is_han(p) && nx.is_ascii_digit())
        || (p.is_ascii_digit() && nx.is_ascii_digit() && run == 1 && {
            // Only when the digits after the space run into a unit.
            after
                .find(|c| !c.is_ascii_digit())
                .is_some_and(|c| is_han(c) || c == '%')
        })
}
