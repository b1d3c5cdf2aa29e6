//! # engine
//!
//! Everything the indexer and the browser must agree on: the document model,
//! the one tokenizer, the on-disk index format (writer and reader side by
//! side) and the query engine (parsing, matching, ranking, facets, snippets).
//! Compiles for native and `wasm32-unknown-unknown`; does no I/O itself:
//! a [`Searcher`] fetches what a query needs from a [`ChunkSource`].
//!
//! ```
//! use engine::{block_on, Document, IndexWriter, Query, ReadySource, SearchRequest, Searcher, WriterSettings};
//! let mut w = IndexWriter::new(WriterSettings::default());
//! let doc = Document { id: "a/b".into(), title: "Border talks".into(), lang: "en".into(),
//!     blocks: vec![engine::Block::Paragraph { text: "Fentanyl seizures rose.".into(), line: 1 }],
//!     ..Default::default() };
//! w.add(&doc);
//! let files = w.finish().unwrap();
//! // Any source of the index's files: here the files just built, in memory.
//! let source = ReadySource(|name: &str| {
//!     files.iter().find(|f| f.name == name).map(|f| f.bytes.clone())
//!         .ok_or(engine::FormatError::Missing { file: name.into() })
//! });
//! let searcher = block_on(Searcher::open(source)).unwrap();
//! // The searcher fetches the dictionary chunks, then the postings they point to.
//! let res = block_on(searcher.search(&Query::parse("fentanil"), &SearchRequest::default())).unwrap();
//! assert_eq!(res.total, 1);
//! ```
#![forbid(unsafe_code)]

pub mod api;
mod bm25;
pub mod chunk;
mod doc_tokens;
mod expand;
pub mod explain;
mod facet_map;
mod facets;
pub mod format;
pub mod json;
mod loaded;
pub mod model;
mod plan;
pub mod query;
mod reader;
mod search;
mod searcher;
pub mod snippet;
pub mod sorting;
pub mod tokenizer;
mod typo;

pub use api::*;
pub use chunk::ChunkId;
pub use expand::MAX_GUESS_CHUNKS;
pub use explain::Explanation;
pub use facet_map::FacetMap;
pub use format::*;
pub use model::{Block, Document, Facet, Origin, Related};
pub use query::Query;
pub use reader::IndexReader;
pub use search::FILL_BELOW;
pub use searcher::{block_on, ChunkSource, ReadySource, Searcher, MAX_ROUNDS};
pub use tokenizer::{tokenize, Token};
