//! `IndexWriter`: documents in, index files out (all in memory; the caller
//! writes them). Output bytes depend only on the documents, their order
//! and the settings.

use super::docmeta::{pack_date, quantize_len, DocMeta, FacetColumn};
use super::manifest::{
    chunk_names, DocChunkEntry, FileEntry, Manifest, PostingChunkEntry, TermChunkEntry, DOCS_STEM,
    MANIFEST_FILE, POSTINGS_STEM, TERMS_STEM,
};
use super::postings::{DocPosting, PostingsAcc, BODY, FIELDS, META, SPEAKER, TITLE};
use super::termdict::{PostingsBuilder, TermDictBuilder};
use super::{
    docstore, hashed_name, ids, sha256_hex, ArchiveInfo, FormatError, SearchSettings,
    FORMAT_VERSION,
};
use crate::api::DocNum;
use crate::model::{Block, Document, FACETS};
use crate::tokenizer::tokenize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Chunks of one kind as they are cut: bytes and term range. Their names
/// are given once all are cut, since a name hashes its whole group.
#[derive(Default)]
struct TermChunks(Vec<(Vec<u8>, String, String)>);

impl TermChunks {
    /// Names the chunks, adds them to `files` and returns their entries.
    fn finish(self, stem: &str, files: &mut Vec<IndexFile>) -> Vec<TermChunkEntry> {
        let (bodies, ranges): (Vec<Vec<u8>>, Vec<(String, String)>) =
            self.0.into_iter().map(|(b, f, l)| (b, (f, l))).unzip();
        name_chunks(stem, bodies, ranges, files, |file, (first, last)| {
            TermChunkEntry { file, first, last }
        })
    }
}

/// Names the chunks of one kind (a name hashes its whole group), adds them
/// to `files` and returns one manifest entry per chunk, made by `entry` from
/// the chunk's name and range.
fn name_chunks<R, E>(
    stem: &str,
    bodies: Vec<Vec<u8>>,
    ranges: Vec<R>,
    files: &mut Vec<IndexFile>,
    entry: impl Fn(String, R) -> E,
) -> Vec<E> {
    let names = chunk_names(stem, "bin", &bodies);
    let entries = names
        .iter()
        .cloned()
        .zip(ranges)
        .map(|(name, range)| entry(name, range))
        .collect();
    files.extend(
        names
            .into_iter()
            .zip(bodies)
            .map(|(name, bytes)| IndexFile { name, bytes }),
    );
    entries
}

/// The shortest prefix of `next` (on a character boundary) that sorts
/// after `prev`; `prev < next`.
fn shortest_after<'a>(prev: &str, next: &'a str) -> &'a str {
    next.char_indices()
        .map(|(i, c)| &next[..i + c.len_utf8()])
        .find(|p| *p > prev)
        .unwrap_or(next)
}

/// Cuts one dictionary chunk (nothing when it is empty).
fn flush_dict(dict: TermDictBuilder, chunks: &mut TermChunks) -> Result<(), FormatError> {
    let Some((first, last)) = dict
        .first_last()
        .map(|(a, b)| (a.to_string(), b.to_string()))
    else {
        return Ok(());
    };
    chunks.0.push((dict.finish()?, first, last));
    Ok(())
}

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
                page_size: 20,
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
/// between 2 and 32 KiB. A first result page fetches up to ten chunks (cost
/// ∝ size) after a manifest whose doc table grows with the number of chunks
/// (cost ∝ total / size); the sum is smallest near `√(total × c)`, and 0.75
/// fits the measured costs (≈4 KiB for 30 MB of Reuters stories, ≈7 KiB for
/// 94 MB of dictionary entries, see docs/benchmarks.md).
pub fn auto_doc_chunk_bytes(total: usize) -> usize {
    ((total as f64).sqrt() * 0.75).clamp(2048.0, 32768.0) as usize
}

/// One output file; `name` is relative to the index folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

pub struct IndexWriter {
    settings: WriterSettings,
    terms: HashMap<String, PostingsAcc>,
    /// Total field lengths, for the averages BM25F normalises by.
    len_sums: [u64; FIELDS],
    dates: Vec<u32>,
    facet_values: Vec<Vec<Vec<String>>>,
    docs_json: Vec<Vec<u8>>,
    ids: Vec<String>,
    langs: BTreeSet<String>,
    error: Option<FormatError>,
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
    let body = doc.blocks.iter().map(Block::text).collect();
    let mut out: [Vec<&str>; FIELDS] = Default::default();
    out[TITLE] = vec![doc.title.as_str()];
    out[SPEAKER] = speakers;
    out[BODY] = body;
    out[META] = meta;
    out
}

/// Every term occurrence of a document: `(field, term, position)`. Accented
/// words also yield their unfolded form, so exact matches can rank higher.
pub(crate) fn doc_terms(doc: &Document, mut visit: impl FnMut(usize, &str, u32)) -> [u32; FIELDS] {
    let mut base = 0u32;
    let mut lens = [0u32; FIELDS];
    for (field, texts) in field_texts(doc).iter().enumerate() {
        for text in texts {
            let toks = tokenize(text, &doc.lang);
            let mut max = None;
            for t in &toks {
                let position = t.position.saturating_add(base);
                visit(field, &t.term, position);
                if t.text != t.term {
                    visit(field, &t.text, position);
                }
                if t.primary {
                    lens[field] += 1;
                }
                max = max.max(Some(t.position));
            }
            if let Some(m) = max {
                base = base.saturating_add(m + 1 + POSITION_GAP);
            }
        }
    }
    lens
}

impl IndexWriter {
    pub fn new(settings: WriterSettings) -> Self {
        IndexWriter {
            settings,
            terms: HashMap::new(),
            len_sums: [0; FIELDS],
            dates: Vec::new(),
            facet_values: vec![Vec::new(); FACETS.len()],
            docs_json: Vec::new(),
            ids: Vec::new(),
            langs: BTreeSet::new(),
            error: None,
        }
    }

    /// DocNum = insertion order; the caller adds documents in a
    /// deterministic order.
    pub fn add(&mut self, doc: &Document) -> DocNum {
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
        self.dates.push(pack_date(doc.date.as_deref(), doc.year));
        for (i, facet) in FACETS.iter().enumerate() {
            let mut v: Vec<String> = doc
                .facet_values(facet)
                .into_iter()
                .filter(|s| !s.trim().is_empty())
                .collect();
            if *facet == "year" && v.is_empty() {
                // A dated document without an explicit year still has one.
                let packed = self.dates.last().copied().unwrap_or(0);
                v.extend(super::docmeta::format_date(packed).map(|d| d[..4].to_string()));
            }
            v.sort();
            v.dedup();
            self.facet_values[i].push(v);
        }
        match docstore::encode(&[doc]) {
            // Strip the array brackets: chunks are re-assembled in finish().
            Ok(b) => self.docs_json.push(b[1..b.len() - 1].to_vec()),
            Err(e) => {
                self.error.get_or_insert(e);
                self.docs_json.push(b"{}".to_vec());
            }
        }
        self.ids.push(doc.id.clone());
        if !doc.lang.is_empty() {
            self.langs.insert(doc.lang.to_lowercase());
        }
        num
    }

    pub fn finish(self) -> Result<Vec<IndexFile>, FormatError> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let doc_count = u32::try_from(self.ids.len()).map_err(|_| FormatError::Write {
            reason: "too many documents".into(),
        })?;
        let mut files: Vec<IndexFile> = Vec::new();

        // Dictionary and postings chunks.
        let mut terms: Vec<(String, PostingsAcc)> = self.terms.into_iter().collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut term_chunks = TermChunks::default();
        let mut posting_chunks = TermChunks::default();
        let mut dict = TermDictBuilder::default();
        let mut post = PostingsBuilder::default();
        let mut post_range: Option<(String, String)> = None;
        for (term, list) in &terms {
            let offset = post.add_encoded(list);
            let range = post_range.get_or_insert_with(|| (term.clone(), term.clone()));
            range.1.clone_from(term);
            dict.add(term, offset, u64::from(list.df()));
            if post.len() >= self.settings.term_chunk_bytes {
                let (first, last) = post_range.take().unwrap_or_default();
                posting_chunks
                    .0
                    .push((std::mem::take(&mut post).finish(), first, last));
            }
            if dict.key_bytes() >= self.settings.dict_chunk_bytes {
                flush_dict(std::mem::take(&mut dict), &mut term_chunks)?;
            }
        }
        if let Some((first, last)) = post_range.take() {
            posting_chunks.0.push((post.finish(), first, last));
        }
        flush_dict(dict, &mut term_chunks)?;
        let term_chunks = term_chunks.finish(TERMS_STEM, &mut files);
        let mut prev_last: Option<String> = None;
        let posting_chunks = posting_chunks
            .finish(POSTINGS_STEM, &mut files)
            .into_iter()
            .map(|c| {
                let first = match &prev_last {
                    None => String::new(),
                    Some(prev) => shortest_after(prev, &c.first).to_string(),
                };
                prev_last = Some(c.last);
                PostingChunkEntry {
                    file: c.file,
                    first,
                }
            })
            .collect();

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
        for (i, facet) in FACETS.iter().enumerate() {
            let values: BTreeSet<&String> = self.facet_values[i].iter().flatten().collect();
            let index: BTreeMap<&String, u32> = values
                .iter()
                .enumerate()
                .map(|(k, v)| (*v, k as u32))
                .collect();
            let mut col = FacetColumn {
                name: facet.to_string(),
                values: values.iter().map(|v| (*v).clone()).collect(),
                ..Default::default()
            };
            col.offsets.push(0);
            for dv in &self.facet_values[i] {
                col.ids.extend(dv.iter().filter_map(|v| index.get(v)));
                col.offsets.push(col.ids.len() as u32);
            }
            meta.facets.push(col);
        }
        let meta_bytes = meta.encode();
        let docmeta_name = hashed_name("docmeta", "bin", &meta_bytes);
        files.push(IndexFile {
            name: docmeta_name.clone(),
            bytes: meta_bytes,
        });

        // Ids.
        let mut id_list: Vec<(&str, DocNum)> = self
            .ids
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
        let ids_bytes = ids::encode(&id_list)?;
        let ids_name = hashed_name("ids", "bin", &ids_bytes);
        files.push(IndexFile {
            name: ids_name.clone(),
            bytes: ids_bytes,
        });

        // Doc chunks.
        let budget = match self.settings.doc_chunk_bytes {
            0 => auto_doc_chunk_bytes(self.docs_json.iter().map(Vec::len).sum()),
            b => b,
        };
        let mut doc_ranges = Vec::new();
        let mut doc_bodies = Vec::new();
        let mut start = 0usize;
        while start < n {
            let mut end = start;
            let mut size = 2;
            while end < n && (end == start || size + self.docs_json[end].len() < budget) {
                size += self.docs_json[end].len() + 1;
                end += 1;
            }
            let mut json = Vec::with_capacity(size);
            json.push(b'[');
            json.extend_from_slice(&self.docs_json[start..end].join(&b","[..]));
            json.push(b']');
            doc_bodies.push(docstore::wrap(&json));
            doc_ranges.push((start as DocNum, (end - 1) as DocNum));
            start = end;
        }
        let doc_chunks = name_chunks(
            DOCS_STEM,
            doc_bodies,
            doc_ranges,
            &mut files,
            |file, (first, last)| DocChunkEntry { file, first, last },
        );

        files.sort_by(|a, b| a.name.cmp(&b.name));
        let manifest = Manifest {
            format_version: FORMAT_VERSION,
            generator: self.settings.generator,
            archive: self.settings.archive,
            search: self.settings.search,
            doc_count,
            langs: self.langs.into_iter().collect(),
            docmeta: docmeta_name.clone(),
            ids: ids_name.clone(),
            files: files
                .iter()
                .filter(|f| f.name == docmeta_name || f.name == ids_name)
                .map(|f| FileEntry {
                    name: f.name.clone(),
                    size: f.bytes.len() as u64,
                    sha256: sha256_hex(&f.bytes),
                })
                .collect(),
            term_chunks,
            posting_chunks,
            doc_chunks,
        };
        files.insert(
            0,
            IndexFile {
                name: MANIFEST_FILE.to_string(),
                bytes: manifest.to_json(),
            },
        );
        Ok(files)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortest_after_is_the_shortest_separating_prefix() {
        assert_eq!(shortest_after("abandon", "abandoned"), "abandone");
        assert_eq!(shortest_after("apple", "banana"), "b");
        assert_eq!(shortest_after("zz", "é"), "é");
        assert_eq!(shortest_after("juarez", "juárez"), "juá");
    }

    #[test]
    fn doc_chunk_size_grows_with_the_square_root_of_the_corpus() {
        assert_eq!(auto_doc_chunk_bytes(0), 2048);
        assert_eq!(auto_doc_chunk_bytes(100_000_000), 7500);
        assert_eq!(auto_doc_chunk_bytes(1 << 40), 32768);
    }
}
