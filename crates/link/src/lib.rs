//! Across documents: one view of a crisis from many conflicting reports.
//!
//! [`link`] takes every document's extraction record and returns
//! [`Linked`]:
//!
//! - **Claim groups.** Figures of one category about one place (or a place
//!   within it) on near dates speak of one quantity. A group keeps every
//!   source's claim with its evidence and derives low / best / high by a
//!   stated [`Rule`]. Each claim has an [`Origin`]: who the text says
//!   reported it (`according to the UN`, a quote's speaker, a credited wire
//!   service), else the publisher; two pages relaying one origin count once.
//!   Claims whose ranges cannot both be true on the same day are flagged.
//! - **Events.** Mentions of the same happening (type, place or a place
//!   within it, date within its precision) in different documents merge
//!   into one [`LinkedEvent`] with every mention, origin, figure and the
//!   quotes that bear witness to it.
//! - **Stable ids.** A group or event is named by its oldest member (the
//!   first document added to the archive, then the earliest span), hashed
//!   with what it is about. Adding a document never renames what exists;
//!   re-extracting one renames only what it must.
//!
//! ```
//! use sitrep_link::{link, Input, Settings};
//! let linked = link(&[] as &[Input], &Settings::default());
//! assert!(linked.claims.is_empty() && linked.events.is_empty());
//! ```

mod claims;
mod events;
mod evidence;
mod model;
pub mod origin;
pub mod places;

pub use model::*;

use evidence::Text;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sitrep_present::numbers::grouped as number;
use std::collections::BTreeMap;

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

/// The place a document is mostly about: its most named town or city,
/// else its most named place. Figures and events with no place of their
/// own are about it.
fn main_place(record: &sitrep_record::Record) -> Option<String> {
    let mut counts: BTreeMap<&str, (usize, usize, u8)> = BTreeMap::new();
    for (i, p) in record.places.iter().enumerate() {
        let e = counts.entry(&p.id).or_insert((0, usize::MAX - i, places::rank(&p.kind)));
        e.0 += 1;
    }
    let best = |want: &dyn Fn(u8) -> bool| {
        counts.iter().filter(|(_, v)| want(v.2)).max_by_key(|(_, v)| (v.0, v.1)).map(|(k, _)| k.to_string())
    };
    best(&|r| r == 1).or_else(|| best(&|_| true))
}

fn testimony(text: &Text, record: &sitrep_record::Record, q: &sitrep_record::Quote) -> Testimony {
    Testimony {
        evidence: text.evidence(q.span),
        speaker: q.speaker.clone(),
        speaker_role: q.speaker_role.clone(),
        timecode: q.timecode.clone(),
        language: q.language.clone(),
        translation_of: q.translation_of.and_then(|i| record.quotes.get(i)).map(|o| o.span),
    }
}

/// `f` over every item, on as many threads as the machine has, in order.
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    if threads < 2 || items.len() < 64 {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let f = &f;
        let handles: Vec<_> =
            items.chunks(chunk).map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>())).collect();
        handles.into_iter().flat_map(|h| h.join().expect("linking a document does not panic")).collect()
    })
}

/// Links every input. Deterministic: the same inputs in any order give the
/// same output.
pub fn link(inputs: &[Input], settings: &Settings) -> Linked {
    let mut inputs: Vec<&Input> = inputs.iter().collect();
    inputs.sort_by(|a, b| (a.doc.order, &a.doc.id).cmp(&(b.doc.order, &b.doc.id)));
    let mut places = places::Places::default();
    let mut actors: BTreeMap<String, ActorInfo> = BTreeMap::new();
    for input in &inputs {
        for p in &input.record.places {
            places.add(p);
        }
        for a in &input.record.actors {
            actors.entry(a.id.clone()).or_insert_with(|| ActorInfo {
                id: a.id.clone(),
                name: a.name.clone(),
                kind: a.kind.clone(),
                acled: a.acled.clone(),
                inter: a.inter,
                country: a.country.clone(),
            });
        }
    }

    places.prepare();
    // Per document, in parallel, in one pass: each document's claims,
    // quotes and event mentions depend on that document alone. A mention
    // names the figures of its sentence by index until their groups exist.
    struct Read {
        doc: DocRef,
        claims: Vec<(usize, Claim, sitrep_record::Category, String)>,
        quotes: Vec<Testimony>,
        mentions: Vec<(events::Mention, Vec<usize>)>,
    }
    let read: Vec<Read> = par_map(&inputs, |input| {
        let record = &input.record;
        let text = Text::new(&input.doc.id, &input.text);
        let origins = origin::Origins::new(&input.doc, record);
        let main = main_place(record);
        let published = record.document.published.clone().or_else(|| input.doc.published.clone());
        let doc = DocRef {
            id: input.doc.id.clone(),
            title: input.doc.title.clone().or_else(|| record.document.title.clone()),
            published: published.clone(),
            publisher: origin::publisher(&input.doc),
            url: input.doc.url.clone(),
            languages: input.doc.languages.clone(),
        };
        let claims = record
            .figures
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let (date, date_from) = match (&f.date, &published) {
                    (Some(d), _) => (Some(d.clone()), "figure"),
                    (None, Some(d)) => (Some(d.clone()), "document"),
                    (None, None) => (None, "none"),
                };
                let claim = Claim {
                    evidence: text.evidence(f.span),
                    value: f.quantity.value,
                    low: f.quantity.low,
                    high: f.quantity.high,
                    qualifier: f.quantity.qualifier,
                    date,
                    date_from: date_from.into(),
                    place: f.place.clone().or_else(|| main.clone()),
                    origin: origins.of(f.span, f.source.as_deref()),
                };
                (i, claim, f.category.clone(), f.unit.clone())
            })
            .collect();
        let quotes = record.quotes.iter().map(|q| testimony(&text, record, q)).collect();
        let mut mentions = Vec::with_capacity(record.events.len());
        for (i, e) in record.events.iter().enumerate() {
            let mut event = e.clone();
            if event.place.is_none() {
                event.place = main.clone();
            }
            // The toll is read from the figure the extractor took it from,
            // as the record has that figure now: an analyst's correction or
            // rejection of the figure reaches the event and every export.
            let toll = |at: Option<[usize; 2]>, machine: &Option<sitrep_record::Estimate>| match at {
                Some(at) => record.figures.iter().find(|f| f.span == at).map(|f| sitrep_record::Estimate {
                    low: f.quantity.low.unwrap_or(f.quantity.value).min(f.quantity.value),
                    best: f.quantity.value,
                    high: f.quantity.high.unwrap_or(f.quantity.value).max(f.quantity.value),
                }),
                // Records made before events named their figures.
                None => machine.clone(),
            };
            event.killed = toll(e.killed_span, &e.killed);
            event.injured = toll(e.injured_span, &e.injured);
            let figures: Vec<usize> = record
                .figures
                .iter()
                .enumerate()
                .filter(|(_, f)| text.same_sentence(e.span, f.span))
                .map(|(j, _)| j)
                .collect();
            // Testimony is a quote that holds the event's words or stands
            // in its paragraph; a few are enough to lead to the rest.
            let quotes = record
                .quotes
                .iter()
                .filter(|q| q.speaker_role.as_deref() != Some("interviewer"))
                .filter(|q| (q.span[0] <= e.span[0] && e.span[1] <= q.span[1]) || text.same_paragraph(q.span, e.span))
                .take(3)
                .map(|q| testimony(&text, record, q))
                .collect();
            mentions.push((
                events::Mention {
                    order: (input.doc.order, i),
                    doc: input.doc.id.clone(),
                    evidence: text.evidence(e.span),
                    origin: origins.of(e.span, None),
                    event,
                    claims: Vec::new(),
                    quotes,
                },
                figures,
            ));
        }
        Read { doc, claims, quotes, mentions }
    });
    let mut pending = Vec::new();
    // Where each document's figures went: (input index, figure index).
    let mut slots: Vec<(usize, usize)> = Vec::new();
    let mut quotes: Vec<Testimony> = Vec::new();
    let mut documents = Vec::with_capacity(inputs.len());
    let mut unlinked: Vec<(usize, events::Mention, Vec<usize>)> = Vec::new();
    for (n, r) in read.into_iter().enumerate() {
        documents.push(r.doc);
        quotes.extend(r.quotes);
        unlinked.extend(r.mentions.into_iter().map(|(m, figures)| (n, m, figures)));
        for (i, claim, category, unit) in r.claims {
            pending.push(claims::Pending { claim, category, unit, order: (inputs[n].doc.order, i), slot: slots.len() });
            slots.push((n, i));
        }
    }
    let (claim_groups, slot_ids) = claims::group(pending, &places, settings.rule, settings.window_days);
    let mut group_of: BTreeMap<(usize, usize), String> = BTreeMap::new();
    for (k, id) in slots.into_iter().zip(slot_ids) {
        group_of.insert(k, id);
    }
    let mentions: Vec<events::Mention> = unlinked
        .into_iter()
        .map(|(n, mut m, figures)| {
            m.claims = figures.into_iter().filter_map(|j| group_of.get(&(n, j)).cloned()).collect();
            m
        })
        .collect();

    let events = events::merge(mentions, &places, settings.rule, &settings.overrides);

    // Speakers with most to say first; within a speaker, document order.
    let mut per_speaker: BTreeMap<String, usize> = BTreeMap::new();
    for q in &quotes {
        *per_speaker.entry(q.speaker.clone().unwrap_or_default()).or_insert(0) += 1;
    }
    let doc_rank: BTreeMap<&str, usize> = documents.iter().enumerate().map(|(i, d)| (d.id.as_str(), i)).collect();
    quotes.sort_by_cached_key(|q| {
        let s = q.speaker.clone().unwrap_or_default();
        (s.is_empty(), std::cmp::Reverse(per_speaker[&s]), s, doc_rank[q.evidence.doc.as_str()], q.evidence.span)
    });

    Linked {
        schema: SCHEMA.into(),
        rule: settings.rule,
        rule_text: settings.rule.describe().into(),
        window_days: settings.window_days,
        documents,
        places: places.by_id,
        actors,
        claims: claim_groups,
        events,
        quotes,
    }
}
/// What to keep of a [`Linked`] for display or export.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// A place name (or id): items at it or at a place within it.
    pub place: Option<String>,
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
        let query = filter.place.as_deref().map(|q| registry.matching(q));
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
