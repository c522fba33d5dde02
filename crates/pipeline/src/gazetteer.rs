//! Gazetteers the analyst brings (`sitrep gazetteer import`): a file read
//! by `sitrep_gazetteer::import`, kept in the archive, and used beside the
//! built-in gazetteer by every extraction made over that archive (`add`,
//! `extract`, `reextract`, `show --facts`, the desk).
//!
//! A record made with imported places names them in its extractor
//! (`sitrep 0.1.0 rules 5 + gazetteer 1a2b3c4d`), so `sitrep reextract`
//! re-makes the records an import would change.

use serde::Serialize;
use sha2::{Digest, Sha256};
use sitrep_annotate::Given;
use sitrep_gazetteer::{import, Gazetteer, Kind, Row};
use sitrep_store::{Archive, GazetteerPlace, Imported, StoreError};
use std::path::Path;
use std::sync::Arc;

/// What importing one file did.
#[derive(Clone, Debug, Serialize)]
pub struct ImportReport {
    pub file: String,
    pub format: &'static str,
    /// Places kept.
    pub places: usize,
    /// Rows that read but are not places (terrain, water).
    pub not_places: usize,
    /// Rows left out, each naming its row and column.
    pub problems: Vec<String>,
    /// The same bytes were imported before: nothing was stored.
    pub already: bool,
    /// The import's number in the archive.
    pub import: i64,
}

/// Why a file was not imported at all.
#[derive(Debug)]
pub enum ImportFailure {
    /// The file could not be read.
    Read { file: String, reason: String },
    /// It is not a gazetteer this version reads.
    Format { file: String, reason: String },
    /// The archive could not keep it (nothing of it was kept).
    Store(StoreError),
}

impl std::fmt::Display for ImportFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportFailure::Read { file, reason } => write!(f, "{file}: cannot read it: {reason}"),
            ImportFailure::Format { file, reason } => write!(f, "{file}: {reason}"),
            ImportFailure::Store(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ImportFailure {}

/// The name of a country the built-in gazetteer knows.
fn builtin_country(iso: &str) -> Option<String> {
    Gazetteer::builtin().country(iso).map(|e| e.name.to_string())
}

/// Reads a gazetteer file and keeps its places in the archive, with the
/// rows it could not read named.
pub fn import(archive: &mut Archive, path: &Path) -> Result<ImportReport, ImportFailure> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| ImportFailure::Read { file: file.clone(), reason: e.to_string() })?;
    import_bytes(archive, &file, &bytes)
}

/// [`import`] of bytes held in memory; `file` names them (its extension
/// may tell the format).
pub fn import_bytes(archive: &mut Archive, file: &str, bytes: &[u8]) -> Result<ImportReport, ImportFailure> {
    let read = import::read(file, bytes, &builtin_country)
        .map_err(|e| ImportFailure::Format { file: file.to_string(), reason: e.to_string() })?;
    let sha = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect::<String>();
    let places: Vec<GazetteerPlace> = read.rows.iter().map(to_store).collect();
    let problems: Vec<String> = read.problems.iter().map(ToString::to_string).collect();
    let done =
        archive.import_gazetteer(file, &sha, read.format.as_str(), &places, &problems).map_err(ImportFailure::Store)?;
    let (already, n) = match done {
        Imported::New { import } => (false, import),
        Imported::Present { import } => (true, import),
    };
    Ok(ImportReport {
        file: file.to_string(),
        format: read.format.as_str(),
        places: places.len(),
        not_places: read.not_places,
        problems,
        already,
        import: n,
    })
}

fn to_store(r: &Row) -> GazetteerPlace {
    GazetteerPlace {
        id: r.id.clone(),
        kind: r.kind.word().to_string(),
        name: r.name.clone(),
        lat: r.lat,
        lon: r.lon,
        pcode: r.pcode.clone(),
        country: r.country.clone(),
        within: r.within.clone(),
        population: r.population,
        names: r.names.clone(),
        source: r.source.clone(),
    }
}

fn to_row(p: GazetteerPlace) -> Row {
    Row {
        kind: Kind::parse(&p.kind).unwrap_or(Kind::Other),
        id: p.id,
        name: p.name,
        lat: p.lat,
        lon: p.lon,
        pcode: p.pcode,
        country: p.country,
        within: p.within,
        population: p.population,
        names: p.names,
        source: p.source,
    }
}

/// The archive's imported places as one gazetteer, or none when nothing
/// was imported. Its label names the imports by their digests.
pub fn imported(archive: &Archive) -> Result<Option<Arc<Gazetteer>>, StoreError> {
    let imports = archive.gazetteer_imports()?;
    if imports.is_empty() {
        return Ok(None);
    }
    let label = imports.iter().map(|i| &i.sha256[..i.sha256.len().min(8)]).collect::<Vec<_>>().join("+");
    let rows: Vec<Row> = archive.gazetteer_places()?.into_iter().map(to_row).collect();
    Ok(Some(Arc::new(Gazetteer::from_rows(&rows, &label))))
}

/// What extraction over this archive is given: its imported gazetteer.
pub fn given(archive: &Archive) -> Result<Given, StoreError> {
    Ok(Given { gazetteer: imported(archive)?, ..Given::default() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_file_changes_nothing_and_a_good_one_is_kept() {
        let mut a = Archive::open_in_memory().unwrap();
        assert!(matches!(import_bytes(&mut a, "notes.txt", b"nothing here"), Err(ImportFailure::Format { .. })));
        assert!(imported(&a).unwrap().is_none());
        let csv = "ADM0_EN,ADM0_PCODE,ADM1_EN,ADM1_PCODE\nZorvathia,XZ,Xandrimor,XZ01\n";
        let done = import_bytes(&mut a, "xz.csv", csv.as_bytes()).unwrap();
        assert_eq!((done.places, done.already), (2, false));
        assert!(import_bytes(&mut a, "copy.csv", csv.as_bytes()).unwrap().already);
        let g = imported(&a).unwrap().unwrap();
        assert_eq!(g.len(), 2);
        assert_eq!(g.label().len(), 8);
    }
}
