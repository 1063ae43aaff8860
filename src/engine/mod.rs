//! The annotation engine: pure Rust, UI-free, identical in the browser and the CLI.
//!
//! ## Pipeline
//! 1. [`text::clean`] builds an *analysis view* of the user's text (noise removed,
//!    characters normalised) with a map back to the original.
//! 2. [`segment`] tags the analysis view with jieba-rs (words and POS tags).
//! 3. The extractors ([`time`], [`slogans`], [`entities`], [`metrics`]) propose
//!    candidate spans on the analysis view.
//! 4. [`resolve`] makes the result flat: where candidates overlap, the longer,
//!    more specific one wins.
//! 5. Spans are mapped back to the original text and exported ([`export`]) with
//!    Unicode scalar offsets (and UTF-16 offsets for JavaScript consumers).
//!
//! Internally every span is a byte range into a `&str`; offsets in characters
//! are computed only at export.
pub mod decode;
pub mod edit;
pub mod entities;
pub mod export;
pub mod formats;
pub mod metrics;
pub mod model;
pub mod numbers;
pub mod resolve;
pub mod segment;
pub mod slogans;
pub mod text;
pub mod time;
pub mod units;

pub use model::{Annotation, Document, EntityType, Kind, Metric, Role};

use model::Candidate;

/// Everything an extractor may look at: the analysis view, its tokens and its
/// characters.
pub struct Context<'a> {
    /// The analysis view of the text (see [`text::clean`]).
    pub text: &'a str,
    /// jieba tokens over `text`, in order, covering it completely.
    pub tokens: &'a [segment::Token],
    /// The characters of `text` with their byte offsets, decoded once for every
    /// extractor's per-character scans.
    pub chars: &'a CharIndex,
}

/// Every character of a text and its byte offset.
#[derive(Clone, Debug, Default)]
pub struct CharIndex {
    /// Byte offset of every character, plus the text's length at the end.
    pub offs: Vec<usize>,
    /// Every character: `chars[i]` starts at `offs[i]`.
    pub chars: Vec<char>,
    /// Where each character occurs, and where each stage's scans may start,
    /// built on first use (see [`CharIndex::positions`], [`CharIndex::next_start`]).
    by_char: std::cell::OnceCell<ByChar>,
}

/// The byte offsets of every character of a text, grouped by character: one
/// pass over the text serves every phrase search of every stage (slogans,
/// times, entities, export), where each built its own index of the first
/// characters it needed. With them, the `STARTS` bits of every character,
/// for the per-character scans of times, metrics and slogans.
#[derive(Clone, Debug)]
struct ByChar {
    /// The [`STARTS`] bits of every character (see [`CharIndex::next_start`]).
    starts: Vec<u8>,
    /// Character -> its group + 1.
    slot: text::CharTable,
    /// Group `g` is `pos[start[g]..start[g + 1]]`, in text order.
    start: Vec<u32>,
    pos: Vec<usize>,
}

impl ByChar {
    fn new(offs: &[usize], chars: &[char]) -> Self {
        // Groups are numbered in order of first occurrence. Each character is
        // looked up once, in a loop that does nothing else (`of`: its group);
        // the groups' sizes are counted from `of` afterwards.
        let mut slot = text::CharTable::default();
        let mut groups = 0;
        let of: Vec<u32> = chars
            .iter()
            .map(|&c| {
                let e = slot.entry(c);
                if *e == 0 {
                    groups += 1;
                    *e = groups;
                }
                *e - 1
            })
            .collect();
        // `end[g]`: the size of group `g`, then (summed) where it ends in `pos`.
        let mut end = vec![0u32; groups as usize + 1];
        for &g in &of {
            end[g as usize] += 1;
        }
        let mut sum = 0;
        for e in &mut end {
            sum += *e;
            *e = sum;
        }
        // Filled from the end of the text, each group from its end, so that
        // each group is in text order and `end[g]` is left where it starts
        // (and where group `g - 1` ends: no second list of starts).
        let mut pos = vec![0; chars.len()];
        for (&g, &o) in of.iter().zip(&offs[..chars.len()]).rev() {
            let e = &mut end[g as usize];
            *e -= 1;
            pos[*e as usize] = o;
        }
        // (a character beyond the BMP has no entry: every bit, "maybe")
        let table = &*STARTS;
        let starts = chars.iter().map(|&c| table.get(c).unwrap_or(!0)).collect();
        ByChar {
            starts,
            slot,
            start: end,
            pos,
        }
    }
}

/// A bit of [`CharIndex::next_start`]: a time expression may start at the
/// character ([`time::MAY_START_CHARS`]).
pub(crate) const START_TIME: u8 = 1;
/// ... a figure may ([`metrics::NUMBER_START_CHARS`]).
pub(crate) const START_NUMBER: u8 = 2;
/// ... a scan of the slogans may ([`slogans::each_mark`]).
pub(crate) const START_SLOGAN: u8 = 4;

/// The `START_*` bits of every character of the Basic Multilingual Plane
/// (64 KB), from the stages' own lists of first characters.
static STARTS: std::sync::LazyLock<text::CharFlags> = std::sync::LazyLock::new(|| {
    let mut t = text::CharFlags::default();
    for c in time::MAY_START_CHARS.chars() {
        t.set(c, START_TIME);
    }
    for c in metrics::NUMBER_START_CHARS.chars() {
        t.set(c, START_NUMBER);
    }
    slogans::each_mark(|c, _| t.set(c, START_SLOGAN));
    t
});

impl PartialEq for CharIndex {
    fn eq(&self, other: &Self) -> bool {
        self.offs == other.offs && self.chars == other.chars
    }
}

impl Eq for CharIndex {}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let n = text.chars().count();
        let mut offs = Vec::with_capacity(n + 1);
        let mut chars = Vec::with_capacity(n);
        for (i, c) in text.char_indices() {
            offs.push(i);
            chars.push(c);
        }
        offs.push(text.len());
        CharIndex {
            offs,
            chars,
            by_char: Default::default(),
        }
    }

    fn by_char(&self) -> &ByChar {
        self.by_char
            .get_or_init(|| ByChar::new(&self.offs, &self.chars))
    }

    /// The byte offsets of the occurrences of `c`, in order.
    pub fn positions(&self, c: char) -> &[usize] {
        let b = self.by_char();
        match b.slot.get(c) {
            0 => &[],
            g => &b.pos[b.start[g as usize - 1] as usize..b.start[g as usize] as usize],
        }
    }

    /// The first character index from `from` on whose `START_*` bits include
    /// `bit`: the stages' scans pass over the characters that start nothing
    /// of theirs here, where each looked every character up in a table of its
    /// own. A stage still tests the character found (a character beyond the
    /// BMP has every bit).
    pub(crate) fn next_start(&self, from: usize, bit: u8) -> Option<usize> {
        let rest = self.by_char().starts.get(from..)?;
        // (eight characters a test: their bytes as one word, masked)
        let mask = u64::from_ne_bytes([bit; 8]);
        let mut chunks = rest.chunks_exact(8);
        let mut k = from;
        for chunk in &mut chunks {
            let w = u64::from_le_bytes(chunk.try_into().expect("8 bytes")) & mask;
            if w != 0 {
                return Some(k + w.trailing_zeros() as usize / 8);
            }
            k += 8;
        }
        let tail = chunks.remainder();
        tail.iter().position(|&f| f & bit != 0).map(|p| k + p)
    }
}

/// A short text that passes through every stage and table of the engine
/// (Traditional characters, a metric with its period, places, a body, a
/// person, a company, a slogan), for [`warm_up`].
const WARM_UP_TEXT: &str = "2023年1—9月，咸寧市一般公共預算收入15.48億元，同比增長12.3%，\
    居全省第2位。市委书记张明在湖北省武汉经济技术开发区调研，新签约项目117个，\
    总投资3个亿，湖北长江产业投资有限公司参与；深化“放管服”改革，推行“一企一策”。";

/// Builds every table of the engine now (jieba's dictionary, the lexicons, the
/// Traditional→Simplified tables) rather than on first use, by annotating a
/// short text. The page's worker calls this at start-up.
pub fn warm_up() {
    segment::warm_up();
    annotate("warm-up", WARM_UP_TEXT);
}

/// Annotates `text` (exactly as the user gave it) and returns the document.
///
/// `name` is the document's name (a file stem, a sample's name); it is copied
/// into the output and does not change the annotations.
pub fn annotate(name: &str, text: &str) -> Document {
    let clean = text::clean(text);
    let tokens = segment::tag_indexed(&clean.text, clean.chars());
    let ctx = Context {
        text: &clean.text,
        tokens: &tokens,
        chars: clean.chars(),
    };

    let times = time::extract(&ctx);
    let slogans = slogans::extract(&ctx);
    let entities = entities::extract(&ctx);
    let metrics = metrics::extract(&ctx, &times, &slogans);

    let mut all: Vec<Candidate> =
        Vec::with_capacity(times.len() + slogans.len() + entities.len() + metrics.len());
    all.extend(times);
    all.extend(slogans);
    all.extend(entities);
    all.extend(metrics);
    let flat = resolve::flatten(all);
    let flat = metrics::link_periods(&ctx, flat);
    export::document(name, text, &clean, flat)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `next_start` is the first character from `from` on with the bit, as a
    /// look at every character's bits says (at every offset of a word).
    #[test]
    fn next_start_is_a_scan_of_the_bits() {
        let text = "甲2023年乙“十四五”丙𠀀丁、一二三四五六七八九十2025年前三季度。".repeat(3);
        let ix = CharIndex::new(&text);
        let bits = |c: char| STARTS.get(c).unwrap_or(!0);
        for bit in [START_TIME, START_NUMBER, START_SLOGAN] {
            for from in 0..=ix.chars.len() + 1 {
                let want = (from..ix.chars.len()).find(|&k| bits(ix.chars[k]) & bit != 0);
                assert_eq!(ix.next_start(from, bit), want, "{bit} {from}");
            }
        }
    }
}
