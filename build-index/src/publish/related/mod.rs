//! "More like this": each document's related documents, computed at build
//! time and stored in its bundle entry ([`engine::Related`]), so the reader
//! and the static pages show them without a model, a server or another
//! fetch.
//!
//! How (FORMAT.md, "Related documents", has the figures):
//! 1. every document is tokenized with the engine's tokenizer (the terms
//!    are the index's own) and its words counted, a title word as three;
//!    its people (and speakers), places and topics are collected;
//! 2. a word or value gets idf `ln(N / df)`; one in a single document (it
//!    cannot be shared) or in more than half of them (`the`, `de`) gets
//!    none, nor does a passing mention (used once in a document of 150
//!    words or more). A document's words weigh `(1 + ln tf) × idf`; its 32
//!    heaviest words and 16 heaviest values make two unit-length vectors;
//! 3. inverted lists over those vectors, each cut to the 100 documents
//!    where its key weighs most, give every document its candidates in
//!    work linear in the corpus; the 20 best are scored again from the
//!    whole vectors: `cos(words) + 0.3 × cos(metadata)`;
//! 4. the five best scoring at least 0.15 and sharing two words or values
//!    at least are kept, never the document itself nor an exact copy (same
//!    title and text) of it or of one kept; each with a reason: the people
//!    they share, else their places and topics when those weigh at least as
//!    much as their words, else the shared words that weigh most.
//!
//! ```
//! use build_index::publish::related;
//! use engine::{Block, Document};
//! let doc = |id: &str, title: &str, text: &str| Document {
//!     id: id.into(),
//!     title: title.into(),
//!     lang: "en".into(),
//!     blocks: vec![Block::Paragraph { text: text.into(), line: 1 }],
//!     ..Default::default()
//! };
//! let docs = [
//!     doc("a", "Cartel violence", "Cartel violence and fentanyl seizures at the border."),
//!     doc("b", "Seizures", "Fentanyl seizures by cartel smugglers at the border rose."),
//!     doc("c", "Weather", "Rain and snow are expected in the mountains."),
//! ];
//! let related = related::compute(&docs);
//! assert_eq!(related[0][0].id, "b");
//! assert!(related[2].is_empty());
//! ```

mod neighbours;
mod vectors;

pub use neighbours::{MAX_RELATED, META_WEIGHT, MIN_SCORE, POSTING_CAP};
pub use vectors::{META_PER_DOC, TERMS_PER_DOC};

use crate::{Error, PackedDoc, PackedReader};
use engine::{Document, Related};
use neighbours::{Finder, Scores};
use rayon::prelude::*;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, Write};
use vectors::{extract, Counts, Extracted};

/// The related documents of each of `docs`, in the same order.
pub fn compute(docs: &[Document]) -> Vec<Vec<Related>> {
    let mut counts = Counts::default();
    for e in docs.par_iter().map(extract).collect::<Vec<_>>() {
        counts.add(e);
    }
    let vectors = counts.into_vectors();
    let finder = Finder::new(&vectors);
    let mut scores = Scores::new(docs.len());
    (0..docs.len())
        .map(|d| finder.related(d, &mut scores, |c| &docs[c].id))
        .collect()
}

/// Documents read and tokenized per parallel step.
const READ_BATCH: usize = 1024;
/// Documents whose related lists are found per parallel step.
const WRITE_BATCH: usize = 4096;

/// [`compute`] for a build's packed documents (`docs` in id order, the
/// order they are indexed in). The lists go to a temporary file, read back
/// one document at a time with [`RelatedLists::next_json`] in the same
/// order: in memory, with their titles and reasons, they would add 0.4 to
/// 0.8 KB per document to the build's peak.
pub fn compute_packed(
    docs: &[PackedDoc],
    packed: &mut PackedReader,
) -> Result<RelatedLists, Error> {
    let vectors = count_packed(docs, packed)?.into_vectors();
    let finder = Finder::new(&vectors);
    let find = |range: std::ops::Range<usize>| -> Result<Vec<Vec<u8>>, Error> {
        range
            .into_par_iter()
            .with_min_len(256)
            .map_init(
                || Scores::new(finder.docs()),
                |scores, d| encode(&finder.related(d, scores, |c| &docs[c].id)),
            )
            .collect()
    };
    let mut out = RelatedLists::new()?;
    let mut found: Vec<Vec<u8>> = Vec::new();
    // Each step writes the lists of the step before while finding its own.
    for start in (0..docs.len()).step_by(WRITE_BATCH) {
        let end = docs.len().min(start + WRITE_BATCH);
        let (written, next) = rayon::join(|| out.push_all(&found), || find(start..end));
        written?;
        found = next?;
    }
    out.push_all(&found)?;
    out.rewind()?;
    Ok(out)
}

/// The features of every packed document, read and counted a batch at a
/// time: the next batch is read and the last one counted while the
/// current one is tokenized.
fn count_packed(docs: &[PackedDoc], packed: &mut PackedReader) -> Result<Counts, Error> {
    let read = |packed: &mut PackedReader, batch: &[PackedDoc]| -> Result<Vec<Vec<u8>>, Error> {
        batch
            .iter()
            .map(|d| {
                let mut buf = Vec::new();
                packed.read(d, &mut buf).map(|()| buf)
            })
            .collect()
    };
    let batches: Vec<&[PackedDoc]> = docs.chunks(READ_BATCH).collect();
    let mut counts = Counts::default();
    let mut counted: Vec<Extracted> = Vec::new();
    let mut next = match batches.first() {
        Some(b) => read(packed, b)?,
        None => Vec::new(),
    };
    for i in 0..batches.len() {
        let current = std::mem::take(&mut next);
        let (done, extracted) = rayon::join(
            || -> Result<(), Error> {
                for e in counted.drain(..) {
                    counts.add(e);
                }
                if let Some(b) = batches.get(i + 1) {
                    next = read(packed, b)?;
                }
                Ok(())
            },
            || {
                current
                    .par_iter()
                    .map(|j| engine::docstore::decode_doc(j).map(|doc| extract(&doc)))
                    .collect::<Result<Vec<_>, _>>()
            },
        );
        done?;
        counted = extracted?;
    }
    for e in counted {
        counts.add(e);
    }
    Ok(counts)
}

/// A related list as the bundle stores it; nothing for an empty one.
fn encode(list: &[Related]) -> Result<Vec<u8>, Error> {
    if list.is_empty() {
        return Ok(Vec::new());
    }
    serde_json::to_vec(list).map_err(spill_error)
}

/// Each document's related list as JSON, in a temporary file, read back
/// in the order written.
pub struct RelatedLists {
    file: BufWriter<File>,
    reader: Option<BufReader<File>>,
    lens: Vec<u32>,
    next: usize,
    bytes: u64,
}

fn spill_error(e: impl std::fmt::Display) -> Error {
    crate::read::packed::temp_file_error("related documents", e)
}

impl RelatedLists {
    fn new() -> Result<RelatedLists, Error> {
        let file = tempfile::tempfile().map_err(spill_error)?;
        Ok(RelatedLists {
            file: BufWriter::with_capacity(1 << 16, file),
            reader: None,
            lens: Vec::new(),
            next: 0,
            bytes: 0,
        })
    }

    /// Appends the next documents' lists, each as [`encode`] gives it.
    fn push_all(&mut self, lists: &[Vec<u8>]) -> Result<(), Error> {
        for json in lists {
            self.file.write_all(json).map_err(spill_error)?;
            self.lens
                .push(u32::try_from(json.len()).map_err(spill_error)?);
            self.bytes += json.len() as u64;
        }
        Ok(())
    }

    fn rewind(&mut self) -> Result<(), Error> {
        self.file.flush().map_err(spill_error)?;
        let mut file = self.file.get_ref().try_clone().map_err(spill_error)?;
        file.rewind().map_err(spill_error)?;
        self.reader = Some(BufReader::with_capacity(1 << 16, file));
        Ok(())
    }

    /// JSON bytes of all lists (the documents' `"related"` values).
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// What the lists add to the documents' JSON: their values and keys.
    pub fn added_bytes(&self) -> usize {
        self.bytes as usize + self.with_related() * r#","related":"#.len()
    }

    /// Documents with at least one related document.
    pub fn with_related(&self) -> usize {
        self.lens.iter().filter(|&&l| l > 0).count()
    }

    /// The JSON of the next document's related list into `buf`; false
    /// (and `buf` empty) when it has none.
    pub fn next_json(&mut self, buf: &mut Vec<u8>) -> Result<bool, Error> {
        buf.clear();
        let Some(&len) = self.lens.get(self.next) else {
            return Ok(false);
        };
        self.next += 1;
        if len == 0 {
            return Ok(false);
        }
        buf.resize(len as usize, 0);
        let reader = self
            .reader
            .as_mut()
            .ok_or_else(|| spill_error("not rewound"))?;
        reader.read_exact(buf).map_err(spill_error)?;
        Ok(true)
    }

    /// The next document's related list (empty past the last).
    pub fn next_list(&mut self) -> Result<Vec<Related>, Error> {
        let mut buf = Vec::new();
        if !self.next_json(&mut buf)? {
            return Ok(Vec::new());
        }
        serde_json::from_slice(&buf).map_err(spill_error)
    }
}

#[cfg(test)]
mod tests;
