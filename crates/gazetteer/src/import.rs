//! Gazetteers an analyst brings: a GeoNames country dump (`HT.txt`) or an
//! OCHA common operational dataset of administrative boundaries (COD-AB),
//! as a CSV or an XLSX table, read into [`Row`]s.
//!
//! A file is read whole or not at all when it is not one of these
//! formats; inside it, a row that does not read (a latitude that is no
//! number, a missing column, a unit with a name but no P-code) is left
//! out and named by line and column in [`Imported::problems`], and the
//! rest is kept.
//!
//! - GeoNames: TAB-separated, no header, 19 columns (geonameid, name,
//!   asciiname, alternatenames, latitude, longitude, feature class,
//!   feature code, country code, cc2, admin1–4 codes, population, …). Kept:
//!   populated places (class P: sections `PPLX` as neighbourhoods, seats
//!   and big places as cities, the rest as towns and villages),
//!   administrative units (A: `ADM1`–`ADM5` as regions), camps (`CMP*`),
//!   hospitals, schools and police posts (facilities), roads and streets.
//!   Terrain, water and vegetation are not places events happen at. A
//!   place lies within the units its admin codes name in the same file.
//! - OCHA COD-AB: one row per unit with its parents, in the legacy layout
//!   (`ADM1_EN`, `ADM1_AR`, `ADM1_PCODE`, `ADM1ALT1EN`, …) or the newer one
//!   (`adm1_name`, `adm1_name1`, `adm1_pcode`, `center_lat`, `center_lon`).
//!   Every level a row names is a unit, keyed by its P-code: ADM0 the
//!   country, ADM1–ADM3 regions, ADM4 and below villages. An XLSX file is
//!   read sheet by sheet.

use crate::{Kind, Row};
use std::collections::{BTreeMap, HashMap};

/// The formats [`read`] knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    GeoNames,
    OchaCsv,
    OchaXlsx,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::GeoNames => "geonames",
            Format::OchaCsv => "ocha-csv",
            Format::OchaXlsx => "ocha-xlsx",
        }
    }
}

/// A row left out, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The sheet of an XLSX file.
    pub sheet: Option<String>,
    /// The line of a text file, the row of a sheet (1 = the first).
    pub row: usize,
    /// The column (1 = the first) and its name, when one is at fault.
    pub column: Option<(usize, String)>,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(s) = &self.sheet {
            write!(f, "sheet {s:?}, ")?;
        }
        write!(f, "row {}", self.row)?;
        if let Some((n, name)) = &self.column {
            write!(f, ", column {n} ({name})")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// What a file held.
#[derive(Clone, Debug)]
pub struct Imported {
    pub format: Format,
    pub rows: Vec<Row>,
    pub problems: Vec<Problem>,
    /// Rows that read but are not kept (terrain, water, historical units).
    pub not_places: usize,
}

/// Why a file could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError(pub String);

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ImportError {}

/// Reads a gazetteer file. `name` is its file name (its extension may say
/// the format); `country_name` gives the name of a country by its ISO
/// code, for the `within` of places in a file that does not name its
/// country, and says which countries need no row of their own (the
/// built-in gazetteer has them).
pub fn read(name: &str, bytes: &[u8], country_name: &dyn Fn(&str) -> Option<String>) -> Result<Imported, ImportError> {
    let lower = name.to_lowercase();
    if bytes.starts_with(b"PK\x03\x04") || lower.ends_with(".xlsx") || lower.ends_with(".xls") {
        return xlsx(bytes, country_name);
    }
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes))
        .map_err(|e| ImportError(format!("not UTF-8 text ({e}): GeoNames dumps and OCHA CSV files are UTF-8")))?;
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let geonames = first.split('\t').count() >= 8 && first.split('\t').next().is_some_and(is_number);
    if geonames {
        return Ok(geonames_dump(text, country_name));
    }
    if first.contains(',') && first.to_lowercase().contains("pcode") {
        return csv_table(text, country_name);
    }
    Err(ImportError(
        "neither a GeoNames dump (TAB-separated, 19 columns, no header) nor an OCHA administrative \
         boundaries table (CSV or XLSX with ADMn_PCODE columns)"
            .into(),
    ))
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A name worth keeping: letters, two or more characters, no link.
fn usable(name: &str) -> bool {
    name.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !name.contains("://")
}

fn push_name(names: &mut Vec<String>, n: &str) {
    let n = n.split_whitespace().collect::<Vec<_>>().join(" ").replace(['|', '\t'], " ");
    if usable(&n) && !names.iter().any(|m| m.to_lowercase() == n.to_lowercase()) && names.len() < 30 {
        names.push(n);
    }
}

const GEONAMES_COLUMNS: [&str; 19] = [
    "geonameid",
    "name",
    "asciiname",
    "alternatenames",
    "latitude",
    "longitude",
    "feature class",
    "feature code",
    "country code",
    "cc2",
    "admin1 code",
    "admin2 code",
    "admin3 code",
    "admin4 code",
    "population",
    "elevation",
    "dem",
    "timezone",
    "modification date",
];

/// The kind of place a GeoNames feature is, or none for features that
/// are not places events happen at.
fn geonames_kind(class: &str, code: &str, population: u64) -> Option<Kind> {
    Some(match (class, code) {
        ("A", c) if c.starts_with("PCL") && !c.ends_with('H') => Kind::Country,
        ("A", "ADM1" | "ADM2" | "ADM3" | "ADM4" | "ADM5" | "ADMD") => Kind::Region,
        ("P", "PPLX") => Kind::Neighbourhood,
        ("P", c) if c.ends_with('H') || c == "PPLQ" || c == "PPLW" => return None,
        ("P", c) if matches!(c, "PPLC" | "PPLA" | "PPLG") || population >= 100_000 => Kind::City,
        ("P", c) if matches!(c, "PPLA2" | "PPLA3") || population >= 10_000 => Kind::Town,
        ("P", _) => Kind::Village,
        ("S", c) if c.starts_with("CMP") => Kind::Camp,
        ("S", "HSP" | "HSPC" | "HSPD" | "HSPL" | "CTRM" | "SCH" | "SCHC" | "UNIV" | "PP" | "PSTP" | "AIRP") => {
            Kind::Facility
        }
        ("R", "RD" | "RDA" | "ST" | "RDJCT") => Kind::Road,
        _ => return None,
    })
}

fn geonames_dump(text: &str, country_name: &dyn Fn(&str) -> Option<String>) -> Imported {
    struct Raw<'a> {
        f: Vec<&'a str>,
        kind: Kind,
        lat: f64,
        lon: f64,
        population: Option<u64>,
    }
    let mut problems = Vec::new();
    let mut not_places = 0;
    let mut raws: Vec<Raw> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let problem = |col: Option<usize>, message: String| Problem {
            sheet: None,
            row: n + 1,
            column: col.map(|c| (c + 1, GEONAMES_COLUMNS[c].to_string())),
            message,
        };
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 19 {
            problems.push(problem(None, format!("{} columns; a GeoNames row has 19, TAB-separated", f.len())));
            continue;
        }
        if !is_number(f[0]) {
            problems.push(problem(Some(0), format!("{:?} is not a GeoNames id", f[0])));
            continue;
        }
        if f[1].trim().is_empty() {
            problems.push(problem(Some(1), "empty name".into()));
            continue;
        }
        let coord = |c: usize, limit: f64| match f[c].trim().parse::<f64>() {
            Ok(v) if v.is_finite() && v.abs() <= limit => Ok(v),
            _ => Err(problem(Some(c), format!("{:?} is not a coordinate", f[c]))),
        };
        let (lat, lon) = match (coord(4, 90.0), coord(5, 180.0)) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(p), _) | (_, Err(p)) => {
                problems.push(p);
                continue;
            }
        };
        let population = match f[14].trim() {
            "" => None,
            p => match p.parse::<u64>() {
                Ok(v) => (v > 0).then_some(v),
                Err(_) => {
                    problems.push(problem(Some(14), format!("{p:?} is not a population")));
                    continue;
                }
            },
        };
        if f[8].trim().is_empty() {
            problems.push(problem(Some(8), "no country code".into()));
            continue;
        }
        match geonames_kind(f[6].trim(), f[7].trim(), population.unwrap_or(0)) {
            Some(kind) => raws.push(Raw { f, kind, lat, lon, population }),
            None => not_places += 1,
        }
    }
    // The units the file names, by their codes: `CC.01`, `CC.01.0101`, …
    let mut units: HashMap<String, String> = HashMap::new();
    let mut countries: HashMap<String, String> = HashMap::new();
    for r in &raws {
        let cc = r.f[8].trim();
        if r.kind == Kind::Country {
            countries.entry(cc.to_string()).or_insert_with(|| r.f[1].trim().to_string());
            continue;
        }
        if let Some(level) = r.f[7].trim().strip_prefix("ADM").and_then(|l| l.parse::<usize>().ok()) {
            let codes: Vec<&str> = r.f[10..10 + level.min(4)].iter().map(|c| c.trim()).collect();
            if codes.iter().all(|c| !c.is_empty()) {
                units.entry(format!("{cc}.{}", codes.join("."))).or_insert_with(|| r.f[1].trim().to_string());
            }
        }
    }
    let mut rows = Vec::new();
    for r in raws {
        let cc = r.f[8].trim();
        let country = countries.get(cc).cloned().or_else(|| country_name(cc));
        if r.kind == Kind::Country && country_name(cc).is_some() {
            // The built-in gazetteer has the country.
            continue;
        }
        // Parents: the units of its codes, the deepest first, short of
        // itself.
        let own = r.f[7].trim().strip_prefix("ADM").and_then(|l| l.parse::<usize>().ok());
        let mut within = Vec::new();
        if r.kind != Kind::Country {
            let depth = own.map_or(4, |l| l.saturating_sub(1)).min(4);
            let mut codes = Vec::new();
            for c in &r.f[10..10 + depth] {
                if c.trim().is_empty() {
                    break;
                }
                codes.push(c.trim());
            }
            for k in (1..=codes.len()).rev() {
                if let Some(u) = units.get(&format!("{cc}.{}", codes[..k].join("."))) {
                    if u != r.f[1].trim() && !within.contains(u) {
                        within.push(u.clone());
                    }
                }
            }
            within.extend(country.clone());
        }
        let mut names = Vec::new();
        push_name(&mut names, r.f[1]);
        push_name(&mut names, r.f[2]);
        for a in r.f[3].split(',') {
            push_name(&mut names, a);
        }
        rows.push(Row {
            id: format!("gn:{}", r.f[0]),
            kind: r.kind,
            name: r.f[1].trim().to_string(),
            lat: Some(r.lat),
            lon: Some(r.lon),
            pcode: None,
            country: cc.to_string(),
            within,
            population: r.population,
            names,
            source: "geonames".into(),
        });
    }
    Imported { format: Format::GeoNames, rows, problems, not_places }
}

/// What an OCHA table's header says about its columns.
struct Layout {
    /// Level → the column of its P-code.
    pcode: BTreeMap<usize, usize>,
    /// Level → the columns of its names, the preferred (English) one first.
    names: BTreeMap<usize, Vec<usize>>,
    lat: Option<usize>,
    lon: Option<usize>,
}

impl Layout {
    fn of(header: &[String]) -> Option<Layout> {
        let mut l = Layout { pcode: BTreeMap::new(), names: BTreeMap::new(), lat: None, lon: None };
        for (i, h) in header.iter().enumerate() {
            let h = h.trim().to_lowercase();
            match h.as_str() {
                "center_lat" | "centre_lat" | "latitude" | "lat" => l.lat = Some(i),
                "center_lon" | "centre_lon" | "longitude" | "lon" => l.lon = Some(i),
                _ => {}
            }
            let Some(rest) = h.strip_prefix("adm") else { continue };
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let Ok(level) = digits.parse::<usize>() else { continue };
            let tail = &rest[digits.len()..];
            if tail == "_pcode" {
                l.pcode.insert(level, i);
                continue;
            }
            // `_en`, `_ar`, `_fr`, `_ref`, `_name`, `_name1`, `alt1en`, `alt2ar`.
            let is_name = match tail.strip_prefix('_') {
                Some(t) => {
                    (t.len() == 2 && t.chars().all(|c| c.is_ascii_alphabetic()))
                        || t == "ref"
                        || t.strip_prefix("name").is_some_and(|d| d.chars().all(|c| c.is_ascii_digit()))
                }
                None => tail.strip_prefix("alt").is_some_and(|t| {
                    let d = t.trim_end_matches(|c: char| c.is_ascii_alphabetic());
                    !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()) && t.len() - d.len() == 2
                }),
            };
            if is_name {
                let preferred = tail == "_en" || tail == "_name";
                let cols = l.names.entry(level).or_default();
                if preferred {
                    cols.insert(0, i);
                } else {
                    cols.push(i);
                }
            }
        }
        (!l.pcode.is_empty()).then_some(l)
    }
}

/// One unit as the rows give it: its level, names, point and parent's
/// P-code.
type Unit = (usize, Vec<String>, Option<f64>, Option<f64>, Option<String>);

/// Units gathered from the rows of one or more tables, by P-code.
#[derive(Default)]
struct Units {
    by_pcode: BTreeMap<String, Unit>,
    problems: Vec<Problem>,
}

impl Units {
    fn table(&mut self, sheet: Option<&str>, header: &[String], rows: &mut dyn Iterator<Item = (usize, Vec<String>)>) {
        let Some(layout) = Layout::of(header) else { return };
        let deepest = layout.pcode.keys().copied().max().unwrap_or(0);
        for (row, cells) in rows {
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let problem = |col: usize, message: String| Problem {
                sheet: sheet.map(str::to_string),
                row,
                column: Some((col + 1, header.get(col).cloned().unwrap_or_default())),
                message,
            };
            if cells.len() < header.len() && sheet.is_none() {
                self.problems.push(Problem {
                    sheet: None,
                    row,
                    column: None,
                    message: format!("{} fields; the header has {}", cells.len(), header.len()),
                });
                continue;
            }
            let cell = |i: usize| cells.get(i).map(|c| c.trim()).unwrap_or("");
            let coord = |i: Option<usize>, limit: f64| -> Result<Option<f64>, Problem> {
                let Some(i) = i else { return Ok(None) };
                match cell(i) {
                    "" => Ok(None),
                    v => match v.parse::<f64>() {
                        Ok(x) if x.is_finite() && x.abs() <= limit => Ok(Some(x)),
                        _ => Err(problem(i, format!("{v:?} is not a coordinate"))),
                    },
                }
            };
            let (lat, lon) = match (coord(layout.lat, 90.0), coord(layout.lon, 180.0)) {
                (Ok(a), Ok(b)) => (a, b),
                (Err(p), _) | (_, Err(p)) => {
                    self.problems.push(p);
                    continue;
                }
            };
            let mut found = Vec::new();
            let mut bad = None;
            for (&level, &pc) in &layout.pcode {
                let pcode = cell(pc);
                let mut names = Vec::new();
                for &c in layout.names.get(&level).into_iter().flatten() {
                    push_name(&mut names, cell(c));
                }
                if pcode.is_empty() {
                    if !names.is_empty() {
                        bad = Some(problem(pc, format!("{} has no P-code", names[0])));
                        break;
                    }
                    continue;
                }
                if pcode.contains(char::is_whitespace) {
                    bad = Some(problem(pc, format!("{pcode:?} is not a P-code")));
                    break;
                }
                if names.is_empty() {
                    let col = layout.names.get(&level).and_then(|c| c.first()).copied().unwrap_or(pc);
                    bad = Some(problem(col, format!("{pcode} has no name")));
                    break;
                }
                found.push((level, pcode.to_string(), names));
            }
            if let Some(p) = bad {
                self.problems.push(p);
                continue;
            }
            let mut parent: Option<String> = None;
            for (level, pcode, names) in found {
                let point = if level == deepest { (lat, lon) } else { (None, None) };
                let e = self.by_pcode.entry(pcode.clone()).or_insert((level, Vec::new(), None, None, parent.clone()));
                for n in names {
                    push_name(&mut e.1, &n);
                }
                if e.2.is_none() {
                    (e.2, e.3) = point;
                }
                parent = Some(pcode);
            }
        }
    }

    fn rows(self, format: Format, country_name: &dyn Fn(&str) -> Option<String>) -> Imported {
        let mut rows = Vec::new();
        let name_of = |p: &str| self.by_pcode.get(p).and_then(|u| u.1.first().cloned());
        for (pcode, (level, names, lat, lon, parent)) in &self.by_pcode {
            // The country: ADM0's P-code is its ISO code; below it, a
            // P-code starts with that code.
            let mut top = pcode.clone();
            let mut p = parent.clone();
            let mut within = Vec::new();
            while let Some(q) = p {
                within.extend(name_of(&q));
                top = q.clone();
                p = self.by_pcode.get(&q).and_then(|u| u.4.clone());
            }
            let iso: String = top.chars().take(2).collect::<String>().to_uppercase();
            let known = country_name(&iso);
            if *level == 0 {
                if known.is_some() {
                    continue;
                }
            } else if within.len() < *level {
                // No ADM0 columns: the country by the code's letters.
                if let Some(k) = &known {
                    within.push(k.clone());
                }
            } else if let (Some(k), Some(last)) = (&known, within.last_mut()) {
                // The country as the built-in gazetteer names it, so
                // places nest the same way whichever gazetteer has them.
                *last = k.clone();
            }
            let kind = match level {
                0 => Kind::Country,
                1..=3 => Kind::Region,
                _ => Kind::Village,
            };
            rows.push(Row {
                id: format!("ocha:{pcode}"),
                kind,
                name: names[0].clone(),
                lat: *lat,
                lon: *lon,
                pcode: Some(pcode.clone()),
                country: iso,
                within,
                population: None,
                names: names.clone(),
                source: "ocha".into(),
            });
        }
        Imported { format, rows, problems: self.problems, not_places: 0 }
    }
}

fn csv_table(text: &str, country_name: &dyn Fn(&str) -> Option<String>) -> Result<Imported, ImportError> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = reader.records();
    let header: Vec<String> = match records.next() {
        Some(Ok(h)) => h.iter().map(str::to_string).collect(),
        Some(Err(e)) => return Err(ImportError(format!("the header does not read as CSV: {e}"))),
        None => return Err(ImportError("empty file".into())),
    };
    if Layout::of(&header).is_none() {
        return Err(ImportError("no ADMn_PCODE column: not an OCHA administrative boundaries table".into()));
    }
    let mut units = Units::default();
    let mut unreadable = Vec::new();
    let mut rows = records.filter_map(|r| match r {
        Ok(r) => Some((r.position().map_or(0, |p| p.line() as usize), r.iter().map(str::to_string).collect())),
        Err(e) => {
            let row = e.position().map_or(0, |p| p.line() as usize);
            unreadable.push(Problem { sheet: None, row, column: None, message: format!("not CSV: {e}") });
            None
        }
    });
    units.table(None, &header, &mut rows);
    drop(rows);
    units.problems.extend(unreadable);
    units.problems.sort_by_key(|p| p.row);
    Ok(units.rows(Format::OchaCsv, country_name))
}

fn xlsx(bytes: &[u8], country_name: &dyn Fn(&str) -> Option<String>) -> Result<Imported, ImportError> {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec()))
        .map_err(|e| ImportError(format!("not a readable spreadsheet: {e}")))?;
    let mut units = Units::default();
    let mut tables = 0;
    for sheet in book.sheet_names() {
        let range = book.worksheet_range(&sheet).map_err(|e| ImportError(format!("sheet {sheet:?}: {e}")))?;
        let first = range.start().map_or(0, |(r, _)| r as usize);
        let mut it = range.rows();
        let Some(header) = it.next() else { continue };
        let header: Vec<String> = header.iter().map(|c| c.to_string()).collect();
        if Layout::of(&header).is_none() {
            continue;
        }
        tables += 1;
        let mut rows = it.enumerate().map(|(k, r)| (first + k + 2, r.iter().map(cell_text).collect()));
        units.table(Some(&sheet), &header, &mut rows);
    }
    if tables == 0 {
        return Err(ImportError(
            "no sheet has an ADMn_PCODE column: not an OCHA administrative boundaries table".into(),
        ));
    }
    Ok(units.rows(Format::OchaXlsx, country_name))
}

/// A spreadsheet cell as text: numbers as written (`12.5`, not `12.5000`).
fn cell_text(c: &calamine::Data) -> String {
    match c {
        calamine::Data::Empty => String::new(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none(_: &str) -> Option<String> {
        None
    }

    const DUMP: &str = "9001\tZorvathia\tZorvathia\tزورفاثيا\t12.5\t40.25\tA\tPCLI\tXZ\t\t00\t\t\t\t1520000\t\t412\tAfrica/Djibouti\t2025-01-15
9002\tXandrimor Province\tXandrimor Province\tXandrimor\t12.61\t40.11\tA\tADM1\tXZ\t\t01\t\t\t\t\t\t388\tAfrica/Djibouti\t2025-01-15
9003\tDrovnitz\tDrovnitz\tDrovnits,دروفنيتز\t12.65\t40.17\tP\tPPLC\tXZ\t\t01\t\t\t\t412000\t\t401\tAfrica/Djibouti\t2025-01-15
9004\tFenzubar\tFenzubar\tحي فنزوبار\t12.66\t40.19\tP\tPPLX\tXZ\t\t01\t\t\t\t\t\t399\tAfrica/Djibouti\t2025-01-15
9005\tNyxtobel Ridge\tNyxtobel Ridge\t\t12.9\t40.4\tT\tRDGE\tXZ\t\t02\t\t\t\t\t1240\t1228\tAfrica/Djibouti\t2025-01-15
9006\tYzdrahel\tYzdrahel\t\tnot-a-lat\t40.0\tP\tPPL\tXZ\t\t01\t\t\t\t500\t\t\tAfrica/Djibouti\t2025-01-15
9007\tBruxlemont\tBruxlemont\t\t12.0\t40.0\tP\tPPL\tXZ
";

    #[test]
    fn a_geonames_dump_reads_with_its_units_and_bad_rows_named() {
        let got = read("XZ.txt", DUMP.as_bytes(), &none).unwrap();
        assert_eq!(got.format, Format::GeoNames);
        let ids: Vec<&str> = got.rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["gn:9001", "gn:9002", "gn:9003", "gn:9004"]);
        let fenzubar = &got.rows[3];
        assert_eq!(fenzubar.kind, Kind::Neighbourhood);
        assert_eq!(fenzubar.within, ["Xandrimor Province", "Zorvathia"]);
        assert!(fenzubar.names.contains(&"حي فنزوبار".to_string()));
        assert_eq!(got.rows[2].kind, Kind::City);
        assert_eq!(got.not_places, 1, "a ridge is not kept");
        let problems: Vec<String> = got.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            problems,
            [
                "row 6, column 5 (latitude): \"not-a-lat\" is not a coordinate",
                "row 7: 9 columns; a GeoNames row has 19, TAB-separated"
            ]
        );
    }

    #[test]
    fn a_known_country_gets_no_row_of_its_own() {
        let known = |iso: &str| (iso == "XZ").then(|| "Zorvathia (built in)".to_string());
        let got = read("XZ.txt", DUMP.as_bytes(), &known).unwrap();
        assert!(got.rows.iter().all(|r| r.kind != Kind::Country));
        assert_eq!(got.rows[0].within, ["Zorvathia"], "the file's own name for it");
    }

    const LEGACY: &str = "ADM0_EN,ADM0_AR,ADM0_PCODE,ADM1_EN,ADM1_AR,ADM1_PCODE,ADM2_EN,ADM2_PCODE,ADM2ALT1EN,date
Zorvathia,زورفاثيا,XZ,Xandrimor,كزاندريمور,XZ01,Vyndrask,XZ0101,Vindrask,2024-06-30
Zorvathia,زورفاثيا,XZ,Xandrimor,كزاندريمور,XZ01,Glaskovex,XZ0102,,2024-06-30
Zorvathia,زورفاثيا,XZ,Brumvexa,برومفيكسا,XZ02,Quorvexis,,,2024-06-30
Zorvathia,زورفاثيا,XZ,Brumvexa
";

    #[test]
    fn an_ocha_table_reads_every_level_by_pcode() {
        let got = read("xz_adm2.csv", LEGACY.as_bytes(), &none).unwrap();
        assert_eq!(got.format, Format::OchaCsv);
        let by: HashMap<&str, &Row> = got.rows.iter().map(|r| (r.pcode.as_deref().unwrap(), r)).collect();
        assert_eq!(by.len(), 4, "a bad row is left out whole");
        assert_eq!(by["XZ"].kind, Kind::Country);
        let v = by["XZ0101"];
        assert_eq!((v.id.as_str(), v.kind, v.name.as_str()), ("ocha:XZ0101", Kind::Region, "Vyndrask"));
        assert_eq!(v.within, ["Xandrimor", "Zorvathia"]);
        assert_eq!(v.names, ["Vyndrask", "Vindrask"]);
        assert_eq!(by["XZ01"].names, ["Xandrimor", "كزاندريمور"]);
        let problems: Vec<String> = got.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            problems,
            ["row 4, column 8 (ADM2_PCODE): Quorvexis has no P-code", "row 5: 4 fields; the header has 10"]
        );
    }

    #[test]
    fn the_newer_layout_has_centres() {
        let text = "adm2_name,adm2_name1,adm2_pcode,adm1_name,adm1_pcode,adm0_name,adm0_pcode,center_lat,center_lon
Vyndrask,فيندراسك,XZ0101,Xandrimor,XZ01,Zorvathia,XZ,12.70,40.02
Glaskovex,غلاسكوفكس,XZ0102,Xandrimor,XZ01,Zorvathia,XZ,north,40.41
";
        let got = read("x.csv", text.as_bytes(), &none).unwrap();
        let v = got.rows.iter().find(|r| r.id == "ocha:XZ0101").unwrap();
        assert_eq!((v.lat, v.lon), (Some(12.7), Some(40.02)));
        assert_eq!(got.rows.iter().find(|r| r.id == "ocha:XZ01").unwrap().lat, None, "a parent has no centre here");
        assert_eq!(got.problems.len(), 1);
        assert_eq!(got.problems[0].to_string(), "row 3, column 8 (center_lat): \"north\" is not a coordinate");
    }

    /// A minimal workbook: one sheet of inline strings.
    fn xlsx(rows: &[&[&str]]) -> Vec<u8> {
        use std::io::Write;
        let mut sheet = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>",
        );
        for (r, row) in rows.iter().enumerate() {
            sheet.push_str(&format!("<row r=\"{}\">", r + 1));
            for (c, v) in row.iter().enumerate() {
                let col = (b'A' + c as u8) as char;
                sheet.push_str(&format!("<c r=\"{col}{}\" t=\"inlineStr\"><is><t>{v}</t></is></c>", r + 1));
            }
            sheet.push_str("</row>");
        }
        sheet.push_str("</sheetData></worksheet>");
        let files = [
            ("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>".to_string()),
            ("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".to_string()),
            ("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"xz_adm2\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>".to_string()),
            ("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>".to_string()),
            ("xl/worksheets/sheet1.xml", sheet),
        ];
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        for (name, body) in files {
            zip.start_file(name, opts).unwrap();
            zip.write_all(body.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn an_ocha_workbook_reads_like_its_csv() {
        let book = xlsx(&[
            &["ADM0_EN", "ADM0_PCODE", "ADM1_EN", "ADM1_AR", "ADM1_PCODE", "ADM2_EN", "ADM2_PCODE"],
            &["Zorvathia", "XZ", "Xandrimor", "كزاندريمور", "XZ01", "Vyndrask", "XZ0101"],
            &["Zorvathia", "XZ", "Xandrimor", "كزاندريمور", "XZ01", "Glaskovex", ""],
        ]);
        let got = read("xz_adminboundaries_tabulardata.xlsx", &book, &none).unwrap();
        assert_eq!(got.format, Format::OchaXlsx);
        let v = got.rows.iter().find(|r| r.id == "ocha:XZ0101").expect("the district");
        assert_eq!(v.within, ["Xandrimor", "Zorvathia"]);
        assert_eq!(got.rows.iter().find(|r| r.id == "ocha:XZ01").unwrap().names, ["Xandrimor", "كزاندريمور"]);
        let problems: Vec<String> = got.problems.iter().map(ToString::to_string).collect();
        assert_eq!(problems, ["sheet \"xz_adm2\", row 3, column 7 (ADM2_PCODE): Glaskovex has no P-code"]);
    }

    #[test]
    fn other_files_are_refused() {
        assert!(read("notes.txt", b"Just some notes, about pcodes? no.\nmore", &none).is_err());
        assert!(read("notes.txt", b"hello world", &none).is_err());
        assert!(read("x.xlsx", b"PK\x03\x04 not really a zip", &none).is_err());
    }
}
