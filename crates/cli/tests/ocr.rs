//! Pictures and scans read by Tesseract: a screenshot and a scanned PDF,
//! both drawn here with English and Arabic text (Chromium draws the page,
//! pdftoppm makes the scan), added with `sitrep add` and checked in what
//! `show` says. Without Tesseract, Chromium or pdftoppm the tests say so
//! and pass, unless `SITREP_REQUIRE_OCR=1` (as CI sets) makes that a
//! failure; a missing Tesseract must also be named in the error.

mod common;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const PAGE: &str = r#"<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body { font-family: 'DejaVu Sans', sans-serif; font-size: 30px; margin: 48px; background: #fff; color: #000; }
p { margin: 0 0 36px 0; }
</style></head><body>
<p>Civil defence teams recovered nine bodies from the rubble of the market on Tuesday.</p>
<p dir="rtl" lang="ar">قال الدفاع المدني إن تسعة أشخاص قتلوا في قصف السوق الشعبي في وسط المدينة القديمة صباح يوم الثلاثاء.</p>
</body></html>"#;

fn have(program: &str, arg: &str) -> bool {
    Command::new(program).arg(arg).output().is_ok_and(|o| o.status.success())
}

/// Whether the tools are here; a skip is a failure when CI asks for OCR.
fn tools() -> bool {
    let missing: Vec<&str> = [("tesseract", "--version"), ("chromium", "--version"), ("pdftoppm", "-v")]
        .into_iter()
        .filter(|(p, a)| !have(p, a))
        .map(|(p, _)| p)
        .collect();
    if missing.is_empty() {
        return true;
    }
    if std::env::var("SITREP_REQUIRE_OCR").is_ok_and(|v| v == "1") {
        panic!("SITREP_REQUIRE_OCR=1 but {} missing (apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-ara poppler-utils chromium)", missing.join(", "));
    }
    eprintln!("skipped: {} not installed", missing.join(", "));
    false
}

fn chromium(dir: &Path, args: &[&str]) {
    let html = dir.join("page.html");
    std::fs::write(&html, PAGE).unwrap();
    let profile = dir.join("profile");
    let out = Command::new("chromium")
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(out.status.success(), "chromium: {}", String::from_utf8_lossy(&out.stderr));
}

/// A screenshot of the page, as a PNG.
fn screenshot(dir: &Path) -> PathBuf {
    let png = dir.join("statement.png");
    chromium(dir, &["--window-size=1500,520", &format!("--screenshot={}", png.display())]);
    png
}

/// The page printed, drawn as a JPEG at 150 dpi, and put alone in a PDF
/// as a scanner writes one: a picture per page, no text layer.
fn scanned_pdf(dir: &Path) -> PathBuf {
    let printed = dir.join("printed.pdf");
    chromium(dir, &["--no-pdf-header-footer", &format!("--print-to-pdf={}", printed.display())]);
    let root = dir.join("scan");
    let out = Command::new("pdftoppm")
        .args(["-jpeg", "-r", "150", "-f", "1", "-l", "1", "-singlefile", "-scale-to-x", "1275", "-scale-to-y", "1650"])
        .arg(&printed)
        .arg(&root)
        .output()
        .unwrap();
    assert!(out.status.success(), "pdftoppm: {}", String::from_utf8_lossy(&out.stderr));
    let jpeg = std::fs::read(root.with_extension("jpg")).unwrap();
    let pdf = image_pdf(&jpeg, 1275, 1650);
    let path = dir.join("scanned-statement.pdf");
    std::fs::write(&path, pdf).unwrap();
    path
}

/// A one-page PDF (US Letter) showing a JPEG over the whole page.
fn image_pdf(jpeg: &[u8], width: u32, height: u32) -> Vec<u8> {
    let draw = b"q 612 0 0 792 0 0 cm /Im0 Do Q".to_vec();
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>"
            .to_vec(),
    ];
    let mut image = format!(
        "<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length {} >>\nstream\n",
        jpeg.len()
    )
    .into_bytes();
    image.extend_from_slice(jpeg);
    image.extend_from_slice(b"\nendstream");
    objects.push(image);
    let mut contents = format!("<< /Length {} >>\nstream\n", draw.len()).into_bytes();
    contents.extend_from_slice(&draw);
    contents.extend_from_slice(b"\nendstream");
    objects.push(contents);
    pdf_file(&objects)
}

/// Adds `file` and returns what `show --json` says of it.
fn added(s: &Scratch, file: &Path) -> Value {
    let r = s.run_paths(&["add"], &[file]);
    assert_eq!(r.code(), 0, "{}", r.stderr());
    let list = s.json(&["list", "--json"]);
    let name = file.file_name().unwrap().to_str().unwrap();
    let d = list
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["source"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("{name} not listed: {list}"));
    s.json(&["show", d["id"].as_str().unwrap(), "--json"])
}

fn check_reading(d: &Value, what: &str) {
    let text = d["text"].as_str().unwrap();
    assert!(text.contains("recovered nine bodies from the rubble"), "{what}: {text}");
    assert!(text.contains("الدفاع المدني") && text.contains("قصف السوق"), "{what}: {text}");
    let languages: Vec<&str> = d["languages"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(languages.contains(&"en") && languages.contains(&"ar"), "{what}: {languages:?}");
    let ocr = &d["ocr"];
    assert!(ocr["engine"].as_str().unwrap().starts_with("tesseract"), "{ocr}");
    assert_eq!(ocr["languages"], "eng+ara");
    let paragraphs = ocr["paragraphs"].as_array().unwrap();
    assert!(paragraphs.len() >= 2, "{ocr}");
    for p in paragraphs {
        let (a, b) = (p["span"]["start"].as_u64().unwrap() as usize, p["span"]["end"].as_u64().unwrap() as usize);
        assert!(a < b && b <= text.len(), "{p}");
        let c = p["confidence"].as_f64().unwrap();
        assert!((0.0..=100.0).contains(&c));
    }
    let confidence = ocr["confidence"].as_f64().unwrap();
    eprintln!(
        "{what}: confidence {confidence:.1}, paragraphs {:?}",
        paragraphs.iter().map(|p| p["confidence"].as_f64().unwrap()).collect::<Vec<_>>()
    );
    assert!(confidence > 70.0, "{what}: {ocr}");
}

#[test]
fn a_picture_is_read_in_english_and_arabic_with_its_confidence() {
    if !tools() {
        return;
    }
    let s = Scratch::new();
    let png = screenshot(s.dir.path());
    let d = added(&s, &png);
    assert_eq!(d["format"], "image");
    assert_eq!(d["size"].as_u64().unwrap(), std::fs::metadata(&png).unwrap().len(), "the picture is the raw bytes");
    check_reading(&d, "screenshot");
    let raw = s.run(&["raw", d["id"].as_str().unwrap()]);
    assert_eq!(raw.0.stdout, std::fs::read(&png).unwrap());
    let shown = s.run(&["show", d["id"].as_str().unwrap(), "--no-text"]).stdout();
    assert!(shown.contains("ocr        tesseract"), "{shown}");
}

#[test]
fn a_scanned_pdf_is_read_page_by_page() {
    if !tools() {
        return;
    }
    let s = Scratch::new();
    let pdf = scanned_pdf(s.dir.path());
    let d = added(&s, &pdf);
    assert_eq!(d["format"], "pdf");
    assert_eq!(d["pages"].as_array().unwrap().len(), 1);
    check_reading(&d, "scanned PDF");
}

#[test]
fn without_tesseract_the_error_names_the_package_and_the_rest_goes_on() {
    let s = Scratch::new();
    // Any PNG will do: the program is missing before it is looked at.
    let png = s.write("photo.png", b"\x89PNG\r\n\x1a\n not really a picture");
    let txt = s.write("note.txt", "Shelling hit the northern districts on Monday, residents said.");
    let r = Run(s.cmd().env("PATH", "/nonexistent").arg("add").arg(&png).arg(&txt).output().unwrap());
    assert_eq!(r.code(), 1, "{}", r.stderr());
    assert!(r.stderr().contains("apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-ara"), "{}", r.stderr());
    let list = s.json(&["list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 1, "the text file is added all the same");
}
