//! A document in, a `sitrep.extract/1` record out.

use crate::budget::{self, Deadline, Overrun};
use crate::lexicon::HashMap;
use crate::tokens::{tokenize, Token};
use crate::{actors, conflicts, dates, events, figures, numbers, places, quotes};
use jiff::civil::Date;
use sitrep_gazetteer::Kind as PlaceKind;
use sitrep_ingest::Document;
use sitrep_record::{
    Acled, Actor, Category, DateFact, DatePrecision, DocumentInfo, Estimate, Event, Figure, GeoPrecision, Place,
    Qualifier, Quantity, Quote, Record,
};
use sitrep_text::{CharIndex, Span};
use std::time::{Duration, Instant};

/// Names the rules that made a record. Bump the rules number whenever a
/// change to rules or lexicons can change output, so stored records show
/// which extractor made them and `sitrep reextract` knows what is stale.
pub const EXTRACTOR: &str = concat!("sitrep ", env!("CARGO_PKG_VERSION"), " rules 5");

/// What the caller knows that the document may not say.
#[derive(Clone, Debug, Default)]
pub struct Given {
    /// The document date, from the user (`--published`).
    pub published: Option<Date>,
    /// Places the analyst imported, looked up beside the built-in
    /// gazetteer (`sitrep gazetteer import`).
    pub gazetteer: Option<std::sync::Arc<sitrep_gazetteer::Gazetteer>>,
}

/// The extractor a record made with `given` names: [`EXTRACTOR`], and the
/// imported gazetteer when there is one, since it changes what is found.
pub fn extractor(given: &Given) -> String {
    match &given.gazetteer {
        Some(g) => format!("{EXTRACTOR} + gazetteer {}", g.label()),
        None => EXTRACTOR.to_string(),
    }
}

/// The document date and where it came from.
fn document_date(
    doc: &Document,
    given: &Given,
    tokens: &[Token],
    places: &[places::PlaceMention],
) -> (Option<Date>, Option<&'static str>) {
    if let Some(d) = given.published {
        return (Some(d), Some("given"));
    }
    // Metadata the format stated (HTML meta, JSON-LD, JSONL, front matter)
    // is given by the publisher.
    if let Some(d) = doc.meta.published.as_deref().and_then(|p| p.get(..10)).and_then(|p| p.parse::<Date>().ok()) {
        return (Some(d), Some("given"));
    }
    if let Some(d) = dates::stated(&doc.text, tokens) {
        return (Some(d), Some("text"));
    }
    if let Some(d) = dates::inferred(tokens) {
        return (Some(d), Some("inferred"));
    }
    // A day without a year: the year in which the places it names saw
    // fighting, when only one fits (see `conflicts`).
    let day = dates::yearless(tokens);
    let wheres: Vec<conflicts::Where> = places
        .iter()
        .filter_map(|p| {
            let country = p.place.country.clone()?;
            let mut names: Vec<String> =
                p.place.within.iter().take(p.place.within.len().saturating_sub(1)).cloned().collect();
            if p.place.kind != PlaceKind::Country {
                names.push(p.place.name.clone());
            }
            Some(conflicts::Where { country, names })
        })
        .collect();
    match day.and_then(|d| conflicts::date_for(&d, &wheres)) {
        Some(d) => (Some(d), Some("inferred")),
        None => (None, None),
    }
}

/// The events of a text, their arguments looked up in what the other
/// annotators found.
fn events_of(
    (text, tokens, headline): (&str, &[Token], &[bool]),
    published: Option<Date>,
    dates: &[dates::DateMention],
    places: &[places::PlaceMention],
    actors: &[actors::ActorMention],
    figures: &[figures::FigureMention],
) -> Vec<events::EventMention> {
    let sentence = |byte: usize| crate::tokens::sentence_at(tokens, byte);
    // The place named most, short of a country or region.
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::default();
    for (i, p) in places.iter().enumerate().filter(|(_, p)| !p.aside) {
        if !matches!(p.place.kind, PlaceKind::Country | PlaceKind::Region) {
            counts.entry(p.place.id.as_str()).or_insert((0, i)).0 += 1;
        }
    }
    let main_place = counts.values().max_by_key(|(n, i)| (*n, std::cmp::Reverse(*i))).map(|(_, i)| *i);
    let mut actors_of: HashMap<usize, Vec<usize>> = HashMap::default();
    let mut actor_spans: Vec<Span> = Vec::new();
    // Who did it and to whom: not the outlet, the monitor or the person
    // reporting it.
    for (i, a) in
        actors.iter().enumerate().filter(|(_, a)| a.kind != "media" && a.kind != "person" && a.part != "reporter")
    {
        if let Some(s) = sentence(a.span.start) {
            actors_of.entry(s).or_default().push(i);
        }
        actor_spans.push(a.span);
    }
    events::find(&events::Context {
        text,
        tokens,
        published,
        places,
        dates,
        figures,
        main_place,
        headline,
        actors_of: &actors_of,
        actor_spans: &actor_spans,
    })
}

/// Extracts every fact this version knows how to find.
pub fn extract(doc: &Document, given: &Given) -> Record {
    match run(doc, given, &mut Clock::new(None, None)) {
        Ok(record) => record,
        // Without a limit no stage is ever cut short.
        Err(_) => unreachable!("an extraction without a deadline overran"),
    }
}

/// [`extract`] with a time limit for the document (the second line of
/// defence against a rule that is not linear in the text): past it, the
/// extraction stops at the next check and names the stage it was in.
pub fn extract_within(doc: &Document, given: &Given, limit: Option<Duration>) -> Result<Record, Overrun> {
    run(doc, given, &mut Clock::new(limit, None))
}

/// [`extract_within`], with the time each stage took, in order, up to the
/// one that overran (for the benchmark's breakdown of where the time goes).
pub fn extract_profiled(
    doc: &Document,
    given: &Given,
    limit: Option<Duration>,
) -> (Result<Record, Overrun>, Vec<(&'static str, Duration)>) {
    let mut times = Vec::with_capacity(16);
    let record = run(doc, given, &mut Clock::new(limit, Some(&mut times)));
    (record, times)
}

/// Checks the deadline between stages, and times them when asked.
struct Clock<'a> {
    limit: Option<Duration>,
    _deadline: Deadline,
    last: Option<Instant>,
    times: Option<&'a mut Vec<(&'static str, Duration)>>,
}

impl<'a> Clock<'a> {
    fn new(limit: Option<Duration>, times: Option<&'a mut Vec<(&'static str, Duration)>>) -> Clock<'a> {
        let last = times.is_some().then(Instant::now);
        Clock { limit, _deadline: Deadline::start(limit), last, times }
    }

    /// `stage` is done: note its time, and stop if the deadline has passed.
    fn lap(&mut self, stage: &'static str) -> Result<(), Overrun> {
        if let (Some(times), Some(last)) = (self.times.as_deref_mut(), self.last.as_mut()) {
            let now = Instant::now();
            times.push((stage, now - *last));
            *last = now;
        }
        match self.limit {
            Some(limit) if budget::spent_now() => Err(Overrun { stage, limit }),
            _ => Ok(()),
        }
    }
}

fn run(doc: &Document, given: &Given, clock: &mut Clock<'_>) -> Result<Record, Overrun> {
    let text = &doc.text;
    let tokens = tokenize(text);
    clock.lap("tokens")?;
    let headline = places::title_case_lines(text, &tokens);
    let gazetteer = sitrep_gazetteer::Stack::with(given.gazetteer.as_deref());
    let mut place_mentions = places::find_with_headlines(gazetteer, text, &tokens, &headline);
    clock.lap("places")?;
    let (published, published_source) = document_date(doc, given, &tokens, &place_mentions);
    clock.lap("document date")?;
    let date_mentions = dates::find(&tokens, published);
    clock.lap("dates")?;
    let amounts = numbers::find(&tokens);
    clock.lap("numbers")?;
    let figure_mentions = figures::find(&tokens, &amounts, &date_mentions);
    clock.lap("figures")?;
    let country = places::focus_country(&place_mentions);
    // Countries, regions and cities stay places whatever surrounds them;
    // a small place's name inside a person's name is the person's
    // (`Omar a-Hamdan` is not the village of Hamdan).
    let protected: Vec<Span> = place_mentions
        .iter()
        .filter(|p| p.cued || matches!(p.place.kind, PlaceKind::Country | PlaceKind::Region | PlaceKind::City))
        .map(|p| p.span)
        .collect();
    let actor_mentions = actors::find(text, &tokens, country.as_deref(), &protected);
    clock.lap("actors")?;
    // A name inside an actor's name is not a place of its own (`Syria` in
    // `Syria Direct`); nor is a small place inside a person's name.
    // Actor mentions do not overlap one another and come sorted, so the
    // ones a place could touch are the last few starting before its end.
    place_mentions.retain(|p| {
        let k = actor_mentions.partition_point(|a| a.span.start < p.span.end);
        !actor_mentions[k.saturating_sub(3)..k].iter().any(|a| {
            // `The Israel` of `The Israel Defense Forces` overlaps the
            // actor without lying inside it; `SANA` the agency is not Sanaa.
            let inside = a.kind != "person"
                && a.kind != "foreign-state"
                && a.span.overlaps(p.span)
                && a.span.len() >= p.span.len();
            let person = a.kind == "person" && a.span.overlaps(p.span) && !p.cued;
            // A country as an actor (`Russia and the militias are not
            // talking`) is a place only where the words put it on a map
            // (`in Russia`, `north of Israel`, `leaving for Ukraine`).
            let state = a.kind == "foreign-state"
                && a.span.start <= p.span.start
                && p.span.end <= a.span.end
                && !p.cued
                && !places::locative_before(text, &tokens, p.span);
            inside || person || state
        })
    });
    // By sentence, for figures and events: the most specific place, and
    // the first day-precise date.
    let place_of_sentence = places::by_sentence(&place_mentions, &tokens);
    let mut date_of_sentence: HashMap<usize, Date> = HashMap::default();
    for d in date_mentions.iter().filter(|d| matches!(d.precision, dates::Precision::Day | dates::Precision::Time)) {
        if let Some(s) = crate::tokens::sentence_at(&tokens, d.span.start) {
            date_of_sentence.entry(s).or_insert(d.date);
        }
    }
    clock.lap("places and actors joined")?;

    let ix = CharIndex::new(text);
    let sentence_at = |byte: usize| crate::tokens::sentence_at(&tokens, byte);
    let span = |s: Span| -> [usize; 2] {
        let (a, b) = ix.chars(s);
        [a, b]
    };
    let slice = |s: Span| text.get(s.start..s.end).unwrap_or("").to_string();
    let format = doc.record_format();
    let info = DocumentInfo {
        id: format!("sha256:{}", doc.id()),
        title: doc.meta.title.clone(),
        published: published.map(|d| d.to_string()),
        published_source: published_source.map(str::to_string),
        languages: doc.languages.clone(),
        format: format.to_string(),
    };
    let mut record = Record::new(info, text.clone());
    record.extractor = extractor(given);
    record.dates = date_mentions
        .iter()
        .map(|d| DateFact {
            span: span(d.span),
            text: slice(d.span),
            value: d.value.clone(),
            precision: DatePrecision::parse(d.precision.as_str()).unwrap_or_default(),
            relative: d.relative,
            end: d.end.clone(),
        })
        .collect();
    record.places = place_mentions
        .iter()
        .map(|m| {
            let p = &m.place;
            Place {
                span: span(m.span),
                text: slice(m.span),
                id: p.id.clone(),
                name: p.name.clone(),
                kind: p.kind.as_str().into(),
                within: p.within.clone(),
                lat: p.lat,
                lon: p.lon,
                pcode: p.pcode.clone(),
                country: p.country.clone(),
                precision: GeoPrecision { acled: p.acled_precision, ucdp: p.ucdp_precision },
                basis: p.basis.to_string(),
                evidence: p.evidence.iter().map(|w| w.to_string()).collect(),
            }
        })
        .collect();
    record.actors = actor_mentions
        .iter()
        .map(|a| Actor {
            span: span(a.span),
            text: slice(a.span),
            id: a.id.clone(),
            name: a.name.clone(),
            kind: a.kind.clone(),
            role: a.role.map(slice),
            role_span: a.role.map(span),
            acled: a.acled.clone(),
            inter: a.inter,
            country: a.country.clone(),
            part: Some(a.part.to_string()),
            allies: a.allies.clone(),
        })
        .collect();
    clock.lap("record")?;
    let speech = quotes::analyse(text, &tokens, &actor_mentions);
    record.quotes = speech
        .quotes
        .iter()
        .cloned()
        .map(|q| Quote {
            span: span(q.span),
            text: slice(q.span),
            speaker: q.speaker,
            speaker_role: q.speaker_role,
            timecode: q.timecode,
            language: q.language.to_string(),
            translation_of: q.translation_of,
        })
        .collect();
    clock.lap("quotes")?;
    record.events = events_of(
        (text, &tokens, &headline),
        published,
        &date_mentions,
        &place_mentions,
        &actor_mentions,
        &figure_mentions,
    )
    .into_iter()
    .map(|e| {
        let estimate = |i: Option<usize>| {
            i.map(|i| {
                let q = &figure_mentions[i].number;
                Estimate { low: q.low.unwrap_or(q.value), best: q.value, high: q.high.unwrap_or(q.value) }
            })
        };
        let mut actor_ids: Vec<String> = Vec::new();
        for &a in &e.actors {
            if !actor_ids.contains(&actor_mentions[a].id) {
                actor_ids.push(actor_mentions[a].id.clone());
            }
        }
        Event {
            span: span(e.span),
            kind: e.kind.to_string(),
            acled: Acled { event_type: e.acled.0.to_string(), sub_event_type: e.acled.1.to_string() },
            date: e.date.map(|d| match e.date_precision {
                dates::Precision::Month => d.strftime("%Y-%m").to_string(),
                _ => d.to_string(),
            }),
            date_precision: e.date.map(|_| DatePrecision::parse(e.date_precision.as_str()).unwrap_or_default()),
            place: e.place.map(|p| place_mentions[p].place.id.clone()),
            actors: actor_ids,
            killed: estimate(e.killed),
            injured: estimate(e.injured),
            killed_span: e.killed.map(|i| span(figure_mentions[i].span)),
            injured_span: e.injured.map(|i| span(figure_mentions[i].span)),
        }
    })
    .collect();
    clock.lap("events")?;
    let reach: Vec<usize> = actor_mentions
        .iter()
        .scan(0, |furthest, a| {
            *furthest = a.span.end.max(*furthest);
            Some(*furthest)
        })
        .collect();
    record.figures = figure_mentions
        .iter()
        .map(|f| {
            let n = &f.number;
            // The figure's date: a day-precise date in its sentence.
            let sentence = sentence_at(n.span.start);
            let date = sentence.and_then(|s| date_of_sentence.get(&s)).map(Date::to_string);
            Figure {
                span: span(f.span),
                text: slice(f.span),
                quantity: Quantity {
                    value: n.value,
                    low: n.low,
                    high: n.high,
                    qualifier: Qualifier::parse(n.qualifier.as_str()).unwrap_or_default(),
                },
                category: Category::from(f.category),
                unit: f.unit.to_string(),
                date,
                place: sentence.and_then(|s| place_of_sentence.get(&s)).map(|&i| place_mentions[i].place.id.clone()),
                // The speaker of the frame the figure is reported in, else
                // the body its sentence cites, else an actor beside a verb.
                source: speech
                    .source_of(f.span)
                    .map(str::to_string)
                    .or_else(|| f.source.or_else(|| said_by(&tokens, f.span, &actor_mentions, &reach)).map(slice)),
            }
        })
        .collect();
    clock.lap("record")?;
    Ok(record)
}

/// Who a figure's sentence says reported it when it cites nobody with
/// `according to`: an actor right before a verb of saying (`the Local
/// Council of Aleppo said`, a few words of its name allowed between) or
/// right after one (`said the UN`, `قال المجلس المحلي`), in the figure's
/// sentence. Unnamed crowds (`residents said`) are left to the quote and
/// publisher rules: they are not an origin one could ask again.
///
/// `reach[i]` is the furthest end of `actors[..=i]` (sorted by start), so
/// only the actors that can touch the sentence are tried: trying them all
/// for every figure made a long document's record quadratic.
fn said_by(tokens: &[Token], figure: Span, actors: &[actors::ActorMention], reach: &[usize]) -> Option<Span> {
    let at = tokens.partition_point(|t| t.span.end <= figure.start);
    let sentence = tokens.get(at)?.sentence;
    // Sentence numbers only grow along the tokens.
    let lo = tokens[..at].partition_point(|t| t.sentence < sentence);
    let hi = at + tokens[at..].partition_point(|t| t.sentence <= sentence);
    let token_at = |byte: usize| tokens.partition_point(|t| t.span.end <= byte);
    // An actor ending by the end of the token before the sentence has no
    // token in it; one starting at or after its last token's end neither.
    let (from, to) = (lo.checked_sub(1).map_or(0, |p| tokens[p].span.end), tokens[hi - 1].span.end);
    let actors = &actors[reach.partition_point(|&end| end <= from)..actors.partition_point(|a| a.span.start < to)];
    for v in (lo..hi).filter(|&k| crate::lexicon::is_reporting(&tokens[k].key)) {
        let verb = tokens[v].span;
        let speaker = actors.iter().filter(|a| a.kind != "civilians").find(|a| {
            let (first, last) = (token_at(a.span.start), token_at(a.span.end.saturating_sub(1)));
            let before = a.span.end <= verb.start
                && last >= lo
                && v - last <= 5
                && tokens[last + 1..v].iter().all(|t| t.kind != crate::tokens::Kind::Punct);
            let after = a.span.start >= verb.end && first < hi && first - v <= 2;
            before || after
        });
        if let Some(a) = speaker {
            return Some(a.span);
        }
    }
    None
}

/// A record for a text, for the annotators' tests.
#[cfg(test)]
pub(crate) mod tests_support {
    use super::*;
    use sitrep_ingest::{read_bytes, Options, Origin};

    pub(crate) fn record(text: &str) -> Record {
        let mut docs = Vec::new();
        read_bytes("t.txt", "t.txt", text.as_bytes().to_vec(), Origin::default(), &Options::default(), &mut |i| {
            docs.push(i.result.expect("text reads"))
        });
        extract(&docs[0], &Given::default())
    }
}

#[cfg(test)]
mod tests {
    use super::tests_support::record;

    #[test]
    fn a_document_past_its_deadline_is_an_overrun_naming_the_stage() {
        use sitrep_ingest::{read_bytes, Options, Origin};
        let mut docs = Vec::new();
        let text = b"Shelling killed 12 people in Aleppo on Monday.".to_vec();
        read_bytes("t.txt", "t.txt", text, Origin::default(), &Options::default(), &mut |i| {
            docs.push(i.result.unwrap())
        });
        let given = super::Given::default();
        let err = super::extract_within(&docs[0], &given, Some(std::time::Duration::ZERO)).unwrap_err();
        assert_eq!(err.stage, "tokens", "the first check stops it");
        assert!(err.to_string().contains("--max-extract-seconds"), "{err}");
        let within = super::extract_within(&docs[0], &given, Some(std::time::Duration::from_secs(600))).unwrap();
        assert_eq!(within, super::extract(&docs[0], &given), "a deadline not reached changes nothing");
        let (profiled, times) = super::extract_profiled(&docs[0], &given, None);
        assert_eq!(profiled.unwrap(), within);
        assert_eq!(times.first().map(|t| t.0), Some("tokens"));
        assert!(times.iter().any(|t| t.0 == "quotes"));
    }

    #[test]
    fn a_day_without_a_year_is_dated_by_where_it_happened() {
        let r = record(
            "A baker in the Saif al-Dowla district of east Aleppo said on Tuesday that the mortars did not stop \
             until dusk.\n\nFamilies leave the district, Dec. 13.",
        );
        assert_eq!(r.document.published.as_deref(), Some("2016-12-13"));
        assert_eq!(r.document.published_source.as_deref(), Some("inferred"));
        let tuesday = r.dates.iter().find(|d| d.text == "Tuesday").expect("Tuesday is a date");
        assert_eq!(tuesday.value, "2016-12-13");
        // Without a place the year stays unknown, and nothing relative is dated.
        let r = record("A resident told us on Tuesday that shelling went on.\n\nResidents flee, Dec. 13.");
        assert_eq!(r.document.published, None);
        assert!(r.dates.iter().all(|d| !d.relative));
    }

    #[test]
    fn figures_take_the_place_of_their_sentence_and_places_inside_actors_are_not_places() {
        let r = record("Shelling killed 12 people in a-Sukkari on 13 December 2016, Syria Direct reported.");
        let place = r.figures[0].place.as_deref().expect("the figure has a place");
        let sukkari = r.places.iter().find(|p| p.id == place).unwrap();
        assert_eq!(sukkari.text, "a-Sukkari");
        assert!(r.places.iter().all(|p| p.text != "Syria"), "Syria in Syria Direct is the outlet: {:?}", r.places);
        assert!(r.actors.iter().any(|a| a.text == "Syria Direct" && a.kind == "media"), "{:?}", r.actors);
    }

    #[test]
    fn a_figure_said_by_a_body_takes_it_as_its_source() {
        let r = super::tests_support::record(
            "The Syrian Observatory for Human Rights said 12 people were killed in Douma. \
             قال الدفاع المدني إن ٨ أشخاص قتلوا في دوما. Residents said 40 families had fled.",
        );
        let sources: Vec<Option<&str>> = r.figures.iter().map(|f| f.source.as_deref()).collect();
        assert_eq!(sources.len(), 3, "{:?}", r.figures);
        assert!(sources[0].is_some_and(|s| s.contains("Observatory")), "{sources:?}");
        assert!(sources[1].is_some_and(|s| s.contains("الدفاع المدني")), "{sources:?}");
        assert_eq!(sources[2], None, "residents are not an origin one can ask again");
    }
}
