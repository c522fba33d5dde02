//! Benchmark: the desk's pages on an archive of 10,000 documents.
//!
//! Run with `cargo bench -p sitrep-web --bench pages`. It builds the
//! archive once from made-up dispatches (`corpus.rs`; kept under the target
//! folder between runs), starts the server in this process on a free
//! loopback port, and times GETs over a real socket: the first request of
//! each page after start (cold: the document index or the linked archive is
//! built then) and the median of repeated requests after it. Medians are
//! written to `bench/pages.md` beside the 200 ms target. Set
//! `SITREP_BENCH_RUNS` to change the number of repeats (default 15).

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "corpus.rs"]
mod corpus;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const DOCUMENTS: usize = 10_000;
const TARGET: Duration = Duration::from_millis(200);

/// The archive, built once per generator version.
fn archive() -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("web-bench-{DOCUMENTS}-v1.db"));
    if path.exists() {
        return path;
    }
    let partial = path.with_extension("partial");
    let _ = std::fs::remove_file(&partial);
    let started = Instant::now();
    let mut a = sitrep_store::Archive::open(&partial).unwrap();
    let (tx, rx) = std::sync::mpsc::sync_channel(64);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
    std::thread::scope(|s| {
        for _ in 0..workers {
            let (tx, next) = (tx.clone(), &next);
            s.spawn(move || loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if i >= DOCUMENTS {
                    break;
                }
                let d = corpus::document(i);
                let r = sitrep_annotate::extract(&d, &Default::default());
                if tx.send((d, r)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        for (d, r) in rx {
            a.add(&d, Some(&r)).unwrap();
        }
    });
    drop(a);
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", partial.display()));
    }
    std::fs::rename(&partial, &path).unwrap();
    eprintln!("built {DOCUMENTS} documents in {:.1} s", started.elapsed().as_secs_f64());
    path
}

fn time(addr: std::net::SocketAddr, path: &str) -> Duration {
    let t = Instant::now();
    let r = common::get(addr, path);
    let took = t.elapsed();
    assert_eq!(r.status, 200, "{path}: {}", r.text());
    took
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` does not: only
    // run when asked to benchmark.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let runs: usize = std::env::var("SITREP_BENCH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(15).max(1);
    let path = archive();
    let a = sitrep_store::Archive::open(&path).unwrap();
    let ids = a.ids().unwrap();
    let doc = ids[ids.len() / 2].clone();
    drop(a);
    let addr = common::start(common::config(&path));
    let pages: Vec<(&str, String)> = vec![
        ("documents list", "/documents".into()),
        ("documents, page 20", "/documents?page=20".into()),
        ("search (English)", "/documents?q=market".into()),
        ("search (Arabic)", format!("/documents?q={}", sitrep_web::html::url_part("حلب"))),
        ("search with filters", "/documents?q=strikes&lang=en&from=2016-03-01&to=2016-09-30".into()),
        ("a document", format!("/documents/{}", &doc[..12])),
        ("figures", "/figures".into()),
        ("timeline & map", "/timeline".into()),
        ("quotes", "/quotes".into()),
        ("audit log", "/audit".into()),
    ];
    let mut rows = Vec::new();
    for (name, p) in &pages {
        let cold = time(addr, p);
        let mut warm: Vec<Duration> = (0..runs).map(|_| time(addr, p)).collect();
        warm.sort();
        let median = warm[warm.len() / 2];
        eprintln!("{name:<22} cold {:>8} ms  median {:>7} ms", ms(cold), ms(median));
        rows.push((name, p.clone(), cold, median));
    }
    let mut md = String::from("# Web desk: page latency\n\n");
    md.push_str(&format!(
        "`cargo bench -p sitrep-web --bench pages`: the server in-process on loopback over an archive of {} \
         made-up dispatches (one in five in Arabic; see `crates/web/benches/corpus.rs`), GETs over a real socket. \
         *Cold* is the first request of the page after the server starts, which builds what the page reads (the \
         document index for the list and search; the linked archive for figures, timeline and quotes); later \
         requests reuse it until the archive changes. *Median* is of {runs} requests after that. Target: {} ms.\n\n",
        DOCUMENTS,
        TARGET.as_millis()
    ));
    md.push_str("| page | request | cold (ms) | median (ms) | median / target |\n| --- | --- | ---: | ---: | ---: |\n");
    for (name, p, cold, median) in &rows {
        let shown = if p.len() > 48 {
            format!("{}…", &p[..p.char_indices().nth(40).map_or(p.len(), |c| c.0)])
        } else {
            p.clone()
        };
        md.push_str(&format!(
            "| {name} | `{shown}` | {} | {} | {:.2} |\n",
            ms(*cold),
            ms(*median),
            median.as_secs_f64() / TARGET.as_secs_f64()
        ));
    }
    md.push_str(&format!(
        "\nMachine: {} cores. The cold figures, timeline and quotes wait for linking the whole archive once; \
         while `sitrep add` writes, pages show the previous state (with a note) rather than wait longer than \
         400 ms for a new one.\n",
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0)
    ));
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/pages.md");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    std::fs::write(&out, md).unwrap();
    eprintln!("wrote {}", out.display());
}
