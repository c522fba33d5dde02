//! What linking reads from the archive, and the snapshots it leaves.

use crate::error::{Result, StoreError};
use crate::{now, Archive};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};
use sitrep_link::{DocMeta, Input, Item, Linked};
use std::collections::BTreeMap;

/// One snapshot of the linked archive.
#[derive(Clone, Debug, Serialize)]
pub struct LinkVersion {
    pub version: i64,
    pub made_at: String,
    pub documents: i64,
    pub settings: String,
    /// Items this version added, changed or removed.
    pub changed: i64,
}

/// Every item as it stood at `version`: per item, its newest row up to it.
fn state_at(conn: &rusqlite::Connection, version: i64) -> Result<BTreeMap<(String, String), Item>> {
    let mut stmt =
        conn.prepare("SELECT kind, id, digest, summary, removed FROM link_items WHERE version <= ?1 ORDER BY version")?;
    let mut rows = stmt.query([version])?;
    let mut out = BTreeMap::new();
    while let Some(r) = rows.next()? {
        let item = Item { kind: r.get(0)?, id: r.get(1)?, digest: r.get(2)?, summary: r.get(3)? };
        if r.get::<_, i64>(4)? == 1 {
            out.remove(&(item.kind, item.id));
        } else {
            out.insert((item.kind.clone(), item.id.clone()), item);
        }
    }
    Ok(out)
}

/// The newest timeline version and its digest.
fn newest_version(conn: &rusqlite::Connection) -> Result<Option<(i64, String)>> {
    Ok(conn
        .query_row("SELECT version, digest FROM link_versions ORDER BY version DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?)
}

impl Archive {
    /// Every document that has an extraction record, with its newest
    /// record (the analyst's reviews applied) and its text, oldest addition
    /// first.
    pub fn link_inputs(&self) -> Result<Vec<Input>> {
        let reviews = self.all_reviews()?;
        let mut stmt = self.conn().prepare(
            "SELECT d.rowid, d.id, d.title, d.published, d.site, d.url, d.author, d.languages, d.text, r.record,
                    (SELECT p.location FROM provenance p WHERE p.doc = d.rowid ORDER BY p.rowid LIMIT 1),
                    d.relayed_from
             FROM documents d
             JOIN records r ON r.rowid = (SELECT r2.rowid FROM records r2 WHERE r2.doc = d.rowid
                                          ORDER BY r2.made_at DESC, r2.rowid DESC LIMIT 1)
             ORDER BY d.rowid",
        )?;
        // Copies of one story count as its first document (see `copies`).
        let roots = self.copy_roots()?;
        let root_ids: std::collections::HashMap<i64, String> = {
            let mut ids =
                self.conn().prepare("SELECT rowid, id FROM documents WHERE rowid IN (SELECT of FROM copies)")?;
            let rows = ids.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut rows = stmt.query([])?;
        // Rows are read in one pass; their JSON is parsed on every core,
        // which is most of the time this takes on a large archive.
        let mut raw: Vec<(DocMeta, String, String)> = Vec::new();
        while let Some(r) = rows.next()? {
            let id: String = r.get(1)?;
            let rowid: i64 = r.get(0)?;
            raw.push((
                DocMeta {
                    relayed_from: r.get(11)?,
                    copy_of: roots.get(&rowid).and_then(|root| root_ids.get(root)).map(|id| format!("sha256:{id}")),
                    order: rowid,
                    id: format!("sha256:{id}"),
                    title: r.get(2)?,
                    published: r.get(3)?,
                    site: r.get(4)?,
                    url: r.get(5)?,
                    author: r.get(6)?,
                    languages: serde_json::from_str(&r.get::<_, String>(7)?).unwrap_or_default(),
                    file: r.get(10)?,
                },
                r.get(8)?,
                r.get(9)?,
            ));
        }
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
        let chunk = raw.len().div_ceil(threads).max(1);
        let parsed: Vec<Result<Input>> = std::thread::scope(|scope| {
            let handles: Vec<_> = raw
                .chunks_mut(chunk)
                .map(|part| {
                    let reviews = &reviews;
                    scope.spawn(move || {
                        part.iter_mut()
                            .map(|(doc, text, json)| {
                                let hex = doc.id.trim_start_matches("sha256:").to_string();
                                let record: sitrep_record::Record =
                                    serde_json::from_str(json).map_err(|e| StoreError::Damaged {
                                        id: hex.clone(),
                                        reason: format!(
                                            "its record is not valid JSON ({e}); run `sitrep reextract --all`"
                                        ),
                                    })?;
                                Ok(Input {
                                    doc: std::mem::take(doc),
                                    text: std::mem::take(text),
                                    record: match reviews.get(&hex) {
                                        Some(rv) => crate::review::apply(&record, rv),
                                        None => record,
                                    },
                                })
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles.into_iter().flat_map(|h| h.join().expect("parsing a record does not panic")).collect()
        });
        let out = parsed.into_iter().collect::<Result<Vec<Input>>>()?;
        Ok(out)
    }

    /// Records a snapshot of `linked` unless it equals the newest one.
    /// Returns the snapshot's version and whether it is new. Only the items
    /// that changed since the newest snapshot are written.
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
        let digest = crate::hex(&h.finalize());
        let last = newest_version(self.conn())?;
        if let Some((v, d)) = &last {
            if *d == digest {
                return Ok((*v, false));
            }
        }
        let tx = self.conn_mut().transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Re-read under the write lock: another process may have written
        // this very snapshot meanwhile.
        let last = newest_version(&tx)?;
        if let Some((v, d)) = &last {
            if *d == digest {
                return Ok((*v, false));
            }
        }
        let version = last.as_ref().map_or(1, |l| l.0 + 1);
        let before = state_at(&tx, version - 1)?;
        tx.execute(
            "INSERT INTO link_versions (version, made_at, documents, settings, digest) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![version, now(), linked.documents.len() as i64, settings, digest],
        )?;
        crate::integrity::seal(&tx, "timeline version", version)?;
        {
            let mut ins = tx.prepare(
                "INSERT OR REPLACE INTO link_items (version, kind, id, digest, summary, removed)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            let mut now_keys = std::collections::HashSet::with_capacity(items.len());
            for i in &items {
                now_keys.insert((i.kind.as_str(), i.id.as_str()));
                if before.get(&(i.kind.clone(), i.id.clone())).is_none_or(|old| old.digest != i.digest) {
                    ins.execute(params![version, i.kind, i.id, i.digest, i.summary, 0])?;
                    crate::integrity::seal(&tx, "timeline item", tx.last_insert_rowid())?;
                }
            }
            for ((kind, id), old) in &before {
                if !now_keys.contains(&(kind.as_str(), id.as_str())) {
                    ins.execute(params![version, kind, id, old.digest, old.summary, 1])?;
                    crate::integrity::seal(&tx, "timeline item", tx.last_insert_rowid())?;
                }
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
        Ok(state_at(self.conn(), version)?.into_values().collect())
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
                    changed: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

impl Archive {
    /// What the linked archive is made from: a digest of the seals of every
    /// document, text, record and review (the analyst's merges and splits
    /// among them), with this sitrep's version and the settings. Adding or
    /// changing any of them through sitrep changes the key, so a linked
    /// archive kept under it ([`Archive::keep_linked`]) is still the answer.
    pub fn link_key(&self, settings: &sitrep_link::Settings) -> Result<String> {
        let inputs = crate::integrity::stored_digest(self.conn(), crate::integrity::LINK_INPUTS)?;
        Ok(format!(
            "{inputs} sitrep {} linker {} rule={:?} window={}",
            crate::SITREP_VERSION,
            sitrep_link::LINKER,
            settings.rule,
            settings.window_days
        ))
    }

    /// The linked archive kept under `key`, as the JSON it was kept as;
    /// `None` when there is none, or when it no longer matches the seal it
    /// was kept with (it was changed: the caller links again).
    pub fn kept_linked(&self, key: &str) -> Result<Option<Vec<u8>>> {
        let Some(linked) = self
            .conn()
            .query_row("SELECT linked FROM link_cache WHERE slot = 1 AND key = ?1", [key], |r| r.get(0))
            .optional()?
        else {
            return Ok(None);
        };
        Ok(crate::integrity::intact(self.conn(), "kept result", 1)?.then_some(linked))
    }

    /// Keeps a linked archive (its JSON) under `key`. Keeping it is a help,
    /// not a duty: when another process holds the write lock (a long
    /// `sitrep add`) or the archive is read-only, nothing is kept and the
    /// next caller links again.
    pub fn keep_linked(&self, key: &str, linked: &[u8]) -> Result<()> {
        let conn = self.conn();
        conn.busy_timeout(std::time::Duration::from_millis(100))?;
        let kept = (|| -> Result<()> {
            let tx = rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
            tx.execute(
                "INSERT OR REPLACE INTO link_cache (slot, key, linked) VALUES (1, ?1, ?2)",
                params![key, linked],
            )?;
            crate::integrity::seal(&tx, "kept result", 1)?;
            tx.commit()?;
            Ok(())
        })();
        let _ = kept;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        Ok(())
    }

    /// The timeline version the linked archive kept under `key` was
    /// recorded as, when no newer version has been recorded since.
    pub fn kept_snapshot(&self, key: &str) -> Result<Option<i64>> {
        let known: Option<(Option<i64>, Option<i64>)> = self
            .conn()
            .query_row(
                "SELECT snapshot, (SELECT max(version) FROM link_versions) FROM link_cache WHERE slot = 1 AND key = ?1",
                [key],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(match known {
            Some((Some(made), Some(latest))) if made == latest => Some(made),
            _ => None,
        })
    }

    /// Notes that the linked archive kept under `key` is timeline `version`.
    pub fn note_snapshot(&self, key: &str, version: i64) -> Result<()> {
        let tx = rusqlite::Transaction::new_unchecked(self.conn(), rusqlite::TransactionBehavior::Immediate)?;
        let noted =
            tx.execute("UPDATE link_cache SET snapshot = ?1 WHERE slot = 1 AND key = ?2", params![version, key])?;
        if noted > 0 {
            crate::integrity::seal(&tx, "kept result", 1)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Checks the kept linked result: when it is still the answer for the
    /// archive as it stands (its key is current), the archive is linked
    /// again and the two must be the same, byte for byte. A kept result
    /// that was overwritten, and its seal made again to match, shows here.
    pub(crate) fn verify_kept(&self) -> Result<Vec<crate::Change>> {
        let row: Option<(String, Vec<u8>)> = self
            .conn()
            .query_row("SELECT key, linked FROM link_cache WHERE slot = 1", [], |r| {
                Ok((r.get(0)?, r.get_ref(1)?.as_bytes().map(<[u8]>::to_vec).unwrap_or_default()))
            })
            .optional()?;
        let Some((key, kept)) = row else { return Ok(Vec::new()) };
        let change = |p: &str| vec![crate::Change::new("kept result", "1", p)];
        let Ok(parsed) = serde_json::from_slice::<Linked>(&kept) else {
            return Ok(change("is not a linked archive: it was changed (the next command that links makes it again)"));
        };
        let mut settings =
            sitrep_link::Settings { rule: parsed.rule, window_days: parsed.window_days, ..Default::default() };
        if self.link_key(&settings)? != key {
            // Made from an archive as it was: never read again, so nothing
            // in it can reach an output.
            return Ok(Vec::new());
        }
        settings.overrides = self.link_overrides()?;
        let linked = sitrep_link::link(&self.link_inputs()?, &settings);
        if serde_json::to_vec(&linked).expect("linked archives serialize") != kept {
            return Ok(change(
                "is not what the archive links to: it was changed after it was made (the next command that links \
                 makes it again)",
            ));
        }
        Ok(Vec::new())
    }
}
