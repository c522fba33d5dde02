//! A small hand-built [`Linked`]: the siege of eastern Aleppo in December
//! 2016 as five documents tell it. The report's tests and the screenshot in
//! `docs/report.png` use it; it is not an API.
//!
//! It holds what a report must cope with: three sources disagreeing on one
//! figure (one relayed by a blog), a contradiction, events on several days
//! and one undated, a place without coordinates, places in two countries,
//! an Arabic quote with its English translation, an Arabic place name, and
//! a document whose title and text are hostile HTML.

use std::collections::BTreeMap;

use sitrep_link::{
    ActorInfo, Claim, ClaimGroup, Contradiction, DocRef, Evidence, Linked, LinkedEvent, Origin, PlaceInfo, Range, Rule,
    Testimony,
};
use sitrep_record::{Acled, DatePrecision, GeoPrecision};

struct Doc {
    id: &'static str,
    text: &'static str,
}

const BLOG: Doc = Doc {
    id: "sha256:def53e95f1fc7a2aa7dbc4685f282f1e3e4ea3b364b07622e58edb15d239b252",
    text: "The UN said on Tuesday that 100,000 people remain trapped in eastern Aleppo. \
           Shelling hit the Ansari district on Monday, killing at least 12 people. \
           Reuters reported that the evacuation deal had collapsed.",
};

const SYRIA_DIRECT: Doc = Doc {
    id: "sha256:029625d45f07bd33c251d7dd98883f757e56b1ca6dcc2863fdcde31f79e4ec64",
    text: "An estimated 80,000 people are trapped in the last rebel-held neighbourhoods of Aleppo, residents told \
           Syria Direct. \"We have been waiting at the crossing since dawn,\" said Abu Omar, a civil defence \
           volunteer. On Tuesday protesters gathered in Gaziantep to denounce the siege.",
};

const REUTERS: Doc = Doc {
    id: "sha256:234330834c41105ad5ed794fa036e085b40225c44f9228bb9e2692f427917605",
    text: "About 90,000 civilians remain trapped in Aleppo, according to a Reuters tally. \
           Gunmen fired on an evacuation convoy on the Ramouseh road on Thursday, killing 4 people. \
           Air strikes hit Khan Shaykhun in Idlib province, killing 15 people, residents said. \
           Rebels called the deal a \"betrayal\" & vowed <b>to fight</b> <script>alert(2)</script>.",
};

const HAMDO: Doc = Doc {
    id: "sha256:ce05df280ef7c405a57b7961dbf76e1f2662978efed6ce3ec1fcbd4288c5ca70",
    text: "10:01 (عبد الكافي الحمدو، مدرس) «لم يعد هناك مكان آمن في حلب، القصف لا يتوقف.»\n\
           Translation: \"There is no safe place left in Aleppo; the shelling does not stop.\"\n\
           10:04 «قد تكون هذه رسالتي الأخيرة.»\n\
           Translation: \"This may be my last message.\"",
};

const STEP: Doc = Doc {
    id: "sha256:3e64cc41cf8e07b43936d7bc4eaf8bdb8e2abcec1f44c7b915ac0a0c27ebc41a",
    text: "Russian warplanes carried out 20 air strikes on Idlib on Wednesday, killing 12 civilians and \
           destroying 7 buildings, the Syrian Civil Defence said. The Syrian Observatory put the toll at 14. \
           \"We pulled three children from the rubble,\" said Ismail Alabdullah, a White Helmets volunteer.",
};

/// The evidence of `needle`'s first occurrence in `doc`, with its sentence.
fn ev(doc: &Doc, needle: &str) -> Evidence {
    let byte = doc.text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in {}", doc.id));
    let start = doc.text[..byte].chars().count();
    let end = start + needle.chars().count();
    let boundary = |c: char| matches!(c, '.' | '\n' | '»');
    let sentence_start = doc.text[..byte]
        .char_indices()
        .rev()
        .find(|&(i, c)| boundary(c) && doc.text[i + c.len_utf8()..].starts_with([' ', '\n']))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let after = byte + needle.len();
    let sentence_end = doc.text[after..].find(['.', '\n']).map_or(doc.text.len(), |i| after + i + 1);
    let raw = &doc.text[sentence_start..sentence_end];
    let context = raw.trim_start();
    let skipped = raw.len() - context.len();
    let context = context.trim_end_matches('\n');
    Evidence {
        doc: doc.id.into(),
        span: [start, end],
        text: needle.into(),
        context: context.into(),
        at: doc.text[sentence_start + skipped..byte].chars().count(),
    }
}

fn origin(key: &str, name: &str, how: &str, relay: &[&str]) -> Origin {
    Origin { key: key.into(), name: name.into(), how: how.into(), relay: relay.iter().map(|s| s.to_string()).collect() }
}

#[allow(clippy::too_many_arguments)]
fn claim(doc: &Doc, words: &str, value: f64, qualifier: &str, date: &str, from: &str, place: &str, o: Origin) -> Claim {
    Claim {
        evidence: ev(doc, words),
        value,
        low: None,
        high: None,
        qualifier: qualifier.parse().unwrap(),
        date: Some(date.into()),
        date_from: from.into(),
        place: Some(place.into()),
        origin: o,
    }
}

fn place(
    id: &str,
    name: &str,
    kind: &str,
    within: &[&str],
    at: Option<(f64, f64)>,
    country: &str,
    acled: u8,
) -> PlaceInfo {
    PlaceInfo {
        id: id.into(),
        name: name.into(),
        kind: kind.into(),
        within: within.iter().map(|s| s.to_string()).collect(),
        lat: at.map(|p| p.0),
        lon: at.map(|p| p.1),
        pcode: None,
        country: Some(country.into()),
        precision: GeoPrecision { acled, ucdp: if acled == 1 { 1 } else { 4 } },
    }
}

fn actor(id: &str, name: &str, kind: &str, acled: &str, inter: u8, country: &str) -> (String, ActorInfo) {
    let info = ActorInfo {
        id: id.into(),
        name: name.into(),
        kind: kind.into(),
        acled: Some(acled.into()),
        inter: Some(inter),
        country: Some(country.into()),
    };
    (id.into(), info)
}

fn doc_ref(doc: &Doc, title: &str, published: &str, publisher: &str, url: &str, languages: &[&str]) -> DocRef {
    DocRef {
        id: doc.id.into(),
        title: Some(title.into()),
        published: Some(published.into()),
        publisher: publisher.into(),
        url: Some(url.into()),
        languages: languages.iter().map(|s| s.to_string()).collect(),
    }
}

fn quote(doc: &Doc, words: &str, speaker: &str, role: &str, timecode: Option<&str>, language: &str) -> Testimony {
    Testimony {
        evidence: ev(doc, words),
        speaker: Some(speaker.into()),
        speaker_role: Some(role.into()),
        timecode: timecode.map(Into::into),
        language: language.into(),
        translation_of: None,
    }
}

fn range(low: f64, best: f64, high: f64) -> Range {
    Range { low, best, high }
}

fn acled(event_type: &str, sub_event_type: &str) -> Acled {
    Acled { event_type: event_type.into(), sub_event_type: sub_event_type.into() }
}

/// The sample: five documents about eastern Aleppo and Idlib, 12–16 December 2016.
#[doc(hidden)]
pub fn sample_linked() -> Linked {
    let un = origin("un", "the UN", "cited", &["blog.example"]);
    let syria_direct = origin("site:syriadirect.org", "syriadirect.org", "publisher", &[]);
    let reuters = origin("reuters", "Reuters", "wire", &[]);
    let blog = origin("site:blog.example", "blog.example", "publisher", &[]);
    let civil_defence = origin("syria-civil-defence", "Syrian Civil Defence", "cited", &["step-agency.net"]);
    let observatory = origin("sohr", "Syrian Observatory for Human Rights", "cited", &["step-agency.net"]);
    let residents = origin("residents", "residents", "cited", &["Reuters"]);
    let step = origin("site:step-agency.net", "step-agency.net", "publisher", &[]);

    let trapped = ClaimGroup {
        id: "cg-5b1e0a7c3d2f".into(),
        category: "trapped".into(),
        unit: "people".into(),
        place: Some("aleppo".into()),
        from: Some("2016-12-13".into()),
        to: Some("2016-12-15".into()),
        claims: vec![
            claim(&BLOG, "100,000 people remain trapped", 100_000.0, "exact", "2016-12-13", "figure", "aleppo", un),
            claim(
                &SYRIA_DIRECT,
                "80,000 people are trapped",
                80_000.0,
                "exact",
                "2016-12-14",
                "document",
                "aleppo",
                syria_direct.clone(),
            ),
            claim(
                &REUTERS,
                "About 90,000 civilians remain trapped",
                90_000.0,
                "about",
                "2016-12-15",
                "document",
                "aleppo",
                reuters.clone(),
            ),
        ],
        range: range(80_000.0, 90_000.0, 100_000.0),
        origins: 3,
        contradictions: vec![Contradiction {
            a: 0,
            b: 1,
            why: "the UN's exact 100,000 on 13 Dec exceeds syriadirect.org's estimate of 80,000 a day later by 25%, \
                  more than the rule allows for one quantity"
                .into(),
        }],
    };
    let killed_idlib = ClaimGroup {
        id: "cg-9a40c6e1b8d3".into(),
        category: "killed".into(),
        unit: "people".into(),
        place: Some("idlib".into()),
        from: Some("2016-12-14".into()),
        to: Some("2016-12-15".into()),
        claims: vec![
            claim(&STEP, "killing 12 civilians", 12.0, "exact", "2016-12-14", "figure", "idlib", civil_defence.clone()),
            claim(&STEP, "the toll at 14", 14.0, "exact", "2016-12-14", "document", "idlib", observatory),
            claim(&REUTERS, "killing 15 people", 15.0, "exact", "2016-12-15", "document", "khan-shaykhun", residents),
        ],
        range: range(12.0, 14.0, 15.0),
        origins: 3,
        contradictions: vec![],
    };
    let killed_aleppo = ClaimGroup {
        id: "cg-27d9f3e05c1a".into(),
        category: "killed".into(),
        unit: "people".into(),
        place: Some("aleppo".into()),
        from: Some("2016-12-12".into()),
        to: Some("2016-12-12".into()),
        claims: vec![Claim {
            low: Some(12.0),
            ..claim(
                &BLOG,
                "killing at least 12 people",
                12.0,
                "at-least",
                "2016-12-12",
                "figure",
                "aleppo",
                blog.clone(),
            )
        }],
        range: range(12.0, 12.0, 12.0),
        origins: 1,
        contradictions: vec![],
    };
    let killed_convoy = ClaimGroup {
        id: "cg-c4e8a19b7f02".into(),
        category: "killed".into(),
        unit: "people".into(),
        place: Some("ramouseh-road".into()),
        from: Some("2016-12-15".into()),
        to: Some("2016-12-15".into()),
        claims: vec![claim(
            &REUTERS,
            "killing 4 people",
            4.0,
            "exact",
            "2016-12-15",
            "figure",
            "ramouseh-road",
            reuters.clone(),
        )],
        range: range(4.0, 4.0, 4.0),
        origins: 1,
        contradictions: vec![],
    };
    let strikes = ClaimGroup {
        id: "cg-0f6b2d8e4a95".into(),
        category: "airstrikes".into(),
        unit: "attacks".into(),
        place: Some("idlib".into()),
        from: Some("2016-12-14".into()),
        to: Some("2016-12-14".into()),
        claims: vec![claim(
            &STEP,
            "20 air strikes",
            20.0,
            "exact",
            "2016-12-14",
            "figure",
            "idlib",
            civil_defence.clone(),
        )],
        range: range(20.0, 20.0, 20.0),
        origins: 1,
        contradictions: vec![],
    };
    let buildings = ClaimGroup {
        id: "cg-71a3e5c9d2b6".into(),
        category: "buildings".into(),
        unit: "things".into(),
        place: Some("idlib".into()),
        from: Some("2016-12-14".into()),
        to: Some("2016-12-14".into()),
        claims: vec![claim(
            &STEP,
            "destroying 7 buildings",
            7.0,
            "exact",
            "2016-12-14",
            "figure",
            "idlib",
            civil_defence.clone(),
        )],
        range: range(7.0, 7.0, 7.0),
        origins: 1,
        contradictions: vec![],
    };

    let mut ar1 = quote(
        &HAMDO,
        "لم يعد هناك مكان آمن في حلب، القصف لا يتوقف.",
        "Abdulkafi al-Hamdo",
        "teacher",
        Some("10:01"),
        "ar",
    );
    ar1.evidence.context = ar1.evidence.text.clone();
    ar1.evidence.at = 0;
    let en1 = Testimony {
        translation_of: Some(ar1.evidence.span),
        ..quote(
            &HAMDO,
            "There is no safe place left in Aleppo; the shelling does not stop.",
            "Abdulkafi al-Hamdo",
            "teacher",
            Some("10:01"),
            "en",
        )
    };
    let mut ar2 = quote(&HAMDO, "قد تكون هذه رسالتي الأخيرة.", "Abdulkafi al-Hamdo", "teacher", Some("10:04"), "ar");
    ar2.evidence.context = ar2.evidence.text.clone();
    ar2.evidence.at = 0;
    let en2 = Testimony {
        translation_of: Some(ar2.evidence.span),
        ..quote(&HAMDO, "This may be my last message.", "Abdulkafi al-Hamdo", "teacher", Some("10:04"), "en")
    };
    let abu_omar = quote(
        &SYRIA_DIRECT,
        "We have been waiting at the crossing since dawn,",
        "Abu Omar",
        "civil defence volunteer",
        None,
        "en",
    );
    let alabdullah = quote(
        &STEP,
        "We pulled three children from the rubble,",
        "Ismail Alabdullah",
        "White Helmets volunteer",
        None,
        "en",
    );

    let events = vec![
        LinkedEvent {
            id: "ev-1c7e4b9a02d5".into(),
            kind: "shelling".into(),
            acled: acled("Explosions/Remote violence", "Shelling/artillery/missile attack"),
            date: Some("2016-12-12".into()),
            date_precision: Some(DatePrecision::Day),
            place: Some("aleppo".into()),
            actors: vec!["syria-army".into()],
            killed: Some(range(12.0, 12.0, 12.0)),
            injured: None,
            mentions: vec![ev(&BLOG, "Shelling hit the Ansari district on Monday")],
            origins: vec![blog.clone()],
            claims: vec![killed_aleppo.id.clone()],
            quotes: vec![ar1.clone(), en1.clone()],
        },
        LinkedEvent {
            id: "ev-48b2f0c6e3a1".into(),
            kind: "protest".into(),
            acled: acled("Protests", "Peaceful protest"),
            date: Some("2016-12-13".into()),
            date_precision: Some(DatePrecision::Day),
            place: Some("gaziantep".into()),
            actors: vec!["protesters-turkey".into()],
            killed: None,
            injured: None,
            mentions: vec![ev(&SYRIA_DIRECT, "protesters gathered in Gaziantep")],
            origins: vec![syria_direct.clone()],
            claims: vec![],
            quotes: vec![],
        },
        LinkedEvent {
            id: "ev-93d05a7e1f4c".into(),
            kind: "airstrike".into(),
            acled: acled("Explosions/Remote violence", "Air/drone strike"),
            date: Some("2016-12-14".into()),
            date_precision: Some(DatePrecision::Day),
            place: Some("idlib".into()),
            actors: vec!["russia-air-force".into(), "syria-civil-defence".into()],
            killed: Some(range(12.0, 14.0, 14.0)),
            injured: None,
            mentions: vec![
                ev(&STEP, "Russian warplanes carried out 20 air strikes on Idlib on Wednesday"),
                ev(&STEP, "The Syrian Observatory put the toll at 14"),
            ],
            origins: vec![step.clone(), civil_defence.clone()],
            claims: vec![killed_idlib.id.clone(), strikes.id.clone(), buildings.id.clone()],
            quotes: vec![alabdullah.clone()],
        },
        LinkedEvent {
            id: "ev-b6e21c8d5f07".into(),
            kind: "airstrike".into(),
            acled: acled("Explosions/Remote violence", "Air/drone strike"),
            date: Some("2016-12-15".into()),
            date_precision: Some(DatePrecision::Day),
            place: Some("khan-shaykhun".into()),
            actors: vec!["russia-air-force".into()],
            killed: Some(range(15.0, 15.0, 15.0)),
            injured: None,
            mentions: vec![ev(&REUTERS, "Air strikes hit Khan Shaykhun in Idlib province")],
            origins: vec![reuters.clone()],
            claims: vec![killed_idlib.id.clone()],
            quotes: vec![],
        },
        LinkedEvent {
            id: "ev-e07f3a92c1b8".into(),
            kind: "attack".into(),
            acled: acled("Violence against civilians", "Attack"),
            date: Some("2016-12-15".into()),
            date_precision: Some(DatePrecision::Day),
            place: Some("ramouseh-road".into()),
            actors: vec!["unidentified-armed-group".into(), "civilians-syria".into()],
            killed: Some(range(4.0, 4.0, 4.0)),
            injured: None,
            mentions: vec![ev(&REUTERS, "Gunmen fired on an evacuation convoy on the Ramouseh road on Thursday")],
            origins: vec![reuters.clone()],
            claims: vec![killed_convoy.id.clone()],
            quotes: vec![abu_omar.clone()],
        },
        LinkedEvent {
            id: "ev-5f9c1e6a3b20".into(),
            kind: "agreement".into(),
            acled: acled("Strategic developments", "Agreement"),
            date: None,
            date_precision: None,
            place: Some("aleppo".into()),
            actors: vec![],
            killed: None,
            injured: None,
            mentions: vec![
                ev(&BLOG, "the evacuation deal had collapsed"),
                ev(&REUTERS, "Rebels called the deal a \"betrayal\""),
            ],
            origins: vec![origin("reuters", "Reuters", "cited", &["blog.example"])],
            claims: vec![],
            quotes: vec![],
        },
    ];

    let places = [
        place(
            "aleppo",
            "Aleppo",
            "city",
            &["Jebel Saman", "Aleppo Governorate", "Syria"],
            Some((36.2021, 37.1343)),
            "SY",
            1,
        ),
        place("idlib", "Idlib", "city", &["Idlib Governorate", "Syria"], Some((35.9306, 36.6339)), "SY", 1),
        place(
            "khan-shaykhun",
            "خان شيخون",
            "town",
            &["Maarrat an-Nu'man", "Idlib Governorate", "Syria"],
            Some((35.4410, 36.6510)),
            "SY",
            1,
        ),
        place("gaziantep", "Gaziantep", "city", &["Gaziantep Province", "Turkey"], Some((37.0662, 37.3833)), "TR", 1),
        place("ramouseh-road", "Ramouseh road", "road", &["Aleppo", "Syria"], None, "SY", 2),
    ];
    let actors = [
        actor("syria-army", "Military Forces of Syria", "state forces", "Military Forces of Syria (2000-)", 1, "SY"),
        actor("russia-air-force", "Russian Air Force", "external forces", "Military Forces of Russia (2000-)", 8, "RU"),
        actor("syria-civil-defence", "Syrian Civil Defence", "civil defence", "Civilians (Syria)", 7, "SY"),
        actor(
            "unidentified-armed-group",
            "Unidentified armed group",
            "armed group",
            "Unidentified Armed Group (Syria)",
            3,
            "SY",
        ),
        actor("civilians-syria", "Civilians (Syria)", "civilians", "Civilians (Syria)", 7, "SY"),
        actor("protesters-turkey", "Protesters (Turkey)", "protesters", "Protesters (Turkey)", 6, "TR"),
    ];

    Linked {
        schema: sitrep_link::SCHEMA.into(),
        rule: Rule::Median,
        rule_text: Rule::Median.describe().into(),
        window_days: 7,
        documents: vec![
            doc_ref(
                &BLOG,
                "UN says 100,000 still trapped in east Aleppo",
                "2016-12-13",
                "blog.example",
                "https://blog.example/2016/12/un-aleppo",
                &["en"],
            ),
            doc_ref(
                &SYRIA_DIRECT,
                "East Aleppo residents wait for buses that do not come",
                "2016-12-14",
                "syriadirect.org",
                "https://syriadirect.org/news/east-aleppo-buses",
                &["en"],
            ),
            doc_ref(
                &REUTERS,
                "<script>alert(1)</script> Aleppo evacuation halted as \"shelling\" resumes & convoy hit",
                "2016-12-15",
                "Reuters",
                "javascript:alert(3)",
                &["en"],
            ),
            doc_ref(
                &HAMDO,
                "شهادات من حلب المحاصرة",
                "2016-12-13",
                "enabbaladi.net",
                "https://www.enabbaladi.net/archives/118",
                &["ar", "en"],
            ),
            doc_ref(
                &STEP,
                "Russian jets strike Idlib as Aleppo evacuation stalls",
                "2016-12-14",
                "step-agency.net",
                "https://stepagency-sy.net/2016/12/14/idlib",
                &["en"],
            ),
        ],
        places: places.into_iter().map(|p| (p.id.clone(), p)).collect::<BTreeMap<_, _>>(),
        actors: actors.into_iter().collect(),
        claims: vec![trapped, killed_idlib, killed_aleppo, killed_convoy, strikes, buildings],
        events,
        quotes: vec![ar1, en1, ar2, en2, abu_omar, alabdullah],
    }
}
