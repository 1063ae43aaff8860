//! The visible text of an HTML page: scripts, styles and the head dropped,
//! block tags turned into line breaks, character references decoded,
//! whitespace collapsed as a browser does (a line break between two Chinese
//! characters disappears).
use super::{encoding, DecodeError, Decoded};
use crate::engine::model::Source;
use crate::engine::text::html::{decode_entity, is_block_tag, is_hidden_tag};
use crate::engine::text::is_han;

/// True when `text` starts like an HTML document.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// Decodes an HTML file (declared charset, else detected) and extracts its text.
pub fn extract(bytes: &[u8], codec: &dyn encoding::Codec) -> Result<Decoded, DecodeError> {
    let declared = encoding::html_declared(bytes, codec);
    let (page, enc, replaced) = encoding::detect(bytes, declared.as_deref(), codec)?;
    let text = visible_text(&page);
    if text.trim().is_empty() {
        return Err(DecodeError::NoText {
            format: "HTML".into(),
        });
    }
    Ok(Decoded {
        text,
        source: Source {
            encoding: enc,
            extraction: "html".into(),
        },
        replaced,
    })
}

/// Builds the visible text; `pending` whitespace is resolved when text follows.
struct Out {
    s: String,
    /// 0: nothing, 1: a space, 2: a line break, 3: a paragraph break.
    pending: u8,
    /// The pending space came from a source line break (dropped between Han characters).
    newline_space: bool,
}

impl Out {
    fn brk(&mut self, level: u8) {
        if !self.s.is_empty() {
            self.pending = self.pending.max(level);
        }
    }
    fn space(&mut self, from_newline: bool) {
        if !self.s.is_empty() && self.pending == 0 {
            self.pending = 1;
            self.newline_space = from_newline;
        } else if self.pending == 1 {
            self.newline_space &= from_newline;
        }
    }
    fn push(&mut self, c: char) {
        match self.pending {
            1 => {
                let prev_han = self.s.chars().next_back().is_some_and(is_han);
                if !(self.newline_space && prev_han && is_han(c)) {
                    self.s.push(' ');
                }
            }
            2 => self.s.push('\n'),
            3 => self.s.push_str("\n\n"),
            _ => {}
        }
        self.pending = 0;
        self.newline_space = false;
        self.s.push(c);
    }
}

fn find_ci(hay: &str, from: usize, pat: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let p = pat.as_bytes();
    (from..h.len().saturating_sub(p.len() - 1)).find(|&i| h[i..i + p.len()].eq_ignore_ascii_case(p))
}

/// The visible text of an HTML document.
pub fn visible_text(page: &str) -> String {
    let b = page.as_bytes();
    let mut out = Out {
        s: String::with_capacity(page.len() / 3),
        pending: 0,
        newline_space: false,
    };
    let mut i = 0;
    while i < page.len() {
        let c = page[i..].chars().next().unwrap_or(' ');
        if c == '<' {
            if page[i..].starts_with("<!--") {
                i = page[i + 4..]
                    .find("-->")
                    .map_or(page.len(), |k| i + 4 + k + 3);
                continue;
            }
            let closing = b.get(i + 1) == Some(&b'/');
            let ns = i + 1 + usize::from(closing);
            let is_tag = b
                .get(ns)
                .is_some_and(|x| x.is_ascii_alphabetic() || (!closing && matches!(x, b'!' | b'?')));
            if is_tag {
                let nl = b[ns..]
                    .iter()
                    .take_while(|x| x.is_ascii_alphanumeric())
                    .count();
                let name = &page[ns..ns + nl];
                // The tag ends at the first `>` outside quotes.
                let mut k = ns + nl;
                let mut quote = 0u8;
                while k < b.len() {
                    match b[k] {
                        q @ (b'"' | b'\'') if quote == 0 => quote = q,
                        q if q == quote => quote = 0,
                        b'>' if quote == 0 => break,
                        _ => {}
                    }
                    k += 1;
                }
                let end = (k + 1).min(page.len());
                if !closing && is_hidden_tag(name) && !b[..end].ends_with(b"/>") {
                    let close = format!("</{name}");
                    i = find_ci(page, end, &close)
                        .and_then(|c| page[c..].find('>').map(|g| c + g + 1))
                        .unwrap_or(page.len());
                    continue;
                }
                if name.eq_ignore_ascii_case("br") {
                    out.brk(2);
                } else if is_block_tag(name) || name.eq_ignore_ascii_case("td") {
                    out.brk(if name.eq_ignore_ascii_case("td") {
                        1
                    } else {
                        3
                    });
                }
                i = end;
                continue;
            }
        }
        if c == '&' {
            if let Some((d, n)) = decode_entity(&page[i..]) {
                if d == ' ' {
                    out.space(false);
                } else {
                    out.push(d);
                }
                i += n;
                continue;
            }
        }
        if c.is_whitespace() {
            out.space(c == '\n' || c == '\r');
        } else {
            out.push(c);
        }
        i += c.len_utf8();
    }
    if !out.s.is_empty() {
        out.s.push('\n');
    }
    out.s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_text_of_a_page() {
        let page = "<!DOCTYPE html><html><head><title>T</title><style>p{color:red}</style>\
            <script>var a = '<p>';</script></head><body><h1>咸安:争创\n绿色崛起</h1>\
            <p class=\"x\">签约了,30亿元!&nbsp;13日,<b>鄂旅投</b>公司&amp;咸安区</p>\
            <!-- ad --><div>第二段<br>下一行</div></body></html>";
        assert_eq!(
            visible_text(page),
            "咸安:争创绿色崛起\n\n签约了,30亿元! 13日,鄂旅投公司&咸安区\n\n第二段\n下一行\n"
        );
    }
}
