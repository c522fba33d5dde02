//! Quotes and who said them.
//!
//! Three shapes, tried in this order:
//!
//! 1. **Interviews** written as `Q:` paragraphs and answers: a `Q:` (or
//!    `Question:`) paragraph is the interviewer's, and each paragraph after it
//!    until the next question is the interviewee's — the person the
//!    document quotes most.
//! 2. **Video logs**: a line `10:01 (Ahmed, Citizen)` gives the timecode,
//!    speaker and role of the quote below it; `09:55 Question:` is the
//!    interviewer.
//! 3. **Quotation marks** of every kind (`“ ”`, `" "`, `« »`, `„ “`, `‘ ’`),
//!    over several paragraphs when each reopens the quote. The speaker is
//!    the name, actor or described person (`one activist`) next to a verb
//!    of saying before or after the quote in its sentence; `he said` is the
//!    last named speaker; a quote with no verb takes the speaker of the
//!    quote before it in its paragraph. Short quotes with no verb of saying
//!    (`so “safe”`, `the ‘double tap’ method`) are scare quotes or titles,
//!    not speech.
//!
//! Indirect speech (`he said that …`) is not a quote.

use crate::actors::ActorMention;
use crate::lexicon::{self, is_reporting};
use crate::tokens::{first_at, Kind, Token};
use sitrep_text::fold::is_arabic_letter;
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

/// Pairs of opening and closing marks.
const MARKS: [(char, &[char]); 5] = [('“', &['”']), ('«', &['»']), ('„', &['“', '”']), ('"', &['"']), ('‘', &['’'])];

/// Fewer words than this, and no verb of saying: a scare quote or a title.
const MIN_SPEECH_WORDS: usize = 4;

fn language(text: &str) -> &'static str {
    let arabic = text.chars().filter(|c| is_arabic_letter(*c)).count();
    let latin = text.chars().filter(|c| c.is_ascii_alphabetic()).count();
    if arabic > latin {
        "ar"
    } else {
        "en"
    }
}

/// Paragraph spans: runs of text between blank lines (or single line breaks
/// when a line ends a sentence), trimmed.
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
    let s = &text[p.start..p.end];
    for prefix in ["Q:", "Q.", "Question:", "س:"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            return Some(p.end - rest.trim_start().len());
        }
    }
    None
}

/// `10:01 (Ahmed, Citizen)` or `09:55 Question:`: timecode, and speaker
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
                if cut || next != Some(c) {
                    end = Some(b);
                    resume = after;
                    break;
                }
            }
        }
        let Some(end) = end else { break };
        if !text[start..end].trim().is_empty() {
            out.push((at, Span::new(start, end)));
        }
        at = resume;
    }
    out
}

/// Could these words name a speaker (`one activist`, `a medical source`)?
/// Not punctuation, not a clause (`and the army …`), not a sentence.
fn describes_speaker(phrase: &str) -> bool {
    // Compared with the words as written, lowercased (not token keys).
    let first = phrase.split_whitespace().next().unwrap_or("").to_lowercase();
    !phrase.is_empty()
        && words(phrase) <= 8
        && phrase.chars().any(char::is_alphabetic)
        && !lexicon::quotes::NOT_SPEAKER_STARTS.contains(&first.as_str())
}

/// The speaker of a quote from the words around it: `(speaker, role)`.
fn speaker_near(
    text: &str,
    tokens: &[Token],
    actors: &[ActorMention],
    quote: Span,
    open_at: usize,
    last: &Option<String>,
) -> Option<(Option<String>, Option<String>)> {
    // Actors come sorted by start: only those starting inside the span.
    let person_in = |span: Span| -> Option<&ActorMention> {
        let from = actors.partition_point(|a| a.span.start < span.start);
        let to = actors.partition_point(|a| a.span.start < span.end);
        actors[from..to].iter().filter(|a| a.span.end <= span.end).max_by_key(|a| (a.kind == "person", a.span.len()))
    };
    let role_of = |a: &ActorMention| a.role.map(|r| text[r.start..r.end].to_string());
    // A person by their full name; a body as the text names it (`the Russian
    // defence ministry`, not the lexicon's `Military Forces of Russia`).
    let who = |a: &ActorMention| {
        if a.kind == "person" {
            a.name.clone()
        } else {
            text[a.span.start..a.span.end].to_string()
        }
    };
    let pronoun = |k: &str| matches!(k, "he" | "she" | "they" | "واضاف" | "اضاف");
    // After the quote: `,” X said`, `,” said X`, `,” X, a nurse, told Reuters`
    // — unless the quote ended its sentence and a new one starts (`…fuel.”
    // He added that`), which speaks of something else.
    let closed = text[quote.start..quote.end].trim_end().ends_with(['.', '!', '?', '؟']);
    let rest = text[quote.end..].trim_start_matches(['”', '»', '"', '’', ' ']);
    // `«…».` or `«…» .`: the sentence ends with the quote.
    let new_sentence = rest.starts_with(['.', '\n'])
        || closed && !rest.starts_with(|c: char| c.is_lowercase() && c.is_ascii_alphabetic());
    let after = if new_sentence { tokens.len() } else { first_at(tokens, quote.end) };
    let after =
        after + usize::from(tokens.get(after).is_some_and(|t| t.kind == Kind::Punct && t.span.start == quote.end));
    if let Some(v) = (after..(after + 16).min(tokens.len()))
        .take_while(|&k| tokens[k].key != "\n" && !matches!(tokens[k].key.as_str(), "“" | "«" | "\""))
        .find(|&k| is_reporting(&tokens[k].key))
    {
        // Between the quote and the verb.
        let between_start = tokens.get(after).map_or(quote.end, |t| t.span.start);
        let between = Span::new(between_start, tokens[v].span.start);
        if let Some(a) = person_in(between) {
            if a.kind == "person" {
                return Some((Some(who(a)), role_of(a)));
            }
        }
        if v > after && tokens[after..v].iter().all(|t| t.kind == Kind::Word && pronoun(&t.key)) {
            return Some((last.clone(), None));
        }
        let phrase = text[between.start..between.end].trim_matches(|c: char| c == ',' || c.is_whitespace());
        if describes_speaker(phrase) {
            return Some((Some(phrase.to_string()), None));
        }
        // `,” said X`: a name right after the verb, else the words up to
        // the next comma (`said a medic in the old town, speaking…`).
        let rest_end = tokens[v + 1..]
            .iter()
            .position(|t| matches!(t.key.as_str(), "." | "\n" | "," | "،"))
            .map_or(tokens.len(), |p| v + 1 + p);
        if v + 1 < rest_end {
            let rest = Span::new(tokens[v + 1].span.start, tokens[rest_end - 1].span.end);
            if let Some(a) = person_in(rest).filter(|a| first_at(tokens, a.span.start) <= v + 2) {
                return Some((Some(who(a)), role_of(a)));
            }
            let phrase = text[rest.start..rest.end].trim();
            if describes_speaker(phrase) {
                return Some((Some(phrase.to_string()), None));
            }
        }
        if let Some(a) = person_in(between) {
            return Some((Some(who(a)), role_of(a)));
        }
    }
    // Before the quote, in its sentence: `X said: “`, `X told Reuters “`,
    // `The world, he says, “`.
    let before = first_at(tokens, open_at);
    let sentence_start = tokens[..before].iter().rposition(|t| t.key == "." || t.key == "\n").map_or(0, |p| p + 1);
    if let Some(v) = (sentence_start..before).rev().find(|&k| is_reporting(&tokens[k].key)) {
        let span = Span::new(tokens[sentence_start].span.start, tokens[v].span.start);
        // `he says`, or `وأضاف:` / `He added:` with no subject: the last
        // named speaker goes on.
        let goes_on = lexicon::quotes::CONTINUING_VERBS.contains(&tokens[v].key.as_str()) && v == sentence_start;
        if (goes_on || tokens[sentence_start..v].iter().any(|t| pronoun(&t.key))) && person_in(span).is_none() {
            return Some((last.clone(), None));
        }
        if let Some(a) = person_in(Span::new(tokens[sentence_start].span.start, open_at)) {
            return Some((Some(who(a)), role_of(a)));
        }
    }
    None
}

/// Every quote in the text with its speaker.
pub fn find(text: &str, tokens: &[Token], actors: &[ActorMention]) -> Vec<QuoteMention> {
    let paras = paragraphs(text);
    let mut out: Vec<QuoteMention> = Vec::new();
    let mut covered: Vec<Span> = Vec::new();

    // The person the document quotes most: the interviewee.
    let interviewee = {
        let mut counts: crate::lexicon::HashMap<&str, (usize, usize)> = Default::default();
        for (i, a) in actors.iter().enumerate().filter(|(_, a)| a.kind == "person") {
            counts.entry(a.name.as_str()).or_insert((0, i)).0 += 1;
        }
        // Most mentions, then the first named.
        counts.into_iter().max_by_key(|(_, (n, i))| (*n, std::cmp::Reverse(*i))).map(|(n, _)| n.to_string())
    };

    // 1. Interviews.
    let mut in_answers = false;
    for p in &paras {
        if let Some(q) = question_start(text, *p) {
            in_answers = true;
            let span = Span::new(q, p.end);
            out.push(QuoteMention {
                span,
                speaker: None,
                speaker_role: Some("interviewer".into()),
                timecode: None,
                language: language(&text[span.start..span.end]),
                translation_of: None,
            });
            covered.push(*p);
            continue;
        }
        let s = &text[p.start..p.end];
        let caption = || {
            let lower = s.to_lowercase();
            ["photo", "courtesy", "credit", "©"].iter().any(|w| lower.contains(w))
        };
        if in_answers && words(s) >= 8 && !caption() {
            out.push(QuoteMention {
                span: *p,
                speaker: interviewee.clone(),
                speaker_role: None,
                timecode: None,
                language: language(s),
                translation_of: None,
            });
            covered.push(*p);
        }
    }

    // 2 and 3. Marked quotes, with a video log's header above them.
    let is_log = text.lines().filter(|l| log_header(l).is_some()).count() >= 2;
    let mut log_speaker: Option<(Option<String>, Option<String>)> = None;
    let mut last: Option<String> = interviewee.clone();
    let mut prev_para: Option<(Span, Option<String>)> = None;
    for (open_at, span) in marked(text) {
        // Paragraphs come sorted: the one that could hold the quote is the
        // last starting at or before it.
        let k = covered.partition_point(|c| c.start <= span.start);
        if k > 0 && span.end <= covered[k - 1].end {
            continue;
        }
        let content = &text[span.start..span.end];
        let para = paras
            .partition_point(|p| p.start <= open_at)
            .checked_sub(1)
            .map(|k| paras[k])
            .filter(|p| open_at < p.end.max(p.start + 1));
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
                let near = speaker_near(text, tokens, actors, span, open_at, &last);
                let speech = near.is_some() || words(content) >= MIN_SPEECH_WORDS;
                if !speech {
                    continue;
                }
                match near {
                    Some((s, r)) => (s, r, None),
                    // No verb: the speaker of the quote before it in its paragraph.
                    None => {
                        let same = prev_para.as_ref().filter(|(p, _)| Some(*p) == para).and_then(|(_, s)| s.clone());
                        (same, None, None)
                    }
                }
            }
        };
        if let Some(s) = &speaker {
            if role.as_deref() != Some("interviewer") {
                last = Some(s.clone());
            }
        }
        if let Some(p) = para {
            prev_para = Some((p, speaker.clone()));
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
    link_translations(text, &mut out);
    out
}

/// An Arabic quote followed, with nothing but space or a short label
/// between (`Translation:`, `(English)`), by an English one is its
/// original: the English quote points at it, and takes its speaker when it
/// has none.
fn link_translations(text: &str, quotes: &mut [QuoteMention]) {
    for k in 1..quotes.len() {
        let (prev, next) = (&quotes[k - 1], &quotes[k]);
        if prev.language != "ar" || next.language == "ar" {
            continue;
        }
        let between = text.get(prev.span.end..next.span.start).unwrap_or("");
        let letters = between.chars().filter(|c| c.is_alphabetic()).count();
        if letters <= 20 && !between.chars().any(is_arabic_letter) {
            let speaker = prev.speaker.clone();
            let q = &mut quotes[k];
            q.translation_of = Some(k - 1);
            if q.speaker.is_none() {
                q.speaker = speaker;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
}
