-- Version 3: snapshots of what linking across documents made (events and
-- claim groups with stable ids), so `sitrep timeline --since N` can say
-- what a new document or a re-extraction changed. A snapshot is written
-- only when something differs from the last one.

CREATE TABLE link_versions (
    version   INTEGER PRIMARY KEY,
    made_at   TEXT NOT NULL,
    documents INTEGER NOT NULL,
    settings  TEXT NOT NULL,            -- rule and window the items were made with
    digest    TEXT NOT NULL             -- SHA-256 over every item's digest
);

-- Only what changed is written: an item's row in the version that added
-- or changed it, and a row with `removed = 1` in the version that lost it.
-- The state at version N is, per item, its newest row up to N.
CREATE TABLE link_items (
    version INTEGER NOT NULL REFERENCES link_versions(version),
    kind    TEXT NOT NULL,              -- event | claim_group
    id      TEXT NOT NULL,
    digest  TEXT NOT NULL,              -- SHA-256 of what the item says and cites
    summary TEXT NOT NULL,
    removed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (version, kind, id)
);

-- The linked archive as last made, keyed by what it was made from (the
-- newest document, record and review, and the settings), so that asking
-- again before anything changes reads it instead of linking every record
-- again. One row; rewritten when the key changes.
CREATE TABLE link_cache (
    slot   INTEGER PRIMARY KEY CHECK (slot = 1),
    key    TEXT NOT NULL,
    linked BLOB NOT NULL,               -- sitrep.linked/1 JSON
    snapshot INTEGER                    -- the timeline version made from it, once one is
);
