//! The `geojson` export: one layer a file, typed for GDAL (see the module
//! docs of `export`).

use super::coding;
use super::{coordinates, doc_span, documents, json_number, Layer, View, Written};
use serde_json::{json, Map, Value};
use sitrep_link::Range;
use std::collections::HashMap;
use std::io::{self, Write};

const NO_POINT: &str = "without coordinates (their place has no point)";

pub fn write(view: &View, layer: Layer, written: &mut Written, out: &mut dyn Write) -> io::Result<()> {
    let mut features: Vec<(f64, f64, Map<String, Value>)> = Vec::new();
    if layer == Layer::Places {
        written.unit = "places";
        let mut at_place: HashMap<&str, usize> = HashMap::new();
        for e in &view.linked.events {
            if let Some(id) = e.place.as_deref() {
                *at_place.entry(id).or_default() += 1;
            }
        }
        for (id, place) in &view.linked.places {
            let Some((lat, lon)) = coordinates(place) else { continue };
            let properties = json!({
                "id": id,
                "place": place.name,
                "kind": place.kind,
                "within": place.within.join("; "),
                "country": place.country,
                "pcode": place.pcode,
                "events": at_place.get(id.as_str()).copied().unwrap_or(0),
            });
            features.push((lat, lon, object(properties)));
        }
    } else {
        written.unit = "events";
        for e in &view.linked.events {
            let Some((lat, lon)) = view.place(e).and_then(coordinates) else {
                written.leave(NO_POINT);
                continue;
            };
            let place = view.place(e).expect("a point has a place");
            let actors: Vec<&str> = view.actors(e).map(|a| a.name.as_str()).collect();
            let range =
                |r: &Option<Range>, pick: fn(&Range) -> f64| r.as_ref().map_or(Value::Null, |r| json_number(pick(r)));
            // Dates as days, which GDAL types as dates: a month's or a
            // year's event gives its first and last day.
            let when = coding::stated(e);
            let day = |d: Option<sitrep_present::dates::Date>| d.map_or(Value::Null, |d| json!(d.to_string()));
            let properties = json!({
                "id": e.id,
                "type": e.kind,
                "acled_event_type": e.acled.event_type,
                "acled_sub_event_type": e.acled.sub_event_type,
                "date": day(when.and_then(|w| w.first())),
                "date_end": day(when.and_then(|w| w.last())),
                "date_precision": e.date_precision,
                "place": place.name,
                "place_id": place.id,
                "actors": actors.join("; "),
                "killed_low": range(&e.killed, |r| r.low),
                "killed_best": range(&e.killed, |r| r.best),
                "killed_high": range(&e.killed, |r| r.high),
                "killed_civilians": range(&e.killed_civilians, |r| r.best),
                "injured_best": range(&e.injured, |r| r.best),
                "sources": e.mentions.len(),
                "origins": e.origins.len(),
                "evidence": e.mentions.first().map(|m| m.text.as_str()),
                "evidence_span": e.mentions.first().map(doc_span),
                "documents": documents(e).join("; "),
            });
            features.push((lat, lon, object(properties)));
        }
    }
    // A property null in every feature would be typed as text by GDAL:
    // leave it out of the layer.
    let mut used: Vec<String> = Vec::new();
    for (_, _, p) in &features {
        for (k, v) in p {
            if !v.is_null() && !used.contains(k) {
                used.push(k.clone());
            }
        }
    }
    let features: Vec<Value> = features
        .into_iter()
        .map(|(lat, lon, mut p)| {
            p.retain(|k, _| used.contains(k));
            json!({
                "type": "Feature",
                "geometry": { "type": "Point", "coordinates": [lon, lat] },
                "properties": p,
            })
        })
        .collect();
    written.rows = features.len();
    let collection = json!({ "type": "FeatureCollection", "name": layer.name(), "features": features });
    serde_json::to_writer_pretty(&mut *out, &collection)?;
    out.write_all(b"\n")
}

fn object(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}
