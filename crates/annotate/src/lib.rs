//! Annotate: the facts in a document's text, each with its span.
//!
//! Every annotator reads the same token stream ([`tokens`]) and cannot
//! fail: strange text yields fewer facts, never an error.

pub mod dates;
pub mod numbers;
pub mod tokens;
