//! Document chunks (`docs-NNN-<hash>.bin`): the "JSON document bundle", a
//! JSON array of [`Document`]s for the DocNum range the manifest gives,
//! inside the binary envelope of every index file:
//!
//! ```text
//! "ARDC" | version u32 LE | JSON array (UTF-8) | crc32 u32 LE
//! ```
//!
//! JSON so scripts and people can read the body as is (skip 8 bytes, drop
//! the last 4); the envelope's CRC checks it, since the name's hash covers
//! a group of chunks rather than this one.

use super::{check_envelope, footer, header, FormatError};
use crate::model::Document;

pub const MAGIC: &[u8; 4] = b"ARDC";

/// Serialises the JSON array of one chunk (documents in DocNum order).
pub fn encode(docs: &[&Document]) -> Result<Vec<u8>, FormatError> {
    serde_json::to_vec(docs).map_err(|e| FormatError::Write {
        reason: format!("document chunk: {e}"),
    })
}

/// Serialises one document: an element of a chunk's array. A chunk's
/// JSON is `[` + its documents' `encode_doc` joined by `,` + `]`, exactly
/// what [`encode`] gives for them.
pub fn encode_doc(doc: &Document) -> Result<Vec<u8>, FormatError> {
    serde_json::to_vec(doc).map_err(|e| FormatError::Write {
        reason: format!("document {:?}: {e}", doc.id),
    })
}

/// Parses what [`encode_doc`] wrote.
pub fn decode_doc(json: &[u8]) -> Result<Document, FormatError> {
    serde_json::from_slice(json).map_err(|e| FormatError::Write {
        reason: format!("a packed document is not valid JSON: {e}"),
    })
}

/// Puts a JSON array into the envelope: the bytes of the chunk file.
pub fn wrap(json: &[u8]) -> Vec<u8> {
    let mut out = header(MAGIC);
    out.extend_from_slice(json);
    footer(out)
}

/// Parses a chunk file that must hold exactly `expected` documents.
pub fn parse(file: &str, bytes: &[u8], expected: usize) -> Result<Vec<Document>, FormatError> {
    let json = check_envelope(file, MAGIC, bytes)?;
    let docs: Vec<Document> = serde_json::from_slice(json).map_err(|e| FormatError::Json {
        file: file.to_string(),
        reason: e.to_string(),
    })?;
    if docs.len() != expected {
        return Err(FormatError::Corrupt {
            file: file.to_string(),
            reason: format!(
                "holds {} documents, the manifest says {expected}",
                docs.len()
            ),
        });
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunk_round_trip_and_checks() {
        let d = Document {
            id: "a/b".into(),
            title: "T".into(),
            lang: "en".into(),
            ..Default::default()
        };
        let bytes = wrap(&encode(&[&d, &d]).unwrap());
        assert_eq!(parse("c", &bytes, 2).unwrap(), vec![d.clone(), d.clone()]);
        assert!(matches!(
            parse("c", &bytes, 3),
            Err(FormatError::Corrupt { .. })
        ));
        assert!(matches!(
            parse("c", &bytes[..bytes.len() - 1], 2),
            Err(FormatError::Checksum { .. })
        ));
        let mut joined = b"[".to_vec();
        joined.extend(encode_doc(&d).unwrap());
        joined.push(b',');
        joined.extend(encode_doc(&d).unwrap());
        joined.push(b']');
        assert_eq!(joined, encode(&[&d, &d]).unwrap());
        assert_eq!(decode_doc(&encode_doc(&d).unwrap()).unwrap(), d);
        let bad = wrap(b"[{]");
        assert!(matches!(parse("c", &bad, 1), Err(FormatError::Json { .. })));
    }
}
