//! Bounds on what one input may cost.
//!
//! Analysts add whatever they collected, including pages that are broken or
//! built to hurt parsers. Every reader checks these limits and refuses with
//! an error naming the limit and the flag that raises it, so a hostile input
//! costs bounded memory and time and the rest of the batch goes on.

/// Limits applied while reading inputs. Every field has a command-line flag
/// of the same name (`max_document_bytes` is `--max-document-bytes`).
#[derive(Clone, Debug)]
pub struct Limits {
    /// Largest file, WARC record or JSONL document taken in as one document.
    pub max_document_bytes: u64,
    /// Longest line of a JSONL file.
    pub max_line_bytes: u64,
    /// Deepest element nesting in an HTML page.
    pub max_html_depth: usize,
    /// Most bytes a compressed stream (a `.warc.gz`, a gzip-encoded HTTP
    /// body) may expand to, per file: a gzip bomb stops here.
    pub max_decompressed_bytes: u64,
    /// Most pages read from one PDF.
    pub max_pdf_pages: usize,
    /// Longest time spent reading one PDF's text, in seconds.
    pub max_pdf_seconds: u64,
    /// Largest export read whole to find its posts (a Telegram
    /// `result.json`, an X `tweets.js`): their formats are one JSON value,
    /// not a stream of records.
    pub max_export_bytes: u64,
    /// Longest time OCR may spend on one picture or scanned PDF, in seconds.
    pub max_ocr_seconds: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_document_bytes: 64 << 20,
            max_line_bytes: 16 << 20,
            max_html_depth: 512,
            max_decompressed_bytes: 4 << 30,
            max_pdf_pages: 2_000,
            max_pdf_seconds: 60,
            max_export_bytes: 1 << 30,
            max_ocr_seconds: 300,
        }
    }
}
