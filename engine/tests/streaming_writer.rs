//! Regression guard for build memory: a writer given a doc chunk size hands
//! doc chunks to its sink while documents are still being added, holding at
//! most one group of them, instead of keeping every document (or every
//! output file) until `finish`. Memory figures themselves belong in the
//! benchmark (scripts/bench.sh), not in a test.

use engine::manifest::CHUNK_GROUP;
use engine::{Block, Document, IndexSink, IndexWriter, WriterSettings};
use std::cell::RefCell;
use std::rc::Rc;

/// Counts what arrives, and when.
#[derive(Default)]
struct Seen {
    files: Vec<String>,
    doc_bytes: usize,
}

struct Counting(Rc<RefCell<Seen>>);

impl IndexSink for Counting {
    fn put(&mut self, name: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        let mut seen = self.0.borrow_mut();
        if name.starts_with("docs-") {
            seen.doc_bytes += bytes.len();
        }
        seen.files.push(name.to_string());
        Ok(())
    }
}

/// A synthetic document of roughly 1 KB of text.
fn doc(i: usize) -> Document {
    let words = [
        "border", "river", "trade", "grain", "harbour", "winter", "treaty",
    ];
    let text: Vec<String> = (0..150)
        .map(|k| format!("{}{}", words[(i + k) % words.len()], (i * 7 + k) % 97))
        .collect();
    Document {
        id: format!("synthetic/{i:05}"),
        title: format!("Entry {i}"),
        lang: "en".into(),
        blocks: vec![Block::Paragraph {
            text: text.join(" "),
            line: 1,
        }],
        ..Default::default()
    }
}

#[test]
fn writer_holds_at_most_one_group_of_doc_chunks_while_documents_are_added() {
    let budget = 4096;
    let seen = Rc::new(RefCell::new(Seen::default()));
    let mut w = IndexWriter::with_sink(
        WriterSettings {
            doc_chunk_bytes: budget,
            ..WriterSettings::default()
        },
        Counting(seen.clone()),
    );
    let mut added = 0usize;
    for i in 0..3000 {
        let json = engine::docstore::encode_doc(&doc(i)).expect("encodes");
        added += json.len() + 1;
        w.add_encoded(&json).expect("adds");
        assert!(
            w.held_chunks() < CHUNK_GROUP,
            "doc {i}: {}",
            w.held_chunks()
        );
        // Not yet written: the open group and the open chunk (plus each
        // chunk's 12-byte envelope counted on the written side).
        let written = seen.borrow().doc_bytes;
        assert!(
            added <= written + (CHUNK_GROUP + 1) * budget,
            "doc {i}: {added} bytes of documents added, only {written} written"
        );
    }
    let before_finish = seen.borrow().files.len();
    assert!(before_finish > 3 * CHUNK_GROUP, "{before_finish}");
    w.finish_into().expect("index builds");
    let seen = seen.borrow();
    assert_eq!(seen.files.last().map(String::as_str), Some("manifest.json"));
    let mut names = seen.files.clone();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), seen.files.len(), "a file was written twice");
}
