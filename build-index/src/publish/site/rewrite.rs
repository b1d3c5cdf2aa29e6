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

/// The archive's name as the page title and the header's name, and its
/// description as the page's description; what is not set stays as it is.
pub fn name_page(page: &str, archive: &engine::ArchiveInfo) -> Result<String, SiteError> {
    let name = archive.name.trim();
    let description = archive.description.trim();
    let mut handlers = Vec::new();
    if !name.is_empty() {
        handlers.push(element!("head > title", move |el| {
            el.set_inner_content(name, ContentType::Text);
            Ok(())
        }));
        handlers.push(element!("a[title=\"Show all documents\"]", move |el| {
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

/// The first page's cards (`cards`, HTML) at the start of `<main id="main">`
/// and `script` at the end of `<body>`; `None` for a page without either.
pub fn insert_first_page(
    page: &str,
    cards: &str,
    script: &str,
) -> Result<Option<String>, SiteError> {
    let (main_found, body_found) = (Cell::new(false), Cell::new(false));
    let out = rewrite(
        page,
        vec![
            element!("main#main", |el| {
                main_found.set(true);
                el.prepend(cards, ContentType::Html);
                Ok(())
            }),
            element!("body", |el| {
                body_found.set(true);
                el.append(script, ContentType::Html);
                Ok(())
            }),
        ],
    )?;
    Ok((main_found.get() && body_found.get()).then_some(out))
}

/// The service worker's and offline download's markers at the end of
/// `<head>`, and the download link after the header's placeholder.
pub fn mark_index_html(page: &str, marks: &str, link: Option<&str>) -> Result<String, SiteError> {
    let mut handlers = vec![element!("head", move |el| {
        el.append(marks, ContentType::Html);
        Ok(())
    })];
    if let Some(link) = link {
        handlers.push(element!("span.boot-placeholder", move |el| {
            el.after(link, ContentType::Html);
            Ok(())
        }));
    }
    rewrite(page, handlers)
}
