//! Writing a build: the index (engine format) into `<out>/index/`, then the
//! site around it (`site`). Everything is written into a temporary folder
//! beside `<out>` and renamed into place only when complete, so a failed or
//! interrupted build never leaves a half-written output, and an existing
//! output stays untouched until the new one is whole.

use crate::config::Config;
use crate::site::{self, AppFiles, SiteInput, SiteReport};
use crate::{load_corpus_with_progress, Corpus, Error};
use engine::{IndexWriter, WriterSettings};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How to build.
#[derive(Default)]
pub struct BuildOptions<'a> {
    /// The reader app to ship at the site root (`--app`, or the bundled one).
    pub app: Option<&'a AppFiles>,
    /// Write only `<out>/index/`, no pages, sitemap or app.
    pub index_only: bool,
    /// Called with (files read, files total) while reading the corpus.
    pub progress: Option<&'a (dyn Fn(usize, usize) + Sync)>,
}

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    pub corpus: Corpus,
    pub index_files: usize,
    pub index_bytes: u64,
    pub site: Option<SiteReport>,
    pub elapsed: Duration,
}

/// Reads `corpus_root`, writes the index and site into `out` atomically.
pub fn build(
    corpus_root: &Path,
    out: &Path,
    cfg: &Config,
    opts: &BuildOptions<'_>,
) -> Result<BuildReport, Error> {
    let started = Instant::now();
    let noop = |_: usize, _: usize| {};
    let progress: &(dyn Fn(usize, usize) + Sync) = opts.progress.unwrap_or(&noop);
    let corpus = load_corpus_with_progress(corpus_root, cfg, progress)?;
    write(corpus, corpus_root, out, cfg, opts, started)
}

/// Writes an already loaded corpus (the second half of [`build`]), so a
/// caller can report the corpus warnings even when writing is refused.
pub fn write(
    mut corpus: Corpus,
    corpus_root: &Path,
    out: &Path,
    cfg: &Config,
    opts: &BuildOptions<'_>,
    started: Instant,
) -> Result<BuildReport, Error> {
    if corpus.documents.is_empty() {
        return Err(Error::NoDocuments {
            path: corpus_root.display().to_string(),
        });
    }

    let staging = Staging::new(out)?;
    let mut writer = IndexWriter::new(WriterSettings {
        archive: cfg.archive.clone(),
        search: cfg.search.clone(),
        ..WriterSettings::default()
    });
    // Document numbers follow id order (the engine's contract); the corpus
    // itself stays in reading order for inspect and the site.
    let mut order: Vec<usize> = (0..corpus.documents.len()).collect();
    order.sort_by(|&a, &b| corpus.documents[a].id.cmp(&corpus.documents[b].id));
    for &i in &order {
        writer.add(&corpus.documents[i]);
    }
    let files = writer.finish()?;
    let index_dir = staging.path().join("index");
    create_dir(&index_dir)?;
    let mut index_bytes = 0;
    for f in &files {
        index_bytes += f.bytes.len() as u64;
        write_file(&index_dir.join(&f.name), &f.bytes)?;
    }
    let site = if opts.index_only {
        None
    } else {
        Some(site::write_site(
            staging.path(),
            &SiteInput {
                archive: &cfg.archive,
                documents: &corpus.documents,
                app: opts.app,
            },
        )?)
    };
    staging.commit(out)?;
    corpus.warnings.shrink_to_fit();
    Ok(BuildReport {
        corpus,
        index_files: files.len(),
        index_bytes,
        site,
        elapsed: started.elapsed(),
    })
}

fn create_dir(p: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(p).map_err(|e| Error::Io {
        path: p.display().to_string(),
        reason: e.to_string(),
    })
}

fn write_file(p: &Path, bytes: &[u8]) -> Result<(), Error> {
    std::fs::write(p, bytes).map_err(|e| Error::Io {
        path: p.display().to_string(),
        reason: e.to_string(),
    })
}

/// A temporary folder beside the output, removed on drop unless committed.
pub struct Staging {
    dir: Option<tempfile::TempDir>,
}

impl Staging {
    pub fn new(out: &Path) -> Result<Staging, Error> {
        let parent = parent_of(out);
        create_dir(&parent)?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "site".into());
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.building-"))
            .tempdir_in(&parent)
            .map_err(|e| Error::Io {
                path: parent.display().to_string(),
                reason: format!("cannot create a temporary folder: {e}"),
            })?;
        Ok(Staging { dir: Some(dir) })
    }

    pub fn path(&self) -> &Path {
        self.dir.as_ref().map_or(Path::new("."), |d| d.path())
    }

    /// Moves the finished folder to `out`. An existing `out` is moved aside
    /// first and removed only after the new one is in place; if the final
    /// rename fails, the old output is put back.
    pub fn commit(mut self, out: &Path) -> Result<(), Error> {
        let Some(dir) = self.dir.take() else {
            return Ok(());
        };
        let staged = dir.keep();
        let fail = |e: std::io::Error, what: &str| Error::Io {
            path: out.display().to_string(),
            reason: format!("{what}: {e}"),
        };
        let old = if out.exists() {
            let aside = parent_of(out).join(format!(
                ".{}.old-{}",
                out.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                std::process::id()
            ));
            if let Err(e) = std::fs::rename(out, &aside) {
                let _ = std::fs::remove_dir_all(&staged);
                return Err(fail(e, "cannot move the previous output aside"));
            }
            Some(aside)
        } else {
            None
        };
        if let Err(e) = std::fs::rename(&staged, out) {
            if let Some(aside) = &old {
                let _ = std::fs::rename(aside, out);
            }
            let _ = std::fs::remove_dir_all(&staged);
            return Err(fail(e, "cannot move the new output into place"));
        }
        if let Some(aside) = old {
            if aside.is_dir() {
                let _ = std::fs::remove_dir_all(&aside);
            } else {
                let _ = std::fs::remove_file(&aside);
            }
        }
        Ok(())
    }
}

fn parent_of(out: &Path) -> PathBuf {
    match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}
