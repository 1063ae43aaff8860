//! Policy slogans (ANNOTATION_GUIDE.md §3).
//!
//! Sources of evidence, all hand-written scanners over the analysis view:
//!
//! 1. **Quoted phrases** (`“七证同发”`, `「首善之区」`, `"保供+防疫"`): the span
//!    is the phrase without its quotes. A quoted run is kept when it looks
//!    like a name or a formula and dropped when it looks like speech (a
//!    clause with sentence punctuation, after `：` or `说`, followed by
//!    `……说`), an ordinary dictionary word used as a metaphor (`“钱袋子”`),
//!    a single character or two-character word (`“稳”`, `“加法”`), a time
//!    (`“十四五”`), or part of a document title (`《关于开展“执行力提升年”
//!    行动方案》` is one document entity).
//! 2. **The lexicon** `data/slogans.txt`: national and provincial slogans
//!    that recur across articles, matched anywhere.
//! 3. **Number-led formulas** without quotes: numeral + X + numeral + Y
//!    (`三抓一优`, `一区六园`, `一企一策`, `三高四新`), unless jieba knows the
//!    four characters as an ordinary idiom (`一心一意`).
//! 4. **Campaign names**: `…提升年`, `…攻坚年` and `…2023行动`.
//! 5. **Parallel chains** joined by `、` whose items share a numeral affix
//!    (`1月一督办、1月一通报、1月一排名`, `淘汰一批、供地一批、收缴一批`).
//! 6. **Repeats**: a slogan found once (quoted, or by rule) is found again
//!    where the same phrase recurs without quotes.
use super::entities::lexicon::PairIndex;
use super::model::{Candidate, Kind};
use super::segment::Token;
use super::text::{ends_with_word, has_char, starts_with_word, CharFlags, CharSet};
use super::time;
use super::{Context, START_SLOGAN};
use rustc_hash::FxHashSet;
use std::sync::LazyLock;

/// The embedded lexicon (see the header of `data/slogans.txt`).
const LEXICON_SRC: &str = include_str!("../../data/slogans.txt");

struct Lexicon {
    /// Entries as char vectors, for matching on the char array.
    entries: FxHashSet<String>,
    /// The entries by their first two characters.
    starts: PairIndex,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let entries = parse_lexicon(LEXICON_SRC).unwrap_or_else(|e| panic!("data/slogans.txt: {e}"));
    let mut starts = PairIndex::default();
    for e in &entries {
        starts.add(e);
    }
    Lexicon {
        entries: entries.into_iter().collect(),
        starts,
    }
});

/// Parses a lexicon file: one entry per line, `#` comments, blank lines
/// ignored. A bad line (spaces or quotes inside, too short or too long) is
/// an error naming its line number.
pub fn parse_lexicon(src: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for (no, line) in src.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let n = line.chars().count();
        let bad = line
            .chars()
            .any(|c| c.is_whitespace() || "“”\"'‘’「」『』《》#".contains(c) || c.is_ascii_digit());
        if bad || !(2..=30).contains(&n) {
            return Err(format!("line {}: bad entry {line:?}", no + 1));
        }
        out.push(line.to_string());
    }
    Ok(out)
}

pub fn extract(ctx: &Context) -> Vec<Candidate> {
    let d = Doc::new(ctx);
    // (start char, end char)
    let mut found: Vec<(usize, usize)> = Vec::new();
    d.quoted(&mut found);
    d.lexicon(&mut found);
    d.formulas(&mut found);
    d.campaigns(&mut found);
    d.chains(&mut found);
    d.repeats(&mut found);
    // (equal pairs are alike: the unstable sort gives the same order)
    found.sort_unstable();
    found.dedup();
    found
        .into_iter()
        .map(|(s, e)| Candidate::new(d.byte(s)..d.byte(e), Kind::Slogan))
        .collect()
}

/// Opening quote → closing quote.
const QUOTES: &[(char, char)] = &[
    ('“', '”'),
    ('「', '」'),
    ('『', '』'),
    ('‘', '’'),
    ('"', '"'),
    ('\'', '\''),
];

fn is_numeral(c: char) -> bool {
    static SET: LazyLock<CharSet> =
        LazyLock::new(|| CharSet::new("一二两三四五六七八九十百千万双"));
    c.is_ascii_digit() || SET.contains(c)
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Measure and time words: `一年一度`, `三个一批` are not numeral+X formulas.
fn is_measure(c: char) -> bool {
    static SET: LazyLock<CharSet> = LazyLock::new(|| {
        CharSet::new(
            "个年月日天季周次名家位只条件项批种期点时分秒人元亿万千百十岁倍成层届轮份台辆套所座栋户场类股代",
        )
    });
    SET.contains(c)
}

/// Verbs and particles after which a quoted phrase is someone's words.
const SPEECH_BEFORE: &[&str] = &[
    "说",
    "表示",
    "坦言",
    "指出",
    "强调",
    "感叹",
    "介绍",
    "认为",
    "称",
    "道",
    "告诉记者",
    "笑着说",
];
const SPEECH_AFTER: &[&str] = &[
    "说", "表示", "坦言", "介绍", "感叹", "告诉", "笑着", "感慨", "称", "直言", "回忆",
];

/// Words after a quoted phrase that say it names a programme or a method.
const HEAD_AFTER: &[&str] = &[
    "行动",
    "工程",
    "改革",
    "模式",
    "机制",
    "理念",
    "经验",
    "品牌",
    "活动",
    "战略",
    "服务",
    "工作法",
    "目标",
    "方式",
    "方案",
    "建设",
    "计划",
    "体系",
    "读书会",
    "格局",
    "引擎",
    "蓝图",
    "原则",
    "精神",
    "举措",
    "政策",
    "试点",
    "专项",
    "要求",
    "路径",
    "思路",
    "做法",
    "战役",
    "攻坚",
    "改革",
];

/// The last characters of [`SPEECH_BEFORE`], the first of [`HEAD_AFTER`] and
/// the last of [`ENTITY_END`]: where the character at hand is none of them,
/// no word of the list is tried.
static SPEECH_LAST: LazyLock<CharSet> = LazyLock::new(|| last_chars(SPEECH_BEFORE));
/// The first characters of [`SPEECH_AFTER`].
static SPEECH_FIRSTS: LazyLock<CharSet> = LazyLock::new(|| {
    CharSet::new(
        &SPEECH_AFTER
            .iter()
            .filter_map(|w| w.chars().next())
            .collect::<String>(),
    )
});
static HEAD_FIRSTS: LazyLock<CharSet> = LazyLock::new(|| {
    CharSet::new(
        &HEAD_AFTER
            .iter()
            .filter_map(|w| w.chars().next())
            .collect::<String>(),
    )
});
static ENTITY_LAST: LazyLock<CharSet> = LazyLock::new(|| last_chars(ENTITY_END));

fn last_chars(words: &[&str]) -> CharSet {
    CharSet::new(
        &words
            .iter()
            .filter_map(|w| w.chars().next_back())
            .collect::<String>(),
    )
}

/// Endings that make a place-led quoted phrase a model or a method to copy
/// (`晋江经验`, `深圳速度`), not a product named by its place.
const MODEL_END: &[&str] = &[
    "速度", "样板", "标准", "效率", "之治", "实践", "样本", "温度", "品质", "方案",
];

/// `phrase` is a gazetteer place (full or short form) followed by a name that
/// is no model or method: `通城两头乌`, `平江酱干`, `修水皇菊`.
fn place_named(phrase: &str) -> bool {
    let lex = &*super::entities::lexicon::LEX;
    // The places of 2 characters or more (no longer than the longest place
    // of the gazetteer) that leave 2 characters or more after them: only
    // those prefixes are looked up (each look-up hashes the prefix).
    let n = phrase.chars().count();
    let top = lex.place_max.min(n.saturating_sub(2));
    phrase
        .char_indices()
        .skip(2)
        .take(top.saturating_sub(1))
        .any(|(b, _)| {
            let (place, rest) = phrase.split_at(b);
            lex.places.contains_key(place)
                && !HEAD_AFTER
                    .iter()
                    .chain(MODEL_END)
                    .any(|w| ends_with_word(rest, w))
        })
}

/// Quoted terms that are well known and are not slogans (meetings).
const NOT_SLOGANS: &[&str] = &["两会", "三会", "两代会"];

/// Endings of names of places, bodies and facilities: entities, not slogans.
const ENTITY_END: &[&str] = &[
    "医院",
    "热线",
    "平台",
    "厂",
    "大讲堂",
    "公司",
    "集团",
    "中心",
    "街区",
    "系统",
    "小区",
    "学校",
    "大学",
    "银行",
    "协会",
    "委员会",
    "办公室",
    "局",
    "都市圈",
    "城市群",
    "贷",
];

/// Endings of campaign names (`…提升年`).
const YEAR_SUFFIX: &[&str] = &[
    "提升年",
    "攻坚年",
    "推进年",
    "落实年",
    "建设年",
    "突破年",
    "深化年",
    "效能年",
    "服务年",
    "创新年",
    "质量年",
    "作风年",
    "攻坚战年",
];

struct Doc<'a> {
    text: &'a str,
    tokens: &'a [Token],
    /// Byte offset of every character of `text` (plus its length).
    offs: &'a [usize],
    chars: &'a [char],
    /// `offs` and `chars` with the positions of every character.
    index: &'a crate::engine::CharIndex,
    n: usize,
    /// Char ranges of document titles `《…》` (quotes inside are part of the title).
    titles: Vec<(usize, usize)>,
    /// Where each scan may start (char indices, in order), from one pass over
    /// the characters (see [`Marks`]).
    marks: Marks,
}

/// The char indices where the scans of this module may start: most
/// characters of a text start none, and one table look-up per character (in
/// [`Doc::new`]) replaces a pass of every scan over all of them.
#[derive(Default)]
struct Marks {
    /// Opening quotes ([`QUOTES`]).
    opens: Vec<usize>,
    /// `《`.
    titles: Vec<usize>,
    /// Chinese numerals (the first character of a formula).
    numerals: Vec<usize>,
    /// First characters of lexicon entries.
    lexicon: Vec<usize>,
    /// First characters of campaign endings (and `行` of `…2023行动`).
    campaigns: Vec<usize>,
    /// `、` (a list in a clause).
    commas: Vec<usize>,
}

const M_OPEN: u8 = 1;
const M_TITLE: u8 = 2;
const M_NUMERAL: u8 = 4;
const M_LEXICON: u8 = 8;
const M_CAMPAIGN: u8 = 16;
const M_COMMA: u8 = 32;

/// The marks of every character of the BMP ([`Marks`]); a character beyond
/// the BMP is marked as a possible lexicon start only (as the lexicon's
/// index of first characters says "maybe" for every such character).
static MARKS: LazyLock<CharFlags> = LazyLock::new(|| {
    let mut t = CharFlags::default();
    each_mark(|c, m| t.set(c, m));
    t
});

/// Calls `mark` with every character of the BMP that has a mark of
/// [`Marks`] and the mark (for [`MARKS`], and for the engine's
/// [`crate::engine::CharIndex::next_start`]).
pub(crate) fn each_mark(mut mark: impl FnMut(char, u8)) {
    for &(o, _) in QUOTES {
        mark(o, M_OPEN);
    }
    mark('《', M_TITLE);
    for c in "一二两三四五六七八九十百千万双".chars() {
        debug_assert!(is_numeral(c) && !c.is_ascii_digit());
        mark(c, M_NUMERAL);
    }
    for e in &LEXICON.entries {
        if let Some(c) = e.chars().next() {
            mark(c, M_LEXICON);
        }
    }
    for c in YEAR_SUFFIX.iter().filter_map(|s| s.chars().next()) {
        mark(c, M_CAMPAIGN);
    }
    mark('行', M_CAMPAIGN);
    mark('、', M_COMMA);
}

impl<'a> Doc<'a> {
    fn new(ctx: &Context<'a>) -> Self {
        let n = ctx.chars.chars.len();
        let table = &*MARKS;
        let mut marks = Marks::default();
        // (the characters with a mark, from the engine's pass over them)
        let mut from = 0;
        while let Some(i) = ctx.chars.next_start(from, START_SLOGAN) {
            from = i + 1;
            let m = table.get(ctx.chars.chars[i]).unwrap_or(M_LEXICON);
            if m == 0 {
                continue;
            }
            // (one test a mark, written out: a loop over (bit, list) pairs
            // built its array again at every marked character)
            if m & M_OPEN != 0 {
                marks.opens.push(i);
            }
            if m & M_TITLE != 0 {
                marks.titles.push(i);
            }
            if m & M_NUMERAL != 0 {
                marks.numerals.push(i);
            }
            if m & M_LEXICON != 0 {
                marks.lexicon.push(i);
            }
            if m & M_CAMPAIGN != 0 {
                marks.campaigns.push(i);
            }
            if m & M_COMMA != 0 {
                marks.commas.push(i);
            }
        }
        let mut d = Doc {
            text: ctx.text,
            tokens: ctx.tokens,
            offs: &ctx.chars.offs,
            chars: &ctx.chars.chars,
            index: ctx.chars,
            n,
            titles: Vec::new(),
            marks,
        };
        // (from every `《` not inside a title found before it)
        let mut free = 0;
        for &i in &d.marks.titles {
            if i < free {
                continue;
            }
            if let Some(j) = (i + 1..n.min(i + 80)).find(|&j| d.c(j) == '》' || d.c(j) == '\n') {
                if d.c(j) == '》' {
                    d.titles.push((i, j + 1));
                    free = j + 1;
                }
            }
        }
        d
    }
    fn c(&self, i: usize) -> char {
        if i < self.n {
            self.chars[i]
        } else {
            '\0'
        }
    }
    fn byte(&self, i: usize) -> usize {
        if i < self.n {
            self.offs[i]
        } else {
            self.text.len()
        }
    }
    fn s(&self, a: usize, b: usize) -> &'a str {
        &self.text[self.byte(a)..self.byte(b)]
    }
    fn in_title(&self, a: usize, b: usize) -> bool {
        self.titles.iter().any(|&(s, e)| s <= a && b <= e)
    }
    fn starts(&self, i: usize, lit: &str) -> bool {
        starts_with_word(&self.text[self.byte(i).min(self.text.len())..], lit)
    }
    fn ends(&self, i: usize, lit: &str) -> bool {
        ends_with_word(&self.text[..self.byte(i)], lit)
    }

    /// True when `a..b` is exactly one jieba token (a word jieba knows, or
    /// one its HMM merged: `钱袋子`, but also `医办医`).
    fn single_token(&self, a: usize, b: usize) -> bool {
        let (bs, be) = (self.byte(a), self.byte(b));
        let k = self.tokens.partition_point(|t| t.range.start < bs);
        self.tokens
            .get(k)
            .is_some_and(|t| t.range.start == bs && t.range.end == be)
    }

    /// True when `a..b` is one jieba token tagged as an idiom or set phrase.
    fn idiom(&self, a: usize, b: usize) -> bool {
        let (bs, be) = (self.byte(a), self.byte(b));
        let k = self.tokens.partition_point(|t| t.range.start < bs);
        self.tokens.get(k).is_some_and(|t| {
            t.range.start == bs && t.range.end == be && (t.tag == "i" || t.tag == "l")
        }) && !LEXICON.entries.contains(self.s(a, b))
    }

    /// True when `a..b` starts and ends on jieba token boundaries.
    fn on_token_edges(&self, a: usize, b: usize) -> bool {
        let (bs, be) = (self.byte(a), self.byte(b));
        let k = self.tokens.partition_point(|t| t.range.start < bs);
        let starts = self.tokens.get(k).is_some_and(|t| t.range.start == bs);
        let k = self.tokens.partition_point(|t| t.range.end < be);
        let ends = self.tokens.get(k).is_some_and(|t| t.range.end == be);
        starts && ends
    }

    /// True when the quoted run `q0..q1` (quotes included) sits in a list of
    /// quoted phrases: `“医办医”“养融医”`, `“A”、“B”`.
    fn in_quoted_list(&self, q0: usize, q1: usize) -> bool {
        let closes = |c: char| QUOTES.iter().any(|&(_, cl)| cl == c);
        let opens = |c: char| QUOTES.iter().any(|&(o, _)| o == c);
        let before = q0 > 0
            && (closes(self.c(q0 - 1))
                || (self.c(q0 - 1) == '、' && q0 > 1 && closes(self.c(q0 - 2))));
        let after = opens(self.c(q1)) || (self.c(q1) == '、' && opens(self.c(q1 + 1)));
        before || after
    }

    // ---- 1. quoted phrases ------------------------------------------------

    fn quoted(&self, out: &mut Vec<(usize, usize)>) {
        let opens = &self.marks.opens;
        let mut next = 0;
        let mut i = 0;
        loop {
            // (at the next opening quote: every other character is passed over)
            while next < opens.len() && opens[next] < i {
                next += 1;
            }
            let Some(&o) = opens.get(next) else { break };
            i = o;
            let open = self.c(i);
            let Some(&(_, close)) = QUOTES.iter().find(|(o, _)| *o == open) else {
                i += 1;
                continue;
            };
            let limit = self.n.min(i + 60);
            let Some(j) = (i + 1..limit).find(|&j| self.c(j) == close || self.c(j) == '\n') else {
                i += 1;
                continue;
            };
            if self.c(j) != close {
                i = j;
                continue;
            }
            // a stray opening quote (damaged text): restart from the inner one
            if close != open {
                if let Some(k) = (i + 1..j).rev().find(|&k| self.c(k) == open) {
                    i = k;
                    continue;
                }
            }
            // trim spaces inside
            let (mut a, mut b) = (i + 1, j);
            while a < b && self.c(a).is_whitespace() {
                a += 1;
            }
            while b > a && self.c(b - 1).is_whitespace() {
                b -= 1;
            }
            if a < b && !self.in_title(i, j + 1) && self.quoted_is_slogan(i, a, b, j + 1) {
                out.push((a, b));
                i = j + 1;
            } else if close != open {
                // a rejected run (speech, a long clause) may hold a quoted
                // slogan of another style: `“……‘四个创新’示范点”`
                i += 1;
            } else {
                i = j + 1;
            }
        }
    }

    /// Decides whether the quoted run `a..b` (quotes at `q0` and `q1 - 1`) is a slogan.
    fn quoted_is_slogan(&self, q0: usize, a: usize, b: usize, q1: usize) -> bool {
        let len = b - a;
        let phrase = self.s(a, b);
        if !(2..=40).contains(&len) {
            return false;
        }
        static CLAUSE_MARKS: LazyLock<CharSet> =
            LazyLock::new(|| CharSet::new("。！？!?；;：:\n“”‘’「」『』《》"));
        if phrase.chars().any(|c| CLAUSE_MARKS.contains(c)) {
            return false;
        }
        if !phrase.chars().any(is_han) && !phrase.chars().all(|c| c.is_ascii_digit()) {
            return false;
        }
        if time::is_time_chars(&self.chars[a..b]) {
            return false;
        }
        if LEXICON.entries.contains(phrase) {
            return true;
        }
        // speech: after a colon or a verb of saying
        let mut p = q0;
        while p > 0 && self.c(p - 1).is_whitespace() {
            p -= 1;
        }
        if p > 0 && matches!(self.c(p - 1), '：' | ':') {
            return false;
        }
        let before_comma = if p > 0 && matches!(self.c(p - 1), '，' | ',') {
            p - 1
        } else {
            p
        };
        // (a word can end there only if it ends with the character there)
        if before_comma > 0
            && SPEECH_LAST.contains(self.c(before_comma - 1))
            && SPEECH_BEFORE.iter().any(|w| self.ends(before_comma, w))
        {
            return false;
        }
        // entities: a hotline number, a hospital, a factory
        let parts: Vec<&str> = phrase
            .split(['、', '，', ',', ' ', '　'])
            .filter(|s| !s.is_empty())
            .collect();
        if parts.iter().any(|p| {
            p.chars()
                .next_back()
                .is_some_and(|c| ENTITY_LAST.contains(c))
                && ENTITY_END.iter().any(|w| ends_with_word(p, w))
        }) || self.starts(q1, "热线")
            || self.starts(q1, "电话")
        {
            return false;
        }
        if phrase.ends_with('后') && phrase.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            return false;
        }
        let head_after =
            HEAD_FIRSTS.contains(self.c(q1)) && HEAD_AFTER.iter().any(|w| self.starts(q1, w));
        // a local product or brand named by its place (`“通城两头乌”`,
        // `“平江酱干”`): a name, not a policy, unless the rest names a method or
        // a model (`“晋江经验”`, `“深圳速度”`)
        if !head_after && place_named(phrase) {
            return false;
        }
        let numeral = phrase.chars().any(is_numeral);
        let parallel =
            parts.len() >= 2 && parts.iter().all(|p| (2..=12).contains(&p.chars().count()));
        let structured = numeral
            || phrase.contains('+')
            || parallel
            || (has_char(phrase, '变') && !phrase.starts_with('变') && !phrase.ends_with('变'));
        // quoted speech: a comma-joined clause, or followed by "……说"
        if phrase.contains(['，', ',']) {
            let lens: Vec<usize> = parts.iter().map(|p| p.chars().count()).collect();
            let (mn, mx) = (
                lens.iter().min().copied().unwrap_or(0),
                lens.iter().max().copied().unwrap_or(0),
            );
            if mx > 10 || mx - mn > 2 {
                return false;
            }
        }
        if !structured || len > 8 {
            let mut k = q1;
            if matches!(self.c(k), '，' | ',') {
                k += 1;
            }
            let window = self.s(k, self.n.min(k + 14));
            // (as `contains_word(window, SPEECH_AFTER)`, trying the words
            // only where one of their first characters stands)
            if !head_after
                && window.char_indices().any(|(k, c)| {
                    SPEECH_FIRSTS.contains(c)
                        && SPEECH_AFTER
                            .iter()
                            .any(|w| starts_with_word(&window[k..], w))
                })
            {
                return false;
            }
        }
        if has_char(phrase, '了') || has_char(phrase, '着') {
            return false;
        }
        if structured {
            // `扩大到十一大产业` is a clause about a number, not a formula
            let verb_led = self
                .tokens
                .get(
                    self.tokens
                        .partition_point(|t| t.range.start < self.byte(a)),
                )
                .is_some_and(|t| t.tag.starts_with('v'));
            let clause = verb_led && numeral && !parallel && !phrase.contains('+') && len > 5;
            return !clause && !NOT_SLOGANS.contains(&phrase);
        }
        if len == 2 || len > 8 {
            return false;
        }
        // one word: an ordinary word used as a metaphor (`钱袋子`), unless it
        // names a programme (`“开卷有益”读书会`) or stands in a list of names
        if self.single_token(a, b) {
            return head_after || self.in_quoted_list(q0, q1);
        }
        true
    }

    // ---- 2. the lexicon ---------------------------------------------------

    fn lexicon(&self, out: &mut Vec<(usize, usize)>) {
        let lex = &*LEXICON;
        let starts = &self.marks.lexicon;
        let mut next = 0;
        let mut i = 0;
        loop {
            // (at the next character that starts an entry: no entry starts
            // at the others)
            while next < starts.len() && starts[next] < i {
                next += 1;
            }
            let Some(&k) = starts.get(next) else { break };
            i = k;
            let mut hit = None;
            // only the lengths of the entries starting with these two characters
            let (a, b) = (self.chars[i], self.chars.get(i + 1).copied());
            for l in lex.starts.lengths_of(a, b, self.n - i) {
                if lex.entries.contains(self.s(i, i + l)) {
                    hit = Some(l);
                    break;
                }
            }
            match hit {
                Some(l) => {
                    out.push((i, i + l));
                    i += l;
                }
                None => i += 1,
            }
        }
    }

    // ---- 3. number-led formulas -----------------------------------------

    fn formulas(&self, out: &mut Vec<(usize, usize)>) {
        // (at the Chinese numerals only: the rest is not read for the others)
        for &i in &self.marks.numerals {
            if i >= self.n.saturating_sub(3) {
                break;
            }
            let (c1, c2, c3) = (self.c(i + 1), self.c(i + 2), self.c(i + 3));
            let ok = is_numeral(c2)
                && !c2.is_ascii_digit()
                && is_han(c1)
                && is_han(c3)
                && !is_numeral(c1)
                && !is_numeral(c3)
                && !is_measure(c1)
                && !is_measure(c3)
                && c1 != c3
                && !(i > 0 && is_numeral(self.c(i - 1)))
                && !is_numeral(self.c(i + 4))
                && !self.in_title(i, i + 4);
            // an idiom (`一心一意`, tagged i/l by jieba) is not a formula
            if !ok || self.idiom(i, i + 4) || !self.on_token_edges(i, i + 4) {
                continue;
            }
            // 第一…第二 / 一是…
            if i > 0 && matches!(self.c(i - 1), '第' | '每' | '这' | '那' | '前' | '近') {
                continue;
            }
            out.push((i, i + 4));
        }
    }

    // ---- 4. campaign names ----------------------------------------------

    fn campaigns(&self, out: &mut Vec<(usize, usize)>) {
        // (at the first characters of the endings only: most characters are
        // none, and are skipped without trying every ending)
        for &i in &self.marks.campaigns {
            // (every ending has its 年 two or three characters on)
            if self.c(i + 2) != '年' && self.c(i + 3) != '年' && self.c(i) != '行' {
                continue;
            }
            let mut end = None;
            for suf in YEAR_SUFFIX {
                if self.starts(i, suf) {
                    end = Some(i + suf.chars().count());
                    break;
                }
            }
            // …整治2023行动: a campaign named with its year
            if end.is_none() && i >= 4 && self.starts(i, "行动") {
                let mut k = i;
                while k > 0 && self.c(k - 1).is_ascii_digit() {
                    k -= 1;
                }
                if i - k == 4 {
                    end = Some(i + 2);
                }
            }
            let Some(e) = end else { continue };
            if let Some(s) = self.left_edge(i) {
                if e - s >= 4 && !self.in_title(s, e) {
                    out.push((s, e));
                }
            }
        }
    }

    /// The start of a name that ends at `i`: back over word tokens, stopping at
    /// punctuation, quotes and the verbs that introduce a campaign.
    fn left_edge(&self, i: usize) -> Option<usize> {
        const STOP: &[&str] = &[
            "开展", "实施", "深入", "推进", "启动", "组织", "部署", "以", "的", "和", "与", "及",
            "在", "是", "把", "将", "为", "全面", "扎实", "持续", "深化", "通过", "围绕", "聚焦",
            "打好", "打响", "年", "区", "市", "县", "省",
        ];
        let bi = self.byte(i);
        let mut k = self.tokens.partition_point(|t| t.range.end <= bi);
        // the token holding char i may start before it
        let mut start = bi;
        if let Some(t) = self.tokens.get(k) {
            if t.range.start < bi {
                return None;
            }
        }
        let mut taken = 0;
        while k > 0 && taken < 8 {
            let t = &self.tokens[k - 1];
            let w = &self.text[t.range.clone()];
            let first = w.chars().next().unwrap_or(' ');
            if !(is_han(first) || first.is_ascii_digit())
                || STOP.contains(&w)
                || t.tag == "x" && w.chars().count() == 1 && !is_han(first)
            {
                break;
            }
            if bi - t.range.start > 48 {
                break;
            }
            start = t.range.start;
            k -= 1;
            taken += 1;
        }
        if taken == 0 {
            return None;
        }
        Some(self.offs[..self.n].partition_point(|&b| b < start))
    }

    // ---- 5. parallel chains with a numeral affix --------------------------

    fn chains(&self, out: &mut Vec<(usize, usize)>) {
        // clauses: runs without punctuation other than 、 (a clause is a
        // chain only if it holds a 、: the clauses around the 、 are read)
        let allowed = |c: char| c == '、' || is_han(c) || c.is_ascii_alphanumeric();
        let mut free = 0;
        // (one list for every clause)
        let mut items: Vec<(usize, usize)> = Vec::new();
        for &k in &self.marks.commas {
            if k < free {
                continue;
            }
            let mut i = k;
            while i > free && allowed(self.c(i - 1)) {
                i -= 1;
            }
            items.clear();
            let mut a = i;
            let mut j = i;
            while j < self.n {
                let c = self.c(j);
                if c == '、' {
                    items.push((a, j));
                    a = j + 1;
                } else if !(is_han(c) || c.is_ascii_alphanumeric()) {
                    break;
                }
                j += 1;
            }
            items.push((a, j));
            if items.len() >= 2 {
                self.chain_runs(&items, out);
            }
            free = j + 1;
        }
    }

    fn chain_runs(&self, items: &[(usize, usize)], out: &mut Vec<(usize, usize)>) {
        let shared = |x: (usize, usize), y: (usize, usize)| -> bool {
            // (the items' characters: `self.s(x.0, x.1)` decoded)
            let (xs, ys) = (&self.chars[x.0..x.1], &self.chars[y.0..y.1]);
            let pre = xs.iter().zip(ys).take_while(|(p, q)| p == q).count();
            let suf = xs
                .iter()
                .rev()
                .zip(ys.iter().rev())
                .take_while(|(p, q)| p == q)
                .count();
            let num_pre = xs[..pre].iter().any(|&c| is_numeral(c));
            let num_suf = xs[xs.len() - suf..].iter().any(|&c| is_numeral(c));
            (pre >= 2 && num_pre && pre < xs.len()) || (suf >= 2 && num_suf && suf < xs.len())
        };
        let ok_len = |x: &(usize, usize)| (3..=7).contains(&(x.1 - x.0));
        let mut k = 0;
        while k < items.len() {
            let mut m = k;
            while m + 1 < items.len()
                && ok_len(&items[m])
                && items[m + 1].1 - items[m + 1].0 == items[m].1 - items[m].0
                && shared(items[m], items[m + 1])
            {
                m += 1;
            }
            if m >= k + 2 {
                out.push((items[k].0, items[m].1));
                k = m + 1;
            } else {
                k += 1;
            }
        }
    }

    // ---- 6. repeats ---------------------------------------------------------

    fn repeats(&self, out: &mut Vec<(usize, usize)>) {
        let mut phrases: Vec<String> = out
            .iter()
            .filter(|&&(a, b)| {
                let s = self.s(a, b);
                let n = b - a;
                (3..=12).contains(&n) && !s.contains(['、', '，', ',', ' '])
            })
            .map(|&(a, b)| self.s(a, b).to_string())
            .collect();
        // (equal strings are alike: the unstable sort gives the same order)
        phrases.sort_unstable();
        phrases.dedup();
        if phrases.is_empty() {
            return;
        }
        let taken: FxHashSet<(usize, usize)> = out.iter().copied().collect();
        let text = self.text.as_bytes();
        for p in phrases {
            let pl = p.chars().count();
            // The occurrences of the phrase are found from those of its
            // rarest character (its first is often a common numeral), then
            // kept as `str::match_indices` keeps them: left to right, none
            // overlapping the one before.
            let (off, anchor) = p
                .char_indices()
                .map(|(k, c)| (k, self.index.positions(c)))
                .min_by_key(|(_, ps)| ps.len())
                .expect("a phrase of three characters or more");
            let mut free = 0;
            for &apos in anchor {
                let Some(bpos) = apos.checked_sub(off) else {
                    continue;
                };
                // (a match of the whole phrase starts on a character boundary)
                if bpos < free || !text[bpos..].starts_with(p.as_bytes()) {
                    continue;
                }
                free = bpos + p.len();
                let a = self.offs[..self.n].partition_point(|&b| b < bpos);
                let b = a + pl;
                if taken.contains(&(a, b)) || self.in_title(a, b) {
                    continue;
                }
                out.push((a, b));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::segment;

    fn run(text: &str) -> Vec<String> {
        let tokens = segment::tag(text);
        let chars = crate::engine::CharIndex::new(text);
        let ctx = Context {
            text,
            tokens: &tokens,
            chars: &chars,
        };
        extract(&ctx)
            .into_iter()
            .map(|c| text[c.range].to_string())
            .collect()
    }

    #[test]
    fn place_named_products_are_not_slogans() {
        assert!(place_named("通城两头乌"));
        assert!(place_named("平江酱干"));
        assert!(!place_named("晋江经验"));
        assert!(!place_named("深圳速度"));
        assert!(!place_named("放管服"));
        let text = "直播间里，“通城两头乌”“平江酱干”“修水皇菊”直播两小时销售一空。推广“晋江经验”。";
        let found: Vec<String> = crate::engine::annotate("t", text)
            .annotations
            .into_iter()
            .filter(|a| a.kind == crate::engine::model::Kind::Slogan)
            .map(|a| a.text)
            .collect();
        assert_eq!(found, ["晋江经验"]);
    }

    #[test]
    fn embedded_lexicon_parses() {
        let l = parse_lexicon(LEXICON_SRC).expect("data/slogans.txt parses");
        assert!(l.iter().any(|e| e == "放管服"));
        assert!(LEXICON.starts.longest("放管服") >= 3);
    }

    #[test]
    fn bad_lexicon_line_names_its_number() {
        let e = parse_lexicon("# c\n放管服\n最多 跑一次\n").unwrap_err();
        assert!(e.contains("line 3"), "{e}");
    }

    #[test]
    fn quoted_slogans_without_quotes() {
        assert_eq!(
            run("3小时“七证同发”,实现“放管服”改革"),
            vec!["七证同发", "放管服"]
        );
        assert_eq!(
            run("实行“一周一调度、一月一通报、一季一考评”,全市上下"),
            vec!["一周一调度、一月一通报、一季一考评"]
        );
        assert_eq!(
            run("才能实现「资源变资产、资产变资本、资本变资金」的螺旋上升"),
            vec!["资源变资产、资产变资本、资本变资金"]
        );
        assert_eq!(run("启动\"能源管家+\"行动"), vec!["能源管家+"]);
    }

    #[test]
    fn quoted_speech_and_words_are_not_slogans() {
        assert!(run("负责人坦言:“早改早收益,善改添动能。”").is_empty());
        assert!(run("“沉睡资产要醒在当下”,项目负责人坦言").is_empty());
        assert!(run("守护人民群众“钱袋子”。").is_empty());
        assert!(run("服务做“加法”、流程做“减法”").is_empty());
        assert!(run("印发《关于开展“执行力提升年”行动方案》").is_empty());
        assert!(run("“十四五”期间").is_empty());
    }

    #[test]
    fn nested_quotes() {
        assert_eq!(
            run("获评“全国首批国土资源节约集约模范县(市)‘四个创新’示范点”"),
            vec!["四个创新"]
        );
        assert_eq!(
            run("他说:“我们推行‘最多跑一次’改革,效果很好。”"),
            vec!["最多跑一次"]
        );
    }

    #[test]
    fn formulas_and_campaigns_without_quotes() {
        assert_eq!(run("## 三抓一优 做强绿色工业"), vec!["三抓一优"]);
        assert_eq!(run("六个特色小镇、一区六园等重点领域"), vec!["一区六园"]);
        assert_eq!(run("他一心一意干事"), Vec::<String>::new());
        assert_eq!(
            run("健全定期督办(1月一督办、1月一通报、1月一排名),"),
            vec!["1月一督办、1月一通报、1月一排名"]
        );
        assert_eq!(
            run("开展重大事故隐患专项排查整治2023行动,"),
            vec!["重大事故隐患专项排查整治2023行动"]
        );
    }

    #[test]
    fn repeats_of_a_quoted_slogan() {
        assert_eq!(
            run("创新推出“共享园区”。全省首建共享园区"),
            vec!["共享园区", "共享园区"]
        );
    }
}
