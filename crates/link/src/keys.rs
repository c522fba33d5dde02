//! The keys things are compared and named by: folded names, and the
//! stable ids of claim groups and events.

use sha2::{Digest, Sha256};

/// The folded, lower-cased form names are compared in (Arabic letter
/// variants and marks folded, spaces collapsed).
pub fn norm(s: &str) -> String {
    sitrep_text::fold::fold_key(s).to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `prefix-` and 12 hex digits of the SHA-256 of the parts.
pub(crate) fn stable_id(prefix: &str, parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0x1f]);
    }
    let hex: String = h.finalize().iter().take(6).map(|b| format!("{b:02x}")).collect();
    format!("{prefix}-{hex}")
}
