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
#![forbid(unsafe_code)]

pub mod config;
pub mod output_marker;
pub mod publish;
pub mod read;

pub use publish::output::{build, BuildOptions, BuildReport};
pub use read::packed::{PackedDoc, PackedReader, PackedStore};

use config::Config;
use engine::Document;
use publish::site;
use rayon::prelude::*;
use read::metadata::places::Gazetteer;
use read::metadata::topics::TopicMatcher;
use read::{catalog, chrome, clean, corpus, metadata, text};
use std::collections::BTreeMap;
use std::path::Path;

/// What can stop a run. Problems with single files are [`Warning`]s instead.
#[non_exhaustive]
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {reason}")]
    Io { path: String, reason: String },
    #[error("{path}: refusing to write here: {reason}")]
    Refused { path: String, reason: String },
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

/// The documents of a corpus, in file order then position in the file:
/// [`Document`]s ([`load_corpus`]), or [`PackedDoc`]s for a build
/// ([`load_corpus_packed`]).
#[derive(Debug)]
pub struct Corpus<D = Document> {
    pub documents: Vec<D>,
    pub warnings: Vec<Warning>,
    /// Files read (including ones that yielded no document).
    pub files: usize,
    /// Bytes read.
    pub bytes: u64,
    /// Words in all documents.
    pub words: u64,
}

impl<D> Corpus<D> {
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
    load_with(root, cfg, progress, &|d| Ok(d))
}

/// [`load_corpus_with_progress`] with each document packed into a
/// temporary file as soon as it is complete (see [`packed`]): what a build
/// holds between reading and indexing is an id and a place per document.
pub fn load_corpus_packed(
    root: &Path,
    cfg: &Config,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<(Corpus<PackedDoc>, PackedReader), Error> {
    let store = PackedStore::new()?;
    let corpus = load_with(root, cfg, progress, &|d| store.push(&d))?;
    Ok((corpus, store.into_reader()?))
}

/// What each file yields: documents, warnings, bytes read, words.
type FileResult<T> = (Vec<T>, Vec<Warning>, u64, u64);

/// The files to read: every corpus file under a folder, or the one file
/// named.
fn source_files(
    root: &Path,
    cfg: &Config,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<corpus::SourceFile>, Error> {
    let meta = std::fs::metadata(root).map_err(|e| Error::Io {
        path: root.display().to_string(),
        reason: e.to_string(),
    })?;
    if meta.is_dir() {
        Ok(corpus::walk(root, cfg.corpus, warnings))
    } else if let Some(format) = corpus::format_of(root) {
        let relative = root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(vec![corpus::SourceFile {
            path: root.to_path_buf(),
            relative,
            format,
        }])
    } else {
        Err(Error::NotAFolder {
            path: root.display().to_string(),
        })
    }
}

/// Reads the corpus, finishing each document (id, catalog) and turning it
/// into a `T` with `pack` a batch at a time, so the [`Document`]s of a large
/// file never all exist at once.
fn load_with<T: Send>(
    root: &Path,
    cfg: &Config,
    progress: &(dyn Fn(usize, usize) + Sync),
    pack: &(dyn Fn(Document) -> Result<T, Error> + Sync),
) -> Result<Corpus<T>, Error> {
    let mut warnings = Vec::new();
    let files = source_files(root, cfg, &mut warnings)?;
    let gaz = Gazetteer::get();
    let topics = TopicMatcher::new(&cfg.topics);
    let ctx = metadata::Context {
        gazetteer: gaz,
        topics: &topics,
        default_lang: cfg.lang(),
    };
    let catalog = catalog::Applier::new(&cfg.catalog);
    let clean = clean::CleanRules::new(&cfg.clean).map_err(|reason| Error::Config {
        path: cfg
            .path
            .as_ref()
            .map_or_else(|| "archive.toml".to_string(), |p| p.display().to_string()),
        reason,
    })?;
    let total = files.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let site_chrome = chrome::Chrome::find(&files);

    // Files in parallel; the results keep file order, so output is deterministic.
    let per_file: Result<Vec<FileResult<T>>, Error> = files
        .par_iter()
        .zip(file_slugs(&files, &mut warnings))
        .map(|(f, slug)| {
            let mut w = Vec::new();
            let mut ids = IdAssigner::new(slug);
            let mut docs = Vec::new();
            let mut words = 0u64;
            let mut failed = None;
            let len = read_file(f, &ctx, (&clean, &site_chrome), &mut w, &mut |mut batch| {
                if failed.is_some() {
                    return;
                }
                // Ids in document order; the rest of each document's
                // finishing and packing in parallel, keeping the order.
                for d in &mut batch {
                    ids.assign(d);
                }
                let packed: Vec<(u64, Result<T, Error>)> = batch
                    .into_par_iter()
                    .map(|mut d| {
                        catalog.apply(&mut d);
                        metadata::speakers::adopt_listed_names(&mut d);
                        metadata::clean_labels(&mut d);
                        (u64::from(d.word_count), pack(d))
                    })
                    .collect();
                for (n, t) in packed {
                    words += n;
                    match t {
                        Ok(t) => docs.push(t),
                        Err(e) => {
                            failed.get_or_insert(e);
                        }
                    }
                }
            });
            if let Some(e) = failed {
                return Err(e);
            }
            progress(
                done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1,
                total,
            );
            Ok((docs, w, len, words))
        })
        .collect();
    let per_file = per_file?;

    let mut corpus = Corpus {
        documents: Vec::with_capacity(per_file.iter().map(|r| r.0.len()).sum()),
        warnings: Vec::new(),
        files: total,
        bytes: 0,
        words: 0,
    };
    for (docs, w, bytes, words) in per_file {
        warnings.extend(w);
        corpus.bytes += bytes;
        corpus.words += words;
        corpus.documents.extend(docs);
    }
    catalog.warn_unmatched(&mut warnings);
    corpus.warnings = warnings;
    Ok(corpus)
}

/// Each file's slug, in file order. A slug is a function of the file's own
/// path: files whose paths slug alike ("report 2020.txt", "report-2020.txt",
/// "a.md" beside "a.txt") all get a suffix from a hash of their path, so
/// which files exist, and the order they were added in, never moves an id
/// to another file. Each such group is reported (an error: links change
/// when a file is added beside another).
fn file_slugs(files: &[corpus::SourceFile], warnings: &mut Vec<Warning>) -> Vec<String> {
    let plain: Vec<String> = files.iter().map(|f| text::file_slug(&f.relative)).collect();
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, s) in plain.iter().enumerate() {
        groups.entry(s.as_str()).or_default().push(i);
    }
    let mut out = plain.clone();
    for (slug, members) in groups.iter().filter(|(_, m)| m.len() > 1) {
        for &i in members {
            out[i] = format!("{slug}-{}", path_hash(&files[i].relative));
        }
        let names: Vec<String> = members
            .iter()
            .map(|&i| format!("{:?} (ids {}/…)", files[i].relative, out[i]))
            .collect();
        warnings.push(Warning::error(
            files[members[0]].relative.clone(),
            None,
            format!(
                "{} files have names that make the same id {slug:?}: {}; each id got a suffix from its path. Rename the files so their names differ in letters or digits to choose the ids",
                members.len(),
                names.join(", ")
            ),
        ));
    }
    out
}

/// Six hex digits of a hash of a corpus-relative path (stable across runs
/// and machines).
fn path_hash(relative: &str) -> String {
    use sha2::{Digest, Sha256};
    let h = Sha256::digest(relative.as_bytes());
    format!("{:02x}{:02x}{:02x}", h[0], h[1], h[2])
}

/// Reads one file, handing its documents (without ids) to `emit` in
/// batches, in order; returns the bytes read.
fn read_file(
    f: &corpus::SourceFile,
    ctx: &metadata::Context<'_>,
    (clean, site_chrome): (&clean::CleanRules, &chrome::Chrome),
    w: &mut Vec<Warning>,
    emit: &mut dyn FnMut(Vec<Document>),
) -> u64 {
    let size = match std::fs::metadata(&f.path) {
        Ok(m) => m.len(),
        Err(e) => {
            w.push(Warning::error(
                f.relative.clone(),
                None,
                format!("cannot read: {e}"),
            ));
            return 0;
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
        return 0;
    }
    let bytes = match std::fs::read(&f.path) {
        Ok(b) => b,
        Err(e) => {
            w.push(Warning::error(
                f.relative.clone(),
                None,
                format!("cannot read: {e}"),
            ));
            return 0;
        }
    };
    let len = bytes.len() as u64;
    let Some(text) = corpus::decode(&bytes, &f.relative, f.format, w) else {
        return len;
    };
    drop(bytes);
    let text = clean.drop_lines(&f.relative, text);
    let text = if f.format == corpus::Format::Text {
        site_chrome.blank(text)
    } else {
        text
    };
    let build = |d| metadata::build_document(d, &f.relative, ctx);
    let mut found = 0;
    let mut counted = |docs: Vec<Document>| {
        found += docs.len();
        emit(docs);
    };
    if f.format == corpus::Format::Jsonl {
        // Each line becomes a document as it is read: an export's drafts
        // never all exist at once.
        corpus::jsonl_map(&text, &f.relative, build, w, &mut counted);
    } else {
        let drafts =
            corpus::drafts_of(&text, f, ctx.gazetteer, clean.main_selector(&f.relative), w);
        drop(text);
        counted(drafts.into_par_iter().map(build).collect());
    }
    if found == 0 {
        w.push(Warning::warn(
            f.relative.clone(),
            None,
            "no document found (only page chrome or no text)".into(),
        ));
    }
    len
}

/// Gives the documents of one file, in order, their ids
/// `<file-slug>/<title-slug>`; a `-2`, `-3` suffix only separates equal
/// title slugs within the file (skipping any suffix another title already
/// made: "Water", "Water", "Water 2").
struct IdAssigner {
    file_slug: String,
    used: std::collections::BTreeSet<String>,
}

impl IdAssigner {
    fn new(file_slug: String) -> Self {
        IdAssigner {
            file_slug,
            used: std::collections::BTreeSet::new(),
        }
    }

    fn assign(&mut self, d: &mut Document) {
        let base = format!("{}/{}", self.file_slug, text::title_slug(&d.title));
        let mut id = base.clone();
        let mut n = 1;
        while self.used.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.used.insert(id.clone());
        d.id = id;
    }
}

/// Gives each document of one file its id `<file-slug>/<title-slug>`; a
/// `-2`, `-3` suffix only separates equal title slugs within the file.
pub fn assign_ids(file_slug: &str, docs: &mut [Document]) {
    let mut ids = IdAssigner::new(file_slug.to_string());
    for d in docs {
        ids.assign(d);
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
        docs.push(Document {
            title: "Water 2".into(),
            ..Default::default()
        });
        assign_ids("f", &mut docs);
        let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, vec!["f/water", "f/water-2", "f/food", "f/water-2-2"]);
    }

    fn source(relative: &str) -> corpus::SourceFile {
        corpus::SourceFile {
            path: relative.into(),
            relative: relative.into(),
            format: corpus::Format::Text,
        }
    }

    #[test]
    fn file_slugs_depend_only_on_each_files_own_path() {
        let mut w = Vec::new();
        let alone = file_slugs(&[source("report 2020.txt"), source("notes.txt")], &mut w);
        assert_eq!(alone, vec!["report-2020", "notes"]);
        assert!(w.is_empty());
        let three = [
            source("report 2020.txt"),
            source("report-2020.txt"),
            source("report_2020.txt"),
        ];
        let slugs = file_slugs(&three, &mut w);
        let unique: std::collections::BTreeSet<&String> = slugs.iter().collect();
        assert_eq!(unique.len(), 3, "{slugs:?}");
        assert!(slugs
            .iter()
            .all(|s| s.starts_with("report-2020-") && s.len() == 18));
        // The same file gets the same slug whatever else is in the group.
        let two = file_slugs(&[three[2].clone(), three[0].clone()], &mut w);
        assert_eq!(two, vec![slugs[2].clone(), slugs[0].clone()]);
        assert_eq!(w.len(), 2);
        assert!(
            w[0].message.contains("report-2020.txt") && w[0].message.contains("report_2020.txt")
        );
    }
}
