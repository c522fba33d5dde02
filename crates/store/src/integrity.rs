//! Seals and the head: evidence that cannot be changed unseen.
//!
//! Every row an analyst reads is sealed when sitrep writes it: its seal is
//! the SHA-256 of the row's values (typed and length-prefixed, so no two
//! rows encode alike) under the seal's name and the row's key, kept in the
//! `seals` table. [`check`] recomputes every seal and names each row that
//! no longer matches its seal, has none, or is gone while its seal
//! remains.
//!
//! A seal is not a signature: whoever can write the file can compute one.
//! What they cannot do unseen is change anything without changing the
//! **head**, one digest over the seals of every document, text, provenance
//! row, record, review and audit entry, which `sitrep verify` prints and
//! `--expect` compares with a head the analyst wrote down, published or
//! had time-stamped (`sitrep anchor`).
//!
//! **Adding a table or a column.** A new table's rows, or a new column of
//! an existing table, join with one line in [`SEALED`] (a new seal name
//! for a new column, covering the table's key and that column, so the
//! seals already written stay valid) and the migration's version with the
//! new seal names in [`SEALED_BY`], which seals the rows present at the
//! upgrade as found. Then seal each new row where it is written
//! ([`seal`]), in the writing transaction.

use crate::error::Result;
use crate::{now, SITREP_VERSION};
use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, Row};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// One kind of sealed row.
pub struct Sealed {
    /// The seal's name, as `seals.what` stores it.
    pub what: &'static str,
    pub table: &'static str,
    /// An SQL expression (over `table`) naming the row the way a reader
    /// would: a document id, a rowid, a document and its extractor.
    pub key: &'static str,
    /// The SQL expressions (over `table`) whose values the seal covers.
    pub columns: &'static [&'static str],
    /// Whether the head covers it: evidence does, what reading writes
    /// (timeline versions, the kept result) does not, or asking for the
    /// timeline would change the head.
    pub head: bool,
    /// How a message names one row: "the text of document", "review".
    pub noun: &'static str,
}

/// Every sealed kind of row, in the order the head takes them.
pub const SEALED: &[Sealed] = &[
    Sealed {
        what: "document",
        table: "documents",
        key: "id",
        // The rowid is the order of addition, which names groups and events.
        columns: &[
            "rowid",
            "size",
            "format",
            "container",
            "encoding",
            "title",
            "author",
            "published",
            "site",
            "url",
            "languages",
            "added_at",
            "sitrep_version",
            "reader",
        ],
        head: true,
        noun: "the metadata of document",
    },
    Sealed {
        what: "text",
        table: "documents",
        key: "id",
        columns: &["text", "paragraphs", "pages"],
        head: true,
        noun: "the text of document",
    },
    Sealed {
        what: "provenance",
        table: "provenance",
        key: "rowid",
        columns: &[
            "(SELECT d.id FROM documents d WHERE d.rowid = provenance.doc)",
            "location",
            "container",
            "locator",
            "retrieved_at",
            "added_at",
            "sitrep_version",
        ],
        head: true,
        noun: "provenance row",
    },
    Sealed {
        what: "record",
        table: "records",
        key: "(SELECT d.id FROM documents d WHERE d.rowid = records.doc) || ' ' || extractor",
        columns: &["record", "made_at"],
        head: true,
        noun: "the record (document, extractor)",
    },
    Sealed {
        what: "review",
        table: "reviews",
        key: "rowid",
        columns: &["doc", "kind", "span_start", "span_end", "action", "value", "who", "at", "note", "audit"],
        head: true,
        noun: "review",
    },
    Sealed {
        what: "audit",
        table: "audit",
        key: "seq",
        columns: &["at", "who", "action", "target", "before", "after", "prev", "hash"],
        head: true,
        noun: "audit entry",
    },
    Sealed {
        what: "document details",
        table: "documents",
        key: "id",
        // Migration 7's columns, under a seal of their own so the seals
        // written before it stay valid.
        columns: &["relayed_from", "details", "ocr"],
        head: true,
        noun: "the details (relay, OCR) of document",
    },
    Sealed {
        what: "provenance parent",
        table: "provenance",
        key: "rowid",
        columns: &["parent"],
        head: true,
        noun: "the parent of provenance row",
    },
    Sealed {
        what: "copy",
        table: "copies",
        key: "(SELECT d.id FROM documents d WHERE d.rowid = copies.doc)",
        columns: &["(SELECT d.id FROM documents d WHERE d.rowid = copies.of)", "percent"],
        head: true,
        noun: "the copy mark of document",
    },
    Sealed {
        what: "signature",
        table: "signatures",
        key: "(SELECT d.id FROM documents d WHERE d.rowid = signatures.doc)",
        columns: &["shingles", "minhash"],
        // Made from the text, so it can be made again: not evidence.
        head: false,
        noun: "the copy signature of document",
    },
    Sealed {
        what: "gazetteer import",
        table: "gazetteer_imports",
        key: "rowid",
        columns: &["file", "sha256", "format", "places", "problems", "imported_at", "sitrep_version"],
        // Extraction reads the places an analyst imported: evidence of how
        // a record was made.
        head: true,
        noun: "gazetteer import",
    },
    Sealed {
        what: "gazetteer place",
        table: "gazetteer_places",
        key: "import || ' ' || id",
        columns: &["kind", "name", "lat", "lon", "pcode", "country", "within", "population", "names", "source"],
        head: true,
        noun: "imported place (import, id)",
    },
    Sealed {
        what: "timeline version",
        table: "link_versions",
        key: "version",
        columns: &["made_at", "documents", "settings", "digest"],
        head: false,
        noun: "timeline version",
    },
    Sealed {
        what: "timeline item",
        table: "link_items",
        key: "version || ' ' || kind || ' ' || id",
        columns: &["digest", "summary", "removed"],
        head: false,
        noun: "timeline item (version, kind, id)",
    },
    Sealed {
        what: "kept result",
        table: "link_cache",
        key: "slot",
        columns: &["key", "linked", "snapshot"],
        head: false,
        noun: "the kept linked result",
    },
    Sealed {
        what: "sealing",
        table: "sealings",
        key: "rowid",
        columns: &["at", "sitrep_version", "what", "rows", "head"],
        head: false,
        noun: "the record of sealing as found",
    },
];

/// Migrations that bring rows under seal: after an archive is migrated
/// past one, the rows of these seals that have none are sealed as found,
/// and a `sealings` row says when.
pub(crate) const SEALED_BY: &[(i64, &[&str])] = &[
    (6, &["document", "text", "provenance", "record", "review", "audit", "timeline version", "timeline item"]),
    (7, &["document details", "provenance parent", "copy", "signature"]),
    (8, &["gazetteer import", "gazetteer place"]),
];

/// The seals the kept linked result is made from: linking reads every
/// document's metadata (its relay too), text, records, reviews and copy
/// marks.
pub(crate) const LINK_INPUTS: &[&str] = &["document", "document details", "text", "record", "review", "copy"];

fn sealed(what: &str) -> &'static Sealed {
    SEALED.iter().find(|s| s.what == what).unwrap_or_else(|| panic!("{what:?} is not a seal in SEALED"))
}

/// A row that does not match its seal, has none, or is gone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The seal's name (`text`, `review`, …), or what the check is of
    /// (`search`, `kept result`).
    pub what: String,
    /// The row, as the seal names it.
    pub key: String,
    /// What is wrong, in words, naming the row.
    pub message: String,
}

impl Change {
    /// A change to the row `key` of `what`, the message naming it.
    pub fn new(what: &str, key: &str, problem: &str) -> Change {
        let noun = match SEALED.iter().find(|s| s.what == what) {
            Some(s) => s.noun,
            None if what == "search" => "the search entry of document",
            None => what,
        };
        Change { what: what.to_string(), key: key.to_string(), message: format!("{noun} {key}: {problem}") }
    }
}

/// When rows were sealed as found, and how many.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Sealing {
    pub at: String,
    pub sitrep_version: String,
    pub what: String,
    pub rows: i64,
}

fn key_text(v: ValueRef<'_>) -> String {
    match v {
        ValueRef::Null => String::new(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(f) => f.to_string(),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
        ValueRef::Blob(b) => crate::hex(b),
    }
}

fn put(h: &mut Sha256, bytes: &[u8]) {
    h.update((bytes.len() as u64).to_be_bytes());
    h.update(bytes);
}

/// The key and the seal of a row read as `SELECT key, columns…`.
fn digest_row(s: &Sealed, r: &Row<'_>) -> rusqlite::Result<(String, String)> {
    let key = key_text(r.get_ref(0)?);
    let mut h = Sha256::new();
    h.update(b"sitrep.seal/1\0");
    put(&mut h, s.what.as_bytes());
    put(&mut h, key.as_bytes());
    for i in 1..=s.columns.len() {
        // Typed, so that 7 and '7' and NULL and '' differ.
        match r.get_ref(i)? {
            ValueRef::Null => h.update([0]),
            ValueRef::Integer(v) => {
                h.update([1]);
                h.update(v.to_be_bytes());
            }
            ValueRef::Real(v) => {
                h.update([2]);
                h.update(v.to_bits().to_be_bytes());
            }
            ValueRef::Text(t) => {
                h.update([3]);
                put(&mut h, t);
            }
            ValueRef::Blob(b) => {
                h.update([4]);
                put(&mut h, b);
            }
        }
    }
    Ok((key, crate::hex(&h.finalize())))
}

fn select(s: &Sealed) -> String {
    format!("SELECT {}, {} FROM {}", s.key, s.columns.join(", "), s.table)
}

/// The key and seal a row of `what` has now (by rowid), from its values.
pub(crate) fn digest_of(conn: &Connection, what: &str, rowid: i64) -> Result<(String, String)> {
    let s = sealed(what);
    let sql = format!("{} WHERE rowid = ?1", select(s));
    Ok(conn.prepare(&sql)?.query_row([rowid], |r| digest_row(s, r))?)
}

/// Seals a row just written (by rowid), in the writer's transaction.
pub(crate) fn seal(conn: &Connection, what: &str, rowid: i64) -> Result<()> {
    let (key, digest) = digest_of(conn, what, rowid)?;
    conn.prepare("INSERT OR REPLACE INTO seals (what, key, digest) VALUES (?1, ?2, ?3)")?
        .execute(params![what, key, digest])?;
    Ok(())
}

/// Whether a row (by rowid) still matches the seal it was given.
pub(crate) fn intact(conn: &Connection, what: &str, rowid: i64) -> Result<bool> {
    let (key, digest) = digest_of(conn, what, rowid)?;
    let stored: Option<String> = conn
        .prepare("SELECT digest FROM seals WHERE what = ?1 AND key = ?2")?
        .query_row(params![what, key], |r| r.get(0))
        .ok();
    Ok(stored.as_deref() == Some(digest.as_str()))
}

/// Seals the rows of `what` that have no seal, as they are; how many.
pub(crate) fn seal_missing(conn: &Connection, what: &str) -> Result<i64> {
    let s = sealed(what);
    let mut stmt = conn.prepare(&select(s))?;
    let rows: Vec<(String, String)> = stmt.query_map([], |r| digest_row(s, r))?.collect::<rusqlite::Result<_>>()?;
    let mut ins = conn.prepare("INSERT OR IGNORE INTO seals (what, key, digest) VALUES (?1, ?2, ?3)")?;
    let mut n = 0;
    for (key, digest) in rows {
        n += ins.execute(params![what, key, digest])? as i64;
    }
    Ok(n)
}

/// After migrating from schema `from` to `to`: the rows that the
/// migrations in between brought under seal are sealed as found, and
/// when is recorded.
pub(crate) fn after_migration(conn: &Connection, from: i64, to: i64) -> Result<()> {
    for (version, whats) in SEALED_BY.iter().filter(|(v, _)| from < *v && *v <= to) {
        if *version == 6 {
            crate::review::link_existing_reviews(conn)?;
        }
        let mut rows = 0;
        for what in whats.iter() {
            rows += seal_missing(conn, what)?;
        }
        if rows > 0 {
            let head = check(conn)?.head;
            conn.execute(
                "INSERT INTO sealings (at, sitrep_version, what, rows, head) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![now(), SITREP_VERSION, whats.join(","), rows, head],
            )?;
            seal(conn, "sealing", conn.last_insert_rowid())?;
        }
    }
    Ok(())
}

/// What [`check`] found.
pub(crate) struct Checked {
    pub changes: Vec<Change>,
    pub head: String,
    /// Rows whose seal was recomputed.
    pub rows: u64,
}

/// Recomputes every seal; every row that differs from its seal, has
/// none, or is gone while its seal remains; and the head over what is
/// there.
pub(crate) fn check(conn: &Connection) -> Result<Checked> {
    let mut changes = Vec::new();
    let mut rows = 0u64;
    let mut head_parts: Vec<(&str, Vec<(String, String)>)> = Vec::new();
    for s in SEALED {
        let mut stored: HashMap<String, String> = conn
            .prepare("SELECT key, digest FROM seals WHERE what = ?1")?
            .query_map([s.what], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = conn.prepare(&select(s))?;
        let mut q = stmt.query([])?;
        let mut present = Vec::new();
        while let Some(r) = q.next()? {
            let (key, digest) = digest_row(s, r)?;
            rows += 1;
            match stored.remove(&key) {
                None => changes.push(Change::new(s.what, &key, "has no seal: it was written outside sitrep")),
                Some(d) if d != digest => changes.push(Change::new(
                    s.what,
                    &key,
                    "does not match its seal: it was changed after it was written",
                )),
                Some(_) => {}
            }
            if s.head {
                present.push((key, digest));
            }
        }
        let mut gone: Vec<String> = stored.into_keys().collect();
        gone.sort();
        for key in gone {
            changes.push(Change::new(s.what, &key, "was removed: its seal remains but the row is gone"));
        }
        if s.head {
            head_parts.push((s.what, present));
        }
    }
    Ok(Checked { changes, head: head(head_parts), rows })
}

/// One digest over the seals of the evidence: each kind that has rows,
/// in [`SEALED`] order, its rows by key. A kind without rows adds
/// nothing, so a new kind of evidence leaves the heads of archives that
/// have none of it as they were.
fn head(mut parts: Vec<(&str, Vec<(String, String)>)>) -> String {
    let mut h = Sha256::new();
    h.update(b"sitrep.head/1\0");
    for (what, rows) in parts.iter_mut().filter(|p| !p.1.is_empty()) {
        rows.sort();
        put(&mut h, what.as_bytes());
        h.update((rows.len() as u64).to_be_bytes());
        for (key, digest) in rows.iter() {
            put(&mut h, key.as_bytes());
            put(&mut h, digest.as_bytes());
        }
    }
    crate::hex(&h.finalize())
}

/// One digest over the seals of `whats` as stored, for keying what is made
/// from them: reading seals is much cheaper than reading the rows.
pub(crate) fn stored_digest(conn: &Connection, whats: &[&str]) -> Result<String> {
    let mut h = Sha256::new();
    h.update(b"sitrep.inputs/1\0");
    let mut stmt = conn.prepare("SELECT key, digest FROM seals WHERE what = ?1 ORDER BY key")?;
    for what in whats {
        put(&mut h, what.as_bytes());
        let mut rows = stmt.query([what])?;
        while let Some(r) = rows.next()? {
            put(&mut h, r.get_ref(0)?.as_bytes().unwrap_or_default());
            put(&mut h, r.get_ref(1)?.as_bytes().unwrap_or_default());
        }
    }
    Ok(crate::hex(&h.finalize()))
}

/// Every sealing as found, oldest first.
pub(crate) fn sealings(conn: &Connection) -> Result<Vec<Sealing>> {
    let mut stmt = conn.prepare("SELECT at, sitrep_version, what, rows FROM sealings ORDER BY rowid")?;
    let rows = stmt
        .query_map([], |r| Ok(Sealing { at: r.get(0)?, sitrep_version: r.get(1)?, what: r.get(2)?, rows: r.get(3)? }))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
