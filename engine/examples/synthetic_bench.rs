//! Build and query a synthetic corpus to measure the engine natively:
//! `cargo run --release -p archive-engine --example synthetic_bench -- 100000`
//! prints build time, index bytes and warm query latency (p50/p95).
//! The text is Zipf-distributed pseudo-words, so term statistics look like
//! natural language (a few very common terms, a long tail).

use engine::{
    block_on, Block, ChunkId, Document, FormatError, IndexReader, IndexWriter, Query, ReadySource,
    SearchRequest, Searcher, WriterSettings,
};
use std::time::Instant;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn vocabulary(rng: &mut Rng, n: usize) -> Vec<String> {
    const SYL: &[&str] = &[
        "ka", "lo", "mi", "ra", "ten", "sor", "vi", "pan", "del", "qua", "ber", "nis", "to", "gar",
        "fen", "ty", "lan", "mex", "ico", "jua",
    ];
    let mut v: Vec<String> = (0..n)
        .map(|_| {
            (0..2 + rng.below(3))
                .map(|_| SYL[rng.below(SYL.len())])
                .collect()
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

fn zipf(rng: &mut Rng, n: usize) -> usize {
    // Inverse-CDF of a 1/x distribution over 1..n.
    let u = (rng.next() % 1_000_000) as f64 / 1_000_000.0;
    ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let vocab = vocabulary(&mut rng, 40_000);
    let words = |rng: &mut Rng, k: usize| {
        (0..k)
            .map(|_| vocab[zipf(rng, vocab.len())].as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let docs: Vec<Document> = (0..n)
        .map(|i| Document {
            id: format!("d/{i:06}"),
            title: words(&mut rng, 2 + i % 4),
            lang: "en".into(),
            date: Some(format!(
                "{}-{:02}-{:02}",
                1990 + i % 30,
                1 + i % 12,
                1 + i % 28
            )),
            source: Some(format!("source {}", i % 7)),
            doc_type: Some(["article", "interview", "statement"][i % 3].into()),
            blocks: (0..1 + i % 3)
                .map(|_| {
                    let k = 20 + rng.below(60);
                    Block::Paragraph {
                        text: words(&mut rng, k),
                        line: 0,
                    }
                })
                .collect(),
            ..Default::default()
        })
        .collect();
    // Reuse a previous build of the same size (building dominates the run).
    let dir = std::env::temp_dir().join(format!("engine-synthetic-{n}"));
    let t = Instant::now();
    let files: Vec<engine::IndexFile> =
        if dir.join("manifest.json").exists() && std::env::var_os("REBUILD").is_none() {
            std::fs::read_dir(&dir)
                .expect("cache dir")
                .filter_map(Result::ok)
                .map(|e| engine::IndexFile {
                    name: e.file_name().to_string_lossy().into_owned(),
                    bytes: std::fs::read(e.path()).expect("read"),
                })
                .collect()
        } else {
            let mut w = IndexWriter::new(WriterSettings::default());
            for d in &docs {
                w.add(d);
            }
            let files = w.finish().expect("index");
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).expect("mkdir");
            for f in &files {
                std::fs::write(dir.join(&f.name), &f.bytes).expect("write");
            }
            files
        };
    let build = t.elapsed();
    let total: usize = files.iter().map(|f| f.bytes.len()).sum();
    let get = |name: &str| {
        files
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.bytes.clone())
            .unwrap_or_default()
    };
    let t = Instant::now();
    let manifest = IndexReader::parse_manifest(&get("manifest.json")).expect("manifest");
    let docmeta_len = get(&manifest.docmeta).len();
    let r = IndexReader::open(manifest.clone(), &get(&manifest.docmeta)).expect("open");
    let s = Searcher::with_reader(ReadySource(|n: &str| Ok::<_, FormatError>(get(n))), r);
    let dicts = (0..manifest.term_chunks.len()).map(ChunkId::Terms);
    let postings = (0..manifest.posting_chunks.len()).map(ChunkId::Postings);
    block_on(s.load(&dicts.chain(postings).collect::<Vec<_>>())).expect("chunks");
    let r = s.reader();
    let load = t.elapsed();
    println!("docs {n}: build {:.2?}, index {:.1} MB in {} files ({} term chunks), docmeta {} KB, load all term chunks {:.2?}",
        build, total as f64 / 1e6, files.len(), manifest.term_chunks.len(), docmeta_len / 1024, load);
    let mut queries: Vec<String> = Vec::new();
    for i in 0..60 {
        let a = &vocab[zipf(&mut rng, vocab.len())];
        let b = &vocab[zipf(&mut rng, vocab.len())];
        queries.push(match i % 6 {
            0 => format!("{a} "),
            1 => format!("{a} {b} "),
            2 => a[..a.len().min(3)].to_string(),
            3 => format!("{}x{} ", &a[..1], &a[1..]),
            4 => format!("\"{a} {b}\""),
            _ => format!("{a} -{b} type:interview"),
        });
    }
    queries.push(String::new());
    let req = SearchRequest {
        limit: 10,
        ..Default::default()
    };
    let mut times = Vec::new();
    for _round in 0..3 {
        for q in &queries {
            let t = Instant::now();
            let q = Query::parse(q);
            let res = r.search(&q, &req).expect("loaded");
            std::hint::black_box(res);
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| times[((times.len() - 1) as f64 * p) as usize];
    println!(
        "warm query latency over {} runs: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        times.len(),
        pct(0.5),
        pct(0.95),
        pct(1.0)
    );
    let mut per: Vec<(f64, &String)> = queries
        .iter()
        .map(|q| {
            let t = Instant::now();
            std::hint::black_box(r.search(&Query::parse(q), &req).expect("loaded"));
            (t.elapsed().as_secs_f64() * 1000.0, q)
        })
        .collect();
    per.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (ms, q) in per.iter().take(6) {
        println!("  slowest: {ms:.2} ms  {q:?}");
    }
}
