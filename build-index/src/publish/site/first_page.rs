//! The collection's first page, written into the site's `index.html`: the
//! result cards a visitor sees with no query, drawn as static HTML (so the
//! page shows real content before the reader's wasm arrives) and carried as
//! JSON (so the reader starts without fetching document chunks). Made by
//! the engine's own search over the index just written, so it is the page
//! the reader itself would show.
//!
//! The HTML is the reader's own first render, by Yew's server renderer
//! (`archive_reader::render_start_page`): the reader hydrates it, adopting
//! its nodes rather than drawing the page again.

use std::fs;
use std::path::Path;

use engine::{block_on, Query, ReadySource, SearchRequest, Searcher};
use view::{FirstPage, FirstPageCard, CARD_SNIPPET_CHARS};

use super::SiteError;

/// The first page of the index in `index_dir`: `page_size` cards of the
/// empty query, newest first.
pub fn first_page(index_dir: &Path, page_size: usize) -> Result<FirstPage, SiteError> {
    let folder = ReadySource(|name: &str| {
        let path = index_dir.join(name);
        fs::read(&path).map_err(|source| SiteError::Io { path, source })
    });
    let searcher = block_on(Searcher::open(folder))?;
    let request = SearchRequest {
        limit: page_size,
        ..SearchRequest::default()
    };
    let results = block_on(searcher.search_with_docs(&Query::parse(""), &request))?;
    let docs: Vec<_> = results.hits.iter().map(|h| h.doc).collect();
    let reader = searcher.reader();
    let docmeta_name = reader.manifest().docmeta.clone();
    let cards = docs
        .iter()
        .filter_map(|&doc| {
            let d = reader.document(doc)?;
            let snippet = reader.snippet(doc, &[], CARD_SNIPPET_CHARS);
            Some(FirstPageCard {
                doc,
                id: d.id.clone(),
                title: d.title.clone(),
                doc_type: d.doc_type.clone(),
                source: d.source.clone(),
                date: d.date.clone(),
                speakers: d.speakers.clone(),
                snippet: snippet.text,
                block: snippet.block,
                page: None,
            })
        })
        .collect();
    Ok(FirstPage {
        docmeta: docmeta_name,
        total: results.total,
        cards,
    })
}

/// Draws the reader's `index.html` before the reader runs: `#app` gets the
/// reader's first render (the header with the archive's `name` and, when
/// the site has one, the link to its one-file `download`; the first page's
/// cards before the loading panel: CSS shows one of the two, see
/// styles/app.css `.first-page`), and the JSON goes before `</body>`.
/// `None` for a page without those places.
pub fn insert(
    page: &str,
    first: &FirstPage,
    name: &str,
    download: Option<&str>,
) -> Result<Option<String>, SiteError> {
    let script = format!(
        "<script type=\"application/json\" id=\"first-page\">{}</script>\n",
        script_json(first)
    );
    super::rewrite::insert_first_page(page, &render(first, name, download), &script)
}

/// The page as JSON safe inside `<script>`: corpus text can hold `</script>`
/// or `<!--`, so every `<` is written as its escape (still the same JSON).
fn script_json(first: &FirstPage) -> String {
    serde_json::to_string(first)
        .expect("a FirstPage always serializes")
        .replace('<', "\\u003c")
}

/// The reader's first render with the first page, by Yew's server renderer.
fn render(first: &FirstPage, name: &str, download: Option<&str>) -> String {
    let name = Some(name.trim())
        .filter(|n| !n.is_empty())
        .unwrap_or(view::DEFAULT_NAME);
    reader::render_start_page(first.clone(), name, download)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> FirstPage {
        FirstPage {
            docmeta: "docmeta-0123456789ab.bin".into(),
            total: 3,
            cards: vec![FirstPageCard {
                doc: 2,
                id: "a/b c".into(),
                title: "Hostile </script><!-- title".into(),
                doc_type: Some("interview".into()),
                source: None,
                date: Some("2021-10-08".into()),
                speakers: (1..=6).map(|i| format!("S{i}")).collect(),
                snippet: "<b>not markup</b> & more".into(),
                block: 1,
                page: None,
            }],
        }
    }

    const SHELL: &str = "<html><body><div id=\"app\"></div></body></html>";

    #[test]
    fn corpus_text_is_escaped_in_the_cards_and_the_json() {
        let out = insert(SHELL, &page(), "Floods & <Rivers>", None)
            .unwrap()
            .unwrap();
        assert!(!out.contains("<b>not markup"), "{out}");
        assert!(out.contains("&lt;b&gt;not markup&lt;/b&gt; &amp; more"));
        // The only `</script>` is the JSON block's own end.
        assert_eq!(out.matches("</script>").count(), 1, "{out}");
        // The only comments are the marks by which the reader adopts the
        // nodes (Yew's hydration), not the title's `<!--`.
        for (at, _) in out.match_indices("<!--") {
            let mark = &out[at + 4..];
            assert!(mark.starts_with("<[") || mark.starts_with("</["), "{out}");
        }
        let json = out
            .split("id=\"first-page\">")
            .nth(1)
            .and_then(|s| s.split("</script>").next())
            .unwrap();
        let back: FirstPage = serde_json::from_str(json).unwrap();
        assert_eq!(back, page());
    }

    #[test]
    fn cards_go_before_the_loading_panel_and_link_to_their_document() {
        let out = insert(SHELL, &page(), "Floods & <Rivers>", None)
            .unwrap()
            .unwrap();
        let cards = out.find("first-page\"").unwrap();
        assert!(cards < out.find("class=\"loading\"").unwrap());
        assert!(out.contains("href=\"#doc=a%2Fb+c\""));
        assert!(out.contains("<time datetime=\"2021-10-08\">8 Oct 2021</time>"));
        assert!(out.contains("S1, S2, S3, S4 +2 more"));
        assert!(out.contains("All 3 documents"));
        assert!(out.contains("Show more (1 of 3 shown)"));
        // The header names the archive, escaped; the search field is there
        // for typing before the reader runs.
        assert!(out.contains(">Floods &amp; &lt;Rivers&gt;</a>"), "{out}");
        assert!(out.contains("id=\"search\" type=\"search\""), "{out}");
    }

    #[test]
    fn the_archive_names_the_page() {
        let page_html = "<head><title>Document archive</title>\n<meta name=\"description\" content=\"Generic.\"></head>";
        let archive = engine::ArchiveInfo {
            name: "Floods & <Rivers>".into(),
            description: "Reports \"from\" the valley.".into(),
            ..engine::ArchiveInfo::default()
        };
        let out = super::super::rewrite::name_page(page_html, &archive).unwrap();
        assert!(
            out.contains("<title>Floods &amp; &lt;Rivers&gt;</title>"),
            "{out}"
        );
        assert!(
            out.contains("content=\"Reports &quot;from&quot; the valley.\""),
            "{out}"
        );
        // Nothing set: the generic page stays.
        assert_eq!(
            super::super::rewrite::name_page(page_html, &engine::ArchiveInfo::default()).unwrap(),
            page_html
        );
    }

    #[test]
    fn a_page_written_before_gets_the_new_first_page_only() {
        let once = insert(SHELL, &page(), "A", None).unwrap().unwrap();
        let mut other = page();
        other.total = 7;
        let twice = insert(&once, &other, "B", None).unwrap().unwrap();
        assert_eq!(twice.matches("id=\"first-page\"").count(), 1, "{twice}");
        assert!(twice.contains("\"total\":7"), "{twice}");
        assert!(twice.contains("All 7 documents") && !twice.contains("All 3 documents"));
    }

    #[test]
    fn a_page_without_the_shell_is_left_alone() {
        let page_html = "<html><body><main></main></body></html>";
        assert_eq!(insert(page_html, &page(), "", None).unwrap(), None);
    }
}
