//! The deployable site around the index: the reader app, a static page per
//! document, `sitemap.xml`, `robots.txt`, host headers (`_headers`,
//! `nginx.conf`), the service worker (`sw.js`) and the one-file download
//! (`offline.html`).
//!
//! ```no_run
//! # use build_index::site::{self, AppFiles, SiteInput};
//! # fn demo(staging: &std::path::Path, archive: &engine::ArchiveInfo, docs: &[engine::Document]) -> Result<(), site::SiteError> {
//! // `staging/index/` already holds the index files written by the engine.
//! let app = AppFiles::bundled().map(Ok).unwrap_or_else(|| AppFiles::from_dir("dist".as_ref()))?;
//! let report = site::write_site(staging, &SiteInput { archive, documents: docs, app: Some(&app) })?;
//! println!("{} files, offline.html {:?} bytes", report.files, report.bundle_bytes);
//! # Ok(()) }
//! ```
//!
//! Every URL the site writes is relative, so one build works at a domain
//! root, under any sub-path and from disk. Output is deterministic.

mod app;
mod base64;
pub mod bundle;
pub mod first_page;
pub mod headers;
pub mod html;
pub mod pages;
pub mod sw;

pub use app::{csp_hash, AppFiles, Entry};

use engine::{ArchiveInfo, Document};
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
    Index { source: engine::FormatError },
    #[error("the reader app contains {path}, a name the site itself writes")]
    Reserved { path: String },
}

pub struct SiteInput<'a> {
    pub archive: &'a ArchiveInfo,
    pub documents: &'a [Document],
    /// `None` writes only the index-independent parts (pages, sitemap,
    /// robots): the site then has no reader.
    pub app: Option<&'a AppFiles>,
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

/// Names the site writes itself; an app file with one of these would be
/// silently replaced, so it is an error instead.
const RESERVED: &[&str] = &[
    "sw.js",
    "offline.html",
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
    let mut pages = Pages::new(dir, input.archive, input.app)?;
    for doc in input.documents {
        pages.add(doc)?;
    }
    finish_site(pages, input.app)
}

/// The static pages of a site, written one document at a time, so a build
/// never holds them all; what the list of documents and the sitemap need
/// is kept.
pub struct Pages<'a> {
    dir: PathBuf,
    archive: &'a ArchiveInfo,
    icon: pages::Icon,
    /// Page path → index in `entries`, to refuse two documents on one page.
    seen: HashMap<String, usize>,
    entries: Vec<pages::ListEntry>,
    /// Folders already created under `doc/`.
    dirs: HashSet<PathBuf>,
    bytes: u64,
}

impl<'a> Pages<'a> {
    pub fn new(
        dir: &Path,
        archive: &'a ArchiveInfo,
        app: Option<&AppFiles>,
    ) -> Result<Pages<'a>, SiteError> {
        let icon = match app {
            Some(app) => app.icon()?,
            None => pages::Icon::default(),
        };
        Ok(Pages {
            dir: dir.to_path_buf(),
            archive,
            icon,
            seen: HashMap::new(),
            entries: Vec::new(),
            dirs: HashSet::new(),
            bytes: 0,
        })
    }

    /// Writes the static page of one document.
    pub fn add(&mut self, doc: &Document) -> Result<(), SiteError> {
        let path = pages::page_path(&doc.id);
        if let Some(&first) = self.seen.get(&path) {
            return Err(SiteError::PageClash {
                path,
                first: self.entries[first].id.clone(),
                second: doc.id.clone(),
            });
        }
        let html = pages::document_page(doc, self.archive, &self.icon);
        let full = self.dir.join(&path);
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
        self.bytes += html.len() as u64;
        self.seen.insert(path, self.entries.len());
        self.entries.push(pages::ListEntry::from(doc));
        Ok(())
    }
}

/// Writes the rest of the site once every page is written: the reader app,
/// the list of documents, sitemap, robots, and with an app the one-file
/// bundle, service worker and host headers.
pub fn finish_site(pages: Pages<'_>, app: Option<&AppFiles>) -> Result<SiteReport, SiteError> {
    let Pages {
        dir,
        archive,
        icon,
        entries,
        bytes: page_bytes,
        ..
    } = pages;
    let dir = dir.as_path();
    let index_sizes = index_sizes(dir)?;
    let mut out = Tally {
        dir,
        files: index_sizes.len() + entries.len(),
        bytes: page_bytes,
    };
    let mut report = SiteReport {
        index_bytes: index_sizes.iter().map(|(_, n)| n).sum(),
        pages: entries.len(),
        ..SiteReport::default()
    };
    out.bytes += report.index_bytes;

    let bundled = report.index_bytes <= BUNDLE_MAX_INDEX_BYTES;
    let mut index_script_hashes = Vec::new();
    if let Some(app) = app {
        for (rel, bytes) in app.files() {
            if RESERVED.contains(&rel) || rel.starts_with("index/") || rel.starts_with("doc/") {
                return Err(SiteError::Reserved { path: rel.into() });
            }
            if rel == "index.html" {
                let page =
                    first_page::name_page(&mark_index_html(app.index_html()?, bundled), archive);
                let first = first_page::first_page(&dir.join("index"), archive.cards_per_page())?;
                let page = match first_page::insert(&page, &first) {
                    Some(with_first) => first_page::defer_wasm(&with_first),
                    None => page,
                };
                // The policy allows exactly the inline scripts of the page
                // as written.
                index_script_hashes = app::inline_script_hashes(&page);
                out.write(rel, page.as_bytes())?;
            } else {
                out.write(rel, bytes)?;
            }
            report.app_bytes += bytes.len() as u64;
        }
    } else {
        report.notes.push(
            "no reader app: pass --app <Trunk dist/> or use a build-index built with the \
             bundled-app feature; only the index and static pages were written"
                .into(),
        );
    }

    out.write(
        "doc/index.html",
        pages::document_list(&entries, archive, &icon).as_bytes(),
    )?;
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
        // The one-file download holds the whole index: only for an index
        // small enough to download and open as one page (and to build
        // without holding a large index in memory).
        let bundle = if bundled {
            let index = read_index(dir)?;
            let bundle = bundle::build(app, &index)?;
            out.write("offline.html", bundle.html.as_bytes())?;
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

        // Hashed file by file: a big index is never held whole.
        let index_digests = index_entries(dir, |path, _| fs::read(path).map(|b| sw::digest(&b)))?;
        let precache = app
            .files()
            .filter(|(rel, _)| !rel.ends_with(".map"))
            .map(|(rel, bytes)| (rel.to_owned(), sw::digest(bytes)))
            .chain(index_digests);
        out.write("sw.js", sw::service_worker_of_digests(precache).as_bytes())?;

        let site_csp = headers::site_csp(&index_script_hashes);
        let bundle_csp = bundle.map(|(scripts, styles)| headers::bundle_csp(&scripts, &styles));
        let mut files = list_files(dir)?;
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
    }

    report.files = out.files;
    report.bytes = out.bytes;
    Ok(report)
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
fn mark_index_html(page: &str, bundled: bool) -> String {
    const WORKER: &str = "<meta name=\"archive-service-worker\" content=\"sw.js\">\n";
    const DOWNLOAD: &str = "<meta name=\"archive-offline-download\" content=\"offline.html\">\n";
    let marks = if bundled {
        format!("{WORKER}{DOWNLOAD}")
    } else {
        WORKER.to_owned()
    };
    let page = match page.to_ascii_lowercase().find("</head") {
        Some(i) => format!("{}{marks}{}", &page[..i], &page[i..]),
        None => format!("{marks}{page}"),
    };
    // The static shell's header gets the download link the app's header
    // will show, so the page does not move down when the app takes over.
    const TOGGLE: &str =
        "<span class=\"icon-button boot-placeholder\" aria-hidden=\"true\"></span>";
    const LINK: &str = "<div class=\"offline\"><a class=\"offline-download\" href=\"offline.html\" download>Download for offline use</a></div>";
    if bundled {
        page.replacen(TOGGLE, &format!("{TOGGLE}{LINK}"), 1)
    } else {
        page
    }
}

/// Largest index (bytes) the site's one-file download (`offline.html`) is
/// written for. Base64 makes the file a third bigger than the index, and a
/// browser opens it as one page.
pub const BUNDLE_MAX_INDEX_BYTES: u64 = 64_000_000;

/// The one-file bundle of an already built site (`build-index bundle`).
pub fn bundle_site(site: &Path) -> Result<bundle::Bundle, SiteError> {
    let index = read_index(site)?;
    let app = AppFiles::referenced_in_site(site)?;
    bundle::build(&app, &index)
}

/// The index files (`index/<name>`) of a site or staging folder, sorted.
fn read_index(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, SiteError> {
    index_entries(dir, |path, _| fs::read(path))
}

/// Names and sizes of the index files (`index/<name>`), sorted.
fn index_sizes(dir: &Path) -> Result<Vec<(String, u64)>, SiteError> {
    index_entries(dir, |_, meta| Ok(meta.len()))
}

/// One value per file of `<dir>/index/`, by site path, sorted; an error if
/// the folder holds no index.
fn index_entries<T>(
    dir: &Path,
    mut value: impl FnMut(&Path, &fs::Metadata) -> std::io::Result<T>,
) -> Result<Vec<(String, T)>, SiteError> {
    let index_dir = dir.join("index");
    if !index_dir.join("manifest.json").is_file() {
        return Err(SiteError::NoIndex {
            dir: dir.to_path_buf(),
        });
    }
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| SiteError::Io { path, source }
    };
    let mut out = Vec::new();
    for entry in fs::read_dir(&index_dir).map_err(io(&index_dir))? {
        let entry = entry.map_err(io(&index_dir))?;
        let path = entry.path();
        let meta = entry.metadata().map_err(io(&path))?;
        if meta.is_file() {
            let name = entry.file_name().to_string_lossy().into_owned();
            out.push((
                format!("index/{name}"),
                value(&path, &meta).map_err(io(&path))?,
            ));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

fn list_files(dir: &Path) -> Result<Vec<String>, SiteError> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let io = |source| SiteError::Io {
            path: d.clone(),
            source,
        };
        for entry in fs::read_dir(&d).map_err(io)? {
            let entry = entry.map_err(io)?;
            let path = entry.path();
            // The entry's type comes with the listing: no stat per file.
            if entry
                .file_type()
                .map_err(|source| SiteError::Io {
                    path: path.clone(),
                    source,
                })?
                .is_dir()
            {
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(dir) {
                let rel: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.push(rel.join("/"));
            }
        }
    }
    out.sort();
    Ok(out)
}

fn write(dir: &Path, rel: &str, bytes: &[u8]) -> Result<(), SiteError> {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|source| SiteError::Io {
            path: parent.to_path_buf(),
            source,
        })?;
    }
    fs::write(&path, bytes).map_err(|source| SiteError::Io { path, source })
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
mod tests {
    use super::*;
    use engine::Block;

    fn docs() -> Vec<Document> {
        vec![Document {
            id: "a-file/first-title".into(),
            title: "First title".into(),
            lang: "en".into(),
            source_file: "a file.md".into(),
            line_start: 1,
            line_end: 4,
            blocks: vec![Block::Paragraph {
                text: "Body text.".into(),
                line: 3,
            }],
            ..Document::default()
        }]
    }

    /// A site folder holding the real index of `docs()`.
    fn staging() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("index")).unwrap();
        let mut writer = engine::IndexWriter::new(engine::WriterSettings::default());
        for doc in docs() {
            writer.add(&doc);
        }
        for file in writer.finish().unwrap() {
            fs::write(dir.path().join("index").join(&file.name), &file.bytes).unwrap();
        }
        dir
    }

    #[test]
    fn writes_a_complete_site() {
        let dir = staging();
        let app = app::tests::sample_app();
        let archive = ArchiveInfo {
            name: "T".into(),
            public_url: "https://example.org/sub/".into(),
            ..ArchiveInfo::default()
        };
        let report = write_site(
            dir.path(),
            &SiteInput {
                archive: &archive,
                documents: &docs(),
                app: Some(&app),
            },
        )
        .unwrap();
        let files = list_files(dir.path()).unwrap();
        for expected in [
            "index.html",
            "archive-reader-5c4d_bg.wasm",
            "doc/a-file/first-title.html",
            "doc/index.html",
            "doc/page.css",
            "sitemap.xml",
            "robots.txt",
            "_headers",
            "nginx.conf",
            "sw.js",
            "offline.html",
        ] {
            assert!(
                files.iter().any(|f| f == expected),
                "missing {expected} in {files:?}"
            );
        }
        assert_eq!(report.files, files.len());
        assert!(report.sitemap && report.notes.is_empty());
        let index = fs::read_to_string(dir.path().join("index.html")).unwrap();
        assert!(index.contains("<meta name=\"archive-service-worker\" content=\"sw.js\">"));
        let offline = fs::read_to_string(dir.path().join("offline.html")).unwrap();
        assert!(
            !offline.contains("archive-service-worker"),
            "the bundle registers no worker"
        );
        let sw = fs::read_to_string(dir.path().join("sw.js")).unwrap();
        assert!(sw.contains("\"index/manifest.json\""));
        assert!(sw.contains("\"index/docmeta-"));
        assert!(
            !sw.contains("offline.html\",\n"),
            "the bundle is not precached"
        );
        let nginx = fs::read_to_string(dir.path().join("nginx.conf")).unwrap();
        assert!(nginx.contains("location /sub/ {"));
        let headers = fs::read_to_string(dir.path().join("_headers")).unwrap();
        let hashes = app::inline_script_hashes(&index);
        assert!(!hashes.is_empty());
        for hash in hashes {
            assert!(
                headers.contains(&hash),
                "the hash of each inline script as written is in the policy"
            );
        }
    }

    #[test]
    fn refuses_a_folder_without_an_index() {
        let dir = tempfile::tempdir().unwrap();
        let err = bundle_site(dir.path()).err().unwrap();
        assert!(matches!(err, SiteError::NoIndex { .. }));
    }

    #[test]
    fn bundles_a_built_site_from_its_referenced_files_only() {
        let dir = staging();
        let app = app::tests::sample_app();
        let archive = ArchiveInfo::default();
        write_site(
            dir.path(),
            &SiteInput {
                archive: &archive,
                documents: &docs(),
                app: Some(&app),
            },
        )
        .unwrap();
        let from_site = bundle_site(dir.path()).unwrap();
        let direct = fs::read_to_string(dir.path().join("offline.html")).unwrap();
        assert_eq!(from_site.html, direct);
    }

    #[test]
    fn the_download_link_is_marked_only_when_there_is_a_download() {
        let page = "<html><head></head><body></body></html>";
        let with = mark_index_html(page, true);
        assert!(
            with.contains("archive-service-worker") && with.contains("archive-offline-download")
        );
        let shell = "<head></head><body><span class=\"icon-button boot-placeholder\" aria-hidden=\"true\"></span></body>";
        assert!(mark_index_html(shell, true).contains("href=\"offline.html\" download>"));
        assert!(!mark_index_html(shell, false).contains("offline.html"));
        let without = mark_index_html(page, false);
        assert!(without.contains("archive-service-worker"));
        assert!(!without.contains("archive-offline-download"));
    }

    #[test]
    fn public_url_path() {
        assert_eq!(url_path(""), "/");
        assert_eq!(url_path("https://x.org"), "/");
        assert_eq!(url_path("https://x.org/a/b"), "/a/b/");
    }
}
