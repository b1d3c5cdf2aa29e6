//! The "Related documents" section of a static page: links to the related
//! documents' own static pages, each with the reason it is related (the
//! reader app shows the same list, `src/components/related_list.rs`).

use super::html::{escape, form_encode};
use super::pages::{group_anchor, group_path, page_path, GROUP_SIZE};
use engine::Related;

/// A document's position in the order pages are written (which decides
/// its group on grouped pages).
pub type Positions<'a> = &'a (dyn Fn(&str) -> Option<usize> + Sync);

/// Where the static page of a related document is.
#[derive(Clone, Copy)]
pub enum RelatedLinks<'a> {
    /// One page per document.
    Pages,
    /// Grouped pages.
    Groups(Positions<'a>),
    /// No page to link to: the reader's permalink instead.
    Reader,
}

impl RelatedLinks<'_> {
    /// The site-relative address of `id`'s page (or reader permalink).
    fn href(&self, id: &str) -> String {
        let position = match self {
            RelatedLinks::Pages => return page_path(id),
            RelatedLinks::Groups(position) => position(id),
            RelatedLinks::Reader => None,
        };
        match position {
            Some(p) => format!("{}#{}", group_path(p / GROUP_SIZE), group_anchor(id)),
            None => format!("#doc={}", form_encode(id)),
        }
    }
}

/// Appends the section for `related` (nothing when it is empty). `root`
/// climbs from the page to the site root; `anchor` is the article's id on
/// a grouped page, where the heading is one level lower and its id must
/// be unique on the page.
pub fn render(
    related: &[Related],
    root: &str,
    anchor: Option<&str>,
    links: RelatedLinks<'_>,
    out: &mut String,
) {
    if related.is_empty() {
        return;
    }
    let (heading, level) = match anchor {
        Some(a) => (format!("{a}-related"), 3),
        None => ("related".to_owned(), 2),
    };
    let heading = escape(&heading);
    out.push_str(&format!(
        "<section class=\"related\" aria-labelledby=\"{heading}\">\n<h{level} id=\"{heading}\">Related documents</h{level}>\n<ul>\n"
    ));
    for r in related {
        out.push_str(&format!(
            "<li><a href=\"{}\">{}</a><br><span class=\"reason\">{}</span></li>\n",
            escape(&format!("{root}{}", links.href(&r.id))),
            escape(&r.title),
            escape(&r.reason)
        ));
    }
    out.push_str("</ul>\n</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn related() -> Vec<Related> {
        vec![Related {
            id: "002-x/secretary-blinken".into(),
            title: "Blinken <interview> & \"more\"".into(),
            reason: "Shared people: A <b>".into(),
        }]
    }

    #[test]
    fn links_go_to_the_related_documents_own_pages_escaped() {
        let mut out = String::new();
        render(&related(), "../../", None, RelatedLinks::Pages, &mut out);
        assert!(out.contains("<section class=\"related\" aria-labelledby=\"related\">"));
        assert!(out.contains("<h2 id=\"related\">Related documents</h2>"));
        assert!(out.contains("href=\"../../doc/002-x/secretary-blinken.html\""));
        assert!(out.contains("Blinken &lt;interview&gt; &amp; &quot;more&quot;"));
        assert!(out.contains("Shared people: A &lt;b&gt;"));
        assert!(!out.contains("<interview>"));
    }

    #[test]
    fn grouped_pages_link_to_the_groups_anchor_and_reader_otherwise() {
        let position = |id: &str| (id == "002-x/secretary-blinken").then_some(250);
        let mut out = String::new();
        render(
            &related(),
            "../../",
            Some("d-a.b"),
            RelatedLinks::Groups(&position),
            &mut out,
        );
        assert!(out.contains("aria-labelledby=\"d-a.b-related\""));
        assert!(out.contains("<h3 id=\"d-a.b-related\">"));
        assert!(out.contains("href=\"../../doc/_group/3.html#d-002-x.secretary-blinken\""));
        let mut out = String::new();
        render(&related(), "../", None, RelatedLinks::Reader, &mut out);
        assert!(out.contains("href=\"../#doc=002-x%2Fsecretary-blinken\""));
        let mut out = String::new();
        render(&[], "../", None, RelatedLinks::Pages, &mut out);
        assert!(out.is_empty());
    }
}
