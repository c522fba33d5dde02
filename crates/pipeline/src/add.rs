//! Adding a batch of inputs: read and extract in parallel, write one at a
//! time.
//!
//! Reading and converting (HTML parsing, PDF text, language id) and
//! extraction are the expensive part and are spread over worker threads;
//! SQLite takes one writer, so the calling thread writes each document with
//! its record in its own transaction as it arrives. A bounded channel
//! between them keeps memory flat however large the batch. An input that
//! fails is reported and the batch goes on.

use serde::Serialize;
use sitrep_annotate::{extract, Given};
use sitrep_ingest::{expand, read_bytes, read_file, read_stream, Item, Options, Origin};
use sitrep_record::Record;
use sitrep_store::{Added, Archive, StoreError};
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::sync_channel;

/// One input of a batch: a path (file or directory) or standard input.
#[derive(Clone, Debug)]
pub enum Input {
    Path(PathBuf),
    Stdin,
}

/// What happened to one document or input.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Outcome {
    Added { id: String },
    Present { id: String, new_source: bool },
    Failed { error: String },
}

/// Progress reports, in the order they happen.
pub enum Event<'a> {
    /// The inputs were expanded into this many files.
    Planned { files: usize },
    /// One document was stored, found present, or failed.
    Item { label: &'a str, outcome: &'a Outcome },
    /// One file has been read to its end.
    FileDone,
}

/// Counts for the summary line.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Summary {
    pub added: u64,
    pub present: u64,
    pub failed: u64,
}

/// Adds every document found in `inputs` to `archive`.
///
/// An input that cannot be read is reported and the batch goes on; an
/// archive that cannot be written stops it (every later document would fail
/// the same way), with the error.
pub fn add(
    archive: &mut Archive,
    inputs: &[Input],
    opts: &Options,
    observe: &mut dyn FnMut(Event<'_>),
) -> Result<Summary, StoreError> {
    let mut summary = Summary::default();
    let given = crate::gazetteer::given(archive)?;
    let given = &given;
    let mut record = |label: &str, outcome: Outcome, observe: &mut dyn FnMut(Event<'_>)| {
        match &outcome {
            Outcome::Added { .. } => summary.added += 1,
            Outcome::Present { .. } => summary.present += 1,
            Outcome::Failed { .. } => summary.failed += 1,
        }
        observe(Event::Item { label, outcome: &outcome });
    };

    let paths: Vec<PathBuf> = inputs
        .iter()
        .filter_map(|i| match i {
            Input::Path(p) => Some(p.clone()),
            Input::Stdin => None,
        })
        .collect();
    // `sitrep add .` next to the archive must not try to add the archive.
    let own: Vec<PathBuf> = archive
        .path()
        .and_then(|p| std::fs::canonicalize(p).ok())
        .map(|p| {
            ["", "-wal", "-shm", "-journal"].iter().map(|s| PathBuf::from(format!("{}{s}", p.display()))).collect()
        })
        .unwrap_or_default();
    // An archive from before copies were found: sign what it holds first,
    // so this batch is compared with all of it.
    archive.sign_missing()?;
    let mut files = Vec::new();
    for entry in expand(&paths) {
        match entry {
            Ok(p) if !own.is_empty() && std::fs::canonicalize(&p).is_ok_and(|c| own.contains(&c)) => {}
            Ok(p) => files.push(p),
            Err(item) => {
                let (label, outcome) = store(archive, item, None)?;
                record(&label, outcome, observe);
            }
        }
    }
    let stdin = inputs.iter().any(|i| matches!(i, Input::Stdin));
    observe(Event::Planned { files: files.len() + usize::from(stdin) });

    if stdin {
        // Stored as they are read: a feed on standard input may be long.
        let origin = Origin { location: "(standard input)".into(), ..Default::default() };
        let mut failure = None;
        read_stream("(standard input)", "-", std::io::stdin().lock(), origin, opts, &mut |item| {
            if failure.is_some() {
                return;
            }
            let made = record_for(&item, given);
            match store(archive, item, made) {
                Ok((label, outcome)) => record(&label, outcome, observe),
                Err(e) => failure = Some(e),
            }
        });
        if let Some(e) = failure {
            return Err(e);
        }
        observe(Event::FileDone);
    }

    // Messages from workers: a document or error, or "a file is done".
    enum Msg {
        Item(Box<(Item, Option<Record>)>),
        Done,
    }
    let workers =
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2).clamp(1, 8).min(files.len().max(1));
    let next = AtomicUsize::new(0);
    // Documents already stored only gain a provenance row: their records
    // are not made again here (`sitrep reextract` does that).
    let known: HashSet<String> = archive.ids().map(|ids| ids.into_iter().collect()).unwrap_or_default();
    let (tx, rx) = sync_channel::<Msg>(64);
    let mut failure: Option<StoreError> = None;
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (files, next, known) = (&files, &next, &known);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(i) else { break };
                // A send fails only when the writer has gone; stop then.
                let mut alive = true;
                read_file(path, opts, &mut |item| {
                    // Extraction runs here, in parallel, not in the writer.
                    let stored = item.result.as_ref().is_ok_and(|doc| known.contains(&doc.id()));
                    let record = if stored { None } else { record_for(&item, given) };
                    alive &= tx.send(Msg::Item(Box::new((item, record)))).is_ok();
                });
                if !alive || tx.send(Msg::Done).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        // Leaving this loop drops the receiver, which stops the workers.
        for msg in rx {
            match msg {
                Msg::Item(boxed) => {
                    let (item, made) = *boxed;
                    match store(archive, item, made) {
                        Ok((label, outcome)) => record(&label, outcome, observe),
                        Err(e) => {
                            failure = Some(e);
                            break;
                        }
                    }
                }
                Msg::Done => observe(Event::FileDone),
            }
        }
    });
    match failure {
        Some(e) => Err(e),
        None => Ok(summary),
    }
}

/// Adds the documents of one input held in memory (`name` tells its
/// format, as a file name would), each with its record; the label and
/// outcome of each. `Err` is the archive's own failure, which stops it.
pub fn add_bytes(
    archive: &mut Archive,
    name: &str,
    bytes: Vec<u8>,
    origin: Origin,
    opts: &Options,
) -> Result<Vec<(String, Outcome)>, StoreError> {
    let mut outcomes = Vec::new();
    let mut failure = None;
    let given = crate::gazetteer::given(archive)?;
    read_bytes(name, name, bytes, origin, opts, &mut |item| {
        if failure.is_some() {
            return;
        }
        let record = record_for(&item, &given);
        match store(archive, item, record) {
            Ok(outcome) => outcomes.push(outcome),
            Err(e) => failure = Some(e),
        }
    });
    match failure {
        Some(e) => Err(e),
        None => Ok(outcomes),
    }
}

/// The extraction record for an item's document, if it has one.
fn record_for(item: &Item, given: &Given) -> Option<Record> {
    item.result.as_ref().ok().map(|doc| extract(doc, given))
}

/// Stores one item: the document with its record (when one was made), or
/// the input's failure as an outcome. `Err` is the archive's own failure.
fn store(archive: &mut Archive, item: Item, record: Option<Record>) -> Result<(String, Outcome), StoreError> {
    let outcome = match item.result {
        Err(e) => Outcome::Failed { error: e.to_string() },
        Ok(doc) => match archive.add(&doc, record.as_ref())? {
            Added::New { id } => Outcome::Added { id },
            Added::Present { id, new_source } => Outcome::Present { id, new_source },
        },
    };
    Ok((item.label, outcome))
}
