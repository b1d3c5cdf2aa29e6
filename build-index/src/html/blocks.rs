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

pub(super) fn collect(
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
