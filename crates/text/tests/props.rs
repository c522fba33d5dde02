//! Properties that hold for any text.

use proptest::prelude::*;
use sitrep_text::fold::{fold_for_search, fold_letters};
use sitrep_text::lang::paragraphs;
use sitrep_text::{CharIndex, Span};

/// Text drawn from the characters reporting mixes: Arabic letters and
/// marks, presentation forms, digits, Latin, whitespace and punctuation.
fn mixed() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            prop::char::range('\u{0600}', '\u{06FF}'),
            prop::char::range('\u{FE70}', '\u{FEFF}'),
            prop::char::range('a', 'z'),
            Just(' '),
            Just('\n'),
            Just('ـ'),
            prop::char::any(),
        ],
        0..200,
    )
    .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #[test]
    fn fold_maps_every_span_back_inside_the_original(text in mixed(), a in 0usize..400, b in 0usize..400) {
        for folded in [fold_letters(&text), fold_for_search(&text)] {
            let (s, e) = (a.min(b).min(folded.text.len()), a.max(b).min(folded.text.len()));
            // Snap to character boundaries of the folded text.
            let s = (0..=s).rev().find(|&i| folded.text.is_char_boundary(i)).unwrap();
            let e = (e..=folded.text.len()).find(|&i| folded.text.is_char_boundary(i)).unwrap();
            let orig = folded.original(Span::new(s, e));
            prop_assert!(orig.start <= orig.end && orig.end <= text.len());
            prop_assert!(orig.get(&text).is_some(), "span {orig:?} not on char boundaries");
        }
    }

    #[test]
    fn folding_is_idempotent_on_letters(text in mixed()) {
        let once = fold_letters(&text).text;
        prop_assert_eq!(fold_letters(&once).text, once);
    }

    #[test]
    fn paragraphs_are_in_bounds_and_shift_with_a_prefix(text in mixed(), prefix in "[a-z ]{0,10}\n\n") {
        let ps = paragraphs(&text);
        for p in &ps {
            prop_assert!(p.span.get(&text).is_some());
        }
        let shifted = paragraphs(&format!("{prefix}{text}"));
        let own: Vec<Span> = shifted.iter().map(|p| p.span).filter(|s| s.start >= prefix.len()).collect();
        let expected: Vec<Span> = ps.iter().map(|p| p.span.shift(prefix.len())).collect();
        prop_assert_eq!(own, expected);
    }

    #[test]
    fn char_index_round_trips(text in mixed()) {
        let ix = CharIndex::new(&text);
        for (ch, (byte, _)) in text.char_indices().enumerate() {
            prop_assert_eq!(ix.char_of(byte), ch);
            prop_assert_eq!(ix.byte_of(ch), byte);
        }
    }
}
