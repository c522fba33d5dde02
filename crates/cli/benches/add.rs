//! Benchmark: `sitrep add` of 1,000 five-kilobyte HTML pages.
//!
//! Run with `cargo bench -p sitrep --bench add`. It times the real binary
//! end to end (process start, parsing, language id, hashing, compression,
//! SQLite writes and indexing) over several runs, each into a fresh
//! archive, and writes medians to `bench/add.md`, so a change in speed shows
//! in review. Set `SITREP_BENCH_RUNS` to change the number of runs.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const PAGES: usize = 1_000;
const PAGE_BYTES: usize = 5 * 1024;

/// A page of about five kilobytes: site furniture around a dispatch, in
/// English or (every fourth page) Arabic, with per-page numbers so that
/// every page is a distinct document.
fn page(i: usize) -> String {
    let (lang, title, para) = if i % 4 == 3 {
        (
            "ar",
            format!("تقرير ميداني رقم {i}"),
            format!(
                "أفاد ناشطون بسقوط {} قذيفة على الحي رقم {} صباح اليوم، وقال مسعفون إن الطرق مغلقة. ",
                i % 40 + 3,
                i % 23
            ),
        )
    } else {
        (
            "en",
            format!("Field report {i}: shelling in district {}", i % 23),
            format!(
                "Residents reported {} shells landing in district {} before dawn; rescuers said roads to the clinic were blocked. ",
                i % 40 + 3,
                i % 23
            ),
        )
    };
    let mut body = String::new();
    while body.len() < PAGE_BYTES - 900 {
        body.push_str("<p>");
        body.push_str(&para);
        body.push_str(&para);
        body.push_str("</p>\n");
    }
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title} | Bench Wire</title>\
         <meta property=\"article:published_time\" content=\"2016-12-{:02}T10:00:00+02:00\"></head><body>\
         <header><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/video\">Video</a></nav></header>\
         <div class=\"cookie-banner\">We use cookies to improve your experience.</div>\
         <article><h1>{title}</h1>\n{body}\
         <div class=\"share-buttons\"><a href=\"#\">Share</a> <a href=\"#\">Tweet</a></div></article>\
         <aside class=\"related\"><ul><li><a href=\"/a\">Earlier report</a></li><li><a href=\"/b\">Map of the front</a></li></ul></aside>\
         <footer class=\"site-footer\">Bench Wire {i}</footer></body></html>",
        i % 28 + 1
    )
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn run(bin: &str, archive: &Path, args: &[&str]) -> Duration {
    let start = Instant::now();
    let out = Command::new(bin).arg("--archive").arg(archive).args(args).output().expect("run sitrep");
    let took = start.elapsed();
    assert!(out.status.success(), "sitrep {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    took
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` would pass
    // nothing useful here: only run when asked to benchmark.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_sitrep");
    let runs: usize = std::env::var("SITREP_BENCH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(7);
    let dir = std::env::temp_dir().join(format!("sitrep-bench-{}", std::process::id()));
    let pages = dir.join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    let mut total_bytes = 0usize;
    for i in 0..PAGES {
        let p = page(i);
        total_bytes += p.len();
        std::fs::write(pages.join(format!("{i:04}.html")), p).unwrap();
    }
    let pages_arg = pages.to_str().unwrap();

    let (mut fresh, mut again, mut verify) = (Vec::new(), Vec::new(), Vec::new());
    for r in 0..runs {
        let archive: PathBuf = dir.join(format!("run{r}.db"));
        fresh.push(run(bin, &archive, &["add", pages_arg]));
        again.push(run(bin, &archive, &["add", pages_arg]));
        verify.push(run(bin, &archive, &["verify"]));
        let _ = std::fs::remove_file(&archive);
    }
    let (m_fresh, m_again, m_verify) = (median(&mut fresh), median(&mut again), median(&mut verify));
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
    let per_page_ms = m_fresh.as_secs_f64() * 1000.0 / PAGES as f64;
    let report = format!(
        "# Benchmark: `sitrep add` of {PAGES} HTML pages\n\n\
         Made by `cargo bench -p sitrep --bench add` ({runs} runs, each into a fresh archive; medians).\n\
         Pages average {:.1} KiB ({:.1} MiB in all), one in four in Arabic, each with navigation, \
         cookie banner, share buttons, related links and footer to strip.\n\n\
         | what | median | min | max |\n| --- | --- | --- | --- |\n\
         | `add` {PAGES} new pages | {:.2} s | {:.2} s | {:.2} s |\n\
         | `add` the same {PAGES} again (all present) | {:.2} s | {:.2} s | {:.2} s |\n\
         | `verify` {PAGES} documents | {:.2} s | {:.2} s | {:.2} s |\n\n\
         Per new page: {per_page_ms:.2} ms; throughput {:.1} MiB/s. Target: under 10 s for the first row \
         ({:.0}x margin).\n\n\
         Machine: {cores} cores, {cpu}. sitrep {}.\n",
        total_bytes as f64 / PAGES as f64 / 1024.0,
        total_bytes as f64 / (1 << 20) as f64,
        m_fresh.as_secs_f64(),
        fresh[0].as_secs_f64(),
        fresh[runs - 1].as_secs_f64(),
        m_again.as_secs_f64(),
        again[0].as_secs_f64(),
        again[runs - 1].as_secs_f64(),
        m_verify.as_secs_f64(),
        verify[0].as_secs_f64(),
        verify[runs - 1].as_secs_f64(),
        total_bytes as f64 / (1 << 20) as f64 / m_fresh.as_secs_f64(),
        10.0 / m_fresh.as_secs_f64(),
        env!("CARGO_PKG_VERSION"),
    );
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/add.md");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    std::fs::write(&out, &report).unwrap();
    print!("{report}");
    println!("\nwritten to bench/add.md");
    let _ = std::fs::remove_dir_all(&dir);
}
