//! Native side of the benchmark:
//!   native-bench --index <dir> --queries <file> [--rounds N] [--dump-docs <out.jsonl>]
//! Prints one JSON object: per-query cold loads (which files a fresh reader
//! fetched), warm latency samples for parse + search, and snippet timing.
//! `--dump-docs` writes every document's title and text as JSONL instead.

use engine_bench::Harness;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

struct Args {
    index: PathBuf,
    queries: PathBuf,
    rounds: usize,
    dump_docs: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut index = None;
    let mut queries = None;
    let mut rounds = 5;
    let mut dump_docs = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut val = || it.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--index" => index = Some(PathBuf::from(val()?)),
            "--queries" => queries = Some(PathBuf::from(val()?)),
            "--rounds" => rounds = val()?.parse().map_err(|e| format!("--rounds: {e}"))?,
            "--dump-docs" => dump_docs = Some(PathBuf::from(val()?)),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let index = index.ok_or("--index is required")?;
    let queries = match (&queries, &dump_docs) {
        (Some(q), _) => q.clone(),
        (None, Some(_)) => PathBuf::new(),
        (None, None) => return Err("--queries is required".into()),
    };
    Ok(Args {
        index,
        queries,
        rounds,
        dump_docs,
    })
}

fn read(dir: &Path, name: &str) -> Result<Vec<u8>, String> {
    fs::read(dir.join(name)).map_err(|e| format!("{}: {e}", dir.join(name).display()))
}

fn open(dir: &Path) -> Result<Harness, String> {
    let dir = dir.to_path_buf();
    Harness::open(Box::new(move |name: &str| read(&dir, name)))
}

fn percentile(samples: &[f64], p: f64) -> f64 {
    if samples.is_empty() {
        return f64::NAN;
    }
    let mut s = samples.to_vec();
    s.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * s.len() as f64).ceil() as usize;
    s[rank.clamp(1, s.len()) - 1]
}

fn dump_docs(dir: &Path, out: &Path) -> Result<(), String> {
    let h = open(dir)?;
    h.load_all(false, true)?;
    let mut w = std::io::BufWriter::new(
        fs::File::create(out).map_err(|e| format!("{}: {e}", out.display()))?,
    );
    for doc in 0..h.doc_count() {
        if let Some((title, body)) = h.document_text(doc) {
            let line = serde_json::json!({ "title": title, "body": body });
            writeln!(w, "{line}").map_err(|e| e.to_string())?;
        }
    }
    w.flush().map_err(|e| e.to_string())
}

fn run(args: &Args) -> Result<serde_json::Value, String> {
    let dir = &args.index;
    let queries: Vec<String> = fs::read_to_string(&args.queries)
        .map_err(|e| format!("{}: {e}", args.queries.display()))?
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect();

    let t = Instant::now();
    let startup = open(dir)?;
    let open_ms = t.elapsed().as_secs_f64() * 1e3;
    drop(startup);

    // Cold: a fresh reader per query, as a first visit runs it.
    let mut cold = Vec::new();
    for q in &queries {
        let h = open(dir)?;
        let t = Instant::now();
        let run = h.run_cold(q)?;
        let ms = t.elapsed().as_secs_f64() * 1e3;
        cold.push(serde_json::json!({ "q": q, "cold_ms_incl_disk": ms, "run": run }));
    }

    // Warm: one reader holding every chunk the list needs.
    let h = open(dir)?;
    for q in &queries {
        h.run_cold(q)?;
    }
    let mut search = Vec::new();
    let mut snippets = Vec::new();
    for round in 0..=args.rounds {
        for q in &queries {
            let t = Instant::now();
            std::hint::black_box(h.search_top(q)?);
            let s = t.elapsed().as_secs_f64() * 1e3;
            let t = Instant::now();
            std::hint::black_box(h.snippets(q, 200)?);
            let n = t.elapsed().as_secs_f64() * 1e3;
            // Round 0 warms caches and is not counted.
            if round > 0 {
                search.push(s);
                snippets.push(n);
            }
        }
    }
    Ok(serde_json::json!({
        "doc_count": h.doc_count(),
        "open_ms": open_ms,
        "query_p50_ms": percentile(&search, 50.0),
        "query_p95_ms": percentile(&search, 95.0),
        "snippets10_p50_ms": percentile(&snippets, 50.0),
        "snippets10_p95_ms": percentile(&snippets, 95.0),
        "latency_samples": search.len(),
        "queries": cold,
    }))
}

fn main() {
    let result = parse_args().and_then(|args| match &args.dump_docs {
        Some(out) => dump_docs(&args.index, out).map(|()| None),
        None => run(&args).map(Some),
    });
    match result {
        Ok(Some(v)) => println!("{v}"),
        Ok(None) => {}
        Err(e) => {
            eprintln!("native-bench: {e}");
            std::process::exit(1);
        }
    }
}
