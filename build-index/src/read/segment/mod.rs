//! Splitting a plain-text file into the real documents it holds.
//!
//! Scraped pages often concatenate several articles (a tag-archive page), or
//! follow one article with teaser lists and footers. Boundaries come from
//! the text alone:
//!
//! 1. Lines are grouped into units (a paragraph, a list item, a speaker
//!    turn, a heading-like line, a date line, a chrome line…).
//! 2. Units alternate between *clusters* (runs of non-body units: headings,
//!    datelines, chrome) and *body runs* (prose, lists, turns).
//! 3. A cluster inside a document starts a new document when it holds a
//!    title candidate **and** a cue that one article ended or another
//!    began: a closing cue (end mark "###", copyright, related/further-reading
//!    list, credits block, source attribution) or an opening cue (dateline,
//!    reading time, "Listen /", publisher or type label, a title printed
//!    twice, a transcript starting after prose). A short heading after a
//!    paragraph ending in ":" (a roundup's items) or a heading with no cue
//!    (an annex, a section) stays inside its document.
//! 4. After a hard end (end mark, copyright, teaser list) nothing joins the
//!    closed document; fragments of fewer than [`MIN_WORDS`] words in a file
//!    that holds other documents are chrome and are dropped.

use crate::read::boilerplate::{self, Rule};
use crate::read::draft::{Draft, RawBlock, RawKind, Stated};
use crate::read::metadata::dates::date_line;
use crate::read::metadata::places::Gazetteer;
use crate::read::text::{fold, squash_spaces, title_case, word_count};
use regex::Regex;
use std::sync::LazyLock;

mod chrome;
mod document;
mod units;

use chrome::*;
pub use document::fallback_title;
use document::*;
use units::*;
pub use units::{is_credit_line, is_non_speaker_label, TURN};

/// Fragments shorter than this (in body words) are page chrome when the
/// file holds other documents.
pub const MIN_WORDS: u32 = 25;

/// What a header line tells, when it is not the title.
#[derive(Debug, PartialEq)]
enum HeaderLine {
    Publisher,
    DocType,
    Byline,
    Place,
}

fn header_line(t: &str, gaz: &Gazetteer) -> Option<HeaderLine> {
    let n = t.split_whitespace().count();
    if n <= 4 && DOC_TYPE_LABEL.is_match(t) {
        return Some(HeaderLine::DocType);
    }
    if gaz.is_place_line(t) {
        return Some(HeaderLine::Place);
    }
    if n <= 10 && t.contains(',') && BYLINE.is_match(t) || t.starts_with("By ") && n <= 8 {
        return Some(HeaderLine::Byline);
    }
    if n <= 6 && !GENRE.is_match(t) && PUBLISHER.is_match(t) && !t.contains(':') {
        return Some(HeaderLine::Publisher);
    }
    None
}

fn strong_title(t: &str) -> bool {
    let n = t.split_whitespace().count();
    GENRE.is_match(t) || (t.contains(": ") && n >= 6) || n >= 8
}

fn is_closing(u: &Unit) -> bool {
    matches!(
        u.kind,
        Kind::Boiler(
            Rule::EndMarker
                | Rule::Copyright
                | Rule::Teaser
                | Rule::Trailer
                | Rule::ReadMore
                | Rule::Related
                | Rule::FurtherReading
                | Rule::TagArchive
                | Rule::SiteName
                | Rule::Navigation
        ) | Kind::Credit
            | Kind::Attribution(_)
            | Kind::Date { release: true, .. }
    )
}

/// A closing cue after which nothing joins the document.
fn is_hard_end(u: &Unit) -> bool {
    matches!(
        u.kind,
        Kind::Boiler(Rule::EndMarker | Rule::Copyright | Rule::Teaser | Rule::TagArchive)
    )
}

fn is_opening(u: &Unit, gaz: &Gazetteer) -> bool {
    match &u.kind {
        Kind::Date { release: false, .. } => true,
        Kind::Boiler(Rule::ReadingTime | Rule::Listen | Rule::LanguageSwitch) => true,
        Kind::Heading => header_line(&u.text, gaz).is_some_and(|h| h != HeaderLine::Place),
        _ => false,
    }
}

/// Splits a normalised plain-text file into documents.
pub fn segment(text: &str, gaz: &Gazetteer) -> Vec<Draft> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut us = units(&lines);
    mark_link_lists(&mut us);
    mark_trailers(&mut us);
    mark_teaser_pairs(&mut us, &lines);
    mark_comment_tail(&mut us);
    let mut drafts: Vec<(Draft, u32)> = Vec::new();
    let mut cur: Option<Acc> = None;
    let mut list_indents: Vec<usize> = Vec::new();
    let n = us.len();
    let mut i = 0;
    while i < n {
        let c0 = i;
        while i < n && !us[i].is_body() {
            i += 1;
        }
        let b0 = i;
        while i < n && us[i].is_body() {
            i += 1;
        }
        let cluster = &us[c0..b0];
        let body = &us[b0..i];
        let title_idx = pick_title(cluster, gaz);
        let starts_new = match &cur {
            None => !body.is_empty(),
            Some(acc) => {
                !body.is_empty()
                    && (acc.closed
                        || cluster.iter().any(is_hard_end)
                        || is_boundary(acc, cluster, body, title_idx, &us[b0..], gaz))
            }
        };
        if starts_new {
            // The tail of the cluster up to its last closing cue (and the
            // chrome right after it) belongs to the document that ends.
            let split = match &cur {
                Some(_) => tail_len(cluster),
                None => 0,
            };
            if let Some(mut acc) = cur.take() {
                for u in &cluster[..split] {
                    acc.absorb_meta(u);
                }
                let words = acc.words;
                let first = acc.blocks.first().map(|b| b.text.clone());
                drafts.push((acc.finish(first.as_deref()), words));
            }
            let mut acc = Acc::new();
            let head = &cluster[split..];
            let title_idx = title_idx.filter(|&t| t >= split).map(|t| t - split);
            open_header(&mut acc, head, title_idx, gaz);
            list_indents.clear();
            for u in body {
                acc.push_body(u, &mut list_indents);
            }
            cur = Some(acc);
        } else if let Some(acc) = cur.as_mut() {
            continue_document(acc, cluster, body, &mut list_indents);
        }
        if let Some(acc) = cur.as_mut() {
            if cluster.iter().any(is_hard_end) && body.is_empty() {
                acc.closed = true;
            }
        }
    }
    if let Some(acc) = cur.take() {
        let words = acc.words;
        let first = acc.blocks.first().map(|b| b.text.clone());
        drafts.push((acc.finish(first.as_deref()), words));
    }
    let many = drafts.len() > 1;
    // A dated item of a listing is a document however short its summary.
    let out: Vec<Draft> = drafts
        .into_iter()
        .filter(|(d, w)| !many || *w >= MIN_WORDS || (d.stated.date.is_some() && *w >= 8))
        .map(|(d, _)| d)
        .collect();
    if out.is_empty() {
        return short_lines_document(&us, gaz).into_iter().collect();
    }
    out
}

/// A cluster and body run that do not start a new document join `acc`:
/// headings and undated lines as text, a release date or an attribution
/// as facts, nothing once a hard end closed it.
fn continue_document(
    acc: &mut Acc,
    cluster: &[Unit],
    body: &[Unit],
    list_indents: &mut Vec<usize>,
) {
    for u in cluster {
        match u.kind {
            Kind::Heading if !body.is_empty() && !acc.closed => acc.push_heading(u),
            Kind::Date { release: false, .. } if !body.is_empty() && !acc.closed => acc.push_body(
                &Unit {
                    kind: Kind::Prose,
                    ..u.clone()
                },
                list_indents,
            ),
            Kind::Attribution(_) | Kind::Date { release: true, .. } => acc.absorb_meta(u),
            _ if acc.closed => {}
            _ => acc.absorb_meta(u),
        }
        if is_hard_end(u) {
            acc.closed = true;
        }
    }
    if !acc.closed {
        for u in body {
            acc.push_body(u, list_indents);
        }
    }
}

/// Fewest words of a text of short lines that makes it a document.
const SHORT_LINES_MIN_WORDS: u32 = 12;

/// A text in which no line reads as prose (a table of figures, a list of
/// names, a wire story of results) is still a document, not chrome, when
/// it has some words that are not boilerplate: its first line is the
/// title, every other line a paragraph of its own.
fn short_lines_document(us: &[Unit], gaz: &Gazetteer) -> Option<Draft> {
    let kept: Vec<&Unit> = us
        .iter()
        .filter(|u| !matches!(u.kind, Kind::Boiler(_)))
        .collect();
    let (first, rest) = kept.split_first()?;
    if kept.iter().map(|u| u.words()).sum::<u32>() < SHORT_LINES_MIN_WORDS {
        return None;
    }
    let mut acc = Acc::new();
    open_header(&mut acc, std::slice::from_ref(*first), Some(0), gaz);
    let mut list_indents = Vec::new();
    for u in rest {
        let u = match u.kind {
            Kind::Item { .. } | Kind::Turn | Kind::Prose => (*u).clone(),
            _ => Unit {
                kind: Kind::Prose,
                ..(*u).clone()
            },
        };
        acc.push_body(&u, &mut list_indents);
    }
    let first_block = acc.blocks.first().map(|b| b.text.clone());
    Some(acc.finish(first_block.as_deref()))
}

/// Index of the title in a cluster: the first strong title, else the
/// longest heading that is not a header line (publisher, byline, place…).
fn pick_title(cluster: &[Unit], gaz: &Gazetteer) -> Option<usize> {
    let cands: Vec<usize> = (0..cluster.len())
        .filter(|&k| {
            cluster[k].kind == Kind::Heading && header_line(&cluster[k].text, gaz).is_none()
        })
        .collect();
    if let Some(&k) = cands.iter().find(|&&k| strong_title(&cluster[k].text)) {
        return Some(k);
    }
    cands.into_iter().max_by_key(|&k| {
        (
            cluster[k].text.split_whitespace().count(),
            std::cmp::Reverse(k),
        )
    })
}

fn is_boundary(
    acc: &Acc,
    cluster: &[Unit],
    body: &[Unit],
    title_idx: Option<usize>,
    after: &[Unit],
    gaz: &Gazetteer,
) -> bool {
    let Some(t) = title_idx else { return false };
    let title = &cluster[t].text;
    let prev_announces = acc.blocks.last().is_some_and(|b| b.text.ends_with(':'));
    if prev_announces {
        return false;
    }
    let closing = cluster.iter().any(is_closing);
    let opening = cluster.iter().any(|u| is_opening(u, gaz));
    let folded = fold(title);
    let repeated = after
        .iter()
        .take(8)
        .any(|u| u.kind == Kind::Heading && fold(&u.text) == folded);
    let transcript_starts = !acc.has_turns && body.first().is_some_and(|u| u.kind == Kind::Turn);
    let annex = acc
        .title
        .as_deref()
        .is_some_and(|cur| fold(cur).contains(&folded));
    if annex {
        return false;
    }
    let cue = closing || opening || repeated || transcript_starts;
    cue && (strong_title(title) || opening || repeated)
}

/// How many leading units of a boundary cluster close the previous document.
fn tail_len(cluster: &[Unit]) -> usize {
    let Some(last) = cluster.iter().rposition(is_closing) else {
        return cluster
            .iter()
            .take_while(|u| matches!(u.kind, Kind::Boiler(_)))
            .count();
    };
    let mut k = last + 1;
    while k < cluster.len()
        && matches!(
            cluster[k].kind,
            Kind::Boiler(Rule::PhotoCredit | Rule::Related)
        )
    {
        k += 1;
    }
    k
}

/// Fills a new document from the cluster above its body.
fn open_header(acc: &mut Acc, head: &[Unit], title_idx: Option<usize>, gaz: &Gazetteer) {
    let mut after_place = false;
    let title_start = title_idx.map(|t| head[t].start);
    let touches_title = |u: &Unit| title_start.is_some_and(|t| u.end + 1 >= t);
    // Header lines above chrome that stands before the title (a menu, a
    // tag-archive line) belong to the page, not to this document.
    let last_chrome = title_idx.and_then(|t| {
        head[..t].iter().rposition(|u| {
            matches!(
                u.kind,
                Kind::Boiler(
                    Rule::Navigation
                        | Rule::TagArchive
                        | Rule::SiteName
                        | Rule::Copyright
                        | Rule::Trailer
                )
            )
        })
    });
    for (k, u) in head.iter().enumerate() {
        if Some(k) == title_idx {
            let (section, title) = split_section(&u.text);
            if section.is_some() {
                acc.stated.section = section;
            }
            acc.title = Some(title);
            acc.extend_lines(u);
            after_place = false;
            continue;
        }
        match &u.kind {
            Kind::Heading => {
                let before_title = title_idx.is_some_and(|t| k < t);
                match header_line(&u.text, gaz) {
                    Some(HeaderLine::DocType) => {
                        acc.stated.doc_type = Some(u.text.clone());
                    }
                    Some(HeaderLine::Place) => {
                        acc.stated.extra.insert("dateline".into(), u.text.clone());
                        after_place = true;
                        acc.extend_lines(u);
                        continue;
                    }
                    Some(HeaderLine::Byline) => {
                        acc.stated.extra.insert("byline".into(), u.text.clone());
                    }
                    Some(HeaderLine::Publisher) if acc.stated.source.is_none() && before_title => {
                        let site = clean_source(&u.text);
                        // A site name above the title ("News Network") is a
                        // weaker fact than an issuing office; both are kept.
                        acc.stated.extra.insert("site".into(), site.clone());
                        acc.stated.source = Some(site);
                    }
                    Some(HeaderLine::Publisher) => {
                        acc.stated
                            .extra
                            .entry("office".into())
                            .or_insert_with(|| u.text.clone());
                    }
                    None if after_place && u.text.split_whitespace().count() <= 4 => {
                        // "Sofitel Hotel" under "Mexico City, Mexico": the venue.
                        if let Some(d) = acc.stated.extra.get_mut("dateline") {
                            d.push_str(" — ");
                            d.push_str(&u.text);
                        }
                    }
                    // A line set apart above the title (a site name, a
                    // menu) is page chrome; one right above it, a kicker.
                    None if before_title && !touches_title(u) => continue,
                    None if before_title || title_idx.is_none() => {
                        acc.stated
                            .extra
                            .entry("kicker".into())
                            .or_insert_with(|| u.text.clone());
                    }
                    None => acc.push_heading(u),
                }
                if !before_title || last_chrome.is_none_or(|c| k > c) {
                    acc.extend_lines(u);
                }
            }
            _ => acc.absorb_meta(u),
        }
        after_place = false;
    }
}

#[cfg(test)]
mod tests;
