//! Records made elsewhere (`sitrep add --records FILE`): a Spark job or
//! another machine ran `sitrep extract --format jsonl` over the same
//! inputs, and the archive stores its records instead of extracting again.
//!
//! The files are indexed, not held: each line's document id, extractor and
//! place in its file are kept, and a record is read back when its document
//! is added, so memory grows with the number of records, not their size. A
//! record is taken only for the document whose id (the SHA-256 of its raw
//! bytes) it names, made by this very extractor, over the text this sitrep
//! reads from those bytes; anything else is named, never stored.

use serde::Deserialize;
use sitrep_ingest::Document;
use sitrep_record::{Record, ERROR_SCHEMA, SCHEMA};
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// What a records file could not give.
#[derive(Debug)]
pub enum RecordsError {
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// A line that is neither a `sitrep.extract/1` record nor a
    /// `sitrep.error/1` line.
    Line {
        path: PathBuf,
        line: u64,
        reason: String,
    },
}

impl std::fmt::Display for RecordsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RecordsError::Io { path, error } => write!(f, "cannot read the records file {}: {error}", path.display()),
            RecordsError::Line { path, line, reason } => write!(
                f,
                "{} line {line} is not a record: {reason} (give the output of `sitrep extract --format jsonl`)",
                path.display()
            ),
        }
    }
}

impl std::error::Error for RecordsError {}

/// Where one record is.
struct At {
    file: usize,
    offset: u64,
    len: usize,
    extractor: String,
}

/// The records of some files, by document id (bare hex).
pub struct Records {
    files: Vec<(PathBuf, File)>,
    by_id: HashMap<String, At>,
    /// `sitrep.error/1` lines: inputs that gave no record there.
    pub errors: usize,
    taken: AtomicUsize,
}

/// The few fields an index needs; the rest of the line is skipped.
#[derive(Deserialize)]
struct Head {
    schema: String,
    #[serde(default)]
    document: Option<HeadDoc>,
    #[serde(default)]
    extractor: String,
}

#[derive(Deserialize)]
struct HeadDoc {
    id: String,
}

impl Records {
    /// Indexes the records in `paths` (JSON lines, as `sitrep extract
    /// --format jsonl` writes them; error lines are counted and passed
    /// over). A folder gives its files, in name order, as a Spark job's
    /// output folder holds them (`part-00000`, …; hidden files and
    /// Hadoop's `_SUCCESS` are not records). A record given twice for one
    /// document is taken once.
    pub fn open(paths: &[PathBuf]) -> Result<Records, RecordsError> {
        let mut out = Records { files: Vec::new(), by_id: HashMap::new(), errors: 0, taken: AtomicUsize::new(0) };
        let mut files = Vec::new();
        for path in paths {
            if path.is_dir() {
                let io = |error| RecordsError::Io { path: path.clone(), error };
                let mut inside: Vec<PathBuf> = std::fs::read_dir(path)
                    .map_err(io)?
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.is_file())
                    .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| !n.starts_with(['.', '_'])))
                    .collect();
                inside.sort();
                files.extend(inside);
            } else {
                files.push(path.clone());
            }
        }
        for path in &files {
            let io = |error| RecordsError::Io { path: path.clone(), error };
            let file = File::open(path).map_err(io)?;
            let mut reader = BufReader::with_capacity(1 << 20, file.try_clone().map_err(io)?);
            let (mut offset, mut number, mut line) = (0u64, 0u64, Vec::new());
            loop {
                line.clear();
                let n = reader.read_until(b'\n', &mut line).map_err(io)?;
                if n == 0 {
                    break;
                }
                number += 1;
                let at = offset;
                offset += n as u64;
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                let bad = |reason: String| RecordsError::Line { path: path.clone(), line: number, reason };
                let head: Head = serde_json::from_slice(&line).map_err(|e| bad(format!("not JSON: {e}")))?;
                if head.schema == ERROR_SCHEMA {
                    out.errors += 1;
                    continue;
                }
                if head.schema != SCHEMA {
                    return Err(bad(format!("its schema is {:?}", head.schema)));
                }
                let id = head.document.map(|d| d.id).unwrap_or_default();
                let Some(hex) = id.strip_prefix("sha256:").filter(|h| h.len() == 64) else {
                    return Err(bad(format!("its document id {id:?} is not sha256:<64 hex digits>")));
                };
                out.by_id.entry(hex.to_ascii_lowercase()).or_insert(At {
                    file: out.files.len(),
                    offset: at,
                    len: n,
                    extractor: head.extractor,
                });
            }
            out.files.push((path.clone(), file));
        }
        Ok(out)
    }

    /// How many documents have a record here.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// How many records were taken for documents so far.
    pub fn taken(&self) -> usize {
        self.taken.load(Ordering::Relaxed)
    }

    /// The record for `doc`, checked: its id, its extractor (`extractor`,
    /// this one's with the archive's imported gazetteer) and its text (the one this sitrep reads from the bytes, so every
    /// span lands where it should). `Err` says what did not match.
    pub fn for_document(&self, doc: &Document, extractor: &str) -> Result<Record, String> {
        let id = doc.id();
        let Some(at) = self.by_id.get(&id) else {
            return Err(format!(
                "no record for document {} in the --records files: make them from the same inputs, or add \
                 without --records to extract here",
                &id[..12]
            ));
        };
        let (path, file) = &self.files[at.file];
        if at.extractor != extractor {
            return Err(format!(
                "the record for document {} in {} was made by {:?}, not by this sitrep ({extractor}): make the \
                 records again with this version, or add without --records",
                &id[..12],
                path.display(),
                at.extractor
            ));
        }
        let mut bytes = vec![0u8; at.len];
        file.read_exact_at(&mut bytes, at.offset).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let mut record: Record = serde_json::from_slice(&bytes)
            .map_err(|e| format!("the record for document {} in {} does not read: {e}", &id[..12], path.display()))?;
        match &record.text {
            Some(text) if *text != doc.text => {
                return Err(format!(
                    "the record for document {} in {} was made over another text than this sitrep reads from its \
                     bytes (another reader's?): make the records again with this version",
                    &id[..12],
                    path.display()
                ));
            }
            Some(_) => {}
            // Made with --no-text: the spans index the text read here,
            // which the extractor's own reading is (same version).
            None => record.text = Some(doc.text.clone()),
        }
        // Where the line came from in a stream is not the archive's.
        record.input = None;
        self.taken.fetch_add(1, Ordering::Relaxed);
        Ok(record)
    }

    /// The files indexed.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.files.iter().map(|(p, _)| p.as_path())
    }
}
