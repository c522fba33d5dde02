//! The exports as their users meet them, through the real binary: ACLED's
//! and UCDP's coding on the sample dispatches (and on the example corpus's
//! Aleppo pages when they are beside the checkout), what the message
//! counts against what the file holds, cells no spreadsheet runs, and the
//! files read by pandas with the dtypes each column is meant to have and by
//! GDAL's `ogrinfo` as one layer a file.
//!
//! pandas and `ogrinfo` are not Rust: `.ci/run` installs them (Debian's
//! `gdal-bin`, pandas from PyPI into a virtualenv named by
//! `$SITREP_PYTHON`). Without them the tests that need them say so and
//! skip, unless `SITREP_REQUIRE_TOOLS=1` (as CI sets) makes their absence a
//! failure.

mod common;

use common::Scratch;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn samples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    v.sort();
    v
}

/// The three Aleppo pages of the example corpus, when it is there.
fn aleppo_pages() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/dev");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("00") && n.ends_with(".txt"))
                })
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn add(s: &Scratch, paths: &[PathBuf]) {
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let r = s.run_paths(&["add"], &refs);
    assert_eq!(r.code(), 0, "{}", r.stderr());
}

type Row = BTreeMap<String, String>;

/// Exports to a file and returns its rows and the message's count.
fn export_csv(s: &Scratch, format: &str, extra: &[&str]) -> (Vec<Row>, usize, String) {
    let out = s.path(&format!("{format}{}.csv", extra.join("")));
    let mut args = vec!["export", "--format", format, "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let r = s.run(&args);
    assert_eq!(r.code(), 0, "{}", r.stderr());
    let message = r.stderr();
    let text = std::fs::read_to_string(&out).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<Row> =
        reader.records().map(|r| header.iter().cloned().zip(r.unwrap().iter().map(String::from)).collect()).collect();
    (rows, count_of(&message), message)
}

/// The number the message gives for what was written: `Wrote x: 19 ACLED
/// events from …`.
fn count_of(message: &str) -> usize {
    let after = message.split(": ").nth(1).unwrap_or_else(|| panic!("no count in {message:?}"));
    after.split_whitespace().next().unwrap().parse().unwrap_or_else(|_| panic!("no count in {message:?}"))
}

/// What ACLED users check first, on any archive.
fn check_acled(rows: &[Row], what: &str) {
    assert!(!rows.is_empty(), "{what}: no rows");
    for r in rows {
        assert!(!r["actor1"].is_empty(), "{what}: a row without actor1: {r:#?}");
        assert!(!r["inter1"].is_empty(), "{what}: a row without inter1: {r:#?}");
        if r["event_type"] == "Violence against civilians" {
            assert!(r["actor2"].starts_with("Civilians"), "{what}: violence against civilians names them: {r:#?}");
            assert_eq!(r["civilian_targeting"], "Civilian targeting");
        }
        assert!(r["fatalities"].parse::<u32>().is_ok(), "{what}: {r:#?}");
        assert!(r["event_date"].len() == 10 && r["time_precision"].parse::<u8>().is_ok_and(|p| (1..=3).contains(&p)));
        assert_ne!(r["actor1"], r["actor2"], "{what}: one actor on both sides: {r:#?}");
    }
}

fn check_ucdp(rows: &[Row], what: &str) {
    for r in rows {
        assert!(["1", "2", "3"].contains(&r["type_of_violence"].as_str()), "{what}: {r:#?}");
        let deaths: u32 = ["deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"]
            .iter()
            .map(|c| r[*c].parse::<u32>().unwrap())
            .sum();
        assert_eq!(deaths.to_string(), r["best"], "{what}: best is the sum of the deaths: {r:#?}");
        assert!(!r["side_a"].is_empty(), "{what}: {r:#?}");
        assert!(!(r["side_a"].contains("Government of") && r["side_b"].contains("Government of")), "{what}: {r:#?}");
    }
}

fn check_cells(rows: &[Row], what: &str) {
    for r in rows {
        for (column, cell) in r {
            assert!(!cell.starts_with(['=', '+', '@', '\t', '\r']), "{what}: {column} runs as a formula: {cell:?}");
        }
    }
}

#[test]
fn the_samples_export_as_acled_and_ucdp_code_them() {
    let s = Scratch::new();
    add(&s, &samples());
    let (acled, count, message) = export_csv(&s, "acled", &[]);
    assert_eq!(acled.len(), count, "the message counts what the file holds: {message}");
    assert!(message.contains("ACLED events from"), "{message}");
    check_acled(&acled, "samples");
    check_cells(&acled, "samples acled");
    let (ucdp, count, message) = export_csv(&s, "ucdp", &[]);
    assert_eq!(ucdp.len(), count, "{message}");
    assert!(message.contains("left out"), "GED cannot hold every event, and says so: {message}");
    check_ucdp(&ucdp, "samples");
    check_cells(&ucdp, "samples ucdp");
    let (csv, count, _) = export_csv(&s, "csv", &[]);
    assert_eq!(csv.len(), count);
    check_cells(&csv, "samples csv");
    // The Kallaseh strike of 2 December: seven civilians killed.
    let kallaseh = acled.iter().find(|r| r["location"] == "Kallaseh" && r["event_type"] != "Strategic developments");
    let kallaseh = kallaseh.unwrap_or_else(|| panic!("{acled:#?}"));
    assert_eq!((kallaseh["event_date"].as_str(), kallaseh["fatalities"].as_str()), ("2016-12-02", "7"));
    assert_eq!(kallaseh["actor2"], "Civilians (Syria)");
    // Numeric codes on request.
    let (numeric, _, _) = export_csv(&s, "acled", &["--acled-inter", "numeric"]);
    assert!(numeric.iter().all(|r| r["inter1"].parse::<u8>().is_ok()), "{numeric:#?}");
    assert!(acled.iter().all(|r| r["inter1"].parse::<u8>().is_err()), "text by default");
    let r = s.run(&["export", "--format", "geojson", "--layer", "claims"]);
    assert_eq!(r.code(), 2, "{}", r.stderr());
}

#[test]
fn the_aleppo_pages_export_as_acled_and_ucdp_code_them() {
    let pages = aleppo_pages();
    if pages.len() < 3 {
        eprintln!("skipped: the example corpus (../shared/corpus/dev) is not beside this checkout");
        return;
    }
    let s = Scratch::new();
    add(&s, &pages);
    let (acled, count, message) = export_csv(&s, "acled", &[]);
    assert_eq!(acled.len(), count, "{message}");
    check_acled(&acled, "Aleppo pages");
    check_cells(&acled, "Aleppo pages");
    let other = acled.iter().filter(|r| r["sub_event_type"] == "Other").count();
    assert!(other <= 2, "{other} rows of Strategic developments / Other: {acled:#?}");
    // The mosque strike told the day after (000): six dead.
    let strike = acled
        .iter()
        .find(|r| r["event_date"] == "2016-02-05" && r["event_type"] == "Explosions/Remote violence")
        .unwrap_or_else(|| panic!("no strike on 5 February 2016: {acled:#?}"));
    assert_eq!(strike["fatalities"], "6", "{strike:#?}");
    // The executions of 13 December (002): at least 80.
    assert!(
        acled.iter().any(|r| r["event_date"] == "2016-12-13" && r["fatalities"].parse::<u32>().unwrap() >= 80),
        "{acled:#?}"
    );
    let (ucdp, count, message) = export_csv(&s, "ucdp", &[]);
    assert_eq!(ucdp.len(), count, "{message}");
    check_ucdp(&ucdp, "Aleppo pages");
    check_cells(&ucdp, "Aleppo pages");
    assert!(ucdp.iter().any(|r| r["best"] == "80" && r["deaths_civilians"] == "80"), "{ucdp:#?}");
}

// ---------------------------------------------------------------------------
// pandas and GDAL

/// Whether a tool is there; when it is not, the test skips with a message,
/// or fails when `SITREP_REQUIRE_TOOLS=1`.
fn have(tool: &str, found: bool) -> bool {
    if !found {
        let message = format!(
            "{tool} is not installed: .ci/run installs Debian's gdal-bin and pandas from PyPI \
             (set SITREP_PYTHON to a python that imports pandas)"
        );
        if std::env::var("SITREP_REQUIRE_TOOLS").as_deref() == Ok("1") {
            panic!("SITREP_REQUIRE_TOOLS=1 but {message}");
        }
        eprintln!("skipped: {message}");
    }
    found
}

fn python() -> String {
    std::env::var("SITREP_PYTHON").unwrap_or_else(|_| "python3".into())
}

fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program).args(args).output().is_ok_and(|o| o.status.success())
}

/// How the README tells analysts to read the exports with pandas, and what
/// each column must then be.
const PANDAS: &str = r#"
import sys, json, pandas as pd
acled_path, ucdp_path, csv_path, jsonl_path, counts = sys.argv[1:6]
counts = json.loads(counts)
fail = []
def expect(df, name, want):
    for column, kind in want.items():
        got = str(df[column].dtype)
        ok = {"int": got == "Int64", "float": got == "float64", "date": got.startswith("datetime64"),
              "text": pd.api.types.is_string_dtype(df[column]) or got == "object"}[kind]
        if not ok:
            fail.append(f"{name}.{column}: {got}, not {kind}")

NA = dict(keep_default_na=False, na_values=[""])
ACLED = {"event_id_cnty": str, "year": "Int64", "time_precision": "Int64", "inter1": str, "inter2": str,
         "interaction": str, "iso": "Int64", "geo_precision": "Int64", "fatalities": "Int64", "timestamp": "Int64",
         "latitude": float, "longitude": float, "tags": str, "source_scale": str, "admin3": str, "assoc_actor_1": str,
         "assoc_actor_2": str, "actor2": str, "civilian_targeting": str}
acled = pd.read_csv(acled_path, dtype=ACLED, parse_dates=["event_date"], **NA)
expect(acled, "acled", {"event_date": "date", "year": "int", "time_precision": "int", "iso": "int", "fatalities": "int",
                        "geo_precision": "int", "latitude": "float", "longitude": "float", "actor1": "text",
                        "inter1": "text", "notes": "text", "country": "text"})
if list(acled.columns)[0] != "event_id_cnty": fail.append(f"acled: first column {list(acled.columns)[0]!r}")
if len(acled) != counts["acled"]: fail.append(f"acled: {len(acled)} rows, the message said {counts['acled']}")
if acled["actor1"].isna().any(): fail.append("acled: an empty actor1")
if acled["event_date"].isna().any(): fail.append("acled: an event_date pandas cannot read")
if (acled["fatalities"] < 0).any(): fail.append("acled: negative fatalities")
# Without a dtype map, the counts and codes are still numbers.
plain = pd.read_csv(acled_path, **NA)
for column in ["year", "time_precision", "fatalities"]:
    if not pd.api.types.is_integer_dtype(plain[column]): fail.append(f"acled default read: {column} is {plain[column].dtype}")

UCDP = {"relid": str, "code_status": str, "gwnoa": str, "gwnob": str, "priogrid_gid": "Int64", "country_id": "Int64",
        "type_of_violence": "Int64", "where_prec": "Int64", "date_prec": "Int64", "event_clarity": "Int64",
        "number_of_sources": "Int64", "conflict_name": str, "side_b": str, "dyad_name": str,
        **{c: "Int64" for c in ["deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low"]}}
ucdp = pd.read_csv(ucdp_path, dtype=UCDP, parse_dates=["date_start", "date_end"], **NA)
expect(ucdp, "ucdp", {"type_of_violence": "int", "best": "int", "low": "int", "high": "int", "deaths_civilians": "int",
                      "date_start": "date", "date_end": "date", "latitude": "float", "country_id": "int",
                      "side_a": "text", "gwnoa": "text"})
if len(ucdp) != counts["ucdp"]: fail.append(f"ucdp: {len(ucdp)} rows, the message said {counts['ucdp']}")
if ucdp["type_of_violence"].isna().any(): fail.append("ucdp: a row without type_of_violence")
if ((ucdp["low"] > ucdp["best"]) | (ucdp["best"] > ucdp["high"])).any(): fail.append("ucdp: low <= best <= high")
total = ucdp[["deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"]].sum(axis=1)
if (total != ucdp["best"]).any(): fail.append("ucdp: best is not the sum of the deaths")

csv = pd.read_csv(csv_path, dtype={"killed_low": "Int64", "killed_best": "Int64", "killed_high": "Int64",
                                   "injured_best": "Int64", "sources": "Int64", "origins": "Int64"}, **NA)
expect(csv, "csv", {"sources": "int", "origins": "int", "latitude": "float", "id": "text", "evidence": "text"})
if len(csv) != counts["csv"]: fail.append(f"csv: {len(csv)} rows, the message said {counts['csv']}")

events = pd.read_json(jsonl_path, lines=True)
if set(events["kind"]) != {"event"}: fail.append(f"jsonl: kinds {set(events['kind'])}")
if len(events) != counts["jsonl"]: fail.append(f"jsonl: {len(events)} lines, the message said {counts['jsonl']}")

print("\n".join(fail))
sys.exit(1 if fail else 0)
"#;

const SHELLING: &str = "ALEPPO, 3 March 2017\n\nSyrian government forces shelled the village of Kafr Hamra on \
Friday, killing five civilians, the local council said.\n";

#[test]
fn pandas_reads_the_exports_with_their_intended_dtypes() {
    let python = python();
    if !have("pandas", runs(&python, &["-c", "import pandas"])) {
        return;
    }
    let s = Scratch::new();
    let mut inputs = samples();
    inputs.extend(aleppo_pages());
    // A report that names an armed actor, so that UCDP's file has rows to
    // type whether or not the example corpus is beside the checkout (an
    // empty file reads as text in every column).
    inputs.push(s.write("shelling.txt", SHELLING));
    add(&s, &inputs);
    let mut counts = BTreeMap::new();
    let mut paths = Vec::new();
    for (format, extra, file) in [
        ("acled", &["--excel"][..], "acled.csv"),
        ("ucdp", &[][..], "ucdp.csv"),
        ("csv", &[][..], "events.csv"),
        ("jsonl", &[][..], "events.jsonl"),
    ] {
        let out = s.path(file);
        let mut args = vec!["export", "--format", format, "-o", out.to_str().unwrap()];
        args.extend_from_slice(extra);
        let r = s.run(&args);
        assert_eq!(r.code(), 0, "{}", r.stderr());
        counts.insert(format, count_of(&r.stderr()));
        paths.push(out);
    }
    let counts = serde_json::to_string(&counts).unwrap();
    let mut args: Vec<&str> = vec!["-c", PANDAS];
    args.extend(paths.iter().map(|p| p.to_str().unwrap()));
    args.push(&counts);
    let out = Command::new(&python).args(&args).output().unwrap();
    assert!(
        out.status.success(),
        "pandas: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `field: Type (…)` lines of `ogrinfo -so`, by field.
fn ogr_fields(info: &str) -> BTreeMap<String, String> {
    info.lines()
        .filter_map(|l| {
            let (name, rest) = l.split_once(": ")?;
            let ty = rest.split_whitespace().next()?;
            (rest.contains('(') && !name.contains(' ') && !name.is_empty()).then(|| (name.to_string(), ty.to_string()))
        })
        .collect()
}

#[test]
fn gdal_reads_events_and_places_as_two_typed_layers() {
    if !have("ogrinfo (GDAL)", runs("ogrinfo", &["--version"])) {
        return;
    }
    let s = Scratch::new();
    let mut inputs = samples();
    inputs.extend(aleppo_pages());
    add(&s, &inputs);
    let mut layers = Vec::new();
    for layer in ["events", "places"] {
        let out = s.path(&format!("{layer}.geojson"));
        let r = s.run(&["export", "--format", "geojson", "--layer", layer, "-o", out.to_str().unwrap()]);
        assert_eq!(r.code(), 0, "{}", r.stderr());
        let count = count_of(&r.stderr());
        let info = Command::new("ogrinfo").args(["-ro", "-so", "-al"]).arg(&out).output().unwrap();
        assert!(info.status.success(), "{}", String::from_utf8_lossy(&info.stderr));
        let info = String::from_utf8_lossy(&info.stdout).into_owned();
        assert_eq!(info.matches("Layer name:").count(), 1, "one layer a file: {info}");
        assert!(info.contains(&format!("Layer name: {layer}")), "{info}");
        assert!(info.contains("Geometry: Point"), "{info}");
        assert!(info.contains(&format!("Feature Count: {count}")), "the message counts the features: {info}");
        layers.push(ogr_fields(&info));
    }
    let events = &layers[0];
    for (field, ty) in [
        ("killed_best", "Integer"),
        ("sources", "Integer"),
        ("origins", "Integer"),
        ("date", "Date"),
        ("date_end", "Date"),
        ("type", "String"),
        ("place", "String"),
    ] {
        assert_eq!(events.get(field).map(String::as_str), Some(ty), "events.{field}: {events:?}");
    }
    assert!(!events.contains_key("events") && !events.contains_key("kind"), "no place fields among events: {events:?}");
    let places = &layers[1];
    assert_eq!(places.get("events").map(String::as_str), Some("Integer"), "{places:?}");
    assert!(!places.contains_key("killed_best"), "{places:?}");
}
