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
    staging_of(&docs())
}

fn staging_of(docs: &[Document]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("index")).unwrap();
    let mut writer = engine::IndexWriter::new(engine::WriterSettings::default());
    for doc in docs {
        writer.add(doc);
    }
    for file in writer.finish().unwrap() {
        fs::write(dir.path().join("index").join(&file.name), &file.bytes).unwrap();
    }
    dir
}

fn many_docs(n: usize) -> Vec<Document> {
    (0..n)
        .map(|i| Document {
            id: format!("big/entry-{i:03}"),
            title: format!("Entry {i}"),
            lang: "en".into(),
            date: Some(format!("2020-01-{:02}", 1 + i % 28)),
            blocks: vec![
                Block::Heading {
                    level: 1,
                    text: "Sense".into(),
                    line: 1,
                },
                Block::Paragraph {
                    text: format!("Body of <entry> {i}."),
                    line: 2,
                },
            ],
            ..Document::default()
        })
        .collect()
}

fn site_of(docs: &[Document], pages: PageLayout) -> (tempfile::TempDir, SiteReport) {
    let dir = staging_of(docs);
    let archive = ArchiveInfo {
        public_url: "https://example.org/".into(),
        ..ArchiveInfo::default()
    };
    let input = SiteInput {
        archive: &archive,
        documents: docs,
        app: None,
        options: SiteOptions {
            pages,
            ..SiteOptions::default()
        },
    };
    let report = write_site(dir.path(), &input).unwrap();
    (dir, report)
}

#[test]
fn grouped_pages_hold_a_hundred_documents_each_with_anchors() {
    let docs = many_docs(250);
    let (dir, report) = site_of(&docs, PageLayout::Grouped);
    let files = list_files(dir.path()).unwrap();
    let groups: Vec<&String> = files
        .iter()
        .filter(|f| f.starts_with("doc/_group/"))
        .collect();
    assert_eq!(
        groups,
        [
            "doc/_group/1.html",
            "doc/_group/2.html",
            "doc/_group/3.html"
        ]
    );
    assert!(
        !files.iter().any(|f| f.starts_with("doc/big/")),
        "{files:?}"
    );
    assert_eq!(report.pages, 250);
    assert_eq!(report.files, files.len());

    let second = fs::read_to_string(dir.path().join("doc/_group/2.html")).unwrap();
    assert!(second.contains("<h1>Documents 101–200 of 250</h1>"));
    assert_eq!(second.matches("<article id=").count(), 100);
    // Each article is found by its anchor, its blocks ids are its own,
    // and its headings sit under the article's <h2>.
    assert!(second.contains("<article id=\"d-big.entry-100\">\n<header class=\"doc-header\"><h2 class=\"doc-title\">Entry 100</h2>"));
    assert!(second.contains("<h3 id=\"d-big.entry-100-p-0\" class=\"doc-heading\">Sense</h3>"));
    assert!(second.contains("<p id=\"d-big.entry-100-p-1\">Body of &lt;entry&gt; 100.</p>"));
    assert!(second.contains("href=\"1.html\" rel=\"prev\""));
    assert!(second.contains("href=\"3.html\" rel=\"next\""));
    let third = fs::read_to_string(dir.path().join("doc/_group/3.html")).unwrap();
    assert!(third.contains("Documents 201–250 of 250"));
    assert!(!third.contains("rel=\"next\""));

    let list = fs::read_to_string(dir.path().join("doc/index.html")).unwrap();
    assert!(list.contains("<a href=\"../doc/_group/2.html#d-big.entry-100\">Entry 100</a>"));
    let map = fs::read_to_string(dir.path().join("sitemap.xml")).unwrap();
    assert_eq!(map.matches("doc/_group/").count(), 3, "{map}");
}

#[test]
fn auto_layout_groups_only_large_archives() {
    assert_eq!(PageLayout::Auto.resolve(10), PageLayout::Each);
    assert_eq!(
        PageLayout::Auto.resolve(pages::AUTO_EACH_MAX),
        PageLayout::Each
    );
    assert_eq!(
        PageLayout::Auto.resolve(pages::AUTO_EACH_MAX + 1),
        PageLayout::Grouped
    );
    assert_eq!(PageLayout::Each.resolve(1_000_000), PageLayout::Each);
    let (dir, _) = site_of(&many_docs(3), PageLayout::Auto);
    assert!(dir.path().join("doc/big/entry-001.html").is_file());
}

#[test]
fn no_pages_lists_documents_into_the_reader() {
    let (dir, report) = site_of(&many_docs(3), PageLayout::None);
    let files: Vec<String> = list_files(dir.path())
        .unwrap()
        .into_iter()
        .filter(|f| !f.starts_with("index/"))
        .collect();
    assert_eq!(
        files,
        [
            "doc/index.html",
            "doc/page.css",
            "robots.txt",
            "sitemap.xml"
        ]
    );
    let index_files = fs::read_dir(dir.path().join("index")).unwrap().count();
    assert_eq!(report.files, files.len() + index_files);
    let list = fs::read_to_string(dir.path().join("doc/index.html")).unwrap();
    assert!(
        list.contains("<a href=\"../#doc=big%2Fentry-001\">Entry 1</a>"),
        "{list}"
    );
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
            options: SiteOptions::default(),
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
            options: SiteOptions::default(),
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
    let with = mark_index_html(page, true, false).unwrap();
    assert!(with.contains("archive-service-worker") && with.contains("archive-offline-download"));
    let without = mark_index_html(page, false, false).unwrap();
    assert!(without.contains("archive-service-worker"));
    assert!(!without.contains("archive-offline-download"));
    assert!(!without.contains("archive-offline-scope"));
    // A page marked before (an existing site's reader as `--app`) keeps
    // only the new marks.
    let again = mark_index_html(&with, false, false).unwrap();
    assert_eq!(
        again.matches("archive-service-worker").count(),
        1,
        "{again}"
    );
    assert!(!again.contains("archive-offline-download"), "{again}");
    assert!(mark_index_html(page, false, true)
        .unwrap()
        .contains("<meta name=\"archive-offline-scope\" content=\"visited\">"));
    // A minified page without the optional <head> start tag: the markers
    // still end the head, once.
    let minified =
        "<!doctype html><html lang=en><meta charset=utf-8><title>T</title></head><body><p>x</body>";
    let out = mark_index_html(minified, true, false).unwrap();
    let at = out.find("archive-service-worker").unwrap();
    assert!(at < out.find("<body>").unwrap(), "{out}");
    assert_eq!(out.matches("archive-service-worker").count(), 1, "{out}");
}

#[test]
fn public_url_path() {
    assert_eq!(url_path(""), "/");
    assert_eq!(url_path("https://x.org"), "/");
    assert_eq!(url_path("https://x.org/a/b"), "/a/b/");
}
