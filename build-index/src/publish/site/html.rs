//! Just enough HTML handling for the site writer: escaping text we emit, and
//! scanning the tags of the reader's own `index.html` (written by Trunk, so
//! well-formed and double-quoted) to find its assets and inline scripts.
//! This is not a general HTML parser and is never run on corpus text.

/// Escapes text for element content and double-quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Percent-encodes a value for `application/x-www-form-urlencoded` (the
/// reader's URL-hash scheme, as the reader writes it).
pub fn form_encode(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// Everything but RFC 3986's unreserved characters.
const PATH_SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes one URL path segment (for sitemap `<loc>` values).
pub fn path_encode(segment: &str) -> String {
    percent_encoding::utf8_percent_encode(segment, PATH_SEGMENT).to_string()
}

/// One start tag found in a document, with its byte span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// Lowercased element name.
    pub name: String,
    pub attrs: Vec<(String, String)>,
    /// Byte range of the start tag (`<` .. `>` inclusive).
    pub start: usize,
    pub end: usize,
}

impl Tag {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// True when the tag's `rel` lists `token` (link types are
    /// case-insensitive and space-separated: `rel="preload"`,
    /// `rel="shortcut icon"`). `token` is lowercase.
    pub fn has_rel(&self, token: &str) -> bool {
        self.attr("rel").is_some_and(|rel| {
            rel.split_whitespace()
                .any(|r| r.eq_ignore_ascii_case(token))
        })
    }
}

/// A `<script>` element: its start tag and the byte range of its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Script {
    pub tag: Tag,
    pub content_start: usize,
    pub content_end: usize,
    /// End of the closing `</script>` tag.
    pub end: usize,
}

/// All start tags named `name` (case-insensitive), skipping comments and
/// the content of script and style elements.
pub fn find_tags(html: &str, name: &str) -> Vec<Tag> {
    scan(html)
        .into_iter()
        .filter(|t| t.name.eq_ignore_ascii_case(name))
        .collect()
}

/// All script elements with their content ranges.
pub fn find_scripts(html: &str) -> Vec<Script> {
    let mut out = Vec::new();
    for tag in scan(html) {
        if tag.name != "script" {
            continue;
        }
        let content_start = tag.end;
        let Some(close) = find_ci(html, content_start, "</script") else {
            continue;
        };
        let end = html[close..]
            .find('>')
            .map_or(html.len(), |i| close + i + 1);
        out.push(Script {
            tag,
            content_start,
            content_end: close,
            end,
        });
    }
    out
}

fn find_ci(haystack: &str, from: usize, needle: &str) -> Option<usize> {
    let hay = haystack.as_bytes();
    let needle = needle.as_bytes();
    (from..hay.len().saturating_sub(needle.len() - 1))
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

fn scan(html: &str) -> Vec<Tag> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        if html[i..].starts_with("<!--") {
            i = html[i..].find("-->").map_or(bytes.len(), |j| i + j + 3);
            continue;
        }
        let name_start = i + 1;
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        if name_len == 0 {
            i += 1;
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let (attrs, end) = parse_attrs(html, name_start + name_len);
        tags.push(Tag {
            name: name.clone(),
            attrs,
            start: i,
            end,
        });
        i = end;
        // Raw-text elements: their content is not markup.
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            i = find_ci(html, i, &close).unwrap_or(bytes.len());
        }
    }
    tags
}

/// Parses attributes from `pos` up to the closing `>`; returns them and the
/// position just after the `>`.
fn parse_attrs(html: &str, mut pos: usize) -> (Vec<(String, String)>, usize) {
    let bytes = html.as_bytes();
    let mut attrs = Vec::new();
    loop {
        while pos < bytes.len() && (bytes[pos].is_ascii_whitespace() || bytes[pos] == b'/') {
            pos += 1;
        }
        if pos >= bytes.len() {
            return (attrs, bytes.len());
        }
        if bytes[pos] == b'>' {
            return (attrs, pos + 1);
        }
        let key_start = pos;
        while pos < bytes.len()
            && !bytes[pos].is_ascii_whitespace()
            && !matches!(bytes[pos], b'=' | b'>' | b'/')
        {
            pos += 1;
        }
        let key = html[key_start..pos].to_ascii_lowercase();
        let mut value = String::new();
        if pos < bytes.len() && bytes[pos] == b'=' {
            pos += 1;
            if pos < bytes.len() && (bytes[pos] == b'"' || bytes[pos] == b'\'') {
                let quote = bytes[pos];
                let v_start = pos + 1;
                let v_end = bytes[v_start..]
                    .iter()
                    .position(|b| *b == quote)
                    .map_or(bytes.len(), |j| v_start + j);
                value = unescape_attr(&html[v_start..v_end]);
                pos = (v_end + 1).min(bytes.len());
            } else {
                let v_start = pos;
                while pos < bytes.len() && !bytes[pos].is_ascii_whitespace() && bytes[pos] != b'>' {
                    pos += 1;
                }
                value = unescape_attr(&html[v_start..pos]);
            }
        }
        if key.is_empty() {
            pos += 1;
            continue;
        }
        attrs.push((key, value));
    }
}

fn unescape_attr(v: &str) -> String {
    v.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralises_markup_and_quotes() {
        assert_eq!(
            escape(r#"<script>alert("x") & 'y'</script>"#),
            "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn form_encode_matches_urlsearchparams() {
        assert_eq!(form_encode("a b/c-é"), "a+b%2Fc-%C3%A9");
    }

    #[test]
    fn path_encode_keeps_only_unreserved() {
        assert_eq!(path_encode("a b~c_d.e-f/é"), "a%20b~c_d.e-f%2F%C3%A9");
    }

    #[test]
    fn scanner_finds_links_and_script_contents() {
        let html = r#"<!doctype html><html><head><!-- <link href="no"> -->
<link rel="stylesheet" href="./styles-1.css" integrity="sha384-x"/>
<script type="module">import init from './a.js'; if (1 < 2) { "<link>" }</script>
</head><body><LINK REL=icon href='f.png'></body></html>"#;
        let links = find_tags(html, "link");
        assert_eq!(links.len(), 2);
        assert_eq!(links[0].attr("href"), Some("./styles-1.css"));
        assert_eq!(links[1].attr("rel"), Some("icon"));
        assert!(links[1].has_rel("icon") && !links[0].has_rel("icon"));
        let shortcut = &find_tags(r#"<link rel="Shortcut  ICON" href="f.ico">"#, "link")[0];
        assert!(shortcut.has_rel("icon") && shortcut.has_rel("shortcut"));
        assert!(!shortcut.has_rel("shortcut icon"));
        assert_eq!(links[1].attr("href"), Some("f.png"));
        let scripts = find_scripts(html);
        assert_eq!(scripts.len(), 1);
        let s = &scripts[0];
        assert!(html[s.content_start..s.content_end].starts_with("import init"));
        assert_eq!(&html[s.end - 9..s.end], "</script>");
    }
}
