//! PDF text layers, page by page.
//!
//! Text comes from pdf-extract (on lopdf). Two repairs follow, both because
//! of how PDFs store text rather than how people wrote it:
//! - Arabic is often stored in visual order (the order glyphs are painted,
//!   left to right), so it comes out reversed. A line whose words look
//!   reversed is put back in logical order ([`fix_visual_order`]).
//! - Presentation-form glyphs are left for [`sitrep_text::fold`] to fold
//!   when matching; the text itself keeps what the PDF says.
//!
//! pdf-extract can panic on malformed files; the panic is caught and
//! reported as a malformed PDF, so one bad file never stops a batch.

use crate::error::{IngestError, Result};
use crate::limits::Limits;
use sitrep_text::fold::{fold_letters, is_arabic_letter};

thread_local! {
    static IN_READER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// True on a thread that is inside the PDF reader, whose panics are caught
/// and reported as malformed files: a program's panic hook can stay quiet
/// for those and loud for real bugs.
pub fn in_pdf_reader() -> bool {
    IN_READER.with(|f| f.get())
}

/// The text of each page.
///
/// The PDF library runs on a thread of its own, bounded in time by
/// [`Limits::max_pdf_seconds`]: a malformed file can send it into a loop
/// that no panic handler catches. A thread that overruns is left behind (it
/// ends with the process) and the file is reported, so the batch goes on.
pub fn pages(bytes: &[u8], limits: &Limits) -> Result<Vec<String>> {
    let (tx, rx) = std::sync::mpsc::channel();
    let (owned, max_pages) = (bytes.to_vec(), limits.max_pdf_pages);
    let spawned = std::thread::Builder::new().name("pdf".into()).spawn(move || {
        IN_READER.with(|f| f.set(true));
        let _ = tx.send(read_pages(&owned, max_pages));
    });
    if let Err(e) = spawned {
        return Err(IngestError::Io(e));
    }
    match rx.recv_timeout(std::time::Duration::from_secs(limits.max_pdf_seconds)) {
        Ok(result) => result,
        Err(_) => Err(IngestError::TooLarge {
            what: "reading the PDF",
            size: format!("over {} s", limits.max_pdf_seconds),
            limit: format!("{} s", limits.max_pdf_seconds),
            flag: "max-pdf-seconds",
        }),
    }
}

/// A page tree whose /Parent links loop sends the PDF library round for
/// ever; check the chains first (lopdf is the library under pdf-extract).
fn parent_cycle(doc: &pdf_extract::Document) -> bool {
    for (_, page) in doc.get_pages() {
        let mut seen = std::collections::HashSet::new();
        let mut id = page;
        while let Ok(dict) = doc.get_dictionary(id) {
            if !seen.insert(id) || seen.len() > 256 {
                return true;
            }
            match dict.get(b"Parent").and_then(|p| p.as_reference()) {
                Ok(parent) => id = parent,
                Err(_) => break,
            }
        }
    }
    false
}

fn read_pages(bytes: &[u8], max_pages: usize) -> Result<Vec<String>> {
    let result = std::panic::catch_unwind(move || -> Result<Vec<String>> {
        let doc = pdf_extract::Document::load_mem(bytes).map_err(|e| IngestError::malformed("PDF", e.to_string()))?;
        let count = doc.get_pages().len();
        if count > max_pages {
            return Err(IngestError::TooLarge {
                what: "PDF",
                size: format!("{count} pages"),
                limit: format!("{max_pages} pages"),
                flag: "max-pdf-pages",
            });
        }
        if parent_cycle(&doc) {
            return Err(IngestError::malformed("PDF", "its page tree loops back on itself"));
        }
        if doc.is_encrypted() {
            return Err(IngestError::malformed("PDF", "it is encrypted; save an unencrypted copy and add that"));
        }
        pdf_extract::extract_text_from_mem_by_pages(bytes).map_err(|e| IngestError::malformed("PDF", e.to_string()))
    });
    let pages = match result {
        Ok(r) => r?,
        Err(_) => return Err(IngestError::malformed("PDF", "the PDF reader could not parse its structure")),
    };
    Ok(pages.into_iter().map(|p| clean_page(&p)).collect())
}

/// Collapses the runs of spaces pdf-extract puts between words and fixes
/// reversed Arabic lines.
fn clean_page(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    for line in page.lines() {
        let mut collapsed = String::with_capacity(line.len());
        for word in line.split([' ', '\u{a0}']).filter(|w| !w.is_empty()) {
            if !collapsed.is_empty() {
                collapsed.push(' ');
            }
            collapsed.push_str(word);
        }
        out.push_str(&fix_visual_order(&collapsed));
        out.push('\n');
    }
    // Blank-line runs become one paragraph break.
    let mut result = String::with_capacity(out.len());
    let mut blank = 0;
    for line in out.lines() {
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !result.is_empty() {
            result.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        result.push_str(line);
    }
    result
}

/// Puts an Arabic line extracted in visual order back in logical order.
///
/// The evidence is in the words: in logical order the article `ال` starts
/// words and taa marbuta `ة` ends them; reversed, words end in `لا` and
/// start with `ة`. When the reversed signs win, the line is reversed as a
/// whole and runs of left-to-right characters (Latin words, numbers) are
/// turned back round.
pub fn fix_visual_order(line: &str) -> String {
    let (mut logical, mut visual) = (0usize, 0usize);
    for word in line.split(|c: char| !is_arabic_letter(c)).filter(|w| w.chars().count() >= 3) {
        let w = fold_letters(word).text;
        if w.starts_with("ال") || w.ends_with('ه') && word.ends_with(['ة', '\u{FE93}', '\u{FE94}']) {
            logical += 1;
        }
        if w.ends_with("لا") || word.starts_with(['ة', '\u{FE93}', '\u{FE94}']) {
            visual += 1;
        }
    }
    if visual <= logical {
        return line.to_string();
    }
    let reversed: Vec<char> = line.chars().rev().map(mirror).collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < reversed.len() {
        if is_ltr(reversed[i]) {
            // Extend over the run, including inner spaces and number
            // punctuation that sit between left-to-right characters.
            let mut j = i;
            let mut end = i;
            while j < reversed.len() && (is_ltr(reversed[j]) || is_ltr_joiner(reversed[j])) {
                if is_ltr(reversed[j]) {
                    end = j;
                }
                j += 1;
            }
            out.extend(reversed[i..=end].iter().rev().map(|&c| mirror(c)));
            i = end + 1;
        } else {
            out.push(reversed[i]);
            i += 1;
        }
    }
    out
}

fn is_ltr(c: char) -> bool {
    c.is_ascii_alphanumeric() || (c.is_alphabetic() && !is_arabic_letter(c)) || ('\u{0660}'..='\u{0669}').contains(&c)
}

fn is_ltr_joiner(c: char) -> bool {
    matches!(c, ' ' | '.' | ',' | ':' | '/' | '-' | '%')
}

fn mirror(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '«' => '»',
        '»' => '«',
        '<' => '>',
        '>' => '<',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reversed_arabic_is_put_back() {
        let logical = "قصفت الطائرات المدينة القديمة يوم 13 كانون الأول";
        let visual: String = {
            // What a visual-order PDF gives: the whole line reversed, with
            // the number left as it reads.
            let r: String = logical.chars().rev().collect();
            r.replace("31", "13")
        };
        assert_eq!(fix_visual_order(&visual), logical);
        assert_eq!(fix_visual_order(logical), logical);
        assert_eq!(fix_visual_order("Shelling in the old city"), "Shelling in the old city");
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let err = pages(b"%PDF-1.4\nnot really a pdf", &Limits::default()).unwrap_err();
        assert!(err.to_string().contains("PDF"), "{err}");
    }
}
