//! # build-index
//!
//! Turns a corpus folder (`.txt`, `.md` with front matter, `.html`, `.jsonl`)
//! into clean, structured, citable documents, and writes them as a search
//! index plus a deployable static site.
//!
//! ```no_run
//! use build_index::{config::Config, load_corpus};
//! let cfg = Config::discover("seeds".as_ref())?;
//! let corpus = load_corpus("seeds".as_ref(), &cfg)?;
//! for d in &corpus.documents {
//!     println!("{} {} lines {}–{}", d.id, d.title, d.line_start, d.line_end);
//! }
//! # Ok::<(), build_index::Error>(())
//! ```
//!
//! Pipeline: [`corpus`] finds and decodes files → [`segment`] (plain text),
//! [`markdown`], [`html`] or JSONL produce drafts, with [`boilerplate`]
//! removed → [`metadata`] and [`structure`] turn each draft into an
//! [`engine::Document`] → ids ([`assign_ids`]) → [`catalog`] → the index
//! ([`output`]) and the site ([`site`]).

pub mod boilerplate;
pub mod catalog;
pub mod config;
pub mod corpus;
pub mod draft;
pub mod html;
pub mod markdown;
pub mod metadata;
pub mod output;
pub mod segment;
pub mod site;
pub mod structure;
pub mod text;

pub use output::{build, BuildOptions, BuildReport};

use config::Config;
use engine::Document;
use metadata::places::Gazetteer;
use metadata::topics::TopicMatcher;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

/// What can stop a run. Problems with single files are [`Warning`]s instead.
#[non_exhaustive]
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {reason}")]
    Io { path: String, reason: String },
    #[error("{path}: invalid settings: {reason}")]
    Config { path: String, reason: String },
    #[error("{path} is not a folder (give build-index the folder that holds the documents)")]
    NotAFolder { path: String },
    #[error("no documents found in {path}: it holds no readable .txt, .md, .html or .jsonl file with text")]
    NoDocuments { path: String },
    #[error("cannot write the index: {0}")]
    Format(#[from] engine::FormatError),
    #[error("cannot write the site: {0}")]
    Site(#[from] site::SiteError),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something was adjusted (lossy decode, empty file skipped).
    Warning,
    /// Content could not be read: the run finishes, the exit code says so.
    Error,
}

/// A problem with one file (or line), reported without stopping the run.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Warning {
    pub file: String,
    pub line: Option<u32>,
    pub message: String,
    pub severity: Severity,
}

impl Warning {
    pub fn warn(file: String, line: Option<u32>, message: String) -> Warning {
        Warning {
            file,
            line,
            message,
            severity: Severity::Warning,
        }
    }
    pub fn error(file: String, line: Option<u32>, message: String) -> Warning {
        Warning {
            file,
            line,
            message,
            severity: Severity::Error,
        }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.file, l, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// The documents of a corpus, in file order then position in the file.
#[derive(Debug, Default)]
pub struct Corpus {
    pub documents: Vec<Document>,
    pub warnings: Vec<Warning>,
    /// Files read (including ones that yielded no document).
    pub files: usize,
    /// Bytes read.
    pub bytes: u64,
}

impl Corpus {
    pub fn words(&self) -> u64 {
        self.documents.iter().map(|d| u64::from(d.word_count)).sum()
    }
    /// True when some content could not be read.
    pub fn has_errors(&self) -> bool {
        self.warnings.iter().any(|w| w.severity == Severity::Error)
    }
}

/// Reads a corpus folder into documents, applying `cfg.catalog`. A single
/// file may be given instead of a folder.
pub fn load_corpus(root: &Path, cfg: &Config) -> Result<Corpus, Error> {
    load_corpus_with_progress(root, cfg, &|_, _| {})
}

/// [`load_corpus`] calling `progress(files_done, files_total)` as files are read.
pub fn load_corpus_with_progress(
    root: &Path,
    cfg: &Config,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Corpus, Error> {
    let meta = std::fs::metadata(root).map_err(|e| Error::Io {
        path: root.display().to_string(),
        reason: e.to_string(),
    })?;
    let mut warnings = Vec::new();
    let files = if meta.is_dir() {
        corpus::walk(root, &mut warnings)
    } else if let Some(format) = corpus::format_of(root) {
        let relative = root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        vec![corpus::SourceFile {
            path: root.to_path_buf(),
            relative,
            format,
        }]
    } else {
        return Err(Error::NotAFolder {
            path: root.display().to_string(),
        });
    };
    let gaz = Gazetteer::get();
    let topics = TopicMatcher::new(&cfg.topics);
    let ctx = metadata::Context {
        gazetteer: gaz,
        topics: &topics,
        default_lang: cfg.lang(),
    };
    let total = files.len();
    let done = std::sync::atomic::AtomicUsize::new(0);

    // Files in parallel; the results keep file order, so output is deterministic.
    let per_file: Vec<(Vec<Document>, Vec<Warning>, u64)> = files
        .par_iter()
        .map(|f| {
            let mut w = Vec::new();
            let docs = read_file(f, &ctx, &mut w);
            progress(
                done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1,
                total,
            );
            (docs.0, w, docs.1)
        })
        .collect();

    let mut documents = Vec::with_capacity(per_file.iter().map(|(d, _, _)| d.len()).sum());
    let mut bytes = 0;
    let mut used_slugs: BTreeMap<String, String> = BTreeMap::new();
    for ((mut docs, w, b), f) in per_file.into_iter().zip(&files) {
        warnings.extend(w);
        bytes += b;
        let mut fslug = text::file_slug(&f.relative);
        if let Some(other) = used_slugs.get(&fslug) {
            if *other != f.relative {
                // "a.md" and "a.txt" would share "a": the later one keeps its extension.
                fslug = text::slug(&f.relative);
            }
        }
        used_slugs.insert(fslug.clone(), f.relative.clone());
        assign_ids(&fslug, &mut docs);
        documents.extend(docs);
    }
    catalog::apply(&cfg.catalog, &mut documents, &mut warnings);
    Ok(Corpus {
        documents,
        warnings,
        files: total,
        bytes,
    })
}

/// Reads one file into documents (without ids).
fn read_file(
    f: &corpus::SourceFile,
    ctx: &metadata::Context<'_>,
    w: &mut Vec<Warning>,
) -> (Vec<Document>, u64) {
    let size = match std::fs::metadata(&f.path) {
        Ok(m) => m.len(),
        Err(e) => {
            w.push(Warning::error(
                f.relative.clone(),
                None,
                format!("cannot read: {e}"),
            ));
            return (Vec::new(), 0);
        }
    };
    if size > corpus::DEFAULT_MAX_FILE_BYTES {
        w.push(Warning::error(
            f.relative.clone(),
            None,
            format!(
                "skipped: {} MB is over the {} MB limit for one file",
                size >> 20,
                corpus::DEFAULT_MAX_FILE_BYTES >> 20
            ),
        ));
        return (Vec::new(), 0);
    }
    let bytes = match std::fs::read(&f.path) {
        Ok(b) => b,
        Err(e) => {
            w.push(Warning::error(
                f.relative.clone(),
                None,
                format!("cannot read: {e}"),
            ));
            return (Vec::new(), 0);
        }
    };
    let len = bytes.len() as u64;
    let Some(text) = corpus::decode(&bytes, &f.relative, w) else {
        return (Vec::new(), len);
    };
    drop(bytes);
    let build = |d| metadata::build_document(d, &f.relative, ctx);
    let docs: Vec<Document> = if f.format == corpus::Format::Jsonl {
        // Each line becomes a document as it is read: an export's drafts
        // never all exist at once.
        corpus::jsonl_map(&text, &f.relative, build, w)
    } else {
        let drafts = corpus::drafts_of(&text, f, ctx.gazetteer, w);
        drop(text);
        drafts.into_par_iter().map(build).collect()
    };
    if docs.is_empty() {
        w.push(Warning::warn(
            f.relative.clone(),
            None,
            "no document found (only page chrome or no text)".into(),
        ));
    }
    (docs, len)
}

/// Gives each document of one file its id `<file-slug>/<title-slug>`; a
/// `-2`, `-3` suffix only separates equal title slugs within the file.
pub fn assign_ids(file_slug: &str, docs: &mut [Document]) {
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    for d in docs {
        let base = text::title_slug(&d.title);
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        d.id = if *n == 1 {
            format!("{file_slug}/{base}")
        } else {
            format!("{file_slug}/{base}-{n}")
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_disambiguated_within_a_file() {
        let mut docs = vec![
            Document {
                title: "Water".into(),
                ..Default::default()
            },
            Document {
                title: "Water!".into(),
                ..Default::default()
            },
            Document {
                title: "Food".into(),
                ..Default::default()
            },
        ];
        assign_ids("f", &mut docs);
        let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, vec!["f/water", "f/water-2", "f/food"]);
    }
}
