//! The document every reader produces.

use serde::Serialize;
use sitrep_record::DocId;
use sitrep_text::lang::{document_languages, paragraphs, Paragraph};
use sitrep_text::Span;

/// What the text was converted from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
    Pdf,
    /// A social-media post (a Telegram message, an X post) read from the
    /// JSON its platform or a research tool wrote.
    Post,
    /// An e-mail message: its text part, its headers as provenance.
    Email,
    /// A Word document (`.docx`).
    Docx,
    /// A picture or a scan, its text read by OCR.
    Image,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Post => "post",
            Format::Email => "email",
            Format::Docx => "docx",
            Format::Image => "image",
        }
    }

    pub fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "text" => Format::Text,
            "markdown" => Format::Markdown,
            "html" => Format::Html,
            "pdf" => Format::Pdf,
            "post" => Format::Post,
            "email" => Format::Email,
            "docx" => Format::Docx,
            "image" => Format::Image,
            _ => return None,
        })
    }
}

/// A file that holds many documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Container {
    Warc,
    Jsonl,
    /// A Telegram Desktop export (`result.json`).
    Telegram,
    /// An X (Twitter) account archive's `tweets.js`.
    X,
    /// One e-mail file (`.eml`): the message and its attachments.
    Email,
    /// A mailbox (`.mbox`) of many messages.
    Mbox,
}

impl Container {
    pub fn as_str(self) -> &'static str {
        match self {
            Container::Warc => "warc",
            Container::Jsonl => "jsonl",
            Container::Telegram => "telegram",
            Container::X => "x",
            Container::Email => "email",
            Container::Mbox => "mbox",
        }
    }

    pub fn parse(s: &str) -> Option<Container> {
        Some(match s {
            "warc" => Container::Warc,
            "jsonl" => Container::Jsonl,
            "telegram" => Container::Telegram,
            "x" => Container::X,
            "email" => Container::Email,
            "mbox" => Container::Mbox,
            _ => return None,
        })
    }
}

/// Where one copy of a document came from: one link in its chain of custody.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// The URL it was published at, or else the absolute path it was read from.
    pub location: String,
    /// The WARC or JSONL file it was read out of, when it was.
    pub container: Option<String>,
    /// Where inside that container: `line 12`, `record <urn:uuid:…> at byte 1024`.
    pub locator: Option<String>,
    /// When it was retrieved: the WARC capture date, or the file's
    /// modification time (RFC 3339).
    pub retrieved: Option<String>,
    /// The id (hex) of the document this copy was found inside: the
    /// e-mail an attachment came with.
    pub parent: Option<String>,
}

/// Title, author and dates a format states about a document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Meta {
    pub title: Option<String>,
    pub author: Option<String>,
    /// Publication date or time as RFC 3339 / ISO 8601 (`2016-12-14`,
    /// `2016-12-14T09:30:00+02:00`), normalized from whatever the page said.
    pub published: Option<String>,
    /// The outlet or organization (`og:site_name`, JSONL `source`).
    pub site: Option<String>,
    /// Canonical URL the page declares.
    pub url: Option<String>,
    /// Who first published what this document passes on: the channel a
    /// Telegram post was forwarded from, the account an X repost repeats.
    /// Linking takes it as the origin of what the document says.
    pub relayed_from: Option<String>,
    /// What else the format states, as (name, value) pairs in the order a
    /// reader wants them: a post's channel and message number, the post it
    /// replies to or quotes, an e-mail's Message-ID, a Word file's creator.
    pub details: Vec<(String, String)>,
}

impl Meta {
    /// Adds a detail when it has a value.
    pub(crate) fn detail(&mut self, name: &str, value: Option<impl Into<String>>) {
        if let Some(v) = value.map(Into::into).filter(|v: &String| !v.trim().is_empty()) {
            self.details.push((name.to_string(), v));
        }
    }
}

/// How a document's text was read from a picture: the engine, its
/// languages, and how sure it was of each paragraph.
#[derive(Clone, Debug, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct Ocr {
    /// `tesseract 5.3.0`.
    pub engine: String,
    /// Tesseract's language models, `eng+ara`.
    pub languages: String,
    /// The mean word confidence of the whole text, 0–100, weighted by
    /// word length.
    pub confidence: f32,
    /// Each paragraph's byte span in the text and its confidence (0–100).
    pub paragraphs: Vec<OcrParagraph>,
}

/// One paragraph read by OCR.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct OcrParagraph {
    pub span: Span,
    pub confidence: f32,
}

/// One document, ready for the archive.
#[derive(Clone, Debug, Serialize)]
pub struct Document {
    /// The exact bytes whose SHA-256 is the document's id.
    #[serde(skip)]
    pub raw: Vec<u8>,
    pub format: Format,
    pub container: Option<Container>,
    /// Encoding the bytes were decoded from (none for PDF).
    pub encoding: Option<String>,
    pub meta: Meta,
    /// Plain text: paragraphs separated by blank lines, `\n` line ends.
    pub text: String,
    pub paragraphs: Vec<Paragraph>,
    /// Page spans of a PDF's text, in page order.
    pub pages: Vec<Span>,
    /// Paragraph languages, largest share first.
    pub languages: Vec<String>,
    pub origin: Origin,
    /// Set when the text was read by OCR from an image or a scan.
    pub ocr: Option<Ocr>,
}

impl Document {
    /// Assembles a document: cleans the text's line ends and derives
    /// paragraphs and languages from it.
    pub(crate) fn new(raw: Vec<u8>, format: Format, text: String, meta: Meta, origin: Origin) -> Document {
        let text = clean_text(&text);
        let paragraphs = paragraphs(&text);
        let languages = document_languages(&text, &paragraphs);
        Document {
            raw,
            format,
            container: None,
            encoding: None,
            meta,
            text,
            paragraphs,
            pages: Vec::new(),
            languages,
            origin,
            ocr: None,
        }
    }

    /// The `format` word of the document's `sitrep.extract/1` record: the
    /// container for WARC and JSON-bearing ones (`warc`, `json`), else the
    /// format.
    pub fn record_format(&self) -> &'static str {
        match self.container {
            Some(Container::Warc) => "warc",
            Some(Container::Jsonl | Container::Telegram | Container::X) => "json",
            Some(Container::Email | Container::Mbox) | None => self.format.as_str(),
        }
    }

    /// Lowercase hex SHA-256 of the raw bytes: the document's id.
    pub fn id(&self) -> String {
        DocId::of(&self.raw).into_hex()
    }
}

/// Line ends to `\n`, no byte-order mark, no NUL or other C0 controls but
/// tab and newline, no trailing spaces on lines: spans are taken on this
/// text, so it must not depend on the platform a file was written on.
pub fn clean_text(text: &str) -> String {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    // Leading blank lines carry nothing and would shift every span.
    let text = text.trim_start_matches(['\n', '\r', ' ', '\t']);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' | '\u{2028}' | '\u{2029}' => {
                let trimmed = out.trim_end_matches([' ', '\t']).len();
                out.truncate(trimmed);
                out.push('\n');
            }
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_normalizes_line_ends_and_controls() {
        assert_eq!(clean_text("\u{FEFF}a  \r\nb\rc\0d\n\n"), "a\nb\ncd");
        assert_eq!(clean_text("\n\n  Title\n"), "Title");
    }

    #[test]
    fn id_is_sha256_hex() {
        let doc = Document::new(b"abc".to_vec(), Format::Text, "abc".into(), Meta::default(), Origin::default());
        assert_eq!(doc.id(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
