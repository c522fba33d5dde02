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

/// Most terms one query may hold. FTS5 parses a query with a fixed-depth
/// parser stack and limits the depth of the expression it builds (256),
/// and every prefix term is a scan of the index: `a* OR a* OR …` three
/// thousand times nested its groups three thousand deep and failed inside
/// SQLite ("fts5: parser stack overflow"). Groups are now written flat,
/// and a query of more terms than anyone types is refused as bad usage.
pub const MAX_TERMS: usize = 64;

/// Longest query taken, in bytes.
pub const MAX_QUERY_BYTES: usize = 4096;

/// Translates a user's query into an FTS5 expression over folded terms.
/// Every term is quoted, so no input can be an FTS5 syntax error, and the
/// expression is at most three levels deep: `(a OR b) AND c NOT (d OR e)`.
/// `None` when it has no words; an error, in words, when it is too large.
pub fn to_fts(query: &str) -> std::result::Result<Option<String>, String> {
    if query.len() > MAX_QUERY_BYTES {
        return Err(format!(
            "the query is {} bytes long; sitrep searches for at most {MAX_QUERY_BYTES} bytes of words",
            query.len()
        ));
    }
    // Alternatives joined by OR, each group of them one AND term.
    let mut groups: Vec<Vec<String>> = Vec::new();
    let mut negative: Vec<String> = Vec::new();
    let mut terms = 0usize;
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
                pending_or = !groups.is_empty();
                continue;
            }
            w
        };
        let prefix = raw.ends_with('*');
        let folded = fold_for_search(raw.trim_end_matches('*')).text;
        if !folded.chars().any(char::is_alphanumeric) {
            continue;
        }
        terms += 1;
        if terms > MAX_TERMS {
            return Err(format!(
                "the query has more than {MAX_TERMS} terms; search for fewer words (a phrase in quotes counts as one)"
            ));
        }
        let term = format!("\"{}\"{}", folded.replace('"', "\"\""), if prefix { "*" } else { "" });
        if negate {
            negative.push(term);
        } else if pending_or {
            groups.last_mut().expect("OR follows a term").push(term);
            pending_or = false;
        } else {
            groups.push(vec![term]);
        }
    }
    if groups.is_empty() {
        return Ok(None);
    }
    let or = |terms: &[String]| if terms.len() == 1 { terms[0].clone() } else { format!("({})", terms.join(" OR ")) };
    let mut q = groups.iter().map(|g| or(g)).collect::<Vec<_>>().join(" AND ");
    if !negative.is_empty() {
        q = format!("({q}) NOT {}", or(&negative));
    }
    Ok(Some(q))
}

pub(crate) fn run(archive: &Archive, query: &str, limit: usize) -> Result<Vec<Hit>> {
    let fts = to_fts(query).map_err(StoreError::BadQuery)?.ok_or(StoreError::EmptyQuery)?;
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
        let (id, title, published, text, score, marked) = row.map_err(bad_query)?;
        let spans = original_matches(&text, &marked);
        let (snippet, snippet_start, highlights) = snippet(&text, &spans);
        hits.push(Hit { id, title, published, score, snippet, highlights, snippet_start, matches: spans.len() });
    }
    Ok(hits)
}

/// An error FTS5 raises over the query itself is bad usage, not a broken
/// archive; the bounds above keep the ones known out, this names any other.
fn bad_query(e: rusqlite::Error) -> StoreError {
    let message = e.to_string();
    if message.starts_with("fts5:") || message.contains("fts5 expression tree") {
        StoreError::BadQuery(format!("SQLite's full-text search cannot run it ({message}); simplify the query"))
    } else {
        StoreError::Sqlite(e)
    }
}

/// Checks that every document's search entry is its title and text folded,
/// and that the index holds nothing else: an edited index would find words
/// a document does not have, or hide ones it has.
pub(crate) fn check(conn: &rusqlite::Connection) -> Result<Vec<crate::Change>> {
    let mut changes = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT d.id, d.title, d.text, s.rowid, s.title, s.body
         FROM documents d LEFT JOIN search s ON s.rowid = d.rowid ORDER BY d.rowid",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let (title, text): (Option<String>, String) = (r.get(1)?, r.get(2)?);
        let indexed: Option<i64> = r.get(3)?;
        let problem = if indexed.is_none() {
            Some("is missing: search cannot find the document")
        } else {
            let want_title = title.map(|t| fold_for_search(&t).text).unwrap_or_default();
            let (got_title, got_body): (Option<String>, Option<String>) = (r.get(4)?, r.get(5)?);
            (got_title.as_deref() != Some(want_title.as_str())
                || got_body.as_deref() != Some(fold_for_search(&text).text.as_str()))
            .then_some("is not the document's title and text: the index was changed")
        };
        if let Some(p) = problem {
            changes.push(crate::Change::new("search", &id, p));
        }
    }
    let strays: Vec<i64> = conn
        .prepare("SELECT rowid FROM search WHERE rowid NOT IN (SELECT rowid FROM documents)")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for rowid in strays {
        changes.push(crate::Change::new(
            "search",
            &rowid.to_string(),
            "is in the index but no document has that row: the index was changed",
        ));
    }
    Ok(changes)
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
        let fts = |q: &str| to_fts(q).unwrap();
        assert_eq!(fts("حَلَب shelling").as_deref(), Some(r#""حلب" AND "shelling""#));
        assert_eq!(
            fts(r#""old city" OR market -rumour"#).as_deref(),
            Some(r#"(("old city" OR "market")) NOT "rumour""#)
        );
        assert_eq!(fts("bomb*").as_deref(), Some(r#""bomb"*"#));
        assert_eq!(fts(r#"a"b NEAR( :"#).as_deref(), Some(r#""a""b" AND "NEAR(""#));
        assert_eq!(fts("  - * "), None);
        assert_eq!(fts("a OR b OR c d -e -f").as_deref(), Some(r#"(("a" OR "b" OR "c") AND "d") NOT ("e" OR "f")"#));
    }

    #[test]
    fn queries_are_bounded() {
        // The probe that once failed inside SQLite.
        assert!(to_fts(&vec!["a*"; 3000].join(" OR ")).is_err());
        let e = to_fts(&vec!["a*"; MAX_TERMS + 1].join(" OR ")).unwrap_err();
        assert!(e.contains("more than 64 terms"), "{e}");
        let at_most = vec!["a*"; MAX_TERMS].join(" OR ");
        assert!(to_fts(&at_most).unwrap().is_some());
        assert!(to_fts(&"x".repeat(MAX_QUERY_BYTES + 1)).unwrap_err().contains("bytes"));
    }
}
