//! Turning the bytes of a file into text, or a clear reason why not.
//!
//! Used by both the CLI and the page, so a file gives the same text in both.
use super::model::Source;
use std::fmt;

/// Text decoded from a file, with how it was decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub source: Source,
}

/// Why a file could not be read as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The file has no content.
    Empty,
    /// The bytes are not text in any supported encoding (e.g. an image).
    Binary,
    /// The bytes are not valid in the detected encoding.
    Invalid { encoding: String },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "the file is empty"),
            DecodeError::Binary => write!(f, "the file is not text (it looks like a binary file)"),
            DecodeError::Invalid { encoding } => write!(f, "the file is not valid {encoding} text"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes a text file's bytes.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if looks_binary(body) {
        return Err(DecodeError::Binary);
    }
    match std::str::from_utf8(body) {
        Ok(s) => Ok(Decoded {
            text: s.to_string(),
            source: Source::default(),
        }),
        Err(_) => Err(DecodeError::Invalid {
            encoding: "UTF-8".into(),
        }),
    }
}

/// A NUL byte in the first 8 KiB (outside UTF-16) or a known binary signature.
fn looks_binary(b: &[u8]) -> bool {
    const SIGS: [&[u8]; 5] = [b"\x89PNG", b"GIF8", b"\xFF\xD8\xFF", b"%PDF", b"\x7FELF"];
    SIGS.iter().any(|s| b.starts_with(s)) || b.iter().take(8192).any(|&x| x == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("咸安".as_bytes()).unwrap().text, "咸安");
        assert_eq!(decode(b"\xEF\xBB\xBF\xE5\x92\xB8").unwrap().text, "咸");
    }

    #[test]
    fn png_is_binary_and_empty_is_empty() {
        assert_eq!(decode(b"\x89PNG\r\n\x1a\n\0\0"), Err(DecodeError::Binary));
        assert_eq!(decode(b""), Err(DecodeError::Empty));
    }
}
