//! The extraction record, `sitrep.extract/1`.
//!
//! One record per document: what the document is, its text, and every fact
//! found in it with the character span of the words that support it. The
//! field names and shapes follow the project's specification exactly; new
//! fields may be added, none renamed or dropped without a new schema
//! version. Spans here are `[start, end)` in Unicode scalar values (not
//! bytes) into `text`.
//!
//! The vocabulary the record speaks is typed here too: the kinds of fact
//! ([`FactKind`]), figure categories ([`Category`], compiled from
//! `data/categories.tsv`), qualifiers, date precisions, place kinds,
//! review actions, and document ids ([`DocId`]). Each serializes as the
//! word the specification writes.
//!
//! ```
//! use sitrep_record::{Record, DocumentInfo};
//! let r = Record::new(DocumentInfo { id: "sha256:00".into(), ..Default::default() }, "text".into());
//! let json = serde_json::to_value(&r).unwrap();
//! assert_eq!(json["schema"], "sitrep.extract/1");
//! ```

mod category;
mod id;
mod words;

pub use category::{Category, Group};
pub use id::DocId;
pub use words::{DatePrecision, FactKind, PlaceKind, Qualifier, ReviewAction, UnknownWord};

use serde::{Deserialize, Serialize};

/// The schema name every record carries.
pub const SCHEMA: &str = "sitrep.extract/1";

/// A character span `[start, end)`, serialized as a two-element array.
pub type CharSpan = [usize; 2];

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub schema: String,
    pub document: DocumentInfo,
    /// The text every span indexes; omitted with `--no-text`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub text: Option<String>,
    pub places: Vec<Place>,
    pub actors: Vec<Actor>,
    pub dates: Vec<DateFact>,
    pub figures: Vec<Figure>,
    pub quotes: Vec<Quote>,
    pub events: Vec<Event>,
    /// Version of the extractor that made this record, so it can be
    /// reproduced and re-made when the extractor improves.
    pub extractor: String,
}

impl Record {
    pub fn new(document: DocumentInfo, text: String) -> Record {
        Record { schema: SCHEMA.into(), document, text: Some(text), ..Default::default() }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentInfo {
    /// `sha256:` and the hex hash of the raw input bytes.
    pub id: String,
    pub title: Option<String>,
    /// The document date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// `given`, `text` or `inferred`; null with a null date.
    pub published_source: Option<String>,
    /// ISO 639-1, largest share first.
    pub languages: Vec<String>,
    /// `text`, `html`, `markdown`, `pdf`, `warc` or `json`.
    pub format: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub span: CharSpan,
    pub text: String,
    pub id: String,
    pub name: String,
    pub kind: PlaceKind,
    pub within: Vec<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub pcode: Option<String>,
    /// ISO 3166-1 alpha-2 of the country the place is in.
    #[serde(default)]
    pub country: Option<String>,
    /// How precisely the coordinates locate the place, in ACLED's and
    /// UCDP's codes.
    #[serde(default)]
    pub precision: GeoPrecision,
    /// `gazetteer` (matched to an entry, `id` is the entry's) or `text`
    /// (known only from the words around it: no coordinates).
    #[serde(default)]
    pub basis: String,
    /// Why the extractor took it: how the name matched (`exact name`,
    /// `spelling`, `loose spelling`) and what spoke for it (`cue`,
    /// `locative`, `capitalised`, `prominent`, `focus`, `nearby`,
    /// `country`, `dateline`, `list`, `compass`, `imported`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
}

/// ACLED `geo_precision` (1 the place itself, 2 near or within a known
/// larger place, 3 a region or larger) and UCDP `where_prec` (1 exact, 2
/// within 25 km, 3 second-order administrative unit, 4 first-order, 6
/// country).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GeoPrecision {
    pub acled: u8,
    pub ucdp: u8,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    pub span: CharSpan,
    pub text: String,
    pub id: String,
    pub name: String,
    pub kind: String,
    /// A person's role as the text gives it (`citizen journalist`).
    #[serde(default)]
    pub role: Option<String>,
    /// The span of that role.
    #[serde(default)]
    pub role_span: Option<CharSpan>,
    /// ACLED's name for the actor, where the lexicon has one.
    #[serde(default)]
    pub acled: Option<String>,
    /// ACLED's interaction code (1 state forces, 2 rebels, 3 political
    /// militias, 4 identity militias, 5 rioters, 6 protesters, 7 civilians,
    /// 8 external/other forces).
    #[serde(default)]
    pub inter: Option<u8>,
    /// ISO 3166-1 alpha-2 of the actor's country.
    #[serde(default)]
    pub country: Option<String>,
    /// `participant` (a party to what the text reports) or `reporter` (a
    /// monitor, an agency, a ministry or a witness that documents or tells
    /// of it: a source, not a party).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
    /// Ids of the actors the text says this one fights beside (`backed by`,
    /// `alongside`, `المتحالفة مع`): allies are never each other's
    /// opponents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allies: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DateFact {
    pub span: CharSpan,
    pub text: String,
    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, or `YYYY-MM-DDTHH:MM` by precision.
    pub value: String,
    pub precision: DatePrecision,
    /// Resolved against an anchor (`yesterday`, `on Tuesday`).
    pub relative: bool,
    /// The last day (or month) of a range (`from 12 to 15 December`), in
    /// the form of `value`, which is then its first; absent for one day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub value: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: Qualifier,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub span: CharSpan,
    pub text: String,
    pub quantity: Quantity,
    pub category: Category,
    /// `people`, `attacks`, `things` or `km2`.
    pub unit: String,
    pub date: Option<String>,
    pub place: Option<String>,
    /// Who the text says reported the number.
    pub source: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub span: CharSpan,
    pub text: String,
    pub speaker: Option<String>,
    pub speaker_role: Option<String>,
    pub timecode: Option<String>,
    pub language: String,
    pub translation_of: Option<usize>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Acled {
    pub event_type: String,
    pub sub_event_type: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    pub low: f64,
    pub best: f64,
    pub high: f64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub span: CharSpan,
    #[serde(rename = "type")]
    pub kind: String,
    pub acled: Acled,
    pub date: Option<String>,
    pub date_precision: Option<DatePrecision>,
    pub place: Option<String>,
    pub actors: Vec<String>,
    pub killed: Option<Estimate>,
    pub injured: Option<Estimate>,
    /// The span of the figure `killed` was read from, so a reviewed
    /// figure can correct the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub killed_span: Option<CharSpan>,
    /// The span of the figure `injured` was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub injured_span: Option<CharSpan>,
}

/// An item of a record: it stands on the words of its span.
pub trait Item: Serialize + serde::de::DeserializeOwned + Clone {
    const KIND: FactKind;
    fn span(&self) -> CharSpan;
}

macro_rules! items {
    ($($t:ty => $kind:ident),+) => {
        $(impl Item for $t {
            const KIND: FactKind = FactKind::$kind;
            fn span(&self) -> CharSpan {
                self.span
            }
        })+
    };
}

items!(DateFact => Date, Figure => Figure, Place => Place, Actor => Actor, Quote => Quote, Event => Event);
