//! sitrep's stages joined, for the command line and the desk alike.
//!
//! Each stage is a library of its own: ingest reads formats into
//! documents, annotate makes a document's `sitrep.extract/1` record, the
//! store keeps documents and records, link joins records across
//! documents. This crate is where they meet, so that every front end gives
//! the same answer to the same question:
//!
//! - [`add`]: read inputs, extract each document, store both
//!   ([`add::add`], [`add::add_bytes`]);
//! - [`extract`]: records without storing ([`extract::records`]), made
//!   again ([`extract::reextract`]), or the stored one else one made now
//!   ([`extract::record_or_extract`]);
//! - [`gazetteer`]: gazetteers the analyst imports, used beside the
//!   built-in one by every extraction over the archive;
//! - [`linked`]: the archive linked, kept between commands, and recorded
//!   as timeline versions;
//! - [`scope`]: categories and places as a reader writes them, checked,
//!   with the nearest names when they name nothing;
//! - [`timeline`]: what changed since a version;
//! - [`shapes`]: the JSON the outputs print;
//! - [`verify`]: texts, metadata and records made again from the raw
//!   bytes and compared (`verify --deep`);
//! - [`anchor`]: RFC 3161 time-stamp requests for the archive's head, and
//!   reading the responses.
//!
//! The store only stores: it knows nothing of the annotators.
//!
//! ```
//! use sitrep_pipeline::{add, linked};
//! use sitrep_store::Archive;
//! let mut archive = Archive::open_in_memory().unwrap();
//! let page = b"Aleppo, 3 December 2016. Shelling killed 12 people in the Shaar district, rescuers said.";
//! let done = add::add_bytes(&mut archive, "dispatch.txt", page.to_vec(), Default::default(), &Default::default()).unwrap();
//! assert!(matches!(done[0].1, add::Outcome::Added { .. }));
//! let linked = linked::linked(&archive, &Default::default()).unwrap();
//! assert_eq!(linked.claims[0].category, "killed");
//! ```

pub mod add;
pub mod anchor;
pub mod extract;
pub mod gazetteer;
pub mod linked;
pub mod scope;
pub mod shapes;
pub mod timeline;
pub mod verify;

pub use sitrep_annotate::{extractor, Given, EXTRACTOR};
