//! Named entities (ANNOTATION_GUIDE.md §2): places, organisations, companies, people,
//! projects and documents.
//!
//! Rules do the work; jieba's tokens give word boundaries and its tags are only used
//! as supporting evidence:
//! - [`places`]: the gazetteer of administrative divisions (full and short forms),
//!   lexicon names, and places found by suffix (镇, 乡, 村, 山, 湖 ...).
//! - [`names`]: organisations, companies and projects found by their suffix
//!   (有限公司, 集团, 指挥部, 产业园, 项目 ...) with a specific modifier to the left,
//!   and government bodies built from a place or level character plus a body
//!   (市委, 区财政局, 省生态环境厅, 市委宣传部).
//! - [`people`]: names next to titles (市长熊炜, 负责人张庆堂) and in bylines.
//! - [`link`]: short forms of company names used later in the same article
//!   (信维电科 for 信维电子科技(益阳)有限公司) and repeated mentions, with a shared `group`.
//!
//! The output may overlap; [`crate::engine::resolve`] keeps the longest reading.
pub mod lexicon;
mod link;
mod lists;
mod names;
mod people;
mod places;

use super::model::{Candidate, EntityType};
use super::segment::Token;
use super::text::CharFlags;
use super::Context;

/// The text with per-character and per-token indexes, shared by the extractors.
pub(crate) struct Doc<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    /// Byte offset of every character (plus the end).
    pub offs: &'a [usize],
    /// Every character (`chars[i]` starts at `offs[i]`), decoded once for the
    /// per-character scans.
    pub chars: &'a [char],
    /// `offs` and `chars` with the positions of every character.
    pub index: &'a crate::engine::CharIndex,
    /// For every byte offset: is it a token boundary.
    pub bound: Vec<bool>,
    /// The characters where a place or name of the lexicon starts, in order,
    /// with the longest ones (one walk of the trie per such character, for
    /// the extractors that look; [`Doc::known_at`] for the others).
    pub known: Vec<(u32, KnownAt)>,
    /// The characters where `names::bodies` looks, in order, with the
    /// longest place starting there (0: none): the start of a place, `国`, a
    /// level character, or a token start where a body of the lexicon may
    /// start. (Nothing is found at the others.)
    pub body_at: Vec<(u32, u16)>,
    /// The character indexes (ends) after which a token ends with the last
    /// character of a suffix of the lexicon, in order: where `names::by_suffix`
    /// looks.
    pub suffix_ends: Vec<u32>,
    /// The characters that end a token and may end a title, in order: the
    /// tokens `people` looks at.
    pub title_ends: Vec<u32>,
    /// The province abbreviations (`places::PROVINCE_ABBRS`), in order.
    pub abbrs: Vec<u32>,
}

/// The longest entries of [`lexicon::Lexicons::known`] of two or more
/// characters that start at a character, in characters (0: none).
#[derive(Clone, Copy, Default)]
pub(crate) struct KnownAt {
    /// A place or a name.
    pub any: u16,
    /// A place.
    pub place: u16,
    /// A full place name (not a short form).
    pub full: u16,
}

/// [`char_flags`]: the character starts an entry of [`lexicon::Lexicons::known`].
const KNOWN: u8 = 1;
/// ... starts a body of [`lexicon::Lexicons::body_trie`].
const BODY: u8 = 2;
/// ... is `国` or a level character (`names::LEVEL_SET`).
const LEVEL: u8 = 4;
/// ... ends a suffix of [`lexicon::Lexicons::suffixes`].
const SUFFIX_END: u8 = 8;
/// ... may end a title ([`lexicon::Lexicons::title_ends`]).
const TITLE_END: u8 = 16;
/// ... is a province abbreviation (`places::PROVINCE_ABBRS`).
const ABBR: u8 = 32;

/// What a character may start or end, for the pass of [`Doc::new`]: one
/// lookup where six tests of sets and tables were made at every character.
/// (`table` is [`CHAR_FLAGS`], looked up once by the caller.)
fn char_flags(table: &CharFlags, c: char) -> u8 {
    table.get(c).unwrap_or_else(|| flags_of(c))
}

/// [`char_flags`] of every character of the Basic Multilingual Plane (from
/// the entries of the lexicons: [`flags_of`] for each of the 65,536 would be a
/// noticeable part of the start-up).
static CHAR_FLAGS: std::sync::LazyLock<CharFlags> = std::sync::LazyLock::new(|| {
    let lex = &*lexicon::LEX;
    let mut t = CharFlags::default();
    let mut set = |c: Option<char>, flag: u8| {
        if let Some(c) = c {
            t.set(c, flag);
        }
    };
    for w in lex.places.keys().chain(lex.names.keys()) {
        set(w.chars().next(), KNOWN);
    }
    for w in &lex.bodies {
        set(w.chars().next(), BODY);
    }
    for c in names::LEVELS.chars().chain(['国']) {
        set(Some(c), LEVEL);
    }
    for w in lex.suffixes.keys() {
        set(w.chars().next_back(), SUFFIX_END);
    }
    let title_tails = people::TITLE_TAIL_ENDS.iter().copied();
    for c in lex
        .titles
        .iter()
        .filter_map(|w| w.chars().next_back())
        .chain(title_tails)
    {
        set(Some(c), TITLE_END);
    }
    for c in places::PROVINCE_ABBR.chars() {
        set(Some(c), ABBR);
    }
    t
});

fn flags_of(c: char) -> u8 {
    let lex = &*lexicon::LEX;
    let mut f = 0;
    for (yes, flag) in [
        (lex.known.starts(c), KNOWN),
        (lex.body_trie.starts(c), BODY),
        (c == '国' || names::LEVEL_SET.contains(c), LEVEL),
        (lex.suffixes_back.starts(c), SUFFIX_END),
        (lex.title_ends.maybe(c), TITLE_END),
        (places::PROVINCE_ABBRS.contains(c), ABBR),
    ] {
        if yes {
            f |= flag;
        }
    }
    f
}

impl<'a> Doc<'a> {
    pub fn new(ctx: &Context<'a>) -> Self {
        let (text, tokens) = (ctx.text, ctx.tokens);
        // (the tokens cover the text in order: each ends where the next
        // starts, or at the end of the text)
        let mut bound = vec![false; text.len() + 1];
        bound[0] = true;
        bound[text.len()] = true;
        for t in tokens {
            bound[t.range.start] = true;
        }
        let (chars, offs) = (&ctx.chars.chars[..], &ctx.chars.offs[..]);
        let lex = &*lexicon::LEX;
        let (mut known, mut body_at, mut suffix_ends, mut title_ends, mut abbrs) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        // One pass over the characters for every per-character scan of the
        // extractors: each notes the few characters where it may find something
        // (one look at the character's flags says no at most; the first two
        // characters, at most of the rest).
        let flags = &*CHAR_FLAGS;
        for (i, &a) in chars.iter().enumerate() {
            let f = char_flags(flags, a);
            if f == 0 {
                continue;
            }
            let next = chars.get(i + 1).copied();
            let mut k = KnownAt::default();
            if f & KNOWN != 0 && next.is_some_and(|b| lex.known.may_start(a, b)) {
                lex.known.each_prefix(chars[i..].iter().copied(), |len, v| {
                    if len >= 2 {
                        let len = len as u16;
                        k.any = len;
                        if let Some(p) = &v.place {
                            k.place = len;
                            if p.is_full {
                                k.full = len;
                            }
                        }
                    }
                });
                if k.any != 0 {
                    known.push((i as u32, k));
                }
            }
            // (a body alone has three or more characters)
            if k.place != 0
                || f & LEVEL != 0
                || f & BODY != 0
                    && next.is_some_and(|b| lex.body_trie.may_start(a, b))
                    && bound[offs[i]]
            {
                body_at.push((i as u32, k.place));
            }
            if f & (SUFFIX_END | TITLE_END) != 0 && bound[offs[i + 1]] {
                if f & SUFFIX_END != 0 {
                    suffix_ends.push(i as u32 + 1);
                }
                if f & TITLE_END != 0 {
                    title_ends.push(i as u32);
                }
            }
            if f & ABBR != 0 {
                abbrs.push(i as u32);
            }
        }
        Doc {
            text,
            tokens,
            offs,
            chars,
            index: ctx.chars,
            bound,
            known,
            body_at,
            suffix_ends,
            title_ends,
            abbrs,
        }
    }
    /// The entries of the lexicon starting at character `i` (see [`Doc::known`]).
    pub fn known_at(&self, i: usize) -> KnownAt {
        let k = self.known.partition_point(|&(j, _)| (j as usize) < i);
        match self.known.get(k) {
            Some(&(j, at)) if j as usize == i => at,
            _ => KnownAt::default(),
        }
    }
    /// Index of the token that contains byte `b` (the one starting at or before it).
    pub fn token_of(&self, b: usize) -> usize {
        self.tokens
            .partition_point(|t| t.range.start <= b)
            .saturating_sub(1)
    }
    pub fn char_before(&self, b: usize) -> Option<char> {
        self.text[..b].chars().next_back()
    }
    pub fn char_after(&self, b: usize) -> Option<char> {
        self.text[b..].chars().next()
    }
}

pub(crate) fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// Characters that may appear inside a name.
pub(crate) fn is_name_char(c: char) -> bool {
    is_cjk(c) || c.is_ascii_alphanumeric() || matches!(c, '(' | ')' | '·')
}

pub(crate) fn nchars(s: &str) -> usize {
    s.chars().count()
}

/// The positions of a few lists, each in order (as [`crate::engine::CharIndex::positions`]
/// gives them), in one list in order: merged two lists at a time, rather than
/// concatenated and sorted.
pub(crate) fn merge_sorted(lists: &[&[usize]]) -> Vec<usize> {
    lists.iter().fold(Vec::new(), |all, l| merge_two(&all, l))
}

/// Two lists in order, merged (one comparison per position).
fn merge_two(a: &[usize], b: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] <= b[j] {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

pub fn extract(ctx: &Context) -> Vec<Candidate> {
    let doc = Doc::new(ctx);
    // The candidates are large and the vector grew by doubling, copying them
    // each time: room for about as many as there are places where the
    // extractors look (known entries, suffixes, titles) from the start.
    let mut out = Vec::with_capacity(
        doc.known.len() + doc.suffix_ends.len() + doc.title_ends.len() + doc.abbrs.len(),
    );
    places::extract(&doc, &mut out);
    names::extract(&doc, &mut out);
    people::extract(&doc, &mut out);
    lists::extract(&doc, &mut out);
    documents(&doc, &mut out);
    link::extract(&doc, &mut out);
    out.retain(|c| !c.is_empty());
    out
}

/// Titles in 《》: a `document`, the span without the brackets.
fn documents(doc: &Doc, out: &mut Vec<Candidate>) {
    let t = doc.text;
    // (the brackets and line breaks from the character index, as the searches
    // `t[from..].find('《')` and `t[s..].find(['》', '\n'])`)
    let (opens, closes, breaks) = (
        doc.index.positions('《'),
        doc.index.positions('》'),
        doc.index.positions('\n'),
    );
    let first_from = |ps: &[usize], from: usize| ps.get(ps.partition_point(|&p| p < from)).copied();
    let mut from = 0;
    while let Some(i) = first_from(opens, from) {
        let s = i + '《'.len_utf8();
        let Some(e) = [first_from(closes, s), first_from(breaks, s)]
            .into_iter()
            .flatten()
            .min()
        else {
            break;
        };
        if t[e..].starts_with('》') && e > s && nchars(&t[s..e]) <= 60 {
            let mut c = Candidate::entity(s..e, EntityType::Document);
            c.priority = 5;
            out.push(c);
        }
        from = e;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::segment;

    pub(crate) fn run(text: &str) -> Vec<(String, EntityType)> {
        let tokens = segment::tag(text);
        let chars = crate::engine::CharIndex::new(text);
        let ctx = Context {
            text,
            tokens: &tokens,
            chars: &chars,
        };
        let flat = crate::engine::resolve::flatten(extract(&ctx));
        flat.into_iter()
            .map(|c| (text[c.range].to_string(), c.etype.unwrap()))
            .collect()
    }

    /// The table of flags, built from the entries, says what the tests say.
    #[test]
    fn char_flags_table_is_the_tests() {
        for u in 0..0x10000 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(CHAR_FLAGS.get(c), Some(flags_of(c)), "{c:?}");
            }
        }
    }

    #[test]
    fn merge_sorted_is_concatenated_and_sorted() {
        let got = merge_sorted(&[&[1, 5, 9], &[], &[2, 3, 10], &[0]]);
        assert_eq!(got, [0, 1, 2, 3, 5, 9, 10]);
        assert!(merge_sorted(&[]).is_empty());
    }

    fn has(out: &[(String, EntityType)], s: &str, t: EntityType) -> bool {
        out.iter().any(|(x, y)| x == s && *y == t)
    }

    #[test]
    fn company_with_parenthesised_place_is_one_span() {
        let out = run("信维电子科技(益阳)有限公司负责人张庆堂记得,信维电科进展顺利。");
        assert!(
            has(&out, "信维电子科技(益阳)有限公司", EntityType::Company),
            "{out:?}"
        );
        assert!(has(&out, "张庆堂", EntityType::Person), "{out:?}");
        assert!(has(&out, "信维电科", EntityType::Company), "{out:?}");
    }

    #[test]
    fn places_orgs_and_generic_references() {
        let out =
            run("湖北省咸宁市和咸安区财政局、市委宣传部表示,该项目和全区的重点项目进展顺利。");
        assert!(has(&out, "湖北省", EntityType::Place), "{out:?}");
        assert!(has(&out, "咸宁市", EntityType::Place), "{out:?}");
        assert!(has(&out, "咸安区财政局", EntityType::Org), "{out:?}");
        assert!(has(&out, "市委宣传部", EntityType::Org), "{out:?}");
        assert!(!out.iter().any(|(s, _)| s.contains("项目")), "{out:?}");
    }

    #[test]
    fn names_without_legal_form() {
        let out = run("官新高速建成通车,园区对欣达产业园采取措施。13日,鄂旅投公司与咸安区签约。");
        assert!(has(&out, "官新高速", EntityType::Project), "{out:?}");
        assert!(has(&out, "欣达产业园", EntityType::Project), "{out:?}");
        assert!(has(&out, "鄂旅投公司", EntityType::Company), "{out:?}");
    }

    #[test]
    fn generic_projects_are_not_names() {
        let out = run("实施技改项目61个,益阳市创新投资项目审批,抓实项目建设,在武汉园区研发。");
        assert!(
            !out.iter().any(|(_, t)| *t == EntityType::Project),
            "{out:?}"
        );
        assert!(has(&out, "武汉", EntityType::Place), "{out:?}");
    }

    #[test]
    fn places_by_suffix_are_not_common_words() {
        let out = run("新创建省级森林城镇1个,完成非煤矿山生态修复,一河三山建设,淦河中下游整治。");
        assert!(out.iter().all(|(s, _)| s == "淦河"), "{out:?}");
    }

    #[test]
    fn subsidiaries_areas_and_transport() {
        let out = run(
            "武汉中燃能源集团黄冈中燃天然气有限公司迅速组建专班。洞口水片区棚户区改造工程竣工,广湛高铁加快建设。",
        );
        assert!(
            has(&out, "武汉中燃能源集团", EntityType::Company),
            "{out:?}"
        );
        assert!(
            has(&out, "黄冈中燃天然气有限公司", EntityType::Company),
            "{out:?}"
        );
        assert!(
            has(&out, "洞口水片区棚户区改造工程", EntityType::Project),
            "{out:?}"
        );
        assert!(has(&out, "广湛高铁", EntityType::Project), "{out:?}");
        let out = run("启动老旧小区改造项目,全县共有行政村128个。");
        assert!(out.is_empty(), "{out:?}");
    }

    #[test]
    fn people_next_to_titles() {
        let out = run("企业财务主管颜世平点赞。副总经理欧阳明日表示,盛泽镇党委书记沈建华说。");
        assert!(has(&out, "颜世平", EntityType::Person), "{out:?}");
        assert!(has(&out, "欧阳明日", EntityType::Person), "{out:?}");
        assert!(has(&out, "沈建华", EntityType::Person), "{out:?}");
        assert!(!has(&out, "盛泽镇", EntityType::Person), "{out:?}");
    }

    #[test]
    fn photo_credit() {
        let out = run("园区开园仪式现场。孙毅 摄\n园区");
        assert!(has(&out, "孙毅", EntityType::Person), "{out:?}");
    }

    #[test]
    fn documents_without_brackets() {
        let out = run("印发《关于开展执行力提升年行动方案》。");
        assert!(
            has(&out, "关于开展执行力提升年行动方案", EntityType::Document),
            "{out:?}"
        );
    }
}

/// Debug aid: `PIZHU_DBG=text cargo test --lib entities::dbg -- --nocapture` prints
/// the tokens and the entities of the text.
#[cfg(test)]
mod dbg {
    #[test]
    fn dbg() {
        let Ok(text) = std::env::var("PIZHU_DBG") else {
            return;
        };
        for line in text.split('|') {
            let toks = crate::engine::segment::tag(line);
            let t: Vec<String> = toks
                .iter()
                .map(|t| {
                    let w = &line[t.range.clone()];
                    let k = if crate::engine::segment::is_word(w) {
                        ""
                    } else {
                        "?"
                    };
                    format!("{w}/{}{k}", t.tag)
                })
                .collect();
            println!("{}", t.join(" "));
            println!("{:?}", super::tests::run(line));
        }
    }
}
