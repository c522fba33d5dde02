//! Reviews beside the machine's record, and the audit chain.

use serde_json::json;
use sitrep_ingest::{read_bytes, Document, Options, Origin};
use sitrep_store::review::ReviewInput;
use sitrep_store::Archive;

fn doc(name: &str, text: &str) -> Document {
    let mut items = Vec::new();
    let origin = Origin { location: format!("/in/{name}"), ..Default::default() };
    read_bytes(name, name, text.as_bytes().to_vec(), origin, &Options::default(), &mut |i| items.push(i));
    items.remove(0).result.expect("fixture reads")
}

const TEXT: &str = "Aleppo, 3 December 2016. About 100,000 people are trapped in eastern Aleppo, \
    according to the UN. Shelling killed 12 people in the Shaar district on Saturday, rescuers said.";

fn archive() -> (Archive, String) {
    let mut a = Archive::open_in_memory().unwrap();
    let d = doc("a.txt", TEXT);
    let record = sitrep_annotate::extract(&d, &Default::default());
    a.add(&d, Some(&record)).unwrap();
    let id = sitrep_record::DocId::of(TEXT.as_bytes()).into_hex();
    (a, id)
}

fn figure_span(a: &Archive, id: &str, category: &str) -> [usize; 2] {
    a.record(id).unwrap().unwrap().figures.iter().find(|f| f.category == category).expect(category).span
}

fn input(id: &str, kind: &str, span: [usize; 2], action: &str, value: Option<serde_json::Value>) -> ReviewInput {
    ReviewInput {
        doc: id.into(),
        kind: kind.into(),
        span,
        action: action.into(),
        value,
        who: "analyst".into(),
        note: None,
    }
}

#[test]
fn a_correction_stands_beside_the_record_and_outlives_re_extraction() {
    let (mut a, id) = archive();
    let span = figure_span(&a, &id, "killed");
    let mut corrected =
        serde_json::to_value(a.record(&id).unwrap().unwrap().figures.iter().find(|f| f.span == span).unwrap().clone())
            .unwrap();
    corrected["quantity"]["value"] = json!(14.0);
    corrected["quantity"]["low"] = json!(14.0);
    corrected["quantity"]["high"] = json!(14.0);
    a.review(&input(&id, "figure", span, "correct", Some(corrected))).unwrap();

    // The machine's record is untouched; the reviewed one has the analyst's value.
    let machine = a.record(&id).unwrap().unwrap();
    assert_eq!(machine.figures.iter().find(|f| f.span == span).unwrap().quantity.value, 12.0);
    let reviewed = a.reviewed_record(&id).unwrap().unwrap();
    assert_eq!(reviewed.figures.iter().find(|f| f.span == span).unwrap().quantity.value, 14.0);
    let facts = a.facts(&id).unwrap();
    let f = facts.iter().find(|f| f.kind == "figure" && f.span == span).unwrap();
    assert_eq!(f.status, "corrected");

    // A new extractor's record keeps the correction.
    let mut again = machine.clone();
    again.extractor = "sitrep 9.9.9 rules 99".into();
    a.put_record(&id, &again).unwrap();
    let reviewed = a.reviewed_record(&id).unwrap().unwrap();
    assert_eq!(reviewed.extractor, "sitrep 9.9.9 rules 99");
    assert_eq!(reviewed.figures.iter().find(|f| f.span == span).unwrap().quantity.value, 14.0);

    // Linking uses the reviewed state, down to the toll of the event the
    // figure belongs to, which every export reads.
    let inputs = a.link_inputs().unwrap();
    assert_eq!(inputs[0].record.figures.iter().find(|f| f.span == span).unwrap().quantity.value, 14.0);
    let linked = sitrep_pipeline::linked::linked(&a, &Default::default()).unwrap();
    let shelling = linked.events.iter().find(|e| e.kind == "shelling").expect("the shelling event");
    assert_eq!(shelling.killed.as_ref().map(|k| k.best), Some(14.0));
    // Rejecting the figure takes the toll away.
    a.review(&input(&id, "figure", span, "reject", None)).unwrap();
    let linked = sitrep_pipeline::linked::linked(&a, &Default::default()).unwrap();
    assert!(linked.events.iter().find(|e| e.kind == "shelling").unwrap().killed.is_none());
}

#[test]
fn reject_add_and_confirm() {
    let (mut a, id) = archive();
    let trapped = figure_span(&a, &id, "trapped");
    a.review(&input(&id, "figure", trapped, "reject", None)).unwrap();
    assert!(a.reviewed_record(&id).unwrap().unwrap().figures.iter().all(|f| f.span != trapped));
    // Changing one's mind: the newest review decides.
    a.review(&input(&id, "figure", trapped, "confirm", None)).unwrap_err();
    let place = a.record(&id).unwrap().unwrap().places[0].span;
    a.review(&input(&id, "place", place, "confirm", None)).unwrap();
    assert_eq!(
        a.facts(&id).unwrap().iter().find(|f| f.kind == "place" && f.span == place).unwrap().status,
        "confirmed"
    );

    let start = TEXT.chars().collect::<String>().find("rescuers").unwrap();
    let span = [start, start + "rescuers".len()];
    let actor = json!({"text": "rescuers", "id": "generic-rescuers", "name": "Rescuers", "kind": "civilians"});
    a.review(&input(&id, "actor", span, "add", Some(actor))).unwrap();
    let r = a.reviewed_record(&id).unwrap().unwrap();
    assert!(r.actors.iter().any(|x| x.span == span && x.id == "generic-rescuers"));
    assert_eq!(a.facts(&id).unwrap().iter().find(|f| f.span == span).unwrap().status, "added");
}

#[test]
fn bad_reviews_are_refused_with_a_reason() {
    let (mut a, id) = archive();
    let span = figure_span(&a, &id, "killed");
    let e = a.review(&input(&id, "figure", span, "correct", Some(json!({"quantity": "lots"})))).unwrap_err();
    assert!(e.to_string().contains("not a figure"), "{e}");
    let e = a.review(&input(&id, "figure", [5, 1_000_000], "reject", None)).unwrap_err();
    assert!(e.to_string().contains("not inside"), "{e}");
    let e = a.review(&input(&id, "rumour", span, "reject", None)).unwrap_err();
    assert!(e.to_string().contains("not a kind of fact"), "{e}");
    let e = a.review(&input(&id, "figure", span, "approve", None)).unwrap_err();
    assert!(e.to_string().contains("not a review action"), "{e}");
    let e = a.review(&input(&id, "figure", [0, 3], "reject", None)).unwrap_err();
    assert!(e.to_string().contains("there is no figure"), "{e}");
    assert!(a.audit().unwrap().is_empty(), "refused reviews leave no trace");
}

#[test]
fn the_audit_log_is_chained_and_tampering_shows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    let id = {
        let mut a = Archive::open(&path).unwrap();
        let d = doc("a.txt", TEXT);
        a.add(&d, Some(&sitrep_annotate::extract(&d, &Default::default()))).unwrap();
        let id = sitrep_record::DocId::of(TEXT.as_bytes()).into_hex();
        let span = figure_span(&a, &id, "killed");
        a.review(&input(&id, "figure", span, "confirm", None)).unwrap();
        a.review(&input(&id, "figure", span, "reject", None)).unwrap();
        a.merge_events("ev-aaaaaaaaaaaa", "ev-bbbbbbbbbbbb", "analyst").unwrap();
        let log = a.audit().unwrap();
        assert_eq!(log.len(), 3);
        assert_eq!(log[1].prev, log[0].hash);
        assert_eq!(log[1].action, "reject");
        assert!(log[1].before.is_some() && log[1].after.is_none());
        assert!(a.verify(&mut |_, _| {}).unwrap().ok());
        id
    };
    let conn = rusqlite::Connection::open(&path).unwrap();
    // Append-only: SQLite itself refuses edits through the archive's schema.
    let e = conn.execute("UPDATE audit SET who = 'someone else' WHERE seq = 2", []).unwrap_err();
    assert!(e.to_string().contains("append-only"), "{e}");
    assert!(conn.execute("DELETE FROM audit WHERE seq = 1", []).is_err());
    // Someone who drops the guard and edits an entry is caught by the chain.
    conn.execute_batch("DROP TRIGGER audit_no_update; UPDATE audit SET who = 'someone else' WHERE seq = 2;").unwrap();
    drop(conn);
    let a = Archive::open(&path).unwrap();
    let report = a.verify(&mut |_, _| {}).unwrap();
    assert!(!report.ok());
    assert!(report.audit.iter().any(|p| p.contains("entry 2 was changed")), "{:?}", report.audit);
    let _ = id;
}

#[test]
fn merges_and_splits_reach_linking() {
    let (mut a, _) = archive();
    a.merge_events("ev-1", "ev-2", "analyst").unwrap();
    a.split_event("ev-3", "abcdef", [4, 9], "analyst").unwrap();
    let o = a.link_overrides().unwrap();
    assert_eq!(o.merges, vec![["ev-1".to_string(), "ev-2".to_string()]]);
    assert_eq!(o.splits, vec![("sha256:abcdef".to_string(), [4, 9])]);
}
