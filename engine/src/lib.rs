//! # engine
//!
//! Everything the indexer and the browser must agree on: the document model,
//! the one tokenizer, the on-disk index format (writer and reader side by
//! side) and the query engine (parsing, matching, ranking, facets, snippets).
//! Compiles for native and `wasm32-unknown-unknown`; does no I/O.
#![forbid(unsafe_code)]

pub mod api;
pub mod model;

pub use api::*;
pub use model::{Block, Document, Origin, FACETS};
