//! The exports of a small hand-made linked record: Aleppo with an air strike
//! reported in Arabic (a comma and a quote mark in the words), a clash in an
//! Arabic-named neighbourhood that has no coordinates, and an undated
//! displacement.

use std::collections::BTreeMap;

use serde_json::Value;
use sitrep_link::{
    ActorInfo, ClaimGroup, DocRef, Evidence, Linked, LinkedEvent, Origin, PlaceInfo, Range, Rule, SCHEMA,
};
use sitrep_record::{Acled, GeoPrecision};
use sitrep_report::export::{self, Format, ACLED_COLUMNS, UCDP_COLUMNS};

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
    let mut out = Vec::new();
    export::write(&linked(), format, &mut out).unwrap();
    String::from_utf8(out).unwrap()
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
    assert_eq!(rows.len(), 2, "the undated displacement is left out");
    let r = &rows[0];
    assert_eq!(r["event_id_cnty"], "SYR3f2a9c1b");
    assert_eq!(r["event_date"], "2016-12-13");
    assert_eq!(r["year"], "2016");
    assert_eq!(r["time_precision"], "1");
    assert_eq!(r["disorder_type"], "Political violence");
    assert_eq!(r["event_type"], "Explosions/Remote violence");
    assert_eq!(r["sub_event_type"], "Air/drone strike");
    assert_eq!(r["actor1"], "Military Forces of Syria (2000-2024)");
    assert_eq!(r["assoc_actor_1"], "Military Forces of Russia (2000-)");
    assert_eq!(r["inter1"], "1");
    assert_eq!(r["actor2"], "Civilians (Syria)");
    assert_eq!(r["assoc_actor_2"], "Health workers (Syria)");
    assert_eq!(r["inter2"], "7");
    assert_eq!(r["interaction"], "17");
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
    assert_eq!(r["fatalities"], "12");
    assert_eq!(r["timestamp"], "");
    let notes = &r["notes"];
    assert!(notes.starts_with("On 13 December 2016, airstrike in Aleppo (Jebel Saman, Aleppo)."), "{notes}");
    assert!(notes.contains("Fatalities: 12 (range 10-15, median rule)."), "{notes}");
    assert!(
        notes.contains(&format!("SANA: \"أفادت مصادر محلية: {ARABIC}.\" [doc 3f2a9c1b0a1e span 120-180]")),
        "{notes}"
    );
    assert!(notes.contains("Enab Baladi: \"air strikes on al-Shaar\" [doc 9b1c00d4e5f6 span 40-75]"), "{notes}");
}

#[test]
fn acled_month_clash_takes_the_mid_month() {
    let (_, rows) = rows(&export(Format::Acled));
    let r = &rows[1];
    assert_eq!(r["event_date"], "2016-12-15");
    assert_eq!(r["time_precision"], "3");
    assert_eq!(r["actor1"], "Military Forces of Syria (2000-2024)");
    assert_eq!(r["actor2"], "Opposition Rebels (Syria)");
    assert_eq!(r["interaction"], "12");
    assert_eq!(r["civilian_targeting"], "");
    assert_eq!(r["location"], NEIGHBOURHOOD);
    assert_eq!(r["admin1"], "Aleppo");
    assert_eq!(r["admin2"], "");
    assert_eq!((r["latitude"].as_str(), r["longitude"].as_str()), ("", ""));
    assert_eq!(r["geo_precision"], "2");
    assert_eq!(r["fatalities"], "0");
    assert!(r["notes"].starts_with(&format!("In December 2016, armed clash in {NEIGHBOURHOOD} (Aleppo).")));
    assert!(r["notes"].contains("[doc 9b1c00d4e5f6 span 300-308]"));
    assert_eq!(export::left_out(&linked(), Format::Acled), 1);
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
    assert_eq!((r["sources"].as_str(), r["origins"].as_str()), ("2", "2"));
    assert_eq!(rows[1]["place"], NEIGHBOURHOOD);
    assert_eq!(rows[1]["latitude"], "");
    assert_eq!(rows[2]["date"], "");
    assert_eq!(rows[2]["killed_best"], "");
}

#[test]
fn geojson_is_a_feature_collection_of_lon_lat_points() {
    let collection: Value = serde_json::from_str(&export(Format::Geojson)).unwrap();
    assert_eq!(collection["type"], "FeatureCollection");
    let features = collection["features"].as_array().unwrap();
    assert!(features.iter().all(|f| f["type"] == "Feature" && f["geometry"]["type"] == "Point"));
    assert!(features.iter().all(|f| !f["geometry"].is_null()));
    let ids: Vec<&str> = features.iter().map(|f| f["properties"]["id"].as_str().unwrap()).collect();
    // The clash at the neighbourhood without coordinates is left out.
    assert_eq!(ids, ["ev-3f2a9c1b", "ev-0c0ffee", "wof:421202163"]);
    let strike = &features[0];
    assert_eq!(strike["geometry"]["coordinates"], serde_json::json!([37.15, 36.2]));
    let p = &strike["properties"];
    assert_eq!(p["feature"], "event");
    assert_eq!(p["killed_best"], 12);
    assert!(p["killed_best"].is_number());
    assert_eq!(p["sources"], 2);
    assert_eq!(p["evidence"], ARABIC);
    assert_eq!(p["documents"], "3f2a9c1b0a1e; 9b1c00d4e5f6");
    assert_eq!(features[1]["properties"]["date"], Value::Null);
    let aleppo = &features[2]["properties"];
    assert_eq!((aleppo["feature"].as_str(), aleppo["events"].as_u64()), (Some("place"), Some(2)));
    assert_eq!(export::left_out(&linked(), Format::Geojson), 1);
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
    assert_eq!(r["deaths_unknown"], "12");
    assert_eq!(r["type_of_violence"], "3");
    assert_eq!(r["side_a"], "Government of Syria");
    assert_eq!(r["side_b"], "Civilians");
    assert_eq!(r["date_prec"], "1");
    assert_eq!((r["date_start"].as_str(), r["date_end"].as_str()), ("2016-12-13", "2016-12-13"));
    assert_eq!(r["where_prec"], "1");
    assert_eq!(r["adm_1"], "Aleppo");
    assert_eq!(r["adm_2"], "Jebel Saman");
    assert_eq!(r["geom_wkt"], "POINT (37.15 36.2)");
    assert_eq!(r["priogrid_gid"], "181875");
    assert_eq!((r["country"].as_str(), r["region"].as_str()), ("Syria", "Middle East"));
    assert_eq!(r["number_of_sources"], "2");
    assert_eq!(r["source_article"], "3f2a9c1b0a1e; 9b1c00d4e5f6");
    assert_eq!(r["source_office"], "SANA; Enab Baladi");
    assert!(r["source_original"].contains(&format!("SANA: \"{ARABIC}\" [doc 3f2a9c1b0a1e span 120-180]")));
    let clash = &rows[1];
    assert_eq!(clash["type_of_violence"], "1");
    assert_eq!((clash["side_a"].as_str(), clash["side_b"].as_str()), ("Government of Syria", "Free Syrian Army"));
    assert_eq!((clash["best"].as_str(), clash["low"].as_str(), clash["high"].as_str()), ("0", "0", "0"));
    assert_eq!(clash["date_prec"], "4");
    assert_eq!((clash["date_start"].as_str(), clash["date_end"].as_str()), ("2016-12-01", "2016-12-31"));
    assert_eq!(clash["event_clarity"], "2");
    assert_eq!(export::left_out(&linked(), Format::Ucdp), 1);
}

#[test]
fn jsonl_lines_are_self_contained() {
    let text = export(Format::Jsonl);
    let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 4);
    let kinds: Vec<&str> = lines.iter().map(|l| l["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["event", "event", "event", "claim_group"]);
    assert_eq!(lines[0]["type"], "airstrike");
    assert_eq!(lines[0]["place_name"], "Aleppo");
    assert_eq!((lines[0]["latitude"].as_f64(), lines[0]["longitude"].as_f64()), (Some(36.2), Some(37.15)));
    assert_eq!(lines[0]["mentions"][0]["text"], ARABIC);
    assert_eq!(lines[0]["actor_names"][0], "Syrian Arab Army");
    assert_eq!(lines[1]["place_name"], NEIGHBOURHOOD);
    assert!(lines[1]["latitude"].is_null());
    assert_eq!(lines[3]["id"], "cg-killed-1");
    assert_eq!(lines[3]["range"]["best"], 12.0);
    assert_eq!(lines[3]["rule"], "median");
    assert_eq!(lines[3]["place_name"], "Aleppo");
}

#[test]
fn exports_are_deterministic() {
    for name in Format::ALL {
        let format = Format::parse(name).unwrap();
        assert_eq!(export(format), export(format), "{name}");
    }
}
