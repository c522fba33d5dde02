//! Golden cases of places and actors, per language (`tests/golden/*.jsonl`):
//! sentences in the project's own words for every shape research found in
//! real reporting (cues, districts and townships, compass regions, toll
//! lists, roads and hospitals, camps, datelines, common words that must not
//! become places, groups and people named after places; weapons naming
//! their operator, commands named by role, reporters, allies).
//!
//! A case passes when every place (actor) it expects is found over its
//! words, with its gazetteer name where it names one (its kind where it is
//! known only from the text), and nothing is found over the words it says
//! are not places. Cases in `tests/golden/known_failures_places.txt` must fail
//! (each says why: mostly names no gazetteer here holds); any other must
//! pass. The pass rates per language are printed.

use serde_json::Value;
use sitrep_annotate::{extract, Given};
use sitrep_ingest::{read_bytes, Options, Origin};
use std::collections::BTreeMap;

const PLACES_EN: &str = include_str!("golden/places_en.jsonl");
const PLACES_AR: &str = include_str!("golden/places_ar.jsonl");
const ACTORS_EN: &str = include_str!("golden/actors_en.jsonl");
const ACTORS_AR: &str = include_str!("golden/actors_ar.jsonl");
const KNOWN_FAILURES: &str = include_str!("golden/known_failures_places.txt");
const COMMON_WORDS: &str = include_str!("golden/common_words.tsv");

fn record(text: &str) -> Value {
    let mut docs = Vec::new();
    read_bytes("t.txt", "t.txt", text.as_bytes().to_vec(), Origin::default(), &Options::default(), &mut |i| {
        docs.push(i.result.expect("text reads"))
    });
    serde_json::to_value(extract(&docs[0], &Given::default())).expect("a record is JSON")
}

fn cases(jsonl: &str) -> Vec<Value> {
    jsonl
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a golden case is JSON"))
        .collect()
}

/// The character span of `words` in `text`, or none.
fn span_of(text: &str, words: &str) -> Option<(u64, u64)> {
    let at = text.find(words)?;
    let start = text[..at].chars().count() as u64;
    Some((start, start + words.chars().count() as u64))
}

fn overlaps(item: &Value, (s, e): (u64, u64)) -> bool {
    let a = item["span"][0].as_u64().unwrap_or(0);
    let b = item["span"][1].as_u64().unwrap_or(0);
    a < e && b > s
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or("")
}

/// What is wrong with a place case, if anything.
fn place_case(case: &Value) -> Vec<String> {
    let text = str_of(case, "text");
    let r = record(text);
    let found = r["places"].as_array().cloned().unwrap_or_default();
    let mut wrong = Vec::new();
    let mut covered = Vec::new();
    for want in case["places"].as_array().into_iter().flatten() {
        let Some(span) = span_of(text, str_of(want, "text")) else {
            wrong.push(format!("the case's words {:?} are not in its text", want["text"]));
            continue;
        };
        covered.push(span);
        let kind = match str_of(want, "kind") {
            "camp" => "other",
            k => k,
        };
        let good = found.iter().filter(|p| overlaps(p, span)).any(|p| match want["name"].as_str() {
            Some(name) => str_of(p, "name") == name || p["id"] == want["id"],
            // Known only from the text: a feature is of its kind.
            None => !matches!(kind, "facility" | "road" | "other") || str_of(p, "kind") == kind,
        });
        if !good {
            wrong.push(format!("missed {} ({:?})", str_of(want, "text"), want["name"]));
        }
    }
    for not in case["not_places"].as_array().into_iter().flatten() {
        let Some(span) = span_of(text, not.as_str().unwrap_or("")) else { continue };
        let inside = |p: &Value| {
            covered.iter().any(|&(s, e)| p["span"][0].as_u64() >= Some(s) && p["span"][1].as_u64() <= Some(e))
        };
        if found.iter().any(|p| overlaps(p, span) && !inside(p)) {
            wrong.push(format!("{not} became a place"));
        }
    }
    for p in &found {
        if !covered.iter().any(|&s| overlaps(p, s))
            && !case["not_places"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|n| span_of(text, n.as_str().unwrap_or("")).is_some_and(|s| overlaps(p, s)))
        {
            wrong.push(format!("found {} ({}), which the case does not name", str_of(p, "text"), str_of(p, "name")));
        }
    }
    wrong
}

/// What is wrong with an actor case, if anything.
fn actor_case(case: &Value) -> Vec<String> {
    let text = str_of(case, "text");
    let r = record(text);
    let found = r["actors"].as_array().cloned().unwrap_or_default();
    let mut wrong = Vec::new();
    // The golden name of each expected actor → the id it was found as.
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    for want in case["actors"].as_array().into_iter().flatten() {
        let Some(span) = span_of(text, str_of(want, "text")) else {
            wrong.push(format!("the case's words {:?} are not in its text", want["text"]));
            continue;
        };
        // A foreign state's military is state forces (ACLED's external
        // forces), whether the case says so or calls it the state.
        let armed = |k: &str| matches!(k, "state-forces" | "foreign-state");
        let kind = str_of(want, "kind");
        let hit = found.iter().filter(|a| overlaps(a, span)).find(|a| {
            let k = str_of(a, "kind");
            k == kind || armed(k) && armed(kind)
        });
        let Some(hit) = hit else {
            wrong.push(format!("missed {} ({kind})", str_of(want, "text")));
            continue;
        };
        let reporter = str_of(want, "role") == "reporter";
        if reporter != (str_of(hit, "part") == "reporter") {
            wrong.push(format!("{} should be a {}", str_of(want, "text"), if reporter { "reporter" } else { "party" }));
        }
        ids.insert(str_of(want, "name").to_string(), str_of(hit, "id").to_string());
    }
    for rel in case["relations"].as_array().into_iter().flatten().filter(|r| r["type"] == "allies") {
        let (Some(a), Some(b)) = (ids.get(str_of(rel, "a")), ids.get(str_of(rel, "b"))) else { continue };
        let listed = found.iter().any(|x| {
            str_of(x, "id") == a && x["allies"].as_array().is_some_and(|l| l.iter().any(|y| y.as_str() == Some(b)))
        });
        if !listed {
            wrong.push(format!("{} and {} are allies", str_of(rel, "a"), str_of(rel, "b")));
        }
    }
    for not in case["not_places"].as_array().into_iter().flatten() {
        let Some(span) = span_of(text, not.as_str().unwrap_or("")) else { continue };
        if r["places"].as_array().into_iter().flatten().any(|p| overlaps(p, span)) {
            wrong.push(format!("{not} became a place"));
        }
    }
    wrong
}

/// What checks one kind of case.
type Check = fn(&Value) -> Vec<String>;

#[test]
fn golden_places_and_actors_per_language() {
    let known: Vec<&str> =
        KNOWN_FAILURES.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    let suites: [(&str, &str, Check); 4] = [
        ("places en", PLACES_EN, place_case),
        ("places ar", PLACES_AR, place_case),
        ("actors en", ACTORS_EN, actor_case),
        ("actors ar", ACTORS_AR, actor_case),
    ];
    let mut problems = Vec::new();
    let mut seen = Vec::new();
    for (suite, jsonl, check) in suites {
        let all = cases(jsonl);
        let mut passed = 0;
        for case in &all {
            let id = str_of(case, "id");
            seen.push(id.to_string());
            let wrong = check(case);
            let listed = known.contains(&id);
            match (wrong.is_empty(), listed) {
                (true, false) => passed += 1,
                (true, true) => {
                    problems.push(format!("{id} now passes: take it out of tests/golden/known_failures_places.txt"))
                }
                (false, true) => {}
                (false, false) => problems.push(format!("{id}: {}", wrong.join("; "))),
            }
        }
        println!("golden {suite}: {passed} of {} cases pass", all.len());
    }
    for id in &known {
        if !seen.iter().any(|s| s == id) {
            problems.push(format!("{id} in known_failures_places.txt is no golden case"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn common_words_are_not_places() {
    let mut wrong = Vec::new();
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for line in COMMON_WORDS.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        let [lang, word, text, ..] = f[..] else { panic!("common_words.tsv: {line:?} has too few fields") };
        let span = span_of(text, word).unwrap_or_else(|| panic!("common_words.tsv: {word:?} is not in {text:?}"));
        let r = record(text);
        let hit: Vec<&str> = r["places"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| overlaps(p, span))
            .map(|p| str_of(p, "name"))
            .collect();
        let c = counts.entry(lang).or_default();
        c.0 += 1;
        if hit.is_empty() {
            c.1 += 1;
        } else {
            wrong.push(format!("{lang} {word}: became {hit:?} in {text:?}"));
        }
    }
    for (lang, (n, ok)) in &counts {
        println!("common words {lang}: {ok} of {n} stay words");
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
