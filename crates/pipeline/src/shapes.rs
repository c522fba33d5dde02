//! The JSON the outputs print, in one place, so the command line and the
//! desk answer in the same shapes: `sitrep.figures/1` (claim groups),
//! `sitrep.timeline/1` (events), and the reports of `add` and
//! `reextract`. Field order is the JSON's order.

use crate::add::Outcome;
use serde::Serialize;
use sitrep_link::{ActorInfo, ClaimGroup, DocRef, Linked, LinkedEvent, PlaceInfo, Rule};
use sitrep_store::{Stored, Summary};
use std::collections::BTreeMap;

pub const FIGURES: &str = "sitrep.figures/1";
pub const TIMELINE: &str = "sitrep.timeline/1";

/// Claim groups with the places and documents they name.
#[derive(Serialize)]
pub struct Figures<'a> {
    pub schema: &'static str,
    pub rule: Rule,
    pub rule_text: &'a str,
    pub window_days: i64,
    pub claim_groups: &'a [ClaimGroup],
    pub places: &'a BTreeMap<String, PlaceInfo>,
    pub documents: &'a [DocRef],
}

impl<'a> Figures<'a> {
    /// The figures of a linked archive (already filtered).
    pub fn of(linked: &'a Linked) -> Figures<'a> {
        Figures {
            schema: FIGURES,
            rule: linked.rule,
            rule_text: &linked.rule_text,
            window_days: linked.window_days,
            claim_groups: &linked.claims,
            places: &linked.places,
            documents: &linked.documents,
        }
    }
}

/// Events, as of a timeline version, with what they name.
#[derive(Serialize)]
pub struct Timeline<'a> {
    pub schema: &'static str,
    pub version: i64,
    pub events: &'a [LinkedEvent],
    pub places: &'a BTreeMap<String, PlaceInfo>,
    pub actors: &'a BTreeMap<String, ActorInfo>,
    pub documents: &'a [DocRef],
}

impl<'a> Timeline<'a> {
    /// The events of a linked archive (already filtered), recorded as
    /// timeline `version`.
    pub fn of(linked: &'a Linked, version: i64) -> Timeline<'a> {
        Timeline {
            schema: TIMELINE,
            version,
            events: &linked.events,
            places: &linked.places,
            actors: &linked.actors,
            documents: &linked.documents,
        }
    }
}

/// What `add` did, input by input.
#[derive(Serialize)]
pub struct AddReport<'a> {
    pub added: u64,
    pub present: u64,
    pub failed: u64,
    pub items: &'a [ItemReport],
}

/// One document or input of an [`AddReport`].
#[derive(Clone, Debug, Serialize)]
pub struct ItemReport {
    pub input: String,
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// What `verify --json` prints: the archive's report, the deep check's
/// when asked for, and the comparison with the head expected.
#[derive(Serialize)]
pub struct Verified<'a> {
    #[serde(flatten)]
    pub report: &'a sitrep_store::VerifyReport,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deep: Option<&'a crate::verify::Deep>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<Expected<'a>>,
    /// Whether everything checked out (exit code 0).
    pub ok: bool,
}

/// The head `verify --expect` was given, and whether the archive has it.
#[derive(Serialize)]
pub struct Expected<'a> {
    pub head: &'a str,
    pub matches: bool,
}

/// One document as `list` shows it. Its date is the one its metadata
/// states, else the one its record found in the text (`published_source`
/// says which: `given` for metadata or `--published`, `text` for a date
/// line, `inferred` for the latest date it mentions).
#[derive(Clone, Debug, Serialize)]
pub struct Listed<'a> {
    pub id: &'a str,
    pub published: Option<&'a str>,
    pub published_source: Option<&'a str>,
    pub title: Option<&'a str>,
    pub languages: &'a [String],
    pub format: &'a str,
    pub container: Option<&'a str>,
    pub source: &'a str,
    pub sources: u64,
    pub added_at: &'a str,
    /// The earlier document this one carries the same story as.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copy_of: Option<&'a sitrep_store::CopyRef>,
}

impl<'a> Listed<'a> {
    pub fn of(s: &'a Summary) -> Listed<'a> {
        let (published, how) = match (&s.published, &s.record_date) {
            (Some(p), _) => (Some(p.as_str()), Some("given")),
            (None, Some((d, how))) => (Some(d.as_str()), Some(how.as_str()).filter(|h| !h.is_empty())),
            (None, None) => (None, None),
        };
        Listed {
            id: &s.id,
            published,
            published_source: how,
            title: s.title.as_deref(),
            languages: &s.languages,
            format: &s.format,
            container: s.container.as_deref(),
            source: &s.source,
            sources: s.sources,
            added_at: &s.added_at,
            copy_of: s.copy_of.as_ref(),
        }
    }
}

/// A stored document as `show --json` prints it: every field of
/// [`Stored`], with paragraph and page spans as `[start, end)` in
/// characters of `text`, as the record counts them (the archive keeps
/// them in bytes).
pub fn stored_json(doc: &Stored) -> serde_json::Value {
    let ix = sitrep_text::CharIndex::new(&doc.text);
    let chars = |s: &sitrep_text::Span| {
        let (a, b) = (s.start.min(doc.text.len()), s.end.min(doc.text.len()));
        [ix.char_of(a), ix.char_of(b)]
    };
    let mut v = serde_json::to_value(doc).expect("stored documents serialize");
    v["paragraphs"] =
        doc.paragraphs.iter().map(|p| serde_json::json!({ "span": chars(&p.span), "lang": p.lang })).collect();
    v["pages"] = doc.pages.iter().map(|p| serde_json::json!(chars(p))).collect();
    v
}
