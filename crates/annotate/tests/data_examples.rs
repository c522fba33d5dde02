//! Runs every example in `data/` through the stage that uses its list and
//! checks what it finds (see `data/README.md` for how examples are
//! written). A case listed in `data/known_failures.txt` must fail; any
//! other must pass.

use jiff::civil::Date;
use serde_json::Value;
use sitrep_annotate::tokens::tokenize;
use sitrep_annotate::{dates, extract, figures, numbers, places, Given};
use sitrep_ingest::{read_bytes, Options, Origin};

/// One example, as `build.rs` compiles it from a data file.
struct Example {
    id: &'static str,
    file: &'static str,
    line: usize,
    stage: &'static str,
    negative: bool,
    text: &'static str,
    expect: Option<&'static str>,
}

include!(concat!(env!("OUT_DIR"), "/examples.rs"));

/// The day relative dates in the date stage count from: a Wednesday.
const ANCHOR: &str = "2016-12-14";

/// A fact as a list of fields, each quoted when it holds a space.
type Fact = Vec<String>;

fn fact(fields: &[&str]) -> Fact {
    fields.iter().map(|f| f.to_string()).collect()
}

fn opt(s: Option<&str>) -> &str {
    s.unwrap_or("-")
}

/// `17` for 17.0, `2.5` for 2.5.
fn num(v: f64) -> String {
    format!("{v}")
}

/// The `sitrep.extract/1` record of a text, as JSON.
fn record(text: &str) -> Value {
    let mut docs = Vec::new();
    read_bytes("t.txt", "t.txt", text.as_bytes().to_vec(), Origin::default(), &Options::default(), &mut |i| {
        docs.push(i.result.expect("text reads"))
    });
    serde_json::to_value(extract(&docs[0], &Given::default())).expect("a record is JSON")
}

fn items<'a>(record: &'a Value, key: &str) -> &'a [Value] {
    record[key].as_array().map_or(&[], Vec::as_slice)
}

/// A string field, `-` when null or absent.
fn field(v: &Value, key: &str) -> String {
    v[key].as_str().unwrap_or("-").to_string()
}

/// What a stage finds in a text, one fact per finding.
fn run(stage: &str, text: &str) -> Vec<Fact> {
    let tokens = tokenize(text);
    let slice = |s: sitrep_text::Span| &text[s.start..s.end];
    match stage {
        "sentences" => {
            let mut out: Vec<Fact> = Vec::new();
            let mut i = 0;
            while i < tokens.len() {
                let s = tokens[i].sentence;
                let j = tokens[i..].iter().position(|t| t.sentence != s).map_or(tokens.len(), |p| i + p);
                let words: Vec<_> = tokens[i..j].iter().filter(|t| t.key != "\n").collect();
                if let (Some(a), Some(b)) = (words.first(), words.last()) {
                    out.push(fact(&[&text[a.span.start..b.span.end]]));
                }
                i = j;
            }
            out
        }
        "numbers" => numbers::find(&tokens)
            .iter()
            .map(|n| {
                let negated = if n.negated { "negated" } else { "-" };
                fact(&[&num(n.value), n.qualifier.as_str(), slice(n.span), negated])
            })
            .collect(),
        "dates" => {
            let anchor: Date = ANCHOR.parse().expect("a date");
            dates::find(&tokens, Some(anchor)).iter().map(|d| fact(&[&d.value, slice(d.span)])).collect()
        }
        "figures" => {
            let amounts = numbers::find(&tokens);
            let found = dates::find(&tokens, None);
            figures::find(&tokens, &amounts, &found)
                .iter()
                .map(|f| {
                    let source = f.source.map(slice);
                    fact(&[f.category, &num(f.number.value), f.number.qualifier.as_str(), opt(source)])
                })
                .collect()
        }
        "places" => places::find(text, &tokens)
            .iter()
            .map(|m| fact(&[slice(m.span), &m.place.name, m.place.kind.as_str()]))
            .collect(),
        // The record stages read the JSON, which is the contract the
        // record's types keep however they are written in Rust.
        "actors" => items(&record(text), "actors")
            .iter()
            .map(|a| {
                fact(&[&field(a, "text"), &field(a, "kind"), &field(a, "id"), &field(a, "role"), &field(a, "part")])
            })
            .collect(),
        "quotes" => items(&record(text), "quotes")
            .iter()
            .map(|q| fact(&[&field(q, "speaker"), &field(q, "speaker_role"), &field(q, "text")]))
            .collect(),
        "events" => {
            let r = record(text);
            let places = items(&r, "places");
            items(&r, "events")
                .iter()
                .map(|e| {
                    let place = places.iter().find(|p| p["id"] == e["place"]).map_or("-".into(), |p| field(p, "name"));
                    let acled = &e["acled"];
                    fact(&[
                        &field(e, "type"),
                        &place,
                        &e["killed"]["best"].as_f64().map_or("-".into(), num),
                        &field(acled, "event_type"),
                        &field(acled, "sub_event_type"),
                    ])
                })
                .collect()
        }
        "published" => {
            let r = record(text);
            let doc = &r["document"];
            match doc["published"].as_str() {
                Some(d) => vec![fact(&[d, &field(doc, "published_source")])],
                None => Vec::new(),
            }
        }
        other => panic!("unknown stage {other}"),
    }
}

/// Splits `a b "c d"; e` into facts of fields, quotes taken off.
fn parse(expect: &str) -> (Vec<Fact>, bool) {
    let mut facts: Vec<Fact> = Vec::new();
    let mut fields: Fact = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut in_field = false;
    for c in expect.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                in_field = true;
            }
            ';' if !quoted => {
                if in_field {
                    fields.push(std::mem::take(&mut field));
                    in_field = false;
                }
                facts.push(std::mem::take(&mut fields));
            }
            c if c.is_whitespace() && !quoted => {
                if in_field {
                    fields.push(std::mem::take(&mut field));
                    in_field = false;
                }
            }
            c => {
                field.push(c);
                in_field = true;
            }
        }
    }
    if in_field {
        fields.push(field);
    }
    facts.push(fields);
    facts.retain(|f| !f.is_empty());
    // `…` or `...` at the end: other facts may be found as well.
    let open = facts.last().is_some_and(|f| f.len() == 1 && (f[0] == "..." || f[0] == "…"));
    if open {
        facts.pop();
    }
    (facts, open)
}

/// Does a found fact match an expected one: every expected field in
/// order, `_` matching anything?
fn matches(expected: &Fact, found: &Fact) -> bool {
    expected.len() <= found.len() && expected.iter().zip(found).all(|(e, f)| e == "_" || e == f)
}

fn show(facts: &[Fact]) -> String {
    let one = |f: &Fact| {
        f.iter()
            .map(|x| if x.contains(char::is_whitespace) || x.is_empty() { format!("{x:?}") } else { x.clone() })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let all: Vec<String> = facts.iter().map(one).collect();
    if all.is_empty() {
        "nothing".into()
    } else {
        all.join("; ")
    }
}

/// Checks one example: `None` when it holds, else what was found.
fn check(e: &Example) -> Option<String> {
    let found = run(e.stage, e.text);
    let ok = match (e.negative, e.expect) {
        // `not: TEXT`: nothing found.
        (true, None) => found.is_empty(),
        // `not: TEXT => X; Y`: none of these found.
        (true, Some(x)) => {
            let (facts, _) = parse(x);
            !facts.iter().any(|f| found.iter().any(|g| matches(f, g)))
        }
        (false, x) => {
            let (facts, open) = parse(x.unwrap_or(""));
            if open {
                // These in order, others between them.
                let mut rest = found.iter();
                facts.iter().all(|f| rest.any(|g| matches(f, g)))
            } else {
                facts.len() == found.len() && facts.iter().zip(&found).all(|(f, g)| matches(f, g))
            }
        }
    };
    (!ok).then(|| show(&found))
}

#[test]
fn every_data_example_holds_or_is_a_known_failure() {
    let mut problems = Vec::new();
    for e in EXAMPLES {
        let known = KNOWN_FAILURES.contains(&e.id);
        match (check(e), known) {
            (None, false) | (Some(_), true) => {}
            (Some(found), false) => problems.push(format!(
                "{}:{} {} ({} stage)\n    text:     {:?}\n    expected: {}{}\n    found:    {found}",
                e.file,
                e.line,
                e.id,
                e.stage,
                e.text,
                if e.negative { "not " } else { "" },
                e.expect.unwrap_or("nothing")
            )),
            (None, true) => problems
                .push(format!("{}:{} {} now holds: take it out of data/known_failures.txt", e.file, e.line, e.id)),
        }
    }
    assert!(problems.is_empty(), "{} of {} examples:\n{}", problems.len(), EXAMPLES.len(), problems.join("\n"));
}

#[test]
fn the_expectation_syntax_reads_quotes_and_lists() {
    let (facts, open) = parse(r#"killed 6; "Saif al-Dowla" _ neighbourhood; ..."#);
    assert!(open);
    assert_eq!(facts, vec![fact(&["killed", "6"]), fact(&["Saif al-Dowla", "_", "neighbourhood"])]);
    assert!(matches(&facts[1], &fact(&["Saif al-Dowla", "Sayf Ad-Dauleh", "neighbourhood"])));
    assert!(!matches(&facts[0], &fact(&["killed", "7", "exact"])));
    assert!(!matches(&fact(&["killed", "6", "exact", "-", "more"]), &fact(&["killed", "6"])));
}

#[test]
fn every_stage_has_examples() {
    for stage in ["sentences", "numbers", "dates", "figures", "places", "actors", "quotes", "events", "published"] {
        assert!(EXAMPLES.iter().any(|e| e.stage == stage), "no example runs through {stage}");
    }
}
