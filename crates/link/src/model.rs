//! What linking produces. Every item keeps [`Evidence`]: the document and
//! the character span of the words that support it, so a report can lead
//! back from any number to the sentence it came from.

use serde::{Deserialize, Serialize};
use sitrep_record::{Category, DatePrecision, PlaceKind, Qualifier};

/// One document as linking sees it: its record, its text and what is known
/// of who published it.
#[derive(Clone, Debug, Default)]
pub struct Input {
    pub doc: DocMeta,
    pub record: sitrep_record::Record,
    /// The text the record's spans index (the record's own `text` may be
    /// absent).
    pub text: String,
}

/// What the archive knows of a document beyond its record.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DocMeta {
    /// The full `sha256:` id.
    pub id: String,
    /// Order of addition to the archive (its rowid): the oldest member of a
    /// group names it, so adding documents never renames what exists.
    pub order: i64,
    pub title: Option<String>,
    pub published: Option<String>,
    pub site: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub languages: Vec<String>,
    /// Where the first copy was read from (a path or URL): its file name
    /// names an otherwise unattributed document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Who first published what this document passes on: the channel a
    /// post was forwarded from, the account a repost repeats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relayed_from: Option<String>,
    /// The first document (`sha256:` id) of the story this one is a
    /// syndicated copy of: its claims come from that document's origins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_of: Option<String>,
}

/// A document as the linked output lists it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DocRef {
    pub id: String,
    pub title: Option<String>,
    pub published: Option<String>,
    /// Who put the document out: site, else the URL's host, else author.
    pub publisher: String,
    pub url: Option<String>,
    pub languages: Vec<String>,
    /// The first document of the story this one copies, when it is a copy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_of: Option<String>,
}

/// The words behind an item.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Full document id (`sha256:…`).
    pub doc: String,
    /// `[start, end)` in characters of the document text.
    pub span: [usize; 2],
    /// The words of the span.
    pub text: String,
    /// The sentence around the span, for reading without the document.
    pub context: String,
    /// Where `text` starts inside `context`, in characters.
    pub at: usize,
}

/// A place as the linked output knows it (from the records that name it).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlaceInfo {
    pub id: String,
    pub name: String,
    pub kind: PlaceKind,
    /// Enclosing places' names, nearest first (district, region, country).
    pub within: Vec<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub pcode: Option<String>,
    pub country: Option<String>,
    pub precision: sitrep_record::GeoPrecision,
}

/// An actor as the linked output knows it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ActorInfo {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub acled: Option<String>,
    pub inter: Option<u8>,
    pub country: Option<String>,
}

/// Who a claim comes from. `origin` is the independent source (who the
/// text says reported it, else the publisher); `relay` is the chain from
/// the publisher to the origin, publisher first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Origin {
    /// A stable key: an actor id, `site:example.org`, or a folded name.
    pub key: String,
    /// As a reader would name it.
    pub name: String,
    /// How the origin was found: `cited` (according to …), `speaker` (a
    /// quote's speaker), `wire` (the document credits a wire service),
    /// `relayed` (a forwarded post or repost: who first posted it),
    /// `publisher`. A syndicated copy's claims take its original's.
    pub how: String,
    pub relay: Vec<String>,
}

/// One source's figure inside a claim group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub evidence: Evidence,
    pub value: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: Qualifier,
    /// The figure's date, else its document's.
    pub date: Option<String>,
    /// `event` (the date of the event whose toll it is), `figure` (stated
    /// with the number) or `document` (the document's date).
    pub date_from: String,
    pub place: Option<String>,
    pub origin: Origin,
    /// The same value said again in the same document (a headline over the
    /// article, a summary at its end): the same claim, not another source.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub repeats: Vec<Evidence>,
    /// A smaller value that the same origin gives in the same document for
    /// the same quantity (one strike's dead beside the day's toll): kept as
    /// evidence, not counted in the range.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
}

/// Low, best and high of a group, with the rule that made them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Range {
    pub low: f64,
    pub best: f64,
    pub high: f64,
}

/// Two claims of one group that cannot both be true.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Contradiction {
    /// Indexes into the group's `claims`.
    pub a: usize,
    pub b: usize,
    pub why: String,
}

/// Figures that speak of the same quantity.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ClaimGroup {
    /// Stable: named by the oldest claim in it (see the crate docs).
    pub id: String,
    pub category: Category,
    pub unit: String,
    /// The widest place of the members (an id in `Linked::places`).
    pub place: Option<String>,
    /// First and last date of the claims.
    pub from: Option<String>,
    pub to: Option<String>,
    pub claims: Vec<Claim>,
    pub range: Range,
    /// Distinct origins among the claims.
    pub origins: usize,
    pub contradictions: Vec<Contradiction>,
}

/// A quote tied to an event or a speaker.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Testimony {
    pub evidence: Evidence,
    pub speaker: Option<String>,
    pub speaker_role: Option<String>,
    pub timecode: Option<String>,
    pub language: String,
    /// The evidence of the quote this one translates.
    pub translation_of: Option<[usize; 2]>,
}

/// One happening, from every document that reports it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LinkedEvent {
    /// Stable: named by the oldest mention (see the crate docs).
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub acled: sitrep_record::Acled,
    pub date: Option<String>,
    pub date_precision: Option<DatePrecision>,
    pub place: Option<String>,
    /// Actor ids, most often named first.
    pub actors: Vec<String>,
    pub killed: Option<Range>,
    pub injured: Option<Range>,
    /// The part of `killed` that the figures say were civilians
    /// (`executing at least 35 civilians`), by the same rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub killed_civilians: Option<Range>,
    /// Each document's words for it, oldest document first.
    pub mentions: Vec<Evidence>,
    /// Distinct origins (publishers or wires) among the mentions.
    pub origins: Vec<Origin>,
    /// Claim groups of the figures said of it (killed, injured, …).
    pub claims: Vec<String>,
    /// Quotes that bear witness to it.
    pub quotes: Vec<Testimony>,
}

/// The rule that derives a group's range from its claims.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// low = the lowest bound any claim allows, high = the highest, best =
    /// the median of the independent origins' values.
    #[default]
    Median,
    /// ACLED's reading: best = low = the lowest value any origin gives.
    Conservative,
}

impl Rule {
    pub fn parse(s: &str) -> Option<Rule> {
        match s {
            "median" | "default" => Some(Rule::Median),
            "conservative" | "acled" => Some(Rule::Conservative),
            _ => None,
        }
    }

    /// The rule in words, for every output that shows a range.
    pub fn describe(self) -> &'static str {
        match self {
            Rule::Median => {
                "low = the lowest bound any source allows; high = the highest; \
                 best = the median of the independent origins' values (one value per origin, its median)"
            }
            Rule::Conservative => {
                "conservative (ACLED's reading): best = low = the lowest value any independent origin gives; \
                 high = the highest bound any source allows"
            }
        }
    }
}

/// Settings of a linking run.
#[derive(Clone, Debug)]
pub struct Settings {
    pub rule: Rule,
    /// Days apart that figures of a count that persists (trapped,
    /// displaced, …) may be and still speak of one quantity. Counts of
    /// happenings (killed, airstrikes) use the same day.
    pub window_days: i64,
    /// An analyst's decisions about events, applied over the rules.
    pub overrides: Overrides,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings { rule: Rule::Median, window_days: 7, overrides: Overrides::default() }
    }
}

/// Events an analyst merged or split, in the order decided.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Overrides {
    /// Pairs of event ids that are one happening.
    pub merges: Vec<[String; 2]>,
    /// Mentions (document id, character span) that stand alone.
    pub splits: Vec<(String, [usize; 2])>,
}

/// Everything linked across an archive.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Linked {
    pub schema: String,
    pub rule: Rule,
    pub rule_text: String,
    pub window_days: i64,
    pub documents: Vec<DocRef>,
    pub places: std::collections::BTreeMap<String, PlaceInfo>,
    pub actors: std::collections::BTreeMap<String, ActorInfo>,
    pub claims: Vec<ClaimGroup>,
    /// Oldest first; undated last.
    pub events: Vec<LinkedEvent>,
    /// Every quote, grouped by speaker in `quotes_by_speaker` order.
    pub quotes: Vec<Testimony>,
}

/// The schema name of [`Linked`] as JSON.
pub const SCHEMA: &str = "sitrep.linked/1";

/// The version of the linking rules: a kept linked result made by other
/// rules is made again (bump it when a change can change [`Linked`]).
pub const LINKER: u32 = 2;
