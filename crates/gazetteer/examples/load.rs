//! Times loading the compiled-in gazetteer and looks names up:
//! `cargo run --release -p sitrep-gazetteer --example load -- Aleppo حلب`.
fn main() {
    let t = std::time::Instant::now();
    let g = sitrep_gazetteer::Gazetteer::builtin();
    eprintln!("loaded {} entries in {:?}", g.len(), t.elapsed());
    for name in std::env::args().skip(1) {
        println!("{name}: may start an Arabic name: {}", g.may_start_arabic(&name));
        for (i, level) in g.lookup(&name) {
            let e = g.entry(i);
            println!("  {:?} {} {} {} {:?} {:?}", level, e.id, e.kind.as_str(), e.name, e.within, e.population);
        }
    }
}
