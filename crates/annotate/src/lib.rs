//! Annotate: the facts in a document's text, each with its span.
//!
//! Every annotator reads the same token stream ([`tokens`]) and cannot
//! fail: strange text yields fewer facts, never an error or a panic.
//! [`extract`] runs them all and builds a `sitrep.extract/1` record.
//!
//! ```
//! use sitrep_annotate::{extract, Given};
//! use sitrep_ingest::{read_bytes, Options, Origin};
//! let mut docs = Vec::new();
//! let text = b"Aleppo, 13 December 2016\n\nShelling killed 17 people on Tuesday, medics said.".to_vec();
//! read_bytes("a.txt", "a.txt", text, Origin::default(), &Options::default(), &mut |i| docs.push(i));
//! let record = extract(&docs[0].result.as_ref().unwrap(), &Given::default());
//! assert_eq!(record.document.published.as_deref(), Some("2016-12-13"));
//! assert_eq!(record.figures[0].category, "killed");
//! assert_eq!(record.dates[1].value, "2016-12-13"); // "on Tuesday", counted from the dateline
//! ```

pub mod actors;
pub mod budget;
mod calendar;
pub mod conflicts;
pub mod dates;
mod discourse;
pub mod events;
mod extract;
pub mod factuality;
pub mod figures;
mod frames;
pub mod golden;
mod lexicon;
pub mod numbers;
pub mod places;
pub mod quotes;
mod speakers;
pub mod tokens;

pub use budget::Overrun;
pub use extract::{extract, extract_profiled, extract_within, extractor, Given, EXTRACTOR};
