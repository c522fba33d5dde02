//! Ingest: the formats reporting arrives in, turned into documents.
//!
//! A [`Document`] is the raw bytes (whose SHA-256 is its id), the plain text
//! a person would read, its paragraphs and their languages, the metadata the
//! format states (title, author, publication date), and an [`Origin`]: where
//! the bytes came from and when. Readers never fail a batch: each input
//! yields documents or an [`Item`] whose error names the input and says what
//! to do, and the caller goes on with the next.
//!
//! ```
//! use sitrep_ingest::{read_bytes, Options, Origin};
//! let page = b"<html><body><p>Shelling hit the old market on Tuesday, residents said.</p></body></html>";
//! let mut docs = Vec::new();
//! read_bytes("page.html", "page.html", page.to_vec(), Origin::default(), &Options::default(), &mut |item| docs.push(item));
//! let doc = docs.remove(0).result.unwrap();
//! assert_eq!(doc.text, "Shelling hit the old market on Tuesday, residents said.");
//! assert_eq!(doc.languages, ["en"]);
//! ```

mod convert;
pub mod dates;
pub mod decode;
mod document;
mod docx;
mod email;
mod error;
pub mod html;
mod jsonl;
mod limits;
pub mod markdown;
pub mod ocr;
pub mod pdf;
mod read;
mod stream;
mod telegram;
mod warc;
mod x;

pub use convert::{remake, Item, Options};

/// Names the readers that turned raw bytes into a document's text and
/// metadata. Bump the reader number whenever a change to a reader (a
/// format, the decoding, the HTML article rules, the cleaning) can change
/// the text or metadata of some input, so `sitrep verify --deep` compares
/// a stored text only with what the same readers make of its bytes.
pub const READER: &str = concat!("sitrep ", env!("CARGO_PKG_VERSION"), " reader 3");
pub use document::{clean_text, Container, Document, Format, Meta, Ocr, OcrParagraph, Origin};
pub use error::{human_bytes, IngestError, Result};
pub use limits::Limits;
pub use read::{expand, kind_of, read_bytes, read_file, read_stream, Kind};
