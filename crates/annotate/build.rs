//! Compiles the lexicons under `data/` into Rust (see `data/README.md`).
//!
//! Every data file is read by one parser: comments, `[list label]` group
//! headers, entries, and the examples (`ex:`, `not:`) each group carries.
//! Each entry is checked against its list's columns here, so a typo (an
//! unknown category, a missing field, a number that is not one) stops
//! `cargo build` with the file and line, instead of a panic at run time.
//! The lists become typed statics in `OUT_DIR/lexicon.rs`, which
//! `src/lexicon.rs` includes; the examples become `OUT_DIR/examples.rs`,
//! which `tests/data_examples.rs` runs.

use sitrep_text::fold::fold_key;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// What a column holds: how it is checked and how it is compiled.
#[derive(Clone, Copy, Debug)]
enum Col {
    /// One word, compiled to its lookup key (lowercase Latin, folded Arabic).
    Key,
    /// One or more words to the end of the line, each an entry of its own.
    Keys,
    /// A phrase, its words joined by `_` (`death_toll`).
    Phrase,
    /// One or more phrases to the end of the line.
    Phrases,
    /// A word taken as written.
    Raw,
    /// One or more words to the end of the line, taken as written.
    Raws,
    /// The rest of the line as written, spaces and all.
    Rest,
    /// One of these words.
    Enum(&'static [&'static str]),
    /// A whole number from .. to.
    Int(i64, i64),
    /// A number (`12`, `1.5`, `1e9`).
    Num,
    /// A figure category of `record/data/categories.tsv`.
    Category,
    /// A kind of place (the gazetteer's `Kind`).
    PlaceKind,
    /// An event type named in the `[acled]` list of `events.txt`.
    EventType,
    /// Event types to the end of the line.
    EventTypes,
    /// An ISO 3166-1 alpha-2 code.
    Iso,
    /// The inner column, or nothing (an empty TSV field, a missing last field).
    Opt(&'static Col),
}

impl Col {
    /// Takes the rest of the line.
    fn many(self) -> bool {
        matches!(self, Col::Keys | Col::Phrases | Col::Raws | Col::Rest | Col::EventTypes)
    }
    fn optional(self) -> bool {
        matches!(self, Col::Opt(_))
    }
}

struct List {
    name: &'static str,
    /// The stage that uses the list, which its examples run through; `None`
    /// for lists that are not words (the known failures).
    stage: Option<&'static str>,
    columns: &'static [(&'static str, Col)],
}

const fn list(name: &'static str, stage: &'static str, columns: &'static [(&'static str, Col)]) -> List {
    List { name, stage: Some(stage), columns }
}

const WORDS: &[(&str, Col)] = &[("words", Col::Keys)];
const PHRASES: &[(&str, Col)] = &[("phrases", Col::Phrases)];

/// What a verb of saying does in a frame (`data/reporting_verbs.txt`).
const VERB_KINDS: &[&str] = &["verb", "continuation", "participle", "post", "question", "reply", "relay", "label"];
/// Grammatical gender and number a form shows: masculine, feminine, plural, none.
const GENDERS: &[&str] = &["m", "f", "p", "-"];

/// The directions of `[compass_words]` and `[compass_regions]` (places.txt).
const COMPASS: &[&str] = &["north", "south", "east", "west", "central"];

/// The gazetteer's kinds of place (`sitrep_gazetteer::Kind::parse`), with
/// the variant each compiles to.
const PLACE_KINDS: &[(&str, &str)] = &[
    ("country", "Country"),
    ("region", "Region"),
    ("city", "City"),
    ("town", "Town"),
    ("village", "Village"),
    ("neighbourhood", "Neighbourhood"),
    ("camp", "Camp"),
    ("facility", "Facility"),
    ("road", "Road"),
    ("other", "Other"),
];

const ACTOR_KINDS: &[&str] = &[
    "state-forces",
    "rebel-group",
    "militia",
    "foreign-state",
    "international-org",
    "ngo",
    "civilians",
    "media",
    "other",
];

struct FileSpec {
    path: &'static str,
    /// Fields separated by one TAB, with a column header before the first group.
    tsv: bool,
    lists: &'static [List],
}

/// Every data file and the lists it may hold. A new file or list is added
/// here, with its columns and the stage its examples run through.
const FILES: &[FileSpec] = &[
    FileSpec {
        path: "data/tokens.txt",
        tsv: false,
        lists: &[list("abbreviations", "sentences", WORDS), list("trigger_clitics", "figures", WORDS)],
    },
    FileSpec {
        path: "data/calendar.txt",
        tsv: false,
        lists: &[
            list(
                "calendar",
                "dates",
                &[
                    ("name", Col::Phrase),
                    ("kind", Col::Enum(&["month", "mon", "weekday"])),
                    ("number", Col::Int(1, 12)),
                ],
            ),
            list("ordinals", "dates", &[("phrase", Col::Phrase), ("day", Col::Int(1, 31))]),
        ],
    },
    FileSpec {
        path: "data/dates.txt",
        tsv: false,
        lists: &[
            list("relative", "dates", &[("phrase", Col::Phrase), ("offset", Col::Int(-7, 7))]),
            list("statement_relative", "dates", &[("phrase", Col::Phrase), ("offset", Col::Int(-7, 7))]),
            list("year_frames", "dates", WORDS),
            list("last_week", "dates", &[("phrases", Col::Phrases)]),
            list("range_openers", "dates", WORDS),
            list("range_joiners", "dates", WORDS),
            list("name_after", "dates", WORDS),
            list("name_before", "dates", WORDS),
            list("forward_before", "dates", WORDS),
            list("forward_after", "dates", WORDS),
            list("backward_before", "dates", WORDS),
            list("backward_after", "dates", WORDS),
            list("not_a_date_after", "dates", WORDS),
            list("not_a_date_before", "dates", WORDS),
            list("past_month", "dates", WORDS),
            list("this_month", "dates", WORDS),
            list("month_alone_before", "dates", WORDS),
            list("date_cues", "dates", WORDS),
            list("the_day_after", "dates", WORDS),
            list("year_prefixes", "dates", WORDS),
            list("habitual", "dates", WORDS),
            list("planned", "published", WORDS),
            list("period_starts", "published", WORDS),
            list("page_date_labels", "published", &[("phrases", Col::Phrases)]),
            list("not_page_dates", "published", WORDS),
            list(
                "ago_units",
                "dates",
                &[("unit", Col::Raw), ("days", Col::Int(1, 366)), ("precision", Col::Enum(&["day", "month", "year"]))],
            ),
            list("ago_words", "dates", &[("unit", Col::Raw), ("count", Col::Int(1, 2)), ("words", Col::Keys)]),
            list("ago_plurals", "dates", WORDS),
        ],
    },
    FileSpec {
        path: "data/numbers.txt",
        tsv: false,
        lists: &[
            list(
                "number_words",
                "numbers",
                &[
                    ("word", Col::Key),
                    ("kind", Col::Enum(&["cardinal", "multiplier", "vague", "dozen"])),
                    ("value", Col::Num),
                    ("high", Col::Opt(&Col::Num)),
                ],
            ),
            list(
                "qualifiers",
                "numbers",
                &[
                    ("phrase", Col::Phrase),
                    ("qualifier", Col::Enum(&["over", "at-least", "under", "at-most", "about"])),
                ],
            ),
            list("rise", "numbers", WORDS),
            list("negations", "numbers", WORDS),
            list("pronoun_one_after", "numbers", WORDS),
            list("suffixes", "numbers", &[("suffix", Col::Key), ("multiplier", Col::Num)]),
            list("number_clitics", "numbers", WORDS),
            list("halves", "numbers", WORDS),
            list("duals", "numbers", WORDS),
        ],
    },
    FileSpec {
        path: "data/figures.txt",
        tsv: false,
        lists: &[
            list(
                "triggers",
                "figures",
                &[
                    ("category", Col::Category),
                    ("side", Col::Enum(&["after", "next", "before"])),
                    ("words", Col::Phrases),
                ],
            ),
            list("units", "figures", WORDS),
            list("unit_adjectives", "figures", WORDS),
            list("duration_before", "figures", WORDS),
            list("year_before", "figures", WORDS),
            list("age_before", "figures", WORDS),
            list("distance_units", "figures", WORDS),
            list("square_words", "figures", WORDS),
            list("area_words", "figures", WORDS),
            list("confinement", "figures", WORDS),
            list("gap_blockers", "figures", WORDS),
            list("descriptions", "figures", &[("phrases", Col::Phrases)]),
            list("not_counts_before", "figures", &[("phrases", Col::Phrases)]),
            list("not_people", "figures", WORDS),
            list("breakdowns", "figures", &[("phrases", Col::Phrases)]),
            list("breakdowns_after", "figures", &[("phrases", Col::Phrases)]),
            list("next_only", "figures", WORDS),
            list("appositions", "figures", &[("phrases", Col::Phrases)]),
            list("relative_starts", "figures", WORDS),
            list("auxiliaries", "figures", WORDS),
            list("toll_heads", "figures", &[("phrases", Col::Phrases)]),
            list("death_tolls", "figures", WORDS),
            list("toll_links", "figures", WORDS),
            list("exceeding", "figures", WORDS),
            list("among", "figures", &[("phrases", Col::Phrases)]),
            list("died_of_wounds", "figures", &[("phrases", Col::Phrases)]),
            list("source_markers", "figures", &[("phrases", Col::Phrases)]),
        ],
    },
    FileSpec {
        path: "data/events.txt",
        tsv: false,
        lists: &[
            list("acled", "events", &[("type", Col::Raw), ("mapping", Col::Rest)]),
            list("pointed", "events", &[("types", Col::EventTypes)]),
            list("event_triggers", "events", &[("type", Col::EventType), ("words", Col::Phrases)]),
            list("weak_triggers", "events", &[("type", Col::EventType), ("words", Col::Phrases)]),
            list("present_auxiliaries", "events", WORDS),
            list("agentive", "events", WORDS),
            list("perpetrators", "events", WORDS),
            list("fire_verbs", "events", WORDS),
            list("exchange_words", "events", WORDS),
            list("another", "events", WORDS),
            list("length_units", "events", WORDS),
            list("anaphors", "events", WORDS),
            list("other_senses", "events", WORDS),
            list("relatives", "events", WORDS),
            list("past_verbs", "events", WORDS),
            list("adjectival", "events", WORDS),
            list("adjectival_unless_next", "events", WORDS),
        ],
    },
    FileSpec {
        path: "data/factuality.txt",
        tsv: false,
        lists: &[
            list(
                "markers",
                "events",
                &[
                    (
                        "class",
                        Col::Enum(&[
                            "negation",
                            "modality",
                            "fear",
                            "plan",
                            "conditional",
                            "imagination",
                            "question",
                            "appeal",
                            "history",
                            "denial",
                            "caption",
                            "state",
                            "keep",
                        ]),
                    ),
                    (
                        "scope",
                        Col::Enum(&[
                            "near",
                            "before",
                            "clause",
                            "complement",
                            "after",
                            "around",
                            "sentence",
                            "paragraph",
                            "line",
                            "keep",
                        ]),
                    ),
                    ("phrases", Col::Phrases),
                ],
            ),
            list("clause_breaks", "events", &[("phrases", Col::Phrases)]),
        ],
    },
    FileSpec {
        path: "data/places.txt",
        tsv: false,
        lists: &[
            list("place_particles", "places", WORDS),
            list("locatives", "places", WORDS),
            list("border_words", "places", WORDS),
            list("arabic_name_heads", "places", WORDS),
            list("arabic_directions", "places", WORDS),
            list("directions", "places", &[("word", Col::Key), ("suffix", Col::Raw)]),
            list("compass_words", "places", &[("word", Col::Key), ("direction", Col::Enum(COMPASS))]),
            list(
                "compass_regions",
                "places",
                &[
                    ("direction", Col::Enum(COMPASS)),
                    ("place", Col::Phrase),
                    ("country", Col::Iso),
                    ("name", Col::Phrase),
                ],
            ),
            list("arabic_cue_stops", "places", WORDS),
            list("list_marks", "places", &[("marks", Col::Raws)]),
            list("group_words", "places", WORDS),
            list("name_fillers", "places", WORDS),
            list("aside_words", "places", WORDS),
        ],
    },
    FileSpec { path: "data/common_words.txt", tsv: false, lists: &[list("common_words", "places", WORDS)] },
    FileSpec {
        path: "data/operators.txt",
        tsv: false,
        lists: &[
            list("aircraft", "actors", &[("phrases", Col::Phrases)]),
            list("aircraft_fillers", "actors", WORDS),
            list("operators", "actors", &[("word", Col::Key), ("operator", Col::Raw)]),
            list("air_forces", "actors", &[("country", Col::Iso), ("actor", Col::Raw)]),
            list("command_heads", "actors", &[("phrases", Col::Phrases)]),
            list("ally_words", "actors", &[("phrases", Col::Phrases)]),
            list("documenting", "actors", WORDS),
            list("reporting_kinds", "actors", &[("kinds", Col::Raws)]),
        ],
    },
    FileSpec {
        path: "data/place_cues.txt",
        tsv: false,
        lists: &[list(
            "cues",
            "places",
            &[
                ("word", Col::Key),
                ("kind", Col::PlaceKind),
                ("side", Col::Enum(&["before", "after", "list", "before-direct", "before-name", "after-name"])),
            ],
        )],
    },
    FileSpec { path: "data/not_places.txt", tsv: false, lists: &[list("not_places", "places", WORDS)] },
    FileSpec {
        path: "data/demonyms.txt",
        tsv: false,
        lists: &[list("demonyms", "places", &[("adjective", Col::Key), ("country", Col::Iso)])],
    },
    FileSpec { path: "data/given_names.txt", tsv: false, lists: &[list("given_names", "places", WORDS)] },
    FileSpec {
        path: "data/names.txt",
        tsv: false,
        lists: &[
            list("name_particles", "actors", WORDS),
            list("arabic_name_stops", "actors", WORDS),
            list("arabic_not_names", "actors", WORDS),
        ],
    },
    FileSpec {
        path: "data/roles.tsv",
        tsv: true,
        lists: &[list(
            "roles",
            "actors",
            &[("lang", Col::Enum(&["en", "ar"])), ("phrase", Col::Rest), ("title", Col::Opt(&Col::Enum(&["title"])))],
        )],
    },
    FileSpec {
        path: "data/actors.tsv",
        tsv: true,
        lists: &[list(
            "actors",
            "actors",
            &[
                ("id", Col::Raw),
                ("kind", Col::Enum(ACTOR_KINDS)),
                ("inter", Col::Opt(&Col::Int(1, 8))),
                ("country", Col::Opt(&Col::Iso)),
                ("name", Col::Rest),
                ("acled", Col::Opt(&Col::Rest)),
                ("aliases", Col::Rest),
            ],
        )],
    },
    FileSpec {
        path: "data/reporting_verbs.txt",
        tsv: false,
        lists: &[
            list(
                "verbs",
                "quotes",
                &[("kind", Col::Enum(VERB_KINDS)), ("gender", Col::Enum(GENDERS)), ("words", Col::Keys)],
            ),
            list("needs_frame", "quotes", WORDS),
            list("according_to", "quotes", PHRASES),
            list("complementisers", "quotes", WORDS),
            list("statement_nouns", "quotes", WORDS),
            list("issue_verbs", "quotes", WORDS),
            list("speech_nouns", "quotes", WORDS),
            list("back_refs", "quotes", PHRASES),
            list("block_openers", "quotes", PHRASES),
            list("answer_nouns", "quotes", WORDS),
            list("sentence_verbs", "quotes", WORDS),
        ],
    },
    FileSpec {
        path: "data/speakers.txt",
        tsv: false,
        lists: &[
            list("org_heads", "quotes", WORDS),
            list("group_nouns", "quotes", WORDS),
            list("person_nouns", "quotes", WORDS),
            list("generic_people", "quotes", WORDS),
            list("generic_bodies", "quotes", WORDS),
            list("female_words", "quotes", WORDS),
            list("male_words", "quotes", WORDS),
            list("arabic_given_names", "quotes", &[("gender", Col::Enum(GENDERS)), ("words", Col::Keys)]),
            list("latin_given_genders", "quotes", &[("gender", Col::Enum(GENDERS)), ("words", Col::Keys)]),
            list("kunya", "quotes", WORDS),
            list("title_links", "quotes", WORDS),
            list("addressee_nouns", "quotes", WORDS),
            list("pp_heads", "quotes", WORDS),
            list("pp_nouns", "quotes", WORDS),
            list("time_words", "quotes", WORDS),
            list("slot_skips", "quotes", WORDS),
            list("openers", "quotes", PHRASES),
            list("relatives", "quotes", WORDS),
            list("clause_words", "quotes", WORDS),
            list("anonymity", "quotes", WORDS),
            list("pronouns", "quotes", &[("gender", Col::Enum(GENDERS)), ("words", Col::Keys)]),
        ],
    },
    FileSpec {
        path: "data/quotes.txt",
        tsv: false,
        lists: &[
            list("not_speaker_starts", "quotes", &[("words", Col::Raws)]),
            list("credit_labels", "quotes", WORDS),
            list("name_nouns", "quotes", WORDS),
            list("interview_headers", "quotes", PHRASES),
            list("interview_cues", "quotes", PHRASES),
            list("interviewer_labels", "quotes", WORDS),
        ],
    },
    FileSpec {
        path: "data/conflict_calendar.tsv",
        tsv: true,
        lists: &[list(
            "conflict_calendar",
            "published",
            &[
                ("country", Col::Iso),
                ("region", Col::Opt(&Col::Rest)),
                ("year", Col::Int(1900, 2100)),
                ("month", Col::Int(1, 12)),
                ("events", Col::Int(1, 4_000_000_000)),
                ("deaths", Col::Int(0, 4_000_000_000)),
            ],
        )],
    },
    FileSpec {
        path: "data/known_failures.txt",
        tsv: false,
        lists: &[List { name: "known_failures", stage: None, columns: &[("id", Col::Raw)] }],
    },
];

/// One entry: its line and its fields, one per column (a column that takes
/// the rest of the line holds all of it; a missing optional field is empty).
struct Entry {
    line: usize,
    fields: Vec<Field>,
}

enum Field {
    One(String),
    Many(Vec<String>),
}

impl Field {
    fn one(&self) -> &str {
        match self {
            Field::One(s) => s,
            Field::Many(v) => v.first().map_or("", String::as_str),
        }
    }
    fn many(&self) -> Vec<&str> {
        match self {
            Field::One(s) => vec![s.as_str()],
            Field::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

struct Example {
    id: String,
    line: usize,
    negative: bool,
    text: String,
    expect: Option<String>,
}

struct Group {
    list: &'static List,
    name: String,
    line: usize,
    entries: Vec<Entry>,
    examples: Vec<Example>,
}

struct File {
    spec: &'static FileSpec,
    /// The file name without extension: the generated module, and the
    /// first part of its case ids.
    stem: String,
    groups: Vec<Group>,
}

/// Problems found, each `path:line: message`; the build fails if any.
struct Errors {
    dir: PathBuf,
    list: Vec<String>,
}

impl Errors {
    fn at(&mut self, path: &str, line: usize, msg: impl std::fmt::Display) {
        let shown = self.dir.join(path);
        self.list.push(format!("{}:{line}: {msg}", shown.display()));
    }
}

/// The lookup key of a word, as tokens carry it (`src/lexicon.rs::key`).
fn key(word: &str) -> String {
    if word.is_ascii() {
        word.to_lowercase()
    } else {
        fold_key(word)
    }
}

/// The words of a phrase field (`_` joins them in .txt files).
fn phrase_words(phrase: &str) -> Vec<&str> {
    phrase.split('_').collect()
}

struct Vocabulary {
    /// Figure category → unit, from `record/data/categories.tsv`.
    categories: Vec<(String, String)>,
    /// Event types of `[acled]` in events.txt.
    event_types: HashSet<String>,
}

/// Checks one field against its column; `Some(message)` when it is wrong.
fn check(col: Col, value: &str, vocab: &Vocabulary) -> Option<String> {
    let ident = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    match col {
        Col::Opt(inner) => (!value.is_empty()).then(|| check(*inner, value, vocab)).flatten(),
        _ if value.is_empty() => Some("an empty field".into()),
        Col::Key | Col::Keys if value.contains('_') => {
            Some(format!("{value:?}: a word list takes single words (`_` joins phrases only in phrase lists)"))
        }
        Col::Key | Col::Keys | Col::Raw | Col::Raws | Col::Rest | Col::Phrase | Col::Phrases => None,
        Col::Enum(options) => {
            (!options.contains(&value)).then(|| format!("{value:?} is not one of {}", options.join(", ")))
        }
        Col::Int(lo, hi) => match value.parse::<i64>() {
            Ok(n) if (lo..=hi).contains(&n) => None,
            Ok(n) => Some(format!("{n} is outside {lo}..={hi}")),
            Err(_) => Some(format!("{value:?} is not a whole number")),
        },
        Col::Num => match value.parse::<f64>() {
            Ok(n) if n.is_finite() => None,
            _ => Some(format!("{value:?} is not a number")),
        },
        Col::Category => (!vocab.categories.iter().any(|(c, _)| c == value)).then(|| {
            let known: Vec<&str> = vocab.categories.iter().map(|(c, _)| c.as_str()).collect();
            format!("unknown category {value:?} (record/data/categories.tsv has {})", known.join(", "))
        }),
        Col::PlaceKind => (!PLACE_KINDS.iter().any(|(k, _)| *k == value)).then(|| {
            let known: Vec<&str> = PLACE_KINDS.iter().map(|(k, _)| *k).collect();
            format!("unknown kind of place {value:?} (one of {})", known.join(", "))
        }),
        Col::EventType | Col::EventTypes => (!ident(value) || !vocab.event_types.contains(value))
            .then(|| format!("unknown event type {value:?} (the types are those of [acled] in events.txt)")),
        Col::Iso => (!(value.len() == 2 && value.chars().all(|c| c.is_ascii_uppercase())))
            .then(|| format!("{value:?} is not an ISO 3166-1 alpha-2 code (two capital letters)")),
    }
}

/// Reads one data file: the one grammar every file shares.
fn parse(spec: &'static FileSpec, text: &str, errors: &mut Errors) -> File {
    let stem = Path::new(spec.path).file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
    let mut file = File { spec, stem, groups: Vec::new() };
    let mut header_seen = !spec.tsv;
    let mut names: HashSet<String> = HashSet::new();
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if !header_seen {
            // A TSV file opens with its column names.
            let want: Vec<&str> = spec.lists[0].columns.iter().map(|c| c.0).collect();
            let got: Vec<&str> = raw.split('\t').collect();
            if got != want {
                errors.at(spec.path, line, format!("the column header must be {:?}, found {got:?}", want.join("\t")));
            }
            header_seen = true;
            continue;
        }
        if let Some(inner) = trimmed.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            let mut parts = inner.split_whitespace();
            let list_name = parts.next().unwrap_or("");
            let label = parts.next();
            if parts.next().is_some() {
                errors.at(spec.path, line, "a group header is `[list]` or `[list label]`");
            }
            let Some(list) = spec.lists.iter().find(|l| l.name == list_name) else {
                let known: Vec<&str> = spec.lists.iter().map(|l| l.name).collect();
                errors.at(spec.path, line, format!("unknown list [{list_name}]: this file holds {}", known.join(", ")));
                continue;
            };
            let name = label.unwrap_or(list_name).to_string();
            if !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-') {
                errors.at(spec.path, line, format!("group name {name:?}: use lowercase letters, digits, `_` and `-`"));
            }
            if !names.insert(name.clone()) {
                errors.at(
                    spec.path,
                    line,
                    format!("a second group named {name:?}: give it a label, `[{list_name} label]`"),
                );
            }
            file.groups.push(Group { list, name, line, entries: Vec::new(), examples: Vec::new() });
            continue;
        }
        let Some(group) = file.groups.last_mut() else {
            errors.at(spec.path, line, "an entry before any `[list]` header");
            continue;
        };
        let example =
            trimmed.strip_prefix("ex:").map(|r| (false, r)).or_else(|| trimmed.strip_prefix("not:").map(|r| (true, r)));
        if let Some((negative, rest)) = example {
            let (text, expect) = match rest.rsplit_once(" => ") {
                Some((t, e)) => (t.trim(), Some(e.trim().to_string())),
                None if rest.trim_end().ends_with(" =>") => (rest.trim_end().trim_end_matches("=>").trim(), None),
                None => (rest.trim(), None),
            };
            if !negative && expect.is_none() {
                errors.at(spec.path, line, "an example says what the stage finds: `ex: TEXT => FACT; FACT`");
            }
            if text.is_empty() {
                errors.at(spec.path, line, "an example without text");
            }
            if let Some(e) = &expect {
                if e.matches('"').count() % 2 == 1 {
                    errors.at(spec.path, line, "an unclosed `\"` in the expected facts");
                }
            }
            // The id names the case by its first words, so it stays when
            // examples are added around it.
            let mut id = format!("{}/{}/{}", file.stem, group.name, slug(text));
            let same = group.examples.iter().filter(|e| e.id == id || e.id.starts_with(&format!("{id}~"))).count();
            if same > 0 {
                id = format!("{id}~{}", same + 1);
            }
            let text = text.replace("\\n", "\n");
            group.examples.push(Example { id, line, negative, text, expect });
            continue;
        }
        let columns = group.list.columns;
        let mut fields = Vec::new();
        if spec.tsv {
            let cells: Vec<&str> = raw.split('\t').collect();
            let required = columns.iter().filter(|c| !c.1.optional()).count();
            if cells.len() > columns.len() || cells.len() < required.min(columns.len()) {
                errors.at(
                    spec.path,
                    line,
                    format!("{} fields, expected {} (TAB-separated)", cells.len(), columns.len()),
                );
                continue;
            }
            for (i, (name, col)) in columns.iter().enumerate() {
                let cell = cells.get(i).copied().unwrap_or("");
                if cell != cell.trim() {
                    errors.at(spec.path, line, format!("{name}: spaces around {cell:?}"));
                }
                if let Some(msg) = check(*col, cell, &Vocabulary::empty()) {
                    if !matches!(col, Col::Category | Col::EventType | Col::EventTypes) {
                        errors.at(spec.path, line, format!("{name}: {msg}"));
                    }
                }
                fields.push(Field::One(cell.to_string()));
            }
        } else {
            let words: Vec<&str> = trimmed.split_whitespace().collect();
            let mut at = 0;
            let mut ok = true;
            for (i, (name, col)) in columns.iter().enumerate() {
                if col.many() {
                    let rest = &words[at.min(words.len())..];
                    if rest.is_empty() {
                        errors.at(spec.path, line, format!("no {name}: expected {}", columns_help(columns)));
                        ok = false;
                        break;
                    }
                    fields.push(match col {
                        Col::Rest => Field::One(rest.join(" ")),
                        _ => Field::Many(rest.iter().map(|w| w.to_string()).collect()),
                    });
                    at = words.len();
                    break;
                }
                match words.get(at) {
                    Some(w) => fields.push(Field::One(w.to_string())),
                    None if col.optional() => fields.push(Field::One(String::new())),
                    None => {
                        errors.at(
                            spec.path,
                            line,
                            format!("no {name} (field {}): expected {}", i + 1, columns_help(columns)),
                        );
                        ok = false;
                        break;
                    }
                }
                at += 1;
            }
            if ok && at < words.len() {
                errors.at(
                    spec.path,
                    line,
                    format!("{} fields, expected {}: {}", words.len(), columns.len(), columns_help(columns)),
                );
                ok = false;
            }
            if !ok {
                continue;
            }
        }
        group.entries.push(Entry { line, fields });
    }
    file
}

/// The first six words of an example, lowercased, letters and digits only:
/// `Shelling killed 17 people in the market.` → `shelling-killed-17-people-in-the`.
fn slug(text: &str) -> String {
    let words: Vec<String> = text
        .replace("\\n", " ")
        .split_whitespace()
        .map(|w| w.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>())
        .filter(|w| !w.is_empty())
        .take(6)
        .collect();
    words.join("-")
}

fn columns_help(columns: &[(&str, Col)]) -> String {
    let names: Vec<String> = columns
        .iter()
        .map(|(n, c)| {
            if c.many() {
                format!("{n}…")
            } else if c.optional() {
                format!("[{n}]")
            } else {
                n.to_string()
            }
        })
        .collect();
    format!("`{}`", names.join(" "))
}

impl Vocabulary {
    fn empty() -> Vocabulary {
        Vocabulary { categories: Vec::new(), event_types: HashSet::new() }
    }
}

/// The checks that need another file: categories, event types, and each
/// column's type once the vocabulary is known.
fn check_file(file: &File, vocab: &Vocabulary, errors: &mut Errors) {
    let path = file.spec.path;
    for g in &file.groups {
        if g.list.stage.is_some() && g.examples.is_empty() {
            errors.at(
                path,
                g.line,
                format!("group [{}] has no example: add `ex: TEXT => FACT` or `not: TEXT`", g.name),
            );
        }
        if g.list.stage.is_none() && !g.examples.is_empty() {
            errors.at(path, g.examples[0].line, format!("[{}] is not a word list: it takes no examples", g.list.name));
        }
        for e in &g.entries {
            for ((name, col), field) in g.list.columns.iter().zip(&e.fields) {
                let cross = matches!(col, Col::Category | Col::EventType | Col::EventTypes);
                if file.spec.tsv && !cross {
                    continue; // checked while reading
                }
                for v in field.many() {
                    if let Some(msg) = check(*col, v, vocab) {
                        errors.at(path, e.line, format!("{name}: {msg}"));
                    }
                }
            }
        }
    }
}

fn lit(s: &str) -> String {
    format!("{s:?}")
}

fn num_lit(s: &str) -> String {
    let v: f64 = s.parse().unwrap_or(0.0);
    format!("{v:?}")
}

fn str_slice<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let parts: Vec<String> = items.into_iter().map(lit).collect();
    format!("&[{}]", parts.join(", "))
}

/// The entries of every group of `list` in a file, in file order.
fn entries<'a>(file: &'a File, list: &str) -> impl Iterator<Item = &'a Entry> + 'a {
    let list = list.to_string();
    file.groups.iter().filter(move |g| g.list.name == list).flat_map(|g| &g.entries)
}

/// A word list: every word's key, in file order.
fn word_keys(file: &File, list: &str) -> Vec<String> {
    entries(file, list).flat_map(|e| e.fields[0].many()).map(key).collect()
}

/// Writes the statics of one file's module.
fn emit(file: &File, vocab: &Vocabulary, out: &mut String, errors: &mut Errors) {
    let _ = writeln!(
        out,
        "/// Compiled from `{}`.\n#[allow(clippy::all)]\npub(crate) mod {} {{",
        file.spec.path, file.stem
    );
    let mut done: HashSet<&str> = HashSet::new();
    for list in file.spec.lists {
        if !done.insert(list.name) {
            continue;
        }
        let upper = list.name.to_uppercase();
        let mut rows: Vec<String> = Vec::new();
        let mut typ = "&str";
        match list.name {
            "calendar" => {
                typ = "(&str, crate::calendar::Cal)";
                let mut seen: HashMap<String, String> = HashMap::new();
                let mut starts: Vec<String> = Vec::new();
                for e in entries(file, list.name) {
                    let name = e.fields[0].one().replace('_', " ");
                    let n: i64 = e.fields[2].one().parse().unwrap_or(0);
                    let kind = e.fields[1].one();
                    let cal = match kind {
                        "weekday" if n > 7 => {
                            errors.at(
                                file.spec.path,
                                e.line,
                                format!("weekday {n}: weekdays are 1 (Monday) to 7 (Sunday)"),
                            );
                            continue;
                        }
                        "weekday" => {
                            let days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
                            format!("crate::calendar::Cal::Weekday(jiff::civil::Weekday::{})", days[n as usize - 1])
                        }
                        "month" => format!("crate::calendar::Cal::Month({n})"),
                        _ => format!("crate::calendar::Cal::Mon({n})"),
                    };
                    let k = key(&name);
                    if let Some(prev) = seen.insert(k.clone(), cal.clone()).filter(|p| *p != cal) {
                        errors.at(file.spec.path, e.line, format!("{name:?} is already {prev} in this file"));
                    }
                    if let Some((first, _)) = k.split_once(' ') {
                        if !starts.iter().any(|s| s == first) {
                            starts.push(first.to_string());
                        }
                    }
                    rows.push(format!("({}, {cal})", lit(&k)));
                }
                let _ = writeln!(
                    out,
                    "    /// First words of the names of two words (`كانون الأول`).\n    pub(crate) static TWO_WORD_STARTS: &[&str] = {};",
                    str_slice(starts.iter().map(String::as_str))
                );
            }
            "ordinals" => {
                typ = "(&[&str], i8)";
                for e in entries(file, list.name) {
                    let words: Vec<String> = phrase_words(e.fields[0].one()).into_iter().map(key).collect();
                    rows.push(format!("({}, {})", str_slice(words.iter().map(String::as_str)), e.fields[1].one()));
                }
            }
            "relative" | "statement_relative" => {
                typ = "(&[&str], i64)";
                for e in entries(file, list.name) {
                    let words: Vec<String> = phrase_words(e.fields[0].one()).into_iter().map(key).collect();
                    rows.push(format!("({}, {})", str_slice(words.iter().map(String::as_str)), e.fields[1].one()));
                }
            }
            "ago_units" => {
                typ = "crate::lexicon::AgoUnit";
                let words: Vec<&Entry> =
                    file.groups.iter().filter(|g| g.list.name == "ago_words").flat_map(|g| &g.entries).collect();
                let units: Vec<&Entry> = entries(file, list.name).collect();
                for w in &words {
                    if !units.iter().any(|u| u.fields[0].one() == w.fields[0].one()) {
                        errors.at(
                            file.spec.path,
                            w.line,
                            format!("unit {:?} is not in [ago_units]", w.fields[0].one()),
                        );
                    }
                }
                for u in units {
                    let of = |count: &str| -> Vec<String> {
                        words
                            .iter()
                            .filter(|w| w.fields[0].one() == u.fields[0].one() && w.fields[1].one() == count)
                            .flat_map(|w| w.fields[2].many())
                            .map(key)
                            .collect()
                    };
                    let (ones, twos) = (of("1"), of("2"));
                    if ones.is_empty() {
                        errors.at(
                            file.spec.path,
                            u.line,
                            format!("unit {:?} has no words in [ago_words]", u.fields[0].one()),
                        );
                    }
                    let precision = match u.fields[2].one() {
                        "month" => "Month",
                        "year" => "Year",
                        _ => "Day",
                    };
                    rows.push(format!(
                        "crate::lexicon::AgoUnit {{ words: {}, duals: {}, days: {}, precision: crate::dates::Precision::{precision} }}",
                        str_slice(ones.iter().map(String::as_str)),
                        str_slice(twos.iter().map(String::as_str)),
                        u.fields[1].one()
                    ));
                }
            }
            "ago_words" => continue,
            "number_words" => {
                typ = "(&str, crate::numbers::WordKind)";
                let mut seen: HashMap<String, String> = HashMap::new();
                for e in entries(file, list.name) {
                    let (word, kind, value, high) =
                        (e.fields[0].one(), e.fields[1].one(), e.fields[2].one(), e.fields[3].one());
                    if (kind == "vague") == high.is_empty() {
                        errors.at(
                            file.spec.path,
                            e.line,
                            "a vague amount has a value and a high; other kinds only a value",
                        );
                        continue;
                    }
                    let wk = match kind {
                        "cardinal" => format!("crate::numbers::WordKind::Cardinal({})", num_lit(value)),
                        "multiplier" => format!("crate::numbers::WordKind::Multiplier({})", num_lit(value)),
                        "vague" => format!("crate::numbers::WordKind::Vague({}, {})", num_lit(value), num_lit(high)),
                        _ => "crate::numbers::WordKind::Dozen".to_string(),
                    };
                    let k = key(word);
                    if let Some(prev) = seen.insert(k.clone(), wk.clone()).filter(|p| *p != wk) {
                        errors.at(file.spec.path, e.line, format!("{word:?} is already {prev} in this file"));
                    }
                    rows.push(format!("({}, {wk})", lit(&k)));
                }
            }
            "qualifiers" => {
                typ = "(&[&str], crate::numbers::Qualifier)";
                for e in entries(file, list.name) {
                    let words: Vec<String> = phrase_words(e.fields[0].one()).into_iter().map(key).collect();
                    let q = match e.fields[1].one() {
                        "over" => "Over",
                        "at-least" => "AtLeast",
                        "under" => "Under",
                        "at-most" => "AtMost",
                        _ => "About",
                    };
                    rows.push(format!(
                        "({}, crate::numbers::Qualifier::{q})",
                        str_slice(words.iter().map(String::as_str))
                    ));
                }
            }
            "suffixes" => {
                typ = "(&str, f64)";
                for e in entries(file, list.name) {
                    rows.push(format!("({}, {})", lit(&key(e.fields[0].one())), num_lit(e.fields[1].one())));
                }
            }
            "triggers" => {
                typ = "crate::lexicon::FigureTrigger";
                for e in entries(file, list.name) {
                    let category = e.fields[0].one();
                    let unit = vocab.categories.iter().find(|(c, _)| c == category).map_or("", |(_, u)| u.as_str());
                    let after = e.fields[1].one() != "before";
                    for phrase in e.fields[2].many() {
                        let words: Vec<String> = phrase_words(phrase).into_iter().map(key).collect();
                        rows.push(format!(
                            "crate::lexicon::FigureTrigger {{ category: {}, unit: {}, after: {after}, words: {} }}",
                            lit(category),
                            lit(unit),
                            str_slice(words.iter().map(String::as_str))
                        ));
                    }
                }
            }
            "markers" => {
                typ = "(crate::factuality::Class, crate::factuality::Scope, &[&str])";
                let upper_first = |w: &str| {
                    let mut c = w.chars();
                    c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
                };
                for e in entries(file, list.name) {
                    let class = upper_first(e.fields[0].one());
                    let scope = upper_first(e.fields[1].one());
                    for phrase in e.fields[2].many() {
                        let words: Vec<String> = phrase_words(phrase).into_iter().map(key).collect();
                        rows.push(format!(
                            "(crate::factuality::Class::{class}, crate::factuality::Scope::{scope}, {})",
                            str_slice(words.iter().map(String::as_str))
                        ));
                    }
                }
            }
            "source_markers" | "clause_breaks" | "page_date_labels" | "last_week" | "descriptions"
            | "not_counts_before" | "breakdowns" | "breakdowns_after" | "appositions" | "toll_heads" | "among"
            | "died_of_wounds" => {
                typ = "&[&str]";
                for e in entries(file, list.name) {
                    for phrase in e.fields[0].many() {
                        let words: Vec<String> = phrase_words(phrase).into_iter().map(key).collect();
                        rows.push(str_slice(words.iter().map(String::as_str)));
                    }
                }
            }
            "acled" => {
                typ = "(&str, &str, &str)";
                for e in entries(file, list.name) {
                    let mapping = e.fields[1].one();
                    match mapping.split_once('|') {
                        Some((t, s)) if !s.contains('|') && !t.trim().is_empty() && !s.trim().is_empty() => {
                            rows.push(format!("({}, {}, {})", lit(e.fields[0].one()), lit(t.trim()), lit(s.trim())));
                        }
                        _ => errors.at(file.spec.path, e.line, "the mapping is `Event type | Sub-event type`"),
                    }
                }
            }
            "pointed" => {
                rows = entries(file, list.name).flat_map(|e| e.fields[0].many()).map(lit).collect();
            }
            "event_triggers" | "weak_triggers" => {
                // Tokenized when loaded, as the text is (`cease-fire`).
                typ = "(&str, &str)";
                for e in entries(file, list.name) {
                    for phrase in e.fields[1].many() {
                        rows.push(format!("({}, {})", lit(e.fields[0].one()), lit(&phrase.replace('_', " "))));
                    }
                }
            }
            "directions" => {
                typ = "(&str, &str)";
                for e in entries(file, list.name) {
                    rows.push(format!("({}, {})", lit(&key(e.fields[0].one())), lit(e.fields[1].one())));
                }
            }
            "cues" => {
                // (word, kind, before, list, direct, keep): `direct` when the
                // name follows the cue at once (`Boulevard X`, not `village
                // of X`), `keep` when the cue word is part of the name.
                typ = "(&str, sitrep_gazetteer::Kind, bool, bool, bool, bool)";
                for e in entries(file, list.name) {
                    let kind = PLACE_KINDS.iter().find(|(k, _)| *k == e.fields[1].one()).map_or("Other", |(_, v)| v);
                    let (before, list, direct, keep) = match e.fields[2].one() {
                        "before" => (true, false, false, false),
                        "after" => (false, false, false, false),
                        "before-direct" => (true, false, true, false),
                        "before-name" => (true, false, true, true),
                        "after-name" => (false, false, false, true),
                        _ => (true, true, false, false),
                    };
                    rows.push(format!(
                        "({}, sitrep_gazetteer::Kind::{kind}, {before}, {list}, {direct}, {keep})",
                        lit(&key(e.fields[0].one()))
                    ));
                }
            }
            "operators" | "air_forces" => {
                typ = "(&str, &str)";
                for e in entries(file, list.name) {
                    let k =
                        if list.name == "operators" { key(e.fields[0].one()) } else { e.fields[0].one().to_string() };
                    rows.push(format!("({}, {})", lit(&k), lit(e.fields[1].one())));
                }
            }
            "aircraft" | "command_heads" | "ally_words" => {
                // Each phrase as the keys of its words.
                typ = "&[&str]";
                for e in entries(file, list.name) {
                    for phrase in e.fields[0].many() {
                        let words: Vec<String> = phrase_words(phrase).into_iter().map(key).collect();
                        rows.push(str_slice(words.iter().map(String::as_str)));
                    }
                }
            }
            "reporting_kinds" => {
                for e in entries(file, list.name) {
                    for k in e.fields[0].many() {
                        rows.push(lit(k));
                    }
                }
            }
            "compass_words" => {
                typ = "(&str, &str)";
                for e in entries(file, list.name) {
                    rows.push(format!("({}, {})", lit(&key(e.fields[0].one())), lit(e.fields[1].one())));
                }
            }
            "compass_regions" => {
                // (direction, the place's words as keys joined by spaces,
                // country, the region's name as written).
                typ = "(&str, &str, &str, &str)";
                for e in entries(file, list.name) {
                    let place: Vec<String> = phrase_words(e.fields[1].one()).into_iter().map(key).collect();
                    rows.push(format!(
                        "({}, {}, {}, {})",
                        lit(e.fields[0].one()),
                        lit(&place.join(" ")),
                        lit(e.fields[2].one()),
                        lit(&e.fields[3].one().replace('_', " "))
                    ));
                }
            }
            "list_marks" => {
                for e in entries(file, list.name) {
                    for m in e.fields[0].many() {
                        rows.push(lit(m));
                    }
                }
            }
            "demonyms" => {
                typ = "(&str, &str)";
                for e in entries(file, list.name) {
                    rows.push(format!("({}, {})", lit(&key(e.fields[0].one())), lit(e.fields[1].one())));
                }
            }
            "roles" => {
                // Tokenized when loaded, as the text is (`Lt. Gen.`).
                typ = "(&str, bool)";
                for e in entries(file, list.name) {
                    rows.push(format!("({}, {})", lit(e.fields[1].one()), e.fields[2].one() == "title"));
                }
            }
            "actors" => {
                typ = "crate::lexicon::ActorRow";
                let mut ids: HashSet<&str> = HashSet::new();
                for e in entries(file, list.name) {
                    let f: Vec<&str> = e.fields.iter().map(Field::one).collect();
                    if !ids.insert(f[0]) {
                        errors.at(file.spec.path, e.line, format!("id {:?} is used twice", f[0]));
                    }
                    let opt = |s: &str| if s.is_empty() { "None".to_string() } else { format!("Some({})", lit(s)) };
                    let inter = if f[2].is_empty() { "None".to_string() } else { format!("Some({})", f[2]) };
                    let names: Vec<&str> =
                        std::iter::once(f[4]).chain(f[6].split('|')).map(str::trim).filter(|a| !a.is_empty()).collect();
                    rows.push(format!(
                        "crate::lexicon::ActorRow {{ id: {}, kind: {}, inter: {inter}, country: {}, name: {}, acled: {}, aliases: {} }}",
                        lit(f[0]),
                        lit(f[1]),
                        opt(f[3]),
                        lit(f[4]),
                        opt(f[5]),
                        str_slice(names)
                    ));
                }
            }
            "verbs" | "arabic_given_names" | "latin_given_genders" | "pronouns" => {
                // (key, kind, gender) or (key, gender): each word of the line.
                let two = list.name == "verbs";
                typ = if two { "(&str, &str, &str)" } else { "(&str, &str)" };
                for e in entries(file, list.name) {
                    let n = e.fields.len() - 1;
                    for w in e.fields[n].many() {
                        rows.push(if two {
                            format!("({}, {}, {})", lit(&key(w)), lit(e.fields[0].one()), lit(e.fields[1].one()))
                        } else {
                            format!("({}, {})", lit(&key(w)), lit(e.fields[0].one()))
                        });
                    }
                }
            }
            "according_to" | "back_refs" | "block_openers" | "openers" | "interview_headers" | "interview_cues" => {
                typ = "&[&str]";
                for e in entries(file, list.name) {
                    for phrase in e.fields[0].many() {
                        let words: Vec<String> = phrase_words(phrase).into_iter().map(key).collect();
                        rows.push(str_slice(words.iter().map(String::as_str)));
                    }
                }
            }
            "not_speaker_starts" => {
                rows = entries(file, list.name).flat_map(|e| e.fields[0].many()).map(lit).collect();
            }
            "conflict_calendar" => {
                typ = "crate::lexicon::ConflictMonth";
                for e in entries(file, list.name) {
                    let f: Vec<&str> = e.fields.iter().map(Field::one).collect();
                    rows.push(format!(
                        "crate::lexicon::ConflictMonth {{ country: {}, region: {}, year: {}, month: {}, events: {} }}",
                        lit(f[0]),
                        lit(f[1]),
                        f[2],
                        f[3],
                        f[4]
                    ));
                }
            }
            "known_failures" => continue,
            _ => {
                // A word list: each word's key.
                rows = word_keys(file, list.name).iter().map(|k| lit(k)).collect();
            }
        }
        let _ = writeln!(out, "    pub(crate) static {upper}: &[{typ}] = &[");
        for r in rows {
            let _ = writeln!(out, "        {r},");
        }
        let _ = writeln!(out, "    ];");
    }
    let _ = writeln!(out, "}}");
}

/// `record/data/categories.tsv`: category and unit of each row.
fn categories(text: &str) -> Vec<(String, String)> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            Some((f.first()?.to_string(), f.get(2)?.to_string()))
        })
        .collect()
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut errors = Errors { dir: manifest.clone(), list: Vec::new() };
    println!("cargo::rerun-if-changed=data");
    let categories_path = manifest.join("../record/data/categories.tsv");
    println!("cargo::rerun-if-changed={}", categories_path.display());
    let categories = match std::fs::read_to_string(&categories_path) {
        Ok(t) => categories(&t),
        Err(e) => {
            errors.list.push(format!("{}: {e}", categories_path.display()));
            Vec::new()
        }
    };
    // Every lexicon file in data/ must be known here, so none is silently
    // left out of the build.
    if let Ok(dir) = std::fs::read_dir(manifest.join("data")) {
        for entry in dir.flatten() {
            let name = format!("data/{}", entry.file_name().to_string_lossy());
            let lexicon = name.ends_with(".txt") || name.ends_with(".tsv");
            if lexicon && !FILES.iter().any(|f| f.path == name) {
                errors.at(&name, 1, "not a known data file: add it to FILES in build.rs with its lists");
            }
        }
    }
    let mut files = Vec::new();
    for spec in FILES {
        println!("cargo::rerun-if-changed={}", spec.path);
        match std::fs::read_to_string(manifest.join(spec.path)) {
            Ok(text) => files.push(parse(spec, &text, &mut errors)),
            Err(e) => errors.at(spec.path, 1, e),
        }
    }
    let event_types: HashSet<String> = files
        .iter()
        .flat_map(|f| &f.groups)
        .filter(|g| g.list.name == "acled")
        .flat_map(|g| &g.entries)
        .map(|e| e.fields[0].one().to_string())
        .collect();
    let vocab = Vocabulary { categories, event_types };
    for f in &files {
        check_file(f, &vocab, &mut errors);
    }

    let mut lexicon = String::from("// Generated by build.rs from data/: edit the data files, not this.\n\n");
    for f in &files {
        emit(f, &vocab, &mut lexicon, &mut errors);
    }

    // The examples, and the cases known to fail.
    let all: Vec<(&File, &Group, &Example)> = files
        .iter()
        .flat_map(|f| f.groups.iter().flat_map(move |g| g.examples.iter().map(move |e| (f, g, e))))
        .collect();
    let ids: HashSet<&str> = all.iter().map(|(_, _, e)| e.id.as_str()).collect();
    let mut known: Vec<&str> = Vec::new();
    if let Some(kf) = files.iter().find(|f| f.stem == "known_failures") {
        for e in kf.groups.iter().flat_map(|g| &g.entries) {
            let id = e.fields[0].one();
            if !ids.contains(id) {
                errors.at(kf.spec.path, e.line, format!("no example has the id {id:?}"));
            } else if known.contains(&id) {
                errors.at(kf.spec.path, e.line, format!("{id:?} is listed twice"));
            }
            known.push(id);
        }
    }
    let mut examples = String::from("// Generated by build.rs from data/: edit the data files, not this.\n\n");
    let _ = writeln!(examples, "static EXAMPLES: &[Example] = &[");
    for (f, g, e) in &all {
        let stage = g.list.stage.unwrap_or("");
        let expect = e.expect.as_deref().map_or("None".to_string(), |x| format!("Some({})", lit(x)));
        let _ = writeln!(
            examples,
            "    Example {{ id: {}, file: {}, line: {}, stage: {}, negative: {}, text: {}, expect: {expect} }},",
            lit(&e.id),
            lit(f.spec.path),
            e.line,
            lit(stage),
            e.negative,
            lit(&e.text)
        );
    }
    let _ = writeln!(examples, "];\n\nstatic KNOWN_FAILURES: &[&str] = {};", str_slice(known));

    // Every problem at once, each with its file and line; `cargo::error`
    // fails the build and shows them without the build script's noise.
    if !errors.list.is_empty() {
        for e in &errors.list {
            println!("cargo::error={e}");
        }
        return;
    }
    let write = |name: &str, text: &str| {
        std::fs::write(out_dir.join(name), text).unwrap_or_else(|e| panic!("OUT_DIR/{name}: {e}"));
    };
    write("lexicon.rs", &lexicon);
    write("examples.rs", &examples);
}
