//! The sitrep archive: one SQLite file that keeps documents verifiably.
//!
//! - Raw bytes are stored zlib-compressed under their SHA-256, and checked
//!   against it every time they are read ([`Archive::raw`]) and all at once
//!   by [`Archive::verify`].
//! - Every copy of a document that was added (another path, another URL,
//!   another crawl) is kept as a provenance row: adding the same bytes twice
//!   stores nothing new but that row.
//! - Each document is written in one transaction, in WAL mode, so a crash
//!   or `kill -9` in the middle of a batch leaves every earlier document
//!   whole and the archive consistent.
//! - Search runs on SQLite FTS5 over text folded in Rust (see
//!   [`sitrep_text::fold`]), because FTS5's own tokenizer does not fold
//!   Arabic; English is stemmed by FTS5's porter tokenizer.
//!
//! ```
//! use sitrep_store::Archive;
//! let archive = Archive::open_in_memory().unwrap();
//! assert_eq!(archive.count().unwrap(), 0);
//! ```

mod copies;
mod error;
mod gazetteers;
pub mod integrity;
mod links;
pub mod review;
mod schema;
mod search;

pub use copies::CopyRef;
pub use error::{Result, StoreError};
pub use gazetteers::{GazetteerImport, GazetteerPlace, Imported};
pub use integrity::{Change, Sealing};
pub use links::LinkVersion;
pub use search::Hit;

use flate2::read::ZlibDecoder;
use flate2::write::ZlibEncoder;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use sitrep_ingest::{Container, Document, Format, Meta, Ocr, OcrParagraph, Origin};
use sitrep_record::DocId;
use sitrep_record::Record;
use sitrep_text::lang::Paragraph;
use sitrep_text::Span;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The version written into every document and provenance row.
pub const SITREP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// An open archive.
pub struct Archive {
    conn: Connection,
    path: Option<PathBuf>,
    /// Stored signatures, for finding copies at `add`.
    signatures: copies::Signatures,
    /// `sign_missing` has looked at every document up to this rowid.
    unsigned_after: i64,
}

/// What adding a document did, and the document's id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Added {
    /// The document was new.
    New { id: String },
    /// The bytes were there already; `new_source` says whether this copy's
    /// origin was recorded as a further provenance row.
    Present { id: String, new_source: bool },
}

/// One line of `sitrep list`.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    pub id: String,
    pub published: Option<String>,
    pub title: Option<String>,
    pub languages: Vec<String>,
    pub format: String,
    pub container: Option<String>,
    /// The first place the document was met.
    pub source: String,
    pub sources: u64,
    pub added_at: String,
    /// The document date its newest record gives and how it was found
    /// (`given`, `text`, `inferred`), for documents whose metadata states
    /// none: `list` shows it.
    #[serde(skip)]
    pub record_date: Option<(String, String)>,
    /// The earlier document this one carries the same story as.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copy_of: Option<CopyRef>,
}

/// One provenance row.
#[derive(Clone, Debug, Serialize)]
pub struct Provenance {
    pub location: String,
    pub container: Option<String>,
    pub locator: Option<String>,
    pub retrieved_at: Option<String>,
    pub added_at: String,
    pub sitrep_version: String,
    /// The document this copy was found inside (an attachment's e-mail).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

/// A stored document with everything known about it but its raw bytes.
#[derive(Clone, Debug, Serialize)]
pub struct Stored {
    pub id: String,
    pub size: u64,
    pub format: String,
    pub container: Option<String>,
    pub encoding: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub site: Option<String>,
    pub url: Option<String>,
    pub languages: Vec<String>,
    pub added_at: String,
    pub sitrep_version: String,
    /// The readers that made its text and metadata
    /// (`sitrep_ingest::READER`); `None` when added before they were named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reader: Option<String>,
    pub provenance: Vec<Provenance>,
    pub text: String,
    pub paragraphs: Vec<Paragraph>,
    pub pages: Vec<Span>,
    /// Who first published what this document passes on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relayed_from: Option<String>,
    /// What else the format states, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<(String, String)>,
    /// How the text was read by OCR, when it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ocr: Option<Ocr>,
    /// The earlier document this one copies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copy_of: Option<CopyRef>,
    /// The later documents that copy this one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub copies: Vec<CopyRef>,
}

/// The outcome of [`Archive::verify`].
#[derive(Clone, Debug, Default, Serialize)]
pub struct VerifyReport {
    pub checked: u64,
    /// Documents whose stored bytes no longer match their id, with why.
    pub damaged: Vec<Damage>,
    /// What SQLite's own integrity check said, when it was not "ok".
    pub integrity: Vec<String>,
    /// Breaks in the review audit log's hash chain.
    pub audit: Vec<String>,
    /// Rows that no longer match their seal, have none, or are gone; reviews
    /// that disagree with their audit entries; a search index or a kept
    /// linked result that is not what the archive makes.
    pub changed: Vec<Change>,
    /// Rows whose seal was recomputed.
    pub sealed: u64,
    /// When rows were sealed as they were found (an upgrade from an older
    /// sitrep) rather than as sitrep wrote them.
    pub sealed_as_found: Vec<Sealing>,
    /// One digest over the seals of every document, text, provenance row,
    /// record, review and audit entry: removing, adding or changing any
    /// of them changes it.
    pub head: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Damage {
    pub id: String,
    pub reason: String,
}

impl VerifyReport {
    pub fn ok(&self) -> bool {
        self.damaged.is_empty() && self.integrity.is_empty() && self.audit.is_empty() && self.changed.is_empty()
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn now() -> String {
    jiff::Timestamp::now().strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

impl Archive {
    /// Opens the archive at `path`, creating it (and its folder) on first use
    /// and bringing its schema up to date.
    pub fn open(path: &Path) -> Result<Archive> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| StoreError::Open { path: path.to_path_buf(), reason: e.to_string() })?;
        }
        let conn =
            Connection::open(path).map_err(|e| StoreError::Open { path: path.to_path_buf(), reason: e.to_string() })?;
        let mut archive =
            Archive { conn, path: Some(path.to_path_buf()), signatures: Default::default(), unsigned_after: 0 };
        archive.prepare()?;
        Ok(archive)
    }

    /// An archive that lives in memory, for tests and one-off runs.
    pub fn open_in_memory() -> Result<Archive> {
        let mut archive = Archive {
            conn: Connection::open_in_memory()?,
            path: None,
            signatures: Default::default(),
            unsigned_after: 0,
        };
        archive.prepare()?;
        Ok(archive)
    }

    fn prepare(&mut self) -> Result<()> {
        // Probe first: a file that is not SQLite fails here, with its path.
        let probe: rusqlite::Result<i64> = self.conn.query_row("PRAGMA schema_version", [], |r| r.get(0));
        if let Err(e) = probe {
            return Err(StoreError::Open {
                path: self.path.clone().unwrap_or_default(),
                reason: format!("{e} (is this a sitrep archive?)"),
            });
        }
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        // NORMAL in WAL mode loses no committed transaction when the process
        // dies, only (at worst) the last ones on power loss, and the
        // database stays consistent either way.
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        self.conn.busy_timeout(std::time::Duration::from_secs(10))?;
        schema::migrate(&mut self.conn)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn count(&self) -> Result<u64> {
        Ok(self.conn.query_row("SELECT count(*) FROM documents", [], |r| r.get::<_, i64>(0))? as u64)
    }

    /// Adds a document and its origin, and its extraction record when given,
    /// in one transaction.
    pub fn add(&mut self, doc: &Document, record: Option<&Record>) -> Result<Added> {
        let added = self.add_once(doc, record);
        if added.is_err() {
            // The signature index may hold the document that was rolled
            // back: read it afresh next time.
            self.signatures = Default::default();
        }
        added
    }

    fn add_once(&mut self, doc: &Document, record: Option<&Record>) -> Result<Added> {
        let id = doc.id();
        let added_at = now();
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let existing: Option<i64> =
            tx.query_row("SELECT rowid FROM documents WHERE id = ?1", [&id], |r| r.get(0)).optional()?;
        let (rowid, new) = match existing {
            Some(rowid) => (rowid, false),
            None => {
                let paragraphs: Vec<(usize, usize, &str)> =
                    doc.paragraphs.iter().map(|p| (p.span.start, p.span.end, p.lang.as_str())).collect();
                let pages: Vec<(usize, usize)> = doc.pages.iter().map(|s| (s.start, s.end)).collect();
                tx.execute(
                    "INSERT INTO documents (id, size, format, container, encoding, title, author, published, site, url,
                        languages, text, paragraphs, pages, added_at, sitrep_version, reader, relayed_from, details, ocr)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
                    params![
                        id,
                        doc.raw.len() as i64,
                        doc.format.as_str(),
                        doc.container.map(|c| c.as_str()),
                        doc.encoding,
                        doc.meta.title,
                        doc.meta.author,
                        doc.meta.published,
                        doc.meta.site,
                        doc.meta.url,
                        serde_json::to_string(&doc.languages).expect("strings serialize"),
                        doc.text,
                        serde_json::to_string(&paragraphs).expect("tuples serialize"),
                        (!pages.is_empty()).then(|| serde_json::to_string(&pages).expect("tuples serialize")),
                        added_at,
                        SITREP_VERSION,
                        sitrep_ingest::READER,
                        doc.meta.relayed_from,
                        (!doc.meta.details.is_empty())
                            .then(|| serde_json::to_string(&doc.meta.details).expect("pairs serialize")),
                        doc.ocr.as_ref().map(ocr_json),
                    ],
                )?;
                let rowid = tx.last_insert_rowid();
                integrity::seal(&tx, "document", rowid)?;
                integrity::seal(&tx, "text", rowid)?;
                integrity::seal(&tx, "document details", rowid)?;
                tx.execute(
                    "INSERT INTO blobs (doc, compression, data) VALUES (?1, 'zlib', ?2)",
                    params![rowid, compress(&doc.raw)],
                )?;
                search::index(&tx, rowid, doc.meta.title.as_deref(), &doc.text)?;
                let publisher =
                    copies::publisher_key(&id, doc.meta.site.clone(), doc.meta.url.clone(), doc.meta.author.clone());
                copies::sign(&tx, &mut self.signatures, rowid, publisher, &doc.text)?;
                (rowid, true)
            }
        };
        let inserted = tx.execute(
            "INSERT OR IGNORE INTO provenance (doc, location, container, locator, retrieved_at, added_at, sitrep_version,
                parent)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                rowid,
                doc.origin.location,
                doc.origin.container,
                doc.origin.locator,
                doc.origin.retrieved,
                added_at,
                SITREP_VERSION,
                doc.origin.parent,
            ],
        )?;
        if inserted > 0 {
            let row = tx.last_insert_rowid();
            integrity::seal(&tx, "provenance", row)?;
            integrity::seal(&tx, "provenance parent", row)?;
        }
        if let Some(r) = record {
            put_record(&tx, rowid, r)?;
        }
        tx.commit()?;
        Ok(if new { Added::New { id } } else { Added::Present { id, new_source: inserted > 0 } })
    }

    /// The full id of the one document whose id starts with `prefix` (at
    /// least 8 hex digits, optionally after `sha256:`).
    pub fn resolve(&self, prefix: &str) -> Result<String> {
        let p = prefix.trim().strip_prefix("sha256:").unwrap_or(prefix.trim()).to_ascii_lowercase();
        if p.len() < 8 || p.len() > 64 || !p.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(StoreError::BadPrefix(prefix.to_string()));
        }
        // Every id starting with p sorts in [p, p + "g"): 'g' follows all hex digits.
        let mut stmt = self.conn.prepare("SELECT id FROM documents WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT 5")?;
        let ids: Vec<String> =
            stmt.query_map(params![p, format!("{p}g")], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        match ids.len() {
            0 => Err(StoreError::NotFound(prefix.to_string())),
            1 => Ok(ids.into_iter().next().unwrap()),
            _ => Err(StoreError::Ambiguous { prefix: prefix.to_string(), candidates: ids }),
        }
    }

    /// All documents, oldest addition first.
    pub fn list(&self) -> Result<Vec<Summary>> {
        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.published, d.title, d.languages, d.format, d.container, d.added_at,
                    (SELECT location FROM provenance p WHERE p.doc = d.rowid ORDER BY p.rowid LIMIT 1),
                    (SELECT count(*) FROM provenance p WHERE p.doc = d.rowid),
                    (SELECT json_extract(r.record, '$.document.published') || '|'
                            || ifnull(json_extract(r.record, '$.document.published_source'), '')
                     FROM records r WHERE r.doc = d.rowid ORDER BY r.made_at DESC, r.rowid DESC LIMIT 1),
                    o.id, c.percent
             FROM documents d LEFT JOIN copies c ON c.doc = d.rowid LEFT JOIN documents o ON o.rowid = c.of
             ORDER BY d.rowid",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Summary {
                id: r.get(0)?,
                published: r.get(1)?,
                title: r.get(2)?,
                languages: json_list(&r.get::<_, String>(3)?),
                format: r.get(4)?,
                container: r.get(5)?,
                added_at: r.get(6)?,
                source: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
                sources: r.get::<_, i64>(8)? as u64,
                record_date: r.get::<_, Option<String>>(9)?.and_then(|s| {
                    let (date, how) = s.split_once('|')?;
                    (!date.is_empty()).then(|| (date.to_string(), how.to_string()))
                }),
                copy_of: match (r.get::<_, Option<String>>(10)?, r.get::<_, Option<i64>>(11)?) {
                    (Some(id), Some(p)) => Some(CopyRef { id, percent: p.clamp(0, 100) as u8 }),
                    _ => None,
                },
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A document by full id.
    pub fn get(&self, id: &str) -> Result<Stored> {
        let (rowid, mut doc) = self
            .conn
            .query_row(
                "SELECT rowid, id, size, format, container, encoding, title, author, published, site, url,
                        languages, added_at, sitrep_version, text, paragraphs, pages, reader, relayed_from, details, ocr
                 FROM documents WHERE id = ?1",
                [id],
                |r| {
                    let paragraphs: Vec<(usize, usize, String)> =
                        serde_json::from_str(&r.get::<_, String>(15)?).unwrap_or_default();
                    let pages: Vec<(usize, usize)> =
                        r.get::<_, Option<String>>(16)?.and_then(|p| serde_json::from_str(&p).ok()).unwrap_or_default();
                    Ok((
                        r.get::<_, i64>(0)?,
                        Stored {
                            id: r.get(1)?,
                            size: r.get::<_, i64>(2)? as u64,
                            format: r.get(3)?,
                            container: r.get(4)?,
                            encoding: r.get(5)?,
                            title: r.get(6)?,
                            author: r.get(7)?,
                            published: r.get(8)?,
                            site: r.get(9)?,
                            url: r.get(10)?,
                            languages: json_list(&r.get::<_, String>(11)?),
                            added_at: r.get(12)?,
                            sitrep_version: r.get(13)?,
                            text: r.get(14)?,
                            paragraphs: paragraphs
                                .into_iter()
                                .map(|(s, e, lang)| Paragraph { span: Span::new(s, e.max(s)), lang })
                                .collect(),
                            pages: pages.into_iter().map(|(s, e)| Span::new(s, e.max(s))).collect(),
                            reader: r.get(17)?,
                            provenance: Vec::new(),
                            relayed_from: r.get(18)?,
                            details: r
                                .get::<_, Option<String>>(19)?
                                .and_then(|d| serde_json::from_str(&d).ok())
                                .unwrap_or_default(),
                            ocr: r.get::<_, Option<String>>(20)?.and_then(|o| ocr_from_json(&o)),
                            copy_of: None,
                            copies: Vec::new(),
                        },
                    ))
                },
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(id.to_string()))?;
        let mut stmt = self.conn.prepare(
            "SELECT location, container, locator, retrieved_at, added_at, sitrep_version, parent
             FROM provenance WHERE doc = ?1 ORDER BY rowid",
        )?;
        doc.provenance = stmt
            .query_map([rowid], |r| {
                Ok(Provenance {
                    location: r.get(0)?,
                    container: r.get(1)?,
                    locator: r.get(2)?,
                    retrieved_at: r.get(3)?,
                    added_at: r.get(4)?,
                    sitrep_version: r.get(5)?,
                    parent: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        doc.copy_of = self.copy_of(id)?;
        doc.copies = self.copies_of(id)?;
        Ok(doc)
    }

    /// The original bytes of a document, checked against its id.
    pub fn raw(&self, id: &str) -> Result<Vec<u8>> {
        let (compression, data): (String, Vec<u8>) = self
            .conn
            .query_row(
                "SELECT b.compression, b.data FROM blobs b JOIN documents d ON d.rowid = b.doc WHERE d.id = ?1",
                [id],
                // Damage can change a value's type too: take whatever bytes
                // are there and let the hash judge them.
                |r| Ok((r.get(0)?, r.get_ref(1)?.as_bytes().map(<[u8]>::to_vec).unwrap_or_default())),
            )
            .optional()?
            .ok_or_else(|| StoreError::Damaged { id: id.to_string(), reason: "its raw bytes are missing".into() })?;
        let bytes =
            decompress(&compression, &data).map_err(|reason| StoreError::Damaged { id: id.to_string(), reason })?;
        let actual = DocId::of(&bytes).into_hex();
        if actual != id {
            return Err(StoreError::Damaged { id: id.to_string(), reason: format!("its bytes hash to {actual}") });
        }
        Ok(bytes)
    }

    /// Re-hashes every document's bytes, runs SQLite's integrity check,
    /// recomputes every seal, checks every review against its audit entry
    /// and the audit chain, the search index against the text and the kept
    /// linked result against the archive linked again, and computes the
    /// head. `progress` is told (done, total) as the documents go.
    pub fn verify(&self, progress: &mut dyn FnMut(u64, u64)) -> Result<VerifyReport> {
        let mut report = VerifyReport::default();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let lines: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        if lines != ["ok"] {
            report.integrity = lines;
        }
        let total = self.count()?;
        let mut stmt = self.conn.prepare("SELECT id FROM documents ORDER BY rowid")?;
        let ids: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        for (i, id) in ids.into_iter().enumerate() {
            match self.raw(&id) {
                Ok(_) => {}
                Err(StoreError::Damaged { id, reason }) => report.damaged.push(Damage { id, reason }),
                Err(e) => return Err(e),
            }
            report.checked += 1;
            progress(i as u64 + 1, total);
        }
        report.audit = self.verify_audit()?;
        let sealed = integrity::check(&self.conn)?;
        report.changed = sealed.changes;
        report.sealed = sealed.rows;
        report.head = sealed.head;
        report.changed.extend(self.verify_reviews()?);
        report.changed.extend(search::check(&self.conn)?);
        report.changed.extend(self.verify_kept()?);
        report.sealed_as_found = integrity::sealings(&self.conn)?;
        Ok(report)
    }

    /// The head: one digest over the seals of every document, text,
    /// provenance row, record, review and audit entry, recomputed from the
    /// rows (see [`integrity`]).
    pub fn head(&self) -> Result<String> {
        Ok(integrity::check(&self.conn)?.head)
    }

    /// Ranked full-text search; see [`search`] for the query language.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>> {
        search::run(self, query, limit)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// The newest extraction record of a document, with its text.
    pub fn record(&self, id: &str) -> Result<Option<Record>> {
        let row: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT r.record, d.text FROM records r JOIN documents d ON d.rowid = r.doc
                 WHERE d.id = ?1 ORDER BY r.made_at DESC, r.rowid DESC LIMIT 1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((json, text)) = row else { return Ok(None) };
        let mut record: Record = serde_json::from_str(&json).map_err(|e| StoreError::Damaged {
            id: id.to_string(),
            reason: format!("its record is not valid JSON ({e})"),
        })?;
        record.text = Some(text);
        Ok(Some(record))
    }

    /// The record a document has from `extractor`, as stored (without its
    /// text).
    pub fn record_by(&self, id: &str, extractor: &str) -> Result<Option<Record>> {
        let json: Option<String> = self
            .conn
            .query_row(
                "SELECT r.record FROM records r JOIN documents d ON d.rowid = r.doc WHERE d.id = ?1 AND r.extractor = ?2",
                [id, extractor],
                |r| r.get(0),
            )
            .optional()?;
        let Some(json) = json else { return Ok(None) };
        let record = serde_json::from_str(&json).map_err(|e| StoreError::Damaged {
            id: id.to_string(),
            reason: format!("its record is not valid JSON ({e})"),
        })?;
        Ok(Some(record))
    }

    /// The extractors that made a document's records, newest first.
    pub fn extractors(&self, id: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT r.extractor FROM records r JOIN documents d ON d.rowid = r.doc WHERE d.id = ?1
             ORDER BY r.made_at DESC, r.rowid DESC",
        )?;
        let rows = stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Stores a record for a stored document.
    pub fn put_record(&mut self, id: &str, record: &Record) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let rowid: i64 = tx
            .query_row("SELECT rowid FROM documents WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::NotFound(id.to_string()))?;
        put_record(&tx, rowid, record)?;
        tx.commit()?;
        Ok(())
    }

    /// Ids of documents that have no record made by `extractor`.
    pub fn without_record(&self, extractor: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT d.id FROM documents d WHERE NOT EXISTS
               (SELECT 1 FROM records r WHERE r.doc = d.rowid AND r.extractor = ?1) ORDER BY d.rowid",
        )?;
        let ids = stmt.query_map([extractor], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// Every document id, oldest first.
    pub fn ids(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("SELECT id FROM documents ORDER BY rowid")?;
        let ids = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// A stored document rebuilt as ingest made it (bytes verified), so it
    /// can be extracted again exactly as on the day it was added.
    pub fn document(&self, id: &str) -> Result<Document> {
        let s = self.get(id)?;
        let raw = self.raw(id)?;
        let first = s.provenance.first();
        Ok(Document {
            raw,
            format: Format::parse(&s.format).unwrap_or(Format::Text),
            container: s.container.as_deref().and_then(Container::parse),
            encoding: s.encoding,
            meta: Meta {
                title: s.title,
                author: s.author,
                published: s.published,
                site: s.site,
                url: s.url,
                relayed_from: s.relayed_from,
                details: s.details,
            },
            text: s.text,
            paragraphs: s.paragraphs,
            pages: s.pages,
            languages: s.languages,
            origin: Origin {
                location: first.map(|p| p.location.clone()).unwrap_or_default(),
                container: first.and_then(|p| p.container.clone()),
                locator: first.and_then(|p| p.locator.clone()),
                retrieved: first.and_then(|p| p.retrieved_at.clone()),
                parent: first.and_then(|p| p.parent.clone()),
            },
            ocr: s.ocr,
        })
    }
}

/// Stores a record (without its text) unless this extractor made one already.
fn put_record(conn: &Connection, rowid: i64, record: &Record) -> Result<()> {
    let mut r = record.clone();
    r.text = None;
    conn.execute(
        "INSERT OR REPLACE INTO records (doc, extractor, record, made_at) VALUES (?1, ?2, ?3, ?4)",
        params![rowid, r.extractor, serde_json::to_string(&r).expect("records serialize"), now()],
    )?;
    integrity::seal(conn, "record", conn.last_insert_rowid())?;
    Ok(())
}

/// The `ocr` column: spans as `[start, end, confidence]` triples, as
/// `paragraphs` stores its spans.
fn ocr_json(o: &Ocr) -> String {
    let paragraphs: Vec<(usize, usize, f32)> =
        o.paragraphs.iter().map(|p| (p.span.start, p.span.end, p.confidence)).collect();
    serde_json::json!({
        "engine": o.engine,
        "languages": o.languages,
        "confidence": o.confidence,
        "paragraphs": paragraphs,
    })
    .to_string()
}

fn ocr_from_json(s: &str) -> Option<Ocr> {
    let v: serde_json::Value = serde_json::from_str(s).ok()?;
    let paragraphs: Vec<(usize, usize, f32)> = serde_json::from_value(v.get("paragraphs")?.clone()).ok()?;
    Some(Ocr {
        engine: v.get("engine")?.as_str()?.to_string(),
        languages: v.get("languages")?.as_str()?.to_string(),
        confidence: v.get("confidence")?.as_f64()? as f32,
        paragraphs: paragraphs
            .into_iter()
            .map(|(a, b, c)| OcrParagraph { span: Span::new(a, b.max(a)), confidence: c })
            .collect(),
    })
}

fn json_list(s: &str) -> Vec<String> {
    serde_json::from_str(s).unwrap_or_default()
}

fn compress(bytes: &[u8]) -> Vec<u8> {
    // Level 6 (the default) costs little more than fast levels on text and
    // keeps the archive about a third the size of the inputs.
    let mut enc = ZlibEncoder::new(Vec::with_capacity(bytes.len() / 3), flate2::Compression::default());
    enc.write_all(bytes).expect("writing to a Vec cannot fail");
    enc.finish().expect("writing to a Vec cannot fail")
}

fn decompress(compression: &str, data: &[u8]) -> std::result::Result<Vec<u8>, String> {
    match compression {
        "zlib" => {
            let mut out = Vec::with_capacity(data.len() * 3);
            ZlibDecoder::new(data)
                .read_to_end(&mut out)
                .map_err(|e| format!("its compressed bytes are corrupt ({e})"))?;
            Ok(out)
        }
        other => Err(format!("unknown compression {other:?}")),
    }
}
