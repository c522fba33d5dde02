//! WARC web archives (ISO 28500), plain or as multi-member `.warc.gz`.
//!
//! Crawls made with wget, Browsertrix or the Wayback Machine's tools keep
//! every page exactly as it was served. Each `response` (or `resource`)
//! record whose body is HTML or plain text becomes a document; its origin
//! is the record's target URI and its retrieval time the capture date.
//! Requests, metadata, images and scripts are passed over.
//!
//! The reader streams record by record: memory is bounded by the largest
//! record kept ([`Limits::max_document_bytes`]), larger records are skipped
//! unread, and the total a compressed archive may expand to is capped by
//! [`Limits::max_decompressed_bytes`], which stops a gzip bomb.

use crate::convert::{single, Item, Options};
use crate::dates;
use crate::decode::encoding_for_label;
use crate::document::{Container, Format, Meta, Origin};
use crate::error::{human_bytes, IngestError};
use crate::stream::{is_cap_error, read_line, Capped, Line};
use flate2::read::MultiGzDecoder;
use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Read};

/// Longest WARC or HTTP header line taken.
const MAX_HEADER_LINE: u64 = 64 * 1024;
/// Most header lines in one WARC or HTTP header block.
const MAX_HEADER_LINES: usize = 500;

/// Reads every record of a WARC stream, emitting documents and errors.
pub fn read<R: BufRead>(mut input: R, label: &str, file_origin: &Origin, opts: &Options, emit: &mut dyn FnMut(Item)) {
    let gz = matches!(input.fill_buf(), Ok(b) if b.starts_with(&[0x1F, 0x8B]));
    let limit = opts.limits.max_decompressed_bytes;
    let mut stream: Box<dyn BufRead> = if gz {
        Box::new(BufReader::with_capacity(64 * 1024, Capped::new(MultiGzDecoder::new(input), limit)))
    } else {
        Box::new(input)
    };
    let mut records = 0usize;
    loop {
        match next_record(&mut *stream, label, file_origin, opts, emit) {
            Ok(true) => records += 1,
            Ok(false) => break,
            Err(e) => {
                let err = if is_cap_error(&e) {
                    IngestError::too_large(
                        "decompressed WARC",
                        limit.saturating_add(1),
                        limit,
                        "max-decompressed-bytes",
                    )
                } else if e.kind() == io::ErrorKind::InvalidData || e.kind() == io::ErrorKind::UnexpectedEof {
                    IngestError::malformed("WARC", format!("after record {records}: {e}"))
                } else {
                    IngestError::Io(e)
                };
                emit(Item { label: label.to_string(), result: Err(err) });
                break;
            }
        }
    }
}

fn bad(msg: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg.into())
}

/// Header block: names lowercased, first value kept.
fn headers(r: &mut dyn BufRead) -> io::Result<HashMap<String, String>> {
    let mut map = HashMap::new();
    for _ in 0..MAX_HEADER_LINES {
        let line = match read_line(r, MAX_HEADER_LINE)? {
            Line::Eof => return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "header block cut short")),
            Line::TooLong(n) => return Err(bad(format!("a header line of {} bytes", n))),
            Line::Text(t) => t,
        };
        if line.is_empty() {
            return Ok(map);
        }
        let line = String::from_utf8_lossy(&line);
        if let Some((k, v)) = line.split_once(':') {
            map.entry(k.trim().to_ascii_lowercase()).or_insert_with(|| v.trim().to_string());
        }
    }
    Err(bad(format!("more than {MAX_HEADER_LINES} header lines")))
}

/// Reads one record; `Ok(false)` at the end of the stream.
fn next_record(
    r: &mut dyn BufRead,
    label: &str,
    file_origin: &Origin,
    opts: &Options,
    emit: &mut dyn FnMut(Item),
) -> io::Result<bool> {
    // Records are separated by CRLF CRLF; tolerate any run of blank lines.
    let version = loop {
        match read_line(r, MAX_HEADER_LINE)? {
            Line::Eof => return Ok(false),
            Line::TooLong(_) => return Err(bad("expected a WARC version line")),
            Line::Text(t) if t.is_empty() => continue,
            Line::Text(t) => break t,
        }
    };
    if !version.starts_with(b"WARC/") {
        return Err(bad(format!(
            "expected a WARC version line, found {:?}",
            String::from_utf8_lossy(&version[..version.len().min(40)])
        )));
    }
    let h = headers(r)?;
    let length: u64 = h
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| bad("a record without a valid Content-Length"))?;
    let kind = h.get("warc-type").map(|s| s.to_ascii_lowercase()).unwrap_or_default();
    let uri = h.get("warc-target-uri").map(|u| u.trim_matches(|c| c == '<' || c == '>').to_string());
    let wanted = matches!(kind.as_str(), "response" | "resource" | "conversion") && uri.is_some();
    let record_label = format!("{label} record {}", uri.as_deref().unwrap_or("(no target URI)"));

    // HTTP headers add a little to the body; allow for them.
    let keep_limit = opts.limits.max_document_bytes.saturating_add(MAX_HEADER_LINE);
    if !wanted || length > keep_limit {
        let skipped = io::copy(&mut r.take(length), &mut io::sink())?;
        if skipped < length {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "record body cut short"));
        }
        if wanted {
            emit(Item {
                label: record_label,
                result: Err(IngestError::too_large(
                    "record",
                    length,
                    opts.limits.max_document_bytes,
                    "max-document-bytes",
                )),
            });
        }
        return Ok(true);
    }
    let mut body = Vec::with_capacity(length as usize);
    r.take(length).read_to_end(&mut body)?;
    if (body.len() as u64) < length {
        return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "record body cut short"));
    }

    let content_type = h.get("content-type").map(|s| s.to_ascii_lowercase()).unwrap_or_default();
    let payload = if kind == "response" && content_type.starts_with("application/http") {
        match http_payload(&body, opts) {
            Ok(Some(p)) => p,
            Ok(None) => return Ok(true), // not a 2xx text response: not a document
            Err(e) => {
                emit(Item { label: record_label, result: Err(e) });
                return Ok(true);
            }
        }
    } else {
        Payload { content_type, body }
    };
    let Some(format) = text_format(&payload.content_type) else {
        return Ok(true);
    };
    let declared =
        payload.content_type.split(';').find_map(|p| p.trim().strip_prefix("charset=")).and_then(encoding_for_label);
    let origin = Origin {
        location: uri.unwrap_or_default(),
        container: Some(file_origin.location.clone()),
        locator: Some(format!("record {}", h.get("warc-record-id").map(String::as_str).unwrap_or("(no id)"))),
        retrieved: h.get("warc-date").and_then(|d| dates::normalize(d)).or_else(|| h.get("warc-date").cloned()),
        parent: None,
    };
    let mut result = single(payload.body, format, declared, Meta::default(), origin, opts);
    if let Ok(doc) = &mut result {
        doc.container = Some(Container::Warc);
    }
    emit(Item { label: record_label, result });
    Ok(true)
}

fn text_format(content_type: &str) -> Option<Format> {
    let mime = content_type.split(';').next().unwrap_or("").trim();
    match mime {
        "text/html" | "application/xhtml+xml" => Some(Format::Html),
        "text/plain" => Some(Format::Text),
        "text/markdown" => Some(Format::Markdown),
        "application/pdf" => Some(Format::Pdf),
        _ => None,
    }
}

struct Payload {
    content_type: String,
    body: Vec<u8>,
}

/// The entity body of an HTTP response, with transfer and content coding
/// removed; `None` for non-2xx responses.
fn http_payload(msg: &[u8], opts: &Options) -> Result<Option<Payload>, IngestError> {
    let mut r = msg;
    let status = match read_line(&mut r, MAX_HEADER_LINE)? {
        Line::Text(t) => String::from_utf8_lossy(&t).to_string(),
        _ => return Err(IngestError::malformed("WARC", "an HTTP response without a status line")),
    };
    let code: u16 = status.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let h = headers(&mut r).map_err(|e| IngestError::malformed("WARC", format!("HTTP headers: {e}")))?;
    if !(200..300).contains(&code) {
        return Ok(None);
    }
    let mut body = r.to_vec();
    if h.get("transfer-encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked")) {
        // Broken chunking is refused: kept as it was, its chunk sizes
        // would end up in the text as if the page said them.
        body = dechunk(&body).ok_or_else(|| {
            IngestError::malformed(
                "WARC",
                "the HTTP body's chunked transfer coding is broken (a chunk size that is not hexadecimal, or a chunk \
                 that runs past the body)",
            )
        })?;
    }
    let limit = opts.limits.max_document_bytes;
    let decoded = match h.get("content-encoding").map(|s| s.to_ascii_lowercase()).as_deref() {
        None | Some("identity") | Some("") => body,
        Some("gzip") | Some("x-gzip") => inflate(flate2::read::GzDecoder::new(&body[..]), limit)?,
        Some("deflate") => inflate(flate2::read::ZlibDecoder::new(&body[..]), limit)?,
        Some(other) => {
            return Err(IngestError::malformed(
                "WARC",
                format!("HTTP body in content coding {other:?}, which sitrep does not decode"),
            ));
        }
    };
    Ok(Some(Payload {
        content_type: h.get("content-type").map(|s| s.to_ascii_lowercase()).unwrap_or_default(),
        body: decoded,
    }))
}

fn inflate<R: Read>(r: R, limit: u64) -> Result<Vec<u8>, IngestError> {
    let mut out = Vec::new();
    match Capped::new(r, limit).read_to_end(&mut out) {
        Ok(_) => Ok(out),
        Err(e) if is_cap_error(&e) => Err(IngestError::TooLarge {
            what: "decompressed HTTP body",
            size: format!("over {}", human_bytes(limit)),
            limit: human_bytes(limit),
            flag: "max-document-bytes",
        }),
        Err(e) => Err(IngestError::malformed("WARC", format!("compressed HTTP body: {e}"))),
    }
}

/// Removes HTTP/1.1 chunked transfer coding.
fn dechunk(mut b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    loop {
        let nl = b.iter().position(|&c| c == b'\n')?;
        let size_line = std::str::from_utf8(&b[..nl]).ok()?.trim();
        let size = usize::from_str_radix(size_line.split(';').next()?.trim(), 16).ok()?;
        b = &b[nl + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(b.get(..size)?);
        b = &b[size..];
        b = b.strip_prefix(b"\r\n").or_else(|| b.strip_prefix(b"\n")).unwrap_or(b);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, uri: &str, block: &[u8], ctype: &str) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2016-12-14T10:00:00Z\r\n\
             WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\nContent-Type: {ctype}\r\n\
             Content-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn collect(bytes: &[u8], opts: &Options) -> Vec<Item> {
        let mut items = Vec::new();
        read(BufReader::new(bytes), "t.warc", &Origin::default(), opts, &mut |i| items.push(i));
        items
    }

    #[test]
    fn html_responses_become_documents() {
        let http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n\
                     18\r\n<html><body><p>Eleven pe\r\n2a\r\nople were hurt in the market, medics said.\r\n0\r\n\r\n";
        let mut w = record("warcinfo", "", b"software: test", "application/warc-fields");
        w.extend(record(
            "request",
            "http://example.org/a",
            b"GET /a HTTP/1.1\r\n\r\n",
            "application/http; msgtype=request",
        ));
        w.extend(record("response", "http://example.org/a", http, "application/http; msgtype=response"));
        w.extend(record(
            "response",
            "http://example.org/404",
            b"HTTP/1.1 404 Not Found\r\n\r\n",
            "application/http; msgtype=response",
        ));
        let items = collect(&w, &Options::default());
        assert_eq!(items.len(), 1, "{items:?}");
        let doc = items[0].result.as_ref().unwrap();
        assert_eq!(doc.text, "Eleven people were hurt in the market, medics said.");
        assert_eq!(doc.origin.location, "http://example.org/a");
        assert_eq!(doc.origin.retrieved.as_deref(), Some("2016-12-14T10:00:00Z"));
        assert_eq!(doc.container, Some(Container::Warc));
    }

    #[test]
    fn a_bogus_chunk_size_is_refused_not_kept_as_text() {
        for body in [
            &b"zz\r\n<p>Eleven people were hurt.</p>\r\n0\r\n\r\n"[..],
            b"ffff\r\n<p>Eleven people were hurt.</p>\r\n0\r\n\r\n",
        ] {
            let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
            http.extend_from_slice(body);
            let w = record("response", "http://example.org/a", &http, "application/http; msgtype=response");
            let items = collect(&w, &Options::default());
            assert_eq!(items.len(), 1, "{items:?}");
            let err = items[0].result.as_ref().unwrap_err().to_string();
            assert!(err.contains("chunked transfer coding is broken"), "{err}");
            assert!(items[0].label.contains("http://example.org/a"), "the record is named");
        }
    }

    #[test]
    fn a_gzip_bomb_stops_at_the_limit() {
        use flate2::{write::GzEncoder, Compression};
        use std::io::Write;
        let big = vec![b'a'; 5 << 20];
        let mut enc = GzEncoder::new(Vec::new(), Compression::best());
        enc.write_all(&record("resource", "http://example.org/big.txt", &big, "text/plain")).unwrap();
        let gz = enc.finish().unwrap();
        let mut opts = Options::default();
        opts.limits.max_decompressed_bytes = 1 << 20;
        let items = collect(&gz, &opts);
        let err = items[0].result.as_ref().unwrap_err().to_string();
        assert!(err.contains("--max-decompressed-bytes"), "{err}");
    }
}
