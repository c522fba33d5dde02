//! The window of a sentence shown around the words an item stands on.
//!
//! Every output shows cited words in their sentence, marked, with long
//! sentences cut around them. One rule cuts ([`Cut`]); each output keeps
//! as much as its page or line holds, named here:
//!
//! | output | keeps | function |
//! | --- | --- | --- |
//! | the report's evidence appendix | 280 characters either side | [`report_html`] |
//! | the desk's evidence links | 160 either side | [`desk_html`] |
//! | a terminal line | 150 in all, the words centred | [`terminal`] |
//! | an export's note | `max` in all, on one line | [`note`] |

use crate::html::esc;
use crate::text::{clip, one_line};

/// Characters `[from, to)` of a sentence to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cut {
    pub from: usize,
    pub to: usize,
}

impl Cut {
    /// `keep` characters either side of the words `[at, end)` of a sentence
    /// of `total` characters.
    pub fn either_side(total: usize, at: usize, end: usize, keep: usize) -> Cut {
        Cut { from: at.saturating_sub(keep), to: (end + keep).min(total) }
    }

    /// At most `max` characters in all, the `len` words at `at` as near the
    /// middle as the sentence allows.
    pub fn centred(total: usize, at: usize, len: usize, max: usize) -> Cut {
        if total <= max {
            return Cut { from: 0, to: total };
        }
        let from = at.saturating_sub(max.saturating_sub(len) / 2).min(total.saturating_sub(max));
        Cut { from, to: (from + max).min(total) }
    }
}

/// A sentence cut, its words marked, with an ellipsis where cut: HTML.
fn marked_html(chars: &[char], cut: Cut, at: usize, end: usize) -> String {
    let s = |a: usize, b: usize| esc(&chars[a..b].iter().collect::<String>());
    format!(
        "{}{}<mark>{}</mark>{}{}",
        if cut.from > 0 { "…" } else { "" },
        s(cut.from, at),
        s(at, end),
        s(end, cut.to),
        if cut.to < chars.len() { "…" } else { "" }
    )
}

/// The report's: the sentence with the words marked, 280 characters kept
/// either side. The words are looked for where `at` says, else where they
/// first appear; a sentence without them is shown with the words after it.
pub fn report_html(context: &str, words: &str, at: usize) -> String {
    const KEEP: usize = 280;
    let ctx: Vec<char> = context.chars().collect();
    let w: Vec<char> = words.chars().collect();
    let found = if at + w.len() <= ctx.len() && ctx[at..at + w.len()] == w[..] {
        Some(at)
    } else if w.is_empty() {
        None
    } else {
        ctx.windows(w.len()).position(|x| x == &w[..])
    };
    let Some(at) = found else {
        if ctx.is_empty() {
            return format!("<mark>{}</mark>", esc(words));
        }
        return format!("{} <mark>{}</mark>", esc(context), esc(words));
    };
    let end = at + w.len();
    marked_html(&ctx, Cut::either_side(ctx.len(), at, end, KEEP), at, end)
}

/// The desk's: the sentence on one line with the `len` words at `at`
/// marked, 160 characters kept either side.
pub fn desk_html(context: &str, at: usize, len: usize) -> String {
    const KEEP: usize = 160;
    let chars: Vec<char> = context.chars().map(|c| if c == '\n' { ' ' } else { c }).collect();
    let at = at.min(chars.len());
    let end = (at + len).min(chars.len());
    marked_html(&chars, Cut::either_side(chars.len(), at, end, KEEP), at, end)
}

/// A terminal line's: at most `max` characters of the sentence around the
/// `len` words at `at`, whitespace as spaces, and where the words now are
/// (for marking them).
pub fn terminal(context: &str, at: usize, len: usize, max: usize) -> (String, (usize, usize)) {
    let chars: Vec<char> = context.chars().map(|c| if c.is_whitespace() { ' ' } else { c }).collect();
    if chars.len() <= max {
        return (chars.iter().collect(), (at, at + len));
    }
    let cut = Cut::centred(chars.len(), at, len, max);
    let mut s: String = chars[cut.from..cut.to].iter().collect();
    let mut shift = 0;
    if cut.from > 0 {
        s.insert(0, '…');
        shift = 1;
    }
    if cut.to < chars.len() {
        s.push('…');
    }
    (s, (at - cut.from + shift, (at + len).min(cut.to) - cut.from + shift))
}

/// An export note's: the sentence around the words on one line, cut to
/// about `max` characters; the words alone when there is no sentence.
pub fn note(context: &str, words: &str, at: usize, max: usize) -> String {
    let chars: Vec<char> = context.chars().collect();
    if chars.is_empty() {
        return clip(&one_line(words), max);
    }
    if chars.len() <= max {
        return one_line(context);
    }
    let cut = Cut::centred(chars.len(), at.min(chars.len()), words.chars().count(), max);
    let mut out = String::new();
    if cut.from > 0 {
        out.push('…');
    }
    out.extend(&chars[cut.from..cut.to]);
    if cut.to < chars.len() {
        out.push('…');
    }
    one_line(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_are_marked_even_when_at_is_wrong() {
        assert_eq!(report_html("a <b> c", "<b>", 99), "a <mark>&lt;b&gt;</mark> c");
        assert_eq!(report_html("", "x", 0), "<mark>x</mark>");
        assert_eq!(report_html("no such words", "x", 0), "no such words <mark>x</mark>");
        let long = format!("{} the words {}", "a".repeat(300), "b".repeat(300));
        let html = report_html(&long, "the words", 301);
        assert!(html.starts_with('…') && html.ends_with('…') && html.contains("<mark>the words</mark>"));
    }

    #[test]
    fn the_desk_keeps_a_line() {
        assert_eq!(desk_html("one\ntwo three", 4, 3), "one <mark>two</mark> three");
    }

    #[test]
    fn terminal_lines_centre_the_words() {
        let (s, mark) = terminal("short\nline", 0, 5, 150);
        assert_eq!((s.as_str(), mark), ("short line", (0, 5)));
        let long = format!("{}WORDS{}", "a".repeat(200), "b".repeat(200));
        let (s, (a, b)) = terminal(&long, 200, 5, 50);
        assert_eq!(s.chars().count(), 52);
        assert_eq!(s.chars().skip(a).take(b - a).collect::<String>(), "WORDS");
    }

    #[test]
    fn notes_quote_around_the_words() {
        let context = format!("{} an air strike hit {}", "a".repeat(300), "b".repeat(300));
        let s = note(&context, "air strike", 304, 100);
        assert!(s.contains("air strike") && s.starts_with('…') && s.ends_with('…'));
        assert_eq!(s.chars().count(), 102);
        assert_eq!(note("", "  the   words ", 0, 100), "the words");
    }
}
