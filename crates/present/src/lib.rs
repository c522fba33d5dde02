//! How sitrep shows things, in one place for every output: the command
//! line, the situation report and the desk.
//!
//! - [`html`]: the one HTML escape, and text marked with its direction;
//! - [`direction`]: which text is Arabic, and isolating it in a terminal;
//! - [`numbers`]: figures as each output writes them, and ranges;
//! - [`dates`]: dates as readers write them, and day arithmetic (jiff);
//! - [`evidence`]: the window of a sentence shown around cited words;
//! - [`text`]: cutting, padding and one-lining free text;
//! - [`short_id`]: a document id as every output shows it.
//!
//! Where outputs differ on purpose (the report's typographic minus, the
//! CSV's bare digits, the desk's shorter window), the variants are named
//! here side by side, so a change to one is a choice, not a drift.
//!
//! ```
//! use sitrep_present::{dates, html, numbers};
//! assert_eq!(numbers::grouped(100_000.0), "100,000");
//! assert_eq!(numbers::range_with_best(80_000.0, 90_000.0, 100_000.0, numbers::grouped), "80,000–100,000 (best 90,000)");
//! assert_eq!(dates::written("2016-12-13"), "13 Dec 2016");
//! assert_eq!(html::esc("<b>"), "&lt;b&gt;");
//! ```

pub mod dates;
pub mod direction;
pub mod evidence;
pub mod html;
pub mod numbers;
pub mod text;

/// A document id as every output shows it: the first 12 hex digits, with
/// or without `sha256:` in front (see [`sitrep_record::DocId`]).
pub fn short_id(id: &str) -> &str {
    sitrep_record::DocId::short_of(id)
}
