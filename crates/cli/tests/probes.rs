//! The probes of issue 18, one test each: what a hostile or careless input
//! did, and what it does now.

mod common;

use common::Scratch;
use std::io::{BufRead, BufReader};
use std::process::Stdio;

#[test]
fn a_malformed_search_query_is_bad_usage() {
    let s = Scratch::new();
    s.write("a.txt", "Shelling killed 12 people in the Shaar district of Aleppo, rescuers said.");
    assert_eq!(s.run(&["add", s.path("a.txt").to_str().unwrap()]).code(), 0);
    let many = vec!["a*"; 3000].join(" OR ");
    let r = s.run(&["search", &many]);
    assert_eq!(r.code(), 2, "bad usage, not a broken archive: {}", r.stderr());
    assert!(r.stderr().contains("cannot search for that"), "{}", r.stderr());
    let r = s.run(&["search", &vec!["a*"; 65].join(" OR ")]);
    assert_eq!(r.code(), 2);
    assert!(r.stderr().contains("more than 64 terms"), "{}", r.stderr());
    // As many terms as it takes, flat: FTS5 runs it.
    let r = s.run(&["search", &vec!["shel*"; 64].join(" OR ")]);
    assert_eq!(r.code(), 0, "{}", r.stderr());
    let excluded: Vec<String> = (0..60).map(|i| format!("-nothing{i}")).collect();
    let r = s.run(&["search", &format!("aleppo {}", excluded.join(" "))]);
    assert_eq!(r.code(), 0, "many exclusions are one NOT: {}", r.stderr());
}

#[test]
fn serve_takes_localhost() {
    let s = Scratch::new();
    s.write("a.txt", "Shelling killed 12 people in the Shaar district of Aleppo, rescuers said.");
    assert_eq!(s.run(&["add", s.path("a.txt").to_str().unwrap()]).code(), 0);
    let mut child =
        s.cmd().args(["serve", "--host", "localhost", "--port", "0"]).stdout(Stdio::piped()).spawn().unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(line.contains("at http://127.0.0.1:"), "{line}");
    let r = s.run(&["serve", "--host", "evil.example", "--port", "0"]);
    assert_eq!(r.code(), 2);
    assert!(r.stderr().contains("or localhost"), "{}", r.stderr());
}

#[test]
fn inputs_that_yield_nothing_are_named() {
    let s = Scratch::new();
    // A WARC whose one record is a payload that is not a page.
    let payload: Vec<u8> = (0..2000u32).map(|i| (i.wrapping_mul(2654435761) >> 11) as u8).collect();
    let mut w = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/blob\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        payload.len() + 59
    )
    .into_bytes();
    w.extend_from_slice(b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n\r\n");
    w.extend_from_slice(&payload);
    w.extend_from_slice(b"\r\n\r\n");
    let warc = s.write("random.warc", &w);
    std::fs::create_dir_all(s.path("empty")).unwrap();
    let r = s.run_paths(&["add"], &[&warc, &s.path("empty")]);
    assert_eq!(r.code(), 1, "{}", r.stderr());
    assert!(r.stderr().contains("random.warc: nothing to add: none of its records"), "{}", r.stderr());
    assert!(r.stderr().contains("empty: nothing to add: the folder holds no files"), "{}", r.stderr());
    assert!(r.stderr().contains("added 0, already present 0, failed 2"), "{}", r.stderr());
}

#[test]
fn a_bogus_chunk_size_leaves_no_framing_in_the_text() {
    let s = Scratch::new();
    let http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n\
                 zz9\r\n<html><body><p>Eleven people were hurt in the market, medics said.</p></body></html>\r\n0\r\n\r\n";
    let mut w = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/a\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    w.extend_from_slice(http);
    w.extend_from_slice(b"\r\n\r\n");
    let warc = s.write("chunked.warc", &w);
    let r = s.run_paths(&["add"], &[&warc]);
    assert_eq!(r.code(), 1);
    assert!(r.stderr().contains("record http://example.org/a: not a valid WARC file"), "{}", r.stderr());
    assert!(r.stderr().contains("chunked transfer coding is broken"), "{}", r.stderr());
    let list = s.json(&["list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 0, "nothing with zz9 in its text was stored");
}

#[test]
fn list_isolates_a_right_to_left_override_in_a_title() {
    let s = Scratch::new();
    let title = "Report\u{202E}gnippart 00001";
    s.write("a.html", format!("<html><head><title>{title}</title></head><body><p>Shelling killed 12 people in the Shaar district, rescuers said.</p></body></html>"));
    assert_eq!(s.run(&["add", s.path("a.html").to_str().unwrap()]).code(), 0);
    let out = s.run(&["list"]).stdout();
    let line = out.lines().find(|l| l.contains("gnippart")).expect("the title is listed");
    assert!(line.contains(&format!("\u{2068}{title}\u{2069}")), "{line:?}");
}
