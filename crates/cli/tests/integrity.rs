//! Evidence that cannot be changed unseen: each thing an analyst reads is
//! edited with SQLite directly, behind sitrep's back, and `sitrep verify`
//! must fail and name what changed; `--expect` with the head written down
//! before must fail too; the unchanged archive passes both.

mod common;

use common::Scratch;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use sitrep_store::review::ReviewInput;
use sitrep_store::Archive;

const EN: &str = "Aleppo, 3 December 2016. About 100,000 people are trapped in eastern Aleppo, \
    according to the UN. Shelling killed 12 people in the Shaar district on Saturday, rescuers said.";
const AR: &str = "حلب، 4 كانون الأول 2016. قال الدفاع المدني إن غارات جوية قتلت سبعة مدنيين في حي الشعار اليوم.";

/// An archive with two documents, their records, a correction, a
/// confirmation, a merge of events, and a kept linked result; its head.
fn fixture(s: &Scratch) -> (String, String) {
    s.write("in/en.txt", EN);
    s.write("in/ar.txt", AR);
    let r = s.run(&["add", s.path("in").to_str().unwrap()]);
    assert_eq!(r.code(), 0, "{}", r.stderr());
    let id = sitrep_record::DocId::of(EN.as_bytes()).into_hex();
    {
        let mut a = Archive::open(&s.archive()).unwrap();
        let record = a.record(&id).unwrap().unwrap();
        let killed = record.figures.iter().find(|f| f.category == "killed").expect("a killed figure");
        let trapped = record.figures.iter().find(|f| f.category == "trapped").expect("a trapped figure");
        let mut corrected = serde_json::to_value(killed).unwrap();
        for k in ["value", "low", "high"] {
            corrected["quantity"][k] = json!(14.0);
        }
        let review = |span, action: &str, value| ReviewInput {
            doc: id.clone(),
            kind: "figure".into(),
            span,
            action: action.into(),
            value,
            who: "rana".into(),
            note: None,
        };
        a.review(&review(killed.span, "correct", Some(corrected))).unwrap();
        a.review(&review(trapped.span, "confirm", None)).unwrap();
        a.merge_events("ev-aaaaaaaaaaaa", "ev-bbbbbbbbbbbb", "rana").unwrap();
    }
    // Keeps the linked result in the archive.
    assert_eq!(s.run(&["export", "--format", "csv", "-o", s.path("events.csv").to_str().unwrap()]).code(), 0);
    let kept: i64 = sql(s).query_row("SELECT count(*) FROM link_cache", [], |r| r.get(0)).unwrap();
    assert_eq!(kept, 1, "the export kept its linked result");
    let r = s.run(&["verify"]);
    assert_eq!(r.code(), 0, "the archive as sitrep wrote it verifies: {}", r.stdout());
    (id, head_of(&r.stdout()))
}

fn head_of(stdout: &str) -> String {
    let last = stdout.lines().last().unwrap_or("");
    let head = last.strip_prefix("head ").unwrap_or_else(|| panic!("verify ends with the head: {stdout}"));
    assert_eq!(head.len(), 64);
    head.to_string()
}

fn sql(s: &Scratch) -> rusqlite::Connection {
    rusqlite::Connection::open(s.archive()).unwrap()
}

fn sha256_hex(parts: &[&[u8]]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The audit chain made again over the rows as they now are, as someone
/// who read sitrep's source would: each entry's hash over the one before
/// and its fields.
fn rechain(conn: &rusqlite::Connection) {
    let rows: Vec<(i64, Vec<String>)> = conn
        .prepare("SELECT seq, at, who, action, target, ifnull(before, ''), ifnull(after, '') FROM audit ORDER BY seq")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, (1..7).map(|i| r.get(i)).collect::<rusqlite::Result<Vec<String>>>()?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut prev = String::new();
    for (seq, fields) in rows {
        let mut parts: Vec<Vec<u8>> = Vec::new();
        for f in std::iter::once(&prev).chain(fields.iter()) {
            parts.push(f.as_bytes().to_vec());
            parts.push(vec![0x1f]);
        }
        let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
        let hash = sha256_hex(&refs);
        conn.execute("UPDATE audit SET prev = ?1, hash = ?2 WHERE seq = ?3", rusqlite::params![prev, hash, seq])
            .unwrap();
        prev = hash;
    }
}

/// Runs `verify` on a copy of the fixture after `edit`: it must fail
/// naming `expect`, and `--expect HEAD` must fail too.
fn edited(name: &str, expect: &[&str], edit: impl FnOnce(&rusqlite::Connection, &str)) {
    edited_as(name, expect, true, edit)
}

/// [`edited`]; `evidence` says whether what was edited is under the head
/// (the search index and the kept result are made from the evidence, and
/// `verify` checks them against it, but they are not in the head, or
/// reading would change it).
fn edited_as(name: &str, expect: &[&str], evidence: bool, edit: impl FnOnce(&rusqlite::Connection, &str)) {
    let s = Scratch::new();
    let (id, head) = fixture(&s);
    {
        let conn = sql(&s);
        edit(&conn, &id);
    }
    let r = s.run(&["verify"]);
    assert_eq!(r.code(), 1, "{name}: verify fails\n{}", r.stdout());
    for e in expect {
        assert!(r.stdout().contains(e), "{name}: verify says {e:?}:\n{}", r.stdout());
    }
    assert_eq!(head_of(&r.stdout()) != head, evidence, "{name}: the head changed");
    let r = s.run(&["verify", "--expect", &head]);
    assert_eq!(r.code(), 1, "{name}: --expect fails\n{}", r.stdout());
    if evidence {
        assert!(r.stdout().contains("the head is not the one expected"), "{name}: {}", r.stdout());
    }
}

#[test]
fn the_unchanged_archive_verifies_and_has_the_head_it_had() {
    let s = Scratch::new();
    let (_, head) = fixture(&s);
    // Reading, exporting and asking for the timeline change nothing.
    assert_eq!(s.run(&["timeline"]).code(), 0);
    assert_eq!(s.run(&["report", "-o", s.path("r.html").to_str().unwrap()]).code(), 0);
    let r = s.run(&["verify", "--expect", &head]);
    assert_eq!(r.code(), 0, "{}", r.stdout());
    assert!(r.stdout().contains("the head is the one expected"), "{}", r.stdout());
    assert_eq!(head_of(&r.stdout()), head);
    let r = s.run(&["verify", "--deep", "--expect", &format!("head {head}")]);
    assert_eq!(r.code(), 0, "{}", r.stdout());
    assert!(r.stdout().contains("2 texts and 2 records made again"), "{}", r.stdout());
    let v = s.json(&["verify", "--json", "--expect", &head]);
    assert_eq!(v["head"], json!(head));
    assert_eq!(v["expected"]["matches"], json!(true));
    assert_eq!(v["ok"], json!(true));
    // Adding anything changes the head.
    s.write("more.txt", "Rescuers said two more bodies were found under the rubble on Sunday.");
    assert_eq!(s.run(&["add", s.path("more.txt").to_str().unwrap()]).code(), 0);
    let r = s.run(&["verify", "--expect", &head]);
    assert_eq!(r.code(), 1, "{}", r.stdout());
    assert!(s.run(&["verify", "--expect", "abc"]).stderr().contains("is not a head"));
}

#[test]
fn an_edited_text_shows() {
    edited("text", &["the text of document"], |c, id| {
        c.execute("UPDATE documents SET text = replace(text, 'killed 12', 'killed 90') WHERE id = ?1", [id]).unwrap();
    });
}

#[test]
fn an_edited_text_with_its_seal_made_again_shows_under_deep() {
    let s = Scratch::new();
    let (id, head) = fixture(&s);
    {
        let c = sql(&s);
        c.execute("UPDATE documents SET text = replace(text, 'killed 12', 'killed 90') WHERE id = ?1", [&id]).unwrap();
        // Whoever also forges the seal and the search entry passes the
        // seals, but not the raw bytes nor the head.
        let (text, paragraphs, pages): (String, String, Option<String>) = c
            .query_row("SELECT text, paragraphs, pages FROM documents WHERE id = ?1", [&id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap();
        let seal = forged_seal(
            "text",
            &id,
            &[V::Text(&text), V::Text(&paragraphs), pages.as_deref().map_or(V::Null, V::Text)],
        );
        c.execute("UPDATE seals SET digest = ?1 WHERE what = 'text' AND key = ?2", [&seal, &id]).unwrap();
        let body = sitrep_text::fold::fold_for_search(&text).text;
        c.execute(
            "UPDATE search SET body = ?1 WHERE rowid = (SELECT rowid FROM documents WHERE id = ?2)",
            [&body, &id],
        )
        .unwrap();
    }
    let r = s.run(&["verify"]);
    assert_eq!(r.code(), 0, "the seals alone cannot tell: {}", r.stdout());
    assert_ne!(head_of(&r.stdout()), head);
    let r = s.run(&["verify", "--deep"]);
    assert_eq!(r.code(), 1, "{}", r.stdout());
    assert!(r.stdout().contains("is not the text its raw bytes give"), "{}", r.stdout());
    assert!(r.stdout().contains("killed 90"), "the difference is shown: {}", r.stdout());
    assert_eq!(s.run(&["verify", "--expect", &head]).code(), 1);
}

#[test]
fn edited_metadata_shows() {
    edited("metadata", &["the metadata of document"], |c, id| {
        c.execute("UPDATE documents SET published = '2016-12-30' WHERE id = ?1", [id]).unwrap();
    });
}

#[test]
fn an_edited_relay_or_forged_copy_mark_shows() {
    // Who a post relays and which story a document copies decide whose
    // claim a figure is: both are evidence under the head.
    edited("relay", &["the details (relay, OCR) of document"], |c, id| {
        c.execute("UPDATE documents SET relayed_from = 'a channel it never named' WHERE id = ?1", [id]).unwrap();
    });
    edited("copy mark", &["copy mark"], |c, id| {
        c.execute(
            "INSERT INTO copies (doc, of, percent) SELECT d.rowid, o.rowid, 97 FROM documents d, documents o
             WHERE d.id = ?1 AND o.id != ?1 LIMIT 1",
            [id],
        )
        .unwrap();
    });
}

#[test]
fn edited_provenance_shows() {
    edited("provenance", &["provenance row"], |c, _| {
        c.execute("UPDATE provenance SET location = '/somewhere/else.txt' WHERE rowid = 1", []).unwrap();
    });
}

#[test]
fn an_edited_record_shows() {
    edited("record", &["the record (document, extractor)"], |c, id| {
        let n = c
            .execute(
                "UPDATE records SET record = json_set(record, '$.figures[0].quantity.value', 90)
                 WHERE doc = (SELECT rowid FROM documents WHERE id = ?1)",
                [id],
            )
            .unwrap();
        assert_eq!(n, 1);
    });
}

#[test]
fn an_edited_review_value_shows() {
    edited("review value", &["review 1", "disagrees with its audit entry 1 on its value"], |c, _| {
        c.execute("UPDATE reviews SET value = json_set(value, '$.quantity.value', 90) WHERE rowid = 1", []).unwrap();
    });
}

#[test]
fn a_deleted_review_shows() {
    edited("review deleted", &["audit entry 2", "no review holds: the review was deleted"], |c, _| {
        c.execute("DELETE FROM reviews WHERE rowid = 2", []).unwrap();
    });
}

#[test]
fn a_forged_review_shows() {
    edited("review forged", &["review 4", "names no audit entry"], |c, id| {
        c.execute(
            "INSERT INTO reviews (doc, kind, span_start, span_end, action, value, who, at)
             VALUES (?1, 'figure', 0, 6, 'reject', NULL, 'rana', '2016-12-14T10:00:00Z')",
            [id],
        )
        .unwrap();
    });
}

#[test]
fn a_cut_audit_tail_shows() {
    edited("audit tail cut", &["review 3", "names audit entry 3, which is not in the audit log"], |c, _| {
        c.execute_batch("PRAGMA foreign_keys = OFF; DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 3;")
            .unwrap();
    });
}

#[test]
fn a_rewritten_and_rechained_audit_log_shows() {
    edited(
        "audit rewritten and re-chained",
        &["review 1", "disagrees with its audit entry 1 on its who", "audit entry 1: does not match its seal"],
        |c, _| {
            c.execute_batch("DROP TRIGGER audit_no_update; UPDATE audit SET who = 'someone else' WHERE seq = 1;")
                .unwrap();
            rechain(c);
        },
    );
    // The chain itself is whole: only the seals and the reviews tell.
    let s = Scratch::new();
    fixture(&s);
    let c = sql(&s);
    c.execute_batch("DROP TRIGGER audit_no_update; UPDATE audit SET who = 'someone else' WHERE seq = 1;").unwrap();
    rechain(&c);
    drop(c);
    let r = s.run(&["verify", "--json"]);
    assert_eq!(r.code(), 1);
    let v: Value = serde_json::from_str(&r.stdout()).unwrap();
    assert_eq!(v["audit"], json!([]), "the re-made chain holds together");
}

#[test]
fn a_removed_document_shows() {
    edited("document removed", &["document", "was removed"], |c, id| {
        c.execute_batch(&format!(
            "DELETE FROM search WHERE rowid = (SELECT rowid FROM documents WHERE id = '{id}');
             DELETE FROM blobs WHERE doc = (SELECT rowid FROM documents WHERE id = '{id}');
             DELETE FROM provenance WHERE doc = (SELECT rowid FROM documents WHERE id = '{id}');
             DELETE FROM records WHERE doc = (SELECT rowid FROM documents WHERE id = '{id}');
             DELETE FROM reviews WHERE doc = '{id}';
             DELETE FROM copies WHERE doc = (SELECT rowid FROM documents WHERE id = '{id}')
                 OR of = (SELECT rowid FROM documents WHERE id = '{id}');
             DELETE FROM signatures WHERE doc = (SELECT rowid FROM documents WHERE id = '{id}');
             DELETE FROM documents WHERE id = '{id}';"
        ))
        .unwrap();
    });
}

#[test]
fn an_edited_search_index_shows() {
    edited_as(
        "search index",
        &["the search entry of document", "is not the document's title and text"],
        false,
        |c, id| {
            c.execute(
            "UPDATE search SET body = body || ' massacre' WHERE rowid = (SELECT rowid FROM documents WHERE id = ?1)",
            [id],
        )
        .unwrap();
        },
    );
}

/// A value as a seal covers it.
enum V<'a> {
    Null,
    Int(i64),
    Text(&'a str),
    Blob(&'a [u8]),
}

/// A seal as sitrep computes it, made again by someone who read the
/// source (`store/src/integrity.rs`): the name, the key, and each value
/// typed and length-prefixed.
fn forged_seal(what: &str, key: &str, values: &[V]) -> String {
    let len = |b: &[u8]| (b.len() as u64).to_be_bytes().to_vec();
    let mut parts: Vec<Vec<u8>> = vec![b"sitrep.seal/1\0".to_vec()];
    for b in [what.as_bytes(), key.as_bytes()] {
        parts.push(len(b));
        parts.push(b.to_vec());
    }
    for v in values {
        match v {
            V::Null => parts.push(vec![0]),
            V::Int(i) => parts.extend([vec![1], i.to_be_bytes().to_vec()]),
            V::Text(t) => parts.extend([vec![3], len(t.as_bytes()), t.as_bytes().to_vec()]),
            V::Blob(b) => parts.extend([vec![4], len(b), b.to_vec()]),
        }
    }
    let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    sha256_hex(&refs)
}

#[test]
fn an_overwritten_kept_result_shows_and_is_made_again() {
    let forge = |c: &rusqlite::Connection| {
        let linked: Vec<u8> = c.query_row("SELECT linked FROM link_cache", [], |r| r.get(0)).unwrap();
        let forged = String::from_utf8(linked).unwrap().replace("Shaar", "Forged Quarter");
        c.execute("UPDATE link_cache SET linked = CAST(?1 AS BLOB)", [&forged]).unwrap();
        forged
    };
    edited_as("kept result overwritten", &["the kept linked result"], false, |c, _| {
        forge(c);
    });

    // Overwritten, and its seal forged to match: the kept result is the
    // archive linked again or it is nothing.
    let s = Scratch::new();
    let (_, head) = fixture(&s);
    {
        let c = sql(&s);
        let forged = forge(&c);
        let (key, snapshot): (String, Option<i64>) =
            c.query_row("SELECT key, snapshot FROM link_cache", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        let seal = forged_seal(
            "kept result",
            "1",
            &[V::Text(&key), V::Blob(forged.as_bytes()), snapshot.map_or(V::Null, V::Int)],
        );
        let n = c.execute("UPDATE seals SET digest = ?1 WHERE what = 'kept result'", [&seal]).unwrap();
        assert_eq!(n, 1);
    }
    let r = s.run(&["verify"]);
    assert_eq!(r.code(), 1, "{}", r.stdout());
    assert!(r.stdout().contains("the kept linked result 1: is not what the archive links to"), "{}", r.stdout());
    assert!(!r.stdout().contains("does not match its seal"), "the forged seal matches: {}", r.stdout());
    // The head is over the evidence, not what reading keeps.
    assert_eq!(head_of(&r.stdout()), head);

    // A kept result whose seal does not match is never read: it is made again.
    let s = Scratch::new();
    fixture(&s);
    forge(&sql(&s));
    let r = s.run(&["export", "--format", "json"]);
    assert_eq!(r.code(), 0);
    assert!(!r.stdout().contains("Forged Quarter"), "the forged result reached the export");
    assert!(r.stdout().contains("Shaar"));
    assert_eq!(s.run(&["verify"]).code(), 0, "and the result kept again is whole");
}

#[test]
fn an_archive_made_before_seals_is_sealed_as_found() {
    let s = Scratch::new();
    let (_, _) = fixture(&s);
    // As the previous version left it: no seals, reviews without their
    // entry's number, schema 4.
    {
        let c = sql(&s);
        c.execute_batch(
            "DROP TABLE seals; DROP TABLE sealings; ALTER TABLE reviews DROP COLUMN audit;
             ALTER TABLE documents DROP COLUMN reader;
             DROP TABLE copies; DROP TABLE signatures; ALTER TABLE provenance DROP COLUMN parent;
             ALTER TABLE documents DROP COLUMN relayed_from; ALTER TABLE documents DROP COLUMN details;
             ALTER TABLE documents DROP COLUMN ocr; DROP TABLE gazetteer_places; DROP TABLE gazetteer_imports;
             PRAGMA user_version = 4;",
        )
        .unwrap();
    }
    let r = s.run(&["verify"]);
    assert_eq!(r.code(), 0, "an upgraded archive verifies: {}", r.stdout());
    assert!(r.stdout().contains("were sealed as found on"), "{}", r.stdout());
    // Their texts and records are still held to their raw bytes.
    let r = s.run(&["verify", "--deep"]);
    assert_eq!(r.code(), 0, "{}", r.stdout());
    assert!(r.stdout().contains("2 texts and 2 records made again"), "{}", r.stdout());
    sql(&s).execute("UPDATE documents SET text = replace(text, 'killed 12', 'killed 90')", []).unwrap();
    let r = s.run(&["verify", "--deep"]);
    assert!(r.stdout().contains("before readers were numbered"), "{}", r.stdout());
    sql(&s).execute("UPDATE documents SET text = replace(text, 'killed 90', 'killed 12')", []).unwrap();
    let c = sql(&s);
    let unlinked: i64 = c.query_row("SELECT count(*) FROM reviews WHERE audit IS NULL", [], |r| r.get(0)).unwrap();
    assert_eq!(unlinked, 0, "each review found the entry written with it");
    let v: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert!(v >= 6);
    drop(c);
    // From then on, edits show as they do in a new archive.
    sql(&s).execute("UPDATE documents SET title = 'Forged' WHERE rowid = 1", []).unwrap();
    assert_eq!(s.run(&["verify"]).code(), 1);
}

#[test]
fn deep_holds_a_text_only_to_the_readers_that_made_it() {
    let s = Scratch::new();
    let (id, _) = fixture(&s);
    // As if an earlier sitrep's readers had read it, and read it otherwise.
    sql(&s)
        .execute(
            "UPDATE documents SET reader = 'sitrep 0.0.9 reader 0', text = replace(text, 'killed 12', 'killed 90')
             WHERE id = ?1",
            [&id],
        )
        .unwrap();
    let r = s.run(&["verify", "--deep"]);
    assert!(
        r.stdout().contains(&format!("not compared  document {id}: its text was read by sitrep 0.0.9 reader 0")),
        "{}",
        r.stdout()
    );
    assert!(!r.stdout().contains("is not the text its raw bytes give"), "not called a change: {}", r.stdout());
    // The seals still tell that the row changed behind sitrep's back.
    assert!(r.stdout().contains("the text of document"), "{}", r.stdout());
}
