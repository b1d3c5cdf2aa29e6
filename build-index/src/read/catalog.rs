//! Catalog entries: metadata the text does not state (a date known from the
//! publisher's site, the publisher of a reposted transcript), kept outside
//! the corpus so the corpus files stay byte-identical. Every value set here
//! is marked `origin = catalog` on the document.
//!
//! An entry picks its documents by `id`, or by `file` (corpus-relative path)
//! and optionally the document `title` as found in the text (compared
//! case- and accent-insensitively). Scalar fields replace the text's value;
//! list fields add to it.

use crate::read::metadata::is_iso_date;
use crate::read::text::fold;
use crate::{Error, Warning};
use engine::{Document, Origin};
use serde::Deserialize;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

#[derive(Debug, Clone, Deserialize, Default, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CatalogEntry {
    /// Exact document id.
    pub id: Option<String>,
    /// Corpus-relative path of the file (`/`-separated).
    pub file: Option<String>,
    /// The title found in the text, to pick one document of a file.
    pub title: Option<String>,
    /// Replacement title.
    pub set_title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub doc_type: Option<String>,
    pub lang: Option<String>,
    #[serde(default)]
    pub speakers: Vec<String>,
    #[serde(default)]
    pub people: Vec<String>,
    #[serde(default)]
    pub places: Vec<String>,
    #[serde(default)]
    pub topics: Vec<String>,
    /// Why the entry exists (where the fact comes from). Never indexed.
    pub note: Option<String>,
}

impl CatalogEntry {
    pub(crate) fn validate(&self) -> Result<(), String> {
        if self.id.is_none() && self.file.is_none() {
            return Err("needs `id` or `file` to say which document it describes".to_string());
        }
        if self.id.is_some() && (self.file.is_some() || self.title.is_some()) {
            return Err("give either `id` or `file` (+ `title`), not both".to_string());
        }
        if let Some(d) = &self.date {
            if !is_iso_date(d) {
                return Err(format!(
                    "date {d:?} is not ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)"
                ));
            }
        }
        Ok(())
    }

    fn matches(&self, doc: &Document) -> bool {
        if let Some(id) = &self.id {
            return *id == doc.id;
        }
        let Some(file) = &self.file else { return false };
        if file.trim_start_matches("./") != doc.source_file {
            return false;
        }
        match &self.title {
            Some(t) => fold(t).trim() == fold(&doc.title).trim(),
            None => true,
        }
    }

    fn describe(&self) -> String {
        match (&self.id, &self.file, &self.title) {
            (Some(id), _, _) => format!("id = {id:?}"),
            (None, Some(f), Some(t)) => format!("file = {f:?}, title = {t:?}"),
            (None, Some(f), None) => format!("file = {f:?}"),
            _ => "(no selector)".to_string(),
        }
    }

    fn apply(&self, doc: &mut Document) {
        let mark = |doc: &mut Document, field: &str| {
            doc.origin.insert(field.to_string(), Origin::Catalog);
        };
        if let Some(t) = &self.set_title {
            doc.title = t.clone();
            mark(doc, "title");
        }
        if let Some(d) = &self.date {
            doc.date = Some(d.clone());
            doc.year = d.get(..4).and_then(|y| y.parse().ok());
            mark(doc, "date");
            mark(doc, "year");
        }
        if let Some(s) = &self.source {
            doc.source = Some(s.clone());
            mark(doc, "source");
        }
        if let Some(t) = &self.doc_type {
            doc.doc_type = Some(t.clone());
            mark(doc, "doc_type");
        }
        if let Some(l) = &self.lang {
            doc.lang = l.clone();
            mark(doc, "lang");
        }
        for (field, list, add) in [
            ("speakers", &mut doc.speakers, &self.speakers),
            ("people", &mut doc.people, &self.people),
            ("places", &mut doc.places, &self.places),
            ("topics", &mut doc.topics, &self.topics),
        ] {
            let mut changed = false;
            for v in add {
                if !list.contains(v) {
                    list.push(v.clone());
                    changed = true;
                }
            }
            if changed {
                list.sort();
                doc.origin.insert(field.to_string(), Origin::Catalog);
            }
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    #[serde(default)]
    catalog: Vec<CatalogEntry>,
}

/// Reads a `--catalog` file: TOML with `[[catalog]]` entries, as in
/// `archive.toml`.
pub fn load(path: &Path) -> Result<Vec<CatalogEntry>, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::Io {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    let file: CatalogFile = toml::from_str(&text).map_err(|e| Error::Config {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    for (i, c) in file.catalog.iter().enumerate() {
        c.validate().map_err(|reason| Error::Config {
            path: path.display().to_string(),
            reason: format!("[[catalog]] entry {}: {reason}", i + 1),
        })?;
    }
    Ok(file.catalog)
}

/// Applies the entries in order (later entries win) and warns about
/// entries that describe no document, which usually means a typo or a
/// renamed file.
pub fn apply(entries: &[CatalogEntry], docs: &mut [Document], warnings: &mut Vec<Warning>) {
    let catalog = Applier::new(entries);
    for doc in docs {
        catalog.apply(doc);
    }
    catalog.warn_unmatched(warnings);
}

/// [`apply`] one document at a time, from any thread, so documents can be
/// packed as soon as they are complete. An entry only reads and changes the
/// document it matches, so applying every entry to one document, in order,
/// is the same as applying each entry to every document.
pub struct Applier<'a> {
    entries: &'a [CatalogEntry],
    hit: Vec<AtomicBool>,
}

impl<'a> Applier<'a> {
    pub fn new(entries: &'a [CatalogEntry]) -> Self {
        Applier {
            entries,
            hit: entries.iter().map(|_| AtomicBool::new(false)).collect(),
        }
    }

    pub fn apply(&self, doc: &mut Document) {
        for (entry, hit) in self.entries.iter().zip(&self.hit) {
            if entry.matches(doc) {
                entry.apply(doc);
                hit.store(true, Ordering::Relaxed);
            }
        }
    }

    /// One warning per entry that matched no document, in entry order.
    pub fn warn_unmatched(self, warnings: &mut Vec<Warning>) {
        for (entry, hit) in self.entries.iter().zip(self.hit) {
            if !hit.into_inner() {
                warnings.push(Warning::warn(
                    "catalog".to_string(),
                    None,
                    format!("catalog entry ({}) matches no document", entry.describe()),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document {
        Document {
            id: "f/t".into(),
            title: "Título Uno".into(),
            source_file: "dir/f.txt".into(),
            source: Some("Text Source".into()),
            ..Default::default()
        }
    }

    #[test]
    fn file_and_title_select_and_mark_origin() {
        let e = CatalogEntry {
            file: Some("dir/f.txt".into()),
            title: Some("titulo uno".into()),
            date: Some("2017-12".into()),
            people: vec!["A B".into()],
            ..Default::default()
        };
        let mut docs = vec![doc()];
        let mut w = Vec::new();
        apply(&[e], &mut docs, &mut w);
        assert!(w.is_empty());
        assert_eq!(docs[0].date.as_deref(), Some("2017-12"));
        assert_eq!(docs[0].year, Some(2017));
        assert_eq!(docs[0].origin.get("date"), Some(&Origin::Catalog));
        assert_eq!(docs[0].people, vec!["A B".to_string()]);
        assert_eq!(docs[0].origin.get("source"), None);
    }

    #[test]
    fn unmatched_entry_warns() {
        let e = CatalogEntry {
            id: Some("nope/x".into()),
            source: Some("S".into()),
            ..Default::default()
        };
        let mut docs = vec![doc()];
        let mut w = Vec::new();
        apply(&[e], &mut docs, &mut w);
        assert_eq!(w.len(), 1);
        assert!(w[0].message.contains("nope/x"));
        assert_eq!(docs[0].source.as_deref(), Some("Text Source"));
    }

    #[test]
    fn validation_rejects_bad_dates_and_missing_selectors() {
        let e = CatalogEntry {
            file: Some("a".into()),
            date: Some("12/03/2020".into()),
            ..Default::default()
        };
        assert!(e.validate().unwrap_err().contains("ISO"));
        assert!(CatalogEntry::default().validate().is_err());
    }
}
