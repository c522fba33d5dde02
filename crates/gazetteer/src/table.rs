//! The places themselves as one byte blob, read in place: the gazetteer
//! compiled into the binary is never parsed at run time.
//!
//! `build.rs` reads `data/gazetteer.tsv` with [`parse_rows`] (a bad line
//! fails the build with its number) and writes [`build`]'s blob; a
//! gazetteer made at run time (an imported one) builds the same blob in
//! memory, so both are read by one [`Table`].
//!
//! Layout, integers little-endian: a header of six `u32` (magic, entry
//! count, the most words any name has, country count, where the records
//! start, where the text starts); the country table (entry numbers,
//! sorted by ISO code); one 24-byte record per entry (text offset, text
//! length, latitude and longitude in 1e-5 degrees as `i32`, population,
//! kind); then the text: per entry its id, name, country, parents, names,
//! P-code and source, TAB-separated, the lists `|`-joined as in the TSV.

use crate::Kind;

const MAGIC: u32 = u32::from_le_bytes(*b"SGZ1");
const HEADER: usize = 6 * 4;
const RECORD: usize = 24;
/// An absent coordinate or population.
const NONE_I32: i32 = i32::MIN;
const NONE_U32: u32 = u32::MAX;

/// One place as data: a TSV line, a row of an imported file.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// `wof:…`, `ocha:…`, `gn:…`, `x:…` (hand-made).
    pub id: String,
    pub kind: Kind,
    pub name: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub pcode: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// Parents, most specific first, ending with the country's name.
    pub within: Vec<String>,
    pub population: Option<u64>,
    /// Every name, the preferred one first.
    pub names: Vec<String>,
    /// `wof`, `ocha`, `geonames`, `hand`, or the imported file's format.
    pub source: String,
}

impl Row {
    /// Every name the place goes by, the preferred one first.
    pub fn all_names(&self) -> Vec<String> {
        let mut out = self.names.clone();
        if !out.contains(&self.name) {
            out.insert(0, self.name.clone());
        }
        out
    }
}

/// A bad line in gazetteer data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "gazetteer line {}: {}", self.line, self.message)
    }
}

fn clean_list(s: &str) -> Vec<String> {
    s.split('|').map(str::trim).filter(|x| !x.is_empty()).map(str::to_string).collect()
}

/// Reads gazetteer TSV: a header line, then one place a line with the
/// columns `id kind name lat lon pcode country within population names
/// source`; `#` lines are comments.
pub fn parse_rows(tsv: &str) -> Result<Vec<Row>, ParseError> {
    let mut rows = Vec::new();
    for (n, line) in tsv.lines().enumerate() {
        if n == 0 || line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |message: String| ParseError { line: n + 1, message };
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 11 {
            return Err(err(format!("{} columns, expected 11", f.len())));
        }
        let kind = Kind::parse(f[1]).ok_or_else(|| err(format!("unknown kind {:?}", f[1])))?;
        let coord = |s: &str| -> Result<Option<f64>, ParseError> {
            if s.is_empty() {
                return Ok(None);
            }
            match s.parse::<f64>() {
                Ok(v) if v.is_finite() && v.abs() <= 180.0 => Ok(Some(v)),
                _ => Err(err(format!("bad coordinate {s:?}"))),
            }
        };
        if f[0].is_empty() || f[2].is_empty() {
            return Err(err("a place needs an id and a name".into()));
        }
        rows.push(Row {
            id: f[0].to_string(),
            kind,
            name: f[2].to_string(),
            lat: coord(f[3])?,
            lon: coord(f[4])?,
            pcode: (!f[5].is_empty()).then(|| f[5].to_string()),
            country: f[6].to_string(),
            within: clean_list(f[7]),
            population: f[8].parse().ok(),
            names: clean_list(f[9]),
            source: f[10].to_string(),
        });
    }
    Ok(rows)
}

fn kind_code(k: Kind) -> u32 {
    match k {
        Kind::Country => 0,
        Kind::Region => 1,
        Kind::City => 2,
        Kind::Town => 3,
        Kind::Village => 4,
        Kind::Neighbourhood => 5,
        Kind::Camp => 6,
        Kind::Other => 7,
        Kind::Facility => 8,
        Kind::Road => 9,
    }
}

fn kind_of(code: u32) -> Kind {
    match code {
        0 => Kind::Country,
        1 => Kind::Region,
        2 => Kind::City,
        3 => Kind::Town,
        4 => Kind::Village,
        5 => Kind::Neighbourhood,
        6 => Kind::Camp,
        8 => Kind::Facility,
        9 => Kind::Road,
        _ => Kind::Other,
    }
}

/// No TAB or `|` inside a field: they separate fields and names.
fn field(s: &str) -> String {
    s.replace(['\t', '|', '\n', '\r'], " ")
}

/// How many words a name has, as `Gazetteer::max_words` counts them.
fn words(name: &str) -> usize {
    name.split_whitespace().count()
}

/// Builds the blob of `rows`, in their order.
pub fn build(rows: &[Row]) -> Vec<u8> {
    let mut text: Vec<u8> = Vec::new();
    let mut records: Vec<u8> = Vec::with_capacity(rows.len() * RECORD);
    let mut max_words = 1;
    let put = |v: &mut Vec<u8>, x: u32| v.extend_from_slice(&x.to_le_bytes());
    let coord = |c: Option<f64>| c.map_or(NONE_I32, |v| (v * 1e5).round() as i32);
    for r in rows {
        let names: Vec<String> = r.all_names().iter().map(|n| field(n)).collect();
        max_words = names.iter().map(|n| words(n)).fold(max_words, usize::max);
        let within: Vec<String> = r.within.iter().map(|w| field(w)).collect();
        let block = [
            field(&r.id),
            field(&r.name),
            field(&r.country),
            within.join("|"),
            names.join("|"),
            r.pcode.as_deref().map(field).unwrap_or_default(),
            field(&r.source),
        ]
        .join("\t");
        put(&mut records, text.len() as u32);
        put(&mut records, block.len() as u32);
        records.extend_from_slice(&coord(r.lat).to_le_bytes());
        records.extend_from_slice(&coord(r.lon).to_le_bytes());
        put(&mut records, r.population.map_or(NONE_U32, |p| p.min(u64::from(NONE_U32 - 1)) as u32));
        put(&mut records, kind_code(r.kind));
        text.extend_from_slice(block.as_bytes());
    }
    let mut countries: Vec<u32> =
        rows.iter().enumerate().filter(|(_, r)| r.kind == Kind::Country).map(|(i, _)| i as u32).collect();
    // The first country row of a code answers for it.
    countries.sort_by(|&a, &b| rows[a as usize].country.cmp(&rows[b as usize].country).then(a.cmp(&b)));
    countries.dedup_by(|a, b| rows[*a as usize].country == rows[*b as usize].country);
    let records_at = HEADER + countries.len() * 4;
    let text_at = records_at + records.len();
    let mut out = Vec::with_capacity(text_at + text.len());
    for v in [MAGIC, rows.len() as u32, max_words as u32, countries.len() as u32, records_at as u32, text_at as u32] {
        put(&mut out, v);
    }
    for c in countries {
        put(&mut out, c);
    }
    out.extend_from_slice(&records);
    out.extend_from_slice(&text);
    out
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

/// A view of the blob.
#[derive(Clone, Copy, Debug)]
pub struct Table<'a>(pub &'a [u8]);

/// A place as the table holds it: borrowed, made in a few nanoseconds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Entry<'a> {
    /// `wof:…`, `ocha:…`, `gn:…` or `x:…` (hand-made).
    pub id: &'a str,
    pub kind: Kind,
    pub name: &'a str,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub pcode: Option<&'a str>,
    /// ISO 3166-1 alpha-2.
    pub country: &'a str,
    /// Parents, most specific first, ending with the country's name.
    pub within: Within<'a>,
    pub population: Option<u64>,
    /// Every name, `|`-joined, the preferred one first.
    names: &'a str,
    /// `wof`, `ocha`, `geonames`, `hand`, or an imported file's format.
    pub source: &'a str,
}

impl<'a> Entry<'a> {
    /// Every name the place goes by, the preferred one first.
    pub fn names(&self) -> impl Iterator<Item = &'a str> + 'a {
        self.names.split('|').filter(|n| !n.is_empty())
    }

    /// The entry as an owned row.
    pub fn to_row(self) -> Row {
        Row {
            id: self.id.to_string(),
            kind: self.kind,
            name: self.name.to_string(),
            lat: self.lat,
            lon: self.lon,
            pcode: self.pcode.map(str::to_string),
            country: self.country.to_string(),
            within: self.within.to_vec(),
            population: self.population,
            names: self.names().map(str::to_string).collect(),
            source: self.source.to_string(),
        }
    }
}

/// An entry's parents, most specific first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Within<'a>(&'a str);

impl<'a> Within<'a> {
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &'a str> + 'a {
        self.0.split('|').filter(|w| !w.is_empty())
    }
    pub fn len(&self) -> usize {
        self.iter().count()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn first(&self) -> Option<&'a str> {
        self.iter().next()
    }
    pub fn contains(&self, name: &str) -> bool {
        self.iter().any(|w| w == name)
    }
    pub fn to_vec(self) -> Vec<String> {
        self.iter().map(str::to_string).collect()
    }
}

impl<'a> Table<'a> {
    /// Is this a table blob at all (an imported gazetteer's bytes read
    /// back)?
    pub fn valid(b: &[u8]) -> bool {
        b.len() >= HEADER && u32_at(b, 0) == MAGIC && (u32_at(b, 20) as usize) <= b.len()
    }

    pub fn len(&self) -> usize {
        u32_at(self.0, 4) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn max_words(&self) -> usize {
        u32_at(self.0, 8) as usize
    }

    /// Entry `i` (`i < len()`).
    pub fn entry(&self, i: u32) -> Entry<'a> {
        let b = self.0;
        let at = u32_at(b, 16) as usize + i as usize * RECORD;
        let text_at = u32_at(b, 20) as usize;
        let (off, len) = (u32_at(b, at) as usize, u32_at(b, at + 4) as usize);
        // Written from `&str` fields joined by ASCII TABs, so valid UTF-8.
        let block = std::str::from_utf8(&b[text_at + off..text_at + off + len]).unwrap_or("");
        let mut f = block.split('\t');
        let mut next = || f.next().unwrap_or("");
        let (id, name, country, within, names, pcode, source) =
            (next(), next(), next(), next(), next(), next(), next());
        let coord = |v: i32| (v != NONE_I32).then(|| f64::from(v) / 1e5);
        let pop = u32_at(b, at + 16);
        Entry {
            id,
            kind: kind_of(u32_at(b, at + 20)),
            name,
            lat: coord(u32_at(b, at + 8) as i32),
            lon: coord(u32_at(b, at + 12) as i32),
            pcode: (!pcode.is_empty()).then_some(pcode),
            country,
            within: Within(within),
            population: (pop != NONE_U32).then_some(u64::from(pop)),
            names,
            source,
        }
    }

    /// The entry number of the country with this code.
    pub fn country(&self, iso: &str) -> Option<u32> {
        let b = self.0;
        let n = u32_at(b, 12) as usize;
        let at = |k: usize| u32_at(b, HEADER + k * 4);
        let (mut lo, mut hi) = (0, n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.entry(at(mid)).country.cmp(iso) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(at(mid)),
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_come_back_as_they_went_in() {
        let rows = parse_rows(
            "header\n\
             gn:1\tcountry\tLebanon\t33.9\t35.5\t\tLB\t\t6000000\tLebanon|لبنان\tgeonames\n\
             ocha:LB11\tregion\tBeirut\t33.89333\t-35.50157\tLB11\tLB\tLebanon\t\tBeirut|بيروت\tocha\n",
        )
        .unwrap();
        let blob = build(&rows);
        let t = Table(&blob);
        assert_eq!(t.len(), 2);
        assert_eq!(t.entry(1).to_row(), rows[1]);
        assert_eq!(t.entry(1).lon, Some(-35.50157));
        assert_eq!(t.entry(0).population, Some(6_000_000));
        assert_eq!(t.entry(1).population, None);
        assert_eq!(t.country("LB"), Some(0));
        assert_eq!(t.country("SY"), None);
        assert!(Table::valid(&blob));
    }
}
