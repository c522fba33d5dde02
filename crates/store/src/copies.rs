//! Syndicated copies in the archive (migration 7): each document's MinHash
//! signature, and which earlier document each one copies.
//!
//! The rule is `sitrep_text::copies`'; a copy comes from another publisher
//! (as linking names publishers: site, else URL host, else author), since
//! what one outlet or channel repeats under every post of its own is its
//! boilerplate, and its own posts are one origin anyway. When a document
//! is added, its
//! signature is compared with every stored one whose size could make it a
//! copy (at most 128 comparisons of 32-bit values each, in memory: the
//! signatures are read once per open archive and then only the rows added
//! since, so another process's additions are seen too). The most alike
//! earlier document, if any passes the rule, is the one it copies; among
//! equals, the oldest. Only earlier documents are compared, so adding a
//! document never changes what an older one is.

use crate::error::Result;
use crate::Archive;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use sitrep_text::copies::{Signature, MIN_RATIO};

/// A document that another copies, or copies another: its id and how much
/// of the shorter text the two share, in whole percent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CopyRef {
    pub id: String,
    pub percent: u8,
}

/// The stored signatures, read up to `upto` (a documents rowid).
#[derive(Default)]
pub(crate) struct Signatures {
    upto: i64,
    /// (rowid, publisher key, signature).
    items: Vec<(i64, String, Signature)>,
}

/// The publisher a document is known by, folded, as linking keys it.
pub(crate) fn publisher_key(id: &str, site: Option<String>, url: Option<String>, author: Option<String>) -> String {
    let meta = sitrep_link::DocMeta { id: format!("sha256:{id}"), site, url, author, ..Default::default() };
    sitrep_link::norm(&sitrep_link::origin::publisher(&meta))
}

impl Signatures {
    /// Reads the signatures stored since the last read.
    fn refresh(&mut self, conn: &Connection) -> Result<()> {
        let mut stmt = conn.prepare(
            "SELECT s.doc, s.shingles, s.minhash, d.id, d.site, d.url, d.author
             FROM signatures s JOIN documents d ON d.rowid = s.doc WHERE s.doc > ?1 ORDER BY s.doc",
        )?;
        let rows = stmt.query_map([self.upto], |r| {
            let publisher = publisher_key(&r.get::<_, String>(3)?, r.get(4)?, r.get(5)?, r.get(6)?);
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, Vec<u8>>(2)?, publisher))
        })?;
        for row in rows {
            let (doc, shingles, bytes, publisher): (i64, i64, Vec<u8>, String) = row?;
            self.upto = self.upto.max(doc);
            self.items.push((doc, publisher, Signature::from_bytes(shingles as u32, &bytes)));
        }
        Ok(())
    }

    /// The earlier document `sig` copies, and the share, by the rule.
    fn best(&self, sig: &Signature, publisher: &str, before: i64) -> Option<(i64, f64)> {
        let mut best: Option<(i64, f64)> = None;
        for (doc, theirs, other) in &self.items {
            if *doc >= before || theirs == publisher {
                continue;
            }
            let (a, b) = (sig.shingles.min(other.shingles) as f64, sig.shingles.max(other.shingles) as f64);
            if a / b < MIN_RATIO {
                continue;
            }
            if let Some(share) = sig.copy_share(other) {
                if best.is_none_or(|(_, s)| share > s) {
                    best = Some((*doc, share));
                }
            }
        }
        best
    }
}

/// Stores `rowid`'s signature and, when it copies an earlier document, the
/// copy; inside the caller's transaction.
pub(crate) fn sign(conn: &Connection, index: &mut Signatures, rowid: i64, publisher: String, text: &str) -> Result<()> {
    let Some(sig) = Signature::of(text) else { return Ok(()) };
    index.refresh(conn)?;
    if let Some((of, share)) = index.best(&sig, &publisher, rowid) {
        conn.execute(
            "INSERT OR REPLACE INTO copies (doc, of, percent) VALUES (?1, ?2, ?3)",
            params![rowid, of, (share * 100.0).floor() as i64],
        )?;
        crate::integrity::seal(conn, "copy", rowid)?;
    }
    conn.execute(
        "INSERT OR REPLACE INTO signatures (doc, shingles, minhash) VALUES (?1, ?2, ?3)",
        params![rowid, sig.shingles, sig.to_bytes()],
    )?;
    crate::integrity::seal(conn, "signature", rowid)?;
    index.upto = index.upto.max(rowid);
    index.items.push((rowid, publisher, sig));
    Ok(())
}

impl Archive {
    /// Signs the documents an archive from before migration 7 holds
    /// without a signature, oldest first, finding their copies among the
    /// ones before them. Returns how many were signed. `sitrep add` runs
    /// it before a batch, so the first batch after an upgrade compares
    /// with everything.
    pub fn sign_missing(&mut self) -> Result<u64> {
        let mut done = 0;
        loop {
            let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let batch: Vec<(i64, String, String)> = {
                let mut stmt = tx.prepare(
                    "SELECT d.rowid, d.text, d.id, d.site, d.url, d.author FROM documents d
                     WHERE NOT EXISTS (SELECT 1 FROM signatures s WHERE s.doc = d.rowid)
                       AND d.rowid > ?1
                     ORDER BY d.rowid LIMIT 200",
                )?;
                let rows = stmt.query_map([self.unsigned_after], |r| {
                    let publisher = publisher_key(&r.get::<_, String>(2)?, r.get(3)?, r.get(4)?, r.get(5)?);
                    Ok((r.get(0)?, r.get(1)?, publisher))
                })?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            if batch.is_empty() {
                tx.commit()?;
                return Ok(done);
            }
            for (rowid, text, publisher) in batch {
                sign(&tx, &mut self.signatures, rowid, publisher, &text)?;
                // A text too short for a signature stays unsigned; step past it.
                self.unsigned_after = rowid;
                done += 1;
            }
            tx.commit()?;
        }
    }

    /// The document `id` copies, if any.
    pub fn copy_of(&self, id: &str) -> Result<Option<CopyRef>> {
        Ok(self
            .conn
            .query_row(
                "SELECT o.id, c.percent FROM copies c JOIN documents d ON d.rowid = c.doc
                 JOIN documents o ON o.rowid = c.of WHERE d.id = ?1",
                [id],
                |r| Ok(CopyRef { id: r.get(0)?, percent: r.get::<_, i64>(1)?.clamp(0, 100) as u8 }),
            )
            .optional()?)
    }

    /// The documents that copy `id`, oldest first.
    pub fn copies_of(&self, id: &str) -> Result<Vec<CopyRef>> {
        let mut stmt = self.conn.prepare(
            "SELECT d.id, c.percent FROM copies c JOIN documents d ON d.rowid = c.doc
             JOIN documents o ON o.rowid = c.of WHERE o.id = ?1 ORDER BY d.rowid",
        )?;
        let rows =
            stmt.query_map([id], |r| Ok(CopyRef { id: r.get(0)?, percent: r.get::<_, i64>(1)?.clamp(0, 100) as u8 }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every copy as (document rowid, the first document of its story),
    /// following copies of copies back to the one they all come from.
    pub(crate) fn copy_roots(&self) -> Result<std::collections::HashMap<i64, i64>> {
        let mut stmt = self.conn.prepare("SELECT doc, of FROM copies")?;
        let direct: std::collections::HashMap<i64, i64> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        let mut roots = std::collections::HashMap::with_capacity(direct.len());
        for &doc in direct.keys() {
            let mut at = doc;
            // `of` is always an earlier rowid, so the walk ends; the bound is a guard.
            for _ in 0..1000 {
                match direct.get(&at) {
                    Some(&of) if of < at => at = of,
                    _ => break,
                }
            }
            roots.insert(doc, at);
        }
        Ok(roots)
    }
}
