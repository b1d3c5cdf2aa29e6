//! The second corpus, `tests/fixtures/river-valley/`: Markdown with YAML and
//! TOML front matter, HTML pages with <title>, headings and nav/footer
//! chrome, a JSONL export and a plain-text archive page holding two articles.

use build_index::config::Config;
use build_index::{load_corpus, Corpus};
use engine::{Block, Document, Origin};
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/river-valley")
}

fn load() -> Corpus {
    let cfg = Config::load(&dir().join("archive.toml")).expect("fixture archive.toml");
    load_corpus(&dir(), &cfg).expect("fixture corpus loads")
}

fn doc<'a>(c: &'a Corpus, id_prefix: &str) -> &'a Document {
    c.documents
        .iter()
        .find(|d| d.id.starts_with(id_prefix))
        .unwrap_or_else(|| panic!("no document {id_prefix}"))
}

fn body(d: &Document) -> String {
    d.blocks
        .iter()
        .map(|b| b.text())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn at_least_twenty_documents_and_no_warnings() {
    let c = load();
    assert!(c.documents.len() >= 20, "{}", c.documents.len());
    assert_eq!(c.documents.len(), 28);
    assert_eq!(c.files, 23);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    let mut ids: Vec<&str> = c.documents.iter().map(|d| d.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 28, "ids are unique");
}

#[test]
fn markdown_front_matter_gives_metadata() {
    let c = load();
    let d = doc(&c, "news-2019-03-02-flood-gauges/");
    assert_eq!(d.title, "New flood gauges installed along the Alder River");
    assert_eq!(d.date.as_deref(), Some("2019-03-02"));
    assert_eq!(d.year, Some(2019));
    assert_eq!(d.source.as_deref(), Some("Valley Courier"));
    assert_eq!(d.doc_type.as_deref(), Some("news article"));
    assert_eq!(d.origin.get("date"), Some(&Origin::Text));
    assert_eq!(d.line_start, 1);
    assert!(
        d.people.contains(&"Irene Castellanos".to_string()),
        "{:?}",
        d.people
    );
    assert!(d.topics.contains(&"Flooding".to_string()));
    // "# title" repeated under front matter is not a second heading.
    assert!(!d
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Heading { text, .. } if text == &d.title)));
    assert!(d
        .blocks
        .iter()
        .any(|b| matches!(b, Block::ListItem { text, .. } if text == "Water temperature")));
    let toml = doc(&c, "news-2021-11-23-bridge-closure/");
    assert_eq!(toml.date.as_deref(), Some("2021-11-23"));
    assert_eq!(toml.places.first().map(String::as_str), Some("Stonefield"));
    let es = doc(&c, "news-2023-03-14-sequia-es/");
    assert_eq!(es.lang, "es");
    assert!(
        es.topics.contains(&"Drought".to_string()),
        "accent-insensitive taxonomy terms: {:?}",
        es.topics
    );
}

#[test]
fn nested_numbered_lists_in_markdown() {
    let c = load();
    let d = doc(&c, "council-2021-02-15-minutes/");
    let nested = d
        .blocks
        .iter()
        .filter(|b| {
            matches!(
                b,
                Block::ListItem {
                    ordered: true,
                    depth: 1,
                    ..
                }
            )
        })
        .count();
    assert_eq!(nested, 2);
    assert!(d
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Heading { text, .. } if text == "2. Budget")));
}

#[test]
fn html_pages_keep_the_article_and_drop_chrome() {
    let c = load();
    for d in c
        .documents
        .iter()
        .filter(|d| d.source_file.ends_with(".html"))
    {
        let text = body(d);
        for chrome in [
            "River Valley Archive\n",
            "Privacy",
            "Contact",
            "All rights reserved",
            "Related stories",
            "Other story",
            "Share on Facebook",
            "Tweet",
            "Previous article",
            "tracking code",
            "font-family",
            "Read more",
            "Photo: River Valley Archive",
        ] {
            assert!(
                !text.contains(chrome),
                "{}: chrome {chrome:?} in {text:?}",
                d.id
            );
        }
        assert!(d.date.is_some(), "{} has a meta date", d.id);
        assert!(d.source.is_some(), "{} names its site in <title>", d.id);
        assert!(d.line_start > 1 && d.line_end >= d.line_start);
    }
    let weir = doc(&c, "pages-history-of-the-weir/");
    assert_eq!(weir.title, "A short history of the Millbrook weir");
    assert_eq!(weir.source.as_deref(), Some("River Valley Archive"));
    let headings: Vec<&str> = weir
        .blocks
        .iter()
        .filter_map(|b| {
            if let Block::Heading { text, .. } = b {
                Some(text.as_str())
            } else {
                None
            }
        })
        .collect();
    assert_eq!(headings, vec!["Floods and repairs", "The fish pass"]);
    let plan = doc(&c, "pages-flood-plan/");
    assert!(plan.blocks.iter().any(
        |b| matches!(b, Block::ListItem { depth: 1, text, .. } if text == "Label the switches")
    ));
    let grant = doc(&c, "pages-press-release-grant/");
    assert_eq!(grant.doc_type.as_deref(), Some("press release"));
    assert_eq!(grant.source.as_deref(), Some("Alder Valley Water Board"));
}

#[test]
fn script_text_is_text_and_script_elements_are_never_read() {
    let c = load();
    let d = doc(&c, "pages-script-sample/");
    let text = body(d);
    assert!(
        text.contains(r#"<script>alert("hi")</script>"#),
        "escaped markup is kept as text: {text}"
    );
    assert!(!text.contains("must never appear"));
}

#[test]
fn transcripts_in_markdown() {
    let c = load();
    let d = doc(&c, "interviews-2021-07-07-miller/");
    assert_eq!(d.speakers, vec!["Henrik Voss"]);
    assert_eq!(d.doc_type.as_deref(), Some("interview"));
    assert!(d
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Turn { role: true, label, .. } if label == "INTERVIEWER")));
    let h = doc(&c, "interviews-2020-10-12-hydrologist/");
    assert_eq!(h.speakers, vec!["Irene Castellanos"]);
    assert!(h.blocks.iter().any(|b| matches!(b, Block::Turn { speaker, notes, .. } if speaker == "Irene Castellanos" && notes.is_empty())));
}

#[test]
fn plain_text_archive_page_splits_into_articles() {
    let c = load();
    let docs: Vec<&Document> = c
        .documents
        .iter()
        .filter(|d| d.source_file == "news/bulletin.txt")
        .collect();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].title, "Ice jam lifts at Ostrand after three days");
    assert_eq!(docs[0].date.as_deref(), Some("2018-03-03"));
    assert_eq!(docs[1].title, "Millbrook library opens river archive room");
    assert_eq!((docs[1].line_start, docs[1].line_end), (13, 19));
    for d in docs {
        let t = body(d);
        assert!(
            !t.contains("Tag Archives")
                && !t.contains("Share this")
                && !t.contains("©")
                && !t.contains("Related posts")
        );
    }
}

#[test]
fn jsonl_lines_are_documents_with_their_line() {
    let c = load();
    let d = doc(&c, "news-wire/beaver-dams-spotted-on-harrow-brook");
    assert_eq!((d.line_start, d.line_end), (3, 3));
    assert_eq!(d.people, vec!["Oona Fairweather"]);
    assert!(d.topics.contains(&"Wildlife".to_string()));
    let first = doc(&c, "news-wire/river-clean-up");
    assert_eq!(first.blocks.len(), 2);
    assert!(first.origin.contains_key("source"));
}

#[test]
fn fixture_catalog_entry_applies() {
    let c = load();
    let d = doc(&c, "pages-visiting-the-wetlands/");
    assert_eq!(d.doc_type.as_deref(), Some("guide"));
    assert_eq!(d.origin.get("doc_type"), Some(&Origin::Catalog));
}

#[test]
fn a_tag_page_with_several_articles_is_split_into_them() {
    let c = load();
    let docs: Vec<&Document> = c
        .documents
        .iter()
        .filter(|d| d.source_file == "pages/tag-floods.html")
        .collect();
    let got: Vec<(&str, Option<&str>, u32, u32)> = docs
        .iter()
        .map(|d| {
            (
                d.title.as_str(),
                d.date.as_deref(),
                d.line_start,
                d.line_end,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "Sandbag store moves to the fire station",
                Some("2023-11-14"),
                14,
                20
            ),
            (
                "Gauge board repainted at Alder Bridge",
                Some("2023-09-02"),
                21,
                26
            ),
            (
                "Flood wardens wanted for the lower village",
                Some("2023-08-20"),
                27,
                31
            ),
        ],
        "the short teaser card is not a document"
    );
    for d in &docs {
        assert_eq!(d.source.as_deref(), Some("Stonefield Gazette"));
        let text = body(d);
        for chrome in [
            "Posts tagged",
            "Read more",
            "Older posts",
            "Popular tags",
            "By Marta",
            "Posted on",
            "©",
        ] {
            assert!(!text.contains(chrome), "{chrome:?} in {}: {text}", d.id);
        }
    }
    assert!(body(docs[1]).starts_with("The depth gauge"));
}
