//! One document from its raw bytes: binary refused, text decoded, the
//! format's converter run (HTML article text, Markdown, PDF pages), the
//! metadata a container gave laid over what the document says of itself.
//! Both [`read`](crate::read) and the container readers (`warc`, `jsonl`)
//! come here for each document.

use crate::decode::{decode, sniff_binary};
use crate::document::{Document, Format, Meta, Ocr, OcrParagraph, Origin};
use crate::error::{IngestError, Result};
use crate::limits::Limits;
use crate::{docx, html, markdown, ocr, pdf};
use encoding_rs::Encoding;

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
    // These formats are binary by nature; their readers judge them.
    if !matches!(format, Format::Pdf | Format::Docx | Format::Image) {
        if let Some(what) = sniff_binary(&raw) {
            return Err(IngestError::Binary(what.to_string()));
        }
    }
    let mut ocr = None;
    let (text, meta, encoding, pages) = match format {
        Format::Pdf => {
            let mut pages = pdf::pages(&raw, &opts.limits)?;
            // No text layer on any page: a scan, read by OCR.
            if pages.iter().all(|p| p.trim().is_empty()) {
                let read = ocr::pdf(&raw, &opts.limits)?;
                let (texts, found, words) = ocr_pages(read)?;
                pages = texts;
                ocr = Some((found, words));
            }
            (join_pages(&pages), Meta::default(), None, pages.len())
        }
        Format::Image => {
            let read = ocr::image(&raw, &opts.limits)?;
            let (mut texts, found, words) = ocr_pages(vec![read])?;
            ocr = Some((found, words));
            (texts.remove(0), Meta::default(), None, 0)
        }
        Format::Docx => {
            let (text, meta) = docx::extract(&raw, &opts.limits)?;
            (text, meta, None, 0)
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
        Format::Text | Format::Post | Format::Email => {
            let d = decode(&raw, opts.encoding.or(declared))?;
            let meta = Meta { title: first_line_title(&d.text), ..Meta::default() };
            (d.text, meta, Some(d.encoding), 0)
        }
    };
    let mut details = meta.details;
    details.extend(given.details);
    let meta = Meta {
        title: given.title.or(meta.title),
        author: given.author.or(meta.author),
        published: given.published.or(meta.published),
        site: given.site.or(meta.site),
        url: given.url.or(meta.url),
        relayed_from: given.relayed_from.or(meta.relayed_from),
        details,
    };
    let mut doc = Document::new(raw, format, text, meta, origin);
    if doc.text.is_empty() {
        return Err(IngestError::NoText(match format {
            Format::Pdf => "the PDF has neither a text layer nor words OCR could read".into(),
            Format::Image => "OCR found no words in the picture".into(),
            Format::Html => "no article text found in the page".into(),
            _ => "only whitespace and control characters".into(),
        }));
    }
    doc.encoding = encoding.map(str::to_string);
    if format == Format::Pdf {
        doc.pages = page_spans(&doc.text, pages);
    }
    if let Some((mut found, words)) = ocr {
        ocr_spans(&doc.text, &mut found, &words);
        doc.ocr = Some(found);
    }
    Ok(doc)
}

/// Page texts from what OCR read, the OCR mark (spans still to find, in
/// [`ocr_spans`]) and every paragraph's text in order.
fn ocr_pages(pages: Vec<Vec<ocr::Paragraph>>) -> Result<(Vec<String>, Ocr, Vec<String>)> {
    let engine = ocr::engine()?;
    let (mut sum, mut weight) = (0f64, 0usize);
    let mut marks = Vec::new();
    let mut words = Vec::new();
    let mut texts = Vec::with_capacity(pages.len());
    for page in pages {
        let mut text = String::new();
        for p in page {
            sum += f64::from(p.confidence) * p.weight as f64;
            weight += p.weight;
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&p.text);
            marks.push(OcrParagraph { span: sitrep_text::Span::new(0, 0), confidence: p.confidence });
            words.push(p.text);
        }
        texts.push(text);
    }
    if weight == 0 {
        return Err(IngestError::NoText("OCR found no words in the picture".into()));
    }
    let confidence = ((sum / weight as f64) * 10.0).round() as f32 / 10.0;
    Ok((texts, Ocr { engine, languages: ocr::LANGUAGES.into(), confidence, paragraphs: marks }, words))
}

/// Each OCR paragraph's span in the document's cleaned text, found in
/// order (cleaning only trims, so each is there as read).
fn ocr_spans(text: &str, ocr: &mut Ocr, words: &[String]) {
    let mut at = 0;
    for (mark, para) in ocr.paragraphs.iter_mut().zip(words) {
        let para = para.trim();
        if let Some(i) = text.get(at..).and_then(|rest| rest.find(para)) {
            mark.span = sitrep_text::Span::new(at + i, at + i + para.len());
            at += i + para.len();
        } else {
            mark.span = sitrep_text::Span::new(at, at);
        }
    }
}

/// Plain text has no title field; a short first line standing alone (a
/// headline, a transcript's heading) is the title a reader would name.
fn first_line_title(text: &str) -> Option<String> {
    let text = text.trim_start_matches('\u{FEFF}').trim_start();
    let (first, rest) = text.split_once('\n')?;
    let first = first.trim();
    let words = first.split_whitespace().count();
    let sentence = first.ends_with(['.', '!', '?', '؟', ':', ',']);
    (words >= 2 && first.chars().count() <= 120 && !sentence && !rest.trim().is_empty()).then(|| first.to_string())
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

/// A document whose text a container reader made itself (a post, an
/// e-mail's body), kept with the bytes it was made from: its `raw`, the
/// exact span of the container those bytes are, is what the id seals.
pub(crate) fn from_text(
    text: String,
    raw: Vec<u8>,
    format: Format,
    given: Meta,
    origin: Origin,
    opts: &Options,
) -> Result<Document> {
    let mut doc = single(text.into_bytes(), format, Some(encoding_rs::UTF_8), given, origin, opts)?;
    doc.raw = raw;
    doc.encoding = Some("UTF-8".into());
    Ok(doc)
}
