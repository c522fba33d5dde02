//! Step 2 of the frequent-word list (`tools/frequent_words.py` is step 1):
//! keeps the frequent words that name some place in the built-in
//! gazetteer, with sitrep's own match keys, and writes
//! `crates/annotate/data/common_words.txt`:
//!
//! `cargo run --release -p sitrep-gazetteer --example common_words -- /tmp/frequent.tsv > crates/annotate/data/common_words.txt`
use sitrep_gazetteer::{Gazetteer, Level};
use std::fmt::Write as _;

const HEADER: &str = "\
# Frequent words that are also place names (src/places.rs): `nice`,
# `reading`, `kill` (Kiel), `حياة` (a village), `سلام` (a Kuwaiti district),
# given names that are Syrian villages. A name that is also one of these
# words is a place only with more evidence than a capital letter or a
# preposition: a cue word (`the town of X`, `بلدة X`), or a country, a
# first-level region or a city of 100,000 people named by its main name.
# The format of every file under data/ is in data/README.md.
#
# Made by crates/gazetteer/tools/frequent_words.py and the common_words
# example of sitrep-gazetteer (see crates/gazetteer/data/SOURCES.md,
# \"Frequent words\"); do not edit by hand. Source: the 20,000 most frequent
# words of English and of Arabic in wordfreq 3.1.1 (Robyn Speer et al.;
# word lists from Wikipedia, OPUS OpenSubtitles 2018, SUBTLEX, NewsCrawl,
# GlobalVoices, Google Books Ngrams, OSCAR, ParaCrawl, Twitter, Reddit),
# licensed CC BY-SA 4.0; kept: those whose exact or vowel-merged key names
# a place of the built-in gazetteer. This list is a derived database of
# wordfreq's and is CC BY-SA 4.0 too.
#
# [common_words]  words…
#
# Examples run through the place stage; a fact is `words name kind`.
";

/// Frequent words that are the main name of a country, a first-level
/// region or a big city, but mean the word far more often in reporting:
/// kept in the list. Chosen by reading the words the list would otherwise
/// leave out (`SHOW_PLACE_FIRST=1` prints them).
const WORD_FIRST: &[&str] = &[
    "an",
    "can",
    "no",
    "see",
    "man",
    "keep",
    "hope",
    "south",
    "nice",
    "international",
    "north",
    "west",
    "gold",
    "east",
    "reading",
    "federal",
    "model",
    "central",
    "kill",
    "door",
    "michael",
    "bed",
    "ten",
    "george",
    "paul",
    "store",
    "capital",
    "western",
    "region",
    "sale",
    "tour",
    "san",
    "centre",
    "german",
    "pre",
    "bar",
    "telling",
    "carry",
    "male",
    "coast",
    "mobile",
    "northern",
    "southern",
    "pull",
    "eastern",
    "mary",
    "progress",
    "van",
    "charles",
    "surprise",
    "bay",
    "sides",
    "spanish",
    "valley",
    "forest",
    "moon",
    "pool",
    "split",
    "orange",
    "salt",
    "ha",
    "independence",
    "jackson",
    "lane",
    "fees",
    "princess",
    "islands",
    "bush",
    "bone",
    "elizabeth",
    "bath",
    "bid",
    "marry",
    "rugby",
    "enterprise",
    "anna",
    "patrick",
    "meets",
    "ann",
    "poll",
    "commonwealth",
    "di",
    "teen",
    "lincoln",
    "hamilton",
    "bat",
    "cape",
    "rivers",
    "se",
    "gulf",
    "kennedy",
    "cameron",
    "oral",
    "warren",
    "nelson",
    "pole",
    "batman",
    "charlotte",
    "ho",
    "unity",
    "douglas",
    "metro",
    "rs",
    "kent",
    "madison",
    "tyler",
    "paradise",
    "southeast",
    "buffalo",
    "lakes",
    "nancy",
    "norman",
    "northwest",
    "syrian",
    "tours",
    "bend",
    "delta",
    "ham",
    "est",
    "derby",
    "indoor",
    "bride",
    "hub",
    "hull",
    "northeast",
    "queens",
    "cos",
    "logan",
    "diana",
    "ta",
    "brandon",
    "caroline",
    "tan",
    "bo",
    "chin",
    "pal",
    "barn",
    "chen",
    "maritime",
    "toyota",
    "newton",
    "acre",
    "henderson",
    "reunion",
    "vladimir",
    "boo",
    "hail",
    "leon",
    "montgomery",
    "lone",
    "richardson",
    "yang",
    "gilbert",
    "trinity",
    "ana",
    "lil",
    "alley",
    "saga",
    "manning",
    "mon",
    "para",
    "tub",
    "kerry",
    "miranda",
    "milton",
    "mel",
    "peel",
    "providence",
    "wan",
    "eugene",
    "northwestern",
    "preston",
    "nodes",
    "nigel",
    "maurice",
    "tu",
    "chandler",
    "conception",
    "lib",
    "bella",
    "falcon",
    "liu",
    "meta",
    "aurora",
    "dis",
    "mann",
    "oriental",
    "sutton",
    "windsor",
    "yen",
    "bleed",
    "mayo",
    "shaping",
    "bon",
    "imo",
    "irving",
    "rodriguez",
    "gamma",
    "santos",
    "sidney",
    "vista",
    "brent",
    "midlands",
    "midway",
    "monte",
    "patterson",
    "princes",
    "ramsey",
    "sol",
    "mets",
    "hassan",
    "panda",
    "clare",
    "hampton",
    "pest",
    "ig",
    "colon",
    "forrest",
    "grad",
    "hale",
    "juliet",
    "hanna",
    "muse",
    "tango",
    "edison",
    "isabel",
    "sid",
    "mango",
    "bloke",
    "kara",
    "brits",
    "jenna",
    "lara",
    "levi",
    "mono",
    "walton",
    "yan",
    "alexandra",
    "everett",
    "bong",
    "chu",
    "hind",
    "hue",
    "isabella",
    "nan",
    "plunge",
    "ajax",
    "andreas",
    "lama",
    "rss",
    "sal",
    "cascade",
    "concord",
    "maureen",
    "paso",
    "ain",
    "barr",
    "gao",
    "garland",
    "ida",
    "wei",
    "boon",
    "daly",
    "ib",
    "mara",
    "rivera",
    "pu",
    "pol",
    "boone",
    "cary",
    "chung",
    "corona",
    "livingston",
    "mansfield",
    "marches",
    "midland",
    "vin",
    "bender",
    "feng",
    "lori",
    "mei",
    "roi",
    "samson",
    "hoo",
    "kale",
    "bono",
    "ching",
    "centennial",
    "herrera",
    "hella",
    "mina",
    "moreno",
    "ascension",
    "alba",
    "mascara",
    "vargas",
    "aba",
    "dab",
    "nip",
    "lac",
    "sakura",
    "margarita",
    "sipping",
    "turk",
    "cesar",
    "iu",
    "victoria",
    "southeastern",
    "northeastern",
    "southwest",
    "مدينة",
    "المدينة",
    "جديد",
    "جديدة",
    "الجديد",
    "وأن",
    "أبي",
    "الجديدة",
    "بأنه",
    "جنوب",
    "وإن",
    "الداخلية",
    "جميل",
    "العاصمة",
    "شمال",
    "الصور",
    "عين",
    "الغربية",
    "خمس",
    "الشرقية",
    "الشمالية",
    "وان",
    "صدر",
    "الجنوبية",
    "عالية",
    "بأي",
    "الخبر",
    "العين",
    "الجنوب",
    "الباب",
    "الشمال",
    "يشير",
    "الأمل",
    "خبر",
    "أمل",
    "عاصمة",
    "الوسطى",
    "المركزية",
    "البيضاء",
    "خرج",
    "الحمد",
    "الجميل",
    "الصدر",
    "ابي",
    "الأب",
    "ظاهرة",
    "البيض",
    "العالية",
    "المشهد",
    "حمد",
    "وادي",
    "بشار",
    "خليل",
    "سعيدة",
    "آب",
    "العيون",
    "الهندية",
    "المالي",
    "الأمان",
    "السكر",
    "منزله",
    "أب",
    "مشهد",
    "عيون",
    "حجة",
    "بيضاء",
    "الخمس",
    "زاوية",
    "الشاطئ",
    "باي",
    "معسكر",
    "داخلية",
    "عمران",
    "الظاهرة",
    "رياض",
    "الزاوية",
    "كاف",
    "أمان",
    "بحيرة",
    "دو",
    "سكر",
    "رشيد",
    "البحيرة",
    "الحجة",
    "ألوان",
    "سار",
    "عصابة",
    "اب",
    "بركة",
    "شاطئ",
    "الرشيد",
    "الوادي",
    "عبور",
    "البحري",
    "سول",
    "جديده",
    "العبور",
    "عمارة",
    "بانه",
    "العثمانية",
    "العمارة",
    "بيض",
    "أبى",
    "المعسكر",
    "آمل",
    "ربك",
    "غربية",
    "أمانة",
    "ريان",
    "الأمانة",
    "عقبة",
    "واد",
    "أقصر",
    "الاب",
    "السعيدة",
    "امل",
    "هند",
    "هندية",
    "عشاق",
    "داخله",
    "مركزية",
    "العصابة",
    "المدينه",
    "بحري",
    "قبلي",
    "البركة",
    "الجديده",
    "زرقاء",
    "وأدى",
    "يمن",
    "سلالة",
    "عاليه",
    "الامل",
    "سعيده",
    "جنوبية",
    "بركان",
    "كوت",
    "الحمامات",
    "حمامات",
    "ساري",
    "آبي",
    "مدينه",
    "القطر",
    "شرقية",
    "الموالي",
    "بأى",
    "جوف",
    "منزلة",
    "وكرة",
    "الامان",
    "العمران",
    "السويدية",
    "باري",
];

/// Countries whose places are named in Arabic script (as the gazetteer's
/// build keeps their Arabic names).
const ARABIC_SCRIPT: &[&str] = &[
    "DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA", "SA", "SO", "SD", "SY",
    "TN", "AE", "YE", "EH", "IL", "TR", "IR", "AF", "PK", "TD", "ER", "SS",
];

fn main() {
    let path = std::env::args().nth(1).expect("usage: common_words FREQUENT.tsv");
    let tsv = std::fs::read_to_string(&path).expect("the frequent-word list is readable");
    let g = Gazetteer::builtin();
    let mut kept: Vec<(String, Vec<String>)> = vec![("en".into(), Vec::new()), ("ar".into(), Vec::new())];
    for line in tsv.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let [lang, _rank, word] = f[..] else { continue };
        let letters = word.chars().count() >= 2
            && word.chars().all(|c| {
                if lang == "ar" {
                    sitrep_text::fold::is_arabic_letter(c)
                } else {
                    c.is_ascii_alphabetic()
                }
            });
        if !letters {
            continue;
        }
        let found = g.lookup(word);
        let names_a_place = found.iter().any(|(_, l)| *l != Level::Skeleton);
        if !names_a_place {
            continue;
        }
        // A word that is the main name of a country, a first-level region
        // or a city of 100,000 (`syria`, `london`, `حلب`) means the place
        // first, unless it is listed as a word first (`nice`, `reading`).
        let w = if lang == "ar" { word.to_string() } else { word.to_lowercase() };
        let place_first = found.iter().any(|&(i, l)| {
            let e = g.entry(i);
            let big = match e.kind {
                sitrep_gazetteer::Kind::Country => true,
                sitrep_gazetteer::Kind::Region => e.within.len() <= 1,
                sitrep_gazetteer::Kind::City => e.population.unwrap_or(0) >= 100_000,
                _ => false,
            };
            let key = |n: &str| sitrep_gazetteer::keys::keys(n).exact;
            // A name in the word's script of a place at home: GeoNames'
            // Arabic names of foreign places are transliterations that
            // collide with words (`كان` for Caen).
            let arabic = |n: &&str| n.chars().any(sitrep_text::fold::is_arabic_letter);
            let main = if lang == "ar" {
                let home = e.kind == sitrep_gazetteer::Kind::Country || ARABIC_SCRIPT.contains(&e.country);
                home && e.names().filter(arabic).any(|n| key(n) == key(word))
            } else {
                e.names().take(2).any(|n| key(n) == key(word))
            };
            big && main && l == Level::Exact
        });
        if place_first && !WORD_FIRST.contains(&w.as_str()) {
            if std::env::var_os("SHOW_PLACE_FIRST").is_some() {
                eprintln!("{lang}\t{w}");
            }
            continue;
        }
        let list = &mut kept.iter_mut().find(|(l, _)| l == lang).expect("en or ar").1;
        if !list.contains(&w) {
            list.push(w);
        }
    }
    let mut out = String::from(HEADER);
    for (lang, words) in &kept {
        writeln!(out, "\n[common_words {lang}]").unwrap();
        let mut line = String::new();
        for w in words {
            if !line.is_empty() && line.len() + w.len() + 1 > 100 {
                writeln!(out, "{line}").unwrap();
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(w);
        }
        if !line.is_empty() {
            writeln!(out, "{line}").unwrap();
        }
        let examples = if lang == "en" {
            "not: Nice to sleep without sirens, one resident wrote. => Nice\n\
             not: Junta Airstrikes Kill 11 Sagaing Civilians => Kill\n\
             ex: Shells fell on the village of Hope in Syria. => Hope _ village; Syria Syria country\n"
        } else {
            "not: موت وألم ودمار، هذه حياة المحاصرين في حلب => حياة\n\
             not: دعا المتظاهرون إلى سلام دائم في سوريا => سلام\n\
             ex: استهدف القصف قرية حياة في ريف حلب => حياة _ village; حلب Aleppo region\n"
        };
        out.push_str(examples);
    }
    print!("{out}");
}
