//! The `acled` export: ACLED's 31 columns, coded as ACLED's codebook says
//! from what the linked record knows.
//!
//! - **One row per happening.** Events of political violence at one place
//!   on one day that ACLED would code as one event (the same armed actors,
//!   compatible tactics) are one row of the highest type by ACLED's
//!   hierarchy (`coding::happenings`): shelling, a barrel bomb and an air
//!   strike on one quarter one day are one `Air/drone strike`, with their
//!   fatalities summed and every report's words in `notes`.
//! - **Dates.** Day precision gives `time_precision` 1; month precision 3
//!   with the 15th, ACLED's mid-point of a month. An event its reports do
//!   not date takes its report's date as a week (`time_precision` 2) and
//!   ACLED's mid-point of that week, three days before the report. Events
//!   dated only to a year cannot be coded (ACLED records none) and are left
//!   out, as are sieges (a siege is a condition; ACLED codes the violence
//!   done during it).
//! - **Actors** (`coding::party`). Only parties are coded: agencies, NGOs,
//!   media and persons who report an event are not its actors. Names are
//!   ACLED's: a state's forces by its regime on the event's day
//!   (`Military Forces of Syria (2000-2024)`, `data/acled_regimes.tsv`;
//!   written without the years when no regime is known for that day),
//!   generic actors as ACLED writes them (`Civilians (Syria)`,
//!   `Unidentified Armed Group (Syria)`, `Opposition Rebels (Syria)`,
//!   `data/acled_actors.tsv`), a named group by the lexicon's ACLED name or
//!   its own. A state's forces outside their country are `External/Other
//!   forces`. Sides: the government's forces, foreign forces and the groups
//!   the table puts on the government's side are one side, armed groups the
//!   other (allies are associated actors, never each other's `actor2`);
//!   violence against civilians has its perpetrator as `actor1`
//!   (`Unidentified Armed Group (Country)`, a political militia, when none
//!   is named) and `Civilians (Country)` as `actor2`, with more specific
//!   groups (`Journalists (Syria)`) as associated actors; a strike that
//!   names civilians has them as `actor2`; civilians caught in a battle are
//!   not its actors; protests and riots have `Protesters (Country)` and
//!   `Rioters (Country)` as `actor1`. A strategic development that names no
//!   actor is left out, except a displacement or evacuation, whose actor is
//!   the civilians. Parties no column can hold are named in `notes`.
//! - **Codes.** `inter1`, `inter2` and `interaction` are text, as ACLED's
//!   API writes them by default (`State forces`, `State forces-Civilians`,
//!   `External/Other forces-Civilians`, `Protesters only`; `inter2` empty
//!   without an `actor2`), or, with `--acled-inter numeric`, the numeric
//!   codes of ACLED's older exports and of tools built on them (`1`, `17`,
//!   `60`; `0` for no actor 2). `civilian_targeting` is `Civilian targeting`
//!   for violence against civilians, and for strikes and riots whose
//!   `actor2` is civilians. A change of territory is `Government regains
//!   territory` when a government's forces or their affiliates advance,
//!   `Non-state actor overtakes territory` when an armed group or a foreign
//!   state's forces do, an `Armed clash` when no one who advanced is named.
//!   `disorder_type` follows ACLED's table (excessive force against
//!   protesters is both political violence and a demonstration; mob
//!   violence is political violence).
//! - **Geography.** `iso`, `country` and `region` are ACLED's, from
//!   `data/iso3166.tsv` (ACLED's own country list's regions). `admin1`–
//!   `admin3`: the place's enclosing places from the outside in, the country
//!   left out; a region is itself the deepest level. `location` is the
//!   place's name, `latitude`/`longitude` its point, `geo_precision` the
//!   place's ACLED precision.
//! - **Fatalities** follow ACLED's conservative rule whatever rule the
//!   record was linked by: each event's lowest figure (`low` of its killed
//!   range: `at least 80` is 80, `dozens` 12), summed over the events of the
//!   row; 0 when none is reported.
//! - **Sources and notes.** `source` names the independent origins, then
//!   the publishers, once each. `notes` says when, what and where, the
//!   fatalities, then quotes each mention (its sentence for the first) with
//!   its publisher, document id and span (`[doc 3f2a9c1b0a1e span
//!   120-180]`); past five mentions only ids and spans. `source_scale`,
//!   `tags` and `timestamp` are left empty: sitrep cannot judge a source's
//!   scale, and a zero timestamp would read as 1970.
//! - `event_id_cnty` is the ISO alpha-3 code (`XXX` when the country is
//!   unknown) and the stable id of the row's highest event.

use super::cells::Table;
use super::coding::{self, Camp, Party, Precision, Scene, When, INTER, NO_DATE};
use super::tables;
use super::{admin_chain, coordinates, doc_span, id_suffix, number, sentence, InterStyle, Options, View, Written};
use sitrep_link::{acled, LinkedEvent, Rule};
use sitrep_present::{dates, text};
use sitrep_record::PlaceKind;
use std::collections::HashSet;
use std::io::{self, Write};

/// ACLED's export columns, in ACLED's order.
pub const ACLED_COLUMNS: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

const YEAR_ONLY: &str = "dated only to a year (ACLED codes to the month at least)";
const SIEGE: &str = "sieges (a condition, not an ACLED event: ACLED codes the violence during one)";
const NO_ACTOR: &str = "strategic developments that name no actor";

pub fn write(view: &View, options: &Options, written: &mut Written, out: &mut dyn Write) -> io::Result<()> {
    written.unit = "ACLED events";
    let mut table = Table::new(out, options.bom, &ACLED_COLUMNS)?;
    let mut kept = Vec::new();
    for e in &view.linked.events {
        let reason = match coding::when(view, e) {
            None => Some(NO_DATE),
            Some(w) if w.precision == Precision::Year => Some(YEAR_ONLY),
            _ if e.kind == "siege" => Some(SIEGE),
            _ => None,
        };
        match reason {
            Some(r) => written.leave(r),
            None => kept.push(e),
        }
    }
    for group in coding::happenings(view, kept) {
        match row(view, options.inter, &group) {
            Ok(r) => {
                table.row(&r)?;
                written.rows += 1;
                written.joined += group.len() - 1;
            }
            Err(reason) => group.iter().for_each(|_| written.leave(reason)),
        }
    }
    table.flush()
}

/// One side of an ACLED event.
#[derive(Debug)]
struct Side {
    name: String,
    inter: u8,
    assoc: Vec<String>,
}

impl Side {
    /// The first party as the actor, the others and every more specific
    /// group as its associated actors.
    fn of(parties: &[&Party]) -> Option<Side> {
        let first = parties.first()?;
        let mut side = Side { name: first.acled.clone(), inter: first.inter, assoc: Vec::new() };
        for p in parties {
            let names = [(p.actor.id != first.actor.id).then(|| p.acled.clone()), p.assoc.clone()];
            for n in names.into_iter().flatten() {
                side.add(n);
            }
        }
        Some(side)
    }

    /// A generic side (`Civilians (Syria)`) with the parties' own names as
    /// its associated actors.
    fn generic(name: String, inter: u8, parties: &[&Party]) -> Side {
        let mut side = Side { name, inter, assoc: Vec::new() };
        for p in parties {
            for n in [Some(p.acled.clone()), p.assoc.clone()].into_iter().flatten() {
                side.add(n);
            }
        }
        side
    }

    fn add(&mut self, name: String) {
        if name != self.name && !self.assoc.contains(&name) {
            self.assoc.push(name);
        }
    }
}

struct Sides {
    one: Side,
    two: Option<Side>,
    /// Parties no column holds, named in the notes.
    also: Vec<String>,
}

fn sides(ty: &str, sub: &str, kind: &str, parties: &[Party], scene: &Scene) -> Result<Sides, &'static str> {
    use coding::{is, of, BATTLES, EXPLOSIONS, VIOLENCE_AGAINST_CIVILIANS};
    let (gov, opp, civ, crowd) = (
        of(parties, Camp::Government),
        of(parties, Camp::Opposition),
        of(parties, Camp::Civilians),
        of(parties, Camp::Crowd),
    );
    let unidentified =
        || Side { name: scene.fill("Unidentified Armed Group ({country})"), inter: 3, assoc: Vec::new() };
    let civilians = |civ: &[&Party]| {
        let generic = scene.fill("Civilians ({country})");
        let specific: Vec<&Party> = civ.iter().copied().filter(|p| p.acled != generic).collect();
        Side::generic(generic, 7, &specific)
    };
    let names = |ps: &[&Party]| ps.iter().map(|p| p.acled.clone()).collect::<Vec<_>>();
    let (armed, other) = if gov.is_empty() { (&opp, &gov) } else { (&gov, &opp) };
    let sides = if is(ty, VIOLENCE_AGAINST_CIVILIANS) {
        Sides { one: Side::of(armed).unwrap_or_else(unidentified), two: Some(civilians(&civ)), also: names(other) }
    } else if is(ty, BATTLES) {
        match (Side::of(&gov), Side::of(&opp)) {
            (Some(a), b) => Sides { one: a, two: b, also: Vec::new() },
            (None, Some(_)) if opp.len() > 1 => {
                Sides { one: Side::of(&opp[..1]).expect("one"), two: Side::of(&opp[1..2]), also: names(&opp[2..]) }
            }
            (None, Some(a)) => Sides { one: a, two: None, also: Vec::new() },
            (None, None) => Sides { one: unidentified(), two: None, also: Vec::new() },
        }
    } else if is(ty, EXPLOSIONS) {
        let one = Side::of(armed).unwrap_or_else(unidentified);
        if civ.is_empty() {
            Sides { one, two: Side::of(other), also: Vec::new() }
        } else {
            Sides { one, two: Some(civilians(&civ)), also: names(other) }
        }
    } else if is(ty, "Protests") || is(ty, "Riots") {
        let (generic, code) = if is(ty, "Riots") { ("Rioters ({country})", 5) } else { ("Protesters ({country})", 6) };
        let generic = scene.fill(generic);
        let own: Vec<&Party> = crowd.iter().copied().filter(|p| p.acled != generic).collect();
        let two = Side::of(&gov).or_else(|| (is(sub, "Mob violence") && !civ.is_empty()).then(|| civilians(&civ)));
        Sides { one: Side::generic(generic, code, &own), two, also: names(&opp) }
    } else {
        // Strategic developments: whoever acts, and the other side.
        let camps: Vec<&Vec<&Party>> = [&gov, &opp, &civ, &crowd].into_iter().filter(|c| !c.is_empty()).collect();
        match camps.as_slice() {
            [] if matches!(kind, "displacement" | "evacuation") => {
                Sides { one: civilians(&[]), two: None, also: Vec::new() }
            }
            [] => return Err(NO_ACTOR),
            [one, rest @ ..] => {
                let one = if one.first().is_some_and(|p| p.camp == Camp::Civilians) {
                    civilians(one)
                } else {
                    Side::of(one).expect("a camp has a party")
                };
                let two = rest.first().map(|c| {
                    if c[0].camp == Camp::Civilians {
                        civilians(c)
                    } else {
                        Side::of(c).expect("a camp has a party")
                    }
                });
                Sides { one, two, also: rest.iter().skip(1).flat_map(|c| names(c)).collect() }
            }
        }
    };
    Ok(sides)
}

/// `inter1`, `inter2` and `interaction` in the chosen style.
fn inter_cells(style: InterStyle, one: &Side, two: Option<&Side>) -> [String; 3] {
    let a = one.inter;
    let b = two.map(|t| t.inter);
    match style {
        InterStyle::Numeric => {
            let interaction = match b {
                _ if a == 0 => String::new(),
                None => (u16::from(a) * 10).to_string(),
                Some(0) => String::new(),
                Some(b) => (u16::from(a.min(b)) * 10 + u16::from(a.max(b))).to_string(),
            };
            [a.to_string(), b.unwrap_or(0).to_string(), interaction]
        }
        InterStyle::Text => {
            let name = |c: u8| if c == 0 { String::new() } else { INTER[c as usize - 1].to_string() };
            let interaction = match b {
                _ if a == 0 => String::new(),
                None => format!("{} only", name(a)),
                Some(0) => String::new(),
                // Civilians are always named second, even after external forces.
                Some(b) if a.max(b) == 8 && a.min(b) == 7 => "External/Other forces-Civilians".to_string(),
                Some(b) => format!("{}-{}", name(a.min(b)), name(a.max(b))),
            };
            [name(a), b.map(name).unwrap_or_default(), interaction]
        }
    }
}

fn disorder_type(ty: &str, sub: &str) -> &'static str {
    use coding::is;
    if acled::is_violence(ty) {
        "Political violence"
    } else if is(ty, "Protests") {
        if is(sub, "Excessive force against protesters") || is(sub, "Excessive force against protestors") {
            "Political violence; Demonstrations"
        } else {
            "Demonstrations"
        }
    } else if is(ty, "Riots") {
        if is(sub, "Mob violence") {
            "Political violence"
        } else {
            "Demonstrations"
        }
    } else if is(ty, "Strategic developments") {
        "Strategic developments"
    } else {
        ""
    }
}

/// ACLED's conservative reading of an event's toll: its lowest figure.
fn fatalities(e: &LinkedEvent) -> f64 {
    e.killed.as_ref().map_or(0.0, |k| k.low.min(k.best).floor().max(0.0))
}

fn row(view: &View, style: InterStyle, group: &[&LinkedEvent]) -> Result<Vec<String>, &'static str> {
    let first = group[0];
    let when = coding::when(view, first).ok_or(NO_DATE)?;
    let place = view.place(first);
    let code = place.and_then(|p| view.country_code(p));
    let country = code.as_deref().and_then(tables::country);
    let day = when.first().map(|d| d.to_string()).unwrap_or_else(|| when.iso());
    let mut scene = Scene { country, date: day, violent: acled::is_violence(&first.acled.event_type) };
    let parties = coding::parties(view, group, &scene);
    let (head, ty, sub) = coding::head(group, &parties);
    scene.violent = acled::is_violence(&ty);
    let sides = sides(&ty, &sub, &head.kind, &parties, &scene)?;
    let (event_date, time_precision) = match when.precision {
        Precision::Day => (when.iso(), 1),
        // ACLED's reference day of a week is its middle.
        Precision::Week => (when.days_before(3).map_or_else(|| when.iso(), |d| d.to_string()), 2),
        _ => (coding::ymd(when.year, when.month, 15), 3),
    };
    let country_name = code.as_deref().map(|c| view.country_name(c)).unwrap_or_default();
    let admins = place.map(|p| admin_chain(p, code.is_some())).unwrap_or_default();
    let (lat, lon) =
        place.and_then(coordinates).map_or((String::new(), String::new()), |(la, lo)| (la.to_string(), lo.to_string()));
    let targets_civilians = sides.two.as_ref().is_some_and(|s| s.inter == 7);
    let civilian_targeting = coding::is(&ty, coding::VIOLENCE_AGAINST_CIVILIANS)
        || ((coding::is(&ty, coding::EXPLOSIONS) || coding::is(&ty, "Riots")) && targets_civilians);
    let [inter1, inter2, interaction] = inter_cells(style, &sides.one, sides.two.as_ref());
    let fatalities: f64 = group.iter().map(|e| fatalities(e)).sum();
    let notes = notes(view, group, &when, place, &admins, &sides.also, fatalities);
    let year = event_date.get(..4).unwrap_or_default().to_string();
    let side = |s: Option<&Side>| s.map_or((String::new(), String::new()), |s| (s.name.clone(), s.assoc.join("; ")));
    let (actor1, assoc1) = side(Some(&sides.one));
    let (actor2, assoc2) = side(sides.two.as_ref());
    Ok(vec![
        format!("{}{}", country.map_or("XXX", |c| c.alpha3), id_suffix(&head.id)),
        event_date,
        year,
        time_precision.to_string(),
        disorder_type(&ty, &sub).into(),
        ty.clone(),
        sub.clone(),
        actor1,
        assoc1,
        inter1,
        actor2,
        assoc2,
        inter2,
        interaction,
        if civilian_targeting { "Civilian targeting".into() } else { String::new() },
        country.and_then(|c| c.numeric).map(|n| n.to_string()).unwrap_or_default(),
        country.map(|c| c.region.to_string()).unwrap_or_default(),
        country_name,
        admins.first().map(|s| s.to_string()).unwrap_or_default(),
        admins.get(1).map(|s| s.to_string()).unwrap_or_default(),
        admins.get(2).map(|s| s.to_string()).unwrap_or_default(),
        place.map(|p| p.name.clone()).unwrap_or_default(),
        lat,
        lon,
        place.map(|p| p.precision.acled).filter(|&p| p > 0).map(|p| p.to_string()).unwrap_or_default(),
        sources(view, group).join("; "),
        String::new(),
        notes,
        number(fatalities),
        String::new(),
        String::new(),
    ])
}

/// Independent origins first (who the reports rely on), then the
/// publishers that carried them, each once.
fn sources(view: &View, group: &[&LinkedEvent]) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let origins = group.iter().flat_map(|e| e.origins.iter()).map(|o| o.name.as_str());
    let publishers = view.documents_of(group).into_iter().map(|d| d.publisher.as_str());
    for name in origins.chain(publishers) {
        let name = name.trim();
        if !name.is_empty() && seen.insert(name.to_lowercase()) {
            out.push(name.to_string());
        }
    }
    out
}

/// How many mentions a note quotes; the rest are listed by document and
/// span only, so a note stays readable on an event a hundred pages report.
const QUOTED_MENTIONS: usize = 5;

fn notes(
    view: &View,
    group: &[&LinkedEvent],
    when: &When,
    place: Option<&sitrep_link::PlaceInfo>,
    admins: &[&str],
    also: &[String],
    fatalities: f64,
) -> String {
    let mut note = String::new();
    let name_of_month = |d: Option<dates::Date>| d.map(dates::month_name).unwrap_or_default();
    let date = match when.precision {
        Precision::Day => format!("On {} {} {}", when.day, name_of_month(when.first()), when.year),
        Precision::Week if when.from_document => format!(
            "In the week to {} {} {} (undated; the date of the report)",
            when.day,
            name_of_month(when.last()),
            when.year
        ),
        Precision::Week => format!("In the week to {} {} {}", when.day, name_of_month(when.last()), when.year),
        _ => format!("In {} {}", name_of_month(when.first()), when.year),
    };
    let mut what: Vec<String> = Vec::new();
    for e in group {
        let w = [e.kind.replace('_', " "), e.acled.sub_event_type.to_lowercase(), e.acled.event_type.to_lowercase()]
            .into_iter()
            .find(|w| !w.trim().is_empty())
            .unwrap_or_else(|| "event".into());
        if !what.contains(&w) {
            what.push(w);
        }
    }
    note.push_str(&format!("{date}, {}", what.join(" and ")));
    if let Some(p) = place {
        note.push_str(&format!(" in {}", p.name));
        // A region is its own deepest level; the note names it once.
        let own = usize::from(p.kind == PlaceKind::Region).min(admins.len());
        let enclosing: Vec<&str> = admins[..admins.len() - own].iter().rev().copied().collect();
        if !enclosing.is_empty() {
            note.push_str(&format!(" ({})", enclosing.join(", ")));
        }
    }
    note.push('.');
    let killed: Vec<&sitrep_link::Range> = group.iter().filter_map(|e| e.killed.as_ref()).collect();
    if !killed.is_empty() {
        note.push_str(&format!(" Fatalities: {}", number(fatalities)));
        let high: f64 = killed.iter().map(|k| k.high).sum();
        let best: f64 = killed.iter().map(|k| k.best).sum();
        if high > fatalities {
            let rule = match view.linked.rule {
                Rule::Median => "median",
                Rule::Conservative => "conservative",
            };
            note.push_str(&format!(
                " (the lowest figure; reports give up to {}, best {} by the {rule} rule)",
                number(high),
                number(best)
            ));
        }
        let civilians: f64 = group.iter().filter_map(|e| e.killed_civilians.as_ref()).map(|c| c.low).sum();
        if civilians > 0.0 {
            note.push_str(&format!(", of them civilians: {}", number(civilians.min(fatalities).floor())));
        }
        note.push('.');
    }
    if group.len() > 1 {
        note.push_str(&format!(" One event by ACLED's hierarchy of {} reported events.", group.len()));
    }
    if !also.is_empty() {
        note.push_str(&format!(" Also named: {}.", also.join("; ")));
    }
    let mentions = view.mentions(group);
    for (i, m) in mentions.iter().enumerate() {
        if i == QUOTED_MENTIONS {
            note.push_str(&format!(" {} more:", mentions.len() - QUOTED_MENTIONS));
        }
        if i < QUOTED_MENTIONS {
            let words = if i == 0 { sentence(m, 200) } else { text::clip(&text::one_line(&m.text), 120) };
            let publisher = view.publisher(&m.doc).map(|p| format!("{p}: ")).unwrap_or_default();
            note.push_str(&format!(" {publisher}\"{words}\" {}", doc_span(m)));
        } else {
            note.push_str(&format!(" {}", doc_span(m)));
        }
    }
    note
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(inter: u8) -> Side {
        Side { name: String::new(), inter, assoc: Vec::new() }
    }

    #[test]
    fn interaction_codes_as_acled_writes_them() {
        let text = |a: u8, b: Option<u8>| inter_cells(InterStyle::Text, &side(a), b.map(side).as_ref());
        assert_eq!(text(1, Some(7)), ["State forces", "Civilians", "State forces-Civilians"]);
        assert_eq!(text(7, Some(1))[2], "State forces-Civilians", "the lower code first");
        assert_eq!(text(8, Some(7))[2], "External/Other forces-Civilians", "civilians always second");
        assert_eq!(text(6, None), ["Protesters", "", "Protesters only"]);
        let numeric = |a: u8, b: Option<u8>| inter_cells(InterStyle::Numeric, &side(a), b.map(side).as_ref());
        assert_eq!(numeric(1, Some(7)), ["1", "7", "17"]);
        assert_eq!(numeric(8, Some(7)), ["8", "7", "78"]);
        assert_eq!(numeric(6, None), ["6", "0", "60"]);
    }

    #[test]
    fn disorder_types_follow_acleds_table() {
        assert_eq!(disorder_type("Battles", "Armed clash"), "Political violence");
        assert_eq!(disorder_type("Riots", "Mob violence"), "Political violence");
        assert_eq!(disorder_type("Riots", "Violent demonstration"), "Demonstrations");
        assert_eq!(
            disorder_type("Protests", "Excessive force against protesters"),
            "Political violence; Demonstrations"
        );
        assert_eq!(disorder_type("Strategic developments", "Other"), "Strategic developments");
    }
}
