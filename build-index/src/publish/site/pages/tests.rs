use super::*;

fn doc() -> Document {
    Document {
        id: "001-abc/a-<b>-title".into(),
        title: "A <script>alert(1)</script> title".into(),
        date: Some("2021-10-08".into()),
        source: Some("Dept. & Co".into()),
        lang: "en".into(),
        source_file: "001_abc.txt".into(),
        line_start: 3,
        line_end: 9,
        speakers: vec!["Antony J. Blinken".into()],
        blocks: vec![
            Block::Paragraph {
                text: "Intro <img src=x onerror=alert(1)>".into(),
                line: 3,
            },
            Block::ListItem {
                ordered: true,
                depth: 0,
                marker: Some("1.".into()),
                text: "one".into(),
                line: 4,
            },
            Block::ListItem {
                ordered: false,
                depth: 1,
                marker: None,
                text: "nested".into(),
                line: 5,
            },
            Block::ListItem {
                ordered: true,
                depth: 0,
                marker: Some("2.".into()),
                text: "two".into(),
                line: 6,
            },
            Block::Turn {
                speaker: "Antony J. Blinken".into(),
                label: "SECRETARY BLINKEN".into(),
                role: false,
                notes: vec!["Via interpreter".into()],
                text: "Thank you.".into(),
                line: 7,
            },
            Block::Heading {
                level: 1,
                text: "Annex".into(),
                line: 8,
            },
        ],
        ..Document::default()
    }
}

fn archive() -> ArchiveInfo {
    ArchiveInfo {
        name: "Test Archive".into(),
        public_url: "https://example.org/archive/".into(),
        lang: "en".into(),
        ..ArchiveInfo::default()
    }
}

#[test]
fn page_paths_stay_inside_doc_and_are_injective() {
    assert_eq!(
        page_path("002-63/secretary-blinken"),
        "doc/002-63/secretary-blinken.html"
    );
    assert_eq!(
        page_path("../../etc/passwd"),
        "doc/_2e_2e/_2e_2e/etc/passwd.html"
    );
    assert_ne!(page_path("a_2e"), page_path("a."));
}

#[test]
fn corpus_text_is_escaped_everywhere() {
    let page = document_page(&doc(), &archive(), &Icon::default());
    assert!(!page.contains("<script>"));
    assert!(!page.contains("<img"));
    assert!(page.contains("A &lt;script&gt;alert(1)&lt;/script&gt; title"));
    assert!(page.contains("Dept. &amp; Co"));
}

#[test]
fn page_links_into_the_reader_with_a_relative_url() {
    let page = document_page(&doc(), &archive(), &Icon::default());
    assert!(
        page.contains("href=\"../../#doc=001-abc%2Fa-%3Cb%3E-title\""),
        "{page}"
    );
    assert!(page.contains("href=\"../../doc/page.css\""));
    assert!(page.contains("<link rel=\"canonical\" href=\"https://example.org/archive/doc/001-abc/a-_3cb_3e-title.html\">"));
}

#[test]
fn lists_nest_and_blocks_keep_their_permalink_ids() {
    let page = document_page(&doc(), &archive(), &Icon::default());
    let body = &page[page.find("<ol").unwrap()..page.find("<h2").unwrap()];
    assert_eq!(
        body,
        "<ol class=\"doc-list\"><li id=\"p-1\"><span class=\"marker\">1.</span> one<ul class=\"doc-list\"><li id=\"p-2\">nested</li></ul></li><li id=\"p-3\"><span class=\"marker\">2.</span> two</li></ol><div id=\"p-4\" class=\"turn\"><div class=\"turn-head\"><span class=\"turn-label\">SECRETARY BLINKEN</span><span class=\"turn-notes\">(Via interpreter)</span></div><p>Thank you.</p></div>"
    );
    assert!(page.contains("<h2 id=\"p-5\" class=\"doc-heading\">Annex</h2>"));
}

#[test]
fn sitemap_needs_a_public_url() {
    let docs = [ListEntry::new(&doc(), Some(page_path(&doc().id)))];
    let map = sitemap(&docs, &archive()).unwrap();
    assert!(map.contains("<loc>https://example.org/archive/</loc>"));
    assert!(map.contains("<lastmod>2021-10-08</lastmod>"));
    assert!(sitemap(&docs, &ArchiveInfo::default()).is_none());
    assert!(robots(&archive(), true).contains("Sitemap: https://example.org/archive/sitemap.xml"));
}

#[test]
fn the_list_of_documents_is_cut_into_pages_newest_first() {
    let docs: Vec<ListEntry> = (0..2500)
        .map(|i| ListEntry {
            id: format!("f/d{i:04}"),
            title: format!("Doc <{i}>"),
            date: Some(format!("{}-01-01", 1000 + i)),
            source: None,
            href: Some(format!("doc/f/d{i:04}.html")),
        })
        .collect();
    let mut pages = Vec::new();
    document_list(&docs, &archive(), &Icon::default(), |path, html| {
        pages.push((path.to_owned(), html.to_owned()));
        Ok::<_, ()>(())
    })
    .unwrap();
    let paths: Vec<&str> = pages.iter().map(|p| p.0.as_str()).collect();
    assert_eq!(
        paths,
        ["doc/index.html", "doc/_list/2.html", "doc/_list/3.html"]
    );
    let (first, last) = (&pages[0].1, &pages[2].1);
    assert_eq!(first.matches("<li>").count(), LIST_PAGE_SIZE);
    assert_eq!(last.matches("<li>").count(), 500);
    assert!(first.contains("Page 1 of 3 · <a href=\"../doc/_list/2.html\" rel=\"next\">Older</a>"));
    assert!(
        first.contains("<a href=\"../doc/f/d2499.html\">Doc &lt;2499&gt;</a>"),
        "newest first"
    );
    assert!(last.contains("<a href=\"../../doc/_list/2.html\" rel=\"prev\">Newer</a>"));
    assert!(last.contains("<a href=\"../../doc/f/d0000.html\">"));
    assert!(last.contains("href=\"../../doc/page.css\""));
    assert!(!last.contains("rel=\"next\""));
}

#[test]
fn a_document_page_carries_citation_and_dublin_core_tags() {
    let page = document_page(&doc(), &archive(), &Icon::default());
    let head = &page[..page.find("</head>").unwrap()];
    // What a Zotero-style translator needs: title, date, author,
    // publisher and URL.
    for expected in [
            "<meta name=\"citation_title\" content=\"A &lt;script&gt;alert(1)&lt;/script&gt; title\">",
            "<meta name=\"citation_author\" content=\"Antony J. Blinken\">",
            "<meta name=\"citation_publisher\" content=\"Dept. &amp; Co\">",
            "<meta name=\"citation_publication_date\" content=\"2021/10/08\">",
            "<meta name=\"DC.date\" content=\"2021-10-08\">",
            "<meta name=\"DC.creator\" content=\"Antony J. Blinken\">",
            "<meta name=\"citation_public_url\" content=\"https://example.org/archive/doc/001-abc/a-_3cb_3e-title.html\">",
        ] {
            assert!(head.contains(expected), "{expected} in\n{head}");
        }
    assert!(
        !head.contains("001_abc.txt"),
        "no internal file name in a citation"
    );
}
