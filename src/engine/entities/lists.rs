//! Names known by their neighbours:
//! - enumerations (`A、B、C等`): items of a list whose typed items are all companies
//!   are companies too (华勃铝业、精研新能源、捷信达、御鼎新材料等); an item that ends
//!   in a legal form is a company as a whole (江门全和电子有限公司); items before
//!   `等6个乡镇` are places (汀泗、官埠、马桥、贺胜、双溪等6个乡镇).
//! - quoted brand names: `“咸金通”`, `“企业解忧码”`, `“银城大讲堂”`, `“九二五厂”`.
use super::lexicon::LEX;
use super::names::unknown_word;
use super::{is_cjk, is_name_char, merge_sorted, nchars, Doc};
use crate::engine::model::{Candidate, EntityType};
use std::ops::Range;

/// Characters that end a clause (and so a list).
fn clause_break(c: char) -> bool {
    matches!(
        c,
        ',' | '，'
            | '。'
            | ';'
            | '；'
            | ':'
            | '：'
            | '!'
            | '！'
            | '?'
            | '？'
            | '\n'
            | ' '
            | '\u{3000}'
    )
}

/// `s.trim_start_matches(w)` for a word `w`, by its prefixes: without the
/// substring searcher that `trim_start_matches` sets up for `w` at each call.
fn trim_word<'a>(mut s: &'a str, w: &str) -> &'a str {
    while let Some(rest) = s.strip_prefix(w) {
        s = rest;
    }
    s
}

const NUMERALS: &[char] = &[
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '一', '二', '三', '四', '五', '六', '七',
    '八', '九', '十', '两', '几', '多',
];

/// Legal forms that make a list item a company as a whole.
const LEGAL: &[&str] = &["有限公司", "有限责任公司", "集团", "公司"];

/// Heads of places counted after a list (等6个乡镇).
const PLACE_HEADS: &[&str] = &[
    "乡镇",
    "镇",
    "乡",
    "县市区",
    "县区",
    "区县",
    "县市",
    "县",
    "村",
    "街道",
    "省份",
    "省",
    "城市",
    "市",
];

/// Last characters of app and platform brands (咸金通, 企业解忧码).
const BRAND_TAILS: &[char] = &['通', '码', '贷', '云', '宝', '柜'];

pub fn extract(doc: &Doc, out: &mut Vec<Candidate>) {
    enumerations(doc, out);
    quoted(doc, out);
    city_apps(doc, out);
}

/// News apps named after their city: `掌上咸宁`, `云上黄石`.
fn city_apps(doc: &Doc, out: &mut Vec<Candidate>) {
    let t = doc.text;
    for pre in ["掌上", "云上"] {
        // (as `t.match_indices(pre)`: the prefix cannot overlap itself)
        let first = pre.chars().next().expect("a prefix");
        for &i in doc.index.positions(first) {
            if !t[i..].starts_with(pre) {
                continue;
            }
            let s = i + pre.len();
            let rest = &t[s..];
            let Some((len, _)) = rest
                .char_indices()
                .skip(2)
                .take(3)
                .map(|(j, _)| (j, &rest[..j]))
                .chain(std::iter::once((rest.len(), rest)))
                .filter(|(_, w)| (2..=4).contains(&nchars(w)) && LEX.places.contains_key(*w))
                .last()
            else {
                continue;
            };
            let e = s + len;
            if doc.char_after(e).is_some_and(is_name_char) && !doc.bound[e] {
                continue;
            }
            let mut c = Candidate::entity(i..e, EntityType::Project);
            c.priority = 5;
            out.push(c);
        }
    }
}

/// Type of a candidate covering exactly `r` (the longest-priority one), among
/// the candidates `near` of `out` (those inside the clause of `r`, in order).
fn typed(out: &[Candidate], near: &[usize], r: &Range<usize>) -> Option<EntityType> {
    near.iter()
        .map(|&k| &out[k])
        .filter(|c| c.range == *r && c.etype.is_some())
        .max_by_key(|c| c.priority)
        .and_then(|c| c.etype)
}

/// Does `r` end in a company suffix of the lexicon with a 2..=6-character core
/// (恒烁智能, 精研新能源)?
fn company_shaped(doc: &Doc, r: &Range<usize>) -> bool {
    let w = &doc.text[r.clone()];
    if !w.chars().all(is_cjk) {
        return false;
    }
    // (each ending of `w` after a 2..=6-character core is looked up, rather
    // than every suffix of the lexicon tried against `w`)
    w.char_indices().enumerate().any(|(core, (k, _))| {
        (2..=6).contains(&core)
            && LEX
                .suffixes
                .get(&w[k..])
                .is_some_and(|(t, _)| *t == EntityType::Company)
            && !LEX.generic.contains(&w[..k])
    })
}

/// Does the item hold a token that looks like a proper name?
fn has_proper(doc: &Doc, r: &Range<usize>) -> bool {
    let mut ti = doc.token_of(r.start);
    while ti < doc.tokens.len() && doc.tokens[ti].range.start < r.end {
        let t = &doc.tokens[ti];
        let w = &doc.text[t.range.start.max(r.start)..t.range.end.min(r.end)];
        if matches!(
            t.tag,
            "nz" | "nr" | "nrt" | "nrfg" | "ns" | "nt" | "j" | "eng"
        ) || unknown_word(w)
        {
            return true;
        }
        ti += 1;
    }
    false
}

/// [`push`] of a list item, noted among the candidates `near` its clause.
fn push_near(out: &mut Vec<Candidate>, near: &mut Vec<usize>, r: Range<usize>, t: EntityType) {
    near.push(out.len());
    push(out, r, t);
}

fn push(out: &mut Vec<Candidate>, r: Range<usize>, t: EntityType) {
    let mut c = Candidate::entity(r, t);
    c.priority = match t {
        EntityType::Company => 4,
        EntityType::Project => 2,
        _ => 1,
    };
    out.push(c);
}

fn trim(doc: &Doc, mut r: Range<usize>) -> Range<usize> {
    let t = doc.text;
    while r.start < r.end && t[r.start..r.end].starts_with(['“', '"', '‘']) {
        r.start += t[r.start..].chars().next().unwrap().len_utf8();
    }
    while r.start < r.end && t[r.start..r.end].ends_with(['”', '"', '’']) {
        r.end -= t[..r.end].chars().next_back().unwrap().len_utf8();
    }
    r
}

/// Start of the first item of a list: after leading verbs and breakers (帮助宇恒电子).
fn skip_lead(doc: &Doc, r: Range<usize>) -> usize {
    let mut s = r.start;
    let mut ti = doc.token_of(s);
    while ti < doc.tokens.len() && doc.tokens[ti].range.end < r.end {
        let tk = &doc.tokens[ti];
        let w = &doc.text[tk.range.clone()];
        if tk.range.start >= s
            && (LEX.breakers.contains(w)
                || tk.tag.starts_with('v') && !unknown_word(w)
                || matches!(
                    tk.tag,
                    "p" | "c" | "d" | "u" | "uj" | "ul" | "r" | "t" | "tg" | "m" | "q" | "f" | "ad"
                ))
        {
            s = tk.range.end;
        } else if tk.range.start >= s {
            break;
        }
        ti += 1;
    }
    s
}

fn enumerations(doc: &Doc, out: &mut Vec<Candidate>) {
    let t = doc.text;
    // clauses, only those holding `、` or `等`: from each of those (their
    // positions in the character index, in order) to the clause breaks on
    // either side, rather than a look at every character for the breaks
    // (clauses as character ranges)
    let (chars, n_chars) = (doc.chars, doc.chars.len());
    // (both lists of positions are in order: merged, not sorted)
    let listy = merge_sorted(&[doc.index.positions('、'), doc.index.positions('等')]);
    let mut clauses = Vec::new();
    // (the end of the last clause found: the listy characters before it are in it)
    let mut end = 0;
    for b in listy {
        // (those in the last clause passed over by their byte offsets; the
        // character of the others looked for after the clause)
        if b < doc.offs[end] {
            continue;
        }
        let p = end + doc.offs[end..].partition_point(|&o| o < b);
        let mut cs = p;
        while cs > 0 && !clause_break(chars[cs - 1]) {
            cs -= 1;
        }
        end = p + 1;
        while end < n_chars && !clause_break(chars[end]) {
            end += 1;
        }
        clauses.push(cs..end);
    }
    // The candidates found so far inside each clause (every lookup below is
    // of a range inside the clause), in the order of `out` (the lookups keep
    // the last of equals, as a scan of `out` does). The clauses are in order
    // and apart (a clause break lies between two), their byte spans
    // `offs[start]..=offs[end]` too: a candidate lies inside one at most,
    // the first that does not end before it starts. The candidates are
    // grouped by clause in one pass and counted out (`inside[first[k]..
    // first[k + 1]]`: those of clause `k`), rather than sorted by start.
    let spans: Vec<(usize, usize)> = clauses
        .iter()
        .map(|c| (doc.offs[c.start], doc.offs[c.end]))
        .collect();
    // (the candidates come in runs by start, one run per extractor: the
    // clause is looked for from the last one's, searched again only where a
    // run starts over)
    let (mut k, mut last) = (0, 0);
    let clause_of: Vec<usize> = out
        .iter()
        .map(|c| {
            if c.range.start < last {
                k = spans.partition_point(|&(_, e)| e < c.range.start);
            }
            while spans.get(k).is_some_and(|&(_, e)| e < c.range.start) {
                k += 1;
            }
            last = c.range.start;
            match spans.get(k) {
                Some(&(s, e)) if s <= c.range.start && c.range.end <= e => k,
                _ => usize::MAX,
            }
        })
        .collect();
    let mut first = vec![0; spans.len() + 1];
    for &k in clause_of.iter().filter(|&&k| k != usize::MAX) {
        first[k + 1] += 1;
    }
    for k in 1..first.len() {
        first[k] += first[k - 1];
    }
    let mut inside = vec![0; first[spans.len()]];
    let mut fill = first.clone();
    for (i, &k) in clause_of.iter().enumerate() {
        if k != usize::MAX {
            inside[fill[k]] = i;
            fill[k] += 1;
        }
    }
    // (the lists of one clause, reused for the next)
    let mut near: Vec<usize> = Vec::new();
    let mut parts: Vec<Range<usize>> = Vec::new();
    let mut items: Vec<Option<Range<usize>>> = Vec::new();
    let mut legal: Vec<Range<usize>> = Vec::new();
    let mut types: Vec<Option<EntityType>> = Vec::new();
    for (ci, ccl) in clauses.into_iter().enumerate() {
        let cl = spans[ci].0..spans[ci].1;
        near.clear();
        near.extend_from_slice(&inside[first[ci]..first[ci + 1]]);
        parts.clear();
        let mut ps = cl.start;
        // (the part that holds the first 等)
        let mut first_deng = None;
        for i in ccl.clone() {
            match doc.chars[i] {
                '、' => {
                    parts.push(ps..doc.offs[i]);
                    ps = doc.offs[i + 1];
                }
                '等' if first_deng.is_none() => first_deng = Some(parts.len()),
                _ => {}
            }
        }
        parts.push(ps..cl.end);
        // the list ends at the first 等 (A、B等一批上市公司、行业龙头企业...)
        if let Some(k) = first_deng {
            parts.truncate(k + 1);
        }
        let n = parts.len();
        items.clear();
        let mut tail = "";
        for (k, p) in parts.iter().enumerate() {
            let mut r = p.clone();
            if k == n - 1 {
                // the last item ends at 等 (or is a candidate starting there)
                let w = &t[r.clone()];
                if let Some(j) = w.find('等') {
                    tail = &w[j..];
                    r.end = r.start + j;
                } else if LEGAL.iter().any(|l| w.ends_with(l)) {
                    // the whole rest of the clause is the company (江门全和电子有限公司,)
                } else if let Some(c) = near
                    .iter()
                    .map(|&k| &out[k])
                    .filter(|c| c.range.start == r.start && c.range.end <= r.end)
                    .max_by_key(|c| c.range.len())
                {
                    r.end = c.range.end;
                } else {
                    items.push(None);
                    continue;
                }
            }
            if k == 0 {
                r.start = skip_lead(doc, r.clone());
            }
            // (more than 8 characters: a 9th)
            if k == 0 && t[r.clone()].chars().nth(8).is_some() {
                // the first item: a candidate ending at the comma
                match near
                    .iter()
                    .map(|&k| &out[k])
                    .filter(|c| c.range.end == r.end && c.range.start >= r.start)
                    .max_by_key(|c| c.range.len())
                {
                    Some(c) => r.start = c.range.start,
                    None => {
                        items.push(None);
                        continue;
                    }
                }
            }
            let r = trim(doc, r);
            let w = &t[r.clone()];
            // (counted to 21 at most: more are as many as 21 here)
            let n = w.chars().take(21).count();
            if (2..=20).contains(&n) && w.chars().all(is_name_char) {
                items.push(Some(r));
            } else {
                items.push(None);
            }
        }
        // A、B高速: the first items share the suffix of the last (武阳、咸九高速)
        if let Some(Some(last)) = items.last() {
            let lw = &t[last.clone()];
            let shared = ["高速", "铁路", "高铁", "城际"]
                .iter()
                .find(|h| lw.ends_with(*h) && nchars(lw) == 2 + nchars(h));
            if shared.is_some() && typed(out, &near, last) == Some(EntityType::Project) {
                for r in items[..items.len() - 1].iter().flatten() {
                    let w = &t[r.clone()];
                    if nchars(w) == 2 && w.chars().all(is_cjk) && typed(out, &near, r).is_none() {
                        push_near(out, &mut near, r.clone(), EntityType::Project);
                    }
                }
            }
        }
        // places before 等6个乡镇
        let after = tail.trim_start_matches('等');
        let after = after.trim_start_matches(NUMERALS).trim_start_matches('个');
        // (a one-character head must not start another word: 等市场主体)
        let place_head = PLACE_HEADS
            .iter()
            .find(|h| after.starts_with(*h))
            .is_some_and(|h| {
                let two: String = after.chars().take(2).collect();
                nchars(h) > 1 || nchars(&two) < 2 || !crate::engine::segment::is_word(&two)
            });
        if !tail.is_empty() && place_head {
            for r in items.iter().flatten() {
                let w = &t[r.clone()];
                if (2..=4).contains(&nchars(w))
                    && w.chars().all(is_cjk)
                    && !LEX.generic.contains(w)
                    && typed(out, &near, r).is_none_or(|ty| ty == EntityType::Place)
                {
                    push_near(out, &mut near, r.clone(), EntityType::Place);
                }
            }
            continue;
        }
        // companies before 等4家企业 / 等企业
        let company_head = || {
            let after = tail.trim_start_matches('等');
            let after = after
                .trim_start_matches(NUMERALS)
                .trim_start_matches(['家', '个']);
            let after = trim_word(trim_word(after.trim_start_matches('新'), "重点"), "龙头");
            ["企业", "公司", "厂商"]
                .iter()
                .any(|h| after.starts_with(h))
        };
        if !tail.is_empty() && company_head() {
            for r in items.iter().flatten() {
                let w = &t[r.clone()];
                if (3..=8).contains(&nchars(w))
                    && typed(out, &near, r).is_none()
                    && !LEX.generic.contains(w)
                    && !LEX.places.contains_key(w)
                    && has_proper(doc, r)
                {
                    push_near(out, &mut near, r.clone(), EntityType::Company);
                }
            }
            continue;
        }
        // items ending in a legal form are companies as a whole
        legal.clear();
        for r in items.iter().flatten() {
            let w = &t[r.clone()];
            if n >= 2 && LEGAL.iter().any(|l| w.ends_with(l)) && nchars(w) > 3 {
                push_near(out, &mut near, r.clone(), EntityType::Company);
                legal.push(r.clone());
            }
        }
        if items.iter().flatten().count() < 3 {
            continue;
        }
        // companies
        types.clear();
        for r in items.iter().flatten() {
            let w = &t[r.clone()];
            let ty = if legal.contains(r) {
                Some(EntityType::Company)
            } else if let Some(ty) = typed(out, &near, r) {
                Some(ty)
            } else if company_shaped(doc, r) && nchars(w) <= 8 {
                push_near(out, &mut near, r.clone(), EntityType::Company);
                Some(EntityType::Company)
            } else {
                None
            };
            types.push(ty);
        }
        let companies = types
            .iter()
            .filter(|t| **t == Some(EntityType::Company))
            .count();
        let others = types
            .iter()
            .filter(|t| t.is_some_and(|t| t != EntityType::Company))
            .count();
        if companies >= 2 && others == 0 {
            for (r, ty) in items.iter().flatten().zip(&types) {
                let w = &t[r.clone()];
                if ty.is_none()
                    && (3..=8).contains(&nchars(w))
                    && !LEX.generic.contains(w)
                    && !LEX.places.contains_key(w)
                    && has_proper(doc, r)
                {
                    push_near(out, &mut near, r.clone(), EntityType::Company);
                }
            }
        }
    }
}

/// Quoted brand names: `“咸金通”`, `“企业解忧码”` (a brand tail), `“银城大讲堂”`,
/// `“九二五厂”` (a company or project suffix of the lexicon).
fn quoted(doc: &Doc, out: &mut Vec<Candidate>) {
    let t = doc.text;
    // The quote marks from their positions in the character index: the
    // opening and closing ones (with line breaks) each in one list, in
    // order, read on as the scan goes (byte offsets).
    // (each character's positions are in order: merged, not sorted)
    let marks = |what: &[char]| {
        let lists: Vec<&[usize]> = what.iter().map(|&c| doc.index.positions(c)).collect();
        merge_sorted(&lists)
    };
    let (opens, closes) = (marks(&['“', '"']), marks(&['”', '"', '\n']));
    let (mut oi, mut ci) = (0, 0);
    // (byte offsets: the quote marks at `i` and `j`, the name between)
    let mut next = 0;
    loop {
        while opens.get(oi).is_some_and(|&p| p < next) {
            oi += 1;
        }
        let Some(&i) = opens.get(oi) else {
            break;
        };
        let s = i + t[i..].chars().next().map_or(0, char::len_utf8);
        while closes.get(ci).is_some_and(|&p| p < s) {
            ci += 1;
        }
        let Some(&j) = closes.get(ci) else {
            break;
        };
        let close = t[j..].chars().next().expect("a quote mark or line break");
        next = j + close.len_utf8();
        if close == '\n' {
            continue;
        }
        let (e, from) = (j, next);
        let w = &t[s..e];
        // (more than 40 bytes are more than 10 characters)
        let n = if w.len() <= 40 { nchars(w) } else { 11 };
        if !(3..=10).contains(&n)
            || !w.chars().all(is_cjk)
            || w.starts_with(['全', '千', '万', '百'])
        {
            continue;
        }
        let ty = if n <= 6
            && !w.starts_with(NUMERALS)
            && (w.ends_with(BRAND_TAILS)
                || ["APP", "App", "app", "平台", "小程序"]
                    .iter()
                    .any(|a| t[from..].starts_with(a)))
        {
            Some(EntityType::Project)
        } else {
            // the longest company or project suffix of the lexicon (the endings
            // of `w` after a core of 2 or more characters, longest first)
            w.char_indices().skip(2).find_map(|(k, _)| {
                LEX.suffixes
                    .get(&w[k..])
                    .map(|&(st, _)| st)
                    .filter(|st| matches!(st, EntityType::Company | EntityType::Project))
                    .filter(|_| !LEX.generic.contains(&w[..k]))
            })
        };
        let Some(ty) = ty else {
            continue;
        };
        // a phrase, not a name: led by a verb, numeral or attribute (共享园区, 省级...)
        // (tagged only now: most quotes are neither brands nor names)
        let lead = crate::engine::segment::tag(w);
        let lead_weak = lead.first().is_some_and(|t| {
            matches!(
                t.tag,
                "v" | "vn" | "vd" | "m" | "mq" | "d" | "a" | "ad" | "b" | "p" | "c" | "r"
            )
        });
        // (one unknown word is a name, whatever its tag: 临管柜)
        let lead_weak = lead_weak && !(lead.len() == 1 && unknown_word(w));
        if lead_weak && !(w.ends_with('厂') && w.starts_with(NUMERALS)) {
            continue;
        }
        let mut c = Candidate::entity(s..e, ty);
        c.priority = 5;
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::entities::tests::run;
    use crate::engine::model::EntityType;

    fn has(out: &[(String, EntityType)], s: &str, t: EntityType) -> bool {
        out.iter().any(|(x, y)| x == s && *y == t)
    }

    #[test]
    fn companies_in_a_list_of_companies() {
        let out = run("推进,华勃铝业、精研新能源、捷信达、御鼎新材料等一批工业项目。");
        for c in ["华勃铝业", "精研新能源", "捷信达", "御鼎新材料"] {
            assert!(has(&out, c, EntityType::Company), "{c}: {out:?}");
        }
        let out = run("引进湖南联创兴电子科技有限公司、江门全和电子有限公司,合同总投资13.2亿元。");
        assert!(
            has(&out, "江门全和电子有限公司", EntityType::Company),
            "{out:?}"
        );
    }

    #[test]
    fn a_list_of_generic_words_is_no_list_of_names() {
        let out = run("企业、高校、科研院所、金融机构等纷纷参与。");
        assert!(out.is_empty(), "{out:?}");
    }

    #[test]
    fn places_before_a_count_of_towns() {
        let out = run("工程;汀泗、向阳湖、官埠、马桥等4个乡镇工业园要紧盯目标。");
        for c in ["汀泗", "官埠", "马桥"] {
            assert!(has(&out, c, EntityType::Place), "{c}: {out:?}");
        }
    }

    #[test]
    fn quoted_brands() {
        let out = run("推出“企业解忧码”,开通“燃气管家热线”,打造“千万工程”。");
        assert!(has(&out, "企业解忧码", EntityType::Project), "{out:?}");
        assert!(has(&out, "燃气管家热线", EntityType::Project), "{out:?}");
        assert!(!out.iter().any(|(s, _)| s.contains("千万")), "{out:?}");
    }
}
