//! Writing a build: the index (engine format) into `<out>/index/`, then the
//! site around it (`site`). Everything is written into a temporary folder
//! beside `<out>` and renamed into place only when complete, so a failed or
//! interrupted build never leaves a half-written output, and an existing
//! output stays untouched until the new one is whole.

use crate::config::Config;
use crate::publish::examples::ExampleFinder;
use crate::publish::site::{self, AppFiles, SiteError, SiteReport};
use crate::{load_corpus_packed, Corpus, Error, PackedDoc, PackedReader, Severity, Warning};
use engine::{auto_doc_chunk_bytes, Document, IndexSink, IndexWriter, WriterSettings};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

pub mod target;
pub use target::{Staging, MARKER};

/// How to build.
#[derive(Default)]
pub struct BuildOptions<'a> {
    /// The reader app to ship at the site root (`--app`, or the bundled one).
    pub app: Option<&'a AppFiles>,
    /// Write only `<out>/index/`, no pages, sitemap or app.
    pub index_only: bool,
    /// Called with (files read, files total) while reading the corpus.
    pub progress: Option<&'a (dyn Fn(usize, usize) + Sync)>,
    /// Replace an existing output that build-index did not write (never
    /// one that holds the corpus); see [`target::check`].
    pub force: bool,
}

/// What a build did. The documents themselves are gone: each is dropped
/// once it is indexed and its page written.
#[derive(Debug)]
pub struct BuildReport {
    /// Files read (including ones that yielded no document).
    pub files: usize,
    /// Bytes read.
    pub bytes: u64,
    pub documents: usize,
    pub words: u64,
    pub warnings: Vec<Warning>,
    pub index_files: usize,
    pub index_bytes: u64,
    pub site: Option<SiteReport>,
    /// What the build did besides the output: stale folders of interrupted
    /// runs removed, an output they had moved aside put back.
    pub notes: Vec<String>,
    pub elapsed: Duration,
    /// Wall time of each phase, in order (`--json` prints them).
    pub phases: Vec<(&'static str, Duration)>,
}

/// Records the wall time of each phase of a build; with `BUILD_INDEX_TRACE`
/// set, also prints it with the process's resident memory to stderr.
pub struct Phases {
    last: Instant,
    done: Vec<(&'static str, Duration)>,
    trace: bool,
}

impl Phases {
    pub fn start_at(t: Instant) -> Phases {
        Phases {
            last: t,
            done: Vec::new(),
            trace: std::env::var_os("BUILD_INDEX_TRACE").is_some(),
        }
    }
    pub fn end(&mut self, name: &'static str) {
        let now = Instant::now();
        let took = now - self.last;
        self.last = now;
        if self.trace {
            eprintln!(
                "phase {name:<12} {:>7.2} s  {}",
                took.as_secs_f64(),
                memory_note()
            );
        }
        self.done.push((name, took));
    }
    pub fn into_vec(self) -> Vec<(&'static str, Duration)> {
        self.done
    }
}

/// "rss 123 MB, peak 456 MB" from /proc (Linux), else empty.
fn memory_note() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    let field = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
            .map_or(0, |kb| kb >> 10)
    };
    format!("rss {} MB, peak {} MB", field("VmRSS:"), field("VmHWM:"))
}

/// Reads `corpus_root`, writes the index and site into `out` atomically.
pub fn build(
    corpus_root: &Path,
    out: &Path,
    cfg: &Config,
    opts: &BuildOptions<'_>,
) -> Result<BuildReport, Error> {
    let started = Instant::now();
    target::check(corpus_root, out, opts.force)?;
    let noop = |_: usize, _: usize| {};
    let progress: &(dyn Fn(usize, usize) + Sync) = opts.progress.unwrap_or(&noop);
    let (corpus, packed) = load_corpus_packed(corpus_root, cfg, progress)?;
    write(corpus, packed, corpus_root, out, cfg, opts, started)
}

/// Documents handed to the page writer at a time.
const PAGE_BATCH: usize = 256;

/// Writes an already loaded corpus (the second half of [`build`]), so a
/// caller can report the corpus warnings even when writing is refused.
///
/// Documents are read back from `packed` one at a time, in id order, and
/// go to the index writer on this thread while a second thread writes
/// their static pages; each is dropped as soon as both are done with it.
/// The writer puts each index file into the staging folder as soon as it
/// is complete, so memory holds the posting lists, a few chunks and a page
/// batch, whatever the size of the corpus text.
pub fn write(
    corpus: Corpus<PackedDoc>,
    mut packed: PackedReader,
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
    let mut phases = Phases::start_at(started);
    phases.end("read");
    let Corpus {
        mut documents,
        mut warnings,
        files: files_read,
        bytes,
        words,
    } = corpus;
    let doc_count = documents.len();

    // Checked again here: the corpus was read in between.
    target::check(corpus_root, out, opts.force)?;
    let recovered = target::recover(out);
    let staging = Staging::new(out)?;
    // Document numbers follow id order (the engine's contract).
    documents.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    let mut related = crate::publish::related::compute_packed(&documents, &mut packed)?;
    phases.end("related");
    let index_dir = staging.path().join("index");
    create_dir(&index_dir)?;
    let doc_json = documents.iter().map(PackedDoc::len).sum::<usize>() + related.added_bytes();
    let position = |id: &str| documents.binary_search_by(|d| d.id.as_str().cmp(id)).ok();
    let mut writer = index_writer(cfg, doc_json, index_dir);
    let pages = if opts.index_only {
        None
    } else {
        Some(
            site::Pages::new(staging.path(), &cfg.archive, opts.app, cfg.site, doc_count)?
                .with_positions(&position),
        )
    };

    let (index, pages) = std::thread::scope(|scope| {
        let (tx, rx) = mpsc::sync_channel::<Vec<Document>>(4);
        let page_thread = pages.map(|mut pages| {
            scope.spawn(move || -> Result<site::Pages<'_>, SiteError> {
                for batch in rx {
                    for doc in &batch {
                        pages.add(doc)?;
                    }
                }
                Ok(pages)
            })
        });
        let tx = page_thread.is_some().then_some(tx);
        let failed = feed(&documents, &mut packed, &mut writer, &mut related, tx).err();
        let index = match failed {
            Some(e) => Err(e),
            None => finish_index(writer, &mut phases),
        };
        let pages = page_thread.map(|h| match h.join() {
            Ok(r) => r,
            Err(panic) => std::panic::resume_unwind(panic),
        });
        (index, pages)
    });
    let (index_files, index_bytes) = index?;
    let pages = pages.transpose()?;
    phases.end("pages");
    let site = match pages {
        Some(p) => Some(site::finish_site(p, opts.app)?),
        None => None,
    };
    phases.end("site");
    staging.commit(out)?;
    phases.end("commit");
    let notes = recovery_notes(&recovered, out);
    warnings.shrink_to_fit();
    Ok(BuildReport {
        files: files_read,
        bytes,
        documents: doc_count,
        words,
        warnings,
        index_files,
        index_bytes,
        site,
        notes,
        elapsed: started.elapsed(),
        phases: phases.into_vec(),
    })
}

/// Every document, read back from `packed` with its related list, into the
/// index writer and, a batch at a time, to the page writer through `tx`.
fn feed(
    documents: &[PackedDoc],
    packed: &mut PackedReader,
    writer: &mut IndexWriter<IndexDir>,
    related: &mut crate::publish::related::RelatedLists,
    mut tx: Option<mpsc::SyncSender<Vec<Document>>>,
) -> Result<(), Error> {
    let mut batch = Vec::with_capacity(PAGE_BATCH);
    let mut json = Vec::new();
    let mut list = Vec::new();
    let mut examples = ExampleFinder::default();
    for d in documents {
        packed.read(d, &mut json)?;
        let doc = add_with_related(writer, &mut json, related, &mut list)?;
        examples.observe(&doc);
        if tx.is_some() {
            batch.push(doc);
            if batch.len() == PAGE_BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(PAGE_BATCH));
                if tx.as_ref().is_some_and(|t| t.send(full).is_err()) {
                    // The page writer stopped on an error; join() reports it.
                    tx = None;
                }
            }
        }
    }
    if let Some(t) = tx.take() {
        let _ = t.send(batch);
    }
    writer.set_examples(examples.finish());
    Ok(())
}

/// The index writer of this build, its doc chunk size known before the
/// first document goes in: it then cuts doc chunks as documents arrive
/// instead of holding them all until it can compute it.
fn index_writer(cfg: &Config, doc_json: usize, index_dir: PathBuf) -> IndexWriter<IndexDir> {
    IndexWriter::with_sink(
        WriterSettings {
            archive: cfg.archive.clone(),
            search: cfg.search.clone(),
            doc_chunk_bytes: auto_doc_chunk_bytes(doc_json),
            ..WriterSettings::default()
        },
        IndexDir::new(index_dir),
    )
}

/// What the recovery of an interrupted earlier build did, for the summary.
fn recovery_notes(recovered: &target::Recovered, out: &Path) -> Vec<String> {
    let mut notes: Vec<String> = recovered
        .removed
        .iter()
        .map(|p| {
            format!(
                "removed {}: left behind by an earlier build that was interrupted",
                p.display()
            )
        })
        .collect();
    if let Some(p) = &recovered.restored {
        notes.push(format!(
            "an earlier build was interrupted while replacing {}; its previous contents were put back from {} before this build replaced them",
            out.display(),
            p.display()
        ));
    }
    notes
}

/// Adds a packed document (`json`, completed in place) with its related
/// documents.
fn add_with_related(
    writer: &mut IndexWriter<IndexDir>,
    json: &mut Vec<u8>,
    related: &mut crate::publish::related::RelatedLists,
    list: &mut Vec<u8>,
) -> Result<Document, Error> {
    if related.next_json(list)? {
        engine::docstore::append_related(json, list)?;
    }
    Ok(writer.add_encoded(json)?)
}

/// Writes the rest of the index. Returns the number of index files and
/// their total size.
fn finish_index(writer: IndexWriter<IndexDir>, phases: &mut Phases) -> Result<(usize, u64), Error> {
    phases.end("index-add");
    let dir = writer.finish_into()?;
    phases.end("index-finish");
    Ok((dir.files, dir.bytes))
}

/// The index folder inside the staging folder, as the writer's sink: each
/// file is written (and its bytes dropped) as soon as the writer has it.
struct IndexDir {
    dir: PathBuf,
    files: usize,
    bytes: u64,
}

impl IndexDir {
    fn new(dir: PathBuf) -> Self {
        IndexDir {
            dir,
            files: 0,
            bytes: 0,
        }
    }
}

impl IndexSink for IndexDir {
    fn put(&mut self, name: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        std::fs::write(self.dir.join(name), &bytes)?;
        self.files += 1;
        self.bytes += bytes.len() as u64;
        Ok(())
    }
}

impl BuildReport {
    /// True when some content could not be read.
    pub fn has_errors(&self) -> bool {
        self.warnings.iter().any(|w| w.severity == Severity::Error)
    }
}

fn create_dir(p: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(p).map_err(|e| Error::Io {
        path: p.display().to_string(),
        reason: e.to_string(),
    })
}
