//! The loaded archive: the engine's `IndexReader` plus the data source it
//! fills itself from. Follows the engine's loading protocol (engine/src/api.rs):
//! fetch what a query needs, hand the bytes over, then search.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use engine::{
    ArchiveInfo, DocHighlights, DocNum, Document, IndexReader, Query, Range, SearchRequest, Snippet,
};

use engine::snippet::highlight_ranges;

use crate::api::{DataSource, LoadError, Pending, Progress};
use crate::export::ResultRow;
use crate::state::{SearchKey, ViewState};

/// Longest snippet on a result card, in characters.
const SNIPPET_CHARS: usize = 220;

/// Snippets remembered across searches before the memory starts over.
const SNIPPET_CACHE: usize = 2000;

/// Rounds of "what is missing?" per query; the engine needs at most two
/// (dictionary, then postings), the rest is a guard against a loop.
const MAX_FETCH_ROUNDS: usize = 4;

/// Widest year axis drawn year by year.
const MAX_AXIS_YEARS: i32 = 120;

pub struct Archive {
    source: DataSource,
    reader: RefCell<IndexReader>,
    /// Chunk files already handed to the reader (term and doc chunks, ids).
    loaded: RefCell<BTreeSet<String>>,
    /// The last snippet computed for each document, shown until the one for
    /// the current query is ready.
    snippets: RefCell<BTreeMap<DocNum, Snippet>>,
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

/// One result card, owned so components can compare props cheaply.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    pub doc: DocNum,
    pub id: String,
    pub title: String,
    pub title_highlights: Vec<Range>,
    pub doc_type: Option<String>,
    pub source: Option<String>,
    pub date: Option<String>,
    pub speakers: Vec<String>,
    pub snippet: Snippet,
    /// Index terms that matched, for the snippet.
    pub matched: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResultsView {
    pub key: SearchKey,
    pub total: usize,
    pub cards: Vec<Card>,
    pub facets: BTreeMap<String, Vec<(String, u32)>>,
    pub note: Option<String>,
    pub suggestion: Option<String>,
    /// False while the cards still show earlier (or no) snippets.
    pub snippets_ready: bool,
}

/// A neighbour in the result list, for next/previous links.
#[derive(Clone, Debug, PartialEq)]
pub struct Neighbour {
    pub id: String,
    pub title: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DocView {
    pub doc: Rc<Document>,
    pub highlights: DocHighlights,
    pub prev: Option<Neighbour>,
    pub next: Option<Neighbour>,
    /// 1-based position in the result list and its length.
    pub position: Option<(usize, usize)>,
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
        let reader = IndexReader::open(manifest, &docmeta)?;
        let info = reader.manifest().archive.clone();
        let archive = Archive {
            source,
            reader: RefCell::new(reader),
            loaded: RefCell::new(BTreeSet::new()),
            snippets: RefCell::new(BTreeMap::new()),
            info,
            years: Vec::new(),
        };
        let all = archive.raw_search(&SearchKey::default(), 1).await?;
        let mut years: Vec<i32> = all
            .facets
            .get("year")
            .map(|v| v.iter().filter_map(|(y, _)| y.parse().ok()).collect())
            .unwrap_or_default();
        years.sort_unstable();
        // A continuous axis shows gaps as gaps; a corpus spanning centuries
        // keeps only its populated years so bars stay wide enough to click.
        if let (Some(&lo), Some(&hi)) = (years.first(), years.last()) {
            if hi - lo < MAX_AXIS_YEARS {
                years = (lo..=hi).collect();
            }
        }
        Ok(Archive { years, ..archive })
    }

    /// Fetches what `q` needs: dictionary chunks first, then (knowing the
    /// expanded terms) their postings chunks; the engine says which, one
    /// round at a time.
    async fn ensure_term_chunks(&self, q: &Query) -> Result<(), LoadError> {
        for _ in 0..MAX_FETCH_ROUNDS {
            let missing = self.reader.borrow().missing_term_chunks(q);
            if missing.is_empty() {
                break;
            }
            for (name, bytes) in self.fetch_all(missing).await? {
                // Another search may have added it while this one waited.
                if self.loaded.borrow_mut().insert(name.clone()) {
                    self.reader.borrow_mut().add_term_chunk(&name, &bytes)?;
                }
            }
        }
        Ok(())
    }

    /// Fetches the files not loaded yet, all requests in flight together.
    async fn fetch_all(&self, names: Vec<String>) -> Result<Vec<(String, Vec<u8>)>, LoadError> {
        let pending: Vec<(String, Pending)> = names
            .into_iter()
            .filter(|n| !self.loaded.borrow().contains(n))
            .map(|n| {
                let p = self.source.start(&n, None);
                (n, p)
            })
            .collect();
        let mut out = Vec::with_capacity(pending.len());
        for (name, p) in pending {
            out.push((name, p.finish().await?));
        }
        Ok(out)
    }

    async fn ensure_doc_chunks(&self, docs: &[DocNum]) -> Result<(), LoadError> {
        let missing = self.reader.borrow().missing_doc_chunks(docs);
        for (name, bytes) in self.fetch_all(missing).await? {
            if self.loaded.borrow_mut().insert(name.clone()) {
                self.reader.borrow_mut().add_doc_chunk(&name, &bytes)?;
            }
        }
        Ok(())
    }

    async fn ensure_ids(&self) -> Result<(), LoadError> {
        let name = self.reader.borrow().manifest().ids.clone();
        if self.loaded.borrow().contains(&name) {
            return Ok(());
        }
        let bytes = self.source.fetch(&name, None).await?;
        if self.loaded.borrow_mut().insert(name.clone()) {
            self.reader.borrow_mut().add_ids(&bytes)?;
        }
        Ok(())
    }

    fn request(key: &SearchKey, limit: usize) -> SearchRequest {
        SearchRequest {
            filters: key.filters.clone(),
            date_from: key.from.clone(),
            date_to: key.to.clone(),
            sort: key.sort,
            limit,
        }
    }

    async fn raw_search(
        &self,
        key: &SearchKey,
        limit: usize,
    ) -> Result<engine::SearchResults, LoadError> {
        let q = Query::parse(&key.q);
        self.ensure_term_chunks(&q).await?;
        Ok(self.reader.borrow().search(&q, &Self::request(key, limit)))
    }

    /// The first `limit` results of a search, with snippets.
    pub async fn search(&self, key: &SearchKey, limit: usize) -> Result<ResultsView, LoadError> {
        let results = self.raw_search(key, limit).await?;
        let docs: Vec<DocNum> = results.hits.iter().map(|h| h.doc).collect();
        self.ensure_doc_chunks(&docs).await?;
        let reader = self.reader.borrow();
        let cards = results
            .hits
            .iter()
            .filter_map(|hit| {
                let d = reader.document(hit.doc)?;
                Some(Card {
                    doc: hit.doc,
                    id: d.id.clone(),
                    title: d.title.clone(),
                    // Only the title: `highlights` would tokenize the whole body.
                    title_highlights: highlight_ranges(&d.title, &d.lang, &hit.matched),
                    doc_type: d.doc_type.clone(),
                    source: d.source.clone(),
                    date: d.date.clone(),
                    speakers: d.speakers.clone(),
                    snippet: self
                        .snippets
                        .borrow()
                        .get(&hit.doc)
                        .cloned()
                        .unwrap_or_default(),
                    matched: hit.matched.clone(),
                })
            })
            .collect();
        Ok(ResultsView {
            key: key.clone(),
            total: results.total,
            cards,
            facets: results.facets,
            note: results.note,
            suggestion: results.suggestion,
            snippets_ready: false,
        })
    }

    /// `results` with the snippets for its query. Finding the best passage
    /// scans each document, the costliest step of a keystroke, so it runs
    /// as a separate task that a newer keystroke can pre-empt.
    pub fn with_snippets(&self, results: &ResultsView) -> ResultsView {
        let reader = self.reader.borrow();
        let mut cache = self.snippets.borrow_mut();
        if cache.len() > SNIPPET_CACHE {
            cache.clear();
        }
        let cards = results
            .cards
            .iter()
            .map(|c| {
                let snippet = reader.snippet(c.doc, &c.matched, SNIPPET_CHARS);
                cache.insert(c.doc, snippet.clone());
                Card {
                    snippet,
                    ..c.clone()
                }
            })
            .collect();
        ResultsView {
            cards,
            snippets_ready: true,
            ..results.clone()
        }
    }

    /// Every result of a search as export rows; `link` makes a document's URL.
    pub async fn export(
        &self,
        key: &SearchKey,
        link: &dyn Fn(&str) -> String,
    ) -> Result<Vec<ResultRow>, LoadError> {
        let results = self.raw_search(key, 0).await?;
        let docs: Vec<DocNum> = results.hits.iter().map(|h| h.doc).collect();
        self.ensure_doc_chunks(&docs).await?;
        let reader = self.reader.borrow();
        let rows = results
            .hits
            .iter()
            .filter_map(|hit| reader.document(hit.doc))
            .enumerate()
            .map(|(i, d)| ResultRow {
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
        self.ensure_ids().await?;
        let Some(doc) = self.reader.borrow().doc_by_id(id) else {
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
        self.ensure_doc_chunks(&wanted).await?;
        let reader = self.reader.borrow();
        let Some(document) = reader.document(doc) else {
            return Ok(None);
        };
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
