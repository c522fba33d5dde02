//! What the ACLED and UCDP exports share: an event's date at the precision
//! its sources support, who its parties are and on which side, and which
//! events are one happening by ACLED's hierarchy.

use super::tables::{self, Country};
use super::View;
use sitrep_link::{acled, ActorInfo, LinkedEvent};
use sitrep_present::dates;
use sitrep_record::DatePrecision;

// ---------------------------------------------------------------------------
// dates

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Day,
    Week,
    Month,
    Year,
}

/// An event's date; month and day are 1 where the precision does not
/// reach them. A week is the seven days that end on `day`.
#[derive(Clone, Copy, Debug)]
pub struct When {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub precision: Precision,
    /// Taken from the date of the document that reports the event.
    pub from_document: bool,
}

/// Why an event with no date at all ([`when`] finds none) is left out of
/// ACLED's and UCDP's files.
pub(crate) const NO_DATE: &str = "with no date (neither the reports nor their documents give one)";

fn parse_date(value: &str, stated: Option<DatePrecision>) -> Option<When> {
    let date = value.trim().split(['T', ' ']).next()?;
    let mut parts = date.split('-');
    let year = parts.next().filter(|y| y.len() == 4)?.parse::<i32>().ok()?;
    let month = parts.next().map(|m| m.parse::<u32>().ok().filter(|m| (1..=12).contains(m))).unwrap_or(Some(0))?;
    let day = match parts.next() {
        Some(d) if month > 0 => d.parse::<u32>().ok().filter(|&d| dates::day(year, month, d).is_some())?,
        Some(_) => return None,
        None => 0,
    };
    let shape = match (month, day) {
        (0, _) => Precision::Year,
        (_, 0) => Precision::Month,
        _ => Precision::Day,
    };
    let stated = match stated {
        Some(DatePrecision::Time | DatePrecision::Day) => Precision::Day,
        Some(DatePrecision::Month) => Precision::Month,
        Some(DatePrecision::Year) => Precision::Year,
        None => shape,
    };
    Some(When { year, month: month.max(1), day: day.max(1), precision: stated.max(shape), from_document: false })
}

/// The event's date at the precision both its value and its stated
/// precision support (a `day` precision on `2016-12` is a month).
pub fn stated(e: &LinkedEvent) -> Option<When> {
    parse_date(e.date.as_deref()?, e.date_precision)
}

/// The event's date; an event its reports leave undated takes the date of
/// the oldest document that reports it, as a week: news reports what
/// happened on the day or in the days before.
pub fn when(view: &View, e: &LinkedEvent) -> Option<When> {
    if e.date.is_some() {
        return stated(e);
    }
    let published = e
        .mentions
        .iter()
        .filter_map(|m| view.docs.get(m.doc.as_str()).and_then(|d| d.published.as_deref()))
        .filter_map(|d| parse_date(d, None).filter(|w| w.precision == Precision::Day))
        .min_by_key(|w| (w.year, w.month, w.day))?;
    Some(When { precision: Precision::Week, from_document: true, ..published })
}

pub fn ymd(year: i32, month: u32, day: u32) -> String {
    format!("{year:04}-{month:02}-{day:02}")
}

impl When {
    /// The first day the date covers.
    pub fn first(&self) -> Option<dates::Date> {
        match self.precision {
            Precision::Week => self.days_before(6),
            _ => dates::day(self.year, self.month, self.day),
        }
    }

    /// `YYYY-MM-DD` of the day it names.
    pub fn iso(&self) -> String {
        ymd(self.year, self.month, self.day)
    }

    /// The day `n` days before the one it names.
    pub fn days_before(&self, n: i64) -> Option<dates::Date> {
        let d = dates::day_number(&self.iso())?;
        dates::from_day_number(d - n)
    }

    /// The last day the date covers.
    pub fn last(&self) -> Option<dates::Date> {
        match self.precision {
            Precision::Day | Precision::Week => dates::day(self.year, self.month, self.day),
            Precision::Month => dates::month_end(self.year, self.month),
            Precision::Year => dates::day(self.year, 12, 31),
        }
    }
}

// ---------------------------------------------------------------------------
// parties

/// ACLED's actor types, as its current exports write them; the position
/// plus one is the numeric code of its older exports.
pub const INTER: [&str; 8] = [
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
];

pub fn inter_code(text: &str) -> u8 {
    INTER.iter().position(|t| *t == text).map_or(0, |i| i as u8 + 1)
}

/// Which side of a happening a party is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Camp {
    /// A state's forces, foreign forces, and the groups that fight on the
    /// government's side.
    Government,
    /// Armed groups against it, or of their own.
    Opposition,
    Civilians,
    /// Protesters and rioters.
    Crowd,
}

/// An actor of an event as the ACLED and UCDP exports code it.
#[derive(Clone, Debug)]
pub struct Party<'a> {
    pub actor: &'a ActorInfo,
    /// ACLED's name for it in this event.
    pub acled: String,
    /// A more specific group written beside a generic name (`Journalists
    /// (Syria)` beside `Civilians (Syria)`).
    pub assoc: Option<String>,
    /// ACLED's actor type (1–8), 0 when unknown.
    pub inter: u8,
    pub camp: Camp,
    /// A state's forces: the country whose government they are.
    pub state: Option<&'static Country>,
    /// The name UCDP GED gives it.
    pub ucdp: String,
}

/// What an event is about, for naming its parties.
pub struct Scene {
    pub country: Option<&'static Country>,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub violent: bool,
}

impl Scene {
    /// ACLED's name of the event's country, for generic actors.
    fn in_country(&self, name: &str) -> String {
        match self.country {
            Some(c) => format!("{name} ({})", c.name),
            None => name.to_string(),
        }
    }

    pub fn fill(&self, template: &str) -> String {
        match self.country {
            Some(c) => template.replace("{country}", c.name),
            None => template.replace(" ({country})", "").replace("{country}", ""),
        }
    }
}

/// A span in an ACLED name, `(2000-2024)` or `(2000-)`, with the years it
/// covers, and where it ends in the name.
fn span_in(name: &str) -> Option<(i32, Option<i32>, usize, usize)> {
    let open = name.find('(')?;
    let close = open + name[open..].find(')')?;
    let inner = &name[open + 1..close];
    let (from, to) = inner.split_once('-')?;
    let from = from.trim().parse().ok()?;
    let to = if to.trim().is_empty() { None } else { Some(to.trim().parse().ok()?) };
    Some((from, to, open, close + 1))
}

/// A state's forces as ACLED names them on the event's day: `Military
/// Forces of Syria (2000-2024)`, with the lexicon's unit after the span.
fn state_acled(a: &ActorInfo, country: &str, scene: &Scene) -> String {
    let lexicon = a.acled.as_deref().unwrap_or("");
    let prefix = ["Police Forces of", "Government of", "Military Forces of"]
        .into_iter()
        .find(|p| lexicon.starts_with(p))
        .map(|p| if p == "Government of" && scene.violent { "Military Forces of" } else { p })
        .unwrap_or(if a.kind == "other" && !scene.violent { "Government of" } else { "Military Forces of" });
    let span = span_in(lexicon);
    let unit = span.map_or("", |(_, _, _, end)| &lexicon[end..]);
    if !lexicon.is_empty() && span.is_none() {
        // A name without a regime (`Global Coalition Against Daesh`).
        return lexicon.to_string();
    }
    let state = tables::state_name(country).unwrap_or(country);
    if let Some(r) = tables::regime(country, &scene.date) {
        return format!("{prefix} {state} {}{unit}", r.span);
    }
    let year: i32 = scene.date.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0);
    match span {
        Some((from, to, _, _)) if !tables::has_regimes(country) && from <= year && to.is_none_or(|t| year <= t) => {
            lexicon.to_string()
        }
        // No span known for that day: the name without one.
        _ => format!("{prefix} {state}{unit}"),
    }
}

fn is_state(a: &ActorInfo) -> bool {
    matches!(a.inter, Some(1 | 8))
        && matches!(a.kind.as_str(), "state-forces" | "foreign-state" | "other")
        && a.country.as_deref().is_some_and(|c| tables::country(c).is_some())
}

/// An actor as a party of the event, or `None` for one that only reports
/// or is reported to (agencies, NGOs, media, persons).
pub fn party<'a>(a: &'a ActorInfo, scene: &Scene) -> Option<Party<'a>> {
    let lexicon = a.acled.as_deref().filter(|n| !n.is_empty());
    if a.inter.is_none() && lexicon.is_none() {
        return None;
    }
    if matches!(a.kind.as_str(), "ngo" | "media" | "person" | "international-org") && a.inter.is_none() {
        return None;
    }
    let row = tables::actor_row(&a.id, scene.country.map(|c| c.alpha2));
    let state = is_state(a).then(|| a.country.as_deref().and_then(tables::country)).flatten();
    let own_country = |c: &Country| scene.country.is_none_or(|e| e.alpha2 == c.alpha2);
    let mut assoc = None;
    let acled = match (row.map(|r| r.acled).filter(|n| !n.is_empty()), state) {
        (Some(template), _) => scene.fill(template),
        (None, Some(c)) => state_acled(a, c.alpha2, scene),
        (None, None) => match (lexicon, a.inter) {
            (Some(name), _) => name.to_string(),
            (None, Some(code @ 5..=7)) => {
                let generic = INTER[code as usize - 1];
                if !a.name.eq_ignore_ascii_case(generic) && !a.name.is_empty() {
                    assoc = Some(scene.in_country(&a.name));
                }
                scene.in_country(generic)
            }
            (None, Some(_)) if a.id.starts_with("generic-") => scene.in_country("Unidentified Armed Group"),
            (None, _) => a.name.clone(),
        },
    };
    let inter = match (row.map(|r| r.inter).filter(|i| !i.is_empty()), state) {
        (Some(text), _) => inter_code(text),
        (None, Some(c)) => {
            if own_country(c) {
                1
            } else {
                8
            }
        }
        (None, None) if a.id.starts_with("generic-") && acled.starts_with("Unidentified Armed Group") => 3,
        (None, None) => a.inter.unwrap_or(0),
    };
    let government_side = row.is_some_and(|r| r.side == "government");
    let camp = match inter {
        7 => Camp::Civilians,
        5 | 6 => Camp::Crowd,
        _ if state.is_some() || government_side || inter == 1 || inter == 8 => Camp::Government,
        _ => Camp::Opposition,
    };
    let ucdp = match (row.map(|r| r.ucdp).filter(|n| !n.is_empty()), state) {
        (Some(name), _) => name.to_string(),
        (None, Some(c)) => format!("Government of {}", c.ucdp_name.unwrap_or(c.name)),
        (None, None) => a.name.clone(),
    };
    Some(Party { actor: a, acled, assoc, inter, camp, state, ucdp })
}

/// The parties of a happening (one or more events), each actor once, in
/// the order the events name them (most often named first).
pub fn parties<'a>(view: &'a View<'a>, events: &[&LinkedEvent], scene: &Scene) -> Vec<Party<'a>> {
    let mut out: Vec<Party> = Vec::new();
    for e in events {
        for a in view.actors(e) {
            if out.iter().any(|p| p.actor.id == a.id) {
                continue;
            }
            if let Some(p) = party(a, scene) {
                out.push(p);
            }
        }
    }
    // The government's own forces lead its side.
    out.sort_by_key(|p| !(p.camp == Camp::Government && p.inter == 1));
    out
}

pub fn of<'p, 'a>(parties: &'p [Party<'a>], camp: Camp) -> Vec<&'p Party<'a>> {
    parties.iter().filter(|p| p.camp == camp).collect()
}

// ---------------------------------------------------------------------------
// event types

pub const BATTLES: &str = "Battles";
pub const EXPLOSIONS: &str = "Explosions/Remote violence";
pub const VIOLENCE_AGAINST_CIVILIANS: &str = "Violence against civilians";
const GOVERNMENT_REGAINS: &str = "Government regains territory";
const NON_STATE_OVERTAKES: &str = "Non-state actor overtakes territory";

/// ACLED's type names are compared without case: its codebook and its
/// exports disagree on capitals (`Strategic Developments`).
pub fn is(value: &str, name: &str) -> bool {
    value.trim().eq_ignore_ascii_case(name)
}

/// The event's ACLED type and sub-type, with a change of territory coded by
/// who advanced: a government's forces or their affiliates regain
/// territory, a non-state actor or a foreign state's forces overtake it,
/// and an advance by no one named is an armed clash.
pub fn acled_type(e: &LinkedEvent, parties: &[Party]) -> (String, String) {
    let (ty, sub) = (e.acled.event_type.clone(), e.acled.sub_event_type.clone());
    let territory = e.kind == "territory_change" || is(&sub, GOVERNMENT_REGAINS) || is(&sub, NON_STATE_OVERTAKES);
    if !(territory && is(&ty, BATTLES)) {
        return (ty, sub);
    }
    // The actor the reports name most is taken as the one who advanced.
    let advancer = e
        .actors
        .iter()
        .filter_map(|id| parties.iter().find(|p| &p.actor.id == id))
        .find(|p| matches!(p.camp, Camp::Government | Camp::Opposition));
    let sub = match advancer {
        Some(p) if p.camp == Camp::Government && p.inter != 8 => GOVERNMENT_REGAINS,
        Some(_) => NON_STATE_OVERTAKES,
        None => "Armed clash",
    };
    (ty, sub.to_string())
}

// ---------------------------------------------------------------------------
// one event per happening

/// What a violent event is done to, for joining it with others.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Target {
    /// Armed opponents: a battle.
    Armed,
    /// Civilians: violence against them, or a strike that names them.
    Civilians,
    /// A strike that names no target.
    Unknown,
}

struct Member<'a> {
    event: &'a LinkedEvent,
    ty: String,
    target: Target,
    armed: Vec<String>,
}

/// The events of `events` as happenings: each is one or more events, the
/// highest by ACLED's hierarchy first, in the order of their first event.
/// Events of political violence at one place on one day join when ACLED
/// would code them as one event (Codebook, "Event aggregation"): the same
/// armed actors (one's named parties among the other's, or none named) and
/// compatible tactics: strikes of any kind together (shelling during an air
/// strike is the air strike), a battle with strikes that name no civilian
/// target (an air strike in a ground battle is the battle), violence against
/// civilians with violence against civilians.
pub fn happenings<'a>(view: &'a View<'a>, events: Vec<&'a LinkedEvent>) -> Vec<Vec<&'a LinkedEvent>> {
    let mut groups: Vec<Vec<Member>> = Vec::new();
    let mut by_key: std::collections::HashMap<(String, String), Vec<usize>> = Default::default();
    let mut order: Vec<&LinkedEvent> = events;
    // The hierarchy decides which group an event joins, so the highest of
    // each place and day come first; the output keeps the input's order.
    let position: std::collections::HashMap<&str, usize> =
        order.iter().enumerate().map(|(i, e)| (e.id.as_str(), i)).collect();
    order.sort_by_key(|e| (acled::rank(&e.acled.event_type, &e.acled.sub_event_type), position[e.id.as_str()]));
    for e in order {
        let key = when(view, e)
            .filter(|w| w.precision == Precision::Day && !w.from_document)
            .zip(e.place.as_deref())
            .filter(|_| acled::is_violence(&e.acled.event_type))
            .map(|(w, p)| (p.to_string(), w.iso()));
        let country = view.place(e).and_then(|p| view.country_code(p)).and_then(|c| tables::country(&c));
        let scene = Scene { country, date: String::new(), violent: true };
        let parties = parties(view, &[e], &scene);
        let (ty, _) = acled_type(e, &parties);
        let civilians = parties.iter().any(|p| p.camp == Camp::Civilians);
        let target = if is(&ty, BATTLES) {
            Target::Armed
        } else if is(&ty, VIOLENCE_AGAINST_CIVILIANS) || civilians {
            Target::Civilians
        } else {
            Target::Unknown
        };
        let mut armed: Vec<String> = parties
            .iter()
            .filter(|p| matches!(p.camp, Camp::Government | Camp::Opposition))
            .filter(|p| !p.acled.starts_with("Unidentified"))
            .map(|p| p.actor.id.clone())
            .collect();
        armed.sort();
        let member = Member { event: e, ty, target, armed };
        let Some(key) = key else {
            groups.push(vec![member]);
            continue;
        };
        let candidates = by_key.entry(key).or_default();
        let joins = candidates.iter().copied().find(|&g| joins(&groups[g], &member));
        match joins {
            Some(g) => groups[g].push(member),
            None => {
                candidates.push(groups.len());
                groups.push(vec![member]);
            }
        }
    }
    let mut out: Vec<Vec<&LinkedEvent>> =
        groups.into_iter().map(|g| g.into_iter().map(|m| m.event).collect()).collect();
    out.sort_by_key(|g| g.iter().map(|e| position[e.id.as_str()]).min());
    out
}

fn joins(group: &[Member], m: &Member) -> bool {
    let kind = |x: &Member| {
        if is(&x.ty, BATTLES) {
            'B'
        } else if is(&x.ty, EXPLOSIONS) {
            'E'
        } else {
            'V'
        }
    };
    let tactics = group.iter().all(|g| match (kind(g), kind(m)) {
        ('E', 'E') | ('B', 'B') | ('V', 'V') => true,
        ('B', 'E') => m.target == Target::Unknown,
        ('E', 'B') => g.target == Target::Unknown,
        _ => false,
    }) && !(group.iter().any(|g| kind(g) == 'B') && m.target == Target::Civilians && kind(m) == 'E')
        && !(kind(m) == 'B' && group.iter().any(|g| g.target == Target::Civilians));
    let mut named: Vec<&String> = group.iter().flat_map(|g| g.armed.iter()).collect();
    named.sort();
    named.dedup();
    let within = |a: &[&String], b: &[&String]| a.iter().all(|x| b.contains(x));
    let mine: Vec<&String> = m.armed.iter().collect();
    tactics && (within(&mine, &named) || within(&named, &mine))
}

/// The highest event of a happening and its type, as ACLED codes the
/// happening.
pub fn head<'a>(events: &[&'a LinkedEvent], parties: &[Party]) -> (&'a LinkedEvent, String, String) {
    let typed: Vec<(&LinkedEvent, String, String)> = events
        .iter()
        .map(|e| {
            let (t, s) = acled_type(e, parties);
            (*e, t, s)
        })
        .collect();
    typed
        .into_iter()
        .enumerate()
        .min_by_key(|(i, (_, t, s))| (acled::rank(t, s), *i))
        .map(|(_, x)| x)
        .expect("a happening has an event")
}
