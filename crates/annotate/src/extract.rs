//! A document in, a `sitrep.extract/1` record out.

use crate::tokens::{tokenize, Token};
use crate::{dates, figures, numbers};
use jiff::civil::Date;
use sitrep_ingest::{Container, Document};
use sitrep_record::{DateFact, DocumentInfo, Figure, Quantity, Record};
use sitrep_text::{CharIndex, Span};

/// Names the rules that made a record. Bump the rules number whenever a
/// change to rules or lexicons can change output, so stored records show
/// which extractor made them and `sitrep reextract` knows what is stale.
pub const EXTRACTOR: &str = concat!("sitrep ", env!("CARGO_PKG_VERSION"), " rules 1");

/// What the caller knows that the document may not say.
#[derive(Clone, Debug, Default)]
pub struct Given {
    /// The document date, from the user (`--published`).
    pub published: Option<Date>,
}

/// The document date and where it came from.
fn document_date(doc: &Document, given: &Given, tokens: &[Token]) -> (Option<Date>, Option<&'static str>) {
    if let Some(d) = given.published {
        return (Some(d), Some("given"));
    }
    // Metadata the format stated (HTML meta, JSON-LD, JSONL, front matter)
    // is given by the publisher.
    if let Some(d) = doc.meta.published.as_deref().and_then(|p| p.get(..10)).and_then(|p| p.parse::<Date>().ok()) {
        return (Some(d), Some("given"));
    }
    if let Some(d) = dates::stated(&doc.text, tokens) {
        return (Some(d), Some("text"));
    }
    match dates::inferred(tokens) {
        Some(d) => (Some(d), Some("inferred")),
        None => (None, None),
    }
}

/// Extracts every fact this version knows how to find.
pub fn extract(doc: &Document, given: &Given) -> Record {
    let text = &doc.text;
    let tokens = tokenize(text);
    let (published, published_source) = document_date(doc, given, &tokens);
    let date_mentions = dates::find(&tokens, published);
    let amounts = numbers::find(&tokens);
    let figure_mentions = figures::find(&tokens, &amounts, &date_mentions);

    let ix = CharIndex::new(text);
    let sentence_at = |byte: usize| crate::tokens::sentence_at(&tokens, byte);
    let span = |s: Span| -> [usize; 2] {
        let (a, b) = ix.chars(s);
        [a, b]
    };
    let slice = |s: Span| text.get(s.start..s.end).unwrap_or("").to_string();
    let format = match doc.container {
        Some(Container::Warc) => "warc",
        Some(Container::Jsonl) => "json",
        None => doc.format.as_str(),
    };
    let info = DocumentInfo {
        id: format!("sha256:{}", doc.id()),
        title: doc.meta.title.clone(),
        published: published.map(|d| d.to_string()),
        published_source: published_source.map(str::to_string),
        languages: doc.languages.clone(),
        format: format.to_string(),
    };
    let mut record = Record::new(info, text.clone());
    record.extractor = EXTRACTOR.to_string();
    record.dates = date_mentions
        .iter()
        .map(|d| DateFact {
            span: span(d.span),
            text: slice(d.span),
            value: d.value.clone(),
            precision: d.precision.as_str().to_string(),
            relative: d.relative,
        })
        .collect();
    record.figures = figure_mentions
        .iter()
        .map(|f| {
            let n = &f.number;
            // The figure's date: a day-precise date in its sentence.
            let sentence = sentence_at(n.span.start);
            let date = date_mentions
                .iter()
                .filter(|d| matches!(d.precision, dates::Precision::Day | dates::Precision::Time))
                .find(|d| sentence_at(d.span.start) == sentence)
                .map(|d| d.date.to_string());
            Figure {
                span: span(f.span),
                text: slice(f.span),
                quantity: Quantity {
                    value: n.value,
                    low: n.low,
                    high: n.high,
                    qualifier: n.qualifier.as_str().to_string(),
                },
                category: f.category.to_string(),
                unit: f.unit.to_string(),
                date,
                place: None,
                source: f.source.map(slice),
            }
        })
        .collect();
    record
}
