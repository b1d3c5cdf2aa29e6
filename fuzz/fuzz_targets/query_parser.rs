//! Any query text parses (never panics) and searching with it on a small
//! index never panics either.
#![no_main]

use engine::{
    Block, Document, IndexReader, IndexWriter, Query, SearchRequest, Sort, WriterSettings,
};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

struct Fixture {
    files: Vec<engine::IndexFile>,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
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
        Fixture {
            files: w.finish().expect("fixture index"),
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let q = Query::parse(text);
    let _ = q.is_empty();
    let f = fixture();
    let get = |n: &str| {
        f.files
            .iter()
            .find(|x| x.name == n)
            .map(|x| x.bytes.clone())
            .unwrap_or_default()
    };
    let m = IndexReader::parse_manifest(&get("manifest.json")).expect("manifest");
    let mut r = IndexReader::open(m.clone(), &get(&m.docmeta)).expect("open");
    for _ in 0..3 {
        for name in r.missing_term_chunks(&q) {
            r.add_term_chunk(&name, &get(&name)).expect("chunk");
        }
    }
    let sort = [Sort::Relevance, Sort::Newest, Sort::Oldest][data.len() % 3];
    let res = r.search(
        &q,
        &SearchRequest {
            sort,
            limit: 5,
            ..Default::default()
        },
    );
    let docs: Vec<u32> = res.hits.iter().map(|h| h.doc).collect();
    for name in r.missing_doc_chunks(&docs) {
        r.add_doc_chunk(&name, &get(&name)).expect("doc chunk");
    }
    for h in &res.hits {
        let s = r.snippet(h.doc, &h.matched, 1 + data.len() % 300);
        for hl in &s.highlights {
            assert!(
                s.text.get(hl.start..hl.end).is_some(),
                "highlight inside the snippet"
            );
        }
        let _ = r.highlights(h.doc, &h.matched);
    }
});
