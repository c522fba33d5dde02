//! `sitrep add`, `list`, `show`, `search`, `raw` and `verify`, run as a
//! user runs them, on fixtures written for these tests.

mod common;

use common::*;
use serde_json::Value;

const EN_PAGE: &str = r##"<!DOCTYPE html><html lang="en"><head>
<meta charset="utf-8"><title>Clinic struck twice in one night | Field Post</title>
<meta property="og:site_name" content="Field Post">
<meta name="author" content="R. Example">
<meta property="article:published_time" content="2017-04-11T22:05:00+03:00">
</head><body>
<header><nav><a href="/">Home</a><a href="/news">News</a><a href="/opinion">Opinion</a></nav></header>
<div id="cookie-consent">We value your privacy. Accept cookies to continue.</div>
<article>
<h1>Clinic struck twice in one night</h1>
<p>A clinic on the southern edge of the town was bombed twice on Tuesday night, killing three staff, the health directorate said.</p>
<ul class="share-links"><li><a href="#">Share on Facebook</a></li><li><a href="#">Share via WhatsApp</a></li></ul>
<p>Patients were moved to a basement ward before the second strike, a nurse said by phone.</p>
<section class="related-content"><h2>More on this story</h2><a href="/x">Medical workers under fire across the region</a></section>
</article>
<div class="comments-area"><p>Commenter 1: Terrible news, my thoughts are with the families affected.</p></div>
<footer><p>Field Post 2017. All rights reserved. Contact us for syndication.</p></footer>
</body></html>"##;

const AR_PAGE: &str = r##"<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>نزوح مئات العائلات من الريف الجنوبي</title>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"نزوح مئات العائلات من الريف الجنوبي","datePublished":"2017-05-02","author":{"name":"مكتب الأخبار"}}</script>
</head><body>
<nav class="menu"><a href="/">الرئيسية</a><a href="/news">أخبار</a></nav>
<main><article>
<p>نزحت مئاتُ العائلات من قرى الريف الجنوبي خلال الأيام الثلاثة الماضية هرباً من القصف المدفعي، وفق ما أفاد به ناشطون محليون.</p>
<div class="social-share"><a href="#">شارك على فيسبوك</a></div>
<p>وقال أحد النازحين: «خرجنا في الليل ولم نحمل معنا شيئاً».</p>
</article></main>
<aside class="related"><a href="/y">اقرأ أيضاً: انقطاع المياه عن المدينة</a></aside>
<div class="cookie-notice">يستخدم هذا الموقع ملفات تعريف الارتباط</div>
</body></html>"##;

fn added_ids(v: &Value) -> Vec<String> {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["status"] == "added")
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect()
}

fn failure_for<'a>(v: &'a Value, input_suffix: &str) -> &'a str {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["input"].as_str().unwrap().ends_with(input_suffix))
        .unwrap_or_else(|| panic!("no item for {input_suffix} in {v:#}"))["error"]
        .as_str()
        .unwrap_or_else(|| panic!("{input_suffix} did not fail: {v:#}"))
}

#[test]
fn a_mixed_batch_adds_what_it_can_and_names_what_it_cannot() {
    let s = Scratch::new();
    let en = s.write("in/en.html", EN_PAGE);
    s.write("in/ar.html", AR_PAGE);
    s.write("in/sub/copy-of-en.htm", EN_PAGE);
    let pdf = s.write(
        "in/report.pdf",
        pdf(&[
            &["Situation report, page one.", "Shelling continued in the north."],
            &["Page two: 40 families displaced."],
        ]),
    );
    let mut broken = "تقرير عن الوضع في المدينة".as_bytes().to_vec();
    broken.insert(6, 0xFF);
    s.write("in/broken.txt", broken);
    s.write("in/image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR binary");
    s.write("in/empty.txt", b"");
    s.write("in/.hidden.txt", "ignored, as hidden files are");
    let missing = s.path("nowhere.html");

    let r = s.run_paths(&["add", "--json"], &[&s.path("in"), &missing]);
    assert_eq!(r.code(), 1, "some inputs failed, so the exit code says so: {}", r.stderr());
    let v: Value = serde_json::from_str(&r.stdout()).unwrap();
    assert_eq!(
        (v["added"].as_u64(), v["present"].as_u64(), v["failed"].as_u64()),
        (Some(3), Some(1), Some(4)),
        "{v:#}"
    );
    assert!(failure_for(&v, "broken.txt").contains("invalid UTF-8 at byte 6"));
    assert!(failure_for(&v, "image.txt").contains("binary content (PNG image)"));
    assert!(failure_for(&v, "empty.txt").contains("empty"));
    assert!(failure_for(&v, "nowhere.html").contains("No such file"));
    // One line per failure on stderr, naming the file.
    assert!(r.stderr().lines().any(|l| l.contains("broken.txt") && l.contains("invalid UTF-8")), "{}", r.stderr());

    // The HTML page: article text only, metadata from the head.
    let en_id = sitrep_record::DocId::of(EN_PAGE.as_bytes()).into_hex();
    let doc = s.json(&["show", &en_id[..8], "--json"]);
    let text = doc["text"].as_str().unwrap();
    assert!(text.starts_with("Clinic struck twice in one night\n\nA clinic on the southern edge"), "{text}");
    for furniture in ["Home", "cookies", "Share on", "More on this story", "Commenter", "syndication"] {
        assert!(!text.contains(furniture), "{furniture:?} should not be in the text: {text}");
    }
    assert_eq!(doc["title"], "Clinic struck twice in one night");
    assert_eq!(doc["author"], "R. Example");
    assert_eq!(doc["published"], "2017-04-11T22:05:00+03:00");
    assert_eq!(doc["languages"], serde_json::json!(["en"]));
    // Same bytes twice: one document, two provenance rows.
    let locations: Vec<&str> =
        doc["provenance"].as_array().unwrap().iter().map(|p| p["location"].as_str().unwrap()).collect();
    // Files are read in parallel, so either copy may be recorded first.
    assert_eq!(locations.len(), 2);
    assert!(
        locations.iter().any(|l| l.ends_with("/en.html")) && locations.iter().any(|l| l.ends_with("copy-of-en.htm"))
    );
    assert!(doc["provenance"][0]["retrieved_at"].as_str().is_some(), "file mtime recorded");
    assert_eq!(doc["provenance"][0]["sitrep_version"], env!("CARGO_PKG_VERSION"));

    // The Arabic page.
    let ar = s.json(&["show", &sitrep_record::DocId::of(AR_PAGE.as_bytes()).into_hex()[..10], "--json"]);
    let text = ar["text"].as_str().unwrap();
    assert!(text.contains("خرجنا في الليل") && !text.contains("شارك") && !text.contains("اقرأ أيضاً"), "{text}");
    assert_eq!(ar["author"], "مكتب الأخبار");
    assert_eq!(ar["published"], "2017-05-02");
    assert_eq!(ar["languages"], serde_json::json!(["ar"]));

    // The PDF, page by page.
    let pdf_id = sitrep_record::DocId::of(&std::fs::read(&pdf).unwrap()).into_hex();
    let p = s.json(&["show", &pdf_id[..8], "--json"]);
    assert_eq!(p["format"], "pdf");
    assert_eq!(p["pages"].as_array().unwrap().len(), 2);
    let text = p["text"].as_str().unwrap();
    assert!(text.contains("Shelling continued in the north.") && text.contains("40 families displaced"), "{text:?}");

    // raw gives the exact bytes back.
    let out = s.cmd().args(["raw", &en_id[..12]]).output().unwrap();
    assert_eq!(out.stdout, EN_PAGE.as_bytes());
    let _ = en;

    let list = s.json(&["list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 3);
    assert_eq!(s.run(&["verify"]).code(), 0);
}

#[test]
fn search_is_bilingual_ranked_and_highlighted() {
    let s = Scratch::new();
    s.write("en.html", EN_PAGE);
    s.write("ar.html", AR_PAGE);
    s.write("note.txt", "Field note\n\nThe bombing of the clinic was the third this month.\n");
    assert_eq!(s.run_paths(&["add"], &[&s.path("en.html"), &s.path("ar.html"), &s.path("note.txt")]).code(), 0);

    // English stemming: "bomb" finds "bombed" and "bombing".
    let hits = s.json(&["search", "bomb", "--json"]);
    assert_eq!(hits.as_array().unwrap().len(), 2);
    // Arabic folding: no harakat, plain alef, taa marbuta as haa, no article.
    let hits = s.json(&["search", "مئات عائلات", "--json"]);
    let hit = &hits[0];
    let snippet: Vec<char> = hit["snippet"].as_str().unwrap().chars().collect();
    let marked: Vec<String> = hit["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| snippet[h[0].as_u64().unwrap() as usize..h[1].as_u64().unwrap() as usize].iter().collect())
        .collect();
    // The headline has the words bare, the body with harakat and article:
    // both are found, and shown as written.
    assert_eq!(marked, ["مئات", "العائلات", "مئاتُ", "العائلات"], "{hit:#}");
    // Mixed query, as in the README.
    let r = s.run(&["search", "نازحين OR clinic"]);
    assert_eq!(r.code(), 0);
    let r = s.run(&["search", "nothing-matches-this"]);
    assert_eq!(r.code(), 1, "no hits exits 1, like grep");
}

#[test]
fn warc_records_become_documents_with_their_capture_provenance() {
    let s = Scratch::new();
    let records = vec![
        warc_record("warcinfo", "", "2017-06-01T08:00:00Z", "application/warc-fields", b"software: test\r\n"),
        warc_record(
            "request",
            "https://news.example/a",
            "2017-06-01T08:00:01Z",
            "application/http; msgtype=request",
            b"GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n",
        ),
        warc_record(
            "response",
            "https://news.example/a",
            "2017-06-01T08:00:02Z",
            "application/http; msgtype=response",
            &http_response("text/html; charset=utf-8", EN_PAGE.as_bytes()),
        ),
        warc_record(
            "response",
            "https://news.example/logo.png",
            "2017-06-01T08:00:03Z",
            "application/http; msgtype=response",
            &http_response("image/png", b"\x89PNG...."),
        ),
        warc_record(
            "response",
            "https://news.example/ar",
            "2017-06-01T08:00:04Z",
            "application/http; msgtype=response",
            &http_response("text/html", AR_PAGE.as_bytes()),
        ),
    ];
    let gz = s.write("crawl.warc.gz", gzip_members(&records));
    let plain = s.write("crawl.warc", records.concat());
    let v = s.json(&["add", "--json", gz.to_str().unwrap()]);
    assert_eq!((v["added"].as_u64(), v["failed"].as_u64()), (Some(2), Some(0)), "{v:#}");
    // The same crawl uncompressed: same payloads, nothing new stored.
    let v = s.json(&["add", "--json", plain.to_str().unwrap()]);
    assert_eq!((v["added"].as_u64(), v["present"].as_u64()), (Some(0), Some(2)), "{v:#}");

    let doc = s.json(&["show", &sitrep_record::DocId::of(EN_PAGE.as_bytes()).into_hex()[..8], "--json"]);
    assert_eq!(doc["container"], "warc");
    let p = &doc["provenance"][0];
    assert_eq!(p["location"], "https://news.example/a");
    assert_eq!(p["retrieved_at"], "2017-06-01T08:00:02Z");
    assert!(p["container"].as_str().unwrap().ends_with("crawl.warc.gz"));
    assert!(p["locator"].as_str().unwrap().starts_with("record <urn:uuid:"));
    assert_eq!(doc["provenance"].as_array().unwrap().len(), 2);
}

#[test]
fn encodings_are_detected_and_recorded() {
    let s = Scratch::new();
    let arabic = "أفاد ناشطون بسقوط قذائف على السوق القديم صباح الأحد.";
    let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode(arabic);
    s.write("cp1256.txt", &cp1256);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(arabic.encode_utf16().flat_map(|u| u.to_le_bytes()));
    s.write("utf16.txt", &utf16);
    let latin = "Les habitants ont fui la vallée après les frappes de la nuit.";
    s.write("latin1.txt", latin.chars().map(|c| c as u8).collect::<Vec<u8>>());
    s.write("notes.md", "---\ntitle: Notes from the crossing\n---\n\n# Day 2\n\nAbout **300** people crossed at [the checkpoint](https://example.org).\n");
    let v = s.json(&["add", "--json", s.dir.path().to_str().unwrap()]);
    assert_eq!(v["added"].as_u64(), Some(4), "{v:#}");
    let list = s.json(&["list", "--json"]);
    let by_title = |needle: &str| -> Value {
        let d = list.as_array().unwrap().iter().find(|d| d["source"].as_str().unwrap().ends_with(needle)).unwrap();
        s.json(&["show", d["id"].as_str().unwrap(), "--json"])
    };
    let d = by_title("cp1256.txt");
    assert_eq!((d["encoding"].as_str(), d["text"].as_str()), (Some("windows-1256"), Some(arabic)));
    let d = by_title("utf16.txt");
    assert_eq!((d["encoding"].as_str(), d["text"].as_str()), (Some("UTF-16LE"), Some(arabic)));
    let d = by_title("latin1.txt");
    assert_eq!((d["encoding"].as_str(), d["text"].as_str()), (Some("ISO-8859-1"), Some(latin)));
    let d = by_title("notes.md");
    assert_eq!(d["title"], "Notes from the crossing");
    assert_eq!(d["text"], "Day 2\n\nAbout 300 people crossed at the checkpoint.");
}

#[test]
fn jsonl_lines_are_documents_and_bad_lines_do_not_stop_the_feed() {
    let s = Scratch::new();
    let feed = concat!(
        r#"{"text":"Fuel prices doubled in the besieged districts this week, traders said.","url":"https://wire.example/1","title":"Fuel prices double","published":"2016-11-20","source":"Example Wire"}"#,
        "\n",
        "{not json\n",
        r#"{"html":"<p>قال الهلال الأحمر إن قافلة من عشرين شاحنة دخلت البلدة.</p>","url":"https://wire.example/2"}"#,
        "\n",
    );
    s.write("feed.jsonl", feed);
    let r = s.run(&["add", "--json", s.path("feed.jsonl").to_str().unwrap()]);
    assert_eq!(r.code(), 1);
    let v: Value = serde_json::from_str(&r.stdout()).unwrap();
    assert_eq!((v["added"].as_u64(), v["failed"].as_u64()), (Some(2), Some(1)));
    assert!(failure_for(&v, "feed.jsonl line 2").contains("not JSON"));
    let ids = added_ids(&v);
    let d = s.json(&["show", &ids[0], "--json"]);
    assert_eq!(d["title"], "Fuel prices double");
    assert_eq!(d["site"], "Example Wire");
    assert_eq!(d["provenance"][0]["location"], "https://wire.example/1");
    assert_eq!(d["provenance"][0]["locator"], "line 1");
    let d = s.json(&["show", &ids[1], "--json"]);
    assert_eq!(d["format"], "html");
    assert_eq!(d["languages"], serde_json::json!(["ar"]));

    // The same feed on standard input.
    let s2 = Scratch::new();
    let out = s2
        .cmd()
        .args(["add", "--json", "-"])
        .stdin(std::fs::File::open(s.path("feed.jsonl")).unwrap())
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["added"].as_u64(), Some(2));
}

#[test]
fn ids_resolve_by_prefix_and_errors_say_what_to_do() {
    let s = Scratch::new();
    s.write("a.txt", "Report one\n\nResidents said the bridge was destroyed overnight.");
    s.run(&["add", s.path("a.txt").to_str().unwrap()]);
    let r = s.run(&["show", "abc"]);
    assert_eq!(r.code(), 4);
    assert!(r.stderr().contains("at least 8 hexadecimal digits"), "{}", r.stderr());
    let r = s.run(&["show", "00000000"]);
    assert_eq!(r.code(), 4);
    assert!(r.stderr().contains("sitrep list"), "{}", r.stderr());
    let r = s.run(&["add", "--encoding", "klingon", "a.txt"]);
    assert_eq!(r.code(), 2);
    assert!(r.stderr().contains("windows-1256"), "{}", r.stderr());
    // The archive path comes from $SITREP_ARCHIVE when --archive is absent.
    let out =
        std::process::Command::new(BIN).args(["list", "--json"]).env("SITREP_ARCHIVE", s.archive()).output().unwrap();
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
}

#[test]
fn verify_reports_a_damaged_document_by_id() {
    let s = Scratch::new();
    s.write("a.html", EN_PAGE);
    s.write("b.html", AR_PAGE);
    assert_eq!(s.run(&["add", s.dir.path().to_str().unwrap()]).code(), 0);
    let id = sitrep_record::DocId::of(AR_PAGE.as_bytes()).into_hex();
    {
        let conn = rusqlite::Connection::open(s.archive()).unwrap();
        // Flip bytes in the stored blob, as a bad disk would.
        let changed = conn
            .execute(
                "UPDATE blobs SET data = substr(data, 1, 20) || x'FFFFFFFF' || substr(data, 25)
                 WHERE doc = (SELECT rowid FROM documents WHERE id = ?1)",
                [&id],
            )
            .unwrap();
        assert_eq!(changed, 1);
    }
    let r = s.run(&["verify"]);
    assert_eq!(r.code(), 1);
    assert!(r.stdout().contains(&format!("damaged  {id}")), "{}", r.stdout());
    let r = s.run(&["raw", &id[..8]]);
    assert_eq!(r.code(), 5, "raw refuses bytes that do not match: {}", r.stderr());
    assert!(r.stderr().contains("damaged"));
}

#[test]
fn demo_builds_the_sample_archive_twice_without_duplicates() {
    let s = Scratch::new();
    let at = s.path("demo.db");
    let r = s.run(&["demo", "--at", at.to_str().unwrap()]);
    assert_eq!(r.code(), 0, "{}", r.stderr());
    assert!(r.stdout().contains("verified 9 documents"), "{}", r.stdout());
    assert!(r.stdout().contains("**حَلَب**"), "the Arabic search highlights the word as written: {}", r.stdout());
    let r = s.run(&["demo", "--at", at.to_str().unwrap()]);
    assert!(r.stdout().contains("9 sample documents (0 new)"), "{}", r.stdout());
}
