//! `IndexWriter`: documents in, index files out (all in memory; the caller
//! writes them). Output bytes depend only on the documents, their order
//! and the settings.

use super::docmeta::{pack_date, quantize_len, DocMeta, FacetColumn};
use super::manifest::{DocChunkEntry, FileEntry, Manifest, TermChunkEntry, MANIFEST_FILE};
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

/// Writes one postings chunk covering the term range `first..=last`.
fn flush_postings(
    post: PostingsBuilder,
    (first, last): (String, String),
    files: &mut Vec<IndexFile>,
    chunks: &mut Vec<TermChunkEntry>,
) {
    let bytes = post.finish();
    let name = hashed_name(&format!("postings-{:03}", chunks.len()), "bin", &bytes);
    chunks.push(TermChunkEntry {
        file: name.clone(),
        first,
        last,
        size: bytes.len() as u64,
    });
    files.push(IndexFile { name, bytes });
}

fn flush_dict(
    dict: TermDictBuilder,
    files: &mut Vec<IndexFile>,
    chunks: &mut Vec<TermChunkEntry>,
) -> Result<(), FormatError> {
    let Some((first, last)) = dict
        .first_last()
        .map(|(a, b)| (a.to_string(), b.to_string()))
    else {
        return Ok(());
    };
    let bytes = dict.finish()?;
    let name = hashed_name(&format!("terms-{:03}", chunks.len()), "bin", &bytes);
    chunks.push(TermChunkEntry {
        file: name.clone(),
        first,
        last,
        size: bytes.len() as u64,
    });
    files.push(IndexFile { name, bytes });
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
    /// Target raw size of one docs chunk: small, because a result page
    /// fetches the chunks of its top hits, which are spread over the corpus.
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
            doc_chunk_bytes: 24 * 1024,
            term_chunk_bytes: 48 * 1024,
            dict_chunk_bytes: 48 * 1024,
        }
    }
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
    lens: [Vec<u32>; FIELDS],
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
            lens: Default::default(),
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
        for (term, mut p) in local {
            p.positions.sort_unstable();
            match self.terms.get_mut(&term) {
                Some(list) => list.push(&p),
                None => {
                    let mut acc = PostingsAcc::default();
                    acc.push(&p);
                    self.terms.insert(term, acc);
                }
            }
        }
        for (f, l) in lens.iter().enumerate() {
            self.lens[f].push(*l);
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
        let mut term_chunks = Vec::new();
        let mut posting_chunks = Vec::new();
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
                flush_postings(
                    std::mem::take(&mut post),
                    (first, last),
                    &mut files,
                    &mut posting_chunks,
                );
            }
            if dict.key_bytes() >= self.settings.dict_chunk_bytes {
                flush_dict(std::mem::take(&mut dict), &mut files, &mut term_chunks)?;
            }
        }
        if let Some((first, last)) = post_range.take() {
            flush_postings(post, (first, last), &mut files, &mut posting_chunks);
        }
        flush_dict(dict, &mut files, &mut term_chunks)?;

        // Docmeta.
        let n = doc_count as usize;
        let mut meta = DocMeta {
            doc_count,
            dates: self.dates,
            ..Default::default()
        };
        for f in 0..FIELDS {
            let total: u64 = self.lens[f].iter().map(|&l| u64::from(l)).sum();
            meta.avg_len[f] = if n == 0 {
                0.0
            } else {
                (total as f64 / n as f64) as f32
            };
            meta.lens[f] = self.lens[f].iter().map(|&l| quantize_len(l)).collect();
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
        let mut doc_chunks = Vec::new();
        let mut start = 0usize;
        while start < n {
            let mut end = start;
            let mut size = 2;
            while end < n
                && (end == start
                    || size + self.docs_json[end].len() < self.settings.doc_chunk_bytes)
            {
                size += self.docs_json[end].len() + 1;
                end += 1;
            }
            let mut bytes = Vec::with_capacity(size);
            bytes.push(b'[');
            bytes.extend_from_slice(&self.docs_json[start..end].join(&b","[..]));
            bytes.push(b']');
            let name = hashed_name(&format!("docs-{:03}", doc_chunks.len()), "json", &bytes);
            doc_chunks.push(DocChunkEntry {
                file: name.clone(),
                first: start as DocNum,
                last: (end - 1) as DocNum,
                size: bytes.len() as u64,
            });
            files.push(IndexFile { name, bytes });
            start = end;
        }

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
