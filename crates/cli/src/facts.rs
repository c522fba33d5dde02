//! `sitrep show ID --facts`: the text with its facts marked, then the
//! facts one per line with their spans, so every claim can be checked
//! against the words that support it.

use crate::output::{isolate, stdout_is_tty, truncate};
use sitrep_present::numbers::{grouped, range_with_best};
use sitrep_record::Record;
use sitrep_store::Archive;
use std::io::Write;

pub fn show(archive: &Archive, id: &str, json: bool) -> anyhow::Result<u8> {
    let sitrep_pipeline::extract::Facts { record, stored } = sitrep_pipeline::extract::record_or_extract(archive, id)?;
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &record)?;
        writeln!(out)?;
        return Ok(0);
    }
    if !stored {
        eprintln!("(no stored record for this document: extracted now; `sitrep reextract` stores one)");
    }
    writeln!(out, "{}", marked(&record, stdout_is_tty()))?;
    writeln!(
        out,
        "\n-- {} dates, {} figures, {} places, {} actors, {} quotes, {} events ({}) --",
        record.dates.len(),
        record.figures.len(),
        record.places.len(),
        record.actors.len(),
        record.quotes.len(),
        record.events.len(),
        record.extractor
    )?;
    let doc = &record.document;
    writeln!(
        out,
        "document date: {} ({})",
        doc.published.as_deref().unwrap_or("unknown"),
        doc.published_source.as_deref().unwrap_or("not stated")
    )?;
    for d in &record.dates {
        let rel = if d.relative { ", relative" } else { "" };
        writeln!(
            out,
            "date    [{:>5}, {:>5})  {:<12} {}{rel}  «{}»",
            d.span[0], d.span[1], d.value, d.precision, d.text
        )?;
    }
    for f in &record.figures {
        let q = &f.quantity;
        let range = match (q.low, q.high) {
            (Some(l), Some(h)) if l != h => format!(" ({l}–{h})"),
            _ => String::new(),
        };
        let mut extra = String::new();
        if let Some(d) = &f.date {
            extra.push_str(&format!(" on {d}"));
        }
        if let Some(s) = &f.source {
            extra.push_str(&format!(" per {s}"));
        }
        writeln!(
            out,
            "figure  [{:>5}, {:>5})  {:<12} {} {}{range}{extra}  «{}»",
            f.span[0], f.span[1], f.category, q.qualifier, q.value, f.text
        )?;
    }
    for p in &record.places {
        let at = match (p.lat, p.lon) {
            (Some(lat), Some(lon)) => format!("{lat:.4},{lon:.4}"),
            _ => "no coordinates".to_string(),
        };
        let within = if p.within.is_empty() { String::new() } else { format!(" in {}", p.within.join(", ")) };
        let pcode = p.pcode.as_deref().map(|c| format!(" {c}")).unwrap_or_default();
        writeln!(
            out,
            "place   [{:>5}, {:>5})  {:<12} {}{within} ({at}{pcode}; precision ACLED {} UCDP {}; {})  «{}»",
            p.span[0], p.span[1], p.kind, p.name, p.precision.acled, p.precision.ucdp, p.id, p.text
        )?;
    }
    for a in &record.actors {
        let role = a.role.as_deref().map(|r| format!(", {r}")).unwrap_or_default();
        let acled = a.acled.as_deref().map(|r| format!("; ACLED {r}")).unwrap_or_default();
        writeln!(
            out,
            "actor   [{:>5}, {:>5})  {:<12} {}{role} ({}{acled})  «{}»",
            a.span[0], a.span[1], a.kind, a.name, a.id, a.text
        )?;
    }
    let place_name =
        |id: &str| record.places.iter().find(|p| p.id == id).map_or_else(|| id.to_string(), |p| p.name.clone());
    let actor_name =
        |id: &str| record.actors.iter().find(|a| a.id == id).map_or_else(|| id.to_string(), |a| a.name.clone());
    for (i, q) in record.quotes.iter().enumerate() {
        let who = match (&q.speaker, &q.speaker_role) {
            (Some(s), Some(r)) => format!("{}, {}", isolate(s), isolate(r)),
            (Some(s), None) => isolate(s),
            (None, Some(r)) => format!("unnamed, {}", isolate(r)),
            (None, None) => "unnamed".into(),
        };
        let mut extra = String::new();
        if let Some(t) = &q.timecode {
            extra.push_str(&format!(" at {t}"));
        }
        if let Some(of) = q.translation_of {
            extra.push_str(&format!("; translates quote {}", of + 1));
        }
        writeln!(
            out,
            "quote   [{:>5}, {:>5})  {:<12} {who} ({}{extra})  «{}»",
            q.span[0],
            q.span[1],
            format!("{}.", i + 1),
            q.language,
            isolate(&truncate(&q.text, 160))
        )?;
    }
    for e in &record.events {
        let mut what = e.kind.replace('_', " ");
        if !e.acled.sub_event_type.is_empty() {
            what.push_str(&format!(" (ACLED {} / {})", e.acled.event_type, e.acled.sub_event_type));
        }
        what.push_str(&format!(" on {}", e.date.as_deref().unwrap_or("no date")));
        if let Some(p) = &e.place {
            what.push_str(&format!(" at {}", isolate(&place_name(p))));
        }
        for (label, est) in [("killed", &e.killed), ("injured", &e.injured)] {
            if let Some(k) = est {
                what.push_str(&format!("; {label} {}", range_with_best(k.low, k.best, k.high, grouped)));
            }
        }
        if !e.actors.is_empty() {
            let names: Vec<String> = e.actors.iter().map(|a| isolate(&actor_name(a))).collect();
            what.push_str(&format!("; actors {}", names.join(", ")));
        }
        writeln!(out, "event   [{:>5}, {:>5})  {what}  «{}»", e.span[0], e.span[1], text_of(&record, e.span))?;
    }
    Ok(0)
}

/// The words of a span of the record's text (events carry none of their own).
fn text_of(record: &Record, span: [usize; 2]) -> String {
    let text = record.text.as_deref().unwrap_or("");
    text.chars().skip(span[0]).take(span[1].saturating_sub(span[0])).collect()
}

/// The text with each fact's span bracketed and labelled: `[six dead]{killed 6}`.
/// Spans that overlap an earlier mark are listed below but not marked inline.
pub fn marked(record: &Record, tty: bool) -> String {
    let text = record.text.as_deref().unwrap_or("");
    let mut marks: Vec<(usize, usize, String)> = record
        .dates
        .iter()
        .map(|d| (d.span[0], d.span[1], format!("date {}", d.value)))
        .chain(record.figures.iter().map(|f| (f.span[0], f.span[1], format!("{} {}", f.category, f.quantity.value))))
        .chain(record.places.iter().map(|p| (p.span[0], p.span[1], format!("{} {}", p.kind, p.name))))
        .chain(record.actors.iter().map(|a| (a.span[0], a.span[1], format!("{} {}", a.kind, a.name))))
        .collect();
    marks.sort_by_key(|m| (m.0, std::cmp::Reverse(m.1)));
    let (open, close, label_open, label_close) =
        if tty { ("\x1b[1;33m", "\x1b[0m", "\x1b[2m{", "}\x1b[0m") } else { ("[", "]", "{", "}") };
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + marks.len() * 24);
    let mut at = 0;
    for (s, e, label) in marks {
        if s < at || e > chars.len() || s >= e {
            continue;
        }
        out.extend(&chars[at..s]);
        out.push_str(open);
        out.extend(&chars[s..e]);
        out.push_str(close);
        out.push_str(label_open);
        out.push_str(&label);
        out.push_str(label_close);
        at = e;
    }
    out.extend(&chars[at..]);
    out
}
