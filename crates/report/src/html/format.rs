//! How the report writes what it shows: anchors, numbers, ranges, dates,
//! events and languages. The rules shared with every output are the
//! presentation library's; the report takes its typographic variants.

use sitrep_link::{Claim, ClaimGroup, Evidence, LinkedEvent, Range};
use sitrep_present::{dates, evidence, numbers, text};
use sitrep_record::{DocId, Qualifier};

pub(super) use sitrep_present::direction::{script, Script};
pub(super) use sitrep_present::html::{esc, lang_attrs, text as t};

/// An event's ACLED type, `Other` when it has none.
pub fn event_type(e: &LinkedEvent) -> String {
    let t = e.acled.event_type.trim();
    if t.is_empty() {
        "Other".into()
    } else {
        t.into()
    }
}

/// An event's ACLED sub-type, else its own type in words.
pub fn sub_type(e: &LinkedEvent) -> String {
    let s = e.acled.sub_event_type.trim();
    if !s.is_empty() {
        return s.into();
    }
    let k = e.kind.trim();
    if k.is_empty() {
        "event".into()
    } else {
        capitalize(k)
    }
}

pub(super) fn language_name(code: &str) -> String {
    match code {
        "ar" => "Arabic".into(),
        "en" => "English".into(),
        "fr" => "French".into(),
        "tr" => "Turkish".into(),
        "ku" => "Kurdish".into(),
        "fa" => "Persian".into(),
        "he" => "Hebrew".into(),
        "ru" => "Russian".into(),
        "" => "Language not known".into(),
        other => other.into(),
    }
}

// -------------------------------------------------------------- evidence

/// `ev-<12 hex of the document>-<start>-<end>`.
pub(super) fn ev_anchor(e: &Evidence) -> String {
    anchor("ev", &format!("{}-{}-{}", DocId::short_of(&e.doc), e.span[0], e.span[1]))
}

pub(super) fn doc_anchor(id: &str) -> String {
    anchor("doc", DocId::short_of(id))
}

pub(super) fn short_doc(id: &str) -> String {
    format!("sha256:{}…", DocId::short_of(id))
}

/// An id safe in `id` and `href="#…"`: letters, digits, `-`, `_`, `.`.
pub fn anchor(prefix: &str, id: &str) -> String {
    let safe: String =
        id.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' }).collect();
    format!("{prefix}-{safe}")
}

/// The sentence with the span's words marked; long sentences are cut
/// around the span.
pub(super) fn context_html(e: &Evidence) -> String {
    evidence::report_html(&e.context, &e.text, e.at)
}

pub(super) fn is_web_url(u: &str) -> bool {
    let l = u.trim_start().to_ascii_lowercase();
    (l.starts_with("https://") || l.starts_with("http://")) && !u.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// At most `max` characters, the last an ellipsis when cut.
pub(super) fn shorten(s: &str, max: usize) -> String {
    text::clip(s, max)
}

// --------------------------------------------------------------- numbers

pub(super) fn is_people(g: &ClaimGroup) -> bool {
    g.unit == "people" || g.category.is_key()
}

pub(super) fn capitalize(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// The claim whose `key` is closest to `v` (the first on a tie).
pub(super) fn nearest(g: &ClaimGroup, v: f64, key: impl Fn(&Claim) -> f64) -> &Claim {
    let mut best = &g.claims[0];
    for c in &g.claims[1..] {
        if (key(c) - v).abs() < (key(best) - v).abs() {
            best = c;
        }
    }
    best
}

pub(super) use numbers::same;

/// `80,000–100,000 (best 90,000)`, or one number when they agree.
pub(super) fn range_text(r: &Range) -> String {
    numbers::range_with_best(r.low, r.best, r.high, num)
}

/// A claim's figure as its source gave it: `about 90,000`, `12–15`.
pub(super) fn claim_value(c: &Claim) -> String {
    if let (Some(l), Some(h)) = (c.low, c.high) {
        if !same(l, h) {
            return format!("{}–{}", num(l), num(h));
        }
    }
    let q = match c.qualifier {
        Qualifier::Over => "over ",
        Qualifier::AtLeast => "at least ",
        Qualifier::Under => "under ",
        Qualifier::AtMost => "at most ",
        Qualifier::About => "about ",
        Qualifier::Vague => "some ",
        Qualifier::Exact | Qualifier::Range => "",
    };
    format!("{q}{}", num(c.value))
}

/// `100,000`, `−3`; fractions keep up to two decimals.
pub(super) fn num(v: f64) -> String {
    numbers::typographic(v)
}

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", num(n as f64), if n == 1 { one } else { many })
}

/// One decimal, for SVG coordinates.
pub(super) fn f1(v: f64) -> String {
    let s = format!("{v:.1}");
    let s = s.strip_suffix(".0").unwrap_or(&s).to_string();
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

// ----------------------------------------------------------------- dates

/// Days since 1970-01-01 of a date's first day; `None` for a value that
/// names no real day, which the charts leave out.
pub(super) fn day_of(s: &str) -> Option<i64> {
    dates::day_number(s)
}

pub(super) fn iso(day: i64) -> String {
    dates::iso(day)
}

/// `13 Dec 2016`, `Dec 2016`, `2016`; a time after a day is kept. Escaped.
pub(super) fn fmt_date(s: &str) -> String {
    esc(&dates::written(s))
}

pub(super) fn fmt_date_text(s: &str) -> String {
    dates::written(s)
}

/// `13–15 Dec 2016`, `30 Nov – 2 Dec 2016`, or one date. Escaped.
pub(super) fn date_span(from: Option<&str>, to: Option<&str>) -> String {
    match (from, to) {
        (None, None) => "<span class=\"muted\">undated</span>".into(),
        (Some(a), None) | (None, Some(a)) => fmt_date(a),
        (Some(a), Some(b)) => esc(&dates::span(a, b)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_as_the_report_writes_them() {
        assert_eq!(num(100_000.0), "100,000");
        assert_eq!(num(-3.0), "−3");
        assert_eq!(
            range_text(&Range { low: 80_000.0, best: 90_000.0, high: 100_000.0 }),
            "80,000–100,000 (best 90,000)"
        );
        assert_eq!(date_span(Some("2016-12-13"), Some("2016-12-15")), "13–15 Dec 2016");
        assert_eq!(date_span(None, None), "<span class=\"muted\">undated</span>");
        assert_eq!(fmt_date("<soon>"), "&lt;soon&gt;");
        assert_eq!(iso(day_of("2016-12-13").unwrap()), "2016-12-13");
        // A day that does not exist is shown as written and not charted.
        assert_eq!((fmt_date_text("2016-02-30"), day_of("2016-02-30")), ("2016-02-30".to_string(), None));
        let c = Claim { value: 90_000.0, qualifier: Qualifier::About, ..Default::default() };
        assert_eq!(claim_value(&c), "about 90,000");
    }

    #[test]
    fn evidence_anchors_are_safe_and_name_document_and_span() {
        let e = Evidence { doc: "x".into(), span: [0, 3], text: "<b>".into(), context: "a <b> c".into(), at: 99 };
        assert_eq!(ev_anchor(&e), "ev-x-0-3");
        assert_eq!(context_html(&e), "a <mark>&lt;b&gt;</mark> c");
        let hostile = Evidence { doc: "sha256:\"><script>".into(), ..e };
        assert_eq!(ev_anchor(&hostile), "ev-___script_-0-3");
        assert_eq!(anchor("place", "wof:101 \"x\""), "place-wof_101__x_");
    }
}
