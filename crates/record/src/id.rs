//! Document ids: the SHA-256 of a document's raw bytes.
//!
//! The archive's tables hold the bare hex, records and linked output
//! `sha256:` and the hex, and every page and line shows the first 12 hex
//! digits (unique in any realistic archive, short to read; commands take
//! them back as a prefix). [`DocId`] is the one place that knows these
//! shapes.
//!
//! ```
//! use sitrep_record::DocId;
//! let id = DocId::of(b"some bytes");
//! assert_eq!(id.hex().len(), 64);
//! assert_eq!(id.to_string(), format!("sha256:{}", id.hex()));
//! assert_eq!(DocId::parse(&id.to_string()), Some(id.clone()));
//! assert_eq!(DocId::short_of(&id.to_string()), &id.hex()[..12]);
//! ```

use sha2::{Digest, Sha256};
use std::fmt;

/// A whole document id (64 lowercase hex digits).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocId(String);

/// Hex digits every output shows of an id.
pub const SHORT: usize = 12;

impl DocId {
    /// The id of these raw bytes.
    pub fn of(bytes: &[u8]) -> DocId {
        let digest = Sha256::digest(bytes);
        let mut hex = String::with_capacity(64);
        for b in digest.iter() {
            use fmt::Write as _;
            let _ = write!(hex, "{b:02x}");
        }
        DocId(hex)
    }

    /// A whole id, with or without `sha256:` in front, in either case.
    pub fn parse(s: &str) -> Option<DocId> {
        let hex = DocId::hex_of(s.trim());
        (hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit())).then(|| DocId(hex.to_ascii_lowercase()))
    }

    /// The 64 hex digits, as the archive's tables hold them.
    pub fn hex(&self) -> &str {
        &self.0
    }

    /// The 64 hex digits, owned.
    pub fn into_hex(self) -> String {
        self.0
    }

    /// The first 12 hex digits.
    pub fn short(&self) -> &str {
        &self.0[..SHORT]
    }

    /// The hex part of an id as some text holds it (`sha256:` dropped),
    /// whether or not it is whole.
    pub fn hex_of(id: &str) -> &str {
        id.strip_prefix("sha256:").unwrap_or(id)
    }

    /// An id (or a prefix of one) as the archive's tables key it: trimmed,
    /// `sha256:` dropped, lowercase.
    pub fn key_of(id: &str) -> String {
        DocId::hex_of(id.trim()).to_ascii_lowercase()
    }

    /// The first 12 characters of [`DocId::hex_of`]: an id as every output
    /// shows it.
    pub fn short_of(id: &str) -> &str {
        let hex = DocId::hex_of(id);
        hex.char_indices().nth(SHORT).map_or(hex, |(i, _)| &hex[..i])
    }
}

/// `sha256:` and the hex, as records and linked output write it.
impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sha256:{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_in_every_shape_they_are_written() {
        let id = DocId::of(b"");
        assert_eq!(id.hex(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(DocId::parse(&id.hex().to_uppercase()), Some(id.clone()));
        assert_eq!(DocId::parse(&format!(" sha256:{} ", id.hex())), Some(id.clone()));
        assert_eq!(DocId::parse("sha256:e3b0c442"), None, "a prefix is not an id");
        assert_eq!(id.short(), "e3b0c44298fc");
        assert_eq!(DocId::short_of("sha256:abc"), "abc");
        assert_eq!(DocId::hex_of("abcdef"), "abcdef");
        assert_eq!(DocId::key_of(" sha256:ABCdef "), "abcdef");
    }
}
