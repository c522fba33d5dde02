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

/// Bidi formatting characters: marks, embeddings, overrides, isolates.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Free text for a terminal line, wrapped in directional isolates (FSI …
/// PDI) when it holds right-to-left characters or bidi controls: Arabic
/// titles and snippets sit in lines with left-to-right ids and dates, and
/// the isolates stop a bidi-aware terminal from reordering the columns
/// around them; terminals without bidi ignore them. A title holding a
/// right-to-left override (U+202E) would otherwise turn the rest of its
/// line around; inside the isolate it ends at the isolate's end. An
/// isolate the text opens is closed before ours, and a PDI the text does
/// not open is dropped, so none can close ours early.
pub fn isolate(s: &str) -> String {
    if !s.chars().any(|c| is_rtl(c) || is_bidi_control(c)) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    out.push(FSI);
    let mut open = 0usize;
    for c in s.chars() {
        match c {
            '\u{2066}'..='\u{2068}' => {
                open += 1;
                out.push(c);
            }
            PDI if open == 0 => {}
            PDI => {
                open -= 1;
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.extend(std::iter::repeat_n(PDI, open));
    out.push(PDI);
    out
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
    fn bidi_controls_are_isolated_and_cannot_escape() {
        let rlo = "invoice\u{202E}fdp.exe";
        assert_eq!(isolate(rlo), format!("{FSI}{rlo}{PDI}"));
        // A PDI of the text's own cannot close the isolate early.
        assert_eq!(isolate("a\u{2069}\u{202E}b"), format!("{FSI}a\u{202E}b{PDI}"));
        // An isolate it opens is closed before ours.
        assert_eq!(isolate("a\u{2067}b"), format!("{FSI}a\u{2067}b{PDI}{PDI}"));
        assert_eq!(isolate("a\u{2067}b\u{2069}c"), format!("{FSI}a\u{2067}b\u{2069}c{PDI}"));
    }

    #[test]
    fn isolates_only_rtl() {
        assert_eq!(isolate("Aleppo"), "Aleppo");
        assert_eq!(isolate("حلب"), "\u{2068}حلب\u{2069}");
    }
}
