//! The `ucdp` export: UCDP GED's 49 columns.
//!
//! GED holds organized violence: battles, explosions and violence against
//! civilians, one row per happening as in the ACLED export (the same
//! events join). GED's dataset ids (conflict, dyad, side, `relid`) and
//! `active_year` need UCDP's own coding and are left empty.
//!
//! - **Sides.** `type_of_violence` is on every row: 3 (one-sided) for
//!   violence against civilians, side A its perpetrator and side B
//!   `Civilians`; 1 (state-based) when a state's forces are a party, side A
//!   the governments (`Government of Syria`, as GED names a state; GED's
//!   bracketed names: `Government of Russia (Soviet Union)`), all on one
//!   side, since states named in one event strike together (GED writes
//!   allied governments as one side, `Government of Israel, Government of
//!   United States of America`), and side B the armed group they fight, if
//!   named, by GED's name for it (`Syrian insurgents`, `IS`); 2 (non-state)
//!   between two armed groups. Groups that fight on a government's side
//!   (`data/acled_actors.tsv`) are never its opponent. An event GED could
//!   not type is left out and counted: violence against civilians with no
//!   perpetrator named, violence that names no armed actor, or a single
//!   armed group with no opponent and no civilian target.
//! - **Deaths.** `best`, `low` and `high` are the sums of the events'
//!   killed ranges (best rounded, low down, high up), 0 when none is
//!   reported (GED itself holds only events with a death: keep `best > 0`
//!   to match it). Deaths the figures say were civilians (`killing 12
//!   civilians`) are `deaths_civilians`, and all of one-sided violence's;
//!   the rest `deaths_unknown`, so `best` is the sum of the four deaths
//!   columns (`deaths_a` and `deaths_b` stay 0: the figures do not say
//!   whose fighters died).
//! - **Dates.** `date_prec` 1 for a day, 4 for a month (start and end its
//!   first and last days), 5 for a year; an undated event takes its
//!   report's week (3: the seven days ending on the report's date). Undated
//!   events of undated documents are left out. `event_clarity` is 1 for a
//!   day, 2 for coarser dates, which are usually summaries.
//! - **Sources.** `number_of_sources` counts independent origins;
//!   `source_article` lists the documents, `source_office`, `source_date`
//!   and `source_headline` their publishers, dates and titles;
//!   `source_original` quotes each mention with its publisher, document id
//!   and span.
//! - **Place.** `where_prec` is the place's UCDP precision,
//!   `where_coordinates` its name and kind (`Kallaseh neighbourhood`),
//!   `where_description` its name and enclosing places, `adm_1`/`adm_2`
//!   the first two administrative levels with the word GED writes after
//!   them (`Aleppo governorate`, `data/admin_terms.tsv`), `geom_wkt`
//!   `POINT (lon lat)`, `priogrid_gid` the PRIO-GRID cell (0.5°, numbered
//!   from 1 at 90°S 180°W row by row), `country` GED's name (Gaza and the
//!   West Bank under Israel), `country_id` its Gleditsch–Ward number
//!   (`data/gleditsch_ward.tsv`), `region` UCDP's (Africa, Americas, Asia,
//!   Europe, Middle East). `gwnoa` is the Gleditsch–Ward numbers of side A's
//!   governments, joined with `, `; `gwnob` is empty, since an interstate
//!   side B is never coded.

use super::cells::Table;
use super::coding::{self, Camp, Party, Precision, Scene, NO_DATE};
use super::tables::{self, Country};
use super::{admin_chain, coordinates, doc_span, documents_of_all, number, Options, View, Written};
use sitrep_link::{acled, LinkedEvent};
use sitrep_present::text;
use std::collections::HashSet;
use std::io::{self, Write};

/// UCDP GED's columns, in GED's order.
pub const UCDP_COLUMNS: [&str; 49] = [
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "gwnoa",
    "gwnob",
];

const NOT_VIOLENCE: &str = "not organized violence (GED holds battles, explosions and violence against civilians)";
const NO_PERPETRATOR: &str = "violence against civilians with no perpetrator named";
const NO_ARMED: &str = "violence that names no armed actor";
const ONE_GROUP: &str = "one armed group with no opponent or civilian target named";

pub fn write(view: &View, options: &Options, written: &mut Written, out: &mut dyn Write) -> io::Result<()> {
    written.unit = "GED events";
    let mut table = Table::new(out, options.bom, &UCDP_COLUMNS)?;
    let mut kept = Vec::new();
    for e in &view.linked.events {
        if !acled::is_violence(&e.acled.event_type) {
            written.leave(NOT_VIOLENCE);
        } else if coding::when(view, e).is_none() {
            written.leave(NO_DATE);
        } else {
            kept.push(e);
        }
    }
    for group in coding::happenings(view, kept) {
        match row(view, &group) {
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

struct Dyad {
    violence: u8,
    side_a: String,
    side_b: String,
    /// Gleditsch–Ward numbers of side A's governments.
    gwnoa: String,
}

/// GED's sides from the parties (see the module's docs).
fn dyad(ty: &str, parties: &[Party]) -> Result<Dyad, &'static str> {
    let states: Vec<&Party> = parties.iter().filter(|p| p.state.is_some()).collect();
    let mut seen = HashSet::new();
    let governments: Vec<&Country> = states.iter().filter_map(|p| p.state).filter(|c| seen.insert(c.alpha2)).collect();
    let government_side = || {
        let names: Vec<String> =
            governments.iter().map(|c| format!("Government of {}", c.ucdp_name.unwrap_or(c.name))).collect();
        let numbers: Vec<String> = governments.iter().filter_map(|c| c.gw).map(|n| n.to_string()).collect();
        (names.join(", "), numbers.join(", "))
    };
    // Armed groups against the government (never those on its side).
    let opposition: Vec<&Party> = parties.iter().filter(|p| p.camp == Camp::Opposition).collect();
    let allies: Vec<&Party> = parties.iter().filter(|p| p.camp == Camp::Government && p.state.is_none()).collect();
    let civilians = parties.iter().any(|p| p.camp == Camp::Civilians);
    let group_name = |p: &Party| p.ucdp.clone();
    if coding::is(ty, coding::VIOLENCE_AGAINST_CIVILIANS) {
        let side_a = if !governments.is_empty() {
            government_side()
        } else if let Some(p) = opposition.first().or(allies.first()) {
            (group_name(p), String::new())
        } else {
            return Err(NO_PERPETRATOR);
        };
        return Ok(Dyad { violence: 3, side_a: side_a.0, side_b: "Civilians".into(), gwnoa: side_a.1 });
    }
    if !governments.is_empty() {
        let (side_a, gwnoa) = government_side();
        let side_b = opposition.first().map(|p| group_name(p)).unwrap_or_default();
        return Ok(Dyad { violence: 1, side_a, side_b, gwnoa });
    }
    let groups: Vec<&Party> = opposition.iter().chain(allies.iter()).copied().collect();
    match groups.as_slice() {
        [] => Err(NO_ARMED),
        [one] if civilians => {
            Ok(Dyad { violence: 3, side_a: group_name(one), side_b: "Civilians".into(), gwnoa: String::new() })
        }
        [_] => Err(ONE_GROUP),
        [a, b, ..] => Ok(Dyad { violence: 2, side_a: group_name(a), side_b: group_name(b), gwnoa: String::new() }),
    }
}

/// GED's name of an administrative unit: the name, then the word for its
/// level (`Aleppo governorate`), unless the name already holds it.
fn admin_name(name: &str, term: Option<&str>) -> String {
    match term {
        Some(t) if !name.to_lowercase().contains(&t.to_lowercase()) => format!("{name} {t}"),
        _ => name.to_string(),
    }
}

fn row(view: &View, group: &[&LinkedEvent]) -> Result<Vec<String>, &'static str> {
    let first = group[0];
    let when = coding::when(view, first).ok_or(NO_DATE)?;
    let place = view.place(first);
    let code = place.and_then(|p| view.country_code(p));
    let country = code.as_deref().and_then(tables::country);
    // GED files some territories under another state (Gaza under Israel).
    let ged_country = country.and_then(|c| c.ucdp_under.and_then(tables::country_by_alpha3)).or(country);
    let day = when.first().map(|d| d.to_string()).unwrap_or_else(|| when.iso());
    let scene = Scene { country, date: day, violent: true };
    let parties = coding::parties(view, group, &scene);
    let (head, ty, _) = coding::head(group, &parties);
    let dyad = dyad(&ty, &parties)?;
    let (date_prec, start, end) = match when.precision {
        Precision::Day => (1, when.iso(), when.iso()),
        Precision::Week => (3, when.first().map(|d| d.to_string()).unwrap_or_default(), when.iso()),
        Precision::Month => {
            (4, coding::ymd(when.year, when.month, 1), when.last().map(|d| d.to_string()).unwrap_or_default())
        }
        Precision::Year => (5, coding::ymd(when.year, 1, 1), coding::ymd(when.year, 12, 31)),
    };
    let admins = place.map(|p| admin_chain(p, code.is_some())).unwrap_or_default();
    let terms = code.as_deref().and_then(tables::admin_terms);
    let point = place.and_then(coordinates);
    // Deaths: each event's killed range, summed; civilians where the
    // figures say so, and all of one-sided violence's.
    let killed = super::sum(group.iter().filter_map(|e| e.killed.clone()).map(|k| sitrep_link::Range {
        low: k.low.floor().max(0.0),
        best: k.best.round().max(0.0),
        high: k.high.ceil().max(0.0),
    }));
    let (low, best, high) = killed.map_or((0.0, 0.0, 0.0), |k| (k.low.min(k.best), k.best, k.high.max(k.best)));
    let civilians = if dyad.violence == 3 {
        best
    } else {
        group
            .iter()
            .filter_map(|e| Some(e.killed_civilians.as_ref()?.best.round().min(e.killed.as_ref()?.best.round())))
            .sum::<f64>()
            .min(best)
    };
    let docs = view.documents_of(group);
    let distinct = |values: Vec<&str>| {
        let mut seen = HashSet::new();
        values.into_iter().filter(|v| !v.is_empty() && seen.insert(*v)).collect::<Vec<_>>().join("; ")
    };
    let quotes: Vec<String> = view
        .mentions(group)
        .iter()
        .map(|m| {
            let publisher = view.publisher(&m.doc).map(|p| format!("{p}: ")).unwrap_or_default();
            format!("{publisher}\"{}\" {}", text::clip(&text::one_line(&m.text), 200), doc_span(m))
        })
        .collect();
    let description = place.map(|p| {
        std::iter::once(p.name.as_str()).chain(p.within.iter().map(String::as_str)).collect::<Vec<_>>().join(", ")
    });
    let mut origins: Vec<&str> = group.iter().flat_map(|e| e.origins.iter().map(|o| o.key.as_str())).collect();
    origins.sort_unstable();
    origins.dedup();
    let dyad_name = if dyad.side_b.is_empty() { String::new() } else { format!("{} - {}", dyad.side_a, dyad.side_b) };
    let empty = String::new;
    Ok(vec![
        head.id.clone(),
        empty(),
        when.year.to_string(),
        empty(),
        "Clear".into(),
        dyad.violence.to_string(),
        empty(),
        empty(),
        empty(),
        empty(),
        empty(),
        dyad_name,
        empty(),
        empty(),
        dyad.side_a,
        empty(),
        empty(),
        dyad.side_b,
        origins.len().to_string(),
        documents_of_all(group).join("; "),
        distinct(docs.iter().map(|d| d.publisher.as_str()).collect()),
        distinct(docs.iter().filter_map(|d| d.published.as_deref()).collect()),
        distinct(docs.iter().filter_map(|d| d.title.as_deref()).collect()),
        quotes.join("; "),
        place.map(|p| p.precision.ucdp).filter(|&p| p > 0).map(|p| p.to_string()).unwrap_or_default(),
        place.map(|p| where_name(p, terms)).unwrap_or_default(),
        description.unwrap_or_default(),
        admins.first().map(|s| admin_name(s, terms.map(|t| t.0))).unwrap_or_default(),
        admins.get(1).map(|s| admin_name(s, terms.map(|t| t.1))).unwrap_or_default(),
        point.map(|(lat, _)| lat.to_string()).unwrap_or_default(),
        point.map(|(_, lon)| lon.to_string()).unwrap_or_default(),
        point.map(|(lat, lon)| format!("POINT ({lon} {lat})")).unwrap_or_default(),
        point.and_then(|(lat, lon)| priogrid(lat, lon)).map(|g| g.to_string()).unwrap_or_default(),
        ged_country
            .map(|c| c.ucdp_name.unwrap_or(c.name).to_string())
            .or_else(|| code.as_deref().map(|c| view.country_name(c)))
            .unwrap_or_default(),
        ged_country.and_then(|c| c.gw).map(|n| n.to_string()).unwrap_or_default(),
        ged_country.map(|c| ucdp_region(c).to_string()).unwrap_or_default(),
        if when.precision == Precision::Day { "1" } else { "2" }.into(),
        date_prec.to_string(),
        start,
        end,
        "0".into(),
        "0".into(),
        number(civilians),
        number(best - civilians),
        number(best),
        number(high),
        number(low),
        dyad.gwnoa,
        empty(),
    ])
}

/// GED's name of a location: the name and its kind (`Kallaseh
/// neighbourhood`, `Aleppo city`), a region as an administrative unit, a
/// country by its name alone.
fn where_name(p: &sitrep_link::PlaceInfo, terms: Option<(&str, &str)>) -> String {
    match &p.kind {
        sitrep_record::PlaceKind::Country => p.name.clone(),
        sitrep_record::PlaceKind::Region => admin_name(&p.name, terms.map(|t| t.0)),
        kind => format!("{} {kind}", p.name),
    }
}

/// PRIO-GRID's cell: 0.5° squares numbered from 1 at 90°S 180°W, east
/// along each row, then north.
fn priogrid(lat: f64, lon: f64) -> Option<u32> {
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return None;
    }
    let row = ((lat + 90.0) / 0.5).floor().min(359.0) as u32;
    let col = ((lon + 180.0) / 0.5).floor().min(719.0) as u32;
    Some(row * 720 + col + 1)
}

/// UCDP's five regions follow the Gleditsch–Ward numbering, which puts
/// Egypt and Turkey in the Middle East, North Africa but Egypt in Africa,
/// the Caucasus in Europe and Central Asia and Oceania in Asia.
fn ucdp_region(c: &Country) -> &'static str {
    match (c.alpha2, c.region) {
        ("EG", _) | (_, "Middle East") => "Middle East",
        ("AM" | "AZ" | "GE", _) | (_, "Europe") => "Europe",
        (_, r) if r.ends_with("Africa") => "Africa",
        (_, "Caucasus and Central Asia" | "South Asia" | "Southeast Asia" | "East Asia" | "Oceania") => "Asia",
        (_, "North America" | "Central America" | "South America" | "Caribbean") => "Americas",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ucdp_regions_follow_gleditsch_ward() {
        let region = |c: &str| ucdp_region(tables::country(c).unwrap());
        assert_eq!(region("EG"), "Middle East");
        assert_eq!(region("TR"), "Middle East");
        assert_eq!(region("LY"), "Africa");
        assert_eq!(region("GE"), "Europe");
        assert_eq!(region("KZ"), "Asia");
        assert_eq!(region("AF"), "Asia");
        assert_eq!(region("PG"), "Asia");
        assert_eq!(region("MX"), "Americas");
    }

    #[test]
    fn priogrid_numbers_from_the_south_west() {
        assert_eq!(priogrid(-90.0, -180.0), Some(1));
        assert_eq!(priogrid(-89.9, 179.9), Some(720));
        assert_eq!(priogrid(-89.4, -179.9), Some(721));
        assert_eq!(priogrid(36.2, 37.15), Some(252 * 720 + 434 + 1));
        assert_eq!(priogrid(91.0, 0.0), None);
    }

    #[test]
    fn admin_units_carry_their_level() {
        assert_eq!(admin_name("Aleppo", Some("governorate")), "Aleppo governorate");
        assert_eq!(admin_name("Aleppo Governorate", Some("governorate")), "Aleppo Governorate");
        assert_eq!(admin_name("Gaza Strip", None), "Gaza Strip");
    }
}
