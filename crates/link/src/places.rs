//! The places of every record, and which lies within which.
//!
//! Records name a place's parents by name (`within`, nearest first), so
//! nesting is decided by name and rank: a neighbourhood lies within a city
//! its `within` names, a city within a region, a region within a country.

use crate::keys::norm;
use crate::model::PlaceInfo;
use sitrep_record::PlaceKind;
use std::collections::BTreeMap;

/// Rank of a kind of place: 0 below a city (neighbourhood, camp, site),
/// 1 a settlement, 2 a region, 3 a country.
pub fn rank(kind: &PlaceKind) -> u8 {
    match kind {
        PlaceKind::Country => 3,
        PlaceKind::Region => 2,
        PlaceKind::City | PlaceKind::Town | PlaceKind::Village => 1,
        // Words an analyst may give for a region.
        PlaceKind::Unlisted(w) if matches!(w.as_str(), "governorate" | "province" | "district") => 2,
        _ => 0,
    }
}

/// Whether `inner` is `outer` or lies within it.
pub fn within(outer: &PlaceInfo, inner: &PlaceInfo) -> bool {
    if outer.id == inner.id {
        return true;
    }
    if rank(&outer.kind) <= rank(&inner.kind) {
        return false;
    }
    if outer.country.is_some() && inner.country.is_some() && outer.country != inner.country {
        return false;
    }
    let name = norm(&outer.name);
    inner.within.iter().any(|w| norm(w) == name)
}

/// Every place the records name, by id.
#[derive(Default)]
pub struct Places {
    pub by_id: BTreeMap<String, PlaceInfo>,
    /// Folded name and `within` names by id, made once by [`Places::prepare`]:
    /// nesting is asked for every pair of mentions compared.
    folded: std::collections::HashMap<String, (String, Vec<String>)>,
}

impl Places {
    pub fn add(&mut self, p: &sitrep_record::Place) {
        // A place matched to the gazetteer says more than one known only
        // from the words around it; the first of each kind wins so the
        // output does not depend on which record was read last.
        let info = PlaceInfo {
            id: p.id.clone(),
            name: p.name.clone(),
            kind: p.kind.clone(),
            within: p.within.clone(),
            lat: p.lat,
            lon: p.lon,
            pcode: p.pcode.clone(),
            country: p.country.clone(),
            precision: p.precision.clone(),
        };
        match self.by_id.get(&p.id) {
            Some(old) if old.lat.is_some() || info.lat.is_none() => {}
            _ => {
                self.by_id.insert(p.id.clone(), info);
            }
        }
    }

    pub fn get(&self, id: &str) -> Option<&PlaceInfo> {
        self.by_id.get(id)
    }

    /// Registry from places already gathered.
    pub fn from_map(by_id: BTreeMap<String, PlaceInfo>) -> Places {
        let mut p = Places { by_id, folded: Default::default() };
        p.prepare();
        p
    }

    /// Folds every name once; call after the last [`Places::add`].
    pub fn prepare(&mut self) {
        self.folded = self
            .by_id
            .iter()
            .map(|(id, p)| (id.clone(), (norm(&p.name), p.within.iter().map(|w| norm(w)).collect())))
            .collect();
    }

    /// Whether the place `inner` is `outer` or within it, by id.
    pub fn nested(&self, outer: &str, inner: &str) -> bool {
        if outer == inner {
            return true;
        }
        let (Some(o), Some(i)) = (self.get(outer), self.get(inner)) else { return false };
        match (self.folded.get(outer), self.folded.get(inner)) {
            (Some((name, _)), Some((_, within_names))) => {
                rank(&o.kind) > rank(&i.kind)
                    && !(o.country.is_some() && i.country.is_some() && o.country != i.country)
                    && within_names.contains(name)
            }
            _ => within(o, i),
        }
    }

    /// The settlement a place belongs to, as a grouping key: the place
    /// itself from a town up, else the first parent it names.
    pub fn settlement_key(&self, id: &str) -> String {
        match self.get(id) {
            Some(p) if rank(&p.kind) == 0 => match p.within.first() {
                Some(w) => format!("{}|{}", p.country.as_deref().unwrap_or(""), norm(w)),
                None => id.to_string(),
            },
            Some(p) if rank(&p.kind) == 1 => format!("{}|{}", p.country.as_deref().unwrap_or(""), norm(&p.name)),
            _ => id.to_string(),
        }
    }

    /// Ids of the places a query names (by name or id, folded, the query
    /// or any of its aliases), and the folded names to look for in other
    /// places' `within`.
    pub fn matching(&self, query: &str, aliases: &[String]) -> (Vec<String>, Vec<String>) {
        let mut names: Vec<String> =
            std::iter::once(query).chain(aliases.iter().map(String::as_str)).map(norm).collect();
        names.sort();
        names.dedup();
        let ids = self
            .by_id
            .values()
            .filter(|p| {
                names.iter().any(|q| {
                    norm(&p.name) == *q || norm(&p.id) == *q || p.pcode.as_deref().is_some_and(|c| norm(c) == *q)
                })
            })
            .map(|p| p.id.clone())
            .collect();
        (ids, names)
    }

    /// Whether a place is what a query names or lies within it.
    pub fn matches(&self, id: &str, query: &(Vec<String>, Vec<String>)) -> bool {
        if query.0.iter().any(|q| self.nested(q, id)) {
            return true;
        }
        // A place the query does not name may still lie within a place
        // of that name no record mentions.
        match self.folded.get(id) {
            Some((_, within_names)) => within_names.iter().any(|w| query.1.contains(w)),
            None => self.get(id).is_some_and(|p| p.within.iter().any(|w| query.1.contains(&norm(w)))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(id: &str, name: &str, kind: &str, within: &[&str]) -> PlaceInfo {
        PlaceInfo {
            id: id.into(),
            name: name.into(),
            kind: kind.into(),
            within: within.iter().map(|s| s.to_string()).collect(),
            country: Some("SY".into()),
            ..Default::default()
        }
    }

    #[test]
    fn nesting_by_name_and_rank() {
        let city = p("c", "Aleppo", "city", &["Jebel Saman", "Aleppo", "Syria"]);
        let gov = p("g", "Aleppo", "region", &["Syria"]);
        let hood = p("n", "Sukkari", "neighbourhood", &["Aleppo", "Syria"]);
        assert!(within(&city, &hood));
        assert!(within(&gov, &city));
        assert!(!within(&hood, &city));
        assert!(!within(&city, &gov), "a city does not hold the region named like it");
    }
}
