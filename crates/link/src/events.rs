//! Events across documents: mentions of one happening merged.
//!
//! Two mentions are one happening when they are of the same type (a
//! cease-fire and the agreement that makes it count as one), their dates
//! agree to the coarser precision (a day-dated strike is within a mention
//! dated only to its month), and their places are the same or one lies
//! within the other; or when they are political violence (battles,
//! explosions, violence against civilians) at the very same place on the
//! very same day: one report's air strike and another's shelling of a
//! neighbourhood, an English `execution` and an Arabic `massacre`, are one
//! happening told by different tactics, which ACLED too codes as one event
//! of the highest type. Mentions without a place or a date merge only with
//! mentions equally without. A document's own events were already kept
//! apart by the extractor, so an event takes at most one mention from each
//! document. Mentions are taken oldest document first, so a new document
//! joins existing events and never renames them.

use crate::claims::range;
use crate::model::{Claim, LinkedEvent, Origin, Testimony};
use crate::places::{rank, Places};
use std::collections::{BTreeMap, HashMap};

/// One document's event, with what linking needs beside it.
pub struct Mention {
    pub order: (i64, usize),
    pub doc: String,
    pub event: sitrep_record::Event,
    pub evidence: crate::model::Evidence,
    pub origin: Origin,
    /// The part of the event's killed toll that were civilians.
    pub civilians: Option<sitrep_record::Estimate>,
    /// Claim groups of the figures in the event's sentence.
    pub claims: Vec<String>,
    pub quotes: Vec<Testimony>,
}

fn kind_family(kind: &str) -> &str {
    match kind {
        "ceasefire" | "agreement" => "ceasefire",
        k => k,
    }
}

/// The family an index groups mentions by: what [`kind_family`] joins,
/// and all political violence together (which joins only at one place on
/// one day, see [`Building::accepts`]).
fn index_family(e: &sitrep_record::Event) -> String {
    if crate::acled::is_violence(&e.acled.event_type) {
        "violence".to_string()
    } else {
        kind_family(&e.kind).to_string()
    }
}

/// A day-precise date: `2016-12-13`.
fn day(date: Option<&str>) -> Option<&str> {
    date.filter(|d| d.len() >= 10).and_then(|d| d.get(..10))
}

fn dates_agree(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            let n = a.len().min(b.len()).min(10);
            a[..n] == b[..n]
        }
        (None, None) => true,
        _ => false,
    }
}

fn places_agree(places: &Places, a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => places.nested(a, b) || places.nested(b, a),
        (None, None) => true,
        _ => false,
    }
}

/// Named by the oldest mention and what it is about.
fn event_id(members: &[Mention]) -> String {
    let first = &members[0];
    crate::keys::stable_id(
        "ev",
        &[
            &first.doc,
            kind_family(&first.event.kind),
            first.event.date.as_deref().unwrap_or(""),
            first.event.place.as_deref().unwrap_or(""),
        ],
    )
}

/// The area key of regions, countries and unknown places.
const WIDE: &str = "*";

/// Where a mention is, for the index: its settlement, or [`WIDE`] for a
/// region, a country or no place (which agree only with each other).
fn area_key(places: &Places, place: Option<&str>) -> String {
    match place {
        Some(id) if places.get(id).is_some_and(|p| rank(&p.kind) <= 1) => places.settlement_key(id),
        Some(id) if places.get(id).is_none() => id.to_string(),
        _ => WIDE.to_string(),
    }
}

/// The day (`2016-12-13`), month (`2016-12`) or year of a date, or `""`
/// without one.
fn period(date: Option<&str>) -> String {
    match date {
        Some(d) if d.len() >= 10 => d[..10].to_string(),
        Some(d) if d.len() >= 7 => d[..7].to_string(),
        Some(d) => d.get(..4).unwrap_or(d).to_string(),
        None => String::new(),
    }
}

/// The periods whose events a mention of `period` may join: those that
/// contain it and those it contains (a month reaches its days, a year its
/// months and days).
fn periods_agreeing(period: &str) -> Vec<String> {
    let days = |month: &str| (1..=31).map(|d| format!("{month}-{d:02}")).collect::<Vec<_>>();
    match period.len() {
        10 => vec![period.to_string(), period[..7].to_string(), period[..4].to_string()],
        7 => [period.to_string(), period[..4].to_string()].into_iter().chain(days(period)).collect(),
        4 => std::iter::once(period.to_string())
            .chain((1..=12).flat_map(|m| {
                let month = format!("{period}-{m:02}");
                std::iter::once(month.clone()).chain(days(&month))
            }))
            .collect(),
        _ => vec![period.to_string()],
    }
}

struct Building {
    members: Vec<Mention>,
    /// Split out by an analyst: takes no other mention.
    alone: bool,
    /// The distinct dates and places of the members, and their documents:
    /// what a new mention must agree with, without walking every member of
    /// an event a hundred pages report.
    seen: Vec<(Option<String>, Option<String>)>,
    docs: std::collections::HashSet<String>,
}

impl Building {
    fn id(&self) -> String {
        event_id(&self.members)
    }

    fn new(m: Mention, alone: bool) -> Building {
        let mut b = Building { members: Vec::new(), alone, seen: Vec::new(), docs: Default::default() };
        b.push(m);
        b
    }

    fn push(&mut self, m: Mention) {
        let key = (m.event.date.clone(), m.event.place.clone());
        if !self.seen.contains(&key) {
            self.seen.push(key);
        }
        self.docs.insert(m.doc.clone());
        self.members.push(m);
    }

    fn accepts(&self, m: &Mention, places: &Places) -> bool {
        if self.alone {
            return false;
        }
        if self.docs.contains(&m.doc) {
            return false;
        }
        let first = &self.members[0].event;
        let same_kind = kind_family(&first.kind) == kind_family(&m.event.kind)
            && self.seen.iter().all(|(date, place)| {
                dates_agree(date.as_deref(), m.event.date.as_deref())
                    && places_agree(places, place.as_deref(), m.event.place.as_deref())
            });
        // Another tactic of the same violence: the same place and day.
        let same_violence = || {
            let (Some(d), Some(p)) = (day(m.event.date.as_deref()), m.event.place.as_deref()) else { return false };
            crate::acled::is_violence(&m.event.acled.event_type)
                && self.members.iter().all(|o| crate::acled::is_violence(&o.event.acled.event_type))
                && self.seen.iter().all(|(date, place)| day(date.as_deref()) == Some(d) && place.as_deref() == Some(p))
        };
        same_kind || same_violence()
    }
}

pub fn merge(
    mut mentions: Vec<Mention>,
    places: &Places,
    rule: crate::model::Rule,
    overrides: &crate::model::Overrides,
) -> Vec<LinkedEvent> {
    mentions.sort_by_key(|m| m.order);
    let mut built: Vec<Building> = Vec::new();
    // Events by type family, the day (or month, or year) of their first mention
    // and the settlement it is in (regions and countries under `*`): a
    // mention only needs to be compared with events whose dates and places
    // can agree with its own, which keeps linking near linear.
    let mut index: HashMap<(String, String, String), Vec<usize>> = HashMap::new();
    // The same without the place, for mentions of a region or country,
    // which may join an event in any settlement within it.
    let mut by_period: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for m in mentions {
        let family = index_family(&m.event);
        let period = period(m.event.date.as_deref());
        let area = area_key(places, m.event.place.as_deref());
        let alone = overrides.splits.iter().any(|(doc, span)| *doc == m.doc && *span == m.evidence.span);
        let mut candidates: Vec<usize> = Vec::new();
        if !alone {
            for p in periods_agreeing(&period) {
                if area == WIDE {
                    candidates.extend(by_period.get(&(family.clone(), p)).into_iter().flatten());
                } else {
                    for a in [area.as_str(), WIDE] {
                        candidates.extend(index.get(&(family.clone(), p.clone(), a.to_string())).into_iter().flatten());
                    }
                }
            }
            // The oldest event that accepts it, as if every event were tried.
            candidates.sort_unstable();
        }
        match candidates.into_iter().find(|&i| built[i].accepts(&m, places)) {
            Some(i) => built[i].push(m),
            None => {
                let at = built.len();
                index.entry((family.clone(), period.clone(), area)).or_default().push(at);
                by_period.entry((family, period)).or_default().push(at);
                built.push(Building::new(m, alone));
            }
        }
    }
    // An analyst's merges, in the order made: the younger event's mentions
    // join the older, which keeps its id.
    for [a, b] in &overrides.merges {
        let ids: Vec<String> = built.iter().map(Building::id).collect();
        let (Some(i), Some(j)) = (ids.iter().position(|x| x == a), ids.iter().position(|x| x == b)) else { continue };
        if i == j {
            continue;
        }
        let (keep, gone) = if built[i].members[0].order <= built[j].members[0].order { (i, j) } else { (j, i) };
        let moved = std::mem::take(&mut built[gone].members);
        for m in moved {
            built[keep].push(m);
        }
        built[keep].members.sort_by_key(|m| m.order);
        built.remove(gone);
    }
    let mut events: Vec<LinkedEvent> = built.into_iter().map(|b| finish(b.members, places, rule)).collect();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for e in events.iter_mut() {
        let n = seen.entry(e.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            e.id = format!("{}-{n}", e.id);
        }
    }
    // Oldest first; undated last; then by place and id for a fixed order.
    events.sort_by(|a, b| {
        (a.date.is_none(), &a.date, &a.place, &a.id).cmp(&(b.date.is_none(), &b.date, &b.place, &b.id))
    });
    events
}

fn finish(members: Vec<Mention>, places: &Places, rule: crate::model::Rule) -> LinkedEvent {
    let id = event_id(&members);
    // The type is the highest any mention gives, by ACLED's hierarchy (an
    // air strike over the shelling that came with it); the oldest mention
    // breaks ties.
    let first = members
        .iter()
        .min_by_key(|m| crate::acled::rank(&m.event.acled.event_type, &m.event.acled.sub_event_type))
        .filter(|_| members.iter().all(|m| crate::acled::is_violence(&m.event.acled.event_type)))
        .unwrap_or(&members[0]);
    // The most precise date and the most specific place any mention gives:
    // a strike is where it hit, not the city a wire story names.
    let date = members
        .iter()
        .filter_map(|m| m.event.date.as_ref().map(|d| (d, m.event.date_precision)))
        .max_by_key(|(d, _)| d.len())
        .map(|(d, p)| (d.clone(), p));
    let place = members
        .iter()
        .filter_map(|m| m.event.place.as_deref())
        .min_by_key(|id| places.get(id).map_or(9, |p| rank(&p.kind)))
        .map(str::to_string);
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for m in &members {
        for a in &m.event.actors {
            *counts.entry(a.as_str()).or_insert(0) += 1;
        }
    }
    let mut actors: Vec<(&str, usize)> = counts.into_iter().collect();
    actors.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let estimate = |pick: fn(&Mention) -> Option<&sitrep_record::Estimate>| {
        let claims: Vec<Claim> = members
            .iter()
            .filter_map(|m| {
                pick(m).map(|e| Claim {
                    value: e.best,
                    low: Some(e.low),
                    high: Some(e.high),
                    qualifier: sitrep_record::Qualifier::Range,
                    origin: m.origin.clone(),
                    ..Default::default()
                })
            })
            .collect();
        (!claims.is_empty()).then(|| range(&claims, rule))
    };
    let killed = estimate(|m| m.event.killed.as_ref());
    let injured = estimate(|m| m.event.injured.as_ref());
    let killed_civilians = estimate(|m| m.civilians.as_ref());
    let mut origins: Vec<Origin> = Vec::new();
    for m in &members {
        if !origins.iter().any(|o| o.key == m.origin.key) {
            origins.push(m.origin.clone());
        }
    }
    let mut claims: Vec<String> = members.iter().flat_map(|m| m.claims.iter().cloned()).collect();
    claims.sort();
    claims.dedup();
    LinkedEvent {
        id,
        kind: first.event.kind.clone(),
        acled: first.event.acled.clone(),
        date: date.as_ref().map(|d| d.0.clone()),
        date_precision: date.and_then(|d| d.1),
        place,
        actors: actors.into_iter().map(|a| a.0.to_string()).collect(),
        killed,
        injured,
        killed_civilians,
        origins,
        claims,
        quotes: members.iter().flat_map(|m| m.quotes.iter().cloned()).collect(),
        mentions: members.into_iter().map(|m| m.evidence).collect(),
    }
}
