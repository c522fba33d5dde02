//! Numbers as reporting writes them: digits, words, vague amounts,
//! qualifiers and ranges, in English and Arabic.
//!
//! A [`Number`] is only an amount; whether it counts anything is decided by
//! the figure rules. Conventions follow the extraction spec: vague amounts
//! take their conservative low value with `high` the most the words allow;
//! `over`/`at-least` keep `low = value`; `under`/`at-most` keep
//! `high = value`.

use crate::calendar::is_calendar_key;
use crate::lexicon::numbers as words;
use crate::lexicon::HashMap;
use crate::tokens::{numeral_value, Kind, Token};
use sitrep_text::Span;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Qualifier {
    Exact,
    Over,
    AtLeast,
    Under,
    AtMost,
    About,
    Vague,
    Range,
}

impl Qualifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Over => "over",
            Qualifier::AtLeast => "at-least",
            Qualifier::Under => "under",
            Qualifier::AtMost => "at-most",
            Qualifier::About => "about",
            Qualifier::Vague => "vague",
            Qualifier::Range => "range",
        }
    }
}

/// An amount found in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Number {
    /// The words of the amount, qualifier included.
    pub span: Span,
    /// Token indexes `[first, last]` of the amount itself (no qualifier).
    pub tokens: (usize, usize),
    pub value: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: Qualifier,
    /// Written with digits (as opposed to words).
    pub numeral: bool,
    /// Preceded by a negation (`not two or three`): not a claim of an amount.
    pub negated: bool,
    /// An Arabic dual noun (`شهيدان`, `قذيفتين`): two of what the word
    /// names, the amount and the counted noun in one word.
    pub dual: bool,
}

/// What a number word is (`data/numbers.txt`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum WordKind {
    Cardinal(f64),
    Multiplier(f64),
    Vague(f64, f64),
    Dozen,
    /// `half`, `نصف`: an amount only with a multiplier.
    Half,
}

fn lexicon() -> &'static HashMap<&'static str, WordKind> {
    static LEX: OnceLock<HashMap<&'static str, WordKind>> = OnceLock::new();
    LEX.get_or_init(|| words::NUMBER_WORDS.iter().copied().collect())
}

/// Looks a word up, taking off Arabic clitics (و ف ب ل and the article)
/// that fuse to number words.
fn word_kind(key: &str) -> Option<WordKind> {
    if let Some(k) = plain_kind(key) {
        return Some(k);
    }
    // الأحد (Sunday) is not "the one", الاثنين (Monday) not "the two".
    if key.is_ascii() || is_calendar_key(key) {
        return None;
    }
    words::NUMBER_CLITICS
        .iter()
        .find_map(|prefix| key.strip_prefix(prefix).filter(|rest| rest.chars().count() >= 2).and_then(plain_kind))
}

/// A number word as it stands: listed, `half`, or an Arabic unit fused
/// with "hundred" (ثلاثمئة, خمسمائة; so too وتسعمئة once و is off).
fn plain_kind(key: &str) -> Option<WordKind> {
    let lex = lexicon();
    if let Some(k) = lex.get(key) {
        return Some(*k);
    }
    if is_half(key) {
        return Some(WordKind::Half);
    }
    for hundred in ["مئه", "مائه"] {
        if let Some(unit) = key.strip_suffix(hundred) {
            if let Some(WordKind::Cardinal(v)) = lex.get(unit) {
                if *v < 10.0 {
                    return Some(WordKind::Cardinal(v * 100.0));
                }
            }
        }
    }
    None
}

/// Is this word `half` (`نصف`), which counts only before a multiplier
/// (`half a million`, `نصف مليون`) or after one (`مليون ونصف`)?
fn is_half(key: &str) -> bool {
    words::HALVES.contains(&key)
}

/// The dual noun at a token, its clitics (و ف ب ل and the article) taken
/// off: `وامرأتان`, `بغارتين`.
pub(crate) fn is_dual(t: &Token) -> bool {
    t.kind == Kind::Word && crate::tokens::trigger_bases(&t.key).iter().any(|b| words::DUALS.contains(b))
}

/// What the last element of a compound was, which decides what may follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Last {
    Numeral,
    Unit,
    Teen,
    Ten,
    Hundred,
    Big,
}

/// The number element at token `j`, looking through a fused Arabic و:
/// `(kind or numeral value, had a connector)`.
enum Element {
    Word(WordKind),
    Numeral(f64),
}

fn element(tokens: &[Token], j: usize) -> Option<(Element, bool)> {
    let t = tokens.get(j)?;
    match t.kind {
        Kind::Numeral => numeral_value(&t.key).map(|v| (Element::Numeral(v), false)),
        Kind::Word => {
            if let Some(k) = word_kind(&t.key) {
                // A fused و changes nothing in the value but marks a join.
                let joined = !t.key.is_ascii() && t.key.starts_with('و') && lexicon().get(t.key.as_str()).is_none();
                return Some((Element::Word(k), joined));
            }
            None
        }
        Kind::Punct => None,
    }
}

/// Reads a run of number words and numerals as one amount: `twenty-five`,
/// `two hundred and fifty`, `4 thousand 3 hundred and 21`, `ستة عشر`,
/// `مائة وواحد وستون`, `ثلاث مائة`. Returns `(value, last token)`.
fn compound(tokens: &[Token], i: usize) -> Option<(f64, usize)> {
    let (first, _) = element(tokens, i)?;
    // Thousands grouped by single spaces: 40 000, 1 414 021 100.
    if let (Element::Numeral(_), Some(groups)) = (&first, spaced_groups(tokens, i)) {
        return Some(groups);
    }
    let (mut total, mut current, mut last) = match first {
        Element::Numeral(v) => (0.0, v, Last::Numeral),
        Element::Word(WordKind::Cardinal(v)) => {
            let one = tokens[i].is("one") || tokens[i].is("واحد");
            if one && i > 0 && words::PRONOUN_ONE_AFTER.contains(&tokens[i - 1].key.as_str()) {
                return None;
            }
            if v >= 1000.0 {
                // ألفين: a dual thousand, followed like a multiplier.
                (v, 0.0, Last::Big)
            } else {
                let last = match v {
                    v if v < 10.0 => Last::Unit,
                    v if v < 20.0 => Last::Teen,
                    v if v < 100.0 => Last::Ten,
                    _ => Last::Hundred,
                };
                (0.0, v, last)
            }
        }
        // `ألف وتسعمئة وتسعة وأربعين`: Arabic starts a compound with a
        // bare thousand.
        Element::Word(WordKind::Multiplier(m)) if m >= 1000.0 && !tokens[i].key.is_ascii() => (m, 0.0, Last::Big),
        _ => return None,
    };
    let mut end = i;
    let mut big = f64::INFINITY; // the last large multiplier: they must fall
    if last == Last::Big && total > 0.0 && current == 0.0 {
        big = total;
    }
    let mut j = i + 1;
    while j < tokens.len() {
        // Connectors: "and", "-", a standalone و.
        let conn = tokens[j].is("and")
            || (tokens[j].is("-") && tokens[j].span.start == tokens[j - 1].span.end)
            || tokens[j].is("و");
        let at = if conn { j + 1 } else { j };
        // `a million and a half`
        if conn && last == Last::Big && current == 0.0 && tokens.get(at).is_some_and(|t| t.is("a")) {
            if tokens.get(at + 1).is_some_and(|t| is_half(&t.key)) {
                total += big / 2.0;
                end = at + 1;
            }
            break;
        }
        let Some((el, fused)) = element(tokens, at) else { break };
        // "2 million and 3 million", "مئتين و ثلاثمئة": after a join, an
        // amount with its own multiplier is the next amount, not a part.
        if conn || fused {
            let own = tokens.get(at + 1).and_then(|n| (n.kind == Kind::Word).then(|| word_kind(&n.key)).flatten());
            if let Some(WordKind::Multiplier(m)) = own {
                if m >= big || (m == 100.0 && matches!(last, Last::Hundred)) {
                    break;
                }
            }
        }
        let joined = conn || fused;
        let arabic = !tokens[at].key.is_ascii();
        // `مليون ونصف`, `a million and a half`: half the last multiplier.
        if let Element::Word(WordKind::Half) = el {
            if last == Last::Big && joined && current == 0.0 {
                total += big / 2.0;
                end = at;
            }
            break;
        }
        let next = match (el, last) {
            // Digits continue a compound only right after a multiplier word.
            (Element::Numeral(v), Last::Hundred | Last::Big) if v < 1000.0 && v.fract() == 0.0 => {
                if last == Last::Hundred && (v >= 100.0 || current % 100.0 != 0.0) {
                    break;
                }
                current += v;
                Last::Numeral
            }
            (Element::Numeral(_), _) => break,
            (Element::Word(WordKind::Cardinal(v)), _) => {
                let unit = v < 10.0;
                let ten = (20.0..100.0).contains(&v) && v % 10.0 == 0.0;
                // Arabic teens: ستة عشر.
                if v == 10.0 && last == Last::Unit && arabic && !joined {
                    current += 10.0;
                    Last::Teen
                } else if unit && last == Last::Ten && !arabic {
                    current += v;
                    Last::Unit
                } else if ten && arabic && joined && matches!(last, Last::Unit | Last::Teen) && current % 100.0 < 20.0 {
                    // Arabic puts units before tens: خمسة وعشرون.
                    current += v;
                    Last::Ten
                } else if v == 100.0
                    && arabic
                    && matches!(last, Last::Unit | Last::Numeral)
                    && current < 10.0
                    && !joined
                {
                    // ثلاث مائة
                    current *= 100.0;
                    Last::Hundred
                } else if v < 100.0 && matches!(last, Last::Hundred | Last::Big) && current % 100.0 == 0.0 {
                    current += v;
                    if unit {
                        Last::Unit
                    } else if v < 20.0 {
                        Last::Teen
                    } else {
                        Last::Ten
                    }
                } else if (100.0..1000.0).contains(&v) && last == Last::Big && current == 0.0 && joined {
                    // ألفين ومائتين
                    current += v;
                    Last::Hundred
                } else {
                    break;
                }
            }
            (Element::Word(WordKind::Multiplier(m)), l) if !conn => {
                if m == 100.0 {
                    if !matches!(l, Last::Unit | Last::Teen | Last::Ten | Last::Numeral) || current >= 100.0 {
                        break;
                    }
                    current *= 100.0;
                    Last::Hundred
                } else {
                    if m >= big {
                        break;
                    }
                    total += if current > 0.0 { current } else { 1.0 } * m;
                    current = 0.0;
                    big = m;
                    Last::Big
                }
            }
            (Element::Word(WordKind::Dozen), Last::Unit | Last::Numeral | Last::Teen) if !conn => {
                current *= 12.0;
                Last::Hundred
            }
            (Element::Word(WordKind::Vague(12.0, _)), Last::Unit | Last::Numeral) if !conn => {
                current *= 12.0; // three dozens
                Last::Hundred
            }
            _ => break,
        };
        last = next;
        end = at;
        j = at + 1;
    }
    Some((total + current, end))
}

/// `1 234 567`: a group of one to three digits, then groups of exactly
/// three, each after a single (possibly no-break or thin) space.
fn spaced_groups(tokens: &[Token], i: usize) -> Option<(f64, usize)> {
    let plain = |t: &Token| t.kind == Kind::Numeral && t.key.chars().all(|c| c.is_ascii_digit());
    let first = &tokens[i];
    if !plain(first) || first.key.len() > 3 {
        return None;
    }
    // "December 13 250 people": a day, then a count.
    if i > 0 && is_calendar_key(&tokens[i - 1].key) {
        return None;
    }
    let mut digits = first.key.clone();
    let mut end = i;
    while let Some(next) = tokens.get(end + 1) {
        let gap = next.span.start - tokens[end].span.end;
        let gap_ok = (1..=3).contains(&gap);
        // The last group may carry decimals: 1 234 567.89
        let (int, frac) = next.key.split_once('.').unwrap_or((&next.key, ""));
        if !gap_ok
            || next.kind != Kind::Numeral
            || int.len() != 3
            || !int.chars().all(|c| c.is_ascii_digit())
            || next.key.contains(',')
        {
            break;
        }
        digits.push_str(int);
        end += 1;
        if !frac.is_empty() {
            digits.push('.');
            digits.push_str(frac);
            break;
        }
    }
    (end > i).then(|| digits.parse().ok().map(|v| (v, end)))?
}

/// Reads the amount starting at token `i`: `(value, high, last token, numeral)`.
fn amount_at(tokens: &[Token], i: usize) -> Option<(f64, Option<f64>, usize, bool)> {
    let t = &tokens[i];
    let next_word = |j: usize| tokens.get(j).filter(|t| t.kind == Kind::Word);
    match t.kind {
        Kind::Numeral => {
            // Ordinals (4th) are not amounts.
            if next_word(i + 1)
                .is_some_and(|n| n.span.start == t.span.end && matches!(n.key.as_str(), "st" | "nd" | "rd" | "th"))
            {
                return None;
            }
            // "13.125 million": before a multiplier a single point is decimal.
            if let Some(n) = next_word(i + 1) {
                if let Some(WordKind::Multiplier(m)) = word_kind(&n.key) {
                    if t.key.matches('.').count() == 1 && !t.key.contains(',') {
                        let v: f64 = t.key.parse().ok()?;
                        return Some((v * m, None, i + 1, true));
                    }
                }
            }
            // 10k, 1.5bn
            if let Some(n) = next_word(i + 1).filter(|n| n.span.start == t.span.end) {
                if let Some((_, m)) = words::SUFFIXES.iter().find(|(s, _)| n.key == *s) {
                    return Some((numeral_value(&t.key)? * m, None, i + 1, true));
                }
            }
            let (v, end) = compound(tokens, i)?;
            Some((v, None, end, true))
        }
        Kind::Word => {
            let Some(kind) = word_kind(&t.key) else {
                return is_dual(t).then_some((2.0, None, i, false));
            };
            match kind {
                WordKind::Vague(low, high) => {
                    // `tens of thousands`, `عشرات الآلاف`
                    let (mut j, mut low, mut high) = (i, low, high);
                    let of = next_word(i + 1).is_some_and(|n| n.is("of"));
                    let scale_at = if of { i + 2 } else { i + 1 };
                    if let Some(n) = next_word(scale_at) {
                        let scale = match word_kind(&n.key) {
                            Some(WordKind::Multiplier(m)) => Some(m),
                            Some(WordKind::Vague(l, _)) if l >= 1000.0 => Some(l),
                            _ => None,
                        };
                        if let Some(m) = scale {
                            low *= m;
                            high = high * m + (m - 1.0);
                            j = scale_at;
                        }
                    }
                    Some((low, Some(high), j, false))
                }
                WordKind::Dozen => {
                    // "a dozen", or a dozen standing alone in Arabic (دزينة)
                    let a = i > 0 && tokens[i - 1].is("a");
                    (a || !t.key.is_ascii()).then_some((12.0, None, i, false))
                }
                WordKind::Multiplier(m) => {
                    // `a hundred`, `a thousand`; a bare آلاف / ملايين is vague.
                    if i > 0 && tokens[i - 1].is("a") {
                        let (v, end) = compound(tokens, i).map(|(v, e)| (v.max(m), e)).unwrap_or((m, i));
                        if let Some(h) = (end == i).then(|| and_a_half(tokens, i)).flatten() {
                            return Some((m * 1.5, None, h, false));
                        }
                        Some((v, None, end, false))
                    } else if !t.key.is_ascii() && (t.key.ends_with("الاف") || t.key.ends_with("ملايين")) {
                        Some((m, Some(m * 10.0 - 1.0), i, false))
                    } else if !t.key.is_ascii() {
                        // Arabic counts with the bare singular: ألف شخص, مليون نازح.
                        let (v, end) = compound(tokens, i).map(|(v, e)| (v.max(m), e)).unwrap_or((m, i));
                        if let Some(h) = (end == i).then(|| and_a_half(tokens, i)).flatten() {
                            return Some((m * 1.5, None, h, false));
                        }
                        Some((v, None, end, false))
                    } else {
                        None
                    }
                }
                WordKind::Cardinal(_) => {
                    let (v, end) = compound(tokens, i)?;
                    Some((v, None, end, false))
                }
                WordKind::Half => {
                    // `half a million`, `نصف مليون`; alone (`half the
                    // residents`) it is a share, not an amount.
                    let m_at = if next_word(i + 1).is_some_and(|n| n.is("a")) { i + 2 } else { i + 1 };
                    match next_word(m_at).and_then(|n| word_kind(&n.key)) {
                        Some(WordKind::Multiplier(m)) if m >= 1000.0 => Some((m / 2.0, None, m_at, false)),
                        _ => None,
                    }
                }
            }
        }
        Kind::Punct => None,
    }
}

fn keys_before(tokens: &[Token], start: usize, phrase: &[&str]) -> bool {
    start >= phrase.len()
        && tokens[start - phrase.len()..start].iter().zip(phrase).all(|(t, p)| t.key == *p)
        && tokens[start - phrase.len()..start].iter().all(|t| t.sentence == tokens[start].sentence)
}

/// After a multiplier standing alone at `i`: `and a half`, `ونصف`, `و نصف`;
/// the last token of the half.
fn and_a_half(tokens: &[Token], i: usize) -> Option<usize> {
    let is = |j: usize, w: &str| tokens.get(j).is_some_and(|t| t.is(w));
    let half = |j: usize| tokens.get(j).is_some_and(|t| is_half(&t.key));
    if is(i + 1, "and") && is(i + 2, "a") && half(i + 3) {
        Some(i + 3)
    } else if is(i + 1, "و") && half(i + 2) {
        Some(i + 2)
    } else {
        tokens.get(i + 1).filter(|t| t.key.strip_prefix('و').is_some_and(is_half)).map(|_| i + 1)
    }
}

/// `and perhaps as many as 40`, `or up to 40` after an amount ending at
/// token `last`: the ceiling and its last token. The words are the rule
/// (each joins only in this order), so they stay here with the range
/// joiners.
fn ceiling_after(tokens: &[Token], last: usize) -> Option<(f64, usize)> {
    let is = |j: usize, w: &str| tokens.get(j).is_some_and(|t| t.is(w));
    let mut k = last + 1;
    if !(is(k, "and") || is(k, "or")) {
        return None;
    }
    k += 1;
    if ["perhaps", "possibly", "maybe", "probably", "even"].iter().any(|w| is(k, w)) {
        k += 1;
    }
    if is(k, "as") && is(k + 1, "many") && is(k + 2, "as") {
        k += 3;
    } else if is(k, "up") && is(k + 1, "to") {
        k += 2;
    } else {
        return None;
    }
    let (v, _, end, _) = amount_at(tokens, k)?;
    Some((v, end))
}

/// Every amount in the token stream, in order.
/// Whether the numeral at `i` is joined by a hyphen to a word of Latin
/// letters just before it, with no space between (`AC-130`, `T-72`).
fn designation(tokens: &[Token], i: usize) -> bool {
    i >= 2 && {
        let (word, dash, num) = (&tokens[i - 2], &tokens[i - 1], &tokens[i]);
        matches!(dash.key.as_str(), "-" | "‑")
            && word.span.end == dash.span.start
            && dash.span.end == num.span.start
            && word.kind == crate::tokens::Kind::Word
            && word.key.chars().count() <= 5
            && word.key.chars().all(|c| c.is_ascii_alphabetic())
    }
}

pub fn find(tokens: &[Token]) -> Vec<Number> {
    let mut out: Vec<Number> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some((value, vague_high, end, numeral)) = amount_at(tokens, i) else {
            i += 1;
            continue;
        };
        // `AC-130`, `F-16`, `MiG-29`, `BM-21`, `Su-24`: a numeral joined by a
        // hyphen to letters before it names a model of aircraft or weapon,
        // not an amount of anything.
        if numeral && designation(tokens, i) {
            i = end + 1;
            continue;
        }
        let mut first = i;
        // Include "a" of "a dozen", "a hundred".
        if i > 0
            && tokens[i - 1].is("a")
            && !numeral
            && matches!(word_kind(&tokens[i].key), Some(WordKind::Dozen | WordKind::Multiplier(_)))
        {
            first = i - 1;
        }
        let mut n = Number {
            span: Span::new(tokens[first].span.start, tokens[end].span.end),
            tokens: (first, end),
            value,
            low: Some(value),
            high: Some(vague_high.unwrap_or(value)),
            qualifier: if vague_high.is_some() { Qualifier::Vague } else { Qualifier::Exact },
            numeral,
            negated: false,
            dual: !numeral && word_kind(&tokens[i].key).is_none(),
        };
        let mut last = end;
        // Ranges: `10-15`, `10 to 15`, `between 10 and 15`, `من 10 إلى 15`.
        // The joiners stay here, not in data/numbers.txt: each has its own
        // condition below (a dash only when it touches, `and` only after
        // `between`, `to` only without `from` or with it), so the list is
        // the rule, and a word added to a file would do nothing.
        let joiner = tokens.get(end + 1).map(|t| t.key.as_str());
        if matches!(joiner, Some("-" | "–" | "to" | "and" | "or" | "الي" | "و")) && n.qualifier == Qualifier::Exact
        {
            if let Some((v2, None, end2, _)) = tokens.get(end + 2).and_then(|_| amount_at(tokens, end + 2)) {
                let between = keys_before(tokens, first, &["between"]) || keys_before(tokens, first, &["بين"]);
                let from = keys_before(tokens, first, &["from"]) || keys_before(tokens, first, &["من"]);
                // "the toll rose from 10 to 15" is a change, not a range.
                let change = from && first >= 2 && words::RISE.contains(&tokens[first - 2].key.as_str());
                let dash = matches!(joiner, Some("-" | "–")) && tokens[end + 1].span.start == tokens[end].span.end;
                let ok = !change
                    && (v2 > value)
                    && (dash
                        || joiner == Some("to") && !from
                        || joiner == Some("or")
                        || (between && matches!(joiner, Some("and" | "و")))
                        || (from && matches!(joiner, Some("to" | "الي"))));
                if ok {
                    n.qualifier = Qualifier::Range;
                    n.high = Some(v2);
                    n.span.end = tokens[end2].span.end;
                    n.tokens.1 = end2;
                    last = end2;
                    if between || from {
                        first -= 1;
                        n.span.start = tokens[first].span.start;
                    }
                }
            }
        }
        if n.qualifier == Qualifier::Exact || n.qualifier == Qualifier::Vague {
            for (phrase, q) in words::QUALIFIERS {
                if keys_before(tokens, first, phrase) {
                    first -= phrase.len();
                    n.span.start = tokens[first].span.start;
                    n.qualifier = *q;
                    let v = n.value;
                    match q {
                        Qualifier::Over | Qualifier::AtLeast => n.high = vague_high,
                        Qualifier::Under | Qualifier::AtMost => n.low = None,
                        Qualifier::About => {
                            n.low = None;
                            n.high = None;
                        }
                        _ => {}
                    }
                    if matches!(q, Qualifier::Over | Qualifier::AtLeast) {
                        n.low = Some(v);
                    }
                    break;
                }
            }
            // Arabic writes "at least" after: ستة على الأقل.
            let after: Vec<&str> = tokens[last + 1..].iter().take(2).map(|t| t.key.as_str()).collect();
            if after == ["علي", "الاقل"] || after == ["at", "least"] {
                n.qualifier = Qualifier::AtLeast;
                n.low = Some(n.value);
                n.high = vague_high;
                last += 2;
                n.span.end = tokens[last].span.end;
            }
        }
        // `at least 13 and perhaps as many as 40`: one estimate with a
        // ceiling, not two counts.
        if let Some((high, end2)) = ceiling_after(tokens, last) {
            if high > n.value && n.high.is_none_or(|h| h <= n.value) {
                n.high = Some(high);
                if n.qualifier == Qualifier::Exact {
                    n.qualifier = Qualifier::Range;
                }
                n.span.end = tokens[end2].span.end;
                n.tokens.1 = end2;
                last = end2;
            }
        }
        n.negated = first > 0 && words::NEGATIONS.contains(&tokens[first - 1].key.as_str());
        // "no more than 50": a ceiling, not a denial.
        if n.negated && n.qualifier == Qualifier::Over && matches!(tokens[first - 1].key.as_str(), "no" | "not") {
            n.negated = false;
            n.qualifier = Qualifier::AtMost;
            n.low = None;
            n.high = Some(n.value);
            first -= 1;
            n.span.start = tokens[first].span.start;
        }
        out.push(n);
        i = last + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    fn one(text: &str) -> (String, f64, Option<f64>, Option<f64>, &'static str) {
        let tokens = tokenize(text);
        let ns = find(&tokens);
        assert_eq!(ns.len(), 1, "{text}: {ns:?}");
        let n = &ns[0];
        (text[n.span.start..n.span.end].to_string(), n.value, n.low, n.high, n.qualifier.as_str())
    }

    #[test]
    fn golden_english() {
        type Case = (&'static str, &'static str, f64, Option<f64>, Option<f64>, &'static str);
        let cases: &[Case] = &[
            ("killing 17 people", "17", 17.0, Some(17.0), Some(17.0), "exact"),
            ("some 100,000 people", "some 100,000", 100000.0, None, None, "about"),
            ("more than 50,000 fled", "more than 50,000", 50000.0, Some(50000.0), None, "over"),
            ("at least 80 civilians", "at least 80", 80.0, Some(80.0), None, "at-least"),
            ("nearly 300 shells", "nearly 300", 300.0, None, Some(300.0), "under"),
            ("an estimated 1.5 million people", "an estimated 1.5 million", 1_500_000.0, None, None, "about"),
            ("dozens of shells", "dozens", 12.0, Some(12.0), Some(99.0), "vague"),
            ("tens of thousands of people", "tens of thousands", 10000.0, Some(10000.0), Some(99999.0), "vague"),
            ("hundreds of families", "hundreds", 100.0, Some(100.0), Some(999.0), "vague"),
            ("seventeen people", "seventeen", 17.0, Some(17.0), Some(17.0), "exact"),
            ("twenty-five wounded", "twenty-five", 25.0, Some(25.0), Some(25.0), "exact"),
            ("two hundred and fifty families", "two hundred and fifty", 250.0, Some(250.0), Some(250.0), "exact"),
            ("a dozen rockets", "a dozen", 12.0, Some(12.0), Some(12.0), "exact"),
            ("between 20 and 30 dead", "between 20 and 30", 20.0, Some(20.0), Some(30.0), "range"),
            ("10-15 shells", "10-15", 10.0, Some(10.0), Some(15.0), "range"),
            (
                "four thousand three hundred and twenty-one",
                "four thousand three hundred and twenty-one",
                4321.0,
                Some(4321.0),
                Some(4321.0),
                "exact",
            ),
            ("3 hundred and 21", "3 hundred and 21", 321.0, Some(321.0), Some(321.0), "exact"),
            ("40 000 people", "40 000", 40000.0, Some(40000.0), Some(40000.0), "exact"),
            ("three dozens", "three dozens", 36.0, Some(36.0), Some(36.0), "exact"),
            ("10k", "10k", 10000.0, Some(10000.0), Some(10000.0), "exact"),
            ("13.125 million people", "13.125 million", 13125000.0, Some(13125000.0), Some(13125000.0), "exact"),
            ("No more than 50 civilians", "No more than 50", 50.0, None, Some(50.0), "at-most"),
        ];
        for (text, span, v, lo, hi, q) in cases {
            assert_eq!(one(text), (span.to_string(), *v, *lo, *hi, *q), "{text}");
        }
    }

    #[test]
    fn golden_arabic() {
        let cases: &[(&str, &str, f64, &str)] = &[
            ("نزوح 300 ألف شخص", "300 ألف", 300000.0, "exact"),
            ("مقتل ثلاثة أشخاص", "ثلاثة", 3.0, "exact"),
            ("سقوط عشرات القذائف", "عشرات", 10.0, "vague"),
            ("عشرات الآلاف من النازحين", "عشرات الآلاف", 10000.0, "vague"),
            ("أكثر من ٣٠ ألف شخص", "أكثر من ٣٠ ألف", 30000.0, "over"),
            ("لا يقل عن خمسة وعشرين مدنياً", "لا يقل عن خمسة وعشرين", 25.0, "at-least"),
            ("ستة قتلى على الأقل", "ستة قتلى على الأقل", 6.0, "at-least"),
            ("نحو ثلاثمئة عائلة", "نحو ثلاثمئة", 300.0, "about"),
            ("ستة عشر طفلاً", "ستة عشر", 16.0, "exact"),
            ("مائة وواحد وستون", "مائة وواحد وستون", 161.0, "exact"),
            ("ثلاث مائة", "ثلاث مائة", 300.0, "exact"),
            ("٤ آلاف ٣ مائة و ٢١", "٤ آلاف ٣ مائة و ٢١", 4321.0, "exact"),
            ("بألفين ومائتين", "بألفين ومائتين", 2200.0, "exact"),
            ("قتل ألف شخص", "ألف", 1000.0, "exact"),
            ("قتل مئتي شخص", "مئتي", 200.0, "exact"),
            ("أكثر من مليوني نازح", "أكثر من مليوني", 2000000.0, "over"),
            ("مئات العائلات", "مئات", 100.0, "vague"),
        ];
        for (text, span, v, q) in cases {
            let (s, value, _, _, qual) = one(text);
            if *text == "ستة قتلى على الأقل" {
                // "at least" after the noun is the figure rules' business.
                assert_eq!((value, qual), (6.0, "exact"));
                continue;
            }
            assert_eq!((s.as_str(), value, qual), (*span, *v, *q), "{text}");
        }
    }

    #[test]
    fn separate_amounts_stay_separate() {
        let values = |text: &str| -> Vec<(f64, Option<f64>)> {
            find(&tokenize(text)).into_iter().map(|n| (n.value, n.high)).collect()
        };
        assert_eq!(values("between 2 million and 3 million people"), [(2e6, Some(3e6))]);
        assert_eq!(values("between two hundred and three hundred"), [(200.0, Some(300.0))]);
        assert_eq!(values("نزوح ما بين 300 ألف و 400 ألف شخص"), [(300000.0, Some(400000.0))]);
        assert_eq!(values("On December 13 250 people left"), [(13.0, Some(13.0)), (250.0, Some(250.0))]);
        assert_eq!(values("the toll rose from 10 to 15"), [(10.0, Some(10.0)), (15.0, Some(15.0))]);
        assert_eq!(values("قصفت الطائرات يوم الأحد مستشفى"), []);
    }

    /// A model of aircraft or weapon is no amount; a count beside it is.
    #[test]
    fn designations_are_not_amounts() {
        let values = |text: &str| -> Vec<f64> { find(&tokenize(text)).into_iter().map(|n| n.value).collect() };
        assert_eq!(values("an AC-130 gunship attacked the men when they left"), Vec::<f64>::new());
        assert_eq!(values("two Su-24 jets and a T-72 tank"), [2.0]);
        assert_eq!(values("Mi-8 helicopters dropped 12 barrels"), [12.0]);
        // A range written with a hyphen still reads.
        assert_eq!(values("10-15 people"), [10.0]);
    }

    #[test]
    fn negated_amounts_are_marked() {
        let tokens = tokenize("not two or three shells");
        let ns = find(&tokens);
        assert!(ns[0].negated, "{ns:?}");
    }
}
