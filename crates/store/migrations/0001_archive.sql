-- The archive, version 1: documents, their raw bytes, their provenance and a
-- full-text index. Byte offsets in `paragraphs` and `pages` index `text`.

CREATE TABLE documents (
    rowid          INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,    -- lowercase hex SHA-256 of the raw bytes
    size           INTEGER NOT NULL,        -- raw bytes
    format         TEXT NOT NULL,           -- text | markdown | html | pdf
    container      TEXT,                    -- warc | jsonl, when read out of one
    encoding       TEXT,                    -- as detected; NULL for PDF
    title          TEXT,
    author         TEXT,
    published      TEXT,                    -- ISO 8601 as normalized at ingest
    site           TEXT,
    url            TEXT,
    languages      TEXT NOT NULL,           -- JSON array, largest share first
    text           TEXT NOT NULL,
    paragraphs     TEXT NOT NULL,           -- JSON [[start, end, lang], ...]
    pages          TEXT,                    -- JSON [[start, end], ...] for PDFs
    added_at       TEXT NOT NULL,           -- RFC 3339, UTC
    sitrep_version TEXT NOT NULL
);

-- Raw bytes apart from the metadata, so listing never pages them in.
CREATE TABLE blobs (
    doc         INTEGER PRIMARY KEY REFERENCES documents(rowid),
    compression TEXT NOT NULL,              -- zlib
    data        BLOB NOT NULL
);

-- Every place and time a document was met: its chain of custody.
CREATE TABLE provenance (
    rowid          INTEGER PRIMARY KEY,
    doc            INTEGER NOT NULL REFERENCES documents(rowid),
    location       TEXT NOT NULL,           -- URL, or absolute path
    container      TEXT,                    -- the WARC or JSONL file it was in
    locator        TEXT,                    -- where in that file
    retrieved_at   TEXT,                    -- capture date or file mtime
    added_at       TEXT NOT NULL,
    sitrep_version TEXT NOT NULL
);
CREATE UNIQUE INDEX provenance_once
    ON provenance (doc, location, ifnull(container, ''), ifnull(locator, ''));

-- Title and text, folded in Rust (Arabic letter variants, marks, article)
-- before indexing; porter stems English. rowid = documents.rowid.
CREATE VIRTUAL TABLE search USING fts5(
    title, body,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
