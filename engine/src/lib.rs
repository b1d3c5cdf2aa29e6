//! # engine
//!
//! Everything the indexer and the browser must agree on: the document model,
//! the one tokenizer, the on-disk index format (writer and reader side by
//! side) and the query engine (parsing, matching, ranking, facets, snippets).
//! Compiles for native and `wasm32-unknown-unknown`; does no I/O.
//!
//! ```
//! use engine::{Document, IndexReader, IndexWriter, Query, SearchRequest, WriterSettings};
//! let mut w = IndexWriter::new(WriterSettings::default());
//! let doc = Document { id: "a/b".into(), title: "Border talks".into(), lang: "en".into(),
//!     blocks: vec![engine::Block::Paragraph { text: "Fentanyl seizures rose.".into(), line: 1 }],
//!     ..Default::default() };
//! w.add(&doc);
//! let files = w.finish().unwrap();
//! let get = |name: &str| files.iter().find(|f| f.name == name).unwrap().bytes.clone();
//! let manifest = IndexReader::parse_manifest(&get("manifest.json")).unwrap();
//! let docmeta = get(&manifest.docmeta);
//! let mut r = IndexReader::open(manifest, &docmeta).unwrap();
//! let q = Query::parse("fentanil");
//! // Round 1 fetches dictionary chunks, round 2 the postings they point to.
//! loop {
//!     let missing = r.missing_term_chunks(&q);
//!     if missing.is_empty() { break; }
//!     for name in missing { r.add_term_chunk(&name, &get(&name)).unwrap(); }
//! }
//! let res = r.search(&q, &SearchRequest::default());
//! assert_eq!(res.total, 1);
//! ```
#![forbid(unsafe_code)]

pub mod api;
mod bm25;
mod doc_tokens;
mod expand;
pub mod explain;
mod facets;
pub mod format;
mod loaded;
pub mod model;
mod plan;
pub mod query;
mod reader;
mod search;
pub mod snippet;
pub mod sorting;
pub mod tokenizer;

pub use api::*;
pub use expand::{prepare_typos, MAX_GUESS_CHUNKS};
pub use explain::Explanation;
pub use format::*;
pub use model::{Block, Document, Facet, Origin, Related};
pub use query::Query;
pub use reader::IndexReader;
pub use search::FILL_BELOW;
pub use tokenizer::{tokenize, Token};
