//! From paths and bytes to documents: format detection and dispatch.

use crate::decode::{decode, sniff_binary};
use crate::document::{Container, Document, Format, Meta, Origin};
use crate::error::{IngestError, Result};
use crate::limits::Limits;
use crate::{html, jsonl, markdown, pdf, warc};
use encoding_rs::Encoding;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

/// How to read inputs.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub limits: Limits,
    /// Encoding to use for text and HTML when the user knows better than
    /// detection (`--encoding`).
    pub encoding: Option<&'static Encoding>,
}

/// One outcome of reading: a document or the reason one could not be
/// made, with a label (`page.html`, `feed.jsonl line 7`) that names it.
#[derive(Debug)]
pub struct Item {
    pub label: String,
    pub result: Result<Document>,
}

/// What kind of file this is, from its name first and its bytes second.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Single(Format),
    Many(Container),
}

/// Guesses the kind of a file from its name and first bytes.
pub fn kind_of(name: &str, head: &[u8]) -> Kind {
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit('.').next().unwrap_or("");
    if lower.ends_with(".warc") || lower.ends_with(".warc.gz") || head.starts_with(b"WARC/") {
        return Kind::Many(Container::Warc);
    }
    match ext {
        "jsonl" | "ndjson" => return Kind::Many(Container::Jsonl),
        "pdf" => return Kind::Single(Format::Pdf),
        "html" | "htm" | "xhtml" | "shtml" => return Kind::Single(Format::Html),
        "md" | "markdown" => return Kind::Single(Format::Markdown),
        _ => {}
    }
    if head.starts_with(b"%PDF-") {
        Kind::Single(Format::Pdf)
    } else if html::sniff(head) {
        Kind::Single(Format::Html)
    } else {
        Kind::Single(Format::Text)
    }
}

/// Expands the paths a user named into files, in a stable order: each
/// directory is walked recursively, sorted, skipping hidden entries. A path
/// that does not exist comes back as an error item, for the batch to report.
pub fn expand(paths: &[PathBuf]) -> Vec<std::result::Result<PathBuf, Item>> {
    let mut out = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Err(e) => out.push(Err(Item { label: p.display().to_string(), result: Err(e.into()) })),
            Ok(m) if m.is_dir() => walk(p, &mut out),
            Ok(_) => out.push(Ok(p.clone())),
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<std::result::Result<PathBuf, Item>>) {
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            out.push(Err(Item { label: dir.display().to_string(), result: Err(e.into()) }));
            return;
        }
    };
    entries.sort();
    for p in entries {
        if p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')) {
            continue;
        }
        // symlink_metadata: a link to a directory is not followed, so a
        // link loop cannot make the walk endless.
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.is_dir() => walk(&p, out),
            Ok(m) if m.is_file() => out.push(Ok(p)),
            Ok(m) if m.file_type().is_symlink() => {
                if std::fs::metadata(&p).is_ok_and(|t| t.is_file()) {
                    out.push(Ok(p));
                }
            }
            Ok(_) => {}
            Err(e) => out.push(Err(Item { label: p.display().to_string(), result: Err(e.into()) })),
        }
    }
}

/// Reads one file, emitting one item per document in it (many for WARC and
/// JSONL) or one error item.
pub fn read_file(path: &Path, opts: &Options, emit: &mut dyn FnMut(Item)) {
    let label = path.display().to_string();
    let fail = |e: IngestError, emit: &mut dyn FnMut(Item)| emit(Item { label: label.clone(), result: Err(e) });
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return fail(e.into(), emit),
    };
    let location = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()).display().to_string();
    let retrieved = meta.modified().ok().and_then(|t| jiff::Timestamp::try_from(t).ok()).map(|t| t.to_string());
    let origin = Origin { location, container: None, locator: None, retrieved };
    if meta.len() == 0 {
        return fail(IngestError::Empty, emit);
    }
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return fail(e.into(), emit),
    };
    let mut head = [0u8; 1024];
    let n = match read_head(&mut file, &mut head) {
        Ok(n) => n,
        Err(e) => return fail(e.into(), emit),
    };
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    match kind_of(name, &head[..n]) {
        Kind::Many(container) => {
            let reader = BufReader::new(std::io::Cursor::new(head[..n].to_vec()).chain(file));
            match container {
                Container::Warc => warc::read(reader, &label, &origin, opts, emit),
                Container::Jsonl => jsonl::read(reader, &label, &origin, opts, emit),
            }
        }
        Kind::Single(_) => {
            if meta.len() > opts.limits.max_document_bytes {
                return fail(
                    IngestError::too_large("file", meta.len(), opts.limits.max_document_bytes, "max-document-bytes"),
                    emit,
                );
            }
            let mut bytes = head[..n].to_vec();
            // take(): the file may have grown since it was measured.
            if let Err(e) = file.take(opts.limits.max_document_bytes + 1 - n as u64).read_to_end(&mut bytes) {
                return fail(e.into(), emit);
            }
            if bytes.len() as u64 > opts.limits.max_document_bytes {
                return fail(
                    IngestError::too_large("file", bytes.len() as u64, opts.limits.max_document_bytes, "max-document-bytes"),
                    emit,
                );
            }
            read_bytes(&label, name, bytes, origin, opts, emit);
        }
    }
}

fn read_head(file: &mut File, head: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < head.len() {
        let got = file.read(&mut head[n..])?;
        if got == 0 {
            break;
        }
        n += got;
    }
    Ok(n)
}

/// Reads a document (or a container of them) held in memory: standard
/// input, the bundled samples, a test's fixture.
pub fn read_bytes(label: &str, name: &str, bytes: Vec<u8>, origin: Origin, opts: &Options, emit: &mut dyn FnMut(Item)) {
    let item = |result| Item { label: label.to_string(), result };
    if bytes.is_empty() {
        return emit(item(Err(IngestError::Empty)));
    }
    match kind_of(name, &bytes[..bytes.len().min(1024)]) {
        Kind::Many(Container::Warc) => warc::read(BufReader::new(&bytes[..]), label, &origin, opts, emit),
        Kind::Many(Container::Jsonl) => jsonl::read(BufReader::new(&bytes[..]), label, &origin, opts, emit),
        Kind::Single(format) => emit(item(single(bytes, format, None, Meta::default(), origin, opts))),
    }
}

/// Makes one document of `format` from its raw bytes. `declared` is an
/// encoding a container stated (an HTTP `charset`); `given` is metadata a
/// container supplied, which wins over what the document says of itself.
pub(crate) fn single(
    raw: Vec<u8>,
    format: Format,
    declared: Option<&'static Encoding>,
    given: Meta,
    origin: Origin,
    opts: &Options,
) -> Result<Document> {
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Err(IngestError::Empty);
    }
    if format != Format::Pdf {
        if let Some(what) = sniff_binary(&raw) {
            return Err(IngestError::Binary(what.to_string()));
        }
    }
    let (text, meta, encoding, pages) = match format {
        Format::Pdf => {
            let pages = pdf::pages(&raw, &opts.limits)?;
            (join_pages(&pages), Meta::default(), None, pages.len())
        }
        Format::Html => {
            let declared = opts.encoding.or(declared).or_else(|| html::declared_charset(&raw));
            let d = decode(&raw, declared)?;
            let article = html::extract(&d.text, &opts.limits)?;
            (article.text, article.meta, Some(d.encoding), 0)
        }
        Format::Markdown => {
            let d = decode(&raw, opts.encoding.or(declared))?;
            let (text, meta) = markdown::extract(&d.text);
            (text, meta, Some(d.encoding), 0)
        }
        Format::Text => {
            let d = decode(&raw, opts.encoding.or(declared))?;
            (d.text, Meta::default(), Some(d.encoding), 0)
        }
    };
    let meta = Meta {
        title: given.title.or(meta.title),
        author: given.author.or(meta.author),
        published: given.published.or(meta.published),
        site: given.site.or(meta.site),
        url: given.url.or(meta.url),
    };
    let mut doc = Document::new(raw, format, text, meta, origin);
    if doc.text.is_empty() {
        return Err(IngestError::NoText(match format {
            Format::Pdf => "the PDF has no text layer (a scan?); run OCR on it first".into(),
            Format::Html => "no article text found in the page".into(),
            _ => "only whitespace and control characters".into(),
        }));
    }
    doc.encoding = encoding.map(str::to_string);
    if format == Format::Pdf {
        doc.pages = page_spans(&doc.text, pages);
    }
    Ok(doc)
}

/// Page texts joined with [`PAGE_BREAK`].
fn join_pages(pages: &[String]) -> String {
    pages.iter().map(|p| p.trim()).collect::<Vec<_>>().join(PAGE_BREAK)
}

/// Pages are separated by two blank lines. Page texts never hold one (the
/// PDF reader folds blank-line runs into one), so the breaks stay exact
/// through cleaning and a reader sees where each page starts.
const PAGE_BREAK: &str = "\n\n\n";

fn page_spans(text: &str, count: usize) -> Vec<sitrep_text::Span> {
    let mut spans = Vec::with_capacity(count);
    let mut start = 0;
    for (i, _) in text.match_indices(PAGE_BREAK) {
        spans.push(sitrep_text::Span::new(start, i));
        start = i + PAGE_BREAK.len();
    }
    spans.push(sitrep_text::Span::new(start.min(text.len()), text.len()));
    spans
}
