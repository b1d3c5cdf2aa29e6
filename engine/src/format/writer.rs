//! `IndexWriter`: documents in, index files out. Each file goes to an
//! [`IndexSink`] as soon as it is complete (doc chunks while documents are
//! added, dictionary and postings chunks a group at a time in `finish`), so
//! the writer holds the posting lists and a few chunks, never the whole
//! index. Output bytes depend only on the documents, their order and the
//! settings.

use super::docmeta::{pack_date, quantize_len, DocMeta, FacetColumn};
use super::manifest::{
    FileEntry, Manifest, PostingChunkEntry, TermChunkEntry, COMPLETIONS_STEM, DOCS_STEM,
    MANIFEST_FILE, POSTINGS_STEM, TERMS_STEM,
};
use super::postings::{DocPosting, PostingsAcc, BODY, FIELDS, HEADING, META, SPEAKER, TITLE};
use super::sink::{put, ChunkGroups, DocChunks, IndexFile, IndexSink};
use super::termdict::{PostingsBuilder, TermDictBuilder};
use super::{
    docstore, hashed_name, ids, sha256_hex, ArchiveInfo, FormatError, SearchSettings,
    FORMAT_VERSION,
};
use crate::api::DocNum;
use crate::model::{Block, Document, Facet};
use crate::tokenizer::for_each_token;
use std::collections::{BTreeSet, HashMap};

mod dictionary;

use dictionary::*;

/// Positions skipped between blocks and between values of a field, so a
/// phrase never matches across a boundary.
pub const POSITION_GAP: u32 = 8;

#[derive(Clone, Debug, PartialEq)]
pub struct WriterSettings {
    pub archive: ArchiveInfo,
    pub search: SearchSettings,
    /// e.g. "build-index 0.1.0".
    pub generator: String,
    /// Target raw size of one docs chunk; 0 = derived from the corpus (see
    /// [`auto_doc_chunk_bytes`]). Small, because a result page fetches the
    /// chunks of its top hits, which are spread over the corpus.
    pub doc_chunk_bytes: usize,
    /// Target size of one postings chunk (a query fetches the postings
    /// chunks of its expanded terms).
    pub term_chunk_bytes: usize,
    /// Term bytes per dictionary chunk (the fst is roughly half of this):
    /// typo search reads every dictionary chunk of a letter, so they stay
    /// small.
    pub dict_chunk_bytes: usize,
}

impl Default for WriterSettings {
    fn default() -> Self {
        WriterSettings {
            archive: ArchiveInfo {
                lang: "en".into(),
                page_size: super::DEFAULT_PAGE_SIZE,
                ..Default::default()
            },
            search: SearchSettings::default(),
            generator: format!("build-index {}", env!("CARGO_PKG_VERSION")),
            doc_chunk_bytes: 0,
            term_chunk_bytes: 8 * 1024,
            dict_chunk_bytes: 4 * 1024,
        }
    }
}

/// Doc chunk size for `total` bytes of document JSON: `0.75 × √total`,
/// between 2 and 12 KiB. A first result page fetches up to ten chunks (cost
/// ∝ size) after a manifest whose doc table grows with the number of chunks
/// (cost ∝ total / size); the sum is smallest near `√(total × c)`, and 0.75
/// fits the measured costs (≈4 KiB for 30 MB of Reuters stories, ≈7 KiB for
/// 94 MB of dictionary entries, see docs/benchmarks.md). That balance counts
/// one query; a visitor types many, each paying the chunks again, while the
/// manifest is paid once. So above ~270 MB of documents the chunks stop
/// growing: at a million documents the square root gave 24 KiB chunks,
/// and a typed word cost 1.7 times what it costs at 100,000.
pub fn auto_doc_chunk_bytes(total: usize) -> usize {
    ((total as f64).sqrt() * 0.75).clamp(2048.0, 12288.0) as usize
}

/// Builds an index from documents added in DocNum order. `IndexWriter::new`
/// collects the files in memory for [`IndexWriter::finish`];
/// [`IndexWriter::with_sink`] hands each to a sink as it is made.
pub struct IndexWriter<S = Vec<IndexFile>> {
    settings: WriterSettings,
    sink: S,
    terms: HashMap<String, PostingsAcc>,
    /// Total field lengths, for the averages BM25F normalises by.
    len_sums: [u64; FIELDS],
    dates: Vec<u32>,
    facets: Vec<FacetAcc>,
    docs: DocStore,
    ids: Vec<String>,
    langs: BTreeSet<String>,
    /// The first failure; `finish` reports it.
    error: Option<FormatError>,
}

/// The documents' JSON on its way into doc chunks.
enum DocStore {
    /// `doc_chunk_bytes` given: chunks are cut as documents arrive.
    Cut(DocChunks),
    /// Automatic chunk size: it depends on the total, so the JSON waits
    /// for `finish` (give the size up front to stream instead).
    Held(Vec<Vec<u8>>),
}

/// One facet column as documents arrive: values are numbered in order of
/// first appearance and renumbered in sorted order by `finish`, so no
/// document holds strings of its own.
#[derive(Default)]
struct FacetAcc {
    numbers: HashMap<String, u32>,
    ids: Vec<u32>,
    /// Document `d`'s values are `ids[offsets[d]..offsets[d + 1]]`.
    offsets: Vec<u32>,
}

impl FacetAcc {
    /// Adds the next document's values, sorted and deduplicated.
    fn push(&mut self, values: &[String]) {
        if self.offsets.is_empty() {
            self.offsets.push(0);
        }
        for v in values {
            let next = self.numbers.len() as u32;
            let n = match self.numbers.get(v) {
                Some(&n) => n,
                None => *self.numbers.entry(v.clone()).or_insert(next),
            };
            self.ids.push(n);
        }
        self.offsets.push(self.ids.len() as u32);
    }

    /// The column, values in sorted order: a document's ids stay in the
    /// order of its (sorted) values.
    fn finish(self, name: &str, docs: usize) -> FacetColumn {
        let mut values: Vec<(String, u32)> = self.numbers.into_iter().collect();
        values.sort_unstable();
        let mut rank = vec![0u32; values.len()];
        for (k, (_, n)) in values.iter().enumerate() {
            rank[*n as usize] = k as u32;
        }
        let mut offsets = self.offsets;
        if offsets.is_empty() {
            offsets = vec![0; docs + 1];
        }
        FacetColumn {
            name: name.to_string(),
            values: values.into_iter().map(|(v, _)| v).collect(),
            offsets,
            ids: self.ids.into_iter().map(|n| rank[n as usize]).collect(),
        }
    }
}

/// The texts of one document, per field, in position order.
pub(crate) fn field_texts(doc: &Document) -> [Vec<&str>; FIELDS] {
    let mut speakers: Vec<&str> = doc.speakers.iter().map(String::as_str).collect();
    for b in &doc.blocks {
        if let Block::Turn {
            speaker,
            role: false,
            ..
        } = b
        {
            if !speakers.contains(&speaker.as_str()) {
                speakers.push(speaker);
            }
        }
    }
    let mut meta: Vec<&str> = Vec::new();
    meta.extend(doc.source.as_deref());
    meta.extend(doc.doc_type.as_deref());
    for list in [&doc.people, &doc.places, &doc.topics] {
        meta.extend(list.iter().map(String::as_str));
    }
    let (headings, body): (Vec<&Block>, Vec<&Block>) = doc
        .blocks
        .iter()
        .partition(|b| matches!(b, Block::Heading { .. }));
    let mut out: [Vec<&str>; FIELDS] = Default::default();
    out[TITLE] = vec![doc.title.as_str()];
    out[SPEAKER] = speakers;
    out[BODY] = body.into_iter().map(Block::text).collect();
    out[META] = meta;
    out[HEADING] = headings.into_iter().map(Block::text).collect();
    out
}

/// Every term occurrence of a document: `(field, term, position)`. Accented
/// words also yield their unfolded form, so exact matches can rank higher.
pub(crate) fn doc_terms(doc: &Document, mut visit: impl FnMut(usize, &str, u32)) -> [u32; FIELDS] {
    let mut base = 0u32;
    let mut lens = [0u32; FIELDS];
    for (field, texts) in field_texts(doc).iter().enumerate() {
        for text in texts {
            let mut max = None;
            for_each_token(text, &doc.lang, |t| {
                let position = t.position.saturating_add(base);
                visit(field, &t.term, position);
                if t.text != t.term {
                    visit(field, &t.text, position);
                }
                if t.primary {
                    lens[field] += 1;
                }
                max = max.max(Some(t.position));
            });
            if let Some(m) = max {
                base = base.saturating_add(m + 1 + POSITION_GAP);
            }
        }
    }
    lens
}

impl IndexWriter<Vec<IndexFile>> {
    /// A writer that keeps every file in memory until [`finish`](Self::finish).
    pub fn new(settings: WriterSettings) -> Self {
        IndexWriter::with_sink(settings, Vec::new())
    }

    /// All index files, sorted by name, `manifest.json` first.
    pub fn finish(self) -> Result<Vec<IndexFile>, FormatError> {
        let mut files = self.finish_into()?;
        files.sort_by(|a, b| {
            (a.name != MANIFEST_FILE, &a.name).cmp(&(b.name != MANIFEST_FILE, &b.name))
        });
        Ok(files)
    }
}

impl<S: IndexSink> IndexWriter<S> {
    /// A writer that hands each file to `sink` as soon as it is complete.
    /// With `settings.doc_chunk_bytes` set, doc chunks are written while
    /// documents are added and the writer never holds more than one group
    /// of them; with 0 (automatic) every document waits for `finish`.
    pub fn with_sink(settings: WriterSettings, sink: S) -> Self {
        let docs = match settings.doc_chunk_bytes {
            0 => DocStore::Held(Vec::new()),
            b => DocStore::Cut(DocChunks::new(b, DOCS_STEM)),
        };
        IndexWriter {
            settings,
            sink,
            terms: HashMap::new(),
            len_sums: [0; FIELDS],
            dates: Vec::new(),
            facets: Facet::ALL.iter().map(|_| FacetAcc::default()).collect(),
            docs,
            ids: Vec::new(),
            langs: BTreeSet::new(),
            error: None,
        }
    }

    /// DocNum = insertion order; the caller adds documents in a
    /// deterministic order. An error (a document that cannot be encoded,
    /// a failing sink) is kept for `finish` to report.
    pub fn add(&mut self, doc: &Document) -> DocNum {
        let num = self.index(doc);
        if let Err(e) = docstore::encode_doc(doc).and_then(|json| self.store(&json)) {
            self.error.get_or_insert(e);
        }
        num
    }

    /// Adds the document `json` encodes (as [`docstore::encode_doc`]
    /// writes it) and returns it decoded. The bytes are stored as they are,
    /// so a caller that keeps documents packed never encodes them twice.
    pub fn add_encoded(&mut self, json: &[u8]) -> Result<Document, FormatError> {
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        let doc = docstore::decode_doc(json)?;
        self.index(&doc);
        if let Err(e) = self.store(json) {
            self.error.get_or_insert(e.clone());
            return Err(e);
        }
        Ok(doc)
    }

    /// Chunks cut and not yet handed to the sink (at most one group per
    /// kind): what a streaming build holds besides the posting lists.
    pub fn held_chunks(&self) -> usize {
        match &self.docs {
            DocStore::Cut(c) => c.held(),
            DocStore::Held(_) => 0,
        }
    }

    fn store(&mut self, json: &[u8]) -> Result<(), FormatError> {
        if self.error.is_some() {
            return Ok(());
        }
        match &mut self.docs {
            DocStore::Cut(chunks) => chunks.push(json, &mut self.sink),
            DocStore::Held(all) => {
                all.push(json.to_vec());
                Ok(())
            }
        }
    }

    /// Everything but the document's stored JSON: postings, lengths,
    /// dates, facets, id and language.
    fn index(&mut self, doc: &Document) -> DocNum {
        let num = self.ids.len() as DocNum;
        let mut local: HashMap<String, DocPosting> = HashMap::new();
        let lens = doc_terms(doc, |field, term, position| {
            // Look up before allocating: most occurrences repeat a term.
            let p = match local.get_mut(term) {
                Some(p) => p,
                None => local.entry(term.to_string()).or_insert_with(|| DocPosting {
                    doc: num,
                    ..Default::default()
                }),
            };
            p.tf[field] += 1;
            p.positions.push(position);
        });
        let qlens = lens.map(quantize_len);
        for (term, mut p) in local {
            p.positions.sort_unstable();
            p.lens = qlens;
            match self.terms.get_mut(&term) {
                Some(list) => list.push(&p),
                None => {
                    let mut acc = PostingsAcc::default();
                    acc.push(&p);
                    self.terms.insert(term, acc);
                }
            }
        }
        for (sum, l) in self.len_sums.iter_mut().zip(lens) {
            *sum += u64::from(l);
        }
        let date = pack_date(doc.date.as_deref(), doc.year);
        self.dates.push(date);
        for (acc, facet) in self.facets.iter_mut().zip(Facet::ALL) {
            let mut v: Vec<String> = doc
                .facet_values(facet)
                .into_iter()
                .filter(|s| !s.trim().is_empty())
                .collect();
            if facet == Facet::Year && v.is_empty() {
                // A dated document without an explicit year still has one.
                v.extend(super::docmeta::format_date(date).map(|d| d[..4].to_string()));
            }
            v.sort();
            v.dedup();
            acc.push(&v);
        }
        self.ids.push(doc.id.clone());
        if !doc.lang.is_empty() {
            self.langs.insert(doc.lang.to_lowercase());
        }
        num
    }

    /// Sets the search help's example queries, known only once every
    /// document went by.
    pub fn set_examples(&mut self, examples: super::SearchExamples) {
        self.settings.archive.examples = examples;
    }

    /// Writes the rest of the index (dictionary, postings, docmeta, ids,
    /// the last doc chunks, then `manifest.json`) and returns the sink.
    pub fn finish_into(mut self) -> Result<S, FormatError> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let doc_count = u32::try_from(self.ids.len()).map_err(|_| FormatError::Write {
            reason: "too many documents".into(),
        })?;
        let sink = &mut self.sink;

        // Dictionary and postings chunks. Each posting list is dropped as
        // soon as it is encoded.
        let mut terms: Vec<(String, PostingsAcc)> = self.terms.into_iter().collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut term_chunks = ChunkGroups::new(TERMS_STEM);
        let mut posting_chunks = ChunkGroups::new(POSTINGS_STEM);
        let mut dict = TermDictBuilder::default();
        let mut post = PostingsBuilder::default();
        let mut post_range: Option<(String, String)> = None;
        let mut completions = Completions::default();
        for (term, list) in terms {
            let offset = post.add_encoded(&list);
            dict.add(&term, offset, u64::from(list.df()));
            completions.add(&term, super::termdict::pack(offset, u64::from(list.df())));
            drop(list);
            if dict.key_bytes() >= self.settings.dict_chunk_bytes {
                flush_dict(std::mem::take(&mut dict), &mut term_chunks, sink)?;
            }
            let range = post_range.get_or_insert_with(|| (term.clone(), String::new()));
            range.1 = term;
            if post.len() >= self.settings.term_chunk_bytes {
                let range = post_range.take().unwrap_or_default();
                posting_chunks.push(std::mem::take(&mut post).finish(), range, sink)?;
            }
        }
        if let Some(range) = post_range.take() {
            posting_chunks.push(post.finish(), range, sink)?;
        }
        let term_chunks = finish_dicts(dict, term_chunks, sink)?;
        let completion_chunks =
            write_completions(completions, self.settings.dict_chunk_bytes, sink)?;
        let posting_chunks = posting_entries(posting_chunks.finish(sink)?);

        // Docmeta.
        let n = doc_count as usize;
        let mut meta = DocMeta {
            doc_count,
            dates: self.dates,
            ..Default::default()
        };
        for f in 0..FIELDS {
            let total = self.len_sums[f];
            meta.avg_len[f] = if n == 0 {
                0.0
            } else {
                (total as f64 / n as f64) as f32
            };
        }
        for (acc, facet) in self.facets.into_iter().zip(Facet::ALL) {
            meta.facets.push(acc.finish(facet.name(), n));
        }
        let mut listed = Vec::new();
        let docmeta = put_listed(sink, "docmeta", meta.encode(), &mut listed)?;
        drop(meta);

        let ids = write_ids(&self.ids, sink, &mut listed)?;

        // The last doc chunks.
        let chunks = match self.docs {
            DocStore::Cut(chunks) => chunks,
            DocStore::Held(all) => {
                let budget = auto_doc_chunk_bytes(all.iter().map(Vec::len).sum());
                let mut chunks = DocChunks::new(budget, DOCS_STEM);
                for json in all {
                    chunks.push(&json, sink)?;
                }
                chunks
            }
        };
        let doc_chunks = chunks.finish(sink)?;

        listed.sort_by(|a: &FileEntry, b| a.name.cmp(&b.name));
        let manifest = Manifest {
            format_version: FORMAT_VERSION,
            generator: self.settings.generator,
            archive: self.settings.archive,
            search: self.settings.search,
            doc_count,
            langs: self.langs.into_iter().collect(),
            docmeta,
            ids,
            files: listed,
            term_chunks,
            completion_chunks,
            posting_chunks,
            doc_chunks,
        };
        put(sink, MANIFEST_FILE, manifest.to_json())?;
        Ok(self.sink)
    }
}

/// The completion lists as dictionary chunks of their own.
fn write_completions(
    completions: Completions,
    chunk_bytes: usize,
    sink: &mut impl IndexSink,
) -> Result<Vec<TermChunkEntry>, FormatError> {
    let mut chunks = ChunkGroups::new(COMPLETIONS_STEM);
    let mut dict = TermDictBuilder::default();
    for (term, packed) in completions.finish() {
        let (offset, df) = super::termdict::unpack(packed);
        dict.add(&term, offset, u64::from(df));
        if dict.key_bytes() >= chunk_bytes {
            flush_dict(std::mem::take(&mut dict), &mut chunks, sink)?;
        }
    }
    finish_dicts(dict, chunks, sink)
}

/// Each postings chunk with the shortest key that sorts after the previous
/// chunk's last term (the first chunk's is empty).
fn posting_entries(chunks: Vec<(String, (String, String))>) -> Vec<PostingChunkEntry> {
    let mut prev_last: Option<String> = None;
    chunks
        .into_iter()
        .map(|(file, (first, last))| {
            let first = match &prev_last {
                None => String::new(),
                Some(prev) => shortest_after(prev, &first).to_string(),
            };
            prev_last = Some(last);
            PostingChunkEntry { file, first }
        })
        .collect()
}

/// The id → document table; two documents with one id are an error.
fn write_ids(
    ids: &[String],
    sink: &mut impl IndexSink,
    listed: &mut Vec<FileEntry>,
) -> Result<String, FormatError> {
    let mut id_list: Vec<(&str, DocNum)> = ids
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i as DocNum))
        .collect();
    id_list.sort_unstable();
    if let Some(w) = id_list.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(FormatError::Write {
            reason: format!("two documents have the id {:?}", w[0].0),
        });
    }
    put_listed(sink, "ids", ids::encode(&id_list)?, listed)
}

/// Writes a file the manifest lists by size and hash; returns its name.
fn put_listed(
    sink: &mut impl IndexSink,
    stem: &str,
    bytes: Vec<u8>,
    listed: &mut Vec<FileEntry>,
) -> Result<String, FormatError> {
    let name = hashed_name(stem, "bin", &bytes);
    listed.push(FileEntry {
        name: name.clone(),
        size: bytes.len() as u64,
        sha256: sha256_hex(&bytes),
    });
    put(sink, &name, bytes)?;
    Ok(name)
}

#[cfg(test)]
mod tests;
