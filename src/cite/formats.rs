//! Citations for reference managers: BibTeX, RIS and CSL-JSON.

use super::{month_name, CiteInfo, DateParts, Name};
use engine::json::Out;

/// The kind of work, by the document's type; a web page when unknown.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    News,
    Interview,
    Speech,
    Report,
    Broadcast,
    WebPage,
}

impl Kind {
    fn of(doc_type: Option<&str>) -> Kind {
        let t = doc_type.unwrap_or("").to_lowercase();
        let has = |w: &str| t.contains(w);
        if has("news") || has("article") {
            Kind::News
        } else if has("interview") {
            Kind::Interview
        } else if has("speech") || has("remarks") || has("transcript") || has("address") {
            Kind::Speech
        } else if has("report") {
            Kind::Report
        } else if has("radio") || has("programme") || has("podcast") || has("broadcast") {
            Kind::Broadcast
        } else {
            Kind::WebPage
        }
    }

    fn csl(self) -> &'static str {
        match self {
            Kind::News => "article-newspaper",
            Kind::Interview => "interview",
            Kind::Speech => "speech",
            Kind::Report => "report",
            Kind::Broadcast => "broadcast",
            Kind::WebPage => "webpage",
        }
    }

    fn ris(self) -> &'static str {
        match self {
            Kind::News => "NEWS",
            Kind::Report => "RPRT",
            Kind::Broadcast => "SOUND",
            Kind::Interview | Kind::Speech | Kind::WebPage => "ELEC",
        }
    }
}

/// A BibTeX `@misc` entry: authors (speakers, else the publisher as an
/// organisation), title, publisher, year/month/day, `url`, `urldate`.
pub fn bibtex(c: &CiteInfo<'_>) -> String {
    let mut fields: Vec<(&str, String)> = Vec::new();
    if !c.speakers.is_empty() {
        let names: Vec<String> = c
            .speakers
            .iter()
            .map(|s| escape(&Name::split(s).inverted()))
            .collect();
        fields.push(("author", format!("{{{}}}", names.join(" and "))));
    } else if let Some(source) = c.source() {
        // Double braces: an organisation, not "Last, First".
        fields.push(("author", format!("{{{{{}}}}}", escape(source))));
    }
    fields.push(("title", format!("{{{{{}}}}}", escape(c.title()))));
    if let Some(source) = c.source() {
        fields.push(("howpublished", format!("{{{}}}", escape(source))));
    }
    if let Some(d) = c.date_parts() {
        fields.push(("year", format!("{{{}}}", d.year)));
        if let Some(m) = d.month {
            // BibTeX's month macros: the first three letters, lower case.
            fields.push(("month", month_name(m)[..3].to_lowercase()));
        }
        if let Some(day) = d.day {
            fields.push(("day", format!("{{{day}}}")));
        }
    }
    fields.push(("url", format!("{{{}}}", c.url)));
    if c.accessed_parts().is_some() {
        fields.push(("urldate", format!("{{{}}}", c.accessed)));
    }
    if !c.archive.trim().is_empty() {
        fields.push(("note", format!("{{In {}}}", escape(c.archive.trim()))));
    }
    let mut out = format!("@misc{{{},\n", cite_key(c));
    let last = fields.len().saturating_sub(1);
    for (i, (name, value)) in fields.iter().enumerate() {
        let sep = if i == last { "" } else { "," };
        out.push_str(&format!("  {name} = {value}{sep}\n"));
    }
    out.push('}');
    out
}

/// An RIS record (CRLF line ends, as the format wants).
pub fn ris(c: &CiteInfo<'_>) -> String {
    let mut lines: Vec<(&str, String)> = vec![
        ("TY", Kind::of(c.doc_type).ris().to_string()),
        ("TI", c.title().to_string()),
    ];
    for s in c.speakers {
        lines.push(("AU", Name::split(s).inverted()));
    }
    if let Some(source) = c.source() {
        lines.push(("PB", source.to_string()));
    }
    if let Some(d) = c.date_parts() {
        lines.push(("PY", d.year.to_string()));
        lines.push(("DA", ris_date(d)));
    }
    lines.push(("UR", c.url.to_string()));
    if let Some(a) = c.accessed_parts() {
        lines.push(("Y2", ris_date(a)));
    }
    if !c.archive.trim().is_empty() {
        lines.push(("DB", c.archive.trim().to_string()));
    }
    lines.push(("ER", String::new()));
    lines
        .iter()
        .map(|(tag, value)| format!("{tag}  - {}\r\n", one_line(value)))
        .collect()
}

/// "2021/10/08/", "2021/10//", "2021///"
fn ris_date(d: DateParts) -> String {
    let two = |n: Option<u32>| n.map(|n| format!("{n:02}")).unwrap_or_default();
    format!("{}/{}/{}/", d.year, two(d.month), two(d.day))
}

/// A CSL-JSON date: `{"date-parts": [[2021, 10, 8]]}`.
fn csl_date(d: DateParts) -> Out {
    let parts = d.numbers().into_iter().map(Out::Int).collect();
    Out::Object(vec![("date-parts", Out::List(vec![Out::List(parts)]))])
}

/// A CSL-JSON array holding the one item (what Zotero, Mendeley and
/// citeproc import).
pub fn csl_json(c: &CiteInfo<'_>) -> String {
    let kind = Kind::of(c.doc_type);
    let authors: Vec<Out> = c
        .speakers
        .iter()
        .map(|s| {
            let n = Name::split(s);
            let mut name = vec![("family", Out::str(n.family))];
            if !n.given.is_empty() {
                name.push(("given", Out::str(n.given)));
            }
            Out::Object(name)
        })
        .collect();
    // Fields in the order citeproc documents them; empty ones left out.
    let mut item = vec![
        ("id", Out::Str(cite_key(c))),
        ("type", Out::str(kind.csl())),
        ("title", Out::str(c.title())),
    ];
    if !authors.is_empty() {
        item.push(("author", Out::List(authors)));
    }
    if let Some(source) = c.source() {
        item.push(("publisher", Out::str(source)));
        if kind == Kind::News {
            item.push(("container-title", Out::str(source)));
        }
    }
    if let Some(d) = c.date_parts() {
        item.push(("issued", csl_date(d)));
    }
    if let Some(d) = c.accessed_parts() {
        item.push(("accessed", csl_date(d)));
    }
    item.push(("URL", Out::str(c.url)));
    if !c.archive.trim().is_empty() {
        item.push(("archive", Out::str(c.archive.trim())));
    }
    Out::List(vec![Out::Object(item)]).pretty()
}

/// `blinken2021secretary`: first author's family name (or the
/// publisher's first word), year, first long title word; ASCII only.
fn cite_key(c: &CiteInfo<'_>) -> String {
    let ascii = |s: &str| -> String {
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|ch| ch.to_ascii_lowercase())
            .collect()
    };
    let who = c
        .speakers
        .first()
        .map(|s| ascii(Name::split(s).family))
        .or_else(|| {
            c.source()
                .and_then(|s| s.split_whitespace().next())
                .map(ascii)
        })
        .unwrap_or_default();
    let year = c
        .date_parts()
        .map(|d| d.year.to_string())
        .unwrap_or_default();
    let word = c
        .title()
        .split_whitespace()
        .map(ascii)
        .find(|w| w.len() > 3)
        .unwrap_or_default();
    let key = format!("{who}{year}{word}");
    if key.is_empty() {
        "doc".to_string()
    } else {
        key
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' | '%' | '$' | '#' | '_' | '{' | '}' => {
                out.push('\\');
                out.push(ch);
            }
            '\\' => out.push_str("\\textbackslash{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            _ => out.push(ch),
        }
    }
    out
}
