//! The calendar: month and weekday names in English and Arabic
//! (`data/calendar.txt`), found in the token stream.
//!
//! Dates read these names to make dates; numbers read them to keep out of
//! their way (`الأحد` is Sunday, not "the one"; `December 13 250 people`
//! is a day, then a count). Both stand on this module, so neither needs
//! the other for it.

use crate::lexicon::{self, HashMap};
use crate::tokens::{Kind, Token};
use jiff::civil::Weekday;
use std::sync::OnceLock;

/// What a calendar word names.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Cal {
    Month(i8),
    /// An abbreviation, a month only next to a day or a year.
    Mon(i8),
    Weekday(Weekday),
}

fn calendar() -> &'static HashMap<&'static str, Cal> {
    static CAL: OnceLock<HashMap<&'static str, Cal>> = OnceLock::new();
    CAL.get_or_init(|| lexicon::calendar::CALENDAR.iter().copied().collect())
}

/// Is this token key a month or weekday name (one-word names only)?
pub(crate) fn is_calendar_key(key: &str) -> bool {
    calendar().contains_key(key)
}

/// The first word of every calendar name (`كانون` of `كانون الأول`):
/// words that stand for no place on their own.
pub(crate) fn first_words() -> impl Iterator<Item = &'static str> {
    lexicon::calendar::CALENDAR.iter().map(|(name, _)| name.split(' ').next().unwrap_or(name))
}

/// Calendar word at token `i` (one or two tokens): `(kind, last token)`.
pub(crate) fn cal_at(tokens: &[Token], i: usize) -> Option<(Cal, usize)> {
    let t = tokens.get(i).filter(|t| t.kind == Kind::Word)?;
    // Two-word names (كانون الأول) start with one of a few words; only then
    // is the pair looked up, which keeps this hot path free of allocation.
    if lexicon::calendar::TWO_WORD_STARTS.contains(&t.key.as_str()) {
        if let Some(n) = tokens.get(i + 1).filter(|n| n.kind == Kind::Word) {
            if let Some(c) = calendar().get(format!("{} {}", t.key, n.key).as_str()) {
                return Some((*c, i + 1));
            }
        }
    }
    calendar().get(t.key.as_str()).map(|c| (*c, i))
}

/// A month name at token `i`: `(month, last token, a full name)`.
pub(crate) fn month_at(tokens: &[Token], i: usize) -> Option<(i8, usize, bool)> {
    match cal_at(tokens, i)? {
        (Cal::Month(m), end) => Some((m, end, true)),
        (Cal::Mon(m), end) => Some((m, end, false)),
        _ => None,
    }
}

/// A weekday name at token `i`: `(weekday, last token)`.
pub(crate) fn weekday_at(tokens: &[Token], i: usize) -> Option<(Weekday, usize)> {
    match cal_at(tokens, i)? {
        (Cal::Weekday(wd), end) => Some((wd, end)),
        _ => None,
    }
}
