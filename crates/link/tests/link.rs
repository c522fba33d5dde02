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
    let t = "The council says 100,000 are trapped. \"There are 150,000 people trapped,\" said Ahmad.";
    let mut a = input(1, "one.example", t, "2016-12-13");
    let trapped = |span, v| Figure { category: "trapped".into(), ..killed(span, v) };
    a.record.figures.push(trapped([17, 24], 100_000.0));
    a.record.figures.push(trapped([49, 56], 150_000.0));
    a.record.quotes.push(sitrep_record::Quote { span: [39, 72], speaker: Some("Ahmad".into()), ..Default::default() });
    let l = link(&[a], &Settings::default());
    assert_eq!(l.claims.len(), 1, "{:#?}", l.claims);
    assert_eq!(l.claims[0].origins, 2);
    assert_eq!(l.claims[0].contradictions.len(), 1);
}
