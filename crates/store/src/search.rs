//! Full-text search in English and Arabic.
//!
//! FTS5's `unicode61` tokenizer lowercases and strips Latin accents but
//! does not fold Arabic (it even splits words at harakat), so text is
//! folded in Rust with [`fold_for_search`] before it is indexed, and every
//! query is folded the same way. English is stemmed by FTS5's `porter`
//! wrapper, so `bomb` finds `bombed`.
//!
//! Snippets are cut from the original text, not the folded index: FTS5
//! marks the matches in the folded text with private-use characters, and
//! the fold's offset map carries them back to the words as written.
//!
//! Query language: words (all must match), `"exact phrases"`, `OR`
//! between two terms, `-word` to exclude, `word*` for a prefix.

use crate::error::{Result, StoreError};
use crate::Archive;
use rusqlite::{params, Transaction};
use serde::Serialize;
use sitrep_text::fold::fold_for_search;
use sitrep_text::{CharIndex, Span};

const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// Context kept around the first match, in characters.
const BEFORE: usize = 80;
const AFTER: usize = 160;

/// Title matches weigh this much more than body matches in the ranking.
const TITLE_WEIGHT: f64 = 5.0;

/// One search result.
#[derive(Clone, Debug, Serialize)]
pub struct Hit {
    pub id: String,
    pub title: Option<String>,
    pub published: Option<String>,
    /// FTS5's bm25 score, negated so that larger is better.
    pub score: f64,
    /// Original text around the first match.
    pub snippet: String,
    /// Matched words inside `snippet`, as character spans.
    pub highlights: Vec<(usize, usize)>,
    /// Where the snippet starts in the document's text, in characters.
    pub snippet_start: usize,
    /// How many matches the document's text has.
    pub matches: usize,
}

pub(crate) fn index(tx: &Transaction<'_>, rowid: i64, title: Option<&str>, text: &str) -> Result<()> {
    let title = title.map(|t| fold_for_search(t).text).unwrap_or_default();
    tx.execute(
        "INSERT INTO search (rowid, title, body) VALUES (?1, ?2, ?3)",
        params![rowid, title, fold_for_search(text).text],
    )?;
    Ok(())
}

/// Translates a user's query into an FTS5 expression over folded terms.
/// Every term is quoted, so no input can be an FTS5 syntax error.
pub fn to_fts(query: &str) -> Option<String> {
    let mut positive: Vec<String> = Vec::new();
    let mut negative: Vec<String> = Vec::new();
    let mut pending_or = false;
    let mut chars = query.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let negate = c == '-';
        if negate {
            chars.next();
        }
        let raw: String = if chars.peek() == Some(&'"') {
            chars.next();
            let phrase: String = chars.by_ref().take_while(|&c| c != '"').collect();
            phrase
        } else {
            let mut w = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                w.push(c);
                chars.next();
            }
            if w == "OR" && !negate {
                pending_or = !positive.is_empty();
                continue;
            }
            w
        };
        let prefix = raw.ends_with('*');
        let folded = fold_for_search(raw.trim_end_matches('*')).text;
        if !folded.chars().any(char::is_alphanumeric) {
            continue;
        }
        let term = format!("\"{}\"{}", folded.replace('"', "\"\""), if prefix { "*" } else { "" });
        if negate {
            negative.push(term);
        } else if pending_or {
            let last = positive.pop().expect("OR follows a term");
            positive.push(format!("({last} OR {term})"));
            pending_or = false;
        } else {
            positive.push(term);
        }
    }
    if positive.is_empty() {
        return None;
    }
    let mut q = positive.join(" AND ");
    for n in negative {
        q = format!("({q}) NOT {n}");
    }
    Some(q)
}

pub(crate) fn run(archive: &Archive, query: &str, limit: usize) -> Result<Vec<Hit>> {
    let fts = to_fts(query).ok_or(StoreError::EmptyQuery)?;
    let conn = archive.conn();
    let mut stmt = conn.prepare(
        "SELECT d.id, d.title, d.published, d.text, -bm25(search, ?3, 1.0),
                highlight(search, 1, char(57344), char(57345))
         FROM search JOIN documents d ON d.rowid = search.rowid
         WHERE search MATCH ?1 ORDER BY bm25(search, ?3, 1.0) LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![fts, limit as i64, TITLE_WEIGHT], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, f64>(4)?,
            r.get::<_, String>(5)?,
        ))
    })?;
    let mut hits = Vec::new();
    for row in rows {
        let (id, title, published, text, score, marked) = row?;
        let spans = original_matches(&text, &marked);
        let (snippet, snippet_start, highlights) = snippet(&text, &spans);
        hits.push(Hit { id, title, published, score, snippet, highlights, snippet_start, matches: spans.len() });
    }
    Ok(hits)
}

/// Byte spans in `text` of the matches FTS5 marked in its folded form.
fn original_matches(text: &str, marked: &str) -> Vec<Span> {
    let folded = fold_for_search(text);
    let mut spans = Vec::new();
    let mut pos = 0usize; // byte offset in the folded text, markers excluded
    let mut open_at = None;
    for c in marked.chars() {
        match c {
            OPEN => open_at = Some(pos),
            CLOSE => {
                if let Some(s) = open_at.take() {
                    spans.push(folded.original(Span::new(s, pos)));
                }
            }
            c => pos += c.len_utf8(),
        }
    }
    spans
}

/// Cuts a snippet around the first match, on word boundaries, and returns
/// it with its start and the matches inside it, all in characters.
fn snippet(text: &str, matches: &[Span]) -> (String, usize, Vec<(usize, usize)>) {
    let ix = CharIndex::new(text);
    let total = ix.char_of(text.len());
    let first = matches.first().map(|m| ix.char_of(m.start)).unwrap_or(0);
    let mut start = first.saturating_sub(BEFORE);
    let mut end = (first + AFTER).min(total);
    // Widen to whole words.
    let chars: Vec<char> = text.chars().collect();
    while start > 0 && !chars[start - 1].is_whitespace() {
        start -= 1;
    }
    while end < total && !chars[end].is_whitespace() {
        end += 1;
    }
    let snippet: String = chars[start..end].iter().map(|&c| if c == '\n' { ' ' } else { c }).collect();
    let highlights = matches
        .iter()
        .map(|m| ix.chars(*m))
        .filter(|&(s, e)| s >= start && e <= end)
        .map(|(s, e)| (s - start, e - start))
        .collect();
    (snippet, start, highlights)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_folded_and_quoted() {
        assert_eq!(to_fts("حَلَب shelling").as_deref(), Some(r#""حلب" AND "shelling""#));
        assert_eq!(
            to_fts(r#""old city" OR market -rumour"#).as_deref(),
            Some(r#"(("old city" OR "market")) NOT "rumour""#)
        );
        assert_eq!(to_fts("bomb*").as_deref(), Some(r#""bomb"*"#));
        assert_eq!(to_fts(r#"a"b NEAR( :"#).as_deref(), Some(r#""a""b" AND "NEAR(""#));
        assert_eq!(to_fts("  - * "), None);
    }
}
