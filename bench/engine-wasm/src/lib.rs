//! Benchmark harness around the engine's `IndexReader`, following the same
//! loading protocol as the reader app (manifest + docmeta at start-up, term
//! chunks a query needs, doc chunks of the hits it shows). It does no I/O:
//! the native binary reads files, the node runner hands over bytes, so both
//! measure the engine and nothing else.

use engine::query::Query;
use engine::{DocNum, IndexReader, SearchRequest};

/// How many hits a results page shows, for the doc chunks and snippets a
/// first result needs.
pub const PAGE: usize = 10;

/// The protocol needs two rounds (dictionary chunks, then postings chunks).
const MAX_ROUNDS: usize = 8;

pub struct Harness {
    reader: IndexReader,
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
    pub fn open(manifest_json: &[u8], docmeta: &[u8]) -> Result<Harness, String> {
        let manifest = IndexReader::parse_manifest(manifest_json).map_err(|e| e.to_string())?;
        let reader = IndexReader::open(manifest, docmeta).map_err(|e| e.to_string())?;
        Ok(Harness { reader })
    }

    /// File name of the docmeta file named in a manifest.
    pub fn docmeta_name(manifest_json: &[u8]) -> Result<String, String> {
        IndexReader::parse_manifest(manifest_json)
            .map(|m| m.docmeta)
            .map_err(|e| e.to_string())
    }

    pub fn doc_count(&self) -> u32 {
        self.reader.doc_count()
    }

    pub fn all_term_chunks(&self) -> Vec<String> {
        let m = self.reader.manifest();
        let dict = m
            .term_chunks
            .iter()
            .chain(&m.completion_chunks)
            .map(|c| c.file.clone());
        dict.chain(m.posting_chunks.iter().map(|c| c.file.clone()))
            .collect()
    }

    pub fn all_doc_chunks(&self) -> Vec<String> {
        self.reader
            .manifest()
            .doc_chunks
            .iter()
            .map(|c| c.file.clone())
            .collect()
    }

    pub fn missing_term_chunks(&self, q: &str) -> Vec<String> {
        self.reader.missing_term_chunks(&Query::parse(q))
    }

    pub fn add_term_chunk(&mut self, name: &str, bytes: &[u8]) -> Result<(), String> {
        self.reader
            .add_term_chunk(name, bytes)
            .map_err(|e| e.to_string())
    }

    pub fn missing_doc_chunks(&self, docs: &[DocNum]) -> Vec<String> {
        self.reader.missing_doc_chunks(docs)
    }

    pub fn add_doc_chunk(&mut self, name: &str, bytes: &[u8]) -> Result<(), String> {
        self.reader
            .add_doc_chunk(name, bytes)
            .map_err(|e| e.to_string())
    }

    /// The timed operation: parse + search for one results page (the same
    /// work MiniSearch's or Lunr's `search` does; snippets are timed apart).
    pub fn search_top(&self, q: &str) -> (usize, Vec<DocNum>) {
        let res = self.search(q);
        (res.total, res.hits.iter().map(|h| h.doc).collect())
    }

    fn search(&self, q: &str) -> engine::SearchResults {
        let req = SearchRequest {
            limit: PAGE,
            ..SearchRequest::default()
        };
        self.reader.search(&Query::parse(q), &req)
    }

    /// Snippets for the current top hits (their doc chunks must be loaded);
    /// returns the characters produced so the work cannot be optimised away.
    pub fn snippets(&self, q: &str, max_chars: usize) -> usize {
        self.search(q)
            .hits
            .iter()
            .map(|h| self.reader.snippet(h.doc, &h.matched, max_chars).text.len())
            .sum()
    }

    /// A cold query as a browser runs it: `fetch` is asked for every file the
    /// query needs beyond what this harness already holds.
    pub fn run_cold(
        &mut self,
        q: &str,
        fetch: &mut dyn FnMut(&str) -> Result<Vec<u8>, String>,
    ) -> Result<QueryRun, String> {
        // Round 1: dictionary chunks; round 2: postings of the expanded terms.
        let mut term_chunks = Vec::new();
        for round in 0.. {
            let missing = self.missing_term_chunks(q);
            if missing.is_empty() {
                break;
            }
            // A reader that keeps asking would hang the whole benchmark.
            if round == MAX_ROUNDS {
                return Err(format!(
                    "{q:?}: still missing {missing:?} after {MAX_ROUNDS} rounds"
                ));
            }
            for name in &missing {
                let bytes = fetch(name)?;
                self.add_term_chunk(name, &bytes)?;
            }
            term_chunks.extend(missing);
        }
        let (total, hits) = self.search_top(q);
        let doc_chunks = self.missing_doc_chunks(&hits);
        for name in &doc_chunks {
            let bytes = fetch(name)?;
            self.add_doc_chunk(name, &bytes)?;
        }
        let snippet_chars = self.snippets(q, 200);
        Ok(QueryRun {
            total,
            hits,
            term_chunks,
            doc_chunks,
            snippet_chars,
        })
    }

    /// Title and searchable text of a document whose chunk is loaded, so the
    /// JS peers can index exactly the documents our segmentation produced.
    pub fn document_text(&self, doc: DocNum) -> Option<(String, String)> {
        let d = self.reader.document(doc)?;
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
    pub struct WasmHarness(Harness);

    fn js(e: String) -> JsError {
        JsError::new(&e)
    }

    fn json<T: serde::Serialize>(v: &T) -> String {
        serde_json::to_string(v).unwrap_or_else(|_| "null".to_string())
    }

    #[wasm_bindgen]
    impl WasmHarness {
        #[wasm_bindgen(constructor)]
        pub fn new(manifest_json: &[u8], docmeta: &[u8]) -> Result<WasmHarness, JsError> {
            Harness::open(manifest_json, docmeta)
                .map(WasmHarness)
                .map_err(js)
        }

        pub fn docmeta_name(manifest_json: &[u8]) -> Result<String, JsError> {
            Harness::docmeta_name(manifest_json).map_err(js)
        }

        /// JSON array of every term chunk file name.
        pub fn all_term_chunks(&self) -> String {
            json(&self.0.all_term_chunks())
        }

        /// JSON array of term chunk file names the query still needs.
        pub fn missing_term_chunks(&self, q: &str) -> String {
            json(&self.0.missing_term_chunks(q))
        }

        pub fn add_term_chunk(&mut self, name: &str, bytes: &[u8]) -> Result<(), JsError> {
            self.0.add_term_chunk(name, bytes).map_err(js)
        }

        /// JSON array of doc chunk file names the query's top hits need.
        pub fn missing_doc_chunks_for(&self, q: &str) -> String {
            let (_, hits) = self.0.search_top(q);
            json(&self.0.missing_doc_chunks(&hits))
        }

        pub fn add_doc_chunk(&mut self, name: &str, bytes: &[u8]) -> Result<(), JsError> {
            self.0.add_doc_chunk(name, bytes).map_err(js)
        }

        /// The timed call: returns the number of matching documents.
        pub fn search(&self, q: &str) -> u32 {
            u32::try_from(self.0.search_top(q).0).unwrap_or(u32::MAX)
        }

        /// JSON array of the top hits' document numbers.
        pub fn top(&self, q: &str) -> String {
            json(&self.0.search_top(q).1)
        }

        pub fn snippets(&self, q: &str) -> u32 {
            u32::try_from(self.0.snippets(q, 200)).unwrap_or(u32::MAX)
        }
    }

    /// Bytes of linear memory the module holds: the engine's whole heap
    /// (wasm memory only grows, so this is the high-water mark).
    #[wasm_bindgen]
    pub fn memory_bytes() -> f64 {
        (core::arch::wasm32::memory_size(0) * 65536) as f64
    }
}
