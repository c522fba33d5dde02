//! `sitrep add --records`: records made elsewhere (a Spark job running
//! `sitrep extract --format jsonl`) stored for documents added from the
//! same inputs, without extracting again.

mod common;

use common::*;
use serde_json::Value;

const FEED: &str = concat!(
    r#"{"id":"r1","url":"https://example.org/1","title":"Shelling","text":"Aleppo, 3 December 2016\n\nShelling killed 12 people in the Shaar district, rescuers said."}"#,
    "\n",
    r#"{"id":"r2","url":"https://example.org/2","text":"قال ناشطون إن الطيران شن أربع غارات على حي الكلاسة أمس، ما أدى إلى مقتل ستة مدنيين."}"#,
    "\n",
    "not a line of JSON\n",
);

fn records_of(s: &Scratch, args: &[&str]) -> String {
    let r = s.run(args);
    assert!(r.code() <= 1, "{}", r.stderr());
    r.stdout()
}

#[test]
fn records_made_elsewhere_are_stored_as_made() {
    let s = Scratch::new();
    let feed = s.write("in/feed.jsonl", FEED);
    let page = s.write("in/page.txt", "Residents said 40 families had fled the town on Monday.\n");
    // A page out of a WARC: `verify --deep` makes its record again from
    // the body alone, and must still call it a WARC's.
    let body = "<html><body><p>Two barrel bombs hit a clinic in Douma, wounding 9 patients.</p></body></html>";
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n{body}", body.len());
    let warc = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/clinic\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
        http.len()
    );
    s.write("in/crawl.warc", warc);
    let made = records_of(&s, &["extract", "--format", "jsonl", s.path("in").to_str().unwrap()]);
    assert_eq!(made.lines().count(), 5, "four documents and the bad line's error: {made}");
    let recs = s.write("out/part-00000", &made);
    s.write("out/_SUCCESS", "");

    // A folder of records, as Spark writes it.
    let r = s.run(&["add", "--records", s.path("out").to_str().unwrap(), s.path("in").to_str().unwrap()]);
    assert_eq!(r.code(), 1, "the bad line fails in add too: {}", r.stderr());
    assert!(r.stderr().contains("records: 4 of 4 stored"), "{}", r.stderr());
    assert!(r.stderr().contains("1 inputs had given no record there"), "{}", r.stderr());
    // What is stored is what extract made (its `input` echo aside), and
    // the deep check makes the same records again.
    let made: Vec<Value> = made.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    for m in made.iter().filter(|m| m["schema"] == "sitrep.extract/1") {
        let id = m["document"]["id"].as_str().unwrap();
        let stored = s.json(&["show", &id[7..19], "--facts", "--json"]);
        let mut expected = m.clone();
        expected.as_object_mut().unwrap().remove("input");
        for key in ["places", "actors", "dates", "figures", "quotes", "events", "extractor"] {
            assert_eq!(stored[key], expected[key], "{key} of {id}");
        }
    }
    // Stored, not made now: nothing is left for reextract to make.
    let re = s.json(&["reextract", "--json"]);
    assert_eq!(re["reextracted"], 0, "{re}");
    let deep = s.run(&["verify", "--deep"]);
    assert_eq!(deep.code(), 0, "{}{}", deep.stdout(), deep.stderr());
    let _ = (feed, page, recs);
}

#[test]
fn a_record_that_does_not_fit_is_named_and_not_stored() {
    let s = Scratch::new();
    let page = s.write("in/page.txt", "Residents said 40 families had fled the town on Monday.\n");
    let other = s.write("in/other.txt", "Two barrel bombs hit a clinic, wounding 9 patients.\n");
    let made = records_of(&s, &["extract", "--format", "jsonl", page.to_str().unwrap()]);
    // Another extractor's record, and none at all for the second page.
    let old = made.replace("\"extractor\":\"sitrep ", "\"extractor\":\"old sitrep ");
    let recs = s.write("recs.jsonl", &old);
    let r = s.run_paths(&["add", "--records", recs.to_str().unwrap()], &[&page, &other]);
    assert_eq!(r.code(), 1);
    let err = r.stderr();
    assert!(err.contains("was made by \"old sitrep"), "{err}");
    assert!(err.contains("no record for document"), "{err}");
    assert!(err.contains("added 0, already present 0, failed 2"), "{err}");

    // A file that is not records at all: nothing is added.
    let junk = s.write("junk.jsonl", "{\"schema\":\"something/1\"}\n");
    let r = s.run_paths(&["add", "--records", junk.to_str().unwrap()], &[&page]);
    assert_eq!(r.code(), 2, "{}", r.stderr());
    assert!(r.stderr().contains("junk.jsonl line 1 is not a record"), "{}", r.stderr());
}
