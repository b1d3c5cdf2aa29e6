//! Plain static pages: one per document (`doc/<file-slug>/<title-slug>.html`,
//! readable without JavaScript, linking into the reader) and a list of all
//! documents (`doc/index.html`), so search engines and no-JS visitors see
//! what the reader's hash URLs hide. Every corpus string is escaped.

use super::html::{escape, form_encode, path_encode};
use engine::{ArchiveInfo, Block, Document};

pub use engine::static_page_path as page_path;

/// `../` repeated to climb from a page at `path` back to the site root.
fn to_root(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

pub const PAGE_CSS: &str = "\
:root{color-scheme:light dark;--fg:#1b1b1f;--bg:#fdfdfb;--muted:#5b5b66;--link:#1d4ed8;--rule:#d9d9de}
@media (prefers-color-scheme:dark){:root{--fg:#e8e8ea;--bg:#16161a;--muted:#a3a3ad;--link:#93b4ff;--rule:#34343c}}
body{margin:0;background:var(--bg);color:var(--fg);font:1.0625rem/1.6 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif}
header,main,footer{max-width:42rem;margin:0 auto;padding:1rem 1.25rem}
header{border-bottom:1px solid var(--rule)}
a{color:var(--link)}
h1{line-height:1.25;margin:.5rem 0}
.meta,.provenance,footer{color:var(--muted);font-size:.95rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;font-size:.95rem}
dt{color:var(--muted)}dd{margin:0}
.turn-speaker{font-weight:700}
.turn-note{color:var(--muted);font-style:italic}
ol.printed{list-style:none;padding-left:1.5rem}
.marker{display:inline-block;min-width:2rem;margin-left:-2rem;color:var(--muted)}
.docs li{margin:.35rem 0}
";

/// The site's favicon as pages link it: a `data:` URL, or a site-relative
/// path. Without one, browsers would ask for `/favicon.ico`, which may not
/// exist (and is outside the site under a sub-path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Icon(pub String);

impl Default for Icon {
    fn default() -> Self {
        Icon("data:,".to_owned())
    }
}

impl Icon {
    /// The `<link rel="icon">` for a page at site-relative `page`.
    fn link(&self, page: &str) -> String {
        let href = if self.0.contains(':') {
            self.0.clone()
        } else {
            format!("{}{}", to_root(page), self.0)
        };
        format!("<link rel=\"icon\" href=\"{}\">\n", escape(&href))
    }
}

/// The static page of one document.
pub fn document_page(doc: &Document, archive: &ArchiveInfo, icon: &Icon) -> String {
    let path = page_path(&doc.id);
    let root = to_root(&path);
    let lang = if doc.lang.is_empty() {
        archive.lang.as_str()
    } else {
        doc.lang.as_str()
    };
    let reader_link = format!("{root}#doc={}", form_encode(&doc.id));
    let mut out = String::with_capacity(4096 + doc.word_count as usize * 7);
    out.push_str("<!DOCTYPE html>\n");
    out.push_str(&format!("<html lang=\"{}\">\n<head>\n", escape(lang)));
    out.push_str("<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!(
        "<title>{} — {}</title>\n",
        escape(&doc.title),
        escape(&archive.name)
    ));
    let description = summary(doc, 160);
    if !description.is_empty() {
        out.push_str(&format!(
            "<meta name=\"description\" content=\"{}\">\n",
            escape(&description)
        ));
    }
    if !archive.public_url.is_empty() {
        out.push_str(&format!(
            "<link rel=\"canonical\" href=\"{}\">\n",
            escape(&absolute_url(&archive.public_url, &path))
        ));
    }
    out.push_str(&icon.link(&path));
    out.push_str(&format!(
        "<link rel=\"stylesheet\" href=\"{root}doc/page.css\">\n</head>\n<body>\n"
    ));
    out.push_str(&format!(
        "<header><a href=\"{root}\">{}</a> · <a href=\"{root}doc/\">All documents</a></header>\n",
        escape(&archive.name)
    ));
    out.push_str("<main>\n<article>\n");
    out.push_str(&format!("<h1>{}</h1>\n", escape(&doc.title)));
    let meta: Vec<String> = [doc.date.clone(), doc.source.clone(), doc.doc_type.clone()]
        .into_iter()
        .flatten()
        .map(|v| escape(&v))
        .collect();
    if !meta.is_empty() {
        out.push_str(&format!("<p class=\"meta\">{}</p>\n", meta.join(" · ")));
    }
    let lists = [
        ("Speakers", &doc.speakers),
        ("People", &doc.people),
        ("Places", &doc.places),
        ("Topics", &doc.topics),
    ];
    if lists.iter().any(|(_, v)| !v.is_empty()) {
        out.push_str("<dl>\n");
        for (label, values) in lists {
            if !values.is_empty() {
                let items: Vec<String> = values.iter().map(|v| escape(v)).collect();
                out.push_str(&format!("<dt>{label}</dt><dd>{}</dd>\n", items.join(", ")));
            }
        }
        out.push_str("</dl>\n");
    }
    out.push_str(&format!(
        "<p class=\"provenance\">From <code>{}</code>, lines {}–{}.</p>\n",
        escape(&doc.source_file),
        doc.line_start,
        doc.line_end
    ));
    out.push_str(&format!(
        "<p><a href=\"{}\">Open in the searchable reader</a></p>\n",
        escape(&reader_link)
    ));
    render_blocks(&doc.blocks, &mut out);
    out.push_str("</article>\n</main>\n");
    out.push_str(&format!(
        "<footer>{} · <a href=\"{}\">Search this archive</a></footer>\n</body>\n</html>\n",
        escape(&archive.name),
        escape(&reader_link)
    ));
    out
}

/// Body blocks as HTML. Lists are rebuilt from the items' depth and kind;
/// block `i` gets `id="p-i"`, the reader's paragraph permalink.
fn render_blocks(blocks: &[Block], out: &mut String) {
    // Open lists, innermost last: whether each is ordered.
    let mut open: Vec<bool> = Vec::new();
    let close_all = |open: &mut Vec<bool>, out: &mut String, keep: usize| {
        while open.len() > keep {
            let ordered = open.pop().unwrap_or(false);
            out.push_str(if ordered {
                "</li></ol>\n"
            } else {
                "</li></ul>\n"
            });
        }
    };
    for (i, block) in blocks.iter().enumerate() {
        match block {
            Block::ListItem {
                ordered,
                depth,
                marker,
                text,
                ..
            } => {
                let want = usize::from(*depth) + 1;
                close_all(&mut open, out, want);
                if open.len() == want && open[want - 1] != *ordered {
                    close_all(&mut open, out, want - 1);
                }
                if open.len() == want {
                    out.push_str("</li>\n");
                }
                while open.len() < want {
                    out.push_str(if *ordered {
                        "<ol class=\"printed\">\n"
                    } else {
                        "<ul>\n"
                    });
                    open.push(*ordered);
                }
                out.push_str(&format!("<li id=\"p-{i}\">"));
                if let Some(m) = marker.as_deref().filter(|_| *ordered) {
                    out.push_str(&format!("<span class=\"marker\">{}</span> ", escape(m)));
                }
                out.push_str(&escape(text));
            }
            other => {
                close_all(&mut open, out, 0);
                match other {
                    Block::Heading { level, text, .. } => {
                        let h = (usize::from(*level) + 1).clamp(2, 6);
                        out.push_str(&format!("<h{h} id=\"p-{i}\">{}</h{h}>\n", escape(text)));
                    }
                    Block::Turn {
                        speaker,
                        label,
                        notes,
                        text,
                        ..
                    } => {
                        let shown = if label.is_empty() { speaker } else { label };
                        out.push_str(&format!(
                            "<p class=\"turn\" id=\"p-{i}\"><span class=\"turn-speaker\">{}:</span> ",
                            escape(shown)
                        ));
                        for note in notes {
                            out.push_str(&format!(
                                "<span class=\"turn-note\">({})</span> ",
                                escape(note)
                            ));
                        }
                        out.push_str(&escape(text));
                        out.push_str("</p>\n");
                    }
                    _ => out.push_str(&format!("<p id=\"p-{i}\">{}</p>\n", escape(other.text()))),
                }
            }
        }
    }
    close_all(&mut open, out, 0);
}

/// The first `max` characters of the body, cut at a word.
fn summary(doc: &Document, max: usize) -> String {
    let mut text = String::new();
    for block in &doc.blocks {
        if !matches!(block, Block::Heading { .. }) {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(block.text());
        }
        if text.len() > max * 4 {
            break;
        }
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = String::new();
    for w in words {
        if out.chars().count() + w.chars().count() + 1 > max {
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// What the list of documents and the sitemap need of a document, kept
/// after its page is written so the document itself can be dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListEntry {
    pub id: String,
    pub title: String,
    pub date: Option<String>,
    pub source: Option<String>,
}

impl From<&Document> for ListEntry {
    fn from(d: &Document) -> Self {
        ListEntry {
            id: d.id.clone(),
            title: d.title.clone(),
            date: d.date.clone(),
            source: d.source.clone(),
        }
    }
}

/// `doc/index.html`: every document, newest first, linking to its page.
pub fn document_list(docs: &[ListEntry], archive: &ArchiveInfo, icon: &Icon) -> String {
    let mut sorted: Vec<&ListEntry> = docs.iter().collect();
    // Newest first, undated last; ids break ties so the order is stable.
    sorted.sort_by(|a, b| match (&a.date, &b.date) {
        (Some(x), Some(y)) => y.cmp(x).then_with(|| a.id.cmp(&b.id)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.id.cmp(&b.id),
    });
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>All documents — {name}</title>\n{icon}<link rel=\"stylesheet\" href=\"page.css\">\n</head>\n<body>\n\
         <header><a href=\"../\">{name}</a></header>\n<main>\n<h1>All documents</h1>\n<p>{count} documents. \
         <a href=\"../\">Search them</a>.</p>\n<ul class=\"docs\">\n",
        lang = escape(&archive.lang),
        name = escape(&archive.name),
        count = docs.len(),
        icon = icon.link("doc/index.html"),
    );
    for doc in sorted {
        let href = page_path(&doc.id);
        let href = href.strip_prefix("doc/").unwrap_or(&href);
        let meta: Vec<String> = [doc.date.clone(), doc.source.clone()]
            .into_iter()
            .flatten()
            .map(|v| escape(&v))
            .collect();
        out.push_str(&format!(
            "<li><a href=\"{}\">{}</a>{}</li>\n",
            escape(href),
            escape(&doc.title),
            if meta.is_empty() {
                String::new()
            } else {
                format!(" <span class=\"meta\">{}</span>", meta.join(" · "))
            }
        ));
    }
    out.push_str("</ul>\n</main>\n</body>\n</html>\n");
    out
}

/// `public_url` joined with a site-relative path, each segment encoded.
pub fn absolute_url(public_url: &str, path: &str) -> String {
    let base = if public_url.ends_with('/') {
        public_url.to_owned()
    } else {
        format!("{public_url}/")
    };
    let encoded: Vec<String> = path.split('/').map(path_encode).collect();
    format!("{base}{}", encoded.join("/"))
}

/// `sitemap.xml` listing the reader and every document page; `None` when
/// the archive has no public URL (sitemaps need absolute URLs).
pub fn sitemap(docs: &[ListEntry], archive: &ArchiveInfo) -> Option<String> {
    if archive.public_url.is_empty() {
        return None;
    }
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut push = |loc: String, lastmod: Option<&str>| {
        out.push_str(&format!("  <url><loc>{}</loc>", escape(&loc)));
        if let Some(date) = lastmod.filter(|d| d.len() == 10) {
            out.push_str(&format!("<lastmod>{}</lastmod>", escape(date)));
        }
        out.push_str("</url>\n");
    };
    push(absolute_url(&archive.public_url, ""), None);
    push(absolute_url(&archive.public_url, "doc/"), None);
    let mut sorted: Vec<(String, &ListEntry)> =
        docs.iter().map(|d| (page_path(&d.id), d)).collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, doc) in sorted {
        push(
            absolute_url(&archive.public_url, &path),
            doc.date.as_deref(),
        );
    }
    out.push_str("</urlset>\n");
    Some(out)
}

pub fn robots(archive: &ArchiveInfo, has_sitemap: bool) -> String {
    let mut out = String::from("User-agent: *\nAllow: /\n");
    if has_sitemap {
        out.push_str(&format!(
            "Sitemap: {}\n",
            absolute_url(&archive.public_url, "sitemap.xml")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
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
            "<ol class=\"printed\">\n<li id=\"p-1\"><span class=\"marker\">1.</span> one<ul>\n<li id=\"p-2\">nested</li></ul>\n</li>\n<li id=\"p-3\"><span class=\"marker\">2.</span> two</li></ol>\n<p class=\"turn\" id=\"p-4\"><span class=\"turn-speaker\">SECRETARY BLINKEN:</span> <span class=\"turn-note\">(Via interpreter)</span> Thank you.</p>\n"
        );
        assert!(page.contains("<h2 id=\"p-5\">Annex</h2>"));
    }

    #[test]
    fn sitemap_needs_a_public_url() {
        let docs = [ListEntry::from(&doc())];
        let map = sitemap(&docs, &archive()).unwrap();
        assert!(map.contains("<loc>https://example.org/archive/</loc>"));
        assert!(map.contains("<lastmod>2021-10-08</lastmod>"));
        assert!(sitemap(&docs, &ArchiveInfo::default()).is_none());
        assert!(
            robots(&archive(), true).contains("Sitemap: https://example.org/archive/sitemap.xml")
        );
    }
}
