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

/// A stored document made again from its raw bytes as reading made it:
/// `format` and `encoding` as recorded then (the encoding overrides
/// detection, as `--encoding` would), `given` the metadata its container
/// supplied. `sitrep verify --deep` compares it with what the archive
/// holds. A JSONL document's raw bytes are its line, which is read again
/// as a one-line feed.
pub fn remake(
    raw: Vec<u8>,
    format: Format,
    from_jsonl: bool,
    encoding: Option<&'static Encoding>,
    opts: &Options,
) -> Result<Document> {
    let opts = Options { encoding: encoding.or(opts.encoding), ..opts.clone() };
    if from_jsonl {
        let mut made = None;
        crate::read::read_bytes("line", "line.jsonl", raw, Origin::default(), &opts, &mut |item| {
            made.get_or_insert(item.result);
        });
        return made.unwrap_or(Err(IngestError::Empty));
    }
    single(raw, format, None, Meta::default(), Origin::default(), &opts)
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

/// Plain text has no title field; a short line standing alone at the top
/// (a headline, a transcript's heading) is the title a reader would name.
/// Furniture above it (`3 min read`, `Interviewer: …`, a date line; the
/// patterns are `data/title_furniture.txt`) is passed over. A headline may
/// ask a question; it does not end a sentence or a clause.
fn first_line_title(text: &str) -> Option<String> {
    let text = text.trim_start_matches('\u{FEFF}').trim_start();
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty()).peekable();
    // Only the first few lines: a title further down is no title.
    for _ in 0..6 {
        let line = lines.next()?;
        if is_furniture(line) {
            continue;
        }
        let words = line.split_whitespace().count();
        let sentence = line.ends_with(['.', '!', ':', ',', ';']);
        let standalone = words >= 2 && line.chars().count() <= 120 && !sentence && lines.peek().is_some();
        return standalone.then(|| line.to_string());
    }
    None
}

/// A pattern of `data/title_furniture.txt`: words, `#` for a number, and
/// whether it matches only the start of a line (it ends in `:`).
struct Furniture {
    words: Vec<String>,
    prefix: bool,
}

fn furniture() -> &'static [Furniture] {
    static LIST: std::sync::OnceLock<Vec<Furniture>> = std::sync::OnceLock::new();
    LIST.get_or_init(|| {
        include_str!("../data/title_furniture.txt")
            .lines()
            // Comments hold no ` | `; every pattern line has one.
            .filter(|l| l.contains(" | "))
            .map(|l| {
                let pattern = l.split(" | ").next().unwrap_or(l).trim();
                Furniture {
                    words: pattern.split_whitespace().map(str::to_lowercase).collect(),
                    prefix: pattern.ends_with(':'),
                }
            })
            .collect()
    })
}

fn is_number(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || ('\u{0660}'..='\u{0669}').contains(&c))
}

/// Whether a top line is furniture rather than a headline.
fn is_furniture(line: &str) -> bool {
    if crate::dates::normalize(line).is_some() {
        return true;
    }
    let words: Vec<String> = line.split_whitespace().map(str::to_lowercase).collect();
    furniture().iter().any(|f| {
        let n = f.words.len();
        let fits = if f.prefix { words.len() >= n } else { words.len() == n };
        fits && f.words.iter().zip(&words).all(|(p, w)| if p == "#" { is_number(w) } else { p == w })
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_furniture_example_is_furniture() {
        for line in include_str!("../data/title_furniture.txt").lines().filter(|l| l.contains(" | ")) {
            let example = line.rsplit(" | ").next().unwrap();
            assert!(is_furniture(example), "{example:?} (from {line:?}) is not furniture");
        }
    }

    #[test]
    fn the_headline_under_the_furniture_is_the_title() {
        let t = |s: &str| first_line_title(s);
        assert_eq!(
            t("3 min read\n\nTrapped residents: 'we chose to stay'\n\nText.").as_deref(),
            Some("Trapped residents: 'we chose to stay'")
        );
        assert_eq!(
            t("Interviewer: A. Reporter\n\n31 August 2022\n\nA long first paragraph that is a sentence.\nMore."),
            None
        );
        assert_eq!(
            t("Who shelled the market?\nA report.").as_deref(),
            Some("Who shelled the market?"),
            "a question is a headline"
        );
        assert_eq!(t("ماذا جرى في الحي؟\nنص.").as_deref(), Some("ماذا جرى في الحي؟"));
        assert_eq!(t("Updated: Two killed in shelling\nText.").as_deref(), Some("Updated: Two killed in shelling"));
        assert_eq!(t("Shelling killed twelve people in the district on Saturday, rescuers said.\nMore."), None);
        assert_eq!(t("Only one line"), None);
    }
}
