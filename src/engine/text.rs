//! Text normalisation: the *analysis view* of the user's text, with a map back.
//!
//! Extractors never see the text as given: they see a cleaned copy in which
//! noise is removed and characters are normalised (full-width digits and
//! letters become ASCII). Every character of the copy remembers the byte range
//! of the original it came from, so a span found on the copy maps back to the
//! original exactly; a span that covers removed noise in the original still
//! covers it (the map takes the start of its first character and the end of
//! its last).
use std::ops::Range;

/// The analysis view of a text and its map to the original.
#[derive(Clone, Debug)]
pub struct CleanText {
    /// The analysis view.
    pub text: String,
    /// For each byte of `text`, the byte range in the original of the
    /// character that produced it.
    origin: Vec<Range<u32>>,
}

impl CleanText {
    /// Starts an empty view (use [`CleanText::push`] to fill it).
    pub fn with_capacity(n: usize) -> Self {
        CleanText {
            text: String::with_capacity(n),
            origin: Vec::with_capacity(n),
        }
    }

    /// Appends `c` to the view, produced by `orig` (a byte range of the original).
    pub fn push(&mut self, c: char, orig: Range<usize>) {
        self.text.push(c);
        let r = orig.start as u32..orig.end as u32;
        for _ in 0..c.len_utf8() {
            self.origin.push(r.clone());
        }
    }

    /// Maps a byte range of the view back to a byte range of the original.
    /// An empty range maps to an empty range at the corresponding position.
    pub fn to_original(&self, r: Range<usize>) -> Range<usize> {
        if self.origin.is_empty() {
            return 0..0;
        }
        if r.start >= r.end {
            let at = if r.start < self.origin.len() {
                self.origin[r.start].start
            } else {
                self.origin[self.origin.len() - 1].end
            } as usize;
            return at..at;
        }
        let s = self.origin[r.start].start as usize;
        let e = self.origin[r.end - 1].end as usize;
        s..e.max(s)
    }
}

/// Folds a full-width ASCII variant (`１`, `Ａ`, `％`, `．`) to ASCII; other characters unchanged.
pub fn fold_width(c: char) -> char {
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

/// Builds the analysis view of `original`.
pub fn clean(original: &str) -> CleanText {
    let mut out = CleanText::with_capacity(original.len());
    for (i, c) in original.char_indices() {
        out.push(fold_width(c), i..i + c.len_utf8());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
