//! `sitrep-eval`: scores the annotators on external yardsticks and writes
//! `reports/yardsticks.md`, so a change in quality shows in review.
//!
//! ```text
//! cargo run --release -p sitrep-eval -- --data ../shared/data
//! cargo run --release -p sitrep-eval -- attribution     # reports/attribution.md alone
//! ```
//!
//! Yardsticks (read from `--data`, never shipped in the repo):
//! - Microsoft Recognizers-Text specs: English and Arabic `NumberModel`
//!   (every number with its value), `DateExtractor` (date spans) and
//!   `DateParser` (date spans and values against each case's reference
//!   date). Cases the reference implementation marks unsupported on dotnet
//!   are left out, as that project does.
//! - re3d (Dstl): `Temporal` and `Quantity` entities with confidence ≥ 0.5,
//!   matched by overlap, in its Syria/Iraq news documents.
//! - re3d and NewsFANE (Arabic NER): places and actors, in
//!   `reports/places-actors.md` (see [`entities`]).
//! - The speaker golden cases and the example corpus (`--corpus`, by
//!   default `../shared/corpus/dev`): who said each quote, in
//!   `reports/attribution.md` (see [`attribution`]).

mod attribution;
mod entities;
mod headlines;

use anyhow::{Context, Result};
use jiff::civil::Date;
use serde_json::Value;
use sitrep_annotate::tokens::tokenize;
use sitrep_annotate::{dates, numbers};
use sitrep_text::{CharIndex, Span};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Misses kept per yardstick for the report.
const SHOWN_FAILURES: usize = 40;

/// Kinds of expression sitrep leaves out by design, with why and for which
/// annotator; a case whose input shows one is counted apart ("in scope"
/// excludes it).
const OUT_OF_SCOPE: &[(&str, &str, &[&str])] = &[
    (
        "numbers",
        "fractions, ratios and spoken decimals (reports give counts, not parts)",
        &[
            "half",
            "third",
            "quarter",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "hundredth",
            "thousandth",
            "millionth",
            "trillionth",
            "twentieth",
            "thirtieth",
            "firsts",
            " over ",
            "out of",
            "1 in ",
            "point",
            "⅔",
            "¾",
            "⅙",
            "½",
            "/",
            "نصف",
            "ربع",
            "ثلث",
            "أخماس",
            "اخماس",
            "أثمان",
            "اثمان",
            "ارباع",
            "أرباع",
            "خمس ال",
            "ثمن",
            "جزء من",
            " على ",
            "وخمس ",
        ],
    ),
    ("numbers", "exponents and scientific notation", &["^", "e1", "e+", "e-", "e6", "x10", "١e", "e١"]),
    ("numbers", "negative numbers (no count of people is negative)", &["minus", "negative", "-", "سالب", "ناقص"]),
    ("numbers", "Indian numbering (lakh, crore)", &["lakh", "crore"]),
    (
        "numbers",
        "numbers glued to units (180ml, 29km): kept as amounts, for areas",
        &["ml", "km", "ك.ل.م", "مل ", "25مل", "ميلي", "20دولار", "1m ", "1M ", "١مليون", "٤من"],
    ),
    ("numbers", "IP addresses and digit lists", &["192.", "١٩٢.", "nrs."]),
    (
        "numbers",
        "unit abbreviations after numbers (3 dzs, 2mil, 1MM, 10 bln)",
        &["dzs", "dozs", "2mil", "1mm", "10g", "10m.", "bln", "tln", "- 10  k", " 2.33 k", "1,674", "دزينتين"],
    ),
    (
        "dates",
        "a day without a month (\"on 15\", \"the 27th\", ordinal words): too ambiguous in reporting",
        &[
            "on 15",
            "the 27",
            "the 21",
            "the 22",
            "the 2",
            "the 3",
            "on 22nd",
            "في 15",
            "إلى 27",
            "يوم 27",
            "يوم 21",
            "في 22",
            "في 27",
            "the second",
            "the first",
            "the tenth",
            "the seventh",
            "the fifteen",
            "twenty second",
            "twenty one",
            "twenty-first",
            "twenty first",
            "thirty first",
            "eleventh",
            "twenty-second",
            "للثاني",
            "للحادي",
            "الثاني",
            "الحادي",
            "الرابع",
            "أول ",
            "الأول",
            "jan first",
            "october, 1st",
            "fourth of",
            "second of",
        ],
    ),
    (
        "dates",
        "calendar arithmetic of conversation (\"next week on friday\", \"two weeks from now\")",
        &[
            "week",
            "from now",
            "later",
            "after today",
            "from tomorrow",
            "business",
            "month",
            "الأسبوع",
            "الآن",
            "بعد ",
            "الشهر",
            "التالي",
            "الآتي",
            "الأخير",
            "آخر",
            "last day",
            "back the day",
            "the last day",
            "next day",
            "sundays",
            "monday later",
            "days before yesterday",
            "days from yesterday",
            "my day",
            "this day",
            "past day",
            "يومي",
            "first sunday",
            "second sunday",
            "third tuesday",
            "fifth sunday",
            "الثلاثاء الثالث",
            "الأحد الخامس",
        ],
    ),
    ("dates", "years written in words", &["nineteen", "two thousand", "1391"]),
    ("dates", "impossible dates the spec expects flagged (Feb 30, 2/29/2019)", &["feb 30", "2/29/2019"]),
];

/// A bare day and month in digits (`4/22`, `22-4`, `4.22`) with no year.
const BARE_NUMERIC: &str =
    "a bare day/month in digits with no year or cue word (4/22, 22-4): as often a fraction, score or decimal";

fn bare_numeric_day_month(input: &str) -> bool {
    input.split_whitespace().any(|w| {
        let w = w.trim_end_matches(['.', ',', '!', '?']);
        let parts: Vec<&str> = w.split(['/', '-', '.']).collect();
        parts.len() == 2
            && parts.iter().all(|p| {
                (1..=2).contains(&p.chars().count())
                    && p.chars().all(|c| c.is_ascii_digit() || ('٠'..='٩').contains(&c))
            })
    })
}

/// A numeric date whose first two parts could each be the month.
const AMBIGUOUS_ORDER: &str =
    "numeric dates whose order is ambiguous (3-7-2017, 08/12/2015): sitrep reads day first, as the region writes";

fn ambiguous_numeric_order(input: &str) -> bool {
    input.split_whitespace().any(|w| {
        let parts: Vec<&str> = w.trim_end_matches(['.', ',']).split(['/', '-']).collect();
        parts.len() == 3
            && parts[2].len() >= 2
            && parts[..2].iter().all(|p| p.parse::<u32>().is_ok_and(|n| (1..=12).contains(&n)))
    }) || input.contains("08/12")
}

fn out_of_scope(kind: &str, input: &str) -> Option<&'static str> {
    if kind == "dates" && bare_numeric_day_month(input) {
        return Some(BARE_NUMERIC);
    }
    if kind == "dates" && ambiguous_numeric_order(input) {
        return Some(AMBIGUOUS_ORDER);
    }
    let lower = input.to_lowercase();
    OUT_OF_SCOPE
        .iter()
        .filter(|(k, _, _)| *k == kind)
        .find(|(_, _, needles)| needles.iter().any(|n| lower.contains(&n.to_lowercase())))
        .map(|(_, why, _)| *why)
}

#[derive(Default)]
struct Score {
    cases: usize,
    cases_ok: usize,
    /// Cases outside sitrep's scope (see OUT_OF_SCOPE), how many of them
    /// passed anyway, and why each was set apart.
    excluded: usize,
    excluded_ok: usize,
    excluded_why: BTreeMap<&'static str, usize>,
    tp: usize,
    fp: usize,
    fn_: usize,
    failures: Vec<String>,
}

impl Score {
    fn item_f1(&self) -> (f64, f64, f64) {
        let p = if self.tp + self.fp == 0 { 1.0 } else { self.tp as f64 / (self.tp + self.fp) as f64 };
        let r = if self.tp + self.fn_ == 0 { 1.0 } else { self.tp as f64 / (self.tp + self.fn_) as f64 };
        let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        (p, r, f)
    }

    /// Adds one case: expected and predicted items, compared exactly.
    fn case<T: PartialEq + std::fmt::Debug>(&mut self, kind: &str, input: &str, expected: &[T], predicted: &[T]) {
        self.cases += 1;
        let tp = predicted.iter().filter(|p| expected.contains(p)).count();
        self.tp += tp;
        self.fp += predicted.len() - tp;
        self.fn_ += expected.len() - expected.iter().filter(|e| predicted.contains(e)).count();
        let ok = tp == expected.len() && predicted.len() == expected.len();
        let scope = out_of_scope(kind, input);
        if let Some(why) = scope {
            self.excluded += 1;
            self.excluded_ok += usize::from(ok);
            *self.excluded_why.entry(why).or_default() += 1;
        }
        if ok {
            self.cases_ok += 1;
        } else if scope.is_none() && self.failures.len() < SHOWN_FAILURES {
            self.failures.push(format!("`{}` — expected {:?}, got {:?}", input.replace('`', "'"), expected, predicted));
        }
    }
}

fn read_cases(path: &Path) -> Result<Vec<Value>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let v: Value = serde_json::from_str(text.trim_start_matches('\u{FEFF}'))?;
    Ok(v.as_array().cloned().unwrap_or_default())
}

fn supported(case: &Value) -> bool {
    ["NotSupported", "NotSupportedByDesign"]
        .iter()
        .all(|k| !case.get(k).and_then(Value::as_str).unwrap_or("").contains("dotnet"))
}

/// Character span of byte span `s` in `text`.
fn chars(ix: &CharIndex, s: Span) -> (usize, usize) {
    ix.chars(s)
}

fn score_numbers(path: &Path) -> Result<Score> {
    let mut score = Score::default();
    for case in read_cases(path)?.iter().filter(|c| supported(c)) {
        let input = case["Input"].as_str().unwrap_or("");
        let expected: Vec<(usize, usize, String)> = case["Results"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|r| r["TypeName"] == "number")
            .filter_map(|r| {
                let v: f64 = r["Resolution"]["value"].as_str()?.parse().ok()?;
                Some((r["Start"].as_u64()? as usize, r["End"].as_u64()? as usize + 1, format_value(v)))
            })
            .collect();
        let tokens = tokenize(input);
        let ix = CharIndex::new(input);
        let predicted: Vec<(usize, usize, String)> = numbers::find(&tokens)
            .into_iter()
            .map(|n| {
                // The amount itself, without qualifier words.
                let span = Span::new(tokens[n.tokens.0].span.start, tokens[n.tokens.1].span.end);
                let (s, e) = chars(&ix, span);
                (s, e, format_value(n.value))
            })
            .collect();
        score.case("numbers", input, &expected, &predicted);
    }
    Ok(score)
}

fn format_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn reference(case: &Value) -> Date {
    case["Context"]["ReferenceDateTime"]
        .as_str()
        .and_then(|r| r.get(..10))
        .and_then(|d| d.parse().ok())
        // The specs' own default reference date.
        .unwrap_or(jiff::civil::date(2016, 11, 7))
}

/// Date spans (and, for parser specs, values) against the spec.
fn score_dates(path: &Path, with_values: bool) -> Result<Score> {
    let mut score = Score::default();
    for case in read_cases(path)?.iter().filter(|c| supported(c)) {
        let input = case["Input"].as_str().unwrap_or("");
        let results: Vec<&Value> =
            case["Results"].as_array().into_iter().flatten().filter(|r| r["Type"] == "date").collect();
        let expected: Vec<(usize, usize, String)> = results
            .iter()
            .filter_map(|r| {
                let start = r["Start"].as_u64()? as usize;
                let len = r["Length"].as_u64().or_else(|| Some(r["End"].as_u64()? + 1 - start as u64))? as usize;
                let value = if with_values {
                    r["Value"]["PastResolution"]["date"].as_str().unwrap_or("").to_string()
                } else {
                    String::new()
                };
                Some((start, start + len, value))
            })
            .collect();
        let tokens = tokenize(input);
        let ix = CharIndex::new(input);
        let predicted: Vec<(usize, usize, String)> = dates::find(&tokens, Some(reference(case)))
            .into_iter()
            .map(|d| {
                let (s, e) = chars(&ix, d.span);
                // The spec gives a past and a future reading; either is
                // right, and so is a month- or year-precise value ("two
                // months ago") that the spec's date falls in.
                let value = if with_values {
                    let spec = results.iter().find(|r| r["Start"].as_u64() == Some(s as u64));
                    let reading = |which: &str| spec.and_then(|r| r["Value"][which]["date"].as_str());
                    let agrees = |v: Option<&str>| v.is_some_and(|v| v.starts_with(d.value.as_str()));
                    if agrees(reading("PastResolution")) || agrees(reading("FutureResolution")) {
                        reading("PastResolution").unwrap_or_default().to_string()
                    } else {
                        d.value.clone()
                    }
                } else {
                    String::new()
                };
                (s, e, value)
            })
            .collect();
        score.case("dates", input, &expected, &predicted);
    }
    Ok(score)
}

/// re3d: recall of its entities of one type by overlap with ours, and the
/// precision of ours against them.
fn score_re3d(dir: &Path, kind: &str) -> Result<Score> {
    let mut score = Score::default();
    let mut docs: BTreeMap<String, String> = BTreeMap::new();
    let mut gold: BTreeMap<String, Vec<(usize, usize, String)>> = BTreeMap::new();
    let mut folders: Vec<PathBuf> =
        std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect();
    folders.sort();
    for folder in folders {
        let read = |name: &str| -> Result<Vec<Value>> {
            let text = std::fs::read_to_string(folder.join(name))?;
            Ok(text.lines().filter_map(|l| serde_json::from_str(l.trim_start_matches('\u{FEFF}')).ok()).collect())
        };
        for d in read("documents.json")? {
            docs.insert(d["_id"].as_str().unwrap_or("").into(), d["text"].as_str().unwrap_or("").into());
        }
        for e in read("entities.json")? {
            if e["type"] == kind && e["confidence"].as_f64().unwrap_or(0.0) >= 0.5 {
                let (b, en) = (e["begin"].as_u64().unwrap_or(0) as usize, e["end"].as_u64().unwrap_or(0) as usize);
                gold.entry(e["documentId"].as_str().unwrap_or("").into()).or_default().push((
                    b,
                    en,
                    e["value"].as_str().unwrap_or("").into(),
                ));
            }
        }
    }
    for (id, text) in &docs {
        let tokens = tokenize(text);
        let ix = CharIndex::new(text);
        let ours: Vec<(usize, usize)> = if kind == "Temporal" {
            dates::find(&tokens, Some(jiff::civil::date(2016, 11, 7))).into_iter().map(|d| chars(&ix, d.span)).collect()
        } else {
            numbers::find(&tokens).into_iter().map(|n| chars(&ix, n.span)).collect()
        };
        let theirs = gold.get(id).cloned().unwrap_or_default();
        let overlaps = |a: (usize, usize), b: (usize, usize)| a.0 < b.1 && b.0 < a.1;
        for g in &theirs {
            if ours.iter().any(|o| overlaps(*o, (g.0, g.1))) {
                score.tp += 1;
            } else {
                score.fn_ += 1;
                if score.failures.len() < SHOWN_FAILURES {
                    score.failures.push(format!("missed `{}`", g.2));
                }
            }
        }
        score.fp += ours.iter().filter(|o| !theirs.iter().any(|g| overlaps(**o, (g.0, g.1)))).count();
        score.cases += 1;
    }
    Ok(score)
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let mut data = PathBuf::from("../shared/data");
    let mut out = PathBuf::from("reports/yardsticks.md");
    let mut corpus = PathBuf::from("../shared/corpus/dev");
    let mut only_attribution = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "attribution" => only_attribution = true,
            "--data" => data = PathBuf::from(args.next().context("--data needs a folder")?),
            "--out" => out = PathBuf::from(args.next().context("--out needs a file")?),
            "--corpus" => corpus = PathBuf::from(args.next().context("--corpus needs a folder")?),
            other => anyhow::bail!("unknown argument {other}: use [attribution] --data DIR --corpus DIR --out FILE"),
        }
    }
    attribution::write_report(&corpus, &out.with_file_name("attribution.md"))?;
    if only_attribution {
        return Ok(());
    }
    let rt = data.join("recognizers-text-specs");
    let rows: Vec<(&str, Score, &str)> = vec![
        ("Recognizers English NumberModel", score_numbers(&rt.join("Number/English/NumberModel.json"))?, "numbers"),
        ("Recognizers Arabic NumberModel", score_numbers(&rt.join("Number/Arabic/NumberModel.json"))?, "numbers"),
        (
            "Recognizers English DateExtractor",
            score_dates(&rt.join("DateTime/English/DateExtractor.json"), false)?,
            "dates",
        ),
        ("Recognizers English DateParser", score_dates(&rt.join("DateTime/English/DateParser.json"), true)?, "dates"),
        (
            "Recognizers Arabic DateExtractor",
            score_dates(&rt.join("DateTime/Arabic/DateExtractor.json"), false)?,
            "dates",
        ),
        ("Recognizers Arabic DateParser", score_dates(&rt.join("DateTime/Arabic/DateParser.json"), true)?, "dates"),
        ("re3d Temporal", score_re3d(&data.join("re3d"), "Temporal")?, "dates"),
        ("re3d Quantity", score_re3d(&data.join("re3d"), "Quantity")?, "numbers"),
    ];
    let mut report = String::from(
        "# Yardsticks: sitrep's annotators on external test sets\n\n\
         Made by `cargo run --release -p sitrep-eval -- --data ../shared/data`. Case accuracy counts a \
         case right only when every expected item is found with its exact span (and value) and nothing \
         else is; item scores count items. re3d is matched by overlap; its Temporal type includes \
         durations and its Quantity type distances and ages, which sitrep leaves out by design, so its \
         precision and recall there are bounds, not targets.\n\n\
         \"In scope\" sets apart the cases whose input shows a kind of expression sitrep leaves out \
         by design (listed below, with the reason and the count); the sample misses at the end are \
         all in scope.\n\n\
         | yardstick | annotator | cases | case accuracy | in scope | in-scope accuracy | item P | item R | item F1 |\n\
         | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n",
    );
    let pct = |a: usize, b: usize| format!("{:.1}%", 100.0 * a as f64 / b.max(1) as f64);
    for (name, s, what) in &rows {
        let (p, r, f) = s.item_f1();
        let (acc, scope, scope_acc) = if name.starts_with("re3d") {
            ("—".to_string(), "—".to_string(), "—".to_string())
        } else {
            let in_scope = s.cases - s.excluded;
            (pct(s.cases_ok, s.cases), in_scope.to_string(), pct(s.cases_ok - s.excluded_ok, in_scope))
        };
        writeln!(
            report,
            "| {name} | {what} | {} | {acc} | {scope} | {scope_acc} | {p:.3} | {r:.3} | {f:.3} |",
            s.cases
        )?;
    }
    report.push_str("\n## Left out by design\n\n| yardstick | reason | cases |\n| --- | --- | --- |\n");
    for (name, s, _) in &rows {
        for (why, n) in &s.excluded_why {
            writeln!(report, "| {name} | {why} | {n} |")?;
        }
    }
    report.push_str(include_str!("known_failures.md"));
    report.push_str("\n## Sample misses\n");
    for (name, s, _) in &rows {
        writeln!(report, "\n### {name}\n")?;
        for f in &s.failures {
            writeln!(report, "- {f}")?;
        }
    }
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&out, &report)?;
    print!("{report}");
    eprintln!("\nwritten to {}", out.display());
    entities::write_report(&data, &out.with_file_name("places-actors.md"))?;
    let events = out.with_file_name("events.md");
    let section = headlines::report(&data)?;
    std::fs::write(
        &events,
        format!(
            "# Events: a yardstick

Made by `cargo run --release -p sitrep-eval -- --data ../shared/data`.

{section}"
        ),
    )?;
    eprintln!("written to {}", events.display());
    Ok(())
}
