//! Term chunks: one contiguous range of the term dictionary with its
//! posting lists.
//!
//! ```text
//! "ARTC" | version u32 LE | fst_len varint | fst bytes (fst::Map term → offset)
//!        | postings bytes (offsets are relative to here) | crc32 u32 LE
//! ```

use super::postings::{self, DocPosting, PostingList};
use super::{check_envelope, corrupt, footer, header, put_varint, ByteReader, FormatError};
use crate::api::DocNum;

pub const MAGIC: &[u8; 4] = b"ARTC";

/// Builds one term chunk from terms added in strictly increasing order.
#[derive(Default)]
pub struct TermDictBuilder {
    map: Vec<(String, u64)>,
    postings: Vec<u8>,
}

impl TermDictBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a term; `list` sorted by doc.
    pub fn add(&mut self, term: &str, list: &[DocPosting]) {
        self.map
            .push((term.to_string(), self.postings.len() as u64));
        postings::encode(list, &mut self.postings);
    }

    pub fn postings_len(&self) -> usize {
        self.postings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn first_last(&self) -> Option<(&str, &str)> {
        Some((self.map.first()?.0.as_str(), self.map.last()?.0.as_str()))
    }

    pub fn finish(self) -> Result<Vec<u8>, FormatError> {
        let map =
            fst::Map::from_iter(self.map.iter().map(|(t, o)| (t.as_bytes(), *o))).map_err(|e| {
                FormatError::Write {
                    reason: format!("term dictionary: {e}"),
                }
            })?;
        let fst_bytes = map.into_fst().into_inner();
        let mut out = header(MAGIC);
        put_varint(&mut out, fst_bytes.len() as u64);
        out.extend_from_slice(&fst_bytes);
        out.extend_from_slice(&self.postings);
        Ok(footer(out))
    }
}

/// A parsed term chunk.
pub struct TermDict {
    pub name: String,
    pub map: fst::Map<Vec<u8>>,
    postings: Vec<u8>,
}

impl TermDict {
    pub fn parse(name: &str, bytes: &[u8]) -> Result<TermDict, FormatError> {
        let body = check_envelope(name, MAGIC, bytes)?;
        let mut r = ByteReader::new(name, body);
        let n = r.count()?;
        let fst_bytes = r.take(n)?.to_vec();
        let postings = body[r.pos..].to_vec();
        let map =
            fst::Map::new(fst_bytes).map_err(|e| corrupt(name, format!("term dictionary: {e}")))?;
        Ok(TermDict {
            name: name.to_string(),
            map,
            postings,
        })
    }

    fn slice(&self, offset: u64) -> Result<&[u8], FormatError> {
        usize::try_from(offset)
            .ok()
            .and_then(|o| self.postings.get(o..))
            .ok_or_else(|| corrupt(&self.name, "posting offset out of range"))
    }

    /// Offset of `term`'s posting list, if the term is here.
    pub fn get(&self, term: &str) -> Option<u64> {
        self.map.get(term)
    }

    pub fn doc_freq_at(&self, offset: u64) -> Result<u32, FormatError> {
        postings::doc_freq(&self.name, self.slice(offset)?)
    }

    pub fn postings_at(
        &self,
        offset: u64,
        doc_count: DocNum,
    ) -> Result<PostingList<'_>, FormatError> {
        postings::decode(&self.name, self.slice(offset)?, doc_count)
    }

    /// Decodes every posting list once: catches corruption that lazy
    /// lookups would only meet later (used by tests and the fuzzer).
    pub fn validate(&self, doc_count: DocNum) -> Result<(), FormatError> {
        use fst::Streamer;
        let mut s = self.map.stream();
        while let Some((_, off)) = s.next() {
            self.postings_at(off, doc_count)?.positions(&self.name)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunk_round_trip_and_corruption() {
        let mut b = TermDictBuilder::new();
        let p = |doc| {
            vec![DocPosting {
                doc,
                tf: [0, 0, 1, 0],
                positions: vec![doc * 2],
            }]
        };
        b.add("apple", &p(1));
        b.add("banana", &p(3));
        let bytes = b.finish().unwrap();
        let d = TermDict::parse("t.bin", &bytes).unwrap();
        let off = d.get("banana").unwrap();
        assert_eq!(d.postings_at(off, 10).unwrap().docs, vec![3]);
        assert!(d.get("cherry").is_none());
        d.validate(10).unwrap();
        assert!(d.validate(2).is_err(), "doc 3 is out of range for 2 docs");
        for cut in 0..bytes.len() {
            assert!(TermDict::parse("t.bin", &bytes[..cut]).is_err());
        }
    }
}
