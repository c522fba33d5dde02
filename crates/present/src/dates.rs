//! Dates as readers write them, and the day arithmetic charts need.
//!
//! Records write dates as `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a time may
//! follow a day). Every calendar question (is this a day, how many days
//! apart, which month) goes to jiff; a value that names no real day
//! (`2016-02-31`) is no date: it is shown as written and never placed on a
//! chart.
//!
//! ```
//! use sitrep_present::dates;
//! assert_eq!(dates::written("2016-12-13T10:30"), "13 Dec 2016 10:30");
//! assert_eq!(dates::span("2016-11-30", "2016-12-02"), "30 Nov – 2 Dec 2016");
//! assert_eq!(dates::written("2016-02-31"), "2016-02-31");
//! assert_eq!(dates::day_number("2016-02-31"), None);
//! ```

pub use jiff::civil::Date;

/// A date as precise as its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    Year(i16),
    Month(i16, i8),
    Day(Date),
}

impl When {
    /// The first day it covers.
    pub fn first_day(self) -> Date {
        match self {
            When::Year(y) => Date::new(y, 1, 1),
            When::Month(y, m) => Date::new(y, m, 1),
            When::Day(d) => Ok(d),
        }
        .expect("years and months parse() accepts have a first day")
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (anything after is ignored), when it
/// names a real year, month or day.
pub fn parse(s: &str) -> Option<When> {
    let s = s.trim();
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let y: i16 = s.get(..4).filter(|p| digits(p))?.parse().ok()?;
    let rest = &s[4..];
    if rest.is_empty() {
        // A year jiff can hold (it holds every four-digit one from 0000).
        Date::new(y, 1, 1).ok()?;
        return Some(When::Year(y));
    }
    let m: i8 = rest.strip_prefix('-')?.get(..2).filter(|p| digits(p))?.parse().ok()?;
    Date::new(y, m, 1).ok()?;
    let rest = &rest[3..];
    if rest.is_empty() {
        return Some(When::Month(y, m));
    }
    let d: i8 = rest.strip_prefix('-')?.get(..2).filter(|p| digits(p))?.parse().ok()?;
    Date::new(y, m, d).ok().map(When::Day)
}

/// The day `year-month-day`, when there is one.
pub fn day(year: i32, month: u32, day: u32) -> Option<Date> {
    Date::new(i16::try_from(year).ok()?, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// The last day of a month: `2016-02` ends on the 29th.
pub fn month_end(year: i32, month: u32) -> Option<Date> {
    day(year, month, 1).map(|d| d.last_of_month())
}

fn epoch() -> Date {
    jiff::civil::date(1970, 1, 1)
}

/// Days since 1970-01-01 of a date's first day.
pub fn day_number(s: &str) -> Option<i64> {
    parse(s).map(|w| days_since_epoch(w.first_day()))
}

/// Days since 1970-01-01.
pub fn days_since_epoch(d: Date) -> i64 {
    i64::from(d.since(epoch()).expect("days between two dates jiff holds").get_days())
}

/// The day `n` days after 1970-01-01, when jiff holds it.
pub fn from_day_number(n: i64) -> Option<Date> {
    epoch().checked_add(jiff::Span::new().try_days(n).ok()?).ok()
}

/// `YYYY-MM-DD` of a day number.
pub fn iso(n: i64) -> String {
    from_day_number(n).map_or_else(String::new, |d| d.to_string())
}

/// Months since the year 0 (January 0000 is 0) of a day number.
pub fn month_index(n: i64) -> Option<i64> {
    let d = from_day_number(n)?;
    Some(i64::from(d.year()) * 12 + i64::from(d.month()) - 1)
}

/// The day number of the first day of a month index.
pub fn month_start(index: i64) -> Option<i64> {
    let year = i16::try_from(index.div_euclid(12)).ok()?;
    let month = i8::try_from(index.rem_euclid(12) + 1).ok()?;
    Date::new(year, month, 1).ok().map(days_since_epoch)
}

/// `Dec`.
pub fn month_abbr(d: Date) -> String {
    d.strftime("%b").to_string()
}

/// `December`.
pub fn month_name(d: Date) -> String {
    d.strftime("%B").to_string()
}

/// `13 Dec 2016`, `Dec 2016`, `2016`; a time after a day is kept;
/// anything else as written.
pub fn written(s: &str) -> String {
    match parse(s) {
        Some(When::Day(d)) => {
            let mut out = format!("{} {} {}", d.day(), month_abbr(d), d.year());
            let time = s.trim().get(10..).unwrap_or("");
            if let Some(t) = time.strip_prefix('T').or_else(|| time.strip_prefix(' ')) {
                if t.len() >= 5 && t.as_bytes()[2] == b':' {
                    out.push(' ');
                    out.push_str(&t[..5]);
                }
            }
            out
        }
        Some(When::Month(y, m)) => format!("{} {y}", month_abbr(Date::new(y, m, 1).expect("parse checked it"))),
        Some(When::Year(y)) => y.to_string(),
        None => s.to_string(),
    }
}

/// `13–15 Dec 2016`, `30 Nov – 2 Dec 2016`, or one date, or two as
/// [`written`] with a dash between.
pub fn span(from: &str, to: &str) -> String {
    if from == to {
        return written(from);
    }
    match (parse(from), parse(to)) {
        (Some(When::Day(a)), Some(When::Day(b))) if a.year() == b.year() && from.len() == 10 && to.len() == 10 => {
            if a.month() == b.month() {
                format!("{}–{} {} {}", a.day(), b.day(), month_abbr(a), a.year())
            } else {
                format!("{} {} – {} {} {}", a.day(), month_abbr(a), b.day(), month_abbr(b), a.year())
            }
        }
        _ => format!("{} – {}", written(from), written(to)),
    }
}

/// `2016-12-01 – 2016-12-05`, one date, or `undated`: dates as the record
/// writes them, for lines that list many.
pub fn span_as_written(from: Option<&str>, to: Option<&str>) -> String {
    match (from, to) {
        (Some(a), Some(b)) if a != b => format!("{a} – {b}"),
        (Some(a), _) | (None, Some(a)) => a.to_string(),
        _ => "undated".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_readers_write_them() {
        assert_eq!(written("2016-12-13"), "13 Dec 2016");
        assert_eq!(written("2016-12"), "Dec 2016");
        assert_eq!(written("2016"), "2016");
        assert_eq!(written("2016-12-13T10:30"), "13 Dec 2016 10:30");
        assert_eq!(written("soon"), "soon");
        assert_eq!(span("2016-12-13", "2016-12-15"), "13–15 Dec 2016");
        assert_eq!(span("2016-11-30", "2016-12-02"), "30 Nov – 2 Dec 2016");
        assert_eq!(span("2015-12-30", "2016-01-02"), "30 Dec 2015 – 2 Jan 2016");
        assert_eq!(span("2016-12", "2016-12-02"), "Dec 2016 – 2 Dec 2016");
        assert_eq!(span_as_written(Some("2016-12-01"), Some("2016-12-05")), "2016-12-01 – 2016-12-05");
        assert_eq!(span_as_written(None, None), "undated");
    }

    #[test]
    fn impossible_dates_are_no_dates() {
        for s in ["2016-02-30", "2015-02-29", "2016-04-31", "2016-13", "2016-00-10", "2016-12-32"] {
            assert_eq!(parse(s), None, "{s}");
            assert_eq!(day_number(s), None, "{s}");
            assert_eq!(written(s), s, "{s}");
        }
        assert_eq!(month_end(2016, 2).map(|d| d.day()), Some(29));
        assert_eq!(month_end(2015, 2).map(|d| d.day()), Some(28));
        assert!(day(2016, 2, 29).is_some() && day(2015, 2, 29).is_none() && day(2016, 2, 300).is_none());
        assert_eq!(parse("2016-02-29").map(|w| w.first_day().to_string()).as_deref(), Some("2016-02-29"));
        // Two impossible ends are shown as written.
        assert_eq!(span("2016-02-30", "2016-02-31"), "2016-02-30 – 2016-02-31");
    }

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2016-12-13"), Some(17_148));
        assert_eq!(day_number("2016-12"), day_number("2016-12-01"));
        assert_eq!(day_number("2016"), day_number("2016-01-01"));
        for n in [-800_000, -1, 0, 17_148, 800_000] {
            let d = from_day_number(n).unwrap();
            assert_eq!(days_since_epoch(d), n);
        }
        assert_eq!(iso(17_148), "2016-12-13");
        let m = month_index(17_148).unwrap();
        assert_eq!(iso(month_start(m).unwrap()), "2016-12-01");
        assert_eq!(iso(month_start(m + 1).unwrap()), "2017-01-01");
        assert_eq!(month_name(jiff::civil::date(2016, 12, 13)), "December");
    }
}
