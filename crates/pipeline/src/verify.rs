//! `sitrep verify --deep`: what the archive holds, made again from the raw
//! bytes and compared.
//!
//! Plain `verify` proves that nothing changed since sitrep wrote it (each
//! row against its seal, the whole against a head written down). The deep
//! check proves more for what can be made again: each document's text and
//! metadata are read again from its raw bytes (whose hash is its id), and
//! its record is extracted again, and both must be what the archive
//! holds. That holds whatever was done to the seals, and for rows sealed
//! as found when an older archive was upgraded.
//!
//! Only the version that made a thing can be held to making it again: a
//! text made by another sitrep version, or a record by another extractor,
//! is not compared but listed, so an upgrade never reads as tampering.

use serde::Serialize;
use sitrep_annotate::{extract, Given, EXTRACTOR};
use sitrep_ingest::{decode::encoding_for_label, remake, Format, Limits, Options, READER};
use sitrep_record::Record;
use sitrep_store::{Archive, Change, StoreError, SITREP_VERSION};

/// What [`deep`] found.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Deep {
    /// Documents made again from their raw bytes.
    pub remade: u64,
    /// Records extracted again and compared.
    pub reextracted: u64,
    /// What differs from what the raw bytes give.
    pub changed: Vec<Change>,
    /// What another version made, and so was not compared.
    pub not_compared: Vec<String>,
}

/// Limits wide enough for anything an earlier `add` took in: the deep
/// check re-reads what was accepted, it does not judge inputs again.
fn limits() -> Limits {
    Limits {
        max_document_bytes: 1 << 50,
        max_line_bytes: 1 << 50,
        max_html_depth: 1 << 20,
        max_decompressed_bytes: 1 << 50,
        max_pdf_pages: 1 << 20,
        max_pdf_seconds: Limits::default().max_pdf_seconds * 4,
        max_export_bytes: 1 << 50,
        max_ocr_seconds: Limits::default().max_ocr_seconds * 4,
    }
}

/// Makes every document's text, metadata and record again from its raw
/// bytes. `progress` is told (done, total). Documents whose bytes are
/// damaged are left to plain `verify`, which names them.
pub fn deep(archive: &Archive, progress: &mut dyn FnMut(u64, u64)) -> Result<Deep, StoreError> {
    let ids = archive.ids()?;
    let total = ids.len() as u64;
    let opts = Options { limits: limits(), encoding: None };
    let mut out = Deep::default();
    for (i, id) in ids.iter().enumerate() {
        progress(i as u64, total);
        let raw = match archive.raw(id) {
            Ok(raw) => raw,
            Err(StoreError::Damaged { .. }) => continue,
            Err(e) => return Err(e),
        };
        let stored = archive.get(id)?;
        // The document as extraction sees it: made again when this version
        // made it, else as stored.
        let mut doc = archive.document(id)?;
        // Held only to the readers that made it. A document added before
        // readers were named is compared when this sitrep version read it,
        // and a difference says that a reader may have changed since.
        let hedge = match stored.reader.as_deref() {
            Some(r) if r == READER => Some(""),
            Some(r) => {
                out.not_compared
                    .push(format!("document {id}: its text was read by {r}, this is {READER}; not made again"));
                None
            }
            None if stored.sitrep_version == SITREP_VERSION => {
                Some("; it was read before readers were numbered, so a change in how sitrep reads would show here too")
            }
            None => {
                out.not_compared.push(format!(
                    "document {id}: its text was read by sitrep {}, this is {SITREP_VERSION}; not made again",
                    stored.sitrep_version
                ));
                None
            }
        };
        let format = Format::parse(&stored.format).unwrap_or(Format::Text);
        // A post's or an e-mail's text is made by its container's reader
        // (a Telegram export, an mbox) from the message's bytes in context:
        // those bytes are checked by their hash, but not read again alone.
        let hedge = match hedge {
            Some(_) if matches!(format, Format::Post | Format::Email) => {
                out.not_compared.push(format!(
                    "document {id}: its text was made by the {} reader from the message's bytes, which are checked by \
                     their hash; not made again",
                    stored.container.as_deref().unwrap_or(stored.format.as_str())
                ));
                None
            }
            h => h,
        };
        if let Some(hedge) = hedge {
            let encoding = stored.encoding.as_deref().and_then(encoding_for_label);
            let jsonl = stored.container.as_deref() == Some("jsonl");
            match remake(raw, format, jsonl, encoding, &opts) {
                Err(e) => out.changed.push(Change::new(
                    "text",
                    id,
                    &format!("its raw bytes no longer read as a document ({e}), yet the archive holds a text"),
                )),
                Ok(made) => {
                    out.remade += 1;
                    if made.text != stored.text || made.paragraphs != stored.paragraphs || made.pages != stored.pages {
                        out.changed.push(Change::new(
                            "text",
                            id,
                            &format!(
                                "is not the text its raw bytes give ({}){hedge}",
                                first_difference(&stored.text, &made.text)
                            ),
                        ));
                    }
                    let mut fields = Vec::new();
                    let m = &made.meta;
                    for (name, a, b) in [
                        ("title", &m.title, &stored.title),
                        ("author", &m.author, &stored.author),
                        ("published", &m.published, &stored.published),
                        ("site", &m.site, &stored.site),
                        ("url", &m.url, &stored.url),
                    ] {
                        // A container (a WARC record's headers, a feed's
                        // line) may give what the bytes alone do not say.
                        let given_by_container = stored.container.is_some() && a.is_none();
                        if a != b && !given_by_container {
                            fields.push(name);
                        }
                    }
                    if made.languages != stored.languages {
                        fields.push("languages");
                    }
                    if made.format.as_str() != stored.format {
                        fields.push("format");
                    }
                    if !fields.is_empty() {
                        out.changed.push(Change::new(
                            "document",
                            id,
                            &format!(
                                "its {} {} from what its raw bytes give{hedge}",
                                fields.join(", "),
                                if fields.len() == 1 { "differs" } else { "differ" }
                            ),
                        ));
                    }
                    doc = made;
                }
            }
        }
        for extractor in archive.extractors(id)? {
            if extractor != EXTRACTOR {
                out.not_compared.push(format!(
                    "record {id} {extractor}: made by another extractor than this one ({EXTRACTOR}); not made \
                     again (`sitrep reextract` makes one with this)"
                ));
                continue;
            }
            let Some(stored) = archive.record_by(id, &extractor)? else { continue };
            out.reextracted += 1;
            if !same_record(&stored, &extract(&doc, &Given::default())) {
                out.changed.push(Change::new(
                    "record",
                    &format!("{id} {extractor}"),
                    "is not the record the same extractor makes from its raw bytes: it was changed",
                ));
            }
        }
    }
    progress(total, total);
    Ok(out)
}

/// Records compared as stored: without their text, as JSON values.
fn same_record(stored: &Record, made: &Record) -> bool {
    let mut made = made.clone();
    made.text = None;
    let mut stored = stored.clone();
    stored.text = None;
    serde_json::to_value(&stored).ok() == serde_json::to_value(&made).ok()
}

/// Where two texts first differ, in words a reader can find.
fn first_difference(stored: &str, made: &str) -> String {
    let at = stored.chars().zip(made.chars()).take_while(|(a, b)| a == b).count();
    let around = |t: &str| t.chars().skip(at.saturating_sub(10)).take(30).collect::<String>();
    format!("from character {at}: the archive has {:?}, the bytes give {:?}", around(stored), around(made))
}
