//! What the pages across documents read, kept between requests.
//!
//! Linking a whole archive (every record, reviewed, grouped and merged)
//! takes a good fraction of a second at 10,000 documents, and listing with
//! filters wants every document's facts and places at hand. Both are built
//! together into a [`Snapshot`] and kept until the archive changes.
//!
//! Whether it changed is read from a [`Fingerprint`]: a handful of numbers
//! SQLite answers from its indexes (the newest document, record, review and
//! audit entry, and the number of records), taken before the build reads
//! anything, so a snapshot never claims more than it holds. Every value
//! only grows as the archive is written, so "covers" is a comparison of
//! each.
//!
//! One build runs at a time. A request that finds the snapshot out of date
//! waits for a build that started after its question; a page waits at most
//! a moment and is otherwise shown from the previous snapshot with a note,
//! so `sitrep add` running beside the server never makes pages slow.
//! Exports and the report always wait: they must reflect the newest review.

use crate::WebError;
use rusqlite::{Connection, OpenFlags};
use sitrep_link::{Linked, Rule, Settings};
use sitrep_store::Archive;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::watch;

/// Counters that only grow as the archive is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Fingerprint([i64; 5]);

impl Fingerprint {
    /// Whether a snapshot made at `self` holds everything up to `other`.
    pub fn covers(&self, other: &Fingerprint) -> bool {
        self.0.iter().zip(other.0.iter()).all(|(a, b)| a >= b)
    }
}

/// Reads fingerprints over a connection of its own (no Archive needed:
/// these are five index lookups).
pub struct Prober {
    path: PathBuf,
    conn: Mutex<Option<Connection>>,
}

impl Prober {
    pub fn new(path: &Path) -> Prober {
        Prober { path: path.to_path_buf(), conn: Mutex::new(None) }
    }

    /// The archive's fingerprint now. Blocking: call from a blocking task.
    pub fn probe(&self) -> Result<Fingerprint, WebError> {
        let mut guard = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        if guard.is_none() {
            let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            let conn = Connection::open_with_flags(&self.path, flags)
                .map_err(|e| WebError::Archive(format!("cannot read {}: {e}", self.path.display())))?;
            let _ = conn.busy_timeout(Duration::from_secs(5));
            *guard = Some(conn);
        }
        let conn = guard.as_ref().expect("opened above");
        let row = conn.query_row(
            "SELECT (SELECT ifnull(max(rowid), 0) FROM documents),
                    (SELECT ifnull(max(rowid), 0) FROM records),
                    (SELECT count(*) FROM records),
                    (SELECT ifnull(max(rowid), 0) FROM reviews),
                    (SELECT ifnull(max(seq), 0) FROM audit)",
            [],
            |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?]),
        );
        match row {
            Ok(v) => Ok(Fingerprint(v)),
            Err(e) => {
                // A broken connection is opened again next time.
                *guard = None;
                Err(WebError::Archive(format!("cannot read {}: {e}", self.path.display())))
            }
        }
    }
}

/// One document as the list shows and filters it.
#[derive(Clone, Debug, Default)]
pub struct DocRow {
    pub id: String,
    pub published: Option<String>,
    pub title: Option<String>,
    pub languages: Vec<String>,
    /// The first place it was met (URL or path) and its publisher.
    pub source: String,
    pub publisher: String,
    /// Facts in the reviewed record, in [`crate::KINDS`] order.
    pub counts: [usize; 6],
    /// Names of the places the record names and the places they are in,
    /// folded for comparison.
    pub place_keys: Vec<String>,
    /// The earlier document this one copies, and how much.
    pub copy_of: Option<sitrep_store::CopyRef>,
}

/// Everything linked, as of a fingerprint.
pub struct Snapshot {
    pub fp: Fingerprint,
    pub linked: Linked,
    /// Every document, oldest addition first.
    pub docs: Vec<DocRow>,
    /// Row of each full hex id.
    pub by_id: HashMap<String, usize>,
    /// Place names for the filter's suggestions, most named first.
    pub place_names: Vec<String>,
}

/// What a snapshot holds: the document index, or the archive linked by a
/// rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Want {
    Docs,
    Linked(bool),
}

impl Want {
    pub fn linked(rule: Rule) -> Want {
        Want::Linked(rule == Rule::Conservative)
    }
}

fn build(archive: &Archive, fp: Fingerprint, want: Want) -> Result<Snapshot, WebError> {
    if let Want::Linked(conservative) = want {
        let rule = if conservative { Rule::Conservative } else { Rule::Median };
        // The archive keeps the linked result between processes too, so a
        // restarted desk does not link 10,000 documents again.
        let linked = sitrep_pipeline::linked::linked(archive, &Settings { rule, ..Default::default() })?;
        return Ok(Snapshot { fp, linked, docs: Vec::new(), by_id: HashMap::new(), place_names: Vec::new() });
    }
    let inputs = archive.link_inputs()?;
    let records: HashMap<&str, &sitrep_link::Input> =
        inputs.iter().map(|i| (i.doc.id.strip_prefix("sha256:").unwrap_or(&i.doc.id), i)).collect();
    let mut docs = Vec::new();
    let mut named: BTreeMap<String, usize> = BTreeMap::new();
    for s in archive.list()? {
        let mut row = DocRow {
            published: s.published,
            title: s.title,
            languages: s.languages,
            source: s.source,
            copy_of: s.copy_of,
            ..Default::default()
        };
        if let Some(input) = records.get(s.id.as_str()) {
            let r = &input.record;
            row.counts =
                [r.dates.len(), r.figures.len(), r.places.len(), r.actors.len(), r.quotes.len(), r.events.len()];
            row.publisher = sitrep_link::origin::publisher(&input.doc);
            if row.published.is_none() {
                row.published = r.document.published.clone();
            }
            let mut keys: Vec<String> = Vec::new();
            for p in &r.places {
                *named.entry(p.name.clone()).or_default() += 1;
                keys.push(sitrep_link::norm(&p.name));
                keys.push(sitrep_link::norm(&p.text));
                keys.extend(p.within.iter().map(|w| sitrep_link::norm(w)));
            }
            keys.sort();
            keys.dedup();
            row.place_keys = keys;
        }
        row.id = s.id;
        docs.push(row);
    }
    let by_id = docs.iter().enumerate().map(|(i, d)| (d.id.clone(), i)).collect();
    let mut place_names: Vec<(String, usize)> = named.into_iter().collect();
    place_names.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let place_names = place_names.into_iter().take(200).map(|p| p.0).collect();
    Ok(Snapshot { fp, linked: Linked::default(), docs, by_id, place_names })
}

#[derive(Default)]
struct Slot {
    current: Option<Arc<Snapshot>>,
    building: bool,
    /// The last build's failure, with the fingerprint it was asked at.
    failed: Option<(Fingerprint, String)>,
}

/// Snapshots by what they hold, each built when first asked for.
pub struct Cache {
    slots: Mutex<HashMap<Want, Slot>>,
    done: watch::Sender<u64>,
}

/// How long a page waits for a fresh snapshot before it shows the one it
/// has.
pub const PAGE_WAIT: Duration = Duration::from_millis(400);

impl Default for Cache {
    fn default() -> Cache {
        Cache { slots: Mutex::default(), done: watch::channel(0).0 }
    }
}

/// What [`Cache::get`] found: a snapshot, and whether it is older than
/// the archive.
pub struct Got {
    pub snapshot: Arc<Snapshot>,
    pub stale: bool,
}

impl Cache {
    /// A snapshot that covers `fp`, waiting for it at most `wait` when an
    /// older one exists (`None`: as long as it takes).
    pub async fn get(
        self: &Arc<Self>,
        state: &crate::Shared,
        want: Want,
        fp: Fingerprint,
        wait: Option<Duration>,
    ) -> Result<Got, WebError> {
        let deadline = wait.map(|w| tokio::time::Instant::now() + w);
        loop {
            let mut rx = self.done.subscribe();
            let fallback = {
                let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
                let slot = slots.entry(want).or_default();
                if let Some(s) = slot.current.as_ref().filter(|s| s.fp.covers(&fp)) {
                    return Ok(Got { snapshot: s.clone(), stale: false });
                }
                if let Some((at, why)) = &slot.failed {
                    if at.covers(&fp) && !slot.building {
                        return Err(WebError::Archive(why.clone()));
                    }
                }
                if !slot.building {
                    slot.building = true;
                    self.start(state.clone(), want);
                }
                slot.current.clone()
            };
            let changed = rx.changed();
            match (deadline, fallback) {
                (Some(d), Some(old)) => {
                    if tokio::time::timeout_at(d, changed).await.is_err() {
                        return Ok(Got { snapshot: old, stale: true });
                    }
                }
                _ => {
                    let _ = changed.await;
                }
            }
        }
    }

    /// Builds a snapshot in a blocking task, then wakes every waiter.
    fn start(self: &Arc<Self>, state: crate::Shared, want: Want) {
        let cache = self.clone();
        tokio::task::spawn_blocking(move || {
            let asked = state.prober.probe();
            let result = match &asked {
                Ok(fp) => {
                    let fp = *fp;
                    // A panic in linking must not leave the slot building
                    // for ever: it becomes this build's failure.
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        let archive = state.take()?;
                        let built = build(&archive, fp, want);
                        state.give(archive);
                        built
                    }))
                    .unwrap_or_else(|_| {
                        Err(WebError::Archive("linking the archive failed (a bug: see the log)".into()))
                    })
                }
                Err(e) => Err(WebError::Archive(e.to_string())),
            };
            let mut slots = cache.slots.lock().unwrap_or_else(|e| e.into_inner());
            let slot = slots.entry(want).or_default();
            slot.building = false;
            match result {
                Ok(s) => {
                    slot.failed = None;
                    slot.current = Some(Arc::new(s));
                }
                Err(e) => slot.failed = Some((asked.unwrap_or_default(), e.to_string())),
            }
            drop(slots);
            cache.done.send_modify(|n| *n += 1);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covering_is_by_every_counter() {
        let a = Fingerprint([3, 3, 3, 0, 0]);
        assert!(a.covers(&Fingerprint([3, 2, 3, 0, 0])));
        assert!(!a.covers(&Fingerprint([3, 3, 3, 1, 0])));
    }
}
