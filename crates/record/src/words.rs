//! The record's closed vocabularies as types: what kind of fact an item
//! is, how precise a date is, how a figure is qualified, what an analyst
//! decided. Each serializes as the word `sitrep.extract/1` writes, so the
//! JSON is the same as when these were strings; each parses from that
//! word and says what it expects when it is given another.
//!
//! ```
//! use sitrep_record::{FactKind, Qualifier};
//! assert_eq!("at-least".parse::<Qualifier>().unwrap(), Qualifier::AtLeast);
//! assert_eq!(FactKind::Figure.array(), "figures");
//! let e = "rumour".parse::<FactKind>().unwrap_err();
//! assert_eq!(e.to_string(), "\"rumour\" is not a kind of fact: use one of date, figure, place, actor, quote, event");
//! ```

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A word that is not in a vocabulary, and what the vocabulary holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownWord {
    pub word: String,
    /// `a kind of fact`, `a review action`, …
    pub what: &'static str,
    pub expected: &'static [&'static str],
}

impl fmt::Display for UnknownWord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not {}: use one of {}", self.word, self.what, self.expected.join(", "))
    }
}

impl std::error::Error for UnknownWord {}

/// A closed vocabulary: the enum, its words, parsing and display.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident ($what:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $word:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $word)] $variant ),+
        }

        impl $name {
            /// Every value, in the vocabulary's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            const WORDS: &'static [&'static str] = &[$($word),+];

            /// The record's word for it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $word),+
                }
            }

            pub fn parse(word: &str) -> Option<$name> {
                match word {
                    $($word => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownWord;
            fn from_str(word: &str) -> Result<$name, UnknownWord> {
                $name::parse(word).ok_or_else(|| UnknownWord {
                    word: word.to_string(),
                    what: $what,
                    expected: $name::WORDS,
                })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }
    };
}

vocabulary! {
    /// The kinds of fact a record holds, in the order pages list them.
    FactKind ("a kind of fact") {
        Date = "date",
        Figure = "figure",
        Place = "place",
        Actor = "actor",
        Quote = "quote",
        Event = "event",
    }
}

impl FactKind {
    /// The record's array of items of this kind.
    pub fn array(self) -> &'static str {
        match self {
            FactKind::Date => "dates",
            FactKind::Figure => "figures",
            FactKind::Place => "places",
            FactKind::Actor => "actors",
            FactKind::Quote => "quotes",
            FactKind::Event => "events",
        }
    }
}

vocabulary! {
    /// How precisely a date is known: the shape of its value
    /// (`YYYY-MM-DDTHH:MM`, `YYYY-MM-DD`, `YYYY-MM`, `YYYY`).
    #[derive(Default)]
    DatePrecision ("a date precision") {
        Time = "time",
        #[default]
        Day = "day",
        Month = "month",
        Year = "year",
    }
}

impl DatePrecision {
    /// The precision of a date value as the record writes one, if it is
    /// one: `2016-12-13` is a day, `2016-13-01` nothing.
    pub fn of_value(d: &str) -> Option<DatePrecision> {
        let b = d.as_bytes();
        let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
        let ok_month = || digits(5..7) && (1..=12).contains(&d[5..7].parse::<u32>().unwrap_or(0));
        let ok_day = || digits(8..10) && (1..=31).contains(&d[8..10].parse::<u32>().unwrap_or(0));
        match b.len() {
            4 if digits(0..4) => Some(DatePrecision::Year),
            7 if digits(0..4) && b[4] == b'-' && ok_month() => Some(DatePrecision::Month),
            10 if digits(0..4) && b[4] == b'-' && ok_month() && b[7] == b'-' && ok_day() => Some(DatePrecision::Day),
            16 if digits(0..4)
                && ok_month()
                && ok_day()
                && b[10] == b'T'
                && digits(11..13)
                && b[13] == b':'
                && digits(14..16) =>
            {
                Some(DatePrecision::Time)
            }
            _ => None,
        }
    }
}

vocabulary! {
    /// How a figure's words bound its value (see `EXTRACT.md`).
    #[derive(Default)]
    Qualifier ("a qualifier") {
        #[default]
        Exact = "exact",
        Over = "over",
        AtLeast = "at-least",
        Under = "under",
        AtMost = "at-most",
        About = "about",
        Vague = "vague",
        Range = "range",
    }
}

vocabulary! {
    /// What an analyst decided about an item.
    ReviewAction ("a review action") {
        /// The machine's item stands, checked.
        Confirm = "confirm",
        /// The analyst's item stands instead.
        Correct = "correct",
        /// The item is dropped.
        Reject = "reject",
        /// An item the extractor missed.
        Add = "add",
    }
}

impl ReviewAction {
    /// `confirmed`, `corrected`, …
    pub fn past(self) -> &'static str {
        match self {
            ReviewAction::Confirm => "confirmed",
            ReviewAction::Correct => "corrected",
            ReviewAction::Reject => "rejected",
            ReviewAction::Add => "added",
        }
    }

    /// Whether the analyst gives the item (correct, add) rather than
    /// deciding about the one there.
    pub fn gives_item(self) -> bool {
        matches!(self, ReviewAction::Correct | ReviewAction::Add)
    }
}

/// What kind of place a place is: the record's kinds, and
/// [`PlaceKind::Unlisted`] for a word outside them (an analyst's `place`, a
/// `district`), kept as written.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub enum PlaceKind {
    Country,
    Region,
    City,
    Town,
    Village,
    Neighbourhood,
    Facility,
    Road,
    /// The record's `other` (a camp, a site).
    #[default]
    Other,
    Unlisted(String),
}

impl PlaceKind {
    const LISTED: [(PlaceKind, &'static str); 9] = [
        (PlaceKind::Country, "country"),
        (PlaceKind::Region, "region"),
        (PlaceKind::City, "city"),
        (PlaceKind::Town, "town"),
        (PlaceKind::Village, "village"),
        (PlaceKind::Neighbourhood, "neighbourhood"),
        (PlaceKind::Facility, "facility"),
        (PlaceKind::Road, "road"),
        (PlaceKind::Other, "other"),
    ];

    pub fn as_str(&self) -> &str {
        match self {
            PlaceKind::Unlisted(s) => s,
            listed => PlaceKind::LISTED.iter().find(|(k, _)| k == listed).map_or("", |(_, w)| w),
        }
    }

    /// The listed kind of that word.
    pub fn parse(word: &str) -> Option<PlaceKind> {
        PlaceKind::LISTED.iter().find(|(_, w)| *w == word).map(|(k, _)| k.clone())
    }

    pub fn is_empty(&self) -> bool {
        self.as_str().is_empty()
    }
}

impl From<&str> for PlaceKind {
    fn from(s: &str) -> PlaceKind {
        PlaceKind::parse(s).unwrap_or_else(|| PlaceKind::Unlisted(s.to_string()))
    }
}

impl From<String> for PlaceKind {
    fn from(s: String) -> PlaceKind {
        PlaceKind::parse(&s).unwrap_or(PlaceKind::Unlisted(s))
    }
}

impl fmt::Display for PlaceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl PartialEq<str> for PlaceKind {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for PlaceKind {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Serialize for PlaceKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for PlaceKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<PlaceKind, D::Error> {
        struct Word;
        impl Visitor<'_> for Word {
            type Value = PlaceKind;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a kind of place")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PlaceKind, E> {
                Ok(PlaceKind::from(v))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<PlaceKind, E> {
                Ok(PlaceKind::from(v))
            }
        }
        d.deserialize_str(Word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip_through_json() {
        for q in Qualifier::ALL {
            let json = serde_json::to_string(q).unwrap();
            assert_eq!(json, format!("\"{}\"", q.as_str()));
            assert_eq!(serde_json::from_str::<Qualifier>(&json).unwrap(), *q);
            assert_eq!(q.as_str().parse::<Qualifier>().unwrap(), *q);
        }
        assert!(serde_json::from_str::<Qualifier>("\"lots\"").is_err());
        for k in ["country", "neighbourhood", "other", "place", "district", ""] {
            let kind = PlaceKind::from(k);
            assert_eq!(kind.as_str(), k);
            assert_eq!(serde_json::to_string(&kind).unwrap(), format!("\"{k}\""));
        }
        assert_eq!(PlaceKind::from("city"), PlaceKind::City);
        assert_eq!(format!("[{:<6}]", FactKind::Date), "[date  ]", "padding reaches the word");
    }

    #[test]
    fn unknown_words_say_what_is_expected() {
        let e = "approve".parse::<ReviewAction>().unwrap_err();
        assert_eq!(e.to_string(), "\"approve\" is not a review action: use one of confirm, correct, reject, add");
        assert_eq!(ReviewAction::Reject.past(), "rejected");
    }

    #[test]
    fn date_values_have_the_precision_their_shape_gives() {
        assert_eq!(DatePrecision::of_value("2016-12-13"), Some(DatePrecision::Day));
        assert_eq!(DatePrecision::of_value("2016-12"), Some(DatePrecision::Month));
        assert_eq!(DatePrecision::of_value("2016"), Some(DatePrecision::Year));
        assert_eq!(DatePrecision::of_value("2016-13-01"), None);
        assert_eq!(DatePrecision::of_value("2016-12-13T10:30"), Some(DatePrecision::Time));
        assert_eq!(DatePrecision::of_value("13 Dec 2016"), None);
    }
}
