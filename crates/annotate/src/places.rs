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
    ARABIC_DIRECTIONS, ARABIC_NAME_HEADS, BORDER_WORDS, DIRECTIONS, LOCATIVES, PLACE_PARTICLES as PARTICLES,
};
use crate::lexicon::{self, HashMap, HashSet};
use crate::tokens::{capitalized, clitic_bases, is_arabic_word, Kind as TokenKind, Token};
use sitrep_gazetteer::{Entry, Gazetteer, Kind, Level};
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
}

fn cues() -> &'static HashMap<&'static str, Vec<Cue>> {
    static CUES: OnceLock<HashMap<&'static str, Vec<Cue>>> = OnceLock::new();
    CUES.get_or_init(|| {
        let mut map: HashMap<&'static str, Vec<Cue>> = HashMap::default();
        for &(word, kind, before, list) in lexicon::place_cues::CUES {
            // One word may cue both sides (`district of X`, `X district`).
            map.entry(word).or_default().push(Cue { kind, before, list });
        }
        map
    })
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
struct Lookups {
    g: &'static Gazetteer,
}

const LOOKUP_MEMORY: usize = 100_000;

thread_local! {
    static NAMES: std::cell::RefCell<HashMap<String, Vec<(u32, Level)>>> = std::cell::RefCell::new(HashMap::default());
    static ARABIC_STARTS: std::cell::RefCell<HashMap<String, bool>> = std::cell::RefCell::new(HashMap::default());
}

impl Lookups {
    fn new(g: &'static Gazetteer) -> Lookups {
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
#[derive(Debug)]
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
}

/// Finds the places of a text.
pub fn find(text: &str, tokens: &[Token]) -> Vec<PlaceMention> {
    find_with_headlines(text, tokens, &title_case_lines(text, tokens))
}

/// [`find`], given which tokens stand on title-case headline lines
/// ([`title_case_lines`]), which the caller also needs.
pub(crate) fn find_with_headlines(text: &str, tokens: &[Token], headline: &[bool]) -> Vec<PlaceMention> {
    let g = Gazetteer::builtin();
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
    for (first, last, kind) in cue_spans(text, tokens) {
        let span = Span::new(tokens[first].span.start, tokens[last - 1].span.end);
        if extra.iter().any(|c| c.span.overlaps(span)) {
            continue;
        }
        let k = candidates.partition_point(|c| c.span.start < span.end);
        if let Some(c) = k.checked_sub(1).map(|k| &mut candidates[k]).filter(|c| c.span.overlaps(span)) {
            if c.span.start <= span.start && span.end <= c.span.end {
                c.cue = Some(kind);
                continue;
            }
        }
        candidates.retain(|c| !c.span.overlaps(span));
        extra.push(Candidate {
            name: String::new(),
            span,
            first,
            last,
            matches: lookups.get(&text[span.start..span.end]),
            cue: Some(kind),
            initial: false,
            common: false,
            locative: false,
            uncased: false,
            fragment: false,
        });
    }
    candidates.extend(extra);
    candidates.sort_by_key(|c| c.span.start);
    let lowercase: HashSet<&str> = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word && !is_arabic_word(t) && !capitalized(text, t))
        .map(|t| t.key.as_str())
        .collect();
    for c in &mut candidates {
        if c.cue.is_none() && c.last - c.first == 1 && lowercase.contains(tokens[c.first].key.as_str()) {
            c.common = true;
        }
        c.locative = c.first > 0 && LOCATIVES.contains(&tokens[c.first - 1].key.as_str());
    }
    for c in &mut candidates {
        c.name = text[c.span.start..c.span.end].to_string();
    }
    let focus = Focus::of(g, &candidates, tokens);
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
            out.push(PlaceMention { span: c.span, place, cued: c.cue.is_some() });
        }
    }
    out
}

/// Runs of capitalized words (with joining particles and hyphens) and the
/// longest names in them that the gazetteer knows or a cue marks.
fn latin_candidates(lookups: &mut Lookups, text: &str, tokens: &[Token], headline: &[bool]) -> Vec<Candidate> {
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
                        out.push(Candidate {
                            name: String::new(),
                            span,
                            first: s,
                            last: e,
                            matches,
                            cue: None,
                            initial: single && sentence_initial(tokens, s),
                            common: false,
                            locative: false,
                            uncased: false,
                            fragment,
                        });
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
fn arabic_candidates(lookups: &mut Lookups, text: &str, tokens: &[Token]) -> Vec<Candidate> {
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
        let mut found = None;
        'longest: for e in (i + 1..=end).rev() {
            let rest = if e - i > 1 { &text[tokens[i + 1].span.start..tokens[e - 1].span.end] } else { "" };
            for base in clitic_bases(&tokens[i].key, 3) {
                let name = if rest.is_empty() { base.to_string() } else { format!("{base} {rest}") };
                if e - i == 1 && (base.chars().count() < 3 || not_places().contains(base)) {
                    continue;
                }
                let mut matches = lookups.get(&name);
                // `المالي` is "the financial", not Mali: a one-word name
                // written with the article must be one that takes it
                // (`الرقة`, `العراق`).
                if e - i == 1 && base.starts_with("ال") {
                    matches.retain(|(id, _)| {
                        g.entry(*id).names().iter().any(|n| {
                            let f = sitrep_text::fold::fold_key(n);
                            f.starts_with("ال") && f.split_whitespace().count() == 1
                        })
                    });
                }
                if !matches.is_empty() {
                    found = Some((e, matches));
                    break 'longest;
                }
            }
        }
        match found {
            Some((e, matches)) => {
                out.push(Candidate {
                    name: String::new(),
                    span: Span::new(tokens[i].span.start, tokens[e - 1].span.end),
                    first: i,
                    last: e,
                    matches,
                    cue: None,
                    initial: false,
                    common: false,
                    locative: false,
                    uncased: e - i == 1,
                    fragment: false,
                });
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
fn border_candidates(g: &Gazetteer, tokens: &[Token]) -> Vec<Candidate> {
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
        out.push(Candidate {
            name: String::new(),
            span: Span::new(tokens[first].span.start, tokens[last - 1].span.end),
            first,
            last,
            matches: vec![(entry, Level::Exact)],
            cue: None,
            initial: false,
            common: false,
            locative: false,
            uncased: false,
            fragment: false,
        });
    }
    out
}

/// Names that a cue word marks, as token ranges with the cue's kind:
/// `the neighbourhoods of X, Y and Z`, `X district`, `حي الرديف`.
fn cue_spans(text: &str, tokens: &[Token]) -> Vec<(usize, usize, Kind)> {
    let mut out = Vec::new();
    for (k, t) in tokens.iter().enumerate() {
        // `وحي الشجاعية`: an Arabic cue may carry و.
        let bare = if is_arabic_word(t) { t.key.strip_prefix('و').unwrap_or(&t.key) } else { &t.key };
        let Some(list) = cues().get(t.key.as_str()).or_else(|| cues().get(bare)) else { continue };
        for cue in list {
            if is_arabic_word(t) {
                if !cue.before {
                    continue;
                }
                let mut j = k + 1;
                while let Some(w) = tokens.get(j).filter(|w| {
                    is_arabic_word(w) && w.sentence == t.sentence && !ARABIC_DIRECTIONS.contains(&w.key.as_str())
                }) {
                    let head = w.key.strip_prefix("و").filter(|_| j > k + 1).unwrap_or(&w.key);
                    let two = ARABIC_NAME_HEADS.contains(&head)
                        || tokens
                            .get(j + 1)
                            .is_some_and(|n| is_arabic_word(n) && n.key.starts_with("ال") && w.key.starts_with("ال"));
                    let end = if two && tokens.get(j + 1).is_some_and(is_arabic_word) { j + 2 } else { j + 1 };
                    out.push((j, end, cue.kind));
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
                if !cue.list && k > 0 && capitalized(text, &tokens[k - 1]) {
                    continue;
                }
                let mut j = k + 1;
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
                    out.push((j, end, cue.kind));
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
                // `the Fardous district`: the run that ends just before the cue.
                let mut s = k;
                // Back over the name's words, hyphens and particles (`Qasr
                // al-Adli district`).
                while s > 0 && k - s < 12 {
                    let p = &tokens[s - 1];
                    let part = capitalized(text, p)
                        || (p.key == "-" && s >= 2 && tokens[s - 2].span.end == p.span.start)
                        || (PARTICLES.contains(&p.key.as_str()) && s < k);
                    if !part || p.sentence != tokens[k].sentence || is_arabic_word(p) {
                        break;
                    }
                    s -= 1;
                }
                while s < k && latin_run(text, tokens, s).is_none_or(|e| e < k) {
                    s += 1;
                }
                // `Kalma Camp`: the cue may be capitalized, inside the run.
                if s < k && latin_run(text, tokens, s).is_some_and(|e| e >= k) {
                    out.push((s, k, cue.kind));
                }
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
}

/// Kinds and sizes that a name alone makes likely.
fn prior(e: &Entry) -> f64 {
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
        Kind::Village | Kind::Other => 0.5,
    }
}

fn level_penalty(l: Level) -> f64 {
    match l {
        Level::Exact => 0.0,
        Level::Medium => 0.5,
        Level::Skeleton => 1.0,
    }
}

/// Entries that are safe to take without context.
fn prominent(e: &Entry, l: Level) -> bool {
    match e.kind {
        Kind::Country => l != Level::Skeleton,
        Kind::Region => l == Level::Exact,
        Kind::City => l != Level::Skeleton && e.population.unwrap_or(0) >= 100_000,
        _ => false,
    }
}

impl Focus {
    fn of(g: &Gazetteer, candidates: &[Candidate], tokens: &[Token]) -> Focus {
        let mut votes: HashMap<&str, usize> = HashMap::default();
        // `Iraqi forces`, `the Syrian army`: a country's adjective says
        // where the report is as surely as its name.
        for t in tokens {
            if let Some(iso) = demonyms().get(t.key.as_str()) {
                *votes.entry(iso).or_default() += 1;
            }
        }
        let mut picks = Vec::new();
        let mut presence: HashMap<&str, usize> = HashMap::default();
        for c in candidates.iter().filter(|c| !c.common) {
            // Every country a name could be in breaks ties (`Mashhad` is a
            // city of Iran and a quarter of Aleppo; `Aleppo` is only in
            // Syria) but never outvotes a reading: Syria's ten thousand
            // villages would otherwise claim every report.
            let mut countries: Vec<&str> = c.matches.iter().map(|(i, _)| g.entry(*i).country.as_str()).collect();
            countries.sort_unstable();
            countries.dedup();
            for country in countries {
                *presence.entry(country).or_default() += 1;
            }
            let best = c
                .matches
                .iter()
                .filter(|(i, l)| prominent(g.entry(*i), *l))
                .max_by(|a, b| prior(g.entry(a.0)).total_cmp(&prior(g.entry(b.0))));
            if let Some((i, _)) = best {
                let e = g.entry(*i);
                *votes.entry(e.country.as_str()).or_default() += 2;
                picks.push(e);
            }
        }
        let total: usize = votes.values().sum();
        let shares = votes.iter().map(|(c, n)| (c.to_string(), *n as f64 / total.max(1) as f64)).collect();
        let country = votes
            .into_iter()
            .max_by_key(|(c, n)| (*n, presence.get(c).copied().unwrap_or(0), std::cmp::Reverse(*c)))
            .map(|(c, _)| c.to_string());
        let mut f = Focus { country, shares, ..Focus::default() };
        for e in picks.into_iter().filter(|e| Some(&e.country) == f.country.as_ref()) {
            match e.kind {
                Kind::City => {
                    f.cities.insert(e.name.clone());
                    // The city's region: its parents short of the country.
                    let n = e.within.len();
                    f.regions.extend(e.within.iter().take(n.saturating_sub(1)).cloned());
                }
                Kind::Region => {
                    f.regions.insert(e.name.clone());
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

    /// How much the document's focus supports entry `e`: 3 for a place in a
    /// city it names, 1.5 for one in a region it names, 0 otherwise.
    fn support(&self, e: &Entry) -> f64 {
        let in_country = self.country.as_deref() == Some(e.country.as_str());
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

/// The entry a candidate most likely refers to, if any is likely enough.
fn choose(g: &Gazetteer, focus: &Focus, c: &Candidate, neighbours: &HashSet<String>) -> Option<Resolved> {
    let mut best: Option<(f64, &Entry, Level)> = None;
    let name = &c.name;
    for &(i, level) in &c.matches {
        let e = g.entry(i);
        let support = focus.support(e);
        let mut score = prior(e) - level_penalty(level) + support;
        // Reports about a war between two countries name both: each
        // country weighs by its share of the report's votes.
        if !matches!(e.kind, Kind::Country) {
            score += focus.weight(&e.country);
        }
        let in_country = focus.country.as_deref() == Some(e.country.as_str());
        // Abroad, a place is named by its main names, not by the odd
        // alternate a gazetteer lists (`Old City` for Las Vegas, `Hamas`
        // for Hamm).
        if !in_country && !matches!(e.kind, Kind::Country | Kind::Region) && !main_name(e, name) {
            continue;
        }
        // A sentence's first word is capitalized whatever it is (`Nice
        // weather`, `Reading the list`); a fragment of a longer name is
        // part of that name (`Victoria Nuland`).
        if (c.initial || c.fragment) && !(e.kind == Kind::Country || in_country || c.locative) {
            continue;
        }
        // One Arabic word naming a place abroad (`خرج` "went out" is also
        // Al Kharj) needs a preposition or cue before it; so does any place
        // in a country the report does not otherwise name (`Mobile clinics`).
        let named = focus.shares.contains_key(&e.country);
        if (c.uncased && !in_country || !named) && e.kind != Kind::Country && !(c.locative || c.cue.is_some()) {
            continue;
        }
        if matches!(e.kind, Kind::Village | Kind::Town | Kind::Neighbourhood)
            && e.within.iter().any(|w| neighbours.contains(w))
        {
            score += 1.0;
        }
        if c.cue == Some(e.kind) {
            score += 1.0;
        }
        // A neighbourhood or camp cue in a report about one country is a
        // place in that country, whatever else bears the name.
        let cue_elsewhere = matches!(c.cue, Some(Kind::Neighbourhood | Kind::Camp | Kind::Village))
            && focus.country.as_deref().is_some_and(|f| f != e.country);
        // `Jabalia camp` is not the town of Jabalia: a camp cue takes only
        // a camp (else a camp known from the text, near the town).
        let camp_mismatch = c.cue == Some(Kind::Camp) && e.kind != Kind::Camp;
        // `حي جوبر` in a report about Damascus is a quarter of Damascus,
        // not the village of Jawbar near Homs.
        // (`the districts of Aleppo` name the city as their parent.)
        let quarter_elsewhere = c.cue == Some(Kind::Neighbourhood)
            && !matches!(e.kind, Kind::Neighbourhood)
            && !(prominent(e, level) && matches!(e.kind, Kind::City | Kind::Region))
            && support < 3.0
            && !focus.cities.is_empty();
        let fits = if prominent(e, level) {
            !c.common || e.kind == Kind::Country
        } else {
            let context = support > 0.0 || c.cue.is_some();
            let small_ok = match e.kind {
                Kind::Country | Kind::Region | Kind::City => in_country || context || level == Level::Exact,
                // Towns (10,000 people or more) are named in national news;
                // in the country the report is about, the name is enough.
                Kind::Town => context || (in_country && level == Level::Exact),
                _ => context || (c.locative && in_country && level == Level::Exact),
            };
            // One Arabic word could be any word: a small or distant place
            // needs the document's context or a locative before it.
            let uncased_ok = !c.uncased || context || (c.locative && in_country && level == Level::Exact);
            small_ok && uncased_ok && !c.common && !(c.initial && support == 0.0)
        };
        let acceptable =
            fits && !(cue_elsewhere || camp_mismatch || quarter_elsewhere || c.initial && level != Level::Exact);
        if acceptable && best.is_none_or(|(s, b, _)| score > s || (score == s && e.id < b.id)) {
            best = Some((score, e, level));
        }
    }
    let (_, e, _) = best?;
    let (acled, ucdp) = match e.kind {
        Kind::Country => (3, 6),
        Kind::Region if e.within.len() >= 2 => (3, 3),
        Kind::Region => (3, 4),
        _ if e.lat.is_none() => (2, 2),
        _ => (1, 1),
    };
    Some(Resolved {
        id: e.id.clone(),
        name: e.name.clone(),
        kind: e.kind,
        within: e.within.clone(),
        lat: e.lat,
        lon: e.lon,
        pcode: e.pcode.clone(),
        country: Some(e.country.clone()),
        acled_precision: acled,
        ucdp_precision: ucdp,
        basis: "gazetteer",
    })
}

/// Is `name` one of the entry's main names (its preferred name, the first
/// few alternates, or any Arabic name)?
fn main_name(e: &Entry, name: &str) -> bool {
    thread_local! {
        static MAIN: std::cell::RefCell<HashMap<(String, String), bool>> = std::cell::RefCell::new(HashMap::default());
    }
    let memo = (e.id.clone(), name.to_string());
    if let Some(b) = MAIN.with(|m| m.borrow().get(&memo).copied()) {
        return b;
    }
    let key = |n: &str| sitrep_gazetteer::keys::keys(n).exact;
    let k = key(name);
    let b = k.is_some()
        && e.names()
            .iter()
            .enumerate()
            .any(|(i, n)| (i < 4 || n.chars().any(sitrep_text::fold::is_arabic_letter)) && key(n) == k);
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
fn local(text: &str, tokens: &[Token], c: &Candidate, g: &Gazetteer, focus: &Focus) -> Option<Resolved> {
    let _ = (tokens, g);
    let kind = c.cue?;
    let name = text[c.span.start..c.span.end].to_string();
    let mut within: Vec<String> = Vec::new();
    // A camp named after a town lies by it: the town is its parent.
    if kind == Kind::Camp {
        let town = c.matches.iter().map(|(i, _)| g.entry(*i)).find(|e| {
            matches!(e.kind, Kind::City | Kind::Town | Kind::Village)
                && focus.country.as_deref().is_none_or(|f| f == e.country)
        });
        if let Some(t) = town {
            within.push(t.name.clone());
            within.extend(t.within.iter().cloned());
            let key = sitrep_gazetteer::keys::keys(&name).exact.unwrap_or_else(|| name.to_lowercase());
            return Some(Resolved {
                id: format!("text:{key}-camp"),
                name: format!("{name} camp"),
                kind,
                within,
                lat: None,
                lon: None,
                pcode: None,
                country: Some(t.country.clone()),
                acled_precision: 2,
                ucdp_precision: 2,
                basis: "text",
            });
        }
    }
    if matches!(kind, Kind::Neighbourhood | Kind::Camp) && focus.cities.len() == 1 {
        within.extend(focus.cities.iter().cloned());
    }
    if let Some(country) = &focus.country {
        if let Some(e) = g.country(country) {
            within.push(e.name.clone());
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
    for (i, m) in mentions.iter().enumerate() {
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

    /// Precision codes say how sure the coordinates are.
    #[test]
    fn precision_codes() {
        let text = "Shells hit a-Sukkari in Aleppo, Syria.";
        let found = find(text, &tokenize(text));
        let codes: Vec<(u8, u8)> = found.iter().map(|m| (m.place.acled_precision, m.place.ucdp_precision)).collect();
        assert_eq!(codes, [(1, 1), (1, 1), (3, 6)]);
    }
}
