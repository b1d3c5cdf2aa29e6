//! `manifest.json`: the one file with a fixed name. It names every other
//! file (with size and SHA-256), the term range of each term chunk and the
//! document range of each doc chunk, plus the archive and search settings
//! the reader needs before anything else.

use super::{FormatError, FORMAT_VERSION, OLDEST_SUPPORTED};
use crate::api::DocNum;
use crate::json;
use serde::{Deserialize, Serialize};

pub const MANIFEST_FILE: &str = "manifest.json";

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(default)]
pub struct ArchiveInfo {
    pub name: String,
    pub description: String,
    pub public_url: String,
    pub lang: String,
    pub page_size: u32,
    pub embed: EmbedInfo,
    /// Queries of each kind the search box understands, chosen from this
    /// archive's own documents so each finds something (the reader's
    /// search help shows them). Empty in older indexes.
    #[serde(skip_serializing_if = "SearchExamples::is_empty")]
    pub examples: SearchExamples,
}

/// One example query per kind of syntax; a kind the corpus cannot show
/// (no speakers, no dates) is left out.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(default)]
pub struct SearchExamples {
    /// Two words of one document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub words: Option<String>,
    /// Two adjacent words in quotes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phrase: Option<String>,
    /// A word, and a word left out (`-word`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclude: Option<String>,
    /// `a OR b`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub either: Option<String>,
    /// A word cut short, as while it is typed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// `field:value` filters (speaker, person, place, type, source).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    /// `year:`, `year:a..b`, `after:` filters.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<String>,
}

impl SearchExamples {
    pub fn is_empty(&self) -> bool {
        *self == SearchExamples::default()
    }
}

/// Result cards per page when `archive.toml` does not say. Ten: each card
/// of a large index needs its document chunk for the snippet, and twenty
/// made the documents two thirds of what a typed word downloads (the rest
/// come with "Show more").
pub const DEFAULT_PAGE_SIZE: u32 = 10;

impl ArchiveInfo {
    /// Result cards per page: `page_size`, or [`DEFAULT_PAGE_SIZE`] when it
    /// is unset (0). The reader's pages and the first page build-index
    /// writes into `index.html` both use it.
    pub fn cards_per_page(&self) -> usize {
        match self.page_size {
            0 => DEFAULT_PAGE_SIZE as usize,
            n => n as usize,
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(default)]
pub struct EmbedInfo {
    pub allowed_origins: Vec<String>,
    pub allow_filter_change: bool,
}

/// BM25F field weights: how much one occurrence in each field counts.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(default)]
pub struct FieldWeights {
    pub title: f32,
    pub speaker: f32,
    pub body: f32,
    pub meta: f32,
    /// Section headings (`<h2>`…, Markdown `##`): where reference pages
    /// name what they document.
    pub heading: f32,
}

impl Default for FieldWeights {
    fn default() -> Self {
        FieldWeights {
            title: 4.0,
            speaker: 2.0,
            body: 1.0,
            meta: 1.5,
            heading: 8.0,
        }
    }
}

impl FieldWeights {
    pub fn as_array(&self) -> [f32; 5] {
        [self.title, self.speaker, self.body, self.meta, self.heading]
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default)]
pub struct SearchSettings {
    /// Words shorter than this must match exactly.
    pub one_typo_min_len: usize,
    /// Words at least this long may have two typos.
    pub two_typos_min_len: usize,
    pub weights: FieldWeights,
}

impl Default for SearchSettings {
    fn default() -> Self {
        SearchSettings {
            one_typo_min_len: 5,
            two_typos_min_len: 9,
            weights: FieldWeights::default(),
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct FileEntry {
    pub name: String,
    pub size: u64,
    pub sha256: String,
}

/// A dictionary or postings chunk holds every term `t` with
/// `first <= t <= last` (byte order).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermChunkEntry {
    pub file: String,
    pub first: String,
    pub last: String,
}

/// A postings chunk holds the posting lists of every term `t` with
/// `first <= t < ` the next chunk's `first` (byte order). `first` is the
/// shortest prefix of the chunk's first term that sorts after the previous
/// chunk's last term ("" for the first chunk): the dictionary says which
/// terms exist, so the postings table only needs where one chunk ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostingChunkEntry {
    pub file: String,
    pub first: String,
}

/// A doc chunk holds documents `first..=last`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocChunkEntry {
    pub file: String,
    pub first: DocNum,
    pub last: DocNum,
}

/// The parsed manifest. On disk the chunk tables are column-oriented
/// (see [`ManifestWire`]): a 100,000-document archive has thousands of doc
/// chunks, and one JSON object per chunk made the manifest the largest
/// start-up download.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(into = "ManifestWire", try_from = "ManifestWire")]
pub struct Manifest {
    pub format_version: u32,
    pub generator: String,
    pub archive: ArchiveInfo,
    pub search: SearchSettings,
    pub doc_count: u32,
    /// Languages of the documents (ISO 639-1, sorted): the stemmers a query
    /// runs with.
    #[serde(default)]
    pub langs: Vec<String>,
    pub docmeta: String,
    pub ids: String,
    /// The start-up files (docmeta, ids) with size and SHA-256. Chunk files
    /// carry the hash of their group in their name (see [`chunk_names`]).
    pub files: Vec<FileEntry>,
    /// Dictionary chunks (fst term → postings offset and df).
    pub term_chunks: Vec<TermChunkEntry>,
    /// Completion chunks (same format as dictionary chunks): the most
    /// frequent completions of every one- and two-character prefix, and
    /// every term of at most two characters. Empty in a version 4 index.
    pub completion_chunks: Vec<TermChunkEntry>,
    /// Postings chunks (the posting lists of a term range).
    pub posting_chunks: Vec<PostingChunkEntry>,
    pub doc_chunks: Vec<DocChunkEntry>,
}

/// Hex digits of SHA-256 in a chunk file name.
pub const NAME_HASH_HEX: usize = 12;

/// The content hash in a chunk file name (`docs-007-3fa2c1d9e0b4.bin` →
/// `3fa2c1d9e0b4`): the first [`NAME_HASH_HEX`] hex digits of the file's SHA-256.
pub fn hash_of_name(name: &str) -> Option<&str> {
    let stem = name.rsplit_once('.')?.0;
    let hash = stem.rsplit_once('-')?.1;
    (hash.len() == NAME_HASH_HEX && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
        .then_some(hash)
}

/// Chunks of one kind share a name hash in groups of this many, by
/// position: chunks `16g..16g + 16` form group `g`.
pub const CHUNK_GROUP: usize = 16;

/// Name of chunk `i` of a kind: `<stem>-<i, 3 digits or more>-<hash>.<ext>`.
pub fn chunk_name(stem: &str, i: usize, hash: &str, ext: &str) -> String {
    format!("{stem}-{i:03}-{hash}.{ext}")
}

/// Names for the chunks of one kind, in order. The hash of a group is the
/// first [`NAME_HASH_HEX`] hex digits of the SHA-256 of its chunks'
/// SHA-256 digests (32 bytes each, in order): a name changes whenever a
/// chunk of its group does, so every chunk can be cached forever, while
/// the manifest lists one hash per group instead of one per chunk. Each
/// chunk checks itself with the CRC of its envelope.
pub fn chunk_names(stem: &str, ext: &str, bodies: &[Vec<u8>]) -> Vec<String> {
    bodies
        .chunks(CHUNK_GROUP)
        .enumerate()
        .flat_map(|(g, group)| chunk_group_names(stem, ext, g * CHUNK_GROUP, group))
        .collect()
}

/// Names for one group of chunks, the first of which is chunk `first` (a
/// multiple of [`CHUNK_GROUP`]): what [`chunk_names`] gives them, computed
/// as soon as the group is complete, so a writer can hand chunks out a
/// group at a time.
pub fn chunk_group_names(stem: &str, ext: &str, first: usize, group: &[Vec<u8>]) -> Vec<String> {
    use sha2::{Digest, Sha256};
    if group.is_empty() {
        return Vec::new();
    }
    let mut h = Sha256::new();
    for b in group {
        h.update(Sha256::digest(b));
    }
    let hex = super::sha256_hex_of(&h.finalize());
    (0..group.len())
        .map(|j| chunk_name(stem, first + j, &hex[..NAME_HASH_HEX], ext))
        .collect()
}

pub const TERMS_STEM: &str = "terms";
pub const COMPLETIONS_STEM: &str = "completions";
pub const POSTINGS_STEM: &str = "postings";
pub const DOCS_STEM: &str = "docs";

/// `manifest.json` as stored: the chunk tables as columns, each chunk's
/// name rebuilt from its kind, its position and its hash.
#[derive(Serialize, Deserialize)]
struct ManifestWire {
    format_version: u32,
    generator: String,
    archive: ArchiveInfo,
    search: SearchSettings,
    doc_count: u32,
    #[serde(default)]
    langs: Vec<String>,
    docmeta: String,
    ids: String,
    files: Vec<FileEntry>,
    term_chunks: TermTable,
    #[serde(default, skip_serializing_if = "TermTable::is_empty")]
    completion_chunks: TermTable,
    posting_chunks: PostingTable,
    doc_chunks: DocTable,
}

/// Term-range chunks: `first[i]..=last[i]`; `hashes` is the name hashes of
/// the chunk groups concatenated ([`NAME_HASH_HEX`] hex digits each).
#[derive(Serialize, Deserialize, Default)]
struct TermTable {
    first: Vec<String>,
    last: Vec<String>,
    hashes: String,
}

/// Postings chunks: the lower bound of each chunk's term range.
#[derive(Serialize, Deserialize)]
struct PostingTable {
    first: Vec<String>,
    hashes: String,
}

/// Doc chunks: chunk `i` holds the next `counts[i]` documents.
#[derive(Serialize, Deserialize)]
struct DocTable {
    counts: Vec<u32>,
    hashes: String,
}

/// The group hashes of chunk names, concatenated.
fn hashes_of<'a>(names: impl Iterator<Item = &'a String>) -> String {
    names
        .step_by(CHUNK_GROUP)
        .map(|n| hash_of_name(n).unwrap_or(""))
        .collect()
}

/// The name hash of each of `n` chunks, from their groups' hashes.
fn split_hashes<'a>(hashes: &'a str, n: usize, what: &str) -> Result<Vec<&'a str>, String> {
    let groups = n.div_ceil(CHUNK_GROUP);
    if hashes.len() != groups * NAME_HASH_HEX || !hashes.is_ascii() {
        return Err(format!(
            "{what}: {n} chunks need {} hash digits",
            groups * NAME_HASH_HEX
        ));
    }
    Ok((0..n)
        .map(|i| {
            let g = i / CHUNK_GROUP;
            &hashes[g * NAME_HASH_HEX..(g + 1) * NAME_HASH_HEX]
        })
        .collect())
}

impl TermTable {
    fn is_empty(&self) -> bool {
        self.first.is_empty()
    }

    fn from_entries(entries: &[TermChunkEntry]) -> TermTable {
        TermTable {
            first: entries.iter().map(|c| c.first.clone()).collect(),
            last: entries.iter().map(|c| c.last.clone()).collect(),
            hashes: hashes_of(entries.iter().map(|c| &c.file)),
        }
    }

    fn into_entries(self, stem: &str, ext: &str) -> Result<Vec<TermChunkEntry>, String> {
        let n = self.first.len();
        if self.last.len() != n {
            return Err(format!(
                "{stem} chunks: {n} first terms but {} last terms",
                self.last.len()
            ));
        }
        let hashes = split_hashes(&self.hashes, n, stem)?;
        Ok(self
            .first
            .into_iter()
            .zip(self.last)
            .zip(hashes)
            .enumerate()
            .map(|(i, ((first, last), h))| TermChunkEntry {
                file: chunk_name(stem, i, h, ext),
                first,
                last,
            })
            .collect())
    }
}

impl From<Manifest> for ManifestWire {
    fn from(m: Manifest) -> Self {
        ManifestWire {
            format_version: m.format_version,
            generator: m.generator,
            archive: m.archive,
            search: m.search,
            doc_count: m.doc_count,
            langs: m.langs,
            docmeta: m.docmeta,
            ids: m.ids,
            files: m.files,
            term_chunks: TermTable::from_entries(&m.term_chunks),
            completion_chunks: TermTable::from_entries(&m.completion_chunks),
            posting_chunks: PostingTable {
                first: m.posting_chunks.iter().map(|c| c.first.clone()).collect(),
                hashes: hashes_of(m.posting_chunks.iter().map(|c| &c.file)),
            },
            doc_chunks: DocTable {
                counts: m.doc_chunks.iter().map(|c| c.last - c.first + 1).collect(),
                hashes: hashes_of(m.doc_chunks.iter().map(|c| &c.file)),
            },
        }
    }
}

impl TryFrom<ManifestWire> for Manifest {
    type Error = String;

    fn try_from(w: ManifestWire) -> Result<Self, String> {
        let hashes = split_hashes(&w.doc_chunks.hashes, w.doc_chunks.counts.len(), DOCS_STEM)?;
        let mut next = 0u32;
        let mut doc_chunks = Vec::with_capacity(hashes.len());
        for (i, (&count, h)) in w.doc_chunks.counts.iter().zip(hashes).enumerate() {
            let last = next
                .checked_add(count)
                .and_then(|e| e.checked_sub(1))
                .filter(|_| count > 0)
                .ok_or_else(|| format!("doc chunk {i} has {count} documents"))?;
            doc_chunks.push(DocChunkEntry {
                file: chunk_name(DOCS_STEM, i, h, "bin"),
                first: next,
                last,
            });
            next = last.saturating_add(1);
        }
        Ok(Manifest {
            format_version: w.format_version,
            generator: w.generator,
            archive: w.archive,
            search: w.search,
            doc_count: w.doc_count,
            langs: w.langs,
            docmeta: w.docmeta,
            ids: w.ids,
            files: w.files,
            term_chunks: w.term_chunks.into_entries(TERMS_STEM, "bin")?,
            completion_chunks: w.completion_chunks.into_entries(COMPLETIONS_STEM, "bin")?,
            posting_chunks: {
                let t = w.posting_chunks;
                let hashes = split_hashes(&t.hashes, t.first.len(), POSTINGS_STEM)?;
                t.first
                    .into_iter()
                    .zip(hashes)
                    .enumerate()
                    .map(|(i, (first, h))| PostingChunkEntry {
                        file: chunk_name(POSTINGS_STEM, i, h, "bin"),
                        first,
                    })
                    .collect()
            },
            doc_chunks,
        })
    }
}

impl Manifest {
    /// Parses and validates `manifest.json`.
    pub fn parse(json: &[u8]) -> Result<Manifest, FormatError> {
        // Read the version first, so a future manifest whose other fields
        // changed still gets a clear version error.
        let bad = |reason: String| FormatError::Json {
            file: MANIFEST_FILE.into(),
            reason,
        };
        let value = json::parse(json).map_err(bad)?;
        let fields = json::object(&value, "manifest").map_err(bad)?;
        let found = fields.u32("format_version").map_err(bad)?;
        if !(OLDEST_SUPPORTED..=FORMAT_VERSION).contains(&found) {
            return Err(FormatError::Version {
                file: MANIFEST_FILE.into(),
                found,
                supported: FORMAT_VERSION,
            });
        }
        let m = Manifest::try_from(ManifestWire::read(&fields).map_err(bad)?).map_err(bad)?;
        m.validate()?;
        Ok(m)
    }

    fn validate(&self) -> Result<(), FormatError> {
        let bad = |reason: String| FormatError::Corrupt {
            file: MANIFEST_FILE.into(),
            reason,
        };
        let listed = |name: &str| self.files.iter().any(|f| f.name == name);
        for name in [&self.docmeta, &self.ids] {
            if !listed(name) {
                return Err(bad(format!("{name} is referenced but not listed in files")));
            }
        }
        for table in [&self.term_chunks, &self.completion_chunks] {
            for c in table {
                if c.first > c.last || hash_of_name(&c.file).is_none() {
                    return Err(bad(format!("term chunk {} is invalid", c.file)));
                }
            }
            for w in table.windows(2) {
                if w[0].last >= w[1].first {
                    return Err(bad("term chunks overlap or are out of order".into()));
                }
            }
        }
        if self
            .posting_chunks
            .iter()
            .any(|c| hash_of_name(&c.file).is_none())
            || self
                .posting_chunks
                .windows(2)
                .any(|w| w[0].first >= w[1].first)
        {
            return Err(bad("postings chunks are out of order or misnamed".into()));
        }
        let mut next = 0u32;
        for c in &self.doc_chunks {
            if hash_of_name(&c.file).is_none() || c.first != next || c.last < c.first {
                return Err(bad(format!(
                    "doc chunk {} does not continue at document {next}",
                    c.file
                )));
            }
            next = c.last.saturating_add(1);
        }
        if next != self.doc_count {
            return Err(bad(format!(
                "doc chunks cover {next} documents, manifest says {}",
                self.doc_count
            )));
        }
        let names = self
            .files
            .iter()
            .map(|f| &f.name)
            .chain(self.term_chunks.iter().map(|c| &c.file))
            .chain(self.completion_chunks.iter().map(|c| &c.file));
        let names = names
            .chain(self.posting_chunks.iter().map(|c| &c.file))
            .chain(self.doc_chunks.iter().map(|c| &c.file));
        for name in names {
            if name.contains('/') || name.contains('\\') || name.starts_with('.') {
                return Err(bad(format!("file name {name:?} is not a plain file name")));
            }
        }
        Ok(())
    }

    pub fn file(&self, name: &str) -> Option<&FileEntry> {
        self.files.iter().find(|f| f.name == name)
    }

    /// Serialises deterministically (struct field order, sorted lists);
    /// compact, since it is fetched before anything else.
    pub fn to_json(&self) -> Vec<u8> {
        let mut v = serde_json::to_vec(self).unwrap_or_default();
        v.push(b'\n');
        v
    }
}

mod read;
#[cfg(test)]
mod tests;
