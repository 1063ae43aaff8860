//! Turning the bytes of a file into text, or a clear reason why not.
//!
//! Used by both the CLI and the page, so a file gives the same text in both.
//!
//! [`decode_file`] looks at the file name and the bytes:
//! - plain text (`.txt` and anything not recognised below): UTF-8 with or
//!   without BOM, UTF-16 LE/BE (BOM, or BOM-less recognised by its NUL bytes),
//!   GB18030/GBK and Big5, detected without asking ([`encoding`]);
//! - `.html`/`.htm`: the visible text ([`html`]), in the page's declared
//!   charset or a detected one;
//! - `.docx` (or any Word zip): the paragraph text of `word/document.xml` ([`docx`]);
//! - `.md`/`.markdown`: the text as is.
//!
//! Binary files (images, PDF, old `.doc`, archives) are refused with the reason.
use super::model::Source;
use std::fmt;

pub mod docx;
pub mod encoding;
pub mod html;

/// Text decoded from a file, with how it was decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub source: Source,
    /// Invalid byte sequences replaced by U+FFFD (a damaged or truncated
    /// file); callers tell the user when this is not 0.
    pub replaced: usize,
}

/// Why a file could not be read as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The file has no content.
    Empty,
    /// The bytes are not text in any supported encoding.
    Binary,
    /// A known file format that is not text and is not supported (`PNG image`, `PDF document`).
    Unsupported { format: String, hint: &'static str },
    /// The bytes are not valid in the detected encoding.
    Invalid { encoding: String },
    /// A `.docx` that cannot be read (`reason` says why).
    BadDocx { reason: String },
    /// The file was read but holds no text.
    NoText { format: String },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "the file is empty"),
            DecodeError::Binary => write!(
                f,
                "the file is not text (it looks like a binary file); \
                 supported are .txt, .html, .docx and .md files"
            ),
            DecodeError::Unsupported { format, hint } => {
                write!(f, "the file is a {format}, which pizhu cannot read; {hint}")
            }
            DecodeError::Invalid { encoding } => write!(
                f,
                "the file is not valid {encoding} text, and no other supported encoding \
                 (UTF-8, UTF-16, GB18030/GBK, Big5) fits it"
            ),
            DecodeError::BadDocx { reason } => {
                write!(f, "the Word (.docx) file cannot be read: {reason}")
            }
            DecodeError::NoText { format } => write!(f, "the {format} file holds no text"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// The lower-case extension of a file name (`"a.HTML"` → `"html"`), or `""`.
fn extension(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

pub use encoding::Codec;
#[cfg(not(target_arch = "wasm32"))]
pub use encoding::EncodingRs;

/// Decodes a file's bytes, choosing the format from its name and its content;
/// legacy encodings with `encoding_rs`.
#[cfg(not(target_arch = "wasm32"))]
pub fn decode_file(name: &str, bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_file_with(name, bytes, &EncodingRs)
}

/// Decodes a file's bytes, choosing the format from its name and its content;
/// legacy encodings (GB18030, Big5 ...) with `codec`.
pub fn decode_file_with(
    name: &str,
    bytes: &[u8],
    codec: &dyn Codec,
) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    let ext = extension(name);
    if bytes.starts_with(b"PK\x03\x04") {
        // A zip: Word documents are read, other zips are not text.
        return match docx::extract(bytes) {
            Err(DecodeError::BadDocx { .. }) if ext != "docx" && !docx::is_docx(bytes) => {
                Err(DecodeError::Unsupported {
                    format: "zip archive".into(),
                    hint: "unpack it and open the text files inside",
                })
            }
            r => r,
        };
    }
    if ext == "docx" {
        return Err(DecodeError::BadDocx {
            reason: "it is not a zip archive (is it an old .doc renamed?)".into(),
        });
    }
    if let Some(e) = known_binary(bytes) {
        return Err(e);
    }
    match ext.as_str() {
        "html" | "htm" | "xhtml" | "shtml" => html::extract(bytes, codec),
        "md" | "markdown" => {
            let mut d = encoding::decode_text(bytes, codec)?;
            d.source.extraction = "markdown".into();
            Ok(d)
        }
        _ => {
            let d = encoding::decode_text(bytes, codec)?;
            if ext.is_empty() && html::looks_like_html(&d.text) {
                return html::extract(bytes, codec);
            }
            Ok(d)
        }
    }
}

/// Decodes a text file's bytes (no name: plain text, encoding detected).
#[cfg(not(target_arch = "wasm32"))]
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_file("", bytes)
}

/// Recognises common binary formats by their first bytes.
fn known_binary(b: &[u8]) -> Option<DecodeError> {
    const SIGS: [(&[u8], &str, &str); 13] = [
        (b"\x89PNG", "PNG image", "pizhu reads text, not images"),
        (b"GIF8", "GIF image", "pizhu reads text, not images"),
        (
            b"\xFF\xD8\xFF",
            "JPEG image",
            "pizhu reads text, not images",
        ),
        (
            b"RIFF",
            "RIFF (WebP/WAV/AVI) file",
            "pizhu reads text files",
        ),
        (b"BM", "", ""),
        (
            b"%PDF",
            "PDF document",
            "copy its text into the page, or save it as .txt or .docx",
        ),
        (
            b"\xD0\xCF\x11\xE0",
            "old Office document (.doc/.xls)",
            "save it as .docx or .txt",
        ),
        (b"\x7FELF", "program", "pizhu reads text files"),
        (b"MZ", "", ""),
        (b"\x1F\x8B", "gzip archive", "unpack it first"),
        (b"Rar!", "RAR archive", "unpack it first"),
        (b"7z\xBC\xAF", "7-Zip archive", "unpack it first"),
        (b"{\\rtf", "RTF document", "save it as .docx or .txt"),
    ];
    SIGS.iter()
        .find(|(s, f, _)| !f.is_empty() && b.starts_with(s))
        .map(|(_, f, h)| DecodeError::Unsupported {
            format: (*f).into(),
            hint: h,
        })
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
    fn png_is_refused_and_empty_is_empty() {
        let e = decode_file("a.txt", b"\x89PNG\r\n\x1a\n\0\0").unwrap_err();
        assert!(e.to_string().contains("PNG image"), "{e}");
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(
            decode(b"abc\0\0\0\x01\x02\x03def\0"),
            Err(DecodeError::Binary)
        );
    }

    #[test]
    fn extensions() {
        assert_eq!(extension("x/y/a.HTML"), "html");
        assert_eq!(extension(".bashrc"), "");
        assert_eq!(extension("a"), "");
    }
}
