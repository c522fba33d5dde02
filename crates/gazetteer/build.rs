//! Builds the name index of the compiled-in gazetteer (see `src/index.rs`),
//! so that a run starts without computing a million keys.

#[path = "src/keys.rs"]
#[allow(dead_code)]
mod keys;

#[path = "src/index.rs"]
#[allow(dead_code)]
mod index;

fn main() {
    let data = "data/gazetteer.tsv";
    println!("cargo::rerun-if-changed={data}");
    println!("cargo::rerun-if-changed=src/keys.rs");
    println!("cargo::rerun-if-changed=src/index.rs");
    let tsv = std::fs::read_to_string(data).expect("data/gazetteer.tsv is readable");
    let rows: Vec<Vec<String>> = tsv
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let mut names: Vec<String> =
                f.get(9).unwrap_or(&"").split('|').map(str::trim).filter(|x| !x.is_empty()).map(String::from).collect();
            let name = f.get(2).unwrap_or(&"").to_string();
            if !names.contains(&name) {
                names.insert(0, name);
            }
            names
        })
        .collect();
    let blob = index::build(rows.iter().enumerate().map(|(i, n)| (i as u32, n.as_slice())));
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("index.bin");
    std::fs::write(out, blob).expect("OUT_DIR is writable");
}
