//! Events: what happened, where, when, by whom, and to how many.
//!
//! A trigger word of an event type (`data/events.txt`) makes a candidate,
//! unless its sentence asks (a question mark) or the words just before it
//! suppose, plan, fear, accuse or deny (`if`, `would`, `trying`, `fearing`,
//! `accused`, `not`), or it is an infinitive (`a deal to evacuate`), an
//! adjective (`the besieged city`, `bombed-out`) or on a headline. Its
//! arguments come from the sentence: the first day-precise date (else the
//! document date), the most specific place (else the place the report names
//! most), the actors named, and the killed and injured figures. Mentions of
//! one type on one day at the same or nested places, or where one place is
//! only assumed, are one happening: the first mention carries it, later ones
//! add actors and figures and may name its place.

use crate::lexicon::events as words;
use crate::lexicon::{self, HashMap};
use crate::places::PlaceMention;
use crate::tokens::{tokenize, trigger_bases, Kind, Token};
use sitrep_text::fold::is_arabic_letter;
use sitrep_text::Span;
use std::sync::OnceLock;

/// One happening.
#[derive(Clone, Debug, PartialEq)]
pub struct EventMention {
    /// The trigger of its first mention.
    pub span: Span,
    pub kind: &'static str,
    pub acled: (&'static str, &'static str),
    pub date: Option<jiff::civil::Date>,
    /// Index into the place mentions.
    pub place: Option<usize>,
    /// Indexes into the actor mentions.
    pub actors: Vec<usize>,
    /// Indexes into the figures.
    pub killed: Option<usize>,
    pub injured: Option<usize>,
    /// The place was named in the event's sentence, not assumed.
    pub explicit: bool,
}

struct Trigger {
    keys: Vec<String>,
    kind: &'static str,
}

struct Lexicon {
    by_first: HashMap<String, Vec<Trigger>>,
    acled: HashMap<&'static str, (&'static str, &'static str)>,
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut lex = Lexicon { by_first: HashMap::default(), acled: HashMap::default() };
        for &(kind, event_type, sub_event_type) in words::ACLED {
            lex.acled.insert(kind, (event_type, sub_event_type));
        }
        // Trigger phrases are cut into tokens as the text is, so
        // `cease-fire` is three keys here as it is three tokens there.
        for &(kind, phrase) in words::EVENT_TRIGGERS {
            let keys: Vec<String> = tokenize(phrase).into_iter().map(|t| lexicon::key(&t.key)).collect();
            if let Some(k) = keys.first().cloned() {
                lex.by_first.entry(k).or_default().push(Trigger { keys, kind });
            }
        }
        for v in lex.by_first.values_mut() {
            v.sort_by_key(|t| std::cmp::Reverse(t.keys.len()));
        }
        lex
    })
}

/// The ACLED event and sub-event type of an event type.
pub fn acled(kind: &str) -> (&'static str, &'static str) {
    lexicon().acled.get(kind).copied().unwrap_or(("Strategic developments", "Other"))
}

/// How far back an appeal (`[appeals]` in `data/events.txt`: "we call on
/// all parties to allow the evacuation") reaches: what it asks for has not
/// happened, and it governs the rest of its sentence; a long clause, but
/// bounded so that a page without full stops costs no more than one with
/// them.
const APPEAL_REACH: usize = 30;

/// How many words before a trigger a word of supposition, fear or denial
/// (`[not_reported]`: `if`, `fearing`, `not`) reaches.
const SUPPOSITION_REACH: usize = 5;

/// Types that one happening may be reported as: a cease-fire is an
/// agreement. (Air strikes and shelling stay apart: analysts count them
/// apart.)
fn family(kind: &str) -> &str {
    match kind {
        "ceasefire" | "agreement" => "agreement",
        other => other,
    }
}

/// What the other annotators found, by sentence: an event's arguments.
pub struct Context<'a> {
    pub tokens: &'a [Token],
    pub published: Option<jiff::civil::Date>,
    pub places: &'a [PlaceMention],
    /// Sentence → the first day-precise date in it.
    pub date_of: &'a HashMap<usize, jiff::civil::Date>,
    /// Sentence → the most specific place in it (index into `places`).
    pub place_of: &'a HashMap<usize, usize>,
    /// The place the report names most (index into `places`).
    pub main_place: Option<usize>,
    /// Token → on a title-case headline line (headlines repeat the story).
    pub headline: &'a [bool],
    /// Sentence → indexes of the actors in it.
    pub actors_of: &'a HashMap<usize, Vec<usize>>,
    /// Sentence → `(killed, injured)` figure indexes.
    pub figures_of: &'a HashMap<usize, (Option<usize>, Option<usize>)>,
}

/// Every event in the text, one per happening.
pub fn find(cx: &Context) -> Vec<EventMention> {
    let tokens = cx.tokens;
    let lex = lexicon();
    let sentences = tokens.last().map_or(0, |t| t.sentence + 1);
    // Questions report nothing.
    let mut skip = vec![false; sentences];
    for t in tokens {
        if t.key == "?" || t.key == "؟" {
            skip[t.sentence] = true;
        }
    }
    let mut out: Vec<EventMention> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        if t.kind != Kind::Word || skip[t.sentence] {
            i += 1;
            continue;
        }
        // Latin words are looked up as they are; only Arabic ones carry
        // clitics to take off.
        let arabic = t.key.chars().next().is_some_and(is_arabic_letter);
        if !arabic && !lex.by_first.contains_key(t.key.as_str()) {
            i += 1;
            continue;
        }
        let found = trigger_bases(&t.key).into_iter().find_map(|b| {
            lex.by_first.get(b)?.iter().find(|tr| {
                tr.keys[1..].iter().enumerate().all(|(j, k)| tokens.get(i + 1 + j).is_some_and(|n| &n.key == k))
            })
        });
        let Some(trigger) = found else {
            i += 1;
            continue;
        };
        let end = i + trigger.keys.len();
        // `a deal to evacuate`: a plan, not a happening; `the besieged
        // city`: a description.
        let infinitive = i > 0 && tokens[i - 1].key == "to";
        // `bombed-out`: a compound adjective.
        let compound = tokens.get(end).is_some_and(|n| n.key == "-" && n.span.start == tokens[end - 1].span.end);
        let adjectival = words::ADJECTIVAL.contains(&t.key.as_str())
            && (tokens
                .get(end)
                .is_some_and(|n| n.kind == Kind::Word && !words::ADJECTIVAL_UNLESS_NEXT.contains(&n.key.as_str()))
                || i > 0 && {
                    let prev = tokens[i - 1].key.as_str();
                    matches!(prev, "the" | "a" | "an" | "its" | "their") || prev.ends_with("’s") || prev.ends_with("'s")
                });
        let supposed = tokens[i.saturating_sub(SUPPOSITION_REACH)..i]
            .iter()
            .any(|p| p.sentence == t.sentence && words::NOT_REPORTED.contains(&p.key.as_str()))
            || tokens[i.saturating_sub(APPEAL_REACH)..i]
                .iter()
                .any(|p| p.sentence == t.sentence && words::APPEALS.contains(&p.key.as_str()));
        if infinitive || adjectival || compound || supposed || cx.headline.get(i).copied().unwrap_or(false) {
            i = end;
            continue;
        }
        let span = Span::new(t.span.start, tokens[end - 1].span.end);
        let s = t.sentence;
        let date = cx.date_of.get(&s).copied().or(cx.published);
        // A country named in the sentence (`headed for the Turkish
        // border`) says less than the city the report is about.
        let explicit = cx
            .place_of
            .get(&s)
            .copied()
            .filter(|&p| cx.places[p].place.kind != sitrep_gazetteer::Kind::Country || cx.main_place.is_none());
        let place = explicit.or(cx.main_place);
        let actors = cx.actors_of.get(&s).cloned().unwrap_or_default();
        let (killed, injured) = cx.figures_of.get(&s).copied().unwrap_or_default();
        let same_place = |e: &EventMention| match (e.place, place) {
            (Some(a), Some(b)) => cx.places[a].place.id == cx.places[b].place.id,
            (None, None) => true,
            _ => false,
        };
        // A mention that names no place is the same happening as one that
        // does, and a place named later sharpens one that was assumed.
        // … and so is one at a place inside the other's (`al-Mashhad` in
        // `Aleppo`): the more specific place is kept.
        let inside = |a: Option<usize>, b: Option<usize>| match (a, b) {
            (Some(a), Some(b)) => cx.places[a].place.within.contains(&cx.places[b].place.name),
            _ => false,
        };
        let same = |e: &EventMention| {
            family(e.kind) == family(trigger.kind)
                && e.date == date
                && (same_place(e)
                    || !e.explicit
                    || explicit.is_none()
                    || inside(e.place, place)
                    || inside(place, e.place))
        };
        match out.iter_mut().find(|e| same(e)) {
            Some(e) => {
                // An assumed place gives way to a named one. Of two named,
                // nested places, a strike holds the one it hit (`shells on
                // al-Mashhad`), a front line the area it moved over (`an
                // advance on al-Mashhad`, `seized parts of Aleppo`).
                let pointed = words::POINTED.contains(&e.kind);
                let nested_better = if pointed { inside(place, e.place) } else { inside(e.place, place) };
                if explicit.is_some() && (!e.explicit || nested_better) {
                    e.place = explicit;
                    e.explicit = true;
                }
                for a in actors {
                    if !e.actors.contains(&a) {
                        e.actors.push(a);
                    }
                }
                e.killed = e.killed.or(killed);
                e.injured = e.injured.or(injured);
            }
            None => out.push(EventMention {
                explicit: explicit.is_some(),
                span,
                kind: trigger.kind,
                acled: acled(trigger.kind),
                date,
                place,
                actors,
                killed,
                injured,
            }),
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::extract::tests_support::record;

    /// `(type, date, place name, killed)`.
    type Found = (String, Option<String>, Option<String>, Option<f64>);

    fn events(text: &str) -> Vec<Found> {
        let r = record(text);
        r.events
            .iter()
            .map(|e| {
                let place = e.place.as_ref().and_then(|p| r.places.iter().find(|x| &x.id == p)).map(|p| p.name.clone());
                (e.kind.clone(), e.date.clone(), place, e.killed.as_ref().map(|k| k.best))
            })
            .collect()
    }

    #[test]
    fn one_event_per_happening_with_its_arguments() {
        let found = events(
            "Aleppo, 13 December 2016\n\nAn air strike killed 12 people in a-Sukkari on Tuesday. \
             The airstrike also hit a bakery, residents said. Government forces seized the Ansari district.",
        );
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(found[0], ("airstrike".into(), Some("2016-12-13".into()), Some("As-Sukkari".into()), Some(12.0)));
        assert_eq!(found[1].0, "territory_change");
        assert_eq!(found[1].2.as_deref(), Some("Al-Ansari"));
    }

    #[test]
    fn questions_plans_and_negations_are_not_events() {
        let found = events(
            "Aleppo, 13 December 2016\n\nWill the siege of Aleppo end? Residents fear shelling tonight. \
             A deal to evacuate the wounded was signed. They fired not one or two missiles but four rockets.",
        );
        let kinds: Vec<&str> = found.iter().map(|e| e.0.as_str()).collect();
        assert!(
            !kinds.contains(&"siege") && !kinds.contains(&"shelling") && !kinds.contains(&"evacuation"),
            "{found:#?}"
        );
        assert!(kinds.contains(&"agreement") && kinds.contains(&"missile_strike"), "{found:#?}");
    }

    #[test]
    fn appeals_are_not_events() {
        let found = events(
            "حلب، 5 كانون الأول 2016\n\nندعو جميع الأطراف إلى السماح بإجلاء الجرحى فوراً. \
             The agency urged the parties to allow the evacuation of the sick.",
        );
        assert!(found.iter().all(|e| e.0 != "evacuation"), "{found:#?}");
    }

    #[test]
    fn arabic_triggers() {
        let found = events("حلب، 13 كانون الأول 2016\n\nشنت الطائرات غارات على حي الأنصاري ما أدى إلى مقتل ستة مدنيين.");
        assert_eq!(found[0].0, "airstrike", "{found:#?}");
        assert_eq!(found[0].2.as_deref(), Some("Al-Ansari"));
        assert_eq!(found[0].3, Some(6.0));
    }

    #[test]
    fn every_type_maps_to_acled() {
        for kind in ["airstrike", "shelling", "armed_clash", "arrest", "ceasefire", "protest", "displacement"] {
            let (t, s) = super::acled(kind);
            assert!(!t.is_empty() && !s.is_empty());
        }
        assert_eq!(super::acled("airstrike"), ("Explosions/Remote violence", "Air/drone strike"));
    }
}
