//! Which event a toll belongs to. A sentence that names a siege and the air
//! strike that killed seven gives both events its killed figure; the seven
//! were killed by the strike. When several events carry the same claim
//! group of killed or injured, the toll is shown only on those of the kind
//! that kills (battles, explosions and remote violence, violence against
//! civilians; then riots) and left off the others (a siege, a displacement,
//! a territory change, a cease-fire). A toll no other event shares stays
//! where it is.

use sitrep_link::{Linked, LinkedEvent};
use std::collections::{HashMap, HashSet};

/// How directly an ACLED event type kills.
fn lethality(e: &LinkedEvent) -> u8 {
    match e.acled.event_type.as_str() {
        "Battles" | "Explosions/Remote violence" | "Violence against civilians" => 2,
        "Riots" => 1,
        _ => 0,
    }
}

/// The tolls to leave off: (event id, `killed` or `injured`).
#[derive(Debug, Default)]
pub struct Tolls {
    hidden: HashSet<(String, &'static str)>,
}

impl Tolls {
    pub fn of(linked: &Linked) -> Tolls {
        let category: HashMap<&str, &str> =
            linked.claims.iter().map(|c| (c.id.as_str(), c.category.as_str())).collect();
        let mut by_group: HashMap<(&str, &'static str), Vec<&LinkedEvent>> = HashMap::new();
        for e in &linked.events {
            for g in &e.claims {
                let Some(&cat) = category.get(g.as_str()) else { continue };
                for (name, has) in [("killed", e.killed.is_some()), ("injured", e.injured.is_some())] {
                    if has && cat == name {
                        by_group.entry((g.as_str(), name)).or_default().push(e);
                    }
                }
            }
        }
        let mut hidden = HashSet::new();
        for ((_, name), events) in by_group {
            let top = events.iter().map(|e| lethality(e)).max().unwrap_or(0);
            for e in events.iter().filter(|e| lethality(e) < top) {
                hidden.insert((e.id.clone(), name));
            }
        }
        Tolls { hidden }
    }

    /// Whether `e`'s toll of `what` (`killed` or `injured`) is its own.
    pub fn shows(&self, e: &LinkedEvent, what: &'static str) -> bool {
        !self.hidden.contains(&(e.id.clone(), what))
    }
}
