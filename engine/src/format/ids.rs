//! The id file: an `fst::Map` from document id to DocNum, so a permalink
//! (`#doc=<id>`) finds its document without loading every doc chunk.
//!
//! ```text
//! "ARID" | version u32 LE | fst bytes (fst::Map id → DocNum) | crc32 u32 LE
//! ```

use super::{check_envelope, corrupt, footer, header, FormatError};
use crate::api::DocNum;

pub const MAGIC: &[u8; 4] = b"ARID";

/// `ids` must be sorted by id and unique.
pub fn encode(ids: &[(&str, DocNum)]) -> Result<Vec<u8>, FormatError> {
    let map = fst::Map::from_iter(ids.iter().map(|(id, d)| (id.as_bytes(), u64::from(*d))))
        .map_err(|e| FormatError::Write {
            reason: format!("document ids must be unique: {e}"),
        })?;
    let mut out = header(MAGIC);
    out.extend_from_slice(map.as_fst().as_bytes());
    Ok(footer(out))
}

pub struct Ids {
    map: fst::Map<Vec<u8>>,
    doc_count: DocNum,
}

impl Ids {
    pub fn parse(file: &str, bytes: &[u8], doc_count: DocNum) -> Result<Ids, FormatError> {
        let body = check_envelope(file, MAGIC, bytes)?;
        let map =
            fst::Map::new(body.to_vec()).map_err(|e| corrupt(file, format!("id map: {e}")))?;
        // fst checks only its header and footer when opened, and panics on a
        // damaged node later; its checksum catches that now.
        if !super::fst_checksum_ok(body) {
            return Err(corrupt(file, "id map: checksum mismatch"));
        }
        Ok(Ids { map, doc_count })
    }

    pub fn get(&self, id: &str) -> Option<DocNum> {
        self.map
            .get(id)
            .and_then(|d| DocNum::try_from(d).ok())
            .filter(|&d| d < self.doc_count)
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        let bytes = encode(&[("a/x", 1), ("b/y", 0)]).unwrap();
        let ids = Ids::parse("i", &bytes, 2).unwrap();
        assert_eq!(ids.get("b/y"), Some(0));
        assert_eq!(ids.get("a/x"), Some(1));
        assert_eq!(ids.get("c"), None);
        assert!(Ids::parse("i", &bytes, 1).unwrap().get("a/x").is_none());
        assert!(encode(&[("b", 0), ("a", 1)]).is_err());
    }
}
