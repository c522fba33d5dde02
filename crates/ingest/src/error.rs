//! Why an input could not be taken in.
//!
//! Every message names what is wrong and, where there is one, what the user
//! can do about it; the caller prefixes the file or record it concerns.

use thiserror::Error;

pub type Result<T> = std::result::Result<T, IngestError>;

#[derive(Debug, Error)]
pub enum IngestError {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),

    #[error("empty: there is no content to add")]
    Empty,

    #[error("binary content ({0}): sitrep reads text, Markdown, HTML, PDF, Word, e-mail, pictures, WARC, JSONL and Telegram and X exports")]
    Binary(String),

    #[error("cannot read text from pictures: {0}")]
    Ocr(String),

    #[error("cannot decode: {0}; if you know the encoding, pass --encoding LABEL (for example windows-1256)")]
    Undecodable(String),

    #[error("{what} is {size}, over the limit of {limit} (raise it with --{flag})")]
    TooLarge { what: &'static str, size: String, limit: String, flag: &'static str },

    #[error("HTML nested deeper than {limit} elements (raise it with --max-html-depth)")]
    TooDeep { limit: usize },

    #[error("no text: {0}")]
    NoText(String),

    #[error("not a valid {format} file: {reason}")]
    Malformed { format: &'static str, reason: String },

    #[error("nothing to add: {0}")]
    Nothing(String),
}

impl IngestError {
    pub(crate) fn too_large(what: &'static str, size: u64, limit: u64, flag: &'static str) -> IngestError {
        IngestError::TooLarge { what, size: human_bytes(size), limit: human_bytes(limit), flag }
    }

    pub(crate) fn malformed(format: &'static str, reason: impl Into<String>) -> IngestError {
        IngestError::Malformed { format, reason: reason.into() }
    }
}

/// `1536` → `1.5 KiB`: sizes in messages a person reads.
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u < UNITS.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} bytes")
    } else if v.fract() == 0.0 {
        format!("{v:.0} {}", UNITS[u])
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}
