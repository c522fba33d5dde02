//! Terminal output: columns, highlighting, and right-to-left text.
//!
//! Arabic titles and snippets sit in lines with left-to-right ids and
//! dates. Unicode directional isolates (FSI … PDI) around each piece of
//! free text stop a bidi-aware terminal from reordering the columns
//! around it; terminals without bidi ignore them.

use std::io::IsTerminal;

const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

/// Free text wrapped in directional isolates when it holds right-to-left
/// characters.
pub fn isolate(s: &str) -> String {
    if s.chars().any(is_rtl) {
        format!("{FSI}{s}{PDI}")
    } else {
        s.to_string()
    }
}

fn is_rtl(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// At most `max` characters, with an ellipsis when cut.
pub fn truncate(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        return s;
    }
    let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
    t.push('…');
    t
}

/// Left-aligned in `width` characters.
pub fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n >= width {
        s.to_string()
    } else {
        format!("{s}{}", " ".repeat(width - n))
    }
}

pub use sitrep_record::DocId;

/// A document id as every line shows it.
pub fn short_id(id: &str) -> &str {
    DocId::short_of(id)
}

pub fn stdout_is_tty() -> bool {
    std::io::stdout().is_terminal()
}

/// Marks the character spans `marks` of `text`: bold yellow on a terminal,
/// `**…**` elsewhere.
pub fn highlight(text: &str, marks: &[(usize, usize)], tty: bool) -> String {
    let (open, close) = if tty { ("\x1b[1;33m", "\x1b[0m") } else { ("**", "**") };
    let mut out = String::with_capacity(text.len() + marks.len() * 8);
    let mut marks = marks.to_vec();
    marks.sort();
    let mut m = marks.iter().peekable();
    let mut inside: Option<usize> = None;
    for (i, c) in text.chars().enumerate() {
        if inside == Some(i) {
            out.push_str(close);
            inside = None;
        }
        while let Some(&&(s, e)) = m.peek() {
            if s < i {
                m.next();
                continue;
            }
            if s == i && inside.is_none() && e > s {
                out.push_str(open);
                inside = Some(e);
                m.next();
            }
            break;
        }
        out.push(c);
    }
    if inside.is_some() {
        out.push_str(close);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlight_marks_character_spans() {
        assert_eq!(highlight("قصف حلب اليوم", &[(4, 7)], false), "قصف **حلب** اليوم");
        assert_eq!(highlight("abc", &[(0, 3)], false), "**abc**");
    }

    #[test]
    fn isolates_only_rtl() {
        assert_eq!(isolate("Aleppo"), "Aleppo");
        assert_eq!(isolate("حلب"), "\u{2068}حلب\u{2069}");
    }
}
