//! Reporting frames: a verb of saying (or `according to`, or a line that
//! hands a block to a source) with its speaker, its addressee and its
//! content.
//!
//! English puts the speaker before the verb (`X said that …`, `X told the
//! BBC: “…”`) or after a quote (`“…,” X said`, `“…,” said X`). Arabic puts
//! the verb first and the speaker after it, up to the complementiser
//! (`أن`, `إن`, `بأن`, `إلى أن`), a colon or a quotation mark
//! (`وذكرت الهيئة في بيان أن "…"`); the subject may also come first
//! (`مدير المستشفى، الذي …، قال:`), or not at all (`وأضاف: "…"`), when the
//! verb's gender and number say who goes on. What lies between the
//! speaker and the content — an addressee (`told the BBC`, `لوكالة فرانس
//! برس`), a statement (`في بيان`), days and times — is skipped and never
//! the speaker. The content runs from the complementiser, colon or quote
//! to the end of the sentence, or over the following paragraphs when the
//! frame ends its line with a colon.
//!
//! The frame gives the words of its speaker ([`crate::speakers::Np`]);
//! [`crate::discourse`] resolves pronouns, null subjects, statements and
//! definite descriptions to the people and bodies met before.

use crate::lexicon::{self, HashMap, HashSet};
use crate::speakers::{
    addressee_at, bare, is_complementiser_word, is_quote_mark, is_slot_skip, is_statement_noun, is_time_word, np,
    np_ar, np_en, pp_at, without_wa, Ctx, Gender, Np, NpKind,
};
use crate::tokens::{is_arabic_word, Kind};
use sitrep_text::Span;
use std::sync::OnceLock;

/// What a verb of saying does (`data/reporting_verbs.txt`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VerbKind {
    Verb,
    Continuation,
    Participle,
    Post,
    Question,
    Reply,
    Relay,
    Label,
}

fn verbs() -> &'static HashMap<&'static str, (VerbKind, Gender)> {
    static MAP: OnceLock<HashMap<&'static str, (VerbKind, Gender)>> = OnceLock::new();
    MAP.get_or_init(|| {
        lexicon::reporting_verbs::VERBS
            .iter()
            .map(|&(k, kind, g)| {
                let kind = match kind {
                    "continuation" => VerbKind::Continuation,
                    "participle" => VerbKind::Participle,
                    "post" => VerbKind::Post,
                    "question" => VerbKind::Question,
                    "reply" => VerbKind::Reply,
                    "relay" => VerbKind::Relay,
                    "label" => VerbKind::Label,
                    _ => VerbKind::Verb,
                };
                (k, (kind, Gender::parse(g)))
            })
            .collect()
    })
}

/// A verb of saying, with a fused و or ف taken off (`وقالت`).
pub(crate) fn verb(key: &str) -> Option<(VerbKind, Gender)> {
    let v = verbs();
    v.get(key).copied().or_else(|| {
        let k = without_wa(key);
        (k.len() < key.len()).then(|| v.get(k).copied()).flatten()
    })
}

/// A form that opens a frame only in the frame's shape.
pub(crate) fn needs_frame(key: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let set = SET.get_or_init(|| lexicon::reporting_verbs::NEEDS_FRAME.iter().copied().collect());
    set.contains(key) || set.contains(without_wa(key))
}

fn is_answer_noun(key: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| lexicon::reporting_verbs::ANSWER_NOUNS.iter().copied().collect()).contains(key)
}

fn is_issue_verb(key: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let set = SET.get_or_init(|| lexicon::reporting_verbs::ISSUE_VERBS.iter().copied().collect());
    set.contains(key) || set.contains(without_wa(key))
}

/// Where a frame comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameKind {
    Verb(VerbKind),
    /// `according to X`, `بحسب X`, `وفق X`.
    AccordingTo,
    /// `صدر عن X البيان الآتي:`, `Here is more from X:`.
    Block,
}

/// Who a frame's subject is, before the discourse resolves it.
#[derive(Clone, Debug)]
pub enum Subject {
    Np(Np),
    /// No subject: Arabic `وأضاف:`, or a participle; the discourse decides.
    Null,
    /// The same subject as an earlier frame of the sentence (`… and said`).
    SameAs(usize),
    /// Whoever issued the statement the frame is in (`أكدت فيه`).
    Issuer,
}

/// A reporting frame.
#[derive(Clone, Debug)]
pub struct Frame {
    /// The token of the verb or marker.
    pub at: usize,
    pub kind: FrameKind,
    /// The gender and number the verb form shows (Arabic).
    pub gender: Gender,
    pub subject: Subject,
    /// The addressee's words, which are never the speaker.
    pub addressee: Option<Span>,
    /// The frame's content: where the speaker's words stand.
    pub content: Option<Span>,
    /// Ends its line with a colon: the paragraphs below are its content.
    pub block: bool,
    /// Stands after the quote it attributes (`“…,” she said`).
    pub postposed: bool,
    /// Stands inside the content of another frame.
    pub nested: bool,
    /// Its slot names a statement (`in a statement`, `في بيان`): the
    /// speaker issued one.
    pub statement: bool,
    /// Has a complementiser, colon or quotation mark after the speaker.
    pub shaped: bool,
    pub arabic: bool,
    /// For relays (`نقلت الوكالة عن …`), the one who passed the words on.
    pub relay: Option<Span>,
    /// Filled by the discourse: the speaker as the record gives it, their
    /// role, and the entity they are.
    pub speaker: Option<String>,
    pub role: Option<String>,
    pub entity: Option<usize>,
    /// The speaker is a person or body one could ask again (a figure's
    /// source), not a pronoun left unresolved or an unnamed crowd.
    pub sourceable: bool,
    /// `the answer came:`: whoever was just asked speaks.
    pub answer: bool,
    /// Its speaker's place ends at a quotation mark this many words after
    /// the verb (Arabic): far, and a short quote there is not its content.
    pub quote_slot: Option<usize>,
}

impl Frame {
    fn new(at: usize, kind: FrameKind, gender: Gender, subject: Subject, arabic: bool) -> Frame {
        Frame {
            at,
            kind,
            gender,
            subject,
            addressee: None,
            content: None,
            block: false,
            postposed: false,
            nested: false,
            statement: false,
            shaped: false,
            arabic,
            relay: None,
            speaker: None,
            role: None,
            entity: None,
            sourceable: false,
            answer: false,
            quote_slot: None,
        }
    }

    pub(crate) fn verb_kind(&self) -> Option<VerbKind> {
        match self.kind {
            FrameKind::Verb(v) => Some(v),
            _ => None,
        }
    }
}

/// The token range `[lo, hi)` of the sentence of token `i`.
pub(crate) fn sentence(ctx: &Ctx, i: usize) -> (usize, usize) {
    let tokens = ctx.tokens;
    let s = tokens[i].sentence;
    let mut lo = i;
    while lo > 0 && tokens[lo - 1].sentence == s && tokens[lo - 1].key != "\n" {
        lo -= 1;
    }
    let mut hi = i + 1;
    while hi < tokens.len() && tokens[hi].sentence == s && tokens[hi].key != "\n" {
        hi += 1;
    }
    (lo, hi)
}

fn is_punct(ctx: &Ctx, i: usize, keys: &[&str]) -> bool {
    ctx.tokens.get(i).is_some_and(|t| t.kind == Kind::Punct && keys.contains(&t.key.as_str()))
}

/// A complementiser at `i`: `that`, `أن`, `إنه`, `بأن`, and `إلى أن`,
/// `على أن`, `من أن` (two tokens). Returns its first token.
fn complementiser(ctx: &Ctx, i: usize) -> bool {
    let k = ctx.key(i);
    is_complementiser_word(k) || is_complementiser_word(without_wa(k))
}

fn two_word_complementiser(ctx: &Ctx, i: usize) -> bool {
    matches!(without_wa(ctx.key(i)), "الي" | "علي" | "من") && complementiser(ctx, i + 1)
}

/// The end of the quotation that opens at token `i`, if it closes within
/// `max` tokens.
fn quote_close(ctx: &Ctx, i: usize, max: usize) -> Option<usize> {
    (i + 1..(i + max).min(ctx.tokens.len()))
        .find(|&k| is_quote_mark(&ctx.tokens[k]) || ctx.key(k) == "\n")
        .filter(|&k| is_quote_mark(&ctx.tokens[k]))
}

/// Does the line end right after token `i` (a colon that opens a block)?
fn ends_line(ctx: &Ctx, i: usize) -> bool {
    match ctx.tokens.get(i + 1) {
        None => true,
        Some(t) => t.key == "\n",
    }
}

/// The byte where the sentence of `[lo, hi)` ends.
fn sentence_end(ctx: &Ctx, hi: usize) -> usize {
    ctx.tokens.get(hi.saturating_sub(1)).map_or(ctx.text.len(), |t| t.span.end)
}

/// Every frame in the text, in order.
pub(crate) fn find(ctx: &Ctx) -> Vec<Frame> {
    let mut out: Vec<Frame> = Vec::new();
    let n = ctx.tokens.len();
    let mut i = 0;
    while i < n {
        if ctx.quoted[i] || ctx.tokens[i].kind != Kind::Word {
            i += 1;
            continue;
        }
        let arabic = is_arabic_word(&ctx.tokens[i]);
        if let Some((f, next)) = according_to(ctx, i).or_else(|| block_opener(ctx, i)) {
            out.push(f);
            i = next;
            continue;
        }
        // `وجاء في البيان أن`, `جاء فيه:`: the statement's issuer speaks.
        if matches!(without_wa(ctx.key(i)), "جاء") || ctx.key(i) == "ومما" && ctx.key(i + 1) == "جاء" {
            let j = if ctx.key(i) == "ومما" { i + 1 } else { i };
            let (_, hi) = sentence(ctx, j);
            let in_it = matches!(ctx.key(j + 1), "فيه" | "فيها")
                || ctx.key(j + 1) == "في"
                    && (is_statement_noun(ctx.key(j + 2))
                        || ctx.key(j + 2) == "نص" && is_statement_noun(ctx.key(j + 3)));
            if in_it {
                let mut f = Frame::new(j, FrameKind::Verb(VerbKind::Verb), Gender::Unknown, Subject::Issuer, arabic);
                let c = (j + 1..hi).find(|&k| complementiser(ctx, k) || ctx.key(k) == ":").unwrap_or(j + 2);
                let start = ctx.tokens.get(c).map_or(ctx.text.len(), |t| t.span.start);
                f.content = Some(Span::new(start, sentence_end(ctx, hi).max(start)));
                f.shaped = true;
                if ctx.key(c) == ":" && ends_line(ctx, c) {
                    f.block = true;
                    f.content = Some(Span::new(ctx.tokens[c].span.end, ctx.tokens[c].span.end));
                }
                out.push(f);
                i = j + 1;
                continue;
            }
        }
        if is_answer_noun(ctx.key(i)) {
            // `فيأتي الجواب سريعا: «…»`: the one just asked answers.
            let (_, hi) = sentence(ctx, i);
            if let Some(c) = (i + 1..hi.min(i + 4)).find(|&k| ctx.key(k) == ":") {
                let mut f = Frame::new(i, FrameKind::Verb(VerbKind::Reply), Gender::Unknown, Subject::Null, arabic);
                f.content = Some(Span::new(ctx.tokens[c].span.start, sentence_end(ctx, hi)));
                f.shaped = true;
                f.answer = true;
                out.push(f);
                i = c + 1;
                continue;
            }
        }
        if is_issue_verb(ctx.key(i)) {
            if let Some(f) = issue_frame(ctx, i, arabic) {
                out.push(f);
                i += 1;
                continue;
            }
        }
        if let Some((kind, gender)) = verb(ctx.key(i)) {
            let frame = if arabic { frame_ar(ctx, i, kind, gender, &out) } else { frame_en(ctx, i, kind, &out) };
            if let Some(f) = frame {
                out.push(f);
            }
        }
        i += 1;
    }
    nest(ctx, &mut out);
    out
}

/// `according to X` / `بحسب X`: the speaker of its sentence.
fn according_to(ctx: &Ctx, i: usize) -> Option<(Frame, usize)> {
    let tokens = ctx.tokens;
    let arabic = is_arabic_word(&tokens[i]);
    let phrase = lexicon::reporting_verbs::ACCORDING_TO.iter().find(|p| {
        p.iter().enumerate().all(|(k, w)| {
            let key = ctx.key(i + k);
            key == *w || (k == 0 && arabic && without_wa(key) == *w)
        })
    })?;
    let mut j = i + phrase.len();
    // `per day`: `per` takes a name or an article.
    if phrase == &["per"]
        && !(matches!(ctx.key(j), "the" | "a" | "an")
            || tokens.get(j).is_some_and(|t| crate::tokens::capitalized(ctx.text, t)))
    {
        return None;
    }
    let (lo, hi) = sentence(ctx, i);
    // `وفق ما أفادت به مصادر`, `بحسب ما ذكرت الوزارة`.
    // `حسبما أفادت قناة …` (fused) too.
    if arabic && (ctx.key(j) == "ما" || phrase[0].ends_with("ما")) {
        if ctx.key(j) == "ما" {
            j += 1;
        }
        if verb(ctx.key(j)).is_some() {
            j += 1;
        }
        if matches!(ctx.key(j), "به" | "بها") {
            j += 1;
        }
    }
    // `وفقاً لمنظمة …`: the لـ fused to the source.
    let fused_l =
        arabic && ctx.key(j).starts_with('ل') && !ctx.key(j).starts_with("لل") && matches!(phrase[0], "وفقا" | "طبقا");
    let mut end = j;
    while end < hi && !is_punct(ctx, end, &[",", "،", ";", "\n", ":"]) && !complementiser(ctx, end) && end - j < 12 {
        end += 1;
    }
    let mut sp = if arabic { np_ar(ctx, j, end) } else { np_en(ctx, j, end) }?;
    if fused_l || (arabic && ctx.key(j).starts_with("لل")) {
        let w = ctx.words(sp.head.0, sp.head.1);
        sp.text = Some(w.strip_prefix('ل').unwrap_or(&w).to_string());
    }
    let mut f = Frame::new(i, FrameKind::AccordingTo, Gender::Unknown, Subject::Np(sp), arabic);
    f.content = Some(Span::new(tokens[lo].span.start, sentence_end(ctx, hi)));
    f.shaped = true;
    Some((f, end.max(i + 1)))
}

/// `صدر عن X البيان الآتي:`, `Here is more from X:`, `X with more:` at
/// the end of a line.
fn block_opener(ctx: &Ctx, i: usize) -> Option<(Frame, usize)> {
    let arabic = is_arabic_word(&ctx.tokens[i]);
    let phrase = lexicon::reporting_verbs::BLOCK_OPENERS.iter().find(|p| {
        p.iter().enumerate().all(|(k, w)| {
            let key = ctx.key(i + k);
            key == *w || (k == 0 && without_wa(key) == *w)
        })
    })?;
    let (lo, hi) = sentence(ctx, i);
    let colon = (i..hi.min(ctx.tokens.len())).find(|&k| ctx.key(k) == ":").filter(|&k| ends_line(ctx, k))?;
    let j = i + phrase.len();
    // `X with more:`, `X has more:`: the source stands before the phrase.
    let sp = if phrase.last() == Some(&"more") {
        let from =
            (lo..i).rev().find(|&k| matches!(ctx.key(k), "here’s" | "here's" | "heres" | "is")).map_or(lo, |k| k + 1);
        np_en(ctx, from, i)
    } else {
        // Up to the statement noun or the colon.
        let end =
            (j..colon).find(|&k| is_statement_noun(ctx.key(k)) || is_statement_noun(bare(ctx.key(k)))).unwrap_or(colon);
        np(ctx, j, end)
    }?;
    let mut f = Frame::new(i, FrameKind::Block, Gender::Unknown, Subject::Np(sp), arabic);
    f.content = Some(Span::new(ctx.tokens[colon].span.end, ctx.tokens[colon].span.end));
    f.block = true;
    f.shaped = true;
    f.statement = true;
    Some((f, colon + 1))
}

/// `أصدرت نقابة الأطباء بيانا`, `The Red Crescent issued a statement`: its
/// subject issued a statement that later frames may speak through. A frame
/// with no content of its own.
fn issue_frame(ctx: &Ctx, v: usize, arabic: bool) -> Option<Frame> {
    let (lo, hi) = sentence(ctx, v);
    let noun =
        (v + 1..hi.min(v + 10)).find(|&k| is_statement_noun(ctx.key(k)) || is_statement_noun(bare(ctx.key(k))))?;
    let sp = if arabic {
        np_ar(ctx, v + 1, noun)
    } else {
        let from = skip_adverbials(ctx, clause_start(ctx, lo, v), v);
        let mut b = v;
        while b > from && is_slot_skip(ctx.key(b - 1)) {
            b -= 1;
        }
        np_en(ctx, from, b)
    }?;
    let mut f = Frame::new(v, FrameKind::Verb(VerbKind::Verb), Gender::Unknown, Subject::Np(sp), arabic);
    f.statement = true;
    Some(f)
}

/// An Arabic frame at verb `v`.
fn frame_ar(ctx: &Ctx, v: usize, kind: VerbKind, gender: Gender, before: &[Frame]) -> Option<Frame> {
    let tokens = ctx.tokens;
    let (lo, hi) = sentence(ctx, v);
    let mut s = v + 1;
    while s < hi && (is_slot_skip(ctx.key(s)) || is_time_word(ctx.key(s)) || is_punct(ctx, s, &[",", "،"])) {
        s += 1;
    }
    // `عبر صفحته`, `عبر الحدود`: the preposition, not the verb.
    if needs_frame(ctx.key(v)) && pp_at(ctx, v) {
        return None;
    }
    // `لم يؤكد`, `لن يعلن`: no report.
    if v > 0 && matches!(ctx.key(v - 1), "لم" | "لن" | "لا" | "ولم" | "ولا" | "ما") {
        return None;
    }
    let mut f = Frame::new(v, FrameKind::Verb(kind), gender, Subject::Null, true);
    // `"…"، يقول أبو جاسم وهو يشير …`: after a quote, the speaker follows
    // the verb and nothing else need.
    let mut back = v;
    while back > 0 && is_punct(ctx, back - 1, &[",", "،", ".", "…"]) && back + 3 > v {
        back -= 1;
    }
    let after_quote = back > 0
        && is_quote_mark(&tokens[back - 1])
        && back + 3 > v
        && ctx.quoted.get(back.wrapping_sub(2)).copied().unwrap_or(false);
    if after_quote && kind != VerbKind::Participle {
        let end = (s..hi).find(|&k| complementiser(ctx, k) || ctx.key(k) == ":").unwrap_or(hi);
        if end == hi {
            f.subject = np_ar(ctx, s, hi).map_or(Subject::Null, Subject::Np);
            f.postposed = true;
            f.shaped = true;
            return Some(f);
        }
    }
    // `وكان مدير الدفاع المدني، سليم الحمدان، قد قال إن`, `وكانت مصادر
    // طبية ذكرت أن`: the subject between كان and the verb.
    let mut q = v;
    if q > lo && ctx.key(q - 1) == "قد" {
        q -= 1;
    }
    let kana = (lo..q).rev().take(12).find(|&k| matches!(without_wa(ctx.key(k)), "كان" | "كانت" | "كانوا"));
    if let Some(kp) =
        kana.filter(|&kp| kp + 1 < q && (lo..kp).all(|k| is_opener(ctx, k) || is_punct(ctx, k, &[",", "،"])))
    {
        if let Some(sp) = np_ar(ctx, kp + 1, q).filter(|sp| sp.kind != NpKind::Pronoun) {
            f.subject = Subject::Np(sp);
            let mut c = s;
            while c < hi && !(complementiser(ctx, c) || ctx.key(c) == ":" || is_quote_mark(&tokens[c])) && c < s + 12 {
                c += 1;
            }
            f.shaped = c < hi && c < s + 12;
            if needs_frame(ctx.key(v)) && !f.shaped {
                return None;
            }
            let start = tokens.get(if f.shaped { c } else { s }).map_or(ctx.text.len(), |t| t.span.start);
            f.content = Some(Span::new(start, sentence_end(ctx, hi).max(start)));
            return Some(f);
        }
    }
    // `أكدت فيه`: said in the statement just named.
    if matches!(ctx.key(s), "فيه" | "فيها") {
        f.subject = Subject::Issuer;
        f.content = Some(Span::new(tokens[s].span.end, sentence_end(ctx, hi)));
        f.shaped = true;
        return Some(f);
    }
    // `الصحة الأردنية تعلن …`: a body or a person before a verb without
    // a fused و is its subject, and what follows is the content.
    let mut from = lo;
    while from < v && (is_opener(ctx, from) || is_punct(ctx, from, &[",", "،"])) {
        from += 1;
    }
    if from < v
        && without_wa(ctx.key(v)) == ctx.key(v)
        && kind != VerbKind::Participle
        && !(lo..v).any(|k| is_quote_mark(&tokens[k]))
    {
        if let Some(sp) = np_ar(ctx, from, v)
            .filter(|sp| sp.end == v && sp.head.0 == from && matches!(sp.kind, NpKind::Org | NpKind::Person))
        {
            let mut c = s;
            while c < hi && c < s + 14 && !(complementiser(ctx, c) || ctx.key(c) == ":" || is_quote_mark(&tokens[c])) {
                c += 1;
            }
            f.shaped = c < hi && c < s + 14 && !is_quote_mark(&tokens[c]);
            if needs_frame(ctx.key(v)) && !f.shaped {
                return None;
            }
            f.subject = Subject::Np(sp);
            let start = tokens.get(if f.shaped { c } else { s }).map_or(ctx.text.len(), |t| t.span.start);
            f.content = Some(Span::new(start, sentence_end(ctx, hi).max(start)));
            return Some(f);
        }
    }
    // The slot: up to a complementiser, a colon or an opening quote.
    let mut k = s;
    let mut slot_end = None;
    let limit = hi.min(s + 28);
    while k < limit {
        let t = &tokens[k];
        if t.key == ":" || complementiser(ctx, k) || two_word_complementiser(ctx, k) {
            slot_end = Some(k);
            break;
        }
        if is_quote_mark(t) {
            // A short quoted name in the speaker's place (`وقال "أبو رائد"
            // في حديث …:`) is part of the slot.
            if let Some(c) = quote_close(ctx, k, 7) {
                let after = ctx.key(c + 1);
                let slotlike = c + 1 >= limit
                    || after == ":"
                    || is_punct(ctx, c + 1, &[",", "،", "-", "–"])
                    || complementiser(ctx, c + 1)
                    || pp_at(ctx, c + 1)
                    || addressee_at(ctx, c + 1)
                    || is_time_word(after)
                    || is_slot_skip(after)
                    || matches!(after, "في" | "مع" | "عن" | "عبر" | "خلال")
                    || tokens.get(c + 1).is_some_and(|t| t.kind == Kind::Word && crate::speakers::definite_ar(&t.key));
                if slotlike && c - k <= 5 && k < s + 8 {
                    k = c + 1;
                    continue;
                }
            }
            // A quotation far from the verb is not where its speaker ends.
            if k > s + 14 {
                break;
            }
            slot_end = Some(k);
            break;
        }
        let another_verb =
            verb(&t.key).is_some_and(|(vk, _)| vk != VerbKind::Participle) && !needs_frame(&t.key) && !pp_at(ctx, k);
        if t.key == "\n" || (k > s + 1 && another_verb) {
            break;
        }
        k += 1;
    }
    f.shaped = slot_end.is_some();
    let end = slot_end.unwrap_or(limit);
    f.quote_slot = slot_end
        .filter(|&e| is_quote_mark(&tokens[e]))
        .map(|e| (s..e).filter(|&k| tokens[k].kind == Kind::Word).count());
    // `إن قائد الكتيبة أبلغ السكان بأن`: a subject between a complementiser
    // and the verb; what follows the verb is its object.
    let svo = (lo..v)
        .rev()
        .take(6)
        .take_while(|&k| tokens[k].kind == Kind::Word)
        .find(|&k| complementiser(ctx, k) && !ctx.quoted[k]);
    if let Some(c) = svo.filter(|&c| c + 1 < v) {
        if let Some(sp) = np_ar(ctx, c + 1, v).filter(|sp| sp.end == v && sp.kind != NpKind::Pronoun) {
            f.subject = Subject::Np(sp);
            if s < end {
                f.addressee = Some(Span::new(tokens[s].span.start, tokens[end - 1].span.end));
            }
            let start = tokens.get(end).map_or(ctx.text.len(), |t| t.span.start);
            f.content = Some(Span::new(start, sentence_end(ctx, hi).max(start)));
            return (f.shaped || !needs_frame(ctx.key(v))).then_some(f);
        }
    }
    // Relays: `نقلت الوكالة عن مصدر عسكري قوله`, `على لسان X`.
    if kind == VerbKind::Relay {
        let at = (s..end).find(|&k| ctx.key(k) == "عن" || (ctx.key(k) == "علي" && ctx.key(k + 1) == "لسان"));
        match at {
            Some(a) => {
                let from = if ctx.key(a) == "عن" { a + 1 } else { a + 2 };
                if a > s {
                    f.relay = Some(ctx.span(s, a));
                }
                f.subject = np_ar(ctx, from, end).map_or(Subject::Null, Subject::Np);
            }
            // `ونقلت قناة المدينة في تقريرها: "…"`: the outlet's own report.
            None if f.shaped => {
                f.subject = np_ar(ctx, s, end).map_or(Subject::Null, Subject::Np);
            }
            None => return None,
        }
    } else if f.shaped {
        f.subject = np_ar(ctx, s, end).map_or(Subject::Null, Subject::Np);
    } else {
        // No complementiser or colon: only a name the lexicons know stands
        // as the subject (`أعلنت وزارة الصحة ارتفاع …`), the rest is its object.
        if needs_frame(ctx.key(v)) {
            return None;
        }
        let a = ctx
            .actor_tokens
            .iter()
            .enumerate()
            .find(|(_, (st, _))| *st == s)
            .filter(|(a, _)| !matches!(ctx.actors[*a].kind.as_str(), "civilians"));
        f.subject = match a {
            Some((_, &(st, e))) => np_ar(ctx, st, e).map_or(Subject::Null, Subject::Np),
            None => Subject::Null,
        };
        if matches!(f.subject, Subject::Null) && s < hi && tokens[s].kind == Kind::Word && kind != VerbKind::Participle
        {
            // Something stands there that is not a known name: no frame we
            // can read.
            return None;
        }
    }
    // An ambiguous form (`بين` between, `عبر` via, `كشف` uncovered) speaks
    // only before a complementiser or a colon, or `عن` for `عبر عن`.
    if needs_frame(ctx.key(v)) {
        let real = slot_end.is_some_and(|e| !is_quote_mark(&tokens[e]))
            || matches!(without_wa(ctx.key(v)), "عبر" | "عبرت" | "يعبر" | "تعبر")
                && (s..end).any(|k| ctx.key(k) == "عن");
        if !real {
            return None;
        }
    }
    // In a statement: `في بيان`, `في بيان لها`.
    f.statement = (s..end).any(|k| matches!(without_wa(ctx.key(k)), "في" | "ب") && is_statement_noun(ctx.key(k + 1)))
        || (s..end).any(|k| ctx.key(k).starts_with('ب') && is_statement_noun(&ctx.key(k)[2..]));
    if let Subject::Np(np) = &f.subject {
        // The addressee: a لـ phrase after the speaker.
        let a = (np.end..end).find(|&k| addressee_at(ctx, k));
        if let Some(a) = a {
            let e = (a + 1..end).find(|&k| is_punct(ctx, k, &[",", "،"]) || complementiser(ctx, k)).unwrap_or(end);
            f.addressee = Some(ctx.span(a, e.max(a + 1)));
        }
    }
    // `…، عمر الحسن، الذي أخبرنا بأن`: the relative's antecedent speaks.
    if matches!(f.subject, Subject::Null) && v > lo && crate::speakers::is_relative(ctx.key(v - 1)) {
        let rel = v - 1;
        let c = (lo..rel).rev().find(|&k| is_punct(ctx, k, &[",", "،"]) && k + 1 < rel).unwrap_or(rel);
        if c < rel {
            let prev = (lo..c).rev().find(|&k| is_punct(ctx, k, &[",", "،"])).map_or(lo, |k| k + 1);
            let seg = if c + 1 < rel { (c + 1, rel) } else { (prev, c) };
            if let Some(sp) = np_ar(ctx, seg.0, seg.1)
                .filter(|n| matches!(n.kind, NpKind::Person | NpKind::Org | NpKind::Description | NpKind::Group))
            {
                f.subject = Subject::Np(sp);
            }
        }
    }
    // No subject after the verb: one before it (`مدير المستشفى، الذي …،
    // قال:`), or none (`وأضاف:`), or the quote just before (`"…"، قالت`).
    if matches!(f.subject, Subject::Null) && kind != VerbKind::Participle {
        let mut from = lo;
        // Openers and a fused و on the verb leave it sentence-initial.
        while from < v
            && (crate::speakers::is_time_word(ctx.key(from))
                || is_opener(ctx, from)
                || is_punct(ctx, from, &[",", "،"]))
        {
            from += 1;
        }
        // A leading phrase (`وفي بيان نشرته على موقعها الرسمي،`) up to its comma.
        if from < v && pp_at(ctx, from) {
            if let Some(c) = (from..v).find(|&k| is_punct(ctx, k, &[",", "،"])) {
                from = c + 1;
            }
        }
        let quote_before = (from..v).rev().take(3).any(|k| is_quote_mark(&tokens[k]));
        // The phrase must be one that can speak: a name, a body, a group,
        // or a description headed by a person's noun or the article.
        let speaks = |sp: &Np| match sp.kind {
            NpKind::Person | NpKind::Org | NpKind::Group => true,
            NpKind::Description => {
                let k = ctx.key(sp.head.0);
                crate::speakers::definite_ar(k) || crate::speakers::any_reading(k, crate::speakers::is_person_noun)
            }
            _ => false,
        };
        if from < v && !quote_before && !ctx.key(v).starts_with(['و', 'ف']) {
            if let Some(sp) = np_ar(ctx, from, v).filter(|sp| sp.head.0 == from && speaks(sp)) {
                f.subject = Subject::Np(sp);
            }
        }
    }
    // Participles go on with the sentence's main frame: what follows them
    // is their object, not a speaker.
    if kind == VerbKind::Participle {
        f.subject = Subject::Null;
        if let Some(main) =
            before.iter().rposition(|b| b.at >= lo && b.at < v && !b.nested && b.kind != FrameKind::AccordingTo)
        {
            let first =
                before.iter().position(|b| b.at >= lo && b.at < v && b.kind != FrameKind::AccordingTo).unwrap_or(main);
            f.subject = Subject::SameAs(first);
        }
    }
    let start = slot_end.map_or_else(
        || match &f.subject {
            Subject::Np(np) if np.first > v => tokens.get(np.end).map_or(ctx.text.len(), |t| t.span.start),
            _ => tokens.get(v + 1).map_or(ctx.text.len(), |t| t.span.start),
        },
        |e| tokens[e].span.start,
    );
    // The content ends where a new main clause starts (`…، فيما قال X`).
    let from_tok = tokens.partition_point(|t| t.span.start < start);
    let cut = (from_tok + 1..hi)
        .find(|&k| matches!(ctx.key(k), "فيما" | "بينما") || ctx.key(k) == "في" && ctx.key(k + 1) == "حين");
    let end = cut.map_or(sentence_end(ctx, hi), |k| tokens[k].span.start);
    f.content = Some(Span::new(start, end.max(start)));
    if let Some(e) = slot_end.filter(|&e| ctx.key(e) == ":" && ends_line(ctx, e)) {
        f.block = true;
        f.content = Some(Span::new(tokens[e].span.end, tokens[e].span.end));
    }
    Some(f)
}

fn is_opener(ctx: &Ctx, i: usize) -> bool {
    let k = ctx.key(i);
    lexicon::speakers::OPENERS.iter().any(|p| p.len() == 1 && (p[0] == k || p[0] == without_wa(k)))
}

/// English words that end a clause looking back from a verb: the subject
/// is after them.
fn clause_boundary(ctx: &Ctx, i: usize) -> bool {
    let t = &ctx.tokens[i];
    if t.kind == Kind::Punct {
        return matches!(t.key.as_str(), ";" | ":" | "—" | "–") || is_quote_mark(t);
    }
    matches!(
        t.key.as_str(),
        "that"
            | "after"
            | "before"
            | "when"
            | "while"
            | "because"
            | "although"
            | "though"
            | "since"
            | "if"
            | "where"
            | "whereas"
            | "unless"
            | "until"
            | "once"
    )
}

/// A word before an English verb of saying that denies it (`did not say`,
/// `declined to comment`).
fn negator(key: &str) -> bool {
    matches!(
        key,
        "not"
            | "cannot"
            | "never"
            | "declined"
            | "refused"
            | "n't"
            | "didn't"
            | "doesn't"
            | "don't"
            | "haven't"
            | "hasn't"
            | "won't"
            | "wouldn't"
            | "couldn't"
    )
}

/// An English frame at verb `v`.
fn frame_en(ctx: &Ctx, v: usize, kind: VerbKind, before: &[Frame]) -> Option<Frame> {
    let tokens = ctx.tokens;
    let (lo, hi) = sentence(ctx, v);
    let mut f = Frame::new(v, FrameKind::Verb(kind), Gender::Unknown, Subject::Null, false);
    // `has said`, `can be heard shouting`: auxiliaries before the verb.
    let mut b = v;
    let mut negated = false;
    while b > lo
        && (is_slot_skip(ctx.key(b - 1))
            || matches!(
                ctx.key(b - 1),
                "heard" | "not" | "also" | "later" | "then" | "further" | "did" | "does" | "do" | "to"
            )
            || negator(ctx.key(b - 1)))
    {
        negated |= negator(ctx.key(b - 1));
        b -= 1;
    }
    // `have not confirmed`, `cannot say`, `declined to say`: no report.
    if negated {
        return None;
    }
    // After a closing quotation mark: `“…,” X said`, `“…,” said X`.
    let close = (lo.saturating_sub(1)..b).rev().take(26).find(|&k| is_quote_mark(&tokens[k]));
    // `A third added: "…"` introduces the quote after it.
    let mut after_v = v + 1;
    while after_v < hi && is_time_word(ctx.key(after_v)) {
        after_v += 1;
    }
    let introduces = ctx.key(after_v) == ":"
        || tokens
            .get(after_v)
            .is_some_and(|t| is_quote_mark(t) && ctx.quoted.get(after_v + 1).copied().unwrap_or(false));
    let after_quote = close.filter(|_| !introduces).filter(|&c| {
        let between = (c + 1..b).filter(|&k| tokens[k].kind == Kind::Word).count();
        let no_verb = (c + 1..b).all(|k| verb(ctx.key(k)).is_none());
        no_verb && between <= 16 && quote_ends_clause(ctx, c)
    });
    if let Some(c) = after_quote {
        f.postposed = true;
        f.shaped = true;
        let mut from = c + 1;
        while from < b && is_punct(ctx, from, &[",", "."]) {
            from += 1;
        }
        // `“…,” and the others agreed, one activist said`: a clause, then
        // the speaker in the last phrase before the verb.
        let clause = |k: usize| {
            let w = ctx.text[tokens[k].span.start..tokens[k].span.end].to_lowercase();
            lexicon::quotes::NOT_SPEAKER_STARTS.contains(&w.as_str())
        };
        if from < b && clause(from) {
            from = (from..b).rev().find(|&k| is_punct(ctx, k, &[",", ";"])).map_or(b, |k| k + 1);
        }
        if from < b {
            f.subject = np_en(ctx, from, b).map_or(Subject::Null, Subject::Np);
        } else {
            // `,” said X, a nurse in the old city.`
            let end =
                (v + 1..hi).find(|&k| is_punct(ctx, k, &[".", ";", "\n"]) || is_quote_mark(&tokens[k])).unwrap_or(hi);
            f.subject = np_en(ctx, v + 1, end).map_or(Subject::Null, Subject::Np);
        }
        if kind_takes_addressee(ctx.key(v)) {
            f.addressee = addressee_en(ctx, v, hi);
        }
        return Some(f);
    }
    // `State television quoted a military source as saying …`, `citing X`:
    // the one quoted speaks; the one quoting relays.
    if kind == VerbKind::Relay {
        let end = (v + 1..hi).find(|&k| matches!(ctx.key(k), "as" | "saying" | "that" | "," | ":" | ".")).unwrap_or(hi);
        let sp = np_en(ctx, v + 1, end)?;
        let from = skip_adverbials(ctx, clause_start(ctx, lo, b), b);
        if from < b {
            f.relay = Some(ctx.span(from, b));
        }
        f.subject = Subject::Np(sp);
        let c = (end..hi).find(|&k| !matches!(ctx.key(k), "as" | "saying" | ",")).unwrap_or(hi);
        let start = tokens.get(c).map_or(ctx.text.len(), |t| t.span.start);
        f.content = Some(Span::new(start, sentence_end(ctx, hi).max(start)));
        f.shaped = true;
        return Some(f);
    }
    // `quoted X as saying`: the saying is the relay's.
    if b > lo && ctx.key(b - 1) == "as" {
        if let Some(p) = before.iter().rposition(|p| p.at >= lo && p.at < v && p.verb_kind() == Some(VerbKind::Relay)) {
            f.subject = Subject::SameAs(p);
            let start = tokens.get(v + 1).map_or(ctx.text.len(), |t| t.span.start);
            f.content = Some(Span::new(start, sentence_end(ctx, hi).max(start)));
            f.shaped = true;
            return Some(f);
        }
    }
    // `… and said`, `…, adding that`: the verb goes on with the sentence's
    // subject. (`…, in a video, urged` closes an apposition instead.)
    let ellipsis = b > lo
        && (matches!(ctx.key(b - 1), "and" | "but") || is_punct(ctx, b - 1, &[","]) && ctx.key(v).ends_with("ing"))
        && !matches!(ctx.key(v + 1), "the" | "a" | "an");
    if ellipsis {
        // `… and said`: the subject of the sentence's earlier frame, or its
        // first phrase.
        if let Some(p) = before
            .iter()
            .rposition(|p| p.at >= lo && p.at < v && !p.nested && p.kind != FrameKind::AccordingTo && !p.postposed)
        {
            f.subject = Subject::SameAs(p);
        } else {
            let from = skip_adverbials(ctx, clause_start(ctx, lo, b - 1), b);
            f.subject = np_en(ctx, from, b - 1).map_or(Subject::Null, Subject::Np);
        }
    } else if b > lo + 1 && matches!(ctx.key(b - 1), "who" | "which") && is_punct(ctx, b - 2, &[","]) {
        // `…, Dr. Omar Fayed, who said …`: the phrase before the relative.
        let c = b - 2;
        let from = (lo..c)
            .rev()
            .find(|&k| {
                is_punct(ctx, k, &[",", ";"]) || clause_boundary(ctx, k) || matches!(ctx.key(k), "to" | "by" | "per")
            })
            .map_or(lo, |k| k + 1);
        f.subject = np_en(ctx, from, c)
            .filter(|n| matches!(n.kind, NpKind::Person | NpKind::Org | NpKind::Description | NpKind::Group))
            .map_or(Subject::Null, Subject::Np);
    } else if b > lo
        && crate::speakers::pronoun(ctx.key(b - 1)).is_some()
        && (b - 1 == lo || is_punct(ctx, b - 2, &[","]) || matches!(ctx.key(b - 2), "and" | "but" | "then" | "so"))
    {
        // `The world, he says, “…”`: the pronoun of a parenthesis.
        f.subject = np_en(ctx, b - 1, b).map_or(Subject::Null, Subject::Np);
    } else {
        let c = clause_start(ctx, lo, b);
        let from = skip_adverbials(ctx, c, b);
        f.subject = np_en(ctx, from, b).map_or(Subject::Null, Subject::Np);
        // `…, said the ministry.`: the speaker after the verb.
        if matches!(f.subject, Subject::Null) && b > lo && is_punct(ctx, b - 1, &[","]) {
            let end = (v + 1..hi).find(|&k| is_punct(ctx, k, &[".", ",", ";"])).unwrap_or(hi);
            if let Some(sp) = np_en(ctx, v + 1, end).filter(|sp| sp.kind != NpKind::Description || sp.definite) {
                f.subject = Subject::Np(sp);
                f.postposed = true;
            }
        }
    }
    let mut c = v + 1;
    if kind_takes_addressee(ctx.key(v)) {
        f.addressee = addressee_en(ctx, v, hi);
        if let Some(a) = f.addressee {
            c = tokens.partition_point(|t| t.span.start < a.end);
        }
    }
    // `said in a statement`, `said on Monday`, `said in Arabic`.
    while c < hi
        && matches!(
            ctx.key(c),
            "in" | "on"
                | "at"
                | "to"
                | "from"
                | "a"
                | "an"
                | "the"
                | "his"
                | "her"
                | "its"
                | "their"
                | "statement"
                | "post"
                | "arabic"
                | "english"
                | "x"
                | "telegram"
                | "facebook"
                | "twitter"
                | "instagram"
                | "out"
                | "up"
                | "back"
                | "again"
        )
        || is_time_word(ctx.key(c))
    {
        if is_statement_noun(ctx.key(c)) {
            f.statement = true;
        }
        c += 1;
    }
    // `told reporters in Geneva that …`: a place between.
    let that_soon = (c..hi.min(c + 5))
        .find(|&k| ctx.key(k) == "that")
        .filter(|&t| (c..t).all(|k| tokens[k].kind == Kind::Word && verb(ctx.key(k)).is_none()));
    if let Some(t) = that_soon.filter(|_| f.addressee.is_some()) {
        c = t;
    }
    let shaped_at = c < hi
        && (ctx.key(c) == ":"
            || ctx.key(c) == "that"
            || is_quote_mark(&tokens[c])
            || is_punct(ctx, c, &[","]) && tokens.get(c + 1).is_some_and(is_quote_mark));
    // `called on all parties to "…"`: an appeal, not a label.
    if matches!(ctx.key(v), "called" | "calling" | "calls") && matches!(ctx.key(v + 1), "on" | "upon" | "for") {
        f.kind = FrameKind::Verb(VerbKind::Verb);
        f.shaped = (v + 1..hi.min(v + 14)).any(|k| is_quote_mark(&tokens[k]));
        if !f.shaped {
            return None;
        }
        let start = tokens.get(v + 1).map_or(ctx.text.len(), |t| t.span.start);
        f.content = Some(Span::new(start, sentence_end(ctx, hi).max(start)));
        return Some(f);
    }
    // `described the night as "…"`, `called it "…"`: a label's words.
    let labelled = kind == VerbKind::Label
        && (c..hi.min(c + 8))
            .any(|k| is_quote_mark(&tokens[k]) && matches!(ctx.key(k - 1), "as" | "it" | "them" | "him" | "her"));
    f.shaped = shaped_at || labelled;
    if needs_frame(ctx.key(v)) && !f.shaped {
        return None;
    }
    let start = tokens.get(c).map_or(ctx.text.len(), |t| t.span.start);
    f.content = Some(Span::new(start, sentence_end(ctx, hi).max(start)));
    if c < hi && ctx.key(c) == ":" && ends_line(ctx, c) {
        f.block = true;
        f.content = Some(Span::new(tokens[c].span.end, tokens[c].span.end));
    }
    Some(f)
}

fn kind_takes_addressee(key: &str) -> bool {
    matches!(key, "told" | "tell" | "tells" | "telling" | "informed" | "asked" | "asks" | "ask" | "urged" | "urging")
}

/// The one told: the words after `told` up to `that`, a comma, a colon
/// or a quotation mark.
fn addressee_en(ctx: &Ctx, v: usize, hi: usize) -> Option<Span> {
    let s = v + 1;
    let e = (s..hi.min(s + 8)).find(|&k| {
        let key = ctx.key(k);
        ctx.tokens[k].kind == Kind::Punct
            || key == "that"
            || key == "to"
            || is_time_word(key)
            || matches!(key, "on" | "in" | "about" | "of" | "he" | "she" | "they" | "it")
    })?;
    (e > s).then(|| ctx.span(s, e))
}

/// A subordinator before an `-ing` word opens an adverbial phrase
/// (`before departing for Ukraine,`), not a clause with a subject.
fn adverbial_subordinator(ctx: &Ctx, k: usize) -> bool {
    ctx.tokens[k].kind == Kind::Word && ctx.key(k + 1).ends_with("ing") && ctx.key(k + 1).len() > 4
}

/// Looking back from `to`, where the English clause holding it starts. A
/// short quoted phrase inside the clause (`the so-called "safe zone"`) is
/// words of it, not an edge.
fn clause_start(ctx: &Ctx, lo: usize, to: usize) -> usize {
    let mut k = to;
    while k > lo {
        k -= 1;
        if !clause_boundary(ctx, k) || adverbial_subordinator(ctx, k) {
            continue;
        }
        if is_quote_mark(&ctx.tokens[k]) && !quote_ends_clause(ctx, k) && k > 0 && ctx.tokens[k - 1].kind == Kind::Word
        {
            if let Some(open) = (k.saturating_sub(6).max(lo)..k).rev().find(|&o| is_quote_mark(&ctx.tokens[o])) {
                k = open;
                continue;
            }
        }
        return k + 1;
    }
    lo
}

/// Does the quotation closing at token `c` end a clause: its words end
/// with a stop or comma (`“…,”`), or one follows the mark (`"…",`)?
pub(crate) fn quote_ends_clause(ctx: &Ctx, c: usize) -> bool {
    let inside = c > 0 && ctx.quoted[c - 1];
    if !inside {
        return false;
    }
    let last = ctx.key(c - 1);
    let after = ctx.key(c + 1);
    // `…fuel.” He added that …` starts a sentence of its own.
    if matches!(last, "." | "…") && ctx.tokens.get(c + 1).is_some_and(|t| crate::tokens::capitalized(ctx.text, t)) {
        return false;
    }
    matches!(last, "," | "." | "!" | "?" | "…" | "؟" | "،") || matches!(after, "," | "." | "—" | "–" | "،" | ":" | "-")
}

/// Past an opening adverbial and its comma (`On Wednesday,`, `Speaking
/// to Sky News from a shelter in Rafah,`).
fn skip_adverbials(ctx: &Ctx, from: usize, to: usize) -> usize {
    let mut s = from;
    for _ in 0..3 {
        if s < to && (crate::speakers::is_time_word(ctx.key(s)) || is_opener(ctx, s) || skip_word(ctx, s)) {
            if let Some(c) = (s..to).find(|&k| is_punct(ctx, k, &[","])) {
                s = c + 1;
                continue;
            }
        }
        break;
    }
    s
}

fn skip_word(ctx: &Ctx, i: usize) -> bool {
    let k = ctx.key(i);
    matches!(
        k,
        "on" | "in"
            | "at"
            | "after"
            | "before"
            | "during"
            | "under"
            | "with"
            | "from"
            | "for"
            | "earlier"
            | "later"
            | "asked"
            | "by"
            | "also"
            | "still"
            | "now"
            | "last"
            | "speaking"
            | "talking"
            | "writing"
            | "addressing"
            | "responding"
            | "reacting"
            | "based"
            | "given"
            | "despite"
            | "following"
            | "amid"
            | "as"
            | "if"
            | "while"
            | "when"
    ) || (k.ends_with("ing") && k.len() > 5 && i == 0)
}

/// Marks the frames that stand inside another frame's content, and ends
/// their own content where a clause coordinated with the outer one starts
/// (`… إن قائد الكتيبة أبلغ السكان بأن …، وإن الجنود "…"`).
fn nest(ctx: &Ctx, frames: &mut [Frame]) {
    for k in 0..frames.len() {
        let at = ctx.tokens[frames[k].at].span.start;
        let outer = (0..k).any(|o| {
            frames[o].kind != FrameKind::AccordingTo
                && frames[o].content.is_some_and(|c| c.start <= at && at < c.end && !frames[o].block)
        });
        if !outer {
            continue;
        }
        frames[k].nested = true;
        let Some(c) = frames[k].content else { continue };
        let from = ctx.tokens.partition_point(|t| t.span.start < c.start);
        let to = ctx.tokens.partition_point(|t| t.span.start < c.end);
        let cut = (from + 1..to.saturating_sub(1)).find(|&i| {
            is_punct(ctx, i, &[",", "،"]) && {
                let next = ctx.key(i + 1);
                next.strip_prefix('و').is_some_and(is_complementiser_word)
            }
        });
        if let Some(i) = cut {
            frames[k].content = Some(Span::new(c.start, ctx.tokens[i].span.start));
        }
    }
}
