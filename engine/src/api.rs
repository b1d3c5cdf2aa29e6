//! The engine's public contract, shared by build-index (native) and the
//! reader (wasm32). The engine does no I/O: a [`crate::Searcher`] asks a
//! [`crate::ChunkSource`] (files on disk, HTTP, data inlined in the page)
//! for the bytes it needs.
//!
//! Loading protocol (what the searcher does on each query):
//! 1. `IndexReader::open(manifest, docmeta_bytes)` once at start-up.
//! 2. `reader.missing_term_chunks(&q)` names the chunks ([`crate::ChunkId`])
//!    the query needs; fetch them, `reader.add_chunk(id, bytes)`, and ask
//!    again until the list is empty (at most three rounds: dictionary
//!    chunks of the words, the rest of a letter's dictionary for misspelled
//!    words, then the postings chunks of the terms the query expanded to,
//!    guesses capped at `MAX_GUESS_CHUNKS`).
//! 3. `reader.search(&q, &request)` → ranked hits + facet counts (needs only
//!    the manifest, docmeta and the term chunks; a chunk not loaded is an
//!    error).
//! 4. `reader.missing_doc_chunks(&hit_docs)` → fetch, `add_chunk`, then
//!    `reader.document(doc)` and `reader.snippet(doc, &hit.matched, ...)`.

use crate::FacetMap;
use serde::{Deserialize, Serialize};

/// Internal document number: position in the id-sorted document list.
pub type DocNum = u32;

/// Filters, sort and paging that come from the UI (facet checkboxes, year
/// range, sort menu) rather than from the typed query text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchRequest {
    /// facet name → selected values (OR within a facet, AND across facets).
    pub filters: FacetMap<Vec<String>>,
    /// Inclusive ISO date bounds (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub date_from: Option<String>,
    pub date_to: Option<String>,
    pub sort: Sort,
    /// Number of hits to return (0 = all).
    pub limit: usize,
    /// Attach a score breakdown to every returned hit (`build-index query
    /// --explain`); costs a second pass over the hits' postings. Only with
    /// the engine's `explain` feature: without it, this is ignored.
    #[serde(default)]
    pub explain: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Relevance for a non-empty query; newest first for an empty one.
    #[default]
    Relevance,
    Newest,
    Oldest,
}

impl Sort {
    /// The name used in URLs and menus (the same as its serde name).
    pub fn name(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
        }
    }

    /// The sort a name stands for; anything else is the default, relevance.
    pub fn from_name(name: &str) -> Sort {
        match name {
            "newest" => Sort::Newest,
            "oldest" => Sort::Oldest,
            _ => Sort::Relevance,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub doc: DocNum,
    pub score: f32,
    /// Index terms that matched (after stemming / folding / typo expansion),
    /// for highlighting: pass to `IndexReader::snippet` / `highlights`.
    pub matched: Vec<String>,
    /// The score broken down by word, expansion and field, when the
    /// request asked for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explain: Option<crate::Explanation>,
}

/// Something the results should tell the reader about how the query was
/// read (see `SearchResults::notes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SearchNote {
    /// Only the first `chars` characters or `words` words were searched.
    Shortened { chars: usize, words: usize },
    /// A word longer than `bytes` bytes (the longest term the index keeps)
    /// was left out.
    LongWordLeftOut { bytes: usize },
    /// No document has every word: the results have some of them.
    SomeWordsOnly,
    /// `all` documents have every word; documents with some of them follow.
    SomeWordsFollow { all: usize },
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// Total number of matching documents.
    pub total: usize,
    pub hits: Vec<Hit>,
    /// facet name → (value, count), sorted by count desc then value;
    /// disjunctive counts (see FORMAT.md / ARCHITECTURE.md).
    pub facets: FacetMap<Vec<(String, u32)>>,
    /// What the results should say about how the query was read, in the
    /// order to show them; the wording is the caller's.
    pub notes: Vec<SearchNote>,
    /// Closest spelling from the term dictionary when nothing matched.
    pub suggestion: Option<String>,
}

/// A highlight: byte range in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snippet {
    /// Passage text (may start/end with "…").
    pub text: String,
    /// Highlight byte ranges into `text`.
    pub highlights: Vec<Range>,
    /// Index of the block the passage comes from (paragraph permalinks).
    pub block: usize,
}

/// Match ranges for the reading view: (block index, byte ranges in that block's text),
/// plus ranges in the title.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocHighlights {
    pub title: Vec<Range>,
    pub blocks: Vec<(usize, Vec<Range>)>,
}

/// The months in English, January first: dates as cards, citations and
/// pages print them, and words that never start a person's name.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `v` with `places` decimals ("2.500", "-0.25"), by integer arithmetic:
/// Rust's float printing would put its tables and algorithms into the
/// reader's wasm for a few numbers in exports and explanations.
pub fn fixed(v: f64, places: u32) -> String {
    if !v.is_finite() {
        return "0".to_owned();
    }
    let scale = 10i64.pow(places.min(9));
    let n = (v * scale as f64).round() as i64;
    let sign = if n < 0 { "-" } else { "" };
    let (whole, frac) = (
        n.unsigned_abs() / scale as u64,
        n.unsigned_abs() % scale as u64,
    );
    if places == 0 {
        format!("{sign}{whole}")
    } else {
        format!(
            "{sign}{whole}.{frac:0width$}",
            width = places.min(9) as usize
        )
    }
}

/// Site-relative path of a document's static page (build-index writes it;
/// the reader links to it when the index cannot be used). Ids are slugs
/// already; anything outside `[a-z0-9-]` in a segment is hex-escaped so no
/// id can escape `doc/` or collide with another after mapping.
pub fn static_page_path(id: &str) -> String {
    let segments: Vec<String> = id
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|seg| {
            let mut out = String::with_capacity(seg.len());
            for b in seg.bytes() {
                match b {
                    b'a'..=b'z' | b'0'..=b'9' | b'-' => out.push(b as char),
                    _ => {
                        const HEX: &[u8; 16] = b"0123456789abcdef";
                        out.push('_');
                        out.push(HEX[usize::from(b >> 4)] as char);
                        out.push(HEX[usize::from(b & 15)] as char);
                    }
                }
            }
            out
        })
        .collect();
    let joined = if segments.is_empty() {
        "_".to_owned()
    } else {
        segments.join("/")
    };
    format!("doc/{joined}.html")
}

#[cfg(test)]
mod tests {
    use super::Sort;

    #[test]
    fn fixed_prints_decimals_without_float_formatting() {
        use super::fixed;
        assert_eq!(fixed(2.5, 3), "2.500");
        assert_eq!(fixed(-0.25, 2), "-0.25");
        assert_eq!(fixed(-0.001, 2), "0.00");
        assert_eq!(fixed(12.3456, 2), "12.35");
        assert_eq!(fixed(7.0, 0), "7");
        assert_eq!(fixed(f64::NAN, 2), "0");
        for v in [0.0f64, 1.0, 2.25, 1234.5678, -9.99] {
            assert_eq!(fixed(v, 3), format!("{v:.3}"));
        }
    }

    #[test]
    fn sort_names_round_trip_and_match_serde() {
        for sort in [Sort::Relevance, Sort::Newest, Sort::Oldest] {
            assert_eq!(Sort::from_name(sort.name()), sort);
            assert_eq!(
                serde_json::to_string(&sort).unwrap(),
                format!("\"{}\"", sort.name())
            );
        }
        assert_eq!(Sort::from_name("sideways"), Sort::Relevance);
    }
}
