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

use crate::read::boilerplate;
use crate::read::draft::{Draft, RawBlock, RawKind, Stated};
use crate::read::metadata::dates::date_line;
use crate::read::metadata::parse_date;
use crate::read::text::squash_spaces;

mod articles;
mod blocks;
mod header;
mod main_text;
mod tokens;

use blocks::*;
pub(crate) use header::header_facts;
use header::*;

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
pub fn read_selected(src: &str, main: &crate::read::clean::Selector) -> Vec<Draft> {
    let tokens = tokenize(src);
    match selected_range(&tokens, main) {
        Some(range) => drafts_of(&tokens, Some(range), None),
        None => read(src),
    }
}

/// The tokens of the first element `sel` matches, start tag to end tag.
fn selected_range(
    tokens: &[(Token, u32)],
    sel: &crate::read::clean::Selector,
) -> Option<(usize, usize)> {
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
    let page_title = squash_spaces(&crate::read::text::normalize(&page_title));
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
            .map(|b| crate::read::segment::fallback_title(&b.text))
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
        None => crate::read::segment::fallback_title(&blocks.first()?.text),
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
    let Some(value) =
        attr(attrs, "content").map(|v| squash_spaces(&crate::read::text::normalize(v)))
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
