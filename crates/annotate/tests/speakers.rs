//! The speaker golden cases: short texts in the shapes real reporting
//! uses to say who said something (`tests/golden/README.md`), one table per
//! language, each case with the quotes it holds and their speakers. Every
//! case in the tables must pass; the shapes left out on purpose are in
//! `speakers_not_handled.jsonl`, whose cases must still fail (one that
//! starts to pass fails the test until it is moved into its table).

use serde_json::Value;
use sitrep_annotate::golden::{quote_passes, GoldQuote};
use sitrep_annotate::{extract, Given};
use sitrep_ingest::{read_bytes, Options, Origin};
use sitrep_record::Record;

const TABLES: &[(&str, &str)] = &[
    ("speakers_en.jsonl", include_str!("golden/speakers_en.jsonl")),
    ("speakers_ar.jsonl", include_str!("golden/speakers_ar.jsonl")),
];
const NOT_HANDLED: &str = include_str!("golden/speakers_not_handled.jsonl");

fn record(text: &str) -> Record {
    let mut docs = Vec::new();
    read_bytes("t.txt", "t.txt", text.as_bytes().to_vec(), Origin::default(), &Options::default(), &mut |i| {
        docs.push(i.result.expect("text reads"))
    });
    extract(&docs[0], &Given::default())
}

fn gold(q: &Value) -> GoldQuote {
    let s = |k: &str| q[k].as_str().map(str::to_string);
    GoldQuote {
        quote: s("quote").unwrap_or_default(),
        speaker: s("speaker"),
        role: s("role"),
        not_speaker: q["not_speaker"]
            .as_array()
            .map_or_else(Vec::new, |a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect()),
    }
}

/// Runs one case: `(id, passes, what went wrong)`.
fn run(line: &str) -> (String, bool, String) {
    let case: Value =
        serde_json::from_str(line).unwrap_or_else(|e| panic!("a golden case that does not read: {e}\n{line}"));
    let id = case["id"].as_str().unwrap_or("?").to_string();
    let r = record(case["text"].as_str().unwrap_or(""));
    let got = || r.quotes.iter().map(|q| format!("{:?} <- {:?}", q.text, q.speaker)).collect::<Vec<_>>().join("; ");
    let golds = case["quotes"].as_array().cloned().unwrap_or_default();
    if golds.is_empty() {
        return (id, r.quotes.is_empty(), format!("no quote expected, found {}", got()));
    }
    let failed: Vec<String> = golds
        .iter()
        .map(gold)
        .filter(|g| !quote_passes(g, &r.quotes))
        .map(|g| format!("{:?} by {:?}", g.quote, g.speaker))
        .collect();
    (id, failed.is_empty(), format!("missed {} — found {}", failed.join(", "), got()))
}

fn lines(table: &str) -> impl Iterator<Item = &str> {
    table.lines().map(str::trim).filter(|l| !l.is_empty())
}

#[test]
fn every_golden_speaker_case_passes() {
    let mut failures = Vec::new();
    let mut n = 0;
    for (file, table) in TABLES {
        for line in lines(table) {
            n += 1;
            let (id, ok, why) = run(line);
            if !ok {
                failures.push(format!("{file} {id}: {why}"));
            }
        }
    }
    assert!(n >= 100, "the tables hold {n} cases");
    assert!(failures.is_empty(), "{} of {n} golden cases fail:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_shapes_left_out_are_still_left_out() {
    let passing: Vec<String> = lines(NOT_HANDLED).map(run).filter(|(_, ok, _)| *ok).map(|(id, _, _)| id).collect();
    assert!(passing.is_empty(), "now handled, move them into their table: {passing:?}");
}

#[test]
fn every_case_names_its_language_and_a_shape() {
    for (file, table) in TABLES {
        let lang = if file.ends_with("_ar.jsonl") { "ar" } else { "en" };
        for line in lines(table) {
            let case: Value = serde_json::from_str(line).expect("a case reads");
            assert_eq!(case["lang"].as_str(), Some(lang), "{line}");
            assert!(case["shape"].as_str().is_some_and(|s| !s.is_empty()), "{line}");
        }
    }
}
