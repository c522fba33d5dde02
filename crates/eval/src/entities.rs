//! Places and actors against two external gold sets, re3d (English) and
//! NewsFANE (Arabic), written to `reports/places-actors.md`.
//!
//! Both are read from `--data` and never shipped. Every document goes
//! through ingest and `extract` the way `sitrep extract` takes a text file,
//! and gold entities are matched to the record's places and actors by
//! character-span overlap: a gold entity is found when one of our items of
//! the mapped kind shares a character with it, and one of our items is
//! right when it shares a character with a gold entity of a scored class.

use anyhow::{Context, Result};
use serde_json::Value;
use sitrep_annotate::{extract, Given};
use sitrep_ingest::{read_bytes, Document, Options, Origin};
use sitrep_record::Record;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Missed and false-positive strings shown per list.
const SHOWN: usize = 30;

/// Words re3d marks as a Person, Organisation or Location that name
/// nothing by themselves.
const PRONOUNS: &[&str] = &[
    "i",
    "me",
    "my",
    "mine",
    "myself",
    "he",
    "him",
    "his",
    "himself",
    "she",
    "her",
    "hers",
    "herself",
    "we",
    "us",
    "our",
    "ours",
    "ourselves",
    "they",
    "them",
    "their",
    "theirs",
    "themselves",
    "it",
    "its",
    "itself",
    "you",
    "your",
    "yours",
    "who",
    "whom",
    "whose",
    "here",
    "there",
];

/// Clitics NewsFANE writes as tokens of their own: conjunctions and
/// prepositions before a word, pronouns after one.
const CLITICS: &[&str] = &["و", "ف", "ب", "ل", "ك", "ه", "ها", "هم", "هما", "هن", "كم", "نا", "ي"];

/// NewsFANE has sentence breaks but no document breaks: this many
/// consecutive sentences make one pseudo-document, about a long story.
const SENTENCES_PER_DOC: usize = 50;

/// re3d's IBCC confidence at or above which an entity counts as gold, as
/// for Temporal and Quantity in `yardsticks.md` (0 means rejected).
const MIN_CONFIDENCE: f64 = 0.5;

/// Which of the record's items a gold class is compared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Ours {
    Places,
    /// Actors of kind `person`.
    Persons,
    /// Actors of every other kind: state forces, armed groups, foreign
    /// states, organisations, civilians, media.
    Groups,
}

const FAMILIES: [Ours; 3] = [Ours::Places, Ours::Persons, Ours::Groups];

impl Ours {
    fn label(self) -> &'static str {
        match self {
            Ours::Places => "places",
            Ours::Persons => "actors of kind person",
            Ours::Groups => "actors of other kinds",
        }
    }

    /// This family's items in `record`, with the text their spans cover.
    fn items(self, record: &Record) -> Vec<Found> {
        let chars: Vec<char> = record.text.as_deref().unwrap_or("").chars().collect();
        let found = |span: [usize; 2], kind: &str| Found {
            start: span[0],
            end: span[1],
            text: chars.get(span[0]..span[1]).map(|c| c.iter().collect()).unwrap_or_default(),
            kind: kind.to_string(),
        };
        let actors = |person: bool| {
            record.actors.iter().filter(|a| (a.kind == "person") == person).map(|a| found(a.span, &a.kind)).collect()
        };
        match self {
            Ours::Places => record.places.iter().map(|p| found(p.span, p.kind.as_str())).collect(),
            Ours::Persons => actors(true),
            Ours::Groups => actors(false),
        }
    }
}

/// How one gold class relates to our output.
struct Mapping {
    class: &'static str,
    /// The family of ours the class belongs to, scored or not.
    family: Option<Ours>,
    /// Counted in the scores. A class of a family that is not scored still
    /// shows its recall, so a reader sees what the matcher does with it.
    scored: bool,
    why: &'static str,
}

const fn map(class: &'static str, family: Option<Ours>, scored: bool, why: &'static str) -> Mapping {
    Mapping { class, family, scored, why }
}

const PLACES: Option<Ours> = Some(Ours::Places);
const PERSONS: Option<Ours> = Some(Ours::Persons);
const GROUPS: Option<Ours> = Some(Ours::Groups);

/// Why a class with no mapping is left out.
const NOT_OURS: &str = "not a place or an actor";

const RE3D: &[Mapping] = &[
    map(
        "Location",
        PLACES,
        true,
        "a named or described point, area or feature (`Aleppo`, `west of Damascus`, `a military airport`)",
    ),
    map(
        "Person",
        PERSONS,
        true,
        "a specific person by name, title or both (`President Assad`, `the US's head of state`)",
    ),
    map(
        "Organisation",
        GROUPS,
        true,
        "governments, forces, groups, companies, also by class (`the Army`, `rebels`): our state-forces, rebel-group, \
         militia, foreign-state, international-org, ngo, civilians, media and other",
    ),
    map(
        "Nationality",
        None,
        false,
        "nationality, religion or ethnicity (`Syrian`, `Kurdish`): it describes an actor, it is not one",
    ),
    map(
        "MilitaryPlatform",
        None,
        false,
        "tanks, aircraft, ships: equipment, not an actor (re3d has no other group-like type)",
    ),
    map("Coordinate", None, false, "grid references and latitude/longitude: sitrep finds places by name"),
    map("Temporal", None, false, "scored against dates in `yardsticks.md`"),
    map("Quantity", None, false, "scored against figures in `yardsticks.md`"),
];

const NEWSFANE: &[Mapping] = &[
    map(
        "Nation",
        PLACES,
        true,
        "countries (`لبنان`, `العراق`), whatever their role: the class does not split a country acting (our \
         foreign-state actor) from a country as a place",
    ),
    map("Population-Center", PLACES, true, "cities, towns and villages"),
    map("State-or-Province", PLACES, true, "first-order divisions (`دارفور`, `كردستان`); also holds `دبي`, `واشنطن`, `نيويورك`"),
    map("County-or-District", PLACES, true, "lower divisions and territories (`قطاع غزة`, `الجولان`, `الضفة الغربية`)"),
    map("GPE-Cluster", PLACES, false, "groups of states (`الشرق الاوسط`, `الشام`, the Soviet Union): no one place an event happens at"),
    map("Continent", PLACES, false, "continents: too coarse to place an event, and outside the gazetteer"),
    map("Water-Body", PLACES, false, "seas and rivers (`المحيط الهندي`, `النيل`): outside the gazetteer"),
    map("Land-Region-Natural", PLACES, false, "deserts, mountains, plateaus: natural features the gazetteer does not hold"),
    map("Celestial", PLACES, false, "planets (`المريخ`)"),
    map(
        "Building-Grounds",
        PLACES,
        false,
        "named buildings worldwide (`البيت الابيض`, `الكرملين`), often standing for a government: outside the Syrian gazetteer",
    ),
    map("Airport", PLACES, false, "airports worldwide: outside the Syrian gazetteer"),
    map("Path", PLACES, false, "roads, streets, straits (`طريق الحرير`, `باب المندب`), mostly outside Syria"),
    map("Subarea-Facility", PLACES, false, "parts of buildings (a minaret, a prayer hall)"),
    map("Plant", PLACES, false, "a factory"),
    map("Politician", PERSONS, true, "politicians and officials"),
    map("Athlete", PERSONS, true, "athletes"),
    map("Artist", PERSONS, true, "artists"),
    map("Other_PER", PERSONS, true, "other named people (`الظواهري`, `ابو ايوب المصري`)"),
    map("Religious_PER", PERSONS, true, "religious figures, many historical (`محمد`, `القرضاوي`)"),
    map("Scientist", PERSONS, true, "scientists (`اينشتاين`)"),
    map("Businessperson", PERSONS, true, "business people"),
    map("Police", PERSONS, true, "security and defence chiefs (`رامسفيلد`, `حالوتس`): people, despite the name"),
    map("Lawyer", PERSONS, true, "lawyers and judges"),
    map("Engineer", PERSONS, true, "engineers"),
    map("Government", GROUPS, true, "governments, ministries, parliaments, armies, police forces (`الجيش الاسرائيلي`)"),
    map("Non-Governmental", GROUPS, true, "the UN, parties and armed groups (`الامم المتحدة`, `حزب الله`, `حماس`, `القاعدة`)"),
    map("Media", GROUPS, true, "news agencies and outlets (`رويترز`, `الجزيرة`)"),
    map("Group", GROUPS, false, "peoples and communities (`العرب`, `المسلمين`): collectives named by identity, like re3d's Nationality"),
    map("Sports", GROUPS, false, "sports clubs (`برشلونة`; also a club called `الجزيرة`)"),
    map("Commercial", GROUPS, false, "companies"),
    map("Educational", GROUPS, false, "universities and schools"),
    map("Religious_ORG", GROUPS, false, "religious bodies (`دار الافتاء`)"),
    map("Entertainment", GROUPS, false, "cultural bodies"),
    map("Medical-Science", GROUPS, false, "hospitals and health bodies"),
    map("Land", None, false, "land vehicles (`فيراري`, `نيسان`)"),
    map("Air", None, false, "aircraft (`اف 16`)"),
    map("Water", None, false, "boats"),
    map("Projectile", None, false, "weapons"),
    map("Shooting", None, false, "weapons"),
];

fn mapping<'a>(mappings: &'a [Mapping], class: &str) -> Option<&'a Mapping> {
    mappings.iter().find(|m| m.class == class)
}

/// A gold entity: a character span, the class the dataset gives it and the
/// text it covers.
#[derive(Clone, Debug, PartialEq)]
struct Gold {
    start: usize,
    end: usize,
    class: String,
    text: String,
}

/// One of our places or actors: a character span, the text it covers and
/// the record's kind for it.
#[derive(Clone, Debug, PartialEq)]
struct Found {
    start: usize,
    end: usize,
    text: String,
    kind: String,
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Counts for one family of ours on one group of documents.
#[derive(Clone, Debug, Default, PartialEq)]
struct Tally {
    /// Gold entities of scored classes, and how many of them we overlap.
    gold: usize,
    found: usize,
    /// Our items, and how many overlap a gold entity of a scored class.
    predicted: usize,
    correct: usize,
    /// For every class of the family, scored or not: gold and found.
    per_class: BTreeMap<String, (usize, usize)>,
    /// False positives by the gold class they overlap, if any, and by our
    /// kind.
    wrong_on: BTreeMap<String, usize>,
    wrong_kind: BTreeMap<String, usize>,
    missed: BTreeMap<String, usize>,
    wrong: BTreeMap<String, usize>,
}

/// What a false positive overlapping no gold entity is filed under.
const NO_GOLD: &str = "(no gold entity)";

impl Tally {
    /// Scores one document's items of `family` against its gold entities
    /// (all classes: those outside the family only explain false positives).
    fn add_document(&mut self, family: Ours, mappings: &[Mapping], gold: &[Gold], ours: &[Found]) {
        let of_family = |g: &Gold| mapping(mappings, &g.class).filter(|m| m.family == Some(family));
        let scored = |g: &Gold| of_family(g).is_some_and(|m| m.scored);
        for g in gold {
            let Some(m) = of_family(g) else { continue };
            let hit = ours.iter().any(|o| overlaps((o.start, o.end), (g.start, g.end)));
            let class = self.per_class.entry(g.class.clone()).or_default();
            class.0 += 1;
            class.1 += usize::from(hit);
            if m.scored {
                self.gold += 1;
                if hit {
                    self.found += 1;
                } else {
                    *self.missed.entry(shown(&g.text)).or_default() += 1;
                }
            }
        }
        for o in ours {
            self.predicted += 1;
            let under: Vec<&Gold> = gold.iter().filter(|g| overlaps((o.start, o.end), (g.start, g.end))).collect();
            if under.iter().any(|g| scored(g)) {
                self.correct += 1;
            } else {
                *self.wrong.entry(shown(&o.text)).or_default() += 1;
                // A left-out class of the same family explains the most.
                let class = under
                    .iter()
                    .find(|g| of_family(g).is_some())
                    .or(under.first())
                    .map_or(NO_GOLD, |g| g.class.as_str());
                *self.wrong_on.entry(class.to_string()).or_default() += 1;
                *self.wrong_kind.entry(o.kind.clone()).or_default() += 1;
            }
        }
    }

    fn merge(&mut self, other: &Tally) {
        self.gold += other.gold;
        self.found += other.found;
        self.predicted += other.predicted;
        self.correct += other.correct;
        for (k, (g, f)) in &other.per_class {
            let e = self.per_class.entry(k.clone()).or_default();
            e.0 += g;
            e.1 += f;
        }
        for (into, from) in [
            (&mut self.wrong_on, &other.wrong_on),
            (&mut self.wrong_kind, &other.wrong_kind),
            (&mut self.missed, &other.missed),
            (&mut self.wrong, &other.wrong),
        ] {
            for (k, n) in from {
                *into.entry(k.clone()).or_default() += n;
            }
        }
    }

    /// Precision and recall (none without anything to divide by) and F1.
    fn prf(&self) -> (Option<f64>, Option<f64>, f64) {
        let ratio = |a: usize, b: usize| (b > 0).then(|| a as f64 / b as f64);
        let (p, r) = (ratio(self.correct, self.predicted), ratio(self.found, self.gold));
        let f = match (p, r) {
            (Some(p), Some(r)) if p + r > 0.0 => 2.0 * p * r / (p + r),
            _ => 0.0,
        };
        (p, r, f)
    }
}

/// A string as the report lists it: whitespace folded, no backticks or bars.
fn shown(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").replace('`', "'").replace('|', "/")
}

/// One document to score: its text, its gold entities as character spans
/// into that text, and the group its scores are reported under.
struct Case {
    group: String,
    name: String,
    text: String,
    gold: Vec<Gold>,
    /// The language to state, when the dataset says it.
    language: Option<&'static str>,
}

/// The document `sitrep extract` would make of `text` as a text file.
fn document(name: &str, text: &str, language: Option<&str>) -> Result<Document> {
    let mut items = Vec::new();
    let file = format!("{name}.txt");
    read_bytes(&file, &file, text.as_bytes().to_vec(), Origin::default(), &Options::default(), &mut |i| items.push(i));
    let item = items.into_iter().next().with_context(|| format!("ingest made no document of {name}"))?;
    let mut doc = item.result.with_context(|| format!("reading {name}"))?;
    if let Some(language) = language {
        doc.languages = vec![language.to_string()];
    }
    Ok(doc)
}

/// For each character position in `from` (and its end), the position in
/// `to`, where `to` is `from` with characters dropped and line breaks
/// rewritten, as ingest's text cleaning does (BOM, leading blank lines,
/// trailing spaces, `\r\n`, control characters).
fn align(from: &str, to: &str) -> Vec<usize> {
    let to: Vec<char> = to.chars().collect();
    let mut map = Vec::with_capacity(from.len() + 1);
    let mut j = 0;
    for c in from.chars() {
        map.push(j);
        let kept = to.get(j).is_some_and(|&t| t == c || (t == '\n' && matches!(c, '\r' | '\u{2028}' | '\u{2029}')));
        j += usize::from(kept);
    }
    map.push(j);
    map
}

/// Gold spans into `from` moved onto `to` (see [`align`]).
fn realign(from: &str, to: &str, gold: &[Gold]) -> Vec<Gold> {
    let map = align(from, to);
    gold.iter().filter_map(|g| Some(Gold { start: *map.get(g.start)?, end: *map.get(g.end)?, ..g.clone() })).collect()
}

/// Scores of one dataset, by family and group.
#[derive(Default)]
struct Results {
    tallies: BTreeMap<(Ours, String), Tally>,
    /// Documents whose text ingest's cleaning changed, so their gold spans
    /// were realigned, and gold entities whose realigned span no longer
    /// covers their words (whitespace aside).
    realigned: usize,
    misaligned: usize,
}

impl Results {
    fn total(&self, family: Ours) -> Tally {
        let mut t = Tally::default();
        for ((f, _), tally) in &self.tallies {
            if *f == family {
                t.merge(tally);
            }
        }
        t
    }
}

fn score(cases: &[Case], mappings: &[Mapping]) -> Result<Results> {
    let mut results = Results::default();
    for case in cases {
        let doc = document(&case.name, &case.text, case.language)?;
        let record = extract(&doc, &Given::default());
        let text = record.text.as_deref().unwrap_or(&doc.text);
        let gold = if text == case.text {
            case.gold.clone()
        } else {
            results.realigned += 1;
            let moved = realign(&case.text, text, &case.gold);
            let chars: Vec<char> = text.chars().collect();
            let covers =
                |g: &&Gold| chars.get(g.start..g.end).is_some_and(|c| shown(&String::from_iter(c)) == shown(&g.text));
            results.misaligned += case.gold.len() - moved.iter().filter(covers).count();
            moved
        };
        for family in FAMILIES {
            let ours = family.items(&record);
            results
                .tallies
                .entry((family, case.group.clone()))
                .or_default()
                .add_document(family, mappings, &gold, &ours);
        }
    }
    Ok(results)
}

/// Lines of a mongoexport file as JSON objects, and how many lines would
/// not parse.
fn read_json_lines(path: &Path) -> Result<(Vec<Value>, usize)> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut bad = 0;
    let mut values = Vec::new();
    for line in text.lines().map(|l| l.trim_start_matches('\u{FEFF}').trim()).filter(|l| !l.is_empty()) {
        match serde_json::from_str(line) {
            Ok(v) => values.push(v),
            Err(_) => bad += 1,
        }
    }
    Ok((values, bad))
}

/// re3d's documents, one case each, with every entity of confidence at
/// least [`MIN_CONFIDENCE`] as gold, and notes on what looked odd.
fn read_re3d(dir: &Path) -> Result<(Vec<Case>, Vec<String>)> {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    let (mut cases, mut bad_lines, mut bad_spans, mut differ, mut low) = (Vec::new(), 0, 0, 0, 0);
    for folder in folders {
        let group = folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let (documents, bad) = read_json_lines(&folder.join("documents.json"))?;
        bad_lines += bad;
        let (entities, bad) = read_json_lines(&folder.join("entities.json"))?;
        bad_lines += bad;
        let mut by_id: BTreeMap<String, Case> = BTreeMap::new();
        for d in documents {
            let id = d["_id"].as_str().unwrap_or("").to_string();
            let text = d["text"].as_str().unwrap_or("").to_string();
            by_id.insert(
                id.clone(),
                Case { group: group.clone(), name: format!("re3d-{id}"), text, gold: Vec::new(), language: None },
            );
        }
        for e in entities {
            if e["confidence"].as_f64().unwrap_or(0.0) < MIN_CONFIDENCE {
                low += 1;
                continue;
            }
            let Some(case) = by_id.get_mut(e["documentId"].as_str().unwrap_or("")) else {
                bad_spans += 1;
                continue;
            };
            // re3d's offsets count characters (its texts hold nothing
            // beyond the Basic Multilingual Plane, so UTF-16 units agree).
            let (start, end) = (e["begin"].as_u64().unwrap_or(0) as usize, e["end"].as_u64().unwrap_or(0) as usize);
            let Some(text) = char_slice(&case.text, start, end) else {
                bad_spans += 1;
                continue;
            };
            if text != e["value"].as_str().unwrap_or("") {
                differ += 1;
            }
            case.gold.push(Gold { start, end, class: e["type"].as_str().unwrap_or("").to_string(), text });
        }
        for mut case in by_id.into_values() {
            case.gold.sort_by(|a, b| (a.start, a.end, &a.class).cmp(&(b.start, b.end, &b.class)));
            cases.push(case);
        }
    }
    let nested_in = |c: &Case| {
        let scored = |g: &&Gold| RE3D.iter().any(|m| m.scored && m.class == g.class);
        let nested = |a: &&Gold| {
            c.gold.iter().any(|b| b != *a && b.class == a.class && overlaps((a.start, a.end), (b.start, b.end)))
        };
        c.gold.iter().filter(scored).filter(nested).count()
    };
    let nested: usize = cases.iter().map(nested_in).sum();
    let notes = vec![
        format!(
            "{} documents; {low} entity annotations below confidence {MIN_CONFIDENCE} are not gold (re3d keeps rejected \
             readings with confidence 0, often the same span under another type: `Syria` as Location 0 and Organisation 1).",
            cases.len()
        ),
        format!(
            "Offsets are characters. {differ} gold values differ from the text their span covers (straightened quote marks, \
             a line break given as a space); the span is trusted."
        ),
        format!("{nested} Location, Person or Organisation gold entities overlap another gold entity of the same type (`west of Damascus` holds `Damascus`); each is counted."),
        format!("{bad_lines} lines would not parse and {bad_spans} entities had a span outside their document or no document."),
    ];
    Ok((cases, notes))
}

/// Characters `[start, end)` of `text`, if in range.
fn char_slice(text: &str, start: usize, end: usize) -> Option<String> {
    (start <= end).then_some(())?;
    let s: String = text.chars().skip(start).take(end - start).collect();
    (s.chars().count() == end - start).then_some(s)
}

/// One NewsFANE sentence: its tokens with direction marks stripped, and its
/// entities as token ranges `[first, end)` with their class.
#[derive(Debug, Default, PartialEq)]
struct Sentence {
    tokens: Vec<String>,
    entities: Vec<(usize, usize, String)>,
}

/// The NewsFANE file read: sentences, and counts of what needed repair.
#[derive(Debug, Default, PartialEq)]
struct NewsFane {
    sentences: Vec<Sentence>,
    /// Tokens that carried a direction or byte-order mark.
    marked: usize,
    /// `I-` tags that follow no entity of their class; each starts one.
    stray_inside: usize,
    /// Lines with no tab.
    bad_lines: usize,
}

/// Left-to-right and right-to-left marks and the byte-order mark: the file
/// puts U+200E before most tokens and a BOM before the first.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{FEFF}')
}

/// Reads NewsFANE's `token<TAB>tag` lines (IOB2 tags, blank lines between
/// sentences).
fn read_newsfane(content: &str) -> NewsFane {
    let mut out = NewsFane::default();
    let mut sentence = Sentence::default();
    // The entity being read: its first token and class.
    let mut open: Option<(usize, String)> = None;
    let close = |sentence: &mut Sentence, open: &mut Option<(usize, String)>| {
        if let Some((first, class)) = open.take() {
            sentence.entities.push((first, sentence.tokens.len(), class));
        }
    };
    for line in content.lines() {
        let line = line.trim_end_matches('\r');
        if line.chars().all(|c| c.is_whitespace() || is_mark(c)) {
            close(&mut sentence, &mut open);
            if !sentence.tokens.is_empty() {
                out.sentences.push(std::mem::take(&mut sentence));
            }
            continue;
        }
        let Some((token, tag)) = line.split_once('\t') else {
            out.bad_lines += 1;
            continue;
        };
        if token.chars().any(is_mark) {
            out.marked += 1;
        }
        let token: String = token.chars().filter(|&c| !is_mark(c)).collect::<String>().trim().to_string();
        match tag.trim().split_once('-') {
            Some(("B", class)) if !class.is_empty() => {
                close(&mut sentence, &mut open);
                open = Some((sentence.tokens.len(), class.to_string()));
            }
            Some(("I", class)) if open.as_ref().is_some_and(|(_, c)| c == class) => {}
            Some(("I", class)) if !class.is_empty() => {
                close(&mut sentence, &mut open);
                out.stray_inside += 1;
                open = Some((sentence.tokens.len(), class.to_string()));
            }
            _ => close(&mut sentence, &mut open),
        }
        sentence.tokens.push(token);
    }
    close(&mut sentence, &mut open);
    if !sentence.tokens.is_empty() {
        out.sentences.push(sentence);
    }
    out
}

/// Sentences as one text, a sentence a line and tokens spaced, with their
/// entities as character spans into it.
fn join(sentences: &[Sentence]) -> (String, Vec<Gold>) {
    let mut text = String::new();
    let mut at = 0;
    let mut gold = Vec::new();
    for (i, sentence) in sentences.iter().enumerate() {
        if i > 0 {
            text.push('\n');
            at += 1;
        }
        let mut starts = Vec::with_capacity(sentence.tokens.len());
        for (k, token) in sentence.tokens.iter().enumerate() {
            if k > 0 {
                text.push(' ');
                at += 1;
            }
            starts.push(at);
            text.push_str(token);
            at += token.chars().count();
        }
        for (first, end, class) in &sentence.entities {
            let last = end - 1;
            gold.push(Gold {
                start: starts[*first],
                end: starts[last] + sentence.tokens[last].chars().count(),
                class: class.clone(),
                text: sentence.tokens[*first..*end].join(" "),
            });
        }
    }
    (text, gold)
}

/// NewsFANE as pseudo-documents of [`SENTENCES_PER_DOC`] sentences, and
/// notes on what looked odd.
fn read_newsfane_cases(path: &Path) -> Result<(Vec<Case>, Vec<String>)> {
    let content = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let fane = read_newsfane(&content);
    let cases: Vec<Case> = fane
        .sentences
        .chunks(SENTENCES_PER_DOC)
        .enumerate()
        .map(|(i, chunk)| {
            let (text, gold) = join(chunk);
            Case { group: "NewsFANE".into(), name: format!("newsfane-{i:03}"), text, gold, language: Some("ar") }
        })
        .collect();
    let tokens: usize = fane.sentences.iter().map(|s| s.tokens.len()).sum();
    let clitics = fane.sentences.iter().flat_map(|s| &s.tokens).filter(|t| CLITICS.contains(&t.as_str())).count();
    let hamza = fane.sentences.iter().flat_map(|s| &s.tokens).filter(|t| t.contains(['أ', 'إ', 'آ'])).count();
    let classes: std::collections::BTreeSet<&str> =
        fane.sentences.iter().flat_map(|s| &s.entities).map(|e| e.2.as_str()).collect();
    let notes = vec![
        format!(
            "{} sentences, {tokens} tokens, made into {} pseudo-documents of {SENTENCES_PER_DOC} sentences (the file has \
             no document breaks, so a pseudo-document may join the end of one story to the start of the next).",
            fane.sentences.len(),
            cases.len()
        ),
        format!(
            "{} tokens carried a direction mark (U+200E) and the file starts with a byte-order mark: both stripped. Lines \
             end in CRLF. {} lines had no tab.",
            fane.marked, fane.bad_lines
        ),
        format!("{} `I-` tags follow no entity of their class; each starts an entity.", fane.stray_inside),
        format!(
            "{clitics} tokens are a lone clitic (`و`, `ب`, `ل` before a word; `ه`, `ها`, `هم`, `نا` after one): the text \
             is clitic-segmented, so joined with spaces it reads `و ان`, `منزل ه` where print has `وان`, `منزله`. \
             The scores are on that segmented text, not on Arabic as published."
        ),
        format!(
            "{hamza} tokens hold an alef with hamza (أ إ آ): the text is folded to bare alef (`اسرائيل`, `الامم`) and \
             undiacritized, so a matcher must fold its names the same way."
        ),
        format!(
            "{} classes occur (Readme.txt names none; the paper's taxonomy has 50). The segmentation is partial: \
             entities keep some clitics attached (`للامم المتحدة`, `بمطار محمد الخامس`), which overlap matching \
             absorbs.",
            classes.len()
        ),
    ];
    Ok((cases, notes))
}

fn ratio(x: Option<f64>) -> String {
    x.map_or("—".to_string(), |x| format!("{x:.3}"))
}

fn score_row(report: &mut String, first: &str, second: &str, t: &Tally) -> Result<()> {
    let (p, r, f) = t.prf();
    writeln!(
        report,
        "| {first} | {second} | {} | {} | {} | {} | {} | {} | {f:.3} |",
        t.gold,
        t.found,
        ratio(r),
        t.predicted,
        t.correct,
        ratio(p)
    )?;
    Ok(())
}

/// The `SHOWN` most frequent strings, most frequent first, then in order.
fn top(counts: &BTreeMap<String, usize>) -> Vec<(&str, usize)> {
    let mut v: Vec<(&str, usize)> = counts.iter().map(|(k, n)| (k.as_str(), *n)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v.truncate(SHOWN);
    v
}

/// Counts as `key n, key n`, most first.
fn by_count(counts: &BTreeMap<String, usize>) -> String {
    let mut v: Vec<(&String, &usize)> = counts.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let v: Vec<String> = v.iter().map(|(k, n)| format!("{} {n}", if k.is_empty() { "(none)" } else { k })).collect();
    if v.is_empty() {
        "—".to_string()
    } else {
        v.join(", ")
    }
}

fn mapping_table(report: &mut String, mappings: &[Mapping], gold: &BTreeMap<String, usize>, name: &str) -> Result<()> {
    writeln!(report, "| {name} class | gold | ours | scored | why |\n| --- | --- | --- | --- | --- |")?;
    let mut rows: Vec<(&str, usize)> = gold.iter().map(|(k, n)| (k.as_str(), *n)).collect();
    // Families first, in the order the mapping lists them; the rest by size.
    let rank = |c: &str| mappings.iter().position(|m| m.class == c && m.family.is_some()).unwrap_or(usize::MAX);
    rows.sort_by(|a, b| rank(a.0).cmp(&rank(b.0)).then(b.1.cmp(&a.1)).then(a.0.cmp(b.0)));
    for (class, n) in rows {
        let m = mapping(mappings, class);
        let family = m.and_then(|m| m.family).map_or("—", Ours::label);
        let scored = if m.is_some_and(|m| m.scored) { "yes" } else { "no" };
        writeln!(report, "| {class} | {n} | {family} | {scored} | {} |", m.map_or(NOT_OURS, |m| m.why))?;
    }
    Ok(())
}

fn class_counts(cases: &[Case]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for g in cases.iter().flat_map(|c| &c.gold) {
        *counts.entry(g.class.clone()).or_default() += 1;
    }
    counts
}

/// Scored classes of `family`, joined for a table cell.
fn scored_classes(mappings: &[Mapping], family: Ours) -> String {
    mappings.iter().filter(|m| m.family == Some(family) && m.scored).map(|m| m.class).collect::<Vec<_>>().join(", ")
}

/// The precision, recall and F1 of each total in a report this module
/// wrote, by dataset and our family's label: re3d's `all sources` rows and
/// NewsFANE's rows.
fn previous_totals(old: &str) -> BTreeMap<(String, String), (f64, f64, f64)> {
    let mut out = BTreeMap::new();
    let mut dataset = "";
    for line in old.lines() {
        if line.starts_with("## re3d") {
            dataset = "re3d";
        } else if line.starts_with("## NewsFANE") {
            dataset = "NewsFANE";
        } else if line.starts_with("## ") || line.starts_with("### ") {
            dataset = "";
        }
        let cells: Vec<&str> = line.split('|').map(|c| c.trim().trim_matches('*')).collect();
        let num = |i: usize| cells.get(i).and_then(|c| c.parse::<f64>().ok());
        let family = |label: &str| FAMILIES.iter().map(|f| f.label()).find(|l| label.ends_with(&format!("→ {l}")));
        let row = match dataset {
            // | what | all sources | gold | found | recall | predicted | correct | precision | F1 |
            "re3d" if cells.get(2) == Some(&"all sources") => {
                family(cells[1]).zip(num(5)).zip(num(8)).zip(num(9)).map(|(((l, r), p), f)| (l, p, r, f))
            }
            // | what | gold | found | recall | predicted | correct | precision | F1 |
            "NewsFANE" => family(cells.get(1).copied().unwrap_or(""))
                .zip(num(4))
                .zip(num(7))
                .zip(num(8))
                .map(|(((l, r), p), f)| (l, p, r, f)),
            _ => None,
        };
        if let Some((label, p, r, f)) = row {
            out.insert((dataset.to_string(), label.to_string()), (p, r, f));
        }
    }
    out
}

/// Scores places and actors on re3d and NewsFANE under `data` and writes
/// the report to `out`.
pub fn write_report(data: &Path, out: &Path) -> Result<()> {
    let (re3d_cases, re3d_notes) = read_re3d(&data.join("re3d"))?;
    let (fane_cases, fane_notes) = read_newsfane_cases(&data.join("newsfane-arabic-ner/NewsFANE_Gold_2014_170K.txt"))?;
    let re3d = score(&re3d_cases, RE3D)?;
    let fane = score(&fane_cases, NEWSFANE)?;
    // The totals of the report this run replaces, to show what changed.
    let before = std::fs::read_to_string(out).map(|old| previous_totals(&old)).unwrap_or_default();

    let mut report = String::from(
        "# Places and actors on external yardsticks\n\n\
         Made by `cargo run --release -p sitrep-eval -- --data ../shared/data`, which also writes `yardsticks.md`; \
         the data is read from there and never shipped.\n\n\
         - **re3d** (Dstl's Relationship and Entity Extraction Evaluation Dataset, github.com/dstl/re3d at b061ff0): \
         98 English documents on the conflict in Syria and Iraq from seven sources, entities marked by experts and \
         adjudicated by crowd workers with a Bayesian confidence; entities with confidence ≥ 0.5 are gold. Licensed per \
         source folder: US State Department and CENTCOM public domain, UK Government OGL v3, Australian DFAT CC BY 3.0 AU, \
         Wikipedia CC BY-SA 3.0, BBC Online CC BY-NC 3.0 (non-commercial), EU Delegation to Syria under the EC legal \
         notice (reuse with attribution).\n\
         - **NewsFANE Gold** (Alotaibi and Lee, COLING 2014; from github.com/bvanaken/visbert at 8c0f4a8): Arabic \
         newswire, one token a line with an IOB2 tag in fine-grained classes under ACE-like coarse types; CC BY-SA 3.0 \
         Unported. Its tokens are joined with spaces, a sentence a line, 50 sentences to a pseudo-document, and read as \
         Arabic.\n\n\
         Each document goes through ingest as a text file and `extract`, as `sitrep extract` would take it. Matching is \
         by character-span overlap: a gold entity is found when one of our items of the mapped kind shares a character \
         with it (recall = found / gold), and one of our items is correct when it shares a character with a gold entity \
         of a scored class (precision = correct / predicted). Overlap is lenient on purpose: `Damascus` finds \
         `west of Damascus`, and a name finds its gold entity with a clitic attached (`للامم المتحدة`). re3d's \
         offsets count characters, as our spans do; where ingest's text cleaning changes a text, gold spans are \
         moved onto the cleaned text. Classes of a family that are not scored (a continent, a sports club) still show \
         their recall below, but a prediction on one counts as a false positive.\n\n\
         ## How gold classes map to ours\n\n",
    );
    mapping_table(&mut report, RE3D, &class_counts(&re3d_cases), "re3d")?;
    report.push('\n');
    mapping_table(&mut report, NEWSFANE, &class_counts(&fane_cases), "NewsFANE")?;

    report.push_str(
        "\n## re3d\n\n\
         | gold → ours | source | gold | found | recall | predicted | correct | precision | F1 |\n\
         | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n",
    );
    for family in FAMILIES {
        let what = format!("{} → {}", scored_classes(RE3D, family), family.label());
        for ((f, group), tally) in &re3d.tallies {
            if *f == family {
                score_row(&mut report, &what, group, tally)?;
            }
        }
        score_row(&mut report, &format!("**{what}**"), "**all sources**", &re3d.total(family))?;
    }

    report.push_str(
        "\n## NewsFANE\n\n\
         | gold → ours | gold | found | recall | predicted | correct | precision | F1 |\n\
         | --- | --- | --- | --- | --- | --- | --- | --- |\n",
    );
    for family in FAMILIES {
        let t = fane.total(family);
        let (p, r, f) = t.prf();
        writeln!(
            report,
            "| {} → {} | {} | {} | {} | {} | {} | {} | {f:.3} |",
            scored_classes(NEWSFANE, family),
            family.label(),
            t.gold,
            t.found,
            ratio(r),
            t.predicted,
            t.correct,
            ratio(p)
        )?;
    }
    if !before.is_empty() {
        report.push_str(
            "\n## Change since the report this one replaced\n\n\
             Precision, recall and F1 of each comparison's total, as the report before this run gave them → now.\n\n\
             | dataset | gold → ours | precision | recall | F1 |\n| --- | --- | --- | --- | --- |\n",
        );
        for (name, results) in [("re3d", &re3d), ("NewsFANE", &fane)] {
            for family in FAMILIES {
                let Some(&(p0, r0, f0)) = before.get(&(name.to_string(), family.label().to_string())) else { continue };
                let (p, r, f) = results.total(family).prf();
                let cell = |was: f64, now: Option<f64>| format!("{was:.3} → {}", ratio(now));
                writeln!(
                    report,
                    "| {name} | {} | {} | {} | {f0:.3} → {f:.3} |",
                    family.label(),
                    cell(p0, p),
                    cell(r0, r)
                )?;
            }
        }
    }
    report.push_str("\n### NewsFANE recall per class\n\n| class | ours | scored | gold | found | recall |\n| --- | --- | --- | --- | --- | --- |\n");
    for family in FAMILIES {
        let t = fane.total(family);
        for m in NEWSFANE.iter().filter(|m| m.family == Some(family)) {
            let Some((g, f)) = t.per_class.get(m.class) else { continue };
            let scored = if m.scored { "yes" } else { "no" };
            let r = ratio((*g > 0).then(|| *f as f64 / *g as f64));
            writeln!(report, "| {} | {} | {scored} | {g} | {f} | {r} |", m.class, family.label())?;
        }
    }

    report.push_str(
        "\n## What false positives overlap\n\n\
         A false positive on a gold entity of another class is often a fair reading the gold set files elsewhere: re3d \
         marks `Syria` acting as a state as an Organisation, and NewsFANE marks every mention of a country as Nation, \
         so a country our actor matcher reads as a foreign state counts against it there.\n\n\
         | dataset | ours | false positives | gold they overlap | our kinds |\n| --- | --- | --- | --- | --- |\n",
    );
    for (name, results) in [("re3d", &re3d), ("NewsFANE", &fane)] {
        for family in FAMILIES {
            let t = results.total(family);
            let (on, kinds) = (by_count(&t.wrong_on), by_count(&t.wrong_kind));
            writeln!(report, "| {name} | {} | {} | {on} | {kinds} |", family.label(), t.predicted - t.correct)?;
        }
    }

    writeln!(
        report,
        "\n## Misses and false positives\n\n\
         The {SHOWN} most frequent missed gold strings and false-positive strings of each comparison, with counts; \
         whitespace is folded."
    )?;
    for (name, mappings, results) in [("re3d", RE3D, &re3d), ("NewsFANE", NEWSFANE, &fane)] {
        for family in FAMILIES {
            let t = results.total(family);
            writeln!(report, "\n### {name}: {} → {}\n", scored_classes(mappings, family), family.label())?;
            let (missed, wrong) = (top(&t.missed), top(&t.wrong));
            if missed.is_empty() && wrong.is_empty() {
                report.push_str("Nothing missed and no false positives.\n");
                continue;
            }
            report.push_str("| # | missed | n | false positive | n |\n| --- | --- | --- | --- | --- |\n");
            for i in 0..missed.len().max(wrong.len()) {
                let cell = |v: &[(&str, usize)]| {
                    v.get(i).map_or((String::new(), String::new()), |(s, n)| (format!("`{s}`"), n.to_string()))
                };
                let ((ms, mn), (ws, wn)) = (cell(&missed), cell(&wrong));
                writeln!(report, "| {} | {ms} | {mn} | {ws} | {wn} |", i + 1)?;
            }
        }
    }

    report.push_str("\n## Notes on the data\n\n### re3d\n\n");
    for note in &re3d_notes {
        writeln!(report, "- {note}")?;
    }
    writeln!(
        report,
        "- {} documents' text changed under ingest's cleaning (trailing spaces); their gold spans were realigned, and \
         {} of them no longer cover their words.",
        re3d.realigned, re3d.misaligned
    )?;
    for family in FAMILIES {
        let t = re3d.total(family);
        let pronouns: usize =
            t.missed.iter().filter(|(k, _)| PRONOUNS.contains(&k.to_lowercase().as_str())).map(|(_, n)| n).sum();
        writeln!(
            report,
            "- {pronouns} of the {} missed {} entities are pronouns or `here`/`there`, which re3d marks and sitrep \
             does not resolve.",
            t.gold - t.found,
            scored_classes(RE3D, family)
        )?;
    }
    report.push_str("\n### NewsFANE\n\n");
    for note in &fane_notes {
        writeln!(report, "- {note}")?;
    }
    writeln!(
        report,
        "- {} pseudo-documents' text changed under ingest's cleaning; {} gold spans no longer cover their words.",
        fane.realigned, fane.misaligned
    )?;

    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(out, &report).with_context(|| format!("writing {}", out.display()))?;
    eprintln!("written to {}", out.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A made-up two-sentence file: BOM, marks before tokens, CRLF, a
    /// two-token entity, an entity at a sentence end and a stray `I-`.
    const FIXTURE: &str = "\u{FEFF}\u{200E}زار\tO\r\n\u{200E}وفد\tO\r\n\u{200E}مدينة\tB-Population-Center\r\n\
                           \u{200E}حمص\tI-Population-Center\r\n\u{200E}امس\tO\r\n\r\n\
                           \u{200E}قال\tO\r\n\u{200E}سامر\tI-Politician\r\n\u{200E}في\tO\r\n\u{200E}سوريا\tB-Nation\r\n";

    #[test]
    fn newsfane_reader_strips_marks_and_decodes_iob() {
        let fane = read_newsfane(FIXTURE);
        assert_eq!(fane.sentences.len(), 2);
        assert_eq!(fane.sentences[0].tokens, ["زار", "وفد", "مدينة", "حمص", "امس"]);
        assert_eq!(fane.sentences[0].entities, [(2, 4, "Population-Center".to_string())]);
        assert_eq!(fane.sentences[1].entities, [(1, 2, "Politician".to_string()), (3, 4, "Nation".to_string())]);
        assert_eq!((fane.marked, fane.stray_inside, fane.bad_lines), (9, 1, 0));
    }

    #[test]
    fn joined_text_gives_character_spans() {
        let fane = read_newsfane(FIXTURE);
        let (text, gold) = join(&fane.sentences);
        assert_eq!(text, "زار وفد مدينة حمص امس\nقال سامر في سوريا");
        assert!(!text.contains('\u{200E}'));
        let chars: Vec<char> = text.chars().collect();
        for g in &gold {
            assert_eq!(chars[g.start..g.end].iter().collect::<String>(), g.text);
        }
        assert_eq!((gold[0].start, gold[0].end, gold[0].text.as_str()), (8, 17, "مدينة حمص"));
        assert_eq!((gold[2].start, gold[2].end), (34, 39));
    }

    fn gold(start: usize, end: usize, class: &str, text: &str) -> Gold {
        Gold { start, end, class: class.into(), text: text.into() }
    }

    fn found(start: usize, end: usize, text: &str) -> Found {
        Found { start, end, text: text.into(), kind: "town".into() }
    }

    #[test]
    fn overlap_is_half_open() {
        assert!(overlaps((0, 5), (4, 9)));
        assert!(!overlaps((0, 5), (5, 9)));
        assert!(overlaps((3, 4), (0, 10)));
    }

    #[test]
    fn matcher_counts_recall_precision_and_left_out_classes() {
        // "Shelling west of Homs; the Orontes rose; Acme said."
        let gold = [
            gold(9, 21, "Location", "west of Homs"),
            gold(27, 34, "Continent", "Orontes"),
            gold(41, 45, "Organisation", "Acme"),
            gold(50, 60, "Location", "the desert"),
        ];
        let mappings = [map("Location", PLACES, true, ""), map("Continent", PLACES, false, "")];
        let ours = [found(17, 21, "Homs"), found(27, 34, "Orontes"), found(41, 45, "Acme"), found(0, 8, "Shelling")];
        let mut t = Tally::default();
        t.add_document(Ours::Places, &mappings, &gold, &ours);
        assert_eq!((t.gold, t.found, t.predicted, t.correct), (2, 1, 4, 1));
        assert_eq!(t.missed, BTreeMap::from([("the desert".to_string(), 1)]));
        assert_eq!(t.wrong.len(), 3);
        assert_eq!(
            t.wrong_on,
            BTreeMap::from([("Continent".into(), 1), ("Organisation".into(), 1), (NO_GOLD.into(), 1)])
        );
        assert_eq!(t.per_class["Continent"], (1, 1));
        assert_eq!(t.wrong_kind, BTreeMap::from([("town".to_string(), 3)]));
        let (p, r, f) = t.prf();
        assert_eq!((p, r), (Some(0.25), Some(0.5)));
        assert!((f - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(Tally::default().prf(), (None, None, 0.0));
    }

    #[test]
    fn gold_spans_follow_cleaned_text() {
        let from = "\n  Homs \r\nand Hama";
        let to = sitrep_ingest::clean_text(from);
        let moved = realign(from, &to, &[gold(3, 7, "Location", "Homs"), gold(14, 18, "Location", "Hama")]);
        let chars: Vec<char> = to.chars().collect();
        for g in moved {
            assert_eq!(chars[g.start..g.end].iter().collect::<String>(), g.text);
        }
    }
}
