//! Corrupt, truncated or hostile index files give a typed error, never a
//! panic: the first byte picks which file the rest of the input replaces
//! (manifest, docmeta, dictionary or completion chunk, postings chunk, doc
//! chunk, ids) in
//! an otherwise valid index, then the reader loads and searches it. With
//! the high bit of that byte set, the bytes are first wrapped in a valid
//! envelope (magic, version, crc32), so the fuzzer reaches the parsers
//! behind the checksum too.
#![no_main]

use engine::{
    block_on, Block, Document, FormatError, IndexReader, IndexWriter, Query, ReadySource,
    SearchRequest, Searcher, WriterSettings,
};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn crc32(bytes: &[u8]) -> u32 {
    // Bitwise CRC-32 (IEEE), as the format's footer uses.
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn files() -> &'static Vec<engine::IndexFile> {
    static F: OnceLock<Vec<engine::IndexFile>> = OnceLock::new();
    F.get_or_init(|| {
        let mut w = IndexWriter::new(WriterSettings {
            term_chunk_bytes: 200,
            dict_chunk_bytes: 100,
            doc_chunk_bytes: 300,
            ..Default::default()
        });
        for (i, body) in [
            "border fentanyl juárez cartels",
            "migración frontera sequía",
            "border wall drought climate",
        ]
        .iter()
        .enumerate()
        {
            w.add(&Document {
                id: format!("d/{i}"),
                title: format!("Title {i} border"),
                lang: "en".into(),
                date: Some(format!("202{i}")),
                source: Some(["A", "B", "C"][i].into()),
                blocks: vec![Block::Paragraph {
                    text: body.to_string(),
                    line: 1,
                }],
                ..Default::default()
            });
        }
        w.finish().expect("fixture index")
    })
}

fn good_manifest() -> &'static engine::Manifest {
    static M: OnceLock<engine::Manifest> = OnceLock::new();
    M.get_or_init(|| {
        let bytes = &files()
            .iter()
            .find(|f| f.name == "manifest.json")
            .expect("fixture manifest")
            .bytes;
        IndexReader::parse_manifest(bytes).expect("fixture manifest")
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, payload)) = data.split_first() else {
        return;
    };
    let files = files();
    let good = good_manifest();
    // Which file the fuzzer's bytes stand in for.
    let target: String = match pick % 6 {
        0 => "manifest.json".into(),
        1 => good.docmeta.clone(),
        2 => {
            // Dictionary and completion chunks share a format.
            let dicts: Vec<&engine::TermChunkEntry> = good
                .term_chunks
                .iter()
                .chain(&good.completion_chunks)
                .collect();
            dicts[usize::from(pick / 6) % dicts.len()].file.clone()
        }
        3 => good.posting_chunks[usize::from(pick / 6) % good.posting_chunks.len()]
            .file
            .clone(),
        4 => good.doc_chunks[usize::from(pick / 6) % good.doc_chunks.len()]
            .file
            .clone(),
        _ => good.ids.clone(),
    };
    let magic: Option<&[u8; 4]> = match pick % 6 {
        1 => Some(engine::format::docmeta::MAGIC),
        2 => Some(engine::format::termdict::DICT_MAGIC),
        3 => Some(engine::format::termdict::POSTINGS_MAGIC),
        4 => Some(engine::format::docstore::MAGIC),
        5 => Some(engine::format::ids::MAGIC),
        _ => None,
    };
    let payload: Vec<u8> = match magic {
        Some(m) if pick & 0x80 != 0 => {
            let mut v = m.to_vec();
            v.extend_from_slice(&engine::FORMAT_VERSION.to_le_bytes());
            v.extend_from_slice(payload);
            let crc = crc32(&v);
            v.extend_from_slice(&crc.to_le_bytes());
            v
        }
        _ => payload.to_vec(),
    };
    // The parsers on their own, the doc chunk's JSON behind its envelope too.
    let _ = engine::format::docmeta::DocMeta::parse("f", &payload);
    let _ = engine::format::termdict::TermDict::parse("f", &payload);
    if let Ok(c) = engine::format::termdict::PostingsChunk::parse("f", &payload) {
        let _ = c.validate(3);
    }
    let _ = engine::format::ids::Ids::parse("f", &payload, 3);
    let _ = engine::format::docstore::parse("f", &payload, 2);
    let get = |n: &str| -> Vec<u8> {
        if n == target {
            payload.clone()
        } else {
            files
                .iter()
                .find(|f| f.name == n)
                .map(|f| f.bytes.clone())
                .unwrap_or_default()
        }
    };
    let source = ReadySource(|n: &str| Ok::<_, FormatError>(get(n)));
    let Ok(s) = block_on(Searcher::open(source)) else {
        return;
    };
    let _ = block_on(s.load_ids());
    let _ = s.reader().doc_by_id("d/1");
    // Two searches per input, not six: the input's length picks the second,
    // so every query shape still meets every damaged file.
    let shapes = [
        "fentanil",
        "\"border wall\" -climate",
        "",
        "mig",
        "year:2021 source:a",
    ];
    for text in ["border", shapes[payload.len() % shapes.len()]] {
        let q = Query::parse(text);
        // A damaged chunk is an error here, never a panic.
        let Ok(res) = block_on(s.search(&q, &SearchRequest::default())) else {
            continue;
        };
        let docs: Vec<u32> = res.hits.iter().map(|h| h.doc).collect();
        let _ = block_on(s.load_docs(&docs));
        let r = s.reader();
        for h in &res.hits {
            let _ = r.snippet(h.doc, &h.matched, 100);
            let _ = r.date_of(h.doc);
        }
    }
});
