//! Quotes and who said them.
//!
//! Where a quote is:
//!
//! 1. **Transcripts**: paragraphs that open with a speaker's label
//!    (`RANIA HADDAD, HOST:`, `منير الخطاب/ ساكن في الحي:`,
//!    `المذيع:`, `Q`), when the document has at least two of them; a later
//!    short label (`HADDAD:`) is the person of the full one.
//! 2. **Interviews**: `Q:` paragraphs and the answers after them; and
//!    interviews without markers, whose opening names the interviewer
//!    (`Interviewer: X`, `حاورته: X`) or the one who answers (`an
//!    interview with X`, `التقينا X`) and whose questions are paragraphs
//!    ending in `?` or `؟`.
//! 3. **Video logs**: a line `14:20 (Samir, Baker)` gives the timecode,
//!    speaker and role of the quote below it; `09:55 Question:` is the
//!    interviewer.
//! 4. **Quotation marks** of every kind (`“ ”`, `" "`, `« »`, `„ “`, `‘ ’`),
//!    over several paragraphs when each reopens the quote.
//! 5. **Blocks**: the paragraphs after a frame that ends its line with a
//!    colon (`Abu Hadi says:`, `صدر عن قيادة الدفاع المدني البيان الآتي:`), while
//!    they go on in the speaker's voice.
//! 6. **Translations**: a quote or paragraph in the other script right
//!    after a quote is its translation (`translation_of`), with its speaker.
//!
//! Who said it is the speaker of the reporting frame ([`crate::frames`])
//! that holds the quote in its content, or stands right after it (`“…,”
//! she said`, `"…"، يقول أبو جاسم`), or cites a source for its sentence
//! (`according to`, `وفق`), resolved through the document's discourse
//! ([`crate::discourse`]). A quote with no frame goes on from the quote
//! before it in its paragraph, or in the paragraph before when it opens
//! the next one. Short quotes (fewer than four words) are speech only
//! inside a frame's content (`launched an “immediate response”`); outside
//! one they are scare quotes, titles or names, and a quoted name in the
//! speaker's place (`وقال "أبو رائد"`) is the speaker, not a quote.
//!
//! Indirect speech (`he said that …`) is not a quote, but its frame gives
//! the figures inside it their source ([`Speech::source_of`]).

use crate::actors::ActorMention;
use crate::discourse::{keys_of, name_keys, Discourse, Mention, Want};
use crate::frames::{self, Frame, FrameKind, Subject, VerbKind};
use crate::lexicon;
use crate::speakers::{self, is_credit_label, is_quote_mark, np_ar, np_en, Ctx, Gender, Np, NpKind};
use crate::tokens::{first_at, is_arabic_word, Kind, Token};
use sitrep_text::fold::{fold_key, is_arabic_letter};
use sitrep_text::Span;

#[derive(Clone, Debug, PartialEq)]
pub struct QuoteMention {
    /// The quoted words, without the marks.
    pub span: Span,
    pub speaker: Option<String>,
    pub speaker_role: Option<String>,
    pub timecode: Option<String>,
    pub language: &'static str,
    /// The quote this one translates (an index into the list).
    pub translation_of: Option<usize>,
}

/// What the document's reporting says: its quotes, and who each stretch of
/// reported speech (direct or not) belongs to.
#[derive(Clone, Debug, Default)]
pub struct Speech {
    pub quotes: Vec<QuoteMention>,
    /// Frame contents with a speaker one could ask again: `(content, speaker)`.
    sources: Vec<(Span, String)>,
}

impl Speech {
    /// Who the reporting says the words at `span` come from: the speaker of
    /// the innermost frame whose content holds them, when that speaker is a
    /// named person or a body.
    pub fn source_of(&self, span: Span) -> Option<&str> {
        self.sources
            .iter()
            .filter(|(c, _)| c.start <= span.start && span.start < c.end)
            .max_by_key(|(c, _)| c.start)
            .map(|(_, s)| s.as_str())
    }
}

/// Pairs of opening and closing marks.
const MARKS: [(char, &[char]); 5] = [('“', &['”']), ('«', &['»']), ('„', &['“', '”']), ('"', &['"']), ('‘', &['’'])];

/// Fewer words than this, and no frame: a scare quote or a title.
const MIN_SPEECH_WORDS: usize = 4;

/// A question paragraph of an unmarked interview has at most this many words.
const MAX_QUESTION_WORDS: usize = 80;

fn language(text: &str) -> &'static str {
    let arabic = text.chars().filter(|c| is_arabic_letter(*c)).count();
    let latin = text.chars().filter(|c| c.is_ascii_alphabetic()).count();
    if arabic > latin {
        "ar"
    } else {
        "en"
    }
}

/// Paragraph spans: lines, trimmed.
fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices('\n') {
        push_trimmed(text, start, i, &mut out);
        start = i + 1;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(Span::new(start + lead, end - trail));
    }
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// `Q:`, `Q.`, `Question:` at the start of a paragraph; returns where the
/// question's words start.
fn question_start(text: &str, p: Span) -> Option<usize> {
    labelled(text, p, &["Q:", "Q.", "Question:", "س:"]).map(|(at, _)| at)
}

/// A paragraph that opens with one of `labels`, after a timecode or not
/// (`[00:00:12] Q:`): where its words start, and the timecode.
fn labelled(text: &str, p: Span, labels: &[&str]) -> Option<(usize, Option<String>)> {
    let s = &text[p.start..p.end];
    let (time, s) = match s.strip_prefix('[').and_then(|r| r.split_once(']')) {
        Some((t, rest)) if t.split(':').count() >= 2 && t.chars().all(|c| c.is_ascii_digit() || c == ':') => {
            (Some(t.to_string()), rest.trim_start())
        }
        _ => (None, s),
    };
    labels.iter().find_map(|l| s.strip_prefix(l)).map(|rest| (p.end - rest.trim_start().len(), time))
}

/// `14:20 (Samir, Baker)` or `09:55 Question:`: timecode, and speaker
/// and role (None, None for the interviewer).
fn log_header(line: &str) -> Option<(String, Option<String>, Option<String>)> {
    let line = line.trim();
    let (time, rest) = line.split_once(char::is_whitespace)?;
    let digits_ok = time.split(':').count() >= 2
        && time.split(':').all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()));
    if !digits_ok {
        return None;
    }
    let rest = rest.trim();
    if rest.eq_ignore_ascii_case("question:") || rest.eq_ignore_ascii_case("question") || rest == "Q:" {
        return Some((time.to_string(), None, Some("interviewer".into())));
    }
    let inner = rest.strip_prefix('(')?.strip_suffix(')')?;
    let mut parts = inner.split(',').map(str::trim);
    let first = parts.next().unwrap_or("").to_string();
    let second = parts.next().map(str::to_string);
    let unnamed = |s: &str| s.to_lowercase().contains("no name");
    let (speaker, role) = match second {
        // (No name given, Citizen)
        Some(r) if unnamed(&first) => (Some(r), None),
        // (Rebel fighter, no name given)
        Some(r) if unnamed(&r) => (Some(first), None),
        Some(r) => (Some(first), Some(r)),
        None => (Some(first), None),
    };
    Some((time.to_string(), speaker, role))
}

/// Quotation-mark spans: `(open mark, content)`. A quote left open at the
/// end of a paragraph goes on when the next paragraph reopens it.
fn marked(text: &str) -> Vec<(usize, Span)> {
    let mut out = Vec::new();
    if !text.contains(['“', '«', '„', '"', '‘']) {
        return out;
    }
    // The character starting at byte `at`, if any.
    let char_at = |at: usize| text.get(at..).and_then(|r| r.chars().next());
    let mut at = 0;
    while at < text.len() {
        let Some(c) = char_at(at) else { break };
        let next_at = at + c.len_utf8();
        let Some((_, closers)) = MARKS.iter().find(|(o, _)| *o == c) else {
            at = next_at;
            continue;
        };
        // An apostrophe-like opener must start a word.
        if c == '‘' && char_at(next_at).is_none_or(|n| !n.is_alphanumeric()) {
            at = next_at;
            continue;
        }
        let start = next_at;
        let mut end = None;
        let mut resume = text.len();
        for (off, d) in text[start..].char_indices() {
            let b = start + off;
            let after = b + d.len_utf8();
            // `’` inside a word is an apostrophe (`we’ve`), not a close.
            let apostrophe = d == '’' && char_at(after).is_some_and(char::is_alphabetic);
            if closers.contains(&d) && !apostrophe {
                end = Some(b);
                resume = after;
                break;
            }
            if d == '\n' {
                // Goes on if the next paragraph reopens with the same mark,
                // unless this one was cut short on purpose (`falling […]`).
                let next = text[b..].chars().find(|x| !x.is_whitespace());
                let cut = ["…", "...", "[…]", "[...]"].iter().any(|e| text[start..b].trim_end().ends_with(e));
                // A straight `"` that reopens the next paragraph would read as
                // this one's close: each paragraph is a quote of its own.
                if cut || next != Some(c) || c == '"' {
                    end = Some(b);
                    resume = after;
                    break;
                }
            }
        }
        let Some(end) = end else { break };
        let inner = &text[start..end];
        if !inner.trim().is_empty() {
            let end = start + inner.trim_end().len();
            out.push((at, Span::new(start, end)));
        }
        at = resume;
    }
    out
}

/// The paragraph holding byte `at`.
fn para_of(paras: &[Span], at: usize) -> Option<usize> {
    let k = paras.partition_point(|p| p.start <= at).checked_sub(1)?;
    (at < paras[k].end.max(paras[k].start + 1)).then_some(k)
}

/// A line that is a credit (`Photos: X`, `تصوير: X`), a signature of an
/// embedded post (`— Name (@handle) May 2, 2024`) or an interview header.
fn is_credit_line(s: &str) -> bool {
    let Some((label, _)) = s.split_once([':', '：']) else {
        return s.starts_with(['—', '–']) && s.contains("(@") || s.to_lowercase().starts_with("by ");
    };
    let label = label.trim();
    words(label) <= 3
        && label
            .split_whitespace()
            .all(|w| is_credit_label(&lexicon::key(w.trim_matches(|c: char| !c.is_alphanumeric()))))
}

/// A signature line under an embedded post: `— Name (@handle) date`.
fn is_signature(s: &str) -> bool {
    s.starts_with(['—', '–', '-']) && s.contains("(@")
}

/// The interviewer a header line names (`Interviewer: Petra Lindqvist`,
/// `حاورته: ريم السيد`).
fn interview_header(s: &str) -> Option<String> {
    let (label, name) = s.split_once(':')?;
    let keys: Vec<String> = label.split_whitespace().map(lexicon::key).collect();
    let known = lexicon::quotes::INTERVIEW_HEADERS
        .iter()
        .any(|p| p.len() == keys.len() && p.iter().zip(&keys).all(|(a, b)| a == b));
    let name = name.trim();
    // A name, not a title (`Interview: life in a shelter`).
    let latin_name = name
        .split_whitespace()
        .all(|w| w.starts_with(char::is_uppercase) || matches!(w, "al" | "el" | "de" | "bin" | "van"));
    let named = name.chars().any(is_arabic_letter) && words(name) <= 4 || latin_name;
    (known && named && !name.is_empty() && words(name) <= 5 && !name.ends_with(['.', '?', '؟']))
        .then(|| name.to_string())
}

/// A line that opens with an interview header's label (`Interview: life
/// in a shelter`), whoever it names.
fn interview_label(s: &str) -> bool {
    let Some((label, _)) = s.split_once(':') else { return false };
    let keys: Vec<String> = label.split_whitespace().map(lexicon::key).collect();
    lexicon::quotes::INTERVIEW_HEADERS.iter().any(|p| p.len() == keys.len() && p.iter().zip(&keys).all(|(a, b)| a == b))
}

/// A transcript turn's label at the start of a paragraph: `(speaker,
/// role, where the words start)`.
struct Turn {
    para: usize,
    label: String,
    role: Option<String>,
    interviewer: bool,
    content: Span,
    /// Only as sure as a capitalized word before a colon (`Tom:`): kept
    /// when the label is a given name or comes back.
    loose: bool,
}

/// `NAME, ROLE:`, `NAME/ ROLE:`, `NAME:`, `MR. SPICER:`, `المذيع:`, `Q    `.
fn turn_label(text: &str, p: Span, k: usize) -> Option<Turn> {
    let s = &text[p.start..p.end];
    // `Q    Were civilians warned …`: a bare Q and a wide gap.
    if let Some(rest) = s.strip_prefix("Q ").or_else(|| s.strip_prefix("Q\t")) {
        if rest.starts_with([' ', '\t']) && words(rest) >= 2 {
            let start = p.end - rest.trim_start().len();
            return Some(Turn {
                loose: false,
                para: k,
                label: String::new(),
                role: None,
                interviewer: true,
                content: Span::new(start, p.end),
            });
        }
    }
    let colon = s.find(':')?;
    let label = s[..colon].trim();
    let rest = &s[colon + 1..];
    if label.is_empty() || words(label) > 7 || label.chars().count() > 60 || words(rest) < 2 {
        return None;
    }
    if label
        .chars()
        .any(|c| c.is_ascii_digit() || matches!(c, '"' | '“' | '”' | '«' | '»' | '?' | '؟' | '!' | ';' | '،'))
        || is_credit_line(s)
        || interview_header(s).is_some()
    {
        return None;
    }
    // Up to a `(Through interpreter)` note.
    let mut content_from = p.start + colon + 1;
    let trimmed = rest.trim_start();
    content_from += rest.len() - trimmed.len();
    if trimmed.starts_with('(') {
        if let Some(close) = trimmed.find(')') {
            let after = &trimmed[close + 1..];
            content_from += close + 1 + (after.len() - after.trim_start().len());
        }
    }
    if content_from >= p.end {
        return None;
    }
    let content = Span::new(content_from, p.end);
    let arabic = label.chars().any(is_arabic_letter);
    let (name, role) = match label.split_once(['/', ',']) {
        Some((n, r)) => (n.trim().to_string(), Some(r.trim().to_string()).filter(|r| !r.is_empty())),
        None => (label.to_string(), None),
    };
    let name = name.trim_end_matches(|c: char| c == '(' || c.is_whitespace()).to_string();
    let interviewer_word = |w: &str| lexicon::quotes::INTERVIEWER_LABELS.contains(&lexicon::key(w).as_str());
    let interviewer =
        interviewer_word(&name) || role.as_deref().is_some_and(|r| r.split_whitespace().all(interviewer_word));
    if arabic {
        // `الاسم/ الصفة:` or a known label (`المذيع:`); other Arabic text
        // before a colon is a headline or a frame.
        let slash = label.contains('/');
        if !(slash || interviewer) || words(&name) > 4 {
            return None;
        }
        if slash && s[..colon].trim_end().ends_with('/') {
            return None;
        }
        return Some(Turn { para: k, label: name, role, interviewer, content, loose: false });
    }
    // Latin: capitals (`RANIA HADDAD, HOST`, `MR. SPICER`) or a name of up
    // to three capitalized words (`Marco Werman`, `Tom`).
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    let caps = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
    let titled = name.split_whitespace().all(|w| w.starts_with(char::is_uppercase)) && words(&name) <= 3;
    let org = name.split_whitespace().any(|w| speakers::is_org_head(&w.to_lowercase()));
    if !(caps || titled || interviewer) || org {
        return None;
    }
    let clean = |n: &str| -> String {
        let n = ["MR. ", "MS. ", "MRS. ", "DR. ", "Mr. ", "Ms. ", "Mrs. ", "Dr. "]
            .iter()
            .fold(n.to_string(), |n, t| n.strip_prefix(t).map_or(n.clone(), str::to_string));
        if caps {
            n.split_whitespace()
                .map(|w| {
                    let mut c = w.chars();
                    c.next().map_or(String::new(), |f| f.to_string() + &c.as_str().to_lowercase())
                })
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            n
        }
    };
    let label = if interviewer_word(&name) && (name.eq_ignore_ascii_case("q") || name.eq_ignore_ascii_case("question"))
    {
        String::new()
    } else {
        clean(&name)
    };
    let loose = !caps
        && !interviewer
        && speakers::given_gender(&lexicon::key(name.split_whitespace().next().unwrap_or(""))).is_none();
    Some(Turn {
        para: k,
        label,
        role: role.map(|r| if caps { r.to_lowercase() } else { r }),
        interviewer,
        content,
        loose,
    })
}

/// Does this paragraph ask a question (an interview's, unmarked)?
fn is_question(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '”' | '»'));
    t.ends_with(['?', '؟']) && words(t) <= MAX_QUESTION_WORDS && !t.starts_with(['“', '"', '«'])
}

/// Does a question speak to someone (`how many beds do you still have?`,
/// `هل تصلكم الأدوية؟`, `كيف تعيشون؟`)? Questions a report asks itself
/// (`Who will pay for the repairs?`) speak to no one, and do not make the
/// paragraphs after them anyone's answers.
fn addresses(s: &str) -> bool {
    s.split(|c: char| c.is_whitespace() || matches!(c, '\'' | '’'))
        .map(|w| lexicon::key(w.trim_matches(|c: char| !c.is_alphanumeric())))
        .any(|k| {
            if matches!(k.as_str(), "you" | "your" | "yours" | "yourself" | "yourselves") {
                return true;
            }
            if !k.chars().next().is_some_and(is_arabic_letter) {
                return false;
            }
            let k = match k.strip_prefix(['و', 'ف']) {
                Some(r) if r.chars().count() >= 3 => r,
                _ => k.as_str(),
            };
            let n = k.chars().count();
            matches!(k, "انت" | "انتم" | "انتن" | "انتما" | "لديك" | "عندك" | "برايك" | "رايك" | "انك" | "لك" | "منك" | "عليك" | "اليك" | "بك")
                // `تصلكم`, `لديكم`, `لكم`; not `حكم`, `حاكم`.
                || n >= 3 && k.ends_with("كم") && !k.ends_with("اكم") && !k.ends_with("حكم")
                // `تستقبلون`, `تعيشون`: you (plural) do.
                || n >= 5 && k.starts_with('ت') && ["ون", "ونه", "ونها", "ونهم"].iter().any(|e| k.ends_with(e))
        })
}

/// Does a paragraph speak in the first person (a block going on)?
fn first_person(tokens: &[Token], from: usize, to: usize) -> bool {
    tokens[from..to].iter().any(|t| {
        matches!(
            t.key.as_str(),
            "i" | "we"
                | "our"
                | "us"
                | "my"
                | "me"
                | "we’re"
                | "we're"
                | "i’m"
                | "i'm"
                | "we’ve"
                | "نحن"
                | "لدينا"
                | "لنا"
                | "انا"
        ) || (is_arabic_word(t) && t.key.chars().count() >= 5 && t.key.ends_with("نا"))
    })
}

/// Every quote in the text with its speaker.
pub fn find(text: &str, tokens: &[Token], actors: &[ActorMention]) -> Vec<QuoteMention> {
    analyse(text, tokens, actors).quotes
}

/// Whether a speaker's words are only a personal pronoun.
fn bare_pronoun(s: &str) -> bool {
    matches!(
        s.trim().to_lowercase().as_str(),
        "he" | "she" | "they" | "it" | "we" | "i" | "you" | "him" | "her" | "them" | "هو" | "هي" | "هم" | "نحن" | "أنا"
    )
}

/// A speaker as resolved: what the record says, their role, the entity,
/// and whether a figure could cite them.
#[derive(Clone, Debug, Default)]
struct Who {
    speaker: Option<String>,
    role: Option<String>,
    entity: Option<usize>,
    sourceable: bool,
}

/// The document's quotes and reported speech.
pub fn analyse(text: &str, tokens: &[Token], actors: &[ActorMention]) -> Speech {
    let paras = paragraphs(text);
    let mut out: Vec<QuoteMention> = Vec::new();
    // Paragraphs whose words are already a quote (turns, answers).
    let mut covered: Vec<Span> = Vec::new();
    let para_text = |k: usize| &text[paras[k].start..paras[k].end];

    // 1. Transcripts.
    let credits: Vec<bool> =
        (0..paras.len()).map(|k| is_credit_line(para_text(k)) || interview_header(para_text(k)).is_some()).collect();
    let mut turns: Vec<Turn> =
        (0..paras.len()).filter(|&k| !credits[k]).filter_map(|k| turn_label(text, paras[k], k)).collect();
    // `Casualties: 12 killed` is a heading, not a turn: a loose label must
    // come back (`Werman:` … `Werman:`).
    let labels: Vec<String> = turns.iter().map(|t| t.label.clone()).collect();
    turns.retain(|t| {
        !t.loose
            || labels.iter().filter(|l| **l == t.label).count() >= 2
            || is_question(&text[t.content.start..t.content.end])
    });
    // No label says who asks: the first to ask a question does (`Tom: Where
    // are you speaking from?`).
    if !turns.iter().any(|t| t.interviewer) {
        if let Some(asker) =
            turns.iter().find(|t| is_question(&text[t.content.start..t.content.end])).map(|t| t.label.clone())
        {
            for t in turns.iter_mut().filter(|t| t.label == asker) {
                t.interviewer = true;
            }
        }
    }
    let transcript = turns.len() >= 2;
    let mut interviewer_name: Option<String> = (0..paras.len().min(8)).find_map(|k| interview_header(para_text(k)));
    let headed = interviewer_name.is_some() || (0..paras.len().min(8)).any(|k| interview_label(para_text(k)));
    let mut interviewee: Option<(String, Option<String>)> = None;
    if transcript {
        // A later short label is the person of an earlier full one
        // (`HADDAD:` after `RANIA HADDAD, HOST:`).
        let mut full: Vec<(String, Option<String>, bool)> = Vec::new();
        for t in &turns {
            let mut who = t.label.clone();
            let mut role = t.role.clone();
            let mut interviewer = t.interviewer;
            if let Some((n, r, i)) = full.iter().find(|(n, _, _)| {
                let (a, b) = (name_keys(n), name_keys(&t.label));
                !b.is_empty() && a.len() > b.len() && b.iter().all(|w| a.contains(w))
            }) {
                who = n.clone();
                interviewer |= *i;
                if role.is_none() {
                    role = r.clone();
                }
            } else if !t.label.is_empty() && !full.iter().any(|(n, _, _)| *n == t.label) {
                full.push((t.label.clone(), t.role.clone(), t.interviewer));
            }
            let speaker = (!who.is_empty()).then_some(who.clone());
            if interviewer {
                if interviewer_name.is_none() {
                    interviewer_name = speaker.clone();
                }
            } else if interviewee.is_none() && speaker.is_some() {
                interviewee = Some((who.clone(), role.clone()));
            }
            out.push(QuoteMention {
                span: t.content,
                speaker,
                speaker_role: if interviewer { Some("interviewer".into()) } else { role },
                timecode: None,
                language: language(&text[t.content.start..t.content.end]),
                translation_of: None,
            });
            covered.push(paras[t.para]);
        }
    }

    let quotes_marked = marked(text);
    // Which tokens are inside quotation marks.
    let mut quoted = vec![false; tokens.len()];
    for (_, s) in &quotes_marked {
        let a = first_at(tokens, s.start);
        let b = first_at(tokens, s.end);
        for q in quoted.iter_mut().take(b).skip(a) {
            *q = true;
        }
    }
    for c in &covered {
        let a = first_at(tokens, c.start);
        let b = first_at(tokens, c.end);
        for q in quoted.iter_mut().take(b).skip(a) {
            *q = true;
        }
    }
    let ctx = Ctx::new(text, tokens, actors, quoted);
    let mut frames = frames::find(&ctx);

    // 2. Interviews: `Q:` paragraphs, or questions under a header or an
    // opening that says it is an interview.
    let cue_found = interview_cue(&ctx, &paras);
    if interviewer_name.is_none() {
        interviewer_name = cue_found.as_ref().and_then(|(_, asker)| asker.clone());
    }
    let cue = cue_found.map(|(answerer, _)| answerer);
    let questions: Vec<usize> = (0..paras.len()).filter(|&k| !credits[k] && is_question(para_text(k))).collect();
    let q_marked = paras.iter().any(|p| question_start(text, *p).is_some());
    // Without labels, a header says it is an interview (`Interviewer: X`,
    // `Interview: …`, `أجرى الحوار: X`); a cue in the narrative (`spoke to
    // X`) needs a question that speaks to someone (`you`, `تستقبلون`), or
    // a report's own questions would make the paragraphs after them X's.
    let addressed = questions.iter().filter(|&&k| addresses(para_text(k))).count();
    let unmarked = !q_marked && questions.len() >= 2 && (transcript || headed || cue.is_some() && addressed >= 1);
    if interviewee.is_none() {
        interviewee = cue.clone();
    }
    // The person the document quotes most: the interviewee when nothing
    // names them.
    let most_named = {
        let mut counts: crate::lexicon::HashMap<&str, (usize, usize)> = Default::default();
        for (i, a) in actors.iter().enumerate().filter(|(_, a)| a.kind == "person") {
            if interviewer_name.as_deref().is_some_and(|n| name_keys(n) == name_keys(&a.name)) {
                continue;
            }
            counts.entry(a.name.as_str()).or_insert((0, i)).0 += 1;
        }
        counts.into_iter().max_by_key(|(_, (n, i))| (*n, std::cmp::Reverse(*i))).map(|(n, _)| n.to_string())
    };
    let answerer = interviewee.clone().or_else(|| most_named.clone().map(|n| (n, None)));
    let mut in_answers = false;
    let mut answer_role_given = false;
    for (k, p) in paras.iter().enumerate() {
        if covered.contains(p) {
            // A labelled turn: an unmarked answer goes on after it.
            in_answers = out.iter().any(|q| {
                q.span.start >= p.start && q.span.end <= p.end && q.speaker_role.as_deref() == Some("interviewer")
            });
            continue;
        }
        if let Some((q, timecode)) = labelled(text, *p, &["Q:", "Q.", "Question:", "س:"]) {
            in_answers = true;
            let span = Span::new(q, p.end);
            out.push(QuoteMention {
                span,
                speaker: None,
                speaker_role: Some("interviewer".into()),
                timecode,
                language: language(&text[span.start..span.end]),
                translation_of: None,
            });
            covered.push(*p);
            continue;
        }
        let s = para_text(k);
        if unmarked && questions.contains(&k) {
            in_answers = true;
            out.push(QuoteMention {
                span: *p,
                speaker: interviewer_name.clone(),
                speaker_role: Some("interviewer".into()),
                timecode: None,
                language: language(s),
                translation_of: None,
            });
            covered.push(*p);
            continue;
        }
        let caption = || {
            let lower = s.to_lowercase();
            ["photo", "courtesy", "credit", "©"].iter().any(|w| lower.contains(w))
        };
        let min_words = if q_marked { 8 } else { 3 };
        if in_answers && (q_marked || unmarked) && words(s) >= min_words && !caption() && !credits[k] {
            let (who, role) = match &answerer {
                Some((n, r)) if !answer_role_given => (Some(n.clone()), r.clone()),
                Some((n, _)) => (Some(n.clone()), None),
                None => (None, None),
            };
            answer_role_given |= role.is_some();
            // `[00:00:15] A: From a basement …`: the words after the label.
            let (span, timecode) = match labelled(text, *p, &["A:", "A.", "Answer:", "ج:"]) {
                Some((at, time)) if at < p.end => (Span::new(at, p.end), time),
                _ => (*p, None),
            };
            out.push(QuoteMention {
                span,
                speaker: who,
                speaker_role: role,
                timecode,
                language: language(s),
                translation_of: None,
            });
            covered.push(*p);
        }
    }
    covered.sort_by_key(|c| c.start);

    // 3. The discourse: people and bodies in order, and each frame's speaker.
    let mut disc = Discourse::default();
    if let Some(n) = &interviewer_name {
        disc.mention(person_mention(n, None, 0, 0, true));
    }
    if let Some((n, r)) = &interviewee {
        disc.mention(person_mention(n, r.clone(), 0, 0, true));
    }
    let whos = resolve(&ctx, &paras, &credits, &mut frames, &mut disc);

    // Blocks: the paragraphs a colon-ended frame hands on.
    for (f, frame) in frames.iter_mut().enumerate() {
        if !frame.block {
            continue;
        }
        let Some(c) = frame.content else { continue };
        let Some(k0) = para_of(&paras, c.start.saturating_sub(1)) else { continue };
        let mut end = c.end;
        let mut lang = None;
        for k in k0 + 1..paras.len().min(k0 + 7) {
            let p = paras[k];
            if covered.contains(&p) || credits[k] {
                break;
            }
            let s = para_text(k);
            let l = language(s);
            if lang.is_some_and(|x| x != l) {
                break;
            }
            let (a, b) = (first_at(tokens, p.start), first_at(tokens, p.end));
            let opens_quote = s.starts_with(['“', '"', '«', '„']);
            if k > k0 + 1 && !opens_quote && !first_person(tokens, a, b) {
                break;
            }
            lang = Some(l);
            end = p.end;
            if !opens_quote && !is_signature(s) {
                let who = &whos[f];
                out.push(QuoteMention {
                    span: p,
                    speaker: who.speaker.clone(),
                    speaker_role: who.role.clone(),
                    timecode: None,
                    language: l,
                    translation_of: None,
                });
                covered.push(p);
            }
        }
        frame.content = Some(Span::new(c.start, end));
    }
    covered.sort_by_key(|c| c.start);

    // 4 and 5. Marked quotes, with a video log's header above them.
    let is_log = text.lines().filter(|l| log_header(l).is_some()).count() >= 2;
    let mut log_speaker: Option<(Option<String>, Option<String>)> = None;
    let mut prev: Option<(usize, Option<String>, bool)> = None;
    for (open_at, span) in quotes_marked.iter().copied() {
        // Paragraphs come sorted: the one that could hold the quote is the
        // last starting at or before it.
        let k = covered.partition_point(|c| c.start <= span.start);
        if k > 0 && span.end <= covered[k - 1].end {
            continue;
        }
        let content = &text[span.start..span.end];
        let para = para_of(&paras, open_at);
        // The line above: a video-log header?
        let line_start = text[..open_at].trim_end_matches([' ', '\t']).rfind('\n');
        let header = line_start.and_then(|ls| {
            let above = text[..ls].trim_end();
            let from = above.rfind('\n').map_or(0, |p| p + 1);
            log_header(&above[from..])
        });
        // A quoted headline (`One thought on “Rebels Say Iran …”`) is a
        // title, not speech.
        let title_case = {
            let ws: Vec<&str> = content.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).collect();
            ws.len() >= 4 && ws.iter().filter(|w| w.starts_with(char::is_uppercase)).count() * 10 >= ws.len() * 8
        };
        if title_case {
            continue;
        }
        // In a video log, a quote under no header goes on from the last
        // speaker (`22:40 “We hope …”`), unless it asks a question.
        let inline_time = {
            let line_from = text[..open_at].rfind('\n').map_or(0, |p| p + 1);
            let before = text[line_from..open_at].trim();
            (!before.is_empty() && log_header(&format!("{before} (x)")).is_some()).then(|| before.to_string())
        };
        let header = header.or_else(|| {
            if !is_log {
                return None;
            }
            if inline_time.is_none() && content.trim_end().ends_with('?') {
                return Some((String::new(), None, Some("interviewer".into())));
            }
            let (s, r) = log_speaker.clone()?;
            Some((inline_time.clone().unwrap_or_default(), s, r))
        });
        let (speaker, role, timecode) = match header {
            Some((time, speaker, role)) => {
                if role.as_deref() != Some("interviewer") {
                    log_speaker = Some((speaker.clone(), role.clone()));
                }
                (speaker, role, (!time.is_empty()).then_some(time))
            }
            None => {
                let owner = owner(&ctx, &frames, &paras, open_at, span);
                let short = words(content) < MIN_SPEECH_WORDS;
                match owner {
                    Owner::Frame(f) => {
                        let w = &whos[f];
                        (w.speaker.clone(), w.role.clone(), None)
                    }
                    Owner::Speaker(s) => (Some(s), None, None),
                    Owner::NotSpeech => continue,
                    Owner::None if short => continue,
                    Owner::None => {
                        // No frame: the speaker of the quote before it in its
                        // paragraph, or of the paragraph before when this one
                        // opens with the quote.
                        let opens = para.is_some_and(|k| paras[k].start == open_at);
                        let same = prev.as_ref().and_then(|(p, s, ended)| {
                            let same_para = Some(*p) == para;
                            let next_para = para.is_some_and(|k| k == p + 1) && opens && *ended;
                            (same_para || next_para).then(|| s.clone()).flatten()
                        });
                        (same, None, None)
                    }
                }
            }
        };
        if let Some(p) = para_of(&paras, span.end.saturating_sub(1)).or(para) {
            let pend = paras[p].end.max(span.end);
            let ends = text
                .get(span.end..pend)
                .unwrap_or("")
                .trim_matches(|c: char| c.is_whitespace() || matches!(c, '”' | '"' | '»' | '.' | ',' | '،'))
                .is_empty()
                || frames.iter().any(|f| {
                    f.postposed && ctx.tokens[f.at].span.start >= span.end && ctx.tokens[f.at].span.start < pend
                });
            prev = Some((p, speaker.clone(), ends));
        }
        out.push(QuoteMention {
            span,
            speaker,
            speaker_role: role,
            timecode,
            language: language(content),
            translation_of: None,
        });
    }
    out.sort_by_key(|q| q.span.start);
    out.dedup_by_key(|q| q.span);
    translations(text, &paras, &mut out);
    // A pronoun nobody was found for names no one: better no speaker
    // than `he` filed as a source.
    for q in &mut out {
        if q.speaker.as_deref().is_some_and(bare_pronoun) {
            q.speaker = None;
            q.speaker_role = None;
        }
    }
    let sources = frames
        .iter()
        .zip(&whos)
        .filter(|(f, w)| w.sourceable && f.content.is_some_and(|c| c.start < c.end))
        .filter_map(|(f, w)| Some((f.content?, w.speaker.clone()?)))
        .filter(|(_, s)| !bare_pronoun(s))
        .collect();
    Speech { quotes: out, sources }
}

fn person_mention(name: &str, role: Option<String>, at: usize, sentence: usize, spoke: bool) -> Mention {
    Mention {
        display: name.to_string(),
        role,
        names: name_keys(name),
        words: Vec::new(),
        kind: NpKind::Person,
        gender: speakers::given_gender(&lexicon::key(name.split_whitespace().next().unwrap_or("")))
            .unwrap_or(Gender::Unknown),
        at,
        sentence,
        spoke,
        issued: false,
        definite: false,
    }
}

/// Who answers in an interview, from its opening: the person after `an
/// interview with`, `spoke to`, `التقينا`.
/// The one who asks, when the opening says (`Rachel Stone spoke with …`).
type Cue = ((String, Option<String>), Option<String>);

fn interview_cue(ctx: &Ctx, paras: &[Span]) -> Option<Cue> {
    let limit = paras.get(6).map_or(ctx.text.len(), |p| p.end);
    let end = ctx.tokens.partition_point(|t| t.span.start < limit);
    let mut described = None;
    for i in 0..end {
        for cue in lexicon::quotes::INTERVIEW_CUES {
            if !cue
                .iter()
                .enumerate()
                .all(|(k, w)| ctx.key(i + k) == *w || k == 0 && speakers::without_wa(ctx.key(i + k)) == *w)
            {
                continue;
            }
            let from = i + cue.len();
            let (_, hi) = frames::sentence(ctx, i);
            let arabic = ctx.tokens.get(from).is_some_and(is_arabic_word);
            let np = if arabic { np_ar(ctx, from, hi) } else { np_en(ctx, from, hi) };
            // A name, or a description of a person (`Interview with a
            // volunteer rescuer`).
            let personal =
                |n: &Np| (n.head.0..n.head.1).any(|k| speakers::any_reading(ctx.key(k), speakers::is_person_noun));
            if let Some(np) = np.filter(|n| {
                n.kind == NpKind::Person && n.name.is_some() || n.kind == NpKind::Description && personal(n)
            }) {
                let role = np.role.map(|r| ctx.text[r.start..r.end].to_string());
                // `Rachel Stone spoke with …`: who asks.
                let (lo, _) = frames::sentence(ctx, i);
                let asker = (!arabic && lo < i)
                    .then(|| np_en(ctx, lo, i))
                    .flatten()
                    .filter(|n| n.kind == NpKind::Person && n.end == i)
                    .map(|n| n.display(ctx));
                let found = ((np.display(ctx), role), asker);
                // A name first; a description only when no cue names anyone.
                if np.kind == NpKind::Person {
                    return Some(found);
                }
                described.get_or_insert(found);
            }
        }
    }
    described
}

/// What owns a marked quote.
enum Owner {
    Frame(usize),
    /// A speaker read from the quote's own line (`X: “…”`, `فيأتي الجواب: «…»`).
    Speaker(String),
    /// Words in a speaker's or addressee's place, or a label: not speech.
    NotSpeech,
    None,
}

/// The frame (or line) that owns the quote opening at `open_at`.
fn owner(ctx: &Ctx, frames: &[Frame], paras: &[Span], open_at: usize, span: Span) -> Owner {
    let tokens = ctx.tokens;
    let open = first_at(tokens, open_at);
    let close = first_at(tokens, span.end);
    let short = words(&ctx.text[span.start..span.end]) < MIN_SPEECH_WORDS;
    let sentence_of = |i: usize| tokens.get(i).map(|t| t.sentence);
    // In a frame's speaker or addressee place: a name, not a quote.
    for f in frames {
        if let Some(a) = f.addressee {
            if a.start <= open_at && open_at < a.end {
                return Owner::NotSpeech;
            }
        }
        if let Subject::Np(np) = &f.subject {
            let (s, e) = (np.first, np.end);
            if s <= open && open < e && short {
                return Owner::NotSpeech;
            }
        }
    }
    // Right after the quote: `“…,” she said`, `"…"، يقول أبو جاسم`.
    let post = frames.iter().position(|f| {
        let at = f.at;
        if at < close || at > close + 16 || !(f.postposed || f.arabic) {
            return false;
        }
        // Nothing but the speaker between: no other quote opening, no
        // paragraph break.
        let clean = (close + 1..at).all(|k| !is_quote_mark(&tokens[k]) && tokens[k].key != "\n");
        let same = sentence_of(close) == sentence_of(at) || f.arabic && at <= close + 3;
        let named_after = matches!(&f.subject, Subject::Np(np) if np.first > f.at);
        let arabic_ok = !f.arabic
            || at <= close + 3
                && (named_after
                    || f.content
                        .is_none_or(|c| c.end <= c.start || !ctx.text[c.start..c.end].contains(['"', '“', '«'])))
                && !f.block;
        clean && same && arabic_ok && (f.postposed || f.arabic)
    });
    // The innermost frame whose content holds it.
    let inside = frames
        .iter()
        .enumerate()
        .filter(|(_, f)| f.kind != FrameKind::AccordingTo && !f.postposed)
        .filter(|(_, f)| f.content.is_some_and(|c| c.start <= open_at && open_at < c.end.max(c.start)))
        .filter(|(_, f)| tokens[f.at].span.start < open_at)
        .max_by_key(|(_, f)| f.at)
        .map(|(k, _)| k);
    // A frame before the quote in its own sentence (`said that X had “…,”`)
    // holds it, whatever follows.
    let same_sentence =
        inside.filter(|&f| open > 0 && sentence_of(frames[f].at) == sentence_of(open - 1) && !frames[f].block);
    if let Some(p) = post.filter(|_| same_sentence.is_none()) {
        if frames[p].verb_kind() == Some(VerbKind::Label) && short {
            return Owner::NotSpeech;
        }
        return Owner::Frame(p);
    }
    // `«…».. بهذه الكلمات بدأت X`: the speaker after a phrase pointing back.
    for r in lexicon::reporting_verbs::BACK_REFS {
        let at = (close + 1..(close + 4).min(tokens.len()))
            .find(|&k| r.iter().enumerate().all(|(j, w)| ctx.key(k + j) == *w));
        if let Some(at) = at {
            if let Some(f) = frames.iter().position(|f| f.at > at && f.at <= at + r.len() + 1) {
                return Owner::Frame(f);
            }
            let v = at + r.len();
            let (_, hi) = frames::sentence(ctx, v);
            if let Some(np) = np_ar(ctx, v + 1, hi).filter(|n| n.kind == NpKind::Person) {
                return Owner::Speaker(np.display(ctx));
            }
        }
    }
    // `على يد "عصابات X"`, `the so-called “X”`, `قوات "X"`: a short quote
    // after a name's noun is a name, whatever frame holds it.
    if short && open > 0 {
        let k = ctx.key(open - 1);
        let b = speakers::bare(k);
        let after = tokens.get(close + 1).map(|t| t.key.as_str()).unwrap_or("");
        // `لـ"العربي الجديد"`: the outlet told, an addressee in marks.
        let addressee = matches!(k, "ل" | "لـ" | "ـ")
            && ctx.text[tokens[open - 1].span.start..open_at].chars().any(sitrep_text::fold::is_arabic_letter);
        if speakers::is_name_noun(k)
            || speakers::is_name_noun(b)
            || speakers::is_org_head(b)
            || addressee
            || matches!(after, "gang" | "gangs" | "group" | "militia" | "brigade" | "movement")
        {
            return Owner::NotSpeech;
        }
    }
    if let Some(f) = inside {
        let far =
            frames[f].quote_slot.is_some_and(|n| n > 6) && tokens[first_at(tokens, open_at)].span.start == open_at;
        if short && (frames[f].verb_kind() == Some(VerbKind::Label) || far) {
            return Owner::NotSpeech;
        }
        return Owner::Frame(f);
    }
    // A source for the sentence: `according to X`, `وفق X`, `حسب الوزارة`.
    let cited = frames.iter().position(|f| {
        f.kind == FrameKind::AccordingTo
            && f.content.is_some_and(|c| c.start <= open_at && open_at < c.end)
            && match &f.subject {
                Subject::Np(np) => !(np.first <= open && open < np.end),
                _ => true,
            }
    });
    if let Some(f) = cited {
        return Owner::Frame(f);
    }
    // `X: “…”` — a line that is a speaker and a quote; `فيأتي الجواب: «…»`.
    if let Some(k) = para_of(paras, open_at) {
        let p = paras[k];
        let before = ctx.text[p.start..open_at].trim_end();
        if let Some(label) = before.strip_suffix(':').map(str::trim) {
            let (a, b) = (first_at(tokens, p.start), first_at(tokens, p.start + label.len()));
            let whole =
                ctx.text.get(span.end..p.end).unwrap_or("").trim_matches(|c: char| !c.is_alphanumeric()).is_empty();
            // A description must name a person (`Displaced mother in Goma:`);
            // `Translation:` is a label.
            let personal = |n: &Np| {
                (n.head.0..n.head.1).any(|k| {
                    let key = ctx.key(k);
                    speakers::any_reading(key, speakers::is_person_noun)
                        || speakers::is_female_word(key)
                        || speakers::is_male_word(key)
                })
            };
            if whole && (1..=6).contains(&words(label)) && a < b && !is_credit_line(&ctx.text[p.start..p.end]) {
                let np = speakers::np(ctx, a, b).filter(|n| {
                    n.end == b
                        && (matches!(n.kind, NpKind::Person | NpKind::Org | NpKind::Group)
                            || n.kind == NpKind::Description && personal(n))
                });
                if let Some(np) = np {
                    return Owner::Speaker(np.display(ctx));
                }
            }
        }
    }
    Owner::None
}

/// Resolves every frame's speaker through the discourse, registering the
/// document's people and bodies in order.
fn resolve(ctx: &Ctx, paras: &[Span], credits: &[bool], frames: &mut [Frame], disc: &mut Discourse) -> Vec<Who> {
    let tokens = ctx.tokens;
    // Narrative mentions: actors and the people only this layer finds,
    // outside quotes, credit lines, addressees, roles and reported clauses.
    let mut excluded: Vec<Span> = Vec::new();
    for f in frames.iter() {
        if let Some(a) = f.addressee {
            excluded.push(a);
        }
        if let Some(r) = f.relay {
            excluded.push(r);
        }
        if let Subject::Np(np) = &f.subject {
            // The frame registers its own speaker; names inside the phrase
            // (a role's `President Y`) are not mentions of their own.
            if np.first < np.end && np.end <= tokens.len() {
                excluded.push(ctx.span(np.first, np.end));
            }
            if let Some(r) = np.role {
                excluded.push(r);
            }
        }
        if f.kind != FrameKind::AccordingTo {
            if let Some(c) = f.content {
                excluded.push(c);
            }
        }
    }
    for (k, p) in paras.iter().enumerate() {
        if credits[k] {
            excluded.push(*p);
        }
    }
    let out_of_place = |s: usize, e: usize| -> bool {
        let (b, c) = (tokens[s].span.start, tokens[e - 1].span.end);
        ctx.quoted[s] || excluded.iter().any(|x| x.start <= b && c <= x.end)
    };
    let mut events: Vec<(usize, Ev)> = Vec::new();
    for (a, m) in ctx.actors.iter().enumerate() {
        let (s, e) = ctx.actor_tokens[a];
        if s >= e || m.kind == "civilians" || out_of_place(s, e) || !ctx.plausible(a) {
            continue;
        }
        events.push((m.span.start, Ev::Actor(a)));
    }
    for (s, e, g) in speakers::extra_people(ctx) {
        if !out_of_place(s, e) {
            events.push((tokens[s].span.start, Ev::Extra(s, e, g)));
        }
    }
    for (s, e) in speakers::extra_orgs(ctx) {
        if !out_of_place(s, e) {
            events.push((tokens[s].span.start, Ev::Org(s, e)));
        }
    }
    for (f, fr) in frames.iter().enumerate() {
        events.push((tokens[fr.at].span.start, Ev::Frame(f)));
    }
    events.sort_by_key(|(at, e)| (*at, matches!(e, Ev::Frame(_))));
    let mut whos: Vec<Who> = vec![Who::default(); frames.len()];
    for (at, ev) in events {
        match ev {
            Ev::Actor(a) => {
                let m = &ctx.actors[a];
                let (s, e) = ctx.actor_tokens[a];
                let sentence = tokens[s].sentence;
                let mention = if m.kind == "person" {
                    let mut pm = person_mention(
                        &m.name,
                        m.role.map(|r| ctx.text[r.start..r.end].to_string()),
                        at,
                        sentence,
                        false,
                    );
                    // A given name's gender stands; the words after it show
                    // one only when the name does not.
                    if pm.gender == Gender::Unknown {
                        pm.gender = shown_gender(ctx, s, e).unwrap_or(pm.gender);
                    }
                    pm.words = m.role.map(|r| keys_of(&ctx.text[r.start..r.end])).unwrap_or_default();
                    pm.words.extend(apposition_words(ctx, e));
                    pm
                } else {
                    let display = ctx.words(s, e);
                    Mention {
                        names: keys_of(&display),
                        words: keys_of(&display),
                        display,
                        role: None,
                        kind: NpKind::Org,
                        gender: org_gender(ctx, s),
                        at,
                        sentence,
                        spoke: false,
                        issued: false,
                        definite: false,
                    }
                };
                disc.mention(mention);
            }
            Ev::Extra(s, e, g) => {
                let name = ctx.words(s, e);
                let mut pm = person_mention(&name, None, at, tokens[s].sentence, false);
                if pm.gender == Gender::Unknown {
                    pm.gender = shown_gender(ctx, s, e).unwrap_or(g);
                }
                pm.words = apposition_words(ctx, e);
                disc.mention(pm);
            }
            Ev::Org(s, e) => {
                let display = ctx.words(s, e);
                disc.mention(Mention {
                    names: keys_of(&display),
                    words: keys_of(&display),
                    display,
                    role: None,
                    kind: NpKind::Org,
                    gender: org_gender(ctx, s),
                    at,
                    sentence: tokens[s].sentence,
                    spoke: false,
                    issued: false,
                    definite: false,
                });
            }
            Ev::Frame(f) => {
                let who = resolve_frame(ctx, frames, f, &whos, disc, at);
                frames[f].speaker = who.speaker.clone();
                frames[f].role = who.role.clone();
                frames[f].entity = who.entity;
                frames[f].sourceable = who.sourceable;
                whos[f] = who;
            }
        }
    }
    whos
}

enum Ev {
    Actor(usize),
    Org(usize, usize),
    Extra(usize, usize, Gender),
    Frame(usize),
}

/// The gender the words right after a mention show: `Lena Varga and her
/// son`, `Tomas Ruiz said his family`, `ليلى عمران، التي`, `، وهو`.
fn shown_gender(ctx: &Ctx, s: usize, e: usize) -> Option<Gender> {
    let tokens = ctx.tokens;
    let sentence = tokens[s].sentence;
    if let Some(g) = speakers::given_at(ctx, s).filter(|_| is_arabic_word(&tokens[s])) {
        return Some(g);
    }
    for (k, t) in tokens.iter().enumerate().take((e + 10).min(tokens.len())).skip(e) {
        if t.sentence != sentence || ctx.quoted[k] {
            break;
        }
        let key = t.key.as_str();
        if ctx.actor_tokens.iter().any(|(a, _)| *a == k) && k > e {
            break;
        }
        // Another person's phrase comes first: `told the nurse her clinic
        // …`, `met a woman whose son …`; the pronoun is theirs.
        if k > e
            && !is_arabic_word(t)
            && (matches!(key, "the" | "a" | "an" | "one")
                || speakers::is_person_noun(key)
                || speakers::is_group_noun(key))
        {
            break;
        }
        match key {
            "he" | "his" | "him" | "himself" | "وهو" | "الذي" | "والذي" | "زوجته" => {
                return Some(Gender::Male)
            }
            "she" | "her" | "hers" | "herself" | "وهي" | "التي" | "والتي" | "زوجها" => {
                return Some(Gender::Female)
            }
            _ => {}
        }
    }
    // A title or role before the name: `Mr`, `السيدة`, `spokeswoman`.
    if s > 0 {
        let k = ctx.key(s - 1);
        if speakers::is_female_word(k) {
            return Some(Gender::Female);
        }
        if speakers::is_male_word(k) {
            return Some(Gender::Male);
        }
    }
    None
}

/// The description after a name (`Idris Mahmoud, a 41-year-old engineer,`):
/// its keys, for later descriptions to find the person by.
fn apposition_words(ctx: &Ctx, e: usize) -> Vec<String> {
    let tokens = ctx.tokens;
    if !tokens.get(e).is_some_and(|t| matches!(t.key.as_str(), "," | "،")) {
        return Vec::new();
    }
    let s = e + 1;
    let end = (s..(s + 10).min(tokens.len()))
        .find(|&k| tokens[k].kind == Kind::Punct && !matches!(tokens[k].key.as_str(), "-" | "'" | "’"))
        .unwrap_or((s + 10).min(tokens.len()));
    if s >= end {
        return Vec::new();
    }
    let first = ctx.key(s);
    let describes = matches!(first, "a" | "an" | "the") || is_arabic_word(&tokens[s]) && !speakers::is_relative(first);
    if describes {
        keys_of(&ctx.words(s, end))
    } else {
        Vec::new()
    }
}

/// An Arabic body's grammatical gender (`الهيئة` is feminine); Latin
/// bodies are `it`.
fn org_gender(ctx: &Ctx, s: usize) -> Gender {
    let t = &ctx.tokens[s];
    if !is_arabic_word(t) {
        return Gender::Neuter;
    }
    let b = speakers::bare(&t.key);
    if b.ends_with('ه') || b.ends_with("ات") {
        Gender::Female
    } else {
        Gender::Male
    }
}

/// A frame's speaker.
fn resolve_frame(ctx: &Ctx, frames: &[Frame], f: usize, whos: &[Who], disc: &mut Discourse, at: usize) -> Who {
    let frame = &frames[f];
    let tokens = ctx.tokens;
    let sentence = tokens[frame.at].sentence;
    let issued = frame.statement || frame.kind == FrameKind::Block;
    let from_entity = |disc: &mut Discourse, id: usize, role: Option<String>| -> Who {
        let e = &mut disc.entities[id];
        e.last = e.last.max(at);
        e.sentence = e.sentence.max(sentence);
        e.spoke = true;
        e.issued |= issued;
        let sourceable = matches!(e.kind, NpKind::Org) || e.kind == NpKind::Person && !e.names.is_empty();
        // The role only where this frame gives it.
        Who { speaker: Some(e.display.clone()), role, entity: Some(id), sourceable }
    };
    match &frame.subject {
        Subject::SameAs(p) => whos.get(*p).cloned().unwrap_or_default(),
        Subject::Issuer => disc.issuer(at).map(|id| from_entity(disc, id, None)).unwrap_or_default(),
        Subject::Null if frame.answer => disc
            .pick(Gender::Unknown, at, sentence, Want::Person)
            .map(|id| from_entity(disc, id, None))
            .unwrap_or_default(),
        Subject::Null => {
            if frame.arabic {
                let g = frame.gender;
                disc.pick(g, at, sentence, Want::Any).map(|id| from_entity(disc, id, None)).unwrap_or_default()
            } else {
                Who::default()
            }
        }
        Subject::Np(np) => {
            let role = np.role.map(|r| ctx.words(first_at(tokens, r.start), first_at(tokens, r.end)));
            match np.kind {
                NpKind::Pronoun => {
                    let want = match np.gender {
                        Gender::Neuter => Want::Body,
                        Gender::Plural => Want::Group,
                        _ => Want::Person,
                    };
                    let g = if np.gender == Gender::Neuter { Gender::Unknown } else { np.gender };
                    disc.pick(g, at, sentence, want).map(|id| from_entity(disc, id, None)).unwrap_or_default()
                }
                NpKind::Statement => disc.issuer(at).map(|id| from_entity(disc, id, None)).unwrap_or_default(),
                NpKind::Relative => {
                    // `per the UN refugee agency, which called it …`: the last
                    // entity before it in its sentence.
                    let id = disc
                        .entities
                        .iter()
                        .enumerate()
                        .filter(|(_, e)| e.last < at && e.sentence == sentence)
                        .max_by_key(|(_, e)| e.last)
                        .map(|(i, _)| i);
                    id.map(|id| from_entity(disc, id, None)).unwrap_or_default()
                }
                NpKind::Speech => {
                    // `بحسب قوله`: the sentence's other frame.
                    let other = frames.iter().position(|o| {
                        !std::ptr::eq(o, frame) && tokens[o.at].sentence == sentence && o.kind != FrameKind::AccordingTo
                    });
                    other.and_then(|o| whos.get(o).cloned()).unwrap_or_default()
                }
                NpKind::Person => {
                    let name = np.display(ctx);
                    let mut m = person_mention(&name, role.clone(), at, sentence, true);
                    if np.gender != Gender::Unknown {
                        m.gender = np.gender;
                    }
                    if let Some(r) = &role {
                        m.words = keys_of(r);
                    }
                    for d in &np.descr {
                        m.words.extend(keys_of(&ctx.text[d.start..d.end]));
                    }
                    let id = disc.mention(m);
                    from_entity(disc, id, role)
                }
                NpKind::Org => {
                    let display = np.display(ctx);
                    let keys = keys_of(&display);
                    // `The organisation called on …`: a body's noun alone that
                    // names no body met before by it is the last that spoke.
                    let generic = np.definite && keys.len() == 1 && speakers::is_generic_body(&keys[0]);
                    let named_before = disc
                        .entities
                        .iter()
                        .any(|e| e.kind == NpKind::Org && e.last < at && e.names.contains(&keys[0]));
                    if generic && !named_before {
                        let last = disc
                            .entities
                            .iter()
                            .enumerate()
                            .filter(|(_, e)| {
                                e.kind == NpKind::Org
                                    && (e.spoke || e.issued)
                                    && e.last < at
                                    && sentence.saturating_sub(e.sentence) <= 15
                            })
                            .max_by_key(|(_, e)| e.last)
                            .map(|(i, _)| i);
                        if let Some(id) = last {
                            return from_entity(disc, id, None);
                        }
                    }
                    let m = Mention {
                        names: keys.clone(),
                        words: keys,
                        display,
                        role: None,
                        kind: NpKind::Org,
                        gender: np.gender,
                        at,
                        sentence,
                        spoke: true,
                        issued,
                        definite: np.definite,
                    };
                    let id = disc.mention(m);
                    from_entity(disc, id, None)
                }
                NpKind::Description | NpKind::Group => {
                    let display = np.display(ctx);
                    let keys = keys_of(&display);
                    // `وأضاف نجم`: one word that is the name of someone met
                    // before.
                    if keys.len() == 1 && !np.definite && np.end - np.first == 1 {
                        let hit = disc.entities.iter().rposition(|e| {
                            e.kind == NpKind::Person && e.last < at && e.names.iter().any(|n| *n == keys[0])
                        });
                        if let Some(id) = hit {
                            return from_entity(disc, id, role);
                        }
                    }
                    let generic = is_generic(ctx, np);
                    if np.definite || generic {
                        // A description that says only who someone is looks
                        // for the last person who fits; others need their words.
                        let want: &[String] = if generic { &[] } else { &keys };
                        if let Some(id) = disc.describe(want, frame.gender.max_known(np.gender), at, sentence) {
                            return from_entity(disc, id, role);
                        }
                    }
                    let m = Mention {
                        names: Vec::new(),
                        words: keys,
                        display,
                        role: role.clone(),
                        kind: np.kind,
                        gender: if np.gender == Gender::Unknown && frame.arabic { frame.gender } else { np.gender },
                        at,
                        sentence,
                        spoke: true,
                        issued,
                        definite: np.definite,
                    };
                    let id = disc.mention(m);
                    let mut w = from_entity(disc, id, role);
                    w.sourceable = false;
                    w
                }
            }
        }
    }
}

/// `the 41-year-old`, `السوري البالغ 52 عاما`, `the man`: says only
/// who someone is.
fn is_generic(ctx: &Ctx, np: &Np) -> bool {
    let keys = keys_of(&ctx.words(np.head.0, np.end));
    let first = keys.first().map(String::as_str).unwrap_or("");
    // `the man`, `الرجل الستيني`, `the 41-year-old`, `السوري البالغ 52 عاما`.
    speakers::is_generic_person(first)
        || speakers::is_generic_person(&format!("ال{first}"))
        || keys.iter().take(3).any(|k| k.ends_with("year-old") || k == "بالغ")
}

impl Gender {
    /// The verb's gender when it shows one, else the phrase's.
    fn max_known(self, other: Gender) -> Gender {
        if matches!(self, Gender::Male | Gender::Female) {
            self
        } else {
            other
        }
    }
}

/// Links translations: two quotes in different scripts with nothing but a
/// short label between them are one utterance, the second translating the
/// first (and taking its speaker); a paragraph in the other script right
/// after a quote, with a post's signature under it, is the original post.
fn translations(text: &str, paras: &[Span], quotes: &mut Vec<QuoteMention>) {
    // Unquoted translations: a paragraph after a quote's paragraph, in the
    // other script, followed by a post's signature.
    let mut extra = Vec::new();
    for q in quotes.iter() {
        let Some(k) = para_of(paras, q.span.start) else { continue };
        let Some(next) = paras.get(k + 1) else { continue };
        let s = &text[next.start..next.end];
        let signed = paras.get(k + 2).is_some_and(|p| is_signature(&text[p.start..p.end]));
        let tail =
            text.get(q.span.end..paras[k].end).unwrap_or("").trim_matches(|c: char| !c.is_alphanumeric()).is_empty();
        if signed
            && tail
            && language(s) != q.language
            && !s.starts_with(['“', '"', '«'])
            && !quotes.iter().any(|o| o.span.start >= next.start && o.span.start < next.end)
        {
            extra.push(QuoteMention {
                span: *next,
                speaker: q.speaker.clone(),
                speaker_role: None,
                timecode: None,
                language: language(s),
                translation_of: None,
            });
        }
    }
    let signed_originals: Vec<Span> = extra.iter().map(|q| q.span).collect();
    quotes.extend(extra);
    quotes.sort_by_key(|q| q.span.start);
    for k in 1..quotes.len() {
        let (a, b) = (&quotes[k - 1], &quotes[k]);
        if a.language == b.language
            || a.speaker_role.as_deref() == Some("interviewer")
            || b.speaker_role.as_deref() == Some("interviewer")
        {
            continue;
        }
        let between = text.get(a.span.end..b.span.start).unwrap_or("");
        let letters = between.chars().filter(|c| c.is_alphabetic()).count();
        let other_script = if b.language == "ar" {
            between.chars().any(|c| c.is_ascii_alphabetic())
        } else {
            between.chars().any(is_arabic_letter)
        };
        if letters > 20 || other_script && letters > 0 {
            continue;
        }
        if signed_originals.contains(&b.span) {
            // The post is the original; the quote before translates it.
            let speaker = quotes[k - 1].speaker.clone();
            quotes[k - 1].translation_of = Some(k);
            if quotes[k].speaker.is_none() {
                quotes[k].speaker = speaker;
            }
        } else {
            let speaker = quotes[k - 1].speaker.clone();
            let q = &mut quotes[k];
            q.translation_of = Some(k - 1);
            if q.speaker.is_none() {
                q.speaker = speaker;
            }
        }
    }
}

/// Folded key of a word, for tests.
#[allow(dead_code)]
fn folded(w: &str) -> String {
    fold_key(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_that_speak_to_someone() {
        assert!(addresses("How many patients are you treating each day?"));
        assert!(addresses("Where’s your family now?"));
        assert!(addresses("هل تصلكم الأدوية؟"));
        assert!(addresses("كيف تعيشون الآن؟"));
        assert!(addresses("ما الذي تحتاجونه أكثر من غيره؟"));
        assert!(!addresses("Who will pay for the repairs?"));
        assert!(!addresses("Why were the young men taken?"));
        assert!(!addresses("من سيدفع ثمن الإصلاحات؟"));
        assert!(!addresses("هل يستطيع الحاكم فرض الحكم هناك؟"));
    }
    use crate::tokens::tokenize;

    /// `(quoted words, speaker, role, timecode)`.
    type Found = (String, Option<String>, Option<String>, Option<String>);

    fn quotes(text: &str) -> Vec<Found> {
        let tokens = tokenize(text);
        let actors = crate::actors::find(text, &tokens, Some("SY"), &[]);
        find(text, &tokens, &actors)
            .into_iter()
            .map(|q| (text[q.span.start..q.span.end].to_string(), q.speaker, q.speaker_role, q.timecode))
            .collect()
    }

    #[test]
    fn speakers_before_after_and_by_pronoun() {
        let text = "“The bakery was hit at dawn,” Khaled Hamdan, a nurse in the old city, told reporters. \
                    “We buried six,” he said. Later the spokesman Jens Laerke said: “Aid cannot reach them.”";
        let q = quotes(text);
        assert_eq!(q.len(), 3, "{q:#?}");
        assert_eq!(q[0].1.as_deref(), Some("Khaled Hamdan"));
        assert_eq!(q[1].1.as_deref(), Some("Khaled Hamdan"), "he said: the last speaker");
        assert_eq!(q[2].1.as_deref(), Some("Jens Laerke"));
    }

    #[test]
    fn described_speakers_and_scare_quotes() {
        let text = "The routes might not be so “open” after all. “The mortars have not paused for an hour,” one activist said.";
        let q = quotes(text);
        assert_eq!(q.len(), 1, "{q:#?}");
        assert_eq!(q[0].1.as_deref(), Some("one activist"));
    }

    #[test]
    fn video_logs_and_interviews() {
        let text = "09:55 Question:\n“Which roads are closed today?”\n\n10:01 (Samir, Baker)\n“The northern road is closed since Monday and nobody crosses it.”\n\n10:20 (No name given, Nurse)\n“We have no fuel left for the generators at all.”\n";
        let q = quotes(text);
        assert_eq!(q.len(), 3, "{q:#?}");
        assert_eq!(q[0].2.as_deref(), Some("interviewer"));
        assert_eq!(
            (q[1].1.as_deref(), q[1].2.as_deref(), q[1].3.as_deref()),
            (Some("Samir"), Some("Baker"), Some("10:01"))
        );
        assert_eq!(q[2].1.as_deref(), Some("Nurse"));

        let text = "“We stay,” Omar a-Hamdan, a citizen journalist, told us.\n\nQ: What happened to the families who left today?\n\nThey were taken to the regime side and searched, and some were not seen again.\n\nQ: What now?\n\nWe wait and we hope the crossing opens for the wounded.\n";
        let q = quotes(text);
        let who: Vec<_> = q.iter().map(|q| (q.1.as_deref(), q.2.as_deref())).collect();
        assert_eq!(
            who,
            [
                (Some("Omar a-Hamdan"), Some("citizen journalist")),
                (None, Some("interviewer")),
                (Some("Omar a-Hamdan"), None),
                (None, Some("interviewer")),
                (Some("Omar a-Hamdan"), None)
            ]
        );
    }

    #[test]
    fn quotes_over_paragraphs_and_excerpts() {
        let text = "“The first paragraph of a long account goes on\n\n“and the second paragraph ends it here.”\n\n\
                    “An excerpt cut short […]\n\n“A separate quote that closes,” Khaled Hamdan, a nurse, said.";
        let q = quotes(text);
        assert_eq!(q.len(), 3, "{q:#?}");
        assert!(q[0].0.contains("second paragraph"), "one quote over two paragraphs: {q:#?}");
        assert!(q[1].0.ends_with("[…]"));
        assert_eq!(q[2].1.as_deref(), Some("Khaled Hamdan"));
    }

    #[test]
    fn an_english_translation_points_at_its_arabic_original() {
        let text = "وقال الناشط الإعلامي أحمد النجار: «القصف لم يتوقف منذ الفجر على الأحياء الشرقية».\n\nTranslation: “The shelling has not stopped since dawn on the eastern districts.”";
        let tokens = tokenize(text);
        let actors = crate::actors::find(text, &tokens, Some("SY"), &[]);
        let q = find(text, &tokens, &actors);
        assert_eq!(q.len(), 2, "{q:#?}");
        assert_eq!((q[0].language, q[1].language), ("ar", "en"));
        assert_eq!(q[1].translation_of, Some(0));
        assert_eq!(q[1].speaker.as_deref(), Some("أحمد النجار"));
    }

    #[test]
    fn speakers_do_not_carry_over_a_sentence_end() {
        let text =
            "“The ward is full,” a medical source told Reuters. Dr. Mohammed Abu Salmiya, director of the hospital, \
                    said: “We are running out of fuel.” He added that the generators would stop.";
        let q = quotes(text);
        assert_eq!(q[0].1.as_deref(), Some("a medical source"));
        assert_eq!(q[1].1.as_deref(), Some("Mohammed Abu Salmiya"), "{q:#?}");
        let text = "The statement called the operation a “cleanup” and the army moved on.";
        assert!(quotes(text).iter().all(|q| q.1.as_deref() != Some("and")));
    }

    #[test]
    fn arabic_spokesmen_and_continuations() {
        let text = "قال المتحدث باسم وزارة الصحة أشرف القدرة: «استشهد عشرون مواطناً في قصف على المدينة».\n\nوأضاف: «الوضع كارثي».";
        let q = quotes(text);
        assert_eq!(q.len(), 2, "{q:#?}");
        assert_eq!(q[0].1.as_deref(), Some("أشرف القدرة"));
        assert_eq!(q[0].2.as_deref(), Some("المتحدث باسم وزارة الصحة"));
        assert_eq!(q[1].1.as_deref(), Some("أشرف القدرة"), "وأضاف goes on with the last speaker");
    }

    #[test]
    fn arabic_quotes() {
        let text = "وقال الناشط الإعلامي أحمد النجار: «القصف لم يتوقف منذ الفجر على الأحياء الشرقية».";
        let q = quotes(text);
        assert_eq!(q.len(), 1, "{q:#?}");
        assert_eq!(q[0].1.as_deref(), Some("أحمد النجار"));
    }

    #[test]
    fn timecoded_questions_and_answers_and_a_described_interviewee() {
        let text = "Interview with a volunteer rescuer, eastern Aleppo\n\n[00:00:12] Q: Where are you speaking from?\n                    [00:00:15] A: From a basement near the market, since the old centre was hit.\n";
        let q = quotes(text);
        assert_eq!(q.len(), 2, "{q:#?}");
        assert_eq!(
            (q[0].0.as_str(), q[0].2.as_deref(), q[0].3.as_deref()),
            ("Where are you speaking from?", Some("interviewer"), Some("00:00:12"))
        );
        assert!(q[1].0.starts_with("From a basement"), "the label is not the answer's: {q:#?}");
        assert_eq!(q[1].1.as_deref(), Some("a volunteer rescuer"), "not the place after it: {q:#?}");
    }

    #[test]
    fn indirect_speech_gives_its_words_a_source() {
        let text = "قال الدفاع المدني إن ثمانية أشخاص قتلوا في دوما. Residents said 40 families had fled.";
        let tokens = tokenize(text);
        let actors = crate::actors::find(text, &tokens, Some("SY"), &[]);
        let speech = analyse(text, &tokens, &actors);
        let at = text.find("ثمانية").unwrap();
        assert_eq!(speech.source_of(Span::new(at, at + 5)), Some("الدفاع المدني"));
        let at = text.find("40").unwrap();
        assert_eq!(speech.source_of(Span::new(at, at + 2)), None, "residents are not an origin one can ask again");
    }
}

#[cfg(test)]
mod debug {
    /// Prints the frames and quotes of `$SITREP_TEXT` (run with
    /// `--ignored --nocapture`), for reading what the layer does.
    #[test]
    #[ignore]
    fn show_frames() {
        let text = std::env::var("SITREP_TEXT").unwrap_or_default().replace("\\n", "\n");
        let tokens = crate::tokens::tokenize(&text);
        let actors = crate::actors::find(&text, &tokens, None, &[]);
        for a in &actors {
            eprintln!(
                "actor {:?} {} role={:?}",
                &text[a.span.start..a.span.end],
                a.kind,
                a.role.map(|r| &text[r.start..r.end])
            );
        }
        let marked = super::marked(&text);
        let mut quoted = vec![false; tokens.len()];
        for (_, s) in &marked {
            for (k, t) in tokens.iter().enumerate() {
                if t.span.start >= s.start && t.span.end <= s.end {
                    quoted[k] = true;
                }
            }
        }
        let ctx = crate::speakers::Ctx::new(&text, &tokens, &actors, quoted);
        for f in crate::frames::find(&ctx) {
            let sub = match &f.subject {
                crate::frames::Subject::Np(np) => {
                    format!("NP {:?} {:?} name={:?}", np.display(&ctx), np.kind, np.name.map(|(a, b)| ctx.words(a, b)))
                }
                other => format!("{other:?}"),
            };
            eprintln!(
                "frame {:?} {:?} {:?} subj={sub} content={:?} post={} nested={} shaped={} block={}",
                ctx.words(f.at, f.at + 1),
                f.kind,
                f.gender,
                f.content.map(|c| &text[c.start..c.end]),
                f.postposed,
                f.nested,
                f.shaped,
                f.block
            );
        }
        for q in super::find(&text, &tokens, &actors) {
            eprintln!("quote {:?} speaker={:?} role={:?}", &text[q.span.start..q.span.end], q.speaker, q.speaker_role);
        }
    }
}
