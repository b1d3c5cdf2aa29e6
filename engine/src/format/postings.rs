//! Posting lists: for one term, the documents containing it with per-field
//! term frequencies and word positions.
//!
//! ```text
//! df            varint   number of documents
//! docs_len      varint   byte length of the docs section
//! docs section  per document: doc delta (varint; first is the DocNum),
//!               field mask (u8: bit 0 title, 1 speaker, 2 body, 3 meta,
//!               4 heading),
//!               per set bit, in field order: tf (varint), then the
//!               document's quantized length of that field (u8, see
//!               `docmeta::quantize_len`)
//! positions     per document, sum(tf) positions, ascending,
//!               delta-coded varints (first absolute)
//! ```
//! The positions come after all documents so that matching and BM25 only
//! decode the docs section; phrases and proximity decode positions on demand.
//! Field lengths live here rather than in docmeta: BM25F needs a
//! document's length only where the document matched, and a column of every
//! document's lengths was the largest part of the start-up download.

use super::{put_varint, ByteReader, FormatError};
use crate::api::DocNum;

pub const FIELDS: usize = 5;
pub const TITLE: usize = 0;
pub const SPEAKER: usize = 1;
pub const BODY: usize = 2;
pub const META: usize = 3;
/// Section headings: what a reference page's parts are called.
pub const HEADING: usize = 4;

/// One document's entry in a posting list, as the writer builds it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocPosting {
    pub doc: DocNum,
    pub tf: [u32; FIELDS],
    /// The document's field lengths, quantized (stored where `tf > 0`).
    pub lens: [u8; FIELDS],
    pub positions: Vec<u32>,
}

/// A posting list being built one document at a time, already encoded:
/// a few bytes per posting instead of a struct and a vector.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PostingsAcc {
    df: u32,
    last: DocNum,
    docs: Vec<u8>,
    positions: Vec<u8>,
}

impl PostingsAcc {
    /// Appends one document; documents come in increasing order and
    /// `p.positions` is sorted.
    pub fn push(&mut self, p: &DocPosting) {
        put_varint(
            &mut self.docs,
            u64::from(if self.df == 0 {
                p.doc
            } else {
                p.doc - self.last
            }),
        );
        self.df += 1;
        self.last = p.doc;
        let mask = (0..FIELDS)
            .filter(|&f| p.tf[f] > 0)
            .fold(0u8, |m, f| m | (1 << f));
        self.docs.push(mask);
        for f in 0..FIELDS {
            if p.tf[f] > 0 {
                put_varint(&mut self.docs, u64::from(p.tf[f]));
                self.docs.push(p.lens[f]);
            }
        }
        let mut last = 0u32;
        for (i, &pos) in p.positions.iter().enumerate() {
            put_varint(
                &mut self.positions,
                u64::from(if i == 0 { pos } else { pos - last }),
            );
            last = pos;
        }
    }

    pub fn df(&self) -> u32 {
        self.df
    }

    /// Writes the list in the on-disk layout.
    pub fn write(&self, out: &mut Vec<u8>) {
        put_varint(out, u64::from(self.df));
        put_varint(out, self.docs.len() as u64);
        out.extend_from_slice(&self.docs);
        out.extend_from_slice(&self.positions);
    }
}

/// Encodes postings sorted by doc (positions sorted within each doc).
pub fn encode(postings: &[DocPosting], out: &mut Vec<u8>) {
    let mut acc = PostingsAcc::default();
    for p in postings {
        acc.push(p);
    }
    acc.write(out);
}

/// A decoded posting list (docs section); positions stay encoded until
/// [`PostingList::positions`] is called.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PostingList<'a> {
    pub docs: Vec<DocNum>,
    pub tfs: Vec<[u32; FIELDS]>,
    /// Quantized field lengths of each document (0 where `tf` is 0).
    pub lens: Vec<[u8; FIELDS]>,
    positions: &'a [u8],
}

/// Reads the document frequency without decoding the list.
pub fn doc_freq(file: &str, bytes: &[u8]) -> Result<u32, FormatError> {
    ByteReader::new(file, bytes).varint_u32()
}

/// Decodes the posting list starting at `bytes[0]`; `doc_count` bounds the
/// document numbers.
pub fn decode<'a>(
    file: &str,
    bytes: &'a [u8],
    doc_count: u32,
) -> Result<PostingList<'a>, FormatError> {
    let mut r = ByteReader::new(file, bytes);
    let df = r.count()?;
    let docs_len = r.count()?;
    let section = r.take(docs_len)?;
    let positions_start = r.pos;
    let mut d = ByteReader::new(file, section);
    let mut docs = Vec::with_capacity(df);
    let mut tfs = Vec::with_capacity(df);
    let mut lens = Vec::with_capacity(df);
    let mut prev = 0u32;
    for i in 0..df {
        let delta = d.varint_u32()?;
        let doc = if i == 0 {
            delta
        } else {
            prev.checked_add(delta)
                .filter(|_| delta > 0)
                .ok_or_else(|| d.err("bad doc delta"))?
        };
        if doc >= doc_count {
            return Err(d.err("document number out of range"));
        }
        prev = doc;
        let mask = d.take(1)?[0];
        if mask == 0 || mask >= 1 << FIELDS {
            return Err(d.err("bad field mask"));
        }
        let mut tf = [0u32; FIELDS];
        let mut len = [0u8; FIELDS];
        for f in 0..FIELDS {
            if mask & (1 << f) != 0 {
                tf[f] = d.varint_u32()?;
                if tf[f] == 0 {
                    return Err(d.err("zero term frequency"));
                }
                len[f] = d.take(1)?[0];
            }
        }
        docs.push(doc);
        tfs.push(tf);
        lens.push(len);
    }
    if !d.is_empty() {
        return Err(d.err("trailing bytes in docs section"));
    }
    Ok(PostingList {
        docs,
        tfs,
        lens,
        positions: &bytes[positions_start..],
    })
}

impl PostingList<'_> {
    /// Bytes that follow this list's positions (the rest of the chunk).
    pub fn rest_len(&self, file: &str) -> Result<usize, FormatError> {
        let n: u64 = self
            .tfs
            .iter()
            .flat_map(|tf| tf.iter())
            .map(|&t| u64::from(t))
            .sum();
        let mut seen = 0u64;
        let mut i = 0usize;
        while seen < n {
            let b = *self
                .positions
                .get(i)
                .ok_or_else(|| super::corrupt(file, "truncated positions"))?;
            if b < 0x80 {
                seen += 1;
            }
            i += 1;
        }
        Ok(self.positions.len() - i)
    }

    /// Decodes all positions: `(starts, flat)` where document `i`'s
    /// positions are `flat[starts[i]..starts[i + 1]]`.
    pub fn positions(&self, file: &str) -> Result<(Vec<u32>, Vec<u32>), FormatError> {
        let mut r = ByteReader::new(file, self.positions);
        let mut starts = Vec::with_capacity(self.docs.len() + 1);
        let mut flat = Vec::new();
        for tf in &self.tfs {
            starts.push(flat.len() as u32);
            let n: u64 = tf.iter().map(|&t| u64::from(t)).sum();
            if n > self.positions.len() as u64 {
                return Err(r.err("more positions than bytes"));
            }
            let mut last = 0u32;
            for i in 0..n {
                let v = r.varint_u32()?;
                let p = if i == 0 {
                    v
                } else {
                    last.checked_add(v)
                        .ok_or_else(|| r.err("position overflow"))?
                };
                flat.push(p);
                last = p;
            }
        }
        starts.push(flat.len() as u32);
        Ok((starts, flat))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn arb_postings() -> impl Strategy<Value = Vec<DocPosting>> {
        proptest::collection::btree_map(
            0u32..500,
            (
                proptest::array::uniform5(0u32..4),
                0u32..10_000,
                any::<[u8; 5]>(),
            ),
            1..20,
        )
        .prop_map(|m| {
            m.into_iter()
                .map(|(doc, (mut tf, base, mut lens))| {
                    if tf.iter().all(|&t| t == 0) {
                        tf[2] = 1;
                    }
                    let n: u32 = tf.iter().sum();
                    for f in 0..FIELDS {
                        if tf[f] == 0 {
                            lens[f] = 0;
                        }
                    }
                    DocPosting {
                        doc,
                        tf,
                        lens,
                        positions: (0..n).map(|i| base + i * 3).collect(),
                    }
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn postings_round_trip(ps in arb_postings()) {
            let mut buf = Vec::new();
            encode(&ps, &mut buf);
            prop_assert_eq!(doc_freq("t", &buf).unwrap() as usize, ps.len());
            let pl = decode("t", &buf, 500).unwrap();
            let (starts, flat) = pl.positions("t").unwrap();
            for (i, p) in ps.iter().enumerate() {
                prop_assert_eq!(pl.docs[i], p.doc);
                prop_assert_eq!(pl.tfs[i], p.tf);
                prop_assert_eq!(pl.lens[i], p.lens);
                prop_assert_eq!(&flat[starts[i] as usize..starts[i + 1] as usize], &p.positions[..]);
            }
        }

        #[test]
        fn decoding_garbage_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            if let Ok(pl) = decode("t", &bytes, 1000) {
                let _ = pl.positions("t");
            }
        }
    }
}
