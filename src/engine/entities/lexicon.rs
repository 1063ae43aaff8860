//! The embedded lexicons (`data/*.txt`), parsed once.
//!
//! Every file is plain text, one entry per line, `#` starts a comment line, fields are
//! separated by tabs (or spaces). A malformed line is an error naming file and line.
use crate::engine::model::EntityType;
use crate::engine::text::trie::{Builder, CharTrie};
use crate::engine::text::BmpSet;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

pub const GAZETTEER: &str = include_str!("../../../data/gazetteer.txt");
pub const SUFFIXES: &str = include_str!("../../../data/suffixes.txt");
pub const LEXICON: &str = include_str!("../../../data/lexicon.txt");
pub const ORG_BODIES: &str = include_str!("../../../data/org_bodies.txt");
pub const FUNCTIONS: &str = include_str!("../../../data/functions.txt");
pub const TITLES: &str = include_str!("../../../data/titles.txt");
pub const SURNAMES: &str = include_str!("../../../data/surnames.txt");
pub const BREAKERS: &str = include_str!("../../../data/breakers.txt");
pub const GENERIC: &str = include_str!("../../../data/generic.txt");

/// The non-comment lines of `text`, split into fields, with their line numbers (1-based).
/// Each line must have between `min` and `MAX` fields; the fields a line does not
/// have are empty.
///
/// (Fields are kept in an array rather than a vector of their own per line, and
/// each line is read once, byte by byte, for its end and for whether it has
/// tabs or other white space ([`BYTE_KIND`]): the lines are a few bytes long,
/// and the gazetteer's thousands of them are parsed at every start.)
pub fn parse<const MAX: usize>(
    file: &str,
    text: &'static str,
    min: usize,
) -> Result<Vec<(usize, [&'static str; MAX])>, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut number) = (0, 0);
    while start < bytes.len() {
        // the line `start..end`, as `str::lines` gives it (without `\n`)
        let (mut end, mut kinds) = (start, 0);
        while let Some(&b) = bytes.get(end) {
            let kind = BYTE_KIND[b as usize];
            if kind == BREAK {
                break;
            }
            kinds |= kind;
            end += 1;
        }
        let line = text[start..end].trim_end_matches('\r');
        start = end + 1;
        number += 1;
        if line.starts_with('#') || line.chars().all(char::is_whitespace) {
            continue;
        }
        let mut fields = [""; MAX];
        let mut n = 0;
        let mut put = |f: &'static str| {
            if let Some(slot) = fields.get_mut(n) {
                *slot = f;
            }
            n += 1;
        };
        // (a line without white space but tabs, as nearly all are, has no
        // field to trim nor white space to split at)
        match (kinds & TAB != 0, kinds & SPACE != 0) {
            (true, true) => split_ascii(line, b'\t').map(str::trim).for_each(&mut put),
            (true, false) => split_ascii(line, b'\t').for_each(&mut put),
            (false, true) => line.split_whitespace().for_each(&mut put),
            (false, false) => put(line),
        }
        if n < min || n > MAX || fields.iter().take(min).any(|f| f.is_empty()) {
            return Err(format!(
                "{file}:{number}: expected {min}..={MAX} fields, got {line:?}"
            ));
        }
        out.push((number, fields));
    }
    Ok(out)
}

/// [`BYTE_KIND`]: a line break.
const BREAK: u8 = 1;
/// ... a tab.
const TAB: u8 = 2;
/// ... maybe (the first byte of) other white space ([`may_start_space`]).
const SPACE: u8 = 4;

/// What each byte is to [`parse`], one lookup per byte.
static BYTE_KIND: [u8; 256] = {
    let mut kinds = [0; 256];
    let mut b = 0;
    while b < 256 {
        kinds[b] = match b as u8 {
            b'\n' => BREAK,
            b'\t' => TAB,
            b if may_start_space(b) => SPACE,
            _ => 0,
        };
        b += 1;
    }
    kinds
};

/// `s.split(sep)` for an ASCII separator, without the general searcher's set-up
/// for each call (the fields split here are a few bytes long).
fn split_ascii(s: &str, sep: u8) -> impl Iterator<Item = &str> {
    debug_assert!(sep.is_ascii());
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == sep) {
            Some(i) => {
                rest = Some(&r[i + 1..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// Whether `b` may be (the first byte of) a white space character other than
/// a tab: an ASCII space or line break, or the first byte of the others of
/// Unicode (U+0085 and U+00A0: 0xC2; U+1680: 0xE1; U+2000 to U+205F: 0xE2;
/// U+3000: 0xE3). No is sure (a test checks every character), so a line
/// without such a byte has no white space but its tabs.
const fn may_start_space(b: u8) -> bool {
    matches!(
        b,
        b'\n' | 0x0B | 0x0C | b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3
    )
}

fn etype(file: &str, line: usize, s: &str) -> Result<EntityType, String> {
    EntityType::ALL
        .into_iter()
        .find(|t| t.as_str() == s)
        .ok_or_else(|| format!("{file}:{line}: unknown entity type {s:?}"))
}

/// A place of the gazetteer.
#[derive(Clone, Debug)]
pub struct Place {
    /// The full name (`咸安区`), the group key of all its forms.
    pub full: &'static str,
    /// True for the full name, false for a short form.
    pub is_full: bool,
}

/// The lengths (in characters) of the entries of a word list by their first two
/// characters: a longest-match scan need not try lengths no entry has at a
/// position (nor any, when no entry starts with the two characters there). A
/// pure speed-up: the same matches are found with far fewer lookups.
///
/// The first characters of the entries are also kept as a [`BmpSet`]: at most
/// positions of a text no entry starts, and one bit test says so before the
/// second character is decoded and the pair hashed.
#[derive(Default)]
pub struct PairIndex {
    /// (first, second character) -> (longest length, bit `n` set for each
    /// length `n` below 63; bit 63 stands for every length from 63 on).
    by_pair: HashMap<(char, char), (usize, u64)>,
    firsts: BmpSet,
}

impl PairIndex {
    /// Indexes `word` (words of fewer than two characters are not indexed).
    pub fn add(&mut self, word: &str) {
        let mut cs = word.chars();
        if let (Some(a), Some(b)) = (cs.next(), cs.next()) {
            let n = 2 + cs.count();
            self.firsts.insert(a);
            let m = self.by_pair.entry((a, b)).or_insert((0, 0));
            m.0 = m.0.max(n);
            m.1 |= 1 << n.min(63);
        }
    }

    fn get(&self, text: &str) -> (usize, u64) {
        let mut cs = text.chars();
        match cs.next() {
            Some(a) if self.firsts.maybe(a) => self.get_pair(a, cs.next()),
            _ => (0, 0),
        }
    }

    fn get_pair(&self, a: char, b: Option<char>) -> (usize, u64) {
        match b {
            Some(b) if self.firsts.maybe(a) => self.by_pair.get(&(a, b)).copied().unwrap_or((0, 0)),
            _ => (0, 0),
        }
    }

    /// The longest indexed word (in characters) that starts with the first two
    /// characters of `text`; 0 if none (or `text` is shorter than two characters).
    pub fn longest(&self, text: &str) -> usize {
        self.get(text).0
    }

    /// The lengths, longest first and at most `max`, of the indexed words that
    /// start with the first two characters of `text` (a superset from 63 on):
    /// the lengths worth trying at the start of `text`.
    pub fn lengths(&self, text: &str, max: usize) -> impl Iterator<Item = usize> {
        Self::lengths_in(self.get(text), max)
    }

    /// [`PairIndex::lengths`] for a text starting with the characters `a`, `b`.
    pub fn lengths_of(&self, a: char, b: Option<char>, max: usize) -> impl Iterator<Item = usize> {
        Self::lengths_in(self.get_pair(a, b), max)
    }

    fn lengths_in((longest, mask): (usize, u64), max: usize) -> impl Iterator<Item = usize> {
        (2..=longest.min(max))
            .rev()
            .filter(move |&n| n >= 63 || mask & (1 << n) != 0)
    }
}

/// What an entry of [`Lexicons::known`] is: a place of the gazetteer, a name of
/// the lexicon, or both.
#[derive(Clone, Debug, Default)]
pub struct Known {
    pub place: Option<Place>,
    pub name: Option<EntityType>,
}

pub struct Lexicons {
    /// Gazetteer: every full name and short form.
    pub places: HashMap<&'static str, Place>,
    pub place_max: usize,
    /// The entries of `places` and `names`, for the scans that look for them at
    /// every position of a text.
    pub known: CharTrie<Known>,
    /// Suffix -> (type, max core chars), longest suffix first when matching.
    pub suffixes: HashMap<&'static str, (EntityType, usize)>,
    pub suffix_max: usize,
    /// `suffixes` reversed (entries read from their last character): the
    /// suffixes that end at a position, found by walking back from it.
    pub suffixes_back: CharTrie<(EntityType, usize)>,
    pub names: HashMap<&'static str, EntityType>,
    pub names_max: usize,
    /// Bodies after a place / level character (委, 财政局, 宣传部 ...).
    pub bodies: HashSet<String>,
    /// Bodies named by a function (财政局, 产业发展局), a subset of `bodies`.
    pub functions: HashSet<String>,
    pub body_max: usize,
    /// `bodies`, each with whether it is in `functions`.
    pub body_trie: CharTrie<bool>,
    pub titles: HashSet<&'static str>,
    /// The last characters of `titles` and of the title endings of longer
    /// words (`people::title_tail`): a word ending otherwise is no title,
    /// known without hashing it (every token is looked up).
    pub title_ends: BmpSet,
    pub title_max: usize,
    pub surnames: HashSet<&'static str>,
    pub breakers: WordSet,
    pub generic: WordSet,
}

/// A set of words with the first characters of its words, to say no to most
/// words without hashing them: [`WordSet::contains`] is looked up for nearly
/// every token left of a suffix, and few of them are in the set.
pub struct WordSet {
    words: HashSet<&'static str>,
    firsts: BmpSet,
}

impl WordSet {
    fn new(words: HashSet<&'static str>) -> Self {
        let firsts = BmpSet::new(words.iter().filter_map(|w| w.chars().next()));
        WordSet { words, firsts }
    }

    /// Is `w` one of the words?
    pub fn contains(&self, w: &str) -> bool {
        w.chars().next().is_some_and(|c| self.firsts.maybe(c)) && self.words.contains(w)
    }
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// The length of the longest of `words`, in characters, and a guess at the
/// characters of all together (their bytes over three, a Han character's
/// length in UTF-8), to reserve room by.
///
/// (A word has no more characters than bytes, so only a word of more bytes
/// than the longest so far has characters has its characters counted.)
fn longest_and_total<'a>(words: impl Iterator<Item = &'a &'a str>) -> (usize, usize) {
    words.fold((0, 0), |(longest, bytes), w| {
        let longest = if w.len() > longest {
            longest.max(chars(w))
        } else {
            longest
        };
        (longest, bytes + w.len() / 3)
    })
}

pub fn build() -> Result<Lexicons, String> {
    let gazetteer = parse::<3>("gazetteer.txt", GAZETTEER, 2)?;
    // (room for a full name and a short form per line, about what there is:
    // growing a table moves every entry)
    let mut places = HashMap::with_capacity_and_hasher(2 * gazetteer.len(), Default::default());
    for (line, f) in gazetteer {
        if !matches!(f[0], "p" | "c" | "a") {
            return Err(format!("gazetteer.txt:{line}: bad level {:?}", f[0]));
        }
        let full = f[1];
        places.insert(
            full,
            Place {
                full,
                is_full: true,
            },
        );
        {
            for s in split_ascii(f[2], b',').filter(|s| !s.is_empty()) {
                match places.get(s) {
                    Some(p) if p.is_full => {}
                    Some(p) if p.full != full => {
                        // ambiguous short form: keep it, grouped by itself
                        places.insert(
                            s,
                            Place {
                                full: s,
                                is_full: false,
                            },
                        );
                    }
                    _ => {
                        places.insert(
                            s,
                            Place {
                                full,
                                is_full: false,
                            },
                        );
                    }
                }
            }
        }
    }
    // A place that is one dictionary word with a common-word tag (资源, 合作,
    // 新建, 老城区) is dropped (`common`), unless it is a full name ending in a
    // level character (`kept_anyway`: those are not segmented at all). A Han word
    // missing from the dictionary can only come out as a guessed name, so only
    // dictionary words are segmented (this is most of the page's start-up
    // otherwise), all in one call.
    use crate::engine::segment;
    let kept_anyway = |w: &str, p: &Place| p.is_full && w.ends_with(['省', '市', '县', '区']);
    let asked: Vec<&'static str> = places
        .iter()
        .filter(|&(w, p)| !kept_anyway(w, p) && (!segment::is_han(w) || segment::is_word(w)))
        .map(|(&w, _)| w)
        .collect();
    let common: HashSet<&'static str> = asked
        .iter()
        .zip(segment::whole_word_tags(&asked))
        .filter(|(_, tag)| {
            matches!(
                tag,
                Some("n" | "vn" | "a" | "an" | "ad" | "d" | "i" | "l" | "b" | "m" | "nrfg")
            )
        })
        .map(|(&w, _)| w)
        .collect();
    places.retain(|w, _| {
        // district names that are mostly common nouns in the news (the old town)
        let generic_district = matches!(*w, "老城区" | "新城区" | "郊区" | "矿区");
        !generic_district && !common.contains(w)
    });
    let mut suffixes = HashMap::default();
    for (line, f) in parse::<3>("suffixes.txt", SUFFIXES, 3)? {
        let t = etype("suffixes.txt", line, f[0])?;
        let n: usize = f[2]
            .parse()
            .map_err(|_| format!("suffixes.txt:{line}: bad max length {:?}", f[2]))?;
        suffixes.insert(f[1], (t, n));
    }
    let mut names = HashMap::default();
    for (line, f) in parse::<2>("lexicon.txt", LEXICON, 2)? {
        names.insert(f[1], etype("lexicon.txt", line, f[0])?);
    }
    let mut bodies: HashSet<String> = parse::<1>("org_bodies.txt", ORG_BODIES, 1)?
        .into_iter()
        .map(|(_, f)| f[0].to_string())
        .collect();
    let mut functions = HashSet::default();
    for (_, f) in parse::<2>("functions.txt", FUNCTIONS, 2)? {
        for suf in split_ascii(f[1], b',') {
            bodies.insert(format!("{}{}", f[0], suf));
            functions.insert(format!("{}{}", f[0], suf));
        }
    }
    let one = |file, text| -> Result<HashSet<&'static str>, String> {
        Ok(parse::<1>(file, text, 1)?
            .into_iter()
            .map(|(_, f)| f[0])
            .collect())
    };
    let titles = one("titles.txt", TITLES)?;
    let surnames = one("surnames.txt", SURNAMES)?;
    let breakers = WordSet::new(one("breakers.txt", BREAKERS)?);
    let generic = WordSet::new(one("generic.txt", GENERIC)?);
    // (the entries' characters together: about the room the trie of `places`
    // and `names` needs at most)
    let (place_max, place_chars) = longest_and_total(places.keys());
    let (names_max, names_chars) = longest_and_total(names.keys());
    let mut known = Builder::<Known>::with_capacity(place_chars + names_chars + 1);
    for (w, p) in &places {
        known.slot(w.chars()).get_or_insert_default().place = Some(p.clone());
    }
    for (w, &t) in &names {
        known.slot(w.chars()).get_or_insert_default().name = Some(t);
    }
    let mut body_trie = Builder::default();
    for w in &bodies {
        *body_trie.slot(w.chars()) = Some(functions.contains(w));
    }
    let mut suffixes_back = Builder::default();
    for (w, &v) in &suffixes {
        *suffixes_back.slot(w.chars().rev()) = Some(v);
    }
    Ok(Lexicons {
        known: known.build(),
        suffixes_back: suffixes_back.build(),
        body_trie: body_trie.build(),
        place_max,
        suffix_max: suffixes.keys().map(|k| chars(k)).max().unwrap_or(0),
        names_max,
        body_max: bodies.iter().map(|k| chars(k)).max().unwrap_or(0),
        title_max: titles.iter().map(|k| chars(k)).max().unwrap_or(0),
        title_ends: BmpSet::new(
            titles.iter().filter_map(|k| k.chars().next_back()).chain(
                crate::engine::entities::people::TITLE_TAIL_ENDS
                    .iter()
                    .copied(),
            ),
        ),
        places,
        suffixes,
        names,
        bodies,
        functions,
        titles,
        surnames,
        breakers,
        generic,
    })
}

pub static LEX: LazyLock<Lexicons> =
    LazyLock::new(|| build().unwrap_or_else(|e| panic!("embedded lexicon: {e}")));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_files_parse() {
        let l = build().unwrap();
        assert!(l.places.len() > 5000);
        assert!(l.places["咸安"].full == "咸安区");
        assert!(l.places["湖北"].full == "湖北省");
        assert!(l.bodies.contains("财政局"));
        assert!(l.surnames.contains("欧阳"));
    }

    #[test]
    fn places_tagged_together_are_tagged_as_alone() {
        use crate::engine::segment;
        let mut words: Vec<&str> = parse::<3>("gazetteer.txt", GAZETTEER, 2)
            .unwrap()
            .into_iter()
            .flat_map(|(_, f)| [f[1]].into_iter().chain(split_ascii(f[2], b',')))
            .collect();
        words.extend(["", "MLCC", "A股", "咸安·区", "老城区", "资源", "合作"]);
        let alone: Vec<_> = words
            .iter()
            .map(|w| match segment::tag(w).as_slice() {
                [t] => Some(t.tag),
                _ => None,
            })
            .collect();
        assert_eq!(segment::whole_word_tags(&words), alone);
    }

    #[test]
    fn fields_split_and_trim_as_std_does() {
        for s in ["", ",", "a", "a,b", ",a,,b,", "咸安,咸宁"] {
            let std: Vec<&str> = s.split(',').collect();
            assert_eq!(split_ascii(s, b',').collect::<Vec<_>>(), std);
        }
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if c.is_whitespace() && c != '\t' {
                assert!(c.to_string().bytes().any(may_start_space), "{c:?}");
            }
        }
        let e = parse::<2>("x.txt", "a\t b \r\r\n\u{3000}\n c  d\n#\nx\t\u{3000}y\n", 2);
        assert_eq!(
            e.unwrap(),
            [(1, ["a", "b"]), (3, ["c", "d"]), (5, ["x", "y"])]
        );
    }

    #[test]
    fn bad_line_names_its_number() {
        let e = parse::<2>("x.txt", "# c\nok\tyes\nbad\n", 2).unwrap_err();
        assert!(e.contains("x.txt:3"), "{e}");
    }
}
