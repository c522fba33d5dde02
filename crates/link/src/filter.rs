//! Narrowing a [`Linked`] to a place, dates and categories, with only the
//! documents, places and actors what is kept uses.

use crate::model::*;
use crate::places;

/// What to keep of a [`Linked`] for display or export.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// A place name (or id): items at it or at a place within it.
    pub place: Option<String>,
    /// Other names and ids of the place `place` names (the gazetteer's,
    /// so `حلب` finds what `Aleppo` finds); empty when none are known.
    pub place_aliases: Vec<String>,
    /// `YYYY-MM-DD` bounds, inclusive; undated items are dropped when set.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Figure categories to keep (empty: all).
    pub categories: Vec<String>,
}

/// The first and last day a date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD…`) covers,
/// as strings that compare in date order.
fn days(date: &str) -> (String, String) {
    let d = date.get(..10).unwrap_or(date);
    match d.len() {
        4 => (format!("{d}-01-01"), format!("{d}-12-31")),
        7 => (format!("{d}-01"), format!("{d}-31")),
        _ => (d.to_string(), d.to_string()),
    }
}

impl Filter {
    fn dates_pass(&self, first: Option<&str>, last: Option<&str>) -> bool {
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        let (Some(first), Some(last)) = (first, last) else { return false };
        let (lo, _) = days(first);
        let (_, hi) = days(last);
        self.from.as_deref().is_none_or(|f| hi.as_str() >= f) && self.to.as_deref().is_none_or(|t| lo.as_str() <= t)
    }
}

impl Filter {
    /// Whether the filter keeps everything.
    pub fn is_empty(&self) -> bool {
        self.place.is_none() && self.from.is_none() && self.to.is_none() && self.categories.is_empty()
    }
}

impl Linked {
    /// [`Linked::filtered`], without copying anything when the filter keeps
    /// everything (a whole-archive export is the common case).
    pub fn into_filtered(self, filter: &Filter) -> Linked {
        if filter.is_empty() {
            self
        } else {
            self.filtered(filter)
        }
    }

    /// The items that pass `filter`, with the documents, places and actors
    /// they use.
    pub fn filtered(&self, filter: &Filter) -> Linked {
        let registry = places::Places::from_map(self.places.clone());
        let query = filter.place.as_deref().map(|q| registry.matching(q, &filter.place_aliases));
        let at = |id: Option<&str>| match (&query, id) {
            (None, _) => true,
            (Some(q), Some(id)) => registry.matches(id, q),
            (Some(_), None) => false,
        };
        let claims: Vec<ClaimGroup> = self
            .claims
            .iter()
            .filter(|g| filter.categories.is_empty() || filter.categories.iter().any(|c| g.category == c.as_str()))
            .filter(|g| at(g.place.as_deref()) || g.claims.iter().any(|c| at(c.place.as_deref())))
            .filter(|g| filter.dates_pass(g.from.as_deref(), g.to.as_deref()))
            .cloned()
            .collect();
        let events: Vec<LinkedEvent> = self
            .events
            .iter()
            .filter(|e| at(e.place.as_deref()))
            .filter(|e| filter.dates_pass(e.date.as_deref(), e.date.as_deref()))
            .cloned()
            .collect();
        let mut docs: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
        let mut used_places: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
        let mut used_actors: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
        for g in &claims {
            used_places.extend(g.place.as_deref());
            for c in &g.claims {
                docs.insert(&c.evidence.doc);
                used_places.extend(c.place.as_deref());
            }
        }
        for e in &events {
            used_places.extend(e.place.as_deref());
            used_actors.extend(e.actors.iter().map(String::as_str));
            docs.extend(e.mentions.iter().map(|m| m.doc.as_str()));
        }
        let unfiltered = filter.place.is_none() && filter.from.is_none() && filter.to.is_none();
        let quotes: Vec<Testimony> =
            self.quotes.iter().filter(|q| unfiltered || docs.contains(q.evidence.doc.as_str())).cloned().collect();
        docs.extend(quotes.iter().map(|q| q.evidence.doc.as_str()));
        Linked {
            schema: self.schema.clone(),
            rule: self.rule,
            rule_text: self.rule_text.clone(),
            window_days: self.window_days,
            documents: self
                .documents
                .iter()
                .filter(|d| (unfiltered && filter.categories.is_empty()) || docs.contains(d.id.as_str()))
                .cloned()
                .collect(),
            places: self
                .places
                .iter()
                .filter(|(id, _)| used_places.contains(id.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            actors: self
                .actors
                .iter()
                .filter(|(id, _)| used_actors.contains(id.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            claims,
            events,
            quotes,
        }
    }

    /// A place's name, else its id.
    pub fn place_name(&self, id: &str) -> String {
        self.places.get(id).map_or_else(|| id.to_string(), |p| p.name.clone())
    }

    /// An actor's name, else its id.
    pub fn actor_name(&self, id: &str) -> String {
        self.actors.get(id).map_or_else(|| id.to_string(), |a| a.name.clone())
    }
}
