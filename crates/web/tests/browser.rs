//! The desk in a real browser: headless Chromium driven over WebDriver
//! (Debian's `chromium-driver`) through search in English and Arabic,
//! reading a document, confirming and correcting a figure, the export and
//! the audit log that follow, adding a fact by selecting words, and a
//! hostile page that must run nothing. With `SITREP_WRITE_SCREENSHOTS=1`
//! the main pages are saved to `docs/web-*.png`.
//!
//! Chromium is found at `$SITREP_CHROMIUM`, `/usr/bin/chromium` or on
//! `PATH`, ChromeDriver at `$SITREP_CHROMEDRIVER`, `/usr/bin/chromedriver`
//! or on `PATH`. Without them the test is reported as ignored (this file
//! has its own harness, libtest-mimic, which decides that when it starts),
//! unless `SITREP_REQUIRE_BROWSER=1` (then it fails, asking for the
//! packages).
//!
//! WebDriver is JSON over HTTP; the few commands needed are spoken here
//! over a socket rather than through a client crate.

mod common;

use common::*;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use std::{env, fs, thread};

fn find(var: &str, fixed: &str, name: &str) -> Option<PathBuf> {
    if let Some(p) = env::var_os(var).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    if Path::new(fixed).is_file() {
        return Some(PathBuf::from(fixed));
    }
    let path = env::var_os("PATH")?;
    env::split_paths(&path).map(|dir| dir.join(name)).find(|p| p.is_file())
}

/// ChromeDriver in its own process group, killed with everything it
/// started when the test ends, passes or panics.
struct Driver {
    child: Child,
    addr: SocketAddr,
    session: String,
    _profile: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = wd(self.addr, "DELETE", &format!("/session/{}", self.session), None);
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One WebDriver command; its `value`, or the error it names.
fn wd(addr: SocketAddr, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
    let mut s = TcpStream::connect(addr).map_err(|e| e.to_string())?;
    s.set_read_timeout(Some(Duration::from_secs(40))).unwrap();
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).map_err(|e| e.to_string())?;
    // ChromeDriver answers with a length (never chunked) and may keep the
    // connection open: read the head, then exactly the body.
    let mut raw = Vec::new();
    let mut buf = [0u8; 64 * 1024];
    let (head_end, length) = loop {
        let n = s.read(&mut buf).map_err(|e| format!("{method} {path}: {e}"))?;
        if n == 0 {
            return Err(format!("{method} {path}: the connection closed"));
        }
        raw.extend_from_slice(&buf[..n]);
        if let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            break (end + 4, length);
        }
    };
    while raw.len() < head_end + length {
        let n = s.read(&mut buf).map_err(|e| format!("{method} {path}: {e}"))?;
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&buf[..n]);
    }
    let json = String::from_utf8_lossy(&raw[head_end..]).into_owned();
    let v: Value = serde_json::from_str(&json).map_err(|e| format!("{method} {path}: not JSON ({e}): {json}"))?;
    match v["value"].get("error") {
        Some(err) => Err(format!("{err}: {}", v["value"]["message"].as_str().unwrap_or(""))),
        None => Ok(v["value"].clone()),
    }
}

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Whether a WebDriver error says the element was on a page being
/// replaced: Chromium calls it "stale", or, when the page changed between
/// finding the element and asking about it, a node that "does not belong
/// to the document".
fn replaced(err: &str) -> bool {
    err.contains("stale") || err.contains("does not belong to the document")
}

impl Driver {
    fn start(driver: &Path, browser: &Path) -> Driver {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", driver.display()));
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        let profile = tempfile::tempdir().unwrap();
        let mut d = Driver { child, addr, session: String::new(), _profile: profile };
        let started = Instant::now();
        while wd(addr, "GET", "/status", None).map(|v| v["ready"] != json!(true)).unwrap_or(true) {
            assert!(started.elapsed() < Duration::from_secs(20), "ChromeDriver did not start");
            thread::sleep(Duration::from_millis(100));
        }
        let args = json!([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--hide-scrollbars",
            "--window-size=1360,1000",
            "--force-device-scale-factor=1",
            format!("--user-data-dir={}", d._profile.path().display()),
        ]);
        let caps = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": browser.display().to_string(), "args": args },
            // Elements are waited for (up to 5 s) after a click or a form
            // posts, so a slow machine does not fail the test.
            "timeouts": { "pageLoad": 20000, "script": 10000, "implicit": 5000 },
            "unhandledPromptBehavior": "ignore"
        }}});
        let v = wd(addr, "POST", "/session", Some(caps)).expect("a browser session");
        d.session = v["sessionId"].as_str().expect("a session id").to_string();
        d
    }

    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        wd(self.addr, method, &format!("/session/{}{path}", self.session), body)
    }

    fn go(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({ "url": url }))).unwrap_or_else(|e| panic!("open {url}: {e}"));
    }

    fn find(&self, css: &str) -> String {
        let v = self
            .cmd("POST", "/element", Some(json!({ "using": "css selector", "value": css })))
            .unwrap_or_else(|e| panic!("no {css}: {e}\n{}", self.js("return document.body.innerText")));
        v[ELEMENT].as_str().unwrap_or_else(|| panic!("{css}: {v}")).to_string()
    }

    fn click(&self, css: &str) {
        for _ in 0..50 {
            let e = self.find(css);
            match self.cmd("POST", &format!("/element/{e}/click"), Some(json!({}))) {
                Ok(_) => return,
                // The page was still being replaced: find it on the new one.
                Err(err) if replaced(&err) => std::thread::sleep(Duration::from_millis(100)),
                Err(err) => panic!("click {css}: {err}"),
            }
        }
        panic!("{css} kept going stale")
    }

    fn type_in(&self, css: &str, text: &str) {
        let e = self.find(css);
        self.cmd("POST", &format!("/element/{e}/clear"), Some(json!({}))).unwrap();
        self.cmd("POST", &format!("/element/{e}/value"), Some(json!({ "text": text }))).unwrap();
    }

    /// The element's text. A form post or click may still be replacing the
    /// page when this is asked: an element of the old page that goes stale
    /// in between is looked up again.
    fn text(&self, css: &str) -> String {
        for _ in 0..50 {
            let e = self.find(css);
            match self.cmd("GET", &format!("/element/{e}/text"), None) {
                Ok(v) => return v.as_str().unwrap_or("").to_string(),
                Err(err) if replaced(&err) => std::thread::sleep(Duration::from_millis(100)),
                Err(err) => panic!("text of {css}: {err}"),
            }
        }
        panic!("{css} kept going stale")
    }

    /// Waits (up to 10 s) until the element's text holds `needle`, as the
    /// page that answers a form replaces the one that sent it; the text.
    fn wait_text(&self, css: &str, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let t = self.text(css);
            if t.contains(needle) || Instant::now() > deadline {
                return t;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn js(&self, script: &str) -> Value {
        self.cmd("POST", "/execute/sync", Some(json!({ "script": script, "args": [] })))
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    fn body(&self) -> String {
        self.text("body")
    }

    fn alert(&self) -> Option<String> {
        self.cmd("GET", "/alert/text", None).ok().map(|v| v.as_str().unwrap_or("").to_string())
    }

    fn screenshot(&self, to: &Path) {
        let b64 = self.cmd("GET", "/screenshot", None).unwrap();
        let png = base64(b64.as_str().unwrap());
        assert!(png.starts_with(b"\x89PNG"), "not a PNG");
        fs::write(to, png).unwrap();
    }
}

fn base64(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let clean: Vec<u8> = s.bytes().filter(|c| c.is_ascii_alphanumeric() || *c == b'+' || *c == b'/').collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, &c)| acc | (val(c) as u32) << (18 - 6 * i));
        out.push((n >> 16) as u8);
        if chunk.len() > 2 {
            out.push((n >> 8) as u8);
        }
        if chunk.len() > 3 {
            out.push(n as u8);
        }
    }
    out
}

fn main() {
    let args = libtest_mimic::Arguments::from_args();
    let found = match (
        find("SITREP_CHROMIUM", "/usr/bin/chromium", "chromium"),
        find("SITREP_CHROMEDRIVER", "/usr/bin/chromedriver", "chromedriver"),
    ) {
        (Some(b), Some(d)) => Some((b, d)),
        _ => None,
    };
    let required = env::var("SITREP_REQUIRE_BROWSER").as_deref() == Ok("1");
    let missing = found.is_none();
    let trial = libtest_mimic::Trial::test("an_analyst_reviews_in_chromium", move || match found {
        Some((browser, driver)) => {
            an_analyst_reviews_in_chromium(&browser, &driver);
            Ok(())
        }
        None => Err("Chromium or ChromeDriver is missing: install Debian's chromium and chromium-driver \
                     (`apt-get install chromium chromium-driver`), or set SITREP_CHROMIUM and SITREP_CHROMEDRIVER"
            .into()),
    })
    .with_ignored_flag(missing && !required);
    if missing && !required {
        eprintln!("no Chromium or ChromeDriver: the browser test is ignored; apt-get install chromium chromium-driver");
    }
    libtest_mimic::run(&args, vec![trial]).exit();
}

fn an_analyst_reviews_in_chromium(browser: &Path, driver: &Path) {
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let (path, ids) = fixture(dir.path());
    let addr = start(sitrep_web::Config { user: Some("browser".into()), ..config(&path) });
    let base = format!("http://{addr}");
    let d = Driver::start(driver, browser);

    // Search in English from the box in the bar, then in Arabic.
    d.go(&format!("{base}/documents"));
    d.type_in("form.search input", "shelling\u{E007}");
    assert!(d.wait_text("p.count", "found for").contains("found for"), "{}", d.body());
    assert!(d.wait_text("table.docs", "Shelling in the Shaar district").contains("Shelling in the Shaar district"));
    d.type_in("form.search input", "حلب\u{E007}");
    let arabic = d.wait_text("table.docs", "قصف على حي الشعار في حلب");
    assert!(arabic.contains("قصف على حي الشعار في حلب"), "{arabic}");

    // Open the English hit: its facts are marked, the value on hover.
    d.go(&format!("{base}/documents?q=shelling"));
    d.click("table.docs a.title");
    assert!(d.wait_text("h1", "Shelling in the Shaar district").contains("Shelling in the Shaar district"));
    let a = sitrep_store::Archive::open(&path).unwrap();
    let id = &ids["english"];
    let span = a.record(id).unwrap().unwrap().figures.iter().find(|f| f.category == "killed").unwrap().span;
    let mark = format!("mark.fact-figure[data-start=\"{}\"][data-end=\"{}\"]", span[0], span[1]);
    let e = d.find(&mark);
    let title = d.cmd("GET", &format!("/element/{e}/attribute/title"), None).unwrap();
    assert!(title.as_str().unwrap().contains("killed: 12"), "{title}");
    assert!(d.js("return document.querySelectorAll('mark.fact').length").as_u64().unwrap() >= 6);

    // Confirm the figure, then correct it: 12 → 14.
    let item = format!("li.fact-item[data-kind=\"figure\"][data-start=\"{}\"][data-end=\"{}\"]", span[0], span[1]);
    d.click(&format!("{item} button.ok"));
    let url = d.cmd("GET", "/url", None).unwrap();
    assert!(d.wait_text("p.flash", "is confirmed").contains("is confirmed"), "{url}\n{}", d.body());
    assert_eq!(d.text(&format!("{item} .badge")).to_lowercase(), "confirmed");
    d.click(&format!("{item} details.correct summary"));
    d.type_in(&format!("{item} input[name=value]"), "14");
    d.click(&format!("{item} details.correct button[type=submit]"));
    assert!(d.wait_text("p.flash", "is corrected").contains("is corrected"));
    assert_eq!(d.text(&format!("{item} .badge")).to_lowercase(), "corrected");
    assert!(d.text(&format!("{item} .fi-value")).contains("killed: 14"));

    // The export follows the review; the audit log has both actions.
    let json = get(addr, "/export/json").text();
    assert!(json.contains("\"value\": 14.0"), "the export still says 12");
    d.click("header.top nav a[href=\"/audit\"]");
    let audit = d.text("table.audit").to_lowercase();
    assert!(audit.contains("confirm") && audit.contains("correct") && audit.contains("browser"), "{audit}");
    assert!(d.text("p.chain").contains("Chain intact"));

    // Select words and add the fact the extractor missed. An emoji stands
    // before them: JavaScript counts it twice, the record once.
    d.go(&format!("{base}/documents/{id}"));
    let script = r#"
        const piece = [...document.querySelectorAll('#doc-text .t')].find(p => p.textContent.includes('old market'));
        const node = piece.firstChild;
        const at = node.data.indexOf('old market');
        const r = document.createRange();
        r.setStart(node, at);
        r.setEnd(node, at + 'old market'.length);
        const sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(r);
        document.getElementById('doc-text').dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
        return null;"#;
    d.js(script);
    thread::sleep(Duration::from_millis(100));
    let start = char_at(ENGLISH, "old market");
    let got = d.js("const f = document.querySelector('#add-fact form'); return [f.start.value, f.end.value]");
    assert_eq!(got, json!([start.to_string(), (start + 10).to_string()]), "offsets in characters, not UTF-16 units");
    d.js("const f = document.querySelector('#add-fact form'); f.kind.value = 'place'; f.kind.dispatchEvent(new Event('change')); return null");
    d.type_in("#add-fact input[name=name]", "Old market");
    d.click("#add-fact button[type=submit]");
    assert!(d.wait_text("p.flash", "is added").contains("is added"));
    d.find(&format!("mark.fact-place.status-added[data-start=\"{start}\"]"));

    // Places are one row per place with its mentions; confirming the
    // group confirms each mention, with an audit entry for each.
    d.go(&format!("{base}/documents/{id}"));
    let group = "li.fact-group[data-kind=\"place\"]";
    let name = d.text(&format!("{group} .fi-head a.fi-text"));
    let mentions = d.text(&format!("{group} .fi-head .badge")).to_lowercase();
    assert!(["Sha'aar", "Aleppo"].contains(&name.as_str()) && mentions == "2 mentions", "{name} {mentions}");
    let before = sitrep_store::Archive::open(&path).unwrap().audit().unwrap().len();
    d.click(&format!("{group} button.ok.group"));
    let flash = d.wait_text("p.flash", "are confirmed");
    assert!(flash.contains(&format!("2 mentions of {name} are confirmed")), "{flash}\n{}", d.body());
    let after = sitrep_store::Archive::open(&path).unwrap().audit().unwrap().len();
    assert_eq!(after, before + 2, "one audit entry per mention");
    assert!(d.text(&format!("{group} .fi-review")).contains("2 confirmed"));

    // The review loop from the keyboard: j moves to a fact, x rejects it,
    // and the page comes back focused on it.
    d.go(&format!("{base}/documents/{id}"));
    let keys = |k: &str| {
        d.cmd(
            "POST",
            "/actions",
            Some(json!({ "actions": [{ "type": "key", "id": "k", "actions": [
                { "type": "keyDown", "value": k }, { "type": "keyUp", "value": k }
            ]}]})),
        )
        .unwrap();
    };
    // The page's script must be listening before the key is pressed: on a
    // loaded machine the first key can come before it (up to 5 s).
    for _ in 0..50 {
        if d.js("return document.readyState === 'complete' && !!document.querySelector('aside li')") == json!(true) {
            break;
        }
        thread::sleep(Duration::from_millis(100));
    }
    keys("j");
    let mut focused = Value::Null;
    for _ in 0..50 {
        focused = d.js("const f = document.querySelector('aside li.focus'); return f && f.dataset.kind");
        if focused.is_string() {
            break;
        }
        thread::sleep(Duration::from_millis(100));
    }
    assert!(focused.is_string(), "j focused nothing");
    let marked = d.js("return document.querySelectorAll('#doc-text .hit').length").as_u64().unwrap();
    assert!(marked > 0, "the focused fact's words are not shown in the text");
    let span = d.js("const f = document.querySelector('aside li.fact-item.focus'); return f ? [f.dataset.start, f.dataset.end] : null");
    if span.is_array() {
        keys("x");
        assert!(d.wait_text("p.flash", "is rejected").contains("is rejected"), "{}", d.body());
        let back = d.js(
            "const f = document.querySelector('aside li.focus'); return f ? [f.dataset.start, f.dataset.end] : null",
        );
        assert_eq!(back, span, "the page did not come back to the rejected fact");
    }

    // The map: Leaflet over the bundled boundaries, the places clustered
    // or labelled, nothing fetched from elsewhere.
    d.go(&format!("{base}/timeline"));
    let deadline = Instant::now() + Duration::from_secs(10);
    let map = loop {
        let m = d.js(
            "return [document.querySelectorAll('#map.ready path.leaflet-interactive, #map.ready svg path').length, \
             document.querySelectorAll('#map .leaflet-tooltip.place-label, #map .marker-cluster').length, \
             performance.getEntriesByType('resource').filter(r => !r.name.startsWith(location.origin)).length]",
        );
        if m[0].as_u64().unwrap_or(0) > 3 || Instant::now() > deadline {
            break m;
        }
        thread::sleep(Duration::from_millis(100));
    };
    assert!(map[0].as_u64().unwrap() > 3, "no boundaries drawn: {map}");
    assert!(map[1].as_u64().unwrap() >= 1, "no place on the map: {map}");
    assert_eq!(map[2], json!(0), "the map fetched from elsewhere");
    let zoom = d.js("const z = document.querySelector('#map .leaflet-control-zoom-in'); return !!z");
    assert_eq!(zoom, json!(true), "no zoom control");

    // A hostile page runs nothing and makes no element of its text.
    d.go(&format!("{base}/documents/{}", ids["hostile"]));
    assert_eq!(d.alert(), None, "an alert opened");
    assert!(d.text("h1").contains("<script>window.pwned=1;alert(1)</script> hostile page"));
    let checks = d.js(
        "return [document.querySelectorAll('script').length, typeof window.pwned, \
         document.querySelectorAll('#doc-text *:not(span):not(mark):not(p), h1 *').length, \
         document.querySelectorAll('img, iframe, object, embed, a[href^=\"javascript\"], [onerror], [onload], [onmouseover]').length]",
    );
    assert_eq!(checks, json!([1, "undefined", 0, 0]), "the hostile page made elements or ran script");
    // The list and search show its title as text too.
    d.go(&format!("{base}/documents?q=hostile"));
    assert_eq!(d.alert(), None);
    assert_eq!(
        d.js("return [typeof window.pwned, document.querySelectorAll('script').length]"),
        json!(["undefined", 1])
    );

    if env::var("SITREP_WRITE_SCREENSHOTS").as_deref() == Ok("1") {
        screenshots(&d, &base, &path, id);
    }
    assert!(started.elapsed() < Duration::from_secs(90), "the browser test took {:?}", started.elapsed());
}

/// The main pages, over the fixtures and a few dozen more dispatches so the
/// lists look like work in progress.
fn screenshots(d: &Driver, base: &str, archive: &Path, id: &str) {
    #[path = "../benches/corpus.rs"]
    #[allow(dead_code)]
    mod corpus;
    let mut a = sitrep_store::Archive::open(archive).unwrap();
    for i in 0..60 {
        let doc = corpus::document(i * 37);
        let record = sitrep_annotate::extract(&doc, &Default::default());
        a.add(&doc, Some(&record)).unwrap();
    }
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs");
    fs::create_dir_all(&docs).unwrap();
    for (name, page) in [
        ("documents", "/documents".to_string()),
        ("document", format!("/documents/{id}")),
        ("figures", "/figures".to_string()),
        ("timeline", "/timeline".to_string()),
    ] {
        d.go(&format!("{base}{page}"));
        thread::sleep(Duration::from_millis(if name == "timeline" { 1200 } else { 200 }));
        if name == "document" {
            // The places, one row per place with its mentions, the first
            // focused as the j key would, its words marked in the text.
            d.js("for (const k of document.querySelectorAll('aside details.kind')) \
                   k.open = !!k.querySelector('li.fact-group'); \
                 const g = document.querySelector('aside li.fact-group'); \
                 if (g) { g.querySelector('a.fi-text').click(); g.scrollIntoView({ block: 'start' }); } \
                 window.scrollTo(0, 0); return null");
            thread::sleep(Duration::from_millis(200));
        }
        let to = docs.join(format!("web-{name}.png"));
        d.screenshot(&to);
        eprintln!("wrote {}", to.display());
    }
}
