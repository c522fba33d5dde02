//! The exports of a small hand-made linked record: Aleppo with an air strike
//! reported in Arabic (a comma and a quote mark in the words), a clash in an
//! Arabic-named neighbourhood that has no coordinates, and a displacement
//! its report does not date; then records built for one rule each.

use std::collections::BTreeMap;

use serde_json::Value;
use sitrep_link::{
    ActorInfo, ClaimGroup, DocRef, Evidence, Linked, LinkedEvent, Origin, PlaceInfo, Range, Rule, SCHEMA,
};
use sitrep_record::{Acled, GeoPrecision};
use sitrep_report::export::{self, Format, InterStyle, Layer, Options, Written, ACLED_COLUMNS, UCDP_COLUMNS};

const DOC_A: &str = "sha256:3f2a9c1b0a1e5d6c7b8a99887766554433221100ffeeddccbbaa998877665544";
const DOC_B: &str = "sha256:9b1c00d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6";
/// Arabic, with an ASCII comma, an Arabic comma and a quote mark.
const ARABIC: &str = "قصف جوي على حي \"الشعار\"، مقتل 12 مدنياً, بينهم أطفال";
const NEIGHBOURHOOD: &str = "الشيخ مقصود";

fn evidence(doc: &str, span: [usize; 2], text: &str, context: &str) -> Evidence {
    Evidence { doc: doc.into(), span, text: text.into(), context: context.into(), at: context.find(text).unwrap_or(0) }
}

fn actor(id: &str, name: &str, kind: &str, acled: Option<&str>, inter: Option<u8>, country: Option<&str>) -> ActorInfo {
    ActorInfo {
        id: id.into(),
        name: name.into(),
        kind: kind.into(),
        acled: acled.map(Into::into),
        inter,
        country: country.map(Into::into),
    }
}

fn origin(name: &str) -> Origin {
    Origin { key: name.to_lowercase(), name: name.into(), how: "publisher".into(), relay: vec![] }
}

fn linked() -> Linked {
    let mut places = BTreeMap::new();
    places.insert(
        "wof:421202163".to_string(),
        PlaceInfo {
            id: "wof:421202163".into(),
            name: "Aleppo".into(),
            kind: "city".into(),
            within: vec!["Jebel Saman".into(), "Aleppo".into(), "Syria".into()],
            lat: Some(36.2),
            lon: Some(37.15),
            pcode: Some("C1007".into()),
            country: Some("SY".into()),
            precision: GeoPrecision { acled: 1, ucdp: 1 },
        },
    );
    places.insert(
        "text:الشيخ مقصود".to_string(),
        PlaceInfo {
            id: "text:الشيخ مقصود".into(),
            name: NEIGHBOURHOOD.into(),
            kind: "neighbourhood".into(),
            within: vec!["Aleppo".into(), "Syria".into()],
            lat: None,
            lon: None,
            pcode: None,
            country: Some("SY".into()),
            precision: GeoPrecision { acled: 2, ucdp: 2 },
        },
    );
    let mut actors = BTreeMap::new();
    for a in [
        actor(
            "syria-army",
            "Syrian Arab Army",
            "state-forces",
            Some("Military Forces of Syria (2000-2024)"),
            Some(1),
            Some("SY"),
        ),
        actor(
            "russia-forces",
            "Russian forces",
            "foreign-state",
            Some("Military Forces of Russia (2000-)"),
            Some(8),
            Some("RU"),
        ),
        actor("generic-civilians", "Civilians", "civilians", None, Some(7), None),
        actor("generic-health-workers", "Health workers", "civilians", None, Some(7), None),
        actor("fsa", "Free Syrian Army", "rebel-group", Some("Opposition Rebels (Syria)"), Some(2), Some("SY")),
        actor("sohr", "Syrian Observatory for Human Rights", "ngo", None, None, Some("SY")),
    ] {
        actors.insert(a.id.clone(), a);
    }
    let context = format!("أفادت مصادر محلية: {ARABIC}.");
    let strike = LinkedEvent {
        id: "ev-3f2a9c1b".into(),
        kind: "airstrike".into(),
        acled: Acled { event_type: "Explosions/Remote violence".into(), sub_event_type: "Air/drone strike".into() },
        date: Some("2016-12-13".into()),
        date_precision: Some(sitrep_record::DatePrecision::Day),
        place: Some("wof:421202163".into()),
        actors: vec![
            "syria-army".into(),
            "generic-civilians".into(),
            "russia-forces".into(),
            "generic-health-workers".into(),
            "sohr".into(),
        ],
        killed: Some(Range { low: 10.0, best: 12.0, high: 15.0 }),
        injured: Some(Range { low: 20.0, best: 20.0, high: 20.0 }),
        killed_civilians: Some(Range { low: 12.0, best: 12.0, high: 12.0 }),
        mentions: vec![
            evidence(DOC_A, [120, 180], ARABIC, &context),
            evidence(DOC_B, [40, 75], "air strikes on al-Shaar", "Warplanes carried out air strikes on al-Shaar."),
        ],
        origins: vec![origin("Syrian Observatory for Human Rights"), origin("Enab Baladi")],
        claims: vec!["cg-killed-1".into()],
        quotes: vec![],
    };
    let clash = LinkedEvent {
        id: "ev-77aa01".into(),
        kind: "armed_clash".into(),
        acled: Acled { event_type: "Battles".into(), sub_event_type: "Armed clash".into() },
        date: Some("2016-12".into()),
        date_precision: Some(sitrep_record::DatePrecision::Month),
        place: Some("text:الشيخ مقصود".into()),
        actors: vec!["fsa".into(), "syria-army".into()],
        killed: None,
        injured: None,
        killed_civilians: None,
        mentions: vec![evidence(DOC_B, [300, 308], "اشتباكات", "اشتباكات في الشيخ مقصود")],
        origins: vec![origin("Enab Baladi")],
        claims: vec![],
        quotes: vec![],
    };
    let displacement = LinkedEvent {
        id: "ev-0c0ffee".into(),
        kind: "displacement".into(),
        acled: Acled { event_type: "Strategic developments".into(), sub_event_type: "Other".into() },
        date: None,
        date_precision: None,
        place: Some("wof:421202163".into()),
        actors: vec!["generic-civilians".into()],
        killed: None,
        injured: None,
        killed_civilians: None,
        mentions: vec![evidence(DOC_A, [400, 420], "نزحت مئات العائلات", "نزحت مئات العائلات من حلب")],
        origins: vec![origin("SANA")],
        claims: vec![],
        quotes: vec![],
    };
    let group = ClaimGroup {
        id: "cg-killed-1".into(),
        category: "killed".into(),
        unit: "people".into(),
        place: Some("wof:421202163".into()),
        from: Some("2016-12-13".into()),
        to: Some("2016-12-13".into()),
        claims: vec![],
        range: Range { low: 10.0, best: 12.0, high: 15.0 },
        origins: 2,
        contradictions: vec![],
    };
    Linked {
        schema: SCHEMA.into(),
        rule: Rule::Median,
        rule_text: Rule::Median.describe().into(),
        window_days: 7,
        documents: vec![
            DocRef {
                id: DOC_A.into(),
                title: Some("غارات على حلب".into()),
                published: Some("2016-12-13".into()),
                publisher: "SANA".into(),
                url: None,
                languages: vec!["ar".into()],
                copy_of: None,
            },
            DocRef {
                id: DOC_B.into(),
                title: Some("Aleppo under fire".into()),
                published: Some("2016-12-14".into()),
                publisher: "Enab Baladi".into(),
                url: None,
                languages: vec!["en".into()],
                copy_of: None,
            },
        ],
        places,
        actors,
        claims: vec![group],
        events: vec![strike, clash, displacement],
        quotes: vec![],
    }
}

fn export(format: Format) -> String {
    export_of(&linked(), format, &Options::default()).0
}

fn export_of(linked: &Linked, format: Format, options: &Options) -> (String, Written) {
    let mut out = Vec::new();
    let written = export::write_with(linked, format, options, &mut out).unwrap();
    (String::from_utf8(out).unwrap(), written)
}

/// Rows of a CSV export as maps from column to cell.
fn rows(text: &str) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows =
        reader.records().map(|r| header.iter().cloned().zip(r.unwrap().iter().map(String::from)).collect()).collect();
    (header, rows)
}

#[test]
fn format_names_round_trip() {
    for name in Format::ALL {
        let format = Format::parse(name).unwrap();
        assert_eq!(format.name(), name);
        assert_eq!(format.to_string(), name);
    }
    assert_eq!(Format::parse("GeoJSON"), Some(Format::Geojson));
    assert_eq!(Format::parse("ged"), Some(Format::Ucdp));
    assert_eq!(Format::parse("xlsx"), None);
    assert_eq!(Format::Acled.extension(), "csv");
    assert_eq!(Format::Geojson.extension(), "geojson");
}

#[test]
fn json_is_the_whole_record() {
    let text = export(Format::Json);
    let back: Linked = serde_json::from_str(&text).unwrap();
    assert_eq!(back, linked());
    assert_eq!(back.schema, "sitrep.linked/1");
}

#[test]
fn acled_header_is_acleds_column_list() {
    let (header, _) = rows(&export(Format::Acled));
    let expected = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,\
                    assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,\
                    country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,\
                    notes,fatalities,tags,timestamp";
    assert_eq!(header.join(","), expected);
    assert_eq!(header, ACLED_COLUMNS);
}

#[test]
fn acled_air_strike_row() {
    let (_, rows) = rows(&export(Format::Acled));
    assert_eq!(rows.len(), 3, "the displacement takes its report's date");
    let r = &rows[0];
    assert_eq!(r["event_id_cnty"], "SYR3f2a9c1b");
    assert_eq!(r["event_date"], "2016-12-13");
    assert_eq!(r["year"], "2016");
    assert_eq!(r["time_precision"], "1");
    assert_eq!(r["disorder_type"], "Political violence");
    assert_eq!(r["event_type"], "Explosions/Remote violence");
    assert_eq!(r["sub_event_type"], "Air/drone strike");
    assert_eq!(r["actor1"], "Military Forces of Syria (2000-2024)");
    assert_eq!(r["assoc_actor_1"], "Military Forces of Russia (2000-)", "allies share a side");
    assert_eq!(r["inter1"], "State forces");
    assert_eq!(r["actor2"], "Civilians (Syria)");
    assert_eq!(r["assoc_actor_2"], "Health Workers (Syria)");
    assert_eq!(r["inter2"], "Civilians");
    assert_eq!(r["interaction"], "State forces-Civilians");
    assert_eq!(r["civilian_targeting"], "Civilian targeting");
    assert_eq!(r["iso"], "760");
    assert_eq!(r["region"], "Middle East");
    assert_eq!(r["country"], "Syria");
    assert_eq!(r["admin1"], "Aleppo");
    assert_eq!(r["admin2"], "Jebel Saman");
    assert_eq!(r["admin3"], "");
    assert_eq!(r["location"], "Aleppo");
    assert_eq!(r["latitude"], "36.2");
    assert_eq!(r["longitude"], "37.15");
    assert_eq!(r["geo_precision"], "1");
    assert_eq!(r["source"], "Syrian Observatory for Human Rights; Enab Baladi; SANA");
    assert_eq!(r["fatalities"], "10", "ACLED's lowest figure, whatever the rule");
    assert_eq!(r["timestamp"], "");
    let notes = &r["notes"];
    assert!(notes.starts_with("On 13 December 2016, airstrike in Aleppo (Jebel Saman, Aleppo)."), "{notes}");
    assert!(
        notes.contains("Fatalities: 10 (the lowest figure; reports give up to 15, best 12 by the median rule)"),
        "{notes}"
    );
    assert!(notes.contains("of them civilians: 10"), "{notes}");
    assert!(
        notes.contains(&format!("SANA: \"أفادت مصادر محلية: {ARABIC}.\" [doc 3f2a9c1b0a1e span 120-180]")),
        "{notes}"
    );
    assert!(notes.contains("Enab Baladi: \"air strikes on al-Shaar\" [doc 9b1c00d4e5f6 span 40-75]"), "{notes}");
    // The rights group that documented it is a source, not an actor.
    assert!(!rows.iter().any(|r| r.values().any(|v| v == "Syrian Observatory for Human Rights" && v != &r["source"])));
}

#[test]
fn acled_month_clash_takes_the_mid_month() {
    let (_, rows) = rows(&export(Format::Acled));
    let r = &rows[1];
    assert_eq!(r["event_date"], "2016-12-15");
    assert_eq!(r["time_precision"], "3");
    assert_eq!(r["actor1"], "Military Forces of Syria (2000-2024)");
    assert_eq!(r["actor2"], "Opposition Rebels (Syria)");
    assert_eq!(r["interaction"], "State forces-Rebel group");
    assert_eq!(r["civilian_targeting"], "");
    assert_eq!(r["location"], NEIGHBOURHOOD);
    assert_eq!(r["admin1"], "Aleppo");
    assert_eq!(r["admin2"], "");
    assert_eq!((r["latitude"].as_str(), r["longitude"].as_str()), ("", ""));
    assert_eq!(r["geo_precision"], "2");
    assert_eq!(r["fatalities"], "0");
    assert!(r["notes"].starts_with(&format!("In December 2016, armed clash in {NEIGHBOURHOOD} (Aleppo).")));
    assert!(r["notes"].contains("[doc 9b1c00d4e5f6 span 300-308]"));
}

#[test]
fn acled_undated_event_takes_its_reports_week() {
    let (_, rows) = rows(&export(Format::Acled));
    let r = &rows[2];
    assert_eq!(r["sub_event_type"], "Other");
    assert_eq!(r["time_precision"], "2");
    assert_eq!(r["event_date"], "2016-12-10", "the middle of the week that ends on the report's day");
    assert_eq!((r["actor1"].as_str(), r["inter1"].as_str()), ("Civilians (Syria)", "Civilians"));
    assert!(
        r["notes"].starts_with("In the week to 13 December 2016 (undated; the date of the report)"),
        "{}",
        r["notes"]
    );
    let w = export::summary(&linked(), Format::Acled, &Options::default());
    assert_eq!((w.rows, w.left_out_total(), w.joined), (3, 0, 0));
}

#[test]
fn acled_inter_codes_numeric_on_request() {
    let options = Options { inter: InterStyle::Numeric, ..Default::default() };
    let (text, _) = export_of(&linked(), Format::Acled, &options);
    let (_, rows) = rows(&text);
    assert_eq!(
        [rows[0]["inter1"].as_str(), rows[0]["inter2"].as_str(), rows[0]["interaction"].as_str()],
        ["1", "7", "17"]
    );
    assert_eq!(
        [rows[1]["inter1"].as_str(), rows[1]["inter2"].as_str(), rows[1]["interaction"].as_str()],
        ["1", "2", "12"]
    );
    assert_eq!(
        [rows[2]["inter1"].as_str(), rows[2]["inter2"].as_str(), rows[2]["interaction"].as_str()],
        ["7", "0", "70"]
    );
}

#[test]
fn csv_round_trips_arabic_commas_and_quotes() {
    let text = export(Format::Csv);
    let (header, rows) = rows(&text);
    assert_eq!(header, export::CSV_COLUMNS);
    assert_eq!(rows.len(), 3, "every event, dated or not");
    let r = &rows[0];
    assert_eq!(r["evidence"], ARABIC);
    assert_eq!(
        r["actors"],
        "Syrian Arab Army; Civilians; Russian forces; Health workers; Syrian Observatory for Human Rights"
    );
    assert_eq!(r["documents"], "3f2a9c1b0a1e; 9b1c00d4e5f6");
    assert_eq!((r["killed_low"].as_str(), r["killed_best"].as_str(), r["killed_high"].as_str()), ("10", "12", "15"));
    assert_eq!(r["killed_civilians"], "12");
    assert_eq!((r["sources"].as_str(), r["origins"].as_str()), ("2", "2"));
    assert_eq!(rows[1]["place"], NEIGHBOURHOOD);
    assert_eq!(rows[1]["latitude"], "");
    assert_eq!(rows[2]["date"], "");
    assert_eq!(rows[2]["killed_best"], "");
}

#[test]
fn geojson_layers_are_feature_collections_of_lon_lat_points() {
    let (text, written) = export_of(&linked(), Format::Geojson, &Options::default());
    let collection: Value = serde_json::from_str(&text).unwrap();
    assert_eq!((collection["type"].as_str(), collection["name"].as_str()), (Some("FeatureCollection"), Some("events")));
    let features = collection["features"].as_array().unwrap();
    assert!(features.iter().all(|f| f["type"] == "Feature" && f["geometry"]["type"] == "Point"));
    let ids: Vec<&str> = features.iter().map(|f| f["properties"]["id"].as_str().unwrap()).collect();
    // The clash at the neighbourhood without coordinates is left out, and said so.
    assert_eq!(ids, ["ev-3f2a9c1b", "ev-0c0ffee"]);
    assert_eq!((written.rows, written.left_out_total()), (2, 1));
    let strike = &features[0];
    assert_eq!(strike["geometry"]["coordinates"], serde_json::json!([37.15, 36.2]));
    let p = &strike["properties"];
    assert_eq!(p["killed_best"], 12);
    assert!(p["killed_best"].is_i64(), "a count is an integer");
    assert_eq!((p["date"].as_str(), p["date_end"].as_str()), (Some("2016-12-13"), Some("2016-12-13")));
    assert_eq!(p["sources"], 2);
    assert_eq!(p["evidence"], ARABIC);
    assert_eq!(p["documents"], "3f2a9c1b0a1e; 9b1c00d4e5f6");
    assert!(features.iter().all(|f| f["properties"].get("feature").is_none()), "one kind a layer");

    let (text, _) = export_of(&linked(), Format::Geojson, &Options { layer: Layer::Places, ..Default::default() });
    let places: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(places["name"], "places");
    let features = places["features"].as_array().unwrap();
    assert_eq!(features.len(), 1, "the neighbourhood has no point");
    let aleppo = &features[0]["properties"];
    assert_eq!((aleppo["id"].as_str(), aleppo["events"].as_u64()), (Some("wof:421202163"), Some(2)));
}

#[test]
fn geojson_leaves_out_properties_null_in_every_feature() {
    let mut l = linked();
    for e in &mut l.events {
        e.killed = None;
        e.killed_civilians = None;
    }
    let (text, _) = export_of(&l, Format::Geojson, &Options::default());
    let v: Value = serde_json::from_str(&text).unwrap();
    for f in v["features"].as_array().unwrap() {
        let p = f["properties"].as_object().unwrap();
        assert!(!p.contains_key("killed_best") && !p.contains_key("killed_civilians"), "{p:?}");
        assert!(p.contains_key("injured_best"), "null in one feature only: kept");
    }
}

#[test]
fn ucdp_header_and_deaths() {
    let (header, rows) = rows(&export(Format::Ucdp));
    assert_eq!(header, UCDP_COLUMNS);
    assert_eq!(header.len(), 49);
    assert_eq!(header[0], "id");
    assert_eq!(header[48], "gwnob");
    assert_eq!(rows.len(), 2, "the displacement is not organized violence");
    let r = &rows[0];
    assert_eq!((r["best"].as_str(), r["low"].as_str(), r["high"].as_str()), ("12", "10", "15"));
    assert_eq!((r["deaths_civilians"].as_str(), r["deaths_unknown"].as_str()), ("12", "0"));
    assert_eq!(r["type_of_violence"], "1", "a state's strike in its war: state-based");
    assert_eq!(r["side_a"], "Government of Syria, Government of Russia (Soviet Union)", "allies on one side");
    assert_eq!(r["side_b"], "");
    assert_eq!(r["gwnoa"], "652, 365");
    assert_eq!(r["date_prec"], "1");
    assert_eq!((r["date_start"].as_str(), r["date_end"].as_str()), ("2016-12-13", "2016-12-13"));
    assert_eq!(r["where_prec"], "1");
    assert_eq!(r["where_coordinates"], "Aleppo city");
    assert_eq!(r["adm_1"], "Aleppo governorate");
    assert_eq!(r["adm_2"], "Jebel Saman district");
    assert_eq!(r["geom_wkt"], "POINT (37.15 36.2)");
    assert_eq!(r["priogrid_gid"], "181875");
    assert_eq!(
        (r["country"].as_str(), r["country_id"].as_str(), r["region"].as_str()),
        ("Syria", "652", "Middle East")
    );
    assert_eq!(r["number_of_sources"], "2");
    assert_eq!(r["source_article"], "3f2a9c1b0a1e; 9b1c00d4e5f6");
    assert_eq!(r["source_office"], "SANA; Enab Baladi");
    assert!(r["source_original"].contains(&format!("SANA: \"{ARABIC}\" [doc 3f2a9c1b0a1e span 120-180]")));
    let clash = &rows[1];
    assert_eq!(clash["type_of_violence"], "1");
    assert_eq!((clash["side_a"].as_str(), clash["side_b"].as_str()), ("Government of Syria", "Free Syrian Army"));
    assert_eq!(clash["dyad_name"], "Government of Syria - Free Syrian Army");
    assert_eq!((clash["best"].as_str(), clash["low"].as_str(), clash["high"].as_str()), ("0", "0", "0"));
    assert_eq!(clash["date_prec"], "4");
    assert_eq!((clash["date_start"].as_str(), clash["date_end"].as_str()), ("2016-12-01", "2016-12-31"));
    assert_eq!(clash["event_clarity"], "2");
    let w = export::summary(&linked(), Format::Ucdp, &Options::default());
    assert_eq!((w.rows, w.left_out_total()), (2, 1));
    assert!(w.to_string().contains("1 not organized violence"), "{w}");
}

#[test]
fn jsonl_has_one_kind_a_stream() {
    let text = export(Format::Jsonl);
    let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert!(lines.iter().all(|l| l["kind"] == "event"));
    assert_eq!(lines[0]["type"], "airstrike");
    assert_eq!(lines[0]["place_name"], "Aleppo");
    assert_eq!((lines[0]["latitude"].as_f64(), lines[0]["longitude"].as_f64()), (Some(36.2), Some(37.15)));
    assert_eq!(lines[0]["mentions"][0]["text"], ARABIC);
    assert_eq!(lines[0]["actor_names"][0], "Syrian Arab Army");
    assert_eq!(lines[1]["place_name"], NEIGHBOURHOOD);
    assert!(lines[1]["latitude"].is_null());
    let (text, written) = export_of(&linked(), Format::Jsonl, &Options { layer: Layer::Claims, ..Default::default() });
    let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!((lines.len(), written.rows, written.unit), (1, 1, "claim groups"));
    assert_eq!(lines[0]["kind"], "claim_group");
    assert_eq!(lines[0]["id"], "cg-killed-1");
    assert_eq!(lines[0]["range"]["best"], 12.0);
    assert_eq!(lines[0]["rule"], "median");
    assert_eq!(lines[0]["place_name"], "Aleppo");
}

#[test]
fn exports_are_deterministic() {
    for name in Format::ALL {
        let format = Format::parse(name).unwrap();
        assert_eq!(export(format), export(format), "{name}");
    }
}

// ---------------------------------------------------------------------------
// One rule each

fn strike_at(id: &str, kind: &str, sub: &str, actors: &[&str], killed: Option<f64>) -> LinkedEvent {
    LinkedEvent {
        id: id.into(),
        kind: kind.into(),
        acled: Acled { event_type: "Explosions/Remote violence".into(), sub_event_type: sub.into() },
        date: Some("2016-12-13".into()),
        date_precision: Some(sitrep_record::DatePrecision::Day),
        place: Some("wof:421202163".into()),
        actors: actors.iter().map(|a| a.to_string()).collect(),
        killed: killed.map(|k| Range { low: k, best: k, high: k }),
        mentions: vec![evidence(DOC_A, [1, 5], "words", "the words")],
        origins: vec![origin("SANA")],
        ..Default::default()
    }
}

fn with_events(events: Vec<LinkedEvent>) -> Linked {
    Linked { events, claims: vec![], ..linked() }
}

#[test]
fn shelling_a_barrel_bomb_and_an_air_strike_on_one_day_are_one_acled_event() {
    let l = with_events(vec![
        strike_at("ev-a1", "shelling", "Shelling/artillery/missile attack", &[], Some(3.0)),
        strike_at("ev-b2", "barrel_bomb", "Air/drone strike", &["syria-army"], Some(4.0)),
        strike_at("ev-c3", "airstrike", "Air/drone strike", &["syria-army", "russia-forces"], None),
    ]);
    let (text, written) = export_of(&l, Format::Acled, &Options::default());
    let (_, rows) = rows(&text);
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!((written.rows, written.joined, written.events), (1, 2, 3));
    let r = &rows[0];
    assert_eq!(r["sub_event_type"], "Air/drone strike");
    assert_eq!(r["fatalities"], "7", "the tolls of the three add up");
    assert_eq!(r["actor1"], "Military Forces of Syria (2000-2024)");
    assert_eq!(r["assoc_actor_1"], "Military Forces of Russia (2000-)");
    assert!(r["notes"].contains("One event by ACLED's hierarchy of 3 reported events"), "{}", r["notes"]);
    let (text, _) = export_of(&l, Format::Ucdp, &Options::default());
    assert_eq!(rows_of(&text).len(), 1);

    // Another side's shelling the same day is another event.
    let mut other = strike_at("ev-d4", "shelling", "Shelling/artillery/missile attack", &["fsa"], None);
    other.acled.event_type = "Explosions/Remote violence".into();
    let mut events = l.events.clone();
    events.push(other);
    let (text, _) = export_of(&with_events(events), Format::Acled, &Options::default());
    assert_eq!(rows_of(&text).len(), 2);
}

fn rows_of(text: &str) -> Vec<BTreeMap<String, String>> {
    rows(text).1
}

#[test]
fn violence_against_civilians_names_them_and_a_perpetrator() {
    let mut e = strike_at("ev-x", "execution", "Attack", &[], Some(80.0));
    e.acled.event_type = "Violence against civilians".into();
    let (text, _) = export_of(&with_events(vec![e.clone()]), Format::Acled, &Options::default());
    let r = &rows_of(&text)[0];
    assert_eq!((r["actor1"].as_str(), r["inter1"].as_str()), ("Unidentified Armed Group (Syria)", "Political militia"));
    assert_eq!((r["actor2"].as_str(), r["inter2"].as_str()), ("Civilians (Syria)", "Civilians"));
    assert_eq!((r["civilian_targeting"].as_str(), r["fatalities"].as_str()), ("Civilian targeting", "80"));
    // GED cannot type one-sided violence without a perpetrator: said, not written.
    let (text, written) = export_of(&with_events(vec![e.clone()]), Format::Ucdp, &Options::default());
    assert!(rows_of(&text).is_empty());
    assert!(written.to_string().contains("1 violence against civilians with no perpetrator named"), "{written}");
    e.actors = vec!["syria-army".into(), "generic-civilians".into()];
    e.killed_civilians = None;
    let (text, _) = export_of(&with_events(vec![e]), Format::Ucdp, &Options::default());
    let r = &rows_of(&text)[0];
    assert_eq!(
        (r["type_of_violence"].as_str(), r["side_a"].as_str(), r["side_b"].as_str()),
        ("3", "Government of Syria", "Civilians")
    );
    assert_eq!((r["deaths_civilians"].as_str(), r["deaths_unknown"].as_str(), r["best"].as_str()), ("80", "0", "80"));
}

#[test]
fn territory_changes_by_who_advanced() {
    let advance = |actors: &[&str]| {
        let mut e = strike_at("ev-t", "territory_change", "Non-state actor overtakes territory", actors, None);
        e.acled.event_type = "Battles".into();
        let (text, _) = export_of(&with_events(vec![e]), Format::Acled, &Options::default());
        rows_of(&text)[0]["sub_event_type"].clone()
    };
    assert_eq!(advance(&["syria-army", "fsa"]), "Government regains territory");
    assert_eq!(advance(&["fsa", "syria-army"]), "Non-state actor overtakes territory");
    assert_eq!(
        advance(&["russia-forces"]),
        "Non-state actor overtakes territory",
        "a foreign state, as ACLED words it"
    );
    assert_eq!(advance(&[]), "Armed clash");
}

#[test]
fn state_forces_take_the_regime_of_the_day() {
    let mut l = linked();
    l.actors.insert(
        "israel".into(),
        actor(
            "israel",
            "Israel Defense Forces",
            "state-forces",
            Some("Military Forces of Israel (2022-)"),
            Some(8),
            Some("IL"),
        ),
    );
    l.places.insert(
        "gaza".into(),
        PlaceInfo {
            id: "gaza".into(),
            name: "Gaza City".into(),
            kind: "city".into(),
            within: vec!["Gaza Strip".into(), "Palestine".into()],
            lat: Some(31.5),
            lon: Some(34.47),
            country: Some("PS".into()),
            precision: GeoPrecision { acled: 1, ucdp: 1 },
            ..Default::default()
        },
    );
    let at = |date: &str| {
        let mut e = strike_at("ev-g", "airstrike", "Air/drone strike", &["israel", "generic-civilians"], Some(5.0));
        e.place = Some("gaza".into());
        e.date = Some(date.into());
        e
    };
    let in_gaza = |date: &str| Linked { events: vec![at(date)], claims: vec![], ..l.clone() };
    for (date, name) in [
        ("2014-07-20", "Military Forces of Israel (2009-2021)"),
        ("2023-10-20", "Military Forces of Israel (2022-)"),
        ("2022-01-05", "Military Forces of Israel"),
    ] {
        let (text, _) = export_of(&in_gaza(date), Format::Acled, &Options::default());
        let r = &rows_of(&text)[0];
        assert_eq!(r["actor1"], name, "{date}");
        assert_eq!((r["inter1"].as_str(), r["country"].as_str()), ("External/Other forces", "Palestine"));
        assert_eq!(r["actor2"], "Civilians (Palestine)");
        assert_eq!(r["interaction"], "External/Other forces-Civilians");
    }
    let (text, _) = export_of(&in_gaza("2023-10-20"), Format::Ucdp, &Options::default());
    let r = &rows_of(&text)[0];
    assert_eq!((r["country"].as_str(), r["country_id"].as_str()), ("Israel", "666"), "GED files Gaza under Israel");
    assert_eq!((r["side_a"].as_str(), r["gwnoa"].as_str()), ("Government of Israel", "666"));
    assert_eq!(r["adm_1"], "Gaza Strip");
}

#[test]
fn every_export_says_what_it_left_out() {
    let mut l = linked();
    let mut siege = strike_at("ev-s", "siege", "Other", &["syria-army"], None);
    siege.acled.event_type = "Strategic developments".into();
    let mut lost = strike_at("ev-u", "airstrike", "Air/drone strike", &[], None);
    lost.date = None;
    lost.mentions = vec![evidence("sha256:ffff", [0, 1], "x", "x")];
    l.events.push(siege);
    l.events.push(lost);
    for name in Format::ALL {
        let format = Format::parse(name).unwrap();
        let (text, w) = export_of(&l, format, &Options::default());
        let held = match format {
            Format::Json => serde_json::from_str::<Linked>(&text).unwrap().events.len(),
            Format::Jsonl => text.lines().count(),
            Format::Geojson => serde_json::from_str::<Value>(&text).unwrap()["features"].as_array().unwrap().len(),
            _ => rows_of(&text).len(),
        };
        assert_eq!(held, w.rows, "{name}: the count is what the file holds");
        assert_eq!(w.rows + w.joined + w.left_out_total(), l.events.len(), "{name}: {w}");
    }
    let w = export::summary(&l, Format::Acled, &Options::default());
    assert!(w.to_string().contains("1 sieges"), "{w}");
    assert!(w.to_string().contains("1 with no date"), "{w}");
}

#[test]
fn no_csv_cell_runs_as_a_formula() {
    let mut l = linked();
    l.documents[0].publisher = "=HYPERLINK(\"http://evil.example\",\"SANA\")".into();
    l.documents[0].title = Some("+44 75 226 13520".into());
    l.documents[1].title = Some("@SUM(1+1)".into());
    l.events[0].mentions[0].text = "\tcmd".into();
    l.events[0].mentions[0].context = "\tcmd".into();
    l.events[0].origins[0].name = "-2+3".into();
    for format in [Format::Csv, Format::Acled, Format::Ucdp] {
        let (text, _) = export_of(&l, format, &Options::default());
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                assert!(!cell.starts_with(['=', '+', '@', '\t', '\r']), "{format}: {cell:?}");
                if cell.starts_with('-') {
                    assert!(cell.parse::<f64>().is_ok(), "{format}: {cell:?}");
                }
            }
        }
        assert!(text.contains("'=HYPERLINK") || format != Format::Ucdp, "{format}: source_office");
    }
    let (text, _) = export_of(&l, Format::Acled, &Options { bom: true, ..Default::default() });
    assert!(text.starts_with("\u{feff}event_id_cnty,"));
}
