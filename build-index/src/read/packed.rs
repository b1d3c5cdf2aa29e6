//! Finished documents between reading and indexing. Each is packed as the
//! JSON the index stores ([`engine::docstore::encode_doc`]) and appended to
//! an unnamed temporary file as soon as it is complete; memory keeps only
//! its id and place. A build's memory then does not grow with the corpus
//! text: documents are read back one at a time, in id order, for the index
//! writer (which stores the bytes as they are) and the page writer.

use crate::Error;
use engine::Document;
use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::sync::Mutex;

/// A document in a [`PackedStore`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackedDoc {
    /// Kept in memory: documents are indexed in id order.
    pub id: String,
    offset: u64,
    len: u32,
}

impl PackedDoc {
    /// Size of the document's JSON.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// Where packed documents are appended, from any reading thread.
pub struct PackedStore {
    file: Mutex<(BufWriter<File>, u64)>,
}

/// A [`PackedStore`] done with writing.
pub struct PackedReader {
    file: File,
}

/// A failure on one of the build's temporary files (`what` it holds).
pub(crate) fn temp_file_error(what: &str, e: impl std::fmt::Display) -> Error {
    Error::Io {
        path: std::env::temp_dir().display().to_string(),
        reason: format!("temporary file of {what}: {e}"),
    }
}

fn spill_error(e: impl std::fmt::Display) -> Error {
    temp_file_error("packed documents", e)
}

impl PackedStore {
    /// A store in an unnamed file in the system's temporary folder: the
    /// system removes it when the build ends, however it ends.
    pub fn new() -> Result<PackedStore, Error> {
        let file = tempfile::tempfile().map_err(spill_error)?;
        Ok(PackedStore {
            file: Mutex::new((BufWriter::with_capacity(1 << 16, file), 0)),
        })
    }

    pub fn push(&self, doc: &Document) -> Result<PackedDoc, Error> {
        let json = engine::docstore::encode_doc(doc)?;
        let len = u32::try_from(json.len()).map_err(|_| spill_error("a document over 4 GB"))?;
        let mut guard = self.file.lock().unwrap_or_else(|e| e.into_inner());
        let (out, end) = &mut *guard;
        out.write_all(&json).map_err(spill_error)?;
        let offset = *end;
        *end += u64::from(len);
        Ok(PackedDoc {
            id: doc.id.clone(),
            offset,
            len,
        })
    }

    pub fn into_reader(self) -> Result<PackedReader, Error> {
        let (out, _) = self.file.into_inner().unwrap_or_else(|e| e.into_inner());
        let file = out.into_inner().map_err(|e| spill_error(e.error()))?;
        Ok(PackedReader { file })
    }
}

impl PackedReader {
    /// Reads `doc`'s JSON into `buf` (replacing what it held).
    pub fn read(&mut self, doc: &PackedDoc, buf: &mut Vec<u8>) -> Result<(), Error> {
        buf.resize(doc.len(), 0);
        self.file
            .seek(SeekFrom::Start(doc.offset))
            .and_then(|_| self.file.read_exact(buf))
            .map_err(spill_error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_read_back_as_the_index_stores_them() {
        let store = PackedStore::new().unwrap();
        let docs: Vec<Document> = ["a/one", "a/two", "b/three"]
            .iter()
            .map(|id| Document {
                id: id.to_string(),
                title: format!("Title of {id}"),
                ..Default::default()
            })
            .collect();
        let packed: Vec<PackedDoc> = docs.iter().map(|d| store.push(d).unwrap()).collect();
        let mut reader = store.into_reader().unwrap();
        let mut buf = Vec::new();
        for (d, p) in docs.iter().zip(&packed).rev() {
            reader.read(p, &mut buf).unwrap();
            assert_eq!(buf, engine::docstore::encode_doc(d).unwrap());
            assert_eq!(p.id, d.id);
        }
    }
}
