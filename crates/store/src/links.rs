//! What linking reads from the archive, and the snapshots it leaves.

use crate::error::{Result, StoreError};
use crate::{now, Archive};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};
use sitrep_link::{DocMeta, Input, Item, Linked};

/// One snapshot of the linked archive.
#[derive(Clone, Debug, Serialize)]
pub struct LinkVersion {
    pub version: i64,
    pub made_at: String,
    pub documents: i64,
    pub settings: String,
    pub items: i64,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Archive {
    /// Every document that has an extraction record, with its newest
    /// record (the analyst's reviews applied) and its text, oldest addition
    /// first.
    pub fn link_inputs(&self) -> Result<Vec<Input>> {
        let reviews = self.all_reviews()?;
        let mut stmt = self.conn().prepare(
            "SELECT d.rowid, d.id, d.title, d.published, d.site, d.url, d.author, d.languages, d.text, r.record
             FROM documents d
             JOIN records r ON r.rowid = (SELECT r2.rowid FROM records r2 WHERE r2.doc = d.rowid
                                          ORDER BY r2.made_at DESC, r2.rowid DESC LIMIT 1)
             ORDER BY d.rowid",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let id: String = r.get(1)?;
            let json: String = r.get(9)?;
            let record: sitrep_record::Record = serde_json::from_str(&json).map_err(|e| StoreError::Damaged {
                id: id.clone(),
                reason: format!("its record is not valid JSON ({e}); run `sitrep reextract --all`"),
            })?;
            out.push(Input {
                doc: DocMeta {
                    order: r.get(0)?,
                    id: format!("sha256:{id}"),
                    title: r.get(2)?,
                    published: r.get(3)?,
                    site: r.get(4)?,
                    url: r.get(5)?,
                    author: r.get(6)?,
                    languages: serde_json::from_str(&r.get::<_, String>(7)?).unwrap_or_default(),
                },
                text: r.get(8)?,
                record: match reviews.get(&id) {
                    Some(rv) => crate::review::apply(&record, rv),
                    None => record,
                },
            });
        }
        Ok(out)
    }

    /// Records a snapshot of `linked` unless it equals the newest one.
    /// Returns the snapshot's version and whether it is new.
    pub fn snapshot(&mut self, linked: &Linked) -> Result<(i64, bool)> {
        let items = linked.items();
        let mut h = Sha256::new();
        for i in &items {
            h.update(i.kind.as_bytes());
            h.update(i.id.as_bytes());
            h.update(i.digest.as_bytes());
        }
        let settings = format!("rule={:?} window={}", linked.rule, linked.window_days).to_lowercase();
        h.update(settings.as_bytes());
        let digest = hex(&h.finalize());
        let tx = self.conn_mut().transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let last: Option<(i64, String)> = tx
            .query_row("SELECT version, digest FROM link_versions ORDER BY version DESC LIMIT 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        if let Some((v, d)) = &last {
            if *d == digest {
                return Ok((*v, false));
            }
        }
        let version = last.map_or(1, |l| l.0 + 1);
        tx.execute(
            "INSERT INTO link_versions (version, made_at, documents, settings, digest) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![version, now(), linked.documents.len() as i64, settings, digest],
        )?;
        {
            let mut ins = tx.prepare(
                "INSERT OR REPLACE INTO link_items (version, kind, id, digest, summary) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for i in &items {
                ins.execute(params![version, i.kind, i.id, i.digest, i.summary])?;
            }
        }
        tx.commit()?;
        Ok((version, true))
    }

    /// The items of a snapshot.
    pub fn snapshot_items(&self, version: i64) -> Result<Vec<Item>> {
        let known: Option<i64> = self
            .conn()
            .query_row("SELECT version FROM link_versions WHERE version = ?1", [version], |r| r.get(0))
            .optional()?;
        if known.is_none() {
            return Err(StoreError::NoSnapshot(version));
        }
        let mut stmt = self
            .conn()
            .prepare("SELECT kind, id, digest, summary FROM link_items WHERE version = ?1 ORDER BY kind, id")?;
        let items = stmt
            .query_map([version], |r| {
                Ok(Item { kind: r.get(0)?, id: r.get(1)?, digest: r.get(2)?, summary: r.get(3)? })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(items)
    }

    /// Every snapshot, oldest first.
    pub fn link_versions(&self) -> Result<Vec<LinkVersion>> {
        let mut stmt = self.conn().prepare(
            "SELECT v.version, v.made_at, v.documents, v.settings,
                    (SELECT count(*) FROM link_items i WHERE i.version = v.version)
             FROM link_versions v ORDER BY v.version",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(LinkVersion {
                    version: r.get(0)?,
                    made_at: r.get(1)?,
                    documents: r.get(2)?,
                    settings: r.get(3)?,
                    items: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

impl Archive {
    /// Links every document with a record, as reviewed, with the analyst's
    /// merges and splits of events, and snapshots the result.
    /// Returns the linked archive, the snapshot's version and whether it
    /// is new.
    pub fn linked(&mut self, settings: &sitrep_link::Settings) -> Result<(Linked, i64, bool)> {
        let inputs = self.link_inputs()?;
        let mut settings = settings.clone();
        settings.overrides = self.link_overrides()?;
        let linked = sitrep_link::link(&inputs, &settings);
        let (version, new) = self.snapshot(&linked)?;
        Ok((linked, version, new))
    }
}
