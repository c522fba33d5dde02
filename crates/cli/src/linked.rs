//! `figures`, `timeline`, `export` and `report`: the archive across
//! documents. Linking, the timeline's versions and the JSON shapes live in
//! `sitrep-pipeline`, rendering in `sitrep-report`; this prints.

use crate::args::{ExportArgs, FiguresArgs, LinkArgs, ReportArgs, TimelineArgs};
use crate::output::{highlight, isolate, short_id, stdout_is_tty, truncate};
use sitrep_link::{ClaimGroup, Evidence, Linked, LinkedEvent};
use sitrep_pipeline::linked::{linked, linked_with_snapshot};
use sitrep_pipeline::{scope, shapes};
use sitrep_present::numbers::{grouped as number, range_with_best};
use sitrep_present::{dates, evidence};
use sitrep_store::Archive;
use std::io::Write;

/// Ends a command without freeing the linked archive item by item: at
/// 10,000 documents that is a tenth of a second of a process about to exit.
fn done<T>(linked: Linked, code: T) -> T {
    std::mem::forget(linked);
    code
}

/// `3f2a9c1b0a1e [120, 127) "…the sentence with the words marked…"`
fn evidence_line(e: &Evidence, tty: bool) -> String {
    let context = evidence::terminal(&e.context, e.at, e.text.chars().count(), 150);
    format!(
        "{} [{}, {}) {}",
        short_id(&e.doc),
        e.span[0],
        e.span[1],
        isolate(&highlight(&context.0, &[context.1], tty))
    )
}

fn range_text(low: f64, best: f64, high: f64) -> String {
    range_with_best(low, best, high, number)
}

fn place(linked: &Linked, id: Option<&str>) -> String {
    id.map(|p| linked.place_name(p)).unwrap_or_else(|| "(no place)".into())
}

fn print_group(out: &mut impl Write, linked: &Linked, g: &ClaimGroup, tty: bool) -> std::io::Result<()> {
    let dates = dates::span_as_written(g.from.as_deref(), g.to.as_deref());
    writeln!(out, "{} · {} · {}   {}", g.category, isolate(&place(linked, g.place.as_deref())), dates, g.id)?;
    writeln!(
        out,
        "  {} {} · {} claim{} from {} independent origin{}",
        range_text(g.range.low, g.range.best, g.range.high),
        g.unit,
        g.claims.len(),
        if g.claims.len() == 1 { "" } else { "s" },
        g.origins,
        if g.origins == 1 { "" } else { "s" }
    )?;
    for c in &g.contradictions {
        writeln!(out, "  ! contradiction: {}", isolate(&c.why))?;
    }
    for c in &g.claims {
        let relay = c.origin.relay.iter().map(|r| isolate(r)).collect::<Vec<_>>().join(" → ");
        writeln!(
            out,
            "    {:>10} {:<9} {:<10} {} ({})",
            number(c.value),
            c.qualifier,
            c.date.as_deref().unwrap_or("undated"),
            relay,
            c.origin.how
        )?;
        writeln!(out, "               {}", evidence_line(&c.evidence, tty))?;
    }
    writeln!(out)
}

/// The linked archive narrowed to what was asked, or the reason nothing
/// can be: a category nobody wrote (exit 2 with the nearest names), a
/// place nobody knows (exit 2, likewise). A known place that holds nothing
/// is said on standard error with the places near it that do.
struct Scoped {
    shown: Linked,
    note: Option<String>,
}

fn scoped(linked: Linked, link: &LinkArgs, categories: &[String]) -> Result<Scoped, u8> {
    let in_archive: Vec<&str> = {
        let mut c: Vec<&str> = linked.claims.iter().map(|g| g.category.as_str()).collect();
        c.sort_unstable();
        c.dedup();
        c
    };
    let categories = match scope::categories(categories, &in_archive) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("sitrep: {e}");
            return Err(2);
        }
    };
    let filter = link.filter(&categories);
    if filter.is_empty() {
        return Ok(Scoped { shown: linked, note: None });
    }
    let shown = linked.filtered(&filter);
    let mut note = None;
    if shown.claims.is_empty() && shown.events.is_empty() {
        if let Some(place) = link.place.as_deref() {
            match scope::place_note(&linked, place) {
                n @ scope::PlaceNote::Unknown { .. } => {
                    eprintln!("sitrep: {n}");
                    return Err(2);
                }
                n => note = Some(n.to_string()),
            }
        }
    }
    std::mem::forget(linked);
    Ok(Scoped { shown, note })
}

/// A line on standard error when a filter kept nothing.
fn say_empty(note: &Option<String>, what: &str) {
    match note {
        Some(n) => eprintln!("{n}"),
        None => eprintln!("no {what} in this selection"),
    }
}

pub fn figures(archive: &mut Archive, args: &FiguresArgs) -> anyhow::Result<u8> {
    let linked = linked(archive, &args.link.settings())?;
    let Scoped { shown, note } = match scoped(linked, &args.link, &args.category) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, &shapes::Figures::of(&shown))?;
        writeln!(out)?;
        out.flush()?;
        return Ok(done(shown, 0));
    }
    let tty = stdout_is_tty();
    writeln!(out, "{} claim group{}", shown.claims.len(), if shown.claims.len() == 1 { "" } else { "s" })?;
    writeln!(out, "Range rule: {}\n", shown.rule_text)?;
    for g in &shown.claims {
        print_group(&mut out, &shown, g, tty)?;
    }
    out.flush()?;
    if shown.claims.is_empty() {
        say_empty(&note, "claim groups");
    }
    let code = if shown.claims.is_empty() { crate::exit::PARTIAL } else { 0 };
    Ok(done(shown, code))
}

fn print_event(out: &mut impl Write, linked: &Linked, e: &LinkedEvent, tty: bool) -> std::io::Result<()> {
    let mut line = format!(
        "{:<10}  {:<16} {}",
        e.date.as_deref().unwrap_or("undated"),
        e.kind.replace('_', " "),
        isolate(&place(linked, e.place.as_deref()))
    );
    if let Some(k) = &e.killed {
        line.push_str(&format!(" · killed {}", range_text(k.low, k.best, k.high)));
    }
    if let Some(k) = &e.injured {
        line.push_str(&format!(" · injured {}", range_text(k.low, k.best, k.high)));
    }
    let n = e.mentions.len();
    line.push_str(&format!(" · {n} source{} · {}", if n == 1 { "" } else { "s" }, e.id));
    writeln!(out, "{line}")?;
    if !e.actors.is_empty() {
        let names: Vec<String> = e.actors.iter().map(|a| isolate(&linked.actor_name(a))).collect();
        writeln!(out, "            actors: {}", names.join("; "))?;
    }
    for m in &e.mentions {
        writeln!(out, "            {}", evidence_line(m, tty))?;
    }
    for q in &e.quotes {
        let who = q.speaker.as_deref().unwrap_or("unnamed");
        writeln!(out, "            witness {}: “{}”", isolate(who), isolate(&truncate(&q.evidence.text, 100)))?;
    }
    Ok(())
}

pub fn timeline(archive: &mut Archive, args: &TimelineArgs) -> anyhow::Result<u8> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.versions {
        let versions = archive.link_versions()?;
        if args.json {
            serde_json::to_writer_pretty(&mut out, &versions)?;
            writeln!(out)?;
        } else {
            for v in &versions {
                writeln!(
                    out,
                    "{:>4}  {}  {} documents  {} items added, changed or removed  {}",
                    v.version, v.made_at, v.documents, v.changed, v.settings
                )?;
            }
        }
        out.flush()?;
        return Ok(0);
    }
    let (linked, version, new) = linked_with_snapshot(archive, &args.link.settings())?;
    if let Some(since) = args.since {
        let filter = args.link.filter(&[]);
        let diff = sitrep_pipeline::timeline::since(archive, &linked, &filter, since, version)?;
        let changes = &diff.changes;
        if args.json {
            serde_json::to_writer_pretty(&mut out, &diff)?;
            writeln!(out)?;
        } else {
            writeln!(
                out,
                "Changes from timeline version {since} to {version}: {} added, {} changed, {} removed",
                changes.added.len(),
                changes.changed.len(),
                changes.removed.len()
            )?;
            for (mark, list) in [("+", &changes.added), ("~", &changes.changed), ("-", &changes.removed)] {
                for i in list {
                    writeln!(out, "{mark} {:<11} {}  {}", i.kind.replace('_', " "), i.id, isolate(&i.summary))?;
                }
            }
        }
        out.flush()?;
        return Ok(done(linked, 0));
    }
    let Scoped { shown, note } = match scoped(linked, &args.link, &[]) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    if args.json {
        serde_json::to_writer_pretty(&mut out, &shapes::Timeline::of(&shown, version))?;
        writeln!(out)?;
        out.flush()?;
        return Ok(done(shown, 0));
    }
    let tty = stdout_is_tty();
    writeln!(
        out,
        "Timeline version {version}{}: {} event{} from {} document{}\n",
        if new { " (new)" } else { "" },
        shown.events.len(),
        if shown.events.len() == 1 { "" } else { "s" },
        shown.documents.len(),
        if shown.documents.len() == 1 { "" } else { "s" }
    )?;
    for e in &shown.events {
        print_event(&mut out, &shown, e, tty)?;
    }
    out.flush()?;
    if shown.events.is_empty() {
        say_empty(&note, "events");
    }
    let code = if shown.events.is_empty() { crate::exit::PARTIAL } else { 0 };
    Ok(done(shown, code))
}

pub fn export(archive: &mut Archive, args: &ExportArgs) -> anyhow::Result<u8> {
    let options = match args.options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(crate::exit::USAGE);
        }
    };
    let linked = linked(archive, &args.link.settings())?;
    let Scoped { shown, note } = match scoped(linked, &args.link, &[]) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    if let Some(n) = &note {
        eprintln!("{n}");
    }
    let written = match &args.out {
        Some(path) => {
            // Written beside the target and renamed over it, so a failed
            // export never leaves half a file where a good one was.
            let tmp = path.with_extension(format!("{}.partial", args.format.extension()));
            let written = {
                let mut w = std::io::BufWriter::new(
                    std::fs::File::create(&tmp).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", tmp.display()))?,
                );
                let written = sitrep_report::export::write_with(&shown, args.format, &options, &mut w)?;
                w.flush()?;
                written
            };
            std::fs::rename(&tmp, path)?;
            eprintln!(
                "Wrote {}: {written}; {} claim groups, {} documents",
                path.display(),
                shown.claims.len(),
                shown.documents.len()
            );
            written
        }
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let written = sitrep_report::export::write_with(&shown, args.format, &options, &mut out)?;
            out.flush()?;
            written
        }
    };
    if args.out.is_none() && written.left_out_total() > 0 {
        // What the file does not hold is said where the user reads it.
        eprintln!("Exported {written}");
    }
    Ok(done(shown, 0))
}

pub fn report(archive: &mut Archive, args: &ReportArgs) -> anyhow::Result<u8> {
    let linked = linked(archive, &args.link.settings())?;
    let Scoped { shown, note } = match scoped(linked, &args.link, &[]) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    if let Some(n) = &note {
        eprintln!("{n}");
    }
    let path = write_report(archive, &shown, args)?;
    println!(
        "Situation report: {} ({} events, {} claim groups, {} documents)",
        path.display(),
        shown.events.len(),
        shown.claims.len(),
        shown.documents.len()
    );
    Ok(done(shown, 0))
}

/// Renders and writes the report; returns its absolute path.
pub fn write_report(archive: &Archive, shown: &Linked, args: &ReportArgs) -> anyhow::Result<std::path::PathBuf> {
    let opts = sitrep_report::html::ReportOptions {
        title: args.title.clone(),
        place: args.link.place.clone(),
        from: args.link.from.map(|d| d.to_string()),
        to: args.link.to.map(|d| d.to_string()),
        generated_at: Some(jiff::Timestamp::now().strftime("%Y-%m-%d %H:%M UTC").to_string()),
        archive: archive.path().map(|p| p.display().to_string()),
    };
    let html = sitrep_report::html::render(shown, &opts);
    let tmp = args.out.with_extension("html.partial");
    std::fs::write(&tmp, html).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, &args.out)?;
    Ok(std::path::absolute(&args.out).unwrap_or_else(|_| args.out.clone()))
}
