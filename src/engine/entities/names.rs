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

/// Characters that glue to the next word in jieba's guesses (对欣达, 在益).
const FUNCTION_CHARS: &[char] = &[
    '在', '对', '给', '把', '被', '将', '向', '从', '与', '和', '但', '及', '由', '为', '了', '的',
    '是', '着', '过',
];

/// Characters of place names that jieba tags as bound morphemes or classifiers
/// (月亮/湾/zg 夜市, 白水/畈/q 工业园).
const TOPO: &str = "湾洲岛岭峰坪坝塘溪寨阁亭谷畈垸圩岗坡矶";

/// Level characters that stand for "this province/city/district..." before a body (市委).
pub(super) const LEVELS: &str = "省市区县镇乡州";
pub(super) static LEVEL_SET: std::sync::LazyLock<crate::engine::text::CharSet> =
    std::sync::LazyLock::new(|| crate::engine::text::CharSet::new(LEVELS));

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

/// A word the dictionary does not know (a guess of the segmenter): in this genre,
/// mostly a proper name (欣达, 滔溪, 官新).
pub(crate) fn unknown_word(w: &str) -> bool {
    nchars(w) >= 2 && w.chars().all(is_cjk) && !crate::engine::segment::is_word(w)
}

/// Does token `ti` (text `w`) make the modifier of a name of type `k` specific?
/// Projects are stricter: jieba's abbreviation and proper-noun tags on dictionary
/// words are mostly generic there (技改, 光伏, 研发, 养老/nr, 竹林/nz).
fn strong_token(doc: &Doc, ti: usize, w: &str, k: EntityType) -> bool {
    let lex = &*LEX;
    if k == EntityType::Project && area_word(doc, ti, w) {
        return true;
    }
    if LEX.generic.contains(w) {
        return false;
    }
    let tag = doc.tokens[ti].tag;
    let tag_ok = if k == EntityType::Project {
        match tag {
            "ns" | "nt" | "nrt" | "eng" => true,
            "nr" | "nrfg" => nchars(w) >= 3,
            // province abbreviations (湘赣)
            "j" => nchars(w) >= 2 && w.chars().all(|c| super::places::PROVINCE_ABBRS.contains(c)),
            _ => false,
        }
    } else {
        strong_tag(tag)
    };
    tag_ok
        || lex.places.contains_key(w)
        || lex.names.contains_key(w)
        || w.chars().any(|c| c.is_ascii_alphabetic())
        || unknown_word(w) && (k != EntityType::Project || !verb_led(w))
        // (an area word of a project returned above)
        || k == EntityType::Project && topo_word(doc, ti, w)
}

/// A toponym character after a noun (月亮/湾 夜市, 白水/畈 工业园): a place name.
fn topo_word(doc: &Doc, ti: usize, w: &str) -> bool {
    nchars(w) == 1
        && TOPO.contains(w)
        && ti > 0
        && doc.tokens[ti - 1].tag.starts_with('n')
        && nchars(&doc.text[doc.tokens[ti - 1].range.clone()]) >= 2
        && !LEX
            .generic
            .contains(&doc.text[doc.tokens[ti - 1].range.clone()])
}

/// An unknown word led by a verb, numeral or adverb (抓实, 改薄, 首建): a phrase, not
/// a name.
fn verb_led(w: &str) -> bool {
    let first = &w[..w.chars().next().map_or(0, char::len_utf8)];
    crate::engine::segment::tag(first)
        .first()
        .is_some_and(|t| matches!(t.tag, "v" | "vn" | "vd" | "m" | "p" | "c" | "u"))
}

/// A named area inside a project's modifier (洞口水片区 + 棚户区改造工程): an area
/// word after a specific two-character (or longer) name.
fn area_word(doc: &Doc, ti: usize, w: &str) -> bool {
    if !matches!(w, "片区" | "镇" | "乡" | "村" | "街道" | "社区") || ti == 0 {
        return false;
    }
    // the name before it: tokens back to a stop or generic word, at least 2 chars
    let mut k = ti;
    let mut chars = 0;
    while k > 0 {
        k -= 1;
        let t = &doc.tokens[k];
        let pw = &doc.text[t.range.clone()];
        if stop_tag(t.tag)
            || LEX.generic.contains(pw)
            || LEX.breakers.contains(pw)
            || !pw.chars().all(is_cjk)
            || t.tag.starts_with('v')
        {
            break;
        }
        chars += nchars(pw);
    }
    chars >= 2
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
/// (`parts` is scratch space, for the tokens of the name: one list for all
/// the calls of a document.)
fn extend_left_typed(
    doc: &Doc,
    suf: usize,
    max_chars: usize,
    kind: Option<(EntityType, &str)>,
    parts: &mut Vec<(usize, usize, usize)>,
) -> Option<usize> {
    let lex = &*LEX;
    if suf == 0 {
        return None;
    }
    // tokens (start, end clipped at suf) to the left of the suffix
    // (start, end, token idx)
    parts.clear();
    let mut ti = doc.token_of(suf - 1);
    let mut chars = 0;
    loop {
        let t = &doc.tokens[ti];
        let (s, e) = (t.range.start, t.range.end.min(suf));
        let w = &doc.text[s..e];
        // (one walk over the token: are all its characters name characters,
        // and how many are there; the count is only used where they all are)
        let mut n = 0;
        let ok_chars = w.chars().all(|c| {
            n += 1;
            is_name_char(c)
        });
        let m_ok =
            t.tag != "m" || w.starts_with('第') || w.chars().all(|c| c.is_ascii_alphanumeric());
        // 高新 (high-tech, as in 东湖高新) is tagged as an adverb
        let stop = stop_tag(t.tag) && w != "高新" && !(n == 1 && TOPO.contains(w));
        // a one-character verb ends the name, unless it is part of an abbreviation
        // before a company suffix (鄂旅/j 投 公司)
        let verb1 = t.tag.starts_with('v')
            && n == 1
            && !(kind.is_some_and(|(k, _)| k == EntityType::Company)
                && e == suf
                && ti > 0
                && matches!(doc.tokens[ti - 1].tag, "j" | "nz"));
        // a verb right before 工程/项目 is part of the name (棚户区改造工程)
        let head_verb = parts.is_empty()
            && kind.is_some_and(|(k, _)| k == EntityType::Project)
            && n >= 2
            && t.tag.starts_with('v');
        let breaker = LEX.breakers.contains(w) && !head_verb;
        if !ok_chars || stop || !m_ok || breaker || verb1 {
            break;
        }
        // a level character left alone by jieba ends the place before it (吴江/区 盛泽镇)
        if !parts.is_empty() && matches!(w, "区" | "县" | "市" | "省") {
            break;
        }
        // a company name does not swallow the town before it (汀泗桥镇深圳西凯集团),
        // nor its parent company (武汉中燃能源集团 + 黄冈中燃天然气有限公司)
        if kind.is_some_and(|(k, _)| k == EntityType::Company)
            && !parts.is_empty()
            && (w.ends_with('镇')
                || w.ends_with('乡')
                || w.ends_with("集团")
                || w.ends_with("公司"))
        {
            break;
        }
        chars += n;
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
        // a function character glued to an unknown name (对欣达, 在益): drop it
        // or a level character glued after the place before it (吴江/区盛泽/镇)
        let glued_level = w.starts_with(['区', '县', '市', '省'])
            && doc.char_before(s).is_some_and(is_cjk)
            && doc.bound[s];
        // (whether `w` is an unknown word: asked only where it decides, and
        // once; every test here is of `w` alone, so their order is free)
        let mut unknown_at = None;
        let mut unknown = || *unknown_at.get_or_insert_with(|| unknown_word(w));
        if (w.starts_with(FUNCTION_CHARS) || glued_level)
            && (unknown() || glued_level && nchars(w) >= 3)
        {
            let c1 = w.chars().next().map_or(0, char::len_utf8);
            if nchars(w) >= 3 {
                parts.last_mut().unwrap().0 = s + c1;
                if unknown_word(&w[c1..]) {
                    break;
                }
                continue;
            }
            parts.pop();
            continue;
        }
        let tag = doc.tokens[ti].tag;
        let weak = weak_start(tag) || LEX.generic.contains(w) || w == "(" || w == ")";
        // (a weak token is dropped unless it is strong: known, or unknown to jieba)
        if weak && !(lex.places.contains_key(w) || lex.names.contains_key(w) || unknown()) {
            parts.pop();
        } else {
            break;
        }
    }
    let &(start, _, _) = parts.last()?;
    // a modifier made only of generic words is no name (产业园区, 重点项目)
    let specific = parts.iter().any(|&(s, e, _)| {
        let w = &doc.text[s..e];
        !LEX.generic.contains(w) && !w.is_empty()
    });
    if !specific || nchars(&doc.text[start..suf]) < 2 {
        return None;
    }
    if let Some((k, sfx)) = kind {
        if needs_strong(k, sfx)
            && !parts
                .iter()
                .any(|&(s, e, ti)| strong_token(doc, ti, &doc.text[s..e], k))
        {
            return None;
        }
    }
    // unbalanced parenthesis: start after it
    // (both ASCII: counted among the bytes)
    let core = &doc.text[start..suf];
    let count = |p: u8| core.bytes().filter(|&b| b == p).count();
    if count(b'(') != count(b')') {
        return None;
    }
    Some(start)
}

fn by_suffix(doc: &Doc, out: &mut Vec<Candidate>) {
    let lex = &*LEX;
    let mut parts = Vec::new();
    // (the token ends where a suffix may end: `Doc::suffix_ends`)
    for &ei in &doc.suffix_ends {
        let ei = ei as usize;
        let e = doc.offs[ei];
        // the longest suffix ending here
        let hit = lex
            .suffixes_back
            .longest(doc.chars[..ei].iter().rev().copied())
            .map(|(len, &(t, max))| (doc.offs[ei - len], t, max, len));
        let Some((s, t, max, len)) = hit else {
            continue;
        };
        if t == EntityType::Place && len == 1 {
            // 镇, 村, 山, 湖: the name is the token(s) right before, 2..=max chars
            // (the token the suffix starts inside of, if it does, looked up once)
            let inside = (!doc.bound[s]).then(|| &doc.tokens[doc.token_of(s)]);
            if let Some(tk) = inside.filter(|tk| !tk.tag.starts_with("ns")) {
                // the suffix inside a word (城镇, 农村): only if the word is a place word
                if tk.range.start + 6 > s {
                    continue;
                }
            }
            // a two-character word ending in the suffix, even a place word (城镇, 三山),
            // or a longer dictionary word that is not a place (行政村, 贫困村, 城中村)
            if let Some(tk) = inside {
                let w = &doc.text[tk.range.clone()];
                if tk.range.end == e
                    && (nchars(w) == 2
                        || !tk.tag.starts_with("ns")
                            && crate::engine::segment::is_word(w)
                            && common_core(&w[..w.len() - (e - s)]))
                {
                    continue;
                }
            }
            // a one-character river or lake (淦河, 浣河): a bound morpheme before it
            if matches!(&doc.text[s..e], "河" | "江" | "湖")
                && s > 0
                && doc.bound[s]
                && doc.bound[e]
            {
                let ti = doc.token_of(s - 1);
                let tk = &doc.tokens[ti];
                let w = &doc.text[tk.range.clone()];
                if nchars(w) == 1
                    && w.chars().all(is_cjk)
                    && matches!(tk.tag, "zg" | "vg" | "ng" | "g" | "tg" | "ag")
                {
                    let mut c = Candidate::entity(tk.range.start..e, t);
                    c.priority = 1;
                    out.push(c);
                    continue;
                }
            }
        }
        let Some(mut start) =
            extend_left_typed(doc, s, max, Some((t, &doc.text[s..e])), &mut parts)
        else {
            continue;
        };
        // never begin inside a Latin word or number
        if doc
            .char_before(start)
            .is_some_and(|c| c.is_ascii_alphanumeric())
        {
            continue;
        }
        if t == EntityType::Place && len == 1 && !place_core_ok(doc, start, s, e) {
            continue;
        }
        if t == EntityType::Place && doc.char_after(e).is_some_and(is_cjk) && len == 1 {
            // 湖 of 湖北, 山 of 山区: a one-character place suffix must end a word
            if !doc.bound[e] {
                continue;
            }
        }
        if t == EntityType::Project {
            // a park or base named only by its city is a reference to a place, not a
            // project (在武汉园区研发, 在咸宁基地量产)
            if matches!(&doc.text[s..e], "园区" | "基地")
                && lex.places.contains_key(&doc.text[start..s])
            {
                continue;
            }
            // a metropolitan area is a place, not the modifier of a project
            // (打造武汉都市圈自然生态公园城市)
            // (none of them without its last character, most modifiers)
            let m = &doc.text[start..s];
            if m.contains(['圈', '群', '带'])
                && ["都市圈", "城市群", "经济圈", "经济带"]
                    .iter()
                    .any(|a| m.find(a).is_some_and(|i| i > 0 && i + a.len() < m.len()))
            {
                continue;
            }
            // a county or city before a scenic spot or park is a place of its own
            // (桃江县 + 桃花江竹海景区), unless it is the whole modifier (益阳高新区)
            if let Some(pe) = leading_full_place(doc, start, s) {
                if nchars(&doc.text[pe..s]) >= 3 {
                    // the rest must still be a name (益阳市 + 创新投资项目 is none)
                    if !specific_between(doc, pe, s, t) {
                        continue;
                    }
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

/// A modifier that is a common word, not a name (行政, 贫困, 城中; not 高桥).
fn common_core(w: &str) -> bool {
    let toks = crate::engine::segment::tag(w);
    crate::engine::segment::is_word(w)
        && toks.len() == 1
        && !strong_tag(toks[0].tag)
        && !LEX.places.contains_key(w)
}

/// A place named by a one-character suffix (`start..s` + `s..e`): not a common word
/// whose last character forms a word with the suffix (煤矿+山 = 矿山), not a phrase
/// that starts with a numeral (一河三山) or a preposition (以城带乡).
fn place_core_ok(doc: &Doc, start: usize, s: usize, e: usize) -> bool {
    let core = &doc.text[start..s];
    let first_tok = &doc.tokens[doc.token_of(start)];
    if core.starts_with([
        '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '两', '以',
    ]) && !first_tok.tag.starts_with("ns")
    {
        return false;
    }
    if doc.bound[s] {
        let tk = &doc.tokens[doc.token_of(s - 1)];
        let w = &doc.text[tk.range.start.max(start)..s];
        if nchars(w) >= 2 && crate::engine::segment::is_word(w) && !tk.tag.starts_with("ns") {
            let last = w.chars().next_back().unwrap();
            if crate::engine::segment::is_word(&format!("{last}{}", &doc.text[s..e])) {
                return false;
            }
        }
    }
    true
}

/// Does `a..b` hold a token (clipped to it) that makes a name of type `k` specific?
fn specific_between(doc: &Doc, a: usize, b: usize, k: EntityType) -> bool {
    let mut ti = doc.token_of(a);
    while ti < doc.tokens.len() && doc.tokens[ti].range.start < b {
        let r = &doc.tokens[ti].range;
        let (s, e) = (r.start.max(a), r.end.min(b));
        if s < e && strong_token(doc, ti, &doc.text[s..e], k) {
            return true;
        }
        ti += 1;
    }
    false
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
    let levels = &*LEVEL_SET;
    let n = doc.offs.len() - 1;
    // (nothing is found at the characters missing from `Doc::body_at`: the
    // scan goes from one of those to the next, skipping those passed over)
    let mut i = 0;
    for &(at, place) in &doc.body_at {
        if (at as usize) < i {
            continue;
        }
        i = at as usize;
        let s = doc.offs[i];
        let c = doc.chars[i];
        // (most characters start no prefix: only a body may start there)
        if place == 0 && c != '国' && !levels.contains(c) {
            if doc.bound[s] {
                body_alone(doc, i, out);
            }
            i += 1;
            continue;
        }
        // prefix: places from the gazetteer or one level character
        let mut j = i;
        let mut prefix = 0;
        loop {
            // the longest place of two or more characters (a full name after
            // the first)
            let mut step = usize::from(if prefix == 0 {
                place
            } else {
                doc.known_at(j).full
            });
            if step == 0 && prefix == 0 {
                let c = doc.chars[j];
                if c == '国' && doc.chars.get(j + 1) == Some(&'家') {
                    step = 2;
                } else if levels.contains(c) {
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
        // (the character before `s`, as `doc.char_before(s)`)
        let before = i.checked_sub(1).map(|k| doc.chars[k]);
        let mid_word = j == i + 1 && before.is_some_and(is_cjk) && !doc.bound[s];
        if prefix == 0 {
            if doc.bound[s] {
                body_alone(doc, i, out);
            }
            i += 1;
            continue;
        }
        // one or two bodies
        let mut k = j;
        for _ in 0..2 {
            let step = lex
                .body_trie
                .longest(doc.chars[k..].iter().copied())
                .map_or(0, |(len, _)| len);
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

/// A department named by its function alone (产业发展局, 经济合作局), or a body
/// listed after another one (益阳高新区工委、管委会), at character `i` (a token
/// start).
fn body_alone(doc: &Doc, i: usize, out: &mut Vec<Candidate>) {
    let after_list = i > 0 && doc.chars[i - 1] == '、';
    // the longest body of three or more characters ending on a boundary
    let mut hit = None;
    LEX.body_trie
        .each_prefix(doc.chars[i..].iter().copied(), |len, &function| {
            if len >= 3 && doc.bound[doc.offs[i + len]] && (after_list || function) {
                hit = Some(len);
            }
        });
    if let Some(len) = hit {
        let mut c = Candidate::entity(doc.offs[i]..doc.offs[i + len], EntityType::Org);
        c.priority = 3;
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::annotate;

    /// A one-character river or lake at the very start of the text has no
    /// character before it (this subtracted 1 from byte 0).
    #[test]
    fn river_suffix_at_text_start() {
        for t in ["河", "江", "湖", "河，", "江\n淦河"] {
            let doc = annotate("t", t);
            assert!(doc.annotations.iter().all(|a| a.end <= doc.chars), "{t}");
        }
    }
}
