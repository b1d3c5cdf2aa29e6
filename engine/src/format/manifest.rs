//! `manifest.json`: the one file with a fixed name. It names every other
//! file (with size and SHA-256), the term range of each term chunk and the
//! document range of each doc chunk, plus the archive and search settings
//! the reader needs before anything else.

use super::{FormatError, FORMAT_VERSION, OLDEST_SUPPORTED};
use crate::api::DocNum;
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
}

impl Default for FieldWeights {
    fn default() -> Self {
        FieldWeights {
            title: 4.0,
            speaker: 2.0,
            body: 1.0,
            meta: 1.5,
        }
    }
}

impl FieldWeights {
    pub fn as_array(&self) -> [f32; 4] {
        [self.title, self.speaker, self.body, self.meta]
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
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct TermChunkEntry {
    pub file: String,
    pub first: String,
    pub last: String,
    /// File size in bytes.
    #[serde(default)]
    pub size: u64,
}

/// A doc chunk holds documents `first..=last`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct DocChunkEntry {
    pub file: String,
    pub first: DocNum,
    pub last: DocNum,
    /// File size in bytes.
    #[serde(default)]
    pub size: u64,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
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
    /// carry their size in their chunk entry and the first 12 hex digits of
    /// their SHA-256 in their name (a full hash per chunk would make the
    /// manifest of a large archive several times bigger).
    pub files: Vec<FileEntry>,
    /// Dictionary chunks (fst term → postings offset and df).
    pub term_chunks: Vec<TermChunkEntry>,
    /// Postings chunks (the posting lists of a term range).
    pub posting_chunks: Vec<TermChunkEntry>,
    pub doc_chunks: Vec<DocChunkEntry>,
}

/// The content hash in a chunk file name (`docs-007-3fa2c1d9e0b4.json` →
/// `3fa2c1d9e0b4`): the first 12 hex digits of the file's SHA-256.
pub fn hash_of_name(name: &str) -> Option<&str> {
    let stem = name.rsplit_once('.')?.0;
    let hash = stem.rsplit_once('-')?.1;
    (hash.len() == 12 && hash.bytes().all(|b| b.is_ascii_hexdigit())).then_some(hash)
}

impl Manifest {
    /// Parses and validates `manifest.json`.
    pub fn parse(json: &[u8]) -> Result<Manifest, FormatError> {
        // Read the version first, so a future manifest whose other fields
        // changed still gets a clear version error.
        #[derive(Deserialize)]
        struct Probe {
            format_version: u32,
        }
        let probe: Probe = serde_json::from_slice(json).map_err(|e| FormatError::Json {
            file: MANIFEST_FILE.into(),
            reason: e.to_string(),
        })?;
        if !(OLDEST_SUPPORTED..=FORMAT_VERSION).contains(&probe.format_version) {
            return Err(FormatError::Version {
                file: MANIFEST_FILE.into(),
                found: probe.format_version,
                supported: FORMAT_VERSION,
            });
        }
        let m: Manifest = serde_json::from_slice(json).map_err(|e| FormatError::Json {
            file: MANIFEST_FILE.into(),
            reason: e.to_string(),
        })?;
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
        for list in [&self.term_chunks, &self.posting_chunks] {
            for c in list {
                if c.first > c.last || hash_of_name(&c.file).is_none() {
                    return Err(bad(format!("term chunk {} is invalid", c.file)));
                }
            }
            for w in list.windows(2) {
                if w[0].last >= w[1].first {
                    return Err(bad("term chunks overlap or are out of order".into()));
                }
            }
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
            .chain(self.term_chunks.iter().map(|c| &c.file));
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
