//! Reading HTML pages: a small tolerant tokenizer (tags, attributes,
//! entities, comments, raw-text elements) and a block builder that keeps the
//! article and drops page chrome (`nav`, `header`, `footer`, `aside`, forms,
//! scripts, and elements whose role/class/id says navigation, menu, sidebar,
//! share, related, breadcrumb, cookie or comments).
//!
//! Text comes out as text: markup inside the page is never passed on, and
//! what scripts contain is never read.

use crate::boilerplate;
use crate::draft::{Draft, RawBlock, RawKind, Stated};
use crate::metadata::parse_date;
use crate::text::squash_spaces;

#[derive(Debug)]
enum Token {
    Text(String),
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        self_closing: bool,
    },
    End(String),
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "noembed", "noframes", "template",
];
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
    "td",
    "th",
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

/// Named character references seen in real pages; unknown ones stay as written.
fn entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => " ",
        "ensp" => " ",
        "emsp" => " ",
        "thinsp" => " ",
        "mdash" => "—",
        "ndash" => "–",
        "hellip" => "…",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "laquo" => "«",
        "raquo" => "»",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "deg" => "°",
        "middot" => "·",
        "bull" => "•",
        "shy" => "",
        "zwj" => "",
        "zwnj" => "",
        "aacute" => "á",
        "eacute" => "é",
        "iacute" => "í",
        "oacute" => "ó",
        "uacute" => "ú",
        "Aacute" => "Á",
        "Eacute" => "É",
        "Iacute" => "Í",
        "Oacute" => "Ó",
        "Uacute" => "Ú",
        "ntilde" => "ñ",
        "Ntilde" => "Ñ",
        "uuml" => "ü",
        "Uuml" => "Ü",
        "ouml" => "ö",
        "Ouml" => "Ö",
        "auml" => "ä",
        "Auml" => "Ä",
        "ccedil" => "ç",
        "Ccedil" => "Ç",
        "agrave" => "à",
        "egrave" => "è",
        "ecirc" => "ê",
        "acirc" => "â",
        "ocirc" => "ô",
        "iexcl" => "¡",
        "iquest" => "¿",
        "euro" => "€",
        "pound" => "£",
        "sect" => "§",
        "para" => "¶",
        "times" => "×",
        "divide" => "÷",
        "frac12" => "½",
        "prime" => "′",
        "Prime" => "″",
        "szlig" => "ß",
        "oslash" => "ø",
        "aring" => "å",
        _ => return None,
    })
}

/// Decodes character references in text or attribute values.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find(';').filter(|&e| e <= 32);
        let decoded = end.and_then(|e| {
            let name = &after[..e];
            if let Some(num) = name.strip_prefix('#') {
                let code = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse().ok(),
                };
                code.and_then(char::from_u32).map(|c| c.to_string())
            } else {
                entity(name).map(str::to_string)
            }
        });
        match (decoded, end) {
            (Some(d), Some(e)) => {
                out.push_str(&d);
                rest = &after[e + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Splits a page into tokens, each with the 1-based line it starts on.
fn tokenize(src: &str) -> Vec<(Token, u32)> {
    let mut out = Vec::new();
    let mut line: u32 = 1;
    let mut i = 0;
    let b = src.as_bytes();
    let count_lines =
        |s: &str| u32::try_from(s.bytes().filter(|&c| c == b'\n').count()).unwrap_or(0);
    while i < b.len() {
        if b[i] == b'<' {
            if src[i..].starts_with("<!--") {
                let end = src[i + 4..].find("-->").map_or(b.len(), |e| i + 4 + e + 3);
                line += count_lines(&src[i..end]);
                i = end;
                continue;
            }
            if src[i..].starts_with("<!") || src[i..].starts_with("<?") {
                let end = src[i..].find('>').map_or(b.len(), |e| i + e + 1);
                line += count_lines(&src[i..end]);
                i = end;
                continue;
            }
            let is_end = b.get(i + 1) == Some(&b'/');
            let name_start = if is_end { i + 2 } else { i + 1 };
            if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
                // A lone "<" in text.
                out.push((Token::Text("<".into()), line));
                i += 1;
                continue;
            }
            let Some(close) = find_tag_end(&src[i..]) else {
                out.push((Token::Text(src[i..].to_string()), line));
                break;
            };
            let tag = &src[i..i + close + 1];
            let start_line = line;
            line += count_lines(tag);
            i += close + 1;
            let inner = tag[name_start - (i - close - 1)..tag.len() - 1].trim_end_matches('/');
            let name_len = inner
                .find(|c: char| c.is_whitespace() || c == '/')
                .unwrap_or(inner.len());
            let name = inner[..name_len].to_ascii_lowercase();
            if is_end {
                out.push((Token::End(name), start_line));
                continue;
            }
            let attrs = parse_attrs(&inner[name_len..]);
            let self_closing = tag.ends_with("/>");
            let raw = RAW_TEXT.contains(&name.as_str());
            out.push((
                Token::Start {
                    name: name.clone(),
                    attrs,
                    self_closing,
                },
                start_line,
            ));
            if raw && !self_closing {
                let lower = src[i..].to_ascii_lowercase();
                let end = lower.find(&format!("</{name}")).map_or(b.len(), |e| i + e);
                let text = &src[i..end];
                if name == "title" || name == "textarea" {
                    out.push((Token::Text(text.to_string()), line));
                }
                line += count_lines(text);
                i = end;
            }
        } else {
            let end = src[i..].find('<').map_or(b.len(), |e| i + e);
            let text = &src[i..end];
            out.push((Token::Text(text.to_string()), line));
            line += count_lines(text);
            i = end;
        }
    }
    out
}

/// Index of the `>` closing the tag that starts `s`, skipping quoted values.
fn find_tag_end(s: &str) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (k, &c) in s.as_bytes().iter().enumerate().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(c),
            (None, b'>') => return Some(k),
            _ => {}
        }
    }
    None
}

fn parse_attrs(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = s.trim();
    while !rest.is_empty() {
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '=')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = rest[name_end..].trim_start();
        let mut value = String::new();
        if let Some(r) = rest.strip_prefix('=') {
            let r = r.trim_start();
            if let Some(q) = r.chars().next().filter(|c| *c == '"' || *c == '\'') {
                let body = &r[1..];
                let end = body.find(q).unwrap_or(body.len());
                value = decode_entities(&body[..end]);
                rest = body.get(end + 1..).unwrap_or("");
            } else {
                let end = r.find(char::is_whitespace).unwrap_or(r.len());
                value = decode_entities(&r[..end]);
                rest = &r[end..];
            }
        }
        if !name.is_empty() {
            out.push((name, value));
        }
        rest = rest.trim_start();
    }
    out
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

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

/// Reads one HTML page into a document draft.
pub fn read(src: &str) -> Draft {
    let tokens = tokenize(src);
    // Only what is inside <main> or <article> counts, when the page has one.
    let has_content_root = tokens.iter().any(
        |(t, _)| matches!(t, Token::Start { name, .. } if name == "main" || name == "article"),
    );
    let mut stated = Stated::default();
    let mut page_title = String::new();
    let mut blocks: Vec<RawBlock> = Vec::new();
    let mut buf = String::new();
    let mut buf_line = 0u32;
    let mut cur_kind = RawKind::Paragraph;
    let mut skip_depth: Vec<String> = Vec::new();
    let mut content_depth = 0usize;
    let mut lists: Vec<(bool, u32)> = Vec::new();
    let mut in_title = false;
    let mut in_pre = false;
    let mut h1: Option<(String, u32)> = None;

    let flush = |buf: &mut String,
                 kind: &RawKind,
                 line: u32,
                 blocks: &mut Vec<RawBlock>,
                 h1: &mut Option<(String, u32)>| {
        let text = squash_spaces(&buf.replace('\n', " "));
        buf.clear();
        if text.is_empty() || boilerplate::classify_line(&text).is_some() {
            return;
        }
        let text = boilerplate::clean_inline(&text).into_owned();
        if let RawKind::Heading { level: 0, .. } = kind {
            if h1.is_none() {
                *h1 = Some((text, line));
                return;
            }
            blocks.push(RawBlock {
                kind: RawKind::Heading {
                    level: 1,
                    explicit: true,
                },
                text,
                line,
            });
            return;
        }
        blocks.push(RawBlock {
            kind: kind.clone(),
            text,
            line,
        });
    };

    for (tok, line) in tokens {
        match tok {
            Token::Start {
                name,
                attrs,
                self_closing,
            } => {
                if name == "html" {
                    if let Some(l) = attr(&attrs, "lang") {
                        let code = l.split(['-', '_']).next().unwrap_or("").to_lowercase();
                        if code.len() == 2 {
                            stated.lang = Some(code);
                        }
                    }
                }
                if name == "meta" {
                    read_meta(&attrs, &mut stated);
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
                let in_content = !has_content_root || content_depth > 0;
                if is_chrome(&name, &attrs, content_depth > 0) {
                    if !VOID.contains(&name.as_str()) && !self_closing {
                        skip_depth.push(name);
                    }
                    continue;
                }
                if name == "main" || name == "article" {
                    content_depth += 1;
                }
                if name == "time" && stated.date.is_none() && in_content {
                    stated.date = attr(&attrs, "datetime").and_then(parse_date);
                }
                if BLOCK.contains(&name.as_str()) {
                    if in_content {
                        flush(&mut buf, &cur_kind, buf_line, &mut blocks, &mut h1);
                    } else {
                        buf.clear();
                    }
                    cur_kind = match name.as_str() {
                        "h1" => RawKind::Heading {
                            level: 0,
                            explicit: true,
                        },
                        "h2" | "h3" | "h4" | "h5" | "h6" => {
                            let n: u8 = name[1..].parse().unwrap_or(2);
                            RawKind::Heading {
                                level: n - 1,
                                explicit: true,
                            }
                        }
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
                if let Some(pos) = skip_depth.iter().rposition(|n| *n == name) {
                    skip_depth.truncate(pos);
                    continue;
                }
                if !skip_depth.is_empty() {
                    continue;
                }
                let in_content = !has_content_root || content_depth > 0;
                if BLOCK.contains(&name.as_str()) {
                    if in_content {
                        flush(&mut buf, &cur_kind, buf_line, &mut blocks, &mut h1);
                    } else {
                        buf.clear();
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
            }
            Token::Text(t) => {
                if in_title {
                    page_title.push_str(&decode_entities(&t));
                    continue;
                }
                if !skip_depth.is_empty() {
                    continue;
                }
                let t = decode_entities(&t);
                if buf.trim().is_empty() {
                    // The block starts at its first non-blank text.
                    let lead = t.len() - t.trim_start().len();
                    buf_line = line + u32::try_from(t[..lead].matches('\n').count()).unwrap_or(0);
                }
                buf.push_str(&t);
            }
        }
    }
    flush(&mut buf, &cur_kind, buf_line, &mut blocks, &mut h1);

    let page_title = squash_spaces(&crate::text::normalize(&page_title));
    // The <title> names the site after a separator even when <h1> gives the title.
    let title_tag = strip_site_suffix(&page_title, &mut stated);
    let (title, title_line) = match h1 {
        Some((t, l)) => (t, l),
        None => (title_tag, 0),
    };
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

/// "Water rules | Valley Gazette" → "Water rules"; the site name becomes
/// the source when no meta tag named one.
fn strip_site_suffix(t: &str, stated: &mut Stated) -> String {
    for sep in [" | ", " – ", " — ", " - ", " :: "] {
        if let Some(pos) = t.rfind(sep) {
            let (head, site) = (t[..pos].trim(), t[pos + sep.len()..].trim());
            if !head.is_empty() && site.split_whitespace().count() <= 5 {
                if stated.source.is_none() {
                    stated.source = Some(site.to_string());
                }
                return head.to_string();
            }
        }
    }
    t.to_string()
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
mod tests {
    use super::*;

    const PAGE: &str = "<!doctype html>\n<html lang=\"es-MX\"><head><title>Wells &amp; water | Valley Gazette</title>\n\
        <meta name=\"date\" content=\"2020-03-04\"><script>var x = '<p>not text</p>';</script></head>\n<body>\n\
        <nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\n<main>\n<h1>Wells &amp; water</h1>\n\
        <p>The council met on\nTuesday.</p>\n<h2>Costs</h2>\n<ul><li>Digging</li><li>Pumps<ol><li>Electric</li></ol></li></ul>\n\
        <div class=\"share-buttons\">Share this</div>\n<p>Read more</p>\n</main>\n<footer>© 2020 Valley Gazette</footer>\n</body></html>";

    #[test]
    fn keeps_article_drops_chrome_and_scripts() {
        let d = read(PAGE);
        assert_eq!(d.title, "Wells & water");
        assert_eq!(d.stated.date.as_deref(), Some("2020-03-04"));
        assert_eq!(d.stated.lang.as_deref(), Some("es"));
        assert_eq!(
            d.stated.source.as_deref(),
            Some("Valley Gazette"),
            "the <title> names the site"
        );
        let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "The council met on Tuesday.",
                "Costs",
                "Digging",
                "Pumps",
                "Electric"
            ]
        );
        assert_eq!(d.blocks[0].line, 8);
        assert!(matches!(
            d.blocks[1].kind,
            RawKind::Heading { level: 1, .. }
        ));
        assert!(matches!(
            d.blocks[4].kind,
            RawKind::ListItem {
                ordered: true,
                depth: 1,
                ..
            }
        ));
        assert!(!texts
            .iter()
            .any(|t| t.contains("not text") || t.contains("Home")));
    }

    #[test]
    fn title_tag_with_site_suffix_names_the_source() {
        let d = read("<title>Flood report – River News</title><p>Text of the report.</p>");
        assert_eq!(d.title, "Flood report");
        assert_eq!(d.stated.source.as_deref(), Some("River News"));
    }

    #[test]
    fn entities_and_stray_angle_brackets() {
        assert_eq!(
            decode_entities("a &lt;b&gt; &#233; &#x2014; &bogus; &"),
            "a <b> é — &bogus; &"
        );
        let d = read("<p>1 < 2 and &lt;script&gt;alert(1)&lt;/script&gt;</p>");
        assert_eq!(d.blocks[0].text, "1 < 2 and <script>alert(1)</script>");
    }
}
