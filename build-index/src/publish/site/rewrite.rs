//! Edits to the reader's `index.html` (Trunk's output) by element, with an
//! HTML rewriter (lol_html), not by searching the page's text: what is
//! found is an element the selector names, wherever and however Trunk
//! wrote it, and what is inserted as text is escaped by the rewriter.

use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str, RewriteStrSettings};
use std::cell::Cell;

use super::SiteError;

/// `page` with `handlers` applied; a page the rewriter cannot read is an
/// error naming the file.
pub(super) fn rewrite(
    page: &str,
    handlers: Vec<(
        std::borrow::Cow<'static, lol_html::Selector>,
        lol_html::ElementContentHandlers<'_>,
    )>,
) -> Result<String, SiteError> {
    rewrite_str(
        page,
        RewriteStrSettings {
            element_content_handlers: handlers,
            ..RewriteStrSettings::new()
        },
    )
    .map_err(|e| SiteError::App {
        reason: format!("its index.html could not be rewritten: {e}"),
    })
}

/// The archive's name as the page title and its description as the page's
/// description; what is not set stays as it is. (The header's name is the
/// reader's own, rendered by `first_page::insert`.)
pub fn name_page(page: &str, archive: &engine::ArchiveInfo) -> Result<String, SiteError> {
    let name = archive.name.trim();
    let description = archive.description.trim();
    let mut handlers = Vec::new();
    if !name.is_empty() {
        // `title`, not `head > title`: a minified page may leave out the
        // optional `<head>` start tag.
        handlers.push(element!("title", move |el| {
            el.set_inner_content(name, ContentType::Text);
            Ok(())
        }));
    }
    if !description.is_empty() {
        // The rewriter escapes quotes in a value; `&` is ours to escape.
        let value = description.replace('&', "&amp;");
        handlers.push(element!("meta[name=\"description\"]", move |el| {
            el.set_attribute("content", &value)?;
            Ok(())
        }));
    }
    if handlers.is_empty() {
        return Ok(page.to_owned());
    }
    rewrite(page, handlers)
}

/// `shell` (HTML) as the content of `<div id="app">`, with the number of
/// elements in it as `data-elements` (the reader adopts those nodes only
/// when it finds as many: nothing rewrote the page on its way), and
/// `script` (the first page's JSON, `<script id="first-page">`) at the end
/// of `<body>`;
/// `None` for a page without either. A first page already there goes: the
/// app's `index.html` may be a page build-index wrote before (an existing
/// site's reader used as `--app`), and the reader reads the first one.
pub fn insert_first_page(
    page: &str,
    shell: &str,
    script: &str,
) -> Result<Option<String>, SiteError> {
    let (main_found, body_found) = (Cell::new(false), Cell::new(false));
    let out = rewrite(
        page,
        vec![
            element!("div#app", |el| {
                main_found.set(true);
                el.set_inner_content(shell, ContentType::Html);
                el.set_attribute("data-elements", &element_count(shell).to_string())?;
                Ok(())
            }),
            element!("body", |el| {
                body_found.set(true);
                el.append(script, ContentType::Html);
                Ok(())
            }),
            element!("script#first-page", |el| {
                el.remove();
                Ok(())
            }),
        ],
    )?;
    Ok((main_found.get() && body_found.get()).then_some(out))
}

/// The service worker's and offline download's markers at the end of
/// `<head>`, in place of any the page had (the app's `index.html` may be a
/// page build-index wrote before: the reader would believe its stale
/// marks). A minified page may leave out the optional `<head>` start tag:
/// the markers then go just before `<body>`, which is the end of the head
/// all the same.
pub fn mark_index_html(page: &str, marks: &str) -> Result<String, SiteError> {
    let placed = Cell::new(false);
    let placed = &placed;
    let handlers = vec![
        element!("meta[name^=\"archive-\"]", |el| {
            el.remove();
            Ok(())
        }),
        element!("head", move |el| {
            el.append(marks, ContentType::Html);
            placed.set(true);
            Ok(())
        }),
        element!("body", move |el| {
            if !placed.replace(true) {
                el.before(marks, ContentType::Html);
            }
            Ok(())
        }),
    ];
    rewrite(page, handlers)
}

/// Elements in `html` as a server renderer writes it: start tags, a `<`
/// followed by a letter (text and attribute values have theirs escaped).
fn element_count(html: &str) -> usize {
    html.as_bytes()
        .windows(2)
        .filter(|w| w[0] == b'<' && w[1].is_ascii_alphabetic())
        .count()
}

/// The reader's own loader (`boot.js`) in place of Trunk's: Trunk's inline
/// module script is replaced (the reader's `index.html` has none of its
/// own), the wasm's preload hint dropped (the loader fetches the wasm once
/// the first page has painted), and the glue and wasm named on the loader's
/// element, as `AppFiles::entry` found them in Trunk's `<link>`s.
pub fn own_loader(page: &str, entry: &super::app::Entry) -> Result<String, SiteError> {
    let script = format!(
        "<script type=\"module\" data-glue=\"./{}\" data-wasm=\"./{}\">\n{}</script>",
        super::html::escape(&entry.js),
        super::html::escape(&entry.wasm),
        include_str!("boot.js")
    );
    let replaced = Cell::new(false);
    let out = rewrite(
        page,
        vec![
            element!("link[rel~=\"preload\"][href$=\".wasm\"]", |el| {
                el.remove();
                Ok(())
            }),
            element!("script[type=\"module\"]:not([src])", |el| {
                if replaced.replace(true) {
                    el.remove();
                } else {
                    el.replace(&script, ContentType::Html);
                }
                Ok(())
            }),
        ],
    )?;
    if replaced.get() {
        return Ok(out);
    }
    // No loader of Trunk's: ours goes at the end of the body.
    rewrite(
        &out,
        vec![element!("body", |el| {
            el.append(&script, ContentType::Html);
            Ok(())
        })],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::app::tests::{sample_app, TRUNK_INDEX};
    use crate::site::app::AppFiles;

    #[test]
    fn our_loader_replaces_trunks_and_names_what_it_loads() {
        let entry = sample_app().entry().unwrap();
        let out = own_loader(TRUNK_INDEX, &entry).unwrap();
        assert!(
            !out.contains("import init"),
            "Trunk's loader is gone: {out}"
        );
        assert!(!out.contains("rel=\"preload\""), "no wasm preload: {out}");
        assert!(
            out.contains("rel=\"modulepreload\""),
            "the glue is still preloaded"
        );
        assert_eq!(out.matches("<script type=\"module\"").count(), 1, "{out}");
        assert!(out.contains(
            "data-glue=\"./archive-reader-5c4d.js\" data-wasm=\"./archive-reader-5c4d_bg.wasm\""
        ));
        assert!(out.contains(include_str!("boot.js")));
        // A site's page names the same entry points (the one-file bundle
        // reads them from it).
        let mut files = std::collections::BTreeMap::new();
        files.insert("index.html".to_owned(), out.into_bytes());
        assert_eq!(AppFiles::from_map(files).entry().unwrap(), entry);
    }

    #[test]
    fn a_page_without_trunks_loader_gets_ours_at_the_end_of_the_body() {
        let entry = sample_app().entry().unwrap();
        let out = own_loader("<html><body><p>x</p></body></html>", &entry).unwrap();
        assert!(out.ends_with("</script></body></html>"), "{out}");
    }
}
