//! `sitrep extract --format jsonl -` as a stream worker: a coprocess or a
//! Spark worker writes a line and waits for its answer.

mod common;

use common::*;
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

#[test]
fn one_short_line_is_answered_before_the_input_ends() {
    let mut child = Command::new(BIN)
        .args(["extract", "--format", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    // The answer is read on a thread, so a worker that waits for more
    // input fails the test instead of hanging it.
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut lines = BufReader::new(stdout).lines();
        while let Some(Ok(line)) = lines.next() {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let line = serde_json::json!({"id": 7, "text": "Shelling killed 5 people in Aleppo on Monday.", "title": "Aleppo"});
    writeln!(stdin, "{line}").unwrap();
    stdin.flush().unwrap();
    let first = rx.recv_timeout(Duration::from_secs(30)).expect("the record of the first line, with stdin still open");
    let rec: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(rec["schema"], "sitrep.extract/1");
    assert_eq!(rec["input"], serde_json::json!({"line": 1, "id": 7, "title": "Aleppo"}));
    assert_eq!(rec["figures"][0]["category"], "killed");
    // A second line, still one at a time.
    writeln!(stdin, "{}", serde_json::json!({"id": "b", "text": "Twelve families fled the town."})).unwrap();
    stdin.flush().unwrap();
    let second: Value = serde_json::from_str(&rx.recv_timeout(Duration::from_secs(30)).unwrap()).unwrap();
    assert_eq!(second["input"]["id"], "b");
    drop(stdin);
    assert!(child.wait().unwrap().success());
    reader.join().unwrap();
    assert!(rx.try_recv().is_err(), "nothing more than one line per line");
}

#[test]
fn every_line_in_gives_one_line_out_naming_it() {
    let feed = [
        serde_json::json!({"id": "a", "url": "https://example.org/a", "title": "A", "text": "Six people were killed."})
            .to_string(),
        "not json at all".to_string(),
        serde_json::json!({"id": "c", "url": "https://example.org/c", "title": "no body"}).to_string(),
        serde_json::json!({"id": "d", "html": "<p>Forty families were displaced.</p>"}).to_string(),
    ]
    .join("\n");
    let out = Command::new(BIN)
        .args(["extract", "--format", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            c.stdin.take().unwrap().write_all(feed.as_bytes())?;
            c.wait_with_output()
        })
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "some lines failed");
    let lines: Vec<Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let schemas: Vec<&str> = lines.iter().map(|l| l["schema"].as_str().unwrap()).collect();
    assert_eq!(schemas, ["sitrep.extract/1", "sitrep.error/1", "sitrep.error/1", "sitrep.extract/1"]);
    assert_eq!(lines[0]["input"]["url"], "https://example.org/a");
    assert_eq!(lines[1]["label"], "(standard input) line 2");
    assert!(lines[1]["error"].as_str().unwrap().contains("not JSON"), "{}", lines[1]);
    assert_eq!(lines[1]["input"], serde_json::json!({"line": 2}));
    assert_eq!(
        lines[2]["input"],
        serde_json::json!({"line": 3, "id": "c", "url": "https://example.org/c", "title": "no body"})
    );
    assert!(lines[2]["error"].as_str().unwrap().contains("neither"), "{}", lines[2]);
    assert_eq!(lines[3]["input"]["id"], "d");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("(standard input) line 2"), "{stderr}");
}
