//! Markdown to plain text.
//!
//! Analysts keep notes and transcripts in Markdown. The reader keeps every
//! word a person would read and drops the markup a person would not:
//! heading hashes, emphasis marks, list bullets, quote bars, link targets,
//! code fences and front matter. Paragraph breaks stay blank lines, so
//! paragraphs line up with the source.

use crate::dates;
use crate::document::Meta;

/// Text and metadata (front matter, first heading) of a Markdown document.
pub fn extract(source: &str) -> (String, Meta) {
    let mut meta = Meta::default();
    let mut lines: Vec<&str> = source.lines().collect();

    // YAML front matter: `---` on the first line, closed by `---` or `...`.
    if lines.first().map(|l| l.trim_end()) == Some("---") {
        if let Some(end) = lines.iter().skip(1).position(|l| matches!(l.trim_end(), "---" | "...")) {
            for l in &lines[1..=end] {
                if let Some((k, v)) = l.split_once(':') {
                    let v = v.trim().trim_matches(|c| c == '"' || c == '\'').to_string();
                    if v.is_empty() {
                        continue;
                    }
                    match k.trim().to_ascii_lowercase().as_str() {
                        "title" => meta.title = Some(v),
                        "author" | "by" => meta.author = Some(v),
                        "date" | "published" => meta.published = dates::normalize(&v),
                        "source" | "site" => meta.site = Some(v),
                        "url" | "link" => meta.url = Some(v),
                        _ => {}
                    }
                }
            }
            lines.drain(..=end + 1);
        }
    }

    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut in_fence = false;
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.trim_end();
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push(line.to_string());
            continue;
        }
        // Setext underline or thematic break: no words in it.
        if !t.is_empty() && t.chars().all(|c| matches!(c, '=' | '-' | '*' | '_' | ' ')) && t.len() >= 3 {
            let setext_h1 = t.starts_with('=') && i > 0 && !lines[i - 1].trim().is_empty();
            if setext_h1 && meta.title.is_none() {
                meta.title = Some(inline(lines[i - 1].trim()));
            }
            // A `---` under a line of text is a setext h2 underline, not a break.
            let setext_h2 = t.starts_with('-') && i > 0 && !lines[i - 1].trim().is_empty();
            if !setext_h1 && !setext_h2 {
                out.push(String::new());
            }
            continue;
        }
        // Link reference definitions: `[1]: https://…`.
        if t.starts_with('[') && t.contains("]:") && !t.contains("](") {
            continue;
        }
        let mut body = t;
        while let Some(rest) = body.strip_prefix('>') {
            body = rest.trim_start();
        }
        let heading = body.chars().take_while(|&c| c == '#').count();
        if (1..=6).contains(&heading) && body[heading..].starts_with([' ', '\t']) {
            let h = inline(body[heading..].trim().trim_end_matches('#').trim());
            if heading == 1 && meta.title.is_none() {
                meta.title = Some(h.clone());
            }
            out.push(h);
            continue;
        }
        let body = strip_list_marker(body);
        out.push(inline(body));
    }
    (out.join("\n"), meta)
}

fn strip_list_marker(s: &str) -> &str {
    for m in ["- ", "* ", "+ "] {
        if let Some(rest) = s.strip_prefix(m) {
            return rest.trim_start();
        }
    }
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits < 4 {
        let rest = &s[digits..];
        if let Some(r) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return r.trim_start();
        }
    }
    s
}

/// Inline markup: links and images keep their words, emphasis and code
/// marks go, escapes are resolved.
fn inline(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if i + 1 < chars.len() && chars[i + 1].is_ascii_punctuation() => {
                out.push(chars[i + 1]);
                i += 2;
            }
            '!' if chars.get(i + 1) == Some(&'[') => i += 1,
            '[' => {
                // `[words](target)` or `[words][ref]` → words.
                if let Some(close) = chars[i + 1..].iter().position(|&c| c == ']').map(|p| p + i + 1) {
                    let after = chars.get(close + 1);
                    let end = match after {
                        Some('(') => chars[close + 1..].iter().position(|&c| c == ')').map(|p| p + close + 1),
                        Some('[') => chars[close + 1..].iter().position(|&c| c == ']').map(|p| p + close + 1),
                        _ => None,
                    };
                    if let Some(end) = end {
                        out.push_str(&inline(&chars[i + 1..close].iter().collect::<String>()));
                        i = end + 1;
                        continue;
                    }
                }
                out.push(c);
                i += 1;
            }
            '<' => {
                // `<https://…>` autolinks keep the address; inline tags go.
                if let Some(close) = chars[i..].iter().position(|&c| c == '>').map(|p| p + i) {
                    let inner: String = chars[i + 1..close].iter().collect();
                    if inner.starts_with("http") || inner.contains('@') {
                        out.push_str(&inner);
                        i = close + 1;
                        continue;
                    }
                    // Inline HTML (<img …>, <span class="x">, </span>) and
                    // comments (<!-- … -->) are markup, not words.
                    let tag = inner.trim_start_matches('/');
                    if tag.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) || inner.starts_with('!') {
                        i = close + 1;
                        continue;
                    }
                }
                out.push(c);
                i += 1;
            }
            '`' => i += 1,
            '*' | '_' => {
                // Emphasis marks sit at a word's edge; an underscore inside
                // a word (snake_case, file_names) is a character.
                let prev = if i > 0 { chars[i - 1] } else { ' ' };
                let run = chars[i..].iter().take_while(|&&x| x == c).count();
                let next = chars.get(i + run).copied().unwrap_or(' ');
                let inside_word = prev.is_alphanumeric() && next.is_alphanumeric();
                if c == '_' && inside_word || (prev.is_whitespace() && next.is_whitespace()) {
                    out.extend(std::iter::repeat_n(c, run));
                }
                i += run;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_goes_words_stay() {
        let src = "---\ntitle: Field notes\ndate: 2020-05-01\n---\n\n# Day one\n\n\
                   The **clinic** in the [old town](https://example.org/x) was hit at *dawn*.\n\n\
                   > \"We carried 14 people out,\" a nurse said.\n\n\
                   - first_aid kits: 3\n- water: none\n\n***\n\n1. Evening: quiet";
        let (text, meta) = extract(src);
        assert_eq!(meta.title.as_deref(), Some("Field notes"));
        assert_eq!(meta.published.as_deref(), Some("2020-05-01"));
        assert_eq!(
            text,
            "\nDay one\n\nThe clinic in the old town was hit at dawn.\n\n\
             \"We carried 14 people out,\" a nurse said.\n\nfirst_aid kits: 3\nwater: none\n\n\n\nEvening: quiet"
        );
    }

    #[test]
    fn inline_html_is_markup() {
        let (text, _) = extract("A <span class=\"place\">convoy</span> arrived <!-- check with OCHA --> at noon.<img src=\"a.jpg\" alt=\"x\">");
        assert_eq!(text, "A convoy arrived  at noon.");
    }

    #[test]
    fn first_heading_is_the_title_without_front_matter() {
        let (_, meta) = extract("Aleppo, week 3\n===\n\nbody");
        assert_eq!(meta.title.as_deref(), Some("Aleppo, week 3"));
    }
}
