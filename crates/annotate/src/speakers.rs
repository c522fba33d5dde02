//! Speakers: the noun phrase of a reporting frame that names who speaks.
//!
//! A frame ([`crate::frames`]) hands this module the words where its
//! speaker stands: in English before the verb (`Selim Arkan, adviser to
//! President Doruk, said`) or after it (`,” said a doctor at Mercy
//! Hospital`); in Arabic after the verb, up to the complementiser or colon
//! (`وقال مدير الدفاع المدني في المحافظة، سليم الحمدان، إن`). The chunker
//! reads the head of that phrase and the appositions after it, and says
//! what it is: a person (with a name, and the role the text gives), an
//! organisation, a group (`residents`, `الأهالي`), a description of an
//! unnamed person (`a resident of Kherson`, `مصدر طبي`), a pronoun, a
//! statement (`the statement`, `البيان`) or a relative pronoun. Names
//! inside a role (`adviser to President Doruk`), inside a relative clause
//! or an anonymity clause, and addressees (`لوكالة فرانس برس`) are never
//! the speaker.
//!
//! Name shapes: actors' person mentions (titles and roles, given names),
//! runs of capitalized words, `Abu X`/`Um X` and `أبو X`/`أم X` (also
//! joined, `أبوغيث`), Arabic given names (`data/speakers.txt`), and names
//! in quotation marks in the speaker's place (`وقال "أبو رائد"`).

use crate::actors::ActorMention;
use crate::lexicon::{self, HashSet};
use crate::tokens::{capitalized, is_arabic_word, Kind, Token};
use sitrep_text::Span;
use std::sync::OnceLock;

/// A set of a compiled word list, built once.
macro_rules! word_set {
    ($name:ident, $list:expr) => {
        pub(crate) fn $name(key: &str) -> bool {
            static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
            SET.get_or_init(|| $list.iter().copied().collect()).contains(key)
        }
    };
}

word_set!(is_org_head, lexicon::speakers::ORG_HEADS);
word_set!(is_group_noun, lexicon::speakers::GROUP_NOUNS);
word_set!(is_person_noun, lexicon::speakers::PERSON_NOUNS);
word_set!(is_generic_person, lexicon::speakers::GENERIC_PEOPLE);
word_set!(is_generic_body, lexicon::speakers::GENERIC_BODIES);
word_set!(is_female_word, lexicon::speakers::FEMALE_WORDS);
word_set!(is_male_word, lexicon::speakers::MALE_WORDS);
word_set!(is_kunya, lexicon::speakers::KUNYA);
word_set!(is_title_link, lexicon::speakers::TITLE_LINKS);
word_set!(is_addressee_noun, lexicon::speakers::ADDRESSEE_NOUNS);
word_set!(is_pp_head, lexicon::speakers::PP_HEADS);
word_set!(is_pp_noun, lexicon::speakers::PP_NOUNS);
word_set!(is_time_word, lexicon::speakers::TIME_WORDS);
word_set!(is_slot_skip, lexicon::speakers::SLOT_SKIPS);
word_set!(is_relative, lexicon::speakers::RELATIVES);
word_set!(is_clause_word, lexicon::speakers::CLAUSE_WORDS);
word_set!(is_anonymity, lexicon::speakers::ANONYMITY);
word_set!(is_statement_word, lexicon::reporting_verbs::STATEMENT_NOUNS);

/// A statement noun, with the article or a possessive ending
/// (`تقريرها`, `بيانه`) or without.
pub(crate) fn is_statement_noun(key: &str) -> bool {
    is_statement_word(key)
        || ["ها", "هم", "ه"]
            .iter()
            .any(|suffix| key.strip_suffix(suffix).is_some_and(|k| k.chars().count() >= 3 && is_statement_word(k)))
}
word_set!(is_speech_noun, lexicon::reporting_verbs::SPEECH_NOUNS);
word_set!(is_complementiser_word, lexicon::reporting_verbs::COMPLEMENTISERS);
word_set!(is_credit_label, lexicon::quotes::CREDIT_LABELS);
word_set!(is_name_noun, lexicon::quotes::NAME_NOUNS);

/// Grammatical gender and number, as a form or a word shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
    Plural,
    /// `it`: a body or a thing.
    Neuter,
    Unknown,
}

impl Gender {
    pub(crate) fn parse(s: &str) -> Gender {
        match s {
            "m" => Gender::Male,
            "f" => Gender::Female,
            "p" => Gender::Plural,
            "-" => Gender::Neuter,
            _ => Gender::Unknown,
        }
    }
    /// Could a referent of gender `self` be picked up by a form showing `want`?
    pub(crate) fn fits(self, want: Gender) -> bool {
        self == Gender::Unknown || want == Gender::Unknown || self == want
    }
}

/// The gender a given name shows, Arabic or Latin.
pub(crate) fn given_gender(key: &str) -> Option<Gender> {
    static MAP: OnceLock<crate::lexicon::HashMap<&'static str, &'static str>> = OnceLock::new();
    let map = MAP.get_or_init(|| {
        lexicon::speakers::ARABIC_GIVEN_NAMES.iter().chain(lexicon::speakers::LATIN_GIVEN_GENDERS).copied().collect()
    });
    map.get(key).map(|g| Gender::parse(g))
}

/// The gender of a given name, written alone or after a fused و or ف
/// (`وسامي`; but `فاطمة` and `وليد` are names as they stand).
pub(crate) fn given_of(key: &str) -> Option<Gender> {
    given_gender(key).or_else(|| given_gender(without_wa(key)))
}

/// The gender of the given name written at token `i`: `على` (on) folds to
/// the key of `علي` (Ali) but is the preposition.
pub(crate) fn given_at(ctx: &Ctx, i: usize) -> Option<Gender> {
    let t = ctx.tokens.get(i)?;
    let word = &ctx.text[t.span.start..t.span.end];
    if word.ends_with('ى') && without_wa(&t.key) == "علي" {
        return None;
    }
    given_of(&t.key)
}

/// A pronoun's gender (`he`, `she`, `they`, `it`, `هو`).
pub(crate) fn pronoun(key: &str) -> Option<Gender> {
    lexicon::speakers::PRONOUNS.iter().find(|(k, _)| *k == key).map(|(_, g)| Gender::parse(g))
}

/// What a speaker's phrase names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NpKind {
    Person,
    Org,
    Group,
    Description,
    Pronoun,
    Statement,
    /// `which`, `who`, `الذي`: the phrase before it.
    Relative,
    /// `قوله` after a source: the speaker of the sentence.
    Speech,
}

/// A speaker's noun phrase: token ranges `[start, end)`.
#[derive(Clone, Debug)]
pub struct Np {
    pub first: usize,
    pub end: usize,
    /// The head, before any apposition.
    pub head: (usize, usize),
    /// A person's name inside the phrase.
    pub name: Option<(usize, usize)>,
    /// The speaker's words as the text writes them (quotation marks taken
    /// off), when they are not a plain token range.
    pub text: Option<String>,
    pub role: Option<Span>,
    pub kind: NpKind,
    pub gender: Gender,
    /// `the …`, `ال…`: may name someone met before.
    pub definite: bool,
    /// Descriptions beside the name (`, a 41-year-old engineer,`, `، مدير
    /// محطة المياه،`), which later mentions may use.
    pub descr: Vec<Span>,
}

/// What the chunker reads: the text, its tokens, the actors found in it
/// and which tokens stand inside quotation marks.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub actors: &'a [ActorMention],
    /// For each token, whether it is inside quotation marks.
    pub quoted: Vec<bool>,
    /// Token ranges of the actors, in the order of `actors`.
    pub actor_tokens: Vec<(usize, usize)>,
}

/// Quotation marks as tokens.
pub(crate) fn is_quote_mark(t: &Token) -> bool {
    t.kind == Kind::Punct && matches!(t.key.as_str(), "“" | "”" | "\"" | "«" | "»" | "„" | "‘" | "’")
}

/// An Arabic key without a fused و or ف (`وقال` → `قال`), keeping three letters.
pub(crate) fn without_wa(key: &str) -> &str {
    if let Some(rest) = key.strip_prefix(['و', 'ف']).filter(|r| r.chars().count() >= 3) {
        return rest;
    }
    key
}

/// An Arabic key without its article, and the fused و, ف, ب or ك before it
/// (`والوزارة` → `وزاره`, `للوزارة` → `وزاره`). A word that only starts
/// with و (`وزارة`, `وليد`) keeps it.
pub(crate) fn bare(key: &str) -> &str {
    for p in ["وال", "فال", "وبال", "فبال", "ولل", "فلل", "بال", "كال", "لل", "ال"] {
        if let Some(rest) = key.strip_prefix(p).filter(|r| r.chars().count() >= 2) {
            return rest;
        }
    }
    key
}

/// Does any reading of an Arabic key (as written, without its article,
/// without a fused و or ف) pass `f`?
pub(crate) fn any_reading(key: &str, f: impl Fn(&str) -> bool) -> bool {
    let w = without_wa(key);
    f(key) || f(bare(key)) || f(w) || f(bare(w))
}

/// Does the Arabic key carry the article (`الهيئة`, `والهيئة`, `للهيئة`)?
pub(crate) fn definite_ar(key: &str) -> bool {
    let k = without_wa(key);
    ["ال", "بال", "لل", "كال"].iter().any(|p| k.starts_with(p) && k.chars().count() > 3)
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(text: &'a str, tokens: &'a [Token], actors: &'a [ActorMention], quoted: Vec<bool>) -> Ctx<'a> {
        let actor_tokens = actors
            .iter()
            .map(|a| {
                let s = tokens.partition_point(|t| t.span.start < a.span.start);
                let e = tokens.partition_point(|t| t.span.end <= a.span.end);
                (s, e.max(s))
            })
            .collect();
        Ctx { text, tokens, actors, quoted, actor_tokens }
    }

    pub(crate) fn key(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.key.as_str())
    }

    pub(crate) fn span(&self, from: usize, to: usize) -> Span {
        Span::new(self.tokens[from].span.start, self.tokens[to - 1].span.end)
    }

    /// The words of a token range, quotation marks and edge punctuation
    /// taken off.
    pub(crate) fn words(&self, from: usize, to: usize) -> String {
        if from >= to || to > self.tokens.len() {
            return String::new();
        }
        let s = &self.text[self.tokens[from].span.start..self.tokens[to - 1].span.end];
        let cleaned: String = s.chars().filter(|c| !matches!(c, '“' | '”' | '"' | '«' | '»' | '„')).collect();
        let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
        cleaned.trim_matches(|c: char| c.is_ascii_punctuation() || matches!(c, '،' | '–' | '—')).to_string()
    }

    /// Actors lying inside a token range: their indices. An Arabic person
    /// whose name would start with the article or a preposition
    /// (`للشؤون الإنسانية` after `رئيس الوزراء`) is a title's words, not a
    /// name.
    fn actors_in(&self, from: usize, to: usize) -> impl Iterator<Item = usize> + '_ {
        self.actor_tokens
            .iter()
            .enumerate()
            .filter(move |(_, (s, e))| *s >= from && *e <= to && s < e)
            .map(|(k, _)| k)
            .filter(|&k| self.plausible(k))
    }

    pub(crate) fn plausible(&self, a: usize) -> bool {
        if self.actors[a].kind != "person" {
            return true;
        }
        let (s, _) = self.actor_tokens[a];
        let Some(t) = self.tokens.get(s) else { return false };
        if !is_arabic_word(t) {
            return true;
        }
        let k = t.key.as_str();
        let b = bare(k);
        !(definite_ar(k)
            || k.starts_with("لل")
            || any_reading(k, is_org_head)
            || any_reading(k, is_person_noun)
            || crate::lexicon::names::ARABIC_NOT_NAMES.contains(&b))
    }

    fn is_punct(&self, i: usize, keys: &[&str]) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == Kind::Punct && keys.contains(&t.key.as_str()))
    }

    fn is_comma(&self, i: usize) -> bool {
        self.is_punct(i, &[",", "،"])
    }

    fn joined(&self, a: usize, b: usize) -> bool {
        match (self.tokens.get(a), self.tokens.get(b)) {
            (Some(x), Some(y)) => x.span.end == y.span.start,
            _ => false,
        }
    }

    fn is_numeral(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == Kind::Numeral)
    }
}

/// Is token `i` the start of a frame verb (any verb of saying)?
fn is_verb_at(ctx: &Ctx, i: usize) -> bool {
    crate::frames::verb(ctx.key(i)).is_some()
}

// ---------------------------------------------------------------- English

fn determiner(k: &str) -> bool {
    matches!(
        k,
        "a" | "an"
            | "the"
            | "one"
            | "another"
            | "two"
            | "three"
            | "some"
            | "several"
            | "many"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
    )
}

/// Where an English head ends: its first stop at or after `from`.
fn head_end_en(ctx: &Ctx, from: usize, to: usize) -> usize {
    let mut h = from;
    while h < to {
        let t = &ctx.tokens[h];
        if t.key == "\n" {
            break;
        }
        if t.kind == Kind::Punct {
            // `Lt.` `Dr.` `U.N.`, `al-Sayed`: inside a name.
            let abbrev = t.key == "." && h > from && ctx.joined(h - 1, h) && {
                let p = ctx.key(h - 1);
                p.chars().count() <= 3 || crate::lexicon::tokens::ABBREVIATIONS.contains(&p)
            };
            let hyphen = t.key == "-" && h > from && ctx.joined(h - 1, h) && ctx.joined(h, h + 1);
            if abbrev || hyphen || t.key == "&" {
                h += 1;
                continue;
            }
            break;
        }
        let k = t.key.as_str();
        // `The hospital received 43 bodies`: a count is not a speaker's
        // word (`a 41-year-old` is).
        if h > from && t.kind == Kind::Numeral && !(ctx.key(h + 1) == "-" && ctx.joined(h, h + 1)) {
            break;
        }
        if h > from
            && (is_relative(k)
                || is_slot_skip(k)
                || is_anonymity(k)
                || is_verb_at(ctx, h)
                || k == "according"
                || k == "that"
                || (matches!(k, "on" | "in" | "at" | "this" | "last" | "earlier")
                    && (is_time_word(ctx.key(h + 1))
                        || ctx.is_numeral(h + 1)
                        || matches!(ctx.key(h + 1), "a" | "an" | "the") && is_statement_noun(ctx.key(h + 2))))
                || is_time_word(k))
        {
            break;
        }
        h += 1;
        if h - from >= 12 {
            break;
        }
    }
    h
}

/// A run of capitalized words (with name particles and hyphens) inside
/// `[from, to)`: its last start-to-end stretch of at least `min` words.
fn capital_run(ctx: &Ctx, from: usize, to: usize) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    let mut i = from;
    while i < to {
        let t = &ctx.tokens[i];
        if t.kind == Kind::Word && capitalized(ctx.text, t) && !is_arabic_word(t) {
            let s = i;
            let mut e = i + 1;
            while e < to {
                let u = &ctx.tokens[e];
                let particle = crate::lexicon::names::NAME_PARTICLES.contains(&u.key.as_str())
                    && e + 1 < to
                    && (ctx.key(e + 1) == "-" || capitalized(ctx.text, &ctx.tokens[e + 1]));
                let hyphen = u.key == "-" && ctx.joined(e - 1, e) && ctx.joined(e, e + 1);
                let dot = u.key == "." && ctx.joined(e - 1, e) && ctx.key(e - 1).chars().count() <= 2;
                if (u.kind == Kind::Word && capitalized(ctx.text, u)) || particle || hyphen || dot {
                    e += 1;
                } else {
                    break;
                }
            }
            best = Some((s, e));
            i = e;
        } else {
            i += 1;
        }
    }
    best
}

/// Words of a capitalized run that are titles or person nouns at its
/// start (`Villager Lena Varga`, `Minister Farouk Ali`): the name starts after.
fn strip_leading_roles(ctx: &Ctx, run: (usize, usize)) -> (usize, usize) {
    let (mut s, e) = run;
    // `Khost’s Mayor Jalil Hasani`, `Gaza's Health Minister …`: the
    // possessor is where the role is, not part of the name.
    if let Some(p) = (s..e.saturating_sub(1)).find(|&k| {
        let key = ctx.key(k);
        key.ends_with("’s") || key.ends_with("'s") || matches!(key, "’" | "'") && ctx.key(k + 1) == "s"
    }) {
        let after = if matches!(ctx.key(p), "’" | "'") { p + 2 } else { p + 1 };
        if after + 1 < e {
            s = after;
        }
    }
    while s + 1 < e {
        let k = ctx.key(s);
        let titled = crate::actors::is_title_key(k) || is_person_noun(k) || ctx.key(s) == ".";
        if titled {
            s += 1;
        } else {
            break;
        }
    }
    (s, e)
}

/// The English words `[from, to)` as a speaker's phrase.
pub(crate) fn np_en(ctx: &Ctx, from: usize, to: usize) -> Option<Np> {
    let mut i = from;
    while i < to && (ctx.is_punct(i, &[",", "—", "–", "-"]) || matches!(ctx.key(i), "and" | "but" | "so")) {
        i += 1;
    }
    if i >= to || ctx.tokens[i].kind != Kind::Word {
        return None;
    }
    let k0 = ctx.key(i);
    let single = i + 1 >= to || ctx.tokens[i + 1].kind == Kind::Punct || is_slot_skip(ctx.key(i + 1));
    if let Some(g) = pronoun(k0).filter(|_| single) {
        return Some(Np::plain(i, i + 1, NpKind::Pronoun, g));
    }
    if is_relative(k0) {
        return Some(Np::plain(i, i + 1, NpKind::Relative, Gender::Unknown));
    }
    let h = head_end_en(ctx, i, to);
    // `all told`: a quantifier alone is no one.
    if h == i
        || h == i + 1
            && matches!(k0, "all" | "both" | "each" | "none" | "it's" | "there" | "a" | "an" | "the" | "this" | "that")
    {
        return None;
    }
    let mut np = classify_en(ctx, i, h);
    // Appositions: `, a nurse in the old city,`, `, Sgt. Leila Nour,`, `, 33,`.
    let mut j = h;
    while j < to && ctx.is_comma(j) {
        let s = j + 1;
        let mut e = s;
        while e < to && !ctx.is_comma(e) && !is_quote_mark(&ctx.tokens[e]) && ctx.key(e) != "\n" {
            e += 1;
        }
        if s >= e {
            break;
        }
        let k = ctx.key(s);
        if is_relative(k) || is_anonymity(k) || k == "speaking" {
            if np.gender == Gender::Unknown && k == "who" {
                np.gender = gender_after(ctx, s, e);
            }
        } else if ctx.is_numeral(s) && e - s <= 2 {
            // An age.
        } else {
            let seg_end = head_end_en(ctx, s, e);
            let seg = classify_en(ctx, s, seg_end.max(s + 1));
            match (np.kind, seg.kind) {
                (NpKind::Description | NpKind::Group, NpKind::Person) if seg.name.is_some() => {
                    let role = ctx.span(np.head.0, np.head.1);
                    np.name = seg.name;
                    np.kind = NpKind::Person;
                    np.role = Some(role);
                    if seg.gender != Gender::Unknown {
                        np.gender = seg.gender;
                    }
                }
                (NpKind::Person, NpKind::Description | NpKind::Org | NpKind::Group) => {
                    let span = ctx.span(s, seg_end.max(s + 1));
                    if np.role.is_none() {
                        np.role = Some(span);
                    }
                    np.descr.push(span);
                    if np.gender == Gender::Unknown {
                        np.gender = seg.gender;
                    }
                }
                _ => {}
            }
        }
        j = e;
    }
    np.end = j.max(h);
    Some(np)
}

impl Np {
    fn plain(first: usize, end: usize, kind: NpKind, gender: Gender) -> Np {
        Np {
            first,
            end,
            head: (first, end),
            name: None,
            text: None,
            role: None,
            kind,
            gender,
            definite: false,
            descr: Vec::new(),
        }
    }

    /// The speaker as the record gives it: a person's name, else the
    /// phrase's head as written.
    pub(crate) fn display(&self, ctx: &Ctx) -> String {
        if let Some(t) = &self.text {
            return t.clone();
        }
        let (s, e) = self.name.unwrap_or(self.head);
        let mut w = ctx.words(s, e);
        // `Mr.`, `Dr.` left at the front of a name.
        for t in ["Mr. ", "Ms. ", "Mrs. ", "Dr. ", "MR. ", "MS. "] {
            if let Some(r) = w.strip_prefix(t) {
                w = r.to_string();
            }
        }
        w
    }
}

/// The gender shown by the first he/she/his/her after `from` (in `[from,
/// to)`): `who lost her house`.
fn gender_after(ctx: &Ctx, from: usize, to: usize) -> Gender {
    for i in from..to.min(ctx.tokens.len()) {
        match ctx.key(i) {
            "he" | "his" | "him" | "himself" => return Gender::Male,
            "she" | "her" | "hers" | "herself" => return Gender::Female,
            _ => {}
        }
    }
    Gender::Unknown
}

/// What the English head `[i, h)` names.
fn classify_en(ctx: &Ctx, i: usize, h: usize) -> Np {
    let mut np = Np::plain(i, h, NpKind::Description, Gender::Unknown);
    let first = ctx.key(i);
    np.definite = first == "the";
    let keys: Vec<&str> = (i..h).map(|k| ctx.key(k)).collect();
    // A gender word in the head: `spokeswoman`, `the mother of two`.
    for k in &keys {
        if is_female_word(k) {
            np.gender = Gender::Female;
        } else if is_male_word(k) {
            np.gender = Gender::Male;
        }
    }
    // A statement: its issuer, when the phrase names one (`a statement
    // from the regional defence ministry`).
    if keys.iter().take(3).any(|k| is_statement_noun(k)) && !keys.iter().any(|k| is_person_noun(k)) {
        if let Some(p) = (i..h).position(|k| matches!(ctx.key(k), "from" | "by" | "of")) {
            let from = i + p + 1;
            let mut by = from;
            while by < h && matches!(ctx.key(by), "provided" | "issued" | "released" | "published") {
                by += 1;
            }
            if let Some(inner) =
                (by < h).then(|| classify_en(ctx, by, h)).filter(|n| n.kind == NpKind::Org || n.kind == NpKind::Person)
            {
                return inner;
            }
            // `a statement of condolence sent by the council`.
            if let Some(q) = (from..h).position(|k| ctx.key(k) == "by") {
                let inner = classify_en(ctx, from + q + 1, h);
                if matches!(inner.kind, NpKind::Org | NpKind::Person) {
                    return inner;
                }
            }
        }
        np.kind = NpKind::Statement;
        np.gender = Gender::Neuter;
        return np;
    }
    // A person the actor layer found.
    let person = ctx.actors_in(i, h).find(|&a| ctx.actors[a].kind == "person");
    if let Some(a) = person {
        let (s, e) = ctx.actor_tokens[a];
        // `a-Rifai`: particles before the surname are the name's.
        let s = if (i..s).all(|k| ctx.key(k) == "-" || crate::lexicon::names::NAME_PARTICLES.contains(&ctx.key(k))) {
            i
        } else {
            s
        };
        np.kind = NpKind::Person;
        np.name = Some((s, e));
        np.role = ctx.actors[a].role.or_else(|| (s > i).then(|| ctx.span(i, s)));
        if np.role.is_none() && e < h && ctx.key(e) == "of" {
            np.role = Some(ctx.span(e + 1, h));
        }
        if np.gender == Gender::Unknown {
            np.gender = given_gender(ctx.key(s)).unwrap_or(Gender::Unknown);
        }
        return np;
    }
    // `Abu Hadi`, `Um Khaled`.
    if let Some(k) = (i..h.saturating_sub(1)).find(|&k| {
        is_kunya(ctx.key(k)) && capitalized(ctx.text, &ctx.tokens[k]) && capitalized(ctx.text, &ctx.tokens[k + 1])
    }) {
        np.kind = NpKind::Person;
        np.name = Some((k, k + 2));
        np.gender = if matches!(ctx.key(k), "um" | "umm" | "oum") { Gender::Female } else { Gender::Male };
        if k > i {
            np.role = Some(ctx.span(i, k));
        }
        return np;
    }
    // The head noun: the last word before a preposition (`a spokesman for
    // the district administration` is a person, `the UN refugee agency` a
    // body).
    let pre = keys
        .iter()
        .position(|k| matches!(*k, "of" | "for" | "at" | "in" | "from" | "with" | "to" | "on" | "inside" | "near"))
        .unwrap_or(keys.len());
    let head_noun = keys[..pre].last().copied().unwrap_or("");
    let person_head =
        is_person_noun(head_noun) || is_female_word(head_noun) || is_male_word(head_noun) || is_group_noun(head_noun);
    let org = !person_head
        && (keys[..pre].iter().any(|k| is_org_head(k))
            || ctx.actors_in(i, h).any(|a| !matches!(ctx.actors[a].kind.as_str(), "person" | "civilians")));
    // A name: capitalized words that are not a body's (`Mariam Toure`,
    // `the teacher Mona Saleh`, `Villager Lena Varga`).
    if !org {
        if let Some(run) = capital_run(ctx, i, h) {
            let (s, e) = strip_leading_roles(ctx, run);
            let words = (s..e).filter(|&k| ctx.tokens[k].kind == Kind::Word).count();
            let sentence_start = s == 0 || ctx.tokens[s - 1].sentence != ctx.tokens[s].sentence;
            // One capitalized word is a name when it is a given name, when it
            // alone stands in the speaker's place (`Baldwin tweeted`), or
            // after a title or a person's noun (`Villager Varga`, `his cousin
            // Samer`); not after another word (`eastern Aleppo`).
            let after_person = s > i && {
                let p = ctx.key(s - 1);
                is_person_noun(p) || crate::actors::is_title_key(p) || ctx.key(s - 1) == "."
            };
            let lone_ok = words == 1
                && (given_gender(ctx.key(s)).is_some() || (!sentence_start && s == i) || after_person)
                && !is_group_noun(ctx.key(s))
                && !is_person_noun(ctx.key(s))
                && !determiner(ctx.key(s))
                && e == h;
            let plain_words =
                (s..e).all(|k| !is_person_noun(ctx.key(k)) && !is_group_noun(ctx.key(k)) && !determiner(ctx.key(k)));
            // `a resident of Kherson`, `a doctor at Mercy Hospital`: a place
            // or a body after a preposition, not the speaker's name.
            let after_preposition = (i..s).any(|k| {
                matches!(ctx.key(k), "of" | "in" | "at" | "from" | "for" | "with" | "near" | "inside" | "to" | "on")
            });
            // `a Kilo Valley district council spokesman`: capitals
            // that modify the noun after them are not a name.
            let ends_head = e == h || matches!(ctx.key(e), "of" | "from");
            if ((words >= 2 && plain_words && words <= 5) || lone_ok) && !after_preposition && ends_head {
                np.kind = NpKind::Person;
                np.name = Some((s, e));
                if s > i {
                    np.role = Some(ctx.span(i, s));
                }
                if np.gender == Gender::Unknown {
                    np.gender = given_gender(ctx.key(s)).unwrap_or(Gender::Unknown);
                }
                return np;
            }
        }
    }
    if org {
        np.kind = NpKind::Org;
        if np.gender == Gender::Unknown {
            np.gender = Gender::Neuter;
        }
        return np;
    }
    if keys.iter().any(|k| is_group_noun(k)) && !keys.iter().any(|k| matches!(*k, "a" | "an" | "one" | "another")) {
        np.kind = NpKind::Group;
        np.gender = Gender::Plural;
    }
    // `Three Afghan civilians`, `two medics`, `the children`: a plural
    // head is never the `he` or `she` of a later quote.
    if np.gender == Gender::Unknown && plural_en(head_noun, &keys) {
        np.gender = Gender::Plural;
    }
    np
}

/// Whether an English head noun is plural, by its form or a count before
/// it.
fn plural_en(head: &str, keys: &[&str]) -> bool {
    let counted = keys.first().is_some_and(|k| {
        matches!(
            *k,
            "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "several"
                | "many"
                | "some"
                | "dozens"
                | "hundreds"
                | "thousands"
                | "both"
                | "all"
                | "most"
                | "these"
                | "those"
        ) || k.chars().all(|c| c.is_ascii_digit()) && k.parse::<u64>().is_ok_and(|n| n > 1)
    });
    let irregular = matches!(head, "people" | "children" | "men" | "women" | "police" | "personnel" | "folk");
    let regular = head.len() > 3
        && head.ends_with('s')
        && !["ss", "us", "is", "ys'"].iter().any(|e| head.ends_with(e))
        && head.chars().all(|c| c.is_alphabetic());
    counted || irregular || regular
}

// ---------------------------------------------------------------- Arabic

/// Does token `i` start an addressee (`لوكالة فرانس برس`, `لـ"الوطن"`,
/// `للصحفيين`, `لنا`)? Not after a title link (`التابع لوزارة`).
pub(crate) fn addressee_at(ctx: &Ctx, i: usize) -> bool {
    let Some(t) = ctx.tokens.get(i) else { return false };
    if !is_arabic_word(t) || i > 0 && is_title_link(ctx.key(i - 1)) {
        return false;
    }
    let k = without_wa(&t.key);
    let Some(rest) = k.strip_prefix('ل') else { return false };
    // `لـ` standing alone: a name follows, often in quotation marks.
    if rest.is_empty() {
        return true;
    }
    if is_title_link(k) {
        return false;
    }
    let base = rest.strip_prefix('ل').unwrap_or_else(|| rest.strip_prefix("ال").unwrap_or(rest));
    if is_addressee_noun(base) || is_addressee_noun(rest) {
        return true;
    }
    // A media outlet the actor layer knows, with the لـ fused to it.
    ctx.actor_tokens.iter().enumerate().any(|(a, (s, _))| *s == i && ctx.actors[a].kind == "media")
}

/// Does a prepositional phrase that ends an Arabic speaker start at `i`
/// (`في بيان`, `خلال مقابلة`, `عبر صفحته`, `على حسابه`)?
pub(crate) fn pp_at(ctx: &Ctx, i: usize) -> bool {
    let key = ctx.key(i);
    // `وفي بيان`: a fused و before a short preposition.
    let k = key.strip_prefix(['و', 'ف']).filter(|r| is_pp_head(r)).unwrap_or_else(|| without_wa(key));
    if is_pp_head(k) {
        let next = ctx.key(i + 1);
        return is_pp_noun(next) || is_pp_noun(bare(next));
    }
    // `بتصريح`, `بحسابه`: the preposition fused.
    k.strip_prefix('ب').is_some_and(|r| is_pp_noun(r) && r.chars().count() > 2)
}

/// A kin or role noun with a possessive ending (`زميلته`, `زوجها`,
/// `شقيقه`): a name may follow it.
fn possessed_person(key: &str) -> bool {
    let k = without_wa(key);
    let stems = [
        k.strip_suffix("ته").map(|s| format!("{s}ه")),
        k.strip_suffix("ها").map(str::to_string),
        k.strip_suffix('ه').map(str::to_string),
        k.strip_suffix("هم").map(str::to_string),
    ];
    stems.iter().flatten().any(|s| is_person_noun(s) || KIN.contains(&s.as_str()))
}

/// Kin nouns a name may follow (`شقيقه أحمد`).
const KIN: &[&str] = &[
    "زميل",
    "زميله",
    "شقيق",
    "شقيقه",
    "زوج",
    "زوجه",
    "ابن",
    "ابنه",
    "اخ",
    "اخت",
    "جار",
    "جاره",
    "عم",
    "خال",
    "والد",
    "والده",
    "ابو",
    "ام",
];

/// An Arabic word that could be part of a person's name.
fn name_word(ctx: &Ctx, i: usize) -> bool {
    let Some(t) = ctx.tokens.get(i) else { return false };
    if !is_arabic_word(t) {
        return false;
    }
    let k = t.key.as_str();
    let b = bare(k);
    !(any_reading(k, is_org_head)
        || any_reading(k, is_person_noun)
        || any_reading(k, is_group_noun)
        || is_time_word(k)
        || is_slot_skip(k)
        || is_relative(k)
        || is_clause_word(k)
        || is_complementiser_word(k)
        || is_pp_head(k)
        || is_anonymity(k)
        || is_verb_at(ctx, i)
        || crate::lexicon::names::ARABIC_NAME_STOPS.contains(&k)
        || crate::lexicon::names::ARABIC_NOT_NAMES.contains(&b))
}

/// An Arabic kunya at `i`: `أبو ريم` (two tokens) or `أبوغيث` (one).
fn kunya_ar(ctx: &Ctx, i: usize) -> Option<(usize, Gender)> {
    let t = ctx.tokens.get(i)?;
    if !is_arabic_word(t) {
        return None;
    }
    let k = without_wa(&t.key);
    let gender = |k: &str| if k.starts_with("ام") { Gender::Female } else { Gender::Male };
    // `وهي أم لطفلين`: a mother of two, not a kunya.
    let next = ctx.key(i + 1);
    let of_children = next.starts_with('ل')
        || ctx.tokens.get(i + 1).is_some_and(|t| t.kind == Kind::Numeral)
        || (i > 0 && is_clause_word(ctx.key(i - 1)));
    if is_kunya(k) && name_word(ctx, i + 1) && !of_children {
        return Some((i + 2, gender(k)));
    }
    // Joined: `أبوغيث`, `ابوعلي` (three letters at least after أبو).
    if k.strip_prefix("ابو").is_some_and(|r| r.chars().count() >= 3) {
        return Some((i + 1, Gender::Male));
    }
    None
}

/// A person's name starting at `i` in `[i, to)`: a kunya, or a given
/// name and what follows it, or (with `loose`) two to four name words.
fn arabic_name_at(ctx: &Ctx, i: usize, to: usize, loose: bool) -> Option<(usize, Gender)> {
    if let Some(k) = kunya_ar(ctx, i).filter(|(e, _)| *e <= to) {
        return Some(k);
    }
    if !name_word(ctx, i) || definite_ar(ctx.key(i)) && !loose {
        return None;
    }
    let mut e = i + 1;
    while e < to && e - i < 4 && name_word(ctx, e) {
        e += 1;
    }
    if let Some(g) = given_at(ctx, i) {
        return Some((e, g));
    }
    // Two to four name words, the first without the article and not an
    // adjective (`طبي`, `محلي`): `سامر عودة`, `فراس الدباغ`.
    let adjective = |k: usize| {
        let key = ctx.key(k);
        key.ends_with('ي') && given_gender(key).is_none() && key.chars().count() >= 3
    };
    // A preposition fused to the first word (`بصوت منخفض`) starts a phrase,
    // not a name.
    let fused = ctx.key(i).starts_with(['ب', 'ل', 'ك']);
    if loose && (2..=4).contains(&(e - i)) && !definite_ar(ctx.key(i)) && !adjective(i) && !fused {
        return Some((e, Gender::Unknown));
    }
    // `المنذر الخرطوش`: two words with the article, neither a noun of a
    // role or a body nor an adjective.
    let article = |k: usize| ctx.key(k).starts_with("ال") && ctx.key(k).chars().count() > 3;
    if loose && e - i == 2 && article(i) && article(i + 1) && !adjective(i) && !adjective(i + 1) {
        return Some((e, Gender::Unknown));
    }
    None
}

/// Where an Arabic speaker's head ends, from `from`.
fn head_end_ar(ctx: &Ctx, from: usize, to: usize) -> usize {
    let mut h = from;
    while h < to && h - from < 9 {
        let t = &ctx.tokens[h];
        if t.kind == Kind::Punct {
            break;
        }
        let k = t.key.as_str();
        if h > from
            && (is_time_word(k)
                || is_slot_skip(k)
                || is_relative(k)
                || is_clause_word(k)
                || is_anonymity(k)
                || is_complementiser_word(k)
                || is_speech_noun(k)
                || k == "عن"
                || k == "مع"
                // `أشارت الوزارة إلى "…"`, `شدد المركز على أن`.
                || k == "الي"
                || k == "علي" && (ctx.tokens.get(h + 1).is_some_and(is_quote_mark) || is_complementiser_word(ctx.key(h + 1)))
                || pp_at(ctx, h)
                || addressee_at(ctx, h)
                || is_verb_at(ctx, h))
        {
            break;
        }
        h += 1;
    }
    h
}

/// The Arabic words `[from, to)` as a speaker's phrase.
pub(crate) fn np_ar(ctx: &Ctx, from: usize, to: usize) -> Option<Np> {
    let mut i = from;
    while i < to && (is_slot_skip(ctx.key(i)) || is_time_word(ctx.key(i)) || ctx.is_comma(i)) {
        i += 1;
    }
    // `قال للوكالة:`, `قال لنا، …`: an addressee first; `وذكر في بيان
    // لاحق أن`: a statement first. The speaker, if any, after its comma.
    if i < to && (addressee_at(ctx, i) || pp_at(ctx, i)) {
        i = (i + 1..to).find(|&k| ctx.is_comma(k)).map_or(to, |k| k + 1);
    }
    if i >= to {
        return None;
    }
    // A name in quotation marks: `وقال "أبو رائد"`, `وفق "الصحة" الأردنية`.
    if is_quote_mark(&ctx.tokens[i]) {
        let close = (i + 1..to.min(i + 7)).find(|&k| is_quote_mark(&ctx.tokens[k]))?;
        if close == i + 1 {
            return None;
        }
        let mut end = close + 1;
        // Adjectives after the closing mark belong to the name.
        while end < to && ctx.tokens[end].kind == Kind::Word && definite_ar(ctx.key(end)) && !is_time_word(ctx.key(end))
        {
            end += 1;
        }
        let words = ctx.words(i, end);
        let mut np = Np::plain(i, end, NpKind::Org, Gender::Unknown);
        np.text = Some(words);
        if let Some((_, g)) = arabic_name_at(ctx, i + 1, close, true).filter(|(e, _)| *e == close) {
            np.kind = NpKind::Person;
            np.gender = g;
            np.name = Some((i + 1, close));
        }
        return Some(np);
    }
    // A preposition is no one (`داعية إلى "…"`).
    let prep = matches!(without_wa(ctx.key(i)), "الي" | "علي" | "من" | "في" | "عن" | "مع" | "حتي" | "منذ");
    if ctx.tokens[i].kind != Kind::Word || is_clause_word(ctx.key(i)) || is_relative(ctx.key(i)) || prep {
        return None;
    }
    let k0 = without_wa(ctx.key(i));
    if is_speech_noun(k0) {
        return Some(Np::plain(i, i + 1, NpKind::Speech, Gender::Unknown));
    }
    // `وتابعت بنبرة مؤثرة:`, `ويكمل بالقول:`: a manner, not a speaker.
    let key = ctx.key(i);
    let manner = key.starts_with('ب')
        && !any_reading(key, is_org_head)
        && !any_reading(key, is_person_noun)
        && given_at(ctx, i).is_none()
        && kunya_ar(ctx, i).is_none();
    if manner {
        return None;
    }
    if let Some(g) = pronoun(k0) {
        return Some(Np::plain(i, i + 1, NpKind::Pronoun, g));
    }
    let h = head_end_ar(ctx, i, to);
    if h == i {
        return None;
    }
    let mut np = classify_ar(ctx, i, h);
    // Appositions and clauses after commas, dashes and brackets.
    let mut j = h;
    loop {
        while j < to
            && (ctx.is_punct(j, &[",", "،", "-", "–", "—", "(", ")", "/"])
                || is_time_word(ctx.key(j))
                || is_slot_skip(ctx.key(j)))
        {
            j += 1;
        }
        if j >= to {
            break;
        }
        // A name in quotation marks after a role (`المتحدثة باسم المفوضية
        // "سارة جونسون"`).
        if is_quote_mark(&ctx.tokens[j]) {
            let Some(c) = (j + 1..to.min(j + 7)).find(|&k| is_quote_mark(&ctx.tokens[k])) else { break };
            // `لـ"عنب بلدي"`: the addressee's name.
            let addressed = j > 0 && (addressee_at(ctx, j - 1) || pp_at(ctx, j - 1) || ctx.key(j - 1) == "مع");
            if np.kind != NpKind::Person && !addressed {
                if let Some((_, g)) = arabic_name_at(ctx, j + 1, c, true).filter(|(e, _)| *e == c) {
                    np.role = Some(ctx.span(np.head.0, np.head.1));
                    np.name = Some((j + 1, c));
                    np.kind = NpKind::Person;
                    if np.gender == Gender::Unknown {
                        np.gender = g;
                    }
                }
            }
            j = c + 1;
            continue;
        }
        let s = j;
        let mut e = s;
        while e < to && !ctx.is_punct(e, &[",", "،", "-", "–", "—", "(", ")", "/"]) && !is_quote_mark(&ctx.tokens[e])
        {
            e += 1;
        }
        if e == s {
            break;
        }
        let k = ctx.key(s);
        if is_speech_noun(k) {
            break;
        }
        if is_relative(k) || is_clause_word(k) {
            if np.gender == Gender::Unknown {
                np.gender = if matches!(k, "التي" | "والتي" | "وهي" | "اللواتي" | "اللاتي") {
                    Gender::Female
                } else if matches!(k, "الذين" | "وهم") {
                    Gender::Plural
                } else {
                    Gender::Male
                };
            }
        } else if is_anonymity(k) || pp_at(ctx, s) || addressee_at(ctx, s) || ctx.is_numeral(s) {
        } else if np.kind != NpKind::Person {
            // `، الدكتورة ناهد يوسف،`: a title before the name.
            let mut s2 = s;
            while s2 + 1 < e
                && (crate::actors::is_title_key(ctx.key(s2))
                    || crate::actors::is_title_key(ctx.key(s2).strip_suffix('ه').unwrap_or(""))
                    || any_reading(ctx.key(s2), is_person_noun) && definite_ar(ctx.key(s2)))
            {
                s2 += 1;
            }
            if let Some((ne, g)) =
                arabic_name_at(ctx, s2, e, true).filter(|(ne, _)| *ne == head_end_ar(ctx, s2, e) || *ne == e)
            {
                np.role = Some(ctx.span(np.head.0, np.head.1));
                np.name = Some((s2, ne));
                np.kind = NpKind::Person;
                if np.gender == Gender::Unknown {
                    np.gender = g;
                }
            } else if ctx.actors_in(s, e).any(|a| ctx.actors[a].kind == "person") {
                let a = ctx.actors_in(s, e).find(|&a| ctx.actors[a].kind == "person").unwrap_or(0);
                np.role = Some(ctx.span(np.head.0, np.head.1));
                np.name = Some(ctx.actor_tokens[a]);
                np.kind = NpKind::Person;
            }
        } else {
            let he = head_end_ar(ctx, s, e);
            if he > s {
                let span = ctx.span(s, he);
                if np.role.is_none() {
                    np.role = Some(span);
                }
                np.descr.push(span);
            }
        }
        j = e;
    }
    np.end = j.max(h);
    Some(np)
}

/// What the Arabic head `[i, h)` names.
fn classify_ar(ctx: &Ctx, i: usize, h: usize) -> Np {
    let mut np = Np::plain(i, h, NpKind::Description, Gender::Unknown);
    let k0 = ctx.key(i);
    // `المصدر`, and `مدير المحطة` (a noun before a definite one is definite
    // too); `أحد السكان` is one of them, not someone met before.
    np.definite = definite_ar(k0)
        || (i + 1..h.min(i + 3)).any(|k| definite_ar(ctx.key(k))) && !matches!(bare(k0), "احد" | "احدي");
    let b0 = bare(k0);
    // The head's own gender: a feminine ending (`الهيئة`, `الطبيبة`),
    // `أحد`/`إحدى`.
    np.gender = if b0 == "احدي" || is_female_word(k0) {
        Gender::Female
    } else if b0 == "احد" || is_male_word(k0) {
        Gender::Male
    } else if any_reading(k0, is_group_noun) {
        Gender::Plural
    } else if b0.ends_with('ه') || b0.ends_with("ات") {
        Gender::Female
    } else {
        Gender::Unknown
    };
    if any_reading(k0, is_statement_noun) {
        np.kind = NpKind::Statement;
        return np;
    }
    // A name that is the whole head (`فاطمة الزهراء عبد الله`, `أبو خليل`),
    // or a name and the role after it (`أحمد مهنا مدير مستشفى العودة`).
    if let Some((e, g)) = arabic_name_at(ctx, i, h, false) {
        let role_after = e < h && (any_reading(ctx.key(e), is_person_noun) || crate::actors::is_title_key(ctx.key(e)));
        if e == h || role_after {
            np.kind = NpKind::Person;
            np.name = Some((i, e));
            np.gender = g;
            if role_after {
                np.role = Some(ctx.span(e, h));
                np.descr.push(ctx.span(e, h));
            }
            return np;
        }
    }
    // A person the actor layer found (a role and a name).
    if let Some(a) = ctx.actors_in(i, h).find(|&a| ctx.actors[a].kind == "person") {
        let (s, e) = ctx.actor_tokens[a];
        np.kind = NpKind::Person;
        np.name = Some((s, e));
        np.role = ctx.actors[a].role.or_else(|| (s > i).then(|| ctx.span(i, s)));
        if s == i || np.gender == Gender::Unknown {
            np.gender = given_gender(ctx.key(s)).unwrap_or(np.gender);
        }
        return np;
    }
    // A name at the head or after its role words: `أبو خليل`, `الطبيب مازن
    // عيسى`, `المزارع حسين العلي`.
    for s in i..h {
        // After a role: its words hold a person's noun (`الطبيب`, `المنسقة
        // الأممية`, `زميلته`).
        let after_role = s > i
            && (i..s).any(|k| {
                any_reading(ctx.key(k), is_person_noun)
                    || possessed_person(ctx.key(k))
                    || crate::actors::is_title_key(ctx.key(k))
            })
            && (any_reading(ctx.key(s - 1), is_person_noun)
                || possessed_person(ctx.key(s - 1))
                || definite_ar(ctx.key(s - 1)));
        if s > i && !after_role {
            continue;
        }
        if let Some((e, g)) = arabic_name_at(ctx, s, h, s > i) {
            if e == h || s == i && kunya_ar(ctx, s).is_some() {
                np.kind = NpKind::Person;
                np.name = Some((s, e));
                if s > i {
                    np.role = Some(ctx.span(i, s));
                    if np.gender == Gender::Unknown {
                        np.gender = g;
                    }
                } else {
                    np.gender = g;
                }
                return np;
            }
        }
    }
    let org = any_reading(k0, is_org_head)
        || ctx.actors_in(i, h).any(|a| !matches!(ctx.actors[a].kind.as_str(), "person" | "civilians"));
    if org {
        np.kind = NpKind::Org;
    } else if any_reading(k0, is_group_noun) {
        np.kind = NpKind::Group;
    }
    np
}

/// The speaker's phrase in either script.
pub(crate) fn np(ctx: &Ctx, from: usize, to: usize) -> Option<Np> {
    let arabic = (from..to).find(|&k| ctx.tokens[k].kind == Kind::Word).is_some_and(|k| is_arabic_word(&ctx.tokens[k]));
    if arabic {
        np_ar(ctx, from, to)
    } else {
        np_en(ctx, from, to)
    }
}

/// Person mentions that the actor layer does not find but that a
/// discourse needs: kunyas (`أبو ريم`, `Abu Hadi`), Arabic names led by a
/// given name, and Latin names written with an age or a description
/// (`Farida Osman, 38,`, `Hana Darwish, a mother of four`, `Villager Lena
/// Varga`). Token ranges, with the gender they show.
pub(crate) fn extra_people(ctx: &Ctx) -> Vec<(usize, usize, Gender)> {
    let mut out = Vec::new();
    let taken = |s: usize, e: usize| ctx.actor_tokens.iter().any(|(a, b)| *a < e && s < *b);
    let mut i = 0;
    let n = ctx.tokens.len();
    while i < n {
        if ctx.quoted[i] {
            i += 1;
            continue;
        }
        let t = &ctx.tokens[i];
        if is_arabic_word(t) {
            // `أبو ريم`, `أبوريم`, or a given name and its family name
            // (`سامي الدروبي`).
            let found = kunya_ar(ctx, i).or_else(|| {
                given_at(ctx, i).and_then(|g| {
                    let mut e = i + 1;
                    while e < n && e - i < 3 && name_word(ctx, e) && !ctx.quoted[e] {
                        e += 1;
                    }
                    (e - i >= 2).then_some((e, g))
                })
            });
            if let Some((e, g)) = found {
                if !taken(i, e) {
                    out.push((i, e, g));
                }
                i = e;
                continue;
            }
        } else if t.kind == Kind::Word && capitalized(ctx.text, t) {
            if let Some((s, e)) = capital_run(ctx, i, (i + 6).min(n)).filter(|(s, _)| *s == i) {
                let (s2, _) = strip_leading_roles(ctx, (s, e));
                let words = (s2..e).filter(|&k| ctx.tokens[k].kind == Kind::Word).count();
                let kunya = is_kunya(ctx.key(s2)) && words == 2;
                let age = ctx.is_comma(e) && ctx.is_numeral(e + 1) && (ctx.is_comma(e + 2) || ctx.key(e + 2) == ".");
                let described = ctx.is_comma(e)
                    && matches!(ctx.key(e + 1), "a" | "an" | "the")
                    && (e + 2..(e + 8).min(n))
                        .take_while(|&k| !ctx.is_comma(k))
                        .any(|k| is_person_noun(ctx.key(k)) || is_female_word(ctx.key(k)) || is_male_word(ctx.key(k)));
                let kin = |k: &str| {
                    is_person_noun(k)
                        || matches!(
                            k,
                            "neighbour"
                                | "neighbor"
                                | "cousin"
                                | "brother"
                                | "sister"
                                | "son"
                                | "daughter"
                                | "wife"
                                | "husband"
                                | "friend"
                                | "colleague"
                        )
                };
                // `his cousin Samer`, `Her neighbour, Mykola Hrytsenko,`.
                let after_noun = s2 > s
                    || (i > 0 && kin(ctx.key(i - 1)))
                    || (i > 1 && ctx.is_comma(i - 1) && kin(ctx.key(i - 2)) && ctx.is_comma(e));
                let org = (s2..e).any(|k| is_org_head(ctx.key(k)));
                // `Halyna Moroz held her daughter`: two or three capitalized
                // words and a his or her before the sentence ends.
                let sentence = ctx.tokens[s2].sentence;
                // Where the words stop speaking of this name: another
                // sentence, a quote, another name, or another person's
                // phrase (`told the nurse her …`).
                let stops = |k: usize| {
                    let key = ctx.key(k);
                    ctx.tokens[k].sentence != sentence
                        || ctx.quoted[k]
                        || ctx.tokens[k].kind == Kind::Word && capitalized(ctx.text, &ctx.tokens[k])
                        || matches!(key, "the" | "a" | "an" | "one")
                        || is_person_noun(key)
                        || is_group_noun(key)
                };
                let shown = (e..(e + 8).min(n)).take_while(|&k| !stops(k)).find_map(|k| match ctx.key(k) {
                    "his" | "he" | "him" => Some(Gender::Male),
                    "her" | "she" => Some(Gender::Female),
                    _ => None,
                });
                let by_pronoun = shown.is_some()
                    && (2..=3).contains(&words)
                    && ctx.tokens.get(e).is_some_and(|t| t.kind == Kind::Word);
                if !org
                    && !taken(s2, e)
                    && (kunya || by_pronoun || ((age || described || after_noun) && (1..=4).contains(&words)))
                {
                    let g = if kunya {
                        if matches!(ctx.key(s2), "um" | "umm" | "oum") {
                            Gender::Female
                        } else {
                            Gender::Male
                        }
                    } else {
                        given_gender(ctx.key(s2)).or(shown).unwrap_or(Gender::Unknown)
                    };
                    out.push((s2, e, g));
                }
                i = e;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Bodies named by their head noun that the actor layer does not know
/// (`وزارة الصحة الأردنية`, `حركة الشباب المدني`, `Kenya’s Interior
/// Ministry`, `the health ministry`): token ranges, for the discourse to
/// find `الوزارة` and `the ministry` by.
pub(crate) fn extra_orgs(ctx: &Ctx) -> Vec<(usize, usize)> {
    let n = ctx.tokens.len();
    let taken = |s: usize, e: usize| ctx.actor_tokens.iter().any(|(a, b)| *a < e && s < *b);
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let t = &ctx.tokens[i];
        if ctx.quoted[i] || t.kind != Kind::Word {
            i += 1;
            continue;
        }
        if is_arabic_word(t) {
            if any_reading(&t.key, is_org_head) && !(i > 0 && is_title_link(ctx.key(i - 1))) {
                let mut e = i + 1;
                while e < n && e - i < 6 && is_arabic_word(&ctx.tokens[e]) && !ctx.quoted[e] {
                    let k = ctx.key(e);
                    let plain = !is_verb_at(ctx, e)
                        && !is_complementiser_word(k)
                        && !is_pp_head(k)
                        && !is_time_word(k)
                        && !is_relative(k);
                    // Words with the article, and a construct noun or two
                    // before one (`مركز تنسيق إغاثة المدينة`).
                    let construct =
                        e - i < 4 && (e + 1..(e + 3).min(n)).any(|x| definite_ar(ctx.key(x))) && name_word(ctx, e);
                    if !(plain && (definite_ar(k) || construct)) {
                        break;
                    }
                    e += 1;
                }
                if e > i + 1 && !taken(i, e) {
                    out.push((i, e));
                }
                i = e;
                continue;
            }
        } else {
            // `the health ministry`, `Kenya’s Interior Ministry`.
            let mut e = i;
            while e < n && e - i < 5 && ctx.tokens[e].kind == Kind::Word && !is_arabic_word(&ctx.tokens[e]) {
                if is_org_head(ctx.key(e)) {
                    break;
                }
                e += 1;
            }
            let starts = ctx.key(i) == "the" || capitalized(ctx.text, t);
            // Modifiers only: no preposition, statement or person between.
            let plain = |k: usize| {
                let key = ctx.key(k);
                !(is_verb_at(ctx, k)
                    || is_person_noun(key)
                    || is_statement_noun(key)
                    || matches!(key, "of" | "from" | "by" | "in" | "at" | "for" | "to" | "on" | "a" | "an"))
            };
            let first = i + usize::from(ctx.key(i) == "the");
            if e < n && e > i && is_org_head(ctx.key(e)) && starts && !taken(i, e + 1) && (first..e).all(plain) {
                out.push((i, e + 1));
                i = e + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}
