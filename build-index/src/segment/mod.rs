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

use crate::boilerplate::{self, Rule};
use crate::draft::{Draft, RawBlock, RawKind, Stated};
use crate::metadata::dates::date_line;
use crate::metadata::places::Gazetteer;
use crate::text::{fold, squash_spaces, title_case, word_count};
use regex::Regex;
use std::sync::LazyLock;

/// Fragments shorter than this (in body words) are page chrome when the
/// file holds other documents.
pub const MIN_WORDS: u32 = 25;

fn re(p: &str) -> Regex {
    Regex::new(p).unwrap_or_else(|e| panic!("bad segment pattern {p}: {e}"))
}

static BULLET: LazyLock<Regex> = LazyLock::new(|| re(r"^([•●▪◦·‣∙*+\-–—])\s+(\S.*)$"));
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(\(?(?:\d{1,3}|[a-z]|[ivxlcdm]{1,6}|[IVXLCDM]{1,6}|[A-Z])[.)])\s+(\S.*)$")
});
/// A speaker label: capitals (with dots, apostrophes, hyphens) before a colon.
pub static TURN: LazyLock<Regex> =
    LazyLock::new(|| re(r"^([\p{Lu}][\p{Lu}\p{M}.'’\- ]{0,48}[\p{Lu}.])\s*:\s*(.*)$"));
static ROLE_TURN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(question|q|moderator|answer|a|participant|reporter|audience member|interviewer|interpreter|operator)\s*:\s*(.*)$",
    )
});
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(presenter|producer|production assistant|executive producer|editor|edited by|host|duration|camera|sound|music|photography|translation|written by|directed by|narrator|anchor|running time)\s*:\s*\S",
    )
});
static ATTRIBUTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:source|sources|from title|from|via|published by|publisher|courtesy of|originally published (?:by|in|at))\s*:\s*(\S.{0,78})$",
    )
});
static SENTENCE_BREAK: LazyLock<Regex> =
    LazyLock::new(|| re(r"\p{Ll}{2}[.!?][\x22”’)]?\s+[\p{Lu}\x22“]"));
static PUBLISHER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(department|ministry|office of|white house|embassy|consulate|commission|agency|network|news|times|post|gazette|tribune|herald|journal|radio|television|press|government|council|parliament|secretariat|united nations|bureau|institute|foundation)\b",
    )
});
static DOC_TYPE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(joint communiqu[eé]|communiqu[eé]|press release|news release|media note|fact sheet|joint statement|statement|readout|transcript|interview|remarks|speech|op-ed|press statement|notice to the press|briefing|press briefing|declaration)$",
    )
});
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:By\s+\p{Lu}.{2,60}|\p{Lu}[\p{L}.'’\-]+(?:\s+\p{Lu}[\p{L}.'’\-]*){1,3},\s+(?:the\s+)?(?:\p{Lu}[\p{L}\-]*|of|the|and|for)(?:\s+(?:\p{Lu}[\p{L}\-]*|of|the|and|for)){0,7})$",
    )
});
static SECTION_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(Press Releases?|News Releases?|Media Notes?|Statements and Releases|Speeches|Readouts?|Briefings?|Latest News|News)\s*:\s*(\S.{10,})$",
    )
});
/// Words in a title that name the kind of document: a title carrying one is
/// a strong title even when short.
static GENRE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(joint statement|statement|communiqu[eé]|press release|press availability|press briefing|press conference|briefing|remarks|interview|transcript|cheat sheet|roundup|round-up|digest|newsletter|op-ed|editorial|fact sheet|readout|speech|testimony|address)\b",
    )
});

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Boiler(Rule),
    Heading,
    Prose,
    Item {
        ordered: bool,
        marker: Option<String>,
    },
    Turn,
    Credit,
    Date {
        iso: String,
        release: bool,
    },
    Attribution(String),
}

#[derive(Debug, Clone)]
struct Unit {
    kind: Kind,
    text: String,
    start: u32,
    end: u32,
    indent: usize,
}

impl Unit {
    fn is_body(&self) -> bool {
        matches!(self.kind, Kind::Prose | Kind::Item { .. } | Kind::Turn)
    }
    fn words(&self) -> u32 {
        word_count(&self.text)
    }
}

/// True for a line that reads like a title or section heading.
fn heading_like(t: &str) -> bool {
    let n = t.split_whitespace().count();
    if n == 0 || n > 24 {
        return false;
    }
    if t.ends_with(['.', ',', ';', ':']) && !t.ends_with("..") {
        return false;
    }
    // Items between bars are a menu or a trailer ("Posted in … | Tagged …").
    if t.contains(" | ") {
        return false;
    }
    // A web address is something a title points to, never part of one:
    // "Residents can object until June. https://…/notice" is a paragraph.
    if t.contains("://") || t.split_whitespace().any(|w| w.starts_with("www.")) {
        return false;
    }
    let first = t.chars().next().unwrap_or(' ');
    if !(first.is_uppercase() || first.is_ascii_digit()) {
        return false;
    }
    let first_word = t.split_whitespace().next().unwrap_or("");
    if matches!(
        first_word,
        "And" | "But" | "So" | "Or" | "Because" | "Then" | "Well" | "Yes" | "No"
    ) {
        return false;
    }
    !SENTENCE_BREAK.is_match(t)
}

fn is_turn_line(t: &str) -> bool {
    if let Some(c) = TURN.captures(t) {
        let label = c[1].trim();
        let words = label.split_whitespace().count();
        return words <= 6
            && label.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !is_non_speaker_label(label);
    }
    ROLE_TURN.is_match(t)
}

/// Capitalised labels before a colon that are not speakers.
pub fn is_non_speaker_label(label: &str) -> bool {
    const NOT: &[&str] = &[
        "NOTE",
        "NOTES",
        "UPDATE",
        "EDITOR'S NOTE",
        "EDITOR’S NOTE",
        "PHOTO",
        "SOURCE",
        "SOURCES",
        "TAGS",
        "WHEN",
        "WHERE",
        "WHAT",
        "WHO",
        "EMAIL",
        "E-MAIL",
        "TEL",
        "FAX",
        "WEB",
        "URL",
        "RE",
        "CC",
        "PS",
        "P.S.",
        "FROM",
        "TO",
        "SUBJECT",
        "DATE",
        "TIME",
        "CONTACT",
        "MEDIA CONTACT",
        "CREDIT",
        "CREDITS",
        "WARNING",
        "BACKGROUND",
        "SUMMARY",
        "ADVISORY",
        "ATTENTION",
        "TOP PHOTO",
        "CAPTION",
        "LOCATION",
        "VENUE",
        "DURATION",
        "PRESENTER",
        "FROM TITLE",
        "ANNEX",
        "APPENDIX",
        "NB",
        "FYI",
        "BREAKING",
        "WATCH",
        "LISTEN",
        "READ",
        "ALSO",
    ];
    let up = label.trim().to_uppercase();
    NOT.contains(&up.as_str())
        || up.chars().filter(|c| c.is_alphabetic()).count() < 2 && up != "Q" && up != "A"
}

fn classify(t: &str) -> Kind {
    if let Some(rule) = boilerplate::classify_line(t) {
        return Kind::Boiler(rule);
    }
    if let Some((iso, release)) = date_line(t) {
        return Kind::Date { iso, release };
    }
    // "Posted on March 4, 2020 by Ana Ruiz", "By Ana Ruiz | 4 March 2020".
    if let Some(iso) = crate::html::header_facts(t).and_then(|f| f.date) {
        return Kind::Date {
            iso,
            release: false,
        };
    }
    if let Some(c) = ATTRIBUTION.captures(t) {
        if c[1].split_whitespace().count() <= 8 {
            return Kind::Attribution(c[1].trim().to_string());
        }
    }
    if CREDIT.is_match(t) && !crate::text::is_all_caps(t.split(':').next().unwrap_or("")) {
        return Kind::Credit;
    }
    if is_turn_line(t) {
        return Kind::Turn;
    }
    if let Some(c) = BULLET.captures(t) {
        let _ = &c;
        return Kind::Item {
            ordered: false,
            marker: None,
        };
    }
    if let Some(c) = NUMBERED.captures(t) {
        return Kind::Item {
            ordered: true,
            marker: Some(c[1].to_string()),
        };
    }
    if heading_like(t) {
        Kind::Heading
    } else {
        Kind::Prose
    }
}

/// "IV. Incursions", "B. Funding" standing alone: a numbered section
/// heading, not a list item.
fn is_section_number(kind: &Kind, t: &str) -> bool {
    let Kind::Item {
        ordered: true,
        marker: Some(m),
    } = kind
    else {
        return false;
    };
    let roman_or_letter = m
        .trim_end_matches(['.', ')'])
        .chars()
        .all(|c| "IVXLCDM".contains(c) || c.is_ascii_uppercase());
    let rest = item_text(t);
    roman_or_letter && rest.split_whitespace().count() <= 12 && heading_like(rest)
}

/// "Presenter: Jo Bloggs", "Duration: 10'00": production credits, never speakers.
pub fn is_credit_line(t: &str) -> bool {
    CREDIT.is_match(t) && !crate::text::is_all_caps(t.split(':').next().unwrap_or(""))
}

/// Strips a list marker from an item's text.
fn item_text(t: &str) -> &str {
    if let Some(c) = BULLET.captures(t) {
        return c.get(2).map_or(t, |m| &t[m.start()..]);
    }
    if let Some(c) = NUMBERED.captures(t) {
        return c.get(2).map_or(t, |m| &t[m.start()..]);
    }
    t
}

/// Groups the lines of a file into units.
fn units(lines: &[&str]) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim().is_empty() {
            i += 1;
            continue;
        }
        let g0 = i;
        while i < lines.len() && !lines[i].trim().is_empty() {
            i += 1;
        }
        group(
            &lines[g0..i],
            u32::try_from(g0 + 1).unwrap_or(u32::MAX),
            &mut out,
        );
    }
    out
}

/// Splits one blank-line-separated group into units.
fn group(lines: &[&str], first_line: u32, out: &mut Vec<Unit>) {
    let parsed: Vec<(usize, String, Kind)> = lines
        .iter()
        .map(|l| {
            let indent = l.len() - l.trim_start().len();
            let t = squash_spaces(l.trim());
            let k = classify(&t);
            (indent, t, k)
        })
        .collect();
    let line_no = |k: usize| first_line + u32::try_from(k).unwrap_or(0);
    let structured = parsed.len() == 1
        || parsed
            .iter()
            .any(|(_, _, k)| !matches!(k, Kind::Prose | Kind::Heading))
        || parsed
            .iter()
            .all(|(_, t, k)| *k == Kind::Heading && t.split_whitespace().count() <= 12);
    if !structured {
        let text = parsed
            .iter()
            .map(|p| p.1.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let kind = if heading_like(&text) && parsed.len() <= 2 {
            Kind::Heading
        } else {
            Kind::Prose
        };
        out.push(Unit {
            kind,
            text,
            start: first_line,
            end: line_no(parsed.len() - 1),
            indent: parsed[0].0,
        });
        return;
    }
    let base = out.len();
    let single = parsed.len() == 1;
    for (k, (indent, t, mut kind)) in parsed.into_iter().enumerate() {
        if single && is_section_number(&kind, &t) {
            kind = Kind::Heading;
        }
        let ln = line_no(k);
        let has_prev = out.len() > base;
        if let Some(prev) = out.last_mut().filter(|_| has_prev) {
            let continues = match (&prev.kind, &kind) {
                // An indented line under a list item continues it; teaser
                // lists show themselves by their category or "Read More" lines.
                (
                    Kind::Item { .. } | Kind::Boiler(Rule::Teaser),
                    Kind::Prose | Kind::Heading | Kind::Boiler(_),
                ) if indent > prev.indent => true,
                (Kind::Turn | Kind::Prose, Kind::Prose) => true,
                // A heading wrapped over two lines: the second starts lowercase.
                (Kind::Heading, Kind::Heading | Kind::Prose) => {
                    t.chars().next().is_some_and(char::is_lowercase)
                }
                _ => false,
            };
            if continues {
                let teaser = boilerplate::is_teaser_category(&t)
                    || boilerplate::READ_MORE_INLINE.is_match(&t)
                    || kind == Kind::Boiler(Rule::ReadMore);
                if matches!(prev.kind, Kind::Item { .. }) && teaser {
                    prev.kind = Kind::Boiler(Rule::Teaser);
                }
                prev.text.push(' ');
                prev.text.push_str(&t);
                prev.end = ln;
                continue;
            }
        }
        out.push(Unit {
            kind,
            text: t,
            start: ln,
            end: ln,
            indent,
        });
    }
}

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

/// A document being assembled.
struct Acc {
    title: Option<String>,
    start: u32,
    end: u32,
    stated: Stated,
    blocks: Vec<RawBlock>,
    has_turns: bool,
    closed: bool,
    words: u32,
    /// Indentation of items nested under an item ending in ":".
    nest_under: Option<usize>,
    /// An unnumbered heading was seen: numbered ones rank below it.
    plain_heading: bool,
}

impl Acc {
    fn new() -> Acc {
        Acc {
            title: None,
            start: 0,
            end: 0,
            stated: Stated::default(),
            blocks: Vec::new(),
            has_turns: false,
            closed: false,
            words: 0,
            nest_under: None,
            plain_heading: false,
        }
    }

    fn extend_lines(&mut self, u: &Unit) {
        if self.start == 0 || u.start < self.start {
            self.start = u.start;
        }
        self.end = self.end.max(u.end);
    }

    fn push_body(&mut self, u: &Unit, list_indents: &mut Vec<usize>) {
        self.extend_lines(u);
        self.words += u.words();
        let text = boilerplate::clean_inline(&u.text).into_owned();
        match &u.kind {
            Kind::Item { ordered, marker } => {
                // An item ending in ":" followed, after a blank line, by items
                // at its own indentation introduces them: they nest under it.
                let prev_colon = matches!(self.blocks.last(), Some(RawBlock { kind: RawKind::ListItem { .. }, text, line }) if text.ends_with(':') && *line < u.start.saturating_sub(1));
                // After a blank line, a list that is not introduced by a
                // colon item, or that switches between bullets and numbers,
                // is a new list: the colon nesting ends.
                let gap = self.blocks.last().is_some_and(|b| b.line + 1 < u.start);
                let switched = matches!(self.blocks.last(), Some(RawBlock { kind: RawKind::ListItem { ordered: o, .. }, .. }) if o != ordered);
                if (gap && !prev_colon) || switched {
                    self.nest_under = None;
                }
                if prev_colon && list_indents.last() == Some(&(u.indent * 2)) {
                    self.nest_under = Some(u.indent);
                }
                let indent = if self.nest_under == Some(u.indent) {
                    u.indent * 2 + 1
                } else {
                    u.indent * 2
                };
                // Depth = position of this indentation among the open list levels.
                while list_indents.last().is_some_and(|&i| i > indent) {
                    list_indents.pop();
                }
                if list_indents.last() != Some(&indent) {
                    list_indents.push(indent);
                }
                let depth = u8::try_from(list_indents.len().saturating_sub(1)).unwrap_or(u8::MAX);
                self.blocks.push(RawBlock {
                    kind: RawKind::ListItem {
                        ordered: *ordered,
                        depth,
                        marker: marker.clone(),
                    },
                    text: item_text(&text).to_string(),
                    line: u.start,
                });
                return;
            }
            Kind::Turn => self.has_turns = true,
            _ => {}
        }
        list_indents.clear();
        self.nest_under = None;
        self.blocks.push(RawBlock::para(text, u.start));
    }

    fn push_heading(&mut self, u: &Unit) {
        if self
            .title
            .as_deref()
            .is_some_and(|t| fold(t) == fold(&u.text))
        {
            return; // a title printed twice is one title
        }
        self.extend_lines(u);
        let numbered = NUMBERED.is_match(&u.text);
        let level = if numbered && self.plain_heading { 2 } else { 1 };
        self.plain_heading |= !numbered;
        self.blocks.push(RawBlock {
            kind: RawKind::Heading {
                level,
                explicit: false,
            },
            text: u.text.clone(),
            line: u.start,
        });
    }

    /// Units around the body that are not headings: dates, credits,
    /// attributions, chrome.
    fn absorb_meta(&mut self, u: &Unit) {
        match &u.kind {
            Kind::Date { iso, release } => {
                if self.stated.date.is_none() {
                    self.stated.date = Some(iso.clone());
                }
                if *release {
                    self.stated.extra.insert("released".into(), u.text.clone());
                }
                self.extend_lines(u);
            }
            Kind::Attribution(src) => {
                if self.stated.source.is_none() {
                    self.stated.source = Some(clean_source(src));
                }
                self.stated
                    .extra
                    .insert("attribution".into(), u.text.clone());
                self.extend_lines(u);
            }
            Kind::Credit => {
                self.stated.audio = true;
                self.extend_lines(u);
                self.blocks.push(RawBlock::para(u.text.clone(), u.start));
            }
            Kind::Boiler(Rule::Listen) => self.stated.audio = true,
            Kind::Boiler(Rule::EndMarker) => self.extend_lines(u),
            _ => {}
        }
    }

    fn finish(self, first_body_line: Option<&str>) -> Draft {
        let title = self
            .title
            .unwrap_or_else(|| fallback_title(first_body_line.unwrap_or("Untitled")));
        Draft {
            title,
            line_start: self.start,
            line_end: self.end,
            stated: self.stated,
            blocks: self.blocks,
        }
    }
}

fn clean_source(s: &str) -> String {
    let s = s.trim().trim_end_matches('.');
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    let upper = s.chars().filter(|c| c.is_uppercase()).count();
    // "THE WHITE HOUSE", "U.S. DEPARTMENT of STATE": printed in capitals.
    if upper * 3 > letters * 2 {
        title_case(s)
    } else {
        s.to_string()
    }
}

/// A title for a text that prints none: its first words.
pub fn fallback_title(first: &str) -> String {
    let words: Vec<&str> = first.split_whitespace().collect();
    if words.len() <= 12 {
        words
            .join(" ")
            .trim_end_matches(['.', ':', ','])
            .to_string()
    } else {
        format!(
            "{}…",
            words[..10].join(" ").trim_end_matches(['.', ':', ','])
        )
    }
}

/// Splits a title like "Press Releases: Press Availability at …" into the
/// site section and the real title.
fn split_section(title: &str) -> (Option<String>, String) {
    match SECTION_PREFIX.captures(title) {
        Some(c) => (Some(c[1].to_string()), c[2].to_string()),
        None => (None, title.to_string()),
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
            for u in cluster {
                match u.kind {
                    Kind::Heading if !body.is_empty() && !acc.closed => acc.push_heading(u),
                    Kind::Date { release: false, .. } if !body.is_empty() && !acc.closed => acc
                        .push_body(
                            &Unit {
                                kind: Kind::Prose,
                                ..u.clone()
                            },
                            &mut list_indents,
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
                    acc.push_body(u, &mut list_indents);
                }
            }
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

/// Words a trailer line has at most.
const TRAILER_WORDS: usize = 24;

/// The shape of a short line that could be a trailer: its first two words,
/// lowercased, and how many `|` separators it has. `None` for lines that
/// read as prose or are too short to have a shape.
fn trailer_shape(u: &Unit) -> Option<(String, usize)> {
    if !matches!(u.kind, Kind::Heading | Kind::Prose) {
        return None;
    }
    let t = u.text.trim_end();
    if t.split_whitespace().nth(TRAILER_WORDS).is_some() || t.ends_with(['.', '!', '?', ':', ',']) {
        return None;
    }
    let mut words = t
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty());
    let first = words.next()?;
    let second = words.next()?;
    Some((format!("{first} {second}"), t.matches('|').count()))
}

/// Marks trailers: lines of one shape (see [`trailer_shape`]) printed two
/// or more times in a file, each followed by nothing but chrome before
/// the next title (a heading followed by text or a date line) or the end. Section headings
/// that repeat ("Key findings") are followed by their text, so they stay.
fn mark_trailers(us: &mut [Unit]) {
    let mut counts: std::collections::BTreeMap<(String, usize), usize> = Default::default();
    for u in us.iter() {
        if let Some(s) = trailer_shape(u) {
            *counts.entry(s).or_insert(0) += 1;
        }
    }
    let n = us.len();
    for i in 1..n {
        let Some(shape) = trailer_shape(&us[i]) else {
            continue;
        };
        if counts.get(&shape).copied().unwrap_or(0) < 2 {
            continue;
        }
        let mut j = i + 1;
        while j < n && matches!(us[j].kind, Kind::Boiler(_)) {
            j += 1;
        }
        let next_starts_article = j >= n
            || (us[j].kind == Kind::Heading
                && us
                    .get(j + 1)
                    .is_some_and(|u| u.is_body() || matches!(u.kind, Kind::Date { .. })));
        if next_starts_article {
            us[i].kind = Kind::Boiler(Rule::Trailer);
        }
    }
}

/// Marks a list of teasers after an article: three or more teasers — a
/// title-like line with one short paragraph (a standfirst), as two units
/// or as one two-line unit — with nothing longer among them, running to
/// the end of the file or into chrome. Such a list names other articles;
/// it is not one.
fn mark_teaser_pairs(us: &mut [Unit], lines: &[&str]) {
    const STANDFIRST_WORDS: u32 = 40;
    let n = us.len();
    // Under a "Related stories" header, every short item to the end (or
    // to chrome) is a teaser, whatever its title looks like.
    for h in 0..n {
        if !matches!(
            us[h].kind,
            Kind::Boiler(Rule::Related | Rule::FurtherReading)
        ) {
            continue;
        }
        // The list ends at chrome, or where an article starts again: a
        // title over a paragraph longer than any standfirst.
        let end = (h + 1..n)
            .find(|&k| {
                matches!(us[k].kind, Kind::Boiler(_))
                    || (us[k].kind == Kind::Heading
                        && us.get(k + 1).is_some_and(|v| {
                            // A title and standfirst wrapped on two lines is a teaser.
                            v.is_body() && v.words() >= MIN_WORDS && v.end != v.start + 1
                        }))
            })
            .unwrap_or(n);
        let items = &us[h + 1..end];
        let short = items.iter().all(|u| {
            u.end <= u.start + 1
                && u.words() <= STANDFIRST_WORDS + 20
                && !matches!(u.kind, Kind::Date { .. })
        });
        if items.len() >= 2 && short {
            for u in &mut us[h + 1..end] {
                u.kind = Kind::Boiler(Rule::Teaser);
            }
        }
    }
    // Units a teaser at `k` takes (0: not a teaser).
    let teaser_at = |k: usize| -> usize {
        let u = &us[k];
        if u.kind == Kind::Heading
            && us
                .get(k + 1)
                .is_some_and(|v| v.kind == Kind::Prose && v.words() <= STANDFIRST_WORDS)
        {
            return 2;
        }
        let first = lines
            .get(u.start.saturating_sub(1) as usize)
            .map_or("", |l| l.trim());
        let two_lines = u.end == u.start + 1;
        if u.kind == Kind::Prose
            && two_lines
            && u.words() <= STANDFIRST_WORDS + 12
            && heading_like(first)
        {
            return 1;
        }
        0
    };
    let takes: Vec<usize> = (0..n).map(teaser_at).collect();
    let mut i = 0;
    while i < n {
        let mut j = i;
        let mut teasers = 0;
        loop {
            let take = takes.get(j).copied().unwrap_or(0);
            if take == 0 {
                break;
            }
            teasers += 1;
            j += take;
        }
        let ends_in_chrome = j >= n || matches!(us[j].kind, Kind::Boiler(_));
        let after_text =
            i > 0 && (us[i - 1].is_body() || matches!(us[i - 1].kind, Kind::Boiler(_)));
        if teasers >= 3 && ends_in_chrome && after_text {
            for u in &mut us[i..j] {
                u.kind = Kind::Boiler(Rule::Teaser);
            }
            i = j;
        } else {
            i += 1;
        }
    }
}

/// Marks a comment tail: from a comment-section header ("12 comments",
/// "3 Responses", "Leave a Reply") that a commenter's line follows
/// ("Mike R. says:", "K. Smith wrote:") within two units, to the end of
/// the file. Comments are readers' notes on the document, not documents.
fn mark_comment_tail(us: &mut [Unit]) {
    let n = us.len();
    // "Mike R. says:", alone or with its date joined on ("… says: March 5,
    // 2020 at 3:04 pm"): a name of at most four words, then the verb.
    let commenter = |u: &Unit| {
        u.text
            .split_whitespace()
            .take(5)
            .position(|w| matches!(w, "says:" | "said:" | "wrote:" | "says"))
            .is_some_and(|k| k >= 1)
    };
    for i in 0..n {
        if !boilerplate::is_comments_header(&us[i].text) {
            continue;
        }
        if (i + 1..n.min(i + 3)).any(|k| commenter(&us[k])) {
            for u in &mut us[i..] {
                u.kind = Kind::Boiler(Rule::Related);
            }
            return;
        }
    }
}

/// Marks the link titles under a "For more information" header as chrome.
/// The last heading of the run is kept when prose follows it: that is the
/// next article's title, not a link.
fn mark_link_lists(us: &mut [Unit]) {
    let mut i = 0;
    while i < us.len() {
        if us[i].kind == Kind::Boiler(Rule::FurtherReading) {
            let mut j = i + 1;
            while j < us.len() && us[j].kind == Kind::Heading {
                j += 1;
            }
            let body_follows = j < us.len() && us[j].is_body();
            // Prose right under the header: nothing to mark (found by fuzzing).
            let last = if body_follows { j - 1 } else { j }.max(i + 1);
            for u in &mut us[i + 1..last] {
                u.kind = Kind::Boiler(Rule::Related);
            }
            i = j;
        } else {
            i += 1;
        }
    }
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
