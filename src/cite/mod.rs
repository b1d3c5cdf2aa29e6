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
fn link_base(public_url: &str, page_url: &str) -> String {
    if !public_url.trim().is_empty() {
        return public_url.trim().to_string();
    }
    let page = page_url.split('#').next().unwrap_or(page_url);
    // A link made inside an embedding frame opens the full reader, not the
    // frame's view of it.
    match page.split_once('?') {
        Some((path, query)) => {
            let kept: Vec<&str> = query
                .split('&')
                .filter(|p| !p.is_empty() && *p != "embed" && !p.starts_with("embed="))
                .collect();
            if kept.is_empty() {
                path.to_string()
            } else {
                format!("{path}?{}", kept.join("&"))
            }
        }
        None => page.to_string(),
    }
}

/// Why a citation's link may not reach a reader elsewhere, when it may not:
/// no public URL is set and the page's own address is local.
pub fn link_caveat(public_url: &str, page_url: &str) -> Option<&'static str> {
    if !public_url.trim().is_empty() {
        return None;
    }
    let local = page_url.starts_with("file:")
        || ["//localhost", "//127.", "//[::1]", "//0.0.0.0"]
            .iter()
            .any(|h| page_url.contains(h));
    Some(if local {
        "This archive sets no public address (public_url in archive.toml), so the link is this copy's own address, which works only on this computer."
    } else {
        "This archive sets no public address (public_url in archive.toml), so the link is the address this page was opened at."
    })
}

/// The link that reopens a whole view: query, filters, dates, sort and
/// the open document (a permalink names only the document).
pub fn share_link(public_url: &str, page_url: &str, view: &ViewState) -> String {
    format!("{}{}", link_base(public_url, page_url), view.to_hash())
}

mod formats;
mod styles;

pub use formats::{bibtex, csl_json, ris};
pub use styles::{format_style, Style};

/// What a citation says about a document. Never internal file names or
/// line numbers: those are the archive's bookkeeping, not the reader's.
pub struct CiteInfo<'a> {
    pub title: &'a str,
    /// People who speak in it, as full names: its authors when it has any.
    pub speakers: &'a [String],
    /// The publisher.
    pub source: Option<&'a str>,
    /// ISO 8601, possibly only `YYYY` or `YYYY-MM`.
    pub date: Option<&'a str>,
    /// e.g. "news article", "interview", "press release".
    pub doc_type: Option<&'a str>,
    pub archive: &'a str,
    /// The document's permalink, or the passage's when citing one.
    pub url: &'a str,
    /// `YYYY-MM-DD` the reader looked at it.
    pub accessed: &'a str,
}

/// A date as its printed parts: year, then month and day when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateParts {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl DateParts {
    /// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; anything else is no date.
    pub fn parse(iso: &str) -> Option<DateParts> {
        let mut parts = iso.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = match parts.next() {
            Some(m) => Some(m.parse().ok().filter(|m| (1..=12).contains(m))?),
            None => None,
        };
        let day = match parts.next() {
            Some(d) => Some(d.parse().ok().filter(|d| (1..=31).contains(d))?),
            None => None,
        };
        Some(DateParts { year, month, day })
    }

    /// The numbers a structured format wants, as many as are known.
    pub fn numbers(&self) -> Vec<i64> {
        let mut out = vec![i64::from(self.year)];
        if let Some(m) = self.month {
            out.push(i64::from(m));
            if let Some(d) = self.day {
                out.push(i64::from(d));
            }
        }
        out
    }
}

fn month_name(m: u32) -> &'static str {
    engine::MONTH_NAMES[(m.clamp(1, 12) - 1) as usize]
}

/// A personal name split for reference formats: the last word is the
/// family name ("Antony J. Blinken" → Blinken, Antony J.). A one-word name
/// is all family name.
pub struct Name<'a> {
    pub given: &'a str,
    pub family: &'a str,
}

impl<'a> Name<'a> {
    pub fn split(full: &'a str) -> Name<'a> {
        let full = full.trim();
        match full.rfind(' ') {
            Some(i) => Name {
                given: full[..i].trim(),
                family: full[i + 1..].trim(),
            },
            None => Name {
                given: "",
                family: full,
            },
        }
    }

    /// "Blinken, Antony J."
    pub fn inverted(&self) -> String {
        if self.given.is_empty() {
            self.family.to_string()
        } else {
            format!("{}, {}", self.family, self.given)
        }
    }

    /// "Blinken, A. J." (APA)
    pub fn initials(&self) -> String {
        let initials: Vec<String> = self
            .given
            .split([' ', '-'])
            .filter_map(|w| w.trim_matches('.').chars().next())
            .map(|c| format!("{c}."))
            .collect();
        if initials.is_empty() {
            self.family.to_string()
        } else {
            format!("{}, {}", self.family, initials.join(" "))
        }
    }
}

impl CiteInfo<'_> {
    fn date_parts(&self) -> Option<DateParts> {
        self.date.and_then(DateParts::parse)
    }

    fn accessed_parts(&self) -> Option<DateParts> {
        DateParts::parse(self.accessed)
    }

    fn source(&self) -> Option<&str> {
        self.source.map(str::trim).filter(|s| !s.is_empty())
    }

    fn title(&self) -> &str {
        self.title.trim().trim_end_matches('.')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEAKERS: [&str; 2] = ["Antony J. Blinken", "Alejandro Domínguez"];

    fn info<'a>(url: &'a str, speakers: &'a [String]) -> CiteInfo<'a> {
        CiteInfo {
            title: "Secretary Blinken With Alejandro & Co_",
            speakers,
            source: Some("U.S. Department of State"),
            date: Some("2021-10-08"),
            doc_type: Some("interview"),
            archive: "Test Archive",
            url,
            accessed: "2026-11-26",
        }
    }

    fn speakers() -> Vec<String> {
        SPEAKERS.iter().map(|s| s.to_string()).collect()
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
            "http://127.0.0.1:8080/sub/#doc=a%2Fb&p=3",
            "a link from the embed frame opens the full reader"
        );
        assert_eq!(
            permalink("", "http://h/x/?lang=en&embed=1#q=1", &view),
            "http://h/x/?lang=en#doc=a%2Fb&p=3"
        );
        assert!(link_caveat("", "file:///tmp/offline.html")
            .unwrap()
            .contains("only on this computer"));
        assert!(link_caveat("", "https://archive.example/").is_some());
        assert_eq!(link_caveat("https://example.org/", "file:///x"), None);
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
    fn dates_are_read_as_their_parts() {
        let d = DateParts::parse("2021-10-08").unwrap();
        assert_eq!((d.year, d.month, d.day), (2021, Some(10), Some(8)));
        assert_eq!(
            DateParts::parse("2021-10").unwrap().numbers(),
            vec![2021, 10]
        );
        assert_eq!(DateParts::parse("1999").unwrap().numbers(), vec![1999]);
        assert_eq!(DateParts::parse("2021-13-01"), None);
        assert_eq!(DateParts::parse("soon"), None);
    }

    #[test]
    fn text_styles_print_dates_as_words_and_name_the_speakers() {
        let sp = speakers();
        let c = info("https://example.org/#doc=a", &sp);
        let plain = format_style(Style::Plain, &c);
        assert_eq!(
            plain,
            "Antony J. Blinken and Alejandro Domínguez. “Secretary Blinken With Alejandro & Co_.” \
             U.S. Department of State, 8 October 2021. In Test Archive. \
             https://example.org/#doc=a (accessed 26 November 2026)."
        );
        let apa = format_style(Style::Apa, &c);
        assert!(
            apa.starts_with("Blinken, A. J., & Domínguez, A. (2021, October 8). Secretary Blinken"),
            "{apa}"
        );
        assert!(apa.ends_with("Retrieved November 26, 2026, from https://example.org/#doc=a"));
        let chicago = format_style(Style::Chicago, &c);
        assert!(
            chicago.starts_with("Blinken, Antony J., and Alejandro Domínguez. “Secretary"),
            "{chicago}"
        );
        assert!(chicago.contains("U.S. Department of State, October 8, 2021."));
        for text in [&plain, &apa, &chicago] {
            assert!(!text.contains("2021-10-08"), "no ISO date: {text}");
        }
    }

    #[test]
    fn without_speakers_the_publisher_is_the_author() {
        let c = info("u", &[]);
        let apa = format_style(Style::Apa, &c);
        assert!(
            apa.starts_with("U.S. Department of State. (2021, October 8). Secretary"),
            "{apa}"
        );
        assert_eq!(apa.matches("Department of State").count(), 1, "{apa}");
        let bib = bibtex(&c);
        assert!(
            bib.contains("author = {{U.S. Department of State}}"),
            "{bib}"
        );
    }

    #[test]
    fn bibtex_has_speakers_url_and_date_parts_and_no_file_names() {
        let sp = speakers();
        let bib = bibtex(&info("https://example.org/#doc=a", &sp));
        assert!(bib.starts_with("@misc{blinken2021secretary,\n"), "{bib}");
        assert!(bib.contains("author = {Blinken, Antony J. and Domínguez, Alejandro},"));
        assert!(bib.contains("title = {{Secretary Blinken With Alejandro \\& Co\\_}},"));
        assert!(
            bib.contains("year = {2021},\n  month = oct,\n  day = {8},"),
            "{bib}"
        );
        assert!(bib.contains("url = {https://example.org/#doc=a},"));
        assert!(bib.contains("urldate = {2026-11-26}"));
        assert!(!bib.contains("howpublished = {\\url"));
        assert!(!bib.contains(".txt") && !bib.contains("lines"));
        assert!(bib.ends_with("}"));
    }

    #[test]
    fn ris_is_one_tagged_record() {
        let sp = speakers();
        let ris = ris(&info("https://example.org/#doc=a", &sp));
        let lines: Vec<&str> = ris.split("\r\n").collect();
        assert_eq!(lines[0], "TY  - ELEC");
        assert!(lines.contains(&"AU  - Blinken, Antony J."));
        assert!(lines.contains(&"DA  - 2021/10/08/"));
        assert!(lines.contains(&"Y2  - 2026/11/26/"));
        assert!(lines.contains(&"UR  - https://example.org/#doc=a"));
        assert_eq!(lines[lines.len() - 2], "ER  - ");
    }

    #[test]
    fn csl_json_is_an_item_array_with_date_parts() {
        let sp = speakers();
        let json = csl_json(&info("https://example.org/#doc=a", &sp));
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let item = &v[0];
        assert_eq!(item["type"], "interview");
        assert_eq!(item["author"][0]["family"], "Blinken");
        assert_eq!(item["author"][0]["given"], "Antony J.");
        assert_eq!(
            item["issued"]["date-parts"][0],
            serde_json::json!([2021, 10, 8])
        );
        assert_eq!(
            item["accessed"]["date-parts"][0],
            serde_json::json!([2026, 11, 26])
        );
        assert_eq!(item["URL"], "https://example.org/#doc=a");
        assert_eq!(item["publisher"], "U.S. Department of State");
    }
}
