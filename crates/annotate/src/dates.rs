//! Dates: absolute in every common shape, and relative ones resolved
//! against an anchor, in English and Arabic.
//!
//! Resolution follows news usage: a bare weekday is the latest such day on
//! or before the anchor (`on Tuesday` in Wednesday's paper is yesterday)
//! unless the words point forward (`until Thursday`, `next Friday`,
//! `الخميس المقبل`); a month and day without a year take the year that puts
//! them nearest the anchor. Without an anchor, relative and year-less dates
//! are not resolved, and not reported: a guess is never dressed as a fact.
//! Durations (`five days`) and times of day are not dates.

use crate::calendar::{cal_at, month_at, ordinal_at, weekday_at, Cal};
use crate::lexicon::dates as words;
use crate::lexicon::AgoUnit;
use crate::tokens::{Kind, Token};
use jiff::civil::{Date, Weekday};
use jiff::ToSpan;
use sitrep_text::Span;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    Time,
    Day,
    Month,
    Year,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Time => "time",
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct DateMention {
    pub span: Span,
    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or `YYYY-MM-DDTHH:MM`.
    pub value: String,
    pub date: Date,
    pub precision: Precision,
    pub relative: bool,
    /// The last day (or month) of a range (`from 12 to 15 December`), in
    /// the form of `value`; `value` is its first.
    pub end: Option<String>,
}

fn num(t: Option<&Token>, digits: std::ops::RangeInclusive<usize>) -> Option<i32> {
    let t = t.filter(|t| t.kind == Kind::Numeral)?;
    (digits.contains(&t.key.len()) && t.key.chars().all(|c| c.is_ascii_digit())).then(|| t.key.parse().ok())?
}

fn year(t: Option<&Token>) -> Option<i16> {
    num(t, 4..=4).filter(|y| (1900..=2100).contains(y)).map(|y| y as i16)
}

/// A calendar date from numbers read in text, or `None` when any part is
/// out of range: never a cast that wraps 268 into a month.
fn ymd(y: i32, m: i32, d: i32) -> Option<Date> {
    if !(1..=9999).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Date::new(y as i16, m as i8, d as i8).ok()
}

fn adjacent(a: &Token, b: &Token) -> bool {
    a.span.end == b.span.start
}

/// How far after the anchor a year-less date may fall and still take the
/// anchor's year: reports mostly look back, but announce the days ahead.
const FORWARD_DAYS: i32 = 60;

/// The year for a month and day written without one: the latest that is
/// not more than [`FORWARD_DAYS`] after the anchor (news looks back).
fn nearest_year(anchor: Date, month: i8, day: i8) -> Option<Date> {
    let limit = anchor.checked_add(FORWARD_DAYS.days()).ok()?;
    [anchor.year() + 1, anchor.year(), anchor.year() - 1]
        .into_iter()
        .filter_map(|y| Date::new(y, month, day).ok())
        .find(|d| *d <= limit)
}

/// An absolute date starting at token `i`: `(date, precision, last token)`.
fn absolute_at(tokens: &[Token], i: usize, anchor: Option<Date>) -> Option<(Date, Precision, usize, Option<String>)> {
    let t = &tokens[i];
    let at = |j: usize| tokens.get(j);
    if let Some(found) = ordinal_date(tokens, i, anchor) {
        return Some(found);
    }
    if t.kind == Kind::Numeral {
        if let Some(found) = numeric_date(tokens, i, anchor) {
            return Some(found);
        }
        // 6 February 2016, 6th of Feb, 13 كانون الأول 2016
        if let Some(day) = num(Some(t), 1..=2).filter(|d| (1..=31).contains(d)) {
            let mut j = i + 1;
            if at(j).is_some_and(|s| adjacent(t, s) && matches!(s.key.as_str(), "st" | "nd" | "rd" | "th")) {
                j += 1;
            }
            if at(j).is_some_and(|s| s.is("of")) {
                j += 1;
            }
            // `8 من تشرين الأول`, `8 من شهر آب`
            if at(j).is_some_and(|s| s.is("من")) {
                let k = if at(j + 1).is_some_and(|s| s.is("شهر")) { j + 2 } else { j + 1 };
                if month_at(tokens, k).is_some() {
                    j = k;
                }
            }
            // 1-jan, 28-nov, 16. nov. 2016
            if at(j).is_some_and(|s| (s.is("-") || s.is(".")) && adjacent(&tokens[j - 1], s))
                && month_at(tokens, j + 1).is_some()
            {
                j += 1;
            }
            if let Some((month, mut end, _)) = month_at(tokens, j) {
                if at(end + 1).is_some_and(|s| s.is(".") && adjacent(&tokens[end], s)) && year(at(end + 2)).is_some() {
                    end += 1;
                }
                // 13 ديسمبر/كانون الأول 2016: both Arabic names.
                if at(end + 1).is_some_and(|s| s.is("/")) {
                    if let Some((_, e2, _)) = month_at(tokens, end + 2) {
                        end = e2;
                    }
                }
                let k = year_after(tokens, end + 1);
                if let Some(y) = year(at(k)) {
                    return Date::new(y, month, day as i8).ok().map(|d| (d, Precision::Day, k, None));
                }
                // "The toll of 25 may rise": "may" without a year is a verb.
                if tokens[j].is("may") {
                    return None;
                }
                return day_in_year(tokens, end, month, day as i8, anchor?);
            }
        }
        return None;
    }
    // February 6, 2016; Feb. 6; Dec. 13; February 2016
    let (month, mut end, full) = month_at(tokens, i)?;
    // Dec. 13; jan-1; jan/1 (a full stop only after an abbreviation:
    // "in December. 13 people were killed" is two sentences)
    if at(end + 1).is_some_and(|s| adjacent(&tokens[end], s) && ((s.is(".") && !full) || s.is("-") || s.is("/"))) {
        end += 1;
    }
    if let Some(day) = num(at(end + 1), 1..=2).filter(|d| (1..=31).contains(d)) {
        let mut k = end + 2;
        if at(k).is_some_and(|s| adjacent(&tokens[k - 1], s) && matches!(s.key.as_str(), "st" | "nd" | "rd" | "th")) {
            k += 1;
        }
        let last_day_token = k - 1;
        let y_at = year_after(tokens, k);
        if let Some(y) = year(at(y_at)) {
            return Date::new(y, month, day as i8).ok().map(|d| (d, Precision::Day, y_at, None));
        }
        // "May 5" needs the full name to count without a year.
        if full || !t.is("may") {
            let date = nearest_year(anchor?, month, day as i8)?;
            return Some((date, Precision::Day, last_day_token, None));
        }
        return None;
    }
    // `May the twelfth, 2023`
    if at(end + 1).is_some_and(|s| s.is("the")) {
        if let Some((day, last)) = ordinal_at(tokens, end + 2) {
            let y_at = year_after(tokens, last + 1);
            if let Some(y) = year(at(y_at)) {
                return Date::new(y, month, day).ok().map(|d| (d, Precision::Day, y_at, None));
            }
            let date = nearest_year(anchor?, month, day)?;
            return Some((date, Precision::Day, last, None));
        }
    }
    // `آذار/ مارس 2011`: both names.
    let slash = if tokens[end].is("/") { Some(end + 1) } else { at(end + 1).filter(|s| s.is("/")).map(|_| end + 2) };
    if let Some((_, e2, _)) = slash.and_then(|k| month_at(tokens, k)) {
        end = e2;
    }
    // `March, 2022`, but not `In March, 2000 people fled`.
    let y_at =
        if at(end + 1).is_some_and(|s| s.is(",") || s.is("،")) && at(end + 3).is_none_or(|n| n.kind != Kind::Word) {
            end + 2
        } else {
            end + 1
        };
    if let Some(y) = year(at(y_at)) {
        if full || !t.is("may") {
            return Date::new(y, month, 1)
                .ok()
                .map(|d| (d, Precision::Month, y_at, Some(format!("{y:04}-{month:02}"))));
        }
    }
    // `آذار المنصرم`, `يناير الجاري`: the month before the document's, or
    // its own.
    if full {
        if let Some((date, last)) = relative_month(tokens, end, month, anchor) {
            return Some((date, Precision::Month, last, Some(date.strftime("%Y-%m").to_string())));
        }
    }
    // `in December`, `last March`, `since early June`: an English month
    // alone after a word that makes it a time, the latest such month up to
    // the document's (`data/dates.txt`, `[month_alone_before]`).
    let before = i.checked_sub(1).map(|p| tokens[p].key.as_str()).unwrap_or("");
    if full && !t.is("may") && t.key.is_ascii() && words::MONTH_ALONE_BEFORE.contains(&before) {
        let anchor = anchor?;
        let mut y = if month <= anchor.month() { anchor.year() } else { anchor.year() - 1 };
        if before == "last" && month == anchor.month() {
            y -= 1;
        }
        return Date::new(y, month, 1).ok().map(|d| (d, Precision::Month, end, Some(format!("{y:04}-{month:02}"))));
    }
    None
}

/// A day of the month written as an ordinal, at token `i`: `the fourth of
/// May`, `the twenty-first of August 2023`, `الخامس من آذار 2024`, `الحادي
/// عشر من شهر آب الماضي`.
fn ordinal_date(tokens: &[Token], i: usize, anchor: Option<Date>) -> Option<(Date, Precision, usize, Option<String>)> {
    let at = |j: usize| tokens.get(j);
    let english = tokens[i].is("the");
    let (day, last) = ordinal_at(tokens, if english { i + 1 } else { i })?;
    // The ordinal and the month are joined by `of` or `من` (`شهر` may follow).
    let mut j = last + 1;
    if !(at(j).is_some_and(|s| s.is("of") || s.is("من"))) {
        return None;
    }
    j += 1;
    if at(j).is_some_and(|s| s.is("شهر")) {
        j += 1;
    }
    let (month, mut end, _) = month_at(tokens, j)?;
    if at(end + 1).is_some_and(|s| s.is("/")) {
        if let Some((_, e2, _)) = month_at(tokens, end + 2) {
            end = e2;
        }
    }
    let k = year_after(tokens, end + 1);
    if let Some(y) = year(at(k)) {
        return Date::new(y, month, day).ok().map(|d| (d, Precision::Day, k, None));
    }
    day_in_year(tokens, end, month, day, anchor?)
}

/// A day and month without a year, the month's name ending at token `end`:
/// in the year `الماضي`, `المنصرم` or `الجاري` after it says (the span
/// takes the word), else the one nearest the anchor.
fn day_in_year(
    tokens: &[Token],
    end: usize,
    month: i8,
    day: i8,
    anchor: Date,
) -> Option<(Date, Precision, usize, Option<String>)> {
    let next = tokens.get(end + 1).map(|t| t.key.as_str()).unwrap_or("");
    if words::PAST_MONTH.contains(&next) {
        let date = [anchor.year(), anchor.year() - 1]
            .into_iter()
            .filter_map(|y| Date::new(y, month, day).ok())
            .find(|d| *d < anchor)?;
        return Some((date, Precision::Day, end + 1, None));
    }
    if words::THIS_MONTH.contains(&next) {
        let date = Date::new(anchor.year(), month, day).ok()?;
        return Some((date, Precision::Day, end + 1, None));
    }
    let date = nearest_year(anchor, month, day)?;
    Some((date, Precision::Day, end, None))
}

/// `آذار المنصرم`, `يناير الجاري` after a month name ending at `end`: the
/// first of that month, and the marker's token.
fn relative_month(tokens: &[Token], end: usize, month: i8, anchor: Option<Date>) -> Option<(Date, usize)> {
    let anchor = anchor?;
    let next = tokens.get(end + 1).map(|t| t.key.as_str())?;
    if words::PAST_MONTH.contains(&next) {
        let y = if month < anchor.month() { anchor.year() } else { anchor.year() - 1 };
        return Date::new(y, month, 1).ok().map(|d| (d, end + 1));
    }
    if words::THIS_MONTH.contains(&next) {
        return Date::new(anchor.year(), month, 1).ok().map(|d| (d, end + 1));
    }
    None
}

/// Where a year would stand after a day and month: straight after, or
/// after `,`, `of`, `من عام`, `عام`, `سنة`.
fn year_after(tokens: &[Token], k: usize) -> usize {
    let is = |j: usize, w: &str| tokens.get(j).is_some_and(|t| t.is(w));
    let mut k = k;
    if is(k, ",") || is(k, "،") || is(k, "of") {
        k += 1;
    }
    if is(k, "من") {
        k += 1;
    }
    if is(k, "عام") || is(k, "سنه") || is(k, "العام") {
        k += 1;
    }
    k
}

/// Dates written in digits: 13/12/2016, 13-12-2016, 2016/12/13, 13.12.2016,
/// 21/04/16, 9-18-15, 11/12, 2016, and (after a cue such as "on") 22/04.
/// Day first, as in the region's usage, unless the day cannot be a month.
fn numeric_date(tokens: &[Token], i: usize, anchor: Option<Date>) -> Option<(Date, Precision, usize, Option<String>)> {
    let t = &tokens[i];
    let at = |j: usize| tokens.get(j);
    let full_year = |y: i32, digits: usize| -> i32 {
        match digits {
            2 if y < 50 => 2000 + y,
            2 => 1900 + y,
            _ => y,
        }
    };
    let make = |a: i32, b: i32, y: i32| -> Option<Date> {
        let (d, m) = if b > 12 { (b, a) } else { (a, b) };
        ymd(y, m, d)
    };
    // One dotted token: 13.12.2016 or 2015.5.13
    let parts: Vec<&str> = t.key.split('.').collect();
    if parts.len() == 3 && parts.iter().all(|p| (1..=4).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit())) {
        let n: Vec<i32> = parts.iter().map(|p| p.parse().ok()).collect::<Option<_>>()?;
        let date = if parts[0].len() == 4 {
            ymd(n[0], n[1], n[2])
        } else if parts[2].len() == 4 || parts[2].len() == 2 {
            make(n[0], n[1], full_year(n[2], parts[2].len()))
        } else {
            None
        };
        return date.map(|d| (d, Precision::Day, i, None));
    }
    let sep = at(i + 1).filter(|s| (s.is("/") || s.is("-")) && adjacent(t, s))?;
    // 2019-sep-1, 2019/sep/01
    if let (Some(y), Some((m, me, _))) = (year(Some(t)), month_at(tokens, i + 2)) {
        let d = at(me + 1).filter(|s| s.key == sep.key).and_then(|_| num(at(me + 2), 1..=2))?;
        return Date::new(y, m, d as i8).ok().map(|date| (date, Precision::Day, me + 2, None));
    }
    let second = at(i + 2).filter(|s| adjacent(sep, s) && s.kind == Kind::Numeral)?;
    let a: i32 = num(Some(t), 1..=4)?;
    let b: i32 = num(Some(second), 1..=2)?;
    // A third part after the same separator, or after a comma.
    let third = at(i + 3).and_then(|s3| {
        let same = s3.key == sep.key && adjacent(second, s3);
        let comma = s3.is(",") || s3.is("،");
        (same || comma).then_some(())?;
        let y = at(i + 4).filter(|y| y.kind == Kind::Numeral)?;
        let digits = y.key.len();
        (digits == 2 || digits == 4).then_some((num(Some(y), 2..=4)?, digits))
    });
    if t.key.len() == 4 {
        // 2016/12/13, 2016-12-13, 2016-12-13T10:30
        let (d, _) = third?;
        let date = ymd(a, b, d)?;
        if let (Some(tt), Some(hour), Some(colon), Some(min)) =
            (at(i + 5), num(at(i + 6), 1..=2), at(i + 7), num(at(i + 8), 2..=2))
        {
            if tt.is("t") && adjacent(&tokens[i + 4], tt) && colon.is(":") && hour < 24 && min < 60 {
                return Some((date, Precision::Time, i + 8, Some(format!("{date}T{hour:02}:{min:02}"))));
            }
        }
        return Some((date, Precision::Day, i + 4, None));
    }
    if let Some((y, digits)) = third {
        return make(a, b, full_year(y, digits)).map(|d| (d, Precision::Day, i + 4, None));
    }
    // No year: only after a cue word, and only with an anchor.
    let cued = i > 0
        && (words::DATE_CUES.contains(&tokens[i - 1].key.as_str())
            || matches!(cal_at(tokens, i - 1), Some((Cal::Weekday(_), _))));
    if !cued || a > 31 {
        return None;
    }
    let (d, m) = if b > 12 { (b, a) } else { (a, b) };
    ymd(2000, m, d)?; // a real day and month
    let date = nearest_year(anchor?, m as i8, d as i8)?;
    Some((date, Precision::Day, i + 2, None))
}

/// The first words of the relative phrases (`data/dates.txt`), so most
/// tokens are passed over with one lookup.
fn relative_firsts() -> &'static crate::lexicon::HashSet<&'static str> {
    static SET: OnceLock<crate::lexicon::HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| words::RELATIVE.iter().map(|(p, _)| p[0]).collect())
}

/// Did the text write a year (a four-digit number, or a third numeric part)?
fn year_written(tokens: &[Token]) -> bool {
    let numerals: Vec<&Token> = tokens.iter().filter(|t| t.kind == Kind::Numeral).collect();
    numerals.len() >= 3 || numerals.iter().any(|t| t.key.len() >= 4)
}

/// The same day and month a year earlier or later, when that puts it on
/// `wd` (nearest `near` if both do). Further off, a mismatched weekday is
/// more likely a slip than a sign of another year.
fn year_for_weekday(date: Date, wd: Weekday, near: Date) -> Option<Date> {
    if date.weekday() == wd {
        return None;
    }
    (date.year() - 1..=date.year() + 1)
        .filter_map(|y| Date::new(y, date.month(), date.day()).ok())
        .filter(|d| d.weekday() == wd)
        .min_by_key(|d| d.since(near).map(|s| s.get_days().abs()).unwrap_or(i32::MAX))
}

/// Does `phrase` stand at token `i`? An Arabic first word may carry a fused
/// و or ف ("وأمس", "فاليوم"); the span still covers the word as written.
fn phrase_at(tokens: &[Token], i: usize, phrase: &[&str]) -> bool {
    if i + phrase.len() > tokens.len() {
        return false;
    }
    let first = &tokens[i].key;
    let first_ok = *first == phrase[0]
        || (!first.is_ascii() && ['و', 'ف'].iter().any(|c| first.strip_prefix(*c) == Some(phrase[0])));
    first_ok && tokens[i + 1..i + phrase.len()].iter().zip(&phrase[1..]).all(|(t, p)| t.key == *p)
}

/// Every date in the token stream. `anchor` is the date relative
/// expressions count from (the document date).
pub fn find(tokens: &[Token], anchor: Option<Date>) -> Vec<DateMention> {
    let mut out: Vec<DateMention> = Vec::new();
    // Sentences that report speech or a statement: a relative date in one
    // counts from the statement's own date when the sentence gives it
    // ("the ministry said on 12 March that … yesterday").
    let sentences = tokens.last().map(|t| t.sentence + 1).unwrap_or(0);
    let mut reporting = vec![false; sentences];
    for t in tokens {
        if crate::lexicon::is_reporting(&t.key) {
            reporting[t.sentence] = true;
        }
    }
    let sentence_of = |byte: usize| crate::tokens::sentence_at(tokens, byte);
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        // A weekday right before an absolute date belongs to it, with what
        // joins them: "Friday, 18 November", "friday-jun-15", "friday (jun-15)".
        let (lead, start) = match cal_at(tokens, i) {
            Some((Cal::Weekday(_), e)) => {
                let mut s = e + 1;
                if tokens
                    .get(s)
                    .is_some_and(|t| t.is(",") || t.is("،") || t.is("-") || t.is("–") || t.is("(") || t.is(":"))
                {
                    s += 1;
                }
                (Some(i), s)
            }
            _ => (None, i),
        };
        if start < tokens.len() {
            if let Some((mut date, precision, mut end, mut value)) = absolute_at(tokens, start, anchor) {
                let mut first = lead.unwrap_or(start);
                if let Some(l) = lead {
                    if first > 0 && tokens[first - 1].is("this") {
                        first -= 1;
                    }
                    if tokens[start - 1].is("(") && tokens.get(end + 1).is_some_and(|t| t.is(")")) {
                        end += 1;
                    }
                    // "Friday, 15 January" with no year: the weekday picks it.
                    if let (Some((wd, _)), false) = (weekday_at(tokens, l), year_written(&tokens[start..=end])) {
                        if let Some(fit) = year_for_weekday(date, wd, anchor.unwrap_or(date)) {
                            date = fit;
                            value = None;
                        }
                    }
                }
                let value = value.unwrap_or_else(|| date.to_string());
                out.push(DateMention {
                    span: Span::new(tokens[first].span.start, tokens[end].span.end),
                    value,
                    date,
                    precision,
                    relative: false,
                    end: None,
                });
                i = end + 1;
                continue;
            }
        }
        // `in 2016`, `since 2011`, `عام 2016`
        if let Some(y) = year(Some(t)) {
            let prev = i.checked_sub(1).map(|p| tokens[p].key.as_str());
            // `the end of 2019`, `the beginning of 2020`.
            let framed = prev == Some("of")
                && i >= 2
                && words::YEAR_FRAMES.contains(&tokens[i - 2].key.as_str())
                && tokens.get(i + 1).is_none_or(|n| n.kind != Kind::Word);
            if prev.is_some_and(|p| words::YEAR_PREFIXES.contains(&p)) || framed {
                let start = if framed { tokens[i - 2].span.start } else { t.span.start };
                if let Ok(d) = Date::new(y, 1, 1) {
                    out.push(DateMention {
                        span: Span::new(start, t.span.end),
                        value: format!("{y:04}"),
                        date: d,
                        precision: Precision::Year,
                        relative: false,
                        end: None,
                    });
                }
                i += 1;
                continue;
            }
        }
        let Some(page) = anchor else {
            i += 1;
            continue;
        };
        let statement = reporting[t.sentence]
            .then(|| {
                out.iter()
                    .rev()
                    .take_while(|d| sentence_of(d.span.start) == Some(t.sentence))
                    .find(|d| d.precision == Precision::Day)
                    .map(|d| d.date)
            })
            .flatten();
        let anchor = statement.unwrap_or(page);
        // `the day before` a statement's own date (`said on 12 March that
        // 14 were killed the day before`); elsewhere it is the day before
        // something the text narrates, not a date one can give.
        if let Some(st) = statement {
            if let Some((phrase, offset)) = words::STATEMENT_RELATIVE.iter().find(|(p, _)| phrase_at(tokens, i, p)) {
                let end = i + phrase.len() - 1;
                let closes = tokens.get(end + 1).is_none_or(|n| n.kind != Kind::Word);
                if let Some(date) = closes.then(|| st.checked_add(offset.days()).ok()).flatten() {
                    out.push(DateMention {
                        span: Span::new(t.span.start, tokens[end].span.end),
                        value: date.to_string(),
                        date,
                        precision: Precision::Day,
                        relative: true,
                        end: None,
                    });
                    i = end + 1;
                    continue;
                }
            }
        }
        // `last week`, `الأسبوع الماضي`: the month it lay in, when the two
        // weeks before the anchor lie in one; a week is no day.
        if let Some(phrase) = words::LAST_WEEK.iter().find(|p| phrase_at(tokens, i, p)) {
            let end = i + phrase.len() - 1;
            let from = anchor.checked_sub(13.days()).ok();
            let to = anchor.yesterday().ok();
            if let Some((from, to)) = from.zip(to).filter(|(f, t)| (f.year(), f.month()) == (t.year(), t.month())) {
                if let Ok(month) = Date::new(from.year(), from.month(), 1) {
                    out.push(DateMention {
                        span: Span::new(t.span.start, tokens[end].span.end),
                        value: month.strftime("%Y-%m").to_string(),
                        date: month,
                        precision: Precision::Month,
                        relative: true,
                        end: None,
                    });
                }
                let _ = to;
            }
            i = end + 1;
            continue;
        }
        // Relative phrases.
        let may_start = relative_firsts().contains(t.key.as_str())
            || (!t.key.is_ascii()
                && ['و', 'ف'].iter().any(|c| t.key.strip_prefix(*c).is_some_and(|k| relative_firsts().contains(k))));
        let found = if may_start { words::RELATIVE.iter().find(|(p, _)| phrase_at(tokens, i, p)) } else { None };
        if let Some((phrase, offset)) = found {
            let end = i + phrase.len() - 1;
            // اليوم is also "the day": في اليوم التالي, طوال اليوم.
            // … and `اليوم 116 من الحرب`, the war's 116th day.
            let the_day = phrase == &["اليوم"]
                && (tokens
                    .get(end + 1)
                    .is_some_and(|n| words::THE_DAY_AFTER.contains(&n.key.as_str()) || n.kind == Kind::Numeral)
                    || i > 0 && tokens[i - 1].is("طوال"));
            if the_day {
                i = end + 1;
                continue;
            }
            // "today and tomorrow": a habitual pair, not a date.
            let rel = |k: &str| words::HABITUAL.contains(&k);
            let is_rel = |k: Option<&Token>| k.is_some_and(|k| rel(&k.key));
            // Arabic fuses "and" to the next word: غدا واليوم.
            let fused = tokens.get(end + 1).and_then(|n| n.key.strip_prefix('و')).is_some_and(rel);
            let pair_next =
                fused || tokens.get(end + 1).is_some_and(|n| n.is("and") || n.is("or")) && is_rel(tokens.get(end + 2));
            let pair_prev =
                (i >= 2 && (tokens[i - 1].is("and") || tokens[i - 1].is("or")) && is_rel(tokens.get(i - 2)))
                    || (i >= 1 && t.key.starts_with('و') && is_rel(tokens.get(i - 1)));
            let habitual = phrase.len() == 1 && (pair_next || pair_prev);
            if !habitual {
                if let Ok(date) = anchor.checked_add(offset.days()) {
                    // بالأمس: the fused preposition is not part of the date.
                    let start = t.span.start;
                    out.push(DateMention {
                        span: Span::new(start, tokens[end].span.end),
                        value: date.to_string(),
                        date,
                        precision: Precision::Day,
                        relative: true,
                        end: None,
                    });
                }
            }
            i = end + 1;
            continue;
        }
        // "two days ago", "a week ago", "قبل ثلاثة أيام", "منذ يومين".
        if let Some((date, precision, first, last)) = ago(tokens, i, anchor) {
            let value = match precision {
                Precision::Month => date.strftime("%Y-%m").to_string(),
                Precision::Year => date.strftime("%Y").to_string(),
                _ => date.to_string(),
            };
            out.push(DateMention {
                span: Span::new(tokens[first].span.start, tokens[last].span.end),
                value,
                date,
                precision,
                relative: true,
                end: None,
            });
            i = last + 1;
            continue;
        }
        // A weekday with a day of the month: "Friday the 15th", "الجمعة 15".
        if let Some((wd, end)) = weekday_at(tokens, i) {
            if let Some((date, last)) = weekday_and_day(tokens, end, anchor, wd) {
                out.push(DateMention {
                    span: Span::new(t.span.start, tokens[last].span.end),
                    value: date.to_string(),
                    date,
                    precision: Precision::Day,
                    relative: true,
                    end: None,
                });
                i = last + 1;
                continue;
            }
        }
        // Weekdays.
        if let Some((wd, end)) = weekday_at(tokens, i) {
            let prev = i.checked_sub(1).map(|p| tokens[p].key.as_str()).unwrap_or("");
            let prev2 = i.checked_sub(2).map(|p| tokens[p].key.as_str()).unwrap_or("");
            let next = tokens.get(end + 1).map(|t| t.key.as_str()).unwrap_or("");
            if words::NOT_A_DATE_AFTER.contains(&next)
                || words::NOT_A_DATE_BEFORE.contains(&prev)
                || (prev == "يوم" && words::NOT_A_DATE_BEFORE.contains(&prev2))
            {
                i = end + 1;
                continue;
            }
            let forward = words::FORWARD_BEFORE.contains(&prev) || words::FORWARD_AFTER.contains(&next);
            let strictly_back = words::BACKWARD_BEFORE.contains(&prev) || words::BACKWARD_AFTER.contains(&next);
            let this = prev == "this" || (prev == "يوم" && prev2 == "هذا") || prev == "هذا";
            let date = if this {
                // "this Friday": the Friday of the anchor's week.
                let monday = anchor.checked_sub((anchor.weekday().to_monday_zero_offset() as i64).days()).ok();
                monday.and_then(|m| m.checked_add((wd.to_monday_zero_offset() as i64).days()).ok())
            } else if forward {
                let strict = prev == "next" || words::FORWARD_AFTER.contains(&next);
                let from = if strict { anchor.tomorrow().ok() } else { Some(anchor) };
                from.and_then(|f| f.nth_weekday_of_week_or_later(wd))
            } else {
                let from = if strictly_back { anchor.yesterday().ok() } else { Some(anchor) };
                from.and_then(|f| f.nth_weekday_of_week_or_earlier(wd))
            };
            if let Some(date) = date {
                // "until", "last", "next", "this" belong to the date; "on" and
                // يوم only introduce it.
                let mut first = i;
                if words::BACKWARD_BEFORE.iter().chain(words::FORWARD_BEFORE).any(|w| *w == prev)
                    || prev == "this"
                    || prev == "هذا"
                {
                    first = i - 1;
                } else if prev == "يوم" && prev2 == "هذا" {
                    first = i - 2;
                }
                let mut last = end;
                if words::FORWARD_AFTER.contains(&next) || words::BACKWARD_AFTER.contains(&next) {
                    last = end + 1;
                }
                out.push(DateMention {
                    span: Span::new(tokens[first].span.start, tokens[last].span.end),
                    value: date.to_string(),
                    date,
                    precision: Precision::Day,
                    relative: true,
                    end: None,
                });
            }
            i = end + 1;
            continue;
        }
        i += 1;
    }
    let out = one_mention_days(tokens, out, anchor);
    let out = ranges(tokens, out, anchor);
    names_out(tokens, out)
}

/// The tokens `[first, last]` a mention covers.
fn token_range(tokens: &[Token], d: &DateMention) -> (usize, usize) {
    let a = crate::tokens::first_at(tokens, d.span.start);
    let b = crate::tokens::first_at(tokens, d.span.end).saturating_sub(1).max(a);
    (a, b)
}

/// `أمس الأربعاء`, `Yesterday Sunday`, `مساء أمس الاثنين 10 أيار`, `فجر
/// اليوم الأحد (5 أيار)`: a relative day and the weekday (and date) that
/// name it are one mention. The weekday wins (republished wire copy keeps
/// the wire's `yesterday`): the latest such day on or before the relative
/// day, or for `tomorrow` the first on or after it.
fn one_mention_days(tokens: &[Token], out: Vec<DateMention>, anchor: Option<Date>) -> Vec<DateMention> {
    let mut merged: Vec<DateMention> = Vec::with_capacity(out.len());
    let mut it = out.into_iter().peekable();
    while let Some(d) = it.next() {
        let (_, b) = token_range(tokens, &d);
        let last = tokens[b].key.as_str();
        let day_word = d.relative
            && d.precision == Precision::Day
            && (words::HABITUAL.contains(&last)
                || last.strip_prefix('و').is_some_and(|k| words::HABITUAL.contains(&k)));
        let next_weekday = it.peek().filter(|n| {
            let (na, _) = token_range(tokens, n);
            let gap = &tokens[b + 1..na];
            gap.iter().all(|t| t.is(",") || t.is("،")) && gap.len() <= 1 && weekday_at(tokens, na).is_some()
        });
        if day_word && anchor.is_some() {
            if let Some(n) = next_weekday {
                let (na, _) = token_range(tokens, n);
                let wd = weekday_at(tokens, na).map(|(w, _)| w);
                let forward = anchor.is_some_and(|a| d.date > a);
                let date = match (wd, n.relative) {
                    // A weekday alone: counted from the relative day.
                    (Some(w), true) if d.date.weekday() != w => {
                        if forward {
                            d.date.nth_weekday_of_week_or_later(w)
                        } else {
                            d.date.nth_weekday_of_week_or_earlier(w)
                        }
                    }
                    _ => Some(n.date),
                };
                if let Some(date) = date {
                    let n = it.next().expect("peeked");
                    merged.push(DateMention {
                        span: Span::new(d.span.start, n.span.end),
                        value: if n.relative { date.to_string() } else { n.value.clone() },
                        date,
                        precision: n.precision,
                        relative: true,
                        end: n.end,
                    });
                    continue;
                }
            }
        }
        merged.push(d);
    }
    merged
}

/// Words that open a range before its first day (`from 12 to 15
/// December`, `between March 3 and 5`, `بين 3 و5 حزيران`).
fn opens_range(t: Option<&Token>) -> bool {
    t.is_some_and(|t| words::RANGE_OPENERS.contains(&t.key.as_str()))
}

/// Words between the first and the last day of a range.
fn joins_range(t: Option<&Token>, opened: bool) -> bool {
    t.is_some_and(|t| words::RANGE_JOINERS.contains(&t.key.as_str()) || opened && (t.is("and") || t.is("و")))
}

/// A bare day of the month at token `k` (`15`, `10th`): the day and its
/// last token.
fn bare_day(tokens: &[Token], k: usize) -> Option<(i8, usize)> {
    let day = num(tokens.get(k), 1..=2).filter(|d| (1..=31).contains(d))? as i8;
    let suffix = tokens
        .get(k + 1)
        .is_some_and(|s| s.span.start == tokens[k].span.end && matches!(s.key.as_str(), "st" | "nd" | "rd" | "th"));
    Some((day, if suffix { k + 1 } else { k }))
}

/// Ranges as one mention: `value` is the first day, `end` the last, both
/// of the precision of the day written in full (`from 12 to 15 December`,
/// `Nov. 3-5`, `between March 2017 and July 2018`, `September and October
/// 2019`, `overnight from Saturday into Sunday`, `بين 18 ديسمبر الماضي
/// و19 يناير الجاري`).
fn ranges(tokens: &[Token], out: Vec<DateMention>, anchor: Option<Date>) -> Vec<DateMention> {
    let mut res: Vec<DateMention> = Vec::with_capacity(out.len());
    let mut k = 0;
    while k < out.len() {
        let d = &out[k];
        let (a, b) = token_range(tokens, d);
        let day_precise = d.precision == Precision::Day;
        // Two mentions joined: `between March 2017 and July 2018`, `from
        // Saturday into Sunday`.
        if let Some(n) = out.get(k + 1) {
            let (na, _) = token_range(tokens, n);
            let opened = a > 0 && opens_range(tokens.get(a - 1))
                || a > 1 && tokens[a - 1].is("from") && tokens[a - 2].is("overnight");
            let joined = na == b + 2 && joins_range(tokens.get(b + 1), opened) && (opened || !tokens[b + 1].is("-"));
            if joined && opened && n.precision == d.precision && n.date > d.date && d.end.is_none() {
                let first = a - 1;
                res.push(DateMention {
                    span: Span::new(tokens[first].span.start, n.span.end),
                    value: d.value.clone(),
                    date: d.date,
                    precision: d.precision,
                    relative: d.relative || n.relative,
                    end: Some(n.value.clone()),
                });
                k += 2;
                continue;
            }
        }
        // `from 12 to 15 December`, `بين 3 و5 حزيران`: a bare day before.
        if day_precise && !d.relative && a >= 2 {
            let joiner = tokens.get(a - 1);
            let start_day = (a >= 2).then(|| bare_day(tokens, a - 2)).flatten().filter(|&(_, e)| e == a - 2);
            let start_day =
                start_day.or_else(|| (a >= 3).then(|| bare_day(tokens, a - 3)).flatten().filter(|&(_, e)| e == a - 2));
            if let Some((day, _)) = start_day {
                let s = if tokens[a - 2].kind == Kind::Numeral { a - 2 } else { a - 3 };
                let opened = s > 0 && opens_range(tokens.get(s - 1));
                let dash = joiner.is_some_and(|j| (j.is("-") || j.is("–")) && j.span.start == tokens[a - 2].span.end);
                if (opened && joins_range(joiner, true) || dash) && day < d.date.day() {
                    if let Ok(start) = Date::new(d.date.year(), d.date.month(), day) {
                        let first = if opened { s - 1 } else { s };
                        // An earlier date took the bare day as a day of its own.
                        while res.last().is_some_and(|p| p.span.end > tokens[first].span.start) {
                            res.pop();
                        }
                        res.push(DateMention {
                            span: Span::new(tokens[first].span.start, d.span.end),
                            value: start.to_string(),
                            date: start,
                            precision: Precision::Day,
                            relative: false,
                            end: Some(d.value.clone()),
                        });
                        k += 1;
                        continue;
                    }
                }
            }
        }
        // `Nov. 3-5`, `August 9th-10th`, `between March 3 and 5`: a bare day
        // after a month and day.
        if day_precise && !d.relative && month_at(tokens, a).is_some() {
            let opened = a > 0 && opens_range(tokens.get(a - 1));
            let joiner = tokens.get(b + 1);
            let dash = joiner.is_some_and(|j| (j.is("-") || j.is("–")) && j.span.start == tokens[b].span.end);
            let last = bare_day(tokens, b + 2).filter(|_| dash || opened && joins_range(joiner, true));
            // The bare day is not the start of the next mention.
            let free = |e: usize| out.get(k + 1).is_none_or(|n| n.span.start >= tokens[e].span.end);
            if let Some((day, e)) = last.filter(|&(day, e)| day > d.date.day() && free(e)) {
                if let Ok(end) = Date::new(d.date.year(), d.date.month(), day) {
                    let first = if opened { a - 1 } else { a };
                    res.push(DateMention {
                        span: Span::new(tokens[first].span.start, tokens[e].span.end),
                        value: d.value.clone(),
                        date: d.date,
                        precision: Precision::Day,
                        relative: false,
                        end: Some(end.to_string()),
                    });
                    k += 1;
                    continue;
                }
            }
        }
        // `September and October 2019`: a month name before a month.
        if d.precision == Precision::Month && a >= 2 && joins_range(tokens.get(a - 1), true) {
            if let Some((m, _, true)) = month_at(tokens, a - 2) {
                if m < d.date.month() {
                    if let Ok(start) = Date::new(d.date.year(), m, 1) {
                        res.push(DateMention {
                            span: Span::new(tokens[a - 2].span.start, d.span.end),
                            value: start.strftime("%Y-%m").to_string(),
                            date: start,
                            precision: Precision::Month,
                            relative: false,
                            end: Some(d.value.clone()),
                        });
                        k += 1;
                        continue;
                    }
                }
            }
        }
        let _ = anchor;
        res.push(d.clone());
        k += 1;
    }
    res
}

/// Dates that are names: a day that names a place or a revolution (`the
/// 22nd of February district`, `ثورة 25 يناير`, `the 25 January
/// revolution`), a weekday in quotation marks (the weekly `“Friday”`).
fn names_out(tokens: &[Token], out: Vec<DateMention>) -> Vec<DateMention> {
    out.into_iter()
        .filter(|d| {
            let (a, b) = token_range(tokens, d);
            let after = tokens.get(b + 1).map(|t| t.key.as_str()).unwrap_or("");
            let before = a.checked_sub(1).map(|p| tokens[p].key.as_str()).unwrap_or("");
            let quoted = a == b
                && matches!(before, "“" | "\"" | "«" | "‘")
                && matches!(after, "”" | "\"" | "»" | "’")
                && weekday_at(tokens, a).is_some();
            !(words::NAME_AFTER.contains(&after) || words::NAME_BEFORE.contains(&before) || quoted)
        })
        .collect()
}

/// The furthest back "N units ago" reaches: a hundred years.
const MAX_AGO_DAYS: i64 = 36_525;

/// "N units ago" (English) or "قبل/منذ N units" (Arabic) at token `i`:
/// `(date, precision, first token, last token)`.
fn ago(tokens: &[Token], i: usize, anchor: Date) -> Option<(Date, Precision, usize, usize)> {
    let unit_of = |key: &str| words::AGO_UNITS.iter().find(|u| u.words.contains(&key) || u.duals.contains(&key));
    // "20000 years ago" is archaeology, not a date in a report.
    let back = |n: i64, unit: &AgoUnit| -> Option<Date> {
        if !(1..=MAX_AGO_DAYS / unit.days).contains(&n) {
            return None;
        }
        match unit.precision {
            Precision::Month => anchor.checked_sub(jiff::Span::new().try_months(n).ok()?).ok(),
            Precision::Year => anchor.checked_sub(jiff::Span::new().try_years(n).ok()?).ok(),
            _ => anchor.checked_sub(jiff::Span::new().try_days(n * unit.days).ok()?).ok(),
        }
    };
    let t = &tokens[i];
    if t.kind == Kind::Punct {
        return None;
    }
    // Arabic: قبل|منذ + (dual | N + unit | unit)
    if t.is("قبل") || t.is("منذ") {
        let u = tokens.get(i + 1)?;
        if let Some(unit) = unit_of(&u.key) {
            // "قبل يوم أمس" is the day before yesterday, handled elsewhere;
            // "منذ عام 2011", "منذ يوم الجمعة" name the time, not an amount.
            let next = tokens.get(i + 2);
            if next.is_some_and(|x| x.is("امس") || year(Some(x)).is_some() || cal_at(tokens, i + 2).is_some()) {
                return None;
            }
            // `منذ أشهر`, for months: a plural with no number is no date.
            if words::AGO_PLURALS.contains(&u.key.as_str()) {
                return None;
            }
            let n = if unit.duals.contains(&u.key.as_str()) { 2 } else { 1 };
            return back(n, unit).map(|d| (d, unit.precision, i, i + 1));
        }
        let window = &tokens[i + 1..(i + 6).min(tokens.len())];
        let n = crate::numbers::find(window).into_iter().next()?;
        if n.tokens.0 != 0 || n.qualifier != crate::numbers::Qualifier::Exact || n.value.fract() != 0.0 {
            return None;
        }
        let unit_at = i + 1 + n.tokens.1 + 1;
        let unit = unit_of(&tokens.get(unit_at)?.key)?;
        return back(n.value as i64, unit).map(|d| (d, unit.precision, i, unit_at));
    }
    // English: (N | a | an) unit ago. Cheap test first: "ago" must follow.
    if !tokens[i..(i + 7).min(tokens.len())].iter().any(|x| x.is("ago")) {
        return None;
    }
    let (n, unit_at) = if t.is("a") || t.is("an") {
        (1i64, i + 1)
    } else {
        let window = &tokens[i..(i + 5).min(tokens.len())];
        let found = crate::numbers::find(window).into_iter().next()?;
        if found.tokens.0 != 0 || found.qualifier != crate::numbers::Qualifier::Exact || found.value.fract() != 0.0 {
            return None;
        }
        (found.value as i64, i + found.tokens.1 + 1)
    };
    let unit = unit_of(&tokens.get(unit_at)?.key).filter(|u| u.words.first().is_some_and(|w| w.is_ascii()))?;
    if !tokens.get(unit_at + 1).is_some_and(|x| x.is("ago")) {
        return None;
    }
    back(n, unit).map(|d| (d, unit.precision, i, unit_at + 1))
}

/// After a weekday ending at token `end`: an optional "the"/"في", a day of
/// the month, an optional ordinal suffix. The date is the one nearest the
/// anchor with that day of the month falling on that weekday.
fn weekday_and_day(tokens: &[Token], end: usize, anchor: Date, wd: Weekday) -> Option<(Date, usize)> {
    let mut k = end + 1;
    let the = tokens.get(k).is_some_and(|t| t.is("the") || t.is("في"));
    if the {
        k += 1;
    }
    let day = num(tokens.get(k), 1..=2).filter(|d| (1..=31).contains(d))? as i8;
    // Not the start of a full date ("Friday 15 March") or a time.
    if month_at(tokens, k + 1).is_some() || tokens.get(k + 1).is_some_and(|t| t.is("/") || t.is("-") || t.is(":")) {
        return None;
    }
    let ordinal = tokens
        .get(k + 1)
        .is_some_and(|s| s.span.start == tokens[k].span.end && matches!(s.key.as_str(), "st" | "nd" | "rd" | "th"));
    // "On Friday 17 civilians were killed": a count, not a day.
    let word_after = tokens.get(k + 1).is_some_and(|t| t.kind == Kind::Word);
    if !the && !ordinal && word_after {
        return None;
    }
    let last = if ordinal { k + 1 } else { k };
    let this_month = Date::new(anchor.year(), anchor.month(), 1).ok()?;
    (-3..=3)
        .filter_map(|off: i32| this_month.checked_add(off.months()).ok())
        .filter_map(|m| Date::new(m.year(), m.month(), day).ok())
        .filter(|d| d.weekday() == wd)
        .min_by_key(|d| d.since(anchor).map(|s| s.get_days().abs()).unwrap_or(i32::MAX))
        .map(|d| (d, last))
}

trait WeekdayNav {
    fn nth_weekday_of_week_or_earlier(self, wd: Weekday) -> Option<Date>;
    fn nth_weekday_of_week_or_later(self, wd: Weekday) -> Option<Date>;
}

impl WeekdayNav for Date {
    /// The latest `wd` on or before this date.
    fn nth_weekday_of_week_or_earlier(self, wd: Weekday) -> Option<Date> {
        let back = (self.weekday().to_monday_zero_offset() - wd.to_monday_zero_offset()).rem_euclid(7);
        self.checked_sub((back as i64).days()).ok()
    }
    /// The earliest `wd` on or after this date.
    fn nth_weekday_of_week_or_later(self, wd: Weekday) -> Option<Date> {
        let ahead = (wd.to_monday_zero_offset() - self.weekday().to_monday_zero_offset()).rem_euclid(7);
        self.checked_add((ahead as i64).days()).ok()
    }
}

/// The document date the text itself states, chosen by where a date
/// stands on the page. A full date (day, month and year) counts only on a
/// line of its own, a dateline or a short line (a byline, "Syria 06 Feb
/// 2016"), in the opening or, standing alone, at the foot (a statement's
/// date under its signature); a date inside a sentence ("five years after
/// the 21 August 2013 attack") is what the report is about. Of these, a
/// date labelled as the page's (`Published`, `تاريخ النشر`) comes first,
/// then a dateline (`BAGHDAD, (March 15, 2006) —`) or a line that is only
/// a date, then any short line; the earliest wins a tie. A date the words
/// around it make another's (`the report dated 31 January`, `Reposted
/// 2006-03-17`, a site clock `بتوقيت مكة`) is never the page's.
pub fn stated(text: &str, tokens: &[Token]) -> Option<Date> {
    let opening = (text.len() / 4).clamp(600, 1500);
    let foot = text.len().saturating_sub(FOOT);
    let mut best: Option<(u8, Date)> = None;
    for d in find(tokens, None) {
        if !matches!(d.precision, Precision::Day | Precision::Time) || d.relative {
            continue;
        }
        let (a, b) = token_range(tokens, &d);
        let lo = tokens[..a].iter().rposition(|t| t.is("\n")).map_or(0, |p| p + 1);
        let hi = tokens[b..].iter().position(|t| t.is("\n")).map_or(tokens.len(), |p| b + p);
        let line_start = text[..d.span.start].rfind('\n').map_or(0, |p| p + 1);
        let line_end = text[d.span.end..].find('\n').map_or(text.len(), |p| d.span.end + p);
        let words_besides = tokens[lo..a].iter().chain(&tokens[b + 1..hi]).filter(|t| t.kind == Kind::Word).count();
        let near_before = tokens[a.saturating_sub(3).max(lo)..a].iter();
        let near_after = tokens[b + 1..(b + 3).min(hi)].iter();
        let others = near_before.clone().chain(near_after).any(|t| words::NOT_PAGE_DATES.contains(&t.key.as_str()));
        if others || period_start(tokens, a) {
            continue;
        }
        let labelled = (lo..a).any(|k| words::PAGE_DATE_LABELS.iter().any(|p| phrase_at(tokens, k, p)));
        // `BAGHDAD, (March 15, 2006) —`: a place, a comma, the date.
        let dateline = a > lo
            && a - lo <= 4
            && tokens[lo..a].iter().any(|t| t.is(",") || t.is("،") || t.is("–") || t.is("—"))
            && (crate::tokens::capitalized(text, &tokens[lo]) || !tokens[lo].key.is_ascii());
        let alone = words_besides <= ALONE_WORDS;
        let short = text[line_start..line_end].chars().count() <= DATELINE_CHARS;
        let in_reach = d.span.start < opening || alone && d.span.start >= foot;
        let score = if !in_reach {
            0
        } else if labelled {
            4
        } else if dateline || alone {
            3
        } else if short {
            1
        } else {
            0
        };
        if score > 0 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, d.date));
        }
    }
    best.map(|(_, d)| d)
}

/// How far from the end of a text its foot reaches, in bytes.
const FOOT: usize = 400;
/// The most other words a line holding only a date may have (`Colombo, 01
/// February, 2022`, `08:45 ص الثلاثاء 14 مارس 2023`).
const ALONE_WORDS: usize = 2;

/// The longest line that still reads as a dateline or byline.
const DATELINE_CHARS: usize = 80;

/// What a document without a full date says of its day: the month and day
/// it names without a year (`Dec. 13`), and the weekdays it names (`on
/// Tuesday`), which narrow the years that day can be in.
#[derive(Clone, Debug, PartialEq)]
pub struct Yearless {
    pub month: i8,
    pub day: i8,
    pub weekdays: Vec<Weekday>,
}

/// The year-less day a document names most often (the last, on a tie),
/// with the weekdays it names. `None` when it names no such day.
pub fn yearless(tokens: &[Token]) -> Option<Yearless> {
    // Any anchor will do: only the month and day are kept.
    let probe = Date::new(2000, 7, 1).ok()?;
    let mut days: Vec<(i8, i8)> = Vec::new();
    for d in find(tokens, Some(probe)) {
        if d.relative || d.precision != Precision::Day {
            continue;
        }
        let (a, b) = (crate::tokens::first_at(tokens, d.span.start), crate::tokens::first_at(tokens, d.span.end));
        if !year_written(&tokens[a..b]) {
            days.push((d.date.month(), d.date.day()));
        }
    }
    let (month, day) = *days.iter().rev().max_by_key(|md| days.iter().filter(|x| x == md).count())?;
    let mut weekdays: Vec<Weekday> = Vec::new();
    for i in 0..tokens.len() {
        if let Some((wd, _)) = weekday_at(tokens, i) {
            if !weekdays.contains(&wd) {
                weekdays.push(wd);
            }
        }
    }
    Some(Yearless { month, day, weekdays })
}

/// A document date inferred from the text when none is stated: the latest
/// full date it mentions (a report is written on or after what it reports),
/// short of a plan's and of the start of a period that runs on since (`the
/// war that broke out on 7 October 2023`, `منذ السابع من أكتوبر`), which
/// the report may be written long after.
pub fn inferred(tokens: &[Token]) -> Option<Date> {
    find(tokens, None)
        .into_iter()
        .filter(|d| matches!(d.precision, Precision::Day | Precision::Time))
        .filter(|d| {
            let at = crate::tokens::first_at(tokens, d.span.start);
            let planned = tokens[at.saturating_sub(3)..at].iter().any(|t| words::PLANNED.contains(&t.key.as_str()));
            !planned && !period_start(tokens, at)
        })
        .map(|d| d.date)
        .max()
}

/// How far before a date a word starting a period may stand, in words.
const PERIOD_START_REACH: usize = 10;

/// Is the date at token `at` the start of a period (`[period_starts]`)?
fn period_start(tokens: &[Token], at: usize) -> bool {
    tokens[..at]
        .iter()
        .rev()
        .take_while(|t| t.sentence == tokens[at].sentence && !t.is(",") && !t.is("،"))
        .filter(|t| t.kind == Kind::Word)
        .take(PERIOD_START_REACH)
        .any(|t| crate::tokens::trigger_bases(&t.key).iter().any(|k| words::PERIOD_STARTS.contains(k)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    fn dates(text: &str, anchor: Option<&str>) -> Vec<(String, String)> {
        let anchor = anchor.map(|a| a.parse::<Date>().unwrap());
        find(&tokenize(text), anchor)
            .into_iter()
            .map(|d| (text[d.span.start..d.span.end].to_string(), d.value))
            .collect()
    }

    fn one(text: &str, anchor: Option<&str>) -> (String, String) {
        let d = dates(text, anchor);
        assert_eq!(d.len(), 1, "{text}: {d:?}");
        d[0].clone()
    }

    #[test]
    fn golden_absolute() {
        let cases = [
            ("Syria 06 Feb 2016", "06 Feb 2016", "2016-02-06"),
            ("filmed on February 6, 2016 near", "February 6, 2016", "2016-02-06"),
            ("on Friday November 18, 2016 at", "Friday November 18, 2016", "2016-11-18"),
            ("dated 13/12/2016.", "13/12/2016", "2016-12-13"),
            ("dated 2016-12-13.", "2016-12-13", "2016-12-13"),
            ("at 2016-12-13T10:30Z", "2016-12-13T10:30", "2016-12-13T10:30"),
            ("on 13.12.2016", "13.12.2016", "2016-12-13"),
            ("on 2015.5.13", "2015.5.13", "2015-05-13"),
            ("dated 21/04/16", "21/04/16", "2016-04-21"),
            ("dated 9-18-15", "9-18-15", "2015-09-18"),
            ("dated 2015/08/12", "2015/08/12", "2015-08-12"),
            ("back 2019-sep-1.", "2019-sep-1", "2019-09-01"),
            ("on 11/12, 2016", "11/12, 2016", "2016-12-11"),
            ("16. nov. 2016", "16. nov. 2016", "2016-11-16"),
            ("january 12 of 2016", "january 12 of 2016", "2016-01-12"),
            ("في 12 يناير من عام 2016", "12 يناير من عام 2016", "2016-01-12"),
            ("الأربعاء ، 22 يناير 2020", "الأربعاء ، 22 يناير 2020", "2020-01-22"),
            ("the 6th of February, 2016", "6th of February, 2016", "2016-02-06"),
            ("in February 2016 the", "February 2016", "2016-02"),
            ("since 2011", "2011", "2011"),
            ("في 13 كانون الأول 2016", "13 كانون الأول 2016", "2016-12-13"),
            ("الثلاثاء 13 ديسمبر 2016", "الثلاثاء 13 ديسمبر 2016", "2016-12-13"),
            ("بتاريخ ١٣ ديسمبر/كانون الأول ٢٠١٦", "١٣ ديسمبر/كانون الأول ٢٠١٦", "2016-12-13"),
        ];
        for (text, span, value) in cases {
            assert_eq!(one(text, None), (span.to_string(), value.to_string()), "{text}");
        }
    }

    #[test]
    fn golden_relative() {
        // 2016-12-14 was a Wednesday.
        let a = Some("2016-12-14");
        let cases = [
            ("what happened yesterday", "yesterday", "2016-12-13"),
            ("what we saw there yesterday and how often", "yesterday", "2016-12-13"),
            ("Earlier today, he said", "Earlier today", "2016-12-14"),
            ("told reporters on Tuesday.", "Tuesday", "2016-12-13"),
            ("mortars hit the square on Wednesday", "Wednesday", "2016-12-14"),
            ("the talks resume this Friday", "this Friday", "2016-12-16"),
            ("two days ago", "two days ago", "2016-12-12"),
            ("a week ago", "a week ago", "2016-12-07"),
            ("قبل ثلاثة أيام", "قبل ثلاثة أيام", "2016-12-11"),
            ("منذ يومين", "منذ يومين", "2016-12-12"),
            ("the day after tomorrow", "the day after tomorrow", "2016-12-16"),
            ("قتل مدنيان أول أمس", "أول أمس", "2016-12-12"),
            ("the strike on 22/04", "22/04", "2016-04-22"),
            ("on Friday the 9th", "Friday the 9th", "2016-12-09"),
            ("يوم الجمعة 9", "الجمعة 9", "2016-12-09"),
            ("on tues", "tues", "2016-12-13"),
            ("sometime this friday (jun-15) with", "this friday (jun-15)", "2016-06-15"),
            ("on Friday, 15 January", "Friday, 15 January", "2016-01-15"),
            ("وبالأمس سقطت قذائف", "وبالأمس", "2016-12-13"),
            ("وأمس قتل ستة", "وأمس", "2016-12-13"),
            ("سأعود هذا يوم الجمعة", "هذا يوم الجمعة", "2016-12-16"),
            ("اليوم الماضي", "اليوم الماضي", "2016-12-13"),
            ("delayed until Thursday.", "until Thursday", "2016-12-15"),
            ("talks last Wednesday", "last Wednesday", "2016-12-07"),
            ("next Monday", "next Monday", "2016-12-19"),
            ("residents fled Dec. 13.", "Dec. 13", "2016-12-13"),
            ("قصف الطيران الحي اليوم", "اليوم", "2016-12-14"),
            ("وقتل ستة أمس", "أمس", "2016-12-13"),
            ("يوم الجمعة الماضي", "الجمعة الماضي", "2016-12-09"),
            ("حتى الخميس", "حتى الخميس", "2016-12-15"),
        ];
        for (text, span, value) in cases {
            assert_eq!(one(text, a), (span.to_string(), value.to_string()), "{text}");
        }
    }

    #[test]
    fn a_dated_statement_anchors_its_relative_dates() {
        let a = Some("2016-03-20");
        let d = dates("The ministry said on 12 March that two people were killed yesterday.", a);
        assert_eq!(d[1], ("yesterday".to_string(), "2016-03-11".to_string()));
        // Without a reporting verb the page's date stays the anchor.
        let d = dates("Shelling on 12 March killed two; yesterday it resumed.", a);
        assert_eq!(d[1], ("yesterday".to_string(), "2016-03-19".to_string()));
        let d = dates("وقال المرصد في 12 آذار 2016 إن القصف استؤنف أمس.", a);
        assert_eq!(d[1].1, "2016-03-11");
    }

    #[test]
    fn not_dates() {
        let a = Some("2016-12-14");
        for text in [
            "It has been five days",
            "over the past 24 hours",
            "after the Friday prayer",
            "بعد صلاة الجمعة",
            "everyday they promise today and tomorrow",
            "غدا واليوم",
            "at 10:30 in the morning",
            "three years of hardship",
            "it runs 24/7",
            "three quarters: 3/4 of the homes",
            "10 - 15 shells",
            "The death toll of 25 may rise",
            "وفي اليوم التالي للهجوم قتل ثلاثة",
            "made 20000 years ago",
            "Reference 1.99999999999.2016 was filed.",
            "Code 2016.268.5 applies.",
            "Ref 257/13/2016",
        ] {
            assert_eq!(dates(text, a), vec![], "{text}");
        }
        // The month alone, not December 13: the full stop ends its sentence.
        assert_eq!(
            dates("began in December. 13 people were killed", a),
            [("December".to_string(), "2016-12".to_string())]
        );
        assert_eq!(dates("on Tuesday", None), vec![], "no anchor, no relative date");
        assert_eq!(dates("On Friday 17 civilians were killed", a), [("Friday".to_string(), "2016-12-09".to_string())]);
    }
}
