//! From paths and bytes to documents: which files to read, what kind each
//! is, and whom to hand it to: a container reader (`warc`, `jsonl`) for a
//! file of many documents, [`convert`](crate::convert) for one.

use crate::convert::{single, Item, Options};
use crate::document::{Container, Format, Meta, Origin};
use crate::error::IngestError;
use crate::{email, html, jsonl, telegram, warc, x};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

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
    // Standard input and extensionless files: a stream of JSON objects.
    let unnamed = name == "-" || !lower.contains('.');
    let body = head.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(head);
    if unnamed && body.trim_ascii_start().starts_with(b"{") {
        return Kind::Many(Container::Jsonl);
    }
    if telegram::sniff(&lower, head) {
        return Kind::Many(Container::Telegram);
    }
    if x::sniff(&lower, head) {
        return Kind::Many(Container::X);
    }
    if email::sniff_eml(&lower) {
        return Kind::Many(Container::Email);
    }
    if name != "-" && email::sniff_mbox(&lower, head) {
        return Kind::Many(Container::Mbox);
    }
    match ext {
        "jsonl" | "ndjson" => return Kind::Many(Container::Jsonl),
        "pdf" => return Kind::Single(Format::Pdf),
        "html" | "htm" | "xhtml" | "shtml" => return Kind::Single(Format::Html),
        "md" | "markdown" => return Kind::Single(Format::Markdown),
        "docx" => return Kind::Single(Format::Docx),
        "png" | "jpg" | "jpeg" | "tif" | "tiff" | "webp" | "gif" | "bmp" => return Kind::Single(Format::Image),
        _ => {}
    }
    const PICTURES: [&[u8]; 5] = [b"\x89PNG", b"\xFF\xD8\xFF", b"II*\0", b"MM\0*", b"GIF8"];
    if head.starts_with(b"%PDF-") {
        Kind::Single(Format::Pdf)
    } else if unnamed
        && (PICTURES.iter().any(|m| head.starts_with(m))
            || (head.starts_with(b"RIFF") && head.get(8..12) == Some(b"WEBP")))
    {
        // A picture without an extension; a named file that is not one
        // (`image.txt`) is refused as binary, as it always was.
        Kind::Single(Format::Image)
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
            Ok(m) if m.is_dir() => {
                let before = out.len();
                walk(p, &mut out);
                // A folder that gives nothing is named, not passed over.
                if out.len() == before {
                    out.push(Err(Item {
                        label: p.display().to_string(),
                        result: Err(IngestError::Nothing("the folder holds no files (hidden ones are skipped)".into())),
                    }));
                }
            }
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
    if meta.is_dir() {
        return fail(IngestError::Io(std::io::Error::other("is a directory")), emit);
    }
    // Only a regular file's length is its content's: a pipe (<(cmd)) says 0.
    if meta.is_file() && meta.len() == 0 {
        return fail(IngestError::Empty, emit);
    }
    let location = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()).display().to_string();
    let retrieved = meta.modified().ok().and_then(|t| jiff::Timestamp::try_from(t).ok()).map(|t| t.to_string());
    let origin = Origin { location, container: None, locator: None, retrieved, parent: None };
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return fail(e.into(), emit),
    };
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let size = meta.is_file().then_some(meta.len());
    read_sized(&label, name, file, size, origin, Some(path), opts, emit);
}

/// The user name an X archive's `account.js` beside `tweets.js` gives.
fn archive_account(tweets: &Path) -> Option<String> {
    let account = tweets.parent()?.join("account.js");
    let bytes = std::fs::read(&account).ok().filter(|b| b.len() < 1 << 20)?;
    let start = bytes.iter().position(|&b| b == b'[')?;
    let value: serde_json::Value =
        serde_json::from_slice(bytes[start..].trim_ascii_end().strip_suffix(b";").unwrap_or(&bytes[start..])).ok()?;
    value.get(0)?.get("account")?.get("username")?.as_str().map(str::to_string)
}

/// Reads a file-like stream: containers are streamed record by record, a
/// single document is read up to [`Limits::max_document_bytes`](crate::Limits::max_document_bytes). `name`
/// (a file name, or `-`) helps tell the format.
pub fn read_stream(
    label: &str,
    name: &str,
    input: impl Read,
    origin: Origin,
    opts: &Options,
    emit: &mut dyn FnMut(Item),
) {
    read_sized(label, name, input, None, origin, None, opts, emit)
}

/// [`read_stream`] with the input's size when known, so that an oversized
/// single document is refused before any of it is read, and its path when
/// it is a file (an X archive's `account.js` lies beside it).
#[allow(clippy::too_many_arguments)]
fn read_sized(
    label: &str,
    name: &str,
    mut input: impl Read,
    size: Option<u64>,
    origin: Origin,
    path: Option<&Path>,
    opts: &Options,
    emit: &mut dyn FnMut(Item),
) {
    let fail = |e: IngestError, emit: &mut dyn FnMut(Item)| emit(Item { label: label.to_string(), result: Err(e) });
    let mut head = vec![0u8; 1024];
    let n = match read_head(&mut input, &mut head) {
        Ok(n) => n,
        Err(e) => return fail(e.into(), emit),
    };
    head.truncate(n);
    if n == 0 {
        return fail(IngestError::Empty, emit);
    }
    match kind_of(name, &head) {
        Kind::Many(container) => {
            let reader = BufReader::with_capacity(64 * 1024, std::io::Cursor::new(head).chain(input));
            // A container that gives neither a document nor an error is
            // named, so no input vanishes from a batch's count.
            let mut emitted = 0usize;
            let mut counting = |item: Item| {
                emitted += 1;
                emit(item)
            };
            // Formats that are one value are read whole, within their limit.
            let (max, what, flag) = match container {
                Container::Telegram | Container::X => (opts.limits.max_export_bytes, "export", "max-export-bytes"),
                _ => (opts.limits.max_document_bytes, "message", "max-document-bytes"),
            };
            let whole = |mut reader: BufReader<_>, emit: &mut dyn FnMut(Item)| -> Option<Vec<u8>> {
                if let Some(size) = size.filter(|&s| s > max) {
                    fail(IngestError::too_large(what, size, max, flag), emit);
                    return None;
                }
                let mut bytes = Vec::new();
                if let Err(e) = (&mut reader).take(max.saturating_add(1)).read_to_end(&mut bytes) {
                    fail(e.into(), emit);
                    return None;
                }
                if bytes.len() as u64 > max {
                    fail(IngestError::too_large(what, bytes.len() as u64, max, flag), emit);
                    return None;
                }
                Some(bytes)
            };
            let why = match container {
                Container::Warc => {
                    warc::read(reader, label, &origin, opts, &mut counting);
                    "none of its records is an HTML, text, Markdown or PDF response (with a 2xx status)"
                }
                Container::Jsonl => {
                    jsonl::read(reader, label, &origin, opts, &mut counting);
                    "it has no lines"
                }
                Container::Mbox => {
                    email::read_mbox(reader, label, &origin, opts, &mut counting);
                    "it holds no messages"
                }
                Container::Telegram => {
                    if let Some(bytes) = whole(reader, &mut counting) {
                        telegram::read(&bytes, label, &origin, opts, &mut counting);
                    }
                    "it has no message with text"
                }
                Container::X => {
                    if let Some(bytes) = whole(reader, &mut counting) {
                        let account = path.and_then(archive_account);
                        x::read_archive(&bytes, account.as_deref(), label, &origin, opts, &mut counting);
                    }
                    "it has no post with text"
                }
                Container::Email => {
                    if let Some(bytes) = whole(reader, &mut counting) {
                        email::read_eml(bytes, label, &origin, opts, &mut counting);
                    }
                    "the message has no text part and no attachment"
                }
            };
            if emitted == 0 {
                fail(IngestError::Nothing(why.into()), emit);
            }
        }
        Kind::Single(format) => {
            let max = opts.limits.max_document_bytes;
            if let Some(size) = size.filter(|&s| s > max) {
                return fail(IngestError::too_large("file", size, max, "max-document-bytes"), emit);
            }
            let mut bytes = head;
            // One byte more than the limit tells "at the limit" from "over".
            if let Err(e) = input.take(max.saturating_add(1).saturating_sub(n as u64)).read_to_end(&mut bytes) {
                return fail(e.into(), emit);
            }
            if bytes.len() as u64 > max {
                let size = bytes.len() as u64;
                return fail(
                    IngestError::TooLarge {
                        what: "document",
                        size: format!("over {}", crate::error::human_bytes(size - 1)),
                        limit: crate::error::human_bytes(max),
                        flag: "max-document-bytes",
                    },
                    emit,
                );
            }
            emit(Item { label: label.to_string(), result: single(bytes, format, None, Meta::default(), origin, opts) });
        }
    }
}

fn read_head(input: &mut impl Read, head: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < head.len() {
        let got = input.read(&mut head[n..])?;
        if got == 0 {
            break;
        }
        n += got;
    }
    Ok(n)
}

/// Reads a document (or a container of them) held in memory: the bundled
/// samples, a test's fixture.
pub fn read_bytes(label: &str, name: &str, bytes: Vec<u8>, origin: Origin, opts: &Options, emit: &mut dyn FnMut(Item)) {
    read_stream(label, name, std::io::Cursor::new(bytes), origin, opts, emit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(name: &str, bytes: &[u8]) -> Vec<Item> {
        let mut out = Vec::new();
        read_bytes(name, name, bytes.to_vec(), Origin::default(), &Options::default(), &mut |i| out.push(i));
        out
    }

    #[test]
    fn a_container_that_gives_nothing_is_named() {
        // A WARC of records whose payloads are not pages: nothing to add,
        // and it says so rather than vanishing from the count.
        let payload: Vec<u8> = (0..400u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
        let mut w = format!(
            "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Target-URI: http://example.org/x.bin\r\n\
             Content-Type: application/octet-stream\r\nContent-Length: {}\r\n\r\n",
            payload.len()
        )
        .into_bytes();
        w.extend_from_slice(&payload);
        w.extend_from_slice(b"\r\n\r\n");
        let got = items("crawl.warc", &w);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].label, "crawl.warc");
        let err = got[0].result.as_ref().unwrap_err().to_string();
        assert!(err.starts_with("nothing to add") && err.contains("none of its records"), "{err}");
        let got = items("feed.jsonl", b"\n\n  \n");
        assert!(got[0].result.as_ref().unwrap_err().to_string().contains("nothing to add"));
    }
}
