//! Segmentation and part-of-speech tags, from jieba-rs.
//!
//! The segmenter is built once (`LazyLock`) and shared. Tokens carry byte ranges
//! into the analysed text so extractors can work on spans, not strings.
use jieba_rs::Jieba;
use std::ops::Range;
use std::sync::LazyLock;

/// One jieba token: its byte range in the analysed text and its POS tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub range: Range<usize>,
    pub tag: String,
}

/// The domain user dictionary (`data/userdict.txt`): `WORD [FREQ [TAG]]` per line.
const USERDICT: &str = include_str!("../../data/userdict.txt");

/// Parses the user dictionary; a bad line is an error naming its line number.
/// One user dictionary entry: word, frequency, tag.
type Entry = (&'static str, Option<usize>, Option<&'static str>);

fn userdict() -> Result<Vec<Entry>, String> {
    let mut out = Vec::new();
    for (i, line) in USERDICT.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() > 3 {
            return Err(format!("userdict.txt:{}: too many fields", i + 1));
        }
        let freq = match f.get(1) {
            Some(x) => Some(
                x.parse()
                    .map_err(|_| format!("userdict.txt:{}: bad frequency {x:?}", i + 1))?,
            ),
            None => None,
        };
        out.push((f[0], freq, f.get(2).copied()));
    }
    Ok(out)
}

static JIEBA: LazyLock<Jieba> = LazyLock::new(|| {
    let mut j = Jieba::new();
    for (w, freq, tag) in userdict().unwrap_or_else(|e| panic!("embedded {e}")) {
        j.add_word(w, freq, tag);
    }
    j
});

/// Builds the segmenter now rather than on first use (the page calls this at start-up).
pub fn warm_up() {
    LazyLock::force(&JIEBA);
}

/// Whether `word` is in the segmenter's dictionary (a known word, not a guess).
pub fn is_word(word: &str) -> bool {
    JIEBA.has_word(word)
}

/// Tags `text` with jieba (HMM on); tokens cover the text in order.
pub fn tag(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut pos = 0usize;
    for t in JIEBA.tag(text, true) {
        let len = t.word.len();
        out.push(Token {
            range: pos..pos + len,
            tag: t.tag.to_string(),
        });
        pos += len;
    }
    debug_assert_eq!(pos, text.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn userdict_parses_and_is_used() {
        assert!(userdict().unwrap().len() > 10);
        let text = "咸安经济开发区管委会";
        let words: Vec<&str> = tag(text).iter().map(|t| &text[t.range.clone()]).collect();
        assert!(words.contains(&"管委会"), "{words:?}");
    }

    #[test]
    fn tokens_cover_the_text() {
        let text = "咸安区2023年地区生产总值增长12.3%。";
        let toks = tag(text);
        assert_eq!(toks.first().unwrap().range.start, 0);
        assert_eq!(toks.last().unwrap().range.end, text.len());
        for w in toks.windows(2) {
            assert_eq!(w[0].range.end, w[1].range.start);
        }
    }
}
