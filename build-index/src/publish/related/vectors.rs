//! What a document is made of, for comparing it with others: its words
//! (the engine's terms, so they are the index's own) with their counts, its
//! people, places and topics, its title and a hash of its text. Then, once
//! every document is counted, each one's weighted vectors.

use engine::tokenizer::{for_each_token, Token};
use engine::{Block, Document};
use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap};
use sha2::{Digest, Sha256};
use std::hash::BuildHasher;

/// A title word counts as this many body occurrences: a title says what a
/// document is about in a few words.
const TITLE_TF: u32 = 3;
/// Words kept per document: its most weighted ones. Enough to say what it is
/// about, few enough that the vectors of a million documents stay small.
pub const TERMS_PER_DOC: usize = 32;
/// Metadata values kept per document (a long list of places is mostly
/// passing mentions; the rarest say the most).
pub const META_PER_DOC: usize = 16;
/// In a document of at least this many words, a word used once (and not in
/// the title) is a passing mention: it weighs in the document's length but
/// is not among what it is about. Shorter documents (dictionary entries,
/// abstracts) have few repeats, so every word counts.
const PASSING_MIN_WORDS: u32 = 150;
/// A word or value in more than this share of the documents says nothing
/// about any of them (`the`, `de`, a country every story names). Dropped
/// before weighting, which also takes the place of a stopword list, in any
/// language.
const MAX_DF_SHARE: f64 = 0.5;

/// What a document's metadata value is, for the reason text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Kind {
    Person,
    Place,
    Topic,
}

impl Kind {
    pub(super) fn plural(self) -> &'static str {
        match self {
            Kind::Person => "people",
            Kind::Place => "places",
            Kind::Topic => "topics",
        }
    }
}

/// One document's features, before the corpus is known. Terms and values
/// come with a hash of themselves, computed with the rest in parallel, so
/// counting them in the corpus is a look-up of a number.
pub(super) struct Extracted {
    /// Distinct terms with their weighted counts, in the order of a hash
    /// map without random state: the same for the same text, every run.
    terms: Vec<(u64, String, u32)>,
    /// Distinct metadata values, sorted.
    meta: Vec<(u64, (Kind, String))>,
    /// Words counted in the body.
    words: u32,
    title: String,
    hash: u64,
}

/// Whether a token takes part: primary words (a compound's whole form would
/// count its parts twice) of two characters or more that are not numbers
/// (a shared year or count is a poor reason to read a document).
fn counts(t: &Token) -> bool {
    t.primary
        && t.term.chars().nth(1).is_some()
        && !t
            .term
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

pub(super) fn extract(doc: &Document) -> Extracted {
    let mut tf: FxHashMap<String, u32> = FxHashMap::default();
    let mut words = 0u32;
    let mut add = |text: &str, n: u32| {
        for_each_token(text, &doc.lang, |t| {
            if !counts(t) {
                return;
            }
            if n == 1 {
                words += 1;
            }
            match tf.get_mut(t.term.as_str()) {
                Some(c) => *c += n,
                None => {
                    tf.insert(t.term.clone(), n);
                }
            }
        });
    };
    add(&doc.title, TITLE_TF);
    for b in &doc.blocks {
        add(b.text(), 1);
    }
    let terms = tf
        .into_iter()
        .map(|(t, n)| (FxBuildHasher.hash_one(&t), t, n))
        .collect();
    let people = doc.people.iter().chain(&doc.speakers);
    let mut meta: Vec<(Kind, String)> = people
        .map(|v| (Kind::Person, v))
        .chain(doc.places.iter().map(|v| (Kind::Place, v)))
        .chain(doc.topics.iter().map(|v| (Kind::Topic, v)))
        .map(|(k, v)| (k, v.trim().to_string()))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    meta.sort_unstable();
    meta.dedup();
    Extracted {
        terms,
        meta: meta
            .into_iter()
            .map(|m| (FxBuildHasher.hash_one(&m), m))
            .collect(),
        words,
        title: doc.title.clone(),
        hash: content_hash(doc),
    }
}

/// Equal for documents with the same title and text: exact duplicates,
/// which are never each other's related documents.
fn content_hash(doc: &Document) -> u64 {
    let mut h = Sha256::new();
    h.update(doc.title.as_bytes());
    for b in &doc.blocks {
        h.update([0]);
        if let Block::Turn { speaker, .. } = b {
            h.update(speaker.as_bytes());
        }
        h.update([1]);
        h.update(b.text().as_bytes());
    }
    let d = h.finalize();
    u64::from_le_bytes([d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]])
}

/// Keys numbered in the order first seen, with the number of documents
/// holding each. A key is looked up by its 64-bit hash alone (two of a
/// million terms share one with odds of one in ten million).
struct Vocab<K> {
    ids: FxHashMap<u64, u32>,
    keys: Vec<K>,
    df: Vec<u32>,
}

impl<K> Default for Vocab<K> {
    fn default() -> Self {
        Vocab {
            ids: FxHashMap::default(),
            keys: Vec::new(),
            df: Vec::new(),
        }
    }
}

impl<K> Vocab<K> {
    fn count(&mut self, hash: u64, key: impl FnOnce() -> K) -> u32 {
        let next = self.keys.len() as u32;
        let id = *self.ids.entry(hash).or_insert(next);
        if id == next {
            self.keys.push(key());
            self.df.push(0);
        }
        self.df[id as usize] += 1;
        id
    }
}

/// Rows of `(id, value)` pairs, one row per document, in one allocation.
#[derive(Default)]
pub(super) struct Rows<V> {
    starts: Vec<usize>,
    items: Vec<(u32, V)>,
}

impl<V: Copy> Rows<V> {
    fn push_row(&mut self, row: impl IntoIterator<Item = (u32, V)>) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        self.items.extend(row);
        self.starts.push(self.items.len());
    }

    pub(super) fn row(&self, d: usize) -> &[(u32, V)] {
        &self.items[self.starts[d]..self.starts[d + 1]]
    }

    pub(super) fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    fn append(&mut self, other: Rows<V>) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        let base = self.items.len();
        self.starts
            .extend(other.starts.iter().skip(1).map(|s| s + base));
        self.items.extend(other.items);
    }
}

/// Every document's features, numbered in the order added.
#[derive(Default)]
pub(super) struct Counts {
    words: Vocab<Box<str>>,
    values: Vocab<(Kind, Box<str>)>,
    terms: Rows<u32>,
    meta: Rows<()>,
    lengths: Vec<u32>,
    titles: Vec<Box<str>>,
    hashes: Vec<u64>,
}

/// Every document's weighted, unit-length vectors, and the names of what
/// they hold.
pub(super) struct Vectors {
    /// Per document: (term, weight), by term.
    pub(super) terms: Rows<f32>,
    /// Per document: (metadata value, weight), by value.
    pub(super) meta: Rows<f32>,
    pub(super) words: Vec<Box<str>>,
    pub(super) values: Vec<(Kind, Box<str>)>,
    /// Documents holding each metadata value (rarer values lead a reason).
    pub(super) value_df: Vec<u32>,
    pub(super) titles: Vec<Box<str>>,
    pub(super) hashes: Vec<u64>,
}

impl Counts {
    pub(super) fn add(&mut self, e: Extracted) {
        let words = &mut self.words;
        self.terms.push_row(
            e.terms
                .into_iter()
                .map(|(h, t, n)| (words.count(h, || t.into_boxed_str()), n)),
        );
        let values = &mut self.values;
        self.meta.push_row(
            e.meta
                .into_iter()
                .map(|(h, (k, v))| (values.count(h, || (k, v.into_boxed_str())), ())),
        );
        self.lengths.push(e.words);
        self.titles.push(e.title.into_boxed_str());
        self.hashes.push(e.hash);
    }

    /// Weighs every document's words and values (tf-idf) and keeps the
    /// heaviest that another document can share, as a unit-length vector:
    /// the cosine of two then compares what each is mostly about, whatever
    /// their lengths.
    pub(super) fn into_vectors(self) -> Vectors {
        let n = self.titles.len();
        let max_df = ((n as f64 * MAX_DF_SHARE) as u32).max(2);
        let idf = |df: &[u32]| -> Vec<f32> {
            df.iter()
                .map(|&f| {
                    // In one document: nothing to share; in most: noise.
                    if f < 2 || f > max_df {
                        0.0
                    } else {
                        (n as f64 / f64::from(f)).ln() as f32
                    }
                })
                .collect()
        };
        let (term_idf, value_idf) = (idf(&self.words.df), idf(&self.values.df));
        let lengths = &self.lengths;
        let terms = weigh(&self.terms, TERMS_PER_DOC, |d, &(t, tf)| {
            if tf < 2 && lengths[d] >= PASSING_MIN_WORDS {
                return 0.0;
            }
            (1.0 + (tf as f32).ln()) * term_idf[t as usize]
        });
        let meta = weigh(&self.meta, META_PER_DOC, |_, &(v, ())| {
            value_idf[v as usize]
        });
        Vectors {
            terms,
            meta,
            words: self.words.keys,
            values: self.values.keys,
            value_df: self.values.df,
            titles: self.titles,
            hashes: self.hashes,
        }
    }
}

/// Documents weighed per parallel task.
const WEIGH_CHUNK: usize = 4096;

/// Each row `d` weighed by `weight(d, item)`, zero weights dropped, the
/// `keep` heaviest kept (ties: lower key, so the output does not depend on
/// threads), scaled to unit length and ordered by key.
fn weigh<V: Copy + Sync>(
    rows: &Rows<V>,
    keep: usize,
    weight: impl Fn(usize, &(u32, V)) -> f32 + Sync,
) -> Rows<f32> {
    let n = rows.len();
    let parts: Vec<Rows<f32>> = (0..n.div_ceil(WEIGH_CHUNK))
        .into_par_iter()
        .map(|c| {
            let mut out = Rows::default();
            let mut row: Vec<(u32, f32)> = Vec::new();
            for d in c * WEIGH_CHUNK..n.min((c + 1) * WEIGH_CHUNK) {
                row.clear();
                row.extend(
                    rows.row(d)
                        .iter()
                        .map(|item| (item.0, weight(d, item)))
                        .filter(|(_, w)| *w > 0.0),
                );
                row.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                row.truncate(keep);
                row.sort_unstable_by_key(|&(k, _)| k);
                let length = row.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
                out.push_row(row.iter().map(|&(k, w)| (k, w / length)));
            }
            out
        })
        .collect();
    let mut all = Rows::default();
    for p in parts {
        all.append(p);
    }
    all
}
