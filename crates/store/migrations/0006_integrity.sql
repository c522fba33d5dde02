-- Version 6: evidence that cannot be changed unseen.
--
-- Every row an analyst reads (a document's metadata and its text, each
-- provenance row, record, review and audit entry, the timeline versions
-- and the kept linked result) has a seal: the SHA-256 of its values under
-- its name and key, written in the transaction that writes the row.
-- `sitrep verify` recomputes every one; the head it prints is one digest
-- over the seals of the evidence. Which columns each seal covers is the
-- table `SEALED` in `store/src/integrity.rs`; the rows present when an
-- archive is upgraded to this version are sealed as found (see `sealings`).

CREATE TABLE seals (
    what   TEXT NOT NULL,              -- the seal's name: document, text, provenance, record, review, audit, …
    key    TEXT NOT NULL,              -- the row it seals, as the seal names it (a document id, a rowid, …)
    digest TEXT NOT NULL,              -- SHA-256 of the row's sealed values, hex
    PRIMARY KEY (what, key)
) WITHOUT ROWID;

-- The readers that made a document's text and metadata from its raw bytes
-- (`sitrep_ingest::READER`), so `verify --deep` holds a text only to the
-- readers that made it. NULL for documents added before this version.
ALTER TABLE documents ADD COLUMN reader TEXT;

-- Each review names the audit entry written with it, so a review that has
-- no entry, an entry that has no review, or the two disagreeing shows.
ALTER TABLE reviews ADD COLUMN audit INTEGER REFERENCES audit(seq);

-- Rows sealed as they were found rather than as they were written: when an
-- archive made by an older sitrep is upgraded, or a migration brings a new
-- table or column under seal. Their seals show changes made since `at`,
-- not before it.
CREATE TABLE sealings (
    rowid          INTEGER PRIMARY KEY,
    at             TEXT NOT NULL,
    sitrep_version TEXT NOT NULL,
    what           TEXT NOT NULL,      -- the seals written, comma-separated
    rows           INTEGER NOT NULL,   -- how many rows were sealed as found
    head           TEXT NOT NULL       -- the archive's head just after
);

-- The kept linked result was keyed by counts of rows; it is now keyed by a
-- digest of the seals it was made from. A kept result is only a help: the
-- next command that needs one makes it again.
DELETE FROM link_cache;
