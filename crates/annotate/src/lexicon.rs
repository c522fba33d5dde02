//! Lexicons: the word lists under `data/`, compiled into the binary.
//!
//! `build.rs` reads every data file (their one format is described in
//! `data/README.md`), checks each entry, and writes one module per file
//! into `OUT_DIR/lexicon.rs`, included here: `lexicon::figures::TRIGGERS`
//! is the `[triggers]` list of `data/figures.txt`. Words are compiled to
//! their lookup keys (lowercase Latin, folded Arabic, as [`key`] makes
//! them), so a list is compared with token keys as it stands. Nothing is
//! parsed when the program runs, so nothing here can fail.

use sitrep_text::fold::fold_key;

/// Hash maps and sets for lexicon lookups, which run for every token: a
/// fast, fixed hasher (foldhash), since keys come from the project's own
/// lexicons and the text's words, not from an attacker choosing collisions
/// against a map we keep for long. Fixed, so runs are reproducible.
pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;
pub(crate) type HashSet<K> = std::collections::HashSet<K, foldhash::fast::FixedState>;

/// A trigger word of a figure category (`data/figures.txt`).
pub(crate) struct FigureTrigger {
    pub category: &'static str,
    /// The category's unit, from `record/data/categories.tsv`.
    pub unit: &'static str,
    /// The word follows the amount (`six dead`); else it precedes it.
    pub after: bool,
    /// The keys of its words.
    pub words: &'static [&'static str],
}

/// A unit of `N units ago` (`data/dates.txt`).
pub(crate) struct AgoUnit {
    pub words: &'static [&'static str],
    /// Arabic duals, which are two units by themselves (`يومين`).
    pub duals: &'static [&'static str],
    pub days: i64,
    pub precision: crate::dates::Precision,
}

/// A row of `data/actors.tsv`.
pub(crate) struct ActorRow {
    pub id: &'static str,
    pub kind: &'static str,
    pub inter: Option<u8>,
    pub country: Option<&'static str>,
    pub name: &'static str,
    pub acled: Option<&'static str>,
    /// The name and the aliases, as written.
    pub aliases: &'static [&'static str],
}

/// A row of `data/conflict_calendar.tsv`.
pub(crate) struct ConflictMonth {
    pub country: &'static str,
    pub region: &'static str,
    pub year: i16,
    pub month: i8,
    pub events: u32,
}

include!(concat!(env!("OUT_DIR"), "/lexicon.rs"));

/// The lookup key of a word, the same key tokens carry: lowercase for
/// Latin script, letter-folded for Arabic. `build.rs` makes the keys of
/// the word lists the same way.
pub(crate) fn key(word: &str) -> String {
    if word.is_ascii() {
        word.to_lowercase()
    } else {
        fold_key(word)
    }
}

/// Is this token key a verb of saying (`data/reporting_verbs.txt`): one
/// that reports what someone said, not a participle going on with it, a
/// question or a label? A fused و or ف is taken off (`وقالت`).
/// Forms that are more often something else count only when listed in
/// `[sentence_verbs]`.
pub(crate) fn is_reporting(key: &str) -> bool {
    use crate::frames::VerbKind;
    static SENTENCE: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    let listed = || SENTENCE.get_or_init(|| reporting_verbs::SENTENCE_VERBS.iter().copied().collect()).contains(key);
    crate::frames::verb(key)
        .is_some_and(|(k, _)| matches!(k, VerbKind::Verb | VerbKind::Continuation | VerbKind::Post | VerbKind::Relay))
        && (!crate::frames::needs_frame(key) || listed())
}
