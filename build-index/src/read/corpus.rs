//! Reading a corpus folder: which files count, how their bytes become text,
//! and which reader splits each into document drafts.
//!
//! - Files are visited recursively in sorted path order (deterministic);
//!   hidden files and folders and `archive.toml` are skipped.
//! - `.txt` (and `.text`), `.md`/`.markdown`, `.html`/`.htm`, `.jsonl`/`.ndjson`
//!   are read; other files are skipped with a warning.
//! - Bytes become text as [`crate::read::encoding`] says: byte-order marks,
//!   `<meta charset>`, then UTF-8, then a guessed legacy encoding (with a
//!   warning naming the file); text that could not be decoded is an error.
//! - Empty files (or only whitespace), binary files (NUL bytes or mostly
//!   control bytes) and files over the size limit are skipped with a warning.
//! - Hidden files, links leaving the corpus and folders build-index wrote
//!   are skipped with a warning.
//! - Anything that is not a regular file (FIFO, socket, device, broken
//!   link) is never opened.

use crate::read::draft::{Draft, RawBlock, Stated};
use crate::read::markdown::{apply_fields, Value};
use crate::read::metadata::places::Gazetteer;
use crate::Warning;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Files larger than this are refused (a corpus file, not a disk image).
pub const DEFAULT_MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Jsonl,
}

pub fn format_of(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "txt" | "text" => Format::Text,
        "md" | "markdown" => Format::Markdown,
        "html" | "htm" | "xhtml" => Format::Html,
        "jsonl" | "ndjson" => Format::Jsonl,
        _ => return None,
    })
}

/// A corpus file found by the walk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    /// Relative to the corpus root, `/`-separated.
    pub relative: String,
    pub format: Format,
}

/// How the walk treats what is not plainly inside the corpus.
#[derive(Debug, Clone, Copy, Default)]
pub struct WalkOptions {
    /// Read files that symbolic links point to outside the corpus folder
    /// (`[corpus] follow_links_outside` in archive.toml). Off by default: a
    /// link such as `passwd.txt -> /etc/passwd` must not publish that file.
    pub follow_links_outside: bool,
}

/// Lists the corpus files in sorted order; problems with entries become
/// warnings. Folders a build wrote (they hold [`crate::output_marker::MARKER`])
/// are never read: an output inside the corpus does not feed the next build.
pub fn walk(root: &Path, opts: WalkOptions, warnings: &mut Vec<Warning>) -> Vec<SourceFile> {
    let mut out = Vec::new();
    let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut outputs = Vec::new();
    let mut hidden = Vec::new();
    // Skipped kinds of file, reported once per extension (a site folder may
    // hold thousands of images): extension → (first file, count).
    let mut skipped: BTreeMap<String, (String, usize)> = BTreeMap::new();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    let walker = walker.filter_entry(|e| {
        if e.depth() == 0 {
            return true;
        }
        if e.file_name().to_string_lossy().starts_with('.') {
            if e.file_type().is_file() && format_of(e.path()).is_some() {
                hidden.push(relative_path(root, e.path()));
            }
            return false;
        }
        if e.file_type().is_dir() && crate::output_marker::is_previous_output(e.path()) {
            outputs.push(relative_path(root, e.path()));
            return false;
        }
        true
    });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| root.display().to_string());
                warnings.push(Warning::error(
                    path,
                    None,
                    format!("cannot read folder entry: {e}"),
                ));
                continue;
            }
        };
        let path = entry.path();
        let relative = relative_path(root, path);
        let ft = entry.file_type();
        if ft.is_dir() {
            continue;
        }
        let Some(format) = format_of(path) else {
            if entry.file_name() != "archive.toml" && ft.is_file() {
                let ext = path
                    .extension()
                    .map(|e| format!(".{}", e.to_string_lossy().to_lowercase()))
                    .unwrap_or_else(|| "(no extension)".into());
                let e = skipped.entry(ext).or_insert((relative, 0));
                e.1 += 1;
            }
            continue;
        };
        if let Some(w) = unreadable(path, &ft, &relative, &real_root, opts) {
            warnings.push(w);
            continue;
        }
        out.push(SourceFile {
            path: path.to_path_buf(),
            relative,
            format,
        });
    }
    for dir in outputs {
        warnings.push(Warning::warn(
            dir,
            None,
            "skipped: a folder build-index wrote (a site or index); its files are not read as documents".into(),
        ));
    }
    for file in hidden {
        warnings.push(Warning::warn(
            file,
            None,
            "skipped: hidden file (its name starts with a dot); rename it to include it".into(),
        ));
    }
    for (ext, (first, n)) in skipped {
        let more = if n > 1 {
            format!(" ({n} files ending in {ext})")
        } else {
            String::new()
        };
        warnings.push(Warning::warn(
            first,
            None,
            format!("skipped: not a .txt, .md, .html or .jsonl file{more}"),
        ));
    }
    out
}

/// Why a corpus entry is not read, if it is not: a link leaving the corpus
/// (unless allowed), a broken link or a link to a folder, a FIFO, socket
/// or device.
fn unreadable(
    path: &Path,
    ft: &std::fs::FileType,
    relative: &str,
    real_root: &Path,
    opts: WalkOptions,
) -> Option<Warning> {
    let relative = relative.to_string();
    if ft.is_symlink() {
        match std::fs::metadata(path) {
            Ok(m) if m.is_file() => {
                let target = std::fs::canonicalize(path).unwrap_or_default();
                if !opts.follow_links_outside && !target.starts_with(real_root) {
                    return Some(Warning::warn(
                        relative,
                        None,
                        format!(
                            "skipped: a link to {}, outside the corpus folder (set follow_links_outside = true under [corpus] in archive.toml to read such files)",
                            target.display()
                        ),
                    ));
                }
            }
            Ok(_) => {
                return Some(Warning::error(
                    relative,
                    None,
                    "skipped: link to something that is not a file".into(),
                ));
            }
            Err(e) => {
                return Some(Warning::error(
                    relative,
                    None,
                    format!("cannot read: broken link ({e})"),
                ));
            }
        }
    } else if !ft.is_file() {
        return Some(Warning::error(
            relative,
            None,
            "skipped: not a regular file (a FIFO, socket or device); it was not opened".into(),
        ));
    }
    None
}

fn relative_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let s = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    if s.is_empty() {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    } else {
        s
    }
}

/// Decodes file bytes to text, or says why the file is skipped (see
/// [`crate::read::encoding`]).
pub fn decode(
    bytes: &[u8],
    file: &str,
    format: Format,
    warnings: &mut Vec<Warning>,
) -> Option<String> {
    crate::read::encoding::decode(bytes, file, format == Format::Html, warnings)
}

/// Splits one decoded file into drafts.
pub fn drafts_of(
    text: &str,
    file: &SourceFile,
    gaz: &Gazetteer,
    main: Option<&crate::read::clean::Selector>,
    warnings: &mut Vec<Warning>,
) -> Vec<Draft> {
    if file.format == Format::Jsonl {
        // Normalised per field after JSON unescaping.
        return jsonl(text, &file.relative, warnings);
    }
    let text = crate::read::text::normalize(text);
    match file.format {
        Format::Text => crate::read::segment::segment(&text, gaz),
        Format::Markdown => {
            let (draft, err) = crate::read::markdown::read(&text);
            if let Some((e, line)) = err {
                warnings.push(Warning::warn(file.relative.clone(), Some(line), e));
            }
            match draft {
                Some(d) => vec![d],
                None => crate::read::segment::segment(&text, gaz),
            }
        }
        Format::Html => match main {
            Some(sel) => crate::read::html::read_selected(&text, sel),
            None => crate::read::html::read(&text),
        },
        Format::Jsonl => Vec::new(),
    }
}

/// One document per line: an object with `title`, `body` (or `text`,
/// `content`) and any metadata fields; unknown fields go to `extra`.
fn jsonl(text: &str, file: &str, warnings: &mut Vec<Warning>) -> Vec<Draft> {
    let mut drafts = Vec::new();
    jsonl_map(text, file, |d| d, warnings, |batch| drafts.extend(batch));
    drafts
}

/// Lines of a JSONL file read at a time: enough to keep every core busy,
/// few enough that a large export's documents never all exist at once.
const JSONL_BATCH: usize = 2048;

/// [`jsonl`] with `f` applied to each draft as soon as it is read, and
/// the results handed to `emit` a batch of lines at a time, in line order.
pub fn jsonl_map<T: Send>(
    text: &str,
    file: &str,
    f: impl Fn(Draft) -> T + Sync,
    warnings: &mut Vec<Warning>,
    mut emit: impl FnMut(Vec<T>),
) {
    use rayon::prelude::*;
    let lines: Vec<(usize, &str)> = text
        .split('\n')
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    for batch in lines.chunks(JSONL_BATCH) {
        // Lines are independent: parse them in parallel, keep their order.
        let results: Vec<Result<T, Warning>> = batch
            .par_iter()
            .filter_map(|&(k, line)| {
                jsonl_line(line, u32::try_from(k + 1).unwrap_or(u32::MAX), file).map(|r| r.map(&f))
            })
            .collect();
        let mut out = Vec::with_capacity(results.len());
        for r in results {
            match r {
                Ok(d) => out.push(d),
                Err(w) => warnings.push(w),
            }
        }
        emit(out);
    }
}

fn jsonl_line(line: &str, ln: u32, file: &str) -> Option<Result<Draft, Warning>> {
    let obj: serde_json::Map<String, serde_json::Value> = match serde_json::from_str(line) {
        Ok(serde_json::Value::Object(o)) => o,
        Ok(_) => {
            return Some(Err(Warning::error(
                file.to_string(),
                Some(ln),
                "skipped line: not a JSON object".into(),
            )))
        }
        Err(e) => {
            return Some(Err(Warning::error(
                file.to_string(),
                Some(ln),
                format!("skipped line: invalid JSON ({e})"),
            )))
        }
    };
    let mut fields: BTreeMap<String, Value> = BTreeMap::new();
    let mut body = String::new();
    for (key, v) in obj {
        let key = key.to_lowercase();
        if matches!(key.as_str(), "body" | "text" | "content") {
            if let serde_json::Value::String(s) = v {
                if body.is_empty() {
                    body = s;
                }
            }
            continue;
        }
        let val = match v {
            serde_json::Value::String(s) => Value::One(s),
            serde_json::Value::Array(a) => Value::Many(
                a.into_iter()
                    .map(|x| match x {
                        serde_json::Value::String(s) => s,
                        other => other.to_string(),
                    })
                    .collect(),
            ),
            serde_json::Value::Null => continue,
            other => Value::One(other.to_string()),
        };
        fields.insert(key, val);
    }
    let mut stated = Stated::default();
    let title = apply_fields(&fields, &mut stated)
        .map(|t| crate::read::text::squash_spaces(&crate::read::text::normalize(&t)));
    let body = crate::read::text::normalize(&body);
    let blocks: Vec<RawBlock> = paragraphs(&body)
        .into_iter()
        .map(|p| RawBlock::para(p, ln))
        .collect();
    if blocks.is_empty() && title.is_none() {
        return Some(Err(Warning::warn(
            file.to_string(),
            Some(ln),
            "skipped line: no title and no body".into(),
        )));
    }
    let title = title.filter(|t| !t.trim().is_empty()).unwrap_or_else(|| {
        blocks
            .first()
            .map(|b| crate::read::segment::fallback_title(&b.text))
            .unwrap_or_default()
    });
    Some(Ok(Draft {
        title,
        line_start: ln,
        line_end: ln,
        stated,
        blocks,
    }))
}

/// Paragraphs of a JSONL body: blank lines separate them; so do indented
/// line starts (wire copy), unless most lines are indented alike (a
/// hanging indent, as dictionary entries are wrapped: there the indent
/// says "continued", not "new paragraph"); other line breaks are soft
/// wraps.
fn paragraphs(body: &str) -> Vec<String> {
    let lines: Vec<&str> = body.split('\n').filter(|l| !l.trim().is_empty()).collect();
    let indented = lines.iter().filter(|l| l.starts_with([' ', '\t'])).count();
    let indent_breaks = indented * 2 < lines.len();
    let mut out = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for line in body.split('\n') {
        let starts_para = indent_breaks && (line.starts_with(' ') || line.starts_with('\t'));
        if (line.trim().is_empty() || starts_para) && !cur.is_empty() {
            out.push(crate::read::text::squash_spaces(&cur.join(" ")));
            cur.clear();
        }
        if !line.trim().is_empty() {
            cur.push(line.trim());
        }
    }
    if !cur.is_empty() {
        out.push(crate::read::text::squash_spaces(&cur.join(" ")));
    }
    out.retain(|p| crate::read::boilerplate::classify_line(p).is_none());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_lines_become_documents_and_bad_lines_warn() {
        let mut w = Vec::new();
        let text = "{\"title\":\"A\",\"body\":\"One.\\n\\nTwo.\",\"date\":\"2020-01-02\",\"x\":5}\nnot json\n[1]\n";
        let d = jsonl(text, "e.jsonl", &mut w);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].blocks.len(), 2);
        assert_eq!(d[0].stated.date.as_deref(), Some("2020-01-02"));
        assert_eq!(d[0].stated.extra["x"], "5");
        assert_eq!(w.len(), 2);
        assert_eq!(w[0].line, Some(2));
    }

    #[test]
    fn a_hanging_indent_is_one_paragraph_per_sense_not_per_line() {
        let entry = "Walk \\Walk\\, v. i. [imp. & p. p. {Walked}; p. pr. & vb. n.\n   {Walking}.] [OE. walken, to roll, to walk.] (Zool.)\n   1. To move along on foot.\n   [1913 Webster]\n\n   2. To be stirring; to be abroad.\n   [1913 Webster]";
        let p = paragraphs(entry);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].contains("to walk.] (Zool.) 1. To move"), "{p:?}");
    }

    #[test]
    fn wire_copy_paragraphs() {
        assert_eq!(
            paragraphs("Line one\ncontinues.\n    Second para\nwraps."),
            vec!["Line one continues.", "Second para wraps."]
        );
    }

    #[test]
    fn walk_is_sorted_skips_hidden_and_reports_other_files_once_per_extension() {
        let d = tempfile::tempdir().expect("tmp");
        let p = d.path();
        std::fs::create_dir_all(p.join("b/.git")).expect("dirs");
        for f in [
            "b/z.md",
            "a.txt",
            "b/.git/x.txt",
            ".hidden.txt",
            "img1.png",
            "img2.png",
            "archive.toml",
        ] {
            std::fs::write(p.join(f), "x").expect("write");
        }
        let mut w = Vec::new();
        let files = walk(p, WalkOptions::default(), &mut w);
        let rel: Vec<&str> = files.iter().map(|f| f.relative.as_str()).collect();
        assert_eq!(rel, vec!["a.txt", "b/z.md"]);
        assert_eq!(w.len(), 2, "{w:?}");
        assert_eq!(w[0].file, ".hidden.txt");
        assert!(w[0].message.contains("hidden file"));
        assert_eq!(w[1].file, "img1.png");
        assert!(w[1].message.contains("2 files ending in .png"));
    }
}
