//! Places: the gazetteer of administrative divisions, lexicon names (rivers, regions),
//! and chains of province abbreviations (鄂湘赣, 京津冀).
use super::lexicon::LEX;
use super::{is_name_char, Doc};
use crate::engine::model::{Candidate, EntityType};
use crate::engine::text::CharSet;
use std::sync::LazyLock;

/// One-character province abbreviations.
pub(crate) const PROVINCE_ABBR: &str =
    "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川蜀贵黔滇云藏陕秦甘陇青宁新港澳台";

/// [`PROVINCE_ABBR`] as a set.
pub(crate) static PROVINCE_ABBRS: LazyLock<CharSet> = LazyLock::new(|| CharSet::new(PROVINCE_ABBR));

/// Words that glue to a short place name in jieba (咸/安全区, 咸安籍).
const AFTER_SHORT: [&str; 6] = ["全区", "全市", "全县", "全省", "全镇", "籍"];

pub fn extract(doc: &Doc, out: &mut Vec<Candidate>) {
    let lex = &*LEX;
    let n = doc.offs.len() - 1;
    let mut i = 0;
    while i < n {
        let s = doc.offs[i];
        let mut found = None;
        // only the lengths of the entries starting with these two characters
        let pair = (doc.chars[i], doc.chars.get(i + 1).copied());
        for len in lex.place_or_name_starts.lengths_of(pair.0, pair.1, n - i) {
            let e = doc.offs[i + len];
            let w = &doc.text[s..e];
            if let Some(&t) = lex.names.get(w) {
                // a name of three or more characters is specific enough anywhere
                // (咸宁南依/幕阜山: jieba glues its first character to the verb)
                if doc.bound[s] || !prev_is_name(doc, s) || len >= 3 {
                    found = Some((e, t, w.to_string(), 3));
                    break;
                }
            }
            if let Some(p) = lex.places.get(w) {
                // a short form (咸安) or a two-character name (南县) must sit on token
                // boundaries; longer full names (咸安区) only need a clean start.
                let ok = if p.is_full && len >= 3 {
                    doc.bound[s] || !prev_is_name(doc, s) || lex.places.contains_key(prev2(doc, s))
                } else {
                    (doc.bound[s] || !prev_is_name(doc, s))
                        && (doc.bound[e]
                            || !next_is_name(doc, e)
                            || (!p.is_full
                                && AFTER_SHORT.iter().any(|a| doc.text[e..].starts_with(a))))
                };
                if ok {
                    found = Some((e, EntityType::Place, p.full.to_string(), 1));
                    break;
                }
            }
        }
        if let Some((e, t, group, prio)) = found {
            let mut c = Candidate::entity(s..e, t);
            c.group = Some(group);
            c.priority = prio;
            out.push(c);
            i = doc.offs.partition_point(|&o| o < e);
            continue;
        }
        i += 1;
    }
    abbreviation_chains(doc, out);
}

fn prev_is_name(doc: &Doc, b: usize) -> bool {
    doc.char_before(b).is_some_and(is_name_char)
}

fn next_is_name(doc: &Doc, b: usize) -> bool {
    doc.char_after(b).is_some_and(is_name_char)
}

/// The (up to) three characters before `b`, to accept a full name after another place.
fn prev2<'a>(doc: &'a Doc, b: usize) -> &'a str {
    let mut s = b;
    for _ in 0..3 {
        if let Some(c) = doc.char_before(s) {
            s -= c.len_utf8();
        }
    }
    &doc.text[s..b]
}

/// `鄂湘赣`, `京津冀`: two or more province abbreviations in a row, alone as a word.
fn abbreviation_chains(doc: &Doc, out: &mut Vec<Candidate>) {
    let mut it = doc
        .offs
        .iter()
        .copied()
        .zip(doc.chars.iter().copied())
        .peekable();
    while let Some((s, c)) = it.next() {
        if !PROVINCE_ABBRS.contains(c) {
            continue;
        }
        let mut e = s + c.len_utf8();
        let mut k = 1;
        while let Some(&(j, d)) = it.peek() {
            if PROVINCE_ABBRS.contains(d) && j == e {
                e += d.len_utf8();
                k += 1;
                it.next();
            } else {
                break;
            }
        }
        if (2..=4).contains(&k) && k >= 3 && doc.bound[s] {
            let mut c = Candidate::entity(s..e, EntityType::Place);
            c.priority = 1;
            out.push(c);
        }
    }
}
