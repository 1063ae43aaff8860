//! Text normalisation: the *analysis view* of the user's text, with a map back.
//!
//! Extractors never see the text as given: they see a cleaned copy in which
//! noise is removed and characters are normalised (full-width digits and
//! letters become ASCII). Every character of the copy remembers the byte range
//! of the original it came from, so a span found on the copy maps back to the
//! original exactly; a span that covers removed noise in the original still
//! covers it (the map takes the start of its first character and the end of
//! its last).
use super::CharIndex;
use std::ops::Range;

pub mod html;
mod layout;
mod noise;
pub mod t2s;
pub mod trie;

/// Where each character occurs in a text, to find many phrases in the same text:
/// [`CharPositions::match_indices`] gives exactly what `str::match_indices` gives
/// (left to right, not overlapping) but only visits the occurrences of the
/// phrase's first character instead of scanning the whole text for each phrase.
pub struct CharPositions<'a> {
    text: &'a str,
    at: At<'a>,
}

/// The positions of [`CharPositions`]: its own for the characters asked for, or
/// every character's, of a [`CharIndex`].
enum At<'a> {
    Own(rustc_hash::FxHashMap<char, Vec<usize>>),
    Index(&'a CharIndex),
}

impl<'a> CharPositions<'a> {
    /// The positions in `text` of the characters `firsts` (the first
    /// characters of the phrases to find).
    pub fn new(text: &'a str, firsts: impl IntoIterator<Item = char>) -> Self {
        let mut at: rustc_hash::FxHashMap<char, Vec<usize>> =
            firsts.into_iter().map(|c| (c, Vec::new())).collect();
        // (a bit test passes over the other characters without hashing them)
        let wanted = BmpSet::new(at.keys().copied());
        for (i, c) in text.char_indices() {
            if !wanted.maybe(c) {
                continue;
            }
            if let Some(v) = at.get_mut(&c) {
                v.push(i);
            }
        }
        CharPositions {
            text,
            at: At::Own(at),
        }
    }

    /// [`CharPositions::new`] for every character of a text whose characters
    /// are indexed (`index` is `CharIndex::new(text)`): the index's positions,
    /// built once for all the searches in the text.
    pub fn indexed(text: &'a str, index: &'a CharIndex) -> Self {
        CharPositions {
            text,
            at: At::Index(index),
        }
    }

    /// The byte offsets of the occurrences of `c`, in order.
    fn starts(&self, c: char) -> &[usize] {
        match &self.at {
            At::Own(at) => at.get(&c).map_or(&[], Vec::as_slice),
            At::Index(index) => index.positions(c),
        }
    }

    /// The byte offsets of the non-overlapping occurrences of `pat`, in order
    /// (`pat` must start with one of the characters given to [`CharPositions::new`]).
    pub fn match_indices<'p>(&'p self, pat: &'p str) -> impl Iterator<Item = usize> + 'p {
        let text = self.text;
        let first = pat.chars().next();
        let starts: &[usize] = match first {
            Some(c) => self.starts(c),
            None => &[],
        };
        let mut free = 0;
        let empty = first
            .is_none()
            .then(|| text.match_indices("").map(|(i, _)| i));
        starts
            .iter()
            .copied()
            .filter(move |&p| {
                if p >= free && starts_with_word(&text[p..], pat) {
                    free = p + pat.len();
                    true
                } else {
                    false
                }
            })
            .chain(empty.into_iter().flatten())
    }

    /// The occurrence of `pat` nearest before byte `before`: the last one
    /// that ends there or earlier (as `text[..before].rfind(pat)`), else the
    /// first one that starts there or later (as `text[before..].find(pat)`).
    /// Only the occurrences of `pat`'s first character are visited, where
    /// `rfind` scans the whole text before `before` when `pat` is not there.
    /// `pat` must be non-empty and start with one of the characters given to
    /// [`CharPositions::new`]; `before` must be a character boundary.
    pub fn nearest(&self, pat: &str, before: usize) -> Option<usize> {
        let first = pat.chars().next()?;
        let starts: &[usize] = self.starts(first);
        let at = |p: &usize| starts_with_word(&self.text[*p..], pat);
        let k = starts.partition_point(|&p| p < before);
        starts[..k]
            .iter()
            .rev()
            .filter(|&&p| p + pat.len() <= before)
            .find(|p| at(p))
            .or_else(|| starts[k..].iter().find(|p| at(p)))
            .copied()
    }
}

/// A fixed set of characters, given as a string of them (`"省市区县"`), for
/// membership tests in per-character loops: `str::contains(char)` searches the
/// string's bytes on every call (a substring search for a non-ASCII
/// character), where this is one bit test ([`BmpSet`]; the rare characters
/// beyond the BMP are looked up in a sorted list).
pub struct CharSet {
    bmp: BmpSet,
    beyond: Box<[char]>,
}

impl CharSet {
    pub fn new(chars: &str) -> Self {
        let mut beyond: Vec<char> = chars.chars().filter(|&c| c as u32 >= 0x10000).collect();
        beyond.sort_unstable();
        beyond.dedup();
        CharSet {
            bmp: BmpSet::new(chars.chars()),
            beyond: beyond.into(),
        }
    }

    pub fn contains(&self, c: char) -> bool {
        if (c as u32) < 0x10000 {
            self.bmp.maybe(c)
        } else {
            self.beyond.binary_search(&c).is_ok()
        }
    }
}

/// A map from characters to non-zero `u32`s (0: no entry), for lookups at
/// every character of a text: a BMP character is two array reads (its block
/// of 256, then the entry), without hashing; the rare characters beyond are
/// hashed. Only the blocks that hold an entry are allocated (1 KB each, on
/// their own: a new block moves no other).
#[derive(Clone, Debug)]
pub struct CharTable {
    /// Block `c >> 8` of the BMP is `blocks[block_of[c >> 8]]`; block 0 is
    /// empty and never written.
    block_of: Box<[u16; 256]>,
    // (boxed: a vector of the blocks themselves copies them all as it grows)
    #[allow(clippy::vec_box)]
    blocks: Vec<Box<[u32; 256]>>,
    beyond: rustc_hash::FxHashMap<char, u32>,
}

impl Default for CharTable {
    fn default() -> Self {
        CharTable {
            block_of: Box::new([0; 256]),
            blocks: vec![Box::new([0; 256])],
            beyond: Default::default(),
        }
    }
}

impl CharTable {
    /// The entry of `c` (0: none).
    #[inline]
    pub fn get(&self, c: char) -> u32 {
        let u = c as u32;
        if u < 0x10000 {
            self.blocks[self.block_of[(u >> 8) as u8 as usize] as usize][(u & 0xff) as usize]
        } else {
            self.beyond.get(&c).copied().unwrap_or(0)
        }
    }

    /// The entry of `c`, to read or write.
    #[inline]
    pub fn entry(&mut self, c: char) -> &mut u32 {
        let u = c as u32;
        match self.block_of[(u >> 8) as u8 as usize] {
            b if b != 0 && u < 0x10000 => &mut self.blocks[b as usize][(u & 0xff) as usize],
            _ => self.entry_new(c),
        }
    }

    /// [`CharTable::entry`] for a character beyond the BMP or in a block
    /// not allocated yet.
    #[cold]
    #[inline(never)]
    fn entry_new(&mut self, c: char) -> &mut u32 {
        let u = c as u32;
        if u >= 0x10000 {
            return self.beyond.entry(c).or_insert(0);
        }
        let b = self.blocks.len();
        self.block_of[(u >> 8) as u8 as usize] = b as u16;
        self.blocks.push(Box::new([0; 256]));
        &mut self.blocks[b][(u & 0xff) as usize]
    }
}

/// A byte of flags for every character of the Basic Multilingual Plane (64 KB),
/// for the per-character passes that ask several questions of each character:
/// one lookup answers them all. Characters beyond the BMP hold no flags:
/// [`CharFlags::get`] says `None`, and the caller decides.
pub struct CharFlags(Box<[u8]>);

impl Default for CharFlags {
    fn default() -> Self {
        CharFlags(vec![0; 0x10000].into_boxed_slice())
    }
}

impl CharFlags {
    /// Adds `flag` to the flags of `c` (nothing for a character beyond the BMP).
    pub fn set(&mut self, c: char, flag: u8) {
        if let Some(f) = self.0.get_mut(c as usize) {
            *f |= flag;
        }
    }

    /// The flags of `c`; `None` beyond the BMP.
    #[inline]
    pub fn get(&self, c: char) -> Option<u8> {
        self.0.get(c as usize).copied()
    }
}

/// A set of characters as one bit per Basic Multilingual Plane character (8 KB):
/// a membership test is one bit test, for per-character loops where nearly
/// every character is not in the set. Characters beyond the BMP are not held:
/// [`BmpSet::maybe`] says "maybe" for them, and the caller looks further.
///
/// The words are a fixed-size array: a character of the BMP indexes it
/// without a check of the index (the test is in every per-character loop).
#[derive(Clone)]
pub struct BmpSet(Box<[u64; 0x10000 / 64]>);

impl Default for BmpSet {
    fn default() -> Self {
        BmpSet(Box::new([0; 0x10000 / 64]))
    }
}

impl BmpSet {
    pub fn new(cs: impl IntoIterator<Item = char>) -> Self {
        let mut set = BmpSet::default();
        for c in cs {
            set.insert(c);
        }
        set
    }

    /// Adds `c` (nothing to do beyond the BMP: those are always "maybe").
    pub fn insert(&mut self, c: char) {
        let c = c as usize;
        if c < 0x10000 {
            self.0[c / 64] |= 1 << (c % 64);
        }
    }

    /// False only if `c` is certainly not in the set (characters beyond the
    /// BMP are always "maybe": the caller searches the table for them).
    #[inline]
    pub fn maybe(&self, c: char) -> bool {
        let c = c as usize;
        c >= 0x10000 || self.0[c / 64] & (1 << (c % 64)) != 0
    }
}

/// The analysis view of a text and its map to the original.
#[derive(Clone, Debug)]
pub struct CleanText {
    /// The analysis view.
    pub text: String,
    /// For each character of `text` (as numbered in `chars`), the byte range
    /// in the original of the character that produced it. (One entry per
    /// character, not per byte: a byte is mapped through the character that
    /// holds it, found in `chars.offs`, only for the spans exported.)
    origin: Vec<Range<u32>>,
    /// The characters of `text` and their byte offsets, noted as they are
    /// appended (the extractors' [`CharIndex`], without decoding `text` again).
    chars: CharIndex,
}

impl CleanText {
    /// Starts an empty view (use [`CleanText::push`] to fill it).
    pub fn with_capacity(n: usize) -> Self {
        Self::with_capacities(n, n)
    }

    /// Starts an empty view for `bytes` bytes in `chars` characters.
    fn with_capacities(bytes: usize, chars: usize) -> Self {
        let mut offs = Vec::with_capacity(chars + 1);
        offs.push(0);
        CleanText {
            text: String::with_capacity(bytes),
            origin: Vec::with_capacity(chars),
            chars: CharIndex {
                offs,
                chars: Vec::with_capacity(chars),
                ..Default::default()
            },
        }
    }

    /// Appends `c` to the view, produced by `orig` (a byte range of the original).
    pub fn push(&mut self, c: char, orig: Range<usize>) {
        self.text.push(c);
        self.origin.push(orig.start as u32..orig.end as u32);
        self.note(c);
    }

    /// Appends `c`, produced by the original range of `from`.
    fn push_ch(&mut self, c: char, from: &Ch) {
        self.text.push(c);
        self.origin.push(from.s..from.e);
        self.note(c);
    }

    /// Appends the characters of `run` unchanged, each produced by its own
    /// original range: [`CleanText::push_ch`] for a run at once, the lists
    /// grown once rather than checked at every character. `original`: the
    /// text whose ranges they are.
    fn push_run(&mut self, run: &[Ch], original: &str) {
        if run.is_empty() || self.push_piece(run, original) {
            return;
        }
        // (a run that a joined line or a removed character splits: its
        // pieces whose ranges follow each other are copied, each as a run is)
        let mut a = 0;
        while a < run.len() {
            let b = a + 1 + run[a..].windows(2).take_while(|w| w[1].s == w[0].e).count();
            if !self.push_piece(&run[a..b], original) {
                self.push_encoded(&run[a..b]);
            }
            a = b;
        }
    }

    /// Appends the non-empty `run` as [`CleanText::push_run`] does if it is a
    /// piece of the original, each character its own bytes; false (and
    /// nothing appended) if not.
    ///
    /// Every character of the stream covers at least its own bytes in the
    /// original (a decoded entity, a tag break, a character with its pinyin
    /// cover more), and the ranges follow each other: a run whose characters'
    /// bytes add up to the bytes it covers is such a piece, copied at once
    /// rather than encoded again. (The bytes are summed first, in a loop the
    /// compiler vectorises; then each character ends in the view where it
    /// ends in the original, moved by `at - s`, and its offset is read from
    /// its range rather than summed character by character.)
    fn push_piece(&mut self, run: &[Ch], original: &str) -> bool {
        let (first, last) = (run[0], run[run.len() - 1]);
        // (summed as `u32`s, twice as many at a time: the sum is at most
        // `last.e - first.s`, which is one, as every character covers its own bytes)
        let bytes: u32 = run.iter().map(|c| utf8_len(c.c) as u32).sum();
        if bytes != last.e - first.s {
            return false;
        }
        let (s, e) = (first.s as usize, last.e as usize);
        let at = self.text.len();
        self.chars
            .offs
            .extend(run.iter().map(|c| c.e as usize + at - s));
        self.chars.chars.extend(run.iter().map(|c| c.c));
        self.origin.extend(run.iter().map(|c| c.s..c.e));
        debug_assert!(original[s..e].chars().eq(run.iter().map(|c| c.c)));
        self.text.push_str(&original[s..e]);
        true
    }

    /// Appends `run` as [`CleanText::push_run`] does, each character encoded.
    fn push_encoded(&mut self, run: &[Ch]) {
        let mut off = self.text.len();
        self.chars.offs.extend(run.iter().map(|c| {
            off += utf8_len(c.c);
            off
        }));
        self.chars.chars.extend(run.iter().map(|c| c.c));
        self.origin.extend(run.iter().map(|c| c.s..c.e));
        self.text.extend(run.iter().map(|c| c.c));
    }

    /// Notes `c`, just appended, in the character index (whose last offset,
    /// the end of the text, was where `c` starts).
    fn note(&mut self, c: char) {
        self.chars.chars.push(c);
        self.chars.offs.push(self.text.len());
    }

    /// The characters of the view and their byte offsets.
    pub fn chars(&self) -> &CharIndex {
        &self.chars
    }

    /// Maps a byte range of the view back to a byte range of the original.
    /// An empty range maps to an empty range at the corresponding position.
    pub fn to_original(&self, r: Range<usize>) -> Range<usize> {
        let Some(last) = self.origin.last() else {
            return 0..0;
        };
        if r.start >= r.end {
            let at = if r.start < self.text.len() {
                self.origin_of_byte(r.start).start
            } else {
                last.end
            } as usize;
            return at..at;
        }
        let s = self.origin_of_byte(r.start).start as usize;
        let e = self.origin_of_byte(r.end - 1).end as usize;
        s..e.max(s)
    }

    /// The original range of the character that holds view byte `b`
    /// (`b < text.len()`).
    fn origin_of_byte(&self, b: usize) -> &Range<u32> {
        // (`offs` starts with 0 and ends with the length: the character is
        // the last one starting at or before `b`)
        let k = self.chars.offs.partition_point(|&o| o <= b);
        &self.origin[k - 1]
    }

    /// [`CleanText::to_original`] for ranges given mostly in text order, as
    /// the spans of an export: the characters of the range are searched from
    /// `hint` (the character of the last range's start, updated), in steps
    /// that double, rather than in all the text.
    pub fn to_original_near(&self, r: Range<usize>, hint: &mut usize) -> Range<usize> {
        if r.start >= r.end || r.end > self.text.len() {
            return self.to_original(r);
        }
        let ks = self.char_near(r.start, *hint);
        let ke = self.char_near(r.end - 1, ks);
        *hint = ks;
        let s = self.origin[ks].start as usize;
        let e = self.origin[ke].end as usize;
        s..e.max(s)
    }

    /// The character that holds view byte `b` (`b < text.len()`), searched
    /// from character `from`: the last `k` with `offs[k] <= b`.
    fn char_near(&self, b: usize, from: usize) -> usize {
        let offs = &self.chars.offs[..self.origin.len()];
        let h = from.min(offs.len() - 1);
        if offs[h] <= b {
            // forward: offs[lo] <= b; the answer is in lo..hi
            let (mut lo, mut step) = (h, 1);
            while lo + step < offs.len() && offs[lo + step] <= b {
                lo += step;
                step *= 2;
            }
            let hi = (lo + step).min(offs.len());
            lo + offs[lo..hi].partition_point(|&o| o <= b) - 1
        } else {
            // back: offs[hi] > b; the answer is below hi
            let (mut hi, mut step) = (h, 1);
            while hi >= step && offs[hi - step] > b {
                hi -= step;
                step *= 2;
            }
            let lo = hi.saturating_sub(step);
            lo + offs[lo..hi].partition_point(|&o| o <= b) - 1
        }
    }
}

impl CleanText {
    /// The original text of `needle`, a piece of the view (e.g. a metric's
    /// indicator), taking its last occurrence before view byte `before` (else
    /// its first after). `None` if the view does not hold it.
    pub fn original_of<'a>(
        &self,
        original: &'a str,
        needle: &str,
        before: usize,
    ) -> Option<&'a str> {
        if needle.is_empty() {
            return None;
        }
        let before = before.min(self.text.len());
        let at = self
            .text
            .get(..before)
            .and_then(|h| h.rfind(needle))
            .or_else(|| {
                self.text
                    .get(before..)
                    .and_then(|t| t.find(needle))
                    .map(|k| k + before)
            })?;
        original.get(self.to_original(at..at + needle.len()))
    }

    /// [`CleanText::original_of`] with the view's occurrences of the needles'
    /// first characters at hand (`positions`, over this view's text): for the
    /// many needles of one document, without a search of the view for each.
    pub fn original_of_at<'a>(
        &self,
        original: &'a str,
        positions: &CharPositions,
        needle: &str,
        before: usize,
    ) -> Option<&'a str> {
        if needle.is_empty() {
            return None;
        }
        let before = before.min(self.text.len());
        if !self.text.is_char_boundary(before) {
            return None;
        }
        let at = positions.nearest(needle, before)?;
        original.get(self.to_original(at..at + needle.len()))
    }
}

/// `c.len_utf8()`, without branches (to sum over many characters).
fn utf8_len(c: char) -> usize {
    let u = c as u32;
    1 + usize::from(u >= 0x80) + usize::from(u >= 0x800) + usize::from(u >= 0x10000)
}

/// Folds a full-width ASCII variant (`１`, `Ａ`, `％`, `．`) to ASCII; other characters unchanged.
pub fn fold_width(c: char) -> char {
    // (nearly every character: below the full-width forms, and not U+3000)
    if (c as u32) < 0xFF05 && c != '\u{3000}' {
        return c;
    }
    match c {
        '\u{FF10}'..='\u{FF19}'
        | '\u{FF21}'..='\u{FF3A}'
        | '\u{FF41}'..='\u{FF5A}'
        | '％'
        | '．'
        | '＋'
        | '－'
        | '／' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// One character of a pass's output and the byte range of the original it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Ch {
    pub c: char,
    pub s: u32,
    pub e: u32,
}

impl Ch {
    /// A character produced by the original characters `a` through `b` (inclusive).
    pub fn span(c: char, a: &Ch, b: &Ch) -> Ch {
        Ch { c, s: a.s, e: b.e }
    }
}

/// `s.starts_with(w)`, with the byte where `w` ends compared first, inline: in
/// a list of words tried at a position, most differ from the text there (a
/// continuation byte of their last character mostly does), and are ruled out
/// without a call to `memcmp`.
#[inline]
pub fn starts_with_word(s: &str, w: &str) -> bool {
    let (s, w) = (s.as_bytes(), w.as_bytes());
    match w.last() {
        None => true,
        Some(&last) => s.len() >= w.len() && s[w.len() - 1] == last && s.starts_with(w),
    }
}

/// `s.ends_with(w)`, with the last bytes compared first, inline (see
/// [`starts_with_word`]).
#[inline]
pub fn ends_with_word(s: &str, w: &str) -> bool {
    let (s, w) = (s.as_bytes(), w.as_bytes());
    match w.last() {
        None => true,
        Some(&last) => s.last() == Some(&last) && s.ends_with(w),
    }
}

/// `s.contains(c)` for a short `s` (a phrase, a unit, a list of a few
/// characters): one pass over its characters, where `str::contains` with a
/// character beyond ASCII sets up a substring search at every call (a few
/// hundred instructions, for a string of a few characters).
#[inline]
pub fn has_char(s: &str, c: char) -> bool {
    s.chars().any(|x| x == c)
}

/// Does `hay` contain one of `words` (none empty)? One pass over the
/// characters of `hay` (a short window), trying every word there, rather than
/// a substring search per word.
pub fn contains_word(hay: &str, words: &[&str]) -> bool {
    hay.char_indices()
        .any(|(k, _)| words.iter().any(|w| starts_with_word(&hay[k..], w)))
}

/// True for CJK ideographs (Han characters), including the extensions.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x323AF)
}

/// Builds the analysis view of `original`.
///
/// In order: invisible characters and `\r` dropped; HTML entities decoded
/// (`&nbsp;` `&lt;` `&amp;` `&#12345;` ...); HTML tags, comments, scripts and
/// tag debris (`?/p>`, `&lt;p`) removed, block tags becoming line breaks;
/// pinyin annotations after characters removed (`網(wǎng)` → `網`); newspaper
/// page headers dropped and words split by layout line breaks joined
/// (`国贸三角\n\n洲广场`); full-width digits, letters and `%` folded to ASCII;
/// stray spaces inside numbers and between numbers and characters removed
/// (`1760 0元`, `500 億`); Traditional characters converted to Simplified
/// (OpenCC tables, phrases first).
pub fn clean(original: &str) -> CleanText {
    // (whether there is markup: most texts have none, and the markup passes
    // are then not run at all; one pass over the bytes, which the compiler
    // vectorises, says so before any character is decoded)
    let markup = original.as_bytes().chunks(64).any(|b| {
        b.iter()
            .fold(false, |a, &x| a | matches!(x, b'&' | b'<' | b'>'))
    });
    let (v, breaks) = if markup {
        let (v, _) = decode(original, false);
        let v = noise::pinyin(noise::tags(noise::entities(noise::entities(v))));
        let breaks = layout::breaks(&v);
        (v, breaks)
    } else {
        // (the pinyin annotations are removed and the line breaks noted as
        // the text is decoded: no pass of their own over the stream)
        decode(original, true)
    };
    let v = layout::join_lines(v, &breaks);
    finish(&v, original)
}

/// Characters that are not in the analysis view at all.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\r' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// The characters of `original` (but the invisible ones) as the passes'
/// stream, and the positions in it of its line breaks (`\n`, and
/// [`noise::TAG_BREAK`] if the text has it).
///
/// With `inline` (a text without markup, where the markup passes would change
/// nothing), the pinyin annotations are removed here, as [`noise::pinyin`]
/// would remove them from the stream: this stream is then the one the layout
/// pass takes, and its line breaks are where the layout pass needs them.
/// Without `inline` the breaks are not noted (the markup passes would move them).
fn decode(original: &str, inline: bool) -> (Vec<Ch>, Vec<usize>) {
    let mut v: Vec<Ch> = Vec::with_capacity(original.len() / 2);
    let mut breaks = Vec::new();
    let mut it = original.char_indices();
    while let Some((i, c)) = it.next() {
        let e = it.offset();
        // (nearly every character is kept as it is, without a test of its
        // own: an ASCII character but `\r`, `\n` or `(`, or one in the CJK
        // blocks (U+2E80 to U+FEFE), among which no character needs more)
        let u = c as u32;
        if (0x2E80..0xFEFF).contains(&u) || (u < 0x80 && !matches!(c, '\r' | '\n' | '(')) {
            v.push(Ch {
                c,
                s: i as u32,
                e: e as u32,
            });
            continue;
        }
        if is_invisible(c) {
            continue;
        }
        if inline {
            match c {
                '\n' | noise::TAG_BREAK => breaks.push(v.len()),
                '(' | '（' => {
                    if let Some(prev) = v.last_mut() {
                        let after = original[e..]
                            .char_indices()
                            .filter(|&(_, c)| !is_invisible(c))
                            .map(|(k, c)| Ch {
                                c,
                                s: (e + k) as u32,
                                e: (e + k + c.len_utf8()) as u32,
                            });
                        if let Some((_, close)) = noise::annotation(prev.c, after) {
                            // The annotation belongs to its character (see
                            // `noise::pinyin`).
                            prev.e = close.e;
                            while it.offset() < close.e as usize {
                                it.next();
                            }
                            continue;
                        }
                    }
                }
                _ => {}
            }
        }
        v.push(Ch {
            c,
            s: i as u32,
            e: e as u32,
        });
    }
    (v, breaks)
}

/// The characters that [`finish`] does more with than copy them (nearly
/// every character of a text is none of them).
struct Special {
    /// Those that a tag break, the width folding, the stray spaces or the
    /// conversion to Simplified may change.
    any: BmpSet,
    /// Those of `any` but the ones that only start phrases of the conversion
    /// (and change only where one of their phrases is).
    changing: BmpSet,
}

fn special() -> &'static Special {
    static S: std::sync::OnceLock<Special> = std::sync::OnceLock::new();
    S.get_or_init(|| {
        let mut changing = t2s::trad_set().clone();
        for c in [
            ' ',
            '\t',
            '\u{A0}',
            '\u{3000}',
            '\u{2002}',
            '\u{2003}',
            noise::TAG_BREAK,
        ] {
            changing.insert(c);
        }
        for c in ('\u{FF00}'..='\u{FFFF}').filter(|&c| fold_width(c) != c) {
            changing.insert(c);
        }
        let mut any = t2s::may_change_set().clone();
        for (k, w) in any.0.iter_mut().enumerate() {
            *w |= changing.0[k];
        }
        Special { any, changing }
    })
}

/// The last passes over the stream in one, written straight into the
/// analysis view: tag breaks become `\n`; full-width forms are folded to
/// ASCII ([`fold_width`]); stray spaces in numbers are dropped (see
/// [`noise::drop_spaces`]); Traditional → Simplified (phrases first, then
/// characters).
///
/// They were passes of their own, each over the whole stream; in one they
/// give the same view because the conversion's phrases are all Han
/// characters (a test checks), which no folding changes and between which no
/// space is dropped, and because the conversion changes no ASCII character,
/// `\n` or space, and no character to one (the spaces' rule reads only these
/// in the view, besides the characters before conversion it is given).
fn finish(v: &[Ch], original: &str) -> CleanText {
    // (one character of the view per character of the stream, but for the
    // rare phrases whose Simplified form is longer)
    let mut out = CleanText::with_capacities(original.len(), v.len());
    let special = special();
    // The character before conversion of the stream's characters: a tag
    // break as `\n`, folded.
    let read = |k: usize| match v[k].c {
        noise::TAG_BREAK => '\n',
        c => fold_width(c),
    };
    // (`special.any.maybe`, its words at hand: the test at every character
    // without a check of the index)
    let words: &[u64; 0x10000 / 64] = &special.any.0;
    let any = |c: char| {
        let u = c as usize;
        u >= 0x10000 || words[u >> 6] & (1 << (u & 63)) != 0
    };
    // The last character written, before its conversion to Simplified.
    let mut prev: Option<char> = None;
    let n = v.len();
    let mut i = 0;
    while i < n {
        // (nearly every character is copied as it is: such runs are copied
        // at once)
        let mut k = i;
        loop {
            // (the next character that may change, found in a loop that does
            // nothing else; one that only starts phrases stays as it is where
            // none of them is)
            k += v[k..].iter().position(|ch| any(ch.c)).unwrap_or(n - k);
            if k == n || special.changing.maybe(v[k].c) || t2s::phrase_at_ch(&v[k..]).is_some() {
                break;
            }
            k += 1;
        }
        if k > i {
            out.push_run(&v[i..k], original);
            i = k;
            prev = Some(v[i - 1].c);
            continue;
        }
        let c = read(i);
        if noise::is_space(c) {
            let j = (i..n).find(|&k| !noise::is_space(read(k))).unwrap_or(n);
            if let Some(p) = prev {
                if j < n {
                    // (a number at the start of a line: the view's last
                    // characters are digits after a `\n` or nothing)
                    let line_start = || {
                        let cs = &out.chars.chars;
                        let k = cs
                            .iter()
                            .rposition(|c| !c.is_ascii_digit())
                            .map_or(0, |k| k + 1);
                        k == 0 || cs[k - 1] == '\n'
                    };
                    if noise::drop_spaces(p, line_start, j - i, (j..n).map(read)) {
                        i = j;
                        continue;
                    }
                }
            }
            out.push_ch(c, &v[i]);
            prev = Some(c);
            i += 1;
            continue;
        }
        if t2s::may_change(c) {
            if is_han(c) {
                if let Some((m, simp)) = t2s::phrase_at_ch(&v[i..]) {
                    if simp.len() == m {
                        for (k, &c) in simp.iter().enumerate() {
                            out.push_ch(c, &v[i + k]);
                        }
                    } else {
                        for &c in simp {
                            out.push_ch(c, &Ch::span(c, &v[i], &v[i + m - 1]));
                        }
                    }
                    i += m;
                    prev = Some(v[i - 1].c);
                    continue;
                }
            }
            out.push_ch(t2s::char_to_simplified(c), &v[i]);
        } else {
            out.push_ch(c, &v[i]);
        }
        prev = Some(c);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_positions_match_like_str_match_indices() {
        let text = "共享园区共享共享共享园区aaa园区，共享园区。";
        let pats = ["共享园区", "共享共享", "aa", "a", "园区", "。", "无", ""];
        let pos = CharPositions::new(text, pats.iter().filter_map(|p| p.chars().next()));
        let ix = CharIndex::new(text);
        let pos2 = CharPositions::indexed(text, &ix);
        for pat in pats {
            let want: Vec<usize> = text.match_indices(pat).map(|(i, _)| i).collect();
            let got: Vec<usize> = pos.match_indices(pat).collect();
            assert_eq!(got, want, "{pat:?}");
            let got: Vec<usize> = pos2.match_indices(pat).collect();
            assert_eq!(got, want, "{pat:?}");
        }
    }

    #[test]
    fn to_original_near_is_to_original() {
        let t = "咸寧高質量發展，&amp;<p>增长１２．３％</p>網(wǎng) 1760 0元\r\n𠀀ab";
        let c = clean(t);
        let n = c.text.len();
        let bounds: Vec<usize> = (0..=n).filter(|&b| c.text.is_char_boundary(b)).collect();
        for hint0 in [0, 3, 7, 1000] {
            let mut hint = hint0;
            for &a in &bounds {
                for &b in &bounds {
                    let r = a..b;
                    assert_eq!(c.to_original_near(r.clone(), &mut hint), c.to_original(r));
                }
            }
        }
    }

    #[test]
    fn nearest_is_rfind_before_else_find_after() {
        let text = "共享园区共享共享共享园区aaa园区，共享园区。";
        let pats = [
            "共享园区",
            "共享共享",
            "aa",
            "a",
            "园区",
            "。",
            "区，",
            "无",
        ];
        let pos = CharPositions::new(text, pats.iter().filter_map(|p| p.chars().next()));
        for pat in pats {
            for (before, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let want = text[..before]
                    .rfind(pat)
                    .or_else(|| text[before..].find(pat).map(|k| k + before));
                assert_eq!(pos.nearest(pat, before), want, "{pat:?} {before}");
            }
        }
    }

    #[test]
    fn char_set_is_str_contains() {
        let set = "省市区县镇乡州a1,𠀀";
        let cs = CharSet::new(set);
        for c in "省市区县镇乡州a1,b2。国县𠀀𠀁".chars() {
            assert_eq!(cs.contains(c), set.contains(c), "{c}");
        }
    }

    #[test]
    fn the_views_char_index_is_its_characters() {
        for t in [
            "",
            "a",
            "咸寧高質量發展，一目瞭然&amp;&#12345;<p>增长１２．３％</p>網(wǎng) 1760 0元\r\n𠀀",
            "國貿三角\n\n洲廣場",
        ] {
            let c = clean(t);
            assert_eq!(c.chars(), &CharIndex::new(&c.text), "{t:?}");
        }
        let mut c = CleanText::with_capacity(0);
        c.push('發', 0..3);
        c.push('a', 3..4);
        assert_eq!(c.chars(), &CharIndex::new(&c.text));
    }

    #[test]
    fn full_width_digits_become_ascii_and_map_back() {
        let t = "增长１２．３％";
        let c = clean(t);
        assert_eq!(c.text, "增长12.3%");
        let s = c.text.find('1').unwrap();
        let r = c.to_original(s..c.text.len());
        assert_eq!(&t[r], "１２．３％");
    }
}
