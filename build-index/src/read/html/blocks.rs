//! The block builder: a page's tokens read into blocks (headings,
//! paragraphs, list items, table rows, quotes) with page chrome left out.

use super::*;

/// What the block builder found in a run of tokens.
pub(super) struct Collected {
    /// `<h1>` comes out as a heading of level 0; the caller decides.
    pub(super) blocks: Vec<RawBlock>,
    /// For each block, the share of its letters and digits inside links.
    pub(super) link_share: Vec<f32>,
    /// The first `<time>` in the content that states a date: its
    /// `datetime`, or its text when it has no such attribute.
    pub(super) time_date: Option<String>,
}

/// Builds blocks from a run of tokens, dropping chrome. With
/// `only_in_roots`, only text inside `<main>`/`<article>` counts;
/// `depth` > 0 reads the run as already inside one (an article's own
/// `<header>` is not page chrome).
/// Which elements [`collect`] leaves out.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Chrome {
    /// Navigation, footers, sidebars and the like (our own rules).
    Drop,
    /// Only what is never text (scripts, styles, embeds, hidden elements):
    /// the main-text extractor decides the rest ([`main_text`]).
    Keep,
}

/// The block builder's state while it walks the tokens.
struct Builder<'t> {
    only_in_roots: bool,
    chrome: Chrome,
    blocks: Vec<RawBlock>,
    /// For each block, the share of its letters and digits inside links.
    link_share: Vec<f32>,
    time_date: Option<String>,
    time_text: Option<String>,
    buf: String,
    buf_line: u32,
    cur_kind: RawKind,
    skip_depth: Vec<&'t str>,
    content_depth: usize,
    // Elements marked role="main" are content roots as <main> is
    // (documentation themes: `<div class="body" role="main">`). End tags
    // carry no attributes, so each open one is tracked with how many
    // elements of its name were opened inside it.
    role_roots: Vec<(String, usize)>,
    lists: Vec<(bool, u32)>,
    in_title: bool,
    in_pre: bool,
    // Inside `<a href="#…">`: a lone "¶" or "#" there is a heading's
    // permalink (Sphinx, MkDocs, GitHub), not part of the heading.
    in_fragment_link: bool,
    // Letters and digits of the block being read that sit inside links.
    link_chars: usize,
    link_depth: usize,
}

pub(super) fn collect(
    tokens: &[(Token, u32)],
    only_in_roots: bool,
    depth: usize,
    chrome: Chrome,
) -> Collected {
    let mut b = Builder {
        only_in_roots,
        chrome,
        blocks: Vec::new(),
        link_share: Vec::new(),
        time_date: None,
        time_text: None,
        buf: String::new(),
        buf_line: 0,
        cur_kind: RawKind::Paragraph,
        skip_depth: Vec::new(),
        content_depth: depth,
        role_roots: Vec::new(),
        lists: Vec::new(),
        in_title: false,
        in_pre: false,
        in_fragment_link: false,
        link_chars: 0,
        link_depth: 0,
    };
    for (tok, line) in tokens {
        match tok {
            Token::Start {
                name,
                attrs,
                self_closing,
            } => b.start(name, attrs, *self_closing),
            Token::End(name) => b.end(name),
            Token::Text(t) => b.text(t, *line),
        }
    }
    b.flush();
    Collected {
        blocks: b.blocks,
        link_share: b.link_share,
        time_date: b.time_date,
    }
}

impl<'t> Builder<'t> {
    fn start(&mut self, name: &'t String, attrs: &[(String, String)], self_closing: bool) {
        if name == "meta" {
            return;
        }
        if name == "title" {
            self.in_title = !self_closing;
            return;
        }
        if !self.skip_depth.is_empty() {
            if !VOID.contains(&name.as_str()) && !self_closing {
                self.skip_depth.push(name);
            }
            return;
        }
        let in_content = !self.only_in_roots || self.content_depth > 0;
        if name == "a" {
            self.in_fragment_link = attr(attrs, "href").is_some_and(|h| h.starts_with('#'));
            if !self_closing {
                self.link_depth += 1;
            }
        }
        if (name == "td" || name == "th") && !self.buf.trim().is_empty() {
            // Cells of a row read as one line: "1 | Kyle Busch | 5040".
            self.buf.push_str(" | ");
        }
        let skip = match self.chrome {
            Chrome::Drop => is_chrome(name, attrs, self.content_depth > 0),
            Chrome::Keep => never_text(name, attrs),
        };
        if skip {
            if !VOID.contains(&name.as_str()) && !self_closing {
                self.skip_depth.push(name);
            }
            return;
        }
        if name == "main" || name == "article" {
            self.content_depth += 1;
        } else if !self_closing && is_main_role(attrs) {
            self.role_roots.push((name.clone(), 0));
            self.content_depth += 1;
        } else if let Some(top) = self.role_roots.last_mut() {
            if top.0 == *name && !self_closing && !VOID.contains(&name.as_str()) {
                top.1 += 1;
            }
        }
        if name == "time" && self.time_date.is_none() && in_content {
            match attr(attrs, "datetime") {
                Some(dt) => self.time_date = parse_date(dt),
                None if !self_closing => self.time_text = Some(String::new()),
                None => {}
            }
        }
        if BLOCK.contains(&name.as_str()) {
            self.end_block(in_content);
            self.cur_kind = self.block_kind(name);
            if name == "ul" || name == "ol" {
                self.lists.push((name == "ol", 0));
            }
            if name == "pre" {
                self.in_pre = true;
            }
            if name == "br" && self.in_pre {
                self.buf.push('\n');
            }
        }
    }

    /// The kind of block an element opens: a heading, a list item of the
    /// innermost list (numbered when ordered) or a paragraph.
    fn block_kind(&mut self, name: &str) -> RawKind {
        match name {
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
                let depth = u8::try_from(self.lists.len().saturating_sub(1)).unwrap_or(u8::MAX);
                let (ordered, marker) = match self.lists.last_mut() {
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
        }
    }

    fn end(&mut self, name: &String) {
        if name == "title" {
            self.in_title = false;
            return;
        }
        if name == "a" {
            self.in_fragment_link = false;
            self.link_depth = self.link_depth.saturating_sub(1);
        }
        if let Some(pos) = self.skip_depth.iter().rposition(|n| n == name) {
            self.skip_depth.truncate(pos);
            return;
        }
        if !self.skip_depth.is_empty() {
            return;
        }
        if name == "time" {
            if let Some(t) = self.time_text.take() {
                if self.time_date.is_none() {
                    self.time_date = parse_date(&squash_spaces(&t));
                }
            }
        }
        let in_content = !self.only_in_roots || self.content_depth > 0;
        if BLOCK.contains(&name.as_str()) {
            self.end_block(in_content);
            // Inside a list, text after a nested block stays in its item.
            let in_item = !self.lists.is_empty() && name != "ul" && name != "ol" && name != "li";
            if !in_item {
                self.cur_kind = RawKind::Paragraph;
            }
        }
        if name == "ul" || name == "ol" {
            self.lists.pop();
        }
        if name == "pre" {
            self.in_pre = false;
        }
        if (name == "main" || name == "article") && self.content_depth > 0 {
            self.content_depth -= 1;
        }
        if let Some(top) = self.role_roots.last_mut() {
            if top.0 == *name {
                if top.1 == 0 {
                    self.role_roots.pop();
                    self.content_depth = self.content_depth.saturating_sub(1);
                } else {
                    top.1 -= 1;
                }
            }
        }
    }

    fn text(&mut self, t: &str, line: u32) {
        if self.in_title || !self.skip_depth.is_empty() {
            return;
        }
        if self.in_fragment_link && matches!(t.trim(), "¶" | "§" | "#" | "🔗" | "¶¶") {
            return;
        }
        if let Some(tt) = &mut self.time_text {
            tt.push_str(t);
        }
        if self.link_depth > 0 {
            self.link_chars += t.chars().filter(|c| c.is_alphanumeric()).count();
        }
        if self.buf.trim().is_empty() {
            // The block starts at its first non-blank text.
            let lead = t.len() - t.trim_start().len();
            self.buf_line = line + u32::try_from(t[..lead].matches('\n').count()).unwrap_or(0);
        }
        self.buf.push_str(t);
    }

    /// Ends the block being read at a block boundary: kept when it is
    /// content, dropped when it lies outside the content roots.
    fn end_block(&mut self, in_content: bool) {
        if in_content {
            self.flush();
        } else {
            self.buf.clear();
            self.link_chars = 0;
        }
    }

    /// Ends the block being read: kept unless it is empty or a boilerplate
    /// line, with the share of its text inside links.
    fn flush(&mut self) {
        let text = squash_spaces(&self.buf.replace('\n', " "));
        let text = text
            .trim_matches(|c: char| c == '|' || c.is_whitespace())
            .to_string();
        self.buf.clear();
        let linked = std::mem::take(&mut self.link_chars);
        if text.is_empty() || boilerplate::classify_line(&text).is_some() {
            return;
        }
        let text = boilerplate::clean_inline(&text).into_owned();
        let letters = text.chars().filter(|c| c.is_alphanumeric()).count().max(1);
        self.link_share
            .push((linked as f32 / letters as f32).min(1.0));
        self.blocks.push(RawBlock {
            kind: self.cur_kind.clone(),
            text,
            line: self.buf_line,
        });
    }
}
