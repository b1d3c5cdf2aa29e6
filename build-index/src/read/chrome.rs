//! Site chrome found by repetition across files: a short line that opens
//! many plain-text files of a corpus (a site name, a menu, a section
//! banner) is the site's, not any document's.
//!
//! Evidence, not phrases: a line counts when it stands among the first
//! [`EDGE_LINES`] non-empty lines of at least [`MIN_FILES`] text files
//! and at least one in [`SHARE`] of them, has at most [`MAX_WORDS`] words,
//! does not end a sentence, and is not a title: a line that a date line
//! follows in half its files or more opens documents (a series title over
//! each briefing) and stays. Such lines are blanked before a file is split,
//! so line numbers stay those of the file.

use crate::read::corpus::{Format, SourceFile};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// Lines at the top of a file where chrome is looked for. (The foot of a
/// page is left to the line rules: "Reply", "Read more" and trailers there
/// are cues that end documents, and blanking them would lose the cue.)
pub const EDGE_LINES: usize = 8;
/// Files a line must open or close to be chrome.
pub const MIN_FILES: usize = 3;
/// ...and the share of the corpus's text files (one in this many).
pub const SHARE: usize = 20;
/// Longest chrome line, in words.
pub const MAX_WORDS: usize = 12;

/// The folded forms of the chrome lines of a corpus.
#[derive(Debug, Default)]
pub struct Chrome {
    lines: HashSet<String>,
}

fn key(line: &str) -> Option<String> {
    let t = line.trim();
    let words = t.split_whitespace().count();
    if words == 0 || words > MAX_WORDS || t.ends_with(['.', '?', '!', ':', ',']) {
        return None;
    }
    let k = crate::read::text::fold(&crate::read::text::squash_spaces(t));
    (!k.is_empty()).then_some(k)
}

fn is_date_line(line: &str) -> bool {
    let t = line.trim();
    crate::read::metadata::dates::date_line(t).is_some()
        || crate::read::html::header_facts(t).is_some_and(|f| f.date.is_some())
}

/// A line of this many words is prose: the page's header ends before it.
const PROSE_WORDS: usize = 15;

/// The page header among non-empty lines: at most [`EDGE_LINES`] lines,
/// ending before the first line of prose.
fn header<'a>(lines: &'a [&'a str]) -> impl Iterator<Item = (usize, &'a &'a str)> + 'a {
    lines
        .iter()
        .enumerate()
        .take(EDGE_LINES)
        .take_while(|(_, l)| l.split_whitespace().count() < PROSE_WORDS)
}

/// The header lines of `text`: (key, whether a date line follows it).
fn edges(text: &str) -> Vec<(String, bool)> {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for (i, l) in header(&lines) {
        // Lines the line rules know already keep their meaning as cues.
        if crate::read::boilerplate::classify_line(l.trim()).is_some() {
            continue;
        }
        if let Some(k) = key(l) {
            if seen.insert(k.clone()) {
                let dated = lines.get(i + 1).is_some_and(|next| is_date_line(next));
                out.push((k, dated));
            }
        }
    }
    out
}

impl Chrome {
    /// Reads the corpus's plain-text files once more and finds their chrome.
    pub fn find(files: &[SourceFile]) -> Chrome {
        let text_files: Vec<&SourceFile> =
            files.iter().filter(|f| f.format == Format::Text).collect();
        if text_files.len() < MIN_FILES {
            return Chrome::default();
        }
        let per_file: Vec<Vec<(String, bool)>> = text_files
            .par_iter()
            .map(|f| {
                let Ok(bytes) = std::fs::read(&f.path) else {
                    return Vec::new();
                };
                let mut quiet = Vec::new();
                crate::read::encoding::decode(&bytes, &f.relative, false, &mut quiet)
                    .map(|t| edges(&t))
                    .unwrap_or_default()
            })
            .collect();
        let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
        for file in per_file {
            for (k, dated) in file {
                let e = counts.entry(k).or_insert((0, 0));
                e.0 += 1;
                e.1 += usize::from(dated);
            }
        }
        let need = MIN_FILES.max(text_files.len().div_ceil(SHARE));
        let lines = counts
            .into_iter()
            .filter(|(_, (files, dated))| *files >= need && dated * 2 < *files)
            .map(|(k, _)| k)
            .collect();
        Chrome { lines }
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// `text` with its chrome lines (at its edges) blanked.
    pub fn blank(&self, text: String) -> String {
        if self.lines.is_empty() {
            return text;
        }
        let non_empty: Vec<usize> = text
            .split('\n')
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, _)| i)
            .collect();
        let all: Vec<&str> = text.split('\n').collect();
        let kept: Vec<&str> = non_empty.iter().map(|&i| all[i]).collect();
        let edge: HashSet<usize> = header(&kept).map(|(k, _)| non_empty[k]).collect();
        text.split('\n')
            .enumerate()
            .map(|(i, l)| {
                let chrome = edge.contains(&i) && key(l).is_some_and(|k| self.lines.contains(&k));
                if chrome {
                    ""
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(files: &[(&str, &str)]) -> (tempfile::TempDir, Vec<SourceFile>) {
        let d = tempfile::tempdir().expect("tmp");
        let mut out = Vec::new();
        for (name, text) in files {
            std::fs::write(d.path().join(name), text).expect("write");
            out.push(SourceFile {
                path: d.path().join(name),
                relative: name.to_string(),
                format: Format::Text,
            });
        }
        (d, out)
    }

    #[test]
    fn a_site_name_over_many_files_is_chrome_and_a_dated_series_title_is_not() {
        let page = |i: usize| {
            format!("Valley Gazette\nHome | News | Contact\n\nDaily Water Briefing\nMarch {i}, 2020\n\nThe board met on day {i} and agreed to keep the wells open for the farms of the valley.\n")
        };
        let texts: Vec<String> = (1..=4).map(page).collect();
        let files: Vec<(String, &str)> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| (format!("{i}.txt"), t.as_str()))
            .collect();
        let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), *t)).collect();
        let (_d, src) = corpus(&refs);
        let chrome = Chrome::find(&src);
        let out = chrome.blank(texts[0].clone());
        assert!(!out.contains("Valley Gazette"), "{out}");
        assert!(
            out.contains("Daily Water Briefing"),
            "the dated title stays: {out}"
        );
        assert_eq!(
            out.lines().count(),
            texts[0].lines().count(),
            "line numbers kept"
        );
    }

    #[test]
    fn two_files_are_not_evidence() {
        let (_d, src) = corpus(&[
            ("a.txt", "Site\n\nText of a.\n"),
            ("b.txt", "Site\n\nText of b.\n"),
        ]);
        assert!(Chrome::find(&src).is_empty());
    }
}
