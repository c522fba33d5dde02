//! The situation report in a real browser: headless Chromium opens the file
//! with every host name unresolvable and a network log on, and must render
//! the figures, the evidence, the timeline and the map without asking the
//! network for anything. A screenshot is taken; with
//! `SITREP_WRITE_SCREENSHOTS=1` it becomes `docs/report.png`.
//!
//! Chromium is found at `$SITREP_CHROMIUM`, `/usr/bin/chromium` or on
//! `PATH`. Without one the test is reported as ignored (this file has its
//! own harness, libtest-mimic, which decides that when it starts), unless
//! `SITREP_REQUIRE_BROWSER=1` (then it fails, asking for Debian's
//! `chromium` package).

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};
use std::{env, fs, thread};

mod fixtures;

use fixtures::sample_linked;
use sitrep_report::html::{render, ReportOptions};

/// No run may take longer; a stuck browser is killed, never waited on.
const TIMEOUT: Duration = Duration::from_secs(60);

fn chromium() -> Option<PathBuf> {
    if let Some(p) = env::var_os("SITREP_CHROMIUM").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let fixed = Path::new("/usr/bin/chromium");
    if fixed.is_file() {
        return Some(fixed.to_path_buf());
    }
    let path = env::var_os("PATH")?;
    env::split_paths(&path).map(|dir| dir.join("chromium")).find(|p| p.is_file())
}

struct Run {
    status: ExitStatus,
    stdout: String,
    stderr: String,
}

/// Runs Chromium headless with a fresh profile and no network: every name
/// resolves to nothing. The browser runs in its own process group, which
/// is killed when it ends or times out, so no helper process outlives it.
fn run(browser: &Path, args: &[String]) -> Run {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(browser)
        .args([
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
            "--host-resolver-rules=MAP * ~NOTFOUND",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", browser.display()));
    let pid = child.id();
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out = thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let err = thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            kill_group(pid);
            let _ = child.kill();
            let _ = child.wait();
            panic!("{} {args:?} took more than {TIMEOUT:?}; killed", browser.display());
        }
        thread::sleep(Duration::from_millis(50));
    };
    // Helpers (zygote, renderer) may linger after the browser exits and
    // hold the pipes open.
    kill_group(pid);
    Run { status, stdout: out.join().unwrap(), stderr: err.join().unwrap() }
}

/// Kills the process group `pgid` that [`run`] started.
fn kill_group(pgid: u32) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{pgid}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

/// URLs the page itself asked for, from a Chromium network log. The
/// browser's own background requests (initiator "not an origin") are not
/// the page's; a page opened from a file has `file://` in its network
/// isolation key.
fn page_requests(net_log: &Path) -> Vec<String> {
    let text = fs::read_to_string(net_log).unwrap_or_else(|e| panic!("no network log at {}: {e}", net_log.display()));
    // Chromium may be killed before it closes the JSON; close it.
    let log: serde_json::Value = serde_json::from_str(&text)
        .or_else(|_| serde_json::from_str(&format!("{}]}}", text.trim_end().trim_end_matches(','))))
        .unwrap_or_else(|e| panic!("network log is not JSON: {e}"));
    let start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"].as_i64();
    let mut urls = Vec::new();
    for e in log["events"].as_array().into_iter().flatten() {
        if e["type"].as_i64() != start_job {
            continue;
        }
        let p = &e["params"];
        let (Some(url), Some(key)) = (p["url"].as_str(), p["network_isolation_key"].as_str()) else { continue };
        if key.contains("file:") || p["initiator"].as_str() == Some("null") {
            urls.push(url.to_string());
        }
    }
    urls
}

fn file_url(p: &Path) -> String {
    format!("file://{}", p.display())
}

fn main() {
    let args = libtest_mimic::Arguments::from_args();
    let browser = chromium();
    let required = env::var("SITREP_REQUIRE_BROWSER").as_deref() == Ok("1");
    let missing = browser.is_none();
    let trial = libtest_mimic::Trial::test("report_renders_offline_in_chromium", move || match browser {
        Some(b) => {
            report_renders_offline_in_chromium(&b);
            Ok(())
        }
        None => Err("no Chromium found (looked at $SITREP_CHROMIUM, /usr/bin/chromium, PATH): install Debian's \
                     chromium (`apt-get install chromium`) or point SITREP_CHROMIUM at one"
            .into()),
    })
    .with_ignored_flag(missing && !required);
    if missing && !required {
        eprintln!("no Chromium: the browser test is ignored; apt-get install chromium to run it");
    }
    libtest_mimic::run(&args, vec![trial]).exit();
}

fn report_renders_offline_in_chromium(browser: &Path) {
    let browser = browser.to_path_buf();
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.html");
    let opts = ReportOptions {
        title: Some("Eastern Aleppo and Idlib, 12–16 December 2016".into()),
        place: Some("Aleppo Governorate, Idlib Governorate".into()),
        from: Some("2016-12-12".into()),
        to: Some("2016-12-16".into()),
        generated_at: Some("2016-12-16 18:00 UTC".into()),
        archive: Some("aleppo.db".into()),
    };
    let html = render(&sample_linked(), &opts);
    fs::write(&report, &html).unwrap();

    // The DOM as the browser built it, with the network log on.
    let net_log = dir.path().join("net.json");
    let dom = run(&browser, &[format!("--log-net-log={}", net_log.display()), "--dump-dom".into(), file_url(&report)]);
    assert!(dom.status.success(), "chromium failed: {}\n{}", dom.status, dom.stderr);
    let dom = dom.stdout;
    assert!(
        dom.contains("<h1>Eastern Aleppo and Idlib"),
        "the report did not render:\n{}",
        &dom[..dom.len().min(2000)]
    );
    for figure in [">80,000</a>", ">100,000</a>", ">90,000</a>"] {
        assert!(dom.contains(figure), "{figure} missing from the DOM");
    }
    assert!(dom.contains("<section id=\"evidence\">") && dom.contains("<li id=\"ev-029625d45f07-"));
    assert!(dom.contains("<svg class=\"map\"") && dom.contains("<circle class=\"place\""));
    assert!(
        dom.contains("<path class=\"admin1\" d=\"M") && dom.contains("<path class=\"borders focus\" d=\"M"),
        "the map has no boundaries"
    );
    assert!(dom.contains("<svg class=\"timeline\"") && dom.contains("<circle class=\"mark\""));
    assert!(
        dom.contains("<blockquote lang=\"ar\" dir=\"rtl\">لم يعد هناك مكان آمن في حلب"),
        "the Arabic quote is not right to left"
    );
    // The hostile title stayed text: the parser made no script element of it.
    assert!(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !dom.contains("<script"));
    let fetched = page_requests(&net_log);
    assert!(fetched.is_empty(), "the report fetched {fetched:?}");

    // The check above can see a fetch: a page with a remote image is caught.
    let control = dir.path().join("control.html");
    fs::write(&control, "<!DOCTYPE html><p>control</p><img src=\"https://sitrep.invalid/x.png\">").unwrap();
    let control_log = dir.path().join("control.json");
    let run_control =
        run(&browser, &[format!("--log-net-log={}", control_log.display()), "--dump-dom".into(), file_url(&control)]);
    assert!(run_control.stdout.contains("control"));
    assert!(page_requests(&control_log).iter().any(|u| u.contains("sitrep.invalid")), "network log check is blind");

    // A screenshot of the top of the report.
    let png = dir.path().join("report.png");
    let shot = run(
        &browser,
        &[
            format!("--screenshot={}", png.display()),
            "--window-size=1280,2400".into(),
            "--force-device-scale-factor=1".into(),
            file_url(&report),
        ],
    );
    assert!(shot.status.success(), "screenshot failed: {}\n{}", shot.status, shot.stderr);
    let bytes = fs::read(&png).unwrap_or_else(|e| panic!("no screenshot at {}: {e}", png.display()));
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "the screenshot is not a PNG");
    assert!(bytes.len() > 20 * 1024, "the screenshot is {} bytes: blank?", bytes.len());

    // The map alone, as the report draws it.
    let section = html.find("<section id=\"map\">").and_then(|a| html[a..].find("</section>").map(|b| &html[a..a + b]));
    let style = html.find("<style>").and_then(|a| html[a..].find("</style>").map(|b| &html[a..a + b + 8]));
    let map_page = dir.path().join("map.html");
    fs::write(
        &map_page,
        format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">{}</head><body><main>{}</section></main></body></html>",
            style.unwrap_or(""),
            section.expect("the report has a map section")
        ),
    )
    .unwrap();
    let map_png = dir.path().join("map.png");
    let shot = run(
        &browser,
        &[
            format!("--screenshot={}", map_png.display()),
            "--window-size=1100,900".into(),
            "--force-device-scale-factor=1".into(),
            file_url(&map_page),
        ],
    );
    assert!(shot.status.success(), "map screenshot failed: {}\n{}", shot.status, shot.stderr);

    if env::var("SITREP_WRITE_SCREENSHOTS").as_deref() == Ok("1") {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let docs = root.join("docs");
        fs::create_dir_all(&docs).unwrap();
        fs::copy(&png, docs.join("report.png")).unwrap();
        fs::copy(&map_png, docs.join("report-map.png")).unwrap();
        fs::write(Path::new(env!("CARGO_TARGET_TMPDIR")).join("report.html"), &html).unwrap();
        eprintln!("wrote {}", docs.join("report.png").display());
    }
}
