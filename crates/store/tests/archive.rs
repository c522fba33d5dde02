//! The archive's promises, on documents made in the test.

use sitrep_ingest::{read_bytes, Document, Options, Origin};
use sitrep_store::{Added, Archive, StoreError};

fn doc(name: &str, bytes: &str, location: &str) -> Document {
    let mut items = Vec::new();
    let origin = Origin { location: location.into(), ..Default::default() };
    read_bytes(name, name, bytes.as_bytes().to_vec(), origin, &Options::default(), &mut |i| items.push(i));
    items.remove(0).result.expect("fixture reads")
}

const EN: &str = "<html><head><title>Market hit</title></head><body>\
    <p>Two shells struck the vegetable market on Tuesday morning, killing four people, medics said.</p>\
    <p>The market had reopened a week earlier after repairs.</p></body></html>";
const AR: &str = "قُصِفَت الأحياءُ الشرقية في حَلَب بالبراميل المتفجرة صباح اليوم، وقال مسعفون إن ستة مدنيين قتلوا.";

#[test]
fn same_bytes_twice_store_once_with_two_sources() {
    let mut a = Archive::open_in_memory().unwrap();
    let id = sitrep_record::DocId::of(EN.as_bytes()).into_hex();
    assert_eq!(a.add(&doc("a.html", EN, "/in/a.html"), None).unwrap(), Added::New { id: id.clone() });
    assert_eq!(
        a.add(&doc("a.html", EN, "/in/copy.html"), None).unwrap(),
        Added::Present { id: id.clone(), new_source: true }
    );
    assert_eq!(
        a.add(&doc("a.html", EN, "/in/copy.html"), None).unwrap(),
        Added::Present { id: id.clone(), new_source: false }
    );
    assert_eq!(a.count().unwrap(), 1);
    let stored = a.get(&id).unwrap();
    let locations: Vec<&str> = stored.provenance.iter().map(|p| p.location.as_str()).collect();
    assert_eq!(locations, ["/in/a.html", "/in/copy.html"]);
    assert_eq!(a.raw(&id).unwrap(), EN.as_bytes());
}

#[test]
fn prefixes_resolve_like_git() {
    let mut a = Archive::open_in_memory().unwrap();
    let d = doc("a.txt", AR, "/in/a.txt");
    a.add(&d, None).unwrap();
    let id = d.id();
    assert_eq!(a.resolve(&id[..8]).unwrap(), id);
    assert_eq!(a.resolve(&format!("sha256:{}", &id[..12].to_uppercase())).unwrap(), id);
    assert!(matches!(a.resolve(&id[..7]), Err(StoreError::BadPrefix(_))));
    assert!(matches!(a.resolve("00000000"), Err(StoreError::NotFound(_))));
}

#[test]
fn search_folds_arabic_and_stems_english() {
    let mut a = Archive::open_in_memory().unwrap();
    a.add(&doc("en.html", EN, "/in/en.html"), None).unwrap();
    a.add(&doc("ar.txt", AR, "/in/ar.txt"), None).unwrap();

    let hits = a.search("حلب", 10).unwrap();
    assert_eq!(hits.len(), 1);
    let h = &hits[0];
    let (s, e) = h.highlights[0];
    let marked: String = h.snippet.chars().skip(s).take(e - s).collect();
    assert_eq!(marked, "حَلَب", "the snippet shows the words as written");

    let hits = a.search("الحي الشرقيه", 10).unwrap();
    assert!(hits.is_empty(), "whole words only: الحي is not الأحياء");
    assert_eq!(a.search("احياء شرقيه", 10).unwrap().len(), 1);

    let hits = a.search("shell kill", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].title.as_deref(), Some("Market hit"));
    assert_eq!(a.search("market -vegetable", 10).unwrap().len(), 0);
    assert!(matches!(a.search(" - ", 10), Err(StoreError::EmptyQuery)));
}

#[test]
fn verify_finds_damaged_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    let id = {
        let mut a = Archive::open(&path).unwrap();
        let d = doc("en.html", EN, "/in/en.html");
        a.add(&d, None).unwrap();
        a.add(&doc("ar.txt", AR, "/in/ar.txt"), None).unwrap();
        d.id()
    };
    let a = Archive::open(&path).unwrap();
    assert!(a.verify(&mut |_, _| {}).unwrap().ok());
    // Damage one blob behind the archive's back.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("UPDATE blobs SET data = zeroblob(10) WHERE doc = (SELECT rowid FROM documents WHERE id = ?1)", [&id])
        .unwrap();
    let report = a.verify(&mut |_, _| {}).unwrap();
    assert_eq!(report.checked, 2);
    assert_eq!(report.damaged.len(), 1);
    assert_eq!(report.damaged[0].id, id);
    assert!(matches!(a.raw(&id), Err(StoreError::Damaged { .. })));
}
