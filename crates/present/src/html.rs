//! Text into HTML: the one escape, and text marked with its direction.
//!
//! Everything a document says (titles, text, names, quotes, URLs) is
//! hostile input. It reaches HTML only through [`esc`], which is safe in
//! element content and in quoted attributes alike, so there is no second
//! escaping rule to forget. The report and the desk mark direction each
//! their own way, on purpose: the report's print-ready page marks Arabic
//! runs inside English sentences ([`text`], [`lang_attrs`]); the desk's
//! tables leave direction to the browser ([`isolated`], [`dir_attrs`]).

use crate::direction::{is_arabic, is_arabic_letter, script, Script};
use std::fmt::Write;

/// Text for element content or a quoted attribute.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            '\0' => o.push('\u{FFFD}'),
            c if c.is_control() && !matches!(c, '\n' | '\t') => o.push('\u{FFFD}'),
            c => o.push(c),
        }
    }
    o
}

/// Escaped text, in a right-to-left span when it is Arabic, its Arabic
/// runs isolated when it mixes scripts (the report's).
pub fn text(s: &str) -> String {
    match script(s) {
        Script::Arabic => format!("<span lang=\"ar\" dir=\"rtl\">{}</span>", esc(s)),
        Script::Mixed => arabic_runs(s),
        Script::Other => esc(s),
    }
}

/// Escaped text with each Arabic run isolated right to left, so an Arabic
/// name inside an English sentence keeps its order and its brackets.
fn arabic_runs(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 32);
    let mut i = 0;
    while i < chars.len() {
        if !is_arabic_letter(chars[i]) {
            out.push_str(&esc(chars[i].encode_utf8(&mut [0; 4])));
            i += 1;
            continue;
        }
        // The run ends at its last Arabic letter before any other letter.
        let mut end = i + 1;
        for (j, &c) in chars.iter().enumerate().skip(i + 1) {
            if is_arabic_letter(c) {
                end = j + 1;
            } else if c.is_alphabetic() {
                break;
            }
        }
        let depth = |cs: &[char]| cs.iter().map(|&c| i64::from(c == '(') - i64::from(c == ')')).sum::<i64>();
        let mut open = depth(&chars[i..end]);
        while open > 0 && chars.get(end) == Some(&')') {
            end += 1;
            open -= 1;
        }
        let run: String = chars[i..end].iter().collect();
        let _ = write!(out, "<bdi lang=\"ar\" dir=\"rtl\">{}</bdi>", esc(&run));
        i = end;
    }
    out
}

/// ` lang=… dir=…` for a block of text in `language` (may be empty): the
/// report's.
pub fn lang_attrs(text: &str, language: &str) -> String {
    let valid =
        !language.is_empty() && language.len() <= 12 && language.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    let arabic = script(text) == Script::Arabic;
    if language == "ar" || (arabic && !valid) {
        return " lang=\"ar\" dir=\"rtl\"".into();
    }
    if arabic {
        return format!(" lang=\"{language}\" dir=\"rtl\"");
    }
    if valid {
        format!(" lang=\"{language}\" dir=\"ltr\"")
    } else {
        " dir=\"auto\"".into()
    }
}

/// Escaped text, isolated with its direction left to the browser when it
/// holds any Arabic, so an Arabic name in an English table keeps its
/// order (the desk's).
pub fn isolated(s: &str) -> String {
    if s.chars().any(is_arabic_letter) {
        format!("<bdi dir=\"auto\">{}</bdi>", esc(s))
    } else {
        esc(s)
    }
}

/// ` lang="ar" dir="rtl"` for Arabic text (by its language code, else its
/// letters), ` dir="auto"` otherwise: a block's direction follows its text
/// (the desk's).
pub fn dir_attrs(text: &str, lang: &str) -> &'static str {
    if lang == "ar" || (lang.is_empty() && is_arabic(text)) {
        " lang=\"ar\" dir=\"rtl\""
    } else if lang == "en" {
        " lang=\"en\" dir=\"ltr\""
    } else {
        " dir=\"auto\""
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_content_and_attributes() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(esc("a\u{0}b\u{7}c\nd"), "a\u{FFFD}b\u{FFFD}c\nd");
    }

    #[test]
    fn arabic_is_marked_right_to_left() {
        assert_eq!(lang_attrs("hello", "x\"y"), " dir=\"auto\"");
        assert_eq!(lang_attrs("حلب", ""), " lang=\"ar\" dir=\"rtl\"");
        assert_eq!(
            text("the United Nations gives 100,000 and (حلب (نص)) & more"),
            "the United Nations gives 100,000 and (<bdi lang=\"ar\" dir=\"rtl\">حلب (نص)</bdi>) &amp; more"
        );
        assert_eq!(text("حلب"), "<span lang=\"ar\" dir=\"rtl\">حلب</span>");
        assert_eq!(isolated("Aleppo حلب"), "<bdi dir=\"auto\">Aleppo حلب</bdi>");
        assert_eq!(dir_attrs("حلب", ""), " lang=\"ar\" dir=\"rtl\"");
        assert_eq!(dir_attrs("حلب", "en"), " lang=\"en\" dir=\"ltr\"");
    }
}
