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
//!   within it, date within its precision; or tactics of one kind of
//!   violence at one place on one day) in different documents merge into
//!   one [`LinkedEvent`] with every mention, origin, figure and the quotes
//!   that bear witness to it. Its toll comes from the figures of the same
//!   happening (`tolls`), and those figures take its date and place.
//! - **Stable ids.** A group or event is named by its oldest member (the
//!   first document added to the archive, then the earliest span), hashed
//!   with what it is about. Adding a document never renames what exists;
//!   re-extracting one renames only what it must.
//!
//! The modules, in the order the data goes through them: `model` (what
//! linking takes and gives), `linking` ([`link`] itself), `evidence` (the
//! sentence around cited words), [`origin`] (who a claim comes from),
//! [`places`] (which place lies within which), `claims` (claim groups and
//! their ranges), `tolls` (which figures count an event's dead),
//! `victims` (whether they were civilians), [`acled`] (ACLED's hierarchy of
//! types), `events` (merged events), `keys` (folded names and stable
//! ids), `filter` ([`Filter`]) and `versions` (timeline items and
//! [`changes`]).
//!
//! ```
//! use sitrep_link::{link, Input, Settings};
//! let linked = link(&[] as &[Input], &Settings::default());
//! assert!(linked.claims.is_empty() && linked.events.is_empty());
//! ```

pub mod acled;
mod claims;
mod events;
mod evidence;
mod filter;
mod keys;
mod linking;
mod model;
pub mod origin;
pub mod places;
mod tolls;
mod versions;
mod victims;

pub use filter::Filter;
pub use keys::norm;
pub use linking::link;
pub use model::*;
pub use versions::{changes, Changes, Item};
