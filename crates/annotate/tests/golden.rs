//! Golden cases of figures, dates and events, in English and Arabic, each
//! a sentence or two in the shape real reporting writes (see
//! `tests/golden/README.md`). Every case runs through the whole extractor.
//! A case listed in `tests/golden/known_failures.txt` must fail; any other
//! must pass. The pass rates by kind and language are printed (run with
//! `--nocapture` to see them): they are the proxy for text nobody tuned the
//! rules on.

use serde_json::Value;
use sitrep_annotate::{extract, Given};
use sitrep_ingest::{read_bytes, Options, Origin};

fn record(text: &str, published: Option<&str>) -> Value {
    let mut docs = Vec::new();
    read_bytes("t.txt", "t.txt", text.as_bytes().to_vec(), Origin::default(), &Options::default(), &mut |i| {
        docs.push(i.result.expect("text reads"))
    });
    let given = Given { published: published.map(|p| p.parse().expect("a golden date")), ..Given::default() };
    serde_json::to_value(extract(&docs[0], &given)).expect("a record is JSON")
}

fn items<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v[key].as_array().map_or(&[], Vec::as_slice)
}

/// The characters of `text` in `[start, end)`.
fn chars(text: &str, span: &Value) -> (usize, usize) {
    let s = span[0].as_u64().unwrap_or(0) as usize;
    let e = span[1].as_u64().unwrap_or(0) as usize;
    (s, e.min(text.chars().count()))
}

/// Where the first piece of a golden item's words (before a `…`) stands
/// in the text, in characters; `None` when the words are not found as
/// written (then the span is not checked).
fn located(text: &str, words: &str) -> Vec<(usize, usize)> {
    let piece = words.split(['…']).next().unwrap_or("").split("...").next().unwrap_or("").trim();
    if piece.is_empty() {
        return Vec::new();
    }
    text.match_indices(piece)
        .map(|(b, _)| {
            let s = text[..b].chars().count();
            (s, s + piece.chars().count())
        })
        .collect()
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// A figures case holds when the figures found are the required ones
/// (value and category, an alternative category accepted, each standing on
/// its words), plus at most the optional ones: an extra figure fails it.
fn figures_case(case: &Value) -> Result<(), String> {
    let text = case["text"].as_str().unwrap_or("");
    let r = record(text, None);
    let found: Vec<(f64, String, (usize, usize))> = items(&r, "figures")
        .iter()
        .map(|f| {
            let v = f["quantity"]["value"].as_f64().unwrap_or(f64::NAN);
            (v, f["category"].as_str().unwrap_or("").to_string(), chars(text, &f["span"]))
        })
        .collect();
    let mut rest: Vec<usize> = (0..found.len()).collect();
    let show = || format!("{:?}", found.iter().map(|f| (f.0, f.1.as_str())).collect::<Vec<_>>());
    for want in items(case, "figures") {
        let value = want["value"].as_f64().unwrap_or(f64::NAN);
        let cats = [want["category"].as_str(), want["category_alt"].as_str()];
        let at = located(text, want["text"].as_str().unwrap_or(""));
        let hit = rest.iter().position(|&j| {
            let f = &found[j];
            (f.0 - value).abs() < 1e-6
                && cats.contains(&Some(f.1.as_str()))
                && (at.is_empty() || at.iter().any(|&a| overlaps(a, f.2)))
        });
        match hit {
            Some(k) => {
                rest.remove(k);
            }
            None if want["optional"].as_bool() == Some(true) => {}
            None => return Err(format!("missing {value} {}; found {}", cats[0].unwrap_or(""), show())),
        }
    }
    if rest.is_empty() {
        Ok(())
    } else {
        Err(format!("extra figures; found {}", show()))
    }
}

/// A dates case holds when every golden date is found (value, `end` for a
/// range, standing on its words), nothing is found inside a `not_dates`
/// phrase, no more dates are found than the case has, and the document
/// date is the case's `document_date` when it gives one.
fn dates_case(case: &Value) -> Result<(), String> {
    let text = case["text"].as_str().unwrap_or("");
    let r = record(text, case["published"].as_str());
    let found = items(&r, "dates");
    let show = || {
        format!(
            "{:?}",
            found
                .iter()
                .map(|d| (d["value"].as_str().unwrap_or(""), d["end"].as_str(), d["text"].as_str().unwrap_or("")))
                .collect::<Vec<_>>()
        )
    };
    let mut rest: Vec<usize> = (0..found.len()).collect();
    for want in items(case, "dates") {
        let value = want["value"].as_str().unwrap_or("");
        let at = located(text, want["text"].as_str().unwrap_or(""));
        let hit = rest.iter().position(|&j| {
            let d = &found[j];
            d["value"].as_str() == Some(value)
                && (want["end"].is_null() || d["end"] == want["end"])
                && (at.is_empty() || at.iter().any(|&a| overlaps(a, chars(text, &d["span"]))))
        });
        match hit {
            Some(k) => {
                rest.remove(k);
            }
            None => return Err(format!("missing {value}; found {}", show())),
        }
    }
    for not in items(case, "not_dates").iter().filter_map(Value::as_str).filter(|s| !s.is_empty()) {
        let at = located(text, not);
        if found.iter().any(|d| at.iter().any(|&a| overlaps(a, chars(text, &d["span"])))) {
            return Err(format!("a date in {not:?}; found {}", show()));
        }
    }
    if !rest.is_empty() {
        return Err(format!("extra dates; found {}", show()));
    }
    if let Some(want) = case["document_date"].as_str() {
        let got = r["document"]["published"].as_str();
        if got != Some(want) {
            return Err(format!("document date {got:?}, not {want}"));
        }
    }
    Ok(())
}

/// An events case holds when the events found are the required ones by
/// type (or an accepted alternative) and date (a golden month or year
/// matches any day in it; a null date matches any), each with the golden
/// killed figure where the case gives one, plus at most the optional ones.
fn events_case(case: &Value) -> Result<(), String> {
    let text = case["text"].as_str().unwrap_or("");
    let r = record(text, case["published"].as_str());
    let found = items(&r, "events");
    let show = || {
        format!(
            "{:?}",
            found
                .iter()
                .map(|e| (e["type"].as_str().unwrap_or(""), e["date"].as_str(), e["killed"]["best"].as_f64()))
                .collect::<Vec<_>>()
        )
    };
    let mut rest: Vec<usize> = (0..found.len()).collect();
    for want in items(case, "events") {
        let mut types = vec![want["type"].as_str().unwrap_or("")];
        types.extend(items(want, "type_alt").iter().filter_map(Value::as_str));
        let date = want["date"].as_str();
        let killed = want["killed"].as_f64();
        let hit = rest.iter().position(|&j| {
            let e = &found[j];
            types.contains(&e["type"].as_str().unwrap_or(""))
                && date.is_none_or(|d| e["date"].as_str().is_some_and(|g| g.starts_with(d)))
                && killed.is_none_or(|k| e["killed"]["best"].as_f64() == Some(k))
        });
        match hit {
            Some(k) => {
                rest.remove(k);
            }
            None if want["optional"].as_bool() == Some(true) => {}
            None => return Err(format!("missing {} {date:?} killed {killed:?}; found {}", types[0], show())),
        }
    }
    if rest.is_empty() {
        Ok(())
    } else {
        Err(format!("extra events; found {}", show()))
    }
}

/// The ids of `known_failures.txt`: one a line, a comment above each group
/// saying why.
fn known_failures() -> Vec<&'static str> {
    include_str!("golden/known_failures.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

#[test]
fn every_golden_case_holds_or_is_a_known_failure() {
    type Check = fn(&Value) -> Result<(), String>;
    let kinds: [(&str, &str, Check); 3] = [
        ("figures", include_str!("golden/golden_figures.jsonl"), figures_case),
        ("dates", include_str!("golden/golden_dates.jsonl"), dates_case),
        ("events", include_str!("golden/golden_events.jsonl"), events_case),
    ];
    let known = known_failures();
    let mut ids = Vec::new();
    let mut problems = Vec::new();
    for (kind, lines, check) in kinds {
        let mut tally = std::collections::BTreeMap::<String, (usize, usize)>::new();
        for line in lines.lines().filter(|l| !l.trim().is_empty()) {
            let case: Value = serde_json::from_str(line).expect("a golden case is JSON");
            let id = case["id"].as_str().unwrap_or("").to_string();
            let lang = case["lang"].as_str().unwrap_or("?").to_string();
            let result = check(&case);
            let t = tally.entry(lang).or_default();
            t.1 += 1;
            t.0 += usize::from(result.is_ok());
            let listed = known.contains(&id.as_str());
            match (result, listed) {
                (Ok(()), false) | (Err(_), true) => {}
                (Err(why), false) => problems.push(format!("{id}: {:?}\n    {why}", case["text"].as_str())),
                (Ok(()), true) => problems.push(format!("{id} now holds: take it out of known_failures.txt")),
            }
            ids.push(id);
        }
        let rates: Vec<String> = tally.iter().map(|(l, (ok, n))| format!("{l} {ok}/{n}")).collect();
        println!("golden {kind}: {}", rates.join(", "));
    }
    for k in &known {
        if !ids.iter().any(|i| i == k) {
            problems.push(format!("{k} in known_failures.txt names no case"));
        }
    }
    assert!(problems.is_empty(), "{} golden cases:\n{}", problems.len(), problems.join("\n"));
}
