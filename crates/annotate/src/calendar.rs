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
    if let Some(c) = calendar().get(t.key.as_str()) {
        return Some((*c, i));
    }
    // `Tuesday's strike`: the weekday with a possessive.
    let bare = t.key.strip_suffix("'s").or_else(|| t.key.strip_suffix("’s"))?;
    calendar().get(bare).filter(|c| matches!(c, Cal::Weekday(_))).map(|c| (*c, i))
}

/// A day of the month written as an ordinal word at token `i` (`fourth`,
/// `twenty-first`, `الخامس`, `الحادي والعشرين`): `(day, last token)`.
pub(crate) fn ordinal_at(tokens: &[Token], i: usize) -> Option<(i8, usize)> {
    let t = tokens.get(i).filter(|t| t.kind == Kind::Word)?;
    let listed = |j: usize| {
        lexicon::calendar::ORDINALS
            .iter()
            .filter(|(p, _)| p.iter().enumerate().all(|(k, w)| tokens.get(j + k).is_some_and(|x| x.key == *w)))
            .max_by_key(|(p, _)| p.len())
            .map(|(p, d)| (*d, j + p.len() - 1))
    };
    // English tens and a unit: `twenty-first`, `thirty first`.
    let tens = match t.key.as_str() {
        "twenty" => Some(20),
        "thirty" => Some(30),
        _ => None,
    };
    if let Some(tens) = tens {
        let at = if tokens.get(i + 1).is_some_and(|h| h.is("-")) { i + 2 } else { i + 1 };
        if let Some((unit, end)) = listed(at).filter(|(d, _)| *d < 10) {
            let day = tens + unit;
            return (day <= 31).then_some((day, end));
        }
        return None;
    }
    listed(i)
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
