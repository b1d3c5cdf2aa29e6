//! Rebuilds an index from the documents of a built one, with other chunk
//! sizes (for tuning the writer without re-running build-index):
//! `cargo run --release -p archive-engine --example reindex -- <index dir> <out dir>`
//! Sizes from the environment: `DOC_CHUNK_BYTES`, `TERM_CHUNK_BYTES`,
//! `DICT_CHUNK_BYTES` (defaults: `WriterSettings::default()`).

use engine::{
    block_on, ChunkId, FormatError, IndexReader, IndexWriter, ReadySource, Searcher, WriterSettings,
};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().expect("index dir"));
    let out = std::path::PathBuf::from(args.next().expect("out dir"));
    let read = |n: &str| std::fs::read(dir.join(n)).expect("index file");
    let manifest = IndexReader::parse_manifest(&read("manifest.json")).expect("manifest");
    let docmeta = read(&manifest.docmeta);
    let r = IndexReader::open(manifest.clone(), &docmeta).expect("open");
    let s = Searcher::with_reader(ReadySource(|n: &str| Ok::<_, FormatError>(read(n))), r);
    let docs = (0..manifest.doc_chunks.len()).map(ChunkId::Docs);
    block_on(s.load(&docs.collect::<Vec<_>>())).expect("doc chunks");
    let r = s.reader();
    let env = |k: &str, d: usize| {
        std::env::var(k)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    let def = WriterSettings::default();
    let mut w = IndexWriter::new(WriterSettings {
        archive: manifest.archive.clone(),
        search: manifest.search.clone(),
        generator: manifest.generator.clone(),
        doc_chunk_bytes: env("DOC_CHUNK_BYTES", def.doc_chunk_bytes),
        term_chunk_bytes: env("TERM_CHUNK_BYTES", def.term_chunk_bytes),
        dict_chunk_bytes: env("DICT_CHUNK_BYTES", def.dict_chunk_bytes),
    });
    for d in 0..r.doc_count() {
        w.add(r.document(d).expect("document"));
    }
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).expect("mkdir");
    for f in w.finish().expect("index") {
        std::fs::write(out.join(&f.name), &f.bytes).expect("write");
    }
}
