//! Pages that hold several articles: a blog or tag-archive page with one
//! `<article>` per post, or a `<main>` whose sections each carry their own
//! title and byline or date. Each article becomes its own document; a page
//! with one article, whatever chrome surrounds it, stays one document.
//!
//! The rules, in order:
//! 1. Two or more outermost `<article>` elements outside page chrome, each
//!    with a heading and at least [`MIN_WORDS`] words: the page is split at
//!    its outermost `<article>`s.
//! 2. Otherwise, the first element (outside any `<article>`) with two or
//!    more `section`/`div`/`article` children that each open with an
//!    `h1`–`h3` heading, state a byline or a date near the top (`<time>`,
//!    "By …", a date line) and hold at least [`MIN_WORDS`] words: the page
//!    is split at those children. Unless the text before them opens with a
//!    heading followed by [`MIN_WORDS`] words of its own: that is one
//!    article whose sections carry dates (a timeline, a history).
//!
//! Either way the page stays one document when the text before the first
//! article has a heading with its own byline or date: that is one dated
//! article whose items are marked up as parts (a weekly roundup).
//! Once a page is split, each container with at least [`MIN_WORDS`] words
//! is a document (titled by its heading, else its first words); shorter
//! ones are teaser cards and are dropped, as is the listing's own text
//! outside the articles (its "Posts tagged …" heading, pagers).

use super::tokens::Token;
use super::{collect, header_facts, is_chrome, RawKind, VOID};

/// An article shorter than this (heading included) is a teaser or a card.
pub(super) const MIN_WORDS: usize = 30;

/// Containers whose children may be the articles of rule 2.
const CONTAINERS: &[&str] = &["section", "div", "article"];

/// Tokens read from the top of a candidate to see how it opens.
const HEAD_TOKENS: usize = 160;

/// One article: token indices of its container's start and end tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Part {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug)]
struct Element<'t> {
    name: &'t str,
    start: usize,
    /// Index of the end tag (or of the last token when never closed).
    end: usize,
    parent: Option<usize>,
    /// Page chrome, or inside it.
    chrome: bool,
    /// Inside an `<article>` (not counting itself).
    in_article: bool,
}

/// The elements of a page plus running counts over its tokens.
struct Page<'t> {
    tokens: &'t [(Token, u32)],
    els: Vec<Element<'t>>,
    /// `words[i]`: words of content text before token `i`.
    words: Vec<usize>,
    /// `times[i]`: `<time>` elements in content before token `i`.
    times: Vec<usize>,
}

impl<'t> Page<'t> {
    fn new(tokens: &'t [(Token, u32)]) -> Page<'t> {
        let mut els: Vec<Element<'t>> = Vec::new();
        let mut stack: Vec<usize> = Vec::new();
        let mut words = Vec::with_capacity(tokens.len() + 1);
        let mut times = Vec::with_capacity(tokens.len() + 1);
        let (mut w, mut t) = (0, 0);
        let last = tokens.len().saturating_sub(1);
        for (i, (tok, _)) in tokens.iter().enumerate() {
            words.push(w);
            times.push(t);
            let in_chrome = stack.last().is_some_and(|&e| els[e].chrome);
            match tok {
                Token::Start {
                    name,
                    attrs,
                    self_closing,
                } => {
                    if !in_chrome && name == "time" {
                        t += 1;
                    }
                    if *self_closing || VOID.contains(&name.as_str()) {
                        continue;
                    }
                    let parent = stack.last().copied();
                    let in_content = stack
                        .iter()
                        .any(|&e| matches!(els[e].name, "main" | "article"));
                    let in_article = stack.iter().any(|&e| els[e].name == "article");
                    els.push(Element {
                        name,
                        start: i,
                        end: last,
                        parent,
                        chrome: in_chrome || is_chrome(name, attrs, in_content),
                        in_article,
                    });
                    stack.push(els.len() - 1);
                }
                Token::End(name) => {
                    if let Some(pos) = stack.iter().rposition(|&e| els[e].name == name) {
                        // Elements left open inside it (a `<p>` never closed) end here too.
                        for &e in &stack[pos..] {
                            els[e].end = i;
                        }
                        stack.truncate(pos);
                    }
                }
                Token::Text(s) => {
                    let in_title = stack.last().is_some_and(|&e| els[e].name == "title");
                    if !in_chrome && !in_title {
                        w += s.split_whitespace().count();
                    }
                }
            }
        }
        words.push(w);
        times.push(t);
        Page {
            tokens,
            els,
            words,
            times,
        }
    }

    fn words(&self, e: &Element<'_>) -> usize {
        self.words[e.end + 1] - self.words[e.start]
    }

    fn has_time(&self, e: &Element<'_>) -> bool {
        self.times[e.end + 1] > self.times[e.start]
    }

    /// How the element opens: a heading of level `h1`–`h3` first, and a
    /// byline or date among the few blocks after it.
    fn opening(&self, e: &Element<'_>) -> (bool, bool) {
        let (heading, dated, _) = self.opening_linked(e);
        (heading, dated)
    }

    /// [`Page::opening`], and whether the heading is mostly a link (a
    /// teaser card's headline points to the article it stands for).
    fn opening_linked(&self, e: &Element<'_>) -> (bool, bool, bool) {
        let end = e.end.min(e.start + HEAD_TOKENS);
        let found = collect(&self.tokens[e.start..=end], false, 1, super::Chrome::Drop);
        let heading = found
            .blocks
            .first()
            .is_some_and(|b| matches!(b.kind, RawKind::Heading { level: 0..=2, .. }));
        let dated =
            found.time_date.is_some()
                || self.has_time(e)
                || found.blocks.iter().skip(1).take(3).any(|b| {
                    matches!(b.kind, RawKind::Paragraph) && header_facts(&b.text).is_some()
                });
        let linked = found.link_share.first().is_some_and(|&l| l > 0.5);
        (heading, dated, linked)
    }

    fn has_heading(&self, e: &Element<'_>) -> bool {
        self.tokens[e.start..=e.end].iter().any(|(t, _)| {
            matches!(t, Token::Start { name, .. }
                if matches!(name.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
        })
    }

    /// The page's own text before the first article (from its `<main>`, if
    /// the article sits in one): `(titled, dated, words after the title)`.
    fn lead(&self, first: &Element<'_>) -> (bool, bool, usize) {
        let mut main = first.parent;
        while let Some(m) = main {
            if self.els[m].name == "main" {
                break;
            }
            main = self.els[m].parent;
        }
        let from = main.map_or(0, |m| self.els[m].start);
        let found = collect(
            &self.tokens[from..first.start],
            false,
            0,
            super::Chrome::Drop,
        );
        let Some(h) = found
            .blocks
            .iter()
            .position(|b| matches!(b.kind, RawKind::Heading { .. }))
        else {
            return (false, false, 0);
        };
        let after = &found.blocks[h + 1..];
        let dated = found.time_date.is_some()
            || after
                .iter()
                .take(3)
                .any(|b| matches!(b.kind, RawKind::Paragraph) && header_facts(&b.text).is_some());
        let words = after
            .iter()
            .map(|b| b.text.split_whitespace().count())
            .sum();
        (true, dated, words)
    }

    fn part(&self, e: &Element<'_>) -> Part {
        Part {
            start: e.start,
            end: e.end,
        }
    }
}

/// The articles of a page that holds several, in page order; `None` when
/// the page is one document.
pub(super) fn split(tokens: &[(Token, u32)]) -> Option<Vec<Part>> {
    if tokens.is_empty() {
        return None;
    }
    let page = Page::new(tokens);
    by_article_elements(&page).or_else(|| by_dated_sections(&page))
}

/// Rule 1: outermost `<article>`s.
fn by_article_elements(page: &Page<'_>) -> Option<Vec<Part>> {
    let outer: Vec<&Element<'_>> = page
        .els
        .iter()
        .filter(|e| e.name == "article" && !e.chrome && !e.in_article)
        .collect();
    let full = outer
        .iter()
        .filter(|e| page.words(e) >= MIN_WORDS && page.has_heading(e))
        .count();
    if full < 2 {
        return None;
    }
    let (_, dated, _) = page.lead(outer[0]);
    if dated {
        return None;
    }
    Some(
        outer
            .iter()
            .filter(|e| page.words(e) >= MIN_WORDS)
            .map(|e| page.part(e))
            .collect(),
    )
}

/// Rule 2: sibling containers that each open with a title and a byline or date.
fn by_dated_sections(page: &Page<'_>) -> Option<Vec<Part>> {
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); page.els.len()];
    for (i, e) in page.els.iter().enumerate() {
        if let Some(p) = e.parent {
            if !e.chrome && CONTAINERS.contains(&e.name) {
                children[p].push(i);
            }
        }
    }
    for (p, parent) in page.els.iter().enumerate() {
        if parent.chrome || parent.in_article || parent.name == "article" || children[p].len() < 2 {
            continue;
        }
        let big: Vec<&Element<'_>> = children[p]
            .iter()
            .map(|&c| &page.els[c])
            .filter(|c| page.words(c) >= MIN_WORDS)
            .collect();
        let openings: Vec<(bool, bool)> = big.iter().map(|c| page.opening(c)).collect();
        if openings.iter().filter(|(h, d)| *h && *d).count() < 2 {
            continue;
        }
        // The long children with a heading, and the short ones that open
        // with a heading (not a link) and a date: a changelog's small
        // releases are records too, where a teaser card's headline links
        // away.
        let articles: Vec<&Element<'_>> = children[p]
            .iter()
            .map(|&c| &page.els[c])
            .filter(|c| {
                let (heading, dated, linked) = page.opening_linked(c);
                heading && (page.words(c) >= MIN_WORDS || (dated && !linked))
            })
            .collect();
        let (titled, dated, words) = page.lead(articles[0]);
        if dated || (titled && words >= MIN_WORDS) {
            return None;
        }
        return Some(articles.iter().map(|e| page.part(e)).collect());
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::read::draft::Draft;
    use crate::read::html::read;

    const BODY_A: &str = "The county opened a new footbridge over the mill race on Saturday, \
        linking the two halves of the village for the first time since the winter floods \
        carried the old one away.";
    const BODY_B: &str = "Volunteers planted four hundred willow cuttings along the eastern \
        bank, where the water took a metre of meadow last spring, and the school will look \
        after them through the summer.";

    fn titles(drafts: &[Draft]) -> Vec<&str> {
        drafts.iter().map(|d| d.title.as_str()).collect()
    }

    fn page(body: &str) -> String {
        format!(
            "<!doctype html>\n<html lang=\"en\"><head><title>Tag: rivers | Valley Post</title>\
             <meta name=\"date\" content=\"2024-01-01\"><meta name=\"author\" content=\"Site Team\">\
             </head>\n<body>\n<header><nav><a href=\"/\">Home</a></nav></header>\n{body}\n\
             <footer><p>© 2024 Valley Post</p></footer>\n</body></html>\n"
        )
    }

    #[test]
    fn several_article_elements_are_several_documents() {
        let src = page(&format!(
            "<main>\n<h1>Posts tagged rivers</h1>\n\
             <article>\n<h2>New footbridge opens</h2>\n<time datetime=\"2021-05-08\">8 May</time>\n\
             <p>{BODY_A}</p>\n<a href=\"/a\">Read more</a>\n</article>\n\
             <article>\n<header><h2>Willows planted on the bank</h2>\n<p class=\"byline\">By Ana Ruiz</p></header>\n\
             <p>{BODY_B}</p>\n<p>Second paragraph.</p>\n</article>\n</main>"
        ));
        let d = read(&src);
        assert_eq!(
            titles(&d),
            vec!["New footbridge opens", "Willows planted on the bank"]
        );
        assert_eq!(d[0].stated.date.as_deref(), Some("2021-05-08"));
        assert_eq!(
            d[1].stated.date, None,
            "the page's date is the listing's, not the article's"
        );
        assert_eq!(
            d[1].stated.extra.get("byline").map(String::as_str),
            Some("By Ana Ruiz")
        );
        assert_eq!(d[0].stated.source.as_deref(), Some("Valley Post"));
        assert_eq!(d[0].stated.lang.as_deref(), Some("en"));
        // Provenance: the lines of each <article> element.
        assert_eq!((d[0].line_start, d[0].line_end), (7, 12));
        assert_eq!((d[1].line_start, d[1].line_end), (13, 18));
        assert_eq!(d[0].blocks.len(), 2, "{:?}", d[0].blocks);
        assert!(d[0].blocks[1].text.starts_with("The county"));
        let texts: Vec<&str> = d[1].blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, vec![BODY_B, "Second paragraph."]);
        assert!(d
            .iter()
            .flat_map(|x| &x.blocks)
            .all(|b| !b.text.contains("Posts tagged") && !b.text.contains("Read more")));
    }

    #[test]
    fn sections_each_with_a_title_and_a_date_line_are_several_documents() {
        let src = page(&format!(
            "<main>\n<div class=\"list\">\n\
             <section>\n<h2>New footbridge opens</h2>\n<p>May 8, 2021</p>\n<p>{BODY_A}</p>\n</section>\n\
             <section>\n<h2>Willows planted on the bank</h2>\n<p>By Ana Ruiz · 9 June 2021</p>\n<p>{BODY_B}</p>\n</section>\n\
             <div class=\"pager\"><a href=\"?p=2\">Older posts</a></div>\n</div>\n</main>"
        ));
        let d = read(&src);
        assert_eq!(
            titles(&d),
            vec!["New footbridge opens", "Willows planted on the bank"]
        );
        assert_eq!(d[0].stated.date.as_deref(), Some("2021-05-08"));
        assert_eq!(d[1].stated.date.as_deref(), Some("2021-06-09"));
        assert_eq!(d[1].blocks.len(), 1, "the date line is not body text");
        assert_eq!((d[0].line_start, d[0].line_end), (7, 11));
    }

    #[test]
    fn a_short_dated_section_is_a_record_but_a_short_linked_card_is_a_teaser() {
        let src = page(&format!(
            "<main>\n<div class=\"changes\">\n\
             <section>\n<h2>Version 2.2</h2>\n<p>Released 2022-08-01</p>\n<p>{BODY_A}</p>\n</section>\n\
             <section>\n<h2>Version 2.1.1</h2>\n<p>Released 2022-07-20</p>\n<p>Fix a crash on start.</p>\n</section>\n\
             <section>\n<h2><a href=\"/other\">Elsewhere on the site</a></h2>\n<p>May 1, 2022</p>\n<p>A teaser.</p>\n</section>\n\
             <section>\n<h2>Version 2.1</h2>\n<p>Released 2022-07-01</p>\n<p>{BODY_B}</p>\n</section>\n\
             </div>\n</main>"
        ));
        let d = read(&src);
        assert_eq!(
            titles(&d),
            vec!["Version 2.2", "Version 2.1.1", "Version 2.1"]
        );
        assert_eq!(d[1].stated.date.as_deref(), Some("2022-07-20"));
    }

    #[test]
    fn one_article_with_chrome_and_sub_headings_stays_one_document() {
        let src = page(&format!(
            "<main>\n<article>\n<h1>Footbridge and willows</h1>\n<p>By Ana Ruiz</p>\n\
             <section><h2>The bridge</h2><p>{BODY_A}</p></section>\n\
             <section><h2>The willows</h2><p>{BODY_B}</p></section>\n</article>\n\
             <aside class=\"related\"><article><h3>Other story</h3><p>{BODY_A}</p></article></aside>\n</main>"
        ));
        let d = read(&src);
        assert_eq!(titles(&d), vec!["Footbridge and willows"]);
        assert_eq!(d[0].stated.date.as_deref(), Some("2024-01-01"));
        assert_eq!(
            d[0].blocks.len(),
            4,
            "two sub-headings, two paragraphs: {:?}",
            d[0].blocks
        );
    }

    #[test]
    fn teaser_cards_beside_the_article_do_not_split_it() {
        let src = page(&format!(
            "<main>\n<article><h1>New footbridge opens</h1><p>{BODY_A}</p><p>{BODY_B}</p></article>\n\
             <div class=\"more\"><article><h3>Willows planted</h3><p>Volunteers planted cuttings.</p></article>\n\
             <article><h3>Fair returns</h3><p>The fair is back.</p></article></div>\n</main>"
        ));
        assert_eq!(titles(&read(&src)), vec!["New footbridge opens"]);
    }

    #[test]
    fn a_dated_roundup_keeps_its_items() {
        // The page opens with its own title and date: the sections are its parts.
        let src = page(&format!(
            "<main>\n<h1>Weekly river roundup</h1>\n<p>March 3, 2021</p>\n\
             <section><h2>Footbridge</h2><p>By Ana Ruiz</p><p>{BODY_A}</p></section>\n\
             <section><h2>Willows</h2><p>By Tom Lee</p><p>{BODY_B}</p></section>\n</main>"
        ));
        let d = read(&src);
        assert_eq!(titles(&d), vec!["Weekly river roundup"]);
        assert_eq!(d[0].stated.date.as_deref(), Some("2024-01-01"));
        assert!(d[0].blocks.iter().any(|b| b.text == "Footbridge"));
    }

    #[test]
    fn a_history_with_dated_sections_stays_one_document() {
        let src = page(&format!(
            "<main>\n<h1>A history of the weir</h1>\n<p>{BODY_A}</p>\n\
             <section><h2>The first weir</h2><p>1791</p><p>{BODY_B}</p></section>\n\
             <section><h2>The flood</h2><p>1894</p><p>{BODY_A}</p></section>\n</main>"
        ));
        assert_eq!(titles(&read(&src)), vec!["A history of the weir"]);
    }

    #[test]
    fn header_lines_state_a_byline_or_a_date() {
        use crate::read::html::header_facts;
        let f = header_facts("By Ana Ruiz · 9 June 2021").unwrap();
        assert_eq!(f.date.as_deref(), Some("2021-06-09"));
        assert_eq!(f.byline.as_deref(), Some("By Ana Ruiz"));
        let f = header_facts("Posted on March 4, 2020 by Tom Lee").unwrap();
        assert_eq!(
            (f.date.as_deref(), f.byline.as_deref()),
            (Some("2020-03-04"), Some("By Tom Lee"))
        );
        assert_eq!(
            header_facts("Published 4 March 2020")
                .unwrap()
                .date
                .as_deref(),
            Some("2020-03-04")
        );
        assert!(header_facts("By the river the willows grow tall").is_none());
        assert!(header_facts("The bridge opened on May 8, 2021.").is_none());
    }
}
