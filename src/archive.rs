//! The loaded archive: the engine's `IndexReader` plus the data source it
//! fills itself from. Follows the engine's loading protocol (engine/src/api.rs):
//! fetch what a query needs, hand the bytes over, then search.

use std::rc::Rc;

use engine::{
    ArchiveInfo, DocHighlights, DocNum, Document, Facet, FacetMap, FormatError, IndexReader, Query,
    SearchRequest, Searcher,
};
use view::{FirstPageCard, CARD_SNIPPET_CHARS};

use engine::snippet::highlight_ranges;

use crate::api::{DataSource, LoadError, Progress};
use crate::export::ResultRow;
use crate::state::{SearchKey, ViewState};

mod warm_up;

/// An index of at most this many chunk files is loaded whole once the
/// first results show, so no keystroke waits on the network. (A bigger one
/// loads what each query needs, as it needs it.)
const WARM_UP_MAX_FILES: usize = 48;

/// Documents of a small index tokenized ahead of the first keystroke.
const WARM_UP_MAX_TOKENIZED: u32 = 24;

/// Requests the warm-up starts in one task.
const WARM_UP_STARTS_PER_TASK: usize = 4;

/// Widest year axis drawn year by year.
const MAX_AXIS_YEARS: i32 = 120;

/// `q` narrowed to documents whose `facet` has the words of `value`: a
/// field clause added to the query (quotes in the value would end it).
pub fn with_field_clause(q: &str, facet: Facet, value: &str) -> String {
    format!("{} {facet}:\"{}\"", q.trim(), value.replace('"', " "))
        .trim()
        .to_string()
}

/// The facets "who appears with whom" counts, and how many of each it shows.
pub const APPEARS_WITH: [Facet; 3] = [Facet::Person, Facet::Speaker, Facet::Place];
const APPEARS_WITH_SHOWN: usize = 10;

pub struct Archive {
    /// The engine's reader and the page's source of index files.
    searcher: Searcher<DataSource>,
    /// The cards of the collection's first page, from index.html (made by
    /// build-index for this very index): browsing starts without fetching
    /// a document chunk. A page of cards, searched in order.
    first_page: Vec<FirstPageCard>,
    pub info: ArchiveInfo,
    /// Every year with a dated document, ascending: the year chart's axis,
    /// which stays put while filters change the counts.
    pub years: Vec<i32>,
}

/// A shared archive as a component prop: equal when it is the same archive.
#[derive(Clone)]
pub struct ArchiveHandle(pub Rc<Archive>);

impl PartialEq for ArchiveHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for ArchiveHandle {
    type Target = Archive;
    fn deref(&self) -> &Archive {
        &self.0
    }
}

/// One result card (the view crate draws it).
pub use view::Card;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResultsView {
    pub key: SearchKey,
    pub total: usize,
    pub cards: Vec<Card>,
    pub facets: FacetMap<Vec<(String, u32)>>,
    pub notes: Vec<engine::SearchNote>,
    pub suggestion: Option<String>,
}

impl ResultsView {
    /// index.html's first page as the results of the plain address.
    pub fn first_page(page: &view::FirstPage) -> ResultsView {
        ResultsView {
            total: page.total,
            cards: page.cards.iter().map(Card::from).collect(),
            ..ResultsView::default()
        }
    }
}

/// A neighbour in the result list, for next/previous links.
#[derive(Clone, Debug, PartialEq)]
pub struct Neighbour {
    pub id: String,
    pub title: String,
}

#[derive(Clone, Debug)]
pub struct DocView {
    pub doc: Rc<Document>,
    pub highlights: DocHighlights,
    pub prev: Option<Neighbour>,
    pub next: Option<Neighbour>,
    /// 1-based position in the result list and its length.
    pub position: Option<(usize, usize)>,
}

/// A loaded document is never changed, only replaced: the same one is the
/// same `Rc`. (Comparing documents field by field, for component props,
/// cost the wasm 2 KB of comparison code.)
impl PartialEq for DocView {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.doc, &other.doc)
            && self.highlights == other.highlights
            && self.prev == other.prev
            && self.next == other.next
            && self.position == other.position
    }
}

impl Archive {
    /// Fetches the manifest and the start-up file; `progress` follows the
    /// larger download.
    pub async fn load(progress: Progress) -> Result<Archive, LoadError> {
        let source = DataSource::detect()?;
        let manifest_bytes = source.fetch("manifest.json", None).await?;
        let manifest = IndexReader::parse_manifest(&manifest_bytes)?;
        let docmeta = source
            .fetch(&manifest.docmeta.clone(), Some(progress))
            .await?;
        // A page older than the index beside it (a cached index.html after
        // a new build) names another docmeta file: its cards are not used.
        let first_page = crate::first_page()
            .filter(|p| p.docmeta == manifest.docmeta)
            .map(|p| p.cards.clone())
            .unwrap_or_default();
        let reader = IndexReader::open(manifest, &docmeta)?;
        let info = reader.manifest().archive.clone();
        let archive = Archive {
            searcher: Searcher::with_reader(source, reader),
            first_page,
            info,
            years: Vec::new(),
        };
        let all = archive.raw_search(&SearchKey::default(), 1).await?;
        let mut years: Vec<i32> = all
            .facets
            .get(&Facet::Year)
            .map(|v| v.iter().filter_map(|(y, _)| y.parse().ok()).collect())
            .unwrap_or_default();
        engine::sorting::sort(&mut years);
        // A continuous axis shows gaps as gaps; a corpus spanning centuries
        // keeps only its populated years so bars stay wide enough to click.
        if let (Some(&lo), Some(&hi)) = (years.first(), years.last()) {
            if hi - lo < MAX_AXIS_YEARS {
                years = (lo..=hi).collect();
            }
        }
        Ok(Archive { years, ..archive })
    }

    /// Document `doc`, which the caller has just ensured is loaded; an
    /// error naming its chunk if it is not there after all.
    fn loaded_doc(reader: &IndexReader, doc: DocNum) -> Result<&Document, LoadError> {
        reader.document(doc).ok_or_else(|| {
            let file = reader
                .missing_doc_chunks(&[doc])
                .first()
                .and_then(|id| id.file(reader.manifest()))
                .unwrap_or("a document chunk")
                .to_string();
            LoadError::Format(FormatError::NotLoaded { file })
        })
    }

    fn request(key: &SearchKey, limit: usize) -> SearchRequest {
        SearchRequest {
            filters: key.filters.clone(),
            date_from: key.from.clone(),
            date_to: key.to.clone(),
            sort: key.sort,
            limit,
            explain: false,
        }
    }

    async fn raw_search(
        &self,
        key: &SearchKey,
        limit: usize,
    ) -> Result<engine::SearchResults, LoadError> {
        let q = Query::parse(&key.q);
        self.searcher.search(&q, &Self::request(key, limit)).await
    }

    /// Who appears with `value` of `facet` across the results of `key`:
    /// the people, places and speakers of the results that have that value,
    /// with counts, the value itself left out. The value is both the
    /// facet's only filter (exact, for the other facets' counts) and a
    /// field clause of the query (so its own facet is counted within it
    /// too: a facet's counts ignore its own filters).
    pub async fn appears_with(
        &self,
        key: &SearchKey,
        facet: Facet,
        value: &str,
    ) -> Result<Vec<(Facet, Vec<(String, u32)>)>, LoadError> {
        let mut narrowed = key.clone();
        narrowed.filters.insert(facet, vec![value.to_string()]);
        narrowed.q = with_field_clause(&key.q, facet, value);
        let results = self.raw_search(&narrowed, 0).await?;
        Ok(APPEARS_WITH
            .iter()
            .filter_map(|f| {
                let values: Vec<(String, u32)> = results
                    .facets
                    .get(f)?
                    .iter()
                    .filter(|(v, n)| *n > 0 && !(*f == facet && v == value))
                    .take(APPEARS_WITH_SHOWN)
                    .cloned()
                    .collect();
                (!values.is_empty()).then_some((*f, values))
            })
            .collect())
    }

    /// The first `limit` results of a search, with their snippets: a warm
    /// keystroke (no chunk to fetch) runs search, snippets and one render
    /// in the task of its input event.
    pub async fn search(&self, key: &SearchKey, limit: usize) -> Result<ResultsView, LoadError> {
        let view = self.search_while(key, limit, &|| true).await?;
        Ok(view.unwrap_or_default())
    }

    /// [`Archive::search`] for a visitor who may move on: each round of
    /// fetches starts only while `wanted()` (the query is still the one
    /// typed), so a superseded search stops downloading. `None` when it
    /// stopped.
    pub async fn search_while(
        &self,
        key: &SearchKey,
        limit: usize,
        wanted: &dyn Fn() -> bool,
    ) -> Result<Option<ResultsView>, LoadError> {
        let q = Query::parse(&key.q);
        if !self.searcher.load_query_while(&q, wanted).await? {
            return Ok(None);
        }
        let results = self
            .searcher
            .reader()
            .search(&q, &Self::request(key, limit))?;
        if self.first_page_cards(key, &results).is_none() {
            let docs: Vec<DocNum> = results.hits.iter().map(|h| h.doc).collect();
            if !self.searcher.reader().missing_doc_chunks(&docs).is_empty() && !wanted() {
                return Ok(None);
            }
            self.searcher.load_docs(&docs).await?;
        }
        self.view(key, results).map(Some)
    }

    /// The search of [`Archive::search`] when everything it needs is
    /// already loaded; `None` when it would have to fetch a chunk. A
    /// keystroke shows these results at once and leaves the network to the
    /// moment typing pauses.
    pub fn search_loaded(
        &self,
        key: &SearchKey,
        limit: usize,
    ) -> Option<Result<ResultsView, LoadError>> {
        let q = Query::parse(&key.q);
        let results = {
            let reader = self.searcher.reader();
            let results = match reader.search(&q, &Self::request(key, limit)) {
                Ok(results) => results,
                Err(FormatError::NotLoaded { .. }) => return None,
                Err(e) => return Some(Err(e.into())),
            };
            let docs: Vec<DocNum> = results.hits.iter().map(|h| h.doc).collect();
            if self.first_page_cards(key, &results).is_none()
                && !reader.missing_doc_chunks(&docs).is_empty()
            {
                return None;
            }
            results
        };
        Some(self.view(key, results))
    }

    /// Results with their cards, every document of which is loaded.
    fn view(
        &self,
        key: &SearchKey,
        results: engine::SearchResults,
    ) -> Result<ResultsView, LoadError> {
        let view = |cards| ResultsView {
            key: key.clone(),
            total: results.total,
            cards,
            facets: results.facets.clone(),
            notes: results.notes.clone(),
            suggestion: results.suggestion.clone(),
        };
        if let Some(cards) = self.first_page_cards(key, &results) {
            return Ok(view(cards));
        }
        let reader = self.searcher.reader();
        let cards = results
            .hits
            .iter()
            .map(|hit| {
                let d = Self::loaded_doc(&reader, hit.doc)?;
                Ok(Card {
                    doc: hit.doc,
                    id: d.id.clone(),
                    title: d.title.clone(),
                    // Only the title: `highlights` would tokenize the whole body.
                    title_highlights: highlight_ranges(&d.title, &d.lang, &hit.matched),
                    doc_type: d.doc_type.clone(),
                    source: d.source.clone(),
                    date: d.date.clone(),
                    speakers: d.speakers.clone(),
                    snippet: reader.snippet(hit.doc, &hit.matched, CARD_SNIPPET_CHARS),
                    matched: hit.matched.clone(),
                })
            })
            .collect::<Result<Vec<Card>, LoadError>>()?;
        Ok(view(cards))
    }

    /// The cards of plain browsing from index.html's first page, when it
    /// holds every hit (no document chunk to fetch).
    fn first_page_cards(
        &self,
        key: &SearchKey,
        results: &engine::SearchResults,
    ) -> Option<Vec<Card>> {
        if self.first_page.is_empty() || *key != SearchKey::default() {
            return None;
        }
        results
            .hits
            .iter()
            .map(|hit| {
                let card = self.first_page.iter().find(|c| c.doc == hit.doc);
                card.map(Card::from)
            })
            .collect()
    }

    /// Every result of a search as export rows; `link` makes a document's URL.
    pub async fn export(
        &self,
        key: &SearchKey,
        link: &dyn Fn(&str) -> String,
    ) -> Result<Vec<ResultRow>, LoadError> {
        let results = self.raw_search(key, 0).await?;
        let docs: Vec<DocNum> = results.hits.iter().map(|h| h.doc).collect();
        self.searcher.load_docs(&docs).await?;
        let reader = self.searcher.reader();
        let docs = results
            .hits
            .iter()
            .map(|hit| Self::loaded_doc(&reader, hit.doc))
            .collect::<Result<Vec<&Document>, LoadError>>()?;
        let rows = docs
            .into_iter()
            .zip(&results.hits)
            .enumerate()
            .map(|(i, (d, hit))| ResultRow {
                rank: i + 1,
                id: d.id.clone(),
                title: d.title.clone(),
                date: d.date.clone(),
                doc_type: d.doc_type.clone(),
                source: d.source.clone(),
                speakers: d.speakers.clone(),
                source_file: d.source_file.clone(),
                line_start: d.line_start,
                line_end: d.line_end,
                url: link(&d.id),
                score: hit.score,
                snippet: reader
                    .snippet(hit.doc, &hit.matched, CARD_SNIPPET_CHARS)
                    .text,
            })
            .collect();
        Ok(rows)
    }

    /// The document `view.doc` with the view's query highlighted and its
    /// neighbours in the view's result list; `None` when no such id exists.
    pub async fn open(&self, view: &ViewState) -> Result<Option<DocView>, LoadError> {
        let Some(id) = view.doc.as_deref() else {
            return Ok(None);
        };
        self.searcher.load_ids().await?;
        let Some(doc) = self.searcher.reader().doc_by_id(id) else {
            return Ok(None);
        };
        let results = self.raw_search(&view.search_key(), 0).await?;
        let at = results.hits.iter().position(|h| h.doc == doc);
        let matched = at
            .map(|i| results.hits[i].matched.clone())
            .unwrap_or_default();
        let prev = at
            .and_then(|i| i.checked_sub(1))
            .map(|i| results.hits[i].doc);
        let next = at.and_then(|i| results.hits.get(i + 1)).map(|h| h.doc);
        let wanted: Vec<DocNum> = [Some(doc), prev, next].into_iter().flatten().collect();
        self.searcher.load_docs(&wanted).await?;
        let reader = self.searcher.reader();
        // The id exists, so a missing document is damage, not a rename.
        let document = Self::loaded_doc(&reader, doc)?;
        let neighbour = |d: Option<DocNum>| {
            d.and_then(|d| reader.document(d)).map(|d| Neighbour {
                id: d.id.clone(),
                title: d.title.clone(),
            })
        };
        Ok(Some(DocView {
            doc: Rc::new(document.clone()),
            highlights: reader.highlights(doc, &matched),
            prev: neighbour(prev),
            next: neighbour(next),
            position: at.map(|i| (i + 1, results.hits.len())),
        }))
    }
}
