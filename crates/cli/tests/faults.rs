//! Crashes and hostile inputs: what is stored stays whole, what is refused
//! is refused in bounded memory with the limit named.

mod common;

use common::*;
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

fn page(i: usize) -> String {
    format!(
        "<html><head><title>Dispatch {i}</title></head><body><article>\
         <p>Dispatch number {i}: shelling was reported in district {} overnight, and residents counted {} impacts.</p>\
         <p>{}</p></article></body></html>",
        i % 17,
        i * 3 + 1,
        "Local volunteers cleared the roads and checked on neighbours after the strikes. ".repeat(8)
    )
}

/// `kill -9` in the middle of a batch: every document that was reported
/// added is whole (text, provenance, search entry, bytes), `verify` passes,
/// and running the batch again completes it.
#[test]
fn kill_9_mid_batch_leaves_every_added_document_whole() {
    let s = Scratch::new();
    let total = 600;
    for i in 0..total {
        s.write(&format!("in/{i:04}.html"), page(i));
    }
    let mut child = s
        .cmd()
        .args(["add", "--verbose"])
        .arg(s.path("in"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut seen = 0;
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    while seen < 40 {
        let line = lines.next().expect("the batch reports progress").unwrap();
        if line.starts_with("added") {
            seen += 1;
        }
    }
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    assert!(!status.success(), "the batch was killed before it finished");

    let r = s.run(&["verify"]);
    assert_eq!(r.code(), 0, "verify passes after the crash: {} {}", r.stdout(), r.stderr());
    let list = s.json(&["list", "--json"]);
    let stored = list.as_array().unwrap().len();
    assert!(stored >= seen && stored < total, "{stored} stored, {seen} reported before the kill");
    for d in list.as_array().unwrap() {
        let doc = s.json(&["show", d["id"].as_str().unwrap(), "--json"]);
        assert!(doc["text"].as_str().unwrap().contains("shelling was reported"), "{doc:#}");
        assert_eq!(doc["provenance"].as_array().unwrap().len(), 1);
    }
    // Every stored document is in the search index, none more.
    let hits = s.json(&["search", "volunteers", "--limit", "10000", "--json"]);
    assert_eq!(hits.as_array().unwrap().len(), stored);

    // Running the batch again adds the rest and only the rest.
    let v = s.json(&["add", "--json", s.path("in").to_str().unwrap()]);
    assert_eq!(v["added"].as_u64().unwrap() as usize, total - stored);
    assert_eq!(v["present"].as_u64().unwrap() as usize, stored);
    assert_eq!(s.json(&["list", "--json"]).as_array().unwrap().len(), total);
    assert_eq!(s.run(&["verify"]).code(), 0);
}

/// Runs sitrep with its address space capped, so a test fails if a
/// hostile input makes it allocate without bound.
fn capped(s: &Scratch, args: &[&str]) -> Run {
    const CAP_KIB: u64 = 1536 * 1024;
    let script = format!("ulimit -v {CAP_KIB} && exec \"$@\"");
    let out = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg("sh")
        .arg(BIN)
        .arg("--archive")
        .arg(s.archive())
        .args(args)
        .env_remove("SITREP_ARCHIVE")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    Run(out)
}

fn add_json(r: &Run) -> Value {
    serde_json::from_str(&r.stdout()).unwrap_or_else(|e| panic!("{e}: {} {}", r.stdout(), r.stderr()))
}

#[test]
fn a_200_mb_page_is_refused_before_it_is_read() {
    let s = Scratch::new();
    let big = s.path("huge.html");
    // Sparse: 200 MB on paper, nothing on disk.
    std::fs::File::create(&big).unwrap().set_len(200 << 20).unwrap();
    s.write("ok.txt", "Small report\n\nTwo houses were damaged in the afternoon.");
    let r = capped(&s, &["add", "--json", s.dir.path().to_str().unwrap()]);
    assert_eq!(r.code(), 1);
    let v = add_json(&r);
    assert_eq!((v["added"].as_u64(), v["failed"].as_u64()), (Some(1), Some(1)));
    assert!(
        r.stderr()
            .contains("huge.html: file is 200 MiB, over the limit of 64 MiB (raise it with --max-document-bytes)"),
        "{}",
        r.stderr()
    );
    // The limit is configurable.
    let r = capped(&s, &["add", "--json", "--max-document-bytes", "1k", s.path("ok.txt").to_str().unwrap()]);
    assert_eq!(add_json(&r)["present"].as_u64(), Some(1), "a small file passes a small limit");
}

#[test]
fn a_50_mb_jsonl_line_is_skipped_and_the_feed_goes_on() {
    let s = Scratch::new();
    let mut feed = String::new();
    feed.push_str(r#"{"text":"First line: a convoy was turned back at the checkpoint."}"#);
    feed.push('\n');
    feed.push_str(r#"{"text":""#);
    feed.push_str(&"x".repeat(50 << 20));
    feed.push_str("\"}\n");
    feed.push_str(r#"{"text":"Third line: the crossing reopened in the evening."}"#);
    feed.push('\n');
    s.write("feed.jsonl", feed);
    let r = capped(&s, &["add", "--json", s.path("feed.jsonl").to_str().unwrap()]);
    assert_eq!(r.code(), 1);
    let v = add_json(&r);
    assert_eq!((v["added"].as_u64(), v["failed"].as_u64()), (Some(2), Some(1)), "{v:#}");
    assert!(
        r.stderr()
            .contains("feed.jsonl line 2: line is 50.0 MiB, over the limit of 16 MiB (raise it with --max-line-bytes)"),
        "{}",
        r.stderr()
    );
}

#[test]
fn deeply_nested_html_is_refused_quickly() {
    let s = Scratch::new();
    let depth = 200_000;
    s.write(
        "deep.html",
        format!("<html><body>{}deep{}</body></html>", "<div><span>".repeat(depth), "</span></div>".repeat(depth)),
    );
    s.write("fine.html", "<html><body><p>An ordinary page about a water shortage in the old town.</p></body></html>");
    let r = capped(&s, &["add", "--json", s.dir.path().to_str().unwrap()]);
    let v = add_json(&r);
    assert_eq!((v["added"].as_u64(), v["failed"].as_u64()), (Some(1), Some(1)), "{v:#}");
    assert!(
        r.stderr().contains("deep.html: HTML nested deeper than 512 elements (raise it with --max-html-depth)"),
        "{}",
        r.stderr()
    );
}

#[test]
fn a_gzip_bomb_in_a_warc_is_stopped_at_the_limit() {
    let s = Scratch::new();
    // One record claiming 1 GiB of zeros: about a megabyte compressed.
    let size: usize = 1 << 30;
    let header = format!(
        "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: https://bomb.example/zeros.txt\r\n\
         WARC-Date: 2020-01-01T00:00:00Z\r\nContent-Type: text/plain\r\nContent-Length: {size}\r\n\r\n"
    );
    let gz = {
        use flate2::{write::GzEncoder, Compression};
        use std::io::Write;
        let mut e = GzEncoder::new(Vec::new(), Compression::fast());
        e.write_all(header.as_bytes()).unwrap();
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..(size >> 20) {
            e.write_all(&zeros).unwrap();
        }
        e.write_all(b"\r\n\r\n").unwrap();
        e.finish().unwrap()
    };
    let mut good = warc_record(
        "resource",
        "https://ok.example/a.txt",
        "2020-01-01T00:00:00Z",
        "text/plain",
        b"Power was cut to the hospital district for six hours.",
    );
    good = gzip_members(&[good]);
    let mut bytes = good.clone();
    bytes.extend(gz);
    s.write("bomb.warc.gz", bytes);

    // The default limits: the record is too large to keep, so it is passed
    // over unread into memory; the document before it is added.
    let r = capped(&s, &["add", "--json", s.path("bomb.warc.gz").to_str().unwrap()]);
    let v = add_json(&r);
    assert_eq!((v["added"].as_u64(), v["failed"].as_u64()), (Some(1), Some(1)), "{v:#}");
    assert!(r.stderr().contains("record https://bomb.example/zeros.txt: record is 1 GiB, over the limit of 64 MiB (raise it with --max-document-bytes)"), "{}", r.stderr());

    // A tighter decompression cap stops the stream itself.
    let r =
        capped(&s, &["add", "--json", "--max-decompressed-bytes", "100M", s.path("bomb.warc.gz").to_str().unwrap()]);
    let v = add_json(&r);
    assert_eq!((v["present"].as_u64(), v["failed"].as_u64()), (Some(1), Some(1)), "{v:#}");
    assert!(r.stderr().contains("--max-decompressed-bytes"), "{}", r.stderr());
    assert_eq!(s.run(&["verify"]).code(), 0);
}

#[test]
fn a_malformed_pdf_is_an_error_not_a_crash() {
    let s = Scratch::new();
    let mut pdf = pdf(&[&["A real first page."]]);
    pdf.truncate(pdf.len() / 2);
    s.write("cut.pdf", pdf);
    s.write(
        "junk.pdf",
        b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
    );
    let r = s.run(&["add", "--json", s.dir.path().to_str().unwrap()]);
    assert_eq!(r.code(), 1, "{}", r.stderr());
    let v = add_json(&r);
    assert_eq!(v["failed"].as_u64(), Some(2), "{v:#}");
    assert!(!r.stderr().contains("panicked"), "{}", r.stderr());
    for line in r.stderr().lines().filter(|l| l.starts_with("sitrep:")) {
        assert!(line.contains(".pdf: "), "each failure names its file: {line}");
    }
}

/// An archive that cannot be written stops the batch with exit 3, once,
/// instead of failing every document in turn.
#[test]
fn a_locked_archive_stops_the_batch_with_exit_3() {
    let s = Scratch::new();
    s.write("a.txt", "First report\n\nThe bridge was closed on Monday, residents said.");
    assert_eq!(s.run(&["add", s.path("a.txt").to_str().unwrap()]).code(), 0);
    s.write("in/b.txt", "Second report\n\nWater was cut to the northern districts.");
    s.write("in/c.txt", "Third report\n\nThe market reopened after two weeks.");
    let conn = rusqlite::Connection::open(s.archive()).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    let r = s.run(&["add", s.path("in").to_str().unwrap()]);
    assert_eq!(r.code(), 3, "{}", r.stderr());
    assert!(r.stderr().contains("locked"), "{}", r.stderr());
    assert_eq!(
        r.stderr().lines().filter(|l| l.starts_with("sitrep:")).count(),
        1,
        "one error, not one per file: {}",
        r.stderr()
    );
    conn.execute_batch("ROLLBACK").unwrap();
    assert_eq!(s.run(&["verify"]).code(), 0);
}
