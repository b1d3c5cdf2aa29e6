//! The tokenizer: tags with attributes, text, entities, comments and
//! raw-text elements, each token with the 1-based line it starts on. Tolerant
//! of anything a scraped page contains; it never fails.

#[derive(Debug)]
pub(super) enum Token {
    Text(String),
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        self_closing: bool,
    },
    End(String),
}

pub(super) const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "noembed", "noframes", "template",
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
pub(super) fn tokenize(src: &str) -> Vec<(Token, u32)> {
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

pub(super) fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}
