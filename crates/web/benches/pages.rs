#[path = "corpus.rs"]
mod corpus;
use std::time::Instant;
fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let n: usize = std::env::var("N").ok().and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("probe-{n}.db"));
    if !path.exists() {
        let t = Instant::now();
        let mut a = sitrep_store::Archive::open(&path).unwrap();
        let (tx, rx) = std::sync::mpsc::sync_channel(64);
        let next = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..2 {
                let tx = tx.clone();
                let next = &next;
                s.spawn(move || loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if i >= n {
                        break;
                    }
                    let d = corpus::document(i);
                    let r = sitrep_annotate::extract(&d, &Default::default());
                    tx.send((d, r)).unwrap();
                });
            }
            drop(tx);
            for (d, r) in rx {
                a.add(&d, Some(&r)).unwrap();
            }
        });
        eprintln!("built in {:?}", t.elapsed());
    }
    let a = sitrep_store::Archive::open(&path).unwrap();
    let t = Instant::now();
    let inputs = a.link_inputs().unwrap();
    eprintln!("link_inputs {:?}", t.elapsed());
    let t = Instant::now();
    let l = sitrep_link::link(&inputs, &Default::default());
    eprintln!(
        "link {:?} claims {} events {} quotes {} places {}",
        t.elapsed(),
        l.claims.len(),
        l.events.len(),
        l.quotes.len(),
        l.places.len()
    );
    let t = Instant::now();
    let list = a.list().unwrap();
    eprintln!("list {:?} {}", t.elapsed(), list.len());
    let id = list[4].id.clone();
    let t = Instant::now();
    let f = a.facts(&id).unwrap();
    eprintln!("facts {:?} {}", t.elapsed(), f.len());
    let t = Instant::now();
    let h = a.search("market", 50).unwrap();
    eprintln!("search 50 {:?} {}", t.elapsed(), h.len());
    let t = Instant::now();
    let h = a.search("حلب", 500).unwrap();
    eprintln!("search ar 500 {:?} {}", t.elapsed(), h.len());
    let t = Instant::now();
    let _ = sitrep_store::Archive::open(&path).unwrap();
    eprintln!("open {:?}", t.elapsed());
    for f in f.iter().take(40) {
        eprintln!(
            "{} {:?} {}",
            f.kind,
            f.span,
            f.current.as_ref().map(|v| v.to_string()).unwrap_or_default().chars().take(200).collect::<String>()
        );
    }
}
