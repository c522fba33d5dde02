//! Paragraphs and their languages.
//!
//! Crisis reporting mixes languages inside one document: an English article
//! quoting an Arabic statement, a bilingual NGO release. Language is therefore
//! decided per paragraph, and a document's languages are the paragraph
//! languages ordered by their share of its letters.

use crate::fold::is_arabic_letter;
use crate::span::Span;
use serde::{Deserialize, Serialize};

/// A paragraph of a document's text and the language it is written in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub span: Span,
    /// ISO 639-1 code where one exists (`en`, `ar`), else ISO 639-3;
    /// `und` when the paragraph has too few letters to tell.
    pub lang: String,
}

/// Splits `text` into paragraphs at blank lines, trimming surrounding
/// whitespace; paragraphs with no letters or digits are dropped.
pub fn paragraph_spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let bytes = text.as_bytes();
    let mut i = 0usize;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            // A blank line: this newline, optional horizontal space, newline.
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r') {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'\n' {
                push_trimmed(text, start, i, &mut out);
                while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead == slice.len() || !slice.chars().any(char::is_alphanumeric) {
        return;
    }
    out.push(Span::new(start + lead, end - trail));
}

/// Paragraphs with fewer letters than this are too short to identify on
/// their own ("Format mpeg4, Bitrate 35 mbps" reads as Danish).
const SHORT_LETTERS: usize = 40;

/// The paragraphs of `text` with their languages.
///
/// A short paragraph takes the language of the document's longer
/// paragraphs written in the same script, when there are any: a caption or
/// a heading is almost always in the language around it.
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    let mut out: Vec<(Paragraph, usize, bool)> = paragraph_spans(text)
        .into_iter()
        .map(|span| {
            let t = &text[span.start..span.end];
            let letters = t.chars().filter(|c| c.is_alphabetic()).count();
            let arabic = t.chars().filter(|&c| is_arabic_letter(c)).count() * 2 > letters;
            (Paragraph { lang: detect(t), span }, letters, arabic)
        })
        .collect();
    for script in [true, false] {
        let mut shares: Vec<(String, usize)> = Vec::new();
        for (p, letters, arabic) in &out {
            if *arabic == script && *letters >= SHORT_LETTERS && p.lang != "und" {
                match shares.iter_mut().find(|s| s.0 == p.lang) {
                    Some(s) => s.1 += letters,
                    None => shares.push((p.lang.clone(), *letters)),
                }
            }
        }
        let Some(main) = shares.iter().max_by_key(|s| s.1).map(|s| s.0.clone()) else { continue };
        for (p, letters, arabic) in out.iter_mut() {
            if *arabic == script && *letters < SHORT_LETTERS && *letters >= 2 {
                p.lang = main.clone();
            }
        }
    }
    out.into_iter().map(|(p, _, _)| p).collect()
}

/// Letters a second language in another script needs in a document
/// before it is listed: a name or two in Arabic script on a line of their
/// own (`حي الشعار`) is not Arabic text; a headline is.
const SECONDARY_LETTERS: usize = 24;

/// The same, for a second language in the main language's script, which
/// whatlang tells apart reliably only on longer text (an English headline
/// reads as Tagalog or Romanian).
const SECONDARY_SAME_SCRIPT_LETTERS: usize = 250;

/// The languages of a document, largest share of letters first. The
/// first is always listed; another only when the document really has text
/// in it: enough letters ([`SECONDARY_LETTERS`]), and in the main
/// language's script far more, and a twentieth of the document's.
pub fn document_languages(text: &str, paragraphs: &[Paragraph]) -> Vec<String> {
    // Letters and Arabic-script letters per language.
    let mut shares: Vec<(String, usize, usize)> = Vec::new();
    for p in paragraphs {
        if p.lang == "und" {
            continue;
        }
        let t = &text[p.span.start..p.span.end];
        let letters = t.chars().filter(|c| c.is_alphabetic()).count();
        let arabic = t.chars().filter(|&c| is_arabic_letter(c)).count();
        match shares.iter_mut().find(|s| s.0 == p.lang) {
            Some(s) => {
                s.1 += letters;
                s.2 += arabic;
            }
            None => shares.push((p.lang.clone(), letters, arabic)),
        }
    }
    // Stable sort: ties keep the order of first appearance.
    shares.sort_by_key(|s| std::cmp::Reverse(s.1));
    let total: usize = shares.iter().map(|s| s.1).sum();
    let script = |s: &(String, usize, usize)| s.2 * 2 > s.1;
    let main_script = shares.first().map(script);
    shares
        .iter()
        .enumerate()
        .filter(|(i, s)| {
            let same = Some(script(s)) == main_script;
            *i == 0
                || if same {
                    s.1 >= SECONDARY_SAME_SCRIPT_LETTERS && s.1 * 20 >= total
                } else {
                    s.1 >= SECONDARY_LETTERS
                }
        })
        .map(|(_, s)| s.0.clone())
        .collect()
}

/// Detection looks at this many characters of a paragraph at most: enough
/// to be sure, and it bounds the work on a hostile one-paragraph file.
const SAMPLE_CHARS: usize = 2_000;

/// English function words: a short Latin-script paragraph that whatlang
/// cannot call reliably is taken as English when it uses one of them.
const ENGLISH_MARKERS: [&str; 14] =
    ["the", "of", "and", "in", "to", "a", "is", "was", "were", "said", "on", "at", "by", "with"];

/// The language of one paragraph.
pub fn detect(text: &str) -> String {
    let end = text.char_indices().nth(SAMPLE_CHARS).map(|(i, _)| i).unwrap_or(text.len());
    let sample = &text[..end];
    let (mut arabic, mut latin, mut letters) = (0usize, 0usize, 0usize);
    for c in sample.chars() {
        if is_arabic_letter(c) {
            arabic += 1;
            letters += 1;
        } else if c.is_alphabetic() {
            letters += 1;
            if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) {
                latin += 1;
            }
        }
    }
    if letters < 2 {
        return "und".into();
    }
    let info = whatlang::detect(sample).map(|i| (i.lang(), i.is_reliable(), i.confidence()));
    if let Some((lang, true, _)) = info {
        return iso639(lang).to_string();
    }
    if arabic * 2 > letters {
        // Persian and Urdu share the script; whatlang tells them apart only
        // with enough text, and in this field Arabic is the likely one.
        return match info {
            Some((l @ (whatlang::Lang::Pes | whatlang::Lang::Urd), _, conf)) if conf > 0.5 => iso639(l).to_string(),
            _ => "ar".into(),
        };
    }
    if latin * 2 > letters {
        let has_marker = sample
            .split(|c: char| !c.is_alphabetic())
            .any(|w| ENGLISH_MARKERS.iter().any(|m| w.eq_ignore_ascii_case(m)));
        if has_marker {
            return "en".into();
        }
    }
    match info {
        Some((lang, _, _)) if letters >= 20 => iso639(lang).to_string(),
        _ => "und".into(),
    }
}

/// ISO 639-1 code for a whatlang language where there is one.
fn iso639(lang: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match lang {
        Eng => "en",
        Ara => "ar",
        Fra => "fr",
        Deu => "de",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Rus => "ru",
        Ukr => "uk",
        Tur => "tr",
        Pes => "fa",
        Urd => "ur",
        Heb => "he",
        Nld => "nl",
        Swe => "sv",
        Dan => "da",
        Nob => "nb",
        Fin => "fi",
        Pol => "pl",
        Ces => "cs",
        Slk => "sk",
        Hun => "hu",
        Ron => "ro",
        Bul => "bg",
        Srp => "sr",
        Hrv => "hr",
        Slv => "sl",
        Ell => "el",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Hin => "hi",
        Ben => "bn",
        Tam => "ta",
        Tel => "te",
        Mar => "mr",
        Guj => "gu",
        Kan => "kn",
        Mal => "ml",
        Pan => "pa",
        Ori => "or",
        Sin => "si",
        Tha => "th",
        Vie => "vi",
        Ind => "id",
        Tgl => "tl",
        Jav => "jv",
        Kat => "ka",
        Hye => "hy",
        Aze => "az",
        Uzb => "uz",
        Bel => "be",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Amh => "am",
        Yid => "yi",
        Nep => "ne",
        Khm => "km",
        Mya => "my",
        Zul => "zu",
        Sna => "sn",
        Aka => "ak",
        Epo => "eo",
        Lat => "la",
        Cat => "ca",
        Afr => "af",
        Tuk => "tk",
        Mkd => "mk",
        Cym => "cy",
        #[allow(unreachable_patterns)]
        other => other.code(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_english_from_arabic_per_paragraph() {
        let text = "Shelling resumed on the eastern districts overnight, residents said.\n\n\
                    قال سكان إن القصف استؤنف على الأحياء الشرقية خلال الليل.\n\n\
                    Les bombardements ont repris sur les quartiers est pendant la nuit, selon des habitants.";
        let ps = paragraphs(text);
        let langs: Vec<&str> = ps.iter().map(|p| p.lang.as_str()).collect();
        assert_eq!(langs, ["en", "ar", "fr"]);
        assert_eq!(document_languages(text, &ps)[0], "fr");
    }

    #[test]
    fn short_paragraphs_take_the_language_around_them() {
        let text = "Format mpeg4, Bitrate 35 mbps\n\n\
                    Video shot inside the besieged district shows residents queuing for bread.\n\n\
                    حلب\n\nقال سكان إن القصف استؤنف على الأحياء الشرقية خلال الليل.";
        let langs: Vec<String> = paragraphs(text).into_iter().map(|p| p.lang).collect();
        assert_eq!(langs, ["en", "en", "ar", "ar"]);
    }

    #[test]
    fn a_second_language_needs_text_of_its_own() {
        let english = "Shelling resumed on the eastern districts overnight, residents said, and rescuers worked \
                       until dawn to reach the families trapped under the rubble of two buildings.";
        // Names in Arabic script on lines of their own, and a headline
        // whatlang reads as another Latin-script language.
        let names =
            format!("Burma Junta Airstrikes Kill 11 Sagaing Civilians\n\n{english}\n\nحلب\n\nحي الشعار\n\n{english}");
        assert_eq!(document_languages(&names, &paragraphs(&names)), ["en"]);
        let arabic = "قال سكان إن القصف استؤنف على الأحياء الشرقية خلال الليل، وإن فرق الإنقاذ عملت حتى الفجر \
                      للوصول إلى العائلات العالقة تحت أنقاض مبنيين في الحي.";
        let bilingual = format!("{english}\n\n{arabic}");
        assert_eq!(
            document_languages(&bilingual, &paragraphs(&bilingual)),
            ["en", "ar"],
            "a translation is a language"
        );
    }

    #[test]
    fn short_lines_fall_back_on_script_and_function_words() {
        assert_eq!(detect("حلب"), "ar");
        assert_eq!(detect("Update at noon"), "en");
        assert_eq!(detect("Aleppo 2016"), "und");
        assert_eq!(detect("Siege of the city"), "en");
        assert_eq!(detect("— 12 —"), "und");
    }

    #[test]
    fn paragraphs_split_at_blank_lines_and_trim() {
        let t = "  one\nstill one\n\n \t\ntwo  \n\n\n---\n\nthree";
        let spans: Vec<&str> = paragraph_spans(t).iter().map(|s| &t[s.start..s.end]).collect();
        assert_eq!(spans, ["one\nstill one", "two", "three"]);
    }
}
