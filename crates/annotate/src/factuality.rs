//! Factuality: does the text report that a thing happened?
//!
//! Events and figures share one reading of the words around them
//! (`data/factuality.txt`): a negation, a modal, a fear, a plan, a
//! condition, an imagined scene, a question, an appeal, a denial, a caption
//! or a marker of the distant past governs some words, and a trigger or an
//! amount among them reports nothing. What a marker governs is its scope:
//! the words just after it in its clause (`could lay siege`), its whole
//! complement up to a clause break (`raising fears that … could be
//! besieged`, but not the advance before it), its sentence (a question
//! mark), its line (a caption) or its paragraph (`imagine …`). Hedges
//! (`reportedly`, `probably`, `يعتقد`) are not markers: a claimed event is
//! still reported. An assertion (`بالفعل`, `already`) takes its clause back
//! (`warned of the flight of 150,000, 30,000 of whom have already fled`).

use crate::lexicon::factuality as words;
use crate::tokens::{trigger_bases, Kind, Token};

/// Why the words a marker governs are not a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Negation,
    Modality,
    Fear,
    Plan,
    Conditional,
    Imagination,
    Question,
    Appeal,
    History,
    Denial,
    Caption,
    /// A standing state, not a happening: `under the control of`,
    /// `الخاضعة لسيطرة`.
    State,
    /// Not a marker: cancels one it overlaps, or asserts its clause.
    Keep,
}

impl Class {
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Negation => "negation",
            Class::Modality => "modality",
            Class::Fear => "fear",
            Class::Plan => "plan",
            Class::Conditional => "conditional",
            Class::Imagination => "imagination",
            Class::Question => "question",
            Class::Appeal => "appeal",
            Class::History => "history",
            Class::Denial => "denial",
            Class::Caption => "caption",
            Class::State => "state",
            Class::Keep => "keep",
        }
    }
}

/// Which words a marker governs (see `data/factuality.txt`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Near,
    Before,
    Clause,
    Complement,
    After,
    Around,
    Sentence,
    Paragraph,
    Line,
    Keep,
}

/// How far the near scopes reach, in tokens: a marker further off belongs
/// to another phrase.
const NEAR: usize = 8;
/// How far a negation reaches: the verb it stands at and what it takes.
const NEGATED: usize = 5;
/// How far a complement reaches: a long clause, bounded so that a page
/// without full stops costs no more than one with them.
const COMPLEMENT: usize = 30;
/// How far back before a negated or modal verb its subject may stand.
const BACK: usize = 2;
/// The longest line that can be a caption, in tokens.
const CAPTION_TOKENS: usize = 40;

/// A marker found in the text: tokens `[start, end]`.
#[derive(Clone, Copy, Debug)]
struct Found {
    class: Class,
    scope: Scope,
    start: usize,
    end: usize,
}

/// What governs each token of a text.
pub struct Factuality {
    governed: Vec<Option<Class>>,
}

impl Factuality {
    /// The class of the marker that governs token `i`, if any.
    pub fn at(&self, i: usize) -> Option<Class> {
        self.governed.get(i).copied().flatten()
    }
}

/// Does the phrase stand at token `i`? An Arabic first word may carry a
/// fused clitic (`وتخشى`, `بحال`).
fn phrase_at(tokens: &[Token], i: usize, phrase: &[&str]) -> bool {
    let Some(t) = tokens.get(i) else { return false };
    // Particles are short (`ولن`, `فلا`): a fused و or ف comes off whatever
    // is left.
    let short = || ['و', 'ف'].iter().any(|c| t.key.strip_prefix(*c) == Some(phrase[0]));
    let first_ok = t.key == phrase[0] || (!t.key.is_ascii() && (trigger_bases(&t.key).contains(&phrase[0]) || short()));
    first_ok
        && phrase[1..].iter().enumerate().all(|(k, w)| tokens.get(i + 1 + k).is_some_and(|n| n.key == *w))
        && tokens[i..(i + phrase.len()).min(tokens.len())].iter().all(|n| n.sentence == t.sentence)
}

/// An Arabic imperfect verb (`تشن`, `يكون`, `نخشى`): what `قد` makes modal.
fn imperfect(t: Option<&Token>) -> bool {
    t.is_some_and(|t| t.kind == Kind::Word && t.key.chars().count() >= 3 && t.key.starts_with(['ي', 'ت', 'ن', 'ا']))
}

type Marker = (Class, Scope, &'static [&'static str]);
type ByFirst = crate::lexicon::HashMap<&'static str, Vec<&'static Marker>>;

/// The markers by the key of their first word.
fn by_first() -> &'static ByFirst {
    static MAP: std::sync::OnceLock<ByFirst> = std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = ByFirst::default();
        for m in words::MARKERS {
            if let Some(first) = m.2.first() {
                map.entry(first).or_default().push(m);
            }
        }
        map
    })
}

/// The markers that may start at a word: looked up by its key and, for
/// Arabic, by its key with a fused clitic off.
fn candidates(key: &str) -> impl Iterator<Item = &'static Marker> {
    let map = by_first();
    let mut keys: Vec<&str> = vec![key];
    if !key.is_ascii() {
        keys.extend(trigger_bases(key).into_iter().skip(1));
        keys.extend(['و', 'ف'].iter().filter_map(|c| key.strip_prefix(*c)));
    }
    keys.sort_unstable();
    keys.dedup();
    let found: Vec<&'static Marker> = keys.into_iter().filter_map(|k| map.get(k)).flatten().copied().collect();
    found.into_iter()
}

fn markers(tokens: &[Token]) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        // `didn't`, `wasn’t`: the negation is inside the word.
        if t.kind == Kind::Word && (t.key.ends_with("n't") || t.key.ends_with("n’t")) {
            out.push(Found { class: Class::Negation, scope: Scope::Near, start: i, end: i });
            i += 1;
            continue;
        }
        let best = if t.kind == Kind::Word || t.key == "?" || t.key == "؟" {
            candidates(&t.key).filter(|m| phrase_at(tokens, i, m.2)).max_by_key(|m| m.2.len())
        } else {
            None
        };
        if let Some(&(class, scope, phrase)) = best {
            let end = i + phrase.len() - 1;
            // `قد قتل` asserts; `قد تشن` may happen.
            let modal = phrase != ["قد"] || imperfect(tokens.get(end + 1));
            if modal {
                out.push(Found { class, scope, start: i, end });
            }
            i = end + 1;
            continue;
        }
        i += 1;
    }
    out
}

/// Ends a clause: punctuation inside a sentence that closes a phrase.
fn clause_punct(t: &Token) -> bool {
    t.kind == Kind::Punct && matches!(t.key.as_str(), "," | "،" | ";" | "؛" | ":" | "—" | "(" | ")" | "\n")
}

/// Ends a complement: a clause break word, or punctuation that ends more
/// than a phrase.
fn complement_end(tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    (t.kind == Kind::Punct && matches!(t.key.as_str(), ";" | "؛" | ":" | "—" | "\n"))
        || words::CLAUSE_BREAKS.iter().any(|p| phrase_at(tokens, i, p))
}

/// Reads every marker and what it governs.
pub fn analyse(tokens: &[Token]) -> Factuality {
    let found = markers(tokens);
    let n = tokens.len();
    let mut governed: Vec<Option<Class>> = vec![None; n];
    let keeps: Vec<&Found> = found.iter().filter(|f| f.class == Class::Keep).collect();
    let cancelled = |f: &Found| keeps.iter().any(|k| k.start <= f.end && f.start <= k.end);
    let set = |g: &mut Vec<Option<Class>>, k: usize, c: Class| {
        if g[k].is_none() {
            g[k] = Some(c);
        }
    };
    for f in found.iter().filter(|f| f.class != Class::Keep && !cancelled(f)) {
        let s = tokens[f.start].sentence;
        match f.scope {
            Scope::Near | Scope::Before | Scope::Clause => {
                let reach = match f.scope {
                    Scope::Near => NEGATED,
                    Scope::Before => NEAR,
                    _ => COMPLEMENT,
                };
                // The subject just before a negated or modal verb (`the jets
                // didn't strike`, `fighting could resume`), up to a join.
                let mut k = f.start;
                while k > 0 && f.start - k < BACK {
                    k -= 1;
                    let t = &tokens[k];
                    if t.sentence != s || clause_punct(t) || t.kind == Kind::Numeral || t.is("and") || t.is("و") {
                        break;
                    }
                    set(&mut governed, k, f.class);
                }
                let mut k = f.end + 1;
                while k < n && k <= f.end + reach && tokens[k].sentence == s && !clause_punct(&tokens[k]) {
                    if words::CLAUSE_BREAKS.iter().any(|p| phrase_at(tokens, k, p)) {
                        break;
                    }
                    set(&mut governed, k, f.class);
                    k += 1;
                }
            }
            Scope::Complement => {
                let mut k = f.end + 1;
                while k < n && k <= f.end + COMPLEMENT && tokens[k].sentence == s && !complement_end(tokens, k) {
                    set(&mut governed, k, f.class);
                    k += 1;
                }
            }
            Scope::Around => {
                let mut k = f.start;
                while k > 0 && tokens[k - 1].sentence == s && !clause_punct(&tokens[k - 1]) && f.start - k < COMPLEMENT
                {
                    k -= 1;
                    set(&mut governed, k, f.class);
                }
                let mut k = f.end + 1;
                while k < n && k <= f.end + COMPLEMENT && tokens[k].sentence == s && !clause_punct(&tokens[k]) {
                    set(&mut governed, k, f.class);
                    k += 1;
                }
            }
            Scope::After => {
                let mut k = f.start;
                while k > 0 && f.start - k < NEAR {
                    k -= 1;
                    if tokens[k].sentence != s || clause_punct(&tokens[k]) {
                        break;
                    }
                    set(&mut governed, k, f.class);
                }
            }
            Scope::Sentence => {
                let lo = tokens[..f.start].iter().rposition(|t| t.sentence != s).map_or(0, |p| p + 1);
                let hi = tokens[f.start..].iter().position(|t| t.sentence != s).map_or(n, |p| f.start + p);
                for k in lo..hi {
                    set(&mut governed, k, f.class);
                }
            }
            Scope::Paragraph => {
                let mut k = f.end + 1;
                while k < n && !tokens[k].is("\n") {
                    set(&mut governed, k, f.class);
                    k += 1;
                }
            }
            Scope::Line => {
                let lo = tokens[..f.start].iter().rposition(|t| t.is("\n")).map_or(0, |p| p + 1);
                let hi = tokens[f.start..].iter().position(|t| t.is("\n")).map_or(n, |p| f.start + p);
                let words_on_line = tokens[lo..hi].iter().filter(|t| t.kind != Kind::Punct).count();
                let at_edge = tokens[lo..f.start].iter().filter(|t| t.kind != Kind::Punct).count() < 3
                    || tokens[f.end + 1..hi].iter().filter(|t| t.kind != Kind::Punct).count() < 6;
                if words_on_line <= CAPTION_TOKENS && at_edge {
                    for k in lo..hi {
                        set(&mut governed, k, f.class);
                    }
                }
            }
            Scope::Keep => {}
        }
    }
    // An assertion takes its clause back from the marker before it.
    for k in keeps.iter().filter(|k| k.scope == Scope::Keep) {
        let s = tokens[k.start].sentence;
        let mut j = k.start;
        while j > 0 && tokens[j - 1].sentence == s && !clause_punct(&tokens[j - 1]) {
            j -= 1;
        }
        let mut e = k.end;
        while e + 1 < n && tokens[e + 1].sentence == s && !clause_punct(&tokens[e + 1]) {
            e += 1;
        }
        // Only a word that asserts (not `no fewer`, which only cancels).
        let asserts = matches!(tokens[k.start].key.as_str(), "already" | "actually" | "indeed" | "بالفعل" | "فعلا");
        if asserts {
            for g in &mut governed[j..=e] {
                if !matches!(g, Some(Class::Caption | Class::Question)) {
                    *g = None;
                }
            }
        }
    }
    Factuality { governed }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    /// The class governing the first token whose key is `word`.
    fn class_of(text: &str, word: &str) -> Option<Class> {
        let tokens = tokenize(text);
        let f = analyse(&tokens);
        let i = tokens.iter().position(|t| t.key == word).expect("the word is in the text");
        f.at(i)
    }

    #[test]
    fn a_marker_governs_its_complement_not_what_came_before() {
        let text = "Rebels advanced on Sunday, raising fears that western Aleppo could be besieged.";
        assert_eq!(class_of(text, "advanced"), None);
        assert_eq!(class_of(text, "besieged"), Some(Class::Fear));
    }

    #[test]
    fn qad_before_a_past_verb_asserts() {
        assert_eq!(class_of("قد قتل خمسة أشخاص في القصف", "القصف"), None);
        assert_eq!(class_of("قد تشن القوات هجوما", "هجوما"), Some(Class::Modality));
    }

    #[test]
    fn a_qualifier_is_not_a_negation_and_an_assertion_takes_its_clause_back() {
        assert_eq!(class_of("No fewer than 20 people were killed", "killed"), None);
        let text = "حذرت الأمم المتحدة من نزوح 150 ألف شخص، بينهم 30 ألفا نزحوا بالفعل.";
        assert_eq!(class_of(text, "نزوح"), Some(Class::Fear));
        assert_eq!(class_of(text, "نزحوا"), None);
    }

    #[test]
    fn a_question_governs_its_sentence_only() {
        let text = "Shelling hit the market. Will the siege end?";
        assert_eq!(class_of(text, "shelling"), None);
        assert!(class_of(text, "siege").is_some());
    }

    #[test]
    fn a_caption_is_a_short_line_with_a_marker_at_its_edge() {
        let text = "Shelling hit the market on Monday.\nResidents flee their homes. Photo: archive, 2015.";
        assert_eq!(class_of(text, "shelling"), None);
        assert_eq!(class_of(text, "flee"), Some(Class::Caption));
    }
}
