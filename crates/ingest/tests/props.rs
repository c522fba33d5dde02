//! Readers never panic: any bytes yield a document or an error.

use proptest::prelude::*;
use sitrep_ingest::{read_bytes, Options, Origin};

fn read(name: &str, bytes: Vec<u8>) -> usize {
    let mut n = 0;
    read_bytes(name, name, bytes, Origin::default(), &Options::default(), &mut |item| {
        if let Ok(doc) = item.result {
            for p in &doc.paragraphs {
                assert!(p.span.get(&doc.text).is_some(), "paragraph span out of bounds");
            }
        }
        n += 1;
    });
    n
}

/// Fragments of markup, so the HTML and Markdown readers see structure.
fn markup() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("<p>".to_string()),
            Just("</p>".to_string()),
            Just("<div class=\"share\">".to_string()),
            Just("</div>".to_string()),
            Just("<br>".to_string()),
            Just("<script>x</script>".to_string()),
            Just("# ".to_string()),
            Just("**".to_string()),
            Just("[a](b)".to_string()),
            Just("\n\n".to_string()),
            "[a-zA-Z ]{1,12}",
            "[\u{0621}-\u{064A}\u{064B}-\u{0652} ]{1,12}",
        ],
        0..60,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_bytes_as_any_format(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        for name in ["x.txt", "x.html", "x.md", "x.jsonl", "x.warc", "x.pdf", "x.eml", "x.mbox", "x.docx", "result.json", "tweets.js", "-"] {
            read(name, bytes.clone());
        }
    }

    #[test]
    fn any_markup(text in markup()) {
        for name in ["x.html", "x.md", "x.txt"] {
            prop_assert_eq!(read(name, text.clone().into_bytes()), 1);
        }
    }
}
