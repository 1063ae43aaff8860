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

static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// Builds the segmenter now rather than on first use (the page calls this at start-up).
pub fn warm_up() {
    LazyLock::force(&JIEBA);
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
