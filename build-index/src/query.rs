//! `build-index query`: the engine run natively over a built index, one
//! query from the command line or many from standard input (`--batch`, one
//! JSON line per query: what the relevance benchmark drives).

use crate::emit;
use anyhow::{Context, Result};
use engine::{block_on, ChunkSource, Query, SearchRequest, Searcher};
use std::fmt::Write as _;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub struct Options {
    pub json: bool,
    pub limit: usize,
    pub explain: bool,
}

/// The folder of a built index, as the engine's chunk source.
struct Folder(PathBuf);

impl ChunkSource for Folder {
    type Error = anyhow::Error;

    fn fetch(&self, files: &[String]) -> impl std::future::Future<Output = Result<Vec<Vec<u8>>>> {
        std::future::ready(files.iter().map(|f| read(&self.0, f)).collect())
    }
}

/// An opened index, loading its chunks from its folder as queries need them.
struct Index {
    searcher: Searcher<Folder>,
}

impl Index {
    fn open(path: &Path) -> Result<Index> {
        let dir = if path.join("manifest.json").is_file() {
            path.to_path_buf()
        } else {
            path.join("index")
        };
        let searcher = block_on(Searcher::open(Folder(dir.clone())))
            .with_context(|| format!("opening the index in {}", dir.display()))?;
        Ok(Index { searcher })
    }

    /// Runs one query: loads the chunks it needs (kept for later queries),
    /// searches, then loads the hits' documents.
    fn search(&mut self, text: &str, o: &Options) -> Result<engine::SearchResults> {
        let request = SearchRequest {
            limit: o.limit,
            explain: o.explain,
            ..Default::default()
        };
        block_on(
            self.searcher
                .search_with_docs(&Query::parse(text), &request),
        )
    }

    fn json(&mut self, text: &str, r: &engine::SearchResults) -> serde_json::Value {
        let mut hits = Vec::new();
        for h in &r.hits {
            let Some(d) = self.searcher.reader().document(h.doc).cloned() else {
                continue;
            };
            let snip = self.searcher.reader().snippet(h.doc, &h.matched, 200);
            let mut v = serde_json::json!({
                "id": d.id, "score": h.score, "title": d.title, "source_file": d.source_file,
                "line_start": d.line_start, "line_end": d.line_end, "snippet": snip.text,
            });
            if let (Some(e), Some(m)) = (&h.explain, v.as_object_mut()) {
                m.insert("explain".into(), e.to_string().into());
            }
            hits.push(v);
        }
        let mut obj = serde_json::json!({
            "query": text, "results": hits, "facets": r.facets, "total": r.total,
        });
        if let Some(m) = obj.as_object_mut() {
            if !r.notes.is_empty() {
                m.insert("notes".into(), serde_json::json!(r.notes));
            }
            if let Some(s) = &r.suggestion {
                m.insert("suggestion".into(), s.clone().into());
            }
        }
        obj
    }

    fn text(&mut self, text: &str, r: &engine::SearchResults) -> String {
        let mut o = format!("{} results for {:?}\n", r.total, text);
        for n in &r.notes {
            let _ = writeln!(o, "note: {}", note_line(n));
        }
        if let Some(s) = &r.suggestion {
            let _ = writeln!(o, "did you mean: {s}");
        }
        for (i, h) in r.hits.iter().enumerate() {
            let Some(d) = self.searcher.reader().document(h.doc).cloned() else {
                continue;
            };
            let snip = self.searcher.reader().snippet(h.doc, &h.matched, 200);
            let _ = writeln!(
                o,
                "{:>2}. {:.3}  {}\n    {}  ({}, lines {}–{})\n    {}",
                i + 1,
                h.score,
                d.title,
                d.id,
                d.source_file,
                d.line_start,
                d.line_end,
                snip.text
            );
            if let Some(e) = &h.explain {
                for line in e.to_string().lines() {
                    let _ = writeln!(o, "      {line}");
                }
            }
        }
        o
    }
}

fn read(dir: &Path, name: &str) -> Result<Vec<u8>> {
    let p = dir.join(name);
    std::fs::read(&p).with_context(|| format!("reading {}", p.display()))
}

/// `query` is the one query, or `None` to read queries from stdin.
pub fn run(index: &Path, o: &Options, query: Option<&str>) -> Result<ExitCode> {
    let mut ix = Index::open(index)?;
    let mut answer = |text: &str| -> Result<()> {
        let r = ix.search(text, o)?;
        let out = if o.json && query.is_none() {
            format!("{}\n", serde_json::to_string(&ix.json(text, &r))?)
        } else if o.json {
            format!("{}\n", serde_json::to_string_pretty(&ix.json(text, &r))?)
        } else {
            ix.text(text, &r)
        };
        emit(&out)
    };
    match query {
        Some(text) => answer(text)?,
        None => {
            for line in std::io::stdin().lock().lines() {
                let line = line.context("reading queries from standard input")?;
                // A trailing space is meaningful (the last word is complete):
                // only the line ending is cut.
                answer(line.trim_end_matches('\r'))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A search note as one line of the CLI's text output.
fn note_line(note: &engine::SearchNote) -> String {
    use engine::SearchNote;
    match *note {
        SearchNote::Shortened { chars, words } => {
            format!("query cut to its first {chars} characters or {words} words")
        }
        SearchNote::LongWordLeftOut { bytes } => {
            format!("a word longer than {bytes} bytes was left out")
        }
        SearchNote::SomeWordsOnly => "no document has every word; these have some".into(),
        SearchNote::SomeWordsFollow { all } => {
            format!("{all} with every word, then documents with some")
        }
    }
}
