//! Which figures of a document count the dead and wounded of which of its
//! events.
//!
//! An event's toll is read from the figures that belong to the same
//! happening, taken from the record as it stands after review (so a
//! corrected or rejected figure reaches the event), in this order:
//!
//! 1. the figure the extractor named (`killed_span`, `injured_span`);
//! 2. a figure in the event's sentence: the event whose words it overlaps
//!    (`executing at least 35`), else, for executions, an execution or
//!    attack on civilians, else the nearest event;
//! 3. a figure in the event's paragraph (a statement or an answer that
//!    tells the strike, then the dead: "the airstrike hit our street.
//!    … There were nine dead"): the nearest event before it, else
//!    after it;
//! 4. a figure dated and placed by its own words: the one event of the
//!    document on that day at that place (or within it).
//!
//! Only events of political violence and demonstrations take tolls (a
//! displacement or an agreement has none of its own), and only figures of
//! the killed, the executed and the injured count. A figure whose own
//! date or place disagrees with an event's is never joined to it by steps
//! 2 to 4. Each figure joins at most one event, so no death is counted
//! twice. An event the record gives a toll without naming its figure (an
//! analyst's correction, an older record) keeps that toll.

use crate::evidence::Text;
use crate::places::Places;
use sitrep_record::{Category, Event, Figure, Record};

/// What counts toward which kind of toll.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Toll {
    Killed,
    Injured,
}

fn toll_of(category: &Category) -> Option<Toll> {
    match category {
        Category::Killed | Category::Executed => Some(Toll::Killed),
        Category::Injured => Some(Toll::Injured),
        _ => None,
    }
}

/// Whether an event is a happening that kills or wounds.
fn harms(e: &Event) -> bool {
    let t = e.acled.event_type.as_str();
    crate::acled::is_violence(t) || t.eq_ignore_ascii_case("Riots") || t.eq_ignore_ascii_case("Protests")
}

fn executes(e: &Event) -> bool {
    e.acled.event_type.eq_ignore_ascii_case("Violence against civilians")
}

/// The figures joined to each event, by index into the record's figures.
#[derive(Debug, Default)]
pub struct Joined {
    /// Per event of the record: its killed and its injured figures.
    pub killed: Vec<Vec<usize>>,
    pub injured: Vec<Vec<usize>>,
    /// Per figure: the event it counts.
    pub event_of: Vec<Option<usize>>,
}

fn dates_agree(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            let n = a.len().min(b.len()).min(10);
            a.get(..n) == b.get(..n)
        }
        _ => true,
    }
}

/// Whether a figure and an event can be of one happening: the figure's own
/// date and place (when its words give them) agree with the event's.
fn compatible(f: &Figure, e: &Event, places: &Places) -> bool {
    let place = match (f.place.as_deref(), e.place.as_deref()) {
        (Some(a), Some(b)) => places.nested(a, b) || places.nested(b, a),
        _ => true,
    };
    place && dates_agree(f.date.as_deref(), e.date.as_deref())
}

/// Joins a document's figures to its events. `events` are the record's
/// events with the document's defaults filled in (place, date).
pub fn join(record: &Record, events: &[Event], text: &Text, places: &Places) -> Joined {
    let figures = &record.figures;
    let mut joined = Joined {
        killed: vec![Vec::new(); events.len()],
        injured: vec![Vec::new(); events.len()],
        event_of: vec![None; figures.len()],
    };
    let assign = |joined: &mut Joined, f: usize, e: usize, toll: Toll| {
        joined.event_of[f] = Some(e);
        match toll {
            Toll::Killed => joined.killed[e].push(f),
            Toll::Injured => joined.injured[e].push(f),
        }
    };
    // 1. What the extractor named.
    for (i, e) in events.iter().enumerate() {
        for (span, toll) in [(e.killed_span, Toll::Killed), (e.injured_span, Toll::Injured)] {
            let Some(span) = span else { continue };
            if let Some(f) = figures.iter().position(|f| f.span == span) {
                if joined.event_of[f].is_none() {
                    assign(&mut joined, f, i, toll);
                }
            }
        }
    }
    let harmful: Vec<usize> = (0..events.len()).filter(|&i| harms(&events[i])).collect();
    for (fi, f) in figures.iter().enumerate() {
        if joined.event_of[fi].is_some() {
            continue;
        }
        let Some(toll) = toll_of(&f.category) else { continue };
        let open: Vec<usize> = harmful.iter().copied().filter(|&i| compatible(f, &events[i], places)).collect();
        let distance = |i: usize| (events[i].span[0] as i64 - f.span[0] as i64).unsigned_abs();
        // 2. The same sentence.
        let in_sentence: Vec<usize> =
            open.iter().copied().filter(|&i| text.same_sentence(f.span, events[i].span)).collect();
        let overlapping = |i: &usize| events[*i].span[0] < f.span[1] && f.span[0] < events[*i].span[1];
        let chosen = in_sentence
            .iter()
            .copied()
            .find(overlapping)
            .or_else(|| {
                (f.category == Category::Executed)
                    .then(|| in_sentence.iter().copied().filter(|&i| executes(&events[i])).min_by_key(|&i| distance(i)))
                    .flatten()
            })
            .or_else(|| in_sentence.iter().copied().min_by_key(|&i| (distance(i), i)))
            // 3. The same paragraph: the event told before the toll, else after.
            .or_else(|| {
                let in_paragraph =
                    open.iter().copied().filter(|&i| text.same_paragraph(f.span, events[i].span)).collect::<Vec<_>>();
                in_paragraph
                    .iter()
                    .copied()
                    .filter(|&i| events[i].span[0] <= f.span[0])
                    .max_by_key(|&i| events[i].span[0])
                    .or_else(|| in_paragraph.iter().copied().min_by_key(|&i| events[i].span[0]))
            })
            // 4. The one event on the figure's own day at its own place.
            .or_else(|| {
                let (Some(date), Some(_)) = (f.date.as_deref(), f.place.as_deref()) else { return None };
                let same_day: Vec<usize> = open
                    .iter()
                    .copied()
                    .filter(|&i| {
                        events[i].date.as_deref().is_some_and(|d| d.len() >= 10 && d.get(..10) == date.get(..10))
                    })
                    .collect();
                (same_day.len() == 1).then(|| same_day[0])
            });
        if let Some(e) = chosen {
            assign(&mut joined, fi, e, toll);
        }
    }
    joined
}

/// One document's toll of an event: the toll the record states without
/// naming a figure (an analyst's correction, an older record), else the
/// largest of its figures (a total holds its parts: `12 killed, including 7
/// children`).
pub fn estimate(event: &Event, toll: Toll, figures: &[&Figure]) -> Option<sitrep_record::Estimate> {
    let (span, stated) = match toll {
        Toll::Killed => (event.killed_span, &event.killed),
        Toll::Injured => (event.injured_span, &event.injured),
    };
    if span.is_none() && stated.is_some() {
        return stated.clone();
    }
    let f = figures.iter().max_by(|a, b| a.quantity.value.total_cmp(&b.quantity.value))?;
    let q = &f.quantity;
    Some(sitrep_record::Estimate {
        low: q.low.unwrap_or(q.value).min(q.value),
        best: q.value,
        high: q.high.unwrap_or(q.value).max(q.value),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_record::{Acled, Quantity};

    fn event(span: [usize; 2], kind: &str, event_type: &str, date: &str) -> Event {
        Event {
            span,
            kind: kind.into(),
            acled: Acled { event_type: event_type.into(), sub_event_type: String::new() },
            date: Some(date.into()),
            ..Default::default()
        }
    }

    fn figure(text: &str, words: &str, category: &str, value: f64) -> Figure {
        let start = text.find(words).unwrap();
        let start = text[..start].chars().count();
        Figure {
            span: [start, start + words.chars().count()],
            text: words.into(),
            quantity: Quantity { value, ..Default::default() },
            category: category.into(),
            ..Default::default()
        }
    }

    fn span_of(text: &str, words: &str) -> [usize; 2] {
        let start = text[..text.find(words).unwrap()].chars().count();
        [start, start + words.chars().count()]
    }

    const STRIKE: &str = "Explosions/Remote violence";

    #[test]
    fn a_toll_told_after_the_strike_in_one_answer_joins_it() {
        let text = "Yesterday the airstrike hit our street. Some were killed. There were nine dead and four injured.\nThe siege goes on.";
        let mut record = Record::default();
        record.figures.push(figure(text, "nine dead", "killed", 9.0));
        record.figures.push(figure(text, "four injured", "injured", 4.0));
        let events = vec![
            event(span_of(text, "airstrike"), "airstrike", STRIKE, "2016-02-05"),
            event(span_of(text, "siege"), "siege", "Strategic developments", "2016-02-06"),
        ];
        let t = Text::new("d", text);
        let j = join(&record, &events, &t, &Places::default());
        assert_eq!(j.killed, vec![vec![0], vec![]]);
        assert_eq!(j.injured, vec![vec![1], vec![]]);
        assert_eq!(j.event_of, vec![Some(0), Some(0)]);
    }

    #[test]
    fn executions_take_the_executed_and_each_figure_joins_one_event() {
        let text = "Militias pressed on with their bombing campaign while executing at least 35 civilians.";
        let mut record = Record::default();
        record.figures.push(figure(text, "executing at least 35", "executed", 35.0));
        let events = vec![
            event(span_of(text, "bombing"), "airstrike", STRIKE, "2016-12-13"),
            event(span_of(text, "executing"), "execution", "Violence against civilians", "2016-12-13"),
        ];
        let j = join(&record, &events, &Text::new("d", text), &Places::default());
        assert_eq!(j.killed, vec![vec![], vec![0]]);
    }

    #[test]
    fn a_figure_of_another_day_stays_apart() {
        let text = "An air strike hit the market on Monday. On Tuesday 5 people were killed.";
        let mut record = Record::default();
        let mut f = figure(text, "5 people were killed", "killed", 5.0);
        f.date = Some("2016-12-13".into());
        record.figures.push(f);
        let events = vec![event(span_of(text, "air strike"), "airstrike", STRIKE, "2016-12-12")];
        let j = join(&record, &events, &Text::new("d", text), &Places::default());
        assert_eq!(j.event_of, vec![None]);
    }

    #[test]
    fn a_stated_toll_is_kept_and_the_named_figure_wins() {
        let text = "Shelling killed 4 people and an air strike killed 9.";
        let mut record = Record::default();
        record.figures.push(figure(text, "killed 4", "killed", 4.0));
        record.figures.push(figure(text, "killed 9", "killed", 9.0));
        let mut shelling = event(span_of(text, "Shelling"), "shelling", STRIKE, "2016-12-13");
        shelling.killed_span = Some(record.figures[0].span);
        let mut strike = event(span_of(text, "air strike"), "airstrike", STRIKE, "2016-12-13");
        strike.killed = Some(sitrep_record::Estimate { low: 10.0, best: 10.0, high: 10.0 });
        let j = join(&record, &[shelling.clone(), strike.clone()], &Text::new("d", text), &Places::default());
        assert_eq!(j.killed, vec![vec![0], vec![1]]);
        let toll = |e: &Event, figures: &[usize]| {
            let figures: Vec<&Figure> = figures.iter().map(|&i| &record.figures[i]).collect();
            estimate(e, Toll::Killed, &figures).map(|t| t.best)
        };
        assert_eq!(toll(&shelling, &j.killed[0]), Some(4.0));
        assert_eq!(toll(&strike, &j.killed[1]), Some(10.0), "the reviewed toll of the strike stands");
    }
}
