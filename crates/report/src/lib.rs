//! What sitrep hands the analyst, from a [`sitrep_link::Linked`]: exports in
//! the formats the field reads ([`export`]) and the situation report, one
//! self-contained HTML file ([`html`]), which shows a toll only on the
//! events it belongs to ([`tolls`]).

pub mod export;
pub mod html;
pub mod tolls;
