//! Properties of extraction on any text: no panics, spans in bounds and on
//! character boundaries, and spans that move with prepended text.

use proptest::prelude::*;
use sitrep_annotate::{extract, Given};
use sitrep_ingest::{read_bytes, Document, Options, Origin};

fn doc(text: &str) -> Option<Document> {
    let mut out = None;
    read_bytes("t.txt", "t.txt", text.as_bytes().to_vec(), Origin::default(), &Options::default(), &mut |i| {
        out = i.result.ok()
    });
    out
}

/// Text made of the pieces facts are made of, in both languages.
fn reporting() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("at least ".to_string()),
            Just("dozens of shells ".to_string()),
            Just("killed ".to_string()),
            Just("on Tuesday ".to_string()),
            Just("yesterday ".to_string()),
            Just("13 December 2016 ".to_string()),
            Just("Dec. 13 ".to_string()),
            Just("13/12/2016 ".to_string()),
            Just("مقتل ستة ".to_string()),
            Just("أمس ".to_string()),
            Just("عشرات الآلاف ".to_string()),
            Just("١٥٠ قذيفة ".to_string()),
            Just("between ".to_string()),
            Just("- ".to_string()),
            Just(". ".to_string()),
            Just("\n\n".to_string()),
            Just("Aleppo ".to_string()),
            Just("in Saif al-Dowla ".to_string()),
            Just("حي الأنصاري ".to_string()),
            Just("the neighbourhoods of ".to_string()),
            Just("Zarqal, ".to_string()),
            Just("and ".to_string()),
            Just("Regime forces ".to_string()),
            Just("قوات النظام ".to_string()),
            Just("Omar a-Hamdan, a citizen journalist ".to_string()),
            Just("the Turkish border ".to_string()),
            Just("Russia ".to_string()),
            Just("“We are trapped,” ".to_string()),
            Just("he said. ".to_string()),
            Just("«القصف مستمر» ".to_string()),
            Just("\n\nQ: ".to_string()),
            Just("air strikes hit ".to_string()),
            Just("قصف ".to_string()),
            "[0-9]{1,7}( |,|\\.)",
            "[a-zA-Z]{1,9} ",
            "[\u{0621}-\u{064A}]{1,6} ",
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

fn check_spans(text: &str, spans: &[[usize; 2]]) -> Result<(), TestCaseError> {
    let n = text.chars().count();
    for s in spans {
        prop_assert!(s[0] <= s[1] && s[1] <= n, "span {s:?} out of 0..{n}");
    }
    Ok(())
}

fn spans(r: &sitrep_record::Record) -> Vec<[usize; 2]> {
    r.dates
        .iter()
        .map(|d| d.span)
        .chain(r.figures.iter().map(|f| f.span))
        .chain(r.places.iter().map(|p| p.span))
        .chain(r.actors.iter().map(|a| a.span))
        .chain(r.actors.iter().filter_map(|a| a.role_span))
        .chain(r.quotes.iter().map(|q| q.span))
        .chain(r.events.iter().map(|e| e.span))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn spans_stay_in_bounds(text in reporting(), published in proptest::option::of(0i64..3000)) {
        let Some(d) = doc(&text) else { return Ok(()) };
        let given = Given {
            published: published.map(|n| jiff::civil::date(2015, 1, 1).checked_add(jiff::Span::new().days(n)).unwrap()),
            ..Given::default()
        };
        let r = extract(&d, &given);
        check_spans(&d.text, &spans(&r))?;
        // The text field at every span is the span's own text.
        let chars: Vec<char> = d.text.chars().collect();
        let at = |s: [usize; 2]| chars[s[0]..s[1]].iter().collect::<String>();
        for f in &r.figures {
            prop_assert_eq!(at(f.span), f.text.clone());
        }
        for p in &r.places {
            prop_assert_eq!(at(p.span), p.text.clone());
        }
        for q in &r.quotes {
            prop_assert_eq!(at(q.span), q.text.clone());
        }
        for a in &r.actors {
            prop_assert_eq!(at(a.span), a.text.clone());
            if let (Some(s), Some(role)) = (a.role_span, &a.role) {
                prop_assert_eq!(at(s), role.clone());
            }
        }
    }

    #[test]
    fn any_unicode_never_panics(text in "\\PC{0,300}") {
        if let Some(d) = doc(&text) {
            let r = extract(&d, &Given { published: Some(jiff::civil::date(2016, 12, 14)), ..Given::default() });
            check_spans(&d.text, &spans(&r))?;
        }
    }

    #[test]
    fn prepending_a_paragraph_shifts_every_span(text in reporting()) {
        let given = Given { published: Some(jiff::civil::date(2016, 12, 14)), ..Given::default() };
        let Some(d) = doc(&text) else { return Ok(()) };
        let prefix = "Preface line without facts.\n\n";
        let Some(d2) = doc(&format!("{prefix}{}", d.text)) else { return Ok(()) };
        let (a, b) = (extract(&d, &given), extract(&d2, &given));
        let shift = prefix.chars().count();
        let moved: Vec<[usize; 2]> = spans(&a).iter().map(|s| [s[0] + shift, s[1] + shift]).collect();
        prop_assert_eq!(moved, spans(&b));
    }
}
