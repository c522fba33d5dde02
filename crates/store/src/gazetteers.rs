//! Gazetteers the analyst imported (migration 8): each import's file,
//! digest and the rows it could not read, and its places. The store only
//! keeps them; reading the files and using the places is the pipeline's.

use crate::{now, Archive, Result, SITREP_VERSION};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

/// One imported place, as the import read it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GazetteerPlace {
    pub id: String,
    pub kind: String,
    pub name: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub pcode: Option<String>,
    pub country: String,
    pub within: Vec<String>,
    pub population: Option<u64>,
    pub names: Vec<String>,
    pub source: String,
}

/// One import.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GazetteerImport {
    pub id: i64,
    pub file: String,
    pub sha256: String,
    pub format: String,
    pub places: u64,
    /// The rows left out, each a line naming its row and column.
    pub problems: Vec<String>,
    pub imported_at: String,
    pub sitrep_version: String,
}

/// What importing a file did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Imported {
    New {
        import: i64,
    },
    /// The same bytes were imported before, as this import.
    Present {
        import: i64,
    },
}

impl Archive {
    /// Keeps an imported gazetteer's places, in one transaction: all of
    /// them or, when anything fails, none, and never touching earlier
    /// imports.
    pub fn import_gazetteer(
        &mut self,
        file: &str,
        sha256: &str,
        format: &str,
        places: &[GazetteerPlace],
        problems: &[String],
    ) -> Result<Imported> {
        let tx = self.conn_mut().transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let before: Option<i64> =
            tx.query_row("SELECT rowid FROM gazetteer_imports WHERE sha256 = ?1", [sha256], |r| r.get(0)).optional()?;
        if let Some(import) = before {
            return Ok(Imported::Present { import });
        }
        tx.execute(
            "INSERT INTO gazetteer_imports (file, sha256, format, places, problems, imported_at, sitrep_version)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                file,
                sha256,
                format,
                places.len() as i64,
                serde_json::to_string(problems).expect("strings serialize"),
                now(),
                SITREP_VERSION
            ],
        )?;
        let import = tx.last_insert_rowid();
        crate::integrity::seal(&tx, "gazetteer import", import)?;
        {
            let mut insert = tx.prepare(
                "INSERT OR REPLACE INTO gazetteer_places
                   (import, id, kind, name, lat, lon, pcode, country, within, population, names, source)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?;
            for p in places {
                insert.execute(params![
                    import,
                    p.id,
                    p.kind,
                    p.name,
                    p.lat,
                    p.lon,
                    p.pcode,
                    p.country,
                    serde_json::to_string(&p.within).expect("strings serialize"),
                    p.population.map(|n| n as i64),
                    serde_json::to_string(&p.names).expect("strings serialize"),
                    p.source,
                ])?;
            }
        }
        // Sealed once all are in: a place the file repeats replaced its
        // earlier row. Rows of earlier imports keep the seals they have.
        crate::integrity::seal_missing(&tx, "gazetteer place")?;
        tx.commit()?;
        Ok(Imported::New { import })
    }

    /// Every import, oldest first.
    pub fn gazetteer_imports(&self) -> Result<Vec<GazetteerImport>> {
        let mut stmt = self.conn().prepare(
            "SELECT rowid, file, sha256, format, places, problems, imported_at, sitrep_version
             FROM gazetteer_imports ORDER BY rowid",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(GazetteerImport {
                id: r.get(0)?,
                file: r.get(1)?,
                sha256: r.get(2)?,
                format: r.get(3)?,
                places: r.get::<_, i64>(4)? as u64,
                problems: serde_json::from_str(&r.get::<_, String>(5)?).unwrap_or_default(),
                imported_at: r.get(6)?,
                sitrep_version: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every imported place, one per id: where imports share an id, the
    /// newest import's row. In import order, then as each file had them.
    pub fn gazetteer_places(&self) -> Result<Vec<GazetteerPlace>> {
        let mut stmt = self.conn().prepare(
            "SELECT p.id, p.kind, p.name, p.lat, p.lon, p.pcode, p.country, p.within, p.population, p.names, p.source
             FROM gazetteer_places p
             WHERE p.import = (SELECT max(q.import) FROM gazetteer_places q WHERE q.id = p.id)
             ORDER BY p.import, p.rowid",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(GazetteerPlace {
                id: r.get(0)?,
                kind: r.get(1)?,
                name: r.get(2)?,
                lat: r.get(3)?,
                lon: r.get(4)?,
                pcode: r.get(5)?,
                country: r.get(6)?,
                within: serde_json::from_str(&r.get::<_, String>(7)?).unwrap_or_default(),
                population: r.get::<_, Option<i64>>(8)?.map(|n| n as u64),
                names: serde_json::from_str(&r.get::<_, String>(9)?).unwrap_or_default(),
                source: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(id: &str, name: &str) -> GazetteerPlace {
        GazetteerPlace {
            id: id.into(),
            kind: "village".into(),
            name: name.into(),
            lat: Some(12.5),
            lon: None,
            pcode: Some("XZ01".into()),
            country: "XZ".into(),
            within: vec!["Xandrimor".into(), "Zorvathia".into()],
            population: Some(300),
            names: vec![name.into(), "زولفينور".into()],
            source: "ocha".into(),
        }
    }

    #[test]
    fn imports_are_kept_whole_and_the_newest_answers_for_an_id() {
        let mut a = Archive::open_in_memory().unwrap();
        let first =
            a.import_gazetteer("a.csv", "aa", "ocha-csv", &[place("ocha:1", "Old"), place("ocha:2", "Two")], &[]);
        assert_eq!(first.unwrap(), Imported::New { import: 1 });
        assert_eq!(
            a.import_gazetteer("again.csv", "aa", "ocha-csv", &[], &[]).unwrap(),
            Imported::Present { import: 1 }
        );
        let problems = vec!["row 3, column 5 (latitude): \"x\" is not a coordinate".to_string()];
        a.import_gazetteer("b.csv", "bb", "ocha-csv", &[place("ocha:1", "New")], &problems).unwrap();
        let places = a.gazetteer_places().unwrap();
        let names: Vec<&str> = places.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Two", "New"]);
        assert_eq!(places[0], place("ocha:2", "Two"), "rows come back as they went in");
        let imports = a.gazetteer_imports().unwrap();
        assert_eq!(imports.len(), 2);
        assert_eq!(imports[1].problems, problems);
        assert_eq!(imports[0].places, 2, "the first import keeps its count and its rows");
    }
}
