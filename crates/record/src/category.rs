//! Figure categories, compiled from `data/categories.tsv` (see `build.rs`):
//! what a figure counts, with the facts every stage asks about it (its
//! unit, whether it lasts, whether it is a key figure, how a page names
//! it) in one table instead of a list in each crate.
//!
//! ```
//! use sitrep_record::Category;
//! let c: Category = "barrel_bombs".into();
//! assert_eq!((c.as_str(), c.label().as_ref(), c.unit()), ("barrel_bombs", "Barrel bombs", Some("attacks")));
//! assert!(Category::Trapped.lasts() && !Category::Killed.lasts() && Category::Killed.is_key());
//! // A word the table does not have is kept as written.
//! assert_eq!(Category::from("sieges").as_str(), "sieges");
//! ```

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

/// One row of the table.
struct Row {
    name: &'static str,
    group: Group,
    unit: &'static str,
    lasts: bool,
    key: bool,
    label: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/categories.rs"));

impl Category {
    /// Every listed category, in the table's order.
    pub fn all() -> &'static [Category] {
        &KNOWN
    }

    /// The listed category of that name.
    pub fn parse(name: &str) -> Option<Category> {
        ROWS.iter().position(|r| r.name == name).map(|i| KNOWN[i].clone())
    }

    fn row(&self) -> Option<&'static Row> {
        self.index().map(|i| &ROWS[i])
    }

    /// The record's word for it.
    pub fn as_str(&self) -> &str {
        match self {
            Category::Unlisted(s) => s,
            listed => self::name_of(listed),
        }
    }

    pub fn is_listed(&self) -> bool {
        self.index().is_some()
    }

    pub fn group(&self) -> Option<Group> {
        self.row().map(|r| r.group)
    }

    /// The record's `unit` for figures of this category.
    pub fn unit(&self) -> Option<&'static str> {
        self.row().map(|r| r.unit)
    }

    /// A count of something that lasts (trapped, displaced, …), which
    /// linking compares across days, rather than of happenings.
    pub fn lasts(&self) -> bool {
        self.row().is_some_and(|r| r.lasts)
    }

    /// A key figure of the situation report: people harmed or affected.
    pub fn is_key(&self) -> bool {
        self.row().is_some_and(|r| r.key)
    }

    /// How a page names it: the table's label; an unlisted word
    /// capitalized, with `_` and `-` as spaces.
    pub fn label(&self) -> Cow<'static, str> {
        match self.row() {
            Some(r) => Cow::Borrowed(r.label),
            None => Cow::Owned(capitalized(&self.as_str().replace(['_', '-'], " "))),
        }
    }
}

fn name_of(c: &Category) -> &'static str {
    c.row().map_or("", |r| r.name)
}

fn capitalized(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

impl From<&str> for Category {
    fn from(s: &str) -> Category {
        Category::parse(s).unwrap_or_else(|| Category::Unlisted(s.to_string()))
    }
}

impl From<String> for Category {
    fn from(s: String) -> Category {
        Category::parse(&s).unwrap_or(Category::Unlisted(s))
    }
}

impl Default for Category {
    /// An empty word: a figure an analyst has not categorized yet.
    fn default() -> Category {
        Category::Unlisted(String::new())
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// Categories sort by their words, as the strings they replace did.
impl Ord for Category {
    fn cmp(&self, other: &Category) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for Category {
    fn partial_cmp(&self, other: &Category) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq<str> for Category {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Category {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Serialize for Category {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Category {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Category, D::Error> {
        struct Word;
        impl Visitor<'_> for Word {
            type Value = Category;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a figure category")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Category, E> {
                Ok(Category::from(v))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Category, E> {
                Ok(Category::from(v))
            }
        }
        d.deserialize_str(Word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_reads_back_and_labels_follow_the_names() {
        assert_eq!(Category::all().len(), ROWS.len());
        for c in Category::all() {
            assert!(c.is_listed());
            assert_eq!(Category::from(c.as_str()), *c);
            assert_eq!(c.label(), capitalized(&c.as_str().replace('_', " ")), "{c}");
            let json = serde_json::to_string(c).unwrap();
            assert_eq!(json, format!("\"{}\"", c.as_str()));
            assert_eq!(serde_json::from_str::<Category>(&json).unwrap(), *c);
        }
        assert_eq!(Category::BarrelBombs.as_str(), "barrel_bombs");
        assert_eq!(Category::Area.unit(), Some("km2"));
        assert_eq!(Category::Area.group(), Some(Group::Extent));
    }

    #[test]
    fn lasting_and_key_figures_are_the_table_s() {
        let lasting: Vec<&str> = Category::all().iter().filter(|c| c.lasts()).map(|c| c.as_str()).collect();
        assert_eq!(lasting, ["displaced", "trapped", "detained", "disappeared", "missing"]);
        // Key figures are the people counts.
        for c in Category::all() {
            assert_eq!(c.is_key(), c.group() == Some(Group::People), "{c}");
        }
    }

    #[test]
    fn unlisted_words_are_kept_and_sort_as_words() {
        let odd = Category::from("sieges");
        assert_eq!(odd, Category::Unlisted("sieges".into()));
        assert_eq!((odd.unit(), odd.lasts(), odd.is_key()), (None, false, false));
        assert_eq!(Category::from("road-blocks").label(), "Road blocks");
        assert_eq!(serde_json::to_string(&odd).unwrap(), "\"sieges\"");
        let mut v = [Category::Trapped, Category::Airstrikes, Category::from("zz"), Category::Killed];
        v.sort();
        assert_eq!(v.iter().map(|c| c.as_str()).collect::<Vec<_>>(), ["airstrikes", "killed", "trapped", "zz"]);
        assert!(Category::Killed == "killed" && Category::Killed != "Killed");
    }
}
