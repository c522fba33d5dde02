//! Places: names in the text, matched to the gazetteer and chosen by
//! context.
//!
//! 1. Candidates. In Latin script, runs of capitalized words with the
//!    particles that join them (`Salah a-Din`, `Bustan al-Qasr`); in Arabic,
//!    runs of words whose first word begins some gazetteer name. Each run is
//!    tried longest first, so `Deir ez-Zor` wins over `Deir`. A cue word
//!    beside a name (`the Fardous district`, `the neighbourhoods of X, Y and
//!    Z`, `حي الرديف`, `X camp`) says what kind of place it is.
//! 2. Focus. Countries, first-level regions and big cities are rarely
//!    ambiguous; the ones a document names say what it is about (Syria,
//!    Aleppo).
//! 3. Choice. Each candidate's entries are scored: a prior by kind and
//!    population, minus how loosely the name matched, plus context — the
//!    focus country, and above all a parent that is a city or region the
//!    document names, so that a neighbourhood of the city in the report beats
//!    a village of the same name elsewhere. Small places (villages, towns,
//!    neighbourhoods) are taken only with context or a cue: thousands of
//!    them are named like ordinary words or people.
//! 4. A cue-marked name found in no gazetteer is still a place, with the
//!    kind its cue gives, `within` from the focus, and no coordinates
//!    rather than wrong ones.

use crate::lexicon::places::{
    ARABIC_CUE_STOPS, ARABIC_DIRECTIONS, ARABIC_NAME_HEADS, ASIDE_WORDS, BORDER_WORDS, COMPASS_REGIONS, COMPASS_WORDS,
    DIRECTIONS, GROUP_WORDS, LIST_MARKS, LOCATIVES, NAME_FILLERS, PLACE_PARTICLES as PARTICLES,
};
use crate::lexicon::{self, HashMap, HashSet};
use crate::tokens::{capitalized, clitic_bases, is_arabic_word, Kind as TokenKind, Token};
use sitrep_gazetteer::{Entry, Kind, Level, Stack};
use sitrep_text::{Span, SpanSet};
use std::sync::OnceLock;

/// A place mention with what it refers to.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceMention {
    /// The words in the text (bytes).
    pub span: Span,
    /// Shared by every mention of the same place in a document.
    pub place: std::rc::Rc<Resolved>,
    /// A cue word marks it (`the neighbourhood of X`): a place even if a
    /// person bears the name.
    pub cued: bool,
    /// Not where the report's events happen: the dateline (`ERBIL,
    /// Kurdistan Region –`, where it was filed), a place named as a purpose
    /// (`in support of Gaza`, `إسنادا لغزة`) or a journey's end (`before
    /// leaving for Ukraine`). Figures and events do not take it.
    pub aside: bool,
}

/// What a mention refers to: a gazetteer entry or a place known only from
/// the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    pub id: String,
    pub name: String,
    pub kind: Kind,
    pub within: Vec<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub pcode: Option<String>,
    pub country: Option<String>,
    /// ACLED geo-precision: 1 the place itself, 2 a place near or within a
    /// known larger one, 3 a region or larger.
    pub acled_precision: u8,
    /// UCDP `where_prec`: 1 exact, 2 within 25 km, 3 second-order
    /// administrative unit, 4 first-order, 6 country.
    pub ucdp_precision: u8,
    /// `gazetteer` when matched to an entry, `text` when known only from a
    /// cue word.
    pub basis: &'static str,
    /// Why it was taken: how the name matched (`exact name`, `spelling`,
    /// `loose spelling`) and what spoke for it (`cue`, `locative`,
    /// `capitalised`, `prominent`, `focus`, `nearby`, `country`,
    /// `dateline`, `list`, `compass`, `imported`).
    pub evidence: Vec<&'static str>,
}

/// Words that are capitalized for other reasons and never place names on
/// their own.
fn not_places() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        // A calendar name's first word (`May`, `كانون`) too.
        lexicon::not_places::NOT_PLACES.iter().copied().chain(crate::calendar::first_words()).collect()
    })
}

/// Cue words: what kind of place the name beside them is.
struct Cue {
    kind: Kind,
    /// The cue stands before the name (`village of X`, `حي X`) or after it
    /// (`X district`).
    before: bool,
    /// The cue is plural and may introduce a list (`the neighbourhoods of X,
    /// Y and Z`).
    list: bool,
    /// The name follows the cue at once (`Boulevard X`, `nearby X`), with
    /// no `of`.
    direct: bool,
    /// The cue word is part of the name (`Pale Township`, `مستشفى X`).
    keep: bool,
}

fn cues() -> &'static HashMap<&'static str, Vec<Cue>> {
    static CUES: OnceLock<HashMap<&'static str, Vec<Cue>>> = OnceLock::new();
    CUES.get_or_init(|| {
        let mut map: HashMap<&'static str, Vec<Cue>> = HashMap::default();
        for &(word, kind, before, list, direct, keep) in lexicon::place_cues::CUES {
            // One word may cue both sides (`district of X`, `X district`).
            map.entry(word).or_default().push(Cue { kind, before, list, direct, keep });
        }
        map
    })
}

/// Whether `key` names a facility, a road or a feature after its name
/// (`X Hospital`, `X Street`, `X Complex`): a name it ends is a place's,
/// not a person's.
pub(crate) fn is_feature_head(key: &str) -> bool {
    cues().get(key).is_some_and(|l| {
        l.iter().any(|c| !c.before && c.keep && matches!(c.kind, Kind::Facility | Kind::Road | Kind::Other))
    })
}

/// Frequent words of English and Arabic that some place is also called
/// (`data/common_words.txt`).
fn common_words() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| lexicon::common_words::COMMON_WORDS.iter().copied().collect())
}

/// The direction a compass word gives (`northern`, `شمال`).
fn compass(key: &str) -> Option<&'static str> {
    COMPASS_WORDS.iter().find(|(w, _)| *w == key).map(|(_, d)| *d)
}

/// Given names that start a person's name, so `Omar a-Hamdan` is not
/// read as two places.
fn given_names() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| lexicon::given_names::GIVEN_NAMES.iter().copied().collect())
}

pub(crate) fn is_given_name(key: &str) -> bool {
    given_names().contains(key)
}

/// Does token `i` start a sentence (nothing but punctuation before it in
/// its sentence)?
fn sentence_initial(tokens: &[Token], i: usize) -> bool {
    tokens[..i]
        .iter()
        .rev()
        .take_while(|t| t.sentence == tokens[i].sentence && t.key != "\n")
        .all(|t| t.kind == TokenKind::Punct)
}

/// For each token, is its line written in title case (a headline: `Residents
/// Say Jets Pound Idlib Villages As Families Try To Escape`)?
/// Then capitals do not mark names. Computed once, line by line.
pub(crate) fn title_case_lines(text: &str, tokens: &[Token]) -> Vec<bool> {
    let mut out = vec![false; tokens.len()];
    let mut from = 0;
    for to in 0..=tokens.len() {
        if to < tokens.len() && tokens[to].key != "\n" {
            continue;
        }
        let words = tokens[from..to].iter().filter(|t| t.kind == TokenKind::Word && !is_arabic_word(t));
        let (n, caps) = words.fold((0, 0), |(n, c), t| (n + 1, c + usize::from(capitalized(text, t))));
        if n >= 5 && caps * 10 >= n * 8 {
            out[from..to].iter_mut().for_each(|x| *x = true);
        }
        from = to + 1;
    }
    out
}

/// Gazetteer lookups, remembered per thread: reports about one conflict
/// name the same places again and again, and computing a name's keys costs
/// more than finding them. The memory is bounded (cleared when full) and
/// never changes an answer, only how fast it comes.
struct Lookups<'g> {
    g: Stack<'g>,
}

const LOOKUP_MEMORY: usize = 100_000;

thread_local! {
    static NAMES: std::cell::RefCell<HashMap<String, Vec<(u32, Level)>>> = std::cell::RefCell::new(HashMap::default());
    static ARABIC_STARTS: std::cell::RefCell<HashMap<String, bool>> = std::cell::RefCell::new(HashMap::default());
    /// The label of the imported gazetteer the memory answers for.
    static MEMORY_OF: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

impl<'g> Lookups<'g> {
    /// The memory holds one gazetteer's answers: another (an imported
    /// one, or none) starts it afresh.
    fn new(g: Stack<'g>) -> Lookups<'g> {
        let label = g.extra().map(|x| x.label().to_string()).unwrap_or_default();
        MEMORY_OF.with(|m| {
            let mut m = m.borrow_mut();
            if *m != label {
                NAMES.with(|n| n.borrow_mut().clear());
                ARABIC_STARTS.with(|n| n.borrow_mut().clear());
                *m = label;
            }
        });
        Lookups { g }
    }

    fn get(&mut self, name: &str) -> Vec<(u32, Level)> {
        NAMES.with(|m| {
            let mut m = m.borrow_mut();
            if let Some(found) = m.get(name) {
                return found.clone();
            }
            if m.len() >= LOOKUP_MEMORY {
                m.clear();
            }
            let found = self.g.lookup(name);
            m.insert(name.to_string(), found.clone());
            found
        })
    }

    /// Can an Arabic name start with this token (with any clitic off)?
    fn may_start_arabic(&mut self, key: &str) -> bool {
        ARABIC_STARTS.with(|m| {
            let mut m = m.borrow_mut();
            if let Some(&b) = m.get(key) {
                return b;
            }
            if m.len() >= LOOKUP_MEMORY {
                m.clear();
            }
            let b = clitic_bases(key, 3).iter().any(|b| self.g.may_start_arabic(b));
            m.insert(key.to_string(), b);
            b
        })
    }
}

/// A candidate name in the text and the entries it may be.
#[derive(Debug, Clone)]
struct Candidate {
    span: Span,
    /// The words of the span as written.
    name: String,
    /// Token range `[first, last)`.
    first: usize,
    last: usize,
    matches: Vec<(u32, Level)>,
    cue: Option<Kind>,
    /// A single capitalized word at the start of a sentence.
    initial: bool,
    /// The name is a single word also written in lowercase elsewhere in
    /// the document (`Share`, `Regime`).
    common: bool,
    /// A locative word stands before it (`in`, `near`, `في`).
    locative: bool,
    /// One Arabic word: no capital letter says it is a name.
    uncased: bool,
    /// Part of a longer run of capitalized words (`Victoria` of `Victoria
    /// Nuland`, `Independence` of `Independence Square`): likely a piece of
    /// another name.
    fragment: bool,
    /// One word that is also a frequent word of its language (`Nice`,
    /// `حياة`, `خالد`): a capital letter or a preposition is not evidence
    /// enough.
    frequent: bool,
    /// It opens a dateline (`ERBIL, Kurdistan Region –`): where the
    /// reporter files from, a place whatever the story is about.
    dateline: bool,
    /// An item of a list of places with their tolls (`• النبطية: 6
    /// شهداء`): a place of the country the document is about.
    listed: bool,
    /// A compass phrase that names a region (`northern Gaza`).
    compass: bool,
    /// A country's adjective before `border` (`the Turkish border`).
    border: bool,
    /// On a title-case headline, where capitals say nothing.
    headline: bool,
    /// One Arabic word's forms without a clitic (`إدلب` of `وإدلب`).
    bases: Vec<String>,
    /// A prepositional clitic is fused to it (`بالموصل`, `لغزة`): as good as
    /// a locative word before it.
    prep: bool,
    /// One Arabic word before a noun with a pronoun (`قبو منزله`, "the
    /// basement of his house"): the head of a phrase, not a name.
    construct: bool,
    /// A group is named after it (`the Bel-Air gang`, `لواء تلعفر`).
    group: bool,
    /// Its cue word is part of its name (`Bab al-Hawa crossing`).
    keep: bool,
    /// Named as a purpose or a journey's end (see [`PlaceMention::aside`]).
    aside: bool,
    /// Its cue follows it (`the Tyre district`).
    cue_after: bool,
}

impl Candidate {
    fn new(span: Span, first: usize, last: usize, matches: Vec<(u32, Level)>) -> Candidate {
        Candidate {
            span,
            name: String::new(),
            first,
            last,
            matches,
            cue: None,
            initial: false,
            common: false,
            locative: false,
            uncased: false,
            fragment: false,
            frequent: false,
            dateline: false,
            listed: false,
            compass: false,
            border: false,
            headline: false,
            bases: Vec::new(),
            prep: false,
            construct: false,
            group: false,
            keep: false,
            aside: false,
            cue_after: false,
        }
    }

    /// Words that say it is a place whatever the entry: a cue, a
    /// dateline, a list of tolls by place, a compass phrase.
    fn marked(&self) -> bool {
        self.cue.is_some() || self.dateline || self.listed || self.compass || self.border
    }
}

/// Finds the places of a text.
pub fn find(text: &str, tokens: &[Token]) -> Vec<PlaceMention> {
    find_with_headlines(Stack::builtin(), text, tokens, &title_case_lines(text, tokens))
}

/// Candidates in `add` take the place of those they overlap.
fn replace_overlapping(candidates: &mut Vec<Candidate>, add: Vec<Candidate>) {
    if add.is_empty() {
        return;
    }
    let spans = SpanSet::new(add.iter().map(|c| c.span));
    candidates.retain(|c| !spans.overlaps(c.span));
    candidates.extend(add);
    candidates.sort_by_key(|c| c.span.start);
}

/// [`find`] over a gazetteer (the built-in one, with the analyst's own
/// beside it), given which tokens stand on title-case headline lines
/// ([`title_case_lines`]), which the caller also needs.
pub(crate) fn find_with_headlines(g: Stack<'_>, text: &str, tokens: &[Token], headline: &[bool]) -> Vec<PlaceMention> {
    let mut lookups = Lookups::new(g);
    let mut candidates = latin_candidates(&mut lookups, text, tokens, headline);
    candidates.extend(arabic_candidates(&mut lookups, text, tokens));
    let borders = border_candidates(g, tokens);
    let border_spans = SpanSet::new(borders.iter().map(|b| b.span));
    candidates.retain(|c| !border_spans.overlaps(c.span));
    candidates.extend(borders);
    candidates.sort_by_key(|c| c.span.start);
    // A cue names the whole name: `the neighbourhoods of Bukhara Heights`
    // is one place, not the city of Bukhara. A candidate covering the
    // cue's name takes the cue; candidates inside it give way to it.
    let mut extra: Vec<Candidate> = Vec::new();
    for cue in cue_spans(text, tokens) {
        let span = Span::new(cue.start, tokens[cue.last - 1].span.end);
        if extra.iter().any(|c| c.span.overlaps(span)) {
            continue;
        }
        // `take the Afrin road`: the road to Afrin, which is the place.
        if let (true, Some((a, b))) = (cue.lower && cue.kind == Kind::Road, cue.core) {
            let core = &text[tokens[a].span.start..tokens[b - 1].span.end];
            let settled = lookups.get(core).iter().any(|(i, _)| {
                matches!(g.entry(*i).kind, Kind::City | Kind::Town | Kind::Village | Kind::Region | Kind::Country)
            });
            if settled {
                continue;
            }
        }
        if !cue.keep {
            let k = candidates.partition_point(|c| c.span.start < span.end);
            if let Some(c) = k.checked_sub(1).map(|k| &mut candidates[k]).filter(|c| c.span.overlaps(span)) {
                if c.span.start <= span.start && span.end <= c.span.end {
                    c.cue = Some(cue.kind);
                    c.cue_after = cue.after;
                    continue;
                }
            }
        }
        candidates.retain(|c| !c.span.overlaps(span));
        // `Sagaing Region` may be a name of its own; else `Pale Township`
        // is a township called Pale, not the Pale of another country.
        let mut matches = lookups.get(&text[span.start..span.end]);
        if matches.is_empty() && cue.keep {
            if let Some((a, b)) = cue.core {
                let core = Span::new(tokens[a].span.start, tokens[b - 1].span.end);
                matches = lookups.get(&text[core.start..core.end]);
                // `Bab al-Hawa crossing` is at the village; a township or a
                // road is one of its kind.
                matches.retain(|(i, _)| {
                    let k = g.entry(*i).kind;
                    k == cue.kind || cue.kind == Kind::Other && !matches!(k, Kind::Country | Kind::Region)
                });
            }
        }
        let mut c = Candidate::new(span, cue.first, cue.last, matches);
        c.cue = Some(cue.kind);
        c.cue_after = cue.after;
        c.keep = cue.keep;
        // `Bab al-Hawa crossing` is named by `Bab al-Hawa`.
        if let Some((a, b)) = cue.core {
            c.bases.push(text[tokens[a].span.start..tokens[b - 1].span.end].to_string());
        }
        extra.push(c);
    }
    candidates.extend(extra);
    candidates.sort_by_key(|c| c.span.start);
    replace_overlapping(&mut candidates, list_candidates(&mut lookups, text, tokens));
    let lowercase: HashSet<&str> = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word && !is_arabic_word(t) && !capitalized(text, t))
        .map(|t| t.key.as_str())
        .collect();
    let datelines = datelines(text, tokens);
    let mut previous: Option<(usize, bool)> = None;
    for c in &mut candidates {
        if c.cue.is_none() && c.last - c.first == 1 && lowercase.contains(tokens[c.first].key.as_str()) {
            c.common = true;
        }
        // `across the Blue Line`: past an article.
        let before = match c.first.checked_sub(1) {
            Some(k) if tokens[k].key == "the" => k.checked_sub(1),
            k => k,
        };
        c.locative = c.prep || before.is_some_and(|k| LOCATIVES.contains(&tokens[k].key.as_str()));
        // `between Saraqib and Maarat al-Numan`, `إلى معرة النعمان وسراقب`:
        // a list after a locative is in its scope.
        if let Some((end, true)) = previous {
            let joined = (end + 1 == c.first && matches!(tokens[end].key.as_str(), "and" | "or" | "," | "،" | "و"))
                || (end == c.first && is_arabic_word(&tokens[c.first]) && tokens[c.first].key.starts_with('و'));
            c.locative |= joined;
        }
        previous = Some((c.last, c.locative));
        c.group = named_group(text, tokens, c);
        c.aside = aside(tokens, c);
        c.headline = headline.get(c.first).copied().unwrap_or(false);
        c.dateline = datelines.iter().any(|d| d.start <= c.span.start && c.span.end <= d.end);
        c.frequent = frequent(tokens, c);
    }
    for c in &mut candidates {
        c.name = text[c.span.start..c.span.end].to_string();
    }
    let focus = Focus::of(g, &candidates, tokens);
    let compass = compass_candidates(&mut lookups, text, tokens, &candidates, &focus);
    replace_overlapping(&mut candidates, compass);
    // Places named together lie together (`two villages, Kefraya and
    // Foua`): a first choice for each candidate, then the regions of the
    // small places each sentence names support its other candidates.
    let none = HashSet::default();
    let mut near: HashMap<usize, HashSet<String>> = HashMap::default();
    let mut first_memo: HashMap<(Option<Kind>, &str), Option<std::rc::Rc<Resolved>>> = HashMap::default();
    let first: Vec<Option<std::rc::Rc<Resolved>>> = candidates
        .iter()
        .map(|c| {
            first_memo
                .entry((c.cue, &text[c.span.start..c.span.end]))
                .or_insert_with(|| choose(g, &focus, c, &none).map(std::rc::Rc::new))
                .clone()
        })
        .collect();
    for (c, r) in candidates.iter().zip(&first) {
        if let Some(r) = r.as_ref().filter(|r| matches!(r.kind, Kind::Village | Kind::Town | Kind::Neighbourhood)) {
            let regions = r.within.iter().take(r.within.len().saturating_sub(1)).cloned();
            near.entry(tokens[c.first].sentence).or_default().extend(regions);
        }
    }
    let mut out = Vec::new();
    // One sense per document: a name chosen once means the same place again.
    let mut chosen: HashMap<(Option<Kind>, &str), Option<std::rc::Rc<Resolved>>> = HashMap::default();
    for (c, first) in candidates.iter().zip(first) {
        let memo_key = (c.cue, &text[c.span.start..c.span.end]);
        let resolved = match chosen.get(&memo_key) {
            Some(r) => r.clone(),
            None => {
                // The sentence's regions, less this candidate's own choice.
                let mut neighbours = near.get(&tokens[c.first].sentence).cloned().unwrap_or_default();
                if let Some(own) = &first {
                    if neighbours.len() <= own.within.len() {
                        for w in &own.within {
                            neighbours.remove(w);
                        }
                    }
                }
                let r = choose(g, &focus, c, &neighbours)
                    .or_else(|| local(text, tokens, c, g, &focus))
                    .map(std::rc::Rc::new);
                chosen.insert(memo_key, r.clone());
                r
            }
        };
        if let Some(place) = resolved {
            out.push(PlaceMention { span: c.span, place, cued: c.marked(), aside: c.dateline || c.aside });
        }
    }
    place_features(tokens, &mut out);
    out
}

/// A hospital, a road or a site known only from the text lies in the
/// place the words right after it name (`Kamal Adwan Hospital in Beit
/// Lahia`, `مستشفى العودة في مخيم النصيرات`).
fn place_features(tokens: &[Token], out: &mut [PlaceMention]) {
    for k in 0..out.len() {
        let p = &out[k].place;
        if p.basis != "text" || !matches!(p.kind, Kind::Facility | Kind::Road | Kind::Other) {
            continue;
        }
        let Some(next) = out.get(k + 1) else { continue };
        let (a, b) =
            (crate::tokens::first_at(tokens, out[k].span.end), crate::tokens::first_at(tokens, next.span.start));
        let between = &tokens[a.min(b)..b];
        let joined = between.len() <= 3
            && between.iter().any(|t| matches!(t.key.as_str(), "in" | "at" | "near" | "في" | "قرب" | "of"))
            || between.is_empty() && tokens.get(b).is_some_and(|t| t.key.starts_with('ب'));
        if !joined || between.iter().any(|t| t.key == "." || t.key == "\n") {
            continue;
        }
        let mut within = vec![next.place.name.clone()];
        within.extend(next.place.within.iter().cloned());
        let mut r = (*out[k].place).clone();
        r.within = within;
        r.country = next.place.country.clone().or(r.country);
        out[k].place = std::rc::Rc::new(r);
    }
}

/// Runs of capitalized words (with joining particles and hyphens) and the
/// longest names in them that the gazetteer knows or a cue marks.
fn latin_candidates(lookups: &mut Lookups<'_>, text: &str, tokens: &[Token], headline: &[bool]) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some(end) = latin_run(text, tokens, i) else {
            i += 1;
            continue;
        };
        // A headline in title case: capitals say nothing, so each word
        // stands alone.
        let end = if headline[i] { i + 1 } else { end };
        // Longest known names first, left to right.
        let mut s = i;
        while s < end {
            // A person's name: a given name and more (`Bashar al-Assad`).
            if is_given_name(&tokens[s].key) && s + 1 < end {
                break;
            }
            let mut found = false;
            if tokens[s].kind == TokenKind::Word && tokens[s].key != "-" && tokens[s].key != "the" {
                for e in (s + 1..=end.min(s + 12)).rev() {
                    if tokens[e - 1].key == "-" || (PARTICLES.contains(&tokens[e - 1].key.as_str()) && e - 1 > s) {
                        continue;
                    }
                    let mut span = Span::new(tokens[s].span.start, tokens[e - 1].span.end);
                    // `Aleppo’s`: the possessive is not part of the name.
                    let raw = &text[span.start..span.end];
                    if let Some(stem) = raw.strip_suffix("’s").or_else(|| raw.strip_suffix("'s")) {
                        span.end = span.start + stem.len();
                    }
                    let name = &text[span.start..span.end];
                    let single = e - s == 1;
                    // `Syrian`, `The Syrian`, `Ahmed`: a lone word that is not a
                    // place name by itself.
                    let lone = if single {
                        Some(tokens[s].key.as_str())
                    } else if e - s == 2 && tokens[s].key == "the" {
                        Some(tokens[s + 1].key.as_str())
                    } else {
                        None
                    };
                    if lone.is_some_and(|w| not_places().contains(w) || is_given_name(w)) {
                        continue;
                    }
                    let mut matches = lookups.get(name);
                    // `Eastern Ansari` is `al-Ansari al-Sharqi`.
                    if matches.is_empty() && e - s >= 2 {
                        if let Some(suffix) = direction(&tokens[s].key) {
                            let rest = &text[tokens[s + 1].span.start..span.end];
                            matches = lookups.get(&format!("{rest} {suffix}"));
                        }
                    }
                    // `In Tripoli` is not New Tripoli: a name of several words
                    // must match better than by its consonants.
                    let opener =
                        LOCATIVES.contains(&tokens[s].key.as_str()) || not_places().contains(tokens[s].key.as_str());
                    if e - s > 1 && opener && matches.iter().all(|(_, l)| *l == Level::Skeleton) {
                        matches.clear();
                    }
                    if !matches.is_empty() {
                        // Other capitalized words of the run, besides
                        // particles and direction words, around this name.
                        let counts = |t: &Token| {
                            t.kind == TokenKind::Word
                                && !PARTICLES.contains(&t.key.as_str())
                                && direction(&t.key).is_none()
                                && t.key != "the"
                        };
                        let fragment = tokens[i..s].iter().any(counts) || tokens[e..end].iter().any(counts);
                        let mut c = Candidate::new(span, s, e, matches);
                        c.initial = single && sentence_initial(tokens, s);
                        c.fragment = fragment;
                        out.push(c);
                        s = e;
                        found = true;
                        break;
                    }
                }
            }
            if !found {
                s += 1;
            }
        }
        i = end.max(i + 1);
    }
    out
}

/// The Arabic adjective a direction word stands for in a name
/// (`[directions]` in `data/places.txt`: `Eastern Ansari` is `al-Ansari
/// al-Sharqi`).
fn direction(key: &str) -> Option<&'static str> {
    DIRECTIONS.iter().find(|(word, _)| *word == key).map(|(_, suffix)| *suffix)
}

/// Runs of Arabic words whose first word begins a gazetteer name.
fn arabic_candidates(lookups: &mut Lookups<'_>, text: &str, tokens: &[Token]) -> Vec<Candidate> {
    let g = lookups.g;
    let mut out = Vec::new();
    let max_words = g.max_words().clamp(1, 5);
    let mut i = 0;
    while i < tokens.len() {
        // A lone clitic (`و` written apart) never starts a name.
        if !is_arabic_word(&tokens[i])
            || tokens[i].key.chars().count() < 2
            || not_places().contains(tokens[i].key.as_str())
        {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < tokens.len() && end - i < max_words && is_arabic_word(&tokens[end]) {
            end += 1;
        }
        if !lookups.may_start_arabic(&tokens[i].key) {
            i += 1;
            continue;
        }
        // `على حي الشعار`: a cue word starts a name of its own.
        if let Some(k) = (i + 1..end).find(|&k| clitic_bases(&tokens[k].key, 2).iter().any(|b| cues().contains_key(b)))
        {
            end = k;
        }
        let mut found = None;
        'longest: for e in (i + 1..=end).rev() {
            let rest = if e - i > 1 { &text[tokens[i + 1].span.start..tokens[e - 1].span.end] } else { "" };
            for base in clitic_bases(&tokens[i].key, 3) {
                let name = if rest.is_empty() { base.to_string() } else { format!("{base} {rest}") };
                if e - i == 1 && (base.chars().count() < 3 || not_places().contains(base)) {
                    continue;
                }
                // `سورياً`, `روسياً`: an adverb (Syrian-ly), not the country.
                if e - i == 1 && text[tokens[i].span.start..tokens[i].span.end].ends_with(['\u{64B}', 'ً']) {
                    continue;
                }
                let mut matches = lookups.get(&name);
                // `المالي` is "the financial", not Mali: a one-word name
                // written with the article must be one that takes it
                // (`الرقة`, `العراق`).
                if e - i == 1 && base.starts_with("ال") {
                    matches.retain(|(id, _)| {
                        g.entry(*id).names().any(|n| {
                            let f = sitrep_text::fold::fold_key(n);
                            f.starts_with("ال") && f.split_whitespace().count() == 1
                        })
                    });
                }
                if !matches.is_empty() {
                    found = Some((e, matches, base));
                    break 'longest;
                }
            }
        }
        match found {
            Some((e, matches, base)) => {
                let mut c = Candidate::new(Span::new(tokens[i].span.start, tokens[e - 1].span.end), i, e, matches);
                c.uncased = e - i == 1;
                if c.uncased {
                    c.bases = clitic_bases(&tokens[i].key, 3).into_iter().map(str::to_string).collect();
                } else if base != tokens[i].key {
                    // `وبرج البراجنة` is named `برج البراجنة`.
                    c.bases.push(format!("{base} {}", &text[tokens[i + 1].span.start..tokens[e - 1].span.end]));
                }
                // `بالموصل`, `لغزة`, `وبحلب`: in, to.
                let clitics = tokens[i].key.strip_suffix(base).unwrap_or("");
                c.prep = clitics.contains(['ب', 'ل']);
                c.construct = c.uncased
                    && tokens.get(e).is_some_and(|n| {
                        let raw = &text[n.span.start..n.span.end];
                        is_arabic_word(n) && !n.key.starts_with("ال") && raw.ends_with(['ه', 'ا', 'م']) && {
                            let k = n.key.as_str();
                            k.ends_with("ه") && !raw.ends_with('ة') || k.ends_with("ها") || k.ends_with("هم")
                        }
                    });
                out.push(c);
                i = e;
            }
            None => i += 1,
        }
    }
    out
}

/// A capitalized Latin run starting at token `i`: capitalized words, and
/// particles joined to the next word (`Bustan al-Qasr`, `a-Sukkari`).
/// Returns the end of the run (exclusive), or `None` if no run starts there.
fn latin_run(text: &str, tokens: &[Token], i: usize) -> Option<usize> {
    let joined = |a: &Token, b: &Token| a.span.end == b.span.start;
    let t = tokens.get(i)?;
    let starts = t.kind == TokenKind::Word
        && !is_arabic_word(t)
        && (capitalized(text, t)
            || PARTICLES.contains(&t.key.as_str())
                && tokens.get(i + 1).is_some_and(|h| h.key == "-" && joined(t, h))
                && tokens.get(i + 2).is_some_and(|w| capitalized(text, w)));
    if !starts {
        return None;
    }
    let mut end = i + 1;
    while end < tokens.len() && end - i < 16 {
        let t = &tokens[end];
        if t.sentence != tokens[i].sentence {
            break;
        }
        if t.key == "-" && joined(&tokens[end - 1], t) && tokens.get(end + 1).is_some_and(|n| joined(t, n)) {
            end += 1;
            continue;
        }
        if t.kind == TokenKind::Word && !is_arabic_word(t) {
            let particle_then_name = PARTICLES.contains(&t.key.as_str())
                && tokens.get(end + 1).is_some_and(|n| n.key == "-" || capitalized(text, n));
            if capitalized(text, t) || particle_then_name {
                end += 1;
                continue;
            }
        }
        break;
    }
    // Trailing hyphens and particles are not part of a name.
    while end > i + 1 && (tokens[end - 1].key == "-" || PARTICLES.contains(&tokens[end - 1].key.as_str())) {
        end -= 1;
    }
    Some(end)
}

fn demonyms() -> &'static HashMap<&'static str, &'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| lexicon::demonyms::DEMONYMS.iter().copied().collect())
}

/// `the Turkish border`, `the Syrian city of`, `الحدود التركية`: a border
/// or a place named by the country's adjective is a mention of the country.
fn border_candidates(g: Stack<'_>, tokens: &[Token]) -> Vec<Candidate> {
    let mut out = Vec::new();
    let country = |iso: &str| g.country_index(iso);
    for (i, t) in tokens.iter().enumerate() {
        let Some(iso) = demonyms().get(t.key.as_str()) else { continue };
        let english = tokens.get(i + 1).is_some_and(|n| BORDER_WORDS.contains(&n.key.as_str()));
        // الحدود التركية, الحدود السورية التركية
        let arabic = i > 0
            && (["الحدود", "والحدود", "للحدود", "بالحدود"].contains(&tokens[i - 1].key.as_str())
                || (i > 1
                    && tokens[i - 2].key.ends_with("حدود")
                    && demonyms().contains_key(tokens[i - 1].key.as_str())));
        if !(english || arabic) {
            continue;
        }
        let Some(entry) = country(iso) else { continue };
        let (first, last) = if english { (i, i + 2) } else { (i, i + 1) };
        let mut c = Candidate::new(
            Span::new(tokens[first].span.start, tokens[last - 1].span.end),
            first,
            last,
            vec![(entry, Level::Exact)],
        );
        c.border = true;
        out.push(c);
    }
    out
}

/// A name a cue word marks.
struct CueSpan {
    /// Where the span starts (bytes): a cue word that is part of the name
    /// starts it, less a clitic fused to it (`بمستشفى`).
    start: usize,
    /// Token range `[first, last)`.
    first: usize,
    last: usize,
    kind: Kind,
    /// The cue word is part of the name (`Pale Township`).
    keep: bool,
    /// The name without the cue word, when it is part of it.
    core: Option<(usize, usize)>,
    /// A Latin cue word written in lowercase after the name (`the Afrin
    /// road`): the road to a place more often than a road's name.
    lower: bool,
    /// The cue follows the name (`the Tyre district`, not `the districts
    /// of Aleppo`).
    after: bool,
}

/// Joining words of a person's name inside a facility's name (`مشفى عمر
/// بن عبد العزيز`).
const ARABIC_NAME_JOINS: &[&str] = &["بن", "ابن", "ابو", "ام", "عبد", "بنت"];

/// The words of a name after an Arabic cue that is part of the name
/// (`مستشفى كمال عدوان`, `طريق الكاستيلو`, `المستشفى الإندونيسي`): its
/// end, or none when no name follows.
fn arabic_name_after(tokens: &[Token], k: usize, with_article: bool) -> Option<usize> {
    let stop = |w: &Token| {
        !is_arabic_word(w)
            || w.sentence != tokens[k].sentence
            || ARABIC_CUE_STOPS.contains(&w.key.as_str())
            || ARABIC_DIRECTIONS.contains(&w.key.as_str())
            || clitic_bases(&w.key, 2).iter().any(|b| cues().contains_key(b))
    };
    let first = tokens.get(k + 1).filter(|w| !stop(w))?;
    // `المستشفى الإندونيسي`: after the article, only adjectives.
    if with_article && !first.key.starts_with("ال") {
        return None;
    }
    let mut end = k + 2;
    while end - (k + 1) < 4 {
        let Some(w) = tokens.get(end).filter(|w| !stop(w)) else { break };
        let prev = tokens[end - 1].key.as_str();
        let n = end - (k + 1);
        let goes_on = w.key.starts_with("ال")
            || ARABIC_NAME_JOINS.contains(&w.key.as_str())
            || ARABIC_NAME_JOINS.contains(&prev)
            || ARABIC_NAME_HEADS.contains(&prev)
            || (n == 1 && !with_article && !prev.starts_with("ال"));
        if !goes_on {
            break;
        }
        end += 1;
    }
    Some(end)
}

/// Names that a cue word marks: `the neighbourhoods of X, Y and Z`, `X
/// district`, `حي الرديف`, `Pale Township`, `مستشفى كمال عدوان`.
fn cue_spans(text: &str, tokens: &[Token]) -> Vec<CueSpan> {
    let mut out = Vec::new();
    let plain = |first: usize, last: usize, kind: Kind| CueSpan {
        start: tokens[first].span.start,
        first,
        last,
        kind,
        keep: false,
        core: None,
        lower: false,
        after: false,
    };
    // `The area`, `Our hospital`, `Five villagers`: a determiner or a
    // number word is not a name.
    let filler = |t: &Token| t.key == "-" || NAME_FILLERS.contains(&t.key.as_str());
    for (k, t) in tokens.iter().enumerate() {
        // `وحي الشجاعية`, `بريف إدلب`: an Arabic cue may carry a clitic.
        let (list, bare) = if is_arabic_word(t) {
            match clitic_bases(&t.key, 2).into_iter().find_map(|b| cues().get(b).map(|l| (l, b))) {
                Some(found) => found,
                None => continue,
            }
        } else {
            match cues().get(t.key.as_str()) {
                Some(l) => (l, t.key.as_str()),
                None => continue,
            }
        };
        for cue in list {
            if is_arabic_word(t) {
                if !cue.before {
                    continue;
                }
                if cue.keep {
                    let Some(end) = arabic_name_after(tokens, k, bare.starts_with("ال")) else { continue };
                    // The clitic before the cue word is not part of the name.
                    let clitic = t.key.chars().count().saturating_sub(bare.chars().count());
                    let raw = &text[t.span.start..t.span.end];
                    let skip: usize = raw.chars().take(clitic).map(char::len_utf8).sum();
                    out.push(CueSpan {
                        start: t.span.start + skip,
                        first: k,
                        last: end,
                        kind: cue.kind,
                        keep: true,
                        core: Some((k + 1, end)),
                        lower: false,
                        after: false,
                    });
                    continue;
                }
                let mut j = k + 1;
                // `قرى في ريف حلب`, `بلدات بريف إدلب`, `حي جديد`: a preposition,
                // another cue or a common word is no name.
                while let Some(w) = tokens.get(j).filter(|w| {
                    is_arabic_word(w)
                        && w.sentence == t.sentence
                        && !ARABIC_DIRECTIONS.contains(&w.key.as_str())
                        && !ARABIC_CUE_STOPS.contains(&w.key.as_str())
                        && !clitic_bases(&w.key, 2).iter().any(|b| {
                            cues().contains_key(b) || not_places().contains(b) && !ARABIC_NAME_HEADS.contains(b)
                        })
                }) {
                    let head = w.key.strip_prefix("و").filter(|_| j > k + 1).unwrap_or(&w.key);
                    // `مدينة الميادين التي …`: a relative pronoun after the
                    // name begins a clause, not a second word of the name.
                    let two = ARABIC_NAME_HEADS.contains(&head)
                        || tokens.get(j + 1).is_some_and(|n| {
                            is_arabic_word(n)
                                && n.key.starts_with("ال")
                                && w.key.starts_with("ال")
                                && !matches!(
                                    n.key.as_str(),
                                    "التي"
                                        | "الذي"
                                        | "الذين"
                                        | "اللتي"
                                        | "اللذين"
                                        | "اللتين"
                                        | "اللاتي"
                                        | "اللواتي"
                                        | "التى"
                                        | "الذى"
                                )
                        });
                    let end = if two && tokens.get(j + 1).is_some_and(is_arabic_word) { j + 2 } else { j + 1 };
                    out.push(plain(j, end, cue.kind));
                    // `أحياء الصاخور والشعار`: a list goes on with و.
                    if cue.list && tokens.get(end).is_some_and(|n| is_arabic_word(n) && n.key.starts_with('و')) {
                        j = end;
                        continue;
                    }
                    break;
                }
                continue;
            }
            if cue.before {
                // `the Saltivka district of Kharkiv`: a name before the cue is
                // the place; what follows `of` is its parent.
                if !cue.list && !cue.direct && k > 0 && capitalized(text, &tokens[k - 1]) {
                    continue;
                }
                // `a residential district of Mekele`: a district of the city,
                // not one called Mekele.
                if cue.kind == Kind::Neighbourhood
                    && !cue.list
                    && k > 0
                    && tokens[k - 1].kind == TokenKind::Word
                    && !matches!(tokens[k - 1].key.as_str(), "the" | "a" | "an")
                    && !capitalized(text, &tokens[k - 1])
                {
                    continue;
                }
                let mut j = k + 1;
                if cue.direct {
                    // `Boulevard Jean-Jacques Dessalines`, `nearby Michaud`.
                    let Some(end) = latin_run(text, tokens, j) else { continue };
                    if cue.keep {
                        out.push(CueSpan {
                            start: t.span.start,
                            first: k,
                            last: end,
                            kind: cue.kind,
                            keep: true,
                            core: Some((j, end)),
                            lower: false,
                            after: false,
                        });
                    } else {
                        out.push(plain(j, end, cue.kind));
                    }
                    continue;
                }
                if tokens.get(j).is_some_and(|o| o.key == "of") {
                    j += 1;
                } else if cue.list && tokens.get(j).is_some_and(|o| o.key == "," || o.key == ":") {
                    // `two villages, Kefraya and Foua`
                    j += 1;
                } else if !cue.list {
                    // `village Tal Rifaat` is rare; `village of` is the shape.
                    continue;
                }
                while let Some(end) = latin_run(text, tokens, j) {
                    out.push(plain(j, end, cue.kind));
                    // A list: `X, Y and Z`, `X, Y, and Z`.
                    let mut n = end;
                    let mut more = false;
                    while tokens.get(n).is_some_and(|s| s.key == "," || s.key == "and") {
                        more = true;
                        n += 1;
                    }
                    if !(cue.list && more) {
                        break;
                    }
                    j = n;
                }
            } else if k > 0 {
                // `the Fardous district`: the run that ends just before the cue
                // (`the Nuseirat refugee camp`: past the kind of camp).
                let k = if cue.kind == Kind::Camp
                    && tokens[k - 1].sentence == t.sentence
                    && matches!(tokens[k - 1].key.as_str(), "refugee" | "refugees" | "displacement" | "idp" | "idps")
                {
                    k - 1
                } else {
                    k
                };
                if k == 0 {
                    continue;
                }
                let mut s = k;
                // Back over the name's words, hyphens and particles (`Qasr
                // al-Adli district`).
                while s > 0 && k - s < 12 {
                    let p = &tokens[s - 1];
                    let part = capitalized(text, p)
                        || (p.key == "-" && s >= 2 && tokens[s - 2].span.end == p.span.start)
                        || (PARTICLES.contains(&p.key.as_str()) && s < k)
                        || (p.kind == TokenKind::Numeral && cue.keep);
                    // `Mekelle's Ayder Referral Hospital`: the possessor is
                    // a place of its own.
                    let owner = text[p.span.start..p.span.end].ends_with("'s")
                        || text[p.span.start..p.span.end].ends_with("’s");
                    if !part || owner || p.sentence != tokens[k].sentence || is_arabic_word(p) {
                        break;
                    }
                    s -= 1;
                }
                if cue.keep {
                    // `M5 highway`, `Salah al-Din Street`: every word back to
                    // the scan's start, less a leading article or particle.
                    while s < k && (filler(&tokens[s]) || PARTICLES.contains(&tokens[s].key.as_str())) {
                        s += 1;
                    }
                    if s < k {
                        out.push(CueSpan {
                            start: tokens[s].span.start,
                            first: s,
                            last: k + 1,
                            kind: cue.kind,
                            keep: true,
                            core: Some((s, k)),
                            lower: !capitalized(text, t),
                            after: true,
                        });
                    }
                    continue;
                }
                while s < k && (filler(&tokens[s]) || latin_run(text, tokens, s).is_none_or(|e| e < k)) {
                    s += 1;
                }
                // `Kalma Camp`: the cue may be capitalized, inside the run.
                if s < k && latin_run(text, tokens, s).is_some_and(|e| e >= k) {
                    out.push(CueSpan { after: true, ..plain(s, k, cue.kind) });
                }
            }
        }
    }
    out
}

/// Lines that are items of a list of places with their tolls (`• النبطية:
/// 6 شهداء`, `- Deir al-Zahrani: 3 martyrs`): the words between the mark
/// and the colon, when the document has two such lines or more. Each is a
/// candidate, and a compass word alone (`الشمال`) stands for the region
/// `[compass_regions]` names in its country.
fn list_candidates(lookups: &mut Lookups<'_>, text: &str, tokens: &[Token]) -> Vec<Candidate> {
    let mut items: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let line_start = i == 0 || tokens[i - 1].key == "\n";
        let mark = line_start && LIST_MARKS.contains(&&text[tokens[i].span.start..tokens[i].span.end]);
        if mark {
            let first = i + 1;
            let colon = (first..tokens.len().min(first + 6))
                .take_while(|&j| tokens[j].key != "\n")
                .find(|&j| tokens[j].key == ":" && tokens[j].sentence == tokens[first.min(tokens.len() - 1)].sentence);
            if let Some(c) = colon.filter(|&c| c > first && tokens[first].kind == TokenKind::Word) {
                items.push((first, c));
            }
        }
        i += 1;
    }
    if items.len() < 2 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (first, last) in items {
        let span = Span::new(tokens[first].span.start, tokens[last - 1].span.end);
        let name = &text[span.start..span.end];
        let mut matches = lookups.get(name);
        if matches.is_empty() && last - first == 1 && is_arabic_word(&tokens[first]) {
            for base in clitic_bases(&tokens[first].key, 2) {
                matches = lookups.get(base);
                if !matches.is_empty() {
                    break;
                }
            }
        }
        let mut c = Candidate::new(span, first, last, matches);
        c.listed = true;
        out.push(c);
    }
    out
}

/// The spans of datelines' places: capitals at the start of a line before
/// a comma, bracket, slash, colon or dash (`ERBIL, Kurdistan Region –`,
/// `NAIROBI (Reuters) -`, `GAZA/CAIRO:`), and the region after the comma.
fn datelines(text: &str, tokens: &[Token]) -> Vec<Span> {
    let mut out = Vec::new();
    let caps = |t: &Token| {
        t.kind == TokenKind::Word && !is_arabic_word(t) && {
            let w = &text[t.span.start..t.span.end];
            w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && w.chars().all(|c| !c.is_lowercase())
        }
    };
    for i in 0..tokens.len() {
        if !(i == 0 || tokens[i - 1].key == "\n") || !caps(&tokens[i]) {
            continue;
        }
        let mut j = i;
        while j < tokens.len() && j - i < 6 && (caps(&tokens[j]) || tokens[j].key == "/" || tokens[j].key == "-") {
            j += 1;
        }
        let Some(after) = tokens.get(j) else { continue };
        if !matches!(after.key.as_str(), "," | "(" | ":" | "-" | "–" | "—") {
            continue;
        }
        out.push(Span::new(tokens[i].span.start, tokens[j - 1].span.end));
        // `ERBIL, Kurdistan Region –`: the region named before the dash.
        if after.key == "," {
            if let Some(end) = latin_run(text, tokens, j + 1) {
                if tokens.get(end).is_some_and(|d| matches!(d.key.as_str(), "-" | "–" | "—" | "(")) {
                    out.push(Span::new(tokens[j + 1].span.start, tokens[end - 1].span.end));
                }
            }
        }
    }
    out
}

/// Does a group take its name from the candidate: a word after it that
/// makes a group (`the Bel-Air gang`, `Tigray Defense Forces`), or before
/// it in Arabic (`لواء تلعفر`, `ولاية نينوى`, `هيئة تحرير الشام`)?
fn named_group(text: &str, tokens: &[Token], c: &Candidate) -> bool {
    // `Turkey's Defense Ministry`: the owner is the country itself.
    let owner = tokens.get(c.last.wrapping_sub(1)).is_some_and(|t| {
        let raw = &text[t.span.start..t.span.end];
        raw.ends_with("'s") || raw.ends_with("’s")
    });
    let after = !owner && tokens.get(c.last).is_some_and(|t| GROUP_WORDS.contains(&t.key.as_str()));
    let before = (c.first.saturating_sub(3)..c.first)
        .rev()
        .take_while(|&k| tokens[k].kind == TokenKind::Word)
        .any(|k| is_arabic_word(&tokens[k]) && clitic_bases(&tokens[k].key, 2).iter().any(|b| GROUP_WORDS.contains(b)));
    after || before
}

/// Is the candidate named as a purpose (`in support of Gaza`, `إسنادا
/// ودعما لغزة`, `[aside_words]`) or a journey's end (`leaving for
/// Ukraine`): a place of the report, not where its events happen?
fn aside(tokens: &[Token], c: &Candidate) -> bool {
    let sentence = tokens[c.first].sentence;
    let before: Vec<&Token> = tokens[..c.first]
        .iter()
        .rev()
        .take_while(|t| t.sentence == sentence)
        .filter(|t| t.kind == TokenKind::Word)
        .take(3)
        .collect();
    let purpose = before.iter().take(2).any(|t| {
        let bases = if is_arabic_word(t) { clitic_bases(&t.key, 2) } else { vec![t.key.as_str()] };
        bases.iter().any(|b| ASIDE_WORDS.contains(b))
    });
    let journey = ["leave", "leaving", "left", "depart", "departing", "departed", "headed", "heading", "bound"];
    let trip = before.first().is_some_and(|t| t.key == "for")
        && before.get(1).is_some_and(|t| journey.contains(&t.key.as_str()));
    purpose || trip
}

/// Is the candidate one frequent word of its language, with any clitic or
/// article off (`Nice`, `The Hope`, `وسلام`)?
fn frequent(tokens: &[Token], c: &Candidate) -> bool {
    let words: Vec<&Token> = tokens[c.first..c.last].iter().filter(|t| t.kind == TokenKind::Word).collect();
    let word = match words[..] {
        [w] => w,
        [the, w] if the.key == "the" => w,
        _ => return false,
    };
    if is_arabic_word(word) {
        clitic_bases(&word.key, 3).iter().any(|b| common_words().contains(b))
    } else {
        common_words().contains(word.key.as_str())
    }
}

/// Compass phrases that name a region (`[compass_regions]`): `northern
/// Gaza` is the North Gaza governorate, `جنوب لبنان` Lebanon's South
/// Governorate, and `الشمال` alone, in a Lebanese list of tolls, its North
/// Governorate. A phrase counts in a document about the region's country,
/// or when the place after the direction is in that country.
fn compass_candidates(
    lookups: &mut Lookups<'_>,
    text: &str,
    tokens: &[Token],
    candidates: &[Candidate],
    focus: &Focus,
) -> Vec<Candidate> {
    let g = lookups.g;
    let mut out: Vec<Candidate> = Vec::new();
    let region = |lookups: &mut Lookups<'_>, country: &str, name: &str| {
        lookups.get(name).into_iter().find(|(i, l)| {
            let e = g.entry(*i);
            *l == Level::Exact && e.country == country && e.kind == Kind::Region
        })
    };
    for (i, t) in tokens.iter().enumerate() {
        let bases = if is_arabic_word(t) { clitic_bases(&t.key, 2) } else { vec![t.key.as_str()] };
        // `الشمال`: the article off too, for a compass word alone.
        let Some((base, direction)) =
            bases.iter().find_map(|b| compass(b).or_else(|| compass(b.strip_prefix("ال")?)).map(|d| (*b, d)))
        else {
            continue;
        };
        // `الشمال` alone in a list of tolls.
        if let Some(c) = candidates.iter().find(|c| c.listed && c.first == i && c.last == i + 1) {
            let bare = base.strip_prefix("ال").is_some() || t.key == "north" || t.key == "south";
            let country = focus.country.as_deref().unwrap_or("");
            let row = COMPASS_REGIONS.iter().find(|(d, p, cc, _)| *d == direction && *p == "-" && *cc == country);
            if let (true, Some(&(_, _, cc, name))) = (bare, row) {
                if let Some(found) = region(lookups, cc, name) {
                    let mut c = c.clone();
                    c.matches = vec![found];
                    c.compass = true;
                    out.push(c);
                }
            }
            continue;
        }
        // The direction, then one or two words of a place.
        for n in [2, 1] {
            let Some(words) = tokens.get(i + 1..i + 1 + n) else { continue };
            if words.iter().any(|w| w.kind != TokenKind::Word || w.sentence != t.sentence) {
                continue;
            }
            let place: Vec<&str> = words.iter().map(|w| w.key.as_str()).collect();
            let place = place.join(" ");
            let Some(&(_, _, cc, name)) =
                COMPASS_REGIONS.iter().find(|(d, p, _, _)| *d == direction && *p == place.as_str())
            else {
                continue;
            };
            let about = focus.country.as_deref() == Some(cc)
                || lookups
                    .get(&text[words[0].span.start..words[n - 1].span.end])
                    .iter()
                    .any(|(k, _)| g.entry(*k).country == cc);
            if !about {
                continue;
            }
            if let Some(found) = region(lookups, cc, name) {
                let clitic = t.key.chars().count().saturating_sub(base.chars().count());
                let skip: usize = text[t.span.start..t.span.end].chars().take(clitic).map(char::len_utf8).sum();
                let span = Span::new(t.span.start + skip, words[n - 1].span.end);
                let mut c = Candidate::new(span, i, i + 1 + n, vec![found]);
                c.compass = true;
                c.name = text[span.start..span.end].to_string();
                out.push(c);
                break;
            }
        }
    }
    out
}

/// What the document is about: its countries, regions and big cities.
#[derive(Debug, Default)]
struct Focus {
    country: Option<String>,
    /// Each country's share of the report's votes.
    shares: HashMap<String, f64>,
    /// Names of cities the document names (a neighbourhood inside one is
    /// taken).
    cities: HashSet<String>,
    /// Names of regions and counties it names, and the regions its cities
    /// lie in.
    regions: HashSet<String>,
    /// The votes each name cast, by country: a name's own votes say
    /// nothing of which of its readings is meant (`Nawa`, a town of Daraa,
    /// is also listed as a name of Naha in Japan, a big city that would
    /// otherwise vote for itself).
    own: HashMap<(String, String), usize>,
    /// All the votes cast.
    total: usize,
}

/// Kinds and sizes that a name alone makes likely.
fn prior(e: &Entry<'_>) -> f64 {
    let pop = e.population.map(|p| ((p.max(1) as f64).log10() - 5.0).clamp(0.0, 2.0) * 0.5).unwrap_or(0.0);
    match e.kind {
        Kind::Country => 4.0,
        Kind::City => 3.0 + pop,
        // A district (a region below the first level) usually shares its
        // name with its seat, which reports mean far more often.
        Kind::Region if e.within.len() >= 2 => 1.2,
        Kind::Region => 2.5 + pop * 0.5,
        Kind::Town => 1.5 + pop,
        Kind::Neighbourhood | Kind::Camp => 1.0,
        Kind::Village | Kind::Other | Kind::Facility | Kind::Road => 0.5,
    }
}

fn level_penalty(l: Level) -> f64 {
    match l {
        Level::Exact => 0.0,
        Level::Medium => 0.5,
        Level::Skeleton => 1.0,
    }
}

/// Entries that are safe to take without context: countries, first-level
/// regions (a district below them shares its name with its seat, or with
/// a word) and cities of 100,000 people or more.
fn prominent(e: &Entry<'_>, l: Level) -> bool {
    match e.kind {
        Kind::Country => l != Level::Skeleton,
        Kind::Region => l == Level::Exact && e.within.len() <= 1,
        Kind::City => l != Level::Skeleton && e.population.unwrap_or(0) >= 100_000,
        _ => false,
    }
}

impl Focus {
    fn of(g: Stack<'_>, candidates: &[Candidate], tokens: &[Token]) -> Focus {
        let mut votes: HashMap<&str, usize> = HashMap::default();
        let mut own: HashMap<(String, String), usize> = HashMap::default();
        // `Iraqi forces`, `the Syrian army`: a country's adjective says
        // where the report is as surely as its name.
        for t in tokens {
            if let Some(iso) = demonyms().get(t.key.as_str()) {
                *votes.entry(iso).or_default() += 1;
            }
        }
        let mut picks = Vec::new();
        let mut presence: HashMap<&str, usize> = HashMap::default();
        for c in candidates.iter().filter(|c| !c.common && !(c.frequent && (c.initial || c.headline) && !c.marked())) {
            // Every country a name could be in breaks ties (`Mashhad` is a
            // city of Iran and a quarter of Aleppo; `Aleppo` is only in
            // Syria) but never outvotes a reading: Syria's ten thousand
            // villages would otherwise claim every report.
            let mut countries: Vec<&str> = c.matches.iter().map(|(i, _)| g.entry(*i).country).collect();
            countries.sort_unstable();
            countries.dedup();
            for country in countries {
                *presence.entry(country).or_default() += 1;
            }
            let best = c
                .matches
                .iter()
                .filter(|(i, l)| prominent(&g.entry(*i), *l))
                .max_by(|a, b| prior(&g.entry(a.0)).total_cmp(&prior(&g.entry(b.0))));
            if let Some((i, _)) = best {
                let e = g.entry(*i);
                *votes.entry(e.country).or_default() += 2;
                *own.entry((c.name.clone(), e.country.to_string())).or_default() += 2;
                picks.push(e);
            }
        }
        let total: usize = votes.values().sum();
        let shares = votes.iter().map(|(c, n)| (c.to_string(), *n as f64 / total.max(1) as f64)).collect();
        let country = votes
            .into_iter()
            .max_by_key(|(c, n)| (*n, presence.get(c).copied().unwrap_or(0), std::cmp::Reverse(*c)))
            .map(|(c, _)| c.to_string());
        let mut f = Focus { country, shares, own, total, ..Focus::default() };
        for e in picks.into_iter().filter(|e| f.country.as_deref() == Some(e.country)) {
            match e.kind {
                Kind::City => {
                    f.cities.insert(e.name.to_string());
                    // The city's region: its parents short of the country.
                    let n = e.within.len();
                    f.regions.extend(e.within.iter().take(n.saturating_sub(1)).map(str::to_string));
                }
                Kind::Region => {
                    f.regions.insert(e.name.to_string());
                }
                _ => {}
            }
        }
        f
    }

    /// The weight of a country in the report: +1 for the country it is
    /// about alone, less as other countries share the report, -1 for a
    /// country it does not name at all (none when it names none).
    fn weight(&self, country: &str) -> f64 {
        if self.shares.is_empty() {
            return 0.0;
        }
        let top = self.shares.values().cloned().fold(0.0, f64::max);
        let share = self.shares.get(country).copied().unwrap_or(0.0);
        2.0 * share / top.max(f64::EPSILON) - 1.0
    }

    /// [`Focus::weight`] for a reading of `name`, without the votes that
    /// `name` itself cast for the country.
    fn weight_for(&self, country: &str, name: &str) -> f64 {
        let mine = self.own.get(&(name.to_string(), country.to_string())).copied().unwrap_or(0);
        if mine == 0 || self.total == 0 {
            return self.weight(country);
        }
        let share = (self.shares.get(country).copied().unwrap_or(0.0) - mine as f64 / self.total as f64).max(0.0);
        let top = self.shares.values().cloned().fold(0.0, f64::max).max(share);
        2.0 * share / top.max(f64::EPSILON) - 1.0
    }

    /// Whether something besides `name` names the country.
    fn named_besides(&self, country: &str, name: &str) -> bool {
        let all = self.shares.get(country).copied().unwrap_or(0.0) * self.total as f64;
        let mine = self.own.get(&(name.to_string(), country.to_string())).copied().unwrap_or(0) as f64;
        all - mine > 0.5
    }

    /// How much the document's focus supports entry `e`: 3 for a place in a
    /// city it names, 1.5 for one in a region it names, 0 otherwise.
    fn support(&self, e: &Entry<'_>) -> f64 {
        let in_country = self.country.as_deref() == Some(e.country);
        if !in_country {
            return 0.0;
        }
        if e.within.first().is_some_and(|w| self.cities.contains(w)) && e.within.len() <= 2 {
            3.0
        } else if e.within.iter().any(|w| self.regions.contains(w) || self.cities.contains(w)) {
            1.5
        } else {
            0.0
        }
    }
}

/// The entry a candidate most likely refers to, if any is likely enough,
/// with the evidence that made it so.
fn choose(g: Stack<'_>, focus: &Focus, c: &Candidate, neighbours: &HashSet<String>) -> Option<Resolved> {
    let mut best: Option<(f64, Entry<'_>, Level, Vec<&'static str>)> = None;
    let name = &c.name;
    let marked = c.marked();
    let matched: HashSet<&str> = c.matches.iter().map(|(i, _)| g.entry(*i).name).collect();
    let has_quarter = c.matches.iter().any(|(i, _)| g.entry(*i).kind == Kind::Neighbourhood);
    // A name of several words that one entry alone bears, capitalized in
    // English: as sure as a name gets without the document's context.
    let words = tokens_in(c);
    let mut countries = c.matches.iter().filter(|(_, l)| *l != Level::Skeleton).map(|(i, _)| g.entry(*i).country);
    let sole = countries.next().is_some_and(|first| countries.all(|cc| cc == first));
    let distinctive = words >= 2 && sole && !c.initial && !c.headline;
    // Whether another reading of the name lies in a country that other
    // names of the report name: then the votes this name cast for a
    // country are no support for its reading there.
    // Only for a name that is not the entry's own (an alternate the
    // gazetteer lists): `Gaza` is Gaza wherever else a village bears it.
    let rival = |e: &Entry<'_>| {
        let alternate = sitrep_gazetteer::keys::keys(e.name).exact != sitrep_gazetteer::keys::keys(name).exact;
        let country = e.country;
        alternate
            && c.matches.iter().any(|(j, _)| {
                let cc = g.entry(*j).country;
                cc != country && focus.named_besides(cc, name)
            })
    };
    for &(i, level) in &c.matches {
        let e = g.entry(i);
        let imported = g.imported(i);
        // A district named like its governorate (`قضاء النبطية`, `محافظة
        // النبطية`) is not supported by the governorate it shares a name
        // with: the name means the bigger unit.
        let support = if e.kind == Kind::Region && e.within.iter().any(|w| matched.contains(w)) {
            0.0
        } else {
            focus.support(&e)
        };
        let mut score = prior(&e) - level_penalty(level) + support;
        // Reports about a war between two countries name both: each
        // country weighs by its share of the report's votes.
        if !matches!(e.kind, Kind::Country) {
            score += if rival(&e) { focus.weight_for(e.country, name) } else { focus.weight(e.country) };
        }
        // The analyst imported it for this conflict.
        if imported {
            score += 1.0;
        }
        let in_country = focus.country.as_deref() == Some(e.country);
        // `وإدلب`: the name is the word without its clitic.
        let main = main_name(&e, name) || c.bases.iter().any(|b| main_name(&e, b));
        // Abroad, a place is named by its main names, not by the odd
        // alternate a gazetteer lists (`Old City` for Las Vegas, `Hamas`
        // for Hamm).
        if !in_country && !imported && !matches!(e.kind, Kind::Country | Kind::Region) && !main {
            continue;
        }
        let nearby = matches!(e.kind, Kind::Village | Kind::Town | Kind::Neighbourhood)
            && e.within.iter().any(|w| neighbours.contains(w));
        // The loosest key matches some place for almost any word: it needs
        // the words around it or the document's own places.
        if level == Level::Skeleton && !(marked || support > 0.0 || nearby) {
            continue;
        }
        let big = prominent(&e, level) || (imported && level == Level::Exact);
        // A frequent word (`Nice`, `حياة`, `خالد`) is a place with a cue,
        // or as a country, a first-level region or a big city by its main
        // name; where capitals say nothing (a sentence's first word, a
        // headline), a country, or a big place after a preposition.
        // In Arabic, where no capital marks a name, only a cue does, or a
        // preposition before a country (`إلى الشام`).
        if c.frequent && !marked {
            let main_big = big && main && level == Level::Exact;
            let blind = c.initial || c.headline;
            let arabic_ok = e.kind == Kind::Country && level == Level::Exact && c.locative;
            if c.uncased && !arabic_ok
                || !c.uncased && (!main_big || (blind && !(e.kind == Kind::Country || c.locative)))
            {
                continue;
            }
        }
        // A group named after a place is not the place (`Pyu Saw Htee`
        // militia, `لواء تلعفر`); nor is the head of a noun phrase.
        if c.group && !(e.kind == Kind::Country && c.locative) || c.construct && !marked && !big {
            continue;
        }
        // A list of tolls names places of the country it is about.
        if c.listed && !marked_by_cue(c) && focus.country.as_deref().is_some_and(|f| f != e.country) {
            continue;
        }
        // A sentence's first word is capitalized whatever it is (`Nice
        // weather`, `Reading the list`); a fragment of a longer name is
        // part of that name (`Victoria Nuland`).
        if (c.initial || c.fragment) && !(e.kind == Kind::Country || in_country || c.locative || marked) {
            continue;
        }
        // One Arabic word naming a place abroad (`خرج` "went out" is also
        // Al Kharj) needs a preposition or cue before it; so does any place
        // in a country the report does not otherwise name (`Mobile clinics`).
        let named = if rival(&e) { focus.named_besides(e.country, name) } else { focus.shares.contains_key(e.country) };
        if (c.uncased && !in_country || !named)
            && e.kind != Kind::Country
            && !(c.locative || marked || distinctive && main && focus.country.is_none())
        {
            continue;
        }
        if nearby {
            score += 1.0;
        }
        // `ريف إدلب`, `Idlib governorate`: a cue naming a unit of
        // government says which of a city and its region is meant.
        if c.cue == Some(e.kind) {
            score += if e.kind == Kind::Region { 2.5 } else { 1.0 };
        }
        // `the Tyre district`: with no quarter of that name, a district
        // cue means the unit of government, not its seat.
        let district = c.cue == Some(Kind::Neighbourhood) && c.cue_after && e.kind == Kind::Region && !has_quarter;
        if district {
            score += 2.5;
        }
        // A cue for a small place in a report about one country is a place
        // in that country, whatever else abroad bears the name.
        // (A feature named with its cue, `Bab al-Hawa crossing`, is where
        // it is named, at a border as often as not.)
        let small_cue =
            c.cue.is_some_and(|k| matches!(k, Kind::Village | Kind::Town | Kind::Neighbourhood | Kind::Camp))
                || c.cue == Some(Kind::Other) && !c.keep;
        let cue_elsewhere = small_cue && !big && focus.country.as_deref().is_some_and(|f| f != e.country);
        // `Jabalia camp` is not the town of Jabalia: a camp cue takes only
        // a camp (else a camp known from the text, near the town).
        let camp_mismatch = c.cue == Some(Kind::Camp) && e.kind != Kind::Camp
            // `the village of Hope` is no district called Hope.
            || matches!(c.cue, Some(Kind::Village | Kind::Town | Kind::Neighbourhood | Kind::Camp))
                && matches!(e.kind, Kind::Country | Kind::Region)
                && !district;
        // `حي جوبر` in a report about Damascus is a quarter of Damascus,
        // not the village of Jawbar near Homs.
        // (`the districts of Aleppo` name the city as their parent.)
        let big_settlement = prominent(&e, level) && matches!(e.kind, Kind::City | Kind::Region);
        let quarter_elsewhere = c.cue == Some(Kind::Neighbourhood)
            && !district
            && e.kind != Kind::Neighbourhood
            && !big_settlement
            && support < 3.0
            && !focus.cities.is_empty();
        let fits = if big {
            !c.common || e.kind == Kind::Country
        } else if c.dateline || c.listed || c.compass {
            true
        } else {
            let context = support > 0.0 || c.cue.is_some() || nearby;
            let small_ok = match e.kind {
                // A second-level region or a smaller city: in the country
                // the report is about, or with context.
                Kind::Country | Kind::Region | Kind::City => in_country || context,
                // Towns (10,000 people or more) are named in national news;
                // in the country the report is about, the name is enough,
                // and in a text that names no country, its main name after
                // a preposition.
                Kind::Town => {
                    context
                        || (in_country && level == Level::Exact)
                        || (focus.country.is_none() && c.locative && main && level == Level::Exact && !c.uncased)
                        || (distinctive && main && (in_country || focus.country.is_none() || c.locative))
                }
                _ => {
                    context
                        || (c.locative && in_country && level == Level::Exact)
                        || (distinctive && main && (in_country || focus.country.is_none() || c.locative))
                }
            };
            // One Arabic word could be any word: a small or distant place
            // needs the document's context or a locative before it.
            let uncased_ok = !c.uncased || context || (c.locative && in_country && level == Level::Exact);
            // Two Arabic words that name one place are not a common word.
            small_ok && uncased_ok && !c.common && !(c.initial && support == 0.0)
        };
        let acceptable =
            fits && !(cue_elsewhere || camp_mismatch || quarter_elsewhere || c.initial && level != Level::Exact);
        if !acceptable || best.as_ref().is_some_and(|(s, b, _, _)| score < *s || (score == *s && e.id >= b.id)) {
            continue;
        }
        // Why it is taken, for the record (and the desk's hover).
        let mut why: Vec<&'static str> = vec![match level {
            Level::Exact => "exact name",
            Level::Medium => "spelling",
            Level::Skeleton => "loose spelling",
        }];
        let flags = [
            (c.cue.is_some(), "cue"),
            (c.dateline, "dateline"),
            (c.listed, "list"),
            (c.compass, "compass"),
            (c.locative, "locative"),
            (!c.uncased && !c.initial && !c.headline && !is_arabic(name), "capitalised"),
            (big && !imported, "prominent"),
            (support > 0.0, "focus"),
            (nearby, "nearby"),
            (in_country, "country"),
            (imported, "imported"),
        ];
        why.extend(flags.iter().filter(|(on, _)| *on).map(|(_, w)| *w));
        best = Some((score, e, level, why));
    }
    let (_, e, _, evidence) = best?;
    let (acled, ucdp) = match e.kind {
        Kind::Country => (3, 6),
        Kind::Region if e.within.len() >= 2 => (3, 3),
        Kind::Region => (3, 4),
        _ if e.lat.is_none() => (2, 2),
        _ => (1, 1),
    };
    Some(Resolved {
        id: e.id.to_string(),
        name: e.name.to_string(),
        kind: e.kind,
        within: e.within.to_vec(),
        lat: e.lat,
        lon: e.lon,
        pcode: e.pcode.map(str::to_string),
        country: Some(e.country.to_string()),
        acled_precision: acled,
        ucdp_precision: ucdp,
        basis: "gazetteer",
        evidence,
    })
}

/// A list item that a cue word also marks (`• محافظة النبطية: …`).
fn marked_by_cue(c: &Candidate) -> bool {
    c.cue.is_some()
}

/// How many words the candidate has, besides particles.
fn tokens_in(c: &Candidate) -> usize {
    c.name.split([' ', '-']).filter(|w| !w.is_empty() && !PARTICLES.contains(&w.to_lowercase().as_str())).count()
}

fn is_arabic(name: &str) -> bool {
    name.chars().any(sitrep_text::fold::is_arabic_letter)
}

/// Is `name` one of the entry's main names (its preferred name, the first
/// few alternates, or any Arabic name)?
fn main_name(e: &Entry<'_>, name: &str) -> bool {
    thread_local! {
        static MAIN: std::cell::RefCell<HashMap<(String, String), bool>> = std::cell::RefCell::new(HashMap::default());
    }
    let memo = (e.id.to_string(), name.to_string());
    if let Some(b) = MAIN.with(|m| m.borrow().get(&memo).copied()) {
        return b;
    }
    // The same name, or the same spelling once vowels are merged
    // (`Maaret al-Numan`, `Ma`arrat an-Nu`man`).
    let text = sitrep_gazetteer::keys::keys(name);
    let mut spellings: Vec<&String> = text.medium.iter().collect();
    spellings.extend(text.exact.as_ref());
    let b = text.exact.is_some()
        && e.names().enumerate().any(|(i, n)| {
            if !(i < 8 || n.chars().any(sitrep_text::fold::is_arabic_letter)) {
                return false;
            }
            let k = sitrep_gazetteer::keys::keys(n);
            k.exact == text.exact || k.medium.iter().chain(k.exact.as_ref()).any(|m| spellings.contains(&m))
        });
    MAIN.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= LOOKUP_MEMORY {
            m.clear();
        }
        m.insert(memo, b);
    });
    b
}

/// A cue-marked name that no gazetteer entry fits.
fn local(text: &str, tokens: &[Token], c: &Candidate, g: Stack<'_>, focus: &Focus) -> Option<Resolved> {
    let _ = (tokens, g);
    // `Yinmabin District PDF`: the group's home is not where it acts.
    if c.group {
        return None;
    }
    let kind = c.cue?;
    let name = text[c.span.start..c.span.end].to_string();
    // A clitic left alone (`لـ` before a quoted outlet's name) is no name
    // a place is known by.
    if name.chars().filter(|ch| ch.is_alphabetic() && *ch != 'ـ').count() < 2 {
        return None;
    }
    let mut within: Vec<String> = Vec::new();
    // A camp named after a town lies by it: the town is its parent.
    if kind == Kind::Camp {
        let town = c.matches.iter().map(|(i, _)| g.entry(*i)).find(|e| {
            matches!(e.kind, Kind::City | Kind::Town | Kind::Village)
                && focus.country.as_deref().is_none_or(|f| f == e.country)
        });
        if let Some(t) = town {
            within.push(t.name.to_string());
            within.extend(t.within.iter().map(str::to_string));
            let key = sitrep_gazetteer::keys::keys(&name).exact.unwrap_or_else(|| name.to_lowercase());
            return Some(Resolved {
                id: format!("text:{key}-camp"),
                name: format!("{name} camp"),
                kind,
                within,
                lat: None,
                lon: None,
                pcode: None,
                country: Some(t.country.to_string()),
                acled_precision: 2,
                ucdp_precision: 2,
                basis: "text",
                evidence: vec!["cue"],
            });
        }
    }
    if matches!(kind, Kind::Neighbourhood | Kind::Camp) && focus.cities.len() == 1 {
        within.extend(focus.cities.iter().cloned());
    }
    if let Some(country) = &focus.country {
        if let Some(e) = g.country(country) {
            within.push(e.name.to_string());
        }
    }
    let key = sitrep_gazetteer::keys::keys(&name).exact.unwrap_or_else(|| name.to_lowercase());
    Some(Resolved {
        id: format!("text:{key}"),
        name,
        kind,
        within,
        lat: None,
        lon: None,
        pcode: None,
        country: focus.country.clone(),
        acled_precision: 2,
        ucdp_precision: 2,
        basis: "text",
        evidence: vec!["cue"],
    })
}

/// Does a locative word (`in`, `to`, `from`, `في`) stand just before the
/// span? A country named so is a place; named as the subject of a verb
/// (`Russia and the militias are not talking`) it is an actor.
pub fn locative_before(text: &str, tokens: &[Token], span: Span) -> bool {
    let mut i = crate::tokens::first_at(tokens, span.start);
    // `into Turkey and Lebanon`: back over the list the name ends.
    for _ in 0..12 {
        if i == 0 {
            return false;
        }
        let prev = tokens[i - 1].key.as_str();
        if LOCATIVES.contains(&prev) || ["of", "inside", "throughout", "across"].contains(&prev) {
            return true;
        }
        // `north of Israel`, `شمال إسرائيل`: a compass word puts it on the map.
        if compass(prev).is_some() || clitic_bases(prev, 2).iter().any(|b| compass(b).is_some()) {
            return true;
        }
        // `the border with Turkey`, `الحدود مع تركيا`.
        if (prev == "with" || prev == "مع") && i >= 2 && tokens[i - 2].key.ends_with("border")
            || (prev == "مع" && i >= 2 && tokens[i - 2].key.ends_with("حدود"))
        {
            return true;
        }
        // `before leaving for Ukraine`: a journey's end.
        let journey = ["leave", "leaving", "left", "depart", "departing", "departed", "headed", "heading", "bound"];
        if prev == "for" && i >= 2 && journey.contains(&tokens[i - 2].key.as_str()) {
            return true;
        }
        let in_list = matches!(prev, "and" | "or" | "," | "،" | "و") || capitalized(text, &tokens[i - 1]);
        if !in_list || tokens[i - 1].sentence != tokens[i.min(tokens.len() - 1)].sentence {
            return false;
        }
        i -= 1;
    }
    false
}

/// The country most of a document's places are in.
pub fn focus_country(mentions: &[PlaceMention]) -> Option<String> {
    let mut votes: HashMap<&str, usize> = HashMap::default();
    for m in mentions {
        if let Some(c) = &m.place.country {
            *votes.entry(c.as_str()).or_default() += 1;
        }
    }
    votes.into_iter().max_by_key(|(c, n)| (*n, std::cmp::Reverse(*c))).map(|(c, _)| c.to_string())
}

/// How specific a kind of place is: a figure's place is the most specific
/// one in its sentence.
fn specificity(k: Kind) -> u8 {
    match k {
        Kind::Facility | Kind::Road => 6,
        Kind::Neighbourhood | Kind::Camp | Kind::Other => 5,
        Kind::Village => 4,
        Kind::Town => 3,
        Kind::City => 2,
        Kind::Region => 1,
        Kind::Country => 0,
    }
}

/// For each sentence, the most specific place it names (the first of
/// equals): a figure's place.
pub fn by_sentence(mentions: &[PlaceMention], tokens: &[Token]) -> HashMap<usize, usize> {
    let mut best: HashMap<usize, usize> = HashMap::default();
    for (i, m) in mentions.iter().enumerate().filter(|(_, m)| !m.aside) {
        let Some(sentence) = crate::tokens::sentence_at(tokens, m.span.start) else { continue };
        let better =
            best.get(&sentence).is_none_or(|&j| specificity(m.place.kind) > specificity(mentions[j].place.kind));
        if better {
            best.insert(sentence, i);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    /// `(surface, name, kind)` of every place found.
    fn places(text: &str) -> Vec<(String, String, &'static str)> {
        find(text, &tokenize(text))
            .into_iter()
            .map(|m| (text[m.span.start..m.span.end].to_string(), m.place.name.clone(), m.place.kind.as_str()))
            .collect()
    }

    fn has(text: &str, surface: &str, name: &str, kind: &str) {
        let found = places(text);
        assert!(
            found.iter().any(|(s, n, k)| s == surface && n == name && *k == kind),
            "{text:?}: expected {surface} → {name} ({kind}), found {found:?}"
        );
    }

    fn lacks(text: &str, surface: &str) {
        let found = places(text);
        assert!(found.iter().all(|(s, _, _)| s != surface), "{text:?}: {surface} is not a place here: {found:?}");
    }

    /// Spellings reporters use, each found as the gazetteer's entry.
    #[test]
    fn golden_spellings() {
        let cases = [
            ("Shells fell on a-Sukkari and Saif al-Dowla in Aleppo.", "a-Sukkari", "As-Sukkari", "neighbourhood"),
            (
                "Shells fell on a-Sukkari and Saif al-Dowla in Aleppo.",
                "Saif al-Dowla",
                "Sayf Ad-Dauleh",
                "neighbourhood",
            ),
            ("Families fled the Fardous district of Aleppo.", "Fardous", "Fardos", "neighbourhood"),
            ("Fighters entered Salaheddine, in southern Aleppo.", "Salaheddine", "Salah Ad-Deen", "neighbourhood"),
            ("They were taken to Jabrin, east of Aleppo city.", "Jabrin", "Jibreen", "neighbourhood"),
            ("Clashes in Eastern Ghouta, outside Damascus, went on.", "Eastern Ghouta", "Eastern Ghouta", "region"),
            ("The convoy reached Deir ez-Zor on Monday.", "Deir ez-Zor", "Deir ez-Zor", "city"),
            ("Aleppo’s eastern districts were shelled.", "Aleppo", "Aleppo", "city"),
            ("وقصفت الطائرات حي الأنصاري في حلب.", "حي الأنصاري", "Al-Ansari", "neighbourhood"),
            ("ونزح الأهالي إلى الرقة.", "الرقة", "Ar Raqqah", "city"),
            ("وصلوا إلى حلب وإدلب.", "وإدلب", "Idlib", "city"),
            ("Displaced families reached El Fasher in North Darfur.", "El Fasher", "El Fasher", "city"),
            ("Shelling hit Kharkiv and Mariupol overnight, Ukraine said.", "Mariupol", "Mariupol", "city"),
        ];
        for (text, surface, name, kind) in cases {
            has(text, surface, name, kind);
        }
    }

    /// Context chooses between places that share a name.
    #[test]
    fn the_documents_city_wins_over_namesakes() {
        // Mashhad is a city in Iran and a neighbourhood of Aleppo.
        has(
            "Regime forces shelled al-Mashhad and other districts of Aleppo.",
            "al-Mashhad",
            "Al-Ansari Mashhad",
            "neighbourhood",
        );
        // Villages named together lie together: Foua and Kefraya in Idlib,
        // not the Kafr `Aya of Homs.
        let text = "Fighters ringed two villages, Kefraya and Foua, in Syria.";
        let found = find(text, &tokenize(text));
        let kefraya = found.iter().find(|m| &text[m.span.start..m.span.end] == "Kefraya").expect("Kefraya found");
        assert!(kefraya.place.within.contains(&"Idlib".to_string()), "{:?}", kefraya.place);
    }

    /// Words and names that look like places but are not, here.
    #[test]
    fn not_places() {
        lacks("Some of our neighbours were killed in Aleppo.", "Some");
        lacks("“Even now,” Omar a-Hamdan told Mira Baker in Aleppo.", "Baker");
        lacks("“Even now,” Omar a-Hamdan told Mira Baker in Aleppo.", "a-Hamdan");
        lacks("Posters of Bashar al-Assad and a cartoon of Bashar hung in Aleppo.", "Bashar");
        lacks("Residents Say Jets Pound Aleppo Villages As Families Try To Escape", "To Escape");
        lacks("Here’s more from Reuters on Aleppo.", "Here’s");
        lacks("قال المسؤول المالي إن الوضع في حلب صعب.", "المالي");
        lacks("كان القصف عنيفاً على حلب.", "كان");
    }

    /// A cue word makes a place of a name no gazetteer has, with no
    /// coordinates rather than wrong ones.
    #[test]
    fn cue_words_make_places_of_unknown_names() {
        let text = "Troops entered the neighbourhoods of Zarqal, Bukhara Heights and Tell Nimrud in Aleppo.";
        let found = find(text, &tokenize(text));
        for name in ["Zarqal", "Bukhara Heights", "Tell Nimrud"] {
            let m = found
                .iter()
                .find(|m| &text[m.span.start..m.span.end] == name)
                .unwrap_or_else(|| panic!("{name}: {found:?}"));
            assert_eq!(m.place.kind, Kind::Neighbourhood);
            assert_eq!(m.place.basis, "text");
            assert_eq!((m.place.lat, m.place.lon), (None, None));
            assert_eq!(m.place.within, ["Aleppo", "Syria"]);
        }
        let text = "قصفت الطائرات حي الزرقلي في مدينة حلب.";
        let found = find(text, &tokenize(text));
        assert!(
            found.iter().any(|m| &text[m.span.start..m.span.end] == "الزرقلي" && m.place.basis == "text"),
            "{found:?}"
        );
    }

    /// A country's adjective before `border` or a kind of place names it.
    #[test]
    fn borders_name_countries() {
        has("Hundreds walked toward the Turkish border.", "Turkish border", "Turkey", "country");
        has("Families waited at the Syrian city of Aleppo's gates.", "Syrian city", "Syria", "country");
    }

    /// A dateline, a purpose and a journey's end are places of the report,
    /// but figures and events take the places where things happen.
    #[test]
    fn datelines_purposes_and_journeys_are_aside() {
        let text = "ERBIL, Kurdistan Region – Rockets hit Idlib in support of Gaza before he left for Ukraine.";
        let tokens = tokenize(text);
        let found = find(text, &tokens);
        let aside: Vec<&str> = found.iter().filter(|m| m.aside).map(|m| &text[m.span.start..m.span.end]).collect();
        assert_eq!(aside, ["ERBIL", "Kurdistan Region", "Gaza", "Ukraine"], "{found:?}");
        let best = by_sentence(&found, &tokens);
        let names: Vec<&str> = best.values().map(|&i| found[i].place.name.as_str()).collect();
        assert_eq!(names, ["Idlib"]);
    }

    /// Precision codes say how sure the coordinates are.
    #[test]
    fn precision_codes() {
        let text = "Shells hit a-Sukkari in Aleppo, Syria.";
        let found = find(text, &tokenize(text));
        let codes: Vec<(u8, u8)> = found.iter().map(|m| (m.place.acled_precision, m.place.ucdp_precision)).collect();
        assert_eq!(codes, [(1, 1), (1, 1), (3, 6)]);
    }
}
