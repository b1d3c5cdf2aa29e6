//! Golden index: the committed bytes of the index of a tiny fixture corpus
//! (`tests/golden/corpus.json` → `tests/golden/index/`). Any change to the
//! bytes on disk shows up here as a failing test and a diff in review; decide
//! then whether `FORMAT_VERSION` must change. Regenerate with
//! `UPDATE_GOLDEN=1 cargo test -p archive-engine --test golden`.

mod common;
use engine::{
    block_on, Document, FormatError, IndexReader, Query, SearchRequest, Searcher, WriterSettings,
};
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn settings() -> WriterSettings {
    WriterSettings {
        generator: "build-index 0.1.0".into(),
        // Small chunks, so the golden index has several of each kind.
        doc_chunk_bytes: 1500,
        term_chunk_bytes: 600,
        dict_chunk_bytes: 300,
        ..WriterSettings::default()
    }
}

fn docs() -> Vec<Document> {
    serde_json::from_slice(&std::fs::read(dir().join("corpus.json")).expect("fixture corpus"))
        .expect("corpus parses")
}

fn build() -> Vec<engine::IndexFile> {
    let docs = docs();
    let mut w = engine::IndexWriter::new(settings());
    for d in &docs {
        w.add(d);
    }
    w.finish().expect("index builds")
}

#[test]
fn index_bytes_match_the_committed_golden_index() {
    let files = build();
    let out = dir().join("index");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let _ = std::fs::remove_dir_all(&out);
        std::fs::create_dir_all(&out).expect("mkdir");
        for f in &files {
            std::fs::write(out.join(&f.name), &f.bytes).expect("write golden");
        }
    }
    let mut committed: Vec<String> = std::fs::read_dir(&out)
        .expect("tests/golden/index exists (UPDATE_GOLDEN=1 creates it)")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    committed.sort();
    let mut names: Vec<String> = files.iter().map(|f| f.name.clone()).collect();
    names.sort();
    assert_eq!(
        names, committed,
        "file names changed: the format or the fixture changed"
    );
    for f in &files {
        let want = std::fs::read(out.join(&f.name)).expect("golden file");
        assert!(want == f.bytes, "{} differs from the golden copy", f.name);
    }
}

#[test]
fn building_twice_gives_identical_bytes() {
    assert_eq!(build(), build());
}

/// build-index streams: packed documents in (`add_encoded`), each file out
/// to a sink as it is made. Same bytes as `add` + `finish`, also with the
/// automatic doc chunk size given up front.
#[test]
fn streaming_packed_documents_into_a_sink_gives_the_same_bytes() {
    let packed: Vec<Vec<u8>> = docs()
        .iter()
        .map(|d| engine::docstore::encode_doc(d).expect("encodes"))
        .collect();
    let total = packed.iter().map(Vec::len).sum();
    for streamed in [
        settings(),
        WriterSettings {
            doc_chunk_bytes: engine::auto_doc_chunk_bytes(total),
            ..settings()
        },
    ] {
        let mut held = engine::IndexWriter::new(WriterSettings {
            doc_chunk_bytes: 0,
            ..streamed.clone()
        });
        let mut w = engine::IndexWriter::with_sink(streamed.clone(), Vec::new());
        for (d, json) in docs().iter().zip(&packed) {
            held.add(d);
            assert_eq!(&w.add_encoded(json).expect("adds"), d);
        }
        let mut files = w.finish_into().expect("index builds");
        files.sort_by(|a, b| a.name.cmp(&b.name));
        let mut want = if streamed.doc_chunk_bytes == settings().doc_chunk_bytes {
            build()
        } else {
            held.finish().expect("index builds")
        };
        want.sort_by(|a, b| a.name.cmp(&b.name));
        assert!(files == want, "streamed files differ");
    }
}

/// The reader of this build must read the committed index (compatibility:
/// when FORMAT_VERSION moves on while OLDEST_SUPPORTED stays, keep the old
/// golden folder and this test for it. Version 3 reads only version 3: an
/// older manifest is a `Version` error, see `format::manifest`).
#[test]
fn committed_golden_index_is_readable_and_searchable() {
    let out = dir().join("index");
    let read = |name: &str| std::fs::read(out.join(name)).expect("golden file");
    let manifest = IndexReader::parse_manifest(&read("manifest.json")).expect("manifest");
    assert!(
        manifest.term_chunks.len() >= 2
            && manifest.posting_chunks.len() >= 2
            && manifest.doc_chunks.len() >= 2
    );
    let folder = engine::ReadySource(|name: &str| {
        std::fs::read(out.join(name)).map_err(|_| FormatError::Missing { file: name.into() })
    });
    let s = block_on(Searcher::open(folder)).expect("open");
    block_on(s.load_ids()).expect("ids");
    for (text, want) in [
        ("juarez ", 2),
        ("trafficking ", 2),
        ("\"arms smuggling\"", 1),
        ("migracion ", 1),
        ("heatwave ", 1),
        ("1000 ", 1),
        ("h2 ", 1),
        ("speaker:blinken", 1),
    ] {
        let q = Query::parse(text);
        let res = block_on(s.search(&q, &SearchRequest::default())).expect("search");
        assert_eq!(res.total, want, "{text}");
    }
    let n = s
        .reader()
        .doc_by_id("002-interview/interview-with-the-secretary")
        .expect("id");
    block_on(s.load_docs(&[n])).expect("doc chunk");
    assert_eq!(
        s.reader().document(n).expect("doc").title,
        "Interview with the Secretary"
    );
}
