//! Chunk ids: which file of an index a query or a page needs, by kind and
//! by position in the manifest's table, so the reader adds a fetched chunk
//! without searching the tables for its file name.

use crate::format::Manifest;
use serde::{Deserialize, Serialize};

/// One loadable file of an index, past the start-up files (manifest and
/// docmeta). The index is the chunk's position in its manifest table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "index", rename_all = "snake_case")]
pub enum ChunkId {
    /// A dictionary chunk (`manifest.term_chunks`).
    Terms(usize),
    /// A completion chunk (`manifest.completion_chunks`).
    Completions(usize),
    /// A postings chunk (`manifest.posting_chunks`).
    Postings(usize),
    /// A document chunk (`manifest.doc_chunks`).
    Docs(usize),
    /// The document id table (`manifest.ids`), for links by id.
    Ids,
}

impl ChunkId {
    /// The chunk's file name; `None` for an index past the end of its table
    /// (an id from another index).
    pub fn file(self, m: &Manifest) -> Option<&str> {
        let name = match self {
            ChunkId::Terms(i) => &m.term_chunks.get(i)?.file,
            ChunkId::Completions(i) => &m.completion_chunks.get(i)?.file,
            ChunkId::Postings(i) => &m.posting_chunks.get(i)?.file,
            ChunkId::Docs(i) => &m.doc_chunks.get(i)?.file,
            ChunkId::Ids => &m.ids,
        };
        Some(name)
    }

    /// Every chunk a query or a document can need (not the id table), in
    /// the order a whole-index warm-up loads them: dictionaries first, then
    /// postings, then documents.
    pub fn all(m: &Manifest) -> Vec<ChunkId> {
        let terms = (0..m.term_chunks.len()).map(ChunkId::Terms);
        let completions = (0..m.completion_chunks.len()).map(ChunkId::Completions);
        let postings = (0..m.posting_chunks.len()).map(ChunkId::Postings);
        let docs = (0..m.doc_chunks.len()).map(ChunkId::Docs);
        terms
            .chain(completions)
            .chain(postings)
            .chain(docs)
            .collect()
    }
}
