//! Where reporting lives now: Telegram and X exports, e-mail, Word files
//! and syndicated copies, each built here, added with `sitrep add`, and
//! checked in what `show`, `list`, `raw` and `figures` say of it. (Pictures
//! and scans, which need Tesseract, are in `ocr.rs`.) Every fixture is
//! written for these tests.

mod common;

use common::*;
use serde_json::Value;
use sitrep_record::DocId;
use std::io::Write;

/// Every document `list --json` shows, oldest first, with `show --json`.
fn documents(s: &Scratch) -> Vec<Value> {
    let list = s.json(&["list", "--json"]);
    list.as_array().unwrap().iter().map(|d| s.json(&["show", d["id"].as_str().unwrap(), "--json"])).collect()
}

fn detail<'a>(doc: &'a Value, name: &str) -> Vec<&'a str> {
    doc["details"]
        .as_array()
        .map(|ds| ds.iter().filter(|d| d[0] == name).filter_map(|d| d[1].as_str()).collect())
        .unwrap_or_default()
}

fn with_title<'a>(docs: &'a [Value], words: &str) -> &'a Value {
    docs.iter()
        .find(|d| d["text"].as_str().unwrap_or("").contains(words) || d["title"].as_str().unwrap_or("").contains(words))
        .unwrap_or_else(|| panic!("no document with {words:?}"))
}

/// A channel's export: a service message, a formatted post that was
/// edited, a forwarded post, a statement in two parts, and a photo without
/// a caption.
const TELEGRAM: &str = r#"{
 "name": "Valley Relief Network",
 "type": "public_channel",
 "id": 1712345678,
 "messages": [
  {
   "id": 1,
   "type": "service",
   "date": "2023-11-02T07:58:00",
   "date_unixtime": "1698904680",
   "actor": "Valley Relief Network",
   "actor_id": "channel1712345678",
   "action": "create_channel",
   "title": "Valley Relief Network",
   "text": "",
   "text_entities": []
  },
  {
   "id": 2,
   "type": "message",
   "date": "2023-11-02T08:15:00",
   "date_unixtime": "1698905700",
   "edited": "2023-11-02T08:31:10",
   "edited_unixtime": "1698906670",
   "from": "Valley Relief Network",
   "from_id": "channel1712345678",
   "author": "Field desk",
   "text": [
    "Our teams counted ",
    {"type": "bold", "text": "nine families"},
    " sheltering in the school in Jisr al-Shughur after the night's shelling. ",
    {"type": "text_link", "text": "Photos", "href": "https://example.org/album/44"}
   ],
   "text_entities": []
  },
  {
   "id": 3,
   "type": "message",
   "date": "2023-11-02T09:02:00",
   "date_unixtime": "1698908520",
   "from": "Valley Relief Network",
   "from_id": "channel1712345678",
   "forwarded_from": "Northern Rescue Teams",
   "text": "Rescue crews said an air strike on a house in Saraqib killed 14 people on Thursday morning.",
   "text_entities": []
  },
  {
   "id": 4,
   "type": "message",
   "date": "2023-11-02T10:00:00",
   "date_unixtime": "1698912000",
   "from": "Valley Relief Network",
   "from_id": "channel1712345678",
   "text": "(1/2) Statement of the network on the closure of the northern crossing: the crossing has been shut for four days and trucks are waiting on the road.",
   "text_entities": []
  },
  {
   "id": 5,
   "type": "message",
   "date": "2023-11-02T10:02:30",
   "date_unixtime": "1698912150",
   "from": "Valley Relief Network",
   "from_id": "channel1712345678",
   "text": "(2/2) We ask every party to let the convoys pass before the first rains.",
   "text_entities": []
  },
  {
   "id": 6,
   "type": "message",
   "date": "2023-11-02T10:30:00",
   "date_unixtime": "1698913800",
   "from": "Valley Relief Network",
   "from_id": "channel1712345678",
   "photo": "photos/photo_6@02-11-2023_10-30-00.jpg",
   "width": 1280,
   "height": 960,
   "text": "",
   "text_entities": []
  }
 ]
}
"#;

#[test]
fn a_telegram_export_is_one_document_per_post_sealed_to_its_bytes() {
    let s = Scratch::new();
    let file = s.write("export/result.json", TELEGRAM);
    let r = s.run_paths(&["add"], &[&file]);
    assert_eq!(r.code(), 0, "{}", r.stderr());
    let docs = documents(&s);
    assert_eq!(docs.len(), 3, "post 2, post 3, and posts 4–5 as one statement; no service message, no bare photo");

    let post = with_title(&docs, "nine families");
    assert_eq!(post["format"], "post");
    assert_eq!(post["container"], "telegram");
    assert_eq!(post["site"], "Valley Relief Network");
    assert_eq!(post["author"], "Field desk");
    assert_eq!(post["published"], "2023-11-02T06:15:00Z", "date_unixtime, in UTC");
    assert_eq!(detail(post, "edited"), ["2023-11-02T08:31:10"]);
    assert_eq!(detail(post, "link"), ["https://example.org/album/44"]);
    let text = s.run(&["show", post["id"].as_str().unwrap()]).stdout();
    assert!(text.contains("Our teams counted nine families sheltering in the school"), "{text}");

    // The raw bytes are the post's own object, cut from the export at the
    // locator's range: `raw` gives them back, checked against the id.
    let locator = post["provenance"][0]["locator"].as_str().unwrap();
    assert!(locator.starts_with("message 2 at bytes "), "{locator}");
    let (a, b) = locator.rsplit_once(' ').unwrap().1.split_once('–').unwrap();
    let slice = &TELEGRAM.as_bytes()[a.parse::<usize>().unwrap()..b.parse::<usize>().unwrap()];
    assert!(slice.starts_with(b"{") && slice.ends_with(b"}"));
    assert_eq!(post["id"].as_str().unwrap().trim_start_matches("sha256:"), DocId::of(slice).into_hex());
    let raw = s.run(&["raw", post["id"].as_str().unwrap()]);
    assert_eq!(raw.0.stdout, slice);

    let forwarded = with_title(&docs, "Rescue crews");
    assert_eq!(forwarded["relayed_from"], "Northern Rescue Teams");
    assert_eq!(detail(forwarded, "forwarded from"), ["Northern Rescue Teams"]);

    let statement = with_title(&docs, "closure of the northern crossing");
    assert_eq!(detail(statement, "parts"), ["2"]);
    assert!(statement["provenance"][0]["locator"].as_str().unwrap().starts_with("messages 4–5 at bytes"));
    let text = s.run(&["show", statement["id"].as_str().unwrap()]).stdout();
    assert!(text.contains("trucks are waiting on the road.\n\n(2/2) We ask every party"), "{text}");

    // Linking: the forwarded post's figure comes from the channel it was
    // forwarded from, reached through the channel that relayed it.
    let figures = s.json(&["figures", "--json"]);
    let claims: Vec<&Value> = figures["claim_groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["claims"].as_array().unwrap())
        .filter(|c| c["evidence"]["doc"].as_str().unwrap().ends_with(forwarded["id"].as_str().unwrap()))
        .collect();
    assert!(!claims.is_empty(), "the forwarded post's figure is linked: {figures}");
    for c in claims {
        assert_eq!(c["origin"]["name"], "Northern Rescue Teams");
        assert_eq!(c["origin"]["how"], "relayed");
        assert_eq!(c["origin"]["relay"], serde_json::json!(["Valley Relief Network", "Northern Rescue Teams"]));
    }
}

/// An account archive's posts: a plain post with a short link, a reply, a
/// quote and a repost.
const TWEETS: &str = r#"window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "id_str" : "1720001",
      "created_at" : "Fri Nov 03 06:40:00 +0000 2023",
      "full_text" : "Water pumping in the eastern quarter stopped after the power line was cut, engineers say https://t.co/abc123",
      "entities" : { "urls" : [ { "url" : "https://t.co/abc123", "expanded_url" : "https://example.org/water-report" } ] },
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "id_str" : "1720002",
      "created_at" : "Fri Nov 03 07:05:00 +0000 2023",
      "full_text" : "@city_desk The pumping station at the river has no diesel left &amp; repairs wait on a permit.",
      "in_reply_to_status_id_str" : "1719990",
      "in_reply_to_screen_name" : "city_desk",
      "entities" : { "urls" : [ ] }
    }
  },
  {
    "tweet" : {
      "id_str" : "1720003",
      "created_at" : "Fri Nov 03 08:00:00 +0000 2023",
      "full_text" : "Worth reading on the shortages https://t.co/q1",
      "entities" : { "urls" : [ { "url" : "https://t.co/q1", "expanded_url" : "https://twitter.com/aid_watch/status/1719000" } ] }
    }
  },
  {
    "tweet" : {
      "id_str" : "1720004",
      "created_at" : "Fri Nov 03 09:30:00 +0000 2023",
      "full_text" : "RT @aid_watch: Two bakeries in the old town closed for lack of flour; queues formed before dawn.",
      "entities" : { "urls" : [ ] }
    }
  }
]"#;

const ACCOUNT: &str =
    r#"window.YTD.account.part0 = [ { "account" : { "username" : "river_monitor", "accountId" : "42" } } ]"#;

#[test]
fn an_x_archive_and_a_research_feed_give_posts_with_replies_quotes_and_reposts() {
    let s = Scratch::new();
    let tweets = s.write("archive/data/tweets.js", TWEETS);
    s.write("archive/data/account.js", ACCOUNT);
    let feed = s.write(
        "feed.jsonl",
        concat!(
            r#"{"id":"1730001","text":"Shelling damaged the main hospital in the north of the city overnight, staff said.","created_at":"2023-11-04T05:10:00.000Z","author_id":"77","author":{"id":"77","username":"north_health","name":"North Health Desk"},"referenced_tweets":[{"type":"replied_to","id":"1729999"}],"lang":"en"}"#,
            "\n"
        ),
    );
    let r = s.run_paths(&["add"], &[&tweets, &feed]);
    assert_eq!(r.code(), 0, "{}", r.stderr());
    let docs = documents(&s);
    assert_eq!(docs.len(), 5);

    let plain = with_title(&docs, "Water pumping");
    assert_eq!(plain["container"], "x");
    assert_eq!(plain["site"], "@river_monitor", "the account from account.js beside tweets.js");
    assert_eq!(plain["url"], "https://x.com/river_monitor/status/1720001");
    assert_eq!(plain["published"], "2023-11-03T06:40:00Z");
    let text = s.run(&["show", plain["id"].as_str().unwrap()]).stdout();
    assert!(text.contains("engineers say https://example.org/water-report"), "the t.co link expanded: {text}");

    let reply = with_title(&docs, "pumping station");
    assert_eq!(detail(reply, "reply to"), ["https://x.com/city_desk/status/1719990"]);
    let text = s.run(&["show", reply["id"].as_str().unwrap()]).stdout();
    assert!(text.contains("no diesel left & repairs"), "{text}");

    let quote = with_title(&docs, "Worth reading");
    assert_eq!(detail(quote, "quotes"), ["https://x.com/aid_watch/status/1719000"]);

    let repost = with_title(&docs, "Two bakeries");
    assert_eq!(repost["relayed_from"], "@aid_watch");

    let research = with_title(&docs, "main hospital");
    assert_eq!(research["container"], "jsonl");
    assert_eq!(research["format"], "post");
    assert_eq!(research["site"], "@north_health");
    assert_eq!(research["author"], "North Health Desk");
    assert_eq!(detail(research, "reply to"), ["https://x.com/i/status/1729999"]);
    assert_eq!(research["provenance"][0]["location"], "https://x.com/north_health/status/1730001");
}

/// Base64 in 76-character lines, as mail writes it.
fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for (i, c) in bytes.chunks(3).enumerate() {
        if i > 0 && i % 19 == 0 {
            out.push_str("\r\n");
        }
        let n =
            (u32::from(c[0]) << 16) | (u32::from(*c.get(1).unwrap_or(&0)) << 8) | u32::from(*c.get(2).unwrap_or(&0));
        for k in 0..4 {
            if k <= c.len() {
                out.push(A[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Quoted-printable of bytes (every byte over 127, `=` and line ends coded).
fn quoted_printable(bytes: &[u8]) -> String {
    let mut out = String::new();
    let mut line = 0;
    for &b in bytes {
        let piece = if (33..=126).contains(&b) && b != b'=' || b == b' ' {
            (b as char).to_string()
        } else {
            format!("={b:02X}")
        };
        if line + piece.len() > 72 {
            out.push_str("=\r\n");
            line = 0;
        }
        line += piece.len();
        out.push_str(&piece);
    }
    out
}

/// A message in Arabic (windows-1256, quoted-printable) with a PDF
/// statement attached (base64).
fn email() -> (Vec<u8>, Vec<u8>) {
    let arabic = "أفاد المجلس المحلي بأن القصف استهدف السوق الشعبي في المدينة صباح الثلاثاء.\r\nنرفق البيان الكامل.";
    let (w1256, _, _) = encoding_rs::WINDOWS_1256.encode(arabic);
    let pdf = pdf(&[&["Statement of the local council", "Shelling hit the market square on Tuesday morning."]]);
    let mut m = String::new();
    m.push_str("From: Local Council Media Office <media@council.example>\r\n");
    m.push_str("To: desk@monitor.example\r\n");
    m.push_str("Subject: =?windows-1256?B?");
    m.push_str(&base64(&encoding_rs::WINDOWS_1256.encode("بيان المجلس المحلي").0).replace("\r\n", ""));
    m.push_str("?=\r\n");
    m.push_str("Date: Tue, 14 Nov 2023 09:12:00 +0200\r\n");
    m.push_str("Message-ID: <20231114.0912.council@mail.council.example>\r\n");
    m.push_str("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"sep-1\"\r\n\r\n");
    m.push_str("--sep-1\r\nContent-Type: text/plain; charset=windows-1256\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
    m.push_str(&quoted_printable(&w1256));
    m.push_str("\r\n--sep-1\r\nContent-Type: application/pdf; name=\"statement.pdf\"\r\n");
    m.push_str(
        "Content-Disposition: attachment; filename=\"statement.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n",
    );
    m.push_str(&base64(&pdf));
    m.push_str("\r\n--sep-1--\r\n");
    (m.into_bytes(), pdf)
}

#[test]
fn an_email_and_its_attachment_are_documents_linked_to_each_other() {
    let s = Scratch::new();
    let (eml, pdf) = email();
    let file = s.write("inbox/statement.eml", &eml);
    let r = s.run_paths(&["add"], &[&file]);
    assert_eq!(r.code(), 0, "{}", r.stderr());
    let docs = documents(&s);
    assert_eq!(docs.len(), 2);
    let message = &docs[0];
    assert_eq!(message["format"], "email");
    assert_eq!(message["title"], "بيان المجلس المحلي");
    assert_eq!(message["author"], "Local Council Media Office");
    assert_eq!(message["published"], "2023-11-14T09:12:00+02:00");
    assert_eq!(detail(message, "message-id"), ["<20231114.0912.council@mail.council.example>"]);
    assert_eq!(detail(message, "from"), ["Local Council Media Office <media@council.example>"]);
    assert_eq!(detail(message, "attachment"), ["statement.pdf"]);
    assert_eq!(message["id"].as_str().unwrap().trim_start_matches("sha256:"), DocId::of(&eml).into_hex());
    let text = s.run(&["show", message["id"].as_str().unwrap()]).stdout();
    assert!(
        text.contains("استهدف السوق الشعبي في المدينة صباح الثلاثاء"),
        "windows-1256 quoted-printable decoded: {text}"
    );

    let attachment = &docs[1];
    assert_eq!(attachment["format"], "pdf");
    assert_eq!(attachment["container"], "email");
    assert_eq!(attachment["id"].as_str().unwrap().trim_start_matches("sha256:"), DocId::of(&pdf).into_hex());
    let p = &attachment["provenance"][0];
    assert_eq!(p["locator"], "attachment 1 (statement.pdf)");
    assert_eq!(p["parent"].as_str().unwrap(), message["id"].as_str().unwrap().trim_start_matches("sha256:"));
    let shown = s.run(&["show", attachment["id"].as_str().unwrap(), "--no-text"]).stdout();
    assert!(shown.contains("attached to "), "{shown}");

    // The same message in a mailbox, after another one.
    let mut mbox = b"From media@council.example Mon Nov 13 08:00:00 2023\n".to_vec();
    mbox.extend_from_slice(b"From: Local Council Media Office <media@council.example>\nSubject: Water cuts\nDate: Mon, 13 Nov 2023 08:00:00 +0200\nMessage-ID: <w1@council.example>\n\nWater will be cut in the eastern quarter for two days while the main line is mended.\n>From the council.\n");
    mbox.extend_from_slice(b"From media@council.example Tue Nov 14 09:12:00 2023\n");
    mbox.extend_from_slice(&eml);
    let file = s.write("inbox/council.mbox", &mbox);
    let r = s.run_paths(&["add", "--json"], &[&file]);
    assert_eq!(r.code(), 0, "{}", r.stderr());
    let docs = documents(&s);
    let water = with_title(&docs, "Water cuts");
    assert_eq!(water["container"], "mbox");
    assert!(water["provenance"][0]["locator"].as_str().unwrap().starts_with("message 1 at bytes"));
    let text = s.run(&["show", water["id"].as_str().unwrap()]).stdout();
    assert!(text.contains("\nFrom the council."), "the >From quoting undone: {text}");
    // The Arabic message again, from the mailbox: a new copy of the same
    // bytes (CRLF kept), not a new document.
    assert_eq!(docs.len(), 3, "{docs:?}");
}

/// A Word file with paragraphs, a table and core properties.
fn docx() -> Vec<u8> {
    let body = r#"<w:p><w:r><w:t>Situation update: displacement in the southern districts</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Since 10 November more than 3,000 families have left the southern districts, </w:t></w:r><w:r><w:t>the relief committee said.</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>District</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Families displaced</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>Al-Mansura</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1,800</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>Al-Jadida</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1,250</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t>نزحت أكثر من ثلاثة آلاف عائلة من الأحياء الجنوبية.</w:t></w:r></w:p>"#;
    let core = "<dc:title>Displacement update</dc:title><dc:creator>Relief Committee</dc:creator>\
        <dcterms:created>2023-11-15T07:00:00Z</dcterms:created><dcterms:modified>2023-11-15T11:20:00Z</dcterms:modified>";
    let mut out = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default();
    z.start_file("[Content_Types].xml", opts).unwrap();
    z.write_all(
        br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#,
    )
    .unwrap();
    z.start_file("word/document.xml", opts).unwrap();
    write!(z, r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#).unwrap();
    z.start_file("docProps/core.xml", opts).unwrap();
    write!(z, r#"<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">{core}</cp:coreProperties>"#).unwrap();
    z.finish().unwrap();
    out.into_inner()
}

#[test]
fn a_word_file_keeps_its_table_and_core_properties() {
    let s = Scratch::new();
    let file = s.write("update.docx", docx());
    let r = s.run_paths(&["add"], &[&file]);
    assert_eq!(r.code(), 0, "{}", r.stderr());
    let docs = documents(&s);
    let d = &docs[0];
    assert_eq!(d["format"], "docx");
    assert_eq!(d["title"], "Displacement update");
    assert_eq!(d["author"], "Relief Committee");
    assert_eq!(d["published"], "2023-11-15T07:00:00Z");
    let languages: Vec<&str> = d["languages"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(languages[0] == "en" && languages.contains(&"ar"), "{languages:?}");
    let text = s.run(&["show", d["id"].as_str().unwrap()]).stdout();
    assert!(text.contains("District\tFamilies displaced\nAl-Mansura\t1,800\nAl-Jadida\t1,250"), "{text}");
    let facts = s.run(&["show", d["id"].as_str().unwrap(), "--facts", "--json"]);
    let record: Value = serde_json::from_str(&facts.stdout()).unwrap();
    assert_eq!(record["document"]["format"], "docx");
    assert_eq!(record["document"]["published"], "2023-11-15");
    assert!(record["figures"].as_array().unwrap().iter().any(|f| f["quantity"]["value"] == 3000.0), "{record}");
}

/// One wire story, as two outlets carry it: each with its own headline,
/// standfirst and footer, the second lightly edited.
const WIRE: [&str; 4] = [
    "Shelling killed 11 people in the Bustan al-Qasr district of Aleppo on Thursday, the third day of attacks on the area.",
    "Rescue workers said two buildings collapsed after the strikes and that they were still searching for people under the rubble late in the evening.",
    "Residents described a night of heavy bombardment. Many families moved into basements, and the district's only bakery closed its doors.",
    "Aid groups have warned that fuel and flour are running low across the eastern districts, where tens of thousands of people live.",
];

fn outlet(site: &str, headline: &str, standfirst: &str, story: &[String], footer: &str) -> String {
    let body: String = story.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{headline}</title>\
         <meta property=\"og:site_name\" content=\"{site}\">\
         <meta property=\"article:published_time\" content=\"2016-11-24\"></head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>{headline}</h1>\
         <p><strong>{standfirst}</strong></p>\n{body}<p><em>{footer}</em></p></article>\
         <footer>{site} · all rights reserved</footer></body></html>"
    )
}

#[test]
fn two_outlets_carrying_one_wire_story_are_one_origin() {
    let s = Scratch::new();
    let story: Vec<String> = WIRE.iter().map(|p| p.to_string()).collect();
    let mut edited = story.clone();
    edited[2] = edited[2].replace("Many families moved", "Many of the families moved");
    edited.truncate(3);
    let a = s.write(
        "valley.html",
        outlet(
            "Valley Courier",
            "Eleven killed in Aleppo shelling",
            "Third day of attacks on Bustan al-Qasr",
            &story,
            "Reporting by our wire partner; edited by the Courier desk.",
        ),
    );
    let b = s.write(
        "coast.html",
        outlet(
            "Coastline Daily",
            "Aleppo: shelling kills 11 in eastern district",
            "Buildings collapse as strikes continue",
            &edited,
            "This story was supplied by a news agency. Follow Coastline Daily for updates.",
        ),
    );
    let unrelated = s.write(
        "other.html",
        outlet(
            "Valley Courier",
            "Shelling hits eastern Aleppo again",
            "A market is struck",
            &[
                "Shelling killed 7 people in the al-Shaar district of Aleppo on Thursday, medics said, as strikes hit a crowded market.".to_string(),
                "Witnesses said the shells landed minutes apart and that ambulances struggled to reach the wounded through blocked streets.".to_string(),
                "The district has been without power for a week, and its two clinics are working on generators.".to_string(),
            ],
            "Reporting by our correspondent in the north.",
        ),
    );
    // The Courier's first: batches store documents as they are read.
    for batch in [vec![&a], vec![&b, &unrelated]] {
        let r = s.run_paths(&["add"], &batch.iter().map(|p| p.as_path()).collect::<Vec<_>>());
        assert_eq!(r.code(), 0, "{}", r.stderr());
    }
    let docs = documents(&s);
    let (va, co, ot) =
        (with_title(&docs, "Eleven killed"), with_title(&docs, "kills 11"), with_title(&docs, "hits eastern"));
    // Measured for the record: how alike the copies and the unrelated story are.
    let text = |d: &Value| s.json(&["show", d["id"].as_str().unwrap(), "--json"])["text"].as_str().unwrap().to_string();
    let sig = |d: &Value| sitrep_text::copies::Signature::of(&text(d)).unwrap();
    let (sa, sb, so) = (sig(va), sig(co), sig(ot));
    eprintln!(
        "copies: shared {:.2} (Jaccard {:.2}); unrelated: shared {:.2} (Jaccard {:.2})",
        sa.same_story(&sb).unwrap_or(0.0),
        sa.jaccard(&sb),
        sa.same_story(&so).unwrap_or(0.0),
        sa.jaccard(&so)
    );
    assert_eq!(co["copy_of"]["id"], va["id"].as_str().unwrap().trim_start_matches("sha256:"));
    let percent = co["copy_of"]["percent"].as_u64().unwrap();
    assert!((50..=100).contains(&percent), "{percent}");
    assert!(ot.get("copy_of").is_none() && va.get("copy_of").is_none());
    assert_eq!(va["copies"][0]["id"], co["id"].as_str().unwrap().trim_start_matches("sha256:"));

    // `show` and `list` name the copy.
    let co_id = co["id"].as_str().unwrap();
    let va_short = &va["id"].as_str().unwrap()[..12];
    let shown = s.run(&["show", co_id, "--no-text"]).stdout();
    assert!(shown.contains(&format!("copy of    {va_short}, {percent}% the same")), "{shown}");
    let listed = s.run(&["list"]).stdout();
    assert!(listed.contains(&format!("(copy of {va_short}, {percent}% the same)")), "{listed}");

    // In figures the eleven dead are one origin, shown through both outlets.
    let figures = s.json(&["figures", "--json", "--category", "killed"]);
    let group = figures["claim_groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["claims"].as_array().unwrap().iter().any(|c| c["value"] == 11.0))
        .unwrap_or_else(|| panic!("no group of the eleven: {figures}"));
    let elevens: Vec<&Value> = group["claims"].as_array().unwrap().iter().filter(|c| c["value"] == 11.0).collect();
    assert_eq!(elevens.len(), 2, "{group}");
    assert_eq!(elevens[0]["origin"]["key"], elevens[1]["origin"]["key"]);
    let copy =
        elevens.iter().find(|c| c["evidence"]["doc"].as_str().unwrap().ends_with(co["id"].as_str().unwrap())).unwrap();
    assert_eq!(copy["origin"]["relay"], serde_json::json!(["Coastline Daily", "Valley Courier"]));
    let sevens = group["claims"].as_array().unwrap().iter().filter(|c| c["value"] == 7.0).count();
    assert_eq!(group["origins"], if sevens > 0 { 2 } else { 1 }, "{group}");

    assert!(sa.same_story(&so).unwrap_or(0.0) < 0.3);
}
