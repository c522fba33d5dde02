//! Word documents (`.docx`): the body's paragraphs and tables, and the
//! file's core properties.
//!
//! A `.docx` is a ZIP of XML parts. The text is `word/document.xml`'s body
//! in reading order: each paragraph (`w:p`) a paragraph of the text, its
//! runs' text (`w:t`) joined, tabs and line breaks kept, deleted text of
//! tracked changes (`w:delText`) left out; each table (`w:tbl`) a block of
//! its own, one line per row with the cells separated by tabs, a cell's
//! paragraphs joined by spaces. Headers, footers and footnotes are other
//! parts and are not read: letterheads repeat on every page and say
//! nothing of the events.
//!
//! `docProps/core.xml` gives the title and creator, and the created and
//! modified times, which go into the document's details. The created day
//! is the document date only when the file was last saved that same day:
//! statements are often written over last month's file, whose creation
//! date would then date everything "yesterday" says wrongly.
//!
//! Every part is read through a cap of [`Limits::max_decompressed_bytes`]
//! (a ZIP bomb stops there) and never more than 16 times
//! [`Limits::max_document_bytes`].

use crate::document::Meta;
use crate::error::{IngestError, Result};
use crate::limits::Limits;
use crate::stream::{is_cap_error, Capped};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::io::{Cursor, Read};

/// The text and metadata of a Word file.
pub fn extract(raw: &[u8], limits: &Limits) -> Result<(String, Meta)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(raw))
        .map_err(|e| IngestError::malformed("Word", format!("not a ZIP file ({e})")))?;
    let cap = limits.max_decompressed_bytes.min(limits.max_document_bytes.saturating_mul(16));
    let body = part(&mut zip, "word/document.xml", cap)?
        .ok_or_else(|| IngestError::malformed("Word", "it has no word/document.xml (is it a Word file?)"))?;
    let text = body_text(&body)?;
    let mut meta = Meta::default();
    if let Some(core) = part(&mut zip, "docProps/core.xml", cap)? {
        core_properties(&core, &mut meta);
    }
    Ok((text, meta))
}

/// One part of the ZIP as text, `None` when the file has no such part.
fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str, cap: u64) -> Result<Option<String>> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(IngestError::malformed("Word", format!("{name}: {e}"))),
    };
    let mut bytes = Vec::new();
    match Capped::new(file, cap).read_to_end(&mut bytes) {
        Ok(_) => {}
        Err(e) if is_cap_error(&e) => {
            return Err(IngestError::too_large(
                "a part of the Word file",
                cap.saturating_add(1),
                cap,
                "max-decompressed-bytes",
            ))
        }
        Err(e) => return Err(IngestError::malformed("Word", format!("{name}: {e}"))),
    }
    String::from_utf8(bytes).map(Some).map_err(|_| IngestError::malformed("Word", format!("{name} is not UTF-8")))
}

/// What a reference names: `&amp;`, `&#1575;`.
fn reference(r: &quick_xml::events::BytesRef<'_>) -> Option<String> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c.to_string());
    }
    let name: &str = r.as_ref();
    quick_xml::escape::resolve_predefined_entity(name).map(str::to_string)
}

fn body_text(xml: &str) -> Result<String> {
    let mut reader = Reader::from_str(xml);
    // Blocks of the text: paragraphs, and tables as rows of cells.
    let mut blocks: Vec<String> = Vec::new();
    let mut para = String::new();
    // Inside a table: rows so far, the current row's cells, the cell's paragraphs.
    let mut tables: Vec<(Vec<String>, Vec<String>, Vec<String>)> = Vec::new();
    let mut in_text = false;
    let mut deleted = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| {
            IngestError::malformed("Word", format!("word/document.xml at byte {}: {e}", reader.buffer_position()))
        })?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                "t" => in_text = true,
                "del" => deleted += 1,
                "tbl" => tables.push(Default::default()),
                "tab" => para.push('\t'),
                "br" | "cr" => para.push('\n'),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "tab" => para.push('\t'),
                "br" | "cr" => para.push('\n'),
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "del" => deleted = deleted.saturating_sub(1),
                "p" => {
                    let p = std::mem::take(&mut para);
                    let p = p.trim();
                    match tables.last_mut() {
                        Some((_, _, cell)) => {
                            if !p.is_empty() {
                                cell.push(p.replace(['\n', '\t'], " "));
                            }
                        }
                        None => {
                            if !p.is_empty() {
                                blocks.push(p.to_string());
                            }
                        }
                    }
                }
                "tc" => {
                    if let Some((_, row, cell)) = tables.last_mut() {
                        row.push(std::mem::take(cell).join(" "));
                    }
                }
                "tr" => {
                    if let Some((rows, row, _)) = tables.last_mut() {
                        let cells = std::mem::take(row);
                        if cells.iter().any(|c| !c.is_empty()) {
                            rows.push(cells.join("\t").trim_end().to_string());
                        }
                    }
                }
                "tbl" => {
                    if let Some((rows, _, _)) = tables.pop() {
                        let table = rows.join("\n");
                        // A table inside a cell is part of that cell.
                        match tables.last_mut() {
                            Some((_, _, cell)) => cell.push(table.replace(['\n', '\t'], " ")),
                            None if !table.is_empty() => blocks.push(table),
                            None => {}
                        }
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text && deleted == 0 => para.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text && deleted == 0 => {
                if let Some(s) = reference(&r) {
                    para.push_str(&s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(blocks.join("\n\n"))
}

fn core_properties(xml: &str, meta: &mut Meta) {
    let mut reader = Reader::from_str(xml);
    let mut field: Option<String> = None;
    let mut values: Vec<(String, String)> = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                field = Some(e.local_name().as_ref().to_string());
                values.push((e.local_name().as_ref().to_string(), String::new()));
            }
            Ok(Event::Text(t)) if field.is_some() => {
                if let Some(v) = values.last_mut() {
                    v.1.push_str(&t.xml10_content());
                }
            }
            Ok(Event::GeneralRef(r)) if field.is_some() => {
                if let (Some(v), Some(s)) = (values.last_mut(), reference(&r)) {
                    v.1.push_str(&s);
                }
            }
            Ok(Event::End(_)) => field = None,
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    let get =
        |name: &str| values.iter().find(|(k, v)| k == name && !v.trim().is_empty()).map(|(_, v)| v.trim().to_string());
    meta.title = get("title");
    meta.author = get("creator");
    let created = get("created");
    let modified = get("modified");
    let day =
        |d: &Option<String>| d.as_deref().and_then(crate::dates::normalize).map(|d| d[..10.min(d.len())].to_string());
    if created.is_some() && day(&created) == day(&modified) {
        meta.published = created.as_deref().and_then(crate::dates::normalize);
    }
    meta.detail("created", created);
    meta.detail("modified", modified);
    meta.detail("last saved by", get("lastModifiedBy"));
    meta.detail("subject", get("subject"));
    meta.detail("keywords", get("keywords"));
    meta.detail("description", get("description"));
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// A minimal Word file with `body` as the inside of `w:body`.
    pub(crate) fn docx(body: &str, core: &str) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut z = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default();
        z.start_file("[Content_Types].xml", opts).unwrap();
        z.write_all(
            br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#,
        )
        .unwrap();
        z.start_file("word/document.xml", opts).unwrap();
        write!(z, r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#).unwrap();
        z.start_file("docProps/core.xml", opts).unwrap();
        write!(z, r#"<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">{core}</cp:coreProperties>"#).unwrap();
        z.finish().unwrap();
        out.into_inner()
    }

    #[test]
    fn paragraphs_and_tables_in_reading_order() {
        let body = r#"<w:p><w:r><w:t>Statement on the </w:t></w:r><w:r><w:t xml:space="preserve">shelling &amp; its toll</w:t></w:r></w:p>
            <w:p><w:r><w:del><w:delText>withdrawn words</w:delText></w:del><w:t>Twelve people were killed.</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>District</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Killed</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:p><w:r><w:t>al-Shaar</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>12</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            <w:p><w:r><w:t>قال الدفاع المدني</w:t><w:tab/><w:t>&#1633;&#1634;</w:t></w:r></w:p>"#;
        let core = "<dc:title>Shelling toll</dc:title><dc:creator>Field Office</dc:creator>\
            <dcterms:created>2016-12-14T08:00:00Z</dcterms:created><dcterms:modified>2016-12-14T17:30:00Z</dcterms:modified>";
        let (text, meta) = extract(&docx(body, core), &Limits::default()).unwrap();
        assert_eq!(
            text,
            "Statement on the shelling & its toll\n\nTwelve people were killed.\n\nDistrict\tKilled\nal-Shaar\t12\n\nقال الدفاع المدني\t١٢"
        );
        assert_eq!(meta.title.as_deref(), Some("Shelling toll"));
        assert_eq!(meta.author.as_deref(), Some("Field Office"));
        assert_eq!(meta.published.as_deref(), Some("2016-12-14T08:00:00Z"));
        assert_eq!(meta.details[0], ("created".to_string(), "2016-12-14T08:00:00Z".to_string()));
    }

    #[test]
    fn an_old_file_saved_again_has_no_date_and_bad_files_are_named() {
        let core = "<dcterms:created>2015-03-01T08:00:00Z</dcterms:created><dcterms:modified>2016-12-14T17:30:00Z</dcterms:modified>";
        let (_, meta) = extract(&docx("<w:p><w:r><w:t>Text</w:t></w:r></w:p>", core), &Limits::default()).unwrap();
        assert_eq!(meta.published, None);
        let err = extract(b"PK\x03\x04 not really", &Limits::default()).unwrap_err().to_string();
        assert!(err.contains("not a valid Word file"), "{err}");
        let tiny = Limits { max_decompressed_bytes: 100, ..Limits::default() };
        let big = format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", "x".repeat(1000));
        let err = extract(&docx(&big, ""), &tiny).unwrap_err().to_string();
        assert!(err.contains("max-decompressed-bytes"), "{err}");
    }
}
