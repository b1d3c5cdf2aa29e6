//! The on-disk index format: writer and reader side by side for every file.
//! `FORMAT.md` at the repository root describes the bytes.
//!
//! Every binary file is `magic (4 bytes) | format version (u32 LE) | body |
//! crc32 of everything before (u32 LE)`; the JSON document chunks are
//! checked against the SHA-256 listed in the manifest instead.

pub mod docmeta;
pub mod docstore;
pub mod ids;
pub mod manifest;
pub mod postings;
mod sink;
pub mod termdict;
mod writer;

pub use manifest::{
    ArchiveInfo, DocChunkEntry, EmbedInfo, FieldWeights, FileEntry, Manifest, PostingChunkEntry,
    SearchExamples, SearchSettings, TermChunkEntry, DEFAULT_PAGE_SIZE,
};
pub use sink::{IndexFile, IndexSink};
pub use writer::{auto_doc_chunk_bytes, IndexWriter, WriterSettings};

use sha2::{Digest, Sha256};

/// Version written by this build.
pub const FORMAT_VERSION: u32 = 5;
/// Oldest version this build can read.
pub const OLDEST_SUPPORTED: u32 = 4;

/// What went wrong reading an index file. Every message ends with what the
/// user can do about it.
#[non_exhaustive]
#[derive(thiserror::Error, Debug, Clone, PartialEq)]
pub enum FormatError {
    #[error(
        "{file} has index format version {found}, but this reader reads versions {OLDEST_SUPPORTED} to {supported}; \
         rebuild the index with build-index {}",
        env!("CARGO_PKG_VERSION")
    )]
    Version {
        file: String,
        found: u32,
        supported: u32,
    },
    #[error("{file} is corrupt ({reason}); rebuild the index with build-index and publish all of its files together")]
    Corrupt { file: String, reason: String },
    #[error("{file} failed its checksum (damaged or truncated in transfer); publish the index files again or rebuild them")]
    Checksum { file: String },
    #[error("{file} is not valid JSON ({reason}); rebuild the index with build-index")]
    Json { file: String, reason: String },
    #[error("{file} is not part of this index (not listed in manifest.json); reload the page to get the current index")]
    Missing { file: String },
    #[error(
        "{file} is needed here but was not loaded; fetch the chunks the reader asks for first"
    )]
    NotLoaded { file: String },
    #[error("cannot write the index: {reason}")]
    Write { reason: String },
}

pub(crate) fn corrupt(file: &str, reason: impl Into<String>) -> FormatError {
    FormatError::Corrupt {
        file: file.to_string(),
        reason: reason.into(),
    }
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    sha256_hex_of(&Sha256::digest(bytes))
}

/// Lowercase hex of a digest.
pub(crate) fn sha256_hex_of(digest: &[u8]) -> String {
    let mut s = String::with_capacity(64);
    for &b in digest {
        s.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
        s.push(char::from_digit(u32::from(b & 15), 16).unwrap_or('0'));
    }
    s
}

/// `<stem>-<first 12 hex of sha256>.<ext>`: content-addressed, so a file
/// can be cached forever.
pub(crate) fn hashed_name(stem: &str, ext: &str, bytes: &[u8]) -> String {
    format!(
        "{stem}-{}.{ext}",
        &sha256_hex(bytes)[..manifest::NAME_HASH_HEX]
    )
}

// ---------------------------------------------------------------- bytes

/// Appends `v` as LEB128 (7 bits per byte, low first, high bit = more).
pub(crate) fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

pub(crate) fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// Starts a binary file: magic + version.
pub(crate) fn header(magic: &[u8; 4]) -> Vec<u8> {
    let mut v = Vec::new();
    v.extend_from_slice(magic);
    v.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    v
}

/// The reader's wasm checks every chunk with a one-row table (1 KB): the
/// sixteen-row table that makes the native build fast is 16 KB of random
/// bytes, which gzip cannot shrink, for checksums of a few dozen KB.
#[cfg(target_arch = "wasm32")]
type Crc32Table = crc::Table<1>;
#[cfg(not(target_arch = "wasm32"))]
type Crc32Table = crc::Table<16>;

/// CRC-32 (ISO-HDLC, the zlib/PNG one) of `bytes`: the checksum in every
/// binary file's footer.
pub(crate) fn crc32(bytes: &[u8]) -> u32 {
    const CRC32: crc::Crc<u32, Crc32Table> =
        crc::Crc::<u32, Crc32Table>::new(&crc::CRC_32_ISO_HDLC);
    CRC32.checksum(bytes)
}

/// Whether the checksum an fst (version 3, what `fst` 0.4 writes) carries in
/// its last four bytes matches its other bytes: what `Fst::verify` checks,
/// computed here because `fst`'s own slice-by-16 tables would add 17 KB of
/// incompressible data to the reader's wasm. fst opens a damaged map
/// without complaint and panics on a bad node later (found by fuzzing), so
/// every map is checked before use.
pub(crate) fn fst_checksum_ok(fst: &[u8]) -> bool {
    const CRC32C: crc::Crc<u32, Crc32Table> = crc::Crc::<u32, Crc32Table>::new(&crc::CRC_32_ISCSI);
    let Some(split) = fst.len().checked_sub(4) else {
        return false;
    };
    let (body, stored) = fst.split_at(split);
    let sum = CRC32C.checksum(body);
    // fst stores the checksum "masked" (as Snappy's frame format does).
    let masked = sum.rotate_right(15).wrapping_add(0xA282_EAD8);
    stored == masked.to_le_bytes()
}

/// Ends a binary file: crc32 of everything so far.
pub(crate) fn footer(mut bytes: Vec<u8>) -> Vec<u8> {
    let crc = crc32(&bytes);
    bytes.extend_from_slice(&crc.to_le_bytes());
    bytes
}

/// Checks magic, version and checksum; returns the body between header
/// and footer.
pub(crate) fn check_envelope<'a>(
    file: &str,
    magic: &[u8; 4],
    bytes: &'a [u8],
) -> Result<&'a [u8], FormatError> {
    if bytes.len() < 12 {
        return Err(corrupt(file, format!("{} bytes is too short", bytes.len())));
    }
    if &bytes[..4] != magic {
        return Err(corrupt(file, "wrong file type (magic bytes do not match)"));
    }
    let version = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]);
    if !(OLDEST_SUPPORTED..=FORMAT_VERSION).contains(&version) {
        return Err(FormatError::Version {
            file: file.to_string(),
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    let (data, crc) = bytes.split_at(bytes.len() - 4);
    let stored = u32::from_le_bytes([crc[0], crc[1], crc[2], crc[3]]);
    if crc32(data) != stored {
        return Err(FormatError::Checksum {
            file: file.to_string(),
        });
    }
    Ok(&data[8..])
}

/// Bounds-checked cursor over untrusted bytes: every read returns a
/// `Corrupt` error instead of panicking.
pub(crate) struct ByteReader<'a> {
    pub(crate) bytes: &'a [u8],
    pub(crate) pos: usize,
    file: &'a str,
}

impl<'a> ByteReader<'a> {
    pub(crate) fn new(file: &'a str, bytes: &'a [u8]) -> Self {
        ByteReader {
            bytes,
            pos: 0,
            file,
        }
    }

    pub(crate) fn err(&self, what: &str) -> FormatError {
        corrupt(self.file, format!("{what} at byte {}", self.pos))
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    pub(crate) fn varint(&mut self) -> Result<u64, FormatError> {
        let mut v = 0u64;
        let mut shift = 0u32;
        loop {
            let b = *self
                .bytes
                .get(self.pos)
                .ok_or_else(|| self.err("truncated number"))?;
            self.pos += 1;
            if shift >= 64 || (shift == 63 && b > 1) {
                return Err(self.err("number too large"));
            }
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(v);
            }
            shift += 7;
        }
    }

    pub(crate) fn varint_u32(&mut self) -> Result<u32, FormatError> {
        u32::try_from(self.varint()?).map_err(|_| self.err("number out of range"))
    }

    /// A count of items that each take at least one byte: bounded by the
    /// remaining input so a corrupt count cannot trigger a huge allocation.
    pub(crate) fn count(&mut self) -> Result<usize, FormatError> {
        let n = self.varint()?;
        let left = (self.bytes.len() - self.pos) as u64;
        if n > left {
            return Err(self.err("count larger than the file"));
        }
        Ok(n as usize)
    }

    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], FormatError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| self.err("truncated data"))?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    pub(crate) fn u32_le(&mut self) -> Result<u32, FormatError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub(crate) fn f32_le(&mut self) -> Result<f32, FormatError> {
        Ok(f32::from_bits(self.u32_le()?))
    }

    pub(crate) fn string(&mut self) -> Result<String, FormatError> {
        let n = self.count()?;
        let b = self.take(n)?;
        std::str::from_utf8(b)
            .map(str::to_string)
            .map_err(|_| self.err("invalid UTF-8"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_fst_checksum_agrees_with_fsts_own_verify() {
        let keys: Vec<String> = (0..2000).map(|i| format!("term{i:05}")).collect();
        let map = fst::Map::from_iter(
            keys.iter()
                .enumerate()
                .map(|(i, k)| (k.as_bytes(), i as u64)),
        )
        .unwrap();
        let bytes = map.as_fst().as_bytes().to_vec();
        assert!(map.as_fst().verify().is_ok() && fst_checksum_ok(&bytes));
        for at in [0, 9, bytes.len() / 2, bytes.len() - 5, bytes.len() - 1] {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x20;
            let theirs = fst::raw::Fst::new(damaged.clone()).is_ok_and(|f| f.verify().is_ok());
            assert!(!fst_checksum_ok(&damaged) && !theirs, "byte {at}");
        }
        assert!(!fst_checksum_ok(&bytes[..3]));
    }

    #[test]
    fn the_footer_checksum_is_crc32_and_the_wasm_table_computes_the_same() {
        // The standard check value of CRC-32/ISO-HDLC: the format's
        // checksum is the one every published index carries.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        let one_row = crc::Crc::<u32, crc::Table<1>>::new(&crc::CRC_32_ISO_HDLC);
        let data: Vec<u8> = (0..5000u32).map(|i| (i * 7919 % 251) as u8).collect();
        for len in [0, 1, 15, 16, 17, 4999, 5000] {
            assert_eq!(crc32(&data[..len]), one_row.checksum(&data[..len]));
        }
    }

    proptest! {
        #[test]
        fn varints_round_trip(vals in proptest::collection::vec(any::<u64>(), 0..50)) {
            let mut buf = Vec::new();
            for &v in &vals { put_varint(&mut buf, v); }
            let mut r = ByteReader::new("t", &buf);
            for &v in &vals { prop_assert_eq!(r.varint().unwrap(), v); }
            prop_assert!(r.is_empty());
        }

        #[test]
        fn envelope_detects_any_single_byte_change(body in proptest::collection::vec(any::<u8>(), 0..64), at in any::<usize>(), x in 1u8..) {
            let mut bytes = header(b"TEST");
            bytes.extend_from_slice(&body);
            let bytes = footer(bytes);
            prop_assert_eq!(check_envelope("t", b"TEST", &bytes).unwrap(), &body[..]);
            let mut bad = bytes.clone();
            let i = at % bad.len();
            bad[i] ^= x;
            prop_assert!(check_envelope("t", b"TEST", &bad).is_err());
            prop_assert!(check_envelope("t", b"TEST", &bytes[..bytes.len() - 1]).is_err());
        }
    }

    #[test]
    fn wrong_version_is_a_version_error_that_says_rebuild() {
        let mut bytes = b"TEST".to_vec();
        bytes.extend_from_slice(&99u32.to_le_bytes());
        let bytes = footer(bytes);
        let e = check_envelope("x.bin", b"TEST", &bytes).unwrap_err();
        assert!(matches!(e, FormatError::Version { found: 99, .. }));
        assert!(e.to_string().contains("rebuild the index with build-index"));
    }
}
