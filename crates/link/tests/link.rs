//! Linking records built by hand: groups, origins, events and the
//! analyst's overrides.

use sitrep_link::{link, DocMeta, Input, Overrides, Settings};
use sitrep_record::{Event, Figure, Place, Quantity, Record};

fn place() -> Place {
    Place {
        span: [0, 6],
        text: "Aleppo".into(),
        id: "wof:421202163".into(),
        name: "Aleppo".into(),
        kind: "city".into(),
        within: vec!["Jebel Saman".into(), "Aleppo".into(), "Syria".into()],
        lat: Some(36.2),
        lon: Some(37.15),
        country: Some("SY".into()),
        ..Default::default()
    }
}

fn input(order: i64, site: &str, text: &str, date: &str) -> Input {
    let mut record = Record::default();
    record.document.published = Some(date.into());
    record.places.push(place());
    Input {
        doc: DocMeta { id: format!("sha256:{order:064x}"), order, site: Some(site.into()), ..Default::default() },
        record,
        text: text.into(),
    }
}

fn strike(span: [usize; 2], date: &str) -> Event {
    Event {
        span,
        kind: "airstrike".into(),
        date: Some(date.into()),
        date_precision: Some(sitrep_record::DatePrecision::Day),
        place: Some("wof:421202163".into()),
        ..Default::default()
    }
}

fn killed(span: [usize; 2], value: f64) -> Figure {
    Figure {
        span,
        text: String::new(),
        quantity: Quantity { value, low: Some(value), high: Some(value), qualifier: sitrep_record::Qualifier::Exact },
        category: "killed".into(),
        unit: "people".into(),
        ..Default::default()
    }
}

fn two_reports() -> Vec<Input> {
    let t = "Aleppo: an air strike killed 9 people.";
    let mut a = input(1, "one.example", t, "2016-12-02");
    a.record.events.push(strike([11, 21], "2016-12-02"));
    a.record.figures.push(killed([22, 35], 9.0));
    let mut b = input(2, "two.example", t, "2016-12-02");
    b.record.events.push(strike([11, 21], "2016-12-02"));
    b.record.figures.push(killed([22, 35], 11.0));
    vec![a, b]
}

#[test]
fn one_strike_in_two_reports_is_one_event_and_one_claim_group() {
    let l = link(&two_reports(), &Settings::default());
    assert_eq!(l.events.len(), 1);
    let e = &l.events[0];
    assert_eq!(e.mentions.len(), 2);
    assert_eq!(e.origins.len(), 2);
    assert_eq!(l.claims.len(), 1);
    let g = &l.claims[0];
    assert_eq!((g.range.low, g.range.best, g.range.high), (9.0, 10.0, 11.0));
    assert_eq!(g.origins, 2);
    assert_eq!(e.claims, vec![g.id.clone()], "the event leads to the figures said of it");
    // Input order does not matter.
    let mut reversed = two_reports();
    reversed.reverse();
    assert_eq!(link(&reversed, &Settings::default()), l);
}

#[test]
fn an_analyst_splits_and_merges() {
    let inputs = two_reports();
    let split = Settings {
        overrides: Overrides { splits: vec![(inputs[1].doc.id.clone(), [11, 21])], ..Default::default() },
        ..Default::default()
    };
    let l = link(&inputs, &split);
    assert_eq!(l.events.len(), 2);
    let merged = Settings {
        overrides: Overrides {
            splits: split.overrides.splits.clone(),
            merges: vec![[l.events[1].id.clone(), l.events[0].id.clone()]],
        },
        ..Default::default()
    };
    let l2 = link(&inputs, &merged);
    assert_eq!(l2.events.len(), 1);
    assert_eq!(l2.events[0].mentions.len(), 2);
    assert!(l.events.iter().any(|e| e.id == l2.events[0].id), "the merged event keeps the older id");
}

#[test]
fn one_document_putting_two_values_in_two_mouths_is_one_quantity() {
    let t = "The council says 100,000 are trapped. \"We count 140,000 people trapped,\" said Rami.";
    let mut a = input(1, "one.example", t, "2016-12-13");
    let trapped = |span, v| Figure { category: "trapped".into(), ..killed(span, v) };
    a.record.figures.push(trapped(span_of(t, "100,000"), 100_000.0));
    a.record.figures.push(trapped(span_of(t, "140,000"), 140_000.0));
    let quote = span_of(t, "We count 140,000 people trapped");
    a.record.quotes.push(sitrep_record::Quote { span: quote, speaker: Some("Rami".into()), ..Default::default() });
    let l = link(&[a], &Settings::default());
    assert_eq!(l.claims.len(), 1, "{:#?}", l.claims);
    assert_eq!(l.claims[0].origins, 2);
    assert_eq!(l.claims[0].contradictions.len(), 1);
}

fn event_of(kind: &str, event_type: &str, sub: &str, span: [usize; 2], date: &str, place: &str) -> Event {
    Event {
        span,
        kind: kind.into(),
        acled: sitrep_record::Acled { event_type: event_type.into(), sub_event_type: sub.into() },
        date: Some(date.into()),
        date_precision: Some(sitrep_record::DatePrecision::Day),
        place: Some(place.into()),
        ..Default::default()
    }
}

fn span_of(text: &str, words: &str) -> [usize; 2] {
    let start = text[..text.find(words).unwrap()].chars().count();
    [start, start + words.chars().count()]
}

#[test]
fn a_toll_told_the_day_after_is_the_strikes_and_takes_its_date() {
    // A witness on 6 February tells of yesterday's strike, then its dead.
    let t = "Yesterday after prayers the airstrike hit our street. There were nine dead and four injured.";
    let mut a = input(1, "one.example", t, "2016-02-06");
    a.record.events.push(event_of(
        "airstrike",
        "Explosions/Remote violence",
        "Air/drone strike",
        span_of(t, "airstrike"),
        "2016-02-05",
        "wof:421202163",
    ));
    a.record.figures.push(killed(span_of(t, "nine dead"), 9.0));
    a.record.figures.push(Figure { category: "injured".into(), ..killed(span_of(t, "four injured"), 4.0) });
    let l = link(&[a], &Settings::default());
    let e = &l.events[0];
    assert_eq!(e.killed.as_ref().map(|k| k.best), Some(9.0));
    assert_eq!(e.injured.as_ref().map(|k| k.best), Some(4.0));
    let g = l.claims.iter().find(|g| g.category == sitrep_record::Category::Killed).unwrap();
    assert_eq!(g.from.as_deref(), Some("2016-02-05"), "the figure follows the event it counts");
    assert_eq!(g.claims[0].date_from, "event");
    assert!(e.claims.contains(&g.id));
}

#[test]
fn executions_of_civilians_are_the_events_toll_and_its_civilian_part() {
    let t = "Militias pressed on with their bombing campaign, executing at least 35 civilians.";
    let mut a = input(1, "one.example", t, "2016-12-13");
    a.record.events.push(event_of(
        "airstrike",
        "Explosions/Remote violence",
        "Air/drone strike",
        span_of(t, "bombing"),
        "2016-12-13",
        "wof:421202163",
    ));
    a.record.events.push(event_of(
        "execution",
        "Violence against civilians",
        "Attack",
        span_of(t, "executing"),
        "2016-12-13",
        "wof:421202163",
    ));
    a.record.figures.push(Figure { category: "executed".into(), ..killed(span_of(t, "executing at least 35"), 35.0) });
    let l = link(&[a], &Settings::default());
    let execution = l.events.iter().find(|e| e.kind == "execution").unwrap();
    assert_eq!(execution.killed.as_ref().map(|k| k.low), Some(35.0));
    assert_eq!(execution.killed_civilians.as_ref().map(|k| k.best), Some(35.0));
    let strike = l.events.iter().find(|e| e.kind == "airstrike").unwrap();
    assert!(strike.killed.is_none(), "one figure, one event");
}

#[test]
fn one_attack_reported_in_english_and_arabic_is_one_event() {
    let en = "A crowded shelter was set alight and burnt out in the Fardous district.";
    let ar = "ارتكبت قوات النظام مجزرة في حي الفردوس";
    let fardous = Place {
        id: "ocha:N0209".into(),
        name: "Fardos".into(),
        kind: "neighbourhood".into(),
        within: vec!["Aleppo".into(), "Syria".into()],
        country: Some("SY".into()),
        ..Default::default()
    };
    let mut a = input(1, "one.example", en, "2016-12-13");
    a.record.places.push(fardous.clone());
    let vac = "Violence against civilians";
    a.record.events.push(event_of(
        "attack_on_civilians",
        vac,
        "Attack",
        span_of(en, "burnt"),
        "2016-12-13",
        "ocha:N0209",
    ));
    let mut b = input(2, "two.example", ar, "2016-12-13");
    b.record.places.push(fardous);
    b.record.events.push(event_of("execution", vac, "Attack", span_of(ar, "مجزرة"), "2016-12-13", "ocha:N0209"));
    // A strike at the same quarter the same day is another kind of violence,
    // told by a third report: it joins too, as the higher type.
    let t = "Barrel bombs fell on al-Fardous.";
    let mut c = input(3, "three.example", t, "2016-12-13");
    c.record.events.push(event_of(
        "barrel_bomb",
        "Explosions/Remote violence",
        "Air/drone strike",
        span_of(t, "Barrel bombs"),
        "2016-12-13",
        "ocha:N0209",
    ));
    let l = link(&[a.clone(), b.clone()], &Settings::default());
    let at: Vec<_> = l.events.iter().filter(|e| e.place.as_deref() == Some("ocha:N0209")).collect();
    assert_eq!(at.len(), 1, "{at:#?}");
    assert_eq!(at[0].mentions.len(), 2);
    let l = link(&[a, b, c], &Settings::default());
    let at: Vec<_> = l.events.iter().filter(|e| e.place.as_deref() == Some("ocha:N0209")).collect();
    assert_eq!(at.len(), 1, "{at:#?}");
    assert_eq!((at[0].kind.as_str(), at[0].mentions.len()), ("barrel_bomb", 3));
}

#[test]
fn a_headline_repeating_the_article_is_one_claim_and_smaller_values_are_partial() {
    let t = "Dozens of shells on Aleppo\n\n\"Dozens of shells are landing,\" said Rami. \"We logged about 90 shells today,\" Rami said.";
    let mut a = input(1, "one.example", t, "2016-12-13");
    let shells = |words: &str, v: f64| Figure {
        category: "shells".into(),
        unit: "attacks".into(),
        ..killed(span_of(t, words), v)
    };
    a.record.figures.push(shells("Dozens of shells on", 12.0));
    a.record.figures.push(shells("Dozens of shells are", 12.0));
    a.record.figures.push(shells("about 90 shells", 90.0));
    a.record.quotes.push(sitrep_record::Quote {
        span: span_of(t, "\"Dozens of shells are landing,\""),
        speaker: Some("Rami".into()),
        ..Default::default()
    });
    a.record.quotes.push(sitrep_record::Quote {
        span: span_of(t, "\"We logged about 90 shells today,\""),
        speaker: Some("Rami".into()),
        ..Default::default()
    });
    let l = link(&[a], &Settings::default());
    assert_eq!(l.claims.len(), 1, "one group per category, place and day: {:#?}", l.claims);
    let g = &l.claims[0];
    assert_eq!(g.claims.len(), 2, "the headline repeats the quote: {g:#?}");
    assert_eq!(g.origins, 1);
    assert!(g.contradictions.is_empty(), "a headline does not contradict its article");
    let dozens = g.claims.iter().find(|c| c.value == 12.0).unwrap();
    assert_eq!((dozens.origin.how.as_str(), dozens.repeats.len(), dozens.partial), ("speaker", 1, true));
    assert_eq!((g.range.low, g.range.best, g.range.high), (90.0, 90.0, 90.0));
}
