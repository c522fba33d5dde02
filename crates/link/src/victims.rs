//! Who a death toll counts: civilians, or people of unknown status.
//!
//! The words are in `data/victims.txt`. A toll counts civilians when one of
//! them stands in the figure's own words or in the two words after them
//! (`executing at least 35 civilians`, `مقتل سبعة مدنيين`), before any
//! punctuation or another number, which would start another count
//! (`killing 12, including 7 children`).

use std::collections::HashSet;
use std::sync::OnceLock;

const FILE: &str = include_str!("../data/victims.txt");

/// How many words after a figure may say who it counts.
const AFTER: usize = 2;

fn key(word: &str) -> String {
    let folded = sitrep_text::fold::fold_for_search(word).text.to_lowercase();
    folded.trim_matches(|c: char| !c.is_alphanumeric()).to_string()
}

fn civilian_words() -> &'static HashSet<String> {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words = HashSet::new();
        let mut group = "";
        for line in FILE.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') || line.starts_with("ex:") || line.starts_with("not:") {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                group = name;
                continue;
            }
            assert_eq!(group, "civilians", "data/victims.txt: words outside [civilians]: {line:?}");
            words.extend(line.split_whitespace().map(key));
        }
        words
    })
}

fn is_civilian(word: &str) -> bool {
    let words = civilian_words();
    let k = key(word);
    // A fused `و` (and) before an Arabic word.
    words.contains(&k) || k.strip_prefix('و').is_some_and(|rest| rest.chars().count() >= 3 && words.contains(rest))
}

/// Whether the figure whose words are `text[start..end]` (bytes) counts
/// civilians.
pub fn counts_civilians(text: &str, start: usize, end: usize) -> bool {
    let (Some(own), Some(after)) = (text.get(start..end), text.get(end..)) else { return false };
    if own.split_whitespace().any(is_civilian) {
        return true;
    }
    for (seen, word) in after.split_whitespace().enumerate() {
        let stops = word.starts_with(|c: char| !c.is_alphanumeric()) || word.chars().any(|c| c.is_numeric());
        if stops || seen == AFTER {
            return false;
        }
        let bare = word.trim_end_matches(|c: char| !c.is_alphanumeric());
        if is_civilian(bare) {
            return true;
        }
        if bare.len() != word.len() {
            // Punctuation after the word ends the count.
            return false;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `ex:` and `not:` line of the data file.
    #[test]
    fn victims_examples() {
        let mut failed = Vec::new();
        let mut ran = 0;
        for (n, line) in FILE.lines().enumerate() {
            let (want, rest) = match line.trim() {
                l if l.starts_with("ex:") => (true, &l[3..]),
                l if l.starts_with("not:") => (false, &l[4..]),
                _ => continue,
            };
            let text = rest.split("=>").next().unwrap().trim();
            let (Some(open), Some(close)) = (text.find('['), text.find(']')) else {
                panic!("data/victims.txt:{}: mark the figure with [ and ]", n + 1)
            };
            let plain = format!("{}{}{}", &text[..open], &text[open + 1..close], &text[close + 1..]);
            ran += 1;
            if counts_civilians(&plain, open, close - 1) != want {
                failed.push(format!("data/victims.txt:{}: {text}", n + 1));
            }
        }
        assert!(ran >= 8, "the examples were read");
        assert!(failed.is_empty(), "{failed:#?}");
    }
}
