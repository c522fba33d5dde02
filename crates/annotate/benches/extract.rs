//! Benchmark: extraction throughput, per core, on a mixed English/Arabic
//! corpus built from paragraphs written for this benchmark.
//!
//! Run with `cargo bench -p sitrep-annotate --bench extract`; it writes
//! `bench/extract.md`. One thread does all the work, so MB/s is per core.

use sitrep_annotate::{extract, Given};
use sitrep_ingest::{read_bytes, Document, Options, Origin};
use std::time::{Duration, Instant};

const ENGLISH: &[&str] = &[
    "Shelling killed at least {n} people in the eastern districts on Tuesday, according to the civil defence.",
    "Residents said dozens of shells fell on the market yesterday, and {n} families fled towards the river.",
    "An estimated {n},000 people remain trapped in the besieged neighbourhoods, the United Nations said on 13 December 2016.",
    "Two barrel bombs hit a clinic, wounding {n} patients; the hospital had reopened a week earlier.",
    "The convoy of {n} trucks waited at the crossing until Thursday, officials said. Talks resume next Monday.",
    "A 24-year-old volunteer said the road had been closed for five days and that {n} buses stood empty.",
    "Regime forces and Hezbollah fighters advanced on the Salah al-Din and Saif al-Dowla districts of Aleppo, the Syrian Observatory for Human Rights said.",
    "Spokesman Jens Laerke said {n} trucks of UN aid reached Douma in Eastern Ghouta, and that talks in Geneva and Moscow would go on.",
];

const ARABIC: &[&str] = &[
    "قُتل {n} مدنياً على الأقل في قصف مدفعي على الأحياء الشرقية يوم الثلاثاء، بحسب الدفاع المدني.",
    "أفاد ناشطون بسقوط عشرات القذائف على السوق أمس، ونزوح أكثر من {n} عائلة نحو الريف.",
    "شنت الطائرات أربع غارات على حي الكلاسة في 13 كانون الأول 2016، ما أدى إلى إصابة {n} أشخاص.",
    "ويعيش نحو {n} ألف شخص في الأحياء المحاصرة منذ أشهر دون دخول أي قافلة مساعدات.",
    "وقال الناشط الإعلامي أحمد النجار إن قوات النظام قصفت حي الأنصاري ومدينة حلب، ونزح {n} شخصاً إلى إدلب.",
];

/// About 4 KB per document, one in three in Arabic, numbers varied so no
/// two documents are the same.
fn corpus(target_bytes: usize) -> Vec<Document> {
    let mut docs = Vec::new();
    let mut total = 0;
    let mut k = 0usize;
    while total < target_bytes {
        let arabic = k % 3 == 2;
        let lines = if arabic { ARABIC } else { ENGLISH };
        let mut text = format!("Dispatch {k}\n\n");
        let mut j = 0;
        while text.len() < 4000 {
            text.push_str(&lines[(k + j) % lines.len()].replace("{n}", &(3 + (k * 7 + j) % 400).to_string()));
            text.push_str(if j % 3 == 2 { "\n\n" } else { " " });
            j += 1;
        }
        read_bytes("b.txt", "b.txt", text.into_bytes(), Origin::default(), &Options::default(), &mut |i| {
            if let Ok(d) = i.result {
                total += d.text.len();
                docs.push(d);
            }
        });
        k += 1;
    }
    docs
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let runs: usize = std::env::var("SITREP_BENCH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(7);
    let docs = corpus(20 << 20);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let given = Given { published: Some(jiff::civil::date(2016, 12, 14)), ..Given::default() };
    let mut times: Vec<Duration> = Vec::new();
    let (mut dates, mut figures, mut places, mut actors) = (0usize, 0usize, 0usize, 0usize);
    // Load the gazetteer and lexicons before timing: a one-off cost of a
    // process, not of each megabyte (reported separately below).
    let load = Instant::now();
    let _ = extract(&docs[0], &given);
    let load = load.elapsed();
    for _ in 0..runs {
        let start = Instant::now();
        let (mut d, mut f, mut p, mut a) = (0, 0, 0, 0);
        for doc in &docs {
            let r = extract(doc, &given);
            d += r.dates.len();
            f += r.figures.len();
            p += r.places.len();
            a += r.actors.len();
        }
        times.push(start.elapsed());
        (dates, figures, places, actors) = (d, f, p, a);
    }
    times.sort();
    let median = times[runs / 2];
    let mbps = |t: Duration| bytes as f64 / (1 << 20) as f64 / t.as_secs_f64();
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    let report = format!(
        "# Benchmark: extraction throughput per core\n\n\
         Made by `cargo bench -p sitrep-annotate --bench extract` ({runs} runs; one thread, so per core).\n\
         Corpus: {} documents, {:.1} MiB of text, one in three in Arabic, built from paragraphs written \
         for the benchmark; per run it yields {dates} dates, {figures} figures, {places} places and {actors} actors.\n\n\
         | what | median | min | max |\n| --- | --- | --- | --- |\n\
         | full extraction (dates, figures, places, actors, quotes, events), MiB/s per core | {:.1} | {:.1} | {:.1} |\n\
         | time for the corpus | {:.2} s | {:.2} s | {:.2} s |\n\n\
         Target: at least 5 MB/s per core ({:.1}x that, median).\n\n\
         Loading the gazetteer and lexicons, once per process: {:.0} ms.\n\nMachine: {cpu}. sitrep {}.\n",
        docs.len(),
        bytes as f64 / (1 << 20) as f64,
        mbps(median),
        mbps(times[runs - 1]),
        mbps(times[0]),
        median.as_secs_f64(),
        times[0].as_secs_f64(),
        times[runs - 1].as_secs_f64(),
        mbps(median) * 1.048576 / 5.0,
        load.as_secs_f64() * 1000.0,
        env!("CARGO_PKG_VERSION"),
    );
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/extract.md");
    std::fs::write(&out, &report).unwrap();
    print!("{report}");
}
