-- Version 4: the analyst's review. Machine output is a suggestion: an
-- analyst confirms, corrects or rejects an extracted item, adds one the
-- extractor missed, or merges and splits events. Reviews are stored beside
-- the records, never over them, and are keyed by what they are about (the
-- document, the kind of fact and its span), so re-extraction keeps them.

CREATE TABLE reviews (
    rowid   INTEGER PRIMARY KEY,
    doc     TEXT NOT NULL,              -- documents.id (hex), or '' for event merges and splits
    kind    TEXT NOT NULL,              -- date | figure | place | actor | quote | event | link
    span_start INTEGER NOT NULL,        -- characters into the text; -1 for event merges and splits
    span_end   INTEGER NOT NULL,
    action  TEXT NOT NULL,              -- confirm | correct | reject | add | merge | split
    value   TEXT,                       -- JSON: the item as corrected or added; merge/split arguments
    who     TEXT NOT NULL,
    at      TEXT NOT NULL,
    note    TEXT
);
CREATE INDEX reviews_by_doc ON reviews (doc, kind, span_start, span_end);

-- Every action, append-only and chained: each entry's hash covers the one
-- before it, so an edited or deleted entry breaks the chain, and `sitrep
-- verify` says where.
CREATE TABLE audit (
    seq     INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    who     TEXT NOT NULL,
    action  TEXT NOT NULL,
    target  TEXT NOT NULL,              -- doc:kind:start-end, or the event ids
    before  TEXT,                       -- JSON
    after   TEXT,                       -- JSON
    prev    TEXT NOT NULL,              -- the previous entry's hash ('' for the first)
    hash    TEXT NOT NULL               -- SHA-256 over prev and this entry's fields
);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
