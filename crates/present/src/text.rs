//! Free text cut, padded and put on one line.

/// Whitespace runs as one space, ends trimmed.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A quote's words as a page shows them: without the comma, colon or dash
/// the sentence around it put at its end (`“…heavy shelling,” said X`), in
/// either script. A full stop, question or exclamation mark stays: it is
/// the speaker's.
pub fn quote_words(s: &str) -> &str {
    s.trim().trim_end_matches([',', ';', ':', '،', '؛', '-', '–', '—', ' ']).trim_end()
}

/// At most `max` characters, the last an ellipsis when cut.
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// The first `max` characters, and an ellipsis after them when cut: for a
/// label whose full text is a hover away.
pub fn clip_after(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut o: String = s.chars().take(max).collect();
    o.push('…');
    o
}

/// On one line, at most `max` characters.
pub fn truncate(s: &str, max: usize) -> String {
    clip(&one_line(s), max)
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

/// The end of a long path or URL, where the distinguishing part is.
pub fn tail(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        s.to_string()
    } else {
        format!("…{}", s.chars().skip(n - max + 1).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_lose_the_punctuation_of_the_sentence_around_them() {
        assert_eq!(quote_words("The mortars have not stopped since noon,"), "The mortars have not stopped since noon");
        assert_eq!(quote_words("لا يوجد مكان آمن، "), "لا يوجد مكان آمن");
        assert_eq!(quote_words("Who will help us?"), "Who will help us?");
        assert_eq!(quote_words("We chose our path."), "We chose our path.");
        assert_eq!(quote_words("and then —"), "and then");
    }

    #[test]
    fn cutting() {
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(clip("abc", 4), "abc");
        assert_eq!(clip_after("abcdef", 4), "abcd…");
        assert_eq!(truncate(" a\n b  c ", 10), "a b c");
        assert_eq!(pad("حلب", 5), "حلب  ");
        assert_eq!(tail("/a/very/long/path.html", 10), "…path.html");
    }
}
