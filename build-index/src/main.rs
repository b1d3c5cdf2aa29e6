//! build-index: the command line. The work is done by the library; this
//! file parses arguments, shows progress and prints summaries.
//!
//! Exit codes: 0 = built; 1 = nothing written (bad arguments, settings,
//! no documents, write failure); 2 = built, but some files could not be
//! read (each one is named on stderr).

use anyhow::{bail, Context, Result};
use build_index::config::Config;
use build_index::publish::site::AppFiles;
use build_index::read::catalog;
use build_index::{load_corpus, BuildOptions, Corpus, Severity};
use clap::{Args, Parser, Subcommand};
use engine::Document;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod query;

#[derive(Parser)]
#[command(
    name = "build-index",
    version,
    about = "Turns a folder of documents into a searchable static archive site"
)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    build: BuildArgs,
}

#[derive(Args)]
struct BuildArgs {
    /// Corpus folder (or one file) to read.
    #[arg(required = true)]
    corpus: Option<PathBuf>,
    /// Output folder for the site (index in <out>/index/).
    #[arg(short, long, required = true)]
    out: Option<PathBuf>,
    /// Reader app to copy to the site root (Trunk's dist/ folder).
    #[arg(long)]
    app: Option<PathBuf>,
    /// Write only <out>/index/ (no static pages, sitemap or app).
    #[arg(long)]
    index_only: bool,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
    /// Replace the output path even if build-index did not write what is
    /// there (never a folder that holds the corpus).
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    settings: SettingsArgs,
}

#[derive(Args, Clone)]
struct SettingsArgs {
    /// archive.toml to use (default: ./archive.toml, else <corpus>/archive.toml, else built-in defaults).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Extra catalog entries ([[catalog]] TOML), applied after archive.toml's.
    #[arg(long)]
    catalog: Option<PathBuf>,
    /// Ignore every catalog entry: only what the text states.
    #[arg(long, conflicts_with = "catalog")]
    no_catalog: bool,
}

#[derive(Subcommand)]
enum Command {
    /// List the documents found in a corpus (id, title, date, type, source, lines, speakers).
    Inspect {
        corpus: PathBuf,
        /// Print a JSON array of the documents' metadata.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        settings: SettingsArgs,
    },
    /// Print the text build-index keeps from each file (its documents' blocks,
    /// titles apart), to check what the cleaner does with a page.
    Text {
        corpus: PathBuf,
        /// Print a JSON object: corpus-relative file → text.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        settings: SettingsArgs,
    },
    /// Search a built index with the engine, natively.
    Query {
        /// Index folder (holds manifest.json), or a site folder with index/ inside.
        #[arg(long)]
        index: PathBuf,
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Print each result's score broken down by word, expansion and field.
        #[arg(long)]
        explain: bool,
        /// Read one query per line from standard input; with --json, print
        /// one JSON object per line.
        #[arg(long, conflicts_with = "query")]
        batch: bool,
        /// The query; one that starts with "-" (an exclusion) needs no "--".
        #[arg(allow_hyphen_values = true, required_unless_present = "batch")]
        query: Option<String>,
    },
    /// Write the one-file offline bundle of a built site.
    Bundle {
        site: PathBuf,
        #[arg(short, long)]
        out: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Inspect {
            corpus,
            json,
            settings,
        }) => inspect(&corpus, json, &settings),
        Some(Command::Text {
            corpus,
            json,
            settings,
        }) => text(&corpus, json, &settings),
        Some(Command::Query {
            index,
            json,
            limit,
            explain,
            batch,
            query,
        }) => query::run(
            &index,
            &query::Options {
                json,
                limit,
                explain,
            },
            query.as_deref().filter(|_| !batch),
        ),
        Some(Command::Bundle { site, out }) => bundle(&site, &out),
        None => build(&cli.build),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {}", error_chain(&e));
            ExitCode::from(1)
        }
    }
}

/// The error and its causes, each said once: a cause whose text the
/// message before it already holds is left out.
fn error_chain(e: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
    }
    parts.join(": ")
}

/// Writes `text` to standard output; a reader that went away (`| head`)
/// ends the output quietly instead of a panic.
pub(crate) fn emit(text: &str) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

fn load_config(corpus: &Path, s: &SettingsArgs) -> Result<Config> {
    let mut cfg = match &s.config {
        Some(p) => Config::load(p)?,
        None => Config::discover(corpus)?,
    };
    if s.no_catalog {
        cfg.catalog.clear();
    } else if let Some(p) = &s.catalog {
        cfg.catalog.extend(catalog::load(p)?);
    }
    Ok(cfg)
}

fn print_warnings<D>(corpus: &Corpus<D>) {
    for w in &corpus.warnings {
        let kind = if w.severity == Severity::Error {
            "error"
        } else {
            "warning"
        };
        eprintln!("{kind}: {w}");
    }
}

fn build(args: &BuildArgs) -> Result<ExitCode> {
    let (Some(corpus), Some(out)) = (&args.corpus, &args.out) else {
        bail!("usage: build-index <corpus> -o <out>");
    };
    let cfg = load_config(corpus, &args.settings)?;
    // Before reading the corpus: a refused output path fails at once.
    build_index::publish::output::target::check(corpus, out, args.force)?;
    let app = match &args.app {
        Some(dir) => Some(
            AppFiles::from_dir(dir)
                .with_context(|| format!("reading the reader app in {}", dir.display()))?,
        ),
        None => AppFiles::bundled(),
    };
    let bar = indicatif::ProgressBar::new(0);
    if !std::io::stderr().is_terminal() || args.json {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} reading {pos}/{len} files {wide_bar} {elapsed}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let progress = |done: usize, total: usize| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    };
    let opts = BuildOptions {
        app: app.as_ref(),
        index_only: args.index_only,
        progress: None,
        force: args.force,
    };
    let started = std::time::Instant::now();
    let loaded = build_index::load_corpus_packed(corpus, &cfg, &progress)
        .with_context(|| format!("reading {} (nothing was written)", corpus.display()));
    bar.finish_and_clear();
    let (corpus_data, packed) = loaded?;
    // Warnings first: they explain an empty result too.
    print_warnings(&corpus_data);
    let report =
        build_index::publish::output::write(corpus_data, packed, corpus, out, &cfg, &opts, started)
            .with_context(|| {
                format!(
                    "building {} from {} (nothing was written)",
                    out.display(),
                    corpus.display()
                )
            })?;
    let c = &report;
    let errors = c
        .warnings
        .iter()
        .filter(|w| w.severity == Severity::Error)
        .count();
    print_summary(args.json, &cfg, out, &report, errors)?;
    Ok(if errors > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// The build's closing summary: JSON with `--json`, else the notes and
/// one line.
fn print_summary(
    json: bool,
    cfg: &Config,
    out: &Path,
    report: &build_index::publish::output::BuildReport,
    errors: usize,
) -> Result<()> {
    let c = report;
    if json {
        let summary = serde_json::json!({
            "output": out.display().to_string(),
            "files": c.files,
            "bytes_read": c.bytes,
            "documents": c.documents,
            "words": c.words,
            "warnings": c.warnings,
            "errors": errors,
            "index_files": report.index_files,
            "index_bytes": report.index_bytes,
            "site_files": report.site.as_ref().map(|s| s.files),
            "notes": cfg.notes().iter().chain(&report.notes).chain(report.site.iter().flat_map(|s| s.notes.iter())).cloned().collect::<Vec<_>>(),
            "seconds": report.elapsed.as_secs_f64(),
            "phases": report
                .phases
                .iter()
                .map(|(name, d)| (name.to_string(), serde_json::json!(d.as_secs_f64())))
                .collect::<serde_json::Map<String, serde_json::Value>>(),
        });
        emit(&format!("{}\n", serde_json::to_string_pretty(&summary)?))?;
    } else {
        for n in cfg.notes().iter().chain(&report.notes) {
            eprintln!("note: {n}");
        }
        if let Some(s) = &report.site {
            for n in &s.notes {
                eprintln!("note: {n}");
            }
        }
        // What a static host counts: the site's files and size, else the
        // index's alone.
        let written = match &report.site {
            Some(s) => format!(
                "site: {} files, {:.1} MB; index: {} files, {:.1} MB",
                s.files,
                s.bytes as f64 / 1e6,
                report.index_files,
                report.index_bytes as f64 / 1e6
            ),
            None => format!(
                "{} index files, {:.1} KB",
                report.index_files,
                report.index_bytes as f64 / 1024.0
            ),
        };
        emit(&format!(
            "{} files, {} documents, {} words, {} warnings ({} errors) in {:.2} s → {} ({written})",
            c.files,
            c.documents,
            c.words,
            c.warnings.len(),
            errors,
            report.elapsed.as_secs_f64(),
            out.display(),
        ))?;
    }
    Ok(())
}

/// The `inspect --json` record: exactly the documented fields.
fn inspect_record(d: &Document) -> serde_json::Value {
    serde_json::json!({
        "id": d.id, "title": d.title, "date": d.date, "year": d.year, "source": d.source,
        "doc_type": d.doc_type, "speakers": d.speakers, "people": d.people, "places": d.places,
        "topics": d.topics, "word_count": d.word_count, "source_file": d.source_file,
        "line_start": d.line_start, "line_end": d.line_end,
    })
}

fn inspect(corpus_dir: &Path, json: bool, settings: &SettingsArgs) -> Result<ExitCode> {
    let cfg = load_config(corpus_dir, settings)?;
    let corpus = load_corpus(corpus_dir, &cfg)
        .with_context(|| format!("reading {}", corpus_dir.display()))?;
    print_warnings(&corpus);
    if json {
        let arr: Vec<serde_json::Value> = corpus.documents.iter().map(inspect_record).collect();
        emit(&format!("{}\n", serde_json::to_string_pretty(&arr)?))?;
    } else {
        emit(&format!(
            "{}{} documents from {} files, {} words\n",
            table(&corpus.documents),
            corpus.documents.len(),
            corpus.files,
            corpus.words
        ))?;
    }
    Ok(if corpus.has_errors() {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn text(corpus_dir: &Path, json: bool, settings: &SettingsArgs) -> Result<ExitCode> {
    let cfg = load_config(corpus_dir, settings)?;
    let corpus = load_corpus(corpus_dir, &cfg)
        .with_context(|| format!("reading {}", corpus_dir.display()))?;
    print_warnings(&corpus);
    let mut by_file: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
    for d in &corpus.documents {
        let body: Vec<&str> = d.blocks.iter().map(|b| b.text()).collect();
        by_file
            .entry(d.source_file.as_str())
            .or_default()
            .push(body.join("\n\n"));
    }
    if json {
        let obj: serde_json::Map<String, serde_json::Value> = by_file
            .into_iter()
            .map(|(f, docs)| (f.to_string(), docs.join("\n\n").into()))
            .collect();
        emit(&format!("{}\n", serde_json::to_string_pretty(&obj)?))?;
    } else {
        let mut out = String::new();
        for d in &corpus.documents {
            out.push_str(&format!(
                "== {} ({}, lines {}–{})\n",
                d.title, d.source_file, d.line_start, d.line_end
            ));
            for b in &d.blocks {
                out.push_str(b.text());
                out.push_str("\n\n");
            }
        }
        emit(&out)?;
    }
    Ok(if corpus.has_errors() {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!(
            "{}…",
            s.chars().take(n.saturating_sub(1)).collect::<String>()
        )
    }
}

/// The document table (id, title, date, type, source, lines, speakers).
pub fn table(docs: &[Document]) -> String {
    let rows: Vec<[String; 7]> = docs
        .iter()
        .map(|d| {
            [
                clip(&d.id, 48),
                clip(&d.title, 50),
                d.date.clone().unwrap_or_else(|| "—".into()),
                d.doc_type.clone().unwrap_or_else(|| "—".into()),
                clip(d.source.as_deref().unwrap_or("—"), 26),
                format!("{}–{}", d.line_start, d.line_end),
                clip(&d.speakers.join(", "), 60),
            ]
        })
        .collect();
    let head = ["id", "title", "date", "type", "source", "lines", "speakers"];
    let mut widths: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let mut out = String::new();
    let line = |cells: Vec<&str>, out: &mut String| {
        let parts: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}", w = *w))
            .collect();
        out.push_str(parts.join("  ").trim_end());
        out.push('\n');
    };
    line(head.to_vec(), &mut out);
    line(
        widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str)
            .collect(),
        &mut out,
    );
    for r in &rows {
        line(r.iter().map(String::as_str).collect(), &mut out);
    }
    out
}

fn bundle(site_dir: &Path, out: &Path) -> Result<ExitCode> {
    let b = build_index::publish::site::bundle_site(site_dir)
        .with_context(|| format!("bundling {}", site_dir.display()))?;
    let tmp = out.with_extension("html.partial");
    std::fs::write(&tmp, b.html.as_bytes())
        .with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, out).with_context(|| format!("writing {}", out.display()))?;
    println!("{} ({:.1} KB)", out.display(), b.html.len() as f64 / 1024.0);
    Ok(ExitCode::SUCCESS)
}
