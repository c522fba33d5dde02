//! Match keys for place names.
//!
//! Reporters spell an Arabic place name many ways in Latin letters:
//! `Saif al-Dowla`, `Sayf ad-Dawla` and OCHA's `Sayf Ad-Dauleh` are one
//! neighbourhood. Arabic script writes no short vowels, so the vowels a
//! translator picks carry almost no information; the consonants do. A name
//! gets three keys, from strict to loose, and a lookup tries all three:
//!
//! - `exact`: lowercase ASCII, diacritics and apostrophes (`Fu'ah`, `Fu`ah`)
//!   dropped, articles (`al-`, `as-`, `a-`, `el-`...) and generic words
//!   (`district`, `camp`) dropped, words joined, doubled letters single:
//!   `a-Sukkari` and `As-Sukkari` both give `sukari`.
//! - `medium`: the exact key with vowel spellings merged (`ou`, `oo`, `o`
//!   → `u`; `ee` → `i`; `e` → `a`) and a word-final `h` after a vowel
//!   dropped (taa marbuta: `Fu'ah` = `Foua`).
//! - `skeleton`: consonants only, `w`/`y` next to a vowel read as vowels,
//!   common digraphs merged (`kh`, `sh`, `th`, `dh`, `gh`, `q`/`k`):
//!   `Jabrin` = `Jibreen` = `jbrn`, `Fardous` = `Firdaws` = `frds`. Only
//!   keys of four consonants or more are kept: shorter ones collide with
//!   too many words and names (`Ahmed` and `Hameidiyyeh` are both `hmd`).
//!
//! Arabic script gets one key: letter-folded (alef forms, taa marbuta,
//! alef maqsura, harakat), the article and generic words (`حي`, `مخيم`)
//! dropped, words joined by one space.

use sitrep_text::fold::{fold_key, is_arabic_letter};
use unicode_normalization::UnicodeNormalization;

/// Articles as separate words once hyphens are spaces (`al-Bab` → `al bab`).
const LATIN_ARTICLES: [&str; 17] =
    ["al", "el", "as", "ad", "ash", "an", "ar", "at", "az", "a", "ed", "es", "et", "ez", "adh", "ath", "the"];

/// Words that say what kind of place a name is, not which one.
const LATIN_GENERIC: [&str; 14] = [
    "district",
    "districts",
    "neighbourhood",
    "neighborhood",
    "quarter",
    "camp",
    "city",
    "town",
    "village",
    "governorate",
    "province",
    "subdistrict",
    "municipality",
    "area",
];

const ARABIC_GENERIC: [&str; 9] = ["حي", "مخيم", "مدينه", "بلده", "قريه", "محافظه", "منطقه", "ناحيه", "حاره"];

/// The keys of one name, strict to loose; `None` where a level has no
/// usable key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Keys {
    pub exact: Option<String>,
    pub medium: Vec<String>,
    pub skeleton: Vec<String>,
}

/// True when `name` is written in Arabic script.
fn is_arabic(name: &str) -> bool {
    name.chars().any(is_arabic_letter)
}

/// Lowercase ASCII-ish words of a Latin name, diacritics and apostrophes
/// gone, articles and generic words dropped (unless nothing else is left).
pub fn latin_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in name.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        match c {
            // Apostrophes and the letters transliterators use for ayn and
            // hamza join the letters around them.
            '\'' | '’' | '‘' | '`' | 'ʿ' | 'ʾ' | 'ʼ' | 'ʻ' | '´' => {}
            c if c.is_alphanumeric() => word.extend(c.to_lowercase()),
            _ => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    let kept: Vec<String> = words
        .iter()
        .filter(|w| !LATIN_ARTICLES.contains(&w.as_str()) && !LATIN_GENERIC.contains(&w.as_str()))
        .cloned()
        .collect();
    if kept.is_empty() {
        words
    } else {
        kept
    }
}

/// Letter-folded words of an Arabic name, without the article and generic
/// words.
pub fn arabic_words(name: &str) -> Vec<String> {
    let folded = fold_key(name);
    let words: Vec<String> = folded
        .split(|c: char| !is_arabic_letter(c) && !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let bare = w.strip_prefix("ال").filter(|b| b.chars().count() >= 2).unwrap_or(w);
            bare.to_string()
        })
        .collect();
    let kept: Vec<String> = words.iter().filter(|w| !ARABIC_GENERIC.contains(&w.as_str())).cloned().collect();
    if kept.is_empty() {
        words
    } else {
        kept
    }
}

fn dedup_letters(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev = None;
    for c in s.chars() {
        if Some(c) != prev {
            out.push(c);
        }
        prev = Some(c);
    }
    out
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// The medium form of one word, with and without a final `h` after a vowel.
fn medium_word(word: &str) -> (String, Option<String>) {
    let w = word.replace("ou", "u").replace("oo", "u").replace("ee", "i").replace('o', "u").replace('e', "a");
    let w = dedup_letters(&w);
    let chars: Vec<char> = w.chars().collect();
    let n = chars.len();
    let without_h = (n > 2 && chars[n - 1] == 'h' && is_vowel(chars[n - 2])).then(|| chars[..n - 1].iter().collect());
    (w, without_h)
}

/// The consonant skeleton of one word, with and without a final `h`.
fn skeleton_word(word: &str) -> (String, Option<String>) {
    let w = word
        .replace("kh", "k")
        .replace("sh", "s")
        .replace("ch", "s")
        .replace("th", "t")
        .replace("dh", "d")
        .replace("gh", "g")
        .replace("ph", "f")
        .replace(['q', 'c'], "k");
    let chars: Vec<char> = w.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if is_vowel(c) {
            continue;
        }
        let next_to_vowel = (i > 0 && is_vowel(chars[i - 1])) || chars.get(i + 1).is_some_and(|n| is_vowel(*n));
        if matches!(c, 'w' | 'y') && next_to_vowel {
            continue;
        }
        out.push(c);
    }
    let out = dedup_letters(&out);
    let ends_in_vowel_h = chars.len() > 2 && chars[chars.len() - 1] == 'h' && is_vowel(chars[chars.len() - 2]);
    let without_h = (ends_in_vowel_h && out.ends_with('h')).then(|| out[..out.len() - 1].to_string());
    (out, without_h)
}

/// Every combination of per-word variants, joined (at most a few: only
/// words ending in a vowel and `h` have two).
fn combine(parts: &[(String, Option<String>)]) -> Vec<String> {
    let mut out = vec![String::new()];
    for (a, b) in parts {
        let mut next = Vec::with_capacity(out.len() * 2);
        for prefix in &out {
            next.push(format!("{prefix}{a}"));
            if let Some(b) = b {
                next.push(format!("{prefix}{b}"));
            }
        }
        out = next;
        if out.len() > 8 {
            out.truncate(8);
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The keys of a place name as written in the gazetteer or in a text.
pub fn keys(name: &str) -> Keys {
    if is_arabic(name) {
        let words = arabic_words(name);
        // Words stay apart: `حلب إن` ("Aleppo that…") run together is
        // `حلبان`, a village.
        let exact = words.join(" ");
        return Keys { exact: (!exact.is_empty()).then_some(exact), ..Keys::default() };
    }
    let words = latin_words(name);
    let exact = dedup_letters(&words.concat());
    if exact.is_empty() {
        return Keys::default();
    }
    let medium = combine(&words.iter().map(|w| medium_word(&dedup_letters(w))).collect::<Vec<_>>());
    let mut skeleton = combine(&words.iter().map(|w| skeleton_word(w)).collect::<Vec<_>>());
    skeleton.retain(|k| k.chars().count() >= 4);
    // A short name's skeleton is a handful of consonants that too many
    // words share.
    if exact.chars().count() < 5 {
        skeleton.clear();
    }
    let medium = medium.into_iter().filter(|m| *m != exact).collect();
    Keys { exact: Some(exact), medium, skeleton }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_place(a: &str, b: &str) -> bool {
        let (ka, kb) = (keys(a), keys(b));
        ka.exact.is_some() && ka.exact == kb.exact
            || ka.medium.iter().chain(ka.exact.iter()).any(|m| kb.medium.contains(m) || kb.exact.as_ref() == Some(m))
            || ka.skeleton.iter().any(|s| kb.skeleton.contains(s))
    }

    /// Pairs that reporters and gazetteers write for the same place.
    const SAME: [(&str, &str); 16] = [
        ("a-Sukkari", "As-Sukkari"),
        ("Saif al-Dowla", "Sayf Ad-Dauleh"),
        ("Salah a-Din", "Salah Ad-Deen"),
        ("Salaheddine", "Salah Ad-Deen"),
        ("Fardous", "Firdaws"),
        ("Fardous", "Fardos"),
        ("Jabrin", "Jibreen"),
        ("Foua", "Al Fu`ah"),
        ("al-Fu'ah", "Fuaa"),
        ("Kefraya", "Kafraya"),
        ("Deir ez-Zor", "Dayr az Zawr"),
        ("Raqqa", "Ar Raqqah"),
        ("Ansari district", "Al-Ansari"),
        ("Nubl", "Nubl"),
        ("Ḥalab", "Halab"),
        ("Sheikh Maqsoud", "Shaykh Maqsud"),
    ];

    /// Different places, and names that a looser key once confused with
    /// places (`Ahmed` and `Hameidiyyeh` share three consonants).
    const DIFFERENT: [(&str, &str); 7] = [
        ("Homs", "Hama"),
        ("Aleppo", "Idlib"),
        ("Douma", "Daraa"),
        ("Salah a-Din", "Saif al-Dawla"),
        ("Nubl", "Nabk"),
        ("Ahmed", "Hameidiyyeh"),
        ("Baker", "Bakkurah"),
    ];

    #[test]
    fn spellings_of_one_place_share_a_key() {
        for (a, b) in SAME {
            assert!(same_place(a, b), "{a} = {b}: {:?} {:?}", keys(a), keys(b));
        }
        for (a, b) in DIFFERENT {
            assert!(!same_place(a, b), "{a} ≠ {b}: {:?} {:?}", keys(a), keys(b));
        }
    }

    #[test]
    fn arabic_keys_fold_letters_and_drop_the_article_and_generic_words() {
        assert_eq!(keys("حيّ الأنصاري").exact, keys("الانصاري").exact);
        assert_eq!(keys("مدينة حلب").exact.as_deref(), Some("حلب"));
        assert_eq!(keys("سيف الدولة").exact, keys("سيف الدوله").exact);
        assert_eq!(keys("مخيم اليرموك").exact.as_deref(), Some("يرموك"));
    }

    #[test]
    fn short_names_have_no_skeleton() {
        assert!(keys("Bab").skeleton.is_empty());
        assert!(keys("Homs").skeleton.is_empty());
    }
}
