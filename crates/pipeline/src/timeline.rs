//! What changed in the timeline since an earlier version.

use sitrep_link::{Changes, Filter, Linked};
use sitrep_store::{Archive, Result};
use std::borrow::Cow;
use std::collections::{BTreeSet, HashSet};

/// The changes from timeline version `since` to `version` (the version
/// `linked` was recorded as), as `sitrep timeline --since` prints them.
/// Fields are in the order the JSON has always had them.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Since {
    pub changes: Changes,
    pub since: i64,
    pub version: i64,
}

/// What changed in `linked` (all of it) since version `since`, within what
/// `filter` keeps: an item that left the filter's scope is not removed, it
/// is elsewhere; one that no longer exists anywhere is.
pub fn since(archive: &Archive, linked: &Linked, filter: &Filter, since: i64, version: i64) -> Result<Since> {
    let old = archive.snapshot_items(since)?;
    let shown = if filter.is_empty() { Cow::Borrowed(linked) } else { Cow::Owned(linked.filtered(filter)) };
    let now = shown.items();
    // Compare only what the filter keeps, so `--place` narrows the diff too.
    let scoped_old: Vec<_> = if filter.place.is_some() || filter.from.is_some() || filter.to.is_some() {
        let ids: BTreeSet<&str> = now.iter().map(|i| i.id.as_str()).collect();
        let all_now = linked.items();
        let everywhere: HashSet<&str> = all_now.iter().map(|n| n.id.as_str()).collect();
        old.into_iter().filter(|i| ids.contains(i.id.as_str()) || !everywhere.contains(i.id.as_str())).collect()
    } else {
        old
    };
    Ok(Since { changes: sitrep_link::changes(&scoped_old, &now), since, version })
}
