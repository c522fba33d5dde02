//! Benchmark: `figures`, `timeline`, `export` and `report` on an archive
//! of 10,000 documents.
//!
//! Run with `cargo bench -p sitrep --bench linked`. It writes 10,000
//! generated news reports (one in four in Arabic) as JSONL feeds, adds them
//! to a fresh archive once (timed, but setup), then times the real binary
//! end to end for each command over several runs and writes medians to
//! `bench/linked.md`, so each row is the full wait a user has. The first
//! command after `add` links the whole archive (every record and text,
//! claim groups, events merged across documents) and the archive keeps the
//! result; it is timed once, apart. Set `SITREP_BENCH_RUNS` to change the
//! number of runs (default 7).
//!
//! The reports are made up here, from a fixed seed: incidents (an air
//! strike, shelling, barrel bombs, clashes, arrests) at about 60 places in
//! Syria, Iraq, Yemen and Ukraine over 200 days, each reported by several
//! of 40 publishers with differing tolls, qualifiers and citations, so
//! linking has claim groups with many origins and events that merge across
//! documents.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Documents in the archive: 10,000, or `SITREP_BENCH_DOCUMENTS` (the
/// 100,000-document run writes `bench/linked-100k.md`). Incidents and days
/// grow with them, so an archive ten times larger covers ten times as
/// long a conflict, reported as densely.
fn documents() -> usize {
    std::env::var("SITREP_BENCH_DOCUMENTS").ok().and_then(|d| d.parse().ok()).unwrap_or(10_000).max(100)
}
const FEEDS: usize = 10;
fn incident_count() -> usize {
    documents() * 6 / 25
}
fn days() -> i64 {
    (200 * documents() as i64 / 10_000).max(200)
}
/// The first this many per thousand incidents are big news: they get two
/// reports in five.
const BIG_SHARE: usize = 100;

/// splitmix64: small, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.next() % u64::from(hi - lo + 1)) as u32
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    fn word(&mut self, xs: &[&'static str]) -> &'static str {
        xs[self.below(xs.len())]
    }
    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Country {
    Syria,
    Iraq,
    Yemen,
    Ukraine,
}

impl Country {
    fn en(self) -> &'static str {
        match self {
            Country::Syria => "Syria",
            Country::Iraq => "Iraq",
            Country::Yemen => "Yemen",
            Country::Ukraine => "Ukraine",
        }
    }
    fn ar(self) -> &'static str {
        match self {
            Country::Syria => "سوريا",
            Country::Iraq => "العراق",
            Country::Yemen => "اليمن",
            Country::Ukraine => "أوكرانيا",
        }
    }
}

/// A place: its English and Arabic names, whether it is a neighbourhood
/// of Aleppo (else a town, city, region or camp) and its country.
struct Place {
    en: &'static str,
    ar: &'static str,
    quarter: bool,
    country: Country,
}

const fn q(en: &'static str, ar: &'static str) -> Place {
    Place { en, ar, quarter: true, country: Country::Syria }
}
const fn c(en: &'static str, ar: &'static str, country: Country) -> Place {
    Place { en, ar, quarter: false, country }
}

/// Names as the gazetteer knows them (checked with `sitrep extract`).
const PLACES: &[Place] = &[
    q("al-Shaar", "الشعار"),
    q("Bustan al-Qasr", "بستان القصر"),
    q("Kalasa", "كلاسة"),
    q("Sheikh Maqsoud", "الشيخ مقصود"),
    q("Hanano", "هنانو"),
    q("Sukkari", "السكري"),
    q("Tariq al-Bab", "طريق الباب"),
    q("Bab al-Nayrab", "باب النيرب"),
    q("al-Sakhour", "الصاخور"),
    q("Saif al-Dawla", "سيف الدولة"),
    q("Sheikh Said", "شيخ سعيد"),
    q("Bani Zaid", "بني زيد"),
    q("Ard al-Hamra", "أرض الحمراء"),
    q("Qadi Askar", "قاضي عسكر"),
    q("Karm al-Jabal", "كرم الجبل"),
    q("Jibrin", "جبرين"),
    q("Fardous", "فردوس"),
    q("Ansari al-Sharqi", "الأنصاري الشرقي"),
    c("Aleppo", "حلب", Country::Syria),
    c("Idlib", "إدلب", Country::Syria),
    c("Douma", "دوما", Country::Syria),
    c("Homs", "حمص", Country::Syria),
    c("Hama", "حماة", Country::Syria),
    c("Raqqa", "الرقة", Country::Syria),
    c("Deir ez-Zor", "دير الزور", Country::Syria),
    c("Damascus", "دمشق", Country::Syria),
    c("Daraa", "درعا", Country::Syria),
    c("Maarat al-Numan", "معرة النعمان", Country::Syria),
    c("Jisr al-Shughur", "جسر الشغور", Country::Syria),
    c("Ariha", "أريحا", Country::Syria),
    c("Azaz", "أعزاز", Country::Syria),
    c("Afrin", "عفرين", Country::Syria),
    c("Manbij", "منبج", Country::Syria),
    c("al-Bab", "الباب", Country::Syria),
    c("Qamishli", "القامشلي", Country::Syria),
    c("Eastern Ghouta", "الغوطة الشرقية", Country::Syria),
    c("Rukban camp", "مخيم الركبان", Country::Syria),
    c("Mosul", "الموصل", Country::Iraq),
    c("Fallujah", "الفلوجة", Country::Iraq),
    c("Ramadi", "الرمادي", Country::Iraq),
    c("Tikrit", "تكريت", Country::Iraq),
    c("Baghdad", "بغداد", Country::Iraq),
    c("Kirkuk", "كركوك", Country::Iraq),
    c("Sinjar", "سنجار", Country::Iraq),
    c("Taiz", "تعز", Country::Yemen),
    c("Hodeidah", "الحديدة", Country::Yemen),
    c("Sanaa", "صنعاء", Country::Yemen),
    c("Aden", "عدن", Country::Yemen),
    c("Marib", "مأرب", Country::Yemen),
    c("Bakhmut", "باخموت", Country::Ukraine),
    c("Kharkiv", "خاركيف", Country::Ukraine),
    c("Mariupol", "ماريوبول", Country::Ukraine),
    c("Kherson", "خيرسون", Country::Ukraine),
    c("Avdiivka", "أفديفكا", Country::Ukraine),
    c("Sievierodonetsk", "سيفيرودونيتسك", Country::Ukraine),
    c("Kramatorsk", "كراماتورسك", Country::Ukraine),
    c("Zaporizhzhia", "زابوريجيا", Country::Ukraine),
    c("Izium", "إيزيوم", Country::Ukraine),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    AirStrike,
    BarrelBombs,
    Shelling,
    Rockets,
    Clashes,
    Arrests,
}

/// Something that happened, which several documents report.
struct Incident {
    place: usize,
    day: i64,
    kind: Kind,
    killed: u32,
    injured: u32,
    trapped: u32,
    shells: u32,
}

fn incidents(rng: &mut Rng) -> Vec<Incident> {
    let quarters: Vec<usize> = (0..PLACES.len()).filter(|&i| PLACES[i].quarter).collect();
    let of = |country: Country| -> Vec<usize> {
        (0..PLACES.len()).filter(|&i| !PLACES[i].quarter && PLACES[i].country == country).collect()
    };
    let (syria, iraq, yemen, ukraine) =
        (of(Country::Syria), of(Country::Iraq), of(Country::Yemen), of(Country::Ukraine));
    (0..incident_count())
        .map(|_| {
            let r = rng.below(100);
            let place = *rng.pick(match r {
                0..=34 => &quarters,
                35..=64 => &syria,
                65..=79 => &iraq,
                80..=89 => &yemen,
                _ => &ukraine,
            });
            let country = PLACES[place].country;
            let kind = match (rng.below(20), country) {
                (0..=5, _) => Kind::AirStrike,
                (6..=8, Country::Syria) => Kind::BarrelBombs,
                (6..=8, _) | (9..=12, _) => Kind::Shelling,
                (13..=14, _) => Kind::Rockets,
                (15..=17, _) => Kind::Clashes,
                _ => Kind::Arrests,
            };
            let killed = match rng.below(10) {
                0..=5 => rng.range(1, 12),
                6..=8 => rng.range(10, 45),
                _ => rng.range(40, 160),
            };
            Incident {
                place,
                day: rng.below(days() as usize) as i64,
                kind,
                killed,
                injured: killed * rng.range(1, 4) + rng.range(0, 9),
                trapped: rng.range(5, 120),
                shells: rng.range(20, 400),
            }
        })
        .collect()
}

/// A publisher: its name, its domain and whether it writes in Arabic.
struct Publisher {
    name: String,
    domain: String,
    arabic: bool,
}

fn publishers() -> Vec<Publisher> {
    let en = ["Levant", "Euphrates", "Tigris", "Frontline", "Crisis", "Northern", "Gulf", "Steppe"];
    let en_kind = ["Monitor", "Dispatch", "Post", "Wire"];
    let ar = ["Sawt", "Akhbar", "Nabd", "Shabakat", "Marsad"];
    let ar_kind = ["al-Sham", "al-Furat", "Halab"];
    let mut out = Vec::new();
    for a in en {
        for b in en_kind {
            out.push(Publisher {
                name: format!("{a} {b}"),
                domain: format!("{}{}.example", a.to_lowercase(), b.to_lowercase()),
                arabic: false,
            });
        }
    }
    for (i, a) in ar.iter().enumerate() {
        for b in ar_kind.iter().skip(i % 2).take(2) {
            out.push(Publisher {
                name: format!("{a} {b}"),
                domain: format!("{}-{}.example", a.to_lowercase(), b.to_lowercase().replace("al-", "")),
                arabic: true,
            });
        }
    }
    out
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_AR: [&str; 12] = [
    "كانون الثاني/يناير",
    "شباط/فبراير",
    "آذار/مارس",
    "نيسان/أبريل",
    "أيار/مايو",
    "حزيران/يونيو",
    "تموز/يوليو",
    "آب/أغسطس",
    "أيلول/سبتمبر",
    "تشرين الأول/أكتوبر",
    "تشرين الثاني/نوفمبر",
    "كانون الأول/ديسمبر",
];
const WEEKDAYS_EN: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const WEEKDAYS_AR: [&str; 7] = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"];

fn date(day: i64) -> jiff::civil::Date {
    jiff::civil::date(2016, 6, 1).checked_add(jiff::Span::new().days(day)).unwrap()
}

fn weekday(day: i64) -> usize {
    date(day).weekday().to_monday_zero_offset() as usize
}

/// When the incident happened, as a page published `lag` days later says.
fn when_en(rng: &mut Rng, day: i64, lag: i64) -> String {
    let d = date(day);
    match (lag, rng.below(3)) {
        (0, 0) => "earlier today".into(),
        (1, 0) => "yesterday".into(),
        (1..=5, 1) => format!("on {}", WEEKDAYS_EN[weekday(day)]),
        _ => format!("on {} {}", MONTHS_EN[d.month() as usize - 1], d.day()),
    }
}

fn when_ar(rng: &mut Rng, day: i64, lag: i64) -> String {
    let d = date(day);
    match (lag, rng.below(3)) {
        (0, 0) => "اليوم".into(),
        (1, 0) => "أمس".into(),
        (1..=5, 1) => format!("يوم {}", WEEKDAYS_AR[weekday(day)]),
        _ => format!("في {} {}", d.day(), MONTHS_AR[d.month() as usize - 1]),
    }
}

/// How sure a figure is.
fn qualifier_en(rng: &mut Rng) -> &'static str {
    rng.word(&["at least ", "about ", "more than ", "", "", "nearly ", "around ", "some "])
}

fn qualifier_ar(rng: &mut Rng) -> &'static str {
    rng.word(&["ما لا يقل عن ", "نحو ", "أكثر من ", "", "", "حوالي ", "قرابة "])
}

/// A toll as one source gives it: near the truth, higher in later reports.
fn reported(rng: &mut Rng, truth: u32, lag: i64) -> u32 {
    let spread = (truth / 5).max(1);
    let v = truth + rng.range(0, 2 * spread) + lag as u32 * rng.range(0, spread);
    v.saturating_sub(spread).max(1)
}

/// A number written in Arabic-Indic digits (one Arabic page in three).
fn ar_digits(n: u32, indic: bool) -> String {
    let s = n.to_string();
    if !indic {
        return s;
    }
    s.chars().map(|c| char::from_u32(0x0660 + c.to_digit(10).unwrap()).unwrap()).collect()
}

/// `22,270` (or, as some sites write it, `22270`).
fn thousands(n: u32, commas: bool) -> String {
    if n < 1_000 || !commas {
        return n.to_string();
    }
    format!("{},{:03}", n / 1_000, n % 1_000)
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn place_en(rng: &mut Rng, p: &Place) -> String {
    if p.quarter {
        match rng.below(3) {
            0 => format!("the {} district of Aleppo", p.en),
            1 => format!("the {} neighbourhood of eastern Aleppo", p.en),
            _ => format!("{} in eastern Aleppo", p.en),
        }
    } else if p.en.contains("Ghouta") || p.en.contains("camp") {
        p.en.to_string()
    } else {
        format!("the {} of {}", rng.pick(&["city", "town"]), p.en)
    }
}

fn place_ar(rng: &mut Rng, p: &Place) -> String {
    if p.quarter {
        match rng.below(2) {
            0 => format!("حي {} في مدينة حلب", p.ar),
            _ => format!("حي {} شرقي حلب", p.ar),
        }
    } else if p.ar.starts_with("مخيم") || p.ar.starts_with("الغوطة") {
        p.ar.to_string()
    } else {
        format!("مدينة {}", p.ar)
    }
}

/// Who a figure is attributed to.
fn source_en(rng: &mut Rng, country: Country) -> &'static str {
    rng.word(match country {
        Country::Syria => &[
            "the Syrian Observatory for Human Rights",
            "the Syrian Observatory",
            "the UN",
            "the United Nations",
            "civil defence workers",
            "the White Helmets",
            "local activists",
            "medics at a field hospital",
        ][..],
        Country::Iraq => {
            &["Iraqi security sources", "the UN", "the Iraqi health ministry", "local officials", "medics"]
        }
        Country::Yemen => &["the UN", "Yemen's health ministry", "medics", "local officials", "residents"],
        Country::Ukraine => {
            &["the UN human rights mission", "the regional governor", "Ukraine's emergency service", "local officials"]
        }
    })
}

fn source_ar(rng: &mut Rng, country: Country) -> &'static str {
    rng.word(match country {
        Country::Syria => {
            &["المرصد السوري لحقوق الإنسان", "الدفاع المدني", "الأمم المتحدة", "ناشطين محليين", "مصادر طبية"][..]
        }
        Country::Iraq => &["مصادر أمنية عراقية", "الأمم المتحدة", "وزارة الصحة العراقية", "مصادر محلية"],
        Country::Yemen => &["الأمم المتحدة", "مصادر طبية", "مسؤولين محليين", "وزارة الصحة اليمنية"],
        Country::Ukraine => &["الأمم المتحدة", "حاكم المنطقة", "مسؤولين محليين"],
    })
}

fn event_en(rng: &mut Rng, kind: Kind, country: Country) -> &'static str {
    match kind {
        Kind::AirStrike => rng.word(match country {
            Country::Syria => {
                &["air strikes", "an air strike", "a wave of air strikes", "Russian and government air strikes"][..]
            }
            Country::Iraq => &["coalition air strikes", "an air strike", "a drone strike"],
            Country::Yemen => &["Saudi-led coalition air strikes", "an air strike", "air raids"],
            Country::Ukraine => &["Russian air strikes", "a drone strike", "a glide bomb attack"],
        }),
        Kind::BarrelBombs => {
            rng.word(&["barrel bombs dropped by helicopters", "barrel bombs", "a barrage of barrel bombs"])
        }
        Kind::Shelling => rng.word(&["artillery shelling", "mortar shelling", "heavy shelling"]),
        Kind::Rockets => rng.word(&["rockets", "a missile strike", "a volley of rockets"]),
        Kind::Clashes => rng.word(match country {
            Country::Syria => {
                &["clashes between government forces and rebels", "fighting between rebels and the army"][..]
            }
            Country::Iraq => &["clashes between Iraqi forces and Islamic State militants", "fighting"],
            Country::Yemen => &["clashes between Houthi fighters and government forces", "fighting"],
            Country::Ukraine => &["fighting between Russian and Ukrainian troops", "clashes"],
        }),
        Kind::Arrests => "raids",
    }
}

fn event_ar(rng: &mut Rng, kind: Kind) -> &'static str {
    match kind {
        Kind::AirStrike => rng.word(&["غارات جوية", "غارة جوية", "غارات للطيران الحربي"]),
        Kind::BarrelBombs => rng.word(&["براميل متفجرة", "براميل متفجرة ألقتها مروحيات"]),
        Kind::Shelling => rng.word(&["قصف مدفعي", "قذائف هاون", "قصف عنيف"]),
        Kind::Rockets => rng.word(&["صواريخ", "قصف بالصواريخ"]),
        Kind::Clashes => rng.word(&["اشتباكات", "معارك عنيفة"]),
        Kind::Arrests => "حملة دهم",
    }
}

const GIVEN_EN: &[&str] = &[
    "Ahmed", "Mohammed", "Omar", "Khaled", "Yasser", "Hassan", "Mahmoud", "Ali", "Ibrahim", "Fadi", "Rami", "Samer",
    "Bilal", "Abdullah", "Mustafa", "Nour", "Layla", "Fatima", "Rasha", "Huda", "Amal", "Maryam", "Zainab", "Salma",
];
const FAMILY_EN: &[&str] = &[
    "al-Halabi",
    "Darwish",
    "al-Khatib",
    "Mansour",
    "al-Ahmad",
    "Haddad",
    "Saleh",
    "al-Omar",
    "Qassem",
    "Nasser",
    "al-Hussein",
    "Barakat",
    "Youssef",
    "Shami",
    "Jaber",
    "Hamdan",
];
const GIVEN_UA: &[&str] = &["Oleksandr", "Iryna", "Mykola", "Olena", "Serhiy", "Tetiana", "Andriy", "Natalia"];
const FAMILY_UA: &[&str] = &["Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Melnyk", "Kravchenko"];
const NAMES_AR: &[&str] = &[
    "أحمد الحلبي",
    "محمد درويش",
    "عمر الخطيب",
    "خالد منصور",
    "ياسر الأحمد",
    "حسن حداد",
    "محمود صالح",
    "علي العمر",
    "إبراهيم قاسم",
    "فادي ناصر",
    "سامر بركات",
    "نور يوسف",
    "ليلى الشامي",
    "فاطمة جابر",
    "أبو محمد",
    "أم أحمد",
];

fn speaker_en(rng: &mut Rng, country: Country) -> String {
    if country == Country::Ukraine {
        format!("{} {}", rng.pick(GIVEN_UA), rng.pick(FAMILY_UA))
    } else {
        format!("{} {}", rng.pick(GIVEN_EN), rng.pick(FAMILY_EN))
    }
}

/// Sentences that carry no figure: what pads a dispatch to its length.
/// Each is used at most once in a dispatch.
fn background_en(n: usize, p: &Place, town: &str, month: &str) -> String {
    let country = p.country.en();
    match n {
        0 => format!("{town} has been on the front line since {month}, and many families have moved several times."),
        1 => "Aid agencies say hospitals in the area are running short of fuel, blood and anaesthetics.".into(),
        2 => format!("Roads into {town} have been cut for days, and the price of bread has tripled."),
        3 => "Schools in the district closed last month after repeated attacks.".into(),
        4 => "The account could not be independently verified.".into(),
        5 => "Phone and internet lines were down for much of the day, which made casualty figures hard to confirm."
            .into(),
        6 => format!("Residents of {town} described queues for water that stretched around the block."),
        7 => format!("Talks on a local truce in {country} stalled again this week, diplomats said."),
        8 => "Rescue teams said they lacked heavy machinery to lift the concrete slabs.".into(),
        9 => format!("The war in {country} has driven millions from their homes since it began."),
        10 => "Doctors described operating by torchlight after the generator failed.".into(),
        11 => format!("Humanitarian convoys have not reached {town} since {month}, the aid agencies say."),
        12 => "Local councils have appealed for a pause in the fighting so that the wounded can be evacuated.".into(),
        13 => "Witnesses said the strikes came in two waves, the second hitting people who had come to help.".into(),
        14 => format!("Markets in {town} were almost empty, and few shops opened their shutters."),
        15 => "Rights groups have called for an independent inquiry into attacks on civilian areas.".into(),
        16 => format!("Families in {} said they slept in basements and ventured out only to fetch bread.", p.en),
        17 => "Footage shared by activists showed smoke rising over rows of damaged apartment blocks.".into(),
        18 => "The government did not respond to a request for comment.".into(),
        19 => format!("Mosques in {town} used their loudspeakers to call for blood donors."),
        20 => "Power has been cut for most of the day, and water pumps stopped working.".into(),
        21 => "Volunteers set up a kitchen in a school courtyard to feed families who lost their homes.".into(),
        22 => format!("Prices of fuel in {town} have risen sharply as supply routes were cut."),
        _ => {
            "The United Nations has repeatedly called on all parties to protect civilians and allow aid through.".into()
        }
    }
}
const BACKGROUND_EN: usize = 24;

fn background_ar(n: usize, p: &Place, town: &str) -> String {
    let country = p.country.ar();
    match n {
        0 => "وتعاني المستشفيات في المنطقة من نقص حاد في الوقود والأدوية.".into(),
        1 => "ولم يتسن التحقق من هذه المعلومات من مصدر مستقل.".into(),
        2 => format!("وتشهد {country} منذ سنوات نزاعاً دامياً أجبر الملايين على ترك منازلهم."),
        3 => "وقال سكان إن الطرق المؤدية إلى المنطقة مقطوعة منذ أيام، وإن أسعار الخبز تضاعفت.".into(),
        4 => "وأغلقت المدارس أبوابها بعد تكرار القصف على الأحياء السكنية.".into(),
        5 => "وانقطعت الاتصالات معظم ساعات النهار، ما صعّب التحقق من أعداد الضحايا.".into(),
        6 => "وناشدت المجالس المحلية المنظمات الدولية التدخل لإدخال المساعدات.".into(),
        7 => "وقالت فرق الإنقاذ إنها تفتقر إلى الآليات الثقيلة لرفع الأنقاض.".into(),
        8 => "وطالبت منظمات حقوقية بفتح تحقيق مستقل في استهداف المناطق المدنية.".into(),
        9 => "وبدت الأسواق شبه خالية، ولم يفتح سوى عدد قليل من المحال.".into(),
        10 => "وتعثرت المفاوضات بشأن هدنة محلية مرة أخرى هذا الأسبوع.".into(),
        11 => "ويقول الأطباء إنهم يجرون العمليات على ضوء المصابيح بعد توقف المولدات.".into(),
        12 => format!("ودعت المساجد في {town} عبر مكبرات الصوت إلى التبرع بالدم."),
        13 => "وأظهرت مقاطع مصورة نشرها ناشطون أعمدة الدخان تتصاعد فوق الأبنية المدمرة.".into(),
        14 => "وانقطعت الكهرباء معظم ساعات اليوم وتوقفت مضخات المياه عن العمل.".into(),
        _ => format!("وارتفعت أسعار المحروقات في {town} بعد قطع طرق الإمداد."),
    }
}
const BACKGROUND_AR: usize = 16;

/// Pads `paras` to about `target` bytes with background sentences (none
/// twice), two to four a paragraph, placed after the lead.
fn pad(rng: &mut Rng, paras: &mut Vec<String>, target: usize, pool: usize, sentence: &dyn Fn(usize) -> String) {
    let mut order: Vec<usize> = (0..pool).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    let mut order = order.into_iter();
    let mut len: usize = paras.iter().map(|s| s.len() + 2).sum();
    while len < target {
        let mut para = Vec::new();
        for _ in 0..rng.range(2, 4) {
            if let Some(n) = order.next() {
                para.push(sentence(n));
            }
        }
        if para.is_empty() {
            break;
        }
        let para = para.join(" ");
        len += para.len() + 2;
        let at = 1 + rng.below(paras.len());
        paras.insert(at, para);
    }
}

/// The town a place is in (Aleppo for its neighbourhoods).
fn town_en(p: &Place) -> &'static str {
    if p.quarter {
        "Aleppo"
    } else {
        p.en
    }
}

fn town_ar(p: &Place) -> &'static str {
    if p.quarter {
        "حلب"
    } else {
        p.ar
    }
}

/// Other incidents in the same country on this day or the one before.
fn nearby(rng: &mut Rng, all: &[Incident], by_day: &[Vec<usize>], inc: &Incident, most: usize) -> Vec<usize> {
    let mut same: Vec<usize> = [inc.day, inc.day - 1]
        .into_iter()
        .filter(|&d| d >= 0)
        .flat_map(|d| by_day[d as usize].iter().copied())
        .filter(|&j| PLACES[all[j].place].country == PLACES[inc.place].country && all[j].place != inc.place)
        .collect();
    let mut out = Vec::new();
    while out.len() < most && !same.is_empty() {
        out.push(same.swap_remove(rng.below(same.len())));
    }
    out
}

/// An earlier incident at the same place, within three days, if any.
fn earlier(all: &[Incident], by_day: &[Vec<usize>], inc: &Incident) -> Option<usize> {
    (1..=3)
        .filter_map(|back| inc.day.checked_sub(back).filter(|d| *d >= 0))
        .flat_map(|d| by_day[d as usize].iter().copied())
        .find(|&j| all[j].place == inc.place && all[j].kind != Kind::Arrests)
}

/// The displaced from a place, as counted in the week of `day`: rising
/// week by week, each source rounding its own way.
fn displaced(rng: &mut Rng, place: usize, day: i64) -> (u32, i64) {
    let week = day / 7;
    let base = 300 + (place as u32 * 97) % 1_700;
    ((base * (week as u32 + 1) * rng.range(85, 115) / 100) / 10 * 10, week * 7)
}

/// One English dispatch about `inc`, published `lag` days after it.
#[allow(clippy::too_many_arguments)]
fn english(
    rng: &mut Rng,
    inc: &Incident,
    lag: i64,
    all: &[Incident],
    by_day: &[Vec<usize>],
    wire: Option<&str>,
    target: usize,
) -> (String, String) {
    let p = &PLACES[inc.place];
    let town = town_en(p);
    let published = date(inc.day + lag);
    let k = reported(rng, inc.killed, lag);
    let j = reported(rng, inc.injured, lag);
    let when = when_en(rng, inc.day, lag);
    let src = source_en(rng, p.country);
    let at = place_en(rng, p);
    let ev = event_en(rng, inc.kind, p.country);
    let (q1, q2) = (qualifier_en(rng), qualifier_en(rng));
    let mut lead = String::new();
    if let Some(w) = wire {
        let _ = write!(lead, "{} ({w}) - ", town.to_uppercase());
    } else if rng.chance(40) {
        let month = MONTHS_EN[published.month() as usize - 1];
        let _ = write!(lead, "{}, {month} {} - ", town.to_uppercase(), published.day());
    }
    let title;
    let mut paras = Vec::new();
    if inc.kind == Kind::Arrests {
        let n = reported(rng, inc.trapped, lag);
        title = format!("{n} detained in raids on {}", p.en);
        let _ = write!(
            lead,
            "Security forces arrested {q1}{n} young men in raids on {at} {when}, according to {src}. \
             Relatives said most were taken from their homes before dawn and that no charges were announced."
        );
        paras.push(lead);
        if rng.chance(50) {
            paras.push(format!(
                "A local lawyer said {} of those held in an earlier sweep are still missing, and their families \
                 have been told nothing.",
                rng.range(4, 40)
            ));
        }
    } else {
        title = match rng.below(4) {
            0 => format!("{} kill {k} in {}", cap(ev), p.en),
            1 => format!("{k} dead as {ev} hit {}", p.en),
            2 => format!("{}: rescuers search the rubble after {ev}", p.en),
            _ => format!("Civilians killed in {} as bombardment goes on", p.en),
        };
        let _ = match rng.below(4) {
            0 => write!(
                lead,
                "{}{k} civilians were killed and {q2}{j} injured {when} when {ev} hit {at}, according to {src}.",
                cap(q1)
            ),
            1 => write!(lead, "{} killed {q1}{k} people in {at} {when}, according to {src}.", cap(ev)),
            2 => write!(
                lead,
                "{}{k} people, including {} children, died {when} in {ev} on {at}, {src} said.",
                cap(q1),
                (k / 3).max(1)
            ),
            _ => {
                write!(lead, "{} said {q1}{k} people were killed and {j} wounded {when} as {ev} struck {at}.", cap(src))
            }
        };
        paras.push(lead);
        let target =
            *rng.pick(&["a crowded market", "a bakery queue", "a school", "residential buildings", "a clinic"]);
        paras.push(match rng.below(3) {
            0 => format!(
                "Witnesses said the attack hit {target} near the centre of {}. Medics said {j} wounded were taken \
                 to hospitals in {town}, {} of them in critical condition.",
                p.en,
                (j / 4).max(1)
            ),
            1 => format!("The attack struck {target}, residents said, and ambulances took the wounded to {town}."),
            _ => format!("Medics said {j} people were wounded, many of them women and children."),
        });
    }
    if matches!(inc.kind, Kind::AirStrike | Kind::BarrelBombs | Kind::Rockets) && rng.chance(70) {
        let t = reported(rng, inc.trapped, 0);
        let q = qualifier_en(rng);
        paras.push(match rng.below(3) {
            0 => format!(
                "Civil defence workers said {q}{t} people were trapped under the rubble of {} buildings, \
                 and rescue teams were still digging by hand.",
                rng.range(2, 9)
            ),
            1 => format!(
                "{}{t} people remained trapped under collapsed buildings, according to the civil defence.",
                cap(q)
            ),
            _ => format!("Rescuers said {q}{t} residents were still trapped in basements near the site of the strike."),
        });
    }
    if let Some(e) = earlier(all, by_day, inc).filter(|_| rng.chance(50)) {
        let old = &all[e];
        paras.push(format!(
            "The toll from {} on {} {} rose to {}{}, {} said.",
            event_en(rng, old.kind, p.country),
            p.en,
            when_en(rng, old.day, inc.day + lag - old.day),
            qualifier_en(rng),
            reported(rng, old.killed, inc.day + lag - old.day),
            source_en(rng, p.country)
        ));
    }
    if rng.chance(45) {
        let (d, since) = displaced(rng, inc.place, inc.day);
        let since = date(since);
        let d = thousands(d, rng.chance(70));
        paras.push(format!(
            "According to {}, {}{d} people have been displaced from {town} since {} {}.",
            rng.word(&["the UN", "the United Nations", "OCHA", "the International Organization for Migration"]),
            qualifier_en(rng),
            MONTHS_EN[since.month() as usize - 1],
            since.day()
        ));
    }
    if matches!(inc.kind, Kind::Shelling | Kind::BarrelBombs) && rng.chance(50) {
        let s = reported(rng, inc.shells, 0);
        paras.push(format!(
            "Activists counted {}{s} shells landing on {} {when}, and {} barrel bombs on the surrounding villages.",
            qualifier_en(rng),
            p.en,
            rng.range(3, 30)
        ));
    }
    if rng.chance(10) {
        paras.push(format!(
            "The World Health Organization said {} hospitals in {town} had been put out of service this month.",
            rng.range(2, 9)
        ));
    }
    if rng.chance(60) {
        let who = speaker_en(rng, p.country);
        let role = match rng.below(4) {
            0 => format!("a rescuer with the civil defence in {town}"),
            1 => format!("a doctor at a field hospital in {town}"),
            2 => format!("a resident of {}", p.en),
            _ => "a member of the local council".to_string(),
        };
        let said = match rng.below(5) {
            0 => format!("We pulled {} bodies out of one building alone", rng.range(3, 15)),
            1 => format!("There is no hospital left working in {town}"),
            2 => "My children have not slept for three nights".into(),
            3 => "We are digging with our hands because there is nothing else".into(),
            _ => format!("Nobody is safe anywhere in {}", p.en),
        };
        paras.push(format!("\"{said},\" said {who}, {role}."));
    }
    let most = rng.below(3);
    for o in nearby(rng, all, by_day, inc, most) {
        let other = &all[o];
        let op = &PLACES[other.place];
        let when2 = when_en(rng, other.day, inc.day + lag - other.day);
        paras.push(if other.kind == Kind::Arrests {
            format!(
                "In {}, security forces arrested {} people {when2}, activists said.",
                place_en(rng, op),
                reported(rng, other.trapped, lag)
            )
        } else {
            format!(
                "{}, {} in {} killed {}{} people {when2}, according to {}.",
                rng.word(&["Elsewhere", "Separately", "In a separate attack"]),
                event_en(rng, other.kind, op.country),
                place_en(rng, op),
                qualifier_en(rng),
                reported(rng, other.killed, lag),
                source_en(rng, op.country)
            )
        });
    }
    let month = MONTHS_EN[rng.below(12)];
    pad(rng, &mut paras, target, BACKGROUND_EN, &|n| background_en(n, p, town, month));
    (title, paras.join("\n\n"))
}

/// One Arabic dispatch about `inc`, published `lag` days after it.
fn arabic(
    rng: &mut Rng,
    inc: &Incident,
    lag: i64,
    all: &[Incident],
    by_day: &[Vec<usize>],
    target: usize,
) -> (String, String) {
    let p = &PLACES[inc.place];
    let town = town_ar(p);
    let indic = rng.chance(33);
    let n = |v: u32| ar_digits(v, indic);
    let k = n(reported(rng, inc.killed, lag));
    let j = n(reported(rng, inc.injured, lag));
    let when = when_ar(rng, inc.day, lag);
    let src = source_ar(rng, p.country);
    let at = place_ar(rng, p);
    let ev = event_ar(rng, inc.kind);
    let q1 = qualifier_ar(rng);
    let mut paras = Vec::new();
    let title;
    if inc.kind == Kind::Arrests {
        let m = n(reported(rng, inc.trapped, lag));
        title = format!("اعتقال {m} شاباً في {}", p.ar);
        paras.push(format!(
            "اعتقلت قوات الأمن {q1}{m} شاباً خلال حملة دهم في {at} {when}، بحسب {src}. \
             وقال ذووهم إن معظمهم اقتيدوا من منازلهم قبل الفجر."
        ));
    } else {
        title = match rng.below(3) {
            0 => format!("مقتل {k} مدنيين في {ev} على {}", p.ar),
            1 => format!("{}: فرق الإنقاذ تبحث تحت الأنقاض", p.ar),
            _ => format!("ضحايا مدنيون في {ev} على {}", p.ar),
        };
        paras.push(match rng.below(3) {
            0 => format!("قتل {q1}{k} مدنيين وأصيب {j} آخرون {when} في {ev} استهدفت {at}، بحسب {src}."),
            1 => format!("أفاد {src} بمقتل {q1}{k} أشخاص {when} جراء {ev} على {at}."),
            _ => format!("ارتفعت حصيلة {ev} على {at} {when} إلى {q1}{k} قتيلاً، وفقاً لـ{src}."),
        });
        paras.push(format!(
            "وقال شهود إن القصف أصاب {}، وإن سيارات الإسعاف نقلت الجرحى إلى مستشفيات {town}.",
            rng.word(&["سوقاً شعبية", "فرناً للخبز", "مدرسة", "أبنية سكنية", "مستوصفاً"])
        ));
    }
    if matches!(inc.kind, Kind::AirStrike | Kind::BarrelBombs | Kind::Rockets) && rng.chance(70) {
        let t = n(reported(rng, inc.trapped, 0));
        paras.push(format!(
            "وقال الدفاع المدني إن {}{t} أشخاص ما زالوا عالقين تحت أنقاض {} مبان.",
            qualifier_ar(rng),
            n(rng.range(3, 9))
        ));
    }
    if let Some(e) = earlier(all, by_day, inc).filter(|_| rng.chance(50)) {
        let old = &all[e];
        paras.push(format!(
            "وارتفعت حصيلة {} على {} {} إلى {}{} قتيلاً، بحسب {}.",
            event_ar(rng, old.kind),
            p.ar,
            when_ar(rng, old.day, inc.day + lag - old.day),
            qualifier_ar(rng),
            n(reported(rng, old.killed, inc.day + lag - old.day)),
            source_ar(rng, p.country)
        ));
    }
    if rng.chance(45) {
        let (d, since) = displaced(rng, inc.place, inc.day);
        let since = date(since);
        paras.push(format!(
            "وأفادت الأمم المتحدة بنزوح {}{} شخص من {town} منذ {} {}.",
            qualifier_ar(rng),
            n(d),
            since.day(),
            MONTHS_AR[since.month() as usize - 1]
        ));
    }
    if rng.chance(50) {
        let who = rng.word(NAMES_AR);
        let said = match rng.below(3) {
            0 => format!("انتشلنا {} جثث من مبنى واحد", n(rng.range(3, 9))),
            1 => "لم يعد هناك مستشفى يعمل في المدينة".into(),
            _ => "نحفر بأيدينا لأنه لا توجد آليات".into(),
        };
        paras.push(format!("وقال {who}، وهو مسعف في الدفاع المدني: «{said}»."));
    }
    let most = rng.below(3);
    for o in nearby(rng, all, by_day, inc, most) {
        let other = &all[o];
        let op = &PLACES[other.place];
        let when2 = when_ar(rng, other.day, inc.day + lag - other.day);
        paras.push(if other.kind == Kind::Arrests {
            format!(
                "وفي {}، اعتقلت قوات الأمن {} أشخاص {when2}.",
                place_ar(rng, op),
                n(reported(rng, other.trapped, lag))
            )
        } else {
            format!(
                "وفي {}، قتل {}{} أشخاص {when2} في {}، بحسب {}.",
                place_ar(rng, op),
                qualifier_ar(rng),
                n(reported(rng, other.killed, lag)),
                event_ar(rng, other.kind),
                source_ar(rng, op.country)
            )
        });
    }
    pad(rng, &mut paras, target, BACKGROUND_AR, &|n| background_ar(n, p, town));
    (title, paras.join("\n\n"))
}

/// Writes the feeds; returns their paths and the text bytes in all.
pub(crate) fn write_feeds(dir: &Path) -> (Vec<PathBuf>, usize, usize) {
    let mut rng = Rng(0x5175_7265_7001);
    let all = incidents(&mut rng);
    let mut by_day = vec![Vec::new(); days() as usize];
    for (n, inc) in all.iter().enumerate() {
        by_day[inc.day as usize].push(n);
    }
    let pubs = publishers();
    let (en_pubs, ar_pubs): (Vec<&Publisher>, Vec<&Publisher>) = pubs.iter().partition(|p| !p.arabic);
    let mut feeds: Vec<String> = vec![String::new(); FEEDS];
    let (mut text_bytes, mut in_arabic) = (0usize, 0usize);
    let incidents = incident_count();
    for i in 0..documents() {
        // Most incidents get a report or a few; big news gets dozens.
        let n = if rng.chance(40) { rng.below(incidents * BIG_SHARE / 1000) } else { rng.below(incidents) };
        let inc = &all[n];
        let lag = *rng.pick(&[0, 0, 0, 1, 1, 1, 1, 2, 2, 3]);
        let target = rng.range(1_400, 2_800) as usize;
        let is_ar = i % 4 == 3;
        let (publisher, (title, text)) = if is_ar {
            in_arabic += 1;
            (*rng.pick(&ar_pubs), arabic(&mut rng, inc, lag, &all, &by_day, target))
        } else {
            let wire = if rng.chance(15) { Some(*rng.pick(&["Reuters", "AFP", "AP"])) } else { None };
            (*rng.pick(&en_pubs), english(&mut rng, inc, lag, &all, &by_day, wire, target))
        };
        text_bytes += text.len();
        let published = date(inc.day + lag);
        let line = serde_json::json!({
            "url": format!(
                "https://{}/{}/{:02}/{:02}/report-{i}",
                publisher.domain,
                published.year(),
                published.month(),
                published.day()
            ),
            "title": title,
            "published": published.to_string(),
            "source": publisher.name,
            "text": text,
        });
        let feed = &mut feeds[i % FEEDS];
        feed.push_str(&line.to_string());
        feed.push('\n');
    }
    let paths = feeds
        .iter()
        .enumerate()
        .map(|(n, f)| {
            let path = dir.join(format!("feed-{n:02}.jsonl"));
            std::fs::write(&path, f).unwrap();
            path
        })
        .collect();
    (paths, text_bytes, in_arabic)
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Runs sitrep; returns how long it took, its peak resident memory in
/// bytes (the kernel's count for the process, from `wait4`) and its
/// standard output.
fn run(bin: &str, archive: &Path, args: &[&str]) -> ((Duration, u64), Vec<u8>) {
    use std::io::Read;
    let start = Instant::now();
    let mut child = Command::new(bin)
        .arg("--archive")
        .arg(archive)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run sitrep");
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut stderr = child.stderr.take().unwrap();
    let errs = std::thread::spawn(move || {
        let _ = stderr.read_to_end(&mut err);
        err
    });
    child.stdout.take().unwrap().read_to_end(&mut out).unwrap();
    let err = errs.join().unwrap();
    let (status, peak) = wait_with_peak(child);
    let took = start.elapsed();
    // `figures` and `timeline` exit 2 (partial) when nothing matches; the
    // archive is made so that something always does.
    assert!(status == 0, "sitrep {args:?} failed: {}", String::from_utf8_lossy(&err));
    ((took, peak), out)
}

/// Reaps a child and reads its peak resident memory (`ru_maxrss`, KiB on
/// Linux) from the same call, so no other process's is mixed in.
fn wait_with_peak(child: std::process::Child) -> (i32, u64) {
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pid is our own unreaped child, the pointers are live.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert!(pid > 0, "wait4 failed");
    let code = if libc::WIFEXITED(status) { libc::WEXITSTATUS(status) } else { -1 };
    (code, usage.ru_maxrss as u64 * 1024)
}

/// One GET over loopback; how long until the whole answer was read.
fn get(addr: &str, path: &str) -> Duration {
    use std::io::{Read, Write};
    let start = Instant::now();
    let mut s = std::net::TcpStream::connect(addr).expect("the desk listens");
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    assert!(
        answer.starts_with(b"HTTP/1.1 200"),
        "GET {path}: {}",
        String::from_utf8_lossy(&answer[..answer.len().min(200)])
    );
    start.elapsed()
}

/// The resident memory of a process now, from /proc (bytes).
fn rss(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmRSS:")).and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .map_or(0, |kib: u64| kib * 1024)
}

/// The desk over the archive, its pages cold and warm, then while `sitrep
/// add` writes a tenth as many documents again: page times and the desk's
/// memory (sampled every 20 ms) before, during and after. Returns the
/// report's section.
fn desk_while_adding(bin: &str, archive: &Path, dir: &Path, feed: &Path, runs: usize) -> String {
    use std::io::BufRead;
    let mut serve = Command::new(bin)
        .arg("--archive")
        .arg(archive)
        .args(["serve", "--port", "0"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the desk");
    let pid = serve.id();
    let mut first = String::new();
    std::io::BufReader::new(serve.stdout.take().unwrap()).read_line(&mut first).unwrap();
    let addr = first.split("http://").nth(1).and_then(|a| a.split('/').next()).expect("the desk's address").to_string();
    let peak = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let sampler = {
        let (peak, stop) = (peak.clone(), stop.clone());
        std::thread::spawn(move || {
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                peak.fetch_max(rss(pid), std::sync::atomic::Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(20));
            }
        })
    };
    let pages = ["/documents", "/documents?q=shelling", "/figures", "/timeline", "/quotes"];
    let mut rows = String::from("| page | cold | median | median while `add` writes |\n| --- | --- | --- | --- |\n");
    let mut cold = Vec::new();
    let mut warm: Vec<Vec<Duration>> = vec![Vec::new(); pages.len()];
    for p in pages {
        cold.push(get(&addr, p));
    }
    for _ in 0..runs {
        for (n, p) in pages.iter().enumerate() {
            warm[n].push(get(&addr, p));
        }
    }
    let before = peak.load(std::sync::atomic::Ordering::Relaxed);
    let rss_before = rss(pid);
    // A tenth as many new documents: the feed's lines with a line added to
    // each text, so every one is new.
    let extra = dir.join("extra.jsonl");
    let lines: Vec<String> = std::fs::read_to_string(feed)
        .unwrap()
        .lines()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
            let text = format!("{}\n\nUpdated later the same day.", v["text"].as_str().unwrap_or(""));
            v["text"] = text.into();
            v.to_string()
        })
        .collect();
    std::fs::write(&extra, lines.join("\n") + "\n").unwrap();
    peak.store(0, std::sync::atomic::Ordering::Relaxed);
    let started = Instant::now();
    let mut add = Command::new(bin)
        .arg("--archive")
        .arg(archive)
        .arg("add")
        .arg(&extra)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut during: Vec<Vec<Duration>> = vec![Vec::new(); pages.len()];
    while add.try_wait().unwrap().is_none() {
        for (n, p) in pages.iter().enumerate() {
            during[n].push(get(&addr, p));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let add_took = started.elapsed();
    let during_peak = peak.load(std::sync::atomic::Ordering::Relaxed);
    // After: the pages catch up with the new documents.
    let mut after = Vec::new();
    for p in pages {
        after.push(get(&addr, p));
    }
    std::thread::sleep(Duration::from_millis(500));
    let after_peak = peak.load(std::sync::atomic::Ordering::Relaxed).max(rss(pid));
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    sampler.join().unwrap();
    let _ = serve.kill();
    let _ = serve.wait();
    for (n, p) in pages.iter().enumerate() {
        let m = |v: &mut Vec<Duration>| if v.is_empty() { "–".to_string() } else { ms(median(v)) };
        rows.push_str(&format!("| `{p}` | {} | {} | {} |\n", ms(cold[n]), m(&mut warm[n]), m(&mut during[n])));
    }
    let after_times: Vec<String> = pages.iter().zip(&after).map(|(p, t)| format!("`{p}` {}", ms(*t))).collect();
    format!(
        "## The desk at this size, and while `add` writes\n\n\
         `sitrep serve` over the archive; GETs over loopback, one at a time. *Cold* is the first request after \
         the desk started (it builds the document index or links the archive then); *median* of {runs} after \
         it. Then `sitrep add` of {} more documents ran for {}, the pages asked for every 0.2 s meanwhile.\n\n\
         {rows}\n\
         The desk's resident memory: {} after the cold pages (peak {}), **peak {} while `add` wrote**, {} \
         once the pages had caught up (first requests after the add: {}).\n",
        lines.len(),
        secs(add_took),
        mib(rss_before),
        mib(before),
        mib(during_peak),
        mib(after_peak),
        after_times.join(", "),
    )
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn mib(bytes: u64) -> String {
    format!("{:.0} MiB", bytes as f64 / (1 << 20) as f64)
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn size(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MiB", bytes as f64 / (1 << 20) as f64)
    } else {
        format!("{:.0} KiB", bytes as f64 / 1024.0)
    }
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` would pass
    // nothing useful here: only run when asked to benchmark.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_sitrep");
    let runs: usize = std::env::var("SITREP_BENCH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(7).max(1);
    let load = || {
        std::fs::read_to_string("/proc/loadavg")
            .ok()
            .and_then(|l| l.split_whitespace().next().map(str::to_string))
            .unwrap_or_else(|| "unknown".into())
    };
    let load_before = load();
    let (documents, days) = (documents(), days());
    let dir = std::env::temp_dir().join(format!("sitrep-bench-linked-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (feeds, text_bytes, arabic) = write_feeds(&dir);
    let archive = dir.join("archive.db");

    let mut add_args = vec!["add"];
    add_args.extend(feeds.iter().map(|f| f.to_str().unwrap()));
    let (add_took, _) = run(bin, &archive, &add_args);
    eprintln!("added {documents} documents in {}, peak memory {}", secs(add_took.0), mib(add_took.1));

    // The first command after adding documents links them (and the archive
    // keeps the result) and records a new timeline snapshot; later ones
    // find both.
    let ((first_took, first_peak), first_out) = run(bin, &archive, &["timeline"]);
    let first_line = String::from_utf8_lossy(&first_out).lines().next().unwrap_or("").to_string();
    assert!(first_line.contains("(new)"), "the first timeline after add should be a new version: {first_line}");
    eprintln!("first timeline after add: {}", secs(first_took));

    let out = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let (acled, geojson, json, html) =
        (out("export.csv"), out("export.geojson"), out("export.json"), out("report.html"));
    let from = date(days / 2).to_string();
    let cases: Vec<(String, Vec<String>, Option<String>)> = vec![
        (
            format!("`figures --category trapped --place Aleppo --from {from}`"),
            ["figures", "--category", "trapped", "--place", "Aleppo", "--from", &from].map(String::from).to_vec(),
            None,
        ),
        ("`figures --json`".into(), ["figures", "--json"].map(String::from).to_vec(), None),
        ("`timeline --place Aleppo`".into(), ["timeline", "--place", "Aleppo"].map(String::from).to_vec(), None),
        ("`timeline`".into(), vec!["timeline".into()], None),
        (
            "`export --format acled -o …`".into(),
            ["export", "--format", "acled", "-o", &acled].map(String::from).to_vec(),
            Some(acled.clone()),
        ),
        (
            "`export --format geojson -o …`".into(),
            ["export", "--format", "geojson", "-o", &geojson].map(String::from).to_vec(),
            Some(geojson.clone()),
        ),
        (
            "`export --format json -o …`".into(),
            ["export", "--format", "json", "-o", &json].map(String::from).to_vec(),
            Some(json.clone()),
        ),
        ("`report --out …`".into(), ["report", "--out", &html].map(String::from).to_vec(), Some(html.clone())),
    ];
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); cases.len()];
    let mut peaks = vec![0u64; cases.len()];
    let mut sizes = vec![0usize; cases.len()];
    // Interleaved, so that a slow moment of the machine spreads over all rows.
    for r in 0..runs {
        for (n, (_, args, file)) in cases.iter().enumerate() {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let ((took, peak), stdout) = run(bin, &archive, &args);
            times[n].push(took);
            peaks[n] = peaks[n].max(peak);
            sizes[n] = match file {
                Some(f) => std::fs::metadata(f).map(|m| m.len() as usize).unwrap_or(0),
                None => stdout.len(),
            };
        }
        eprintln!("run {}/{runs} done", r + 1);
    }

    // What the archive holds, as the JSON export counts it.
    let export: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    let list = |key: &str| export.get(key).and_then(|v| v.as_array()).cloned().unwrap_or_default();
    let len = |v: &serde_json::Value, key: &str| v.get(key).and_then(|m| m.as_array()).map_or(0, Vec::len);
    let (events, groups) = (list("events"), list("claims"));
    let documents = list("documents").len();
    let places = export.get("places").and_then(|v| v.as_object()).map_or(0, |o| o.len());
    let merged = events.iter().filter(|e| len(e, "mentions") > 1).count();
    let mentions: usize = events.iter().map(|e| len(e, "mentions")).sum();
    let claims: usize = groups.iter().map(|g| len(g, "claims")).sum();
    let multi = groups.iter().filter(|g| g.get("origins").and_then(|o| o.as_u64()).is_some_and(|o| o > 1)).count();
    let contradicted = groups.iter().filter(|g| len(g, "contradictions") > 0).count();
    let (events, groups) = (events.len(), groups.len());
    let db_bytes = std::fs::metadata(&archive).map(|m| m.len() as usize).unwrap_or(0);
    let desk = desk_while_adding(bin, &archive, &dir, &feeds[0], runs);

    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
    let load_after = load();
    // The commit measured, and whether other files differed from it.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let git = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(&root)
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
    };
    let commit = match git(&["rev-parse", "--short", "HEAD"]).map(|h| h.trim().to_string()) {
        Some(head) => {
            let mine = [
                "bench/linked.md",
                "bench/linked-100k.md",
                "crates/cli/benches/linked.rs",
                "crates/cli/Cargo.toml",
                "Cargo.lock",
            ];
            let dirty = git(&["status", "--porcelain", "--untracked-files=no"])
                .is_some_and(|s| s.lines().any(|l| !mine.contains(&l.get(3..).unwrap_or(""))));
            format!(" at commit {head}{}", if dirty { " with uncommitted changes" } else { "" })
        }
        None => String::new(),
    };

    let mut table = String::from(
        "| command | median | min | max | peak memory | output | target 1 s / median |\n\
         | --- | --- | --- | --- | --- | --- | --- |\n",
    );
    // The target is for `figures`, `timeline` and `export`; the
    // report (one HTML file of everything) is timed beside them.
    let mut slowest = Duration::ZERO;
    let mut report_time = None;
    for (n, (label, _, _)) in cases.iter().enumerate() {
        let m = median(&mut times[n]);
        if label.contains("`report") {
            report_time = Some(m);
        } else {
            slowest = slowest.max(m);
        }
        let _ = writeln!(
            table,
            "| {label} | {} | {} | {} | {} | {} | {:.2}x |",
            secs(m),
            secs(times[n][0]),
            secs(times[n][runs - 1]),
            mib(peaks[n]),
            size(sizes[n]),
            1.0 / m.as_secs_f64()
        );
    }
    let mut verdict = if slowest < Duration::from_secs(1) {
        format!(
            "Target: `figures`, `timeline` and `export` under 1 s; the slowest median is {} ({:.2}x margin).",
            secs(slowest),
            1.0 / slowest.as_secs_f64()
        )
    } else {
        format!(
            "Target: `figures`, `timeline` and `export` under 1 s. **Not met**: the slowest median is {}, {:.1}x \
             over the target (margin {:.2}x).",
            secs(slowest),
            slowest.as_secs_f64(),
            1.0 / slowest.as_secs_f64()
        )
    };
    if let Some(r) = report_time {
        let _ = write!(
            verdict,
            " The situation report of the whole archive, not under that target, takes {}: most of it is building \
             the HTML of every claim and event (a file of the size shown).",
            secs(r)
        );
    }
    let how = if documents == 10_000 {
        "`cargo bench -p sitrep --bench linked`".to_string()
    } else {
        format!("`SITREP_BENCH_DOCUMENTS={documents} SITREP_BENCH_RUNS={runs} cargo bench -p sitrep --bench linked`")
    };
    let report = format!(
        "# Benchmark: `figures`, `timeline`, `export` and `report` on {documents} documents\n\n\
         Made by {how} ({runs} runs of each command, interleaved, on one archive; \
         medians). Each row is the real binary end to end: process start, opening the archive, the linked \
         archive (claim groups, events merged across documents) as the archive kept it after the first \
         command, then filtering and writing. Standard output is captured; `-o`/`--out` write a file (its \
         size is shown).\n\n\
         {table}\n\
         {verdict}\n\n\
         Setup, not a target: `add` of the {documents} documents (from {FEEDS} JSONL feeds) took {} (peak \
         memory {}). **The first command after it** (`timeline`, which links every document, keeps the result \
         and writes the new timeline snapshot) **took {}** ({:.2}x of the 1 s target; peak memory {}); every \
         command that follows an `add`, `reextract` or review pays this once.\n\n\
         The archive: {documents} generated news reports, {arabic} in Arabic, {:.1} KiB of text on average \
         ({:.1} MiB in all; archive file {}), from {} publishers, about {} incidents at {} places in Syria, \
         Iraq, Yemen and Ukraine over {days} days, each reported by several publishers with differing tolls. \
         `export --format json` counts {documents} documents, {events} events ({merged} merged from more than \
         one document; {mentions} mentions in all), {groups} claim groups ({multi} with more than one \
         independent origin, {contradicted} with contradictions; {claims} claims in all) and {places} places.\n\n\
         Machine: {cores} cores, {cpu}; load average {load_before} before the benchmark and {load_after} after \
         (other work on the machine slows every row alike). sitrep {}{commit}.\n\n{desk}",
        secs(add_took.0),
        mib(add_took.1),
        secs(first_took),
        1.0 / first_took.as_secs_f64(),
        mib(first_peak),
        text_bytes as f64 / documents as f64 / 1024.0,
        text_bytes as f64 / (1 << 20) as f64,
        size(db_bytes),
        publishers().len(),
        incident_count(),
        PLACES.len(),
        env!("CARGO_PKG_VERSION"),
    );
    let name = if documents == 10_000 { "linked.md".to_string() } else { format!("linked-{}k.md", documents / 1000) };
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench").join(&name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, &report).unwrap();
    print!("{report}");
    println!("\nwritten to bench/{name}");
    if std::env::var_os("SITREP_BENCH_KEEP").is_some() {
        println!("kept {}", dir.display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
