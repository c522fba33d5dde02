//! Publication dates as pages state them, normalized to ISO 8601.
//!
//! Metadata dates come in a few machine shapes (RFC 3339, RFC 2822 from HTTP
//! and RSS, bare dates) and some human ones (`December 14, 2016`). The
//! normalized form keeps the offset the publisher gave, because the local
//! calendar day is the one that matters for a timeline: `2016-12-14T01:00+03:00`
//! is the 14th in Aleppo although it is the 13th in UTC.

use jiff::fmt::temporal::Pieces;

/// `2016-12-14`, `2016-12-14T09:30:00`, `2016-12-14T09:30:00+03:00`, or
/// `None` when the string is not a date this reader understands.
pub fn normalize(raw: &str) -> Option<String> {
    let s = raw.trim();
    if s.is_empty() || s.len() > 100 {
        return None;
    }
    if let Ok(p) = Pieces::parse(s) {
        return Some(from_pieces(&p));
    }
    // `2016-12-14 09:30:00` with a space, as many CMSes write it.
    if s.len() > 10 && s.as_bytes()[10] == b' ' {
        let t = format!("{}T{}", &s[..10], s[11..].trim());
        if let Ok(p) = Pieces::parse(t.as_str()) {
            return Some(from_pieces(&p));
        }
    }
    if let Ok(z) = jiff::fmt::rfc2822::parse(s) {
        return Some(z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string());
    }
    human(s)
}

fn from_pieces(p: &Pieces) -> String {
    let date = p.date();
    let Some(time) = p.time() else {
        return date.to_string();
    };
    let dt = date.to_datetime(time);
    let base = dt.strftime("%Y-%m-%dT%H:%M:%S").to_string();
    match p.offset() {
        Some(jiff::fmt::temporal::PiecesOffset::Zulu) => format!("{base}Z"),
        Some(jiff::fmt::temporal::PiecesOffset::Numeric(n)) => {
            let secs = n.offset().seconds();
            let sign = if secs < 0 || n.is_negative() { '-' } else { '+' };
            let secs = secs.abs();
            format!("{base}{sign}{:02}:{:02}", secs / 3600, secs % 3600 / 60)
        }
        _ => base,
    }
}

/// Dates written for people, with or without a weekday in front.
fn human(s: &str) -> Option<String> {
    const FORMATS: [&str; 8] =
        ["%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b. %d, %Y", "%Y/%m/%d", "%d.%m.%Y"];
    let s = s.split_once(", ").filter(|(w, _)| is_weekday(w)).map(|(_, rest)| rest).unwrap_or(s);
    for f in FORMATS {
        if let Ok(tm) = jiff::fmt::strtime::parse(f, s) {
            if let Ok(d) = tm.to_date() {
                return Some(d.to_string());
            }
        }
    }
    None
}

fn is_weekday(w: &str) -> bool {
    const DAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let w = w.to_ascii_lowercase();
    DAYS.iter().any(|d| *d == w || (w.len() == 3 && d.starts_with(&w)))
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn golden_dates() {
        let cases = [
            ("2016-12-14", Some("2016-12-14")),
            ("2016-12-14T09:30:00Z", Some("2016-12-14T09:30:00Z")),
            ("2016-12-14T01:00:00+03:00", Some("2016-12-14T01:00:00+03:00")),
            ("2016-12-14 09:30:00", Some("2016-12-14T09:30:00")),
            ("Wed, 14 Dec 2016 09:30:00 GMT", Some("2016-12-14T09:30:00+00:00")),
            ("December 14, 2016", Some("2016-12-14")),
            ("Wednesday, December 14, 2016", Some("2016-12-14")),
            ("14 December 2016", Some("2016-12-14")),
            ("yesterday", None),
            ("", None),
        ];
        for (raw, want) in cases {
            assert_eq!(normalize(raw).as_deref(), want, "normalizing {raw:?}");
        }
    }
}
