//! Adding a batch of inputs: read in parallel, write one at a time.
//!
//! Reading and converting (HTML parsing, PDF text, language id) is the
//! expensive part and is spread over worker threads; SQLite takes one
//! writer, so the calling thread writes each document in its own
//! transaction as it arrives. A bounded channel between them keeps memory
//! flat however large the batch. An input that fails is reported and the
//! batch goes on.

use crate::{Added, Archive};
use serde::Serialize;
use sitrep_annotate::{extract, Given};
use sitrep_ingest::{expand, read_file, read_stream, Item, Options, Origin};
use sitrep_record::Record;
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
pub fn add(archive: &mut Archive, inputs: &[Input], opts: &Options, observe: &mut dyn FnMut(Event<'_>)) -> Summary {
    let mut summary = Summary::default();
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
    let mut files = Vec::new();
    for entry in expand(&paths) {
        match entry {
            Ok(p) if !own.is_empty() && std::fs::canonicalize(&p).is_ok_and(|c| own.contains(&c)) => {}
            Ok(p) => files.push(p),
            Err(item) => {
                let (label, outcome) = store(archive, item, None);
                record(&label, outcome, observe);
            }
        }
    }
    let stdin = inputs.iter().any(|i| matches!(i, Input::Stdin));
    observe(Event::Planned { files: files.len() + usize::from(stdin) });

    if stdin {
        let mut items = Vec::new();
        let origin = Origin { location: "(standard input)".into(), ..Default::default() };
        read_stream("(standard input)", "-", std::io::stdin().lock(), origin, opts, &mut |i| items.push(i));
        for item in items {
            let made = record_for(&item);
            let (label, outcome) = store(archive, item, made);
            record(&label, outcome, observe);
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
                    let record = item
                        .result
                        .as_ref()
                        .ok()
                        .filter(|doc| !known.contains(&doc.id()))
                        .map(|doc| extract(doc, &Given::default()));
                    alive &= tx.send(Msg::Item(Box::new((item, record)))).is_ok();
                });
                if !alive || tx.send(Msg::Done).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        for msg in rx {
            match msg {
                Msg::Item(boxed) => {
                    let (item, made) = *boxed;
                    let (label, outcome) = store(archive, item, made);
                    record(&label, outcome, observe);
                }
                Msg::Done => observe(Event::FileDone),
            }
        }
    });
    summary
}

/// The extraction record for an item's document, if it has one.
pub fn record_for(item: &Item) -> Option<Record> {
    item.result.as_ref().ok().map(|doc| extract(doc, &Given::default()))
}

/// Stores one item: the document with its record (when one was made), or
/// the failure.
pub fn store(archive: &mut Archive, item: Item, record: Option<Record>) -> (String, Outcome) {
    let outcome = match item.result {
        Err(e) => Outcome::Failed { error: e.to_string() },
        Ok(doc) => match archive.add(&doc, record.as_ref()) {
            Ok(Added::New { id }) => Outcome::Added { id },
            Ok(Added::Present { id, new_source }) => Outcome::Present { id, new_source },
            Err(e) => Outcome::Failed { error: e.to_string() },
        },
    };
    (item.label, outcome)
}
