//! What sitrep hands the analyst, from a [`sitrep_link::Linked`]: exports in
//! the formats the field reads ([`export`]) and the situation report, one
//! self-contained HTML file ([`html`]).

pub mod export;
pub mod html;
