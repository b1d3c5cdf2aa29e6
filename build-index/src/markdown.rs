//! Reading Markdown: optional front matter (YAML between `---` lines or
//! TOML between `+++` lines), then headings, paragraphs, lists (nested by
//! indentation), block quotes and code. Inline markup is reduced to its
//! text: `[label](url)` → label, emphasis and code marks removed, images
//! dropped. Raw HTML in Markdown stays text.

use crate::boilerplate;
use crate::draft::{Draft, RawBlock, RawKind, Stated};
use crate::metadata::parse_date;
use crate::text::squash_spaces;
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

fn re(p: &str) -> Regex {
    Regex::new(p).unwrap_or_else(|e| panic!("bad markdown pattern {p}: {e}"))
}

static ATX: LazyLock<Regex> = LazyLock::new(|| re(r"^(#{1,6})\s+(.*?)\s*#*\s*$"));
static ITEM: LazyLock<Regex> = LazyLock::new(|| re(r"^(\s*)([-*+]|\d{1,3}[.)])\s+(.*)$"));
static IMAGE: LazyLock<Regex> = LazyLock::new(|| re(r"!\[[^\]]*\]\([^)]*\)"));
static LINK: LazyLock<Regex> = LazyLock::new(|| re(r"\[([^\]]*)\]\([^)]*\)"));
static REF_LINK: LazyLock<Regex> = LazyLock::new(|| re(r"\[([^\]]+)\]\[[^\]]*\]"));
static EMPHASIS: LazyLock<Regex> = LazyLock::new(|| re(r"(\*\*|__|\*|`)"));
static UNDERSCORE_EM: LazyLock<Regex> =
    LazyLock::new(|| re(r"(^|[\s(])_([^_\s][^_]*[^_\s]|[^_\s])_([\s).,;:!?]|$)"));
static AUTOLINK: LazyLock<Regex> = LazyLock::new(|| re(r"<((?:https?|mailto):[^>\s]+)>"));

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

/// Inline markup → text.
pub fn inline(s: &str) -> String {
    let s = IMAGE.replace_all(s, "");
    let s = LINK.replace_all(&s, "$1");
    let s = REF_LINK.replace_all(&s, "$1");
    let s = AUTOLINK.replace_all(&s, "$1");
    let s = EMPHASIS.replace_all(&s, "");
    let s = UNDERSCORE_EM.replace_all(&s, "$1$2$3");
    squash_spaces(s.trim())
}

/// Reads a Markdown body (front matter already split off).
pub fn read_body(body: &str, first_line: u32) -> (Vec<RawBlock>, Option<(String, u32)>) {
    let mut blocks: Vec<RawBlock> = Vec::new();
    let mut h1: Option<(String, u32)> = None;
    let mut para: Vec<&str> = Vec::new();
    let mut para_line = 0;
    let mut in_code: Option<(String, u32)> = None;
    let mut code_buf: Vec<&str> = Vec::new();
    let mut indents: Vec<usize> = Vec::new();
    let lines: Vec<&str> = body.split('\n').collect();

    let flush = |para: &mut Vec<&str>, line: u32, blocks: &mut Vec<RawBlock>| {
        if para.is_empty() {
            return;
        }
        let text = inline(&para.join(" "));
        para.clear();
        if !text.is_empty() && boilerplate::classify_line(&text).is_none() {
            blocks.push(RawBlock::para(
                boilerplate::clean_inline(&text).into_owned(),
                line,
            ));
        }
    };

    for (k, raw) in lines.iter().enumerate() {
        let ln = first_line + u32::try_from(k).unwrap_or(0);
        let t = raw.trim();
        if let Some((fence, start)) = &in_code {
            if t.starts_with(fence.as_str()) {
                let text = code_buf.join("\n");
                if !text.trim().is_empty() {
                    blocks.push(RawBlock::para(text, *start));
                }
                code_buf.clear();
                in_code = None;
            } else {
                code_buf.push(raw);
            }
            continue;
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            flush(&mut para, para_line, &mut blocks);
            in_code = Some((t[..3].to_string(), ln + 1));
            continue;
        }
        if t.is_empty() {
            flush(&mut para, para_line, &mut blocks);
            continue;
        }
        // Setext underline turns the paragraph above into a heading.
        if !para.is_empty()
            && (t.chars().all(|c| c == '=') || (t.len() >= 2 && t.chars().all(|c| c == '-')))
        {
            let text = inline(&para.join(" "));
            para.clear();
            let level = if t.starts_with('=') { 0 } else { 1 };
            push_heading(&mut blocks, &mut h1, text, level, para_line);
            continue;
        }
        if t.chars().all(|c| matches!(c, '-' | '*' | '_' | ' '))
            && t.chars().filter(|c| !c.is_whitespace()).count() >= 3
        {
            flush(&mut para, para_line, &mut blocks);
            continue; // thematic break
        }
        if let Some(c) = ATX.captures(t) {
            flush(&mut para, para_line, &mut blocks);
            let level = u8::try_from(c[1].len() - 1).unwrap_or(0);
            push_heading(&mut blocks, &mut h1, inline(&c[2]), level, ln);
            indents.clear();
            continue;
        }
        if let Some(c) = ITEM.captures(raw) {
            flush(&mut para, para_line, &mut blocks);
            let indent = c[1].len();
            while indents.last().is_some_and(|&i| i > indent) {
                indents.pop();
            }
            if indents.last() != Some(&indent) {
                indents.push(indent);
            }
            let marker = &c[2];
            let ordered = marker.chars().next().is_some_and(|ch| ch.is_ascii_digit());
            let text = inline(&c[3]);
            if boilerplate::classify_line(&text).is_none() && !text.is_empty() {
                blocks.push(RawBlock {
                    kind: RawKind::ListItem {
                        ordered,
                        depth: u8::try_from(indents.len() - 1).unwrap_or(u8::MAX),
                        marker: ordered.then(|| marker.to_string()),
                    },
                    text: boilerplate::clean_inline(&text).into_owned(),
                    line: ln,
                });
            }
            continue;
        }
        let t = t.trim_start_matches('>').trim();
        if para.is_empty() {
            para_line = ln;
            // A plain line right after list items is a new paragraph.
            indents.clear();
        }
        para.push(t);
    }
    if in_code.is_some() && !code_buf.is_empty() {
        blocks.push(RawBlock::para(
            code_buf.join("\n"),
            in_code.map_or(0, |c| c.1),
        ));
    }
    flush(&mut para, para_line, &mut blocks);
    (blocks, h1)
}

fn push_heading(
    blocks: &mut Vec<RawBlock>,
    h1: &mut Option<(String, u32)>,
    text: String,
    level: u8,
    line: u32,
) {
    if text.is_empty() {
        return;
    }
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
    let has_heading = body.lines().any(|l| ATX.is_match(l.trim()));
    if fields.is_none() && err.is_none() && !has_heading {
        return (None, None);
    }
    let mut stated = Stated::default();
    let fm_title = fields.as_ref().and_then(|f| apply_fields(f, &mut stated));
    let (mut blocks, h1) = read_body(body, first_line);
    let title = match (fm_title, h1) {
        (Some(t), Some((h, l))) => {
            if crate::text::fold(&t) != crate::text::fold(&h) {
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
            .map(|b| crate::segment::fallback_title(&b.text))
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
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter_subset() {
        let f = parse_yaml("title: \"Wells: a story\"\ndate: 2020-03-04\ntags: [a, 'b']\npeople:\n  - Ana Ruiz\n  - Li Wei\nmeta:\n  editor: Jo\n")
            .expect("valid");
        assert_eq!(f["title"], Value::One("Wells: a story".into()));
        assert_eq!(f["tags"], Value::Many(vec!["a".into(), "b".into()]));
        assert_eq!(
            f["people"],
            Value::Many(vec!["Ana Ruiz".into(), "Li Wei".into()])
        );
        assert_eq!(f["meta.editor"], Value::One("Jo".into()));
    }

    #[test]
    fn broken_yaml_front_matter_is_reported_with_its_line() {
        let src = "---\ntitle: Wells\ndate: [2020\nsource: x\n---\n# Wells\n\nText.\n";
        let (draft, err) = read(src);
        let (msg, line) = err.expect("an error");
        assert!(msg.contains("not valid YAML"), "{msg}");
        assert!((3..=5).contains(&line), "line {line}");
        assert!(draft.is_some(), "the body is still read");
    }

    #[test]
    fn document_with_yaml_front_matter() {
        let src = "---\ntitle: Wells\ndate: March 4, 2020\nsource: Valley Gazette\ncolor: blue\n---\n# Wells\n\nThe *council* met [today](http://x).\n\n## Costs\n\n- Digging\n  - Deep\n1. First\n";
        let (d, err) = read(src);
        let d = d.expect("markdown document");
        assert!(err.is_none());
        assert_eq!(d.title, "Wells");
        assert_eq!(d.stated.date.as_deref(), Some("2020-03-04"));
        assert_eq!(d.stated.source.as_deref(), Some("Valley Gazette"));
        assert_eq!(d.stated.extra["color"], "blue");
        assert_eq!(d.blocks[0], RawBlock::para("The council met today.", 9));
        assert!(matches!(
            d.blocks[1].kind,
            RawKind::Heading { level: 1, .. }
        ));
        assert!(matches!(
            d.blocks[3].kind,
            RawKind::ListItem {
                depth: 1,
                ordered: false,
                ..
            }
        ));
        assert!(matches!(
            d.blocks[4].kind,
            RawKind::ListItem { ordered: true, .. }
        ));
        assert_eq!((d.line_start, d.line_end), (1, 15));
    }

    #[test]
    fn toml_front_matter_and_bad_toml() {
        let (d, err) = read("+++\ntitle = \"T\"\npeople = [\"A B\"]\n+++\nBody text here.\n");
        assert!(err.is_none());
        let d = d.expect("doc");
        assert_eq!(d.title, "T");
        assert_eq!(d.stated.people, vec!["A B".to_string()]);
        let (_, err) = read("+++\ntitle = \n+++\nBody\n");
        assert!(err.expect("error").0.contains("TOML"));
    }

    #[test]
    fn plain_markdown_without_headings_is_left_to_segmentation() {
        assert!(read("Just some text.\n\nMore text.").0.is_none());
    }

    #[test]
    fn raw_html_stays_text() {
        let (d, _) = read("# T\n\n<script>alert(1)</script> is shown as text.\n");
        assert_eq!(
            d.expect("doc").blocks[0].text,
            "<script>alert(1)</script> is shown as text."
        );
    }
}
