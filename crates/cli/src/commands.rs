//! One function per subcommand: call the library, print the result.

use crate::args::{
    AddArgs, AnchorArgs, ExtractArgs, GazetteerImportArgs, RecordFormat, ReextractArgs, SearchArgs, ShowArgs,
    VerifyArgs,
};
use crate::exit;
use crate::output::{highlight, isolate, pad, short_id, stdout_is_tty, tail, truncate};
use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sitrep_ingest::human_bytes;
use sitrep_pipeline::add::{self, Event, Input, Outcome};
use sitrep_pipeline::extract::Progress;
use sitrep_pipeline::shapes::{AddReport, Expected, ItemReport, Listed, Verified};
use sitrep_store::Archive;
use std::io::{IsTerminal, Write};
use std::time::Instant;

fn progress(len: u64, what: &str) -> ProgressBar {
    let pb = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if !std::io::stderr().is_terminal() {
        pb.set_draw_target(ProgressDrawTarget::hidden());
    }
    pb.set_style(
        ProgressStyle::with_template(&format!("{{bar:30}} {{pos}}/{{len}} {what} {{elapsed}} {{msg}}"))
            .expect("template literal")
            .progress_chars("=> "),
    );
    pb
}

/// The paths a user gave, `-` as standard input.
fn inputs(paths: &[std::path::PathBuf]) -> Vec<Input> {
    paths.iter().map(|p| if p.as_os_str() == "-" { Input::Stdin } else { Input::Path(p.clone()) }).collect()
}

pub fn add(archive: &mut Archive, args: &AddArgs) -> anyhow::Result<u8> {
    let opts = args.options()?;
    let inputs = inputs(&args.paths);
    let started = Instant::now();
    let pb = progress(0, "files");
    let mut items: Vec<ItemReport> = Vec::new();
    let mut stdout = std::io::stdout().lock();
    let result = add::add(archive, &inputs, &opts, &mut |event| match event {
        Event::Planned { files } => {
            pb.set_length(files as u64);
        }
        Event::FileDone => pb.inc(1),
        Event::Item { label, outcome } => {
            // A failure is said once, on standard error: in the verbose
            // list's shape with -v, as an error line without.
            if let Outcome::Failed { error } = outcome {
                if args.verbose {
                    let _ = stdout.flush();
                    pb.suspend(|| eprintln!("failed   {:12}  {label}: {error}", ""));
                } else {
                    pb.suspend(|| eprintln!("sitrep: {label}: {error}"));
                }
            }
            if args.verbose {
                let line = match outcome {
                    Outcome::Added { id } => Some(format!("added    {}  {label}", short_id(id))),
                    Outcome::Present { id, new_source } => Some(format!(
                        "present  {}  {label}{}",
                        short_id(id),
                        if *new_source { " (new source recorded)" } else { "" }
                    )),
                    Outcome::Failed { .. } => None,
                };
                // Flushed per line so a watcher (or a test) sees progress live.
                if let Some(line) = line {
                    let _ = writeln!(stdout, "{line}").and_then(|_| stdout.flush());
                }
            }
            if args.json {
                items.push(ItemReport { input: label.to_string(), outcome: outcome.clone() });
            }
        }
    });
    pb.finish_and_clear();
    // The archive could not be written: stop with its error (exit 3).
    let summary = result?;
    if args.json {
        let report =
            AddReport { added: summary.added, present: summary.present, failed: summary.failed, items: &items };
        serde_json::to_writer_pretty(&mut stdout, &report)?;
        writeln!(stdout)?;
    } else {
        eprintln!(
            "added {}, already present {}, failed {} ({:.1} s)",
            summary.added,
            summary.present,
            summary.failed,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(if summary.failed > 0 { exit::PARTIAL } else { 0 })
}

pub fn list(archive: &Archive, json: bool) -> anyhow::Result<u8> {
    let summaries = archive.list()?;
    let docs: Vec<Listed> = summaries.iter().map(Listed::of).collect();
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &docs)?;
        writeln!(out)?;
        return Ok(0);
    }
    if docs.is_empty() {
        eprintln!("the archive is empty: add documents with `sitrep add PATH...`");
        return Ok(0);
    }
    writeln!(
        out,
        "{}  {}  {}  {}  {}  TITLE",
        pad("ID", 12),
        pad("DATE", 11),
        pad("LANG", 6),
        pad("FORMAT", 10),
        pad("SOURCE", 32)
    )?;
    for d in docs {
        // A date the text gave, not the metadata, is marked: `~` inferred.
        let date = match (d.published, d.published_source) {
            (Some(p), Some("inferred")) => format!("{}~", &p[..p.len().min(10)]),
            (Some(p), _) => p[..p.len().min(10)].to_string(),
            (None, _) => "-".into(),
        };
        let format = match &d.container {
            Some(c) => format!("{}/{}", c, d.format),
            None => d.format.to_string(),
        };
        let source =
            if d.sources > 1 { format!("{} (+{})", tail(d.source, 26), d.sources - 1) } else { tail(d.source, 32) };
        let copy = d.copy_of.map(|c| format!("  (copy of {}, {}% the same)", short_id(&c.id), c.percent));
        writeln!(
            out,
            "{}  {}  {}  {}  {}  {}{}",
            short_id(d.id),
            pad(&date, 11),
            pad(&d.languages.join(","), 6),
            pad(&format, 10),
            pad(&source, 32),
            isolate(&truncate(d.title.unwrap_or("(untitled)"), 70)),
            copy.unwrap_or_default()
        )?;
    }
    Ok(0)
}

pub fn show(archive: &Archive, args: &ShowArgs) -> anyhow::Result<u8> {
    let id = archive.resolve(&args.id)?;
    if args.facts {
        return crate::facts::show(archive, &id, args.json);
    }
    let mut doc = archive.get(&id)?;
    let mut out = std::io::stdout().lock();
    if args.no_text {
        doc.text.clear();
        doc.paragraphs.clear();
    }
    if args.json {
        serde_json::to_writer_pretty(&mut out, &sitrep_pipeline::shapes::stored_json(&doc))?;
        writeln!(out)?;
        return Ok(0);
    }
    let field = |out: &mut dyn Write, k: &str, v: Option<&str>| -> std::io::Result<()> {
        match v {
            Some(v) => writeln!(out, "{}{}", pad(k, 11), isolate(v)),
            None => Ok(()),
        }
    };
    field(&mut out, "id", Some(&doc.id))?;
    field(&mut out, "title", doc.title.as_deref())?;
    field(&mut out, "author", doc.author.as_deref())?;
    field(&mut out, "published", doc.published.as_deref())?;
    field(&mut out, "site", doc.site.as_deref())?;
    field(&mut out, "url", doc.url.as_deref())?;
    let format = match &doc.container {
        Some(c) => format!("{} (from {})", doc.format, c),
        None => doc.format.clone(),
    };
    field(&mut out, "format", Some(&format))?;
    field(&mut out, "encoding", doc.encoding.as_deref())?;
    if let Some(o) = &doc.ocr {
        let lowest = o.paragraphs.iter().map(|p| p.confidence).fold(f32::INFINITY, f32::min);
        let read = format!(
            "{} ({}), confidence {:.1}% over {} paragraphs (lowest {:.1}%)",
            o.engine,
            o.languages,
            o.confidence,
            o.paragraphs.len(),
            if lowest.is_finite() { lowest } else { 0.0 }
        );
        field(&mut out, "ocr", Some(&read))?;
    }
    field(&mut out, "relays", doc.relayed_from.as_deref())?;
    if let Some(c) = &doc.copy_of {
        field(&mut out, "copy of", Some(&format!("{}, {}% the same", short_id(&c.id), c.percent)))?;
    }
    if !doc.copies.is_empty() {
        let copies: Vec<String> =
            doc.copies.iter().map(|c| format!("{} ({}% the same)", short_id(&c.id), c.percent)).collect();
        field(&mut out, "copied by", Some(&copies.join(", ")))?;
    }
    field(&mut out, "languages", Some(&doc.languages.join(", ")))?;
    if !doc.paragraphs.is_empty() {
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for p in &doc.paragraphs {
            match counts.iter_mut().find(|c| c.0 == p.lang) {
                Some(c) => c.1 += 1,
                None => counts.push((&p.lang, 1)),
            }
        }
        let by_lang: Vec<String> = counts.iter().map(|(l, n)| format!("{n} {l}")).collect();
        field(&mut out, "paragraphs", Some(&format!("{} ({})", doc.paragraphs.len(), by_lang.join(", "))))?;
    }
    field(&mut out, "size", Some(&human_bytes(doc.size)))?;
    if !doc.pages.is_empty() {
        field(&mut out, "pages", Some(&doc.pages.len().to_string()))?;
    }
    field(&mut out, "added", Some(&format!("{} by sitrep {}", doc.added_at, doc.sitrep_version)))?;
    if !doc.details.is_empty() {
        writeln!(out, "details")?;
        for (k, v) in &doc.details {
            writeln!(out, "  {k}: {}", isolate(v))?;
        }
    }
    writeln!(out, "provenance")?;
    for (i, p) in doc.provenance.iter().enumerate() {
        let mut line = format!("  {}. {}", i + 1, p.location);
        if let Some(c) = &p.container {
            line.push_str(&format!(" in {c}"));
        }
        if let Some(l) = &p.locator {
            line.push_str(&format!(" ({l})"));
        }
        if let Some(parent) = &p.parent {
            line.push_str(&format!(", attached to {}", short_id(parent)));
        }
        writeln!(out, "{line}")?;
        writeln!(
            out,
            "     retrieved {}, added {} by sitrep {}",
            p.retrieved_at.as_deref().unwrap_or("unknown"),
            p.added_at,
            p.sitrep_version
        )?;
    }
    if !args.no_text {
        writeln!(out, "\n{}", doc.text)?;
    }
    Ok(0)
}

pub fn search(archive: &Archive, args: &SearchArgs) -> anyhow::Result<u8> {
    let query = args.query.join(" ");
    let hits = archive.search(&query, args.limit)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &hits)?;
        writeln!(out)?;
    } else {
        let tty = stdout_is_tty();
        for h in &hits {
            let date = h.published.as_deref().map(|p| &p[..p.len().min(10)]).unwrap_or("-");
            writeln!(
                out,
                "{}  {}  {}",
                short_id(&h.id),
                pad(date, 10),
                isolate(h.title.as_deref().unwrap_or("(untitled)"))
            )?;
            let lead = if h.snippet_start > 0 { "…" } else { "" };
            writeln!(out, "    {}\n", isolate(&format!("{lead}{}…", highlight(&h.snippet, &h.highlights, tty))))?;
        }
        if hits.is_empty() {
            eprintln!("no documents match {query:?}");
        }
    }
    Ok(if hits.is_empty() { exit::PARTIAL } else { 0 })
}

pub fn raw(archive: &Archive, id: &str) -> anyhow::Result<u8> {
    let id = archive.resolve(id)?;
    let bytes = archive.raw(&id)?;
    let mut out = std::io::stdout().lock();
    out.write_all(&bytes).context("writing to standard output")?;
    out.flush()?;
    Ok(0)
}

pub fn verify(archive: &Archive, args: &VerifyArgs) -> anyhow::Result<u8> {
    let pb = progress(archive.count()?, "documents");
    let report = archive.verify(&mut |done, _| pb.set_position(done))?;
    pb.finish_and_clear();
    let deep = if args.deep {
        let pb = progress(archive.count()?, "documents made again");
        let deep = sitrep_pipeline::verify::deep(archive, &mut |done, _| pb.set_position(done))?;
        pb.finish_and_clear();
        Some(deep)
    } else {
        None
    };
    let expected = args.expect.as_deref().map(|head| Expected { head, matches: head == report.head });
    let ok = report.ok()
        && deep.as_ref().is_none_or(|d| d.changed.is_empty())
        && expected.as_ref().is_none_or(|e| e.matches);
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &Verified { report: &report, deep: deep.as_ref(), expected, ok })?;
        writeln!(out)?;
        return Ok(if ok { 0 } else { exit::PARTIAL });
    }
    for d in &report.damaged {
        writeln!(out, "damaged  {}  {}", d.id, d.reason)?;
    }
    for line in &report.integrity {
        writeln!(out, "database: {line}")?;
    }
    for line in &report.audit {
        writeln!(out, "audit: {line}")?;
    }
    for c in report.changed.iter().chain(deep.iter().flat_map(|d| d.changed.iter())) {
        writeln!(out, "changed  {}", c.message)?;
    }
    if let Some(d) = &deep {
        for line in &d.not_compared {
            writeln!(out, "not compared  {line}")?;
        }
    }
    for s in &report.sealed_as_found {
        writeln!(
            out,
            "note: {} rows ({}) were sealed as found on {} by sitrep {}, when the archive was upgraded: their seals \
             show changes made since then, not before (--deep makes texts and records again from the raw bytes)",
            s.rows, s.what, s.at, s.sitrep_version
        )?;
    }
    let deep_changed = deep.as_ref().map_or(0, |d| d.changed.len());
    if report.ok() && deep_changed == 0 {
        let deep_note = match &deep {
            Some(d) => {
                format!("; {} texts and {} records made again from the raw bytes are the same", d.remade, d.reextracted)
            }
            None => String::new(),
        };
        writeln!(
            out,
            "verified {} documents: every one matches its SHA-256, and {} sealed rows their seals{deep_note}",
            report.checked, report.sealed
        )?;
    } else if report.damaged.is_empty() && report.integrity.is_empty() {
        writeln!(
            out,
            "verified {} documents' bytes, but {} things were changed behind sitrep's back: restore the archive \
             from a backup",
            report.checked,
            report.changed.len() + report.audit.len() + deep_changed
        )?;
    } else {
        writeln!(
            out,
            "checked {} documents: {} damaged{}; restore the archive from a backup or add the originals again",
            report.checked,
            report.damaged.len(),
            if report.integrity.is_empty() { "" } else { ", and the database reports errors" }
        )?;
    }
    if let Some(e) = &expected {
        if e.matches {
            writeln!(out, "the head is the one expected: the archive holds exactly what it held then")?;
        } else {
            writeln!(
                out,
                "the head is not the one expected ({}): something was added, changed or removed since",
                e.head
            )?;
        }
    }
    writeln!(out, "head {}", report.head)?;
    Ok(if ok { 0 } else { exit::PARTIAL })
}

/// `20161214103000Z` as `2016-12-14 10:30:00Z`; anything else as written.
fn readable_time(t: &str) -> String {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits < 14 {
        return t.to_string();
    }
    format!("{}-{}-{} {}:{}:{}", &t[..4], &t[4..6], &t[6..8], &t[8..10], &t[10..12], &t[12..])
}

/// Writes beside `path` and renames over it, so a failure never leaves half
/// a file where a good one was.
fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    let tmp = path.with_file_name(name);
    std::fs::write(&tmp, bytes).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    Ok(())
}

/// `anchor --tsq`: a time-stamp request for the head of a verified
/// archive; `anchor --tsr`: whether a response stamps the head it has now.
pub fn anchor(archive: &Archive, args: &AnchorArgs) -> anyhow::Result<u8> {
    use sitrep_pipeline::anchor;
    let report = archive.verify(&mut |_, _| {})?;
    let mut out = std::io::stdout().lock();
    if !report.ok() {
        eprintln!("sitrep: the archive does not verify: run `sitrep verify` to see what changed; nothing was anchored");
        return Ok(exit::PARTIAL);
    }
    let head = anchor::head_bytes(&report.head).expect("heads are 64 hex digits");
    let Some(tsr) = &args.tsr else {
        let path = args.tsq.as_ref().expect("clap requires --tsq or --tsr");
        let req = anchor::request(&head, &anchor::nonce()?);
        write_atomically(path, &req)?;
        writeln!(out, "head {}", report.head)?;
        writeln!(
            out,
            "wrote the time-stamp request to {}: send it to a time-stamping authority (RFC 3161) as \
             application/timestamp-query, keep its answer, and check it with `sitrep anchor --tsr ANSWER --tsq {}`",
            path.display(),
            path.display()
        )?;
        return Ok(0);
    };
    let bytes = std::fs::read(tsr).with_context(|| format!("reading {}", tsr.display()))?;
    let stamp = match anchor::check(&bytes) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("sitrep: {}: {e}", tsr.display());
            return Ok(exit::PARTIAL);
        }
    };
    if let Some(tsq) = &args.tsq {
        let req = std::fs::read(tsq).with_context(|| format!("reading {}", tsq.display()))?;
        let asked = anchor::request_nonce(&req).map_err(|e| anyhow::anyhow!("{}: {e}", tsq.display()))?;
        if asked != stamp.nonce {
            eprintln!(
                "sitrep: {} does not answer {}: its nonce is not the request's (a stamp of another request)",
                tsr.display(),
                tsq.display()
            );
            return Ok(exit::PARTIAL);
        }
    }
    if stamp.digest != report.head {
        writeln!(out, "stamped head {}", stamp.digest)?;
        writeln!(out, "head {}", report.head)?;
        eprintln!(
            "sitrep: {} time-stamps another head ({} at {}): the archive has changed since, or it is another archive's",
            tsr.display(),
            stamp.digest,
            stamp.time
        );
        return Ok(exit::PARTIAL);
    }
    writeln!(
        out,
        "time-stamped {} (serial {}, policy {}): the archive held exactly what it holds now",
        readable_time(&stamp.time),
        stamp.serial,
        stamp.policy
    )?;
    writeln!(
        out,
        "sitrep does not check the authority's signature: check it with its certificate, \
         `openssl ts -verify -digest {} -in {} -CAfile TSA-CA.pem`",
        report.head,
        tsr.display()
    )?;
    writeln!(out, "head {}", report.head)?;
    Ok(0)
}

pub fn extract(args: &ExtractArgs, archive: &std::path::Path) -> anyhow::Result<u8> {
    let opts = args.options()?;
    // The archive's imported gazetteers, when there is an archive: extract
    // never creates one.
    let mut given = sitrep_pipeline::Given::default();
    if archive.is_file() {
        match Archive::open(archive).and_then(|a| sitrep_pipeline::gazetteer::given(&a)) {
            Ok(g) => given = g,
            // Extraction does not need the archive: say so and go on.
            Err(e) => eprintln!("sitrep: {e}; extracting without its imported gazetteers"),
        }
    }
    given.published = args.published;
    let mut out = std::io::stdout().lock();
    let mut failed = 0usize;
    sitrep_pipeline::extract::records(&inputs(&args.paths), &opts, &given, &mut |label, record| match record {
        Ok(mut record) => {
            if args.no_text {
                record.text = None;
            }
            let written = match args.format {
                RecordFormat::Json => serde_json::to_writer_pretty(&mut out, &record),
                RecordFormat::Jsonl => serde_json::to_writer(&mut out, &record),
            };
            if let Err(e) = written.map_err(std::io::Error::from).and_then(|_| writeln!(out)) {
                // The reader went away: stop quietly.
                if e.kind() == std::io::ErrorKind::BrokenPipe {
                    std::process::exit(0);
                }
                eprintln!("sitrep: writing a record: {e}");
            }
        }
        Err(e) => {
            failed += 1;
            eprintln!("sitrep: {label}: {e}");
        }
    });
    Ok(if failed > 0 { exit::PARTIAL } else { 0 })
}

pub fn reextract(archive: &mut Archive, args: &ReextractArgs) -> anyhow::Result<u8> {
    let pb = progress(0, "documents");
    let done = sitrep_pipeline::extract::reextract(archive, args.all, &mut |p| match p {
        Progress::Planned { documents } => pb.set_length(documents as u64),
        Progress::Done { id, error } => {
            if let Some(e) = error {
                pb.suspend(|| eprintln!("sitrep: {id}: {e}"));
            }
            pb.inc(1);
        }
    })?;
    pb.finish_and_clear();
    if args.json {
        println!("{}", serde_json::to_string_pretty(&done)?);
    } else {
        eprintln!("re-extracted {} documents with {}; {} failed", done.reextracted, done.extractor, done.failed.len());
    }
    Ok(if done.failed.is_empty() { 0 } else { exit::PARTIAL })
}

pub fn gazetteer_import(archive: &mut Archive, args: &GazetteerImportArgs) -> anyhow::Result<u8> {
    let mut reports = Vec::new();
    let mut failed = 0usize;
    for file in &args.files {
        match sitrep_pipeline::gazetteer::import(archive, file) {
            Ok(r) => {
                for p in &r.problems {
                    eprintln!("sitrep: {}: {p}", r.file);
                }
                if !args.json {
                    let what = if r.already { "already imported" } else { "imported" };
                    eprintln!(
                        "{}: {what} ({}): {} places, {} rows not places, {} rows left out",
                        r.file,
                        r.format,
                        r.places,
                        r.not_places,
                        r.problems.len()
                    );
                }
                failed += usize::from(!r.problems.is_empty());
                reports.push(r);
            }
            Err(sitrep_pipeline::gazetteer::ImportFailure::Store(e)) => return Err(e.into()),
            Err(e) => {
                failed += 1;
                eprintln!("sitrep: {e}");
            }
        }
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&reports)?);
    } else if reports.iter().any(|r| !r.already) {
        eprintln!("records made before an import do not know its places: `sitrep reextract` re-makes them");
    }
    Ok(if failed == 0 { 0 } else { exit::PARTIAL })
}

pub fn gazetteer_list(archive: &Archive, json: bool) -> anyhow::Result<u8> {
    let imports = archive.gazetteer_imports()?;
    if json {
        println!("{}", serde_json::to_string_pretty(&imports)?);
        return Ok(0);
    }
    let mut out = std::io::stdout().lock();
    for i in &imports {
        writeln!(
            out,
            "{}  {}  {:9}  {:>7} places  {:>4} rows left out  {}",
            i.id,
            &i.sha256[..12.min(i.sha256.len())],
            i.format,
            i.places,
            i.problems.len(),
            i.file
        )?;
    }
    if imports.is_empty() {
        eprintln!("no gazetteer imported: `sitrep gazetteer import FILE` adds one");
    }
    Ok(0)
}
