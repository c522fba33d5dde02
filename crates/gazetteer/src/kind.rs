//! Kinds of place (shared with `build.rs`, which compiles the table).

/// What kind of place an entry is, as the record's `kind` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Country,
    Region,
    City,
    Town,
    Village,
    Neighbourhood,
    Camp,
    /// A hospital, a school, a police station.
    Facility,
    /// A street, a road, a highway.
    Road,
    Other,
}

impl Kind {
    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "country" => Kind::Country,
            "region" => Kind::Region,
            "city" => Kind::City,
            "town" => Kind::Town,
            "village" => Kind::Village,
            "neighbourhood" => Kind::Neighbourhood,
            "camp" => Kind::Camp,
            "facility" => Kind::Facility,
            "road" => Kind::Road,
            "other" => Kind::Other,
            _ => return None,
        })
    }

    /// The data's word for it (`camp` for a camp), which [`Kind::parse`]
    /// reads back.
    pub fn word(self) -> &'static str {
        match self {
            Kind::Camp => "camp",
            other => other.as_str(),
        }
    }

    /// The record's word for it. Camps are `other` in the record's list
    /// of kinds but keep their own word here for display.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Country => "country",
            Kind::Region => "region",
            Kind::City => "city",
            Kind::Town => "town",
            Kind::Village => "village",
            Kind::Neighbourhood => "neighbourhood",
            Kind::Camp => "other",
            Kind::Facility => "facility",
            Kind::Road => "road",
            Kind::Other => "other",
        }
    }
}
