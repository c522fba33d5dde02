//! Half-open spans over text.
//!
//! Internally sitrep works in UTF-8 byte offsets, which index Rust strings
//! directly. The JSON record speaks Unicode scalar values, so every span that
//! leaves the process is converted with [`CharIndex`].

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into one particular text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// Builds a span; `start > end` is a programming error.
    pub fn new(start: usize, end: usize) -> Span {
        assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The slice of `text` this span covers, or `None` when it is out of
    /// bounds or not on character boundaries (a span from another text).
    pub fn get<'t>(&self, text: &'t str) -> Option<&'t str> {
        text.get(self.start..self.end)
    }

    /// The span moved right by `by` bytes, as when text is prepended.
    pub fn shift(&self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }
}

impl Span {
    /// Do the two spans share a byte?
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// A set of spans that answers "does anything overlap this?" in O(log n),
/// so annotators that check each mention against all others stay linear
/// on a long document.
#[derive(Clone, Debug, Default)]
pub struct SpanSet {
    /// Sorted by start.
    spans: Vec<Span>,
    /// `max_end[i]`: the largest end among `spans[..=i]`.
    max_end: Vec<usize>,
}

impl SpanSet {
    pub fn new(spans: impl IntoIterator<Item = Span>) -> SpanSet {
        let mut spans: Vec<Span> = spans.into_iter().filter(|s| !s.is_empty()).collect();
        spans.sort();
        let mut max_end = Vec::with_capacity(spans.len());
        let mut m = 0;
        for s in &spans {
            m = m.max(s.end);
            max_end.push(m);
        }
        SpanSet { spans, max_end }
    }

    /// Does any span of the set share a byte with `s`?
    pub fn overlaps(&self, s: Span) -> bool {
        let i = self.spans.partition_point(|t| t.start < s.end);
        !s.is_empty() && i > 0 && self.max_end[i - 1] > s.start
    }

    /// The spans starting inside `[from, to)`.
    pub fn starting_in(&self, from: usize, to: usize) -> &[Span] {
        let a = self.spans.partition_point(|t| t.start < from);
        let b = self.spans.partition_point(|t| t.start < to);
        &self.spans[a..b]
    }
}

/// Converts byte offsets of one text into character offsets, in O(log n).
///
/// Built once per text; spans are converted when a record is serialized.
pub struct CharIndex {
    /// Byte offset at which each non-ASCII run's characters start; empty for
    /// pure ASCII, where bytes and characters coincide.
    starts: Vec<usize>,
    ascii: bool,
    len_bytes: usize,
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        let ascii = text.is_ascii();
        let starts = if ascii { Vec::new() } else { text.char_indices().map(|(i, _)| i).collect() };
        CharIndex { starts, ascii, len_bytes: text.len() }
    }

    /// Character offset of byte offset `byte`. A byte offset inside a
    /// character maps to that character's start; past the end, to the length.
    pub fn char_of(&self, byte: usize) -> usize {
        if self.ascii {
            return byte.min(self.len_bytes);
        }
        if byte >= self.len_bytes {
            return self.starts.len();
        }
        match self.starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte offset of character offset `ch` (the text length when past it).
    pub fn byte_of(&self, ch: usize) -> usize {
        if self.ascii {
            return ch.min(self.len_bytes);
        }
        self.starts.get(ch).copied().unwrap_or(self.len_bytes)
    }

    /// `[start, end)` in characters.
    pub fn chars(&self, span: Span) -> (usize, usize) {
        (self.char_of(span.start), self.char_of(span.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_sets_answer_overlaps_like_a_scan() {
        let spans = [Span::new(0, 10), Span::new(2, 3), Span::new(12, 14), Span::new(20, 30)];
        let set = SpanSet::new(spans);
        for start in 0..35 {
            for end in start..36 {
                let s = Span::new(start, end);
                let scan = !s.is_empty() && spans.iter().any(|t| t.overlaps(s));
                assert_eq!(set.overlaps(s), scan, "{s:?}");
            }
        }
    }

    #[test]
    fn char_index_maps_arabic_and_ascii() {
        let t = "in حلب today";
        let ix = CharIndex::new(t);
        let start = t.find("حلب").unwrap();
        let sp = Span::new(start, start + "حلب".len());
        assert_eq!(ix.chars(sp), (3, 6));
        assert_eq!(ix.byte_of(3), start);
        assert_eq!(ix.char_of(t.len()), t.chars().count());
        let ascii = CharIndex::new("plain");
        assert_eq!(ascii.chars(Span::new(1, 3)), (1, 3));
    }

    #[test]
    fn shift_moves_both_ends() {
        assert_eq!(Span::new(2, 5).shift(3), Span::new(5, 8));
    }
}
