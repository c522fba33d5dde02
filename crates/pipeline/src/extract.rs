//! Records: made from inputs without storing them (`sitrep extract`), made
//! again for stored documents (`sitrep reextract`), and the record a
//! document has, or one made now (`sitrep show --facts`).

use crate::add::Input;
use serde::Serialize;
use sitrep_annotate::{extract, extractor, Given};
use sitrep_ingest::{expand, read_file, read_stream, IngestError, Item, Options, Origin};
use sitrep_record::Record;
use sitrep_store::{Archive, StoreError};

/// Reads every input (standard input first, then the files the paths
/// expand to, in order) and gives each document's record, or the reason an
/// input gave none, to `emit` with the input's label.
pub fn records(
    inputs: &[Input],
    opts: &Options,
    given: &Given,
    emit: &mut dyn FnMut(&str, Result<Record, IngestError>),
) {
    let mut each = |item: Item| {
        let record = item.result.map(|doc| extract(&doc, given));
        emit(&item.label, record);
    };
    if inputs.iter().any(|i| matches!(i, Input::Stdin)) {
        let origin = Origin { location: "(standard input)".into(), ..Default::default() };
        read_stream("(standard input)", "-", std::io::stdin().lock(), origin, opts, &mut each);
    }
    let paths: Vec<std::path::PathBuf> = inputs
        .iter()
        .filter_map(|i| match i {
            Input::Path(p) => Some(p.clone()),
            Input::Stdin => None,
        })
        .collect();
    for entry in expand(&paths) {
        match entry {
            Ok(path) => read_file(&path, opts, &mut each),
            Err(item) => each(item),
        }
    }
}

/// What [`reextract`] did.
#[derive(Clone, Debug, Serialize)]
pub struct Reextracted {
    /// The extractor that made the records.
    pub extractor: String,
    /// Documents whose record could not be made again (their bytes are
    /// damaged, or the archive could not be written).
    pub failed: Vec<String>,
    pub reextracted: usize,
}

/// Makes the records of stored documents again with this version's
/// extractor and the archive's imported gazetteer: those no record of
/// both has yet, or every one with `all`.
/// `progress` is told each document's id as it is done, and why it failed
/// when it did; the count of documents to do comes first.
pub fn reextract(
    archive: &mut Archive,
    all: bool,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<Reextracted, StoreError> {
    let given = crate::gazetteer::given(archive)?;
    let made_by = extractor(&given);
    let ids = if all { archive.ids()? } else { archive.without_record(&made_by)? };
    progress(Progress::Planned { documents: ids.len() });
    let mut failed = Vec::new();
    for id in &ids {
        let result = archive.document(id).and_then(|doc| archive.put_record(id, &extract(&doc, &given)));
        if result.is_err() {
            failed.push(id.clone());
        }
        progress(Progress::Done { id, error: result.as_ref().err() });
    }
    Ok(Reextracted { extractor: made_by, reextracted: ids.len() - failed.len(), failed })
}

/// How [`reextract`] is getting on.
pub enum Progress<'a> {
    Planned { documents: usize },
    Done { id: &'a str, error: Option<&'a StoreError> },
}

/// A document's record as stored, or, when it has none, one extracted
/// now (not stored); `stored` says which.
pub struct Facts {
    pub record: Record,
    pub stored: bool,
}

/// The stored record of a document (by full id), or one made now.
pub fn record_or_extract(archive: &Archive, id: &str) -> Result<Facts, StoreError> {
    match archive.record(id)? {
        Some(record) => Ok(Facts { record, stored: true }),
        None => {
            let doc = archive.document(id)?;
            Ok(Facts { record: extract(&doc, &crate::gazetteer::given(archive)?), stored: false })
        }
    }
}
