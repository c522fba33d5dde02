//! The gazetteer: every place sitrep can put on a map.
//!
//! Syria at full depth (Who's On First places, OCHA's Aleppo city
//! neighbourhoods with their P-codes, a short hand-made list) and the world
//! (GeoNames countries, first-level regions and cities of 15,000 people or
//! more). The data is one TSV file, `data/gazetteer.tsv`, made by
//! `tools/build_gazetteer.py` and compiled into the binary, so extraction
//! needs no file at run time and a record names exactly the data that made
//! it. Sources, licences and attribution: `data/SOURCES.md`.
//!
//! Lookups go by the keys of [`keys`]: a name as written in a report finds
//! every entry whose name shares a key at the strictest level it can, and
//! the caller (the annotator) chooses among them by context.

pub mod index;
pub mod keys;

use std::sync::OnceLock;

/// What kind of place an entry is, as the record's `kind` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Country,
    Region,
    City,
    Town,
    Village,
    Neighbourhood,
    Camp,
    Other,
}

impl Kind {
    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "country" => Kind::Country,
            "region" => Kind::Region,
            "city" => Kind::City,
            "town" => Kind::Town,
            "village" => Kind::Village,
            "neighbourhood" => Kind::Neighbourhood,
            "camp" => Kind::Camp,
            "other" => Kind::Other,
            _ => return None,
        })
    }

    /// The record's word for it. Camps are `other` in the record's list
    /// of kinds but keep their own word here for display.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Country => "country",
            Kind::Region => "region",
            Kind::City => "city",
            Kind::Town => "town",
            Kind::Village => "village",
            Kind::Neighbourhood => "neighbourhood",
            Kind::Camp => "other",
            Kind::Other => "other",
        }
    }
}

/// One place.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// `wof:…`, `ocha:…`, `gn:…` or `x:…` (hand-made).
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
    /// Every name the place goes by, `|`-joined as in the data (see
    /// [`Entry::names`]).
    names: String,
    /// `wof`, `ocha`, `geonames` or `hand`.
    pub source: String,
}

impl Entry {
    /// Every name the place goes by, the preferred English one first.
    pub fn names(&self) -> Vec<String> {
        let mut out: Vec<String> =
            self.names.split('|').map(str::trim).filter(|x| !x.is_empty()).map(str::to_string).collect();
        if !out.contains(&self.name) {
            out.insert(0, self.name.clone());
        }
        out
    }
}

/// How strictly a name matched an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Exact,
    Medium,
    Skeleton,
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

/// The places and their name index.
#[derive(Debug, Default)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    /// The index blob (`index.rs`): compiled in for the builtin
    /// gazetteer, built at parse time for others.
    index: std::borrow::Cow<'static, [u8]>,
    /// The most words any name has, so callers know how far to look.
    max_words: usize,
    /// ISO code → the country's entry.
    countries: std::collections::HashMap<String, u32>,
}

const DATA: &str = include_str!("../data/gazetteer.tsv");
const INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/index.bin"));

impl Gazetteer {
    /// The gazetteer compiled into sitrep, parsed and indexed on first use.
    pub fn builtin() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            let mut g = Gazetteer::entries_of(DATA).expect("the compiled-in gazetteer parses (checked by a test)");
            g.index = std::borrow::Cow::Borrowed(INDEX);
            g
        })
    }

    /// Reads gazetteer TSV: a header line, then one place a line with the
    /// columns `id kind name lat lon pcode country within population names
    /// source`; `#` lines are comments.
    pub fn parse(tsv: &str) -> Result<Gazetteer, ParseError> {
        let mut g = Gazetteer::entries_of(tsv)?;
        let names: Vec<Vec<String>> = g.entries.iter().map(Entry::names).collect();
        let blob = index::build(names.iter().enumerate().map(|(i, n)| (i as u32, n.as_slice())));
        g.index = std::borrow::Cow::Owned(blob);
        Ok(g)
    }

    /// The entries of gazetteer TSV, without the index.
    fn entries_of(tsv: &str) -> Result<Gazetteer, ParseError> {
        let mut g = Gazetteer::default();
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
                    Ok(None)
                } else {
                    s.parse().map(Some).map_err(|_| err(format!("bad coordinate {s:?}")))
                }
            };
            let list = |s: &str| -> Vec<String> {
                s.split('|').map(str::trim).filter(|x| !x.is_empty()).map(str::to_string).collect()
            };
            g.entries.push(Entry {
                id: f[0].to_string(),
                kind,
                name: f[2].to_string(),
                lat: coord(f[3])?,
                lon: coord(f[4])?,
                pcode: (!f[5].is_empty()).then(|| f[5].to_string()),
                country: f[6].to_string(),
                within: list(f[7]),
                population: f[8].parse().ok(),
                names: f[9].to_string(),
                source: f[10].to_string(),
            });
        }
        g.countries = g
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == Kind::Country)
            .map(|(i, e)| (e.country.clone(), i as u32))
            .collect();
        g.max_words = g
            .entries
            .iter()
            .flat_map(|e| e.names.split('|').chain(std::iter::once(e.name.as_str())))
            .map(|n| n.split_whitespace().count())
            .max()
            .unwrap_or(1);
        Ok(g)
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn entry(&self, i: u32) -> &Entry {
        &self.entries[i as usize]
    }

    /// Can an Arabic name start with this word (as written, clitics and
    /// article included)?
    pub fn may_start_arabic(&self, word: &str) -> bool {
        keys::arabic_words(word).first().is_some_and(|w| self.idx().contains(index::ARABIC_HEADS, w))
    }

    fn idx(&self) -> index::Index<'_> {
        index::Index(&self.index)
    }

    /// The entry of the country with this ISO 3166-1 alpha-2 code.
    pub fn country(&self, iso: &str) -> Option<&Entry> {
        self.countries.get(iso).map(|&i| &self.entries[i as usize])
    }

    /// Its index, for [`Gazetteer::entry`].
    pub fn country_index(&self, iso: &str) -> Option<u32> {
        self.countries.get(iso).copied()
    }

    pub fn max_words(&self) -> usize {
        self.max_words
    }

    /// Every entry a name may refer to, each with the strictest level at
    /// which it matched.
    pub fn lookup(&self, name: &str) -> Vec<(u32, Level)> {
        let k = keys::keys(name);
        let ix = self.idx();
        let mut out: Vec<(u32, Level)> = Vec::new();
        let mut add = |ids: &mut dyn Iterator<Item = u32>, level: Level| {
            for i in ids {
                if !out.iter().any(|(j, _)| *j == i) {
                    out.push((i, level));
                }
            }
        };
        if let Some(x) = &k.exact {
            add(&mut ix.get(index::EXACT, x), Level::Exact);
            // The text's exact key may be a gazetteer name's medium form
            // (`Foua` against `Fu'ah`).
            add(&mut ix.get(index::MEDIUM, x), Level::Medium);
        }
        for m in &k.medium {
            add(&mut ix.get(index::EXACT, m), Level::Medium);
            add(&mut ix.get(index::MEDIUM, m), Level::Medium);
        }
        for s in &k.skeleton {
            add(&mut ix.get(index::SKELETON, s), Level::Skeleton);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "id\tkind\tname\tlat\tlon\tpcode\tcountry\twithin\tpopulation\tnames\tsource
wof:1\tcountry\tSyria\t35.0\t38.3\t\tSY\t\t17000000\tSyria|Syrian Arab Republic|سوريا\twof
wof:2\tcity\tAleppo\t36.2\t37.16\t\tSY\tJebel Saman|Aleppo|Syria\t1800000\tAleppo|Halab|حلب\twof
ocha:N0203\tneighbourhood\tSayf Ad-Dauleh\t36.19\t37.127\tN0203\tSY\tAleppo|Syria\t\tSayf Ad-Dauleh|سيف الدولة\tocha
wof:3\tvillage\tJibrin\t35.17\t36.78\t\tSY\tHama|Hama|Syria\t\tJibrin\twof
";

    #[test]
    fn names_find_their_places_however_they_are_spelled() {
        let g = Gazetteer::parse(SAMPLE).unwrap();
        let ids = |name: &str| -> Vec<&str> { g.lookup(name).iter().map(|(i, _)| g.entry(*i).id.as_str()).collect() };
        assert_eq!(ids("Syrian Arab Republic"), ["wof:1"]);
        assert_eq!(ids("سورية"), Vec::<&str>::new(), "taa marbuta folds to haa, not to alef");
        assert_eq!(ids("حلب"), ["wof:2"]);
        assert_eq!(ids("Saif al-Dowla"), ["ocha:N0203"]);
        assert_eq!(ids("سيف الدوله"), ["ocha:N0203"]);
        assert_eq!(g.lookup("Jabrin"), [(3, Level::Skeleton)]);
        assert_eq!(g.lookup("Jibrin"), [(3, Level::Exact)]);
    }

    #[test]
    fn bad_lines_are_named() {
        let err = Gazetteer::parse("header\nwof:1\tcountry\tSyria\n").unwrap_err();
        assert_eq!(err.line, 2);
        let err = Gazetteer::parse("header\nx\tplanet\tX\t\t\t\t\t\t\t\thand\n").unwrap_err();
        assert!(err.message.contains("planet"));
    }

    #[test]
    fn the_builtin_gazetteer_parses() {
        let g = Gazetteer::builtin();
        assert!(g.entries().len() > 10_000);
    }
}
