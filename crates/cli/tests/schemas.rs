//! Every JSON sitrep writes against the JSON Schemas in `schemas/`: the
//! records of every bundled sample (and of the example corpus when it is
//! beside the checkout), as `extract` prints them in both shapes, and the
//! linked archive as `export` writes it whole, as events and as claim
//! groups.
//!
//! The validator is the `jsonschema` crate (draft 2020-12, checked against
//! the official JSON-Schema test suite, no network without its HTTP
//! feature).

mod common;

use common::Scratch;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn schema(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas").join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// A validator for the whole schema, or for one of its `$defs`.
fn validator(name: &str, def: Option<&str>) -> jsonschema::Validator {
    let mut s = schema(name);
    if let Some(def) = def {
        s = json!({
            "$schema": s["$schema"],
            "$defs": s["$defs"],
            "$ref": format!("#/$defs/{def}"),
        });
    }
    jsonschema::validator_for(&s).unwrap_or_else(|e| panic!("{name} is not a valid schema: {e}"))
}

#[track_caller]
fn assert_valid(v: &jsonschema::Validator, instance: &Value, what: &str) {
    let errors: Vec<String> = v.iter_errors(instance).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{what} does not follow its schema:\n{}", errors.join("\n"));
}

fn inputs() -> Vec<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut v: Vec<PathBuf> = std::fs::read_dir(manifest.join("samples")).unwrap().map(|e| e.unwrap().path()).collect();
    let dev = manifest.join("../../../shared/corpus/dev");
    if let Ok(d) = std::fs::read_dir(dev) {
        v.extend(d.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "txt")));
    }
    v.sort();
    v
}

/// Values of a stream of JSON documents (pretty objects one after another,
/// or lines).
fn stream(text: &str) -> Vec<Value> {
    serde_json::Deserializer::from_str(text).into_iter::<Value>().map(Result::unwrap).collect()
}

#[test]
fn every_record_follows_the_extract_schema() {
    let s = Scratch::new();
    let v = validator("sitrep.extract-1.schema.json", None);
    let mut records = 0;
    let inputs = inputs();
    for input in &inputs {
        for format in ["json", "jsonl"] {
            let r = s.run(&["extract", "--format", format, input.to_str().unwrap()]);
            assert_eq!(r.code(), 0, "{}: {}", input.display(), r.stderr());
            for record in stream(&r.stdout()) {
                assert_valid(&v, &record, &format!("the record of {} ({format})", input.display()));
                records += 1;
            }
        }
    }
    // Every input gives a record in each format, with or without the
    // example corpus beside the checkout.
    assert!(records >= 2 * inputs.len(), "the samples were extracted: {records} records of {} inputs", inputs.len());
}

#[test]
fn the_schemas_refuse_what_is_not_a_record() {
    let v = validator("sitrep.extract-1.schema.json", None);
    let s = Scratch::new();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/dispatch-bakery.html");
    let r = s.run(&["extract", "--format", "json", sample.to_str().unwrap()]);
    let good: Value = serde_json::from_str(&r.stdout()).unwrap();
    assert!(v.is_valid(&good));
    let mut no_figures = good.clone();
    no_figures.as_object_mut().unwrap().remove("figures");
    assert!(!v.is_valid(&no_figures), "a record without figures");
    let mut bad_qualifier = good.clone();
    bad_qualifier["figures"][0]["quantity"]["qualifier"] = json!("roughly");
    assert!(!v.is_valid(&bad_qualifier), "a qualifier the spec does not have");
    let mut bad_span = good;
    bad_span["places"][0]["span"] = json!([3]);
    assert!(!v.is_valid(&bad_span), "a span is two offsets");
    let linked = validator("sitrep.linked-1.schema.json", None);
    assert!(!linked.is_valid(&json!({"schema": "sitrep.linked/1"})));
}

#[test]
fn the_linked_export_follows_the_linked_schema() {
    let s = Scratch::new();
    let paths = inputs();
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let r = s.run_paths(&["add"], &refs);
    assert_eq!(r.code(), 0, "{}", r.stderr());
    let whole = s.json(&["export", "--format", "json"]);
    assert_valid(&validator("sitrep.linked-1.schema.json", None), &whole, "export --format json");
    assert!(!whole["events"].as_array().unwrap().is_empty());

    let event = validator("sitrep.linked-1.schema.json", Some("event"));
    let r = s.run(&["export", "--format", "jsonl"]);
    let lines = stream(&r.stdout());
    assert_eq!(lines.len(), whole["events"].as_array().unwrap().len());
    for line in &lines {
        assert_eq!(line["kind"], "event");
        assert_valid(&event, line, "an event line of export --format jsonl");
    }
    let group = validator("sitrep.linked-1.schema.json", Some("claim_group"));
    let r = s.run(&["export", "--format", "jsonl", "--layer", "claims"]);
    let lines = stream(&r.stdout());
    assert_eq!(lines.len(), whole["claims"].as_array().unwrap().len());
    for line in &lines {
        assert_eq!(line["kind"], "claim_group");
        assert_valid(&group, line, "a claim group line of export --format jsonl --layer claims");
    }
}
