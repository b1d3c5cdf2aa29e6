//! Benchmark harness around the engine's `Searcher`, loading as the reader
//! app does (manifest + docmeta at start-up, the chunks a query needs, the
//! doc chunks of the hits it shows) through the same loop. It does no I/O:
//! the native binary reads files, the node runner hands over bytes, so both
//! measure the engine and nothing else.

use std::cell::RefCell;
use std::future::Future;

use engine::query::Query;
use engine::{block_on, ChunkId, ChunkSource, DocNum, FormatError, SearchRequest, Searcher};

/// How many hits a results page shows, for the doc chunks and snippets a
/// first result needs.
pub const PAGE: usize = 10;

/// A failure, as the runners print it.
#[derive(Debug)]
pub struct BenchError(pub String);

impl From<FormatError> for BenchError {
    fn from(e: FormatError) -> Self {
        BenchError(e.to_string())
    }
}

/// The index's files, read by the runner's function; the names fetched
/// are logged, so a cold query reports what it loaded.
pub struct Files {
    read: Box<dyn Fn(&str) -> Result<Vec<u8>, String>>,
    log: RefCell<Vec<String>>,
}

impl ChunkSource for Files {
    type Error = BenchError;

    fn fetch(&self, files: &[String]) -> impl Future<Output = Result<Vec<Vec<u8>>, BenchError>> {
        self.log.borrow_mut().extend(files.iter().cloned());
        let all = files
            .iter()
            .map(|f| (self.read)(f).map_err(BenchError))
            .collect();
        std::future::ready(all)
    }
}

pub struct Harness {
    searcher: Searcher<Files>,
}

/// One query's outcome, with what it made the harness load.
#[derive(Debug, Clone, serde::Serialize)]
pub struct QueryRun {
    pub total: usize,
    pub hits: Vec<DocNum>,
    pub term_chunks: Vec<String>,
    pub doc_chunks: Vec<String>,
    pub snippet_chars: usize,
}

impl Harness {
    /// Opens the index `read` serves (manifest, then docmeta).
    pub fn open(read: Box<dyn Fn(&str) -> Result<Vec<u8>, String>>) -> Result<Harness, String> {
        let files = Files {
            read,
            log: RefCell::new(Vec::new()),
        };
        let searcher = block_on(Searcher::open(files)).map_err(|e| e.0)?;
        Ok(Harness { searcher })
    }

    pub fn doc_count(&self) -> u32 {
        self.searcher.reader().doc_count()
    }

    /// Loads every chunk of the given kinds: the whole search index for
    /// `terms`, every document for `docs`.
    pub fn load_all(&self, terms: bool, docs: bool) -> Result<(), String> {
        let all: Vec<ChunkId> = ChunkId::all(self.searcher.reader().manifest())
            .into_iter()
            .filter(|c| {
                if matches!(c, ChunkId::Docs(_)) {
                    docs
                } else {
                    terms
                }
            })
            .collect();
        block_on(self.searcher.load(&all)).map_err(|e| e.0)
    }

    fn request() -> SearchRequest {
        SearchRequest {
            limit: PAGE,
            ..SearchRequest::default()
        }
    }

    /// The timed operation: parse + search for one results page (the same
    /// work MiniSearch's or Lunr's `search` does; snippets are timed apart).
    /// Everything the query needs must be loaded (see [`Harness::run_cold`]).
    pub fn search_top(&self, q: &str) -> Result<(usize, Vec<DocNum>), String> {
        let res = self.search(q)?;
        Ok((res.total, res.hits.iter().map(|h| h.doc).collect()))
    }

    fn search(&self, q: &str) -> Result<engine::SearchResults, String> {
        let reader = self.searcher.reader();
        reader
            .search(&Query::parse(q), &Self::request())
            .map_err(|e| e.to_string())
    }

    /// Snippets for the current top hits (their doc chunks must be loaded);
    /// returns the characters produced so the work cannot be optimised away.
    pub fn snippets(&self, q: &str, max_chars: usize) -> Result<usize, String> {
        let reader = self.searcher.reader();
        Ok(self
            .search(q)?
            .hits
            .iter()
            .map(|h| reader.snippet(h.doc, &h.matched, max_chars).text.len())
            .sum())
    }

    /// A cold query as a browser runs it: the searcher fetches every file
    /// the query and its first page of hits need beyond what it holds.
    pub fn run_cold(&self, q: &str) -> Result<QueryRun, String> {
        let log = || self.searcher.source().log.take();
        log();
        let res = block_on(self.searcher.search(&Query::parse(q), &Self::request()))
            .map_err(|e| format!("{q:?}: {}", e.0))?;
        let term_chunks = log();
        let hits: Vec<DocNum> = res.hits.iter().map(|h| h.doc).collect();
        block_on(self.searcher.load_docs(&hits)).map_err(|e| e.0)?;
        let doc_chunks = log();
        let snippet_chars = self.snippets(q, 200)?;
        Ok(QueryRun {
            total: res.total,
            hits,
            term_chunks,
            doc_chunks,
            snippet_chars,
        })
    }

    /// Title and searchable text of a document whose chunk is loaded, so the
    /// JS peers can index exactly the documents our segmentation produced.
    pub fn document_text(&self, doc: DocNum) -> Option<(String, String)> {
        let reader = self.searcher.reader();
        let d = reader.document(doc)?;
        let body: Vec<&str> = d.blocks.iter().map(|b| b.text()).collect();
        Some((d.title.clone(), body.join("\n\n")))
    }
}

#[cfg(target_arch = "wasm32")]
mod wasm {
    //! The node-facing surface: bytes in, numbers or JSON strings out.
    use super::Harness;
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        /// The runner's side: `{ read(name) }` returning the file's bytes.
        pub type IndexFiles;
        #[wasm_bindgen(method, catch)]
        fn read(this: &IndexFiles, name: &str) -> Result<Vec<u8>, JsValue>;
    }

    #[wasm_bindgen]
    pub struct WasmHarness(Harness);

    fn js(e: String) -> JsError {
        JsError::new(&e)
    }

    fn json<T: serde::Serialize>(v: &T) -> String {
        serde_json::to_string(v).unwrap_or_else(|_| "null".to_string())
    }

    #[wasm_bindgen]
    impl WasmHarness {
        /// Opens the index `files.read(name)` serves.
        #[wasm_bindgen(constructor)]
        pub fn new(files: IndexFiles) -> Result<WasmHarness, JsError> {
            let read = move |name: &str| {
                files
                    .read(name)
                    .map_err(|e| format!("{name}: {}", e.as_string().unwrap_or_default()))
            };
            Harness::open(Box::new(read)).map(WasmHarness).map_err(js)
        }

        /// Loads what the query and its first page need; JSON of what it loaded.
        pub fn run_cold(&self, q: &str) -> Result<String, JsError> {
            self.0.run_cold(q).map(|r| json(&r)).map_err(js)
        }

        /// Loads every term chunk (the whole search index resident).
        pub fn load_all_terms(&self) -> Result<(), JsError> {
            self.0.load_all(true, false).map_err(js)
        }

        /// The timed call: returns the number of matching documents.
        pub fn search(&self, q: &str) -> Result<u32, JsError> {
            let (total, _) = self.0.search_top(q).map_err(js)?;
            Ok(u32::try_from(total).unwrap_or(u32::MAX))
        }

        /// JSON array of the top hits' document numbers.
        pub fn top(&self, q: &str) -> Result<String, JsError> {
            Ok(json(&self.0.search_top(q).map_err(js)?.1))
        }

        pub fn snippets(&self, q: &str) -> Result<u32, JsError> {
            let n = self.0.snippets(q, 200).map_err(js)?;
            Ok(u32::try_from(n).unwrap_or(u32::MAX))
        }
    }

    /// Bytes of linear memory the module holds: the engine's whole heap
    /// (wasm memory only grows, so this is the high-water mark).
    #[wasm_bindgen]
    pub fn memory_bytes() -> f64 {
        (core::arch::wasm32::memory_size(0) * 65536) as f64
    }
}
