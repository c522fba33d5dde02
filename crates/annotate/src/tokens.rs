//! Tokens: words, numerals and punctuation with their byte spans.
//!
//! Every annotator works on the same token stream, so a phrase found by one
//! rule has the same boundaries as a phrase found by another. Each word has
//! a lookup key: lowercase for Latin script, letter-folded for Arabic (alef
//! forms, taa marbuta, harakat), so lexicons are written once per spelling.

// Abbreviations whose full stop does not end a sentence, and the clitics
// taken off trigger words (`data/tokens.txt`).
use crate::lexicon::tokens::{ABBREVIATIONS, TRIGGER_CLITICS};
use sitrep_text::fold::{fold_key, is_arabic_letter, is_arabic_mark, TATWEEL};
use sitrep_text::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Word,
    /// Digits (ASCII or Arabic-Indic) with inner `,` `.` `٬` `٫` separators.
    Numeral,
    /// One punctuation or symbol character; `\n` is a token too.
    Punct,
}

#[derive(Clone, Debug)]
pub struct Token {
    pub span: Span,
    pub kind: Kind,
    /// Lookup form: lowercase Latin, folded Arabic; the text itself for
    /// numerals and punctuation.
    pub key: String,
    /// Sentence number, counted from zero.
    pub sentence: usize,
}

impl Token {
    pub fn is(&self, key: &str) -> bool {
        self.key == key
    }
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('\u{0660}'..='\u{0669}').contains(&c) || ('\u{06F0}'..='\u{06F9}').contains(&c)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn is_word_char(c: char) -> bool {
    // ASCII and Arabic letters first: `is_alphabetic` takes a slow table
    // lookup for every non-ASCII character.
    c.is_ascii_alphabetic()
        || is_arabic_letter(c)
        || is_arabic_mark(c)
        || c == TATWEEL
        || c == '\''
        || c == '’'
        || (!c.is_ascii() && c.is_alphabetic())
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(text.len() / 5);
    let mut sentence = 0usize;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c == '\n' {
            // A line break ends a sentence only at a paragraph or list
            // boundary; text wrapped mid-sentence keeps going.
            let ends = out.last().is_some_and(|t| t.key == "\n");
            if ends
                || text[i + 1..].starts_with('\n')
                || !text[..i].trim_end().ends_with(|c: char| c.is_alphanumeric() || c == ',')
            {
                sentence += usize::from(out.last().is_some_and(|t| t.sentence == sentence && t.key != "\n"));
            }
            out.push(Token { span: Span::new(i, i + 1), kind: Kind::Punct, key: "\n".into(), sentence });
            continue;
        }
        if c.is_whitespace() {
            continue;
        }
        // `.25` starts a number when nothing stands before the point.
        let leading_point = c == '.'
            && text[i + 1..].chars().next().is_some_and(is_digit)
            && text[..i].chars().next_back().is_none_or(char::is_whitespace);
        if is_digit(c) || leading_point {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if is_digit(d) {
                    end = j + d.len_utf8();
                    it.next();
                    continue;
                }
                // Bidi controls that editors leave inside numbers (LRE before a comma).
                if is_bidi_control(d)
                    && text[j + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(|n| is_digit(n) || matches!(n, ',' | '.' | '٬' | '٫' | '،') || is_bidi_control(n))
                {
                    it.next();
                    continue;
                }
                // A separator counts only between digits.
                if matches!(d, ',' | '.' | '٬' | '٫' | '،') {
                    let after = text[j + d.len_utf8()..].chars().find(|c| !is_bidi_control(*c));
                    if after.is_some_and(is_digit) {
                        it.next();
                        continue;
                    }
                }
                break;
            }
            let key: String = fold_key(&text[i..end]);
            out.push(Token { span: Span::new(i, end), kind: Kind::Numeral, key, sentence });
            continue;
        }
        if is_word_char(c) && c != '\'' && c != '’' {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                // An apostrophe inside a word (don't, a'Hamdan) is part of it.
                let inner_apostrophe = (d == '\'' || d == '’')
                    && text[j + d.len_utf8()..].chars().next().is_some_and(|n| n.is_alphabetic());
                if (is_word_char(d) && d != '\'' && d != '’') || inner_apostrophe {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            let word = &text[i..end];
            // ASCII words (most of English) lowercase without Unicode tables.
            let key = if word.is_ascii() {
                word.to_ascii_lowercase()
            } else if word.chars().any(is_arabic_letter) {
                fold_key(word)
            } else {
                word.to_lowercase()
            };
            out.push(Token { span: Span::new(i, end), kind: Kind::Word, key, sentence });
            continue;
        }
        // Punctuation.
        let key = c.to_string();
        out.push(Token { span: Span::new(i, i + c.len_utf8()), kind: Kind::Punct, key, sentence });
        if matches!(c, '.' | '!' | '?' | '؟' | ';' | '…') {
            let abbrev = out.len() >= 2 && {
                let prev = &out[out.len() - 2];
                prev.span.end == i
                    && prev.kind == Kind::Word
                    && (ABBREVIATIONS.contains(&prev.key.as_str())
                        || (prev.key.chars().count() == 1 && prev.key.chars().all(|c| c.is_alphabetic())))
            };
            if !abbrev {
                sentence += 1;
            }
        }
    }
    out
}

/// A word written with a capital first letter.
pub fn capitalized(text: &str, t: &Token) -> bool {
    t.kind == Kind::Word && text[t.span.start..].chars().next().is_some_and(char::is_uppercase)
}

/// A word in Arabic script.
pub fn is_arabic_word(t: &Token) -> bool {
    t.kind == Kind::Word && t.key.chars().next().is_some_and(is_arabic_letter)
}

/// The forms an Arabic word may have with one fused clitic (و ف ب ل ك)
/// taken off, keeping at least `min_letters`; `لل` (ل with the article's
/// alef elided) also gives the word after it. Other words give themselves.
pub fn clitic_bases(key: &str, min_letters: usize) -> Vec<&str> {
    let mut out = vec![key];
    if !key.chars().next().is_some_and(is_arabic_letter) {
        return out;
    }
    for p in ["و", "ف", "ب", "ل", "ك"] {
        if let Some(rest) = key.strip_prefix(p).filter(|r| r.chars().count() >= min_letters) {
            out.push(rest);
            if let Some(r) = rest.strip_prefix("ل").filter(|_| p == "ل") {
                out.push(r);
            }
        }
    }
    out
}

/// The forms a non-ASCII trigger word may take with a clitic or the
/// article (و ف ب ل, ال, وال, بال, لل …) taken off, keeping three letters.
pub fn trigger_bases(key: &str) -> Vec<&str> {
    let mut out = vec![key];
    if !key.is_ascii() {
        for p in TRIGGER_CLITICS {
            if let Some(rest) = key.strip_prefix(p).filter(|r| r.chars().count() >= 3) {
                out.push(rest);
            }
        }
    }
    out
}

/// Index of the first token starting at or after byte `byte`.
pub fn first_at(tokens: &[Token], byte: usize) -> usize {
    tokens.partition_point(|t| t.span.start < byte)
}

/// The sentence of the first token starting at or after byte `byte`.
pub fn sentence_at(tokens: &[Token], byte: usize) -> Option<usize> {
    tokens.get(first_at(tokens, byte)).map(|t| t.sentence)
}

/// The value of a numeral token's text: `100,000` → 100000, `2.5` → 2.5,
/// `١٥٠` → 150, `100.000` → 100000 (a dot before three digits in a number
/// of two or more groups reads as a thousands separator).
pub fn numeral_value(key: &str) -> Option<f64> {
    // 12،220,13: the Arabic comma groups thousands, the Latin one marks decimals.
    let arabic_grouping = (key.contains('،') || key.contains('٬')) && key.contains(',');
    let s: String = key
        .chars()
        .filter(|c| !is_bidi_control(*c))
        .filter(|c| !(arabic_grouping && matches!(c, '،' | '٬')))
        .map(|c| if arabic_grouping && c == ',' { '.' } else { c })
        .map(|c| {
            if c == '٬' || c == '،' {
                ','
            } else if c == '٫' {
                '.'
            } else {
                c
            }
        })
        .collect();
    let groups: Vec<&str> = s.split([',', '.']).collect();
    let seps: Vec<char> = s.chars().filter(|c| *c == ',' || *c == '.').collect();
    if seps.is_empty() {
        return s.parse().ok();
    }
    let thousands_shape = groups[1..].iter().all(|g| g.len() == 3) && !groups[0].is_empty() && groups[0].len() <= 3;
    let last = *seps.last().unwrap();
    let uniform = seps.iter().all(|c| *c == seps[0]);
    if thousands_shape && uniform && (last == ',' || seps.len() > 1 || groups[0].len() >= 2) {
        return groups.concat().parse().ok();
    }
    if seps.len() == 1 && last == '.' {
        return s.parse().ok();
    }
    // `1,234.5` and `1.234,5`: the last separator is the decimal point.
    if !uniform {
        let (int, frac) = s.rsplit_once(last)?;
        let int: String = int.chars().filter(|c| c.is_ascii_digit()).collect();
        return format!("{int}.{frac}").parse().ok();
    }
    if seps.len() == 1 && last == ',' {
        // `2,5` (a decimal comma) — rare in this field, and `2,500` was
        // handled above.
        return s.replace(',', ".").parse().ok();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_read_every_common_shape() {
        let cases = [
            ("100,000", 100000.0),
            ("100.000", 100000.0),
            ("1.5", 1.5),
            ("2,500,000", 2500000.0),
            ("1,234.5", 1234.5),
            ("٣٠٠", 300.0),
            ("٣٠٠٬٠٠٠", 300000.0),
            ("١،٢٣٤،٥٦٧", 1234567.0),
            ("12،220,13", 12220.13),
            ("25799\u{202A},\u{202A}52", 25799.52),
            ("80", 80.0),
        ];
        for (s, v) in cases {
            let t = tokenize(s);
            assert_eq!(t.len(), 1, "{s} is one token");
            assert_eq!(numeral_value(&t[0].key), Some(v), "{s}");
        }
    }

    #[test]
    fn words_have_folded_keys_and_sentences_split_at_stops_not_abbreviations() {
        let t = tokenize("On Dec. 13 the ARMY entered. وقال أحمد: «قُتِلَ ستة».");
        let keys: Vec<&str> = t.iter().map(|t| t.key.as_str()).collect();
        assert!(keys.contains(&"army") && keys.contains(&"احمد") && keys.contains(&"قتل"));
        let army = t.iter().find(|t| t.key == "army").unwrap();
        assert_eq!(army.sentence, 0, "Dec. does not end the sentence");
        let ahmad = t.iter().find(|t| t.key == "احمد").unwrap();
        assert_eq!(ahmad.sentence, 1);
        let two_km = tokenize("a 2km stretch");
        assert_eq!(two_km[1].kind, Kind::Numeral);
        assert_eq!(two_km[2].key, "km");
    }
}
