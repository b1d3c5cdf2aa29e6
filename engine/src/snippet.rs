//! Snippets and highlights. The document text is re-tokenized with the one
//! tokenizer and a token is marked when its term (or unfolded form) is one
//! of the index terms that matched — so stems, folded and typo matches are
//! highlighted exactly where the index found them.
//!
//! Tokenizing is the expensive part, and while a visitor types the same top
//! documents come back keystroke after keystroke; so the tokens of recently
//! snippeted documents are kept in a small cache on the reader.

use crate::api::{DocHighlights, DocNum, Range, Snippet};
use crate::doc_tokens::{DocTokens, Tok};
use crate::model::{Block, Document};
use crate::reader::IndexReader;

/// Byte ranges of the tokens whose term or unfolded form is a hit
/// (sorted, overlapping ones merged).
fn ranges_of(tokens: &[Tok], hits: &[bool]) -> Vec<Range> {
    let hit = |id: u32| hits.get(id as usize).copied().unwrap_or(false);
    let mut ranges: Vec<Range> = tokens
        .iter()
        .filter(|t| hit(t.term) || hit(t.text))
        .map(|t| Range {
            start: t.start as usize,
            end: t.end as usize,
        })
        .collect();
    if ranges.is_empty() {
        return ranges;
    }
    crate::sorting::sort_by_key(&mut ranges, |r| (r.start, r.end));
    let mut out: Vec<Range> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Highlight ranges of `matched` terms in `text` (sorted, merged).
pub fn highlight_ranges(text: &str, lang: &str, matched: &[String]) -> Vec<Range> {
    if matched.is_empty() {
        return Vec::new();
    }
    let toks = DocTokens::new(std::iter::once(text), lang);
    toks.blocks
        .first()
        .map(|t| ranges_of(t, &toks.hits(matched)))
        .unwrap_or_default()
}

fn floor_char(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Cuts `text` to about `max` bytes around the best cluster of `ranges`.
fn window(text: &str, ranges: &[Range], max: usize) -> Snippet {
    let max = max.max(20);
    if text.len() <= max {
        return Snippet {
            text: text.to_string(),
            highlights: ranges.to_vec(),
            block: 0,
        };
    }
    // Anchor a window before each hit; keep the one covering the most hits.
    let mut best = (0usize, 0usize);
    for (i, r) in ranges.iter().enumerate() {
        let start = r.start.saturating_sub(max / 4);
        let covered = ranges[i..]
            .iter()
            .take_while(|x| x.end <= start + max)
            .count();
        if covered > best.1 {
            best = (start, covered);
        }
    }
    let mut start = floor_char(text, best.0);
    if start > 0 {
        // Start at a word boundary.
        if let Some(sp) = text[start..].find(char::is_whitespace) {
            if sp < max / 4 {
                start += sp;
                start += text[start..].chars().next().map_or(0, char::len_utf8);
            }
        }
    }
    let mut end = floor_char(text, start + max);
    if end < text.len() {
        if let Some(sp) = text[start..end].rfind(char::is_whitespace) {
            if sp > max / 2 {
                end = start + sp;
            }
        }
    }
    let lead = if start > 0 { "…" } else { "" };
    let trail = if end < text.len() { "…" } else { "" };
    let body = text[start..end].trim();
    let trimmed_lead = text[start..end].len() - text[start..end].trim_start().len();
    let shift = start + trimmed_lead;
    let highlights = ranges
        .iter()
        .filter(|r| r.start >= shift && r.end <= shift + body.len())
        .map(|r| Range {
            start: r.start - shift + lead.len(),
            end: r.end - shift + lead.len(),
        })
        .collect();
    Snippet {
        text: format!("{lead}{body}{trail}"),
        highlights,
        block: 0,
    }
}

/// The best passage of `doc` for `matched`: the block with the most
/// distinct matched terms (then most hits), cut around its densest part.
pub fn best_snippet(doc: &Document, matched: &[String], max_chars: usize) -> Snippet {
    if matched.is_empty() {
        return lead_snippet(doc, max_chars);
    }
    let toks = DocTokens::of_document(doc);
    snippet_from_tokens(doc, &toks, matched, max_chars)
}

fn snippet_from_tokens(
    doc: &Document,
    toks: &DocTokens,
    matched: &[String],
    max_chars: usize,
) -> Snippet {
    let hits = toks.hits(matched);
    if !hits.contains(&true) {
        return lead_snippet(doc, max_chars);
    }
    let mut best: Option<(usize, usize, usize, Vec<Range>)> = None;
    for (i, b) in doc.blocks.iter().enumerate() {
        let ranges = toks
            .blocks
            .get(i)
            .map(|t| ranges_of(t, &hits))
            .unwrap_or_default();
        if ranges.is_empty() {
            continue;
        }
        let text = b.text();
        let mut distinct: Vec<String> = ranges
            .iter()
            .map(|r| text[r.start..r.end].to_lowercase())
            .collect();
        crate::sorting::sort_dedup(&mut distinct);
        let key = (distinct.len(), ranges.len());
        if best.as_ref().is_none_or(|(_, d, h, _)| key > (*d, *h)) {
            best = Some((i, key.0, key.1, ranges));
        }
    }
    match best {
        Some((i, _, _, ranges)) => Snippet {
            block: i,
            ..window(doc.blocks[i].text(), &ranges, max_chars)
        },
        // No hit in the body (title or metadata match): lead paragraph.
        None => lead_snippet(doc, max_chars),
    }
}

/// The lead paragraph: the first block that is not a heading. With no
/// matched terms (browse mode, filters only) this is the whole answer, and
/// the callers return it without tokenizing the document.
fn lead_snippet(doc: &Document, max_chars: usize) -> Snippet {
    let i = doc
        .blocks
        .iter()
        .position(|b| !matches!(b, Block::Heading { .. }))
        .unwrap_or(0);
    let text = doc.blocks.get(i).map(Block::text).unwrap_or("");
    Snippet {
        block: i,
        ..window(text, &[], max_chars)
    }
}

impl IndexReader {
    /// Best passage of a loaded document (empty if its chunk is not loaded).
    pub fn snippet(&self, doc: DocNum, matched: &[String], max_chars: usize) -> Snippet {
        let Some(d) = self.document(doc) else {
            return Snippet::default();
        };
        if matched.is_empty() {
            return lead_snippet(d, max_chars);
        }
        let toks = self.token_cache.get(doc, d);
        snippet_from_tokens(d, &toks, matched, max_chars)
    }

    /// Tokenizes a loaded document ahead of its first snippet (a reader
    /// with idle time does this for the documents a visitor is likely to
    /// see, so the first keystroke does not). False when it is not loaded.
    pub fn prepare_snippets(&self, doc: DocNum) -> bool {
        match self.document(doc) {
            Some(d) => {
                self.token_cache.get(doc, d);
                true
            }
            None => false,
        }
    }

    /// Every match in a loaded document, for the reading view.
    pub fn highlights(&self, doc: DocNum, matched: &[String]) -> DocHighlights {
        let Some(d) = self.document(doc) else {
            return DocHighlights::default();
        };
        let toks = self.token_cache.get(doc, d);
        let hits = toks.hits(matched);
        DocHighlights {
            title: highlight_ranges(&d.title, &d.lang, matched),
            blocks: toks
                .blocks
                .iter()
                .enumerate()
                .map(|(i, t)| (i, ranges_of(t, &hits)))
                .filter(|(_, r)| !r.is_empty())
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_folded_and_compound_matches() {
        let m = vec!["juarez".to_string(), "h2".to_string()];
        let t = "Ciudad Juárez H-2 visas";
        let r = highlight_ranges(t, "es", &m);
        let got: Vec<&str> = r.iter().map(|r| &t[r.start..r.end]).collect();
        assert_eq!(got, ["Juárez", "H-2"]);
    }

    #[test]
    fn window_cuts_around_hits_and_keeps_ranges_valid() {
        let text = format!(
            "{} needle {}",
            "lorem ipsum ".repeat(40),
            "dolor sit ".repeat(40)
        );
        let m = vec!["needle".to_string()];
        let ranges = highlight_ranges(&text, "en", &m);
        let s = window(&text, &ranges, 120);
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
        assert_eq!(s.highlights.len(), 1);
        assert_eq!(
            &s.text[s.highlights[0].start..s.highlights[0].end],
            "needle"
        );
        assert!(s.text.len() <= 130);
    }

    #[test]
    fn without_matched_terms_the_lead_snippet_equals_the_tokenized_answer() {
        let para = |text: &str| Block::Paragraph {
            text: text.to_string(),
            line: 0,
        };
        let heading = |text: &str| Block::Heading {
            text: text.to_string(),
            level: 2,
            line: 0,
        };
        let long = "Border officials said the new rules apply at every port of entry. ".repeat(8);
        for blocks in [
            vec![
                heading("Remarks"),
                heading("Part one"),
                para(&long),
                para("later words"),
            ],
            vec![para("Short lead."), para(&long)],
            vec![heading("Only headings")],
            vec![],
        ] {
            let d = Document {
                lang: "en".into(),
                blocks,
                ..Document::default()
            };
            let toks = DocTokens::of_document(&d);
            assert_eq!(
                best_snippet(&d, &[], 200),
                snippet_from_tokens(&d, &toks, &[], 200)
            );
        }
    }
}
