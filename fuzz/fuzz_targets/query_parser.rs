//! Any query text parses (never panics) and searching with it on a small
//! index never panics either. The index is loaded whole once (every
//! dictionary, postings and doc chunk) and shared by every input: search,
//! snippets and highlights only read it, and reloading it per input had
//! cost nine tenths of each run.
#![no_main]

use engine::{
    block_on, Block, ChunkId, Document, FormatError, IndexReader, IndexWriter, Query, ReadySource,
    SearchRequest, Searcher, Sort, WriterSettings,
};
use libfuzzer_sys::fuzz_target;

thread_local! {
    static READER: IndexReader = load();
}

fn load() -> IndexReader {
    let files = {
        let mut w = IndexWriter::new(WriterSettings {
            term_chunk_bytes: 200,
            dict_chunk_bytes: 100,
            doc_chunk_bytes: 300,
            ..Default::default()
        });
        let texts = [
            (
                "Border security",
                "Fentanyl trafficking near Ciudad Juárez; H-2 visas, socket.gaierror, U.S. policy.",
            ),
            ("Migración", "Las migraciones aumentaron durante la sequía."),
            (
                "Interview",
                "We discussed cartels, traffickers and 1,000 “heatwave” days — again.",
            ),
        ];
        for (i, (title, body)) in texts.iter().enumerate() {
            w.add(&Document {
                id: format!("d/{i}"),
                title: title.to_string(),
                lang: if i == 1 { "es".into() } else { "en".into() },
                date: Some(format!("202{i}-0{}-1{i}", i + 1)),
                doc_type: Some(["interview", "news article", "statement"][i].into()),
                speakers: vec!["Antony J. Blinken".into()],
                blocks: vec![Block::Paragraph {
                    text: body.to_string(),
                    line: 1,
                }],
                ..Default::default()
            });
        }
        w.finish().expect("fixture index")
    };
    let get = |n: &str| {
        files
            .iter()
            .find(|x| x.name == n)
            .map(|x| x.bytes.clone())
            .expect("fixture file")
    };
    let s = block_on(Searcher::open(ReadySource(|n: &str| {
        Ok::<_, FormatError>(get(n))
    })))
    .expect("open");
    let all = ChunkId::all(s.reader().manifest());
    block_on(s.load(&all)).expect("every chunk loads");
    s.into_reader()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let q = Query::parse(text);
    let _ = q.is_empty();
    READER.with(|r| {
        assert!(
            r.missing_term_chunks(&q).is_empty(),
            "a loaded index needs no chunk"
        );
        search(r, &q, data.len());
    });
});

fn search(r: &IndexReader, q: &Query, len: usize) {
    let sort = [Sort::Relevance, Sort::Newest, Sort::Oldest][len % 3];
    let res = r
        .search(
            q,
            &SearchRequest {
                sort,
                limit: 5,
                ..Default::default()
            },
        )
        .expect("a loaded index answers every query");
    assert!(
        r.missing_doc_chunks(&res.hits.iter().map(|h| h.doc).collect::<Vec<_>>())
            .is_empty(),
        "a loaded index needs no doc chunk"
    );
    for h in &res.hits {
        let s = r.snippet(h.doc, &h.matched, 1 + len % 300);
        for hl in &s.highlights {
            assert!(
                s.text.get(hl.start..hl.end).is_some(),
                "highlight inside the snippet"
            );
        }
        let _ = r.highlights(h.doc, &h.matched);
    }
}
