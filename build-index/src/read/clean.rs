//! The archivist's cleaning rules (`[[clean]]` in archive.toml), for pages
//! the defaults get wrong: per glob of corpus-relative paths, lines to drop
//! before a file is read, and for HTML the one element that holds the main
//! text (Pagefind's `data-pagefind-body` is the known idea).
//!
//! ```toml
//! [[clean]]
//! files = "news/**/*.html"          # default: every file
//! main = "div.article-body"         # tag, .class, #id, [attr] or [attr=value], combined
//! drop_lines = ["^Advertisement$", "^Share this"]
//! ```
//!
//! A dropped line becomes an empty line, so line numbers stay those of the
//! file. The `main` selector is a compound selector matched on the page's
//! tags (no combinators: the element is found in the token stream, which
//! keeps each block's source line, where a DOM would not).

use regex::Regex;
use serde::Deserialize;

/// One `[[clean]]` entry as written.
#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct CleanEntry {
    #[serde(default)]
    pub files: Option<String>,
    #[serde(default)]
    pub main: Option<String>,
    #[serde(default)]
    pub drop_lines: Vec<String>,
}

/// A compound selector: every part must match one start tag.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Selector {
    pub tag: Option<String>,
    pub id: Option<String>,
    pub classes: Vec<String>,
    /// `[name]` (any value) or `[name=value]`.
    pub attrs: Vec<(String, Option<String>)>,
}

impl Selector {
    pub fn parse(s: &str) -> Result<Selector, String> {
        let s = s.trim();
        if s.is_empty() || s.contains([' ', '>', '+', '~', ',']) {
            return Err(format!(
                "{s:?}: give one element as tag, .class, #id, [attr] or [attr=value], combined (no spaces or combinators)"
            ));
        }
        let mut sel = Selector::default();
        let mut rest = s;
        let name_end = rest.find(['.', '#', '[']).unwrap_or(rest.len());
        if name_end > 0 {
            sel.tag = Some(rest[..name_end].to_ascii_lowercase());
        }
        rest = &rest[name_end..];
        while !rest.is_empty() {
            let kind = rest.as_bytes()[0];
            if kind == b'[' {
                let close = rest.find(']').ok_or_else(|| format!("{s:?}: unclosed ["))?;
                let inner = &rest[1..close];
                let (name, value) = match inner.split_once('=') {
                    Some((n, v)) => (
                        n.trim(),
                        Some(v.trim().trim_matches(['"', '\'']).to_string()),
                    ),
                    None => (inner.trim(), None),
                };
                if name.is_empty() {
                    return Err(format!("{s:?}: empty attribute name"));
                }
                sel.attrs.push((name.to_ascii_lowercase(), value));
                rest = &rest[close + 1..];
                continue;
            }
            let end = rest[1..]
                .find(['.', '#', '['])
                .map_or(rest.len(), |e| e + 1);
            let word = &rest[1..end];
            if word.is_empty() {
                return Err(format!("{s:?}: empty name after {}", kind as char));
            }
            if kind == b'#' {
                sel.id = Some(word.to_string());
            } else {
                sel.classes.push(word.to_string());
            }
            rest = &rest[end..];
        }
        Ok(sel)
    }

    /// Whether a start tag with this name and these attributes matches.
    pub fn matches(&self, name: &str, attrs: &[(String, String)]) -> bool {
        let get = |k: &str| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        self.tag.as_deref().is_none_or(|t| t == name)
            && self.id.as_deref().is_none_or(|id| get("id") == Some(id))
            && self
                .classes
                .iter()
                .all(|c| get("class").is_some_and(|cl| cl.split_whitespace().any(|x| x == c)))
            && self.attrs.iter().all(|(k, v)| match (get(k), v) {
                (Some(_), None) => true,
                (Some(have), Some(want)) => have == want,
                (None, _) => false,
            })
    }
}

struct Compiled {
    files: Option<glob::Pattern>,
    main: Option<Selector>,
    drop: Vec<Regex>,
}

/// The compiled rules of an archive.
#[derive(Default)]
pub struct CleanRules {
    rules: Vec<Compiled>,
}

impl CleanRules {
    /// Compiles the entries; an error names the entry and what is wrong.
    pub fn new(entries: &[CleanEntry]) -> Result<CleanRules, String> {
        let mut rules = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            let at = |m: String| format!("[[clean]] entry {}: {m}", i + 1);
            let files = e
                .files
                .as_deref()
                .map(|g| glob::Pattern::new(g).map_err(|x| at(format!("files {g:?}: {x}"))))
                .transpose()?;
            let main = e
                .main
                .as_deref()
                .map(|m| Selector::parse(m).map_err(|x| at(format!("main {x}"))))
                .transpose()?;
            let drop = e
                .drop_lines
                .iter()
                .map(|p| Regex::new(p).map_err(|x| at(format!("drop_lines {p:?}: {x}"))))
                .collect::<Result<Vec<_>, _>>()?;
            rules.push(Compiled { files, main, drop });
        }
        Ok(CleanRules { rules })
    }

    fn for_file<'a, 'p>(
        &'a self,
        relative: &'p str,
    ) -> impl Iterator<Item = &'a Compiled> + use<'a, 'p> {
        self.rules
            .iter()
            .filter(move |r| r.files.as_ref().is_none_or(|g| g.matches(relative)))
    }

    /// `text` with the lines the rules for `relative` drop made empty.
    pub fn drop_lines(&self, relative: &str, text: String) -> String {
        let pats: Vec<&Regex> = self
            .for_file(relative)
            .flat_map(|r| r.drop.iter())
            .collect();
        if pats.is_empty() {
            return text;
        }
        text.split('\n')
            .map(|l| {
                if pats.iter().any(|p| p.is_match(l)) {
                    ""
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The main-content selector for `relative`, if a rule gives one.
    pub fn main_selector<'a>(&'a self, relative: &str) -> Option<&'a Selector> {
        self.for_file(relative).find_map(|r| r.main.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn compound_selectors_match_tags() {
        let s = Selector::parse("div.article-body#main[data-x=1]").expect("parses");
        assert!(s.matches(
            "div",
            &attrs(&[
                ("class", "wide article-body"),
                ("id", "main"),
                ("data-x", "1")
            ])
        ));
        assert!(!s.matches("div", &attrs(&[("class", "article-body"), ("id", "main")])));
        assert!(Selector::parse("[data-pagefind-body]")
            .expect("parses")
            .matches("main", &attrs(&[("data-pagefind-body", "")])));
        assert!(Selector::parse("div p").is_err());
        assert!(Selector::parse(".").is_err());
    }

    #[test]
    fn lines_are_dropped_by_file_glob_and_numbering_is_kept() {
        let rules = CleanRules::new(&[CleanEntry {
            files: Some("news/*.txt".into()),
            drop_lines: vec!["^Advertisement$".into()],
            main: None,
        }])
        .expect("compiles");
        let t = "Title\nAdvertisement\nText.".to_string();
        assert_eq!(rules.drop_lines("news/a.txt", t.clone()), "Title\n\nText.");
        assert_eq!(rules.drop_lines("other/a.txt", t.clone()), t);
    }

    #[test]
    fn a_bad_pattern_names_its_entry() {
        let e = CleanRules::new(&[CleanEntry {
            drop_lines: vec!["(".into()],
            ..Default::default()
        }]);
        assert!(e
            .err()
            .expect("error")
            .contains("[[clean]] entry 1: drop_lines"));
    }
}
