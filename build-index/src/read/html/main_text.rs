//! Which blocks of a page are its main text, decided by rs-trafilatura.
//!
//! rs-trafilatura (a Rust port of trafilatura: DOM scoring by text and link
//! density, semantic elements, known boilerplate classes) returns the main
//! text as text, without its source lines. The page's own blocks carry the
//! structure (headings, lists, paragraphs) and the line each starts on, so
//! a block is kept when the extractor's text holds it: at least half of its
//! word triples for a block of three words or more, the whole block as one
//! of the extractor's lines for a shorter one. The extractor's metadata
//! (date, author) fills what the page's own tags left open.
//!
//! Chosen over our own DOM scoring by measurement (README, "Cleaning"):
//! on the article-extraction dev set our rules scored shingle F1 0.78, the
//! extractor alone 0.96.

use crate::read::draft::{RawBlock, RawKind, Stated};
use std::cell::Cell;
use std::collections::HashSet;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

/// Fewer words than this in the extractor's text: it found no article
/// (a listing, a form, an error page) and the page's own rules decide.
const MIN_WORDS: usize = 25;

pub(super) struct MainText {
    triples: HashSet<u64>,
    lines: HashSet<String>,
    date: Option<String>,
    author: Option<String>,
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn triple_hash(w: &[String]) -> u64 {
    // FNV-1a: stable, no DefaultHasher.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for word in w {
        for b in word.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

thread_local! {
    /// Set while this thread is inside the extractor.
    static IN_EXTRACTOR: Cell<bool> = const { Cell::new(false) };
}

/// The extractor's result, or `None` when it panics. rs-trafilatura 0.2.2
/// slices a string inside a character on some pages (found by fuzzing:
/// `is_share_button_text`); such a page is then read by our own rules
/// instead of stopping the build. The panic stays silent: the panic hook
/// is told to skip panics raised inside the extractor, and reports every
/// other panic as before.
fn extract_guarded(src: &str) -> Option<rs_trafilatura::ExtractResult> {
    static QUIET_HOOK: Once = Once::new();
    QUIET_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !IN_EXTRACTOR.with(Cell::get) {
                previous(info);
            }
        }));
    });
    IN_EXTRACTOR.with(|f| f.set(true));
    let r = panic::catch_unwind(AssertUnwindSafe(|| rs_trafilatura::extract(src)));
    IN_EXTRACTOR.with(|f| f.set(false));
    r.ok()?.ok()
}

impl MainText {
    /// The extractor's reading of `src`, or `None` when it finds no article.
    pub(super) fn of(src: &str) -> Option<MainText> {
        let r = extract_guarded(src)?;
        let w = words(&r.content_text);
        if w.len() < MIN_WORDS {
            return None;
        }
        let triples = w.windows(3).map(triple_hash).collect();
        let lines = r
            .content_text
            .lines()
            .map(|l| words(l).join(" "))
            .filter(|l| !l.is_empty())
            .collect();
        Some(MainText {
            triples,
            lines,
            date: r.metadata.date.map(|d| d.format("%Y-%m-%d").to_string()),
            author: r
                .metadata
                .author
                .map(|a| crate::read::text::squash_spaces(&a))
                .filter(|a| !a.is_empty() && a.split_whitespace().count() <= 8),
        })
    }

    /// Whether the block with this text is part of the main text.
    pub(super) fn keeps(&self, text: &str) -> bool {
        let w = words(text);
        if w.len() < 3 {
            return !w.is_empty() && self.lines.contains(&w.join(" "));
        }
        let total = w.len() - 2;
        let found = w
            .windows(3)
            .filter(|t| self.triples.contains(&triple_hash(t)))
            .count();
        found * 2 >= total
    }

    /// The blocks of the page (all that can be text, in order, with the
    /// share of each inside links) that make its main text: the first
    /// `<h1>` (the title), and the blocks the extractor's text holds, less
    /// repeats and teaser lists.
    pub(super) fn select(&self, blocks: Vec<RawBlock>, link_share: &[f32]) -> Vec<RawBlock> {
        let h1 = blocks
            .iter()
            .position(|b| matches!(b.kind, RawKind::Heading { level: 0, .. }));
        let kept: Vec<bool> = blocks.iter().map(|b| self.keeps(&b.text)).collect();
        let teasers = teaser_spans(&blocks, link_share, &kept);
        let mut seen: HashSet<String> = HashSet::new();
        blocks
            .into_iter()
            .enumerate()
            .filter(|(i, b)| {
                if Some(*i) == h1 {
                    return true;
                }
                if teasers[*i] || !kept[*i] {
                    return false;
                }
                // A long block printed twice (a hidden copy of the article, a pull
                // quote) counts once; short ones repeat for real (recipes, tables).
                let key = words(&b.text).join(" ");
                key.split(' ').count() < 25 || seen.insert(key)
            })
            .map(|(_, b)| b)
            .collect()
    }

    /// Whether the extractor's main text lies mostly in one of `drafts` (the
    /// articles a page seemed to hold): then the others are teasers beside
    /// one article, not articles of a listing.
    pub(super) fn is_mostly_one(&self, drafts: &[crate::read::draft::Draft]) -> bool {
        let kept: Vec<usize> = drafts
            .iter()
            .map(|d| {
                d.blocks
                    .iter()
                    .filter(|b| self.keeps(&b.text))
                    .map(|b| b.text.split_whitespace().count())
                    .sum()
            })
            .collect();
        let total: usize = kept.iter().sum();
        let most = kept.iter().copied().max().unwrap_or(0);
        total > 0 && most * 10 >= total * 7
    }

    /// The extractor's date and author where the page stated none.
    pub(super) fn fill_facts(&self, stated: &mut Stated) {
        if stated.date.is_none() {
            stated.date.clone_from(&self.date);
        }
        if let Some(a) = &self.author {
            stated.extra.entry("byline".into()).or_insert_with(|| {
                format!(
                    "By {}",
                    a.trim_start_matches("By ").trim_start_matches("by ")
                )
            });
        }
    }
}

/// A block mostly made of link text: a teaser's title, a menu entry.
const LINKED: f32 = 0.8;
/// Longest block a teaser list holds (a title, a byline, a standfirst).
const TEASER_WORDS: usize = 70;
/// Link blocks at most this far apart belong to one list.
const TEASER_GAP: usize = 4;
/// Link blocks a list needs to be one.
const TEASER_LINKS: usize = 3;

/// Marks lists of teasers: at least [`TEASER_LINKS`] link blocks, each
/// within [`TEASER_GAP`] blocks of the next, every block of the span short
/// (bylines, dates and standfirsts between the links go with them), plus a
/// short heading right before the span ("Trending News", "More from …").
fn teaser_spans(blocks: &[RawBlock], link_share: &[f32], kept: &[bool]) -> Vec<bool> {
    let n = blocks.len();
    let mut out = vec![false; n];
    let short = |i: usize| {
        blocks[i]
            .text
            .split_whitespace()
            .nth(TEASER_WORDS)
            .is_none()
    };
    // A teaser's link is a headline: words, not an address.
    let headline = |i: usize| {
        let t = &blocks[i].text;
        t.split_whitespace().nth(2).is_some() && !t.contains("://") && !t.starts_with("www.")
    };
    let linked =
        |i: usize| link_share.get(i).copied().unwrap_or(0.0) >= LINKED && short(i) && headline(i);
    // Words of the main text (what the extractor kept).
    let total_words: usize = blocks
        .iter()
        .zip(kept)
        .filter(|(_, k)| **k)
        .map(|(b, _)| b.text.split_whitespace().count())
        .sum();
    let mut i = 0;
    while i < n {
        if !linked(i) {
            i += 1;
            continue;
        }
        // Grow the span from link block to link block.
        let (start, mut end, mut links) = (i, i, 1);
        let mut gaps: Vec<usize> = Vec::new();
        let mut j = i + 1;
        while j < n && j <= end + TEASER_GAP && short(j) {
            if linked(j) {
                gaps.push(j - end);
                end = j;
                links += 1;
            }
            j += 1;
        }
        // Cards of one shape (headline, byline, date, standfirst) repeat
        // at one period: three or more links, three quarters of the gaps
        // between them the same.
        let periodic = gaps.len() >= 2 && {
            let mut counts = std::collections::BTreeMap::new();
            for g in &gaps {
                *counts.entry(*g).or_insert(0usize) += 1;
            }
            counts.values().max().copied().unwrap_or(0) * 4 >= gaps.len() * 3
        };
        // Prose between the links means an article with related links
        // set into it, not a list: the blocks between must be header-like
        // (bylines, dates, labels) unless links are half the span.
        let header_like = |k: usize| {
            let t = blocks[k].text.trim_end();
            t.split_whitespace().nth(12).is_none() && !t.ends_with(['.', '!', '?', '"', '”', ':'])
        };
        let between_ok = (start..=end).all(|k| linked(k) || header_like(k));
        let span = end - start + 1;
        // A list sits beside the article: when the prose inside the span is
        // most of the page, the links are set into the article instead.
        let prose_words: usize = (start..=end)
            .filter(|&k| !linked(k) && !header_like(k))
            .map(|k| blocks[k].text.split_whitespace().count())
            .sum();
        let beside = prose_words * 5 <= total_words * 2;
        if links >= TEASER_LINKS && beside && (between_ok || periodic || links * 2 >= span) {
            // What follows the last link up to the gap is its byline/date.
            let mut last = end;
            while last + 1 < n
                && last < end + TEASER_GAP
                && short(last + 1)
                && !matches!(blocks[last + 1].kind, RawKind::Heading { .. })
                && blocks[last + 1].text.split_whitespace().count() <= 8
            {
                last += 1;
            }
            let mut first = start;
            if first > 0
                && matches!(blocks[first - 1].kind, RawKind::Heading { .. })
                && blocks[first - 1].text.split_whitespace().count() <= 5
            {
                first -= 1;
            }
            out[first..=last].iter_mut().for_each(|x| *x = true);
            i = last + 1;
        } else {
            i = end + 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(t: &str) -> RawBlock {
        RawBlock::para(t.to_string(), 1)
    }

    #[test]
    fn a_run_of_linked_titles_with_bylines_is_a_teaser_list() {
        let blocks = vec![
            para("The council voted on Tuesday to rebuild the weir, a decision that took three years."),
            RawBlock { kind: RawKind::Heading { level: 2, explicit: true }, text: "Trending News".into(), line: 1 },
            para("Ferry resumes after storm"),
            para("By Staff"),
            para("Bridge closes for repairs"),
            para("By Staff"),
            para("Salmon return to the river"),
            para("11/20/2019 09:39 AM"),
        ];
        let share = [0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0];
        assert_eq!(
            teaser_spans(&blocks, &share, &[true; 8]),
            vec![false, true, true, true, true, true, true, true]
        );
    }

    #[test]
    fn two_links_in_an_article_are_not_a_list() {
        let blocks = vec![
            para("See the plan"),
            para("It was adopted in May after a long debate in the council chamber."),
            para("Read the minutes"),
        ];
        assert_eq!(
            teaser_spans(&blocks, &[1.0, 0.0, 1.0], &[true; 3]),
            vec![false, false, false]
        );
    }
}
