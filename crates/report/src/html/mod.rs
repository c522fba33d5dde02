//! The situation report: one self-contained HTML file.
//!
//! [`render`] turns a [`Linked`](sitrep_link::Linked) (already filtered) into a page an analyst can
//! open offline, print or mail. Nothing is fetched: the styles are inline, the
//! timeline and the map are SVG drawn here from the dates, the coordinates and
//! bundled country and first-level boundaries, and
//! there is no script at all; a Content-Security-Policy says so to the
//! browser, so a mistake in escaping could not load or run anything either.
//!
//! Every number and every event links to the words behind it: an appendix
//! entry (`#ev-<12 hex of the document>-<start>-<end>`) shows the sentence
//! with the span marked and names the document, its publisher, date, full id
//! and the span in characters. Entries are numbered `E1`, `E2`, … in the
//! order the report first cites them.
//!
//! Document text is hostile input: every string that comes from a document
//! (titles, publishers, names, quotes, contexts) is escaped, attributes
//! included, and only `http(s)` URLs become links. Arabic runs are marked
//! `lang="ar" dir="rtl"`, mixed runs are isolated with `<bdi>`.
//!
//! The output is deterministic: the same input and options give the same
//! bytes.
//!
//! ```
//! use sitrep_report::html::{render, ReportOptions};
//! let page = render(&sitrep_link::Linked::default(), &ReportOptions::default());
//! assert!(page.starts_with("<!DOCTYPE html>") && page.contains("Situation report"));
//! ```
//!
//! The page is made in `page` (its sections, in the order they read),
//! the timeline and the map in `charts` (over the bundled Natural Earth
//! boundaries of [`boundaries`]), and the report's way of writing
//! numbers, dates, anchors and names in `format`, over the presentation
//! library every output shares (`sitrep-present`).

/// `write!` into a `String`, which cannot fail.
macro_rules! w {
    ($o:expr, $($t:tt)*) => {{
        let _ = write!($o, $($t)*);
    }};
}

pub mod boundaries;
mod charts;
mod format;
mod page;

pub use charts::{colour, map_chart, timeline_chart};
pub use format::{anchor, event_type, sub_type};
pub use page::{render, ReportOptions};
