//! The conflict calendar: which regions saw recorded fighting in which
//! months (`data/conflict_calendar.tsv`, counted from UCDP GED events;
//! provenance in `data/CONFLICT_CALENDAR.md`).
//!
//! It answers one question the text cannot: the year of a report that
//! names a day but no year ("said on Tuesday … families leave the
//! district, Dec. 13"). The candidates are the years in which the regions
//! the report names saw events that month; the weekdays it names keep only
//! the years where the day falls on one of them. One year left is the
//! answer, and the document date is marked `inferred`; more than one, and
//! sitrep says nothing rather than guess. The bundled calendar is a sample
//! (see its README); with the full GED it answers for any conflict.

use crate::dates::Yearless;
use jiff::civil::Date;
use sitrep_gazetteer::keys::keys;
use std::collections::BTreeMap;
use std::sync::OnceLock;

struct Row {
    country: &'static str,
    /// Exact key of the region's name.
    region: String,
    year: i16,
    month: i8,
    events: u32,
}

fn calendar() -> &'static [Row] {
    static ROWS: OnceLock<Vec<Row>> = OnceLock::new();
    ROWS.get_or_init(|| {
        crate::lexicon::conflict_calendar::CONFLICT_CALENDAR
            .iter()
            .map(|m| Row {
                country: m.country,
                region: keys(m.region).exact.unwrap_or_default(),
                year: m.year,
                month: m.month,
                events: m.events,
            })
            .collect()
    })
}

/// A place the document names: its country and the names of it and its
/// parents short of the country.
pub struct Where {
    pub country: String,
    pub names: Vec<String>,
}

/// The year of a year-less day, from the regions a document names.
pub fn date_for(day: &Yearless, places: &[Where]) -> Option<Date> {
    let rows = calendar();
    let mut region_keys: Vec<(String, String)> = Vec::new();
    for w in places {
        for n in &w.names {
            if let Some(k) = keys(n).exact {
                region_keys.push((w.country.clone(), k));
            }
        }
    }
    let countries: Vec<&str> = places.iter().map(|w| w.country.as_str()).collect();
    let in_month = |r: &&Row| r.month == day.month;
    let regional: Vec<&Row> = rows
        .iter()
        .filter(in_month)
        .filter(|r| region_keys.iter().any(|(c, k)| c == r.country && *k == r.region))
        .collect();
    // No event in any region it names: the countries it names.
    let chosen: Vec<&Row> = if regional.is_empty() {
        rows.iter().filter(in_month).filter(|r| countries.contains(&r.country)).collect()
    } else {
        regional
    };
    let mut by_year: BTreeMap<i16, u32> = BTreeMap::new();
    for r in chosen {
        *by_year.entry(r.year).or_default() += r.events;
    }
    let fits: Vec<Date> = by_year
        .keys()
        .filter_map(|&y| Date::new(y, day.month, day.day).ok())
        .filter(|d| day.weekdays.is_empty() || day.weekdays.contains(&d.weekday()))
        .collect();
    match fits.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::Weekday;

    fn aleppo() -> Vec<Where> {
        vec![Where { country: "SY".into(), names: vec!["Jebel Saman".into(), "Aleppo".into()] }]
    }

    #[test]
    fn the_weekday_picks_the_year_the_region_saw_fighting() {
        // Aleppo saw fighting in December 2016 and December 2017; 13
        // December was a Tuesday only in 2016, a Wednesday in 2017.
        let tuesday = Yearless { month: 12, day: 13, weekdays: vec![Weekday::Tuesday] };
        assert_eq!(date_for(&tuesday, &aleppo()), Some(jiff::civil::date(2016, 12, 13)));
        let wednesday = Yearless { month: 12, day: 13, weekdays: vec![Weekday::Wednesday] };
        assert_eq!(date_for(&wednesday, &aleppo()), Some(jiff::civil::date(2017, 12, 13)));
    }

    #[test]
    fn no_single_year_no_date() {
        // Two years fit and no weekday narrows them.
        let day = Yearless { month: 12, day: 13, weekdays: vec![] };
        assert_eq!(date_for(&day, &aleppo()), None);
        // A weekday that fits no year with recorded fighting.
        let friday = Yearless { month: 12, day: 13, weekdays: vec![Weekday::Friday] };
        assert_eq!(date_for(&friday, &aleppo()), None);
        // No place, no year.
        let tuesday = Yearless { month: 12, day: 13, weekdays: vec![Weekday::Tuesday] };
        assert_eq!(date_for(&tuesday, &[]), None);
    }

    #[test]
    fn the_calendar_parses() {
        assert!(calendar().len() > 100);
        assert!(calendar().iter().all(|r| (1..=12).contains(&r.month) && r.events > 0));
    }
}
