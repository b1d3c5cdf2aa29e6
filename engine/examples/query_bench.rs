//! Warm and cold query figures for a built index:
//! `cargo run --release -p archive-engine --example query_bench -- <index dir> <queries.txt>`
//! Cold: bytes a fresh reader fetches per query (manifest + docmeta once,
//! then dictionary + postings chunks + the top-10 doc chunks). Warm: parse +
//! search latency with everything the query list needs loaded.

use engine::{block_on, FormatError, IndexReader, Query, ReadySource, SearchRequest, Searcher};
use std::cell::Cell;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().expect("index dir"));
    let queries: Vec<String> = std::fs::read_to_string(args.next().expect("queries file"))
        .expect("queries")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| format!("{l} "))
        .collect();
    let read = |n: &str| std::fs::read(dir.join(n)).expect("index file");
    let manifest_bytes = read("manifest.json");
    let manifest = IndexReader::parse_manifest(&manifest_bytes).expect("manifest");
    let docmeta = read(&manifest.docmeta);
    println!(
        "startup: manifest {} B + docmeta {} B",
        manifest_bytes.len(),
        docmeta.len()
    );
    let req = SearchRequest {
        limit: 10,
        ..Default::default()
    };
    let mut cold = Vec::new();
    let warm_only = std::env::var_os("WARM_ONLY").is_some();
    // Counts the bytes each query's searcher fetches past the start-up files.
    let fetched = Cell::new(0usize);
    let counted = |n: &str| {
        let b = read(n);
        fetched.set(fetched.get() + b.len());
        Ok::<_, FormatError>(b)
    };
    for q in queries.iter().filter(|_| !warm_only) {
        let r = IndexReader::open(manifest.clone(), &docmeta).expect("open");
        let s = Searcher::with_reader(ReadySource(&counted), r);
        let pq = Query::parse(q);
        fetched.set(0);
        let res = block_on(s.search(&pq, &req)).expect("search");
        let bytes = fetched.replace(0);
        let docs: Vec<u32> = res.hits.iter().map(|h| h.doc).collect();
        block_on(s.load_docs(&docs)).expect("doc chunks");
        let doc_bytes = fetched.get();
        cold.push((bytes, doc_bytes, q.clone(), res.total));
    }
    for (b, d, q, total) in &cold {
        println!(
            "cold {q:<22} terms {:>8} B  docs {:>8} B  total hits {total}",
            b, d
        );
    }
    let r = IndexReader::open(manifest.clone(), &docmeta).expect("open");
    let s = Searcher::with_reader(ReadySource(|n: &str| Ok::<_, FormatError>(read(n))), r);
    for q in &queries {
        block_on(s.load_query_while(&Query::parse(q), &|| true)).expect("chunks");
    }
    let r = s.reader();
    let mut times = Vec::new();
    let mut per: Vec<(f64, &String)> = Vec::new();
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    for _ in 0..rounds {
        for q in &queries {
            let t = Instant::now();
            std::hint::black_box(r.search(&Query::parse(q), &req).expect("loaded"));
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            times.push(ms);
            per.push((ms, q));
        }
    }
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| times[((times.len() - 1) as f64 * p) as usize];
    println!(
        "warm: {} runs, p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        times.len(),
        pct(0.5),
        pct(0.95),
        pct(1.0)
    );
    per.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (ms, q) in per.iter().take(5) {
        println!("  slow: {ms:.2} ms {q:?}");
    }
}
