//! Compiles `data/categories.tsv` into the `Category` enum and its table
//! (`src/category.rs` includes the result). A row that does not read fails
//! the build with the file and line, so a typo never reaches a run.

use std::fmt::Write as _;

const DATA: &str = "data/categories.tsv";
const GROUPS: [(&str, &str); 4] =
    [("people", "People"), ("attacks", "Attacks"), ("things", "Things"), ("extent", "Extent")];

struct Row {
    line: usize,
    name: String,
    group: &'static str,
    unit: String,
    lasts: bool,
    key: bool,
    label: String,
}

fn fail(line: usize, why: &str) -> ! {
    // `cargo build` shows a build script's panic with its message.
    panic!("{DATA}:{line}: {why}")
}

fn yes_no(line: usize, column: &str, value: &str) -> bool {
    match value {
        "yes" => true,
        "no" => false,
        other => fail(line, &format!("`{column}` is yes or no, not {other:?}")),
    }
}

/// `barrel_bombs` → `BarrelBombs`.
fn variant(name: &str) -> String {
    name.split('_')
        .map(|part| {
            let mut c = part.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
        .collect()
}

fn read(tsv: &str) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    for (i, l) in tsv.lines().enumerate() {
        let line = i + 1;
        let l = l.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = l.split_whitespace().collect();
        if f.len() < 6 {
            fail(line, &format!("six columns (category group unit lasts key label), found {}", f.len()));
        }
        let name = f[0];
        if !name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') || name.starts_with('_') || name.ends_with('_') {
            fail(line, &format!("a category is lowercase letters and `_`, not {name:?}"));
        }
        if rows.iter().any(|r| r.name == name) {
            fail(line, &format!("{name:?} is listed twice"));
        }
        let group = GROUPS
            .iter()
            .find(|g| g.0 == f[1])
            .map(|g| g.0)
            .unwrap_or_else(|| fail(line, &format!("group is people, attacks, things or extent, not {:?}", f[1])));
        if !f[2].bytes().all(|b| b.is_ascii_alphanumeric()) {
            fail(line, &format!("a unit is letters and digits, not {:?}", f[2]));
        }
        rows.push(Row {
            line,
            name: name.to_string(),
            group,
            unit: f[2].to_string(),
            lasts: yes_no(line, "lasts", f[3]),
            key: yes_no(line, "key", f[4]),
            // The label is the rest of the line: `Barrel bombs` has a space.
            label: f[5..].join(" "),
        });
    }
    if rows.is_empty() {
        fail(1, "no categories");
    }
    rows
}

fn main() {
    println!("cargo::rerun-if-changed={DATA}");
    let tsv = std::fs::read_to_string(DATA).unwrap_or_else(|e| panic!("{DATA} is not readable: {e}"));
    let rows = read(&tsv);
    let mut o = String::new();
    let _ = writeln!(o, "// Made by build.rs from {DATA}; edit that file, not this one.\n");
    o.push_str(
        "/// What a figure counts: one variant per row of `data/categories.tsv`, and\n\
         /// [`Category::Unlisted`] for a word the table does not have (an analyst's\n\
         /// own, or a newer extractor's), kept as written.\n\
         #[derive(Clone, Debug, PartialEq, Eq, Hash)]\npub enum Category {\n",
    );
    for r in &rows {
        let _ = writeln!(o, "    /// `{}` (line {} of the table).\n    {},", r.name, r.line, variant(&r.name));
    }
    o.push_str("    /// A category the table does not list.\n    Unlisted(String),\n}\n\n");
    o.push_str("/// A category's group, as the table gives it.\n#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]\npub enum Group {\n");
    for (_, v) in GROUPS {
        let _ = writeln!(o, "    {v},");
    }
    o.push_str("}\n\n");
    let _ = writeln!(o, "const ROWS: [Row; {}] = [", rows.len());
    for r in &rows {
        let group = GROUPS.iter().find(|g| g.0 == r.group).map(|g| g.1).unwrap_or("People");
        let _ = writeln!(
            o,
            "    Row {{ name: {:?}, group: Group::{group}, unit: {:?}, lasts: {}, key: {}, label: {:?} }},",
            r.name, r.unit, r.lasts, r.key, r.label
        );
    }
    o.push_str("];\n\n");
    let _ = writeln!(o, "const KNOWN: [Category; {}] = [", rows.len());
    for r in &rows {
        let _ = writeln!(o, "    Category::{},", variant(&r.name));
    }
    o.push_str("];\n\nimpl Category {\n    /// The row of a listed category.\n    fn index(&self) -> Option<usize> {\n        match self {\n");
    for (i, r) in rows.iter().enumerate() {
        let _ = writeln!(o, "            Category::{} => Some({i}),", variant(&r.name));
    }
    o.push_str("            Category::Unlisted(_) => None,\n        }\n    }\n}\n");
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("categories.rs");
    std::fs::write(out, o).expect("OUT_DIR is writable");
}
