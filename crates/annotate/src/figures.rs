//! Figures: amounts tied to what they count.
//!
//! An amount becomes a figure only when a trigger word of a category
//! (`data/figures.txt`) stands close by in the same sentence: after it
//! (`six dead`, `150 shells`) or before it (`killing 17`, `مقتل ستة`).
//! Ages, durations, distances, calibres, percentages, times, dates and
//! negated amounts are never figures, whatever stands next to them.

use crate::dates::DateMention;
use crate::lexicon::figures as words;
use crate::lexicon::{FigureTrigger as Trigger, HashMap};
use crate::numbers::Number;
use crate::tokens::{trigger_bases, Kind, Token};
use sitrep_text::Span;
use std::sync::OnceLock;

#[derive(Clone, Debug, PartialEq)]
pub struct FigureMention {
    /// The amount and its trigger.
    pub span: Span,
    pub number: Number,
    pub category: &'static str,
    pub unit: &'static str,
    /// Who the sentence says reported it.
    pub source: Option<Span>,
}

/// Trigger words by their first key, for each side of the amount.
struct Lexicon {
    after: HashMap<&'static str, Vec<&'static Trigger>>,
    before: HashMap<&'static str, Vec<&'static Trigger>>,
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut lex = Lexicon { after: HashMap::default(), before: HashMap::default() };
        for t in words::TRIGGERS {
            let map = if t.after { &mut lex.after } else { &mut lex.before };
            if let Some(first) = t.words.first() {
                map.entry(first).or_default().push(t);
            }
        }
        lex
    })
}

/// The trigger whose words start at token `i`: (trigger, last token).
fn trigger_at(
    map: &HashMap<&'static str, Vec<&'static Trigger>>,
    tokens: &[Token],
    i: usize,
) -> Option<(&'static Trigger, usize)> {
    let t = tokens.get(i).filter(|t| t.kind == Kind::Word)?;
    for key in trigger_bases(&t.key) {
        if let Some(list) = map.get(key) {
            // Longest phrase first.
            let mut best: Option<(&'static Trigger, usize)> = None;
            for &tr in list {
                let n = tr.words.len();
                let rest_ok =
                    (1..n).all(|k| tokens.get(i + k).is_some_and(|x| trigger_bases(&x.key).contains(&tr.words[k])));
                if rest_ok && best.is_none_or(|b| b.0.words.len() < n) {
                    best = Some((tr, i + n - 1));
                }
            }
            if best.is_some() {
                return best;
            }
        }
    }
    None
}

/// Tokens that end the search for a trigger.
fn is_barrier(t: &Token) -> bool {
    t.kind == Kind::Punct && matches!(t.key.as_str(), ";" | "(" | ")" | ":" | "\n" | "?" | "؟" | "!")
}

/// How far a trigger may stand from its amount, in tokens.
const AFTER_WINDOW: usize = 6;
const BEFORE_WINDOW: usize = 5;

pub fn find(tokens: &[Token], numbers: &[Number], dates: &[DateMention]) -> Vec<FigureMention> {
    let lex = lexicon();
    let mut out = Vec::new();
    // Token index → starts an amount, so windows stop at the next amount.
    let starts: Vec<usize> = numbers.iter().map(|n| n.tokens.0).collect();
    // Asking every date of the document for every amount was quadratic.
    let date_spans = sitrep_text::SpanSet::new(dates.iter().map(|d| d.span));
    for (ni, n) in numbers.iter().enumerate() {
        if n.negated || date_spans.overlaps(n.span) {
            continue;
        }
        let (a, b) = n.tokens;
        // The qualifier's first token: search back from the amount.
        let first = (0..=a).rev().take(8).find(|&k| tokens[k].span.start == n.span.start).unwrap_or(a);
        // Times (10:01) and ordinals (1st).
        let next = tokens.get(b + 1);
        if next.is_some_and(|x| x.is(":") && x.span.start == tokens[b].span.end)
            || first > 0 && tokens[first - 1].is(":") && tokens[first - 1].span.end == tokens[a].span.start
            || next.is_some_and(|x| {
                matches!(x.key.as_str(), "st" | "nd" | "rd" | "th") && x.span.start == tokens[b].span.end
            })
        {
            continue;
        }
        // The unit after the amount (skipping a hyphen: 24-year-old).
        let mut u = b + 1;
        if tokens.get(u).is_some_and(|x| x.is("-")) {
            u += 1;
        }
        let unit = tokens.get(u).map(|x| x.key.as_str()).unwrap_or("");
        if words::DISTANCE_UNITS.contains(&unit) || unit == "square" {
            // Area: 2km squared, a 2km stretch, 5 square kilometres, 3 كم مربع.
            let area_at = (u..=u + 2).find(|&k| {
                tokens
                    .get(k)
                    .is_some_and(|x| words::AREA_WORDS.contains(&x.key.as_str()) || x.key == "km2" || x.key == "km²")
            });
            if let Some(k) = area_at.filter(|_| n.numeral || unit != "square") {
                out.push(FigureMention {
                    span: Span::new(n.span.start, tokens[k].span.end),
                    number: n.clone(),
                    category: "area",
                    unit: "km2",
                    source: source_of(tokens, a),
                });
            }
            continue;
        }
        // "The 2013 chemical attacks": a year used as a name.
        let year_like = n.numeral
            && tokens[a].key.len() == 4
            && (1900.0..=2100.0).contains(&n.value)
            && first > 0
            && words::YEAR_BEFORE.contains(&tokens[first - 1].key.as_str());
        if year_like
            || words::UNITS.contains(&unit)
            || first > 0 && words::AGE_BEFORE.contains(&tokens[first - 1].key.as_str())
        {
            continue;
        }
        let sentence = tokens[a].sentence;
        let next_amount = starts.get(ni + 1).copied().unwrap_or(usize::MAX);
        // After: the nearest trigger within the window.
        let mut after = None;
        let mut k = b + 1;
        while k < tokens.len()
            && k <= b + AFTER_WINDOW
            && k < next_amount
            && tokens[k].sentence == sentence
            && !is_barrier(&tokens[k])
        {
            if let Some((tr, end)) = trigger_at(&lex.after, tokens, k) {
                // "left" counts those who left, unless a word of its own
                // follows: "left dead", "left homeless", "left injured".
                let weak = tokens[k].key == "left" && trigger_at(&lex.after, tokens, k + 1).is_some();
                if !weak {
                    after = Some((tr, k, end, k - b));
                    break;
                }
            }
            // "wounded 30 and killed 17": a new clause with its own verb
            // starts here; its trigger belongs to the amount after it.
            let joins = matches!(tokens[k].key.as_str(), "and" | "," | "و");
            if joins && trigger_at(&lex.before, tokens, k + 1).is_some() {
                break;
            }
            k += 1;
        }
        // Before: the nearest trigger ending within the window, never
        // reaching back into the previous amount.
        let floor = if ni > 0 { numbers[ni - 1].tokens.1 + 1 } else { 0 };
        let mut before = None;
        let mut k = first;
        while k > floor && first - k < BEFORE_WINDOW {
            k -= 1;
            if tokens[k].sentence != sentence || is_barrier(&tokens[k]) {
                break;
            }
            if words::GAP_BLOCKERS.contains(&tokens[k].key.as_str()) {
                break;
            }
            if let Some((tr, end)) = trigger_at(&lex.before, tokens, k) {
                if end < first {
                    before = Some((tr, k, end, first - end));
                    break;
                }
            }
        }
        let chosen = match (after, before) {
            (Some(a), Some(b)) => Some(if b.3 < a.3 { b } else { a }),
            (a, b) => a.or(b),
        };
        let Some((tr, s, e, _)) = chosen else { continue };
        let span = Span::new(n.span.start.min(tokens[s].span.start), n.span.end.max(tokens[e].span.end));
        out.push(FigureMention {
            span,
            number: n.clone(),
            category: tr.category,
            unit: tr.unit,
            source: source_of(tokens, a),
        });
    }
    out
}

/// `according to the UN`, `بحسب الدفاع المدني`: who the sentence cites.
fn source_of(tokens: &[Token], at: usize) -> Option<Span> {
    let sentence = tokens[at].sentence;
    let lo = tokens[..at].iter().rposition(|t| t.sentence != sentence).map(|p| p + 1).unwrap_or(0);
    let hi = tokens[at..].iter().position(|t| t.sentence != sentence).map(|p| p + at).unwrap_or(tokens.len());
    for k in lo..hi {
        for &m in words::SOURCE_MARKERS {
            if tokens[k..hi].len() > m.len() && tokens[k..k + m.len()].iter().zip(m).all(|(t, w)| t.key == *w) {
                let start = k + m.len();
                let mut end = start;
                // Stop at punctuation, but not inside U.N. or al-Assad.
                let inner = |j: usize| {
                    let t = &tokens[j];
                    t.kind != Kind::Punct
                        || t.key == "-"
                        || t.key == "'"
                        || (t.key == "."
                            && tokens[j - 1].key.chars().count() == 1
                            && tokens.get(j + 1).is_some_and(|n| n.span.start == t.span.end && n.kind == Kind::Word))
                };
                while end + 1 < hi && end - start < 7 && inner(end + 1) {
                    end += 1;
                }
                return Some(Span::new(tokens[start].span.start, tokens[end].span.end));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    fn figures(text: &str) -> Vec<(String, f64, &'static str, &'static str)> {
        let tokens = tokenize(text);
        let numbers = crate::numbers::find(&tokens);
        let dates = crate::dates::find(&tokens, None);
        find(&tokens, &numbers, &dates)
            .into_iter()
            .map(|f| {
                (text[f.span.start..f.span.end].to_string(), f.number.value, f.category, f.number.qualifier.as_str())
            })
            .collect()
    }

    /// A figure as the tests state it: value, category, qualifier.
    type Expected = (f64, &'static str, &'static str);

    /// Short cases written for these tests: text, then the figures it holds.
    /// The cases that show a list's words at work are examples in
    /// `data/figures.txt` (run by `tests/data_examples.rs`); these show
    /// rules that no list holds: times, and counts of things no trigger
    /// names.
    const GOLDEN: &[(&str, &[Expected])] =
        &[("at 10:01 the interview resumed", &[]), ("We conducted 12 interviews and bought 30 eggs.", &[])];

    #[test]
    fn golden_figures() {
        for (text, want) in GOLDEN {
            let got: Vec<(f64, &str, &str)> = figures(text).into_iter().map(|f| (f.1, f.2, f.3)).collect();
            assert_eq!(&got, want, "{text}: {:?}", figures(text));
        }
    }

    #[test]
    fn source_is_the_cited_body() {
        let text = "More than 50,000 have been displaced, according to the United Nations.";
        let tokens = tokenize(text);
        let f = find(&tokens, &crate::numbers::find(&tokens), &[]);
        let s = f[0].source.unwrap();
        assert_eq!(&text[s.start..s.end], "the United Nations");
    }
}
