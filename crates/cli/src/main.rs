//! `sitrep`: the command line. It parses arguments, calls the libraries and
//! prints; everything else lives in the `sitrep-*` crates.

mod args;
mod commands;
mod demo;
mod facts;
mod linked;
mod output;
mod serve;

use args::{Cli, Command, GazetteerCommand};
use clap::Parser;
use sitrep_store::{Archive, StoreError};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit codes, so scripts can tell failures apart.
pub mod exit {
    /// Some inputs failed, damage was found, or a search found nothing.
    pub const PARTIAL: u8 = 1;
    /// Bad usage: options that do not go together.
    pub const USAGE: u8 = 2;
    /// The archive could not be opened or written.
    pub const ARCHIVE: u8 = 3;
    /// No document matches the id given (or it is ambiguous).
    pub const NO_DOCUMENT: u8 = 4;
    /// A document's stored bytes no longer match its id.
    pub const DAMAGED: u8 = 5;
}

fn main() -> ExitCode {
    install_panic_hook();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        // The reader went away (`sitrep list | head`): not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // The archive's errors already say everything; their sources
            // would only repeat it ("database is locked: database is locked").
            if e.downcast_ref::<StoreError>().is_some() {
                eprintln!("sitrep: {e}");
            } else {
                eprintln!("sitrep: {e:#}");
            }
            ExitCode::from(code_for(&e))
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
        || e.downcast_ref::<serde_json::Error>()
            .is_some_and(|j| j.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
}

fn code_for(e: &anyhow::Error) -> u8 {
    match e.downcast_ref::<StoreError>() {
        Some(StoreError::NotFound(_) | StoreError::Ambiguous { .. } | StoreError::BadPrefix(_)) => exit::NO_DOCUMENT,
        Some(StoreError::Damaged { .. }) => exit::DAMAGED,
        Some(StoreError::EmptyQuery | StoreError::BadQuery(_)) => 2,
        Some(_) => exit::ARCHIVE,
        None => 2,
    }
}

fn archive_path(cli_path: Option<PathBuf>) -> PathBuf {
    cli_path.unwrap_or_else(|| PathBuf::from("sitrep.db"))
}

/// The archive `add` writes to, created (with its folder) on first use.
fn create(path: Option<PathBuf>) -> anyhow::Result<Archive> {
    Ok(Archive::open(&archive_path(path))?)
}

/// An archive that must exist: commands that read never make one, so a
/// mistyped `--archive` is an error naming the path (exit 3), not a new
/// empty archive and its folders.
fn open(path: Option<PathBuf>) -> anyhow::Result<Archive> {
    let path = archive_path(path);
    if !path.exists() {
        return Err(StoreError::Open {
            path: path.clone(),
            reason: "there is no archive there: add documents with `sitrep add PATH...` first, or give the \
                     right path with --archive or $SITREP_ARCHIVE"
                .into(),
        }
        .into());
    }
    Ok(Archive::open(&path)?)
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Add(a) => commands::add(&mut create(cli.archive)?, &a),
        Command::List(a) => commands::list(&open(cli.archive)?, a.json),
        Command::Show(a) => commands::show(&open(cli.archive)?, &a),
        Command::Search(a) => commands::search(&open(cli.archive)?, &a),
        Command::Raw(a) => commands::raw(&open(cli.archive)?, &a.id),
        Command::Verify(a) => commands::verify(&open(cli.archive)?, &a),
        Command::Anchor(a) => commands::anchor(&open(cli.archive)?, &a),
        Command::Extract(a) => commands::extract(&a, &archive_path(cli.archive)),
        Command::Reextract(a) => commands::reextract(&mut open(cli.archive)?, &a),
        Command::Figures(a) => linked::figures(&mut open(cli.archive)?, &a),
        Command::Timeline(a) => linked::timeline(&mut open(cli.archive)?, &a),
        Command::Export(a) => linked::export(&mut open(cli.archive)?, &a),
        Command::Report(a) => linked::report(&mut open(cli.archive)?, &a),
        Command::Demo(a) => demo::run(&a.at),
        Command::Serve(a) => serve::run(archive_path(cli.archive), &a),
        Command::Gazetteer(GazetteerCommand::Import(a)) => commands::gazetteer_import(&mut open(cli.archive)?, &a),
        Command::Gazetteer(GazetteerCommand::List(a)) => commands::gazetteer_list(&open(cli.archive)?, a.json),
    }
}

/// The PDF reader can panic on malformed files; those panics are caught and
/// reported as errors, so their default message would only be noise.
fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !sitrep_ingest::pdf::in_pdf_reader() {
            default(info);
        }
    }));
}
