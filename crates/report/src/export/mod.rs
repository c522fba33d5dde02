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
//! | `jsonl` | streaming tools (`jq`, pandas `lines=True`) | event, or claim group with [`Layer::Claims`] |
//! | `csv` | a spreadsheet | event |
//! | `acled` | merging with ACLED data, tools built for ACLED's columns | happening (ACLED's event) |
//! | `ucdp` | merging with UCDP GED, tools built for GED's columns | happening of organized violence |
//! | `geojson` | QGIS and web maps | located event, or place with [`Layer::Places`] |
//!
//! [`write`] returns what it wrote ([`Written`]): how many rows, how many
//! events joined another row (one happening, one ACLED event), and every
//! event left out with the reason, so a caller can say exactly what the
//! file holds; nothing is dropped silently.
//!
//! **Spreadsheets.** No CSV cell can run as a formula: a cell that starts
//! with `=`, `+`, `-`, `@`, a tab or a carriage return, and is not a plain
//! number (`-3.5` stays a number), is written with a `'` before it, as
//! OWASP advises for CSV injection (pandas reads the `'` as part of the
//! text). [`Options::bom`] (`--excel`) starts the file with a UTF-8 byte
//! order mark, without which Excel reads UTF-8 Arabic as Latin-1; pandas and
//! GDAL skip it.
//!
//! # `jsonl`
//!
//! One kind a stream, so every line has the same fields: events (the
//! default) or claim groups ([`Layer::Claims`]). Each line is
//! self-contained: an event line is the [`LinkedEvent`] with `"kind":
//! "event"` and, resolved from `linked.places` and `linked.actors`,
//! `place_name`, `latitude`, `longitude`, `country` and `actor_names`; a
//! claim group line is the [`sitrep_link::ClaimGroup`] with `"kind":
//! "claim_group"`, the same place fields and the `rule` its range was
//! derived by.
//!
//! # `csv`
//!
//! Plain columns for an analyst ([`CSV_COLUMNS`]): actors by name joined
//! with `"; "`, the killed (and of them civilians) and injured ranges, how
//! many mentions (`sources`) and independent origins (`origins`) report the
//! event, the short ids of the documents, and the first mention's words.
//! Undated and unplaced events are kept with empty cells.
//!
//! # `acled`
//!
//! ACLED's 31 export columns, names and order ([`ACLED_COLUMNS`]), coded as
//! ACLED's codebook says; see `acled.rs` for each column. In short: one row
//! per happening by ACLED's hierarchy, actor names in ACLED's form with the
//! regime's years for the event's date, `actor1` always filled
//! (`Unidentified Armed Group (Syria)` when no perpetrator is named),
//! `Civilians (Syria)` as `actor2` of violence against civilians, allies in
//! `assoc_actor_1`, `inter1`/`inter2`/`interaction` as text (`State forces`,
//! `State forces-Civilians`) as ACLED's API writes them by default, or as
//! its older numeric codes with [`InterStyle::Numeric`], fatalities by
//! ACLED's conservative rule.
//!
//! # `ucdp`
//!
//! UCDP GED's 49 columns ([`UCDP_COLUMNS`]), see `ucdp.rs`:
//! `type_of_violence` on every row, sides that are adversaries (allied
//! governments on one side), deaths split between civilians and unknown,
//! Gleditsch–Ward numbers.
//!
//! # `geojson`
//!
//! An RFC 7946 FeatureCollection of Points, `[longitude, latitude]`, one
//! layer a file as GDAL reads GeoJSON (the collection's `name` names it):
//! events (the default, one feature per event whose place has coordinates)
//! or places ([`Layer::Places`], one per place with coordinates, with the
//! number of events there). Events without coordinates are left out (and
//! counted) rather than given a null geometry, which QGIS and most web maps
//! reject or misplace. Properties are typed for GDAL: counts are JSON
//! integers, dates `YYYY-MM-DD` (a month's or year's event gives its first
//! and last day), lists joined with `"; "`, and a property that would be
//! null in every feature is left out, since GDAL types such a field as text.

mod acled;
mod cells;
mod coding;
mod geojson;
mod tables;
mod ucdp;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::{self, Write};

use serde_json::{json, Map, Value};
use sitrep_link::{ActorInfo, DocRef, Evidence, Linked, LinkedEvent, PlaceInfo, Range};
use sitrep_record::{DocId, PlaceKind};

pub use acled::ACLED_COLUMNS;
pub use ucdp::UCDP_COLUMNS;

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

    /// Whether the format is a CSV file.
    pub fn is_csv(self) -> bool {
        matches!(self, Format::Csv | Format::Acled | Format::Ucdp)
    }

    /// The layers the format can write, the default first.
    pub fn layers(self) -> &'static [Layer] {
        match self {
            Format::Jsonl => &[Layer::Events, Layer::Claims],
            Format::Geojson => &[Layer::Events, Layer::Places],
            _ => &[Layer::Events],
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a format that holds one kind of thing a file writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layer {
    #[default]
    Events,
    /// GeoJSON: the places.
    Places,
    /// JSONL: the claim groups.
    Claims,
}

impl Layer {
    pub const ALL: [&'static str; 3] = ["events", "places", "claims"];

    pub fn parse(s: &str) -> Option<Layer> {
        match s.trim().to_ascii_lowercase().as_str() {
            "events" | "event" => Some(Layer::Events),
            "places" | "place" => Some(Layer::Places),
            "claims" | "claim-groups" | "claim_groups" | "figures" => Some(Layer::Claims),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Layer::Events => "events",
            Layer::Places => "places",
            Layer::Claims => "claims",
        }
    }
}

/// How ACLED's `inter1`, `inter2` and `interaction` are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InterStyle {
    /// As ACLED's API writes them by default since 2024 (`inter_num=0`):
    /// `State forces`, `State forces-Civilians`, `Protesters only`.
    #[default]
    Text,
    /// ACLED's older numeric codes (`inter_num=1`): `1`, `17`, `60`; `0`
    /// for no actor 2.
    Numeric,
}

impl InterStyle {
    pub fn parse(s: &str) -> Option<InterStyle> {
        match s.trim().to_ascii_lowercase().as_str() {
            "text" => Some(InterStyle::Text),
            "numeric" | "number" | "numbers" => Some(InterStyle::Numeric),
            _ => None,
        }
    }
}

/// Choices an export takes beyond its format.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub inter: InterStyle,
    /// Start a CSV file with a UTF-8 byte order mark, for Excel.
    pub bom: bool,
    pub layer: Layer,
}

impl Options {
    /// Whether the options fit the format, and why not.
    pub fn check(&self, format: Format) -> Result<(), String> {
        if !format.layers().contains(&self.layer) {
            let can: Vec<&str> = format.layers().iter().map(|l| l.name()).collect();
            return Err(format!("{format} has no {} layer: it writes {}", self.layer.name(), can.join(" or ")));
        }
        if self.bom && !format.is_csv() {
            return Err(format!("a byte order mark is for the CSV exports (csv, acled, ucdp), not {format}"));
        }
        Ok(())
    }
}

/// What an export wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Rows, lines or features written (the header not counted).
    pub rows: usize,
    /// What a row is (`events`, `ACLED events`, `places`, …).
    pub unit: &'static str,
    /// Events of the linked record the format is made from.
    pub events: usize,
    /// Events written inside another's row: one happening, one row.
    pub joined: usize,
    /// Events left out, by reason, each reason once, most first.
    pub left_out: Vec<(String, usize)>,
}

impl Written {
    pub fn left_out_total(&self) -> usize {
        self.left_out.iter().map(|(_, n)| n).sum()
    }

    fn leave(&mut self, reason: &str) {
        match self.left_out.iter_mut().find(|(r, _)| r == reason) {
            Some((_, n)) => *n += 1,
            None => self.left_out.push((reason.to_string(), 1)),
        }
    }

    fn finish(mut self) -> Written {
        self.left_out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        self
    }
}

impl fmt::Display for Written {
    /// `19 ACLED events from 25 events (3 joined others as one happening;
    /// 3 left out: 2 no date, 1 a siege, …)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.rows, self.unit)?;
        let mut notes = Vec::new();
        if self.joined > 0 {
            notes.push(format!("{} joined another row as one happening", self.joined));
        }
        if !self.left_out.is_empty() {
            let why: Vec<String> = self.left_out.iter().map(|(r, n)| format!("{n} {r}")).collect();
            notes.push(format!("{} left out: {}", self.left_out_total(), why.join(", ")));
        }
        let of_events = matches!(self.unit, "events" | "ACLED events" | "GED events");
        if of_events && (self.unit != "events" || !notes.is_empty()) {
            write!(f, " from {} event{}", self.events, if self.events == 1 { "" } else { "s" })?;
        }
        if !notes.is_empty() {
            write!(f, " ({})", notes.join("; "))?;
        }
        Ok(())
    }
}

/// The columns of the `csv` export.
pub const CSV_COLUMNS: [&str; 22] = [
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
    "killed_civilians",
    "injured_low",
    "injured_best",
    "injured_high",
    "sources",
    "origins",
    "documents",
    "evidence",
];

/// Writes `linked` to `out` in `format` with the default options.
pub fn write(linked: &Linked, format: Format, out: &mut dyn Write) -> io::Result<Written> {
    write_with(linked, format, &Options::default(), out)
}

/// Writes `linked` to `out` in `format`, and says what it wrote.
pub fn write_with(linked: &Linked, format: Format, options: &Options, out: &mut dyn Write) -> io::Result<Written> {
    options.check(format).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    let view = View::new(linked);
    let mut written = Written { events: linked.events.len(), unit: "events", ..Default::default() };
    match format {
        Format::Json => write_json(linked, out)?,
        Format::Jsonl => write_jsonl(&view, options.layer, &mut written, out)?,
        Format::Csv => write_csv(&view, options, &mut written, out)?,
        Format::Acled => acled::write(&view, options, &mut written, out)?,
        Format::Ucdp => ucdp::write(&view, options, &mut written, out)?,
        Format::Geojson => geojson::write(&view, options.layer, &mut written, out)?,
    }
    if format == Format::Json {
        written.rows = linked.events.len();
    }
    Ok(written.finish())
}

/// What [`write_with`] would write, without writing it.
pub fn summary(linked: &Linked, format: Format, options: &Options) -> Written {
    write_with(linked, format, options, &mut io::sink()).unwrap_or_default()
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

fn write_jsonl(view: &View, layer: Layer, written: &mut Written, out: &mut dyn Write) -> io::Result<()> {
    if layer == Layer::Claims {
        written.unit = "claim groups";
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
            written.rows += 1;
        }
        return Ok(());
    }
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
        written.rows += 1;
    }
    Ok(())
}

fn write_line(out: &mut dyn Write, line: Map<String, Value>) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &Value::Object(line))?;
    out.write_all(b"\n")
}

// ---------------------------------------------------------------------------
// csv

fn write_csv(view: &View, options: &Options, written: &mut Written, out: &mut dyn Write) -> io::Result<()> {
    let mut w = cells::Table::new(out, options.bom, &CSV_COLUMNS)?;
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
            e.killed_civilians.as_ref().map(|r| number(r.best)).unwrap_or_default(),
            injured_low,
            injured_best,
            injured_high,
            e.mentions.len().to_string(),
            e.origins.len().to_string(),
            documents(e).join("; "),
            e.mentions.first().map(|m| m.text.clone()).unwrap_or_default(),
        ];
        w.row(&row)?;
        written.rows += 1;
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
// shared

/// Lookups every format needs.
pub(crate) struct View<'a> {
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
            return tables::countries()
                .values()
                .find(|c| c.name.eq_ignore_ascii_case(&place.name))
                .map(|c| c.alpha2.into());
        }
        None
    }

    /// ACLED's name from the table; else the linked country place's name;
    /// else the code itself, which is still better than nothing to join on.
    fn country_name(&self, code: &str) -> String {
        if let Some(c) = tables::country(code) {
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

    /// Every mention of a happening's events, in their order.
    fn mentions<'e>(&self, events: &[&'e LinkedEvent]) -> Vec<&'e Evidence> {
        events.iter().flat_map(|e| e.mentions.iter()).collect()
    }

    /// The documents of a happening's mentions, each once.
    fn documents_of(&self, events: &[&LinkedEvent]) -> Vec<&'a DocRef> {
        let mut seen = HashSet::new();
        self.mentions(events)
            .into_iter()
            .filter(|m| seen.insert(m.doc.as_str()))
            .filter_map(|m| self.docs.get(m.doc.as_str()).copied())
            .collect()
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
        let names_country = tables::countries().values().any(|c| c.name.eq_ignore_ascii_case(last));
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

/// The short ids of the documents that mention the events, each once.
fn documents(e: &LinkedEvent) -> Vec<&str> {
    documents_of_all(&[e])
}

fn documents_of_all<'e>(events: &[&'e LinkedEvent]) -> Vec<&'e str> {
    let mut seen = HashSet::new();
    events
        .iter()
        .flat_map(|e| e.mentions.iter())
        .map(|m| DocId::short_of(&m.doc))
        .filter(|id| seen.insert(*id))
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

fn doc_span(m: &Evidence) -> String {
    format!("[doc {} span {}-{}]", DocId::short_of(&m.doc), m.span[0], m.span[1])
}

/// The sentence around a mention, cut to about `max` characters around the
/// mention's words.
fn sentence(m: &Evidence, max: usize) -> String {
    sitrep_present::evidence::note(&m.context, &m.text, m.at, max)
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

/// Sums of low, best and high over several ranges.
fn sum(ranges: impl Iterator<Item = Range>) -> Option<Range> {
    ranges.reduce(|a, b| Range { low: a.low + b.low, best: a.best + b.best, high: a.high + b.high })
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn event_ids_lose_their_prefix() {
        assert_eq!(id_suffix("ev-3f2a9c1b"), "3f2a9c1b");
        assert_eq!(id_suffix("event:00ab"), "00ab");
        assert_eq!(id_suffix("plain"), "plain");
    }

    #[test]
    fn written_says_what_was_left_out() {
        let mut w = Written { rows: 19, unit: "ACLED events", events: 25, joined: 3, ..Default::default() };
        w.leave("with no date");
        w.leave("a siege");
        w.leave("with no date");
        let w = w.finish();
        assert_eq!(w.left_out_total(), 3);
        assert_eq!(
            w.to_string(),
            "19 ACLED events from 25 events (3 joined another row as one happening; 3 left out: 2 with no date, 1 a siege)"
        );
        let plain = Written { rows: 4, unit: "events", events: 4, ..Default::default() };
        assert_eq!(plain.to_string(), "4 events");
    }

    #[test]
    fn options_fit_their_format() {
        let places = Options { layer: Layer::Places, ..Default::default() };
        assert!(places.check(Format::Geojson).is_ok());
        assert!(places.check(Format::Jsonl).unwrap_err().contains("events or claims"));
        assert!(Options { bom: true, ..Default::default() }.check(Format::Json).is_err());
        assert_eq!(Layer::parse("Claims"), Some(Layer::Claims));
        assert_eq!(InterStyle::parse("numeric"), Some(InterStyle::Numeric));
    }
}
