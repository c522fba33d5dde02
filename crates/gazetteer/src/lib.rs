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
//!
//! Nothing is parsed when sitrep starts: `build.rs` turns the TSV into a
//! table of places ([`table`]) and an index of their names' keys
//! ([`index`]), both read in place from the binary. A gazetteer the analyst
//! imports (a GeoNames country dump, an OCHA administrative boundaries
//! table: [`import`]) is built into the same two blobs at run time, and a
//! [`Stack`] looks names up in it beside the built-in one.
//!
//! ```
//! use sitrep_gazetteer::{Gazetteer, Stack};
//! let g = Stack::builtin();
//! let found = g.lookup("Aleppo");
//! assert!(found.iter().any(|&(i, _)| g.entry(i).name == "Aleppo"));
//! assert!(Gazetteer::builtin().len() > 100_000);
//! ```

pub mod import;
pub mod index;
pub mod keys;
mod kind;
pub mod table;

pub use kind::Kind;
pub use table::{Entry, ParseError, Row, Within};

/// How strictly a name matched an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Exact,
    Medium,
    Skeleton,
}

/// The places and their name index.
pub struct Gazetteer {
    /// The table blob ([`table`]): compiled in for the builtin gazetteer,
    /// built when made for others.
    table: std::borrow::Cow<'static, [u8]>,
    /// The index blob ([`index`]).
    index: std::borrow::Cow<'static, [u8]>,
    /// What the gazetteer is, as records name it (`builtin`, or the
    /// imported files' digest).
    label: String,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer").field("label", &self.label).field("entries", &self.len()).finish()
    }
}

const TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/table.bin"));
const INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/index.bin"));

impl Gazetteer {
    /// The gazetteer compiled into sitrep: read in place, nothing to build.
    pub fn builtin() -> &'static Gazetteer {
        static G: Gazetteer = Gazetteer {
            table: std::borrow::Cow::Borrowed(TABLE),
            index: std::borrow::Cow::Borrowed(INDEX),
            label: String::new(),
        };
        &G
    }

    /// Reads gazetteer TSV (see [`table::parse_rows`]) and indexes it.
    pub fn parse(tsv: &str) -> Result<Gazetteer, ParseError> {
        Ok(Gazetteer::from_rows(&table::parse_rows(tsv)?, "parsed"))
    }

    /// A gazetteer of these places, named `label` in the records it helps
    /// make.
    pub fn from_rows(rows: &[Row], label: &str) -> Gazetteer {
        let names: Vec<Vec<String>> = rows.iter().map(Row::all_names).collect();
        let index = index::build(names.iter().enumerate().map(|(i, n)| (i as u32, n.as_slice())));
        Gazetteer {
            table: std::borrow::Cow::Owned(table::build(rows)),
            index: std::borrow::Cow::Owned(index),
            label: label.to_string(),
        }
    }

    /// What the gazetteer is, as records name it: empty for the builtin.
    pub fn label(&self) -> &str {
        &self.label
    }

    fn table(&self) -> table::Table<'_> {
        table::Table(&self.table)
    }

    pub fn len(&self) -> usize {
        self.table().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn entry(&self, i: u32) -> Entry<'_> {
        self.table().entry(i)
    }

    /// Every entry, in order.
    pub fn entries(&self) -> impl Iterator<Item = Entry<'_>> + '_ {
        (0..self.len() as u32).map(|i| self.entry(i))
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
    pub fn country(&self, iso: &str) -> Option<Entry<'_>> {
        self.country_index(iso).map(|i| self.entry(i))
    }

    /// Its index, for [`Gazetteer::entry`].
    pub fn country_index(&self, iso: &str) -> Option<u32> {
        self.table().country(iso)
    }

    /// The most words any name has, so callers know how far to look.
    pub fn max_words(&self) -> usize {
        self.table().max_words()
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

/// The built-in gazetteer with the analyst's own on top: one numbering
/// of entries across both (the built-in ones first), so a caller looks a
/// name up once and chooses among every place it may be.
#[derive(Clone, Copy, Debug)]
pub struct Stack<'a> {
    base: &'a Gazetteer,
    extra: Option<&'a Gazetteer>,
}

impl Stack<'static> {
    /// The built-in gazetteer alone.
    pub fn builtin() -> Stack<'static> {
        Stack { base: Gazetteer::builtin(), extra: None }
    }
}

impl<'a> Stack<'a> {
    /// `extra` beside the built-in gazetteer.
    pub fn with(extra: Option<&'a Gazetteer>) -> Stack<'a> {
        Stack { base: Gazetteer::builtin(), extra }
    }

    /// The analyst's gazetteer, if any.
    pub fn extra(&self) -> Option<&'a Gazetteer> {
        self.extra
    }

    /// Is entry `i` the analyst's?
    pub fn imported(&self, i: u32) -> bool {
        i as usize >= self.base.len()
    }

    pub fn entry(&self, i: u32) -> Entry<'a> {
        let n = self.base.len() as u32;
        match self.extra {
            Some(x) if i >= n => x.entry(i - n),
            _ => self.base.entry(i),
        }
    }

    /// Every entry a name may refer to. An imported place with the id of
    /// a built-in one (a GeoNames dump holds the cities the built-in
    /// gazetteer has) stands for it.
    pub fn lookup(&self, name: &str) -> Vec<(u32, Level)> {
        let mut out = self.base.lookup(name);
        if let Some(x) = self.extra {
            let n = self.base.len() as u32;
            let more: Vec<(u32, Level)> = x.lookup(name).into_iter().map(|(i, l)| (i + n, l)).collect();
            if !more.is_empty() {
                let ids: std::collections::HashSet<&str> = more.iter().map(|&(i, _)| self.entry(i).id).collect();
                out.retain(|&(i, _)| !ids.contains(self.base.entry(i).id));
                out.extend(more);
            }
        }
        out
    }

    pub fn may_start_arabic(&self, word: &str) -> bool {
        self.base.may_start_arabic(word) || self.extra.is_some_and(|x| x.may_start_arabic(word))
    }

    pub fn country(&self, iso: &str) -> Option<Entry<'a>> {
        self.country_index(iso).map(|i| self.entry(i))
    }

    pub fn country_index(&self, iso: &str) -> Option<u32> {
        self.base.country_index(iso).or_else(|| {
            let x = self.extra?;
            x.country_index(iso).map(|i| i + self.base.len() as u32)
        })
    }

    pub fn max_words(&self) -> usize {
        self.base.max_words().max(self.extra.map_or(0, Gazetteer::max_words))
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
        let ids = |name: &str| -> Vec<&str> { g.lookup(name).iter().map(|(i, _)| g.entry(*i).id).collect() };
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
        assert!(g.len() > 100_000);
        assert_eq!(g.country("SY").map(|e| e.name), Some("Syria"));
        assert!(g.entries().all(|e| !e.id.is_empty() && !e.name.is_empty()));
    }
}
