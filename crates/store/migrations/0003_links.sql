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

CREATE TABLE link_items (
    version INTEGER NOT NULL REFERENCES link_versions(version),
    kind    TEXT NOT NULL,              -- event | claim_group
    id      TEXT NOT NULL,
    digest  TEXT NOT NULL,              -- SHA-256 of the item's JSON
    summary TEXT NOT NULL,
    PRIMARY KEY (version, kind, id)
);
