//! `sitrep extract`, records in the archive, `show --facts` and `reextract`.

mod common;

use common::*;
use serde_json::Value;

const DISPATCH: &str = "Field report, 14 March 2019\n\n\
    Shelling killed at least 12 people in the old market on Wednesday, according to the civil defence.\n\n\
    Residents said dozens of shells fell yesterday. It has been five days since the road closed.\n";

const ARABIC: &str = "حلب، 13 كانون الأول 2016\n\n\
    قال ناشطون إن الطيران شن أربع غارات على حي الكلاسة أمس، ما أدى إلى مقتل ستة مدنيين.\n";

#[test]
fn extract_prints_a_record_per_document() {
    let s = Scratch::new();
    let f = s.write("report.txt", DISPATCH);
    let r = s.run(&["extract", "--format", "json", f.to_str().unwrap()]);
    assert_eq!(r.code(), 0, "{}", r.stderr());
    let rec: Value = serde_json::from_str(&r.stdout()).unwrap();
    assert_eq!(rec["schema"], "sitrep.extract/1");
    assert_eq!(rec["document"]["id"], format!("sha256:{}", sitrep_record::DocId::of(DISPATCH.as_bytes()).into_hex()));
    assert_eq!(rec["document"]["published"], "2019-03-14");
    assert_eq!(rec["document"]["published_source"], "text");
    assert_eq!(rec["document"]["format"], "text");
    let text: Vec<char> = rec["text"].as_str().unwrap().chars().collect();
    let at = |span: &Value| -> String {
        text[span[0].as_u64().unwrap() as usize..span[1].as_u64().unwrap() as usize].iter().collect()
    };
    let dates: Vec<(String, &str)> =
        rec["dates"].as_array().unwrap().iter().map(|d| (at(&d["span"]), d["value"].as_str().unwrap())).collect();
    assert_eq!(
        dates,
        [
            ("14 March 2019".to_string(), "2019-03-14"),
            ("Wednesday".to_string(), "2019-03-13"),
            ("yesterday".to_string(), "2019-03-13")
        ]
    );
    let figs = rec["figures"].as_array().unwrap();
    assert_eq!(figs.len(), 2, "{figs:#?}");
    assert_eq!(figs[0]["category"], "killed");
    assert_eq!(figs[0]["quantity"]["qualifier"], "at-least");
    assert_eq!(figs[0]["source"], "the civil defence");
    assert_eq!(figs[0]["date"], "2019-03-13");
    assert_eq!(at(&figs[0]["span"]), "killed at least 12");
    assert_eq!(figs[1]["category"], "shells");
    assert_eq!(figs[1]["quantity"]["value"], 12.0);
    assert_eq!(figs[1]["quantity"]["high"], 99.0);

    // A date the user knows wins over the text's.
    let r = s.run(&["extract", "--published", "2019-03-20", "--no-text", f.to_str().unwrap()]);
    let rec: Value = serde_json::from_str(&r.stdout()).unwrap();
    assert_eq!(rec["document"]["published_source"], "given");
    assert!(rec.get("text").is_none());
    assert_eq!(rec["dates"][1]["value"], "2019-03-20", "on Wednesday, counted from the given date");
}

#[test]
fn extract_reads_a_stream_and_writes_one_record_a_line() {
    let feed = format!(
        "{}\n{}\n",
        serde_json::json!({"text": ARABIC, "url": "https://example.org/ar"}),
        serde_json::json!({"text": "No facts in this line at all.", "published": "2020-01-02"})
    );
    let out = std::process::Command::new(BIN)
        .args(["extract", "--format", "jsonl", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().unwrap().write_all(feed.as_bytes())?;
            c.wait_with_output()
        })
        .unwrap();
    assert!(out.status.success());
    let lines: Vec<Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    let ar = &lines[0];
    assert_eq!(ar["document"]["format"], "json");
    assert_eq!(ar["document"]["published"], "2016-12-13");
    let cats: Vec<&str> = ar["figures"].as_array().unwrap().iter().map(|f| f["category"].as_str().unwrap()).collect();
    assert_eq!(cats, ["airstrikes", "killed"]);
    let dates: Vec<&str> = ar["dates"].as_array().unwrap().iter().map(|d| d["value"].as_str().unwrap()).collect();
    assert_eq!(dates, ["2016-12-13", "2016-12-12"], "أمس is the day before the dateline");
    assert_eq!(lines[1]["document"]["published"], "2020-01-02");
    assert_eq!(lines[1]["document"]["published_source"], "given");
}

#[test]
fn add_stores_records_and_show_marks_the_facts() {
    let s = Scratch::new();
    s.write("a.txt", DISPATCH);
    assert_eq!(s.run(&["add", s.path("a.txt").to_str().unwrap()]).code(), 0);
    let id = sitrep_record::DocId::of(DISPATCH.as_bytes()).into_hex();
    let rec = s.json(&["show", &id[..8], "--facts", "--json"]);
    assert_eq!(rec["figures"].as_array().unwrap().len(), 2);
    assert!(rec["extractor"].as_str().unwrap().starts_with("sitrep "));
    let r = s.run(&["show", &id[..8], "--facts"]);
    assert!(r.stdout().contains("[killed at least 12]{killed 12}"), "{}", r.stdout());
    assert!(r.stdout().contains("figure  ["), "{}", r.stdout());

    // reextract: nothing is stale right after add; --all re-makes each.
    let v = s.json(&["reextract", "--json"]);
    assert_eq!(v["reextracted"], 0);
    let v = s.json(&["reextract", "--all", "--json"]);
    assert_eq!(v["reextracted"], 1);
    // A record from an older extractor is found stale and re-made.
    {
        let conn = rusqlite::Connection::open(s.archive()).unwrap();
        conn.execute("UPDATE records SET extractor = 'sitrep 0.0.1 rules 0'", []).unwrap();
    }
    let v = s.json(&["reextract", "--json"]);
    assert_eq!(v["reextracted"], 1);
    // The record made again is sealed; the one renamed behind sitrep's
    // back is not, and verify says so.
    let r = s.run(&["verify"]);
    assert_eq!(r.code(), 1);
    assert!(r.stdout().contains("sitrep 0.0.1 rules 0: has no seal"), "{}", r.stdout());
}

/// A report of our own about one city: places geocoded to the neighbourhood,
/// actors, a person with a role, and the facts listed by `show --facts`.
const CITY: &str = "Regime forces shelled a-Sukkari and Saif al-Dowla in eastern Aleppo on 13 December 2016, \
    killing 9 people, the Syrian Observatory for Human Rights said.\n\n\
    “We cannot leave,” Khaled Hamdan, a nurse in the neighbourhood of Zarqal, told Reuters.\n";

#[test]
fn places_and_actors_in_the_record_and_in_show() {
    let s = Scratch::new();
    let f = s.write("city.txt", CITY);
    let rec = s.json(&["extract", "--format", "json", f.to_str().unwrap()]);
    let places = rec["places"].as_array().unwrap();
    let place = |text: &str| places.iter().find(|p| p["text"] == text).unwrap_or_else(|| panic!("{text}: {places:#?}"));
    let sukkari = place("a-Sukkari");
    assert_eq!(sukkari["kind"], "neighbourhood");
    assert_eq!(sukkari["pcode"], "N0219");
    assert_eq!(sukkari["within"], serde_json::json!(["Aleppo", "Syria"]));
    assert_eq!(sukkari["precision"]["acled"], 1);
    assert!(sukkari["lat"].as_f64().unwrap() > 36.0);
    assert_eq!(place("Saif al-Dowla")["pcode"], "N0203");
    let zarqal = place("Zarqal");
    assert_eq!(zarqal["basis"], "text");
    assert!(zarqal["lat"].is_null(), "no coordinates rather than wrong ones");
    // The figure's place is the most specific one in its sentence.
    assert_eq!(rec["figures"][0]["place"], sukkari["id"]);

    let actors = rec["actors"].as_array().unwrap();
    let actor = |text: &str| actors.iter().find(|a| a["text"] == text).unwrap_or_else(|| panic!("{text}: {actors:#?}"));
    assert_eq!(actor("Regime forces")["kind"], "state-forces");
    assert_eq!(actor("Regime forces")["inter"], 1);
    assert_eq!(actor("Reuters")["kind"], "media");
    assert_eq!(actor("Khaled Hamdan")["kind"], "person");
    assert_eq!(actor("Khaled Hamdan")["role"], "nurse");

    assert_eq!(s.run(&["add", f.to_str().unwrap()]).code(), 0);
    let id = sitrep_record::DocId::of(CITY.as_bytes()).into_hex();
    let r = s.run(&["show", &id[..8], "--facts"]);
    assert!(r.stdout().contains("[a-Sukkari]{neighbourhood As-Sukkari}"), "{}", r.stdout());
    assert!(r.stdout().contains("place   ["), "{}", r.stdout());
    assert!(r.stdout().contains("actor   ["), "{}", r.stdout());
}
