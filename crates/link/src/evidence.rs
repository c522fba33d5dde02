//! Evidence: a span of a document with the sentence around it.

use crate::model::Evidence;
use sitrep_text::CharIndex;

/// A document's text with a character index, for cutting evidence.
pub(crate) struct Text<'a> {
    pub doc: &'a str,
    pub text: &'a str,
    index: CharIndex,
}

/// Context is cut at sentence ends, but never longer than this many
/// characters either side of the span: a page with no full stops (a video
/// log, a table) should not paste itself whole into every claim.
const MAX_SIDE: usize = 240;

impl<'a> Text<'a> {
    pub fn new(doc: &'a str, text: &'a str) -> Text<'a> {
        Text { doc, text, index: CharIndex::new(text) }
    }

    /// The byte range of a character span, clamped to the text.
    pub fn bytes(&self, span: [usize; 2]) -> (usize, usize) {
        let n = self.text.len();
        let s = self.index.byte_of(span[0]).min(n);
        let e = self.index.byte_of(span[1]).clamp(s, n);
        (s, e)
    }

    /// The byte range of the sentence around a character span.
    pub fn sentence(&self, span: [usize; 2]) -> (usize, usize) {
        let (s, e) = self.bytes(span);
        let t = self.text;
        let before = &t[..s];
        let mut start = before
            .char_indices()
            .rev()
            .find(|&(i, c)| {
                c == '\n' || (ends_sentence(t, i, c) && t[i + c.len_utf8()..].starts_with(char::is_whitespace))
            })
            .map(|(i, c)| i + c.len_utf8())
            .unwrap_or(0);
        let after = &t[e..];
        let mut end = after
            .char_indices()
            .find(|&(i, c)| {
                c == '\n'
                    || (ends_sentence(t, e + i, c)
                        && after[i + c.len_utf8()..].chars().next().is_none_or(char::is_whitespace))
            })
            .map(|(i, c)| e + i + if c == '\n' { 0 } else { c.len_utf8() })
            .unwrap_or(t.len());
        if s - start > MAX_SIDE * 4 || t[start..s].chars().count() > MAX_SIDE {
            start = floor_word(t, back_chars(t, s, MAX_SIDE));
        }
        if t[e..end].chars().count() > MAX_SIDE {
            end = ceil_word(t, forward_chars(t, e, MAX_SIDE));
        }
        while start < s && t[start..].starts_with(char::is_whitespace) {
            start += t[start..].chars().next().map_or(1, char::len_utf8);
        }
        (start, end.max(e))
    }

    /// Whether two character spans lie in one sentence.
    pub fn same_sentence(&self, a: [usize; 2], b: [usize; 2]) -> bool {
        let (s, e) = self.sentence(a);
        let (bs, be) = self.bytes(b);
        bs >= s && be <= e
    }

    /// Whether two character spans lie in one paragraph (no line break
    /// between them).
    pub fn same_paragraph(&self, a: [usize; 2], b: [usize; 2]) -> bool {
        let (a0, a1) = self.bytes(a);
        let (b0, b1) = self.bytes(b);
        let (lo, hi) = if a0 <= b0 { (a1.min(b0), b0) } else { (b1.min(a0), a0) };
        !self.text[lo..hi.max(lo)].contains('\n')
    }

    pub fn evidence(&self, span: [usize; 2]) -> Evidence {
        let (s, e) = self.bytes(span);
        let (cs, ce) = self.sentence(span);
        Evidence {
            doc: self.doc.to_string(),
            span,
            text: self.text[s..e].to_string(),
            context: self.text[cs..ce].trim_end().to_string(),
            at: self.text[cs..s].chars().count(),
        }
    }
}

/// A full stop after a lone capital (`U.N.`, `J. Smith`) is an initial.
fn ends_sentence(t: &str, at: usize, c: char) -> bool {
    if !matches!(c, '.' | '!' | '?' | '؟' | '۔') {
        return false;
    }
    let mut before = t[..at].chars().rev();
    match (before.next(), before.next()) {
        (Some(p), q) if c == '.' && p.is_uppercase() => q.is_some_and(|q| q != '.' && !q.is_whitespace()),
        _ => true,
    }
}

fn back_chars(t: &str, from: usize, n: usize) -> usize {
    t[..from].char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i)
}

fn forward_chars(t: &str, from: usize, n: usize) -> usize {
    t[from..].char_indices().nth(n).map_or(t.len(), |(i, _)| from + i)
}

/// Moves a cut forward to the start of a word.
fn floor_word(t: &str, at: usize) -> usize {
    t[at..].find(char::is_whitespace).map_or(at, |i| at + i)
}

/// Moves a cut forward to the end of a word.
fn ceil_word(t: &str, at: usize) -> usize {
    t[at..].find(char::is_whitespace).map_or(t.len(), |i| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_the_sentence() {
        let t = "First one. The U.N. says 100,000 are trapped in the east. Last one.";
        let text = Text::new("d", t);
        let at = t.find("100,000").unwrap();
        let ev = text.evidence([at, at + 7]);
        assert_eq!(ev.context, "The U.N. says 100,000 are trapped in the east.");
        assert_eq!(&ev.context.chars().skip(ev.at).take(7).collect::<String>(), "100,000");
    }

    #[test]
    fn arabic_context_counts_characters() {
        let t = "قال الدفاع المدني. حوصر ١٠٠ ألف شخص في حلب. انتهى";
        let text = Text::new("d", t);
        let s = t.chars().position(|c| c == '١').unwrap();
        let ev = text.evidence([s, s + 3]);
        assert_eq!(ev.text, "١٠٠");
        assert_eq!(ev.context, "حوصر ١٠٠ ألف شخص في حلب.");
        assert_eq!(ev.at, 5);
    }

    #[test]
    fn long_runs_are_cut_at_words() {
        let t = format!("{} 42 killed {}", "word ".repeat(400), "more ".repeat(400));
        let text = Text::new("d", &t);
        let s = t.chars().position(|c| c == '4').unwrap();
        let ev = text.evidence([s, s + 9]);
        assert!(ev.context.chars().count() < 2 * MAX_SIDE + 20);
        assert!(ev.context.starts_with("word") && ev.context.ends_with("more"));
    }

    proptest::proptest! {
        /// Any text, any span (even out of range): evidence is cut without
        /// panicking, and its words stand in its context where `at` says.
        #[test]
        fn evidence_is_always_a_slice_of_its_context(
            text in "[a-z .!?\n\u{0600}-\u{0620}U.]{0,300}",
            a in 0usize..400,
            len in 0usize..50,
        ) {
            let t = Text::new("d", &text);
            let ev = t.evidence([a, a + len]);
            let n = ev.text.chars().count();
            // The context drops trailing white space, which a span ending
            // in white space would miss; every other span is whole in it.
            if !ev.text.trim().is_empty() && ev.text.trim_end() == ev.text {
                let got: String = ev.context.chars().skip(ev.at).take(n).collect();
                proptest::prop_assert_eq!(got, ev.text.clone());
            }
        }
    }
}
