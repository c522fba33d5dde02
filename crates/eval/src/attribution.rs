//! Who said it: quotes and their speakers, written to
//! `reports/attribution.md`.
//!
//! Two measures, each per language:
//! - the speaker golden cases (`crates/annotate/tests/golden/speakers_*.jsonl`),
//!   per shape, with the pass rule of `sitrep_annotate::golden`; the shapes
//!   left out on purpose are listed apart;
//! - the example corpus (`--corpus`, `../shared/corpus/dev` by default),
//!   when it is there: every required gold quote found and matched to one
//!   of ours as the corpus scorer matches them (by the place its words stand
//!   in the text), and attributed when our speaker names the gold one. The
//!   language of a quote is the script of its words.
//!
//! `python3 ../shared/eval/score.py` stays the reference for the example
//! corpus; this report follows its rules so that a change shows by shape
//! and language in review.

use anyhow::{Context, Result};
use serde_json::Value;
use sitrep_annotate::golden::{name_match, norm, quote_passes, GoldQuote};
use sitrep_annotate::{extract, Given};
use sitrep_ingest::{read_bytes, Options, Origin};
use sitrep_record::Record;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

const TABLES: &[(&str, &str)] = &[
    ("en", include_str!("../../annotate/tests/golden/speakers_en.jsonl")),
    ("ar", include_str!("../../annotate/tests/golden/speakers_ar.jsonl")),
];
const NOT_HANDLED: &str = include_str!("../../annotate/tests/golden/speakers_not_handled.jsonl");
/// The golden README, whose held-out table's `all` row the report quotes.
const GOLDEN_README: &str = include_str!("../../annotate/tests/golden/README.md");

/// The `| all | EN | AR |` row of the README's held-out table, as written.
fn held_out_all() -> String {
    GOLDEN_README
        .lines()
        .find_map(|l| l.strip_prefix("| all |"))
        .map(|rest| {
            let cells: Vec<&str> = rest.split('|').map(str::trim).filter(|c| !c.is_empty()).collect();
            match cells.as_slice() {
                [en, ar, ..] => format!("English {en}, Arabic {ar}"),
                _ => rest.trim().to_string(),
            }
        })
        .unwrap_or_else(|| "not recorded".to_string())
}

fn record(name: &str, text: &[u8], published: Option<jiff::civil::Date>) -> Option<Record> {
    let mut docs = Vec::new();
    read_bytes(name, name, text.to_vec(), Origin::default(), &Options::default(), &mut |i| {
        if let Ok(d) = i.result {
            docs.push(d);
        }
    });
    docs.first().map(|d| extract(d, &Given { published, ..Given::default() }))
}

fn gold_quote(q: &Value) -> GoldQuote {
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

/// Passed and counted quotes by shape.
type ByShape = BTreeMap<String, (usize, usize)>;
/// Found, attributed and required quotes by language.
type ByLanguage = BTreeMap<&'static str, (usize, usize, usize)>;

/// Passes and counts of one table by shape, and the ids of the cases that
/// fail.
fn run_table(table: &str) -> Result<(ByShape, Vec<String>)> {
    let mut by_shape: ByShape = BTreeMap::new();
    let mut failing = Vec::new();
    for line in table.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let case: Value = serde_json::from_str(line).context("a golden case that does not read")?;
        let shape = case["shape"].as_str().unwrap_or("?").to_string();
        let r = record("case.txt", case["text"].as_str().unwrap_or("").as_bytes(), None)
            .context("a case that does not read")?;
        let golds = case["quotes"].as_array().cloned().unwrap_or_default();
        let e = by_shape.entry(shape).or_default();
        let mut all = true;
        if golds.is_empty() {
            let ok = r.quotes.is_empty();
            e.0 += usize::from(ok);
            e.1 += 1;
            all = ok;
        }
        for g in &golds {
            let ok = quote_passes(&gold_quote(g), &r.quotes);
            e.0 += usize::from(ok);
            e.1 += 1;
            all &= ok;
        }
        if !all {
            failing.push(case["id"].as_str().unwrap_or("?").to_string());
        }
    }
    Ok((by_shape, failing))
}

/// The text folded as the corpus scorer folds it, with each folded
/// character's index in the original (characters, as spans count).
fn folded_with_map(text: &str) -> (Vec<char>, Vec<usize>) {
    let mut out = Vec::new();
    let mut map = Vec::new();
    let mut prev_space = true;
    for (i, c) in text.chars().enumerate() {
        for x in norm(&c.to_string()).chars().chain(c.is_whitespace().then_some(' ')) {
            if x.is_whitespace() {
                if prev_space {
                    continue;
                }
                prev_space = true;
                out.push(' ');
            } else {
                prev_space = false;
                out.push(x);
            }
            map.push(i);
        }
    }
    (out, map)
}

/// Where a snippet stands in a text: character ranges.
fn locate(folded: &(Vec<char>, Vec<usize>), snippet: &str) -> Vec<(usize, usize)> {
    let needle: Vec<char> = norm(snippet).chars().collect();
    let (hay, map) = folded;
    if needle.is_empty() || needle.len() > hay.len() {
        return Vec::new();
    }
    (0..=hay.len() - needle.len())
        .filter(|&k| hay[k..k + needle.len()] == needle[..])
        .map(|k| (map[k], map[k + needle.len() - 1] + 1))
        .collect()
}

fn arabic(s: &str) -> bool {
    let ar = s.chars().filter(|c| sitrep_text::fold::is_arabic_letter(*c)).count();
    ar * 2 > s.chars().filter(|c| c.is_alphabetic()).count()
}

/// The example corpus: `language → (found, attributed, required)` and a
/// line per miss.
fn run_corpus(dir: &Path) -> Result<(ByLanguage, Vec<String>)> {
    let mut totals: ByLanguage = BTreeMap::new();
    let mut misses = Vec::new();
    let mut golds: Vec<_> = std::fs::read_dir(dir.join("gold"))
        .with_context(|| format!("{}: no gold folder", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    golds.sort();
    for path in golds {
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
        let doc = gold["doc"].as_str().unwrap_or("");
        let bytes = std::fs::read(dir.join(doc)).with_context(|| format!("{doc}: not readable"))?;
        let given = gold["published"]["given"].as_str().and_then(|d| d.parse().ok());
        let Some(r) = record(doc, &bytes, given) else { continue };
        let text = r.text.clone().unwrap_or_default();
        let folded = folded_with_map(&text);
        let quotes = gold["quotes"].as_array().cloned().unwrap_or_default();
        // One of ours to each gold quote, greedily in order, as the scorer does.
        let mut taken = vec![false; r.quotes.len()];
        for g in &quotes {
            let contains = g["contains"].as_str().unwrap_or("");
            let ranges = locate(&folded, contains);
            let near = |q: &sitrep_record::Quote| {
                let s = (q.span[0], q.span[1]);
                if ranges.is_empty() {
                    return sitrep_annotate::golden::overlaps(&q.text, contains);
                }
                ranges.iter().any(|r| s.0.max(r.0) < s.1.min(r.1))
            };
            let pick = (0..r.quotes.len()).find(|&j| !taken[j] && near(&r.quotes[j]));
            if let Some(j) = pick {
                taken[j] = true;
            }
            if g["optional"].as_bool().unwrap_or(false) {
                continue;
            }
            let lang = if arabic(contains) { "ar" } else { "en" };
            let t = totals.entry(lang).or_default();
            t.2 += 1;
            let Some(j) = pick else {
                misses.push(format!("{doc}: not found: `{}`", cut(contains)));
                continue;
            };
            t.0 += 1;
            let q = &r.quotes[j];
            let accepted: Vec<&str> =
                g["speaker"].as_array().map_or_else(Vec::new, |a| a.iter().filter_map(Value::as_str).collect());
            let interviewer =
                g["role"].as_str() == Some("interviewer") && q.speaker_role.as_deref() == Some("interviewer");
            if interviewer || name_match(q.speaker.as_deref().unwrap_or(""), &accepted) {
                t.1 += 1;
            } else {
                misses.push(format!(
                    "{doc}: `{}` by {:?}, ours {:?}",
                    cut(contains),
                    accepted.first().copied().unwrap_or(""),
                    q.speaker
                ));
            }
        }
    }
    Ok((totals, misses))
}

fn cut(s: &str) -> String {
    let s: String = s.chars().take(60).collect();
    s.replace('`', "'")
}

fn pct(a: usize, b: usize) -> String {
    format!("{:.2}", a as f64 / b.max(1) as f64)
}

/// Writes `reports/attribution.md` (to `out`), reading the example corpus
/// from `corpus` when it is there.
pub fn write_report(corpus: &Path, out: &Path) -> Result<()> {
    let mut report = String::from(
        "# Attribution: who said it\n\n\
         Made by `cargo run --release -p sitrep-eval -- attribution` (or the whole `sitrep-eval` run). The golden \
         cases are short texts in the shapes real reporting uses, one table per language \
         (`crates/annotate/tests/golden/`, described in its README); a quote passes when one of ours covers it with the \
         right speaker (the example corpus scorer's name match, and never a case's `not_speaker` trap), or, for an \
         interview question, the role `interviewer`. A case that expects no quote passes when none is found. \
         `tests/speakers.rs` requires every case in the tables to pass, so the rates below are 1.00 by \
         construction; how the rules did on cases written after them, measured before any change for them, is \
         in the README's held-out table (",
    );
    report.push_str(&held_out_all());
    report.push_str(").\n\n");
    let mut summary = String::from("| language | golden quotes | passed | rate |\n| --- | ---: | ---: | ---: |\n");
    let mut detail =
        String::from("\n## By shape\n\n| language | shape | passed | quotes |\n| --- | --- | ---: | ---: |\n");
    for (lang, table) in TABLES {
        let (by_shape, failing) = run_table(table)?;
        let (ok, n) = by_shape.values().fold((0, 0), |(a, b), (x, y)| (a + x, b + y));
        writeln!(summary, "| {lang} | {n} | {ok} | {} |", pct(ok, n))?;
        for (shape, (x, y)) in &by_shape {
            writeln!(detail, "| {lang} | {shape} | {x} | {y} |")?;
        }
        if !failing.is_empty() {
            writeln!(detail, "\nFailing ({lang}): {}\n", failing.join(", "))?;
        }
    }
    report.push_str("## Golden cases\n\n");
    report.push_str(&summary);
    report.push_str(&detail);
    let (nh, nh_failing) = run_table(NOT_HANDLED)?;
    report.push_str(
        "\n## Shapes left out on purpose\n\n\
         `speakers_not_handled.jsonl`, with why in each case's note; these are expected to fail (a wrong speaker \
         is worse than none, so most give none).\n\n| shape | passed | quotes |\n| --- | ---: | ---: |\n",
    );
    for (shape, (x, y)) in &nh {
        writeln!(report, "| {shape} | {x} | {y} |")?;
    }
    writeln!(
        report,
        "\n{} of {} such cases fail, as expected.",
        nh_failing.len(),
        NOT_HANDLED.lines().filter(|l| !l.trim().is_empty()).count()
    )?;
    report.push_str("\n## Example corpus\n\n");
    if corpus.join("gold").is_dir() {
        let (totals, misses) = run_corpus(corpus)?;
        writeln!(
            report,
            "`{}`: every required gold quote, by the script of its words; found is the quotes area's recall, \
             attributed is the attribution area (a quote not found is not attributed).\n\n\
             | language | required | found | attributed | attribution |\n| --- | ---: | ---: | ---: | ---: |",
            corpus.display()
        )?;
        let mut all = (0, 0, 0);
        for (lang, (f, a, n)) in &totals {
            writeln!(report, "| {lang} | {n} | {f} | {a} | {} |", pct(*a, *n))?;
            all = (all.0 + f, all.1 + a, all.2 + n);
        }
        writeln!(report, "| all | {} | {} | {} | {} |", all.2, all.0, all.1, pct(all.1, all.2))?;
        if !misses.is_empty() {
            report.push_str("\nMisses:\n\n");
            for m in misses {
                writeln!(report, "- {m}")?;
            }
        }
    } else {
        writeln!(report, "`{}` is not here: not measured.", corpus.display())?;
    }
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(out, &report)?;
    eprintln!("written to {}", out.display());
    Ok(())
}
