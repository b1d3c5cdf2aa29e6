//! The term dictionary, split in two kinds of term-range chunks so a query
//! fetches little:
//!
//! * **dictionary chunks** (`terms-NNN-<hash>.bin`): an `fst::Map` from term
//!   to `offset << 24 | min(df, 2^24 - 1)`; small, enough to expand a word
//!   (prefix, stems, typos) and rank the candidates by document frequency.
//!
//!   ```text
//!   "ARTD" | version u32 LE | fst bytes | crc32 u32 LE
//!   ```
//!
//! * **postings chunks** (`postings-NNN-<hash>.bin`): the posting lists of a
//!   term range, back to back; `offset` above is relative to the body of the
//!   postings chunk whose manifest range holds the term.
//!
//!   ```text
//!   "ARPC" | version u32 LE | posting lists | crc32 u32 LE
//!   ```

use super::postings::{self, DocPosting, PostingList};
use super::{check_envelope, corrupt, footer, header, FormatError};
use crate::api::DocNum;

pub const DICT_MAGIC: &[u8; 4] = b"ARTD";
pub const POSTINGS_MAGIC: &[u8; 4] = b"ARPC";

/// Largest df stored in a dictionary value.
pub const DF_MAX: u64 = (1 << 24) - 1;

pub fn pack(offset: u64, df: u64) -> u64 {
    (offset << 24) | df.min(DF_MAX)
}

pub fn unpack(v: u64) -> (u64, u32) {
    (v >> 24, (v & DF_MAX) as u32)
}

/// Builds one dictionary chunk from terms added in strictly increasing order.
#[derive(Default)]
pub struct TermDictBuilder {
    entries: Vec<(String, u64)>,
    key_bytes: usize,
}

impl TermDictBuilder {
    pub fn add(&mut self, term: &str, offset: u64, df: u64) {
        self.key_bytes += term.len();
        self.entries.push((term.to_string(), pack(offset, df)));
    }

    pub fn key_bytes(&self) -> usize {
        self.key_bytes
    }

    pub fn first_last(&self) -> Option<(&str, &str)> {
        Some((
            self.entries.first()?.0.as_str(),
            self.entries.last()?.0.as_str(),
        ))
    }

    pub fn finish(self) -> Result<Vec<u8>, FormatError> {
        let map = fst::Map::from_iter(self.entries.iter().map(|(t, v)| (t.as_bytes(), *v)))
            .map_err(|e| FormatError::Write {
                reason: format!("term dictionary: {e}"),
            })?;
        let mut out = header(DICT_MAGIC);
        out.extend_from_slice(map.as_fst().as_bytes());
        Ok(footer(out))
    }
}

/// A parsed dictionary chunk.
pub struct TermDict {
    pub map: fst::Map<Vec<u8>>,
}

impl TermDict {
    pub fn parse(name: &str, bytes: &[u8]) -> Result<TermDict, FormatError> {
        let body = check_envelope(name, DICT_MAGIC, bytes)?;
        let map = fst::Map::new(body.to_vec())
            .map_err(|e| corrupt(name, format!("term dictionary: {e}")))?;
        // fst checks only its header and footer when opened, and panics on a
        // damaged node later (found by fuzzing); its checksum catches
        // that now.
        if !super::fst_checksum_ok(body) {
            return Err(corrupt(name, "term dictionary: checksum mismatch"));
        }
        Ok(TermDict { map })
    }

    /// `(offset, df)` of `term`, if the term is here.
    pub fn get(&self, term: &str) -> Option<(u64, u32)> {
        self.map.get(term).map(unpack)
    }
}

/// Builds one postings chunk.
#[derive(Default)]
pub struct PostingsBuilder {
    bytes: Vec<u8>,
}

impl PostingsBuilder {
    /// Appends a list (sorted by doc); returns its offset.
    pub fn add(&mut self, list: &[DocPosting]) -> u64 {
        let off = self.bytes.len() as u64;
        postings::encode(list, &mut self.bytes);
        off
    }

    /// Appends an already encoded list; returns its offset.
    pub fn add_encoded(&mut self, list: &postings::PostingsAcc) -> u64 {
        let off = self.bytes.len() as u64;
        list.write(&mut self.bytes);
        off
    }

    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    pub fn finish(self) -> Vec<u8> {
        let mut out = header(POSTINGS_MAGIC);
        out.extend_from_slice(&self.bytes);
        footer(out)
    }
}

/// A parsed postings chunk.
pub struct PostingsChunk {
    pub name: String,
    body: Vec<u8>,
}

impl PostingsChunk {
    pub fn parse(name: &str, bytes: &[u8]) -> Result<PostingsChunk, FormatError> {
        let body = check_envelope(name, POSTINGS_MAGIC, bytes)?.to_vec();
        Ok(PostingsChunk {
            name: name.to_string(),
            body,
        })
    }

    pub fn list_at(&self, offset: u64, doc_count: DocNum) -> Result<PostingList<'_>, FormatError> {
        let slice = usize::try_from(offset)
            .ok()
            .and_then(|o| self.body.get(o..))
            .filter(|s| !s.is_empty())
            .ok_or_else(|| corrupt(&self.name, "posting offset out of range"))?;
        postings::decode(&self.name, slice, doc_count)
    }

    /// Decodes every list in order (tests and the fuzzer use it to reach
    /// every byte).
    pub fn validate(&self, doc_count: DocNum) -> Result<usize, FormatError> {
        let mut off = 0usize;
        let mut n = 0;
        while off < self.body.len() {
            let list = postings::decode(&self.name, &self.body[off..], doc_count)?;
            let (_, flat) = list.positions(&self.name)?;
            let _ = flat;
            off = self.body.len() - list.rest_len(&self.name)?;
            n += 1;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A dictionary whose fst nodes are damaged behind a valid envelope
    /// (found by fuzzing: fst panicked on its first walk) is an error.
    #[test]
    fn a_damaged_fst_behind_a_valid_envelope_is_an_error() {
        let map = fst::Map::from_iter([("border", 1u64), ("wall", 2)]).unwrap();
        let mut fst_bytes = map.as_fst().as_bytes().to_vec();
        let mid = fst_bytes.len() / 2;
        fst_bytes[mid] ^= 0xA5;
        let mut out = crate::format::header(DICT_MAGIC);
        out.extend_from_slice(&fst_bytes);
        let bytes = crate::format::footer(out);
        assert!(TermDict::parse("terms-000.bin", &bytes).is_err());
    }

    #[test]
    fn dictionary_and_postings_round_trip_and_corruption() {
        let p = |doc| {
            vec![DocPosting {
                doc,
                tf: [0, 0, 1, 0, 0],
                lens: [0, 0, 7, 0, 0],
                positions: vec![doc * 2],
            }]
        };
        let mut pb = PostingsBuilder::default();
        let mut db = TermDictBuilder::default();
        let o1 = pb.add(&p(1));
        db.add("apple", o1, 1);
        let o2 = pb.add(&p(3));
        db.add("banana", o2, 1);
        let dict_bytes = db.finish().unwrap();
        let post_bytes = pb.finish();
        let d = TermDict::parse("t.bin", &dict_bytes).unwrap();
        let pc = PostingsChunk::parse("p.bin", &post_bytes).unwrap();
        let (off, df) = d.get("banana").unwrap();
        assert_eq!(df, 1);
        assert_eq!(pc.list_at(off, 10).unwrap().docs, vec![3]);
        assert!(d.get("cherry").is_none());
        assert_eq!(pc.validate(10).unwrap(), 2);
        assert!(pc.validate(2).is_err(), "doc 3 is out of range for 2 docs");
        for cut in 0..dict_bytes.len() {
            assert!(TermDict::parse("t.bin", &dict_bytes[..cut]).is_err());
        }
        for cut in 0..post_bytes.len() {
            assert!(PostingsChunk::parse("p.bin", &post_bytes[..cut]).is_err());
        }
        assert_eq!(unpack(pack(123_456, 1 << 30)), (123_456, DF_MAX as u32));
    }
}
