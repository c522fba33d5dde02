//! Free text cut, padded and put on one line.

/// Whitespace runs as one space, ends trimmed.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
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
    fn cutting() {
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(clip("abc", 4), "abc");
        assert_eq!(clip_after("abcdef", 4), "abcd…");
        assert_eq!(truncate(" a\n b  c ", 10), "a b c");
        assert_eq!(pad("حلب", 5), "حلب  ");
        assert_eq!(tail("/a/very/long/path.html", 10), "…path.html");
    }
}
