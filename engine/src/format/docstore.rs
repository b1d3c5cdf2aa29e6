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

/// Turns the [`encode_doc`] JSON of a document without related documents
/// into that of the same document with `related` (the JSON of a non-empty
/// `Vec<Related>`), without parsing and writing it again: the field is the
/// last of `Document`, so it goes just before the closing brace.
pub fn append_related(json: &mut Vec<u8>, related: &[u8]) -> Result<(), FormatError> {
    if json.last() != Some(&b'}') {
        return Err(FormatError::Write {
            reason: "related documents added to JSON that is not a document".into(),
        });
    }
    json.pop();
    json.extend_from_slice(br#","related":"#);
    json.extend_from_slice(related);
    json.push(b'}');
    Ok(())
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
    let docs = crate::json::parse(json)
        .and_then(|v| crate::json::array_of(&v, "document", Document::read))
        .map_err(|reason| FormatError::Json {
            file: file.to_string(),
            reason,
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

    #[test]
    fn appending_related_documents_writes_what_encoding_them_writes() {
        let mut d = Document {
            id: "a/b".into(),
            title: "T".into(),
            lang: "en".into(),
            blocks: vec![crate::Block::Paragraph {
                text: "x".into(),
                line: 1,
            }],
            ..Default::default()
        };
        let mut json = encode_doc(&d).unwrap();
        d.related = vec![crate::Related {
            id: "c/d".into(),
            title: "U \"quoted\"".into(),
            reason: "Shared words: x".into(),
        }];
        append_related(&mut json, &serde_json::to_vec(&d.related).unwrap()).unwrap();
        assert_eq!(json, encode_doc(&d).unwrap());
        assert!(append_related(&mut b"[]".to_vec(), b"[]").is_err());
    }
}
