//! Where the writer's files go: each is handed to an [`IndexSink`] as soon
//! as it is complete, so a build never holds the whole index in memory.
//! Chunks are handed out a group at a time ([`ChunkGroups`]), since a chunk's
//! name hashes its whole group.

use super::manifest::{chunk_group_names, DocChunkEntry, CHUNK_GROUP};
use super::{docstore, FormatError};
use crate::api::DocNum;

/// One output file; `name` is relative to the index folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Receives the index files from an [`IndexWriter`](super::IndexWriter),
/// each once, as soon as it is complete (`manifest.json` last). The engine
/// does no I/O: build-index writes them into its staging folder, a
/// `Vec<IndexFile>` keeps them in memory.
pub trait IndexSink {
    fn put(&mut self, name: &str, bytes: Vec<u8>) -> std::io::Result<()>;
}

impl IndexSink for Vec<IndexFile> {
    fn put(&mut self, name: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        self.push(IndexFile {
            name: name.to_string(),
            bytes,
        });
        Ok(())
    }
}

/// [`IndexSink::put`] with the file name in the error.
pub(crate) fn put(
    sink: &mut impl IndexSink,
    name: &str,
    bytes: Vec<u8>,
) -> Result<(), FormatError> {
    sink.put(name, bytes).map_err(|e| FormatError::Write {
        reason: format!("{name}: {e}"),
    })
}

/// The chunks of one kind, in order. A chunk's name hashes its whole group
/// of [`CHUNK_GROUP`], so a group is named and handed to the sink once it is
/// complete: only the unfinished group is ever held.
pub(crate) struct ChunkGroups<R> {
    stem: &'static str,
    pending: Vec<Vec<u8>>,
    names: Vec<String>,
    /// One per chunk cut so far, for the manifest.
    ranges: Vec<R>,
}

impl<R> ChunkGroups<R> {
    pub(crate) fn new(stem: &'static str) -> Self {
        ChunkGroups {
            stem,
            pending: Vec::with_capacity(CHUNK_GROUP),
            names: Vec::new(),
            ranges: Vec::new(),
        }
    }

    pub(crate) fn push(
        &mut self,
        bytes: Vec<u8>,
        range: R,
        sink: &mut impl IndexSink,
    ) -> Result<(), FormatError> {
        self.pending.push(bytes);
        self.ranges.push(range);
        if self.pending.len() == CHUNK_GROUP {
            self.flush(sink)?;
        }
        Ok(())
    }

    fn flush(&mut self, sink: &mut impl IndexSink) -> Result<(), FormatError> {
        let names = chunk_group_names(self.stem, "bin", self.names.len(), &self.pending);
        for (name, bytes) in names.iter().zip(self.pending.drain(..)) {
            put(sink, name, bytes)?;
        }
        self.names.extend(names);
        Ok(())
    }

    /// Chunks cut but not yet handed to the sink.
    pub(crate) fn held(&self) -> usize {
        self.pending.len()
    }

    /// Hands out the last group; returns each chunk's name and range.
    pub(crate) fn finish(
        mut self,
        sink: &mut impl IndexSink,
    ) -> Result<Vec<(String, R)>, FormatError> {
        self.flush(sink)?;
        Ok(self.names.into_iter().zip(self.ranges).collect())
    }
}

/// Document JSON cut into doc chunks as it arrives: a chunk takes documents
/// while it stays under `budget` bytes of JSON (and always takes one).
pub(crate) struct DocChunks {
    budget: usize,
    /// The open chunk's JSON array, without its closing bracket.
    json: Vec<u8>,
    /// Documents in the open chunk, and its size once closed plus one.
    count: u32,
    size: usize,
    /// DocNum of the next document.
    next: DocNum,
    groups: ChunkGroups<(DocNum, DocNum)>,
}

impl DocChunks {
    pub(crate) fn new(budget: usize, stem: &'static str) -> Self {
        DocChunks {
            budget,
            json: Vec::new(),
            count: 0,
            size: 0,
            next: 0,
            groups: ChunkGroups::new(stem),
        }
    }

    /// Adds the JSON of the next document (one object, as
    /// [`docstore::encode_doc`] writes it).
    pub(crate) fn push(
        &mut self,
        doc: &[u8],
        sink: &mut impl IndexSink,
    ) -> Result<(), FormatError> {
        if self.count > 0 && self.size + doc.len() >= self.budget {
            self.cut(sink)?;
        }
        if self.count == 0 {
            self.json.push(b'[');
            self.size = 2;
        } else {
            self.json.push(b',');
        }
        self.json.extend_from_slice(doc);
        self.size += doc.len() + 1;
        self.count += 1;
        self.next += 1;
        Ok(())
    }

    fn cut(&mut self, sink: &mut impl IndexSink) -> Result<(), FormatError> {
        self.json.push(b']');
        let body = docstore::wrap(&self.json);
        self.json.clear();
        let first = self.next - self.count;
        self.count = 0;
        self.groups.push(body, (first, self.next - 1), sink)
    }

    /// Whole chunks cut but not yet handed to the sink.
    pub(crate) fn held(&self) -> usize {
        self.groups.held()
    }

    pub(crate) fn finish(
        mut self,
        sink: &mut impl IndexSink,
    ) -> Result<Vec<DocChunkEntry>, FormatError> {
        if self.count > 0 {
            self.cut(sink)?;
        }
        Ok(self
            .groups
            .finish(sink)?
            .into_iter()
            .map(|(file, (first, last))| DocChunkEntry { file, first, last })
            .collect())
    }
}
