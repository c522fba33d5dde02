//! The tables the exports code with, each a file under `data/` with its
//! sources: countries (ISO codes, ACLED's names and regions), Gleditsch–Ward
//! numbers and GED's country names, ACLED's regimes, how ACLED and UCDP name
//! sitrep's actors, and the words GED puts after administrative units.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The data lines of a TAB-separated table: comments, blank lines and the
/// header row (its first field is `header`) left out, each row split into
/// exactly `columns` fields (empty ones at the end may be left off).
fn rows(file: &'static str, name: &str, header: &str, columns: usize) -> Vec<Vec<&'static str>> {
    file.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter(|l| l.split('\t').next() != Some(header))
        .map(|l| {
            let mut f: Vec<&str> = l.split('\t').collect();
            assert!(f.len() <= columns, "data/{name}: at most {columns} columns in {l:?}");
            f.resize(columns, "");
            f
        })
        .collect()
}

/// A row of `data/iso3166.tsv`, with its Gleditsch–Ward entry.
#[derive(Debug)]
pub struct Country {
    pub alpha2: &'static str,
    pub alpha3: &'static str,
    pub numeric: Option<u16>,
    /// ACLED's name.
    pub name: &'static str,
    /// ACLED's region.
    pub region: &'static str,
    /// The Gleditsch–Ward number, as UCDP's `country_id`.
    pub gw: Option<u16>,
    /// The name UCDP GED gives the country, where it is not `name`.
    pub ucdp_name: Option<&'static str>,
    /// The alpha-3 of the state GED files the territory's events under.
    pub ucdp_under: Option<&'static str>,
}

pub fn countries() -> &'static HashMap<&'static str, Country> {
    static TABLE: OnceLock<HashMap<&'static str, Country>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let gw: HashMap<&str, Vec<&str>> =
            rows(include_str!("../../data/gleditsch_ward.tsv"), "gleditsch_ward.tsv", "alpha3", 5)
                .into_iter()
                .map(|f| (f[0], f))
                .collect();
        rows(include_str!("../../data/iso3166.tsv"), "iso3166.tsv", "alpha2", 5)
            .into_iter()
            .map(|f| {
                let numeric = (!f[2].is_empty())
                    .then(|| f[2].parse::<u16>().unwrap_or_else(|_| panic!("data/iso3166.tsv: numeric code in {f:?}")));
                let g = gw.get(f[1]).unwrap_or_else(|| panic!("data/gleditsch_ward.tsv: no row for {}", f[1]));
                let some = |s: &'static str| (!s.is_empty()).then_some(s);
                let country = Country {
                    alpha2: f[0],
                    alpha3: f[1],
                    numeric,
                    name: f[3],
                    region: f[4],
                    gw: some(g[1]).map(|n| n.parse().unwrap_or_else(|_| panic!("data/gleditsch_ward.tsv: {g:?}"))),
                    ucdp_name: some(g[2]),
                    ucdp_under: some(g[3]),
                };
                (f[0], country)
            })
            .collect()
    })
}

/// A country by ISO alpha-2 code, any case.
pub fn country(alpha2: &str) -> Option<&'static Country> {
    let table = countries();
    table.get(alpha2).or_else(|| table.get(alpha2.to_ascii_uppercase().as_str()))
}

pub fn country_by_alpha3(alpha3: &str) -> Option<&'static Country> {
    countries().values().find(|c| c.alpha3.eq_ignore_ascii_case(alpha3))
}

/// A row of `data/acled_regimes.tsv`.
pub struct Regime {
    pub country: &'static str,
    pub state: &'static str,
    /// First day (`YYYY-MM-DD`) or year, and the first of the next regime.
    pub from: &'static str,
    pub to: &'static str,
    pub span: &'static str,
}

fn regimes() -> &'static [Regime] {
    static TABLE: OnceLock<Vec<Regime>> = OnceLock::new();
    TABLE.get_or_init(|| {
        rows(include_str!("../../data/acled_regimes.tsv"), "acled_regimes.tsv", "country", 6)
            .into_iter()
            .map(|f| Regime { country: f[0], state: f[1], from: f[2], to: f[3], span: f[4] })
            .collect()
    })
}

/// Whether `date` (`YYYY-MM-DD`) is on or after `bound` (a day or a year).
fn on_or_after(date: &str, bound: &str) -> bool {
    if bound.len() == 4 {
        date.get(..4).is_some_and(|y| y >= bound)
    } else {
        date >= bound
    }
}

/// The regime of a country on a day.
pub fn regime(country: &str, date: &str) -> Option<&'static Regime> {
    regimes().iter().find(|r| {
        r.country.eq_ignore_ascii_case(country)
            && on_or_after(date, r.from)
            && (r.to.is_empty() || !on_or_after(date, r.to))
    })
}

/// Whether the table knows regimes of the country: then a day outside
/// them has no known span, whatever a lexicon name's years say.
pub fn has_regimes(country: &str) -> bool {
    regimes().iter().any(|r| r.country.eq_ignore_ascii_case(country))
}

/// How a state is written after "Military Forces of": the regime table's
/// form where it has one (`the United States`), else ACLED's country name.
pub fn state_name(country: &str) -> Option<&'static str> {
    regimes()
        .iter()
        .find(|r| r.country.eq_ignore_ascii_case(country))
        .map(|r| r.state)
        .or_else(|| self::country(country).map(|c| c.name))
}

/// A row of `data/acled_actors.tsv`.
pub struct ActorRow {
    pub acled: &'static str,
    pub inter: &'static str,
    pub side: &'static str,
    pub ucdp: &'static str,
}

/// Rows by `actor|COUNTRY`.
fn actor_rows() -> &'static HashMap<String, ActorRow> {
    static TABLE: OnceLock<HashMap<String, ActorRow>> = OnceLock::new();
    TABLE.get_or_init(|| {
        rows(include_str!("../../data/acled_actors.tsv"), "acled_actors.tsv", "actor", 6)
            .into_iter()
            .map(|f| {
                assert!(
                    f[3].is_empty() || super::coding::INTER.contains(&f[3]),
                    "data/acled_actors.tsv: {:?} is not one of ACLED's actor types",
                    f[3]
                );
                (format!("{}|{}", f[0], f[1]), ActorRow { acled: f[2], inter: f[3], side: f[4], ucdp: f[5] })
            })
            .collect()
    })
}

/// The row for an actor in an event in `country`: the country's own, else
/// the row for any country.
pub fn actor_row(actor: &str, country: Option<&str>) -> Option<&'static ActorRow> {
    let table = actor_rows();
    country
        .and_then(|c| table.get(&format!("{actor}|{}", c.to_ascii_uppercase())))
        .or_else(|| table.get(&format!("{actor}|*")))
}

/// The words GED writes after a country's first- and second-level units.
pub fn admin_terms(country: &str) -> Option<(&'static str, &'static str)> {
    static TABLE: OnceLock<HashMap<&'static str, (&'static str, &'static str)>> = OnceLock::new();
    TABLE
        .get_or_init(|| {
            rows(include_str!("../../data/admin_terms.tsv"), "admin_terms.tsv", "country", 3)
                .into_iter()
                .map(|f| (f[0], (f[1], f[2])))
                .collect()
        })
        .get(country.to_ascii_uppercase().as_str())
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_country_table_is_whole_and_unique() {
        let table = countries();
        assert_eq!(table.len(), 250, "249 ISO 3166-1 countries and Kosovo");
        let alpha3: HashSet<&str> = table.values().map(|c| c.alpha3).collect();
        let numeric: HashSet<u16> = table.values().filter_map(|c| c.numeric).collect();
        assert_eq!(alpha3.len(), 250);
        assert_eq!(numeric.len(), 249);
        let sy = country("SY").unwrap();
        assert_eq!((sy.alpha3, sy.numeric, sy.name, sy.region), ("SYR", Some(760), "Syria", "Middle East"));
        assert_eq!(country("af").unwrap().numeric, Some(4));
        assert_eq!(country("AF").unwrap().region, "Caucasus and Central Asia", "ACLED's region");
        assert!(table.values().all(|c| !c.region.is_empty()));
    }

    #[test]
    fn gleditsch_ward_numbers_and_ged_names() {
        let gw = |c: &str| country(c).and_then(|c| c.gw);
        assert_eq!([gw("SY"), gw("IL"), gw("RU"), gw("YE"), gw("UA")], [652, 666, 365, 678, 369].map(Some));
        assert_eq!(gw("PS"), None);
        assert_eq!(country("PS").unwrap().ucdp_under, Some("ISR"));
        assert_eq!(country("RU").unwrap().ucdp_name, Some("Russia (Soviet Union)"));
        let numbers: Vec<u16> = countries().values().filter_map(|c| c.gw).collect();
        let distinct: HashSet<u16> = numbers.iter().copied().collect();
        assert_eq!(numbers.len(), distinct.len(), "one state a number");
    }

    #[test]
    fn regimes_by_date() {
        assert_eq!(regime("SY", "2016-12-13").map(|r| r.span), Some("(2000-2024)"));
        assert!(regime("SY", "2024-12-20").is_none(), "no span seen for the Syrian forces after Assad");
        assert_eq!(regime("TR", "2019-10-09").map(|r| r.span), Some("(2016-)"));
        assert!(regime("TR", "2015-06-01").is_none());
        assert_eq!(regime("US", "2018-04-14").map(|r| r.span), Some("(2017-2021)"));
        assert_eq!(state_name("US"), Some("the United States"));
        assert_eq!(state_name("SD"), Some("Sudan"));
        for r in regimes() {
            assert!(country(r.country).is_some() && r.span.starts_with('(') && r.span.ends_with(')'));
        }
    }

    #[test]
    fn actor_rows_by_country() {
        assert_eq!(actor_row("generic-rebels", Some("SY")).map(|r| r.acled), Some("Opposition Rebels (Syria)"));
        assert!(actor_row("generic-rebels", Some("YE")).is_none());
        assert_eq!(actor_row("lb-hezbollah", Some("SY")).map(|r| r.side), Some("government"));
        assert_eq!(actor_row("lb-hezbollah", Some("LB")).map(|r| (r.side, r.ucdp)), Some(("", "Hezbollah")));
        assert_eq!(admin_terms("sy"), Some(("governorate", "district")));
    }
}
