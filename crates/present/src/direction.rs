//! Which text runs right to left.

/// A letter of the Arabic script's blocks (presentation forms included),
/// for choosing a text's direction: wider than
/// `sitrep_text::fold::is_arabic_letter`, which is about folding.
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c as u32, 0x0600..=0x06FF | 0x0750..=0x077F | 0x0870..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// What a text's letters are.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Script {
    /// Most letters are Arabic.
    Arabic,
    /// Some are.
    Mixed,
    Other,
}

/// Arabic when most letters are Arabic letters.
pub fn script(s: &str) -> Script {
    let (mut arabic, mut other) = (0usize, 0usize);
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        if is_arabic_letter(c) {
            arabic += 1;
        } else {
            other += 1;
        }
    }
    if arabic > other {
        Script::Arabic
    } else if arabic > 0 {
        Script::Mixed
    } else {
        Script::Other
    }
}

/// Whether most letters of `s` are Arabic.
pub fn is_arabic(s: &str) -> bool {
    script(s) == Script::Arabic
}

/// A character of a right-to-left script (Hebrew, Arabic, Syriac, Thaana,
/// N'Ko, their presentation forms).
pub fn is_rtl(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

/// Free text for a terminal line, wrapped in directional isolates (FSI …
/// PDI) when it holds right-to-left characters: Arabic titles and snippets
/// sit in lines with left-to-right ids and dates, and the isolates stop a
/// bidi-aware terminal from reordering the columns around them; terminals
/// without bidi ignore them.
pub fn isolate(s: &str) -> String {
    if s.chars().any(is_rtl) {
        format!("{FSI}{s}{PDI}")
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts() {
        assert_eq!(script("خان شيخون"), Script::Arabic);
        assert_eq!(script("Khan شيخون Shaykhun"), Script::Mixed);
        assert_eq!(script("Aleppo 2016"), Script::Other);
        assert!(is_arabic("حلب") && !is_arabic("Aleppo"));
    }

    #[test]
    fn isolates_only_rtl() {
        assert_eq!(isolate("Aleppo"), "Aleppo");
        assert_eq!(isolate("حلب"), "\u{2068}حلب\u{2069}");
    }
}
