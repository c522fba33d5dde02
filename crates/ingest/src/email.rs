//! E-mail: one message (`.eml`) or a mailbox of them (`.mbox`).
//!
//! MIME is parsed by `mail-parser`, which undoes quoted-printable and
//! base64 and decodes every charset encoding_rs knows (windows-1256
//! included). A message is a document: its text parts (an HTML-only
//! message's HTML turned into text), its Subject as title, From as author,
//! Date as its date, and Message-ID, To and In-Reply-To among its details.
//! Its raw bytes are the message as received: the whole `.eml`, or the
//! message's bytes in the mailbox (after its `From ` line, up to the
//! next), which the locator places.
//!
//! Each attachment is a document of its own, read as the file it is (a
//! PDF, a Word file, a picture by OCR, text, HTML): its raw bytes are the
//! attachment decoded, so a statement that also arrives on its own is the
//! same document, and its provenance names the message it came with
//! (`Origin::parent`, the message's id). Pictures shown inside the message
//! (inline, with a Content-ID: logos, signatures), signatures and calendar
//! invitations are not read; attachments of other kinds are listed in the
//! message's details as not read. A forwarded message attached
//! (`message/rfc822`) is read as a message, one level deep.

use crate::convert::{from_text, single, Item, Options};
use crate::document::{Container, Format, Meta, Origin};
use crate::error::IngestError;
use crate::read::{kind_of, Kind};
use crate::stream::{read_line, Line};
use mail_parser::{MessageParser, MimeHeaders};
use sitrep_record::DocId;
use std::io::{BufRead, Read};

/// Whether a file's name and first bytes are one e-mail message.
pub fn sniff_eml(lower_name: &str) -> bool {
    lower_name.ends_with(".eml")
}

/// Whether a file's name and first bytes are a mailbox: `.mbox`, or an
/// extensionless file (as mail programs keep them) starting with a
/// `From ` line followed by headers.
pub fn sniff_mbox(lower_name: &str, head: &[u8]) -> bool {
    if lower_name.ends_with(".mbox") {
        return true;
    }
    let base = lower_name.rsplit(['/', '\\']).next().unwrap_or(lower_name);
    if base.contains('.') || !head.starts_with(b"From ") {
        return false;
    }
    let mut lines = head.split(|&b| b == b'\n');
    let _postmark = lines.next();
    lines.next().is_some_and(|l| {
        let l = String::from_utf8_lossy(l);
        l.split_once(':').is_some_and(|(k, _)| !k.is_empty() && !k.contains(' ') && k.is_ascii())
    })
}

/// Reads one message held whole in `raw` (an `.eml`).
pub fn read_eml(raw: Vec<u8>, label: &str, file_origin: &Origin, opts: &Options, emit: &mut dyn FnMut(Item)) {
    let origin = file_origin.clone();
    message(raw, None, label, origin, Container::Email, opts, emit);
}

/// Reads every message of a mailbox, each bounded by
/// [`Limits::max_document_bytes`](crate::Limits::max_document_bytes).
pub fn read_mbox<R: BufRead>(
    mut input: R,
    label: &str,
    file_origin: &Origin,
    opts: &Options,
    emit: &mut dyn FnMut(Item),
) {
    let max = opts.limits.max_document_bytes;
    let (mut at, mut number) = (0u64, 0u64);
    // The message being gathered: its first byte in the file, its bytes as
    // the file holds them, and whether it grew past the limit (then it is
    // only measured).
    let mut current: Option<(u64, Vec<u8>, bool)> = None;
    let finish = |current: Option<(u64, Vec<u8>, bool)>, end: u64, number: u64, emit: &mut dyn FnMut(Item)| {
        let Some((start, mut bytes, over)) = current else { return };
        let item_label = format!("{label} message {number}");
        if over {
            let err = IngestError::too_large("message", end - start, max, "max-document-bytes");
            return emit(Item { label: item_label, result: Err(err) });
        }
        // The blank line before the next `From ` line separates messages.
        if bytes.ends_with(b"\r\n\r\n") {
            bytes.truncate(bytes.len() - 2);
        } else if bytes.ends_with(b"\n\n") {
            bytes.truncate(bytes.len() - 1);
        }
        let end = start + bytes.len() as u64;
        let origin = Origin {
            location: file_origin.location.clone(),
            container: Some(file_origin.location.clone()),
            locator: Some(format!("message {number} at bytes {start}–{end}")),
            retrieved: file_origin.retrieved.clone(),
            parent: None,
        };
        message(bytes, Some(number), &item_label, origin, Container::Mbox, opts, emit);
    };
    let mut line = Vec::new();
    loop {
        line.clear();
        // Lines are read with the same bound as a message, line ends kept:
        // the raw bytes are the file's.
        let n = match (&mut input).take(max.saturating_add(1)).read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(n) => n as u64,
            Err(e) => {
                emit(Item { label: label.to_string(), result: Err(e.into()) });
                return;
            }
        };
        if n > max && !line.ends_with(b"\n") {
            // A line longer than a message may be: skip the rest of it.
            let mut skipped = n;
            match read_line(&mut input, 0) {
                Ok(Line::TooLong(k)) => skipped += k,
                Ok(Line::Text(t)) => skipped += t.len() as u64 + 1,
                Ok(Line::Eof) => {}
                Err(e) => {
                    emit(Item { label: label.to_string(), result: Err(e.into()) });
                    return;
                }
            }
            if let Some(c) = current.as_mut() {
                c.2 = true;
                c.1 = Vec::new();
            }
            at += skipped;
            continue;
        }
        if line.starts_with(b"From ") {
            finish(current.take(), at, number, emit);
            number += 1;
            current = Some((at + n, Vec::new(), false));
        } else if let Some((_, bytes, over)) = current.as_mut() {
            if !*over {
                bytes.extend_from_slice(&line);
                if bytes.len() as u64 > max {
                    *over = true;
                    *bytes = Vec::new();
                }
            }
        }
        at += n;
    }
    finish(current.take(), at, number, emit);
    if number == 0 {
        let err = IngestError::malformed("mbox", "no message starts with a `From ` line");
        emit(Item { label: label.to_string(), result: Err(err) });
    }
}

/// A mailbox message without its `>From ` quoting, for parsing.
fn unquote(raw: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let quoted = |l: &[u8]| l.starts_with(b">") && l.iter().skip_while(|&&b| b == b'>').take(5).eq(b"From ".iter());
    if !raw.split(|&b| b == b'\n').any(quoted) {
        return std::borrow::Cow::Borrowed(raw);
    }
    let mut out = Vec::with_capacity(raw.len());
    for (i, l) in raw.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.push(b'\n');
        }
        out.extend_from_slice(if quoted(l) { &l[1..] } else { l });
    }
    std::borrow::Cow::Owned(out)
}

/// What is not read among attachments, by MIME type.
const NOT_READ: [&str; 7] = [
    "application/pkcs7-signature",
    "application/x-pkcs7-signature",
    "application/pgp-signature",
    "application/pgp-keys",
    "text/calendar",
    "text/vcard",
    "text/x-vcard",
];

/// One message and its attachments.
fn message(
    raw: Vec<u8>,
    number: Option<u64>,
    label: &str,
    origin: Origin,
    container: Container,
    opts: &Options,
    emit: &mut dyn FnMut(Item),
) {
    let fail = |e: IngestError, emit: &mut dyn FnMut(Item)| emit(Item { label: label.to_string(), result: Err(e) });
    let parser = MessageParser::default();
    let parsed = if container == Container::Mbox { unquote(&raw) } else { std::borrow::Cow::Borrowed(&raw[..]) };
    let Some(msg) = parser.parse(&parsed[..]) else {
        return fail(IngestError::malformed("e-mail", "no headers or body could be read"), emit);
    };
    if msg.headers().is_empty() {
        return fail(IngestError::malformed("e-mail", "it has no headers"), emit);
    }
    let id = DocId::of(&raw).into_hex();
    let message_id = msg.message_id().map(|m| format!("<{m}>"));
    let from = msg.from().and_then(|a| a.first());
    let from_full = from.map(|a| match (a.name(), a.address()) {
        (Some(n), Some(addr)) => format!("{n} <{addr}>"),
        (Some(n), None) => n.to_string(),
        (None, Some(addr)) => addr.to_string(),
        (None, None) => String::new(),
    });
    let to: Vec<String> =
        msg.to().map(|a| a.iter().filter_map(|x| x.address().map(str::to_string)).collect()).unwrap_or_default();
    let mut given = Meta {
        title: msg.subject().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string),
        author: from.and_then(|a| a.name().or(a.address())).map(str::to_string),
        published: msg.date().map(|d| d.to_rfc3339()).and_then(|d| crate::dates::normalize(&d)),
        ..Meta::default()
    };
    given.detail("from", from_full);
    given.detail("to", (!to.is_empty()).then(|| to.join(", ")));
    given.detail("message-id", message_id.clone());
    given.detail("in reply to", msg.in_reply_to().as_text().map(|m| format!("<{m}>")));

    let bodies: Vec<String> = (0..msg.text_body_count())
        .filter_map(|i| msg.body_text(i).map(|t| t.trim().to_string()))
        .filter(|t| !t.is_empty())
        .collect();
    let mut attachments = Vec::new();
    let mut skipped = Vec::new();
    // Attachments follow their message, which they name as their parent.
    let mut parts = Vec::new();
    for (n, part) in msg.attachments().enumerate() {
        let name = part.attachment_name().map(str::to_string).unwrap_or_else(|| format!("attachment {}", n + 1));
        let mime = part
            .content_type()
            .map(|c| format!("{}/{}", c.ctype(), c.subtype().unwrap_or("")).to_ascii_lowercase())
            .unwrap_or_default();
        let inline = part.content_disposition().is_some_and(|d| d.ctype().eq_ignore_ascii_case("inline"));
        if NOT_READ.contains(&mime.as_str()) || (inline && part.content_id().is_some() && mime.starts_with("image/")) {
            continue;
        }
        attachments.push(name.clone());
        let where_ = match number {
            Some(k) => format!("message {k} attachment {} ({name})", n + 1),
            None => format!("attachment {} ({name})", n + 1),
        };
        let part_origin = Origin {
            location: origin.location.clone(),
            container: Some(origin.container.clone().unwrap_or_else(|| origin.location.clone())),
            locator: Some(where_.clone()),
            retrieved: origin.retrieved.clone(),
            parent: Some(id.clone()),
        };
        let part_label = format!("{label} attachment {} ({name})", n + 1);
        if let Some(inner) = part.message() {
            // A forwarded message, read one level deep: its own attachments are not.
            let raw_inner = inner.raw_message().to_vec();
            let text = (0..inner.text_body_count()).filter_map(|i| inner.body_text(i)).collect::<Vec<_>>().join("\n\n");
            let meta = Meta {
                title: inner.subject().map(str::to_string),
                author: inner.from().and_then(|a| a.first()).and_then(|a| a.name().or(a.address())).map(str::to_string),
                published: inner.date().map(|d| d.to_rfc3339()).and_then(|d| crate::dates::normalize(&d)),
                ..Meta::default()
            };
            let result = from_text(text, raw_inner, Format::Email, meta, part_origin, opts).map(|mut d| {
                d.container = Some(container);
                d
            });
            parts.push(Item { label: part_label, result });
            continue;
        }
        let bytes = part.contents().to_vec();
        if bytes.len() as u64 > opts.limits.max_document_bytes {
            let err = IngestError::too_large(
                "attachment",
                bytes.len() as u64,
                opts.limits.max_document_bytes,
                "max-document-bytes",
            );
            parts.push(Item { label: part_label, result: Err(err) });
            continue;
        }
        let format = match kind_of(&name.to_ascii_lowercase(), &bytes[..bytes.len().min(1024)]) {
            Kind::Single(f) => f,
            Kind::Many(_) => {
                attachments.pop();
                skipped.push(format!("{name} (a container: add it on its own)"));
                continue;
            }
        };
        if format == Format::Text && crate::decode::sniff_binary(&bytes).is_some() {
            attachments.pop();
            skipped.push(format!("{name} ({mime})"));
            continue;
        }
        let declared =
            part.content_type().and_then(|c| c.attribute("charset")).and_then(crate::decode::encoding_for_label);
        let meta = Meta { title: Some(name.clone()), ..Meta::default() };
        let result = single(bytes, format, declared, meta, part_origin, opts).map(|mut d| {
            d.container = Some(container);
            d
        });
        parts.push(Item { label: part_label, result });
    }
    for a in &attachments {
        given.detail("attachment", Some(a.clone()));
    }
    for s in skipped {
        given.detail("attachment not read", Some(s));
    }
    let text = bodies.join("\n\n");
    let text = if text.trim().is_empty() { given.title.clone().unwrap_or_default() } else { text };
    let result = from_text(text, raw, Format::Email, given, origin, opts).map(|mut d| {
        if container == Container::Mbox {
            d.container = Some(Container::Mbox);
        }
        d
    });
    emit(Item { label: label.to_string(), result });
    for part in parts {
        emit(part);
    }
}
