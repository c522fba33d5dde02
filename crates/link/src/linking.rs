//! [`link`]: every record read once (in parallel, a document at a time),
//! then figures grouped into claims and mentions merged into events.

use crate::evidence::Text;
use crate::model::*;
use crate::{claims, events, origin, places, tolls, victims};
use std::collections::BTreeMap;

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
    // A copy's claims go through the first document of its story.
    let by_id: BTreeMap<&str, &Input> = inputs.iter().map(|i| (i.doc.id.as_str(), *i)).collect();
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
        let mut origins = origin::Origins::new(&input.doc, record);
        if let Some(original) = input.doc.copy_of.as_deref().and_then(|id| by_id.get(id)) {
            origins = origins.copying(origin::Origins::new(&original.doc, &original.record), &original.text);
        }
        let main = main_place(record);
        let published = record.document.published.clone().or_else(|| input.doc.published.clone());
        let doc = DocRef {
            id: input.doc.id.clone(),
            title: input.doc.title.clone().or_else(|| record.document.title.clone()),
            published: published.clone(),
            publisher: origin::publisher(&input.doc),
            url: input.doc.url.clone(),
            languages: input.doc.languages.clone(),
            copy_of: input.doc.copy_of.clone(),
        };
        // Each event with the document's defaults, and the figures that
        // count its dead and wounded (`tolls`).
        let events: Vec<sitrep_record::Event> = record
            .events
            .iter()
            .map(|e| {
                let mut event = e.clone();
                if event.place.is_none() {
                    event.place = main.clone();
                }
                event
            })
            .collect();
        let joined = tolls::join(record, &events, &text, &places);
        let claims = record
            .figures
            .iter()
            .enumerate()
            .map(|(i, f)| {
                // A figure that counts an event's dead is dated and placed
                // by the event it counts ("six dead", said the day after
                // the strike, are the strike's dead).
                let event = joined.event_of[i].map(|e| &events[e]);
                let (date, date_from) = match (event.and_then(|e| e.date.as_ref()), &f.date, &published) {
                    (Some(d), _, _) => (Some(d.clone()), "event"),
                    (None, Some(d), _) => (Some(d.clone()), "figure"),
                    (None, None, Some(d)) => (Some(d.clone()), "document"),
                    (None, None, None) => (None, "none"),
                };
                let evidence = text.evidence(f.span);
                let origin = origins.of(f.span, f.source.as_deref(), &evidence.context);
                let claim = Claim {
                    evidence,
                    value: f.quantity.value,
                    low: f.quantity.low,
                    high: f.quantity.high,
                    qualifier: f.quantity.qualifier,
                    date,
                    date_from: date_from.into(),
                    place: f.place.clone().or_else(|| event.and_then(|e| e.place.clone())).or_else(|| main.clone()),
                    origin,
                    ..Default::default()
                };
                (i, claim, f.category.clone(), f.unit.clone())
            })
            .collect();
        let quotes = record.quotes.iter().map(|q| testimony(&text, record, q)).collect();
        let mut mentions = Vec::with_capacity(record.events.len());
        for (i, (e, mut event)) in record.events.iter().zip(events).enumerate() {
            // The toll is read from the figures of the same happening as
            // the record has them now: an analyst's correction or
            // rejection of a figure reaches the event and every export.
            let figures_of = |at: &[usize]| at.iter().map(|&j| &record.figures[j]).collect::<Vec<_>>();
            let killed = figures_of(&joined.killed[i]);
            event.killed = tolls::estimate(e, tolls::Toll::Killed, &killed);
            event.injured = tolls::estimate(e, tolls::Toll::Injured, &figures_of(&joined.injured[i]));
            let civilians: Vec<&sitrep_record::Figure> = killed
                .iter()
                .copied()
                .filter(|f| {
                    let (s, end) = text.bytes(f.span);
                    victims::counts_civilians(text.text, s, end)
                })
                .collect();
            let civilians = if event.killed_span.is_none() && e.killed.is_some() && !killed.is_empty() {
                // A stated toll: its figures may not be the ones it counts.
                None
            } else {
                tolls::estimate(&sitrep_record::Event::default(), tolls::Toll::Killed, &civilians)
            };
            let figures: Vec<usize> = record
                .figures
                .iter()
                .enumerate()
                .filter(|(j, f)| text.same_sentence(e.span, f.span) || joined.event_of[*j] == Some(i))
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
                    origin: origins.of(e.span, None, &text.evidence(e.span).context),
                    evidence: text.evidence(e.span),
                    event,
                    civilians,
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
