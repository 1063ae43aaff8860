//! Linking: short forms of company names used in the same article (信维电科 for
//! 信维电子科技(益阳)有限公司, 百兴公司 for 百兴消毒制品有限公司), and later mentions of a
//! name already found, all sharing a `group` with the full name.
use super::lexicon::LEX;
use super::{is_name_char, nchars, Doc};
use crate::engine::model::{Candidate, EntityType};
use crate::engine::text::starts_with_word;
use crate::engine::text::trie::{Builder, CharTrie};
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::sync::LazyLock;

/// Legal forms and generic heads stripped from a company name to get its core.
const LEGAL: &[&str] = &[
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "集团有限公司",
    "集团",
    "公司",
    "股份",
];
/// Industry words: stripped from the core; their first character can abbreviate them.
const INDUSTRY: &[&str] = &[
    "电子科技",
    "科技",
    "电子",
    "消毒制品",
    "制品",
    "能源",
    "天然气",
    "新能源",
    "新材料",
    "材料",
    "智能",
    "电器",
    "碳素",
    "工程管理咨询",
    "管理咨询",
    "咨询",
    "工程",
    "实业",
    "贸易",
    "投资",
    "发展",
    "建设",
    "置业",
    "物流",
    "供应链",
    "环保",
    "生物",
    "医药",
    "农业",
    "食品",
    "机械",
    "汽车",
    "铝业",
    "金属",
    "光电",
    "信息",
    "技术",
    "网络",
    "电气",
    "再生资源",
    "资源",
    "文化",
    "旅游",
    "传媒",
    "控股",
    "建材",
    "化工",
    "纺织",
    "服饰",
    "模具",
];

/// `INDUSTRY` read from the end (each entry with its index): the industry
/// words that end a text, found by walking back from its end.
static INDUSTRY_BACK: LazyLock<CharTrie<usize>> = LazyLock::new(|| {
    let mut b = Builder::default();
    for (i, w) in INDUSTRY.iter().enumerate() {
        *b.slot(w.chars().rev()) = Some(i);
    }
    b.build()
});

pub fn extract(doc: &Doc, out: &mut Vec<Candidate>) {
    let lex = &*LEX;
    // (the names and stems are slices of the text; only the short forms made
    // up are owned: each name is no longer copied twice, as key and group.
    // A key hashes as its text, owned or not: the map and its order are those
    // of a map of owned strings)
    let mut forms: HashMap<Cow<str>, (EntityType, &str)> = HashMap::default();
    for c in out.iter() {
        let t = c.etype.unwrap();
        let name = &doc.text[c.range.clone()];
        if t == EntityType::Company {
            for f in short_forms(name) {
                forms.entry(Cow::Owned(f)).or_insert((t, name));
            }
        }
        // a project named again without its generic head (太乙温泉项目 -> 太乙温泉)
        if t == EntityType::Project {
            for head in ["项目", "工程"] {
                if let Some(stem) = name.strip_suffix(head) {
                    if nchars(stem) >= 4 && !lex.places.contains_key(stem) {
                        forms.entry(Cow::Borrowed(stem)).or_insert((t, name));
                    }
                }
            }
        }
        if matches!(
            t,
            EntityType::Company | EntityType::Person | EntityType::Project | EntityType::Org
        ) && nchars(name) >= 2
        {
            forms.entry(Cow::Borrowed(name)).or_insert((t, name));
        }
    }
    // group the found candidates too
    for c in out.iter_mut() {
        if c.group.is_none() {
            if let Some((_, g)) = forms.get(&doc.text[c.range.clone()]) {
                c.group = Some(g.to_string());
            }
        }
    }
    // (the forms borrow the text, not `out`: the short forms found are
    // pushed onto `out` in place, in the order they were collected in)
    for (f, (t, g)) in &forms {
        // a two-character dictionary word (电子, 信息) is no short form
        // (`g` is the group of `f` in `forms`; the cheap tests first)
        let common = *t == EntityType::Company
            && nchars(f) == 2
            && *g != &**f
            && crate::engine::segment::is_word(f);
        if common || LEX.generic.contains(f) || lex.places.contains_key(&**f) {
            continue;
        }
        for s in occurrences(doc, f) {
            let e = s + f.len();
            // a short form needs word edges: a token boundary or a non-name character
            let left = doc.bound[s] || !doc.char_before(s).is_some_and(is_name_char);
            if !left {
                continue;
            }
            let mut c = Candidate::entity(s..e, *t);
            c.group = Some(g.to_string());
            c.priority = 1;
            out.push(c);
        }
    }
}

/// The byte offsets of the non-overlapping occurrences of `f` (not empty) in
/// the text, in order, as `text.match_indices(f)`. Every occurrence holds
/// each character of `f`, so the places of its rarest character in the text
/// (from the character index) are where to look: the first characters of
/// names are often common (市, 县, 湖), the other ones seldom all are.
fn occurrences<'a>(doc: &'a Doc, f: &'a str) -> impl Iterator<Item = usize> + 'a {
    // (`k`: the byte offset of the rarest character in `f`)
    let (k, at) = f
        .char_indices()
        .map(|(k, c)| (k, doc.index.positions(c)))
        .min_by_key(|(_, at)| at.len())
        .unwrap_or((0, &[]));
    let text = doc.text;
    let mut free = 0;
    at.iter().filter_map(move |&p| {
        // (`text[s..]` starting with `f` starts with a character: `s` is
        // where one starts)
        let s = p.checked_sub(k).filter(|&s| s >= free)?;
        if text.is_char_boundary(s) && starts_with_word(&text[s..], f) {
            free = s + f.len();
            Some(s)
        } else {
            None
        }
    })
}

/// Short forms of a company's full name: the core without place, legal form and industry
/// words, plus combinations (core + industry initials, core + 公司/集团/股份).
pub(crate) fn short_forms(full: &str) -> Vec<String> {
    let lex = &*LEX;
    let mut core = full.to_string();
    // parenthesised place
    while let (Some(a), Some(b)) = (core.find('('), core.find(')')) {
        if a < b {
            core.replace_range(a..b + 1, "");
        } else {
            break;
        }
    }
    let mut legal = "";
    for l in LEGAL {
        if let Some(x) = core.strip_suffix(l) {
            legal = l;
            core = x.to_string();
            break;
        }
    }
    // leading place: the longest place of 2 to n - 2 characters that starts
    // the core (one walk of the lexicon's trie, whose entries with a place are
    // exactly the keys of `places`, instead of one hash per length)
    let mut place = 0;
    lex.known.each_prefix(
        core.chars().take(nchars(&core).saturating_sub(2)),
        |len, k| {
            if len >= 2 && k.place.is_some() {
                place = len;
            }
        },
    );
    if place > 0 {
        let b: usize = core.chars().take(place).map(char::len_utf8).sum();
        core = core[b..].to_string();
    }
    // trailing industry words: of those ending the core and shorter than it
    // by two characters or more, the first in `INDUSTRY` (found by walking
    // back from the end of the core, where each of the words was tried)
    let mut inds: Vec<&str> = Vec::new();
    loop {
        let n = nchars(&core);
        let mut first = usize::MAX;
        INDUSTRY_BACK.each_prefix(core.chars().rev(), |len, &i| {
            if n > len + 1 {
                first = first.min(i);
            }
        });
        let Some(w) = INDUSTRY.get(first) else {
            break;
        };
        core.truncate(core.len() - w.len());
        inds.insert(0, w);
    }
    let mut out = Vec::new();
    if nchars(&core) < 2 || full == core {
        return out;
    }
    let _ = legal;
    // (`core` + an ending, without the formatting machinery)
    let with = |end: &str| [core.as_str(), end].concat();
    if !inds.is_empty() {
        out.push(with(inds[0]));
        let initials: String = inds.iter().flat_map(|w| w.chars().take(1)).collect();
        let first_two: String = inds[0].chars().step_by(2).collect();
        if nchars(&initials) >= 2 {
            out.push(with(&initials));
        }
        if nchars(inds[0]) == 4 {
            out.push(with(&first_two));
        }
    }
    for l in ["公司", "集团", "股份"] {
        out.push(with(l));
    }
    out.push(core);
    out.retain(|f| f != full);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_forms_of_a_company() {
        let f = short_forms("信维电子科技(益阳)有限公司");
        assert!(f.contains(&"信维电科".to_string()), "{f:?}");
        assert!(f.contains(&"信维".to_string()), "{f:?}");
        let f = short_forms("湖南金博碳素股份有限公司");
        assert!(f.contains(&"金博股份".to_string()), "{f:?}");
        assert!(f.contains(&"金博碳素".to_string()), "{f:?}");
    }
}
