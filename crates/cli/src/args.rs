//! Command-line flags, parsed raw and then validated into library objects.

use clap::{Args, Parser, Subcommand};
use sitrep_ingest::{Limits, Options};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "sitrep",
    version,
    about = "Turn raw crisis reporting into a verifiable, source-linked record",
    long_about = "sitrep keeps what an analyst collected (pages, text, PDFs, web archives, feeds) \
                  in one SQLite archive: the original bytes under their SHA-256, where and when \
                  each came from, the text, and a full-text index in English and Arabic."
)]
pub struct Cli {
    /// The archive file [default: $SITREP_ARCHIVE, else ./sitrep.db]
    #[arg(long, global = true, value_name = "PATH", env = "SITREP_ARCHIVE")]
    pub archive: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Add files, folders, web archives and feeds to the archive
    Add(AddArgs),
    /// List the archived documents
    List(JsonFlag),
    /// Show a document's metadata, provenance and text
    Show(ShowArgs),
    /// Search the text of every document, in English and Arabic
    Search(SearchArgs),
    /// Write a document's original bytes to standard output
    Raw(IdArg),
    /// Check everything: bytes, seals, reviews against the audit log; print the head
    Verify(VerifyArgs),
    /// Have the archive's head time-stamped (RFC 3161), and check the stamp
    Anchor(AnchorArgs),
    /// Extract dates and figures as sitrep.extract/1 records, without storing
    /// (with the archive's imported gazetteers, when the archive exists)
    Extract(ExtractArgs),
    /// Re-make stored records with this version's extractor
    Reextract(ReextractArgs),
    /// Figures across documents: claim groups with every source, a range and contradictions
    Figures(FiguresArgs),
    /// Events across documents, merged when they are one happening, oldest first
    Timeline(TimelineArgs),
    /// Export events and figures: JSON, JSONL, CSV, ACLED, UCDP GED or GeoJSON
    Export(ExportArgs),
    /// Write the situation report: one self-contained HTML file
    Report(ReportArgs),
    /// Build a demo archive from the bundled sample dispatches and tour it
    Demo(DemoArgs),
    /// Serve the archive to a browser: read, search and review it
    Serve(ServeArgs),
    /// Gazetteers of your own (a GeoNames country dump, an OCHA boundaries table), used beside the built-in one
    #[command(subcommand)]
    Gazetteer(GazetteerCommand),
}

#[derive(Subcommand, Debug)]
pub enum GazetteerCommand {
    /// Import GeoNames dumps (XX.txt) or OCHA COD-AB tables (CSV or XLSX) into the archive;
    /// extraction, reextract and the desk then find their places (`sitrep reextract` to re-make old records)
    Import(GazetteerImportArgs),
    /// List the gazetteers imported into the archive
    List(JsonFlag),
}

#[derive(Args, Debug)]
pub struct GazetteerImportArgs {
    /// Files to import
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Print JSON for scripts
    #[arg(long)]
    pub json: bool,
}

/// What every cross-document command takes: the scope and the rule.
#[derive(Args, Debug, Clone)]
pub struct LinkArgs {
    /// Only what happened at this place or a place within it (a name, id or P-code)
    #[arg(long, value_name = "PLACE")]
    pub place: Option<String>,
    /// Only from this day on (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<jiff::civil::Date>,
    /// Only up to this day (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub to: Option<jiff::civil::Date>,
    /// How a group's low, best and high are derived: median (best = the median of
    /// independent origins) or conservative (ACLED's reading: best = the lowest)
    #[arg(long, value_name = "RULE", default_value = "median", value_parser = parse_rule)]
    pub rule: sitrep_link::Rule,
    /// Days apart that counts of something lasting (trapped, displaced) may be and
    /// still be one quantity; counts of happenings (killed) need the same day
    #[arg(long, value_name = "DAYS", default_value_t = 7, value_parser = clap::value_parser!(i64).range(0..=366))]
    pub window: i64,
}

fn parse_rule(s: &str) -> Result<sitrep_link::Rule, String> {
    sitrep_link::Rule::parse(s).ok_or_else(|| format!("{s:?} is not a rule: use median or conservative"))
}

impl LinkArgs {
    pub fn settings(&self) -> sitrep_link::Settings {
        sitrep_link::Settings { rule: self.rule, window_days: self.window, ..Default::default() }
    }

    pub fn filter(&self, categories: &[String]) -> sitrep_link::Filter {
        sitrep_link::Filter {
            place: self.place.clone(),
            place_aliases: self.place.as_deref().map(sitrep_pipeline::scope::place_aliases).unwrap_or_default(),
            from: self.from.map(|d| d.to_string()),
            to: self.to.map(|d| d.to_string()),
            categories: categories.to_vec(),
        }
    }
}

#[derive(Args, Debug)]
pub struct FiguresArgs {
    /// Only these categories (killed, trapped, displaced, …); repeat or comma-separate
    #[arg(long, value_name = "CATEGORY", value_delimiter = ',')]
    pub category: Vec<String>,
    #[command(flatten)]
    pub link: LinkArgs,
    /// Print JSON for scripts
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct TimelineArgs {
    #[command(flatten)]
    pub link: LinkArgs,
    /// Show only what changed since this timeline version (see --versions)
    #[arg(long, value_name = "VERSION")]
    pub since: Option<i64>,
    /// List the timeline versions recorded so far
    #[arg(long, conflicts_with = "since")]
    pub versions: bool,
    /// Print JSON for scripts
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// json, jsonl, csv, acled, ucdp or geojson
    #[arg(long, value_name = "FORMAT", default_value = "json", value_parser = parse_export)]
    pub format: sitrep_report::export::Format,
    /// Write here instead of standard output
    #[arg(long, short = 'o', value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// What one file holds: events (default), places (geojson) or claims (jsonl)
    #[arg(long, value_name = "LAYER", default_value = "events", value_parser = parse_layer)]
    pub layer: sitrep_report::export::Layer,
    /// Start a CSV export with a UTF-8 byte order mark, so Excel reads Arabic right
    #[arg(long)]
    pub excel: bool,
    /// ACLED's inter1, inter2 and interaction as text (ACLED's current default: "State forces") or numeric (its older codes: 1, 17)
    #[arg(long, value_name = "STYLE", default_value = "text", value_parser = parse_inter)]
    pub acled_inter: sitrep_report::export::InterStyle,
    #[command(flatten)]
    pub link: LinkArgs,
}

impl ExportArgs {
    /// The export's options, checked against its format.
    pub fn options(&self) -> Result<sitrep_report::export::Options, String> {
        let options = sitrep_report::export::Options { inter: self.acled_inter, bom: self.excel, layer: self.layer };
        options.check(self.format)?;
        Ok(options)
    }
}

fn parse_layer(s: &str) -> Result<sitrep_report::export::Layer, String> {
    sitrep_report::export::Layer::parse(s)
        .ok_or_else(|| format!("{s:?} is not a layer: use one of {}", sitrep_report::export::Layer::ALL.join(", ")))
}

fn parse_inter(s: &str) -> Result<sitrep_report::export::InterStyle, String> {
    sitrep_report::export::InterStyle::parse(s)
        .ok_or_else(|| format!("{s:?} is not an inter style: use text or numeric"))
}

fn parse_export(s: &str) -> Result<sitrep_report::export::Format, String> {
    sitrep_report::export::Format::parse(s).ok_or_else(|| {
        format!("{s:?} is not an export format: use one of {}", sitrep_report::export::Format::ALL.join(", "))
    })
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// The HTML file to write
    #[arg(long, short = 'o', value_name = "PATH", default_value = "sitrep-report.html")]
    pub out: PathBuf,
    /// The report's title
    #[arg(long)]
    pub title: Option<String>,
    #[command(flatten)]
    pub link: LinkArgs,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordFormat {
    /// One pretty-printed JSON object per document
    Json,
    /// One JSON object per line
    Jsonl,
}

#[derive(Args, Debug)]
pub struct ExtractArgs {
    /// Files or folders to read; - reads standard input
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output shape
    #[arg(long, value_enum, default_value_t = RecordFormat::Json)]
    pub format: RecordFormat,
    /// The document date, when you know it (YYYY-MM-DD): anchors "yesterday", "on Tuesday"
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub published: Option<jiff::civil::Date>,
    /// Leave the text out of the records
    #[arg(long)]
    pub no_text: bool,
    /// Decode text and HTML with this encoding instead of detecting it
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    #[command(flatten)]
    pub limits: LimitArgs,
}

fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    s.trim().parse().map_err(|_| format!("{s:?} is not a date: write it as YYYY-MM-DD"))
}

#[derive(Args, Debug)]
pub struct JsonFlag {
    /// Print JSON for scripts
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct VerifyArgs {
    /// Also make every text, its metadata and its record again from the raw bytes and compare
    #[arg(long)]
    pub deep: bool,
    /// The head the archive must have: one printed by an earlier verify, written down or time-stamped
    #[arg(long, value_name = "SHA256", value_parser = parse_head)]
    pub expect: Option<String>,
    /// Print JSON for scripts
    #[arg(long)]
    pub json: bool,
}

fn parse_head(s: &str) -> Result<String, String> {
    let h = s.trim().strip_prefix("head ").unwrap_or(s.trim()).trim().to_ascii_lowercase();
    if h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(h)
    } else {
        Err(format!("{s:?} is not a head: give the 64 hex digits `sitrep verify` prints after `head`"))
    }
}

#[derive(Args, Debug)]
#[command(group = clap::ArgGroup::new("anchor").required(true).multiple(true).args(["tsq", "tsr"]))]
pub struct AnchorArgs {
    /// Write a time-stamp request for the archive's head to this file, to send to a time-stamping authority
    #[arg(long, value_name = "FILE")]
    pub tsq: Option<PathBuf>,
    /// Check a time-stamp response against the archive's head (and, with --tsq, against that request's nonce)
    #[arg(long, value_name = "FILE")]
    pub tsr: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct IdArg {
    /// Document id, or a unique prefix of at least 8 hex digits
    pub id: String,
}

#[derive(Args, Debug)]
pub struct ReextractArgs {
    /// Re-make every record, not only those an older extractor made
    #[arg(long)]
    pub all: bool,
    /// Print JSON for scripts
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ShowArgs {
    /// Document id, or a unique prefix of at least 8 hex digits
    pub id: String,
    /// Print JSON for scripts
    #[arg(long)]
    pub json: bool,
    /// Show the text with its extracted facts marked (with --json: the record)
    #[arg(long)]
    pub facts: bool,
    /// Leave the text out
    #[arg(long)]
    pub no_text: bool,
}

#[derive(Args, Debug)]
pub struct SearchArgs {
    /// Words to find; "quoted phrases", OR, -exclude and prefix* work
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// Most hits to show
    #[arg(long, short = 'n', default_value_t = 20)]
    pub limit: usize,
    /// Print JSON for scripts
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address to listen on (an IP address or localhost); anything but loopback needs --token
    #[arg(long, default_value = "127.0.0.1", value_parser = parse_host)]
    pub host: std::net::IpAddr,
    /// Port to listen on; 0 picks a free one
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Access token every request must carry (required off loopback)
    #[arg(long, env = "SITREP_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// The name the audit log records for reviews [default: $USER, else analyst]
    #[arg(long)]
    pub user: Option<String>,
}

/// An IP address, or `localhost` (this machine's loopback address; never
/// looked up, so no resolver can point it elsewhere).
fn parse_host(s: &str) -> Result<std::net::IpAddr, String> {
    let t = s.trim();
    if t.eq_ignore_ascii_case("localhost") {
        return Ok(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST));
    }
    t.trim_start_matches('[').trim_end_matches(']').parse().map_err(|_| {
        format!("{s:?} is not an address to listen on: give an IP address (127.0.0.1, ::1, 0.0.0.0) or localhost")
    })
}

#[derive(Args, Debug)]
pub struct DemoArgs {
    /// Where to build the demo archive (ignores --archive and $SITREP_ARCHIVE)
    #[arg(long, default_value = "sitrep-demo.db")]
    pub at: PathBuf,
}

#[derive(Args, Debug)]
pub struct AddArgs {
    /// Files or folders to add (folders recursively); - reads standard input
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Print each document's outcome as it happens
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// Print the outcome of every document as JSON at the end
    #[arg(long)]
    pub json: bool,
    /// Decode text and HTML with this encoding instead of detecting it (e.g. windows-1256)
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Bounds on one input; sizes take suffixes (64MiB, 200MB, 1G).
#[derive(Args, Debug)]
pub struct LimitArgs {
    /// Largest file or record taken as one document
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max_document_bytes: Option<u64>,
    /// Longest line of a JSONL feed
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max_line_bytes: Option<u64>,
    /// Deepest element nesting accepted in an HTML page
    #[arg(long, value_name = "N")]
    pub max_html_depth: Option<usize>,
    /// Most a compressed input may expand to (stops gzip bombs)
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max_decompressed_bytes: Option<u64>,
    /// Most pages read from one PDF
    #[arg(long, value_name = "N")]
    pub max_pdf_pages: Option<usize>,
    /// Longest time spent reading one PDF, in seconds
    #[arg(long, value_name = "SECONDS")]
    pub max_pdf_seconds: Option<u64>,
    /// Largest Telegram or X export read whole
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max_export_bytes: Option<u64>,
    /// Longest time OCR may spend on one picture or scanned PDF, in seconds
    #[arg(long, value_name = "SECONDS")]
    pub max_ocr_seconds: Option<u64>,
}

impl AddArgs {
    /// The validated reading options.
    pub fn options(&self) -> anyhow::Result<Options> {
        options(&self.limits, self.encoding.as_deref())
    }
}

impl ExtractArgs {
    pub fn options(&self) -> anyhow::Result<Options> {
        options(&self.limits, self.encoding.as_deref())
    }
}

/// Reading options from the shared flags.
fn options(l: &LimitArgs, encoding: Option<&str>) -> anyhow::Result<Options> {
    {
        let d = Limits::default();
        let limits = Limits {
            max_document_bytes: l.max_document_bytes.unwrap_or(d.max_document_bytes),
            max_line_bytes: l.max_line_bytes.unwrap_or(d.max_line_bytes),
            max_html_depth: l.max_html_depth.unwrap_or(d.max_html_depth),
            max_decompressed_bytes: l.max_decompressed_bytes.unwrap_or(d.max_decompressed_bytes),
            max_pdf_pages: l.max_pdf_pages.unwrap_or(d.max_pdf_pages),
            max_pdf_seconds: l.max_pdf_seconds.unwrap_or(d.max_pdf_seconds),
            max_export_bytes: l.max_export_bytes.unwrap_or(d.max_export_bytes),
            max_ocr_seconds: l.max_ocr_seconds.unwrap_or(d.max_ocr_seconds),
        };
        let encoding = match encoding {
            None => None,
            Some(label) => Some(sitrep_ingest::decode::encoding_for_label(label).ok_or_else(|| {
                anyhow::anyhow!(
                    "unknown encoding {label:?}: use a WHATWG label such as utf-8, windows-1256 or iso-8859-1"
                )
            })?),
        };
        Ok(Options { limits, encoding })
    }
}

/// `4096`, `64KiB`, `64k`, `200MB`, `1.5G` → bytes (K, M, G are powers of 1024).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: f64 = num.parse().map_err(|_| format!("{s:?} is not a size: write e.g. 4096, 64KiB, 200MB or 1G"))?;
    let mult: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        "t" | "tb" | "tib" => 1 << 40,
        other => return Err(format!("unknown size unit {other:?}: use K, M, G or T")),
    };
    let bytes = n * mult as f64;
    // Past a pebibyte a limit is no limit, and sums with it would overflow.
    if !(bytes.is_finite() && bytes <= (1u64 << 50) as f64) {
        return Err(format!("{s:?} is too large a size: the most is 1 PiB"));
    }
    Ok(bytes as u64)
}

#[cfg(test)]
mod tests {
    use super::{parse_head, parse_host, parse_size};

    #[test]
    fn hosts_and_heads() {
        assert_eq!(parse_host("localhost").unwrap().to_string(), "127.0.0.1");
        assert_eq!(parse_host("LocalHost").unwrap().to_string(), "127.0.0.1");
        assert_eq!(parse_host("[::1]").unwrap().to_string(), "::1");
        assert_eq!(parse_host("0.0.0.0").unwrap().to_string(), "0.0.0.0");
        assert!(parse_host("evil.example").is_err());
        let h = "ab".repeat(32);
        assert_eq!(parse_head(&format!("head {}", h.to_uppercase())).unwrap(), h);
        assert!(parse_head("abc").is_err());
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("4096"), Ok(4096));
        assert_eq!(parse_size("64KiB"), Ok(64 << 10));
        assert_eq!(parse_size("200MB"), Ok(200 << 20));
        assert_eq!(parse_size("1.5G"), Ok(3 << 29));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("5 parsecs").is_err());
        assert!(parse_size("99999999999999999999").is_err());
    }
}
