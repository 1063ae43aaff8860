//! Organisations, companies, projects (and places with a natural suffix) found by their
//! suffix, and government bodies built from a place or level character plus a body.
use super::lexicon::LEX;
use super::{is_cjk, is_name_char, nchars, Doc};
use crate::engine::model::{Candidate, EntityType};

/// jieba tags that never sit inside a name (function words, pronouns, adverbs,
/// localisers, classifiers, time words, punctuation).
fn stop_tag(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "c"
            | "u"
            | "uj"
            | "ul"
            | "uz"
            | "ud"
            | "ug"
            | "uv"
            | "r"
            | "rr"
            | "rz"
            | "d"
            | "ad"
            | "f"
            | "q"
            | "mq"
            | "y"
            | "e"
            | "o"
            | "t"
            | "tg"
            | "zg"
            | "df"
            | "z"
    )
}

/// Tags that may not start a name (verbs, adjectives).
fn weak_start(tag: &str) -> bool {
    matches!(
        tag,
        "v" | "vn" | "vd" | "a" | "an" | "ag" | "b" | "i" | "l" | "m"
    )
}

/// Level characters that stand for "this province/city/district..." before a body (市委).
const LEVELS: &str = "省市区县镇乡州";

pub fn extract(doc: &Doc, out: &mut Vec<Candidate>) {
    by_suffix(doc, out);
    bodies(doc, out);
}

/// Tags of tokens that make a modifier specific (a proper noun, an abbreviation, Latin).
fn strong_tag(tag: &str) -> bool {
    matches!(
        tag,
        "ns" | "nr" | "nrt" | "nrfg" | "nz" | "nt" | "j" | "eng"
    )
}

/// Suffixes that are also common heads: they need a proper-noun-like modifier.
fn needs_strong(t: EntityType, suffix: &str) -> bool {
    match t {
        EntityType::Company => !suffix.contains("有限"),
        EntityType::Project => true,
        _ => false,
    }
}

/// The start of the name whose suffix starts at byte `suf`, or None.
pub(crate) fn extend_left_typed(
    doc: &Doc,
    suf: usize,
    max_chars: usize,
    kind: Option<(EntityType, &str)>,
) -> Option<usize> {
    let lex = &*LEX;
    if suf == 0 {
        return None;
    }
    // tokens (start, end clipped at suf) to the left of the suffix
    let mut parts: Vec<(usize, usize, usize)> = Vec::new(); // (start, end, token idx)
    let mut ti = doc.token_of(suf - 1);
    let mut chars = 0;
    loop {
        let t = &doc.tokens[ti];
        let (s, e) = (t.range.start, t.range.end.min(suf));
        let w = &doc.text[s..e];
        let ok_chars = w.chars().all(is_name_char);
        let m_ok =
            t.tag != "m" || w.starts_with('第') || w.chars().all(|c| c.is_ascii_alphanumeric());
        let verb1 = t.tag.starts_with('v') && nchars(w) == 1;
        if !ok_chars || stop_tag(&t.tag) || !m_ok || lex.breakers.contains(w) || verb1 {
            break;
        }
        // a company name does not swallow the town before it (汀泗桥镇深圳西凯集团)
        if kind.is_some_and(|(k, _)| k == EntityType::Company)
            && !parts.is_empty()
            && (w.ends_with('镇') || w.ends_with('乡'))
        {
            break;
        }
        chars += nchars(w);
        if chars > max_chars {
            break;
        }
        parts.push((s, e, ti));
        if ti == 0 {
            break;
        }
        ti -= 1;
    }
    // parts are right-to-left; drop weak or generic tokens from the left end
    while let Some(&(s, e, ti)) = parts.last() {
        let w = &doc.text[s..e];
        let tag = doc.tokens[ti].tag.as_str();
        let strong = lex.places.contains_key(w) || lex.names.contains_key(w);
        if !strong && (weak_start(tag) || lex.generic.contains(w) || w == "(" || w == ")") {
            parts.pop();
        } else {
            break;
        }
    }
    let &(start, _, _) = parts.last()?;
    // a modifier made only of generic words is no name (产业园区, 重点项目)
    let specific = parts.iter().any(|&(s, e, _)| {
        let w = &doc.text[s..e];
        !lex.generic.contains(w) && nchars(w) >= 1
    });
    if !specific || nchars(&doc.text[start..suf]) < 2 {
        return None;
    }
    if let Some((k, sfx)) = kind {
        if needs_strong(k, sfx)
            && !parts.iter().any(|&(s, e, ti)| {
                let w = &doc.text[s..e];
                strong_tag(&doc.tokens[ti].tag)
                    || lex.places.contains_key(w)
                    || lex.names.contains_key(w)
                    || w.chars().any(|c| c.is_ascii_alphabetic())
            })
        {
            return None;
        }
    }
    // unbalanced parenthesis: start after it
    let core = &doc.text[start..suf];
    if core.matches('(').count() != core.matches(')').count() {
        return None;
    }
    Some(start)
}

fn by_suffix(doc: &Doc, out: &mut Vec<Candidate>) {
    let lex = &*LEX;
    let n = doc.offs.len() - 1;
    for ei in 1..=n {
        let e = doc.offs[ei];
        if !doc.bound[e] {
            continue;
        }
        // longest suffix ending here
        let mut hit = None;
        for len in (1..=lex.suffix_max.min(ei)).rev() {
            let s = doc.offs[ei - len];
            if let Some(&(t, max)) = lex.suffixes.get(&doc.text[s..e]) {
                hit = Some((s, t, max, len));
                break;
            }
        }
        let Some((s, t, max, len)) = hit else {
            continue;
        };
        if t == EntityType::Place && len == 1 {
            // 镇, 村, 山, 湖: the name is the token(s) right before, 2..=max chars
            if !doc.bound[s] && !doc.tokens[doc.token_of(s)].tag.starts_with("ns") {
                // the suffix inside a word (城镇, 农村): only if the word is a place word
                let ti = doc.token_of(s);
                if doc.tokens[ti].range.start + 6 > s {
                    continue;
                }
            }
        }
        let Some(mut start) = extend_left_typed(doc, s, max, Some((t, &doc.text[s..e]))) else {
            continue;
        };
        // never begin inside a Latin word or number
        if doc
            .char_before(start)
            .is_some_and(|c| c.is_ascii_alphanumeric())
        {
            continue;
        }
        if t == EntityType::Place && doc.char_after(e).is_some_and(is_cjk) && len == 1 {
            // 湖 of 湖北, 山 of 山区: a one-character place suffix must end a word
            if !doc.bound[e] {
                continue;
            }
        }
        if t == EntityType::Project {
            // a county or city before a scenic spot or park is a place of its own
            // (桃江县 + 桃花江竹海景区), unless it is the whole modifier (益阳高新区)
            if let Some(pe) = leading_full_place(doc, start, s) {
                if nchars(&doc.text[pe..s]) >= 3 {
                    start = pe;
                }
            }
        }
        let mut c = Candidate::entity(start..e, t);
        c.priority = match t {
            EntityType::Company => 4,
            EntityType::Org => 3,
            EntityType::Project => 2,
            _ => 1,
        };
        out.push(c);
    }
}

/// End of the full administrative names (`益阳市安化县`) at the start of `s..lim`.
fn leading_full_place(doc: &Doc, s: usize, lim: usize) -> Option<usize> {
    let lex = &*LEX;
    let mut end = None;
    let mut b = s;
    'outer: loop {
        let rest = &doc.text[b..lim];
        let idx: Vec<usize> = rest.char_indices().map(|(i, _)| i).skip(1).collect();
        for &k in idx.iter().rev() {
            if let Some(p) = lex.places.get(&rest[..k]) {
                if p.is_full
                    && (rest[..k].ends_with('县')
                        || rest[..k].ends_with('市')
                        || rest[..k].ends_with('区')
                        || rest[..k].ends_with('省'))
                {
                    b += k;
                    end = Some(b);
                    continue 'outer;
                }
            }
        }
        break;
    }
    end
}

/// Government bodies: (place | level character)+ body (+ body): 市委, 区财政局,
/// 益阳市委宣传部, 市人大常委会, 省生态环境厅.
fn bodies(doc: &Doc, out: &mut Vec<Candidate>) {
    let lex = &*LEX;
    let n = doc.offs.len() - 1;
    let mut i = 0;
    while i < n {
        let s = doc.offs[i];
        // prefix: places from the gazetteer or one level character
        let mut j = i;
        let mut prefix = 0;
        loop {
            let mut step = 0;
            for len in (2..=lex.place_max.min(n - j)).rev() {
                if let Some(p) = lex.places.get(&doc.text[doc.offs[j]..doc.offs[j + len]]) {
                    if p.is_full || prefix == 0 {
                        step = len;
                        break;
                    }
                }
            }
            if step == 0 && prefix == 0 {
                let c = doc.text[doc.offs[j]..].chars().next().unwrap();
                if doc.text[doc.offs[j]..].starts_with("国家") {
                    step = 2;
                } else if LEVELS.contains(c) {
                    step = 1;
                }
            }
            if step == 0 {
                break;
            }
            j += step;
            prefix += 1;
            if j >= n {
                break;
            }
        }
        let mid_word = j == i + 1 && doc.char_before(s).is_some_and(is_cjk) && !doc.bound[s];
        if prefix == 0 {
            // a department named by its function alone (产业发展局, 经济合作局), or a body
            // listed after another one (益阳高新区工委、管委会)
            if doc.bound[s] {
                let after_list = doc.char_before(s) == Some('、');
                for len in (3..=lex.body_max.min(n - i)).rev() {
                    let e = doc.offs[i + len];
                    let w = &doc.text[s..e];
                    if doc.bound[e]
                        && lex.bodies.contains(w)
                        && (after_list || lex.functions.contains(w))
                    {
                        let mut c = Candidate::entity(s..e, EntityType::Org);
                        c.priority = 3;
                        out.push(c);
                        break;
                    }
                }
            }
            i += 1;
            continue;
        }
        // one or two bodies
        let mut k = j;
        for _ in 0..2 {
            let mut step = 0;
            for len in (1..=lex.body_max.min(n - k)).rev() {
                if lex
                    .bodies
                    .contains(&doc.text[doc.offs[k]..doc.offs[k + len]])
                {
                    step = len;
                    break;
                }
            }
            if step == 0 || (mid_word && k == j && step < 2) {
                break;
            }
            k += step;
        }
        if k > j && doc.bound[doc.offs[k]] {
            let mut c = Candidate::entity(s..doc.offs[k], EntityType::Org);
            c.priority = 3;
            out.push(c);
            i = k;
            continue;
        }
        i += 1;
    }
}
