//! # view
//!
//! How documents are presented, shared by the reader (`src/`) and the pages
//! build-index writes (`build-index/src/publish/site/`): the one definition
//! of each piece of page markup (the shell, result cards, the toolbar, a
//! document's header and body) as Yew markup functions, the first page of
//! results written into `index.html`, and the formatting of a card's date
//! and speakers. The reader calls the functions inside its components;
//! build-index renders them with Yew's server renderer (`ssr`, feature
//! `ssr`). They are functions, not components, because every Yew component
//! adds its own copy of the component machinery to the reader's wasm. The
//! engine answers queries; what a page prints is decided here, once.

pub mod card;
pub mod classes;
pub mod doc_header;
pub mod document_body;
pub mod highlight;
pub mod shell;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod toolbar;

pub use card::{marked, result_card, Card, CardProps};
pub use classes::with_classes;
pub use doc_header::{doc_header, DocHeaderProps};
pub use document_body::{document_body, numbered_hits, BodyProps};
pub use shell::{
    search_field, site_header, Combobox, SearchFieldProps, SiteHeaderProps, DEFAULT_NAME,
};
pub use toolbar::{
    download_buttons, filters_toggle, results_toolbar, shown_sort, sort_menu, DownloadButtonsProps,
    FiltersToggleProps, ResultsToolbarProps, SortMenuProps,
};

use engine::{DocNum, MONTH_NAMES};
use serde::{Deserialize, Serialize};

/// Longest snippet on a result card, in characters (the reader's cards and
/// the first page build-index writes into `index.html` agree on it).
pub const CARD_SNIPPET_CHARS: usize = 220;

/// The collection's first page (empty query, no filters, default sort) as
/// result cards. build-index writes it into the site's `index.html`, drawn
/// as HTML and as this JSON, so the page shows real results before the
/// reader's wasm runs and the reader need not fetch document chunks to
/// start.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirstPage {
    /// The docmeta file of the index the page was made from. A reader
    /// whose manifest names another one (an `index.html` older than the
    /// index beside it) ignores the page.
    pub docmeta: String,
    /// Documents in the collection.
    pub total: usize,
    pub cards: Vec<FirstPageCard>,
}

/// One card of the first page: what a result card shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirstPageCard {
    pub doc: DocNum,
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub speakers: Vec<String>,
    /// The lead passage (no query: nothing highlighted).
    pub snippet: String,
    /// Block the passage comes from.
    pub block: usize,
    /// Site-relative URL of its static page, when it has one (the reader
    /// links it when the index cannot load).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
}

impl FirstPage {
    /// Reads the page's JSON as `index.html` carries it (field by field,
    /// like the index's JSON: `engine::json`).
    pub fn from_json(bytes: &[u8]) -> Result<FirstPage, String> {
        let value = engine::json::parse(bytes)?;
        let f = engine::json::object(&value, "first page")?;
        Ok(FirstPage {
            docmeta: f.str("docmeta")?,
            total: f.u64("total")? as usize,
            cards: engine::json::array_of(
                f.need("cards")?,
                "first page card",
                FirstPageCard::read,
            )?,
        })
    }
}

impl FirstPageCard {
    /// Set one by one: see `engine::model::Document::read`.
    #[allow(clippy::field_reassign_with_default)]
    fn read(c: &engine::json::Fields<'_>) -> Result<FirstPageCard, String> {
        let mut card = FirstPageCard::default();
        card.doc = c.u32("doc")?;
        card.id = c.str("id")?;
        card.title = c.str("title")?;
        card.doc_type = c.opt_str("doc_type")?;
        card.source = c.opt_str("source")?;
        card.date = c.opt_str("date")?;
        card.speakers = c.strings("speakers", true)?;
        card.snippet = c.str("snippet")?;
        card.block = c.u64("block")? as usize;
        card.page = c.opt_str("page")?;
        Ok(card)
    }
}

/// An ISO date as a card shows it: "8 Oct 2021", "Oct 2021", "2021".
pub fn display_date(date: &str) -> String {
    let mut parts = date.splitn(3, '-');
    let year = parts.next().unwrap_or_default();
    let month = parts
        .next()
        .and_then(|m| m.parse::<usize>().ok())
        .and_then(|m| MONTH_NAMES.get(m.wrapping_sub(1)))
        .map(|m| &m[..3]);
    let day = parts
        .next()
        .and_then(|d| d.get(..2))
        .and_then(|d| d.parse::<u32>().ok());
    match (month, day) {
        (Some(m), Some(d)) => format!("{d} {m} {year}"),
        (Some(m), None) => format!("{m} {year}"),
        _ => date.to_string(),
    }
}

/// Speakers a result card names before "+N more".
pub const CARD_MAX_SPEAKERS: usize = 4;

/// A card's speaker line: "A, B, C, D +2 more" (empty without speakers).
pub fn card_speakers(speakers: &[String]) -> String {
    let shown = speakers
        .iter()
        .take(CARD_MAX_SPEAKERS)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    match speakers.len().saturating_sub(CARD_MAX_SPEAKERS) {
        0 => shown,
        more => format!("{shown} +{more} more"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_cards_print_them() {
        assert_eq!(display_date("2021-10-08"), "8 Oct 2021");
        assert_eq!(display_date("2021-10"), "Oct 2021");
        assert_eq!(display_date("2021"), "2021");
        assert_eq!(display_date("2021-13-01"), "2021-13-01");
    }

    #[test]
    fn speakers_past_four_are_counted() {
        let s: Vec<String> = (1..=6).map(|i| format!("S{i}")).collect();
        assert_eq!(card_speakers(&s), "S1, S2, S3, S4 +2 more");
        assert_eq!(card_speakers(&s[..2]), "S1, S2");
        assert_eq!(card_speakers(&[]), "");
    }

    #[test]
    fn the_first_page_reads_back_what_build_index_writes() {
        let card = FirstPageCard {
            doc: 7,
            id: "f/t".into(),
            title: "T".into(),
            doc_type: Some("interview".into()),
            source: Some("S".into()),
            date: Some("2021-10-08".into()),
            speakers: vec!["A".into(), "B".into()],
            snippet: "lead".into(),
            block: 2,
            page: Some("doc/f-t.html".into()),
        };
        let bare = FirstPageCard {
            doc: 0,
            id: "a".into(),
            title: "b".into(),
            ..Default::default()
        };
        let page = FirstPage {
            docmeta: "docmeta-0123abcd4567.bin".into(),
            total: 120_000,
            cards: vec![card, bare],
        };
        let json = serde_json::to_vec(&page).unwrap();
        assert_eq!(FirstPage::from_json(&json).unwrap(), page);
        assert_eq!(serde_json::from_slice::<FirstPage>(&json).unwrap(), page);
        assert!(FirstPage::from_json(br#"{"docmeta":"d","total":1}"#).is_err());
        assert!(
            FirstPage::from_json(br#"{"docmeta":"d","total":1,"cards":[{"doc":-1}]}"#).is_err()
        );
    }
}
