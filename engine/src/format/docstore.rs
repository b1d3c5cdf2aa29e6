//! Document chunks: the "JSON document bundle", a JSON array of
//! [`Document`]s for the DocNum range the manifest gives. JSON so the reader,
//! scripts and people can read it as is; integrity comes from the SHA-256 in
//! the manifest (the content hash is also in the file name).

use super::FormatError;
use crate::model::Document;

/// Serialises one chunk (documents in DocNum order).
pub fn encode(docs: &[&Document]) -> Result<Vec<u8>, FormatError> {
    serde_json::to_vec(docs).map_err(|e| FormatError::Write {
        reason: format!("document chunk: {e}"),
    })
}

/// Parses a chunk that must hold exactly `expected` documents.
pub fn parse(file: &str, bytes: &[u8], expected: usize) -> Result<Vec<Document>, FormatError> {
    let docs: Vec<Document> = serde_json::from_slice(bytes).map_err(|e| FormatError::Json {
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
    fn chunk_round_trip_and_count_check() {
        let d = Document {
            id: "a/b".into(),
            title: "T".into(),
            lang: "en".into(),
            ..Default::default()
        };
        let bytes = encode(&[&d, &d]).unwrap();
        assert_eq!(parse("c", &bytes, 2).unwrap(), vec![d.clone(), d]);
        assert!(matches!(
            parse("c", &bytes, 3),
            Err(FormatError::Corrupt { .. })
        ));
        assert!(matches!(
            parse("c", &bytes[..bytes.len() - 1], 2),
            Err(FormatError::Json { .. })
        ));
    }
}
