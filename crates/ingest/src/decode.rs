//! Bytes to Unicode: encoding detection for text-bearing inputs.
//!
//! The order of evidence: a byte-order mark, then an encoding the container
//! declares (HTTP header, `<meta charset>`), then valid UTF-8, then the two
//! legacy encodings met in Levantine reporting: windows-1256 (Arabic) and
//! ISO-8859-1 (Western European). Text that is mostly UTF-8 with a few bad
//! bytes is damaged UTF-8, not a legacy encoding: it is refused with the
//! offset, rather than silently turned into mojibake.

use crate::error::{IngestError, Result};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1256};

/// Text decoded from bytes, with the encoding that was found.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// WHATWG name of the encoding (`UTF-8`, `UTF-16LE`, `windows-1256`,
    /// `ISO-8859-1`).
    pub encoding: &'static str,
}

/// What the file's first bytes say it is, for formats sitrep cannot read.
pub fn sniff_binary(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: [(&[u8], &str); 12] = [
        (b"\x89PNG", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"PK\x03\x04", "ZIP archive or office document"),
        (b"\x1F\x8B", "gzip data"),
        (b"\x7FELF", "executable"),
        (b"MZ", "executable"),
        (b"SQLite format 3\0", "SQLite database"),
        (b"BZh", "bzip2 data"),
        (b"\xFD7zXZ", "xz data"),
        (b"7z\xBC\xAF", "7-Zip archive"),
        (b"RIFF", "audio or video"),
    ];
    for (magic, name) in MAGIC {
        if bytes.starts_with(magic) {
            return Some(name);
        }
    }
    if bom(bytes).is_some() {
        return None;
    }
    // Text has no NUL bytes and few control characters; measure a prefix.
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Some("contains NUL bytes");
    }
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B)).count();
    if controls * 20 > head.len() {
        return Some("mostly control characters");
    }
    None
}

fn bom(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    Encoding::for_bom(bytes)
}

/// Decodes `bytes`, trusting a BOM first and then `declared`, if any.
pub fn decode(bytes: &[u8], declared: Option<&'static Encoding>) -> Result<Decoded> {
    if let Some((enc, len)) = bom(bytes) {
        return strict(enc, &bytes[len..]);
    }
    if let Some(enc) = declared {
        // A page that declares a legacy encoding but is valid UTF-8 is
        // UTF-8: servers mislabel far more often than files are ambiguous.
        if enc != UTF_8 && enc != UTF_16LE && enc != UTF_16BE && std::str::from_utf8(bytes).is_ok() && !bytes.is_ascii()
        {
            return strict(UTF_8, bytes);
        }
        return strict(enc, bytes);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded { text: s.to_owned(), encoding: UTF_8.name() }),
        Err(e) => {
            if looks_like_damaged_utf8(bytes) {
                return Err(IngestError::Undecodable(format!(
                    "invalid UTF-8 at byte {} in text that is otherwise UTF-8",
                    e.valid_up_to()
                )));
            }
            Ok(legacy(bytes))
        }
    }
}

/// Decodes with `enc`, refusing malformed sequences instead of inserting
/// replacement characters.
fn strict(enc: &'static Encoding, bytes: &[u8]) -> Result<Decoded> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(IngestError::Undecodable(format!("malformed {} sequence", enc.name())));
    }
    Ok(Decoded { text: text.into_owned(), encoding: enc.name() })
}

/// Well-formed multi-byte UTF-8 sequences outnumber the bad bytes: the file
/// was UTF-8 and got damaged.
fn looks_like_damaged_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                good += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let ok = &rest[..e.valid_up_to()];
                good += std::str::from_utf8(ok).map(|s| s.chars().filter(|c| !c.is_ascii()).count()).unwrap_or(0);
                bad += 1;
                let skip = e.error_len().unwrap_or(rest.len() - e.valid_up_to());
                rest = &rest[e.valid_up_to() + skip..];
            }
        }
    }
    good > 0 && good >= bad
}

/// Chooses between windows-1256 and ISO-8859-1 for non-UTF-8 text.
///
/// Arabic words are runs of high bytes; Western European text has isolated
/// accented letters inside ASCII words. So: among bytes ≥ 0x80, the share
/// that sit next to another high byte, and whether windows-1256 reads them
/// as Arabic letters.
fn legacy(bytes: &[u8]) -> Decoded {
    let mut high = 0usize;
    let mut paired = 0usize;
    for (i, &b) in bytes.iter().enumerate() {
        if b < 0x80 {
            continue;
        }
        high += 1;
        let prev = i > 0 && bytes[i - 1] >= 0x80;
        let next = i + 1 < bytes.len() && bytes[i + 1] >= 0x80;
        if prev || next {
            paired += 1;
        }
    }
    let (arabic_text, _) = WINDOWS_1256.decode_without_bom_handling(bytes);
    let arabic_letters = arabic_text.chars().filter(|&c| sitrep_text::fold::is_arabic_letter(c)).count();
    if high > 0 && paired * 2 > high && arabic_letters * 2 > high {
        return Decoded { text: arabic_text.into_owned(), encoding: WINDOWS_1256.name() };
    }
    // Bytes 0x80-0x9F are control codes in ISO-8859-1 but dashes, quotes
    // and € in windows-1252, which is what such files almost always are.
    if bytes.iter().any(|b| (0x80..=0x9F).contains(b)) {
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
        return Decoded { text: text.into_owned(), encoding: encoding_rs::WINDOWS_1252.name() };
    }
    // ISO-8859-1 maps every byte to the code point of the same number.
    Decoded { text: bytes.iter().map(|&b| b as char).collect(), encoding: "ISO-8859-1" }
}

/// The encoding a `charset=` label names, if encoding_rs knows it.
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().trim_matches(|c| c == '"' || c == '\'').as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_supported_encoding() {
        let arabic = "قصف مدفعي على الأحياء الشرقية";
        let (w1256, _, _) = WINDOWS_1256.encode(arabic);
        let d = decode(&w1256, None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (arabic, "windows-1256"));

        let french = "Les réfugiés ont quitté la ville à pied.";
        let latin1: Vec<u8> = french.chars().map(|c| c as u32 as u8).collect();
        let d = decode(&latin1, None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (french, "ISO-8859-1"));

        let cp1252 = b"killed in Aleppo\x97the worst week \x93so far\x94";
        let d = decode(cp1252, None).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("killed in Aleppo\u{2014}the worst week \u{201C}so far\u{201D}", "windows-1252")
        );

        let mut utf16 = vec![0xFF, 0xFE];
        for u in arabic.encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&utf16, None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (arabic, "UTF-16LE"));

        let d = decode(arabic.as_bytes(), None).unwrap();
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn damaged_utf8_is_refused_with_its_offset() {
        let mut bytes = "حلب تحت الحصار".as_bytes().to_vec();
        bytes.insert(4, 0xFF);
        let err = decode(&bytes, None).unwrap_err().to_string();
        assert!(err.contains("invalid UTF-8 at byte 4"), "{err}");
    }

    #[test]
    fn binary_is_recognized() {
        assert_eq!(sniff_binary(b"\x89PNG\r\n\x1a\n...."), Some("PNG image"));
        assert_eq!(sniff_binary(b"abc\0def"), Some("contains NUL bytes"));
        assert_eq!(sniff_binary("plain words".as_bytes()), None);
    }
}
