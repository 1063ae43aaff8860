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
    /// Where each character occurs, built on first use (see [`CharIndex::positions`]).
    by_char: std::cell::OnceCell<ByChar>,
}

/// The byte offsets of every character of a text, grouped by character: one
/// pass over the text serves every phrase search of every stage (slogans,
/// times, entities, export), where each built its own index of the first
/// characters it needed.
#[derive(Clone, Debug)]
struct ByChar {
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
        ByChar {
            slot,
            start: end,
            pos,
        }
    }
}

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

    /// The byte offsets of the occurrences of `c`, in order.
    pub fn positions(&self, c: char) -> &[usize] {
        let b = self
            .by_char
            .get_or_init(|| ByChar::new(&self.offs, &self.chars));
        match b.slot.get(c) {
            0 => &[],
            g => &b.pos[b.start[g as usize - 1] as usize..b.start[g as usize] as usize],
        }
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
