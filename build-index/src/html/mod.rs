//! Reading HTML pages: a small tolerant tokenizer ([`tokens`]) and a block
//! builder that keeps the article and drops page chrome (`nav`, `header`,
//! `footer`, `aside`, forms, scripts, and elements whose role/class/id says
//! navigation, menu, sidebar, share, related, breadcrumb, cookie or
//! comments). A page that holds several articles (a tag archive, a blog
//! index) gives one document per article ([`articles`]). Byline and date
//! lines under a title are facts about the document, not its text.
//!
//! Text comes out as text: markup inside the page is never passed on, and
//! what scripts contain is never read.

use crate::boilerplate;
use crate::draft::{Draft, RawBlock, RawKind, Stated};
use crate::metadata::dates::date_line;
use crate::metadata::parse_date;
use crate::text::squash_spaces;

mod articles;
mod main_text;
mod tokens;

pub use tokens::decode_entities;
use tokens::{attr, tokenize, Token, VOID};

const SKIP: &[&str] = &[
    "nav",
    "footer",
    "aside",
    "form",
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "button",
    "select",
    "figcaption",
    "menu",
    "dialog",
    "object",
    "canvas",
    "audio",
    "video",
    "head",
];
const CHROME_HINTS: &[&str] = &[
    "nav",
    "menu",
    "footer",
    "sidebar",
    "share",
    "social",
    "related",
    "breadcrumb",
    "cookie",
    "comments",
    "advert",
    "promo",
    "newsletter",
    "subscribe",
    "skip",
    "masthead",
    "banner",
];
const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "tr",
    "dt",
    "dd",
    "dl",
    "hr",
    "br",
    "figure",
    "header",
    "address",
    "details",
    "summary",
    "body",
];

fn is_chrome(name: &str, attrs: &[(String, String)], in_content: bool) -> bool {
    if SKIP.contains(&name) || (name == "header" && !in_content) {
        return true;
    }
    if let Some(role) = attr(attrs, "role") {
        if matches!(
            role,
            "navigation" | "banner" | "contentinfo" | "complementary" | "search"
        ) {
            return true;
        }
    }
    if attr(attrs, "hidden").is_some() || attr(attrs, "aria-hidden") == Some("true") {
        return true;
    }
    let class_id = format!(
        "{} {}",
        attr(attrs, "class").unwrap_or(""),
        attr(attrs, "id").unwrap_or("")
    )
    .to_lowercase();
    class_id
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .any(|w| CHROME_HINTS.contains(&w))
}

/// The text of an HTML fragment (raw HTML inside Markdown): its words,
/// without tags, scripts or styles.
pub fn text_of_fragment(src: &str) -> String {
    let mut out = String::new();
    let mut skip = 0usize;
    for (tok, _) in tokenize(src) {
        match tok {
            Token::Start {
                name, self_closing, ..
            } if never_text(&name, &[]) && !self_closing => skip += 1,
            Token::End(name) if never_text(&name, &[]) => skip = skip.saturating_sub(1),
            Token::Start { name, .. } | Token::End(name) if BLOCK.contains(&name.as_str()) => {
                out.push(' ')
            }
            Token::Text(t) if skip == 0 => out.push_str(&t),
            _ => {}
        }
    }
    squash_spaces(&out.replace('\n', " "))
}

/// Elements whose content is never text a reader sees.
fn never_text(name: &str, attrs: &[(String, String)]) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "iframe"
            | "head"
            | "object"
            | "canvas"
            | "audio"
            | "video"
            | "select"
            | "button"
    ) || attr(attrs, "hidden").is_some()
        || attr(attrs, "aria-hidden") == Some("true")
}

/// Reads one HTML page into document drafts: one per article when the page
/// holds several (see [`articles`]), else one for the whole page.
pub fn read(src: &str) -> Vec<Draft> {
    read_with(src, main_text::MainText::of(src), None)
}

/// [`read`] by the page's own rules only, without the main-text
/// extractor: what a page gives when the extractor finds no article (and
/// what the fuzz target exercises at thousands of pages a second).
pub fn read_own_rules(src: &str) -> Vec<Draft> {
    read_with(src, None, None)
}

/// [`read`] with the archivist's word for where the main text is (`main`
/// in a `[[clean]]` rule): only the first element that matches is read,
/// and the extractor is not asked. A page where nothing matches is read
/// as [`read`] reads it.
pub fn read_selected(src: &str, main: &crate::clean::Selector) -> Vec<Draft> {
    let tokens = tokenize(src);
    match selected_range(&tokens, main) {
        Some(range) => drafts_of(&tokens, Some(range), None),
        None => read(src),
    }
}

/// The tokens of the first element `sel` matches, start tag to end tag.
fn selected_range(tokens: &[(Token, u32)], sel: &crate::clean::Selector) -> Option<(usize, usize)> {
    let start = tokens.iter().position(|(t, _)| {
        matches!(t, Token::Start { name, attrs, self_closing: false } if sel.matches(name, attrs))
    })?;
    let Token::Start { name, .. } = &tokens[start].0 else {
        return None;
    };
    let mut depth = 0usize;
    for (k, (t, _)) in tokens.iter().enumerate().skip(start) {
        match t {
            Token::Start {
                name: n,
                self_closing: false,
                ..
            } if n == name => depth += 1,
            Token::End(n) if n == name => {
                depth -= 1;
                if depth == 0 {
                    return Some((start, k));
                }
            }
            _ => {}
        }
    }
    Some((start, tokens.len() - 1))
}

fn read_with(
    src: &str,
    main: Option<main_text::MainText>,
    only: Option<(usize, usize)>,
) -> Vec<Draft> {
    drafts_of(&tokenize(src), only, main)
}

fn drafts_of(
    all: &[(Token, u32)],
    only: Option<(usize, usize)>,
    main: Option<main_text::MainText>,
) -> Vec<Draft> {
    let (mut stated, page_title) = page_facts(all);
    let tokens = match only {
        Some((a, b)) => &all[a..=b],
        None => all,
    };
    let page_title = squash_spaces(&crate::text::normalize(&page_title));
    // The <title> names the site after a separator even when <h1> gives the title.
    let (title_tag, site) = strip_site_suffix(&page_title, &mut stated);
    if let Some(parts) = articles::split(tokens) {
        let drafts: Vec<Draft> = parts
            .into_iter()
            .filter_map(|p| article_draft(tokens, p, &stated))
            .collect();
        let one_article = main.as_ref().is_some_and(|m| m.is_mostly_one(&drafts));
        if !drafts.is_empty() && !one_article {
            return drafts;
        }
    }
    vec![page_draft(tokens, stated, (title_tag, site), main.as_ref())]
}

/// What the page states about itself, wherever it appears: `<html lang>`,
/// `<meta>` tags and the `<title>` text.
fn page_facts(tokens: &[(Token, u32)]) -> (Stated, String) {
    let mut stated = Stated::default();
    let mut page_title = String::new();
    let mut in_title = false;
    for (tok, _) in tokens {
        match tok {
            Token::Start {
                name,
                attrs,
                self_closing,
            } => match name.as_str() {
                "html" => {
                    if let Some(l) = attr(attrs, "lang") {
                        let code = l.split(['-', '_']).next().unwrap_or("").to_lowercase();
                        if code.len() == 2 {
                            stated.lang = Some(code);
                        }
                    }
                }
                "meta" => read_meta(attrs, &mut stated),
                "title" => in_title = !self_closing,
                _ => {}
            },
            Token::End(name) if name == "title" => in_title = false,
            Token::Text(t) if in_title => page_title.push_str(t),
            _ => {}
        }
    }
    (stated, page_title)
}

/// The one document of a page that holds one article (or none marked up).
fn page_draft(
    tokens: &[(Token, u32)],
    mut stated: Stated,
    (title_tag, site): (String, Option<String>),
    main: Option<&main_text::MainText>,
) -> Draft {
    // Only what is inside <main>, <article> or role="main" counts for the
    // page's own rules, when the page has one.
    let has_content_root = tokens.iter().any(|(t, _)| {
        matches!(t, Token::Start { name, attrs, .. }
            if name == "main" || name == "article" || is_main_role(attrs))
    });
    let found = match main {
        // Every block that can be text, then the ones the extractor kept
        // (the title heading stays for the title either way).
        Some(m) => {
            let mut all = collect(tokens, false, 0, Chrome::Keep);
            let page_words = word_count(&all.blocks);
            all.blocks = m.select(std::mem::take(&mut all.blocks), &all.link_share);
            m.fill_facts(&mut stated);
            // An extractor tuned on news articles can keep a sliver of a
            // long reference page (definition lists, option tables, code
            // between short paragraphs). When it kept under a quarter of
            // what the page's own rules read, and that text is prose rather
            // than link lists (what the extractor rightly drops as
            // teasers and menus), the page's own rules win.
            // The page's own rules read a subset of every block that can be
            // text, so a selection holding a quarter of those needs no
            // second pass.
            let kept = word_count(&all.blocks);
            if 4 * kept < page_words {
                let own = collect(tokens, has_content_root, 0, Chrome::Drop);
                let own_words = word_count(&own.blocks);
                if 4 * kept < own_words
                    && linked_words(&own.blocks, &own.link_share) < 0.15 * own_words as f32
                {
                    all = own;
                }
            }
            all
        }
        None => collect(tokens, has_content_root, 0, Chrome::Drop),
    };
    if stated.date.is_none() {
        stated.date = found.time_date;
    }
    let mut blocks = found.blocks;
    // One <h1> is the title; any other is a section heading.
    let site: Vec<&str> = site
        .iter()
        .chain(&stated.source)
        .map(String::as_str)
        .collect();
    let h1 = take_title_heading(&mut blocks, &title_tag, &site);
    demote_h1(&mut blocks);
    let (title, title_line) = match h1 {
        Some(b) => (b.text, b.line),
        None => (title_tag, 0),
    };
    take_header_facts(&mut blocks, &mut stated);
    let title = if title.is_empty() {
        blocks
            .first()
            .map(|b| crate::segment::fallback_title(&b.text))
            .unwrap_or_else(|| "Untitled".into())
    } else {
        title
    };
    let lines = blocks
        .iter()
        .map(|b| b.line)
        .chain((title_line > 0).then_some(title_line));
    let line_start = lines.clone().min().unwrap_or(1);
    let line_end = lines.max().unwrap_or(1);
    Draft {
        title,
        line_start,
        line_end,
        stated,
        blocks,
    }
}

/// One article of a page that holds several: its own heading is the title,
/// its own `<time>` or date line the date, its container's first and last
/// lines the provenance. From the page it keeps only the language and the
/// site (a page's date and author are the listing's, not the article's).
fn article_draft(tokens: &[(Token, u32)], part: articles::Part, page: &Stated) -> Option<Draft> {
    let found = collect(&tokens[part.start..=part.end], false, 1, Chrome::Drop);
    let mut blocks = found.blocks;
    let mut stated = Stated {
        lang: page.lang.clone(),
        source: page.source.clone(),
        date: found.time_date,
        ..Stated::default()
    };
    // The title is the first heading, unless body text comes before it.
    let heading = blocks
        .iter()
        .take_while(|b| is_short(&b.text) || matches!(b.kind, RawKind::Heading { .. }))
        .position(|b| matches!(b.kind, RawKind::Heading { .. }))
        .map(|i| blocks.remove(i));
    demote_h1(&mut blocks);
    take_header_facts(&mut blocks, &mut stated);
    let title = match heading {
        Some(h) => h.text,
        None => crate::segment::fallback_title(&blocks.first()?.text),
    };
    if blocks.is_empty() {
        return None;
    }
    Some(Draft {
        title,
        line_start: tokens[part.start].1,
        line_end: tokens[part.end]
            .1
            .max(blocks.iter().map(|b| b.line).max().unwrap_or(0)),
        stated,
        blocks,
    })
}

/// `<h1>`s other than the title read as top-level section headings.
fn is_main_role(attrs: &[(String, String)]) -> bool {
    attr(attrs, "role").is_some_and(|r| r.eq_ignore_ascii_case("main"))
}

fn word_count(blocks: &[RawBlock]) -> usize {
    blocks
        .iter()
        .map(|b| b.text.split_whitespace().count())
        .sum()
}

/// Words of `blocks` inside links, by each block's share of linked letters.
fn linked_words(blocks: &[RawBlock], link_share: &[f32]) -> f32 {
    blocks
        .iter()
        .zip(link_share)
        .map(|(b, share)| b.text.split_whitespace().count() as f32 * share)
        .sum()
}

fn demote_h1(blocks: &mut [RawBlock]) {
    for b in blocks {
        if let RawKind::Heading { level: 0, explicit } = b.kind {
            b.kind = RawKind::Heading { level: 1, explicit };
        }
    }
}

fn is_short(text: &str) -> bool {
    text.split_whitespace().nth(HEADER_LINE_WORDS).is_none()
}

/// A byline or date line has at most this many words.
const HEADER_LINE_WORDS: usize = 12;

/// What a short line under a title states about the document.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct HeaderFacts {
    pub date: Option<String>,
    pub byline: Option<String>,
}

/// Reads a line that only states a byline and/or a date: "By Ana Ruiz",
/// "March 4, 2020", "Published 4 March 2020", "By Ana Ruiz · March 4, 2020",
/// "Posted on March 4, 2020 by Ana Ruiz". `None` for anything else (a
/// bare year is a number, not a date line).
pub(crate) fn header_facts(line: &str) -> Option<HeaderFacts> {
    if !is_short(line) {
        return None;
    }
    let mut facts = HeaderFacts::default();
    for part in line.split(['·', '|', '•']).flat_map(|p| p.split(" — ")) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        if let Some((d, _)) = date_line(part) {
            facts.date.get_or_insert(d);
        } else if is_byline(part) {
            facts.byline.get_or_insert_with(|| part.to_string());
        } else if let Some((d, by)) = part
            .rsplit_once(" by ")
            .and_then(|(d, by)| Some((date_line(d)?.0, by.trim())))
            .filter(|(_, by)| !by.is_empty() && by.split_whitespace().count() <= 5)
        {
            // "Posted on March 4, 2020 by Ana Ruiz"
            facts.date.get_or_insert(d);
            facts.byline.get_or_insert_with(|| format!("By {by}"));
        } else {
            return None;
        }
    }
    (facts != HeaderFacts::default()).then_some(facts)
}

/// "By Ana Ruiz", "By Ana Ruiz and Tom Lee": "By" and a capitalised name.
fn is_byline(s: &str) -> bool {
    s.strip_prefix("By ")
        .or_else(|| s.strip_prefix("by "))
        .is_some_and(|rest| {
            rest.starts_with(char::is_uppercase) && rest.split_whitespace().count() <= 8
        })
}

/// Moves byline and date lines at the top of the body into `stated`: they
/// are facts about the document, not its text. A stated date (meta tag,
/// `<time datetime>`) is kept over a printed one.
fn take_header_facts(blocks: &mut Vec<RawBlock>, stated: &mut Stated) {
    let mut i = 0;
    while i < blocks.len().min(3) {
        let b = &blocks[i];
        if !matches!(b.kind, RawKind::Paragraph) || !is_short(&b.text) {
            break;
        }
        match header_facts(&b.text) {
            Some(f) => {
                if let Some(d) = f.date {
                    stated.date.get_or_insert(d);
                }
                if let Some(by) = f.byline {
                    stated.extra.entry("byline".into()).or_insert(by);
                }
                blocks.remove(i);
            }
            None => i += 1,
        }
    }
}

/// What the block builder found in a run of tokens.
struct Collected {
    /// `<h1>` comes out as a heading of level 0; the caller decides.
    blocks: Vec<RawBlock>,
    /// For each block, the share of its letters and digits inside links.
    link_share: Vec<f32>,
    /// The first `<time>` in the content that states a date: its
    /// `datetime`, or its text when it has no such attribute.
    time_date: Option<String>,
}

/// Builds blocks from a run of tokens, dropping chrome. With
/// `only_in_roots`, only text inside `<main>`/`<article>` counts;
/// `depth` > 0 reads the run as already inside one (an article's own
/// `<header>` is not page chrome).
/// Which elements [`collect`] leaves out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Chrome {
    /// Navigation, footers, sidebars and the like (our own rules).
    Drop,
    /// Only what is never text (scripts, styles, embeds, hidden elements):
    /// the main-text extractor decides the rest ([`main_text`]).
    Keep,
}

fn collect(
    tokens: &[(Token, u32)],
    only_in_roots: bool,
    depth: usize,
    chrome: Chrome,
) -> Collected {
    let mut blocks: Vec<RawBlock> = Vec::new();
    let mut time_date: Option<String> = None;
    let mut time_text: Option<String> = None;
    let mut buf = String::new();
    let mut buf_line = 0u32;
    let mut cur_kind = RawKind::Paragraph;
    let mut skip_depth: Vec<&str> = Vec::new();
    let mut content_depth = depth;
    // Elements marked role="main" are content roots as <main> is
    // (documentation themes: `<div class="body" role="main">`). End tags
    // carry no attributes, so each open one is tracked with how many
    // elements of its name were opened inside it.
    let mut role_roots: Vec<(String, usize)> = Vec::new();
    let mut lists: Vec<(bool, u32)> = Vec::new();
    let mut in_title = false;
    let mut in_pre = false;
    // Inside `<a href="#…">`: a lone "¶" or "#" there is a heading's
    // permalink (Sphinx, MkDocs, GitHub), not part of the heading.
    let mut in_fragment_link = false;

    // Letters and digits of the block being read that sit inside links.
    let mut link_chars = 0usize;
    let mut link_depth = 0usize;
    let mut link_share: Vec<f32> = Vec::new();
    let mut flush = |buf: &mut String,
                     link_chars: &mut usize,
                     kind: &RawKind,
                     line: u32,
                     blocks: &mut Vec<RawBlock>| {
        let text = squash_spaces(&buf.replace('\n', " "));
        let text = text
            .trim_matches(|c: char| c == '|' || c.is_whitespace())
            .to_string();
        buf.clear();
        let linked = std::mem::take(link_chars);
        if text.is_empty() || boilerplate::classify_line(&text).is_some() {
            return;
        }
        let text = boilerplate::clean_inline(&text).into_owned();
        let letters = text.chars().filter(|c| c.is_alphanumeric()).count().max(1);
        link_share.push((linked as f32 / letters as f32).min(1.0));
        blocks.push(RawBlock {
            kind: kind.clone(),
            text,
            line,
        });
    };

    for (tok, line) in tokens {
        let line = *line;
        match tok {
            Token::Start {
                name,
                attrs,
                self_closing,
            } => {
                if name == "meta" {
                    continue;
                }
                if name == "title" {
                    in_title = !self_closing;
                    continue;
                }
                if !skip_depth.is_empty() {
                    if !VOID.contains(&name.as_str()) && !self_closing {
                        skip_depth.push(name);
                    }
                    continue;
                }
                let in_content = !only_in_roots || content_depth > 0;
                if name == "a" {
                    in_fragment_link = attr(attrs, "href").is_some_and(|h| h.starts_with('#'));
                    if !self_closing {
                        link_depth += 1;
                    }
                }
                if (name == "td" || name == "th") && !buf.trim().is_empty() {
                    // Cells of a row read as one line: "1 | Kyle Busch | 5040".
                    buf.push_str(" | ");
                }
                let skip = match chrome {
                    Chrome::Drop => is_chrome(name, attrs, content_depth > 0),
                    Chrome::Keep => never_text(name, attrs),
                };
                if skip {
                    if !VOID.contains(&name.as_str()) && !self_closing {
                        skip_depth.push(name);
                    }
                    continue;
                }
                if name == "main" || name == "article" {
                    content_depth += 1;
                } else if !self_closing && is_main_role(attrs) {
                    role_roots.push((name.clone(), 0));
                    content_depth += 1;
                } else if let Some(top) = role_roots.last_mut() {
                    if top.0 == *name && !self_closing && !VOID.contains(&name.as_str()) {
                        top.1 += 1;
                    }
                }
                if name == "time" && time_date.is_none() && in_content {
                    match attr(attrs, "datetime") {
                        Some(dt) => time_date = parse_date(dt),
                        None if !self_closing => time_text = Some(String::new()),
                        None => {}
                    }
                }
                if BLOCK.contains(&name.as_str()) {
                    if in_content {
                        flush(&mut buf, &mut link_chars, &cur_kind, buf_line, &mut blocks);
                    } else {
                        buf.clear();
                        link_chars = 0;
                    }
                    cur_kind = match name.as_str() {
                        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                            let n: u8 = name[1..].parse().unwrap_or(2);
                            RawKind::Heading {
                                level: n - 1,
                                explicit: true,
                            }
                        }
                        // A definition list's term heads its definition:
                        // an API page's signatures, a glossary's words, a
                        // FAQ's questions. Read as the lowest heading, it is
                        // found where reference queries look (the heading
                        // field) and shown as what it is.
                        "dt" => RawKind::Heading {
                            level: 5,
                            explicit: true,
                        },
                        "li" => {
                            let depth =
                                u8::try_from(lists.len().saturating_sub(1)).unwrap_or(u8::MAX);
                            let (ordered, marker) = match lists.last_mut() {
                                Some((true, n)) => {
                                    *n += 1;
                                    (true, Some(format!("{n}.")))
                                }
                                _ => (false, None),
                            };
                            RawKind::ListItem {
                                ordered,
                                depth,
                                marker,
                            }
                        }
                        _ => RawKind::Paragraph,
                    };
                    if name == "ul" || name == "ol" {
                        lists.push((name == "ol", 0));
                    }
                    if name == "pre" {
                        in_pre = true;
                    }
                    if name == "br" && in_pre {
                        buf.push('\n');
                    }
                }
            }
            Token::End(name) => {
                if name == "title" {
                    in_title = false;
                    continue;
                }
                if name == "a" {
                    in_fragment_link = false;
                    link_depth = link_depth.saturating_sub(1);
                }
                if let Some(pos) = skip_depth.iter().rposition(|n| n == name) {
                    skip_depth.truncate(pos);
                    continue;
                }
                if !skip_depth.is_empty() {
                    continue;
                }
                if name == "time" {
                    if let Some(t) = time_text.take() {
                        time_date = time_date.or_else(|| parse_date(&squash_spaces(&t)));
                    }
                }
                let in_content = !only_in_roots || content_depth > 0;
                if BLOCK.contains(&name.as_str()) {
                    if in_content {
                        flush(&mut buf, &mut link_chars, &cur_kind, buf_line, &mut blocks);
                    } else {
                        buf.clear();
                        link_chars = 0;
                    }
                    cur_kind = match lists.last() {
                        Some(_) if name != "ul" && name != "ol" && name != "li" => cur_kind,
                        _ => RawKind::Paragraph,
                    };
                }
                if name == "ul" || name == "ol" {
                    lists.pop();
                }
                if name == "pre" {
                    in_pre = false;
                }
                if (name == "main" || name == "article") && content_depth > 0 {
                    content_depth -= 1;
                }
                if let Some(top) = role_roots.last_mut() {
                    if top.0 == *name {
                        if top.1 == 0 {
                            role_roots.pop();
                            content_depth = content_depth.saturating_sub(1);
                        } else {
                            top.1 -= 1;
                        }
                    }
                }
            }
            Token::Text(t) => {
                if in_title || !skip_depth.is_empty() {
                    continue;
                }
                let t = t.as_str();
                if in_fragment_link && matches!(t.trim(), "¶" | "§" | "#" | "🔗" | "¶¶") {
                    continue;
                }
                if let Some(tt) = &mut time_text {
                    tt.push_str(t);
                }
                if link_depth > 0 {
                    link_chars += t.chars().filter(|c| c.is_alphanumeric()).count();
                }
                if buf.trim().is_empty() {
                    // The block starts at its first non-blank text.
                    let lead = t.len() - t.trim_start().len();
                    buf_line = line + u32::try_from(t[..lead].matches('\n').count()).unwrap_or(0);
                }
                buf.push_str(t);
            }
        }
    }
    flush(&mut buf, &mut link_chars, &cur_kind, buf_line, &mut blocks);
    Collected {
        blocks,
        link_share,
        time_date,
    }
}

/// "Water rules | Valley Gazette" → "Water rules"; the site name becomes
/// the source when no meta tag named one.
/// The `<title>` without the site's name after its last separator, and
/// that name (also the source, unless the page states one).
fn strip_site_suffix(t: &str, stated: &mut Stated) -> (String, Option<String>) {
    for sep in [" | ", " – ", " — ", " - ", " :: "] {
        if let Some(pos) = t.rfind(sep) {
            let (head, site) = (t[..pos].trim(), t[pos + sep.len()..].trim());
            if !head.is_empty() && site.split_whitespace().count() <= 5 {
                if stated.source.is_none() {
                    stated.source = Some(site.to_string());
                }
                return (head.to_string(), Some(site.to_string()));
            }
        }
    }
    (t.to_string(), None)
}

fn same_words(a: &str, b: &str) -> bool {
    let a = squash_spaces(a.trim());
    !a.is_empty() && a.to_lowercase() == squash_spaces(b.trim()).to_lowercase()
}

/// Takes the page's title heading out of `blocks`: the `<h1>` that repeats
/// the `<title>`, else the first `<h1>` that does not only name the site.
/// Documentation and blog themes often put the site's name in an `<h1>`
/// masthead above the page's own; such a heading is neither the title nor
/// text of the document, so it leaves the blocks too.
fn take_title_heading(
    blocks: &mut Vec<RawBlock>,
    title_tag: &str,
    site: &[&str],
) -> Option<RawBlock> {
    let is_h1 = |b: &RawBlock| matches!(b.kind, RawKind::Heading { level: 0, .. });
    blocks.retain(|b| !(is_h1(b) && site.iter().any(|s| same_words(&b.text, s))));
    let i = blocks
        .iter()
        .position(|b| is_h1(b) && same_words(&b.text, title_tag))
        .or_else(|| blocks.iter().position(is_h1))?;
    Some(blocks.remove(i))
}

fn read_meta(attrs: &[(String, String)], stated: &mut Stated) {
    let key = attr(attrs, "name")
        .or_else(|| attr(attrs, "property"))
        .unwrap_or("")
        .to_lowercase();
    let Some(value) = attr(attrs, "content").map(|v| squash_spaces(&crate::text::normalize(v)))
    else {
        return;
    };
    if value.is_empty() {
        return;
    }
    match key.as_str() {
        "date"
        | "dc.date"
        | "dcterms.date"
        | "article:published_time"
        | "pubdate"
        | "publish-date"
        | "citation_date"
            if stated.date.is_none() =>
        {
            stated.date = parse_date(&value);
        }
        "og:site_name" | "publisher" | "dc.publisher" | "citation_publisher" => {
            stated.source = Some(value)
        }
        "author" | "dc.creator" | "citation_author" => {
            stated.extra.insert("byline".into(), value);
        }
        "description" | "og:description" => {
            stated.extra.entry("description".into()).or_insert(value);
        }
        "doc_type" | "dc.type" | "type" => stated.doc_type = Some(value),
        "language" | "dc.language" => {
            stated.lang = Some(value.chars().take(2).collect::<String>().to_lowercase())
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests;
