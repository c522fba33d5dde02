//! What a reader asks the linked archive for, read forgivingly and checked
//! before anything is shown: figure categories in any case, and a place in
//! any spelling or language the gazetteer knows. A word that names nothing
//! is an error that names what is near; a place that is known but holds
//! nothing is a note that says which places near it do.
//!
//! ```
//! use sitrep_pipeline::scope::{categories, place_aliases};
//! assert_eq!(categories(&["Trapped".into()], &[]).unwrap(), ["trapped"]);
//! let wrong = categories(&["trappd".into()], &[]).unwrap_err();
//! assert_eq!(wrong.nearest[0], "trapped");
//! // حلب is Aleppo, the city and the governorate.
//! assert!(place_aliases("حلب").iter().any(|a| a == "Aleppo"));
//! ```

use sitrep_gazetteer::{Gazetteer, Level};
use sitrep_link::{Linked, PlaceInfo};
use sitrep_record::Category;

/// A category nobody wrote, with the names nearest to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownCategory {
    pub asked: String,
    pub nearest: Vec<String>,
}

impl std::fmt::Display for UnknownCategory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?} is not a figure category", self.asked)?;
        if !self.nearest.is_empty() {
            write!(f, ": did you mean {}?", self.nearest.join(", "))?;
        }
        write!(f, " (`sitrep figures` lists the categories the archive has)")
    }
}

impl std::error::Error for UnknownCategory {}

/// A category as written on a command line or in a form: `Trapped`,
/// `barrel bombs` and `barrel-bombs` are `trapped` and `barrel_bombs`.
pub fn category_key(asked: &str) -> String {
    asked.trim().to_lowercase().replace([' ', '-'], "_")
}

/// The categories asked for, each as the record writes it: a listed
/// category in any case, or one the archive has (an analyst's own word).
/// The first that is neither is the error, with the nearest names.
pub fn categories(asked: &[String], in_archive: &[&str]) -> Result<Vec<String>, UnknownCategory> {
    let mut out = Vec::new();
    for a in asked.iter().filter(|a| !a.trim().is_empty()) {
        let key = category_key(a);
        let known = Category::parse(&key).is_some() || in_archive.iter().any(|c| category_key(c) == key);
        if !known {
            let names =
                Category::all().iter().map(|c| c.as_str().to_string()).chain(in_archive.iter().map(|c| c.to_string()));
            return Err(UnknownCategory { asked: a.trim().to_string(), nearest: nearest(&key, names, 3) });
        }
        let written = in_archive.iter().find(|c| category_key(c) == key).map_or(key, |c| c.to_string());
        if !out.contains(&written) {
            out.push(written);
        }
    }
    Ok(out)
}

/// The names nearest to `word` by edit distance, closest first, at most
/// `n`, and only those close enough to be a slip of the keyboard.
pub fn nearest(word: &str, names: impl Iterator<Item = String>, n: usize) -> Vec<String> {
    let w = word.to_lowercase();
    let mut scored: Vec<(usize, String)> = names
        .filter_map(|name| {
            let d = distance(&w, &name.to_lowercase());
            // A third of the word's letters wrong, or a prefix of it.
            let close =
                d <= (w.chars().count() / 3).max(1) || name.to_lowercase().starts_with(&w) && w.chars().count() >= 3;
            close.then_some((d, name))
        })
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(n).map(|s| s.1).collect()
}

/// Levenshtein distance in characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let here = row[j + 1];
            row[j + 1] = (row[j + 1] + 1).min(row[j] + 1).min(prev + usize::from(ca != *cb));
            prev = here;
        }
    }
    row[b.len()]
}

/// Other ways to name the place a query names, from the gazetteer's keys:
/// each matching entry's id, its name and its parents' spelling as records
/// write them. `حلب`, `Halab` and `Aleppo` give the same; `Ansari` gives
/// `Al-Ansari`. Looser matches (a consonant skeleton) count only when no
/// stricter one exists.
pub fn place_aliases(query: &str) -> Vec<String> {
    let g = Gazetteer::builtin();
    // The loosest key (consonants alone) matches some place of the world
    // for almost any word: a slip (`Aleppa`) would name a village abroad
    // instead of being told it names nothing.
    let found: Vec<_> = g.lookup(query.trim()).into_iter().filter(|(_, l)| *l != Level::Skeleton).collect();
    let best = found.iter().map(|(_, l)| *l).min();
    let mut out: Vec<String> = Vec::new();
    for (i, level) in found {
        if Some(level) != best {
            continue;
        }
        let e = g.entry(i);
        for a in [e.id.to_string(), e.name.to_string()] {
            if !out.contains(&a) {
                out.push(a);
            }
        }
    }
    out
}

/// Why a place filter kept nothing, for the reader.
#[derive(Clone, Debug, PartialEq)]
pub enum PlaceNote {
    /// Neither the gazetteer nor any record knows the name; the names of
    /// the archive's places nearest in spelling.
    Unknown { asked: String, nearest: Vec<String> },
    /// The place is known but nothing shown is there; the archive's places
    /// nearest to it on the ground, with their distance in km.
    Empty { asked: String, known_as: String, near: Vec<(String, f64)> },
}

impl std::fmt::Display for PlaceNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PlaceNote::Unknown { asked, nearest } => {
                write!(f, "no place called {asked:?} is known")?;
                if !nearest.is_empty() {
                    write!(f, ": did you mean {}?", nearest.join(", "))?;
                }
                Ok(())
            }
            PlaceNote::Empty { asked, known_as, near } => {
                if known_as == asked {
                    write!(f, "nothing here is at {asked}")?;
                } else {
                    write!(f, "nothing here is at {asked} ({known_as})")?;
                }
                if !near.is_empty() {
                    let near: Vec<String> = near.iter().map(|(n, km)| format!("{n} ({km:.0} km)")).collect();
                    write!(f, "; nearest with items: {}", near.join(", "))?;
                }
                Ok(())
            }
        }
    }
}

/// Whether a place query names anything, and if it does, what near it the
/// archive has: called when a filter by place kept nothing. `linked` is
/// the archive before filtering.
pub fn place_note(linked: &Linked, asked: &str) -> PlaceNote {
    let g = Gazetteer::builtin();
    let aliases = place_aliases(asked);
    let norm = sitrep_link::norm;
    let in_records: Vec<&PlaceInfo> = linked
        .places
        .values()
        .filter(|p| norm(&p.name) == norm(asked) || aliases.iter().any(|a| a == &p.id || norm(a) == norm(&p.name)))
        .collect();
    // Where the query is: a place of the records, else the gazetteer's
    // most populous match.
    let at = in_records.iter().find_map(|p| Some((p.name.clone(), p.lat?, p.lon?))).or_else(|| {
        g.lookup(asked.trim())
            .into_iter()
            .map(|(i, _)| g.entry(i))
            .filter(|e| aliases.iter().any(|a| a == e.id))
            .max_by_key(|e| e.population.unwrap_or(0))
            .and_then(|e| Some((e.name.to_string(), e.lat?, e.lon?)))
    });
    // Spellings compared as the gazetteer keys them: articles and hyphens
    // off, so `Ansary` is one letter from `Al-Ansari`.
    let key = |n: &str| sitrep_gazetteer::keys::keys(n).exact.unwrap_or_else(|| n.to_lowercase());
    let asked_key = key(asked);
    let mut names: Vec<(usize, String)> = linked
        .places
        .values()
        .filter_map(|p| {
            let d = distance(&asked_key, &key(&p.name));
            (d <= (asked_key.chars().count() / 3).max(1)).then(|| (d, p.name.clone()))
        })
        .collect();
    names.sort();
    names.dedup_by(|a, b| a.1 == b.1);
    let unknown = |names: Vec<(usize, String)>| PlaceNote::Unknown {
        asked: asked.trim().to_string(),
        nearest: names.into_iter().take(3).map(|n| n.1).collect(),
    };
    match at {
        None if in_records.is_empty() => unknown(names),
        // The world holds a place of almost any spelling (`Aleppa` is a
        // town of Côte d'Ivoire as `Alépé`): where the archive has a place
        // spelt nearly so and nothing of the query, the slip is the likelier.
        Some(_) if in_records.is_empty() && !names.is_empty() => unknown(names),
        None => {
            PlaceNote::Empty { asked: asked.trim().to_string(), known_as: in_records[0].name.clone(), near: vec![] }
        }
        Some((name, lat, lon)) => {
            let mut near: Vec<(String, f64)> = Vec::new();
            for p in linked.places.values() {
                let (Some(plat), Some(plon)) = (p.lat, p.lon) else { continue };
                let used = linked.events.iter().any(|e| e.place.as_deref() == Some(p.id.as_str()))
                    || linked.claims.iter().any(|c| c.place.as_deref() == Some(p.id.as_str()));
                if used && !near.iter().any(|n| n.0 == p.name) {
                    near.push((p.name.clone(), km(lat, lon, plat, plon)));
                }
            }
            near.sort_by(|a, b| a.1.total_cmp(&b.1));
            near.truncate(3);
            PlaceNote::Empty { asked: asked.trim().to_string(), known_as: name, near }
        }
    }
}

/// Great-circle distance in km.
fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let (dp, dl) = ((lat2 - lat1).to_radians(), (lon2 - lon1).to_radians());
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    6371.0 * 2.0 * a.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_forgive_case_and_spacing() {
        assert_eq!(categories(&["Trapped".into(), "barrel bombs".into()], &[]).unwrap(), ["trapped", "barrel_bombs"]);
        assert_eq!(categories(&["sieges".into()], &["sieges"]).unwrap(), ["sieges"], "an analyst's own category");
        let e = categories(&["kiled".into()], &[]).unwrap_err();
        assert_eq!(e.nearest.first().map(String::as_str), Some("killed"));
        assert!(e.to_string().contains("did you mean killed"), "{e}");
        assert!(categories(&["zzzzzz".into()], &[]).unwrap_err().nearest.is_empty());
    }

    #[test]
    fn places_in_any_spelling() {
        for q in ["حلب", "Aleppo", "aleppo", "Halab"] {
            assert!(place_aliases(q).contains(&"Aleppo".to_string()), "{q}: {:?}", place_aliases(q));
        }
        assert!(place_aliases("Ansari").contains(&"Al-Ansari".to_string()), "{:?}", place_aliases("Ansari"));
        assert!(place_aliases("الأنصاري").contains(&"Al-Ansari".to_string()));
        assert!(place_aliases("Qwxzv").is_empty());
    }

    #[test]
    fn distances() {
        assert_eq!(distance("trappd", "trapped"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert!((km(36.2, 37.15, 36.2, 37.15)).abs() < 1e-9);
        assert!((km(36.20, 37.15, 35.93, 36.63) - 55.0).abs() < 5.0, "Aleppo to Idlib is about 55 km");
    }
}
