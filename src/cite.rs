//! Citations and permalinks for the reading view.

use crate::state::ViewState;

/// The address of `view`: the archive's public URL from `archive.toml`
/// when set (so citations made inside an iframe or from a downloaded copy
/// point at the published archive), else this page's own address.
pub fn permalink(public_url: &str, page_url: &str, view: &ViewState) -> String {
    let base = link_base(public_url, page_url);
    // Only the document and paragraph: a citation names a text, not a search.
    let target = ViewState {
        doc: view.doc.clone(),
        p: view.p,
        ..ViewState::default()
    };
    format!("{base}{}", target.to_hash())
}

/// The archive's address without a fragment: its public URL when it has
/// one, else the page's own.
fn link_base<'a>(public_url: &'a str, page_url: &'a str) -> &'a str {
    if public_url.trim().is_empty() {
        page_url.split('#').next().unwrap_or(page_url)
    } else {
        public_url.trim()
    }
}

/// The link that reopens a whole view: query, filters, dates, sort and
/// the open document (a permalink names only the document).
pub fn share_link(public_url: &str, page_url: &str, view: &ViewState) -> String {
    format!("{}{}", link_base(public_url, page_url), view.to_hash())
}

/// What a citation says about a document.
pub struct CiteInfo<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub source: Option<&'a str>,
    pub date: Option<&'a str>,
    pub archive: &'a str,
    pub url: &'a str,
    /// `YYYY-MM-DD` the reader looked at it.
    pub accessed: &'a str,
    pub source_file: &'a str,
    pub line_start: u32,
    pub line_end: u32,
}

/// A plain-text reference in a common humanities shape.
pub fn plain(c: &CiteInfo<'_>) -> String {
    let mut out = String::new();
    if let Some(source) = c.source.filter(|s| !s.is_empty()) {
        out.push_str(source);
        out.push_str(". ");
    }
    out.push('“');
    out.push_str(c.title.trim_end_matches('.'));
    out.push_str(".” ");
    out.push_str(c.date.unwrap_or("n.d."));
    out.push_str(". In ");
    out.push_str(c.archive);
    out.push_str(". ");
    out.push_str(c.url);
    out.push_str(" (accessed ");
    out.push_str(c.accessed);
    out.push_str(").");
    out
}

/// A BibTeX `@misc` entry.
pub fn bibtex(c: &CiteInfo<'_>) -> String {
    let key = cite_key(c);
    let mut fields: Vec<(&str, String)> = vec![("title", format!("{{{}}}", escape(c.title)))];
    if let Some(source) = c.source.filter(|s| !s.is_empty()) {
        // Double braces: an organisation, not "Last, First".
        fields.push(("author", format!("{{{}}}", escape(source))));
    }
    if let Some(date) = c.date {
        if let Some(year) = date.get(..4) {
            fields.push(("year", year.to_string()));
        }
        fields.push(("date", date.to_string()));
    }
    fields.push(("howpublished", format!("\\url{{{}}}", c.url)));
    fields.push(("urldate", c.accessed.to_string()));
    fields.push((
        "note",
        format!(
            "{}, from {}, lines {}--{}",
            escape(c.archive),
            escape(c.source_file),
            c.line_start,
            c.line_end
        ),
    ));
    let mut out = format!("@misc{{{key},\n");
    for (i, (name, value)) in fields.iter().enumerate() {
        let sep = if i + 1 == fields.len() { "" } else { "," };
        out.push_str(&format!("  {name} = {{{value}}}{sep}\n"));
    }
    out.push('}');
    out
}

fn cite_key(c: &CiteInfo<'_>) -> String {
    let slug = c.id.rsplit('/').next().unwrap_or(c.id);
    let mut key: String = slug
        .chars()
        .map(|ch| if ch.is_ascii_alphanumeric() { ch } else { '-' })
        .take(40)
        .collect();
    if let Some(year) = c.date.and_then(|d| d.get(..4)) {
        key.push(':');
        key.push_str(year);
    }
    if key.is_empty() {
        key.push_str("doc");
    }
    key
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

#[cfg(test)]
mod tests {
    use super::*;

    fn info<'a>(url: &'a str) -> CiteInfo<'a> {
        CiteInfo {
            id: "002-x/secretary-blinken-with-alejandro",
            title: "Secretary Blinken With Alejandro & Co_",
            source: Some("U.S. Department of State"),
            date: Some("2021-10-08"),
            archive: "Test Archive",
            url,
            accessed: "2026-11-26",
            source_file: "002_x.txt",
            line_start: 3,
            line_end: 40,
        }
    }

    #[test]
    fn permalink_prefers_the_public_url() {
        let view = ViewState::from_hash("#q=fentanyl&doc=a%2Fb&p=3&type=x");
        assert_eq!(
            permalink(
                "https://example.org/archive/",
                "file:///tmp/x.html#q=1",
                &view
            ),
            "https://example.org/archive/#doc=a%2Fb&p=3"
        );
        assert_eq!(
            permalink("", "http://127.0.0.1:8080/sub/?embed#q=1", &view),
            "http://127.0.0.1:8080/sub/?embed#doc=a%2Fb&p=3"
        );
    }

    #[test]
    fn a_share_link_keeps_the_whole_view() {
        let view = ViewState::from_hash("#q=fentanyl&type=x&sort=newest");
        assert_eq!(
            share_link("https://example.org/archive/", "http://h/#q=1", &view),
            format!("https://example.org/archive/{}", view.to_hash())
        );
        assert!(share_link("", "http://h/p#q=1", &view).starts_with("http://h/p#q=fentanyl"));
    }

    #[test]
    fn citations_carry_title_date_and_url() {
        let c = info("https://example.org/#doc=a");
        let text = plain(&c);
        assert!(
            text.contains("“Secretary Blinken With Alejandro & Co_.”"),
            "{text}"
        );
        assert!(text.contains("2021-10-08") && text.contains("https://example.org/#doc=a"));
        let bib = bibtex(&c);
        assert!(
            bib.starts_with("@misc{secretary-blinken-with-alejandro:2021,"),
            "{bib}"
        );
        assert!(
            bib.contains("title = {{Secretary Blinken With Alejandro \\& Co\\_}}"),
            "{bib}"
        );
        assert!(bib.contains("lines 3--40"));
        assert!(bib.ends_with("}"));
    }
}
