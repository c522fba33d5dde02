//! Events: what happened, where, when, by whom, and to how many.
//!
//! A trigger word of an event type (`data/events.txt`) makes a candidate,
//! unless the factuality layer (`factuality.rs`) finds it governed by a
//! negation, a modal, a fear, a plan, a condition, an imagined scene, a
//! question, an appeal, a denial or a caption, or its clause dates it more
//! than a year before the document (history), or it is an infinitive (`a
//! deal to evacuate`), an adjective (`the besieged city`, `bombed-out`), a
//! named accord (`the Sochi agreement`) or on a headline. Its arguments
//! come from its clause, then its sentence: the date (else the date of the
//! earlier mention of the same happening, else the story's date, else the
//! document date), the most specific place not given only as a distance
//! from it (`15 km from Idlib`; else the place the report names most), the
//! actors named, and the killed and injured figures. A list of tolls by
//! place under one trigger (`killed 11 in Tyre, 6 in Nabatieh`, or a
//! bulleted statement) is one event per place. Mentions of one type on one
//! day at the same or nested places, or where one place is only assumed,
//! are one happening, unless the words say it is another (`another raid`,
//! `غارة أخرى`): the first mention carries it, later ones add actors and
//! figures and may name its place. A count of strikes that later mentions
//! break down (`three airstrikes in Gangaw Township` … `another airstrike`)
//! is their summary, not an event of its own.

use crate::dates::{DateMention, Precision};
use crate::factuality::{self, Class};
use crate::figures::FigureMention;
use crate::lexicon::events as words;
use crate::lexicon::{self, HashMap};
use crate::places::PlaceMention;
use crate::tokens::{tokenize, trigger_bases, Kind, Token};
use sitrep_gazetteer::Kind as PlaceKind;
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
    /// Day, or month when the text gives no day (`in March 2011`).
    pub date_precision: Precision,
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
    /// A killing verb, an event only where nothing else is (`[weak_triggers]`).
    weak: bool,
}

struct Lexicon {
    by_first: HashMap<String, Vec<Trigger>>,
    acled: HashMap<&'static str, (&'static str, &'static str)>,
    /// Fire opened (`أطلق … النار`), then fire exchanged (`تبادل … النار`).
    fire: [Trigger; 2],
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let fire = |kind| Trigger { keys: vec![lexicon::key("النار")], kind, weak: false };
        let mut lex = Lexicon {
            by_first: HashMap::default(),
            acled: HashMap::default(),
            fire: [fire("attack_on_civilians"), fire("armed_clash")],
        };
        for &(kind, event_type, sub_event_type) in words::ACLED {
            lex.acled.insert(kind, (event_type, sub_event_type));
        }
        // Trigger phrases are cut into tokens as the text is, so
        // `cease-fire` is three keys here as it is three tokens there.
        for (weak, list) in [(false, words::EVENT_TRIGGERS), (true, words::WEAK_TRIGGERS)] {
            for &(kind, phrase) in list {
                let keys: Vec<String> = tokenize(phrase).into_iter().map(|t| lexicon::key(&t.key)).collect();
                if let Some(k) = keys.first().cloned() {
                    lex.by_first.entry(k).or_default().push(Trigger { keys, kind, weak });
                }
            }
        }
        for v in lex.by_first.values_mut() {
            v.sort_by_key(|t| (std::cmp::Reverse(t.keys.len()), t.weak));
        }
        lex
    })
}

/// The ACLED event and sub-event type of an event type.
pub fn acled(kind: &str) -> (&'static str, &'static str) {
    lexicon().acled.get(kind).copied().unwrap_or(("Strategic developments", "Other"))
}

/// Types that one happening may be reported as: a cease-fire is an
/// agreement. (Air strikes and shelling stay apart: analysts count them
/// apart.)
fn family(kind: &str) -> &str {
    match kind {
        "ceasefire" | "agreement" => "agreement",
        other => other,
    }
}

/// What the other annotators found: an event's arguments.
pub struct Context<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub published: Option<jiff::civil::Date>,
    pub places: &'a [PlaceMention],
    pub dates: &'a [DateMention],
    pub figures: &'a [FigureMention],
    /// The place the report names most (index into `places`).
    pub main_place: Option<usize>,
    /// Token → on a title-case headline line (headlines repeat the story).
    pub headline: &'a [bool],
    /// Sentence → indexes of the actors in it.
    pub actors_of: &'a HashMap<usize, Vec<usize>>,
    /// The spans of the actors who can do or suffer a happening (not the
    /// outlet or person reporting it).
    pub actor_spans: &'a [Span],
}

/// How much a kind of place narrows a happening down.
fn specificity(k: PlaceKind) -> u8 {
    match k {
        PlaceKind::Neighbourhood | PlaceKind::Camp | PlaceKind::Facility | PlaceKind::Other => 5,
        // A highway can run the length of a province: no closer than a town.
        PlaceKind::Road => 3,
        PlaceKind::Village => 4,
        PlaceKind::Town => 3,
        PlaceKind::City => 2,
        PlaceKind::Region => 1,
        PlaceKind::Country => 0,
    }
}

/// Ends a clause for an event's arguments.
fn clause_punct(t: &Token) -> bool {
    t.kind == Kind::Punct && matches!(t.key.as_str(), "," | "،" | ";" | "؛" | ":" | "—" | "(" | ")" | "\n")
}

/// The tokens `[lo, hi)` of the sentence of token `i`.
fn sentence_of(tokens: &[Token], i: usize) -> (usize, usize) {
    let s = tokens[i].sentence;
    let lo = tokens[..i].iter().rposition(|t| t.sentence != s).map_or(0, |p| p + 1);
    let hi = tokens[i..].iter().position(|t| t.sentence != s).map_or(tokens.len(), |p| i + p);
    (lo, hi)
}

/// The tokens `[lo, hi)` of the clause of token `i`, inside its sentence.
fn clause_of(tokens: &[Token], i: usize) -> (usize, usize) {
    let (slo, shi) = sentence_of(tokens, i);
    let lo = tokens[slo..i].iter().rposition(clause_punct).map_or(slo, |p| slo + p + 1);
    let hi = tokens[i..shi].iter().position(clause_punct).map_or(shi, |p| i + p);
    (lo, hi)
}

/// How many tokens a figure's words may run before the token they cover
/// (`at least two Myanmar junta airstrikes`).
const FIGURE_TOKENS: usize = 12;

/// How far from the event a place may be and still be where it happened
/// (`2 km east of Saraqib`); further (`15 km from Idlib city`) it only
/// locates the place that is.
const NEAR_KM: f64 = 5.0;

/// Is the place at token `p` named only as a distance from the event
/// (`40 kilometers west of Hama`, `على بعد 3 كيلومترات من المدينة`)?
fn far_reference(tokens: &[Token], p: usize) -> bool {
    let lo = p.saturating_sub(6);
    for u in (lo..p).rev() {
        if crate::lexicon::figures::DISTANCE_UNITS.contains(&tokens[u].key.as_str())
            || words::LENGTH_UNITS.contains(&tokens[u].key.as_str())
        {
            // The amount before the unit (`32 kilometers`, `2km`).
            let amount = crate::numbers::find(&tokens[u.saturating_sub(3)..=u]).last().map(|n| n.value);
            return amount.is_none_or(|km| km > NEAR_KM);
        }
        if clause_punct(&tokens[u]) {
            break;
        }
    }
    false
}

/// The first token of each mention, in order.
fn first_tokens(tokens: &[Token], spans: impl Iterator<Item = Span>) -> Vec<usize> {
    spans.map(|s| crate::tokens::first_at(tokens, s.start)).collect()
}

/// A day more than this long before the document's is the past a report
/// recalls, not what it reports.
const HISTORY_DAYS: i64 = 365;

/// The largest count of strikes that reads as a summary of the ones a
/// report goes on to tell (`two airstrikes`, `three raids`).
const SUMMARY_MAX: f64 = 10.0;

/// Is a mention a summary of others: a small count of strikes (`two
/// airstrikes in Gangaw Township`), or strikes on several places at once
/// (`غارات على جباليا وخان يونس`)?
#[derive(Clone, Copy, PartialEq, Eq)]
enum Summary {
    No,
    Count,
    Places,
}

/// One place a trigger's happening is reported at, with its figures.
#[derive(Clone, Copy)]
struct Item {
    place: Option<usize>,
    explicit: bool,
    killed: Option<usize>,
    injured: Option<usize>,
}

/// Starts a bulleted line (`- صور: 7 شهداء`, `• Aleppo: 19`).
fn bullet(t: &Token) -> bool {
    t.kind == Kind::Punct && matches!(t.key.as_str(), "-" | "–" | "—" | "•" | "*" | "·" | "▪")
}

/// Every event in the text, one per happening.
pub fn find(cx: &Context) -> Vec<EventMention> {
    let tokens = cx.tokens;
    let lex = lexicon();
    let fact = factuality::analyse(tokens);
    let heading = headings(tokens);
    let date_at = first_tokens(tokens, cx.dates.iter().map(|d| d.span));
    let place_at = first_tokens(tokens, cx.places.iter().map(|p| p.span));
    let figure_at = first_tokens(tokens, cx.figures.iter().map(|f| f.number.span));
    // Places no happening takes: those named as far away, and those aside
    // from the report's events (a dateline, a purpose, a journey's end).
    let far: Vec<bool> = place_at.iter().zip(cx.places).map(|(&p, m)| m.aside || far_reference(tokens, p)).collect();
    let in_range = |at: &[usize], lo: usize, hi: usize| -> Vec<usize> {
        let a = at.partition_point(|&x| x < lo);
        let b = at.partition_point(|&x| x < hi);
        (a..b).collect()
    };
    // Token → starts an event trigger: so that a list item with its own
    // trigger is an event of its own, not one of the list's.
    let mut trigger_at: Vec<Option<(&Trigger, usize)>> = vec![None; tokens.len()];
    let mut i = 0;
    while i < tokens.len() {
        if let Some(tr) = match_trigger(lex, tokens, i) {
            let end = i + tr.keys.len();
            trigger_at[i] = Some((tr, end));
            i = end;
        } else {
            i += 1;
        }
    }
    // Sentences with a trigger of their own: a killing verb (`[weak]`)
    // makes an event only where nothing else does.
    let mut strong_in: Vec<bool> = vec![false; tokens.last().map_or(0, |t| t.sentence + 1)];
    for (k, t) in trigger_at.iter().enumerate() {
        if t.is_some_and(|(tr, _)| !tr.weak) {
            strong_in[tokens[k].sentence] = true;
        }
    }
    // The story's date: the first day a mention is explicitly dated with,
    // when it is near the document's.
    let mut story: Option<jiff::civil::Date> = None;
    let mut out: Vec<EventMention> = Vec::new();
    let mut summary: Vec<Summary> = Vec::new();
    // The event last reported, and the sentence it was reported in.
    let mut last: Option<(usize, usize)> = None;
    let pick = |ps: Vec<usize>| {
        ps.into_iter()
            .filter(|&p| !far[p])
            .filter(|&p| cx.places[p].place.kind != PlaceKind::Country || cx.main_place.is_none())
            .max_by_key(|&p| (specificity(cx.places[p].place.kind), std::cmp::Reverse(place_at[p])))
    };
    let mut i = 0;
    while i < tokens.len() {
        let Some((trigger, end)) = trigger_at[i] else {
            // `the raid, which hit a farm 3km west of Ariha`: the
            // happening just reported, placed more precisely.
            if let Some((k, at)) = last.filter(|&(_, at)| tokens[i].sentence <= at + 1) {
                if anaphor(tokens, i) {
                    let (slo, shi) = sentence_of(tokens, i);
                    let place = pick(in_range(&place_at, slo, shi));
                    let e = &mut out[k];
                    if place.is_some() && (!e.explicit || inside(cx, place, e.place)) {
                        e.place = place;
                        e.explicit = true;
                    }
                    last = Some((k, at.max(tokens[i].sentence)));
                }
            }
            i += 1;
            continue;
        };
        let t = &tokens[i];
        let s = t.sentence;
        // A killing verb needs a doer beside it, active, unless the verb
        // itself says someone did it (`was shot`); `shot down` is not.
        let down = tokens.get(end).is_some_and(|n| n.is("down"));
        let agentive = words::AGENTIVE.contains(&t.key.as_str());
        let weak_ok = !down && (agentive || perpetrator(cx, i) && !passive(tokens, i));
        if skipped(cx, &fact, trigger, i, end) || heading[i] || trigger.weak && (strong_in[s] || !weak_ok) {
            i = end;
            continue;
        }
        let (slo, shi) = sentence_of(tokens, i);
        let (clo, chi) = clause_of(tokens, i);
        // History: the clause dates it more than a year before the report.
        let anchor = cx.published;
        let old = |d: &DateMention| {
            let last = match d.precision {
                Precision::Year => jiff::civil::Date::new(d.date.year(), 12, 31).ok(),
                Precision::Month => Some(d.date.last_of_month()),
                _ => Some(d.date),
            };
            anchor.zip(last).is_some_and(|(a, l)| l.until(a).is_ok_and(|x| x.get_days() as i64 > HISTORY_DAYS))
        };
        let clause_dates = in_range(&date_at, clo, chi);
        let year_numeral = (clo..chi).any(|k| {
            let tk = &tokens[k];
            tk.kind == Kind::Numeral
                && tk.key.len() == 4
                && tk.key.parse::<i16>().is_ok_and(|y| anchor.is_some_and(|a| (1900..=a.year() - 2).contains(&y)))
                && !in_range(&figure_at, k.saturating_sub(FIGURE_TOKENS), k + 1).into_iter().any(|f| {
                    let n = &cx.figures[f].number.span;
                    n.start <= tk.span.start && tk.span.end <= n.end
                })
        });
        if clause_dates.iter().any(|&d| old(&cx.dates[d])) || year_numeral {
            i = end;
            continue;
        }
        // The date: the clause's, else the sentence's nearest, day-precise.
        let day = |ds: Vec<usize>| {
            ds.into_iter()
                .filter(|&d| matches!(cx.dates[d].precision, Precision::Day | Precision::Time))
                .min_by_key(|&d| date_at[d].abs_diff(i))
        };
        let own = day(clause_dates.clone()).or_else(|| day(in_range(&date_at, slo, shi))).or_else(|| {
            // `Firing went on along the line yesterday. It amounted to
            // exchanges of fire`: the day of the sentence before,
            // on the same line, when that sentence reported nothing else.
            let plo = slo.checked_sub(1).map(|p| sentence_of(tokens, p).0)?;
            // Line breaks before a sentence's first word count with it.
            let plo = (plo..slo).find(|&k| !tokens[k].is("\n")).unwrap_or(slo);
            let same_line = !tokens[plo..i].iter().any(|t| t.is("\n"));
            let quiet = !(plo..slo).any(|k| trigger_at[k].is_some());
            (same_line && quiet).then(|| day(in_range(&date_at, plo, slo))).flatten()
        });
        let month = clause_dates.iter().copied().find(|&d| cx.dates[d].precision == Precision::Month);
        let another = another(tokens, i, end);
        let (date, date_precision) = if let Some(d) = own {
            (Some(cx.dates[d].date), Precision::Day)
        } else if let Some(d) = month {
            (Some(cx.dates[d].date), Precision::Month)
        } else if let Some(prev) =
            out.iter().rev().find(|e| family(e.kind) == family(trigger.kind)).filter(|_| !another)
        {
            // The same happening mentioned again (`the strike`).
            (prev.date, prev.date_precision)
        } else {
            (story.or(cx.published), Precision::Day)
        };
        if own.is_some() && story.is_none() {
            let d = cx.dates[own.unwrap_or(0)].date;
            let near = cx.published.is_none_or(|p| d.until(p).is_ok_and(|x| (0..=7).contains(&x.get_days())));
            if near {
                story = Some(d);
            }
        }
        // The place: the clause's most specific, else the sentence's; a
        // country says less than the city the report is about.
        let explicit = pick(in_range(&place_at, clo, chi)).or_else(|| pick(in_range(&place_at, slo, shi)));
        // The toll nearest the trigger, a total before its parts (`killed
        // ten, including three children`).
        let figure = |cat: &str, lo: usize, hi: usize| {
            in_range(&figure_at, lo, hi)
                .into_iter()
                .filter(|&f| cx.figures[f].category == cat)
                .min_by_key(|&f| (cx.figures[f].part, figure_at[f].abs_diff(i)))
        };
        let killed = figure("killed", clo, chi).or_else(|| figure("killed", slo, shi));
        let injured = figure("injured", clo, chi).or_else(|| figure("injured", slo, shi));
        let lead = Item { place: explicit.or(cx.main_place), explicit: explicit.is_some(), killed, injured };
        let items = list_items(cx, &trigger_at, (slo, shi), (i, end), &place_at, &figure_at, &far);
        let items = if items.len() >= 2 { items } else { vec![lead] };
        // `three airstrikes in Gangaw Township`, `غارات على جباليا وخان يونس`:
        // a count of strikes, or strikes on several places at once.
        let places_here: Vec<&str> = {
            let mut ids: Vec<&str> = in_range(&place_at, clo, chi)
                .into_iter()
                .filter(|&p| !far[p])
                .map(|p| cx.places[p].place.id.as_str())
                .collect();
            ids.sort_unstable();
            ids.dedup();
            ids
        };
        // A small exact count: `dozens of shells have landed` is not a
        // summary of the day's strikes.
        let near_figures = in_range(&figure_at, i.saturating_sub(FIGURE_TOKENS), i + 1);
        let counted = near_figures.into_iter().map(|f| &cx.figures[f]).any(|f| {
            f.unit == "attacks"
                && (2.0..=SUMMARY_MAX).contains(&f.number.value)
                && f.number.qualifier == crate::numbers::Qualifier::Exact
                && f.span.start <= t.span.start
                && t.span.end <= f.span.end
        });
        let spread = places_here.len() >= 2 && items.len() < 2;
        let counted = if counted {
            Summary::Count
        } else if spread {
            Summary::Places
        } else {
            Summary::No
        };
        let actors = cx.actors_of.get(&s).cloned().unwrap_or_default();
        let span = Span::new(t.span.start, tokens[end - 1].span.end);
        // `they are launching three rockets`, `we are encircled`, `those who
        // flee`: testimony in the present tells what goes on, not a dated
        // happening; it adds to an event the report gives, and makes none.
        let ongoing = own.is_none() && present(tokens, i);
        for item in items {
            let k = merge_into(cx, &out, trigger.kind, date, item, another);
            if k.is_none() && ongoing {
                continue;
            }
            match k {
                Some(k) => {
                    let e = &mut out[k];
                    // An assumed place gives way to a named one. Of two
                    // named, nested places, a strike holds the one it hit
                    // (`shells on al-Mashhad`), a front line the area it
                    // moved over (`an advance on al-Mashhad`, `seized parts
                    // of Aleppo`).
                    let pointed = words::POINTED.contains(&e.kind);
                    let nested_better =
                        if pointed { inside(cx, item.place, e.place) } else { inside(cx, e.place, item.place) };
                    if item.explicit && (!e.explicit || nested_better) {
                        e.place = item.place;
                        e.explicit = true;
                    }
                    for &a in &actors {
                        if !e.actors.contains(&a) {
                            e.actors.push(a);
                        }
                    }
                    e.killed = e.killed.or(item.killed);
                    e.injured = e.injured.or(item.injured);
                    if counted == Summary::No {
                        summary[k] = Summary::No;
                    }
                    last = Some((k, s));
                }
                None => {
                    out.push(EventMention {
                        explicit: item.explicit,
                        span,
                        kind: trigger.kind,
                        acled: acled(trigger.kind),
                        date,
                        date_precision,
                        place: item.place,
                        actors: actors.clone(),
                        killed: item.killed,
                        injured: item.injured,
                    });
                    summary.push(counted);
                    last = Some((out.len() - 1, s));
                }
            }
        }
        i = end;
    }
    // A count of strikes that other mentions of that day break down is
    // their summary (strikes of any kind: `غارات` then `قصف منزل`).
    let strikes = |k: &str| words::POINTED.contains(&k) && !matches!(k, "arrest" | "execution" | "attack_on_civilians");
    let kin = |a: &str, b: &str| family(a) == family(b) || strikes(a) && strikes(b);
    let keep: Vec<bool> = (0..out.len())
        .map(|k| {
            let like = |a: &str, b: &str| match summary[k] {
                Summary::Places => kin(a, b),
                _ => family(a) == family(b),
            };
            summary[k] == Summary::No
                || !out.iter().enumerate().any(|(j, e)| {
                    j != k && summary[j] == Summary::No && like(e.kind, out[k].kind) && e.date == out[k].date
                })
        })
        .collect();
    out.into_iter().zip(keep).filter_map(|(e, k)| k.then_some(e)).collect()
}

/// The most words a heading has.
const HEADING_WORDS: usize = 12;

/// Tokens on a heading line: a short line that ends without a full stop
/// and has more text after it (`آثار القصف على بلدة جنوبية`, `Airstrike kills
/// nine in Khan Younis`). Headings repeat the story the body tells with its
/// day and place, and a section title names no happening at all. A line
/// with a colon is a list entry (`صور: 7 شهداء`), not a heading. Whether a
/// line is one depends on the line alone and what follows it, so text put
/// before a document changes nothing in it.
fn headings(tokens: &[Token]) -> Vec<bool> {
    let mut out = vec![false; tokens.len()];
    let last_word = tokens.iter().rposition(|t| t.kind == Kind::Word);
    let mut lo = 0;
    while lo < tokens.len() {
        let hi = (lo..tokens.len()).find(|&k| tokens[k].is("\n")).unwrap_or(tokens.len());
        let more = last_word.is_some_and(|w| w > hi);
        if hi > lo && more {
            let words = tokens[lo..hi].iter().filter(|t| t.kind == Kind::Word).count();
            let last = &tokens[hi - 1];
            let stops = last.kind == Kind::Punct
                && matches!(last.key.as_str(), "." | "!" | "?" | "؟" | "," | "،" | ";" | "…" | "\"" | "”" | "»");
            let colon = tokens[lo..hi].iter().any(|t| t.is(":"));
            if words <= HEADING_WORDS && !stops && !colon && !bullet(&tokens[lo]) {
                for h in &mut out[lo..hi] {
                    *h = true;
                }
            }
        }
        lo = hi + 1;
    }
    out
}

/// The trigger whose words start at token `i`.
fn match_trigger<'l>(lex: &'l Lexicon, tokens: &[Token], i: usize) -> Option<&'l Trigger> {
    let t = &tokens[i];
    if t.kind != Kind::Word {
        return None;
    }
    // Latin words are looked up as they are; only Arabic ones carry
    // clitics to take off.
    let arabic = t.key.chars().next().is_some_and(is_arabic_letter);
    if !arabic && !lex.by_first.contains_key(t.key.as_str()) {
        return None;
    }
    if let Some(tr) = trigger_bases(&t.key).into_iter().find_map(|b| {
        lex.by_first
            .get(b)?
            .iter()
            .find(|tr| tr.keys[1..].iter().enumerate().all(|(j, k)| tokens.get(i + 1 + j).is_some_and(|n| &n.key == k)))
    }) {
        return Some(tr);
    }
    // `أطلق مسلحون مجهولون النار على`: the verb of firing a few words
    // before `النار` (fire).
    if trigger_bases(&t.key).contains(&"النار") {
        let lo = i.saturating_sub(4);
        let verb = (lo..i).rev().find(|&k| trigger_bases(&tokens[k].key).iter().any(|b| words::FIRE_VERBS.contains(b)));
        if let Some(v) = verb {
            let exchange = (v.saturating_sub(2)..=v)
                .any(|k| trigger_bases(&tokens[k].key).iter().any(|b| words::EXCHANGE_WORDS.contains(b)));
            return Some(if exchange { &lex.fire[1] } else { &lex.fire[0] });
        }
    }
    None
}

/// Is a trigger a report of nothing: governed by a marker of factuality,
/// an infinitive (`a deal to evacuate`), an adjective (`the besieged
/// city`, `bombed-out`), a named accord (`the Sochi agreement`), or on a
/// title-case headline?
fn skipped(cx: &Context, fact: &factuality::Factuality, trigger: &Trigger, i: usize, end: usize) -> bool {
    let tokens = cx.tokens;
    let t = &tokens[i];
    if fact.at(i).is_some_and(|c| c != Class::Keep) && !described(tokens, end) {
        return true;
    }
    let infinitive = i > 0 && tokens[i - 1].key == "to";
    let compound = tokens.get(end).is_some_and(|n| n.key == "-" && n.span.start == tokens[end - 1].span.end);
    let adjectival = words::ADJECTIVAL.contains(&t.key.as_str())
        && (tokens
            .get(end)
            .is_some_and(|n| n.kind == Kind::Word && !words::ADJECTIVAL_UNLESS_NEXT.contains(&n.key.as_str()))
            || i > 0 && {
                let prev = tokens[i - 1].key.as_str();
                matches!(prev, "the" | "a" | "an" | "its" | "their") || prev.ends_with("’s") || prev.ends_with("'s")
            });
    // `the Sochi agreement`, `the Idlib deal`: a name of an accord.
    // (`the Russian truce` is not a name: a country's adjective says who.)
    let demonym = crate::lexicon::demonyms::DEMONYMS.iter().any(|(d, _)| *d == tokens[i.saturating_sub(1)].key);
    let named = family(trigger.kind) == "agreement"
        && i >= 2
        && crate::tokens::capitalized(cx.text, &tokens[i - 1])
        && !demonym
        && tokens[i - 2].is("the");
    let other_sense = i > 0 && words::OTHER_SENSES.contains(&tokens[i - 1].key.as_str());
    infinitive || adjectival || compound || named || other_sense || cx.headline.get(i).copied().unwrap_or(false)
}

/// `the shelling that killed ten`, `القصف الذي قتل عشرة`: a relative
/// clause in the past after the trigger reports it as having happened,
/// whatever governs the words around it (`called for an inquiry into the
/// shelling that killed ten`).
fn described(tokens: &[Token], end: usize) -> bool {
    let rel = (end..(end + 2).min(tokens.len())).find(|&k| words::RELATIVES.contains(&tokens[k].key.as_str()));
    let Some(r) = rel else { return false };
    let Some(v) = tokens.get(r + 1).filter(|v| v.kind == Kind::Word) else { return false };
    if v.key.is_ascii() {
        v.key.ends_with("ed") || words::PAST_VERBS.contains(&v.key.as_str())
    } else {
        // An Arabic past verb: no imperfect prefix, no particle of mood.
        !v.key.starts_with(['ي', 'ت', 'ن']) && !matches!(v.key.as_str(), "قد" | "سوف" | "لم" | "لن" | "لا")
    }
}

/// `another raid`, `غارة أخرى`, `a second strike`: not the happening
/// mentioned before.
fn another(tokens: &[Token], i: usize, end: usize) -> bool {
    let before = i.checked_sub(1).map(|p| tokens[p].key.as_str());
    let after = tokens.get(end).map(|t| t.key.as_str());
    before.is_some_and(|w| words::ANOTHER.contains(&w)) || after.is_some_and(|w| words::ANOTHER.contains(&w))
}

/// How far from a killing verb its doer stands: before it (`bandits
/// killed`, `a rival gang of bandits killed`) or, in Arabic, after it
/// (`قتل مسلحون`).
const DOER: usize = 4;

/// A killing verb (`[weak]` triggers) reports an attack only with someone
/// doing it: a named armed actor or a word for attackers (`gunmen`) as its
/// subject, next to it.
fn perpetrator(cx: &Context, i: usize) -> bool {
    let tokens = cx.tokens;
    let (lo, hi) = sentence_of(tokens, i);
    let arabic = !tokens[i].key.is_ascii();
    let near =
        if arabic { i.saturating_sub(DOER).max(lo)..(i + 1 + DOER).min(hi) } else { i.saturating_sub(DOER).max(lo)..i };
    if near.is_empty() {
        return false;
    }
    let word = near.clone().any(|k| trigger_bases(&tokens[k].key).iter().any(|b| words::PERPETRATORS.contains(b)));
    // Actor spans come sorted and do not overlap: those that can touch the
    // window end after its start and begin before its end.
    let (from, to) = (tokens[near.start].span.start, tokens[near.end.max(near.start + 1) - 1].span.end);
    let first = cx.actor_spans.partition_point(|a| a.end <= from);
    let actor = cx.actor_spans[first..].iter().take_while(|a| a.start < to).next().is_some();
    word || actor
}

/// An English verb in the present: after `are`, `is`, `am` (`are
/// firing`, `are encircled`), or bare after `who` (`those who flee`).
fn present(tokens: &[Token], i: usize) -> bool {
    let prev = |k: usize| i.checked_sub(k).map(|p| tokens[p].key.as_str()).unwrap_or("");
    tokens[i].key.is_ascii()
        && (words::PRESENT_AUXILIARIES.contains(&prev(1)) || prev(1) == "who" && !tokens[i].key.ends_with("ed"))
}

/// `were killed`, `had been shot`: a killing told without its doer, which
/// the sentence's actors need not be (`troops were killed in the
/// counter-attack`).
fn passive(tokens: &[Token], i: usize) -> bool {
    tokens[i.saturating_sub(2)..i]
        .iter()
        .any(|t| matches!(t.key.as_str(), "was" | "were" | "been" | "being" | "is" | "are" | "be"))
}

/// The place mention `a` is inside `b` (`al-Mashhad` in `Aleppo`).
fn inside(cx: &Context, a: Option<usize>, b: Option<usize>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => cx.places[a].place.within.contains(&cx.places[b].place.name),
        _ => false,
    }
}

/// The event a new mention is one happening with: of its type family and
/// day, at the same or a nested place, or where one of the places is only
/// assumed; never when the words say it is another.
fn merge_into(
    cx: &Context,
    out: &[EventMention],
    kind: &str,
    date: Option<jiff::civil::Date>,
    item: Item,
    another: bool,
) -> Option<usize> {
    if another {
        return None;
    }
    let same_place = |e: &EventMention| match (e.place, item.place) {
        (Some(a), Some(b)) => cx.places[a].place.id == cx.places[b].place.id,
        (None, None) => true,
        _ => false,
    };
    // The latest mention first: a mention that names no place is the one
    // just reported.
    out.iter().rposition(|e| {
        family(e.kind) == family(kind)
            && e.date == date
            && (same_place(e)
                || !e.explicit
                || !item.explicit
                || inside(cx, e.place, item.place)
                || inside(cx, item.place, e.place))
    })
}

/// `the attack`, `this incident`, `الهجوم`: words that name the happening
/// just reported without saying what it was (`[anaphors]`).
fn anaphor(tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    if t.key.is_ascii() {
        words::ANAPHORS.contains(&t.key.as_str())
            && i > 0
            && matches!(tokens[i - 1].key.as_str(), "the" | "this" | "that")
    } else {
        trigger_bases(&t.key).iter().any(|b| b.starts_with("ال") && words::ANAPHORS.contains(b))
    }
}

/// The places a trigger's toll is given by: a running list in its sentence
/// (`killed 11 people in Tyre, 6 in Nabatieh`, `استشهد 10 في الخيام و6 في
/// بنت جبيل`), or the bulleted lines that follow its line (`- صور: 7 شهداء
/// و20 جريحا`). An item with a trigger of its own is an event of its own.
fn list_items(
    cx: &Context,
    trigger_at: &[Option<(&Trigger, usize)>],
    (slo, shi): (usize, usize),
    (start, end): (usize, usize),
    place_at: &[usize],
    figure_at: &[usize],
    far: &[bool],
) -> Vec<Item> {
    let tokens = cx.tokens;
    let harm = |f: usize| matches!(cx.figures[f].category, "killed" | "injured");
    let mut items: Vec<Item> = Vec::new();
    // A running list: each toll with a place in its own stretch, up to the
    // next comma or `and`.
    let (lo, hi) = (figure_at.partition_point(|&x| x < slo), figure_at.partition_point(|&x| x < shi));
    for (f, &at) in figure_at.iter().enumerate().take(hi).skip(lo).filter(|&(f, _)| harm(f)) {
        let stop = (at + 1..shi)
            .find(|&k| clause_punct(&tokens[k]) || tokens[k].is("and") || tokens[k].is("و"))
            .unwrap_or(shi)
            .min(at + 8);
        if (at..stop).any(|k| trigger_at[k].is_some() && k != start) {
            continue;
        }
        let first = place_at.partition_point(|&p| p <= at);
        let place = place_at.get(first).filter(|&&p| p < stop).map(|_| first).filter(|&p| !far[p]);
        let Some(p) = place else { continue };
        let killed = (cx.figures[f].category == "killed").then_some(f);
        let injured = (cx.figures[f].category == "injured").then_some(f);
        items.push(Item { place: Some(p), explicit: true, killed, injured });
    }
    let distinct = |items: &[Item]| {
        let mut ids: Vec<&str> = items.iter().filter_map(|i| i.place).map(|p| cx.places[p].place.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    };
    if distinct(&items) >= 2 {
        return items;
    }
    // Bulleted lines after the trigger's line.
    items.clear();
    let Some(mut line) = (end..tokens.len()).find(|&k| tokens[k].is("\n")) else { return items };
    loop {
        while line < tokens.len() && tokens[line].is("\n") {
            line += 1;
        }
        if line >= tokens.len() || !bullet(&tokens[line]) {
            break;
        }
        let next = (line..tokens.len()).find(|&k| tokens[k].is("\n")).unwrap_or(tokens.len());
        let on_line =
            |at: &[usize]| -> Vec<usize> { (0..at.len()).filter(|&k| at[k] > line && at[k] < next).collect() };
        let place = on_line(place_at).into_iter().next();
        let figs = on_line(figure_at);
        let killed = figs.iter().copied().find(|&f| cx.figures[f].category == "killed");
        let injured = figs.iter().copied().find(|&f| cx.figures[f].category == "injured");
        if place.is_some() && (killed.is_some() || injured.is_some()) {
            items.push(Item { place, explicit: true, killed, injured });
        }
        line = next;
    }
    items
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
             A deal to evacuate the wounded was signed. They fired not two or three missiles but five rockets.",
        );
        let kinds: Vec<&str> = found.iter().map(|e| e.0.as_str()).collect();
        assert!(
            !kinds.contains(&"siege") && !kinds.contains(&"shelling") && !kinds.contains(&"evacuation"),
            "{found:#?}"
        );
        assert!(kinds.contains(&"agreement") && kinds.contains(&"missile_strike"), "{found:#?}");
    }

    /// Where a story was filed is not where it happened: the headline's
    /// shelling takes the town the body names, never the dateline's city.
    #[test]
    fn a_dateline_is_no_place_of_a_happening() {
        let found = events(
            "Two farmers killed in army shelling\nAMMAN, Jordan – Two farmers were killed when shells hit Nawa \
             in Syria's Daraa province on Sunday.",
        );
        assert!(!found.is_empty(), "{found:#?}");
        for e in &found {
            assert_ne!(e.2.as_deref(), Some("Amman"), "{found:#?}");
        }
        let found = events("غارات جوية على ريف إدلب\nبيروت - قصفت طائرات حربية بلدة سرمين في ريف إدلب صباح الثلاثاء.");
        for e in &found {
            assert_ne!(e.2.as_deref(), Some("Beirut"), "{found:#?}");
        }
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
