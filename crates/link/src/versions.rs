//! What a timeline version records of each item, and what changed
//! between two versions.

use crate::model::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sitrep_present::numbers::grouped as number;
use std::collections::BTreeMap;

/// Feeds the parts of an item to a digest.
type Parts<'a> = dyn FnMut(&mut dyn FnMut(&str)) + 'a;

/// One item of a snapshot: what `--since` compares.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// `event` or `claim_group`.
    pub kind: String,
    pub id: String,
    /// SHA-256 of the item's JSON: any change to it changes this.
    pub digest: String,
    /// One line a reader can scan.
    pub summary: String,
}

/// What changed between two snapshots.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Changes {
    pub added: Vec<Item>,
    /// The item as it is now.
    pub changed: Vec<Item>,
    pub removed: Vec<Item>,
}

impl Linked {
    /// Every event and claim group as a snapshot item.
    pub fn items(&self) -> Vec<Item> {
        // The digest covers what an item says and which words it cites (by
        // document and span), not the sentences quoted around them: those
        // follow from the cited words, and leaving them out keeps the
        // digest of a 10,000-document archive cheap.
        let digest = |parts: &mut Parts| {
            let mut h = Sha256::new();
            parts(&mut |p: &str| {
                h.update(p.as_bytes());
                h.update([0x1f]);
            });
            let hex: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
            hex
        };
        let est =
            |r: &Option<Range>| r.as_ref().map(|r| format!("{}/{}/{}", r.low, r.best, r.high)).unwrap_or_default();
        let ev = |e: &Evidence| format!("{}:{}-{}", e.doc, e.span[0], e.span[1]);
        let mut out = Vec::with_capacity(self.events.len() + self.claims.len());
        for e in &self.events {
            let place = e.place.as_deref().map(|p| self.place_name(p)).unwrap_or_else(|| "no place".into());
            let killed = e.killed.as_ref().map(|k| format!(", {} killed", number(k.best))).unwrap_or_default();
            out.push(Item {
                kind: "event".into(),
                id: e.id.clone(),
                digest: digest(&mut |put| {
                    put(&e.id);
                    put(&e.kind);
                    put(e.date.as_deref().unwrap_or(""));
                    put(e.date_precision.map_or("", |p| p.as_str()));
                    put(e.place.as_deref().unwrap_or(""));
                    put(&e.actors.join(","));
                    put(&est(&e.killed));
                    put(&est(&e.injured));
                    e.mentions.iter().for_each(|m| put(&ev(m)));
                    e.origins.iter().for_each(|o| put(&o.key));
                    put(&e.claims.join(","));
                    e.quotes.iter().for_each(|q| put(&ev(&q.evidence)));
                }),
                summary: format!(
                    "{} {} in {}{}, {} source{}",
                    e.date.as_deref().unwrap_or("undated"),
                    e.kind.replace('_', " "),
                    place,
                    killed,
                    e.mentions.len(),
                    if e.mentions.len() == 1 { "" } else { "s" }
                ),
            });
        }
        for g in &self.claims {
            let place = g.place.as_deref().map(|p| self.place_name(p)).unwrap_or_else(|| "no place".into());
            out.push(Item {
                kind: "claim_group".into(),
                id: g.id.clone(),
                digest: digest(&mut |put| {
                    put(&g.id);
                    put(g.category.as_str());
                    put(g.place.as_deref().unwrap_or(""));
                    put(&est(&Some(g.range.clone())));
                    put(&g.origins.to_string());
                    g.contradictions.iter().for_each(|c| put(&c.why));
                    for c in &g.claims {
                        put(&ev(&c.evidence));
                        put(&format!("{}/{:?}/{:?}/{}", c.value, c.low, c.high, c.qualifier));
                        put(c.date.as_deref().unwrap_or(""));
                        put(c.place.as_deref().unwrap_or(""));
                        put(&c.origin.relay.join(">"));
                    }
                }),
                summary: format!(
                    "{} {} in {}: {}–{} (best {}), {} origin{}",
                    g.from.as_deref().unwrap_or("undated"),
                    g.category,
                    place,
                    number(g.range.low),
                    number(g.range.high),
                    number(g.range.best),
                    g.origins,
                    if g.origins == 1 { "" } else { "s" }
                ),
            });
        }
        out
    }
}

/// What changed from `old` to `new`, each list in id order.
pub fn changes(old: &[Item], new: &[Item]) -> Changes {
    let before: BTreeMap<(&str, &str), &Item> = old.iter().map(|i| ((i.kind.as_str(), i.id.as_str()), i)).collect();
    let after: BTreeMap<(&str, &str), &Item> = new.iter().map(|i| ((i.kind.as_str(), i.id.as_str()), i)).collect();
    let mut c = Changes::default();
    for (k, n) in &after {
        match before.get(k) {
            None => c.added.push((*n).clone()),
            Some(o) if o.digest != n.digest => c.changed.push((*n).clone()),
            _ => {}
        }
    }
    c.removed = before.iter().filter(|(k, _)| !after.contains_key(*k)).map(|(_, o)| (*o).clone()).collect();
    c
}
