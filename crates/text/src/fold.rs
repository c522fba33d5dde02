//! Folding: the normalized views of text that matching and search work on.
//!
//! Arabic is written with optional short vowels (harakat), with several
//! shapes of alef, with taa marbuta or haa at a word's end, with kashida
//! (tatweel) stretching, and, in text from PDFs, with presentation-form
//! glyphs. Reporters and translators are not consistent, so `حلب`, `حَلَب`
//! and `حلـب` must compare equal. Folding produces a new string plus a map
//! from every folded character back to the original bytes, so that a match
//! found in the folded view is always shown in the original words: the
//! original text is never rewritten.
//!
//! The steps are an ordered list of small character rules, each with a
//! reason, so a contributor can add one without reading the others.

use crate::span::Span;
use unicode_normalization::UnicodeNormalization;

/// A folded view of a text with a map back to the original byte offsets.
#[derive(Clone, Debug, Default)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// For each folded character, in order: its byte offset in `text` and
    /// the original span it came from.
    map: Vec<(usize, Span)>,
    /// Length of the original text in bytes.
    original_len: usize,
}

impl Folded {
    /// Original span covering folded bytes `[start, end)`.
    ///
    /// Offsets that fall between characters snap outwards, and the span
    /// grows over original characters that folding dropped next to it
    /// (harakat, kashida, a stripped article), so a match is shown as the
    /// whole word as written: `احياء` in the folded text is `الأحياءُ`.
    pub fn original(&self, folded: Span) -> Span {
        let Some(last_entry) = self.map.last() else {
            return Span::new(0, 0);
        };
        if folded.start >= self.text.len() {
            return Span::new(last_entry.1.end, last_entry.1.end);
        }
        let index_of = |byte: usize| match self.map.binary_search_by_key(&byte, |m| m.0) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let first = index_of(folded.start);
        if folded.is_empty() {
            let at = self.map[first].1.start;
            return Span::new(at, at);
        }
        let last = index_of(folded.end - 1);
        // Dropped characters sit in the gaps between consecutive entries.
        let start = if first > 0 { self.map[first - 1].1.end } else { 0 };
        let end = match self.map.get(last + 1) {
            Some(next) => next.1.start,
            None => self.original_len,
        };
        Span::new(start.min(self.map[first].1.start), end.max(self.map[last].1.end))
    }
}

/// Marks (harakat, Quranic annotation signs, superscript alef) that writers
/// add or leave out at will: they never distinguish two words in reporting.
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
}

/// Kashida, a purely typographic stretch.
pub const TATWEEL: char = '\u{0640}';

/// True for letters of the Arabic script (not marks, digits or punctuation).
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0671}'..='\u{06D3}'
        | '\u{06FA}'..='\u{06FC}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
}

/// Folds one Arabic-script character to its search form, pushing the result
/// (zero, one or more characters) to `out`.
fn fold_char(c: char, out: &mut String) {
    match c {
        // Short vowels and kashida carry no distinction in reporting.
        c if is_arabic_mark(c) || c == TATWEEL => {}
        // Hamza-carrying and wasla alefs are spelled plain alef as often as not.
        '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' | '\u{0672}' | '\u{0673}' => out.push('\u{0627}'),
        // Taa marbuta is routinely written as haa at a word's end.
        '\u{0629}' => out.push('\u{0647}'),
        // Alef maqsura and dotless/Farsi yeh are written for yeh and vice versa.
        '\u{0649}' | '\u{06CC}' => out.push('\u{064A}'),
        // Keheh, the Persian kaf, appears in Syrian text typed on Persian layouts.
        '\u{06A9}' => out.push('\u{0643}'),
        // Arabic-Indic and Persian digits are the same numbers as ASCII ones.
        '\u{0660}'..='\u{0669}' => out.push(char::from(b'0' + (c as u32 - 0x0660) as u8)),
        '\u{06F0}'..='\u{06F9}' => out.push(char::from(b'0' + (c as u32 - 0x06F0) as u8)),
        // Presentation forms (common in PDF text layers) are positional glyphs
        // of ordinary letters; compatibility decomposition recovers them, and
        // the result is folded again (a lam-alef ligature gives two letters).
        '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' => {
            for d in std::iter::once(c).nfkc() {
                if d == c {
                    out.push(d);
                } else {
                    fold_char(d, out);
                }
            }
        }
        _ => out.push(c),
    }
}

/// Folds the Arabic letter variants, marks, kashida and digits of `text`;
/// everything else is kept as it is.
pub fn fold_letters(text: &str) -> Folded {
    fold_with(text, false)
}

/// The text of [`fold_letters`] without the offset map: for lookup keys,
/// which are made for every word of every document and never mapped back.
pub fn fold_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            fold_char(c, &mut out);
        }
    }
    out
}

/// [`fold_letters`], and the Arabic definite article (with a fused `و`, `ف`,
/// `ب`, `ك` or `ل`) taken off words long enough to be more than the article,
/// so that `حلب` finds `الحلب` and `بالحلب` alike. Used for the search index
/// and search queries, which are folded the same way.
pub fn fold_for_search(text: &str) -> Folded {
    fold_with(text, true)
}

/// Prefixes of an Arabic word that are the article, with the clitics that
/// fuse to it, longest first so `وال` wins over `ال`.
const ARTICLE_PREFIXES: [&str; 6] = ["وال", "فال", "بال", "كال", "ال", "لل"];

/// The stem left after an article must have at least this many letters;
/// shorter words (`الله`, `والي`) are more likely whole words.
const MIN_STEM_LETTERS: usize = 3;

fn fold_with(text: &str, strip_article: bool) -> Folded {
    let mut out = Folded {
        text: String::with_capacity(text.len()),
        map: Vec::with_capacity(text.len()),
        original_len: text.len(),
    };
    let mut buf = String::new();
    let mut word_start = true; // at the start of an Arabic word
    let mut skip_until = 0usize; // original byte offset before which article letters are dropped
    for (i, c) in text.char_indices() {
        let span = Span::new(i, i + c.len_utf8());
        if strip_article && word_start && is_arabic_letter(c) && i >= skip_until {
            skip_until = article_end(text, i).unwrap_or(i);
        }
        word_start = !(is_arabic_letter(c) || is_arabic_mark(c) || c == TATWEEL);
        if i < skip_until {
            continue;
        }
        if c.is_ascii() {
            out.map.push((out.text.len(), span));
            out.text.push(c);
            continue;
        }
        buf.clear();
        fold_char(c, &mut buf);
        for f in buf.chars() {
            out.map.push((out.text.len(), span));
            out.text.push(f);
        }
    }
    out
}

/// Where the article ends in the Arabic word starting at byte `at`, if the
/// word starts with one and keeps at least [`MIN_STEM_LETTERS`] after it.
fn article_end(text: &str, at: usize) -> Option<usize> {
    // Compare on the folded letters of the word, ignoring marks.
    let mut letters: Vec<(usize, char)> = Vec::new();
    for (j, c) in text[at..].char_indices() {
        if is_arabic_mark(c) || c == TATWEEL {
            continue;
        }
        if !is_arabic_letter(c) {
            break;
        }
        let mut b = String::new();
        fold_char(c, &mut b);
        for f in b.chars() {
            letters.push((at + j + c.len_utf8(), f));
        }
    }
    for p in ARTICLE_PREFIXES {
        let n = p.chars().count();
        if letters.len() >= n + MIN_STEM_LETTERS && letters.iter().take(n).map(|l| l.1).eq(p.chars()) {
            return Some(letters[n - 1].0);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_key_is_fold_letters_text() {
        for s in ["حَلَب", "الأنصاريّ", "مدينة حلـب ١٥٠", "ﻻ", "Aleppo", "", "كانون الأول"]
        {
            assert_eq!(fold_key(s), fold_letters(s).text, "{s}");
        }
    }

    #[test]
    fn folds_the_variants_search_must_ignore() {
        let cases = [
            ("حَلَب", "حلب"),
            ("حلـــب", "حلب"),
            ("أحمد إبراهيم آمنة", "احمد ابراهيم امنه"),
            ("مستشفى", "مستشفي"),
            ("١٠٠ ۲۰", "100 20"),
            ("\u{FEDF}\u{FEFC}", "للا"),
            ("Aleppo", "Aleppo"),
        ];
        for (input, want) in cases {
            assert_eq!(fold_letters(input).text, want, "folding {input}");
        }
    }

    #[test]
    fn search_fold_drops_the_article_on_long_words_only() {
        assert_eq!(fold_for_search("الحلب").text, "حلب");
        assert_eq!(fold_for_search("والمدينة").text, "مدينه");
        assert_eq!(fold_for_search("للمدنيين").text, "مدنيين");
        assert_eq!(fold_for_search("الله").text, "الله");
        assert_eq!(fold_for_search("والي").text, "والي");
        assert_eq!(fold_for_search("قصف الأحياء").text, "قصف احياء");
    }

    #[test]
    fn map_points_back_to_the_original_words() {
        let t = "قصف حَلَب اليوم";
        let f = fold_for_search(t);
        let at = f.text.find("حلب").unwrap();
        let orig = f.original(Span::new(at, at + "حلب".len()));
        assert_eq!(orig.get(t), Some("حَلَب"));
        let at = f.text.find("يوم").unwrap();
        let orig = f.original(Span::new(at, at + "يوم".len()));
        assert_eq!(orig.get(t), Some("اليوم"), "the stripped article is part of the word shown");
        let f = fold_for_search("مئاتُ العائلات");
        let orig = f.original(Span::new(0, "مئات".len()));
        assert_eq!(orig.get("مئاتُ العائلات"), Some("مئاتُ"), "trailing harakat are part of the word shown");
    }
}
