//! Actors: the armed forces, groups, states, organisations and media a
//! report names (`data/actors.tsv`), and the people in it with their roles
//! (`data/roles.txt`).
//!
//! Lexicon aliases are matched on token keys, so `قوات النظام`,
//! `وقوات النظام` and `بقوات النظام` are one alias, and longest first, so
//! `Syrian Arab Army` is not `Syrian` and `Army`. An alias written in
//! capitals (`SAA`, `WHO`) matches only in capitals. Some aliases name a
//! different actor in each conflict (`regime forces`, `government forces`,
//! `قوات النظام`): they are listed under each country's forces, and the
//! country the document is about (from its places) decides; with no such
//! country, the generic row answers.
//!
//! People: a run of capitalized words is a person's name when a title
//! stands before it (`President`, `Dr.`), a role next to it (`citizen
//! journalist Omar a-Hamdan`, `Omar a-Hamdan, a citizen journalist`), or
//! it starts with a common given name. Later mentions by surname alone
//! (`a-Hamdan said`) are the same person. In Arabic, a name after a title
//! or role (`الناشط الإعلامي أحمد النجار`).

use crate::lexicon::demonyms::DEMONYMS;
use crate::lexicon::names::{ARABIC_NAME_STOPS, ARABIC_NOT_NAMES, NAME_PARTICLES};
use crate::lexicon::operators as operators_lists;
use crate::lexicon::{self, ActorRow, HashMap};
use crate::places::is_given_name;
use crate::tokens::{capitalized, clitic_bases, tokenize, Kind as TokenKind, Token};
use sitrep_gazetteer::keys::latin_words;
use sitrep_text::fold::is_arabic_letter;
use sitrep_text::{Span, SpanSet};
use std::sync::OnceLock;

/// An actor mention.
#[derive(Clone, Debug, PartialEq)]
pub struct ActorMention {
    pub span: Span,
    pub id: String,
    pub name: String,
    /// The record's kind: `state-forces`, … `person`.
    pub kind: String,
    /// ACLED's actor name, where the lexicon has one.
    pub acled: Option<String>,
    /// ACLED's interaction code (1 state forces … 8 external forces).
    pub inter: Option<u8>,
    /// ISO 3166-1 alpha-2 of the actor's country.
    pub country: Option<String>,
    /// A person's role as the text gives it (`citizen journalist`).
    pub role: Option<Span>,
    /// `participant` or `reporter` (see [`parts`]).
    pub part: &'static str,
    /// Ids of the actors the text puts on its side ([`allies`]).
    pub allies: Vec<String>,
}

impl ActorMention {
    /// A person named by the words at `span`, with the span of their role.
    fn person(text: &str, span: Span, role: Option<Span>) -> ActorMention {
        let name = text[span.start..span.end].to_string();
        ActorMention {
            span,
            id: person_id(&name),
            name,
            kind: "person".into(),
            acled: None,
            inter: None,
            country: None,
            role,
            part: "participant",
            allies: Vec::new(),
        }
    }

    /// A mention of a lexicon row.
    fn of_row(span: Span, row: &ActorRow) -> ActorMention {
        ActorMention {
            span,
            id: row.id.to_string(),
            name: row.name.to_string(),
            kind: row.kind.to_string(),
            acled: row.acled.map(str::to_string),
            inter: row.inter,
            country: row.country.map(str::to_string),
            role: None,
            part: "participant",
            allies: Vec::new(),
        }
    }
}

#[derive(Debug)]
struct Alias {
    keys: Vec<String>,
    /// Written in capitals: matches only capitals.
    capitals: bool,
    row: usize,
}

struct Lexicon {
    rows: &'static [ActorRow],
    /// First key → aliases starting with it.
    by_first: HashMap<String, Vec<Alias>>,
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::index(lexicon::actors::ACTORS))
}

impl Lexicon {
    /// Every alias of every row by its first key. Aliases are cut into
    /// tokens as the text is, so they match on the same keys.
    fn index(rows: &'static [ActorRow]) -> Lexicon {
        let mut lex = Lexicon { rows, by_first: HashMap::default() };
        for (row, r) in rows.iter().enumerate() {
            for alias in r.aliases {
                let keys: Vec<String> = tokenize(alias).into_iter().map(|t| t.key).collect();
                if keys.is_empty() {
                    continue;
                }
                let letters: Vec<char> = alias.chars().filter(|c| c.is_alphabetic()).collect();
                let capitals = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
                let first = keys[0].clone();
                let list = lex.by_first.entry(first).or_default();
                if !list.iter().any(|a| a.keys == keys && a.row == row) {
                    list.push(Alias { keys, capitals, row });
                }
            }
        }
        lex
    }
}

fn is_upper_token(text: &str, t: &Token) -> bool {
    text[t.span.start..t.span.end].chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
}

/// Lexicon actors in the text. `country` is the country the document is
/// about, which decides aliases several countries' forces share.
fn lexicon_actors(text: &str, tokens: &[Token], country: Option<&str>) -> Vec<ActorMention> {
    let lex = lexicon();
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        // Words, and numerals that begin a name (`400 Mawozo`).
        if t.kind == TokenKind::Punct {
            i += 1;
            continue;
        }
        // The longest alias starting here, with every row it names.
        let mut best: Option<(usize, Vec<usize>)> = None;
        // `للدعم السريع`: ل before the article is written لل.
        let article = t.key.strip_prefix("لل").map(|rest| format!("ال{rest}"));
        let mut firsts: Vec<&str> = clitic_bases(&t.key, 2);
        firsts.extend(article.as_deref());
        for first in firsts {
            for alias in lex.by_first.get(first).into_iter().flatten() {
                let n = alias.keys.len();
                let Some(window) = tokens.get(i..i + n) else { continue };
                let fits = window.iter().skip(1).zip(&alias.keys[1..]).all(|(t, k)| &t.key == k)
                    && (!alias.capitals || window.iter().all(|t| t.kind != TokenKind::Word || is_upper_token(text, t)))
                    && window.iter().all(|w| w.sentence == t.sentence);
                if !fits {
                    continue;
                }
                match &mut best {
                    Some((len, rows)) if *len == n => {
                        if !rows.contains(&alias.row) {
                            rows.push(alias.row);
                        }
                    }
                    Some((len, _)) if *len > n => {}
                    _ => best = Some((n, vec![alias.row])),
                }
            }
        }
        let Some((n, rows)) = best else {
            i += 1;
            continue;
        };
        let pick = rows
            .iter()
            .copied()
            .find(|&r| country.is_some() && lex.rows[r].country == country)
            .or_else(|| if rows.len() == 1 { Some(rows[0]) } else { None })
            .or_else(|| rows.iter().copied().find(|&r| lex.rows[r].country.is_none()))
            .unwrap_or(rows[0]);
        let row = &lex.rows[pick];
        out.push(ActorMention::of_row(Span::new(t.span.start, tokens[i + n - 1].span.end), row));
        i += n;
    }
    out
}

/// Role phrases and titles, as token-key sequences.
struct Roles {
    /// First key → (keys, is a title that directly precedes a name).
    by_first: HashMap<String, Vec<(Vec<String>, bool)>>,
}

fn roles() -> &'static Roles {
    static ROLES: OnceLock<Roles> = OnceLock::new();
    ROLES.get_or_init(|| {
        let mut by_first: HashMap<String, Vec<(Vec<String>, bool)>> = HashMap::default();
        // Phrases are cut into tokens as the text is (`Lt. Gen.`), full
        // stops left out: `role_at` steps over the one after an abbreviation.
        for &(phrase, title) in lexicon::roles::ROLES {
            let keys: Vec<String> =
                tokenize(phrase).into_iter().filter(|t| t.key != ".").map(|t| lexicon::key(&t.key)).collect();
            if keys.is_empty() {
                continue;
            }
            by_first.entry(keys[0].clone()).or_default().push((keys, title));
        }
        for v in by_first.values_mut() {
            v.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
        }
        Roles { by_first }
    })
}

/// The role phrase starting at token `i` (skipping a full stop after an
/// abbreviation): its token range end and whether it is a title.
fn role_at(tokens: &[Token], i: usize) -> Option<(usize, bool)> {
    let t = tokens.get(i)?;
    for first in clitic_bases(&t.key, 2) {
        for (keys, title) in roles().by_first.get(first).into_iter().flatten() {
            let mut j = i + 1;
            let mut ok = true;
            for k in &keys[1..] {
                match tokens.get(j) {
                    Some(t) if &t.key == k => j += 1,
                    _ => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok {
                if tokens.get(j).is_some_and(|t| t.key == ".") && tokens[j].span.start == tokens[j - 1].span.end {
                    j += 1;
                }
                return Some((j, *title));
            }
        }
    }
    None
}

/// Is this key a one-word title that stands before a name (`Minister`,
/// `Dr`, `العميد`)? For the speaker chunker (`speakers.rs`).
pub(crate) fn is_title_key(key: &str) -> bool {
    roles().by_first.get(key).is_some_and(|v| v.iter().any(|(keys, title)| *title && keys.len() == 1))
}

/// The role phrase ending just before token `end` (`spokesman` in
/// `spokesman Jens Laerke`).
fn role_ending_at(tokens: &[Token], end: usize) -> Option<(usize, bool)> {
    (end.saturating_sub(5)..end)
        .find_map(|s| role_at(tokens, s).filter(|(e, _)| *e == end).map(|(_, title)| (s, title)))
}

/// A person's name: a run of capitalized words and joining particles
/// (`Omar a-Hamdan`, `Abdul-Baset Ibrahim`), at most five words.
fn name_run(text: &str, tokens: &[Token], i: usize) -> Option<usize> {
    let joined = |a: &Token, b: &Token| a.span.end == b.span.start;
    let t = tokens.get(i)?;
    if !capitalized(text, t) || t.key.chars().next().is_some_and(is_arabic_letter) {
        return None;
    }
    let mut end = i + 1;
    let mut words = 1;
    while end < tokens.len() && words < 5 {
        let t = &tokens[end];
        if t.key == "-" && joined(&tokens[end - 1], t) && tokens.get(end + 1).is_some_and(|n| joined(t, n)) {
            end += 1;
            continue;
        }
        let particle = NAME_PARTICLES.contains(&t.key.as_str())
            && tokens.get(end + 1).is_some_and(|n| n.key == "-" || capitalized(text, n));
        if (capitalized(text, t) && !t.key.chars().next().is_some_and(is_arabic_letter)) || particle {
            end += 1;
            words += 1;
            continue;
        }
        break;
    }
    Some(end)
}

fn person_id(name: &str) -> String {
    let words =
        if name.chars().any(is_arabic_letter) { sitrep_gazetteer::keys::arabic_words(name) } else { latin_words(name) };
    format!("person:{}", words.join("-"))
}

/// People named in the text, with the span of their role where the text
/// gives one.
fn people(text: &str, tokens: &[Token], taken: &[Span], places: &[Span]) -> Vec<ActorMention> {
    let mut out: Vec<ActorMention> = Vec::new();
    let (taken, places) = (SpanSet::new(taken.iter().copied()), SpanSet::new(places.iter().copied()));
    let overlaps = |s: Span, set: &SpanSet| set.overlaps(s);
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        // Arabic: a title or role, then up to three name words.
        if t.key.chars().next().is_some_and(is_arabic_letter) {
            if let Some((end, _)) = role_at(tokens, i) {
                // `المتحدث باسم الوزارة أشرف القدرة`: words with the article
                // right after the role still belong to it.
                let mut end = end;
                // `المتحدث باسم وزارة الصحة`: the body a spokesman speaks for
                // is a word and its article-words.
                if tokens[end - 1].key == "باسم" && end < tokens.len() {
                    end += 1;
                }
                while end < tokens.len()
                    && end - i < 7
                    && tokens[end].key.starts_with("ال")
                    && tokens[end].key.chars().count() > 3
                {
                    end += 1;
                }
                let mut j = end;
                while j < tokens.len()
                    && j - end < 3
                    && tokens[j].kind == TokenKind::Word
                    && tokens[j].key.chars().next().is_some_and(is_arabic_letter)
                    && !ARABIC_NAME_STOPS.contains(&tokens[j].key.as_str())
                    && !ARABIC_NOT_NAMES.contains(&tokens[j].key.as_str())
                    && role_at(tokens, j).is_none()
                {
                    j += 1;
                }
                if j - end >= 2 {
                    let span = Span::new(tokens[end].span.start, tokens[j - 1].span.end);
                    if !overlaps(span, &taken) {
                        let role = Span::new(t.span.start, tokens[end - 1].span.end);
                        out.push(ActorMention::person(text, span, Some(role)));
                    }
                    i = j;
                    continue;
                }
            }
            i += 1;
            continue;
        }
        let Some(end) = name_run(text, tokens, i) else {
            i += 1;
            continue;
        };
        let words = tokens[i..end].iter().filter(|t| t.kind == TokenKind::Word).count();
        let span = Span::new(t.span.start, tokens[end - 1].span.end);
        if overlaps(span, &taken) || role_at(tokens, i).is_some() {
            i += 1;
            continue;
        }
        // A title or role just before: `President X`, `spokesman X`.
        let before = role_ending_at(tokens, i);
        // A role just after: `X, a citizen journalist`, `X, the head of …`.
        let after = (tokens.get(end).is_some_and(|c| c.key == ",")
            && tokens.get(end + 1).is_some_and(|a| matches!(a.key.as_str(), "a" | "an" | "the")))
        .then(|| {
            let from = end + 2;
            (from..(from + 6).min(tokens.len()))
                .take_while(|&k| tokens[k].kind == TokenKind::Word)
                .find_map(|k| role_at(tokens, k).map(|(e, _)| (from, e)))
        })
        .flatten();
        let given = is_given_name(&t.key) && words >= 2;
        // A place's name is a person's only when a title or role says so
        // (`Secretary Kerry`, not `Kerry` the county).
        if overlaps(span, &places) && before.is_none() && after.is_none() {
            i = end;
            continue;
        }
        let is_person = before.is_some() || after.is_some() || given;
        if is_person && words >= 1 && (words >= 2 || before.is_some_and(|(_, title)| title)) {
            let role = after
                .map(|(s, e)| Span::new(tokens[s].span.start, tokens[e - 1].span.end))
                .or_else(|| before.map(|(s, _)| Span::new(tokens[s].span.start, tokens[i - 1].span.end)));
            out.push(ActorMention::person(text, span, role));
            i = end;
            continue;
        }
        i += 1;
    }
    // Later mentions by surname: `a-Hamdan said`.
    // Surname → the first person found with it.
    let mut known: HashMap<String, (String, String)> = HashMap::default();
    for p in out.iter().filter(|p| !p.name.chars().any(is_arabic_letter)) {
        if let Some(last) = latin_words(&p.name).pop().filter(|l| l.len() >= 3) {
            known.entry(last).or_insert_with(|| (p.id.clone(), p.name.clone()));
        }
    }
    let mut more = Vec::new();
    let found = SpanSet::new(out.iter().map(|p| p.span));
    let mut i = if known.is_empty() { tokens.len() } else { 0 };
    while i < tokens.len() {
        let Some(end) = name_run(text, tokens, i) else {
            i += 1;
            continue;
        };
        let span = Span::new(tokens[i].span.start, tokens[end - 1].span.end);
        // One word besides particles: a surname alone.
        let mut words =
            tokens[i..end].iter().filter(|t| t.kind == TokenKind::Word && !NAME_PARTICLES.contains(&t.key.as_str()));
        let lone = match (words.next(), words.next()) {
            (Some(w), None) => Some(w),
            _ => None,
        };
        if let Some(w) = lone.filter(|_| !overlaps(span, &taken) && !found.overlaps(span)) {
            if let Some((id, name)) = known.get(&w.key) {
                let mut m = ActorMention::person(text, span, None);
                m.id = id.clone();
                m.name = name.clone();
                more.push(m);
            }
        }
        i = end;
    }
    out.extend(more);
    out
}

/// Every actor in the text: lexicon actors, then people outside them.
/// `country` is the country the document is about; `places` are the
/// spans of places too big to be mistaken, which a person's name overlaps
/// only with a title or role beside it.
pub fn find(text: &str, tokens: &[Token], country: Option<&str>, places: &[Span]) -> Vec<ActorMention> {
    let mut out = lexicon_actors(text, tokens, country);
    let operated = operators(text, tokens, country, &out);
    replace_overlapping(&mut out, operated);
    let commanded = commands(text, tokens, country, &out);
    replace_overlapping(&mut out, commanded);
    let taken: Vec<Span> = out.iter().map(|a| a.span).collect();
    out.extend(people(text, tokens, &taken, places));
    // `Defence Minister Israel Katz`, `Jordan Hassan told reporters`: a
    // person named like a country is the person.
    let named = named_like_countries(text, tokens, &out);
    replace_overlapping(&mut out, named);
    // `Nasser Medical Complex`, `Kamal Adwan Hospital`: a given name at
    // the head of a building's name is not a person.
    out.retain(|a| {
        a.kind != "person"
            || !text[a.span.start..a.span.end]
                .rsplit(|c: char| !c.is_alphanumeric())
                .find(|w| !w.is_empty())
                .is_some_and(|w| crate::places::is_feature_head(&w.to_lowercase()))
    });
    out.sort_by_key(|a| (a.span.start, a.span.end));
    parts(tokens, &mut out);
    allies(tokens, &mut out);
    out
}

/// Mentions in `add` take the place of those they overlap.
fn replace_overlapping(out: &mut Vec<ActorMention>, add: Vec<ActorMention>) {
    if add.is_empty() {
        return;
    }
    let spans = SpanSet::new(add.iter().map(|a| a.span));
    out.retain(|a| !spans.overlaps(a.span));
    out.extend(add);
    out.sort_by_key(|a| (a.span.start, a.span.end));
}

/// Does a phrase of `phrases` start at token `i` (a clitic off its first
/// word)? Its end.
fn phrase_at(tokens: &[Token], i: usize, phrases: &[&[&str]]) -> Option<usize> {
    let t = tokens.get(i)?;
    let firsts = clitic_bases(&t.key, 2);
    phrases
        .iter()
        .filter(|p| {
            firsts.contains(&p[0])
                && p[1..].iter().enumerate().all(|(k, w)| tokens.get(i + 1 + k).is_some_and(|t| t.key == *w))
        })
        .map(|p| i + p.len())
        .max()
}

/// The lexicon row of a country's air force, else of its armed forces.
fn forces_of(iso: &str, air: bool) -> Option<&'static ActorRow> {
    let lex = lexicon();
    if air {
        if let Some((_, id)) = operators_lists::AIR_FORCES.iter().find(|(c, _)| *c == iso) {
            if let Some(r) = lex.rows.iter().find(|r| r.id == *id) {
                return Some(r);
            }
        }
    }
    let forces = |r: &&ActorRow| r.kind == "state-forces" && r.country == Some(iso);
    lex.rows.iter().filter(forces).find(|r| r.id.ends_with("-forces")).or_else(|| lex.rows.iter().find(forces))
}

/// The coalition that fights in a country (`طائرات التحالف` over Yemen is
/// the Saudi-led coalition; over Syria or Iraq the US-led one).
fn coalition_of(iso: Option<&str>) -> Option<&'static ActorRow> {
    let lex = lexicon();
    let coalition = |r: &&ActorRow| r.id.contains("coalition") && r.kind == "foreign-state";
    iso.and_then(|c| lex.rows.iter().filter(coalition).find(|r| r.country == Some(c)))
        .or_else(|| lex.rows.iter().filter(coalition).find(|r| r.country.is_none()))
}

/// The operator a word names (`[operators]`, `[demonyms]`).
fn operator(key: &str, country: Option<&str>) -> Option<&'static ActorRow> {
    let bases = clitic_bases(key, 2);
    if let Some((_, op)) = operators_lists::OPERATORS.iter().find(|(w, _)| bases.contains(w)) {
        // `focus:SY`: the country the report is about, else Syria.
        return match op.split_once(':').map_or((*op, None), |(a, b)| (a, Some(b))) {
            ("focus", fallback) => forces_of(country.or(fallback)?, true),
            ("coalition", _) => coalition_of(country),
            (iso, _) => forces_of(iso, true),
        };
    }
    let iso = bases.iter().find_map(|b| DEMONYMS.iter().find(|(a, _)| a == b).map(|(_, iso)| *iso))?;
    forces_of(iso, true)
}

/// Weapons that name their operator: `Russian jets`, `Syrian and Russian
/// warplanes`, `regime helicopters`, `Ethiopia's Air Force`, `الطيران
/// الروسي`, `الطائرات الحربية الروسية`, `مروحيات النظام`, `طيران الاحتلال`.
fn operators(text: &str, tokens: &[Token], country: Option<&str>, known: &[ActorMention]) -> Vec<ActorMention> {
    let aircraft = operators_lists::AIRCRAFT;
    let taken = SpanSet::new(known.iter().map(|a| a.span));
    let mut out: Vec<ActorMention> = Vec::new();
    // A known actor inside the phrase is its operator word (`التحالف` of
    // `طائرات التحالف`): the phrase takes its place.
    let clashes = |span: Span| {
        known.iter().any(|a| a.span.overlaps(span) && !(span.start <= a.span.start && a.span.end <= span.end))
    };
    let _ = taken;
    let push = |out: &mut Vec<ActorMention>, span: Span, row: &ActorRow| {
        if !clashes(span) && !out.iter().any(|m| m.span.overlaps(span)) {
            out.push(ActorMention::of_row(span, row));
        }
    };
    for i in 0..tokens.len() {
        let t = &tokens[i];
        if is_arabic_letter_word(t) {
            // The aircraft, fillers, then the operator's word.
            let Some(end) = phrase_at(tokens, i, aircraft) else { continue };
            let mut j = end;
            while tokens.get(j).is_some_and(|w| operators_lists::AIRCRAFT_FILLERS.contains(&w.key.as_str())) {
                j += 1;
            }
            let Some(w) = tokens.get(j).filter(|w| w.sentence == t.sentence) else { continue };
            if let Some(row) = operator(&w.key, country) {
                push(&mut out, Span::new(t.span.start, w.span.end), row);
            }
            continue;
        }
        // English: the operator's word, then the aircraft; `Syrian and
        // Russian warplanes` names two.
        let Some(row) = operator(&t.key, country) else { continue };
        // `Ethiopia's Air Force`: a country's name and its air force.
        let mut j = i + 1;
        let mut list = Vec::new();
        while tokens.get(j).is_some_and(|a| a.key == "and")
            && tokens.get(j + 1).is_some_and(|n| operator(&n.key, country).is_some())
        {
            list.push(j + 1);
            j += 2;
        }
        let Some(end) =
            phrase_at(tokens, j, aircraft).filter(|_| tokens.get(j).is_some_and(|a| a.sentence == t.sentence))
        else {
            continue;
        };
        let aircraft_end = tokens[end - 1].span.end;
        if list.is_empty() {
            push(&mut out, Span::new(t.span.start, aircraft_end), row);
            continue;
        }
        push(&mut out, t.span, row);
        for (n, &k) in list.iter().enumerate() {
            let Some(r) = operator(&tokens[k].key, country) else { continue };
            let last = n + 1 == list.len();
            let span = if last { Span::new(tokens[k].span.start, aircraft_end) } else { tokens[k].span };
            push(&mut out, span, r);
        }
    }
    // `Ethiopia's Air Force`.
    for i in 0..tokens.len() {
        let t = &tokens[i];
        let raw = &text[t.span.start..t.span.end];
        let Some(name) = raw.strip_suffix("'s").or_else(|| raw.strip_suffix("’s")) else { continue };
        let air =
            tokens.get(i + 1).is_some_and(|a| a.key == "air") && tokens.get(i + 2).is_some_and(|f| f.key == "force");
        if !air {
            continue;
        }
        let iso = sitrep_gazetteer::Gazetteer::builtin()
            .lookup(name)
            .into_iter()
            .map(|(k, _)| sitrep_gazetteer::Gazetteer::builtin().entry(k))
            .find(|e| e.kind == sitrep_gazetteer::Kind::Country)
            .map(|e| e.country.to_string());
        if let Some(row) = iso.and_then(|c| forces_of(&c, true)) {
            push(&mut out, Span::new(t.span.start, tokens[i + 2].span.end), row);
        }
    }
    out
}

fn is_arabic_letter_word(t: &Token) -> bool {
    t.kind == TokenKind::Word && t.key.chars().next().is_some_and(is_arabic_letter)
}

/// Commands named by role and theatre (`قائد عمليات نينوى`, `قيادة
/// عمليات الأنبار`, `the commander of the Nineveh operations`): the forces
/// of the country the report is about, as a command of their own.
fn commands(text: &str, tokens: &[Token], country: Option<&str>, known: &[ActorMention]) -> Vec<ActorMention> {
    let taken = SpanSet::new(known.iter().map(|a| a.span));
    let mut out = Vec::new();
    let stop = |w: &Token| {
        !is_arabic_letter_word(w) || ARABIC_NAME_STOPS.contains(&w.key.as_str()) || crate::lexicon::is_reporting(&w.key)
    };
    let make = |span: Span, theatre: &str| -> ActorMention {
        let mut m = ActorMention::person(text, span, None);
        let words = sitrep_gazetteer::keys::latin_words(theatre);
        let key = if words.is_empty() { sitrep_gazetteer::keys::arabic_words(theatre) } else { words };
        m.id = format!("command:{}", key.join("-"));
        m.name = format!("{theatre} Operations Command");
        m.kind = "state-forces".into();
        m.inter = Some(1);
        m.country = country.map(str::to_string);
        m
    };
    for i in 0..tokens.len() {
        if let Some(end) = phrase_at(tokens, i, operators_lists::COMMAND_HEADS) {
            // The theatre: one word, or two when the first begins a name
            // (`عمليات غرب نينوى`, `عمليات جبل حمرين`).
            let Some(w) = tokens.get(end).filter(|w| !stop(w) && w.sentence == tokens[i].sentence) else { continue };
            let two = (crate::lexicon::places::ARABIC_NAME_HEADS.contains(&w.key.as_str())
                || crate::lexicon::places::ARABIC_DIRECTIONS.contains(&w.key.as_str()))
                && tokens.get(end + 1).is_some_and(|n| !stop(n) && n.sentence == w.sentence);
            let j = if two { end + 2 } else { end + 1 };
            let span = Span::new(tokens[i].span.start, tokens[j - 1].span.end);
            if !taken.overlaps(span) {
                let theatre = &text[tokens[end].span.start..tokens[j - 1].span.end];
                out.push(make(span, theatre));
            }
            continue;
        }
        // `commander of the Nineveh operations`, `the Nineveh Operations Command`.
        if tokens[i].key == "commander" && tokens.get(i + 1).is_some_and(|t| t.key == "of") {
            let mut j = i + 2;
            if tokens.get(j).is_some_and(|t| t.key == "the") {
                j += 1;
            }
            let name_start = j;
            while tokens.get(j).is_some_and(|t| capitalized(text, t)) {
                j += 1;
            }
            if j > name_start && tokens.get(j).is_some_and(|t| t.key == "operations") {
                let span = Span::new(tokens[i].span.start, tokens[j].span.end);
                let theatre = &text[tokens[name_start].span.start..tokens[j - 1].span.end];
                if !taken.overlaps(span) {
                    out.push(make(span, theatre));
                }
            }
        }
    }
    out
}

/// People whose names begin with a country's (`Israel Katz`, `Jordan
/// Hassan`): a title before the name (`Defence Minister`), or a run of two
/// names ending in a given name and followed by a verb of saying, makes
/// the run a person rather than the country and a name.
fn named_like_countries(text: &str, tokens: &[Token], known: &[ActorMention]) -> Vec<ActorMention> {
    let mut out = Vec::new();
    for a in known.iter().filter(|a| a.kind == "foreign-state") {
        let i = tokens.partition_point(|t| t.span.end <= a.span.start);
        if tokens.get(i).is_none_or(|t| t.span.end != a.span.end) {
            continue;
        }
        let Some(next) = tokens.get(i + 1).filter(|n| capitalized(text, n) && !is_arabic_letter_word(n)) else {
            continue;
        };
        let titled = role_ending_at(tokens, i).is_some_and(|(_, title)| title);
        let speaks =
            is_given_name(&next.key) && tokens.get(i + 2).is_some_and(|v| crate::lexicon::is_reporting(&v.key));
        if titled || speaks {
            let span = Span::new(a.span.start, next.span.end);
            let role = role_ending_at(tokens, i).map(|(s, _)| Span::new(tokens[s].span.start, tokens[i - 1].span.end));
            out.push(ActorMention::person(text, span, role));
        }
    }
    out
}

/// Who reports and who takes part. A monitor, an agency, a ministry, the
/// media or a witness named with a verb of saying (`documented`, `said`,
/// `according to`, `وثق`, `قال`) reports (`[reporting_kinds]`); so does a
/// person with no title who speaks. Armed forces announcing their own gains
/// stay parties.
fn parts(tokens: &[Token], out: &mut [ActorMention]) {
    let token_at = |byte: usize| tokens.partition_point(|t| t.span.end <= byte);
    for a in out.iter_mut() {
        let (first, last) = (token_at(a.span.start), token_at(a.span.end.saturating_sub(1)));
        let speaking = |k: usize| {
            tokens.get(k).is_some_and(|t| {
                crate::lexicon::is_reporting(&t.key)
                    || clitic_bases(&t.key, 2).iter().any(|b| operators_lists::DOCUMENTING.contains(b))
            })
        };
        let said = (last + 1..(last + 3).min(tokens.len())).any(speaking)
            || (first.saturating_sub(2)..first).any(speaking)
            || (first >= 2 && tokens[first - 2].key == "according" && tokens[first - 1].key == "to")
            || (first >= 1 && matches!(tokens[first - 1].key.as_str(), "بحسب" | "وفق" | "حسب"));
        let reporting_kind = operators_lists::REPORTING_KINDS.contains(&a.kind.as_str());
        let witness = a.kind == "person" && a.role.is_none();
        if a.kind == "media" || said && (reporting_kind || witness) {
            a.part = "reporter";
        }
    }
}

/// Allies (`[ally_words]`): an actor before the words and one after them,
/// in one sentence, are each other's allies; so are two operators named in
/// one phrase (`Syrian and Russian warplanes`).
fn allies(tokens: &[Token], out: &mut [ActorMention]) {
    let token_at = |byte: usize| tokens.partition_point(|t| t.span.end <= byte);
    let party = |a: &ActorMention| a.part == "participant" && a.kind != "person" && a.kind != "civilians";
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for k in 0..tokens.len() {
        let Some(end) = phrase_at(tokens, k, operators_lists::ALLY_WORDS) else { continue };
        let sentence = tokens[k].sentence;
        let before = out.iter().rposition(|a| {
            let t = token_at(a.span.end.saturating_sub(1));
            t < k && tokens[t].sentence == sentence && party(a)
        });
        let after = out.iter().position(|a| {
            let t = token_at(a.span.start);
            t >= end && tokens[t].sentence == sentence && party(a)
        });
        if let (Some(b), Some(a)) = (before, after) {
            pairs.push((b, a));
        }
    }
    for w in 0..out.len().saturating_sub(1) {
        let (a, b) = (&out[w], &out[w + 1]);
        let between = &tokens[token_at(a.span.end)..token_at(b.span.start)];
        if between.len() == 1 && between[0].key == "and" && party(a) && party(b) && a.country != b.country {
            let operated = |m: &ActorMention| m.kind == "state-forces" || m.kind == "foreign-state";
            if operated(a) && operated(b) {
                pairs.push((w, w + 1));
            }
        }
    }
    for (a, b) in pairs {
        if out[a].id == out[b].id {
            continue;
        }
        let (ia, ib) = (out[a].id.clone(), out[b].id.clone());
        if !out[a].allies.contains(&ib) {
            out[a].allies.push(ib);
        }
        if !out[b].allies.contains(&ia) {
            out[b].allies.push(ia);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actors(text: &str, country: Option<&str>) -> Vec<(String, String, String, Option<String>)> {
        let tokens = tokenize(text);
        find(text, &tokens, country, &[])
            .into_iter()
            .map(|a| {
                (
                    text[a.span.start..a.span.end].to_string(),
                    a.id,
                    a.kind,
                    a.role.map(|r| text[r.start..r.end].to_string()),
                )
            })
            .collect()
    }

    #[test]
    fn the_lexicon_parses_and_aliases_find_their_rows() {
        let lex = lexicon();
        assert!(lex.rows.len() > 100);
        let found = actors("The Syrian Arab Army and Hezbollah advanced; Reuters said.", Some("SY"));
        let kinds: Vec<&str> = found.iter().map(|a| a.2.as_str()).collect();
        assert_eq!(found[0].0, "Syrian Arab Army");
        assert!(kinds.contains(&"state-forces") && kinds.contains(&"media"), "{found:?}");
    }

    /// A building named after a person is no person.
    #[test]
    fn a_name_that_ends_in_a_building_is_no_person() {
        let found = actors("Medics at the Nasser Medical Complex said Omar Haddad died there.", Some("PS"));
        assert!(found.iter().all(|a| !a.0.contains("Complex")), "{found:?}");
        assert!(found.iter().any(|a| a.0 == "Omar Haddad" && a.2 == "person"), "{found:?}");
    }

    #[test]
    fn capitals_only_aliases_need_capitals() {
        let with = actors("The WHO said the SAA shelled the area.", Some("SY"));
        assert!(with.iter().any(|a| a.0 == "WHO"), "{with:?}");
        let without = actors("Those who fled said so.", Some("SY"));
        assert!(without.iter().all(|a| a.0 != "who"), "{without:?}");
    }

    #[test]
    fn shared_aliases_follow_the_documents_country() {
        let sy = actors("Government forces advanced.", Some("SY"));
        let sd = actors("Government forces advanced.", Some("SD"));
        assert_eq!(sy.len(), 1);
        assert_eq!(sd.len(), 1);
        assert_ne!(sy[0].1, sd[0].1, "one phrase, two armies");
    }

    #[test]
    fn arabic_aliases_match_through_clitics() {
        let found = actors("وقصفت قوات النظام الحي، وقال الدفاع المدني إن", Some("SY"));
        assert!(found.iter().any(|a| a.0 == "قوات النظام" && a.2 == "state-forces"), "{found:?}");
    }

    #[test]
    fn people_with_roles() {
        let text = "“We are trapped,” Omar a-Hamdan, a citizen journalist in the east, told reporters. \
                    Spokesman Jens Laerke said aid was blocked. A-Hamdan said the shelling went on.";
        let found = actors(text, Some("SY"));
        let hamdan: Vec<_> = found.iter().filter(|a| a.1 == "person:omar-hamdan").collect();
        assert_eq!(hamdan.len(), 2, "{found:?}");
        assert_eq!(hamdan[0].3.as_deref(), Some("citizen journalist"));
        assert!(found.iter().any(|a| a.0 == "Jens Laerke" && a.3.as_deref() == Some("Spokesman")), "{found:?}");
    }

    #[test]
    fn arabic_people_after_a_title() {
        let found = actors("وقال الناشط الإعلامي أحمد النجار إن القصف مستمر", Some("SY"));
        assert!(found.iter().any(|a| a.0 == "أحمد النجار" && a.2 == "person"), "{found:?}");
    }
}
