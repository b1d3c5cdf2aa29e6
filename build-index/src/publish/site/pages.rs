//! Plain static pages: one per document (`doc/<file-slug>/<title-slug>.html`,
//! readable without JavaScript, linking into the reader) and a list of all
//! documents (`doc/index.html`), so search engines and no-JS visitors see
//! what the reader's hash URLs hide. A large archive groups its documents
//! a hundred to a page instead (`doc/_group/<n>.html#<slug>`): static
//! hosts cap the files of a site (Cloudflare Pages at 20,000), and 100,000
//! one-document pages would not fit. Every corpus string is escaped.

use super::html::{escape, form_encode, path_encode};
use super::related::{self, RelatedLinks};
use engine::{ArchiveInfo, Block, Document};
use view::{doc_header, document_body, BodyProps, DocHeaderProps};

mod listing;
pub use listing::*;

pub use engine::static_page_path as page_path;

/// Which static pages documents get (`[site] pages` in archive.toml).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PageLayout {
    /// `each` up to [`AUTO_EACH_MAX`] documents, `grouped` above.
    #[default]
    Auto,
    /// One page per document.
    Each,
    /// [`GROUP_SIZE`] documents per page, in id order.
    Grouped,
    /// No document pages (the list of documents is still written).
    None,
}

/// Above this many documents, `auto` groups pages: one page each plus the
/// index's own files would pass 20,000 files soon after.
pub const AUTO_EACH_MAX: usize = 10_000;
/// Documents per grouped page: a few hundred KB of HTML at most for short
/// entries, a tenth of the files of one page each.
pub const GROUP_SIZE: usize = 100;

impl PageLayout {
    /// The layout a corpus of `docs` documents gets (`auto` decided).
    pub fn resolve(self, docs: usize) -> PageLayout {
        match self {
            PageLayout::Auto if docs <= AUTO_EACH_MAX => PageLayout::Each,
            PageLayout::Auto => PageLayout::Grouped,
            other => other,
        }
    }
}

/// Site-relative path of the `n`th grouped page (0-based). `_` never
/// starts a segment of a document's page path (ids escape it as `_5f`), so
/// group pages cannot clash with one-document pages.
pub fn group_path(n: usize) -> String {
    format!("doc/_group/{}.html", n + 1)
}

/// The fragment that marks a document on a grouped page: its page path
/// without `doc/` and `.html`, `/` written as `.` (which page paths escape,
/// so two ids never share an anchor).
pub fn group_anchor(id: &str) -> String {
    let path = page_path(id);
    let stem = path.trim_start_matches("doc/").trim_end_matches(".html");
    format!("d-{}", stem.replace('/', "."))
}

/// `../` repeated to climb from a page at `path` back to the site root.
fn to_root(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

pub const PAGE_CSS: &str = "\
:root{color-scheme:light dark;--fg:#1b1b1f;--bg:#fdfdfb;--muted:#5b5b66;--link:#1d4ed8;--rule:#d9d9de}
@media (prefers-color-scheme:dark){:root{--fg:#e8e8ea;--bg:#16161a;--muted:#a3a3ad;--link:#93b4ff;--rule:#34343c}}
body{margin:0;background:var(--bg);color:var(--fg);font:1.0625rem/1.6 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif}
body>header,main,body>footer{max-width:42rem;margin:0 auto;padding:1rem 1.25rem}
body>header{border-bottom:1px solid var(--rule)}
.doc-header h1,.doc-header h2{margin:.5rem 0}
a{color:var(--link)}
h1{line-height:1.25;margin:.5rem 0}
.doc-meta,.provenance,footer{color:var(--muted);font-size:.95rem}
.doc-meta{display:flex;flex-wrap:wrap;gap:.25rem .75rem}
.badge{padding:0 .5rem;border:1px solid var(--rule);border-radius:999px;font-size:.8rem;font-weight:600;text-transform:capitalize}
.doc-facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;font-size:.95rem}
.doc-facts div{display:contents}
dt{color:var(--muted)}dd{margin:0}
.doc-body>p,.turn,.doc-list{margin:0 0 1.1em}
.turn{padding-left:.9rem;border-left:3px solid var(--rule)}
.turn-head{display:flex;flex-wrap:wrap;align-items:baseline;gap:.25rem .5rem}
.turn-label{font-size:.85rem;font-weight:700;letter-spacing:.06em;text-transform:uppercase;color:var(--muted)}
.turn-notes{font-size:.85rem;font-style:italic;color:var(--muted)}
.turn p{margin:.15rem 0 0}
.turn:has(+ .turn-continued){margin-bottom:0;padding-bottom:1.1em}
.turn-continued p{margin-top:0}
.doc-list{padding-left:1.5em;list-style:none}
.doc-list .doc-list{margin:.3em 0}
ul.doc-list>li::before{content:\"•\";display:inline-block;width:1.1em;margin-left:-1.1em;color:var(--muted)}
.marker{font-variant-numeric:tabular-nums;font-weight:600}
.docs li{margin:.35rem 0}
.related{margin-top:2rem;border-top:1px solid var(--rule)}
.related li{margin:.5rem 0}
.related .reason{color:var(--muted);font-size:.9rem}
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
    let lang = if doc.lang.is_empty() {
        archive.lang.as_str()
    } else {
        doc.lang.as_str()
    };
    let mut out = String::with_capacity(4096 + doc.word_count as usize * 7);
    let head = Head {
        path: &path,
        lang,
        title: &doc.title,
        description: &summary(doc, 160),
    };
    head.render(archive, icon, &mut out);
    // Reference managers (Zotero and the like) read these tags: into the
    // head `Head::render` has written and closed.
    let tags = citation_tags(doc, archive, &path, lang);
    if let Some(at) = out.find("</head>") {
        out.insert_str(at, &tags);
    }
    out.push_str("<main>\n");
    render_article(doc, &to_root(&path), None, RelatedLinks::Pages, &mut out);
    out.push_str("</main>\n");
    footer(
        archive,
        &format!("{}#doc={}", to_root(&path), form_encode(&doc.id)),
        &mut out,
    );
    out
}

/// One grouped page: `docs` (consecutive in id order) as articles, each
/// with its anchor ([`group_anchor`]). `n` is the page's 0-based number,
/// `first` the 1-based position of its first document, `total` the count.
/// `links` finds the pages of the documents' related documents.
pub fn group_page(
    docs: &[Document],
    n: usize,
    first: usize,
    total: usize,
    archive: &ArchiveInfo,
    icon: &Icon,
    links: RelatedLinks<'_>,
) -> String {
    let path = group_path(n);
    let root = to_root(&path);
    let last = first + docs.len().saturating_sub(1);
    let title = format!("Documents {first}–{last} of {total}");
    let mut out =
        String::with_capacity(docs.iter().map(|d| 2048 + d.word_count as usize * 7).sum());
    let head = Head {
        path: &path,
        lang: &archive.lang,
        title: &title,
        description: "",
    };
    head.render(archive, icon, &mut out);
    out.push_str(&format!("<main>\n<h1>{}</h1>\n", escape(&title)));
    let nav = |out: &mut String| {
        let mut links = Vec::new();
        if n > 0 {
            links.push(format!(
                "<a href=\"{}.html\" rel=\"prev\">Previous page</a>",
                n
            ));
        }
        if last < total {
            links.push(format!(
                "<a href=\"{}.html\" rel=\"next\">Next page</a>",
                n + 2
            ));
        }
        if !links.is_empty() {
            out.push_str(&format!(
                "<nav class=\"pager\">{}</nav>\n",
                links.join(" · ")
            ));
        }
    };
    nav(&mut out);
    for doc in docs {
        let anchor = group_anchor(&doc.id);
        render_article(doc, &root, Some(&anchor), links, &mut out);
    }
    nav(&mut out);
    out.push_str("</main>\n");
    footer(archive, &root, &mut out);
    out
}

/// Highwire Press `citation_*` and Dublin Core `DC.*` meta tags of a
/// document's own page: title, authors (its speakers, else its people),
/// publisher (its source), date, type, language and the page's address.
/// A date is given as far as it is known (`2021`, `2021/10`, `2021/10/08`).
fn citation_tags(doc: &Document, archive: &ArchiveInfo, path: &str, lang: &str) -> String {
    let mut out =
        String::from("<link rel=\"schema.DC\" href=\"http://purl.org/dc/elements/1.1/\">\n");
    let mut tag = |name: &str, value: &str| {
        if !value.trim().is_empty() {
            out.push_str(&format!(
                "<meta name=\"{name}\" content=\"{}\">\n",
                escape(value.trim())
            ));
        }
    };
    tag("citation_title", &doc.title);
    tag("DC.title", &doc.title);
    let authors = if doc.speakers.is_empty() {
        &doc.people
    } else {
        &doc.speakers
    };
    for a in authors {
        tag("citation_author", a);
        tag("DC.creator", a);
    }
    let publisher = doc.source.as_deref().unwrap_or(&archive.name);
    tag("citation_publisher", publisher);
    tag("DC.publisher", publisher);
    if let Some(date) = &doc.date {
        tag("citation_publication_date", &date.replace('-', "/"));
        tag("DC.date", date);
    }
    if let Some(t) = &doc.doc_type {
        tag("DC.type", t);
    }
    tag("citation_language", lang);
    tag("DC.language", lang);
    if !archive.public_url.is_empty() {
        let url = absolute_url(&archive.public_url, path);
        tag("citation_public_url", &url);
        tag("DC.identifier", &url);
    }
    out
}

/// The `<head>` and site header of a static page.
struct Head<'a> {
    path: &'a str,
    lang: &'a str,
    title: &'a str,
    description: &'a str,
}

impl Head<'_> {
    fn render(&self, archive: &ArchiveInfo, icon: &Icon, out: &mut String) {
        let root = to_root(self.path);
        out.push_str("<!DOCTYPE html>\n");
        out.push_str(&format!("<html lang=\"{}\">\n<head>\n", escape(self.lang)));
        out.push_str("<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        out.push_str(&format!(
            "<title>{} — {}</title>\n",
            escape(self.title),
            escape(&archive.name)
        ));
        if !self.description.is_empty() {
            out.push_str(&format!(
                "<meta name=\"description\" content=\"{}\">\n",
                escape(self.description)
            ));
        }
        if !archive.public_url.is_empty() {
            out.push_str(&format!(
                "<link rel=\"canonical\" href=\"{}\">\n",
                escape(&absolute_url(&archive.public_url, self.path))
            ));
        }
        out.push_str(&icon.link(self.path));
        out.push_str(&format!(
            "<link rel=\"stylesheet\" href=\"{root}doc/page.css\">\n</head>\n<body>\n"
        ));
        out.push_str(&format!(
            "<header><a href=\"{root}\">{}</a> · <a href=\"{root}doc/\">All documents</a></header>\n",
            escape(&archive.name)
        ));
    }
}

fn footer(archive: &ArchiveInfo, reader_link: &str, out: &mut String) {
    out.push_str(&format!(
        "<footer>{} · <a href=\"{}\">Search this archive</a></footer>\n</body>\n</html>\n",
        escape(&archive.name),
        escape(reader_link)
    ));
}

/// A document as an `<article>`: its title (`<h1>` on its own page, `<h2>`
/// under a grouped page's heading), metadata, provenance, a link into the
/// reader, its blocks and its related documents. `anchor` (grouped pages)
/// is the article's id and prefixes its blocks' ids.
fn render_article(
    doc: &Document,
    root: &str,
    anchor: Option<&str>,
    links: RelatedLinks<'_>,
    out: &mut String,
) {
    let reader_link = format!("{root}#doc={}", form_encode(&doc.id));
    match anchor {
        Some(a) => out.push_str(&format!("<article id=\"{}\">\n", escape(a))),
        None => out.push_str("<article>\n"),
    }
    // The reader's own header: the date as it prints it ("8 Oct 2021",
    // machine-readable in `datetime`), the labels it uses; a link into the
    // reader where it has its cite button.
    out.push_str(&view::ssr::render_html(doc_header(&DocHeaderProps {
        doc,
        title: None,
        level: if anchor.is_some() { 2 } else { 1 },
        title_id: None,
        reader_link: Some(reader_link.into()),
        children: Default::default(),
    })));
    out.push('\n');
    // The reader's own body markup, without its highlights, ¶ links and
    // speaker buttons; on a grouped page the ids are the article's and its
    // headings sit under its <h2>.
    let (id_prefix, top_heading) = match anchor {
        Some(a) => (format!("{a}-p-"), 3),
        None => ("p-".to_owned(), 2),
    };
    out.push_str(&view::ssr::render_html(document_body(&BodyProps {
        doc,
        id_prefix: id_prefix.into(),
        top_heading,
        highlights: Vec::new(),
        first_hit: 0,
        current_hit: None,
        target: None,
        permalink: None,
        on_speaker: None,
    })));
    out.push('\n');
    related::render(&doc.related, root, anchor, links, out);
    out.push_str("</article>\n");
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

#[cfg(test)]
mod tests;
