//! The people and bodies a document carries from sentence to sentence,
//! so that a pronoun, a surname, a description or an Arabic verb with no
//! subject resolves to the right one.
//!
//! Each entity keeps the name the text first gave it in full (later
//! mentions by surname, first name, the second word of a kunya or another
//! spelling of it, `Hrytsenko`/`Hritsenko`, join it), its role and
//! description words, its kind (person, body, group, unnamed person), the
//! gender the text shows (`her`, `وهي`, a feminine verb or noun, a given
//! name) and where it was last mentioned. A pronoun or a null subject goes
//! to the most recent entity that fits its gender and number, preferring
//! one whose gender the text has shown when it was mentioned in the last
//! few sentences; `the engineer`, `مدير المحطة`, `الوزارة` go to the most
//! recent entity whose words include the description's; `the man`,
//! `السوري البالغ 52 عاما` to the most recent person who fits. Anything
//! that fits nothing stays as the text says it: a wrong speaker is worse
//! than none.

use crate::speakers::{bare, is_generic_person, Gender, NpKind};
use sitrep_text::fold::is_arabic_letter;

/// How many sentences back a gender the text showed still counts first.
const SHOWN_WINDOW: usize = 4;
/// How many sentences back a description may find its entity.
const DESCRIPTION_WINDOW: usize = 40;

#[derive(Clone, Debug)]
pub struct Entity {
    /// The fullest name the text gives, or the description as written.
    pub display: String,
    pub role: Option<String>,
    /// Keys of the words of its name (persons) or its name (bodies).
    pub names: Vec<String>,
    /// Keys of its role and description words.
    pub words: Vec<String>,
    pub kind: NpKind,
    pub gender: Gender,
    /// The gender was shown by the text, not guessed.
    pub shown: bool,
    /// Byte and sentence of the last mention.
    pub last: usize,
    pub sentence: usize,
    pub spoke: bool,
    pub issued: bool,
}

/// A mention to register.
#[derive(Clone, Debug)]
pub struct Mention {
    pub display: String,
    pub role: Option<String>,
    pub names: Vec<String>,
    pub words: Vec<String>,
    pub kind: NpKind,
    pub gender: Gender,
    pub at: usize,
    pub sentence: usize,
    pub spoke: bool,
    pub issued: bool,
    pub definite: bool,
}

#[derive(Default, Debug)]
pub struct Discourse {
    pub entities: Vec<Entity>,
}

/// Words that say nothing of who someone is.
fn stop(k: &str) -> bool {
    matches!(
        k,
        "the"
            | "a"
            | "an"
            | "of"
            | "in"
            | "at"
            | "for"
            | "and"
            | "to"
            | "from"
            | "on"
            | "with"
            | "one"
            | "another"
            | "his"
            | "her"
            | "its"
            | "their"
            | "في"
            | "من"
            | "على"
            | "الى"
            | "عن"
            | "و"
            | "مع"
            | "احد"
            | "احدي"
            | "ل"
    )
}

/// The keys of some words, for matching: lowercase Latin without a
/// possessive, Arabic without clitics and article.
pub fn keys_of(words: &str) -> Vec<String> {
    words
        .split(|c: char| {
            c.is_whitespace() || matches!(c, ',' | '،' | '.' | '-' | '(' | ')' | '"' | '“' | '”' | '«' | '»')
        })
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.chars().any(is_arabic_letter) {
                let k = bare(&sitrep_text::fold::fold_key(w)).to_string();
                // `لوزارة`, `بوزارة`: a fused preposition before a body's noun.
                match k.strip_prefix(['ل', 'ب']) {
                    Some(r) if crate::speakers::is_org_head(r) => r.to_string(),
                    _ => k,
                }
            } else {
                let l = w.to_lowercase();
                l.trim_end_matches("’s").trim_end_matches("'s").to_string()
            }
        })
        .filter(|k| !k.is_empty() && !stop(k))
        .collect()
}

/// Name keys with a kunya joined to its name (`ابو ريم` and `ابوريم`
/// are one), and Latin name particles left out.
pub fn name_keys(name: &str) -> Vec<String> {
    let ks = keys_of(name);
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < ks.len() {
        let k = &ks[i];
        if matches!(k.as_str(), "ابو" | "ام" | "ابا" | "ابي" | "abu" | "um" | "umm" | "abo" | "abou")
            && i + 1 < ks.len()
        {
            let head = if k.is_ascii() { k.clone() } else { "ابو".to_string() };
            let head = if k == "ام" { "ام".to_string() } else { head };
            out.push(format!("{head}{}", ks[i + 1]));
            i += 2;
            continue;
        }
        if !matches!(
            k.as_str(),
            "al" | "el"
                | "bin"
                | "ibn"
                | "abd"
                | "as"
                | "ad"
                | "ash"
                | "an"
                | "ar"
                | "at"
                | "az"
                | "de"
                | "van"
                | "von"
                | "mr"
                | "ms"
                | "mrs"
                | "dr"
        ) {
            out.push(k.clone());
        }
        i += 1;
    }
    out
}

/// Two spellings of one name word: equal, or one letter apart in words of
/// six letters or more (`Hrytsenko`/`Hritsenko`; `طعيمة`/`طعيمه` are
/// already one key). Shorter words one letter apart are often two names
/// (`Samir`/`Samer`, `Hamid`/`Hamad`), and a wrong speaker costs more
/// than a missed one.
fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la < 6 || lb < 6 || la.abs_diff(lb) > 1 {
        return false;
    }
    edit_distance(a, b) <= 1
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let sub = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Do two persons' name keys name one person? A single word names the
/// fuller one when it is its surname or its first name.
fn same_person(a: &[String], b: &[String]) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() == 1 {
        let w = &short[0];
        // A surname may be spelt two ways in one report; a given name
        // one letter off names someone else (`Samer` is not `Samir`).
        return long.last().is_some_and(|l| same_word(l, w)) || long.first().is_some_and(|f| f == w);
    }
    short.len() == long.len() && short.iter().zip(long).all(|(x, y)| same_word(x, y))
        || short.iter().all(|s| long.iter().any(|l| same_word(l, s)))
}

impl Discourse {
    /// Registers a mention: joins the entity it names, or starts one.
    /// Returns the entity.
    pub fn mention(&mut self, m: Mention) -> usize {
        let found = match m.kind {
            NpKind::Person if !m.names.is_empty() => {
                self.entities.iter().rposition(|e| e.kind == NpKind::Person && same_person(&e.names, &m.names))
            }
            NpKind::Org => self.entities.iter().rposition(|e| {
                e.kind == NpKind::Org
                    && !m.names.is_empty()
                    && (e.names == m.names || (m.definite && m.names.iter().all(|k| e.names.contains(k))))
            }),
            NpKind::Description | NpKind::Group if m.definite => {
                self.entities.iter().rposition(|e| e.display == m.display)
            }
            _ => None,
        };
        match found {
            Some(id) => {
                let e = &mut self.entities[id];
                e.last = e.last.max(m.at);
                e.sentence = e.sentence.max(m.sentence);
                e.spoke |= m.spoke;
                e.issued |= m.issued;
                if e.gender == Gender::Unknown && m.gender != Gender::Unknown {
                    e.gender = m.gender;
                    e.shown = true;
                }
                if e.role.is_none() {
                    e.role = m.role.clone();
                }
                for w in m.words {
                    if !e.words.contains(&w) {
                        e.words.push(w);
                    }
                }
                // A fuller name than the one first met (`Omar` then
                // `Omar Hassan`).
                if m.kind == NpKind::Person && m.names.len() > e.names.len() {
                    e.names = m.names;
                    e.display = m.display;
                }
                id
            }
            None => {
                self.entities.push(Entity {
                    display: m.display,
                    role: m.role,
                    names: m.names,
                    words: m.words,
                    kind: m.kind,
                    shown: m.gender != Gender::Unknown,
                    gender: m.gender,
                    last: m.at,
                    sentence: m.sentence,
                    spoke: m.spoke,
                    issued: m.issued,
                });
                self.entities.len() - 1
            }
        }
    }

    /// The entity a pronoun or a subject-less verb of gender `g` picks up,
    /// among those mentioned before byte `at`: `persons` for `he`/`she`,
    /// bodies for `it`, both for an Arabic verb.
    pub fn pick(&self, g: Gender, at: usize, sentence: usize, want: Want) -> Option<usize> {
        let fits = |e: &Entity| {
            e.last < at
                && match want {
                    Want::Person => e.kind == NpKind::Person || e.kind == NpKind::Description,
                    Want::Body => matches!(e.kind, NpKind::Org | NpKind::Statement),
                    Want::Group => matches!(e.kind, NpKind::Group | NpKind::Org),
                    // An Arabic verb with no subject goes on with a person,
                    // or with a body that has spoken.
                    Want::Any => {
                        matches!(e.kind, NpKind::Person | NpKind::Description | NpKind::Group) || e.spoke || e.issued
                    }
                }
                && e.gender.fits(g)
                && !(g == Gender::Plural && e.kind == NpKind::Person)
        };
        let recent = |e: &Entity| e.last;
        // A gender shown lately first, then the most recent that fits.
        let shown = self
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                fits(e)
                    && e.shown
                    && e.gender == g
                    && g != Gender::Unknown
                    && sentence.saturating_sub(e.sentence) <= SHOWN_WINDOW
            })
            .max_by_key(|(_, e)| recent(e))
            .map(|(i, _)| i);
        let any =
            self.entities.iter().enumerate().filter(|(_, e)| fits(e)).max_by_key(|(_, e)| recent(e)).map(|(i, _)| i);
        match (shown, any) {
            (Some(s), Some(a)) if self.entities[a].gender == Gender::Unknown => Some(s),
            (_, a) => a,
        }
    }

    /// The entity a definite description (`the engineer`, `مدير المحطة`,
    /// `الوزارة`, `the man`) names, mentioned before byte `at`.
    pub fn describe(&self, keys: &[String], g: Gender, at: usize, sentence: usize) -> Option<usize> {
        let content: Vec<&String> = keys.iter().filter(|k| !is_generic_person(k) && !generic_key(k)).collect();
        let near = |e: &Entity| e.last < at && sentence.saturating_sub(e.sentence) <= DESCRIPTION_WINDOW;
        if content.is_empty() {
            // `the man`, `السوري البالغ 52 عاما`: the last person who fits.
            return self
                .entities
                .iter()
                .enumerate()
                .filter(|(_, e)| near(e) && e.kind == NpKind::Person && e.gender.fits(g))
                .max_by_key(|(_, e)| e.last)
                .map(|(i, _)| i);
        }
        self.entities
            .iter()
            .enumerate()
            .filter(|(_, e)| near(e) && e.kind != NpKind::Statement)
            .filter(|(_, e)| {
                content
                    .iter()
                    .all(|k| e.words.iter().chain(&e.names).any(|w| w == *k || (k.len() >= 5 && same_word(w, k))))
            })
            .filter(|(_, e)| e.gender.fits(g) || e.kind == NpKind::Org)
            .max_by_key(|(_, e)| e.last)
            .map(|(i, _)| i)
    }

    /// Who issued the statement that speaks at byte `at`: the last entity
    /// that issued one or spoke in one, else the last body that spoke.
    pub fn issuer(&self, at: usize) -> Option<usize> {
        let before = |e: &Entity| e.last < at;
        self.entities
            .iter()
            .enumerate()
            .filter(|(_, e)| before(e) && e.issued)
            .max_by_key(|(_, e)| e.last)
            .or_else(|| {
                self.entities
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| before(e) && e.kind == NpKind::Org && e.spoke)
                    .max_by_key(|(_, e)| e.last)
            })
            .map(|(i, _)| i)
    }
}

/// What a reference may pick up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Want {
    Person,
    Body,
    Group,
    Any,
}

/// Words of a description that only say someone is a person of some age
/// or origin: `41-year-old`, `البالغ`, `عاما`, a nationality.
fn generic_key(k: &str) -> bool {
    k.chars().all(|c| c.is_ascii_digit() || c == '-')
        || k.ends_with("year-old")
        || k.contains("-year-")
        || matches!(k, "بالغ" | "عاما" | "عام" | "عمر" | "العمر" | "year" | "years" | "old" | "aged")
        || (k.ends_with('ي')
            && k.chars().count() >= 4
            && !crate::speakers::is_person_noun(k)
            && !crate::speakers::is_org_head(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, g: Gender, at: usize, sentence: usize) -> Mention {
        Mention {
            display: name.into(),
            role: None,
            names: name_keys(name),
            words: Vec::new(),
            kind: NpKind::Person,
            gender: g,
            at,
            sentence,
            spoke: false,
            issued: false,
            definite: false,
        }
    }

    #[test]
    fn surnames_first_names_kunyas_and_spellings_join_the_first_full_name() {
        let mut d = Discourse::default();
        let a = d.mention(person("Oleksii Hrytsenko", Gender::Unknown, 0, 0));
        assert_eq!(d.mention(person("Hritsenko", Gender::Unknown, 50, 2)), a);
        let b = d.mention(person("Mohammed Abdelrahim al-Sayed", Gender::Male, 80, 3));
        assert_eq!(d.mention(person("Mohammed", Gender::Unknown, 90, 4)), b);
        let c = d.mention(person("أبوريم", Gender::Male, 100, 5));
        assert_eq!(d.mention(person("أبو ريم", Gender::Male, 120, 6)), c);
        let um = d.mention(person("Um Khaled", Gender::Female, 130, 7));
        assert_ne!(d.mention(person("Abu Khaled", Gender::Male, 140, 7)), um, "Um X and Abu X are two people");
        assert_eq!(d.entities[a].display, "Oleksii Hrytsenko");
    }

    #[test]
    fn short_names_one_letter_apart_are_two_people() {
        let mut d = Discourse::default();
        let samir = d.mention(person("Samir Hamad", Gender::Male, 0, 0));
        assert_ne!(d.mention(person("Samer", Gender::Male, 40, 1)), samir, "another given name");
        assert_ne!(d.mention(person("Hamid", Gender::Male, 60, 2)), samir, "a short surname one letter off");
        let nour = d.mention(person("Nour Kabbani", Gender::Female, 80, 3));
        assert_ne!(d.mention(person("Hamid Kabbara", Gender::Male, 90, 3)), nour);
        assert_eq!(d.mention(person("Kabbany", Gender::Unknown, 120, 4)), nour, "a long surname spelt two ways");
    }

    #[test]
    fn a_pronoun_takes_the_last_person_of_its_gender() {
        let mut d = Discourse::default();
        let farida = d.mention(person("Farida Osman", Gender::Female, 0, 0));
        let tariq = d.mention(person("Tariq Salem", Gender::Unknown, 40, 1));
        assert_eq!(d.pick(Gender::Female, 80, 2, Want::Person), Some(farida), "a shown gender beats a guess");
        assert_eq!(d.pick(Gender::Male, 120, 3, Want::Person), Some(tariq));
        assert_eq!(d.pick(Gender::Male, 10, 0, Want::Person), None, "nobody before");
    }

    #[test]
    fn descriptions_find_the_entity_whose_words_they_share() {
        let mut d = Discourse::default();
        let mut m = person("Adel Mansour", Gender::Male, 0, 0);
        m.words = keys_of("مدير محطة المياه");
        let adel = d.mention(m);
        d.mention(person("Walid Hassan", Gender::Male, 30, 0));
        assert_eq!(d.describe(&keys_of("مدير المحطة"), Gender::Male, 60, 1), Some(adel));
        assert_eq!(d.describe(&keys_of("the engineer"), Gender::Unknown, 60, 1), None);
    }
}
