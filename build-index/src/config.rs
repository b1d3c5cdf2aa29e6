//! `archive.toml`: the one settings file of an archive. Every field is
//! optional; missing ones take the defaults documented in the file itself.

use crate::read::catalog::CatalogEntry;
pub use crate::read::metadata::topics::Topic;
use crate::Error;
use engine::format::{ArchiveInfo, EmbedInfo, FieldWeights, SearchSettings};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Everything build-index reads from `archive.toml`.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub archive: ArchiveInfo,
    pub search: SearchSettings,
    pub topics: Vec<Topic>,
    pub catalog: Vec<CatalogEntry>,
    /// How the corpus folder is walked (`[corpus]`).
    pub corpus: crate::read::corpus::WalkOptions,
    /// The archivist's cleaning rules (`[[clean]]`), validated.
    pub clean: Vec<crate::read::clean::CleanEntry>,
    /// The file this came from (None = built-in defaults).
    pub path: Option<PathBuf>,
    /// The file has an `[embed]` table: the archivist means to embed it.
    pub embed_section: bool,
    /// `[site]`: static pages and what works offline.
    pub site: crate::publish::site::SiteOptions,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    archive: RawArchive,
    #[serde(default)]
    search: RawSearch,
    #[serde(default)]
    embed: RawEmbed,
    #[serde(default)]
    corpus: RawCorpus,
    #[serde(default)]
    site: crate::publish::site::SiteOptions,
    #[serde(default)]
    clean: Vec<crate::read::clean::CleanEntry>,
    #[serde(default)]
    topics: Vec<Topic>,
    #[serde(default)]
    catalog: Vec<CatalogEntry>,
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct RawCorpus {
    follow_links_outside: bool,
}

#[derive(Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawArchive {
    name: String,
    description: String,
    public_url: String,
    lang: String,
}

impl Default for RawArchive {
    fn default() -> Self {
        RawArchive {
            name: "Document Archive".to_string(),
            description: String::new(),
            public_url: String::new(),
            lang: "en".to_string(),
        }
    }
}

#[derive(Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawSearch {
    one_typo_min_len: usize,
    two_typos_min_len: usize,
    page_size: u32,
    weights: FieldWeights,
}

impl Default for RawSearch {
    fn default() -> Self {
        let d = SearchSettings::default();
        RawSearch {
            one_typo_min_len: d.one_typo_min_len,
            two_typos_min_len: d.two_typos_min_len,
            page_size: engine::DEFAULT_PAGE_SIZE,
            weights: d.weights,
        }
    }
}

#[derive(Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawEmbed {
    allowed_origins: Vec<String>,
    allow_filter_change: bool,
}

impl Default for RawEmbed {
    fn default() -> Self {
        RawEmbed {
            allowed_origins: Vec::new(),
            allow_filter_change: true,
        }
    }
}

impl Config {
    /// Built-in defaults (no file): no topics, no catalog.
    pub fn defaults() -> Config {
        Config::from_raw(RawConfig::default(), None)
    }

    /// Parses `archive.toml` text; `origin` names the file in errors.
    pub fn parse(text: &str, origin: &Path) -> Result<Config, Error> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| Error::Config {
            path: origin.display().to_string(),
            reason: e.to_string(),
        })?;
        let bad = |reason: String| Error::Config {
            path: origin.display().to_string(),
            reason,
        };
        if let Some(reason) = public_url_problem(&raw.archive.public_url) {
            return Err(bad(format!(
                "[archive] public_url {:?}: {reason}",
                raw.archive.public_url
            )));
        }
        if !raw.archive.lang.is_empty() && !is_language_tag(&raw.archive.lang) {
            return Err(bad(format!(
                "[archive] lang {:?} is not a language code such as \"en\", \"fr\" or \"pt-BR\"",
                raw.archive.lang
            )));
        }
        crate::read::clean::CleanRules::new(&raw.clean).map_err(bad)?;
        for t in &raw.topics {
            if t.name.trim().is_empty() {
                return Err(Error::Config {
                    path: origin.display().to_string(),
                    reason: "a [[topics]] entry has an empty name".to_string(),
                });
            }
        }
        for (i, c) in raw.catalog.iter().enumerate() {
            c.validate().map_err(|reason| Error::Config {
                path: origin.display().to_string(),
                reason: format!("[[catalog]] entry {}: {reason}", i + 1),
            })?;
        }
        let mut config = Config::from_raw(raw, Some(origin.to_path_buf()));
        config.embed_section = toml::from_str::<toml::Table>(text)
            .map(|t| t.contains_key("embed"))
            .unwrap_or(false);
        Ok(config)
    }

    /// Reads and parses an `archive.toml` file.
    pub fn load(path: &Path) -> Result<Config, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::Io {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        Config::parse(&text, path)
    }

    /// The default lookup: `archive.toml` in the corpus folder, else in the
    /// current directory, else built-in defaults.
    pub fn discover(corpus: &Path) -> Result<Config, Error> {
        // The corpus's own settings first: run from a project folder, a
        // build of another corpus must not take that project's settings.
        let beside = corpus.join("archive.toml");
        if beside.is_file() {
            return Config::load(&beside);
        }
        let here = Path::new("archive.toml");
        if here.is_file() {
            return Config::load(here);
        }
        Ok(Config::defaults())
    }

    fn from_raw(raw: RawConfig, path: Option<PathBuf>) -> Config {
        Config {
            archive: ArchiveInfo {
                name: raw.archive.name,
                description: raw.archive.description,
                public_url: raw.archive.public_url,
                lang: raw.archive.lang,
                page_size: raw.search.page_size,
                embed: EmbedInfo {
                    allowed_origins: raw.embed.allowed_origins,
                    allow_filter_change: raw.embed.allow_filter_change,
                },
                // Chosen from the documents once they are read.
                examples: Default::default(),
            },
            search: SearchSettings {
                one_typo_min_len: raw.search.one_typo_min_len,
                two_typos_min_len: raw.search.two_typos_min_len,
                weights: raw.search.weights,
            },
            topics: raw.topics,
            catalog: raw.catalog,
            corpus: crate::read::corpus::WalkOptions {
                follow_links_outside: raw.corpus.follow_links_outside,
            },
            clean: raw.clean,
            path,
            embed_section: false,
            site: raw.site,
        }
    }

    /// What the archivist should know about these settings before
    /// publishing: said in the build summary.
    pub fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if self.embed_section && self.archive.embed.allowed_origins.is_empty() {
            notes.push(
                "[embed] lists no allowed_origins: an embedded reader will neither act on its \
                 host page's messages nor send it any (height, results); add the host's origin, \
                 e.g. allowed_origins = [\"https://example.org\"]"
                    .to_string(),
            );
        }
        notes
    }

    /// Default document language (ISO 639-1).
    pub fn lang(&self) -> &str {
        if self.archive.lang.is_empty() {
            "en"
        } else {
            &self.archive.lang
        }
    }
}

/// Why `url` cannot be the site's public address, if it cannot: it must
/// be empty (use the page's own address) or an absolute http(s) URL.
fn public_url_problem(url: &str) -> Option<&'static str> {
    if url.is_empty() {
        return None;
    }
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest {
        None => {
            Some("must start with https:// or http:// (permalinks and citations are built from it)")
        }
        Some(r) if r.is_empty() || r.starts_with('/') => Some("has no host name"),
        Some(r)
            if r.chars().any(|c| {
                c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\')
            }) =>
        {
            Some("contains spaces, quotes or angle brackets")
        }
        Some(_) => None,
    }
}

/// A BCP 47 shape: a 2–3 letter language, then optional 1–8 character
/// subtags ("en", "pt-BR", "zh-Hant-TW").
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let lang_ok = parts
        .next()
        .is_some_and(|l| (2..=3).contains(&l.len()) && l.chars().all(|c| c.is_ascii_alphabetic()));
    lang_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_embed_section_without_origins_is_noted() {
        let p = Path::new("archive.toml");
        let c = Config::parse("[embed]\nallow_filter_change = true\n", p).unwrap();
        assert!(c.notes().iter().any(|n| n.contains("allowed_origins")));
        let c = Config::parse("[embed]\nallowed_origins = [\"https://a.org\"]\n", p).unwrap();
        assert!(c.notes().is_empty());
        assert!(Config::parse("[archive]\nname = \"X\"\n", p)
            .unwrap()
            .notes()
            .is_empty());
    }

    #[test]
    fn site_pages_take_a_layout_name() {
        use crate::publish::site::PageLayout;
        let p = Path::new("archive.toml");
        assert_eq!(Config::parse("", p).unwrap().site.pages, PageLayout::Auto);
        for (name, layout) in [
            ("each", PageLayout::Each),
            ("grouped", PageLayout::Grouped),
            ("none", PageLayout::None),
        ] {
            let c = Config::parse(&format!("[site]\npages = \"{name}\"\n"), p).unwrap();
            assert_eq!(c.site.pages, layout);
        }
        let e = Config::parse("[site]\npages = \"some\"\n", p)
            .unwrap_err()
            .to_string();
        assert!(e.contains("archive.toml") && e.contains("grouped"), "{e}");
    }

    #[test]
    fn empty_file_gives_defaults() {
        let c = Config::parse("", Path::new("a.toml")).expect("parses");
        assert_eq!(c.archive.lang, "en");
        assert_eq!(c.archive.page_size, 10);
        assert_eq!(c.search.one_typo_min_len, 5);
        assert!(c.archive.embed.allow_filter_change);
    }

    #[test]
    fn sections_map_onto_engine_settings() {
        let c = Config::parse(
            "[archive]\nname = \"X\"\n[search]\npage_size = 7\none_typo_min_len = 4\n[search.weights]\ntitle = 9.0\n\
             [embed]\nallowed_origins = [\"https://a.org\"]\n[[topics]]\nname = \"T\"\nterms = [\"a b\"]\n",
            Path::new("a.toml"),
        )
        .expect("parses");
        assert_eq!(c.archive.name, "X");
        assert_eq!(c.archive.page_size, 7);
        assert_eq!(c.search.one_typo_min_len, 4);
        assert_eq!(c.search.weights.title, 9.0);
        assert_eq!(c.search.weights.body, 1.0);
        assert_eq!(
            c.archive.embed.allowed_origins,
            vec!["https://a.org".to_string()]
        );
        assert_eq!(c.topics[0].terms, vec!["a b".to_string()]);
    }

    #[test]
    fn public_url_must_be_http_and_lang_a_language_code() {
        for bad in [
            "javascript:alert(1)",
            "ftp://x.org/",
            "archive.example",
            "https://",
            "https://a b/",
        ] {
            let t = format!("[archive]\npublic_url = {bad:?}\n");
            let e = Config::parse(&t, Path::new("a.toml")).expect_err(bad);
            assert!(e.to_string().contains("public_url"), "{e}");
        }
        for good in ["", "https://archive.example/", "http://127.0.0.1:8080/x/"] {
            let t = format!("[archive]\npublic_url = {good:?}\n");
            Config::parse(&t, Path::new("a.toml")).expect(good);
        }
        for bad in ["english", "e", "en_US", "en-"] {
            let t = format!("[archive]\nlang = {bad:?}\n");
            assert!(Config::parse(&t, Path::new("a.toml")).is_err(), "{bad}");
        }
        for good in ["en", "pt-BR", "zh-Hant-TW"] {
            let t = format!("[archive]\nlang = {good:?}\n");
            Config::parse(&t, Path::new("a.toml")).expect(good);
        }
    }

    #[test]
    fn unknown_field_is_an_error_naming_the_file() {
        let e =
            Config::parse("[archive]\nnmae = \"X\"\n", Path::new("my/archive.toml")).unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("my/archive.toml") && msg.contains("nmae"),
            "{msg}"
        );
    }

    #[test]
    fn the_repository_archive_toml_parses() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../archive.toml");
        let c = Config::load(&path).expect("archive.toml parses");
        assert!(!c.topics.is_empty());
    }
}
