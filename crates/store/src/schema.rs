//! Versioned migrations, recorded in SQLite's `user_version`.
//!
//! Each migration is a SQL file under `migrations/`, applied once, in order;
//! every migration an archive has not seen is applied in one transaction,
//! with the seals they bring ([`crate::integrity::after_migration`]), so an
//! upgrade is whole or not at all. A migration is never edited after
//! release: a change to the schema is a new file.

use crate::error::{Result, StoreError};
use rusqlite::Connection;

const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("../migrations/0001_archive.sql")),
    (2, include_str!("../migrations/0002_records.sql")),
    (3, include_str!("../migrations/0003_links.sql")),
    (4, include_str!("../migrations/0004_review.sql")),
    (6, include_str!("../migrations/0006_integrity.sql")),
    // 5 was never released (a branch renumbered before it landed).
    (7, include_str!("../migrations/0007_formats_copies.sql")),
    (8, include_str!("../migrations/0008_gazetteers.sql")),
];

/// The schema version this build writes.
pub fn latest() -> i64 {
    MIGRATIONS.last().map(|m| m.0).unwrap_or(0)
}

pub fn migrate(conn: &mut Connection) -> Result<()> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > latest() {
        return Err(StoreError::NewerSchema { found: current, known: latest() });
    }
    if current == latest() {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    // Re-read inside the lock: another process may have migrated first.
    let from: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (version, sql) in MIGRATIONS.iter().filter(|m| m.0 > from) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version)?;
    }
    crate::integrity::after_migration(&tx, from, latest())?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrating_twice_is_a_no_op_and_newer_schemas_are_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, latest());
        conn.pragma_update(None, "user_version", latest() + 1).unwrap();
        assert!(matches!(migrate(&mut conn), Err(StoreError::NewerSchema { .. })));
    }
}
