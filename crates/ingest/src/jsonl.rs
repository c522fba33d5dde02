//! JSON Lines feeds: one document per line.
//!
//! Scrapers and news APIs hand over collections as JSONL. Each line is an
//! object with `text` or `html`, and optionally `url`, `title`, `published`,
//! `author` and `source` (the outlet). A document's raw bytes are its line,
//! so the id proves the exact record that was received. A bad line is
//! reported with its number and the rest of the feed goes on.

use crate::convert::{single, Item, Options};
use crate::dates;
use crate::document::{Container, Format, Meta, Origin};
use crate::error::IngestError;
use crate::stream::{read_line, Line};
use serde_json::Value;
use std::io::BufRead;

pub fn read<R: BufRead>(mut input: R, label: &str, file_origin: &Origin, opts: &Options, emit: &mut dyn FnMut(Item)) {
    let mut number = 0u64;
    loop {
        number += 1;
        let line_label = format!("{label} line {number}");
        let line = match read_line(&mut input, opts.limits.max_line_bytes) {
            Ok(Line::Eof) => break,
            Ok(Line::Text(t)) => t,
            Ok(Line::TooLong(n)) => {
                let err = IngestError::too_large("line", n, opts.limits.max_line_bytes, "max-line-bytes");
                emit(Item { label: line_label, result: Err(err) });
                continue;
            }
            Err(e) => {
                emit(Item { label: line_label, result: Err(e.into()) });
                break;
            }
        };
        // A byte-order mark before the first record is not part of it.
        let line =
            if number == 1 { line.strip_prefix(&[0xEF, 0xBB, 0xBF]).map(<[u8]>::to_vec).unwrap_or(line) } else { line };
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        for result in documents(line, number, file_origin, opts) {
            let result = result.map(|mut d| {
                d.container = Some(Container::Jsonl);
                d
            });
            emit(Item { label: line_label.clone(), result });
        }
    }
}

/// The documents of one line: one, or none with the reason, or (for a page
/// of posts as research tools write them) one per post.
fn documents(line: Vec<u8>, number: u64, file_origin: &Origin, opts: &Options) -> Vec<crate::Result<crate::Document>> {
    let value: Value = match serde_json::from_slice(&line) {
        Ok(v) => v,
        Err(e) => return vec![Err(IngestError::malformed("JSONL", format!("not JSON: {e}")))],
    };
    let Value::Object(obj) = &value else {
        return vec![Err(IngestError::malformed("JSONL", "the line is not a JSON object"))];
    };
    if crate::x::is_post(obj) {
        let origin = Origin {
            location: file_origin.location.clone(),
            container: Some(file_origin.location.clone()),
            locator: Some(format!("line {number}")),
            retrieved: file_origin.retrieved.clone(),
            parent: None,
        };
        return crate::x::read_line(&line, &origin, opts);
    }
    vec![document(line, obj, number, file_origin, opts)]
}

fn document(
    line: Vec<u8>,
    obj: &serde_json::Map<String, Value>,
    number: u64,
    file_origin: &Origin,
    opts: &Options,
) -> Result<crate::Document, IngestError> {
    let field =
        |k: &str| obj.get(k).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    let (format, body) = match (field("html"), field("text")) {
        (Some(h), _) => (Format::Html, h),
        (None, Some(t)) => (Format::Text, t),
        (None, None) => {
            return Err(IngestError::malformed("JSONL", "the object has neither a \"text\" nor an \"html\" field"));
        }
    };
    let url = field("url");
    let given = Meta {
        title: field("title"),
        author: field("author"),
        published: field("published").and_then(|p| dates::normalize(&p)),
        site: field("source"),
        url: url.clone(),
        ..Meta::default()
    };
    let origin = Origin {
        location: url.unwrap_or_else(|| file_origin.location.clone()),
        container: Some(file_origin.location.clone()),
        locator: Some(format!("line {number}")),
        retrieved: field("retrieved").and_then(|r| dates::normalize(&r)).or_else(|| file_origin.retrieved.clone()),
        parent: None,
    };
    // The body is parsed from the JSON string, but the raw bytes kept are
    // the whole line: the exact record received.
    let mut doc = single(body.into_bytes(), format, Some(encoding_rs::UTF_8), given, origin, opts)?;
    doc.raw = line;
    doc.encoding = Some("UTF-8".into());
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::BufReader;

    #[test]
    fn each_line_is_a_document_and_bad_lines_are_named() {
        let feed = concat!(
            r#"{"text":"Aid trucks entered the town on Monday.","url":"https://example.org/1","published":"2020-02-03","source":"Wire"}"#,
            "\n\n",
            "not json\n",
            r#"{"html":"<p>Forty families were displaced, the council said.</p>","title":"Displacement"}"#,
            "\n",
            r#"{"title":"no body"}"#,
            "\n"
        );
        let mut items = Vec::new();
        read(
            BufReader::new(feed.as_bytes()),
            "feed.jsonl",
            &Origin { location: "/f/feed.jsonl".into(), ..Default::default() },
            &Options::default(),
            &mut |i| items.push(i),
        );
        assert_eq!(items.len(), 4);
        let first = items[0].result.as_ref().unwrap();
        assert_eq!(first.origin.location, "https://example.org/1");
        assert_eq!(first.origin.locator.as_deref(), Some("line 1"));
        assert_eq!(first.meta.published.as_deref(), Some("2020-02-03"));
        assert_eq!(first.meta.site.as_deref(), Some("Wire"));
        assert!(first.raw.starts_with(b"{\"text\""));
        assert_eq!(items[1].label, "feed.jsonl line 3");
        assert!(items[1].result.is_err());
        let html = items[2].result.as_ref().unwrap();
        assert_eq!(html.format, Format::Html);
        assert!(html.text.ends_with("Forty families were displaced, the council said."));
        assert!(items[3].result.as_ref().unwrap_err().to_string().contains("neither"));
    }
}
