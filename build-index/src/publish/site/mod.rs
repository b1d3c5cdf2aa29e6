//! The deployable site around the index: the reader app, a static page per
//! document, `sitemap.xml`, `robots.txt`, host headers (`_headers`,
//! `nginx.conf`), the service worker (`sw.js`) and the one-file download
//! (`offline.html`).
//!
//! ```no_run
//! # use build_index::publish::site::{self, AppFiles, SiteInput};
//! # fn demo(staging: &std::path::Path, archive: &engine::ArchiveInfo, docs: &[engine::Document]) -> Result<(), site::SiteError> {
//! // `staging/index/` already holds the index files written by the engine.
//! let app = AppFiles::bundled().map(Ok).unwrap_or_else(|| AppFiles::from_dir("dist".as_ref()))?;
//! let input = SiteInput { archive, documents: docs, app: Some(&app), options: Default::default() };
//! let report = site::write_site(staging, &input)?;
//! println!("{} files, offline.html {:?} bytes", report.files, report.bundle_bytes);
//! # Ok(()) }
//! ```
//!
//! Every URL the site writes is relative, so one build works at a domain
//! root, under any sub-path and from disk. Output is deterministic.

mod app;
pub mod bundle;
mod files;
pub mod first_page;
pub mod headers;
pub mod html;
pub mod pages;
pub mod related;
mod rewrite;
pub mod sw;

pub use app::{csp_hash, AppFiles, Entry};

pub use pages::PageLayout;

/// The `[site]` settings of archive.toml.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SiteOptions {
    /// Which static pages documents get.
    pub pages: PageLayout,
    /// What the service worker keeps for offline use.
    pub offline: OfflineScope,
}

/// What the service worker downloads for offline use (`[site] offline`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OfflineScope {
    /// `whole` up to [`SW_PRECACHE_MAX_INDEX_BYTES`] of index, else `visited`.
    #[default]
    Auto,
    /// The reader and the whole index, on the first visit.
    Whole,
    /// The reader and the start-up files; index chunks as searches use them.
    Visited,
}

use engine::{ArchiveInfo, Document};
use files::*;
pub(crate) use files::{site_relative, walk_error};
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

#[non_exhaustive]
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    #[error("cannot use the reader app: {reason}")]
    App { reason: String },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no index in {}: expected index/manifest.json (build the site with build-index first)", dir.display())]
    NoIndex { dir: PathBuf },
    #[error("documents {first:?} and {second:?} map to the same page {path}")]
    PageClash {
        path: String,
        first: String,
        second: String,
    },
    #[error("the index just written cannot be read back: {source}")]
    Index {
        #[from]
        source: engine::FormatError,
    },
    #[error("the reader app contains {path}, a name the site itself writes")]
    Reserved { path: String },
}

pub struct SiteInput<'a> {
    pub archive: &'a ArchiveInfo,
    pub documents: &'a [Document],
    /// `None` writes only the index-independent parts (pages, sitemap,
    /// robots): the site then has no reader.
    pub app: Option<&'a AppFiles>,
    /// `[site]`: static pages and offline scope (`Auto` is decided here).
    pub options: SiteOptions,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteReport {
    /// Files in the finished site and their total size.
    pub files: usize,
    pub bytes: u64,
    pub app_bytes: u64,
    pub index_bytes: u64,
    pub pages: usize,
    pub bundle_bytes: Option<u64>,
    pub sitemap: bool,
    /// Things the archive owner should know (no public_url, no app, ...).
    pub notes: Vec<String>,
}

/// The site's one-file download, which the reader's header links.
const OFFLINE_FILE: &str = "offline.html";

/// Names the site writes itself; an app file with one of these would be
/// silently replaced, so it is an error instead.
const RESERVED: &[&str] = &[
    "sw.js",
    OFFLINE_FILE,
    "sitemap.xml",
    "robots.txt",
    "_headers",
    "nginx.conf",
];

/// Writes everything but the index into `dir`, a staging folder whose
/// `index/` the index writer has already filled. The caller renames `dir`
/// into place afterwards. A build that streams its documents uses
/// [`Pages`] and [`finish_site`] instead, which is what this does.
pub fn write_site(dir: &Path, input: &SiteInput<'_>) -> Result<SiteReport, SiteError> {
    let total = input.documents.len();
    let order: HashMap<&str, usize> = input
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let position = |id: &str| order.get(id).copied();
    let mut pages =
        Pages::new(dir, input.archive, input.app, input.options, total)?.with_positions(&position);
    for doc in input.documents {
        pages.add(doc)?;
    }
    finish_site(pages, input.app)
}

/// The static pages of a site, written one document at a time (a group at
/// a time when grouped), so a build never holds them all; what the list of
/// documents and the sitemap need is kept.
pub struct Pages<'a> {
    dir: PathBuf,
    archive: &'a ArchiveInfo,
    icon: pages::Icon,
    layout: PageLayout,
    offline: OfflineScope,
    /// Documents in the archive (grouped pages say "n–m of total").
    total: usize,
    /// Page path → index in `entries`, to refuse two documents on one page.
    seen: HashMap<String, usize>,
    entries: Vec<pages::ListEntry>,
    /// The grouped page being filled.
    group: Vec<Document>,
    groups_written: usize,
    /// A document's position in the order added, for links to related
    /// documents on grouped pages ([`Pages::with_positions`]).
    positions: Option<related::Positions<'a>>,
    /// Folders already created under `doc/`.
    dirs: HashSet<PathBuf>,
    files: usize,
    bytes: u64,
}

impl<'a> Pages<'a> {
    /// `total` is the number of documents that will be added (it decides
    /// an `Auto` layout).
    pub fn new(
        dir: &Path,
        archive: &'a ArchiveInfo,
        app: Option<&AppFiles>,
        options: SiteOptions,
        total: usize,
    ) -> Result<Pages<'a>, SiteError> {
        let icon = match app {
            Some(app) => app.icon()?,
            None => pages::Icon::default(),
        };
        Ok(Pages {
            dir: dir.to_path_buf(),
            archive,
            icon,
            layout: options.pages.resolve(total),
            offline: options.offline,
            total,
            seen: HashMap::new(),
            entries: Vec::new(),
            group: Vec::new(),
            groups_written: 0,
            positions: None,
            dirs: HashSet::new(),
            files: 0,
            bytes: 0,
        })
    }

    /// Tells grouped pages where each document will be, so they link to a
    /// related document's page (without it, to the reader).
    pub fn with_positions(mut self, positions: related::Positions<'a>) -> Self {
        self.positions = Some(positions);
        self
    }

    /// Writes the static page of one document (on a grouped page: once its
    /// group is full).
    pub fn add(&mut self, doc: &Document) -> Result<(), SiteError> {
        let path = pages::page_path(&doc.id);
        if let Some(&first) = self.seen.get(&path) {
            return Err(SiteError::PageClash {
                path,
                first: self.entries[first].id.clone(),
                second: doc.id.clone(),
            });
        }
        let href = match self.layout {
            PageLayout::Each | PageLayout::Auto => {
                let html = pages::document_page(doc, self.archive, &self.icon);
                self.write_page(&path, &html)?;
                Some(path.clone())
            }
            PageLayout::Grouped => {
                let href = format!(
                    "{}#{}",
                    pages::group_path(self.groups_written),
                    pages::group_anchor(&doc.id)
                );
                self.group.push(doc.clone());
                if self.group.len() == pages::GROUP_SIZE {
                    self.flush_group()?;
                }
                Some(href)
            }
            PageLayout::None => None,
        };
        self.seen.insert(path, self.entries.len());
        self.entries.push(pages::ListEntry::new(doc, href));
        Ok(())
    }

    /// Writes the grouped page being filled, if any.
    fn flush_group(&mut self) -> Result<(), SiteError> {
        if self.group.is_empty() {
            return Ok(());
        }
        let n = self.groups_written;
        let first = n * pages::GROUP_SIZE + 1;
        let links = match self.positions {
            Some(p) => related::RelatedLinks::Groups(p),
            None => related::RelatedLinks::Reader,
        };
        let html = pages::group_page(
            &self.group,
            n,
            first,
            self.total,
            self.archive,
            &self.icon,
            links,
        );
        self.write_page(&pages::group_path(n), &html)?;
        self.group.clear();
        self.groups_written += 1;
        Ok(())
    }

    fn write_page(&mut self, path: &str, html: &str) -> Result<(), SiteError> {
        let full = self.dir.join(path);
        if let Some(parent) = full.parent() {
            if !self.dirs.contains(parent) {
                fs::create_dir_all(parent).map_err(|source| SiteError::Io {
                    path: parent.to_path_buf(),
                    source,
                })?;
                self.dirs.insert(parent.to_path_buf());
            }
        }
        fs::write(&full, html.as_bytes()).map_err(|source| SiteError::Io { path: full, source })?;
        self.files += 1;
        self.bytes += html.len() as u64;
        Ok(())
    }
}

/// Writes the rest of the site once every page is written: the reader app,
/// the list of documents, sitemap, robots, and with an app the one-file
/// bundle, service worker and host headers.
pub fn finish_site(mut pages: Pages<'_>, app: Option<&AppFiles>) -> Result<SiteReport, SiteError> {
    pages.flush_group()?;
    let Pages {
        dir,
        archive,
        icon,
        entries,
        files: page_files,
        bytes: page_bytes,
        offline,
        ..
    } = pages;
    let dir = dir.as_path();
    let index_sizes = index_sizes(dir)?;
    let mut out = Tally {
        dir,
        files: index_sizes.len() + page_files,
        bytes: page_bytes,
    };
    let mut report = SiteReport {
        index_bytes: index_sizes.iter().map(|(_, n)| n).sum(),
        pages: entries.len(),
        ..SiteReport::default()
    };
    out.bytes += report.index_bytes;

    let bundled = report.index_bytes <= BUNDLE_MAX_INDEX_BYTES;
    // A big index is not downloaded whole by every visitor: the worker
    // then precaches the start-up files and keeps the chunks each visitor
    // fetches, and the page says "partly offline".
    let whole = match offline {
        OfflineScope::Auto => report.index_bytes <= SW_PRECACHE_MAX_INDEX_BYTES,
        OfflineScope::Whole => true,
        OfflineScope::Visited => false,
    };
    let mut index_script_hashes = Vec::new();
    if let Some(app) = app {
        let startup = Startup {
            bundled,
            partly_offline: !whole,
        };
        index_script_hashes = write_app(app, &mut out, archive, &entries, startup)?;
        report.app_bytes = app.files().map(|(_, b)| b.len() as u64).sum();
    } else {
        report.notes.push(
            "no reader app: pass --app <Trunk dist/> or use a build-index built with the \
             bundled-app feature; only the index and static pages were written"
                .into(),
        );
    }

    pages::document_list(&entries, archive, &icon, |path, html| {
        out.write(path, html.as_bytes())
    })?;
    out.write("doc/page.css", pages::PAGE_CSS.as_bytes())?;

    let sitemap = pages::sitemap(&entries, archive);
    drop(entries);
    if let Some(map) = &sitemap {
        out.write("sitemap.xml", map.as_bytes())?;
        report.sitemap = true;
    } else {
        report.notes.push(
            "no sitemap.xml: set [archive] public_url in archive.toml (sitemaps need absolute URLs)"
                .into(),
        );
    }
    out.write(
        "robots.txt",
        pages::robots(archive, sitemap.is_some()).as_bytes(),
    )?;

    if let Some(app) = app {
        let offline_files = OfflineFiles {
            bundled,
            whole,
            offline,
        };
        write_offline(
            app,
            &mut out,
            &mut report,
            offline_files,
            &index_script_hashes,
            archive,
        )?;
    }

    report.files = out.files;
    report.bytes = out.bytes;
    Ok(report)
}

/// How the site's start-up page is marked: whether it links the one-file
/// download, whether the worker keeps only what was used.
#[derive(Clone, Copy)]
struct Startup {
    bundled: bool,
    partly_offline: bool,
}

/// The reader app's files, its `index.html` with the first page of results
/// in it; returns the hashes of that page's inline scripts (for the CSP).
fn write_app(
    app: &AppFiles,
    out: &mut Tally<'_>,
    archive: &ArchiveInfo,
    entries: &[pages::ListEntry],
    startup: Startup,
) -> Result<Vec<String>, SiteError> {
    let mut hashes = Vec::new();
    for (rel, bytes) in app.files() {
        if RESERVED.contains(&rel) || rel.starts_with("index/") || rel.starts_with("doc/") {
            return Err(SiteError::Reserved { path: rel.into() });
        }
        if rel == "index.html" {
            let mut first =
                first_page::first_page(&out.dir.join("index"), archive.cards_per_page())?;
            // Where the error page links each card without the index.
            let hrefs: HashMap<&str, &str> = entries
                .iter()
                .filter_map(|e| Some((e.id.as_str(), e.href.as_deref()?)))
                .collect();
            for card in &mut first.cards {
                card.page = hrefs.get(card.id.as_str()).map(|h| (*h).to_owned());
            }
            let page = app.index_html()?;
            let page = first_page::insert(
                page,
                &first,
                &archive.name,
                startup.bundled.then_some(OFFLINE_FILE),
            )?
            .unwrap_or_else(|| page.to_owned());
            let page = rewrite::name_page(
                &mark_index_html(&page, startup.bundled, startup.partly_offline)?,
                archive,
            )?;
            let page = rewrite::own_loader(&page, &app.entry()?)?;
            // The policy allows exactly the inline scripts of the page
            // as written.
            hashes = app::inline_script_hashes(&page);
            out.write(rel, page.as_bytes())?;
        } else {
            out.write(rel, bytes)?;
        }
    }
    Ok(hashes)
}

/// What the site keeps for use without a network.
#[derive(Clone, Copy)]
struct OfflineFiles {
    /// The one-file download is written.
    bundled: bool,
    /// The worker precaches the whole index.
    whole: bool,
    offline: OfflineScope,
}

/// With an app: the one-file download, the service worker and the host
/// headers (Netlify/Cloudflare `_headers`, `nginx.conf`).
fn write_offline(
    app: &AppFiles,
    out: &mut Tally<'_>,
    report: &mut SiteReport,
    o: OfflineFiles,
    index_script_hashes: &[String],
    archive: &ArchiveInfo,
) -> Result<(), SiteError> {
    // The one-file download holds the whole index: only for an index
    // small enough to download and open as one page (and to build
    // without holding a large index in memory).
    let bundle = if o.bundled {
        let index = read_index(out.dir)?;
        let bundle = bundle::build(app, &index)?;
        out.write(OFFLINE_FILE, bundle.html.as_bytes())?;
        report.bundle_bytes = Some(bundle.html.len() as u64);
        Some((bundle.script_hashes, bundle.style_hashes))
    } else {
        report.notes.push(format!(
            "no offline.html: the index is {:.0} MB, and the one-file download is written \
             for an index of at most {} MB (the site itself still works offline after one visit)",
            report.index_bytes as f64 / 1e6,
            BUNDLE_MAX_INDEX_BYTES / 1_000_000
        ));
        None
    };

    if o.offline == OfflineScope::Auto && !o.whole {
        report.notes.push(format!(
            "the service worker keeps the chunks each visitor has used, not the whole \
             {:.0} MB index (precached whole up to {} MB; [site] offline = \"whole\" \
             overrides)",
            report.index_bytes as f64 / 1e6,
            SW_PRECACHE_MAX_INDEX_BYTES / 1_000_000
        ));
    }
    // Hashed file by file: a big index is never held whole.
    let index_digests = index_entries(out.dir, |path, _| fs::read(path).map(|b| sw::digest(&b)))?
        .into_iter()
        .filter(|(rel, _)| o.whole || !sw::is_chunk(rel));
    let precache = app
        .files()
        .filter(|(rel, _)| !rel.ends_with(".map"))
        .map(|(rel, bytes)| (rel.to_owned(), sw::digest(bytes)))
        .chain(index_digests);
    out.write("sw.js", sw::service_worker_of_digests(precache).as_bytes())?;

    let site_csp = headers::site_csp(index_script_hashes);
    let bundle_csp = bundle.map(|(scripts, styles)| headers::bundle_csp(&scripts, &styles));
    let mut files = list_files(out.dir)?;
    files.extend(["_headers".to_owned(), "nginx.conf".to_owned()]);
    files.sort();
    let header_input = headers::HeaderInput {
        site_csp: &site_csp,
        bundle_csp: bundle_csp.as_deref(),
        files: &files,
    };
    out.write(
        "_headers",
        headers::netlify_headers(&header_input).as_bytes(),
    )?;
    let prefix = url_path(&archive.public_url);
    out.write(
        "nginx.conf",
        headers::nginx_conf(&header_input, &prefix).as_bytes(),
    )?;
    Ok(())
}

/// Writes files into the site and counts them (the report's totals,
/// without walking the finished folder).
struct Tally<'d> {
    dir: &'d Path,
    files: usize,
    bytes: u64,
}

impl Tally<'_> {
    fn write(&mut self, rel: &str, bytes: &[u8]) -> Result<(), SiteError> {
        let existed = self.dir.join(rel).exists();
        write(self.dir, rel, bytes)?;
        if !existed {
            self.files += 1;
        }
        self.bytes += bytes.len() as u64;
        Ok(())
    }
}

/// Tells the reader (src/offline.rs) that this site has a service worker
/// and a one-file download, so it never requests either where they are
/// absent (a plain `trunk serve`, the bundle itself).
fn mark_index_html(page: &str, bundled: bool, partly_offline: bool) -> Result<String, SiteError> {
    const WORKER: &str = "<meta name=\"archive-service-worker\" content=\"sw.js\">\n";
    let download = format!("<meta name=\"archive-offline-download\" content=\"{OFFLINE_FILE}\">\n");
    const PARTLY: &str = "<meta name=\"archive-offline-scope\" content=\"visited\">\n";
    let mut marks = WORKER.to_owned();
    if bundled {
        marks.push_str(&download);
    }
    if partly_offline {
        marks.push_str(PARTLY);
    }
    rewrite::mark_index_html(page, &marks)
}

/// Largest index (bytes) the site's one-file download (`offline.html`) is
/// written for. Base64 makes the file a third bigger than the index, and a
/// browser opens it as one page.
pub const BUNDLE_MAX_INDEX_BYTES: u64 = 64_000_000;

/// Largest index the service worker downloads whole on a first visit.
/// 100,000 dictionary entries make 90 MB (35 MB compressed) in 14,000
/// files: far more than a visitor who searches twice should download.
pub const SW_PRECACHE_MAX_INDEX_BYTES: u64 = 16_000_000;

/// The one-file bundle of an already built site (`build-index bundle`).
pub fn bundle_site(site: &Path) -> Result<bundle::Bundle, SiteError> {
    let index = read_index(site)?;
    let app = AppFiles::referenced_in_site(site)?;
    bundle::build(&app, &index)
}

/// The path part of a public URL ("https://x.org/a/" → "/a/"), "/" if none.
fn url_path(public_url: &str) -> String {
    let after_scheme = public_url.split_once("://").map_or("", |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    let path = path.split(['?', '#']).next().unwrap_or("/");
    if path.ends_with('/') {
        path.to_owned()
    } else {
        format!("{path}/")
    }
}

#[cfg(test)]
mod tests;
