//! The desk over HTTP: safety (headers, tokens, cross-site POSTs, hostile
//! documents), finding documents, reviewing, and exports that follow the
//! review. Some tests drive the router directly; the rest a real socket.

mod common;

use axum::body::{to_bytes, Body};
use axum::http::{header, Request, StatusCode};
use common::*;
use sitrep_store::Archive;
use std::net::{IpAddr, Ipv4Addr};
use std::time::{Duration, Instant};
use tower::ServiceExt;

const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

async fn call(app: &axum::Router, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, String) {
    let r = app.clone().oneshot(req).await.unwrap();
    let (parts, body) = r.into_parts();
    let body = to_bytes(body, usize::MAX).await.unwrap();
    (parts.status, parts.headers, String::from_utf8_lossy(&body).into_owned())
}

fn at(path: &str) -> axum::http::request::Builder {
    Request::get(path).header(header::HOST, "127.0.0.1:8080")
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let dir = tempfile::tempdir().unwrap();
    let (path, ids) = fixture(dir.path());
    let app = sitrep_web::app(config(&path)).unwrap();
    for p in ["/documents", "/nowhere", &format!("/documents/{}", ids["english"]), "/assets/app.js"] {
        let (status, h, _) = call(&app, at(p).body(Body::empty()).unwrap()).await;
        assert!(status == StatusCode::OK || status == StatusCode::NOT_FOUND, "{p}: {status}");
        assert_eq!(h[header::CONTENT_SECURITY_POLICY], CSP, "{p}");
        assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{p}");
        assert_eq!(h[header::REFERRER_POLICY], "no-referrer", "{p}");
    }
    // Refusals carry them too.
    let (status, h, _) =
        call(&app, Request::get("/documents").header(header::HOST, "evil.example").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(h[header::CONTENT_SECURITY_POLICY], CSP);
}

#[tokio::test]
async fn another_address_needs_a_token_and_every_request_carries_it() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = fixture(dir.path());
    let open = sitrep_web::Config { host: IpAddr::V4(Ipv4Addr::UNSPECIFIED), ..config(&path) };
    assert!(matches!(sitrep_web::app(open.clone()), Err(sitrep_web::WebError::TokenRequired(_))));

    let token = "correct-horse-battery";
    let app = sitrep_web::app(sitrep_web::Config { token: Some(token.into()), ..open }).unwrap();
    let req = |p: &str| Request::get(p).header(header::HOST, "10.0.0.5:8080");
    let (status, h, body) = call(&app, req("/documents").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(body.contains("access token") && h.contains_key(header::CONTENT_SECURITY_POLICY));
    let (status, _, _) = call(&app, req("/documents?token=wrong-token").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _, _) = call(&app, req("/assets/app.css").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "assets are behind the token too");

    // The first visit trades the token for a cookie and drops it from the address.
    let (status, h, _) =
        call(&app, req(&format!("/documents?q=aleppo&token={token}")).body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(h[header::LOCATION], "/documents?q=aleppo");
    let cookie = h[header::SET_COOKIE].to_str().unwrap().to_string();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && !cookie.contains(token));
    let pair = cookie.split(';').next().unwrap();
    let (status, _, body) =
        call(&app, req("/documents").header(header::COOKIE, pair).body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _, _) = call(
        &app,
        req("/documents").header(header::AUTHORIZATION, format!("Bearer {token}")).body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, _) =
        call(&app, req("/documents").header(header::COOKIE, "sitrep_token=00").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn without_a_token_only_loopback_names_are_answered() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = fixture(dir.path());
    let app = sitrep_web::app(config(&path)).unwrap();
    for (host, ok) in
        [("127.0.0.1:8080", true), ("localhost:8080", true), ("[::1]:8080", true), ("attacker.example:8080", false)]
    {
        let (status, _, _) =
            call(&app, Request::get("/documents").header(header::HOST, host).body(Body::empty()).unwrap()).await;
        assert_eq!(status == StatusCode::OK, ok, "{host}: {status}");
    }
}

#[test]
fn posts_from_elsewhere_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (path, ids) = fixture(dir.path());
    let addr = start(config(&path));
    let id = &ids["english"];
    let page = get(addr, &format!("/documents/{id}")).text();
    let csrf = csrf_of(&page);
    let a = Archive::open(&path).unwrap();
    let span = a.record(id).unwrap().unwrap().figures.iter().find(|f| f.category == "killed").unwrap().span;
    let (s, e) = (span[0].to_string(), span[1].to_string());
    let review = format!("/documents/{id}/review");
    let urlencoded = ("Content-Type", "application/x-www-form-urlencoded");
    let fields =
        |csrf: &str| form(&[("csrf", csrf), ("kind", "figure"), ("start", &s), ("end", &e), ("action", "confirm")]);

    let no_token = request(
        addr,
        "POST",
        &review,
        &[urlencoded],
        &form(&[("kind", "figure"), ("start", &s), ("end", &e), ("action", "confirm")]),
    );
    assert_eq!(no_token.status, 403, "{}", no_token.text());
    let wrong = request(addr, "POST", &review, &[urlencoded], &fields(&"0".repeat(64)));
    assert_eq!(wrong.status, 403);
    let foreign = request(addr, "POST", &review, &[urlencoded, ("Origin", "http://evil.example")], &fields(&csrf));
    assert_eq!(foreign.status, 403);
    let cross = request(addr, "POST", &review, &[urlencoded, ("Sec-Fetch-Site", "cross-site")], &fields(&csrf));
    assert_eq!(cross.status, 403);
    assert!(a.reviews(id).unwrap().is_empty(), "a refused POST stored nothing");

    let origin = format!("http://{addr}");
    let ok = request(
        addr,
        "POST",
        &review,
        &[urlencoded, ("Origin", &origin), ("Sec-Fetch-Site", "same-origin")],
        &fields(&csrf),
    );
    assert_eq!(ok.status, 303, "{}", ok.text());
    assert_eq!(a.reviews(id).unwrap().len(), 1);
}

#[test]
fn a_hostile_document_shows_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let (path, ids) = fixture(dir.path());
    let addr = start(config(&path));
    let id = &ids["hostile"];
    for page in [
        format!("/documents/{id}"),
        "/documents".into(),
        "/documents?q=hostile".into(),
        "/figures".into(),
        "/timeline".into(),
        "/quotes".into(),
    ] {
        let r = get(addr, &page);
        assert_eq!(r.status, 200, "{page}");
        let body = r.text();
        // Our scripts (the map's on the timeline) and the map's points as
        // data, nothing else that runs.
        for (i, _) in body.match_indices("<script") {
            let tag = &body[i..body[i..].find('>').map_or(body.len(), |e| i + e + 1)];
            let ours = tag.starts_with("<script src=\"/assets/")
                || tag == "<script type=\"application/json\" id=\"map-points\">";
            assert!(ours, "{page}: {tag}");
        }
        let expected = if page == "/timeline" { 7 } else { 1 };
        assert_eq!(body.matches("<script").count(), expected, "{page}");
        assert_eq!(body.matches("</script>").count(), expected, "{page}: a name closed the map's data");
        assert!(body.contains("<script src=\"/assets/app.js\" defer></script>"));
        for bad in ["<img", "<svg onload", "onerror=\"", "onmouseover=\"", "href=\"javascript:", "<a href=\"javascript"]
        {
            assert!(!body.contains(bad), "{page} has {bad}");
        }
        if page.starts_with("/documents") {
            assert!(body.contains("&lt;script&gt;window.pwned=1;alert(1)&lt;/script&gt;"), "{page}: title not escaped");
        }
    }
    let doc = get(addr, &format!("/documents/{id}")).text();
    assert!(doc.contains("&lt;img src=x onerror=&quot;window.pwned=2;alert(2)&quot;&gt;"));
    assert!(doc.contains("&lt;a href=&quot;javascript:window.pwned=3;alert(3)&quot;&gt;"));
    assert!(doc.contains("&#39; &quot; &amp; done."));
}

#[test]
fn the_raw_original_is_a_download_never_a_page() {
    let dir = tempfile::tempdir().unwrap();
    let (path, ids) = fixture(dir.path());
    let addr = start(config(&path));
    let r = get(addr, &format!("/documents/{}/raw", &ids["hostile"][..12]));
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/octet-stream"));
    assert!(r.header("content-disposition").unwrap().starts_with("attachment"));
    assert!(r.header("content-security-policy").unwrap().contains("sandbox"));
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(r.body, HOSTILE.as_bytes());
}

#[test]
fn documents_are_found_by_prefix_and_by_words_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let (path, ids) = fixture(dir.path());
    let addr = start(config(&path));
    assert_eq!(get(addr, "/").status, 303);
    let short = get(addr, &format!("/documents/{}", &ids["english"][..8]));
    assert_eq!(short.status, 200);
    assert!(short.text().contains("Shelling in the Shaar district"));
    assert!(short.text().contains(&ids["english"]), "the full hash is shown");
    let unknown = get(addr, "/documents/00000000deadbeef");
    assert_eq!(unknown.status, 404);
    assert!(unknown.text().contains("no document has an id starting with"));
    assert_eq!(get(addr, "/documents/abc").status, 404);

    let english = get(addr, "/documents?q=shelling").text();
    assert!(english.contains("Shelling in the Shaar district") && english.contains("<mark>"));
    // Folding: the query without the article and with a plain alef finds it.
    let arabic = get(addr, &format!("/documents?q={}", sitrep_web::html::url_part("الشعار"))).text();
    assert!(arabic.contains("قصف على حي الشعار في حلب"), "{arabic}");
    assert!(arabic.contains("dir=\"rtl\""));
    let filtered = get(addr, "/documents?lang=ar").text();
    assert!(filtered.contains("قصف على حي الشعار") && !filtered.contains("Shaar district</a>"));
    let dated = get(addr, "/documents?from=2016-12-04&to=2016-12-04").text();
    assert!(dated.contains("قصف على حي الشعار") && !dated.contains("Shelling in the Shaar district</a>"), "{dated}");
}

#[test]
fn a_document_page_marks_every_fact_and_arabic_reads_right_to_left() {
    let dir = tempfile::tempdir().unwrap();
    let (path, ids) = fixture(dir.path());
    let addr = start(config(&path));
    let a = Archive::open(&path).unwrap();
    let body = get(addr, &format!("/documents/{}", ids["english"])).text();
    let facts = a.facts(&ids["english"]).unwrap();
    assert!(!facts.is_empty());
    for f in &facts {
        let attrs = format!("data-kind=\"{}\" data-start=\"{}\" data-end=\"{}\"", f.kind, f.span[0], f.span[1]);
        assert!(body.contains(&attrs), "no mark for {} {:?}", f.kind, f.span);
    }
    let killed = facts.iter().find(|f| f.kind == "figure").unwrap();
    assert!(body.contains(&format!("id=\"c{}-{}\"", killed.span[0], killed.span[1])));
    assert!(body.contains("title=\"figure: killed: 12"), "the normalized value is the hover title");
    let arabic = get(addr, &format!("/documents/{}", ids["arabic"])).text();
    assert!(arabic.contains("lang=\"ar\" dir=\"rtl\"><span class=\"t\""));
}

#[test]
fn a_correction_is_stored_beside_the_record_and_reaches_the_exports() {
    let dir = tempfile::tempdir().unwrap();
    let (path, ids) = fixture(dir.path());
    let addr = start(config(&path));
    let id = &ids["english"];
    let a = Archive::open(&path).unwrap();
    let span = a.record(id).unwrap().unwrap().figures.iter().find(|f| f.category == "killed").unwrap().span;
    let (s, e) = (span[0].to_string(), span[1].to_string());
    // The export before: 12.
    let before = get(addr, "/export/json").text();
    assert!(before.contains("\"value\": 12.0") || before.contains("\"value\":12.0"), "{before}");

    let page = get(addr, &format!("/documents/{id}")).text();
    let csrf = csrf_of(&page);
    let post = |fields: &[(&str, &str)], cookie: &str| {
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        request(
            addr,
            "POST",
            &format!("/documents/{}/review", &id[..10]),
            &[("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", cookie)],
            &form(&all),
        )
    };
    // Who reviews: a name set in the page.
    let named = request(
        addr,
        "POST",
        "/user",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        &form(&[("csrf", &csrf), ("user", "Rana"), ("back", &format!("/documents/{id}"))]),
    );
    assert_eq!(named.status, 303);
    let cookie = named
        .headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
        .map(|(_, v)| v.split(';').next().unwrap().to_string())
        .find(|c| c.starts_with("sitrep_user="))
        .expect("the name's cookie");
    assert_eq!(cookie, "sitrep_user=Rana");

    let r = post(&[("kind", "figure"), ("start", &s), ("end", &e), ("action", "confirm")], &cookie);
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location").unwrap(), format!("/documents/{id}#c{s}-{e}"));
    assert!(r.header("set-cookie").unwrap().starts_with("sitrep_flash="));
    let r = post(
        &[
            ("kind", "figure"),
            ("start", &s),
            ("end", &e),
            ("action", "correct"),
            ("value", "14"),
            ("qualifier", "exact"),
            ("category", "killed"),
        ],
        &cookie,
    );
    assert_eq!(r.status, 303, "{}", r.text());

    // Beside, never over: the machine's record still says 12.
    assert_eq!(a.record(id).unwrap().unwrap().figures.iter().find(|f| f.span == span).unwrap().quantity.value, 12.0);
    assert_eq!(
        a.reviewed_record(id).unwrap().unwrap().figures.iter().find(|f| f.span == span).unwrap().quantity.value,
        14.0
    );
    let page = get(addr, &format!("/documents/{id}")).text();
    assert!(page.contains("status-corrected") && page.contains("corrected by Rana"));

    let after = get(addr, "/export/json").text();
    assert!(after.contains("\"value\": 14.0") || after.contains("\"value\":14.0"), "the export did not follow");
    let csv = get(addr, "/export/csv");
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    assert!(csv.header("content-disposition").unwrap().contains("attachment"));
    let report = get(addr, "/report");
    assert!(report.text().contains("14"));
    assert!(report.header("content-security-policy").unwrap().contains("style-src 'unsafe-inline'"));

    let audit = get(addr, "/audit").text();
    assert!(
        audit.contains("Chain intact: 3 entries verified") || audit.contains("Chain intact: 2 entries verified"),
        "{audit}"
    );
    assert!(audit.contains("act-confirm") && audit.contains("act-correct") && audit.contains("Rana"));
    assert!(a.verify_audit().unwrap().is_empty());

    // A review the archive refuses is said, with 400.
    let bad = post(&[("kind", "figure"), ("start", "0"), ("end", "3"), ("action", "reject")], &cookie);
    assert_eq!(bad.status, 400);
    assert!(bad.text().contains("there is no figure at [0, 3) to reject"));
    let missing = post(&[("kind", "date"), ("start", "0"), ("end", "3"), ("action", "add")], &cookie);
    assert_eq!(missing.status, 400);
    assert!(missing.text().contains("give the date as YYYY-MM-DD"));
}

#[test]
fn an_analyst_adds_a_fact_the_extractor_missed() {
    let dir = tempfile::tempdir().unwrap();
    let (path, ids) = fixture(dir.path());
    let addr = start(config(&path));
    let id = &ids["english"];
    let csrf = csrf_of(&get(addr, &format!("/documents/{id}")).text());
    let start = char_at(ENGLISH, "old market");
    let (s, e) = (start.to_string(), (start + "old market".chars().count()).to_string());
    let r = request(
        addr,
        "POST",
        &format!("/documents/{id}/review"),
        &[("Content-Type", "application/x-www-form-urlencoded")],
        &form(&[
            ("csrf", &csrf),
            ("kind", "place"),
            ("start", &s),
            ("end", &e),
            ("action", "add"),
            ("name", "Old market"),
        ]),
    );
    assert_eq!(r.status, 303, "{}", r.text());
    let a = Archive::open(&path).unwrap();
    let added = a.facts(id).unwrap().into_iter().find(|f| f.status == "added").expect("the added place");
    assert_eq!(added.current.unwrap()["name"], "Old market");
    assert_eq!(added.review.unwrap().who, "tester");
}

#[test]
fn pages_across_documents_lead_to_their_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let (path, ids) = fixture(dir.path());
    let addr = start(config(&path));
    let figures = get(addr, "/figures").text();
    assert!(figures.contains("killed") && figures.contains(&format!("/documents/{}#c", ids["english"])));
    let timeline = get(addr, "/timeline").text();
    assert!(timeline.contains("<svg class=\"timeline\"") && timeline.contains("href=\"/events/"));
    let event = timeline.split("href=\"/events/").nth(1).unwrap().split('"').next().unwrap().to_string();
    let page = get(addr, &format!("/events/{event}"));
    assert_eq!(page.status, 200);
    assert!(page.text().contains("#c"));
    let quotes = get(addr, "/quotes").text();
    assert!(quotes.contains("There is no safe place left in the city") && quotes.contains("dir=\"rtl\""));
}

#[test]
fn pages_answer_while_another_process_writes() {
    let dir = tempfile::tempdir().unwrap();
    let (path, ids) = fixture(dir.path());
    let addr = start(config(&path));
    assert_eq!(get(addr, "/documents").status, 200);
    // A writer holds SQLite's write lock, as `sitrep add` does in each
    // document's transaction, here for a whole second.
    let p = path.clone();
    let (locked_tx, locked_rx) = std::sync::mpsc::channel();
    let writer = std::thread::spawn(move || {
        let c = rusqlite::Connection::open(&p).unwrap();
        c.execute_batch("BEGIN IMMEDIATE; UPDATE documents SET title = title WHERE rowid = 1;").unwrap();
        locked_tx.send(()).unwrap();
        std::thread::sleep(Duration::from_millis(1000));
        c.execute_batch("COMMIT").unwrap();
    });
    locked_rx.recv().unwrap();
    let t = Instant::now();
    for p in [format!("/documents/{}", ids["arabic"]), "/documents?q=aleppo".into(), "/documents".into()] {
        assert_eq!(get(addr, &p).status, 200, "{p}");
    }
    assert!(t.elapsed() < Duration::from_millis(900), "reads waited for the writer: {:?}", t.elapsed());
    writer.join().unwrap();

    // And documents added while it serves show up.
    let mut a = Archive::open(&path).unwrap();
    let adder = std::thread::spawn(move || {
        for i in 0..20 {
            add(
                &mut a,
                &format!("more-{i}.txt"),
                &format!("Report {i}\n\nShelling hit Idlib on 6 December 2016, killing {i} people.\n"),
            );
        }
    });
    for _ in 0..10 {
        assert_eq!(get(addr, "/documents").status, 200);
    }
    adder.join().unwrap();
    let mut seen = false;
    for _ in 0..50 {
        if get(addr, "/documents").text().contains("23 documents in the archive") {
            seen = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(seen, "new documents never appeared");
}

#[test]
fn figures_and_the_timeline_come_as_the_command_line_s_json() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = fixture(dir.path());
    let addr = start(config(&path));
    let r = get(addr, "/figures.json?category=killed");
    assert_eq!((r.status, r.header("content-type")), (200, Some("application/json")));
    let figures: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    // The same answer the library gives the command line.
    let a = Archive::open(&path).unwrap();
    let linked = sitrep_pipeline::linked::linked(&a, &Default::default()).unwrap();
    let filter = sitrep_link::Filter { categories: vec!["killed".into()], ..Default::default() };
    let killed = linked.filtered(&filter);
    assert_eq!(figures, serde_json::to_value(sitrep_pipeline::shapes::Figures::of(&killed)).unwrap());
    assert_eq!(figures["schema"], "sitrep.figures/1");
    assert!(figures["claim_groups"].as_array().unwrap().iter().all(|g| g["category"] == "killed"));

    let timeline: serde_json::Value = serde_json::from_slice(&get(addr, "/timeline.json").body).unwrap();
    assert_eq!(timeline["schema"], "sitrep.timeline/1");
    let versions = a.link_versions().unwrap();
    assert_eq!(timeline["version"], versions.last().expect("asking recorded a version").version);
    assert_eq!(timeline["events"].as_array().unwrap().len(), linked.events.len());
    // Asked again with nothing changed, no new version.
    let again: serde_json::Value = serde_json::from_slice(&get(addr, "/timeline.json").body).unwrap();
    assert_eq!(again["version"], timeline["version"]);
}

#[test]
fn the_token_redirect_goes_only_to_a_path_on_this_server() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = fixture(dir.path());
    let token = "correct-horse-battery";
    let addr = start(sitrep_web::Config { token: Some(token.into()), ..config(&path) });
    for (asked, to) in [
        (format!("//evil.example/?token={token}"), "/evil.example/"),
        (format!("/\\evil.example?token={token}&q=x"), "/evil.example?q=x"),
        (format!("/documents?token={token}"), "/documents"),
    ] {
        let r = get(addr, &asked);
        assert_eq!(r.status, 303, "{asked}: {}", r.text());
        assert_eq!(r.header("location"), Some(to), "{asked}");
    }
}

#[test]
fn wrong_tokens_are_slowed_down_per_client() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = fixture(dir.path());
    let token = "correct-horse-battery";
    let addr = start(sitrep_web::Config { token: Some(token.into()), ..config(&path) });
    let started = Instant::now();
    let statuses: Vec<u16> = (0..40).map(|i| get(addr, &format!("/documents?token=guess-{i:04}")).status).collect();
    let refused = statuses.iter().filter(|&&s| s == 429).count();
    assert_eq!(&statuses[..5], &[401; 5], "the first few wrong tokens are only wrong");
    assert!(refused >= 30, "the rest are told to wait, without their token being tried: {statuses:?}");
    // Even the right token waits its turn, and says how long.
    let r = get(addr, &format!("/documents?token={token}"));
    assert_eq!(r.status, 429);
    let wait: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait));
    // Guessing runs at a few a second at most, not thousands.
    let tried = statuses.iter().filter(|&&s| s == 401).count();
    assert!(tried <= 10, "{tried} guesses were tried in {:?}", started.elapsed());
    // Bearer guesses count the same.
    let r = request(addr, "GET", "/documents", &[("Authorization", "Bearer nope-nope-nope")], b"");
    assert_eq!(r.status, 429);
}

#[tokio::test]
async fn a_query_that_cannot_be_searched_is_a_bad_request() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = fixture(dir.path());
    let app = sitrep_web::app(config(&path)).unwrap();
    let q = vec!["a*"; 3000].join("+OR+");
    let (status, _, body) = call(&app, at(&format!("/documents?q={q}")).body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("cannot search for that"), "{body}");
    let q = vec!["a*"; 65].join("+OR+");
    let (status, _, body) = call(&app, at(&format!("/documents?q={q}")).body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("more than 64 terms"), "{body}");
    let (status, _, _) = call(&app, at("/documents?q=aleppo").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
}
