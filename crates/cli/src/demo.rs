//! `sitrep demo`: the quickstart. Builds an archive from sample dispatches
//! bundled in the binary (written for this project, English and Arabic,
//! HTML, text, Markdown and JSONL) and shows what the archive can do.

use crate::args::{FiguresArgs, LinkArgs, ReportArgs, SearchArgs};
use crate::{commands, linked};
use sitrep_ingest::{Options, Origin};
use sitrep_link::Rule;
use sitrep_pipeline::add::{add_bytes, Outcome};
use sitrep_store::Archive;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The bundled samples: file name and bytes.
pub const SAMPLES: [(&str, &[u8]); 8] = [
    ("dispatch-bakery.html", include_bytes!("../samples/dispatch-bakery.html")),
    ("dispatch-kalasa-ar.html", include_bytes!("../samples/dispatch-kalasa-ar.html")),
    ("interview-rescuer.txt", include_bytes!("../samples/interview-rescuer.txt")),
    ("statement-ar.md", include_bytes!("../samples/statement-ar.md")),
    ("wire-feed.jsonl", include_bytes!("../samples/wire-feed.jsonl")),
    ("un-briefing.html", include_bytes!("../samples/un-briefing.html")),
    ("blog-relay.md", include_bytes!("../samples/blog-relay.md")),
    ("council-statement-ar.md", include_bytes!("../samples/council-statement-ar.md")),
];

pub fn run(at: &Path) -> anyhow::Result<u8> {
    let mut archive = Archive::open(at)?;
    let opts = Options::default();
    let mut outcomes = Vec::new();
    for (name, bytes) in SAMPLES {
        // The samples' origin is the binary itself: a stable location, so
        // running the demo twice records nothing new.
        let origin = Origin { location: format!("sitrep:samples/{name}"), ..Default::default() };
        outcomes.extend(add_bytes(&mut archive, name, bytes.to_vec(), origin, &opts)?);
    }
    let added = outcomes.iter().filter(|o| matches!(o.1, Outcome::Added { .. })).count();
    let failed: Vec<_> = outcomes.iter().filter(|o| matches!(o.1, Outcome::Failed { .. })).collect();
    let mut out = std::io::stdout();
    writeln!(
        out,
        "Demo archive {}: {} sample documents ({} new)\n",
        at.display(),
        outcomes.len() - failed.len(),
        added
    )?;
    for (label, o) in &failed {
        if let Outcome::Failed { error } = o {
            eprintln!("sitrep: {label}: {error}");
        }
    }
    commands::list(&archive, false)?;
    for query in ["حلب", "shelling"] {
        writeln!(out, "\n$ sitrep search '{query}'")?;
        commands::search(&archive, &SearchArgs { query: vec![query.into()], limit: 3, json: false })?;
    }
    writeln!(out, "$ sitrep verify")?;
    commands::verify(&archive, &crate::args::VerifyArgs { deep: false, expect: None, json: false })?;
    let link = LinkArgs { place: Some("Aleppo".into()), from: None, to: None, rule: Rule::Median, window: 7 };
    writeln!(out, "\n$ sitrep figures --category trapped --place Aleppo")?;
    linked::figures(&mut archive, &FiguresArgs { category: vec!["trapped".into()], link: link.clone(), json: false })?;
    let report = ReportArgs {
        out: report_path(at),
        title: Some("Eastern Aleppo, December 2016 (sample documents)".into()),
        link: LinkArgs { place: None, ..link },
    };
    let (all, version, _) = sitrep_pipeline::linked::linked_with_snapshot(&mut archive, &report.link.settings())?;
    let path = linked::write_report(&archive, &all, &report)?;
    let a = shell_word(&at.display().to_string());
    let s = invocation();
    let first = archive.list()?.first().map(|d| sitrep_present::short_id(&d.id).to_string()).unwrap_or_default();
    writeln!(
        out,
        "Try next:\n  {s} --archive {a} show {first} --facts   the text with its facts marked\n  \
         {s} --archive {a} timeline   events across documents (version {version})\n  \
         {s} --archive {a} figures --place حلب   the same place in Arabic\n  \
         {s} --archive {a} export --format acled -o events.csv\n  \
         {s} --archive {a} serve   the analyst's desk in a browser\n  \
         {s} add PATH...   your own documents, into ./sitrep.db"
    )?;
    writeln!(
        out,
        "\nSituation report of the {} sample documents ({} events, {} claim groups): {}",
        all.documents.len(),
        all.events.len(),
        all.claims.len(),
        path.display()
    )?;
    Ok(if failed.is_empty() { 0 } else { crate::exit::PARTIAL })
}

/// `sitrep-demo.db` → `sitrep-demo-report.html`, beside it.
fn report_path(at: &Path) -> PathBuf {
    let stem = at.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "sitrep-demo".into());
    at.with_file_name(format!("{stem}-report.html"))
}

/// How to run this sitrep again from the shell the demo was started in:
/// `cargo run --release --` when cargo started it (it installs nothing),
/// `sitrep` when that is this binary on `PATH`, else this binary's path.
fn invocation() -> String {
    let exe = std::env::current_exe().ok();
    let profile = exe.as_ref().and_then(|e| e.parent()).and_then(|d| d.file_name()).and_then(|n| n.to_str());
    if std::env::var_os("CARGO").is_some() {
        match profile {
            Some("release") => return "cargo run --release --".into(),
            Some("debug") => return "cargo run --".into(),
            _ => {}
        }
    }
    let on_path = std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path).any(|dir| {
            let candidate = dir.join("sitrep");
            candidate.is_file()
                && exe.as_ref().is_some_and(|e| std::fs::canonicalize(&candidate).ok() == std::fs::canonicalize(e).ok())
        })
    });
    match exe {
        _ if on_path => "sitrep".into(),
        Some(e) => shell_word(&e.display().to_string()),
        None => "sitrep".into(),
    }
}

/// A path as one shell word: quoted when it holds anything a shell splits
/// or expands.
fn shell_word(s: &str) -> String {
    if s.chars().all(|c| c.is_alphanumeric() || "/._-+:@%".contains(c)) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}
