//! Golden snapshot of the document table for `seeds/`, built with the
//! repository's `archive.toml` (catalog on) and without the catalog.
//!
//! The snapshots were reviewed by hand against the seed files: every real
//! article is its own document with its printed title, and no aggregator
//! chrome or teaser list is indexed. When a change is intended, regenerate
//! with `UPDATE_GOLDEN=1 cargo test -p build-index --test seeds_golden`
//! and review the diff before committing it.

use build_index::config::Config;
use build_index::{load_corpus, Corpus};
use engine::{Block, Document, Origin};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn load(catalog: bool) -> Corpus {
    let mut cfg = Config::load(&root().join("archive.toml")).expect("archive.toml");
    if !catalog {
        cfg.catalog.clear();
    }
    load_corpus(&root().join("seeds"), &cfg).expect("seeds load")
}

fn row(d: &Document) -> serde_json::Value {
    let origin = |f: &str| {
        d.origin.get(f).map(|o| {
            if *o == Origin::Catalog {
                "catalog"
            } else {
                "text"
            }
        })
    };
    let turns = d
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Turn { .. }))
        .count();
    let headings: Vec<&str> = d
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
    serde_json::json!({
        "id": d.id, "title": d.title, "date": d.date, "date_origin": origin("date"), "year": d.year,
        "source": d.source, "source_origin": origin("source"), "doc_type": d.doc_type, "lang": d.lang,
        "speakers": d.speakers, "people": d.people, "places": d.places, "topics": d.topics,
        "word_count": d.word_count, "source_file": d.source_file, "line_start": d.line_start, "line_end": d.line_end,
        "blocks": d.blocks.len(), "turns": turns, "headings": headings,
    })
}

fn check_golden(name: &str, corpus: &Corpus) {
    let rows: Vec<serde_json::Value> = corpus.documents.iter().map(row).collect();
    let text = serde_json::to_string_pretty(&rows).expect("json") + "\n";
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &text).expect("write golden");
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    if want != text {
        let got_path = std::env::temp_dir().join(format!("got-{name}"));
        let _ = std::fs::write(&got_path, &text);
        panic!(
            "document table differs from {} (new output in {}); review with diff, then regenerate with UPDATE_GOLDEN=1",
            path.display(),
            got_path.display()
        );
    }
}

#[test]
fn seeds_document_table_matches_golden_with_catalog() {
    let c = load(true);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    check_golden("seeds.json", &c);
}

#[test]
fn seeds_document_table_matches_golden_without_catalog() {
    check_golden("seeds-no-catalog.json", &load(false));
}

#[test]
fn every_article_is_its_own_document_with_its_printed_title() {
    let c = load(true);
    let titles: Vec<&str> = c.documents.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(
        titles,
        vec![
            "Europe – the continent of solidarity: Joint Statement on the occasion of International Migrant Day",
            "Record temperatures, refugee wishlists, and a grim anniversary for South Sudan: The cheat sheet",
            "Migrants to bear the brunt of scant solidarity at EU leaders’ summit",
            "UN and Africa: Emergency Response Funding, Somalia’s future, and a UN Volunteer from Kenya",
            "Press Availability at the Second U.S.-Mexico Strategic Dialogue on Disrupting Transnational Criminal Organizations",
            "Joint Statement: U.S.-Mexico High-Level Security Dialogue",
            "Secretary Antony J. Blinken With Alejandro Dominguez of Milenio TV",
            "U.S. State Department Officials Say ‘Full Court Press’ Underway to Address Mass Migration",
            "U.S. -Mexico Migration Talks And Plan of Action for Cooperation on Border Safety",
        ]
    );
    assert_eq!(
        c.documents[6].id,
        "002-6329a5d890f25ed4/secretary-antony-j-blinken-with-alejandro-dominguez"
    );
}

#[test]
fn no_page_chrome_is_indexed() {
    let c = load(true);
    let chrome = [
        "Tag Archives",
        "Read More",
        "min read",
        "Listen /",
        "email protected",
        "Spanish Version",
        "More from:",
        "All rights reserved",
        "In Crime News",
        "GAO",
        "TOP PHOTO",
        "UN Photo/",
        "UN News/",
        "Related MEPs",
        "For More Information",
        "DoOurBest",
        "Do our best",
        "Sentencing of Canadian Citizen",
        "###",
    ];
    for d in &c.documents {
        for b in &d.blocks {
            for bad in chrome {
                assert!(
                    !b.text().contains(bad),
                    "{} block {:?} contains chrome {bad:?}",
                    d.id,
                    b.text()
                );
            }
        }
        for bad in ["News Network", "Sofitel"] {
            assert!(
                d.blocks.iter().all(|b| !b.text().contains(bad)),
                "{}: {bad}",
                d.id
            );
        }
    }
}

#[test]
fn sub_headings_stay_inside_their_articles() {
    let c = load(true);
    let has_heading = |id_part: &str, h: &str| {
        c.documents.iter().any(|d| {
            d.id.contains(id_part)
                && d.blocks
                    .iter()
                    .any(|b| matches!(b, Block::Heading { text, .. } if text == h))
        })
    };
    assert!(has_heading("record-temperatures", "War without end"));
    assert!(has_heading("record-temperatures", "Counting the dead"));
    assert!(has_heading(
        "u-s-mexico-migration-talks",
        "Plan of Action for Cooperation on Border Safety"
    ));
    assert!(has_heading("joint-statement-u-s-mexico", "The United States-Mexico Bicentennial Framework for Security, Public Health, and Safe Communities"));
}

#[test]
fn transcript_speakers_are_people_and_roles_are_not() {
    let c = load(true);
    let interview = &c.documents[6];
    assert_eq!(interview.speakers, vec!["Antony J. Blinken"]);
    assert_eq!(interview.doc_type.as_deref(), Some("interview"));
    let press = &c.documents[4];
    assert!(press
        .speakers
        .iter()
        .all(|s| s != "QUESTION" && s != "MODERATOR" && !s.contains("interpreter")));
    assert!(press.blocks.iter().any(|b| matches!(b, Block::Turn { role: true, label, notes, .. } if label == "MODERATOR" && notes.iter().any(|n| n == "Via interpreter"))));
    let radio = &c.documents[3];
    assert!(
        radio.speakers.is_empty(),
        "credit lines are not speakers: {:?}",
        radio.speakers
    );
}

/// A build reads the corpus packed (see `build_index::read::packed`): each
/// document, catalog applied, must read back as exactly what the index
/// stores for the document `load_corpus` gives, with the same warnings.
#[test]
fn packed_documents_are_the_loaded_documents() {
    let cfg = Config::load(&root().join("archive.toml")).expect("archive.toml");
    let loaded = load(true);
    let (packed, mut reader) =
        build_index::load_corpus_packed(&root().join("seeds"), &cfg, &|_, _| {})
            .expect("seeds load packed");
    assert_eq!(packed.documents.len(), loaded.documents.len());
    assert_eq!(packed.warnings, loaded.warnings);
    assert_eq!(packed.words, loaded.words);
    let mut json = Vec::new();
    for (p, d) in packed.documents.iter().zip(&loaded.documents) {
        assert_eq!(p.id, d.id);
        reader.read(p, &mut json).expect("reads back");
        assert_eq!(json, engine::docstore::encode_doc(d).expect("encodes"));
    }
}
