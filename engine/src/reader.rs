//! `IndexReader`: holds what has been loaded so far (manifest, docmeta, the
//! term and doc chunks fetched for earlier queries). The modules that
//! answer queries add to it and depend on it, never the reverse: planning
//! which chunks a query needs in `plan`, expansion in `expand`, matching
//! and ranking in `search` (with BM25F's parameters in `bm25`), facets in
//! `facets`, snippets in `snippet` (with the token cache in `doc_tokens`).

use crate::api::DocNum;
use crate::chunk::ChunkId;
use crate::format::docmeta::{format_date, DocMeta};
use crate::format::ids::Ids;
use crate::format::termdict::{PostingsChunk, TermDict};
use crate::format::{docstore, FormatError, Manifest, TermChunkEntry};
use crate::loaded::Loaded;
use crate::model::{Document, Facet};
use crate::tokenizer::STEMMED_LANGS;

/// The two term dictionaries of an index: the full one, cut into term
/// ranges, and the completion table of short prefixes (FORMAT.md).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Dict {
    Terms,
    Completions,
}

pub struct IndexReader {
    pub(crate) manifest: Manifest,
    pub(crate) meta: DocMeta,
    /// Loaded dictionary chunks by their index in `manifest.term_chunks`.
    pub(crate) chunks: Loaded<TermDict>,
    /// Loaded completion chunks by their index in `manifest.completion_chunks`.
    pub(crate) completions: Loaded<TermDict>,
    /// Loaded postings chunks by their index in `manifest.posting_chunks`.
    pub(crate) postings: Loaded<PostingsChunk>,
    /// Loaded doc chunks by their index in `manifest.doc_chunks`.
    docs: Loaded<Vec<Document>>,
    ids: Option<Ids>,
    /// Languages whose stemmer runs at query time.
    pub(crate) stem_langs: Vec<String>,
    /// BM25F length normalisation × field weight, per field and quantized length.
    pub(crate) norms: [[f32; 256]; crate::format::postings::FIELDS],
    /// Tokens of recently snippeted documents (see `snippet`).
    pub(crate) token_cache: crate::doc_tokens::TokenCache,
}

/// True when some string with prefix `p` may lie in `[first, last]`.
pub(crate) fn range_has_prefix(first: &str, last: &str, p: &str) -> bool {
    last >= p && (first <= p || first.starts_with(p))
}

/// Chunks (by index) of a term-range table that may hold terms starting
/// with `prefix`.
pub(crate) fn chunk_ids_for_prefix(table: &[TermChunkEntry], prefix: &str) -> Vec<usize> {
    table
        .iter()
        .enumerate()
        .filter(|(_, c)| range_has_prefix(&c.first, &c.last, prefix))
        .map(|(i, _)| i)
        .collect()
}

impl IndexReader {
    pub fn parse_manifest(json: &[u8]) -> Result<Manifest, FormatError> {
        Manifest::parse(json)
    }

    pub fn open(manifest: Manifest, docmeta: &[u8]) -> Result<IndexReader, FormatError> {
        let meta = DocMeta::parse(&manifest.docmeta, docmeta)?;
        let bad = |reason: String| FormatError::Corrupt {
            file: manifest.docmeta.clone(),
            reason,
        };
        if meta.doc_count != manifest.doc_count {
            return Err(bad(format!(
                "has {} documents, the manifest says {}",
                meta.doc_count, manifest.doc_count
            )));
        }
        for f in Facet::ALL {
            if meta.facet(f).is_none() {
                return Err(bad(format!("facet {f} is missing")));
            }
        }
        let mut stem_langs: Vec<String> = manifest
            .langs
            .iter()
            .filter(|l| STEMMED_LANGS.contains(&l.as_str()))
            .cloned()
            .collect();
        if stem_langs.is_empty() && STEMMED_LANGS.contains(&manifest.archive.lang.as_str()) {
            stem_langs.push(manifest.archive.lang.clone());
        }
        let norms = crate::bm25::norm_table(&meta, manifest.search.weights.as_array());
        Ok(IndexReader {
            manifest,
            meta,
            chunks: Loaded::default(),
            completions: Loaded::default(),
            postings: Loaded::default(),
            docs: Loaded::default(),
            token_cache: Default::default(),
            ids: None,
            stem_langs,
            norms,
        })
    }

    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    pub fn doc_count(&self) -> u32 {
        self.meta.doc_count
    }

    /// Term chunks (by index) that may hold terms starting with `prefix`.
    pub(crate) fn chunk_ids_for_prefix(&self, prefix: &str) -> Vec<usize> {
        chunk_ids_for_prefix(&self.manifest.term_chunks, prefix)
    }

    /// Whether chunk `id` has been added.
    pub fn is_loaded(&self, id: ChunkId) -> bool {
        match id {
            ChunkId::Terms(i) => self.chunks.contains_key(&i),
            ChunkId::Completions(i) => self.completions.contains_key(&i),
            ChunkId::Postings(i) => self.postings.contains_key(&i),
            ChunkId::Docs(i) => self.docs.contains_key(&i),
            ChunkId::Ids => self.ids.is_some(),
        }
    }

    /// Adds the bytes of chunk `id`, checked against the manifest: a chunk
    /// that fails to parse, or whose terms are not the range the manifest
    /// gives, is an error and stays unloaded.
    pub fn add_chunk(&mut self, id: ChunkId, bytes: &[u8]) -> Result<(), FormatError> {
        let name = id
            .file(&self.manifest)
            .ok_or_else(|| FormatError::Missing {
                file: format!("{id:?}"),
            })?
            .to_string();
        match id {
            ChunkId::Postings(i) => self.postings.insert(i, PostingsChunk::parse(&name, bytes)?),
            ChunkId::Terms(i) => {
                let dict = self.checked_dict(&self.manifest.term_chunks[i], &name, bytes)?;
                self.chunks.insert(i, dict)
            }
            ChunkId::Completions(i) => {
                let dict = self.checked_dict(&self.manifest.completion_chunks[i], &name, bytes)?;
                self.completions.insert(i, dict)
            }
            ChunkId::Docs(i) => {
                let c = &self.manifest.doc_chunks[i];
                let docs = docstore::parse(&name, bytes, (c.last - c.first) as usize + 1)?;
                self.docs.insert(i, docs)
            }
            ChunkId::Ids => {
                self.ids = Some(Ids::parse(&name, bytes, self.meta.doc_count)?);
            }
        }
        Ok(())
    }

    fn checked_dict(
        &self,
        entry: &TermChunkEntry,
        name: &str,
        bytes: &[u8],
    ) -> Result<TermDict, FormatError> {
        let dict = TermDict::parse(name, bytes)?;
        let bounds_ok = {
            use fst::{IntoStreamer, Streamer};
            let mut s = dict.map.range().into_stream();
            let lo = s.next().map(|(k, _)| k.to_vec());
            lo.as_deref() == Some(entry.first.as_bytes()) && dict.map.get(&entry.last).is_some()
        };
        if !bounds_ok {
            return Err(FormatError::Corrupt {
                file: name.to_string(),
                reason: "terms do not match the manifest's range".into(),
            });
        }
        Ok(dict)
    }

    /// Doc chunks holding `docs` that are not loaded yet.
    pub fn missing_doc_chunks(&self, docs: &[DocNum]) -> Vec<ChunkId> {
        let mut need: Vec<usize> = docs.iter().filter_map(|&d| self.doc_chunk_of(d)).collect();
        crate::sorting::sort_dedup(&mut need);
        need.into_iter()
            .filter(|i| !self.docs.contains_key(i))
            .map(ChunkId::Docs)
            .collect()
    }

    fn doc_chunk_of(&self, doc: DocNum) -> Option<usize> {
        let chunks = &self.manifest.doc_chunks;
        let i = chunks.partition_point(|c| c.last < doc);
        chunks.get(i).filter(|c| c.first <= doc).map(|_| i)
    }

    pub fn document(&self, doc: DocNum) -> Option<&Document> {
        let i = self.doc_chunk_of(doc)?;
        let first = self.manifest.doc_chunks[i].first;
        self.docs.get(&i)?.get((doc - first) as usize)
    }

    /// Needs [`ChunkId::Ids`] loaded first.
    pub fn doc_by_id(&self, id: &str) -> Option<DocNum> {
        self.ids.as_ref()?.get(id)
    }

    /// The document's date (ISO, at the precision known) from docmeta.
    pub fn date_of(&self, doc: DocNum) -> Option<String> {
        format_date(*self.meta.dates.get(doc as usize)?)
    }

    /// A document's values of one facet, from docmeta (no doc chunk needed).
    pub fn facet_values_of(&self, doc: DocNum, facet: Facet) -> Vec<&str> {
        self.meta
            .facet(facet)
            .map(|f| {
                f.doc_values(doc)
                    .iter()
                    .filter_map(|&i| f.values.get(i as usize))
                    .map(String::as_str)
                    .collect()
            })
            .unwrap_or_default()
    }
}
