//! Reading Markdown: optional front matter (YAML between `---` lines,
//! read by yaml-rust2, or TOML between `+++` lines), then the body through
//! pulldown-cmark: headings, paragraphs, lists (nested), block quotes,
//! code, tables. Inline markup is reduced to its text: `[label](url)` →
//! label, emphasis and code marks removed, images dropped; raw HTML leaves
//! its text, never its tags.

use crate::read::boilerplate;
use crate::read::draft::{Draft, RawBlock, RawKind, Stated};
use crate::read::metadata::parse_date;
use crate::read::text::squash_spaces;
use std::collections::BTreeMap;

/// A front-matter value: a string or a list of strings.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    One(String),
    Many(Vec<String>),
}

impl Value {
    fn list(&self) -> Vec<String> {
        match self {
            Value::One(s) => s
                .split(',')
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty())
                .collect(),
            Value::Many(v) => v.clone(),
        }
    }
    fn one(&self) -> String {
        match self {
            Value::One(s) => s.clone(),
            Value::Many(v) => v.join(", "),
        }
    }
}

/// Front matter as YAML (yaml-rust2, YAML 1.2): top-level keys,
/// lowercased; scalars as text, sequences as lists of text; nested maps
/// flattened to `parent.child`. An error carries the 1-based line inside
/// `text` where the parser stopped.
pub fn parse_yaml(text: &str) -> Result<BTreeMap<String, Value>, (String, usize)> {
    use yaml_rust2::{Yaml, YamlLoader};
    let docs = YamlLoader::load_from_str(text)
        .map_err(|e| (e.info().to_string(), e.marker().line().max(1)))?;
    let mut out = BTreeMap::new();
    match docs.into_iter().next() {
        None | Some(Yaml::Null) => {}
        Some(Yaml::Hash(h)) => flatten_yaml("", h, &mut out),
        Some(_) => {
            return Err((
                "front matter must be a list of `key: value` lines".into(),
                1,
            ))
        }
    }
    Ok(out)
}

fn yaml_scalar(y: &yaml_rust2::Yaml) -> Option<String> {
    use yaml_rust2::Yaml;
    match y {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

fn flatten_yaml(prefix: &str, h: yaml_rust2::yaml::Hash, out: &mut BTreeMap<String, Value>) {
    use yaml_rust2::Yaml;
    for (k, v) in h {
        let Some(key) = yaml_scalar(&k) else { continue };
        let key = format!("{prefix}{}", key.to_lowercase());
        match v {
            Yaml::Array(items) => {
                let list: Vec<String> = items.iter().filter_map(yaml_scalar).collect();
                out.insert(key, Value::Many(list));
            }
            Yaml::Hash(inner) => flatten_yaml(&format!("{key}."), inner, out),
            other => {
                if let Some(s) = yaml_scalar(&other) {
                    out.insert(key, Value::One(s));
                }
            }
        }
    }
}

fn parse_toml(text: &str) -> Result<BTreeMap<String, Value>, (String, usize)> {
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |r| {
            1 + text[..r.start.min(text.len())].matches('\n').count()
        });
        (e.message().to_string(), line)
    })?;
    let mut out = BTreeMap::new();
    for (k, v) in table {
        let val = match v {
            toml::Value::String(s) => Value::One(s),
            toml::Value::Array(a) => Value::Many(
                a.into_iter()
                    .map(|x| match x {
                        toml::Value::String(s) => s,
                        other => other.to_string(),
                    })
                    .collect(),
            ),
            toml::Value::Datetime(d) => Value::One(d.to_string()),
            toml::Value::Table(_) => continue,
            other => Value::One(other.to_string()),
        };
        out.insert(k.to_lowercase(), val);
    }
    Ok(out)
}

/// A problem in a file, with its 1-based line.
pub type LineError = (String, u32);

/// Splits front matter from the body. Returns (fields, body, first body
/// line number, the error for malformed front matter with its line).
pub fn split_front_matter(
    src: &str,
) -> (
    Option<BTreeMap<String, Value>>,
    &str,
    u32,
    Option<LineError>,
) {
    for (fence, is_toml) in [("---", false), ("+++", true)] {
        let Some(rest) = src.strip_prefix(fence).and_then(|r| r.strip_prefix('\n')) else {
            continue;
        };
        let close = format!("\n{fence}");
        let Some(end) = rest
            .find(&close)
            .or_else(|| rest.starts_with(fence).then_some(0))
        else {
            continue;
        };
        let fm = if end == 0 && rest.starts_with(fence) {
            ""
        } else {
            &rest[..end]
        };
        let after_close = if end == 0 && rest.starts_with(fence) {
            fence.len()
        } else {
            end + close.len()
        };
        let body_start = rest[after_close..]
            .find('\n')
            .map_or(rest.len(), |n| after_close + n + 1);
        let body = &rest[body_start.min(rest.len())..];
        let line =
            1 + u32::try_from(src[..src.len() - body.len()].matches('\n').count()).unwrap_or(0);
        let (parsed, kind) = if is_toml {
            (parse_toml(fm), "TOML")
        } else {
            (parse_yaml(fm), "YAML")
        };
        // Line 1 is the opening fence: line k of the front matter is k + 1.
        let (fields, err) = match parsed {
            Ok(f) => (Some(f), None),
            Err((e, at)) => (
                None,
                Some((
                    format!("front matter is not valid {kind} ({e}); its fields were not read"),
                    u32::try_from(at + 1).unwrap_or(u32::MAX),
                )),
            ),
        };
        return (fields, body, line, err);
    }
    (None, src, 1, None)
}

/// Applies front-matter fields to the stated facts; returns the title.
pub fn apply_fields(fields: &BTreeMap<String, Value>, stated: &mut Stated) -> Option<String> {
    let mut title = None;
    for (k, v) in fields {
        match k.as_str() {
            "title" | "headline" => title = Some(squash_spaces(&v.one())),
            "date" | "published" | "pubdate" | "publish_date" | "published_at" => {
                stated.date = parse_date(&v.one())
            }
            "source" | "publisher" | "site" | "outlet" => stated.source = Some(v.one()),
            "doc_type" | "type" | "kind" | "genre" => stated.doc_type = Some(v.one()),
            "lang" | "language" => {
                stated.lang = Some(v.one().chars().take(2).collect::<String>().to_lowercase())
            }
            "speakers" => stated.speakers = v.list(),
            "people" | "persons" => stated.people = v.list(),
            "places" | "locations" => stated.places = v.list(),
            "topics" => stated.topics = v.list(),
            "author" | "authors" | "byline" => {
                stated.extra.insert("byline".into(), v.one());
            }
            _ => {
                stated.extra.insert(k.clone(), v.one());
            }
        }
    }
    title
}

/// A block being read: its kind, text so far and first line.
struct Open {
    kind: RawKind,
    text: String,
    line: u32,
}

/// Line numbers of byte offsets in a body that starts at `first_line`.
struct Lines {
    starts: Vec<usize>,
    first_line: u32,
}

impl Lines {
    fn new(body: &str, first_line: u32) -> Lines {
        let starts = std::iter::once(0)
            .chain(body.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { starts, first_line }
    }
    fn of(&self, offset: usize) -> u32 {
        let k = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        self.first_line + u32::try_from(k).unwrap_or(u32::MAX - self.first_line)
    }
}

/// Reads a Markdown body (front matter already split off) with
/// pulldown-cmark (CommonMark, GFM tables, strikethrough, footnotes):
/// headings, paragraphs, list items with their depth and number, block
/// quotes and footnotes as paragraphs, code blocks as one paragraph each,
/// table rows as lines ("cell | cell"). Inline markup is reduced to its
/// text; images and raw HTML tags leave nothing but the text inside.
/// Returns the blocks, the leading `#` title (when the body opens with
/// one) and whether any heading was marked up.
pub fn read_body(body: &str, first_line: u32) -> (Vec<RawBlock>, Option<(String, u32)>, bool) {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let lines = Lines::new(body, first_line);
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let mut b = Blocks::default();
    let mut any_heading = false;
    // Each open list: ordered, next number.
    let mut lists: Vec<(bool, u64)> = Vec::new();
    let mut image_depth = 0usize;
    let mut html = String::new();

    for (event, range) in Parser::new_ext(body, opts).into_offset_iter() {
        let line = lines.of(range.start);
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                b.close();
                any_heading = true;
                let level = u8::try_from(level as usize).unwrap_or(6).saturating_sub(1);
                b.start(
                    RawKind::Heading {
                        level,
                        explicit: true,
                    },
                    line,
                );
            }
            Event::Start(Tag::Paragraph) => {
                // A loose list item's text comes as paragraphs inside it.
                let in_item = b.open.as_ref().is_some_and(|o| {
                    matches!(o.kind, RawKind::ListItem { .. }) && o.text.trim().is_empty()
                });
                if !in_item {
                    b.close();
                    b.start(RawKind::Paragraph, line);
                }
            }
            Event::Start(Tag::List(first)) => {
                b.close();
                lists.push((first.is_some(), first.unwrap_or(1)));
            }
            Event::End(TagEnd::List(_)) => {
                b.close();
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                b.close();
                b.start(list_item(&mut lists), line);
            }
            Event::Start(Tag::CodeBlock(_))
            | Event::Start(Tag::TableRow)
            | Event::Start(Tag::TableHead) => {
                b.close();
                b.start(RawKind::Paragraph, line);
            }
            Event::Start(Tag::TableCell) => {
                if let Some(o) = b.open.as_mut() {
                    if !o.text.trim().is_empty() {
                        o.text.push_str(" | ");
                    }
                }
            }
            Event::Start(Tag::Image { .. }) => image_depth += 1,
            Event::End(TagEnd::Image) => image_depth = image_depth.saturating_sub(1),
            Event::End(
                TagEnd::Heading(_)
                | TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition,
            ) => b.close(),
            Event::Text(t) | Event::Code(t) if image_depth == 0 => b.text(&t, line),
            Event::SoftBreak | Event::HardBreak => {
                if let Some(o) = b.open.as_mut() {
                    o.text.push(' ');
                }
            }
            Event::Html(h) => {
                // A raw HTML block: its text, without the tags.
                html.push_str(&h);
                if h.ends_with('\n') || range.end >= body.len() {
                    let text = crate::read::html::text_of_fragment(&html);
                    html.clear();
                    if !text.trim().is_empty() {
                        b.close();
                        b.text(&text, line);
                        b.close();
                    }
                }
            }
            _ => {}
        }
    }
    b.close();
    (b.blocks, b.h1, any_heading)
}

/// The blocks read so far, the `#` title and the block being filled.
#[derive(Default)]
struct Blocks {
    blocks: Vec<RawBlock>,
    h1: Option<(String, u32)>,
    open: Option<Open>,
}

impl Blocks {
    /// Ends the open block: a heading (or the title), or a block of text
    /// unless it is empty or a boilerplate line.
    fn close(&mut self) {
        let Some(o) = self.open.take() else { return };
        let text = squash_spaces(&o.text.replace('\n', " "));
        let text = text
            .trim_matches(|c: char| c == '|' || c.is_whitespace())
            .to_string();
        if text.is_empty() {
            return;
        }
        if let RawKind::Heading { level, .. } = o.kind {
            push_heading(&mut self.blocks, &mut self.h1, text, level, o.line);
            return;
        }
        if boilerplate::classify_line(&text).is_none() {
            self.blocks.push(RawBlock {
                kind: o.kind,
                text: boilerplate::clean_inline(&text).into_owned(),
                line: o.line,
            });
        }
    }

    /// Text for the open block; text after a nested list closed its item
    /// reopens a paragraph.
    fn text(&mut self, t: &str, line: u32) {
        let o = self.open.get_or_insert_with(|| Open {
            kind: RawKind::Paragraph,
            text: String::new(),
            line,
        });
        o.text.push_str(t);
    }

    fn start(&mut self, kind: RawKind, line: u32) {
        self.open = Some(Open {
            kind,
            text: String::new(),
            line,
        });
    }
}

/// A list item of the innermost open list, numbered if it is ordered.
fn list_item(lists: &mut [(bool, u64)]) -> RawKind {
    let depth = u8::try_from(lists.len().saturating_sub(1)).unwrap_or(u8::MAX);
    let (ordered, marker) = match lists.last_mut() {
        Some((true, n)) => {
            let m = format!("{n}.");
            *n += 1;
            (true, Some(m))
        }
        _ => (false, None),
    };
    RawKind::ListItem {
        ordered,
        depth,
        marker,
    }
}

/// Adds a heading; the first `#` heading before any other block is the
/// document's title instead.
fn push_heading(
    blocks: &mut Vec<RawBlock>,
    h1: &mut Option<(String, u32)>,
    text: String,
    level: u8,
    line: u32,
) {
    if level == 0 && h1.is_none() && blocks.is_empty() {
        *h1 = Some((text, line));
        return;
    }
    blocks.push(RawBlock {
        kind: RawKind::Heading {
            level: level.max(1),
            explicit: true,
        },
        text,
        line,
    });
}

/// Reads a Markdown file. Returns the draft and a warning for malformed
/// front matter. A Markdown file with neither front matter nor headings is
/// plain text to the caller (`None`), so it is segmented like a `.txt`.
pub fn read(src: &str) -> (Option<Draft>, Option<LineError>) {
    let (fields, body, first_line, err) = split_front_matter(src);
    let (mut blocks, h1, has_heading) = read_body(body, first_line);
    if fields.is_none() && err.is_none() && !has_heading {
        return (None, None);
    }
    let mut stated = Stated::default();
    let fm_title = fields.as_ref().and_then(|f| apply_fields(f, &mut stated));
    let title = match (fm_title, h1) {
        (Some(t), Some((h, l))) => {
            if crate::read::text::fold(&t) != crate::read::text::fold(&h) {
                blocks.insert(
                    0,
                    RawBlock {
                        kind: RawKind::Heading {
                            level: 1,
                            explicit: true,
                        },
                        text: h,
                        line: l,
                    },
                );
            }
            t
        }
        (Some(t), None) => t,
        (None, Some((h, _))) => h,
        (None, None) => blocks
            .first()
            .map(|b| crate::read::segment::fallback_title(&b.text))
            .unwrap_or_else(|| "Untitled".into()),
    };
    let line_start = if fields.is_some() { 1 } else { first_line };
    let line_end = first_line + u32::try_from(body.trim_end().matches('\n').count()).unwrap_or(0);
    (
        Some(Draft {
            title,
            line_start,
            line_end,
            stated,
            blocks,
        }),
        err,
    )
}

#[cfg(test)]
mod tests;
