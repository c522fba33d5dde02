//! The name index as one byte blob, so the gazetteer compiled into the
//! binary needs no index building at run time.
//!
//! `build.rs` computes every name's keys (the same `keys` module this crate
//! uses at run time) and writes the blob; [`Index`] reads it in place. A
//! gazetteer parsed at run time (`Gazetteer::parse`) builds the same blob in
//! memory, so both go through one lookup.
//!
//! Layout, all integers `u32` little-endian: four level offsets (exact,
//! medium, skeleton, Arabic first words), then per level: `n`, `n + 1` key
//! offsets, the sorted key bytes, `n + 1` id offsets, the entry ids.

use crate::keys;
use std::collections::BTreeMap;

/// The tables of the blob.
pub const EXACT: usize = 0;
pub const MEDIUM: usize = 1;
pub const SKELETON: usize = 2;
pub const ARABIC_HEADS: usize = 3;
const LEVELS: usize = 4;

/// Builds the blob from each entry's names.
pub fn build<'a>(entries: impl Iterator<Item = (u32, &'a [String])>) -> Vec<u8> {
    let mut tables: Vec<BTreeMap<String, Vec<u32>>> = vec![BTreeMap::new(); LEVELS];
    let mut push = |level: usize, key: String, i: u32| {
        let ids = tables[level].entry(key).or_default();
        if ids.last() != Some(&i) && !ids.contains(&i) {
            ids.push(i);
        }
    };
    for (i, names) in entries {
        for name in names {
            // `Homs (Hims)`: the bracket holds a second name.
            for part in name.split(['(', ')']).map(str::trim).filter(|p| !p.is_empty()) {
                let k = keys::keys(part);
                if part.chars().any(sitrep_text::fold::is_arabic_letter) {
                    if let Some(first) = keys::arabic_words(part).into_iter().next() {
                        push(ARABIC_HEADS, first, i);
                    }
                }
                if let Some(x) = k.exact {
                    push(EXACT, x, i);
                }
                for m in k.medium {
                    push(MEDIUM, m, i);
                }
                for s in k.skeleton {
                    push(SKELETON, s, i);
                }
            }
        }
    }
    let mut out = vec![0u8; LEVELS * 4];
    for (level, table) in tables.iter().enumerate() {
        let at = out.len() as u32;
        out[level * 4..level * 4 + 4].copy_from_slice(&at.to_le_bytes());
        let put = |out: &mut Vec<u8>, v: u32| out.extend_from_slice(&v.to_le_bytes());
        put(&mut out, table.len() as u32);
        let mut offset = 0u32;
        put(&mut out, 0);
        for k in table.keys() {
            offset += k.len() as u32;
            put(&mut out, offset);
        }
        for k in table.keys() {
            out.extend_from_slice(k.as_bytes());
        }
        let mut offset = 0u32;
        put(&mut out, 0);
        for ids in table.values() {
            offset += ids.len() as u32;
            put(&mut out, offset);
        }
        for ids in table.values() {
            for &i in ids {
                put(&mut out, i);
            }
        }
    }
    out
}

/// A view of the blob.
#[derive(Clone, Copy)]
pub struct Index<'a>(pub &'a [u8]);

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

impl<'a> Index<'a> {
    /// The ids filed under `key` at `level` (empty when none).
    pub fn get(&self, level: usize, key: &str) -> impl Iterator<Item = u32> + 'a {
        let b = self.0;
        let base = u32_at(b, level * 4) as usize;
        let n = u32_at(b, base) as usize;
        let key_offsets = base + 4;
        let key_bytes = key_offsets + (n + 1) * 4;
        let key_end = key_bytes + u32_at(b, key_offsets + n * 4) as usize;
        let key_of = |i: usize| {
            let s = u32_at(b, key_offsets + i * 4) as usize;
            let e = u32_at(b, key_offsets + (i + 1) * 4) as usize;
            &b[key_bytes + s..key_bytes + e]
        };
        let (mut lo, mut hi) = (0usize, n);
        let mut found = None;
        while lo < hi {
            let mid = (lo + hi) / 2;
            match key_of(mid).cmp(key.as_bytes()) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => {
                    found = Some(mid);
                    break;
                }
            }
        }
        let id_offsets = key_end;
        let ids = id_offsets + (n + 1) * 4;
        let range = found
            .map_or(0..0, |i| u32_at(b, id_offsets + i * 4) as usize..u32_at(b, id_offsets + (i + 1) * 4) as usize);
        range.map(move |j| u32_at(b, ids + j * 4))
    }

    pub fn contains(&self, level: usize, key: &str) -> bool {
        self.get(level, key).next().is_some()
    }
}
