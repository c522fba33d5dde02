//! The archive linked across documents, kept in the archive between
//! commands, and the timeline versions recorded of it.

use sitrep_link::{Linked, Settings};
use sitrep_store::{Archive, Result};

/// Links every document with a record, as reviewed, with the analyst's
/// merges and splits of events. The result is kept in the archive until a
/// document, record or review is added, so asking again is a read.
pub fn linked(archive: &Archive, settings: &Settings) -> Result<Linked> {
    Ok(linked_keyed(archive, settings)?.0)
}

/// [`linked`], and the key it was kept under.
fn linked_keyed(archive: &Archive, settings: &Settings) -> Result<(Linked, String)> {
    let key = archive.link_key(settings)?;
    if let Some(bytes) = archive.kept_linked(&key)? {
        // A kept result that no longer reads is made again, not an error.
        if let Ok(linked) = serde_json::from_slice::<Linked>(&bytes) {
            return Ok((linked, key));
        }
    }
    let inputs = archive.link_inputs()?;
    let mut settings = settings.clone();
    settings.overrides = archive.link_overrides()?;
    let linked = sitrep_link::link(&inputs, &settings);
    // Only if nothing changed while linking: another process may have
    // added documents meanwhile, and its key would be newer.
    if archive.link_key(&settings)? == key {
        let bytes = serde_json::to_vec(&linked).expect("linked archives serialize");
        archive.keep_linked(&key, &bytes)?;
    }
    Ok((linked, key))
}

/// [`linked`], and a timeline version of it: the linked archive, the
/// version and whether it is new.
pub fn linked_with_snapshot(archive: &mut Archive, settings: &Settings) -> Result<(Linked, i64, bool)> {
    let (linked, key) = linked_keyed(archive, settings)?;
    // The kept result was already recorded, and nothing newer was: no need
    // to hash every item again.
    if let Some(version) = archive.kept_snapshot(&key)? {
        return Ok((linked, version, false));
    }
    let (version, new) = archive.snapshot(&linked)?;
    archive.note_snapshot(&key, version)?;
    Ok((linked, version, new))
}
