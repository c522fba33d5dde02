//! Compiles the gazetteer: the places as a table (`src/table.rs`) and
//! every name's keys as a sorted index (`src/index.rs`), both read in place
//! at run time, so a run starts without parsing a row or computing a key.
//! A bad line in `data/gazetteer.tsv` stops the build with its number.

#[path = "src/keys.rs"]
#[allow(dead_code)]
mod keys;

#[path = "src/index.rs"]
#[allow(dead_code)]
mod index;

#[path = "src/kind.rs"]
#[allow(dead_code)]
mod kind;

#[path = "src/table.rs"]
#[allow(dead_code)]
mod table;

use kind::Kind;

fn main() {
    let data = "data/gazetteer.tsv";
    for f in [data, "src/keys.rs", "src/index.rs", "src/kind.rs", "src/table.rs"] {
        println!("cargo::rerun-if-changed={f}");
    }
    let tsv = std::fs::read_to_string(data).expect("data/gazetteer.tsv is readable");
    let rows = match table::parse_rows(&tsv) {
        Ok(rows) => rows,
        Err(e) => panic!("{data}: {e}"),
    };
    let names: Vec<Vec<String>> = rows.iter().map(table::Row::all_names).collect();
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let index = index::build(names.iter().enumerate().map(|(i, n)| (i as u32, n.as_slice())));
    std::fs::write(out.join("index.bin"), index).expect("OUT_DIR is writable");
    std::fs::write(out.join("table.bin"), table::build(&rows)).expect("OUT_DIR is writable");
    let _ = Kind::Country;
}
