//! Made-up dispatches for benchmarks: English and Arabic reports of
//! shelling, air strikes and displacement in Syrian towns, with dates,
//! tolls, quotes and sources that vary with the document number, so every
//! document is distinct and linking has groups, events and quotes to make.
//! The wording is written for this file; nothing is copied from a corpus.

use sitrep_ingest::{read_bytes, Document, Options, Origin};

const PLACES_EN: [&str; 12] = [
    "Aleppo",
    "Idlib",
    "Douma",
    "Homs",
    "Raqqa",
    "Daraa",
    "Hama",
    "Deir ez-Zor",
    "Maarat al-Numan",
    "Saraqib",
    "Jisr al-Shughur",
    "Khan Shaykhun",
];
const PLACES_AR: [&str; 8] = ["حلب", "إدلب", "دوما", "حمص", "الرقة", "درعا", "حماة", "سراقب"];
const MONTHS: [&str; 12] = [
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
const MONTHS_AR: [&str; 12] =
    ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"];
const SOURCES: [&str; 5] =
    ["the Syrian Civil Defence", "local activists", "a UN spokesperson", "the Syrian Observatory", "medics"];
const SPEAKERS: [(&str, &str); 4] = [
    ("Omar Haddad", "a rescue worker"),
    ("Lina Saleh", "a nurse at the field hospital"),
    ("Yusuf Karim", "a local council member"),
    ("Maha Darwish", "a teacher"),
];

/// The date of document `i`: a day in 2016 or 2017.
fn day(i: usize) -> (usize, usize, usize) {
    let year = 2016 + (i / 4000) % 2;
    let month = (i / 331) % 12;
    let d = 1 + (i * 7) % 28;
    (year, month, d)
}

/// Document `i` as plain text.
pub fn text(i: usize) -> String {
    let (y, m, d) = day(i);
    if i % 5 == 4 {
        let place = PLACES_AR[i % PLACES_AR.len()];
        let killed = 3 + i % 37;
        let injured = 10 + (i * 3) % 90;
        return format!(
            "قصف على {place} في {d} {} {y} رقم {i}\n\n\
             {place}، {d} {} {y}. قتل {killed} مدنيين وأصيب {injured} آخرون في قصف جوي استهدف سوقاً شعبياً \
             في {place} صباح اليوم، بحسب الدفاع المدني.\n\n\
             وقال أحد المسعفين: \"لم نتمكن من الوصول إلى الجرحى بسبب استمرار القصف\".\n\n\
             ونزحت نحو {} عائلة من الأحياء الشرقية خلال الأيام الماضية، وفق ناشطين محليين.\n",
            MONTHS_AR[m],
            MONTHS_AR[m],
            100 + (i * 13) % 900
        );
    }
    let place = PLACES_EN[i % PLACES_EN.len()];
    let killed = 2 + i % 41;
    let injured = 5 + (i * 7) % 120;
    let source = SOURCES[i % SOURCES.len()];
    let (speaker, role) = SPEAKERS[i % SPEAKERS.len()];
    let displaced = 1_000 * (1 + i % 60);
    format!(
        "Strikes hit {place} on {d} {month} {y} (dispatch {i})\n\n\
         {place}, {d} {month} {y}. Air strikes on a market in {place} killed {killed} civilians and injured \
         {injured} others on {d} {month} {y}, according to {source}. Rescue teams worked through the night to \
         reach people under the rubble of two buildings.\n\n\
         \"We pulled out a family of five, but the shelling did not stop,\" said {speaker}, {role}, who has worked \
         in {place} since the siege began.\n\n\
         At least {displaced} people have fled the eastern districts of {place} in the past week, local officials \
         said, and shelters in nearby villages are full. Aid convoys have not reached the area for {weeks} weeks.\n\n\
         The strikes were the heaviest since the ceasefire collapsed. Residents said the bakery and the water \
         station were out of service, and fuel prices had risen sharply.\n",
        month = MONTHS[m],
        weeks = 2 + i % 6
    )
}

/// Document `i` as ingest reads it.
pub fn document(i: usize) -> Document {
    let text = text(i);
    let name = format!("dispatch-{i:05}.txt");
    let origin = Origin {
        location: format!("https://news{}.example.org/dispatch/{i}", i % 7),
        retrieved: Some("2017-06-01T00:00:00Z".into()),
        ..Default::default()
    };
    let mut items = Vec::new();
    read_bytes(&name, &name, text.into_bytes(), origin, &Options::default(), &mut |item| items.push(item));
    items.remove(0).result.expect("bench documents read")
}
