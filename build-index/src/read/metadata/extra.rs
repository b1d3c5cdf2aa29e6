//! Which printed facts without a field of their own (`extra`) a reader is
//! shown.
//!
//! `extra` holds what the text states that the model has no field for: a
//! byline, a dateline, front-matter keys. Some of it describes the page or
//! the crawl rather than the document, and the reader would show it as if it
//! were the document's metadata. Two rules leave it out:
//!
//! 1. **It restates a field.** A value that, once its own printed label
//!    is dropped ("From title:", "Source:"), is the document's source or
//!    title, or the value's date is the document's date, says nothing new:
//!    an attribution line the source was read from is provenance, not a fact
//!    to show twice.
//! 2. **It is about the site or the crawl.** Keys that name where the page
//!    sat in the site's navigation or layout (`section`, `menu`, `layout`)
//!    or how the scraper fetched it (`hostname`, `fingerprint`,
//!    `crawled_at`): the vocabulary of static-site generators' front matter
//!    and of scrapers' records, not of any one corpus.
//!
//! The segmenter's own section label ("Press Releases: …" above a title) is
//! navigation by construction and never reaches `extra`; it only hints at
//! the type.

use super::dates::{date_line, parse_date};
use crate::read::text::fold;
use std::collections::BTreeMap;

/// Front-matter and record keys about the site's navigation and layout or
/// the crawl, compared folded with `-` and spaces as `_`.
const PAGE_KEYS: &[&str] = &[
    // Navigation and layout (Hugo, Jekyll, Eleventy, CMS exports).
    "section",
    "sections",
    "menu",
    "menus",
    "nav",
    "navigation",
    "breadcrumb",
    "breadcrumbs",
    "layout",
    "template",
    "weight",
    "draft",
    "aliases",
    "pagetype",
    "page_type",
    // The crawl (trafilatura, wget/WARC-derived records, scrapers).
    "hostname",
    "source_hostname",
    "fingerprint",
    "filedate",
    "crawled",
    "crawled_at",
    "crawl_date",
    "scraped",
    "scraped_at",
    "scrape_date",
    "fetched",
    "fetched_at",
    "retrieved",
    "retrieved_at",
    "downloaded",
    "downloaded_at",
    "accessed",
    "accessed_at",
    "warc_date",
    "warc_record_id",
    "content_length",
    "status_code",
];

/// The extras a reader is shown: see the module docs.
pub fn shown(
    extra: BTreeMap<String, String>,
    title: &str,
    source: Option<&str>,
    date: Option<&str>,
) -> BTreeMap<String, String> {
    extra
        .into_iter()
        .filter(|(k, v)| !is_page_key(k) && !restates(v, title, source, date))
        .collect()
}

fn is_page_key(key: &str) -> bool {
    let k = fold(key.trim()).replace(['-', ' '], "_");
    PAGE_KEYS.contains(&k.as_str())
}

fn restates(value: &str, title: &str, source: Option<&str>, date: Option<&str>) -> bool {
    let same = |a: &str, b: &str| {
        let (a, b) = (fold(a), fold(b));
        let words = |s: &str| {
            s.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        let (a, b) = (words(&a), words(&b));
        !a.is_empty() && a == b
    };
    let mut rest = value.trim();
    // "From title: THE WHITE HOUSE": a label or two printed before the value.
    for _ in 0..3 {
        let restated = same(rest, title)
            || source.is_some_and(|s| same(rest, s))
            || date.is_some_and(|d| {
                parse_date(rest).as_deref() == Some(d)
                    || date_line(rest).is_some_and(|(iso, _)| iso == d)
            });
        if restated {
            return true;
        }
        match rest.split_once(':') {
            Some((label, after)) if label.split_whitespace().count() <= 3 => rest = after.trim(),
            _ => break,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extra(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_value_that_restates_the_source_title_or_date_is_not_shown() {
        let e = extra(&[
            ("attribution", "From title: THE WHITE HOUSE"),
            ("via", "Source: The White House."),
            ("headline", "Floods: What Next?"),
            ("released", "Released on June 22, 2001"),
            ("byline", "By Ana Ruiz"),
            ("dateline", "MEXICO CITY"),
        ]);
        let kept = shown(
            e,
            "Floods: what next?",
            Some("The White House"),
            Some("2001-06-22"),
        );
        assert_eq!(
            kept,
            extra(&[("byline", "By Ana Ruiz"), ("dateline", "MEXICO CITY")])
        );
    }

    #[test]
    fn navigation_and_crawl_keys_are_not_shown() {
        let e = extra(&[
            ("section", "Press Releases"),
            ("Layout", "post"),
            ("source-hostname", "example.org"),
            ("crawled_at", "2024-01-02"),
            ("editor", "Jo Bloggs"),
            ("color", "blue"),
        ]);
        let kept = shown(e, "A title", None, None);
        assert_eq!(kept, extra(&[("color", "blue"), ("editor", "Jo Bloggs")]));
    }

    #[test]
    fn a_value_that_only_shares_words_with_the_source_stays() {
        let e = extra(&[(
            "attribution",
            "Reprinted from The White House Historical Association",
        )]);
        let kept = shown(e.clone(), "A title", Some("The White House"), None);
        assert_eq!(kept, e);
    }
}
