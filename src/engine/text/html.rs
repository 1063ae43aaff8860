//! HTML pieces shared by the analysis view and the HTML file extractor:
//! character references and the names of common tags.

/// Decodes the character reference at the start of `s` (which starts with `&`):
/// `&nbsp;`, `&lt;`, `&amp;`, `&ldquo;`, `&#12345;`, `&#x4E2D;` ... Returns the
/// character and the number of bytes of `s` it takes. The commonest names are
/// also accepted without their `;` (`&nbsp` `&lt` `&gt` `&amp` `&quot`), as
/// copy-pasted pages often have them.
pub fn decode_entity(s: &str) -> Option<(char, usize)> {
    let b = s.as_bytes();
    if b.first() != Some(&b'&') {
        return None;
    }
    let body_len = b[1..]
        .iter()
        .take(12)
        .take_while(|x| x.is_ascii_alphanumeric() || **x == b'#')
        .count();
    let body = &s[1..1 + body_len];
    let semi = b.get(1 + body_len) == Some(&b';');
    let used = 1 + body_len + usize::from(semi);
    if let Some(num) = body.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(h) => u32::from_str_radix(h, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        let c = match n {
            0xA0 => ' ',
            _ => char::from_u32(n).filter(|c| !c.is_control() || c.is_whitespace())?,
        };
        return Some((c, used));
    }
    let c = match body {
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        _ if !semi => return None,
        "apos" => '\'',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "middot" => '·',
        "bull" => '•',
        "times" => '×',
        "divide" => '÷',
        "yen" => '¥',
        "copy" => '©',
        "reg" => '®',
        "deg" => '°',
        "permil" => '‰',
        "laquo" => '«',
        "raquo" => '»',
        "plusmn" => '±',
        _ => return None,
    };
    Some((c, used))
}

/// Tags whose start or end breaks a line of text.
pub fn is_block_tag(name: &str) -> bool {
    const BLOCK: [&str; 29] = [
        "p",
        "br",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "hr",
        "dd",
        "dt",
        "dl",
        "nav",
        "aside",
        "main",
        "figure",
        "figcaption",
    ];
    BLOCK.iter().any(|t| t.eq_ignore_ascii_case(name))
}

/// Common tag names, used to recognise tag debris that lost its `<` or `>`.
pub fn is_known_tag(name: &str) -> bool {
    const INLINE: [&str; 18] = [
        "span", "a", "b", "i", "em", "strong", "font", "img", "td", "th", "sub", "sup", "u",
        "small", "big", "center", "tbody", "thead",
    ];
    is_block_tag(name) || INLINE.iter().any(|t| t.eq_ignore_ascii_case(name))
}

/// Tags whose content is not text (`<script>`, `<style>` ...).
pub fn is_hidden_tag(name: &str) -> bool {
    ["script", "style", "noscript", "template", "head", "title"]
        .iter()
        .any(|t| t.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities() {
        assert_eq!(decode_entity("&nbsp;x"), Some((' ', 6)));
        assert_eq!(decode_entity("&lt;p"), Some(('<', 4)));
        assert_eq!(decode_entity("&ltp"), None);
        assert_eq!(decode_entity("&amp"), Some(('&', 4)));
        assert_eq!(decode_entity("&#20013;"), Some(('中', 8)));
        assert_eq!(decode_entity("&#x4E2D;"), Some(('中', 8)));
        assert_eq!(decode_entity("&ldquo;"), Some(('“', 7)));
        assert_eq!(decode_entity("&foo;"), None);
        assert_eq!(decode_entity("& b"), None);
    }
}
