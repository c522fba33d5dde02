//! UCDP GED headlines: does the killed figure sitrep reads from an event's
//! source headline fall within UCDP's own low–high estimate for it?
//!
//! The Syria rows of `ucdp-ged-sample/` carry `source_headline` (mostly
//! SOHR headlines such as "More than 60 fighters killed in …") and UCDP's
//! `low`, `best`, `high` deaths. Each headline is extracted as a document
//! of its own, and a row counts as within when one of its killed figures
//! falls in the range. A headline may cover several events (UCDP splits
//! them), so a figure above `high` is not always wrong; the report says how
//! often each case occurs.

use anyhow::{Context, Result};
use sitrep_annotate::{extract, Given};
use sitrep_ingest::{read_bytes, Options, Origin};
use std::fmt::Write as _;
use std::path::Path;

/// Splits one CSV line into fields (RFC 4180 quoting, no newlines inside
/// fields: the GED sample has none).
fn fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut field)),
            (c, _) => field.push(c),
        }
    }
    out.push(field);
    out
}

/// The killed figures sitrep finds in a headline.
fn killed(headline: &str) -> Vec<f64> {
    let mut docs = Vec::new();
    read_bytes("h.txt", "h.txt", headline.as_bytes().to_vec(), Origin::default(), &Options::default(), &mut |i| {
        docs.push(i)
    });
    let Some(Ok(doc)) = docs.into_iter().next().map(|i| i.result) else { return Vec::new() };
    let record = extract(&doc, &Given::default());
    record.figures.iter().filter(|f| f.category == "killed").map(|f| f.quantity.value).collect()
}

/// Writes the headline comparison as a section of text.
pub fn report(data: &Path) -> Result<String> {
    let path = data.join("ucdp-ged-sample/ucdp_ged191_syria_2016-2017_aleppo_idlib_damascus.csv");
    let csv = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let mut lines = csv.lines();
    let header = fields(lines.next().unwrap_or(""));
    let col = |name: &str| header.iter().position(|h| h == name).with_context(|| format!("no column {name}"));
    let (h, low, best, high) = (col("source_headline")?, col("low")?, col("best")?, col("high")?);
    let (mut rows, mut with_figure, mut within, mut exact, mut above, mut below) = (0, 0, 0, 0, 0, 0);
    let mut examples: Vec<String> = Vec::new();
    for line in lines {
        let f = fields(line);
        let num = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok());
        let (Some(lo), Some(be), Some(hi)) = (num(low), num(best), num(high)) else { continue };
        let Some(headline) = f.get(h).filter(|s| !s.trim().is_empty()) else { continue };
        rows += 1;
        // Several sources' headlines are joined with `;`: each is read.
        let values: Vec<f64> = headline.split(';').flat_map(|one| killed(one.trim())).collect();
        if values.is_empty() {
            continue;
        }
        with_figure += 1;
        if values.iter().any(|v| (lo..=hi).contains(v)) {
            within += 1;
        } else if values.iter().all(|v| *v > hi) {
            above += 1;
            let example = format!("`{}` — sitrep {values:?}, UCDP {lo}–{hi}", headline.trim());
            if examples.len() < 10 && !examples.contains(&example) {
                examples.push(example);
            }
        } else {
            below += 1;
        }
        if values.contains(&be) {
            exact += 1;
        }
    }
    let pct = |n: usize| if with_figure == 0 { 0.0 } else { 100.0 * n as f64 / with_figure as f64 };
    let mut out = String::new();
    writeln!(out, "## UCDP GED headlines: killed figures against UCDP's range\n")?;
    writeln!(
        out,
        "The {rows} Syria rows of `ucdp_ged191_syria_2016-2017_aleppo_idlib_damascus.csv` with a headline and a \
         low–high estimate (UCDP GED, CC BY 4.0). Each headline is extracted on its own; a row counts as \
         within when one of its `killed` figures falls in the row's range. A headline often reports a day's toll that UCDP splits into \
         several events, so a figure above the range is frequently a sum, not an error.\n"
    )?;
    writeln!(out, "| measure | rows | share of rows with a figure |\n| --- | --- | --- |")?;
    writeln!(out, "| headline has a killed figure | {with_figure} of {rows} | — |")?;
    writeln!(out, "| a figure within UCDP low–high | {within} | {:.1}% |", pct(within))?;
    writeln!(out, "| a figure equal to UCDP best | {exact} | {:.1}% |", pct(exact))?;
    writeln!(out, "| every figure above UCDP high | {above} | {:.1}% |", pct(above))?;
    writeln!(out, "| otherwise (a figure below UCDP low) | {below} | {:.1}% |", pct(below))?;
    writeln!(out, "\nFirst headlines whose figure is above the range:\n")?;
    for e in examples {
        writeln!(out, "- {e}")?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_keep_quoted_commas_and_quotes() {
        assert_eq!(fields(r#"1,"a, b","say ""hi""",x"#), ["1", "a, b", "say \"hi\"", "x"]);
        assert_eq!(fields(""), [""]);
    }

    #[test]
    fn headline_killed_figures() {
        assert_eq!(killed("More than 60 fighters killed in clashes near the town"), [60.0]);
        assert!(killed("Bombardment targets the northern countryside").is_empty());
    }
}
