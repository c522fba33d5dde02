//! Exports: a [`Linked`] in the formats the field reads.
//!
//! Every format is written from the same linked record, in its order (events
//! oldest first, places by id), so the same archive always exports the same
//! bytes. Every row that states a happening carries the document ids (the
//! first 12 hex digits of the SHA-256, as `sitrep show` accepts them) and the
//! character spans of the words behind it, so a reader can go back from any
//! cell to the sentence.
//!
//! | format | for | one row / line / feature per |
//! | --- | --- | --- |
//! | `json` | programs; the whole record, schema `sitrep.linked/1` | archive |
//! | `jsonl` | streaming tools (`jq`, pandas `lines=True`) | event, then claim group |
//! | `csv` | a spreadsheet | event |
//! | `acled` | merging with ACLED data, tools built for ACLED's columns | dated event |
//! | `ucdp` | merging with UCDP GED, tools built for GED's columns | dated violent event |
//! | `geojson` | QGIS and web maps | located event, and place |
//!
//! [`left_out`] counts the events a format cannot hold, so the caller can
//! say so; nothing is dropped silently.
//!
//! # `jsonl`
//!
//! Each line is self-contained: an event line is the [`LinkedEvent`] with
//! `"kind": "event"` and, resolved from `linked.places` and
//! `linked.actors`, `place_name`, `latitude`, `longitude`, `country` and
//! `actor_names`; a claim group line is the [`sitrep_link::ClaimGroup`]
//! with `"kind": "claim_group"`, the same place fields and the `rule` its
//! range was derived by. A line can be read without the rest of the file.
//!
//! # `csv`
//!
//! Plain columns for an analyst ([`CSV_COLUMNS`]): actors by name joined
//! with `"; "`, the killed and injured ranges, how many mentions (`sources`)
//! and independent origins (`origins`) report the event, the short ids of
//! the documents, and the first mention's words. Undated and unplaced
//! events are kept with empty cells: a spreadsheet has room for them.
//!
//! # `acled`
//!
//! ACLED's export columns, names and order ([`ACLED_COLUMNS`]), filled as
//! ACLED's codebook says, from what the record knows:
//!
//! - **Dates.** ACLED codes a day for every event. Day precision gives
//!   `time_precision` 1; week precision 2 (the record's date is kept: it
//!   does not say which day of the week it is); month precision 3 with the
//!   15th, because ACLED's codebook takes the month's mid-point when only
//!   the month is known. Undated and year-only events cannot be coded and
//!   are left out ([`left_out`] counts them).
//! - **Actors.** Only parties are coded: actors with an ACLED interaction
//!   code or an ACLED name (agencies, NGOs, media and persons who merely
//!   report are not parties). Parties are grouped by kind: state and
//!   external forces (inter 1, 8), then armed groups (2–4), then rioters and
//!   protesters (5, 6), then civilians (7), keeping the record's order
//!   (most often named first) within a group. `actor1` is the first party;
//!   `actor2` the first party of another group, since a different kind of
//!   actor is the likeliest other side (forces against rebels, an armed
//!   actor against civilians); the other parties of `actor1`'s and
//!   `actor2`'s groups become `assoc_actor_1` and `assoc_actor_2`, joined
//!   with `"; "`. Civilians alone in a violent event are `actor2` with an
//!   empty `actor1`: ACLED codes them as the side violence is done to, and
//!   the record names no perpetrator. Sides are a guess from actor types:
//!   review them. A party
//!   with ACLED's name is written with it; civilians, protesters and
//!   rioters without one get ACLED's generic names (`Civilians (Syria)`),
//!   and a more specific group (`Journalists`) becomes an associated actor
//!   (`Journalists (Syria)`), as ACLED writes them.
//! - **Codes.** `inter1`/`inter2` are the actors' interaction codes, 0 when
//!   unknown. `interaction` joins the two codes smaller first (`17`), or is
//!   the single code times ten (`10`) for one actor, as ACLED does; it is
//!   empty when a code is unknown, since it cannot be coded. `disorder_type`
//!   follows the event type (Battles, Explosions/Remote violence and
//!   Violence against civilians: `Political violence`; Protests and Riots:
//!   `Demonstrations`, or `Political violence; Demonstrations` for
//!   excessive force against protesters and mob violence; Strategic
//!   developments: `Strategic developments`). `civilian_targeting` is
//!   `Civilian targeting` for every Violence against civilians event and for
//!   explosions and riots where civilians are a party.
//! - **Geography.** `iso` is the ISO 3166-1 numeric code, `country` ACLED's
//!   name and `region` ACLED's region, from `data/iso3166.tsv` by the
//!   place's ISO alpha-2 code (a country missing there takes its name from
//!   the linked country place). `admin1`–`admin3`: the place's `within` is
//!   nearest first and ends with the country whenever the country is known
//!   (the annotator builds it so), so the country is dropped and the rest
//!   read from the outside in; a region is itself the deepest level (a
//!   governorate is `admin1`). `location` is the place's name, `latitude`
//!   and `longitude` its point (empty when it has none), `geo_precision`
//!   the place's ACLED precision.
//! - **Sources and notes.** `source` names the independent origins, then
//!   the publishers, once each. `notes` says when, what and where, the
//!   fatalities (with their range and rule when sources disagree), then
//!   quotes each mention (its
//!   sentence for the first) with its publisher, document id and span
//!   (`[doc 3f2a9c1b0a1e span 120-180]`); past five mentions only the ids
//!   and spans are listed. `source_scale`, `tags` and `timestamp` are left
//!   empty: sitrep cannot judge a source's scale, and a zero timestamp
//!   would read as 1970.
//! - **Fatalities** are the best killed estimate, rounded; 0 when none is
//!   reported. ACLED codes the lowest credible figure: export a record
//!   linked with the conservative rule to get ACLED's reading.
//! - `event_id_cnty` is the ISO alpha-3 code (`XXX` when the country is
//!   unknown) followed by the event's stable id, so the id survives
//!   re-exports.
//!
//! # `ucdp`
//!
//! UCDP GED's 49 columns ([`UCDP_COLUMNS`]). GED holds organized violence,
//! so only Battles, Explosions/Remote violence and Violence against
//! civilians are written; GED's dataset ids (conflict, dyad, side, `relid`,
//! `country_id`, `gwnoa`/`gwnob`) and `active_year` need UCDP's own coding
//! and are left empty.
//!
//! - `type_of_violence`: 3 (one-sided) for violence against civilians, or
//!   when civilians are a party and no fight is named (no state against an
//!   armed group, no two armed groups: forces of several states named with
//!   civilians are most often allies striking together); else 1
//!   (state-based) when a state's forces are
//!   a party; else 2 (non-state) when an armed group is; else empty, since
//!   an event naming no armed actor cannot be typed. `side_a` is the state
//!   (`Government of Syria`, as GED names states) or the first armed actor;
//!   `side_b` is `Civilians` for one-sided violence, else the first armed
//!   actor of the other kind (a non-state group, or another country's
//!   forces).
//! - Dates: `date_prec` 1 for a day, 3 for a week, 4 for a month (start
//!   and end are the month's first and last days), 5 for a year (1 January
//!   to 31 December); undated events are left out. `event_clarity` is 1 for
//!   a day or week, 2 for coarser dates, which are usually summaries.
//! - Deaths: `best` is the best killed estimate rounded, `low` rounded down,
//!   `high` up, 0 when none; the deaths cannot be split between the sides,
//!   so all of `best` is in `deaths_unknown`.
//! - `number_of_sources` counts independent origins; `source_article` lists
//!   the documents, `source_office`, `source_date` and `source_headline`
//!   their publishers, dates and titles; `source_original` quotes each
//!   mention with its publisher, document id and span.
//! - Place: `where_prec` is the place's UCDP precision, `where_coordinates`
//!   its name, `where_description` its name and enclosing places,
//!   `adm_1`/`adm_2` as ACLED's `admin1`/`admin2`, `geom_wkt`
//!   `POINT (lon lat)`, `priogrid_gid` the PRIO-GRID cell (0.5°, numbered
//!   from 1 at 90°S 180°W row by row), `region` UCDP's region (Africa,
//!   Americas, Asia, Europe, Middle East) from the country.
//!
//! # `geojson`
//!
//! An RFC 7946 FeatureCollection of Points, `[longitude, latitude]`: one
//! feature per event whose place has coordinates (`"feature": "event"`),
//! then one per place with coordinates (`"feature": "place"`, with the
//! number of events there). Events without coordinates are left out rather
//! than given a null geometry, which QGIS and most web maps reject or
//! misplace. Properties are flat strings and numbers (lists joined with
//! `"; "`), so QGIS's attribute table shows them.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::{self, Write};
use std::sync::OnceLock;

use serde_json::{json, Map, Value};
use sitrep_link::{ActorInfo, DocRef, Evidence, Linked, LinkedEvent, PlaceInfo, Range, Rule};
use sitrep_present::{dates, evidence, text};
use sitrep_record::{DatePrecision, DocId, PlaceKind};

/// An export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Jsonl,
    Csv,
    Acled,
    Ucdp,
    Geojson,
}

impl Format {
    /// Every format's name, as [`Format::parse`] takes it.
    pub const ALL: [&'static str; 6] = ["json", "jsonl", "csv", "acled", "ucdp", "geojson"];

    /// A format by name (case does not matter); `ndjson` and `ged` are
    /// accepted for `jsonl` and `ucdp`.
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "csv" => Some(Format::Csv),
            "acled" => Some(Format::Acled),
            "ucdp" | "ged" | "ucdp-ged" => Some(Format::Ucdp),
            "geojson" => Some(Format::Geojson),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Acled => "acled",
            Format::Ucdp => "ucdp",
            Format::Geojson => "geojson",
        }
    }

    /// The file name extension, without the dot. ACLED and UCDP exports
    /// are CSV files.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv | Format::Acled | Format::Ucdp => "csv",
            Format::Geojson => "geojson",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The columns of the `csv` export.
pub const CSV_COLUMNS: [&str; 21] = [
    "id",
    "date",
    "date_precision",
    "type",
    "acled_event_type",
    "acled_sub_event_type",
    "place",
    "place_id",
    "latitude",
    "longitude",
    "actors",
    "killed_low",
    "killed_best",
    "killed_high",
    "injured_low",
    "injured_best",
    "injured_high",
    "sources",
    "origins",
    "documents",
    "evidence",
];

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

/// Writes `linked` to `out` in `format`.
pub fn write(linked: &Linked, format: Format, out: &mut dyn Write) -> io::Result<()> {
    let view = View::new(linked);
    match format {
        Format::Json => write_json(linked, out),
        Format::Jsonl => write_jsonl(&view, out),
        Format::Csv => write_csv(&view, out),
        Format::Acled => write_acled(&view, out),
        Format::Ucdp => write_ucdp(&view, out),
        Format::Geojson => write_geojson(&view, out),
    }
}

/// How many of `linked`'s events `format` cannot hold and leaves out:
/// undated or year-only events for ACLED, undated or non-violent events
/// for UCDP, events without coordinates for GeoJSON; none for the others.
pub fn left_out(linked: &Linked, format: Format) -> usize {
    let view = View::new(linked);
    linked.events.iter().filter(|e| !keeps(&view, format, e)).count()
}

fn keeps(view: &View, format: Format, e: &LinkedEvent) -> bool {
    match format {
        Format::Json | Format::Jsonl | Format::Csv => true,
        Format::Acled => when(e).is_some_and(|w| w.precision != Precision::Year),
        Format::Ucdp => violent(&e.acled.event_type) && when(e).is_some(),
        Format::Geojson => view.place(e).and_then(coordinates).is_some(),
    }
}

// ---------------------------------------------------------------------------
// json and jsonl

fn write_json(linked: &Linked, out: &mut dyn Write) -> io::Result<()> {
    if linked.schema.is_empty() {
        let mut named = linked.clone();
        named.schema = sitrep_link::SCHEMA.into();
        serde_json::to_writer_pretty(&mut *out, &named)?;
    } else {
        serde_json::to_writer_pretty(&mut *out, linked)?;
    }
    out.write_all(b"\n")
}

fn write_jsonl(view: &View, out: &mut dyn Write) -> io::Result<()> {
    for e in &view.linked.events {
        let mut line = Map::new();
        line.insert("kind".into(), json!("event"));
        if let Value::Object(fields) = serde_json::to_value(e)? {
            line.extend(fields);
        }
        view.place_fields(e.place.as_deref(), &mut line);
        let names: Vec<&str> = view.actors(e).map(|a| a.name.as_str()).collect();
        line.insert("actor_names".into(), json!(names));
        write_line(out, line)?;
    }
    let rule = serde_json::to_value(view.linked.rule)?;
    for group in &view.linked.claims {
        let mut line = Map::new();
        line.insert("kind".into(), json!("claim_group"));
        if let Value::Object(fields) = serde_json::to_value(group)? {
            line.extend(fields);
        }
        view.place_fields(group.place.as_deref(), &mut line);
        line.insert("rule".into(), rule.clone());
        write_line(out, line)?;
    }
    Ok(())
}

fn write_line(out: &mut dyn Write, line: Map<String, Value>) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &Value::Object(line))?;
    out.write_all(b"\n")
}

// ---------------------------------------------------------------------------
// csv

fn write_csv(view: &View, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_COLUMNS)?;
    for e in &view.linked.events {
        let place = view.place(e);
        let (lat, lon) = place
            .and_then(coordinates)
            .map_or((String::new(), String::new()), |(la, lo)| (la.to_string(), lo.to_string()));
        let actors: Vec<&str> = view.actors(e).map(|a| a.name.as_str()).collect();
        let [killed_low, killed_best, killed_high] = range_cells(e.killed.as_ref());
        let [injured_low, injured_best, injured_high] = range_cells(e.injured.as_ref());
        let row = [
            e.id.clone(),
            e.date.clone().unwrap_or_default(),
            e.date_precision.map(|p| p.as_str().to_string()).unwrap_or_default(),
            e.kind.clone(),
            e.acled.event_type.clone(),
            e.acled.sub_event_type.clone(),
            place.map(|p| p.name.clone()).unwrap_or_default(),
            e.place.clone().unwrap_or_default(),
            lat,
            lon,
            actors.join("; "),
            killed_low,
            killed_best,
            killed_high,
            injured_low,
            injured_best,
            injured_high,
            e.mentions.len().to_string(),
            e.origins.len().to_string(),
            documents(e).join("; "),
            e.mentions.first().map(|m| m.text.clone()).unwrap_or_default(),
        ];
        w.write_record(&row)?;
    }
    w.flush()
}

fn range_cells(range: Option<&Range>) -> [String; 3] {
    match range {
        Some(r) => [number(r.low), number(r.best), number(r.high)],
        None => Default::default(),
    }
}

// ---------------------------------------------------------------------------
// acled

fn write_acled(view: &View, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(ACLED_COLUMNS)?;
    for e in &view.linked.events {
        if let Some(row) = acled_row(view, e) {
            w.write_record(&row)?;
        }
    }
    w.flush()
}

fn acled_row(view: &View, e: &LinkedEvent) -> Option<[String; 31]> {
    let when = when(e).filter(|w| w.precision != Precision::Year)?;
    let (day, time_precision) = match when.precision {
        Precision::Day => (when.day, 1),
        Precision::Week => (when.day, 2),
        _ => (15, 3),
    };
    let place = view.place(e);
    let code = place.and_then(|p| view.country_code(p));
    let country = code.as_deref().and_then(country);
    let country_name = code.as_deref().map(|c| view.country_name(c)).unwrap_or_default();
    let admins = place.map(|p| admin_chain(p, code.is_some())).unwrap_or_default();
    let (lat, lon) =
        place.and_then(coordinates).map_or((String::new(), String::new()), |(la, lo)| (la.to_string(), lo.to_string()));
    let sides = acled_sides(view, e, (!country_name.is_empty()).then_some(country_name.as_str()));
    let event_type = e.acled.event_type.as_str();
    let civilians_party = [&sides.one, &sides.two].iter().any(|s| s.as_ref().is_some_and(|s| s.inter == 7));
    let civilian_targeting = is(event_type, VIOLENCE_AGAINST_CIVILIANS)
        || ((is(event_type, EXPLOSIONS) || is(event_type, "Riots")) && civilians_party);
    let interaction = match (&sides.one, &sides.two) {
        (Some(a), Some(b)) if a.inter > 0 && b.inter > 0 => {
            (a.inter.min(b.inter) as u16 * 10 + a.inter.max(b.inter) as u16).to_string()
        }
        (Some(a), None) if a.inter > 0 => (a.inter as u16 * 10).to_string(),
        _ => String::new(),
    };
    let side = |s: &Option<Side>| match s {
        Some(s) => (s.name.clone(), s.assoc.join("; "), s.inter.to_string()),
        None => (String::new(), String::new(), String::new()),
    };
    let (actor1, assoc1, inter1) = side(&sides.one);
    let (actor2, assoc2, inter2) = side(&sides.two);
    let fatalities = e.killed.as_ref().map_or(0.0, |k| k.best.round().max(0.0));
    let notes = acled_notes(view, e, &when, place, &admins, &sides.left);
    Some([
        format!("{}{}", country.map_or("XXX", |c| c.alpha3), id_suffix(&e.id)),
        ymd(when.year, when.month, day),
        when.year.to_string(),
        time_precision.to_string(),
        disorder_type(event_type, &e.acled.sub_event_type).into(),
        e.acled.event_type.clone(),
        e.acled.sub_event_type.clone(),
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
        acled_sources(view, e).join("; "),
        String::new(),
        notes,
        number(fatalities),
        String::new(),
        String::new(),
    ])
}

const BATTLES: &str = "Battles";
const EXPLOSIONS: &str = "Explosions/Remote violence";
const VIOLENCE_AGAINST_CIVILIANS: &str = "Violence against civilians";

/// ACLED's type names are compared without case: its codebook and its
/// exports disagree on capitals (`Strategic Developments`).
fn is(value: &str, name: &str) -> bool {
    value.trim().eq_ignore_ascii_case(name)
}

fn violent(event_type: &str) -> bool {
    [BATTLES, EXPLOSIONS, VIOLENCE_AGAINST_CIVILIANS].iter().any(|t| is(event_type, t))
}

fn disorder_type(event_type: &str, sub_event_type: &str) -> &'static str {
    if violent(event_type) {
        "Political violence"
    } else if is(event_type, "Protests") || is(event_type, "Riots") {
        // ACLED counts state violence against protesters and mob violence as
        // both: they are violence in the course of a demonstration.
        let both = ["Excessive force against protesters", "Excessive force against protestors", "Mob violence"];
        if both.iter().any(|s| is(sub_event_type, s)) {
            "Political violence; Demonstrations"
        } else {
            "Demonstrations"
        }
    } else if is(event_type, "Strategic developments") {
        "Strategic developments"
    } else {
        ""
    }
}

/// One side of an ACLED event.
struct Side {
    name: String,
    inter: u8,
    group: u8,
    assoc: Vec<String>,
}

impl Side {
    fn add(&mut self, (name, assoc): (String, Option<String>)) {
        for n in std::iter::once(name).chain(assoc) {
            if n != self.name && !self.assoc.contains(&n) {
                self.assoc.push(n);
            }
        }
    }
}

struct Sides {
    one: Option<Side>,
    two: Option<Side>,
    /// Parties of a third kind, which no ACLED column can hold.
    left: Vec<String>,
}

/// The order parties are considered in: state and external forces, armed
/// groups, rioters and protesters, civilians, unknown.
fn party_group(inter: u8) -> u8 {
    match inter {
        1 | 8 => 0,
        2..=4 => 1,
        5 | 6 => 2,
        7 => 3,
        _ => 4,
    }
}

fn acled_sides(view: &View, e: &LinkedEvent, country: Option<&str>) -> Sides {
    let mut parties: Vec<&ActorInfo> =
        view.actors(e).filter(|a| a.inter.is_some() || a.acled.as_deref().is_some_and(|n| !n.is_empty())).collect();
    parties.sort_by_key(|a| party_group(a.inter.unwrap_or(0)));
    let mut sides = Sides { one: None, two: None, left: Vec::new() };
    let Some(first) = parties.first() else {
        return sides;
    };
    let side = |a: &ActorInfo| {
        let inter = a.inter.unwrap_or(0);
        let (name, assoc) = acled_name(a, country);
        Side { name, inter, group: party_group(inter), assoc: assoc.into_iter().collect() }
    };
    let one = side(first);
    let second = parties
        .iter()
        .skip(1)
        .position(|a| party_group(a.inter.unwrap_or(0)) != one.group)
        .map(|i| i + 1)
        .or((parties.len() > 1).then_some(1));
    let mut one = one;
    let mut two = second.map(|i| side(parties[i]));
    for (i, a) in parties.iter().enumerate().skip(1) {
        if Some(i) == second {
            continue;
        }
        let group = party_group(a.inter.unwrap_or(0));
        if group == one.group {
            one.add(acled_name(a, country));
        } else if let Some(two) = two.as_mut().filter(|t| t.group == group) {
            two.add(acled_name(a, country));
        } else {
            sides.left.push(acled_name(a, country).0);
        }
    }
    // ACLED codes civilians as the side violence is done to, never as the
    // actor who does it: with no perpetrator named, actor1 stays empty.
    if one.group == 3 && two.is_none() && violent(&e.acled.event_type) {
        sides.two = Some(one);
    } else {
        sides.one = Some(one);
        sides.two = two;
    }
    sides
}

/// An actor's ACLED name, and an associated actor's name beside it.
fn acled_name(a: &ActorInfo, country: Option<&str>) -> (String, Option<String>) {
    if let Some(name) = a.acled.as_deref().filter(|n| !n.is_empty()) {
        return (name.to_string(), None);
    }
    let generic = match a.inter {
        Some(5) => "Rioters",
        Some(6) => "Protesters",
        Some(7) => "Civilians",
        _ => return (a.name.clone(), None),
    };
    let country = a.country.as_deref().and_then(|c| self::country(c)).map(|c| c.name).or(country);
    let named = |n: &str| match country {
        Some(c) => format!("{n} ({c})"),
        None => n.to_string(),
    };
    let assoc = (!a.name.eq_ignore_ascii_case(generic) && !a.name.is_empty()).then(|| named(&a.name));
    (named(generic), assoc)
}

/// Independent origins first (who the reports rely on), then the
/// publishers that carried them, each once.
fn acled_sources(view: &View, e: &LinkedEvent) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let publishers = e.mentions.iter().filter_map(|m| view.docs.get(m.doc.as_str())).map(|d| d.publisher.as_str());
    for name in e.origins.iter().map(|o| o.name.as_str()).chain(publishers) {
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

fn acled_notes(
    view: &View,
    e: &LinkedEvent,
    when: &When,
    place: Option<&PlaceInfo>,
    admins: &[&str],
    left: &[String],
) -> String {
    let mut note = String::new();
    let month = when.date().map(dates::month_name).unwrap_or_default();
    let date = match when.precision {
        Precision::Day => format!("On {} {month} {}", when.day, when.year),
        Precision::Week => format!("In the week of {} {month} {}", when.day, when.year),
        _ => format!("In {month} {}", when.year),
    };
    let what = [e.kind.replace('_', " "), e.acled.sub_event_type.to_lowercase(), e.acled.event_type.to_lowercase()]
        .into_iter()
        .find(|w| !w.trim().is_empty())
        .unwrap_or_else(|| "event".into());
    note.push_str(&format!("{date}, {what}"));
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
    if let Some(k) = &e.killed {
        if k.low == k.high {
            note.push_str(&format!(" Fatalities: {}.", number(k.best)));
        } else {
            // Sources disagree: the rule says which figure `fatalities` took.
            let rule = match view.linked.rule {
                Rule::Median => "median rule",
                Rule::Conservative => "conservative rule",
            };
            let (best, low, high) = (number(k.best), number(k.low), number(k.high));
            note.push_str(&format!(" Fatalities: {best} (range {low}-{high}, {rule})."));
        }
    }
    if !left.is_empty() {
        note.push_str(&format!(" Also named: {}.", left.join("; ")));
    }
    for (i, m) in e.mentions.iter().enumerate() {
        if i == QUOTED_MENTIONS {
            note.push_str(&format!(" {} more:", e.mentions.len() - QUOTED_MENTIONS));
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

fn doc_span(m: &Evidence) -> String {
    format!("[doc {} span {}-{}]", DocId::short_of(&m.doc), m.span[0], m.span[1])
}

/// The sentence around a mention, cut to about `max` characters around the
/// mention's words.
fn sentence(m: &Evidence, max: usize) -> String {
    evidence::note(&m.context, &m.text, m.at, max)
}

/// The last run of letters and digits of an event id: the part that makes
/// it unique, without the `ev-` kind prefix.
fn id_suffix(id: &str) -> String {
    let tail = id.rsplit(['-', ':', '/']).next().unwrap_or(id);
    let tail: String = tail.chars().filter(char::is_ascii_alphanumeric).collect();
    if tail.is_empty() {
        id.chars().filter(char::is_ascii_alphanumeric).collect()
    } else {
        tail
    }
}

// ---------------------------------------------------------------------------
// ucdp

fn write_ucdp(view: &View, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(UCDP_COLUMNS)?;
    for e in &view.linked.events {
        if let Some(row) = ucdp_row(view, e) {
            w.write_record(&row)?;
        }
    }
    w.flush()
}

fn ucdp_row(view: &View, e: &LinkedEvent) -> Option<Vec<String>> {
    if !violent(&e.acled.event_type) {
        return None;
    }
    let when = when(e)?;
    let (date_prec, start, end) = match when.precision {
        Precision::Day => (1, ymd(when.year, when.month, when.day), ymd(when.year, when.month, when.day)),
        Precision::Week => (3, ymd(when.year, when.month, when.day), ymd(when.year, when.month, when.day)),
        Precision::Month => {
            let last = dates::month_end(when.year, when.month).map_or(31, |d| d.day() as u32);
            (4, ymd(when.year, when.month, 1), ymd(when.year, when.month, last))
        }
        Precision::Year => (5, ymd(when.year, 1, 1), ymd(when.year, 12, 31)),
    };
    let place = view.place(e);
    let code = place.and_then(|p| view.country_code(p));
    let country = code.as_deref().and_then(country);
    let admins = place.map(|p| admin_chain(p, code.is_some())).unwrap_or_default();
    let point = place.and_then(coordinates);
    let (type_of_violence, side_a, side_b) = ged_sides(view, e);
    let [low, best, high] = match &e.killed {
        Some(k) => [k.low.floor(), k.best.round(), k.high.ceil()].map(|v| number(v.max(0.0))),
        None => ["0".to_string(), "0".to_string(), "0".to_string()],
    };
    let docs: Vec<&DocRef> = documents_of(view, e);
    let distinct = |values: Vec<&str>| {
        let mut seen = HashSet::new();
        values.into_iter().filter(|v| !v.is_empty() && seen.insert(*v)).collect::<Vec<_>>().join("; ")
    };
    let quotes: Vec<String> = e
        .mentions
        .iter()
        .map(|m| {
            let publisher = view.publisher(&m.doc).map(|p| format!("{p}: ")).unwrap_or_default();
            format!("{publisher}\"{}\" {}", text::clip(&text::one_line(&m.text), 200), doc_span(m))
        })
        .collect();
    let description = place.map(|p| {
        std::iter::once(p.name.as_str()).chain(p.within.iter().map(String::as_str)).collect::<Vec<_>>().join(", ")
    });
    let empty = String::new;
    Some(vec![
        e.id.clone(),
        empty(),
        when.year.to_string(),
        empty(),
        "Clear".into(),
        type_of_violence.map(|t| t.to_string()).unwrap_or_default(),
        empty(),
        empty(),
        empty(),
        empty(),
        empty(),
        empty(),
        empty(),
        empty(),
        side_a,
        empty(),
        empty(),
        side_b,
        e.origins.len().to_string(),
        documents(e).join("; "),
        distinct(docs.iter().map(|d| d.publisher.as_str()).collect()),
        distinct(docs.iter().filter_map(|d| d.published.as_deref()).collect()),
        distinct(docs.iter().filter_map(|d| d.title.as_deref()).collect()),
        quotes.join("; "),
        place.map(|p| p.precision.ucdp).filter(|&p| p > 0).map(|p| p.to_string()).unwrap_or_default(),
        place.map(|p| p.name.clone()).unwrap_or_default(),
        description.unwrap_or_default(),
        admins.first().map(|s| s.to_string()).unwrap_or_default(),
        admins.get(1).map(|s| s.to_string()).unwrap_or_default(),
        point.map(|(lat, _)| lat.to_string()).unwrap_or_default(),
        point.map(|(_, lon)| lon.to_string()).unwrap_or_default(),
        point.map(|(lat, lon)| format!("POINT ({lon} {lat})")).unwrap_or_default(),
        point.and_then(|(lat, lon)| priogrid(lat, lon)).map(|g| g.to_string()).unwrap_or_default(),
        code.as_deref().map(|c| view.country_name(c)).unwrap_or_default(),
        empty(),
        country.map(|c| ucdp_region(c).to_string()).unwrap_or_default(),
        if when.precision <= Precision::Week { "1" } else { "2" }.into(),
        date_prec.to_string(),
        start,
        end,
        "0".into(),
        "0".into(),
        "0".into(),
        best.clone(),
        best,
        high,
        low,
        empty(),
        empty(),
    ])
}

fn is_state(a: &ActorInfo) -> bool {
    a.inter == Some(1) || matches!(a.kind.as_str(), "state-forces" | "foreign-state")
}

/// GED calls a state's side by its government.
fn ged_name(a: &ActorInfo) -> String {
    match a.country.as_deref().and_then(country) {
        Some(c) if is_state(a) => format!("Government of {}", c.name),
        _ => a.name.clone(),
    }
}

fn ged_sides(view: &View, e: &LinkedEvent) -> (Option<u8>, String, String) {
    let actors: Vec<&ActorInfo> = view.actors(e).collect();
    let armed: Vec<&ActorInfo> =
        actors.iter().copied().filter(|a| matches!(a.inter, Some(1..=4 | 8)) || is_state(a)).collect();
    let civilians = actors.iter().any(|a| a.inter == Some(7));
    let non_state = armed.iter().filter(|a| !is_state(a)).count();
    // Forces of several states named with civilians are most often allies
    // striking together, so only a state against a group, or two groups,
    // make a fight that the civilians were caught in.
    let opponents = non_state >= 2 || (non_state == 1 && armed.len() > 1);
    let name = |a: Option<&&ActorInfo>| a.map(|a| ged_name(a)).unwrap_or_default();
    if is(&e.acled.event_type, VIOLENCE_AGAINST_CIVILIANS) || (civilians && !opponents) {
        let perpetrator = armed.iter().find(|a| is_state(a)).or(armed.first());
        return (Some(3), name(perpetrator), "Civilians".into());
    }
    if let Some(state) = armed.iter().find(|a| is_state(a)) {
        let other = armed
            .iter()
            .find(|a| !is_state(a))
            .or_else(|| armed.iter().find(|a| a.id != state.id && a.country != state.country));
        return (Some(1), ged_name(state), name(other));
    }
    if !armed.is_empty() {
        return (Some(2), name(armed.first()), name(armed.get(1)));
    }
    (None, String::new(), String::new())
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

// ---------------------------------------------------------------------------
// geojson

fn write_geojson(view: &View, out: &mut dyn Write) -> io::Result<()> {
    let mut features = Vec::new();
    let mut at_place: HashMap<&str, usize> = HashMap::new();
    for e in &view.linked.events {
        if let Some(id) = e.place.as_deref() {
            *at_place.entry(id).or_default() += 1;
        }
        let Some(place) = view.place(e) else { continue };
        let Some((lat, lon)) = coordinates(place) else { continue };
        let actors: Vec<&str> = view.actors(e).map(|a| a.name.as_str()).collect();
        let range =
            |r: &Option<Range>, pick: fn(&Range) -> f64| r.as_ref().map_or(Value::Null, |r| json_number(pick(r)));
        let properties = json!({
            "feature": "event",
            "id": e.id,
            "type": e.kind,
            "acled_event_type": e.acled.event_type,
            "acled_sub_event_type": e.acled.sub_event_type,
            "date": e.date,
            "date_precision": e.date_precision,
            "place": place.name,
            "place_id": place.id,
            "actors": actors.join("; "),
            "killed_low": range(&e.killed, |r| r.low),
            "killed_best": range(&e.killed, |r| r.best),
            "killed_high": range(&e.killed, |r| r.high),
            "injured_best": range(&e.injured, |r| r.best),
            "sources": e.mentions.len(),
            "origins": e.origins.len(),
            "evidence": e.mentions.first().map(|m| m.text.as_str()),
            "evidence_span": e.mentions.first().map(doc_span),
            "documents": documents(e).join("; "),
        });
        features.push(point_feature(lat, lon, properties));
    }
    for (id, place) in &view.linked.places {
        let Some((lat, lon)) = coordinates(place) else { continue };
        let properties = json!({
            "feature": "place",
            "id": id,
            "place": place.name,
            "kind": place.kind,
            "within": place.within.join("; "),
            "country": place.country,
            "pcode": place.pcode,
            "events": at_place.get(id.as_str()).copied().unwrap_or(0),
        });
        features.push(point_feature(lat, lon, properties));
    }
    let collection = json!({ "type": "FeatureCollection", "features": features });
    serde_json::to_writer_pretty(&mut *out, &collection)?;
    out.write_all(b"\n")
}

fn point_feature(lat: f64, lon: f64, properties: Value) -> Value {
    json!({
        "type": "Feature",
        "geometry": { "type": "Point", "coordinates": [lon, lat] },
        "properties": properties,
    })
}

// ---------------------------------------------------------------------------
// shared

/// Lookups every format needs.
struct View<'a> {
    linked: &'a Linked,
    docs: HashMap<&'a str, &'a DocRef>,
}

impl<'a> View<'a> {
    fn new(linked: &'a Linked) -> View<'a> {
        View { linked, docs: linked.documents.iter().map(|d| (d.id.as_str(), d)).collect() }
    }

    fn place(&self, e: &LinkedEvent) -> Option<&'a PlaceInfo> {
        e.place.as_deref().and_then(|id| self.linked.places.get(id))
    }

    /// The event's actors that the record lists, in its order.
    fn actors<'e>(&self, e: &'e LinkedEvent) -> impl Iterator<Item = &'a ActorInfo> + 'e
    where
        'a: 'e,
    {
        let actors = &self.linked.actors;
        e.actors.iter().filter_map(move |id| actors.get(id))
    }

    fn publisher(&self, doc: &str) -> Option<&'a str> {
        self.docs.get(doc).map(|d| d.publisher.as_str()).filter(|p| !p.is_empty())
    }

    /// The place's ISO alpha-2 code; a country place without one is looked
    /// up by its name.
    fn country_code(&self, place: &PlaceInfo) -> Option<String> {
        if let Some(code) = place.country.as_deref().filter(|c| !c.is_empty()) {
            return Some(code.to_ascii_uppercase());
        }
        if place.kind == PlaceKind::Country {
            return countries().values().find(|c| c.name.eq_ignore_ascii_case(&place.name)).map(|c| c.alpha2.into());
        }
        None
    }

    /// ACLED's name from the table; else the linked country place's name;
    /// else the code itself, which is still better than nothing to join on.
    fn country_name(&self, code: &str) -> String {
        if let Some(c) = country(code) {
            return c.name.to_string();
        }
        self.linked
            .places
            .values()
            .find(|p| {
                p.kind == PlaceKind::Country && p.country.as_deref().is_some_and(|c| c.eq_ignore_ascii_case(code))
            })
            .map_or_else(|| code.to_string(), |p| p.name.clone())
    }

    fn place_fields(&self, place: Option<&str>, line: &mut Map<String, Value>) {
        let place = place.and_then(|id| self.linked.places.get(id));
        let point = place.and_then(coordinates);
        line.insert("place_name".into(), json!(place.map(|p| &p.name)));
        line.insert("latitude".into(), json!(point.map(|(lat, _)| lat)));
        line.insert("longitude".into(), json!(point.map(|(_, lon)| lon)));
        line.insert("country".into(), json!(place.and_then(|p| p.country.as_deref())));
    }
}

/// `(latitude, longitude)` when the place has a usable point.
fn coordinates(p: &PlaceInfo) -> Option<(f64, f64)> {
    let (lat, lon) = (p.lat?, p.lon?);
    ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)).then_some((lat, lon))
}

/// Administrative levels from the outside in (admin1 first).
fn admin_chain(place: &PlaceInfo, has_country: bool) -> Vec<&str> {
    let mut within = place.within.as_slice();
    if let Some((last, rest)) = within.split_last() {
        let names_country = countries().values().any(|c| c.name.eq_ignore_ascii_case(last));
        if has_country || names_country {
            within = rest;
        }
    }
    let mut chain: Vec<&str> = within.iter().rev().map(String::as_str).collect();
    if place.kind == PlaceKind::Region {
        chain.push(&place.name);
    }
    chain
}

/// The short ids of the documents that mention the event, each once.
fn documents(e: &LinkedEvent) -> Vec<&str> {
    let mut seen = HashSet::new();
    e.mentions.iter().map(|m| DocId::short_of(&m.doc)).filter(|id| seen.insert(*id)).collect()
}

fn documents_of<'a>(view: &View<'a>, e: &LinkedEvent) -> Vec<&'a DocRef> {
    let mut seen = HashSet::new();
    e.mentions
        .iter()
        .filter(|m| seen.insert(m.doc.as_str()))
        .filter_map(|m| view.docs.get(m.doc.as_str()).copied())
        .collect()
}

/// A number as CSV columns write it: `12`, not `12.0`.
use sitrep_present::numbers::plain as number;

fn json_number(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        json!(v as i64)
    } else {
        serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Precision {
    Day,
    Week,
    Month,
    Year,
}

/// An event's date; month and day are 1 where the precision does not reach
/// them.
#[derive(Clone, Copy, Debug)]
struct When {
    year: i32,
    month: u32,
    day: u32,
    precision: Precision,
}

/// The event's date at the precision both its value and its stated
/// precision support: a `day` precision on `2016-12` is a month.
fn when(e: &LinkedEvent) -> Option<When> {
    let date = e.date.as_deref()?.trim();
    let date = date.split(['T', ' ']).next()?;
    let mut parts = date.split('-');
    let year = parts.next().filter(|y| y.len() == 4)?.parse::<i32>().ok()?;
    let month = parts.next().map(|m| m.parse::<u32>().ok().filter(|m| (1..=12).contains(m))).unwrap_or(Some(0))?;
    let day = match parts.next() {
        Some(d) if month > 0 => d.parse::<u32>().ok().filter(|&d| real_day(year, month, d))?,
        Some(_) => return None,
        None => 0,
    };
    let shape = match (month, day) {
        (0, _) => Precision::Year,
        (_, 0) => Precision::Month,
        _ => Precision::Day,
    };
    let stated = match e.date_precision {
        Some(DatePrecision::Time | DatePrecision::Day) => Precision::Day,
        Some(DatePrecision::Month) => Precision::Month,
        Some(DatePrecision::Year) => Precision::Year,
        None => shape,
    };
    Some(When { year, month: month.max(1), day: day.max(1), precision: stated.max(shape) })
}

/// Whether the day exists (the calendar is jiff's).
fn real_day(year: i32, month: u32, day: u32) -> bool {
    dates::day(year, month, day).is_some()
}

impl When {
    /// The first day the date covers.
    fn date(&self) -> Option<dates::Date> {
        dates::day(self.year, self.month, self.day)
    }
}

fn ymd(year: i32, month: u32, day: u32) -> String {
    format!("{year:04}-{month:02}-{day:02}")
}

/// A row of `data/iso3166.tsv`.
struct Country {
    alpha2: &'static str,
    alpha3: &'static str,
    numeric: Option<u16>,
    name: &'static str,
    region: &'static str,
}

fn countries() -> &'static HashMap<&'static str, Country> {
    static TABLE: OnceLock<HashMap<&'static str, Country>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("../data/iso3166.tsv")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                assert_eq!(f.len(), 5, "data/iso3166.tsv: five columns in {l:?}");
                let numeric = (!f[2].is_empty())
                    .then(|| f[2].parse::<u16>().unwrap_or_else(|_| panic!("data/iso3166.tsv: numeric code in {l:?}")));
                (f[0], Country { alpha2: f[0], alpha3: f[1], numeric, name: f[3], region: f[4] })
            })
            .collect()
    })
}

fn country(alpha2: &str) -> Option<&'static Country> {
    let table = countries();
    table.get(alpha2).or_else(|| table.get(alpha2.to_ascii_uppercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_country_table_is_whole_and_unique() {
        let table = countries();
        assert_eq!(table.len(), 250, "249 ISO 3166-1 countries and Kosovo");
        let alpha3: HashSet<&str> = table.values().map(|c| c.alpha3).collect();
        let numeric: HashSet<u16> = table.values().filter_map(|c| c.numeric).collect();
        assert_eq!(alpha3.len(), 250);
        assert_eq!(numeric.len(), 249);
        let sy = country("SY").unwrap();
        assert_eq!((sy.alpha3, sy.numeric, sy.name, sy.region), ("SYR", Some(760), "Syria", "Middle East"));
        assert_eq!(country("af").unwrap().numeric, Some(4));
        assert!(table.values().all(|c| !c.region.is_empty()));
    }

    #[test]
    fn ucdp_regions_follow_gleditsch_ward() {
        let region = |c: &str| ucdp_region(country(c).unwrap());
        assert_eq!(region("EG"), "Middle East");
        assert_eq!(region("TR"), "Middle East");
        assert_eq!(region("LY"), "Africa");
        assert_eq!(region("GE"), "Europe");
        assert_eq!(region("KZ"), "Asia");
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
    fn dates_take_the_coarser_of_value_and_precision() {
        let at = |date: &str, precision: Option<&str>| {
            let e = LinkedEvent {
                date: Some(date.into()),
                date_precision: precision.map(|p| p.parse().unwrap()),
                ..Default::default()
            };
            when(&e).map(|w| (w.year, w.month, w.day, w.precision))
        };
        assert_eq!(at("2016-12-13", Some("day")), Some((2016, 12, 13, Precision::Day)));
        assert_eq!(at("2016-12-13T04:30", Some("time")), Some((2016, 12, 13, Precision::Day)));
        assert_eq!(at("2016-12", Some("day")), Some((2016, 12, 1, Precision::Month)));
        assert_eq!(at("2016", None), Some((2016, 1, 1, Precision::Year)));
        assert_eq!(at("2016-02-30", Some("day")), None);
        assert_eq!(at("2016-13", None), None);
        assert_eq!(at("Dec 2016", None), None);
        assert_eq!(at("2016-02-29", None).map(|w| w.3), Some(Precision::Day));
    }

    #[test]
    fn notes_quote_around_the_words() {
        let m = Evidence {
            doc: "sha256:3f2a9c1b0a1e99".into(),
            span: [500, 510],
            text: "air strike".into(),
            context: format!("{} an air strike hit {}", "a".repeat(300), "b".repeat(300)),
            at: 304,
        };
        let s = sentence(&m, 100);
        assert!(s.contains("air strike"), "{s}");
        assert!(s.starts_with('…') && s.ends_with('…'));
        assert_eq!(s.chars().count(), 102);
        assert_eq!(doc_span(&m), "[doc 3f2a9c1b0a1e span 500-510]");
    }

    #[test]
    fn civilians_alone_are_the_target_side() {
        let mut linked = Linked::default();
        let civilians = ActorInfo { id: "c".into(), name: "Civilians".into(), inter: Some(7), ..Default::default() };
        linked.actors.insert("c".into(), civilians);
        let mut e = LinkedEvent {
            id: "ev-1".into(),
            date: Some("2016-12-02".into()),
            actors: vec!["c".into()],
            killed: Some(Range { low: 7.0, best: 7.0, high: 7.0 }),
            ..Default::default()
        };
        e.acled.event_type = "Explosions/Remote violence".into();
        let view = View::new(&linked);
        let row = acled_row(&view, &e).unwrap();
        let cell = |name: &str| row[ACLED_COLUMNS.iter().position(|c| *c == name).unwrap()].clone();
        assert_eq!([cell("actor1"), cell("inter1"), cell("actor2"), cell("inter2")], ["", "", "Civilians", "7"]);
        assert_eq!([cell("interaction"), cell("civilian_targeting")], ["", "Civilian targeting"]);
        assert_eq!(cell("event_id_cnty"), "XXX1");
        assert_eq!(cell("notes"), "On 2 December 2016, explosions/remote violence. Fatalities: 7.");
        e.acled.event_type = "Strategic developments".into();
        let row = acled_row(&view, &e).unwrap();
        assert_eq!((row[7].as_str(), row[13].as_str()), ("Civilians", "70"));
    }

    #[test]
    fn event_ids_lose_their_prefix() {
        assert_eq!(id_suffix("ev-3f2a9c1b"), "3f2a9c1b");
        assert_eq!(id_suffix("event:00ab"), "00ab");
        assert_eq!(id_suffix("plain"), "plain");
    }
}
