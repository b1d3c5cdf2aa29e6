//! The list of every document (paged), the sitemap and robots.txt.

use super::*;

/// What the list of documents and the sitemap need of a document, kept
/// after its page is written so the document itself can be dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListEntry {
    pub id: String,
    pub title: String,
    pub date: Option<String>,
    pub source: Option<String>,
    /// Site-relative URL of its static page (with `#anchor` on a grouped
    /// page); `None` when documents get no pages.
    pub href: Option<String>,
}

impl ListEntry {
    pub fn new(d: &Document, href: Option<String>) -> Self {
        ListEntry {
            id: d.id.clone(),
            title: d.title.clone(),
            date: d.date.clone(),
            source: d.source.clone(),
            href,
        }
    }
}

/// Entries per page of the list of documents: a 100,000-document list on
/// one page was 5 MB of HTML (a million, 180 MB: over every static host's
/// file size limit).
pub const LIST_PAGE_SIZE: usize = 1000;

/// Site-relative path of page `n` (1-based) of the list of documents.
pub fn list_path(n: usize) -> String {
    if n <= 1 {
        "doc/index.html".to_owned()
    } else {
        format!("doc/_list/{n}.html")
    }
}

/// The list of documents, newest first, [`LIST_PAGE_SIZE`] to a page:
/// `doc/index.html`, then `doc/_list/2.html`, …; each page is handed to
/// `emit(path, html)` as it is made.
pub fn document_list<E>(
    docs: &[ListEntry],
    archive: &ArchiveInfo,
    icon: &Icon,
    mut emit: impl FnMut(&str, &str) -> Result<(), E>,
) -> Result<(), E> {
    let mut sorted: Vec<&ListEntry> = docs.iter().collect();
    // Newest first, undated last; ids break ties so the order is stable.
    sorted.sort_by(|a, b| match (&a.date, &b.date) {
        (Some(x), Some(y)) => y.cmp(x).then_with(|| a.id.cmp(&b.id)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.id.cmp(&b.id),
    });
    let pages = sorted.len().div_ceil(LIST_PAGE_SIZE).max(1);
    for n in 1..=pages {
        let path = list_path(n);
        let root = to_root(&path);
        let from = (n - 1) * LIST_PAGE_SIZE;
        let entries = &sorted[from.min(sorted.len())..(n * LIST_PAGE_SIZE).min(sorted.len())];
        // Links from this page to another list page.
        let link = |k: usize| {
            let target = list_path(k);
            format!("{root}{target}")
        };
        let mut nav = Vec::new();
        if n > 1 {
            nav.push(format!(
                "<a href=\"{}\" rel=\"prev\">Newer</a>",
                link(n - 1)
            ));
        }
        if n < pages {
            nav.push(format!(
                "<a href=\"{}\" rel=\"next\">Older</a>",
                link(n + 1)
            ));
        }
        let nav = if pages > 1 {
            format!(
                "<nav class=\"pager\" aria-label=\"Pages of the list\">Page {n} of {pages}{}{}</nav>\n",
                if nav.is_empty() { "" } else { " · " },
                nav.join(" · ")
            )
        } else {
            String::new()
        };
        let mut out = format!(
            "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>All documents{page} — {name}</title>\n{icon}<link rel=\"stylesheet\" href=\"{root}doc/page.css\">\n</head>\n<body>\n\
             <header><a href=\"{root}\">{name}</a></header>\n<main>\n<h1>All documents</h1>\n<p>{count} documents. \
             <a href=\"{root}\">Search them</a>.</p>\n{nav}<ul class=\"docs\">\n",
            lang = escape(&archive.lang),
            name = escape(&archive.name),
            count = docs.len(),
            icon = icon.link(&path),
            page = if n > 1 { format!(", page {n}") } else { String::new() },
        );
        for doc in entries {
            let meta: Vec<String> = [doc.date.clone(), doc.source.clone()]
                .into_iter()
                .flatten()
                .map(|v| escape(&v))
                .collect();
            let title = match &doc.href {
                Some(href) => format!(
                    "<a href=\"{root}{}\">{}</a>",
                    escape(href),
                    escape(&doc.title)
                ),
                // No static pages: the reader is where the document is read.
                None => format!(
                    "<a href=\"{root}#doc={}\">{}</a>",
                    form_encode(&doc.id),
                    escape(&doc.title)
                ),
            };
            out.push_str(&format!(
                "<li>{title}{}</li>\n",
                if meta.is_empty() {
                    String::new()
                } else {
                    format!(" <span class=\"meta\">{}</span>", meta.join(" · "))
                }
            ));
        }
        out.push_str(&format!("</ul>\n{nav}</main>\n</body>\n</html>\n"));
        emit(&path, &out)?;
    }
    Ok(())
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
    // A grouped page is listed once, dated by its newest document.
    let mut pages: std::collections::BTreeMap<&str, Option<&str>> = Default::default();
    for d in docs {
        let Some(href) = &d.href else { continue };
        let path = href.split('#').next().unwrap_or(href);
        let date = d.date.as_deref().filter(|d| d.len() == 10);
        let newest = pages.entry(path).or_insert(date);
        if date > *newest {
            *newest = date;
        }
    }
    for (path, date) in pages {
        push(absolute_url(&archive.public_url, path), date);
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
