use std::path::PathBuf;
use thiserror::Error;

pub type Result<T> = std::result::Result<T, StoreError>;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("cannot open the archive {path}: {reason}")]
    Open { path: PathBuf, reason: String },

    #[error("the archive's schema is version {found}, newer than this sitrep knows ({known}): upgrade sitrep")]
    NewerSchema { found: i64, known: i64 },

    #[error("{0:?} is not a document id: give at least 8 hexadecimal digits of one (see `sitrep list`)")]
    BadPrefix(String),

    #[error("no document has an id starting with {0} (see `sitrep list`)")]
    NotFound(String),

    #[error("{0}")]
    Review(String),

    #[error("there is no timeline version {0}: `sitrep timeline --versions` lists them")]
    NoSnapshot(i64),

    #[error("{prefix} is ambiguous, it starts {}: give more digits", candidates.join(", "))]
    Ambiguous { prefix: String, candidates: Vec<String> },

    #[error("document {id} is damaged: {reason}; restore the archive from a backup or add the original again")]
    Damaged { id: String, reason: String },

    #[error("the query has no words to search for")]
    EmptyQuery,

    #[error("cannot search for that: {0}")]
    BadQuery(String),

    #[error("archive database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}
