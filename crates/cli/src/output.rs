//! Terminal output: highlighting, and whether standard output is a
//! terminal. Columns, cutting, right-to-left isolation and short ids are
//! the presentation library's (`sitrep-present`), shared with the report
//! and the desk.

use std::io::IsTerminal;

pub use sitrep_present::direction::isolate;
pub use sitrep_present::short_id;
pub use sitrep_present::text::{pad, tail, truncate};

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
}
