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
    let mut hits = Vec::new();
    // (the characters where an entry starts, skipping those inside a place
    // found)
    let mut i = 0;
    for &(at, _) in &doc.known {
        if (at as usize) < i {
            continue;
        }
        i = at as usize;
        let s = doc.offs[i];
        let mut found = None;
        // the entries of two or more characters starting here, longest first
        hits.clear();
        lex.known
            .each_prefix(doc.chars[i..].iter().copied(), |len, k| {
                if len >= 2 {
                    hits.push((len, k));
                }
            });
        for &(len, k) in hits.iter().rev() {
            let e = doc.offs[i + len];
            let w = &doc.text[s..e];
            if let Some(t) = k.name {
                // a name of three or more characters is specific enough anywhere
                // (咸宁南依/幕阜山: jieba glues its first character to the verb)
                if doc.bound[s] || !prev_is_name(doc, s) || len >= 3 {
                    found = Some((len, t, w.to_string(), 3));
                    break;
                }
            }
            if let Some(p) = &k.place {
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
                    found = Some((len, EntityType::Place, p.full.to_string(), 1));
                    break;
                }
            }
        }
        if let Some((len, t, group, prio)) = found {
            let mut c = Candidate::entity(s..doc.offs[i + len], t);
            c.group = Some(group);
            c.priority = prio;
            out.push(c);
            i += len;
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
    // (the runs of consecutive positions in `Doc::abbrs`: `i..j`)
    let abbrs = &doc.abbrs;
    let mut r = 0;
    while r < abbrs.len() {
        let i = abbrs[r] as usize;
        let mut k = 1;
        while abbrs.get(r + k).is_some_and(|&p| p as usize == i + k) {
            k += 1;
        }
        r += k;
        let (s, j) = (doc.offs[i], i + k);
        if (2..=4).contains(&k) && k >= 3 && doc.bound[s] {
            let mut c = Candidate::entity(s..doc.offs[j], EntityType::Place);
            c.priority = 1;
            out.push(c);
        }
    }
}
