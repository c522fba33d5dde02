//! Benchmark: time per megabyte as one document grows, stage by stage.
//!
//! Run with `cargo bench -p sitrep-annotate --bench scaling`; it writes
//! `bench/scaling.md`. One document of each size from 10 KB to 10 MB is
//! made of mixed English and Arabic paragraphs written for the benchmark
//! (reporting's shapes: dates, tolls, places, actors, quotes), read as a
//! text file (decoding, cleaning, paragraphs and their languages: the
//! `ingest` column) and extracted with each stage timed
//! (`extract_profiled`). A flat row of ms/MB down a column is linear; a
//! column that grows with the size is not. Then a 2 MB "quote soup" (the
//! same words with quotation marks of every kind dropped in at random) is
//! timed against the same 2 MB without them.
//!
//! A document gets at most `SITREP_BENCH_LIMIT` seconds (default 120): a
//! stage still running then is stopped by the extraction deadline and the
//! row says so. Set `SITREP_BENCH_MAX_MB` to stop at a smaller size.

use sitrep_annotate::{extract_profiled, Given};
use sitrep_ingest::{read_bytes, Document, Options, Origin};
use std::fmt::Write as _;
use std::time::{Duration, Instant};

const ENGLISH: &[&str] = &[
    "Shelling killed at least {n} people in the eastern districts on Tuesday, according to the civil defence.",
    "Residents said dozens of shells fell on the market yesterday, and {n} families fled towards the river.",
    "An estimated {n},000 people remain trapped in the besieged neighbourhoods, the United Nations said on 13 December 2016.",
    "Two barrel bombs hit a clinic, wounding {n} patients; the hospital had reopened a week earlier.",
    "\"We could not reach the wounded,\" said Ahmad al-Najjar, a volunteer with the civil defence. \"The road was cut.\"",
    "The convoy of {n} trucks waited at the crossing until Thursday, officials said. Talks resume next Monday.",
    "Regime forces and Hezbollah fighters advanced on the Salah al-Din and Saif al-Dowla districts of Aleppo, the Syrian Observatory for Human Rights said.",
    "Spokesman Jens Laerke said {n} trucks of UN aid reached Douma in Eastern Ghouta, and that talks in Geneva would go on.",
];

const ARABIC: &[&str] = &[
    "قُتل {n} مدنياً على الأقل في قصف مدفعي على الأحياء الشرقية يوم الثلاثاء، بحسب الدفاع المدني.",
    "أفاد ناشطون بسقوط عشرات القذائف على السوق أمس، ونزوح أكثر من {n} عائلة نحو الريف.",
    "شنت الطائرات أربع غارات على حي الكلاسة في 13 كانون الأول 2016، ما أدى إلى إصابة {n} أشخاص.",
    "وقال الناشط الإعلامي أحمد النجار: «لم نتمكن من الوصول إلى الجرحى، الطريق مقطوع».",
    "ويعيش نحو {n} ألف شخص في الأحياء المحاصرة منذ أشهر دون دخول أي قافلة مساعدات.",
];

/// A document of about `bytes` bytes: paragraphs of three or four
/// sentences, one paragraph in three in Arabic, numbers varied.
fn mixed(bytes: usize) -> String {
    let mut text = String::from("Aleppo, 14 December 2016\n\n");
    let mut k = 0usize;
    while text.len() < bytes {
        let lines = if k % 3 == 2 { ARABIC } else { ENGLISH };
        for j in 0..3 + k % 2 {
            let n = 3 + (k * 7 + j * 13) % 400;
            text.push_str(&lines[(k + j) % lines.len()].replace("{n}", &n.to_string()));
            text.push(' ');
        }
        text.pop();
        text.push_str("\n\n");
        k += 1;
    }
    text
}

/// splitmix64, for the soup's marks: the same soup on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// The same words as `plain`, with a quotation mark of some kind before
/// or after one word in four, never balanced on purpose.
fn soup(plain: &str) -> String {
    const MARKS: &[char] = &['"', '“', '”', '«', '»', '‘', '’', '„', '\'', '「', '」'];
    let mut rng = Rng(0x51_7570);
    let mut out = String::with_capacity(plain.len() * 5 / 4);
    for (i, word) in plain.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let r = rng.next();
        let mark = MARKS[(r >> 8) as usize % MARKS.len()];
        match r % 8 {
            0 => {
                out.push(mark);
                out.push_str(word);
            }
            1 => {
                out.push_str(word);
                out.push(mark);
            }
            _ => out.push_str(word),
        }
    }
    out
}

fn read(text: &str) -> (Document, Duration) {
    let start = Instant::now();
    let mut doc = None;
    let opts = Options::default();
    read_bytes("d.txt", "d.txt", text.as_bytes().to_vec(), Origin::default(), &opts, &mut |i| doc = i.result.ok());
    (doc.expect("the document reads"), start.elapsed())
}

/// One document: ingest time, each stage's time, and the stage that ran
/// out of time if one did.
struct Timed {
    bytes: usize,
    ingest: Duration,
    stages: Vec<(&'static str, Duration)>,
    overrun: Option<&'static str>,
}

impl Timed {
    fn total(&self) -> Duration {
        self.ingest + self.stages.iter().map(|s| s.1).sum::<Duration>()
    }
}

fn time(text: &str, limit: Duration, runs: usize) -> Timed {
    let given = Given { published: Some(jiff::civil::date(2016, 12, 14)), ..Default::default() };
    let mut best: Option<Timed> = None;
    for _ in 0..runs {
        let (doc, ingest) = read(text);
        let (record, stages) = extract_profiled(&doc, &given, Some(limit));
        let t = Timed { bytes: doc.text.len(), ingest, overrun: record.err().map(|o| o.stage), stages };
        let stop = t.overrun.is_some();
        // The fastest run: the least disturbed by other work on the machine.
        if best.as_ref().is_none_or(|b| t.total() < b.total()) {
            best = Some(t);
        }
        if stop {
            break;
        }
    }
    best.unwrap()
}

/// Stage times summed by name (`record` is timed in two places).
fn by_stage(t: &Timed, names: &[&'static str]) -> Vec<Option<Duration>> {
    names
        .iter()
        .map(|n| {
            let found: Vec<Duration> = t.stages.iter().filter(|s| s.0 == *n).map(|s| s.1).collect();
            (!found.is_empty()).then(|| found.iter().sum())
        })
        .collect()
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let limit =
        Duration::from_secs(std::env::var("SITREP_BENCH_LIMIT").ok().and_then(|s| s.parse().ok()).unwrap_or(120));
    let max_mb: f64 = std::env::var("SITREP_BENCH_MAX_MB").ok().and_then(|s| s.parse().ok()).unwrap_or(10.0);
    // Load the gazetteer and lexicons first: a cost of the process.
    let _ = time("Aleppo, 14 December 2016. Shelling killed 3 people.", limit, 1);
    let sizes: Vec<usize> = [10_000usize, 100_000, 1_000_000, 2_000_000, 4_000_000, 10_000_000]
        .into_iter()
        .filter(|&s| s as f64 <= max_mb * 1e6)
        .collect();
    let mut rows: Vec<Timed> = Vec::new();
    for &size in &sizes {
        let runs = if size <= 1_000_000 { 3 } else { 1 };
        let t = time(&mixed(size), limit, runs);
        eprintln!("{size} bytes: {:.2} s{}", t.total().as_secs_f64(), t.overrun.map_or("", |_| " (stopped)"));
        rows.push(t);
    }
    let mut names: Vec<&'static str> = Vec::new();
    for r in &rows {
        for s in &r.stages {
            if !names.contains(&s.0) {
                names.push(s.0);
            }
        }
    }
    let ms_per_mb = |d: Duration, bytes: usize| d.as_secs_f64() * 1000.0 / (bytes as f64 / 1e6);
    let mut table = String::from("| document | total | ms/MB | ingest |");
    for n in &names {
        let _ = write!(table, " {n} |");
    }
    table.push_str("\n| ---: | ---: | ---: | ---: |");
    table.push_str(&" ---: |".repeat(names.len()));
    table.push('\n');
    for r in &rows {
        let mb = r.bytes as f64 / 1e6;
        let _ = write!(
            table,
            "| {} | {:.2} s{} | {:.0} | {:.0} |",
            if mb >= 1.0 { format!("{mb:.1} MB") } else { format!("{:.0} KB", mb * 1000.0) },
            r.total().as_secs_f64(),
            if r.overrun.is_some() { " (stopped)" } else { "" },
            ms_per_mb(r.total(), r.bytes),
            ms_per_mb(r.ingest, r.bytes)
        );
        for (n, d) in names.iter().zip(by_stage(r, &names)) {
            match d {
                Some(d) if r.overrun == Some(n) => {
                    let _ = write!(table, " **> {:.0}** |", ms_per_mb(d, r.bytes));
                }
                Some(d) => {
                    let _ = write!(table, " {:.0} |", ms_per_mb(d, r.bytes));
                }
                None => table.push_str(" – |"),
            }
        }
        table.push('\n');
    }
    let ratio = |a: usize, b: usize| -> Option<f64> {
        let (x, y) = (rows.iter().find(|r| r.bytes >= a)?, rows.iter().find(|r| r.bytes >= b)?);
        (x.overrun.is_none() && y.overrun.is_none()).then(|| y.total().as_secs_f64() / x.total().as_secs_f64())
    };
    let four = match ratio(1_000_000, 4_000_000) {
        Some(r) => format!("The 4 MB document takes {r:.1}x as long as the 1 MB one (target: at most 5x)."),
        None => "The 4 MB document was not timed to its end (target: at most 5x the 1 MB one).".into(),
    };

    // The soup against plain text of the same words.
    let plain = mixed(2_000_000);
    let soupy = soup(&plain);
    let p = time(&plain, limit, 1);
    let s = time(&soupy, limit, 1);
    let mut soup_table = String::from(
        "| document | size | total | quotes stage | slowest stage |\n| --- | ---: | ---: | ---: | --- |\n",
    );
    for (name, t) in [("plain text", &p), ("quote soup", &s)] {
        let quotes: Duration = t.stages.iter().filter(|s| s.0 == "quotes").map(|s| s.1).sum();
        let slowest = t.stages.iter().max_by_key(|s| s.1).map(|s| format!("{} ({:.2} s)", s.0, s.1.as_secs_f64()));
        let _ = writeln!(
            soup_table,
            "| {name} | {:.1} MB | {:.2} s{} | {:.2} s | {} |",
            t.bytes as f64 / 1e6,
            t.total().as_secs_f64(),
            t.overrun.map(|o| format!(" (stopped in {o})")).unwrap_or_default(),
            quotes.as_secs_f64(),
            slowest.unwrap_or_default()
        );
    }
    let soup_verdict = if s.overrun.is_none() && s.total() < Duration::from_secs(5) {
        format!("The quote soup takes {:.2} s (target: under 5 s).", s.total().as_secs_f64())
    } else {
        format!(
            "**The quote soup is over the 5 s target**: {}.",
            match s.overrun {
                Some(o) => format!("stopped by the {} s deadline in the {o} stage", limit.as_secs()),
                None => format!("{:.2} s", s.total().as_secs_f64()),
            }
        )
    };
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    let load =
        std::fs::read_to_string("/proc/loadavg").ok().and_then(|l| l.split_whitespace().next().map(str::to_string));
    let report = format!(
        "# Benchmark: time per megabyte as a document grows\n\n\
         Made by `cargo bench -p sitrep-annotate --bench scaling` (one thread; the fastest of 3 runs up to 1 MB, \
         one run above). Each document is mixed English and Arabic paragraphs written for the benchmark, read \
         as a text file and extracted with every stage timed. Columns are milliseconds per megabyte of text: \
         linear stages keep the same number down their column. A stage past the {} s deadline is stopped \
         (**> N**: at least that much).\n\n{table}\n{four}\n\n\
         ## Quote soup\n\nThe 2 MB document above, and the same words with a quotation mark of some kind \
         (`\" “ ” « » ‘ ’ „ ' 「 」`) before or after one word in four, at random.\n\n{soup_table}\n{soup_verdict}\n\n\
         Machine: {cpu}; load average {} at the start. sitrep {}.\n",
        limit.as_secs(),
        load.unwrap_or_else(|| "unknown".into()),
        env!("CARGO_PKG_VERSION"),
    );
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/scaling.md");
    // The diagnosis below the tables is written by hand: keep it.
    let kept = std::fs::read_to_string(&out)
        .ok()
        .and_then(|old| old.find("\n## Why\n").map(|i| old[i..].to_string()))
        .unwrap_or_default();
    std::fs::write(&out, format!("{report}{kept}")).unwrap();
    print!("{report}");
}
