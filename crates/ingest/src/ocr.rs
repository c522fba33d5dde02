//! Text from pictures: photographs of statements, screenshots of posts,
//! and PDFs that are scans without a text layer, read by Tesseract.
//!
//! sitrep runs the `tesseract` program (Debian's `tesseract-ocr`, with the
//! `tesseract-ocr-eng` and `tesseract-ocr-ara` models) rather than linking
//! it, so the binary stays self-contained and a machine without OCR reads
//! every other format as before. Both languages are always asked for
//! (`-l eng+ara`): reporting from the region mixes them on one page, and
//! Tesseract picks per word. A scanned PDF is first rasterized at 300 dpi by
//! `pdftoppm` (Debian's `poppler-utils`).
//!
//! Tesseract's TSV output gives every word its block, paragraph and line,
//! and a confidence (0–100). A paragraph of the text is one of Tesseract's
//! paragraphs, its lines joined by spaces (a word hyphenated across a line
//! end is joined again); its confidence is the mean of its words',
//! weighted by their length, so one doubtful comma does not weigh as much
//! as a doubtful name. The image itself is the document's raw bytes.
//!
//! Each run is bounded by [`Limits::max_ocr_seconds`]: a huge or hostile
//! picture is stopped and reported, and the batch goes on.

use crate::error::{IngestError, Result};
use crate::limits::Limits;
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The language models asked for, as Tesseract names them.
pub const LANGUAGES: &str = "eng+ara";

/// What to install when a program or model is missing (Debian's names).
const INSTALL_TESSERACT: &str = "apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-ara";
const INSTALL_POPPLER: &str = "apt-get install poppler-utils";

/// One paragraph as Tesseract read it.
#[derive(Clone, Debug, PartialEq)]
pub struct Paragraph {
    pub text: String,
    /// Mean word confidence, 0–100, weighted by word length.
    pub confidence: f32,
    /// Characters of word text behind `confidence`, to weigh pages.
    pub weight: usize,
}

/// The engine's name and version (`tesseract 5.3.0`), once its models are
/// known to be there; the error names the package to install.
pub fn engine() -> Result<String> {
    static ENGINE: OnceLock<std::result::Result<String, String>> = OnceLock::new();
    ENGINE.get_or_init(probe).clone().map_err(IngestError::Ocr)
}

fn probe() -> std::result::Result<String, String> {
    let missing = || format!("Tesseract is not installed; install it with `{INSTALL_TESSERACT}`");
    let out = Command::new("tesseract").arg("--version").output().map_err(|_| missing())?;
    // Tesseract 4 printed its version on stderr, 5 on stdout.
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let version = text.lines().next().unwrap_or("tesseract").trim().to_string();
    let langs = Command::new("tesseract").arg("--list-langs").output().map_err(|_| missing())?;
    let listed = format!("{}{}", String::from_utf8_lossy(&langs.stdout), String::from_utf8_lossy(&langs.stderr));
    let have: Vec<&str> = listed.lines().map(str::trim).collect();
    for (lang, package) in [("eng", "tesseract-ocr-eng"), ("ara", "tesseract-ocr-ara")] {
        if !have.contains(&lang) {
            return Err(format!("Tesseract has no {lang} model; install it with `apt-get install {package}`"));
        }
    }
    Ok(version)
}

/// Reads the text of one picture (PNG, JPEG, TIFF, WebP, GIF, BMP).
pub fn image(raw: &[u8], limits: &Limits) -> Result<Vec<Paragraph>> {
    engine()?;
    let deadline = Instant::now() + Duration::from_secs(limits.max_ocr_seconds);
    let tsv = run(Command::new("tesseract").args(["stdin", "stdout", "-l", LANGUAGES, "tsv"]), raw, deadline, limits)?;
    Ok(paragraphs(&String::from_utf8_lossy(&tsv)))
}

/// Reads each page of a PDF that has no text layer: the pages are drawn at
/// 300 dpi by `pdftoppm`, then read one by one. At most
/// [`Limits::max_pdf_pages`] pages, all within one
/// [`Limits::max_ocr_seconds`].
pub fn pdf(raw: &[u8], limits: &Limits) -> Result<Vec<Vec<Paragraph>>> {
    engine()?;
    let deadline = Instant::now() + Duration::from_secs(limits.max_ocr_seconds);
    let dir = tempfile::tempdir()?;
    let root = dir.path().join("page");
    let last = limits.max_pdf_pages.to_string();
    let mut cmd = Command::new("pdftoppm");
    cmd.args(["-r", "300", "-gray", "-png", "-l", &last, "-"]).arg(&root);
    match run(&mut cmd, raw, deadline, limits) {
        Err(IngestError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(IngestError::Ocr(format!(
                "a scanned PDF is drawn as pictures by pdftoppm, which is not installed; install it with `{INSTALL_POPPLER}`"
            )));
        }
        other => other?,
    };
    let mut files: Vec<_> = std::fs::read_dir(dir.path())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "png"))
        .collect();
    // page-01.png … page-10.png: the same width, so names sort as pages.
    files.sort();
    let mut pages = Vec::with_capacity(files.len());
    for file in files {
        let mut cmd = Command::new("tesseract");
        cmd.arg(&file).args(["stdout", "-l", LANGUAGES, "tsv"]);
        let tsv = run(&mut cmd, &[], deadline, limits)?;
        pages.push(paragraphs(&String::from_utf8_lossy(&tsv)));
    }
    Ok(pages)
}

/// Runs a program with `input` on its standard input and returns its
/// standard output, killing it at `deadline`.
fn run(cmd: &mut Command, input: &[u8], deadline: Instant, limits: &Limits) -> Result<Vec<u8>> {
    let program = cmd.get_program().to_string_lossy().to_string();
    let mut child = match cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn() {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && program == "tesseract" => {
            return Err(IngestError::Ocr(format!("Tesseract is not installed; install it with `{INSTALL_TESSERACT}`")));
        }
        Err(e) => return Err(IngestError::Io(e)),
    };
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = input.to_vec();
    // Writing and reading on threads of their own: a program that stops
    // reading its input while its output pipe fills would otherwise hang.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = stdout.read_to_end(&mut out);
        out
    });
    let mut stderr = child.stderr.take().expect("stderr is piped");
    let errors = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = (&mut stderr).take(64 * 1024).read_to_end(&mut out);
        out
    });
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err(IngestError::TooLarge {
                what: "reading the picture's text",
                size: format!("over {} s", limits.max_ocr_seconds),
                limit: format!("{} s", limits.max_ocr_seconds),
                flag: "max-ocr-seconds",
            });
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let _ = writer.join();
    let out = reader.join().unwrap_or_default();
    let err = errors.join().unwrap_or_default();
    if !status.success() {
        let said = String::from_utf8_lossy(&err);
        let said = said.lines().rfind(|l| !l.trim().is_empty()).unwrap_or("no message").trim().to_string();
        return Err(IngestError::malformed("image", format!("{program} could not read it ({said})")));
    }
    Ok(out)
}

/// Paragraphs from Tesseract's TSV: `level page block par line word left
/// top width height conf text`, words at level 5.
pub fn paragraphs(tsv: &str) -> Vec<Paragraph> {
    // (page, block, paragraph) → lines → words with their confidence.
    let mut out: Vec<Paragraph> = Vec::new();
    let mut key = None;
    let mut lines: Vec<Vec<(String, f32)>> = Vec::new();
    let mut line_no = None;
    let flush = |lines: &mut Vec<Vec<(String, f32)>>, out: &mut Vec<Paragraph>| {
        if let Some(p) = paragraph(lines) {
            out.push(p);
        }
        lines.clear();
    };
    for row in tsv.lines().skip(1) {
        let cols: Vec<&str> = row.splitn(12, '\t').collect();
        if cols.len() < 12 || cols[0] != "5" {
            continue;
        }
        let word = cols[11].trim();
        let conf: f32 = cols[10].parse().unwrap_or(-1.0);
        if word.is_empty() || conf < 0.0 {
            continue;
        }
        let here = (cols[1], cols[2], cols[3]);
        if key != Some(here) {
            flush(&mut lines, &mut out);
            key = Some(here);
            line_no = None;
        }
        if line_no != Some(cols[4]) {
            lines.push(Vec::new());
            line_no = Some(cols[4]);
        }
        lines.last_mut().expect("a line was pushed").push((word.to_string(), conf));
    }
    flush(&mut lines, &mut out);
    out
}

fn paragraph(lines: &[Vec<(String, f32)>]) -> Option<Paragraph> {
    let mut text = String::new();
    let (mut sum, mut weight) = (0f64, 0usize);
    for line in lines {
        for (i, (word, conf)) in line.iter().enumerate() {
            let n = word.chars().count();
            sum += f64::from(*conf) * n as f64;
            weight += n;
            if i == 0 && !text.is_empty() {
                // A word cut at a line end (`recov-` / `ered`) is one word.
                let cut = text.ends_with('-')
                    && text[..text.len() - 1].chars().next_back().is_some_and(char::is_lowercase)
                    && word.chars().next().is_some_and(char::is_lowercase);
                if cut {
                    text.pop();
                } else if !text.ends_with('-') {
                    text.push(' ');
                }
            } else if i > 0 {
                text.push(' ');
            }
            text.push_str(word);
        }
    }
    let text = crate::document::clean_text(&text).replace('\n', " ");
    (weight > 0 && !text.trim().is_empty()).then(|| Paragraph {
        text,
        confidence: ((sum / weight as f64) * 10.0).round() as f32 / 10.0,
        weight,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(block: u32, par: u32, line: u32, word: u32, conf: f32, text: &str) -> String {
        format!("5\t1\t{block}\t{par}\t{line}\t{word}\t0\t0\t10\t10\t{conf}\t{text}\n")
    }

    #[test]
    fn words_become_paragraphs_with_weighted_confidence() {
        let mut tsv = String::from(
            "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n",
        );
        tsv.push_str("1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n");
        tsv += &row(1, 1, 1, 1, 90.0, "Rescuers");
        tsv += &row(1, 1, 1, 2, 60.0, "recov-");
        tsv += &row(1, 1, 2, 1, 90.0, "ered");
        tsv += &row(1, 1, 2, 2, 90.0, "al-");
        tsv += &row(1, 1, 3, 1, 90.0, "Bab.");
        tsv += &row(2, 1, 1, 1, 80.0, "قال");
        tsv += &row(2, 1, 1, 2, 70.0, "المسعفون");
        tsv += &row(2, 1, 1, 3, -1.0, "");
        let ps = paragraphs(&tsv);
        assert_eq!(ps.len(), 2);
        assert_eq!(ps[0].text, "Rescuers recovered al-Bab.");
        // (8*90 + 6*60 + 4*90 + 3*90 + 4*90) / 25
        assert_eq!(ps[0].confidence, 82.8);
        assert_eq!(ps[1].text, "قال المسعفون");
        assert_eq!(ps[1].confidence, 72.7);
    }

    #[test]
    fn no_words_no_paragraphs() {
        assert!(paragraphs("level\tpage_num\n1\t1\t0\t0\t0\t0\t0\t0\t1\t1\t-1\t\n").is_empty());
    }
}
