//! Text primitives shared by every stage of sitrep.
//!
//! - [`Span`]: a typed, half-open byte range, with [`CharIndex`] to speak
//!   characters at the JSON boundary.
//! - [`fold`]: Arabic (and digit) folding that keeps a map back to the
//!   original, for search and matching.
//! - [`lang`]: paragraphs and their languages.
//! - [`copies`]: shingles and MinHash signatures, to find syndicated copies.
//!
//! ```
//! use sitrep_text::{fold::fold_for_search, Span};
//! let text = "قصف على حَلَب";
//! let folded = fold_for_search(text);
//! let at = folded.text.find("حلب").unwrap();
//! let original = folded.original(Span::new(at, at + "حلب".len()));
//! assert_eq!(original.get(text), Some("حَلَب"));
//! ```

pub mod copies;
pub mod fold;
pub mod lang;
pub mod span;

pub use span::{CharIndex, Span, SpanSet};
