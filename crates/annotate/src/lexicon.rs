//! Lexicon files: the data under `data/`, read the same way by every
//! annotator.

use sitrep_text::fold::fold_key;

/// Hash maps and sets for lexicon lookups, which run for every token: a
/// fast, fixed hasher (foldhash), since keys come from the project's own
/// lexicons and the text's words, not from an attacker choosing collisions
/// against a map we keep for long. Fixed, so runs are reproducible.
pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;
pub(crate) type HashSet<K> = std::collections::HashSet<K, foldhash::fast::FixedState>;

/// The whitespace-separated fields of each entry of a lexicon file; blank
/// lines and `#` comments are skipped.
pub(crate) fn entries(src: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    src.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(|l| l.split_whitespace().collect())
}

/// The lookup key of a lexicon word, the same key tokens carry: lowercase
/// for Latin script, letter-folded for Arabic.
pub(crate) fn key(word: &str) -> String {
    if word.is_ascii() {
        word.to_lowercase()
    } else {
        fold_key(word)
    }
}

/// Is this token key a verb of saying (`data/reporting_verbs.txt`)?
pub(crate) fn is_reporting(key: &str) -> bool {
    static SET: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
    SET.get_or_init(|| entries(include_str!("../data/reporting_verbs.txt")).flatten().map(self::key).collect())
        .contains(key)
}
