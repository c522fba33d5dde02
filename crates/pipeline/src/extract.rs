//! Records: made from inputs without storing them (`sitrep extract`), made
//! again for stored documents (`sitrep reextract`), and the record a
//! document has, or one made now (`sitrep show --facts`).

use crate::add::Input as Path;
use serde::Serialize;
use sitrep_annotate::{extract, extract_within, extractor, Given, Overrun};
use sitrep_ingest::{expand, read_file, read_stream, IngestError, Item, Options, Origin};
use sitrep_record::{Input, Record};
use sitrep_store::{Archive, StoreError};
use std::time::Duration;

/// Why an input gave no record: it could not be read, or its
/// extraction ran past `--max-extract-seconds`.
#[derive(Debug)]
pub enum Failed {
    Read(IngestError),
    Overrun(Overrun),
}

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failed::Read(e) => e.fmt(f),
            Failed::Overrun(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Failed {}

/// One input's record, or the reason it gave none, with the input's
/// label and, for a line of a JSONL stream, what the line said of itself.
pub struct Extracted<'a> {
    pub label: &'a str,
    pub input: Option<&'a Input>,
    pub result: Result<Record, Failed>,
}

/// The time limit each document's extraction gets, from the reading
/// options (`--max-extract-seconds`; 0 is no limit).
pub fn time_limit(opts: &Options) -> Option<Duration> {
    Some(Duration::from_secs(opts.limits.max_extract_seconds)).filter(|l| !l.is_zero())
}

/// Reads every input (standard input first, then the files the paths
/// expand to, in order) and gives each document's record, or the reason an
/// input gave none, to `emit` as it is made: a stream is answered line by
/// line, never held back for the next. A record of a stream's line echoes
/// the line's number, `id`, `url` and `title` in its `input`.
pub fn records(inputs: &[Path], opts: &Options, given: &Given, emit: &mut dyn FnMut(Extracted<'_>)) {
    let limit = time_limit(opts);
    let mut each = |item: Item| {
        let result = match item.result {
            Ok(doc) => extract_within(&doc, given, limit).map_err(Failed::Overrun).map(|mut record| {
                record.input = item.input.clone();
                record
            }),
            Err(e) => Err(Failed::Read(e)),
        };
        emit(Extracted { label: &item.label, input: item.input.as_ref(), result });
    };
    if inputs.iter().any(|i| matches!(i, Path::Stdin)) {
        let origin = Origin { location: "(standard input)".into(), ..Default::default() };
        read_stream("(standard input)", "-", std::io::stdin().lock(), origin, opts, &mut each);
    }
    let paths: Vec<std::path::PathBuf> = inputs
        .iter()
        .filter_map(|i| match i {
            Path::Path(p) => Some(p.clone()),
            Path::Stdin => None,
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
